"""Relation rules for a figure that compares two others: 是…的X倍 (a ratio), 有着X倍的差距 /
相差X% (a gap), 高出X (a difference) and 城乡…比为R (a paired ratio). Each takes a Site and
returns a Relation, or None when it does not apply; find_relation tries them in the order of
kb.verify.relations.find.RULES.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.gazetteer import canonical, find_places
from kb.text.vocab import regex, words
from kb.verify.relations.comparands import comparand, compared_name, own_figure, own_stated_before
from kb.verify.relations.figure_names import NAME_MATCH, best_named, name_score
from kb.verify.relations.growth_rules import BASE_YEAR_DOUBT, base_year_levels
from kb.verify.relations.ground import (OPEN_BOUNDS, RATIO_BEFORE, RELATIVE_PCT, Relation, clause_before, Site,
                                        is_comparand, is_level, is_prior_level, is_stated_change, levels_before,
                                        mentions_name, paragraph_bounds, same_unit, year_of)
from kb.verify.relations.sentence import (indicator_ratio_pair, paired_ratio, paragraph_ratio_pair, pp_difference,
                                          prior_pair, run_start, stated_level)
from kb.verify.relations.totals import one_list
from kb.verify.relations.table_cells import table_ratio_pair

# a change against an earlier period whose value is not stated (比上年提高X个百分点)
_PRIOR = regex("relations", "prior_comparison")
_PRIOR_RATE_OPENS = regex("relations", "prior_rate_opens_sentence")
_PRIOR_OPENS = regex("relations", "prior_opens_sentence")
_PRIOR_YEAR = regex("relations", "prior_year_comparison")
_PRIOR_REFERENT = regex("relations", "prior_referent")


def referent(site: Site) -> str:
    """The figure a ratio refers to: Y of '是/为/相当于Y的X倍' ('' when not named)."""
    m = RATIO_BEFORE.search(site.ctx.text[max(site.s0, site.stated.char_start - 30):site.stated.char_start])
    return (m.group(1) if m else "").strip()


def rule_ratio_in_sentence(site: Site) -> Relation | None:
    """B是A的X倍: two same-unit levels before the figure, A the one that names the referent."""
    ctx, s0 = site.ctx, site.s0
    levels = levels_before(ctx, site.stated, s0)
    if len(levels) < 2:
        return None
    inline = _inline_referent(site, levels) or places_pair(site, levels, referent(site))
    if inline is not None:   # …，是上年A的X倍 / 长沙B，株洲A，长沙是株洲的X倍
        return Relation("multiple", site.stated, inputs=list(inline), mode="ratio", where="sentence")
    named, b = referent(site), levels[-1]
    for a in reversed(levels[:-1]):
        if same_unit(a, b) and (not named or mentions_name(ctx.text[s0:a.char_end], named)
                                or mentions_name(a.subject, named)):
            return Relation("multiple", site.stated, inputs=[a, b], mode="ratio", where="sentence")
    return None


def rule_ratio_of_prior_period(site: Site) -> Relation | None:
    """用电量36.8亿千瓦时，去年同期为23.2亿千瓦时，…，是去年同期的1.59倍: this period's level over the
    previous period's, both stated before the figure in its sentence."""
    if not _PRIOR_REFERENT.fullmatch(referent(site)):
        return None
    pair = prior_pair(site.ctx, site.stated, site.s0, rate_between=True)
    return Relation("multiple", site.stated, inputs=list(pair), mode="ratio", where="sentence") if pair else None


def rule_ratio_of_base_year(site: Site) -> Relation | None:
    """全年接待游客1200万人次，是2019年的1.5倍 (相当于2019年的150%) … (another sentence) 2019年接待游客800万
    人次: this level over the level of its subject and indicator in the year named, stated anywhere in
    the document (growth_rules.base_year_levels); matched by name, so only agreement tells."""
    b = stated_level(site.ctx, site.stated, site.s0)
    found = base_year_levels(site.ctx, site.stated, b) if b is not None else []
    if not found:
        return None
    mode = "percent" if site.read == "ratio_pct" else "ratio"
    return Relation("multiple", site.stated, inputs=[found[0], b], mode=mode, where="document",
                    doubt=BASE_YEAR_DOUBT)


_MEDIAN = words("relations", "median_words")
_MEAN = words("relations", "mean_referents")


def rule_median_of_mean(site: Site) -> Relation | None:
    """人均可支配收入中位数9545元，…中位数是平均数的82.7%: the median (the level before it in its
    sentence named with 中位数) over the mean, the paragraph's level of the same name without 中位数,
    of one subject, unit and period."""
    ctx, stated = site.ctx, site.stated
    if referent(site) not in _MEAN or not any(w in clause_before(ctx, stated) for w in _MEDIAN):
        return None
    medians = [f for f in levels_before(ctx, stated, site.s0) if any(w in (f.indicator or "") for w in _MEDIAN)]
    if not medians:
        return None
    own = medians[-1]
    name = own.indicator or ""
    for w in _MEDIAN:
        name = name.replace(w, "")
    start = paragraph_bounds(ctx, site.s0)[0]
    means = [f for f in ctx.facts_between(start, own.char_start) if is_level(f) and f.indicator == name
             and same_unit(f, own) and f.subject_key == own.subject_key and not is_prior_level(ctx, f)
             and (f.period_start_month, f.period_end_month) == (own.period_start_month, own.period_end_month)]
    if len(name) < 2 or not means or len({f.value_normalized for f in means}) != 1:
        return None
    mode = "percent" if site.read == "ratio_pct" else "ratio"
    return Relation("multiple", stated, inputs=[means[-1], own], mode=mode, where="paragraph")


def rule_ratio_pct_in_sentence(site: Site) -> Relation | None:
    """长沙…14331.98亿元，株洲…3740.8亿元，株洲相当于长沙的26.1%: B / A · 100 with B the one level of
    the sentence that is the stated figure's subject's and A the one of the place named after 相当于
    (same unit and indicator); nothing when either is not exactly one."""
    m = RELATIVE_PCT.search(site.lead)
    pair = places_pair(site, levels_before(site.ctx, site.stated, site.s0), m.group(1).strip() if m else "")
    return Relation("multiple", site.stated, inputs=list(pair), mode="percent", where="sentence") if pair else None


_BASE_RIGHT_BEFORE = regex("relations", "base_right_before")


def rule_pct_of_stated_base(site: Site) -> Relation | None:
    """L，为年初预算A的102.3% / L，恢复至2019年同期（A）的112.6%: L / A in percent, A the level right
    before 的, L the nearest level of A's unit before it in the clause run that is compared with nothing
    (a base such as 比上年的B is not the level reported)."""
    ctx, stated = site.ctx, site.stated
    levels = levels_before(ctx, stated, run_start(ctx, site.s0, stated.char_start))
    if len(levels) < 2 or not _BASE_RIGHT_BEFORE.fullmatch(ctx.text, levels[-1].char_end, stated.char_start):
        return None
    base = levels[-1]
    own = [f for f in levels[:-1] if same_unit(f, base) and not is_comparand(ctx, f)]
    if not own:
        return None
    where = "of_target" if base.status == "target" else "sentence"   # 为年初预算A的: the budget is a target
    return Relation("multiple", stated, inputs=[base, own[-1]], mode="percent", where=where)


def places_pair(site: Site, levels: list[Fact], named: str) -> tuple[Fact, Fact] | None:
    """(A, B) of a comparison between two places: B the one level that is the stated figure's
    subject's, A the one of the place ``named`` as the base (same unit and indicator), in any order
    in the sentence; None unless each is exactly one."""
    stated = site.stated
    own = [f for f in levels if f.subject and f.subject == stated.subject and f.subject not in named]
    base = [f for f in levels if f.subject and f.subject in named and f.subject != stated.subject]
    if not named or len(own) != 1 or len(base) != 1 or not same_unit(own[0], base[0]) \
            or own[0].indicator_key != base[0].indicator_key:
        return None
    return base[0], own[0]


_INLINE_REFERENT = re.compile(r"[，,]?\s*(?:是|为|相当于|达到)[^，。；,;\d]{0,10}$")


def _inline_referent(site: Site, levels: list[Fact]) -> tuple[Fact, Fact] | None:
    """(A, B) of 'B，是上年A的X倍': the referent's own figure written right before 的X倍, the level
    it is compared with the one before it in the clause run, of one unit."""
    ctx, a = site.ctx, levels[-1]
    if not re.fullmatch(r"\s*的\s*", ctx.text[a.char_end:site.stated.char_start]):
        return None
    start = run_start(ctx, site.s0, a.char_start)
    earlier = [f for f in levels[:-1] if f.char_start >= start and same_unit(f, a)]
    if not earlier or not _INLINE_REFERENT.search(ctx.text[earlier[-1].char_end:a.char_start]):
        return None
    return a, earlier[-1]


def rule_ratio_in_table(site: Site) -> Relation | None:
    """是2015年的X倍 / 是重庆的X倍: two cells of a table (two years of a row, or two rows)."""
    pair = table_ratio_pair(site.ctx, site.stated, site.lead, referent(site))
    return Relation("multiple", site.stated, inputs=list(pair), mode="ratio", where="table") if pair else None


def rule_ratio_in_paragraph(site: Site) -> Relation | None:
    """A为X；B是A的N倍: both levels stated earlier in the paragraph (or the one before it)."""
    ctx, para = site.ctx, site.para_start
    prev_para = ctx.text.rfind("\n\n", 0, max(0, para - 1))
    named = referent(site)
    pair = (paragraph_ratio_pair(ctx, site.stated, named, max(0, prev_para))
            or indicator_ratio_pair(ctx, site.stated, named, para))
    return Relation("multiple", site.stated, inputs=list(pair), mode="ratio", where="paragraph") if pair else None


def rule_gap_in_sentence(site: Site) -> Relation | None:
    """A…B，有着X倍的差距 / 相差X%: the last two same-unit levels before the figure."""
    levels = levels_before(site.ctx, site.stated, site.s0)
    if len(levels) >= 2 and same_unit(levels[-1], levels[-2]):
        return Relation("ratio", site.stated, inputs=[levels[-2], levels[-1]], mode=site.read, where="sentence")
    return None


_BASE_PERIOD = regex("relations", "base_period")


def rule_difference_with_stated_base(site: Site) -> Relation | None:
    """1997年为3.2%，1998年下降为1.8%，比上年下降了2.4个百分点: the earlier period's value stated
    in the sentence, with the year the comparison names (上年: the year before the figure's)."""
    m = _BASE_PERIOD.search(re.split(r"[，。；,;]", site.lead)[-1])
    if not m or site.stated.unit_normalized != "pp":
        return None
    rates = [f for f in site.ctx.facts_between(site.s0, site.stated.char_start)
             if f.unit_normalized == "%" and f.claim_type not in ("difference", "change")]
    if not rates or year_of(site.ctx, rates[-1]) is None:
        return None
    own = rates[-1]
    year = int(m.group(1)) if m.group(1) else year_of(site.ctx, own) - 1
    base = [f for f in rates[:-1] if year_of(site.ctx, f) == year and f.qualifier not in OPEN_BOUNDS]
    if not base:
        return None
    return Relation("difference", site.stated, inputs=[base[-1], own], where="sentence")


_PRIOR_VALUE_LEAD = regex("relations", "prior_value_lead")
_PRIOR_VALUE_VERB = regex("relations", "prior_value_verb")


def _reported_rate(ctx, facts: list[Fact]) -> Fact | None:
    """The rate a clause run reports: the last percentage of ``facts`` that is no change and that no
    comparison introduces (比上年的58.7% is the base compared with, not the rate reported)."""
    reported = [f for f in facts if f.unit_normalized == "%" and f.claim_type not in ("difference", "change")
                and not is_comparand(ctx, f)]
    return reported[-1] if reported else None


def rule_difference_with_prior_value(site: Site) -> Relation | None:
    """毛利率为27.6%，较上年的26.3%提高1.3个百分点: the earlier period's value is stated in the
    comparison itself, right after the figure it is compared with."""
    ctx, stated = site.ctx, site.stated
    if stated.unit_normalized != "pp":
        return None
    start = run_start(ctx, site.s0, stated.char_start)
    before = ctx.facts_between(start, stated.char_start)
    if len(before) < 2:
        return None
    base = before[-1]
    # 60.1%，比上年的58.7%提高1.4个百分点，较2020年的50.6%提高9.5个百分点: 60.1, not 58.7 nor the 1.4 points
    own = _reported_rate(ctx, before[:-1]) or before[-2]
    if any(f.unit_normalized != "%" or f.claim_type in ("difference", "change") or f.qualifier in OPEN_BOUNDS
           for f in (own, base)):
        return None
    if not _PRIOR_VALUE_VERB.search(ctx.text[base.char_end:stated.char_start]) \
            or not _PRIOR_VALUE_LEAD.search(ctx.text[own.char_end:base.char_start]):
        return None
    return Relation("difference", stated, inputs=[base, own], where="sentence")


def rule_difference_with_prior_rate_after(site: Site) -> Relation | None:
    """同比增长6.4%，比上年同期提高1.2个百分点。上年同期增长5.2%。: the earlier rate opens the next
    sentence of the paragraph; the difference is this rate less it (same indicator, both in %)."""
    ctx, stated = site.ctx, site.stated
    clause = re.split(r"[，。；,;]", site.lead)[-1]
    if stated.unit_normalized != "pp" or not _PRIOR_YEAR.search(clause) or site.s1 >= len(ctx.text):
        return None
    own = [f for f in ctx.facts_between(site.s0, stated.char_start) if f.unit_normalized == "%"
           and f.indicator_key == stated.indicator_key and f.claim_type not in ("difference", "change")]
    n0, n1 = ctx.sentence_of(site.s1)
    if not own or own[-1].qualifier in OPEN_BOUNDS or n0 < site.s1 or "\n" in ctx.text[site.s1:n0]:
        return None
    if _PRIOR_RATE_OPENS.match(ctx.text, n0, n1):
        after = ctx.facts_between(n0, n1)
    elif _PRIOR_OPENS.match(ctx.text, n0, n1):   # 去年同期，全省全社会用电量为3843.4亿千瓦时，同比增长5.6%
        after = [f for f in ctx.facts_between(n0, n1) if f.unit_normalized == "%"
                 and f.claim_type not in ("difference", "change")]
    else:
        return None
    base = after[0] if after else None
    if base is None or base.unit_normalized != "%" or base.indicator_key != stated.indicator_key \
            or base.qualifier in OPEN_BOUNDS:
        return None
    return Relation("difference", stated, inputs=[base, own[-1]], where="paragraph")


_PRIOR_BRACKET = regex("relations", "prior_value_bracket")



def rule_difference_with_prior_in_brackets(site: Site) -> Relation | None:
    """毛入园率达到92.5%，比上年提高0.7个百分点（上年为91.8%）: the earlier value in brackets right after
    the change, against the rate the clause run reports before it."""
    ctx, stated = site.ctx, site.stated
    after = ctx.facts_between(stated.char_end, site.s1)
    if stated.unit_normalized != "pp" or not after or after[0].unit_normalized != "%" \
            or not _PRIOR_BRACKET.match(ctx.text[stated.char_end:after[0].char_start]):
        return None
    own = _reported_rate(ctx, ctx.facts_between(run_start(ctx, site.s0, stated.char_start), stated.char_start))
    if own is None or own.qualifier in OPEN_BOUNDS or after[0].qualifier in OPEN_BOUNDS:
        return None
    return Relation("difference", stated, inputs=[after[0], own], where="sentence")


def rule_difference_with_prior_period(site: Site) -> Relation | None:
    """比上年提高X个百分点: the difference is against an earlier period's value, never stated."""
    clause = re.split(r"[，。；,;]", site.lead)[-1]
    if not _PRIOR.search(clause):
        return None
    return Relation("difference", site.stated, reason="it compares with an earlier period's value, "
                                                      "which is not stated")


def rule_difference_with_comparand(site: Site) -> Relation | None:
    """这一数据高出上海70.24亿元 / 高于全国平均值1.2个百分点: the figure the comparison is about
    and the one it names, stated anywhere in the document (kb.verify.relations.comparands)."""
    named = compared_name(site.lead)
    if named is None:
        return None
    own = own_figure(site.ctx, site.stated, site.s0, site.s0 + named[1])
    if own is not None and not find_places(named[0]) and name_score(site.ctx, named[0], own) >= NAME_MATCH:
        own = None   # 户籍人口815.27万人，常住人口比户籍人口多…: the figure before is the one compared with
    if own is not None and own.subject_key in {canonical(p) for p, _, _ in find_places(named[0])}:
        own = None   # 同期全国…为1.50%，全省…低于全国平均水平: the figure before is the place compared with
    own_sure = True
    if own is None:   # 江苏…增速高于全国…0.1个百分点 / 青岛GDP比郑州多…: its own figure stated earlier
        earlier = own_stated_before(site.ctx, site.stated, site.lead[:named[1]])
        own, own_sure = (earlier.fact, earlier.certain) if earlier is not None else (None, False)
    other = comparand(site.ctx, site.stated, own, named[0]) if own is not None else None
    if other is None:
        return None
    doubt = "" if other.certain else "the compared figure is not surely the one named (several of its name, or a name without all its words)"
    if not own_sure:
        doubt = doubt or "the figure compared is not surely the subject's own (several of its name)"
    if site.stated.subject_key and own.subject_key and own.subject_key != site.stated.subject_key:
        doubt = doubt or f"the figure compared is {own.subject_key}'s, the difference is stated of {site.stated.subject_key}"
    return Relation("difference", site.stated, inputs=[own, other.fact], where="document", doubt=doubt)


def rule_point_difference(site: Site) -> Relation | None:
    """高出X个百分点: the two stated rates of one measure the sentence compares."""
    if site.stated.unit_normalized != "pp":
        return None
    return pp_difference(site.ctx, site.stated, site.s0)


def rule_difference_of_levels(site: Site) -> Relation | None:
    """A…B，高出X亿元: both terms before the difference, with no other figure or 其中 (a
    subset's clause) after them, and of the places its clause names when it names two."""
    ctx, stated = site.ctx, site.stated
    same = [f for f in ctx.facts_between(site.s0, stated.char_start)
            if f.claim_type not in ("difference", "change") and same_unit(f, stated) and is_level(f)]
    if len(same) >= 2 and not ctx.facts_between(same[-1].char_end, stated.char_start) \
            and "其中" not in ctx.text[same[-1].char_end:stated.char_start] \
            and _terms_named(clause_before(ctx, stated), same[-2:]):
        return Relation("difference", stated, inputs=[same[-2], same[-1]], where="sentence")
    return None


def _terms_named(clause: str, terms: list[Fact]) -> bool:
    """False when the difference's clause names two places (成都与广州的差距) and the two levels are not
    theirs (深圳为…，广州为…，成都与广州的差距为…)."""
    named = {canonical(p[0]) for p in find_places(clause)}
    return len(named) < 2 or {canonical(f.subject_key or f.subject or "") for f in terms} == named


def rule_paired_ratio(site: Site) -> Relation | None:
    """城乡居民收入比为R: 城镇… and 农村… levels stated earlier in the paragraph."""
    pair = paired_ratio(site.ctx, site.stated, site.s0, site.para_start)
    return Relation("ratio", site.stated, inputs=list(pair), mode="pair", where="paragraph") if pair else None


def rule_per_year_change(site: Site) -> Relation | None:
    """年均增长为1532万人，…2014年8285万人，2016年11350万人: (b − a) over the years between the
    sentence's earliest and latest levels of the figure's unit, each of an explicit year."""
    dated = [f for f in site.ctx.facts_between(site.s0, site.s1) if f is not site.stated and is_level(f)
             and same_unit(f, site.stated) and year_of(site.ctx, f) is not None]
    years = {year_of(site.ctx, f) for f in dated}
    if len(dated) != 2 or len(years) != 2:
        return None  # exactly the two ends of the period, never a guess among more
    a, b = sorted(dated, key=lambda f: year_of(site.ctx, f))
    return Relation("difference", site.stated, inputs=[a, b], mode="per_year",
                    years=year_of(site.ctx, b) - year_of(site.ctx, a), where="sentence")


def rule_yearly_mean_of_total(site: Site) -> Relation | None:
    """过去五年，城镇新增就业累计达到320万人，年均64万人: the cumulative total of its sentence (same
    unit and indicator, the same span of years) over the number of years the span covers."""
    ctx, stated = site.ctx, site.stated
    if stated.period_start is None or stated.period_end is None or stated.period_end <= stated.period_start:
        return None
    totals = [f for f in levels_before(ctx, stated, site.s0) if _CUMULATIVE.search(clause_before(ctx, f))
              and same_unit(f, stated) and f.indicator_key == stated.indicator_key
              and (f.period_start, f.period_end) == (stated.period_start, stated.period_end)]
    if len(totals) != 1:
        return None
    return Relation("average", stated, inputs=totals, members=stated.period_end - stated.period_start + 1,
                    where="sentence")


_CUMULATIVE = regex("relations", "cumulative")
_EXTREMES = regex("relations", "extremes")
# 高研发公司的营收增速几乎是…: the group a ratio is about (group 1)
_OWN_SUBJECT = regex("relations", "ratio_own_subject")


def rule_range_of_listed(site: Site) -> Relation | None:
    """最高地区与最低地区相差近10个百分点: the largest less the smallest of the figures listed before
    it (in its sentence and the one before; of the unit compared: rates for points); the list may
    not be all, so only agreement is telling."""
    clause = re.split(r"[，。；,;]", site.lead)[-1]
    if not _EXTREMES.search(clause):
        return None
    rates = site.stated.unit_normalized == "pp"
    start = site.ctx.sentence_of(site.s0 - 1)[0] if site.s0 > 0 else site.s0  # a list may run over two sentences
    listed = [f for f in site.ctx.facts_between(start, site.stated.char_start) if f.qualifier not in OPEN_BOUNDS
              and (f.unit_normalized == "%" if rates else same_unit(f, site.stated)) and f.claim_type != "difference"]
    if len(listed) < 3:
        return None
    lo, hi = min(listed, key=lambda f: f.value_normalized), max(listed, key=lambda f: f.value_normalized)
    return Relation("difference", site.stated, inputs=[lo, hi], where="sentence",
                    doubt="the figures listed may not be all those the extremes are taken from")


def _last_naming(site: Site, name: str, unit: str, start: int, exclude: Fact | None) -> Fact | None:
    """The last figure of the unit before the stated one whose sentence names ``name`` before it."""
    found = [f for f in site.ctx.facts_between(start, site.s0) if f.unit_normalized == unit and f is not exclude
             and name in site.ctx.text[site.ctx.sentence_of(f.char_start)[0]:f.char_start]]
    return found[-1] if found else None


_NAMED_MULTIPLE = regex("relations", "named_multiple_subject")


def rule_multiple_of_named_levels(site: Site) -> Relation | None:
    """60岁及以上人口是0—14岁人口的1.52倍, neither level in its sentence: the levels its paragraph and the
    one before state under the two names the clause writes, of one unit and period, else the levels
    the document states before it under those names (小麦产量是玉米产量的2.4倍, each crop's 总产量 in a
    section of its own); names are chosen, not tied by the wording, so only agreement tells."""
    ctx, named = site.ctx, referent(site)
    m = _NAMED_MULTIPLE.match(re.split(r"[，。；,;]", site.lead)[-1])
    if len(named) < 2 or not m or named in m.group(1) or m.group(1) in named:
        return None
    start = paragraph_bounds(ctx, max(site.para_start - 2, 0))[0] if site.para_start > 0 else 0
    pair = _named_pair(site, m.group(1), named, start) or _named_pair(site, _untotalled(m.group(1)),
                                                                     _untotalled(named), 0, untotalled=True)
    if pair is None:
        return None
    own, other = pair
    return Relation("multiple", site.stated, inputs=[other, own], mode="ratio", where="document",
                    doubt="the two figures were matched by their names only")


def _named_pair(site: Site, own_name: str, other_name: str, start: int,
                untotalled: bool = False) -> tuple[Fact, Fact] | None:
    """(own, other): the levels named so among those stated from ``start`` to the sentence, of one
    unit and period (``untotalled``: their names read without a 总 before the measure, 小麦总产量 as
    小麦产量)."""
    ctx = site.ctx
    pool = [f for f in ctx.facts_between(start, site.s0) if is_level(f) and not is_prior_level(ctx, f)
            and not is_stated_change(ctx, f) and not is_comparand(ctx, f)]
    if untotalled:
        pool = [f.model_copy(update={"indicator": _untotalled(f.indicator or "")}) for f in pool]
    own = best_named(ctx, own_name, pool)
    other = best_named(ctx, other_name, [f for f in pool if own is not None and f is not own and same_unit(f, own)
                                         and f.period_end_month == own.period_end_month])
    if own is None or other is None:
        return None
    if untotalled:   # the facts themselves, not the renamed copies
        by_id = {f.fact_id: f for f in ctx.text_facts}
        own, other = by_id[own.fact_id], by_id[other.fact_id]
    return own, other


_TOTAL_BEFORE_MEASURE = re.compile(r"总(?=[\u4e00-\u9fff])")


def _untotalled(name: str) -> str:
    """小麦总产量 → 小麦产量: a name without the 总 before its measure."""
    return _TOTAL_BEFORE_MEASURE.sub("", name)


def rule_ratio_of_named(site: Site) -> Relation | None:
    """高研发公司的营收增速几乎是低研发公司的两倍: the figures the two named groups' sentences state
    before it (the two sentences before), of one unit; names are loose, so only agreement tells."""
    named = referent(site)
    m = _OWN_SUBJECT.search(re.split(r"[，。；,;]", site.lead)[-1])
    if len(named) < 2 or not m or len(m.group(1)) < 2:
        return None
    start = site.ctx.sentence_of(site.ctx.sentence_of(site.s0 - 1)[0] - 1)[0] if site.s0 > 1 else 0
    for unit in ("%", site.stated.unit_normalized):
        a = _last_naming(site, named, unit, start, None)
        b = _last_naming(site, m.group(1), unit, start, a)
        if a is not None and b is not None and named not in m.group(1):
            return Relation("multiple", site.stated, inputs=[a, b], mode="ratio", where="document",
                            doubt="the two figures were matched by the groups' names only")
    return None


_SUM_OF_POINTS = regex("relations", "sum_of_points")


def rule_sum_of_listed_points(site: Site) -> Relation | None:
    """分别为－0.4%和－0.3%，合计使…下降0.7个百分点: contributions listed before, in points (or %),
    add up to the total change — a fall counted negative."""
    clause = re.split(r"[，。；,;]", site.lead)[-1]
    if site.stated.unit_normalized != "pp" or not _SUM_OF_POINTS.search(clause):
        return None
    before = site.ctx.facts_between(run_start(site.ctx, site.s0, site.stated.char_start), site.stated.char_start)
    run: list[Fact] = []
    for f in reversed(before):
        if f.unit_normalized not in ("%", "pp") or (run and not one_list(site.ctx, f, run[0])):
            break
        run.insert(0, f)
    if len(run) < 2:
        return None
    return Relation("sum", site.stated, inputs=run, weights=[1] * len(run), mode="complete", where="sentence")
