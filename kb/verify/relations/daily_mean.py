"""A level per calendar day: 10月份，规上工业原油产量1786.4万吨，…，日均产量57.6万吨 is the month's
level over its 31 days (statistics reckon 日均产品产量 over the calendar days of the period).

The total is the last level of the stated figure's unit and months before it, in its sentence or,
when the sentence states none, in the one before (…产量41580万吨。日均产量1341.3万吨。); the months
must be named there (10月份, 1—10月), and no holiday or count of days (国庆假期7天) may be, for then
the days are not the calendar's.
"""

from __future__ import annotations

import calendar
import re

from kb.models import Fact
from kb.text.vocab import regex, words
from kb.verify.relations.ground import (Relation, Site, is_level, is_prior_level, is_stated_change, paragraph_bounds,
                                        same_unit)

_DAYS_NAMED = regex("relations", "days_named")
_STATED_DAYS = regex("relations", "stated_days")
_DAILY_WORD = re.compile("|".join(words("relations", "daily_words")))
_DAILY_MEAN = regex("relations", "daily_mean")


def calendar_days(start_month: str, end_month: str) -> int:
    """The days from the first of ``start_month`` to the end of ``end_month`` (YYYY-MM), 0 when the
    two are not months of one year in order."""
    try:
        year, first = int(start_month[:4]), int(start_month[5:7])
        last_year, last = int(end_month[:4]), int(end_month[5:7])
    except (TypeError, ValueError):
        return 0
    if year != last_year or not 1 <= first <= last <= 12:
        return 0
    return sum(calendar.monthrange(year, m)[1] for m in range(first, last + 1))


def _totals(site: Site, start: int) -> list[Fact]:
    """Levels of the stated figure's unit and months from ``start`` to the figure: not daily ones, not
    last year's (上年同月…为X)."""
    ctx, stated = site.ctx, site.stated
    return [f for f in ctx.facts_between(start, stated.char_start) if is_level(f) and same_unit(f, stated)
            and not is_stated_change(ctx, f) and not is_prior_level(ctx, f)
            and f.value_normalized > stated.value_normalized
            and (f.period_start_month, f.period_end_month) == (stated.period_start_month, stated.period_end_month)
            and not _DAILY_MEAN.search(ctx.text[max(start, f.char_start - 8):f.char_start])]


def _days_note(ctx, indicator: str) -> re.Match | None:
    """A note of the document on the figure's days: 日均用电量按上半年182天计算 (the mean's own name
    right before 按)."""
    if not _DAILY_WORD.search(indicator):
        return None
    at = ctx.text.find(indicator + "按")
    return _STATED_DAYS.match(ctx.text, at + len(indicator)) if at != -1 else None


def rule_mean_over_stated_days(site: Site) -> Relation | None:
    """按全年251个工作日计算，全市医院日均诊疗20.40万人次: the level its name less 日均 names (医院诊疗), in
    its paragraph or the one before, over the days the sentence states; chosen by name, so only
    agreement tells when it stands outside the sentence."""
    ctx, stated = site.ctx, site.stated
    core = _DAILY_WORD.sub("", stated.indicator or "")
    m = _STATED_DAYS.search(site.lead) or _days_note(ctx, stated.indicator or "")
    if not m or len(core) < 2:
        return None
    start = paragraph_bounds(ctx, max(site.para_start - 2, 0))[0] if site.para_start > 0 else 0
    named = [f for f in _totals(site, start) if core in (f.indicator or "")]
    if not named:
        return None
    total = named[-1]
    doubt = "" if total.char_start >= site.s0 else "the total was chosen by its name, outside the sentence"
    return Relation("average", stated, inputs=[total], members=int(m.group(1)), mode="per_stated_day",
                    where="per_day", doubt=doubt)


def rule_daily_mean_of_total(site: Site) -> Relation | None:
    """日均产量X: the period's level before it over the calendar days of its months."""
    ctx, stated = site.ctx, site.stated
    days = calendar_days(stated.period_start_month, stated.period_end_month)
    if days < 28:
        return None
    start = site.s0
    totals = _totals(site, start)
    if not totals and start > 0:
        start = ctx.sentence_of(start - 1)[0]
        totals = _totals(site, start)
    span = ctx.text[start:stated.char_start]
    if not totals or _DAYS_NAMED.search(span) or "月" not in span:
        return None
    return Relation("average", stated, inputs=[totals[-1]], members=days, mode="per_day", where="per_day")
