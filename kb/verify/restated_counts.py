"""A count of members above a threshold stated again (8个省份GDP超过1万亿元; 超过万亿元的8个省份)
after a sentence that lists them (GDP总量超1万亿元的省份共8个，分别是：广东省、…湖南省).

The listed count's own check (kb.verify.claim_checks.named_count_check) found the names it
counts. Another count of the same number, with the same member word after it (省份), beside a
lower bound of the same value in its clause (超过1万亿元 / 超1万亿元 / 超过万亿元) whose name
shares the listed one's indicator (GDP) and period, restates it and is as right as it. Nothing
else is said: a count that does not match is no evidence against anything.
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact, stable_id
from kb.text.vocab import words
from kb.verify.relations.ground import Context

_OPEN_OVER = words("checks", "qualifier_open_over")
_CLAUSE = re.compile(r"[，。；,;：:]")
_MEMBER = re.compile(r"[\u4e00-\u9fff]{1,2}")


def _clause(ctx: Context, f: Fact) -> tuple[int, int]:
    s0, s1 = ctx.sentence_of(f.char_start)
    start = max((m.end() for m in _CLAUSE.finditer(ctx.text, s0, f.char_start)), default=s0)
    end = next((m.start() for m in _CLAUSE.finditer(ctx.text, f.char_end, s1)), s1)
    return start, end


def _threshold(ctx: Context, count: Fact) -> Fact | None:
    """The lower bound (超过1万亿元) in the count's clause, the only one there."""
    bounds = [f for f in ctx.facts_between(*_clause(ctx, count)) if f.qualifier in _OPEN_OVER and f.claim_type == "level"]
    return bounds[0] if len(bounds) == 1 else None


def _member(ctx: Context, count: Fact) -> str:
    """The member word right after the count (8个省份 → 省份)."""
    m = _MEMBER.match(ctx.text, count.char_end)
    return m.group(0) if m else ""


def _same_bound(a: Fact, b: Fact) -> bool:
    same_name = bool(a.indicator_key and b.indicator_key) and (a.indicator_key == b.indicator_key
                                                               or a.indicator_key in b.indicator
                                                               or b.indicator_key in a.indicator)
    return (same_name and a.unit_normalized == b.unit_normalized and a.value_normalized == b.value_normalized
            and (a.year, a.period_start_month, a.period_end_month) == (b.year, b.period_start_month, b.period_end_month))


def restated_counts(document: Document, ctx: Context, checks: list[Check]) -> list[Check]:
    """A consistent check for each count that restates a listed count whose check holds."""
    judged = {c.stated_fact_id for c in checks if c.stated_fact_id and c.verdict != "unverifiable"}
    by_id = {f.fact_id: f for f in ctx.text_facts}
    listed = [(by_id[c.stated_fact_id], c) for c in checks if c.kind == "set_claim" and c.verdict == "consistent"
              and c.stated_fact_id in by_id and by_id[c.stated_fact_id].unit_normalized == "count"]
    out = []
    for own, check in listed:
        bound = _threshold(ctx, own)
        if bound is None:
            continue
        for f in ctx.text_facts:
            if f is own or f.fact_id in judged or f.unit_normalized != "count" or f.value != own.value \
                    or f.unit != own.unit or not _member(ctx, f) \
                    or _member(ctx, f) not in ctx.text[slice(*_clause(ctx, own))]:
                continue
            other = _threshold(ctx, f)
            if other is None or not _same_bound(other, bound):
                continue
            out.append(Check(
                check_id=stable_id("c", document.doc_id, f.fact_id, "restated", own.fact_id), kind="restated",
                doc_id=document.doc_id, passage_id=f.passage_id, quote=f.quote, stated_fact_id=f.fact_id,
                stated_value=f.value, formula=check.formula, inputs=[own.fact_id, bound.fact_id, other.fact_id],
                recomputed_value=own.value, verdict="consistent", where="document",
                explanation=(f"{f.figure_text or f.value_text} above {other.figure_text} restates {own.figure_text} "
                             f"[{own.fact_id}] above {bound.figure_text}, whose listed names hold "
                             f"({check.formula}): consistent.")))
    return out
