"""Print layout: hard-wrapped lines and paragraphs cut by a blank line.

Text copied from print or PDF is wrapped at a fixed width and broken by page
ends. ``layout_of`` measures the wrap width; ``join_broken_paragraphs`` joins
a paragraph cut by a blank line (its first part has no end mark); and
``promote_kickers`` tells a lone headline line (《…》发布) from such a cut.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kb.ingest.lines import BRACKET_START, balanced, width
from kb.ingest.markdown import FORMULA_RE
from kb.ingest.raw import RawBlock

END_PUNCT = "。！？；：!?;:…”’）)」』】》"
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”")
_CLAUSE_PUNCT = re.compile(r"[，,、：:；;]")
_NOT_CONTINUATION = re.compile(r"^[\[【]|^[A-Z][a-z]+\s*[:：]")


class Layout(NamedTuple):
    """How a text chunk is wrapped: at a fixed width (print/PDF text) or not."""

    hard_wrapped: bool
    wrap_width: int


def layout_of(lines: list) -> Layout:
    """The wrap width (the 75th percentile of the non-blank lines' display widths) and whether
    the chunk is hard-wrapped (eight or more lines, that width at most 60)."""
    widths = [width(line.strip()) for line, _ in lines if line.strip()]
    wrap_width = sorted(widths)[int(len(widths) * 0.75)] if widths else 0
    return Layout(bool(widths) and wrap_width <= 60 and len(widths) >= 8, wrap_width)


def is_incomplete(block: RawBlock) -> bool:
    """A paragraph that stops without an end mark (and is not a formula standing alone)."""
    t = block.text.rstrip()
    return block.kind == "paragraph" and bool(t) and t[-1] not in END_PUNCT and not FORMULA_RE.fullmatch(t)


def join_broken_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Rejoin a paragraph cut by a blank line (page break, print layout): the first part has no end mark."""
    out: list[RawBlock] = []
    for b in blocks:
        if out and b.kind == "paragraph" and is_incomplete(out[-1]) and not _NOT_CONTINUATION.match(b.text):
            out[-1].pieces += b.pieces
            continue
        out.append(b)
    return out


def is_kicker(block: RawBlock, before: RawBlock, after: RawBlock) -> bool:
    """A one-line paragraph without end mark or clause punctuation (outside 《》 and “”), at
    most 40 characters, after a finished paragraph and before a heading."""
    text = block.text
    outside = _QUOTED.sub("", text)   # titles and quotes may hold punctuation
    return (block.kind == "paragraph" and len(block.pieces) == 1 and len(text) <= 40 and is_incomplete(block)
            and balanced(text) and not _CLAUSE_PUNCT.search(outside) and not BRACKET_START.match(text)
            and after.kind == "heading" and not is_incomplete(before))


def promote_kickers(blocks: list[RawBlock]) -> list[RawBlock]:
    """A lone line without end punctuation between a finished paragraph and a heading is a
    kicker/headline (《…》发布), not the start of a paragraph cut by the layout."""
    for i in range(1, len(blocks) - 1):
        if is_kicker(blocks[i], blocks[i - 1], blocks[i + 1]):
            blocks[i].kind, blocks[i].level = "heading", 2
    return blocks
