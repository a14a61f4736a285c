"""Ordered rule lists: try each small named rule in turn and record which one fired.

A rule takes the facts it reads and returns what it chose, or None when it
does not apply; ``first_rule`` tries a list in order and returns the first
choice with the rule's name (the name says how the choice was made: a year in
the figure's own clause is a confident link, one carried from an earlier
sentence a guess).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence


def first_rule(rules: Sequence[Callable[..., Any]], *args: Any) -> tuple[str, Any]:
    """(name, choice) of the first rule of ``rules`` that returns a choice (not None) for ``args``;
    ("", None) when none does."""
    for rule in rules:
        choice = rule(*args)
        if choice is not None:
            return rule.__name__, choice
    return "", None
