"""Read spreadsheets — an Excel workbook (.xlsx, openpyxl) or a CSV file that is a table —
into source lines (kb.ingest.paged): each sheet (or file) is one table.

Above the table, rows with one filled cell are its title (a 表N title is the
table's caption, another title heads it) and its unit row (单位：万元), read as
for tables in any document; below it, one-cell rows are its notes (注：…,
资料来源：…). A sheet's name heads it when the workbook has several sheets or the
name is not a default one (Sheet1, 工作表1). Cells merged across rows or columns
keep their value in their first cell. Numbers are written as the sheet shows
them (its number format's decimals, percentages as 5.2%), so a figure keeps its
stated precision. A CSV that wraps one report in a text column is not a table but
a document (kb.ingest.containers): ``read_csv_table`` returns None for it; a CSV
that holds a report a block per row (类型 正文/小标题/表格行) is read as that report
(kb.ingest.csv_document).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Optional

from kb.errors import LoadError
from kb.ingest.containers import unwrap_csv
from kb.ingest.csv_document import read_csv_document
from kb.ingest.decode import decode_bytes
from kb.ingest.paged import Paged
from kb.text.vocab import regex

UNIT_ROW = regex("formats", "sheet_unit_row")
_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表|表)\s*\d+$", re.I)
_DECIMALS = re.compile(r"0\.(0+)")
MAX_CELLS = 2_000_000            # cells read from one workbook (a bound, said on one line)


def number_text(value, number_format: str = "General") -> str:
    """A cell value as the sheet shows it: decimals from the number format, a percentage as
    ``5.2%``, an integral float without ``.0``, a date as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, (int, float)):
        fmt = number_format or "General"
        m = _DECIMALS.search(fmt)
        places = len(m.group(1)) if m else None
        if "%" in fmt:
            return f"{value * 100:.{places or 0}f}%"
        if places is not None:
            return f"{value:.{places}f}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return format(value, ".15g") if isinstance(value, float) else str(value)
    return str(value).strip()


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Rows without the empty rows, empty trailing cells and columns empty in every row."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [j for j in range(width) if any(r[j].strip() for r in rows)]
    return [[r[j].strip() for j in keep] for r in rows]


def _one_cell(row: list[str]) -> Optional[str]:
    filled = [c for c in row if c]
    return filled[0] if len(filled) == 1 else None


def split_sheet(rows: list[list[str]]) -> tuple[list[str], list[list[str]], list[str]]:
    """(title and unit lines above the table, the table's rows, note lines below it). A title
    row may carry the unit in its last cell (2023年主要指标 | … | 单位：亿元)."""
    head: list[str] = []
    k = 0
    while k < len(rows) - 1:
        filled = [c for c in rows[k] if c]
        if len(filled) == 1:
            head.append(filled[0])
        elif len(filled) == 2 and UNIT_ROW.match(filled[1]) and not head:
            head += filled
        else:
            break
        k += 1
    end = len(rows)
    notes: list[str] = []
    while end > k + 1 and _one_cell(rows[end - 1]) is not None:
        notes.insert(0, _one_cell(rows[end - 1]) or "")
        end -= 1
    return head, rows[k:end], notes


def write_sheet(paged: Paged, rows: list[list[str]], name: str = "") -> None:
    """One sheet into ``paged``: its name as a heading, title and unit lines, the table, notes."""
    rows = _trim(rows)
    if not rows:
        return
    if name:
        paged.heading(name, 1)
    head, table, notes = split_sheet(rows)
    for line in head:
        paged.paragraph([(line, None)])
    paged.table(table)
    for line in notes:
        paged.paragraph([(line, None)])


def _sheet_rows(sheet, budget: list[int]) -> list[list[str]]:
    rows = []
    for row in sheet.iter_rows():
        budget[0] -= len(row)
        if budget[0] < 0:
            break
        rows.append([number_text(c.value, getattr(c, "number_format", "General")) for c in row])
    return rows


def read_xlsx(raw: bytes, name: str) -> Paged:
    """Every visible sheet of a workbook, one table each (values as last computed by Excel)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign workbook
        raise LoadError(f"{name} is not a readable Excel workbook ({type(exc).__name__}); "
                        "open and save it again as .xlsx") from None
    paged = Paged("xlsx")
    sheets = [s for s in book.worksheets if s.sheet_state == "visible"]
    budget = [MAX_CELLS]
    for sheet in sheets:
        named = len(sheets) > 1 or not _DEFAULT_SHEET.match(sheet.title.strip())
        write_sheet(paged, _sheet_rows(sheet, budget), sheet.title.strip() if named else "")
    if budget[0] < 0:
        paged.notes.append(f"only its first {MAX_CELLS:,} cells are read")
    if not any(line.strip() for line in paged.lines):
        raise LoadError(f"{name}: the workbook has no filled cells; check that it is the right file")
    return paged


def read_csv_table(raw: bytes, name: str, tab: bool = False) -> Optional[Paged]:
    """A CSV (or tab-separated) file as one table, or the report it holds a block per row
    (kb.ingest.csv_document); None when it wraps a report in a text column (a document:
    kb.ingest.containers) or is not a table at all (read as text)."""
    try:
        text, _ = decode_bytes(raw)
    except LoadError as exc:
        raise LoadError(f"{name}: {exc}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unwrap_csv(text) is not None:
        return None
    if not tab:
        document = read_csv_document(text)
        if document is not None:
            return document
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if tab else ","))
    except csv.Error:
        return None
    rows = _trim([[c for c in r] for r in rows])
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    paged = Paged("csv")
    write_sheet(paged, rows)
    return paged
