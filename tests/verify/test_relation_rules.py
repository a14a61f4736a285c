"""One case per relation rule of kb.verify.relations.find.RULES: a sentence written for the
rule, the rule that must fire (Relation.rule) and the bases it must find."""

import pytest

from kb.models import Fact, stable_id
from kb.verify.relations import Context, find_relation
from kb.verify.relations.find import RULES

# unit as written → (normalised unit, scale)
UNITS = {"亿元": ("CNY", 1e8), "元": ("CNY", 1.0), "个": ("count", 1), "户": ("household", 1), "万人": ("count", 1e4), "万吨": ("t", 1e4), "倍": ("times", 1),
         "%": ("%", 1), "‰": ("%", 0.1),
         "个百分点": ("pp", 1), "": ("score", 1)}


def fig(surface, claim_type, **fields):
    """A figure of the text: its surface (digits and unit), claim type and other fields."""
    return surface, claim_type, fields


def cell(subject, indicator, year, value, claim_type="level", quote="", table_id="t1"):
    """A table cell in 亿元 (or % for a growth rate)."""
    unit, scale = ("%", 1.0) if claim_type == "growth_rate" else ("CNY", 1e8)
    return Fact(fact_id=stable_id("t", table_id, subject, indicator, year, claim_type), doc_id="d",
                char_start=0, char_end=1, quote=quote or f"表1｜{subject}｜{indicator}", subject=subject,
                indicator=indicator, year=year, value=value, value_text=str(value), unit="%" if unit == "%" else "亿元",
                scale=scale, value_normalized=value * scale, unit_normalized=unit, claim_type=claim_type,
                source_kind="table", table_id=table_id)


def doc(text, *figs, cells=()):
    """(Context, text facts) for a text whose figures are found in order."""
    facts, pos = [], 0
    for surface, claim_type, fields in figs:
        start = text.index(surface, pos)
        pos = start + len(surface)
        unit = next(u for u in sorted(UNITS, key=len, reverse=True) if surface.endswith(u))
        digits = surface[: len(surface) - len(unit)] if unit else surface
        normal, scale = UNITS[unit]
        facts.append(Fact(fact_id=stable_id("f", start), doc_id="d", char_start=start, char_end=pos, quote=text,
                          value=float(digits), value_text=digits, unit=unit, scale=scale,
                          value_normalized=float(digits) * scale, unit_normalized=normal, claim_type=claim_type,
                          **fields))
    return Context(text, [], facts + list(cells)), facts


def fired(ctx, stated):
    rel = find_relation(ctx, stated)
    assert rel is not None
    return rel.rule, [f.value for f in rel.inputs]


def test_every_rule_has_a_docstring_and_a_test():
    names = {rule.__name__ for _, rule in RULES}
    assert all(rule.__doc__ for _, rule in RULES)
    tested = {name[len("test_"):] for name in globals() if name.startswith("test_rule_")}
    assert names <= tested, names - tested


def test_rule_from_to_pair():
    ctx, f = doc("甲县财政收入从80亿元增加到100亿元，增长25.0%。",
                 fig("80亿元", "level"), fig("100亿元", "level"), fig("25.0%", "growth_rate"))
    assert fired(ctx, f[2]) == ("rule_from_to_pair", [80.0, 100.0])


def test_rule_level_and_change():
    ctx, f = doc("乙市出口额120亿元，比上年增加20亿元，增长20.0%。",
                 fig("120亿元", "level"), fig("20亿元", "change"), fig("20.0%", "growth_rate"))
    assert fired(ctx, f[2]) == ("rule_level_and_change", [120.0, 20.0])
    assert find_relation(ctx, f[2]).mode == "change_up"


def test_rule_level_and_change_never_mixes_constant_and_current_prices():
    ctx, f = doc("按可比价计算，乙市产值120亿元，比上年增加20亿元，增长20.0%。",
                 fig("120亿元", "level"), fig("20亿元", "change"), fig("20.0%", "growth_rate"))
    rel = find_relation(ctx, f[2])
    assert rel.rule == "rule_level_and_change" and not rel.inputs and "constant prices" in rel.reason


def test_rule_previous_level():
    who = dict(subject="丙县", indicator="税收收入")
    ctx, f = doc("2022年丙县税收收入为40亿元。2023年丙县税收收入为50亿元，增长25.0%。",
                 fig("40亿元", "level", year=2022, **who), fig("50亿元", "level", year=2023, **who),
                 fig("25.0%", "growth_rate", year=2023, **who))
    assert fired(ctx, f[2]) == ("rule_previous_level", [40.0, 50.0])


def test_rule_prior_level_after():
    ctx, f = doc("2024年净利润7.02亿元，同比增长18.0%，上年同期为5.95亿元。",
                 fig("7.02亿元", "level", year=2024), fig("18.0%", "growth_rate", year=2024),
                 fig("5.95亿元", "level", year=2023))
    assert fired(ctx, f[1]) == ("rule_prior_level_after", [5.95, 7.02])


def test_rule_prior_level_before():
    ctx, f = doc("上半年充电服务收入36.8亿元，去年同期为23.2亿元，同比增长58.6%，是去年同期的1.59倍。",
                 fig("36.8亿元", "level", year=2030), fig("23.2亿元", "level", year=2029),
                 fig("58.6%", "growth_rate", year=2030), fig("1.59倍", "ratio", year=2030))
    assert fired(ctx, f[2]) == ("rule_prior_level_before", [23.2, 36.8])


def test_rule_ratio_of_prior_period():
    ctx, f = doc("上半年充电服务收入36.8亿元，去年同期为23.2亿元，同比增长58.6%，是去年同期的1.59倍。",
                 fig("36.8亿元", "level", year=2030), fig("23.2亿元", "level", year=2029),
                 fig("58.6%", "growth_rate", year=2030), fig("1.59倍", "ratio", year=2030))
    assert fired(ctx, f[3]) == ("rule_ratio_of_prior_period", [23.2, 36.8])


def test_an_adjusted_rate_after_the_pair_is_not_of_it():
    # …比上年同期的A减少D，同比下降2.7%，扣除…因素后，可比增长1.2%左右: only the first rate is A → B's
    from tests.verify.pipeline_text import verdicts

    text = ("1—8月，全市财政收入1488.1亿元，比上年同期的1529.1亿元减少41.0亿元，同比下降2.7%，"
            "扣除上年同期缓税入库抬高基数等特殊因素影响后，可比增长1.2%左右。")
    assert verdicts(text, "2.7%", "growth") == ["consistent"]
    assert "inconsistent" not in verdicts(text, "1.2%左右")


def test_rule_earlier_year_level_stays_in_its_clause_run():
    ctx, f = doc("2024年营业收入86.40亿元，较上年的76.80亿元增长12.5%；净利润7.02亿元，同比增长18.0%。",
                 fig("86.40亿元", "level", year=2024), fig("76.80亿元", "level", year=2023),
                 fig("12.5%", "growth_rate", year=2024), fig("7.02亿元", "level", year=2024),
                 fig("18.0%", "growth_rate", year=2024))
    rel = find_relation(ctx, f[4])
    assert rel is None or not rel.inputs


def test_rule_difference_with_prior_value():
    ctx, f = doc("毛利率为27.6%，较上年的26.3%提高1.3个百分点。",
                 fig("27.6%", "share"), fig("26.3%", "share"), fig("1.3个百分点", "difference"))
    assert fired(ctx, f[2]) == ("rule_difference_with_prior_value", [26.3, 27.6])


def test_rule_change_after_rate():
    ctx, f = doc("年末丁县贷款余额550亿元，同比增长10.0%，较年初增加50亿元。",
                 fig("550亿元", "level"), fig("10.0%", "growth_rate"), fig("50亿元", "change"))
    assert fired(ctx, f[1]) == ("rule_change_after_rate", [550.0, 50.0])


def test_a_mid_year_balance_change_since_january_is_no_years_change():
    """6月末…余额25.32万亿元，同比增长9.1%，比年初增加1.86万亿元: six months' change, not the
    year's; the growth is never judged by it (it was a false alarm: 1.86 / 23.46 = 7.93 %)."""
    from tests.verify.pipeline_text import checks_on

    text = ("2024年上半年江苏省金融运行情况\n\n6月末，全省本外币贷款余额25.32万亿元，同比增长9.1%，"
            "比年初增加1.86万亿元，同比少增2310亿元。\n")
    assert "inconsistent" not in [c.verdict for c in checks_on(text, "9.1%")]
    year_end = text.replace("2024年上半年", "2024年").replace("6月末", "12月末")
    assert [c.verdict for c in checks_on(year_end, "9.1%")] == ["inconsistent"]   # the year's change: 7.93 %


def test_rule_table_balance_change():
    cells = [cell("各项存款", "各项存款/年末余额", 2023, 880.0, quote="表1｜各项存款｜年末余额"),
             cell("各项存款", "各项存款/较年初增加", 2023, 80.0, "change", quote="表1｜各项存款｜较年初增加")]
    ctx, f = doc("年末戊县各项存款余额880亿元，同比增长10.0%。",
                 fig("880亿元", "level", indicator="各项存款余额", year=2023), fig("10.0%", "growth_rate", year=2023),
                 cells=cells)
    assert fired(ctx, f[1]) == ("rule_table_balance_change", [880.0, 80.0])


def _row(name, year, value):
    return Fact(fact_id=stable_id("r", name, year), doc_id="d", char_start=0, char_end=1,
                quote=f"表2 指数｜西片 {name}｜指数/{year}年", subject=name, indicator="指数", year=year,
                value=value, value_text=str(value), value_normalized=value, unit_normalized="score",
                claim_type="score", source_kind="table", table_id="t2")


def test_rule_group_average_growth():
    rows = [_row(n, y, v) for n, a, b in (("甲", 10, 30), ("乙", 20, 60), ("丙", 5, 15)) for y, v in ((2015, a), (2020, b))]
    ctx, f = doc("2015—2020年，西片各县指数平均增长2.0倍。", fig("2.0倍", "multiple"), cells=rows)
    rule, inputs = fired(ctx, f[0])
    assert rule == "rule_group_average_growth" and len(inputs) == 6
    assert find_relation(ctx, f[0]).kind == "average"


def test_rule_table_period_pair():
    cells = [cell("北区", "营业收入", 2016, 100.0), cell("北区", "营业收入", 2021, 150.0)]
    ctx, f = doc("2016—2021年，北区的营业收入增长50.0%。", fig("50.0%", "growth_rate", subject="北区"), cells=cells)
    assert fired(ctx, f[0]) == ("rule_table_period_pair", [100.0, 150.0])


def test_rule_table_year_pair():
    cells = [cell("南区", "工业产值", 2022, 100.0), cell("南区", "工业产值", 2023, 120.0)]
    ctx, f = doc("2023年南区工业产值比上年增长20.0%。",
                 fig("20.0%", "growth_rate", subject="南区", indicator="工业产值", year=2023), cells=cells)
    assert fired(ctx, f[0]) == ("rule_table_year_pair", [100.0, 120.0])


def test_rule_ratio_in_sentence():
    ctx, f = doc("乙市收入100亿元，甲市收入500亿元，是乙市的5.0倍。",
                 fig("100亿元", "level"), fig("500亿元", "level"), fig("5.0倍", "multiple"))
    assert fired(ctx, f[2]) == ("rule_ratio_in_sentence", [100.0, 500.0])


def test_rule_ratio_in_table():
    cells = [cell("东区", "出口额", 2018, 40.0), cell("东区", "出口额", 2023, 100.0)]
    ctx, f = doc("2023年东区的出口额是2018年的2.5倍。",
                 fig("2.5倍", "multiple", subject="东区", indicator="出口额", year=2023), cells=cells)
    assert fired(ctx, f[0]) == ("rule_ratio_in_table", [40.0, 100.0])


def test_rule_ratio_in_paragraph():
    ctx, f = doc("西镇工业产值80亿元。北镇工业产值240亿元，是西镇的3.0倍。",
                 fig("80亿元", "level", subject="西镇", indicator="工业产值", year=2023),
                 fig("240亿元", "level", subject="北镇", indicator="工业产值", year=2023),
                 fig("3.0倍", "multiple", subject="北镇", indicator="工业产值", year=2023))
    assert fired(ctx, f[2]) == ("rule_ratio_in_paragraph", [80.0, 240.0])


def test_rule_gap_in_sentence():
    ctx, f = doc("甲省产值600亿元，乙省产值200亿元，两者有着3.0倍的差距。",
                 fig("600亿元", "level"), fig("200亿元", "level"), fig("3.0倍", "multiple"))
    assert fired(ctx, f[2]) == ("rule_gap_in_sentence", [600.0, 200.0])


def test_rule_difference_with_prior_period():
    ctx, f = doc("全县城镇化率为55.2%，比上年提高1.1个百分点。", fig("55.2%", "level"), fig("1.1个百分点", "change"))
    rel = find_relation(ctx, f[1])
    assert rel.rule == "rule_difference_with_prior_period" and not rel.inputs and "earlier period" in rel.reason


def test_rule_point_difference():
    ctx, f = doc("城镇增速为6.0%，农村增速为8.5%，农村比城镇高出2.5个百分点。",
                 fig("6.0%", "growth_rate"), fig("8.5%", "growth_rate"), fig("2.5个百分点", "difference"))
    assert fired(ctx, f[2]) == ("rule_point_difference", [6.0, 8.5])


def test_rule_difference_of_levels():
    ctx, f = doc("甲区收入为120亿元，乙区收入为100亿元，甲区高出20亿元。",
                 fig("120亿元", "level"), fig("100亿元", "level"), fig("20亿元", "level"))
    assert fired(ctx, f[2]) == ("rule_difference_of_levels", [120.0, 100.0])


def test_rule_paired_ratio():
    ctx, f = doc("全县城镇居民人均可支配收入45000元，农村居民人均可支配收入20000元。城乡居民收入比为2.25。",
                 fig("45000元", "level", indicator="城镇居民人均可支配收入"),
                 fig("20000元", "level", indicator="农村居民人均可支配收入"), fig("2.25", "ratio"))
    assert fired(ctx, f[2]) == ("rule_paired_ratio", [45000.0, 20000.0])
    # the two levels earlier in the ratio's own sentence (其中城镇…，农村…，城乡居民收入比为R)
    ctx, f = doc("其中城镇居民人均可支配收入45000元，农村居民人均可支配收入20000元，城乡居民收入比为2.25。",
                 fig("45000元", "level", indicator="城镇居民人均可支配收入"),
                 fig("20000元", "level", indicator="农村居民人均可支配收入"), fig("2.25", "ratio"))
    assert fired(ctx, f[2]) == ("rule_paired_ratio", [45000.0, 20000.0])


def test_rule_share_whole_inside():
    ctx, f = doc("甲省出口额120亿元，占全国600亿元的20.0%。",
                 fig("120亿元", "level"), fig("600亿元", "level"), fig("20.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_whole_inside", [120.0, 600.0])


def test_rule_share_part_earlier():
    ctx, f = doc("甲省出口额120亿元。甲省出口额占全国（600亿元）的20.0%。",
                 fig("120亿元", "level", indicator="出口额"), fig("600亿元", "level"), fig("20.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_part_earlier", [120.0, 600.0])


def test_rule_listed_shares():
    ctx, f = doc("甲、乙、丙三类产品销售额分别为50亿元、30亿元和20亿元，占比分别为50.0%、30.0%和20.0%。",
                 fig("50亿元", "level"), fig("30亿元", "level"), fig("20亿元", "level"),
                 fig("50.0%", "share"), fig("30.0%", "share"), fig("20.0%", "share"))
    assert fired(ctx, f[4]) == ("rule_listed_shares", [30.0, 50.0, 20.0])


def test_rule_share_levels_before():
    ctx, f = doc("全市社会消费品零售总额800亿元，其中网上零售额200亿元，占比25.0%。",
                 fig("800亿元", "level"), fig("200亿元", "level"), fig("25.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_levels_before", [200.0, 800.0])
    # a level followed by its own share is the next part's sibling, not its whole
    ctx, f = doc("甲区合计产值900亿元，占全市的90.0%，乙区合计100亿元，占10.0%。",
                 fig("900亿元", "level"), fig("90.0%", "share"), fig("100亿元", "level"), fig("10.0%", "share"))
    rel = find_relation(ctx, f[3])
    assert rel is None or rel.inputs == [] or 900.0 not in [i.value for i in rel.inputs]


def test_rule_share_in_paragraph():
    ctx, f = doc("全县农业总产值100亿元，其中种植业产值40亿元。种植业产值占农业总产值的比重为40.0%。",
                 fig("100亿元", "level", indicator="农业总产值"), fig("40亿元", "level", indicator="种植业产值"),
                 fig("40.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_in_paragraph", [40.0, 100.0])


def test_rule_share_of_earlier_whole():
    ctx, f = doc("年末全省各项贷款余额5000亿元。\n\n甲市贷款余额1000亿元，占各项贷款余额的20.0%。",
                 fig("5000亿元", "level", indicator="各项贷款余额"),
                 fig("1000亿元", "level", subject="甲市", indicator="贷款余额"), fig("20.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_of_earlier_whole", [1000.0, 5000.0])


def test_rule_share_of_group_total():
    ctx, f = doc("三县粮食总产值合计300亿元。甲县粮食产值90亿元，占三县总量的30.0%。",
                 fig("300亿元", "level", indicator="粮食总产值"), fig("90亿元", "level", indicator="粮食产值"),
                 fig("30.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_of_group_total", [90.0, 300.0])
    # the part named by the share's subject alone is a level of its own sentence, not a total the
    # sentence before carried the subject to
    ctx, f = doc("三县粮食总产值合计300亿元。甲县产值90亿元。前两名产值合计150亿元。甲县产值占三县总量的30.0%。",
                 fig("300亿元", "level", indicator="粮食总产值", subject="三县"),
                 fig("90亿元", "level", indicator="产值", subject="甲县", subject_rule="place_in_clause"),
                 fig("150亿元", "level", indicator="产值", subject="甲县", subject_rule="carried_subject"),
                 fig("30.0%", "share", subject="甲县"))
    rel = find_relation(ctx, f[3])
    assert rel is None or 150.0 not in [i.value for i in rel.inputs]


def test_rule_share_of_named_whole():
    ctx, f = doc("全年出口交货值实现1200亿元，增长7.2%。电子行业出口交货值合计480亿元，占全部出口交货总值的40.0%。",
                 fig("1200亿元", "level", indicator="出口交货值"), fig("7.2%", "growth_rate"),
                 fig("480亿元", "level", indicator="电子行业出口交货值"), fig("40.0%", "share"))
    assert fired(ctx, f[3]) == ("rule_share_of_named_whole", [480.0, 1200.0])


def test_rule_share_of_whole_named_before():
    ctx, f = doc("年末常住人口800.0万人。年末常住人口中，城镇人口600.0万人，占常住人口的比重为75.0%；乡村人口200.0万人，占25.0%。",
                 fig("800.0万人", "level", indicator="常住人口"), fig("600.0万人", "level", indicator="城镇人口"),
                 fig("75.0%", "share"), fig("200.0万人", "level", indicator="乡村人口"), fig("25.0%", "share"))
    assert fired(ctx, f[4]) == ("rule_share_of_whole_named_before", [200.0, 800.0])


def test_rule_share_of_jurisdiction():
    ctx, f = doc("全省全社会用电收入4000.0亿元。苏州市用电收入1000.0亿元，占全省的25.0%。",
                 fig("4000.0亿元", "level", indicator="全社会用电收入", subject="江苏", subject_key="江苏"),
                 fig("1000.0亿元", "level", indicator="用电收入", subject="苏州", subject_key="苏州"),
                 fig("25.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_of_jurisdiction", [1000.0, 4000.0])


def test_rule_share_of_own_total():
    ctx, f = doc("全年实现产品销售收入3000亿元。前10位企业销售收入合计1500亿元，所占比重50.0%。",
                 fig("3000亿元", "level", indicator="产品销售收入"),
                 fig("1500亿元", "level", indicator="前10位企业销售收入"), fig("50.0%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_of_own_total", [1500.0, 3000.0])


def test_rule_share_before_change():
    ctx, f = doc("全年实现产品销售收入3000亿元，增长12.5%。前10位企业销售收入合计1500亿元，增长16.0%，"
                 "所占比重由上年的48.5%提高到50.0%。",
                 fig("3000亿元", "level", indicator="产品销售收入"), fig("12.5%", "growth_rate"),
                 fig("1500亿元", "level", indicator="前10位企业销售收入"), fig("16.0%", "growth_rate"),
                 fig("48.5%", "share"), fig("50.0%", "share"))
    assert fired(ctx, f[4]) == ("rule_share_before_change", [1500.0, 16.0, 3000.0, 12.5])


def test_rule_parts_before_total():
    ctx, f = doc("甲、乙、丙三地投资分别为10亿元、20亿元和30亿元，合计60亿元。",
                 fig("10亿元", "level"), fig("20亿元", "level"), fig("30亿元", "level"), fig("60亿元", "level"))
    assert fired(ctx, f[3]) == ("rule_parts_before_total", [10.0, 20.0, 30.0])


def test_rule_counted_members_before():
    ctx, f = doc("甲、乙两市收入分别为30亿元和20亿元，其中甲市居首；两市合计50亿元。",
                 fig("30亿元", "level"), fig("20亿元", "level"), fig("50亿元", "level"))
    assert fired(ctx, f[2]) == ("rule_counted_members_before", [30.0, 20.0])


def test_rule_listed_shares_of_earlier_parts():
    ctx, f = doc("全年用水总量20亿元。农业用水6亿元；工业用水14亿元。农业、工业用水占用水总量的比重分别为30.0%和70.0%。",
                 fig("20亿元", "level", indicator="用水总量"), fig("6亿元", "level", indicator="农业用水"),
                 fig("14亿元", "level", indicator="工业用水"), fig("30.0%", "share"), fig("70.0%", "share"))
    assert fired(ctx, f[4]) == ("rule_listed_shares_of_earlier_parts", [14.0, 20.0])


def test_rule_subject_share_of_jurisdiction():
    ctx, f = doc("湖北收入30亿元。全国收入600亿元。湖北收入约占全国的5.0%。",
                 fig("30亿元", "level", indicator="收入", indicator_key="收入", subject_key="湖北",
                     period_start_month="2024-01", period_end_month="2024-12"),
                 fig("600亿元", "level", indicator="收入", indicator_key="收入", subject_key="全国",
                     period_start_month="2024-01", period_end_month="2024-12"),
                 fig("5.0%", "share", subject_key="湖北", period_start_month="2024-01", period_end_month="2024-12"))
    assert fired(ctx, f[2]) == ("rule_subject_share_of_jurisdiction", [30.0, 600.0])


def test_rule_named_members_before():
    ctx, f = doc("甲市收入30亿元。乙市收入20亿元。甲、乙两市收入合计50亿元。",
                 fig("30亿元", "level", subject_key="甲", indicator_key="收入"),
                 fig("20亿元", "level", subject_key="乙", indicator_key="收入"),
                 fig("50亿元", "level", subject_key="甲、乙", indicator_key="收入"))
    assert fired(ctx, f[2]) == ("rule_named_members_before", [30.0, 20.0])


def test_rule_named_items_before():
    ctx, f = doc("东区投资30亿元；西区投资20亿元。东区和西区投资合计50亿元。",
                 fig("30亿元", "level", indicator="东区投资"), fig("20亿元", "level", indicator="西区投资"),
                 fig("50亿元", "level", indicator="东区和西区投资"))
    assert fired(ctx, f[2]) == ("rule_named_items_before", [30.0, 20.0])


def test_rule_members_after_total():
    ctx, f = doc("全市共有高新区5个，其中国家级2个，省级3个。",
                 fig("5个", "count"), fig("2个", "count"), fig("3个", "count"))
    assert fired(ctx, f[0]) == ("rule_members_after_total", [2.0, 3.0])


@pytest.mark.parametrize("text,surface,claim_type,words", [
    ("全年进口额增长12.0%。", "12.0%", "growth_rate", "start and end values"),
    ("甲市收入是乙市的2.0倍。", "2.0倍", "multiple", "(乙市 and the subject)"),
])
def test_rule_bases_not_stated(text, surface, claim_type, words):
    ctx, f = doc(text, fig(surface, claim_type))
    rel = find_relation(ctx, f[0])
    assert rel.rule == "rule_bases_not_stated" and not rel.inputs and words in rel.reason


def test_rule_difference_with_comparand():
    ctx, f = doc("上海市GDP为9000亿元。安徽省GDP为9100亿元，这一数据高出上海100亿元。",
                 fig("9000亿元", "level", subject_key="上海", indicator_key="GDP"),
                 fig("9100亿元", "level", subject_key="安徽", indicator_key="GDP"),
                 fig("100亿元", "difference", subject_key="安徽", indicator_key="GDP"))
    assert fired(ctx, f[2]) == ("rule_difference_with_comparand", [9100.0, 9000.0])


def test_rule_difference_with_stated_base():
    ctx, f = doc("世界经济增长率1997年为3.2%，1998年下降为1.8%，比上年下降了1.4个百分点。",
                 fig("3.2%", "growth_rate", year=1997), fig("1.8%", "growth_rate", year=1998),
                 fig("1.4个百分点", "difference", year=1998))
    assert fired(ctx, f[2]) == ("rule_difference_with_stated_base", [3.2, 1.8])


def test_rule_earlier_year_level():
    ctx, f = doc("1952年GDP仅有679.1亿元；1978年GDP只有3678.7亿元，但到2020年增长至1015986亿元，40多年增长了约275倍。",
                 fig("679.1亿元", "level", year=1952), fig("3678.7亿元", "level", year=1978),
                 fig("1015986亿元", "level", year=2020), fig("275倍", "multiple", qualifier="约"))
    assert fired(ctx, f[3]) == ("rule_earlier_year_level", [3678.7, 1015986.0])


def test_rule_per_year_change():
    ctx, f = doc("非农就业的年均增长为1532万人，2014年带来非农就业岗位8285万人，2016年带来非农就业岗位11350万人。",
                 fig("1532万人", "count"), fig("8285万人", "count", year=2014), fig("11350万人", "count", year=2016))
    assert fired(ctx, f[0]) == ("rule_per_year_change", [8285.0, 11350.0])


def test_rule_deflated_growth():
    ctx, f = doc("居民消费价格总水平比上年下降0.7%。工资比上年增长10.2%，扣除物价因素后，实际增长11.0%。",
                 fig("0.7%", "growth_rate", direction="down", indicator="居民消费价格总水平"),
                 fig("10.2%", "growth_rate", indicator="工资"), fig("11.0%", "growth_rate"))
    assert fired(ctx, f[2]) == ("rule_deflated_growth", [10.2, 0.7])


def test_rule_share_of_counted_group():
    ctx, f = doc("这520户国家重点企业的销售收入增长较快。重点企业中有52户企业亏损，占10%。",
                 fig("520户", "count"), fig("52户", "count"), fig("10%", "share"))
    assert fired(ctx, f[2]) == ("rule_share_of_counted_group", [52.0, 520.0])


def test_rule_range_of_listed():
    ctx, f = doc("青海为11.5%，陕西为11.4%，北京为1.4%，天津为2.8%，最高地区与最低地区相差近10个百分点。",
                 fig("11.5%", "share"), fig("11.4%", "share"), fig("1.4%", "share"), fig("2.8%", "share"),
                 fig("10个百分点", "difference", qualifier="近"))
    assert fired(ctx, f[4]) == ("rule_range_of_listed", [1.4, 11.5])


def test_rule_ratio_of_named():
    ctx, f = doc("研发支出超十亿元的公司（高研发公司）营收复合增速平均值为26.13%。研发支出低于亿元的公司（低研发公司）"
                 "营收复合增速为13.27%。高研发公司的营收增速几乎是低研发公司的2倍。",
                 fig("26.13%", "growth_rate"), fig("13.27%", "growth_rate"), fig("2倍", "multiple"))
    assert fired(ctx, f[2]) == ("rule_ratio_of_named", [13.27, 26.13])


def test_rule_multiple_of_named_levels():
    ctx, f = doc("丙县城镇居民存款余额360亿元，农村居民存款余额120亿元。\n\n城镇居民存款余额是农村居民存款余额的3倍。",
                 fig("360亿元", "level", indicator="城镇居民存款余额"), fig("120亿元", "level", indicator="农村居民存款余额"),
                 fig("3倍", "multiple", indicator="城镇居民存款余额"))
    assert fired(ctx, f[2]) == ("rule_multiple_of_named_levels", [120.0, 360.0])


def test_rule_multiple_of_named_levels_stated_sections_before():
    # each level in a section of its own, three paragraphs back, written with 总产量
    ctx, f = doc("（一）小麦。全省小麦总产量1718.3万吨。\n\n（二）玉米。全省玉米总产量705.4万吨。\n\n（三）大豆。全省大豆总产量108.6万吨。"
                 "\n\n（四）稻谷。全省稻谷总产量1640.2万吨。\n\n小麦产量是玉米产量的2.4倍。",
                 fig("1718.3万吨", "level", indicator="小麦总产量"), fig("705.4万吨", "level", indicator="玉米总产量"),
                 fig("108.6万吨", "level", indicator="大豆总产量"), fig("1640.2万吨", "level", indicator="稻谷总产量"),
                 fig("2.4倍", "multiple", indicator="小麦产量"))
    assert fired(ctx, f[4]) == ("rule_multiple_of_named_levels", [705.4, 1718.3])


def test_rule_sum_of_listed_points():
    ctx, f = doc("日本和东亚危机国为负贡献，分别为-0.4%和-0.3%，合计使世界经济增长率下降0.7个百分点。",
                 fig("-0.4%", "level"), fig("-0.3%", "level"), fig("0.7个百分点", "change", direction="down"))
    assert fired(ctx, f[2]) == ("rule_sum_of_listed_points", [-0.4, -0.3])


# --- rules read over two sentences of a brief (the whole pipeline, texts of our own) -----------

BRIEF = ("2023年1-7月云岭市经济运行情况\n\n"
         "1-7月，全市规模以上工业增加值同比增长6.4%，比上半年回落0.3个百分点，比上年同期提高1.2个百分点。"
         "上年同期增长5.2%，两年平均增长5.8%。\n\n"
         "1-7月，全市固定资产投资完成1250.6亿元，同比增长8.2%。其中，工业投资412.3亿元，增长12.5%，"
         "占全部投资的比重为33.0%；基础设施投资356.8亿元，增长6.1%，占全部投资的比重为28.5%。\n\n"
         "1-7月，全市社会消费品零售总额865.2亿元，同比增长7.3%。上年同期为806.3亿元。\n\n")


def brief_check(text, surface):
    from tests.verify.pipeline_text import checks_on

    [check] = checks_on(text, surface)
    return check


def test_rule_two_year_average():
    """两年平均增长 = √((1 + 5.2%)(1 + 6.4%)) − 1 = 5.80 %; 6.8 % would be wrong."""
    check = brief_check(BRIEF, "5.8%")
    assert (check.kind, check.verdict, round(check.recomputed_value, 2)) == ("cagr", "consistent", 5.8)
    assert brief_check(BRIEF.replace("两年平均增长5.8%", "两年平均增长6.8%"), "6.8%").verdict == "inconsistent"
    # without the year before's growth nothing is compared
    assert brief_check(BRIEF.replace("上年同期增长5.2%，", ""), "5.8%").verdict == "unverifiable"
    # a year of decline: √((1 − 6.8%)(1 + 18.3%)) − 1 = 5.0 %; the 6.8 % is of the year before
    q1 = "云岭市2021年一季度经济运行\n\n一季度，全市地区生产总值同比增长18.3%，上年同期下降6.8%，两年平均增长5.0%。\n"
    assert brief_check(q1, "5.0%").verdict == "consistent"


def test_rule_prior_level_after_in_the_next_sentence():
    check = brief_check(BRIEF, "7.3%")
    assert (check.kind, check.verdict, round(check.recomputed_value, 2)) == ("growth", "consistent", 7.3)


def test_rule_difference_with_prior_rate_after():
    """比上年同期提高1.2个百分点 against 上年同期增长5.2% in the next sentence; 比上半年回落 is not."""
    check = brief_check(BRIEF, "1.2个百分点")
    assert (check.verdict, round(check.recomputed_value, 2)) == ("consistent", 1.2)
    assert brief_check(BRIEF, "0.3个百分点").verdict == "unverifiable"
    assert brief_check(BRIEF.replace("提高1.2个百分点", "提高2.2个百分点"), "2.2个百分点").verdict == "inconsistent"


def test_a_share_of_the_total_a_qizhong_sentence_breaks_down():
    """其中，工业投资…占全部投资的比重: the whole is the total of the sentence before (1250.6亿元)."""
    assert [brief_check(BRIEF, s).verdict for s in ("33.0%", "28.5%")] == ["consistent", "consistent"]
    # without 其中 the sentence breaks nothing down: 全部投资 is not looked for
    assert brief_check(BRIEF.replace("其中，工业投资", "工业投资"), "33.0%").verdict == "unverifiable"


PAIR = ("长沙市与株洲市经济比较\n\n2023年，长沙市地区生产总值14331.98亿元，株洲市地区生产总值3740.8亿元，"
        "株洲市相当于长沙市的26.1%。长沙市人均地区生产总值为13.4万元，株洲市人均地区生产总值为9.7万元，"
        "长沙市是株洲市的1.38倍。\n")


def test_rule_pct_of_stated_base():
    """为年初预算A的Y% / 恢复至2019年同期（A）的Y%: the reported level over the base right before 的."""
    ctx, f = doc("全县一般公共预算收入42.1亿元，为年初预算41.2亿元的102.2%，比上年的38.7亿元增长8.8%。",
                 fig("42.1亿元", "level"), fig("41.2亿元", "level"), fig("102.2%", "ratio"), fig("38.7亿元", "level"),
                 fig("8.8%", "growth_rate"))
    assert fired(ctx, f[2]) == ("rule_pct_of_stated_base", [41.2, 42.1])
    ctx, f = doc("假期接待游客586.2万人，比上年同期（341.9万人）增长71.5%，恢复至2019年同期（520.6万人）的112.6%。",
                 fig("586.2万人", "level"), fig("341.9万人", "level"), fig("71.5%", "growth_rate"),
                 fig("520.6万人", "level"), fig("112.6%", "ratio"))
    assert fired(ctx, f[4]) == ("rule_pct_of_stated_base", [520.6, 586.2])   # 341.9 is a base too


def test_rule_pct_of_named_target():
    """完成全年目标的X%: the level reached over the target its sentence names after it (（全年目标为A）)."""
    ctx, f = doc("全年城镇新增就业8.6万人，完成全年目标的107.5%（全年目标为8万人）。",
                 fig("8.6万人", "level"), fig("107.5%", "ratio"), fig("8万人", "level", status="target"))
    assert fired(ctx, f[1]) == ("rule_pct_of_named_target", [8.0, 8.6])


def test_rule_ratio_pct_in_sentence():
    """相当于…的X%: B / A · 100 of the two places' levels (3740.8 / 14331.98 = 26.10 %)."""
    check = brief_check(PAIR, "26.1%")
    assert (check.verdict, round(check.recomputed_value, 2)) == ("consistent", 26.1)
    # a wrong one is not judged a false alarm across places: two subjects, only agreement tells
    assert brief_check(PAIR.replace("的26.1%", "的36.1%"), "36.1%").verdict in ("inconsistent", "unverifiable")
    # the base place's level not stated: nothing compared
    assert brief_check(PAIR.replace("株洲市地区生产总值3740.8亿元，", ""), "26.1%").verdict == "unverifiable"


def test_a_ratio_between_two_places_in_either_order():
    """长沙13.4万元，株洲9.7万元，长沙是株洲的1.38倍: the subject's level over the named place's."""
    check = brief_check(PAIR, "1.38倍")
    assert (check.verdict, round(check.recomputed_value, 3)) == ("consistent", 1.381)


REVIEW = ("2024年云岭省政府工作报告\n\n一、过去五年工作回顾\n\n"
          "过去五年，城镇新增就业累计达到320万人，年均64万人。\n")


def test_rule_yearly_mean_of_total():
    """累计320万人，年均64万人 over the five years reviewed: 320 / 5 = 64."""
    check = brief_check(REVIEW, "64万人")
    assert (check.kind, check.verdict, check.recomputed_value) == ("average", "consistent", 64.0)
    assert brief_check(REVIEW.replace("年均64万人", "年均74万人"), "74万人").verdict == "inconsistent"


ENERGY = ("2024年10月份能源生产情况\n\n10月份，规上工业原油产量1786.4万吨，同比增长0.8%，日均产量57.6万吨。\n")


def test_rule_daily_mean_of_total():
    """原油产量1786.4万吨，…，日均产量57.6万吨 in October: 1786.4 / 31 = 57.63."""
    check = brief_check(ENERGY, "57.6万吨")
    assert (check.kind, check.verdict, check.formula) == ("average", "consistent", "1786.4 / 31 = 57.63万吨")
    assert brief_check(ENERGY.replace("1786.4", "1796.4"), "57.6万吨").verdict == "inconsistent"


def test_rule_mean_over_stated_days():
    """按全年250个工作日计算…日均办件1.86万件: the year's 465.2万件 over the 250 days the text states."""
    text = ("2025年，全市政务服务中心办件465.2万件，比上年增长6.3%。\n\n"
            "按全年250个工作日计算，全市政务服务中心日均办件1.86万件。")
    check = brief_check(text, "1.86万件")
    assert (check.kind, check.verdict, round(check.recomputed_value, 3)) == ("average", "consistent", 1.861)
    assert "n = 250 days, as the text states" in check.explanation
    # the total was chosen by its name in another paragraph: a mean that does not agree is not accused
    assert brief_check(text.replace("1.86万件", "1.96万件"), "1.96万件").verdict == "unverifiable"


def test_rule_prior_level_of_indicator():
    """第三产业用电量121.3亿千瓦时，同比增长10.9% … 第三产业用电量去年同期为109.4亿千瓦时 (a paragraph later)."""
    from tests.verify.test_stop28_rules import ELECTRICITY

    check = brief_check(ELECTRICITY, "10.9%")
    assert (check.kind, check.verdict, round(check.recomputed_value, 2)) == ("growth", "consistent", 10.88)


def test_rule_base_year_level_of_indicator():
    """全年旅游总收入150亿元，比2019年增长50.0% … (a paragraph before) 2019年，全县旅游总收入100亿元."""
    text = "某县2024年统计公报\n\n2019年，全县旅游总收入100亿元。\n\n全年旅游总收入150亿元，比2019年增长50.0%。"
    check = brief_check(text, "50.0%")
    assert (check.kind, check.verdict, check.recomputed_value) == ("growth", "consistent", 50.0)


def test_rule_ratio_of_base_year():
    """全年接待游客1200万人次，是2019年的1.5倍 … (a paragraph before) 2019年接待游客800万人次."""
    text = "某县2024年统计公报\n\n2019年，全县接待游客800万人次。\n\n全年接待游客1200万人次，是2019年的1.5倍。"
    check = brief_check(text, "1.5倍")
    assert (check.kind, check.verdict, check.recomputed_value) == ("multiple", "consistent", 1.5)


def test_rule_difference_with_earlier_part():
    """前三季度…增长6.5%，比上半年加快0.3个百分点 … 上半年…增长6.2% (its own sentence): 6.5 − 6.2."""
    text = ("2024年1—9月全省经济运行情况\n\n前三季度，全省规模以上工业增加值同比增长6.5%，比上半年加快0.3个百分点。"
            "上半年规模以上工业增加值增长6.2%。")
    check = brief_check(text, "0.3个百分点")
    assert (check.kind, check.verdict, check.formula) == ("difference", "consistent", "6.5 − 6.2 = 0.3个百分点")
    # found by its identity in another sentence: a difference that does not agree is not judged
    assert brief_check(text.replace("0.3个百分点", "0.8个百分点"), "0.8个百分点").verdict == "unverifiable"
    # another scope's earlier rate (all industry, not 规模以上) is no base
    other = text.replace("上半年规模以上工业增加值", "上半年全部工业增加值")
    assert brief_check(other, "0.3个百分点").formula == ""


def test_rule_ratio_between_places():
    """广东GDP…是山东的1.45倍 with each province's level stated in the paragraph before (a 分别 list)."""
    text = ("2021年前三季度各省GDP\n\n前三季度，广东、江苏、山东GDP分别为88010亿元、84896亿元、60870亿元。\n\n"
            "其中，广东GDP比江苏多3114亿元，是山东的1.45倍。江苏GDP相当于广东的96.5%。")
    check = brief_check(text, "1.45倍")
    assert (check.kind, check.verdict, check.formula) == ("multiple", "consistent", "88010 / 60870 = 1.446倍")
    assert brief_check(text, "96.5%").verdict == "consistent"
    # found by their places: a ratio that does not agree is not judged
    assert brief_check(text.replace("1.45倍", "1.75倍"), "1.75倍").verdict == "unverifiable"


def test_rule_median_of_mean():
    """全国居民人均可支配收入中位数9545元，…中位数是平均数的82.7%: 9545 over the paragraph's mean 11539元."""
    text = ("国家统计局\n\n一季度，全国居民人均可支配收入11539元，比上年同期名义增长6.2%。"
            "全国居民人均可支配收入中位数9545元，增长5.2%，中位数是平均数的82.7%。")
    check = brief_check(text, "82.7%")
    assert (check.kind, check.verdict, check.formula) == ("multiple", "consistent", "9545 / 11539 = 82.72 %")
    # two indicators by their keys (the median's and the mean's): one that does not agree is not judged
    assert brief_check(text.replace("82.7%", "86.7%"), "86.7%").verdict == "unverifiable"


def test_rule_contribution_to_growth():
    """第二产业用电量对全社会用电量增长的贡献率: (320.0 − 320.0/1.05) / (612.4 − 569.2) = 35.27 %."""
    text = ("2025年上半年全市电力运行情况\n\n上半年，全市全社会用电量612.4亿千瓦时，同比增长7.6%。"
            "去年同期，全市全社会用电量为569.2亿千瓦时。上半年第二产业用电量320.0亿千瓦时，同比增长5.0%。"
            "第二产业用电量对全社会用电量增长的贡献率为35.3%。")
    check = brief_check(text, "35.3%")
    assert (check.kind, check.verdict, round(check.recomputed_value, 2)) == ("contribution", "consistent", 35.27)
    # chosen by names: a contribution that does not agree is never an accusation
    assert brief_check(text.replace("35.3%", "45.3%"), "45.3%").verdict == "unverifiable"


def test_rule_named_place_share():
    text = ("芜湖市2025年固定资产投资情况\n\n2025年，芜湖市完成固定资产投资860.5亿元。"
            "同期，安徽全省完成固定资产投资3120.4亿元，芜湖市占全省的27.6%。")
    check = brief_check(text, "27.6%")
    assert (check.kind, check.verdict, round(check.recomputed_value, 2)) == ("share", "consistent", 27.58)


def test_rule_difference_with_prior_in_brackets():
    ctx, f = doc("全县学前三年毛入园率达到92.5%，比上年提高0.7个百分点（上年为91.8%）。",
                 fig("92.5%", "share"), fig("0.7个百分点", "change"), fig("91.8%", "share"))
    assert fired(ctx, f[1]) == ("rule_difference_with_prior_in_brackets", [91.8, 92.5])


PROVINCES = ("2022年经济大省观察\n\n2022年，全国国内生产总值为121.0万亿元。广东、江苏、山东地区生产总值分别为"
             "12.9万亿元、12.3万亿元、8.7万亿元，三省合计33.9万亿元，占全国的28.0%。其中广东占全国的10.7%。\n")


def test_a_share_of_the_nation_is_of_the_nations_own_figure():
    """占全国的28.0% / 其中广东占全国的10.7%: the whole is 全国's 121.0万亿元 (its GDP by another
    name), never the three provinces' 33.9万亿元."""
    assert [brief_check(PROVINCES, s).verdict for s in ("28.0%", "10.7%")] == ["consistent", "consistent"]
    assert round(brief_check(PROVINCES, "10.7%").recomputed_value, 2) == 10.66


RETAIL = ("1-7月西宁市经济运行情况\n\n1-7月，全市社会消费品零售总额865.2亿元，同比增长7.3%。按经营单位所在地分，"
          "城镇消费品零售额742.5亿元，增长7.1%；乡村消费品零售额122.7亿元，增长8.5%。\n")


def test_a_breakdown_opened_by_an_cut_sentence_recomputes_the_totals_growth():
    """按经营单位所在地分，城镇…，乡村…: the parts add up to the total, and the total's 7.3 % is
    865.2 / (742.5/1.071 + 122.7/1.085) − 1 = 7.30 %."""
    from tests.verify.pipeline_text import checks_on

    kinds = {c.kind: c for c in checks_on(RETAIL, "865.2亿元")}
    assert kinds["sum"].verdict == "consistent"
    [growth] = [c for c in checks_on(RETAIL, "7.3%") if c.kind == "aggregate"]
    assert (growth.verdict, round(growth.recomputed_value, 2)) == ("consistent", 7.3)


def test_the_previous_periods_level_is_not_the_total_a_cut_breaks_down():
    """…865.2亿元，同比增长7.3%。上年同期为806.3亿元。按经营地分，城镇742.5亿元，乡村122.7亿元。: the
    parts are this period's; 806.3 is never accused of not being their sum."""
    from tests.verify.pipeline_text import checks_on

    text = ("1-7月西宁市经济运行情况\n\n1-7月，全市社会消费品零售总额865.2亿元，同比增长7.3%。上年同期为806.3亿元。"
            "按经营地分，城镇消费品零售额742.5亿元，乡村消费品零售额122.7亿元。\n")
    assert [c.verdict for c in checks_on(text, "806.3亿元") if c.kind == "sum"] == []


def test_rule_gap_between_places():
    """河南与湖北的差距…缩小到3577亿元: 63589.99 − 60012.97 = 3577.02 (tests/verify/test_place_gap.py)."""
    text = ("2024年，河南省地区生产总值63589.99亿元，湖北省60012.97亿元。"
            "河南与湖北的差距由2023年的5400亿元缩小到3577亿元。")
    check = brief_check(text, "3577亿元")
    assert (check.kind, check.verdict, round(check.recomputed_value, 2)) == ("difference", "consistent", 3577.02)
