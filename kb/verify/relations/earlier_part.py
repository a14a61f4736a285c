"""A rate against an earlier part of its own year, stated in another sentence: 前三季度，规模以上工业
增加值同比增长6.5%，比上半年加快0.3个百分点 … 上半年规模以上工业增加值增长6.2% (6.5 − 6.2 = 0.3).

The earlier rate is the one the document states of the same subject, indicator, measure, scope and
basis for the months the comparison names (上半年 → January to June of the rate's year), and only
when every such statement gives one value. It is found by its identity, not named in the sentence,
so only agreement tells: a difference that does not agree is left unjudged.
"""

from __future__ import annotations

import re

from kb.figures.identity import month_range
from kb.models import Fact
from kb.text.vocab import regex
from kb.verify.relations.ground import OPEN_BOUNDS, Relation, Site, is_prior_level, same_thing

_EARLIER_PART = regex("relations", "earlier_part_compared")
_DOUBT = "the earlier period's rate was found by its indicator in another sentence"


def _earlier_rate(site: Site, own: Fact, months: tuple[str, str]) -> Fact | None:
    """The one rate of ``own``'s identity the document states for ``months`` (None when none or several)."""
    found = [f for f in site.ctx.text_facts if f is not own and f is not site.stated and f.unit_normalized == "%"
             and (f.period_start_month, f.period_end_month) == months and same_thing(f, own) and f.measure == own.measure
             and f.qualifier not in OPEN_BOUNDS and f.value_low is None and not is_prior_level(site.ctx, f)]
    return found[0] if found and len({(f.value, f.direction) for f in found}) == 1 else None


def rule_difference_with_earlier_part(site: Site) -> Relation | None:
    """…增长6.5%，比上半年加快0.3个百分点: this rate (the one before it in its clause run, of its indicator)
    less the same indicator's rate for the earlier part of the year, stated elsewhere."""
    ctx, stated = site.ctx, site.stated
    m = _EARLIER_PART.search(re.split(r"[，。；,;]", site.lead)[-1])
    if stated.unit_normalized != "pp" or m is None:
        return None
    own = [f for f in ctx.facts_between(site.s0, stated.char_start) if f.unit_normalized == "%"
           and f.claim_type == "growth_rate" and f.indicator_key and f.indicator_key == stated.indicator_key]
    if not own or not own[-1].period_end_month or own[-1].qualifier in OPEN_BOUNDS:
        return None
    first, last = month_range(m.group(1))
    year = own[-1].period_end_month[:4]
    if (first, last) == (1, 12) or f"{year}-{last:02d}" >= own[-1].period_end_month:
        return None   # not a part of the year, or not an earlier one
    earlier = _earlier_rate(site, own[-1], (f"{year}-{first:02d}", f"{year}-{last:02d}"))
    if earlier is None:
        return None
    mode = "signed" if "down" in (earlier.direction, own[-1].direction) else ""
    return Relation("difference", stated, inputs=[earlier, own[-1]], mode=mode, where="document", doubt=_DOUBT)
