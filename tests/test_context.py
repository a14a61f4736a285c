"""Tests of kb.context.link: subject, indicator, year/period, claim type, direction, 分别."""

from kb.context import Carry, link, next_carry
from kb.quantities import parse_quantities


def run(sentence, carry=None):
    return {l.quantity.surface.replace(" ", ""): l for l in link(parse_quantities(sentence), sentence, "", carry)}


def test_bulletin_sentence_level_and_growth():
    r = run("2023年湖北省地区生产总值55803.63亿元，比上年增长6.0%。")
    level, growth = r["55803.63亿元"], r["6.0%"]
    assert (level.subject, level.indicator, level.year, level.claim_type) == ("湖北", "地区生产总值", 2023, "level")
    assert (growth.indicator, growth.claim_type, growth.direction) == ("地区生产总值", "growth_rate", "up")


def test_from_to_years_and_share():
    r = run("2021年中国数字经济规模达45.4万亿元，在GDP中的占比已从2008年的15.2%增长到2021年39.8%。")
    assert r["45.4万亿元"].subject == "全国" and r["45.4万亿元"].indicator == "数字经济规模"
    assert r["15.2%"].year == 2008 and r["39.8%"].year == 2021
    assert r["15.2%"].claim_type == "share"


def test_fenbie_distributes_over_combined_places():
    r = run("与2014年相比，2022年京冀两地高等院校平均R&D经费支出分别增长2.09倍与3.43倍。")
    a, b = r["2.09倍"], r["3.43倍"]
    assert (a.subject, b.subject) == ("北京", "河北")
    assert a.claim_type == b.claim_type == "multiple" and a.direction == "up"
    assert (a.period_start, a.period_end, a.year) == (2014, 2022, None)
    assert "R&D经费支出" in a.indicator


def test_fenbie_over_a_list_and_ranks():
    r = run("北京、天津2014—2022年分别增长5.22倍和3.76倍。")
    assert (r["5.22倍"].subject, r["3.76倍"].subject) == ("北京", "天津")
    assert (r["5.22倍"].period_start, r["5.22倍"].period_end) == (2014, 2022)
    r = run("京津冀三地在指数排名中分别位列第1位、9位、14位。")
    assert [r[k].subject for k in ("第1位", "9位", "14位")] == ["北京", "天津", "河北"]
    assert r["9位"].claim_type == "rank"


def test_comparison_place_is_not_subject():
    r = run("京津冀数字经济规模占全国比重达到10%。")
    assert (r["10%"].subject, r["10%"].claim_type, r["10%"].indicator) == ("京津冀", "share", "数字经济规模")
    r = run("截至2022年，北京高等院校R&D经费分别为津冀的6.46倍和5.65倍。")
    assert r["6.46倍"].subject == r["5.65倍"].subject == "北京"


def test_difference_change_and_down():
    r = run("全年粮食产量比上年减少12.5万吨，下降1.2%，城镇化率比上年末提高0.8个百分点。")
    assert r["12.5万吨"].claim_type == "change" and r["12.5万吨"].direction == "down"
    assert r["1.2%"].claim_type == "growth_rate" and r["1.2%"].direction == "down"
    assert r["0.8个百分点"].claim_type == "change" and r["0.8个百分点"].direction == "up"
    r = run("大湾区的平均增长率比京津冀地区高出6.8个百分点。")
    assert r["6.8个百分点"].claim_type == "difference" and r["6.8个百分点"].subject == "大湾区"


def test_cagr_and_count_noun_after_measure_word():
    r = run("2000—2020年，京津冀平台型企业注册资本从36.26亿元增加到340.53亿元，年均增长率达11.85%。")
    assert r["36.26亿元"].year == 2000 and r["340.53亿元"].year == 2020
    assert r["11.85%"].claim_type == "cagr" and r["11.85%"].year is None
    assert r["11.85%"].indicator == r["36.26亿元"].indicator
    r = run("截至2023年10月,京津冀三地已推动179项政务服务事项“同事同标”。")
    assert (r["179项"].indicator, r["179项"].year, r["179项"].claim_type) == ("政务服务事项", 2023, "count")


def test_formula_figures_are_dropped():
    sentence = "将α赋值为0.5，再根据 $D = 2 x + 3$ 计算。"
    from kb.models import Quantity
    q = Quantity(surface="2", start=sentence.index("2 x"), end=sentence.index("2 x") + 1, value=2,
                 value_text="2", value_normalized=2, unit_normalized="count")
    assert link([q], sentence) == []


def test_carry_year_and_subject_to_next_sentence():
    first = "2023年，河南省粮食总产量达1324.9亿斤。"
    links = link(parse_quantities(first), first)
    carry = next_carry(first, links, Carry())
    assert carry.year == 2023 and carry.subject == "河南"
    second = "其中夏粮产量710.6亿斤。"
    (l,) = link(parse_quantities(second), second, "", carry)
    assert (l.subject, l.year) == ("河南", 2023)
    assert l.indicator == "夏粮产量"


def test_relative_year_from_document_year():
    sentence = "去年全市地区生产总值达到8520亿元。"
    (l,) = link(parse_quantities(sentence), sentence, "", Carry(subject="扬州", ref_year=2024))
    assert (l.subject, l.year, l.indicator) == ("扬州", 2023, "地区生产总值")
