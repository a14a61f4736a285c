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



def test_a_share_naming_its_part_takes_that_level_not_the_last_one():
    """其中出口…、进口…，出口占进出口总额的比重: 出口 over the total, not 进口 over 出口."""
    text = "2023年全市进出口总额3280亿元，其中出口2150亿元、进口1130亿元，出口占进出口总额的比重为65.5%。"
    assert verdicts(text, "65.5%", "share") == ["consistent"]   # 2150 / 3280 = 65.55 %


PAPER = """# 江西省数字经济规模研究

表1  2016—2023年江西省数字经济规模

| 指标 | 2016 | 2017 | 2018 | 2019 | 2020 | 2021 | 2022 | 2023 |
|---|---|---|---|---|---|---|---|---|
| 江西数字经济规模（亿元） | 2100 | 2480 | 2890 | 3350 | 3720 | 4300 | 4780 | 5210 |
| 江西数字经济规模增速（%） | — | 18.1 | 16.5 | 15.9 | 11.0 | 15.6 | 11.2 | 9.0 |

分阶段看，2016—2020年江西数字经济规模年均增长15.4%，2020—2023年年均增长11.9%，主要受2020年（增速11.0%）和2023年（增速9.0%）外部冲击影响。

2023年江西数字经济规模是2016年的2.5倍。其中，数字经济核心产业增加值由820亿元增加到1530亿元，年均复合增长率达9.3%。
"""


def test_one_years_rate_is_not_recomputed_over_the_sentences_period():
    """2020年（增速11.0%） is one year's growth, not 2016—2020's (3720 / 2100 − 1 = 77 %)."""
    for surface in ("11.0%）", "9.0%）"):
        assert "inconsistent" not in verdicts(PAPER, surface)


def test_a_periods_average_rate_is_still_recomputed_from_the_table():
    # (3720 / 2100)^(1/4) − 1 = 15.37 %
    assert verdicts(PAPER, "15.4%") == ["consistent"]


def test_an_average_rate_between_undated_levels_is_not_judged_over_one_year():
    """由820亿元增加到1530亿元，年均复合增长率达9.3%: the years are not named, so not 1 year (86.6 %)."""
    assert "inconsistent" not in verdicts(PAPER, "9.3%")


def test_a_gap_between_two_named_places_is_not_the_last_two_levels():
    """深圳为A，广州为B，成都与广州的差距为X: X is not A − B."""
    text = ("2023年深圳地区生产总值为34606.4亿元，广州为30355.7亿元，成都与广州的差距为8281.0亿元。")
    assert "inconsistent" not in verdicts(text, "8281.0亿元")
    # the two levels of the places it names, right before it, are still its terms
    assert verdicts("2023年广州地区生产总值为30355.7亿元，深圳为34606.4亿元，深圳与广州的差距为4250.7亿元。",
                    "4250.7亿元", "difference") == ["consistent"]


def test_a_dividend_is_not_a_share_of_the_share_count():
    """总股本12.40亿股…合计派发现金红利3.72亿元，占归母净利润的25.0%: 亿股 is no amount of money."""
    text = ("2024年，公司实现归属于上市公司股东的净利润14.88亿元。公司拟以总股本12.40亿股为基数，"
            "合计派发现金红利3.72亿元，占2024年归母净利润的25.0%。")
    assert "inconsistent" not in verdicts(text, "25.0%")


def test_a_share_of_loans_is_not_judged_when_the_document_states_two_scopes_of_them():
    """各项贷款 names no currency; the release states 本外币 and 人民币 loans: which is the whole is unsure."""
    text = ("2024年12月江西省金融运行情况\n\n12月末，全省本外币各项贷款余额6.02万亿元，同比增长8.4%。"
            "人民币各项贷款余额5.95万亿元，同比增长8.6%。\n\n"
            "绿色贷款余额7420亿元，同比增长22.1%，占各项贷款的比重为12.3%。\n")
    assert "inconsistent" not in verdicts(text, "12.3%")


def test_a_ratio_reached_and_a_value_reached_are_not_growths():
    """扩大到2015年的2.9倍 is a ratio (744.1 / 255.3 = 2.91); 由2.36%提高到3.37% is a value reached."""
    text = ("2015年成都市R&D经费支出255.3亿元，2023年达到744.1亿元，总量规模扩大到2015年的2.9倍；"
            "投入强度由2.36%提高到3.37%。")
    assert "inconsistent" not in verdicts(text, "2.9倍")
    assert "inconsistent" not in verdicts(text, "3.37%")


def test_the_base_in_brackets_after_比去年同期_is_the_earlier_level():
    text = "前三季度，广东省外贸进出口总值67800亿元，比去年同期（61000亿元）增长11.1%。"
    assert verdicts(text, "11.1%", "growth") == ["consistent"]   # 67800 / 61000 − 1


def test_a_growth_against_last_year_is_not_against_the_total_before_其中():
    text = "五年累计完成固定资产投资29897亿元，其中2024年完成6205亿元，比上年增长3.1%。"
    assert "inconsistent" not in verdicts(text, "3.1%")


RESULTS = ("白沙电气2024年前三季度业绩\n\n2024年前三季度，公司实现营业收入79.82亿元，同比增长9.8%。"
           "其中，第三季度单季公司实现营业收入28.46亿元，同比增长12.3%。\n\n"
           "上年同期，公司前三季度营业收入为72.70亿元；上年第三季度单季营业收入为25.34亿元。\n\n"
           "前三季度，公司研发投入5.28亿元，占营业收入的6.6%，同比增长11.2%。\n")


def test_a_share_of_a_period_is_not_of_another_periods_whole():
    """The whole of 前三季度…占营业收入的6.6% is neither last year's level nor the third quarter's."""
    assert [(c.formula, c.verdict) for c in checks_on(RESULTS, "6.6%", "share")] == [
        ("5.28 / 79.82 = 6.61 %", "consistent")]


COUNTIES = ("2023年湖南县域经济十强榜单\n\n2023年，湖南省县域经济十强县地区生产总值合计9697.4亿元。\n\n"
            "从总量看，长沙县以2150.3亿元继续领跑全省县域经济，浏阳市（1720.8亿元）、宁乡市（1402.6亿元）分列第二、三位，长沙市所辖三县市包揽前三。"
            "前三名GDP合计5273.7亿元，占十强县的54.4%。长沙县GDP占十强县合计的22.2%。\n")


def test_a_groups_total_carried_to_a_county_is_not_its_part():
    """前三名GDP合计X carries 长沙县 from the sentence before; it is not 长沙县's level."""
    assert [c.verdict for c in checks_on(COUNTIES, "22.2%")] == ["unverifiable"]


LOANS = ("2024年江西省金融运行情况\n\n12月末，全省人民币各项贷款余额61068.2亿元，同比增长9.8%，比年初增加5495.3亿元，"
         "同比少增412.6亿元，占全国人民币贷款增量（18.09万亿元）的3.0%。\n")


def test_a_share_of_an_increment_is_of_the_increment_not_of_the_compared_increase():
    """同比少增412.6 is no part; 占…增量的3.0% is the 比年初增加 over the nation's increment."""
    assert [(c.formula, c.verdict) for c in checks_on(LOANS, "3.0%", "share")] == [
        ("5495.3 / 180900 = 3.04 %", "consistent")]
