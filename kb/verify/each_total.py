"""A total of members that each changed alike (美国、中国和拉丁美洲…均下降了0.1%，合计使世界经济
增长率比上年下降0.3个百分点): the total is the number of members times the change of each.

The members are the 、-list that opens a clause of the sentence before 均 (二是美国、中国和拉丁美洲
对…), with no figure between it and 均; the total is the first figure after 均's in the same
sentence whose clause says 合计/共计/总共 (kb/data/relations.yaml each_total_word), both in percent
or points and changing the same way. A list may be read two ways (中国和拉丁美洲: one name or two,
kb.verify.relations.name_counts.split_names); the check is consistent when one reading fits and
unverifiable otherwise: the list may not be all the members the total is of.
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact, stable_id
from kb.text.vocab import regex
from kb.verify import recompute as rc
from kb.verify.citing import interval, stated_text
from kb.verify.relations.ground import Context
from kb.verify.relations.name_counts import split_names

_EACH = regex("relations", "each_change")
_TOTAL_WORD = regex("relations", "each_total_word")
_DOWN = regex("relations", "each_down")
_LIST_OPENS = regex("relations", "each_list_opens")
_RATES = ("%", "pp")


def _members(ctx: Context, s0: int, each: int) -> set[int]:
    """The readings (numbers of names) of the list that opens a clause before 均, or set()."""
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^，；,;]+", ctx.text[s0:each])]
    for a, b in reversed(clauses):
        m = _LIST_OPENS.match(ctx.text, s0 + a, s0 + b)
        if m:
            if ctx.facts_between(s0 + a, each):
                return set()
            return split_names(m.group("names"))[1]
    return set()


def _total_after(ctx: Context, f: Fact, s1: int) -> Fact | None:
    for g in ctx.facts_between(f.char_end, s1):
        clause = re.split(r"[，；,;]", ctx.text[f.char_end:g.char_start])[-1]
        if _TOTAL_WORD.search(clause):
            return g if g.unit_normalized in _RATES else None
    return None


def each_total_checks(document: Document, ctx: Context) -> list[Check]:
    """Each 均X…合计Y over a listed group: Y = n × X for a reading n of the list."""
    out = []
    for f in ctx.text_facts:
        s0, s1 = ctx.sentence_of(f.char_start)
        each = _EACH.search(ctx.text, s0, f.char_start)
        if f.unit_normalized not in _RATES or each is None or each.end() != f.char_start:
            continue
        g = _total_after(ctx, f, s1)
        readings = _members(ctx, s0, each.start()) if g is not None else set()
        if not readings or bool(_DOWN.search(each.group(0))) != bool(_DOWN.search(ctx.text[f.char_end:g.char_start])):
            continue
        out.append(_check(document, f, g, sorted(readings)))
    return out


def _check(document: Document, f: Fact, g: Fact, readings: list[int]) -> Check:
    x, stated = interval(f), interval(g)
    fits = [n for n in readings if rc.overlaps(stated, rc.Interval(n * x.value, n * x.low, n * x.high))]
    n = min(fits, key=lambda k: abs(k * x.value - stated.value)) if fits else readings[-1]
    rec = rc.Interval(n * x.value, n * x.low, n * x.high)
    verdict = "consistent" if fits else "unverifiable"
    note = "" if fits else " (the list may not be all the members the total is of)"
    formula = f"{n} × {f.value_text} = {rc.fmt(rec.value, rc.shown_digits(g.value_text or str(g.value)))}"
    return Check(check_id=stable_id("c", document.doc_id, g.fact_id, "each_total", f.fact_id), kind="sum",
                 doc_id=document.doc_id, passage_id=g.passage_id, quote=g.quote, stated_fact_id=g.fact_id,
                 stated_value=g.value, formula=formula, inputs=[f.fact_id], recomputed_value=rec.value,
                 tolerance=rc.tolerance(stated, rec), verdict=verdict, where="sentence",
                 explanation=(f"{formula}: {n} members listed, each {stated_text(f)} [{f.fact_id}], stated "
                              f"{stated_text(g)}{note}: {verdict}."))
