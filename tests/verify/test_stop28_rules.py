"""Stop 28's relations, each on sentences of our own: a 其中 list after the previous period's level
(上年为X。其中，…), a breakdown opening on the total's name (在X中，…), the previous year's level named
by its year (较2023年的A增加D), a rate's start-of-year value (年初为b%，比年初下降D), a rate compared
with the country's when its own is stated in the sentence before, and rates defined over two levels
(拨备覆盖率, 贷款拨备率, 保险深度)."""

from tests.verify.pipeline_text import checks_on, verdicts

CLAIMS = ("2025年，全市旅游总收入812.6亿元，上年为745.3亿元，同比增长9.0%。"
          "其中，国内旅游收入771.4亿元，入境旅游收入41.2亿元。")


def test_parts_listed_after_the_previous_periods_level():
    [c] = checks_on(CLAIMS, "812.6亿元", "sum")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 812.6)


def test_parts_in_the_next_sentence_only_agree():
    # a 其中 list may leave members out or overlap: a sum that does not add up is never an accusation
    text = CLAIMS.replace("入境旅游收入41.2亿元", "入境旅游收入61.2亿元")
    assert verdicts(text, "812.6亿元", "sum") == ["unverifiable"]


def test_a_breakdown_that_opens_on_the_totals_name():
    text = ("2025年，全县粮食作物播种面积86.4万亩，经济作物播种面积31.7万亩。"
            "在经济作物中，蔬菜播种面积18.2万亩；油料播种面积9.3万亩；中药材播种面积4.2万亩。")
    [c] = checks_on(text, "31.7万亩", "sum")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 31.7)
    # the opening names the second total, not the first
    assert verdicts(text, "86.4万亩", "sum") == []


def test_the_previous_years_level_named_by_its_year():
    text = "2025年，全省快递业务收入356.8亿元，同比增长11.2%，较2024年的320.9亿元增加35.9亿元。"
    [growth] = checks_on(text, "11.2%", "growth")
    assert (growth.verdict, round(growth.recomputed_value, 2)) == ("consistent", 11.19)
    assert verdicts(text, "35.9亿元", "difference") == ["consistent"]
    wrong = text.replace("增加35.9亿元", "增加53.9亿元")
    assert verdicts(wrong, "53.9亿元", "difference") == ["inconsistent"]


def test_a_year_that_is_not_the_previous_one_is_no_base_for_a_yoy_rate():
    text = "2025年，全省快递业务收入356.8亿元，同比增长11.2%，较2020年的210.5亿元增加146.3亿元。"
    assert verdicts(text, "11.2%", "growth") == ["unverifiable"]


def test_a_rate_against_its_value_at_the_start_of_the_year():
    text = "2025年末，全市小额贷款公司逾期贷款率2.36%，年初为2.81%，比年初下降0.45个百分点。"
    assert verdicts(text, "0.45个百分点", "difference") == ["consistent"]
    assert verdicts(text.replace("下降0.45个", "下降0.65个"), "0.65个百分点", "difference") == ["inconsistent"]


def test_a_rate_compared_with_the_countrys_own_stated_before():
    text = ("江西省2025年银行业运行情况\n\n2025年末，全省商业银行资本充足率为14.62%。"
            "同期全国商业银行资本充足率为15.38%，全省资本充足率低于全国平均水平0.76个百分点。")
    [c] = checks_on(text, "0.76个百分点", "difference")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 0.76)
    assert "14.62%" in c.explanation and "15.38%" in c.explanation
    assert verdicts(text.replace("0.76个", "0.96个"), "0.96个百分点", "difference") == ["inconsistent"]


def test_a_rate_compared_with_the_country_when_no_such_rate_of_its_own_is_stated():
    text = ("江西省2025年银行业运行情况\n\n2025年末，全省商业银行资本充足率为14.62%。"
            "全年新增贷款1286.4亿元，增速高于全国平均水平0.76个百分点。")
    assert all(c.verdict == "unverifiable" for c in checks_on(text, "0.76个百分点", "difference"))


def test_provisions_over_bad_loans_and_over_all_loans():
    text = ("2025年末，全市银行业不良贷款余额86.4亿元，各项贷款余额5240.8亿元。"
            "全市银行业贷款损失准备余额172.3亿元，拨备覆盖率199.4%，贷款拨备率3.29%。"
            "全年累计处置不良贷款41.6亿元。")
    [cover] = checks_on(text, "199.4%", "share")
    assert (cover.verdict, round(cover.recomputed_value, 1)) == ("consistent", 199.4)
    assert "86.4亿元" in cover.explanation   # the balance of bad loans, not the loans disposed of
    assert verdicts(text, "3.29%", "share") == ["consistent"]


def test_insurance_depth_over_the_gdp_of_its_own_place():
    text = ("2025年，全省原保险保费收入1480.6亿元。其中，省会城市保费收入612.3亿元。"
            "按全省地区生产总值36210.5亿元计算，保险深度为4.09%。")
    [c] = checks_on(text, "4.09%", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 4.09)
