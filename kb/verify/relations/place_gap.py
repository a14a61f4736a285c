"""The gap between two places' levels: 河南与湖北的差距由…缩小到3577亿元 is the larger of the two
places' levels less the smaller, each the one level of the figure's unit and period the
document states for that place (of one indicator). The levels are found by their places, not
named in the sentence, so only agreement tells: a gap that does not agree is left unjudged.
"""

from __future__ import annotations

from kb.models import Fact
from kb.text.gazetteer import canonical, find_places
from kb.verify.relations.ground import Relation, Site, is_level, is_prior_level, is_stated_change, same_unit

_DOUBT = "the two levels were found by their places, not named in the sentence"


def _same_period(a: Fact, b: Fact) -> bool:
    return bool(a.period_start_month) and (a.period_start_month, a.period_end_month) == \
        (b.period_start_month, b.period_end_month)


def _level_of(site: Site, place: str) -> Fact | None:
    """The place's one level of the stated figure's unit and period (None when none or several)."""
    ctx, stated = site.ctx, site.stated
    found = [f for f in ctx.text_facts if f is not stated and f.subject_key == place and is_level(f)
             and same_unit(f, stated) and _same_period(f, stated)
             and not is_prior_level(ctx, f) and not is_stated_change(ctx, f)]
    return found[0] if found and len({f.value_normalized for f in found}) == 1 else None


def rule_gap_between_places(site: Site) -> Relation | None:
    """A与B的差距…X: the two places named before the figure in its sentence, each with one level of
    one indicator: the larger less the smaller."""
    before = site.ctx.text[site.s0:site.stated.char_start]
    places = list(dict.fromkeys(canonical(p[0]) for p in find_places(before)))
    if len(places) != 2:
        return None
    a, b = (_level_of(site, p) for p in places)
    if a is None or b is None or not a.indicator_key or a.indicator_key != b.indicator_key:
        return None
    low, high = sorted((a, b), key=lambda f: f.value_normalized)
    return Relation("difference", site.stated, inputs=[low, high], where="document", doubt=_DOUBT)
