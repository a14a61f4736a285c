"""The store: kb's data in one SQLite file (``kb.sqlite``) plus the search index beside it,
and the bytes kb exports (CSV that Excel opens, JSON, Parquet).

All SQL of kb lives in this package.
"""

from kb.store.schema import DB_NAME
from kb.store.sqlite import DEFAULT_STORE, INDEX_DIR, FactFilter, Known, Store, resolve_store_dir
from kb.store.tables_folder import write_tables

__all__ = ["DB_NAME", "DEFAULT_STORE", "INDEX_DIR", "FactFilter", "Known", "Store", "resolve_store_dir", "write_tables"]
