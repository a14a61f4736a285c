"""Relation rules for a share (占…的X%, 比重): each takes a Site and returns a Relation, or
None when it does not apply. find_relation tries them in the order of
kb.verify.relations.find.RULES.
"""

from __future__ import annotations

from kb.models import Fact
from kb.verify.relations.ground import Relation, Site, is_level, is_stated_change, levels_before, same_unit
from kb.verify.relations.names import named_level, written_whole
from kb.verify.relations.sentence import run_start
from kb.verify.relations.shares import (earlier_share, group_share, listed_share, named_earlier_level,
                                        paragraph_share, respectively_list)
from kb.verify.relations.totals import one_list


def _zhan(site: Site) -> tuple[list[Fact], list[Fact], int]:
    """(levels inside 占…, levels before 占, position of 占 in the lead) — ([], [], -1) without 占."""
    zhan = site.lead.rfind("占")
    if zhan < 0:
        return [], [], -1
    ctx, s0 = site.ctx, site.s0
    inside = [f for f in ctx.facts_between(s0 + zhan, site.stated.char_start) if is_level(f)]
    outside = [f for f in ctx.facts_between(s0, s0 + zhan) if is_level(f)]
    return inside, outside, zhan


def rule_share_whole_inside(site: Site) -> Relation | None:
    """A占全国W的Y%: the whole W stated inside 占…的, the part A the level before 占."""
    inside, outside, _ = _zhan(site)
    if inside and outside and same_unit(inside[-1], outside[-1]) \
            and inside[-1].value_normalized >= outside[-1].value_normalized:
        return Relation("share", site.stated, inputs=[outside[-1], inside[-1]], where="sentence")
    return None


def rule_share_part_earlier(site: Site) -> Relation | None:
    """X占全国（W）的Y%: the whole inside 占…的, X's level stated in an earlier sentence."""
    inside, outside, zhan = _zhan(site)
    if not inside or outside:
        return None
    part = named_earlier_level(site.ctx, site.stated, inside[-1], site.lead[:zhan], site.s0)
    return Relation("share", site.stated, inputs=[part, inside[-1]], where="paragraph") if part is not None else None


def _listed(site: Site) -> list[Fact]:
    """The shares of the 分别 list the figure belongs to ([] when it is in none)."""
    return respectively_list(site.ctx, site.s0, site.s1, site.stated)


def rule_listed_shares(site: Site) -> Relation | None:
    """分别为a、b和c，占比分别为x%、y%和z%: each share over its own part of the listed parts."""
    listed = _listed(site)
    return listed_share(site.ctx, site.stated, site.s0, listed) if len(listed) >= 2 else None


def rule_share_levels_before(site: Site) -> Relation | None:
    """W…A，占比Y%: the part is the last level of the share's clause run, the whole an earlier
    larger level of the same unit that is not a sibling in one list (A、B和C). The part and the
    whole stay within the run: a ；-ended list item before is another figure. A share of a 分别
    list never takes its part and whole from the levels before it."""
    if len(_listed(site)) >= 2:
        return None
    levels = levels_before(site.ctx, site.stated, run_start(site.ctx, site.s0, site.stated.char_start))
    if not levels:
        return None
    part = levels[-1]
    for whole in reversed(levels[:-1]):
        if same_unit(whole, part) and whole.value_normalized > part.value_normalized \
                and not one_list(site.ctx, whole, part):
            return Relation("share", site.stated, inputs=[part, whole], where="sentence")
    return None


def rule_share_in_paragraph(site: Site) -> Relation | None:
    """X占Y的比重为s%: the levels of X and Y stated earlier in the paragraph."""
    pair = paragraph_share(site.ctx, site.stated, site.s0, site.para_start)
    return Relation("share", site.stated, inputs=list(pair), where="paragraph") if pair else None


def rule_share_of_earlier_whole(site: Site) -> Relation | None:
    """[X]占Y的比重为s%: Y's level stated earlier in the document, X's (or the level before 占)."""
    pair = earlier_share(site.ctx, site.stated, site.s0)
    return Relation("share", site.stated, inputs=list(pair), where="paragraph") if pair else None


def rule_share_of_group_total(site: Site) -> Relation | None:
    """A占G总量的s%: the total of the group G stated earlier, A the level before 占."""
    pair = group_share(site.ctx, site.stated, site.s0, site.para_start)
    return Relation("share", site.stated, inputs=list(pair), where="paragraph") if pair else None


_UNSURE_WHOLE = "the whole was chosen among several figures of its name"


def rule_share_of_named_whole(site: Site) -> Relation | None:
    """A…，占Y的s%: the part is the level before 占 in the clause run, the whole the level the
    document states under the name Y (出口交货值实现1279亿元 for 占重点企业出口交货总值的)."""
    written = written_whole(site.lead)
    if len(written) < 2 or len(_listed(site)) >= 2:
        return None  # a 分别 list of shares names parts that are not stated
    zhan = site.ctx.text.rfind("占", site.s0, site.stated.char_start)
    before = [f for f in levels_before(site.ctx, site.stated, run_start(site.ctx, site.s0, zhan))
              if f.char_end <= zhan and not is_stated_change(site.ctx, f)]
    if not before:
        return None
    part = before[-1]
    whole = named_level(site.ctx, written, part, larger_than=part)
    if whole is None:
        return None
    return Relation("share", site.stated, inputs=[part, whole.fact], where="document",
                    doubt="" if whole.certain else _UNSURE_WHOLE)
