"""Relation rules for a share (占…的X%, 比重): each takes a Site and returns a Relation, or
None when it does not apply. find_relation tries them in the order of
kb.verify.relations.find.RULES.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.gazetteer import canonical, find_places, place_level, province_of
from kb.text.vocab import regex, words
from kb.verify import recompute as rc
from kb.verify.citing import interval, scaled
from kb.verify.relations.breakdown import total_of
from kb.verify.relations.ground import (Relation, Site, clause_before, is_comparand, is_from_value, is_level,
                                        is_prior_level, is_stated_change, level_rate, levels_before, same_unit)
from kb.verify.relations.figure_names import (Named, headline_of, is_subtotal, named_level, qualifier_missing,
                                              written_whole)
from kb.verify.relations.labels import bigrams
from kb.verify.relations.sentence import run_start
from kb.verify.relations.shares import (earlier_share, group_share, listed_share, named_earlier_level,
                                        paragraph_share, part_named_before, respectively_list)
from kb.verify.relations.totals import one_list


_INCREMENT_WHOLE = regex("relations", "increment")
_INCREMENT_AMOUNT = regex("relations", "increment_amount")
_COMPARED_INCREASE = regex("relations", "compared_increase_before")


def _zhan(site: Site) -> tuple[list[Fact], list[Fact], int]:
    """(levels inside 占…, the candidate parts before 占, position of 占 in the lead) — ([], [], -1)
    without 占. The parts are levels, never 同比多增/少增 amounts; of a whole named an increment
    (占全国人民币贷款增量（W）的), the increments stated before 占 (比年初增加X)."""
    zhan = site.lead.rfind("占")
    if zhan < 0:
        return [], [], -1
    ctx, s0 = site.ctx, site.s0
    inside = [f for f in ctx.facts_between(s0 + zhan, site.stated.char_start) if is_level(f)]
    before = [f for f in ctx.facts_between(s0, s0 + zhan)
              if not _COMPARED_INCREASE.search(clause_before(ctx, f))]
    if _INCREMENT_WHOLE.search(site.lead[zhan:]):
        outside = [f for f in before if _INCREMENT_AMOUNT.search(clause_before(ctx, f))
                   and f.unit_normalized not in ("%", "pp", "‰")]
    else:
        outside = [f for f in before if is_level(f)]
    return inside, outside, zhan


def _written_part(site: Site, levels: list[Fact], default: Fact | None = None) -> Fact | None:
    """The level the share's clause names before 占 (kb.verify.relations.shares.part_named_before)."""
    zhan = site.lead.rfind("占")
    return part_named_before(site.ctx, site.lead[:zhan] if zhan > 0 else "", levels, default, site.stated.year)


def _other_jurisdiction(written: str, whole: Fact) -> bool:
    """占全市进出口总值的 over the province's total, 占全省…的 over the nation's: the whole the words
    name is of another level of place than the figure found."""
    level = "" if whole.subject_key == "全国" else place_level(whole.subject_key or "")
    if written.startswith(("全市", "全县", "全区")):
        return whole.subject_key == "全国" or level == "province"
    return written.startswith("全省") and whole.subject_key == "全国"


def _same_count(a: Fact, b: Fact) -> bool:
    """Counts of one kind of thing: the same classifier as written (139户 and 483户, not 14个)."""
    return a.unit_normalized != "count" or b.unit_normalized != "count" or a.unit == b.unit


def rule_share_whole_inside(site: Site) -> Relation | None:
    """A占全国W的Y%: the whole W stated inside 占…的, the part A the last level before 占 of the
    whole's unit (and classifier, for counts)."""
    inside, outside, _ = _zhan(site)
    outside = [f for f in outside if inside and same_unit(f, inside[-1]) and _same_count(f, inside[-1])]
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
    larger level of the same unit that is not a sibling in one list (A、B和C) nor followed by a share
    of its own (A…，占全省的a%，B…，占b%). The part and the
    whole stay within the run: a ；-ended list item before is another figure. A share of a 分别
    list never takes its part and whole from the levels before it."""
    if len(_listed(site)) >= 2:
        return None
    levels = [f for f in levels_before(site.ctx, site.stated, run_start(site.ctx, site.s0, site.stated.char_start))
              if not is_comparand(site.ctx, f)]
    levels = [f for f in levels if not is_prior_level(site.ctx, f)] or levels   # …14.62亿元，上年为13.26亿元，…占比
    if not levels:
        return None
    part = _written_part(site, levels, _named_part(levels, site.stated))
    if part is None:
        return Relation("share", site.stated, reason=_UNSURE_PART)
    for whole in reversed(levels[:levels.index(part)]):
        if same_unit(whole, part) and whole.value_normalized > part.value_normalized \
                and not one_list(site.ctx, whole, part) and not _has_own_share(site, whole, part):
            if not _rate_names_part(site.lead, part, whole):
                return Relation("share", site.stated, reason=_UNNAMED_PART)
            return Relation("share", site.stated, inputs=[part, whole], where="sentence")
    return None


_RATE_NAME = re.compile(r"([\u4e00-\u9fff]{2,8})率\s*(?:为|达到?|是|约)?\s*$")
_UNNAMED_PART = "the rate's name does not name the level before it as its part"


def _rate_names_part(lead: str, part: Fact, whole: Fact) -> bool:
    """A rate named X率 (资产负债率, 不良贷款率, 城镇化率) is of the part its name names: the part's name
    shares words of X that the whole's does not, when it is named like the whole at all (资产负债率
    after 总资产A，净资产B: B is a kind of 资产 but no 负债, so B / A is not the rate); a share of no such
    name (占比, 比重) takes the level before it."""
    m = _RATE_NAME.search(re.split(r"[，,；;：:]", lead)[-1])
    if not m:
        return True
    whole_words, part_words = set(bigrams(whole.indicator or "")), set(bigrams(part.indicator or ""))
    own = set(bigrams(m.group(1))) - whole_words
    # 审结 for 结案率 over 受理案件 names nothing of the whole: no telling, the level before stands
    return not own or bool(own & part_words) or not (part_words & whole_words)


def _has_own_share(site: Site, whole: Fact, part: Fact) -> bool:
    """A…，占全省的a%，B…，占b%: A states its own share before B, so it is B's sibling, not B's whole."""
    return any(f.claim_type == "share" for f in site.ctx.facts_between(whole.char_end, part.char_start))


def _named_part(levels: list[Fact], stated: Fact) -> Fact:
    """The level a share is of: the last one named as the share names its part (出口…、进口…，出口占
    进出口总额的比重 is 出口's, not the last level's); else the last level."""
    named = [f for f in levels if f.indicator and f.indicator == stated.indicator]
    if named:
        return named[-1]
    return levels[-1]


def rule_share_in_paragraph(site: Site) -> Relation | None:
    """X占Y的比重为s%: the levels of X and Y stated earlier in the paragraph."""
    pair = paragraph_share(site.ctx, site.stated, site.s0, site.para_start)
    return Relation("share", site.stated, inputs=list(pair), where="paragraph") if pair else None


def rule_share_of_earlier_whole(site: Site) -> Relation | None:
    """[X]占Y的比重为s%: Y's level stated earlier in the document, X's (or the level before 占); not
    a share of a 分别 list (its parts are the list's, in order)."""
    if len(_listed(site)) >= 2:
        return None
    found = earlier_share(site.ctx, site.stated, site.s0)
    if found is None:
        return None
    part, whole, certain = found
    return Relation("share", site.stated, inputs=[part, whole], where="paragraph",
                    doubt="" if certain else _UNSURE_WHOLE)


def rule_share_of_group_total(site: Site) -> Relation | None:
    """A占G总量的s%: the total of the group G stated earlier, A the level before 占."""
    pair = group_share(site.ctx, site.stated, site.s0, site.para_start)
    return Relation("share", site.stated, inputs=list(pair), where="paragraph") if pair else None


_UNSURE_WHOLE = "the whole was chosen among several figures of its name"
_UNSURE_PART = "the words before 占 do not name one of the figures before it"
# Growth rates of a group are often reckoned on comparable members (同口径: the top 100 of this
# year against the same firms a year ago), so a share carried back by them only tells when it agrees.
_BACK_CARRIED = ("the earlier share is carried back by growth rates, which may be reckoned on "
                 "comparable members (同口径)")


def _levels_before_zhan(site: Site) -> tuple[int, list[Fact]]:
    """(where the share's 占 stands, the levels of its clause run before it that are this period's
    own: no stated change, no comparand, no previous period's level restated beside this one's)."""
    zhan = site.ctx.text.rfind("占", site.s0, site.stated.char_start)
    before = [f for f in levels_before(site.ctx, site.stated, run_start(site.ctx, site.s0, zhan))
              if f.char_end <= zhan and not is_stated_change(site.ctx, f) and not is_comparand(site.ctx, f)]
    # 实现营业收入14.62亿元，上年为13.26亿元，增长10.29%，占营业收入的28.52%: the share is this period's
    current = [f for f in before if not is_prior_level(site.ctx, f)]
    return zhan, current or before


def rule_share_of_named_whole(site: Site) -> Relation | None:
    """A…，占Y的s%: the part is the level before 占 in the clause run, the whole the level the
    document states under the name Y (出口交货值实现1279亿元 for 占重点企业出口交货总值的)."""
    written = written_whole(site.lead)
    if len(written) < 2 or len(_listed(site)) >= 2:
        return None  # a 分别 list of shares names parts that are not stated
    zhan, before = _levels_before_zhan(site)
    if _INCREMENT_WHOLE.search(written):
        return None   # 全年增加X，占…存款增量的s%: a share of increments, never of the balances before it
    if not before:
        return None
    part = _written_part(site, before)
    if part is None:
        return Relation("share", site.stated, reason=_UNSURE_PART)
    parts = _parts_together(site, zhan, before)
    if parts is not None and len(parts) < 2:
        return None  # 合计占 over parts that are not listed: never one part for all of them
    whole = named_level(site.ctx, written, part, larger_than=part)
    if whole is None or _other_jurisdiction(written, whole.fact):
        return None
    doubt = "" if whole.certain and not qualifier_missing(site.ctx, written, whole.fact) else _UNSURE_WHOLE
    if parts:
        return Relation("share", site.stated, inputs=parts + [whole.fact], mode="of_whole", where="document",
                        doubt=doubt)
    return Relation("share", site.stated, inputs=[part, whole.fact], where="document", doubt=doubt)


_JURISDICTION_WHOLE = re.compile("(?:" + "|".join(words("relations", "jurisdictions")) + ")")
_UNSURE_JURISDICTION = "the whole is the figure of the part's name stated for the jurisdiction, chosen among several"


def _of_jurisdiction(written: str, part: Fact, whole: Fact) -> bool:
    """The whole is a figure of the place 全省/全市/全国 names, not the part's own place — unless the
    part names an area inside that place before the whole's name (市区商品房销售面积 of 合肥, 占全市的)."""
    if whole.subject_key == part.subject_key:
        return _area_within(written, part, whole)
    if written == "全国":
        return whole.subject_key == "全国"
    home = province_of(part.subject_key or "")
    if written.startswith("全省") and home and whole.subject_key and canonical(whole.subject_key) != home:
        return False   # 苏州…占全省的: 江苏's figure, never 广东's stated in the same document
    return whole.subject_key != "全国" and not _other_jurisdiction(written, whole)


_JURISDICTION_LEVELS = {"全市": "city", "全省": "province", "全县": "county"}


def _area_within(written: str, part: Fact, whole: Fact) -> bool:
    """The part is of an area of the whole's own place: its name is the whole's with words before it
    (市区商品房销售面积 / 商品房销售面积), and 全市/全省 names that place's own level (合肥 a city: 全市)."""
    names = part.indicator or "", whole.indicator or ""
    return (bool(whole.subject_key) and _JURISDICTION_LEVELS.get(written[:2]) == place_level(whole.subject_key)
            and len(names[1]) >= 3 and names[0] != names[1] and names[0].endswith(names[1]))


def rule_share_of_jurisdiction(site: Site) -> Relation | None:
    """苏州市用电量1001.6亿千瓦时，占全省的24.1%: the whole named only by its jurisdiction is the
    document's figure of the part's name for that place (全社会用电量 for 用电量), larger than the part."""
    written = written_whole(site.lead)
    if not _JURISDICTION_WHOLE.fullmatch(written) or len(_listed(site)) >= 2:
        return None
    _, before = _levels_before_zhan(site)
    part = _written_part(site, before) if before else None
    found = headline_of(site.ctx, part, keep=lambda f: _of_jurisdiction(written, part, f)) if part is not None else None
    if found is None:
        return None
    return Relation("share", site.stated, inputs=[part, found.fact], where="document",
                    doubt="" if found.certain else _UNSURE_JURISDICTION)


def rule_named_place_share(site: Site) -> Relation | None:
    """同期，全省完成房地产开发投资4642.8亿元，…，合肥市占全省的27.7%: the clause names a place before 占 and
    the whole by its jurisdiction; the whole is the level before 占 in the sentence, the part the
    place's own level of the whole's indicator and months stated earlier in the document."""
    written = written_whole(site.lead)
    if not _JURISDICTION_WHOLE.fullmatch(written):
        return None
    zhan, before = _levels_before_zhan(site)
    clause = re.split(r"[，,；;]", site.ctx.text[site.s0:zhan])[-1].strip()
    places = find_places(clause)
    if not before or len(places) != 1 or len(clause) - len(places[0][0]) > 1:
        return None
    key, whole = canonical(places[0][0]), before[-1]
    parts = [f for f in site.ctx.facts_before(site.s0) if is_level(f) and f.subject_key == key
             and whole.indicator_key and f.indicator_key == whole.indicator_key and same_unit(f, whole)
             and (f.period_start_month, f.period_end_month) == (whole.period_start_month, whole.period_end_month)
             and not is_comparand(site.ctx, f) and not is_stated_change(site.ctx, f)]
    if not parts or whole.subject_key == key or not _of_jurisdiction(written, parts[-1], whole):
        return None
    certain = len({f.value_normalized for f in parts}) == 1
    return Relation("share", site.stated, inputs=[parts[-1], whole], where="document",
                    doubt="" if certain else "the place's level was chosen among several of its name")


_SUM_BEFORE_SHARE = regex("relations", "sum_before_share")


def together(ctx, stated: Fact) -> bool:
    """The share is written of parts together: 合计占 / 共占 right before its 占…."""
    s0, _ = ctx.sentence_of(stated.char_start)
    zhan = ctx.text.rfind("占", s0, stated.char_start)
    return zhan != -1 and bool(_SUM_BEFORE_SHARE.search(re.split(r"[，。；,;]", ctx.text[s0:zhan])[-1]))


def _parts_together(site: Site, zhan: int, before: list[Fact]) -> list[Fact] | None:
    """The listed parts a '合计占Y的s%' adds up (A、B和C分别为a、b和c): the run of one list ending at
    the last level before 占; None when the share is not of parts together."""
    if not _SUM_BEFORE_SHARE.search(re.split(r"[，。；,;]", site.ctx.text[site.s0:zhan])[-1]):
        return None
    run = [before[-1]]
    for f in reversed(before[:-1]):
        if not (same_unit(f, run[0]) and one_list(site.ctx, f, run[0])):
            break
        run.insert(0, f)
    return run


_UNNAMED_SHARE = regex("relations", "unnamed_share")
_NAMED_BASE_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")


def _share_head(site: Site) -> Fact | None:
    """The level a share of no named whole is about: the last level before it in its clause run."""
    levels = [f for f in levels_before(site.ctx, site.stated, run_start(site.ctx, site.s0, site.stated.char_start))
              if not is_stated_change(site.ctx, f) and not is_comparand(site.ctx, f)]
    return _written_part(site, levels) if levels else None


def _own_whole(site: Site, part: Fact) -> Named | None:
    """The whole of a part's share: the level named in 占Y的, else the total the part is listed
    under (其中), else the document's headline level of the part's indicator."""
    written = written_whole(site.lead)
    if written:
        return named_level(site.ctx, written, part, larger_than=part)
    total = total_of(site.ctx, part)
    return Named(total, certain=True) if total is not None else headline_of(site.ctx, part)


_WRITTEN_WHOLE_INSIDE = regex("relations", "written_whole_inside")
_BARE_SHARE = regex("relations", "bare_share")
_WHOLE_OPENS = regex("relations", "whole_opens_sentence")


def _whole_named_before(site: Site, clause: str) -> str:
    """The whole a bare 占 is of: the one an earlier share of its sentence names (占常住人口的比重为…；
    …，占62.88%), else the one the sentence opens on (全市常住人口中，…)."""
    earlier = [m.group(1) for m in _WRITTEN_WHOLE_INSIDE.finditer(site.lead[:len(site.lead) - len(clause)])]
    if earlier:
        return earlier[-1]
    opening = _WHOLE_OPENS.match(site.lead)
    return opening.group(1) if opening else ""


def rule_share_of_whole_named_before(site: Site) -> Relation | None:
    """0—14岁人口141.05万人，占常住人口的比重为14.72%；15—59岁人口602.60万人，占62.88%: a share that
    names no whole is of the whole its sentence named before it; the part is the level of its
    clause run, the whole the level the document states under that name."""
    clause = re.split(r"[，。；,;]", site.lead)[-1]
    if not _BARE_SHARE.search(clause) or len(_listed(site)) >= 2:
        return None
    written = _whole_named_before(site, clause)
    part = _share_head(site) if len(written) >= 2 else None
    whole = named_level(site.ctx, written, part, larger_than=part) if part is not None else None
    if whole is None:
        return None
    doubt = "" if whole.certain and not qualifier_missing(site.ctx, written, whole.fact) else _UNSURE_WHOLE
    return Relation("share", site.stated, inputs=[part, whole.fact], where="document", doubt=doubt)


def rule_share_of_own_total(site: Site) -> Relation | None:
    """A…，所占比重由a%提高到b% / 占比b%: no whole named; the part is the level of the share's
    clause run, the whole the total it is listed under or the headline level of its indicator."""
    clause = re.split(r"[，。；,;]", site.lead)[-1]
    if written_whole(site.lead) or not _UNNAMED_SHARE.search(clause) or is_from_value(site.ctx, site.stated) \
            or len(_listed(site)) >= 2:
        return None   # a share of a 分别 list is its own part's (rule_listed_shares)
    part = _share_head(site)
    whole = _own_whole(site, part) if part is not None else None
    if whole is None:
        return None
    return Relation("share", site.stated, inputs=[part, whole.fact], where="document",
                    doubt="" if whole.certain else _UNSURE_WHOLE)


def _same_base(site: Site, rates: list[Fact]) -> bool:
    """The earlier share's period is the rates' base: 由1998年的a% with 比1998年增长, 由上年的a%
    with 比上年/同比增长."""
    named = _NAMED_BASE_YEAR.findall(re.split(r"[，。；,;]", site.lead)[-1])
    for r in rates:
        base = _NAMED_BASE_YEAR.findall(clause_before(site.ctx, r))
        if base and base != named[-1:]:
            return False
    return True


def _current_share_holds(site: Site, part: Fact, whole: Fact) -> bool:
    """The share the change leads to (b of 由a%提高到b%) is the part over the whole: the pair is
    demonstrably the share's, and a wrong part is accused once, by b."""
    after = [f for f in site.ctx.facts_between(site.stated.char_end, site.s1) if f.unit_normalized == "%"]
    if not after:
        return False
    current = rc.recompute_share(scaled(interval(part), part.scale / whole.scale), interval(whole))
    return rc.overlaps(current, interval(after[0]))


def rule_share_before_change(site: Site) -> Relation | None:
    """由上年的a%提高到b%: the earlier share from this period's part and whole and the growth
    rate each states, (P/(1+gp)) / (W/(1+gw))."""
    if not is_from_value(site.ctx, site.stated):
        return None
    part = _share_head(site)
    whole = _own_whole(site, part) if part is not None else None
    if whole is None:
        return None
    rates = [level_rate(site.ctx, part), level_rate(site.ctx, whole.fact)]
    if None in rates or not _same_base(site, rates) or not _current_share_holds(site, part, whole.fact):
        return None
    return Relation("share", site.stated, inputs=[part, rates[0], whole.fact, rates[1]], mode="previous",
                    where="document", doubt=_BACK_CARRIED)


_GROUP_BEFORE_COUNT = regex("relations", "group_before_count")


def rule_share_of_counted_group(site: Site) -> Relation | None:
    """重点企业中有52户企业亏损，占10%: a share of no named whole after a count of a group's
    members (X中有N户) is of the count of the group X itself."""
    clause = re.split(r"[，。；,;]", site.lead)[-1].strip()
    if clause not in ("占", "占到", "约占"):
        return None
    part = _share_head(site)
    if part is None:
        return None
    m = _GROUP_BEFORE_COUNT.search(site.ctx.text[site.s0:part.char_start])
    if not m:
        return None
    # the group's name is the shortest tail of the words before 中 that names a count
    tails = (m.group(1)[-k:] for k in range(3, len(m.group(1)) + 1))
    whole = next((w for w in (named_level(site.ctx, t, part, larger_than=part) for t in tails) if w), None)
    if whole is None or is_subtotal(site.ctx, whole.fact):
        return None  # the group's own count, never a selection of it
    return Relation("share", site.stated, inputs=[part, whole.fact], where="document",
                    doubt="" if whole.certain else _UNSURE_WHOLE)
