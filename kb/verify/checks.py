"""kb verify's engine: recompute every derived figure and judge it (→ kb.models.Check).

check_document finds, for each stated figure of a document, the figures it was
derived from (kb.verify.relations), recomputes it with rounding intervals
(kb.verify.recompute) and explains the verdict in one sentence: formula with numbers
and result, inputs with their fact ids and places, the stated value, and only
the rounding rule that applied (近1倍 read as [0.9, 1]; truncated, not rounded);
the accepted band is in Check.tolerance.
check_across_documents compares the same subject/indicator/unit/year stated in
different documents.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict

from kb.verify import recompute as rc
from kb.errors import KbError
from kb.text.vocab import words
from kb.models import Check, Document, Fact, Passage, Sentence, Table, stable_id
from kb.verify.relations import (Context, Relation, RowGrowth, change_base, doublings, find_relation, group_members,
                          group_size, group_table_members, trade_balance, paragraph_start,
                          sentence_spans, set_claims, share_lists, table_averages,
                          table_growth_cells, complete_parts, per_head_pair,
                          breakdown_parts, exhaustive_parts, structure_shares)

log = logging.getLogger(__name__)
_QUALIFIER_SUFFIXES = words("checks", "qualifier_suffixes")


def _interval(f: Fact) -> rc.Interval:
    return rc.stated_interval(f.value_text or rc.fmt(f.value, 10), f.qualifier, value=f.value)


def _scaled(i: rc.Interval, k: float) -> rc.Interval:
    return rc.Interval(i.value * k, i.low * k, i.high * k)


def _where(f: Fact) -> str:
    """A figure with its citation: 340.53亿元 [f…, chars 10–17] or [f…, 表3 京津冀 总量 2014]."""
    if f.source_kind == "table":
        place = " ".join(x for x in (f.table_id, f.subject, f.indicator, str(f.year or "")) if x)
        return f"{_stated_text(f)} [{f.fact_id}, {place}]"
    return f"{_stated_text(f)} [{f.fact_id}, chars {f.char_start}–{f.char_end}]"


def _stated_text(f: Fact) -> str:
    """The figure as stated, qualifiers in place: 近1倍, 2倍有余, 约185%左右."""
    q = f.qualifier
    post = next((x for x in _QUALIFIER_SUFFIXES if q.endswith(x)), "")
    pre = q[: len(q) - len(post)] if post else q
    return f"{pre}{f.value_text or rc.fmt(f.value)}{f.unit}{post}"


def _rules(facts: list[Fact]) -> list[str]:
    """The rounding rules that applied: one per qualified figure (约 ±5 %, 近X ∈ [0.9X, X] …)."""
    notes = []
    for f in facts:
        note = rc.rule_note(f.value_text or rc.fmt(f.value, 10), f.qualifier, _stated_text(f))
        if note and note not in notes:
            notes.append(note)
    return notes


def _compute(rel: Relation) -> tuple[rc.Interval, str, float, str]:
    """(recomputed interval, formula with numbers, stated value in the formula's unit, unit)."""
    scale = _common_scale(rel.inputs)
    ins = [_scaled(_interval(f), f.scale / scale) for f in rel.inputs]
    # the digits as stated when the input is in the common scale (3068.0, not 3068)
    v = [f.value_text if f.value_text and f.scale == scale else rc.fmt(f.value_normalized / scale)
         for f in rel.inputs]
    s = rel.stated
    down = -1.0 if s.direction == "down" else 1.0
    if rel.kind == "multiple":
        a, b = ins
        if rel.mode == "growth":
            return rc.recompute_multiple(a, b, growth=True), f"{v[1]} / {v[0]} − 1", s.value, "倍"
        return rc.recompute_multiple(a, b, growth=False), f"{v[1]} / {v[0]}", s.value, "倍"
    if rel.kind == "growth" and rel.mode in ("change_up", "change_down"):
        b, d = ins
        falling = rel.mode == "change_down"
        formula = f"−{v[1]} / ({v[0]} + {v[1]})" if falling else f"{v[1]} / ({v[0]} − {v[1]})"
        return rc.recompute_growth_from_change(b, d, down=falling), formula, down * s.value, "%"
    if rel.kind == "growth":
        a, b = ins
        sign = -1.0 if s.direction == "down" and b.value < a.value else 1.0
        return rc.recompute_growth(a, b), f"{v[1]} / {v[0]} − 1", sign * s.value, "%"
    if rel.kind == "cagr":
        a, b = ins
        return rc.recompute_cagr(a, b, rel.years), f"({v[1]} / {v[0]})^(1/{rel.years}) − 1", s.value, "%"
    if rel.kind == "share" and rel.mode == "of_sum":  # a listed part over the sum of all the listed parts
        return (rc.recompute_share(ins[0], rc.recompute_sum(ins)), f"{v[0]} / ({' + '.join(v)})", s.value, "%")
    if rel.kind == "share":
        part, whole = ins
        return rc.recompute_share(part, whole), f"{v[0]} / {v[1]}", s.value, "%"
    if rel.kind == "ratio":
        lo, hi = sorted(range(2), key=lambda i: ins[i].value)
        r = rc.recompute_ratio(ins[lo], ins[hi])
        if rel.mode == "gap_pct":
            return (rc.Interval((r.value - 1) * 100, (r.low - 1) * 100, (r.high - 1) * 100),
                    f"{v[hi]} / {v[lo]} − 1", s.value, "%")
        return r, f"{v[hi]} / {v[lo]}", s.value, "倍"
    if rel.kind == "difference":
        lo, hi = sorted(range(2), key=lambda i: ins[i].value)
        d = rc.recompute_difference(ins[lo], ins[hi])
        return (rc.Interval(d.value * scale / s.scale, d.low * scale / s.scale, d.high * scale / s.scale),
                f"{v[hi]} − {v[lo]}", s.value, s.unit)
    if rel.kind == "average" and rel.members:  # 均值 cell = 总量 / n
        return (rc.recompute_average(_scaled(ins[0], scale / s.scale), rel.members),
                f"{rc.fmt(rel.inputs[0].value_normalized / s.scale)} / {rel.members}", s.value, s.unit)
    if rel.kind == "average" and rel.mode == "per_head":  # 人均 = total / headcount, in base units
        head, total = (_scaled(_interval(f), f.scale / s.scale) for f in rel.inputs)
        return (rc.recompute_ratio(head, total), f"{v[1]} / {v[0]}", s.value, s.unit)
    if rel.kind == "average" and rel.mode == "levels":  # 两省均值 = mean of the members' levels
        mean = rc.recompute_mean([_scaled(i, scale / s.scale) for i in ins])
        return mean, f"({' + '.join(v)}) / {len(v)}", s.value, s.unit
    if rel.kind == "average":  # mean of members' growth: pairs (first, last) per member
        growth = rel.mode == "multiple"
        per = [rc.recompute_multiple(ins[i], ins[i + 1], growth=True) if growth else rc.recompute_growth(ins[i], ins[i + 1])
               for i in range(0, len(ins), 2)]
        terms = ", ".join(f"{v[i + 1]}/{v[i]}" for i in range(0, len(v), 2))
        return (rc.recompute_mean(per), f"mean of ({terms}) − 1", s.value, "倍" if growth else "%")
    if rel.kind == "sum":
        parts = [rc.Interval(i.value * w, i.low * w, i.high * w) for i, w in zip(ins, rel.weights)]
        terms = " + ".join(f"{w} × {x}" if w > 1 else x for x, w in zip(v, rel.weights))
        return rc.recompute_sum(parts), terms, s.value, s.unit
    raise KbError(f"unknown relation kind {rel.kind!r}; use one of kb.verify.checks' kinds")


def ins_for(rel: Relation) -> list[rc.Interval]:
    """The relation's inputs as intervals in the first input's scale."""
    scale = _common_scale(rel.inputs)
    return [_scaled(_interval(f), f.scale / scale) for f in rel.inputs]


def _common_scale(facts: list[Fact]) -> float:
    """Inputs in one scale (the first's) so formulas show the figures as stated."""
    return facts[0].scale if facts and facts[0].scale else 1.0


def _with_unit(x: str, unit: str) -> str:
    return f"{x}{unit}" if unit in ("倍", "") or not unit.isascii() else f"{x} {unit}"


def _make_check(document: Document, rel: Relation, passage_id: str) -> Check | None:
    s = rel.stated
    cid = stable_id("c", document.doc_id, s.fact_id, rel.kind, *[f.fact_id for f in rel.inputs])
    base = dict(check_id=cid, kind=rel.kind, doc_id=document.doc_id, passage_id=passage_id or s.passage_id,
                quote=s.quote, stated_fact_id=s.fact_id, stated_value=s.value, inputs=[f.fact_id for f in rel.inputs])
    if not rel.inputs or rel.reason:
        return Check(**base, verdict="unverifiable",
                     explanation=f"{_stated_text(s)} ({rel.kind}): nothing compared, {rel.reason or 'no base figures'}.")
    try:
        rec, formula, stated_value, unit = _compute(rel)
    except KbError as exc:
        return Check(**base, verdict="unverifiable", explanation=f"{_stated_text(s)}: nothing compared, {exc}.")
    stated = _interval(s)
    if stated_value != s.value:
        stated = rc.Interval(stated_value, -stated.high, -stated.low)
    value_text = s.value_text or rc.fmt(s.value, 10)
    verdict, note = rc.judge(stated, value_text, s.qualifier, rec)
    if rel.kind == "cagr" and verdict == "inconsistent" and not rel.years_certain:
        # the period length came from a period phrase, not from the levels' years: a plan period
        # 2016—2020 may count from 2015, so one year more or less is as likely as the stated n
        a, b = ins_for(rel)
        for n in (rel.years - 1, rel.years + 1):
            if n >= 1 and rc.judge(stated, value_text, s.qualifier, rc.recompute_cagr(a, b, n))[0] == "consistent":
                verdict, note = "unverifiable", (f"the number of years is uncertain (n = {n} fits, n = {rel.years} "
                                                 "does not)")
                break
    if rel.kind == "sum" and verdict == "inconsistent" and rec.high < stated.low and rel.mode != "complete":
        verdict, note = "unverifiable", "the parts listed may not be all members (their sum is below the total)"
    formula_text = f"{formula} = {_with_unit(rc.fmt(rec.value, rc.shown_digits(value_text)), unit)}"
    notes = _rules([s] + rel.inputs) + ([note] if note else [])
    if rel.members:
        notes.append(f"n = {rel.members} members, the 总量/均值 ratio of the row's other columns")
    sign = "−" if stated_value < 0 else ""
    explanation = (f"{formula_text} from {', '.join(_where(f) for f in rel.inputs)}, "
                   f"stated {sign}{_stated_text(s)}{' (' + '; '.join(notes) + ')' if notes else ''}: {verdict}.")
    return Check(**base, formula=formula_text, recomputed_value=rec.value,
                 tolerance=rc.tolerance(stated, rec), verdict=verdict, explanation=explanation)


def check_document(document: Document, passages: list[Passage], sentences: list[Sentence],
                   facts: list[Fact], tables: list[Table]) -> list[Check]:
    """Every derived figure of one document, recomputed and judged."""
    ctx = Context(document.text, sentence_spans(sentences), facts)
    span_of = {p.passage_id: (p.start, p.end) for p in passages}
    checks: list[Check] = []
    seen: set[str] = set()

    def add(check: Check | None) -> None:
        if check is not None and check.check_id not in seen:
            seen.add(check.check_id)
            checks.append(check)

    for f in ctx.text_facts:
        try:
            rel = find_relation(ctx, f, span_of.get(f.passage_id) or _passage_containing(passages, f.char_start))
        except KbError as exc:  # one bad figure never stops the document
            log.info("no relation for %s: %s", f.fact_id, exc)
            continue
        if rel is not None:
            add(_make_check(document, rel, f.passage_id))
    for start, end, named, members in set_claims(ctx):
        add(_set_claim_check(document, ctx, passages, start, end, named, members))
    for s0, s1, shares in share_lists(ctx):
        add(_share_sum_check(document, ctx, s0, s1, shares))
    for start, end, factor, qualifier, pair in doublings(ctx):
        add(_doubling_check(document, ctx, passages, start, end, factor, qualifier, pair))
    for f in ctx.text_facts:
        members = group_members(ctx, f)
        if members:
            add(_make_check(document, Relation("sum", f, inputs=members, weights=[1] * len(members),
                                               where="paragraph"), f.passage_id))
            for r in ctx.text_facts:
                if r.claim_type == "rank" and r.char_start > members[0].char_start:
                    add(_rank_check(document, ctx, r, members))
    for f in ctx.text_facts:
        parts = complete_parts(ctx, f) or breakdown_parts(ctx, f)
        named = None if parts else exhaustive_parts(ctx, f)
        if parts or named:  # named parts (出口/进口) are all the members: a sum below the total is wrong
            add(_make_check(document, Relation("sum", f, inputs=parts or named, weights=[1] * len(parts or named),
                                               mode="complete" if named else "", where="paragraph"), f.passage_id))
        pair = per_head_pair(ctx, f)
        if pair:
            add(_make_check(document, Relation("average", f, inputs=list(pair), mode="per_head",
                                               where="sentence"), f.passage_id))
    for f in ctx.text_facts:
        span = span_of.get(f.passage_id) or _passage_containing(passages, f.char_start)
        balance = trade_balance(ctx, f, paragraph_start(ctx, ctx.sentence_of(f.char_start)[0], span))
        if balance:  # 顺差 = 出口 − 进口
            add(_make_check(document, Relation("difference", f, inputs=list(balance), where="paragraph"),
                            f.passage_id))
        based = change_base(ctx, f)
        if based:  # 比上年增加D = B − last year's A
            add(_make_check(document, Relation("difference", f, inputs=list(based), where="table"
                                               if based[0].source_kind == "table" else "paragraph"), f.passage_id))
        grouped = group_table_members(ctx, f)
        if grouped:  # 两省总量 = Σ members, 两省均值 = their mean
            measure, cells = grouped
            rel = (Relation("sum", f, inputs=cells, weights=[1] * len(cells), where="table") if measure == "sum"
                   else Relation("average", f, inputs=cells, mode="levels", where="table"))
            add(_make_check(document, rel, f.passage_id))
    for member, part, whole in structure_shares(ctx):  # 结构为a∶b∶c: each member = part / whole
        add(_make_check(document, Relation("share", member, inputs=[part, whole], where="paragraph"),
                        member.passage_id))
    for rel in table_growth_cells(ctx):
        add(_make_check(document, rel, rel.stated.passage_id))
    for n, pairs in table_averages(ctx):
        for total, mean in pairs:
            add(_make_check(document, Relation("average", mean, inputs=[total], members=n, where="table"),
                            mean.passage_id))
    return checks


def _rank_check(document: Document, ctx: Context, rank: Fact, members: list[Fact]) -> Check | None:
    """居三省一市第k位: the member's place among the group's n stated members (1 = largest)."""
    s0, _ = ctx.sentence_of(rank.char_start)
    clause = re.split(r"[，。；,;]", ctx.text[s0:rank.char_start])[-1]
    own = [m for m in members if m.subject == rank.subject]
    if len(own) != 1 or group_size(clause) != len(members):
        return None
    me = _scaled(_interval(own[0]), own[0].scale)
    others = [_scaled(_interval(m), m.scale) for m in members if m is not own[0]]
    surely = sum(o.low > me.high for o in others)
    maybe = sum(o.high >= me.low for o in others)
    verdict = "consistent" if 1 + surely <= rank.value <= 1 + maybe else "inconsistent"
    formula = f"1 + #{{members above {_stated_text(own[0])}}} = {1 + surely}"
    return Check(check_id=stable_id("c", document.doc_id, rank.fact_id, "rank", *[m.fact_id for m in members]),
                 kind="rank", doc_id=document.doc_id, passage_id=rank.passage_id, quote=rank.quote,
                 stated_fact_id=rank.fact_id, stated_value=rank.value, formula=formula,
                 inputs=[m.fact_id for m in members], recomputed_value=float(1 + surely), tolerance=float(maybe - surely),
                 verdict=verdict,
                 explanation=(f"{formula} among {', '.join(_where(m) for m in members)}, stated "
                              f"第{rc.fmt(rank.value)}位: {verdict}."))


def _share_sum_check(document: Document, ctx: Context, s0: int, s1: int, shares: list[Fact]) -> Check:
    """三次产业…比重分别为a%、b%、c%: all the parts of one whole add up to 100 %, within rounding."""
    total = rc.recompute_sum([_interval(f) for f in shares])
    whole = rc.exact(100.0)
    verdict = "consistent" if rc.overlaps(whole, total) else "inconsistent"
    digits = max(rc.shown_digits(f.value_text or rc.fmt(f.value, 10)) for f in shares)
    formula = f"{' + '.join(f.value_text or rc.fmt(f.value) for f in shares)} = {rc.fmt(total.value, digits)} %"
    notes = _rules(shares)
    return Check(check_id=stable_id("c", document.doc_id, "", "sum", *[f.fact_id for f in shares]), kind="sum",
                 doc_id=document.doc_id, passage_id=shares[0].passage_id, quote=ctx.text[s0:s1],
                 stated_value=100.0, formula=formula, inputs=[f.fact_id for f in shares],
                 recomputed_value=total.value, tolerance=total.half_width, verdict=verdict,
                 explanation=(f"{formula} from {', '.join(_where(f) for f in shares)}, stated 100 % (all the parts "
                              f"of one whole, each ± half a unit of its last digit"
                              f"{'; ' + '; '.join(notes) if notes else ''}): {verdict}."))


def _doubling_check(document: Document, ctx: Context, passages: list[Passage], start: int, end: int,
                    factor: float, qualifier: str, pair: tuple[Fact, Fact] | None) -> Check:
    """翻一番 = ×2, 翻两番 = ×4 (翻N番 = ×2^N), read as ±5 %; 翻一番多/以上 as [2^N, 2^(N+1))."""
    words = ctx.text[start:end]
    s0, s1 = ctx.sentence_of(start)
    pos = _passage_containing(passages, start)
    passage_id = next((p.passage_id for p in passages if pos and p.start == pos[0]), "")
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
        rec = rc.recompute_ratio(_scaled(_interval(a), a.scale), _scaled(_interval(b), b.scale))
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
                 explanation=f"{formula} from {_where(a)}, {_where(b)}, stated {words} ({rule}): {verdict}.")


def _passage_containing(passages: list[Passage], pos: int) -> tuple[int, int] | None:
    for p in passages:
        if p.start <= pos < p.end:
            return p.start, p.end
    return None


def _set_claim_check(document: Document, ctx: Context, passages: list[Passage], start: int, end: int,
                     named: list[RowGrowth], members: list[RowGrowth]) -> Check:
    """'A、B、C均超平均水平': each named row's growth against the mean growth of its group."""
    def iv(r: RowGrowth) -> rc.Interval:
        return rc.recompute_ratio(_interval(r.first), _interval(r.last))
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
    pos = _passage_containing(passages, start)
    passage_id = next((p.passage_id for p in passages if pos and p.start == pos[0]), "")
    inputs = [f.fact_id for r in members for f in (r.first, r.last)]
    return Check(check_id=stable_id("c", document.doc_id, "", "set_claim", start, *inputs), kind="set_claim",
                 doc_id=document.doc_id, passage_id=passage_id, quote=ctx.text[s0:s1],
                 formula=formula, inputs=inputs, recomputed_value=mean.value, tolerance=mean.half_width,
                 verdict=verdict,
                 explanation=(f"'{ctx.text[start:end]}' checked against {members[0].first.table_id}: {formula} "
                              f"(ratios {members[0].first.year}→{members[0].last.year}, the average taken as the mean "
                              f"over the group's rows); {note}: {verdict}."))


def check_across_documents(facts: list[Fact]) -> list[Check]:
    """Same subject, indicator, unit and year stated in different documents: agree or not."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.source_kind != "text" or not f.subject or not f.indicator or f.year is None:
            continue
        if f.claim_type in ("rank",):
            continue
        groups[(f.subject, f.indicator, f.unit_normalized, f.year, f.claim_type)].append(f)
    checks = []
    for key, group in sorted(groups.items(), key=lambda kv: str(kv[0])):
        by_doc: dict[str, Fact] = {}
        for f in sorted(group, key=lambda f: (f.doc_id, f.char_start)):
            by_doc.setdefault(f.doc_id, f)
        docs = sorted(by_doc)
        for other in docs[1:]:
            a, s = by_doc[docs[0]], by_doc[other]
            ia = rc.stated_interval(a.value_text or rc.fmt(a.value_normalized, 10), a.qualifier, value=a.value)
            # compare in normalised units, each with its own rounding
            ia = rc.Interval(ia.value * a.scale, ia.low * a.scale, ia.high * a.scale)
            si = _interval(s)
            si = rc.Interval(si.value * s.scale, si.low * s.scale, si.high * s.scale)
            verdict, note = rc.judge(si, s.value_text or rc.fmt(s.value, 10), s.qualifier, ia)
            if note:
                verdict, note = "inconsistent", ""
            expl = (f"{key[0]} {key[1]} {key[3]}: {_stated_text(s)} in {s.doc_id} ({s.fact_id}) vs "
                    f"{_stated_text(a)} in {a.doc_id} ({a.fact_id}), intervals {rc.fmt(si.low)}–{rc.fmt(si.high)} "
                    f"and {rc.fmt(ia.low)}–{rc.fmt(ia.high)} {key[2]}: {verdict}.")
            checks.append(Check(
                check_id=stable_id("c", s.doc_id, s.fact_id, "cross_document", a.fact_id),
                kind="cross_document", doc_id=s.doc_id, passage_id=s.passage_id, quote=s.quote,
                stated_fact_id=s.fact_id, stated_value=s.value,
                formula=f"{rc.fmt(s.value_normalized)} vs {rc.fmt(a.value_normalized)} {key[2]}",
                inputs=[a.fact_id], recomputed_value=a.value_normalized,
                tolerance=ia.half_width + si.half_width, verdict=verdict, explanation=expl))
    return checks
