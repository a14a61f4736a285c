"""Text figures about the rows of a ranking table (名次 | 企业名称 | 销售收入): the sum of the
top N rows (前10位企业销售收入合计X), the sum of the rows a sentence names (A、B和C…销售收入合计X),
and the ranks it states (A由第2位上升至第1位; A、B和C分列前3位).

A ranking table numbers its rows 1, 2, … n in its first column, names each row in a text column
and holds one column of figures, never rising from one row to the next. Such a table states no
year of its own; it is read as of the document's period, so only a text figure of that period
(of the year most of the document's figures are of, or none, with no year in its clause) is
compared with it. The sentence must name the table's figure column (销售收入) before the figure.

Verdicts: a top-N or named-row sum is consistent or inconsistent; a top N beyond the table's
rows (前100位 of a table of 50) has the table's sum as a lower bound, so only a stated sum below
it is inconsistent. A stated rank that the table does not give is unverifiable, never
inconsistent (the text may rank by another measure).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kb.models import Check, Document, Fact, Table, stable_id
from kb.text.vocab import regex
from kb.verify import recompute as rc
from kb.verify.citing import interval, scaled
from kb.verify.relations.ground import Context
from kb.verify.table_checks import cell_text

_TOP_N = regex("relations", "ranking_top_n")
_SUM_WORD = regex("relations", "ranking_sum_word")
_MEAN_WORD = regex("relations", "ranking_mean_word")
_FINAL_RANK = regex("relations", "ranking_final_rank")
_TOP_LEAD = regex("relations", "ranking_top_lead")
_MEMBER = regex("relations", "ranking_member_word")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_UNIT_NOTE = re.compile(r"[（(][^（）()]*[)）]")


@dataclass
class Ranking:
    """A ranking table: row names in rank order and their figures (cell facts)."""

    table: Table
    names: list[str]
    cells: list[Fact]
    indicator: str          # the figure column's name without its unit note (销售收入)


def _plain(text: str) -> str:
    """Text without spaces, brackets made half-width (（集团） → (集团))."""
    return re.sub(r"\s", "", text).replace("（", "(").replace("）", ")")


def _columns(table: Table) -> tuple[int, int] | None:
    """(name column, figure column) of a table numbered 1…n in its first column whose figures
    never rise, else None."""
    rows, cols = table.rows, table.columns
    if len(rows) < 3 or any(len(r) != len(cols) for r in rows) or _YEAR.search(table.caption + "".join(cols)):
        return None
    if [r[0].strip() for r in rows] != [str(i + 1) for i in range(len(rows))]:
        return None
    texts = [j for j in range(1, len(cols)) if all(cell_text(r[j]) is None for r in rows)]
    figures = [j for j in range(1, len(cols)) if all(cell_text(r[j]) is not None for r in rows)]
    if len(texts) != 1 or len(figures) != 1 or texts[0] > figures[0]:
        return None
    values = [float(cell_text(r[figures[0]]) or 0) for r in rows]
    if any(b > a for a, b in zip(values[:-1], values[1:], strict=True)):
        return None
    return texts[0], figures[0]


def ranking(table: Table, facts: list[Fact]) -> Ranking | None:
    """The table as a ranking, or None (rows not numbered 1…n, no single figure column, figures
    rising, a cell without its fact, a year in the caption or columns)."""
    found = _columns(table)
    if found is None:
        return None
    name, j = found
    by_quote = {f.quote: f for f in facts if f.table_id == table.table_id}
    cells = [by_quote.get(f"{table.table_id}｜{' '.join(x for x in r[:j] if x)}｜{table.columns[j]}") for r in table.rows]
    indicator = _UNIT_NOTE.sub("", table.columns[j]).strip()
    if not indicator or any(c is None for c in cells):
        return None
    return Ranking(table, [_plain(r[name]) for r in table.rows], [c for c in cells if c is not None], indicator)


def document_year(ctx: Context) -> int | None:
    """The year most of the document's text figures are of (None for a tie or none)."""
    counts = Counter(f.year for f in ctx.text_facts if f.year is not None).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


def _of_the_period(ctx: Context, f: Fact, clause: str, year: int | None) -> bool:
    """The figure is of the document's year (or of none), and its clause names no other year."""
    named = {int(m.group(0)[:4]) for m in _YEAR.finditer(clause)}
    return f.year in (None, year) and year is not None and named <= {year}


def top_of(clause: str, indicator: str = "") -> int | None:
    """N of a clause that opens with the top N of the ranked members (前10位企业): nothing but 其中/
    而 before it and nothing but a member word (企业, 家) between it and the indicator (or the
    clause end, or 占); None otherwise (前10位民营企业 selects another population)."""
    plain = _plain(clause)
    top = _TOP_N.search(plain)
    if not top or not _TOP_LEAD.fullmatch(plain[:top.start()]):
        return None
    rest = plain[top.end():]
    stop = [i for i in (rest.find(indicator) if indicator else -1, rest.find("占")) if i >= 0]
    between = rest[:min(stop)] if stop else rest
    return int(top.group(1)) if _MEMBER.fullmatch(between) else None


def _sum_interval(cells: list[Fact], scale: float) -> rc.Interval:
    return rc.recompute_sum([scaled(interval(c), c.scale / scale) for c in cells])


def _named_rows(rank: Ranking, text: str) -> list[int]:
    """The rows (indices) whose names the text holds, in the order it names them."""
    plain = _plain(text)
    found = sorted((plain.find(n), i) for i, n in enumerate(rank.names) if n and plain.find(n) >= 0)
    return [i for _, i in found]


def _check(document: Document, f: Fact, kind: str, rank: Ranking, rows: list[int], rec: rc.Interval | None,
           verdict: str, formula: str, note: str) -> Check:
    inputs = [rank.cells[i] for i in rows]
    return Check(check_id=stable_id("c", document.doc_id, f.fact_id, kind, rank.table.table_id, *rows),
                 kind=kind, doc_id=document.doc_id, passage_id=f.passage_id, quote=f.quote, stated_fact_id=f.fact_id,
                 stated_value=f.value, formula=formula, inputs=[c.fact_id for c in inputs],
                 recomputed_value=rec.value if rec else None,
                 tolerance=rc.tolerance(interval(f), rec) if rec else None, verdict=verdict, where="table",
                 explanation=f"{formula} from {rank.table.table_id} ({rank.indicator}), stated "
                             f"{f.figure_text or (f.value_text + f.unit)}{' (' + note + ')' if note else ''}: {verdict}.")


def _sum_check(document: Document, f: Fact, rank: Ranking, rows: list[int], bound: bool, what: str) -> Check:
    """The stated figure against the sum of ``rows`` (a lower bound when ``bound``)."""
    rec = _sum_interval([rank.cells[i] for i in rows], f.scale)
    stated = interval(f)
    shown = f"{what} = {rc.fmt(rec.value, rc.shown_digits(f.value_text or str(f.value)))}{f.unit}"
    if bound:
        verdict = "inconsistent" if stated.high < rec.low else "unverifiable"
        note = ("the table's rows are only some of the members, their sum a lower bound" if verdict == "inconsistent"
                else "the table has fewer rows than the members; their sum is only a lower bound")
        return _check(document, f, "sum", rank, rows, rec, verdict, shown, note)
    verdict, note = rc.judge(stated, f.value_text or rc.fmt(f.value, 10), f.qualifier, rec)
    return _check(document, f, "sum", rank, rows, rec, verdict, shown, note)


def _sum_of_rows(document: Document, ctx: Context, f: Fact, rank: Ranking, year: int | None) -> Check | None:
    """前N位…合计X, or A、B和C…合计X: the sum of the top N or of the named rows."""
    if f.claim_type != "level" or f.unit_normalized != rank.cells[0].unit_normalized:
        return None
    s0, _ = ctx.sentence_of(f.char_start)
    before = ctx.text[s0:f.char_start]
    clause = re.split(r"[，。；,;]", before)[-1]
    if rank.indicator not in _plain(clause) or _MEAN_WORD.search(clause) or not _of_the_period(ctx, f, clause, year):
        return None
    n = top_of(clause, rank.indicator)
    if n is not None:
        rows = list(range(min(n, len(rank.names))))
        return _sum_check(document, f, rank, rows, n > len(rank.names), f"Σ ranks 1–{len(rows)}")
    rows = _named_rows(rank, before)
    others = [g for g in ctx.facts_between(s0, f.char_start) if g.claim_type not in ("rank",)]
    if len(rows) >= 2 and _SUM_WORD.search(clause) and not others:
        return _sum_check(document, f, rank, sorted(rows), False, " + ".join(rank.names[i] for i in rows))
    return None


def _rank_claim(document: Document, ctx: Context, f: Fact, rank: Ranking, year: int | None) -> Check | None:
    """A由…上升至第k位 / A、B和C分列前N位: the named rows' positions in the table."""
    if f.claim_type != "rank":
        return None
    s0, _ = ctx.sentence_of(f.char_start)
    before = ctx.text[s0:f.char_start]
    clause = re.split(r"[，。；,;]", before)[-1]
    if not _of_the_period(ctx, f, clause, year):
        return None
    rows = _named_rows(rank, clause)
    written = _plain(ctx.text[f.char_start:f.char_end])
    if written.startswith("前") and len(rows) >= 2:
        n = int(f.value)
        got = sorted(i + 1 for i in rows)
        verdict = "consistent" if got == list(range(1, n + 1)) else "unverifiable"
        formula = f"{'、'.join(rank.names[i] for i in rows)}: rows {', '.join(map(str, got))} of the ranking"
        note = "" if verdict == "consistent" else "the text may rank by another measure than the table"
        return _check(document, f, "rank", rank, rows, None, verdict, formula, note)
    if len(rows) >= 1 and _FINAL_RANK.search(_plain(before)):
        i = rows[-1]
        verdict = "consistent" if i + 1 == f.value else "unverifiable"
        note = "" if verdict == "consistent" else "the text may rank by another measure than the table"
        return _check(document, f, "rank", rank, [i], None, verdict, f"{rank.names[i]}: row {i + 1} of the ranking",
                      note)
    return None


def _whole_of(ctx: Context, rank: Ranking, year: int | None) -> Fact | None:
    """The document's one total of the table's figure (产品销售收入29855亿元): a level of the cells'
    unit and the period, named by the column, about no selection (前N位, 合计) and no named row."""
    found = {}
    for f in ctx.text_facts:
        s0, _ = ctx.sentence_of(f.char_start)
        clause = re.split(r"[，。；,;]", ctx.text[s0:f.char_start])[-1]
        if f.claim_type != "level" or f.unit_normalized != rank.cells[0].unit_normalized \
                or rank.indicator not in _plain(f.indicator + clause) or not _of_the_period(ctx, f, clause, year) \
                or _TOP_N.search(_plain(clause)) or _SUM_WORD.search(clause) \
                or _named_rows(rank, ctx.text[s0:f.char_start]) or f.value_normalized <= 0:
            continue
        found.setdefault(f.value_normalized, f)
    return next(iter(found.values())) if len(found) == 1 else None


def _top_share(document: Document, ctx: Context, f: Fact, rank: Ranking, year: int | None) -> Check | None:
    """前3位企业即占三分之一: Σ of the top N rows over the document's total of the table's figure.
    Only agreement is telling: the sentence need not name the figure (收入 or 资产)."""
    if f.claim_type != "share" or f.unit_normalized != "%":
        return None
    s0, _ = ctx.sentence_of(f.char_start)
    clause = re.split(r"[，。；,;]", ctx.text[s0:f.char_start])[-1]
    n = top_of(clause)
    if n is None or "占" not in clause or n > len(rank.names) \
            or not _of_the_period(ctx, f, clause, year):
        return None
    whole = _whole_of(ctx, rank, year)
    if whole is None:
        return None
    rows = list(range(n))
    part = _sum_interval([rank.cells[i] for i in rows], whole.scale)
    w = interval(whole)
    rec = rc.Interval(100 * part.value / w.value, 100 * part.low / w.high, 100 * part.high / w.low)
    verdict, _ = rc.judge(interval(f), f.value_text or rc.fmt(f.value, 10), f.qualifier, rec)
    verdict = "consistent" if verdict == "consistent" else "unverifiable"
    note = "" if verdict == "consistent" else "the share may be of another figure than the table's"
    formula = (f"Σ ranks 1–{len(rows)} / {whole.figure_text or whole.value_text} = "
               f"{rc.fmt(rec.value, 2)} %")
    check = _check(document, f, "share", rank, rows, rec, verdict, formula, note)
    return check.model_copy(update={"inputs": check.inputs + [whole.fact_id]})


def ranking_checks(document: Document, ctx: Context, tables: list[Table]) -> list[Check]:
    """Every text figure about the rows of the document's ranking tables."""
    year = document_year(ctx)
    out = []
    for table in tables:
        rank = ranking(table, ctx.table_facts)
        if rank is None:
            continue
        for f in ctx.text_facts:
            found = (_sum_of_rows(document, ctx, f, rank, year) or _rank_claim(document, ctx, f, rank, year)
                     or _top_share(document, ctx, f, rank, year))
            if found is not None:
                out.append(found)
    return out
