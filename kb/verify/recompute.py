"""Pure arithmetic with rounding intervals: recompute a derived figure and judge it.

A stated figure carries the precision of its last digit: value_text "46.8"
stands for [46.75, 46.85], "140" for [139.5, 140.5]. Inputs are turned into
such intervals, the formula (monotone in each input) is evaluated at the
interval ends, and a stated result is *consistent* when its own interval
overlaps the recomputed one.

Qualifiers change the stated interval (documented here, echoed in explanations):
- 约 / 左右 / 大约 / 上下: ±5 % of the value (or the rounding half-unit if wider);
- 近 / 接近 / 将近 / 逼近: slightly below, [0.9·X, X];
- 超 / 超过 / 逾 / 以上 / 余 / 有余 / 多 / 高达: at least X, below the next unit
  of the last stated digit (1倍有余 ∈ [1, 2), 2.5以上 ∈ [2.5, 2.6));
- 不到 / 不足 / 未满 / 低于: below X, above X minus one unit.
A figure that only matches when truncated instead of rounded (true 46.86
stated 46.8) is consistent with the note "truncated, not rounded". A whole
number of discrete things written in full (8个省份, 139户) is exact
(kb.verify.citing.interval).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from kb.errors import KbError
from kb.text import vocab

ABOUT = vocab.words("checks", "qualifier_about")
NEAR = vocab.words("checks", "qualifier_near")
OVER = vocab.words("checks", "qualifier_over")
# bounds without a ceiling: 超过80% is true of 95 %; 不到3% of 1 %
OPEN_OVER = vocab.words("checks", "qualifier_open_over")
OPEN_UNDER = vocab.words("checks", "qualifier_open_under")
UNDER = vocab.words("checks", "qualifier_under")
ABOUT_RELATIVE = 0.05


class Interval(NamedTuple):
    """A value with the interval it may take (low ≤ value ≤ high)."""

    value: float
    low: float
    high: float

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2


def _decimals(value_text: str) -> int:
    text = value_text.replace(",", "").strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def unit_step(value_text: str) -> float:
    """One unit of the last stated digit: "46.8" → 0.1, "140" → 10, "1" → 1, "7" → 1."""
    text = value_text.replace(",", "").strip().lstrip("+-")
    if not text or not any(c.isdigit() for c in text):
        raise KbError(f"value_text {value_text!r} has no digits; pass the digits as stated")
    decimals = _decimals(text)
    if decimals:
        return 10.0 ** -decimals
    digits = text.rstrip("0")
    zeros = len(text) - len(digits) if digits else 0
    return 10.0 ** zeros


def rounding_half(value_text: str) -> float:
    """Half a unit of the last digit for rounding: "46.8" → 0.05, "140" → 0.5."""
    return 0.5 * 10.0 ** -_decimals(value_text)


def _parse(value_text: str) -> float:
    try:
        return float(value_text.replace(",", "").strip())
    except ValueError:
        raise KbError(f"value_text {value_text!r} is not a plain number; pass the digits as stated") from None


def qualifier_kind(qualifier: str) -> str:
    """'about', 'near', 'over', 'under' or '' for a stated qualifier."""
    q = qualifier.strip()
    if not q:
        return ""
    for kind, words in (("under", UNDER), ("near", NEAR), ("about", ABOUT), ("over", OVER)):
        if q in words:
            return kind
    for kind, words in (("under", UNDER), ("near", NEAR), ("about", ABOUT), ("over", OVER)):
        if any(w in q for w in words):
            return kind
    return ""


def stated_interval(value_text: str, qualifier: str = "", value: float | None = None) -> Interval:
    """The interval a stated figure stands for, from its digits and qualifier."""
    x = _parse(value_text) if value is None else value
    half = rounding_half(value_text)
    kind = qualifier_kind(qualifier)
    if kind == "about":
        w = max(half, abs(x) * ABOUT_RELATIVE)
        return Interval(x, x - w, x + w)
    if kind == "near":
        return Interval(x, 0.9 * x, x)
    if kind == "over":
        if qualifier.strip() in OPEN_OVER:
            return Interval(x, x, math.inf)
        return Interval(x, x, x + unit_step(value_text))
    if kind == "under":
        if qualifier.strip() in OPEN_UNDER:
            return Interval(x, min(0.0, x) if x >= 0 else -math.inf, x)
        return Interval(x, x - unit_step(value_text), x)
    return Interval(x, x - half, x + half)


def exact(x: float) -> Interval:
    return Interval(x, x, x)


def _positive(*inputs: Interval) -> None:
    for i in inputs:
        if i.low <= 0:
            raise KbError(f"base figure {i.value} is not positive; a ratio needs positive inputs")


def recompute_ratio(a: Interval, b: Interval) -> Interval:
    """B / A (是…的X倍, 增长到X倍)."""
    _positive(a, b)
    return Interval(b.value / a.value, b.low / a.high, b.high / a.low)


def recompute_multiple(a: Interval, b: Interval, *, growth: bool) -> Interval:
    """增长X倍 (growth=True): B/A − 1; 是…的X倍 / 为…的X倍 (growth=False): B/A."""
    r = recompute_ratio(a, b)
    if growth:
        return Interval(r.value - 1, r.low - 1, r.high - 1)
    return r


def recompute_growth(a: Interval, b: Interval) -> Interval:
    """Growth in percent: (B/A − 1)·100 (增长X%, 增长率, 总增幅)."""
    r = recompute_ratio(a, b)
    return Interval((r.value - 1) * 100, (r.low - 1) * 100, (r.high - 1) * 100)


def recompute_cagr(a: Interval, b: Interval, years: int) -> Interval:
    """Compound annual growth in percent: ((B/A)^(1/years) − 1)·100."""
    if years <= 0:
        raise KbError(f"period of {years} years; a CAGR needs a period of at least one year")
    r = recompute_ratio(a, b)
    f = lambda x: (x ** (1.0 / years) - 1) * 100  # noqa: E731  monotone increasing
    return Interval(f(r.value), f(r.low), f(r.high))


def recompute_two_year_average(first: Interval, second: Interval) -> Interval:
    """Average growth over two years in percent from the two years' growth rates (percent):
    (√((1 + g₁)(1 + g₂)) − 1)·100 (两年平均增长), monotone in both rates."""
    f = lambda a, b: (((1 + a / 100) * (1 + b / 100)) ** 0.5 - 1) * 100  # noqa: E731
    _positive(Interval(0, 100 + first.low, 100 + first.high), Interval(0, 100 + second.low, 100 + second.high))
    return Interval(f(first.value, second.value), f(first.low, second.low), f(first.high, second.high))


def recompute_growth_from_change(level: Interval, change: Interval, *, down: bool = False) -> Interval:
    """Growth in percent from a level B and its change D (比上年增加/减少D):
    up: D / (B − D) · 100; down: −D / (B + D) · 100 (the base is last year's level)."""
    if down:
        base_low, base_high = level.low + change.low, level.high + change.high
        _positive(Interval(0, base_low, base_high))
        v = -change.value / (level.value + change.value) * 100
        # −D/(B+D) falls as D grows and rises as B grows
        return Interval(v, -change.high / (level.low + change.high) * 100, -change.low / (level.high + change.low) * 100)
    base_low, base_high = level.low - change.high, level.high - change.low
    _positive(Interval(0, base_low, base_high))
    v = change.value / (level.value - change.value) * 100
    return Interval(v, change.low / (level.high - change.low) * 100, change.high / (level.low - change.high) * 100)


def previous_level(level: Interval, rate: Interval) -> Interval:
    """The level a period earlier, from this period's level and its growth rate in percent:
    B / (1 + g/100)."""
    _positive(Interval(0, 1 + rate.low / 100, 1 + rate.high / 100))
    return Interval(level.value / (1 + rate.value / 100), level.low / (1 + rate.high / 100),
                    level.high / (1 + rate.low / 100))


def recompute_aggregate_growth(total: Interval, parts: list[Interval], rates: list[Interval],
                               weights: list[int]) -> Interval:
    """Growth in percent of a total from its parts' growth: (T / Σ w·Pᵢ/(1 + gᵢ) − 1)·100, the
    previous total being the sum (w = 1) or difference (w = −1) of the parts' previous levels."""
    before = [previous_level(p, g) for p, g in zip(parts, rates, strict=True)]
    low = sum(b.low if w > 0 else -b.high for b, w in zip(before, weights, strict=True))
    high = sum(b.high if w > 0 else -b.low for b, w in zip(before, weights, strict=True))
    value = sum(b.value * w for b, w in zip(before, weights, strict=True))
    return recompute_growth(Interval(value, low, high), total)


def recompute_growth_from_increments(increments: list[Interval], rates: list[Interval]) -> Interval:
    """Growth in percent of a total from its parts' increments Dᵢ and growth rates gᵢ (percent):
    Σ Dᵢ / Σ (Dᵢ / gᵢ) · 100, each part's base being its increment over its rate."""
    _positive(*increments, *rates)
    bases = [Interval(d.value / r.value, d.low / r.high, d.high / r.low) for d, r in zip(increments, rates, strict=True)]
    total = recompute_sum(increments)
    base = recompute_sum(bases)
    # with the rates in percent, Σ Dᵢ / Σ (Dᵢ / gᵢ) is already a percentage
    return Interval(total.value / base.value, total.low / base.high, total.high / base.low)


def recompute_share(part: Interval, whole: Interval) -> Interval:
    """Share in percent: part / whole · 100."""
    _positive(whole)
    return Interval(part.value / whole.value * 100, part.low / whole.high * 100, part.high / whole.low * 100)


def recompute_difference(a: Interval, b: Interval) -> Interval:
    """B − A (高出…X亿元, 高出X个百分点: same unit in, same unit out)."""
    return Interval(b.value - a.value, b.low - a.high, b.high - a.low)


def recompute_sum(parts: list[Interval]) -> Interval:
    """Σ parts (共计N个，其中A、B、C)."""
    if not parts:
        raise KbError("no parts to add; a sum needs at least one member")
    return Interval(sum(p.value for p in parts), sum(p.low for p in parts), sum(p.high for p in parts))


def recompute_average(total: Interval, count: int) -> Interval:
    """均值 = 总量 / number of members."""
    if count <= 0:
        raise KbError(f"member count {count}; an average needs at least one member")
    return Interval(total.value / count, total.low / count, total.high / count)


def recompute_mean(values: list[Interval]) -> Interval:
    """Arithmetic mean of member values (e.g. members' growth multiples)."""
    if not values:
        raise KbError("no members to average")
    n = len(values)
    return Interval(sum(v.value for v in values) / n, sum(v.low for v in values) / n,
                    sum(v.high for v in values) / n)


def overlaps(a: Interval, b: Interval, eps: float = 1e-9) -> bool:
    return a.low <= b.high + eps and b.low <= a.high + eps


TRUNCATED = "truncated, not rounded"


def judge(stated: Interval, value_text: str, qualifier: str, recomputed: Interval) -> tuple[str, str]:
    """(verdict, note): consistent when the intervals overlap; truncation is noted."""
    if overlaps(stated, recomputed):
        return "consistent", ""
    if not qualifier_kind(qualifier):
        step = 10.0 ** -_decimals(value_text)
        x = stated.value
        truncated = Interval(x, x, x + step) if x >= 0 else Interval(x, x - step, x)
        if overlaps(truncated, recomputed):
            return "consistent", TRUNCATED
    return "inconsistent", ""


def rule_note(value_text: str, qualifier: str, shown: str = "") -> str:
    """The one rounding rule that applies to a stated figure, for an explanation."""
    kind = qualifier_kind(qualifier)
    shown = shown or f"{qualifier}{value_text}"
    x = _parse(value_text)
    if kind == "about":
        return f"{shown} read as ±5 %"
    if kind == "near":
        return f"{shown} read as [{fmt(0.9 * x)}, {fmt(x)}]"
    if kind == "over":
        return f"{shown} read as [{fmt(x)}, {fmt(x + unit_step(value_text))})"
    if kind == "under":
        return f"{shown} read as [{fmt(x - unit_step(value_text))}, {fmt(x)})"
    return ""


def shown_digits(value_text: str) -> int:
    """Decimals to show a recomputed value with: one more than the stated figure, at least 2."""
    return max(2, _decimals(value_text) + 1)


def tolerance(stated: Interval, recomputed: Interval) -> float:
    """Half-width of the accepted band around the recomputed value."""
    return max(recomputed.high - recomputed.value, recomputed.value - recomputed.low) + stated.half_width


def fmt(x: float, digits: int = 4) -> str:
    """A number for explanations: up to ``digits`` decimals, no trailing zeros."""
    if x is None or not math.isfinite(x):
        return str(x)
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
