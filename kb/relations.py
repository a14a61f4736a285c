"""Which figures are derived from which: the relation patterns of Chinese prose.

Given a stated figure (a text Fact) and the other facts of its document, find
the base figures it was computed from and how:

- in the sentence: 从/由 A 增加到/上升至 B, then 增长X倍 (B/A − 1), 增长X% / 增幅
  ((B/A − 1)·100), 年均增长X% (CAGR over the stated period), 是/为…的X倍 or
  增长到X倍 (B/A), 占…的X% (part / whole), 有着X倍的差距 (max/min), 相差X%
  ((max/min − 1)·100), 高出X个百分点 / 高于…X亿元 (difference, same unit),
  共计N个，其中A、B、C (sum; 京津各N个 counts twice);
- text ↔ table: a growth stated over 2014—2022 for a row/column of a table in
  the same document (由表3可知, or the same indicator and years): the two
  cells of that row and column for the period's first and last year.

- in the paragraph (bulletin style): B，比上年增加/减少D，增长X% (D / (B ∓ D));
  B with last year's level of the same indicator stated earlier (比上年的A / 2022年A);
  X占Y的比重(分别)为… with the levels of X (or of each listed part) and Y stated
  earlier; a list of shares whose count word (三次产业) says it is complete sums
  to 100; 城乡…比 = 城镇… / 农村…; a total over a named group (三省一市) = the sum
  of its n members stated after it, and 居…第k位 their order; 翻N番 = ×2^N;
- tables: 均值 cells = 总量 / n, n the whole 总量/均值 ratio of most columns.

Never guess: a pp difference pairs only two stated rates of one measure that the
sentence compares (比上年提高X个百分点 compares with an unstated value);
bases must share the unit; a table pair must match the sentence's
subject and indicator; otherwise the relation is "unverifiable" with a reason.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kb import recompute as rc
from kb.errors import KbError
from kb.models import CURRENCY_CODES, Fact, Sentence
from kb.numerals import parse_chinese_integer

DERIVED_TYPES = ("growth_rate", "cagr", "multiple", "share", "ratio", "difference")
LEVEL_TYPES = ("level", "count", "score")

_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-－~至到]+\s*((?:19|20)\d{2})\s*年?")
_RATIO_BEFORE = re.compile(r"(?:是|为|相当于|达到?)([^，。；,;]{0,24})的\s*$")
_TO_BEFORE = re.compile(r"(?:增长|增加|提高|提升|扩大|上升)(?:到|至)\s*$")
_GROWTH_BEFORE = re.compile(r"(?:增长|增加|提高|提升|扩大|上升|增幅|涨幅|增速|增长率|增长了|增加了|翻)")
_DOWN_BEFORE = re.compile(r"(?:下降|减少|降低|回落|下滑|缩小|降幅)")
_SHARE_BEFORE = re.compile(r"占[^，。；,;]{0,24}?(?:的|比重|比例)?(?:为|达|约)?\s*$")
_SUM_WORDS = re.compile(r"(?:共计|总计|合计|共有|总数|总量|总共|共)")
_FROM_TO = re.compile(r"(?:从|由)\s*$")
# a total stated after its listed parts: 分别为A、B和C，合计N
_SUM_AFTER = re.compile(r"(?:合计|共计|总计|总共|加总|累计共)(?:为|达|达到|约)?\s*$")
_LIST_GAP = re.compile(r"^\s*(?:、|，|,|和|与|及|以及)?\s*$")
# a change against an earlier period whose value is not stated (比上年提高X个百分点)
_PRIOR = re.compile(r"(?:比|较|同比|环比)(?:上年|去年|上一年|前一年|上年末|上年同期|上期|上月|上季度|年初|(?:19|20)\d{2}年)"
                    r"|同比|环比")
# a stated comparison of two figures (高出/高于/比…高)
_COMPARE = re.compile(r"高出|高于|低于|多出|少于|超出|快于|慢于|领先|落后|比[^，。；,;]{1,24}?(?:高|低|多|少|快|慢)")
_CN_COUNT = "一二两三四五六七八九十"
_REAL_GROWTH = re.compile(r"不变价|可比价|实际增长")
_YEARS_SINCE = re.compile(rf"([{_CN_COUNT}\d]+)年(?:来|间|里|中)")
_DOUBLING = re.compile(rf"翻(?:了)?([{_CN_COUNT}\d]+)番(多|以上|有余)?")

TOTAL_WORDS = ("总量", "总额", "总计", "合计", "总数", "余额总量")
MEAN_WORDS = ("均值", "平均", "人均", "户均")
PROVINCE_ABBR = set("京津冀沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新港澳台晋蒙辽吉黑")


@dataclass
class Relation:
    """How a stated figure relates to its base figures (before arithmetic)."""

    kind: str                      # growth, multiple, cagr, share, ratio, difference, sum, average
    stated: Fact
    inputs: list[Fact] = field(default_factory=list)
    mode: str = ""                 # multiple: "growth" (B/A−1) or "ratio" (B/A); ratio: "gap", "gap_pct"
    years: int = 0                 # CAGR period length
    weights: list[int] = field(default_factory=list)  # sum: how many members each part stands for
    members: int = 0               # average of a table row: the member count n (均值 = 总量 / n)
    reason: str = ""               # why nothing could be compared (unverifiable)
    where: str = ""                # "sentence", "paragraph", "table"
    years_certain: bool = True     # CAGR: False when the period length is read off a period, not the levels' years


@dataclass
class Context:
    """A document's text, its sentences and facts, indexed for lookups."""

    text: str
    sentences: list[tuple[int, int]]
    facts: list[Fact]

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
        self.text_facts = sorted((f for f in self.facts if f.source_kind == "text"), key=lambda f: f.char_start)
        self.table_facts = [f for f in self.facts if f.source_kind == "table"]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        # no segmentation: fall back to 。！？ boundaries
        start = max(self.text.rfind(c, 0, pos) for c in "。！？\n") + 1
        ends = [e for e in (self.text.find(c, pos) for c in "。！？\n") if e != -1]
        return start, (min(ends) + 1 if ends else len(self.text))

    def facts_between(self, start: int, end: int) -> list[Fact]:
        return [f for f in self.text_facts if start <= f.char_start and f.char_end <= end]


def sentence_spans(sentences: list[Sentence]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences]


def _is_level(f: Fact) -> bool:
    return f.claim_type in LEVEL_TYPES and f.unit_normalized not in ("%", "pp", "times", "rank")


def _same_unit(a: Fact, b: Fact) -> bool:
    return a.unit_normalized == b.unit_normalized


def period_of(fact: Fact, sentence_text: str) -> tuple[int, int] | None:
    """The fact's period, or the first 2014—2022-style period in its sentence."""
    if fact.period_start and fact.period_end:
        return fact.period_start, fact.period_end
    m = _PERIOD.search(sentence_text)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def years_in_sentence(stated: Fact, sentence_text: str) -> tuple[int, int] | None:
    """(first, last) year: the fact's period, a 2014—2022 period, or the earliest and latest
    distinct years named in the sentence (由2018年的A增加到B with the fact's year later)."""
    found = period_of(stated, sentence_text)
    if found:
        return found
    years = {int(y) for y in _YEAR.findall(sentence_text)}
    if stated.period_end:
        years.add(stated.period_end)
    if stated.year:
        years.add(stated.year)
    return (min(years), max(years)) if len(years) >= 2 else None


def reading(ctx: Context, fact: Fact) -> str:
    """How the stated figure is to be read, from the words before and after it."""
    s0, _ = ctx.sentence_of(fact.char_start)
    before = ctx.text[max(s0, fact.char_start - 30):fact.char_start]
    after = ctx.text[fact.char_end:fact.char_end + 6]
    clause = re.split(r"[，。；,;：:（(]", before)[-1]
    unit = fact.unit_normalized
    if unit == "times" or fact.claim_type == "multiple" or "倍" in fact.unit:
        if "差距" in after:
            return "gap"
        if _TO_BEFORE.search(clause) or _RATIO_BEFORE.search(clause):
            return "ratio"
        if _GROWTH_BEFORE.search(clause) or fact.claim_type == "multiple":
            return "multiple_growth"
        return "ratio"
    if unit == "pp" or "百分点" in fact.unit:
        return "difference"
    if unit == "%":
        if fact.claim_type == "cagr" or "年均" in clause:
            return "cagr"
        if re.search(r"相差\s*$", clause) or (re.search(r"相差", clause) and fact.claim_type == "ratio"):
            return "gap_pct"
        if fact.claim_type == "share" or _SHARE_BEFORE.search(clause) or re.search(r"占[^，。；]*$", clause):
            return "share"
        if fact.claim_type == "growth_rate" or _GROWTH_BEFORE.search(clause) or _DOWN_BEFORE.search(clause):
            return "growth"
        return ""
    if fact.claim_type == "difference" or re.search(r"(?:高于|高出|多出|低于|少于|超出)[^，。；]{0,20}$", clause):
        return "difference"
    if _is_level(fact) and "其中" in ctx.text[fact.char_end:ctx.sentence_of(fact.char_start)[1]][:12]:
        return "sum"
    if _is_level(fact) and _SUM_AFTER.search(clause):
        return "sum_after"
    if fact.claim_type == "ratio" and re.search(r"比(?:值)?(?:为|是|达|达到)?\s*$", clause):
        return "pair_ratio"
    return ""


def _adjacent(ctx: Context, b: Fact, stated: Fact) -> bool:
    """B and the stated figure in one clause run: nothing but words (no ；。, no other figure) between."""
    gap = ctx.text[b.char_end:stated.char_start]
    if re.search(r"[；;。]", gap) or len(gap) > 24 or "其中" in gap:
        return False  # 其中: the rate is about a subset, not about the levels before it
    between = ctx.facts_between(b.char_end, stated.char_start)
    run = [f for f in between if f.claim_type not in LEVEL_TYPES]
    # 分别增长X倍、Y倍: earlier members of the same list do not break the run
    return not [f for f in between if f not in run] and ("分别" in gap or not run)


def _change_pair(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """The nearest 从A…到B pair of same-unit levels before the stated figure in its sentence."""
    before = [f for f in ctx.facts_between(s0, stated.char_start) if _is_level(f)]
    if not before or not _adjacent(ctx, before[-1], stated):
        return None
    return from_to_pair(ctx, s0, stated.char_start)


def from_to_pair(ctx: Context, s0: int, pos: int) -> tuple[Fact, Fact] | None:
    """从A增加到B / 比上年的A增加到B / B，比A…: the level pair before ``pos`` in its sentence."""
    before = [f for f in ctx.facts_between(s0, pos) if _is_level(f)]
    if not before:
        return None
    for i in range(len(before) - 1, 0, -1):
        b = before[i]
        for a in reversed(before[:i]):
            if not _same_unit(a, b):
                continue
            between = ctx.text[a.char_end:b.char_start]
            # 由2018年的A: the 从/由 may stand before a year phrase, within A's clause
            lead = re.split(r"[，。；,;]", ctx.text[max(s0, a.char_start - 12):a.char_start])[-1]
            if re.search(r"(?:到|至)", between) and len(between) <= 16 and (
                    _FROM_TO.search(lead) or re.search(r"(?:从|由|比)", lead)):
                return _in_time_order(ctx, a, b)
        # only the nearest B is a candidate: a farther pair belongs to another clause
        break
    # B，比A增长X / B，与20XX年的A相比: two levels of one measure in one clause run;
    # 同比/环比 name no stated figure, so they never pair two listed items
    clause = re.split(r"[，。；,;]", ctx.text[s0:pos])[-1]
    if re.search(r"(?<![同环])比", clause) and len(before) >= 2 and _same_unit(before[-1], before[-2]) \
            and not re.search(r"[；;。]", ctx.text[before[-2].char_end:pos]) \
            and _same_when_known(before[-2].indicator, before[-1].indicator):
        return _in_time_order(ctx, before[-2], before[-1])
    return None


_YEAR_RIGHT_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年(?:末|底|全年)?的?\s*$")


def year_of(ctx: Context, f: Fact) -> int | None:
    """The year written right before the figure (2013年的A), else the fact's own year."""
    m = _YEAR_RIGHT_BEFORE.search(ctx.text[max(0, f.char_start - 10):f.char_start])
    return int(m.group(1)) if m else f.year


def _in_time_order(ctx: Context, a: Fact, b: Fact) -> tuple[Fact, Fact]:
    """(earlier, later): 'B，与2013年的A相比' states the later level first."""
    ya, yb = year_of(ctx, a), year_of(ctx, b)
    if ya and yb and ya > yb:
        return b, a
    return a, b


def level_change(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact, bool] | None:
    """(level B, change D, down) for 'B，比上年增加/减少D，增长X%' right before the stated rate."""
    before = ctx.facts_between(s0, stated.char_start)
    changes = [f for f in before if f.claim_type == "change" and f.unit_normalized not in ("%", "pp", "‰")]
    if not changes:
        return None
    d = changes[-1]
    gap = ctx.text[d.char_end:stated.char_start]
    if ctx.facts_between(d.char_end, stated.char_start) or re.search(r"[；;。]", gap) or len(gap) > 12:
        return None
    levels = [f for f in before if _is_level(f) and f.char_end <= d.char_start and _same_unit(f, d)]
    if not levels:
        return None
    b = levels[-1]
    between = ctx.text[b.char_end:d.char_start]
    if (not re.search(r"比|较|同比", between) or len(between) > 16 or re.search(r"[；;。]", between)
            or ctx.facts_between(b.char_end, d.char_start)):
        return None
    down = d.direction == "down" or bool(_DOWN_BEFORE.search(between + ctx.text[d.char_start - 4:d.char_start]))
    return b, d, down


def previous_level(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(A, B): the rate's level B in its sentence and the same indicator's level a year
    earlier (or in the year named by 比20XX年) stated earlier in the paragraph."""
    levels = [f for f in ctx.facts_between(s0, stated.char_start) if _is_level(f)]
    if not levels or not _adjacent(ctx, levels[-1], stated):
        return None
    b = levels[-1]
    if b.year is None or not b.indicator:
        return None
    clause = ctx.text[b.char_end:stated.char_start]
    named = re.search(r"比((?:19|20)\d{2})年", clause)
    base_year = int(named.group(1)) if named else b.year - 1
    found = [f for f in ctx.facts_between(para_start, s0) if _is_level(f) and _same_unit(f, b)
             and f.indicator == b.indicator and f.subject == b.subject and f.year == base_year]
    return (found[-1], b) if len(found) == 1 else None


def _stated_level(ctx: Context, stated: Fact, s0: int) -> Fact | None:
    """The level a rate is about: 'B，比上年增长X%' — the level right before it in its clause run."""
    levels = [f for f in ctx.facts_between(s0, stated.char_start) if _is_level(f)]
    return levels[-1] if levels and _adjacent(ctx, levels[-1], stated) else None


def _same_value(a: Fact, b: Fact) -> bool:
    return abs(a.value_normalized - b.value_normalized) <= 1e-9 * max(1.0, abs(b.value_normalized))


def _paragraph_start(ctx: Context, s0: int, passage_span: tuple[int, int] | None) -> int:
    start = ctx.text.rfind("\n\n", 0, s0)
    start = 0 if start == -1 else start
    return min(start, passage_span[0]) if passage_span else start


def _levels_before(ctx: Context, stated: Fact, start: int) -> list[Fact]:
    return [f for f in ctx.facts_between(start, stated.char_start) if _is_level(f)]


def _mentions(text: str, name: str) -> bool:
    return bool(name) and name in text


def find_relation(ctx: Context, stated: Fact, passage_span: tuple[int, int] | None = None) -> Relation | None:
    """The relation of one stated figure to its bases, or None when it is not a derived figure."""
    read = reading(ctx, stated)
    if not read or _is_doubling(ctx, stated):
        return None  # 翻N番 (×2^N) is judged by doublings(), never as growth
    s0, s1 = ctx.sentence_of(stated.char_start)
    sent = ctx.text[s0:s1]

    if read in ("growth", "multiple_growth", "cagr"):
        pair = _change_pair(ctx, stated, s0)
        kind = {"growth": "growth", "multiple_growth": "multiple", "cagr": "cagr"}[read]
        if pair is None and kind == "growth":
            lc = level_change(ctx, stated, s0)
            pair = lc[:2] if lc else previous_level(ctx, stated, s0, _paragraph_start(ctx, s0, passage_span))
            if pair is not None and pair[0].unit_normalized.split("/")[0] in CURRENCY_CODES \
                    and _REAL_GROWTH.search(ctx.text):
                # money levels at current prices, growth at constant prices: not comparable
                return Relation("growth", stated, reason="the growth is at constant prices and the levels are at "
                                                         "current prices")
            if lc is not None:
                return Relation("growth", stated, inputs=[lc[0], lc[1]], mode="change_down" if lc[2] else "change_up",
                                where="sentence")
            after = None if pair is not None else change_after_rate(ctx, stated, s0)
            if after is not None:
                return Relation("growth", stated, inputs=list(after), mode="change_up", where="sentence")
            balance = None if pair is not None else table_balance_change(ctx, stated, s0)
            if balance is not None:
                return Relation("growth", stated, inputs=list(balance), mode="change_up", where="table")
        if pair is None:
            members = []
            if kind != "cagr" and re.search(r"平均(?:增长|增幅|增速)[^，。；]{0,3}$",
                                            ctx.text[max(s0, stated.char_start - 8):stated.char_start]):
                # 平均增长X: the mean over a group's rows first, never one row's growth;
                # the paragraph (blank-line block): a long one is cut into several passages
                start = max(0, ctx.text.rfind("\n\n", 0, s0))
                if passage_span:
                    start = min(start, passage_span[0])
                members = average_members(ctx, stated, start)
            tp = None if members else table_pair(ctx, stated, sent, s0)
            if tp is None and not members:
                years = growth_years(stated, sent) if kind == "growth" else years_in_sentence(stated, sent)
                level = _stated_level(ctx, stated, s0)
                tp = table_year_pair(ctx, stated, years, level.unit_normalized if level else "",
                                     clause=ctx.text[s0:stated.char_start]) if years else None
                if tp is not None and level is not None and not _same_value(tp[1], level):
                    tp = None  # the text's own level is not the table's cell: another measure (亿美元 vs 亿元)
                if tp is not None and kind == "growth" and tp[0].unit_normalized.split("/")[0] in CURRENCY_CODES \
                        and _REAL_GROWTH.search(ctx.text):
                    return Relation("growth", stated, reason="the growth is at constant prices and the table's "
                                                             "levels are at current prices")
            if tp is not None:
                pair, where = tp, "table"
            elif members:
                return Relation("average", stated, inputs=[f for r in members for f in (r.first, r.last)],
                                mode=kind, where="table")
            else:
                return Relation(kind, stated, mode="growth" if kind == "multiple" else "",
                                reason="the base figures (start and end values) are not stated in the sentence "
                                       "or in a table of the document", where="")
        else:
            where = "sentence"
        rel = Relation(kind, stated, inputs=list(pair), where=where,
                       mode="growth" if kind == "multiple" else "")
        if kind == "cagr":
            period = period_of(stated, sent)
            since = _YEARS_SINCE.search(sent[:stated.char_start - s0])
            if period is None:
                period = years_in_sentence(stated, sent)
            a_year, b_year = pair[0].year, pair[1].year
            if a_year and b_year and b_year > a_year:
                # the levels' own years decide (由2015年的A增加到2020年的B: 5 steps, although a
                # five-year plan period is written 2016—2020)
                rel.years = b_year - a_year
            elif period is not None:
                rel.years = period[1] - period[0]
                rel.years_certain = False
            elif since is not None:  # 五年来…年均增长: five annual steps
                rel.years = _count(since.group(1))
                rel.years_certain = False
            if not rel.years:
                rel.reason = "the period of the average annual growth is not stated"
                rel.inputs = []
        return rel

    if read == "ratio":
        m = _RATIO_BEFORE.search(ctx.text[max(s0, stated.char_start - 30):stated.char_start])
        referent = (m.group(1) if m else "").strip()
        levels = _levels_before(ctx, stated, s0)
        if len(levels) >= 2:
            b = levels[-1]
            for a in reversed(levels[:-1]):
                if _same_unit(a, b) and (not referent or _mentions(ctx.text[s0:a.char_end], referent)
                                         or _mentions(a.subject, referent)):
                    return Relation("multiple", stated, inputs=[a, b], mode="ratio", where="sentence")
        pair = _table_ratio_pair(ctx, stated, ctx.text[s0:stated.char_start], referent)
        if pair is not None:
            return Relation("multiple", stated, inputs=list(pair), mode="ratio", where="table")
        para = _paragraph_start(ctx, s0, passage_span)
        prev_para = ctx.text.rfind("\n\n", 0, max(0, para - 1))
        pair = paragraph_ratio_pair(ctx, stated, referent, max(0, prev_para))
        if pair is not None:
            return Relation("multiple", stated, inputs=list(pair), mode="ratio", where="paragraph")
        return Relation("multiple", stated, mode="ratio",
                        reason=f"the figures compared ({referent or 'the reference'} and the subject) "
                               "are not both stated in the sentence")

    if read in ("gap", "gap_pct"):
        levels = _levels_before(ctx, stated, s0)
        if len(levels) >= 2 and _same_unit(levels[-1], levels[-2]):
            return Relation("ratio", stated, inputs=[levels[-2], levels[-1]], mode=read, where="sentence")
        return Relation("ratio", stated, mode=read, reason="the two figures compared are not both stated in the sentence")

    if read == "share":
        before = ctx.text[s0:stated.char_start]
        zhan = before.rfind("占")
        if zhan >= 0:  # 占全国X万辆的Y%: the whole is stated inside 占…的
            inside = [f for f in ctx.facts_between(s0 + zhan, stated.char_start) if _is_level(f)]
            outside = [f for f in ctx.facts_between(s0, s0 + zhan) if _is_level(f)]
            if inside and outside and _same_unit(inside[-1], outside[-1]) \
                    and inside[-1].value_normalized >= outside[-1].value_normalized:
                return Relation("share", stated, inputs=[outside[-1], inside[-1]], where="sentence")
            if inside and not outside:  # X占全国（W）的Y%: X's level stated in an earlier sentence
                part = named_earlier_level(ctx, stated, inside[-1], before[:zhan], s0)
                if part is not None:
                    return Relation("share", stated, inputs=[part, inside[-1]], where="paragraph")
        # the part and the whole within the share's own clause run: a ；-ended list item before
        # is another figure (景区A 86.2万人次；景区B 45.8万人次；消费额占…的比重)
        listed = _list_after(ctx, s0, s1, stated)
        own = listed_share(ctx, stated, s0, listed) if len(listed) >= 2 else None
        if own is not None:  # 分别为a、b和c，占比分别为x%、y%和z%: each share over its own part
            return own
        # a share of a 分别 list never takes its part and whole from the levels before it
        levels = [] if len(listed) >= 2 else _levels_before(ctx, stated, _run_start(ctx, s0, stated.char_start))
        if levels:
            part = levels[-1]
            for whole in reversed(levels[:-1]):
                # two members of one list (A、B和C) are siblings, never a part and its whole
                if _same_unit(whole, part) and whole.value_normalized > part.value_normalized \
                        and not _one_list(ctx, whole, part):
                    return Relation("share", stated, inputs=[part, whole], where="sentence")
        pair = (paragraph_share(ctx, stated, s0, _paragraph_start(ctx, s0, passage_span))
                or earlier_share(ctx, stated, s0)
                or group_share(ctx, stated, s0, _paragraph_start(ctx, s0, passage_span)))
        if pair is not None:
            return Relation("share", stated, inputs=list(pair), where="paragraph")
        return Relation("share", stated, reason="the part and the whole are not both stated in the sentence")

    if read == "difference":
        clause = re.split(r"[，。；,;]", ctx.text[s0:stated.char_start])[-1]
        if _PRIOR.search(clause):
            return Relation("difference", stated, reason="it compares with an earlier period's value, "
                                                        "which is not stated")
        if stated.unit_normalized == "pp":
            return _pp_difference(ctx, stated, s0)
        same = [f for f in ctx.facts_between(s0, stated.char_start)
                if f.claim_type not in ("difference", "change") and _same_unit(f, stated) and _is_level(f)]
        # both terms before the difference, with no other figure or 其中 (a subset's clause) after them
        if len(same) >= 2 and not ctx.facts_between(same[-1].char_end, stated.char_start) \
                and "其中" not in ctx.text[same[-1].char_end:stated.char_start]:
            return Relation("difference", stated, inputs=[same[-2], same[-1]], where="sentence")
        return Relation("difference", stated, reason="the two figures whose difference is stated are not both in the sentence")

    if read == "pair_ratio":
        pair = paired_ratio(ctx, stated, s0, _paragraph_start(ctx, s0, passage_span))
        if pair is not None:
            return Relation("ratio", stated, inputs=list(pair), mode="pair", where="paragraph")
        return Relation("ratio", stated, mode="pair", reason="the two figures of the ratio are not both stated "
                                                             "in the paragraph")

    if read == "sum_after":
        parts = listed_parts_before(ctx, stated, s0)
        if parts:
            return Relation("sum", stated, inputs=parts, weights=[1] * len(parts), where="sentence")
        return None

    if read == "sum":
        rest = ctx.facts_between(stated.char_end, s1)
        parts, weights = [], []
        prev_end = stated.char_end
        for f in rest:
            if not _same_unit(f, stated) or not _is_level(f):
                break
            # a member list is one clause run: after ；/。 or a second 其中 comes a subset, not a member
            gap = ctx.text[prev_end:f.char_start]
            if parts and (re.search(r"[；;。]", gap) or "其中" in gap):
                break
            parts.append(f)
            prev_end = f.char_end
            weights.append(_each_count(ctx.text[max(s0, f.char_start - 12):f.char_start]))
        if len(parts) >= 2 or (parts and weights[0] > 1):
            return Relation("sum", stated, inputs=parts, weights=weights, where="sentence")
        return None
    return None


def _is_doubling(ctx: Context, stated: Fact) -> bool:
    """The figure is the N of 翻N番."""
    window_start = max(0, stated.char_start - 3)
    return any(m.start() + window_start <= stated.char_start < m.end() + window_start
               or window_start + m.start() < stated.char_end <= window_start + m.end()
               for m in _DOUBLING.finditer(ctx.text[window_start:stated.char_end + 3]))


def _run_start(ctx: Context, s0: int, pos: int) -> int:
    """Start of the ；-delimited clause run holding ``pos`` in the sentence starting at ``s0``."""
    cut = max(ctx.text.rfind(c, s0, pos) for c in "；;")
    return s0 if cut == -1 else cut + 1


def listed_parts_before(ctx: Context, stated: Fact, s0: int) -> list[Fact]:
    """The parts of '分别为A、B和C，合计N': the run of same-unit levels right before the total in its
    sentence, joined only by list separators (、 和 与 及); at least two, else []."""
    before = [f for f in ctx.facts_between(s0, stated.char_start)]
    if not before or not _is_level(before[-1]) or not _same_unit(before[-1], stated):
        return []
    gap = ctx.text[before[-1].char_end:stated.char_start]
    if len(gap) > 8 or re.search(r"[；;。]", gap):
        return []
    run = [before[-1]]
    for f in reversed(before[:-1]):
        if not _is_level(f) or not _same_unit(f, stated) or not _LIST_GAP.match(ctx.text[f.char_end:run[0].char_start]):
            break
        run.insert(0, f)
    return run if len(run) >= 2 else []


def _one_list(ctx: Context, a: Fact, b: Fact) -> bool:
    """a and b are members of one 'A、B和C' list: only levels and list separators between them."""
    pos = a.char_end
    for f in ctx.facts_between(a.char_end, b.char_start) + [b]:
        if not _LIST_GAP.match(ctx.text[pos:f.char_start]):
            return False
        pos = f.char_end
    return True


def listed_share(ctx: Context, stated: Fact, s0: int, shares: list[Fact]) -> Relation | None:
    """'A、B和C分别为a、b和c，占比分别为x%、y%和z%': the share at index i is part i of the level
    list of as many members right before the shares in the sentence; when no whole is named and
    the shares add up to 100 % (within rounding), the parts are the whole's parts and the whole is
    their sum. None otherwise (a whole not stated is never borrowed from nearby figures)."""
    named = _share_clause(ctx, s0, shares[0].char_start)
    if named is not None and named[1] and named[1] != "比":  # 占比 names no whole
        return None  # 占Y的: Y is a named whole, stated elsewhere (paragraph_share)
    run: list[Fact] = []
    for f in reversed([f for f in ctx.facts_between(s0, shares[0].char_start) if f.unit_normalized != "%"]):
        if not _is_level(f) or (run and not (_same_unit(f, run[0]) and _one_list(ctx, f, run[0]))):
            break
        run.insert(0, f)
    if len(run) != len(shares):
        return None
    total = rc.recompute_sum([rc.stated_interval(f.value_text or str(f.value), f.qualifier, f.value) for f in shares])
    if not rc.overlaps(total, rc.exact(100.0)):
        return None
    i = shares.index(stated)
    return Relation("share", stated, inputs=[run[i]] + [f for f in run if f is not run[i]], mode="of_sum",
                    where="sentence")


def _pp_difference(ctx: Context, stated: Fact, s0: int) -> Relation:
    """X个百分点 between two stated rates of the same measure that the sentence compares."""
    rates = [f for f in ctx.facts_between(s0, stated.char_start)
             if f.unit_normalized == "%" and f.claim_type not in ("difference", "change")]
    if len(rates) < 2:
        return Relation("difference", stated, reason="the two rates whose difference is stated are not both "
                                                     "in the sentence")
    a, b = rates[-2], rates[-1]
    if a.claim_type != b.claim_type:
        return Relation("difference", stated, reason=f"a {a.claim_type} and a {b.claim_type} are different "
                                                     "measures, so their difference is not the stated one")
    if not _COMPARE.search(ctx.text[a.char_end:stated.char_start]):
        return Relation("difference", stated, reason="the sentence does not compare the two rates it states")
    return Relation("difference", stated, inputs=[a, b], where="sentence")


def _count(text: str) -> int:
    """三 → 3, 12 → 12; 0 when not a count."""
    try:
        return int(text) if text.isdigit() else parse_chinese_integer(text)
    except KbError:
        return 0


_COUNT_PREFIX = re.compile(rf"^(?:其中|全年|全部|所有|各)?(?:([{_CN_COUNT}\d]+)(?:次|大|类|个|项|种|家)?)?")


def _share_clause(ctx: Context, s0: int, pos: int) -> tuple[str, str, int] | None:
    """(parts' name, whole's name, member count or 0) of 'X占Y的比重(分别)为' before ``pos``."""
    clause = re.split(r"[，。；,;：:]", ctx.text[s0:pos])[-1]
    if "占" not in clause:
        return None
    x, rest = clause.split("占", 1)
    y = re.split(r"的|比重|比例|份额|分别|总量|总额", rest)[0].strip()
    m = _COUNT_PREFIX.match(x.strip())
    n = _count(m.group(1)) if m and m.group(1) else 0
    return x.strip()[m.end():].strip() if m else x.strip(), y, n


def _list_after(ctx: Context, s0: int, s1: int, stated: Fact) -> list[Fact]:
    """The % figures of the 分别 list the stated figure belongs to."""
    i = ctx.text.rfind("分别", s0, stated.char_start)
    if i == -1:
        return []
    run = []
    for f in ctx.facts_between(i, s1):
        if f.unit_normalized != "%":
            break
        run.append(f)
    return run if stated in run else []


def paragraph_share(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(part, whole) for 'X占Y的比重(分别)为…' whose levels were stated earlier in the paragraph:
    the whole is the level whose indicator is Y; the parts are the levels whose indicator is X
    (or, for a 分别 list, the levels whose indicators contain X's head, one per listed share)."""
    named = _share_clause(ctx, s0, stated.char_start)
    if named is None:
        return None
    x, y, _ = named
    earlier = [f for f in ctx.facts_between(para_start, s0) if _is_level(f)]
    wholes = [f for f in earlier if f.indicator == y and (not stated.subject or f.subject == stated.subject)]
    if len(wholes) != 1 or not x:
        return None
    whole = wholes[0]
    same = [f for f in earlier if _same_unit(f, whole) and f is not whole and f.indicator != y]
    listed = _list_after(ctx, s0, ctx.sentence_of(stated.char_start)[1], stated)
    if len(listed) >= 2:
        parts = [f for f in same if x in f.indicator and f.indicator != x]
        if len({f.indicator for f in parts}) != len(parts) or len(parts) != len(listed):
            return None  # the parts named are not exactly one level each: do not guess
        part = parts[listed.index(stated)]
    else:
        parts = [f for f in same if f.indicator == x]
        if len(parts) != 1:
            return None
        part = parts[0]
    return (part, whole) if part.value_normalized <= whole.value_normalized else None


def share_lists(ctx: Context) -> list[tuple[int, int, list[Fact]]]:
    """(sentence start, end, shares) for '三次产业…占…比重分别为a%、b%和c%': a list of shares
    of one whole whose count word (三次/两类/四大) says the listed parts are all its parts."""
    out = []
    for m in re.finditer("分别", ctx.text):
        i = m.start()
        s0, s1 = ctx.sentence_of(i)
        if ctx.text.find("分别", s0, s1) != i:
            continue  # one list per sentence: its first 分别
        named = _share_clause(ctx, s0, i)
        if named is None or named[2] < 2:
            continue
        run = []
        for f in ctx.facts_between(i, s1):
            if f.unit_normalized != "%":
                break
            run.append(f)
        if len(run) == named[2]:
            out.append((s0, s1, run))
    return out


def doublings(ctx: Context) -> list[tuple[int, int, float, str, tuple[Fact, Fact] | None]]:
    """(start, end, factor, qualifier, (A, B) or None) for each 翻一番 (×2) / 翻两番 (×4)."""
    out = []
    for m in _DOUBLING.finditer(ctx.text):
        n = _count(m.group(1))
        if not 1 <= n <= 10:
            continue
        s0, _ = ctx.sentence_of(m.start())
        out.append((m.start(), m.end(), float(2 ** n), m.group(2) or "", from_to_pair(ctx, s0, m.start())))
    return out


def _each_count(before: str) -> int:
    """京津各拥有1个 → 2: how many members a figure after 各 stands for."""
    m = re.search(r"([^，。；,;]{1,16}?)各(?:自|有|拥有|为|是)?\s*$", before)
    if not m:
        return 1
    names = m.group(1)
    names = re.sub(r"^.*?(?:其中|中|的|而)", "", names)
    if re.search(r"[、和与及]", names):
        return len([n for n in re.split(r"[、和与及]", names) if n])
    if 2 <= len(names) <= 4 and all(c in PROVINCE_ABBR for c in names):
        return len(names)
    return 1


# --- text ↔ table -------------------------------------------------------------

_UNIT_PAREN = re.compile(r"[（(][^）)]*[）)]")
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d{2}年?$")


def _tokens(label: str) -> list[str]:
    label = _UNIT_PAREN.sub(" ", label)
    return [t for t in re.split(r"[\s/|·]+", label) if t and not _YEAR_TOKEN.match(t)]


def _bigram_cover(name: str, text: str) -> float:
    """Share of the name's character bigrams found in the text (技术交易成交金额 vs 成交总额)."""
    grams = [name[i:i + 2] for i in range(len(name) - 1)] or [name]
    return sum(g in text for g in grams) / len(grams)


def _row_words(label: str) -> tuple[list[str], list[str]]:
    """(names, measure words) of a row label: 京津冀 总量 → (["京津冀"], ["total"])."""
    names, measures = [], []
    for t in _tokens(label):
        if any(w in t for w in MEAN_WORDS):
            measures.append("mean")
        elif any(w in t for w in TOTAL_WORDS):
            measures.append("total")
        else:
            names.append(t)
    return names, measures


def _measure_mentions(text: str) -> list[tuple[int, str]]:
    found = []
    for words, tag in ((MEAN_WORDS, "mean"), (TOTAL_WORDS, "total")):
        for w in words:
            found += [(m.start(), tag) for m in re.finditer(w, text)]
    found.sort()
    out: list[tuple[int, str]] = []
    for pos, tag in found:  # drop overlaps (余额总量 vs 总量)
        if not out or pos >= out[-1][0] + 2:
            out.append((pos, tag))
    return out


def _name_match(name: str, text: str) -> bool:
    """A row name found in a text: whole, or its first word (大湾区 九市 → 大湾区)."""
    if name in text:
        return True
    head = re.split(r"[\s]", name)[0]
    return (len(head) >= 2 and head in text) or (len(name) >= 3 and name[:3] in text)


def _indicator_cover(key: tuple, window: str) -> float:
    parts = [re.sub("|".join(MEAN_WORDS + TOTAL_WORDS), "", t) for t in _tokens(key[2])]
    return max((_bigram_cover(t, window) for t in parts if t), default=0.0)


def _find_name(name: str, text: str) -> int:
    """Position of a row name in a text (whole, or its first three characters), −1 if absent."""
    i = text.find(name)
    if i == -1 and len(name) >= 3:
        i = text.find(name[:3])
    return i


def _respectively_index(ctx: Context, stated: Fact, s0: int) -> tuple[int, str]:
    """(k, text before 分别) when the stated figure is the k-th of a 分别 list, else (-1, "")."""
    before = ctx.text[s0:stated.char_start]
    i = before.rfind("分别")
    if i == -1:
        return -1, ""
    start = s0 + i
    run = [f for f in ctx.facts_between(start, stated.char_end) if f.claim_type not in LEVEL_TYPES or f is stated]
    ks = [j for j, f in enumerate(run) if f.fact_id == stated.fact_id]
    return (ks[0] if ks else -1), ctx.text[s0:start]


def table_pair(ctx: Context, stated: Fact, sent: str, s0: int) -> tuple[Fact, Fact] | None:
    """The two table cells (first and last year of the stated period) a growth is computed from."""
    period = period_of(stated, sent)
    if period is None or not ctx.table_facts:
        return None
    y0, y1 = period
    cells: dict[tuple, dict[int, Fact]] = {}
    for f in ctx.table_facts:
        if f.year in (y0, y1):
            key = (f.table_id, f.subject, "/".join(_tokens(f.indicator)), f.unit_normalized)
            cells.setdefault(key, {})[f.year] = f
    pairs = {k: v for k, v in cells.items() if y0 in v and y1 in v}
    if not pairs:
        return None
    window = ctx.text[s0:stated.char_start]
    # only rows of a table whose column (indicator) the sentence names
    pairs = {key: v for key, v in pairs.items() if _indicator_cover(key, window) >= 0.6}
    if not pairs:
        return None
    k, before_resp = _respectively_index(ctx, stated, s0)
    # the row measure (总量/均值) the sentence points at
    local = window[-40:]
    wanted_measure = ""
    mentions = _measure_mentions(re.split(r"[；;]", before_resp)[-1][-40:] if k >= 0 else local)
    if k >= 0 and len(mentions) >= 2 and k < len(mentions):
        wanted_measure = mentions[k][1]
    elif mentions:
        wanted_measure = mentions[-1][1]
    # the row name: the fact's subject, a 分别 list, or the sentence's first row name
    row_names = sorted({n for key in pairs for n in _row_words(key[1])[0]})
    wanted_name = ""
    if stated.subject and any(_name_match(n, stated.subject) or n in stated.subject for n in row_names):
        wanted_name = stated.subject
    else:
        listed = sorted((_find_name(n, window), n) for n in row_names if _find_name(n, window) >= 0)
        if k >= 0:
            piece = re.split(r"[；;]", before_resp)[-1]
            listed_resp = sorted((_find_name(n, piece), n) for n in row_names if _find_name(n, piece) >= 0)
            if len(listed_resp) >= 2 and k < len(listed_resp):
                wanted_name = listed_resp[k][1]
        if not wanted_name and listed:
            wanted_name = listed[0][1]
    if not wanted_name:
        return None
    # the indicator is named closest to the figure: after the previous figure, else in the sentence
    prev = [f for f in ctx.facts_between(s0, stated.char_start) if f.claim_type in LEVEL_TYPES]
    local_start = prev[-1].char_end if prev else s0
    return (_best_pair(pairs, ctx.text[local_start:stated.char_start], wanted_name, wanted_measure, y0, y1)
            or _best_pair(pairs, window, wanted_name, wanted_measure, y0, y1))


def _best_pair(pairs: dict, window: str, wanted_name: str, wanted_measure: str,
               y0: int, y1: int) -> tuple[Fact, Fact] | None:
    best, best_score = None, (0.0, -1)
    for key, by_year in pairs.items():
        names, measures = _row_words(key[1])
        ind_names, ind_measures = _row_words(key[2])
        if not any(_name_match(n, wanted_name) or _name_match(wanted_name, n) for n in names + ind_names):
            continue
        measure = (measures + ind_measures)[:1]
        if measure and wanted_measure and measure[0] != wanted_measure:
            continue
        if measure and not wanted_measure and measure[0] == "mean":
            continue  # an unqualified figure is about the total, never the average
        indicator_parts = [re.sub("|".join(MEAN_WORDS + TOTAL_WORDS), "", t) for t in _tokens(key[2])]
        scored = [(_bigram_cover(t, window), window.rfind(t[:2])) for t in indicator_parts
                  if t and not _name_match(t, wanted_name)]
        score = max(scored, default=(0.0, -1))  # (cover, nearest mention) : the closest column wins ties
        if score[0] >= 0.6 and score > best_score:
            best, best_score = (by_year[y0], by_year[y1]), score
        elif score[0] >= 0.6 and score == best_score:
            best = None  # two equally good cells: do not guess
    return best


# --- claims about a set of table rows (均超平均水平, 平均增长X倍) ------------------

_SET_ABOVE = re.compile(r"均(?:超|超过|高于|超出)(?:了)?(?:区域|地区|全国|整体)?(?:平均水平|平均值|均值|平均)")


@dataclass
class RowGrowth:
    """One table row's values at the period's first and last year."""

    name: str
    group: str
    first: Fact
    last: Fact

    @property
    def ratio(self) -> float:
        return self.last.value_normalized / self.first.value_normalized


def _group_of(f: Fact) -> str:
    """The side-by-side group of a table cell, from its quote (caption｜group row｜column)."""
    parts = f.quote.split("｜")
    label = parts[1] if len(parts) >= 3 else ""
    return label.replace(f.subject, "").strip()


def row_growths(ctx: Context, sent: str, y0: int, y1: int) -> list[RowGrowth]:
    """Rows of the table whose column the sentence names, with both years' cells."""
    cells: dict[tuple, dict[int, Fact]] = {}
    for f in ctx.table_facts:
        if f.year in (y0, y1) and f.value_normalized > 0:
            cells.setdefault((f.table_id, f.subject, "/".join(_tokens(f.indicator))), {})[f.year] = f
    out = []
    for key, by_year in cells.items():
        if y0 in by_year and y1 in by_year and _indicator_cover(key + (None,), sent) >= 0.6:
            if _row_words(key[1])[1]:
                continue  # 总量/均值 rows are statistics, not members
            out.append(RowGrowth(key[1], _group_of(by_year[y0]), by_year[y0], by_year[y1]))
    tables = {r.first.table_id for r in out}
    return out if len(tables) == 1 else []


def set_claims(ctx: Context) -> list[tuple[int, int, list[RowGrowth], list[RowGrowth]]]:
    """(start, end, named members, all rows of their group) for each 'X、Y均超平均水平' over a table."""
    found = []
    for m in _SET_ABOVE.finditer(ctx.text):
        s0, s1 = ctx.sentence_of(m.start())
        sent = ctx.text[s0:s1]
        period = _PERIOD.search(sent) or _PERIOD.search(ctx.text[max(0, s0 - 600):s0])
        if not period:
            continue
        rows = row_growths(ctx, ctx.text[s0:m.start()], int(period.group(1)), int(period.group(2)))
        clause = re.split(r"[；;]", ctx.text[s0:m.start()])[-1]
        named = [r for r in rows if r.name in clause]
        if len(named) < 2:
            continue
        groups = {r.group for r in named}
        members = [r for r in rows if r.group in groups]
        found.append((m.start(), m.end(), named, members))
    return found


def average_members(ctx: Context, stated: Fact, passage_start: int) -> list[RowGrowth]:
    """Rows a '平均增长X倍' is averaged over: the group named in the sentence, minus the
    rows already discussed before it when the sentence says 腹地/其余/其他 (the rest)."""
    s0, _ = ctx.sentence_of(stated.char_start)
    sent = ctx.text[s0:stated.char_start]
    period = period_of(stated, sent) or period_of(stated, ctx.text[passage_start:stated.char_start])
    if period is None:
        return []
    rows = row_growths(ctx, ctx.text[passage_start:stated.char_start], *period)
    clause = re.split(r"[；;]", sent)[-1]
    groups = {r.group for r in rows if r.group and _find_name(r.group, clause) >= 0}
    if len(groups) != 1:
        return []
    members = [r for r in rows if r.group in groups]
    if re.search(r"腹地|其余|其他", clause):  # the rest: drop rows discussed before this clause
        earlier = ctx.text[passage_start:stated.char_start - len(clause)]
        members = [r for r in members if r.name not in earlier]
    return members if len(members) >= 2 else []


# --- 总量 / 均值 rows of a table ------------------------------------------------

_MEASURE = re.compile(r"总量|总额|总计|合计|总数|均值|平均值|平均")


def _strip_measure(label: str) -> str:
    """The label without its 总量/均值 word (存贷款余额总量 → 存贷款余额)."""
    return _MEASURE.sub("", label).strip()


def table_averages(ctx: Context) -> list[tuple[int, list[tuple[Fact, Fact]]]]:
    """(n, [(total, mean), …]) per table row pair whose 总量/均值 ratio is one whole member count n
    in most columns: each 均值 cell is then checkable as 总量 / n."""
    from kb import recompute as rc  # local: relations stays free of arithmetic otherwise

    cells: dict[tuple, dict[str, Fact]] = {}
    for f in ctx.table_facts:
        _, m_subject = _row_words(f.subject)
        _, m_indicator = _row_words(f.indicator)
        measure = (m_subject + m_indicator)[:1]
        if not measure or any(w in f.subject + f.indicator for w in ("人均", "户均")):
            continue  # per-capita figures divide by a population, not by the members
        key = (f.table_id, _strip_measure(f.subject), _strip_measure(f.indicator), f.year, f.unit_normalized)
        cells.setdefault(key, {})[measure[0]] = f
    rows: dict[tuple, list[tuple[Fact, Fact]]] = {}
    for key, by in cells.items():
        if "total" in by and "mean" in by and by["mean"].value_normalized > 0:
            rows.setdefault(key[:2], []).append((by["total"], by["mean"]))
    out = []
    for pairs in rows.values():
        ratios = sorted(p[0].value_normalized / p[1].value_normalized for p in pairs)
        n = round(ratios[len(ratios) // 2])
        if n < 2 or len(pairs) < 2:
            continue
        def fits(p: tuple[Fact, Fact]) -> bool:
            t, m = (rc.stated_interval(f.value_text or str(f.value), f.qualifier, value=f.value) for f in p)
            t = rc.Interval(t.value * p[0].scale, t.low * p[0].scale, t.high * p[0].scale)
            m = rc.Interval(m.value * p[1].scale, m.low * p[1].scale, m.high * p[1].scale)
            return m.low > 0 and t.low / m.high - 1e-9 <= n <= t.high / m.low + 1e-9
        support = sum(fits(p) for p in pairs)
        if support >= 2 and 2 * support > len(pairs):
            out.append((n, pairs))
    return out


# --- paired abbreviations (城乡收入比) and named member groups (三省一市) ---------

# standard statistical pairs: 城乡 = 城镇/城市 (first) over 农村/乡村 (second)
PAIRED_ABBREVIATIONS = {"城乡": (("城镇", "城市"), ("农村", "乡村"))}


def _after_head(indicator: str, heads: tuple[str, ...]) -> str | None:
    return next((indicator[len(h):] for h in heads if indicator.startswith(h)), None)


def paired_ratio(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(first, second) levels of '城乡居民收入比为R': 城镇…收入 and 农村…收入 stated earlier in the paragraph."""
    clause = re.split(r"[，。；,;]", ctx.text[s0:stated.char_start])[-1]
    for abbr, (firsts, seconds) in PAIRED_ABBREVIATIONS.items():
        i = clause.find(abbr)
        j = clause.rfind("比")
        if i == -1 or j <= i:
            continue
        core = clause[i + len(abbr):j]
        earlier = [f for f in ctx.facts_between(para_start, s0) if _is_level(f)]
        pairs = [(a, b) for a in earlier for b in earlier
                 if (ra := _after_head(a.indicator, firsts)) is not None and ra == _after_head(b.indicator, seconds)
                 and _same_unit(a, b) and a.subject == b.subject and _bigram_cover(core, ra) >= 0.6]
        if pairs:
            return max(pairs, key=lambda p: p[1].char_start)
    return None


_GROUP = re.compile(rf"([{_CN_COUNT}])省([{_CN_COUNT}])市|([{_CN_COUNT}\d]+)(?:个)?(?:省份|省|城市|地市|市|地)(?![场区])")


def group_size(text: str) -> int:
    """三省一市 → 4, 京津冀三地 → 3, 9个城市 → 9; 0 when no member count is named."""
    m = _GROUP.search(text)
    if not m:
        return 0
    if m.group(1):
        return _count(m.group(1)) + _count(m.group(2))
    return _count(m.group(3))


def group_members(ctx: Context, total: Fact) -> list[Fact] | None:
    """The members of a total over a named group (三省一市产量512.6万辆 … 安徽产量192.2万辆, 上海…):
    exactly n same-unit levels of the same indicator with n distinct subjects after it, in its
    paragraph or the next one; None when they are not exactly the group's n members."""
    # the group is named in the total's own clause (an indicator may be inherited from a neighbour)
    n = group_size(re.split(r"[，。；,;]", ctx.text[ctx.sentence_of(total.char_start)[0]:total.char_start])[-1])
    if n < 2 or not _is_level(total):
        return None
    first_break = ctx.text.find("\n\n", total.char_end)
    second_break = ctx.text.find("\n\n", first_break + 2) if first_break != -1 else -1
    end = second_break if second_break != -1 else len(ctx.text)
    # members follow the total's sentence (its own sentence compares it with other wholes)
    members = [f for f in ctx.facts_between(ctx.sentence_of(total.char_start)[1], end)
               if _is_level(f) and _same_unit(f, total) and f.indicator and total.indicator.endswith(f.indicator)
               and f.subject and f.subject != total.subject and f.year == total.year]
    if len(members) != n or len({f.subject for f in members}) != n:
        return None
    return members


# --- text ↔ table by row label and year columns (比上年增长X%, 是2015年的X倍) ---------

_GROWTH_HEADER_SKIP = re.compile(r"年均|累计|平均|两年|三年|五年")
_LABEL_MATCH = 0.85


def _label(f: Fact) -> str:
    return re.sub(r"\s", "", _UNIT_PAREN.sub("", f"{f.subject}{f.indicator}"))


_MODIFIERS = re.compile(r"全年|总量|总")


def table_cell(ctx: Context, subject: str, indicator: str, year: int, unit: str = "",
               table_id: str = "", clause: str = "") -> Fact | None:
    """The table level cell of ``subject`` + ``indicator`` in ``year``: the row label (subject and
    indicator of the cell) and the text's label must cover each other's bigrams; None when no
    cell or two cells match equally well (never guess)."""
    want = re.sub(r"\s", "", f"{subject}{indicator}")
    if not indicator or year is None:
        return None
    scored = []
    for f in ctx.table_facts:
        if f.year != year or not _is_level(f) or (unit and f.unit_normalized != unit):
            continue
        if table_id and f.table_id != table_id:
            continue
        label = _label(f)
        score = min(_bigram_cover(label, want), _bigram_cover(re.sub(r"\s", "", indicator), label))
        if score >= _LABEL_MATCH:
            scored.append((score, f))
    if not scored and clause:
        # the text shortens the row label (规模以上工业企业实现利润总额 → 利润总额): the label is
        # then spelled out in the figure's clause, and the indicator is part of the label
        flat = re.sub(r"\s", "", clause)
        ind = re.sub(r"\s", "", indicator)
        for f in ctx.table_facts:
            if f.year != year or not _is_level(f) or (unit and f.unit_normalized != unit) \
                    or (table_id and f.table_id != table_id):
                continue
            if subject and f.subject and subject != f.subject and f.subject not in flat:
                continue
            # the row's own label (a 全国 subject column of a national table is not written out)
            label = re.sub(r"\s", "", _UNIT_PAREN.sub("", f.indicator))
            if _bigram_cover(ind, label) == 1.0 and _bigram_cover(label, flat) >= _LABEL_MATCH:
                scored.append((_bigram_cover(label, flat), f))
    if not scored:
        # 粮食总产量 / 全年粮食产量 vs a 粮食产量 row: 总, 总量 and 全年 only qualify the measure
        bare = _MODIFIERS.sub("", want)
        for f in ctx.table_facts:
            if f.year != year or not _is_level(f) or (unit and f.unit_normalized != unit) \
                    or (table_id and f.table_id != table_id):
                continue
            label = _MODIFIERS.sub("", _label(f))
            if len(label) >= 2 and label == bare:
                scored.append((1.0, f))
    if not scored:
        return None
    top = max(s for s, _ in scored)
    best = [f for s, f in scored if s == top]
    return best[0] if len({(f.table_id, f.value_normalized) for f in best}) == 1 else None


def table_year_pair(ctx: Context, stated: Fact, years: tuple[int, int], unit: str = "",
                    clause: str = "") -> tuple[Fact, Fact] | None:
    """(first-year cell, last-year cell) of the stated figure's row in one table."""
    y0, y1 = years
    b = table_cell(ctx, stated.subject, stated.indicator, y1, unit, clause=clause)
    if b is None:
        return None
    a = table_cell(ctx, stated.subject, stated.indicator, y0, b.unit_normalized, b.table_id, clause=clause)
    return (a, b) if a is not None and _label(a) == _label(b) else None


def growth_years(stated: Fact, sentence_text: str) -> tuple[int, int] | None:
    """The years a growth compares: its period, or (year − 1, year) for a one-year growth."""
    period = period_of(stated, sentence_text)
    if period:
        return period
    return (stated.year - 1, stated.year) if stated.year else None


def ratio_years(stated: Fact, clause: str, referent: str) -> tuple[int, int] | None:
    """是2015年的X倍: (the referent year, the other year of the clause or of the fact)."""
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*年?\s*", referent)
    if not m:
        return None
    base = int(m.group(1))
    others = [int(y) for y in _YEAR.findall(clause) if int(y) != base]
    others += [y for y in (stated.period_end, stated.year) if y and y != base]
    return (base, others[0]) if others else None


def _table_ratio_pair(ctx: Context, stated: Fact, clause: str, referent: str) -> tuple[Fact, Fact] | None:
    """是2015年的X倍: one row, two year columns; 是重庆的X倍: two rows (the referent's and the
    subject's) of the same indicator in the clause's year."""
    if not referent or not stated.indicator:
        return None
    years = ratio_years(stated, clause, referent)
    if years is not None:
        return table_year_pair(ctx, stated, years)
    # the clause's own year, not a referent year (是2015年的X倍)
    named = [int(m.group(1)) for m in _YEAR.finditer(clause) if not clause[m.end():].startswith("的")]
    year = named[-1] if named else (stated.period_end or stated.year)
    if not year or not stated.subject or referent in stated.subject:
        return None
    b = table_cell(ctx, stated.subject, stated.indicator, year)
    a = table_cell(ctx, referent, stated.indicator, year, b.unit_normalized if b else "", b.table_id if b else "")
    return (a, b) if a is not None and b is not None and a is not b and _label(a) != _label(b) else None


def table_growth_cells(ctx: Context) -> list[Relation]:
    """A table's own growth column (比上年增长%) against the row's last two year columns."""
    out = []
    for g in ctx.table_facts:
        if g.claim_type != "growth_rate" or g.unit_normalized != "%":
            continue
        parts = g.quote.split("｜")
        if len(parts) < 3 or _GROWTH_HEADER_SKIP.search(parts[-1]):
            continue
        row = {f.year: f for f in ctx.table_facts
               if f.table_id == g.table_id and _is_level(f) and f.year is not None
               and f.quote.split("｜")[1:2] == parts[1:2] and f.subject == g.subject}
        if not row:
            continue
        y1 = g.year if g.year in row else max(row)
        if y1 - 1 in row and (g.year is None or g.year == y1):
            out.append(Relation("growth", g, inputs=[row[y1 - 1], row[y1]], where="table"))
            continue
        # a balance table (年末余额 | 较年初增加 | 同比增长): growth = D / (B − D), since the start of
        # the year is the end of the last one; only when the row has exactly one such pair
        changes = [f for f in ctx.table_facts if f.table_id == g.table_id and f.claim_type == "change"
                   and f.year == y1 and f.quote.split("｜")[1:2] == parts[1:2] and f.subject == g.subject
                   and _SINCE_YEAR_START.search(f.indicator)]
        levels = [f for f in row.values() if f.year == y1]
        if len(changes) == 1 and len(levels) == 1 and _same_unit(changes[0], levels[0]) \
                and _YEAR_ON_YEAR.search(parts[-1] + g.indicator):
            out.append(Relation("growth", g, inputs=[levels[0], changes[0]], mode="change_up", where="table"))
    return out


# 较年初 / 比上年末: for a year-end balance, the change over the year (the base of 同比)
_SINCE_YEAR_START = re.compile(r"(?:较|比)(?:年初|上年末|去年末|上年底)")
_YEAR_ON_YEAR = re.compile(r"同比|比上年|较上年|比年初|较年初|增长")
_CHANGE_AFTER = re.compile(r"^[，,]?\s*(?:较|比)(?:年初|上年末|去年末|上年底)(?:增加|增长|多增|新增)了?\s*$")
_RATE_LEAD = re.compile(r"(?:同比|比上年末|较上年末|比年初|较年初)(?:增长|增加|提高)了?\s*$")


def change_after_rate(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(year-end balance B, change D) for 'B，同比增长X%，较年初增加D': the rate X = D / (B − D),
    B a stock (余额/年末) right before the rate and D right after it in the same clause run."""
    if stated.unit_normalized != "%" or stated.direction == "down":
        return None
    _, s1 = ctx.sentence_of(stated.char_start)
    before = [f for f in ctx.facts_between(s0, stated.char_start) if f is not stated]
    if not before or not _is_level(before[-1]):
        return None
    b = before[-1]
    lead = ctx.text[b.char_end:stated.char_start]
    if len(lead) > 10 or not _RATE_LEAD.search(lead):
        return None
    if "余额" not in b.indicator and not re.search(r"年末|年底", ctx.text[s0:b.char_start]):
        return None  # 较年初 is the base of 同比 only for a year-end stock
    after = [f for f in ctx.facts_between(stated.char_end, s1) if f is not stated]
    if not after or after[0].claim_type != "change" or not _same_unit(after[0], b):
        return None
    d = after[0]
    if not _CHANGE_AFTER.search(ctx.text[stated.char_end:d.char_start]) or d.direction == "down":
        return None
    return b, d


def table_balance_change(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(table B, table D) for a text 'B，同比增长X%' whose balance B is a table's 年末余额 cell (same
    value, same unit, label covered) with a 较年初增加 cell in its row; exactly one such row."""
    if stated.unit_normalized != "%" or not ctx.table_facts:
        return None
    before = [f for f in ctx.facts_between(s0, stated.char_start) if f is not stated]
    if not before or not _is_level(before[-1]):
        return None
    b = before[-1]
    lead = ctx.text[b.char_end:stated.char_start]
    if len(lead) > 10 or not _RATE_LEAD.search(lead) or "余额" not in b.indicator + ctx.text[s0:b.char_start]:
        return None
    text_label = re.sub(r"\s", "", b.indicator)
    found = []
    for f in ctx.table_facts:
        if not _is_level(f) or f.year != b.year or not _same_unit(f, b) or not _same_value(f, b):
            continue
        row_name = f.quote.split("｜")[1:2]
        name = re.sub(r"^其中[:：]?", "", (row_name[0] if row_name else f.indicator.split("/")[0]).strip())
        if len(name) < 2 or _bigram_cover(name, text_label) < _LABEL_MATCH:
            continue
        changes = [c for c in ctx.table_facts if c.table_id == f.table_id and c.claim_type == "change"
                   and c.year == f.year and c.quote.split("｜")[1:2] == f.quote.split("｜")[1:2]
                   and _SINCE_YEAR_START.search(c.indicator) and _same_unit(c, f)]
        if len(changes) == 1:
            found.append((f, changes[0]))
    return found[0] if len(found) == 1 else None


def _same_when_known(a, b) -> bool:
    return not a or not b or a == b


def earlier_share(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(part, whole) for '[X]占Y的比重为…' with Y's level stated earlier in the document (the
    nearest one of the same year and subject): the part is X's nearest earlier level, or the
    level right before 占 in the sentence when X is not named."""
    named = _share_clause(ctx, s0, stated.char_start)
    if named is None or not named[1]:
        return None
    x, y, n = named
    if n and "分别" in ctx.text[s0:stated.char_start]:
        return None  # a list of several parts: paragraph_share / share_lists handle it
    earlier = [f for f in ctx.text_facts if f.char_end <= stated.char_start and _is_level(f)
               and not _is_stated_change(ctx, f) and _same_when_known(year_of(ctx, f), stated.year)]
    if x:
        parts = [f for f in earlier if f.indicator and (f.indicator == x or x.endswith(f.indicator))]
    else:
        # 其中，A增加5410亿元，占同期…增量的X%: an increment is the part of a total increment
        flows = [f for f in ctx.facts_between(s0, stated.char_start) if f.claim_type == "change"
                 and f.unit_normalized not in ("%", "pp", "‰")] if re.search(r"增量|新增|增加", y) else []
        parts = sorted([f for f in earlier if f.char_start >= s0] + flows, key=lambda f: f.char_start)
    if not parts:
        return None
    part = parts[-1]
    wholes = [f for f in earlier if f.char_end <= part.char_start and names_whole(y, f.indicator)
              and _same_unit(f, part)
              and _same_when_known(f.subject, part.subject)]
    if not wholes:
        return None
    whole = wholes[-1]
    return (part, whole) if part.value_normalized <= whole.value_normalized else None


_GROUP_TOTAL = re.compile(r"占([^，。；,;：:的占]{2,12}?)(?:总量|总额|合计|总和)的?(?:比重|比例)?(?:为|达|约)?\s*$")


def group_share(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(part, whole) for 'A…占G总量的X%' where G's total was stated earlier: the whole is the
    nearest earlier level of that year whose own clause names G (and is not itself a share
    clause, 'G…占全国（W）'), measuring what the part measures (same unit, indicators ending
    alike); the part is the level right before 占 in the sentence, else the share's subject's
    nearest earlier level in the paragraph. None when either is missing or part > whole."""
    m = _GROUP_TOTAL.search(ctx.text[s0:stated.char_start])
    if not m:
        return None
    group = m.group(1).strip()
    before = [f for f in ctx.facts_between(s0, s0 + m.start()) if _is_level(f) and not _is_stated_change(ctx, f)]
    if before:
        part = before[-1]
    else:
        own = [f for f in ctx.facts_between(para_start, s0) if _is_level(f) and stated.subject
               and f.subject == stated.subject and not _is_stated_change(ctx, f)
               and _same_when_known(year_of(ctx, f), stated.year)]
        if not own:
            return None
        part = own[-1]

    def names_group(f: Fact) -> bool:
        fs0, _ = ctx.sentence_of(f.char_start)
        clause = re.split(r"[，。；,;]", ctx.text[fs0:f.char_start])[-1]
        return group in clause and "占" not in clause[clause.find(group):]

    wholes = [f for f in ctx.text_facts if f.char_end <= part.char_start and _is_level(f) and _same_unit(f, part)
              and not _is_stated_change(ctx, f) and _same_when_known(year_of(ctx, f), stated.year)
              and f.indicator and part.indicator and f.indicator[-2:] == part.indicator[-2:] and names_group(f)]
    if not wholes or part.value_normalized > wholes[-1].value_normalized:
        return None
    return part, wholes[-1]


def named_earlier_level(ctx: Context, stated: Fact, whole: Fact, lead: str, s0: int) -> Fact | None:
    """The level named by ``lead`` (the words before 占) in an earlier sentence: the nearest one of
    the whole's unit, the stated year and subject, not larger than the whole."""
    name = re.split(r"[，。；,;：:]", lead)[-1].strip()
    if len(name) < 2:
        return None
    found = [f for f in ctx.text_facts if f.char_end <= s0 and _is_level(f) and _same_unit(f, whole)
             and f.indicator and len(f.indicator) >= 2 and name.endswith(f.indicator)
             and not _is_stated_change(ctx, f)
             and _same_when_known(year_of(ctx, f), stated.year) and _same_when_known(f.subject, stated.subject)]
    if not found or found[-1].value_normalized > whole.value_normalized:
        return None
    return found[-1]


_WHOLE_LEAD = re.compile(r"^(?:同期|全年|当年|本期|年末|全部)")
_WHOLE_MEASURES = ("余额", "总额", "总量", "总值", "规模", "合计", "总数")


def names_whole(y: str, indicator: str) -> bool:
    """The 占Y的 name Y names this indicator: equal, or equal up to a leading 同期/全年 and a
    trailing measure word (占各项贷款的 → 各项贷款余额), or its tail (占进出口总额 → 货物进出口总额)."""
    y = _WHOLE_LEAD.sub("", y.strip())
    if not y or not indicator:
        return False
    stem = _strip_measure(indicator)
    for word in _WHOLE_MEASURES:
        stem = stem[:-len(word)] if stem.endswith(word) and len(stem) > len(word) else stem
    return y in (indicator, stem) or (len(y) >= 3 and stem.endswith(y))


_CHANGE_LEAD = re.compile(r"(?:比|较)[^，。；,;]{0,8}?(?:多增|少增|增加|减少|多|少)(?:了)?\s*$")


def _is_stated_change(ctx: Context, f: Fact) -> bool:
    """'比上年多增612亿元': a change written as a bare amount, not a level."""
    return bool(_CHANGE_LEAD.search(ctx.text[max(0, f.char_start - 12):f.char_start]))


# --- wholes made of a complete list of parts (GDP = the three industries) -------------

# statistical identities: the value added of all N industries adds up to the 生产总值
WHOLE_OF_PARTS = {"产业增加值": "生产总值"}
_ORDINAL_PART = re.compile(r"第([一二三四五六七八九十])(产业增加值)$")
_COUNTED_PARTS = re.compile(rf"([{_CN_COUNT}\d]+)(?:次|大|类)(产业增加值|产业)")


def complete_parts(ctx: Context, whole: Fact) -> list[Fact] | None:
    """The parts of a 生产总值-type whole stated after it (its paragraph and the next three):
    a '三次产业增加值分别为a、b和c' list of exactly N levels, or one 第一/第二/第三产业增加值
    level per ordinal; None when the parts are not exactly all N members."""
    if not _is_level(whole) or not any(w in whole.indicator for w in WHOLE_OF_PARTS.values()):
        return None
    end = whole.char_end
    for _ in range(4):  # a caption and a table may stand between the whole and its parts
        nxt = ctx.text.find("\n\n", end + 2)
        end = nxt if nxt != -1 else len(ctx.text)
    later = [f for f in ctx.facts_between(whole.char_end, end) if _is_level(f) and _same_unit(f, whole)
             and _same_when_known(f.year, whole.year)]
    # stop at the next whole of the same kind (another year or region)
    nxt = next((i for i, f in enumerate(later) if f.indicator == whole.indicator), len(later))
    later = later[:nxt]
    for i, f in enumerate(later):
        m = _COUNTED_PARTS.search(f.indicator)
        s0, s1 = ctx.sentence_of(f.char_start)
        if m and "分别" in ctx.text[s0:f.char_start]:
            n = _count(m.group(1))
            run = [g for g in later[i:] if g.char_start < s1 and g.indicator == f.indicator]
            if n >= 2 and len(run) == n:
                return run
            return None
    by_ordinal: dict[int, list[Fact]] = {}
    for f in later:
        m = _ORDINAL_PART.search(f.indicator)
        if m:
            by_ordinal.setdefault(_count(m.group(1)), []).append(f)
    if len(by_ordinal) >= 2 and sorted(by_ordinal) == list(range(1, len(by_ordinal) + 1)) \
            and all(len(v) == 1 for v in by_ordinal.values()):
        return [v[0] for _, v in sorted(by_ordinal.items())]
    return None


# --- a total broken down in the next sentence (按经营地分，A X亿元；B Y亿元) -------------

_BREAKDOWN_OPENING = re.compile(r"\s*(?:按[^，。；,;]{1,8}分|分[^，。；,;]{1,8}看|从[^，。；,;]{1,8}看)[，,：:]")


_BASE_BEFORE = re.compile(r"(?:与|同|和|跟|较|比)[^，。；,;]{0,16}$")
_BASE_AFTER = re.compile(r"^\s*(?:相比|相较|比较|对比)")


def is_comparison_base(ctx: Context, f: Fact) -> bool:
    """'与2019年同期的A相比': A is the base period of a comparison, not a current total."""
    s0, _ = ctx.sentence_of(f.char_start)
    return bool(_BASE_AFTER.match(ctx.text[f.char_end:f.char_end + 4])
                and _BASE_BEFORE.search(ctx.text[s0:f.char_start]))


def breakdown_parts(ctx: Context, whole: Fact) -> list[Fact] | None:
    """The parts of a total whose next sentence opens '按X分' / '分X看' (a complete breakdown by
    one criterion): every level of the whole's unit and year in that sentence, before any nested
    '其中', each named like the whole (same last character: 零售总额 / 零售额, 贷款余额); None
    when fewer than two, or when one part exceeds the whole."""
    if not _is_level(whole) or not whole.indicator or is_comparison_base(ctx, whole):
        return None
    _, s1 = ctx.sentence_of(whole.char_start)
    m = _BREAKDOWN_OPENING.match(ctx.text, s1)
    if not m:
        return None
    n0, n1 = ctx.sentence_of(m.end())
    nested = ctx.text.find("其中", m.end(), n1)
    end = nested if nested != -1 else n1
    parts = [f for f in ctx.facts_between(m.end(), end) if _is_level(f) and _same_unit(f, whole)
             and _same_when_known(f.year, whole.year) and not _is_stated_change(ctx, f)]
    if len(parts) < 2 or any(not f.indicator or f.indicator[-1] != whole.indicator[-1] for f in parts):
        return None
    if any(f.value_normalized >= whole.value_normalized for f in parts):
        return None
    return parts


# --- a total and its parts that are exhaustive by name (出口 + 进口 = 进出口) ---------------

# names that together make a whole, whatever is measured: every trade flow is an export or an
# import; the year's grain harvest is the summer, (early rice) and autumn harvests; …
EXHAUSTIVE_NAMES = (("出口", "进口"), ("夏粮", "秋粮"), ("夏粮", "早稻", "秋粮"), ("城镇", "乡村"),
                    ("城镇", "农村"), ("第一产业", "第二产业", "第三产业"))
_PER_HEAD_WORDS = ("人均", "平均", "均值", "户均", "率", "指数", "价格")


def exhaustive_parts(ctx: Context, whole: Fact) -> list[Fact] | None:
    """The parts of a total stated right after it (the rest of its sentence and the next one)
    when they are exactly one level per name of an exhaustive set (出口/进口, 夏粮/秋粮, 城镇/乡村,
    第一/第二/第三产业): same unit and year, each smaller than the total; None when any other
    level of that unit is listed there (the list is then not the set), for averages and rates
    (人均收入 of 城镇 and 农村 do not add up), or for a comparison base."""
    if not _is_level(whole) or not whole.indicator or any(w in whole.indicator for w in _PER_HEAD_WORDS) \
            or is_comparison_base(ctx, whole):
        return None
    _, s1 = ctx.sentence_of(whole.char_start)
    _, n1 = ctx.sentence_of(s1) if s1 < len(ctx.text) else (s1, s1)
    if "\n\n" in ctx.text[s1:n1].strip():
        n1 = s1  # the next sentence is in another paragraph
    later = [f for f in ctx.facts_between(whole.char_end, n1) if _is_level(f) and _same_unit(f, whole)
             and not _is_stated_change(ctx, f)]
    if len(later) < 2 or any(not _same_when_known(f.year, whole.year) or not f.indicator
                             or f.value_normalized >= whole.value_normalized for f in later):
        return None
    for names in EXHAUSTIVE_NAMES:
        if len(names) != len(later) or any(whole.indicator.startswith(n) for n in names):
            continue
        named = [[f for f in later if f.indicator.startswith(n)] for n in names]
        if all(len(fs) == 1 for fs in named) and {id(fs[0]) for fs in named} == {id(f) for f in later}:
            return later
    return None


# --- a structure written as a ratio (三次产业结构为a∶b∶c) -----------------------------

_RATIO_SEP = re.compile(r"\s*[∶:：]\s*$")
_STRUCTURE_LEAD = re.compile(r"(?:结构|构成|比例)(?:之比)?(?:为|是)\s*$")


def structure_shares(ctx: Context) -> list[tuple[Fact, Fact, Fact]]:
    """(member, part, whole) for each member of 'X结构为a∶b∶c' whose members add up to 100
    (percentages) and whose whole, stated earlier in the paragraph, is broken into exactly as
    many parts (complete_parts / breakdown_parts) in the same order; nothing otherwise."""
    out: list[tuple[Fact, Fact, Fact]] = []
    facts = ctx.text_facts
    i = 0
    while i < len(facts):
        run = [facts[i]]
        while i + len(run) < len(facts) and _RATIO_SEP.fullmatch(
                ctx.text[run[-1].char_end:facts[i + len(run)].char_start] or "x"):
            run.append(facts[i + len(run)])
        i += len(run)
        s0, _ = ctx.sentence_of(run[0].char_start)
        if len(run) < 2 or not _STRUCTURE_LEAD.search(ctx.text[s0:run[0].char_start]) \
                or abs(sum(f.value for f in run) - 100) > 0.1 * len(run):
            continue
        para = ctx.text.rfind("\n", 0, s0) + 1
        for whole in reversed(ctx.facts_between(para, s0)):
            parts = complete_parts(ctx, whole) or breakdown_parts(ctx, whole)
            if parts and len(parts) == len(run) and parts[-1].char_end <= run[0].char_start:
                out += [(m, p, whole) for m, p in zip(run, parts)]
                break
    return out


# --- per-head averages (人均花费 = 收入 / 人次) -------------------------------------

_PER_HEAD = re.compile(r"(?:人均|平均每人|平均每位|户均)[^，。；,;]{0,8}$")
# 平均每件快递收入X元: a per-unit average; the count must be stated in that same classifier
_PER_UNIT = re.compile(r"(?:平均每|单)(件|台|辆|吨|个|次|单|套|只|头|张)[^，。；,;]{0,8}$")
_HEADCOUNT_UNITS = ("人", "人次", "户", "位")


def per_head_pair(ctx: Context, stated: Fact) -> tuple[Fact, Fact] | None:
    """(headcount, total) for '人均花费X元' with the total (same currency) and the headcount
    (人/人次/户) stated earlier in the sentence; exactly one of each, else None."""
    s0, _ = ctx.sentence_of(stated.char_start)
    head = ctx.text[s0:stated.char_start]
    per_unit = _PER_UNIT.search(head)
    if not (_PER_HEAD.search(head) or per_unit) or stated.unit_normalized not in CURRENCY_CODES:
        return None
    before = ctx.facts_between(s0, stated.char_start)
    totals = [f for f in before if _is_level(f) and _same_unit(f, stated)]
    # the headcount's unit as written (万人次: the unit may be split between unit and text)
    head_units = re.escape(per_unit.group(1)) if per_unit else "(?:人次|人|户|位)"
    heads = [f for f in before if f.claim_type == "count" and re.match(
        rf"[万亿千百十]?{head_units}(?!次)", f.unit + ctx.text[f.char_end:f.char_end + 2])]
    if len(totals) != 1 or len(heads) != 1:
        return None
    return heads[0], totals[0]


# --- a ratio whose two levels stand in neighbouring sentences (A为X；B是A的N倍) ---------

def paragraph_ratio_pair(ctx: Context, stated: Fact, referent: str, para_start: int) -> tuple[Fact, Fact] | None:
    """(referent's level, subject's level) for '…B是A的N倍' when A's level (its subject names the
    referent) and B's level (the stated figure's subject, same indicator, unit and year) are both
    stated earlier in the paragraph; exactly one candidate each, else None."""
    if not referent or not stated.subject or referent in stated.subject:
        return None
    earlier = [f for f in ctx.facts_between(para_start, stated.char_start) if _is_level(f)]
    refs = [f for f in earlier if f.subject and (referent in f.subject or f.subject in referent)]
    if len({(f.indicator, f.value_normalized) for f in refs}) != 1:
        return None
    a = refs[-1]
    own = [f for f in earlier if f.subject == stated.subject and f.indicator == a.indicator
           and _same_unit(f, a) and _same_when_known(f.year, a.year)]
    if len({f.value_normalized for f in own}) > 1:  # keep the levels whose own clause names the indicator
        own = [f for f in own if a.indicator in _clause_before(ctx, f)]
    if len({f.value_normalized for f in own}) != 1:
        return None
    return a, own[-1]


def _clause_before(ctx: Context, f: Fact) -> str:
    s0, _ = ctx.sentence_of(f.char_start)
    return re.split(r"[，。；,;]", ctx.text[s0:f.char_start])[-1]


# --- trade balance and changes against last year's level ----------------------------

_BALANCE = re.compile(r"(顺差|逆差)")


def _trade_side(indicator: str, side: str) -> bool:
    """出口 / 进口 levels, never the 进出口 total."""
    return indicator.endswith(side) and not indicator.endswith("进出口")


def trade_balance(ctx: Context, stated: Fact, para_start: int) -> tuple[Fact, Fact] | None:
    """(smaller, larger) of '出口A，进口B … 顺差/逆差N': 顺差 = 出口 − 进口, 逆差 = 进口 − 出口, with
    exactly one export and one import level of the same unit and year earlier in the paragraph."""
    m = _BALANCE.search(stated.indicator or "")
    if not m or not _is_level(stated):
        return None
    earlier = [f for f in ctx.facts_between(para_start, stated.char_start) if _is_level(f)
               and _same_unit(f, stated) and _same_when_known(f.year, stated.year)]
    exports = [f for f in earlier if _trade_side(f.indicator, "出口")]
    imports = [f for f in earlier if _trade_side(f.indicator, "进口")]
    if len(exports) != 1 or len(imports) != 1:
        return None
    ex, im = exports[0], imports[0]
    surplus = m.group(1) == "顺差"
    if (ex.value_normalized >= im.value_normalized) != surplus:
        return None  # a surplus with imports above exports: the pair is not this balance
    return (im, ex) if surplus else (ex, im)


_CHANGE_VS_LAST = re.compile(r"(?:比|较)(?:上年|去年|上一年|上年末|去年末|上年同期)(?:末)?(?:增加|减少|多|少|提高|下降|增长)(?:了)?\s*$")


def change_base(ctx: Context, change: Fact) -> tuple[Fact, Fact] | None:
    """(last year's level A, this year's level B) for 'B，比上年增加/减少D': B right before D in its
    sentence; A the same indicator's level a year earlier, stated earlier in the text or in a
    table of the document (whose cell for B's year must agree with B)."""
    if change.claim_type != "change" or change.unit_normalized in ("%", "pp", "‰", "times"):
        return None
    s0, _ = ctx.sentence_of(change.char_start)
    before = ctx.facts_between(s0, change.char_start)
    if not before or not _is_level(before[-1]) or not _same_unit(before[-1], change):
        return None
    b = before[-1]
    gap = ctx.text[b.char_end:change.char_start]
    if len(gap) > 16 or re.search(r"[；;。]", gap) or not _CHANGE_VS_LAST.search(gap):
        return None
    if b.year is None or not b.indicator:
        return None
    texts = [f for f in ctx.text_facts if f.char_end <= s0 and _is_level(f) and _same_unit(f, b)
             and f.indicator == b.indicator and f.subject == b.subject and f.year == b.year - 1]
    if len({f.value_normalized for f in texts}) == 1:
        return texts[-1], b
    clause = re.split(r"[，。；,;]", ctx.text[s0:b.char_start])[-1]
    now = table_cell(ctx, b.subject, b.indicator, b.year, b.unit_normalized, clause=clause)
    if now is None or abs(now.value_normalized - b.value_normalized) > 1e-9 * max(1.0, abs(b.value_normalized)):
        return None
    a = table_cell(ctx, b.subject, b.indicator, b.year - 1, b.unit_normalized, now.table_id, clause=clause)
    return (a, b) if a is not None and _label(a) == _label(now) else None


# --- a total or mean over a named group whose members are a table's rows -------------

def group_table_members(ctx: Context, stated: Fact) -> tuple[str, list[Fact]] | None:
    """("sum" | "mean", member cells) for '两省…总量为X' / '两省均值为X': the clause names a group
    of n members and a total or mean; the members are the n rows of one table (never its 总量/均值
    rows) in the figure's year and unit; exactly n, else None."""
    if not _is_level(stated) or stated.year is None or not ctx.table_facts:
        return None
    s0, _ = ctx.sentence_of(stated.char_start)
    clause = re.split(r"[，。；,;]", ctx.text[s0:stated.char_start])[-1]
    n = group_size(clause)
    if n < 2:
        return None
    words = stated.indicator + clause
    if any(w in words for w in ("人均", "户均")):
        return None
    measure = "mean" if any(w in words for w in ("均值", "平均")) else (
        "sum" if any(w in words for w in TOTAL_WORDS) else "")
    if not measure:
        return None
    core = _MEASURE.sub("", _GROUP.sub("", stated.indicator or ""))
    by_table: dict[str, list[Fact]] = {}
    for f in ctx.table_facts:
        if f.year != stated.year or not _is_level(f) or not _same_unit(f, stated):
            continue
        if _row_words(f.subject)[1] or _row_words(f.indicator)[1] or _MEASURE.search(f.subject + f.indicator):
            continue  # 总量/均值 rows are statistics, not members
        if len(core) >= 2 and _bigram_cover(core, _label(f)) < 0.6:
            continue
        by_table.setdefault(f.table_id, []).append(f)
    fits = [cells for cells in by_table.values() if len(cells) == n and len({_label(c) for c in cells}) == n]
    return (measure, fits[0]) if len(fits) == 1 else None
