"""jieba's dictionary route (``get_DAG`` and ``calc``) computed the same, with less work (issue 12).

Every word cut in an ingest (the search tokens, the part-of-speech tagging and the filter of
kb.text.pos_filter) goes through ``jieba.Tokenizer.get_DAG`` and ``calc``: a tenth of an ingest's
CPU. ``route_tokenizer(jieba)`` is a ``jieba.Tokenizer`` whose two methods give what jieba's give:

- ``get_DAG`` computes the route with the DAG, in one pass from the last position to the first
  (``routed_word_ends``): each fragment's frequency is asked once (``FREQ.get``: ``frag in FREQ``
  and ``FREQ[frag]`` are one lookup, a frequency is never None) and gives the word's sum at once,
  and a character the dictionary lacks ends its list at once. The answer is a dict equal to
  jieba's that also holds the route (``RoutedDAG``);
- ``calc`` copies that route when given it for its own sentence; given any other DAG, a position
  with one way on takes its one pair, the others ``max`` of the same pairs, summed in the same
  order (``best_route``).

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
            return routed_word_ends(self.FREQ.get, log(self.total), sentence)

        def calc(self, sentence, DAG, route):  # noqa: N803 (jieba's name)
            if type(DAG) is RoutedDAG and DAG.sentence is sentence:
                route.update(DAG.route)      # computed with the DAG, from the same frequencies
            else:
                best_route(self.FREQ.get, log(self.total), sentence, DAG, route)

    return RouteTokenizer


class RoutedDAG(dict):
    """``get_DAG``'s answer (position → ends: equal to jieba's dict, in its order) that also holds
    the route ``calc`` gives for it: ``sentence``, the text it was made of, and ``route``."""

    __slots__ = ("sentence", "route")


def routed_word_ends(freq_get, logtotal: float, sentence: str) -> RoutedDAG:
    """``get_DAG`` and ``calc`` in one pass, from the last position to the first (issue 12): the
    frequency of a word, asked once to find it among the ends, gives its probability at once
    (``calc`` asked it again); the sums are ``calc``'s, in its order, and the best end is kept as
    ``max`` keeps it (of two equal sums, the pair with the larger end)."""
    n = len(sentence)
    ends_at: list = [None] * n
    best = [0.0] * n + [0]                  # route[i][0]; route[n] is (0, 0) as calc sets it
    route = {n: (0, 0)}
    lone = log(1) - logtotal                # calc's term for a position without a word (freq or 1)
    for k in range(n - 1, -1, -1):
        f = freq_get(sentence[k])
        ends, top, end = None, 0.0, k
        if f:
            ends, top = [k], log(f) - logtotal + best[k + 1]
        i = k + 1
        while f is not None and i < n:
            f = freq_get(sentence[k:i + 1])
            if f:
                p = log(f) - logtotal + best[i + 1]
                if ends is None:
                    ends, top, end = [i], p, i
                else:
                    ends.append(i)
                    if p >= top:            # max of (sum, end) pairs: a later end wins a tie
                        top, end = p, i
            i += 1
        if ends is None:
            ends, top = [k], lone + best[k + 1]
        ends_at[k] = ends
        best[k] = top
        route[k] = (top, end)
    dag = RoutedDAG(enumerate(ends_at))
    dag.sentence, dag.route = sentence, route
    return dag


def best_route(freq_get, logtotal: float, sentence: str, dag: dict, route: dict) -> None:
    """``calc`` of a DAG without its route: ``route[i]`` = (the best log probability from i to the
    end, the end of the word at i)."""
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
