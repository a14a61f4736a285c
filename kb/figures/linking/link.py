"""Context of a figure in its sentence: subject, indicator, year/period, claim type, direction.

``link(quantities, sentence, passage_text, carry)`` reads one sentence with
the figures kb.figures.quantities found in it and returns one ``Link`` per figure
(figures inside $…$ formulas are dropped). It ties together kb.figures.linking.cues (the
cue words), kb.figures.linking.periods (years and periods), kb.figures.linking.subjects (subject choice),
kb.figures.linking.indicators (the measured noun phrase) and kb.figures.linking.claim_types (claim type and
direction); the carry rules live here. The rules, all local to
the sentence:

- subject: the nearest place before the figure in its clause, else in the
  sentence, else an organisation named in it, else the subject carried
  from the previous sentence of the paragraph. Places in a comparison
  position (占全国…, 为津冀的…倍, 高于长三角…, 与…相比) are not subjects.
  ``分别`` distributes a list of places (北京、天津 / 京冀两地 / 京津冀三地)
  over the figures that follow it, in order (cycling: 分别以A和B…位列一二);
  a ratio list (…远超B和C总和（76 : 8 : 1）) takes its places in order.
  The main clause's topic (京东科技已… / 该中心已…, resolved to the named
  organisation) beats places inside its predicate; scope places (覆盖全国,
  全国前列) and 除…外 places are never subjects; 排名第一的X → X; 二者相差 →
  the first of the two; paper-method counts (选取20个指标, 本文…赋值为0.5) get "".
- indicator: the noun phrase between the subject (or clause start) and the
  first governing verb/marker (达, 为, 增长, 占, 从 …), cleaned of time
  words and function words; a count takes the noun after its measure word
  (179项政务服务事项); an empty or generic phrase falls back to the
  previous figure's indicator in the sentence.
- year: the nearest year before the figure in its clause, else in the
  sentence (从2008年的15.2%增长到2021年39.8%), else carried; a base year
  (与2014年相比, 2014年以来, 较2014年) gives period_start, a range
  (2014—2022年) gives the period. 以来 / N年来 / 每年 / 每提升… give no
  year; a period a sentence ends on is carried to the next (Carry.period_*);
  an undated sentence takes a cited report's year only for ranks/scores.
- indicator: 相应/该/其 + measure word resolve to the previous figure's
  indicator (相应得分 → 技术转移能力得分); X占全国比重 keeps its share noun.
- claim_type and direction from the unit family and the words before it;
  a % or ‰ of a rate noun (城镇化率, 投入强度, 失业率控制在) is a share.
- scope places (居全国第5位, 全国领先) are never subjects; 两地/三省市 without
  a place refers to the last multi-place name (Carry.group, kept across
  paragraphs); the parts after 其中 do not carry to the next sentence.
- 由2018年的X增加到Y: Y takes Carry.report_year (the year the document reports
  on), the rate after it the period 2018–that year, and the next sentence
  that year; 是2015年的2.78倍 is a multiple over 2015–the sentence's year.
- A part of a year (2024年春节假期) is its paragraph's topic only: a new
  paragraph keeps Carry.lasting_year. 分别 after 城镇和农村居民收入 gives each
  figure its own indicator (城镇居民收入, 农村居民收入).
- A source agency (记者从X获悉, 据X统计, X相关负责人介绍) is not a subject; its place
  prefix is. A company subject is its short name (…科技股份有限公司 → …). A list
  item led by a venue (1. 某古镇接待…) is about that venue, for that item only.
  占全国（X）的…: X is 全国's; 四省合计X: X is the four listed places'.
- 年初/上年/同期 and month words are time, not indicators; 是Y的N倍: Y is the base.
  与2013年的X相比: X is of 2013; an undated month (4月份, 1—4月, 五一假期) is of the
  document's year.
- After a 分别 run over listed places (美国、欧盟分别为X和Y，合计…), later figures and the next
  sentence take the subject before the list, not its last member. 合同额X，执行额Y，同比分别增长a和b:
  a and b take those indicators in order; A（ITO）、B和C执行额分别为…: each item + the head noun.
  长江中游三省 is a named group a later bare 三省 refers to; 2019年同期的X is of 2019; an undated
  由A提高到B after 由2020年的…增加到2024年的… takes 2020 for A.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from kb.text import gazetteer
from kb.figures.linking.claim_types import claim_type_of, direction_of
from kb.figures.linking.cues import LIST_CONNECTOR, COUNT_UNITS, GENERIC_INDICATOR, PARENS, RATE_CHANGE_TYPES, clause_of, split_clauses, formula_spans
from kb.figures.linking.indicators import (
    INDICATOR_SYNONYMS, echoed_indicators, fallback_indicator, indicator_phrase, listed_indicators, noun_after,
    ratio_indicator, resolve_anaphor, respectively_end,
)
from kb.figures.linking.carry import Carry, Link
from kb.models import Quantity
from kb.figures.linking.periods import RELATIVE_YEAR, date_figure, find_years
from kb.figures.linking.subjects import (
    COMPANY, COUNTED_AFTER, COUNTED_TOTAL, GROUP_COUNTS, ITEM_MARK, ITEM_VENUE, PAIR_DIFFERENCE, SOURCE_AFTER,
    SOURCE_BEFORE, TOTAL_WORD, after_run_subject, bracketed_total, opens_clause, compared_total, distribute,
    excluded_spans, group_count, group_size, in_comparison, is_method_count, is_scope, last_group,
    place_lists, ranked_place, ratio_subjects, sentence_topic, total_subject, short_name,
)

__all__ = ["Carry", "Link", "link", "next_carry", "short_name", "formula_spans"]


def link(quantities: list[Quantity], sentence: str, passage_text: str = "",
         carry: Optional[Carry] = None) -> list[Link]:
    """Context for every figure of ``sentence`` (figures inside $…$ are dropped)."""
    carry = carry or Carry()
    formulas = formula_spans(sentence)
    qs = [q for q in sorted(quantities, key=lambda q: q.start)
          if not any(a <= q.start < b for a, b in formulas)]
    if not qs:
        return []
    clauses = split_clauses(sentence)
    years = find_years(sentence, carry.ref_year)
    orgs = gazetteer.find_organisations(sentence)
    # (a company that reports is reporting on itself: it stays an actor)
    sources = [o for o in orgs if not COMPANY.search(o[0]) and (SOURCE_AFTER.match(sentence[o[2]:o[2] + 6])
               or SOURCE_BEFORE.search(sentence[max(0, o[1] - 3):o[1]]))]
    # a source agency's place prefix (合肥市统计局) is the place the figures are about
    places = [p for p in gazetteer.find_places(sentence)
              if not any(o[1] <= p[1] and p[2] <= o[2] and (o[1], o[2]) != (p[1], p[2]) and o not in sources
                         for o in orgs)]
    parens = [m.span() for m in PARENS.finditer(sentence)]
    subject_places = [p for p in places
                      if not any(a < p[1] and p[2] < b for a, b in parens) and not in_comparison(sentence, p[1], p[2], clause_of(clauses, p[1])[1])]
    excluded = excluded_spans(sentence)
    subject_places = [p for p in subject_places if not is_scope(sentence, p[1], p[2])
                      and not any(a <= p[1] and p[2] <= b for a, b in excluded)]
    actor_orgs = [o for o in orgs if o not in sources and not COUNTED_AFTER.match(sentence, o[2])]
    runs: list[tuple[int, int]] = []
    distributed = distribute(qs, sentence, subject_places, clauses, runs)
    ratio_terms = ratio_subjects(qs, sentence, [p for p in places if not any(a <= p[1] < b for a, b in parens)], clauses, subject_places)
    distributed.update(ratio_terms)
    topic = sentence_topic(sentence, clauses, passage_text, orgs)

    links: list[Link] = []
    whole = ""   # the subject a total (四省合计X) gave: its share (占…的77.3%) in the next clause is the same
    split_parts: list[str] = []
    prev_compared = False
    for i, q in enumerate(qs):
        clause = clause_of(clauses, q.start)
        prev = links[-1] if links else None
        prev_q = qs[i - 1] if i else None
        gap = sentence[prev_q.end:q.start] if prev_q is not None and prev_q.end <= q.start else "x"
        for _name, a, b in reversed(gazetteer.find_places(gap)):
            gap = gap[:a] + gap[b:]
        listed = prev is not None and LIST_CONNECTOR.match(gap) is not None

        # subject
        subject, subject_end = "", clause[0]
        in_clause = [p for p in subject_places if clause[0] <= p[1] and p[2] <= q.start]
        before = [p for p in subject_places if p[2] <= q.start]
        after = [p for p in subject_places if p[1] >= q.end and p[2] <= clause[1]]
        gap_places = [p for p in places if prev_q is not None and prev_q.end <= p[1] and p[2] <= q.start]
        ranked = (ranked_place(q, sentence, places) or compared_total(q, sentence, places, subject_places)
                  or bracketed_total(q, sentence, places))
        pair = PAIR_DIFFERENCE.match(sentence[clause[0]:q.start])
        total = TOTAL_WORD.search(sentence[clause[0]:q.start])
        listed_places = [g for g in place_lists(before, sentence) if len(g) >= 2] if total else []
        # the last list item opened before the figure (its later clauses go on about the venue)
        opened = next((c for c in reversed(clauses) if c[0] <= q.start and ITEM_MARK.match(sentence, c[0])), None)
        item = ITEM_VENUE.match(sentence, opened[0]) if opened else None
        if item and not in_clause and item.end() <= q.start:
            subject = item.group(1)
        elif id(q) in distributed:
            subject = distributed[id(q)]
        elif listed_places:
            subject = total_subject(listed_places[-1], places, carry.group)
            own_total = COUNTED_TOTAL.search(sentence[clause[0]:q.start])
            if own_total and GROUP_COUNTS.get(own_total.group(1)) == len(listed_places[-1]):
                # 山东、河南、四川、陕西…，四省合计X: the total of the places just listed
                subject = "、".join(dict.fromkeys(p[0] for p in listed_places[-1]))
            whole = subject
        elif ranked:
            subject = ranked
        elif whole and prev is not None and prev.subject == whole and not in_clause \
                and clause_of(clauses, prev.quantity.start) != clause:
            subject = whole
        elif pair and place_lists([p for p in subject_places if p[2] <= clause[0]], sentence):
            subject = place_lists([p for p in subject_places if p[2] <= clause[0]], sentence)[-1][0][0]
        elif after_run_subject(q, runs, sentence, subject_places, carry) is not None:
            subject = after_run_subject(q, runs, sentence, subject_places, carry)
        elif topic and q.start >= topic[1] and not any(
                topic[1] <= p[1] < q.start and opens_clause(sentence, clauses, p) for p in subject_places):
            subject = topic[0]
        elif listed and prev is not None and (not gap_places or prev_compared):
            subject = prev.subject
        elif in_clause:
            subject = in_clause[-1][0]
        elif before:
            subject = before[-1][0]
        elif after and not listed:
            subject = after[0][0]
        elif carry.group and group_count(sentence[:q.start]) == group_size(carry.group):
            subject = carry.group   # 两地共接待游客…: the pair named earlier
        elif actor_orgs:
            subject = actor_orgs[0][0]
        elif listed and prev is not None:
            subject = prev.subject
        else:
            subject = carry.subject
        if in_clause:
            subject_end = in_clause[-1][2]
        elif item and item.end() <= q.start:
            subject_end = item.end()
        subject = short_name(subject)

        nearest = [p for p in places if p[2] <= q.start and p[1] >= clause[0]]
        prev_compared = bool(nearest) and nearest[-1] not in subject_places

        # indicator
        if listed and prev is not None:
            indicator = prev.indicator
        else:
            indicator = ""
            if q.unit_normalized in COUNT_UNITS:
                indicator = noun_after(sentence, q.end, clause[1])
            if not indicator:
                seg_start = max(clause[0], subject_end)
                if prev_q is not None and clause[0] <= prev_q.end <= q.start:
                    seg_start = max(seg_start, prev_q.end)
                indicator = indicator_phrase(sentence, q, seg_start)
            previous_indicator = prev.indicator if prev is not None else carry.indicator
            indicator = resolve_anaphor(indicator, previous_indicator)
            if id(q) in ratio_terms:
                indicator = ratio_indicator(sentence, clause, q) or indicator
            if not indicator or GENERIC_INDICATOR.match(indicator):
                fallback = fallback_indicator(sentence, q, clauses, clause, prev, qs, carry)
                if fallback:
                    indicator = fallback

        if _RATE_COMPARED.match(indicator):
            # 增速比全国高1.6个百分点: the growth rate of the thing named before, compared
            base = prev.indicator if prev is not None else carry.indicator
            base = re.sub(r"(?:增速|增幅|增长率?)$", "", base)
            indicator = base + "增速" if base else "增速"
        if indicator in INDICATOR_SYNONYMS:
            indicator = "国内生产总值" if subject == "全国" else INDICATOR_SYNONYMS[indicator]
        if is_method_count(sentence, clause, q, indicator):
            subject = ""

        # claim type and direction
        near_start = max(clause[0], prev_q.end if prev_q and prev_q.end <= q.start else clause[0])
        near = sentence[near_start:q.start]
        before_text = sentence[clause[0]:q.start]
        if listed and prev is not None and prev.quantity.unit_normalized == q.unit_normalized:
            claim_type, direction = prev.claim_type, prev.direction
        else:
            claim_type = claim_type_of(q, before_text, near, sentence[q.end:q.end + 8])
            direction = direction_of(claim_type, before_text if listed else near or before_text)

        if id(q) not in distributed:
            parts = listed_indicators(sentence, clause, qs) or echoed_indicators(sentence, clause, qs, links)
            if parts:
                split_parts = parts
            if split_parts:
                mine = [x for x in qs if x.start >= respectively_end(sentence, clause) and x.end <= clause[1]]
                if len(mine) == len(split_parts) and q in mine:
                    indicator = split_parts[mine.index(q)]

        year, period_start, period_end = date_figure(q, years, clause, carry, sentence, claim_type, near)
        found = (year, period_start, period_end)
        year, period_start, period_end = _previous_year(q, sentence, clause, carry, claim_type, found)
        links.append(Link(q, subject, indicator, year, period_start, period_end, claim_type, direction,
                          last_year=(year, period_start, period_end) != found))
    return links


def next_carry(sentence: str, links: list[Link], carry: Optional[Carry] = None) -> Carry:
    """What the next sentence of the paragraph inherits: last year, subject and indicator."""
    carry = carry or Carry()
    stated = [y for y in find_years(sentence, carry.ref_year) if not y.base]
    if not links:
        # a sentence without figures sets the year only as a topic (2019年，… / 过去一年，…)
        stated = [y for y in stated if y.start <= 2 or RELATIVE_YEAR.match(sentence, y.start)]
    year, period = carry.year, (carry.period_start, carry.period_end)
    dated = [l for l in links if not l.last_year]
    if stated and stated[-1].origin:
        # 由2018年的X增加到Y: the sentence ends at Y, the year of its last dated figure or its period's end
        ends = [l.year if l.year is not None else l.period_end for l in links]
        ends = [y for y in ends if y is not None and y > stated[-1].year]
        year, period = (ends[-1] if ends else None), (None, None)
    elif stated and stated[-1].until is not None:
        # the sentence ends on a period (…意味着2014—2022年期间…): the next one speaks of it too
        year, period = None, (stated[-1].year, stated[-1].until)
    elif stated:
        year, period = stated[-1].year, (None, None)
    elif dated and dated[-1].year is not None:
        year, period = dated[-1].year, (None, None)
    elif dated and dated[-1].period_start is not None:
        year, period = None, (dated[-1].period_start, dated[-1].period_end)
    subject, indicator = carry.subject, carry.indicator
    if links:
        subject = links[-1].subject or subject
        indicator = links[-1].indicator or indicator
        venues = {m.group(1) for c in split_clauses(sentence) for m in [ITEM_VENUE.match(sentence, c[0])] if m}
        if subject in venues:
            subject = carry.subject   # a list item's venue is that item's topic only
        places = gazetteer.find_places(sentence)
        runs: list[tuple[int, int]] = []
        spread = distribute([l.quantity for l in links], sentence, places, split_clauses(sentence), runs)
        if id(links[-1].quantity) in spread:
            # 美国、欧盟分别为X和Y。: the list's last member was its figure's subject only
            lead = [p for p in places if p[2] <= runs[-1][0]]
            subject = lead[-1][0] if lead else carry.subject
        breakdown = re.search(r"其中", sentence)
        main = [l for l in links if breakdown and l.quantity.end <= breakdown.start() and l.subject]
        if main:
            # …合计300万辆，其中A 200万辆、B 100万辆: the parts end the sentence, its whole goes on
            subject = main[-1].subject
    else:
        places = gazetteer.find_places(sentence)
        if places:
            subject = places[-1][0]
    group = last_group(sentence)
    change_start = carry.change_start if not stated else None
    origins = [y for y in stated if y.origin]
    if origins and any(y.start > origins[-1].end and y.year > origins[-1].year for y in stated):
        change_start = origins[-1].year
    lasting = carry.lasting_year
    if stated and not stated[-1].partial and not stated[-1].origin and stated[-1].until is None:
        lasting = stated[-1].year
    return replace(carry, year=year, subject=subject, indicator=indicator,
                   period_start=period[0], period_end=period[1], lasting_year=lasting,
                   group=group or carry.group, change_start=change_start)


_RATE_COMPARED = re.compile(r"^(?:增速|增幅|增长)比")
# 较上年的76.80亿元 / 上年同期为5.95亿元 / 是上年80.2万人次的2.1倍: the figure is of the year before
_LAST_YEAR_BEFORE = re.compile(r"(?:上年|去年|上一年度?)(?:同期|末|底)?\s*(?:的|为|是|达|有)?\s*(?:约|近)?\s*$")
_LAST_YEAR_MULTIPLE = re.compile(r"(?:是|为|相当于)\s*(?:上年|去年|上一年度?)(?:同期)?[^，。；,;]{0,16}?的\s*(?:约|近)?\s*$")


def _previous_year(q: Quantity, sentence: str, clause: tuple[int, int], carry: Carry, claim_type: str,
                   found: tuple[Optional[int], Optional[int], Optional[int]]):
    """(year, period_start, period_end) of a figure introduced by 上年/去年: the year before the sentence's."""
    year, start, end = found
    before = sentence[max(clause[0], q.start - 12):q.start]
    current = year if year is not None else (carry.year if carry.year is not None else carry.ref_year)
    if _LAST_YEAR_MULTIPLE.search(before) and (q.kind_hint == "multiple" or q.unit.endswith("倍")):
        # 是上年的2.1倍: a ratio between last year and this one, of no single year
        if current is None:
            return None, start, end
        return None, current - 1, current
    if _LAST_YEAR_BEFORE.search(sentence[max(clause[0], q.start - 8):q.start]) \
            and claim_type not in RATE_CHANGE_TYPES | {"difference", "multiple"}:
        if year is not None:
            return year - 1, start, end
        if carry.year is not None:
            return carry.year - 1, start, end
        if carry.ref_year is not None:
            return carry.ref_year - 1, start, end
    return year, start, end
