"""The fact table as CSV, streamed from lines rendered when each fact is written: `kb facts`
at a million facts.

`kb.ui.payloads.facts_csv_bytes` over ``Fact`` models builds one pydantic model and one
``model_dump`` a fact and calls ``escape_cell`` once a cell, then holds the whole file in
memory: ≈ 65 µs a fact. Instead, when a document's facts are written (kb.store.rows), each
fact's cells are rendered once, by that same code, into the ``csv_line`` column of its row.
The export reads the lines in the fact table's order and adds the publisher's cell and the
line end; rows of ``CHUNK_ROWS`` lines are encoded and written as they come, after the BOM.
A fact written by an older kb (no line) is rendered from its stored JSON (``FactRows``):
parsed once into a dict (orjson when installed, else json), its cells taken by one
``itemgetter`` call and only what ``csv.writer`` writes differently from ``escape_cell``
fixed up (integral floats lose ``.0``; a row with a text cell starting with = + - @ tab or
CR is escaped cell by cell). csv.writer quotes each cell on its own, so a line of 36 cells
plus ``,publisher`` equals the row of 37. The bytes equal those of ``facts_csv_bytes``
(tested on the corpus store, with lines and without).
"""

from __future__ import annotations

import csv
import io
import json
import re
import typing
from operator import itemgetter
from typing import BinaryIO, Iterable, Iterator, Mapping, Optional

from kb.models import Fact
from kb.store.export import PUBLISHER_COLUMN, escape_cell, fact_columns, number_text

try:                                    # 2× faster than json.loads; the same values
    import orjson

    parse_json = orjson.loads
except ImportError:                     # pragma: no cover - orjson is optional
    parse_json = json.loads

CHUNK_ROWS = 5000
# A text cell a spreadsheet would read as a formula starts with one of = + - @ \t \r
# (escape_cell's triggers): looked for after each separator of the joined text cells.
_TRIGGER = re.compile("\x1f[=+\\-@\t\r]")


def fact_csv_lines(facts: Iterable[Fact]) -> list[str]:
    """Each fact's cells of the `kb facts` CSV (escaped, quoted, comma-separated, no line end)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="")
    columns = fact_columns()
    lines = []
    for fact in facts:
        values = fact.export_row()
        writer.writerow([escape_cell(values[c]) for c in columns])
        lines.append(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    return lines


def _column_kinds(columns: tuple[str, ...]) -> tuple[list[int], list[str]]:
    """(positions of the float columns, names of the text columns that are never None) of
    ``columns`` in ``Fact``. The optional texts are YYYY-MM months: never a formula."""
    floats, texts = [], []
    for i, name in enumerate(columns):
        annotation = Fact.model_fields[name].annotation
        kinds = typing.get_args(annotation) or (annotation,)
        if float in kinds:
            floats.append(i)
        elif int not in kinds and type(None) not in kinds:
            texts.append(name)
    return floats, texts


class FactRows:
    """The CSV cells of a fact given as its stored JSON, parsed (``escape_cell`` of each export
    cell, without building the model)."""

    def __init__(self) -> None:
        self.columns = fact_columns()
        self.cells = itemgetter(*self.columns)
        self.floats, texts = _column_kinds(self.columns)
        self.texts = itemgetter(*texts)
        self.defaults = {name: field.default for name, field in Fact.model_fields.items()
                         if not field.is_required()}       # fields an older kb did not write

    def row(self, record: dict) -> list:
        try:
            values = self.cells(record)
        except KeyError:
            record = {**self.defaults, **record}
            values = self.cells(record)
        if _TRIGGER.search("\x1f" + "\x1f".join(self.texts(record))):
            return [escape_cell(float(v) if i in self.floats and v is not None else v)
                    for i, v in enumerate(values)]
        cells = list(values)
        for i in self.floats:
            if cells[i] is not None:
                cells[i] = number_text(float(cells[i]))
        return cells


def write_fact_csv(rows: Iterable[tuple[Optional[str], str, Optional[str]]], out: BinaryIO,
                   publishers: Optional[Mapping[str, str]] = None) -> int:
    """Write the CSV of `kb facts` (BOM, CRLF, escaped cells, the publisher column last) to
    ``out`` as it is made, from ``Store.fact_lines`` rows; the number of bytes written."""
    written = 0
    for chunk in _chunks(rows, dict(publishers or {})):
        data = chunk.encode("utf-8")
        out.write(data)
        written += len(data)
    return written


def _chunks(rows: Iterable[tuple[Optional[str], str, Optional[str]]], publishers: dict[str, str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([escape_cell(h) for h in fact_columns() + (PUBLISHER_COLUMN,)])
    yield buffer.getvalue()
    ends: dict[str, str] = {}          # doc_id → ",<publisher cell>\r\n"
    old: Optional[FactRows] = None
    lines: list[str] = []
    for line, doc_id, data in rows:
        end = ends.get(doc_id)
        if end is None:
            end = ends[doc_id] = _row_end(publishers.get(doc_id, ""))
        if line is None:                # written by a kb before csv_line
            old = old or FactRows()
            line = _joined(old.row(parse_json(data)))
        lines.append(line + end)
        if len(lines) >= CHUNK_ROWS:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def _row_end(publisher: str) -> str:
    """The end of a row: the publisher's cell, quoted as csv.writer quotes it, and CRLF."""
    return "," + _joined([escape_cell(publisher)]) + "\r\n" if publisher else ",\r\n"


def _joined(cells: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()
