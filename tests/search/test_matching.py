"""kb.search.matching: each identity rule on figures of our own."""

from __future__ import annotations

import pytest

from kb.models import Fact
from kb.search import matching
from kb.search.matching import (DIFFERS, DOUBT, Frame, Pair, compare, fact_subjects, indicator_forms, normalize,
                                part_of, same_subject, share_whole)


def fig(quote="全年地区生产总值增长5.2%。", text="5.2%", unit="%", value=None, doc_id="doc", **kw) -> Fact:
    value = float(text.rstrip("%倍亿元万人")) if value is None else value
    fields = dict(subject="临川", subject_key="临川", indicator="地区生产总值", indicator_key="GDP",
                  measure="yoy_growth", year=2023, period_start_month="2023-01", period_end_month="2023-12",
                  subject_rule="place_in_clause", period_rule="year_in_clause", claim_type="growth_rate",
                  unit_normalized=unit, figure_text=text)
    start = max(quote.find(text), 0)
    fields.update(char_start=start, char_end=start + len(text))
    fields.update(kw)
    return Fact(fact_id=f"{doc_id}-{text}-{len(kw)}", doc_id=doc_id, quote=quote, value=value,
                value_text=str(value).rstrip("0").rstrip("."), unit=unit, value_normalized=value, **fields)


def claim(**kw) -> Fact:
    return fig(doc_id="claim", **kw)


def found(claim_fact: Fact, fact: Fact, frame: Frame | None = None):
    return compare(Pair(claim_fact, fact, frame or Frame()))


CASES = [
    # (rule, claim fields, fact fields, frame, kind of finding or None)
    ("rule_indicator", {}, {"quote": "规上工业增加值增长5.2%。", "indicator": "规上工业增加值",
                            "indicator_key": "工业增加值"}, Frame(), DIFFERS),
    ("rule_indicator", {"indicator": "社会消费品零售总额实际", "indicator_key": "社会消费品零售总额实际"},
     {"indicator": "社会消费品零售总额", "indicator_key": "社会消费品零售总额"}, Frame(), None),
    ("rule_subject", {"subject": "宜昌", "subject_key": "宜昌"}, {}, Frame(), DIFFERS),
    # carried against the document's own subject: either of the two
    ("rule_subject", {}, {"subject": "全国", "subject_key": "全国", "subject_rule": "carried_subject"},
     Frame(subject="临川"), DOUBT),
    ("rule_subject", {}, {"subject": "临川", "subject_key": "临川", "subject_rule": "carried_subject"},
     Frame(subject="临川"), None),
    ("rule_subject", {"subject": "宜昌", "subject_key": "宜昌"},
     {"subject": "宜昌", "subject_key": "宜昌", "subject_rule": "carried_subject"}, Frame(subject="湖北"), DOUBT),
    ("rule_unit", {}, {"unit_normalized": "CNY", "measure": "level"}, Frame(), DIFFERS),
    ("rule_measure", {}, {"measure": "avg_growth_2y"}, Frame(), DIFFERS),
    ("rule_share_whole", {"measure": "share", "quote": "农业增加值占GDP比重约65%", "figure_text": "约65%"},
     {"measure": "share", "quote": "农业增加值占农林牧渔业比重约65%", "figure_text": "约65%"}, Frame(), DIFFERS),
    # 其中…所占比重87.5%: a share within the total named before 其中, not of the claim's whole
    ("rule_share_whole", {"measure": "share", "quote": "制造业就业占全部非农就业的87.5%", "figure_text": "87.5%"},
     {"measure": "share", "quote": "第二产业就业提高到24.9%，其中制造业就业所占比重87.5%", "figure_text": "87.5%"},
     Frame(), DIFFERS),
    ("rule_share_whole", {"measure": "share", "quote": "制造业就业所占比重87.5%", "figure_text": "87.5%"},
     {"measure": "share", "quote": "第二产业就业提高到24.9%，其中制造业就业所占比重87.5%", "figure_text": "87.5%"},
     Frame(), None),
    ("rule_scope", {}, {"scope": "规模以上"}, Frame(), DIFFERS),
    # a group cut out by a threshold in the fact's sentence is a subset of the claim's
    ("rule_scope", {"quote": "亏损企业亏损额比上年下降33.6%", "text": "33.6%"},
     {"quote": "亏损超过1亿元以上亏损企业的亏损额合计85.6亿元，比上年下降33.6%。", "text": "33.6%"}, Frame(), DIFFERS),
    ("rule_scope", {"quote": "亏损超过1亿元的企业亏损额比上年下降33.6%", "text": "33.6%"},
     {"quote": "亏损超过1亿元以上亏损企业的亏损额合计85.6亿元，比上年下降33.6%。", "text": "33.6%"}, Frame(), None),
    # a bound that counted members meet (有3家…低于8%) is about those members, not the subject
    ("rule_scope", {"quote": "全市规上工业企业研发强度为9%", "text": "9%", "measure": "ratio"},
     {"quote": "全市12家龙头企业中，有3家研发强度低于8%。", "text": "8%", "measure": "ratio"}, Frame(), DIFFERS),
    ("rule_scope", {"quote": "全市有3家龙头企业研发强度低于8%", "text": "8%", "measure": "ratio"},
     {"quote": "全市12家龙头企业中，有3家研发强度低于8%。", "text": "8%", "measure": "ratio"}, Frame(), None),
    # …超过18.3%的全国平均水平: the figure is the average's own value, not the members' bound
    ("rule_scope", {"quote": "全国GDP增速为18.3%", "text": "18.3%"},
     {"quote": "其中8个省份GDP增速超过18.3%的全国平均水平。", "text": "18.3%"}, Frame(), None),
    # a claim about the top of a group by a rank is not about the whole group's figure
    ("rule_scope", {"quote": "2023年营业收入前50位的重点企业营业收入合计800亿元", "text": "800亿元"},
     {"quote": "重点企业实现营业收入800亿元。", "text": "800亿元"}, Frame(), DIFFERS),
    ("rule_scope", {"quote": "2023年营业收入前50位的重点企业营业收入合计800亿元", "text": "800亿元"},
     {"quote": "前50位企业营业收入合计800亿元，增长9%。", "text": "800亿元"}, Frame(), None),
    # the same rule on a claim and a document in traditional characters (read as simplified)
    ("rule_scope", {"quote": "2023年營業收入前50位的重點企業營業收入合計800億元", "text": "800億元", "value": 800.0},
     {"quote": "重點企業實現營業收入800億元。", "text": "800億元", "value": 800.0}, Frame(), DIFFERS),
    ("rule_basis", {"basis": "nominal"}, {}, Frame(), DIFFERS),   # GDP growth is real unless stated
    # an unmarked growth of exports is reported at current prices: a real claim is about another figure
    ("rule_basis", {"basis": "real", "indicator": "出口", "indicator_key": "出口总额"},
     {"indicator": "出口", "indicator_key": "出口总额"}, Frame(), DIFFERS),
    ("rule_basis", {"basis": "real", "indicator": "最终消费", "indicator_key": "最终消费"},
     {"indicator": "最终消费", "indicator_key": "最终消费"}, Frame(), DOUBT),
    ("rule_period", {"year": 2022, "period_start_month": "2022-01", "period_end_month": "2022-12"}, {}, Frame(),
     DIFFERS),
    ("rule_period", {"period_end_month": "2023-06"}, {}, Frame(), DIFFERS),
    ("rule_period", {}, {"period_rule": "carried_year", "char_start": 500, "char_end": 504},
     Frame(year=2022, plan_from=100), DOUBT),
    ("rule_period", {}, {"year": None, "period_rule": "undated"}, Frame(), DOUBT),
    ("rule_status", {"status": "target"}, {"status": "preliminary"}, Frame(), DIFFERS),
]


@pytest.mark.parametrize("rule, claimed, stated, frame, kind", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(rule, claimed, stated, frame, kind):
    finding = getattr(matching, rule)(Pair(normalize(claim(**claimed)), normalize(fig(**stated)), frame))
    assert (finding.kind if finding else None) == kind, finding


def test_every_rule_has_a_case_and_a_docstring():
    assert {r.__name__ for r in matching.RULES} == {c[0] for c in CASES}
    assert all(r.__doc__ for r in matching.RULES)


def test_identical_identity_is_comparable_without_doubt():
    m = found(claim(), fig(subject_rule="carried_subject"), Frame(subject="临川"))
    assert m.identical and m.rank == len(matching.RULES)


def test_the_first_difference_ends_the_comparison_and_ranks_the_fact():
    other_year = found(claim(), fig(year=2022, period_start_month="2022-01", period_end_month="2022-12"))
    other_indicator = found(claim(), fig(quote="全年出口增长5.2%。", indicator="出口", indicator_key="出口总额"))
    assert other_year.differs.startswith("another period") and other_indicator.differs.startswith("another indicator")
    assert other_year.rank > other_indicator.rank


def test_a_growth_over_the_year_before_is_that_years_growth_and_times_growth_is_a_multiple():
    span = fig(measure="growth_vs_base", year=None, period_start=2022, period_end=2023,
               period_start_month="2022-01", period_end_month="2023-12")
    assert (normalize(span).measure, normalize(span).year) == ("yoy_growth", 2023)
    times = normalize(fig(quote="增长1.51倍", text="1.51倍", unit="times", value=1.51, measure="growth_vs_base",
                          year=None, period_start=2014, period_end=2022))
    assert (times.measure, times.value, times.value_text) == ("multiple", pytest.approx(2.51), "2.51")


def test_subjects_of_a_fact():
    frame = Frame(subject="海南")
    assert fact_subjects(fig(subject_key="海南", subject_rule="carried_subject"), frame) == [("海南", True)]
    assert fact_subjects(fig(subject_key="全国", subject_rule="carried_subject"), frame) == \
        [("全国", False), ("海南", False)]
    assert fact_subjects(fig(subject_key="", subject=""), frame) == [("海南", True)]
    assert fact_subjects(fig(subject_key="全国", subject_rule="carried_subject"), Frame()) == [("全国", True)]
    # an organisation named outside the figure's clause leaves it to the document's subject
    assert fact_subjects(fig(quote="成立某指挥部，稳住外贸基本盘，外贸出口增长7.2%。", text="7.2%", subject_key="某指挥部",
                             subject_rule="acting_organisation"), frame) == [("海南", True), ("某指挥部", False)]
    # one its clause names owns the figure
    assert fact_subjects(fig(quote="某集团营业收入增长7.2%。", text="7.2%", subject_key="某集团",
                             subject_rule="acting_organisation"), frame) == [("某集团", True)]
    assert fact_subjects(fig(subject_key="某指挥部", subject_rule="carried_subject"), frame) == \
        [("海南", True), ("某指挥部", False)]
    # a carried subject is not sure where the sentence names a list of its own (…、…等行业)
    assert fact_subjects(fig(quote="食品饮料、交通运输、房地产等行业研发强度仅在0.25%左右。", text="0.25%", subject_key="海南",
                             subject_rule="carried_subject"), frame) == [("海南", False)]
    # …a company (not a body acting for the area) named so may be the figure's own as well: either, neither sure
    assert fact_subjects(fig(quote="甲集团公司和乙集团公司分列前2位，发展迅速，销售收入合计增长21.8%。", text="21.8%",
                             subject_key="乙集团公司", subject_rule="organisation_before"), frame) == \
        [("乙集团公司", False), ("海南", False)]
    assert fact_subjects(fig(subject_key="金华", subject_rule="carried_subject"), Frame(subject="浙江")) == \
        [("金华", False), ("浙江", False)]


def test_same_subject_and_parts():
    assert same_subject("北京", "北京市") and same_subject("桐源县", "桐源")
    assert same_subject("粤桂琼", "广东、广西、海南")
    assert not same_subject("广东", "广西") and not same_subject("", "")
    assert part_of("大湾区内地九市", "粤港澳大湾区") and not part_of("广东", "粤港澳大湾区")


def test_a_claim_without_subject_speaks_of_the_nation_or_of_the_subject_opening_its_indicator():
    national = found(claim(subject="", subject_key="", indicator="国家外汇储备", indicator_key="国家外汇储备"),
                     fig(subject="全国", subject_key="全国", indicator="国家外汇储备", indicator_key="国家外汇储备"))
    assert national.identical
    company = found(claim(subject="", subject_key="", indicator="华岳精密营业收入", indicator_key="华岳精密营业收入"),
                    fig(subject="华岳精密", subject_key="华岳精密", indicator="营业收入", indicator_key="营业收入"))
    assert company.identical


def test_indicator_forms_drop_counting_and_change_words():
    assert "GDP" in indicator_forms("地区生产总值", "GDP", "")
    assert "出口总额" in indicator_forms("出口增长率降至", "出口增长率降至", "")
    assert "数字经济" in indicator_forms("数字经济规模", "数字经济规模", "")
    assert "GDP" in indicator_forms("区地区生产总值", "区地区生产", "")


def test_the_claims_wording_written_out_before_the_figure_is_its_indicator():
    stated = fig(quote="我国企业承接离岸服务外包执行额940.7亿美元。", text="940.7亿美元", unit="USD", value=940.7,
                 measure="level", indicator="执行额", indicator_key="执行")
    said = claim(quote="我国离岸服务外包执行额为1040.7亿美元", text="1040.7亿美元", unit="USD", value=1040.7,
                 measure="level", indicator="离岸服务外包执行额", indicator_key="离岸服务外包执行",
                 subject="全国", subject_key="全国")
    assert found(said, stated.model_copy(update={"subject": "全国", "subject_key": "全国"})).identical
    headline = fig(quote="内蒙古新能源发电量创新高 外送电量突破3000亿千瓦时", text="3000亿千瓦时", unit="kWh",
                   value=3000, measure="level", indicator="新能源发电量创新高外送电量",
                   indicator_key="新能源发电量创新高外送电量")
    said = claim(quote="新能源发电量为1680亿千瓦时", text="1680亿千瓦时", unit="kWh", value=1680, measure="level",
                 indicator="新能源发电量", indicator_key="新能源发电量")
    m = found(said, headline)   # written elsewhere in its sentence: a doubt, never a refutation
    assert m.comparable and m.doubts == ("the figure's sentence names 新能源发电量",)


def test_a_head_of_the_claims_indicator_read_from_context_is_a_doubt():
    m = found(claim(indicator="国家重点企业利税", indicator_key="国家重点企业利税", measure="level",
                    text="3000亿元", unit="CNY", value=3000),
              fig(quote="利税总额3029.4亿元。", text="3029.4亿元", unit="CNY", value=3029.4, measure="level",
                  indicator="利税总额", indicator_key="利税", doc_title="国家重点企业的报告"))
    assert m.comparable and not m.identical and "国家重点企业" in m.doubts[0]


def test_share_whole():
    assert share_whole(fig(quote="第三产业增加值占国内生产总值的比重为49.1%", text="49.1%")) == "GDP"
    assert share_whole(fig(quote="高技术制造业增加值占比为12.5%", text="12.5%")) == ""
    # how the whole is priced is no other whole
    assert share_whole(fig(quote="高新技术产品产值占工业总产值（现价）的比重达35.4%", text="35.4%")) == \
        share_whole(fig(quote="高新技术产品产值占工业总产值的比重达35.4%", text="35.4%"))


def test_a_stock_at_year_end_is_the_years_figure():
    said = claim(quote="2023年常住人口为392万人", measure="level", indicator="常住人口", indicator_key="常住人口")
    year_end = fig(measure="level", indicator="常住人口", indicator_key="常住人口",
                   period_start_month="2023-12", period_end_month="2023-12")
    assert found(said, year_end).identical
    whole_year = claim(quote="2023年全年常住人口为392万人", measure="level", indicator="常住人口",
                       indicator_key="常住人口")
    assert found(whole_year, year_end).differs.startswith("other months")


def test_compare_reads_both_figures_in_one_wording():
    said = claim(quote="是上年的3.5倍", text="3.5倍", unit="times", value=3.5, measure="multiple", year=None,
                 period_start=2022, period_end=2023, period_start_month="2022-01", period_end_month="2023-12")
    stated = fig(quote="增长2.5倍", text="2.5倍", unit="times", value=2.5)
    assert compare(Pair(said, stated)).identical


def test_the_documents_own_area_names_its_subject():
    fact = fig(quote="全省生产总值增长5.5%。", text="5.5%", subject_key="全国", subject_rule="carried_subject")
    assert fact_subjects(fact, Frame(subject="浙江")) == [("浙江", True)]


def test_a_scope_written_next_to_the_indicator_is_the_figures_scope():
    said = claim(indicator="固定资产投资", indicator_key="固定资产投资", scope="不含农户")
    stated = fig(quote="全国固定资产投资（不含农户）538548亿元，同比增长8.3%。", text="8.3%",
                 indicator="固定资产投资", indicator_key="固定资产投资", scope="")
    assert found(said, stated).identical
    assert found(said, stated.model_copy(update={"quote": "全国固定资产投资同比增长8.3%。"})).differs


def test_one_figure_for_a_list_of_indicators_is_each_items():
    said = claim(quote="PPI上涨2.4%", text="2.4%", indicator="PPI上涨", indicator_key="PPI上涨")
    stated = fig(quote="PPI、PPIRM上涨2.4%左右。", text="2.4%", indicator="PPI、PPIRM上涨",
                 indicator_key="PPI、PPIRM上涨")
    assert found(said, stated).comparable
    listed = stated.model_copy(update={"quote": "PPI、PPIRM分别上涨2.4%和3%。"})
    assert not found(said, listed).comparable


def test_a_figure_without_indicator_is_a_doubt_and_a_heading_before_the_area_is_no_part_of_it():
    assert found(claim(), fig(indicator="", indicator_key="")).doubts[0] == "the figure's indicator is not stated"
    assert "用电量" in indicator_forms("、城市建设和环境保护全市用电量", "、城市建设和环境保护全市用电量", "")


def test_a_growth_against_the_year_before_under_a_carried_span_is_that_years():
    stated = fig(quote="全年零售总额423.05亿元，比上年增长6.8%，扣除物价因素，实际增长9.5%。", text="9.5%",
                 measure="growth_vs_base", year=None, period_start=1990, period_end=1998,
                 period_start_month="1990-01", period_end_month="1998-12", doc_title="1-2月财政收入")
    read = normalize(stated)
    assert (read.measure, read.year, read.period_start_month, read.period_end_month) == \
        ("yoy_growth", 1998, "1998-01", "1998-02")
    based = stated.model_copy(update={"quote": "比上年增长3%，比1990年增长9.5%。"})
    assert normalize(based).measure == "growth_vs_base"


def test_a_growth_against_a_named_base_year_is_over_the_span_from_it():
    said = claim(quote="2021年1-2月吉林省一般公共预算收入比2019年同期增长17.8%", text="17.8%", value=17.8,
                 measure="growth_vs_base", indicator="一般公共预算收入", indicator_key="一般公共预算收入", year=2021)
    assert (normalize(said).period_start, normalize(said).period_end) == (2019, 2021)


def test_a_sentence_may_name_the_claims_indicator_in_kbs_vocabulary():
    from kb.search.matching import sentence_names

    assert sentence_names("前2月同比2019年增长17.8%，一般预算收入达到235亿元。", "一般公共预算收入",
                          ("一般公共预算收入",)) == "一般预算收入"
    assert sentence_names("前2月同比2019年增长17.8%。", "一般公共预算收入", ("一般公共预算收入",)) == ""


def test_a_scope_the_claims_own_indicator_names_is_no_subset():
    said = claim(quote="2024年甘肃省常住人口城镇化率为53.2%", text="53.2%", value=53.2, measure="share",
                 indicator="常住人口城镇化率", indicator_key="城镇化率", scope="")
    stated = fig(quote="城镇常住人口1308.0万人，占年末常住人口的比重（常住人口城镇化率）为53.20%。", text="53.20%",
                 value=53.2, measure="share", indicator="城镇常住人口", indicator_key="常住人口", scope="城镇")
    assert found(said, stated).comparable


def test_a_fenbie_list_hands_its_figures_out_in_order():
    said = claim(quote="死亡人数增长17.9%", text="17.9%", value=17.9, indicator="死亡人数", indicator_key="死亡人数")
    first = fig(quote="全省生产安全事故起数、死亡人数分别下降38.3%、17.9%。", text="38.3%", value=38.3,
                indicator="生产安全事故起数", indicator_key="生产安全事故起数")
    m = found(said, first)   # the list names 死亡人数, but not for this figure: a doubt at most
    assert not m.identical and m.doubts[0] == "the figure's sentence names 死亡人数"


def test_a_figure_that_states_no_unit_is_a_doubt_against_a_count():
    said = claim(quote="百亿研发公司为500多亿", text="500亿", unit="count", value=5e10, measure="level",
                 indicator="百亿研发公司", indicator_key="百亿研发公司").model_copy(update={"unit": "亿"})
    stated = fig(quote="百亿研发公司17家。", text="17家", unit="count", value=17, measure="level",
                 indicator="百亿研发公司", indicator_key="百亿研发公司").model_copy(update={"unit": "家"})
    m = found(said, stated)
    assert m.comparable and "one of the two figures states no unit" in m.doubts


def test_a_total_is_not_an_average():
    from kb.search.matching import statistic

    said = claim(quote="两省绿色信贷余额总量为17600亿元", text="17600亿元", unit="CNY", value=17600, measure="level",
                 indicator="绿色信贷余额总量", indicator_key="绿色信贷余额总量")
    mean = fig(quote="两省均值由2018年的4150亿元提高到2022年的8800亿元。", text="8800亿元", unit="CNY", value=8800,
               measure="level", indicator="绿色信贷余额", indicator_key="绿色信贷余额")
    assert found(said, mean).differs == "another statistic (average, the claim total)"
    assert statistic("进口额年平均增长率") == "" and statistic("人口平均") == "average"


def test_a_rank_of_a_growth_rate_is_not_a_rank_of_a_level():
    """9.8%的同比增速…全国排名第二 ranks growth; 收入达到235亿元，全国排名上升到24位 ranks the level."""
    growth = fig(quote="9.8%的同比增速仅次于安徽省，全国排名第二。", text="第二", unit="rank", value=2.0,
                 measure="rank", claim_type="rank")
    level_claim = claim(quote="临川GDP全国排名第十。", text="第十", unit="rank", value=10.0, measure="rank",
                        claim_type="rank")
    growth_claim = claim(quote="临川GDP增速全国排名第三。", text="第三", unit="rank", value=3.0, measure="rank",
                         claim_type="rank")
    assert "ranks a growth rate" in found(level_claim, growth).differs
    assert found(growth_claim, growth).differs == ""
    level = fig(quote="一般预算收入达到235亿元，同比增长17.8%，全国排名上升到24位。", text="24位", unit="rank",
                value=24.0, measure="rank", claim_type="rank")
    assert matching.ranked_by(level) == "growth"   # the clause before it states a growth
    level = fig(quote="同比增长17.8%，一般预算收入达到235亿元，全国排名上升到24位。", text="24位", unit="rank",
                value=24.0, measure="rank", claim_type="rank")
    assert matching.ranked_by(level) == "level"
    assert matching.ranked_by(fig(quote="GDP增长15%，总量排名第五。", text="第五", unit="rank", value=5.0,
                                  measure="rank")) == "level"


def test_an_organisation_opening_the_run_of_clauses_to_its_figure_owns_it():
    """青松集团研发支出由110亿元，提升至185亿元，同比增加67%: the company's figure, sure; not when the
    run names a group (…和白鹭集团，合计…)."""
    quote = "青松集团研发支出由2020年的110亿元，提升至185亿元，同比增加67%，增幅最高。"
    fact = fig(quote=quote, text="67%", subject="青松集团", subject_key="青松集团", indicator="研发支出",
               indicator_key="研发经费", subject_rule="organisation_before")
    assert fact_subjects(fact, Frame(subject="A股公司")) == [("青松集团", True)]
    quote = "青松集团研发支出和白鹭集团，提升至185亿元，合计增加67%。"
    fact = fact.model_copy(update={"quote": quote, "char_start": quote.find("67%")})
    assert ("青松集团", True) not in fact_subjects(fact, Frame(subject="A股公司"))


def test_a_ratio_is_to_one_base():
    """相当于美国GDP的70% is not 相当于日本GDP的70%: another base, never compared."""
    usa = fig(quote="中国GDP相当于美国GDP的70%。", text="70%", measure="ratio", claim_type="level",
              subject="全国", subject_key="全国")
    japan = claim(quote="中国GDP相当于日本GDP的90%。", text="90%", measure="ratio", claim_type="level",
                  subject="全国", subject_key="全国")
    assert share_whole(usa) == "美国GDP"
    assert "another whole" in found(japan, usa).differs
    same = claim(quote="中国GDP相当于美国GDP的90%。", text="90%", measure="ratio", claim_type="level",
                 subject="全国", subject_key="全国")
    assert found(same, usa).differs == ""
