"""Statistical identities: figures that are by definition the sum or difference of others —
存差 = 存款 − 贷款, 净利润 = 利润 − 亏损, 第二产业增加值 = 工业增加值 + 建筑业增加值,
人口自然增长率 = 出生率 − 死亡率 (kb/data/identities.yaml).

identity_relations() finds, for a stated figure named as an identity's whole, each part's
figure: a level of the same unit and year whose name is the part's name (with nothing before
it but words such as 全年, 全部), never a part listed after another total's 其中 (短期贷款 is no
贷款 of 存差) nor a figure of another total's selection. Parts are looked for in the whole's
paragraph first; found there, one each, they are certain; found elsewhere in the document,
only agreement is telling. When the whole and every part state a growth rate, the whole's
growth is recomputed from the parts' (顺差 growth from export and import growth).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kb.models import Fact
from kb.text.vocab import regex, vocabulary
from kb.verify import recompute as rc
from kb.verify.citing import interval, scaled
from kb.verify.relations.breakdown import growth_is_real, total_of
from kb.verify.relations.ground import (Context, Relation, is_level, is_prior_level, is_stated_change, level_rate,
                                        nearby, same_time, same_unit, year_of)
from kb.verify.relations.figure_names import figure_name, is_subtotal, normal_name

# the most characters a figure's name may hold before the identity's name (金融机构各项)
_MAX_LEAD = 12
_SUBTOTAL = regex("relations", "sum_after")
_UNSURE = "a part was found outside the total's paragraph, among the document's figures of its name"


@dataclass(frozen=True)
class Identity:
    """A whole and its signed parts, each a list of names."""

    whole: tuple[str, ...]
    parts: tuple[tuple[int, tuple[str, ...]], ...]
    not_names: tuple[str, ...] = ()     # names no part may contain (进出口 is no 出口)
    agreement_only: bool = False        # a region may have no such part (no 早稻 in the north): never accuse


@lru_cache(maxsize=1)
def identities() -> tuple[Identity, ...]:
    """The identities of kb/data/identities.yaml."""
    out = []
    for item in vocabulary("identities")["identities"]:
        parts = tuple((1 if sign == "+" else -1, tuple(names)) for sign, names in item["parts"])
        out.append(Identity(tuple(item["whole"]), parts, tuple(item.get("not", ())),
                            bool(item.get("agreement_only", False))))
    return tuple(out)


@lru_cache(maxsize=256)
def composed_identities(indicator: str) -> tuple[Identity, ...]:
    """The identities a whole's own name composes (kb/data/identities.yaml composed): 城乡居民生活用电量
    is 城镇居民生活用电量 + 乡村居民生活用电量 (or 农村…)."""
    out = []
    for item in vocabulary("identities")["composed"]:
        rest = indicator[len(item["prefix"]):] if indicator.startswith(item["prefix"]) else ""
        if len(rest) >= 2:
            parts = tuple((1, tuple(p + rest for p in prefixes)) for prefixes in item["parts"])
            out.append(Identity((indicator,), parts))
    return tuple(out)


def _names(ctx: Context, f: Fact) -> frozenset[str]:
    """The figure's name as written before it, else (when the words there name nothing) its
    indicator. Kept per figure of the context (asked for each identity and each part's pool)."""
    key = ("names", f.char_start, f.claim_type, f.indicator)
    found = ctx.memo.get(key)
    if found is None:
        written = normal_name(figure_name(ctx, f))
        found = ctx.memo[key] = frozenset({written} if len(written) >= 2 else {normal_name(f.indicator)} - {""})
    return found


def names_as(ctx: Context, f: Fact, names: tuple[str, ...], not_names: tuple[str, ...] = (),
             lead: int = 1000) -> bool:
    """The figure's name ends with one of ``names`` (金融机构各项存款余额 as 存款余额), with at most
    ``lead`` characters before it, and contains none of ``not_names``."""
    names, not_names = _normal_names(names), _normal_names(not_names)
    for own in _names(ctx, f):
        for n in names:
            # 净利润 is no 利润 part; 轻工业总产值 is a part of 工业总产值 all the same
            if own.endswith(n) and len(own) - len(n) <= lead and not any(x in own and len(x) >= len(n)
                                                                          for x in not_names):
                return True
    return False


@lru_cache(maxsize=1024)
def _normal_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """``normal_name`` of each name (an identity's names are asked about every figure)."""
    return tuple(normal_name(n) for n in names)


def _kind(f: Fact) -> str:
    """"level" for an amount, "permille" for a rate per thousand (出生率), "" for neither: an
    identity adds amounts or rates per thousand, never growth rates."""
    if is_level(f):
        return "level"
    # ‰ is normalised to % (9.85‰ → 0.985 %): the unit as written says a rate per thousand
    return "permille" if f.unit == "‰" and f.claim_type not in ("difference", "change") else ""


def _fits(f: Fact, whole: Fact) -> bool:
    """A figure that may be a part of the whole: of its unit and kind."""
    return same_unit(f, whole) and _kind(f) == _kind(whole) != ""


def _part(ctx: Context, whole: Fact, names: tuple[str, ...], not_names: tuple[str, ...],
          like: Fact | None = None) -> tuple[Fact, bool] | None:
    """A part's figure and whether it is certain (the only one of its name in the whole's
    paragraph); of ``like``'s unit and kind (the whole's by default)."""
    pool = [f for f in ctx.text_facts if f is not whole and _fits(f, like or whole)
            and not is_stated_change(ctx, f) and not is_prior_level(ctx, f)
            and (year_of(ctx, f) is None or whole.year is None or year_of(ctx, f) == whole.year)
            and _same_months(f, whole) and names_as(ctx, f, names, not_names, _MAX_LEAD)]
    # a part listed under a total of the same name is a subset of it (短期贷款 of 各项贷款)
    pool = [f for f in pool if total_of(ctx, f) not in pool]
    # a part of another place is no part of the whole's (衡阳's 保费收入 beside 全省's)
    pool = [f for f in pool if not (whole.subject_key and f.subject_key and f.subject_key != whole.subject_key)]
    return _only_one(ctx, whole, pool) or _best(ctx, whole, names, pool)


def _same_months(f: Fact, whole: Fact) -> bool:
    """The part is of the whole's time when both are dated (a quarter's whole has no half-year parts)."""
    dated = all(g.period_start_month and g.period_end_month for g in (f, whole))
    return not dated or same_time(f, whole)


def _only_one(ctx: Context, whole: Fact, pool: list[Fact]) -> tuple[Fact, bool] | None:
    """The part that is certain: the only value of the whole's own scope (本外币存贷比: 本外币, not the
    人民币 deposits beside it), else the only value in the whole's paragraph (certain unless its
    scope is another than the whole's)."""
    scoped = [f for f in pool if whole.scope and f.scope == whole.scope]
    if len({f.value_normalized for f in scoped}) == 1:
        return scoped[-1], True
    near = [f for f in pool if nearby(ctx, f, whole)]
    if len({f.value_normalized for f in near}) == 1:
        return near[-1], not (whole.scope and near[-1].scope and near[-1].scope != whole.scope)
    return None


def _best(ctx: Context, whole: Fact, names: tuple[str, ...], pool: list[Fact]) -> tuple[Fact, bool] | None:
    """An uncertain part: a figure of a selection last, the plainest name first (出口总额 before
    一般贸易出口额), then the nearest; those in the whole's paragraph before the others."""
    near = [f for f in pool if nearby(ctx, f, whole)]
    best = sorted(near or pool, key=lambda f: (is_subtotal(ctx, f), _name_rank(ctx, f, names), _lead(ctx, f, names),
                                               abs(f.char_start - whole.char_start)))
    return (best[0], False) if best else None


def _name_rank(ctx: Context, f: Fact, names: tuple[str, ...]) -> int:
    """Which of the part's names (most specific first: 不良贷款余额 before 不良贷款) the figure's name
    ends with: 处置不良贷款712.6亿元 is a 不良贷款, not the 不良贷款余额 the definition names first."""
    own = _names(ctx, f)
    return next((i for i, n in enumerate(_normal_names(names)) if any(o.endswith(n) for o in own)), len(names))


def _lead(ctx: Context, f: Fact, names: tuple[str, ...]) -> int:
    """How many characters the figure's name holds before the part's name."""
    names = _normal_names(names)
    return min((len(own) - len(n) for own in _names(ctx, f) for n in names if own.endswith(n)), default=99)


def _adds_up(whole: Fact, parts: list[Fact], weights: list[int]) -> bool:
    terms = [scaled(interval(f), f.scale / whole.scale) for f in parts]
    low = sum(t.low if w > 0 else -t.high for t, w in zip(terms, weights, strict=True))
    high = sum(t.high if w > 0 else -t.low for t, w in zip(terms, weights, strict=True))
    return rc.overlaps(rc.Interval(0, low, high), interval(whole))


def identity_relations(ctx: Context, whole: Fact) -> list[Relation]:
    """The identity whose whole the figure is named as: the sum of its parts, and the whole's
    growth from its parts' growth when each states one and the parts add up to the whole."""
    if whole.claim_type in ("difference", "change") or is_stated_change(ctx, whole) \
            or _SUBTOTAL.search(figure_name(ctx, whole)):
        return []  # a subtotal of a selection (利润总额合计) is no whole of the population's parts
    for identity in identities() + composed_identities(whole.indicator or ""):
        if not names_as(ctx, whole, identity.whole):
            continue
        found = [_part(ctx, whole, names, identity.whole + identity.not_names) for _, names in identity.parts]
        if None in found or len({id(f) for f, _ in found}) != len(found):
            return []
        parts, weights = [f for f, _ in found], [w for w, _ in identity.parts]
        doubt = "" if all(sure for _, sure in found) and not identity.agreement_only else _UNSURE
        out = [Relation("sum", whole, inputs=parts, weights=weights, mode="complete", where="document",
                        doubt=doubt, rule="identity_sum")]
        rates = [level_rate(ctx, f) for f in [whole, *parts]]
        if None not in rates and _adds_up(whole, parts, weights) and not growth_is_real(ctx, whole, parts):
            inputs = [whole] + [f for pair in zip(parts, rates[1:], strict=True) for f in pair]
            out.append(Relation("aggregate", rates[0], inputs=inputs, weights=weights, where="document",
                                doubt=doubt, rule="identity_growth"))
        return out
    return []


@dataclass(frozen=True)
class RateDefinition:
    """A rate defined as one named figure over another (销售利润率 = 利润总额 / 销售收入)."""

    rate: tuple[str, ...]
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    agreement_only: bool = False   # the denominator written may be another population's (银行业 vs 金融机构)
    complement: tuple[str, ...] = ()   # the numerator's complement: the denominator is their sum when not stated
    per_hundred: bool = False      # written as a bare number per hundred (性别比 102.97), not in %


@lru_cache(maxsize=1)
def rate_definitions() -> tuple[RateDefinition, ...]:
    """The rate definitions of kb/data/identities.yaml."""
    return tuple(RateDefinition(tuple(d["rate"]), tuple(d["numerator"]), tuple(d["denominator"]),
                                bool(d.get("agreement_only", False)), tuple(d.get("complement", ())),
                                bool(d.get("per_hundred", False)))
                 for d in vocabulary("identities")["rates"])


def _level_named(ctx: Context, rate: Fact, names: tuple[str, ...], like: Fact | None,
                 not_names: tuple[str, ...] = ()) -> tuple[Fact, bool] | None:
    """The level a rate's definition names (none of ``not_names``: 常住人口 is not 城镇常住人口): of
    ``like``'s unit when given, else any level."""
    named = next((f for f in ctx.text_facts if is_level(f) and (like is None or same_unit(f, like))
                  and names_as(ctx, f, names, not_names, _MAX_LEAD)), None)
    return _part(ctx, rate, names, not_names, like=like or named) if named is not None else None


def _over_pair(rate: Fact, top: tuple[Fact, bool], other: tuple[Fact, bool], d: RateDefinition) -> Relation:
    """城镇化率 = 城镇 / (城镇 + 乡村): the numerator over itself and its complement."""
    doubt = "" if top[1] and other[1] and not d.agreement_only else _UNSURE
    return Relation("share", rate, inputs=[top[0], other[0]], mode="of_sum", where="named", doubt=doubt,
                    rule="rate_definition")


def rate_relations(ctx: Context, rate: Fact) -> list[Relation]:
    """A rate stated under a defined name (销售利润率3.7%, or as a ratio: 生师比16.24∶1) against its
    numerator's level over its denominator's, each the figure of its name and year; only agreement is
    telling unless both are in the rate's passage."""
    as_ratio = rate.claim_type == "ratio" and rate.unit_normalized == "score"   # 生师比16.24∶1
    bare = rate.unit_normalized == "score" and not as_ratio                      # 性别比为102.97
    if (rate.unit_normalized != "%" and not as_ratio and not bare) \
            or rate.claim_type in ("difference", "change", "growth_rate"):
        return []
    for d in rate_definitions():
        if bare != d.per_hundred or not names_as(ctx, rate, d.rate, lead=4):
            continue
        top = _level_named(ctx, rate, d.numerator, None)
        bottom = _level_named(ctx, rate, d.denominator, top[0], d.numerator + d.complement) if top else None
        other = _level_named(ctx, rate, d.complement, top[0]) if top and bottom is None and d.complement else None
        if top is not None and other is not None:
            return [_over_pair(rate, top, other, d)]
        if top is None or bottom is None:
            return []
        doubt = "" if top[1] and bottom[1] and not d.agreement_only else _UNSURE
        doubt = doubt or _other_population(ctx, rate, d, bottom[0])
        if as_ratio:
            return [Relation("ratio", rate, inputs=[top[0], bottom[0]], mode="pair", where="document", doubt=doubt,
                             rule="rate_definition")]
        return [Relation("share", rate, inputs=[top[0], bottom[0]], where="document", doubt=doubt,
                         rule="rate_definition")]
    return []


def _other_population(ctx: Context, rate: Fact, d: RateDefinition, bottom: Fact) -> str:
    """Why the rate may be of another population than the denominator's: its name holds words before
    the rate's name (户籍人口城镇化率) that the denominator's name (常住人口) does not; else ''."""
    for own in _names(ctx, rate):
        for name in _normal_names(d.rate):
            prefix = own[:-len(name)] if own.endswith(name) else ""
            if len(prefix) >= 2 and not any(prefix in n for n in _names(ctx, bottom)):
                return f"the rate is of {prefix}, the denominator is named otherwise"
    return ""
