"""Verdict discipline: a figure is called inconsistent only against figures that measure the
same thing.

Every check that came out "inconsistent" is reviewed here before it is stored.
The stated figure and its inputs must agree in identity (kb.figures.identity):
subject, indicator, scope, price basis, period and status, in the way the kind
of check needs (the two levels of a growth rate share everything but the
period; a part and its whole share the period, and the part's subject is the
whole's or one of its members …). The first rule that finds a doubt turns the
verdict into "unverifiable" and says why in one sentence; a false alarm costs
more than a missed error.
"""

from __future__ import annotations

from typing import Callable, Optional

from kb.figures.identity import is_real_growth_key
from kb.models import Check, Fact
from kb.text import vocab
from kb.verify.relations.ground import OPEN_BOUNDS, REPORTED_STATUSES, compatible_units

GROWTH_KINDS = ("growth", "cagr", "multiple")
PART_KINDS = ("share", "sum", "aggregate")
# where the wording itself ties the figures: one sentence, or a total and the parts listed
# after its 其中
TIED = ("sentence", "breakdown", "per_day", "of_target", "quotient", "named")
# where a level reached is a percentage of the target its sentence states (完成全年目标的107.5%（全年目标为
# 8万人）, 为年初预算A的102.3%): the target is an input by the wording, not a figure of another status
OF_TARGET = "of_target"
# where a figure per unit and the two levels it is the quotient of were found (单产 = 产量 / 面积): their
# units differ by design; "quotient" in the figure's sentence, "quotient_named" by their names elsewhere
QUOTIENT = ("quotient", "quotient_named")
# where a rate defined over a pair was found (城镇化率 = 城镇 / (城镇 + 乡村), kb/data/identities.yaml
# complement): the two inputs differ in name and are two parts, not part and whole, by design
NAMED = "named"
# where a level per day was found: its total's, by the wording (日均发电X names neither the total's
# indicator nor its scope: they are the total's)
PER_DAY = "per_day"
ACTUAL = REPORTED_STATUSES
# where the inputs of a pair ratio were found: a 分别 pair whose bounds the check read itself
PAIR = "pair"

Rule = Callable[["Case"], Optional[str]]


class Case:
    """One inconsistent check under review: its kind, where its inputs were found (a sentence
    ties its figures by syntax; a paragraph, table or document only by their identity), the
    stated figure and the inputs."""

    def __init__(self, kind: str, where: str, stated: Fact, inputs: list[Fact]):
        self.kind, self.where, self.stated, self.inputs = kind, where, stated, inputs

    @property
    def tied(self) -> bool:
        """True when one sentence's wording ties the figures (从A增至B，增长X%)."""
        return self.where in TIED


def review(check: Check, facts: dict[str, Fact]) -> Check:
    """The check as stored: unchanged unless it is inconsistent and a rule doubts its figures."""
    if check.verdict != "inconsistent":
        return check
    inputs = [facts[i] for i in check.inputs if i in facts]
    # a claim about several figures (翻两番, 均超…) has no single stated fact: read its last input
    stated = facts.get(check.stated_fact_id) or (inputs[-1] if inputs and not check.stated_fact_id else None)
    if stated is None or len(inputs) != len(check.inputs):
        return _unverifiable(check, "its figures could not be read back")
    reason = doubt(Case(check.kind, check.where, stated, inputs))
    return _unverifiable(check, reason) if reason else check


def doubt(case: "Case") -> Optional[str]:
    """The first reason not to judge the case's stated figure against its inputs, or None."""
    for rule in RULES:
        reason = rule(case)
        if reason:
            return reason
    return None


def _unverifiable(check: Check, reason: str) -> Check:
    formula = f" ({check.formula})" if check.formula else ""
    return check.model_copy(update={
        "verdict": "unverifiable",
        "explanation": f"Not judged: {reason}; the recomputed figure{formula} is not compared "
                       f"with the stated {_surface(check, reason)}."})


def _surface(check: Check, _reason: str) -> str:
    return "figure" if check.stated_value is None else f"{check.stated_value:g}"


# --- the rules, tried in order --------------------------------------------------------

def rule_status(case: Case) -> Optional[str]:
    """A target, forecast or estimate is never judged against an actual figure (except the target a
    level reached is a percentage of, in its own sentence)."""
    stated, inputs = case.stated, case.inputs
    figures = [stated, *inputs]

    def kind_of(f: Fact) -> str:
        return "actual" if f.status in ACTUAL else f.status

    if case.where == OF_TARGET and [kind_of(f) for f in figures] == ["actual", "target", "actual"]:
        return None
    kinds = {kind_of(f) for f in figures}
    # a figure estimated from the actual figures its own sentence states is of their kind
    if case.tied and stated.status == "estimate" and {kind_of(f) for f in inputs} == {"actual"}:
        return None
    if len(kinds) > 1:
        odd = next(f for f in figures if kind_of(f) != "actual")
        return f"{_name(odd)} is a {odd.status}, the others are actual figures"
    return None


def rule_units(case: Case) -> Optional[str]:
    """Inputs combined by one formula are in one unit (two levels, a part and its whole; not the two
    levels a figure per unit is the quotient of)."""
    kind, stated, inputs = case.kind, case.stated, case.inputs
    if case.where in QUOTIENT:
        return None
    if kind in GROWTH_KINDS + PART_KINDS + ("difference", "ratio", "average"):
        # growth rates that carry a level back a year are not the levels' unit
        figures = [f for f in inputs if f.claim_type != "growth_rate"] or list(inputs)
        figures += [stated] if kind == "sum" else []
        odd = next((f for f in figures if not compatible_units(f, figures[0])), None)
        if odd is not None:
            return f"the figures are in different units ({_unit_class(figures[0])}, {_unit_class(odd)})"
    return None


def rule_subject(case: Case) -> Optional[str]:
    """The levels of a growth rate are one subject's, and the stated rate is about it too; the
    parts of a whole belong to the whole's subject. Figures tied by the wording (one sentence,
    a 其中 list) are compared only on subjects the linker read in their own clause."""
    kind, stated, inputs = case.kind, case.stated, case.inputs

    def sub(f: Fact) -> str:
        return "" if case.tied and f.subject_rule in WEAK_SUBJECT else _subject(f)

    keys = [sub(f) for f in inputs]
    if kind in GROWTH_KINDS:
        named = {k for k in keys if k}
        if len(named) > 1:
            return f"the two levels are about different subjects ({' and '.join(sorted(named))})"
        if named and sub(stated) and sub(stated) not in named:
            return f"the rate is {sub(stated)}'s, the levels are {named.pop()}'s"
    if kind == "sum":
        strangers = [k for k in keys if k and sub(stated) and not _within(k, sub(stated))]
        if strangers and len(set(keys)) == 1 and keys[0] != sub(stated):
            return f"the parts are {strangers[0]}'s, the total is {sub(stated)}'s"
    if kind == "share" and part_and_whole(inputs):
        part, whole = part_and_whole(inputs)
        if sub(part) and sub(whole) and not _within(sub(part), sub(whole)):
            return f"the part is {sub(part)}'s, the whole is {sub(whole)}'s"
    return None


def rule_indicator(case: Case) -> Optional[str]:
    """The levels of a growth rate measure one indicator, the stated rate's."""
    kind, stated, inputs = case.kind, case.stated, case.inputs
    if case.where == NAMED:
        return None
    if kind == "difference":
        # a rate named only as a growth (降幅比1—10月（下降9.9%）…) is the growth of the other's indicator
        keys = sorted({_counted_key(f, inputs) for f in inputs if f.indicator_key
                       and f.indicator_key not in _BARE_GROWTH})
        # one name inside the other (GDP, GDP数据正式发布) is one indicator written with more words
        if len(keys) > 1 and not (len(keys) == 2 and (keys[0] in keys[1] or keys[1] in keys[0])):
            return f"the two figures measure different things ({' and '.join(keys)})"
        return None
    if kind not in GROWTH_KINDS or case.where in ("sentence", "table", OF_TARGET):
        return None
    keys = {f.indicator_key for f in inputs if f.indicator_key}
    if len(keys) > 1:
        return f"the two levels measure different things ({' and '.join(sorted(keys))})"
    if keys and stated.indicator_key and stated.indicator_key not in keys and not _overlaps(stated, inputs[0]):
        return f"the rate is of {stated.indicator_key}, the levels are of {keys.pop()}"
    return None


def rule_scope(case: Case) -> Optional[str]:
    """A subset (规模以上, 城镇, 国家级) is never compared with its total as if it were the total."""
    kind, stated, inputs = case.kind, case.stated, case.inputs
    if kind in PART_KINDS or kind in ("difference", "real_growth") or case.where == PAIR:
        return None  # a part may be a subset of its whole, a difference (and a pair's ratio) compares
        # two groups, and a price index deflates a subset's growth, by design
    if case.where == PER_DAY and not stated.scope:
        return None  # 规上工业发电量X，日均发电Y: the daily figure is the total's, of its scope
    scopes = {f.scope for f in [stated, *inputs]}
    if case.where == OF_TARGET:
        scopes.discard("")   # 城镇新增就业X，完成全年目标的Y%（全年目标为Z）: the target is the level's, by the wording
    if len(scopes) > 1:
        named = sorted(s or "all" for s in scopes)
        return f"the figures cover different scopes ({', '.join(named)})"
    return None


def rule_basis(case: Case) -> Optional[str]:
    """A real growth rate (comparable prices) is never recomputed from current-price levels."""
    kind, stated, inputs = case.kind, case.stated, case.inputs
    if kind not in GROWTH_KINDS or stated.measure == "multiple":
        return None
    if not is_real_growth(stated) or any(f.basis == "real" for f in inputs):
        return None
    if inputs and all(f.measure == "yoy_growth" for f in inputs):
        return None   # 两年平均增长 from the two years' rates: rates of one indicator, of its basis
    return ("the growth rate is at comparable prices and the levels at current prices"
            if stated.basis == "real" else
            f"{stated.indicator_key} growth is reported at comparable prices, the levels at current prices")


def rule_periods(case: Case) -> Optional[str]:
    """A growth rate needs two different periods of equal length; a part and its whole, one period."""
    kind, inputs = case.kind, case.inputs
    periods = [_period(f) for f in inputs]
    levels = all(f.measure in ("level", "per_capita", "share", "ratio") for f in inputs)
    if kind in GROWTH_KINDS and len(inputs) == 2 and all(periods) and levels and not case.tied:
        (a0, a1), (b0, b1) = periods
        if (a0, a1) == (b0, b1):
            return "the two levels are of the same period"
        if _length(a0, a1) != _length(b0, b1):
            return "the two levels cover periods of different length"
        own = _period(case.stated)
        if case.stated.measure in ("yoy_growth", "growth_vs_base") and own and own[0][:4] == own[1][:4] \
                and _length(*own) != _length(b0, b1):
            # a table's 11月 同比增长 / 环比增长 beside its 1—11月累计 columns: the rate is of another span
            return "the growth rate covers another span of months than the levels"
    if kind in PART_KINDS and not case.tied:
        return _part_periods(case)
    return None


def _part_periods(case: Case) -> Optional[str]:
    """A part and its whole (and the share or sum stated of them) are of one period; for an
    earlier period's share (由上年的a%, carried back by the growth rates) the part and the whole.
    A share stated for a year is of that year's end when its part and whole are stocks counted then
    (年末常住人口 and the share of a district in it)."""
    pair = part_and_whole(case.inputs) if case.kind == "share" else None
    earlier = bool(pair) and len(case.inputs) == 4
    known = {_period(f) for f in (pair if earlier else case.inputs)} - {None}
    own = None if earlier else _period(case.stated)
    if own is not None and not (case.kind == "share" and known == {_year_end(own)}):
        known.add(own)
    return "the part and the whole are of different periods" if len(known) > 1 else None


def _year_end(period: tuple[str, str]) -> tuple[str, str] | None:
    """(Y-12, Y-12) for the whole year Y (Y-01, Y-12), else None."""
    start, end = period
    year = end[:4]
    return (f"{year}-12", f"{year}-12") if (start, end) == (f"{year}-01", f"{year}-12") else None


def rule_part_not_above_whole(case: Case) -> Optional[str]:
    """A share below 100 % cannot have a part larger than its whole: the pair is not part and whole."""
    kind, stated, inputs = case.kind, case.stated, case.inputs
    if kind == "share" and case.where != NAMED and part_and_whole(inputs) and stated.value_normalized <= 100:
        part, whole = part_and_whole(inputs)
        if abs(part.value_normalized) > abs(whole.value_normalized) * 1.0001:
            return "the supposed part is larger than the whole"
    return None


def rule_bound_inputs(case: Case) -> Optional[str]:
    """An input stated as a bound (超过X, 不到X, X以上) is not a value to compute with, unless the
    check read it as one unit of its last digit (the ratio of a 分别 pair, kb.verify.pair_ratio)."""
    if case.where == PAIR:
        return None
    bound = next((f for f in case.inputs if f.qualifier in OPEN_BOUNDS), None)
    return f"{_name(bound)} is a bound, not a value" if bound else None


def rule_same_measure(case: Case) -> Optional[str]:
    """The two figures of a difference or the parts of a sum are one kind of figure (two levels,
    two rates), not a level and a change."""
    if case.kind not in ("difference", "sum"):
        return None
    measures = {f.measure for f in case.inputs if f.measure}
    if case.kind == "sum" and case.stated.measure:
        measures.add(case.stated.measure)
    if len(measures) > 1 and not _one_rate(case):
        return f"the figures are of different kinds ({', '.join(sorted(measures))})"
    return None


def _counted_key(f: Fact, inputs: list[Fact]) -> str:
    """A table's count cell of a row of kinds (幼儿园 | 学校数（所）) counts what its row names: its key
    is the row label when another input is a count named so (全市共有幼儿园1325所), else its own."""
    if f.source_kind == "table" and f.unit_normalized == "count" and f.subject \
            and any(g is not f and g.indicator_key == f.subject and g.unit_normalized == "count" for g in inputs):
        return f.subject
    return f.indicator_key


_RATE_VALUES = frozenset({"level", "share", "ratio"})


def _one_rate(case: Case) -> bool:
    """The two figures of a difference are values of one rate (逾期贷款率2.36%，年初为2.81%: read as a
    share and as a level, they are one indicator's percentages at two times)."""
    keys = {f.indicator_key for f in case.inputs}
    return (case.kind == "difference" and len(keys) == 1 and "" not in keys and None not in keys
            and all(f.unit_normalized == "%" and f.measure in _RATE_VALUES for f in case.inputs))


def rule_share_of_what(case: Case) -> Optional[str]:
    """A share found without 占 wording is judged only when its part is the indicator it names."""
    if case.kind != "share" or len(case.inputs) != 2 or case.where in ("table", "breakdown", NAMED):
        return None  # a share listed with its part (它们的贡献率分别为) is tied to it by the list
    part = case.inputs[0]
    if "占" in case.stated.quote or _shares_words(case.stated.indicator, part.indicator):
        return None
    return f"the stated share is of {case.stated.indicator_key or 'another indicator'}, not of {part.indicator_key}"


RULES: tuple[Rule, ...] = (rule_status, rule_bound_inputs, rule_units, rule_subject, rule_indicator, rule_scope, rule_basis,
                           rule_periods, rule_part_not_above_whole, rule_same_measure, rule_share_of_what)


# --- helpers ------------------------------------------------------------------------------

GUESSED_SUBJECT = vocab.words("checks", "guessed_subject_rules")
WEAK_SUBJECT = vocab.words("checks", "weak_subject_rules")
WHOLE_AREAS = frozenset(vocab.words("checks", "whole_area_subjects"))
GUESSED_PERIOD = vocab.words("checks", "guessed_period_rules")
# 增速, 降幅 …: a rate named only as a growth (of the indicator of the figure it is compared with)
_BARE_GROWTH = frozenset(vocab.words("identity", "growth_rate_tails"))


def linked_with_confidence(fact: Fact) -> bool:
    """The linker read the figure's subject and period in its own sentence (or a table's labels),
    not carried them over from context."""
    return fact.subject_rule not in GUESSED_SUBJECT and fact.period_rule not in GUESSED_PERIOD


def is_real_growth(fact: Fact) -> bool:
    """True when a growth rate is at comparable prices: stated so, or an indicator (GDP, value
    added) that statistics report at comparable prices unless they say otherwise."""
    if fact.basis:
        return fact.basis == "real"
    return is_real_growth_key(fact.indicator_key)


def part_and_whole(inputs: list[Fact]) -> tuple[Fact, Fact] | None:
    """The part and the whole of a share's inputs: (part, whole), or (part, its rate, whole, its
    rate) for an earlier period's share; None for a share of a listed sum."""
    if len(inputs) == 2:
        return inputs[0], inputs[1]
    if len(inputs) == 4 and inputs[1].claim_type == inputs[3].claim_type == "growth_rate":
        return inputs[0], inputs[2]
    return None


def _subject(fact: Fact) -> str:
    return fact.subject_key or fact.subject


def _within(part: str, whole: str) -> bool:
    """True when ``part`` is ``whole`` or one of its members (广东 within 粤桂琼, anything within 全国)."""
    from kb.text.gazetteer import members

    if part == whole or whole == "全国" or whole in WHOLE_AREAS:
        return True
    names = set(part.split("、"))
    return names <= set(members(whole)) or names <= set(whole.split("、"))


def _overlaps(stated: Fact, level: Fact) -> bool:
    a, b = stated.indicator_key, level.indicator_key
    return bool(a and b) and (a in b or b in a)


def _shares_words(a: str, b: str) -> bool:
    """True when two phrases share a two-character word piece."""
    grams = {a[i:i + 2] for i in range(len(a) - 1)}
    return any(b[i:i + 2] in grams for i in range(len(b) - 1))


def _unit_class(fact: Fact) -> str:
    return fact.unit_normalized


def _period(fact: Fact) -> Optional[tuple[str, str]]:
    if fact.period_start_month and fact.period_end_month:
        return fact.period_start_month, fact.period_end_month
    return None


def _length(start: str, end: str) -> int:
    return (int(end[:4]) - int(start[:4])) * 12 + int(end[5:]) - int(start[5:])


def _name(fact: Fact) -> str:
    return f"{fact.figure_text or fact.value_text or fact.value}"
