"""A CSV file that holds one report a block per row: ``序号,类型,内容,列2,列3`` where the
type column says what each row is (标题, 小标题, 正文, 表格行 …) and the text column holds it.

It is read as a document, not as a table of records: a prose row's text is a paragraph,
a 标题/小标题 row a heading, and consecutive table rows (typed 表格行, or filling the
columns after the text column) one table whose first row is its header. It is such a
document when its header names a text column (kb/data/ingest.yaml ``csv_text_columns``),
a column's values are mostly block types (``csv_block_*_types``), no column holds a
record's metadata (title, date, source …: each row would be a record of its own) and the
text column carries most of the file's characters. ``read_csv_document`` returns the
document as source lines (kb.ingest.paged) numbered by the CSV's own lines, so citations
point at the row a sentence stands in; None for any other CSV.
"""

from __future__ import annotations

import csv
import io
from typing import NamedTuple, Optional

from kb.ingest.containers import metadata_column, text_column
from kb.ingest.paged import Paged
from kb.text.vocab import words

_MIN_TYPED_SHARE = 0.6       # of a type column's filled values, the share that are block types
_MIN_TEXT_SHARE = 0.5        # of the file's characters, the share in the text column
_BLOCK_KINDS = ("heading", "subheading", "table", "prose")


class Row(NamedTuple):
    line: int                # the source line the row starts on (1-based)
    cells: list[str]


def csv_rows(text: str) -> Optional[list[Row]]:
    """The CSV's rows with the line each starts on; None when it is no CSV."""
    reader = csv.reader(io.StringIO(text))
    rows, last = [], 0
    try:
        for cells in reader:
            rows.append(Row(last + 1, cells))
            last = reader.line_num
    except csv.Error:
        return None
    return rows


def block_kind(value: str) -> Optional[str]:
    """What a type cell says its row is (heading, subheading, table, prose), None for no block type."""
    value = value.strip().lower()
    for kind in _BLOCK_KINDS:
        if value and value in words("ingest", f"csv_block_{kind}_types"):
            return kind
    return None


def type_column(records: list[Row], skip: int) -> Optional[int]:
    """The column (other than ``skip``) whose filled values are mostly block types, with a prose one."""
    width = max(len(r.cells) for r in records)
    for j in range(width):
        values = [r.cells[j] for r in records if j < len(r.cells) and r.cells[j].strip()]
        kinds = [block_kind(v) for v in values]
        if j != skip and values and "prose" in kinds and \
                sum(k is not None for k in kinds) >= _MIN_TYPED_SHARE * len(values):
            return j
    return None


def _text_share(records: list[Row], column: int) -> float:
    total = sum(len(c) for r in records for c in r.cells)
    held = sum(len(r.cells[column]) for r in records if column < len(r.cells))
    return held / total if total else 0.0


def document_columns(rows: list[Row]) -> Optional[tuple[int, int]]:
    """(text column, type column) when the rows are a report a block per row, else None."""
    if len(rows) < 3:
        return None
    header, records = rows[0].cells, [r for r in rows[1:] if any(c.strip() for c in r.cells)]
    text = text_column(header)
    if text is None or len(records) < 2 or any(metadata_column(h) for h in header):
        return None
    kind = type_column(records, text)
    if kind is None or _text_share(records, text) < _MIN_TEXT_SHARE:
        return None
    return text, kind


def row_kind(row: Row, text: int, kind: int) -> str:
    """The row's block kind: its type cell's, a table row when it fills the columns after the text."""
    typed = block_kind(row.cells[kind]) if kind < len(row.cells) else None
    if typed == "table" or any(c.strip() for c in row.cells[text + 1:]):
        return "table"
    return typed or "prose"


def write_blocks(paged: Paged, rows: list[Row], text: int, kind: int) -> None:
    """Every row into ``paged``: headings, paragraphs, and runs of table rows as one table each."""
    table: list[Row] = []
    for row in rows:
        what = row_kind(row, text, kind)
        if what == "table":
            table.append(row)
            continue
        flush_table(paged, table, text)
        table = []
        write_text_row(paged, row, text, what)
    flush_table(paged, table, text)


def flush_table(paged: Paged, table: list[Row], text: int) -> None:
    """A run of table rows as one table: the text column and the columns after it."""
    if table:
        width = max(len(r.cells) for r in table)
        cells = [(r.cells + [""] * (width - len(r.cells)))[text:] for r in table]
        while cells and all(not row[-1].strip() for row in cells) and len(cells[0]) > 1:
            cells = [row[:-1] for row in cells]
        paged.table(cells, row_pages=[r.line for r in table])


def write_text_row(paged: Paged, row: Row, text: int, what: str) -> None:
    """A heading or a paragraph from the row's text cell, each of its lines at its source line."""
    value = row.cells[text] if text < len(row.cells) else ""
    if not value.strip():
        return
    if what in ("heading", "subheading"):
        paged.heading(value, 1 if what == "heading" else 2, row.line)
    else:
        paged.paragraph([(line, row.line + k) for k, line in enumerate(value.split("\n"))])


def read_csv_document(text: str) -> Optional[Paged]:
    """The report a CSV holds a block per row, as source lines numbered by the CSV's lines;
    None when the CSV is not such a report."""
    if text.split("\n", 1)[0].count(",") < 2:
        return None
    rows = csv_rows(text)
    columns = rows and document_columns(rows)
    if not columns:
        return None
    paged = Paged("csv", line_numbers=True)
    write_blocks(paged, rows[1:], *columns)
    return paged if paged.lines else None
