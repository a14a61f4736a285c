import pytest

from kb.ingest.lines import (
    balanced,
    caption_line,
    clean_line,
    is_table_line,
    line_kind,
    list_item_line,
    markdown_heading,
    note_line,
    numbered_heading,
    short_heading,
    table_rows,
    width,
)


def test_line_measures():
    assert balanced("《示范》（一）") and not balanced("《示范")
    assert width("ab示范") == 6
    assert is_table_line("甲\t1") and is_table_line("| 甲 | 1 |") and not is_table_line("甲 1")
    lines = [("甲\t1", 1), ("乙\t2", 2), ("正文", 3), ("丙\t3", 4)]
    assert table_rows(lines) == {0, 1}


def test_clean_line_keeps_section_number_space():
    assert clean_line("## 2 研究**方法**", markdown=True) == "## 2 研究方法"
    assert clean_line("3 数据来源", markdown=False) == "3 数据来源"
    assert clean_line("增长 ５％<!-- x -->", markdown=False) == "增长5%"


def test_each_line_rule():
    assert markdown_heading("## 第二节 产业", True) == ("heading", 2, "第二节 产业")
    assert markdown_heading("## II", True) == ("break", 0, "")
    assert markdown_heading("## 产业", False) is None
    assert caption_line("表2 主要指标", False) == ("caption", 0, "表2 主要指标")
    assert caption_line("表2 显示增长较快。", False) is None
    assert note_line("资料来源：示范局", False) == ("note", 0, "资料来源：示范局")
    assert list_item_line("- 第一项", False) == ("list_item", 0, "第一项")
    assert numbered_heading("（二）产业发展", False) == ("heading", 3, "（二）产业发展")
    assert numbered_heading("（二）产业发展较快。", False) is None
    assert short_heading("产业发展", False) == ("heading", 2, "产业发展")
    assert short_heading("产业发展，", False) is None


@pytest.mark.parametrize("text, kind", [
    ("# 总题", "heading"), ("图1 趋势", "caption"), ("注：单位为亿元", "note"), ("* 一项", "list_item"),
    ("一、总体情况", "heading"), ("全县生产总值增长5%，高于全省。", "paragraph"),
])
def test_line_kind_tries_the_rules_in_order(text, kind):
    assert line_kind(text, markdown=True)[0] == kind
