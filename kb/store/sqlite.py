"""The knowledge base on disk: one SQLite file, ``kb.sqlite``, in the store directory.

Every change to a document is one transaction (`write_document`,
`remove_document`), so a crash or a bad file leaves the store as it was.
Rows go in and come out as the models of `kb.models`; nothing outside this
module writes SQL.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Optional

from kb.errors import KbError
from kb.models import Block, Check, Document, Fact, Passage, Sentence, Table
from kb.store.rows import DocumentRows, check_rows, document_rows, split_tokens
from kb.store.schema import DB_NAME, connect_for_reading, connect_for_writing, damaged, write_error

DEFAULT_STORE = ".kb"
INDEX_DIR = "index"           # the BM25 index, beside kb.sqlite
STALE = "index_stale"         # meta key: set with every document change, cleared by a rebuild

_DOC_TABLES = ("passages", "sentences", "facts", "tables", "checks")

@dataclass(frozen=True)
class Known:
    """A stored document as the ingest sees it: its id, where it came from, what made it."""

    doc_id: str
    doc_path: str
    root: str
    content_hash: str
    pipeline_version: str
    source: str


class StoredTokens(NamedTuple):
    """A passage as the index reads it: ``tokens`` is None (and ``text`` given) for a passage
    written by a kb that did not store tokens."""

    passage_id: str
    doc_id: str
    ordinal: int
    tokens: Optional[list[str]]
    text: str


@dataclass
class FactFilter:
    """Substring filters of `kb facts` (combined with AND) and numeric bounds."""

    doc: str = ""
    subject: str = ""
    indicator: str = ""
    year: str = ""
    claim_type: str = ""
    source_kind: str = ""
    min_value: Optional[float] = None
    max_value: Optional[float] = None
    year_from: Optional[int] = None
    year_to: Optional[int] = None

    def matches(self, fact: Fact) -> bool:
        return self.matches_record(fact.__dict__)

    def matches_record(self, record: dict) -> bool:
        """``matches`` of a fact given as the dict of its fields (a stored row, parsed)."""
        def has(needle: str, name: str) -> bool:
            hay = record.get(name)
            return not needle or needle in ("" if hay is None else str(hay))

        if not (has(self.doc, "doc_id") and has(self.subject, "subject")
                and has(self.indicator, "indicator") and has(self.year, "year")
                and has(self.claim_type, "claim_type") and has(self.source_kind, "source_kind")):
            return False
        value, year = record.get("value_normalized"), record.get("year")
        if self.min_value is not None and value < self.min_value:
            return False
        if self.max_value is not None and value > self.max_value:
            return False
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        return True


def resolve_store_dir(store: Optional[str]) -> Path:
    """--store, else $KB_STORE, else .kb under the current directory."""
    return Path(store or os.environ.get("KB_STORE") or DEFAULT_STORE)


class Store:
    """The SQLite knowledge base. Open with `Store.open(directory)`."""

    def __init__(self, directory: Path, connection: sqlite3.Connection):
        self.directory = directory
        self.db = connection

    # --- opening -----------------------------------------------------------

    @classmethod
    def open(cls, directory: Path | str, create: bool = True) -> "Store":
        """The store in ``directory``: ``create=True`` opens it for writing (made when missing,
        schema brought up to date); ``create=False`` for reading only (never changed)."""
        directory = Path(directory)
        path = directory / DB_NAME
        db = connect_for_writing(path) if create else connect_for_reading(path)
        db.row_factory = sqlite3.Row
        store = cls(directory, db)
        store.writable = create
        return store

    @property
    def path(self) -> Path:
        return self.directory / DB_NAME

    def close(self) -> None:
        self.db.close()

    def damaged(self, exc: BaseException) -> KbError:
        """The one-line error for a read that SQLite failed (damaged pages, I/O)."""
        return damaged(self.path, exc)

    def write_error(self, exc: BaseException) -> KbError:
        return write_error(self.path, exc)

    # --- writing -----------------------------------------------------------

    def write_document(self, document: Document, passages: list[Passage],
                       sentences: list[Sentence], facts: list[Fact], tables: list[Table],
                       checks: list[Check], root: str = "", pipeline_version: str = "",
                       source: str = "", replaces: str = "",
                       tokens: Optional[list[list[str]]] = None) -> None:
        """Replace everything about one document (and the document ``replaces``, an old id of
        the same file), in one transaction that also marks the derived data stale.
        ``tokens``: each passage's search tokens (the index reads them instead of tokenising)."""
        self.write_rows(document_rows(document, passages, sentences, facts, tables, checks, tokens),
                        root=root, pipeline_version=pipeline_version, source=source, replaces=replaces)

    def write_rows(self, rows: DocumentRows, root: str = "", pipeline_version: str = "",
                   source: str = "", replaces: str = "") -> None:
        """`write_document` for rows prepared by kb.store.rows (in a worker process, say)."""
        (doc_id, doc_path, title, publisher, date, author, source_format, encoding, content_hash,
         text, blocks, line_map, pages) = rows.document
        with self._transaction():
            self._note_identities(doc_id)
            self._delete_document_rows(doc_id)
            self._mark_pending(doc_id)
            if replaces and replaces != doc_id:
                self._note_identities(replaces)
                self._delete_document_rows(replaces)
                self._mark_pending(replaces)
            self.db.execute(
                "INSERT INTO documents (doc_id, doc_path, root, title, publisher, date, author, "
                "source_format, encoding, content_hash, pipeline_version, text, blocks, line_map, "
                "source, pages) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc_id, doc_path, root, title, publisher, date, author, source_format, encoding,
                 content_hash, pipeline_version, text, blocks, line_map, source, pages))
            self.db.executemany(
                "INSERT OR REPLACE INTO passages (passage_id, doc_id, ordinal, section, start, \"end\", "
                "text, page) VALUES (?,?,?,?,?,?,?,?)", rows.passages)
            self.db.executemany("INSERT OR REPLACE INTO sentences VALUES (?,?,?,?,?,?,?)", rows.sentences)
            self.db.executemany("INSERT OR REPLACE INTO facts (fact_id, doc_id, passage_id, char_start, data, "
                                "csv_line) VALUES (?,?,?,?,?,?)", rows.facts)
            self.db.executemany("INSERT OR REPLACE INTO tables VALUES (?,?,?,?)", rows.tables)
            self.db.executemany("INSERT OR REPLACE INTO checks VALUES (?,?,?,?,?,?,?)", rows.checks)
            self.db.executemany("INSERT OR REPLACE INTO passage_tokens VALUES (?,?,?)", rows.tokens)
            self._note_identities(doc_id)
            self._mark_stale()

    def replace_checks(self, kind: str, checks: Iterable[Check], batch: int = 1000) -> None:
        """Replace every check of one kind (the cross-document checks), in one transaction.
        ``checks`` may be an iterator that reads this store (``stream_across_documents``): it is
        consumed inside the transaction, ``batch`` checks at a time, and nothing is kept."""
        with self._transaction():
            self.db.execute("DELETE FROM checks WHERE kind = ?", (kind,))
            for chunk in batched(checks, batch):
                self._insert_checks(chunk)
            self.db.execute("DELETE FROM identity_pending")

    def _note_identities(self, doc_id: str) -> None:
        """Remember the (subject, indicator, year) keys of the document's facts: the groups of
        cross-document checks a change of it can alter."""
        self.db.execute(
            "INSERT OR IGNORE INTO identity_pending SELECT DISTINCT json_extract(data, '$.subject_key'), "
            "json_extract(data, '$.indicator_key'), json_extract(data, '$.year') FROM facts WHERE doc_id = ? "
            "AND json_extract(data, '$.year') IS NOT NULL AND json_extract(data, '$.subject_key') != '' "
            "AND json_extract(data, '$.indicator_key') != ''", (doc_id,))

    def identity_pending(self) -> set[tuple[str, str, int]]:
        """The (subject, indicator, year) keys written or removed since the cross-document checks."""
        return {tuple(r) for r in self.db.execute("SELECT subject_key, indicator_key, year FROM identity_pending")}

    def facts_of_identities(self, keys: set[tuple[str, str, int]]) -> list[Fact]:
        """Every fact with one of these (subject, indicator, year) keys, in document order
        (as ``iter_facts``), looked up through the identity index."""
        out = []
        for chunk in _chunks(sorted({k[1] for k in keys}), 500):
            marks = ",".join("?" * len(chunk))
            out += [f for (d,) in self.db.execute(
                f"SELECT data FROM facts WHERE json_extract(data, '$.indicator_key') IN ({marks})", chunk)
                for f in [Fact.model_validate_json(d)] if (f.subject_key, f.indicator_key, f.year) in keys]
        return sorted(out, key=lambda f: (f.doc_id, f.char_start, f.fact_id))

    def update_checks(self, kind: str, stated: list[str], checks: list[Check]) -> None:
        """Replace the checks of ``kind`` whose stated fact is one of ``stated`` (or no longer
        exists) by ``checks``, and forget the pending identity keys, in one transaction."""
        with self._transaction():
            for chunk in _chunks(sorted(stated), 500):
                self.db.execute(f"DELETE FROM checks WHERE kind = ? AND stated_fact_id IN "
                                f"({','.join('?' * len(chunk))})", [kind, *chunk])
            self.db.execute("DELETE FROM checks WHERE kind = ? AND stated_fact_id NOT IN "
                            "(SELECT fact_id FROM facts)", (kind,))
            self._insert_checks(checks)
            self.db.execute("DELETE FROM identity_pending")

    def remove_document(self, doc_id: str) -> None:
        with self._transaction():
            self._note_identities(doc_id)
            self._delete_document_rows(doc_id)
            self._mark_pending(doc_id)
            self._mark_stale()

    def _mark_pending(self, doc_id: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO index_pending VALUES (?)", (doc_id,))

    def index_pending(self) -> set[str]:
        """Documents added, changed or removed since the search index was last updated."""
        return {r[0] for r in self.db.execute("SELECT doc_id FROM index_pending")}

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def _mark_stale(self) -> None:
        self.set_meta(STALE, "1")

    def is_stale(self) -> bool:
        """True when a document changed after the search index, table CSVs and
        cross-document checks were last rebuilt (an ingest that did not finish)."""
        return self.get_meta(STALE) == "1"

    def mark_fresh(self, index_version: str) -> None:
        """The derived data was rebuilt: record its version and clear the stale marker."""
        with self._transaction():
            self.set_meta("index_version", index_version)
            self.db.execute("DELETE FROM meta WHERE key IN (?, 'legacy_ids')", (STALE,))
            self.db.execute("DELETE FROM index_pending")

    # --- files kb wrote outside the database (extracted tables) ---------------

    def written_files(self) -> set[str]:
        """Absolute paths of every file kb wrote (and has not deleted) for this store."""
        return {r[0] for r in self.db.execute("SELECT path FROM written_files")}

    def record_written(self, paths: Iterable[str]) -> None:
        """Remember files before they are written, so a kill half-way leaves them known."""
        with self._transaction():
            self.db.executemany("INSERT OR IGNORE INTO written_files VALUES (?)", [(p,) for p in paths])

    def forget_written(self, paths: Iterable[str]) -> None:
        with self._transaction():
            self.db.executemany("DELETE FROM written_files WHERE path = ?", [(p,) for p in paths])

    def _insert_checks(self, checks: Iterable[Check]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO checks VALUES (?,?,?,?,?,?,?)", check_rows(list(checks)))

    def _delete_document_rows(self, doc_id: str) -> None:
        self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        for table in _DOC_TABLES + ("passage_tokens",):
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    class _Tx:
        def __init__(self, db: sqlite3.Connection):
            self.db = db

        def __enter__(self):
            self.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, exc_type, exc, tb):
            if exc_type is None:
                try:
                    self.db.execute("COMMIT")
                    return False
                except sqlite3.Error:
                    if self.db.in_transaction:
                        self.db.execute("ROLLBACK")
                    raise
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            return False

    def _transaction(self) -> "Store._Tx":
        return Store._Tx(self.db)

    # --- reading -----------------------------------------------------------

    def document_index(self) -> dict[str, "Known"]:
        """source (the file's absolute path) → what the store knows of its document."""
        return {r["source"]: Known(r["doc_id"], r["doc_path"], r["root"], r["content_hash"] or "",
                                   r["pipeline_version"] or "", r["source"])
                for r in self.db.execute(
                    "SELECT doc_id, doc_path, root, content_hash, pipeline_version, source "
                    "FROM documents ORDER BY doc_id")}

    def legacy_ids(self) -> bool:
        """True when the documents were named by an older kb (file stems) and await re-processing."""
        return self.get_meta("legacy_ids") == "1"

    def documents(self) -> list[Document]:
        return [self._document(r) for r in self.db.execute(
            "SELECT * FROM documents ORDER BY doc_id")]

    def document_list(self) -> list[Document]:
        """Every document in doc_id order, its metadata only: ``text`` is "" and blocks, line map and
        pages are empty (a list of 10,000 documents without reading their texts)."""
        return [Document(doc_id=r[0], doc_path=r[1], title=r[2] or "", publisher=r[3] or "", date=r[4] or "",
                         author=r[5] or "", source_format=r[6] or "text", encoding=r[7] or "",
                         content_hash=r[8] or "", text="")
                for r in self.db.execute("SELECT doc_id, doc_path, title, publisher, date, author, source_format, "
                                         "encoding, content_hash FROM documents ORDER BY doc_id")]

    def document(self, doc_id: str) -> Optional[Document]:
        row = self.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return self._document(row) if row else None

    @staticmethod
    def _document(r: sqlite3.Row) -> Document:
        return Document(
            doc_id=r["doc_id"], doc_path=r["doc_path"], title=r["title"] or "",
            publisher=r["publisher"] or "", date=r["date"] or "", author=r["author"] or "",
            source_format=r["source_format"] or "text", encoding=r["encoding"] or "",
            content_hash=r["content_hash"] or "", text=r["text"],
            blocks=[Block(**b) for b in json.loads(r["blocks"] or "[]")],
            line_map=[tuple(x) for x in json.loads(r["line_map"] or "[]")],
            pages=[tuple(x) for x in json.loads(_column(r, "pages") or "[]")])

    def titles(self) -> dict[str, str]:
        """doc_id → title (the doc_id where the document has none)."""
        return {r["doc_id"]: r["title"] or r["doc_id"]
                for r in self.db.execute("SELECT doc_id, title FROM documents")}

    def line_map(self, doc_id: str) -> tuple[str, list[tuple[int, int]]]:
        """The document's source path and its (clean offset, source line) anchors."""
        row = self.db.execute("SELECT doc_path, line_map FROM documents WHERE doc_id = ?",
                              (doc_id,)).fetchone()
        if row is None:
            return "", []
        return row[0], [tuple(x) for x in json.loads(row[1] or "[]")]

    def passage_ids_matching(self, doc: str = "", subject: str = "", year: str = "") -> set[str]:
        """Passages of documents whose id contains ``doc``, that name ``subject`` (in a fact or
        the text) and state a figure of ``year`` (or mention it); empty filters are ignored."""
        db, found = self.db, None

        def narrow(ids: set[str]) -> None:
            nonlocal found
            found = ids if found is None else found & ids

        if doc:
            narrow({r[0] for r in db.execute(
                "SELECT passage_id FROM passages WHERE doc_id LIKE ?", (f"%{doc}%",))})
        if subject:
            narrow({r[0] for r in db.execute(
                "SELECT passage_id FROM facts WHERE json_extract(data, '$.subject') LIKE ? "
                "UNION SELECT passage_id FROM passages WHERE text LIKE ?",
                (f"%{subject}%", f"%{subject}%"))})
        if year:
            narrow({r[0] for r in db.execute(
                "SELECT passage_id FROM facts WHERE json_extract(data, '$.year') = ? "
                "UNION SELECT passage_id FROM passages WHERE text LIKE ?",
                (int(year), f"%{year}%"))})
        return found or set()

    def counts(self) -> dict[str, dict[str, int]]:
        """doc_id → number of passages, sentences, facts, tables, checks."""
        out: dict[str, dict[str, int]] = {}
        for table in _DOC_TABLES:
            for doc_id, n in self.db.execute(f"SELECT doc_id, COUNT(*) FROM {table} GROUP BY doc_id"):
                out.setdefault(doc_id, {})[table] = n
        return out

    def _select(self, table: str, columns: str, doc_id: Optional[str], order: str):
        """Rows of one per-document table, all documents or one, in a stable order."""
        where, args = ("WHERE doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        return self.db.execute(f"SELECT {columns} FROM {table} {where} ORDER BY {order}", args)

    @staticmethod
    def _passage(r: sqlite3.Row) -> Passage:
        return Passage(passage_id=r["passage_id"], doc_id=r["doc_id"], ordinal=r["ordinal"],
                       section=r["section"] or "", start=r["start"], end=r["end"], text=r["text"],
                       page=_column(r, "page"))

    def passages(self, doc_id: Optional[str] = None) -> list[Passage]:
        return [self._passage(r) for r in self._select("passages", "*", doc_id, "doc_id, ordinal")]

    def passage_tokens(self, doc_ids: Optional[Iterable[str]] = None) -> Iterator[StoredTokens]:
        """Every passage (of ``doc_ids``) with its stored tokens, in (doc_id, ordinal) order:
        what the search index is built from."""
        sql = ("SELECT p.passage_id, p.doc_id, p.ordinal, t.tokens, p.text FROM passages p "
               "LEFT JOIN passage_tokens t ON t.passage_id = p.passage_id")
        if doc_ids is None:
            rows = self.db.execute(sql + " ORDER BY p.doc_id, p.ordinal")
        else:
            wanted = sorted(set(doc_ids))
            rows = (r for chunk in _chunks(wanted, 500) for r in self.db.execute(
                sql + f" WHERE p.doc_id IN ({','.join('?' * len(chunk))}) ORDER BY p.doc_id, p.ordinal", chunk))
        for pid, doc_id, ordinal, joined, text in rows:
            yield StoredTokens(pid, doc_id, ordinal, split_tokens(joined) if joined is not None else None,
                               text if joined is None else "")

    def passage(self, passage_id: str) -> Optional[Passage]:
        r = self.db.execute("SELECT * FROM passages WHERE passage_id = ?", (passage_id,)).fetchone()
        return None if r is None else self._passage(r)

    def passages_by_id(self, passage_ids: list[str]) -> list[Passage]:
        out = []
        for chunk in _chunks(passage_ids, 500):
            marks = ",".join("?" * len(chunk))
            out += [self._passage(r) for r in self.db.execute(
                f"SELECT * FROM passages WHERE passage_id IN ({marks})", chunk)]
        return out

    def sentences(self, doc_id: Optional[str] = None) -> list[Sentence]:
        return [Sentence(sentence_id=r["sentence_id"], doc_id=r["doc_id"],
                         passage_id=r["passage_id"] or "", ordinal=r["ordinal"],
                         start=r["start"], end=r["end"], text=r["text"])
                for r in self._select("sentences", "*", doc_id, "doc_id, ordinal")]

    def iter_facts(self, doc_id: Optional[str] = None) -> Iterator[Fact]:
        for (data,) in self._select("facts", "data", doc_id, "doc_id, char_start, fact_id"):
            yield Fact.model_validate_json(data)

    def facts(self, filters: Optional[FactFilter] = None) -> list[Fact]:
        filters = filters or FactFilter()
        return [f for f in self.iter_facts() if filters.matches(f)]

    def fact_facet_rows(self) -> Iterator[tuple]:
        """(fact_id, subject_key, subject, indicator_key, indicator, year, period_end_month,
        measure, doc_id, unit_normalized, value_normalized) of every fact in ``iter_facts``
        order, read from the JSON in SQL without a model a fact (the Facts tab's index)."""
        fields = ("subject_key", "subject", "indicator_key", "indicator", "year", "period_end_month",
                  "measure")
        columns = ", ".join(f"json_extract(data, '$.{f}')" for f in fields)
        return self._select("facts", f"fact_id, {columns}, doc_id, json_extract(data, '$.unit_normalized'), "
                            "json_extract(data, '$.value_normalized')", None, "doc_id, char_start, fact_id")

    def fact_text_flags(self, text: str) -> Iterator[tuple[int]]:
        """(1 or 0,) a fact in ``iter_facts`` order: whether ``text`` is part of its quote,
        subject, indicator, figure as written or document title (as kb.search.facets matches)."""
        fields = ("quote", "subject", "indicator", "figure_text", "doc_title")
        found = " OR ".join(f"coalesce(instr(json_extract(data, '$.{f}'), ?1), 0) > 0" for f in fields)
        return self.db.execute(f"SELECT {found} FROM facts ORDER BY doc_id, char_start, fact_id", (text,))

    def fact_lines(self, filters: Optional[FactFilter] = None) -> Iterator[tuple[Optional[str], str, Optional[str]]]:
        """(the fact's CSV cells as written, its doc_id, its JSON when the line is missing) of the
        facts that pass ``filters``, in ``iter_facts`` order: what kb.store.fact_csv streams. A
        fact written by a kb without the ``csv_line`` column comes with its JSON instead."""
        from kb.store.fact_csv import parse_json

        have = {r[1] for r in self.db.execute("PRAGMA table_info(facts)")}
        line = "csv_line" if "csv_line" in have else "NULL"
        keep = None if filters is None or filters == FactFilter() else filters.matches_record
        data = "data" if keep else f"CASE WHEN {line} IS NULL THEN data END"
        for row in self._select("facts", f"{line}, doc_id, {data}", None, "doc_id, char_start, fact_id"):
            if keep is None or keep(parse_json(row[2])):
                yield row

    def publishers(self) -> dict[str, str]:
        """doc_id → publisher ("" when none), in doc_id order; the documents' texts are not read."""
        return {r[0]: r[1] or "" for r in self.db.execute(
            "SELECT doc_id, publisher FROM documents ORDER BY doc_id")}

    def facts_in_passages(self, passage_ids: list[str]) -> dict[str, list[Fact]]:
        out: dict[str, list[Fact]] = {pid: [] for pid in passage_ids}
        for chunk in _chunks(passage_ids, 500):
            marks = ",".join("?" * len(chunk))
            for (data,) in self.db.execute(
                    f"SELECT data FROM facts WHERE passage_id IN ({marks}) ORDER BY char_start",
                    chunk):
                fact = Fact.model_validate_json(data)
                out.setdefault(fact.passage_id, []).append(fact)
        return out

    def facts_by_indicator(self, keys: Iterable[str], years: Optional[Iterable[int]] = None,
                           limit: int = 5000) -> list[Fact]:
        """Facts whose indicator_key is one of ``keys`` (of one of ``years`` or undated, when given),
        through the identity index: at most ``limit``, in document order."""
        keys = sorted({k for k in keys if k})
        wanted = sorted(set(years)) if years is not None else None
        out: list[Fact] = []
        for chunk in _chunks(keys, 500):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT data FROM facts WHERE json_extract(data, '$.indicator_key') IN ({marks})"
            args: list = list(chunk)
            if wanted is not None:
                sql += (f" AND (json_extract(data, '$.year') IN ({','.join('?' * len(wanted))})"
                        " OR json_extract(data, '$.year') IS NULL)")
                args += wanted
            sql += " ORDER BY doc_id, char_start LIMIT ?"
            args.append(limit - len(out))
            out += [Fact.model_validate_json(d) for (d,) in self.db.execute(sql, args)]
            if len(out) >= limit:
                break
        return out

    def facts_without_indicator(self, subjects: Iterable[str], years: Optional[Iterable[int]] = None,
                                limit: int = 5000) -> list[Fact]:
        """Facts whose indicator their sentence does not state (indicator_key ""), of one of
        ``subjects`` (subject_key) and of one of ``years`` or undated when given, through the
        identity index: at most ``limit``, in document order."""
        names = sorted({s for s in subjects if s})
        if not names:
            return []
        sql = "SELECT data FROM facts WHERE json_extract(data, '$.indicator_key') = ''"
        args: list = []
        if years is not None:
            wanted = sorted(set(years))
            sql += (f" AND (json_extract(data, '$.year') IN ({','.join('?' * len(wanted))})"
                    " OR json_extract(data, '$.year') IS NULL)")
            args += wanted
        sql += f" AND json_extract(data, '$.subject_key') IN ({','.join('?' * len(names))}) ORDER BY doc_id, char_start LIMIT ?"
        args += names + [limit]
        return [Fact.model_validate_json(d) for (d,) in self.db.execute(sql, args)]

    def indicator_names(self) -> set[tuple[str, str]]:
        """Every distinct (indicator_key, indicator) pair of the facts: the names the answer finder
        measures a question against (a store repeats its indicators, so far fewer than facts)."""
        return {(k or "", r or "") for k, r in self.db.execute(
            "SELECT DISTINCT json_extract(data, '$.indicator_key'), json_extract(data, '$.indicator') FROM facts")}

    def facts_by_names(self, names: Iterable[tuple[str, str]]) -> list[Fact]:
        """Facts whose (indicator_key, indicator) is one of ``names``, looked up through the identity
        index by their indicator_key, in document order (as ``iter_facts``)."""
        wanted = set(names)
        out: list[Fact] = []
        for chunk in _chunks(sorted({k for k, _ in wanted}), 500):
            marks = ",".join("?" * len(chunk))
            unset = " OR json_extract(data, '$.indicator_key') IS NULL" if "" in chunk else ""
            out += [Fact.model_validate_json(d) for k, r, d in self.db.execute(
                f"SELECT json_extract(data, '$.indicator_key'), json_extract(data, '$.indicator'), data "
                f"FROM facts WHERE json_extract(data, '$.indicator_key') IN ({marks}){unset}", chunk)
                if (k or "", r or "") in wanted]
        return sorted(out, key=lambda f: (f.doc_id, f.char_start, f.fact_id))

    def document_heads(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """doc_id → the document's title, publisher and date (its text left empty)."""
        ids = sorted(set(doc_ids))
        out: dict[str, Document] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(f"SELECT doc_id, doc_path, title, publisher, date FROM documents "
                                     f"WHERE doc_id IN ({marks})", chunk):
                out[r["doc_id"]] = Document(doc_id=r["doc_id"], doc_path=r["doc_path"], title=r["title"] or "",
                                            publisher=r["publisher"] or "", date=r["date"] or "", text="")
        return out

    def fact_periods(self, doc_id: str) -> list[tuple[int, Optional[int], Optional[int], str]]:
        """(char_start, year, period_end, period_rule) of every fact of one document, in text order."""
        return [tuple(r) for r in self.db.execute(
            "SELECT char_start, json_extract(data, '$.year'), json_extract(data, '$.period_end'), "
            "json_extract(data, '$.period_rule') FROM facts WHERE doc_id = ? ORDER BY char_start", (doc_id,))]

    def facts_by_id(self, fact_ids: list[str]) -> dict[str, Fact]:
        """fact_id → Fact for the ``fact_ids`` that are stored."""
        out: dict[str, Fact] = {}
        for chunk in _chunks(fact_ids, 500):
            marks = ",".join("?" * len(chunk))
            for fact_id, data in self.db.execute(f"SELECT fact_id, data FROM facts WHERE fact_id IN ({marks})",
                                                 chunk):
                out[fact_id] = Fact.model_validate_json(data)
        return out

    def fact(self, fact_id: str) -> Optional[Fact]:
        row = self.db.execute("SELECT data FROM facts WHERE fact_id = ?", (fact_id,)).fetchone()
        return Fact.model_validate_json(row[0]) if row else None

    def tables(self, doc_id: Optional[str] = None) -> list[Table]:
        return [Table.model_validate_json(d)
                for (d,) in self._select("tables", "data", doc_id, "doc_id, ordinal")]

    def checks(self, doc_id: Optional[str] = None, verdict: Optional[str] = None) -> list[Check]:
        sql = "SELECT data FROM checks WHERE 1=1"
        args: list = []
        if doc_id is not None:
            sql += " AND doc_id = ?"
            args.append(doc_id)
        if verdict is not None:
            sql += " AND verdict = ?"
            args.append(verdict)
        # inconsistent first, then unverifiable, then consistent; stable within
        sql += (" ORDER BY CASE verdict WHEN 'inconsistent' THEN 0 WHEN 'unverifiable' THEN 1 "
                "ELSE 2 END, doc_id, check_id")
        return [Check.model_validate_json(d) for (d,) in self.db.execute(sql, args)]

    def check(self, check_id: str) -> Optional[Check]:
        row = self.db.execute("SELECT data FROM checks WHERE check_id = ?", (check_id,)).fetchone()
        return Check.model_validate_json(row[0]) if row else None

    def checks_for(self, fact_ids: list[str], passage_ids: list[str]) -> list[Check]:
        """Checks whose stated figure is one of ``fact_ids`` or that sit in ``passage_ids``."""
        found: dict[str, Check] = {}
        for column, ids in (("stated_fact_id", fact_ids), ("passage_id", passage_ids)):
            for chunk in _chunks(ids, 500):
                marks = ",".join("?" * len(chunk))
                for (data,) in self.db.execute(
                        f"SELECT data FROM checks WHERE {column} IN ({marks})", chunk):
                    check = Check.model_validate_json(data)
                    found[check.check_id] = check
        return sorted(found.values(), key=lambda c: (c.verdict != "inconsistent", c.check_id))


def _column(row: sqlite3.Row, name: str):
    """A column added within schema 2 (kb.store.schema.ADDED_COLUMNS); None in an older store."""
    return row[name] if name in row.keys() else None


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items (the last one shorter) of any iterable, read as they are needed."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
