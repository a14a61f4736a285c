"""A bound and the exact figure that follows it (增速重回20%之上，同比提高26.36%): the exact figure
lies on the bound's side.

The bound is a figure written with a bound word after it (之上, 以上, 之下, 以下: kb/data/
relations.yaml bound_after), or a qualifier that opens it (超过X, 不到X); the exact figure is the
next figure of the sentence, after one clause break and a few words (同比提高), with the same
unit, kind, subject, indicator and year, and no 其中/分别 between (a part, not the figure
again). Only agreement is telling: the exact figure on the bound's side is consistent, else the
check is unverifiable (the two need not be one figure).
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact, stable_id
from kb.text.vocab import regex, words
from kb.verify.citing import interval, stated_text
from kb.verify.relations.ground import Context

_BOUND_AFTER = regex("relations", "bound_after")
_NOT_SAME = regex("relations", "bound_not_same")
_OPEN_OVER = words("checks", "qualifier_open_over")
_OPEN_UNDER = words("checks", "qualifier_open_under")
_MAX_GAP = 12


def _side(ctx: Context, f: Fact) -> str:
    """'above' / 'below' for a bound, else ''."""
    after = _BOUND_AFTER.match(ctx.text, f.char_end)
    if after:
        return "above" if after.group("up") else "below"
    if f.qualifier in _OPEN_OVER:
        return "above"
    return "below" if f.qualifier in _OPEN_UNDER else ""


def _exact_after(ctx: Context, f: Fact) -> Fact | None:
    """The next figure of the sentence when it is the same figure stated exactly."""
    _, s1 = ctx.sentence_of(f.char_start)
    nxt = ctx.facts_between(f.char_end, s1)
    if not nxt:
        return None
    g = nxt[0]
    gap = ctx.text[f.char_end:g.char_start]
    if len(gap) > _MAX_GAP or len(re.findall(r"[，,]", gap)) != 1 or _NOT_SAME.search(gap) or g.qualifier \
            or (g.unit_normalized, g.claim_type, g.subject, g.indicator, g.year) \
            != (f.unit_normalized, f.claim_type, f.subject, f.indicator, f.year):
        return None
    return g


def bound_checks(document: Document, ctx: Context) -> list[Check]:
    """Each bound followed by its exact figure: the figure on the bound's side."""
    out = []
    for f in ctx.text_facts:
        side = _side(ctx, f)
        g = _exact_after(ctx, f) if side else None
        if g is None:
            continue
        exact = interval(g)
        holds = exact.low > f.value if side == "above" else exact.high < f.value
        verdict = "consistent" if holds else "unverifiable"
        sign = ">" if side == "above" else "<"
        note = "" if holds else " (the two need not be one figure)"
        out.append(Check(
            check_id=stable_id("c", document.doc_id, f.fact_id, "bound", g.fact_id), kind="set_claim",
            doc_id=document.doc_id, passage_id=f.passage_id, quote=f.quote, stated_fact_id=f.fact_id,
            stated_value=f.value, formula=f"{g.value_text} {sign} {f.value_text}", inputs=[g.fact_id],
            recomputed_value=g.value, verdict=verdict, where="sentence",
            explanation=(f"{stated_text(g)} [{g.fact_id}], stated right after the bound, is {sign} "
                         f"{f.value_text}{f.unit}{note}: {verdict}.")))
    return out
