"""A BM25 index over tokenised passages: precomputed sparse weights, fast top-k.

Scores equal ``rank_bm25.BM25Okapi.get_scores`` (the reference model):

    idf(t)   = log(N - n_t + 0.5) - log(n_t + 0.5); a negative idf is replaced by
               epsilon × (mean of all idfs, taken before that replacement)
    w(t, d)  = idf(t) · tf·(k1 + 1) / (tf + k1·(1 - b + b·|d| / avgdl))
    score(q, d) = Σ over query tokens (a repeated token counts again) of w(t, d)

Every w(t, d) is computed once at build time into a term-major sparse matrix
(as bm25s does), so a query is the sum of a few posting rows followed by an
``np.argpartition`` top-k. The index is built from all passages at once (a
build at 10^6 passages takes well under two minutes); there are no
incremental updates: rebuild it when passages change.
"""

from __future__ import annotations

import json
import logging
from array import array
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse

from kb.errors import KbError

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
MATRIX_FILE = "bm25_weights.npz"
VOCAB_FILE = "bm25_vocab.json"
_CHUNK = 1 << 22  # postings per step of the weight computation


class BM25Index:
    """Okapi BM25 over passages given as token lists.

    Parameters (as rank_bm25 names them):
    k1 : float  term-frequency saturation (1.5).
    b : float  document-length normalisation (0.75).
    epsilon : float  floor for negative idfs, as a fraction of the mean idf (0.25).
    """

    def __init__(self, ids: list[str], vocab: dict[str, int], indptr: np.ndarray,
                 indices: np.ndarray, weights: np.ndarray, *, k1: float, b: float,
                 epsilon: float, avgdl: float) -> None:
        self.ids = ids
        self.vocab = vocab              # term → row of the posting arrays
        self.indptr = indptr            # int64 (V+1): postings of term t are [indptr[t], indptr[t+1])
        self.indices = indices          # int32: passage numbers, ascending within a term
        self.weights = weights          # float64: w(t, d) for each posting
        self.k1, self.b, self.epsilon, self.avgdl = k1, b, epsilon, avgdl

    def __len__(self) -> int:
        return len(self.ids)

    # --- build ---------------------------------------------------------------

    @classmethod
    def build(cls, docs_tokens: Iterable[Sequence[str]], ids: list[str], k1: float = 1.5,
              b: float = 0.75, epsilon: float = 0.25) -> "BM25Index":
        """Index ``docs_tokens[i]`` under ``ids[i]``; any iterable of token lists works."""
        vocab: dict[str, int] = {}
        terms = array("i")      # distinct term ids of each passage, passage after passage
        tfs = array("i")        # their term frequencies
        per_doc = array("q")    # distinct terms per passage
        doc_len = array("q")
        for tokens in docs_tokens:
            counts = Counter(tokens)
            # setdefault gives a new term the next free id
            terms.extend([vocab.setdefault(t, len(vocab)) for t in counts])
            tfs.extend(counts.values())
            per_doc.append(len(counts))
            doc_len.append(len(tokens))
        n_docs, n_terms = len(doc_len), len(vocab)
        if n_docs != len(ids):
            raise KbError(f"index build got {n_docs} token lists but {len(ids)} ids: pass one id per passage")
        if len(set(ids)) != len(ids):
            raise KbError("index build got duplicate passage ids: pass each passage once")
        term_ids = np.asarray(terms, dtype=np.int32)
        distinct = np.asarray(per_doc, dtype=np.int64)
        del per_doc
        # int32 pointers while they fit, so scipy keeps int32 indices (half the memory)
        ptr_type = np.int32 if len(term_ids) < 2**31 else np.int64
        doc_ptr = np.zeros(n_docs + 1, dtype=ptr_type)
        np.cumsum(distinct, out=doc_ptr[1:])

        lengths = np.asarray(doc_len, dtype=np.int64).astype(np.float64)
        avgdl = float(lengths.mean()) if n_docs else 0.0
        df = np.bincount(term_ids, minlength=n_terms).astype(np.float64)
        idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        if n_terms:
            idf[idf < 0] = epsilon * float(idf.mean())   # rank_bm25's floor
        norm = k1 * (1 - b + b * lengths / avgdl) if avgdl > 0 else np.full(n_docs, k1)

        # passage × term CSR of tf → CSC: postings grouped by term, passages ascending.
        # Transposing the int32 tfs (not float64 weights) keeps peak memory low.
        by_doc = sparse.csr_matrix((np.asarray(tfs, dtype=np.int32), term_ids, doc_ptr),
                                   shape=(n_docs, n_terms))
        del term_ids, terms, tfs, doc_ptr
        by_term = by_doc.tocsc()
        del by_doc
        indptr = by_term.indptr.astype(np.int64)
        indices = by_term.indices.astype(np.int32, copy=False)
        tf_by_term = by_term.data
        del by_term
        weights = np.empty(len(indices), dtype=np.float64)
        for lo in range(0, len(indices), _CHUNK):   # chunks: no posting-sized temporaries
            hi = min(lo + _CHUNK, len(indices))
            tf = tf_by_term[lo:hi].astype(np.float64)
            term = np.searchsorted(indptr, np.arange(lo, hi), side="right") - 1
            weights[lo:hi] = idf[term] * (tf * (k1 + 1) / (tf + norm[indices[lo:hi]]))
        del tf_by_term
        logger.debug("bm25 index: %d passages, %d terms, %d postings", n_docs, n_terms, len(indices))
        return cls(list(ids), vocab, indptr, indices, weights, k1=k1, b=b, epsilon=epsilon, avgdl=avgdl)

    # --- query ---------------------------------------------------------------

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (as BM25Okapi.get_scores)."""
        out = np.zeros(len(self.ids))
        for term, count in Counter(query_tokens).items():
            row = self.vocab.get(term)
            if row is not None:
                lo, hi = self.indptr[row], self.indptr[row + 1]
                out[self.indices[lo:hi]] += count * self.weights[lo:hi]
        return out

    def top_k(self, query_tokens: Sequence[str], k: int,
              allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The ``k`` best passages that contain a query term, best first, as (id, score).

        ``allowed`` is an optional boolean mask over passages (in build order);
        ties are broken by build order.
        """
        if allowed is not None and (allowed.dtype != bool or allowed.shape != (len(self.ids),)):
            raise KbError(f"allowed must be a boolean mask of {len(self.ids)} passages")
        rows = [(self.vocab[t], c) for t, c in Counter(query_tokens).items() if t in self.vocab]
        if k <= 0 or not rows:
            return []
        postings = [self.indices[self.indptr[r]:self.indptr[r + 1]] for r, _ in rows]
        n_postings = sum(len(p) for p in postings)
        scores = np.zeros(len(self.ids))
        for (row, count), idx in zip(rows, postings, strict=True):
            scores[idx] += count * self.weights[self.indptr[row]:self.indptr[row + 1]]
        if n_postings * 4 < len(self.ids):
            # few matches: rank only the passages that contain a query term
            candidates = np.unique(np.concatenate(postings))
        else:
            matched = np.zeros(len(self.ids), dtype=bool)
            for idx in postings:
                matched[idx] = True
            candidates = np.flatnonzero(matched)
        if allowed is not None:
            candidates = candidates[allowed[candidates]]
        if len(candidates) > k:
            cand_scores = scores[candidates]
            kth = -np.partition(-cand_scores, k - 1)[k - 1]
            candidates = candidates[cand_scores >= kth]   # keep every tie at the boundary
        best = candidates[np.lexsort((candidates, -scores[candidates]))][:k]
        return [(self.ids[i], float(scores[i])) for i in best]

    # --- persistence ----------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the index to ``directory`` (bm25_weights.npz + bm25_vocab.json)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        np.savez(directory / MATRIX_FILE, indptr=self.indptr, indices=self.indices, weights=self.weights)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        meta = {"format": FORMAT_VERSION, "k1": self.k1, "b": self.b, "epsilon": self.epsilon,
                "avgdl": self.avgdl, "ids": self.ids, "terms": terms}
        (directory / VOCAB_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "BM25Index":
        """Read an index written by ``save``; KbError when it is missing or unreadable."""
        directory = Path(directory)
        try:
            meta = json.loads((directory / VOCAB_FILE).read_text(encoding="utf-8"))
            with np.load(directory / MATRIX_FILE) as arrays:
                indptr, indices, weights = arrays["indptr"], arrays["indices"], arrays["weights"]
        except FileNotFoundError:
            raise KbError(f"no search index in {directory}: run `kb ingest` first") from None
        except (OSError, ValueError, KeyError) as exc:
            raise KbError(f"search index in {directory} is unreadable ({exc}): run `kb ingest` again") from None
        if meta.get("format") != FORMAT_VERSION:
            raise KbError(f"search index in {directory} has an old format: run `kb ingest` again")
        vocab = {t: i for i, t in enumerate(meta["terms"])}
        return cls(meta["ids"], vocab, indptr, indices, weights, k1=meta["k1"], b=meta["b"],
                   epsilon=meta["epsilon"], avgdl=meta["avgdl"])
