"""Exploring the fact table: facets with counts, and bounds written as people write figures.

`FactQuery` selects facts by facet values (several values of one facet
combine with OR, facets with AND), a piece of text and a lower and upper
bound. A bound is read like a figure: "1万亿", "1万亿元", "5%", "2个百分点",
"1e9". A bound with a unit applies only to facts of that unit (5% never
compares with yuan); a bare number with a scale word (1万亿) only to amounts
(money, counts, physical units), never to rates; a plain number to every fact.
`facet_counts` counts, for one facet, the facts that the other selections let
through, as faceted search does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Optional

from kb.errors import KbError
from kb.models import RELATIVE_UNITS, Fact

FACETS = ("subject", "indicator", "year", "measure", "doc", "unit", "claim_type", "source")
RATE_UNITS = RELATIVE_UNITS
_SCALE_ONLY = re.compile(r"^(?:十|百|千|万|十万|百万|千万|亿|十亿|百亿|千亿|万亿)$")


def facet_value(fact: Fact, name: str) -> str:
    """The value of facet ``name`` for a fact ("" when it has none)."""
    if name == "subject":
        return fact.subject_key or fact.subject
    if name == "indicator":
        return fact.indicator_key or fact.indicator
    if name == "year":
        last = (fact.period_end_month or "")[:4]
        return str(fact.year) if fact.year else (last if last.isdigit() else "")
    return {"measure": fact.measure, "doc": fact.doc_id, "unit": fact.unit_normalized,
            "claim_type": fact.claim_type, "source": fact.source_kind}.get(name, "")


@dataclass
class Bound:
    """A lower or upper bound on ``value_normalized``, in one unit or class of units."""

    text: str
    value: float
    unit: str = ""            # unit_normalized the bound is written in ("" = none)
    amounts_only: bool = False

    def applies(self, fact: Fact) -> bool:
        """True when the fact's figure can be compared with the bound at all."""
        if self.unit:
            return fact.unit_normalized == self.unit
        if self.amounts_only:
            return fact.unit_normalized not in RATE_UNITS
        return True


def parse_bound(text: str) -> Optional[Bound]:
    """A bound from what a user types ("1万亿", "5%", "10", "1e12"); None for an empty box;
    a KbError when it is not a figure."""
    text = (text or "").strip().replace("，", "").replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is not None and math.isfinite(value):
        return Bound(text, value)
    from kb.figures import parse_quantity

    q = parse_quantity(text)
    if q is None or q.surface.strip() != text:
        raise KbError(f"{text!r} is not a figure: write a number with its unit, e.g. 1万亿, 1万亿元, 5% or 1e12")
    scale_only = bool(_SCALE_ONLY.match(q.unit or ""))
    unit = "" if scale_only or not q.unit else q.unit_normalized
    return Bound(text, q.value_normalized, unit, amounts_only=scale_only)


@dataclass
class FactQuery:
    """Facet selections, a piece of text and bounds; `matches` says whether a fact passes."""

    selected: dict[str, list[str]] = field(default_factory=dict)
    text: str = ""
    low: Optional[Bound] = None
    high: Optional[Bound] = None

    def matches(self, fact: Fact, skip: str = "") -> bool:
        """All selections but facet ``skip`` (for counting that facet), the text and the bounds."""
        for name, values in self.selected.items():
            if name != skip and values and facet_value(fact, name) not in values:
                return False
        if self.text and not any(self.text in s for s in (fact.quote, fact.subject, fact.indicator,
                                                         fact.figure_text, fact.doc_title)):
            return False
        if self.low is not None and not (self.low.applies(fact) and fact.value_normalized >= self.low.value):
            return False
        if self.high is not None and not (self.high.applies(fact) and fact.value_normalized <= self.high.value):
            return False
        return True

    def apply(self, facts: list[Fact]) -> list[Fact]:
        return [f for f in facts if self.matches(f)]


def facet_counts(facts: list[Fact], query: FactQuery, name: str) -> list[tuple[str, int]]:
    """(value, number of facts) of facet ``name`` over the facts the other selections keep,
    most frequent first; selected values are always listed (with 0 when none is left)."""
    counts: dict[str, int] = {}
    for fact in facts:
        if query.matches(fact, skip=name):
            value = facet_value(fact, name)
            if value:
                counts[value] = counts.get(value, 0) + 1
    for value in query.selected.get(name, []):
        counts.setdefault(value, 0)
    if name == "year":
        return sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
