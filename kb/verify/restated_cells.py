"""A text figure that restates a table cell whose own check holds.

智能物流装备实现营业收入24.38亿元，…该板块毛利率为29.49% over the 分产品 table's row 智能物流装备,
column 毛利率（%） 29.49, itself consistent ((243826.45 − 171912.33) / 243826.45): the text's figure is as
right as the cell. It restates the cell when it is written with the same value and unit, of the same
year when both state one, its sentence names the cell's row (or its subject is the row's), and its
name holds the cell's column name (毛利率) or its sentence does. One such cell only; nothing else is
said (a text figure that matches no checked cell is no evidence against anything).
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact
from kb.verify.citing import stated_text
from kb.verify.relations.ground import Context, same_when_known
from kb.verify.restated import restated_check

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_TOTAL_ROWS = ("合计", "总计", "全部", "总额")


def _column(cell: Fact) -> str:
    """The cell's column name without its unit bracket (毛利率（%） → 毛利率)."""
    return _BRACKETS.sub("", cell.quote.split("｜")[-1]).strip()


def _row(cell: Fact) -> str:
    parts = cell.quote.split("｜")
    return parts[1].strip() if len(parts) >= 3 else ""


def _restates(ctx: Context, text: Fact, cell: Fact) -> bool:
    if cell.unit_normalized != text.unit_normalized or cell.value != text.value \
            or not same_when_known(cell.year, text.year):
        return False
    s0, s1 = ctx.sentence_of(text.char_start)
    sentence, column, row = ctx.text[s0:s1], _column(cell), _row(cell)
    named_row = (bool(row) and row not in _TOTAL_ROWS and row in sentence) or (
        row in _TOTAL_ROWS and cell.subject == text.subject)    # the total row: the whole's own figure
    return named_row and len(column) >= 2 and (column in text.indicator or column in sentence[:text.char_start - s0])


def restated_cell_checks(document: Document, ctx: Context, checks: list[Check]) -> list[Check]:
    """A consistent check for each text figure not judged otherwise that restates one table cell
    whose own check is consistent."""
    judged = {c.stated_fact_id for c in checks if c.stated_fact_id and c.verdict != "unverifiable"}
    own: dict[str, Check] = {}
    for c in checks:
        if c.stated_fact_id and c.verdict == "consistent":
            own.setdefault(c.stated_fact_id, c)
    cells = [f for f in ctx.table_facts if f.fact_id in own]
    out = []
    for text in ctx.text_facts:
        if text.fact_id in judged:
            continue
        found = [cell for cell in cells if _restates(ctx, text, cell)]
        if len(found) == 1:
            out.append(_restated(document, text, found[0], own[found[0].fact_id]))
    return out


def _restated(document: Document, text: Fact, cell: Fact, own: Check) -> Check:
    return restated_check(document, text, cell, own, "table", f"{stated_text(text)} restates the table's "
                          f"{_row(cell)} · {_column(cell)} {stated_text(cell)} [{cell.fact_id}]")
