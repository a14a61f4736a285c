"""An elasticity against the two growth rates its sentence states: X对Y的弹性系数 = gX / gY."""

import pytest

from tests.verify.pipeline_text import checks_on

TEXT = ("今年前三季度，全省在GDP增长8.0％的情况下，税收收入则出现12.0％的较快增长，"
        "税收收入对GDP的弹性系数上升到1.5000。")


def test_an_elasticity_is_the_growth_of_x_over_the_growth_of_y():
    [c] = checks_on(TEXT, "1.5000", "ratio")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(1.5)


def test_a_wrong_elasticity_is_inconsistent():
    [c] = checks_on(TEXT.replace("1.5000", "1.2500"), "1.2500", "ratio")
    assert c.verdict == "inconsistent"


def test_an_elasticity_whose_rates_are_not_both_named_is_not_judged():
    text = TEXT.replace("税收收入则出现12.0％的较快增长", "企业利润则出现12.0％的较快增长")
    assert not checks_on(text, "1.5000", "ratio")
    assert not checks_on("1979—1998年税收收入对GDP的弹性系数为1.2714。", "1.2714", "ratio")


def test_average_rates_over_years_make_no_elasticity():
    text = ("1979—1998年，全省GDP年均增长9.7％，税收收入年均增长14.6％，"
            "今年税收收入对GDP的弹性系数上升到1.5000。")
    assert not checks_on(text, "1.5000", "ratio")
