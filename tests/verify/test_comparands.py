"""The figure a comparison names (kb.verify.relations.comparands), on sentences of our own."""

from tests.verify.pipeline_text import verdicts

PROVINCES = ("4月20日，上海市一季度GDP数据发布，为9000.00亿元。安徽省一季度的GDP为9100.00亿元，"
             "这一数据高出上海100.00亿元。")


def test_a_places_figure_named_by_the_comparison():
    assert verdicts(PROVINCES, "100.00亿元", "difference") == ["consistent"]
    assert verdicts(PROVINCES.replace("9000.00", "9500.00"), "100.00亿元", "difference") == ["inconsistent"]


def test_this_figure_points_to_the_sentence_before_and_an_average_named_with_a_bound():
    text = ("一季度，全国GDP同比增长18.3%，7个省份增速超过18.3%的全国平均水平。海南省一季度GDP同比增长19.8%，"
            "增速居全国第二。这一数据还高出全国1.5个百分点。")
    assert verdicts(text, "1.5个百分点", "difference") == ["consistent"]


def test_the_whole_citys_average_is_the_headline_figure_of_the_same_indicator():
    text = ("全市工业企业完成工业总产值1660.24亿元，比上年增长18.5%。大中型工业企业完成工业总产值751.87亿元，"
            "比上年增长20.5%，增幅高于全市工业平均水平2个百分点。")
    assert verdicts(text, "2个百分点", "difference") == ["consistent"]


def test_the_earlier_years_value_stated_in_the_sentence():
    text = "据报告，世界经济增长率1997年为3.2%，1998年下降为1.8%，比上年下降了1.4个百分点。"
    assert verdicts(text, "1.4个百分点", "difference") == ["consistent"]
    assert verdicts(text.replace("1.4个百分点", "2.4个百分点"), "2.4个百分点", "difference") == ["inconsistent"]


def test_a_bound_is_no_value_to_compare_with():
    text = "浙江省规模以上工业增加值同比增长26.3%，全国GDP增速超过18.3%。浙江省增幅比全国高8.0个百分点。"
    assert "consistent" not in verdicts(text, "8.0个百分点", "difference")


def test_a_comparand_named_with_words_the_figure_lacks_only_tells_when_it_agrees():
    text = ("2022年全省集体工业实现总产值3555亿元，销售产值3363亿元，产销率为94.6%，比上年提高0.2个百分点。\n\n"
            "全省乡村集体工业企业产销率为94.6%，低于全国规模以上工业产销率近2个百分点。")
    assert verdicts(text, "2个百分点", "difference") == ["unverifiable"]
    agreeing = ("全市工业经济效益综合指数为142.96%。大中型工业企业经济效益综合指数为222.41%，"
                "比全市工业经济效益平均水平高出79.45个百分点。")
    assert verdicts(agreeing, "79.45个百分点", "difference") == ["consistent"]


def test_a_comparand_named_by_its_indicator_is_the_same_subjects_figure_of_that_key():
    """快于经济增长1.1个百分点: 经济 is GDP by its key; the province's own GDP growth of the same
    measure (年均) is compared, never another place's. Two indicators compared only tell when they
    agree (kb.verify.discipline), so a wrong gap is left unjudged."""
    text = ("江西省政府工作报告\n\n过去五年，全省地区生产总值年均增长5.8%。居民人均可支配收入年均增长6.9%，"
            "快于经济增长1.1个百分点。")
    assert verdicts(text, "1.1个百分点", "difference") == ["consistent"]
    assert verdicts(text.replace("1.1个百分点", "1.6个百分点"), "1.6个百分点", "difference") == ["unverifiable"]
    other_place = ("过去五年，湖南省地区生产总值年均增长5.8%。\n\n江西省居民人均可支配收入年均增长6.9%，"
                   "快于经济增长1.6个百分点。")
    assert "inconsistent" not in verdicts(other_place, "1.6个百分点", "difference")


RATES = ("上半年，湖北省规模以上工业增加值同比增长6.0%。全国规模以上工业增加值同比增长5.5%。"
         "湖北省规模以上工业增加值增速高于全国0.5个百分点。")


def test_a_subjects_rate_stated_in_an_earlier_sentence_is_compared():
    # no rate in the comparison's own sentence: the subject's own rate of the indicator, stated before
    assert verdicts(RATES, "0.5个百分点", "difference") == ["consistent"]
    assert verdicts(RATES.replace("高于全国0.5", "高于全国0.8"), "0.8个百分点", "difference") == ["inconsistent"]


GROUP = ("上半年，全市制造业增加值同比增长6.0%。其中，高技术制造业增加值同比增长9.0%，占规模以上工业的20.0%，"
         "增速高于制造业平均水平3.0个百分点。")


def test_a_growth_comparison_takes_the_rate_not_the_share_and_the_group_named():
    # 增速高于制造业平均水平: the growth of 高技术制造业 (not its share) against 制造业's
    assert verdicts(GROUP, "3.0个百分点", "difference") == ["consistent"]
    assert verdicts(GROUP.replace("3.0个百分点", "4.0个百分点"), "4.0个百分点", "difference") == ["inconsistent"]


CITIES = ("从经济总量看，2024年一季度青岛以3660.3亿元排名第二，郑州以3348.5亿元排名第三。"
          "一季度青岛GDP比郑州多311.8亿元。")


def test_a_difference_between_two_places_levels_stated_before():
    assert verdicts(CITIES, "311.8亿元", "difference") == ["consistent"]
    assert verdicts(CITIES.replace("311.8亿元", "300.8亿元"), "300.8亿元", "difference") == ["inconsistent"]


def test_the_figure_compared_is_in_the_clause_before_a_comparison_that_opens_its_own():
    # 江苏居全国第2位，比广东少: 江苏's level of the list, not the last level before the comparison (河北's)
    text = ("2024年上半年，全国用电量排名前三位的省份依次为广东、江苏、河北，用电量分别为4316.2亿千瓦时、"
            "4158.6亿千瓦时和2218.5亿千瓦时，江苏居全国第2位，比广东少157.6亿千瓦时。")
    assert verdicts(text, "157.6亿千瓦时", "difference") == ["consistent"]


BANK = ("2024年末，全省本外币各项存款余额9000.0亿元，同比增长8.0%。"
        "全省本外币各项贷款余额7000.0亿元，同比增长9.2%，增速比各项存款高1.2个百分点。")


def test_a_rate_compared_with_the_figure_whose_name_holds_the_written_one():
    # 各项存款 is the 本外币各项存款余额 stated before: agreement is told, never an accusation
    assert verdicts(BANK, "1.2个百分点", "difference") == ["consistent"]
    assert verdicts(BANK.replace("高1.2个百分点", "高1.9个百分点"), "1.9个百分点", "difference") == ["unverifiable"]


def test_a_match_only_by_truncation_with_a_guessed_input_is_not_agreement():
    # 各项贷款 may be the 人民币 loans (9.8%, 18.2 − 9.8 = 8.4) or the 本外币 ones (9.6%): the
    # first chosen gives 8.6, which only truncation would call 8.4
    text = ("12月末，全省本外币各项贷款余额87654.3亿元，同比增长9.6%。人民币各项贷款余额87012.5亿元，同比增长9.8%。"
            "全省普惠小微贷款余额12034.5亿元，同比增长18.2%，高于各项贷款增速8.4个百分点。")
    assert verdicts(text, "8.4个百分点", "difference") == ["unverifiable"]


RESIDENTS = ("2024年末，济南市常住人口958.36万人，比上年末增加8.54万人。"
             "年末全市户籍人口815.27万人，常住人口比户籍人口多143.09万人。")


def test_a_difference_with_another_figure_named_in_the_sentence():
    # the figure right before 比 is the one compared with; the subject's own is stated earlier
    assert verdicts(RESIDENTS, "143.09万人", "difference") == ["consistent"]
    # two indicators (常住人口, 户籍人口): the discipline tells agreement only
    assert verdicts(RESIDENTS.replace("多143.09万人", "多134.09万人"), "134.09万人", "difference") == ["unverifiable"]


def test_a_change_over_a_period_is_no_difference_of_two_figures():
    text = "2024年末，全市常住人口958.36万人，比上年末多8.54万人。"
    assert verdicts(text, "8.54万人", "difference") == []


def test_an_amount_higher_than_a_named_figure_is_their_difference():
    # 比商品房销售均价高481元/平方米: an amount (not written as a change) against the figure it names
    text = ("1—11月全市商品房销售均价为15561元/平方米。其中住宅销售均价为16042元/平方米，"
            "比商品房销售均价高{}元/平方米。")
    assert verdicts(text.format("481"), "481元/平方米", "difference") == ["consistent"]
    # the figure compared is chosen by a name it does not spell out whole: a disagreement is not accused
    assert verdicts(text.format("581"), "581元/平方米", "difference") == ["unverifiable"]
