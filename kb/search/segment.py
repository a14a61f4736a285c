"""One segment of the BM25 index: term frequencies of a set of passages, term-major.

A segment holds, for the passages it was built from (in (doc_id, ordinal) order):

    hashes   uint64, sorted: a 64-bit hash of each term (``term_hash``)
    indptr   int64: postings of term row r are [indptr[r], indptr[r+1])
    indices  int32: the passage numbers of a term, ascending
    tfs      int32: the term's frequency in each of those passages
    lengths  int32: each passage's length in tokens
    ids      passage ids; ``pdoc`` (int32, into ``docs``) and ``ordinals``: where a
             passage stands in the (doc_id, ordinal) order that breaks ties
    deleted  bool per passage, or None: passages removed after the segment was written

Weights are not stored: BM25 weights depend on the number of passages, each
term's document frequency and the mean length, which change with every added
document; a query computes them for the few posting lists it reads. Every array
is a ``.npy`` file read with ``mmap_mode="r"``, so opening a segment costs nothing
whatever its size. Terms are looked up by hash (no vocabulary is loaded); a
collision of two of a segment's terms is refused at build time, and two terms of
different segments share a 64-bit hash with a probability of about V²/2⁶⁵ (3·10⁻⁸
for a million terms).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from kb.errors import KbError

ARRAYS = ("hashes", "indptr", "indices", "tfs", "lengths", "ids", "pdoc", "ordinals")


def term_hash(term: str) -> int:
    """A stable 64-bit hash of a term (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


def term_hashes(terms: Iterable[str]) -> np.ndarray:
    return np.fromiter((term_hash(t) for t in terms), dtype=np.uint64)


@dataclass
class Segment:
    hashes: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    tfs: np.ndarray
    lengths: np.ndarray
    ids: np.ndarray
    pdoc: np.ndarray
    ordinals: np.ndarray
    docs: list[str]
    deleted: Optional[np.ndarray] = None
    path: Optional[str] = None           # its folder's name in the index folder, once written
    deleted_file: Optional[str] = None   # the file of ``deleted`` there, once written

    def __len__(self) -> int:
        return len(self.lengths)

    def live(self) -> int:
        return len(self) - (int(self.deleted.sum()) if self.deleted is not None else 0)

    def live_length(self) -> int:
        lengths = self.lengths.astype(np.int64)
        return int(lengths.sum() - (lengths[self.deleted].sum() if self.deleted is not None else 0))

    def postings(self, h: np.uint64) -> tuple[np.ndarray, np.ndarray]:
        """(passage numbers, term frequencies) of the term with hash ``h``, deleted passages left out."""
        row = int(np.searchsorted(self.hashes, h))
        if row >= len(self.hashes) or self.hashes[row] != h:
            return _EMPTY_I, _EMPTY_I
        lo, hi = int(self.indptr[row]), int(self.indptr[row + 1])
        idx, tf = self.indices[lo:hi], self.tfs[lo:hi]
        if self.deleted is not None:
            keep = ~self.deleted[idx]
            if not keep.all():
                idx, tf = idx[keep], tf[keep]
        return idx, tf

    def sort_key(self, i: int) -> tuple[str, int]:
        """Where passage ``i`` stands in the (doc_id, ordinal) order."""
        return self.docs[int(self.pdoc[i])], int(self.ordinals[i])

    def rows_of(self, doc_ids: set[str]) -> np.ndarray:
        """Passage numbers of the given documents."""
        wanted = [n for n, d in enumerate(self.docs) if d in doc_ids]
        if not wanted:
            return _EMPTY_I
        return np.flatnonzero(np.isin(self.pdoc, np.asarray(wanted, dtype=np.int32)))

    def term_counts(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(term hashes, number of the passages ``rows`` holding each) — what removing them takes
        from the document frequencies."""
        gone = np.zeros(len(self), dtype=bool)
        gone[rows] = True
        hit = gone[self.indices]
        term_rows = np.searchsorted(self.indptr, np.flatnonzero(hit), side="right") - 1
        counts = np.bincount(term_rows, minlength=len(self.hashes))
        present = np.flatnonzero(counts)
        return self.hashes[present], counts[present].astype(np.int64)

    def document_frequencies(self) -> tuple[np.ndarray, np.ndarray]:
        """(term hashes, live passages holding each)."""
        if self.deleted is None:
            return self.hashes, np.diff(self.indptr).astype(np.int64)
        hashes, gone = self.term_counts(np.flatnonzero(self.deleted))
        df = np.diff(self.indptr).astype(np.int64)
        df[np.searchsorted(self.hashes, hashes)] -= gone
        keep = df > 0
        return self.hashes[keep], df[keep]

    # --- disk ---------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the arrays into ``directory`` (not the deletion mask: see ``save_deleted``)."""
        directory.mkdir(parents=True, exist_ok=True)
        for name in ARRAYS:
            np.save(directory / f"{name}.npy", getattr(self, name))
        (directory / "docs.json").write_text(json.dumps(self.docs, ensure_ascii=False), encoding="utf-8")
        self.path, self.deleted_file = directory.name, None

    def save_deleted(self, index_dir: Path, name: str) -> None:
        np.save(index_dir / name, self.deleted)
        self.deleted_file = name

    @classmethod
    def load(cls, index_dir: Path, path: str, deleted_file: Optional[str] = None) -> "Segment":
        directory = index_dir / path
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
        docs = json.loads((directory / "docs.json").read_text(encoding="utf-8"))
        mask = np.load(index_dir / deleted_file) if deleted_file else None
        return cls(**arrays, docs=docs, deleted=mask, path=path, deleted_file=deleted_file)


_EMPTY_I = np.zeros(0, dtype=np.int32)


class Postings:
    """Passage-major term counts, added a passage at a time into compact arrays (no token list
    is kept): the first half of building a segment."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.terms, self.tfs, self.per_doc, self.doc_len = array("i"), array("i"), array("q"), array("q")

    def add(self, tokens: Sequence[str]) -> None:
        """Count one passage's tokens."""
        counts = Counter(tokens)
        self.terms.extend([self.vocab.setdefault(t, len(self.vocab)) for t in counts])
        self.tfs.extend(counts.values())
        self.per_doc.append(len(counts))
        self.doc_len.append(len(tokens))

    def segment(self, ids: Sequence[str], doc_ids: Optional[Sequence[str]] = None,
                ordinals: Optional[Sequence[int]] = None) -> "Segment":
        """The segment of the passages added, which are ``ids`` (in (doc_id, ordinal) order);
        made once (the term ids are dropped on the way)."""
        n_docs = len(self.doc_len)
        if n_docs != len(ids):
            raise KbError(f"index build got {n_docs} token lists but {len(ids)} ids: pass one id per passage")
        if len(set(ids)) != len(ids):
            raise KbError("index build got duplicate passage ids: pass each passage once")
        hashes = term_hashes(self.vocab)
        order = np.argsort(hashes, kind="stable")
        if len(order) > 1 and (np.diff(hashes[order]) == 0).any():
            raise KbError("two index terms share a 64-bit hash; please report this corpus")
        rank = np.empty(len(order), dtype=np.int32)
        rank[order] = np.arange(len(order), dtype=np.int32)
        term_rows = rank[np.frombuffer(self.terms, dtype=np.int32)] if len(self.terms) else np.zeros(0, np.int32)
        self.terms = array("i")        # the term ids are not needed again: 4 bytes a posting freed
        indptr, indices, tf_by_term = _term_major(term_rows, len(rank), self.tfs, self.per_doc, n_docs)
        docs, pdoc = _documents(doc_ids, n_docs)
        return Segment(
            hashes=hashes[order], indptr=indptr, indices=indices, tfs=tf_by_term,
            lengths=np.asarray(self.doc_len, dtype=np.int32), ids=np.asarray(list(ids), dtype=str),
            pdoc=pdoc, docs=docs,
            ordinals=np.asarray(ordinals if ordinals is not None else range(n_docs), dtype=np.int32))


def build_segment(docs_tokens: Iterable[Sequence[str]], ids: Sequence[str],
                  doc_ids: Optional[Sequence[str]] = None,
                  ordinals: Optional[Sequence[int]] = None) -> Segment:
    """A segment of passages ``ids`` (given in (doc_id, ordinal) order) from their tokens."""
    postings = Postings()
    for tokens in docs_tokens:
        postings.add(tokens)
    return postings.segment(ids, doc_ids, ordinals)


def segment_from_rows(rows: Iterable[tuple[Sequence[str], str, str, int]]) -> Segment:
    """``build_segment`` from (tokens, passage id, doc id, ordinal) rows read one at a time (from
    the store): each passage's tokens are counted and dropped, only the ids are kept."""
    postings = Postings()
    ids: list[str] = []
    docs: list[str] = []
    ordinals = array("q")
    for tokens, passage_id, doc_id, ordinal in rows:
        postings.add(tokens)
        ids.append(passage_id)
        docs.append(docs[-1] if docs and docs[-1] == doc_id else doc_id)   # one string a document
        ordinals.append(ordinal)
    return postings.segment(ids, docs, ordinals)


def _term_major(term_rows: np.ndarray, n_terms: int, tfs: array, per_doc: array,
                n_docs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Passage-major (term row, tf) lists → term-major postings (indptr, passages, tfs); a sparse
    transpose, linear in the postings. ``term_rows``: each posting's row among the ``n_terms``
    (the rank of the term's hash)."""
    if len(term_rows) <= SMALL_POSTINGS:
        return _term_major_small(term_rows, n_terms, tfs, per_doc, n_docs)
    from scipy import sparse

    ptr_type = np.int32 if len(term_rows) < 2**31 else np.int64
    doc_ptr = np.zeros(n_docs + 1, dtype=ptr_type)
    np.cumsum(np.frombuffer(per_doc, dtype=np.int64) if n_docs else np.zeros(0, np.int64), out=doc_ptr[1:])
    by_doc = sparse.csr_matrix((np.frombuffer(tfs, dtype=np.int32) if len(tfs) else np.zeros(0, np.int32),
                                term_rows, doc_ptr), shape=(n_docs, n_terms))
    by_term = by_doc.tocsc()
    del by_doc
    return (by_term.indptr.astype(np.int64), by_term.indices.astype(np.int32, copy=False),
            by_term.data.astype(np.int32, copy=False))


SMALL_POSTINGS = 1_000_000   # fewer postings (one changed document) are transposed without scipy


def _term_major_small(term_rows: np.ndarray, n_terms: int, tfs: array, per_doc: array,
                      n_docs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_term_major`` by a stable sort of the postings by term: the same arrays, without
    importing scipy (≈ 0.1 s of a one-file ingest); n log n, so for small segments only."""
    per = np.frombuffer(per_doc, dtype=np.int64) if n_docs else np.zeros(0, np.int64)
    passage = np.repeat(np.arange(n_docs, dtype=np.int32), per)
    order = np.argsort(term_rows, kind="stable")
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(term_rows, minlength=n_terms), out=indptr[1:])
    values = np.frombuffer(tfs, dtype=np.int32) if len(tfs) else np.zeros(0, np.int32)
    return indptr, passage[order].astype(np.int32, copy=False), values[order].astype(np.int32, copy=False)


def _documents(doc_ids: Optional[Sequence[str]], n: int) -> tuple[list[str], np.ndarray]:
    """The segment's distinct documents and each passage's number among them."""
    if doc_ids is None:
        return [""], np.zeros(n, dtype=np.int32)
    docs = sorted(set(doc_ids))
    number = {d: i for i, d in enumerate(docs)}
    return docs, np.fromiter((number[d] for d in doc_ids), dtype=np.int32, count=n)


def merge_segments(segments: list[Segment]) -> Segment:
    """One segment with the live passages of ``segments``, in (doc_id, ordinal) order."""
    docs = sorted({d for s in segments for d in s.docs})
    rank = {d: i for i, d in enumerate(docs)}
    keys, parts = [], []
    for s in segments:
        live = np.flatnonzero(~s.deleted) if s.deleted is not None else np.arange(len(s))
        doc_rank = np.asarray([rank[d] for d in s.docs], dtype=np.int64)[np.asarray(s.pdoc)[live]]
        keys.append((doc_rank << 32) | np.asarray(s.ordinals)[live].astype(np.int64))
        parts.append(live)
    order = np.argsort(np.concatenate(keys), kind="stable") if keys else np.zeros(0, np.int64)
    new_number = []
    base = 0
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    hashes, passages, tfs = [], [], []
    for s, live in zip(segments, parts, strict=True):
        renumber = np.full(len(s), -1, dtype=np.int64)
        renumber[live] = position[base:base + len(live)]
        base += len(live)
        new_number.append(renumber)
        term_of = np.repeat(np.asarray(s.hashes), np.diff(s.indptr))
        new = renumber[np.asarray(s.indices)]
        keep = new >= 0
        hashes.append(term_of[keep])
        passages.append(new[keep])
        tfs.append(np.asarray(s.tfs)[keep])
    all_h = np.concatenate(hashes) if hashes else np.zeros(0, np.uint64)
    all_p = np.concatenate(passages) if passages else np.zeros(0, np.int64)
    all_tf = np.concatenate(tfs) if tfs else np.zeros(0, np.int32)
    by_term = np.lexsort((all_p, all_h))
    all_h, all_p, all_tf = all_h[by_term], all_p[by_term], all_tf[by_term]
    uniq, counts = np.unique(all_h, return_counts=True)
    indptr = np.zeros(len(uniq) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    n = len(order)
    cols = {name: np.empty(n, dtype=dtype) for name, dtype in
            (("lengths", np.int32), ("pdoc", np.int32), ("ordinals", np.int32))}
    ids = np.empty(n, dtype=max((s.ids.dtype for s in segments), key=lambda d: d.itemsize)) \
        if segments else np.zeros(0, dtype=str)
    for s, live, renumber in zip(segments, parts, new_number, strict=True):
        target = renumber[live]
        cols["lengths"][target] = np.asarray(s.lengths)[live]
        cols["ordinals"][target] = np.asarray(s.ordinals)[live]
        cols["pdoc"][target] = np.asarray([rank[d] for d in s.docs], dtype=np.int32)[np.asarray(s.pdoc)[live]]
        ids[target] = np.asarray(s.ids)[live]
    return Segment(hashes=uniq, indptr=indptr, indices=all_p.astype(np.int32), tfs=all_tf.astype(np.int32),
                   ids=ids, docs=docs or [""], **cols)
