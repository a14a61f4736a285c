"""A growth, average annual growth, multiple or change that no fact states, recomputed from
two levels of the claim's own identity.

The two levels are of the claim's subject, indicator, scope and status, in one
document, each sure of its identity (kb.search.matching: no doubt), one at the
start and one at the end of the claim's period (a year-on-year growth: the same
months of the year before). A real growth (GDP and value added unless the claim
says 名义) is never recomputed from levels unless the levels are stated at
constant prices. Inputs are rounding intervals, so the recomputed figure is an
interval too, judged against the claim by kb.search.rounding.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Optional

from kb.models import Fact
from kb.search.matching import Frame, Pair, compare, effective_basis, years
from kb.search.rounding import Agreement, Span, agreement_with, stated_span, surface

DERIVED_MEASURES = ("yoy_growth", "growth_vs_base", "cagr", "multiple", "difference")


class Derived(NamedTuple):
    start: Fact
    end: Fact
    value: Span               # the recomputed figure, in the claim's base unit
    agreement: Agreement
    shown: str                # the arithmetic, in words


def _span(claim: Fact) -> Optional[tuple[int, int]]:
    """(start year, end year) of the two levels the claim relates."""
    span = years(claim)
    if span is None:
        return None
    if claim.measure == "yoy_growth" and span[0] == span[1]:
        return span[0] - 1, span[1]
    return span if span[0] < span[1] else None


def _months(claim: Fact, year: int, whole_span: bool) -> tuple[Optional[str], Optional[str]]:
    """The months a level must cover: the claim's months moved to ``year`` (a year-on-year growth),
    or the whole of ``year`` (a growth over a span of years)."""
    if whole_span or not claim.period_start_month or not claim.period_end_month:
        return f"{year:04d}-01", f"{year:04d}-12"
    return f"{year:04d}{claim.period_start_month[4:]}", f"{year:04d}{claim.period_end_month[4:]}"


def _level_unit(claim: Fact) -> Optional[str]:
    """The unit of the levels: % for a change in percentage points; the claim's own for a change;
    any for a growth or multiple (None)."""
    if claim.measure == "difference":
        return "%" if claim.unit_normalized == "pp" else claim.unit_normalized
    return None


def as_level(claim: Fact, year: int, level: Fact) -> Fact:
    """The claim's identity as the level of ``year`` that ``level`` would have to be."""
    first, last = _months(claim, year, claim.measure != "yoy_growth")
    return claim.model_copy(update={
        "measure": level.measure, "unit_normalized": level.unit_normalized, "basis": level.basis if
        effective_basis(claim) != "real" else "real", "year": year, "period_start": None, "period_end": None,
        "period_start_month": first, "period_end_month": last})


def _sure_levels(claim: Fact, facts: list[Fact], year: int, frames: dict[str, Frame]) -> list[Fact]:
    unit = _level_unit(claim)
    out = []
    for f in facts:
        if f.measure not in ("level", "per_capita", "share", "ratio") or years(f) != (year, year):
            continue
        if unit is not None and f.unit_normalized != unit or unit is None and f.unit_normalized in ("%", "‰"):
            continue
        if compare(Pair(as_level(claim, year, f), f, frames.get(f.doc_id, Frame()))).identical:
            out.append(f)
    return out


def _yearly(claim: Fact) -> bool:
    """年均增加1532万人: a change per year over the claim's span."""
    from kb.figures.identity import compact, words as identity_words

    return any(w in compact(claim.quote) for w in identity_words("cagr_cues"))


def _growth(a: float, b: float, claim: Fact, n: int) -> float:
    if claim.measure == "difference":
        return (b - a) / n if _yearly(claim) and n > 0 else b - a
    r = b / a
    if claim.measure == "multiple":
        return r
    if claim.measure == "cagr":
        return (r ** (1 / n) - 1) * 100 if r > 0 else float("nan")
    return r - 1 if claim.unit_normalized == "times" else (r - 1) * 100


FORMULA: dict[str, Callable[[int], str]] = {
    "difference": lambda n: "end − start" if n <= 1 else f"(end − start) ÷ {n} if yearly, else end − start",
    "multiple": lambda n: "end ÷ start",
    "cagr": lambda n: f"(end ÷ start)^(1/{n}) − 1",
}


def recompute(claim: Fact, start: Fact, end: Fact, n: int) -> Optional[Span]:
    """The claim's figure from ``start`` and ``end`` (intervals at the ends of their rounding)."""
    a, b = stated_span(start), stated_span(end)
    if a.low <= 0 and claim.measure != "difference":
        return None
    ends = [_growth(x, y, claim, n) for x in (a.low, a.high) for y in (b.low, b.high)]
    if any(v != v for v in ends):
        return None
    return Span(_growth(a.value, b.value, claim, n), min(ends), max(ends))


def derive(claim: Fact, facts: list[Fact], frames: dict[str, Frame]) -> Optional[Derived]:
    """The claim's growth, multiple or change recomputed from two sure levels of its identity
    (the first pair that bears the claim out, else the first pair), or None."""
    span = _span(claim) if claim.measure in DERIVED_MEASURES else None
    if span is None or (claim.measure != "difference" and effective_basis(claim) == "real"
                        and claim.basis != "real"):
        return None
    starts = _sure_levels(claim, facts, span[0], frames)
    ends = _sure_levels(claim, facts, span[1], frames)
    found = []
    for a in starts:
        for b in (e for e in ends if e.doc_id == a.doc_id and e.unit_normalized == a.unit_normalized):
            value = recompute(claim, a, b, span[1] - span[0])
            if value is None:
                continue
            shown = (f"{FORMULA.get(claim.measure, lambda n: '(end ÷ start − 1)')(span[1] - span[0])}"
                     f" = {value.value:.4g}, from {surface(a)} ({span[0]}) and {surface(b)} ({span[1]})")
            found.append(Derived(a, b, value, agreement_with(claim, value), shown))
    agreeing = [d for d in found if d.agreement.agrees]
    return (agreeing or found or [None])[0]
