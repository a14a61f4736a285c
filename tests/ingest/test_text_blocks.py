from kb.ingest.raw import RawBlock
from kb.ingest.text_blocks import (
    add_line,
    byline_rule,
    continues_paragraph,
    group_blocks,
    is_cut_full_line,
    is_heading_candidate,
    line_action,
    line_groups,
    meta_line_rule,
    noise_rule,
    starts_table,
    stays_heading,
    table_row,
    take_author_lines,
    text_blocks,
)
from kb.ingest.wrap import Layout

PRINT = Layout(hard_wrapped=True, wrap_width=40)
SCREEN = Layout(hard_wrapped=False, wrap_width=120)


def test_line_filters():
    assert noise_rule("版权所有 示范网", False, {}) == "drop"
    assert noise_rule("首页 新闻 政务 服务", True, {}) is None
    meta: dict = {}
    assert meta_line_rule("来源：示范日报", False, meta) == "break" and meta == {"publisher": "示范日报"}
    meta = {}
    assert byline_rule("记者：赵六", False, meta) == "drop" and meta == {"author": "赵六"}
    assert line_action("全县粮食产量增长3%。", False, {}) == "keep"


def test_line_groups_split_at_blank_and_meta_lines_and_keep_table_rows():
    lines = [("第一段第一行", 1), ("来源：示范日报", 2), ("第二段", 3), ("", 4),
             ("首页\t新闻", 5), ("政务\t服务", 6), ("【打印】【关闭】", 7)]
    assert line_groups(lines, False, {}) == [[("第一段第一行", 1)], [("第二段", 3)], [("首页\t新闻", 5), ("政务\t服务", 6)]]


def test_table_helpers():
    group = [("甲\t1", 1), ("乙\t2", 2), ("正文", 3)]
    assert starts_table(group, 0, None) and not starts_table(group, 2, None)
    assert not starts_table([("甲\t1", 1)], 0, None) and starts_table([("甲\t1", 1)], 0, RawBlock("table"))
    assert table_row(" 甲 \t１２ ") == "甲\t12"
    assert table_row("| 甲 | １２ |") == "| 甲 | 12 |"


def test_paragraph_and_heading_decisions():
    assert continues_paragraph("paragraph", 0, "x", "x", False)
    assert continues_paragraph("heading", 2, "产业发展", "产业发展", False)
    assert not continues_paragraph("heading", 2, "## 产业", "## 产业", True)
    assert is_heading_candidate("heading", 2, "产业发展", 2) and not is_heading_candidate("heading", 2, "产业发展", 1)
    assert stays_heading("产业发展", None, False, PRINT)
    assert not stays_heading("产业发展", None, False, SCREEN)
    assert not stays_heading("产业发展", None, True, PRINT)
    assert not stays_heading("一行几乎写满版心宽度的文字一行几乎写满", None, False, PRINT)


def test_add_line_opens_and_continues_a_paragraph():
    out: list = []
    para = add_line(out, None, "全县粮食产量", 1, markdown=False, layout=SCREEN, last=False, group_size=2)
    para = add_line(out, para, "增长3%。", 2, markdown=False, layout=SCREEN, last=True, group_size=2)
    assert [(b.kind, b.text) for b in out] == [("paragraph", "全县粮食产量增长3%。")] and para is out[0]
    item = add_line(out, None, "- 一项", 3, markdown=False, layout=SCREEN, last=True, group_size=1)
    assert item.kind == "list_item" and item.text == "一项"


def test_group_blocks_and_full_width_line():
    group = [("（一）总体情况", 1), ("全县粮食产量增长3%。", 2), ("甲\t1", 3), ("乙\t2", 4)]
    assert [(b.kind, b.text) for b in group_blocks(group, False, SCREEN)] == [
        ("heading", "（一）总体情况"), ("paragraph", "全县粮食产量增长3%。"), ("table", "甲\t1\n乙\t2")]
    wide = "全县粮食产量增长较快农民收入继续提高"
    out = [RawBlock("heading", [(wide, 1)], 2)]
    assert is_cut_full_line(out, [(wide, 1)], PRINT)
    assert [(b.kind, b.level) for b in group_blocks([(wide, 1)], False, PRINT)] == [("paragraph", 0)]


def test_take_author_lines_before_the_first_paragraph():
    meta: dict = {}
    blocks = [RawBlock("paragraph", [("钱七 孙八", 1)]), RawBlock("paragraph", [("正" * 41, 2)]),
              RawBlock("paragraph", [("周九 吴十", 3)])]
    assert [b.text for b in take_author_lines(blocks, meta)] == ["正" * 41, "周九 吴十"]
    assert meta == {"author": "钱七、孙八"}


def test_text_blocks_of_a_small_capture():
    chunk = "示范县粮食再获丰收\n\n记者：赵六\n\n全县粮食产量达到52万吨，\n同比增长3.1%。\n\n责任编辑：李四\n"
    meta: dict = {}
    blocks = text_blocks(chunk, 1, False, meta, top=True)
    assert [(b.kind, b.text) for b in blocks] == [("heading", "示范县粮食再获丰收"),
                                                  ("paragraph", "全县粮食产量达到52万吨，同比增长3.1%。")]
    assert meta == {"title": "示范县粮食再获丰收", "author": "赵六"}
