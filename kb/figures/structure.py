"""The terms of a structure ratio as the shares they are.

三次产业的比例为1.2∶49.7∶49.1 states three shares of GDP: the first term is the
primary industry's value added, the second the secondary's, the third the
tertiary's (``structure_items`` in kb/data/identity.yaml). When a run of figures
joined by ∶ carries such an indicator, has as many terms as the structure has
items and adds up to 100 (within rounding), each term is keyed by its item
(``indicator_key``; the indicator keeps the surface 三次产业结构) and read as a
percentage share; anything else is left as it was. A list of levels under such a name
(三次产业增加值分别为a、b和c) is keyed item by item the same way (``listed_items``).
"""

from __future__ import annotations

from functools import lru_cache

from kb.models import Fact
from kb.text import vocab

SUM_TOLERANCE = 0.1   # per term: 1.2 + 49.7 + 49.1 may be off by rounding


@lru_cache(maxsize=1)
def _items() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in vocab.vocabulary("identity")["structure_items"].items()}


def structure_of(indicator: str) -> tuple[str, ...]:
    """The items of the structure an indicator names (三次产业的比例 → 第一…第三产业增加值), else ()."""
    words = vocab.words("relations", "structure_words")
    for key in sorted(_items(), key=len, reverse=True):
        rest = indicator[len(key):].lstrip("的") if indicator.startswith(key) else None
        if rest is not None and rest.removesuffix("之比") in words:
            return _items()[key]
    return ()


def ratio_runs(text: str, facts: list[Fact]) -> list[list[Fact]]:
    """Runs of text facts, in text order, joined only by a ratio separator (1.2∶49.7∶49.1)."""
    separator = vocab.regex("identity", "ratio_separator")
    ordered = sorted((f for f in facts if f.source_kind == "text"), key=lambda f: f.char_start)
    runs: list[list[Fact]] = []
    for f in ordered:
        if runs and separator.fullmatch(text, runs[-1][-1].char_end, f.char_start):
            runs[-1].append(f)
        else:
            runs.append([f])
    return [r for r in runs if len(r) >= 2]


def structure_items(text: str, facts: list[Fact]) -> dict[str, str]:
    """fact_id → the item (an indicator key) each term of every complete structure ratio of ``text``
    is a share of; terms of other ratios are not in it."""
    named: dict[str, str] = {}
    for run in ratio_runs(text, facts):
        items = structure_of(run[0].indicator or "")
        if len(items) != len(run) or any(f.indicator != run[0].indicator for f in run):
            continue
        if abs(sum(f.value for f in run) - 100) > SUM_TOLERANCE * len(run):
            continue
        named.update((f.fact_id, item) for f, item in zip(run, items, strict=True))
    return named


def listed_items(text: str, facts: list[Fact]) -> dict[str, str]:
    """fact_id → the item each level of a list names in turn: 三次产业增加值分别为38.21亿元、486.20亿元和
    437.96亿元 are the first, second and third industries' value added (as many levels of one unit
    and that indicator, joined by 、/和/及 only, as the structure has items)."""
    connector = vocab.regex("identity", "item_list_connector")
    ordered = sorted((f for f in facts if f.source_kind == "text" and f.claim_type == "level"),
                     key=lambda f: f.char_start)
    named: dict[str, str] = {}
    run: list[Fact] = []
    for f in ordered + [None]:
        if f is not None and run and f.indicator == run[-1].indicator and f.unit_normalized == run[-1].unit_normalized \
                and connector.fullmatch(text, run[-1].char_end, f.char_start):
            run.append(f)
            continue
        items = _value_added_items(run[0].indicator or "") if run else ()
        if items and len(items) == len(run):
            named.update((g.fact_id, item) for g, item in zip(run, items, strict=True))
        run = [f] if f is not None else []
    return named


def _value_added_items(indicator: str) -> tuple[str, ...]:
    """三次产业增加值 → the three industries' value added; () for other indicators."""
    for key, items in _items().items():
        if indicator == key + "增加值":
            return items
    return ()


SHARE_FIELDS = {"measure": "share", "unit_normalized": "%", "claim_type": "share"}


def as_item_share(fields: dict, item: str) -> dict:
    """Identity fields of a structure term: its item's key, a share in percent (its surface
    indicator, 三次产业结构, stays)."""
    return {**fields, **SHARE_FIELDS, "indicator_key": item}
