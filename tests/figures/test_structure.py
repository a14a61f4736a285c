"""kb.figures.structure: the terms of a structure ratio read as shares, on sentences of our own."""

from kb.figures.structure import structure_items, structure_of
from kb.search.claim_parse import parse_claim


def facts_of(tokenizer, text):
    return parse_claim(text, tokenizer)


def test_the_terms_of_an_industry_structure_are_shares_of_gdp(tokenizer):
    facts = facts_of(tokenizer, "2023年全市三次产业结构为5.2∶40.1∶54.7。")
    assert [(f.indicator, f.indicator_key, f.measure, f.unit_normalized, f.value) for f in facts] == [
        ("三次产业结构", "第一产业增加值", "share", "%", 5.2),
        ("三次产业结构", "第二产业增加值", "share", "%", 40.1),
        ("三次产业结构", "第三产业增加值", "share", "%", 54.7)]


def test_terms_that_do_not_add_up_to_100_or_of_another_ratio_stay_as_they_were(tokenizer):
    facts = facts_of(tokenizer, "2023年全市三次产业结构为5.2∶40.1∶44.7。")
    assert {f.indicator_key for f in facts} == {"三次产业结构"}
    facts = facts_of(tokenizer, "2023年城乡居民收入之比为2.1∶1。")
    assert all("产业" not in (f.indicator_key or "") for f in facts)


def test_what_names_a_structure():
    assert structure_of("三次产业的比例") == ("第一产业增加值", "第二产业增加值", "第三产业增加值")
    assert structure_of("产业结构") == ("第一产业增加值", "第二产业增加值", "第三产业增加值")
    assert structure_of("三次产业增加值") == ()
    assert structure_of("就业结构") == ()
    assert structure_items("", []) == {}
