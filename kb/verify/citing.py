"""How kb verify reads and cites a figure: its rounding interval, the figure as stated
(qualifiers in place), its citation (fact id and place) and the rounding rules that applied.
"""

from __future__ import annotations

from kb.models import Fact, Passage
from kb.text.vocab import words
from kb.verify import recompute as rc

_QUALIFIER_SUFFIXES = words("checks", "qualifier_suffixes")


# units of discrete things: a whole number of them written in full is exact (8个省份, 139户)
_DISCRETE = ("count", "person")


def interval(f: Fact) -> rc.Interval:
    """The interval the stated figure stands for, in its own unit as written; a count of
    discrete things written in full, with no qualifier (8个省份, 139户), is exact."""
    text = f.value_text or rc.fmt(f.value, 10)
    if f.unit_normalized in _DISCRETE and f.scale == 1 and not f.qualifier and text.isdigit():
        return rc.exact(f.value)
    return rc.stated_interval(text, f.qualifier, value=f.value)


def scaled(i: rc.Interval, k: float) -> rc.Interval:
    """The interval times ``k``."""
    return rc.Interval(i.value * k, i.low * k, i.high * k)


def common_scale(facts: list[Fact]) -> float:
    """Inputs in one scale (the first's) so formulas show the figures as stated."""
    return facts[0].scale if facts and facts[0].scale else 1.0


def stated_text(f: Fact) -> str:
    """The figure as stated, qualifiers in place: 近1倍, 2倍有余, 约185%左右; a figure in words
    (超过三成, 一半) as written."""
    if f.figure_text and f.value_text and f.value_text not in f.figure_text:
        return f.figure_text
    q = f.qualifier
    post = next((x for x in _QUALIFIER_SUFFIXES if q.endswith(x)), "")
    pre = q[: len(q) - len(post)] if post else q
    number = f.value_text or rc.fmt(f.value)
    if post and f.figure_text and f"{number}{post}{f.unit}" in f.figure_text:
        return f"{pre}{number}{post}{f.unit}"     # 2340余家: the suffix before the counting word
    return f"{pre}{number}{f.unit}{post}"


def where(f: Fact) -> str:
    """A figure with its citation: 340.53亿元 [f…, chars 10–17] or [f…, 表3 京津冀 总量 2014]."""
    if f.source_kind == "table":
        place = " ".join(x for x in (f.table_id, f.subject, f.indicator, str(f.year or "")) if x)
        return f"{stated_text(f)} [{f.fact_id}, {place}]"
    return f"{stated_text(f)} [{f.fact_id}, chars {f.char_start}–{f.char_end}]"


def rounding_rules(facts: list[Fact]) -> list[str]:
    """The rounding rules that applied: one per qualified figure (约 ±5 %, 近X ∈ [0.9X, X] …)."""
    notes = []
    for f in facts:
        note = rc.rule_note(f.value_text or rc.fmt(f.value, 10), f.qualifier, stated_text(f))
        if note and note not in notes:
            notes.append(note)
    return notes


def passage_span_at(passages: list[Passage], pos: int) -> tuple[int, int] | None:
    """(start, end) of the passage holding ``pos``, or None."""
    for p in passages:
        if p.start <= pos < p.end:
            return p.start, p.end
    return None
