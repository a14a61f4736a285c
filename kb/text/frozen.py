"""Word tables read on demand from SQLite: jieba's word frequencies and part-of-speech tags.

Loading a whole 350,000-word table costs a process most of a second and tens of MB; a
claim or one document asks for a few hundred words. Each table is written once per
machine (``write_table``, atomically) and read a word at a time (``FrozenTable``),
every word asked kept; the values are those of the full load.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class FrozenTable:
    """word → value of one table of a SQLite file, read when asked (``get`` as a dict's)."""

    def __init__(self, path: Path, table: str, column: str) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._query = f"SELECT {column} FROM {table} WHERE word = ?"
        self._cache: dict[str, object] = {}

    def get(self, word: str, default=None):
        try:
            value = self._cache[word]
        except KeyError:
            row = self._db.execute(self._query, (word,)).fetchone()
            value = self._cache[word] = None if row is None else row[0]
        return default if value is None else value

    def __contains__(self, word: str) -> bool:
        try:  # a word asked before (most of jieba's ≈ 400,000 asks of a document) without a call
            return self._cache[word] is not None
        except KeyError:
            return self.get(word) is not None

    def __getitem__(self, word: str):
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def update(self, other: dict) -> None:
        """Values added after loading (user words) take precedence, as in jieba's dicts."""
        self._cache.update(other)

    def meta(self, key: str) -> int:
        """A number the writer kept beside the table (``write_table``'s ``meta``)."""
        return int(self._db.execute("SELECT freq FROM meta WHERE key = ?", (key,)).fetchone()[0])


def write_table(path: Path, table: str, column: str, column_type: str, items: dict,
                meta: dict[str, int] | None = None) -> None:
    """Write ``items`` (word → value) as ``table`` of a SQLite file, replacing ``path`` atomically."""
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    db = sqlite3.connect(tmp)
    db.execute(f"CREATE TABLE {table} (word TEXT PRIMARY KEY, {column} {column_type}) WITHOUT ROWID")
    db.executemany(f"INSERT INTO {table} VALUES (?, ?)", items.items())
    if meta is not None:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, freq INTEGER)")
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()
    db.close()
    os.replace(tmp, path)
