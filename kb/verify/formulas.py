"""The arithmetic of each relation kind: from a Relation, the recomputed interval, the formula
with the figures as stated, the stated value in the formula's unit and that unit.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from kb.errors import KbError
from kb.verify import recompute as rc
from kb.verify.citing import common_scale, interval, scaled
from kb.verify.relations import Relation


class Terms(NamedTuple):
    """A relation's inputs as intervals in one scale, and as written in the formula."""

    rel: Relation
    ins: list[rc.Interval]   # the inputs' intervals, in the common scale
    v: list[str]             # the inputs as shown in the formula
    scale: float             # the common scale (the first input's)


Result = tuple[rc.Interval, str, float, str]


def _multiple(t: Terms) -> Result:
    """增长X倍: B / A − 1; 是…的X倍: B / A; 相当于…的X%: B / A · 100."""
    (a, b), v, s = t.ins, t.v, t.rel.stated
    if t.rel.mode == "growth":
        return rc.recompute_multiple(a, b, growth=True), f"{v[1]} / {v[0]} − 1", s.value, "倍"
    if t.rel.mode == "percent":   # 相当于…的X%: B / A in percent
        return rc.recompute_share(b, a), f"{v[1]} / {v[0]}", s.value, "%"
    return rc.recompute_multiple(a, b, growth=False), f"{v[1]} / {v[0]}", s.value, "倍"


def signed_rate(f) -> rc.Interval:
    """A growth rate's interval in percent, negative for a decline (下降3.4% → −3.4)."""
    i = interval(f)
    return rc.Interval(-i.value, -i.high, -i.low) if f.direction == "down" else i


def _rate_text(f) -> str:
    sign = "−" if f.direction == "down" else "+"
    return f"(1 {sign} {f.value_text or rc.fmt(f.value)}%)"


def _aggregate(t: Terms) -> Result:
    """A total's growth from its parts' levels and growth rates: T / Σ Pᵢ/(1 + gᵢ) − 1."""
    rel, s = t.rel, t.rel.stated
    if rel.mode == "increments":
        return _aggregate_of_increments(t)
    total, rest = rel.inputs[0], rel.inputs[1:]
    parts, rates = rest[0::2], rest[1::2]
    scale = total.scale
    rec = rc.recompute_aggregate_growth(interval(total), [scaled(interval(p), p.scale / scale) for p in parts],
                                        [signed_rate(r) for r in rates], rel.weights)
    terms = " ".join(f"{'+' if w > 0 else '−'} {p.value_text or rc.fmt(p.value)}/{_rate_text(r)}"
                     for p, r, w in zip(parts, rates, rel.weights, strict=True)).lstrip("+ ")
    stated = -s.value if s.direction == "down" else s.value
    return rec, f"{total.value_text or rc.fmt(total.value)} / ({terms}) − 1", stated, "%"


def _aggregate_of_increments(t: Terms) -> Result:
    """A total's growth from its parts' increments and growth rates: Σ Dᵢ / Σ (Dᵢ / gᵢ)."""
    rel, s = t.rel, t.rel.stated
    incs, rates = rel.inputs[0::2], rel.inputs[1::2]
    scale = incs[0].scale
    rec = rc.recompute_growth_from_increments([scaled(interval(d), d.scale / scale) for d in incs],
                                              [interval(r) for r in rates])
    shown = [d.value_text or rc.fmt(d.value) for d in incs]
    terms = " + ".join(f"{x}/{r.value_text or rc.fmt(r.value)}%" for x, r in zip(shown, rates, strict=True))
    stated = -s.value if s.direction == "down" else s.value
    return rec, f"({' + '.join(shown)}) / ({terms})", stated, "%"


def _pull(t: Terms) -> Result:
    """A component's pull on growth, in points: the growth g times its contribution share c%."""
    g, c = (interval(f) for f in t.rel.inputs)
    share = rc.Interval(c.value / 100, c.low / 100, c.high / 100)
    ends = [g.low * share.low, g.low * share.high, g.high * share.low, g.high * share.high]
    rec = rc.Interval(g.value * share.value, min(ends), max(ends))
    gf, cf = t.rel.inputs
    return rec, f"{gf.value_text or rc.fmt(gf.value)} × {cf.value_text or rc.fmt(cf.value)}%", t.rel.stated.value, "个百分点"


def _growth(t: Terms) -> Result:
    """增长X%: (B / A − 1)·100, signed as stated; from a change D: D / (B ∓ D)."""
    v, s = t.v, t.rel.stated
    if t.rel.mode in ("change_up", "change_down"):
        b, d = t.ins
        falling = t.rel.mode == "change_down"
        formula = f"−{v[1]} / ({v[0]} + {v[1]})" if falling else f"{v[1]} / ({v[0]} − {v[1]})"
        down = -1.0 if s.direction == "down" else 1.0
        return rc.recompute_growth_from_change(b, d, down=falling), formula, down * s.value, "%"
    a, b = t.ins
    sign = -1.0 if s.direction == "down" and b.value < a.value else 1.0
    return rc.recompute_growth(a, b), f"{v[1]} / {v[0]} − 1", sign * s.value, "%"


def _cagr(t: Terms) -> Result:
    """年均增长X%: ((B / A)^(1/n) − 1)·100; 两年平均增长X% from the two years' rates."""
    if t.rel.mode == "rates":
        return _two_year_average(t)
    (a, b), v, years = t.ins, t.v, t.rel.years
    return rc.recompute_cagr(a, b, years), f"({v[1]} / {v[0]})^(1/{years}) − 1", t.rel.stated.value, "%"


def _two_year_average(t: Terms) -> Result:
    """两年平均增长X%: √((1 + g₁)(1 + g₂)) − 1, g₁ the same period's growth a year before."""
    first, second = t.rel.inputs
    rec = rc.recompute_two_year_average(signed_rate(first), signed_rate(second))
    s = t.rel.stated
    return (rec, f"√({_rate_text(first)} × {_rate_text(second)}) − 1",
            -s.value if s.direction == "down" else s.value, "%")


def _share_before(t: Terms) -> Result:
    """由上年的a%: the earlier share from this period's part P and whole W and their growth rates,
    (P / (1 + gp)) / (W / (1 + gw))."""
    part, gp, whole, gw = t.rel.inputs
    before = [rc.previous_level(scaled(interval(x), x.scale / whole.scale), signed_rate(g))
              for x, g in ((part, gp), (whole, gw))]
    shown = [f"{x.value_text or rc.fmt(x.value)}/{_rate_text(g)}" for x, g in ((part, gp), (whole, gw))]
    return rc.recompute_share(*before), f"({shown[0]}) / ({shown[1]})", t.rel.stated.value, "%"


def _share(t: Terms) -> Result:
    """占X%: part / whole; of_sum: a listed part over the sum of all the listed parts; margin: (revenue −
    cost) / revenue."""
    ins, v, s = t.ins, t.v, t.rel.stated
    if t.rel.mode == "previous":
        return _share_before(t)
    if t.rel.mode == "margin":   # 毛利率: (revenue − cost) / revenue, the inputs cost and revenue
        cost, revenue = ins
        return (rc.recompute_share(rc.recompute_difference(cost, revenue), revenue), f"({v[1]} − {v[0]}) / {v[1]}",
                s.value, "%")
    if t.rel.mode == "of_sum":
        return rc.recompute_share(ins[0], rc.recompute_sum(ins)), f"{v[0]} / ({' + '.join(v)})", s.value, "%"
    if t.rel.mode == "of_whole":  # 合计占: the listed parts together over the whole
        return (rc.recompute_share(rc.recompute_sum(ins[:-1]), ins[-1]), f"({' + '.join(v[:-1])}) / {v[-1]}",
                s.value, "%")
    part, whole = ins
    unit = "" if s.unit_normalized == "score" else "%"   # 性别比 102.97: per hundred, written bare
    return rc.recompute_share(part, whole), f"{v[0]} / {v[1]}", s.value, unit


def _ratio(t: Terms) -> Result:
    """差距 X倍: larger / smaller; gap_pct (相差X%): (larger / smaller − 1)·100."""
    ins, v, s = t.ins, t.v, t.rel.stated
    if t.rel.mode == "quotient":  # the first input over the second (an elasticity: gX / gY)
        return rc.recompute_ratio(ins[1], ins[0]), f"{v[0]} / {v[1]}", s.value, ""
    lo, hi = sorted(range(2), key=lambda i: ins[i].value)
    r = rc.recompute_ratio(ins[lo], ins[hi])
    if t.rel.mode == "gap_pct":
        return (rc.Interval((r.value - 1) * 100, (r.low - 1) * 100, (r.high - 1) * 100),
                f"{v[hi]} / {v[lo]} − 1", s.value, "%")
    return r, f"{v[hi]} / {v[lo]}", s.value, "倍"


def _difference(t: Terms) -> Result:
    """高出X: larger − smaller, in the stated figure's scale. Two growth rates that are changes keep
    their signs (mode "signed"): 增长3.8%，比全部工业（下降4.3%）高8.1个百分点 is 3.8 − (−4.3)."""
    ins, v, s, scale = t.ins, t.v, t.rel.stated, t.scale
    if t.rel.mode == "share_change":
        return _share_change(t)
    if t.rel.mode == "signed":
        ins = [signed_rate(f) for f in t.rel.inputs]
        v = [f"(−{x})" if f.direction == "down" else x for f, x in zip(t.rel.inputs, v, strict=True)]
    lo, hi = sorted(range(2), key=lambda i: ins[i].value)
    d = rc.recompute_difference(ins[lo], ins[hi])
    k, per = scale / s.scale, ""
    if t.rel.mode == "per_year":  # 平均每年提高X: the change over the years between
        k, per = k / t.rel.years, f") / {t.rel.years}"
    return (rc.Interval(d.value * k, d.low * k, d.high * k), f"{'(' if per else ''}{v[hi]} − {v[lo]}{per}",
            s.value, s.unit)


def _share_change(t: Terms) -> Result:
    """比上年提高X个百分点 of a share: (P / W − P₀ / W₀) · 100, this year's part and whole over last year's."""
    (p1, w1, p0, w0), v, s = t.ins, t.v, t.rel.stated
    now, before = rc.recompute_share(p1, w1), rc.recompute_share(p0, w0)
    if now.value >= before.value:
        return rc.recompute_difference(before, now), f"{v[0]} / {v[1]} − {v[2]} / {v[3]}", s.value, s.unit
    return rc.recompute_difference(now, before), f"{v[2]} / {v[3]} − {v[0]} / {v[1]}", s.value, s.unit


def _average_of_total(t: Terms) -> Result:
    """均值 cell = 总量 / n."""
    rel, s = t.rel, t.rel.stated
    return (rc.recompute_average(scaled(t.ins[0], t.scale / s.scale), rel.members),
            f"{rc.fmt(rel.inputs[0].value_normalized / s.scale)} / {rel.members}", s.value, s.unit)


def _per_head(t: Terms) -> Result:
    """人均 = total / headcount, in base units."""
    s = t.rel.stated
    head, total = (scaled(interval(f), f.scale / s.scale) for f in t.rel.inputs)
    return rc.recompute_ratio(head, total), f"{t.v[1]} / {t.v[0]}", s.value, s.unit


def _normalised(f) -> rc.Interval:
    """The figure's interval in its normal unit (168.2万吨 → 1,682,000 t)."""
    return scaled(interval(f), f.value_normalized / f.value if f.value else 1.0)


def _as_written(facts) -> list[str]:
    """Each figure as the document writes it, with its unit (168.2万吨)."""
    return [f"{f.value_text or rc.fmt(f.value)}{f.unit}" for f in facts]


def _quotient(t: Terms) -> Result:
    """单产 = 产量 / 面积, 均价 = 销售额 / 面积: the second input over the first, in the stated figure's
    unit (the relation's factor converts: 吨 per 亩 → 公斤 per 亩)."""
    s = t.rel.stated
    denominator, numerator = (_normalised(f) for f in t.rel.inputs)
    k = t.rel.factor * (s.value / s.value_normalized if s.value_normalized else 1.0)
    shown = _as_written(t.rel.inputs)
    factor = f" × {rc.fmt(t.rel.factor)}" if t.rel.factor != 1 else ""
    return scaled(rc.recompute_ratio(denominator, numerator), k), f"{shown[1]} / {shown[0]}{factor}", s.value, s.unit


def _per_capita_span(t: Terms) -> Result:
    """人均 = total / the year's average population: over the span from the year's start (its end less
    the stated change) to its end, or the year-end figure ±2 % when no change is stated (a rate per
    thousand, 出生率, the same quotient times the relation's factor)."""
    s, sign = t.rel.stated, t.rel.weights[0]
    people, total = (_normalised(f) for f in t.rel.inputs[:2])
    if len(t.rel.inputs) == 3:
        change = _normalised(t.rel.inputs[2])
        start = rc.Interval(people.value - sign * change.value, people.low - sign * change.high,
                            people.high - sign * change.low)
        span = rc.Interval((people.value + start.value) / 2, min(people.low, start.low), max(people.high, start.high))
    else:
        span = rc.Interval(people.value, people.low * 0.98, people.high * 1.02)
    k = t.rel.factor * (s.value / s.value_normalized if s.value_normalized else 1.0)
    shown = _as_written(t.rel.inputs[:2])
    factor = " × 1000" if s.unit == "‰" else ""
    return scaled(rc.recompute_ratio(span, total), k), f"{shown[1]} / {shown[0]}{factor}", s.value, s.unit


def _per_unit(t: Terms) -> Result:
    """每万人拥有X = X / population × 10000 (the people per unit in the relation's weights)."""
    s, k = t.rel.stated, t.rel.weights[0]
    people, count = (scaled(interval(f), f.scale) for f in t.rel.inputs)
    r = rc.recompute_ratio(people, count)
    rec = rc.Interval(r.value * k / s.scale, r.low * k / s.scale, r.high * k / s.scale)
    shown = [f"{f.value_text or rc.fmt(f.value)}{f.unit}" for f in t.rel.inputs]
    return rec, f"{shown[1]} / {shown[0]} × {k}", s.value, s.unit


def _per_unit_before(t: Terms) -> Result:
    """上年每万人拥有X = (X − its change) / (population / (1 + g)) × 10000."""
    s, (k, sign) = t.rel.stated, t.rel.weights
    people, rate, count, change = t.rel.inputs
    before = rc.previous_level(scaled(interval(people), people.scale), signed_rate(rate))
    c, d = scaled(interval(count), count.scale), scaled(interval(change), change.scale)
    then = rc.Interval(c.value - sign * d.value, c.low - sign * (d.high if sign > 0 else d.low),
                       c.high - sign * (d.low if sign > 0 else d.high))
    r = rc.recompute_ratio(before, then)
    rec = rc.Interval(r.value * k / s.scale, r.low * k / s.scale, r.high * k / s.scale)
    shown = [f"{f.value_text or rc.fmt(f.value)}{f.unit}" for f in t.rel.inputs]
    op = "−" if sign > 0 else "+"
    return rec, f"({shown[2]} {op} {shown[3]}) / ({shown[0]} / {_rate_text(rate)}) × {k}", s.value, s.unit


def _mean_of_levels(t: Terms) -> Result:
    """两省均值 = mean of the members' levels."""
    s = t.rel.stated
    mean = rc.recompute_mean([scaled(i, t.scale / s.scale) for i in t.ins])
    return mean, f"({' + '.join(t.v)}) / {len(t.v)}", s.value, s.unit


def _mean_growth(t: Terms) -> Result:
    """平均增长X: the mean of the members' growth, over (first, last) pairs."""
    ins, v = t.ins, t.v
    growth = t.rel.mode == "multiple"
    per = [rc.recompute_multiple(ins[i], ins[i + 1], growth=True) if growth else rc.recompute_growth(ins[i], ins[i + 1])
           for i in range(0, len(ins), 2)]
    terms = ", ".join(f"{v[i + 1]}/{v[i]}" for i in range(0, len(v), 2))
    return rc.recompute_mean(per), f"mean of ({terms}) − 1", t.rel.stated.value, "倍" if growth else "%"


def _average(t: Terms) -> Result:
    """An average: of a 总量 cell over n members, per head, of levels, or of growths."""
    if t.rel.members:
        return _average_of_total(t)
    if t.rel.mode == "per_head":
        return _per_head(t)
    if t.rel.mode == "per_unit":
        return _per_unit(t)
    if t.rel.mode == "quotient":
        return _quotient(t)
    if t.rel.mode == "per_capita_span":
        return _per_capita_span(t)
    if t.rel.mode == "per_unit_before":
        return _per_unit_before(t)
    if t.rel.mode == "levels":
        return _mean_of_levels(t)
    return _mean_growth(t)


def _weighted(i: rc.Interval, w: float) -> rc.Interval:
    """w times the interval (a negative weight subtracts: its ends swap)."""
    return rc.Interval(i.value * w, i.low * w, i.high * w) if w >= 0 else rc.Interval(i.value * w, i.high * w, i.low * w)


def _term(x: str, w: int, first: bool) -> str:
    if w < 0:
        return f"− {x}" if w == -1 else f"− {-w} × {x}"
    shown = f"{w} × {x}" if w > 1 else x
    return shown if first else f"+ {shown}"


def _sum(t: Terms) -> Result:
    """共计N = Σ parts, each counted as many times as the members it stands for (京津各N个); a
    part of weight −1 is subtracted (存差 = 存款 − 贷款); in the stated figure's scale."""
    s = t.rel.stated
    k = t.scale / s.scale
    parts = [_weighted(scaled(i, k), w) for i, w in zip(t.ins, t.rel.weights, strict=False)]
    terms = " ".join(_term(x, w, n == 0) for n, (x, w) in enumerate(zip(t.v, t.rel.weights, strict=False)))
    return rc.recompute_sum(parts), terms, -s.value if s.direction == "down" else s.value, s.unit


def _real_growth(t: Terms) -> Result:
    """实际增长: the nominal growth n deflated by the price change p, ((1 + n) / (1 + p) − 1)·100."""
    n, p = t.rel.inputs
    index = [rc.Interval(100 + i.value, 100 + i.low, 100 + i.high) for i in (signed_rate(p), signed_rate(n))]
    rec = rc.recompute_growth(*index)
    s = t.rel.stated
    return rec, f"{_rate_text(n)} / {_rate_text(p)} − 1", -s.value if s.direction == "down" else s.value, "%"


def _contribution(t: Terms) -> Result:
    """A part's contribution to a whole's growth, in percent: (A − A/(1 + g)) / (B − B₀) · 100."""
    a, g, b, b0 = t.rel.inputs
    scale = b.scale
    part, whole, before = (scaled(interval(f), f.scale / scale) for f in (a, b, b0))
    increment = rc.recompute_difference(rc.previous_level(part, signed_rate(g)), part)
    growth = rc.recompute_difference(before, whole)
    if increment.low <= 0 or growth.low <= 0:
        raise KbError("the part's or the whole's increment is not positive")
    shown = [f.value_text or rc.fmt(f.value_normalized / scale) for f in (a, b, b0)]
    formula = f"({shown[0]} − {shown[0]}/{_rate_text(g)}) / ({shown[1]} − {shown[2]})"
    return rc.recompute_share(increment, growth), formula, t.rel.stated.value, "%"


FORMULAS: dict[str, Callable[[Terms], Result]] = {
    "multiple": _multiple, "growth": _growth, "cagr": _cagr, "share": _share, "ratio": _ratio,
    "difference": _difference, "average": _average, "sum": _sum, "aggregate": _aggregate,
    "real_growth": _real_growth, "pull": _pull, "contribution": _contribution,
}


def input_intervals(rel: Relation) -> list[rc.Interval]:
    """The relation's inputs as intervals in the first input's scale."""
    scale = common_scale(rel.inputs)
    return [scaled(interval(f), f.scale / scale) for f in rel.inputs]


def compute(rel: Relation) -> Result:
    """(recomputed interval, formula with numbers, stated value in the formula's unit, unit)."""
    scale = common_scale(rel.inputs)
    ins = input_intervals(rel)
    # the digits as stated when the input is in the common scale (3068.0, not 3068)
    v = [f.value_text if f.value_text and f.scale == scale else rc.fmt(f.value_normalized / scale)
         for f in rel.inputs]
    formula = FORMULAS.get(rel.kind)
    if formula is None:
        raise KbError(f"unknown relation kind {rel.kind!r}; use one of kb.verify.checks' kinds")
    return formula(Terms(rel, ins, v, scale))
