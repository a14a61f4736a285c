"""Ingest: run every stage over the source files and write the store.

load → segment → facts → tables → checks, one document at a time, each
written in its own transaction; then cross-document checks, the extracted
table CSVs and the search index. Incremental: a file whose content hash and
pipeline version are unchanged is skipped. Which files, under which ids, and
which stored documents go is kb.ingest.plan's job: a document is removed only
when its own file is gone from a folder given now, or with ``prune``.

Crash safety: every document change sets the store's stale marker in its own
transaction; the marker is cleared only after the cross-document checks, the
table CSVs and the index were rebuilt, so a run killed anywhere is finished by
the next ``kb ingest``. A file that cannot be read or processed is skipped
with its reason and the run goes on.
"""

from __future__ import annotations

import logging
import sqlite3
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
# Files of at most this many bytes in all are cut with jieba's dictionary read a word at a time
# (kb.text.frozen) instead of loaded whole (≈ 0.6 s): below it the words a text asks for cost less.
ON_DEMAND_MAX_BYTES = 512 * 1024


@dataclass
class IngestSummary:
    documents: int = 0          # documents in the store after ingest
    ingested: int = 0           # documents (re)processed now: added + updated
    unchanged: int = 0          # unchanged, not reprocessed
    removed: int = 0
    passages: int = 0
    sentences: int = 0
    facts: int = 0
    tables: int = 0
    checks: int = 0
    inconsistent: int = 0
    seconds: float = 0.0
    added: list[str] = field(default_factory=list)     # doc_ids
    updated: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # skipped: (path, reason)
    notes: list[str] = field(default_factory=list)     # what the user should know (a migration)

    def line(self) -> str:
        return (f"{self.documents} documents ({len(self.added)} added, {len(self.updated)} updated, "
                f"{self.unchanged} unchanged, {self.removed} removed, {len(self.failures)} skipped), "
                f"{self.passages} passages, {self.sentences} sentences, "
                f"{self.facts} facts, {self.tables} tables, {self.checks} checks "
                f"({self.inconsistent} inconsistent) in {self.seconds:.2f} s")

    def changes(self) -> list[str]:
        """One line per document added, updated or removed (skipped files: ``failures``)."""
        return ([f"added {d}" for d in self.added] + [f"updated {d}" for d in self.updated]
                + [f"removed {d}" for d in self.removed_ids])


def _sources_for(root: Path) -> dict:
    from kb.ingest import read_sources_table

    table = root / "SOURCES.md"
    if table.is_file():
        try:
            return read_sources_table(table)
        except Exception as exc:  # metadata is optional: never block an ingest on it
            log.warning("could not read %s: %s", table, exc)
    return {}


def process_document(path: Path, root: Path, sources: dict, tokenizer: Tokenizer, doc_id: str = "",
                     step: Callable[[str], None] = lambda stage: None):
    """Every per-document stage; returns what the store keeps for it. ``step(stage)`` is
    called as each stage starts (a progress bar shows it on a long document)."""
    from kb.figures import extract_facts, find_tables, table_facts
    from kb.ingest import load_document, segment
    from kb.ingest.paged import assign_pages
    from kb.figures.identity import identify_facts
    from kb.verify import check_document

    step("reading")
    document = load_document(path, root, sources, tokenizer=tokenizer, doc_id=doc_id)
    step("passages")
    passages, sentences = segment(document)
    step("figures")
    # figures are read in a bounded prefix of a very long document (kb.ingest.bounds)
    view, fig_passages, fig_sentences = _figure_view(document, passages, sentences)
    facts = extract_facts(view, fig_passages, fig_sentences, tokenizer)
    tables = find_tables(view)
    for table in tables:
        facts.extend(table_facts(table, view, fig_passages))
    facts = identify_facts(view, fig_sentences, fig_passages, _dedupe_facts(facts))
    assign_pages(document, passages, facts)        # paged sources (PDF): 第N页 on every citation
    step("checks")
    checks = check_document(*_read_as_simplified(view, fig_passages, fig_sentences, facts), tables)
    return document, passages, sentences, facts, tables, checks


def _read_as_simplified(document, passages, sentences, facts):
    """What the checks read: a document in traditional characters as simplified text (one character
    for one, kb.text.script), since the words they look for are simplified; the rest unchanged."""
    from kb.text.script import simplified

    text = simplified(document.text)
    if text == document.text:
        return document, passages, sentences, facts
    return (document.model_copy(update={"text": text}),
            [p.model_copy(update={"text": simplified(p.text), "section": simplified(p.section)}) for p in passages],
            [s.model_copy(update={"text": simplified(s.text)}) for s in sentences],
            [f.model_copy(update={"quote": simplified(f.quote)}) for f in facts])


def _figure_view(document, passages, sentences):
    """The document, passages and sentences that figure reading sees: all of them, or for a
    document longer than the bound its prefix (a note on the document says so)."""
    from kb.ingest.bounds import figure_limit

    limit, note = figure_limit(document.text)
    if not note:
        return document, passages, sentences
    document.notes.append(note)
    view = document.model_copy(update={"text": document.text[:limit],
                                       "blocks": [b for b in document.blocks if b.end <= limit]})
    return (view, [p for p in passages if p.end <= limit], [s for s in sentences if s.end <= limit])


def _dedupe_facts(facts):
    seen: dict[str, object] = {}
    for fact in facts:
        seen.setdefault(fact.fact_id, fact)
    return list(seen.values())


def ingest(paths: list[Path], store_dir: Path, tables_dir: Path,
           progress: Optional[Progress] = None, tokenizer: Optional[Tokenizer] = None,
           prune: bool = False, workers: int = 1, engine=None) -> IngestSummary:
    """Bring the store up to date with ``paths``; see the module docstring. ``workers``
    processes run the per-document stages (kb.ingest.workers); ``engine`` (kb.ingest.dask_engine) runs
    them on a Dask cluster instead."""
    started = time.perf_counter()
    tokenizer = tokenizer or Tokenizer()
    summary = IngestSummary()
    for path in paths:
        if not Path(path).exists() and not Path(path).is_symlink():
            raise KbError(f"{path}: no such file or folder; give a file or a folder of "
                          ".txt/.md/.html/.pdf/.docx/.xlsx documents")
    from kb.ingest.collector import fewer_collections

    store = Store.open(store_dir)
    try:
        with fewer_collections():
            _run(store, [Path(p) for p in paths], Path(tables_dir), summary, progress, tokenizer, prune,
                 (workers, engine))
    except sqlite3.DatabaseError as exc:
        raise store.write_error(exc) from None
    except OSError as exc:
        raise KbError(f"cannot write the search index or tables of {store_dir}: "
                      f"{exc.strerror or exc}; free some space or check permissions, then run "
                      "`kb ingest` again") from None
    finally:
        store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _run(store: Store, paths: list[Path], tables_dir: Path, summary: IngestSummary,
         progress: Optional[Progress], tokenizer: Tokenizer, prune: bool, runner: tuple) -> None:
    from kb.ingest.plan import make_plan

    legacy = store.legacy_ids()
    known = store.document_index()
    plan = make_plan(paths, known, prune=prune, legacy=legacy)
    if legacy:
        _adopt_legacy_tables(store, tables_dir)
        summary.notes.append(f"the store {store.path} was made by an older kb that named documents "
                             "by their file stem: they are re-processed under their new ids "
                             "(their path with its extension)")
    summary.failures += [(str(p), reason) for p, reason in plan.skipped]
    _process_files(store, plan.files, known, summary, progress, tokenizer, runner)
    for old in plan.removed:
        store.remove_document(old.doc_id)
        summary.removed_ids.append(old.doc_id)
    summary.removed = len(summary.removed_ids)
    summary.ingested = len(summary.added) + len(summary.updated)
    store_dir = store.directory
    index_missing = not (store_dir / INDEX_DIR).is_dir()
    same_version = store.get_meta("index_version") == pipeline_version()
    if store.is_stale() or index_missing or not same_version:
        _refresh_derived(store, store_dir, tables_dir, tokenizer,
                         _stepper(progress, len(plan.files), len(plan.files), "all documents"),
                         changed_only=same_version and not index_missing and not legacy)
    elif not (tables_dir / "index.csv").exists():
        _write_tables(store, tables_dir)
    _fill_counts(store, summary)


def _stepper(progress: Optional[Progress], done: int, total: int, label: str) -> Callable[[str], None]:
    """``step(stage)`` that shows the stage of the current file on the progress bar."""
    if progress is None:
        return lambda stage: None
    return lambda stage: progress(done, total, f"{label} · {stage}")


def _process_files(store: Store, files: list, known: dict, summary: IngestSummary,
                   progress: Optional[Progress], tokenizer: Tokenizer, runner: tuple) -> None:
    """Process the planned files that changed (kb.ingest.workers, or the Dask engine) and write each
    document as its result comes, in plan order; unchanged and unreadable files are counted.
    ``known``: the store's documents by source when the plan was made."""
    from kb.ingest.workers import Task, run_tasks

    sources_by_root: dict[str, dict] = {}
    tasks, planned_of = [], {}
    for planned in files:
        old = known.get(planned.source)
        try:
            content_hash = _hash_file(planned.path)
        except LoadError as exc:
            summary.failures.append((str(planned.path), str(exc)))
            continue
        if (old is not None and not planned.replaces and old.content_hash == content_hash
                and old.pipeline_version == pipeline_version()):
            summary.unchanged += 1
            continue
        if planned.root not in sources_by_root:
            sources_by_root[planned.root] = _sources_for(Path(planned.root))
        task = Task(str(planned.path), str(planned.root), sources_by_root[planned.root], planned.doc_id)
        tasks.append(task)
        planned_of[task] = (planned, old)
    workers, engine = runner
    tokenizer = tokenizer_for(tokenizer, [Path(t.path) for t in tasks])
    position = {task: n for n, task in enumerate(tasks)}
    step_for = (lambda task: _stepper(progress, position[task], len(tasks), task.doc_id))
    results = engine.run(tasks) if engine is not None else run_tasks(tasks, workers, tokenizer, step_for)
    for number, (task, done) in enumerate(results, 1):
        planned, old = planned_of[task]
        if done.failure:
            summary.failures.append((str(planned.path), done.failure))
        else:
            summary.notes += [f"{planned.doc_id}: {note}" for note in done.rows.notes]
            store.write_rows(done.rows, root=planned.root, pipeline_version=pipeline_version(),
                             source=planned.source, replaces=planned.replaces)
            (summary.updated if old is not None else summary.added).append(planned.doc_id)
        if progress:
            progress(number, len(tasks), planned.doc_id)


def tokenizer_for(tokenizer: Tokenizer, paths: list[Path]) -> Tokenizer:
    """The tokenizer to process ``paths`` with in this process: ``tokenizer``, or when its dictionary
    is not loaded yet and the files are small (one changed file), one that reads the dictionary on
    demand; both give the same words and tags (kb.text.tokenizer)."""
    if tokenizer.fast_start or tokenizer.loaded:
        return tokenizer
    try:
        size = sum(p.stat().st_size for p in paths)
    except OSError:
        return tokenizer
    return Tokenizer(fast_start=True) if size <= ON_DEMAND_MAX_BYTES else tokenizer


def _adopt_legacy_tables(store: Store, tables_dir: Path) -> None:
    """A store made by an older kb did not record the table CSVs it wrote: its own tables
    (named in its database, not in index.csv) that are in the tables folder are kb's."""
    from kb.store.tables_folder import wanted_paths

    store.record_written([p for p in wanted_paths(store.tables(), tables_dir)
                          if Path(p).is_file() and not Path(p).is_symlink()])


def _refresh_derived(store: Store, store_dir: Path, tables_dir: Path, tokenizer: Tokenizer,
                     step: Callable[[str], None] = lambda stage: None, changed_only: bool = False) -> None:
    """What depends on all documents at once: cross-document checks, table CSVs, index;
    the stale marker is cleared only when all of them are rebuilt. ``changed_only``: the
    derived data was made by this pipeline version, so only the groups of cross-document
    checks whose (subject, indicator, year) a changed document had or has are compared
    again (the store records those keys with every write); the others cannot change."""
    from kb.verify import check_across_documents, stream_across_documents

    step("cross-document checks")
    if changed_only:
        facts = store.facts_of_identities(store.identity_pending())
        store.update_checks("cross_document", [f.fact_id for f in facts], check_across_documents(facts))
    else:   # every fact of the store read once, one at a time; the facts compared are read again
        store.replace_checks("cross_document", stream_across_documents(store.iter_facts(), store.facts_by_id))
    step("table CSVs")
    _write_tables(store, tables_dir)
    step("search index")
    build_index(store, store_dir / INDEX_DIR, tokenizer)
    store.mark_fresh(pipeline_version())


def _write_tables(store: Store, tables_dir: Path) -> None:
    from kb.store.tables_folder import sync_tables

    sync_tables(store, tables_dir)


def build_index(store: Store, index_dir: Path, tokenizer: Tokenizer) -> None:
    """Bring the BM25 index up to date from the passages' stored tokens (kb.search.index_update)."""
    from kb.search.index_update import update_index

    update_index(store, index_dir, tokenizer, pipeline_version())


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
        raise LoadError(f"cannot read it ({exc.strerror or exc}); check the file's permissions") from None
