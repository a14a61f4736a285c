"""kb.verify.relations.quarter_sums: a figure of whole quarters against a table's quarter columns, on a
report of our own."""

from tests.verify.pipeline_text import verdicts

REPORT = """# 2030年年度报告摘要

公司上半年实现营业收入{}亿元；全年实现营业收入51.26亿元。

单位：元 币种：人民币

| 项目 | 第一季度（1-3月份） | 第二季度（4-6月份） | 第三季度（7-9月份） | 第四季度（10-12月份） |
|---|---|---|---|---|
| 营业收入 | 1,036,218,406.51 | 1,287,035,119.62 | 1,201,447,853.90 | 1,601,683,137.33 |
| 归属于上市公司股东的净利润 | 86,402,315.27 | 112,573,908.64 | 104,218,733.09 | 135,020,849.42 |
"""


def test_a_half_year_is_the_sum_of_its_two_quarters():
    assert verdicts(REPORT.format("23.23"), "23.23亿元", "sum", "a.md") == ["consistent"]


def test_a_half_year_that_does_not_agree_is_not_accused():
    # the quarters state no year of their own: only agreement is telling
    assert verdicts(REPORT.format("25.23"), "25.23亿元", "sum", "a.md") == ["unverifiable"]


def test_a_whole_year_is_left_to_the_annual_table():
    assert verdicts(REPORT.format("23.23"), "51.26亿元", "sum", "a.md") == []
