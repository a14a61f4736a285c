"""jieba's dictionary route (``get_DAG`` and ``calc``) computed the same, with less work (issue 12).

Every word cut in an ingest (the search tokens, the part-of-speech tagging and the filter of
kb.text.pos_filter) goes through ``jieba.Tokenizer.get_DAG`` and ``calc``: a tenth of an ingest's
CPU. ``route_tokenizer(jieba)`` is a ``jieba.Tokenizer`` whose two methods give what jieba's give:

- ``get_DAG``: the word's frequency is asked once (``FREQ.get``: ``frag in FREQ`` and
  ``FREQ[frag]`` are one lookup, a frequency is never None), the table a local name, and a
  character the dictionary lacks ends its list at once;
- ``calc``: a position with one way on (most of them) takes its one pair, the pair ``max`` of
  one pair gives; the others take ``max`` of the same pairs, summed in the same order.

Same ``DAG`` and ``route`` (tests/text/test_jieba_route.py compares them with jieba's on real
text and made-up strings), so the same words. The class is made on first use: importing
kb.text.tokenizer does not import jieba.
"""

from __future__ import annotations

from functools import lru_cache
from math import log


@lru_cache(maxsize=1)
def route_tokenizer(jieba) -> type:
    """A subclass of ``jieba.Tokenizer`` with the two methods below."""

    class RouteTokenizer(jieba.Tokenizer):
        """``jieba.Tokenizer`` with ``get_DAG`` and ``calc`` as in the module docstring."""

        def get_DAG(self, sentence):  # noqa: N802 (jieba's name)
            self.check_initialized()
            return word_ends(self.FREQ.get, sentence)

        def calc(self, sentence, DAG, route):  # noqa: N803 (jieba's name)
            best_route(self.FREQ.get, log(self.total), sentence, DAG, route)

    return RouteTokenizer


def word_ends(freq_get, sentence: str) -> dict[int, list[int]]:
    """``get_DAG``: for each position, the ends of the dictionary words that start there (words of
    frequency 0 are prefixes only), else the position itself."""
    dag = {}
    n = len(sentence)
    for k in range(n):
        f = freq_get(sentence[k])
        if f is None:
            dag[k] = [k]
            continue
        ends = [k] if f else []
        i = k + 1
        while i < n:
            f = freq_get(sentence[k:i + 1])
            if f is None:
                break
            if f:
                ends.append(i)
            i += 1
        dag[k] = ends or [k]
    return dag


def best_route(freq_get, logtotal: float, sentence: str, dag: dict, route: dict) -> None:
    """``calc``: ``route[i]`` = (the best log probability from i to the end, the end of the word at i)."""
    n = len(sentence)
    route[n] = (0, 0)
    for idx in range(n - 1, -1, -1):
        ends = dag[idx]
        if len(ends) == 1:
            x = ends[0]
            route[idx] = (log(freq_get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
        else:
            route[idx] = max((log(freq_get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
                             for x in ends)
