"""Relation rules for a growth, a multiple (增长X倍) or an average annual growth (年均):
each takes a Site and returns a Relation, or None when it does not apply. find_relation
tries them in the order of kb.verify.relations.find.RULES.
"""

from __future__ import annotations

import re

from kb.models import CURRENCY_CODES, Fact
from kb.verify.citing import interval, scaled
from kb.text.vocab import regex, vocabulary
from kb.verify.relations.ground import (CN_COUNT, OPEN_BOUNDS, Context, Relation, Site, clause_before, cue_alternation,
                                        is_level, is_named_previous_year, is_prior_level, parse_count, period_of,
                                        same_thing, same_unit, same_value, year_of, years_in_sentence)
from kb.verify.relations.figure_names import figure_name, normal_name
from kb.verify.relations.sentence import (change_after_rate, change_pair, level_change, previous_level, prior_pair,
                                          run_start, stated_level)
from kb.verify.relations.breakdown import reported_real
from kb.verify.relations.sets import average_members
from kb.verify.relations.table_cells import growth_years, paragraph_lead, table_balance_change, table_year_pair
from kb.verify.relations.table_period import table_pair

_REAL_GROWTH = regex("relations", "constant_prices")
_SINCE_YEAR_START = regex("relations", "since_year_start")
_YEAR_ON_YEAR = regex("relations", "year_on_year_base")
_YEARS_SINCE = re.compile(rf"([{CN_COUNT}\d]+)年(?:{cue_alternation('years_since')})")
_AVERAGE_GROWTH_BEFORE = regex("relations", "average_growth_before")
_PRIOR_RATE = regex("relations", "prior_rate")
_PRIOR_OPENS = regex("relations", "prior_opens_sentence")
# the relation kind of each growth reading
GROWTH_KINDS = {"growth": "growth", "multiple_growth": "multiple", "cagr": "cagr"}


def _kind(site: Site) -> str:
    return GROWTH_KINDS[site.read]


def _at_constant_prices(site: Site, level: Fact) -> bool:
    """Money levels (at current prices) with a growth at constant prices: not comparable. The growth
    is at constant prices when it says so, its sentence does, or it is of an indicator statistics
    report so (GDP, value added) in a document that speaks of constant prices; a deposit's growth
    is not made real by the GDP sentence of its document."""
    if level.unit_normalized.split("/")[0] not in CURRENCY_CODES:
        return False
    stated = site.stated
    return stated.basis == "real" or bool(_REAL_GROWTH.search(site.sentence)) \
        or (reported_real(stated) and bool(_REAL_GROWTH.search(site.ctx.text)))


def _not_comparable(site: Site) -> Relation:
    """Unverifiable: a growth at constant prices over levels at current prices."""
    return Relation("growth", site.stated, reason="the growth is at constant prices and the levels are at current prices")


def growth_relation(site: Site, pair: tuple[Fact, Fact], where: str) -> Relation:
    """The growth, multiple or CAGR of the stated figure over (A, B); a CAGR gets its period."""
    kind = _kind(site)
    rel = Relation(kind, site.stated, inputs=list(pair), where=where, mode="growth" if kind == "multiple" else "")
    if kind == "cagr":
        _set_period(site, rel, pair)
    return rel


def _set_period(site: Site, rel: Relation, pair: tuple[Fact, Fact]) -> None:
    """The number of annual steps of a CAGR: the levels' own years (由2015年的A增加到2020年的B: 5,
    although a five-year plan period is written 2016—2020), else a stated period, else 五年来."""
    stated, sent = site.stated, site.sentence
    period = period_of(stated, sent)
    since = _YEARS_SINCE.search(sent[:stated.char_start - site.s0])
    if period is None:
        period = years_in_sentence(stated, sent)
    a_year, b_year = pair[0].year, pair[1].year
    if a_year and b_year and b_year > a_year:
        rel.years = b_year - a_year
    elif period is not None:
        rel.years = period[1] - period[0]
        rel.years_certain = False
    elif since is not None:  # 五年来…年均增长: five annual steps
        rel.years = parse_count(since.group(1))
        rel.years_certain = False
    if not rel.years:
        rel.reason = "the period of the average annual growth is not stated"
        rel.inputs = []


def rule_from_to_pair(site: Site) -> Relation | None:
    """从A增加到B，增长X% / 增长X倍 / 年均增长X%: the from–to pair of levels right before the figure."""
    pair = change_pair(site.ctx, site.stated, site.s0)
    return growth_relation(site, pair, "sentence") if pair is not None else None


def rule_level_and_change(site: Site) -> Relation | None:
    """B，比上年增加/减少D，增长X%: the rate is D over last year's level B ∓ D."""
    found = level_change(site.ctx, site.stated, site.s0)
    if found is None:
        return None
    b, d, down = found
    if _at_constant_prices(site, b):
        return _not_comparable(site)
    if _since_year_start_before_year_end(site, b, d):
        return Relation("growth", site.stated, reason="the change is since the start of the year and the growth "
                                                      "over twelve months; they agree only at the year's end")
    return Relation("growth", site.stated, inputs=[b, d], mode="change_down" if down else "change_up",
                    where="sentence")


def _since_year_start_before_year_end(site: Site, level: Fact, change: Fact) -> bool:
    """6月末贷款余额B，比年初增加D，同比增长X%: a change since the start of the year beside a growth
    over twelve months (同比, 比上年同期), of a level not at the year's end: no growth of one from the
    other (a bare 增长 after 比上年末增加 is over the same months)."""
    ctx = site.ctx
    since_start = _SINCE_YEAR_START.search(ctx.text, level.char_end, change.char_start)
    yearly = _YEAR_ON_YEAR.search(ctx.text, change.char_end, site.stated.char_start)
    return bool(since_start and yearly) and not (level.period_end_month or "").endswith("-12")


def rule_previous_level(site: Site) -> Relation | None:
    """B，增长X% with last year's level of the same indicator stated earlier in the paragraph."""
    pair = previous_level(site.ctx, site.stated, site.s0, site.para_start)
    if pair is None:
        return None
    if _at_constant_prices(site, pair[0]):
        return _not_comparable(site)
    return growth_relation(site, pair, "sentence")


def rule_prior_level_after(site: Site) -> Relation | None:
    """净利润B，同比增长X%，上年同期为A: the previous period's level stated right after the rate,
    in its clause run, of the level's unit; or opening the next sentence of the paragraph when the
    rate ends its own (…同比增长7.3%。上年同期为806.3亿元。), or a later sentence of the paragraph
    that opens on the previous period and names B's indicator."""
    ctx, stated = site.ctx, site.stated
    b = stated_level(ctx, stated, site.s0)
    if b is None:
        return None
    a, by_name = _prior_after(site, b)
    if a is None or not is_level(a) or not same_unit(a, b) \
            or not (is_prior_level(ctx, a) or is_named_previous_year(ctx, a, b.year)) or a.qualifier in OPEN_BOUNDS:
        return None
    if not by_name and re.search(r"[；;]", ctx.text[stated.char_end:a.char_start]):
        return None   # a level after ； is another clause's (one found by its name is B's own)
    if _at_constant_prices(site, a):
        return _not_comparable(site)
    return growth_relation(site, (a, b), "sentence")


def _prior_after(site: Site, b: Fact) -> tuple[Fact | None, bool]:
    """(A, whether it was chosen by B's indicator): the figure right after the rate when it is the
    previous period's; else the first level of B's unit in the next sentence when that opens on the
    previous period (…增速比去年同期提高2.6个百分点。去年同期，全省全社会用电量为3843.4亿千瓦时), of B's
    indicator when the rate's own sentence goes on; else B's indicator's level in a later sentence of
    the paragraph that opens on the previous period (上年同期，…销售面积和销售额分别为A1和A2)."""
    ctx = site.ctx
    after = ctx.facts_between(site.stated.char_end, site.s1)
    a = after[0] if after else None
    if a is not None and is_prior_level(ctx, a):
        return a, False
    nxt = [f for f in _prior_sentence_after(site) if is_level(f) and same_unit(f, b)
           and (a is None or (f.indicator_key and f.indicator_key == b.indicator_key))]
    if nxt:
        return nxt[0], a is not None
    later = [f for f in _prior_sentences_later(site) if is_level(f) and same_unit(f, b)
             and f.indicator_key and f.indicator_key == b.indicator_key]
    return (later[0], True) if later else (a, False)


def rule_prior_level_before(site: Site) -> Relation | None:
    """充换电用电量36.8亿千瓦时，去年同期为23.2亿千瓦时，同比增长58.6%: the previous period's level
    stated between this period's and the rate."""
    pair = prior_pair(site.ctx, site.stated, site.s0)
    if pair is None:
        return None
    if _at_constant_prices(site, pair[0]):
        return _not_comparable(site)
    return growth_relation(site, pair, "sentence")


def _prior_sentence_after(site: Site) -> list[Fact]:
    """The figures of the sentence after the site's, in its paragraph, when it opens on the
    previous period (上年同期为806.3亿元); [] otherwise."""
    ctx = site.ctx
    n0, n1 = ctx.sentence_of(site.s1) if site.s1 < len(ctx.text) else (site.s1, site.s1)
    if n0 < site.s1 or "\n" in ctx.text[site.s1:n0] or not _PRIOR_OPENS.match(ctx.text, n0, n1):
        return []
    return ctx.facts_between(n0, n1)


def _prior_sentences_later(site: Site) -> list[Fact]:
    """The figures of the sentences after the next one, to the end of the site's paragraph, that open
    on the previous period (上年同期，…分别为A1和A2); [] when none does."""
    ctx, found = site.ctx, []
    end = ctx.text.find("\n", site.s1)
    end = len(ctx.text) if end == -1 else end
    n0, n1 = ctx.sentence_of(site.s1) if site.s1 < end else (end, end)
    while n1 < end:
        previous = n1
        n0, n1 = ctx.sentence_of(n1)
        if n0 >= end or n1 <= max(n0, previous):
            break   # past the paragraph, or no further sentence
        if _PRIOR_OPENS.match(ctx.text, n0, n1):
            found += ctx.facts_between(n0, n1)
    return found


def _year_before(month: str | None) -> str | None:
    """2021-03 → 2020-03 (None stays None)."""
    return f"{int(month[:4]) - 1}{month[4:]}" if month and month[:4].isdigit() else None


def rule_two_year_average(site: Site) -> Relation | None:
    """同比增长g₂ …，上年同期增长g₁，两年平均增长X%: both years' growth of the same indicator stated
    before the average in its paragraph (the nearest of each); √((1 + g₁)(1 + g₂)) − 1."""
    ctx, stated = site.ctx, site.stated
    if stated.measure != "avg_growth_2y" or stated.unit_normalized != "%" or not stated.indicator_key:
        return None
    rates = [f for f in ctx.facts_between(site.para_start, stated.char_start)
             if f.measure == "yoy_growth" and f.unit_normalized == "%" and f.indicator_key == stated.indicator_key
             and f.qualifier not in OPEN_BOUNDS]
    prior = [f for f in rates if _PRIOR_RATE.search(clause_before(ctx, f))
             and f.period_end_month in (stated.period_end_month, _year_before(stated.period_end_month))]
    current = [f for f in rates if f not in prior and f.period_end_month == stated.period_end_month]
    # …两年平均增长6.9%。去年同期，全省全社会用电量为3843.4亿千瓦时，同比增长5.6%: the year before's rate
    # in the next sentence, which opens on the previous period
    prior = prior or [f for f in _prior_sentence_after(site) if f.measure == "yoy_growth" and f.unit_normalized == "%"
                      and f.indicator_key == stated.indicator_key and f.qualifier not in OPEN_BOUNDS]
    if not prior or not current:
        return None
    return Relation("cagr", stated, inputs=[prior[-1], current[-1]], mode="rates", where="paragraph")


def rule_change_after_rate(site: Site) -> Relation | None:
    """余额B，同比增长X%，较年初增加D: the rate is D / (B − D) for a year-end balance."""
    found = change_after_rate(site.ctx, site.stated, site.s0)
    return Relation("growth", site.stated, inputs=list(found), mode="change_up", where="sentence") if found else None


def rule_table_balance_change(site: Site) -> Relation | None:
    """余额B，同比增长X% whose B is a table's 年末余额 cell with a 较年初增加 cell in its row."""
    found = table_balance_change(site.ctx, site.stated, site.s0)
    return Relation("growth", site.stated, inputs=list(found), mode="change_up", where="table") if found else None


def rule_group_average_growth(site: Site) -> Relation | None:
    """平均增长X: the mean growth of the group's table rows the sentence names, never one row's."""
    stated = site.stated
    if not _AVERAGE_GROWTH_BEFORE.search(site.ctx.text[max(site.s0, stated.char_start - 8):stated.char_start]):
        return None
    # the paragraph (blank-line block): a long one is cut into several passages
    members = average_members(site.ctx, stated, site.para_start)
    if not members:
        return None
    return Relation("average", stated, inputs=[f for r in members for f in (r.first, r.last)],
                    mode=_kind(site), where="table")


def rule_table_period_pair(site: Site) -> Relation | None:
    """A growth over 2014—2022 of a table's row and column: the cells of the period's first
    and last year, in a table whose column the sentence names."""
    pair = table_pair(site.ctx, site.stated, site.sentence, site.s0)
    return growth_relation(site, pair, "table") if pair is not None else None


def written_as(cell: Fact, level: Fact) -> bool:
    """The table's cell is the text's level, written in full or rounded (438,215,806.42元 in a table of
    元, 4.38亿元 in the text): the cell's value lies in the text level's interval."""
    if same_value(cell, level):
        return True
    i = scaled(interval(level), level.scale or 1.0)
    return i.low <= cell.value_normalized <= i.high


def rule_table_year_pair(site: Site) -> Relation | None:
    """比上年增长X% (or a growth between two named years) of a level in a table row: the row's
    cells of both years, when the text's own level (if stated) is the later cell."""
    ctx, stated, kind = site.ctx, site.stated, _kind(site)
    years = growth_years(stated, site.sentence) if kind == "growth" else years_in_sentence(stated, site.sentence)
    if not years:
        return None
    level = stated_level(ctx, stated, site.s0)
    pair = None
    # the level's own clause names the row (实现…净利润4.38亿元…；实现…扣除非经常性损益的净利润3.96亿元，较上年
    # 增长21.87%: not the row the sentence names first), else the sentence does, else the paragraph
    # (**（二）初中。**…在校生246.80万人，比上年增长1.5%)
    own = [_level_clause(ctx, level, stated)] if level is not None else []
    for clause in dict.fromkeys(own + [site.lead] + ([paragraph_lead(ctx, level)] if level is not None else [])):
        pair = table_year_pair(ctx, stated, years, level.unit_normalized if level else "", clause=clause)
        if pair is not None:
            break
    if pair is None or (level is not None and not written_as(pair[1], level)):
        return None  # the text's own level is not the table's cell: another measure (亿美元 vs 亿元)
    if kind == "growth" and _at_constant_prices(site, pair[0]):
        return Relation("growth", stated, reason="the growth is at constant prices and the table's "
                                                 "levels are at current prices")
    return growth_relation(site, pair, "table")


def _level_clause(ctx: Context, level: Fact, stated: Fact) -> str:
    """The words from the start of the level's clause to the rate."""
    s0, _ = ctx.sentence_of(level.char_start)
    start = max([s0] + [ctx.text.rfind(c, s0, level.char_start) + 1 for c in "，,；;"])
    return ctx.text[start:stated.char_start]


_SPAN_YEARS = regex("relations", "span_years")


def _span(clause: str) -> tuple[int, int] | None:
    """The years a growth is said to span (40多年 → 40–49, 五年 → 5–5), or None."""
    m = _SPAN_YEARS.search(clause)
    if not m:
        return None
    n = parse_count(m.group(1))
    return (n, n + 9) if m.group(2) else (n, n)


def rule_prior_level_of_indicator(site: Site) -> Relation | None:
    """第三产业用电量782.4亿千瓦时，同比增长11.8% … (a paragraph later) 第三产业用电量去年同期为699.8亿千瓦时: the
    previous period's level of B's subject and indicator, of B's months a year earlier, stated anywhere
    in the document as the previous period's; only when every such level states one value."""
    ctx, stated = site.ctx, site.stated
    b = stated_level(ctx, stated, site.s0)
    if b is None or not b.indicator_key or stated.measure != "yoy_growth":
        return None
    months = (_year_before(b.period_start_month), _year_before(b.period_end_month))
    own = normal_name(figure_name(ctx, b))
    # the cheap field comparisons first: this runs for every growth rate whose bases are not beside it
    found = [a for a in ctx.text_facts if a.indicator_key == b.indicator_key and a.subject_key == b.subject_key
             and (a.period_start_month, a.period_end_month) == months and a.qualifier not in OPEN_BOUNDS
             and is_level(a) and same_unit(a, b) and is_prior_level(ctx, a)
             # B's own words are all in A's (制造业…年平均工资 is not the province's 年平均工资 of the year before;
             # 归属于本行股东的净利润 not the bank's 净利润)
             and len(own) >= 2 and any(own in n for n in (normal_name(figure_name(ctx, a)), a.indicator or ""))]
    if not found or len({a.value_normalized for a in found}) != 1:
        return None
    if _at_constant_prices(site, found[0]):
        return _not_comparable(site)
    return growth_relation(site, (found[0], b), "document")


BASE_YEAR_DOUBT = "the base year's level was matched by its name in another sentence"


def rule_base_year_level_of_indicator(site: Site) -> Relation | None:
    """全年旅游总收入150亿元，比2019年增长50% … (another sentence) 2019年，全县旅游总收入100亿元: the
    level of B's subject and indicator in the base year the stated figure names (B's months of that
    year), stated anywhere in the document; only when every such level states one value. Matched by
    name across sentences, so only agreement tells."""
    ctx, stated = site.ctx, site.stated
    b = stated_level(ctx, stated, site.s0)
    found = base_year_levels(ctx, stated, b) if b is not None else []
    if not found:
        return None
    if _at_constant_prices(site, found[0]):
        return _not_comparable(site)
    rel = growth_relation(site, (found[0], b), "document")
    rel.doubt = BASE_YEAR_DOUBT
    return rel


def base_year_levels(ctx: Context, stated: Fact, b: Fact) -> list[Fact]:
    """The levels of ``b``'s subject, indicator, unit and status in the earlier year the stated
    figure compares with (its span's first year: 比2019年增长, 是2019年的1.5倍), of b's months in that
    year, stated anywhere before or after; [] unless exactly one value is stated so, or when b's own
    words are not all in the level's name (制造业…平均工资 is not the province's 平均工资)."""
    base = _base_year(stated, b)
    if base is None or not b.indicator_key:
        return []
    first, last = (b.period_start_month or "-01")[-2:], (b.period_end_month or "-12")[-2:]
    months = (f"{base:04d}-{first}", f"{base:04d}-{last}")
    own = normal_name(figure_name(ctx, b))
    found = [a for a in ctx.text_facts if a is not b and same_thing(a, b)
             and (a.period_start_month, a.period_end_month) == months
             and a.qualifier not in OPEN_BOUNDS and a.value_low is None and is_level(a) and same_unit(a, b)
             and len(own) >= 2 and any(own in n for n in (normal_name(figure_name(ctx, a)), a.indicator or ""))]
    return found if found and len({a.value_normalized for a in found}) == 1 else []


def _base_year(stated: Fact, b: Fact) -> int | None:
    """The base year of a figure compared with an earlier year: the first year of the stated figure's
    span, when its level ``b`` is of the span's last year (or of no stated year)."""
    start, end = stated.period_start_month, stated.period_end_month
    if not start or not end or start[:4] >= end[:4] or (b.year and str(b.year) != end[:4]):
        return None
    return int(start[:4])


def rule_earlier_year_level(site: Site) -> Relation | None:
    """1978年GDP只有3678.7亿元，但到2020年…增长至1015986亿元，40多年增长了约275倍: the level the
    rate follows, and the sentence's earlier level of an earlier year (the one the stated span
    of years reaches, else the nearest)."""
    ctx, stated = site.ctx, site.stated
    b = stated_level(ctx, stated, site.s0)
    if b is None or year_of(ctx, b) is None:
        return None
    # a level before a ； is another clause's (营业收入…较上年的76.80亿元；…净利润7.02亿元，同比增长18.0%)
    start = run_start(ctx, site.s0, b.char_start)
    earlier = [a for a in ctx.facts_between(start, b.char_start) if is_level(a) and same_unit(a, b)
               and year_of(ctx, a) is not None and year_of(ctx, a) < year_of(ctx, b) and a.qualifier not in OPEN_BOUNDS]
    span = _span(re.split(r"[，。；,;]", site.lead)[-1])
    if span is not None:
        earlier = [a for a in earlier if span[0] <= year_of(ctx, b) - year_of(ctx, a) <= span[1]]
    return growth_relation(site, (earlier[-1], b), "sentence") if earlier else None


_REAL_MARK = regex("relations", "real_growth_mark")
_DEFLATORS = vocabulary("relations")["deflators"]


def _deflator_names(level_name: str) -> tuple[str, ...]:
    """The price index that deflates an indicator: retail sales by retail prices, the rest by
    consumer prices (kb/data/relations.yaml deflators)."""
    for entry in _DEFLATORS:
        if not entry["for"] or any(w in level_name for w in entry["for"]):
            return tuple(entry["index"])
    return ()


def _nominal_and_real(site: Site) -> tuple[list[Fact], list[Fact]]:
    """(nominal rates, real rates) of the sentence: the growth rates before its 扣除物价因素/实际
    wording and those after it."""
    ctx = site.ctx
    start = run_start(ctx, site.s0, site.stated.char_start)
    m = _REAL_MARK.search(ctx.text, start, site.stated.char_start)
    if m is None:
        return [], []
    rates = [f for f in ctx.facts_between(start, site.s1) if f.unit_normalized == "%" and f.claim_type == "growth_rate"]
    return [f for f in rates if f.char_end <= m.start()], [f for f in rates if f.char_start >= m.end()]


def _price_change(site: Site, names: tuple[str, ...]) -> Fact | None:
    """The document's change of the price index named so (居民消费价格总水平比上年下降0.7%): the one
    growth rate whose name is the index's, else None."""
    found = [f for f in site.ctx.text_facts if f.unit_normalized == "%" and f.claim_type == "growth_rate"
             and any(n in (f.indicator or "") or n in clause_before(site.ctx, f) for n in names)
             and not _REAL_MARK.search(clause_before(site.ctx, f))]
    values = {(f.value, f.direction) for f in found}
    return found[0] if len(values) == 1 else None


def rule_deflated_growth(site: Site) -> Relation | None:
    """比上年增长6.8%，扣除物价下跌因素，实际增长9.5%: the real growth is the nominal one deflated by
    the document's price change, (1 + n) / (1 + p) − 1; 分别 lists pair in order."""
    nominal, real = _nominal_and_real(site)
    if not real or site.stated not in real or len(nominal) != len(real):
        return None
    n = nominal[real.index(site.stated)]
    levels = [f for f in site.ctx.facts_between(site.s0, n.char_start) if is_level(f)]
    name = (levels[-1].indicator if levels else "") or n.indicator
    price = _price_change(site, _deflator_names(name))
    if price is None:
        return None
    return Relation("real_growth", site.stated, inputs=[n, price], where="document")
