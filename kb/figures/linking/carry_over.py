"""What a sentence hands on to the next sentence of its paragraph: ``next_carry``.

The next sentence inherits a year or period (``TIME_RULES``, tried in order),
a subject (``SUBJECT_RULES``, tried in order), the last indicator, the last
group of places named (两地 refers to it), the start year of a change
(由2020年的X增加到…) and the last whole year stated (what a new paragraph keeps).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Optional

from kb.figures.linking.carry import Carry, Link
from kb.figures.linking.cues import COMPARISON_TYPES, COUNT_UNITS, split_clauses
from kb.figures.linking.periods import RELATIVE_YEAR, StatedYear, find_years
from kb.figures.linking.rules import first_rule
from kb.figures.linking.subjects import COMPANY, ITEM_VENUE, distribute, is_scope, last_group, short_name
from kb.text import gazetteer
from kb.text.numerals import parse_chinese_integer
from kb.text.vocab import regex, words

_BREAKDOWN = regex("linking", "breakdown")

Time = tuple[Optional[int], tuple[Optional[int], Optional[int]]]   # (year, (period_start, period_end))


@dataclass
class SentenceEnd:
    """A sentence read for what it hands on: its links, the carry it started from and its stated years."""

    sentence: str
    links: list[Link]
    carry: Carry

    @cached_property
    def stated(self) -> list[StatedYear]:
        """Years the sentence states (no base years); a sentence without figures sets the year only
        as a topic (2019年，… / 过去一年，…)."""
        # a year of comparison (去年同期, 2019年同期) is this sentence's only
        stated = [y for y in find_years(self.sentence, self.carry.ref_year)
                  if not y.base and self.sentence[y.end:y.end + 2] != "同期"]
        if not self.links:
            stated = [y for y in stated if y.start <= 2 or RELATIVE_YEAR.match(self.sentence, y.start)]
        return stated

    @cached_property
    def dated(self) -> list[Link]:
        """Links dated by the sentence itself (not by 上年/去年, nor a level it compares with:
        较2016年的6.7%, nor by a compared period: 而在去年同期，
        X为… states last year's figure for comparison, this sentence's only; nor a rate over the N
        years of 五年来, whose span is its own sentence's)."""
        compared = {y.year for y in find_years(self.sentence, self.carry.ref_year)
                    if self.sentence[y.end:y.end + 2] == "同期"} - {y.year for y in self.stated}
        return [l for l in self.links if not l.last_year and l.year not in compared
                and l.year_rule not in _OWN_SENTENCE_RULES]

    @cached_property
    def places(self) -> list[tuple[str, int, int]]:
        """Every place the sentence names."""
        return gazetteer.find_places(self.sentence)


# --- the year or period ------------------------------------------------------------

def origin_end_year(e: SentenceEnd) -> Optional[Time]:
    """由2018年的X增加到Y: the sentence ends at Y, the year of its last dated figure or its period's end."""
    if not e.stated or not e.stated[-1].origin:
        return None
    ends = [l.year if l.year is not None else l.period_end for l in e.links]
    ends = [y for y in ends if y is not None and y > e.stated[-1].year]
    return (ends[-1] if ends else None), (None, None)


def stated_period_end(e: SentenceEnd) -> Optional[Time]:
    """…意味着2014—2022年期间…: the sentence ends on a period; the next one speaks of it too."""
    if e.stated and e.stated[-1].until is not None:
        return None, (e.stated[-1].year, e.stated[-1].until)
    return None


def restated_earlier_year(e: SentenceEnd) -> Optional[Time]:
    """2024年…增量15230.6亿元，同比多增1108.9亿元，2023年为14121.7亿元。: a year before the sentence's
    own, ending it with the earlier period's figure for comparison, is that figure's only; the
    sentence's own year goes on."""
    if len(e.stated) < 2:
        return None
    last, own = e.stated[-1], max(y.year for y in e.stated[:-1])
    if last.year < own and _RESTATED_AFTER.match(e.sentence, last.end):
        return own, (None, None)
    return None


_RESTATED_AFTER = regex("linking", "restated_year_after")
# year rules whose dating is the figure's own, never carried to the next sentence
_OWN_SENTENCE_RULES = ("own_year_level", "years_since_rate")


def last_stated_year(e: SentenceEnd) -> Optional[Time]:
    """The last year the sentence states."""
    return (e.stated[-1].year, (None, None)) if e.stated else None


def last_figure_year(e: SentenceEnd) -> Optional[Time]:
    """No year stated: the year of the last figure the sentence dated."""
    if e.dated and e.dated[-1].year is not None:
        return e.dated[-1].year, (None, None)
    return None


def last_figure_period(e: SentenceEnd) -> Optional[Time]:
    """No year stated: the period of the last figure the sentence dated — unless that period runs
    from a base year to the year in force (全年接待游客1200万人次，比2019年增长50%: the comparison's
    span is the figure's own; the next sentence is still of the year in force)."""
    if e.dated and e.dated[-1].period_start is not None:
        last = e.dated[-1]
        if e.carry.year is not None and last.period_end == e.carry.year and last.claim_type in COMPARISON_TYPES:
            return e.carry.year, (None, None)
        return None, (last.period_start, last.period_end)
    return None


def kept_time(e: SentenceEnd) -> Optional[Time]:
    """Nothing dated: the year and period the sentence started from go on."""
    return e.carry.year, (e.carry.period_start, e.carry.period_end)


TIME_RULES = (origin_end_year, stated_period_end, restated_earlier_year, last_stated_year, last_figure_year, last_figure_period, kept_time)


# --- the subject -------------------------------------------------------------------

def figureless_place(e: SentenceEnd) -> Optional[str]:
    """A sentence without figures about one place (湖南省经济运行总体平稳。 / 以广东为例。): that place is
    the next one's subject (not a place that only bounds the predicate: 保持全国前列, 全国首条…). A
    sentence naming several places names sites of actions (…项目开工建设，绍兴…，台州…项目建成投用;
    支持杭州、宁波、温州争创…): none of them is what the next sentence is about."""
    acting = [p for p in e.places if not is_scope(e.sentence, p[1], p[2])]
    if e.links or not acting or len({gazetteer.canonical(p[0]) for p in acting}) > 1:
        return None
    return acting[-1][0]


def breakdown_whole(e: SentenceEnd) -> Optional[str]:
    """…合计300万辆，其中A 200万辆、B 100万辆: the parts end the sentence, its whole goes on."""
    breakdown = _BREAKDOWN.search(e.sentence)
    main = [l for l in e.links if breakdown and l.quantity.end <= breakdown.start() and l.subject]
    return main[-1].subject if main else None


def respectively_lead(e: SentenceEnd) -> Optional[str]:
    """美国、欧盟分别为X和Y。: the list's last member was its figure's subject only; the place before
    the list goes on."""
    if not e.links:
        return None
    runs: list[tuple[int, int]] = []
    spread = distribute([l.quantity for l in e.links], e.sentence, e.places, split_clauses(e.sentence), runs)
    if id(e.links[-1].quantity) not in spread:
        return None
    lead = [p for p in e.places if p[2] <= runs[-1][0]]
    return lead[-1][0] if lead else e.carry.subject


def _last_subject(e: SentenceEnd) -> str:
    """The last figure's subject, the carried one when it had none."""
    return e.links[-1].subject or e.carry.subject


def item_venue_ends(e: SentenceEnd) -> Optional[str]:
    """1. 西塘古镇接待游客…: a list item's venue is that item's topic only; the carried subject goes on."""
    if not e.links:
        return None
    venues = {m.group(1) for c in split_clauses(e.sentence) for m in [ITEM_VENUE.match(e.sentence, c[0])] if m}
    return e.carry.subject if _last_subject(e) in venues else None


def home_after_its_part(e: SentenceEnd) -> Optional[str]:
    """In a report on one place, a sentence about one of its cities (绍兴黄酒、金华火腿3个产业入围…)
    or naming an organisation (某大学建校招生，…15所高职院校入选) hands on the place the report is
    about: the next sentence names the city or the organisation again when it is about it. An
    company (记者从某科技股份有限公司获悉，该公司…) goes on, as one already carried in does: the
    sentences after it report on it."""
    home, last = e.carry.home, _last_subject(e) if e.links else ""
    if not home or not last:
        return None
    if gazetteer.province_of(last) == gazetteer.canonical(home):
        return home
    if not gazetteer.is_place(last) and last != e.carry.subject and not _names_company(e.sentence, last):
        return home
    return None


def _names_company(sentence: str, subject: str) -> bool:
    """True when ``subject`` is the short name of a company (…公司, …集团) the sentence names."""
    return any(COMPANY.search(o[0]) and short_name(o[0]) == subject for o in gazetteer.find_organisations(sentence))


def peers_listed(e: SentenceEnd) -> Optional[str]:
    """邵东市增长6.2%；汨罗市增长6.0%；醴陵市增长5.9%。: a sentence stating figures of several places in
    turn hands on none of them (十强县GDP增速的简单平均为5.5% is not 醴陵's): the subject carried into
    it when that is none of them, else the province they all belong to, else none."""
    keys = list(dict.fromkeys(gazetteer.canonical(l.subject) for l in e.links
                              if l.subject and gazetteer.is_place(l.subject)))
    # peers: places of one level (高于全省（5.5%） / 高于全国 compares a city with a whole: no list)
    levels = {gazetteer.place_level(k) for k in keys}
    if len(keys) < 2 or len(levels) != 1 or "" in levels:
        return None
    provinces = {gazetteer.province_of(k) for k in keys}
    carried = gazetteer.canonical(e.carry.subject) if e.carry.subject else ""
    if carried and carried not in keys:
        return e.carry.subject
    return provinces.pop() if len(provinces) == 1 and "" not in provinces else ""


def last_figure_subject(e: SentenceEnd) -> Optional[str]:
    """The subject of the sentence's last figure (the carried one when it had none)."""
    return _last_subject(e) if e.links else None


def kept_subject(e: SentenceEnd) -> Optional[str]:
    """Nothing new: the carried subject goes on."""
    return e.carry.subject


SUBJECT_RULES = (figureless_place, breakdown_whole, respectively_lead, item_venue_ends, home_after_its_part,
                 peers_listed, last_figure_subject, kept_subject)


# --- the handover ------------------------------------------------------------------

def _change_start(e: SentenceEnd) -> Optional[int]:
    """由2020年的X增加到2024年的Y: the start year an undated 由A提高到B in a later sentence takes;
    kept while no year is stated."""
    change_start = e.carry.change_start if not e.stated else None
    origins = [y for y in e.stated if y.origin]
    if origins and any(y.start > origins[-1].end and y.year > origins[-1].year for y in e.stated):
        change_start = origins[-1].year
    return change_start


def _lasting_year(e: SentenceEnd) -> Optional[int]:
    """The last year stated as a whole year (not 2024年春节假期, not an origin or a period; not a look
    back at a year before the one the document reports on: 毕竟去年受疫情影响… in news on this year)."""
    last = e.stated[-1] if e.stated else None
    looks_back = last is not None and bool(RELATIVE_YEAR.match(e.sentence, last.start)) and \
        e.carry.report_year is not None and last.year < e.carry.report_year
    if last is not None and not last.partial and not last.origin and last.until is None and not looks_back:
        return last.year
    return e.carry.lasting_year


_REVIEW_LEAD = regex("linking", "review_lead")


def review_span(paragraph: str, carry: Carry) -> tuple[Optional[int], Optional[int]]:
    """A paragraph that opens on 五年来，/ 过去五年，(naming no year there) reviews the N years up to
    the last one the document reports on; else the span carried so far."""
    lead = _REVIEW_LEAD.match(paragraph)
    end = carry.report_year or carry.ref_year
    if lead is None or end is None or find_years(paragraph[:lead.end()], carry.ref_year):
        return carry.span_start, carry.span_end
    n = int(lead.group(1)) if lead.group(1).isdigit() else parse_chinese_integer(lead.group(1))
    return (end - n + 1, end) if 2 <= n <= 30 else (carry.span_start, carry.span_end)


def _span(e: SentenceEnd) -> tuple[Optional[int], Optional[int]]:
    """The review's span goes on until a sentence states a year (2025年，…: that year's figures),
    unless it states a change over the span itself, from a year to a later one both inside it or
    at its base (从2020年的…增加到2024年的…)."""
    a, b = e.carry.span_start, e.carry.span_end
    if a is None or b is None:
        return None, None
    years = {y.year for y in e.stated}
    over_span = len(years) >= 2 and all(a - 1 <= y.year <= b and y.until is None for y in e.stated)
    return (a, b) if not e.stated or over_span else (None, None)


def next_carry(sentence: str, links: list[Link], carry: Optional[Carry] = None) -> Carry:
    """What the next sentence of the paragraph inherits: last year, subject and indicator."""
    e = SentenceEnd(sentence, links, carry or Carry())
    _, (year, period) = first_rule(TIME_RULES, e)
    _, subject = first_rule(SUBJECT_RULES, e)
    indicator = carried_indicator(links, e.carry)
    span = _span(e)
    return replace(e.carry, year=year, subject=subject, indicator=indicator,
                   period_start=period[0], period_end=period[1], lasting_year=_lasting_year(e),
                   group=last_group(sentence) or e.carry.group, change_start=_change_start(e),
                   span_start=span[0], span_end=span[1], restated=remembered(e.carry.restated, links))


# nouns of a group's members (省份, 城市, 企业): a count of them (超1万亿元的省份共8个) says how many, it
# names no measure for the sentences after it
_GROUP_NOUNS = frozenset(words("quantities", "group_nouns"))


def carried_indicator(links: list[Link], carry: Carry) -> str:
    """The indicator the next sentence inherits: the last figure's, passing over a count of a group's
    members (…GDP总量超1万亿元的省份共8个，…。广东省以27117.96亿元居于全国首位: GDP, not 省份)."""
    for link in reversed(links):
        if link.quantity.unit_normalized in COUNT_UNITS and link.indicator in _GROUP_NOUNS:
            continue
        return link.indicator or carry.indicator
    return carry.indicator


RESTATED_KEPT = 24


def remembered(kept: tuple[tuple[str, str, str], ...], links: list[Link]) -> tuple[tuple[str, str, str], ...]:
    """The recent figures (as written, with their indicator and subject) a later sentence may restate,
    the newest last; a figure with a generic or no indicator is not remembered."""
    from kb.figures.linking.cues import GENERIC_INDICATOR

    new = tuple((l.quantity.surface, l.indicator, l.subject) for l in links
                if l.indicator and not GENERIC_INDICATOR.match(l.indicator))
    return (kept + new)[-RESTATED_KEPT:]
