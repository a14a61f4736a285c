"""Tables typeset with spaces in plain text: columns lined up by runs of spaces.

Statistical releases and reports copied as plain text keep their tables as lines
whose cells are separated by two or more spaces::

    名次        企业名称                          销售收入(万元)
    1        中国石油天然气集团公司                35012970

A run of three or more such lines with the same number of cells, the cells of each
column starting or ending at the same display column, and a figure in every row
but the first, is a table: its lines are rewritten with tabs between the cells, so
the reader of tab-separated tables takes it from there. Prose never qualifies: a
sentence has no column of figures lined up with the next line's.
"""

from __future__ import annotations

import re

from kb.ingest.lines import width

_GAP = re.compile(r" {2,}")
_FIGURE_CELL = re.compile(r"[-−+]?\d[\d,.]*%?")
_NOT_A_ROW = re.compile(r"^\s*[【\[［(（]")    # 【 标  题 】 metadata, [1] references
MIN_ROWS = 3
_SLACK = 2                                       # display columns a column's edge may wander


def _cells(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a line, in display columns; [] for fewer than two."""
    if _NOT_A_ROW.match(line) or "\t" in line:
        return []
    body = line.rstrip()
    lead = len(body) - len(body.lstrip(" "))
    out, pos = [], lead
    for part in _GAP.split(body[lead:]):
        start = width(body[:pos])
        out.append((start, start + width(part), part))
        pos += len(part)
        gap = _GAP.match(body, pos)
        pos = gap.end() if gap else pos
    return out if len(out) >= 2 else []


def _lined_up(rows: list[list[tuple[int, int, str]]]) -> bool:
    """Every column after the first starts or ends at one display column (within a slack)."""
    for col in range(1, len(rows[0])):
        starts = [r[col][0] for r in rows]
        ends = [r[col][1] for r in rows]
        if max(starts) - min(starts) > _SLACK and max(ends) - min(ends) > _SLACK:
            return False
    return True


def _is_table(rows: list[list[tuple[int, int, str]]]) -> bool:
    """Rows of one shape, lined up, with a figure in every row but the header."""
    return (len(rows) >= MIN_ROWS and len({len(r) for r in rows}) == 1 and _lined_up(rows[1:])
            and all(any(_FIGURE_CELL.fullmatch(c[2]) for c in r) for r in rows[1:]))


def _runs(cells: list[list]) -> list[tuple[int, int]]:
    """(start, end) index ranges of consecutive lines with the same number of cells (≥ 2)."""
    runs, k = [], 0
    while k < len(cells):
        j = k
        while j < len(cells) and cells[j] and len(cells[j]) == len(cells[k]):
            j += 1
        if j - k >= MIN_ROWS:
            runs.append((k, j))
        k = max(j, k + 1)
    return runs


def tab_aligned_tables(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``lines`` (text, line number) with each space-aligned table's rows rewritten with tabs."""
    if not any("  " in text for text, _ in lines):
        return lines
    cells = [_cells(text) for text, _ in lines]
    out = list(lines)
    for start, end in _runs(cells):
        rows = cells[start:end]
        if _is_table(rows):
            for k in range(start, end):
                out[k] = ("\t".join(c[2] for c in cells[k]), lines[k][1])
    return out
