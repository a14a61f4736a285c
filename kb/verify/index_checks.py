"""A price (or volume) index with the previous year = 100 states each item's growth: 居民消费价格
99.3 (上年＝100) is a fall of 0.7 %. A growth the text states for an item of such an index
(全年居民消费价格总水平比上年下降0.7%) is checked against it: growth = index − 100.

The index is read from the text after its 上年＝100 header, one "label number" item after
another (1、商品零售价格 97.5 / (1)食品类 97.2 / ＃粮食 94.6), up to the first words that are
not such an item. An item is the growth's when its label is the growth's name without its
总水平/价格 words (食品类价格 → 食品类), and no other item is named so.
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact, stable_id
from kb.text.vocab import regex
from kb.verify import recompute as rc
from kb.verify.citing import interval
from kb.verify.relations.ground import Context, clause_before

_BASE_100 = regex("relations", "index_base_100")
_ITEM = regex("relations", "index_item")
_NAME_TAIL = regex("relations", "index_name_tail")
_NUMBERING = re.compile(r"^\s*(?:\d+[、.．]|[（(]\d+[）)]|[#＃])\s*")
_GROWTH_TAIL = regex("relations", "index_growth_tail")


def index_items(text: str) -> list[tuple[str, str, int]]:
    """(label, value as written, position) of every item of the text's 上年＝100 indexes."""
    out = []
    for m in _BASE_100.finditer(text):
        pos = m.end()
        while True:
            item = _ITEM.match(text, pos)
            if not item:
                break
            out.append((_NUMBERING.sub("", item.group(1)).strip(), item.group(2), item.start(2)))
            pos = item.end()
    return out


def _item_name(ctx: Context, f: Fact) -> str:
    """The name of the item a growth is about: its clause's words before the growth verb, without
    总水平/总指数/价格 (全年居民消费价格总水平比上年下降 → 居民消费价格, 食品类价格下降 → 食品类)."""
    clause = _GROWTH_TAIL.sub("", clause_before(ctx, f))
    clause = re.sub(r"^(?:全年|其中|全市|全省|全国)+", "", clause.strip())
    return _NAME_TAIL.sub("", clause)


def index_checks(document: Document, ctx: Context) -> list[Check]:
    """Each stated growth of an item of a 上年＝100 index against the index less 100."""
    items = index_items(ctx.text)
    out = []
    for f in ctx.text_facts:
        if f.unit_normalized != "%" or f.claim_type != "growth_rate" or not items:
            continue
        name = _item_name(ctx, f)
        found = [(label, value, pos) for label, value, pos in items
                 if len(name) >= 2 and (label == name or _NAME_TAIL.sub("", label) == name)]
        if len(found) != 1:
            continue
        label, value, _ = found[0]
        out.append(_check(document, f, label, value))
    return out


def _check(document: Document, f: Fact, label: str, value: str) -> Check:
    index = rc.stated_interval(value)
    rec = rc.Interval(index.value - 100, index.low - 100, index.high - 100)
    stated = interval(f)
    sign = -1.0 if f.direction == "down" else 1.0
    if sign < 0:
        stated = rc.Interval(-stated.value, -stated.high, -stated.low)
    verdict, note = rc.judge(stated, f.value_text, f.qualifier, rec)
    formula = f"{value} − 100 = {rc.fmt(rec.value, rc.shown_digits(f.value_text))}"
    return Check(check_id=stable_id("c", document.doc_id, f.fact_id, "growth", "index", label),
                 kind="growth", doc_id=document.doc_id, passage_id=f.passage_id, quote=f.quote,
                 stated_fact_id=f.fact_id, stated_value=sign * f.value, formula=formula, inputs=[],
                 recomputed_value=rec.value, tolerance=rc.tolerance(stated, rec), verdict=verdict, where="table",
                 explanation=(f"{formula} from the index {label} {value} (上年＝100), stated "
                              f"{'−' if sign < 0 else ''}{f.value_text}%{' (' + note + ')' if note else ''}: {verdict}."))
