"""The ratio of a pair of figures stated together (城镇和农村居民人均可支配收入分别超过8万元、
4.5万元，…收入倍差从1.96缩小至1.81): the larger of the pair over the smaller.

The pair is the two levels of one 分别 list (one unit, one year, nothing but 、/和 between them)
and the ratio's name (收入倍差) follows in the same sentence, with no other figure between
but a rank; the two characters before 倍差 (收入) must name both figures. The ratio is the
last number of its clause (缩小至1.81); an earlier one (从1.96) is of another year. The ratio is
no fact of its own (a bare number), so it is read here from the text.

A qualifier written once after 分别 (分别超过8万元、4.5万元) is the qualifier of both figures, and
a lower bound 超过X is read as [X, X + one unit of its last digit): a writer whose figure were
one unit more would have written that (超过9万元).
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact, stable_id
from kb.text.vocab import regex
from kb.verify import recompute as rc
from kb.verify.relations.ground import Context

_PAIR_RATIO = regex("relations", "pair_ratio")
_PAIR_JOIN = regex("relations", "pair_join")
_RESPECTIVELY = "分别"


def _bounded(f: Fact, qualifier: str) -> rc.Interval:
    """The figure's interval, a lower or upper bound closed at one unit of its last digit."""
    text = f.value_text or rc.fmt(f.value, 10)
    kind = rc.qualifier_kind(qualifier)
    if kind == "over":
        return rc.Interval(f.value, f.value, f.value + rc.unit_step(text))
    if kind == "under":
        return rc.Interval(f.value, f.value - rc.unit_step(text), f.value)
    return rc.stated_interval(text, qualifier, value=f.value)


def _pair(ctx: Context, s0: int, end: int) -> tuple[Fact, Fact, str] | None:
    """(first, second, shared qualifier) of the last two levels before ``end`` that form a 分别
    pair, else None."""
    levels = [f for f in ctx.facts_between(s0, end) if f.claim_type == "level"]
    if len(levels) < 2:
        return None
    a, b = levels[-2], levels[-1]
    between = [f for f in ctx.facts_between(b.char_end, end) if f.claim_type != "rank"]
    if between or a.unit_normalized != b.unit_normalized or a.year != b.year or a.scale != b.scale \
            or not _PAIR_JOIN.fullmatch(ctx.text[a.char_end:b.char_start]):
        return None
    lead = ctx.text[s0:a.char_start]
    i = lead.rfind(_RESPECTIVELY)
    if i == -1 or re.search(r"[，。；,;]", lead[i:]):
        return None
    shared = lead[i + len(_RESPECTIVELY):].strip()
    qualifier = b.qualifier or (a.qualifier if shared == a.qualifier else "")
    return a, b, qualifier


def pair_ratio_checks(document: Document, ctx: Context) -> list[Check]:
    """Each 倍差 stated after a 分别 pair: the larger figure over the smaller."""
    out = []
    for m in _PAIR_RATIO.finditer(ctx.text):
        s0, _ = ctx.sentence_of(m.start())
        found = _pair(ctx, s0, m.start())
        if found is None:
            continue
        a, b, qualifier_b = found
        name = m.group(1)
        if not name or any(name not in f.indicator for f in (a, b)):
            continue
        ia, ib = _bounded(a, a.qualifier), _bounded(b, qualifier_b)
        big, small = (ia, ib) if ia.value >= ib.value else (ib, ia)
        if small.low <= 0:
            continue
        rec = rc.Interval(big.value / small.value, big.low / small.high, big.high / small.low)
        out.append(_check(document, ctx, m, (a, b), rec))
    return out


def _check(document: Document, ctx: Context, m: re.Match, pair: tuple[Fact, Fact], rec: rc.Interval) -> Check:
    text = m.group(2)
    stated = rc.stated_interval(text)
    verdict, note = rc.judge(stated, text, "", rec)
    a, b = pair
    formula = (f"{a.figure_text or a.value_text} / {b.figure_text or b.value_text}" if a.value >= b.value
               else f"{b.figure_text or b.value_text} / {a.figure_text or a.value_text}")
    shown = f"{formula} = {rc.fmt(rec.value, rc.shown_digits(text))}"
    rule = "a bound 超过X read as [X, X + one unit of its last digit)" if rec.high - rec.low > 0.01 * rec.value else ""
    notes = "; ".join(x for x in (rule, note) if x)
    return Check(check_id=stable_id("c", document.doc_id, "pair_ratio", m.start(), a.fact_id, b.fact_id),
                 kind="ratio", doc_id=document.doc_id, passage_id=a.passage_id, quote=m.group(0),
                 stated_fact_id="", stated_value=float(text), formula=shown, inputs=[a.fact_id, b.fact_id],
                 recomputed_value=rec.value, tolerance=rc.tolerance(stated, rec), verdict=verdict, where="pair",
                 explanation=(f"{shown} ({m.group(1)}{m.group(0)[len(m.group(1)):m.group(0).find(text)]}, the larger "
                              f"of the pair over the smaller), {a.fact_id} and {b.fact_id}, stated {text}"
                              f"{' (' + notes + ')' if notes else ''}: {verdict}."))
