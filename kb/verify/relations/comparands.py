"""The figure a comparison names: 这一数据高出上海70.24亿元, 也高于全国平均值1.2个百分点,
增幅高于全市工业平均水平2个百分点, 低于全部工业总产值增长速度13.9个百分点.

A stated difference compares the figure it is about (the last figure of its kind before the
comparison word, in its clause run; 这一数据 points to the sentence before) with a figure the
comparison names, stated anywhere in the document: a place's figure of the same kind and
period (上海, 全国), a figure named so (全部工业总产值增长速度), or, for 全市/全省…平均水平, the
headline figure of the compared figure's own indicator. The choice is certain only when one
figure fits.
"""

from __future__ import annotations

import re

from kb.figures.identity import indicator_key
from kb.models import Fact
from kb.text.gazetteer import canonical, find_places, is_place, place_level, province_of
from kb.text.vocab import regex, words
from kb.verify.relations.ground import (OPEN_BOUNDS, Context, compatible_units, is_level, is_prior_level,
                                        is_stated_change, same_time)
from kb.verify.relations.figure_names import Named, headline_among, is_subtotal, name_score, names_alike

_COMPARED = regex("relations", "compared_name")
_AVERAGE_WORDS = regex("relations", "average_words")
_THIS_FIGURE = regex("relations", "this_figure")
_JURISDICTIONS = words("relations", "jurisdictions")
_RATE_UNITS = ("%", "‰")
_COMPARED_GROWTH = words("relations", "compared_growth_words")
_GROWTH_MEASURES = frozenset(words("relations", "growth_measures"))
_GROWTH_TAIL = re.compile("(?:" + "|".join(_COMPARED_GROWTH) + ")$")


def compared_name(lead: str) -> tuple[str, int] | None:
    """(Y, where its comparison word starts in ``lead``) of '高于Y' / '高出Y' / '比Y高出' right
    before a stated difference."""
    m = _COMPARED.search(lead)
    if not m:
        return None
    name = next(g for g in m.groups() if g is not None)
    return name.strip(), m.start()


def _kind_of(stated: Fact) -> str:
    """"rate" for a percentage-point difference, "level" for an amount."""
    return "rate" if stated.unit_normalized == "pp" else "level"


def _fits(f: Fact, kind: str, stated: Fact) -> bool:
    """A figure of the kind a difference compares: a rate for pp, a level of its unit for an amount."""
    if kind == "rate":
        return f.unit_normalized in _RATE_UNITS and f.claim_type not in ("difference", "change")
    return is_level(f) and compatible_units(f, stated)


def compares_growth(clause: str) -> bool:
    """True when the words before a comparison say it compares growth rates (增速高于…)."""
    return any(w in clause for w in _COMPARED_GROWTH)


def own_figure(ctx: Context, stated: Fact, s0: int, compare_at: int) -> Fact | None:
    """The figure the comparison is about: the last one of the stated difference's kind before
    the comparison word in its sentence (a growth rate when the clause says 增速); for
    这一数据/这一增速, the last one of the sentence before."""
    kind = _kind_of(stated)
    lead = ctx.text[s0:compare_at]
    start = ctx.sentence_of(s0 - 1)[0] if _THIS_FIGURE.search(lead) and s0 > 0 else s0
    found = [f for f in ctx.facts_between(start, compare_at) if _fits(f, kind, stated) and f is not stated]
    clauses = [c for c in re.split(r"[，。；,;：:]", lead) if c.strip()]
    clause = re.split(r"[，。；,;：:]", lead)[-1]
    # 上海高出安徽省…: the figure of the place named before the comparison (江苏居全国第2位，比广东少:
    # in the clause before when the comparison opens its own)
    places = {canonical(p) for p, _, _ in find_places(clause or (clauses[-1] if clauses else ""))}
    if places:
        found = [f for f in found if f.subject_key in places]
    if kind == "rate" and compares_growth(clause):   # …占制造业的29.1%，增速高于…: not the share
        found = [f for f in found if f.measure in _GROWTH_MEASURES]
    return found[-1] if found else None


def own_stated_before(ctx: Context, stated: Fact, clause: str) -> Named | None:
    """The figure the comparison is about when its sentence states none: the subject's figure of
    the stated difference's indicator and period stated earlier in the document — its growth rate
    (江苏全社会用电量增速高于全国平均水平0.1个百分点) or its level (一季度青岛GDP比郑州多311.8亿元);
    certain when every such figure states one value."""
    if not stated.subject_key:
        return None
    rate = _kind_of(stated) == "rate"
    growth = rate and compares_growth(clause)
    if rate and not growth and not (stated.indicator and stated.indicator in clause):
        return None   # a rate's own value (全省不良贷款率低于全国…) only when the clause names that rate
    key = indicator_key(_GROWTH_TAIL.sub("", stated.indicator or ""))[0] if growth else stated.indicator_key
    found = [f for f in ctx.facts_before(stated.char_start)
             if _compared_kind(f, stated, growth)
             and f.subject_key == stated.subject_key and key and _keyed(f, key, rate and not growth)
             and (_same_period(f, stated) or (rate and not growth and same_time(f, stated)))
             and not is_prior_level(ctx, f) and not is_stated_change(ctx, f)]
    return _pick(found, stated) if found else None


def _keyed(f: Fact, key: str, rate_value: bool) -> bool:
    """The figure is of the indicator ``key``; a rate's own value may be named with more words before
    it (商业银行资本充足率 for a clause's 资本充足率)."""
    return f.indicator_key == key or (rate_value and bool(f.indicator_key) and f.indicator_key.endswith(key))


def _compared_kind(f: Fact, stated: Fact, growth: bool) -> bool:
    """A figure of the kind a difference compares: a growth rate (增速高于), a rate's own value
    (不良贷款率低于: a percentage that is no growth or change), or a level of the stated unit."""
    if growth:
        return f.measure == "yoy_growth"
    if _kind_of(stated) == "rate":
        return f.unit_normalized == "%" and f.measure not in _GROWTH_MEASURES and f.measure != "difference"
    return is_level(f) and compatible_units(f, stated)


def _core(name: str) -> str:
    """The compared name without its average words (全国平均值 → 全国, 全市工业平均水平 → 全市工业)."""
    return _AVERAGE_WORDS.sub("", name).strip("的")


_NAMES_THE_VALUE = re.compile(r"\s*的[^，。；,;：:\d]{2,12}?(?:平均水平|平均值|水平|均值|平均)")


def named_value(ctx: Context, f: Fact) -> Fact:
    """超过18.3%的全国平均水平: the bound word is the comparison's, and 18.3% is the average's
    exact value; the figure read without its bound (every other figure as it is)."""
    if f.qualifier in OPEN_BOUNDS and _NAMES_THE_VALUE.match(ctx.text, f.char_end):
        return f.model_copy(update={"qualifier": ""})
    return f


def same_indicator(a: Fact, b: Fact) -> bool:
    """One indicator, possibly written with more words (GDP, GDP数据正式发布); never unknown."""
    x, y = a.indicator_key, b.indicator_key
    return bool(x and y) and (x in y or y in x)


def _same_period(a: Fact, b: Fact) -> bool:
    known = a.period_start_month and b.period_start_month
    return not known or (a.period_start_month, a.period_end_month) == (b.period_start_month, b.period_end_month)


def _place_figure(pool: list[Fact], own: Fact, key: str) -> Named | None:
    """The place's figure of own's indicator; else, when own's indicator is not known alike, its
    only figure of own's measure — a choice never sure enough to accuse."""
    place = [f for f in pool if f.subject_key == key]
    found = _pick([f for f in place if same_indicator(f, own)], own)
    if found is not None:
        return found
    alike = _pick([f for f in place if f.measure == own.measure], own)
    return Named(alike.fact, certain=False) if alike is not None else None


def _pick(pool: list[Fact], own: Fact) -> Named | None:
    """The candidate of own's period (if any is), certain when one value remains."""
    same = [f for f in pool if _same_period(f, own)] or pool
    if not same:
        return None
    values = {f.value_normalized for f in same}
    return Named(same[0], certain=len(values) == 1)


def _by_name(ctx: Context, pool: list[Fact], own: Fact, written: str) -> Named | None:
    """The figure named ``written``; sure only when its own name has the written name's words too."""
    found = _pick([f for f in pool if name_score(ctx, written, f) >= 0.75], own)
    if found is None or names_alike(ctx, written, found.fact):
        return found
    return Named(found.fact, certain=False)


_RATE_TAIL = re.compile(r"(?:增长|上涨|提高)$")


def _by_key(pool: list[Fact], own: Fact, written: str, kind: str) -> Named | None:
    """快于经济增长1.1个百分点: the figure of own's subject and measure whose indicator is, by its
    key, the written name (经济增长 → GDP); None when the name has no key of another figure."""
    key = indicator_key(_RATE_TAIL.sub("", written) if kind == "rate" else written)[0]
    if not key or key == own.indicator_key or not own.subject_key:
        return None
    return _pick([f for f in pool if f.indicator_key == key and f.subject_key == own.subject_key
                  and f.measure == own.measure], own)


def _own_group(pool: list[Fact], own: Fact, core: str) -> Named | None:
    """高技术制造业用电量…增速高于制造业平均水平: the figure of the group own's indicator belongs to,
    named by the comparison (制造业用电量 for 制造业: own's indicator ends with it), of own's measure."""
    mine = own.indicator or ""
    found = [f for f in pool if f.measure == own.measure and f.indicator and f.indicator.startswith(core)
             and len(mine) > len(f.indicator) and mine.endswith(f.indicator)]
    return _pick(found, own) if found else None


def _named_figure(ctx: Context, pool: list[Fact], own: Fact, core: str, kind: str) -> Named | None:
    """The figure a name other than a place or jurisdiction names: by its indicator key (经济增长 →
    GDP), else the group own belongs to (制造业), else the figure whose indicator holds the name
    (各项存款), else by its words (three characters at least)."""
    found = _by_key(pool, own, core, kind) or _own_group(pool, own, core) or _containing(pool, own, core)
    if found is None and len(core) >= 3:
        found = _by_name(ctx, pool, own, core)
    return found


def _containing(pool: list[Fact], own: Fact, core: str) -> Named | None:
    """增速比各项存款高1.2个百分点: own subject's figure of own's measure and period whose indicator
    holds the written name (本外币各项存款余额), the shortest such (原保险保费收入 before 农业保险保费收入);
    never certain: a bare name may mean a sibling the document states under other words."""
    found = [f for f in pool if f.measure == own.measure and f.subject_key == own.subject_key
             and len(core) >= 2 and core in (f.indicator or "") and _same_period(f, own)]
    if not found:
        return None
    shortest = min(len(f.indicator) for f in found)
    best = next(f for f in found if len(f.indicator) == shortest)
    # 各项贷款 is also the 人民币各项贷款 or 人民币贷款 a bulletin states beside it: never sure
    return Named(best, certain=False)


def comparand(ctx: Context, stated: Fact, own: Fact, name: str) -> Named | None:
    """The figure the comparison names (see the module docstring), or None."""
    kind, core = _kind_of(stated), _core(name)
    pool = [named_value(ctx, f) for f in ctx.text_facts if f is not own and f is not stated
            and _fits(f, kind, stated) and (kind == "rate" or compatible_units(f, own))
            and not is_prior_level(ctx, f) and not is_stated_change(ctx, f)]
    pool = [f for f in pool if f.qualifier not in OPEN_BOUNDS]
    if core and is_place(core):  # 比全国高: the same indicator's figure for that place
        return _place_figure(pool, own, canonical(core))
    if len(core) >= 2 and core[:2] not in _JURISDICTIONS:
        return _named_figure(ctx, pool, own, core, kind)
    if not core or core[:2] in _JURISDICTIONS:
        place = _jurisdiction_place(core[:2], own)
        if place:  # 耒阳市…高于全省平均水平: 湖南's figure, not the 十强县 average
            pool = [f for f in pool if f.subject_key == place]
        return _jurisdiction_figure(ctx, pool, own, core[2:])
    return None


def _jurisdiction_place(word: str, own: Fact) -> str:
    """The place 全国 / 全省 names for a figure of a city or county (its province), else ""."""
    if word == "全国":
        return "全国"
    if word == "全省" and place_level(own.subject_key) in ("city", "county"):
        return province_of(own.subject_key)
    return ""


def _jurisdiction_figure(ctx: Context, pool: list[Fact], own: Fact, rest: str) -> Named | None:
    """全市平均水平 / 全市工业平均水平: the headline figure of own's indicator; sure only when its
    name has the words written after the jurisdiction (全国规模以上工业产销率 is not a 产销率)."""
    found = headline_among(ctx, own, [f for f in pool if not is_subtotal(ctx, f)])
    if found is not None and rest and not names_alike(ctx, rest, found.fact):
        return Named(found.fact, certain=False)
    return found