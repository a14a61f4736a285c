"""The previous period's value stated in the sentence: 上年同期为A after a rate, 较上年的b% in a
point difference; and a level of another clause (after ；) is no base."""

import pytest

from tests.verify.pipeline_text import checks_on, verdicts

REPORT = ("2024年，公司经营业绩稳步提升。报告期内，公司实现营业收入86.40亿元，较上年的76.80亿元同比增长12.5%；"
          "实现归属于上市公司股东的净利润7.02亿元，同比增长18.0%，上年同期为5.95亿元。"
          "公司综合毛利率为27.6%，较上年的26.3%提高1.3个百分点。")


def test_last_years_level_stated_after_the_rate():
    [c] = checks_on(REPORT, "18.0%", "growth")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(17.983, abs=1e-3)
    [c] = checks_on(REPORT.replace("上年同期为5.95亿元", "上年同期为6.95亿元"), "18.0%", "growth")
    assert c.verdict == "inconsistent"


def test_a_level_of_another_clause_is_never_the_base():
    text = REPORT.replace("，上年同期为5.95亿元", "")
    assert [c.verdict for c in checks_on(text, "18.0%", "growth")] == ["unverifiable"]


def test_a_point_difference_against_the_value_the_comparison_names():
    [c] = checks_on(REPORT, "1.3个百分点", "difference")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 1.3)
    [c] = checks_on(REPORT.replace("提高1.3个百分点", "提高2.3个百分点"), "2.3个百分点", "difference")
    assert c.verdict == "inconsistent"


def test_a_comparison_without_its_value_is_not_computed():
    text = REPORT.replace("较上年的26.3%提高1.3个百分点", "较上年提高1.3个百分点")
    assert [c.verdict for c in checks_on(text, "1.3个百分点", "difference")] == ["unverifiable"]


def test_a_multiple_of_the_referent_written_with_its_figure():
    text = "2024年全区接待入境游客168.5万人次，是上年80.2万人次的2.1倍。"
    [c] = checks_on(text, "2.1倍", "multiple")
    assert (c.verdict, round(c.recomputed_value, 3)) == ("consistent", 2.101)
    [c] = checks_on(text.replace("的2.1倍", "的2.5倍"), "2.5倍", "multiple")
    assert c.verdict == "inconsistent"


def test_a_rate_then_last_years_then_the_change():
    # 为6.09%，上年为5.89%，提高0.20个百分点: the change is this year's rate less last year's
    text = "2024年，公司研发投入占营业收入比例为6.09%，上年为5.89%，提高0.20个百分点。"
    assert verdicts(text, "0.20个百分点", "difference") == ["consistent"]
    assert verdicts(text.replace("提高0.20个百分点", "提高0.30个百分点"), "0.30个百分点", "difference") == ["inconsistent"]


def test_a_growth_rate_past_the_levels_own_share_is_the_levels():
    from tests.verify.pipeline_text import checks_on

    text = ("某某科技股份有限公司2024年年度报告摘要\n\n报告期内，公司研发投入10.28亿元，占营业收入的比例为8.0%，"
            "较上年增长20.1%，上年同期为8.56亿元。")
    [c] = checks_on(text, "20.1%", "growth")
    assert (c.verdict, c.formula) == ("consistent", "10.28 / 8.56 − 1 = 20.09 %")
    # a change of the share itself is in points, and a rate of another indicator is not the level's
    other = text.replace("较上年增长20.1%", "利润总额较上年增长20.1%")
    assert [x.verdict for x in checks_on(other, "20.1%", "growth")] in ([], ["unverifiable"])
