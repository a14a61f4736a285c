"""A total and the parts listed right after it: 全年进出口总额452.76亿美元，比上年增长0.6%。
其中，出口总额264.24亿美元，增长3.6%；进口总额188.52亿美元，下降3.4%.

Chinese statistical writing states a total, then opens its breakdown with 其中 (in the same
sentence after the total's own rate, or at the start of the next sentence). breakdown()
reads that list: the parts (the levels of the total's unit up to the end of the sentence or
a nested 其中), whether they are all of the total's members, and the growth rates of the
total and of each part. The parts are all the members when their names leave nothing out
(出口/进口, 国内/国际, A股/B股 — kb/data/relations.yaml breakdown_sets), or when the total's
clause names a group (三省, 粤桂琼, 广东、广西和海南) whose members are exactly the parts'
places. Otherwise a 其中 list may leave members out (or overlap), and only agreement is
telling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterator

from kb.models import Fact
from kb.verify import recompute as rc
from kb.verify.citing import interval, scaled
from kb.text.gazetteer import canonical, find_places, is_place, members
from kb.text.vocab import regex, words
from kb.verify.relations.ground import (Context, Relation, clause_before, is_comparand, is_level, is_prior_level,
                                        is_stated_change, same_unit, sentences_after, stated_as_average)
from kb.verify.relations.totals import DIMENSION_OPENING, group_size, is_comparison_base, names_another_total

_SETS = tuple(tuple(names) for names in words("relations", "breakdown_sets"))
_OPENINGS = words("relations", "breakdown_openings")
_CUT_OPENING = regex("relations", "breakdown_opening")
_NAMED_OPENING = regex("relations", "named_breakdown_opening")
_AVERAGES = words("relations", "per_head_or_rate")
_BALANCES = words("relations", "balance_words")
_CLAUSE_CUT = re.compile(r"[，,；;：:。]")
_INCREMENT = regex("relations", "increment_amount")
_BASE_YEAR = re.compile(r"(?:比|较|与)(?:19|20)\d{2}年")
_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass
class Breakdown:
    """A total, the parts listed after it and the growth rates that go with them."""

    total: Fact
    parts: list[Fact]
    complete: bool = False                 # the parts are all the total's members
    total_rate: Fact | None = None         # the total's own growth rate (比上年增长X%)
    rates: list[Fact] = field(default_factory=list)   # one growth rate per part, in order, or []


def _opening_at(text: str, pos: int) -> int:
    """The length of a breakdown opening at ``pos`` (其中, or a sentence's 按经营单位所在地分，/
    分产业看，), 0 when there is none."""
    cut = _CUT_OPENING.match(text, pos)
    return next((len(w) for w in _OPENINGS if text.startswith(w, pos)), len(cut.group()) if cut else 0)


_NAMED_REACH = 8   # sentences after the total's, to the end of the next paragraph, where its name may open one


def _later_sentence_starts(ctx: Context, total: Fact) -> Iterator[int]:
    """The starts of the sentences after the total's (up to ``_NAMED_REACH``), in its paragraph or
    the next."""
    return (start for start, _ in islice(sentences_after(ctx, total, 1), _NAMED_REACH))


def _only_so_named(ctx: Context, total: Fact, pos: int, name: str, exact: bool) -> bool:
    """The total is the only level of its unit named ``name`` (exactly, or in its name) from its
    sentence to ``pos``."""
    s0, _ = ctx.sentence_of(total.char_start)
    alike = [f for f in ctx.facts_between(s0, pos) if is_level(f) and same_unit(f, total)
             and (f.indicator == name if exact else name in f.indicator) and not is_prior_level(ctx, f)]
    return alike == [total]


def named_opening(ctx: Context, total: Fact) -> int | None:
    """Where a later sentence opens on the total's own name (在人身险中，after 人身险保费收入X; 医院中，
    after 其中，医院420个，基层医疗卫生机构5980个，… — in its paragraph or the next): the total must be the
    only level of its unit so named from its sentence to there; None when no sentence does."""
    for pos in _later_sentence_starts(ctx, total):
        named = _NAMED_OPENING.match(ctx.text, pos)
        if named and named.group(1) in total.indicator:
            return pos if _only_so_named(ctx, total, pos, named.group(1), exact=False) else None
    return None


def dimension_opening(ctx: Context, total: Fact) -> int | None:
    """Where a later sentence breaks the total down by a dimension of its own name (医院420个 …
    医院中，公立医院135个，民营医院285个。按医院等级分，三级医院28个…): in its paragraph or the next,
    the total the only level of its unit named exactly so from its sentence to there; None when none
    does. Other breakdowns of the same total may stand between (医院中，…)."""
    for pos in _later_sentence_starts(ctx, total):
        named = DIMENSION_OPENING.match(ctx.text, pos)
        if named and named.group(1) == total.indicator:
            return pos if _only_so_named(ctx, total, pos, total.indicator, exact=True) else None
    return None


def opening(ctx: Context, total: Fact) -> int | None:
    """Where the list of the total's parts opens: a 其中 after the total in its sentence, or
    opening the next sentence of the paragraph, with no other level of the total's unit
    between (其中 then belongs to that figure; the previous period's level or a comparison base
    — 上年为X — is no such figure)."""
    s0, s1 = ctx.sentence_of(total.char_start)
    found = [i for i in (ctx.text.find(w, total.char_end, s1) for w in _OPENINGS) if i != -1]
    start = min(found) if found else None
    if start is None and s1 < len(ctx.text):
        nxt = s1 + len(ctx.text[s1:]) - len(ctx.text[s1:].lstrip(" \t\u3000"))
        start = nxt if _opening_at(ctx.text, nxt) and not names_another_total(ctx, total, nxt) else None
    if start is None:
        named = named_opening(ctx, total)
        if named is not None:
            return named   # the name says which total is broken down: other levels may stand between
    if start is None or "\n\n" in ctx.text[total.char_end:start]:
        return None
    between = ctx.facts_between(total.char_end, start)
    if any(is_level(f) and same_unit(f, total) and not is_stated_change(ctx, f) and not is_prior_level(ctx, f)
           and not is_comparison_base(ctx, f) for f in between):
        return None
    return start


def _region_end(ctx: Context, start: int) -> int:
    """The end of the list opened at ``start``: its sentence's end, a nested 其中 (a part's own
    breakdown) or a paragraph break, whichever comes first."""
    _, end = ctx.sentence_of(start + 1)
    width = _opening_at(ctx.text, start)
    nested = [i for i in (ctx.text.find(w, start + width, end) for w in _OPENINGS) if i != -1]
    end = min(nested + [end])
    para = ctx.text.find("\n\n", start, end)
    return para if para != -1 else end


def listed_parts(ctx: Context, total: Fact, start: int, end: int) -> list[Fact]:
    """The levels of the total's unit between ``start`` and ``end``: no stated change (比上年增加X),
    no previous period's level, no comparison base, no balance (顺差); [] when fewer than two, or when one is not
    smaller than the total (then they are not its parts)."""
    parts = [f for f in ctx.facts_between(start, end) if is_level(f) and same_unit(f, total)
             and not is_stated_change(ctx, f) and not is_prior_level(ctx, f) and not is_comparison_base(ctx, f)
             and f.value_low is None and f.value_high is None and not _other_year(ctx, f, total)
             and not any(w in part_label(ctx, f, start) for w in _BALANCES)]
    if len(parts) < 2 or any(f.value_normalized >= total.value_normalized for f in parts):
        return []
    return parts


def _other_year(ctx: Context, part: Fact, total: Fact) -> bool:
    """The part's clause names a year other than the total's (其中…，1998年将在1700万人): another
    period's figure, not a part."""
    years = {int(y) for y in _YEAR_NAMED.findall(clause_before(ctx, part))}
    return bool(years) and total.year is not None and years != {total.year}


def part_label(ctx: Context, part: Fact, start: int) -> str:
    """The words that name a part: its clause up to the figure (；进口总额 → 进口总额)."""
    head = ctx.text[start:part.char_start]
    head = head[_opening_at(head, 0):]
    return _CLAUSE_CUT.split(head)[-1].strip()


def complete_by_names(total: Fact, labels: list[str]) -> bool:
    """The parts' names are one of the breakdown sets, one name each (出口/进口), none of which
    begins the total's own name (国内生产总值 is no 国内 part)."""
    for names in _SETS:
        if len(names) != len(labels) or any(total.indicator.startswith(n) for n in names):
            continue
        hits = [[n for n in names if n in label] for label in labels]
        if all(len(h) == 1 for h in hits) and len({h[0] for h in hits}) == len(names):
            return True
    return False


def _named_members(clause: str) -> set[str]:
    """The places a total's clause names: a region's members (粤桂琼), or a list of places."""
    places = [canonical(name) for name, _, _ in find_places(clause)]
    if len(places) == 1 and members(places[0]):
        return set(members(places[0]))
    return set(places) if len(places) >= 2 else set()


def complete_by_group(ctx: Context, total: Fact, parts: list[Fact]) -> bool:
    """The parts are one place each, distinct, and exactly the group the total's clause names:
    a count (三省（区）, 5个城市) or a region or list of places (粤桂琼, 广东、广西和海南)."""
    keys = [f.subject_key for f in parts]
    if not all(keys) or len(set(keys)) != len(keys) or not all(is_place(k) for k in keys):
        return False
    clause = clause_before(ctx, total)
    named = _named_members(clause)
    return set(keys) == named or group_size(clause) == len(keys)


def _complete_prefix(ctx: Context, total: Fact, parts: list[Fact], start: int) -> tuple[list[Fact], bool]:
    """(parts, complete): the list's first ；-clause when its own parts are all the total's
    members (其中重庆231.8万辆、四川68.7万辆；新能源汽车63.2万辆 — the clause after ； is
    another cut of the total), else the whole list when its parts are all the members, else the
    whole list, not known complete (夏粮；早稻；秋粮；薯类: one member too many for the set)."""
    ends = [i + 1 for i in range(len(parts) - 1) if re.search(r"[；;]", ctx.text[parts[i].char_end:parts[i + 1].char_start])]
    for n in ends[:1] + [len(parts)]:
        run = parts[:n]
        if len(run) >= 2 and (complete_by_names(total, [part_label(ctx, f, start) for f in run])
                              or complete_by_group(ctx, total, run)):
            return run, True
    return parts, False


def _is_rate(f: Fact) -> bool:
    return f.unit_normalized == "%" and f.claim_type == "growth_rate"


def total_rate(ctx: Context, total: Fact, start: int) -> Fact | None:
    """The total's own growth rate: the first growth rate between the total and its list."""
    rates = [f for f in ctx.facts_between(total.char_end, start) if _is_rate(f)]
    return rates[0] if rates else None


def part_rates(ctx: Context, parts: list[Fact], end: int) -> list[Fact]:
    """One growth rate per part, in order, each after its part ([] when the rates do not pair
    one to one: 分别增长a、b和c after the parts, or each part's own 增长X%)."""
    rates = [f for f in ctx.facts_between(parts[0].char_end, end) if _is_rate(f)]
    if len(rates) != len(parts) or any(r.char_start < p.char_end for p, r in zip(parts, rates, strict=True)):
        return []
    return rates


def may_break_down(ctx: Context, total: Fact) -> bool:
    """A level that may be the sum of parts listed after it: no average or rate (人均收入, 价格指数),
    no comparison base, no stated change, no previous period's level (上年同期为806.3亿元。按经营地分，…
    / 比上年同期（2498.2亿元）增长…，其中: the parts listed next are this period's)."""
    return is_level(total) and not (is_comparison_base(ctx, total) or is_stated_change(ctx, total)
                                    or any(w in total.indicator for w in _AVERAGES) or stated_as_average(ctx, total)
                                    or is_prior_level(ctx, total) or is_comparand(ctx, total))


def dimension_relation(ctx: Context, total: Fact, taken: int | None) -> Relation | None:
    """The sum of a breakdown of the total by a dimension of its name (按医院等级分，三级医院28个，…)
    that opens after another of its breakdowns (``taken``: where that one opened); agreement only, as
    a breakdown by a dimension may list some of the kinds only."""
    start = dimension_opening(ctx, total) if may_break_down(ctx, total) else None
    if start is None or start == taken:
        return None
    parts = listed_parts(ctx, total, start, _region_end(ctx, start))
    return Relation("sum", total, inputs=parts, weights=[1] * len(parts), where="breakdown", rule="dimension_sum",
                    doubt="a breakdown by a dimension may list only some of the kinds") if parts else None


def breakdown(ctx: Context, total: Fact) -> Breakdown | None:
    """The total's parts listed after 其中, whether they are all its members, and the rates of
    the total and of each part; None when the total has no such list."""
    if not may_break_down(ctx, total):
        return None
    start = opening(ctx, total)
    if start is None:
        return None
    end = _region_end(ctx, start)
    parts = listed_parts(ctx, total, start, end)
    if not parts:
        return None
    parts, complete = _complete_prefix(ctx, total, parts, start)
    rate = total_rate(ctx, total, start)
    rates = part_rates(ctx, parts, end) if rate is not None else []
    if any(_BASE_YEAR.search(clause_before(ctx, r)) for r in rates + ([rate] if rate else [])):
        rates = []  # a rate against a named year is no year-on-year rate of the breakdown
    return Breakdown(total, parts, complete, rate, rates)


_REAL_GROWTH_KEYS = words("identity", "real_growth_indicators")
_REAL_GROWTH_WORDS = words("relations", "real_growth_words")
_CONSTANT_PRICES = re.compile("|".join(words("relations", "constant_prices")) + r"|\d{4}年价")
_BRACKET_AFTER = re.compile(r"\s*[（(][^）)]{0,20}[）)]")
_BRACKET_BEFORE = re.compile(r"[（(][^）)]{0,20}[）)]\s*$")


def reported_real(f: Fact) -> bool:
    """Statistics report this indicator's growth at comparable prices (GDP, value added)."""
    return f.indicator_key in _REAL_GROWTH_KEYS or any(w in f.indicator for w in _REAL_GROWTH_WORDS)


def levels_at_constant_prices(ctx: Context, level: Fact) -> bool:
    """The level itself is at constant prices: a bracket right before or after it says so
    (工业总产值（1990年价）16095.6亿元, 1660.24亿元（按1990年不变价格计算）)."""
    after = _BRACKET_AFTER.match(ctx.text, level.char_end)
    before = _BRACKET_BEFORE.search(ctx.text[max(0, level.char_start - 30):level.char_start])
    return any(m and _CONSTANT_PRICES.search(m.group(0)) for m in (after, before))


def growth_is_real(ctx: Context, total: Fact, parts: list[Fact]) -> bool:
    """The growth rates are at comparable prices while the levels are at current prices (GDP,
    value added; 按不变价格计算，比上年增长): then the parts' levels cannot carry their rates
    back a year."""
    s0, _ = ctx.sentence_of(total.char_start)
    stated_real = bool(_CONSTANT_PRICES.search(ctx.text[s0:total.char_start] + ctx.text[total.char_end:
                                                                                         total.char_end + 30]))
    if not stated_real and not any(reported_real(f) for f in [total, *parts]):
        return False
    return not levels_at_constant_prices(ctx, total)


def _adds_up(found: Breakdown) -> bool:
    """The parts' sum agrees with the total (rounding intervals): they are demonstrably its parts."""
    parts = [scaled(interval(f), f.scale / found.total.scale) for f in found.parts]
    return rc.overlaps(rc.recompute_sum(parts), interval(found.total))


def breakdown_relations(ctx: Context, total: Fact) -> list[Relation]:
    """The sum of the total's listed parts and, when the total and every part state a growth
    rate and the parts add up to the total, the total's growth recomputed from the parts'
    (T / Σ Pᵢ/(1 + gᵢ) − 1): parts that do not add up are accused once, by the sum; and the sum of a
    further breakdown by a dimension of the total's name (按医院等级分, agreement only)."""
    found = breakdown(ctx, total)
    by_dimension = dimension_relation(ctx, total, opening(ctx, total) if found is not None else None)
    if found is None:
        return [by_dimension] if by_dimension else []
    n = len(found.parts)
    doubt = "" if found.complete else "the parts listed may not be all the total's members, nor only its members"
    out = [Relation("sum", total, inputs=found.parts, weights=[1] * n, mode="complete" if found.complete else "",
                    where="breakdown", doubt=doubt, rule="breakdown_sum")]
    if found.total_rate is not None and found.rates and _adds_up(found) \
            and not growth_is_real(ctx, total, found.parts):
        inputs = [total] + [f for pair in zip(found.parts, found.rates, strict=True) for f in pair]
        out.append(Relation("aggregate", found.total_rate, inputs=inputs, weights=[1] * n,
                            where="breakdown", doubt=doubt, rule="breakdown_growth"))
    return out + ([by_dimension] if by_dimension else [])


_CHANGE_OF_CHANGE = regex("relations", "change_of_change")
_SINCE_START = regex("relations", "since_year_start")
_YEAR_ON_YEAR = regex("relations", "year_on_year_base")


def _signed_change(ctx: Context, f: Fact) -> bool:
    """A period's change with its direction (增加X亿元, 减少X亿元), not a change of a change (同比多增)."""
    return f.claim_type == "change" and f.direction in ("up", "down") and f.unit_normalized not in (
        "%", "pp", "times", "rank") and f.value_low is None and f.value_high is None \
        and not _CHANGE_OF_CHANGE.search(ctx.text[max(0, f.char_start - 6):f.char_start])


def change_breakdown_relations(ctx: Context, total: Fact) -> list[Relation]:
    """A change and the changes of its parts listed after 其中 (储蓄存款共减少18.85亿元，其中，活期存款
    增加204.99亿元，定期存款减少223.84亿元): the total's change is the signed sum of the parts'.
    The parts may leave members out, so only agreement is telling unless their names are a
    complete set (出口/进口)."""
    if not _signed_change(ctx, total):
        return []
    start = opening(ctx, total)
    if start is None:
        return []
    end = _region_end(ctx, start)
    parts = [f for f in ctx.facts_between(start, end) if _signed_change(ctx, f) and same_unit(f, total)
             and not _other_year(ctx, f, total)]
    if len(parts) < 2 or any(is_level(f) and same_unit(f, total) for f in ctx.facts_between(start, end)):
        return []
    complete = complete_by_names(total, [part_label(ctx, f, start) for f in parts])
    doubt = "" if complete else "the parts listed may not be all the total's members, nor only its members"
    return [Relation("sum", total, inputs=parts, weights=[1 if f.direction == "up" else -1 for f in parts],
                     mode="complete" if complete else "", where="breakdown", doubt=doubt,
                     rule="breakdown_change_sum")]


def _is_increment(ctx: Context, f: Fact) -> bool:
    """A period's increment written as an amount (分别比年初新增存款a、b和c; 增加X亿元)."""
    up_change = f.claim_type == "change" and f.direction == "up"
    return (is_level(f) or up_change) and f.value_low is None and f.value_high is None \
        and bool(_INCREMENT.search(clause_before(ctx, f))) \
        and not _CHANGE_OF_CHANGE.search(ctx.text[max(0, f.char_start - 6):f.char_start])


_AMOUNT_EXCLUDED = ("%", "pp", "times", "rank")


def _increments_and_rates(ctx: Context, rate: Fact) -> tuple[list[Fact], list[Fact]] | None:
    """(increments, their rates) listed after the rate's 其中, one rate per increment, all up."""
    start = opening(ctx, rate)
    if start is None:
        return None
    end = _region_end(ctx, start)
    amounts = [f for f in ctx.facts_between(start, end) if f.unit_normalized not in _AMOUNT_EXCLUDED]
    incs = [f for f in amounts if _is_increment(ctx, f)]
    if len(incs) < 2 or len(amounts) != len(incs) or any(not same_unit(f, incs[0]) for f in incs):
        return None
    rates = part_rates(ctx, incs, end)
    if not rates or any(r.direction != "up" for r in rates):
        return None
    return incs, rates


def increment_rate_relations(ctx: Context, rate: Fact) -> list[Relation]:
    """A total's growth rate and, after its 其中, each part's increment and growth rate (三省存款
    比年初增长8.4%，其中，广东、广西、海南分别比年初新增存款a、b和c亿元，分别增长x、y和z%): the
    total's rate is Σ Dᵢ / Σ (Dᵢ / gᵢ). Only agreement is telling unless the parts are exactly
    the group the total's clause names."""
    if not _is_rate(rate) or rate.direction != "up" or rate.value_low is not None or rate.value_high is not None:
        return []
    found = _increments_and_rates(ctx, rate)
    if found is None:
        return []
    incs, rates = found
    if growth_is_real(ctx, rate, incs):
        return []  # a rate at comparable prices is no ratio of current-price amounts
    leads = [clause_before(ctx, f) for f in (rate, incs[0], rates[0])]
    if any(_SINCE_START.search(x) for x in leads) and any(_YEAR_ON_YEAR.search(x) for x in leads):
        return []  # increments since the year's start against rates year on year: other bases
    complete = complete_by_group(ctx, rate, incs)
    doubt = "" if complete else "the parts listed may not be all the total's members, nor only its members"
    inputs = [f for pair in zip(incs, rates, strict=True) for f in pair]
    return [Relation("aggregate", rate, inputs=inputs, weights=[1] * len(incs), mode="increments",
                     where="breakdown", doubt=doubt, rule="breakdown_increments")]


def total_of(ctx: Context, part: Fact) -> Fact | None:
    """The total whose 其中 list the part is listed in (None when it is in none): the nearest
    earlier level of the paragraph whose breakdown holds it."""
    para = ctx.text.rfind("\n\n", 0, part.char_start)
    for f in reversed(ctx.facts_between(max(para, 0), part.char_start)):
        found = breakdown(ctx, f) if is_level(f) and same_unit(f, part) else None
        if found is not None and any(p is part for p in found.parts):
            return f
    return None
