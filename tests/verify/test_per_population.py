"""A figure per so many people against its count and the document's population."""

import pytest

from tests.verify.pipeline_text import checks_on, verdicts

TEXT = ("年末全市卫生机构病床8899张，其中医院病床8590张，增设627张。每万人拥有医院病床数由上年的21.0张"
        "增加到21.7张。\n\n全市年末常住人口394.96万人，比上年增长4.0%。全市户籍人口114.60万人。")


def test_per_ten_thousand_people_is_the_count_over_the_resident_population():
    [c] = checks_on(TEXT, "21.7张", "average")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(21.749, abs=1e-3)
    assert c.formula.startswith("8590张 / 394.96万人 × 10000")


def test_a_figure_that_does_not_agree_is_never_accused():
    [c] = checks_on(TEXT.replace("21.7张", "23.7张"), "23.7张", "average")
    assert c.verdict == "unverifiable"


def test_an_unknown_population_is_not_guessed():
    assert not checks_on(TEXT.replace("全市年末常住人口394.96万人，比上年增长4.0%。全市户籍人口114.60万人。", ""),
                         "21.7张", "average")


def test_last_years_figure_from_the_counts_change_and_the_populations_growth():
    # (8590 − 627) / (394.96 / 1.040) × 10000 = 20.968
    [c] = checks_on(TEXT, "21.0张", "average")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(20.968, abs=1e-3)
    [c] = checks_on(TEXT.replace("上年的21.0张", "上年的22.0张"), "22.0张", "average")
    assert c.verdict == "unverifiable"


def test_gdp_per_head_is_the_total_over_the_years_average_population():
    text = ("2024年末全市常住人口512.30万人，比上年末增加2.10万人。全年地区生产总值3560.8亿元，按可比价格计算，"
            "比上年增长5.6%。人均地区生产总值69600元。")
    # 3560.8亿元 / 511.25万人 (the year's average) = 69,649元; over the year-end figure 69,507元
    [c] = checks_on(text, "69600元", "average")
    assert (c.verdict, round(c.recomputed_value)) == ("consistent", 69649)
    # chosen by names in other sentences: a figure off by a tenth is not judged, never accused
    [c] = checks_on(text.replace("69600元", "79600元"), "79600元", "average")
    assert c.verdict == "unverifiable"


def test_gdp_per_head_without_the_change_reads_the_year_end_population_loosely():
    text = "2024年末全市常住人口512.30万人。全年地区生产总值3560.8亿元。人均地区生产总值69600元。"
    assert [c.verdict for c in checks_on(text, "69600元", "average")] == ["consistent"]
    other_year = "2024年末全市常住人口512.30万人。2023年地区生产总值3360.8亿元。2024年人均地区生产总值69600元。"
    assert checks_on(other_year, "69600元", "average") == []


def test_a_preliminary_total_gives_a_reported_per_head_figure():
    # 初步核算 marks the GDP sentence preliminary; the per-head figure of the next sentence is reported too
    text = ("2024年末全市常住人口512.30万人，比上年末增加2.10万人。初步核算，全年地区生产总值3560.8亿元。"
            "按常住人口计算，全年人均地区生产总值69600元。")
    assert verdicts(text, "69600元") == ["consistent"]
    # a target is another kind of figure: no per-head figure is reckoned from it
    target = "2024年末全市常住人口512.30万人。全年地区生产总值预期目标3560.8亿元。人均地区生产总值69600元。"
    assert checks_on(target, "69600元", "average") == []


def test_the_population_may_stand_in_a_table_of_the_document():
    # 每千人口…床位数为8.94张 with the beds in the text and 年末常住人口 only in the appendix table; the
    # count is the whole one, not the part named with more words (其他医疗卫生机构床位)
    text = ("2030年末，全市医疗卫生机构床位78120张，其中其他医疗卫生机构床位130张。"
            "按年末常住人口计算，全市每千人口医疗卫生机构床位数为{}张。\n\n"
            "附表1 2030年主要指标\n\n指标\t单位\t2030年\t2029年\n床位数\t张\t78120\t75000\n"
            "年末常住人口\t万人\t873.6\t865.0\n")
    assert verdicts(text.format("8.94"), "8.94张") == ["consistent"]         # 78120 / 873.6万 × 1000
    assert verdicts(text.format("9.94"), "9.94张") == ["unverifiable"]       # chosen by name: never accused
