"""Tests for kb.text.units: unit strings to scale and normalised unit."""

import pytest

from kb.models import unit_is_allowed
from kb.text.units import UNITS, lookup_unit, match_unit


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
