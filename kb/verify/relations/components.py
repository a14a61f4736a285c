"""A growth rate and its components' contributions: 1997年8.8%GDP增长率中，投资增长为2.2%，
消费增长为4.9%，净出口增长为1.7%，它们对GDP增长贡献率投资占25.2%，消费占55.5%，净出口占19.1%.

A growth rate followed by …中 (or 其中) lists the points each component adds to it; they add
up to the growth when they are all the components (投资/消费/净出口: kb/data/relations.yaml
breakdown_sets), and each component's share of the growth (its 贡献率) is its points over the
growth — the share named by its component (投资占25.2%) or listed in the components' order
(贡献率分别为60%和40%).
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.vocab import regex
from kb.verify.relations.breakdown import complete_by_names
from kb.verify.relations.ground import Context, Relation

_OPENING = regex("relations", "component_opening")
_SHARE_CLAUSE = regex("relations", "component_share")
_CUT = re.compile(r"[，,；;。]")


def _is_rate(f: Fact) -> bool:
    return f.unit_normalized == "%" and f.claim_type not in ("difference", "change")


def _clause(ctx: Context, f: Fact, start: int) -> str:
    return _CUT.split(ctx.text[start:f.char_start])[-1]


def components(ctx: Context, total: Fact) -> tuple[list[Fact], list[Fact], list[str], int] | None:
    """(components, shares, the components' names, where the list opens) of a growth rate
    followed by …中，: the rates of the list whose clause names no share, then the shares."""
    if not _is_rate(total):
        return None
    m = _OPENING.match(ctx.text, total.char_end)
    if not m:
        return None
    _, end = ctx.sentence_of(total.char_start)
    rates = [f for f in ctx.facts_between(m.end(), end) if _is_rate(f)]
    shares = [f for f in rates if _SHARE_CLAUSE.search(ctx.text[m.end():f.char_start])]
    parts = [f for f in rates if f not in shares]
    if len(parts) < 2 or (shares and shares[0].char_start < parts[-1].char_start):
        return None
    names = [_clause(ctx, f, m.end()) for f in parts]
    return parts, shares, names, m.end()


def _share_part(ctx: Context, share: Fact, shares: list[Fact], parts: list[Fact], names: list[str],
                start: int) -> Fact | None:
    """The component a share is of: the one its clause names (投资占25.2%), else the one of its
    place when the shares are listed in the components' order."""
    clause = _clause(ctx, share, start)
    named = [p for p, n in zip(parts, names, strict=True) if _head(n) and _head(n) in clause]
    if len(named) == 1:
        return named[0]
    if not named and "分别" in ctx.text[start:share.char_start] and len(shares) == len(parts):
        return parts[shares.index(share)]
    return None


def _head(name: str) -> str:
    """A component's name without its verb (投资增长为 → 投资)."""
    return re.split(r"增长|增速|为|的", name)[0].strip()


def component_relations(ctx: Context, total: Fact) -> list[Relation]:
    """The components' sum against the growth, and each share against its component over the
    growth; the sum is judged only when the components are all of them."""
    found = components(ctx, total)
    if found is None:
        return []
    parts, shares, names, start = found
    complete = complete_by_names(total, [_head(n) for n in names])
    out = [Relation("sum", total, inputs=parts, weights=[1] * len(parts), mode="complete" if complete else "",
                    where="breakdown", rule="component_sum",
                    doubt="" if complete else "the components listed may not be all of them")]
    for s in shares:
        part = _share_part(ctx, s, shares, parts, names, start)
        if part is not None:
            out.append(Relation("share", s, inputs=[part, total], where="breakdown", rule="component_share"))
    return out
