"""A part's contribution to a whole's growth, in percent (贡献率): 第二产业用电量对全社会用电量增长的贡献率为54.2%
is the part's increment over the whole's, ΔA / ΔB · 100 — the part's increment from its level and its
growth rate (A − A / (1 + g)), the whole's from its level and the previous period's.

Both figures are chosen by the names the sentence writes (X对Y增长的贡献率), so only agreement is telling;
an increment that is not positive leaves the figure unverifiable (a share of a fall is read otherwise).
"""

from __future__ import annotations

from kb.text.vocab import regex
from kb.verify.relations.figure_names import best_named
from kb.verify.relations.ground import (Relation, Site, is_level, is_prior_level, is_stated_change, level_rate,
                                        same_unit, same_when_known)

_CONTRIBUTION = regex("relations", "contribution_to_growth")
_DOUBT = "the part and the whole were chosen by the names the sentence writes"


def rule_contribution_to_growth(site: Site) -> Relation | None:
    """X对Y增长的贡献率为Z%: X's increment (its level and growth rate) over Y's (its level this period and
    the previous period's), in percent."""
    ctx, stated = site.ctx, site.stated
    m = _CONTRIBUTION.search(site.lead)
    if m is None or stated.unit_normalized != "%":
        return None
    pool = [f for f in ctx.facts_before(stated.char_start) if is_level(f) and not is_prior_level(ctx, f)
            and not is_stated_change(ctx, f) and same_when_known(f.year, stated.year)]
    part, whole = best_named(ctx, m.group("part"), pool), best_named(ctx, m.group("whole"), pool)
    rate = level_rate(ctx, part) if part is not None else None
    if part is None or whole is None or rate is None or part is whole or not same_unit(part, whole):
        return None
    prior = [f for f in ctx.text_facts if f is not whole and is_prior_level(ctx, f)
             and f.indicator_key and f.indicator_key == whole.indicator_key
             and f.subject_key == whole.subject_key and same_unit(f, whole)]
    if len({f.value_normalized for f in prior}) != 1:
        return None
    return Relation("contribution", stated, inputs=[part, rate, whole, prior[0]], where="document", doubt=_DOUBT)
