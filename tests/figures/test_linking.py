"""Tests of kb.figures.linking.link.link: subject, indicator, year/period, claim type, direction, 分别."""

from dataclasses import replace

from kb.figures.linking import Carry, link, next_carry
from kb.figures.quantities import parse_quantities


def run_links(tokenizer, sentence, carry=None):
    return link(parse_quantities(sentence), sentence, tokenizer, "", carry)


def run(tokenizer, sentence, carry=None):
    return {l.quantity.surface.replace(" ", ""): l
            for l in link(parse_quantities(sentence), sentence, tokenizer, "", carry)}


def test_bulletin_sentence_level_and_growth(tokenizer):
    r = run(tokenizer, "2023年湖北省地区生产总值55803.63亿元，比上年增长6.0%。")
    level, growth = r["55803.63亿元"], r["6.0%"]
    assert (level.subject, level.indicator, level.year, level.claim_type) == ("湖北", "地区生产总值", 2023, "level")
    assert (growth.indicator, growth.claim_type, growth.direction) == ("地区生产总值", "growth_rate", "up")


def test_from_to_years_and_share(tokenizer):
    r = run(tokenizer, "2021年中国数字经济规模达45.4万亿元，在GDP中的占比已从2008年的15.2%增长到2021年39.8%。")
    assert r["45.4万亿元"].subject == "全国" and r["45.4万亿元"].indicator == "数字经济规模"
    assert r["15.2%"].year == 2008 and r["39.8%"].year == 2021
    assert r["15.2%"].claim_type == "share"


def test_fenbie_distributes_over_combined_places(tokenizer):
    r = run(tokenizer, "与2014年相比，2022年京冀两地高等院校平均R&D经费支出分别增长2.09倍与3.43倍。")
    a, b = r["2.09倍"], r["3.43倍"]
    assert (a.subject, b.subject) == ("北京", "河北")
    assert a.claim_type == b.claim_type == "multiple" and a.direction == "up"
    assert (a.period_start, a.period_end, a.year) == (2014, 2022, None)
    assert "R&D经费支出" in a.indicator


def test_fenbie_over_a_list_and_ranks(tokenizer):
    r = run(tokenizer, "北京、天津2014—2022年分别增长5.22倍和3.76倍。")
    assert (r["5.22倍"].subject, r["3.76倍"].subject) == ("北京", "天津")
    assert (r["5.22倍"].period_start, r["5.22倍"].period_end) == (2014, 2022)
    r = run(tokenizer, "京津冀三地在指数排名中分别位列第1位、9位、14位。")
    assert [r[k].subject for k in ("第1位", "9位", "14位")] == ["北京", "天津", "河北"]
    assert r["9位"].claim_type == "rank"


def test_comparison_place_is_not_subject(tokenizer):
    r = run(tokenizer, "京津冀数字经济规模占全国比重达到10%。")
    assert (r["10%"].subject, r["10%"].claim_type, r["10%"].indicator) == ("京津冀", "share", "数字经济规模占全国比重")
    r = run(tokenizer, "截至2022年，北京高等院校R&D经费分别为津冀的6.46倍和5.65倍。")
    assert r["6.46倍"].subject == r["5.65倍"].subject == "北京"


def test_difference_change_and_down(tokenizer):
    r = run(tokenizer, "全年粮食产量比上年减少12.5万吨，下降1.2%，城镇化率比上年末提高0.8个百分点。")
    assert r["12.5万吨"].claim_type == "change" and r["12.5万吨"].direction == "down"
    assert r["1.2%"].claim_type == "growth_rate" and r["1.2%"].direction == "down"
    assert r["0.8个百分点"].claim_type == "change" and r["0.8个百分点"].direction == "up"
    r = run(tokenizer, "大湾区的平均增长率比京津冀地区高出6.8个百分点。")
    assert r["6.8个百分点"].claim_type == "difference" and r["6.8个百分点"].subject == "大湾区"


def test_cagr_and_count_noun_after_measure_word(tokenizer):
    r = run(tokenizer, "2000—2020年，京津冀平台型企业注册资本从36.26亿元增加到340.53亿元，年均增长率达11.85%。")
    assert r["36.26亿元"].year == 2000 and r["340.53亿元"].year == 2020
    assert r["11.85%"].claim_type == "cagr" and r["11.85%"].year is None
    assert r["11.85%"].indicator == r["36.26亿元"].indicator
    r = run(tokenizer, "截至2023年10月,京津冀三地已推动179项政务服务事项“同事同标”。")
    assert (r["179项"].indicator, r["179项"].year, r["179项"].claim_type) == ("政务服务事项", 2023, "count")


def test_formula_figures_are_dropped(tokenizer):
    sentence = "将α赋值为0.5，再根据 $D = 2 x + 3$ 计算。"
    from kb.models import Quantity
    q = Quantity(surface="2", start=sentence.index("2 x"), end=sentence.index("2 x") + 1, value=2,
                 value_text="2", value_normalized=2, unit_normalized="count")
    assert link([q], sentence, tokenizer) == []


def test_carry_year_and_subject_to_next_sentence(tokenizer):
    first = "2023年，河南省粮食总产量达1324.9亿斤。"
    links = link(parse_quantities(first), first, tokenizer)
    carry = next_carry(first, links, Carry())
    assert carry.year == 2023 and carry.subject == "河南"
    second = "其中夏粮产量710.6亿斤。"
    (l,) = link(parse_quantities(second), second, tokenizer, "", carry)
    assert (l.subject, l.year) == ("河南", 2023)
    assert l.indicator == "夏粮产量"


def test_relative_year_from_document_year(tokenizer):
    sentence = "去年全市地区生产总值达到8520亿元。"
    (l,) = link(parse_quantities(sentence), sentence, tokenizer, "", Carry(subject="扬州", ref_year=2024))
    assert (l.subject, l.year, l.indicator) == ("扬州", 2023, "地区生产总值")


# --- round 2: actors, scope, method counts, ratios, differences, periods, anaphora ---

def test_company_topic_beats_scope_place_in_predicate(tokenizer):
    r = run(tokenizer, "据公司年报介绍，星海物流已建成覆盖全国的配送网络，业务覆盖全国超30个省份、服务1200家企业。")
    assert r["30个"].subject == "星海物流" and r["1200家"].subject == "星海物流"


def test_demonstrative_topic_resolves_to_named_organisation(tokenizer):
    s = "以江南先进材料研究院为例，截至2023年，该研究院已与长三角多所高校累计转化156项成果。"
    r = run(tokenizer, s)
    assert r["156项"].subject == "江南先进材料研究院" and r["156项"].year == 2023


def test_clause_initial_place_after_topic_is_its_own_subject(tokenizer):
    r = run(tokenizer, "云帆科技已在多地布局，其中浙江门店达到45家。")
    assert r["45家"].subject == "浙江"


def test_scope_words_do_not_make_a_subject(tokenizer):
    r = run(tokenizer, "该省数字经济规模位居全国前列，达到2.1万亿元。", Carry(subject="福建"))
    assert r["2.1万亿元"].subject == "福建"


def test_paper_method_counts_have_no_place_subject(tokenizer):
    r = run(tokenizer, "本研究在上海、江苏、浙江的面板数据基础上，选取12个二级指标构建评价体系。")
    assert r["12个"].subject == ""
    r = run(tokenizer, "可将2010—2020年长三角地区协同发展划分为4个阶段。")
    assert r["4个"].subject == ""
    r = run(tokenizer, "本文将权重系数均赋值为0.3。")
    assert r["0.3"].subject == ""
    # a paper's finding about a place keeps it
    assert run(tokenizer, "本文发现，2020年广东专利授权量增长8.5%。")["8.5%"].subject == "广东"


def test_ratio_terms_take_the_listed_places_in_order(tokenizer):
    r = run(tokenizer, "2023年上海、江苏、浙江三地的独角兽企业数量之比为12 : 5 : 3。")
    assert [r[k].subject for k in ("12", "5", "3")] == ["上海", "江苏", "浙江"]
    r = run(tokenizer, "广东的新型研发机构数量远超湘赣总和（40 : 6 : 2）。")
    assert [r[k].subject for k in ("40", "6", "2")] == ["广东", "湖南", "江西"]
    assert r["40"].indicator == "新型研发机构数量"


def test_difference_belongs_to_the_first_named_and_rank_to_its_place(tokenizer):
    r = run(tokenizer, "长三角的创新指数为41.2，与排名第一的珠三角相差近一倍。")
    assert r["第一"].subject == "珠三角" and r["一倍"].subject == "长三角"
    r = run(tokenizer, "成渝地区和长江中游城市群的平均得分分别为0.52和0.61，二者相差17.3%。")
    assert r["17.3%"].subject == "成渝地区" or r["17.3%"].subject == "成渝"


def test_fenbie_cycles_over_places_for_values_and_ranks(tokenizer):
    r = run(tokenizer, "杭州、宁波分别以0.51和0.33的均值位列一二。")
    assert [r[k].subject for k in ("0.51", "0.33", "一", "二")] == ["杭州", "宁波", "杭州", "宁波"]


def test_excluded_places_are_not_subjects(tokenizer):
    r = run(tokenizer, "除舟山和丽水外，其余城市的指数大致分布于[0.21, 0.35]。", Carry(subject="浙江"))
    assert r["0.21"].subject == "浙江"


def test_since_and_years_since_give_no_year(tokenizer):
    r = run(tokenizer, "自2015年产业联盟成立以来，成渝地区国家级孵化器已发展到36个。", Carry(year=2023))
    assert (r["36个"].year, r["36个"].period_start) == (None, 2015)
    r = run(tokenizer, "五年来，全市粮食产量年均增长2.1%。", Carry(year=2023, ref_year=2024))
    assert r["2.1%"].year is None
    r = run(tokenizer, "研发投入每增加1%，全要素生产率就提高0.12%。", Carry(year=2020))
    assert r["1%"].year is None and r["0.12%"].year is None


def test_period_of_previous_sentence_is_carried(tokenizer):
    carry = next_carry("2015—2023年，安徽高新技术企业数量增长3.2倍。",
                       run_links(tokenizer, "2015—2023年，安徽高新技术企业数量增长3.2倍。"), Carry())
    assert (carry.year, carry.period_start, carry.period_end) == (None, 2015, 2023)
    r = run(tokenizer, "企业数量从1.1万家增至3.5万家。", carry)
    assert r["1.1万家"].year == 2015 and r["3.5万家"].year == 2023


def test_cited_edition_year_for_ranks_only(tokenizer):
    r = run(tokenizer, "据《中国城市创新指数(2021)》显示，苏州位列第5位。")
    assert r["第5位"].year == 2021
    r = run(tokenizer, "《长三角发展报告（2021）》指出，长三角集成电路产业规模已达2500亿元。")
    assert r["2500亿元"].year is None


def test_anaphoric_indicator_takes_the_previous_figures(tokenizer):
    r = run(tokenizer, "其中，成都的技术转移能力均值为30.5，而重庆相应得分为22.4。")
    assert r["22.4"].indicator == "技术转移能力得分"


def test_total_after_a_compared_place_is_that_places(tokenizer):
    r = run(tokenizer, "截至2023年底，珠三角累计建成充电桩12.5万台，占全国272.6万台的4.6%。")
    assert r["272.6万台"].subject == "全国" and r["12.5万台"].subject == "珠三角"


def test_count_qualifier_is_not_the_noun(tokenizer):
    r = run(tokenizer, "2024年城镇新增就业8万人以上。")
    assert r["8万人"].indicator == "城镇新增就业"


def test_national_rank_is_a_scope_not_the_subject(tokenizer):
    carry = Carry(subject="湖南", year=2023)
    r = run(tokenizer, "经济总量稳居全国第8位。", carry)
    assert (r["第8位"].subject, r["第8位"].indicator) == ("湖南", "地区生产总值")
    after = next_carry("经济总量稳居全国第8位。", list(r.values()), carry)
    assert after.subject == "湖南"
    assert run(tokenizer, "全省外贸增速全国领先，达到12%。", carry)["12%"].subject == "湖南"


def test_change_from_a_year_ends_in_the_report_year(tokenizer):
    carry = Carry(subject="湖南", report_year=2023)
    s = "五年来，全省粮食产量由2018年的300万吨增加到360万吨，年均增长3.7%。"
    r = run(tokenizer, s, carry)
    assert r["300万吨"].year == 2018 and r["360万吨"].year == 2023
    cagr = r["3.7%"]
    assert (cagr.year, cagr.period_start, cagr.period_end, cagr.claim_type) == (None, 2018, 2023, "cagr")
    after = next_carry(s, list(r.values()), carry)
    assert after.year == 2023                      # 2018 does not leak into the next sentence
    assert run(tokenizer, "农机总动力达到600万千瓦。", after)["600万千瓦"].year == 2023


def test_multiple_of_an_earlier_year_is_a_period(tokenizer):
    r = run(tokenizer, "2021年某市专利授权量是2016年的3.5倍，技术合同额增长2.1倍。")
    for key in ("3.5倍", "2.1倍"):
        assert (r[key].year, r[key].period_start, r[key].period_end) == (None, 2016, 2021)


def test_pair_word_refers_to_the_pair_named_earlier(tokenizer):
    carry = Carry(subject="珠三角", group="沪苏")
    r = run(tokenizer, "国庆假期，两地共接待游客120万人次，实现旅游收入9.6亿元。", carry)
    assert r["120万人次"].subject == "沪苏" and r["9.6亿元"].subject == "沪苏"


def test_breakdown_after_qizhong_does_not_carry(tokenizer):
    carry = Carry(subject="鄂湘")
    links = run_links(tokenizer, "2023年鄂湘两地手机产量合计900万台，其中湖北500万台、湖南400万台；", carry)
    assert [l.subject for l in links] == ["鄂湘", "湖北", "湖南"]
    assert next_carry("2023年鄂湘两地手机产量合计900万台，其中湖北500万台、湖南400万台；", links, carry).subject == "鄂湘"


def test_planning_verbs_and_fragments_leave_the_indicator(tokenizer):
    r = run(tokenizer, "力争到2027年全市经济总量突破1万亿元。", Carry(subject="南昌"))
    assert r["1万亿元"].indicator == "地区生产总值" and r["1万亿元"].year == 2027
    r = run(tokenizer, "全年湘鄂之间货运量达到3.2亿吨。")
    assert (r["3.2亿吨"].subject, r["3.2亿吨"].indicator) == ("湘鄂", "货运量")


def test_rates_are_shares(tokenizer):
    carry = Carry(subject="湖南", year=2023)
    assert run(tokenizer, "常住人口城镇化率62.5%。", carry)["62.5%"].claim_type == "share"
    assert run(tokenizer, "城镇调查失业率控制在5.3%以内。", carry)["5.3%"].claim_type == "share"
    assert run(tokenizer, "基本养老保险覆盖率达到95%。", carry)["95%"].claim_type == "share"
    assert run(tokenizer, "人口自然增长率为1.2‰。", carry)["1.2‰"].claim_type != "share"
    assert run(tokenizer, "工业增加值增长率为6%。", carry)["6%"].claim_type == "growth_rate"


def test_two_indicators_distributed_by_fenbie(tokenizer):
    r = run(tokenizer, "城镇和农村居民人均消费支出分别为3万元和1.8万元，分别增长5%和7%。", Carry(subject="湖南"))
    assert r["3万元"].indicator == "城镇居民人均消费支出" or r["3万元"].indicator.startswith("城镇")
    assert r["5%"].indicator == r["3万元"].indicator
    assert r["1.8万元"].indicator == r["7%"].indicator != r["3万元"].indicator


def test_a_fenbie_list_of_scopes_before_a_known_indicator_or_of_whole_indicators(tokenizer):
    r = run(tokenizer, "城镇、农村居民人均可支配收入分别增长3.4%、5.2%。", Carry(subject="湖南"))
    assert (r["3.4%"].indicator, r["5.2%"].indicator) == ("城镇居民人均可支配收入", "农村居民人均可支配收入")
    r = run(tokenizer, "全省人均GDP、居民人均可支配收入分别达到7.2万元、3.2万元。", Carry(subject="湖南"))
    assert (r["7.2万元"].indicator, r["3.2万元"].indicator) == ("人均GDP", "居民人均可支配收入")


def test_assigned_weights_have_no_subject(tokenizer):
    r = run(tokenizer, "将两个子系统的权重均赋值为0.5。", Carry(subject="成渝"))
    assert r["0.5"].subject == ""


def test_five_year_plan_periods_and_from_to_rates(tokenizer):
    r = run(tokenizer, "“十二五”期间，全县粮食产量年均增长2.1%。")
    assert (r["2.1%"].year, r["2.1%"].period_start, r["2.1%"].period_end) == (None, 2011, 2015)
    assert r["2.1%"].indicator == "粮食产量"
    r = run(tokenizer, "全省科技投入由2010年的50亿元增加到2015年的100亿元，实现翻一番。")
    assert (r["50亿元"].year, r["100亿元"].year) == (2010, 2015)
    assert (r["翻一番"].year, r["翻一番"].period_start, r["翻一番"].period_end) == (None, 2010, 2015)
    r = run(tokenizer, "“十四五”时期，全市居民收入比2020年翻一番。")
    assert (r["翻一番"].year, r["翻一番"].period_start, r["翻一番"].period_end) == (None, 2020, 2025)


def test_counted_organisations_are_indicators_not_subjects(tokenizer):
    r = run(tokenizer, "新增上市公司12家，上市公司总数超过300家。", Carry(subject="杭州"))
    assert [r["12家"].subject, r["300家"].subject] == ["杭州", "杭州"]


def test_total_over_a_list_is_the_group_or_nothing(tokenizer):
    r = run(tokenizer, "广州、佛山工业增加值分别为100亿元和80亿元，合计180亿元。")
    assert [r["100亿元"].subject, r["80亿元"].subject, r["180亿元"].subject] == ["广州", "佛山", ""]


def test_pair_word_refers_to_the_listed_provinces(tokenizer):
    c = next_carry("本文以江西、安徽两省为样本。", [], Carry())
    assert c.group == "江西、安徽"
    r = run(tokenizer, "两省科技投入增长1.5倍。", c)
    assert r["1.5倍"].subject == "江西、安徽"
    assert r["1.5倍"].indicator == "科技投入"


def test_source_agency_is_not_the_subject_its_place_is(tokenizer):
    r = run(tokenizer, "记者从芜湖市统计局获悉，3月份，全市工业用电量12.5亿千瓦时，同比增长6.1%。", Carry(ref_year=2025))
    assert [r["12.5亿千瓦时"].subject, r["6.1%"].subject] == ["芜湖", "芜湖"]
    assert r["12.5亿千瓦时"].year == 2025   # a month of an undated news item: the document's year
    r = run(tokenizer, "“今年客流平稳，”市交通局相关负责人介绍，“地铁日均客运量达到80万人次。”", Carry(subject="芜湖"))
    assert r["80万人次"].subject == "芜湖"


def test_a_company_is_named_by_its_short_name(tokenizer):
    r = run(tokenizer, "记者从云帆新材料科技股份有限公司获悉，该公司上半年营业收入8.6亿元。")
    assert r["8.6亿元"].subject == "云帆新材料"


def test_list_items_led_by_a_venue_are_about_that_venue(tokenizer):
    r = run(tokenizer, "1. 西塘古镇接待游客30万人次，同比增长8%；2. 河坊街区接待游客12万人次；3. 全市夜间消费额5亿元。",
            Carry(subject="嘉兴"))
    assert [r["30万人次"].subject, r["8%"].subject, r["12万人次"].subject, r["5亿元"].subject] == \
        ["西塘古镇", "西塘古镇", "河坊街区", "嘉兴"]
    assert r["30万人次"].indicator == "接待游客"
    c = next_carry("1. 西塘古镇接待游客30万人次。", run_links(tokenizer, "1. 西塘古镇接待游客30万人次。", Carry(subject="嘉兴")),
                   Carry(subject="嘉兴"))
    assert c.subject == "嘉兴"


def test_base_words_and_months_are_not_indicators(tokenizer):
    r = run(tokenizer, "年末各项存款余额500亿元，比年初增加40亿元；12月份同比增长3.2%。", Carry(subject="某县", year=2023))
    assert r["40亿元"].indicator == r["500亿元"].indicator == "各项存款余额"
    assert r["3.2%"].indicator == "各项存款余额"


def test_the_base_of_a_multiple_is_not_its_indicator(tokenizer):
    r = run(tokenizer, "科技贷款余额900亿元，同比增长30%，增速是全部贷款增速的3倍。", Carry(subject="安徽", year=2023))
    assert "全部贷款" not in r["3倍"].indicator


def test_a_level_of_a_base_year_takes_that_year_and_a_multiple_over_it_none(tokenizer):
    r = run(tokenizer, "2023年，全省旅游收入800亿元，与2018年的400亿元相比翻了一番。")
    assert (r["800亿元"].year, r["400亿元"].year) == (2023, 2018)
    r = run(tokenizer, "2023年某港集装箱吞吐量500万标箱，是2015年吞吐量的5倍。")
    assert (r["5倍"].year, r["5倍"].period_start) == (None, 2015)


def test_figure_in_brackets_after_a_place_and_a_total_of_listed_places(tokenizer):
    r = run(tokenizer, "2023年，长三角地区生产总值占全国（126万亿元）的24%。")
    assert r["126万亿元"].subject == "全国"
    assert r["24%"].subject == "长三角"
    r = run(tokenizer, "江苏、浙江人口分别为8500万和6600万，两省合计1.51亿，占全国的10.7%。")
    assert r["1.51亿"].subject == r["10.7%"].subject == "江苏、浙江"


def test_a_bracketed_member_list_does_not_replace_the_region():
    c = next_carry("长江经济带十一省市（上海、江苏、浙江、安徽、江西、湖北、湖南、重庆、四川、贵州、云南）是重要增长极。", [],
                   Carry())
    assert c.group == "长江经济带"


def test_fenbie_over_economies_and_the_figures_after_the_run(tokenizer):
    s = "我市承接日本、韩国和东盟的外包执行额分别为12.5亿美元、9.8亿美元和7.1亿美元，合计占全市执行额的41.2%。"
    links = run_links(tokenizer, s, Carry(subject="宁波"))
    assert [l.subject for l in links] == ["日本", "韩国", "东盟", "宁波"]
    # the list's last member does not go on to the next sentence
    nxt = run_links(tokenizer, "承接共建“一带一路”国家外包执行额20.3亿美元，增长6.5%。", next_carry(s, links, Carry(subject="宁波")))
    assert [l.subject for l in nxt] == ["共建“一带一路”国家"] * 2
    after = run_links(tokenizer, "全市外贸企业达到850家。", next_carry(s, links, Carry(subject="宁波")))
    assert after[0].subject == "宁波"


def test_fenbie_growths_take_the_indicators_listed_before_them_in_order(tokenizer):
    r = run(tokenizer, "全年技术合同成交额520.3亿元，技术交易额410.6亿元，同比分别增长7.4%和5.9%。")
    assert r["7.4%"].indicator == "技术合同成交额" and r["5.9%"].indicator == "技术交易额"


def test_fenbie_enumerated_items_share_the_head_noun(tokenizer):
    r = run(tokenizer, "全省承接软件开发（SD）、数据处理（DP）和工业设计（ID）营业收入分别为80.5亿元、60.2亿元和30.1亿元。")
    assert [r[k].indicator for k in ("80.5亿元", "60.2亿元", "30.1亿元")] == \
        ["软件开发营业收入", "数据处理营业收入", "工业设计营业收入"]


def test_count_with_its_own_noun_does_not_carry_the_previous_indicator(tokenizer):
    carry = Carry(subject="全国", indicator="研究生学历", year=2023)
    r = run(tokenizer, "25个国家级创新型城市承接技术合同成交额同比增长9.1%。", carry)
    assert r["25个"].indicator == "国家级创新型城市"


def test_year_right_before_tongqi_de_is_the_figures_year(tokenizer):
    r = run(tokenizer, "与2019年同期的320.5亿元相比，营业收入实现翻一番。", Carry(year=2024))
    assert r["320.5亿元"].year == 2019


def test_bare_count_group_refers_to_a_named_group_of_provinces(tokenizer):
    first = "本文研究西北五省区的产业结构。"
    carry = next_carry(first, [], Carry())
    assert carry.group == "西北五省区"
    r = run(tokenizer, "五省区平均城镇化率由2016年的55.2%提高到2021年的61.0%。", replace(carry, subject="甘肃"))
    assert r["55.2%"].subject == "西北五省区" and r["61.0%"].subject == "西北五省区"


def test_undated_from_to_after_a_dated_change_takes_its_span(tokenizer):
    s = "全市地区生产总值由2020年的3200亿元增加到2024年的4100亿元。"
    links = run_links(tokenizer, s, Carry(subject="某市"))
    r = run(tokenizer, "城镇化率由58.1%提高到62.4%。", next_carry(s, links, Carry(subject="某市")))
    assert r["58.1%"].year == 2020 and r["62.4%"].year == 2024


def _ctx_links(tokenizer, sentence, carry=None):
    return link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)


def test_last_year_figure_is_of_the_year_before(tokenizer):
    ls = _ctx_links(tokenizer, "2023年，某县实现地区生产总值320亿元，上年为300亿元。")
    assert [l.year for l in ls] == [2023, 2022]


def test_last_year_multiple_has_a_period_not_a_year(tokenizer):
    ls = _ctx_links(tokenizer, "2022年某市出口额50亿元，是上年20亿元的2.5倍。")
    assert [l.year for l in ls][:2] == [2022, 2021]
    assert (ls[2].year, ls[2].period_start, ls[2].period_end) == (None, 2021, 2022)


def test_rate_comparison_indicator_is_the_growth_of_the_named_thing(tokenizer):
    ls = _ctx_links(tokenizer, "2023年某省进出口总额800亿元，增长7.0%，增速比全国快2.1个百分点。")
    assert ls[-1].indicator.endswith("增速") and "比" not in ls[-1].indicator


def test_domestic_modifies_a_noun_and_names_no_place(tokenizer):
    ls = _ctx_links(tokenizer, "2023年某省接待国内游客3.2亿人次。", Carry(subject="云南"))
    assert ls[0].subject != "全国"


def test_a_comparison_word_right_before_a_figure_is_a_bound(tokenizer):
    """高于全国2.1% compares with a comparand; 均低于20% bounds the figure; 高于乙市的9.5% is 乙市's own."""
    r = run(tokenizer, "甲市出口增速高于全国2.1%，乙市出口增速均低于20%。")
    assert r["2.1%"].claim_type == "difference"
    assert r["20%"].claim_type == "growth_rate"
    r = run(tokenizer, "甲市工业增速为12.3%，高于乙市的9.5%。")
    assert r["9.5%"].claim_type != "difference"
    r = run(tokenizer, "该行业研发强度仍低于3%。")
    assert r["3%"].claim_type != "difference"
    r = run(tokenizer, "甲乙两地的均值分别为0.40和0.59，二者相差47.5%。")
    assert r["47.5%"].claim_type == "difference"


def test_a_phrase_that_only_says_how_a_figure_is_measured_takes_the_figure_before(tokenizer):
    """两年平均增长 / 扣除物价因素实际增长 / 这一数据: the figure measures what the one before does, in its
    sentence or, opening a sentence, in the one before."""
    r = run(tokenizer, "一季度，湖南省社会消费品零售总额同比增长30.2%，两年平均增长6.1%。", Carry(subject="湖南", year=2021))
    assert r["6.1%"].indicator == "社会消费品零售总额"
    r = run(tokenizer, "居民人均消费支出2.1万元，比上年增长5.2%，扣除物价因素实际增长3.1%。", Carry(subject="某市", year=2023))
    assert r["3.1%"].indicator == "居民人均消费支出"
    carry = Carry(subject="某省", year=2021, indicator="规模以上工业增加值")
    r = run(tokenizer, "剔除去年同期低基数影响，两年平均增幅为8.2%。", carry)
    assert r["8.2%"].indicator == "规模以上工业增加值"
    r = run(tokenizer, "这一数据高出全国1.2个百分点。", carry)
    assert r["1.2个百分点"].indicator == "规模以上工业增加值"


def test_a_marker_opening_the_phrase_qualifies_the_noun_after_it(tokenizer):
    """累计固定资产投资增长率为18.7%: 累计 stands before the noun, not after it."""
    r = run(tokenizer, "今年累计固定资产投资增长率为12.4%。", Carry(subject="某省", year=2023))
    assert r["12.4%"].indicator == "固定资产投资增长率"
    r = run(tokenizer, "全年累计完成固定资产投资800亿元。", Carry(subject="某省", year=2023))
    assert r["800亿元"].indicator != ""


def test_a_phrase_naming_who_is_no_indicator(tokenizer):
    """其中辉瑞制药甚至达到25%: a company's name before the figure says whose, not what; the figure
    measures what the one before it does."""
    r = run(tokenizer, "2021年研发强度均在10%以上，其中辉瑞制药甚至达到25%。", Carry(subject="某行业", year=2021))
    assert r["25%"].indicator == r["10%"].indicator == "研发强度"
    r = run(tokenizer, "全年CPI涨幅2.3%左右。", Carry(subject="全国", year=2017))
    assert r["2.3%"].indicator == "CPI涨幅"


def test_a_growth_named_after_its_figure(tokenizer):
    """20.9%的高速增长, 58.3%的GDP同比增速, about 6.5% annually: the figure is a growth rate."""
    r = run(tokenizer, "甲省财政收入则出现20.9%的高速增长。")
    assert r["20.9%"].claim_type == "growth_rate"
    r = run(tokenizer, "湖北目前58.3%的GDP同比增速领跑全国。")
    assert r["58.3%"].claim_type == "growth_rate"
    r = run(tokenizer, "GDP growth may reach about 6.5% in 2017.")
    assert r["6.5%"].claim_type == "growth_rate"
    r = run(tokenizer, "甲省城镇化率为61.2%。")
    assert r["61.2%"].claim_type != "growth_rate"


def test_a_figure_restated_for_another_period_or_a_comparand_is_of_the_same_kind(tokenizer):
    """占比为55.1%，2015年为54.3%; 增速19.5%，高于乙省的19.2%、丙省的18.6%: the same kind of figure again,
    not a level; 所占比重由上年的57.8%提高到65.2% is no comparison (比重 is no 比)."""
    r = run(tokenizer, "2014年甲省青年就业占比为55.1%，2015年为54.3%，2016年为53.4%。")
    assert [r[k].claim_type for k in ("55.1%", "54.3%", "53.4%")] == ["share"] * 3
    r = run(tokenizer, "甲省GDP同比增长19.5%，高于乙省的19.2%、丙省的18.6%。")
    assert [r[k].claim_type for k in ("19.5%", "19.2%", "18.6%")] == ["growth_rate"] * 3
    r = run(tokenizer, "外商直接投资比上年增长0.2%，所占比重由上年的57.8%提高到65.2%。")
    assert r["57.8%"].claim_type != "growth_rate"


def test_the_noun_a_count_counts_is_not_the_next_figures_indicator(tokenizer):
    """其中6个城市GDP增速超过9.1%的全省平均水平: the 9.1 % measures GDP growth, not 城市GDP."""
    r = run(tokenizer, "其中6个城市GDP增速超过9.1%的全省平均水平。", Carry(subject="江西", year=2022))
    assert r["9.1%"].indicator == "GDP增速"
    r = run(tokenizer, "有3家企业营业收入超过50亿元。", Carry(subject="江西", year=2022))
    assert r["50亿元"].indicator == "营业收入"


def test_a_growth_compared_names_its_own_base(tokenizer):
    """GDP增速比全国高1.5个百分点: the difference is of GDP growth; 增速比全国高 takes the figure before's."""
    r = run(tokenizer, "海南省GDP增速比全国高1.5个百分点。")
    assert r["1.5个百分点"].indicator == "GDP增速"
    r = run(tokenizer, "全年工业增加值增长6%，增速比全国高1.4个百分点。", Carry(subject="江西", year=2022))
    assert r["1.4个百分点"].indicator == "工业增加值增速"


def test_a_figure_restated_after_a_paragraph_break_keeps_its_indicator(tokenizer):
    """…一季度GDP同比增长9.8%。¶ 9.8%的同比增速仅次于安徽: the restated figure measures GDP growth,
    and so does the difference the next sentence states; only a figure written the same is restated."""
    first = "江西省一季度GDP为2800亿元，同比增长9.8%。"
    carry = next_carry(first, run_links(tokenizer, first, Carry(year=2022)), Carry(year=2022))
    carry = replace(carry, indicator="")   # a new paragraph starts without the last indicator
    second = "9.8%的同比增速仅次于安徽省。这一数据还高出全国1.5个百分点。"
    links = run_links(tokenizer, second, carry)
    assert [l.indicator for l in links][:1] == ["地区生产总值"]
    other = run_links(tokenizer, "9.7%的同比增速仅次于安徽省。", carry)
    assert other[0].indicator != "地区生产总值"


def test_last_years_value_compared_with_is_last_years_and_of_the_same_kind(tokenizer):
    """定为14%，低于去年15.3%的水平: the 15.3 % is last year's growth rate, not a difference."""
    r = run(tokenizer, "今年将M2的增长率定为14%，低于去年15.3%的水平。", Carry(year=1999))
    assert (r["15.3%"].claim_type, r["15.3%"].year, r["15.3%"].indicator) == ("growth_rate", 1998, "M2的增长率")
    assert (r["14%"].year, r["14%"].indicator) == (1999, "M2的增长率")
    # without 的水平 after it the figure is no compared value
    r = run(tokenizer, "工业增加值增长6%，比去年提高1.2个百分点。", Carry(year=1999))
    assert r["1.2个百分点"].year == 1999


def test_an_indicator_named_by_an_enumeration_is_kept_whole_without_its_verb(tokenizer):
    """完成基本建设、更新改造和房地产开发投资1542.42亿元: the list of investment kinds, not its tail."""
    r = run(tokenizer, "三省完成基本建设、更新改造和房地产开发投资1542.42亿元，比上半年增幅回落5.2个百分点。",
            Carry(year=1999))
    assert r["1542.42亿元"].indicator == "基本建设、更新改造和房地产开发投资"
    # 比上半年增幅 names a period and a measure: the change is of the investment
    assert r["5.2个百分点"].indicator == "基本建设、更新改造和房地产开发投资"
    r = run(tokenizer, "全年实现营业收入30亿元。", Carry(year=2023))
    assert r["30亿元"].indicator == "营业收入"


def test_a_respectively_list_of_two_indicators_over_runs_of_figures(tokenizer):
    """A和B分别从a、b提高到c、d: a and c are A's, b and d are B's."""
    r = run(tokenizer, "常住人口城镇化率和户籍人口城镇化率分别从2012年的35.33%、52.57%提高到2018年的43.37%、59.58%。")
    assert [r[k].indicator for k in ("35.33%", "52.57%", "43.37%", "59.58%")] == \
        ["常住人口城镇化率", "户籍人口城镇化率", "常住人口城镇化率", "户籍人口城镇化率"]


def test_a_clause_saying_who_speaks_names_no_indicator(tokenizer):
    """业内人士分析，两省的增速均为5.8%: the speaker is no indicator; the growth is of the one carried."""
    r = run(tokenizer, "业内人士分析，湖北、安徽两省的增速均为5.8%。", Carry(indicator="地区生产总值", year=2024))
    assert r["5.8%"].indicator == "地区生产总值"
    r = run(tokenizer, "分析人士指出，全年粮食产量将达到7亿吨。", Carry(indicator="地区生产总值", year=2024))
    assert r["7亿吨"].indicator == "粮食产量"


def test_a_bracketed_place_total_is_named_between_the_place_and_the_bracket(tokenizer):
    def named(sentence):
        return {l.quantity.surface: l.indicator for l in link(parse_quantities(sentence), sentence, tokenizer,
                                                              sentence, Carry(subject="江西"))}
    loans = named("全省人民币各项贷款余额61068.2亿元，比年初增加5495.3亿元，占全国人民币贷款增量（18.09万亿元）的3.0%。")
    assert (loans["61068.2亿元"], loans["18.09万亿元"]) == ("人民币各项贷款余额", "人民币贷款增量")
    # a level word names no measure of its own: the sentence's indicator stays
    level = named("全省人均GDP为8.2万元，是全国人均水平（9.6万元）的85.4%。")
    assert level["9.6万元"] == level["8.2万元"]


def test_a_bare_measure_after_an_items_other_measure_is_that_items(tokenizer):
    # 油菜播种面积…，总产量…: the 总产量 is the 油菜's (油菜产量); a measure of its own item stays its own
    r = run(tokenizer, "2030年全省油菜播种面积802.6万亩，总产量151.2万吨，比上年增长0.8%。")
    assert [r[k].indicator for k in ("802.6万亩", "151.2万吨", "0.8%")] == ["油菜播种面积", "油菜产量", "油菜产量"]
    r = run(tokenizer, "2030年全省棉花产量45.6万吨，油菜产量151.2万吨。")
    assert [r[k].indicator for k in ("45.6万吨", "151.2万吨")] == ["棉花产量", "油菜产量"]


def test_a_count_of_provinces_passes_its_measure_on_not_its_noun(tokenizer):
    # …GDP总量超1万亿元的省份共8个…。甲省以…居首: the next sentence's figures are GDP, not 省份
    first = "2030年一季度GDP总量超1万亿元的省份共8个，分别是：广东省、江苏省、山东省。"
    carry = next_carry(first, run_links(tokenizer, first))
    r = run(tokenizer, "广东省以27117.96亿元居于全国首位；山东省以18055.5亿元排名第三。", carry)
    assert (r["27117.96亿元"].indicator, r["18055.5亿元"].indicator) == ("地区生产总值", "地区生产总值")


def test_a_release_announced_names_its_measure_without_the_announcement(tokenizer):
    r = run(tokenizer, "4月25日，上海2030第一季度GDP数据正式发布，为9458.86亿元。")
    assert (r["9458.86亿元"].subject, r["9458.86亿元"].indicator) == ("上海", "地区生产总值")


def test_a_predicate_after_the_measure_leaves_the_indicator(tokenizer):
    # what happened to the measure (将趋稳, 相对较高, 又出台) is not what it is
    r = run(tokenizer, "全省工业投资增速将趋稳，约为6.5%左右。")
    assert r["6.5%"].indicator == "工业投资增速"
    r = run(tokenizer, "软件企业研发强度相对较高，达到12.4%。")
    assert r["12.4%"].indicator == "软件企业研发强度"
    r = run(tokenizer, "当年又出台5项税费优惠政策。")
    assert r["5项"].indicator == "税费优惠政策"


def test_places_listed_after_yici_wei_take_the_figures_of_the_fenbie_list(tokenizer):
    # 依次为 lists the places in order: they are no comparison's base
    r = run(tokenizer, "全国粮食产量排名前三位的省份依次为黑龙江、河南、山东，产量分别为1557.6亿斤、1312.8亿斤和1108.8亿斤。",
            Carry(subject="河南"))
    assert [r[k].subject for k in ("1557.6亿斤", "1312.8亿斤", "1108.8亿斤")] == ["黑龙江", "河南", "山东"]


def test_a_view_naming_a_measure_gives_the_first_figure_its_indicator(tokenizer):
    # 从经济总量看: the measure of a figure whose clause names none; the next figures keep the previous one's
    r = run(tokenizer, "从经济总量看，成都以5520.8亿元继续位居首位，青岛以3660.3亿元排名第二。")
    assert r["5520.8亿元"].indicator == "地区生产总值"
    r = run(tokenizer, "从存款结构看，住户存款余额5000.0亿元，比年初增加500.0亿元。")
    assert (r["5000.0亿元"].indicator, r["500.0亿元"].indicator) == ("住户存款余额", "住户存款余额")
    # 从增速看: a view of rates names no measure
    r = run(tokenizer, "从增速看，成都增长6.2%。", Carry(indicator="地区生产总值"))
    assert r["6.2%"].indicator != "增速"


def test_a_place_compared_with_leaves_no_comparison_in_the_indicator(tokenizer):
    r = run(tokenizer, "一季度青岛GDP比郑州多311.8亿元。")
    assert r["311.8亿元"].indicator == "地区生产总值"


def test_a_figure_compared_with_leaves_no_comparison_in_the_indicator(tokenizer):
    r = run(tokenizer, "年末全市户籍人口815.27万人，常住人口比户籍人口多143.09万人。")
    assert r["143.09万人"].indicator == "常住人口"


def test_a_ratio_named_with_bi_and_words_opening_on_zai_keep_their_characters(tokenizer):
    r = run(tokenizer, "小学专任教师27.85万人，生师比为16.24∶1。")
    assert r["16.24∶1"].indicator == "生师比" if "16.24∶1" in r else True
    r = run(tokenizer, "在校生452.36万人，比上年减少15.74万人。")
    assert r["452.36万人"].indicator == "在校生"


def test_a_count_names_what_it_counts_in_a_statistical_release(tokenizer):
    # the tagger calls 民办学校 and 公立医院 names, and 本科学历 a proper noun: before a count they
    # still say what is counted; 共有 / 拥有 leave a two-character noun to name it
    r = run(tokenizer, "学校中，公办学校320所，民办学校85所。")
    assert (r["320所"].indicator, r["85所"].indicator) == ("公办学校", "民办学校")
    r = run(tokenizer, "按学历分，本科学历教师12.5万人，研究生学历教师3.2万人。")
    assert (r["12.5万人"].indicator, r["3.2万人"].indicator) == ("本科学历教师", "研究生学历教师")
    assert run(tokenizer, "年末全市共有医院420个。")["420个"].indicator == "医院"
    assert run(tokenizer, "全市有公办学校320所。")["320所"].indicator == "公办学校"
    r = run(tokenizer, "医院中，公立医院135个，民营医院285个。")
    assert (r["135个"].subject, r["135个"].indicator, r["285个"].indicator) == ("", "公立医院", "民营医院")
    # a change after the level keeps the level's noun; 有效 is no 有 of existence, 拥有量 no 拥有
    assert run(tokenizer, "全县规模以上工业企业达到136家，比上年末净增12家。")["12家"].indicator == "规模以上工业企业"
    assert run(tokenizer, "有效发明专利拥有量增长12%。")["12%"].indicator == "有效发明专利拥有量"   # 拥有量: no marker


def test_terms_of_statistical_releases_keep_their_first_and_last_character(tokenizer):
    # 在园 / 在岗 / 在建 are "enrolled / on the job / under construction", not the preposition 在;
    # 高中 / 初中 are schools, not the locative 中
    r = run(tokenizer, "在园幼儿198.62万人，比上年减少16.78万人。全市在岗职工平均工资增长5%。")
    assert (r["198.62万人"].indicator, r["16.78万人"].indicator, r["5%"].indicator) == \
        ("在园幼儿", "在园幼儿", "在岗职工平均工资")
    r = run(tokenizer, "民办初中285所，民办普通高中158所。")
    assert (r["285所"].indicator, r["158所"].indicator) == ("民办初中", "民办普通高中")
    assert run(tokenizer, "在工业中，制造业增加值增长6%。")["6%"].indicator == "制造业增加值"


def test_a_population_that_grows_is_named_whole(tokenizer):
    # 自然增长人口 is a noun (the natural increase of population), not 自然 then the verb 增长
    r = run(tokenizer, "全年自然增长人口0.45万人，净迁入人口8.09万人。全市常住人口增长0.9%。")
    assert (r["0.45万人"].indicator, r["8.09万人"].indicator) == ("自然增长人口", "净迁入人口")
    assert r["0.9%"].claim_type == "growth_rate"
