"""A BM25 index over tokenised passages: segments of term frequencies, exact scores, fast top-k.

Scores equal ``rank_bm25.BM25Okapi.get_scores`` (the reference model) over the live
passages of all segments:

    idf(t)   = log(N - n_t + 0.5) - log(n_t + 0.5); a negative idf is replaced by
               epsilon × (mean of all idfs, taken before that replacement)
    w(t, d)  = idf(t) · tf·(k1 + 1) / (tf + k1·(1 - b + b·|d| / avgdl))
    score(q, d) = Σ over query tokens (a repeated token counts again) of w(t, d)

The index is a list of segments (kb.search.segment) plus the collection's
statistics: N, the total length, the mean idf and every term's document
frequency (by term hash). Adding documents writes one new segment; removing
them marks their passages deleted in the segment that holds them; both update
the statistics, so scores stay exact without touching the other segments.
Segments are merged into one when there are more than ``MAX_SEGMENTS`` or the
small ones hold more than a quarter of the passages. A query reads the posting
lists of its terms in each segment, computes their weights, adds them into a
reused score buffer and picks the top k among the passages that hold a term.

On disk (``save``/``load``): ``manifest.json`` names the segments and their
deletion masks; it is replaced last and atomically, so a reader sees the old
index or the new one. Arrays are memory-mapped: opening an index costs the
same at a thousand passages and at a million.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from kb.errors import KbError
from kb.search.segment import Segment, build_segment, merge_segments, term_hash

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
STATS_FILE = "df.npz"
MAX_SEGMENTS = 8
SPARSE_SHARE = 64          # fewer postings than passages / 64: rank the matches by sorting them


class Stats:
    """Collection statistics: live passages, their total length, document frequency by term hash."""

    def __init__(self, n: int, total_length: int, hashes: np.ndarray, df: np.ndarray) -> None:
        self.n, self.total_length, self.hashes, self.df = n, total_length, hashes, df

    @property
    def avgdl(self) -> float:
        return self.total_length / self.n if self.n else 0.0

    def mean_idf(self) -> float:
        if not len(self.df):
            return 0.0
        df = self.df.astype(np.float64)
        return float((np.log(self.n - df + 0.5) - np.log(df + 0.5)).mean())

    def frequency(self, h: np.uint64) -> int:
        i = int(np.searchsorted(self.hashes, h))
        return int(self.df[i]) if i < len(self.hashes) and self.hashes[i] == h else 0

    def changed(self, hashes: np.ndarray, delta: np.ndarray, passages: int, length: int) -> "Stats":
        """These statistics plus ``delta`` passages holding each term of ``hashes`` (negative:
        removed), ``passages`` more passages and ``length`` more tokens."""
        all_h = np.concatenate([self.hashes, hashes])
        uniq, inverse = np.unique(all_h, return_inverse=True)
        weights = np.concatenate([self.df, delta]).astype(np.float64)   # exact below 2**53
        df = np.bincount(inverse, weights=weights, minlength=len(uniq)).astype(np.int64)
        keep = df > 0
        return Stats(self.n + passages, self.total_length + length, uniq[keep], df[keep])

    @classmethod
    def of(cls, segments: list[Segment]) -> "Stats":
        stats = cls(0, 0, np.zeros(0, np.uint64), np.zeros(0, np.int64))
        for s in segments:
            hashes, df = s.document_frequencies()
            stats = stats.changed(hashes, df, s.live(), s.live_length())
        return stats


class Vocabulary:
    """``term in index.vocab``: the term is in a live passage."""

    def __init__(self, stats: Stats) -> None:
        self._stats = stats

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._stats.frequency(np.uint64(term_hash(term))) > 0

    def __len__(self) -> int:
        return len(self._stats.hashes)


class BM25Index:
    """Okapi BM25 over passages given as token lists, in segments.

    Parameters (as rank_bm25 names them):
    k1 : float  term-frequency saturation (1.5).
    b : float  document-length normalisation (0.75).
    epsilon : float  floor for negative idfs, as a fraction of the mean idf (0.25).
    """

    def __init__(self, segments: list[Segment], stats: Stats, *, k1: float = 1.5, b: float = 0.75,
                 epsilon: float = 0.25) -> None:
        self.segments = segments
        self.stats = stats
        self.k1, self.b, self.epsilon = k1, b, epsilon
        self._mean_idf = stats.mean_idf()
        self._lock = threading.Lock()
        self._buffers: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return self.stats.n

    @property
    def avgdl(self) -> float:
        return self.stats.avgdl

    @property
    def vocab(self) -> Vocabulary:
        return Vocabulary(self.stats)

    @property
    def ids(self) -> list[str]:
        """Live passage ids in (doc_id, ordinal) order (for tests and small indexes)."""
        rows = [(s.sort_key(i), str(s.ids[i])) for s in self.segments for i in range(len(s))
                if s.deleted is None or not s.deleted[i]]
        return [pid for _, pid in sorted(rows, key=lambda r: r[0])] if len(self.segments) > 1 \
            else [pid for _, pid in rows]

    # --- build and change ------------------------------------------------------

    @classmethod
    def build(cls, docs_tokens: Iterable[Sequence[str]], ids: Sequence[str],
              doc_ids: Optional[Sequence[str]] = None, ordinals: Optional[Sequence[int]] = None,
              k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25) -> "BM25Index":
        """Index ``docs_tokens[i]`` under ``ids[i]`` (any iterable of token lists); passages are
        given in (doc_id, ordinal) order, which breaks ties (build order without ``doc_ids``)."""
        segment = build_segment(docs_tokens, list(ids), doc_ids, ordinals)
        return cls.of_segment(segment, k1=k1, b=b, epsilon=epsilon)

    @classmethod
    def of_segment(cls, segment: Segment, k1: float = 1.5, b: float = 0.75,
                   epsilon: float = 0.25) -> "BM25Index":
        """The index of one segment (kb.search.segment.segment_from_rows streams one from the store)."""
        return cls([segment], Stats.of([segment]), k1=k1, b=b, epsilon=epsilon)

    def updated(self, removed_docs: set[str], added: Optional[Segment]) -> "BM25Index":
        """A new index without the passages of ``removed_docs`` and with ``added``'s; exact
        statistics; segments merged when there are too many small ones."""
        stats, segments = self.stats, []
        for s in self.segments:
            rows = s.rows_of(removed_docs) if removed_docs else np.zeros(0, np.int32)
            if s.deleted is not None and len(rows):
                rows = rows[~s.deleted[rows]]
            if len(rows):
                hashes, counts = s.term_counts(rows)
                stats = stats.changed(hashes, -counts, -len(rows),
                                      -int(np.asarray(s.lengths)[rows].astype(np.int64).sum()))
                deleted = np.zeros(len(s), dtype=bool) if s.deleted is None else s.deleted.copy()
                deleted[rows] = True
                s = Segment(**{**s.__dict__, "deleted": deleted, "deleted_file": None})
            if s.live():
                segments.append(s)
        if added is not None and len(added):
            hashes, df = added.document_frequencies()
            stats = stats.changed(hashes, df, added.live(), added.live_length())
            segments.append(added)
        if _needs_merge(segments):
            segments = [merge_segments(segments)] if segments else []
        return BM25Index(segments, stats, k1=self.k1, b=self.b, epsilon=self.epsilon)

    # --- query ---------------------------------------------------------------

    def _idf(self, df: int) -> float:
        n = self.stats.n
        idf = float(np.log(n - df + 0.5) - np.log(df + 0.5))
        return self.epsilon * self._mean_idf if idf < 0 else idf

    def _query_terms(self, query_tokens: Sequence[str]) -> list[tuple[int, list, float]]:
        """(count, postings per segment, idf) of each query term found in a live passage."""
        out = []
        for term, count in Counter(query_tokens).items():
            h = np.uint64(term_hash(term))
            postings = [s.postings(h) for s in self.segments]
            df = sum(len(idx) for idx, _ in postings)
            if df:
                out.append((count, postings, self._idf(df)))
        return out

    def _weights(self, segment: Segment, idx: np.ndarray, tf: np.ndarray, factor: float) -> np.ndarray:
        k1, b, avgdl = self.k1, self.b, self.avgdl
        f = tf.astype(np.float64)
        return factor * (f * (k1 + 1) / (f + k1 * (1 - b + b * segment.lengths[idx] / avgdl)))

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every live passage in ``ids`` order (as BM25Okapi.get_scores); for tests."""
        per_segment = [np.zeros(len(s)) for s in self.segments]
        for count, postings, idf in self._query_terms(query_tokens):
            for n, (idx, tf) in enumerate(postings):
                per_segment[n][idx] += self._weights(self.segments[n], idx, tf, count * idf)
        rows = [((s.sort_key(i) if len(self.segments) > 1 else (0, 0)), per_segment[n][i])
                for n, s in enumerate(self.segments) for i in range(len(s))
                if s.deleted is None or not s.deleted[i]]
        if len(self.segments) > 1:
            rows.sort(key=lambda r: r[0])
        return np.asarray([score for _, score in rows], dtype=np.float64)

    def _buffer(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """A zeroed score vector and match mask for segment ``n`` (reused between queries)."""
        if n not in self._buffers:
            size = len(self.segments[n])
            self._buffers[n] = (np.zeros(size), np.zeros(size, dtype=bool))
        return self._buffers[n]

    def _segment_candidates(self, n: int, terms: list, allowed: Optional[set[str]]):
        """(passage numbers, scores) of segment ``n``'s passages holding a query term."""
        segment = self.segments[n]
        lists = [(count, idf, *postings[n]) for count, postings, idf in terms if len(postings[n][0])]
        if not lists:
            return _EMPTY_I, _EMPTY_F
        scores, matched = self._buffer(n)
        total = sum(len(idx) for _, _, idx, _ in lists)
        for count, idf, idx, tf in lists:
            scores[idx] += self._weights(segment, idx, tf, count * idf)
        if total * SPARSE_SHARE < len(segment):
            candidates = np.unique(np.concatenate([idx for _, _, idx, _ in lists]))
        else:
            for _, _, idx, _ in lists:
                matched[idx] = True
            candidates = np.flatnonzero(matched)
            matched[candidates] = False
        found = scores[candidates].copy()
        scores[candidates] = 0.0
        if allowed is not None:
            keep = np.fromiter((str(pid) in allowed for pid in segment.ids[candidates]), dtype=bool,
                               count=len(candidates))
            candidates, found = candidates[keep], found[keep]
        return candidates, found

    def top_k(self, query_tokens: Sequence[str], k: int,
              allowed: Optional[set[str]] = None) -> list[tuple[str, float]]:
        """The ``k`` best passages that contain a query term, best first, as (id, score).

        ``allowed`` is an optional set of passage ids to choose from; ties are broken
        by (doc_id, ordinal) order (build order for an index built without doc ids).
        """
        if k <= 0:
            return []
        terms = self._query_terms(query_tokens)
        if not terms:
            return []
        with self._lock:
            found = [self._segment_candidates(n, terms, allowed) for n in range(len(self.segments))]
        pool = [(n, c, s) for n, (c, s) in enumerate(found) if len(c)]
        if not pool:
            return []
        all_scores = np.concatenate([s for _, _, s in pool])
        if len(all_scores) > k:
            kth = -np.partition(-all_scores, k - 1)[k - 1]
            pool = [(n, c[s >= kth], s[s >= kth]) for n, c, s in pool]   # every tie at the boundary
        if len(pool) == 1:
            n, c, s = pool[0]
            order = np.lexsort((c, -s))[:k]
            return [(str(self.segments[n].ids[i]), float(v)) for i, v in zip(c[order], s[order], strict=True)]
        rows = [(-float(v), self.segments[n].sort_key(int(i)), str(self.segments[n].ids[i]))
                for n, c, s in pool for i, v in zip(c, s, strict=True)]
        rows.sort(key=lambda r: (r[0], r[1]))
        return [(pid, -score) for score, _, pid in rows[:k]]

    # --- persistence ----------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the whole index into ``directory`` (emptied first)."""
        directory = Path(directory)
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        for segment in self.segments:
            segment.path = segment.deleted_file = None
        self._write(directory, generation=1)

    def save_changes(self, directory: Path) -> None:
        """Write this index (an ``updated`` copy of the one loaded from ``directory``) there: only
        new segments and deletion masks are written, then the manifest is replaced atomically;
        the files it no longer names are removed."""
        directory = Path(directory)
        generation = _read_manifest(directory)["generation"] + 1
        self._write(directory, generation)
        manifest = _read_manifest(directory)
        keep = _named_files(manifest) | {MANIFEST}
        dirs = {e["dir"] for e in manifest["segments"]}
        for path in directory.iterdir():
            if path.is_dir() and path.name not in dirs:
                shutil.rmtree(path, ignore_errors=True)
            elif path.is_file() and path.name not in keep:
                path.unlink(missing_ok=True)
        for name in dirs:
            for path in (directory / name).glob("deleted-*.npy"):
                if f"{name}/{path.name}" not in keep:
                    path.unlink(missing_ok=True)

    def _write(self, directory: Path, generation: int) -> None:
        entries = []
        for number, segment in enumerate(self.segments):
            if segment.path is None or not (directory / segment.path).is_dir():
                segment.save(directory / f"seg{generation:06d}-{number}")
            if segment.deleted is not None and segment.deleted_file is None:
                segment.save_deleted(directory, f"{segment.path}/deleted-{generation:06d}.npy")
            entries.append({"dir": segment.path, "deleted": segment.deleted_file})
        stats_name = f"df-{generation:06d}.npz"
        np.savez(directory / stats_name, hashes=self.stats.hashes, df=self.stats.df)
        manifest = {"format": FORMAT_VERSION, "generation": generation, "k1": self.k1, "b": self.b,
                    "epsilon": self.epsilon, "n": self.stats.n, "total_length": self.stats.total_length,
                    "stats": stats_name, "segments": entries}
        tmp = directory / f"{MANIFEST}.tmp"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, directory / MANIFEST)

    @classmethod
    def load(cls, directory: Path) -> "BM25Index":
        """Read an index written by ``save``; KbError when it is missing or unreadable."""
        directory = Path(directory)
        try:
            manifest = _read_manifest(directory)
            if manifest.get("format") != FORMAT_VERSION:
                raise KbError(f"search index in {directory} has an old format: run `kb ingest` again")
            segments = [Segment.load(directory, e["dir"], e.get("deleted")) for e in manifest["segments"]]
            with np.load(directory / manifest["stats"]) as arrays:
                stats = Stats(manifest["n"], manifest["total_length"], arrays["hashes"], arrays["df"])
        except FileNotFoundError:
            raise KbError(f"no search index in {directory}: run `kb ingest` first") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KbError(f"search index in {directory} is unreadable ({exc}): run `kb ingest` again") from None
        return cls(segments, stats, k1=manifest["k1"], b=manifest["b"], epsilon=manifest["epsilon"])


_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0, dtype=np.float64)


def _needs_merge(segments: list[Segment]) -> bool:
    if len(segments) > MAX_SEGMENTS:
        return True
    if len(segments) < 2:
        return False
    sizes = sorted((len(s) for s in segments), reverse=True)
    deleted = sum(len(s) - s.live() for s in segments)
    return sum(sizes[1:]) * 4 > sizes[0] or deleted * 4 > sum(sizes)


def _read_manifest(directory: Path) -> dict:
    return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))


def _named_files(manifest: dict) -> set[str]:
    return {manifest["stats"]} | {e["deleted"] for e in manifest["segments"] if e.get("deleted")}
