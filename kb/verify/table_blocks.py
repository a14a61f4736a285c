"""A table row and the ＃ block under it (statistical communiqués): 全社会货运量 followed by
＃铁路, 公路, 水路, 民航 — the rows from the ＃ row on are the parts of the row above.

The block runs from the ＃ row while the rows keep the head's text cells (its unit 万吨) and
no row heads a block of its own (is followed by a ＃ row). A plain-text table loses the indent
that marks where the block ends, and ＃ (其中) parts need not be all the parts, so the sum is
called consistent when it matches and unverifiable otherwise, never inconsistent. When the sum
matches, the parts are the whole, and the head's growth column is recomputed from the parts'
levels and growth rates (Σ P / Σ P/(1+g) − 1); a growth of physical quantities (not money,
whose growth may be at comparable prices) that does not fit is inconsistent.
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact, Table
from kb.text.vocab import regex
from kb.verify import recompute as rc
from kb.verify.table_checks import Cell, cell_check, cell_text, label_count, read_cells, row_label

_SUBSET_ROW = regex("relations", "table_subset_row")
_GROWTH_COLUMN = regex("relations", "table_block_growth_column")
_MONEY = re.compile(r"元")


def _text_cells(row: list[str]) -> tuple[str, ...]:
    """The row's cells after its name that hold text (its unit), not figures."""
    return tuple(c.strip() for c in row[1:] if cell_text(c) is None)


def block_rows(table: Table, labels: int, head: int) -> list[int]:
    """The rows of the ＃ block under row ``head`` ([] when the next row is no ＃ row)."""
    rows = table.rows
    if labels == 0 or head + 1 >= len(rows) or not _SUBSET_ROW.search(row_label(table, head + 1, labels)) \
            or _SUBSET_ROW.search(row_label(table, head, labels)):
        return []
    own = _text_cells(rows[head])
    out = []
    for i in range(head + 1, len(rows)):
        heads_own = i + 1 < len(rows) and _SUBSET_ROW.search(row_label(table, i + 1, labels))
        if _text_cells(rows[i]) != own or (i > head + 1 and _SUBSET_ROW.search(row_label(table, i, labels))) \
                or heads_own:
            break
        out.append(i)
    return out


def _growth_column(table: Table, labels: int) -> int | None:
    cols = [j for j, h in enumerate(table.columns) if j >= labels and _GROWTH_COLUMN.search(h)]
    return cols[0] if len(cols) == 1 else None


def _sum_check(document: Document, table: Table, head: Cell, parts: list[Cell]) -> Check:
    rec = rc.recompute_sum([p.interval for p in parts])
    check = cell_check(document, table, "sum", head, parts, rec, " + ".join(p.text for p in parts),
                       "the ＃ rows under a row are its parts")
    if check.verdict == "inconsistent":
        note = "the rows under ＃ may not be all the parts, nor all of them parts: the table marks no block end"
        check = check.model_copy(update={"verdict": "unverifiable",
                                         "explanation": check.explanation.rsplit(":", 1)[0] + f" ({note}): unverifiable."})
    return check


def _signed(text: str) -> str:
    return text if text.startswith("-") else "+" + text


def _growth_check(document: Document, table: Table, head: tuple[Cell, Cell], parts: list[tuple[Cell, Cell]],
                  money: bool) -> Check | None:
    """The head's growth from its parts' levels and growth rates."""
    try:
        rec = rc.recompute_aggregate_growth(head[0].interval, [p.interval for p, _ in parts],
                                            [g.interval for _, g in parts], [1] * len(parts))
    except Exception:  # a rate of −100 % or less: no previous level
        return None
    terms = " + ".join(f"{p.text}/(1{_signed(g.text)}%)" for p, g in parts)
    formula = f"{head[0].text} / ({terms}) − 1"
    check = cell_check(document, table, "aggregate", head[1], [c for pair in parts for c in pair], rec, formula,
                       "the growth of the row from its ＃ parts' levels and growth rates")
    if check.verdict == "inconsistent" and money:
        note = "a money total's growth may be at comparable prices, its parts' not"
        check = check.model_copy(update={"verdict": "unverifiable",
                                         "explanation": check.explanation.rsplit(":", 1)[0] + f" ({note}): unverifiable."})
    return check


def block_checks(document: Document, table: Table, facts: list[Fact]) -> list[Check]:
    """Each ＃ block's sum against the row above it, and (when it adds up) the row's growth."""
    labels, cells = read_cells(table, facts)
    labels = labels or label_count(table)
    growth = _growth_column(table, labels)
    out = []
    for head in range(len(table.rows)):
        rows = block_rows(table, labels, head)
        if len(rows) < 2:
            continue
        money = any(_MONEY.search(c) for c in _text_cells(table.rows[head])) or bool(_MONEY.search(table.unit))
        for j in range(labels, len(table.columns)):
            if j == growth or (head, j) not in cells or any((i, j) not in cells for i in rows):
                continue
            sum_check = _sum_check(document, table, cells[(head, j)], [cells[(i, j)] for i in rows])
            out.append(sum_check)
            if sum_check.verdict == "consistent" and growth is not None and (head, growth) in cells \
                    and all((i, growth) in cells for i in rows):
                found = _growth_check(document, table, (cells[(head, j)], cells[(head, growth)]),
                                      [(cells[(i, j)], cells[(i, growth)]) for i in rows], money)
                if found is not None:
                    out.append(found)
    return out
