"""Context of a figure in its sentence: subject, indicator, year/period, claim type, direction.

``link(quantities, sentence, tokenizer, passage_text, carry)`` reads one
sentence with the figures kb.figures.quantities found in it and returns one
``Link`` per figure (figures inside $…$ formulas are dropped). Per figure it
chooses the subject (kb.figures.linking.subject_rules, an ordered rule list),
the indicator (kb.figures.linking.indicators), the claim type and direction
(kb.figures.linking.claim_types) and the year or period
(kb.figures.linking.periods, an ordered rule list), recording which subject
and year rule fired. What a sentence hands on to the next is
kb.figures.linking.carry_over's. The rules, all local to the sentence:

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
from typing import Optional

from kb.figures.linking.carry import Carry, Link
from kb.figures.linking.claim_types import claim_type_of, direction_of
from kb.figures.linking.cues import COUNT_UNITS, GENERIC_INDICATOR, GOVERNING_MARKER, bracket_clause_start
from kb.figures.linking.indicators import (
    INDICATOR_SYNONYMS, clean_phrase, echoed_indicators, fallback_indicator, indicator_phrase, item_completed,
    listed_indicators, names_only, is_measure_only, noun_after, ratio_indicator, resolve_anaphor, respectively_end,
)
from kb.figures.linking.periods import Dating, date_figure, last_year_dating, period_compared
from kb.figures.linking.scene import FigureScene, Running, SentenceScene, read_figure, read_sentence
from kb.figures.linking.subject_rules import choose_subject
from kb.figures.linking.subjects import is_method_count, is_partner, short_name
from kb.models import RELATIVE_UNITS, Quantity
from kb.text.tokenizer import Tokenizer
from kb.text.vocab import regex

# 增速比全国高1.6个百分点: the growth rate of the thing named before, compared
_RATE_COMPARED = regex("linking", "rate_compared")
_PERIOD_RESTATEMENT = regex("linking", "period_restatement")
_COMPARAND_VALUE = regex("linking", "comparand_value")
_COUNTED_NOUN = regex("linking", "counted_noun")
_RANKED_AFTER = regex("linking", "ranked_after")
RESTATED_KINDS = ("share", "growth_rate", "ratio", "cagr")
_GROWTH_SUFFIX = regex("linking", "growth_suffix")


def link(quantities: list[Quantity], sentence: str, tokenizer: Tokenizer, passage_text: str = "",
         carry: Optional[Carry] = None) -> list[Link]:
    """Context for every figure of ``sentence`` (figures inside $…$ are dropped)."""
    scene = read_sentence(quantities, sentence, passage_text, carry or Carry(), tokenizer)
    if scene is None:
        return []
    links: list[Link] = []
    run = Running()
    for i in range(len(scene.figures)):
        links.append(_link_figure(scene, read_figure(scene, i, links), run, links, tokenizer))
    return links


def _link_figure(s: SentenceScene, f: FigureScene, run: Running, links: list[Link], tokenizer: Tokenizer) -> Link:
    """The Link of one figure; updates ``run`` for the figures after it."""
    q, clause = f.q, f.clause
    subject_rule, subject = choose_subject(s, f, run)
    if subject_rule in ("total_of_listed_places", "named_places_counted"):
        run.whole = subject
    subject = short_name(subject)
    nearest = [p for p in s.places if p[2] <= q.start and p[1] >= clause[0]]
    run.prev_compared = bool(nearest) and nearest[-1] not in s.subject_places

    indicator = _named_indicator(_indicator(s, f, _subject_end(f), tokenizer), subject, f, s.carry)
    if subject_rule == "bracketed_place_total":
        indicator = _bracketed_name(s, f, tokenizer) or indicator
    if is_method_count(s.sentence, clause, q, indicator):
        subject, subject_rule = "", "method_count"   # 选取20个指标: a study's design, of no place
    if subject and is_partner(subject, indicator):
        # 美国为第二大贸易伙伴，对美国进出口1567.8亿元: the trader is the document's place, not the partner
        subject, subject_rule = s.carry.home or "", "trade_partner"

    near_start = max(clause[0], f.prev_q.end if f.prev_q is not None and f.prev_q.end <= q.start else clause[0])
    near = s.sentence[near_start:q.start]
    claim_type, direction = _claim_and_direction(s, f, near, links)
    split = _split_indicator(s, f, run, links, tokenizer)
    indicator = split if split is not None else indicator

    found = date_figure(q, s.years, clause, s.carry, s.sentence, claim_type, near)
    dating: Dating = last_year_dating(q, s.sentence, clause, s.carry, claim_type, found)
    return Link(q, subject, indicator, dating.year, dating.period_start, dating.period_end, claim_type, direction,
                last_year=dating[:3] != found[:3], subject_rule=subject_rule, year_rule=dating.rule)


_BRACKET_OPEN = re.compile(r"[（(]\s*(?:约|近|超过)?\s*$")
_LEVEL_WORD = "水平"


def _bracketed_name(s: SentenceScene, f: FigureScene, tokenizer: Tokenizer) -> str:
    """占全国人民币贷款增量（18.09万亿元）的: what a bracketed place total measures is named between the
    place and the bracket (人民币贷款增量), not the sentence's indicator; "" when nothing is named."""
    places = [p for p in s.places if p[2] <= f.q.start]
    if not places:
        return ""
    words = _BRACKET_OPEN.sub("", s.sentence[max(places, key=lambda p: p[2])[2]:f.q.start])
    named = clean_phrase(words, tokenizer) if len(words) >= 2 and not GOVERNING_MARKER.search(words) else ""
    # 全国人均水平（9.6万元）/ 全国平均水平（6.4%）: a level word names no measure of its own
    return "" if not named or GENERIC_INDICATOR.match(named) or named.endswith(_LEVEL_WORD) else named


def _subject_end(f: FigureScene) -> int:
    """Where the subject ends: the indicator is read after it (the clause start when it is elsewhere)."""
    if f.in_clause:
        return f.in_clause[-1][2]
    if f.item and f.item.end() <= f.q.start:
        return f.item.end()
    return f.clause[0]


def _after_counted_noun(sentence: str, count: Quantity) -> int:
    """Where the words after a figure start, past the noun it counts (8个省份 | GDP增速超过18.3%)."""
    m = _COUNTED_NOUN.match(sentence, count.end) if count.unit_normalized in COUNT_UNITS else None
    return m.end() if m else count.end


def _opens_sentence(sentence: str, q: Quantity) -> bool:
    """True when nothing but spaces and brackets stands before the figure in its sentence."""
    return not sentence[:q.start].strip(" \u3000（(“\"")


def restated_indicator(q: Quantity, carry: Carry) -> str:
    """19.8%的同比增速目前仅次于湖北省: a figure opening its sentence with only a measure after it
    restates the same figure stated shortly before in the section; it measures what that one did
    ("" when no recent figure is written the same)."""
    same = [indicator for surface, indicator, _ in carry.restated if surface == q.surface]
    return same[-1] if same else ""


def _indicator(s: SentenceScene, f: FigureScene, subject_end: int, tokenizer: Tokenizer) -> str:
    """What the figure measures: the previous figure's for a list figure; else a count's noun
    (179项政务服务事项), else the phrase before it, 相应/该 resolved; a ratio's own phrase; a
    fallback when the phrase is empty or generic."""
    q, prev = f.q, f.prev
    if f.listed and prev is not None:
        return prev.indicator
    indicator = noun_after(s.sentence, q.end, f.clause[1], tokenizer) if q.unit_normalized in COUNT_UNITS else ""
    if not indicator:
        seg_start = max(f.clause[0], subject_end)
        if f.prev_q is not None and f.clause[0] <= f.prev_q.end <= q.start:
            seg_start = max(seg_start, _after_counted_noun(s.sentence, f.prev_q))
        indicator = indicator_phrase(s.sentence, q, seg_start, tokenizer)
    indicator = resolve_anaphor(indicator, prev.indicator if prev is not None else s.carry.indicator)
    if id(q) in s.ratio_terms:
        indicator = ratio_indicator(s.sentence, f.clause, q, tokenizer) or indicator
    indicator = item_completed(indicator, prev)
    if indicator and GENERIC_INDICATOR.match(indicator) and _opens_sentence(s.sentence, q):
        indicator = restated_indicator(q, s.carry) or indicator
    if not indicator or GENERIC_INDICATOR.match(indicator) or is_measure_only(indicator) \
            or names_only(indicator, tokenizer, counted=q.unit_normalized in COUNT_UNITS):
        indicator = fallback_indicator(s.sentence, q, s.clauses, f.clause, prev, s.figures, s.carry,
                                       tokenizer, indicator) or indicator
    return indicator or ranked_topic(s.sentence, q, s.carry)


def ranked_topic(sentence: str, q: Quantity, carry: Carry) -> str:
    """广东省以27117.96亿元居于全国首位 in a document titled 27省份一季度GDP出炉: an amount a place is
    ranked by (以 X 居 / 排名 …) that no phrase names measures the one indicator the title names."""
    if not carry.topic or q.unit_normalized in RELATIVE_UNITS or q.unit_normalized in COUNT_UNITS:
        return ""
    ranked = sentence[:q.start].rstrip().endswith("以") and _RANKED_AFTER.match(sentence, q.end)
    return carry.topic if ranked else ""


def _named_indicator(indicator: str, subject: str, f: FigureScene, carry: Carry) -> str:
    """增速比全国高 → the previous indicator's 增速 (GDP增速比全国高 → GDP增速); a synonym (经济总量,
    GDP) → the standard name (国内生产总值 for 全国)."""
    compared = _RATE_COMPARED.search(indicator)
    if compared:   # GDP增速比高 names its own base; 增速比全国高 the previous figure's
        base = indicator[:compared.start()] if compared.start() >= 2 else \
            f.prev.indicator if f.prev is not None else carry.indicator
        base = _GROWTH_SUFFIX.sub("", base)
        indicator = base + "增速" if base else "增速"
    if indicator in INDICATOR_SYNONYMS:
        indicator = "国内生产总值" if subject == "全国" else INDICATOR_SYNONYMS[indicator]
    return indicator


def _claim_and_direction(s: SentenceScene, f: FigureScene, near: str, links: list[Link]) -> tuple[str, str]:
    """(claim type, direction): a list figure of the same unit as the one before takes its; else read
    from the unit and the words before the figure (``near``: since the previous figure). A comparand's
    value (高于江苏的19.2%, 高于全国（4.8%）) is of the kind of the sentence's last figure of its unit."""
    q, prev = f.q, f.prev
    if f.listed and prev is not None and prev.quantity.unit_normalized == q.unit_normalized:
        return prev.claim_type, prev.direction
    before_text = s.sentence[f.clause[0]:q.start]
    prev = next((l for l in reversed(links) if l.quantity.unit_normalized == q.unit_normalized), prev) \
        if _COMPARAND_VALUE.search(before_text) else prev
    if prev is not None and prev.quantity.unit_normalized == q.unit_normalized and \
            prev.claim_type in RESTATED_KINDS and (_PERIOD_RESTATEMENT.match(before_text)
                                                   or _COMPARAND_VALUE.search(before_text)
                                                   or period_compared(before_text, s.sentence[q.end:])):
        # 占比为55.1%，2015年为54.3%; 增速19.5%，高于江苏的19.2%; 定为14%，低于去年15.3%的水平:
        # the same kind of figure again
        return prev.claim_type, prev.direction
    own_words = s.sentence[bracket_clause_start(s.sentence, f.clause[0], q.start):q.start]
    claim_type = claim_type_of(q, own_words, near, s.sentence[q.end:q.end + 8])
    return claim_type, direction_of(claim_type, before_text if f.listed else near or before_text)


def _split_indicator(s: SentenceScene, f: FigureScene, run: Running, links: list[Link],
                     tokenizer: Tokenizer) -> Optional[str]:
    """城镇和农村居民收入分别为X和Y / 合同额X，执行额Y，同比分别增长a和b: the figure's own indicator
    from the 分别 list of its clause (kept for the clauses after it), else None."""
    q, clause = f.q, f.clause
    if id(q) in s.distributed:
        return None
    parts = listed_indicators(s.sentence, clause, s.figures, tokenizer) \
        or echoed_indicators(s.sentence, clause, s.figures, links, tokenizer)
    if parts:
        run.split_parts = parts
    if not run.split_parts:
        return None
    mine = [x for x in s.figures if x.start >= respectively_end(s.sentence, clause) and x.end <= clause[1]]
    if mine and len(mine) % len(run.split_parts) == 0 and q in mine:
        return run.split_parts[mine.index(q) % len(run.split_parts)]   # in runs: 从a、b提高到c、d
    return None
