"""实际增长: a nominal growth deflated by the document's price change (rule_deflated_growth)."""

from tests.verify.pipeline_text import verdicts

TEXT = ("全年居民消费价格总水平比上年下降0.7%，商品零售价格总水平比上年下降2.5%。"
        "全年社会消费品零售总额423.05亿元，比上年增长6.8%，扣除物价下跌因素，实际增长9.5%。"
        "城市居民人均可支配收入19886元，人均消费性支出15436元，分别比上年增长4.2%和2.2%，扣除物价因素实际增长4.9%和2.9%。")


def test_retail_sales_are_deflated_by_retail_prices_and_incomes_by_consumer_prices():
    assert verdicts(TEXT, "9.5%", "real_growth") == ["consistent"]   # 1.068 / 0.975 − 1 = 9.54 %
    assert verdicts(TEXT, "4.9%", "real_growth") == ["consistent"]   # 1.042 / 0.993 − 1 = 4.93 %
    assert verdicts(TEXT, "2.9%", "real_growth") == ["consistent"]   # 1.022 / 0.993 − 1 = 2.92 %
    assert verdicts(TEXT.replace("实际增长9.5%", "实际增长7.5%"), "7.5%", "real_growth") == ["inconsistent"]


def test_no_price_change_stated_means_nothing_to_deflate_with():
    text = "全年社会消费品零售总额423.05亿元，比上年增长6.8%，扣除物价下跌因素，实际增长9.5%。"
    assert "consistent" not in verdicts(text, "9.5%")


def test_a_constant_price_gdp_sentence_does_not_make_a_deposits_growth_real():
    # levels at current prices and a growth at constant prices cannot be compared; but only GDP's
    # growth, or one its own sentence calls real, is at constant prices
    text = ("2030年全省地区生产总值按不变价格计算比上年增长4.8%。"
            "年末全省本外币各项存款余额8650.4亿元，比年初增加640.5亿元，同比增长{}。")
    assert verdicts(text.format("8.0%"), "8.0%", "growth") == ["consistent"]     # 8650.4 / 8009.9 − 1
    assert verdicts(text.format("9.0%"), "9.0%", "growth") == ["inconsistent"]


def test_a_change_since_the_year_start_gives_a_yearly_growth_only_at_the_year_end():
    half = "2030年6月末，全市本外币各项贷款余额1893.6亿元，比年初增加140.9亿元，同比增长10.8%。"
    assert "inconsistent" not in verdicts(half, "10.8%") and "consistent" not in verdicts(half, "10.8%")
    year_end = "2030年末，全市本外币各项贷款余额1893.6亿元，比年初增加140.9亿元，同比增长{}。"
    assert verdicts(year_end.format("8.0%"), "8.0%", "growth") == ["consistent"]
    assert verdicts(year_end.format("10.8%"), "10.8%", "growth") == ["inconsistent"]
    bare = "截至2030年9月底，全市参保人数135.68万人，比上年末增加2.86万人，增长{}。"
    assert verdicts(bare.format("2.2%"), "2.2%", "growth") == ["consistent"]


def test_the_next_sentence_opening_on_the_same_period_last_year_gives_the_bases():
    # 去年同期，…为A，同比增长g₁。: the level and the rate a year before, for this year's growth, its
    # change in points and the two-year average
    text = ("上半年，全市用电量415.86亿千瓦时，同比增长{}，增速比去年同期提高2.6个百分点，两年平均增长6.9%。"
            "去年同期，全市用电量为384.34亿千瓦时，同比增长5.6%。")
    assert verdicts(text.format("8.2%"), "8.2%", "growth") == ["consistent"]       # 415.86 / 384.34 − 1
    assert verdicts(text.format("9.2%"), "9.2%", "growth") == ["inconsistent"]
    assert verdicts(text.format("8.2%"), "2.6个百分点", "difference") == ["consistent"]
    assert verdicts(text.format("8.2%"), "6.9%") == ["consistent"]               # √(1.082 × 1.056) − 1
