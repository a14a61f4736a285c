"""A place's stated rank among the places of a table (阜阳市粮食总产量566.8万吨，居全省第1位; 历城区
常住人口150.27万人，居全市各区县首位; 宿州市、亳州市分列第2位、第3位): the row's place in the order of
the column the rank orders.

The rank is a text figure of a place that orders levels (``rank_orders`` of the words before it is
"level": not 增速居全省首位); not a top N (前十) nor an end of a range of ranks (第三至第五位). It is
within a field the table can hold: the document's own subdivisions (全省, 全市各区县), counted places
as many as the table's rows (五城, 四县一市), or a region whose members they are (长三角); never a
wider field (全国, 世界) than a table of fewer than 30 places; with no field named, only when the
sentence counts the places. The table's member rows (total rows and 市区 / 其他 aside; a row of a
county kb does not know stays a member) are at least three, two in three of them known places, one
of them the rank's place. Its column is the one whose cell equals the level the sentence states for
the place (before the rank, or after it: 分列第2位、第3位，产量分别为…), else the one whose header
shares the rank's indicator. Rank = 1 + the rows surely above .. 1 + the rows that may be above
(each cell ± half a unit of its last digit).

Verdicts: consistent when the stated rank lies in that range. Inconsistent only when the pairing is
sure and the table surely holds every peer: the sentence states the place's level and the cell
equals it, and the rows are every prefecture-level city of one province (the gazetteer's list); else
a disagreement is unverifiable (the table may leave peers out, or the text rank another measure).
"""

from __future__ import annotations

import re
from collections import defaultdict

from kb.figures.identity import rank_orders
from kb.models import Check, Document, Fact, stable_id
from kb.text.gazetteer import canonical, cities_of, find_places, is_place, members, place_level, province_of
from kb.text.numerals import count_value
from kb.text.vocab import regex, words
from kb.verify.citing import interval, scaled, stated_text, where
from kb.verify.relations.ground import Context, is_level, same_unit, same_value
from kb.verify.relations.labels import bare_label, bigram_cover, row_first_word, row_words, strip_measure

_MIN_ROWS = 3
_HEADER_MATCH = 0.5
_WIDE_ROWS = 30          # a table of at least this many places may rank within a nation
_SCOPE_OWN = words("relations", "rank_scope_own")
_SCOPE_WIDE = words("relations", "rank_scope_wide")
_NON_MEMBERS = _SCOPE_OWN + _SCOPE_WIDE + words("relations", "rank_non_members")
_SCOPE_COUNT = regex("relations", "rank_scope_count")
_TOP_N = re.compile(r"前")
# 分列第三至第五位: a range of ranks over a list, whose members kb does not pair one by one
_RANGE_AFTER = re.compile(r"\s*(?:至|到|—|–|-|~|～)\s*第")
_RANGE_BEFORE = re.compile(r"第[^，。；,;]{1,4}(?:至|到|—|–|-|~|～)\s*$")


def place_rank_checks(document: Document, ctx: Context) -> list[Check]:
    """A check for each rank of a place that a table of places orders."""
    columns = _place_columns(ctx.table_facts)
    if not columns:
        return []
    out = []
    for rank in ctx.text_facts:
        if rank.unit_normalized != "rank" or not rank.value.is_integer() or not is_place(rank.subject_key or "") \
                or _TOP_N.match(ctx.text, rank.char_start) or _in_range(ctx.text, rank):
            continue
        s0, s1 = ctx.sentence_of(rank.char_start)
        if rank_orders(ctx.text[s0:rank.char_start]) != "level":
            continue
        level = _stated_level(ctx, rank, s0, s1)
        found = _column_of(columns, rank, level)
        if found is not None and _field_fits(ctx.text[s0:rank.char_start], found[0]):
            out.append(_check(document, rank, level, *found))
    return out


def _in_range(text: str, rank: Fact) -> bool:
    """第三至第五位: the rank is an end of a range of ranks."""
    return bool(_RANGE_AFTER.match(text, rank.char_end) or _RANGE_BEFORE.search(text, 0, rank.char_start))


def _place_columns(table_facts: list[Fact]) -> dict[tuple[str, str], list[Fact]]:
    """(table, header) → its cells in member rows (total rows left out), for columns of at least
    three rows of which at least two in three name a known place (a row of a county kb does not
    know stays a member: leaving it out could raise a place's rank)."""
    cells: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in table_facts:
        if f.value_normalized is not None and row_member(f):
            cells[(f.table_id or "", f.quote.split("｜")[-1])].append(f)
    return {k: v for k, v in cells.items() if len({row_member(f) for f in v}) >= _MIN_ROWS
            and 3 * sum(is_place(row_member(f)) for f in v) >= 2 * len(v)}


def row_member(f: Fact) -> str:
    """The member a table cell's row names: its label's first word (row_first_word), canonical when
    it is a place; "" for a total row (合计, 全省, 全国), a row that is no peer (市区, 其他) or no label.
    The label as written, not the subject the cell was linked to."""
    label = row_first_word(f)
    if not label or row_words(label)[1] or label in _NON_MEMBERS:
        return ""
    return canonical(label) if is_place(label) else label


def _stated_level(ctx: Context, rank: Fact, s0: int, s1: int) -> Fact | None:
    """The level the rank's sentence states for its place: the nearest before the rank, else the
    first after it (分列第2位、第3位，产量分别为498.5万吨和482.6万吨)."""
    own = [f for f in ctx.facts_between(s0, s1) if f is not rank and f.subject_key == rank.subject_key
           and is_level(f) and f.unit_normalized != "rank"]
    before = [f for f in own if f.char_end <= rank.char_start]
    after = [f for f in own if f.char_start >= rank.char_end]
    return before[-1] if before else (after[0] if after else None)


def _column_of(columns: dict[tuple[str, str], list[Fact]], rank: Fact,
               level: Fact | None) -> tuple[list[Fact], Fact, bool] | None:
    """(the column's cells, the place's cell, whether the text's level equals it): the column whose
    cell equals the stated level, else the one header that shares the rank's indicator."""
    key = canonical(rank.subject_key or "")
    candidates = []
    for (_, header), cells in columns.items():
        mine = [c for c in cells if row_member(c) == key]
        if len(mine) != 1:
            continue
        if level is not None and same_unit(level, mine[0]) and same_value(level, mine[0]):
            candidates.append((cells, mine[0], True))
        elif level is None and bigram_cover(strip_measure(bare_label(header)), rank.indicator or "") >= _HEADER_MATCH:
            candidates.append((cells, mine[0], False))
    return candidates[0] if len(candidates) == 1 else None


def _field_fits(before: str, cells: list[Fact]) -> bool:
    """Whether the field the rank is within (the last field word before it in its sentence) may be
    the table's place rows."""
    rows = {row_member(c) for c in cells}
    clause = re.split(r"[，。；,;]", before)[-1]
    for text in (clause, before):
        own = max((text.rfind(w) for w in _SCOPE_OWN), default=-1)
        wide = max((text.rfind(w) for w in _SCOPE_WIDE), default=-1)
        counted = list(_SCOPE_COUNT.finditer(text))
        named = [n for n in (canonical(p[0]) for p in find_places(text)) if members(n)]
        last = max([own, wide] + [m.start() for m in counted[-1:]] + [text.rfind(n) for n in named[-1:]])
        if last < 0:
            continue
        if last == wide:
            return len(rows) >= _WIDE_ROWS
        if last == own:
            return True
        if counted and last == counted[-1].start():
            return _count_of(text, counted) == len(rows)
        return {canonical(m) for m in members(named[-1])} == rows
    return False


def _count_of(text: str, counted: list[re.Match]) -> int:
    """四县一市 → 5: the counts written one after another at the end of the run."""
    total, end = 0, None
    for m in reversed(counted):
        if end is not None and m.end() != end:
            break
        total += count_value(re.match(r"\d+|[一二三四五六七八九十两]+", m.group()).group())
        end = m.start()
    return total


def _complete(cells: list[Fact]) -> bool:
    """The rows are every prefecture-level city of one province."""
    names = {row_member(c) for c in cells}
    provinces = {province_of(n) for n in names}
    if len(provinces) != 1 or not all(place_level(n) == "city" for n in names):
        return False
    return names == set(cities_of(provinces.pop()))


def _check(document: Document, rank: Fact, level: Fact | None, cells: list[Fact], mine: Fact, paired: bool) -> Check:
    me = scaled(interval(mine), mine.scale)
    others = [scaled(interval(c), c.scale) for c in cells if c is not mine]
    surely = sum(o.low > me.high for o in others)
    maybe = sum(o.high >= me.low for o in others)
    agrees = 1 + surely <= rank.value <= 1 + maybe
    verdict = "consistent" if agrees else ("inconsistent" if paired and _complete(cells) else "unverifiable")
    column = mine.quote.split("｜")[-1]
    table = re.sub(r"｜.*", "", mine.quote)
    formula = f"1 + #{{rows of {table} above {row_member(mine)} {stated_text(mine)}}} = {1 + surely}"
    if maybe != surely:
        formula += f"…{1 + maybe}"
    note = "" if agrees or verdict == "inconsistent" else (
        "; the table may not hold every peer, or the text may rank by another measure" if paired else
        "; the text states no level of the place to pair the table's column with")
    return Check(check_id=stable_id("c", document.doc_id, rank.fact_id, "rank", mine.fact_id),
                 kind="rank", doc_id=document.doc_id, passage_id=rank.passage_id, quote=rank.quote,
                 stated_fact_id=rank.fact_id, stated_value=rank.value, formula=formula,
                 inputs=[c.fact_id for c in cells], recomputed_value=float(1 + surely),
                 tolerance=float(maybe - surely), verdict=verdict, where="table",
                 explanation=(f"{formula} among the {len(cells)} place rows of {column} "
                              f"({where(mine)}{', the level the text states' if paired else ''}), stated "
                              f"第{int(rank.value)}位{note}: {verdict}."))
