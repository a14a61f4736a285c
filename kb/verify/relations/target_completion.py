"""A level reached as a percentage of its target: 全年城镇新增就业8.6万人，完成全年目标的107.5%（全年目标
为8万人） is 8.6 / 8 · 100; so are 为年度计划的98% and 完成预算的102%.

The level reached is the nearest level before the percentage in its clause run that is compared with
nothing and is not itself a target. The target is the first level of the reached level's unit after the
percentage in its sentence that its words call a target (（全年目标为8万人）); else the one target of that
unit and year stated earlier in the document whose name is the reached level's (城镇新增就业目标8万人). A
target found by its name away from the sentence makes an agreement telling, never an accusation.
"""

from __future__ import annotations

from kb.models import Fact
from kb.text.vocab import regex
from kb.verify.relations.ground import (Relation, Site, clause_before, is_comparand, is_level, levels_before,
                                        same_unit, same_when_known, year_of)
from kb.verify.relations.labels import bigram_cover
from kb.verify.relations.sentence import run_start

_TARGET_OF = regex("relations", "target_of_before")
_TARGET_NAMED = regex("relations", "target_named_before")
_DOUBT = "the target was found by its name earlier in the document, not in the sentence"


def _reached(site: Site) -> Fact | None:
    """The level the percentage is of: the nearest level before it in its clause run, not a comparand,
    not a target."""
    ctx, stated = site.ctx, site.stated
    levels = [f for f in levels_before(ctx, stated, run_start(ctx, site.s0, stated.char_start))
              if not is_comparand(ctx, f) and f.status != "target"]
    return levels[-1] if levels else None


def _target_after(site: Site, reached: Fact) -> Fact | None:
    """The first level of the reached level's unit after the percentage in its sentence, when its words
    call it the target (（全年目标为8万人）)."""
    ctx, stated = site.ctx, site.stated
    after = [f for f in ctx.facts_between(stated.char_end, site.s1) if is_level(f) and same_unit(f, reached)]
    if after and _TARGET_NAMED.search(clause_before(ctx, after[0])):
        return after[0]
    return None


def _target_earlier(site: Site, reached: Fact) -> Fact | None:
    """The one target of the reached level's unit and year stated before the sentence, named as the
    reached level is (same indicator key, or most of its name in the target's clause)."""
    ctx, stated = site.ctx, site.stated
    year = year_of(ctx, stated)
    found = [f for f in ctx.facts_between(0, site.s0) if is_level(f) and f.status == "target"
             and same_unit(f, reached) and same_when_known(year_of(ctx, f), year)
             and (f.indicator_key == reached.indicator_key
                  or bigram_cover(reached.indicator or "", clause_before(ctx, f)) >= 0.6)]
    return found[-1] if found and len({f.value_normalized for f in found}) == 1 else None


def _reached_before_target(site: Site) -> tuple[Fact, Fact] | None:
    """(target, reached) for 全市年度房地产开发投资计划为1500亿元，1—11月完成年度计划的85.8%: the target stated
    before the percentage in its sentence, the level reached the last of its unit and name in the
    sentences of the paragraph before (全市完成房地产开发投资1286.4亿元)."""
    ctx, stated = site.ctx, site.stated
    targets = [f for f in levels_before(ctx, stated, site.s0) if f.status == "target"]
    if not targets:
        return None
    target = targets[-1]
    named = [f for f in ctx.facts_between(site.para_start, site.s0) if is_level(f) and f.status != "target"
             and same_unit(f, target) and not is_comparand(ctx, f) and f.indicator
             and f.indicator in (target.indicator or "") and same_when_known(year_of(ctx, f), year_of(ctx, target))]
    return (target, named[-1]) if named else None


def rule_pct_of_named_target(site: Site) -> Relation | None:
    """完成全年目标的X%: the level reached over its target, in percent."""
    if not _TARGET_OF.search(site.lead):
        return None
    reached = _reached(site)
    if reached is None:
        pair = _reached_before_target(site)
        return Relation("multiple", site.stated, inputs=list(pair), mode="percent", where="paragraph",
                        doubt="the level reached was found by the target's name before its sentence") if pair else None
    target = _target_after(site, reached)
    if target is not None:
        return Relation("multiple", site.stated, inputs=[target, reached], mode="percent", where="of_target")
    target = _target_earlier(site, reached)
    if target is None:
        return None
    return Relation("multiple", site.stated, inputs=[target, reached], mode="percent", where="paragraph",
                    doubt=_DOUBT)
