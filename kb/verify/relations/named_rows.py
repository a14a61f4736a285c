"""A total over table rows the text names (历下、市中、槐荫、天桥、历城、长清六区常住人口合计583.69万人):
the sum of the named rows' cells.

The figure's clause lists two or more names (joined by 、/和/及/与), counts them right after the list
(六区, 三市, 4个县: as many as it names), then writes a total word (合计, 共计, 总计) before the
figure. Each name begins exactly one row label of one table (历下 → 历下区; never a total row); the
cells are those rows' in the one column of the figure's unit whose header names the figure's
indicator (常住人口（万人）), of the figure's year when the table has several such columns. The
names and rows are matched as written, so a sum that does not agree is inconsistent; anything
less than one table, one column and one row per name is no check.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kb.models import Fact
from kb.text.numerals import count_value
from kb.text.vocab import regex, words
from kb.verify.relations.ground import Context, is_level, same_unit
from kb.verify.relations.labels import bare_label, bigram_cover, row_first_word, row_words

_COUNTED_LIST = regex("relations", "counted_name_list")
_TOTAL = re.compile("|".join(words("linking", "total_words")))
_HEADER_MATCH = 0.6


def named_rows_total(ctx: Context, stated: Fact) -> list[Fact] | None:
    """The cells of the rows the total's clause names, in the order named, or None."""
    if not is_level(stated) or not ctx.table_facts:
        return None
    s0, _ = ctx.sentence_of(stated.char_start)
    clause = re.split(r"[，。；,;：:]", ctx.text[s0:stated.char_start])[-1]
    total = list(_TOTAL.finditer(clause))
    if not total:
        return None
    found = [m for m in _COUNTED_LIST.finditer(clause, 0, total[-1].start())]
    if not found:
        return None
    names = [n for n in re.split(r"[、和及与]", found[-1].group("names")) if n]
    if len(names) < 2 or count_value(found[-1].group("n")) != len(names):
        return None
    measure = clause[found[-1].end():total[-1].start()] or stated.indicator or ""   # 六区常住人口合计: 常住人口
    fits = [cells for cells in (_rows_of(table, names) for table in _columns(ctx, stated, measure).values()) if cells]
    return fits[0] if len(fits) == 1 else None


def _columns(ctx: Context, stated: Fact, measure: str) -> dict[str, list[Fact]]:
    """Per table, the cells of its one column of the figure's unit named like ``measure`` (the words
    between the count and 合计) (of the figure's year, when several are)."""
    by_column: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in ctx.table_facts:
        header = f.quote.split("｜")[-1]
        if is_level(f) and same_unit(f, stated) \
                and bigram_cover(measure, bare_label(header)) >= _HEADER_MATCH:
            by_column[(f.table_id or "", header)].append(f)
    out: dict[str, list[Fact]] = {}
    for table in {t for t, _ in by_column}:
        columns = [cells for (t, _), cells in by_column.items() if t == table]
        if len(columns) > 1:
            columns = [c for c in columns if stated.year is not None and all(f.year == stated.year for f in c)]
        if len(columns) == 1:
            out[table] = columns[0]
    return out


def _rows_of(cells: list[Fact], names: list[str]) -> list[Fact] | None:
    """The one cell whose row label begins with each name (total rows aside), else None."""
    rows = [(row_first_word(f), f) for f in cells]
    rows = [(label, f) for label, f in rows if label and not row_words(label)[1]]
    picked = []
    for name in names:
        match = [f for label, f in rows if label.startswith(name)]
        if len(match) != 1 or match[0] in picked:
            return None
        picked.append(match[0])
    return picked
