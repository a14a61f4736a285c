"""Statistical identities (kb.verify.relations.identities), on sentences of our own."""

from tests.verify.pipeline_text import verdicts


def test_a_deposit_surplus_is_deposits_less_loans_never_a_listed_subset():
    text = ("年末全市金融机构各项存款余额2000.00亿元，比年初增长20.0%。各项贷款余额1500.00亿元，增长25.0%，"
            "其中短期贷款1000.00亿元，中长期贷款300.00亿元。全市存差500.00亿元。")
    assert verdicts(text, "500.00亿元", "sum") == ["consistent"]
    assert verdicts(text.replace("存差500.00", "存差600.00"), "600.00亿元", "sum") == ["inconsistent"]


def test_a_trade_surplus_and_its_growth_from_exports_and_imports():
    text = ("全年进出口总额400.00亿美元。其中，出口总额250.00亿美元，增长5.0%；进口总额150.00亿美元，下降3.0%。"
            "进出口相抵，贸易顺差100.00亿美元，增长20.5%。")
    assert verdicts(text, "100.00亿美元", "sum") == ["consistent"]
    # 100 / (250/1.05 − 150/0.97) − 1 = 19.93 %... 20.5 is outside
    assert verdicts(text, "20.5%", "aggregate") == ["inconsistent"]
    assert verdicts(text.replace("20.5%", "19.9%"), "19.9%", "aggregate") == ["consistent"]


def test_net_loss_is_losses_less_profits_of_the_same_year():
    text = ("1994年企业亏损额达480亿元，利润额为830亿元，净利润额350亿元。1997年亏损总额上升了七成，为830亿元，"
            "而利润额却下降了一半，为430亿元，净亏损额为400亿元。")
    assert verdicts(text, "350亿元", "sum") == ["consistent"]
    assert verdicts(text, "400亿元", "sum") == ["consistent"]


def test_value_added_of_the_secondary_industry_from_industry_and_construction():
    text = ("全市第二产业增加值640.99亿元，增长14.0%。\n\n全年工业增加值515.70亿元，增长16.9%。\n\n"
            "全年建筑业增加值125.29亿元，增长11.8%。")
    assert verdicts(text, "640.99亿元", "sum") == ["consistent"]
    assert verdicts(text, "14.0%", "aggregate") == []  # value added grows at comparable prices


def test_profits_are_the_profitable_firms_profits_less_the_losers_losses():
    text = ("全年重点企业实现利润总额1100.0亿元，增长24.5%。重点企业中盈利企业467户，盈利额合计1200.0亿元，增长17.0%。"
            "有52户企业亏损，亏损企业亏损额100.0亿元，比上年下降30.0%；其中兵器行业亏损额合计60.0亿元。")
    assert verdicts(text, "1100.0亿元", "sum") == ["consistent"]


def test_light_and_heavy_industry_make_the_industrial_output_and_its_growth():
    text = ("全市工业企业完成工业总产值1660.24亿元（按1990年不变价格计算，下同），比上年增长18.5%。"
            "轻工业完成总产值860.44亿元，比上年增长18.5%；重工业完成总产值799.80亿元，增长18.4%。")
    assert verdicts(text, "1660.24亿元", "sum") == ["consistent"]
    assert verdicts(text, "18.5%", "aggregate") == ["consistent"]


def test_a_rate_defined_as_one_figure_over_another():
    text = ("全年实现产品销售收入29855亿元，增长12.5%。全年实现利税总额3029.4亿元。其中利润总额1105.2亿元，"
            "增长24.5%；税金总额1924.2亿元，增长8.9%。销售利润率3.7%，比上年提高0.3个百分点。")
    assert verdicts(text, "3.7%", "share") == ["consistent"]
    assert verdicts(text.replace("3.7%", "4.7%"), "4.7%", "share") == ["inconsistent"]


def test_the_non_performing_loan_ratio_only_agrees():
    from tests.verify.pipeline_text import checks_on

    text = "2023年末，全省本外币各项贷款余额5.82万亿元。年末全省银行业金融机构不良贷款余额756亿元，不良贷款率为1.30%。"
    [c] = checks_on(text, "1.30%", "share")
    assert c.verdict == "consistent"
    assert round(c.recomputed_value, 3) == 1.299
    found = checks_on(text.replace("1.30%", "1.35%"), "1.35%", "share")
    assert found and {c.verdict for c in found} == {"unverifiable"}


def test_the_natural_growth_of_the_population_is_births_less_deaths():
    text = ("全年出生人口6.74万人，人口出生率为7.06‰；死亡人口6.29万人，人口死亡率为6.59‰。"
            "全年自然增长人口0.45万人。")
    assert verdicts(text, "0.45万人", "sum") == ["consistent"]
    assert verdicts(text.replace("0.45万人", "0.54万人"), "0.54万人", "sum") == ["inconsistent"]


def test_pupils_per_teacher_is_the_enrolment_over_the_teachers():
    text = ("全省共有小学6820所。在校生452.36万人，比上年减少15.74万人。"
            "小学专任教师27.85万人，比上年增加0.23万人；生师比为16.24∶1。")
    assert verdicts(text, "16.24", "ratio") == ["consistent"]
    # a university's ratio is over its converted enrolment (折合在校生): only agreement is told
    assert set(verdicts(text.replace("16.24∶1", "17.24∶1"), "17.24", "ratio")) == {"unverifiable"}
