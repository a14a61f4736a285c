"""Search: BM25 over passages, re-ranked by the facts they state, assembled into cited hits.

`Searcher` loads the index saved at ingest once and answers queries; each
hit carries its citation (document, section, span), the passage text with
matched terms marked, the facts inside it and the checks on them.
"""

from __future__ import annotations

import re
from typing import Optional

from kb.errors import KbError
from kb.models import Document, Fact, Passage, SearchHit
from kb.store import INDEX_DIR, Store
from kb.text.tokenizer import Tokenizer

MARK_OPEN, MARK_CLOSE = "【", "】"
# How much a fact that matches the query lifts its passage, relative to the
# best BM25 score of the candidates: enough to reorder close hits, not to
# drag up a passage that shares nothing else with the query.
INDICATOR_BOOST = 0.35
SUBJECT_BOOST = 0.15
FIGURE_BOOST = 0.6
CANDIDATES_MIN = 50


class Searcher:
    """Answers queries over one store. Build once, reuse (the page caches it)."""

    def __init__(self, store: Store, tokenizer: Tokenizer):
        from kb.search.bm25 import BM25Index

        self.store = store
        self.tokenizer = tokenizer
        index_dir = store.directory / INDEX_DIR
        if not index_dir.is_dir():
            raise KbError(f"no search index in {store.directory}: run `kb ingest` first")
        self.index = BM25Index.load(index_dir)
        self._titles = store.titles()
        self._line_maps: dict[str, Document] = {}

    # --- the query --------------------------------------------------------

    def search(self, query: str, k: int = 10, doc: Optional[str] = None,
               subject: Optional[str] = None, year: Optional[int | str] = None) -> list[SearchHit]:
        query = (query or "").strip()
        if not query:
            raise KbError("empty query: give a few words or a sentence, e.g. kb search 京津冀数字经济规模")
        if k < 1:
            raise KbError(f"-k must be at least 1, not {k}")
        tokens = self.tokenizer.tokenize(query)
        if not tokens:
            raise KbError(f"the query {query!r} has only stop words or punctuation: "
                          "add a content word (a place, an indicator, a figure)")
        allowed = self._filter_mask(doc, subject, year)
        want = max(k * 5, CANDIDATES_MIN)
        ranked = self.index.top_k(tokens, want, allowed=allowed)
        # Every ranked passage holds a query term. In a tiny collection BM25's idf
        # can be zero or negative for every term; such passages are still hits.
        if not ranked:
            return []
        passages = {p.passage_id: p for p in self.store.passages_by_id([pid for pid, _ in ranked])}
        facts = self.store.facts_in_passages(list(passages))
        wanted = _query_wants(query)
        top_score = ranked[0][1]
        rescored = []
        for pid, score in ranked:
            if pid not in passages:
                continue
            bonus = _fact_bonus(facts.get(pid, []), passages[pid].text, wanted) * top_score
            rescored.append((score + bonus, pid))
        rescored.sort(key=lambda x: (-x[0], x[1]))
        hits = []
        terms = match_terms(query, tokens)
        for rank, (score, pid) in enumerate(rescored[:k], 1):
            passage = passages[pid]
            passage_facts = facts.get(pid, [])
            checks = self.store.checks_for([f.fact_id for f in passage_facts], [pid])
            hits.append(SearchHit(
                rank=rank, score=round(score, 6), doc_id=passage.doc_id,
                doc_title=self._titles.get(passage.doc_id, ""), passage_id=pid,
                char_start=passage.start, char_end=passage.end, section=passage.section,
                text=passage.text, facts=passage_facts, checks=checks,
                marked=mark_terms(passage.text, terms),
                **self._source_of(passage)))
        return hits

    # --- helpers ----------------------------------------------------------

    def _source_of(self, passage: Passage) -> dict:
        """The source file and its line numbers for a passage (citations point into the file)."""
        from kb.ingest import source_line

        lines = self._line_maps.get(passage.doc_id)
        if lines is None:
            doc_path, line_map = self.store.line_map(passage.doc_id)
            lines = Document(doc_id=passage.doc_id, doc_path=doc_path, text="", line_map=line_map)
            self._line_maps[passage.doc_id] = lines
        if not lines.line_map:     # a PDF, Word or Excel source: its page is the citation
            return {"doc_path": lines.doc_path, "source_lines": [], "page": passage.page}
        return {"doc_path": lines.doc_path, "page": passage.page,
                "source_lines": [source_line(lines, passage.start),
                                 source_line(lines, max(passage.start, passage.end - 1))]}

    def _filter_mask(self, doc, subject, year):
        """The passage ids the filters allow, or None when unfiltered."""
        if not (doc or subject or year):
            return None
        year_text = str(year).strip() if year else ""
        if year_text and not re.fullmatch(r"\d{4}", year_text):
            raise KbError(f"--year takes a four-digit year, not {year!r}")
        return self.store.passage_ids_matching(doc=doc or "", subject=subject or "", year=year_text)


def _query_wants(query: str) -> dict:
    """What in the query a fact can match: figures, places, and the raw text."""
    from kb.text.gazetteer import canonical, find_places
    from kb.figures import parse_quantities

    return {"text": query, "figures": parse_quantities(query),
            "places": [canonical(name) for name, _, _ in find_places(query)]}


def _fact_bonus(facts: list[Fact], text: str, wanted: dict) -> float:
    """Relative lift for a passage whose facts state the queried figure, indicator or place."""
    bonus = 0.0
    query = wanted["text"]
    if any(f.indicator and len(f.indicator) >= 2 and f.indicator in query for f in facts):
        bonus += INDICATOR_BOOST
    if wanted["places"] and any(_same_place(f.subject, wanted["places"]) for f in facts):
        bonus += SUBJECT_BOOST
    for q in wanted["figures"]:
        if q.surface and q.surface in text:
            bonus += FIGURE_BOOST
            break
        if any(f.unit_normalized == q.unit_normalized
               and abs(f.value_normalized - q.value_normalized) <= 1e-9 * max(1.0, abs(q.value_normalized))
               for f in facts):
            bonus += FIGURE_BOOST
            break
    return bonus


def _same_place(subject: str, places: list[str]) -> bool:
    """True when a fact's subject (possibly "北京、天津") names one of the queried places."""
    from kb.text.gazetteer import canonical

    return any(canonical(name) in places for name in subject.split("、") if name)


def match_terms(query: str, tokens: list[str]) -> list[str]:
    """Terms to mark in hit text: the query's tokens, longest first."""
    terms = sorted({t for t in tokens if len(t) >= 2 or re.match(r"[\u4e00-\u9fff]", t) is None
                    and len(t) >= 1}, key=len, reverse=True)
    return [t for t in terms if t.strip()]


def mark_terms(text: str, terms: list[str]) -> str:
    """``text`` with every occurrence of a term wrapped in 【】 (longest terms win)."""
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    return pattern.sub(lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", text)
