"""A table's margin column against the row's revenue and cost (table_rows.table_margin_cells), and a text
figure restating a checked cell (kb.verify.restated_cells)."""

from __future__ import annotations

from tests.verify.pipeline_text import checks_on

REPORT = """2024年年度报告摘要

主营业务分产品情况 单位：万元

| 分产品 | 营业收入 | 营业成本 | 毛利率（%） | 营业收入比上年增减（%） |
|---|---:|---:|---:|---:|
| 智能物流装备 | 243,826.45 | 171,912.33 | 29.49 | 16.99 |
| 精密传动部件 | 89,518.36 | 70,103.58 | {margin} | 6.69 |
| 合计 | 333,344.81 | 242,015.91 | 27.40 | 12.37 |
"""


def _margin(text: str, surface: str) -> list[tuple[str, str]]:
    return [(c.verdict, c.formula) for c in checks_on(text, surface, "share", name="doc.md")]


def test_a_rows_margin_is_revenue_less_cost_over_revenue():
    text = REPORT.format(margin="21.69")
    assert _margin(text, "29.49") == [("consistent", "(243826.45 − 171912.33) / 243826.45 = 29.494 %")]
    assert _margin(text, "21.69") == [("consistent", "(89518.36 − 70103.58) / 89518.36 = 21.688 %")]
    assert _margin(text, "27.40") == [("consistent", "(333344.81 − 242015.91) / 333344.81 = 27.398 %")]


def test_a_wrong_margin_in_a_row_is_inconsistent():
    # one row of one table ties revenue, cost and margin: 21.96 is not (89518.36 − 70103.58) / 89518.36
    assert [v for v, _ in _margin(REPORT.format(margin="21.96"), "21.96")] == ["inconsistent"]


def test_a_row_without_its_cost_is_not_reckoned():
    text = REPORT.format(margin="21.69").replace("| 营业成本 |", "| 营业利润 |")
    assert _margin(text, "29.49") == []


TEXT = """2024年年度报告摘要

公司综合毛利率为27.40%。智能物流装备实现营业收入24.38亿元，该板块毛利率为29.49%。精密传动部件毛利率为{text}%。

主营业务分产品情况 单位：万元

| 分产品 | 营业收入 | 营业成本 | 毛利率（%） |
|---|---:|---:|---:|
| 智能物流装备 | 243,826.45 | 171,912.33 | 29.49 |
| 精密传动部件 | 89,518.36 | 70,103.58 | {cell} |
| 合计 | 333,344.81 | 242,015.91 | 27.40 |
"""


def _restated(text: str, surface: str) -> list[str]:
    return [c.verdict for c in checks_on(text, surface, "restated", name="doc.md")]


def test_a_text_figure_restating_a_checked_cell_is_as_right_as_the_cell():
    text = TEXT.format(text="21.69", cell="21.69")
    assert _restated(text, "29.49%") == ["consistent"]      # its row named in its sentence
    assert _restated(text, "27.40%") == ["consistent"]      # the total row: the company's own
    assert _restated(text, "21.69%") == ["consistent"]


def test_a_text_figure_restating_a_wrong_or_other_cell_says_nothing():
    # the cell's own margin is wrong: the text's figure is not vouched for, nor accused
    assert _restated(TEXT.format(text="21.96", cell="21.96"), "21.96%") == []
    # a different value is no restatement
    assert _restated(TEXT.format(text="22.69", cell="21.69"), "22.69%") == []
