"""A level reached as a percentage of its target (完成全年目标的X%), on sentences of our own."""

from __future__ import annotations

import pytest

from tests.verify.pipeline_text import checks_on, process


def test_the_target_in_a_bracket_after_the_percentage():
    text = "2024年，全市城镇新增就业8.6万人，完成全年目标的107.5%（全年目标为8万人）。"
    [c] = checks_on(text, "107.5%")
    assert (c.verdict, c.recomputed_value) == ("consistent", pytest.approx(107.5))
    [c] = checks_on(text.replace("107.5%", "117.5%"), "117.5%")
    assert c.verdict == "inconsistent"


def test_a_target_named_earlier_in_the_document_agrees_but_never_accuses():
    text = ("2024年全市主要预期目标：城镇新增就业8万人以上。\n\n"
            "2024年，全市城镇新增就业8.6万人，完成年度目标任务的107.5%。")
    [c] = checks_on(text, "107.5%")
    assert c.verdict == "consistent"
    [c] = checks_on(text.replace("107.5%", "117.5%"), "117.5%")
    assert c.verdict == "unverifiable"


def test_a_target_of_another_unit_or_no_target_is_not_used():
    text = "2024年，全市城镇新增就业8.6万人，完成全年目标的107.5%，城镇调查失业率为5.1%。"
    assert [c.verdict for c in checks_on(text, "107.5%")] in ([], ["unverifiable"])


def test_the_percentage_reached_is_an_actual_figure_and_the_target_is_a_target():
    text = "2024年，全县固定资产投资完成95.6亿元，完成年度目标（130亿元）的73.5%。"
    _, facts, _ = process(text)
    status = {f.value: f.status for f in facts}
    assert status == {95.6: "actual", 130.0: "target", 73.5: "actual"}


def test_a_budget_right_before_its_percentage_is_judged_as_the_target_it_is():
    text = "2024年，全县一般公共预算收入42.1亿元，为年初预算41.2亿元的102.2%。"
    assert [c.verdict for c in checks_on(text, "102.2%")] == ["consistent"]
    assert [c.verdict for c in checks_on(text.replace("102.2%", "112.2%"), "112.2%")] == ["inconsistent"]
