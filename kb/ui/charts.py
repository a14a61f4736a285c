"""Charts of a table that read: one chart per group of comparable rows, sorted, with the unit.

A table such as 表2 lists 京津冀 cities (values in the hundreds) and 大湾区 cities
(millions): on one linear axis every 京津冀 bar vanishes. `table_charts` makes one
chart per group (the table's group column, else one group), sorted by the latest
value, titled with the indicator and its unit, and switches to a log scale when
values within a group still differ by more than LOG_RATIO.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from kb.models import Fact, Table
from kb.ui.numbers import plain
from kb.ui.present import clean_label

LOG_RATIO = 100.0


@dataclass
class Chart:
    """One bar chart: a group's rows of one indicator, by subject and year."""

    title: str          # the group, or the indicator when the table has no groups
    unit: str
    rows: list[dict]    # {"name", "series", "value", "label"}: label is the value as written
    order: list[str]    # names, largest first
    log: bool = False


def indicators(table: Table, facts: list[Fact]) -> list[str]:
    """The indicators of a table's cells that have a subject (in table order)."""
    seen: list[str] = []
    for fact in facts:
        if fact.table_id == table.table_id and fact.subject and fact.indicator and fact.indicator not in seen:
            seen.append(fact.indicator)
    return seen


def row_groups(table: Table) -> dict[str, str]:
    """subject label → group label, when the table's first column groups its rows (分组)."""
    if len(table.columns) < 3:
        return {}
    groups = {}
    for row in table.rows:
        if len(row) >= 2 and row[0].strip() and row[1].strip():
            groups[clean_label(row[1])] = clean_label(row[0])
    return groups if len(set(groups.values())) > 1 else {}


def table_charts(table: Table, facts: list[Fact], indicator: Optional[str] = None) -> list[Chart]:
    """The charts of ``indicator`` (default: the table's first) in ``table``: one per group."""
    names = indicators(table, facts)
    if not names:
        return []
    indicator = indicator if indicator in names else names[0]
    cells = [f for f in facts if f.table_id == table.table_id and f.indicator == indicator and f.subject]
    groups = row_groups(table)
    by_group: dict[str, list[Fact]] = {}
    for fact in cells:
        by_group.setdefault(groups.get(clean_label(fact.subject), ""), []).append(fact)
    unit = next((f.unit for f in cells if f.unit), "") or table.unit
    return [_chart(group or indicator, unit, group_cells) for group, group_cells in by_group.items()]


def _chart(title: str, unit: str, cells: list[Fact]) -> Chart:
    rows = [{"name": clean_label(f.subject), "series": str(f.year or ""), "value": f.value,
             "label": f.value_text or plain(f.value)} for f in cells]
    latest = max((r["series"] for r in rows), default="")
    last = {r["name"]: r["value"] for r in rows if r["series"] == latest}
    order = sorted({r["name"] for r in rows}, key=lambda n: -last.get(n, 0.0))
    positive = [r["value"] for r in rows if r["value"] > 0]
    log = bool(positive) and len(positive) == len(rows) and max(positive) / min(positive) > LOG_RATIO
    return Chart(title, unit, rows, order, log)


def altair_chart(chart: Chart, unit_title: str):
    """The Vega-Lite (Altair) bars of a chart: horizontal, sorted, a bar per year, each labelled
    with its value as written, the unit on the axis; on a log scale the bars start at the power
    of ten below the smallest value (a bar cannot start at zero there)."""
    import math

    import altair as alt
    import pandas as pd

    frame = pd.DataFrame(chart.rows)
    base = alt.Chart(frame).encode(
        y=alt.Y("name:N", sort=chart.order, title=None),
        yOffset="series:N",
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["name", "series", "label"])
    if chart.log:
        floor = 10 ** math.floor(math.log10(min(r["value"] for r in chart.rows)))
        bars = base.mark_bar().encode(x=alt.X("value:Q", title=unit_title,
                                              scale=alt.Scale(type="log", domainMin=floor)),
                                      x2=alt.datum(floor))
    else:
        bars = base.mark_bar().encode(x=alt.X("value:Q", title=unit_title, scale=alt.Scale(zero=True)))
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(x="value:Q", text="label:N")
    return (bars + labels).properties(title=chart.title, height=max(120, 22 * len(chart.rows)))
