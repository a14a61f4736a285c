"""A change broken into its parts' changes, and a total's growth from its parts' increments."""

import pytest

from tests.verify.pipeline_text import checks_on

SAVINGS = "6—9月份，全市储蓄存款共减少30.50亿元，其中，活期存款增加120.25亿元，而定期存款减少150.75亿元。"
DEPOSITS = ("9月末，广东、广西和海南三省（区）金融机构各项存款余额比年初增长8.4%，其中，广东、广西、海南分别比年初"
            "新增存款1143.59亿元、154.96亿元和36.86亿元，分别增长8.6%、8.6%和4.7%。")


def test_a_change_is_the_signed_sum_of_its_parts_changes():
    [c] = checks_on(SAVINGS, "30.50亿元", "sum")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(-30.50)
    assert c.formula.startswith("120.25 − 150.75")


def test_parts_changes_that_do_not_add_up_are_not_accused_when_the_list_may_be_incomplete():
    [c] = checks_on(SAVINGS.replace("150.75", "151.75"), "30.50亿元", "sum")
    assert c.verdict == "unverifiable"
    assert c.recomputed_value == pytest.approx(-31.50)


def test_a_change_of_a_change_is_no_part():
    text = "全市贷款增加500.00亿元，其中，短期贷款同比多增300.00亿元，中长期贷款同比多增150.00亿元。"
    assert not checks_on(text, "500.00亿元", "sum")


def test_a_groups_growth_from_its_members_increments_and_rates():
    [c] = checks_on(DEPOSITS, "8.4%", "aggregate")
    assert c.verdict == "consistent"
    # (1143.59 + 154.96 + 36.86) / (1143.59/8.6 + 154.96/8.6 + 36.86/4.7) = 8.4074
    assert c.recomputed_value == pytest.approx(8.4074, abs=1e-4)


def test_the_whole_named_group_makes_a_wrong_group_rate_inconsistent():
    [c] = checks_on(DEPOSITS.replace("增长8.4%", "增长7.4%"), "7.4%", "aggregate")
    assert c.verdict == "inconsistent"


def test_a_list_not_known_complete_is_not_accused():
    text = ("9月末，全市各项存款余额比年初增长7.4%，其中，企业存款、储蓄存款分别比年初新增"
            "1143.59亿元、154.96亿元，分别增长8.6%和8.6%。")
    [c] = checks_on(text, "7.4%", "aggregate")
    assert c.verdict == "unverifiable"
    assert c.recomputed_value == pytest.approx(8.6, abs=1e-3)


def test_value_added_is_no_increment():
    text = ("全市地区生产总值比上年增长8.0%。其中，第一产业增加值100.00亿元，增长3.0%；"
            "第二产业增加值400.00亿元，增长9.0%。")
    assert not checks_on(text, "8.0%", "aggregate")


def test_increments_since_the_years_start_against_rates_year_on_year_are_not_combined():
    text = DEPOSITS.replace("分别增长8.6%", "分别同比增长8.6%")
    assert not checks_on(text, "8.4%", "aggregate")


def test_complete_parts_changes_that_do_not_add_up_are_inconsistent():
    text = "全年货物进出口总额比上年减少20.0亿元，其中，出口增加30.0亿元，进口减少50.0亿元。"
    [c] = checks_on(text, "20.0亿元", "sum")
    assert (c.verdict, c.recomputed_value) == ("consistent", pytest.approx(-20.0))
    [c] = checks_on(text.replace("减少50.0亿元", "减少60.0亿元"), "20.0亿元", "sum")
    assert (c.verdict, c.recomputed_value) == ("inconsistent", pytest.approx(-30.0))
