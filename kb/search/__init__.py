"""Search and claim checking: BM25 over passages (``bm25``), cited hits re-ranked by the
facts they state (``searcher``), and a claim judged against the fact table (``claims``)."""

from kb.search.claims import check_claims
from kb.search.searcher import Searcher, match_terms

__all__ = ["Searcher", "check_claims", "match_terms"]
