"""Relation rules for a total and its listed members: 共计N个，其中A、B、C (members after the
total) and 分别为A、B和C，合计N (parts before it). Each takes a Site and returns a Relation, or
None when it does not apply; find_relation tries them in the order of
kb.verify.relations.find.RULES.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.vocab import words
from kb.verify.relations.ground import Relation, Site, is_level, same_unit, stated_as_average
from kb.verify.relations.totals import (counted_list_before, each_count, listed_parts_before, named_items_before,
                                        named_members_before)

_BALANCES = words("relations", "balance_words")


def rule_parts_before_total(site: Site) -> Relation | None:
    """分别为A、B和C，合计N: the run of same-unit levels right before the total."""
    parts = listed_parts_before(site.ctx, site.stated, site.s0)
    return Relation("sum", site.stated, inputs=parts, weights=[1] * len(parts), where="sentence") if parts else None


def _all_members(site: Site, parts: list[Fact], where: str) -> Relation | None:
    """The sum over members the text counts or names: they are all the members, so a sum below the
    total is wrong too (mode "complete"); None without members."""
    return Relation("sum", site.stated, inputs=parts, weights=[1] * len(parts), mode="complete",
                    where=where) if parts else None


def rule_counted_members_before(site: Site) -> Relation | None:
    """A、B、C三市…分别为a、b和c，…；三市合计N: the 分别 list of as many levels as the total counts."""
    return _all_members(site, counted_list_before(site.ctx, site.stated, site.s0), "sentence")


def rule_named_members_before(site: Site) -> Relation | None:
    """阜阳、宿州、亳州三市产量合计X: the levels each listed place was stated with before."""
    return _all_members(site, named_members_before(site.ctx, site.stated), "paragraph")


def rule_named_items_before(site: Site) -> Relation | None:
    """办公楼和商业营业用房投资合计X: the levels of the items the clause names, stated earlier in the paragraph."""
    return _all_members(site, named_items_before(site.ctx, site.stated, site.s0, site.para_start), "paragraph")


def rule_members_after_total(site: Site) -> Relation | None:
    """共计N个，其中A、B、C (京津各N个 counts twice): the same-unit levels after the total in one
    clause run; after ；/。 or a second 其中 comes a subset, and after a balance word (顺差) a
    difference of members, not a member."""
    ctx, stated = site.ctx, site.stated
    if stated_as_average(ctx, stated):
        return None
    parts, weights = [], []
    prev_end = stated.char_end
    for f in ctx.facts_between(stated.char_end, site.s1):
        if not same_unit(f, stated) or not is_level(f):
            break
        gap = ctx.text[prev_end:f.char_start]
        if parts and (re.search(r"[；;。]", gap) or "其中" in gap):
            break
        if any(w in gap for w in _BALANCES):   # 其中出口X，进口Y，顺差Z: a balance is no member
            break
        parts.append(f)
        prev_end = f.char_end
        weights.append(each_count(ctx.text[max(site.s0, f.char_start - 12):f.char_start]))
    if len(parts) >= 2 or (parts and weights[0] > 1):
        return Relation("sum", stated, inputs=parts, weights=weights, where="sentence")
    return None
