"""The extracted tables folder: one <table_id>.csv per table and index.csv listing them.

kb deletes only files it wrote itself, inside that folder: the store keeps
the absolute path of every file before it is written (so a kill half-way
leaves it known), and a file is removed only when it is in that list, sits
directly in the folder once every link is resolved, and is no longer wanted.
What ``index.csv`` names is never trusted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from kb.errors import KbError
from kb.models import Table
from kb.store.export import index_csv_bytes, table_csv_bytes

if TYPE_CHECKING:
    from kb.store.sqlite import Store

INDEX_CSV = "index.csv"


def table_file_name(table: Table) -> str:
    """<table_id>.csv; the id is already a safe file name (kb.models.table_id_for)."""
    name = f"{table.table_id}.csv"
    if "/" in name or "\\" in name or name.startswith("."):
        raise KbError(f"table id {table.table_id!r} is not a safe file name; run `kb ingest` again")
    return name


def write_tables(tables: list[Table], directory: Path) -> list[Path]:
    """Write <table_id>.csv for each table and index.csv listing them; the paths written."""
    directory = Path(directory)
    written = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for table in tables:
            path = directory / table_file_name(table)
            _write(path, table_csv_bytes(table))
            written.append(path)
        _write(directory / INDEX_CSV, index_csv_bytes(tables))
        written.append(directory / INDEX_CSV)
    except OSError as exc:
        raise KbError(f"cannot write tables to {directory}: {exc.strerror or exc}; free some space "
                      "or choose another --tables-dir, then run `kb ingest` again") from None
    return written


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; a link there is replaced, never followed. A file that
    already holds exactly ``data`` is left as it is: after one changed document, the other
    documents' tables are not written again (reading a small file costs less than writing it)."""
    if path.is_symlink():
        path.unlink()
    elif _holds(path, data):
        return
    path.write_bytes(data)


def _holds(path: Path, data: bytes) -> bool:
    """True when ``path`` is a regular file whose bytes are ``data``."""
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def wanted_paths(tables: list[Table], directory: Path) -> list[str]:
    """Absolute paths of the files a sync of ``tables`` writes into ``directory``."""
    folder = resolved_folder(directory)
    return [str(folder / table_file_name(t)) for t in tables] + [str(folder / INDEX_CSV)]


def resolved_folder(directory: Path) -> Path:
    return Path(os.path.realpath(directory))


def sync_tables(store: "Store", directory: Path) -> list[str]:
    """Make ``directory`` hold exactly the store's tables: record, write, then delete the
    files kb wrote there before that are no longer wanted. Returns the deleted paths."""
    tables = store.tables()
    wanted = wanted_paths(tables, directory)
    store.record_written(wanted)
    write_tables(tables, resolved_folder(directory))
    folder = resolved_folder(directory)
    obsolete = sorted(p for p in store.written_files() if Path(p).parent == folder and p not in wanted)
    deleted = [p for p in obsolete if delete_own_file(Path(p), folder)]
    store.forget_written(obsolete)
    return deleted


def delete_own_file(path: Path, folder: Path) -> bool:
    """Unlink ``path`` only when it is a regular file (not a link) directly inside ``folder``."""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        if Path(os.path.realpath(path)).parent != folder:
            return False
        path.unlink()
        return True
    except OSError:
        return False
