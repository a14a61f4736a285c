"""Two places' levels compared: the gap (河南与湖北的差距由…缩小到3577亿元 is the larger of the two
places' levels less the smaller, each the one level of the figure's unit and period the
document states for that place, of one indicator) and the ratio (广东GDP…是山东的1.45倍, 江苏GDP相当于
广东的96.5%: the subject's level over the named place's, each the one level of the ratio's
indicator and period). The levels are found by their places, not named in the sentence, so only
agreement tells: a gap or a ratio that does not agree is left unjudged.
"""

from __future__ import annotations

from typing import Callable

from kb.models import Fact
from kb.text.gazetteer import canonical, find_places, is_place
from kb.verify.relations.comparison_rules import referent
from kb.verify.relations.ground import Relation, Site, is_level, is_prior_level, is_stated_change, same_unit

_DOUBT = "the two levels were found by their places, not named in the sentence"


def _same_period(a: Fact, b: Fact) -> bool:
    return bool(a.period_start_month) and (a.period_start_month, a.period_end_month) == \
        (b.period_start_month, b.period_end_month)


def _level_of(site: Site, place: str, fits: Callable[[Fact], bool]) -> Fact | None:
    """The place's one level of the stated figure's period that ``fits`` (its unit, for a gap; its
    indicator, for a ratio), reported and not compared with (None when none or several)."""
    ctx, stated = site.ctx, site.stated
    found = [f for f in ctx.text_facts if f is not stated and f.subject_key == place and is_level(f)
             and fits(f) and _same_period(f, stated) and not is_prior_level(ctx, f) and not is_stated_change(ctx, f)]
    return found[0] if found and len({f.value_normalized for f in found}) == 1 else None


def rule_gap_between_places(site: Site) -> Relation | None:
    """A与B的差距…X: the two places named before the figure in its sentence, each with one level of
    one indicator: the larger less the smaller."""
    before = site.ctx.text[site.s0:site.stated.char_start]
    places = list(dict.fromkeys(canonical(p[0]) for p in find_places(before)))
    if len(places) != 2:
        return None
    a, b = (_level_of(site, p, lambda f: same_unit(f, site.stated)) for p in places)
    if a is None or b is None or not a.indicator_key or a.indicator_key != b.indicator_key:
        return None
    low, high = sorted((a, b), key=lambda f: f.value_normalized)
    return Relation("difference", site.stated, inputs=[low, high], where="document", doubt=_DOUBT)


def rule_ratio_between_places(site: Site) -> Relation | None:
    """X是Y的N倍 / 相当于Y的N% with Y a place and X the stated figure's subject, a place: X's level
    over Y's, each found by its place (their sentence need not be the ratio's)."""
    stated = site.stated
    named = [canonical(p) for p, _, _ in find_places(referent(site))]
    own = stated.subject_key or ""
    if len(named) != 1 or not is_place(own) or named[0] == own or not stated.indicator_key or stated.scope:
        return None

    def fits(f: Fact) -> bool:
        return f.indicator_key == stated.indicator_key and not f.scope

    a, b = _level_of(site, own, fits), _level_of(site, named[0], fits)
    if a is None or b is None or not same_unit(a, b):
        return None
    mode = "percent" if site.read == "ratio_pct" else "ratio"
    return Relation("multiple", stated, inputs=[b, a], mode=mode, where="document", doubt=_DOUBT)

