"""Flattened tables as CSV files: one <table_id>.csv per table and an index.csv listing them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kb.errors import KbError
from kb.models import Table

INDEX_COLUMNS = ("table_id", "caption", "doc_id", "rows", "columns", "unit", "notes")


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """CSV of ``header`` and ``rows``, UTF-8 with BOM, \\r\\n line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" line ends: what Excel expects
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def table_csv_bytes(table: Table) -> bytes:
    """The flattened table as CSV, UTF-8 with BOM, header = columns."""
    return _csv_bytes(table.columns, table.rows)


def index_csv_bytes(tables: list[Table]) -> bytes:
    """index.csv: one line per table (id, caption, document, shape, unit, notes)."""
    rows = [[t.table_id, t.caption, t.doc_id, len(t.rows), len(t.columns), t.unit, " ".join(t.notes)]
            for t in sorted(tables, key=lambda t: (t.doc_id, t.ordinal))]
    return _csv_bytes(list(INDEX_COLUMNS), rows)


def write_tables(tables: list[Table], directory: Path) -> None:
    """Write <table_id>.csv for each table and index.csv listing them."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for table in tables:
            (directory / f"{table.table_id}.csv").write_bytes(table_csv_bytes(table))
        (directory / "index.csv").write_bytes(index_csv_bytes(tables))
    except OSError as exc:
        raise KbError(f"cannot write tables to {directory}: {exc.strerror}; choose another --tables-dir") from exc
