"""A figure per unit as the quotient of two levels its document states: 粮食单产400.0公斤/亩 is 粮食总产量
168.2万吨 over 粮食播种面积420.5万亩 (in the units written: 1 吨 = 1000 公斤); 商品房平均销售价格10874元/平方米
is 商品房销售额 over 商品房销售面积 (a rate named by its two figures, 存贷比, is kb.verify.relations.identities').

The two levels are found by the figure's own name less the words that make it a quotient (粮食单产 →
粮食; kb/data/relations.yaml per_unit_words), in the units its unit divides (公斤/亩: a weight over an
area), of its subject, year and months; the nearest before it in its paragraph, else in the document.
They are chosen by their names, so an agreement is telling and a disagreement accuses no one, unless
the figure's own sentence states both.
"""

from __future__ import annotations

from kb.models import Fact
from kb.text.vocab import vocabulary, words
from kb.verify.relations.ground import (Context, Relation, clause_before, is_bracketed_conversion, is_comparand,
                                        is_level, is_prior_level, paragraph_bounds, same_status, same_when_known,
                                        year_of)
from kb.verify.relations.labels import bigram_cover

_CONVERSIONS: dict[str, dict[str, float]] = vocabulary("units")["unit_conversions"]
_PER_UNIT_WORDS = words("relations", "per_unit_words")
# denominators a figure per unit is not a quotient of two stated levels over (per year, per person: the
# 人均 and 年均 rules' figures)
_NOT_DENOMINATORS = ("day", "month", "year", "person", "household", "person-time")
_DOUBT = "the two levels were chosen by their names, outside the figure's sentence"


def conversion(unit: str, to: str) -> float | None:
    """How many ``to`` make one ``unit`` (t → kg: 1000), 1 for one unit, None across dimensions."""
    if unit == to:
        return 1.0
    if to in _CONVERSIONS.get(unit, {}):
        return float(_CONVERSIONS[unit][to])
    if unit in _CONVERSIONS.get(to, {}):
        return 1.0 / float(_CONVERSIONS[to][unit])
    return None


def _core(indicator: str) -> str:
    """The figure's name without the words that make it a quotient (粮食单产 → 粮食)."""
    for w in _PER_UNIT_WORDS:
        indicator = indicator.replace(w, "")
    return indicator


def named_levels(ctx: Context, stated: Fact, name: str, unit: str | None) -> list[Fact]:
    """Levels named ``name`` of the stated figure's subject, year and months, in a unit convertible to
    ``unit`` (None: the stated figure's own unit), this period's and reported, not compared with."""
    year = year_of(ctx, stated)
    return [f for f in ctx.text_facts if f is not stated and is_level(f) and same_status(f, stated)
            and (conversion(f.unit_normalized, unit) is not None if unit else f.unit_normalized != "%")
            and f.subject_key == stated.subject_key and same_when_known(year_of(ctx, f), year)
            and (f.period_start_month, f.period_end_month) == (stated.period_start_month, stated.period_end_month)
            and bigram_cover(name, f.indicator or clause_before(ctx, f)) >= 0.6
            and not is_prior_level(ctx, f) and not is_comparand(ctx, f) and not is_bracketed_conversion(ctx, f)]


def nearest(ctx: Context, stated: Fact, found: list[Fact], name: str = "") -> Fact | None:
    """The one level among ``found`` to use: the nearest before the figure in its paragraph, else the
    only value stated in the document, else the only value whose name begins with ``name`` (商品房销售面积
    for 商品房销售, not 市区商品房销售面积: a part's name has words before it)."""
    p0, p1 = paragraph_bounds(ctx, stated.char_start)
    near = [f for f in found if p0 <= f.char_start < stated.char_start]
    if near:
        return near[-1]
    if found and len({f.value_normalized for f in found}) == 1:
        return found[0]
    plain = [f for f in found if name and (f.indicator or "").startswith(name)]
    return plain[0] if plain and len({f.value_normalized for f in plain}) == 1 else None


def _sentence_pair(ctx: Context, stated: Fact, core: str, top: str, bottom: str) -> tuple[Fact, Fact] | None:
    """(numerator, denominator) of a figure per unit from its own sentence: the only level of each unit
    before it there, one of them named like the figure (土地购置面积X，土地成交价款Y，平均土地成交价格为Z元/平方米
    — a 住宅均价 after the totals' levels names neither, and is no quotient of theirs)."""
    s0, _ = ctx.sentence_of(stated.char_start)
    before = [f for f in ctx.facts_between(s0, stated.char_start) if is_level(f) and not is_prior_level(ctx, f)
              and not is_comparand(ctx, f) and not is_bracketed_conversion(ctx, f)]
    tops = [f for f in before if conversion(f.unit_normalized, top) is not None]
    bottoms = [f for f in before if conversion(f.unit_normalized, bottom) is not None]
    if len(tops) != 1 or len(bottoms) != 1 or tops[0] is bottoms[0]:
        return None
    if max(bigram_cover(core, f.indicator or "") for f in (tops[0], bottoms[0])) < 0.6:
        return None
    return tops[0], bottoms[0]


def _relation(ctx: Context, stated: Fact, numerator: Fact, denominator: Fact, factor: float) -> Relation:
    s0, s1 = ctx.sentence_of(stated.char_start)
    tied = all(s0 <= f.char_start < s1 for f in (numerator, denominator))
    return Relation("average", stated, inputs=[denominator, numerator], mode="quotient", factor=factor,
                    where="quotient" if tied else "quotient_named", doubt="" if tied else _DOUBT)


def per_unit_quotient(ctx: Context, stated: Fact) -> Relation | None:
    """单产 / 均价: a level per unit (公斤/亩, 元/平方米) over the two levels its name and unit point to."""
    if not is_level(stated) or stated.unit_normalized.count("/") != 1 or not stated.value:
        return None
    top, bottom = stated.unit_normalized.split("/")
    core = _core(stated.indicator or "")
    if bottom in _NOT_DENOMINATORS or len(core) < 2 or core == stated.indicator:
        return None
    numerator = nearest(ctx, stated, named_levels(ctx, stated, core, top), core)
    denominator = nearest(ctx, stated, named_levels(ctx, stated, core, bottom), core)
    if numerator is None or denominator is None:
        numerator, denominator = _sentence_pair(ctx, stated, core, top, bottom) or (None, None)
    if numerator is None or denominator is None:
        return None
    factor = conversion(numerator.unit_normalized, top) / conversion(denominator.unit_normalized, bottom)
    return _relation(ctx, stated, numerator, denominator, factor)
