"""Figures named elsewhere in a document (kb.verify.relations.figure_names), on sentences of our own."""

from tests.verify.pipeline_text import verdicts

EXPORTS = ("全年全省出口交货值实现1200亿元，增长7.2%。出口交货值1亿元以上的企业80户，出口交货值合计1100亿元。"
           "电子行业出口交货值合计480亿元，占全省出口交货总值的40.0%。")


def test_the_whole_is_the_headline_figure_of_its_name_not_a_subtotal():
    assert verdicts(EXPORTS, "40.0%", "share") == ["consistent"]
    assert verdicts(EXPORTS.replace("480亿元", "380亿元"), "40.0%", "share") == ["inconsistent"]


def test_two_headline_figures_of_one_name_make_an_inconsistency_unsure():
    text = ("上半年全省出口交货值实现1200亿元。下半年全省出口交货值实现1500亿元。"
            "电子行业出口交货值合计380亿元，占全省出口交货总值的40.0%。")
    assert verdicts(text, "40.0%", "share") == ["unverifiable"]


def test_the_earlier_share_of_a_change_is_not_computed_from_this_years_levels():
    text = ("全年全省出口交货值实现1200亿元。电子行业出口交货值合计480亿元，"
            "占全省出口交货总值的比重由上年的35.0%提高到40.0%。")
    assert verdicts(text, "40.0%", "share") == ["consistent"]
    assert "inconsistent" not in verdicts(text, "35.0%", "share")


def test_a_share_part_written_without_its_currency_unit():
    text = "2021年全国研发投入达到2.80万亿元。全国企业研发支出合计1.40万亿，占全国研发投入的50.0%。"
    assert verdicts(text, "50.0%", "share") == ["consistent"]


SALES = ("全年重点企业实现产品销售收入30000亿元，增长12.5%。前10位企业销售收入合计15000亿元，增长16.0%，"
         "所占比重由上年的48.5%提高到50.0%。")


def test_an_unnamed_share_is_of_the_headline_figure_of_its_indicator():
    assert verdicts(SALES, "50.0%", "share") == ["consistent"]
    assert verdicts(SALES.replace("15000亿元", "13000亿元"), "50.0%", "share") == ["inconsistent"]


def test_the_earlier_share_is_carried_back_by_the_growth_rates():
    # (15000/1.16) / (30000/1.125) = 48.49 %
    assert verdicts(SALES, "48.5%", "share") == ["consistent"]
    # growth rates may be reckoned on comparable members (同口径): a disagreement accuses nobody
    assert verdicts(SALES.replace("48.5%", "45.5%"), "45.5%", "share") == ["unverifiable"]


def test_the_earlier_share_is_not_judged_when_the_current_one_does_not_hold():
    wrong = SALES.replace("15000亿元", "1500亿元")
    assert verdicts(wrong, "48.5%", "share") in ([], ["unverifiable"])


def test_an_unnamed_share_in_a_qizhong_list_is_of_its_total():
    text = ("全年实际利用外资25.00亿美元，比上年下降11.1%。其中，外商直接投资16.25亿美元，比上年增长0.2%，"
            "所占比重由上年的57.8%提高到65.0%；对外借款5.57亿美元，下降2.4%。")
    assert verdicts(text, "65.0%", "share") == ["consistent"]
    # (16.25/1.002) / (25.00/0.889) = 57.67 %
    assert verdicts(text, "57.8%", "share") == ["consistent"]


def test_a_bare_scale_word_and_a_whole_named_gdp():
    text = ("1978年我国GDP也只有3678.7亿元，但到2020年增长至1015986亿元。"
            "2020年，中国全年研究与试验发展（R&D）支出高达2.4万亿，占GDP比重2.4%。")
    assert verdicts(text, "2.4%", "share") == ["consistent"]   # 2.4万亿 / 1015986亿元 = 2.36 %


def test_the_count_of_a_group_named_by_what_it_counts():
    text = ("这520户国家重点企业的产品销售收入占42.7%。出口交货值1亿元以上的企业167户。"
            "重点企业中盈利企业467户，占重点企业总数的90%。重点企业中有52户企业亏损，占10%。")
    assert verdicts(text, "90%", "share") == ["consistent"]
    assert verdicts(text, "10%", "share") == ["consistent"]
    assert verdicts(text.replace("占10%", "占30%"), "30%", "share") == ["inconsistent"]  # never 52/167


def test_a_whole_written_under_another_name_of_its_indicator():
    # 占GDP over a level written 地区生产总值: one indicator of kb's vocabulary under two names
    text = "2022年全市地区生产总值达到5000亿元。全市第三产业增加值3000亿元，占GDP的比重为60.0%。"
    assert verdicts(text, "60.0%", "share") == ["consistent"]
    assert verdicts(text.replace("3000亿元", "2500亿元"), "60.0%", "share") == ["inconsistent"]


def test_a_whole_of_another_subject_is_not_named_by_its_indicator():
    # the national GDP stated later is not the city's GDP the share is of
    text = ("2022年全市第三产业增加值3000亿元，占GDP的比重为60.0%。"
            "同年全国国内生产总值1210207亿元。")
    assert "inconsistent" not in verdicts(text, "60.0%", "share")


ONLINE = ("一季度全市社会消费品零售总额1000亿元，同比增长25.0%。上年同期，全市社会消费品零售总额为800亿元。"
          "其中，网上零售额上年同期为160亿元，占当期社会消费品零售总额的20.0%。")


def test_a_previous_periods_part_is_a_share_of_the_previous_periods_whole():
    # not of this quarter's 1000亿元 (16.0%), of the year before's 800亿元 (当期: of the part's period)
    assert verdicts(ONLINE, "20.0%", "share") == ["consistent"]
    assert verdicts(ONLINE.replace("160亿元", "200亿元"), "20.0%", "share") == ["inconsistent"]


def test_a_share_of_the_province_is_of_the_parts_own_province():
    # 全省 of 苏州 is 江苏, not 广东 whose larger figure the document states later
    text = ("上半年，广东全社会用电量4300.0亿千瓦时。江苏全社会用电量4000.0亿千瓦时。"
            "苏州市用电量1000.0亿千瓦时，占全省的25.0%。")
    assert verdicts(text, "25.0%", "share") == ["consistent"]


def test_a_counts_whole_written_as_its_head_noun_and_zongshu():
    # 占全市床位总数的: the whole is the earlier level whose name ends in 床位 (医疗卫生机构床位)
    text = ("2030年末，全市医疗卫生机构床位78120张，增长4.2%。其中，医院床位66430张，占全市床位总数的{}%；"
            "基层医疗卫生机构床位8950张。")
    assert verdicts(text.format("85.0"), "85.0%", "share") == ["consistent"]
    assert verdicts(text.format("82.0"), "82.0%", "share") == ["inconsistent"]
    # an amount's name may end in another's (进出口总值 … 出口): never taken by its head noun
    trade = "2030年，全省进出口总值6000亿元。机电产品出口2236.8亿元，占出口总值的57.0%。"
    assert verdicts(trade, "57.0%", "share") in ([], ["unverifiable"])
