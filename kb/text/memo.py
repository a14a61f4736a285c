"""Results of pure text functions kept per argument (issue 12).

The linker, the identity pass and the checks ask the same question of the same text many times
(``find_years`` of one sentence by the scene, the carry-over and the identity pass; ``find_places``
of one phrase by the subject, indicator and carry rules). ``functools.lru_cache`` keeps a result
that cannot be changed (a str, an int, a tuple); ``kept_list`` keeps a function's list as a tuple
and gives each caller a list of its own, so that a caller that appends to or sorts its list changes
no one else's. The items themselves are shared: a function kept this way must return items that
no caller changes (tuples, or objects only the function itself sets up).
"""

from __future__ import annotations

from functools import lru_cache, wraps
from typing import Callable, TypeVar

T = TypeVar("T")


def kept_list(maxsize: int = 4096) -> Callable[[Callable[..., list[T]]], Callable[..., list[T]]]:
    """A decorator: ``function`` (of hashable arguments, returning a list) answered once per
    arguments (the ``maxsize`` most recent), each call given a new list of the same items."""

    def decorate(function: Callable[..., list[T]]) -> Callable[..., list[T]]:
        kept = lru_cache(maxsize=maxsize)(lambda *args, **kwargs: tuple(function(*args, **kwargs)))

        @wraps(function)
        def answer(*args, **kwargs) -> list[T]:
            return list(kept(*args, **kwargs))

        answer.cache_clear = kept.cache_clear          # type: ignore[attr-defined]
        answer.cache_info = kept.cache_info            # type: ignore[attr-defined]
        return answer

    return decorate
