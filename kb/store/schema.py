"""Opening ``kb.sqlite``: the schema, its version, migrations, and the checks made on open.

A store is opened for writing (``kb ingest``: created when missing, schema
brought up to date) or for reading (every other command: never created,
never rewritten). Every SQLite or file-system error on the way becomes a
`KbError` that names the store and says what to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kb.errors import KbError

SCHEMA_VERSION = 2
DB_NAME = "kb.sqlite"
# PRAGMA quick_check on open below this size: it reads every page (≈ 0.8 ms a MB here, 0.18 s of
# a one-file ingest at 224 MB); a larger store's damage is found by SQLite when a page is read,
# and reported with the same message (kb.api._reading, write_error).
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
BUSY_TIMEOUT_MS = 15_000     # a reader and an ingest wait for each other's transaction, not fail

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, doc_path TEXT NOT NULL, root TEXT NOT NULL DEFAULT '',
    title TEXT, publisher TEXT, date TEXT, author TEXT, source_format TEXT,
    encoding TEXT, content_hash TEXT, pipeline_version TEXT,
    text TEXT NOT NULL, blocks TEXT, line_map TEXT, source TEXT NOT NULL DEFAULT '',
    pages TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS passages (
    passage_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER,
    section TEXT, start INTEGER, "end" INTEGER, text TEXT, page INTEGER
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, ordinal);
CREATE TABLE IF NOT EXISTS sentences (
    sentence_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, passage_id TEXT,
    ordinal INTEGER, start INTEGER, "end" INTEGER, text TEXT
);
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences(doc_id, ordinal);
CREATE TABLE IF NOT EXISTS facts (
    fact_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, passage_id TEXT,
    char_start INTEGER, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_doc ON facts(doc_id, char_start);
CREATE INDEX IF NOT EXISTS facts_passage ON facts(passage_id);
-- kb check looks a claim's figure up by its indicator and year, not by a scan
CREATE INDEX IF NOT EXISTS facts_identity
    ON facts(json_extract(data, '$.indicator_key'), json_extract(data, '$.year'));
CREATE TABLE IF NOT EXISTS tables (
    table_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ordinal INTEGER, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS checks (
    check_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, kind TEXT, verdict TEXT,
    stated_fact_id TEXT, passage_id TEXT, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS checks_doc ON checks(doc_id);
CREATE INDEX IF NOT EXISTS checks_fact ON checks(stated_fact_id);
CREATE TABLE IF NOT EXISTS written_files (path TEXT PRIMARY KEY);
"""

# Added to every store opened for writing, without a version change (an older kb ignores
# them): each passage's search tokens, computed once at ingest (the index is updated from
# them, never by tokenising again); the documents changed since the search index was
# last updated; the (subject, indicator, year) keys of the facts written or removed since the
# cross-document checks were last brought up to date (only their groups are compared again);
# an index of the facts by their identity keys (kb check looks facts up by indicator,
# subject, measure and year instead of reading them all); an index of their indicator names
# (the answer finder reads the distinct names from it, not from every fact).
ADDITIONS = """
CREATE TABLE IF NOT EXISTS passage_tokens (
    passage_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passage_tokens_doc ON passage_tokens(doc_id);
CREATE TABLE IF NOT EXISTS index_pending (doc_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS identity_pending (
    subject_key TEXT, indicator_key TEXT, year INTEGER, PRIMARY KEY (subject_key, indicator_key, year)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_identity ON facts(
    json_extract(data, '$.indicator_key'), json_extract(data, '$.subject_key'),
    json_extract(data, '$.measure'), json_extract(data, '$.year'));
CREATE INDEX IF NOT EXISTS facts_names ON facts(
    json_extract(data, '$.indicator_key'), json_extract(data, '$.indicator'))
"""

# Version 1 → 2: documents get ``source`` (the file's absolute path, the document's
# identity across runs) and kb remembers every file it wrote (``written_files``).
# Version-1 documents were named by their file's stem; they keep their rows until
# the next ingest re-processes them under their new ids (kb.pipeline says so).
IDENTITY_INDEX = """CREATE INDEX IF NOT EXISTS facts_identity
    ON facts(json_extract(data, '$.indicator_key'), json_extract(data, '$.year'));
"""

MIGRATE_1_TO_2 = """
CREATE INDEX IF NOT EXISTS facts_identity
    ON facts(json_extract(data, '$.indicator_key'), json_extract(data, '$.year'));
ALTER TABLE documents ADD COLUMN source TEXT NOT NULL DEFAULT '';
UPDATE documents SET source = CASE WHEN root = '' THEN doc_path ELSE root || '/' || doc_path END;
CREATE TABLE IF NOT EXISTS written_files (path TEXT PRIMARY KEY);
INSERT OR REPLACE INTO meta VALUES ('legacy_ids', '1');
"""


# Columns added within schema 2, with defaults: for paged sources (PDF), and each fact's
# cells of the `kb facts` CSV, rendered when it is written (kb.store.fact_csv: the export
# copies them instead of parsing every fact). A store made before them gets them when it is
# next opened for writing (facts written earlier keep a NULL line); reading tolerates their absence.
ADDED_COLUMNS = (("documents", "pages", "TEXT NOT NULL DEFAULT ''"), ("passages", "page", "INTEGER"),
                 ("facts", "csv_line", "TEXT"))


def add_missing_columns(db: sqlite3.Connection) -> None:
    """ALTER TABLE … ADD COLUMN for every column of ADDED_COLUMNS the store lacks."""
    for table, column, decl in ADDED_COLUMNS:
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        if have and column not in have:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


def damaged(path: Path, exc: BaseException) -> KbError:
    """The one line for a store SQLite cannot read."""
    if "not a database" in str(exc):
        return KbError(f"{path} is not a kb store ({exc}): point --store at another directory, "
                       "or delete it and run `kb ingest`")
    return KbError(f"the store {path} is damaged ({exc}): delete it (or choose another --store) "
                   "and run `kb ingest` to rebuild it from your documents")


def write_error(path: Path, exc: BaseException) -> KbError:
    """The one line for a failed write into the store (read-only, disk full, damaged)."""
    text = str(exc)
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return KbError(f"cannot write to the store {path} (read-only): check its permissions "
                       "or pass --store DIR; the store keeps its last complete transaction")
    if "full" in text or "No space" in text or "too large" in text.lower():
        return KbError(f"the disk is full while writing {path}: free some space and run "
                       "`kb ingest` again; the store keeps its last complete transaction")
    if "disk I/O error" in text:
        return KbError(f"the disk is full or failing while writing {path} ({text}): free some space "
                       "and run `kb ingest` again; the store keeps its last complete transaction")
    if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
        return damaged(path, exc)
    return KbError(f"cannot write to the store {path} ({text}): check the disk and its "
                   "permissions, then run `kb ingest` again")


def connect_for_writing(path: Path) -> sqlite3.Connection:
    """A connection that may create and change ``kb.sqlite``; the schema is made current."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size == 0:
            path.unlink()          # a kill before the first commit leaves an empty file
        # isolation_level=None: we manage transactions; check_same_thread=False: the
        # page opens the store once and Streamlit reads it from its script threads.
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except (OSError, sqlite3.Error) as exc:
        raise write_error(path, exc) from None
    try:
        quick_check(db, path)
        migrate(db, path)
        add_tables(db, path)
    except KbError:
        db.close()
        raise
    return db


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that never changes the store: no schema is written, writes are refused."""
    if not path.is_file():
        raise KbError(f"no knowledge base at {path}: run `kb ingest` first (or pass --store DIR)")
    if path.stat().st_size == 0:
        raise KbError(f"the store {path} is empty (0 bytes; an ingest was killed before its first "
                      "commit?): run `kb ingest` to build it")
    uri = path.resolve().as_uri()
    try:
        # mode=rw (not ro) so that SQLite can roll back a transaction a killed ingest left
        # half-done; query_only refuses every write of ours.
        db = sqlite3.connect(f"{uri}?mode=rw", uri=True, isolation_level=None, check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA query_only = ON")
    except sqlite3.Error:
        try:
            db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None,
                                 check_same_thread=False)
        except sqlite3.Error as exc:
            raise KbError(f"cannot open the store {path} ({exc}): check its permissions") from None
    try:
        quick_check(db, path)
        version = schema_version(db, path)
    except KbError:
        db.close()
        raise
    if version is None:
        db.close()
        raise KbError(f"{path} is not a kb store (no kb tables in it): point --store at another "
                      "directory, or delete it and run `kb ingest`")
    if version < SCHEMA_VERSION:
        db.close()
        raise KbError(f"the store {path} was made by an older kb (schema {version}): run `kb ingest` "
                      "to update it (its documents are re-processed, nothing is lost)")
    check_not_newer(version)
    return db


def quick_check(db: sqlite3.Connection, path: Path) -> None:
    """PRAGMA quick_check when the file is small enough to make it cheap; damaged → KbError."""
    try:
        size = path.stat().st_size if path.exists() else 0
        if size > QUICK_CHECK_MAX_BYTES:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise KbError(f"the store {path} was left mid-transaction by an interrupted kb and is "
                          "read-only here: run `kb ingest` where it is writable to repair it") from None
        raise damaged(path, exc) from None
    if rows and rows[0][0] != "ok":
        raise damaged(path, rows[0][0])


def schema_version(db: sqlite3.Connection, path: Path) -> int | None:
    """The store's schema version, or None when the file has no kb tables (a new store)."""
    try:
        if db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone() is None:
            return None
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise KbError(f"{path} is not a kb store ({exc}): point --store at another directory "
                      "or delete it") from None
    return None if row is None else int(row[0])


def check_not_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise KbError(f"the store was written by a newer kb (schema {version}); upgrade kb")


def add_tables(db: sqlite3.Connection, path: Path) -> None:
    """The ADDITIONS, where they are missing (cheap when they are there)."""
    try:
        for statement in filter(str.strip, ADDITIONS.split(";")):
            db.execute(statement)
    except sqlite3.Error as exc:
        raise write_error(path, exc) from None


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Create the schema in a new store; bring an older one to SCHEMA_VERSION, in one transaction."""
    version = schema_version(db, path)
    if version is not None:
        check_not_newer(version)
    if version == SCHEMA_VERSION:
        try:
            db.execute(IDENTITY_INDEX)    # stores made before the index existed get it here
            add_missing_columns(db)
        except sqlite3.Error as exc:
            raise write_error(path, exc) from None
        return
    script = SCHEMA if version is None else MIGRATE_1_TO_2 if version == 1 else None
    if script is None:
        raise KbError(f"the store {path} has schema {version}, which this kb cannot update: "
                      "delete it and run `kb ingest`")
    try:
        db.execute("BEGIN IMMEDIATE")
        for statement in filter(str.strip, script.split(";")):
            db.execute(statement)
        add_missing_columns(db)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise write_error(path, exc) from None
