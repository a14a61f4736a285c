"""Shares of a 分别 list whose parts the sentence before states.

分产业看，第一产业用电量32.5亿千瓦时，…；第二产业用电量2684.3亿千瓦时，…。第一、二、三产业…占全社会用电量
的比重分别为0.8%、64.5%…: the parts are the levels of one unit of the sentence right before, as many as
the shares, or else the level each listed item names anywhere before (夏粮、早稻、秋粮产量 → 夏粮总产量,
早稻总产量, 秋粮总产量); the whole is a level the document names as the share's whole (占Y的) whose value
is the parts' sum, within rounding. The shares must add up to 100 % (the list is all of the whole), so the
parts found are all of it too. When the parts' names are not found in the list's words in order,
the order is assumed, and only agreement is told.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.verify import recompute as rc
from kb.verify.citing import interval, scaled
from kb.verify.relations.figure_names import NAME_MATCH, name_score, same_vocabulary_key, written_whole
from kb.verify.relations.ground import (Context, Relation, Site, is_level, is_own_level, is_prior_level,
                                        is_stated_change, same_unit, same_when_known, year_of)
from kb.verify.relations.shares import respectively_list, share_clause

_ORDER_ASSUMED = "the parts are taken in the order the sentence before states them"


def _amount(f: Fact) -> rc.Interval:
    """The figure's rounding interval in its normalised unit (1.2万亿元 and 3000亿元 add up)."""
    return scaled(interval(f), f.scale)


def _parts_before(ctx: Context, s0: int, n: int) -> list[Fact]:
    """The levels of the sentence right before ``s0`` when they are ``n`` of one unit, else []."""
    end = len(ctx.text[:s0].rstrip())
    if end == 0:
        return []
    p0, p1 = ctx.sentence_of(end - 1)
    levels = [f for f in ctx.facts_between(p0, p1) if is_own_level(ctx, f)]
    if len(levels) != n or not all(same_unit(f, levels[0]) for f in levels):
        return []
    return levels


_ITEM_JOINT = re.compile(r"[、和及与]")


def _named_level(ctx: Context, item: str, unit_of: Fact, before: int) -> Fact | None:
    """The one value stated before ``before`` for a level of ``unit_of``'s unit whose indicator opens
    on ``item`` (夏粮 → 夏粮总产量), or on its longest such head of two characters or more (秋粮产量 →
    秋粮); None when none or several values."""
    pool = [f for f in ctx.facts_before(before) if is_own_level(ctx, f) and same_unit(f, unit_of) and f.indicator]
    for size in range(len(item), 1, -1):
        found = [f for f in pool if f.indicator.startswith(item[:size])]
        if found:
            return found[-1] if len({f.value_normalized for f in found}) == 1 else None
    return None


def _parts_by_names(ctx: Context, listed_words: str, n: int, whole: Fact, before: int) -> list[Fact]:
    """夏粮、早稻、秋粮产量分别占…: each listed item's level stated earlier in the document, by name."""
    items = [x for x in _ITEM_JOINT.split(listed_words) if x]
    if len(items) != n or any(len(x) < 2 for x in items):
        return []
    parts = [_named_level(ctx, item, whole, before) for item in items]
    return parts if all(p is not None for p in parts) and len({id(p) for p in parts}) == n else []


def _whole_of(ctx: Context, written: str, parts: list[Fact], before: int) -> Fact | None:
    """The one level before ``before`` named ``written`` whose value is the parts' sum, of their year."""
    total = rc.recompute_sum([_amount(f) for f in parts])
    year = year_of(ctx, parts[0])
    found = [f for f in ctx.text_facts if f.char_end <= before and f not in parts and is_level(f)
             and same_unit(f, parts[0]) and same_when_known(year_of(ctx, f), year)
             and not is_prior_level(ctx, f) and not is_stated_change(ctx, f)
             and (name_score(ctx, written, f) >= NAME_MATCH or same_vocabulary_key(written, f))
             and rc.overlaps(_amount(f), total)]
    return found[0] if len({f.value_normalized for f in found}) == 1 else None


def _named_parts_and_whole(ctx: Context, listed_words: str, written: str, n: int,
                           before: int) -> tuple[list[Fact], Fact | None]:
    """The parts each listed item names and the whole their sum is (see _parts_by_names), else ([], None)."""
    heads = [f for f in ctx.facts_before(before) if is_level(f) and (name_score(ctx, written, f) >= NAME_MATCH
                                                                    or same_vocabulary_key(written, f))]
    for head in reversed(heads):
        parts = _parts_by_names(ctx, listed_words, n, head, before)
        whole = _whole_of(ctx, written, parts, before) if parts else None
        if whole is not None:
            return parts, whole
    return [], None


def _in_written_order(listed_words: str, parts: list[Fact]) -> bool:
    """True when each part's own words (its indicator less what all parts' indicators end with) stand
    in the list's words, in the parts' order."""
    names = [p.indicator or "" for p in parts]
    shared = 0
    while all(len(n) > shared for n in names) and len({n[len(n) - shared - 1] for n in names}) == 1:
        shared += 1
    pos = 0
    for name in names:
        own = name[:len(name) - shared] if shared else name
        at = listed_words.find(own, pos) if own else -1
        if at == -1:
            return False
        pos = at + len(own)
    return True


def rule_listed_shares_of_earlier_parts(site: Site) -> Relation | None:
    """X…占Y的比重分别为a%、b%…: share i over the i-th level of the sentence before, whose sum is Y's
    stated level (see the module docstring)."""
    ctx, stated = site.ctx, site.stated
    listed = respectively_list(ctx, site.s0, site.s1, stated)
    if len(listed) < 2:
        return None
    named = share_clause(ctx, site.s0, listed[0].char_start)
    if named is None or not named[1] or named[1] == "比":
        return None
    if not rc.overlaps(rc.recompute_sum([interval(f) for f in listed]), rc.exact(100.0)):
        return None   # not all of the whole: the parts cannot be told from the levels before
    written = written_whole(ctx.text[site.s0:listed[0].char_start]) or named[1]
    parts = _parts_before(ctx, site.s0, len(listed))
    whole = _whole_of(ctx, written, parts, site.s0) if parts else None
    if whole is None:
        parts, whole = _named_parts_and_whole(ctx, named[0], written, len(listed), site.s0)
    if whole is None:
        return None
    doubt = "" if _in_written_order(named[0], parts) else _ORDER_ASSUMED
    return Relation("share", stated, inputs=[parts[listed.index(stated)], whole], where="paragraph", doubt=doubt)
