"""Tables typeset with spaces in plain text: columns lined up by runs of spaces.

Statistical releases and reports copied as plain text keep their tables as lines
whose cells are separated by two or more spaces (an ideographic space counts as
two)::

    指标        播种面积（万亩）      总产量（万吨）
                2024年    2023年     2024年    2023年
    全年粮食    10995.6   10972.2    4195.3    4150.8
    一、分季节
      夏粮       4280.5    4271.3    1725.6    1692.4

A run of three or more such lines with the same number of cells, the cells of each
column starting or ending at the same display column, and a figure in every row
but the first, is a table. Inside it, a short line of one cell between two rows
(一、分季节, 其中：) is a group row. Above it, up to two header lines with fewer cells
(a spanning header over a row of years) belong to it when each of their cells stands
over its own columns. The table's lines are rewritten with tabs between the cells,
header cells at the first column they stand over, so the reader of tab-separated
tables takes it from there. Prose never qualifies: a sentence has no column of
figures lined up with the next line's.
"""

from __future__ import annotations

import re

from kb.ingest.lines import CAPTION, width

_GAP = re.compile(r" {2,}")
_FIGURE_CELL = re.compile(r"[-−+]?\d[\d,.]*%?")
_YEAR_CELL = re.compile(r"(?:19|20)\d\d年?")
_NOT_A_ROW = re.compile(r"^\s*[【\[［(（]")    # 【 标  题 】 metadata, [1] references
_SENTENCE = re.compile(r"[。，,；;：:！？]\S")
_LETTER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\u3000(?=[\u4e00-\u9fff])")
_SPACED = "\ue000"                              # stands for a letter space: as wide, and no gap
MIN_ROWS = 3
_SLACK = 2                                       # display columns a column's edge may wander
MAX_GROUP_CHARS = 15                             # a group row (一、分季节) is a short label
MAX_HEADER_CHARS = 16                            # a header cell is a short name, not a caption
MAX_EXTRA_HEADERS = 2

Cell = tuple[int, int, str]                      # (start, end, text) in display columns


def _cells(line: str) -> list[Cell]:
    """(start, end, text) of each cell of a line, in display columns; [] for fewer than two. One
    ideographic space between two characters spaces out a label (全　省, 合　计): it stays in its
    cell, and the cell's text is written without it."""
    if _NOT_A_ROW.match(line) or "\t" in line:
        return []
    body = _LETTER_SPACE.sub(_SPACED, line).replace("\u3000", "  ").rstrip() if "\u3000" in line else line.rstrip()
    lead = len(body) - len(body.lstrip(" "))
    out, pos = [], lead
    for part in _GAP.split(body[lead:]):
        start = width(body[:pos])
        out.append((start, start + width(part), part))
        pos += len(part)
        gap = _GAP.match(body, pos)
        pos = gap.end() if gap else pos
    return [(a, b, text.replace(_SPACED, "")) for a, b, text in out] if len(out) >= 2 else []


def _has_figure(row: list[Cell]) -> bool:
    return any(_FIGURE_CELL.fullmatch(c[2]) for c in row)


def _lined_up(rows: list[list[Cell]]) -> bool:
    """Every column after the first starts or ends at one display column (within a slack)."""
    for col in range(1, len(rows[0])):
        starts = [r[col][0] for r in rows]
        ends = [r[col][1] for r in rows]
        if max(starts) - min(starts) > _SLACK and max(ends) - min(ends) > _SLACK:
            return False
    return True


def _is_table(rows: list[list[Cell]]) -> bool:
    """Rows of one shape, lined up, with a figure in every row but the header."""
    return (len(rows) >= MIN_ROWS and len({len(r) for r in rows}) == 1 and _lined_up(rows[1:])
            and all(_has_figure(r) for r in rows[1:]))


def _group_line(text: str) -> bool:
    """A short label on a line of its own (一、分季节, 其中：): a group row inside a table."""
    label = text.replace("\u3000", " ").strip()
    return (0 < len(label) <= MAX_GROUP_CHARS and "  " not in label and not re.search(r"\d", label)
            and not _SENTENCE.search(label) and not label.endswith("。"))


def _runs(lines: list[tuple[str, int]], cells: list[list[Cell]]) -> list[tuple[int, int]]:
    """(start, end) index ranges of lines with the same number of cells (≥ 2), a group line
    allowed between two of them; at least MIN_ROWS rows."""
    runs, k = [], 0
    while k < len(cells):
        j, n_rows = k, 0
        while j < len(cells):
            if cells[j] and len(cells[j]) == len(cells[k]):
                j, n_rows = j + 1, n_rows + 1
            elif (n_rows and j + 1 < len(cells) and _group_line(lines[j][0])
                  and len(cells[j + 1]) == len(cells[k])):
                j += 1
            else:
                break
        if n_rows >= MIN_ROWS:
            runs.append((k, j))
        k = max(j, k + 1)
    return runs


def _column_spans(rows: list[list[Cell]]) -> list[tuple[int, int]]:
    """(first, last) display column each column's cells take, over all rows."""
    return [(min(r[c][0] for r in rows), max(r[c][1] for r in rows)) for c in range(len(rows[0]))]


def _columns_under(cell: Cell, spans: list[tuple[int, int]]) -> list[int]:
    """The columns a header cell stands over: those whose middle it covers, else the one it
    overlaps most."""
    start, end, _ = cell
    inside = [c for c, (a, b) in enumerate(spans) if start <= (a + b) / 2 <= end]
    if inside:
        return inside
    overlaps = [(min(end, b) - max(start, a), c) for c, (a, b) in enumerate(spans)]
    best, col = max(overlaps)
    return [col] if best > 0 else []


def _header_row(cells: list[Cell], spans: list[tuple[int, int]]) -> list[str] | None:
    """A header line's cells placed over the table's columns (each at the first column it
    stands over), or None when it is no header of this table: a figure, a caption, a long
    cell, or two cells over one column."""
    if len(cells) < 2 or CAPTION.match(cells[0][2]):
        return None
    if any(_FIGURE_CELL.fullmatch(c[2]) and not _YEAR_CELL.fullmatch(c[2]) for c in cells):
        return None
    row = [""] * len(spans)
    taken: set[int] = set()
    for cell in cells:
        cols = _columns_under(cell, spans)
        if not cols or len(cell[2]) > MAX_HEADER_CHARS or taken & set(cols):
            return None
        taken |= set(cols)
        row[cols[0]] = cell[2]
    return row


def _extra_headers(start: int, cells: list[list[Cell]], spans: list[tuple[int, int]]) -> dict[int, list[str]]:
    """Header lines with fewer cells right above a table's first line, by line index."""
    out: dict[int, list[str]] = {}
    k = start - 1
    while k >= 0 and len(out) < MAX_EXTRA_HEADERS and cells[k] and len(cells[k]) != len(spans):
        row = _header_row(cells[k], spans)
        if row is None:
            break
        out[k] = row
        k -= 1
    return out


def _tab_row(cells: list[str]) -> str:
    return "\t".join(cells)


def tab_aligned_tables(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``lines`` (text, line number) with each space-aligned table's rows rewritten with tabs."""
    if not any("  " in text or "\u3000" in text for text, _ in lines):
        return lines
    cells = [_cells(text) for text, _ in lines]
    out = list(lines)
    for start, end in _runs(lines, cells):
        rows = [cells[k] for k in range(start, end) if cells[k]]
        if not _is_table(rows):
            continue
        data = rows if _has_figure(rows[0]) else rows[1:]
        for k, row in _extra_headers(start, cells, _column_spans(data)).items():
            out[k] = (_tab_row(row), lines[k][1])
        for k in range(start, end):
            text = _tab_row([c[2] for c in cells[k]]) if cells[k] else lines[k][0].strip(" \u3000") + "\t"
            out[k] = (text, lines[k][1])
    return out
