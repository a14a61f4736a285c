"""Running headers, footers and page numbers of a PDF: lines repeated across pages.

A line near the top or bottom edge of its page (the first or last two lines, inside
the margin band) is furniture when the same text in the same size stands there on
another page (at the same height), or
the same text with a number that goes up with the page ("第 3 页", "- 3 -",
"2023年统计公报 3"), or when it only numbers its page (kb/data/formats.yaml
``page_number``). Everything else is the document.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kb.ingest.pdf_layout import Line
from kb.text.vocab import regex

MARGIN_SHARE = 0.12          # the top and bottom bands of a page where furniture stands
EDGE_LINES = 2               # lines from each edge that may be furniture
ALIGN = 3.0                  # points: how far apart the tops of one running line may stand
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
PAGE_NUMBER = regex("formats", "page_number", re.I)


def edge_lines(lines: list[Line], height: float) -> list[Line]:
    """The text lines at the top and bottom of a page that may be furniture."""
    text = sorted((ln for ln in lines if not ln.is_table and ln.text.strip()), key=lambda ln: ln.top)
    head = text[:EDGE_LINES]
    edges = head + [ln for ln in text[-EDGE_LINES:] if all(ln is not h for h in head)]
    return [ln for ln in edges if ln.top < MARGIN_SHARE * height or ln.bottom > (1 - MARGIN_SHARE) * height]


def _text(line: Line) -> str:
    """The line's text and font size: a title set large is not the running header that repeats it."""
    return f"{_SPACE.sub('', line.text)}@{round(line.size * 2) / 2}"


def _key(line: Line) -> str:
    return _DIGITS.sub("#", _text(line).split("@")[0]) + "@" + _text(line).split("@")[1]


def _numbers(text: str) -> list[int]:
    return [int(n) for n in _DIGITS.findall(text)]


def _follows_pages(found: list[tuple[int, Line]]) -> bool:
    """Some number of the line moves with the page (number − page is the same on every page)."""
    counts = {len(_numbers(line.text)) for _, line in found}
    if len(counts) != 1:
        return False
    for i in range(counts.pop()):
        offsets = {_numbers(line.text)[i] - page for page, line in found}
        if len(offsets) == 1:
            return True
    return False


def furniture(pages: list[list[Line]], heights: list[float]) -> set[int]:
    """ids of the lines that are running headers, footers or page numbers."""
    by_text: dict[str, list[tuple[int, Line]]] = defaultdict(list)
    by_key: dict[str, list[tuple[int, Line]]] = defaultdict(list)
    drop: set[int] = set()
    for number, (lines, height) in enumerate(zip(pages, heights, strict=True), 1):
        for line in edge_lines(lines, height):
            if PAGE_NUMBER.match(line.text):
                drop.add(id(line))
            by_text[_text(line)].append((number, line))
            by_key[_key(line)].append((number, line))
    for found in map(aligned, by_text.values()):
        if len({page for page, _ in found}) >= 2:
            drop.update(id(line) for _, line in found)
    for key, found in by_key.items():
        found = aligned(found)
        if "#" in key and len({page for page, _ in found}) >= 2 and _follows_pages(found):
            drop.update(id(line) for _, line in found)
    return drop


def aligned(found: list[tuple[int, Line]]) -> list[tuple[int, Line]]:
    """The lines that stand where most of them stand (tops within ALIGN points of the middle
    one): a running header or footer keeps its place on every page; a body line that happens
    to repeat at a page's edge does not."""
    tops = sorted(line.top for _, line in found)
    middle = tops[len(tops) // 2]
    return [(page, line) for page, line in found if abs(line.top - middle) <= ALIGN]


def drop_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Every page's lines without its running headers, footers and page numbers."""
    drop = furniture(pages, heights)
    return [[line for line in lines if id(line) not in drop] for lines in pages]
