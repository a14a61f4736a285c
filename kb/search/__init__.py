"""Search and claim checking: BM25 over passages (``bm25``), cited hits re-ranked by the
facts they state (``searcher``), and a claim judged against the fact table (``claims``).

The names below are imported on first use (PEP 562), so that ``kb search`` does not load
the claim checker's modules (kb.figures.linking and its patterns) it never calls."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb.search.claims import check_claims
    from kb.search.searcher import Searcher, match_terms

__all__ = ["Searcher", "check_claims", "match_terms"]

_HOMES = {"Searcher": "kb.search.searcher", "match_terms": "kb.search.searcher",
          "check_claims": "kb.search.claims"}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'kb.search' has no attribute {name!r}")
