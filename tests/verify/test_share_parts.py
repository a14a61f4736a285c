"""A share's part is the level the words before 占 name (北京占…, 基金收入占…), and a company's share is
of its own figures, not of a count of companies (on sentences of our own)."""

from __future__ import annotations

from tests.verify.pipeline_text import process, verdicts


def _judged(tmp_path, text: str, kind: str = "share") -> list[tuple[str, str]]:
    """(verdict, formula) of every check of ``kind`` kb makes on ``text``."""
    _, _, checks = process(text)
    return [(c.verdict, c.formula) for c in checks if c.kind == kind]


def test_the_part_is_the_place_named_before_zhan_not_the_last_level(tmp_path):
    text = ("长三角外贸\n\n2023年沪苏浙三地货物进出口总值合计11.0万亿元，其中上海4.2万亿元、江苏5.2万亿元、浙江1.6万亿元，"
            "上海占三地合计的38.2%。\n")
    assert ("consistent", "4.2 / 11.0 = 38.18 %") in _judged(tmp_path, text)


def test_a_part_named_before_zhan_is_not_the_level_stated_last(tmp_path):
    # 收入X，支出Y，基金收入占三项基金总收入的s%: the part is X, the whole another figure
    text = ("社保基金\n\n前三季度，三项社会保险基金收入1200.0亿元。其中，养老保险基金收入1000.0亿元，增长5.0%，"
            "支出900.0亿元，增长6.0%，基金收入占三项基金总收入的83.3%。\n")
    assert all(v != "inconsistent" for v, _ in _judged(tmp_path, text))


def test_a_company_share_is_not_over_a_count_of_companies(tmp_path):
    text = ("年报观察\n\n记者梳理了五家龙头公司的年报，五家公司合计实现营业收入1000.0亿元。\n\n"
            "青禾科技股份有限公司（以下简称“青禾科技”）2024年实现营业收入80.0亿元。公司毛利率为40.2%，"
            "比上年提高1.1个百分点，在五家公司中最高。公司持续加码研发，全年研发投入9.6亿元，占营业收入的12.0%。\n")
    judged = _judged(tmp_path, text)
    assert all(v != "inconsistent" for v, _ in judged)
    assert ("consistent", "9.6 / 80.0 = 12 %") in judged


def test_a_bracketed_comparand_is_never_a_part_or_a_whole(tmp_path):
    text = ("财政\n\n上半年，一般公共预算支出500.0亿元，比上年同期（480.0亿元）增长4.2%，其中民生支出400.0亿元，"
            "占一般公共预算支出的80.0%。绿色贷款余额1200.0亿元，比上年末（1000.0亿元）增长20.0%，"
            "占各项贷款余额的10.0%。\n")
    judged = _judged(tmp_path, text)
    assert all(v != "inconsistent" for v, _ in judged)
    assert ("consistent", "400.0 / 500.0 = 80 %") in judged


def test_a_share_of_increments_is_not_over_balances(tmp_path):
    text = ("存款\n\n年末，人民币各项存款余额13000.0亿元，全年增加900.0亿元。其中，住户存款余额8000.0亿元，"
            "同比增长10.0%，全年增加750.0亿元，占人民币各项存款增量的83.3%。\n")
    assert all(v != "inconsistent" for v, _ in _judged(tmp_path, text))


def test_each_share_of_a_list_is_of_its_own_part(tmp_path):
    text = ("结构\n\n核心产业增加值1000亿元。其中，甲业、乙业、丙业增加值分别为400亿元、350亿元和250亿元，"
            "占核心产业增加值的比重分别为40.0%、35.0%和25.0%。\n")
    assert all(v != "inconsistent" for v, _ in _judged(tmp_path, text))


def test_a_difference_is_with_the_comparand_it_names_not_an_earlier_one(tmp_path):
    text = ("数字经济\n\n2024年，数字经济增加值占地区生产总值的比重达到50.2%，比2019年（43.5%）提高6.7个百分点，"
            "比全国平均水平（42.8%）高7.4个百分点。\n")
    checks = _judged(tmp_path, text, "difference")
    assert all(v != "inconsistent" for v, _ in checks)
    assert ("consistent", "50.2 − 42.8 = 7.4个百分点") in checks


def test_words_naming_a_figure_none_of_the_levels_is_leave_the_share_unjudged(tmp_path):
    # 第二产业增加值占… after 三次产业增加值分别为a、b、c: not the last of them
    text = ("县情\n\n2024年，三次产业增加值分别为38.21亿元、486.20亿元和437.96亿元，"
            "第二产业增加值占地区生产总值的比重为50.5%。\n")
    assert all(v != "inconsistent" for v, _ in _judged(tmp_path, text))


def test_a_whole_named_with_a_qualifier_its_figure_lacks_is_not_sure(tmp_path):
    text = ("新能源汽车\n\n2024年，我国汽车总销量3143.6万辆，其中新能源汽车销量1286.6万辆。"
            "2024年我国新能源汽车出口128.4万辆，占新能源汽车总销量的10.0%。\n")
    assert all(v != "inconsistent" for v, _ in _judged(tmp_path, text))


def test_names_that_differ_by_an_opposed_word_are_different_figures():
    from kb.verify.relations.figure_names import opposed

    assert opposed("人民币各项贷款余额", "人民币各项存款余额")
    assert opposed("城镇非私营单位平均工资", "城镇私营单位平均工资")
    assert not opposed("进出口总额", "出口")
    assert not opposed("出口交货值", "出口交货总值")


def test_a_citys_share_of_its_own_total_is_not_over_the_provinces(tmp_path):
    text = ("白沙市2024年1—9月外贸运行情况\n\n1—9月，全市货物贸易进出口总值2683.6亿元，比上年同期（2498.2亿元）增长7.4%。"
            "其中，出口1756.2亿元，进口927.4亿元。\n\n1—9月，全省进出口总值6471.2亿元，白沙市进出口居全省首位。"
            "对东盟进出口412.5亿元，占全市进出口总值的15.4%。\n")
    _, _, checks = process(text)
    assert [c.formula for c in checks if c.verdict == "inconsistent"] == []


def test_a_named_rate_is_not_of_a_level_its_name_does_not_name(tmp_path):
    text = ("年报\n\n报告期末公司总资产756410.33万元，归属于上市公司股东的净资产412350.80万元，资产负债率为45.49%。\n")
    assert all(v != "inconsistent" for v, _ in _judged(tmp_path, text))


def test_a_bare_share_is_of_the_whole_its_sentence_named_before():
    # the first share names its whole (占常住人口的比重), the next ones only say 占; a sentence may
    # also open on the whole (全市常住人口中，…)
    text = ("2030年末，全市常住人口812.40万人。2030年末，全市常住人口中，0—14岁人口120.30万人，占常住人口的比重为"
            "14.81%；15—59岁人口500.20万人，占{}；60岁及以上人口191.90万人，占23.62%。")
    assert verdicts(text.format("61.57%"), "61.57%", "share") == ["consistent"]   # 500.20 / 812.40
    assert verdicts(text.format("63.57%"), "63.57%", "share") == ["inconsistent"]
    opening = "2030年末，全市常住人口812.40万人。2030年末，全市常住人口中，男性人口413.10万人，占50.85%。"
    assert verdicts(opening, "50.85%", "share") == ["consistent"]


def test_an_items_level_that_states_its_own_share_is_no_whole_of_the_next_item():
    # a product list: 精密传动部件…8.95亿元，…，占比17.46%；技术服务…3.31亿元，占营业收入的6.45%: the
    # whole of 营业收入 is the company's 51.26亿元, not the item before (that would accuse 6.45%)
    text = ("报告期内，公司实现营业收入51.26亿元，较上年的45.62亿元增长12.37%。精密传动部件实现营业收入8.95亿元，"
            "同比增长6.69%，占比17.46%，增速有所放缓；技术服务及其他收入3.31亿元，占营业收入的{}。")
    assert verdicts(text.format("6.45%"), "6.45%", "share") == ["consistent"]
    assert verdicts(text.format("7.45%"), "7.45%", "share") == ["inconsistent"]


def test_a_share_after_last_years_level_restated_is_this_years_part():
    # 实现营业收入41.07亿元，上年为37.19亿元，同比增长10.45%，占营业收入的80.12%: 41.07 over the whole,
    # never 37.19 over 41.07
    from tests.verify.pipeline_text import verdicts

    text = ("2030年，公司实现营业收入51.26亿元，同比增长12.37%。分地区看，境内实现营业收入41.07亿元，上年为37.19亿元，"
            "同比增长10.45%，占营业收入的{}%。")
    assert verdicts(text.format("80.12"), "80.12%", "share") == ["consistent"]
    assert verdicts(text.format("72.55"), "72.55%", "share") == ["inconsistent"]
