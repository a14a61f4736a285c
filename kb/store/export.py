"""Serialise facts and checks for download: CSV (UTF-8 with BOM, Excel-safe), JSON, Parquet.

The page and the CLI both call these, so what a user sees filtered is
exactly what they download. Functions return bytes; writing them is the
caller's job.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from typing import Iterable, Optional, Sequence

from kb.models import FACT_COLUMNS, FACT_EXTRA_COLUMNS, Check, Fact, Table

CHECK_COLUMNS = (
    "check_id", "kind", "doc_id", "passage_id", "quote", "stated_fact_id", "stated_value",
    "formula", "inputs", "recomputed_value", "tolerance", "verdict", "explanation",
)
_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?%?|-?\.\d+%?")
# The column of the document's publisher that `kb facts` and the page add after the fact columns.
PUBLISHER_COLUMN = "doc_publisher"
# A cell starting with one of these is read as a formula by spreadsheet programs.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> str:
    """A CSV cell as text, neutralised against spreadsheet formula injection.

    Text beginning with = + - @ (or a tab / carriage return) gets a leading
    apostrophe, which Excel and LibreOffice show as plain text. Numbers are
    written as numbers (a negative number is a number, not a formula).
    """
    if value.__class__ is str:     # most cells (issue 12): what the steps below give a str
        return "'" + value if value.startswith(_FORMULA_TRIGGERS) and not _NUMBER.fullmatch(value) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        return number_text(value)
    text = str(value)
    if text.startswith(_FORMULA_TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def table_csv_bytes(table: Table) -> bytes:
    """A flattened table (kb/figures/tables) as CSV: header = its columns, cells escaped."""
    return rows_csv_bytes(table.columns, table.rows)


TABLE_INDEX_COLUMNS = ("table_id", "caption", "doc_id", "rows", "columns", "unit", "notes")


def index_csv_bytes(tables: list[Table]) -> bytes:
    """extracted_tables/index.csv: one line per table (id, caption, document, shape, unit, notes)."""
    rows = [[t.table_id, t.caption, t.doc_id, len(t.rows), len(t.columns), t.unit, " ".join(t.notes)]
            for t in sorted(tables, key=lambda t: (t.doc_id, t.ordinal))]
    return rows_csv_bytes(TABLE_INDEX_COLUMNS, rows)


def number_text(value: int | float) -> str:
    """A number as a CSV cell: an integral float without ``.0`` (below 1e15), else its repr."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def rows_csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV as Excel opens it: UTF-8 with BOM, CRLF line ends, escaped cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in header])
    for row in rows:
        writer.writerow([escape_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def fact_columns(extras: bool = True) -> tuple[str, ...]:
    return FACT_COLUMNS + (FACT_EXTRA_COLUMNS if extras else ())


def facts_csv_bytes(facts: Iterable[Fact], extras: bool = True) -> bytes:
    """The fact table as CSV, columns in INTERFACE.md order (our extensions last)."""
    columns = fact_columns(extras)
    return rows_csv_bytes(columns, ([row[c] for c in columns] for row in (f.export_row() for f in facts)))


def fact_record(fact: Fact) -> dict:
    """One fact as the JSON object of INTERFACE.md (plus our extensions)."""
    return fact.export_row()


def facts_json_bytes(facts: Iterable[Fact]) -> bytes:
    payload = {"facts": [fact_record(f) for f in facts]}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def facts_parquet_bytes(facts: Iterable[Fact]) -> bytes:
    """Parquet with the same columns; year/period columns are nullable integers."""
    import pandas as pd  # lazy: keeps `kb --help` fast

    columns = fact_columns()
    frame = pd.DataFrame([f.export_row() for f in facts], columns=list(columns))
    for column in ("year", "period_start", "period_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("char_start", "char_end"):
        frame[column] = frame[column].astype("int64")
    for column in ("value", "value_normalized"):
        frame[column] = frame[column].astype("float64")
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def check_record(check: Check) -> dict:
    return check.public()


def checks_csv_bytes(checks: Iterable[Check]) -> bytes:
    def row(c: Check) -> list[object]:
        data = c.public()
        data["inputs"] = " ".join(c.inputs)
        return [data[k] for k in CHECK_COLUMNS]

    return rows_csv_bytes(CHECK_COLUMNS, (row(c) for c in checks))


def checks_json_bytes(checks: Iterable[Check]) -> bytes:
    payload = {"checks": [check_record(c) for c in checks]}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def json_bytes(payload: object) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_facts(facts: list[Fact], fmt: str) -> bytes:
    """Facts in one of the formats of `kb facts --format`."""
    if fmt == "csv":
        return facts_csv_bytes(facts)
    if fmt == "json":
        return facts_json_bytes(facts)
    if fmt == "parquet":
        return facts_parquet_bytes(facts)
    from kb.errors import KbError

    raise KbError(f"unknown format {fmt!r}: use csv, json or parquet")


def download_name(stem: str, fmt: str, suffix: Optional[str] = None) -> str:
    """A file name for a download: kb-facts.csv, kb-facts-北京.json ..."""
    safe = "".join(ch for ch in (suffix or "") if ch.isalnum() or ch in "-_")[:40]
    return f"{stem}{'-' + safe if safe else ''}.{fmt}"
