"""Each subject rule of kb.figures.linking.subject_rules, on a sentence that only it decides.

The rule that chose a figure's subject is recorded on its Link (``subject_rule``).
"""

import pytest

from kb.figures.linking import Carry, link
from kb.figures.linking.subject_rules import SUBJECT_RULES
from kb.figures.quantities import parse_quantities

CARRY = Carry(subject="某市", year=2022)

CASES = [
    # (sentence, figure, rule, subject, carry)
    ("1. 云台古镇接待游客42万人次，同比增长8%。", "8%", "list_item_venue", "云台古镇", CARRY),
    ("北京、天津、河北的专利数之比为5:3:2。", "3", "ratio_term", "天津", CARRY),
    ("增速高于江苏的19.2%、广东省的18.6%。", "18.6%", "possessor_place", "广东", CARRY),
    ("湖北省GDP达9872.67亿元，距离10223.99亿元的湖南仅一步之遥。", "10223.99亿元", "described_place", "湖南", CARRY),
    ("浙江、福建分别增长4.1%和3.6%。", "3.6%", "respectively_list", "福建", CARRY),
    # 分列 ranks the listed places in turn, as 分别 gives them their figures
    ("宿州市、亳州市分列第2位、第3位。", "第2位", "respectively_list", "宿州", CARRY),
    ("宿州市、亳州市分列第2位、第3位。", "第3位", "respectively_list", "亳州", CARRY),
    ("山东、河南、四川、陕西四省合计3200亿元，占全国的15%。", "3200亿元", "total_of_listed_places",
     "山东、河南、四川、陕西", CARRY),
    ("深圳、东莞、惠州合计1.2万亿元。", "1.2万亿元", "total_of_listed_places", "", CARRY),
    # a count with a qualifier of its members (六个经济大省) and the indicator between 合计 and the figure
    ("河南、山东、安徽三个农业大省合计实现粮食产量9800万吨。", "9800万吨", "total_of_listed_places",
     "河南、山东、安徽", CARRY),
    ("广东、江苏、山东、浙江四省合计占全国的35.7%。", "35.7%", "total_of_listed_places",
     "广东、江苏、山东、浙江", CARRY),
    ("排名第二的湖南省增长6.3%。", "第二", "ranked_subject", "湖南", CARRY),
    ("安徽进口额占全国1.5万亿元的6%。", "1.5万亿元", "compared_place_total", "全国", CARRY),
    ("出口额占全国（2.1万亿元）的9%。", "2.1万亿元", "bracketed_place_total", "全国", CARRY),
    ("增速高于同期全国数字经济年均增长率（9.8%）约2.6个百分点。", "9.8%", "bracketed_place_total", "全国", CARRY),
    ("山东、河南、四川、陕西四省合计3200亿元，占全国的15%。", "15%", "share_of_total",
     "山东、河南、四川、陕西", CARRY),
    # the count word away from 合计, the whole in brackets between the total and its share
    ("广东、江苏、山东、浙江四省地区生产总值合计40.96万亿元，占全国（126.06万亿元）的32.5%。", "32.5%",
     "share_of_total", "广东、江苏、山东、浙江", CARRY),
    ("北京、上海研发投入强度分别为6.5%和4.2%，二者相差2.3个百分点。", "2.3个百分点", "pair_difference", "北京", CARRY),
    ("日本、韩国分别为30亿美元和20亿美元，合计占全市的25%。", "25%", "after_respectively_run", "某市", CARRY),
    ("星河科技已累计申请专利320项。", "320项", "sentence_topic_actor", "星河科技", CARRY),
    ("全省粮食产量达到650万吨、700万吨。", "700万吨", "continued_list", "某市", CARRY),
    ("全省生产总值增长5.2%，一般公共预算收入增长2.1%。", "2.1%", "own_area", "江西",
     Carry(subject="某地", home="江西")),
    # 全省 in a city's report is its province, not the city (南昌 is in 江西)
    ("全市生产总值增长6.2%，高于全省（5.5%）0.7个百分点。", "5.5%", "own_area", "江西",
     Carry(subject="南昌", home="南昌", home_level="市")),
    # a list counted right after it (三省（区）/ 两省) is the subject together, not its last place
    ("9月末，广东、广西和海南三省（区）金融机构各项存款余额比年初增长8.4%。", "8.4%", "counted_list_in_clause",
     "广东、广西、海南", CARRY),
    ("四川、河南两省GDP均超过6万亿元。", "6万亿元", "counted_list_in_clause", "四川、河南", CARRY),
    ("湖北省地区生产总值5.6万亿元。", "5.6万亿元", "place_in_clause", "湖北", CARRY),
    ("上海、北京、深圳、重庆4个城市的名义增量均超过2000亿元。", "4个", "counted_list_in_clause",
     "上海、北京、深圳、重庆", CARRY),
    # a count of places none of which is named: those places together, not the place carried
    ("2个省份GDP超过2万亿元。", "2个", "counted_unnamed_places", "", Carry(subject="广东", year=2021)),
    ("2个省份GDP超过2万亿元。", "2万亿元", "counted_unnamed_places", "", Carry(subject="广东", year=2021)),
    ("其中3个城市增速超过10%。", "10%", "counted_unnamed_places", "", Carry(subject="苏州", year=2021)),
    # …unless the place carried holds such places (the nation its provinces, a province its cities)
    ("8个省份GDP超过1万亿元。", "8个", "counted_unnamed_places", "全国", Carry(subject="全国", year=2021)),
    ("其中3个城市增速超过10%。", "10%", "counted_unnamed_places", "江苏", Carry(subject="江苏", year=2021)),
    # …or is a region of that many members
    ("3个省区存款余额合计5.2万亿元。", "5.2万亿元", "counted_unnamed_places", "粤桂琼", Carry(subject="粤桂琼", year=1999)),
    # a count that is not the list's length is no group of it
    ("上海、江苏和浙江两省份数字经济规模为9.3万亿元。", "9.3万亿元", "place_in_clause", "浙江", CARRY),
    ("青松集团营收下滑，白鹭集团营业收入由80亿元提升至95亿元。", "95亿元", "organisation_before", "白鹭集团", CARRY),
    ("深圳数字经济规模1.58万亿元，广州1.12万亿元，两市合计2.70万亿元。", "2.70万亿元", "named_places_counted",
     "深圳、广州", CARRY),
    ("湖北经济运行平稳，全年生产总值5.6万亿元。", "5.6万亿元", "place_earlier_in_sentence", "湖北", CARRY),
    ("5.6万亿元的生产总值让湖北位居中部前列。", "5.6万亿元", "place_later_in_clause", "湖北", CARRY),
    ("两地共接待游客120万人次。", "120万人次", "named_group", "川渝", Carry(subject="某市", group="川渝")),
    ("六省合计28.6万亿元。", "28.6万亿元", "counted_places", "", Carry(subject="山西")),
    ("四个沿海省份合计8.2万亿元。", "8.2万亿元", "counted_places", "", Carry(subject="山西")),
    ("三省市合计10.3万亿元。", "10.3万亿元", "counted_places", "京津冀", Carry(subject="京津冀")),
    ("青松集团营业收入85亿元。", "85亿元", "acting_organisation", "青松集团", CARRY),
    ("生产总值排名第5、全国第30。", "第30", "list_after_compared", "某市", CARRY),
    ("9.8%的增速，也高于全国平均值1.2个百分点。", "1.2个百分点", "restated_figure", "江西",
     Carry(subject="安徽", restated=(("9.8%", "一季度GDP", "江西"),))),
    ("全年实现营业收入30亿元。", "30亿元", "carried_subject", "某市", CARRY),
    ("去年A股公司研发支出合计1.2万亿元，同比增长20%。", "1.2万亿元", "collective_in_sentence", "A股公司", CARRY),
]


def _link_of(tokenizer, sentence, surface, carry):
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)
    return next(l for l in links if l.quantity.surface.replace(" ", "") == surface)


@pytest.mark.parametrize("sentence,surface,rule,subject,carry", CASES, ids=[c[2] for c in CASES])
def test_subject_rule(tokenizer, sentence, surface, rule, subject, carry):
    l = _link_of(tokenizer, sentence, surface, carry)
    assert (l.subject_rule, l.subject) == (rule, subject)


def test_every_subject_rule_has_a_case_and_a_docstring():
    assert {r.__name__ for r in SUBJECT_RULES} == {c[2] for c in CASES}
    assert all(r.__doc__ for r in SUBJECT_RULES)


def test_a_method_count_has_no_subject(tokenizer):
    l = _link_of(tokenizer, "本文选取20个指标构建评价体系。", "20个", Carry(subject="某省"))
    assert (l.subject_rule, l.subject) == ("method_count", "")


def test_rule_names_stay_out_of_the_fact_fields(tokenizer):
    l = _link_of(tokenizer, "湖北省地区生产总值5.6万亿元。", "5.6万亿元", CARRY)
    assert "subject_rule" not in l.fields() and "year_rule" not in l.fields()


@pytest.mark.parametrize("sentence,surface,rule,subject", [
    # a company's short name that opens with 中国 is the company, not the country
    ("中国建筑以399亿元的研发支出排名第一。", "399亿元", "acting_organisation", "中国建筑"),
    ("仅中国中车研发支出下滑，中国移动研发支出由2020年的110亿元提升至185亿元，同比增加67%。", "67%",
     "organisation_before", "中国移动"),
    # a list of organisations is the subject as a whole
    ("青松集团公司、白鹭集团公司和红枫集团公司在规模排序中分列前3位，销售收入合计达9956亿元。", "9956亿元", "organisation_before",
     "青松集团公司、白鹭集团公司、红枫集团公司"),
    # …but 中国建筑业 is the country's construction industry
    ("中国建筑业增加值增长5%。", "5%", "place_in_clause", "全国"),
    # a place named before an organisation of an earlier clause leads
    ("北京网际协议地址数增长率为2.3%，端口数增长率为75%。", "75%", "place_earlier_in_sentence", "北京"),
    # words jieba tags as organisations that name none (重大进展) are no subject
    ("城镇化建设取得了重大进展，城镇化率提高到45%。", "45%", "carried_subject", "某市"),
])
def test_an_organisation_named_before_the_figure(tokenizer, sentence, surface, rule, subject):
    l = _link_of(tokenizer, sentence, surface, CARRY)
    assert (l.subject_rule, l.subject) == (rule, subject)


def test_a_place_after_a_comparison_word_is_no_subject(tokenizer):
    """这一数据还高出全国1.5个百分点 / 安徽…高出上海70.24亿元: the place is compared with, not the subject."""
    l = _link_of(tokenizer, "安徽省GDP为9529.1亿元，高出上海70.24亿元。", "70.24亿元", CARRY)
    assert l.subject == "安徽"
    l = _link_of(tokenizer, "这一数据还高出全国1.5个百分点。", "1.5个百分点", Carry(subject="海南", year=2021))
    assert l.subject == "海南"


def test_a_group_after_the_year_opens_its_clause(tokenizer):
    """1999年国家重点企业实现利润总额1105.2亿元: the year before the group does not keep it from being the topic."""
    l = _link_of(tokenizer, "1999年国家重点企业实现利润总额1105.2亿元。", "1105.2亿元", CARRY)
    assert (l.subject_rule, l.subject) == ("collective_in_sentence", "国家重点企业")


def test_an_organisation_set_aside_is_no_subject(tokenizer):
    """如剔除金融公司，A股研发投入强度提升至2.42%: 金融公司 is set aside, not the subject."""
    l = _link_of(tokenizer, "如剔除金融公司，研发投入强度提升至2.42%。", "2.42%", Carry(subject="A股公司", year=2021))
    assert (l.subject_rule, l.subject) == ("carried_subject", "A股公司")


def test_own_area_words_in_a_comparison_name_no_subject(tokenizer):
    """高于全省平均 / 居全市首位: the own area is compared with, it does not act."""
    carry = Carry(subject="某地", home="江西")
    sentence = "省属企业研发投入增速高于全省平均2个百分点。"
    assert [l.subject_rule for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)] \
        == ["carried_subject"]
    sentence = "全省粮食产量650万吨，其中赣州120万吨。"
    assert [l.subject for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)] \
        == ["江西", "赣州"]


def test_in_a_report_on_one_place_a_place_inside_a_predicate_is_no_subject(tokenizer):
    """完成长江经济带…整改，…比例达95%: the place is where something was done; in a report on 江苏 the
    figure is the province's. A place that opens its clause still leads."""
    carry = Carry(subject="江苏", home="江苏")
    sentence = "完成长江经济带生态问题整改，地表水优良比例达95%。"
    assert [(l.subject, l.subject_rule) for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)] \
        == [("江苏", "carried_subject")]
    sentence = "苏州经济运行平稳，全年生产总值2.5万亿元。"
    assert [l.subject for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)] == ["苏州"]
    sentence = "完成长江经济带生态问题整改，地表水优良比例达95%。"
    assert [l.subject for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)] == ["长江经济带"]


def test_a_name_inside_a_document_title_does_not_act(tokenizer):
    sentence = "出台《关于支持清华大学建设一流学科的若干措施》，新增重点学科12个。"
    assert [l.subject for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)] == ["某市"]


def test_a_places_government_acts_for_the_place(tokenizer):
    sentence = "湖北省人民政府实行积极政策，全年投资增长8.1%。"
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)
    assert [l.subject for l in links] == ["湖北"]
    sentence = "从2010年以来中国政府实行稳健的货币政策，通胀率下降为2%。"
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)
    assert [l.subject for l in links] == ["全国"]


def test_a_place_surpassed_is_compared_not_the_subject(tokenizer):
    sentence = "江西首超湖南挤进前五，全年增长8%。"
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)
    assert {l.subject for l in links} == {"江西"}


def test_a_place_a_comparison_word_names_after_the_figure_is_no_subject(tokenizer):
    """7.5%的增速仅次于安徽省，全国排名第二: 安徽 is what the figure is compared with; the rank is not its."""
    carry = Carry(subject="江西", year=2022)
    sentence = "7.5%的增速仅次于安徽省，全国排名第二。"
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)
    assert [(l.quantity.surface, l.subject) for l in links] == [("7.5%", "江西"), ("第二", "江西")]
    # a place after the figure without a comparison word is still its subject
    assert _link_of(tokenizer, "5.6万亿元的生产总值让湖北位居中部前列。", "5.6万亿元", CARRY).subject == "湖北"


def test_the_body_a_report_is_handed_to_is_no_subject(tokenizer):
    """…的报告提请省人大常委会审议，报告称，…支出合计12.5亿元: the standing committee listens; the
    central government acts for the nation."""
    sentence = "财政厅关于2022年决算的报告提请省人大常委会审议，报告称，省本级支出合计12.5亿元。"
    assert {l.subject for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)} \
        == {"财政厅"}
    sentence = "国务院关于决算的报告提请全国人大常委会审议，报告称，中央本级支出合计30.5亿元。"
    assert {l.subject for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)} == {"全国"}
    # a company that speaks of itself keeps its figure
    sentence = "青松集团表示，其2023年营业收入为70亿元。"
    assert [l.subject for l in link(parse_quantities(sentence), sentence, tokenizer, sentence, CARRY)] == ["青松集团"]


def test_a_place_owning_a_figure_is_not_the_whole_or_base_it_is_taken_of(tokenizer):
    """安徽进口额占全国的6% / 中国GDP相当于美国的70%: 全国 and 美国 are the whole and the base."""
    assert _link_of(tokenizer, "安徽进口额占全国的6%。", "6%", CARRY).subject == "安徽"
    assert _link_of(tokenizer, "中国GDP相当于美国的70%。", "70%", CARRY).subject == "全国"
    # a restated figure only restates one written the same
    carry = Carry(subject="安徽", restated=(("9.8%", "一季度GDP", "江西"),))
    assert _link_of(tokenizer, "9.7%的增速，也高于全国平均值1.2个百分点。", "1.2个百分点", carry).subject == "安徽"


def test_a_place_after_a_share_giving_its_own_figure_is_its_subject(tokenizer):
    """占全球产量的31%，巴西为18% / 相当于美国的70%，日本的55%: 为 gives the place its own figure;
    the second list only names more bases."""
    sentence = "去年我国大豆消费量占全球的31%，美国为18%，印度为9%。"
    assert [_link_of(tokenizer, sentence, s, CARRY).subject for s in ("31%", "18%", "9%")] == \
        ["全国", "美国", "印度"]
    listed = "中国人均GDP相当于美国的17%，日本的30%。"
    assert _link_of(tokenizer, listed, "30%", CARRY).subject == "全国"


@pytest.mark.parametrize("sentence,surface,rule,subject", [
    # a place opening the clause counts its own members: the count is the place's
    ("全省11个城市GDP全部超过1000亿元。", "11个", "carried_subject", "江西"),
    # a rank among counted places is the rank of the member that ranks
    ("合肥市进出口规模居全省16个地市首位。", "首位", "place_in_clause", "合肥"),
])
def test_counted_places_that_are_not_the_subject(tokenizer, sentence, surface, rule, subject):
    carry = Carry(subject="江西", year=2023)
    l = _link_of(tokenizer, sentence, surface, carry)
    assert (l.subject_rule, l.subject) == (rule, subject)
