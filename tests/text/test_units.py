"""Tests for kb.text.units: unit strings to scale and normalised unit."""

import pytest

from kb.models import unit_is_allowed
from kb.text.units import UNITS, half_after, lookup_unit, match_half_unit, match_latin_scaled, match_unit


@pytest.mark.parametrize("text,scale,norm,kind", [
    ("万亿元", 1e12, "CNY", "currency"), ("亿元", 1e8, "CNY", "currency"), ("元", 1, "CNY", "currency"),
    ("万亿人民币", 1e12, "CNY", "currency"), ("亿美元", 1e8, "USD", "currency"), ("港元", 1, "HKD", "currency"),
    ("%", 1, "%", "percent"), ("‰", 0.1, "%", "percent"), ("个百分点", 1, "pp", "pp"), ("百分点", 1, "pp", "pp"),
    ("倍", 1, "times", "multiple"), ("万件", 1e4, "count", "count"), ("万人次", 1e4, "person", "count"),
    ("万", 1e4, "count", "count"), ("亿", 1e8, "count", "count"),
    ("吨", 1, "t", "physical"), ("万吨", 1e4, "t", "physical"), ("千瓦时", 1, "kWh", "physical"),
    ("亿千瓦时", 1e8, "kWh", "physical"), ("万千瓦", 1e4, "kW", "physical"), ("平方公里", 1, "km2", "physical"),
    ("亩", 1, "mu", "physical"), ("斤", 1, "jin", "physical"), ("公里", 1, "km", "physical"),
    ("吨/万元", 1e-4, "t/CNY", "physical"), ("元/人", 1, "CNY/person", "currency"),
    ("万元/人", 1e4, "CNY/person", "currency"), ("元/吨", 1, "CNY/t", "currency"),
    ("人/平方公里", 1, "person/km2", "physical"), ("(万元)", 1e4, "CNY", "currency"),
])
def test_lookup_unit(text, scale, norm, kind):
    u = lookup_unit(text)
    assert u is not None
    assert u.scale == pytest.approx(scale) and u.normalized == norm and u.kind == kind
    assert unit_is_allowed(u.normalized)


@pytest.mark.parametrize("text", ["", "百", "年", "abc", "万元多"])
def test_lookup_unit_rejects(text):
    assert lookup_unit(text) is None


def test_every_unit_is_allowed():
    assert all(unit_is_allowed(info.normalized) for info in UNITS.values())


def test_scale_then_approx_then_unit():
    parsed, approx = match_unit("万余人就业", 0)
    assert parsed.unit == "万人" and parsed.scale == 1e4 and approx == "余" and parsed.end == 3


def test_latin_unit_does_not_run_into_letters():
    assert match_unit("kmh", 0)[0] is None
    assert match_unit("天津", 0)[0] is None


@pytest.mark.parametrize("text, norm", [("列", "count"), ("班次", "count"), ("艘次", "count"), ("万标箱", "teu"), ("TEU", "teu")])
def test_transport_units(text, norm):
    assert lookup_unit(text).normalized == norm


def test_measure_word_that_starts_a_word_is_no_unit():
    assert match_unit("列入", 0)[0] is None and match_unit("班子", 0)[0] is None
    assert match_unit("列，", 0)[0].unit == "列"


def test_currencies_named_by_place_are_money_not_counts():
    unit, _ = match_unit("亿台币", 0)
    assert (unit.unit, unit.scale, unit.normalized, unit.kind) == ("亿台币", 1e8, "TWD", "currency")
    assert lookup_unit("澳门元").normalized == "MOP" and lookup_unit("瑞士法郎").normalized == "CHF"
    assert lookup_unit("万台").normalized == "count"      # 台 alone still counts machines


def test_physical_units_normalise_into_an_si_atom():
    assert lookup_unit("公分")[1:4] == (0.01, "m", "physical")
    assert lookup_unit("毫克")[1:4] == (1e-6, "kg", "physical")
    assert lookup_unit("兆字节")[1:4] == (1e6, "byte", "physical")
    assert lookup_unit("千瓦时")[1:4] == (1.0, "kWh", "physical")   # existing atoms keep their unit


def test_latin_scale_letters_before_a_unit_or_at_a_boundary():
    assert match_latin_scaled("12K个", 2)[:4] == ("K个", 1e3, "count", "count")
    assert match_latin_scaled("3.2k，", 3)[:4] == ("k", 1e3, "count", "count")
    assert match_latin_scaled("4K超高清", 1) is None        # a resolution, not 4000
    assert match_latin_scaled("5MW", 1) is None             # MW is a unit of its own


def test_halves_of_a_unit():
    assert match_half_unit("个半百分点", 0)[:4] == ("个百分点", 1.0, "pp", "pp")
    assert match_half_unit("个半小时", 0).end == 4
    assert match_half_unit("个半", 0) is None
    unit, _ = match_unit("米半", 0)
    assert half_after(unit, "米半") and not half_after(unit, "米半径")
