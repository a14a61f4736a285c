"""The PDF layout rules on plain data (no browser): words joined on a line, two columns found
when their lines do not share baselines, a longer left column kept in its column, running
lines only where they stand at one height, a caption opening the next column."""

from __future__ import annotations

from kb.ingest.pdf_furniture import furniture
from kb.ingest.pdf_layout import Line, Word, gutter, join_words, page_lines
from kb.ingest.pdf_paragraphs import paragraphs

SIZE = 10.0


def word(text: str, x0: float, top: float, width: float | None = None) -> Word:
    return Word(text=text, x0=x0, x1=x0 + (width if width is not None else SIZE * len(text)), top=top,
                bottom=top + SIZE, size=SIZE)


def test_justified_chinese_gaps_are_no_spaces_latin_ones_are():
    assert join_words([word("10.5%", 0, 0, 30), word("、江", 34, 0, 20), word("西10.2%", 58, 0, 40)]) == "10.5%、江西10.2%"
    assert join_words([word("GDP", 0, 0, 20), word("growth", 24, 0, 30)]) == "GDP growth"
    assert join_words([word("作者：张三", 0, 0, 50), word("来源：某报", 60, 0, 50)]) == "作者：张三 来源：某报"


def two_columns(offset: float, left_lines: int = 12, right_lines: int = 12) -> list[Word]:
    """Two columns of Chinese lines, the right one ``offset`` points lower."""
    left = [word("左" * 20, 60, 100 + 18 * k) for k in range(left_lines)]
    right = [word("右" * 20, 300, 100 + offset + 18 * k) for k in range(right_lines)]
    return left + right


def test_columns_found_when_their_lines_share_no_baseline():
    for offset in (0.0, 4.0, 9.0):
        assert 260 < gutter(two_columns(offset), 595.0) < 300, offset


def test_every_left_line_is_read_before_the_right_column():
    lines = page_lines(two_columns(9.0, left_lines=13), [], 595.0, 1)
    texts = [ln.text[0] for ln in lines]
    assert texts == ["左"] * 13 + ["右"] * 12
    assert {ln.side for ln in lines} == {"L", "R"}


def line(text: str, top: float, page: int) -> Line:
    return Line(text=text, x0=60, x1=60 + SIZE * len(text), top=top, bottom=top + SIZE, size=SIZE, page=page)


def test_a_running_line_stands_at_one_height():
    header = [line("某市统计公报", 30, p) for p in (1, 2)]
    body = [line("这一年经济运行总体平稳", 780, 1), line("这一年经济运行总体平稳", 60, 2)]
    pages = [[header[0], body[0]], [header[1], body[1]]]
    dropped = furniture(pages, [842.0, 842.0])
    assert dropped == {id(h) for h in header}


def test_a_caption_at_the_top_of_the_next_column_starts_a_block():
    a = Line(text="全年粮食产量36.8万吨。", x0=60, x1=280, top=760, bottom=770, size=SIZE, page=1, side="L",
             left=60, right=280)
    b = Line(text="表1　主要产品产量", x0=300, x1=390, top=100, bottom=110, size=SIZE, page=1, side="R",
             left=300, right=520)
    c = Line(text="各地区生产总值继续增长。", x0=300, x1=520, top=100, bottom=110, size=SIZE, page=1, side="R",
             left=300, right=520)
    assert len(paragraphs([a, b])) == 2
    assert len(paragraphs([a, c])) == 1                  # a full line goes on in the next column


def test_lines_beside_a_table_in_the_other_column_are_column_lines():
    words = two_columns(4.0)
    words = [w for w in words if not (w.text[0] == "左" and w.top < 140)]      # a table stands there
    table = ((60.0, 95.0, 260.0, 140.0), [["企业", "2", "1"], ["高校", "8", "9"]])
    lines = page_lines(words, [table], 595.0, 1)
    sides = [(ln.side, ln.is_table, ln.text[:1]) for ln in lines]
    right = [s for s in sides if s[2] == "右"]
    assert all(side == "R" for side, _, _ in right) and len(right) == 12
    assert [s[2] for s in sides if not s[1]][:1] == ["左"]          # the left column is read first
