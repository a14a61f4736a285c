"""A PDF page's words and tables → its lines in reading order (two-column pages rejoined).

Pure functions over plain data (kb.ingest.pdf reads the file): words are
positioned runs of characters, tables are a bounding box and their rows. The
words inside a table's box belong to the table. A page is split into two columns
when a vertical gutter near its middle is crossed by almost no word while words
stand side by side on both sides of it; a line that crosses the gutter (a title,
a running header) spans the page and closes the band of column lines above it:
the left column is read before the right one, band by band.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

GUTTER_BAND = (0.25, 0.75)      # where a column gutter may lie, as shares of the page width
GUTTER_MIN_WIDTH = 6.0          # points: the narrowest gap read as a gutter
GUTTER_CROSSING_SHARE = 0.5     # rows crossing a gutter: at most this share of those split by it
SIDE_BY_SIDE_MIN = 3            # rows with words on both sides before a page counts as two columns
SPACE_SHARE = 0.25              # a gap wider than this share of the font size is a space
CJK_SPACE_SHARE = 0.8           # … and beside a Chinese character or mark, this share
_CJK = re.compile("[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]")
BAND_HEIGHT = 2.0               # the height of a band of words, in word heights (kb finds columns in bands)


@dataclass(frozen=True)
class Word:
    """A run of characters on one line of a page (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False


@dataclass
class Line:
    """A line of text (or a table) in reading order, with where it stands on its page.

    ``side`` is "" for a one-column page or a spanning line, "L" or "R" for a column line;
    ``left``/``right`` are the text bounds of its column (kb.ingest.pdf_paragraphs uses them)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    bold: bool = False
    side: str = ""
    left: float = 0.0
    right: float = 0.0
    rows: Optional[list[list[str]]] = None          # a table's rows; None for text
    words: list[Word] = field(default_factory=list, repr=False)

    @property
    def is_table(self) -> bool:
        return self.rows is not None


def inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    """True when the word's centre lies in the box (x0, top, x1, bottom)."""
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


def rows_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into visual rows (vertical overlap with the row so far), top-down,
    each row left to right."""
    rows: list[list[Word]] = []
    bounds: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        centre = (word.top + word.bottom) / 2
        if rows and bounds[-1][0] <= centre <= bounds[-1][1]:
            rows[-1].append(word)
            top, bottom = bounds[-1]
            bounds[-1] = (min(top, word.top), max(bottom, word.bottom))
        else:
            rows.append([word])
            bounds.append((word.top, word.bottom))
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def bands_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into horizontal bands BAND_HEIGHT times the usual word height, by where
    their middle stands: two columns whose lines do not share baselines (a heading in one
    shifts the lines under it) still stand side by side in a band."""
    if not words:
        return []
    heights = sorted(w.bottom - w.top for w in words)
    band = max(BAND_HEIGHT * heights[len(heights) // 2], 1.0)
    bands: dict[int, list[Word]] = {}
    for word in words:
        bands.setdefault(int((word.top + word.bottom) / 2 // band), []).append(word)
    return [sorted(bands[k], key=lambda w: w.x0) for k in sorted(bands)]


def join_words(words: list[Word]) -> str:
    """The text of words on one line: a space where the gap between two is wide; next to a
    Chinese character or mark only where it is about a full em (justified lines stretch the
    gaps between Chinese characters: 江 西 is 江西)."""
    out = ""
    for prev, word in zip([None] + words[:-1], words, strict=True):
        share = CJK_SPACE_SHARE if _CJK.match(out[-1:] or " ") or _CJK.match(word.text[:1] or " ") else SPACE_SHARE
        if prev is not None and word.x0 - prev.x1 > share * max(word.size, 1.0):
            out += " "
        out += word.text
    return out


def _coverage(rows: list[list[Word]], lo: int, hi: int) -> tuple[list[int], list[int]]:
    """For every point from lo to hi: how many rows have a word over it, and how many have
    words on both sides of it and none over it."""
    crossing, split = [0] * (hi - lo), [0] * (hi - lo)
    for row in rows:
        covered: set[int] = set()
        for w in row:
            covered.update(range(max(lo, int(w.x0)), min(hi, int(w.x1) + 1)))
        for x in covered:
            crossing[x - lo] += 1
        first, last = max(lo, int(row[0].x0)), min(hi, int(max(w.x1 for w in row)) + 1)
        for x in range(first, last):
            if x not in covered:
                split[x - lo] += 1
    return crossing, split


def gutter(words: list[Word], width: float) -> Optional[float]:
    """The x of the column gutter of a two-column page, or None for a one-column page: the
    widest run of points near the middle where at least SIDE_BY_SIDE_MIN rows have words on
    both sides and at most half as many rows cross."""
    rows = bands_of(words)
    if len(rows) < SIDE_BY_SIDE_MIN:
        return None
    lo, hi = int(width * GUTTER_BAND[0]), int(width * GUTTER_BAND[1])
    crossing, split = _coverage(rows, lo, hi)
    good = [s >= SIDE_BY_SIDE_MIN and c <= GUTTER_CROSSING_SHARE * s for c, s in zip(crossing, split, strict=True)]
    best, start = (0, 0), None
    for i, ok in enumerate(good + [False]):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    if best[1] - best[0] < GUTTER_MIN_WIDTH:
        return None
    return lo + (best[0] + best[1]) / 2


def make_line(words: list[Word], page: int, side: str = "") -> Line:
    sizes = sorted(w.size for w in words)
    return Line(text=join_words(words), x0=min(w.x0 for w in words), x1=max(w.x1 for w in words),
                top=min(w.top for w in words), bottom=max(w.bottom for w in words),
                size=sizes[len(sizes) // 2], page=page, bold=all(w.bold for w in words), side=side,
                words=words)


def table_line(box: tuple[float, float, float, float], rows: list[list[str]], page: int) -> Line:
    return Line(text="", x0=box[0], x1=box[2], top=box[1], bottom=box[3], size=0.0, page=page, rows=rows)


def _bounds(lines: list[Line]) -> tuple[float, float]:
    """The left and right text edges of a column: where most of its lines start and end."""
    xs0 = sorted(line.x0 for line in lines)
    xs1 = sorted(line.x1 for line in lines)
    return xs0[len(xs0) // 10], xs1[(len(xs1) * 9) // 10]


def _with_bounds(lines: list[Line]) -> list[Line]:
    """Every text line with the text edges of its column (tables keep their own)."""
    for side in {line.side for line in lines}:
        mine = [line for line in lines if line.side == side and not line.is_table]
        if not mine:
            continue
        left, right = _bounds(mine)
        for line in mine:
            line.left, line.right = left, right
    return lines


def _side_of(x0: float, x1: float, split: Optional[float]) -> str:
    if split is None:
        return ""
    if x0 < split < x1:
        return ""
    return "L" if x1 <= split else "R"


def reading_order(items: list[Line], split: Optional[float]) -> list[Line]:
    """Lines top-down; on a two-column page the column lines between two spanning lines are
    read left column first."""
    out: list[Line] = []
    band: dict[str, list[Line]] = {"L": [], "R": []}

    def flush() -> None:
        out.extend(band["L"])
        out.extend(band["R"])
        band["L"], band["R"] = [], []

    for item in sorted(items, key=lambda line: (line.top, line.x0)):
        if item.side:
            band[item.side].append(item)
        else:
            flush()
            out.append(item)
    flush()
    return out


def _crosses(row: list[Word], split: float) -> bool:
    return any(w.x0 < split < w.x1 for w in row)


def _both_sides(row: list[Word], split: float) -> bool:
    return any(w.x1 <= split for w in row) and any(w.x0 >= split for w in row) and not _crosses(row, split)


def _side(row: list[Word], split: float) -> str:
    """"L" or "R" for a row on one side of the gutter, "" for one on both or across it."""
    if all(w.x1 <= split for w in row):
        return "L"
    return "R" if all(w.x0 >= split for w in row) else ""


def _beside(rows: list[list[Word]], k: int, split: float, boxes: tuple = ()) -> bool:
    """Row ``k`` stands on one side of the gutter and a row (or a table) on the other side
    stands level with it (less than a line apart): the two columns' lines need not share
    baselines (a heading in one column shifts the lines under it)."""
    side = _side(rows[k], split)
    if not side:
        return False
    top, bottom = rows[k][0].top, max(w.bottom for w in rows[k])
    height = bottom - top
    if any(_box_side(box, split) not in ("", side) and box[1] - height < bottom and top < box[3] + height
           for box in boxes):
        return True
    return any(_side(other, split) not in ("", side) and abs(other[0].top - top) < height
               for other in rows[max(0, k - 3):k + 4])


def _box_side(box: tuple, split: float) -> str:
    return "L" if box[2] <= split else "R" if box[0] >= split else ""


def column_rows(rows: list[list[Word]], split: float, boxes: tuple = ()) -> list[bool]:
    """Which rows belong to the columns: from the first row with words on both sides of the
    gutter (or beside a row of the other column) to the last, and one-sided rows that go on
    below it at their column's own leading (a left column longer than the right); a row
    crossing the gutter never."""
    both = [k for k, row in enumerate(rows) if _both_sides(row, split) or _beside(rows, k, split, boxes)]
    flags = [False] * len(rows)
    if not both:
        return flags
    for k in range(both[0], both[-1] + 1):
        flags[k] = not _crosses(rows[k], split)
    leading = column_leading([row for row, f in zip(rows, flags, strict=True) if f], split)
    k = both[-1] + 1
    while k < len(rows) and not _crosses(rows[k], split):
        above = [w.bottom for row in rows[:k] for w in row if _word_side(w, split) == _side(rows[k], split)]
        if not above or rows[k][0].top - max(above) > 1.5 * leading + 1.0:
            break
        flags[k] = True
        k += 1
    return flags


def _word_side(word: Word, split: float) -> str:
    return "L" if word.x1 <= split else "R" if word.x0 >= split else ""


def column_leading(rows: list[list[Word]], split: float) -> float:
    """The usual gap between two lines of one column (the median over both columns)."""
    gaps = []
    for side in ("L", "R"):
        lines = [(min(w.top for w in part), max(w.bottom for w in part))
                 for part in ([w for w in row if _word_side(w, split) == side] for row in rows) if part]
        gaps += [b[0] - a[1] for a, b in zip(lines, lines[1:], strict=False) if b[0] > a[1]]
    return sorted(gaps)[len(gaps) // 2] if gaps else 0.0


def page_lines(words: list[Word], tables: list[tuple[tuple[float, float, float, float], list[list[str]]]],
               width: float, page: int) -> list[Line]:
    """The lines and tables of one page in reading order."""
    text_words = [w for w in words if w.text.strip() and not any(inside(w, box) for box, _ in tables)]
    split = gutter(text_words, width)
    rows = rows_of(text_words)
    boxes = tuple(box for box, _ in tables)
    flags = column_rows(rows, split, boxes) if split is not None else [False] * len(rows)
    items: list[Line] = []
    column_words: list[Word] = []
    for row, in_columns in zip(rows, flags, strict=True):
        if in_columns:
            column_words += row
        else:
            items.append(make_line(row, page))
    if split is not None:
        for name, part in (("L", [w for w in column_words if w.x1 <= split]),
                           ("R", [w for w in column_words if w.x1 > split])):
            items += [make_line(row, page, name) for row in rows_of(part)]
    for box, cells in tables:
        line = table_line(box, cells, page)
        line.side = _side_of(box[0], box[2], split) if split is not None and _in_columns(box, rows, flags) else ""
        items.append(line)
    return _with_bounds(reading_order(items, split))


def _in_columns(box: tuple[float, float, float, float], rows: list[list[Word]], flags: list[bool]) -> bool:
    """A table stands in a column when column rows lie both above and below it."""
    above = any(f and row[0].bottom <= box[1] for row, f in zip(rows, flags, strict=True))
    below = any(f and row[0].top >= box[3] for row, f in zip(rows, flags, strict=True))
    return above and below
