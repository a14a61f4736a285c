"""Identity fields a reader found wrong on real-looking releases, on texts of our own
(kb.figures.identity): a target named after its figure, the months of a paragraph with a
其中 sentence of part-year rates."""

from tests.verify.pipeline_text import process

COUNTY = ("白沙县2024年前三季度经济运行简析\n\n"
          "前三季度，全县地区生产总值156.2亿元，同比增长6.1%。年初确定的全年地区生产总值增长6.5%的预期目标"
          "完成难度较大。力争全年规上工业增加值增长9%以上。\n")

BULLETIN = ("白沙市2024年国民经济和社会发展统计公报\n\n"
            "全年全市地区生产总值3120.4亿元，比上年增长5.3%。其中，上半年增长4.9%，前三季度增长5.1%。"
            "分产业看，第一产业增加值312.5亿元，增长3.6%。\n")


def _by_value(text):
    _, facts, _ = process(text)
    return {f.value: f for f in facts}


def test_a_figure_its_clause_then_calls_a_target_is_one():
    facts = _by_value(COUNTY)
    assert facts[6.5].status == "target"
    assert facts[9].status == "target"          # 力争…: the cue before it
    assert facts[6.1].status == "actual"


def test_part_year_rates_after_其中_do_not_date_the_next_sentence():
    facts = _by_value(BULLETIN)
    assert (facts[4.9].period_start_month, facts[4.9].period_end_month) == ("2024-01", "2024-06")
    assert (facts[312.5].period_start_month, facts[312.5].period_end_month) == ("2024-01", "2024-12")
    assert (facts[3.6].period_start_month, facts[3.6].period_end_month) == ("2024-01", "2024-12")


def test_last_years_rate_in_brackets_is_last_years_growth():
    """两年平均增长6.9%（上年同期增长4.8%）: 4.8% is the same months' growth a year before."""
    text = ("白沙市2024年上半年经济运行情况\n\n上半年，全市规模以上工业增加值同比增长8.1%，"
            "两年平均增长6.9%（上年同期增长4.8%）。\n")
    facts = _by_value(text)
    assert (facts[6.9].measure, facts[6.9].year) == ("avg_growth_2y", 2024)
    assert (facts[4.8].measure, facts[4.8].year) == ("yoy_growth", 2023)
    assert facts[4.8].period_end_month == "2023-06"


def test_a_bare_figure_in_brackets_keeps_the_words_before_them():
    text = ("白沙市数字经济报告\n\n2024年，全市数字经济规模年均增长12.4%，高于同期全国数字经济规模"
            "年均复合增长率（9.8%）。\n")
    assert _by_value(text)[9.8].measure == "cagr"


def test_a_partner_place_stays_in_a_flows_indicator():
    """对东盟进出口5200亿元 is trade with ASEAN, not the province's total trade."""
    text = ("浙江省2023年1—10月对外贸易情况\n\n据海关统计，1—10月，全省货物贸易进出口总值4.07万亿元，比上年同期增长4.0%。"
            "\n\n从主要市场看，对东盟进出口5200亿元，增长8.9%；自日本进口900亿元，下降3.1%。\n")
    facts = _by_value(text)
    assert (facts[5200].subject, facts[5200].indicator) == ("浙江", "对东盟进出口")
    assert facts[900].indicator == "自日本进口"
    assert facts[5200].indicator_key != facts[4.07].indicator_key


def test_a_compared_places_bracketed_rate_and_the_point_gaps_after_it():
    """…同比增长5.8%，比上半年加快0.3个百分点，高于全国（4.8%）1.0个百分点: 4.8% is the nation's growth
    of the same indicator; both point figures are of GDP growth (加快 is no indicator)."""
    text = ("安徽省2024年1—9月国民经济运行情况\n\n前三季度，全省地区生产总值37100.5亿元，按不变价格计算，"
            "同比增长5.8%，比上半年加快0.3个百分点，高于全国（4.8%）1.0个百分点。\n")
    _, facts, checks = process(text)
    by_value = {f.value: f for f in facts}
    assert (by_value[4.8].subject, by_value[4.8].indicator_key, by_value[4.8].measure) == ("全国", "GDP", "yoy_growth")
    assert by_value[0.3].indicator_key == by_value[1.0].indicator_key == "GDP"
    gap = [c for c in checks if c.stated_fact_id == by_value[1.0].fact_id]
    assert [c.verdict for c in gap] == ["consistent"]   # 5.8 − 4.8


def test_a_day_without_a_year_is_no_indicator():
    """截至4月28日，…。广东以32916.8亿元居首: 4月28日 is when, not what."""
    text = ("一季度GDP成绩单出炉\n\n截至4月28日，31个省份2024年一季度GDP数据已全部公布。"
            "广东以32916.8亿元居首，同比增长4.4%。\n")
    assert "4月28日" not in _by_value(text)[32916.8].indicator


def test_the_day_news_broke_does_not_date_the_figures_months():
    """证券时报记者 王磊  2025年3月28日 / 3月27日晚间，…发布2024年年度报告: the report's figures are the year's."""
    text = ("# 皖能新材2024年营收156.78亿元\n\n证券时报记者 王磊  2025年3月28日\n\n"
            "3月27日晚间，皖能新材料股份有限公司发布2024年年度报告。报告期内，公司实现营业收入156.78亿元，同比增长12.4%。\n")
    _, facts, _ = process(text, "news.md")
    growth = next(f for f in facts if f.value == 12.4)
    assert (growth.period_start_month, growth.period_end_month) == ("2024-01", "2024-12")


def test_a_partner_named_before_its_flow_is_still_no_subject():
    """美国为第二大贸易伙伴，对美国进出口1567.8亿元: the trade is the city's with the partner."""
    text = ("2024年前三季度宁波市对外贸易情况\n\n前三季度，宁波市对欧盟进出口1823.4亿元，增长5.2%；"
            "美国为第二大贸易伙伴，对美国进出口1567.8亿元，增长4.1%。\n")
    facts = _by_value(text)
    assert (facts[1567.8].subject, facts[1567.8].indicator) == ("宁波", "对美国进出口")


def test_a_crop_named_before_its_yield_is_its_indicator():
    """jieba tags 玉米 and 夏粮 as names; a phrase with a measure noun (单产) still names what is measured."""
    text = ("白沙县2023年粮食生产情况\n\n全县粮食作物单位面积产量412.6公斤/亩。其中，夏粮单产398.2公斤/亩，"
            "秋粮单产417.9公斤/亩。分品种看，小麦单产401.5公斤/亩，玉米单产472.6公斤/亩。\n")
    facts = _by_value(text)
    assert [facts[v].indicator for v in (398.2, 417.9, 401.5, 472.6)] == ["夏粮单产", "秋粮单产", "小麦单产", "玉米单产"]


def test_nominal_then_real_growth_in_one_sentence():
    text = ("白沙市2024年前三季度居民收入情况\n\n前三季度，全市居民人均可支配收入38652元，名义增长5.6%，"
            "扣除价格因素实际增长5.1%。\n")
    facts = _by_value(text)
    assert (facts[5.6].basis, facts[5.1].basis) == ("nominal", "real")


def test_a_budget_is_a_plan_and_the_revenue_collected_is_actual():
    text = ("白沙县2023年预算执行情况\n\n全县一般公共预算收入42.1亿元，为年初预算41.2亿元的102.2%，"
            "比上年的38.7亿元增长8.8%。\n")
    facts = _by_value(text)
    assert [facts[v].status for v in (42.1, 41.2, 102.2, 38.7)] == ["actual", "target", "actual", "actual"]


def test_a_two_character_measure_noun_after_实现_names_the_figure():
    text = ("白沙市2024年工业运行情况\n\n全年工业企业实现营业收入1938.2亿元，比上年增长11.9%；实现利润135.1亿元，"
            "下降3.0%。\n")
    facts = _by_value(text)
    assert [facts[v].indicator for v in (1938.2, 135.1, 3.0)] == ["营业收入", "利润", "利润"]


def test_a_headings_rate_is_read_in_its_own_clause_and_the_month_on_month_view_carries():
    text = ("白沙市2024年5月居民消费价格情况\n\n一、居民消费价格同比上涨0.4%，环比下降0.1%\n\n"
            "5月份，全市居民消费价格同比上涨0.4%。从环比看，食品价格下降0.9%，非食品价格上涨0.3%。\n")
    _, facts, _ = process(text)
    heading = [f for f in facts if f.char_start < text.index("5月份，")]
    assert [(f.value, f.measure) for f in heading] == [(0.4, "yoy_growth"), (0.1, "growth_vs_base")]
    assert [f.measure for f in facts if f.value in (0.9, 0.3)] == ["growth_vs_base", "growth_vs_base"]


def test_a_scope_opening_the_clause_is_the_figures_even_before_a_long_name():
    text = ("白沙市2023年科技经费投入统计公报\n\n全市研究与试验发展经费投入强度为1.93%。"
            "规模以上工业企业R&D经费投入强度（与营业收入之比）为1.21%，比上年提高0.07个百分点。\n")
    facts = _by_value(text)
    assert (facts[1.93].scope, facts[1.21].scope) == ("", "规模以上")


def test_a_places_rate_of_last_years_quarter_is_last_years():
    text = ("2024年一季度五城GDP比较\n\n一季度，白沙市地区生产总值5520.2亿元，同比增长6.2%。"
            "白沙上年一季度增长4.4%，两年平均增长5.3%。白沙比上年增长6.2%。\n")
    _, facts, _ = process(text)
    dated = [(f.value, f.period_start_month) for f in facts if f.value in (4.4, 5.3)]
    assert dated == [(4.4, "2023-01"), (5.3, "2024-01")]
