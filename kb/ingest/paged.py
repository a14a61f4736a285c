"""A document read from a binary format (PDF, Word, a spreadsheet) as source lines for the
text pipeline, and the page of every clean character.

The readers (kb.ingest.pdf, kb.ingest.docx, kb.ingest.sheets) do not make blocks
themselves: they write what they found as Markdown lines — headings as ``#`` lines,
paragraphs as lines (one per page they cover), captions and unit lines as lines,
tables as tab-separated rows, blank lines between blocks — each with the page it
is on. kb.ingest.load reads those lines like any Markdown file (furniture, hard
wraps, captions, tables, metadata) and ``page_anchors`` turns its line map into
the document's page anchors: ``(clean offset, page)`` where a page starts.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from kb.ingest.markdown import FORMULA_RE
from kb.ingest.normalize import join_sep

_LEADING_HASH = re.compile(r"^(\s*)#")
_RULE_LINE = re.compile(r"^\s*([-=*_])\1{2,}\s*$")


def escape_line(text: str) -> str:
    """One line of plain text made literal for the Markdown reader: emphasis marks, brackets
    a leading ``#`` kept from reading as a heading, ``&`` and ``<`` as entities (the reader unescapes them);
    formulas (``$…$``, kept verbatim by the reader) as they are."""
    parts, last = [], 0
    for m in FORMULA_RE.finditer(text):
        parts += [_escape(text[last:m.start()]), m.group(0)]
        last = m.end()
    text = "".join(parts) + _escape(text[last:])
    text = _LEADING_HASH.sub("\\1＃", text)      # a leading # would read as a heading: full-width
    return "" if _RULE_LINE.match(text) else text


_ENTITIES = {"&": "&amp;", "<": "&lt;", "*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;",
             "]": "&#93;", "\\": "&#92;", "$": "&#36;"}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def _escape(text: str) -> str:
    """Markdown's marks as character references: the reader removes emphasis and links first
    and decodes references last, so they come back as they were."""
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group(0)], text)


def cell_text(lines: list[str]) -> str:
    """A table cell's text from its lines, joined as wrapped lines are (no tabs, no newlines)."""
    out = ""
    for line in (ln.replace("\t", " ").strip() for ln in lines):
        if line:
            out = out + join_sep(out, line) + line if out else line
    return out


@dataclass
class Paged:
    """Source lines of a document read from a binary format, with the page of each line
    (None where the format has no pages), its format name and the metadata it states. With
    ``line_numbers`` the number kept for each line is the file's own source line, not a
    page (a CSV holding a report a row per block: kb.ingest.csv_document)."""

    fmt: str
    lines: list[str] = field(default_factory=list)
    pages: list[Optional[int]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)      # what the ingest should tell the user
    line_numbers: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def add(self, line: str, page: Optional[int] = None) -> None:
        self.lines.append(line)
        self.pages.append(page)

    def blank(self) -> None:
        """End the block: a blank line (never two in a row)."""
        if self.lines and self.lines[-1] != "":
            self.add("", self.pages[-1])

    def heading(self, text: str, level: int, page: Optional[int] = None) -> None:
        text = escape_line(text.replace("\n", " ").strip())
        if text:
            self.blank()
            self.add("#" * max(1, min(level, 6)) + " " + text, page)
            self.blank()

    def paragraph(self, parts: list[tuple[str, Optional[int]]]) -> None:
        """A paragraph from its (text, page) parts: one line per page it covers."""
        self.blank()
        for text, page in parts:
            line = escape_line(text.replace("\n", " ").strip())
            if line:
                self.add(line, page)
        self.blank()

    def table(self, rows: list[list[str]], page: Optional[int] = None,
              row_pages: Optional[list[Optional[int]]] = None) -> None:
        """Rows of cells as tab-separated lines (a row with fewer than two cells gets an empty one,
        so that every row reads as a table row)."""
        pages = row_pages or [page] * len(rows)
        kept = [(k, [c.replace("\t", " ").replace("\n", " ").strip() for c in row]) for k, row in enumerate(rows)]
        kept = [(k, row) for k, row in kept if any(row)]
        rows, row_pages = [row for _, row in kept], [pages[k] for k, _ in kept]
        if len(rows) < 2:
            for row in rows:
                self.paragraph([(" ".join(c for c in row if c), page)])
            return
        self.blank()
        for k, row in enumerate(rows):
            self.add("\t".join(row if len(row) > 1 else row + [""]), row_pages[k])
        self.blank()

    def has_pages(self) -> bool:
        return any(p is not None for p in self.pages)


def page_anchors(line_map: list[tuple[int, int]], line_pages: list[Optional[int]]) -> list[tuple[int, int]]:
    """``(clean offset, page)`` where each page starts in the clean text, from the line map
    (clean offset → 1-based source line) and the page of every source line."""
    anchors: list[tuple[int, int]] = []
    for offset, line in line_map:
        page = line_pages[line - 1] if 0 < line <= len(line_pages) else None
        if page is not None and (not anchors or anchors[-1][1] != page):
            anchors.append((offset, page))
    return anchors


def source_line_map(line_map: list[tuple[int, int]], line_numbers: list[Optional[int]]
                    ) -> list[tuple[int, int]]:
    """The line map (clean offset → source line of the file) from the line map over kb's own
    lines and the file's source line of every one of them."""
    out: list[tuple[int, int]] = []
    for offset, line in line_map:
        source = line_numbers[line - 1] if 0 < line <= len(line_numbers) else None
        if source is not None and (not out or out[-1][1] != source):
            out.append((offset, source))
    return out


def page_at(anchors: list[tuple[int, int]], offset: int) -> Optional[int]:
    """The page of the clean character at ``offset`` (None for a document without pages)."""
    if not anchors:
        return None
    i = bisect.bisect_right([o for o, _ in anchors], offset) - 1
    return anchors[max(i, 0)][1]


def assign_pages(document, passages: list, facts: list) -> None:
    """Set the page of every passage (where it starts) and fact (where its figure stands) of a
    paged document; nothing changes for a document without pages."""
    if not document.pages:
        return
    for passage in passages:
        passage.page = page_at(document.pages, passage.start)
    for fact in facts:
        fact.page = page_at(document.pages, fact.char_start)
