"""A growth or a multiple over an earlier year whose level stands in another sentence of the document
(growth_rules.rule_base_year_level_of_indicator, comparison_rules.rule_ratio_of_base_year)."""

from tests.verify.pipeline_text import checks_on, verdicts

EARLIER = "# 某县2024年国民经济和社会发展统计公报\n\n2019年，全县旅游总收入100亿元，接待游客800万人次。\n\n"


def test_a_growth_over_a_base_year_stated_elsewhere():
    [c] = checks_on(EARLIER + "全年旅游总收入150亿元，比2019年增长50.0%。", "50.0%")
    assert (c.kind, c.verdict, c.formula) == ("growth", "consistent", "150 / 100 − 1 = 50 %")


def test_a_multiple_over_a_base_year_stated_elsewhere():
    assert verdicts(EARLIER + "全年接待游客1200万人次，是2019年的1.5倍。", "1.5倍") == ["consistent"]
    assert verdicts(EARLIER + "全年接待游客1200万人次，比2019年增长了0.5倍。", "0.5倍") == ["consistent"]
    # a percentage of the base year's level is a multiple too (相当于 / 恢复到 … 的X%)
    assert verdicts(EARLIER + "全年旅游总收入150亿元，相当于2019年的150%。", "150%") == ["consistent"]
    assert verdicts(EARLIER + "全年接待游客1200万人次，恢复到2019年的150%。", "150%") == ["consistent"]


def test_the_level_is_matched_by_name_so_a_figure_that_disagrees_is_never_accused():
    [c] = checks_on(EARLIER + "全年旅游总收入150亿元，比2019年增长40.0%。", "40.0%")
    assert (c.verdict, round(c.recomputed_value)) == ("unverifiable", 50)


def test_another_indicator_or_year_is_no_base():
    # the 2019 level of another indicator, or no level of the year compared with
    assert [c.verdict for c in checks_on(EARLIER + "全年旅游外汇收入15亿元，比2019年增长50.0%。", "50.0%")
            if c.verdict != "unverifiable"] == []
    assert [c.verdict for c in checks_on(EARLIER + "全年旅游总收入150亿元，比2018年增长50.0%。", "50.0%")
            if c.verdict != "unverifiable"] == []
