"""Set claims over table rows (均超平均水平): the growth of each row over a period
and the members of an average.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.models import Fact
from kb.text.vocab import regex
from kb.verify.relations.ground import PERIOD, Context, period_of
from kb.verify.relations.labels import find_name, indicator_cover, label_tokens, row_words

# --- claims about a set of table rows (均超平均水平, 平均增长X倍) ------------------

_SET_ABOVE = regex("relations", "set_above")
_THE_REST = regex("relations", "the_rest")


@dataclass
class RowGrowth:
    """One table row's values at the period's first and last year."""

    name: str
    group: str
    first: Fact
    last: Fact

    @property
    def ratio(self) -> float:
        return self.last.value_normalized / self.first.value_normalized


def _group_of(f: Fact) -> str:
    """The side-by-side group of a table cell, from its quote (caption｜group row｜column)."""
    parts = f.quote.split("｜")
    label = parts[1] if len(parts) >= 3 else ""
    return label.replace(f.subject, "").strip()


def row_growths(ctx: Context, sent: str, y0: int, y1: int) -> list[RowGrowth]:
    """Rows of the table whose column the sentence names, with both years' cells."""
    cells: dict[tuple, dict[int, Fact]] = {}
    for f in ctx.table_facts:
        if f.year in (y0, y1) and f.value_normalized > 0:
            cells.setdefault((f.table_id, f.subject, "/".join(label_tokens(f.indicator))), {})[f.year] = f
    out = []
    for key, by_year in cells.items():
        if y0 in by_year and y1 in by_year and indicator_cover(key + (None,), sent) >= 0.6:
            if row_words(key[1])[1]:
                continue  # 总量/均值 rows are statistics, not members
            out.append(RowGrowth(key[1], _group_of(by_year[y0]), by_year[y0], by_year[y1]))
    tables = {r.first.table_id for r in out}
    return out if len(tables) == 1 else []


def set_claims(ctx: Context) -> list[tuple[int, int, list[RowGrowth], list[RowGrowth]]]:
    """(start, end, named members, all rows of their group) for each 'X、Y均超平均水平' over a table."""
    found = []
    for m in _SET_ABOVE.finditer(ctx.text):
        s0, s1 = ctx.sentence_of(m.start())
        sent = ctx.text[s0:s1]
        period = PERIOD.search(sent) or PERIOD.search(ctx.text[max(0, s0 - 600):s0])
        if not period:
            continue
        rows = row_growths(ctx, ctx.text[s0:m.start()], int(period.group(1)), int(period.group(2)))
        clause = re.split(r"[；;]", ctx.text[s0:m.start()])[-1]
        named = [r for r in rows if r.name in clause]
        if len(named) < 2:
            continue
        groups = {r.group for r in named}
        members = [r for r in rows if r.group in groups]
        found.append((m.start(), m.end(), named, members))
    return found


def average_members(ctx: Context, stated: Fact, passage_start: int) -> list[RowGrowth]:
    """Rows a '平均增长X倍' is averaged over: the group named in the sentence, minus the
    rows already discussed before it when the sentence says 腹地/其余/其他 (the rest)."""
    s0, _ = ctx.sentence_of(stated.char_start)
    sent = ctx.text[s0:stated.char_start]
    period = period_of(stated, sent) or period_of(stated, ctx.text[passage_start:stated.char_start])
    if period is None:
        return []
    rows = row_growths(ctx, ctx.text[passage_start:stated.char_start], *period)
    clause = re.split(r"[；;]", sent)[-1]
    groups = {r.group for r in rows if r.group and find_name(r.group, clause) >= 0}
    if len(groups) != 1:
        return []
    members = [r for r in rows if r.group in groups]
    if _THE_REST.search(clause):  # the rest: drop rows discussed before this clause
        earlier = ctx.text[passage_start:stated.char_start - len(clause)]
        members = [r for r in members if r.name not in earlier]
    return members if len(members) >= 2 else []
