"""Years and periods of figures: stated years, ranges, five-year plans, base and report years.

``find_years(text, ref_year)`` finds every year a sentence states (2014年, 2014—2022年,
“十三五”时期, 去年/今年 against the document's year) and marks its role (a base
of comparison, a start of 以来, the origin of 由…增加到…, a part of a year).
``date_figure`` gives one figure its ``Dating`` (year, period_start,
period_end) by trying ``YEAR_RULES`` in order and records the rule that fired;
``last_year_dating`` moves a figure introduced by 上年/去年 to the year before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, Optional

from kb.figures.linking.carry import Carry
from kb.figures.linking.cues import BOOK_TITLE, COMPARISON_TYPES, RATE_CHANGE_TYPES
from kb.figures.linking.rules import first_rule
from kb.models import Quantity
from kb.text.memo import kept_list
from kb.text.numerals import count_value
from kb.text.vocab import regex, vocabulary

_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~～至到一]{1,2}\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")
# 《…指数(2023)》: the year of a cited edition
_TITLE_YEAR = re.compile(r"《[^《》]*?((?:19|20)\d{2})(?!\s*[—–\-~～至到])[^《》\d]*》")
_BASE_BEFORE = regex("linking", "base_year_before")
_BASE_AFTER = regex("linking", "base_year_after")
_PRICE_AFTER = regex("linking", "price_year_after")
_SAME_PART_BEFORE = regex("linking", "same_part_before")
_SINCE_AFTER = regex("linking", "since_after")
_EVENT_AFTER = regex("linking", "event_after")
_SAME_YEAR = regex("linking", "same_year")
RELATIVE_YEAR = regex("linking", "relative_year")
_PLAN = regex("linking", "plan_period")
_ERAS = {word: int(year) for year, names in vocabulary("linking")["named_eras"].items() for word in names}
_ERA = re.compile("|".join(sorted(map(re.escape, _ERAS), key=len, reverse=True)))
_PLAN_NUMBERS = {"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16, "十七": 17, "十八": 18, "十九": 19, "二十": 20}
_MULTIPLE_OF = regex("linking", "multiple_of")
_CHANGED_TO = regex("linking", "changed_to")
_YEAR_ON_YEAR_RATE = regex("linking", "year_on_year_rate")
_TIMES_AFTER = regex("linking", "times_after")
_PART_OF_YEAR = regex("linking", "part_of_year")
_TO_END = regex("linking", "to_end_year")
_FROM_BEFORE = regex("linking", "from_before")
_TO_BEFORE = regex("linking", "to_before")
_OWN_YEAR = regex("linking", "own_year_gap")
_NOT_OWN_YEAR = {"change", "difference", "multiple", "cagr"}
_YEARS_SINCE = regex("linking", "years_since")
_RECENT = regex("linking", "recent_years")
_EVERY_YEAR = regex("linking", "every_year")
_PER_CHANGE = regex("linking", "per_change")
_TODAY = regex("linking", "today")
_MONTH_ONLY = regex("linking", "month_only")
_LAST_YEAR_BEFORE = regex("linking", "last_year_before")
_COMPARAND_PERIOD_VALUE = regex("linking", "comparand_period_value")
_COMPARAND_AFTER = regex("linking", "comparand_after")
_LAST_YEAR_RATE = regex("linking", "last_year_rate")
_LAST_YEAR_MULTIPLE = regex("linking", "last_year_multiple")
_YEARS_RATE = regex("linking", "years_rate")


@dataclass
class StatedYear:
    """A year a sentence states, with its span and its role."""

    year: int
    start: int
    end: int
    base: bool = False
    until: Optional[int] = None     # range end (2014—2022年)
    since: bool = False             # 2014年以来 / 自2014年起: figures after it are as of now
    origin: bool = False            # 由2018年的X增加到Y: the start of a change; Y is of the end year
    partial: bool = False           # 2024年春节假期 / 2023年上半年: a part of the year, a topic of its paragraph only
    price: bool = False             # （1990年价）/ 按2020年不变价: the prices of a level, no base of comparison


@kept_list()       # asked of one sentence by the scene, the carry-over and the identity pass (issue 12)
def find_years(text: str, ref_year: Optional[int] = None) -> list[StatedYear]:
    """Every year ``text`` states, in text order (去年/今年 only when ``ref_year`` is known); not the
    date of an event (2022年年中出台的…政策, 2023年8月起提高…)."""
    masked = BOOK_TITLE.sub(lambda m: "\u3000" * len(m.group()), text)
    out = _relative_years(masked, ref_year)
    periods = _plan_periods(masked) + _year_ranges(masked)
    out += periods + _era_years(masked)
    out += [_single_year(masked, m) for m in _YEAR.finditer(masked)
            if not any(p.start <= m.start() < p.end for p in periods) and not _EVENT_AFTER.match(masked[m.end():m.end() + 16])]
    return _joined_bases(sorted(out, key=lambda y: y.start), masked)


_JOINED = regex("linking", "joined_years")


def _joined_bases(years: list[StatedYear], masked: str) -> list[StatedYear]:
    """分别比1997年和1998年末下降…: a year listed right after a base year is a base too."""
    for a, b in zip(years, years[1:], strict=False):
        if a.base and not a.price and not b.since and _JOINED.match(masked[a.end:b.start]):
            b.base = True
    return years


# 剔除去年同期低基数影响: the year of a base the figure is cleaned of, not the figure's year
_BASE_EFFECT = re.compile(r"\s*(?:同期)?\s*的?\s*[低高]?基数")


def _relative_years(masked: str, ref_year: Optional[int]) -> list[StatedYear]:
    """去年 / 过去一年 / 今年 against the document's year."""
    if ref_year is None:
        return []
    out = []
    for m in RELATIVE_YEAR.finditer(masked):
        lead = masked[max(0, m.start() - 4):m.start()]
        out.append(StatedYear(ref_year + (0 if m.group(1)[0] in "今本" else -1), m.start(), m.end(),
                              base=bool(_BASE_BEFORE.search(lead) or _BASE_EFFECT.match(masked, m.end())),
                              origin=masked[m.start() - 1:m.start()] in ("从", "由")))
    return out


def _plan_periods(masked: str) -> list[StatedYear]:
    """“十三五”时期: the plan's five years (十二五 2011—2015, 十三五 2016—2020, 十四五 2021—2025)."""
    out = []
    for m in _PLAN.finditer(masked):
        a = 2011 + 5 * (_PLAN_NUMBERS[m.group(1)] - 12)
        out.append(StatedYear(a, m.start(), m.end(), until=a + 4))
    return out


def _year_ranges(masked: str) -> list[StatedYear]:
    """2014—2022年: a period from its first to its last year."""
    out = []
    for m in _YEAR_RANGE.finditer(masked):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            out.append(StatedYear(a, m.start(), m.end(), until=b))
    return out


def _era_years(masked: str) -> list[StatedYear]:
    """与改革开放之初相比 (1978) / 新中国成立之初 (1949): an era read as the year it began, its role
    read from the words around it as a year's is."""
    return [_single_year(masked, m, _ERAS[m.group()]) for m in _ERA.finditer(masked)]


def _single_year(masked: str, m: re.Match, year: Optional[int] = None) -> StatedYear:
    """One 2014年 (or an era of ``year``) with its role, read from the words around it."""
    before1, after1 = masked[max(0, m.start() - 1):m.start()], masked[m.end():m.end() + 1]
    base = bool(_BASE_BEFORE.search(masked[max(0, m.start() - 4):m.start()])
                or _BASE_AFTER.match(masked[m.end():m.end() + 8]))
    # 从2008年的15.2%: a "from" year that states a level is not a base
    origin = before1 in ("从", "由") and after1 == "的"
    if origin:
        base = False
    # 是2015年的2.78倍: the year compared with, not the figure's
    if _multiple_of_year(masked, m.start(), m.end()):
        base = True
    since = bool(_SINCE_AFTER.match(masked[m.end():m.end() + 8]) or (before1 == "自" and not after1 == "的"))
    return StatedYear(year or int(m.group(1)), m.start(), m.end(), base=base, since=since, origin=origin,
                      partial=bool(_PART_OF_YEAR.match(masked[m.end():m.end() + 8])),
                      price=bool(_PRICE_AFTER.match(masked[m.end():m.end() + 4])))


# --- dating one figure -------------------------------------------------------------

class Dating(NamedTuple):
    """A figure's year or period and the rule that chose it."""

    year: Optional[int]
    period_start: Optional[int]
    period_end: Optional[int]
    rule: str = ""


@dataclass
class FigureTime:
    """What the year rules read about one figure: the sentence's years, the figure's clause,
    the carried context, its claim type and the words just before it (``near``)."""

    q: Quantity
    years: list[StatedYear]
    clause: tuple[int, int]
    carry: Carry
    sentence: str
    claim_type: str
    near: str

    @cached_property
    def stated(self) -> list[StatedYear]:
        """Years before the figure that are not a base of comparison."""
        return [y for y in self.years if not y.base and y.end <= self.q.start]

    @cached_property
    def in_clause(self) -> list[StatedYear]:
        """Stated years in the figure's own clause."""
        return [y for y in self.stated if y.start >= self.clause[0]]

    @cached_property
    def later(self) -> list[StatedYear]:
        """Years after the figure, in its clause (国内生产总值126万亿元，2023年…)."""
        return [y for y in self.years if not y.base and y.start >= self.q.end and y.end <= self.clause[1]]

    @cached_property
    def pick(self) -> Optional[StatedYear]:
        """The year the figure would take: the last in its clause, else in the sentence, else the next."""
        pick = (self.in_clause or self.stated or [None])[-1]
        if pick is None and self.later:
            return self.later[0]
        return pick

    @cached_property
    def since(self) -> list[StatedYear]:
        """2014年以来 / 自2014年 before the figure."""
        return [y for y in self.years if y.since and y.end <= self.q.start]

    @property
    def rate(self) -> bool:
        """True for a rate or change (it spans a period rather than a year)."""
        return self.claim_type in RATE_CHANGE_TYPES

    @property
    def from_origin(self) -> bool:
        """由2018年的X增加到Y: the figure follows the origin year of a change (and is not its start)."""
        p = self.pick
        return p is not None and p.origin and p.end <= self.q.start and not _FROM_BEFORE.search(self.near)


Choice = Optional[tuple[Optional[int], Optional[int], Optional[int]]]


def against_base(t: FigureTime, year: Optional[int]) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(year, None, None), or for a rate or difference after a base year (与2014年相比) the
    period from the base to ``year``. A comparison that stays within one period of ``year`` dates
    the figure to ``year`` alone: against the year before (2023年…比2022年增长5%), against the same
    part of the base year (比2019年同期, 比2019年1—2月, 同比2019年), or from a part of a year (2021年1—2月，
    …比2019年增长15%). A price year (按1990年价) is no base."""
    bases = [y for y in t.years if y.base and not y.price and y.end <= t.q.start]
    if not bases:
        return year, None, None
    base = bases[-1]
    multiple = t.claim_type == "multiple" or _multiple_of_year(t.sentence, base.start, base.end)
    if not multiple and _same_part(t.sentence, base):
        return year, None, None
    if not multiple and (t.claim_type not in COMPARISON_TYPES or _change_end(t)):
        return year, None, None
    if not multiple and year is not None and (base.year == year - 1 or _of_part_year(t, year)):
        return year, None, None
    return None, base.year, (year if year is not None and year >= base.year else None)


_SAME_PART_AFTER = regex("linking", "same_part_after")


def _multiple_of_year(text: str, start: int, end: int) -> bool:
    """是2015年的2.78倍 / 相当于2019年的92% / 恢复到2019年的…: the year at ``text[start:end]`` is the base of a
    multiple (written in 倍 or %), not a change to a level of that year (下降为1997年的0.8%)."""
    lead = text[max(0, start - 3):start]
    return (bool(_MULTIPLE_OF.search(lead)) and not _CHANGED_TO.search(lead)
            and bool(_TIMES_AFTER.match(text[end:end + 14])))


def _same_part(sentence: str, base: StatedYear) -> bool:
    """比2019年同期 / 比2019年1—2月 / 同比2019年: the base is the same part of its year as the figure's."""
    return bool(_SAME_PART_AFTER.match(sentence[base.end:base.end + 10])
                or _SAME_PART_BEFORE.search(sentence[max(0, base.start - 4):base.start]))


_FROM_IN_CLAUSE = regex("linking", "change_from")


def _change_end(t: FigureTime) -> bool:
    """…增长率由33%下降到6.5%: the figure is the level a change ends at, not a change."""
    return bool(_TO_BEFORE.search(t.near) and _FROM_IN_CLAUSE.search(t.sentence, t.clause[0], t.q.start))


def _of_part_year(t: FigureTime, year: int) -> bool:
    """The figure's year is stated as a part of it (2021年1—2月，…): a comparison of that part."""
    p = t.pick
    return p is not None and p.partial and p.year == year


def change_start_carried(t: FigureTime) -> Choice:
    """…由2020年的X增加到2024年的Y。研发投入强度由2.6%提高到3.1%: an undated 由A takes the start
    year of the change the previous sentence stated."""
    if not t.years and t.carry.change_start is not None and _FROM_BEFORE.search(t.near) and not t.rate:
        return t.carry.change_start, None, None
    return None


def change_start_before(t: FigureTime) -> Choice:
    """所占比重由47.9%提高到49% in a sentence that names no year: A is the level of the year before
    the carried one (in a review of years, 五年来…, the year before the first)."""
    if t.years or t.rate or not _FROM_BEFORE.search(t.near):
        return None
    if t.carry.period_start is not None:
        return None   # 1978~2018年，…。比重由A增加到B: the carried period's first year (carried_period)
    if _YEARS_RATE.search(t.sentence) and t.carry.span_start is None:
        return None, None, None   # 由A增加到B，年均增长X%: a change over years the sentence does not name
    start = t.carry.span_start if t.carry.span_start is not None else t.carry.year
    return (start - 1, None, None) if start is not None else None


def parallel_change_start(t: FigureTime) -> Choice:
    """由1997年的15.4%下降为1998年的2.3%，欧盟由9.6%下降为6.3%: an undated 由A in a later clause starts
    where the sentence's dated change started."""
    if t.in_clause or t.rate or not _FROM_BEFORE.search(t.near):
        return None
    starts = [y for y in t.stated if y.until is None and t.sentence[y.start - 1:y.start] in ("由", "从")
              and any(e.start > y.end and e.year > y.year for e in t.stated)]
    return (starts[-1].year, None, None) if starts else None


def own_year_level(t: FigureTime) -> Choice:
    """与2013年的1.15万亿元相比 / 较2016年的6.7% / 提高至去年的48%: a level, share or rate right after
    2013年的 is of that year, though the year is the comparison's base (not a change, a multiple or an
    average rate: 是2015年的2.78倍 is over the years between, and so is 相当于2019年的92%)."""
    if t.claim_type in _NOT_OWN_YEAR or t.q.unit.endswith("倍"):
        return None
    own = [y for y in t.years if y.until is None and y.end <= t.q.start
           and _OWN_YEAR.match(t.sentence[y.end:t.q.start]) and not _multiple_of_year(t.sentence, y.start, y.end)]
    return (own[-1].year, None, None) if own else None


def rate_between_levels(t: FigureTime) -> Choice:
    """由2015年的X增加到2020年的Y，年均增长9.6%: the rate spans from the start level's year to
    the end level's year."""
    origins = [y for y in t.years if y.origin and y.end <= t.q.start]
    if not origins or not t.rate:
        return None
    ends = [y for y in t.stated if y.start > origins[-1].end and y.until is None and y.year > origins[-1].year]
    return _rate_span(t, origins[-1].year, ends[-1].year) if ends else None


def change_end_level(t: FigureTime) -> Choice:
    """由2018年的X增加到Y: Y is of the end year — the later year the sentence opens on (2024年末，…由2020年的
    X上升为Y), else the year the document reports on."""
    if t.from_origin and _TO_END.search(t.near):
        opening = [y.year for y in t.stated if y.end <= t.pick.start and y.until is None and y.year > t.pick.year]
        return (opening[-1] if opening else _end_year(t.carry, t.pick.year)), None, None
    return None


def change_rate(t: FigureTime) -> Choice:
    """由2018年的X增加到Y，年均增长7%: the rate is of the period from the origin year to the end year
    (of the end year when that is the next one)."""
    if t.from_origin and t.rate:
        return _rate_span(t, t.pick.year, _end_year(t.carry, t.pick.year))
    return None


def _rate_span(t: FigureTime, start: int, end: Optional[int]) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """A rate from ``start`` to ``end``: over the span, or of ``end`` when the span is one year
    (由2020年的110亿元提升至185亿元，同比增加67%); a multiple stays a ratio of the two years."""
    if end == start + 1 and t.claim_type != "multiple":
        return end, None, None
    return None, start, end


_RESPECTIVELY = "分别"
_LIST_ITEM = re.compile(r"[^、和及与，,；;。]*\d[^、和及与，,；;。]*")
_LIST_END = re.compile(r"[，,；;。]")
_NAMED_LIST = re.compile(r"[、和及与]")


def year_of_respective_list(t: FigureTime) -> Choice:
    """2016~2019年，宏观税负分别为17.47%、17.35%、17.01%和16.02%: a list after 分别 of as many figures
    as the period has years gives them the years in order (unless a list of things is named before
    分别: 出口、进口和消费分别增长…)."""
    p = t.pick
    if p is None or p.until is None or p.until <= p.year:
        return None
    at = t.sentence.find(_RESPECTIVELY, p.end, t.q.start)
    if at < 0 or _NAMED_LIST.search(t.sentence, p.end, at):
        return None   # 出口、进口和消费分别…: the list is of the things named, not of the years
    start = at + len(_RESPECTIVELY)
    end = _LIST_END.search(t.sentence, t.q.end)
    items = list(_LIST_ITEM.finditer(t.sentence, start, end.start() if end else len(t.sentence)))
    if len(items) != p.until - p.year + 1:
        return None
    k = next((i for i, m in enumerate(items) if m.start() <= t.q.start < m.end()), None)
    return None if k is None else (p.year + k, None, None)


def stated_period(t: FigureTime) -> Choice:
    """2014—2022年 / “十三五”时期: the figure is of the period; 从A…至B are levels of its first and last year.
    “十三五”时期比2015年翻一番: the base level is the year before the period."""
    p = t.pick
    if p is None or p.until is None:
        return None
    start = p.year
    if any(y.base and y.year == p.year - 1 and y.end <= t.q.start for y in t.years):
        start = p.year - 1
    if _FROM_BEFORE.search(t.near):
        return p.year, None, None
    if _TO_BEFORE.search(t.near) and _FROM_IN_CLAUSE.search(t.sentence, p.end, t.q.start):
        return p.until, None, None
    return None, start, p.until


def recent_years(t: FigureTime) -> Choice:
    """去年…，近五年营收复合增速为26.13%: a figure after 近五年 / 过去五年 (no year stated between) is
    over the N years up to the year the sentence speaks of, else the carried one; after 五年累计, the
    year the report covers before the carried one."""
    recent = list(_RECENT.finditer(t.sentence, 0, t.q.start))
    if not recent or any(y.start >= recent[-1].end() for y in t.stated):
        return None
    m = recent[-1]
    n = count_value(m.group(1) or m.group(2))
    before = [y.year for y in t.stated if y.end <= m.start() and y.until is None]
    # 五年累计 totals the years up to the one the report covers, not a year a sentence before carried
    carried = (t.carry.report_year, t.carry.year) if m.group(2) else (t.carry.year, t.carry.report_year)
    end = before[-1] if before else next((y for y in carried if y is not None), None)
    if end is None or n is None or n < 2:
        return None
    return None, end - n + 1, end


def year_in_clause(t: FigureTime) -> Choice:
    """2023年全省GDP 5.5万亿元: the last year stated before the figure in its own clause."""
    return against_base(t, t.pick.year) if t.in_clause else None


def year_earlier_in_sentence(t: FigureTime) -> Choice:
    """2023年，…，GDP 5.5万亿元: the last year stated in an earlier clause of the sentence (unless a
    later 以来 start opens a period that runs up to now)."""
    if t.in_clause or not t.stated:
        return None
    if t.since and t.pick.start < t.since[-1].start:
        return None
    return against_base(t, t.pick.year)


def year_later_in_clause(t: FigureTime) -> Choice:
    """GDP 5.5万亿元（2023年）: no year before the figure, one after it in its clause."""
    return against_base(t, t.pick.year) if not t.stated and t.pick is not None else None


def since_start(t: FigureTime) -> Choice:
    """2014年以来…已发展到20个 / 十年来…达到10%: a level as of the document, not of a stated year;
    the period starts at the 以来 year when one is stated."""
    before = t.sentence[:t.q.start]
    if (t.since or _YEARS_SINCE.search(before)) and t.claim_type not in COMPARISON_TYPES:
        return None, (t.since[-1].year if t.since else None), None
    return None


def years_since_rate(t: FigureTime) -> Choice:
    """五年来，全省刑事案件总量下降35.9% / 十年来年均增长8%: a rate over the N years up to the year the
    document speaks of (2021—2025 in a report on 2025), as 近五年 is; of no year or period when that
    year is not known."""
    found = list(_YEARS_SINCE.finditer(t.sentence, 0, t.q.start))
    if not found or t.since:
        return None
    n = count_value(_COUNT_IN.search(found[-1].group()).group())
    end = next((y for y in (t.carry.year, t.carry.report_year) if y is not None), None)
    if end is None or n < 2 or any(y.start >= found[-1].end() for y in t.stated):
        return None, None, None
    return None, end - n + 1, end


_COUNT_IN = re.compile(r"[一二三四五六七八九十两]{1,3}|[0-9]{1,3}")


def every_year(t: FigureTime) -> Choice:
    """每年以10%的增长率 / 每提升1%，…就下降3.047%: a rate over years, not one year's figure; over
    the period the sentence before ended on (1978~2018年，…，平均每年提高1.04个百分点), when it did."""
    if _EVERY_YEAR.search(t.sentence[t.clause[0]:t.q.start]) or _PER_CHANGE.search(t.sentence):
        if t.carry.period_start is not None and not t.stated and not _PER_CHANGE.search(t.sentence):
            return None, t.carry.period_start, t.carry.period_end
        return against_base(t, None)
    return None


def current_year(t: FigureTime) -> Choice:
    """…去年同期降幅较大。目前58.3%的GDP同比增速: 目前/当前 in the figure's clause (no year stated before
    it) is the document's own year, whatever year the paragraph carries."""
    c = t.carry
    if t.stated or c.year is None or c.ref_year in (None, c.year) or not _TODAY.search(t.sentence[t.clause[0]:t.q.start]):
        return None
    return against_base(t, c.ref_year)


def review_years(t: FigureTime) -> Choice:
    """After 五年来，… (a review of the years up to the report's): an undated figure, a level or a
    rate alike, is of those years (城镇新增就业86.22万人 is the five years' total)."""
    c = t.carry
    if c.span_start is None or t.stated or _SAME_YEAR.search(t.sentence[:t.q.start]):
        return None
    if t.claim_type not in RATE_CHANGE_TYPES and _FROM_BEFORE.search(t.near):
        return c.span_start - 1, None, None   # 从7248亿元提高到…: the level before the span
    if t.claim_type not in RATE_CHANGE_TYPES and _TO_BEFORE.search(t.near) \
            and _FROM_IN_CLAUSE.search(t.sentence, t.clause[0], t.q.start):
        return c.span_end, None, None         # …提高到8865亿元: the level the span ends at
    return None, c.span_start, c.span_end


def averaged_over_review(t: FigureTime) -> Choice:
    """五年来，… (a review) … 2025年，…。…产值年均增长超20%: an undated average over years (年均) in the
    review's section averages over the review's years, not over the one year a sentence stated since."""
    c = t.carry
    if c.review_start is None or t.stated or not t.rate or not _YEARS_RATE.search(t.near):
        return None
    return None, c.review_start, c.review_end


def carried_year(t: FigureTime) -> Choice:
    """An undated sentence (or 同年/当年) takes the year carried from the paragraph — unless it compares
    with that year or a later one (2019年，…。全年旅游总收入150亿元，比2019年增长50%: a figure compared with
    2019 is of a later year, the one the document reports on)."""
    if not (_SAME_YEAR.search(t.sentence[:t.q.start]) or t.carry.year is not None):
        return None
    year = t.carry.year
    # years written out that the figure is compared with (not 上年, read against another year; not 自2024年起)
    bases = [y.year for y in t.years
             if y.base and not y.price and not y.since and t.sentence[y.start:y.start + 1].isdigit()]
    if year is not None and bases and year <= max(bases):
        year = _end_year(t.carry, max(bases))
    return against_base(t, year)


def carried_period(t: FigureTime) -> Choice:
    """After a sentence that ended on a period (2014—2022年期间…): 从A…至B are levels of its first and
    last year, a rate is over the period, another level of no year."""
    c = t.carry
    if c.period_start is None:
        return None
    if _FROM_BEFORE.search(t.near):
        return c.period_start, None, None
    if _TO_BEFORE.search(t.near) and _FROM_IN_CLAUSE.search(t.sentence, t.clause[0], t.q.start):
        return c.period_end, None, None
    if t.rate and _YEAR_ON_YEAR_RATE.search(t.near):
        return None
    if t.rate:
        return None, c.period_start, c.period_end
    return against_base(t, None)


def cited_edition(t: FigureTime) -> Choice:
    """《…指数(2023)》显示…位列第1位: an undated rank or score is the cited edition's."""
    title = _TITLE_YEAR.search(t.sentence)
    if t.claim_type in ("rank", "score") and title:
        return against_base(t, int(title.group(1)))
    return None


def document_year(t: FigureTime) -> Choice:
    """目前/当前, or 4月份 / 1—4月 / 五一假期 in an undated sentence: the document's (dated) year."""
    before = t.sentence[:t.q.start]
    if _TODAY.search(before) or _MONTH_ONLY.search(before):
        return against_base(t, t.carry.ref_year)
    return None


def undated(t: FigureTime) -> Choice:
    """Nothing dates the figure: no year (a rate after a base year still gets its period)."""
    return against_base(t, None)


# Tried in order; the first that applies dates the figure.
YEAR_RULES = (change_start_carried, change_start_before, parallel_change_start, own_year_level, rate_between_levels, change_end_level, change_rate,
              year_of_respective_list, stated_period, recent_years, year_in_clause, year_earlier_in_sentence, year_later_in_clause, since_start,
              years_since_rate, every_year, current_year, review_years, averaged_over_review, carried_year, carried_period, cited_edition, document_year, undated)


def date_figure(q: Quantity, years: list[StatedYear], clause: tuple[int, int], carry: Carry,
                sentence: str, claim_type: str, near: str) -> Dating:
    """(year, period_start, period_end) of a figure and the name of the rule of ``YEAR_RULES`` that chose it.

    A single year before the figure states its year. A period (2014—2022年,
    与2014年相比, 2014年以来) gives period_start/end and no year, except that
    the figures of 从A增长至B take the period's first and last year.
    """
    name, choice = first_rule(YEAR_RULES, FigureTime(q, years, clause, carry, sentence, claim_type, near))
    return Dating(*choice, rule=name)


def _end_year(carry: Carry, start: int) -> Optional[int]:
    """The year a change that names only its start ends in: the report's year, else the carried one."""
    for year in (carry.report_year, carry.year):
        if year is not None and year > start:
            return year
    return None


# --- 上年 / 去年 -------------------------------------------------------------------

def last_year_multiple(q: Quantity, sentence: str, clause: tuple[int, int], carry: Carry,
                       claim_type: str, found: Dating) -> Choice:
    """是上年的2.1倍: a ratio between last year and this one, of no single year."""
    before = sentence[max(clause[0], q.start - 12):q.start]
    if not (_LAST_YEAR_MULTIPLE.search(before) and (q.kind_hint == "multiple" or q.unit.endswith("倍"))):
        return None
    current = found.year if found.year is not None else (carry.year if carry.year is not None else carry.ref_year)
    if current is None:
        return None, found.period_start, found.period_end
    return None, current - 1, current


def last_year_level(q: Quantity, sentence: str, clause: tuple[int, int], carry: Carry,
                    claim_type: str, found: Dating) -> Choice:
    """较上年的76.80亿元 / 上年同期为5.95亿元: a level of the year before the sentence's."""
    if not _LAST_YEAR_BEFORE.search(sentence[max(clause[0], q.start - 8):q.start]) \
            or claim_type in COMPARISON_TYPES:
        return None
    current = carry.year if carry.year is not None else carry.ref_year
    if found.year is not None and current is not None and found.year < current:
        return None  # 去年同期为X: the sentence's own 去年 dated it already
    for year in (found.year, carry.year, carry.ref_year):
        if year is not None:
            return year - 1, found.period_start, found.period_end
    return None


def period_compared(before: str, after: str) -> bool:
    """True when the figure is an earlier period's value compared with (低于去年 | 15.3% | 的水平)."""
    return bool(_COMPARAND_PERIOD_VALUE.search(before) and _COMPARAND_AFTER.match(after))


def last_year_compared(q: Quantity, sentence: str, clause: tuple[int, int], carry: Carry,
                       claim_type: str, found: Dating) -> Choice:
    """定为14%，低于去年15.3%的水平: last year's rate, compared with (any kind of figure)."""
    if not (period_compared(sentence[clause[0]:q.start], sentence[q.end:]) and _LAST_YEAR_BEFORE.search(
            sentence[max(clause[0], q.start - 8):q.start])):
        return None
    for year in (found.year, carry.year, carry.ref_year):
        if year is not None:
            return year - 1, found.period_start, found.period_end
    return None


def last_year_rate(q: Quantity, sentence: str, clause: tuple[int, int], carry: Carry,
                   claim_type: str, found: Dating) -> Choice:
    """…同比增长18.3%，上年同期下降6.8%: the growth of the same period a year before (not 比上年同期)."""
    if claim_type not in RATE_CHANGE_TYPES or not _LAST_YEAR_RATE.search(sentence[clause[0]:q.start]):
        return None
    for year in (found.year, carry.year, carry.ref_year):
        if year is not None:
            return year - 1, found.period_start, found.period_end
    return None


LAST_YEAR_RULES = (last_year_multiple, last_year_compared, last_year_rate, last_year_level)


def last_year_dating(q: Quantity, sentence: str, clause: tuple[int, int], carry: Carry, claim_type: str,
                     found: Dating) -> Dating:
    """``found`` moved to the year before for a figure introduced by 上年/去年 (the rule's name
    recorded); ``found`` itself when none of ``LAST_YEAR_RULES`` applies or the dating stays the same."""
    name, choice = first_rule(LAST_YEAR_RULES, q, sentence, clause, carry, claim_type, found)
    if choice is None or tuple(choice) == tuple(found[:3]):
        return found
    return Dating(*choice, rule=name)
