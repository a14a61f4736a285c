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
