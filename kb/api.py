"""The front door of kb: one object that the command line and the page call.

    kb = KnowledgeBase.open(".kb")
    kb.ingest([Path("corpus")])
    hits = kb.search("京津冀数字经济规模")
    verdicts = kb.check(["2021年中国数字经济规模达45.4万亿元"])
    facts = kb.facts(FactFilter(subject="北京"))

A `KnowledgeBase` owns what a process needs to answer: the store directory,
the tables folder, its tokenizer (``fast_start=True`` reads jieba's
dictionary on demand, for a process that answers a few queries) and, opened
on first use, the store and the searcher. Nothing is process-global: two
knowledge bases in one process share nothing but read-only vocabularies.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Optional

from kb.errors import KbError
from kb.store import DEFAULT_STORE, FactFilter

if TYPE_CHECKING:  # heavy modules load only when a method needs them
    from kb.models import Check, ClaimVerdict, Document, Fact, Passage, SearchHit, Table
    from kb.pipeline import IngestSummary
    from kb.search import Searcher
    from kb.search.answers import Answer, Match
    from kb.search.facets import FactQuery
    from kb.search.facet_index import FacetIndex
    import numpy as np
    from kb.search.sources import Located
    from kb.store import Store
    from kb.text.tokenizer import Tokenizer

DEFAULT_TABLES = "extracted_tables"
DOCUMENTS_KEPT = 64         # whole documents (texts) a knowledge base keeps once read
Progress = Callable[[int, int, str], None]

__all__ = ["KnowledgeBase", "FactFilter", "DEFAULT_STORE", "DEFAULT_TABLES", "fact_query"]


def _reading(method):
    """A read of the store: an SQLite error on the way (damaged pages, I/O) becomes one KbError
    that names the store and says what to do."""

    @functools.wraps(method)
    def read(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            from kb.store.schema import damaged

            self.close()
            raise damaged(self.store_dir / "kb.sqlite", exc) from None

    return read


class KnowledgeBase:
    """Documents, passages, facts, tables and checks in one store directory."""

    def __init__(self, store_dir: Path, tables_dir: Optional[Path] = None,
                 fast_start: bool = False, tokenizer: Optional["Tokenizer"] = None) -> None:
        self.store_dir = Path(store_dir)
        self.tables_dir = Path(tables_dir) if tables_dir is not None else default_tables_dir(self.store_dir)
        self.fast_start = fast_start
        self._tokenizer = tokenizer  # made on first use; pass one to share it between knowledge bases
        self._store: Optional["Store"] = None
        self._searcher: Optional["Searcher"] = None
        self._all_facts: Optional[list["Fact"]] = None
        self._documents: Optional[dict[str, "Document"]] = None
        self._read_documents: dict[str, Optional["Document"]] = {}
        self._counts: Optional[dict[str, dict[str, int]]] = None

    @classmethod
    def open(cls, store_dir: Optional[Path | str] = None, *, tables_dir: Optional[Path | str] = None,
             fast_start: bool = False, tokenizer: Optional["Tokenizer"] = None) -> "KnowledgeBase":
        """The knowledge base at ``store_dir`` (default ``$KB_STORE`` or ``.kb``); nothing is read yet."""
        from kb.store import resolve_store_dir

        return cls(resolve_store_dir(str(store_dir) if store_dir is not None else None),
                   Path(tables_dir) if tables_dir is not None else None, fast_start, tokenizer)

    # --- what it owns ------------------------------------------------------

    @property
    def tokenizer(self) -> "Tokenizer":
        if self._tokenizer is None:
            from kb.text.tokenizer import Tokenizer

            self._tokenizer = Tokenizer(fast_start=self.fast_start)
        return self._tokenizer

    @property
    def store(self) -> "Store":
        """The store, opened for reading; an error when nothing was ingested yet."""
        if self._store is None:
            from kb.store import Store

            self._store = Store.open(self.store_dir, create=False)
        return self._store

    @property
    def searcher(self) -> "Searcher":
        if self._searcher is None:
            from kb.search import Searcher

            self.require_fresh()
            self._searcher = Searcher(self.store, self.tokenizer)
        return self._searcher

    def require_fresh(self) -> None:
        """KbError when an ingest changed documents and did not finish rebuilding the index,
        the table CSVs and the cross-document checks (the stale marker is set)."""
        if self.store.is_stale():
            raise KbError(f"the index of {self.store_dir} is out of date (an ingest was interrupted "
                          "or is running): run `kb ingest` to bring it up to date")

    def exists(self) -> bool:
        """True when something was ingested into this store."""
        from kb.store import DB_NAME

        return (self.store_dir / DB_NAME).is_file()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = self._searcher = self._all_facts = self._documents = self._counts = None
        self._read_documents = {}

    # --- the stages --------------------------------------------------------

    def ingest(self, paths: list[Path], progress: Optional[Progress] = None,
               prune: bool = False, workers: Optional[int] = None, engine: str = "local",
               scheduler: Optional[str] = None) -> "IngestSummary":
        """Bring the store up to date with ``paths`` (files or folders); see kb.pipeline.
        ``prune``: also remove every stored document whose file is gone. ``workers``: processes
        for the per-document stages (default: the number of cores; kb.ingest.workers); ``engine``
        "dask" runs them on a Dask cluster (``scheduler``: its address, else a local one)."""
        from kb.pipeline import ingest
        from kb.ingest.workers import default_workers

        if workers is not None and workers < 1:
            raise KbError(f"--workers must be at least 1, not {workers}")
        if scheduler and engine != "dask":
            raise KbError("--scheduler goes with --engine dask")
        workers = workers or default_workers()
        runner = None
        if engine == "dask":
            from kb.ingest.dask_engine import DaskEngine

            runner = DaskEngine(scheduler=scheduler, workers=workers)
        self.close()  # the ingest writes; readers reopen afterwards
        return ingest([Path(p) for p in paths], self.store_dir, self.tables_dir, progress=progress,
                      tokenizer=self.tokenizer, prune=prune, workers=workers, engine=runner)

    @_reading
    def search(self, query: str, k: int = 10, doc: Optional[str] = None,
               subject: Optional[str] = None, year: Optional[int | str] = None) -> list["SearchHit"]:
        """Passages for ``query``, best first, each with its citation, facts and checks;
        ``doc`` is a part of a document id (an error when no document has it)."""
        if doc:
            self.doc_ids(doc)
        return self.searcher.search(query, k=k, doc=doc, subject=subject, year=year)

    @_reading
    def answer(self, query: str, hits: list["SearchHit"], doc: Optional[str] = None,
               subject: Optional[str] = None, year: Optional[int | str] = None) -> Optional["Answer"]:
        """The figure ``query`` asks for (kb.search.answers), or None when it asks for none.

        The search filters narrow it as they narrow the hits; the hits break ties and
        say whether the best passage matches the query well (``low_match``)."""
        from kb.search.answers import find_answer, read_question

        asked = read_question(query)
        if subject and not asked.subjects:
            asked.subjects = [s for s in read_question(subject).subjects] or [subject]
        if year and not asked.years and str(year).strip().isdigit():
            asked.years = [int(str(year).strip())]
        if not asked.asks_for_figure():
            return None
        facts = self.answer_facts(asked)
        if doc:
            ids = set(self.doc_ids(doc))
            facts = [f for f in facts if f.doc_id in ids]
        answer = find_answer(asked, facts, {h.passage_id: h.rank for h in hits})
        if answer is not None:
            quality = self.match(query, hits)
            answer.coverage = quality.coverage
            answer.low_match = quality.low and answer.status == "not_stated"
        return answer

    @_reading
    def answer_facts(self, asked) -> list["Fact"]:
        """The facts that can change the answer to ``asked``, in store order: those of the
        indicator names near the one asked and of their identities, looked up through the
        identity index (kb.search.answers.relevant_names); every fact when the query names no
        indicator, or when they have been read already (the page)."""
        from kb.search.answers import relevant_names

        if self._all_facts is not None:
            return self._all_facts
        names = relevant_names(asked, self.store.indicator_names())
        return self.all_facts() if names is None else self.store.facts_by_names(names)

    @_reading
    def match(self, query: str, hits: list["SearchHit"]) -> "Match":
        """How well the best hit matches ``query``: the share of its content words found in the
        best passage and the words no passage contains (kb.search.answers.Match)."""
        from kb.search.answers import Match, query_coverage, unknown_words

        tokens = self.tokenizer.tokenize(query)
        coverage = query_coverage(query, hits[0].text, self.match_terms(query)) if hits else 0.0
        return Match(coverage, unknown_words(tokens, self.searcher.index.vocab))

    @_reading
    def match_terms(self, query: str) -> list[str]:
        """The terms of ``query`` to mark in hit text, longest first."""
        from kb.search import match_terms

        return match_terms(query, self.tokenizer.tokenize(query))

    @_reading
    def check(self, claims: list[str], progress: Optional[Progress] = None) -> list["ClaimVerdict"]:
        """A verdict for each claim (a sentence with a figure), in order; ``progress(done,
        total, claim)`` is called before each one."""
        from kb.search import check_claims

        if progress is None:
            return check_claims(self.searcher, claims)
        from kb.search.claims import check_claim

        frames: dict = {}          # each document framed once, as check_claims does
        verdicts = []
        for done, claim in enumerate(claims):
            progress(done, len(claims), claim)
            verdicts.append(check_claim(self.searcher, claim, self.tokenizer, frames))
        return verdicts

    # --- reading the store -------------------------------------------------

    @_reading
    def facts(self, filters: Optional[FactFilter] = None) -> list["Fact"]:
        """The facts that pass ``filters``; ``filters.doc`` must be part of a document id."""
        if filters is not None and filters.doc:
            self.doc_ids(filters.doc)
        return self.store.facts(filters)

    @_reading
    def write_facts_csv(self, out: BinaryIO, filters: Optional[FactFilter] = None) -> int:
        """The CSV of `kb facts` (the facts that pass ``filters``, the publisher column last)
        written to ``out`` as it is made, from the lines stored at ingest without building a
        model a fact (kb.store.fact_csv); the number of bytes written. The same bytes as
        ``kb.ui.payloads.facts_csv_bytes(self.facts(filters), publishers)``."""
        from kb.store.fact_csv import write_fact_csv

        if filters is not None and filters.doc:
            self.doc_ids(filters.doc)
        return write_fact_csv(self.store.fact_lines(filters), out, self.store.publishers())

    @_reading
    def publishers(self) -> dict[str, str]:
        """doc_id → the document's publisher, without reading the documents' texts."""
        return self.store.publishers()

    @_reading
    def all_facts(self) -> list["Fact"]:
        """Every fact, read once per knowledge base (the page and the answer finder reuse it)."""
        if self._all_facts is None:
            self._all_facts = self.store.facts()
        return self._all_facts

    @_reading
    def fact(self, fact_id: str) -> Optional["Fact"]:
        return self.store.fact(fact_id)

    @_reading
    def facts_by_id(self, fact_ids: list[str]) -> dict[str, "Fact"]:
        """fact_id → fact for the ids that exist."""
        return {f.fact_id: f for f in (self.store.fact(i) for i in dict.fromkeys(fact_ids) if i) if f}

    @_reading
    def facet_counts(self, facts: list["Fact"], query: "FactQuery", name: str) -> list[tuple[str, int]]:
        """(value, count) of one facet (subject, indicator, year, measure, doc, unit …) over
        the facts the query's other selections keep; see kb.search.facets."""
        from kb.search.facets import facet_counts

        return facet_counts(facts, query, name)

    @_reading
    def facet_index(self) -> "FacetIndex":
        """Every fact's facet values, unit and figure as columns (kb.search.facet_index), read in
        SQL without a model a fact: the Facts tab filters and counts with it."""
        from kb.search.facet_index import FacetIndex

        return FacetIndex(self.store.fact_facet_rows())

    @_reading
    def text_mask(self, text: str) -> "np.ndarray":
        """For each fact in store order, whether ``text`` is part of its quote, subject,
        indicator, figure as written or document title (the text filter of a FactQuery)."""
        import numpy as np

        return np.fromiter((bool(r[0]) for r in self.store.fact_text_flags(text)), dtype=bool)

    @_reading
    def show(self, item_id: str) -> "Located":
        """A passage, fact or check by its id, in its passage and document (``kb show``)."""
        from kb.search.sources import locate

        return locate(self.store, item_id)

    @_reading
    def doc_ids(self, part: str) -> list[str]:
        """The ids of the documents whose id contains ``part`` (an exact id first); an error
        naming the known ids when none does. `kb facts`, `kb search` and `kb verify` match so."""
        ids = list(self.store.publishers())
        if part in ids:
            return [part]
        found = [i for i in ids if part in i]
        if not found:
            known = ", ".join(ids[:8]) + (" …" if len(ids) > 8 else "")
            raise KbError(f"no document id contains {part!r}; the documents are: {known}")
        return found

    @_reading
    def facts_in_passage(self, passage_id: str) -> list["Fact"]:
        return self.store.facts_in_passages([passage_id]).get(passage_id, [])

    @_reading
    def document_facts(self, doc_id: str) -> list["Fact"]:
        return list(self.store.iter_facts(doc_id))

    @_reading
    def checks(self, doc: Optional[str] = None, verdict: Optional[str] = None) -> list["Check"]:
        """Every recomputed figure, inconsistent first; ``doc`` is part of a document id (an
        error when no document has it)."""
        self.require_fresh()   # the cross-document checks are rebuilt with the index
        if not doc:
            return self.store.checks(verdict=verdict)
        ids = set(self.doc_ids(doc))
        return [c for c in self.store.checks(verdict=verdict) if c.doc_id in ids]

    @_reading
    def check_by_id(self, check_id: str) -> Optional["Check"]:
        return self.store.check(check_id)

    @_reading
    def checks_on(self, facts: list["Fact"], passage_id: str) -> list["Check"]:
        """The checks whose stated figure is one of ``facts`` or that sit in the passage."""
        return self.store.checks_for([f.fact_id for f in facts], [passage_id])

    @_reading
    def tables(self, table_id: Optional[str] = None) -> list["Table"]:
        tables = self.store.tables()
        if table_id is None:
            return tables
        found = [t for t in tables if t.table_id == table_id]
        if not found:
            raise KbError(f"no table {table_id!r}; `kb tables` lists the table ids")
        return found

    @_reading
    def document_list(self) -> list["Document"]:
        """Every document's metadata (id, path, title, publisher, date, format …; ``text`` is ""),
        read once per knowledge base: the page lists 10,000 documents on every run without
        their texts. ``document(doc_id)`` reads one whole, ``documents()`` all of them."""
        if self._documents is None:
            self._documents = {d.doc_id: d for d in self.store.document_list()}
        return list(self._documents.values())

    @_reading
    def documents(self) -> list["Document"]:
        """Every document, its text included (``document_list()`` for the metadata alone)."""
        return self.store.documents()

    @_reading
    def document(self, doc_id: str) -> Optional["Document"]:
        """One document with its text, blocks and anchors (the last ``DOCUMENTS_KEPT`` read are kept)."""
        if doc_id not in self._read_documents:
            if len(self._read_documents) >= DOCUMENTS_KEPT:
                self._read_documents.pop(next(iter(self._read_documents)))
            self._read_documents[doc_id] = self.store.document(doc_id)
        return self._read_documents[doc_id]

    @_reading
    def passages(self, doc_id: str) -> list["Passage"]:
        return self.store.passages(doc_id)

    @_reading
    def passage(self, passage_id: str) -> Optional["Passage"]:
        return self.store.passage(passage_id)

    @_reading
    def counts(self) -> dict[str, dict[str, int]]:
        """doc_id → number of passages, sentences, facts, tables and checks (counted once per
        knowledge base: five scans of the store)."""
        if self._counts is None:
            self._counts = self.store.counts()
        return self._counts

    def version(self) -> int:
        """Changes whenever an ingest rebuilt the index (the page reloads its cache then)."""
        from kb.store import INDEX_DIR

        index = self.store_dir / INDEX_DIR
        return index.stat().st_mtime_ns if index.is_dir() else 0


def fact_query(selected: Optional[dict[str, list[str]]] = None, text: str = "", low: str = "",
               high: str = "") -> "FactQuery":
    """A query of the fact explorer: facet selections, a piece of text and bounds written as
    figures ("1万亿", "5%"); a KbError when a bound is not a figure. See kb.search.facets."""
    from kb.search.facets import FactQuery, parse_bound

    lower, upper = parse_bound(low), parse_bound(high)
    if lower is not None and upper is not None and lower.unit == upper.unit and lower.value > upper.value:
        raise KbError(f"the lower bound {low} is above the upper bound {high}: nothing can match; "
                      "swap --min and --max")
    return FactQuery(selected={k: list(v) for k, v in (selected or {}).items() if v}, text=text.strip(),
                     low=lower, high=upper)


def default_tables_dir(store_dir: Path) -> Path:
    """``extracted_tables/`` beside the default store; ``<store>/extracted_tables`` for any other."""
    if Path(store_dir).resolve() == Path(DEFAULT_STORE).resolve():
        return Path(DEFAULT_TABLES)
    return Path(store_dir) / DEFAULT_TABLES
