"""The facts a claim's figure is compared with, looked up by identity, not scanned.

Two sources, merged: the store's identity index (facts whose indicator_key is one
of the claim's indicator wordings, any year; or a head of it — 利税 for 国家重点企业
利税 — of the claim's year), and the facts of the passages a BM25 search for the
claim finds (wordings the keys miss). Each source is bounded, so a claim costs a few
index lookups and one search whatever the size of the fact table.
"""

from __future__ import annotations

import logging
from typing import Iterable

from kb.errors import KbError
from kb.models import Fact
from kb.search.matching import indicator_forms, years

log = logging.getLogger(__name__)

# How many search hits feed candidates; how many facts one index lookup may return.
SEARCH_K = 20
LOOKUP_LIMIT = 5000


def claim_keys(claim_fact: Fact) -> tuple[list[str], list[str]]:
    """(the claim's indicator wordings, their heads: every ending of two characters or more)."""
    forms = list(indicator_forms(claim_fact.indicator or "", claim_fact.indicator_key or "",
                                 claim_fact.subject or ""))
    heads = {f[i:] for f in forms for i in range(1, len(f) - 1)}
    return forms, sorted(heads - set(forms))


def indexed_facts(store, claim_facts: Iterable[Fact]) -> list[Fact]:
    """Facts of the claim's indicators (any year) and of their heads (the claim's year)."""
    found: list[Fact] = []
    for cf in claim_facts:
        forms, heads = claim_keys(cf)
        span = years(cf)
        found += store.facts_by_indicator(forms, limit=LOOKUP_LIMIT)
        if heads:
            found += store.facts_by_indicator(heads, year=span[1] if span else None, limit=LOOKUP_LIMIT)
    return found


def searched_facts(searcher, claim: str) -> list[Fact]:
    """The facts of the passages a search for the claim finds."""
    try:
        return [f for hit in searcher.search(claim, k=SEARCH_K) for f in hit.facts]
    except KbError as exc:  # a claim of stop words only
        log.info("search for the claim failed: %s", exc)
        return []


def candidate_facts(searcher, claim: str, claim_facts: list[Fact]) -> list[Fact]:
    """Every fact a figure of ``claim`` may be compared with, once each, in a stable order."""
    seen: dict[str, Fact] = {}
    for f in indexed_facts(searcher.store, claim_facts) + searched_facts(searcher, claim):
        seen.setdefault(f.fact_id, f)
    return sorted(seen.values(), key=lambda f: (f.doc_id, f.char_start, f.fact_id))
