"""kb.search.claim_parse: a claim's figures read with the documents' linker and identity pass."""

from __future__ import annotations

from kb.search.claim_parse import parse_claim, share_part, unlisted_place


def test_a_claim_gets_the_identity_fields_of_a_fact(tokenizer):
    [f] = parse_claim("2021年一季度广东省GDP同比增长18.6%", tokenizer)
    assert (f.subject_key, f.indicator_key, f.measure, f.year) == ("广东", "GDP", "yoy_growth", 2021)
    assert (f.period_start_month, f.period_end_month, f.status) == ("2021-01", "2021-03", "actual")


def test_scope_basis_and_status_of_a_claim(tokenizer):
    [scoped] = parse_claim("2023年湖南规上工业增加值增长7.6%", tokenizer)
    assert (scoped.indicator_key, scoped.scope) == ("工业增加值", "规模以上")
    [nominal] = parse_claim("2023年湖南地区生产总值名义增长6.1%", tokenizer)
    assert nominal.basis == "nominal"
    [target] = parse_claim("2024年湖南地区生产总值增长目标为5.5%", tokenizer)
    assert target.status == "target"


def test_a_share_is_about_its_part(tokenizer):
    [f] = parse_claim("2022年湖北绿色信贷余额占湖北、湖南两省总量的比重为64.8%", tokenizer)
    assert f.subject_key == "湖北"
    assert share_part(f, "2022年湖北绿色信贷余额占湖北、湖南两省总量的比重为64.8%") == "湖北"


def test_a_county_the_gazetteer_does_not_list():
    assert unlisted_place("2023年桐源县地区生产总值218.6亿元") == "桐源县"
    # after a period word without a year, or a year and its months
    assert unlisted_place("前三季度桐江市居民人均可支配收入增长5.1%") == "桐江市"
    assert unlisted_place("前三季度瑞金市居民人均可支配收入增长5.1%") == ""     # 瑞金 is listed
    assert unlisted_place("2024年前8个月桐源县出口增长6%") == "桐源县"
    assert unlisted_place("全市地区生产总值218.6亿元") == ""
    assert unlisted_place("2023年1-7月桐源县规模以上工业增加值增长6.4%") == "桐源县"   # a year and months


def test_an_unlisted_county_is_the_subject_not_part_of_the_indicator(tokenizer):
    [f] = parse_claim("2023年1-7月桐源县规模以上工业增加值增长6.4%", tokenizer)
    assert (f.subject, f.indicator, f.indicator_key, f.scope) == ("桐源县", "规模以上工业增加值", "工业增加值", "规模以上")


def test_years_of_a_span_fill_a_growth_the_linker_left_undated(tokenizer):
    [f] = parse_claim("2014—2022年京津冀科技企业孵化器总量增长1.51倍", tokenizer)
    assert (f.period_start, f.period_end) == (2014, 2022)


def test_places_listed_before_a_claims_only_figure_are_its_group(tokenizer):
    [f] = parse_claim("2023年山东、河南、四川、陕西生产总值为24.51万亿元", tokenizer)
    assert f.subject_key == "山东、河南、四川、陕西"
    assert parse_claim("2023年山东、河南地区生产总值分别为9.21万亿元和5.91万亿元", tokenizer)[1].subject_key == "河南"


def test_a_count_of_unnamed_places_is_neither_the_whole_nor_the_nation(tokenizer):
    level, share = parse_claim("2023年四个沿海省份合计地区生产总值52000亿元，占全国的41.2%", tokenizer)
    assert (level.subject, share.subject) == ("四个沿海省份", "四个沿海省份")


def test_a_month_written_with_fen_leaves_nothing_of_it_in_the_indicator(tokenizer):
    [f] = parse_claim("2024年10月份规上工业发电量7328.6亿千瓦时", tokenizer)
    assert (f.indicator, f.period_start_month, f.period_end_month) == ("规上工业发电量", "2024-10", "2024-10")


def test_a_company_opening_a_claim_is_its_subject(tokenizer):
    [f] = parse_claim("白沙银行2024年实现净利润48.37亿元", tokenizer)
    assert (f.subject, f.indicator) == ("白沙银行", "净利润")
    [f] = parse_claim("2024年全国社会消费品零售总额48.8万亿元", tokenizer)
    assert f.subject == "全国"


def test_a_company_short_name_opening_a_claim_before_its_year_is_its_subject(tokenizer):
    # 江南精机2024年…: no place, no company suffix: the name before the year is what the claim is about
    (fact,) = parse_claim("江南精机2024年归属于上市公司股东的净利润同比增长18.1%", tokenizer)
    assert fact.subject == "江南精机"
    (fact,) = parse_claim("GDP2024年增长5.0%", tokenizer)
    assert fact.subject != "GDP"
