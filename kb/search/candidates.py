"""The facts a claim's figure is compared with, looked up by identity, not scanned.

Two sources, merged: the store's identity index (facts whose indicator_key is one
of the claim's indicator wordings, of the years the claim and a recomputation need;
or a head of it — 利税 for 国家重点企业利税 — of the claim's year; or facts of the
claim's subject and year whose sentence names no indicator), and the facts of
the passages BM25 ranks first for the claim (wordings the keys miss). Each source
is bounded, so a claim costs a few index lookups and one ranking whatever the size
of the fact table.
"""

from __future__ import annotations

import logging
from typing import Iterable, NamedTuple

from kb.models import Fact
from kb.search.matching import indicator_forms, years

log = logging.getLogger(__name__)

# How many ranked passages feed candidates; how many facts one index lookup may return.
SEARCH_K = 20
LOOKUP_LIMIT = 2000


class Candidates(NamedTuple):
    facts: list[Fact]
    passages: list[str]      # the passages ranked first for the claim, best first


def claim_keys(claim_fact: Fact) -> tuple[list[str], list[str]]:
    """(the claim's indicator wordings, their heads: every ending of two characters or more)."""
    forms = list(indicator_forms(claim_fact.indicator or "", claim_fact.indicator_key or "",
                                 claim_fact.subject or ""))
    heads = {f[i:] for f in forms for i in range(1, len(f) - 1)}
    return forms, sorted(heads - set(forms))


def claim_years(claim_fact: Fact) -> list[int]:
    """The years whose facts can bear on a claim figure: its own and the one before (a growth's
    base), its span's first year; [] for an undated claim (then any year)."""
    span = years(claim_fact)
    return sorted({span[0], span[1], span[1] - 1}) if span else []


def indexed_facts(store, claim_facts: Iterable[Fact]) -> list[Fact]:
    """Facts of the claim's indicators and of their heads, of the years the claim needs (and undated)."""
    found: list[Fact] = []
    for cf in claim_facts:
        forms, heads = claim_keys(cf)
        wanted = claim_years(cf) or None
        found += store.facts_by_indicator(forms, years=wanted, limit=LOOKUP_LIMIT)
        if heads:
            found += store.facts_by_indicator(heads, years=wanted[-1:] if wanted else None, limit=LOOKUP_LIMIT)
        # 江苏省紧随其后，以25878.38亿元排名第二: a figure of the claim's subject whose sentence names no indicator
        found += store.facts_without_indicator([cf.subject_key], years=wanted[-1:] if wanted else None,
                                               limit=LOOKUP_LIMIT)
    return found


def ranked_passages(searcher, claim: str, k: int = SEARCH_K) -> list[str]:
    """The ids of the ``k`` passages BM25 ranks first for the claim ([] for a claim of stop words)."""
    tokens = searcher.tokenizer.tokenize(claim)
    return [pid for pid, _ in searcher.index.top_k(tokens, k)] if tokens else []


def candidate_facts(searcher, claim: str, claim_facts: list[Fact]) -> Candidates:
    """Every fact a figure of ``claim`` may be compared with, once each, in a stable order."""
    passages = ranked_passages(searcher, claim)
    searched = searcher.store.facts_in_passages(passages) if passages else {}
    seen: dict[str, Fact] = {}
    for f in indexed_facts(searcher.store, claim_facts) + [f for pid in passages for f in searched.get(pid, [])]:
        seen.setdefault(f.fact_id, f)
    return Candidates(sorted(seen.values(), key=lambda f: (f.doc_id, f.char_start, f.fact_id)), passages)
