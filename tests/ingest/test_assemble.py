from kb.ingest.assemble import assemble, block_lines, formula_blocks
from kb.ingest.line_map import source_line
from kb.ingest.raw import RawBlock
from kb.models import Document


def test_block_lines_anchor_each_new_source_line():
    line_map: list = []
    assert block_lines("paragraph", [("全县", 3), ("增长。", 4), ("Growth", 4), ("rate", 5)], 10, line_map) == \
        "全县增长。Growth rate"
    assert line_map == [(10, 3), (12, 4), (22, 5)]
    assert block_lines("table", [("甲\t1", 7), ("乙\t2", 8)], 0, []) == "甲\t1\n乙\t2"


def test_formula_blocks():
    assert [(b.start, b.end) for b in formula_blocks("设$x$与$$y$$", 5)] == [(6, 9), (10, 15)]


def test_assemble_and_source_line():
    text, blocks, line_map = assemble([RawBlock("heading", [("标题", 1)], 1), RawBlock("paragraph", [("", 2)]),
                                       RawBlock("paragraph", [("正文$x$。", 3)])])
    assert text == "标题\n\n正文$x$。"
    assert [(b.kind, b.start, b.end) for b in blocks] == [("heading", 0, 2), ("paragraph", 4, 10), ("formula", 6, 9)]
    doc = Document(doc_id="d", doc_path="d.txt", text=text, blocks=blocks, line_map=line_map)
    assert source_line(doc, 0) == 1 and source_line(doc, 5) == 3
    assert source_line(Document(doc_id="e", doc_path="e.txt", text="x"), 0) == 1
