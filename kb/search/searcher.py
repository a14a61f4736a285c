"""Search: BM25 over passages, re-ranked by the facts they state, assembled into cited hits.

`Searcher` loads the index saved at ingest once and answers queries; each
hit carries its citation (document, section, span), the passage text with
matched terms marked, the facts inside it and the checks on them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

from kb.errors import KbError
from kb.models import Document, Fact, Passage, SearchHit
from kb.store.sqlite import Store

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

    def __init__(self, store: Store):
        from kb.search.bm25 import BM25Index
        from kb.pipeline import INDEX_DIR

        self.store = store
        index_dir = store.directory / INDEX_DIR
        if not index_dir.is_dir():
            raise KbError(f"no search index in {store.directory}: run `kb ingest` first")
        self.index = BM25Index.load(index_dir)
        self._titles = {d["doc_id"]: d["title"] or d["doc_id"] for d in store.db.execute(
            "SELECT doc_id, title FROM documents")}
        self._line_maps: dict[str, Document] = {}

    @classmethod
    def open(cls, store_dir: Path) -> "Searcher":
        return cls(Store.open(store_dir, create=False))

    # --- the query --------------------------------------------------------

    def search(self, query: str, k: int = 10, doc: Optional[str] = None,
               subject: Optional[str] = None, year: Optional[int | str] = None) -> list[SearchHit]:
        from kb.text.tokenizer import tokenize

        query = (query or "").strip()
        if not query:
            raise KbError("empty query: give a few words or a sentence, e.g. kb search 京津冀数字经济规模")
        if k < 1:
            raise KbError(f"-k must be at least 1, not {k}")
        tokens = tokenize(query)
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
        from kb.ingest.load import source_line

        lines = self._line_maps.get(passage.doc_id)
        if lines is None:
            row = self.store.db.execute("SELECT doc_path, line_map FROM documents WHERE doc_id = ?",
                                        (passage.doc_id,)).fetchone()
            lines = Document(doc_id=passage.doc_id, doc_path=row[0] if row else "", text="",
                             line_map=[tuple(x) for x in json.loads(row[1] or "[]")] if row else [])
            self._line_maps[passage.doc_id] = lines
        return {"doc_path": lines.doc_path,
                "source_lines": [source_line(lines, passage.start),
                                 source_line(lines, max(passage.start, passage.end - 1))]}

    def _filter_mask(self, doc, subject, year):
        """A boolean mask over index rows for the filters, or None when unfiltered."""
        if not (doc or subject or year):
            return None
        import numpy as np

        db = self.store.db
        ok: Optional[set[str]] = None

        def narrow(ids: set[str]) -> None:
            nonlocal ok
            ok = ids if ok is None else ok & ids

        if doc:
            narrow({r[0] for r in db.execute(
                "SELECT passage_id FROM passages WHERE doc_id LIKE ?", (f"%{doc}%",))})
        if subject:
            ids = {r[0] for r in db.execute(
                "SELECT passage_id FROM facts WHERE json_extract(data, '$.subject') LIKE ?",
                (f"%{subject}%",))}
            ids |= {r[0] for r in db.execute(
                "SELECT passage_id FROM passages WHERE text LIKE ?", (f"%{subject}%",))}
            narrow(ids)
        if year:
            y = str(year).strip()
            if not re.fullmatch(r"\d{4}", y):
                raise KbError(f"--year takes a four-digit year, not {year!r}")
            ids = {r[0] for r in db.execute(
                "SELECT passage_id FROM facts WHERE json_extract(data, '$.year') = ?", (int(y),))}
            ids |= {r[0] for r in db.execute(
                "SELECT passage_id FROM passages WHERE text LIKE ?", (f"%{y}%",))}
            narrow(ids)
        ids = ok or set()
        return np.fromiter((pid in ids for pid in self.index.ids), dtype=bool,
                           count=len(self.index.ids))


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


def marked_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of the matched terms in ``text`` (for the page, which escapes text itself)."""
    if not terms:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def hits_payload(query: str, hits: list[SearchHit]) -> dict:
    """The INTERFACE.md JSON of `kb search --json` (hits carry our extensions too)."""
    from kb.store.export import fact_record

    return {"query": query, "hits": [
        {"rank": h.rank, "score": h.score, "doc_id": h.doc_id, "doc_title": h.doc_title,
         "passage_id": h.passage_id, "char_start": h.char_start, "char_end": h.char_end,
         "section": h.section, "text": h.text,
         "facts": [fact_record(f) for f in h.facts],
         "checks": [c.public() for c in h.checks],
         "marked": h.marked, "doc_path": h.doc_path,
         "source_lines": h.source_lines} for h in hits]}


def load_query_file(path: Path) -> list[str]:
    """One query (or claim) a line; blank lines and #-comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise KbError(f"{path}: no such file; give a text file with one query a line") from None
    except UnicodeDecodeError:
        raise KbError(f"{path}: not UTF-8 text; save it as UTF-8 with one query a line") from None
    out = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not out:
        raise KbError(f"{path}: no queries in it; write one query a line")
    return out


def dumps(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
