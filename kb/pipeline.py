"""Ingest: run every stage over the source files and write the store.

load → segment → facts → tables → checks, one document at a time, each
written in its own transaction; then cross-document checks, the extracted
table CSVs and the search index. Incremental: a file whose content hash and
pipeline version are unchanged is skipped; a document whose file is gone
from an ingested folder is removed with all it produced.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from kb import __version__
from kb.errors import KbError, LoadError
from kb.store import INDEX_DIR, Store
from kb.text.tokenizer import Tokenizer

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """kb's version plus a hash of its code and data: when a stage changes what it
    produces, unchanged files are processed again instead of keeping stale facts.
    Computed when an ingest first needs it, not at import."""
    import hashlib

    package = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*.py")) + sorted((package / "data").glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"



Progress = Callable[[int, int, str], None]


@dataclass
class IngestSummary:
    documents: int = 0          # documents in the store after ingest
    ingested: int = 0           # documents (re)processed now
    skipped: int = 0            # unchanged, not reprocessed
    removed: int = 0
    passages: int = 0
    sentences: int = 0
    facts: int = 0
    tables: int = 0
    checks: int = 0
    inconsistent: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def line(self) -> str:
        return (f"{self.documents} documents ({self.ingested} ingested, {self.skipped} unchanged, "
                f"{self.removed} removed), {self.passages} passages, {self.sentences} sentences, "
                f"{self.facts} facts, {self.tables} tables, {self.checks} checks "
                f"({self.inconsistent} inconsistent) in {self.seconds:.2f} s")


def _sources_for(root: Path) -> dict:
    from kb.ingest import read_sources_table

    table = root / "SOURCES.md"
    if table.is_file():
        try:
            return read_sources_table(table)
        except Exception as exc:  # metadata is optional: never block an ingest on it
            log.warning("could not read %s: %s", table, exc)
    return {}


def plan_files(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs to ingest; a folder is its own root, a file's root is its folder."""
    from kb.ingest import discover

    planned: list[tuple[Path, Path]] = []
    for path in paths:
        if not path.exists():
            raise KbError(f"{path}: no such file or folder; give a file or a folder of "
                          ".txt/.md/.html documents")
        root = path if path.is_dir() else path.parent
        for file in discover([path]):
            planned.append((file, root))
    return planned


def process_document(path: Path, root: Path, sources: dict, tokenizer: Tokenizer):
    """Every per-document stage; returns what the store keeps for it."""
    from kb.figures import extract_facts, find_tables, table_facts
    from kb.ingest import load_document, segment
    from kb.figures.identity import identify_facts
    from kb.verify import check_document

    document = load_document(path, root, sources, tokenizer=tokenizer)
    passages, sentences = segment(document)
    facts = extract_facts(document, passages, sentences, tokenizer)
    tables = find_tables(document)
    for table in tables:
        facts.extend(table_facts(table, document, passages))
    facts = identify_facts(document, sentences, passages, _dedupe_facts(facts))
    checks = check_document(document, passages, sentences, facts, tables)
    return document, passages, sentences, facts, tables, checks


def _dedupe_facts(facts):
    seen: dict[str, object] = {}
    for fact in facts:
        seen.setdefault(fact.fact_id, fact)
    return list(seen.values())


def ingest(paths: list[Path], store_dir: Path, tables_dir: Path,
           progress: Optional[Progress] = None, tokenizer: Optional[Tokenizer] = None) -> IngestSummary:
    """Bring the store up to date with ``paths``; see the module docstring."""
    started = time.perf_counter()
    tokenizer = tokenizer or Tokenizer()
    summary = IngestSummary()
    planned = plan_files(paths)
    store = Store.open(store_dir)
    tokenizer = Tokenizer()
    try:
        known = store.document_index()
        roots = {str(root.resolve()) for _, root in planned} | {
            str(p.resolve()) for p in paths if p.is_dir()}
        seen_ids: set[str] = set()
        sources_by_root: dict[Path, dict] = {}
        changed = False
        for number, (path, root) in enumerate(planned, 1):
            if progress:
                progress(number - 1, len(planned), path.name)
            rel = path.resolve().relative_to(root.resolve()).as_posix()
            doc_id = path.stem
            seen_ids.add(doc_id)
            content_hash = _hash_file(path)
            old = known.get(doc_id)
            if old and old[0] == rel and old[2] == content_hash and old[3] == pipeline_version():
                summary.skipped += 1
                continue
            if root not in sources_by_root:
                sources_by_root[root] = _sources_for(root)
            try:
                document, passages, sentences, facts, tables, checks = process_document(
                    path, root, sources_by_root[root], tokenizer)
            except LoadError as exc:
                summary.failures.append((str(path), str(exc)))
                continue
            store.write_document(document, passages, sentences, facts, tables, checks,
                                 root=str(root.resolve()), pipeline_version=pipeline_version())
            summary.ingested += 1
            changed = True
        # Documents whose file is gone from an ingested folder.
        for doc_id, (_, root, _, _) in known.items():
            if root in roots and doc_id not in seen_ids:
                store.remove_document(doc_id)
                summary.removed += 1
                changed = True
        if progress:
            progress(len(planned), len(planned), "checks and index")
        index_missing = not (store_dir / INDEX_DIR).is_dir()
        if changed or index_missing or store.get_meta("index_version") != pipeline_version():
            _refresh_derived(store, store_dir, tables_dir, tokenizer)
        elif not (tables_dir / "index.csv").exists():
            _write_tables(store, tables_dir)
        _fill_counts(store, summary)
    finally:
        store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _refresh_derived(store: Store, store_dir: Path, tables_dir: Path, tokenizer: Tokenizer) -> None:
    """What depends on all documents at once: cross-document checks, table CSVs, index."""
    from kb.verify import check_across_documents

    store.replace_checks("cross_document", check_across_documents(list(store.iter_facts())))
    _write_tables(store, tables_dir)
    build_index(store, store_dir / INDEX_DIR, tokenizer)
    store.set_meta("index_version", pipeline_version())


def _write_tables(store: Store, tables_dir: Path) -> None:
    from kb.store import write_tables

    tables = store.tables()
    tables_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{t.table_id}.csv" for t in tables} | {"index.csv"}
    for old in _listed_tables(tables_dir):
        if old not in wanted:
            (tables_dir / old).unlink(missing_ok=True)
    write_tables(tables, tables_dir)


def _listed_tables(tables_dir: Path) -> list[str]:
    """CSV files named in the existing index.csv (the ones kb wrote before)."""
    import csv

    index = tables_dir / "index.csv"
    if not index.exists():
        return []
    with index.open(encoding="utf-8-sig", newline="") as handle:
        return [f"{row['table_id']}.csv" for row in csv.DictReader(handle) if row.get("table_id")]


def build_index(store: Store, index_dir: Path, tokenizer: Tokenizer) -> None:
    """Tokenise every passage and write the BM25 index (atomically: temp dir, then rename)."""
    import shutil

    from kb.search.bm25 import BM25Index

    passages = store.passages()
    tokens = [tokenizer.tokenize(p.text) for p in passages]
    index = BM25Index.build(tokens, [p.passage_id for p in passages])
    tmp = index_dir.with_name(index_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    index.save(tmp)
    shutil.rmtree(index_dir, ignore_errors=True)
    tmp.rename(index_dir)


def _fill_counts(store: Store, summary: IngestSummary) -> None:
    db = store.db
    summary.documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    summary.passages = db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
    summary.sentences = db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
    summary.facts = db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    summary.tables = db.execute("SELECT COUNT(*) FROM tables").fetchone()[0]
    summary.checks = db.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
    summary.inconsistent = db.execute(
        "SELECT COUNT(*) FROM checks WHERE verdict='inconsistent'").fetchone()[0]


def _hash_file(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise KbError(f"{path}: cannot read ({exc.strerror}); check the file's permissions") from None
