"""Per-file metadata from a SOURCES.md table, and how it overrides what a file says.

A row names a file in its first cell, then a description (the title itself,
or a sentence naming the title in 《》) and a "publisher, date" cell:

    | jjj-industrial-synergy-2024.txt | 多措并举深化京津冀产业协同发展 | 经济参考报, 2024-03-20 |
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.ingest.dates import normalize_date
from kb.ingest.decode import decode_bytes
from kb.ingest.normalize import is_cjk
from kb.text.vocab import alternation, words

_FILE_CELL = re.compile(r"\.(txt|md|markdown|html?)$")
_DATE_TEXT = re.compile(rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}|(?:{alternation(words('ingest', 'english_months'))})[a-z]*\.?\s+\d{{4}}"
                        r"|(?<!\d)(?:19|20)\d{2}(?!\d)")
_ORG_NAME = re.compile(f"({alternation(words('ingest', 'publisher_name_words'))})")
_NAME_IN_BRACKETS = re.compile(r"^(.*?)\s*[（(]([^()（）]+)[)）]\s*$")


def read_sources_table(path: Path) -> dict[str, dict]:
    """Per-file metadata (title, publisher, date, author) from a SOURCES.md-style Markdown table.

    The columns are found by their header (file | what it is | publisher, date …; see
    ``column_roles``); a table whose header names no title, publisher or date column (a table of
    repositories and commits, say) gives nothing rather than guesses."""
    text, _ = decode_bytes(Path(path).read_bytes())
    result: dict[str, dict] = {}
    roles: dict[str, int] = {}
    for line in text.splitlines():
        if not line.strip().startswith("|"):
            roles = {} if not line.strip() else roles
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not roles and not _FILE_CELL.search(cells[0]):
            roles = column_roles(cells)
            continue
        if len(cells) < 2 or not _FILE_CELL.search(cells[0]) or not roles:
            continue
        result[cells[0]] = row_metadata(cells, roles)
    return result


def column_roles(header: list[str]) -> dict[str, int]:
    """Which column holds the title, the publisher (with the date) and the date, by header words."""
    roles: dict[str, int] = {}
    for i, name in enumerate(header):
        low = name.lower()
        for role in ("publisher", "date", "title", "author"):
            if role not in roles and any(w in low for w in words("ingest", f"sources_{role}_headers")):
                roles[role] = i
                break
    return roles


def row_metadata(cells: list[str], roles: dict[str, int]) -> dict:
    """A row's title, publisher, date and author, read from the columns ``roles`` names."""
    def cell(role: str) -> str:
        i = roles.get(role)
        return cells[i] if i is not None and i < len(cells) else ""

    meta = {"title": title_from_description(cell("title"))} if "title" in roles else {}
    if "publisher" in roles:
        meta.update(publisher_date(cell("publisher")))
    if "date" in roles and cell("date"):
        meta["date"] = normalize_date(cell("date")) or meta.get("date", "")
    if "author" in roles and cell("author"):
        meta["author"] = cell("author")
    return meta


def title_from_description(what: str) -> str:
    """The title a description cell gives: the cell itself when it is mostly Chinese, else its 《…》."""
    cjk = sum(1 for ch in what if is_cjk(ch))
    if cjk >= 0.6 * len(what.replace(" ", "")):
        return what.strip()                      # the description is the title itself
    m = re.search(r"《([^》]+)》", what)
    return m.group(1) if m else ""


def publisher_date(text: str) -> dict:
    """Date, publishers (organisations) and authors (people) of a "publisher, date" cell."""
    date = normalize_date(text)
    rest = _DATE_TEXT.sub("", text)
    publishers, authors = [], []
    for part in [p.strip() for p in re.split(r"[;,；，]", rest) if p.strip()]:
        m = _NAME_IN_BRACKETS.match(part)
        names = [m.group(1), m.group(2)] if m else [part]
        for name in (n.strip() for n in names if n.strip()):
            (publishers if _ORG_NAME.search(name) else authors).append(name)
    return {"date": date, "publisher": "、".join(publishers), "author": "; ".join(authors)}


def apply_sources_row(meta: dict, row: dict) -> dict:
    """``meta`` with a SOURCES.md row's title, publisher and author put over it, and its date
    when the row's date is more precise (2024-03-20 over 2024-03)."""
    for key in ("title", "publisher", "author"):
        if row.get(key):
            meta[key] = row[key]
    if len(row.get("date", "")) > len(meta.get("date", "")):
        meta["date"] = row["date"]
    return meta
