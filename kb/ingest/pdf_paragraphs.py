"""PDF lines in reading order → paragraphs, headings and tables as source lines (``Paged``).

A line starts a new paragraph when the font size changes, when it is indented
(a first-line indent, a centred line), when the line before it stops short of
its column's right edge, or when the gap above it is wider than the usual
leading. At the foot of a column or page a full line goes on at the top of the
next one. A paragraph set larger than the body text (and short) is a heading;
its level is the rank of its size among the heading sizes. The lines of a
paragraph are joined by kb.ingest.load as hard-wrapped lines are: the reader
writes each paragraph as one line per page, its lines joined by ``join_sep``.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from kb.ingest.normalize import join_sep
from kb.ingest.paged import Paged
from kb.ingest.pdf_layout import Line
from kb.text.vocab import regex

END_MARKS = "。！？；：!?;:…"
SIZE_STEP = 0.6              # points: a larger change of font size starts a block
HEADING_STEP = 0.9           # points above the body size: a heading's size
HEADING_MAX_CHARS = 100
INDENT_EMS = 0.9             # a line starting this far right of its column is indented
SHORT_EMS = 1.5              # a line stopping this far left of its column's edge is short
EXTRA_GAP_EMS = 0.6          # a gap this much wider than the usual leading starts a block
CAPTION = regex("ingest", "caption")


def body_size(lines: list[Line]) -> float:
    """The font size of most of the text (by characters), to the half point."""
    counts = Counter({})
    for line in lines:
        if not line.is_table:
            counts[round(line.size * 2) / 2] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 0.0


def usual_gap(lines: list[Line]) -> float:
    """The usual gap between two lines of one paragraph (same page, column and size)."""
    gaps = [cur.top - prev.bottom for prev, cur in zip(lines, lines[1:], strict=False)
            if not prev.is_table and not cur.is_table and prev.page == cur.page and prev.side == cur.side
            and abs(prev.size - cur.size) <= SIZE_STEP and 0 <= cur.top - prev.bottom < 2 * cur.size]
    return median(gaps) if gaps else 0.0


def starts_block(prev: Line, cur: Line, gap: float, body: float) -> bool:
    """True when ``cur`` does not continue the paragraph of ``prev``."""
    if prev.is_table or cur.is_table or abs(prev.size - cur.size) > SIZE_STEP or prev.bold != cur.bold:
        return True
    same_stream = prev.page == cur.page and prev.side == cur.side
    if same_stream and (cur.top < prev.top or cur.top - prev.bottom > gap + EXTRA_GAP_EMS * cur.size):
        return True
    if not same_stream and prev.text.rstrip()[-1:] in END_MARKS and CAPTION.match(cur.text.strip()):
        return True                            # a caption opens the next column or page
    if cur.size >= body + HEADING_STEP:        # a heading's lines are centred or short
        return not same_stream
    indented = cur.x0 - cur.left > INDENT_EMS * cur.size
    short = prev.right - prev.x1 > SHORT_EMS * prev.size and not wrap_explained(prev, cur)
    return indented or short


_UNBREAKABLE = re.compile(r"^[A-Za-z0-9.,%‰+\-−/:]+")


def wrap_explained(prev: Line, cur: Line) -> bool:
    """The line before stops short only because the next line opens with a figure or a Latin
    word that did not fit in the room left (with the mark after it), and it ends no sentence."""
    if not cur.words or prev.text.rstrip()[-1:] in END_MARKS:
        return False
    first = cur.words[0]
    token = _UNBREAKABLE.match(first.text)
    share = (len(token.group(0)) + 1) / max(len(first.text), 1) if token else 1 / max(len(first.text), 1)
    needed = min(first.x1 - first.x0, (first.x1 - first.x0) * share)
    return prev.right - prev.x1 < needed + 0.5 * cur.size


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """The lines grouped into blocks: paragraphs (and headings) of text lines, tables alone."""
    gap, body = usual_gap(lines), body_size(lines)
    out: list[list[Line]] = []
    for line in lines:
        if out and not starts_block(out[-1][-1], line, gap, body):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def by_page(block: list[Line]) -> list[tuple[str, int]]:
    """A paragraph's text, one part per page it covers, its lines joined as wrapped lines are."""
    parts: list[tuple[str, int]] = []
    for line in block:
        text = line.text.strip()
        if not text:
            continue
        if parts and parts[-1][1] == line.page:
            parts[-1] = (parts[-1][0] + join_sep(parts[-1][0], text) + text, line.page)
        else:
            parts.append((text, line.page))
    return parts


def heading_levels(blocks: list[list[Line]], body: float) -> dict[float, int]:
    """Heading level by font size: the largest heading size is level 1."""
    sizes = {round(b[0].size * 2) / 2 for b in blocks
             if not b[0].is_table and b[0].size >= body + HEADING_STEP
             and sum(len(ln.text) for ln in b) <= HEADING_MAX_CHARS}
    return {size: level for level, size in enumerate(sorted(sizes, reverse=True), 1)}


def continues_table(prev: list[Line], cur: list[Line]) -> bool:
    """A table at the top of a page that goes on the table ending the page before: nothing
    between them and as many columns."""
    a, b = prev[-1], cur[0]
    return (a.is_table and b.is_table and b.page == a.page + 1 and bool(a.rows) and bool(b.rows)
            and len(a.rows[0]) == len(b.rows[0]))


def join_tables(blocks: list[list[Line]]) -> list[list[Line]]:
    """Tables cut by a page end made one again (a repeated header row dropped)."""
    out: list[list[Line]] = []
    for block in blocks:
        if out and continues_table(out[-1], block):
            rows = block[0].rows or []
            out[-1].append(block[0])
            if rows and rows[0] == (out[-1][0].rows or [[]])[0]:
                block[0].rows = rows[1:]
            continue
        out.append(block)
    return out


def write_table(paged: Paged, block: list[Line]) -> None:
    rows = [row for part in block for row in part.rows or []]
    pages = [part.page for part in block for _ in part.rows or []]
    paged.table(rows, block[0].page, row_pages=pages)


def write_blocks(paged: Paged, lines: list[Line]) -> None:
    """Every block of the lines into ``paged``: headings, paragraphs, tables."""
    blocks = join_tables(paragraphs(lines))
    levels = heading_levels(blocks, body_size(lines))
    for block in blocks:
        first = block[0]
        if first.is_table:
            write_table(paged, block)
            continue
        level = levels.get(round(first.size * 2) / 2)
        parts = by_page(block)
        if level and sum(len(t) for t, _ in parts) <= HEADING_MAX_CHARS:
            paged.heading("".join(t for t, _ in parts), level, first.page)
        else:
            paged.paragraph(parts)
