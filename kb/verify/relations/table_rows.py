"""Relations inside one table: a growth column (比上年增长%) against the row's year columns or
its 较年初增加 column, 均值 rows against 总量 rows (均值 = 总量 / n), and a margin column against
the row's revenue and cost (毛利率 = (营业收入 − 营业成本) / 营业收入).
"""

from __future__ import annotations

from kb.models import Fact
from kb.text.vocab import regex, words
from kb.verify.relations.ground import Context, Relation, is_level, same_unit
from kb.verify.relations.labels import row_words, strip_measure

_SINCE_YEAR_START = regex("relations", "since_year_start")
_YEAR_ON_YEAR = regex("relations", "year_on_year")
_GROWTH_HEADER_SKIP = regex("relations", "multi_year_header")
_PER_CAPITA = words("relations", "per_capita")
_MARGIN_NAMES = words("relations", "margin_rate_names")
_REVENUE_NAMES = words("relations", "revenue_names")
_COST_NAMES = words("relations", "cost_names")


def row_of(f: Fact) -> list[str]:
    """The row label of a table cell, from its quote (caption｜row｜column): [row] or []."""
    return f.quote.split("｜")[1:2]


def table_growth_cells(ctx: Context) -> list[Relation]:
    """A table's own growth column (比上年增长%) against the row's last two year columns."""
    out = []
    for g in ctx.table_facts:
        rel = _growth_cell(ctx, g)
        if rel is not None:
            out.append(rel)
    return out


def _growth_cell(ctx: Context, g: Fact) -> Relation | None:
    """The relation of one growth cell: the row's cells of the year and the year before, else
    the row's balance and its change since the start of the year."""
    if g.claim_type != "growth_rate" or g.unit_normalized != "%":
        return None
    parts = g.quote.split("｜")
    if len(parts) < 3 or _GROWTH_HEADER_SKIP.search(parts[-1]):
        return None
    row = {f.year: f for f in ctx.table_facts
           if f.table_id == g.table_id and is_level(f) and f.year is not None
           and row_of(f) == parts[1:2] and f.subject == g.subject}
    if not row:
        return None
    y1 = g.year if g.year in row else max(row)
    if y1 - 1 in row and (g.year is None or g.year == y1):
        return Relation("growth", g, inputs=[row[y1 - 1], row[y1]], where="table")
    return _balance_growth(ctx, g, row, y1)


def table_margin_cells(ctx: Context) -> list[Relation]:
    """A table's margin column (毛利率（%）) against the row's revenue and cost columns (分产品 | 营业收入 |
    营业成本 | 毛利率): (revenue − cost) / revenue, when the row holds exactly one of each, of one unit."""
    out = []
    for m in ctx.table_facts:
        if m.unit_normalized != "%" or not m.indicator.startswith(_MARGIN_NAMES):
            continue
        row = [f for f in ctx.table_facts if f.table_id == m.table_id and row_of(f) == row_of(m)
               and f.subject == m.subject and f.year == m.year and is_level(f)]
        revenue = [f for f in row if f.indicator.startswith(_REVENUE_NAMES)]
        cost = [f for f in row if f.indicator.startswith(_COST_NAMES)]
        if len(revenue) == 1 and len(cost) == 1 and same_unit(revenue[0], cost[0]) \
                and cost[0].value_normalized <= revenue[0].value_normalized:
            # cost first: the share's review reads (part, whole), and the cost is within the revenue
            out.append(Relation("share", m, inputs=[cost[0], revenue[0]], mode="margin", where="table"))
    return out


def _balance_growth(ctx: Context, g: Fact, row: dict[int, Fact], y1: int) -> Relation | None:
    """A balance table (年末余额 | 较年初增加 | 同比增长): growth = D / (B − D), since the start of
    the year is the end of the last one; only when the row has exactly one such pair."""
    parts = g.quote.split("｜")
    changes = [f for f in ctx.table_facts if f.table_id == g.table_id and f.claim_type == "change"
               and f.year == y1 and row_of(f) == parts[1:2] and f.subject == g.subject
               and _SINCE_YEAR_START.search(f.indicator)]
    levels = [f for f in row.values() if f.year == y1]
    if len(changes) == 1 and len(levels) == 1 and same_unit(changes[0], levels[0]) \
            and _YEAR_ON_YEAR.search(parts[-1] + g.indicator):
        return Relation("growth", g, inputs=[levels[0], changes[0]], mode="change_up", where="table")
    return None


def _fits(pair: tuple[Fact, Fact], n: int) -> bool:
    """总量 / 均值 = n within the rounding of both cells."""
    from kb.verify import recompute as rc  # local: relations stays free of arithmetic otherwise

    t, m = (rc.stated_interval(f.value_text or str(f.value), f.qualifier, value=f.value) for f in pair)
    t = rc.Interval(t.value * pair[0].scale, t.low * pair[0].scale, t.high * pair[0].scale)
    m = rc.Interval(m.value * pair[1].scale, m.low * pair[1].scale, m.high * pair[1].scale)
    return m.low > 0 and t.low / m.high - 1e-9 <= n <= t.high / m.low + 1e-9


def _total_mean_rows(ctx: Context) -> list[list[tuple[Fact, Fact]]]:
    """(total, mean) cell pairs of one column, grouped by table and row pair (its labels without
    the 总量/均值 word)."""
    cells: dict[tuple, dict[str, Fact]] = {}
    for f in ctx.table_facts:
        _, m_subject = row_words(f.subject)
        _, m_indicator = row_words(f.indicator)
        measure = (m_subject + m_indicator)[:1]
        if not measure or any(w in f.subject + f.indicator for w in _PER_CAPITA):
            continue  # per-capita figures divide by a population, not by the members
        key = (f.table_id, strip_measure(f.subject), strip_measure(f.indicator), f.year, f.unit_normalized)
        cells.setdefault(key, {})[measure[0]] = f
    rows: dict[tuple, list[tuple[Fact, Fact]]] = {}
    for key, by in cells.items():
        if "total" in by and "mean" in by and by["mean"].value_normalized > 0:
            rows.setdefault(key[:2], []).append((by["total"], by["mean"]))
    return list(rows.values())


def table_averages(ctx: Context) -> list[tuple[int, list[tuple[Fact, Fact]]]]:
    """(n, [(total, mean), …]) per table row pair whose 总量/均值 ratio is one whole member count n
    in most columns: each 均值 cell is then checkable as 总量 / n."""
    out = []
    for pairs in _total_mean_rows(ctx):
        ratios = sorted(p[0].value_normalized / p[1].value_normalized for p in pairs)
        n = round(ratios[len(ratios) // 2])
        if n < 2 or len(pairs) < 2:
            continue
        support = sum(_fits(p, n) for p in pairs)
        if support >= 2 and 2 * support > len(pairs):
            out.append((n, pairs))
    return out
