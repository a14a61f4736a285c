"""Years and periods of figures: stated years, ranges, five-year plans, base and report years.

``find_years(text, ref_year)`` finds every year a sentence states (2014年, 2014—2022年,
“十三五”时期, 去年/今年 against the document's year) and marks its role (a base
of comparison, a start of 以来, the origin of 由…增加到…, a part of a year);
``date_figure`` gives one figure its (year, period_start, period_end) from those
and the year carried from earlier sentences (kb.figures.linking.link.Carry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from kb.figures.linking.cues import BOOK_TITLE, RATE_CHANGE_TYPES
from kb.figures.linking.carry import Carry
from kb.models import Quantity


_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]{1,2}\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")
_BASE_BEFORE = re.compile(r"(?:自|与|较|相较于|相比于|相对于|比|同|从)\s*$")
_BASE_AFTER = re.compile(r"^\s*(?:[0-9一二三四五六七八九十]{1,2}\s*月份?)?\s*(?:以来|来|起|相比|比较|同期)")
_SAME_YEAR = re.compile(r"同年|当年|该年度?")


@dataclass
class StatedYear:
    year: int
    start: int
    end: int
    base: bool = False
    until: Optional[int] = None     # range end (2014—2022年)
    since: bool = False             # 2014年以来 / 自2014年起: figures after it are as of now
    origin: bool = False            # 由2018年的X增加到Y: the start of a change; Y is of the end year
    partial: bool = False           # 2024年春节假期 / 2023年上半年: a part of the year, a topic of its paragraph only


RELATIVE_YEAR = re.compile(r"(过去一年|去年|上一年度?|今年|本年度?)")


def find_years(text: str, ref_year: Optional[int] = None) -> list[StatedYear]:
    masked = BOOK_TITLE.sub(lambda m: "\u3000" * len(m.group()), text)
    out: list[StatedYear] = []
    if ref_year is not None:
        for m in RELATIVE_YEAR.finditer(masked):
            delta = 0 if m.group(1)[0] in "今本" else -1
            out.append(StatedYear(ref_year + delta, m.start(), m.end()))
    taken = []
    for m in _PLAN.finditer(masked):
        # “十三五”时期: the plan's five years (十二五 2011—2015, 十三五 2016—2020, 十四五 2021—2025)
        a = 2011 + 5 * (_PLAN_NUMBERS[m.group(1)] - 12)
        out.append(StatedYear(a, m.start(), m.end(), until=a + 4))
        taken.append(m.span())
    for m in _YEAR_RANGE.finditer(masked):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            out.append(StatedYear(a, m.start(), m.end(), until=b))
            taken.append(m.span())
    for m in _YEAR.finditer(masked):
        if any(a <= m.start() < b for a, b in taken):
            continue
        base = bool(_BASE_BEFORE.search(masked[max(0, m.start() - 4):m.start()])
                    or _BASE_AFTER.match(masked[m.end():m.end() + 8]))
        # 从2008年的15.2%: a "from" year that states a level is not a base
        origin = masked[max(0, m.start() - 1):m.start()] in ("从", "由") and masked[m.end():m.end() + 1] == "的"
        if origin:
            base = False
        # 是2015年的2.78倍: the year compared with, not the figure's
        if _MULTIPLE_OF.search(masked[max(0, m.start() - 3):m.start()]) and _TIMES_AFTER.match(masked[m.end():m.end() + 14]):
            base = True
        since = bool(re.match(r"^\s*(?:[0-9一二三四五六七八九十]{1,2}\s*月份?)?\s*(?:以来|来|起)", masked[m.end():m.end() + 8])
                     or (masked[max(0, m.start() - 1):m.start()] == "自" and not masked[m.end():m.end() + 1] == "的"))
        out.append(StatedYear(int(m.group(1)), m.start(), m.end(), base=base, since=since, origin=origin,
                         partial=bool(_PART_OF_YEAR.match(masked[m.end():m.end() + 8]))))
    return sorted(out, key=lambda y: y.start)


_PLAN = re.compile(r"(?<![0-9一二三四五六七八九十])(十[一二三四五六七八九]|二十)五[”\"]?\s*(?:规划)?\s*(?:时期|期间|以来|期末|末|年间)")
_PLAN_NUMBERS = {"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16, "十七": 17, "十八": 18, "十九": 19, "二十": 20}
_MULTIPLE_OF = re.compile(r"(?:是|为|相当于|达到)\s*$")
_TIMES_AFTER = re.compile(r"^\s*[\u4e00-\u9fff]{0,6}?的\s*(?:约|近|超过)?\s*[0-9.一二三四五六七八九十两]+\s*倍")
_PART_OF_YEAR = re.compile(r"^\s*(?:[0-9一二三四五六七八九十]{1,2}\s*月|[一二三四1-4]\s*季度|第[一二三四1-4]季度|前三季度|上半年|下半年|"
                           r"春节|国庆|五一|端午|中秋|元旦|假期|黄金周|暑期|寒假|暑假)")
_TO_END = re.compile(r"(?:到|至|增至|达到|达)\s*(?:约|近|超过)?\s*$")


# 十年来 / 五年来 / 近三年来 (a period up to now whose first year the sentence does not name)
_YEARS_SINCE = re.compile(r"(?<![0-9年])(?:近|过去)?[一二三四五六七八九十两0-9]{1,3}年(?:以来|来)")
# 每提升1%，…就下降3.047%: a relation between changes, true of no particular year
_ELASTICITY = re.compile(r"每(?:增加|提升|提高|增长|上升|下降|减少|降低|扩大)")


_TITLE_YEAR = re.compile(r"《[^《》]*?((?:19|20)\d{2})(?!\s*[—–\-~～至到])[^《》\d]*》")
_TODAY = re.compile(r"目前|当前|现阶段|截至目前|如今|今年|本月|本周")
_MONTH_ONLY = re.compile(r"(?<![0-9年])[0-9一二三四五六七八九十]{1,2}\s*月(?![0-9均])|[一二三四1-4]\s*季度|上半年|前三季度|[“\"]?(?:五一|十一|国庆|春节|端午|中秋)[”\"]?\s*(?:假期|黄金周|期间)")


def date_figure(q: Quantity, years: list[StatedYear], clause: tuple[int, int], carry: Carry,
              sentence: str, claim_type: str, near: str) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(year, period_start, period_end) of a figure.

    A single year before the figure states its year. A period (2014—2022年,
    与2014年相比, 2014年以来) gives period_start/end and no year, except that
    the figures of 从A增长至B take the period's first and last year.
    """
    if not years and carry.change_start is not None and re.search(r"[由从]\s*(?:约|近)?\s*$", near) \
            and claim_type not in RATE_CHANGE_TYPES:
        # …由2020年的X增加到2024年的Y。研发投入强度由2.6%提高到3.1%: the same span, undated
        return carry.change_start, None, None
    own = re.search(r"((?:19|20)\d{2})\s*年(?:末|底|同期)?的\s*(?:约|近|超过)?\s*$", sentence[max(0, q.start - 16):q.start])
    if own and claim_type not in RATE_CHANGE_TYPES | {"difference", "share"}:
        # 与2013年的1.15万亿元相比: the level of that year, though the year is the comparison's base
        return int(own.group(1)), None, None
    stated = [y for y in years if not y.base and y.end <= q.start]
    in_clause = [y for y in stated if y.start >= clause[0]]
    pick = (in_clause or stated or [None])[-1]
    if pick is None:
        later = [y for y in years if not y.base and y.start >= q.end and y.end <= clause[1]]
        pick = later[0] if later else None
    year = period_start = period_end = None
    origins = [y for y in years if y.origin and y.end <= q.start]
    if origins and claim_type in RATE_CHANGE_TYPES:
        # 由2015年的X增加到2020年的Y，年均增长9.6% / 实现翻一番: the rate spans from the start level's year
        # to the end level's year
        ends = [y for y in stated if y.start > origins[-1].end and y.until is None and y.year > origins[-1].year]
        if ends:
            return None, origins[-1].year, ends[-1].year
    if pick is not None and pick.origin and pick.end <= q.start and not re.search(r"[由从]\s*(?:约|近)?\s*$", near):
        # 由2018年的X增加到Y，年均增长7%: Y is of the end year (the year the document reports on),
        # the rate of the period between
        end = _end_year(carry, pick.year)
        if _TO_END.search(near):
            return end, None, None
        if claim_type in RATE_CHANGE_TYPES:
            return None, pick.year, end
    if pick is not None and pick.until is not None:
        period_start, period_end = pick.year, pick.until
        if any(y.base and y.year == pick.year - 1 and y.end <= q.start for y in years):
            # “十三五”时期比2015年翻一番: the base level is the year before the period
            period_start = pick.year - 1
        if re.search(r"[从由]\s*(?:约|近)?\s*$", near):
            year = pick.year
        elif re.search(r"(?:至|到|增至|达到)\s*(?:约|近)?\s*$", near):
            year = pick.until
        return year, period_start, period_end
    since = [y for y in years if y.since and y.end <= q.start]
    if pick is not None and not (since and pick.start < since[-1].start and pick.start < clause[0]):
        year = pick.year
    elif (since or _YEARS_SINCE.search(sentence[:q.start])) and claim_type not in RATE_CHANGE_TYPES | {"difference"}:
        # 2014年以来…已发展到20个 / 十年来…达到10%: as of the document, not of a stated year
        return None, (since[-1].year if since else None), None
    elif _YEARS_SINCE.search(sentence[:q.start]) and not since:
        return None, None, None
    elif re.search(r"每年", sentence[clause[0]:q.start]) or _ELASTICITY.search(sentence):
        year = None   # 每年以10%的增长率 / 每提升1%: a rate over years, not one year's figure
    elif _SAME_YEAR.search(sentence[:q.start]) or carry.year is not None:
        year = carry.year
    elif carry.period_start is not None:
        if re.search(r"[从由]\s*(?:约|近)?\s*$", near):
            return carry.period_start, carry.period_start, carry.period_end
        if re.search(r"(?:至|到|增至|达到)\s*(?:约|近)?\s*$", near):
            return carry.period_end, carry.period_start, carry.period_end
        if claim_type in RATE_CHANGE_TYPES:
            return None, carry.period_start, carry.period_end
        year = None
    elif claim_type in ("rank", "score") and _TITLE_YEAR.search(sentence):
        # 《…指数(2023)》显示…位列第1位: a ranking or score is the cited edition's
        year = int(_TITLE_YEAR.search(sentence).group(1))
    elif _TODAY.search(sentence[:q.start]) or _MONTH_ONLY.search(sentence[:q.start]):
        # 目前/当前 or 4月份 / 1—4月 / 五一假期 in an undated sentence: the document's (dated) year
        year = carry.ref_year
    bases = [y for y in years if y.base and y.end <= q.start]
    if bases and claim_type in RATE_CHANGE_TYPES | {"difference"}:
        period_start = bases[-1].year
        period_end = year if year is not None and year >= period_start else None
        year = None
    return year, period_start, period_end


def _end_year(carry: Carry, start: int) -> Optional[int]:
    """The year a change that names only its start ends in: the report's year, else the carried one."""
    for year in (carry.report_year, carry.year):
        if year is not None and year > start:
            return year
    return None
