"""Shared ground of the relation finders: Relation, Context, how a stated figure is read
(reading), and helpers that read a figure's sentence and paragraph. The cue words of
Chinese relation wording are data: kb/data/relations.yaml (kb.text.vocab).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from kb.errors import KbError
from kb.figures.identity import month_range
from kb.models import Fact, Sentence
from kb.text.numerals import parse_chinese_integer
from kb.text.vocab import alternation, regex, words
from kb.text.gazetteer import is_place

FACT_WINDOW = 300   # facts a look-back rule reads before a figure (bounded work per figure)


def cue_alternation(key: str) -> str:
    """``a|b|c`` of the word list ``key`` of kb/data/relations.yaml, for a regex built in code."""
    return alternation(words("relations", key))


LEVEL_TYPES = ("level", "count", "score")
# the Chinese numerals of a count (三省, 翻两番), for character classes
CN_COUNT = "一二两三四五六七八九十"

PERIOD = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-－~至到]+\s*((?:19|20)\d{2})\s*年?")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_RIGHT_BEFORE = re.compile(rf"((?:19|20)\d{{2}})\s*年(?:{cue_alternation('year_part')})?的?\s*$")

RATIO_BEFORE = regex("relations", "ratio_before")
RELATIVE_PCT = regex("relations", "relative_pct_before")
_PCT_OF_BASE = regex("relations", "pct_of_base_before")
DOWN_BEFORE = regex("relations", "down_before")
# 同比增长X%: a rate right after the level it is about
RATE_LEAD = regex("relations", "rate_lead")
_TO_BEFORE = regex("relations", "to_before")
_GROWTH_BEFORE = regex("relations", "growth_before")
_SHARE_BEFORE = regex("relations", "share_before")
_SHARE_OPEN = regex("relations", "share_open")
# a total stated after its listed parts: 分别为A、B和C，合计N
_SUM_AFTER = regex("relations", "sum_after")
_RATIO_GAP_END = regex("relations", "ratio_gap_end")
_RATIO_GAP = regex("relations", "ratio_gap")
_DIFFERENCE_BEFORE = regex("relations", "difference_before")
_GAP_WORD = regex("relations", "gap_word")
_PAIR_RATIO_END = regex("relations", "pair_ratio_end")
# 年均增长为1532万人: a level's change averaged over the years
_PER_YEAR_CHANGE = regex("relations", "per_year_change")
_YEARLY_MEAN = regex("relations", "yearly_mean")
_DAILY_MEAN = regex("relations", "daily_mean")
# '比上年多增612亿元': a change written as a bare amount
_CHANGE_LEAD = regex("relations", "change_lead")
# a level introduced as the previous period's (较上年的76.8亿元, 上年同期为5.95亿元)
_PRIOR_LEVEL = regex("relations", "prior_level")

TOTAL_WORDS = words("relations", "total_words")
MEAN_WORDS = words("relations", "mean_words")


@dataclass
class Relation:
    """How a stated figure relates to its base figures (before arithmetic)."""

    kind: str                      # growth, multiple, cagr, share, ratio, difference, sum, average
    stated: Fact
    inputs: list[Fact] = field(default_factory=list)
    mode: str = ""                 # multiple: "growth" (B/A−1) or "ratio" (B/A); ratio: "gap", "gap_pct";
                                   # difference: "per_year", or "signed" (two changes: 3.8 − (−4.3))
    years: int = 0                 # CAGR period length
    weights: list[int] = field(default_factory=list)  # sum: how many members each part stands for
    members: int = 0               # average of a table row: the member count n (均值 = 总量 / n)
    reason: str = ""               # why nothing could be compared (unverifiable)
    where: str = ""                # "sentence", "paragraph", "table"
    years_certain: bool = True     # CAGR: False when the period length is read off a period, not the levels' years
    rule: str = ""                 # the name of the rule that found it (internal: for debugging, never output)
    doubt: str = ""                # why an inconsistency would not be sure (the parts listed may not be all
                                   # the members; the whole was chosen by its name): then unverifiable
    factor: float = 1.0            # average "quotient": the units of the stated figure per unit of the levels'
                                   # quotient (公斤/亩 over 吨 / 亩: 1000)


@dataclass
class Context:
    """A document's text, its sentences and facts, indexed for lookups."""

    text: str
    sentences: list[tuple[int, int]]
    facts: list[Fact]
    # answers about this context's figures kept by the functions that compute them (figure_name: the
    # same figure is named once for each identity and rule that asks; issue 12)
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # a segmenter may cut at ；: relations span the whole 。-terminated sentence
        merged: list[tuple[int, int]] = []
        for start, end in sorted(self.sentences):
            prev_text = self.text[merged[-1][0]:merged[-1][1]].rstrip() if merged else ""
            if merged and prev_text[-1:] in "；;，,：:" and start - merged[-1][1] <= 2:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        self.sentences = merged
        self._starts = [s for s, _ in self.sentences]
        # the tail of a number cut by a space (19. 1% read as 1%) is no figure to judge or compute with
        self.text_facts = sorted((f for f in self.facts if f.source_kind == "text" and not _broken(self.text, f)),
                                 key=lambda f: f.char_start)
        self._fact_starts = [f.char_start for f in self.text_facts]
        self.table_facts = [f for f in self.facts if f.source_kind == "table"]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        # no segmentation: fall back to 。！？ boundaries
        start = max(self.text.rfind(c, 0, pos) for c in "。！？\n") + 1
        ends = [e for e in (self.text.find(c, pos) for c in "。！？\n") if e != -1]
        return start, (min(ends) + 1 if ends else len(self.text))

    def facts_before(self, pos: int) -> list[Fact]:
        """The text facts that end at or before ``pos``: at most the FACT_WINDOW nearest, so a
        rule that looks back for a whole or a base does bounded work in a long document."""
        i = bisect.bisect_left(self._fact_starts, pos)
        return [f for f in self.text_facts[max(0, i - FACT_WINDOW):i] if f.char_end <= pos]

    def facts_between(self, start: int, end: int) -> list[Fact]:
        # bisect on the sorted starts: a sentence's facts without scanning every fact
        out, facts = [], self.text_facts
        for i in range(bisect.bisect_left(self._fact_starts, start), len(facts)):
            if facts[i].char_start >= end:
                break
            if facts[i].char_end <= end:
                out.append(facts[i])
        return out


@dataclass
class Site:
    """A stated figure as the relation rules see it: its document, how it reads (reading),
    its sentence [s0, s1) and the passage it stands in."""

    ctx: Context
    stated: Fact
    read: str
    passage_span: tuple[int, int] | None = None
    s0: int = field(init=False)
    s1: int = field(init=False)

    def __post_init__(self) -> None:
        self.s0, self.s1 = self.ctx.sentence_of(self.stated.char_start)

    @property
    def sentence(self) -> str:
        """The figure's whole sentence."""
        return self.ctx.text[self.s0:self.s1]

    @property
    def lead(self) -> str:
        """The sentence up to the figure."""
        return self.ctx.text[self.s0:self.stated.char_start]

    @cached_property
    def para_start(self) -> int:
        """Where the figure's paragraph starts (or its passage, when that starts earlier)."""
        return paragraph_start(self.ctx, self.s0, self.passage_span)


def sentence_spans(sentences: list[Sentence]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences]


def is_level(f: Fact) -> bool:
    return f.claim_type in LEVEL_TYPES and f.unit_normalized not in ("%", "pp", "times", "rank")


def same_unit(a: Fact, b: Fact) -> bool:
    """One unit, or one figure written with a bare scale word of the other's unit (从420万人升至
    620万, 1.36万亿 and 2.79万亿元: the unit word is left out)."""
    return a.unit_normalized == b.unit_normalized or compatible_units(a, b)


_BARE_SCALES = words("units", "bare_scales")
# 超过X / 不到X: a bound, not a value (kb.verify reads it as an open interval and never accuses with it)
OPEN_BOUNDS = words("checks", "qualifier_open_over") + words("checks", "qualifier_open_under")


def compatible_units(a: Fact, b: Fact) -> bool:
    """One unit, or one figure written with a bare scale word of the other's unit (1.36万亿 and
    2.79万亿元: news writing drops the 元)."""
    if a.unit_normalized == b.unit_normalized:
        return True
    return any(x.unit in _BARE_SCALES and _scaled_unit(y.unit) for x, y in ((a, b), (b, a)))


def _scaled_unit(unit: str) -> bool:
    """A unit written as a scale word and a base (亿元, 万亿元, 万人): a bare 万亿 beside it is of
    the same base (the values are compared normalised)."""
    return any(unit.startswith(w) and len(unit) > len(w) for w in _BARE_SCALES)


def period_of(fact: Fact, sentence_text: str) -> tuple[int, int] | None:
    """The fact's period, or the one 2014—2022-style period its sentence names; None for a year's
    own change (2020年（增速11.5%）: one year, not the sentence's period) and when the sentence names
    several periods (2015—2020年…，2020—2022年…: which one is the figure's is not known)."""
    if fact.period_start and fact.period_end:
        return fact.period_start, fact.period_end
    if fact.year is not None and fact.measure == "yoy_growth":
        return None
    periods = {(int(m.group(1)), int(m.group(2))) for m in PERIOD.finditer(sentence_text)}
    if len(periods) == 1 and min(periods)[0] < min(periods)[1]:
        return min(periods)
    return None


def years_in_sentence(stated: Fact, sentence_text: str) -> tuple[int, int] | None:
    """(first, last) year: the fact's period, a 2014—2022 period, or the earliest and latest
    distinct years named in the sentence (由2018年的A增加到B with the fact's year later)."""
    found = period_of(stated, sentence_text)
    if found:
        return found
    years = {int(y) for y in YEAR.findall(sentence_text)}
    if stated.period_end:
        years.add(stated.period_end)
    if stated.year:
        years.add(stated.year)
    return (min(years), max(years)) if len(years) >= 2 else None


def reading(ctx: Context, fact: Fact) -> str:
    """How the stated figure is to be read, from the words before and after it: a multiple
    (倍), a percentage-point difference, a percentage, or a level ('' when none applies)."""
    s0, _ = ctx.sentence_of(fact.char_start)
    before = ctx.text[max(s0, fact.char_start - 30):fact.char_start]
    clause = re.split(r"[，。；,;：:（(]", before)[-1]
    unit = fact.unit_normalized
    if unit == "times" or fact.claim_type == "multiple" or "倍" in fact.unit:
        return _multiple_reading(fact, clause, ctx.text[fact.char_end:fact.char_end + 6])
    if unit == "pp" or "百分点" in fact.unit:
        return "difference"
    if unit == "%":
        return _percent_reading(fact, clause, re.split(r"[，。；,;：:]", before)[-1])
    return _level_reading(ctx, fact, clause)


def _multiple_reading(fact: Fact, clause: str, after: str) -> str:
    """X倍: 有着X倍的差距 (gap), 增长到/是…的X倍 (ratio), 增长X倍 (multiple_growth)."""
    if "差距" in after:
        return "gap"
    if _TO_BEFORE.search(clause) or RATIO_BEFORE.search(clause):
        return "ratio"
    if _GROWTH_BEFORE.search(clause) or fact.claim_type == "multiple":
        return "multiple_growth"
    return "ratio"


def _percent_reading(fact: Fact, clause: str, bracketed: str = "") -> str:
    """X%: 年均 (cagr), 相当于…的 / 为…的 (ratio_pct), 相差 (gap_pct), 占 (share), 增长/下降 (growth),
    else ''. ``bracketed``: the clause with its brackets (恢复至2019年同期（A）的X%)."""
    if fact.claim_type == "cagr" or "年均" in clause:
        return "cagr"
    if RELATIVE_PCT.search(clause) or _PCT_OF_BASE.search(bracketed):
        return "ratio_pct"   # 株洲相当于长沙的26.1%: B / A in percent
    if _RATIO_GAP_END.search(clause) or (_RATIO_GAP.search(clause) and fact.claim_type == "ratio"):
        return "gap_pct"
    if fact.claim_type == "share" or _SHARE_BEFORE.search(clause) or _SHARE_OPEN.search(clause):
        return "share"
    if _TO_BEFORE.search(clause):
        return ""   # 投入强度由2.36%提高到3.37%: the value reached, not a growth
    if fact.claim_type == "growth_rate" or _GROWTH_BEFORE.search(clause) or DOWN_BEFORE.search(clause):
        return "growth"
    return ""


_COMPARED_WITH = regex("relations", "compared_with_change")
_PERIOD_COMPARED = regex("relations", "period_compared")


def _place_compared(fact: Fact, clause: str) -> bool:
    """比广东少157.6亿千瓦时 / 常住人口比户籍人口多143.09万人 / 比商品房销售均价高481元/平方米: a change
    (or an amount read as a level) against a place or another figure (not a period: 比上年, 比年初)
    is a difference between two figures."""
    m = _COMPARED_WITH.search(clause) if fact.claim_type in ("change", "level") else None
    return bool(m) and (is_place(m.group(1)) or not _PERIOD_COMPARED.search(m.group(1)))


def _level_reading(ctx: Context, fact: Fact, clause: str) -> str:
    """A level or amount: 年均增长N (per_year), 年均N (yearly_mean), 日均N (daily_mean), 高出…X (difference), N，其中 (sum),
    合计N (sum_after), 比为R (pair_ratio), A与B的差距…X (level_gap)."""
    if is_level(fact) and _PER_YEAR_CHANGE.search(clause):
        return "per_year"
    if is_level(fact) and _YEARLY_MEAN.search(clause):
        return "yearly_mean"
    if is_level(fact) and _DAILY_MEAN.search(clause):
        return "daily_mean"
    if fact.claim_type == "difference" or _DIFFERENCE_BEFORE.search(clause) or _place_compared(fact, clause):
        return "difference"
    if is_level(fact) and "其中" in ctx.text[fact.char_end:ctx.sentence_of(fact.char_start)[1]][:12]:
        return "sum"
    if is_level(fact) and _SUM_AFTER.search(clause):
        return "sum_after"
    if fact.claim_type == "ratio" and _PAIR_RATIO_END.search(clause):
        return "pair_ratio"
    if is_level(fact) and _GAP_WORD.search(clause):
        return "level_gap"
    return ""


def one_clause_run(gap: str, longest: int = 24) -> bool:
    """The words between two figures keep them in one clause run: no ；。, at most ``longest``
    characters, and no 其中 (a rate after it is about a subset, not about the levels before it)."""
    return not re.search(r"[；;。]", gap) and len(gap) <= longest and "其中" not in gap


def adjacent_in_clause(ctx: Context, b: Fact, stated: Fact) -> bool:
    """B and the stated figure in one clause run: nothing but words (no ；。, no other figure) between."""
    gap = ctx.text[b.char_end:stated.char_start]
    if not one_clause_run(gap):
        return False
    between = ctx.facts_between(b.char_end, stated.char_start)
    run = [f for f in between if f.claim_type not in LEVEL_TYPES]
    # 分别增长X倍、Y倍: earlier members of the same list do not break the run
    return not [f for f in between if f not in run] and ("分别" in gap or not run)


def year_of(ctx: Context, f: Fact) -> int | None:
    """The year written right before the figure (2013年的A), else the fact's own year."""
    m = _YEAR_RIGHT_BEFORE.search(ctx.text[max(0, f.char_start - 10):f.char_start])
    return int(m.group(1)) if m else f.year


def in_time_order(ctx: Context, a: Fact, b: Fact) -> tuple[Fact, Fact]:
    """(earlier, later): 'B，与2013年的A相比' states the later level first."""
    ya, yb = year_of(ctx, a), year_of(ctx, b)
    if ya and yb and ya > yb:
        return b, a
    return a, b


def same_value(a: Fact, b: Fact) -> bool:
    return abs(a.value_normalized - b.value_normalized) <= 1e-9 * max(1.0, abs(b.value_normalized))


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t\u3000]{2,})")


def paragraph_bounds(ctx: Context, pos: int) -> tuple[int, int]:
    """The paragraph holding ``pos``: between blank lines, or between lines that open indented
    (a hard-wrapped text whose paragraphs start with spaces)."""
    breaks = [m for m in _PARAGRAPH_BREAK.finditer(ctx.text)]
    start = max((m.end() for m in breaks if m.end() <= pos), default=0)
    end = min((m.start() for m in breaks if m.start() >= pos), default=len(ctx.text))
    return start, end


def nearby(ctx: Context, a: Fact, b: Fact) -> bool:
    """Two figures of one passage (the store's chunk of text), else of one paragraph."""
    if a.passage_id and b.passage_id:
        return a.passage_id == b.passage_id
    return paragraph_bounds(ctx, a.char_start) == paragraph_bounds(ctx, b.char_start)


_LEADING_SPACE = re.compile(r"\s*")


def sentences_after(ctx: Context, f: Fact, breaks: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence after ``f``'s own that starts before the ``breaks + 1``-th blank
    line after it: the rest of its paragraph and the next ``breaks`` paragraphs."""
    _, pos = ctx.sentence_of(f.char_start)
    counted, seen = pos, 0
    while pos < len(ctx.text):
        start = _LEADING_SPACE.match(ctx.text, pos).end()
        seen += ctx.text.count("\n\n", counted, start)
        counted = start
        if seen > breaks or start >= len(ctx.text):
            return
        end = ctx.sentence_of(start)[1]
        yield start, end
        pos = max(end, start + 1)


def paragraph_start(ctx: Context, s0: int, passage_span: tuple[int, int] | None) -> int:
    start = ctx.text.rfind("\n\n", 0, s0)
    start = 0 if start == -1 else start
    return min(start, passage_span[0]) if passage_span else start


def levels_before(ctx: Context, stated: Fact, start: int) -> list[Fact]:
    return [f for f in ctx.facts_between(start, stated.char_start) if is_level(f)]


def mentions_name(text: str, name: str) -> bool:
    return bool(name) and name in text


def parse_count(text: str) -> int:
    """三 → 3, 12 → 12; 0 when not a count."""
    try:
        return int(text) if text.isdigit() else parse_chinese_integer(text)
    except KbError:
        return 0


def same_when_known(a, b) -> bool:
    return not a or not b or a == b


# statuses of figures that report what happened: 初步核算 marks a sentence of a communiqué (its GDP),
# not another kind of figure than the per-capita GDP of the next sentence
REPORTED_STATUSES = ("actual", "preliminary")


def same_thing(a: Fact, b: Fact) -> bool:
    """The two figures measure one thing, whatever their periods: the same subject, indicator, scope
    and basis, of one status (kb.verify.relations: a level of another year, a rate of another part
    of the year)."""
    return ((a.subject_key, a.indicator_key, a.scope, a.basis) == (b.subject_key, b.indicator_key, b.scope, b.basis)
            and same_status(a, b))


def same_status(a: Fact, b: Fact) -> bool:
    """Both figures report what happened (actual or preliminary), or both are of one other status
    (target, forecast, estimate)."""
    return a.status == b.status or (a.status in REPORTED_STATUSES and b.status in REPORTED_STATUSES)


def is_stated_change(ctx: Context, f: Fact) -> bool:
    """'比上年多增612亿元': a change written as a bare amount, not a level."""
    return bool(_CHANGE_LEAD.search(ctx.text[max(0, f.char_start - 12):f.char_start]))


_PRIOR_RUN_OPEN = regex("relations", "prior_run_open")
_COMPARAND_BEFORE = regex("relations", "comparand_before")
_COMPARAND_AFTER = regex("relations", "comparand_after")


def is_comparand(ctx: Context, f: Fact) -> bool:
    """The level is what another figure of its clause is compared with (比上年的A增长X%, 为年初预算A的
    102.3%, 恢复至2019年同期（A）的112.6%), not the level the clause reports."""
    return bool(_COMPARAND_BEFORE.search(clause_before(ctx, f)) or _COMPARAND_AFTER.match(ctx.text, f.char_end))


def months_named(ctx: Context, f: Fact) -> tuple[int, int] | None:
    """The months the figure's sentence names up to it (前三季度 → (1, 9); 第三季度单季 → (7, 9)); None
    when it names none."""
    s0, _ = ctx.sentence_of(f.char_start)
    found = month_range(ctx.text[s0:f.char_start])
    return None if found == (1, 12) else found


def is_own_level(ctx: Context, f: Fact) -> bool:
    """A level of the period the text reports: not a stated change, not the previous period's
    (上年同期为A), not a figure another is compared with (为年初预算W的102.3%)."""
    return is_level(f) and not is_stated_change(ctx, f) and not is_prior_level(ctx, f) and not is_comparand(ctx, f)


_OPENS_BRACKET = re.compile(r"\s*[（(]\s*(?:约|合)?\s*$")


def is_bracketed_conversion(ctx: Context, f: Fact) -> bool:
    """The figure restates the level right before it in other units, in brackets (4195.3万吨（839.06亿斤）,
    10995.6万亩（7330.4千公顷））: not a figure of its own."""
    before = ctx.facts_before(f.char_start)
    prev = before[-1] if before else None
    return prev is not None and is_level(prev) and bool(_OPENS_BRACKET.fullmatch(ctx.text[prev.char_end:f.char_start]))


def is_prior_level(ctx: Context, f: Fact) -> bool:
    """The level is the previous period's (上年的X, 上年同期为X, 上年同期，…营业收入为X), not the report
    period's."""
    s0, _ = ctx.sentence_of(f.char_start)
    run = max([s0] + [ctx.text.rfind(c, s0, f.char_start) + 1 for c in "；;"])
    return bool(_PRIOR_LEVEL.search(clause_before(ctx, f)) or _PRIOR_RUN_OPEN.match(ctx.text, run, f.char_start))


def same_time(a: Fact, b: Fact) -> bool:
    """The two figures are of one time: the same months, or a value at a month's end (a balance or a
    rate at 2024年末: 12-12) and a span ending that month (a year's flow or a difference stated over
    2024) — stocks and flows are dated so. False when either is undated."""
    spans = [(f.period_start_month, f.period_end_month) for f in (a, b)]
    if not all(x and y for x, y in spans):
        return False
    return spans[0] == spans[1] or (spans[0][1] == spans[1][1] and any(x == y for x, y in spans))


_COMPARED_NAMED_YEAR = regex("relations", "compared_named_year")


def is_named_previous_year(ctx: Context, f: Fact, year: int | None) -> bool:
    """The level is introduced as the level of the year before ``year``, named by its number
    (较2023年的2047.2亿元 beside a 2024 figure): the previous period's level, as 较上年的 is."""
    m = _COMPARED_NAMED_YEAR.search(clause_before(ctx, f))
    return bool(m) and year is not None and int(m.group(1)) == year - 1


def share_year_conflict(ctx: Context, part: Fact, whole: Fact) -> str:
    """Why a part cannot be divided by this whole ('' when it can): both must be of one period —
    the same known year, and neither introduced as the previous period's unless both are."""
    if is_prior_level(ctx, part) != is_prior_level(ctx, whole):
        return "the part and the whole are of different periods (one is the previous period's)"
    a, b = year_of(ctx, part), year_of(ctx, whole)
    if a and b and a != b:
        return f"the part ({a}) and the whole ({b}) are of different years"
    return ""


_FROM_VALUE_BEFORE = regex("relations", "from_value_before")
_FROM_VALUE_AFTER = regex("relations", "from_value_after")


def is_from_value(ctx: Context, f: Fact) -> bool:
    """The figure is the earlier value of a change: a of '由1998年的a%提高到b%' (从上年的a增至b)."""
    return bool(_FROM_VALUE_BEFORE.search(clause_before(ctx, f))
                and _FROM_VALUE_AFTER.match(ctx.text, f.char_end))


def level_rate(ctx: Context, level: Fact) -> Fact | None:
    """The growth rate stated right after a level, in its clause run (B，比上年增长X%): the first
    growth rate after it with no other level, ；, 。 or 其中 between."""
    _, s1 = ctx.sentence_of(level.char_start)
    for f in ctx.facts_between(level.char_end, s1):
        gap = ctx.text[level.char_end:f.char_start]
        if re.search(r"[；;。]", gap) or "其中" in gap or is_level(f):
            return None
        if f.unit_normalized == "%" and f.claim_type == "growth_rate":
            return None if is_broken_number(ctx, f) else f
    return None


_BROKEN_BEFORE = re.compile(r"\d\.\s+$")


def is_broken_number(ctx: Context, f: Fact) -> bool:
    """The figure is the tail of a number cut by a space (16. 4% read as 4%): not a figure to
    compute with."""
    return _broken(ctx.text, f)


def _broken(text: str, f: Fact) -> bool:
    return bool(_BROKEN_BEFORE.search(text[max(0, f.char_start - 4):f.char_start]))


def clause_before(ctx: Context, f: Fact) -> str:
    key = ("clause_before", f.char_start)          # asked by many rules of each figure (issue 12)
    found = ctx.memo.get(key)
    if found is None:
        s0, _ = ctx.sentence_of(f.char_start)
        found = ctx.memo[key] = re.split(r"[，。；,;]", ctx.text[s0:f.char_start])[-1]
    return found


_AVERAGE_WORDS = words("relations", "per_head") + words("relations", "group_mean_words")


def stated_as_average(ctx: Context, f: Fact) -> bool:
    """The figure's own clause calls it an average (平均每位游客的消费为626元, 户均存款8万元): the
    figures listed after it are other averages, never parts that add up to it."""
    clause = clause_before(ctx, f)
    return any(w in clause for w in _AVERAGE_WORDS)
