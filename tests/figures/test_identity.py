"""A figure's identity fields, from sentences of our own."""

from __future__ import annotations

import pytest

from kb.figures.identity import (DocumentNotes, basis, indicator_key, measure, month_range, months,
                                 share_parts, status, subject_key)


@pytest.mark.parametrize("subject, key", [
    ("我国", "全国"), ("中国", "全国"), ("国内", "全国"), ("广东省", "广东"), ("深圳市", "深圳"),
    ("广东、广西、海南", "广东、广西、海南"), ("某某科技股份有限公司", "某某科技股份有限公司"), ("", ""),
])
def test_subject_key(subject, key):
    assert subject_key(subject) == key


@pytest.mark.parametrize("indicator, key, scope", [
    ("全省生产总值", "GDP", ""),
    ("湖南省地区生产总值", "GDP", ""),
    ("2023年一季度GDP", "GDP", ""),
    ("GDP增速", "GDP", ""),
    ("规模以上工业增加值", "工业增加值", "规模以上"),
    ("规上工业增加值", "工业增加值", "规模以上"),
    ("城镇居民人均可支配收入", "人均可支配收入", "城镇"),
    ("社会消费品零售额", "社会消费品零售总额", ""),
    ("数字经济规模", "数字经济规模", ""),  # a partial match keeps its own wording
    ("出口交货值", "出口交货值", ""),
    ("城镇化率", "城镇化率", ""),  # a scope word that opens a known indicator is part of it
    ("常住人口城镇化率", "城镇化率", ""),
    ("人民币存款余额", "存款余额", "人民币"),   # a currency is a scope of a balance
    ("本外币各项贷款余额", "贷款余额", "本外币"),
    # a product after the trade verb is the product's exports
    ("出口机电产品", "机电产品出口", ""),
    ("机电产品出口", "机电产品出口", ""),
    ("进口原油", "原油进口", ""),
    ("出口总值", "出口总额", ""),
])
def test_indicator_key_and_scope(indicator, key, scope):
    assert indicator_key(indicator) == (key, scope)


def test_share_parts():
    assert share_parts("第三产业增加值占GDP比重") == ("第三产业增加值", "GDP")
    assert share_parts("进出口总额") == ("进出口总额", "")


@pytest.mark.parametrize("claim_type, before, expected", [
    ("growth_rate", "全市生产总值比上年增长", "yoy_growth"),
    ("growth_rate", "营业收入同比增长", "yoy_growth"),
    ("growth_rate", "比2019年同期增长", "growth_vs_base"),
    ("growth_rate", "环比增长", "growth_vs_base"),          # against the month before, not a year
    ("growth_rate", "比上月下降", "growth_vs_base"),
    ("growth_rate", "两年平均增长", "avg_growth_2y"),
    ("growth_rate", "五年来年均增长", "cagr"),
    ("cagr", "", "cagr"),
    ("multiple", "出口额是进口额的", "multiple"),
    ("multiple", "新能源汽车产量增长", "yoy_growth"),
    ("share", "占全国比重", "share"),
    ("change", "比上年增加", "difference"),
    ("rank", "居全国第", "rank"),
    ("level", "全年实现", "level"),
])
def test_measure(claim_type, before, expected):
    assert measure(claim_type, "%", before) == expected


def test_per_capita_level():
    assert measure("level", "CNY", "达到", "人均地区生产总值") == "per_capita"


def test_an_amount_added_each_year_is_a_difference():
    """数字经济影响的非农就业的年均增长为1532万人: a count added each year, not a level."""
    assert measure("count", "person", "非农就业的年均增长为", "非农就业") == "difference"
    assert measure("count", "person", "非农就业为", "非农就业") == "level"
    # a count of members after a rate's name (…研发强度较高，9家公司中) is a level, not that rate
    assert measure("count", "enterprise", "9家", "研发强度") == "level"
    assert measure("level", "%", "达到", "研发强度") == "ratio"


@pytest.mark.parametrize("claim_type, unit, before, indicator, expected", [
    ("change", "CNY", "各项贷款同比多增", "各项贷款", "difference"),
    ("level", "CNY", "中长期贷款多增", "中长期贷款", "difference"),
    ("level", "CNY", "比年初新增存款", "存款", "difference"),
    ("level", "CNY", "营业收入同比增加", "营业收入", "difference"),
    ("level", "CNY", "全年新增存款", "存款", "level"),
])
def test_an_increment_compared_with_another_period_is_a_difference(claim_type, unit, before, indicator, expected):
    """多增 is more than the last period's increase; 比年初新增存款 a change since the start of the year."""
    assert measure(claim_type, unit, before, indicator) == expected


@pytest.mark.parametrize("before, indicator, expected", [
    ("城镇化率提高到2018年的", "城镇化率", "share"),
    ("失业率下降为2020年末的", "失业率", "share"),
    ("研发强度提高到", "研发强度", "ratio"),
])
def test_a_value_reached_in_a_named_year_is_the_indicator_level(before, indicator, expected):
    """提高到2018年的43.37%: the new value of the rate, not a growth since 2018."""
    assert measure("growth_rate", "%", before, indicator) == expected


def test_basis_from_the_clause_and_from_the_notes():
    plain = DocumentNotes("全年实现地区生产总值1000亿元。")
    noted = DocumentNotes("注：绝对数按现行价格计算，增长速度按可比价格计算。")
    assert basis("按可比价格计算，比上年增长", "yoy_growth", plain) == "real"
    assert basis("名义增长", "yoy_growth", plain) == "nominal"
    assert basis("比上年增长", "yoy_growth", plain) == ""
    # the figure's own clause decides before the sentence's earlier clauses
    assert basis("扣除价格因素实际增长", "yoy_growth", plain, lead="全市居民人均可支配收入38652元，名义增长5.6%，") == "real"
    assert basis("增长", "yoy_growth", plain, lead="按可比价格计算，") == "real"
    assert basis("比上年增长", "yoy_growth", noted) == "real"
    assert basis("全年实现", "level", noted) == "nominal"


@pytest.mark.parametrize("lead, before, year, expected", [
    ("", "全年地区生产总值增长", 2025, "actual"),
    ("今年经济社会发展的主要预期目标是：", "地区生产总值增长", 2026, "target"),
    ("", "力争研发投入强度达到", 2026, "target"),
    ("", "预计2027年GDP增速为", 2027, "forecast"),
    ("", "预计2025年GDP增速为", 2025, "estimate"),
    ("", "到2030年人口将达", 2030, "forecast"),
    # a growth or level set out (提出) is a target; a number of things put forward is not
    ("从各市工作报告看，", "甲市提出2026年地区生产总值增长", 2026, "target"),
    ("", "乙县提出研发投入强度达到", 2026, "target"),
    ("", "全年共提出建议", 2025, "actual"),
])
def test_status(lead, before, year, expected):
    assert status(lead, before, year, 2026, DocumentNotes("")) == expected


def test_a_level_its_own_clause_names_a_budget_is_a_plan():
    from kb.figures.identity import planned_level
    assert planned_level("level", "全县一般公共预算收入42.1亿元，为年初预算")
    assert planned_level("level", "全县一般公共预算支出安排")
    assert not planned_level("level", "全县一般公共预算收入")          # the revenue collected
    assert not planned_level("ratio", "为年初预算42.1亿元的")           # the share of the budget met is actual


def test_a_cue_before_a_stop_does_not_govern_the_figure():
    notes = DocumentNotes("")
    assert status("甲国将其视为战略规划。据报告显示，", "2016年规模达到", 2016, None, notes) == "actual"
    assert status("今年主要预期目标是：", "地区生产总值增长", 2026, 2026, notes) == "target"


def test_preliminary_note():
    notes = DocumentNotes("①本公报中所列各项统计数据均为初步统计数。")
    assert status("", "全年完成", 2025, 2026, notes) == "preliminary"


@pytest.mark.parametrize("words, expected", [
    ("一季度", (1, 3)), ("前三季度", (1, 9)), ("三季度", (7, 9)), ("上半年", (1, 6)),
    ("1—7月", (1, 7)), ("1-11月份", (1, 11)), ("头9个月", (1, 9)), ("前两个月", (1, 2)),
    ("9月末", (9, 9)), ("年末", (12, 12)), ("全年", (1, 12)), ("", (1, 12)), ("1一11月", (1, 11)),
    # a table of a November report: its 上年同期累计 column runs from January
    ("2024年11月汽车产销主要指标｜汽车产量｜上年同期累计", (1, 11)), ("2024年11月汽车产销主要指标｜汽车产量｜上年同月", (11, 11)),
])
def test_month_range(words, expected):
    assert month_range(words) == expected


def test_months():
    assert months(2021, None, None, "一季度") == ("2021-01", "2021-03")
    assert months(None, 2014, 2022, "") == ("2014-01", "2022-12")
    assert months(None, None, None, "") == (None, None)


def test_the_issue_day_of_a_title_is_no_period_of_its_figures():
    from kb.figures.identity import identify_facts
    from kb.models import Document, Fact, Sentence

    text = "全市生产总值500亿元。"
    doc = Document(doc_id="d", doc_path="d.txt", text=text,
                   title="关于2011年临川市国民经济和社会发展的统计公报（2012年3月20日）")
    fact = Fact(fact_id="f1", doc_id="d", char_start=6, char_end=11, quote=text, value=500, value_text="500",
                unit="亿元", scale=1e8, value_normalized=5e10, unit_normalized="CNY", claim_type="level",
                year=2011)
    sentence = Sentence(sentence_id="s", doc_id="d", passage_id="", ordinal=0, start=0, end=len(text), text=text)
    [identified] = identify_facts(doc, [sentence], [], [fact])
    assert (identified.period_start_month, identified.period_end_month) == ("2011-01", "2011-12")


def test_a_dateline_is_no_period_of_the_figures_after_it():
    from kb.figures.identity import identify_facts
    from kb.models import Document, Fact, Sentence

    text = "新华社南宁3月8日电 记者获悉，2024年全区货物贸易进出口总值7050.3亿元。"
    start = text.index("7050.3")
    doc = Document(doc_id="d", doc_path="d.txt", text=text, title="全区经济运行稳中有进")
    fact = Fact(fact_id="f1", doc_id="d", char_start=start, char_end=start + 8, quote=text, value=7050.3,
                value_text="7050.3", unit="亿元", scale=1e8, value_normalized=7050.3e8, unit_normalized="CNY",
                claim_type="level", year=2024)
    sentence = Sentence(sentence_id="s", doc_id="d", passage_id="", ordinal=0, start=0, end=len(text), text=text)
    [identified] = identify_facts(doc, [sentence], [], [fact])
    assert (identified.period_start_month, identified.period_end_month) == ("2024-01", "2024-12")


def test_a_forecast_report_forecasts_the_year_its_title_names():
    from kb.figures.identity import forecast_year

    assert forecast_year("2017年中国经济核心指标预测") == 2017
    assert forecast_year("2023年统计公报") is None
    notes = DocumentNotes("")
    assert status("", "贸易顺差约为", 2017, None, notes, forecast_from=2017) == "forecast"
    assert status("", "全年进出口总额", 2016, None, notes, forecast_from=2017) == "actual"


def test_a_growth_restated_as_real_is_nominal():
    notes = DocumentNotes("增长速度按可比价格计算。")
    assert basis("比上年增长", "yoy_growth", notes, "，扣除物价下跌因素，实际增长9.5%。") == "nominal"
    assert basis("比上年增长", "yoy_growth", notes, "。") == "real"


def test_a_figure_at_the_prices_of_a_base_year_is_real():
    notes = DocumentNotes("")
    assert basis("全年实现工业总产值（1990年价）", "level", notes) == "real"
    assert basis("居民消费价格指数（2020年价格）", "level", notes) == ""


def test_a_scope_word_inside_a_known_indicator_is_no_scope():
    from kb.figures.identity import identify_facts
    from kb.models import Document, Fact, Sentence

    text = "2019年全国常住人口城镇化率首次突破60%。"
    start = text.index("60%")
    doc = Document(doc_id="d", doc_path="d.txt", text=text)
    fact = Fact(fact_id="f1", doc_id="d", char_start=start, char_end=start + 3, quote=text, value=60, value_text="60",
                unit="%", value_normalized=60, unit_normalized="%", claim_type="share", year=2019,
                indicator="常住人口城镇化率")
    sentence = Sentence(sentence_id="s", doc_id="d", passage_id="", ordinal=0, start=0, end=len(text), text=text)
    [identified] = identify_facts(doc, [sentence], [], [fact])
    assert (identified.indicator_key, identified.scope) == ("城镇化率", "")


@pytest.mark.parametrize("claim_type, before, indicator, expected", [
    ("level", "全年居民消费价格（CPI）约为", "CPI", "yoy_growth"),          # CPI为2.1%: prices rose 2.1 %
    ("level", "出口增长率由12%下降到", "出口增长率", "yoy_growth"),          # a growth rate's new value
    ("level", "人口自然增长率为", "人口自然增长率", "share"),                # births less deaths per thousand, a share like them
    ("growth_rate", "全年净出口增长为", "净出口", "yoy_growth"),            # 增长为: the growth was
    ("level", "数字经济就业是全国总体就业人数的", "数字经济就业", "share"),   # of a total its clause names
    ("share", "占数字经济拉动非农就业总人数的", "青年非农就业", "share"),      # 拉动 inside the whole's name
    ("level", "浙江地区生产总值约为广东的", "地区生产总值", "ratio"),      # a percentage of another place's
    ("share", "数字经济占比为全国的", "数字经济", "share"),                # 占比为…的 stays a share
    ("share", "消费对经济增长的贡献率为", "消费贡献率", "ratio"),
    # a share its own clause names, after a growth its indicator was carried from
    ("share", "6个城市GDP增速超过9.1%的全省平均水平，占比超过", "GDP增速", "share"),
    ("growth_rate", "6个城市GDP增速超过", "GDP增速", "yoy_growth"),
])
def test_the_measure_of_a_rate_follows_what_it_is_a_rate_of(claim_type, before, indicator, expected):
    assert measure(claim_type, "%", before, indicator) == expected


def test_the_market_before_an_indicator_names_where_not_what():
    from kb.figures.identity import indicator_key
    assert indicator_key("A股研发投入强度")[0] == indicator_key("研发投入强度")[0]


def test_a_measure_word_after_的_leaves_the_indicator_without_it():
    assert indicator_key("M2的增长率")[0] == "M2"
    assert indicator_key("货币供应量M2")[0] == "M2"


def test_a_past_years_figure_is_a_target_only_where_its_own_clause_says_so():
    notes = DocumentNotes("")
    assert status("今年经济增长预期目标是7.5%，", "低于去年", 1998, 1999, notes) == "actual"
    assert status("", "去年预期目标是", 1998, 1999, notes) == "target"
    assert status("今年预期目标是7.5%，", "M2增长", 1999, 1999, notes) == "target"


def test_a_percentage_of_a_named_base_is_a_ratio():
    assert measure("level", "%", "人均GDP相当于世界平均水平的", "人均GDP") == "ratio"
    assert measure("level", "%", "中国GDP总量相当于美国GDP总量的约", "国内生产总值") == "ratio"
    assert measure("level", "CNY", "相当于美国的", "国内生产总值") == "level"


def test_the_next_items_of_a_share_or_ratio_list_keep_its_measure():
    """占全球的31%，美国为18%，印度为9% / 相当于美国的17%，日本的30%: the list goes on."""
    share_lead = "2022年全国大豆消费量占全球的31%，"
    assert measure("level", "%", "美国为", "大豆消费量", lead=share_lead) == "share"
    assert measure("level", "%", "印度为", "大豆消费量", lead=share_lead + "美国为18%，") == "share"
    assert measure("level", "%", "日本的", "人均GDP", lead="全国人均GDP相当于美国的17%，") == "ratio"
    # an amount, or a clause of its own after the list, is not read on
    assert measure("level", "CNY", "美国为", "大豆进口额", lead=share_lead) == "level"
    assert measure("growth_rate", "%", "比上年增长", "大豆进口额", lead=share_lead) == "yoy_growth"


def test_the_next_figures_of_a_list_reached_are_levels_too():
    assert measure("growth_rate", "%", "分别从2012年的35.33%、52.57%提高到2018年的43.37%、", "户籍人口城镇化率") \
        == "share"
    assert measure("growth_rate", "%", "也相当于美国人均水平的", "人均GDP增长率") == "ratio"


def test_a_figure_a_text_says_should_be_set_is_a_target():
    assert status("", "明年M2的增长率应定为", 2000, 1999, DocumentNotes("")) == "target"
    assert status("", "今年M2的增长率应定为", 1999, 1999, DocumentNotes("")) == "target"


def test_the_economys_growth_is_gdps_and_other_economies_keep_their_names():
    """全国经济增长5.2% / 经济增速: GDP; 数字经济, 全球经济, 海洋经济 are indicators of their own."""
    assert indicator_key("经济")[0] == indicator_key("经济增速")[0] == "GDP"
    assert [indicator_key(s)[0] for s in ("数字经济", "全球经济", "海洋经济")] == ["数字经济", "全球经济", "海洋经济"]
    assert indicator_key("民营经济") == ("GDP", "民营")   # a subset, never compared with the total


def test_a_balance_keeps_its_whole_name():
    """住户存款余额: 余额 is the indicator's own word, not 余 + the measure word 额."""
    assert indicator_key("住户存款余额")[0] == "住户存款余额"
    assert indicator_key("金融机构本外币各项贷款余额增速")[0] == "金融机构本外币各项贷款余额"
    assert indicator_key("营业额")[0] == "营业"


def test_an_items_total_output_is_keyed_as_its_output():
    # 夏粮总产量1725.6万吨 answers a claim on 夏粮产量; the bare 总产量 keeps its word
    assert [indicator_key(x)[0] for x in ("夏粮总产量", "夏粮产量", "稻谷总产量", "总产量")] == \
        ["夏粮产量", "夏粮产量", "稻谷产量", "总产量"]


def test_life_expectancy_is_no_target_for_its_word_yuqi():
    # 人均预期寿命 holds 预期 (a target cue); 力争…达到 still makes a plan
    assert status("2030年，全市居民人均预期寿命达到", "全市居民人均预期寿命达到", 2030, 2030, DocumentNotes("")) == "actual"
    assert status("力争2031年人均预期寿命达到", "力争2031年人均预期寿命达到", 2031, 2030, DocumentNotes("")) == "target"


def year_months(text: str, surface: str, indicator: str, claim_type: str, unit: str, unit_normalized: str,
                year: int = 2024) -> tuple:
    """(period_start_month, period_end_month) the identity pass gives the figure ``surface`` of ``text``."""
    from kb.figures.identity import identify_facts
    from kb.models import Document, Fact, Sentence

    start = text.index(surface)
    value = float(surface)
    doc = Document(doc_id="d", doc_path="d.txt", text=text, title="某市国民经济和社会发展统计公报")
    fact = Fact(fact_id="f1", doc_id="d", char_start=start, char_end=start + len(surface), quote=text,
                value=value, value_text=surface, unit=unit, scale=1.0, value_normalized=value,
                unit_normalized=unit_normalized, claim_type=claim_type, indicator=indicator, year=year)
    sentence = Sentence(sentence_id="s", doc_id="d", passage_id="", ordinal=0, start=0, end=len(text), text=text)
    [identified] = identify_facts(doc, [sentence], [], [fact])
    return identified.period_start_month, identified.period_end_month


@pytest.mark.parametrize("text, surface, indicator, claim_type, unit, unit_normalized, expected", [
    # a stock stated for a year is counted at the year's end
    ("2024年，全市移动电话用户72.35万户。", "72.35", "移动电话用户", "count", "万户", "household", ("2024-12", "2024-12")),
    ("2024年全市常住人口215.3万人，比上年增加3.2万人。", "3.2", "常住人口", "change", "万人", "person",
     ("2024-12", "2024-12")),
    ("2024年公司资产总额89.35亿元。", "89.35", "资产总额", "level", "亿元", "CNY", ("2024-12", "2024-12")),
    # a flow of it, a share of it and the stock at the year's start are not
    ("2024年，全市新增移动电话用户5.2万户。", "5.2", "新增移动电话用户", "count", "万户", "household",
     ("2024-01", "2024-12")),
    ("2024年公司资产总额占全行业的54.9%。", "54.9", "资产总额", "share", "%", "%", ("2024-01", "2024-12")),
    ("2024年年初常住人口为212.1万人。", "212.1", "常住人口", "count", "万人", "person", ("2024-01", "2024-12")),
    # a flow stays the year's
    ("2024年全市营业收入12.5亿元。", "12.5", "营业收入", "level", "亿元", "CNY", ("2024-01", "2024-12")),
    # 截至 a day: that day's month (the day is not the day the news broke)
    ("截至2025年3月31日，公司总股本7.26亿股。", "7.26", "公司总股本", "count", "亿股", "count", ("2025-03", "2025-03")),
])
def test_a_stock_is_counted_at_its_periods_end(text, surface, indicator, claim_type, unit, unit_normalized, expected):
    year = 2025 if "2025" in text else 2024
    assert year_months(text, surface, indicator, claim_type, unit, unit_normalized, year) == expected
