"""False alarms a reader found on real-looking releases, reproduced on texts of our own: each
shape is left unjudged (or judged right), never called inconsistent."""

from tests.verify.pipeline_text import checks_on, verdicts

BUDGET = ("东岚市2023年国民经济和社会发展统计公报\n\n"
          "全年一般公共预算收入512.3亿元，比上年下降3.1%，扣除留抵退税因素后增长4.2%。"
          "全年居民消费价格比上年上涨1.8%。\n\n"
          "全年全市居民人均可支配收入41250元，比上年增长6.8%，扣除价格因素实际增长4.9%。\n")


def test_growth_net_of_a_tax_rebate_is_not_a_real_growth():
    """扣除留抵退税因素后: the same money in another scope, not deflated by prices."""
    assert all(c.kind != "real_growth" for c in checks_on(BUDGET, "4.2%"))
    assert "inconsistent" not in verdicts(BUDGET, "4.2%")


def test_growth_net_of_prices_is_still_deflated_by_the_price_change():
    # (1 + 6.8%) / (1 + 1.8%) − 1 = 4.91 %
    assert verdicts(BUDGET, "4.9%", "real_growth") == ["consistent"]


TRADE = ("1—9月，全市货物进出口总值3120.5亿元，比上年同期增长3.1%。其中，出口2101.2亿元，增长5.0%；"
         "进口1019.3亿元，下降0.4%。\n\n"
         "从主要市场看，对东盟进出口520.1亿元，对欧盟进出口410.2亿元，对日本进出口300.4亿元。\n")


def test_a_selection_in_the_next_paragraph_is_not_the_last_totals_parts():
    """从主要市场看 opens a new paragraph and lists some markets: no sum of them is any total."""
    assert [c for c in checks_on(TRADE, "1019.3亿元") if c.kind == "sum"] == []
    assert [c for c in checks_on(TRADE, "3120.5亿元") if c.kind == "sum" and len(c.inputs) > 2] == []


def test_exports_and_imports_still_add_up_to_the_total():
    assert verdicts(TRADE, "3120.5亿元", "sum") == ["consistent"]

