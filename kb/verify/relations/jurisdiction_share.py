"""A place's share of its jurisdiction with neither level in the share's sentence.

江苏全社会用电量增速高于全国…，用电量约占全国的8.9%: the part is the subject's level of the
measure named before 占 (用电量), the whole the jurisdiction's (全国's, or 全省: the subject's
province) level of that measure, both of the share's period and stated anywhere in the document.
Each is certain only when every level that fits states one value.
"""

from __future__ import annotations

import re

from kb.figures.identity import indicator_key
from kb.models import Fact
from kb.text.gazetteer import find_places, province_of
from kb.verify.relations.figure_names import Named, written_whole
from kb.verify.relations.ground import Relation, Site, is_level, is_own_level, same_when_known, year_of

_CUT = re.compile(r"[，。；,;：:]")
_TRAIL = re.compile(r"(?:约|近|超过|超|达到|达|仅|均|也|的|合计|共)+$")
_UNSURE = "the part or the whole is one of several levels of its name stated for its place"


def _measure_name(clause: str) -> str:
    """用电量 of '用电量约占全国的': the words before 占, without places and trailing adverbs."""
    for _name, a, b in reversed(find_places(clause)):
        clause = clause[:a] + clause[b:]
    return _TRAIL.sub("", clause.strip())


def _named(f: Fact, name: str) -> bool:
    """The level is the named measure itself, by its key (全社会用电量 for 用电量; not 第一产业用电量,
    日均用电量)."""
    return len(name) >= 2 and bool(f.indicator_key) and f.indicator_key == indicator_key(name)[0]


def _place_level(site: Site, place: str, name: str) -> Named | None:
    """The level of ``name`` stated for ``place`` in the share's period, this period's own."""
    ctx, stated = site.ctx, site.stated
    own = [f for f in ctx.text_facts if is_own_level(ctx, f) and f.subject_key == place
           and (f.period_start_month, f.period_end_month) == (stated.period_start_month, stated.period_end_month)
           and same_when_known(year_of(ctx, f), stated.year)]
    found = [f for f in own if _named(f, name)]
    if found:
        return Named(found[0], certain=len({f.value_normalized for f in found}) == 1)
    # 保费收入 for 原保险保费收入: a name the written one ends, never sure (第一产业用电量 ends 用电量 too)
    ending = [f for f in own if len(name) >= 3 and (f.indicator or "").endswith(name)]
    return Named(ending[0], certain=False) if ending else None


def rule_subject_share_of_jurisdiction(site: Site) -> Relation | None:
    """X用电量约占全国的s%, no level in its sentence before 占: X's level over the jurisdiction's."""
    ctx, stated = site.ctx, site.stated
    written = written_whole(site.lead)
    zhan = ctx.text.rfind("占", site.s0, stated.char_start)
    if written not in ("全国", "全省") or zhan == -1 or not stated.subject_key or stated.period_end_month is None:
        return None
    if any(is_level(f) for f in ctx.facts_between(site.s0, zhan)):
        return None   # a level in the sentence is the part: the rules of share_rules read it
    place = "全国" if written == "全国" else province_of(stated.subject_key)
    name = _measure_name(_CUT.split(ctx.text[site.s0:zhan])[-1])
    if not place or place == stated.subject_key or not name:
        return None
    part, whole = _place_level(site, stated.subject_key, name), _place_level(site, place, name)
    if part is None or whole is None or whole.fact.value_normalized <= part.fact.value_normalized:
        return None
    doubt = "" if part.certain and whole.certain else _UNSURE
    return Relation("share", stated, inputs=[part.fact, whole.fact], where="document", doubt=doubt)
