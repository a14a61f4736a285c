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
