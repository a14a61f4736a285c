"""A figure per so many people, with its count and the population stated elsewhere in the
document: 其中医院病床8590张 … 每万人拥有医院病床数增加到21.7张 … 全市年末常住人口394.96万人
(8590 / 3949600 × 10000 = 21.75).

The count is the nearest earlier level of the figure's unit whose clause names the item (医院病床);
the population is the document's one resident population of the figure's year (常住人口, else
总人口, else 户籍人口: kb/data/relations.yaml population_names). Both are chosen by their names,
so only agreement is telling: a figure that does not agree is unverifiable, never accused.
"""

from __future__ import annotations

import re

from kb.figures.linking.cues import PARENS
from kb.models import CURRENCY_CODES, Fact
from kb.text.gazetteer import is_place
from kb.text.vocab import vocabulary, words
from kb.verify.relations.ground import (Context, Relation, clause_before, is_level, is_prior_level, is_stated_change,
                                        same_status, same_unit, same_when_known, year_of)

_UNITS: dict[str, int] = vocabulary("relations")["words"]["per_population_units"]
_VITAL: dict[str, list[str]] = vocabulary("relations")["words"]["vital_rates"]
_POPULATIONS = words("relations", "population_names")
_PER = re.compile(rf"每({'|'.join(sorted(_UNITS, key=len, reverse=True))})(?:人口|人)中?(?:拥有|平均拥有|具有)?"
                  r"([^，。；,;\d]{2,12}?)(?:数|数量)?(?:由|从|为|是|达到|达|增加到|增至|提高到|上升到|上升至|增加至|\s*$)")
_DOUBT = "the count and the population were chosen by their names, outside the sentence"



def _item(ctx: Context, stated: Fact) -> tuple[str, int] | None:
    """(the item counted, people per unit) of '每万人拥有X数…' before the figure."""
    found = list(_PER.finditer(clause_before(ctx, stated)))
    return (found[-1].group(2), _UNITS[found[-1].group(1)]) if found else None


def _population(ctx: Context, year: int | None, subject: str = "") -> Fact | None:
    """The document's one population of ``year`` (of ``subject`` when known: a district's 常住人口 is not
    the city's), by the preferred name: stated in the text, else in a table's row of that name and
    year (年末常住人口 | 万人 | 873.6 under 2024年)."""
    for name in _POPULATIONS:
        found = [f for f in ctx.text_facts if _is_population(f) and same_when_known(year_of(ctx, f), year)
                 and _named_population(ctx, f, name, subject)]
        if found:   # the subject's own before one of no known place (六区常住人口合计)
            return _only([f for f in found if f.subject_key == subject] or found)
    for name in _POPULATIONS:
        cells = [f for f in ctx.table_facts if _is_population(f) and name in (f.indicator or "")
                 and year is not None and f.year == year]
        if cells:
            return _only(cells)
    return None


def _named_population(ctx: Context, f: Fact, name: str, subject: str) -> bool:
    """A text figure named ``name`` (常住人口), of ``subject`` or of no known place, this period's
    value (no previous period's, no bound)."""
    return (not (subject and f.subject_key and f.subject_key != subject)
            and (name in (f.indicator or "") or clause_before(ctx, f).endswith(name))
            and not is_prior_level(ctx, f) and f.value_low is None and f.value_high is None)


def _is_population(f: Fact) -> bool:
    """A level counting people, in ten thousands or more."""
    return is_level(f) and f.unit_normalized in ("person", "count") and f.scale >= 1e4


def _only(found: list[Fact]) -> Fact | None:
    """The first of ``found`` when they all state one value, else None."""
    return found[0] if len({f.value_normalized for f in found}) == 1 else None


def _next_in_sentence(ctx: Context, f: Fact) -> Fact | None:
    """The figure right after ``f`` in its sentence and clause run (no ；between)."""
    _, s1 = ctx.sentence_of(f.char_start)
    after = ctx.facts_between(f.char_end, s1)
    return after[0] if after and not re.search(r"[；;]", ctx.text[f.char_end:after[0].char_start]) else None


def _year_before(ctx: Context, stated: Fact, population: Fact, count: Fact) -> Relation | None:
    """上年的a: last year's count (this year's less its stated change, 增设627张) over last year's
    population (this year's over its growth, 比上年增长4.0%)."""
    change, rate = _next_in_sentence(ctx, count), _next_in_sentence(ctx, population)
    if change is None or rate is None or not same_unit(change, count) \
            or not _CHANGE_WORD.search(clause_before(ctx, change)) \
            or rate.unit_normalized != "%" or rate.claim_type != "growth_rate" or rate.measure != "yoy_growth":
        return None
    sign = -1 if _FALL.search(clause_before(ctx, change)) else 1
    return Relation("average", stated, inputs=[population, rate, count, change], mode="per_unit_before",
                    weights=[_item(ctx, stated)[1], sign], where="document", doubt=_DOUBT, rule="per_population")


_FALL = re.compile("减少|下降|减")
_CHANGE_WORD = re.compile(r"(?:增设|增加|新增|净增|减少|下降|净减)了?\s*$")


def per_population_relation(ctx: Context, stated: Fact) -> Relation | None:
    """每万人拥有X数…a: the count of X over the population, times the unit's people (for 上年的a,
    last year's count over last year's population)."""
    if not is_level(stated) or stated.qualifier:
        return None
    found = _item(ctx, stated)
    if found is None:
        return None
    item, per = found
    counts = [f for f in ctx.facts_before(stated.char_start) if is_level(f) and same_unit(f, stated)
              and f.value_normalized > stated.value_normalized and not is_prior_level(ctx, f)
              and f.measure != "difference" and not is_stated_change(ctx, f)
              # 具有大学（指大专及以上）文化程度的人口: a bracketed gloss is no part of the item's name
              and (PARENS.sub("", item) in PARENS.sub("", clause_before(ctx, f)) or item == f.indicator)]
    if not counts:
        return None
    # the whole count of its year, not a part named with more words (其他医疗卫生机构床位130张)
    year = year_of(ctx, counts[-1])
    count = max((f for f in counts if same_when_known(year_of(ctx, f), year)), key=lambda f: f.value_normalized)
    prior = is_prior_level(ctx, stated)  # 由上年的a: this year's count and population carried back
    place = stated.subject_key if is_place(stated.subject_key or "") else ""
    population = _population(ctx, year if prior else year_of(ctx, stated), place)
    if population is None:
        return None
    if prior:
        return _year_before(ctx, stated, population, count)
    return Relation("average", stated, inputs=[population, count], mode="per_unit", weights=[per],
                    where="document", doubt=_DOUBT, rule="per_population")


def _population_change(ctx: Context, population: Fact) -> Fact | None:
    """比上年末增加2.10万人 right after the population in its clause run, or None."""
    change = _next_in_sentence(ctx, population)
    if change is None or not same_unit(change, population) or not _CHANGE_WORD.search(clause_before(ctx, change)):
        return None
    return change


def _named_total(ctx: Context, stated: Fact, key: str) -> Fact | None:
    """The one level named ``key`` of the stated figure's subject, year, months, unit and status."""
    year = year_of(ctx, stated)
    found = [f for f in ctx.text_facts if is_level(f) and f.indicator_key == key and same_unit(f, stated)
             and f.subject_key == stated.subject_key and same_status(f, stated)
             and same_when_known(year_of(ctx, f), year) and not is_prior_level(ctx, f)
             and (f.period_start_month, f.period_end_month) == (stated.period_start_month, stated.period_end_month)]
    return found[0] if found and len({f.value_normalized for f in found}) == 1 else None


def per_capita_relation(ctx: Context, stated: Fact) -> Relation | None:
    """人均地区生产总值X元: the total of the rest of its name (地区生产总值) over the year's resident
    population. Statistics divide by the year's average population, so the population is read as the
    span from the year's start (its end less the change stated after it, 比上年末增加2.10万人) to its
    end, or as the year-end figure ±2 % when no change is stated; chosen by names, an agreement only."""
    key = stated.indicator_key or ""
    if not key.startswith("人均") or len(key) < 4 or stated.unit_normalized not in CURRENCY_CODES \
            or not is_level(stated) or stated.qualifier:
        return None
    total = _named_total(ctx, stated, key[len("人均"):])
    population = _population(ctx, year_of(ctx, stated))
    if total is None or population is None:
        return None
    return _over_year_population(ctx, stated, population, total, "per_capita")


def _over_year_population(ctx: Context, stated: Fact, population: Fact, total: Fact, rule: str,
                          factor: float = 1.0) -> Relation:
    """``total`` over the year's average ``population`` (from the year's start, its end less the change
    stated after it, to its end): a per-capita amount, or times ``factor`` a rate."""
    change = _population_change(ctx, population)
    sign = -1 if change is not None and _FALL.search(clause_before(ctx, change)) else 1
    inputs = [population, total] + ([change] if change is not None else [])
    return Relation("average", stated, inputs=inputs, mode="per_capita_span", weights=[sign], where="document",
                    doubt=_DOUBT, rule=rule, factor=factor)


def vital_rate_relation(ctx: Context, stated: Fact) -> Relation | None:
    """人口出生率为7.06‰ (死亡率): the year's births (deaths) stated right before it in its sentence
    (全年出生人口6.74万人) over the year's average resident population, read as per_capita_relation
    reads it (its year-start from the change stated after it); chosen by names, an agreement only."""
    rate = next((r for r in _VITAL if (stated.indicator or "").endswith(r)), None)
    if rate is None or stated.unit != "‰" or stated.qualifier:
        return None
    s0, _ = ctx.sentence_of(stated.char_start)
    events = [f for f in ctx.facts_between(s0, stated.char_start) if is_level(f)
              and f.unit_normalized in ("person", "count") and not is_prior_level(ctx, f)
              and any(w in clause_before(ctx, f) or w in (f.indicator or "") for w in _VITAL[rate])]
    place = stated.subject_key if is_place(stated.subject_key or "") else ""
    population = _population(ctx, year_of(ctx, stated), place)
    if not events or population is None or population.char_start > stated.char_start:
        return None
    # the rate per thousand, normalised as a percentage: events / people × 100
    return _over_year_population(ctx, stated, population, events[-1], "vital_rate", factor=100.0)
