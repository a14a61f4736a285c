"""Rounding intervals, qualifiers and the arithmetic of derived figures."""

import math

import pytest

from kb.errors import KbError
from kb.verify import recompute as rc


def test_stated_interval_precision_of_last_digit():
    assert rc.stated_interval("46.8")[1:] == pytest.approx((46.75, 46.85))
    assert rc.stated_interval("140")[1:] == pytest.approx((139.5, 140.5))
    assert rc.stated_interval("1,234.50")[1:] == pytest.approx((1234.495, 1234.505))


def test_qualifiers_widen_or_shift():
    assert rc.stated_interval("100", "约")[1:] == pytest.approx((95, 105))
    assert rc.stated_interval("185", "左右")[1:] == pytest.approx((175.75, 194.25))
    assert rc.stated_interval("1", "近")[1:] == pytest.approx((0.9, 1))
    assert rc.stated_interval("1", "有余")[1:] == pytest.approx((1, 2))
    assert rc.stated_interval("500", "余")[1:] == pytest.approx((500, 600))
    # 以上 / 超过 / 不到 are bounds without a ceiling (floor): 超过80% is true of 95 %
    assert rc.stated_interval("2.5", "以上")[1:] == (2.5, math.inf)
    assert rc.stated_interval("80", "超过")[1:] == (80, math.inf)
    assert rc.stated_interval("5", "不到")[1:] == (0, 5)


def test_growth_multiple_readings_differ():
    a, b = rc.stated_interval("100"), rc.stated_interval("300")
    assert rc.recompute_multiple(a, b, growth=True).value == pytest.approx(2.0)   # 增长2倍
    assert rc.recompute_multiple(a, b, growth=False).value == pytest.approx(3.0)  # 是…的3倍
    assert rc.recompute_growth(a, b).value == pytest.approx(200.0)                # 增长200%


def test_cagr_of_bluebook_platforms():
    r = rc.recompute_cagr(rc.stated_interval("36.26"), rc.stated_interval("340.53"), 20)
    assert r.value == pytest.approx(11.85, abs=0.01)
    assert r.low < 11.85 < r.high


def test_share_difference_sum_average():
    assert rc.recompute_share(rc.exact(356.9), rc.exact(4555.7)).value == pytest.approx(7.834, abs=1e-3)
    assert rc.recompute_difference(rc.exact(3.3), rc.exact(10.1)).value == pytest.approx(6.8)
    s = rc.recompute_sum([rc.stated_interval("71"), rc.stated_interval("36"), rc.stated_interval("44")])
    assert (s.value, s.low, s.high) == pytest.approx((151, 149.5, 152.5))
    assert rc.recompute_average(rc.stated_interval("708"), 13).value == pytest.approx(54.4615, abs=1e-4)
    assert rc.recompute_mean([rc.exact(1), rc.exact(2)]).value == 1.5


def test_judge_edges_inside_outside_truncated():
    rec = rc.recompute_growth(rc.stated_interval("15.01"), rc.stated_interval("22.05"))
    assert rc.judge(rc.stated_interval("46.9"), "46.9", "", rec) == ("consistent", "")
    assert rc.judge(rc.stated_interval("46.8"), "46.8", "", rec)[0] == "consistent"  # inputs' rounding
    # truncation: 7.9965 stated as 7.99
    rec = rc.recompute_multiple(rc.stated_interval("973.90"), rc.stated_interval("8761.60"), growth=True)
    assert rc.judge(rc.stated_interval("7.99"), "7.99", "", rec) == ("consistent", "truncated, not rounded")
    assert rc.judge(rc.stated_interval("1.25"), "1.25", "", rec)[0] == "inconsistent"
    # just inside / just outside a rounding edge
    assert rc.judge(rc.stated_interval("2.0"), "2.0", "", rc.exact(2.0499))[0] == "consistent"
    assert rc.judge(rc.stated_interval("2.0"), "2.0", "", rc.exact(2.2))[0] == "inconsistent"
    assert rc.judge(rc.stated_interval("1", "近"), "1", "近", rc.exact(0.818))[0] == "inconsistent"
    assert rc.judge(rc.stated_interval("1", "近"), "1", "近", rc.exact(0.95))[0] == "consistent"


def test_bad_input_raises_kberror():
    with pytest.raises(KbError):
        rc.stated_interval("abc")
    with pytest.raises(KbError):
        rc.recompute_ratio(rc.exact(0), rc.exact(5))
    with pytest.raises(KbError):
        rc.recompute_cagr(rc.exact(1), rc.exact(2), 0)


def test_fmt_and_unit_step():
    assert rc.fmt(11.851234) == "11.8512"
    assert rc.unit_step("140") == 10 and rc.unit_step("1") == 1 and rc.unit_step("0.5") == pytest.approx(0.1)
    assert math.isclose(rc.tolerance(rc.stated_interval("1.5"), rc.Interval(1.5, 1.4, 1.7)), 0.25)


def test_growth_from_a_level_and_its_change():
    up = rc.recompute_growth_from_change(rc.stated_interval("3068.0"), rc.stated_interval("50.2"))
    assert up.value == pytest.approx(50.2 / 3017.8 * 100) and up.low < up.value < up.high
    assert not rc.overlaps(rc.stated_interval("2.6"), up)  # the bulletin's 2.6 % is wrong
    down = rc.recompute_growth_from_change(rc.stated_interval("6568"), rc.stated_interval("36"), down=True)
    assert down.value == pytest.approx(-36 / 6604 * 100) and down.low < down.value < down.high < 0
    with pytest.raises(KbError):
        rc.recompute_growth_from_change(rc.stated_interval("5"), rc.stated_interval("6"))


def test_rule_note_names_only_the_rule_applied():
    assert rc.rule_note("1", "近", "近1倍") == "近1倍 read as [0.9, 1]"
    assert rc.rule_note("2", "有余", "2倍有余") == "2倍有余 read as [2, 3)"
    assert rc.rule_note("58.3", "约") == "约58.3 read as ±5 %"
    assert rc.rule_note("5", "不到") == "不到5 read as [4, 5)"
    assert rc.rule_note("46.8", "") == ""
    assert rc.shown_digits("11.85") == 3 and rc.shown_digits("2.6") == 2 and rc.shown_digits("7") == 2
