"""A figure of two or more quarters and the quarter columns of a table (公司上半年实现营业收入23.23亿元 beside
a table of 营业收入 by 第一季度（1-3月份）… 第四季度（10-12月份）): the sum of the row's quarter cells.

The figure is an actual text level whose months are two or three whole quarters (上半年, 前三季度,
下半年: a year's figure is the annual table's, and a product's 全年营业收入 names the row of the
company's); the table's quarter columns are those whose header names three months from a quarter's
first (kb.figures.identity.month_range: 第二季度, 4-6月); the row is the one whose label the words
before the figure in its clause write out whole (实现营业收入 → 营业收入), of the figure's unit, with
a cell in every quarter the figure spans. Such a table states no year of its own: its quarters are
read as the figure's year, so only agreement is telling.
"""

from __future__ import annotations

from collections import defaultdict

from kb.figures.identity import month_range
from kb.models import Fact
from kb.verify.relations.ground import Context, Relation, clause_before, is_level, same_unit
from kb.verify.relations.labels import bare_label

_QUARTER_FIRST = (1, 4, 7, 10)
_DOUBT = "the table's quarters state no year: they are read as the figure's"


def quarter_sum(ctx: Context, stated: Fact) -> Relation | None:
    """The sum relation of a figure of whole quarters over a table row's quarter cells, or None."""
    span = _months(stated)
    if span is None or not is_level(stated) or stated.status != "actual" or not ctx.table_facts:
        return None
    first, last = span
    wanted = list(range(first, last + 1, 3))
    clause = clause_before(ctx, stated)
    rows: dict[tuple[str, str], dict[int, Fact]] = defaultdict(dict)
    for f in ctx.table_facts:
        quarter = _quarter(f)
        parts = f.quote.split("｜")
        label = bare_label(parts[1]) if len(parts) >= 3 else ""
        if quarter in wanted and len(label) >= 2 and label in clause and same_unit(f, stated) and is_level(f):
            rows[(f.table_id or "", label)][quarter] = f
    full = [cells for cells in rows.values() if all(q in cells for q in wanted)]
    if len(full) != 1:
        return None
    inputs = [full[0][q] for q in wanted]
    return Relation("sum", stated, inputs=inputs, weights=[1] * len(inputs), mode="complete", where="table",
                    doubt=_DOUBT, rule="quarter_sum")


def _months(f: Fact) -> tuple[int, int] | None:
    """(first, last) month of a figure spanning two or three whole quarters of one year."""
    a, b = f.period_start_month, f.period_end_month
    if not a or not b or a[:4] != b[:4]:
        return None
    first, last = int(a[5:]), int(b[5:])
    if first not in _QUARTER_FIRST or (last - first + 1) % 3 or not 6 <= last - first + 1 <= 9:
        return None
    return first, last


def _quarter(f: Fact) -> int | None:
    """The first month of the quarter a table cell's column header names, else None."""
    header = f.quote.split("｜")[-1]
    first, last = month_range(header)
    return first if last - first == 2 and first in _QUARTER_FIRST else None
