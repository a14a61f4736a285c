"""kb.text.script and the vocabularies read in either script: traditional text linked as simplified."""

from __future__ import annotations

import re

import pytest

from kb.search.claim_parse import parse_claim
from kb.text.script import simplified, table, usual_traditional
from kb.text.tokenizer import normalize
from kb.text.vocab import either_script, words
from tests.paths import ROOT


@pytest.mark.parametrize("traditional, expected", [
    ("2021年澳門本地生產總值為2394億澳門元", "2021年澳门本地生产总值为2394亿澳门元"),
    ("全年入境旅客771.6萬人次，按年上升30.7%。", "全年入境旅客771.6万人次，按年上升30.7%。"),
    ("臺灣地區經濟增長率", "台湾地区经济增长率"),
])
def test_traditional_characters_are_simplified_one_for_one(traditional, expected):
    assert simplified(traditional) == expected
    assert len(simplified(traditional)) == len(traditional)


def test_simplified_text_passes_through_unchanged():
    """The table leaves out every character simplified text also uses (乾隆, 徵), except 於: the
    preposition 于 of traditional text far more often than a surname in simplified text."""
    for name in ("乾", "徵", "著", "覆"):
        assert ord(name) not in table()
    assert simplified("相當於美國的70%") == "相当于美国的70%"
    for path in sorted((ROOT / "corpus").glob("*.md")) + sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert simplified(text) == text, path.name


def test_search_tokens_read_traditional_as_simplified():
    assert normalize("經濟ＧＤＰ") == "经济gdp"


def test_the_usual_traditional_form_of_a_word():
    written = "出处来源".translate(usual_traditional())
    assert written == "出處來源"      # 出 stays 出 (not the rarer 齣)


def test_a_pattern_in_either_script():
    pattern = either_script(r"来源[:：\u4e00-\u9fff]经济")
    assert re.fullmatch(pattern, "來源：經濟") and re.fullmatch(pattern, "来源：经济")
    assert either_script(r"[来去]") == "[来來去]"


def test_ingest_word_lists_carry_their_traditional_forms():
    assert words("ingest", "record_publisher_keys")[:3] == ("原文出处", "出处", "来源")
    assert "原文出處" in words("ingest", "record_publisher_keys")
    assert "標題" in words("ingest", "record_title_keys")


def identity(fact):
    return (fact.subject_key, fact.indicator_key, fact.measure, fact.basis, fact.year, fact.value_normalized)


@pytest.mark.parametrize("traditional, simplified_text", [
    ("2021年澳門本地生產總值按年實質增長18.0%。", "2021年澳门本地生产总值按年实质增长18.0%。"),
    ("2022年廣東省地區生產總值比上年增長1.9%。", "2022年广东省地区生产总值比上年增长1.9%。"),
    ("2020年臺灣出口總額3452億美元。", "2020年台湾出口总额3452亿美元。"),
])
def test_a_traditional_sentence_is_linked_as_its_simplified_rendering(tokenizer, traditional, simplified_text):
    read = parse_claim(traditional, tokenizer)
    plain = parse_claim(simplified_text, tokenizer)
    assert [identity(f) for f in read] == [identity(f) for f in plain]
    assert [f.quote for f in read] == [traditional]          # the quote is the text as written


def test_hong_kong_and_macao_words_for_real_year_on_year_growth(tokenizer):
    (growth,) = parse_claim("2021年澳門本地生產總值按年實質增長18.0%。", tokenizer)
    assert (growth.subject_key, growth.indicator_key, growth.measure, growth.basis) == \
        ("澳门", "GDP", "yoy_growth", "real")
