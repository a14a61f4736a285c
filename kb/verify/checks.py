"""kb verify's engine: recompute every derived figure and judge it (→ kb.models.Check).

check_document finds, for each stated figure of a document, the figures it was
derived from (kb.verify.relations), recomputes it with rounding intervals
(kb.verify.formulas, kb.verify.recompute) and explains the verdict in one sentence:
formula with numbers and result, inputs with their fact ids and places, the stated
value, and only the rounding rule that applied (近1倍 read as [0.9, 1]; truncated, not
rounded); the accepted band is in Check.tolerance. Claims about several figures at once
(set claims, share lists, 翻番, ranks) are judged by kb.verify.claim_checks.
check_across_documents compares the same subject/indicator/unit/year stated in
different documents.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from kb.errors import KbError
from kb.models import Check, Document, Fact, Passage, Sentence, Table, stable_id
from kb.verify import recompute as rc
from kb.verify.citing import interval, passage_span_at, rounding_rules, scaled, stated_text, where
from kb.verify.discipline import linked_with_confidence, review
from kb.verify.restated import restatement_checks
from kb.verify.restated_cells import restated_cell_checks
from kb.verify.share_change import share_change_relations
from kb.verify.restated_counts import restated_counts
from kb.verify.index_checks import index_checks
from kb.verify.table_checks import table_checks
from kb.verify.table_shares import table_share_checks
from kb.verify.place_counts import place_count_checks
from kb.verify.table_blocks import block_checks
from kb.verify.ranked_rows import ranking_checks
from kb.verify.place_ranks import place_rank_checks
from kb.verify.pair_ratio import pair_ratio_checks
from kb.verify.row_thresholds import row_threshold_checks
from kb.verify.bound_figures import bound_checks
from kb.verify.each_total import each_total_checks
from kb.verify.claim_checks import (doubling_check, named_count_check, rank_check, set_claim_check,
                                    share_sum_check)
from kb.verify.relations.components import component_relations
from kb.verify.relations.identities import identity_relations, rate_relations
from kb.verify.relations.name_counts import named_counts
from kb.verify.relations.elasticity import elasticity_relation
from kb.verify.relations.ground import is_comparand
from kb.verify.relations.named_rows import named_rows_total
from kb.verify.relations.quarter_sums import quarter_sum
from kb.verify.relations.per_population import per_capita_relation, per_population_relation, vital_rate_relation
from kb.verify.relations.quotients import per_unit_quotient
from kb.verify.relations.pulls import pull_relation
from kb.verify.formulas import compute, input_intervals
from kb.verify.relations import (Context, Relation, breakdown_parts, breakdown_relations, change_base, is_prior_level,
                                 change_breakdown_relations, complete_parts, doublings, increment_rate_relations,
                                 exhaustive_parts, exhaustive_parts_later, find_relation, group_members,
                                 group_table_members,
                                 paragraph_start, per_head_pair, sentence_spans, set_claims, share_lists,
                                 structure_shares, table_averages, table_growth_cells, table_margin_cells,
                                 trade_balance)

log = logging.getLogger(__name__)


def _with_unit(x: str, unit: str) -> str:
    return f"{x}{unit}" if unit in ("倍", "") or not unit.isascii() else f"{x} {unit}"


def _uncertain_years(rel: Relation, stated: rc.Interval, value_text: str) -> str:
    """For an inconsistent CAGR whose period length came from a period phrase, not from the
    levels' years (a plan period 2016—2020 may count from 2015): the note when one year more or
    less fits, else ''."""
    a, b = input_intervals(rel)
    for n in (rel.years - 1, rel.years + 1):
        if n >= 1 and rc.judge(stated, value_text, rel.stated.qualifier, rc.recompute_cagr(a, b, n))[0] == "consistent":
            return f"the number of years is uncertain (n = {n} fits, n = {rel.years} does not)"
    return ""


def _members_note(rel: Relation) -> str:
    """What the n of an average is: a table row's members, the days or the years the total covers."""
    if rel.where == "table":
        return f"n = {rel.members} members, the 总量/均值 ratio of the row's other columns"
    if rel.mode == "per_day":
        return f"n = {rel.members} days, the calendar days of the period"
    if rel.mode == "per_stated_day":
        return f"n = {rel.members} days, as the text states"
    return f"n = {rel.members} years, the span the total covers"


def _verdict(rel: Relation, stated: rc.Interval, rec: rc.Interval, value_text: str) -> tuple[str, str]:
    """(verdict, note) of the stated interval against the recomputed one, with the doubts that make
    an inconsistency unverifiable: an uncertain CAGR period, listed parts whose sum is below the total
    (they may not be all its members), and the relation's own doubt (which also keeps a match only
    by truncation from counting as agreement)."""
    verdict, note = rc.judge(stated, value_text, rel.stated.qualifier, rec)
    if not (math.isfinite(rec.low) and math.isfinite(rec.high)):
        return "unverifiable", "an input is an open bound (超过X, 不到X), not a value to compute with"
    if rel.kind == "cagr" and verdict == "inconsistent" and not rel.years_certain:
        doubt = _uncertain_years(rel, stated, value_text)
        if doubt:
            verdict, note = "unverifiable", doubt
    if rel.kind == "sum" and verdict == "inconsistent" and rec.high < stated.low and rel.mode != "complete":
        verdict, note = "unverifiable", "the parts listed may not be all members (their sum is below the total)"
    if rel.doubt and verdict == "inconsistent":
        verdict, note = "unverifiable", rel.doubt
    if rel.doubt and note == rc.TRUNCATED:
        # an input chosen among several is no base to stretch the rounding for: only agreement counts
        verdict, note = "unverifiable", rel.doubt
    return verdict, note


def decimal_slip(stated: float, recomputed: float) -> list[str]:
    """A note when the stated figure is the recomputed one times a power of ten (80.8% against
    8.08%): a misplaced decimal point or a dropped digit, in it or in one of its inputs."""
    if stated == 0 or recomputed == 0 or (stated > 0) != (recomputed > 0):
        return []
    power = round(math.log10(stated / recomputed))
    if power == 0 or abs(stated / recomputed / 10 ** power - 1) > 0.01:
        return []
    return [f"the stated figure is {10 ** power:g}× the recomputed one: a misplaced decimal point or a "
            "dropped digit in one of the figures?"]


def make_check(document: Document, rel: Relation, passage_id: str) -> Check:
    """The Check of one relation: recomputed, judged and explained (unverifiable when the
    relation has no inputs or the arithmetic is impossible)."""
    s = rel.stated
    cid = stable_id("c", document.doc_id, s.fact_id, rel.kind, *[f.fact_id for f in rel.inputs])
    base = dict(check_id=cid, kind=rel.kind, doc_id=document.doc_id, passage_id=passage_id or s.passage_id,
                quote=s.quote, stated_fact_id=s.fact_id, stated_value=s.value, inputs=[f.fact_id for f in rel.inputs],
                where=rel.where)
    if not rel.inputs or rel.reason:
        return Check(**base, verdict="unverifiable",
                     explanation=f"{stated_text(s)} ({rel.kind}): nothing compared, {rel.reason or 'no base figures'}.")
    try:
        rec, formula, stated_value, unit = compute(rel)
    except KbError as exc:
        return Check(**base, verdict="unverifiable", explanation=f"{stated_text(s)}: nothing compared, {exc}.")
    stated = interval(s)
    if stated_value != s.value:
        stated = rc.Interval(stated_value, -stated.high, -stated.low)
    value_text = s.value_text or rc.fmt(s.value, 10)
    verdict, note = _verdict(rel, stated, rec, value_text)
    formula_text = f"{formula} = {_with_unit(rc.fmt(rec.value, rc.shown_digits(value_text)), unit)}"
    notes = rounding_rules([s] + rel.inputs) + ([note] if note else [])
    if rel.members:
        notes.append(_members_note(rel))
    if verdict == "inconsistent":
        notes += decimal_slip(stated_value, rec.value)
    sign = "−" if stated_value < 0 and not (s.value_text or "").startswith(("-", "−")) else ""
    explanation = (f"{formula_text} from {', '.join(where(f) for f in rel.inputs)}, "
                   f"stated {sign}{stated_text(s)}{' (' + '; '.join(notes) + ')' if notes else ''}: {verdict}.")
    return Check(**base, formula=formula_text, recomputed_value=rec.value,
                 tolerance=rc.tolerance(stated, rec), verdict=verdict, explanation=explanation)


@dataclass
class _Doc:
    """One document as the check finders see it."""

    document: Document
    ctx: Context
    passages: list[Passage]
    span_of: dict[str, tuple[int, int]] = field(default_factory=dict)

    def span(self, f: Fact) -> tuple[int, int] | None:
        """The span of the figure's passage."""
        return self.span_of.get(f.passage_id) or passage_span_at(self.passages, f.char_start)

    def check(self, rel: Relation, passage_id: str) -> Check:
        """The Check of one relation of this document."""
        return make_check(self.document, rel, passage_id)


def _figure_checks(d: _Doc) -> Iterator[Check | None]:
    """Each stated figure's relation to its bases (find_relation)."""
    for f in d.ctx.text_facts:
        try:
            rel = find_relation(d.ctx, f, d.span(f))
        except KbError as exc:  # one bad figure never stops the document
            log.info("no relation for %s: %s", f.fact_id, exc)
            continue
        if rel is not None:
            yield d.check(rel, f.passage_id)


def _set_claim_checks(d: _Doc) -> Iterator[Check | None]:
    """A、B均超平均水平 over a table's rows."""
    for start, end, named, members in set_claims(d.ctx):
        yield set_claim_check(d.document, d.ctx, d.passages, start, end, named, members)


def _named_count_checks(d: _Doc) -> Iterator[Check | None]:
    """A、B、C三个行业 / 有4个行业…，包括A、B、C、D: the count against the names listed."""
    for found in named_counts(d.ctx):
        yield named_count_check(d.document, d.ctx, d.passages, found)


def _share_list_checks(d: _Doc) -> Iterator[Check | None]:
    """三次产业…比重分别为a%、b%、c%: the parts of one whole sum to 100 %."""
    for s0, s1, shares in share_lists(d.ctx):
        yield share_sum_check(d.document, d.ctx, s0, s1, shares)


def _doubling_checks(d: _Doc) -> Iterator[Check | None]:
    """翻N番 = ×2^N."""
    for start, end, factor, qualifier, pair in doublings(d.ctx):
        yield doubling_check(d.document, d.ctx, d.passages, start, end, factor, qualifier, pair)


def _group_checks(d: _Doc) -> Iterator[Check | None]:
    """A total over a named group (三省一市) = the sum of its members, and 居…第k位 their order."""
    for f in d.ctx.text_facts:
        members = group_members(d.ctx, f)
        if not members:
            continue
        yield d.check(Relation("sum", f, inputs=members, weights=[1] * len(members), where="paragraph"),
                      f.passage_id)
        for r in d.ctx.text_facts:
            if r.claim_type == "rank" and r.char_start > members[0].char_start:
                yield rank_check(d.document, d.ctx, r, members)


def _parts_checks(d: _Doc) -> Iterator[Check | None]:
    """A whole = the sum of its complete, broken-down or exhaustively named parts; 人均 = total /
    headcount; a figure per unit (单产, 均价, 人均GDP) = the quotient of its two levels."""
    for f in d.ctx.text_facts:
        if is_prior_level(d.ctx, f) or is_comparand(d.ctx, f):
            continue   # 上年同期为806.3亿元。按经营地分，… / 比上年同期（2498.2亿元）…。其中，出口…: what is
            # listed next is this period's
        parts = complete_parts(d.ctx, f) or breakdown_parts(d.ctx, f)
        named = None if parts else exhaustive_parts(d.ctx, f)
        if parts or named:  # named parts (出口/进口) are all the members: a sum below the total is wrong
            yield d.check(Relation("sum", f, inputs=parts or named, weights=[1] * len(parts or named),
                                   mode="complete" if named else "", where="paragraph"), f.passage_id)
        later = None if parts or named else exhaustive_parts_later(d.ctx, f)
        if later:   # found by name in a later section: agreement only
            yield d.check(Relation("sum", f, inputs=later, weights=[1] * len(later), mode="complete", where="document",
                                   doubt="the parts were found by name in a later paragraph: the total they add up "
                                         "to may be another figure of that name"), f.passage_id)
        pair = per_head_pair(d.ctx, f)
        if pair:
            yield d.check(Relation("average", f, inputs=list(pair), mode="per_head", where="quotient"), f.passage_id)
        quotient = per_unit_quotient(d.ctx, f) or per_capita_relation(d.ctx, f) or vital_rate_relation(d.ctx, f) \
            or quarter_sum(d.ctx, f)
        if quotient:
            yield d.check(quotient, f.passage_id)


def _paragraph_checks(d: _Doc) -> Iterator[Check | None]:
    """顺差 = 出口 − 进口; 比上年增加D = B − last year's A; 两省总量/均值 over a table's rows; a total
    over the table rows the text names."""
    ctx = d.ctx
    for f in ctx.text_facts:
        balance = trade_balance(ctx, f, paragraph_start(ctx, ctx.sentence_of(f.char_start)[0], d.span(f)))
        if balance:
            yield d.check(Relation("difference", f, inputs=list(balance), where="paragraph"), f.passage_id)
        based = change_base(ctx, f)
        if based:
            where_ = "table" if based[0].source_kind == "table" else "paragraph"
            yield d.check(Relation("difference", f, inputs=list(based), where=where_), f.passage_id)
        named = named_rows_total(ctx, f)
        if named:
            yield d.check(Relation("sum", f, inputs=named, weights=[1] * len(named), mode="complete", where="table"),
                          f.passage_id)
        grouped = group_table_members(ctx, f)
        if grouped:
            measure, cells = grouped
            rel = (Relation("sum", f, inputs=cells, weights=[1] * len(cells), where="table") if measure == "sum"
                   else Relation("average", f, inputs=cells, mode="levels", where="table"))
            yield d.check(rel, f.passage_id)


def _breakdown_checks(d: _Doc) -> Iterator[Check | None]:
    """A total and the parts listed after 其中, or a statistical identity's whole (存差 = 存款 −
    贷款) and its parts: their sum, and the total's growth from theirs."""
    for f in d.ctx.text_facts:
        rels = breakdown_relations(d.ctx, f) + change_breakdown_relations(d.ctx, f) + identity_relations(d.ctx, f) \
            + component_relations(d.ctx, f) + increment_rate_relations(d.ctx, f)
        own = [r for r in (pull_relation(d.ctx, f), elasticity_relation(d.ctx, f), per_population_relation(d.ctx, f))
               if r is not None]
        for rel in rels + rate_relations(d.ctx, f) + own:
            yield d.check(rel, rel.stated.passage_id)


def _structure_checks(d: _Doc) -> Iterator[Check | None]:
    """结构为a∶b∶c: each member = part / whole."""
    for member, part, whole, doubt in structure_shares(d.ctx):
        yield d.check(Relation("share", member, inputs=[part, whole], where="paragraph", doubt=doubt),
                      member.passage_id)


def _table_checks(d: _Doc) -> Iterator[Check | None]:
    """A table's growth column against its year columns; 均值 = 总量 / n; 毛利率 against revenue and cost."""
    for rel in table_growth_cells(d.ctx) + table_margin_cells(d.ctx):
        yield d.check(rel, rel.stated.passage_id)
    for n, pairs in table_averages(d.ctx):
        for total, mean in pairs:
            yield d.check(Relation("average", mean, inputs=[total], members=n, where="table"), mean.passage_id)


# the finders of a document's checks, in the order their checks are listed (the first of two
# checks with one id is kept)
DOCUMENT_CHECKS: tuple[Callable[[_Doc], Iterator[Check | None]], ...] = (
    _figure_checks, _set_claim_checks, _named_count_checks, _share_list_checks, _doubling_checks, _breakdown_checks, _group_checks,
    _parts_checks, _paragraph_checks, _structure_checks, _table_checks,
)


def check_document(document: Document, passages: list[Passage], sentences: list[Sentence],
                   facts: list[Fact], tables: list[Table]) -> list[Check]:
    """Every derived figure of one document, recomputed and judged."""
    d = _Doc(document, Context(document.text, sentence_spans(sentences), facts), passages,
             {p.passage_id: (p.start, p.end) for p in passages})
    checks: list[Check] = []
    seen: set[str] = set()
    by_id = {f.fact_id: f for f in facts}
    found = [check for finder in DOCUMENT_CHECKS for check in finder(d)] + table_checks(document, tables, facts, d.ctx)
    found += index_checks(document, d.ctx)
    judged = {(c.stated_fact_id, c.kind) for c in found if c is not None and c.verdict != "unverifiable"}
    found += [c for t in tables for c in block_checks(document, t, d.ctx.table_facts)
              if (c.stated_fact_id, c.kind) not in judged]  # a 其中 list the text checks already
    found += [c for c in table_share_checks(document, tables, facts) if (c.stated_fact_id, c.kind) not in judged]
    found += ranking_checks(document, d.ctx, tables) + pair_ratio_checks(document, d.ctx)
    found += row_threshold_checks(document, d.ctx, tables) + bound_checks(document, d.ctx)
    found += each_total_checks(document, d.ctx) + place_rank_checks(document, d.ctx)
    found += place_count_checks(document, d.ctx)
    for check in found:
        if check is not None and check.check_id not in seen:
            seen.add(check.check_id)
            checks.append(review(check, by_id))
    changes = [make_check(document, rel, rel.stated.passage_id) for rel in share_change_relations(d.ctx, checks, by_id)]
    worked = {(c.stated_fact_id, c.kind) for c in changes}   # they replace a "not stated" unverifiable check
    checks = [c for c in checks if c.verdict != "unverifiable" or (c.stated_fact_id, c.kind) not in worked] + changes
    checks += restatement_checks(document, d.ctx, checks)
    checks += restated_cell_checks(document, d.ctx, checks)
    checks += restated_counts(document, d.ctx, checks)
    return upstream_named(judged_first(checks), by_id)


def upstream_named(checks: list[Check], facts: dict[str, Fact]) -> list[Check]:
    """Inconsistent checks whose input is the stated figure of another inconsistent check (one that
    does not in turn rest on theirs) say so: 前100位企业销售收入合计2413.5亿元 is below the sum of the top
    50, so the share 2413.5 / 29855 ≠ 80.8% points at 2413.5, not at 80.8%. The verdict stays (the
    figures do not agree); the explanation names where the error more likely lies."""
    wrong = {c.stated_fact_id: c for c in checks if c.verdict == "inconsistent" and c.stated_fact_id}
    out = []
    for c in checks:
        culprit = next((wrong[i] for i in c.inputs if i in wrong and i != c.stated_fact_id
                        and c.stated_fact_id not in wrong[i].inputs), None) if c.verdict == "inconsistent" else None
        if culprit is not None and culprit.stated_fact_id in facts:
            note = (f" Its input {stated_text(facts[culprit.stated_fact_id])} is itself inconsistent with other figures "
                    f"({culprit.formula}): the error more likely lies there than in the stated figure.")
            c = c.model_copy(update={"explanation": c.explanation + note})
        out.append(c)
    return out


def judged_first(checks: list[Check]) -> list[Check]:
    """The checks without the unverifiable ones of a figure that another relation judged: a
    figure found consistent (or inconsistent) is not also listed as one kb could not judge."""
    judged = {c.stated_fact_id for c in checks if c.stated_fact_id and c.verdict != "unverifiable"}
    return [c for c in checks if c.verdict != "unverifiable" or c.stated_fact_id not in judged]


def names_subject(fact: Fact) -> bool:
    """True when the fact's own sentence names its subject (so the link is not a guess from context)."""
    from kb.text.gazetteer import aliases

    names = aliases(fact.subject_key) | {fact.subject, fact.subject_key} if fact.subject_key else set()
    return any(n and n in fact.quote for n in names)


def cross_document_key(f: Fact) -> Optional[tuple]:
    """The group a fact is compared in across documents (same subject, indicator, unit, year,
    measure, scope, basis and period), or None for a fact these checks leave out."""
    if f.source_kind != "text" or not f.subject_key or not f.indicator_key or f.year is None:
        return None
    if f.claim_type in ("rank",) or f.status not in ("actual", "preliminary") or not names_subject(f) \
            or not linked_with_confidence(f):
        return None
    return (f.subject_key, f.indicator_key, f.unit_normalized, f.year, f.measure, f.scope, f.basis,
            f.period_start_month, f.period_end_month)


def check_across_documents(facts: Iterable[Fact]) -> list[Check]:
    """Same subject, indicator, unit and year stated in different documents: agree or not."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        key = cross_document_key(f)
        if key is not None:
            groups[key].append(f)
    checks = []
    for key, group in sorted(groups.items(), key=lambda kv: str(kv[0])):
        by_doc: dict[str, Fact] = {}
        for f in sorted(group, key=lambda f: (f.doc_id, f.char_start)):
            by_doc.setdefault(f.doc_id, f)
        checks += group_checks(key, by_doc)
    return checks


def first_of_each_document(facts: Iterable[Fact]) -> dict[tuple, dict[str, tuple[int, str]]]:
    """Group key → doc_id → (char_start, fact_id) of the document's first fact in the group (the
    lowest char_start, the earliest given among equal ones): what ``check_across_documents``
    compares, without holding the facts. Groups in the order their first fact comes."""
    groups: dict[tuple, dict[str, tuple[int, str]]] = {}
    for f in facts:
        key = cross_document_key(f)
        if key is None:
            continue
        firsts = groups.setdefault(key, {})
        held = firsts.get(f.doc_id)
        if held is None or f.char_start < held[0]:
            firsts[f.doc_id] = (f.char_start, f.fact_id)
    return groups


def stream_across_documents(facts: Iterable[Fact], fetch: Callable[[list[str]], dict[str, Fact]],
                            batch: int = 2000) -> Iterator[Check]:
    """``check_across_documents(facts)``, the same checks in the same order, holding only a
    (char_start, fact_id) per group and document: ``facts`` (an iterator over a whole store, say)
    is read once, then the facts compared are read again through ``fetch(fact_ids)`` (fact_id →
    Fact), about ``batch`` at a time, and their checks yielded group by group."""
    groups = first_of_each_document(facts)
    compared = [(key, firsts) for key, firsts in sorted(groups.items(), key=lambda kv: str(kv[0]))
                if len(firsts) > 1]
    del groups
    start = 0
    while start < len(compared):
        end, wanted = start, 0
        while end < len(compared) and (wanted == 0 or wanted + len(compared[end][1]) <= batch):
            wanted += len(compared[end][1])
            end += 1
        found = fetch([fid for _, firsts in compared[start:end] for _, fid in firsts.values()])
        for key, firsts in compared[start:end]:
            yield from group_checks(key, {doc: found[fid] for doc, (_, fid) in sorted(firsts.items())})
        start = end


def group_checks(key: tuple, by_doc: dict[str, Fact]) -> list[Check]:
    """The checks of one group of ``check_across_documents``: each document's first fact
    (``by_doc``) against the first document's."""
    checks = []
    docs = sorted(by_doc)
    for other in docs[1:]:
        a, s = by_doc[docs[0]], by_doc[other]
        ia = rc.stated_interval(a.value_text or rc.fmt(a.value_normalized, 10), a.qualifier, value=a.value)
        # compare in normalised units, each with its own rounding
        ia = scaled(ia, a.scale)
        si = scaled(interval(s), s.scale)
        verdict, note = rc.judge(si, s.value_text or rc.fmt(s.value, 10), s.qualifier, ia)
        if note:
            verdict, note = "inconsistent", ""
        expl = (f"{key[0]} {key[1]} {key[3]}: {stated_text(s)} in {s.doc_id} ({s.fact_id}) vs "
                f"{stated_text(a)} in {a.doc_id} ({a.fact_id}), intervals {rc.fmt(si.low)}–{rc.fmt(si.high)} "
                f"and {rc.fmt(ia.low)}–{rc.fmt(ia.high)} {key[2]}: {verdict}.")
        checks.append(Check(
            check_id=stable_id("c", s.doc_id, s.fact_id, "cross_document", a.fact_id),
            kind="cross_document", doc_id=s.doc_id, passage_id=s.passage_id, quote=s.quote,
            stated_fact_id=s.fact_id, stated_value=s.value,
            formula=f"{rc.fmt(s.value_normalized)} vs {rc.fmt(a.value_normalized)} {key[2]}",
            inputs=[a.fact_id], recomputed_value=a.value_normalized,
            tolerance=ia.half_width + si.half_width, verdict=verdict, explanation=expl))
    return checks
