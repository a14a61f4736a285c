"""Raw blocks → the clean text of a Document, its Block spans and its line map.

Blocks are joined by a blank line; a block's pieces (its source lines) by
nothing in Chinese, a space between Latin words, a newline in a table. The
line map anchors clean offsets to 1-based source lines, so every cited span
can be traced back (``kb.ingest.line_map.source_line``). Formulas ``$…$`` stay verbatim in the
text and are also listed as ``formula`` blocks overlapping their paragraph.
"""

from __future__ import annotations

from kb.ingest.markdown import FORMULA_RE
from kb.ingest.normalize import join_sep
from kb.ingest.raw import RawBlock
from kb.models import Block


def assemble(blocks: list[RawBlock]) -> tuple[str, list[Block], list[tuple[int, int]]]:
    """Clean text (blocks joined by a blank line), Block spans and line anchors."""
    text = ""
    out: list[Block] = []
    line_map: list[tuple[int, int]] = []
    for b in blocks:
        pieces = [(t, n) for t, n in b.pieces if t]
        if not pieces:
            continue
        if text:
            text += "\n\n"
        start = len(text)
        block_text = block_lines(b.kind, pieces, start, line_map)
        text += block_text
        out.append(Block(kind=b.kind, start=start, end=len(text), level=b.level if b.kind == "heading" else 0))
        if b.kind != "table":
            out += formula_blocks(block_text, start)
    return text, out, line_map


def block_lines(kind: str, pieces: list[tuple[str, int]], start: int, line_map: list[tuple[int, int]]) -> str:
    """One block's text from its pieces; each new source line is anchored in ``line_map``."""
    parts: list[str] = []
    size, tail = 0, ""                # tail: the last character joined so far
    for t, n in pieces:
        if tail:
            sep = "\n" if kind == "table" else join_sep(tail, t)
            parts.append(sep)
            size += len(sep)
            tail = sep[-1:] or tail
        if not line_map or line_map[-1][1] != n:
            line_map.append((start + size, n))
        parts.append(t)
        size += len(t)
        tail = t[-1:] or tail
    return "".join(parts)


def formula_blocks(block_text: str, start: int) -> list[Block]:
    """``formula`` blocks for the ``$…$`` formulas of a block's text."""
    return [Block(kind="formula", start=start + m.start(), end=start + m.end())
            for m in FORMULA_RE.finditer(block_text)]
