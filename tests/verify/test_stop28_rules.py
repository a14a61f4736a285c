"""Stop 28's relations, each on sentences of our own: a 其中 list after the previous period's level
(上年为X。其中，…), a breakdown opening on the total's name (在X中，…), the previous year's level named
by its year (较2023年的A增加D), a rate's start-of-year value (年初为b%，比年初下降D), a rate compared
with the country's when its own is stated in the sentence before, and rates defined over two levels
(拨备覆盖率, 贷款拨备率, 保险深度)."""

from tests.verify.pipeline_text import checks_on, verdicts

CLAIMS = ("2025年，全市旅游总收入812.6亿元，上年为745.3亿元，同比增长9.0%。"
          "其中，国内旅游收入771.4亿元，入境旅游收入41.2亿元。")


def test_parts_listed_after_the_previous_periods_level():
    [c] = checks_on(CLAIMS, "812.6亿元", "sum")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 812.6)


def test_parts_in_the_next_sentence_only_agree():
    # a 其中 list may leave members out or overlap: a sum that does not add up is never an accusation
    text = CLAIMS.replace("入境旅游收入41.2亿元", "入境旅游收入61.2亿元")
    assert verdicts(text, "812.6亿元", "sum") == ["unverifiable"]


def test_a_breakdown_that_opens_on_the_totals_name():
    text = ("2025年，全县粮食作物播种面积86.4万亩，经济作物播种面积31.7万亩。"
            "在经济作物中，蔬菜播种面积18.2万亩；油料播种面积9.3万亩；中药材播种面积4.2万亩。")
    [c] = checks_on(text, "31.7万亩", "sum")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 31.7)
    # the opening names the second total, not the first
    assert verdicts(text, "86.4万亩", "sum") == []


def test_the_previous_years_level_named_by_its_year():
    text = "2025年，全省快递业务收入356.8亿元，同比增长11.2%，较2024年的320.9亿元增加35.9亿元。"
    [growth] = checks_on(text, "11.2%", "growth")
    assert (growth.verdict, round(growth.recomputed_value, 2)) == ("consistent", 11.19)
    assert verdicts(text, "35.9亿元", "difference") == ["consistent"]
    wrong = text.replace("增加35.9亿元", "增加53.9亿元")
    assert verdicts(wrong, "53.9亿元", "difference") == ["inconsistent"]


def test_a_year_that_is_not_the_previous_one_is_no_base_for_a_yoy_rate():
    text = "2025年，全省快递业务收入356.8亿元，同比增长11.2%，较2020年的210.5亿元增加146.3亿元。"
    assert verdicts(text, "11.2%", "growth") == ["unverifiable"]


def test_a_rate_against_its_value_at_the_start_of_the_year():
    text = "2025年末，全市小额贷款公司逾期贷款率2.36%，年初为2.81%，比年初下降0.45个百分点。"
    assert verdicts(text, "0.45个百分点", "difference") == ["consistent"]
    assert verdicts(text.replace("下降0.45个", "下降0.65个"), "0.65个百分点", "difference") == ["inconsistent"]


def test_a_rate_compared_with_the_countrys_own_stated_before():
    text = ("江西省2025年银行业运行情况\n\n2025年末，全省商业银行资本充足率为14.62%。"
            "同期全国商业银行资本充足率为15.38%，全省资本充足率低于全国平均水平0.76个百分点。")
    [c] = checks_on(text, "0.76个百分点", "difference")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 0.76)
    assert "14.62%" in c.explanation and "15.38%" in c.explanation
    assert verdicts(text.replace("0.76个", "0.96个"), "0.96个百分点", "difference") == ["inconsistent"]


def test_a_rate_compared_with_the_country_when_no_such_rate_of_its_own_is_stated():
    text = ("江西省2025年银行业运行情况\n\n2025年末，全省商业银行资本充足率为14.62%。"
            "全年新增贷款1286.4亿元，增速高于全国平均水平0.76个百分点。")
    assert all(c.verdict == "unverifiable" for c in checks_on(text, "0.76个百分点", "difference"))


def test_provisions_over_bad_loans_and_over_all_loans():
    text = ("2025年末，全市银行业不良贷款余额86.4亿元，各项贷款余额5240.8亿元。"
            "全市银行业贷款损失准备余额172.3亿元，拨备覆盖率199.4%，贷款拨备率3.29%。"
            "全年累计处置不良贷款41.6亿元。")
    [cover] = checks_on(text, "199.4%", "share")
    assert (cover.verdict, round(cover.recomputed_value, 1)) == ("consistent", 199.4)
    assert "86.4亿元" in cover.explanation   # the balance of bad loans, not the loans disposed of
    assert verdicts(text, "3.29%", "share") == ["consistent"]


def test_insurance_depth_over_the_gdp_of_its_own_place():
    text = ("2025年，全省原保险保费收入1480.6亿元。其中，省会城市保费收入612.3亿元。"
            "按全省地区生产总值36210.5亿元计算，保险深度为4.09%。")
    [c] = checks_on(text, "4.09%", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 4.09)


def test_a_decline_narrowed_against_the_earlier_months_rate_in_brackets():
    text = "1—9月，全县建筑业总产值186.2亿元，同比下降6.4%，降幅比1—8月（下降7.9%）收窄1.5个百分点。"
    [c] = checks_on(text, "1.5个百分点", "difference")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 1.5)
    assert verdicts(text.replace("收窄1.5个", "收窄2.5个"), "2.5个百分点", "difference") == ["inconsistent"]
    slower = "1—9月，全县社会消费品零售总额286.2亿元，同比增长4.4%，增速比1—8月（增长5.1%）回落0.7个百分点。"
    assert verdicts(slower, "0.7个百分点", "difference") == ["consistent"]


def test_two_rates_without_a_bracketed_comparand_are_not_compared_by_a_change_verb():
    # 提高 after two rates of two indicators: the change is against last year, not between them
    text = "2025年，全县工业增加值增长6.0%，服务业增加值增长8.2%，增速比上年提高1.2个百分点。"
    assert all(v == "unverifiable" for v in verdicts(text, "1.2个百分点", "difference"))


def test_a_change_against_the_end_of_an_earlier_month():
    text = "9月末，全县商品住宅库存面积146.8万平方米，比8月末的151.3万平方米减少4.5万平方米。"
    assert verdicts(text, "4.5万平方米", "difference") == ["consistent"]
    assert verdicts(text.replace("减少4.5万", "减少5.5万"), "5.5万平方米", "difference") == ["inconsistent"]


def test_the_previous_periods_levels_in_a_later_sentence_of_the_paragraph():
    text = ("1—9月，全县商品房销售面积86.5万平方米，同比下降10.2%。其中，住宅销售面积71.2万平方米。"
            "商品房销售额68.4亿元，同比下降13.0%。上年同期，全县商品房销售面积和销售额分别为96.3万平方米和78.6亿元。")
    [area] = checks_on(text, "10.2%", "growth")
    assert (area.verdict, round(area.recomputed_value, 2)) == ("consistent", -10.18)
    [sales] = checks_on(text, "13.0%", "growth")
    assert (sales.verdict, round(sales.recomputed_value, 2)) == ("consistent", -12.98)


def test_a_listed_pair_of_indicators_shares_the_first_ones_lead():
    from tests.verify.pipeline_text import process

    _, facts, _ = process("上年同期，全县商品房销售面积和销售额分别为96.3万平方米和78.6亿元。")
    assert [f.indicator for f in facts] == ["商品房销售面积", "商品房销售额"]


def test_an_average_price_over_the_two_levels_its_sentence_states():
    text = ("1—9月，全县房地产开发企业土地购置面积21.6万平方米，土地成交价款18.3亿元，"
            "平均土地成交价格为8472元/平方米。")
    [c] = checks_on(text, "8472元/平方米", "average")
    assert (c.verdict, round(c.recomputed_value)) == ("consistent", 8472)
    # a subset's price after the totals' levels is no quotient of theirs
    subset = text.replace("平均土地成交价格", "其中住宅用地均价")
    assert verdicts(subset, "8472元/平方米", "average") == []


def test_an_urban_areas_share_of_its_own_city():
    text = ("芜湖市2025年1—9月房地产市场运行情况\n\n1—9月，全市商品房销售面积386.5万平方米，同比下降10.2%。\n\n"
            "分区域看，市区商品房销售面积252.3万平方米，占全市的65.3%。")
    [c] = checks_on(text, "65.3%", "share")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 65.3)
    # 全省 names the province, not the city the part is inside
    assert verdicts(text.replace("占全市的", "占全省的"), "65.3%", "share") == ["unverifiable"]


SCHOOLS = ("2025年某市教育事业发展统计公报\n\n表1　2025年全市各级各类学校基本情况\n\n"
           "| 学校类别 | 学校数（所） | 上年学校数（所） | 在校生（万人） | 上年在校生（万人） |\n"
           "|---|---:|---:|---:|---:|\n"
           "| 幼儿园 | 1325 | 1402 | 19.86 | 21.54 |\n"
           "| 小学 | 682 | 710 | 45.24 | 46.81 |\n"
           "| 初中 | 321 | 324 | 24.68 | 24.32 |\n\n"
           "2025年，全市共有幼儿园1325所，比上年减少77所。\n\n"
           "**（一）小学。**全市共有小学682所。招生7.25万人；在校生45.24万人，比上年减少1.57万人。\n\n"
           "**（二）初中。**全市共有初中321所。招生8.32万人；在校生24.68万人，比上年增长1.5%。\n")


def test_a_tables_previous_year_column_dates_its_cells_a_year_earlier():
    from tests.verify.pipeline_text import process

    _, facts, _ = process(SCHOOLS, "schools.md")
    cells = {(f.subject, f.indicator, f.year): f.value for f in facts if f.source_kind == "table"}
    assert cells[("幼儿园", "学校数", 2025)] == 1325 and cells[("幼儿园", "学校数", 2024)] == 1402
    assert cells[("小学", "在校生", 2024)] == 46.81


def test_changes_against_the_previous_year_column_of_a_table():
    md = "schools.md"
    assert verdicts(SCHOOLS, "77所", "difference", md) == ["consistent"]       # a count named as its row
    assert verdicts(SCHOOLS, "1.57万人", "difference", md) == ["consistent"]  # the row named by the paragraph
    [growth] = checks_on(SCHOOLS, "1.5%", "growth", md)
    assert (growth.verdict, round(growth.recomputed_value, 2)) == ("consistent", 1.48)
    wrong = SCHOOLS.replace("减少77所", "减少87所")
    assert verdicts(wrong, "87所", "difference", md) == ["inconsistent"]


def test_a_growth_of_one_month_is_never_recomputed_from_year_to_date_columns():
    text = ("表1　2025年11月全国工程机械销售主要指标（单位：万台，%）\n\n"
            "| 指标 | 11月 | 上年同月 | 同比增长 | 1—11月累计 | 上年同期累计 | 累计同比增长 |\n"
            "|---|---|---|---|---|---|---|\n"
            "| 挖掘机销量 | 1.82 | 1.51 | 20.5 | 19.36 | 17.02 | 13.7 |\n"
            "| 装载机销量 | 0.96 | 0.90 | 6.7 | 10.15 | 9.88 | 2.7 |\n")
    from tests.verify.pipeline_text import process

    _, facts, checks = process(text, "machines.md")
    by_id = {f.fact_id: f for f in facts}
    monthly = [c for c in checks if c.kind == "growth" and by_id[c.stated_fact_id].value in (20.5, 6.7)]
    assert monthly and all(c.verdict != "inconsistent" for c in monthly)


def test_a_breakdown_opening_on_a_totals_name_in_the_next_paragraph():
    text = ("2025年末，全县养老床位总数达2860张。其中，机构床位1640张，社区床位1020张，其他床位200张。\n\n"
            "机构床位中，公办机构床位620张，民办机构床位1020张。社区床位中，城市社区床位580张，农村社区床位440张。")
    [homes] = checks_on(text, "1640张", "sum")
    assert (homes.verdict, round(homes.recomputed_value)) == ("consistent", 1640)
    [community] = checks_on(text, "1020张", "sum")
    assert (community.verdict, round(community.recomputed_value)) == ("consistent", 1020)
    # 城市 and 农村 are all the members: parts that do not add up are wrong
    short = text.replace("农村社区床位440张", "农村社区床位340张")
    assert verdicts(short, "1020张", "sum") == ["inconsistent"]
    # parts of no exhaustive set that do not add up may not be all the members: never an accusation
    other = short.replace("城市社区床位", "日间照料床位").replace("农村社区床位", "助餐点床位")
    assert verdicts(other, "1020张", "sum") == ["unverifiable"]


def test_a_point_difference_with_the_compared_rate_written_before_its_name():
    text = "2025年末，全县常住人口城镇化率为58.40%，高于全市同期55.12%的城镇化率3.28个百分点。"
    assert verdicts(text, "3.28个百分点", "difference") == ["consistent"]
    assert verdicts(text.replace("3.28个", "4.28个"), "4.28个百分点", "difference") == ["inconsistent"]


def test_a_multiple_of_two_levels_named_in_the_paragraph_before():
    text = ("2025年末，全县0—14岁人口12.35万人，60岁及以上人口20.48万人。\n\n"
            "60岁及以上人口是0—14岁人口的1.66倍，人口老龄化程度进一步加深。")
    [c] = checks_on(text, "1.66倍", "multiple")
    assert (c.verdict, round(c.recomputed_value, 3)) == ("consistent", 1.658)
    # matched by names only: a multiple that does not agree is never an accusation
    assert verdicts(text.replace("1.66倍", "1.86倍"), "1.86倍", "multiple") == ["unverifiable"]


def test_a_figure_per_hundred_thousand_people_written_in_digits():
    text = ("某市2025年人口抽样调查主要数据公报\n\n2025年末，全市常住人口612.40万人。"
            "全市常住人口中，具有大学（指大专及以上）文化程度的人口126.80万人，"
            "每10万人中具有大学文化程度的人数由2020年的18650人上升为20706人。")
    [c] = checks_on(text, "20706人", "average")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 20705.4)   # 126.80 / 612.40 × 10万


def test_two_differences_against_last_year_and_a_named_year_in_one_sentence():
    text = "2025年，全省高等教育毛入学率为61.3%，比上年的59.8%提高1.5个百分点，较2020年的52.4%提高8.9个百分点。"
    assert verdicts(text, "1.5个百分点", "difference") == ["consistent"]
    [c] = checks_on(text, "8.9个百分点", "difference")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 8.9)
    assert verdicts(text.replace("提高8.9个", "提高9.9个"), "9.9个百分点", "difference") == ["inconsistent"]


def test_bed_days_give_the_rate_of_beds_in_use():
    text = "2025年，全县医疗卫生机构实际开放总床日数186.4万日，实际占用总床日数152.3万日，病床使用率为81.7%。"
    [c] = checks_on(text, "81.7%", "share")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 81.7)


def test_a_plan_completed_with_the_level_reached_stated_the_sentence_before():
    text = ("1—11月，全县完成固定资产投资286.4亿元，同比增长5.2%。"
            "全县年度固定资产投资计划为320亿元，1—11月完成年度计划的89.5%。")
    [c] = checks_on(text, "89.5%", "multiple")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 89.5)


def test_a_citys_share_of_its_province_by_a_name_the_levels_end_with():
    text = ("湖南省2025年保险业运行情况\n\n2025年，全省实现原保险保费收入2310.6亿元。"
            "长沙、衡阳两市原保险保费收入分别为842.1亿元和196.3亿元。其中，长沙市保费收入占全省的36.4%。")
    [c] = checks_on(text, "36.4%", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 36.45)
    # the levels were chosen by a shorter name: a share that does not agree is not accused
    assert verdicts(text.replace("36.4%", "38.4%"), "38.4%", "share") == ["unverifiable"]


def test_a_multiple_of_two_totals_named_before_their_parts():
    text = ("1—9月，全县房屋新开工面积78.3万平方米，其中住宅新开工面积56.1万平方米。"
            "房屋竣工面积103.6万平方米，其中住宅竣工面积81.3万平方米。竣工面积是新开工面积的1.32倍。")
    [c] = checks_on(text, "1.32倍", "multiple")
    assert (c.verdict, round(c.recomputed_value, 3)) == ("consistent", 1.323)


ELECTRICITY = ("2025年上半年全市电力运行情况\n\n上半年，全市全社会用电量612.4亿千瓦时，同比增长7.6%。去年同期，全市全社会用电量为569.2亿千瓦时。"
               "上半年全市日均用电量3.36亿千瓦时。\n\n"
               "分产业看，上半年第一产业用电量5.2亿千瓦时；第二产业用电量398.6亿千瓦时；"
               "第三产业用电量121.3亿千瓦时，同比增长10.9%；城乡居民生活用电量87.3亿千瓦时。\n\n"
               "其中，第三产业用电量去年同期为109.4亿千瓦时。城镇居民生活用电量56.1亿千瓦时，乡村居民生活用电量31.2亿千瓦时。\n\n"
               "注：日均用电量按上半年182天计算。")


def test_a_daily_mean_over_the_days_a_note_states():
    [c] = checks_on(ELECTRICITY, "3.36亿千瓦时", "average")
    assert (c.verdict, round(c.recomputed_value, 3)) == ("consistent", 3.365)
    assert "n = 182 days" in c.explanation


def test_the_previous_periods_level_of_the_indicator_stated_in_a_later_paragraph():
    [c] = checks_on(ELECTRICITY, "10.9%", "growth")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 10.88)
    # only the indicator's own words: the whole's previous level is no base of a part's growth
    other = ELECTRICITY.replace("其中，第三产业用电量去年同期为109.4亿千瓦时。", "")
    assert verdicts(other, "10.9%", "growth") == ["unverifiable"]


def test_the_standard_breakdown_of_electricity_and_an_urban_rural_whole():
    sums = checks_on(ELECTRICITY, "612.4亿千瓦时", "sum")
    assert [(c.verdict, round(c.recomputed_value, 1)) for c in sums] == [("consistent", 612.4)]
    [homes] = checks_on(ELECTRICITY, "87.3亿千瓦时", "sum")
    assert (homes.verdict, round(homes.recomputed_value, 1)) == ("consistent", 87.3)
    # the parts were found by their names in another paragraph: a sum that does not add up is not accused
    wrong = ELECTRICITY.replace("乡村居民生活用电量31.2", "乡村居民生活用电量21.2")
    assert verdicts(wrong, "87.3亿千瓦时", "sum") == ["unverifiable"]


def test_a_growth_over_table_cells_the_text_writes_rounded():
    text = ("某公司2025年年度报告摘要\n\n表1　主要会计数据（单位：元）\n\n"
            "| 项目 | 2025年 | 2024年 | 本年比上年增减（%） |\n|---|---:|---:|---:|\n"
            "| 营业收入 | 3,215,406,118.20 | 2,876,553,902.61 | 11.78 |\n"
            "| 归属于上市公司股东的净利润 | 286,318,450.77 | 241,905,632.18 | 18.36 |\n\n"
            "报告期内，公司实现营业收入32.15亿元，较上年增长11.78%；实现归属于上市公司股东的净利润2.86亿元，较上年增长18.36%。\n")
    [c] = checks_on(text, "18.36%", "growth", "annual.md")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 18.36)   # from the cells, not 2.86 / 2.42
    # a text level the cell does not round to is another figure: no table pair
    other = text.replace("净利润2.86亿元", "净利润2.96亿元")
    assert verdicts(other, "18.36%", "growth", "annual.md") != ["consistent"]


PROVINCES_TABLE = ("# 2025年前三季度部分省份GDP\n\n"
                   "| 排名 | 省份 | 2025年前三季度GDP（亿元） | 2024年前三季度GDP（亿元） | 名义增量（亿元） | 名义增速（%） |\n"
                   "|---|---|---:|---:|---:|---:|\n"
                   "| 1 | 广东 | 102050.61 | 98050.61 | 4000.00 | 4.08 |\n"
                   "| 2 | 江苏 | 96052.16 | 92052.16 | 4000.00 | 4.35 |\n\n"
                   "从名义增量看，广东前三季度GDP比上年同期增加4000.00亿元，名义增长4.08%。\n")


def test_a_tables_increment_column_and_the_text_on_it():
    from tests.verify.pipeline_text import process

    _, facts, checks = process(PROVINCES_TABLE, "provinces.md")
    # 名义增量 = this year's − last year's, in each row; and the text's 4000.00 from the 广东 row's cells
    table = [c for c in checks if c.kind == "difference" and c.where == "table"]
    assert [c.verdict for c in table] == ["consistent"] * 3
    assert verdicts(PROVINCES_TABLE, "4000.00亿元", "difference", "provinces.md") == ["consistent"]
    assert verdicts(PROVINCES_TABLE, "4.08%", "growth", "provinces.md") == ["consistent"]
    cells = {(f.subject, f.indicator, f.year) for f in facts if f.source_kind == "table"}
    assert ("广东", "GDP", 2024) in cells   # 2024年前三季度GDP: the year and period are no part of the name


def test_a_growth_column_is_no_increment_column():
    text = ("# 某公司2025年主要会计数据\n\n"
            "| 项目 | 2025年 | 2024年 | 本年比上年增减（%） |\n|---|---:|---:|---:|\n"
            "| 营业收入 | 455,933.12 | 405,649.95 | 12.40 |\n")
    from tests.verify.pipeline_text import process

    _, _, checks = process(text, "company.md")
    assert not [c for c in checks if c.kind == "difference"]


def test_grain_by_season_adds_up_to_the_years_grain():
    text = ("2025年全县粮食产量公告\n\n2025年全县粮食总产量86.4万吨，比上年增加1.2万吨。\n\n"
            "（一）夏粮。全县夏粮总产量35.2万吨。\n\n（二）早稻。全县早稻总产量4.1万吨。\n\n（三）秋粮。全县秋粮总产量47.1万吨。\n")
    [c] = checks_on(text, "86.4万吨", "sum")
    assert (c.verdict, round(c.recomputed_value, 1)) == ("consistent", 86.4)


def test_grain_seasons_that_do_not_add_up_are_never_accused():
    # a bulletin may count a crop across seasons or a province have no early rice: agreement only
    text = ("2025年全县粮食产量公告\n\n2025年全县粮食总产量96.4万吨，比上年增加1.2万吨。\n\n"
            "（一）夏粮。全县夏粮总产量35.2万吨。\n\n（二）早稻。全县早稻总产量4.1万吨。\n\n（三）秋粮。全县秋粮总产量47.1万吨。\n")
    assert verdicts(text, "96.4万吨", "sum") == ["unverifiable"]
