"""Relations read inside a sentence or its paragraph: from–to pairs, changes and
levels (增加到/比上年增加), 翻番, percentage-point differences, 城乡 ratios,
ratio pairs of the paragraph and trade balances (顺差 = 出口 − 进口).
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.vocab import regex, words
from kb.verify.relations.ground import (CN_COUNT, DOWN_BEFORE, RATE_LEAD, Context, Relation, adjacent_in_clause,
                                        cue_alternation, is_comparand, is_from_value, is_prior_level,
                                        clause_before, in_time_order, is_level, one_clause_run, parse_count, same_unit,
                                        same_when_known, year_of)
from kb.verify.relations.labels import bigram_cover

_CHANGE_AFTER = regex("relations", "change_after")
# a stated comparison of two figures (高出/高于/比…高)
_COMPARE = regex("relations", "compare")
_DOUBLING = re.compile(rf"翻(?:了)?([{CN_COUNT}\d]+)番({cue_alternation('doubling_over')})?")
_FROM_TO = regex("relations", "from_before")
_FROM_OR_THAN = regex("relations", "from_or_than")
_TO_BETWEEN = regex("relations", "to_between")
_THAN = regex("relations", "than")
# 比上年 / 较去年同期: a comparison with a period, whose level the sentence does not state
_LAST_PERIOD_AFTER_THAN = regex("relations", "last_period_after_than")
_THAN_WORDS = regex("relations", "than_words")
_YEAR_END = regex("relations", "year_end")


def change_pair(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """The nearest 从A…到B pair of same-unit levels before the stated figure in its sentence."""
    before = [f for f in ctx.facts_between(s0, stated.char_start) if is_level(f)]
    if not before or not adjacent_in_clause(ctx, before[-1], stated):
        return None
    return from_to_pair(ctx, s0, stated.char_start)


def from_to_pair(ctx: Context, s0: int, pos: int) -> tuple[Fact, Fact] | None:
    """从A增加到B / 比上年的A增加到B / B，比A…: the level pair before ``pos`` in its sentence."""
    before = [f for f in ctx.facts_between(s0, pos) if is_level(f)]
    if not before:
        return None
    for i in range(len(before) - 1, 0, -1):
        b = before[i]
        for a in reversed(before[:i]):
            if not same_unit(a, b):
                continue
            between = ctx.text[a.char_end:b.char_start]
            # 由2018年的A: the 从/由 may stand before a year phrase, within A's clause
            lead = re.split(r"[，。；,;]", ctx.text[max(s0, a.char_start - 12):a.char_start])[-1]
            if _TO_BETWEEN.search(between) and len(between) <= 16 and (
                    _FROM_TO.search(lead) or _FROM_OR_THAN.search(lead)):
                return in_time_order(ctx, a, b)
        # only the nearest B is a candidate: a farther pair belongs to another clause
        break
    # B，比A增长X / B，与20XX年的A相比: two levels of one measure in one clause run;
    # 同比/环比 name no stated figure, so they never pair two listed items
    clause = re.split(r"[，。；,;]", ctx.text[s0:pos])[-1]
    if not _THAN.search(clause) or len(before) < 2:
        return None
    if before[-1].char_start >= pos - len(clause):
        # 比去年同期（A）增长X: A, named in the comparison's clause, is the base; the level is the one
        # before it that is compared with nothing (为年初预算B'的102.3% is a budget, not the level);
        # 分别比2017年的A、A'年均增长: a list of bases is a 分别 list's
        if before[-2].char_start >= pos - len(clause):
            return None
        reported = [f for f in before[:-1] if not is_comparand(ctx, f)]
        return _than_pair(ctx, reported[-1], before[-1], pos) if reported else None
    if _LAST_PERIOD_AFTER_THAN.search(clause):
        return None   # B，比上年增长X: the base is not stated (其中2024年完成B — not the 累计 before it)
    return _than_pair(ctx, before[-1], before[-2], pos)


def _than_pair(ctx: Context, level: Fact, base: Fact, pos: int) -> tuple[Fact, Fact] | None:
    """(earlier, later) of a level and the base it is compared with: one unit, one name where both
    are named, and no ；/。 between the first of them and the figure."""
    first = min(level, base, key=lambda f: f.char_start)
    if not same_unit(level, base) or re.search(r"[；;。]", ctx.text[first.char_end:pos]) \
            or not same_when_known(base.indicator, level.indicator):
        return None
    return in_time_order(ctx, base, level)


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
    levels = [f for f in before if is_level(f) and f.char_end <= d.char_start and same_unit(f, d)]
    if not levels:
        return None
    b = levels[-1]
    between = ctx.text[b.char_end:d.char_start]
    if (not _THAN_WORDS.search(between) or len(between) > 16 or re.search(r"[；;。]", between)
            or ctx.facts_between(b.char_end, d.char_start)):
        return None
    down = d.direction == "down" or bool(DOWN_BEFORE.search(between + ctx.text[d.char_start - 4:d.char_start]))
    return b, d, down


def previous_level(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(A, B): the rate's level B in its sentence and the same indicator's level a year
    earlier (or in the year named by 比20XX年) stated earlier in the paragraph."""
    levels = [f for f in ctx.facts_between(s0, stated.char_start) if is_level(f)]
    if not levels or not adjacent_in_clause(ctx, levels[-1], stated):
        return None
    b = levels[-1]
    if b.year is None or not b.indicator:
        return None
    clause = ctx.text[b.char_end:stated.char_start]
    named = re.search(r"比((?:19|20)\d{2})年", clause)
    base_year = int(named.group(1)) if named else b.year - 1
    found = [f for f in ctx.facts_between(para_start, s0) if is_level(f) and same_unit(f, b)
             and f.indicator == b.indicator and f.subject == b.subject and f.year == base_year]
    return (found[-1], b) if len(found) == 1 else None


def stated_level(ctx: Context, stated: Fact, s0: int) -> Fact | None:
    """The level a rate is about: 'B，比上年增长X%' — the level right before it in its clause run; a
    growth rate also past B's share (研发投入10.28亿元，占营业收入的比例为8.0%，较上年增长20.1%: a share
    changes by points, so a rate in % after it is B's growth)."""
    levels = [f for f in ctx.facts_between(s0, stated.char_start) if is_level(f)]
    if not levels:
        return None
    if adjacent_in_clause(ctx, levels[-1], stated):
        return levels[-1]
    return levels[-1] if _past_own_share(ctx, levels[-1], stated) else None


def _past_own_share(ctx: Context, b: Fact, stated: Fact) -> bool:
    """Only B's own share (a figure of B's indicator in %) stands between B and a growth rate in %."""
    between = ctx.facts_between(b.char_end, stated.char_start)
    return (stated.claim_type == "growth_rate" and stated.unit_normalized == "%" and len(between) == 1
            and between[0].claim_type == "share" and between[0].indicator_key == b.indicator_key
            and stated.indicator_key in ("", b.indicator_key)
            and one_clause_run(ctx.text[b.char_end:stated.char_start], longest=40))


def is_doubling(ctx: Context, stated: Fact) -> bool:
    """The figure is the N of 翻N番."""
    window_start = max(0, stated.char_start - 3)
    return any(m.start() + window_start <= stated.char_start < m.end() + window_start
               or window_start + m.start() < stated.char_end <= window_start + m.end()
               for m in _DOUBLING.finditer(ctx.text[window_start:stated.char_end + 3]))


def run_start(ctx: Context, s0: int, pos: int) -> int:
    """Start of the ；-delimited clause run holding ``pos`` in the sentence starting at ``s0``."""
    cut = max(ctx.text.rfind(c, s0, pos) for c in "；;")
    return s0 if cut == -1 else cut + 1


def pp_difference(ctx: Context, stated: Fact, s0: int) -> Relation:
    """X个百分点 between two stated rates of the same measure that the sentence compares, within
    its ；-delimited clause run (a rate after ； is about something else)."""
    rates = [f for f in ctx.facts_between(run_start(ctx, s0, stated.char_start), stated.char_start)
             if f.unit_normalized == "%" and f.claim_type not in ("difference", "change")]
    pair = _compared_pair(ctx, rates)
    if pair is None:
        return Relation("difference", stated, reason="the two rates whose difference is stated are not both "
                                                     "in the sentence")
    a, b = pair
    if _PER_YEAR.search(ctx.text[b.char_end:stated.char_start]):
        return per_year_difference(ctx, stated, a, b)
    if is_from_value(ctx, a) and _TO_BETWEEN.search(ctx.text[a.char_end:b.char_start]):
        return Relation("difference", stated, inputs=[a, b], where="sentence")  # 从a%提高到b%，提高X个百分点
    if a.claim_type != b.claim_type and not (a.measure == b.measure and a.indicator_key
                                             and a.indicator_key == b.indicator_key):
        # (75.70% and 全省同期66.31%的城镇化率: read as a share and a level, one rate's two values)
        return Relation("difference", stated, reason=f"a {a.claim_type} and a {b.claim_type} are different "
                                                     "measures, so their difference is not the stated one")
    if {a.basis, b.basis} == {"nominal", "real"}:
        return Relation("difference", stated, reason="the two rates before it are a nominal and a real growth "
                                                     "(of one figure), so their difference is not the stated one")
    if not _COMPARE.search(ctx.text[a.char_end:stated.char_start]):
        return Relation("difference", stated, reason="the sentence does not compare the two rates it states")
    signed = all(f.claim_type == "growth_rate" and not _REACHED_BEFORE.search(ctx.text[s0:f.char_start])
                 for f in (a, b))
    return Relation("difference", stated, inputs=[a, b], where="sentence", mode="signed" if signed else "")


def _compared_pair(ctx: Context, rates: list[Fact]) -> tuple[Fact, Fact] | None:
    """The two rates a 百分点 difference is between: the last two; when the last is what the figure is
    compared with (比全国平均水平（42.8%）高7.4个百分点), it and the last rate the clause reports —
    not a comparand of an earlier comparison (比2019年（43.5%）提高6.7个百分点，…)."""
    if len(rates) < 2:
        return None
    if not is_comparand(ctx, rates[-1]):
        return rates[-2], rates[-1]
    reported = [f for f in rates[:-1] if not is_comparand(ctx, f)]
    return (reported[-1], rates[-1]) if reported else None


_PER_YEAR = regex("relations", "per_year")
# 下降为1.8% / 回落到3.2%: the rate a decline reached, not a decline of 1.8 %
_REACHED_BEFORE = re.compile(r"(?:为|到|至)\s*[（(]?\s*$")


def per_year_difference(ctx: Context, stated: Fact, a: Fact, b: Fact) -> Relation:
    """由1949年的a%提高到1978年的b%，平均每年提高X个百分点: (b − a) / the years between."""
    ya, yb = year_of(ctx, a), year_of(ctx, b)
    if not (is_from_value(ctx, a) and ya and yb and yb > ya):
        return Relation("difference", stated, reason="the years over which the change is averaged are not stated")
    return Relation("difference", stated, inputs=[a, b], mode="per_year", years=yb - ya, where="sentence")


def doublings(ctx: Context) -> list[tuple[int, int, float, str, tuple[Fact, Fact] | None]]:
    """(start, end, factor, qualifier, (A, B) or None) for each 翻一番 (×2) / 翻两番 (×4)."""
    out = []
    for m in _DOUBLING.finditer(ctx.text):
        n = parse_count(m.group(1))
        if not 1 <= n <= 10:
            continue
        s0, _ = ctx.sentence_of(m.start())
        out.append((m.start(), m.end(), float(2 ** n), m.group(2) or "", from_to_pair(ctx, s0, m.start())))
    return out


# --- paired abbreviations (城乡收入比) and named member groups (三省一市) ---------

# standard statistical pairs: 城乡 = 城镇/城市 (first) over 农村/乡村 (second)
PAIRED_ABBREVIATIONS = {"城乡": (words("relations", "paired_urban"), words("relations", "paired_rural"))}


def _after_head(indicator: str, heads: tuple[str, ...]) -> str | None:
    return next((indicator[len(h):] for h in heads if indicator.startswith(h)), None)


def paired_ratio(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(first, second) levels of '城乡居民收入比为R': 城镇…收入 and 农村…收入 stated earlier in the paragraph,
    in an earlier sentence or earlier in the ratio's own (其中城镇…，农村…，城乡居民收入比为R)."""
    clause = re.split(r"[，。；,;]", ctx.text[s0:stated.char_start])[-1]
    for abbr, (firsts, seconds) in PAIRED_ABBREVIATIONS.items():
        i = clause.find(abbr)
        j = clause.rfind("比")
        if i == -1 or j <= i:
            continue
        core = clause[i + len(abbr):j]
        earlier = [f for f in ctx.facts_between(para_start, stated.char_start) if is_level(f)]
        pairs = [(a, b) for a in earlier for b in earlier
                 if (ra := _after_head(a.indicator, firsts)) is not None and ra == _after_head(b.indicator, seconds)
                 and same_unit(a, b) and a.subject == b.subject and bigram_cover(core, ra) >= 0.6]
        if pairs:
            return max(pairs, key=lambda p: p[1].char_start)
    return None


def change_after_rate(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(year-end balance B, change D) for 'B，同比增长X%，较年初增加D': the rate X = D / (B − D),
    B a stock (余额/年末) right before the rate and D right after it in the same clause run."""
    if stated.unit_normalized != "%" or stated.direction == "down":
        return None
    _, s1 = ctx.sentence_of(stated.char_start)
    before = [f for f in ctx.facts_between(s0, stated.char_start) if f is not stated]
    if not before or not is_level(before[-1]):
        return None
    b = before[-1]
    lead = ctx.text[b.char_end:stated.char_start]
    if len(lead) > 10 or not RATE_LEAD.search(lead):
        return None
    if "余额" not in b.indicator and not _YEAR_END.search(ctx.text[s0:b.char_start]):
        return None  # 较年初 is the base of 同比 only for a year-end stock
    month = b.period_end_month or stated.period_end_month
    if month and not month.endswith("-12"):
        return None  # 6月末…同比增长9.1%，比年初增加D: half a year's change, not the year's
    after = [f for f in ctx.facts_between(stated.char_end, s1) if f is not stated]
    if not after or after[0].claim_type != "change" or not same_unit(after[0], b):
        return None
    d = after[0]
    if not _CHANGE_AFTER.search(ctx.text[stated.char_end:d.char_start]) or d.direction == "down":
        return None
    return b, d


# --- a ratio whose two levels stand in neighbouring sentences (A为X；B是A的N倍) ---------

def paragraph_ratio_pair(ctx: Context, stated: Fact, referent: str, para_start: int) -> tuple[Fact, Fact] | None:
    """(referent's level, subject's level) for '…B是A的N倍' when A's level (its subject names the
    referent) and B's level (the stated figure's subject, same indicator, unit and year) are both
    stated earlier in the paragraph; exactly one candidate each, else None."""
    if not referent or not stated.subject or referent in stated.subject:
        return None
    earlier = [f for f in ctx.facts_between(para_start, stated.char_start) if is_level(f)]
    refs = [f for f in earlier if f.subject and (referent in f.subject or f.subject in referent)]
    if len({(f.indicator, f.value_normalized) for f in refs}) != 1:
        return None
    a = refs[-1]
    own = [f for f in earlier if f.subject == stated.subject and f.indicator == a.indicator
           and same_unit(f, a) and same_when_known(f.year, a.year)]
    if len({f.value_normalized for f in own}) > 1:  # keep the levels whose own clause names the indicator
        own = [f for f in own if a.indicator in clause_before(ctx, f)]
    if len({f.value_normalized for f in own}) != 1:
        return None
    return a, own[-1]


def indicator_ratio_pair(ctx: Context, stated: Fact, referent: str, para_start: int) -> tuple[Fact, Fact] | None:
    """(referent's level, stated indicator's level) for 'X执行额是Y的N倍' when the referent Y names
    another indicator of the same subject: exactly one earlier level in the paragraph whose
    indicator contains Y, and exactly one whose indicator ends with the stated indicator (same
    subject, unit and year); None otherwise (never guessed)."""
    if len(referent) < 2 or not stated.indicator or len(stated.indicator) < 3 or referent in stated.indicator:
        return None
    earlier = [f for f in ctx.facts_between(para_start, stated.char_start) if is_level(f)
               and f.indicator and same_when_known(f.subject, stated.subject)
               and same_when_known(f.year, stated.year)]
    refs = [f for f in earlier if referent in f.indicator]
    own = [f for f in earlier if f.indicator.endswith(stated.indicator) and referent not in f.indicator]
    if len(refs) != 1 or len(own) != 1 or not same_unit(refs[0], own[0]):
        return None
    return refs[0], own[0]


# --- trade balance and changes against last year's level ----------------------------

_BALANCE = regex("relations", "trade_balance")


def _trade_side(indicator: str, side: str) -> bool:
    """出口 / 进口 levels, never the 进出口 total."""
    return indicator.endswith(side) and not indicator.endswith("进出口")


def trade_balance(ctx: Context, stated: Fact, para_start: int) -> tuple[Fact, Fact] | None:
    """(smaller, larger) of '出口A，进口B … 顺差/逆差N': 顺差 = 出口 − 进口, 逆差 = 进口 − 出口, with
    exactly one export and one import level of the same unit and year earlier in the paragraph."""
    m = _BALANCE.search(stated.indicator or "")
    if not m or not is_level(stated):
        return None
    earlier = [f for f in ctx.facts_between(para_start, stated.char_start) if is_level(f)
               and same_unit(f, stated) and same_when_known(f.year, stated.year)]
    exports = [f for f in earlier if _trade_side(f.indicator, "出口")]
    imports = [f for f in earlier if _trade_side(f.indicator, "进口")]
    if len(exports) != 1 or len(imports) != 1:
        return None
    ex, im = exports[0], imports[0]
    surplus = m.group(1) == "顺差"
    if (ex.value_normalized >= im.value_normalized) != surplus:
        return None  # a surplus with imports above exports: the pair is not this balance
    return (im, ex) if surplus else (ex, im)


def prior_pair(ctx: Context, stated: Fact, s0: int, rate_between: bool = False) -> tuple[Fact, Fact] | None:
    """(A, B) for 'B，去年同期为A，同比增长X% / 是去年同期的R倍': the previous period's level A stated
    after this period's B and before the figure, in one run of clauses (no ；), of one unit; no other
    rate between A and the figure (…同比下降2.7%，扣除…后，可比增长1.2%: the second rate is not of the
    pair) unless ``rate_between`` (a ratio after the growth rate: 同比增长58.6%，是去年同期的1.59倍)."""
    levels = [f for f in ctx.facts_between(s0, stated.char_start) if is_level(f)]
    prior = [k for k, f in enumerate(levels) if is_prior_level(ctx, f)]
    if not prior or prior[-1] == 0:
        return None
    a, b = levels[prior[-1]], levels[prior[-1] - 1]
    if is_prior_level(ctx, b) or not same_unit(a, b) or re.search(r"[；;。]", ctx.text[b.char_start:stated.char_start]):
        return None
    rates = [f for f in ctx.facts_between(a.char_end, stated.char_start) if f.unit_normalized in ("%", "times")]
    return (a, b) if not rates or (rate_between and len(rates) == 1 and rates[0].unit_normalized == "%") else None
