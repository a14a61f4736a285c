"""A segment's term-major postings are the same whether transposed with or without scipy."""

from __future__ import annotations

import random

import numpy as np
import pytest

from kb.search import segment


def _segments(docs, monkeypatch):
    ids = [f"p{i}" for i in range(len(docs))]
    monkeypatch.setattr(segment, "SMALL_POSTINGS", 10**9)
    small = segment.build_segment(docs, ids, ["d"] * len(docs), list(range(len(docs))))
    monkeypatch.setattr(segment, "SMALL_POSTINGS", -1)
    large = segment.build_segment(docs, ids, ["d"] * len(docs), list(range(len(docs))))
    return small, large


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_small_transpose_equals_the_sparse_one(seed, monkeypatch):
    rng = random.Random(seed)
    words = [f"词{i}" for i in range(300)]
    docs = [[rng.choice(words) for _ in range(rng.randint(0, 40))] for _ in range(200)]
    docs[5] = []                                   # a passage without tokens
    small, large = _segments(docs, monkeypatch)
    for name in ("hashes", "indptr", "indices", "tfs", "lengths", "ordinals"):
        a, b = getattr(small, name), getattr(large, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_no_postings(monkeypatch):
    small, large = _segments([[], []], monkeypatch)
    assert np.array_equal(small.indptr, large.indptr) and len(small.indices) == len(large.indices) == 0


def test_a_segment_streamed_from_rows_equals_one_built_from_lists():
    """segment_from_rows (the index rebuild, passages read one at a time from the store) builds
    the arrays build_segment builds from the whole token lists."""
    rng = random.Random(7)
    words = [f"词{i}" for i in range(200)]
    docs = [[rng.choice(words) for _ in range(rng.randint(0, 30))] for _ in range(150)]
    ids = [f"p{i}" for i in range(len(docs))]
    doc_ids = [f"d{i // 10:03d}" for i in range(len(docs))]
    ordinals = [i % 10 for i in range(len(docs))]
    built = segment.build_segment(docs, ids, doc_ids, ordinals)
    streamed = segment.segment_from_rows(iter(zip(docs, ids, doc_ids, ordinals, strict=True)))
    for name in segment.ARRAYS:
        a, b = getattr(built, name), getattr(streamed, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
    assert built.docs == streamed.docs
    assert len(segment.segment_from_rows(iter([]))) == 0
