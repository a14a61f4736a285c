"""Text ↔ table by row label and year: the table cell a text's subject and indicator name
(table_cell), a row's cells of two years (table_year_pair: 比上年增长X%, 是2015年的X倍), a
text balance matched to a table row with its 较年初增加 cell, and last year's level of a
change (比上年增加D).
"""

from __future__ import annotations

import re
from typing import Callable

from kb.figures.identity import vocabulary_key
from kb.models import Fact
from kb.text.gazetteer import is_place
from kb.text.vocab import regex
from kb.verify.relations.ground import (RATE_LEAD, YEAR, Context, is_level, is_named_previous_year, is_prior_level,
                                        paragraph_bounds, period_of, same_unit, same_value)
from kb.verify.relations.labels import LABEL_MATCH, bare_label, bigram_cover, cell_label
from kb.verify.relations.table_rows import row_of

_SINCE_YEAR_START = regex("relations", "since_year_start")
_SUBSET_LEAD = regex("relations", "subset_lead")
_MODIFIERS = regex("relations", "measure_modifiers")
_CHANGE_VS_LAST = regex("relations", "change_vs_last")


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def match_whole_label(cells: list[Fact], subject: str, indicator: str, clause: str) -> list[tuple[float, Fact]]:
    """The cell's label (subject and indicator) and the text's label cover each other's bigrams."""
    want = _flat(f"{subject}{indicator}")
    scored = []
    for f in cells:
        label = cell_label(f)
        score = min(bigram_cover(label, want), bigram_cover(_flat(indicator), label))
        if score >= LABEL_MATCH:
            scored.append((score, f))
    return scored


def match_label_in_clause(cells: list[Fact], subject: str, indicator: str, clause: str) -> list[tuple[float, Fact]]:
    """The text shortens the row label (规模以上工业企业实现利润总额 → 利润总额): the label is then
    spelled out in the figure's clause, and the indicator is part of the label; a 全国 subject
    column of a national table is not written out."""
    if not clause:
        return []
    flat, ind = _flat(clause), _flat(indicator)
    scored = []
    for f in cells:
        if f.subject and subject != f.subject and f.subject not in flat and (subject or not is_place(f.subject)):
            continue   # another place's row, or a row of another kind (小学 when the text names 初中)
        label = bare_label(f.indicator)
        if bigram_cover(ind, label) == 1.0 and bigram_cover(label, flat) >= LABEL_MATCH:
            # a label written out whole in the clause beats one whose pairs it only scatters (…扣除非经常性
            # 损益的净利润 holds every pair of 归属于上市公司股东的净利润, not that label)
            scored.append((bigram_cover(label, flat) + (_WHOLE_BONUS if label in flat else 0.0), f))
    return scored


_WHOLE_BONUS = 0.5


def match_without_modifiers(cells: list[Fact], subject: str, indicator: str,
                            clause: str) -> list[tuple[float, Fact]]:
    """粮食总产量 / 全年粮食产量 vs a 粮食产量 row: 总, 总量 and 全年 only qualify the measure."""
    bare = _MODIFIERS.sub("", _flat(f"{subject}{indicator}"))
    return [(1.0, f) for f in cells if len(label := _MODIFIERS.sub("", cell_label(f))) >= 2 and label == bare]


def match_counted_row(cells: list[Fact], subject: str, indicator: str, clause: str) -> list[tuple[float, Fact]]:
    """全省共有幼儿园13250所 vs a 幼儿园 row under 学校数（所）: a count whose name is the row's label, in the
    count column of the row (a table of kinds of school lists each kind's number in one column)."""
    ind = _flat(indicator)
    return [(1.0, f) for f in cells if f.unit_normalized == "count" and len(ind) >= 2 and bare_label(f.subject) == ind]


def match_indicator_key(cells: list[Fact], subject: str, indicator: str, clause: str) -> list[tuple[float, Fact]]:
    """广东地区生产总值 vs a 广东 row under a GDP column: the text's subject's row, the column's indicator
    one of kb's vocabulary under another name (its key)."""
    key = vocabulary_key(indicator)
    return [(1.0, f) for f in cells if subject and f.subject == subject and key
            and vocabulary_key(f.indicator) == key]


CellMatch = Callable[[list[Fact], str, str, str], list[tuple[float, Fact]]]
# how a text's label may name a table cell, tried in order: the first that scores any cell decides
CELL_MATCHES: tuple[CellMatch, ...] = (match_whole_label, match_label_in_clause, match_without_modifiers,
                                       match_counted_row, match_indicator_key)


def table_cell(ctx: Context, subject: str, indicator: str, year: int, unit: str = "",
               table_id: str = "", clause: str = "") -> Fact | None:
    """The table level cell of ``subject`` + ``indicator`` in ``year`` (of ``unit`` and table
    ``table_id`` when given), by the first of CELL_MATCHES that scores any cell; None when no
    cell or two cells match equally well (never guess)."""
    if not indicator or year is None:
        return None
    cells = [f for f in ctx.table_facts if f.year == year and is_level(f)
             and (not unit or f.unit_normalized == unit) and (not table_id or f.table_id == table_id)]
    for match in CELL_MATCHES:
        scored = match(cells, subject, indicator, clause)
        if scored:
            top = max(s for s, _ in scored)
            best = [f for s, f in scored if s == top]
            return best[0] if len({(f.table_id, f.value_normalized) for f in best}) == 1 else None
    return None


def table_year_pair(ctx: Context, stated: Fact, years: tuple[int, int], unit: str = "",
                    clause: str = "") -> tuple[Fact, Fact] | None:
    """(first-year cell, last-year cell) of the stated figure's row in one table."""
    y0, y1 = years
    b = table_cell(ctx, stated.subject, stated.indicator, y1, unit, clause=clause)
    if b is None:
        return None
    a = table_cell(ctx, stated.subject, stated.indicator, y0, b.unit_normalized, b.table_id, clause=clause)
    return (a, b) if a is not None and cell_label(a) == cell_label(b) else None


def growth_years(stated: Fact, sentence_text: str) -> tuple[int, int] | None:
    """The years a growth compares: its period, or (year − 1, year) for a one-year growth."""
    period = period_of(stated, sentence_text)
    if period:
        return period
    return (stated.year - 1, stated.year) if stated.year else None


def ratio_years(stated: Fact, clause: str, referent: str) -> tuple[int, int] | None:
    """是2015年的X倍: (the referent year, the other year of the clause or of the fact)."""
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*年?\s*", referent)
    if not m:
        return None
    base = int(m.group(1))
    others = [int(y) for y in YEAR.findall(clause) if int(y) != base]
    others += [y for y in (stated.period_end, stated.year) if y and y != base]
    return (base, others[0]) if others else None


def table_ratio_pair(ctx: Context, stated: Fact, clause: str, referent: str) -> tuple[Fact, Fact] | None:
    """是2015年的X倍: one row, two year columns; 是重庆的X倍: two rows (the referent's and the
    subject's) of the same indicator in the clause's year."""
    if not referent or not stated.indicator:
        return None
    years = ratio_years(stated, clause, referent)
    if years is not None:
        return table_year_pair(ctx, stated, years)
    # the clause's own year, not a referent year (是2015年的X倍)
    named = [int(m.group(1)) for m in YEAR.finditer(clause) if not clause[m.end():].startswith("的")]
    year = named[-1] if named else (stated.period_end or stated.year)
    if not year or not stated.subject or referent in stated.subject:
        return None
    b = table_cell(ctx, stated.subject, stated.indicator, year)
    a = table_cell(ctx, referent, stated.indicator, year, b.unit_normalized if b else "", b.table_id if b else "")
    return (a, b) if a is not None and b is not None and a is not b and cell_label(a) != cell_label(b) else None


def _rated_balance(ctx: Context, stated: Fact, s0: int) -> Fact | None:
    """The balance B of a text '余额B，同比增长X%': the level right before the rate."""
    if stated.unit_normalized != "%" or not ctx.table_facts:
        return None
    before = [f for f in ctx.facts_between(s0, stated.char_start) if f is not stated]
    if not before or not is_level(before[-1]):
        return None
    b = before[-1]
    lead = ctx.text[b.char_end:stated.char_start]
    if len(lead) > 10 or not RATE_LEAD.search(lead) or "余额" not in b.indicator + ctx.text[s0:b.char_start]:
        return None
    return b


def _balance_row(ctx: Context, f: Fact, b: Fact) -> tuple[Fact, Fact] | None:
    """(f, its row's 较年初增加 cell) when the table cell f is the text's balance B (same value
    and unit, row label covered by B's indicator) and its row has exactly one such change."""
    if not is_level(f) or f.year != b.year or not same_unit(f, b) or not same_value(f, b):
        return None
    row_name = row_of(f)
    name = _SUBSET_LEAD.sub("", (row_name[0] if row_name else f.indicator.split("/")[0]).strip())
    if len(name) < 2 or bigram_cover(name, _flat(b.indicator)) < LABEL_MATCH:
        return None
    changes = [c for c in ctx.table_facts if c.table_id == f.table_id and c.claim_type == "change"
               and c.year == f.year and row_of(c) == row_name
               and _SINCE_YEAR_START.search(c.indicator) and same_unit(c, f)]
    return (f, changes[0]) if len(changes) == 1 else None


def table_balance_change(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(table B, table D) for a text 'B，同比增长X%' whose balance B is a table's 年末余额 cell (same
    value, same unit, label covered) with a 较年初增加 cell in its row; exactly one such row."""
    b = _rated_balance(ctx, stated, s0)
    if b is None:
        return None
    found = [pair for f in ctx.table_facts if (pair := _balance_row(ctx, f, b)) is not None]
    return found[0] if len(found) == 1 else None


def _amount_change(change: Fact) -> bool:
    """A change of an amount (比上年增加23.4万亩), not of a rate (提高0.5个百分点)."""
    return change.claim_type == "change" and change.unit_normalized not in ("%", "pp", "‰", "times")


_CONVERSION_AFTER = re.compile(r"\s*[（(][^（）()，。；]{1,30}[）)]")


def _past_conversion(ctx: Context, before: list[Fact]) -> list[Fact]:
    """The figures before a change less the last one when that one is the bracketed conversion of
    the figure before it (10995.6万亩（7330.4千公顷）): the change is of the figure it converts."""
    if len(before) < 2:
        return before
    m = _CONVERSION_AFTER.match(ctx.text, before[-2].char_end)
    return before[:-1] if m and m.end() >= before[-1].char_end else before


def _level_before_change(ctx: Context, change: Fact, s0: int) -> Fact | None:
    """B of 'B，比上年增加/减少D': the same-unit level right before the change, with a year and
    an indicator."""
    if not _amount_change(change):
        return None
    before = ctx.facts_between(s0, change.char_start)
    if before and not same_unit(before[-1], change):
        before = _past_conversion(ctx, before)   # 10995.6万亩（7330.4千公顷），比上年增加23.4万亩
    if not before or not is_level(before[-1]) or not same_unit(before[-1], change):
        return None
    b = before[-1]
    bracket = _CONVERSION_AFTER.match(ctx.text, b.char_end, change.char_start)
    gap = ctx.text[bracket.end() if bracket else b.char_end:change.char_start]
    if len(gap) > 16 or re.search(r"[；;。]", gap) or not _CHANGE_VS_LAST.search(gap):
        return None
    return b if b.year is not None and b.indicator else None


_COMPARED_LAST_LEVEL = regex("relations", "compared_last_level")
_CHANGE_VERB_ONLY = regex("relations", "change_verb_only")


def compared_levels(ctx: Context, change: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(A, B) for 'B，比上年的A增加D': this year's level B, then last year's A inside the comparison
    (比上年的 / 较上年末的 right before it), and the change D right after A with only its verb between."""
    if not _amount_change(change):
        return None
    before = ctx.facts_between(s0, change.char_start)
    if len(before) < 2:
        return None
    a = before[-1]
    # B: the level before A, with at most B's own rate between (…2186.4亿元，同比增长6.8%，较2023年的A增加D)
    b = before[-2] if is_level(before[-2]) or len(before) < 3 else before[-3]
    if not (is_level(a) and is_level(b) and same_unit(a, change) and same_unit(b, change)):
        return None
    gap = ctx.text[b.char_end:a.char_start]
    if re.search(r"[；;。]", gap) or len(gap) > (12 if b is before[-2] else 24):
        return None
    compared = _COMPARED_LAST_LEVEL.search(gap) or is_named_previous_year(ctx, a, b.year)
    if compared and _CHANGE_VERB_ONLY.match(ctx.text[a.char_end:change.char_start]):
        return a, b
    return (a, b) if b is before[-2] and _restated_prior(ctx, a, b, change) else None


def _restated_prior(ctx: Context, a: Fact, b: Fact, change: Fact) -> bool:
    """'B，上年为A，比上年增加D': A is stated as the previous period's level in a clause of its own
    right after B, and D compares with that period (比上年, 较上年同期) with nothing else between."""
    tail = ctx.text[a.char_end:change.char_start]
    return (is_prior_level(ctx, a) and b.indicator == a.indicator and b.subject == a.subject
            and len(tail) <= 12 and not re.search(r"[；;。]", tail) and bool(_CHANGE_VS_LAST.search(tail)))


def row_contexts(ctx: Context, f: Fact, s0: int) -> list[str]:
    """The words that may name a text figure's table row, nearest first: its clause, its sentence up
    to it, its paragraph up to it (**（一）小学。**全省共有小学6820所。招生…；在校生452.36万人: the row is
    named in the paragraph's heading). A cell is taken only when one row matches and its value is the
    text's."""
    lead = ctx.text[s0:f.char_start]
    return list(dict.fromkeys((re.split(r"[，。；,;]", lead)[-1], lead, paragraph_lead(ctx, f))))


def paragraph_lead(ctx: Context, f: Fact) -> str:
    """The figure's paragraph up to it."""
    return ctx.text[paragraph_bounds(ctx, f.char_start)[0]:f.char_start]


def _table_change_pair(ctx: Context, change: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(A, B) for 广东前三季度GDP比上年同期增加4414.90亿元 with no level in its sentence: the cells of the
    change's row for its year and the year before, in one table, named alike."""
    clause = re.split(r"[，。；,;]", ctx.text[s0:change.char_start])[-1]
    if not _amount_change(change) or change.year is None or not _CHANGE_VS_LAST.search(clause):
        return None
    return next((pair for words_ in row_contexts(ctx, change, s0)
                 if (pair := table_year_pair(ctx, change, (change.year - 1, change.year), change.unit_normalized,
                                             clause=words_))), None)


def change_base(ctx: Context, change: Fact) -> tuple[Fact, Fact] | None:
    """(last year's level A, this year's level B) for 'B，比上年增加/减少D': B right before D in its
    sentence; A the same indicator's level a year earlier, stated earlier in the text or in a
    table of the document (whose cell for B's year must agree with B)."""
    s0, _ = ctx.sentence_of(change.char_start)
    compared = compared_levels(ctx, change, s0)
    if compared is not None:
        return compared
    b = _level_before_change(ctx, change, s0)
    if b is None:
        return _table_change_pair(ctx, change, s0)
    texts = [f for f in ctx.facts_before(s0) if is_level(f) and same_unit(f, b)
             and f.indicator == b.indicator and f.subject == b.subject and f.year == b.year - 1]
    if len({f.value_normalized for f in texts}) == 1:
        return texts[-1], b
    for clause in row_contexts(ctx, b, s0):
        pair = table_year_pair(ctx, b, (b.year - 1, b.year), b.unit_normalized, clause=clause)
        if pair is not None and same_value(pair[1], b):
            return pair[0], b
    return None
