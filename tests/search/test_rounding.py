"""kb.search.rounding: a claim agrees with a stated figure at the claim's own precision."""

from __future__ import annotations

import pytest

from kb.models import Fact
from kb.search.rounding import agreement, claim_span, stated_span

UNITS = {"亿元": ("CNY", 1e8), "万亿元": ("CNY", 1e12), "%": ("%", 1.0), "成": ("%", 10.0)}


def figure(text: str, qualifier: str = "", doc_id: str = "doc", direction: str = "", measure: str = "level",
           low=None, high=None) -> Fact:
    unit = next(u for u in sorted(UNITS, key=len, reverse=True) if text.endswith(u))
    digits = text[: -len(unit)]
    base, scale = UNITS[unit]
    value = float(digits)
    return Fact(fact_id=f"{doc_id}{text}{qualifier}", doc_id=doc_id, char_start=0, char_end=len(text), quote=text,
                value=value, value_text=digits, unit=unit, scale=scale, value_normalized=value * scale,
                unit_normalized=base, claim_type="level", qualifier=qualifier, direction=direction,
                measure=measure, value_low=low, value_high=high)


def claim(text: str, qualifier: str = "", **kw) -> Fact:
    return figure(text, qualifier, doc_id="claim", **kw)


@pytest.mark.parametrize("said, stated, agrees", [
    ("45万亿元", "45.4万亿元", True),      # 45.4 rounds to 45
    ("46万亿元", "45.4万亿元", False),     # but not to 46
    ("1290亿元", "1289.28亿元", True),     # the trailing zero of a round number is not significant
    ("2万亿元", "1.6万亿元", False),       # 1.6 rounds to 2, yet lies 20 % away
    ("1.3万亿元", "1.36万亿元", False),    # a truncation is not a rounding
    ("101.6万亿元", "1015986亿元", True),  # the same figure in another unit
    ("27117.96亿元", "2.71万亿元", True),  # a coarser stated figure holds the precise claim
    ("6.8%", "6.7%", False),               # neighbouring values do not meet at the edge
    ("2.5%", "2.48%", True),
])
def test_agreement_at_the_claims_precision(said, stated, agrees):
    assert agreement(claim(said), figure(stated)).agrees is agrees


def test_about_in_a_claim_adds_no_tolerance_but_in_a_document_it_does():
    assert agreement(claim("46万亿元", "约"), figure("45.4万亿元")).agrees is False
    assert agreement(claim("9%"), figure("9%", "约")).agrees is True
    # a document's 约6.5% does not make 6.8% the same figure at the claim's precision
    assert agreement(claim("6.8%", "左右"), figure("6.5%", "左右")).agrees is False


def test_bounds_agree_where_they_meet():
    assert agreement(claim("5成", "超过"), figure("48.7%")).agrees is False
    assert agreement(claim("5成", "超过"), figure("60%")).agrees is True
    assert agreement(claim("5成", "超过"), figure("5成", "近")).agrees is False
    assert agreement(claim("3%", "不到"), figure("2.1%")).agrees is True
    assert agreement(claim("5成", "超过"), figure("6成", "超过")).agrees is True    # implied
    assert agreement(claim("5成", "超过"), figure("10%", "超")).open is True       # only overlaps
    # a stated open bound only bounds an exact claim: it neither bears it out nor refutes it
    inside = agreement(claim("5.2%"), figure("5.5%", "以内"))
    assert (inside.agrees, inside.open) == (False, True)
    outside = agreement(claim("5.8%"), figure("5.5%", "以内"))
    assert (outside.agrees, outside.open) == (False, False)
    assert agreement(claim("1.3万亿元"), figure("100亿元", "超过")).open is True
    assert agreement(claim("250亿元"), figure("200亿元", "余")).open is True      # 200余亿元
    assert agreement(claim("300亿元"), figure("200亿元", "余")).open is False


def test_a_range_holds_every_figure_inside_it():
    assert agreement(claim("5.5%"), figure("5%", low=5.0, high=5.5)).agrees is True
    assert agreement(claim("6%"), figure("5%", low=5.0, high=5.5)).agrees is False


def test_a_fall_is_never_a_rise_of_the_same_size():
    rise = claim("10.2%", measure="yoy_growth")
    fall = figure("10.2%", direction="down", measure="yoy_growth")
    assert agreement(rise, fall).agrees is False
    assert agreement(claim("10.2%", direction="down", measure="yoy_growth"), fall).agrees is True


def test_spans_in_base_units():
    assert claim_span(claim("1290亿元"))[1:3] == pytest.approx((1285e8, 1295e8))
    assert stated_span(figure("45.4万亿元"))[1:3] == pytest.approx((45.35e12, 45.45e12))


def test_the_rounding_is_shown_when_the_figures_differ():
    note = agreement(claim("1290亿元", "约"), figure("1289.28亿元")).note
    assert note == "1289.28亿元 is 约1290亿元 at the claim's precision"
    assert agreement(claim("1289.28亿元"), figure("1289.28亿元")).note == ""
