"""A count of places over a threshold against the places' levels the document states: 一季度广东GDP为
27117.96亿元，江苏为25878.38亿元，山东为18055.5亿元… 2个省份GDP超过2万亿元 (27117.96 and 25878.38 are over
2万亿元; the third, 18055.5, is not).

The threshold is a level of the count's clause written after a word of crossing (超过, 突破, 过, 高于) or
before 以上 (超过2万亿元的省份 selects places; it states no figure, so it is not read); the places are those
the document states one level of for the threshold's indicator, period and unit (each place once,
not a level compared with). The document need not list every place: the count is judged only when
the levels, in text order, are a ranking from the top (each at most the one before) that reaches
below the threshold, so every place it leaves out is below too; and even then only agreement tells
(consistent, else unverifiable), since a ranking is read from the order of the text.
"""

from __future__ import annotations

from kb.models import Check, Document, Fact, stable_id
from kb.text.gazetteer import is_place
from kb.text.vocab import regex
from kb.verify.citing import interval, scaled
from kb.verify.relations.ground import Context, is_level, is_prior_level, is_stated_change, same_unit

_PLACE_AFTER = regex("relations", "place_count_after")
_OVER_BEFORE = regex("relations", "threshold_over_before")
_OVER_AFTER = regex("relations", "threshold_over_after")


def place_count_checks(document: Document, ctx: Context) -> list[Check]:
    """Every count of places over a threshold whose places' levels the document states as a ranking."""
    out = []
    for count in ctx.text_facts:
        if count.claim_type != "count" or count.value != int(count.value) or count.value < 1:
            continue
        if not _PLACE_AFTER.match(ctx.text, count.char_end):
            continue
        threshold = _threshold(ctx, count, _clause(ctx, count))
        ranking = _ranking(ctx, threshold) if threshold is not None else None
        if ranking:
            out.append(_check(document, count, threshold, ranking))
    return out


def _clause(ctx: Context, count: Fact) -> tuple[int, str]:
    """(start, text) of the count's clause (between commas or semicolons)."""
    text = ctx.text
    s0, s1 = ctx.sentence_of(count.char_start)
    start = max([s0] + [text.rfind(c, s0, count.char_start) + 1 for c in "，,；;"])
    end = min((i for i in (text.find(c, count.char_end, s1) for c in "，,；;。") if i != -1), default=s1)
    return start, text[start:end]


def _threshold(ctx: Context, count: Fact, clause: tuple[int, str]) -> Fact | None:
    """The one level of the clause that a crossing word marks as a threshold."""
    start, text = clause
    found = [f for f in ctx.facts_between(start, start + len(text)) if f is not count and is_level(f)
             and f.claim_type != "count" and f.indicator_key
             and (_OVER_BEFORE.search(ctx.text[start:f.char_start]) or _OVER_AFTER.match(ctx.text, f.char_end))]
    return found[0] if len(found) == 1 else None


def _ranking(ctx: Context, threshold: Fact) -> list[Fact] | None:
    """The places' levels of the threshold's indicator, period and unit in text order, when they are
    a ranking from the top (each at most the one before) that reaches below the threshold."""
    levels = [f for f in ctx.text_facts if f is not threshold and is_level(f) and f.claim_type != "count"
              and f.indicator_key == threshold.indicator_key and is_place(f.subject_key or "")
              and (f.period_start_month, f.period_end_month) == (threshold.period_start_month,
                                                                 threshold.period_end_month)
              and same_unit(f, threshold) and f.value_low is None and not f.qualifier
              and not is_prior_level(ctx, f) and not is_stated_change(ctx, f)]
    by_place: dict[str, Fact] = {}
    for f in levels:
        if by_place.setdefault(f.subject_key, f).value_normalized != f.value_normalized:
            return None   # a place with two values: not one ranking
    ranked = list(by_place.values())
    values = [f.value_normalized for f in ranked]
    descending = all(b <= a for a, b in zip(values, values[1:], strict=False))
    if len(ranked) < 2 or not descending or values[-1] >= threshold.value_normalized:
        return None
    return ranked


def _check(document: Document, count: Fact, threshold: Fact, ranking: list[Fact]) -> Check:
    t = threshold.value_normalized
    spans = [scaled(interval(f), f.scale) for f in ranking]
    above = [f for f, span in zip(ranking, spans, strict=True) if span.low > t]
    unsure = [f for f, span in zip(ranking, spans, strict=True) if span.low <= t < span.high]
    verdict = "consistent" if not unsure and len(above) == int(count.value) else "unverifiable"
    shown = ", ".join(f"{f.subject_key} {f.value_text}{f.unit}" for f in ranking)
    formula = f"{shown}: {len(above)} over {threshold.value_text}{threshold.unit}"
    note = "" if verdict == "consistent" else " (a ranking read from the text's order: only agreement is telling)"
    return Check(check_id=stable_id("c", document.doc_id, count.fact_id, "place_count"), kind="set_claim",
                 doc_id=document.doc_id, passage_id=count.passage_id, quote=count.quote,
                 stated_fact_id=count.fact_id, stated_value=count.value, formula=formula,
                 inputs=[threshold.fact_id] + [f.fact_id for f in ranking], recomputed_value=float(len(above)),
                 tolerance=float(len(unsure)), verdict=verdict, where="document",
                 explanation=(f"{formula} (the places' levels the document states, in its order, a ranking "
                              f"that reaches below the threshold), stated {int(count.value)}{note}: {verdict}."))

