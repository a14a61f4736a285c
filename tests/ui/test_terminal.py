"""kb.ui.terminal, numbers, wording, words, explain, links: what people read, exactly."""

from __future__ import annotations

import pytest

from kb.models import Check
from kb.ui import numbers, terminal, wording
from kb.ui.explain import error_message, translate
from kb.ui.links import passage_address, tab_id
from kb.ui.words import pick_lang, words
from tests.search.test_answers import fact

ZH, EN = words("zh"), words("en")


def test_width_counts_chinese_as_two_columns_and_aligned_lines_up():
    assert terminal.width("京津冀ab") == 8
    text = terminal.aligned(["地区", "值"], [["北京", "1"], ["大湾区内地九市", "22"]])
    lines = text.splitlines()
    assert [terminal.width(line[: line.rindex(" ") + 1]) for line in (lines[2], lines[3])] == [16, 16]
    assert terminal.clip("京津冀数字经济", 7) == "京津冀…"


def test_mark_uses_brackets_without_a_terminal():
    assert terminal.mark("规模为3.91万亿元。", [(3, 10)], color=False) == "规模为【3.91万亿元】。"
    assert terminal.mark("ab", [(0, 1)], color=True) == "\033[7ma\033[27mb"


@pytest.mark.parametrize("kw, figure, value", [
    (dict(value=45.4, unit="亿元", figure_text="45.4亿元"), "45.4亿元", "45.4亿元"),
    (dict(value=39.8, unit="%", figure_text="39.8%"), "39.8%", "39.8%"),
    (dict(value=500, unit="个", figure_text="500余家", qualifier="余"), "500余家", "500个"),
    (dict(value=708, unit="个", figure_text=""), "708个", "708个"),
    (dict(value=1, unit="倍", figure_text="翻了一番", claim_type="multiple"), "翻了一番", "1倍"),
])
def test_figures_as_written_and_values_with_wan_yi(kw, figure, value):
    f = fact("x", "北京", "指标", **kw)
    assert numbers.figure(f) == figure and numbers.value_text(f) == value


def test_scaled_keeps_the_source_precision():
    assert numbers.scaled(4.54e13, 3) == "45.4万亿"
    assert numbers.scaled(43000, 2) == "4.3万"
    assert numbers.scaled(2.377962e12, 7) == "2.377962万亿"
    assert numbers.scaled(39.8, 3) == "39.8"
    assert numbers.significant_digits("0.71") == 2 and numbers.significant_digits("4555.7") == 5
    assert numbers.plain(0.81818, 3) == "0.818" and numbers.plain(None) == "—"


def test_periods_and_about_in_words():
    f = fact("x", "京津冀", "数字经济规模", 3.91, year=2020)
    assert wording.period(f, ZH) == "2020年" and wording.period(f, EN) == "2020"
    assert wording.about(f, ZH) == "京津冀 · 数字经济规模 · 2020年 · 水平值"
    q1 = fact("y", "广东", "GDP", 1.0, period_start_month="2021-01", period_end_month="2021-03")
    assert wording.period(q1, ZH) == "2022年1—3月".replace("2022", "2021")
    span = fact("z", "京津冀", "孵化器", 1.51, unit="倍", period_start_month="2014-01", period_end_month="2022-12")
    assert wording.period(span, ZH) == "2014—2022年"


def test_verify_text_puts_the_summary_first_and_groups_by_document():
    stated = fact("s", "京津冀", "孵化器", 1, unit="倍", figure_text="近1倍", qualifier="近")
    checks = [Check(check_id="c1", kind="multiple", doc_id="d1", passage_id="p1", stated_fact_id="s",
                    stated_value=1, recomputed_value=0.8182, verdict="inconsistent", explanation="x"),
              Check(check_id="c2", kind="share", doc_id="d2", passage_id="p2", verdict="unverifiable",
                    explanation="y")]
    text = terminal.verify_text(checks, {"s": stated}, {"d1": "报告一"}, ZH)
    assert text.splitlines() == ["共 2 项核验：不一致 1，无法核验 1", "", "报告一（d1）：不一致 1",
                                 "  ✗ 不一致  倍数  p1  近1倍 → 0.818倍  京津冀 · 孵化器 · 2022年",
                                 "", "d2（d2）：无法核验 1", "  ? 无法核验  占比  p2"]


def test_words_terms_and_fallbacks():
    assert [ZH.term("verdict", v) for v in ("supported", "contradicted", "not_found", "consistent",
                                           "inconsistent", "unverifiable")] == [
        "属实", "不符", "未找到", "一致", "不一致", "无法核验"]
    assert ZH.term("claim_type", "multiple") == "倍数" and EN.term("claim_type", "multiple") == "multiple"
    assert ZH("loc_page", page=12) + " · " + ZH("loc_passage", n=3) == "第12页 · 第3段"
    assert ZH("no_such_key") == "no_such_key"
    assert pick_lang("EN") == "en" and pick_lang("fr") == "zh" and pick_lang(None) == "zh"


def test_explanations_and_errors_translate_by_shape():
    assert translate("140 / 77 − 1 = 0.82倍 from 77个 [f1, chars 1–3], 140个 [f2, chars 5–8], "
                     "stated 近1倍 (近1倍 read as [0.9, 1]): inconsistent.", ZH) == (
        "140 / 77 − 1 = 0.82倍，依据 77个 [f1, 字符 1–3], 140个 [f2, 字符 5–8]；原文为 近1倍 (近1倍 按 [0.9, 1])：不一致。")
    assert translate("Totally new shape.", ZH) is None
    assert translate("Totally new shape.", EN) == "Totally new shape."
    assert error_message("empty query: give a few words", ZH).startswith("查询为空")
    assert error_message("something else", ZH) == "something else"


def test_addresses_of_views():
    assert passage_address("a.txt", "p1", "f1", ["京津冀", "规模"]) == (
        "?tab=documents&doc=a.txt&passage=p1&fact=f1&hl=%E4%BA%AC%E6%B4%A5%E5%86%80+%E8%A7%84%E6%A8%A1")
    labels = [ZH.group("tabs"), EN.group("tabs")]
    assert [tab_id(v, labels) for v in ("facts", "Check", "一致性", "nope", None)] == [
        "facts", "check", "consistency", None, None]
