"""Checks of claims about several figures at once, each judged with rounding intervals:
a set claim over table rows (A、B均超平均水平), a list of shares that must sum to 100 %, a
doubling (翻N番 = ×2^N), a rank among a group's members (居三省一市第k位) and a count of the
names listed (A、B、C三个行业).
"""

from __future__ import annotations

import re

from kb.errors import KbError
from kb.figures.identity import rank_orders
from kb.models import Check, Document, Fact, Passage, stable_id
from kb.verify import recompute as rc
from kb.verify.citing import interval, passage_span_at, rounding_rules, scaled, stated_text, where
from kb.verify.relations import Context, RowGrowth, group_size
from kb.verify.relations.name_counts import NamedCount, judge_count


def _passage_id_at(passages: list[Passage], pos: int) -> str:
    """The id of the passage holding ``pos`` ('' when none)."""
    span = passage_span_at(passages, pos)
    return next((p.passage_id for p in passages if span and p.start == span[0]), "")


def set_claim_check(document: Document, ctx: Context, passages: list[Passage], start: int, end: int,
                    named: list[RowGrowth], members: list[RowGrowth]) -> Check:
    """'A、B、C均超平均水平': each named row's growth against the mean growth of its group."""
    def iv(r: RowGrowth) -> rc.Interval:
        return rc.recompute_ratio(interval(r.first), interval(r.last))
    mean = rc.recompute_mean([iv(r) for r in members])
    below = [r for r in named if iv(r).high <= mean.low]
    unsure = [r for r in named if r not in below and iv(r).low <= mean.high]
    verdict = "inconsistent" if below else ("consistent" if not unsure else "unverifiable")
    growths = ", ".join(f"{r.name} {rc.fmt(r.ratio)}" for r in named)
    s0, s1 = ctx.sentence_of(start)
    group = members[0].group or members[0].first.table_id
    formula = f"2nd/1st year: {growths}; mean of {len(members)} {group} rows = {rc.fmt(mean.value)}"
    note = (f"{'、'.join(r.name for r in below)} below the mean" if below else
            "all named rows above the mean" if verdict == "consistent" else "some rows within rounding of the mean")
    passage_id = _passage_id_at(passages, start)
    inputs = [f.fact_id for r in members for f in (r.first, r.last)]
    return Check(check_id=stable_id("c", document.doc_id, "", "set_claim", start, *inputs), kind="set_claim",
                 doc_id=document.doc_id, passage_id=passage_id, quote=ctx.text[s0:s1],
                 formula=formula, inputs=inputs, recomputed_value=mean.value, tolerance=mean.half_width,
                 verdict=verdict,
                 explanation=(f"'{ctx.text[start:end]}' checked against {members[0].first.table_id}: {formula} "
                              f"(ratios {members[0].first.year}→{members[0].last.year}, the average taken as the mean "
                              f"over the group's rows); {note}: {verdict}."))


def share_sum_check(document: Document, ctx: Context, s0: int, s1: int, shares: list[Fact]) -> Check:
    """三次产业…比重分别为a%、b%、c%: all the parts of one whole add up to 100 %, within rounding."""
    total = rc.recompute_sum([interval(f) for f in shares])
    whole = rc.exact(100.0)
    verdict = "consistent" if rc.overlaps(whole, total) else "inconsistent"
    digits = max(rc.shown_digits(f.value_text or rc.fmt(f.value, 10)) for f in shares)
    formula = f"{' + '.join(f.value_text or rc.fmt(f.value) for f in shares)} = {rc.fmt(total.value, digits)} %"
    notes = rounding_rules(shares)
    return Check(check_id=stable_id("c", document.doc_id, "", "sum", *[f.fact_id for f in shares]), kind="sum",
                 doc_id=document.doc_id, passage_id=shares[0].passage_id, quote=ctx.text[s0:s1],
                 stated_value=100.0, formula=formula, inputs=[f.fact_id for f in shares],
                 recomputed_value=total.value, tolerance=total.half_width, verdict=verdict,
                 explanation=(f"{formula} from {', '.join(where(f) for f in shares)}, stated 100 % (all the parts "
                              f"of one whole, each ± half a unit of its last digit"
                              f"{'; ' + '; '.join(notes) if notes else ''}): {verdict}."))


def doubling_check(document: Document, ctx: Context, passages: list[Passage], start: int, end: int,
                   factor: float, qualifier: str, pair: tuple[Fact, Fact] | None) -> Check:
    """翻一番 = ×2, 翻两番 = ×4 (翻N番 = ×2^N), read as ±5 %; 翻一番多/以上 as [2^N, 2^(N+1))."""
    words = ctx.text[start:end]
    s0, s1 = ctx.sentence_of(start)
    passage_id = _passage_id_at(passages, start)
    inputs = [f.fact_id for f in pair] if pair else []
    # the parser's own fact for 翻N番, when it made one: the check is about that figure
    own = next((f.fact_id for f in ctx.text_facts if f.char_start < end and start < f.char_end), "")
    base = dict(check_id=stable_id("c", document.doc_id, "", "multiple", start, *inputs), kind="multiple",
                doc_id=document.doc_id, passage_id=passage_id, quote=ctx.text[s0:s1], stated_value=factor,
                inputs=inputs, stated_fact_id=own)
    if pair is None:
        return Check(**base, verdict="unverifiable",
                     explanation=f"{words} (×{rc.fmt(factor)}): nothing compared, the start and end values are "
                                 "not both stated in the sentence.")
    # 翻番 always names an increase: the larger level over the smaller, whatever order they are written in
    a, b = sorted(pair, key=lambda f: f.value_normalized)
    try:
        rec = rc.recompute_ratio(scaled(interval(a), a.scale), scaled(interval(b), b.scale))
    except KbError as exc:
        return Check(**base, verdict="unverifiable", explanation=f"{words}: nothing compared, {exc}.")
    if qualifier:
        stated, rule = rc.Interval(factor, factor, 2 * factor), f"{words} read as [{rc.fmt(factor)}, {rc.fmt(2 * factor)})"
    else:
        stated, rule = rc.stated_interval(rc.fmt(factor), "约"), f"{words} read as ×{rc.fmt(factor)} ± 5 %"
    verdict = "consistent" if rc.overlaps(stated, rec) else "inconsistent"
    formula = f"{rc.fmt(b.value_normalized / a.scale)} / {rc.fmt(a.value)} = {rc.fmt(rec.value, 2)}倍"
    return Check(**base, formula=formula, recomputed_value=rec.value, tolerance=rc.tolerance(stated, rec),
                 verdict=verdict,
                 explanation=f"{formula} from {where(a)}, {where(b)}, stated {words} ({rule}): {verdict}.")


def rank_check(document: Document, ctx: Context, rank: Fact, members: list[Fact]) -> Check | None:
    """居三省一市第k位: the member's place among the group's n stated members (1 = largest)."""
    s0, _ = ctx.sentence_of(rank.char_start)
    clauses = re.split(r"[，。；,;]", ctx.text[s0:rank.char_start])
    own = [m for m in members if m.subject == rank.subject]
    if len(own) != 1 or group_size(clauses[-1]) != len(members) or rank_orders(clauses[-1]) != "level":
        return None  # 增速居三省一市首位 orders growth rates, not the members' levels
    me = scaled(interval(own[0]), own[0].scale)
    others = [scaled(interval(m), m.scale) for m in members if m is not own[0]]
    surely = sum(o.low > me.high for o in others)
    maybe = sum(o.high >= me.low for o in others)
    verdict = "consistent" if 1 + surely <= rank.value <= 1 + maybe else "inconsistent"
    if verdict == "inconsistent" and rank_orders("".join(clauses[-2:])) != "level":
        return None  # 增长6.1%，居三省一市首位 may order the growth rates: only agreement is told
    formula = f"1 + #{{members above {stated_text(own[0])}}} = {1 + surely}"
    return Check(check_id=stable_id("c", document.doc_id, rank.fact_id, "rank", *[m.fact_id for m in members]),
                 kind="rank", doc_id=document.doc_id, passage_id=rank.passage_id, quote=rank.quote,
                 stated_fact_id=rank.fact_id, stated_value=rank.value, formula=formula,
                 inputs=[m.fact_id for m in members], recomputed_value=float(1 + surely), tolerance=float(maybe - surely),
                 verdict=verdict,
                 explanation=(f"{formula} among {', '.join(where(m) for m in members)}, stated "
                              f"第{rc.fmt(rank.value)}位: {verdict}."))


def named_count_check(document: Document, ctx: Context, passages: list[Passage], found: NamedCount) -> Check:
    """计算机、国防军工、机械设备三个行业: the count word against the number of names listed."""
    s0, s1 = ctx.sentence_of(found.start)
    # the quote is the count's own clause: the claim, not the sentence's other figures
    c0 = max([s0] + [ctx.text.rfind(c, s0, found.start) + 1 for c in "，,；;"])
    ends = [i for i in (ctx.text.find(c, found.end, s1) for c in "，,；;。") if i != -1]
    c1 = min(ends) if ends else s1
    own = next((f for f in ctx.text_facts if f.char_start < found.end and found.start < f.char_end), None)
    words = ctx.text[found.start:found.end]
    verdict, why = judge_count(found)
    listed = "、".join(found.names)
    formula = f"count({listed}) = {'/'.join(str(n) for n in sorted(found.readings))}"
    return Check(check_id=stable_id("c", document.doc_id, own.fact_id if own else "", "set_claim", found.start),
                 kind="set_claim", doc_id=document.doc_id, passage_id=_passage_id_at(passages, found.start),
                 quote=ctx.text[c0:c1], stated_fact_id=own.fact_id if own else "", stated_value=float(found.count),
                 formula=formula, recomputed_value=float(min(found.readings, key=lambda n: abs(n - found.count))),
                 verdict=verdict, explanation=f"{formula} (names listed: {listed}), stated {words} ({why}): {verdict}.")
