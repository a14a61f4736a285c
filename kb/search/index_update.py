"""Keep the BM25 index on disk up to date with the store, from the passages' stored tokens.

The store lists the documents changed since the index was last updated
(``Store.index_pending``). When the index on disk was made by this pipeline
version, their old passages are marked deleted and their new ones added as one
segment (kb.search.bm25: exact scores, segments merged when needed): a changed
file costs its own passages, not the collection's. Otherwise (no index, an old
format, another pipeline version) the index is built anew from every passage's
stored tokens, written beside the old one and renamed over it. Tokens are read,
never computed again, except for passages written by a kb that did not store them.
Applying the same changes twice gives the same index, so an update that a kill
interrupted is simply done again by the next ingest.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

from kb.errors import KbError
from kb.search.bm25 import BM25Index
from kb.search.segment import segment_from_rows


def passage_rows(store, tokenizer, doc_ids=None) -> Iterator[tuple[list, str, str, int]]:
    """(tokens, passage id, doc id, ordinal) of the passages (of ``doc_ids``), in order, read
    one at a time."""
    for row in store.passage_tokens(doc_ids):
        tokens = row.tokens if row.tokens is not None else tokenizer.tokenize(row.text)
        yield tokens, row.passage_id, row.doc_id, row.ordinal


def rebuild_index(store, index_dir: Path, tokenizer) -> None:
    """Build the whole index from the store and put it at ``index_dir`` (temp dir, then rename);
    the passages' tokens are streamed from the store, never all held."""
    segment = segment_from_rows(passage_rows(store, tokenizer))
    index = BM25Index.of_segment(segment)
    tmp = index_dir.with_name(index_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    index.save(tmp)
    shutil.rmtree(index_dir, ignore_errors=True)
    tmp.rename(index_dir)


def update_index(store, index_dir: Path, tokenizer, version: str) -> None:
    """Apply the store's pending document changes to the index, or rebuild it (see the module)."""
    index = None
    if store.get_meta("index_version") == version and index_dir.is_dir():
        try:
            index = BM25Index.load(index_dir)
        except KbError:
            index = None
    if index is None:
        rebuild_index(store, index_dir, tokenizer)
        return
    pending = store.index_pending()
    if not pending:
        return
    added = segment_from_rows(passage_rows(store, tokenizer, pending))
    added = added if len(added) else None
    index.updated(pending, added).save_changes(index_dir)
