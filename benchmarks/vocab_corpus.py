"""Benchmark passages with a realistic vocabulary, generated at run time (never committed).

Words are drawn from jieba's dictionary (349k words) with its own frequencies, which
follow Zipf's law, and one token in ten is a figure (an integer or a decimal drawn
from a log-normal, as statistical reports write them), so that a million passages hold
several hundred thousand distinct terms and the posting lists of rare and common words
are as long as in real text. Passage lengths are 20–100 tokens (a paragraph of 1–4
sentences after kb's tokeniser). A fixed seed makes every run, and every process of
one run, see the same passages and queries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np

CHUNK = 10_000
NUMBER_SHARE = 0.1


def dictionary() -> tuple[np.ndarray, np.ndarray]:
    """(words, probabilities) of jieba's dictionary, most frequent first."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words, freqs = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            words.append(parts[0])
            freqs.append(int(parts[1]))
    freq = np.asarray(freqs, dtype=np.float64)
    order = np.argsort(-freq, kind="stable")
    return np.asarray(words, dtype=object)[order], freq[order] / freq.sum()


def _numbers(rng: np.random.Generator, n: int) -> list[str]:
    values = rng.lognormal(3.0, 2.0, n)
    decimals = rng.integers(0, 3, n)
    return [f"{v:.{d}f}" for v, d in zip(values, decimals, strict=True)]


def _tokens(rng: np.random.Generator, words: np.ndarray, cdf: np.ndarray, n: int) -> list[str]:
    picks = np.searchsorted(cdf, rng.random(n), side="right").clip(0, len(words) - 1)
    tokens = words[picks]
    is_number = rng.random(n) < NUMBER_SHARE
    tokens[is_number] = _numbers(rng, int(is_number.sum()))
    return tokens.tolist()


def passages(n: int, seed: int = 7) -> Iterator[list[str]]:
    """Yield ``n`` passages (token lists)."""
    words, p = dictionary()
    cdf = np.cumsum(p)
    rng = np.random.default_rng(seed)
    for start in range(0, n, CHUNK):
        lengths = rng.integers(20, 101, min(CHUNK, n - start))
        tokens = _tokens(rng, words, cdf, int(lengths.sum()))
        pos = 0
        for length in lengths:
            yield tokens[pos:pos + length]
            pos += length


def queries(n: int, seed: int = 11) -> list[list[str]]:
    """1–4 distinct tokens of one generated passage, as a user's keywords."""
    rng = np.random.default_rng(seed)
    out = []
    for tokens in passages(n, seed=seed + 1):
        distinct = sorted(set(tokens))
        size = min(len(distinct), int(rng.integers(1, 5)))
        out.append([distinct[i] for i in rng.choice(len(distinct), size, replace=False)])
    return out
