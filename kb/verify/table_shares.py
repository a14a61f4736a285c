"""Shares in a table, read from its cells: a column of shares (占比（%）, 构成, 占全市比重) whose whole
row states 100 gives each row's share as its level over the whole row's level, the levels read in
the column of levels left of it (of the share's year when there are several: 2024年 beside 2023年);
and when the other rows' shares add up to 100, those rows are the whole's parts, so the whole row's
level is their sum.

A whole row is the row whose share is written 100 (地区生产总值 | 5000 | 100.0); without one, a row
named as a total (合计, 全市, 全省 …) stands in, but the column is then only read as shares by its
header, so a share that does not agree is left unjudged, never accused.
"""

from __future__ import annotations

from typing import NamedTuple

from kb.models import Check, Document, Fact, Table
from kb.text.vocab import regex
from kb.verify import recompute as rc
from kb.verify.table_checks import Cell, additive, cell_check, read_cells, realign, row_label

_SHARE_COLUMN = regex("relations", "table_share_column")
_NOT_LEVEL_COLUMN = regex("relations", "table_not_level_column")
_TOTAL_ROW = regex("relations", "table_total_row")
_WHOLE_ROW = regex("relations", "table_whole_row")
_SUBSET_ROW = regex("relations", "table_subset_row")
_WHOLE_NAMED = regex("relations", "table_share_whole")
_UNSURE = "the column is read as shares of the total row by its header only; a share that does not agree is not judged"


def _whole_row(table: Table, cells: dict, col: int, labels: int) -> tuple[int | None, bool]:
    """(the whole row of share column ``col``, whether its share is written 100)."""
    for i in range(len(table.rows)):
        cell = cells.get((i, col))
        if cell is not None and abs(cell.interval.value - 100.0) < 1e-9:
            return i, True
    named = [i for i in range(len(table.rows)) if _WHOLE_ROW.search(row_label(table, i, labels))]
    if len(named) != 1:
        return None, False
    # 占全国比重 over a 合计 row of three provinces: the column's whole is not in the table
    m = _WHOLE_NAMED.search(table.columns[col])
    label = row_label(table, named[0], labels).strip()
    return (None, False) if m and m.group(1) not in label and label not in m.group(1) else (named[0], False)


def _level_columns(table: Table, cells: dict, col: int, whole: int, labels: int) -> list[int]:
    """The columns left of ``col`` holding levels: not a share, growth or change column, with the
    whole row's cell above every other row's."""
    found = []
    for j in range(labels, col):
        head = table.columns[j]
        if _SHARE_COLUMN.search(head) or _NOT_LEVEL_COLUMN.search(head) or (whole, j) not in cells:
            continue
        top = cells[(whole, j)]
        others = [c for (i, jj), c in cells.items() if jj == j and i != whole]
        if others and additive(top, head) and all(c.interval.value < top.interval.value for c in others):
            found.append(j)
    return found


def _level_column(table: Table, cells: dict, col: int, whole: int, labels: int) -> int | None:
    """The column of the levels the shares are of: the one level column, else the one whose whole
    cell is of the share's year (2024年（亿元） beside 2023年（亿元）), else none."""
    found = _level_columns(table, cells, col, whole, labels)
    if len(found) <= 1:
        return found[0] if found else None
    share = cells.get((whole, col)) or next((c for (i, j), c in cells.items() if j == col), None)
    year = share.fact.year if share is not None and share.fact is not None else None
    same = [j for j in found if cells[(whole, j)].fact is not None and cells[(whole, j)].fact.year == year]
    return same[0] if year is not None and len(same) == 1 else None


def _parts(table: Table, cells: dict, col: int, whole: int, labels: int) -> list[int]:
    """The rows other than the whole row, totals and 其中 subsets that state a share."""
    return [i for i in range(len(table.rows)) if i != whole and (i, col) in cells
            and not _TOTAL_ROW.search(row_label(table, i, labels))
            and not _SUBSET_ROW.search(row_label(table, i, labels))]


def _shares_add_up(shares: list[Cell]) -> bool:
    """The shares add up to 100 within their rounding: the rows are the whole's parts."""
    total = rc.recompute_sum([c.interval for c in shares])
    return len(shares) >= 2 and total.low <= 100.0 <= total.high


def _agreement_only(check: Check) -> Check:
    if check.verdict != "inconsistent":
        return check
    explanation = check.explanation.replace(": inconsistent.", f" ({_UNSURE}): unverifiable.")
    return check.model_copy(update={"verdict": "unverifiable", "explanation": explanation})


def share_column_checks(document: Document, table: Table, facts: list[Fact]) -> list[Check]:
    """Each row's share = its level / the whole row's level × 100; the whole row's level = the sum of
    the rows whose shares add up to 100 (unless a 合计 row check already sums them)."""
    labels, cells = read_cells(table, facts)
    out: list[Check] = []
    for col in range(labels, len(table.columns)):
        if not labels or not _SHARE_COLUMN.search(table.columns[col]):
            continue
        whole, sure = _whole_row(table, cells, col, labels)
        level = _level_column(table, cells, col, whole, labels) if whole is not None else None
        if level is not None:
            column = _ShareColumn(table, cells, labels, col, level, whole)
            out += [c if sure else _agreement_only(c) for c in _row_shares(document, column)]
            out += _whole_as_sum(document, column) if sure else []
    return out


class _ShareColumn(NamedTuple):
    """A share column of a table, with the column of the levels it is of and its whole row."""

    table: Table
    cells: dict
    labels: int
    col: int
    level: int
    whole: int


def _row_shares(document: Document, c: _ShareColumn) -> list[Check]:
    """Each other row's share against its level over the whole row's."""
    base = c.cells[(c.whole, c.level)]
    out = []
    for i in range(len(c.table.rows)):
        if i == c.whole or (i, c.col) not in c.cells or (i, c.level) not in c.cells:
            continue
        part = c.cells[(i, c.level)]
        out.append(cell_check(document, c.table, "share", c.cells[(i, c.col)], [part, base],
                              rc.recompute_share(part.interval, base.interval), f"{part.text} / {base.text} × 100",
                              "the row's share of the whole row"))
    return out


def _whole_as_sum(document: Document, c: _ShareColumn) -> list[Check]:
    """The whole row's level as the sum of the rows whose shares add up to 100 (not for a 合计 row,
    which table_checks already sums)."""
    parts = _parts(c.table, c.cells, c.col, c.whole, c.labels)
    if _TOTAL_ROW.search(row_label(c.table, c.whole, c.labels)) or not _shares_add_up([c.cells[(i, c.col)] for i in parts]) \
            or not all((i, c.level) in c.cells for i in parts):
        return []
    members = [c.cells[(i, c.level)] for i in parts]
    return [cell_check(document, c.table, "sum", c.cells[(c.whole, c.level)], members,
                       rc.recompute_sum([m.interval for m in members]), " + ".join(m.text for m in members),
                       "the rows whose shares add up to 100")]


def table_share_checks(document: Document, tables: list[Table], facts: list[Fact]) -> list[Check]:
    """share_column_checks over the document's tables (merged cells split again first)."""
    table_facts = [f for f in facts if f.source_kind == "table"]
    return [c for t in tables for c in share_column_checks(document, realign(t), table_facts)]

