"""A CSV that holds a report a block per row (类型 正文/小标题/表格行) is read as that report;
a CSV of records stays a table."""

from pathlib import Path

import pytest

from kb.ingest import load_document, source_line
from kb.ingest.csv_document import block_kind, read_csv_document
from kb.ingest.sheets import read_csv_table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_block_types_come_from_the_vocabulary():
    assert [block_kind(v) for v in ("正文", "小标题", "表格行", "标题", "地区")] == [
        "prose", "subheading", "table", "heading", None]


def test_rows_are_headings_paragraphs_and_one_table():
    paged = read_csv_document(fixture("block_rows.csv"))
    text = paged.text
    assert text.startswith("# 2025年某县工业经济运行情况\n")
    assert "\n## 一、分行业情况\n" in text
    assert "分行业看，制造业增加值增长7.2%；\n电力行业增加值增长3.1%。" in text
    assert "指标\t数值\t增长（%）\n规模以上工业增加值（亿元）\t215.4\t6.5\n制造业增加值（亿元）\t180.2\t7.2" in text
    assert "编号" not in text and "表格行" not in text and "正文" not in text


def test_lines_keep_the_csv_source_line():
    paged = read_csv_document(fixture("block_rows.csv"))
    numbered = dict(zip(paged.lines, paged.pages, strict=True))
    assert numbered["电力行业增加值增长3.1%。"] == 6           # the second line of a quoted cell
    assert numbered["制造业增加值（亿元）\t180.2\t7.2"] == 10


@pytest.mark.parametrize("name", ["typed_records.csv", "titled_records.csv"])
def test_a_csv_of_records_is_no_block_document(name):
    assert read_csv_document(fixture(name)) is None


def test_a_csv_of_records_stays_a_table():
    paged = read_csv_table(fixture("typed_records.csv").encode("utf-8"), "typed_records.csv")
    assert not paged.line_numbers
    assert "甲县\t工业\t规模以上工业增加值增长\t6.5" in paged.text


def test_a_block_document_cites_csv_lines(tokenizer):
    document = load_document(FIXTURES / "block_rows.csv", FIXTURES, tokenizer=tokenizer)
    assert document.source_format == "csv" and not document.pages
    assert document.title == "2025年某县工业经济运行情况"
    for quote, line in (("全县规模以上工业增加值增长6.5%", 3), ("电力行业增加值增长3.1%", 6),
                        ("一、分行业情况", 4), ("180.2", 10), ("增长速度按可比价格计算", 11)):
        assert source_line(document, document.text.index(quote)) == line, quote
