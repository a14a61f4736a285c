"""Locate hand-annotated gold figures in a text, the way the annotation guide says.

An anchor and its surface are compared with the text after removing all
whitespace and the LaTeX marks ``$`` and ``\\``, character by character under
NFKC (full-width and half-width forms are equal). Offsets returned are into
the original text. Used by the gold-anchor linter and by the real-document
scorer (tests/gold/realdocs/GUIDE.md).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

DROPPED = {"$", "\\"}
TAG = re.compile(r"<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S | re.I)


def flatten(text: str) -> tuple[str, list[int]]:
    """The compared form of ``text`` and, for each of its characters, the offset in ``text``."""
    chars, positions = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if c.isspace() or c in DROPPED:
                continue
            chars.append(c)
            positions.append(i)
    return "".join(chars), positions


def flat(text: str) -> str:
    return flatten(text)[0]


def find_all(haystack: str, needle: str) -> list[int]:
    out, i = [], haystack.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def locate(text: str, anchor: str, surface: str, flattened: tuple[str, list[int]] | None = None
           ) -> tuple[int, int] | None:
    """Half-open span in ``text`` of ``surface`` inside the first occurrence of ``anchor``."""
    compact, positions = flattened or flatten(text)
    a, s = flat(anchor), flat(surface)
    i = compact.find(a) if a else -1
    j = a.find(s) if s else -1
    if i < 0 or j < 0:
        return None
    start, end = i + j, i + j + len(s)
    return positions[start], positions[end - 1] + 1


def document_stem(doc_id: str) -> str:
    """A document's id less its file extension, whatever the format (bulletin.md → bulletin,
    sub/report.pdf → sub/report); an id without one is returned as it is."""
    head, dot, ext = doc_id.rpartition(".")
    return head if dot and head and not head.endswith("/") and ext.isascii() and ext.isalnum() else doc_id


def gold_doc_ids(gold: list[dict], doc_ids) -> list[dict]:
    """Gold entries name documents by file stem (``bulletin``), as kb did before issue 11; kb's
    doc_id is the path with its extension (``bulletin.md``, ``summary.pdf``): map stem → doc_id.
    An entry naming a document exactly keeps it; a stem two documents share (``x.txt``, ``x.pdf``)
    is left unmapped, so its entries are not located rather than scored on the wrong document."""
    doc_ids = set(doc_ids)
    by_stem: dict[str, list[str]] = {}
    for d in sorted(doc_ids):
        by_stem.setdefault(document_stem(d), []).append(d)

    def resolve(name: str) -> str:
        if name in doc_ids:
            return name
        found = by_stem.get(name, [])
        return found[0] if len(found) == 1 else name

    return [{**g, "doc_id": resolve(g["doc_id"])} if "doc_id" in g else g for g in gold]


def decode_source(raw: bytes) -> str:
    """The source file's text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def visible_text(source: str) -> str:
    """Source text with HTML comments, scripts, styles and tags removed, entities unescaped."""
    return html.unescape(TAG.sub(" ", source))


def read_jsonl(path: Path) -> list[dict]:
    """Entries of a gold file, each with its line number; comment lines skipped."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        entry = json.loads(line)
        if "_comment" in entry or "_header" in entry:
            continue
        entry["_line"] = number
        entries.append(entry)
    return entries
