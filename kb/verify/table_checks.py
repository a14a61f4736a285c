"""Checks inside one table, read from its cells: a total row (合计, 总计) against the sum of
the rows it totals, and a table of growth components (GDP增长率 | 贡献率/X | 拉动/X): each
component's pull (拉动, in points) is the growth times its 贡献率, and the pulls add up to the
growth.

A cell is read as written (17 030 is 17030; a cell holding two numbers, 6.9 6.7, is not read);
the check cites the cell's fact when the table reader made one. Rows are the members of a
total unless they are totals themselves, a 其中/＃ subset, or a group label with rows of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.figures.tables.table_units import split_unit
from kb.models import Check, Document, Fact, Table, stable_id
from kb.text.vocab import regex, words
from kb.verify import recompute as rc
from kb.verify.relations.ground import Context, clause_before
from kb.verify.relations.labels import bigram_cover
from kb.verify.relations.sentence import run_start

_NUMBER = re.compile(r"^[-−–]?\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?$|^[-−–]?\d+(?:\.\d+)?$")
_TOTAL_ROW = regex("relations", "table_total_row")
_SUBSET_ROW = regex("relations", "table_subset_row")
_PULL = regex("relations", "table_pull_column")
_SHARE = regex("relations", "table_contribution_column")
_GROWTH = regex("relations", "table_growth_column")


@dataclass
class Cell:
    """One numeric cell: its row and column, the digits as written and its fact (if any)."""

    row: int
    col: int
    text: str
    fact: Fact | None

    @property
    def interval(self) -> rc.Interval:
        return rc.stated_interval(self.text)


def cell_text(raw: str) -> str | None:
    """The digits of a numeric cell (17 030 → 17030, −0.4 → -0.4), None for text or two numbers."""
    raw = raw.strip().replace("−", "-").replace("–", "-")
    if not _NUMBER.match(raw):
        return None
    return raw.replace(" ", "").replace(",", "")


def label_count(table: Table) -> int:
    """The leading columns that hold labels (no numeric cell)."""
    n = 0
    while n < len(table.columns) and all(cell_text(r[n]) is None for r in table.rows if n < len(r)):
        n += 1
    return n


def _fact_of(facts: dict[tuple[str, str], Fact], table: Table, row: list[str], col: int, labels: int) -> Fact | None:
    key = (" ".join(x for x in row[:labels] if x).strip(), table.columns[col])
    return facts.get(key)


def read_cells(table: Table, facts: list[Fact]) -> tuple[int, dict[tuple[int, int], Cell]]:
    """(label column count, numeric cells by (row, column)) of a table."""
    by_key = {}
    for f in facts:
        parts = f.quote.split("｜")
        if f.table_id == table.table_id and len(parts) >= 3:
            by_key[(parts[1].strip(), parts[2])] = f
    labels = label_count(table)
    cells = {}
    for i, row in enumerate(table.rows):
        for j in range(labels, min(len(row), len(table.columns))):
            text = cell_text(row[j])
            if text is not None:
                cells[(i, j)] = Cell(i, j, text, _fact_of(by_key, table, row, j, labels))
    return labels, cells


_YEAR_HEADER = re.compile(r"(?:19|20)\d{2}\s*年[^0-9]*")


def realign(table: Table) -> Table:
    """The table with the cells a converter merged split again (header 2015年2016年预测 over
    cells 6.9 6.7): when every row then holds one number per header year, else the table."""
    labels = label_count(table) or 1
    heads = table.columns[:labels]
    for h in table.columns[labels:]:
        parts = [m.group(0).strip() for m in _YEAR_HEADER.finditer(h)]
        heads += parts if len(parts) >= 2 and "".join(parts) == re.sub(r"\s", "", h) else [h]
    if len(heads) == len(table.columns):
        return table
    rows = []
    for r in table.rows:
        values = [v for cell in r[labels:] for v in cell.split()]
        if len(values) != len(heads) - labels or any(cell_text(v) is None for v in values):
            return table
        rows.append(r[:labels] + values)
    return table.model_copy(update={"columns": heads, "rows": rows})


def row_label(table: Table, i: int, labels: int) -> str:
    return " ".join(x for x in table.rows[i][:labels] if x)


def _member_rows(table: Table, labels: int, total_row: int) -> list[int]:
    """The rows a total row totals: every other row but totals, 其中/＃ subsets and group labels
    that head rows of their own."""
    groups = {r[0] for r in table.rows if labels >= 2 and r[1:labels] and any(r[1:labels])}
    return [i for i, r in enumerate(table.rows) if i != total_row
            and not _TOTAL_ROW.search(row_label(table, i, labels))
            and not _SUBSET_ROW.search(row_label(table, i, labels))
            and not (labels >= 2 and r[0] in groups and not any(r[1:labels]))]


def cell_check(document: Document, table: Table, kind: str, stated: Cell, inputs: list[Cell], rec: rc.Interval,
           formula: str, what: str) -> Check:
    """The Check of a table relation: the stated cell against the recomputed interval."""
    verdict, note = rc.judge(stated.interval, stated.text, "", rec)
    labels = label_count(table)
    quote = " ".join(x for x in table.rows[stated.row] if x)
    shown = f"{formula} = {rc.fmt(rec.value, rc.shown_digits(stated.text))}"
    place = f"{table.table_id} {row_label(table, stated.row, labels)} {table.columns[stated.col]}"
    return Check(check_id=stable_id("c", document.doc_id, table.table_id, kind, stated.row, stated.col),
                 kind=kind, doc_id=document.doc_id, passage_id=stated.fact.passage_id if stated.fact else "",
                 quote=quote, stated_fact_id=stated.fact.fact_id if stated.fact else "",
                 stated_value=float(stated.text), formula=shown,
                 inputs=[c.fact.fact_id for c in inputs if c.fact], recomputed_value=rec.value,
                 tolerance=rc.tolerance(stated.interval, rec), verdict=verdict, where="table",
                 explanation=(f"{shown} ({what}) from {table.table_id}, stated {stated.text} at {place}"
                              f"{' (' + note + ')' if note else ''}: {verdict}."))


# a growth rate, ratio, rank or per-head figure of a total row is not the sum of the rows' (同比（%）)
_NOT_ADDITIVE = frozenset({"yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr", "ratio", "multiple", "rank",
                           "per_capita"})


_POINT_CHANGES = tuple(words("tables", "point_change_headers"))


def additive(cell: Cell, header: str = "") -> bool:
    """True when a total row's cell may be the sum of the rows' cells: a level or a share, not a
    growth rate, ratio, rank or per-head figure (by the measure kb read for the cell's figure), nor a
    change in points (毛利率比上年增减（百分点）: by its column's header or its unit)."""
    if any(w in header for w in _POINT_CHANGES):
        return False
    return cell.fact is None or ((cell.fact.measure or "level") not in _NOT_ADDITIVE
                                 and cell.fact.unit_normalized != "pp")


def can_be_sum(total: Cell, parts: list[Cell]) -> bool:
    """False when the total row's cell is below one of the rows' (合计 129010 over rows up to
    221760): it is an average or a rate of the whole, not a sum, whatever the header says."""
    values = sorted(p.interval.value for p in parts)
    if values[0] < 0:
        return True
    # 合计 5.8 over rows 5.8, 3.4, 4.5: no sum equals one of its positive parts
    return total.interval.value > values[-1] or (total.interval.value == values[-1] and not any(values[:-1]))


def total_row_checks(document: Document, table: Table, facts: list[Fact]) -> list[Check]:
    """合计 row = the sum of the rows it totals, in each numeric column."""
    labels, cells = read_cells(table, facts)
    out = []
    for i in range(len(table.rows)):
        if not labels or not _TOTAL_ROW.search(row_label(table, i, labels)):
            continue
        members = _member_rows(table, labels, i)
        for j in range(labels, len(table.columns)):
            parts = [cells.get((m, j)) for m in members]
            if (i, j) not in cells or len(parts) < 2 or None in parts \
                    or not additive(cells[(i, j)], table.columns[j]) or not can_be_sum(cells[(i, j)], parts):
                continue
            rec = rc.recompute_sum([p.interval for p in parts])
            out.append(cell_check(document, table, "sum", cells[(i, j)], parts, rec,
                              " + ".join(p.text for p in parts), "the total row is the sum of the rows"))
    return out


def _product(a: rc.Interval, b: rc.Interval) -> rc.Interval:
    ends = [a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high]
    return rc.Interval(a.value * b.value, min(ends), max(ends))


def _component(header: str, pattern: re.Pattern) -> str | None:
    """The component a 拉动/X or 贡献率/X column is of (X), None for other columns."""
    head, _, component = header.partition("/")
    return component if component and pattern.search(head) else None


def pull_checks(document: Document, table: Table, facts: list[Fact]) -> list[Check]:
    """拉动/X = GDP增长率 × 贡献率/X / 100, and GDP增长率 = Σ 拉动/X, in each row."""
    labels, cells = read_cells(table, facts)
    cols = list(enumerate(table.columns))
    growth = [j for j, h in cols if j >= labels and "/" not in h and _GROWTH.search(h)]
    pulls = {_component(h, _PULL): j for j, h in cols if _component(h, _PULL)}
    shares = {_component(h, _SHARE): j for j, h in cols if _component(h, _SHARE)}
    if len(growth) != 1 or not pulls:
        return []
    out = []
    for i in range(len(table.rows)):
        g = cells.get((i, growth[0]))
        if g is None:
            continue
        for name, j in pulls.items():
            p, s = cells.get((i, j)), cells.get((i, shares.get(name, -1)))
            if p is not None and s is not None:
                rec = _product(g.interval, rc.Interval(s.interval.value / 100, s.interval.low / 100,
                                                       s.interval.high / 100))
                out.append(cell_check(document, table, "ratio", p, [g, s], rec, f"{g.text} × {s.text}%",
                                  "a component's pull is the growth times its contribution share"))
        parts = [cells.get((i, j)) for j in pulls.values()]
        if len(parts) >= 2 and None not in parts:
            out.append(cell_check(document, table, "sum", g, parts, rc.recompute_sum([p.interval for p in parts]),
                              " + ".join(p.text for p in parts), "the growth is the sum of its components' pulls"))
    return out


_CHANGE_COLUMN = regex("relations", "table_change_column")
_CHANGE_WORDS = tuple(words("tables", "change_header_words"))


def _year(header: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*年", header)
    return int(m.group(1)) if m else None


def _is_change_column(header: str) -> bool:
    """较上年提高 / 名义增量 / 增减额: a column of changes, not of levels or rates."""
    return bool(_CHANGE_COLUMN.search(header)) or any(w in header for w in _CHANGE_WORDS)


def _amount_of(change: Cell, level: Cell, headers: tuple[str, str]) -> bool:
    """A change cell in its level's unit (名义增量 亿元 beside GDP 亿元; 百分点 beside a rate), not a growth
    rate (本年比上年增减（%）beside amounts): by the two cells' facts, else by their headers' units."""
    if change.fact is not None and level.fact is not None:
        units = change.fact.unit_normalized, level.fact.unit_normalized
        return units[0] == units[1] != "%" or units == ("pp", "%")
    written = [split_unit(h)[1] for h in headers]
    return bool(written[0]) and written[0] == written[1] and "%" not in written[0]


def change_column_checks(document: Document, table: Table, facts: list[Fact]) -> list[Check]:
    """A 较上年提高 column = the row's cell of its year minus the cell of the year before; a change
    column that names no year (名义增量) beside exactly two year columns, a year apart, is of the later."""
    labels, cells = read_cells(table, facts)
    by_year = {_year(h): j for j, h in enumerate(table.columns) if j >= labels and not _is_change_column(h)}
    years = sorted(y for y in by_year if y is not None)
    pair_year = years[1] if len(years) == 2 and years[1] == years[0] + 1 else None
    out = []
    for j, h in enumerate(table.columns):
        y = _year(h) or pair_year
        if j < labels or not _is_change_column(h) or y is None or y not in by_year or y - 1 not in by_year:
            continue
        for i in range(len(table.rows)):
            d, b, a = cells.get((i, j)), cells.get((i, by_year[y])), cells.get((i, by_year[y - 1]))
            if None not in (d, b, a) and (_year(h) or _amount_of(d, b, (h, table.columns[by_year[y]]))):
                out.append(cell_check(document, table, "difference", d, [a, b],
                                  rc.recompute_difference(a.interval, b.interval), f"{b.text} − {a.text}",
                                  "the change column is the year's cell less the year before's"))
    return out


_BASE_YEAR_CHANGE = regex("relations", "base_year_change")


def _row_cell(table: Table, cells: dict, name: str, year: int) -> tuple[int, Cell] | None:
    """The cell of the table row a text names (第一产业 in 第一产业增加值增速) in the column of
    ``year`` (never a change column); None unless exactly one row is named."""
    labels = label_count(table)
    rows = [i for i in range(len(table.rows)) if row_label(table, i, labels) and row_label(table, i, labels) in name]
    cols = [j for j, h in enumerate(table.columns) if j >= labels and _year(h) == year and not _CHANGE_COLUMN.search(h)]
    if len(rows) != 1 or len(cols) != 1 or (rows[0], cols[0]) not in cells:
        return None
    return rows[0], cells[(rows[0], cols[0])]


def text_change_checks(document: Document, ctx: Context, tables: list[Table], facts: list[Fact]) -> list[Check]:
    """比2016年增加0.1个百分点 after a rate whose row and earlier year a table of the document
    states (第一产业, 2016): the rate less that cell; the table's caption names the rate."""
    out = []
    for f in ctx.text_facts:
        m = _BASE_YEAR_CHANGE.search(clause_before(ctx, f)) if f.unit_normalized == "pp" else None
        s0, _ = ctx.sentence_of(f.char_start)
        rates = [r for r in ctx.facts_between(run_start(ctx, s0, f.char_start), f.char_start) if r.unit_normalized == "%"]
        if m is None or not rates:
            continue
        sign = -1.0 if m.group(3) in ("降低", "下降", "减少", "回落") else 1.0
        for table in tables:
            for own, found in _rows_of_rates(table, read_cells(table, facts)[1], ctx, rates, int(m.group(1)),
                                             bool(m.group(2))):
                stated = Cell(-1, -1, f.value_text, f)
                own_cell = Cell(-1, -1, own.value_text, own)
                rec = rc.recompute_difference(found[1].interval, rc.stated_interval(own.value_text, own.qualifier))
                out.append(_check_text(document, table, stated, own_cell, found[1], rec, sign))
    return out


def _rows_of_rates(table: Table, cells: dict, ctx: Context, rates: list[Fact], year: int,
                   each: bool) -> list[tuple[Fact, tuple[int, Cell]]]:
    """(rate, its row's cell of ``year``) for the rate before the change, or with 均 (第二产业和第三产业
    增加值增速分别为6.0%和7.5%，较2016年均降低0.1个百分点) for each rate of the list, paired in
    order with the rows its clause names; [] unless the table's caption names the rates."""
    name = clause_before(ctx, rates[0] if each else rates[-1])
    if not each or len(rates) < 2:
        found = _row_cell(table, cells, name, year)
        if found is None or bigram_cover(name.replace(row_label(table, found[0], 1), ""), table.caption) < 0.6:
            return []
        return [(rates[-1], found)]
    labels = label_count(table)
    named = sorted((name.find(row_label(table, i, labels)), row_label(table, i, labels))
                   for i in range(len(table.rows)) if row_label(table, i, labels) and row_label(table, i, labels) in name)
    if len(named) != len(rates):
        return []
    last = named[-1]
    rest = re.sub(r"(?:分别|均|都)?约?(?:为|是|达到|达)?$", "", name[last[0] + len(last[1]):])  # 增加值增速
    if not rest or bigram_cover(rest, table.caption) < 0.6:
        return []
    pairs = [(r, _row_cell(table, cells, label, year)) for r, (_, label) in zip(rates, named, strict=True)]
    return [(r, found) for r, found in pairs if found is not None] if all(p for _, p in pairs) else []


def _check_text(document: Document, table: Table, stated: Cell, own: Cell, cell: Cell, rec: rc.Interval,
                sign: float) -> Check:
    """The Check of a text figure's change against a table cell of the year before."""
    f = stated.fact
    value = sign * f.value
    interval = rc.stated_interval(f.value_text, f.qualifier, value=f.value)
    if sign < 0:
        interval = rc.Interval(value, -interval.high, -interval.low)
    verdict, note = rc.judge(interval, f.value_text, f.qualifier, rec)
    formula = f"{own.fact.qualifier}{own.text} − {cell.text} = {rc.fmt(rec.value, rc.shown_digits(f.value_text))}"
    labels = label_count(table)
    return Check(check_id=stable_id("c", document.doc_id, f.fact_id, "difference", table.table_id, cell.row, cell.col),
                 kind="difference", doc_id=document.doc_id, passage_id=f.passage_id, quote=f.quote,
                 stated_fact_id=f.fact_id, stated_value=value, formula=formula, inputs=[own.fact.fact_id],
                 recomputed_value=rec.value, tolerance=rc.tolerance(interval, rec), verdict=verdict, where="table",
                 explanation=(f"{formula} from {own.fact.value_text}% [{own.fact.fact_id}] and {table.table_id} "
                              f"{row_label(table, cell.row, labels)} {table.columns[cell.col]}, stated "
                              f"{'−' if sign < 0 else ''}{f.value_text}{f.unit}{' (' + note + ')' if note else ''}: "
                              f"{verdict}."))


def table_checks(document: Document, tables: list[Table], facts: list[Fact], ctx: Context | None = None) -> list[Check]:
    """Every table relation of the document's tables (merged cells split again first), and the
    text's changes against a table's earlier year."""
    table_facts = [f for f in facts if f.source_kind == "table"]
    out = []
    tables = [realign(t) for t in tables]
    for t in tables:
        out += total_row_checks(document, t, table_facts) + pull_checks(document, t, table_facts)
        out += change_column_checks(document, t, table_facts)
    if ctx is not None:
        out += text_change_checks(document, ctx, tables, table_facts)
    return out
