"""A threshold claim about named table rows (计算机、通信设备、电子元器件等影响力系数大于1): each
named row's cell in the column the sentence names lies above (or below) the threshold.

The column is named by its header as written (影响力系数), right before the comparison word
(kb/data/relations.yaml row_threshold_above / row_threshold_below). The rows are read from the
end of the words before it, after an optional 等(部门): each a row label of the table as written
(the longest that fits), joined by 、/和/及/与; at least two, with at most a few words before the
first (而). Consistent when every named cell is on the stated side, inconsistent when one lies
wholly on the other side, else (a cell that rounds to the threshold) unverifiable.
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Table, stable_id
from kb.text.vocab import regex
from kb.verify import recompute as rc
from kb.verify.relations.ground import Context
from kb.verify.table_checks import cell_text

_ABOVE = regex("relations", "row_threshold_above")
_BELOW = regex("relations", "row_threshold_below")
_LIST_END = regex("relations", "row_list_end")
_JOIN = "、和及与"
_MAX_LEAD = 4


def _named_rows(before: str, labels: list[str]) -> list[int] | None:
    """The rows named at the end of ``before`` (a list of labels), in text order, or None."""
    rest = _LIST_END.sub("", before)
    found: list[int] = []
    while rest:
        fits = [(len(label), i) for i, label in enumerate(labels) if label and rest.endswith(label)]
        if not fits:
            break
        _, i = max(fits)
        found.insert(0, i)
        rest = rest[: -len(labels[i])]
        if rest and rest[-1] in _JOIN:
            rest = rest[:-1]
        else:
            break
    return found if len(found) >= 2 and len(rest) <= _MAX_LEAD and len(set(found)) == len(found) else None


def _side(cell: rc.Interval, threshold: float, above: bool) -> str:
    """consistent / inconsistent / unverifiable for one cell against the threshold."""
    low, high = (cell.low, cell.high) if above else (-cell.high, -cell.low)
    t = threshold if above else -threshold
    if low > t:
        return "consistent"
    return "inconsistent" if high <= t else "unverifiable"


def _claims_on(ctx: Context, header: str) -> list[tuple[re.Match, bool, int]]:
    """(comparison match, above?, start of the header) of each comparison right after the header."""
    out: list[tuple[re.Match, bool, int]] = []
    for pattern, above in ((_ABOVE, True), (_BELOW, False)):
        if not _follows(ctx.text, header, pattern):   # then no match: no pattern compiled for it (issue 12)
            continue
        for m in re.finditer(re.escape(header) + "(?:" + pattern.pattern + ")", ctx.text):
            out.append((m, above, m.start()))
    return out


def _follows(text: str, header: str, pattern: re.Pattern) -> bool:
    """Whether ``pattern`` matches right after some occurrence of ``header`` in ``text``: a match of
    the header followed by the pattern is one of these."""
    at = text.find(header)
    while at != -1:
        if pattern.match(text, at + len(header)):
            return True
        at = text.find(header, at + 1)
    return False


def _table_claims(document: Document, ctx: Context, table: Table) -> list[Check]:
    labels = [r[0].strip() for r in table.rows]
    out = []
    for j, header in enumerate(table.columns):
        if j == 0 or len(header) < 2:
            continue
        for m, above, start in _claims_on(ctx, header):
            clause = re.split(r"[，。；,;\n]", ctx.text[ctx.sentence_of(start)[0]:start])[-1]
            rows = _named_rows(clause, labels)
            cells = [cell_text(table.rows[i][j]) if rows is not None and j < len(table.rows[i]) else None
                     for i in rows or []]
            if rows is None or None in cells:
                continue
            out.append(_check(document, ctx, (table, header), m, above, [labels[i] for i in rows],
                              [c or "" for c in cells]))
    return out


def _check(document: Document, ctx: Context, column: tuple[Table, str], m: re.Match, above: bool, names: list[str],
           cells: list[str]) -> Check:
    table, header = column
    threshold_text = m.group("t")
    threshold = float(threshold_text)
    sides = [_side(rc.stated_interval(c), threshold, above) for c in cells]
    verdict = ("inconsistent" if "inconsistent" in sides else
               "unverifiable" if "unverifiable" in sides else "consistent")
    sign = ">" if above else "<"
    formula = ", ".join(f"{n} {c}" for n, c in zip(names, cells, strict=True)) + f": each {sign} {threshold_text}"
    t0 = m.start("t")
    stated = [f for f in ctx.facts_between(t0, m.end()) if f.char_start == t0]
    inputs = [f for f in ctx.table_facts if f.table_id == table.table_id
              and f.quote.split("｜")[1:3] in ([n, header] for n in names)]
    note = {"inconsistent": "a named row is on the other side", "unverifiable": "a named cell rounds to the threshold"}
    return Check(check_id=stable_id("c", document.doc_id, "row_threshold", table.table_id, m.start()),
                 kind="set_claim", doc_id=document.doc_id, passage_id=stated[0].passage_id if stated else "",
                 quote=ctx.text[ctx.sentence_of(m.start())[0]:m.end()].strip(),
                 stated_fact_id=stated[0].fact_id if stated else "", stated_value=threshold, formula=formula,
                 inputs=[f.fact_id for f in inputs], verdict=verdict, where="table",
                 explanation=(f"{formula} (the rows named before {header}, in {table.table_id})"
                              f"{' (' + note[verdict] + ')' if verdict in note else ''}: {verdict}."))


def row_threshold_checks(document: Document, ctx: Context, tables: list[Table]) -> list[Check]:
    """Every threshold claim about named rows of the document's tables."""
    return [c for t in tables for c in _table_claims(document, ctx, t)]
