"""The extracted tables folder: one <table_id>.csv per table and index.csv listing them."""

from __future__ import annotations

from pathlib import Path

from kb.errors import KbError
from kb.models import Table
from kb.store.export import index_csv_bytes, table_csv_bytes


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
