"""A share's change against the previous year, recomputed from a table's previous-year column.

常住人口城镇化率为75.70%，比上年末提高0.61个百分点 with 表1 giving 城镇 and 全市常住人口 for 2024年末 and
2023年末: this year's share is checked already (725.48 / 958.36 = 75.70 %, consistent), so its part and
whole are known; the table row that states each of them for this year states it for the year before
too (713.20, 949.82), and the change is (725.48 / 958.36 − 713.20 / 949.82) × 100 = 0.61 points.

The change is read as the share's when it names the same indicator (常住人口城镇化率; 0—14岁人口比重 of
0—14岁人口's share) for the same subject and year, in a sentence that compares with the previous year
(比上年末, 与上年末相比). The part and whole are found in the table by their value, so the relation is
judged for agreement only (a figure that does not agree is unverifiable), and only in the direction
the text states (提高 a rise, 下降 a fall).
"""

from __future__ import annotations

from kb.models import Check, Fact
from kb.text.vocab import regex, words
from kb.verify.relations import Context, Relation

_PREVIOUS_YEAR = regex("relations", "previous_year_comparison")
_SHARE_WORDS = words("relations", "share_change_names")
DOUBT = "the previous year's part and whole were found in a table by this year's values"


def _names_share(change: Fact, share: Fact) -> bool:
    """0—14岁人口比重 names the share of 0—14岁人口; 常住人口城镇化率 names itself."""
    return change.indicator in [share.indicator] + [share.indicator + w for w in _SHARE_WORDS]


def _compares_with_last_year(ctx: Context, change: Fact) -> bool:
    s0, _ = ctx.sentence_of(change.char_start)
    return bool(_PREVIOUS_YEAR.search(ctx.text, s0, change.char_start))


def _previous(ctx: Context, level: Fact) -> tuple[Fact, Fact] | None:
    """(this year's, last year's) cells of the one table row that states ``level`` for its year."""
    rows = [t for t in ctx.table_facts if t.value_normalized == level.value_normalized
            and t.unit_normalized == level.unit_normalized and t.year == level.year and t.year is not None]
    if len(rows) != 1:
        return None
    now = rows[0]
    before = [t for t in ctx.table_facts if t.table_id == now.table_id and t.indicator == now.indicator
              and t.subject == now.subject and t.year == now.year - 1 and t.unit_normalized == now.unit_normalized]
    return (now, before[0]) if len(before) == 1 else None


def _rose(now: tuple[Fact, Fact], before: tuple[Fact, Fact]) -> bool:
    return now[0].value_normalized * before[1].value_normalized > before[0].value_normalized * now[1].value_normalized


def share_change_relations(ctx: Context, checks: list[Check], facts: dict[str, Fact]) -> list[Relation]:
    """The changes of a share against the previous year that a table lets kb recompute."""
    shares = [c for c in checks if c.kind == "share" and c.verdict == "consistent" and len(c.inputs) == 2
              and c.stated_fact_id in facts and all(i in facts for i in c.inputs)]
    out = []
    for change in ctx.text_facts:
        if change.unit_normalized != "pp" or change.direction not in ("up", "down") \
                or not _compares_with_last_year(ctx, change):
            continue
        for c in shares:
            share = facts[c.stated_fact_id]
            if not (_names_share(change, share) and share.subject == change.subject and share.year == change.year):
                continue
            part, whole = (facts[i] for i in c.inputs)
            found = [_previous(ctx, part), _previous(ctx, whole)]
            if None in found:
                continue
            now, before = (part, whole), (found[0][1], found[1][1])
            if _rose(now, before) != (change.direction == "up"):
                continue
            out.append(Relation("difference", change, inputs=[part, whole, *before], mode="share_change",
                                where="table", doubt=DOUBT, rule="share_change"))
            break
    return out
