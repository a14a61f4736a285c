"""A level per calendar day (日均产量, 日均发电): the period's level over the days of its months, on
sentences of our own."""

from __future__ import annotations

import pytest

from kb.verify.relations.daily_mean import calendar_days
from tests.verify.pipeline_text import checks_on


def test_calendar_days_of_months():
    assert calendar_days("2024-10", "2024-10") == 31
    assert calendar_days("2024-01", "2024-02") == 60      # a leap year
    assert calendar_days("2023-01", "2023-02") == 59
    assert calendar_days("2024-01", "2024-10") == 305
    assert calendar_days("2024-11", "2024-10") == 0
    assert calendar_days("", "2024-10") == 0


def test_a_daily_level_is_the_months_level_over_its_days():
    text = "2024年9月份，全市规上工业发电量300.0亿千瓦时，同比增长2.0%，日均发电10.0亿千瓦时。"
    [c] = checks_on(text, "10.0亿千瓦时", "average")
    assert (c.verdict, c.recomputed_value) == ("consistent", pytest.approx(10.0))
    [c] = checks_on(text.replace("日均发电10.0", "日均发电11.0"), "11.0亿千瓦时", "average")
    assert c.verdict == "inconsistent"


def test_the_level_may_stand_in_the_sentence_before_but_never_last_years():
    text = ("2024年10月份，全国原煤产量4158.0万吨，同比增长3.2%；上年同月原煤产量为4031.0万吨。"
            "日均产量134.1万吨。")
    [c] = checks_on(text, "134.1万吨", "average")
    assert (c.verdict, c.formula) == ("consistent", "4158 / 31 = 134.13万吨")


def test_a_holiday_is_not_a_calendar_month():
    text = "2024年10月，国庆假期7天，全市接待游客700万人次，日均接待游客100万人次。"
    assert [c.verdict for c in checks_on(text, "100万人次", "average")] in ([], ["unverifiable"])
