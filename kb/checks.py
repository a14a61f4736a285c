"""kb verify's engine: recompute every derived figure and judge it (→ kb.models.Check).

check_document finds, for each stated figure of a document, the figures it was
derived from (kb.relations), recomputes it with rounding intervals
(kb.recompute) and explains the verdict in one sentence: formula with numbers,
inputs with their fact ids and places, recomputed and stated values.
check_across_documents compares the same subject/indicator/unit/year stated in
different documents.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from kb import recompute as rc
from kb.errors import KbError
from kb.models import Check, Document, Fact, Passage, Sentence, Table, stable_id
from kb.relations import Context, Relation, find_relation, sentence_spans

log = logging.getLogger(__name__)

RULES = ("rounding: a figure stands for ± half a unit of its last digit; 约/左右 ±5 %, "
         "近X ∈ [0.9X, X], 超/逾/以上/有余 ∈ [X, X + one unit), 不到/不足 ∈ [X − one unit, X)")


def _interval(f: Fact) -> rc.Interval:
    return rc.stated_interval(f.value_text or rc.fmt(f.value, 10), f.qualifier, value=f.value)


def _scaled(i: rc.Interval, k: float) -> rc.Interval:
    return rc.Interval(i.value * k, i.low * k, i.high * k)


def _where(f: Fact) -> str:
    if f.source_kind == "table":
        return f"{f.fact_id} ({f.table_id}: {f.subject} {f.indicator} {f.year or ''})".replace("  ", " ")
    return f"{f.fact_id} (chars {f.char_start}–{f.char_end})"


def _stated_text(f: Fact) -> str:
    return f"{f.qualifier if f.qualifier and f.qualifier not in ('余', '有余', '以上', '左右') else ''}" \
           f"{f.value_text or rc.fmt(f.value)}{f.unit}" \
           f"{f.qualifier if f.qualifier in ('余', '有余', '以上', '左右') else ''}"


def _compute(rel: Relation) -> tuple[rc.Interval, str, float, str]:
    """(recomputed interval, formula with numbers, stated value in the formula's unit, unit)."""
    scale = _common_scale(rel.inputs)
    ins = [_scaled(_interval(f), f.scale / scale) for f in rel.inputs]
    v = [rc.fmt(f.value_normalized / scale) for f in rel.inputs]
    s = rel.stated
    if rel.kind == "multiple":
        a, b = ins
        if rel.mode == "growth":
            return rc.recompute_multiple(a, b, growth=True), f"{v[1]} / {v[0]} − 1", s.value, "倍"
        return rc.recompute_multiple(a, b, growth=False), f"{v[1]} / {v[0]}", s.value, "倍"
    if rel.kind == "growth":
        a, b = ins
        sign = -1.0 if s.direction == "down" and b.value < a.value else 1.0
        return rc.recompute_growth(a, b), f"({v[1]} / {v[0]} − 1) × 100", sign * s.value, "%"
    if rel.kind == "cagr":
        a, b = ins
        return rc.recompute_cagr(a, b, rel.years), f"(({v[1]} / {v[0]})^(1/{rel.years}) − 1) × 100", s.value, "%"
    if rel.kind == "share":
        part, whole = ins
        return rc.recompute_share(part, whole), f"{v[0]} / {v[1]} × 100", s.value, "%"
    if rel.kind == "ratio":
        lo, hi = sorted(range(2), key=lambda i: ins[i].value)
        r = rc.recompute_ratio(ins[lo], ins[hi])
        if rel.mode == "gap_pct":
            return (rc.Interval((r.value - 1) * 100, (r.low - 1) * 100, (r.high - 1) * 100),
                    f"({v[hi]} / {v[lo]} − 1) × 100", s.value, "%")
        return r, f"{v[hi]} / {v[lo]}", s.value, "倍"
    if rel.kind == "difference":
        lo, hi = sorted(range(2), key=lambda i: ins[i].value)
        d = rc.recompute_difference(ins[lo], ins[hi])
        scale = _common_scale(rel.inputs)
        return (rc.Interval(d.value * scale / s.scale, d.low * scale / s.scale, d.high * scale / s.scale),
                f"{v[hi]} − {v[lo]}", s.value, s.unit)
    if rel.kind == "sum":
        parts = [rc.Interval(i.value * w, i.low * w, i.high * w) for i, w in zip(ins, rel.weights)]
        terms = " + ".join(f"{w} × {x}" if w > 1 else x for x, w in zip(v, rel.weights))
        return rc.recompute_sum(parts), terms, s.value, s.unit
    raise KbError(f"unknown relation kind {rel.kind!r}; use one of kb.checks' kinds")


def _common_scale(facts: list[Fact]) -> float:
    """Inputs in one scale (the first's) so formulas show the figures as stated."""
    return facts[0].scale if facts and facts[0].scale else 1.0


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
    verdict, note = rc.judge(stated, s.value_text or rc.fmt(s.value, 10), s.qualifier, rec)
    if rel.kind == "sum" and verdict == "inconsistent" and rec.high < stated.low:
        verdict, note = "unverifiable", "the parts listed may not be all members (their sum is below the total)"
    where = ", ".join(_where(f) for f in rel.inputs)
    formula_text = f"{formula} = {rc.fmt(rec.value)}{'' if unit in ('倍',) else ' ' + unit}".rstrip()
    explanation = (f"{formula_text} (interval {rc.fmt(rec.low)}–{rc.fmt(rec.high)}) from {where}, "
                   f"stated {_stated_text(s)} (interval {rc.fmt(stated.low)}–{rc.fmt(stated.high)}): {verdict}"
                   f"{'; ' + note if note else ''} [{RULES}].")
    return Check(**base, formula=formula_text, recomputed_value=rec.value,
                 tolerance=rc.tolerance(stated, rec), verdict=verdict, explanation=explanation)


def check_document(document: Document, passages: list[Passage], sentences: list[Sentence],
                   facts: list[Fact], tables: list[Table]) -> list[Check]:
    """Every derived figure of one document, recomputed and judged."""
    ctx = Context(document.text, sentence_spans(sentences), facts)
    pid_of = {}
    for p in passages:
        pid_of[(p.start, p.end)] = p.passage_id
    checks: list[Check] = []
    seen: set[str] = set()
    for f in ctx.text_facts:
        try:
            rel = find_relation(ctx, f)
        except KbError as exc:  # one bad figure never stops the document
            log.info("no relation for %s: %s", f.fact_id, exc)
            continue
        if rel is None:
            continue
        check = _make_check(document, rel, f.passage_id)
        if check is not None and check.check_id not in seen:
            seen.add(check.check_id)
            checks.append(check)
    return checks


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
