"""Spreadsheets: every sheet of an .xlsx workbook and a CSV of figures is a table (title and
unit rows recognised, figures become table facts); a CSV that wraps a report in a text
column is a document. Workbooks are written with openpyxl at test time."""

from __future__ import annotations

import shutil

import pytest

from tests.formats import render
from tests.formats.common import read, realdoc, realdocs

ROWS = [["产品", "产量", "比上年增长"], ["钢材", 456.2, 0.034], ["水泥", 789.1, -0.021], ["化肥", 12.5, 0.067]]


def workbook(path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()):
    """A workbook of the given sheets; numbers with one decimal, growth cells as 0.0%."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0%" if abs(cell.value) < 1 else "0.0"
        sheet.sheet_state = "hidden" if name in hidden else "visible"
    book.save(path)
    return path


def test_a_sheet_with_title_and_unit_rows_is_a_table(tmp_path):
    path = workbook(tmp_path / "output.xlsx", {"Sheet1": [["表1　2025年主要工业产品产量"], ["单位：万吨"], *ROWS,
                                                           ["注：增长速度按可比价格计算。"]]})
    sheet = read(path)
    assert sheet.document.source_format == "xlsx"
    [table] = sheet.tables
    assert (table.caption, table.unit, table.notes) == ("表1 2025年主要工业产品产量", "万吨", ["注：增长速度按可比价格计算。"])
    assert table.columns == ["产品", "产量", "比上年增长"]
    assert table.rows == [["钢材", "456.2", "3.4%"], ["水泥", "789.1", "-2.1%"], ["化肥", "12.5", "6.7%"]]
    assert {(f.value, f.unit, f.year) for f in sheet.facts if f.source_kind == "table"} == {
        (456.2, "万吨", 2025), (789.1, "万吨", 2025), (12.5, "万吨", 2025),
        (3.4, "%", 2025), (-2.1, "%", 2025), (6.7, "%", 2025)}
    assert all(f.table_id == table.table_id for f in sheet.facts)


def test_every_visible_sheet_is_a_table_headed_by_its_name(tmp_path):
    path = workbook(tmp_path / "book.xlsx", {
        "工业": [["单位：万吨"], *ROWS],
        "财政": [["项目", "2024年", "2025年"], ["一般公共预算收入（亿元）", 95.1, 98.7]],
        "草稿": [["项目", "数值"], ["备用", 1.0]]}, hidden=("草稿",))
    sheet = read(path)
    assert [t.rows[0][0] for t in sheet.tables] == ["钢材", "一般公共预算收入（亿元）"]
    headings = [sheet.document.text[b.start:b.end] for b in sheet.document.blocks if b.kind == "heading"]
    assert headings == ["工业", "财政"]
    assert "备用" not in sheet.document.text
    revenue = [(f.value, f.unit, f.year) for f in sheet.facts if f.value == 98.7]
    assert revenue == [(98.7, "亿元", 2025)]


def test_merged_cells_keep_their_value_in_the_first_cell(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["地区", "2025年", None], [None, "总量（亿元）", "增长（%）"], ["甲市", 1234.5, 5.6], ["乙市", 987.6, 4.9]]:
        sheet.append(row)
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("A1:A2")
    book.save(tmp_path / "merged.xlsx")
    [table] = read(tmp_path / "merged.xlsx").tables
    assert table.rows == [["甲市", "1234.5", "5.6"], ["乙市", "987.6", "4.9"]]
    assert table.columns == ["地区", "2025年/总量（亿元）", "2025年/增长（%）"]
    facts = sorted((f.subject, f.value, f.unit, f.year) for f in read(tmp_path / "merged.xlsx").facts)
    assert facts == [("乙市", 4.9, "%", 2025), ("乙市", 987.6, "亿元", 2025), ("甲市", 5.6, "%", 2025),
                     ("甲市", 1234.5, "亿元", 2025)]


def test_a_csv_of_figures_is_a_table_with_table_facts(tmp_path):
    path = tmp_path / "gdp.csv"
    path.write_text("地区,2024年地区生产总值（亿元）,增长（%）\n甲市,1234.5,5.6\n乙市,987.6,4.9\n丙市,456.7,6.2\n",
                    encoding="utf-8-sig")
    sheet = read(path)
    assert sheet.document.source_format == "csv"
    [table] = sheet.tables
    assert table.rows == [["甲市", "1234.5", "5.6"], ["乙市", "987.6", "4.9"], ["丙市", "456.7", "6.2"]]
    levels = {(f.subject, f.value, f.unit, f.year) for f in sheet.facts if f.unit == "亿元"}
    assert levels == {("甲市", 1234.5, "亿元", 2024), ("乙市", 987.6, "亿元", 2024), ("丙市", 456.7, "亿元", 2024)}


def test_a_csv_wrapping_a_report_in_a_text_column_is_a_document(tmp_path):
    source = realdoc("gov_work_report_hebei_2026.txt")       # a CSV with a full_text column
    path = tmp_path / "hebei.csv"
    shutil.copyfile(source, path)
    as_csv, as_txt = read(path), read(source)
    assert as_csv.document.source_format != "csv" and not as_csv.tables
    assert as_csv.document.text == as_txt.document.text
    assert (as_csv.document.title, as_csv.document.date) == (as_txt.document.title, as_txt.document.date)
    assert as_csv.document.title and as_csv.document.date.startswith("2026")
    assert render.agreement(as_txt.facts, as_csv.facts) == 1.0
    assert "province,year" not in as_csv.document.text


def header_filled(table: dict) -> bool:
    """The table's first row has two cells or more filled: a first row with one filled cell
    reads as the sheet's title (a converter put a merged header's text in one cell)."""
    return sum(bool(c.strip()) for c in table["rows"][0]) >= 2


@pytest.mark.slow
def test_real_tables_written_to_a_workbook_read_back_cell_for_cell(tmp_path):
    """Every table of the shared documents (but those whose first row has one filled cell),
    one sheet each: the same cells and caption, and the same numbers as table facts."""
    checked, wrong = 0, []
    for path in realdocs():
        source = read(path)
        blocks = render.document_tables(source.document)
        if len(blocks) != len(source.tables):
            continue
        pairs = [(t, b) for t, b in zip(source.tables, blocks, strict=True) if header_filled(b)]
        if not pairs:
            continue
        sheet = read(render.tables_xlsx(source.document, tmp_path / f"{path.stem}.xlsx", [b for _, b in pairs]))
        assert len(sheet.tables) == len(pairs), path.name
        for (a, _), b in zip(pairs, sheet.tables, strict=True):
            if render._cells(a.rows) != render._cells(b.rows) or render._cells([[a.caption]]) != render._cells([[b.caption]]):
                wrong.append((path.name, a.caption, b.caption))
            same = sorted(f.value for f in source.facts if f.table_id == a.table_id)
            if sorted(f.value for f in sheet.facts if f.table_id == b.table_id) != same:
                wrong.append((path.name, a.caption, "facts"))
            checked += 1
    assert checked >= 8 and not wrong, wrong
