"""A total and the parts listed after 其中 (kb.verify.relations.breakdown), on sentences of our own."""

from tests.verify.pipeline_text import checks_on, verdicts

TRADE = ("宁波市全年进出口总额300.50亿美元，比上年增长5.0%。其中，出口总额180.30亿美元，增长8.0%；"
         "进口总额120.20亿美元，增长0.8%。")


def test_parts_named_exhaustively_add_up_and_carry_the_growth():
    assert verdicts(TRADE, "300.50亿美元", "sum") == ["consistent"]
    # 300.50 / (180.30/1.08 + 120.20/1.008) − 1 = 5.01 %
    assert verdicts(TRADE, "5.0%", "aggregate") == ["consistent"]


def test_a_wrong_part_of_an_exhaustive_pair_is_inconsistent():
    wrong = TRADE.replace("180.30", "150.30")
    assert verdicts(wrong, "300.50亿美元", "sum") == ["inconsistent"]


def test_parts_of_a_named_group_of_provinces_are_all_its_members():
    text = ("1—9月，三省（区）实际利用外资105.97亿美元，比上年同期下降10.2%，其中，广东、广西和海南实际利用外资"
            "分别为98.51亿美元、4.25亿美元和3.21亿美元，比上年同期分别下降9.9%、7%和21.9%。")
    assert verdicts(text, "105.97亿美元", "sum") == ["consistent"]
    assert verdicts(text, "10.2%", "aggregate") == ["consistent"]
    assert verdicts(text.replace("98.51", "68.51"), "105.97亿美元", "sum") == ["inconsistent"]


def test_a_qizhong_list_that_may_leave_members_out_is_never_inconsistent():
    text = ("绍兴市工业总产值500.0亿元，比上年增长10.0%。其中，国有企业100.0亿元，增长5.0%；"
            "集体企业150.0亿元，增长12.0%。")
    checks = checks_on(text, "500.0亿元", "sum")
    assert [c.verdict for c in checks] == ["unverifiable"]
    assert verdicts(text, "10.0%", "aggregate") in ([], ["unverifiable"])


def test_parts_that_add_up_need_no_names_to_agree():
    text = "温州市常住人口400.00万人，比上年增长4.0%。其中，城区150.00万人，增长5.0%，县域250.00万人，增长3.4%。"
    assert verdicts(text, "400.00万人", "sum") == ["consistent"]
    assert verdicts(text, "4.0%", "aggregate") == ["consistent"]
    # the same parts with a wrong total rate: no names say they are all, so nothing is accused
    assert verdicts(text.replace("增长4.0%", "增长9.0%"), "9.0%", "aggregate") == ["unverifiable"]


def test_growth_of_value_added_is_never_carried_back_with_current_price_parts():
    text = ("嘉兴市地区生产总值1000.00亿元，比上年增长8.0%。其中，第一产业增加值100.00亿元，增长3.0%；"
            "第二产业增加值400.00亿元，增长9.0%；第三产业增加值500.00亿元，增长8.5%。")
    assert verdicts(text, "8.0%", "aggregate") == []


def test_a_growth_at_constant_prices_is_not_carried_back_with_current_price_levels():
    text = ("湖州市全年工业销售产值800.0亿元，按不变价格计算，比上年增长6.0%。其中，轻工业300.0亿元，增长5.0%；"
            "重工业500.0亿元，增长6.6%。")
    assert verdicts(text, "6.0%", "aggregate") == []


def test_levels_at_constant_prices_carry_their_growth_back():
    text = ("湖州市工业总产值800.0亿元（按1990年不变价格计算），比上年增长6.0%。其中，轻工业300.0亿元，增长5.0%；"
            "重工业500.0亿元，增长6.6%。")
    assert verdicts(text, "6.0%", "aggregate") == ["consistent"]


def test_parts_that_do_not_add_up_are_accused_once_by_the_sum():
    wrong = TRADE.replace("180.30", "150.30")
    assert verdicts(wrong, "5.0%", "aggregate") == []


def test_a_second_cut_after_a_semicolon_is_not_a_member():
    text = "2023年川渝两地汽车产量合计300.5万辆，其中重庆231.8万辆、四川68.7万辆；新能源汽车产量63.2万辆，增长43.6%。"
    assert verdicts(text, "300.5万辆", "sum") == ["consistent"]


def test_a_figure_of_another_year_or_a_range_is_no_part():
    text = ("由1993年的300万人升至1997年的1435万人，其中国有企业下岗职工为929万人，"
            "作者估计1998年将在1700～1800万人之间。")
    assert set(verdicts(text, "1435万人", "sum")) <= {"unverifiable"}


def test_an_average_named_in_its_own_clause_has_no_parts():
    # the figures after 其中 are other averages (each group's), not parts that add up
    text = "2019年，平均每位游客的花费为900元，其中商务游客的花费最高，为1500元，其次为团队游客，为1100元。"
    assert verdicts(text, "900元", "sum") == []
    text = "2019年，全市户均存款为8万元，其中城镇户均存款10万元，农村户均存款5万元。"
    assert verdicts(text, "8万元", "sum") == []


HOSPITALS = ("年末全市共有医院420个。医院中，公立医院135个，民营医院285个。"
             "按医院等级分，三级医院28个，二级医院76个，一级医院189个，未定级医院{last}个。")


def test_a_breakdown_by_a_dimension_of_a_named_total_adds_up_to_it():
    # 按医院等级分 breaks 医院 down, not 民营医院 right before it: the grades sum to 420, never to 285
    sums = {c.formula: c.verdict for c in checks_on(HOSPITALS.format(last="127"), "420个", "sum")}
    assert sums == {"135 + 285 = 420个": "consistent", "28 + 76 + 189 + 127 = 420个": "consistent"}
    assert verdicts(HOSPITALS.format(last="127"), "285个", "sum") == []


def test_a_dimension_breakdown_that_does_not_add_up_is_never_accused():
    # it may list some of the kinds only: agreement only, and 民营医院 is no total of the grades
    text = HOSPITALS.format(last="130")
    assert "inconsistent" not in verdicts(text, "420个", "sum")
    assert verdicts(text, "285个", "sum") == []

