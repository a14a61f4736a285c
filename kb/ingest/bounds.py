"""Bounds on the work per document: at most MAX_TEXT_CHARS of a file, figures read in the
first MAX_FIGURE_CHARS, no paragraph longer than MAX_BLOCK_CHARS.

Every stage is linear (or n log n) in the characters and facts of a document,
but with constants that make a 50 MB file take minutes; the two document caps
keep an ingest of any single file within about a minute on a 2-core machine
(docs/benchmarks.md) and are reported on one line each, never silently.

Later stages look around a figure within its paragraph (the subject carried
from earlier sentences, the bases of a derived figure, where a paragraph
starts). A file of 200,000 lines without blank lines, or one 50 MB line, would
be one paragraph and make each of those looks cost the whole document. A
longer block is cut into paragraphs at sentence ends (else at a clause mark,
else hard), so every look is bounded whatever the file. Real paragraphs are
far shorter: the team's documents never reach the bound.
"""

from __future__ import annotations

from kb.ingest.raw import RawBlock

MAX_TEXT_CHARS = 6_000_000      # ≈ 18 MB of Chinese: 3,000 pages
MAX_FIGURE_CHARS = 1_000_000    # ≈ 500 pages of figures, tables and checks per document
MAX_BLOCK_CHARS = 20_000
_ENDS = "。！？；!?\n"
_CLAUSES = "，,、 "


def cap_blocks(blocks: list[RawBlock], limit: int = MAX_BLOCK_CHARS) -> list[RawBlock]:
    """The blocks, each text block longer than ``limit`` cut into paragraphs of at most ``limit``
    characters (tables are kept whole: their rows are read one by one)."""
    out: list[RawBlock] = []
    for block in blocks:
        if block.kind == "table" or sum(len(t) for t, _ in block.pieces) <= limit:
            out.append(block)
            continue
        out += _cut_block(block, limit)
    return out


def _cut_block(block: RawBlock, limit: int) -> list[RawBlock]:
    """Paragraphs of at most ``limit`` characters made of the block's pieces (lines), a piece
    longer than ``limit`` cut by `cut_text`; the source line of each piece is kept."""
    out: list[RawBlock] = []
    current = RawBlock("paragraph")
    size = 0
    for text, line in block.pieces:
        for part in cut_text(text, limit):
            if current.pieces and size + len(part) > limit:
                out.append(current)
                current, size = RawBlock("paragraph"), 0
            current.pieces.append((part, line))
            size += len(part)
    if current.pieces:
        out.append(current)
    if block.kind != "heading":
        for b in out:
            b.kind, b.level = block.kind, block.level
    return out


def cut_text(text: str, limit: int) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut after the last sentence end in
    the second half of each window, else after a clause mark, else at ``limit``."""
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(c) for c in _ENDS)
        if cut < limit // 2:
            cut = max(window.rfind(c) for c in _CLAUSES)
        cut = start + (cut + 1 if cut >= limit // 2 else limit)
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts


def truncate_text(text: str, limit: int = MAX_TEXT_CHARS) -> tuple[str, str]:
    """``text`` cut to at most ``limit`` characters at a line end, and the note that says so
    ('' when it is short enough)."""
    if len(text) <= limit:
        return text, ""
    cut = text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut], (f"only its first {cut:,} characters were ingested (it has {len(text):,}); "
                        "split it into smaller files to ingest the rest")


def figure_limit(text: str, limit: int = MAX_FIGURE_CHARS) -> tuple[int, str]:
    """Where figure reading stops in a document's clean text, and the note that says so."""
    if len(text) <= limit:
        return len(text), ""
    return limit, (f"figures, tables and checks were read in its first {limit:,} characters only "
                   f"(it has {len(text):,}); all of it is searchable")
