"""Rounding: whether a claim's figure and a stated figure agree, at the claim's own precision.

A claim stands for the interval of its last significant digit: 1289.28 → ±0.005,
2.6 → ±0.05. The trailing zeros of a round number are not significant: 1290 → ±5,
3000 → ±500, 30 → ±5, so 约1290亿元 covers 1289.28亿元. The claim agrees with a
stated figure when that figure's own interval (kb.verify.recompute's: its rounding,
widened by 约/左右, or its bound) meets the claim's interval *and* lies within 5 %
of the claim's value: 45万亿 matches 45.4万亿, 46万亿 does not, and 2万亿 is not
1.6万亿 even though 1.6 rounds to 2. A claim's 约/左右/大约 says "rounded" and adds
nothing to its precision; its 超过/突破/以上 and 不到/低于 are bounds (超过五成 is true
of 60 %, false of 48.7 %), 近X is [0.9·X, X].

Growth and change figures are signed (下降4% is −4) so that a fall never agrees
with a rise of the same size. Values are compared in base units (value_normalized).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from kb.models import Fact
from kb.verify import recompute

# How far (relative to the claim's value) a stated figure may lie from the claim and still agree.
RELATIVE_LIMIT = 0.05
SIGNED_MEASURES = ("yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr", "difference")


class Span(NamedTuple):
    """The values a figure stands for, in base units; ``bound`` when one side is open."""

    value: float
    low: float
    high: float
    bound: bool = False


class Agreement(NamedTuple):
    agrees: bool
    note: str           # how the two figures compare ("1289.28亿元 is 约1290亿元 at the claim's precision")
    open: bool = False  # neither: the stated figure only bounds the claim's (超过百亿 for 1.3万亿)


def sign(fact: Fact) -> float:
    """−1 for a fall (下降4%, 减少120亿元) of a growth or change figure, else 1."""
    falls = fact.direction == "down" and fact.value > 0
    return -1.0 if falls and (fact.measure in SIGNED_MEASURES or fact.claim_type in
                              ("growth_rate", "change", "cagr", "difference")) else 1.0


def _digits(fact: Fact) -> str:
    return (fact.value_text or f"{fact.value:.15g}").replace(",", "").strip()


def _scaled(value: float, low: float, high: float, fact: Fact, bound: bool = False) -> Span:
    s, k = sign(fact), fact.scale or 1.0
    ends = sorted((s * low * k, s * high * k))
    return Span(s * value * k, ends[0], ends[1], bound)


def qualifier_kind(qualifier: str) -> str:
    """kb.verify.recompute's kind of a qualifier; 以内 / 以下 (控制在5.5%以内) bound from above too."""
    q = (qualifier or "").strip()
    return recompute.qualifier_kind(q) or ("under" if q in recompute.OPEN_UNDER else "")


def claim_span(fact: Fact) -> Span:
    """The values a claim's figure stands for (see the module docstring)."""
    x, digits = fact.value, _digits(fact)
    kind = qualifier_kind(fact.qualifier)
    if kind == "over":
        return _scaled(x, x, math.inf, fact, bound=True)
    if kind == "under":
        return _scaled(x, -math.inf if x <= 0 else min(0.0, x), x, fact, bound=True)
    if kind == "near":
        return _scaled(x, 0.9 * x, x, fact, bound=True)
    try:
        half = recompute.unit_step(digits) / 2
    except Exception:  # a figure written in words only: its own value, exactly
        half = 0.0
    return _scaled(x, x - half, x + half, fact)


def stated_span(fact: Fact) -> Span:
    """The values a document's figure stands for: a range it belongs to (5%—5.5%, read as a bound),
    else its rounding interval widened by its qualifier (kb.verify.recompute.stated_interval)."""
    if fact.value_low is not None and fact.value_high is not None:
        # the range is as precise as its finer end (5%—5.5%: to 0.05)
        half = min(recompute.rounding_half(f"{x:g}") for x in (fact.value_low, fact.value_high))
        return _scaled(fact.value, fact.value_low - half, fact.value_high + half, fact, bound=True)
    if qualifier_kind(fact.qualifier) == "under" and not recompute.qualifier_kind(fact.qualifier or ""):
        return _scaled(fact.value, min(0.0, fact.value), fact.value, fact, bound=True)   # 5.5%以内
    try:
        iv = recompute.stated_interval(_digits(fact), fact.qualifier or "", fact.value)
    except Exception:  # no digits to read a precision from
        iv = recompute.exact(fact.value)
    bound = math.isinf(iv.low) or math.isinf(iv.high) or qualifier_kind(fact.qualifier) in ("over", "under", "near")
    return _scaled(iv.value, iv.low, iv.high, fact, bound)


def rounding_span(fact: Fact) -> Span:
    """A document's figure as rounded, without the tolerance its 约/左右 adds."""
    try:
        half = recompute.rounding_half(_digits(fact))
    except Exception:
        half = 0.0
    return _scaled(fact.value, fact.value - half, fact.value + half, fact)


def open_bound(stated: Fact, span: Span) -> bool:
    """超过百亿, 不到3%, 控制在5.5%以内, 200余项, 近五成: a stated figure that only bounds a value."""
    return math.isinf(span.low) or math.isinf(span.high) or qualifier_kind(stated.qualifier) in ("under", "over",
                                                                                                "near")


def agreement(claim: Fact, stated: Fact) -> Agreement:
    """Whether ``stated`` (a document's figure) bears out ``claim`` at the claim's precision."""
    s, c = stated_span(stated), claim_span(claim)
    if not c.bound and open_bound(stated, s):
        inside = s.low <= c.value < s.high or (math.isinf(s.high) and s.low <= c.value)
        return Agreement(False, f"{surface(stated)} only bounds {surface(claim)}" if inside else "", inside)
    if stated.value_low is not None and stated.value_high is not None and not c.bound:
        inside = s.low - 1e-9 * abs(c.value) <= c.value <= s.high + 1e-9 * abs(c.value)
        return Agreement(inside, f"{surface(claim)} lies in the range {surface(stated)}" if inside else "")
    found = agreement_with(claim, s, rounding_span(stated))
    if not found.agrees or math.isclose(s.value, c.value, rel_tol=1e-9, abs_tol=1e-12):
        return found
    if c.bound or s.bound:
        return Agreement(True, f"{surface(stated)} lies within {surface(claim)}")
    return Agreement(True, f"{surface(stated)} is {surface(claim)} at the claim's precision")


def surface(fact: Fact) -> str:
    """The figure as written, qualifier included (约45万亿元, 200余项)."""
    return fact.figure_text or f"{fact.qualifier if fact.qualifier not in ('余', '多') else ''}{_digits(fact)}{fact.unit}"


def agreement_with(claim: Fact, s: Span, rounded: Span | None = None) -> Agreement:
    """Whether the values ``s`` (a stated or recomputed figure, in base units; ``rounded``: the
    interval of its own rounding, ``s`` itself when not given) bear out ``claim``.

    Bounds agree where they meet. Otherwise the stated value must round to the claim (lie in the
    claim's interval) or, when it is the coarser figure, its own interval must hold the claim
    (2.7万亿 holds 27117.96亿); and it must lie within 5 % of the claim."""
    c, rounded = claim_span(claim), rounded or s
    tolerance = 1e-9 * max(1.0, *(abs(v) for v in (c.value, s.value) if math.isfinite(v)))
    if c.bound or s.bound:   # bounds must overlap, not merely touch (超过五成 is not 近五成)
        meet = min(c.high, s.high) - max(c.low, s.low) > tolerance
        if meet and c.bound and s.bound and not (c.low - tolerance <= s.low and s.high <= c.high + tolerance):
            return Agreement(False, f"{surface(claim)} and the stated bound only overlap", True)   # 超10%
        return Agreement(meet, "")
    in_claim = c.low - tolerance <= s.value <= c.high + tolerance
    coarser = rounded.low - tolerance <= c.value <= rounded.high + tolerance
    if not (in_claim or coarser):
        return Agreement(False, "")
    off = abs(s.value - c.value) / abs(c.value) if c.value else abs(s.value)
    if off > RELATIVE_LIMIT + 1e-12:
        return Agreement(False, f"{off:.0%} off, more than the claim's rounding allows")
    return Agreement(True, "")
