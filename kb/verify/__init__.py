"""kb verify: recompute every derived figure of a document and judge it.

The public API, loaded lazily so that ``import kb.verify`` stays cheap:

- ``check_document(document, passages, sentences, facts, tables)`` → list of Check:
  each derived figure of one document recomputed from the figures it was derived from
  (the relation finders of ``kb.verify.relations``) and judged with rounding intervals;
- ``check_across_documents(facts)`` → list of Check: one figure stated in several documents;
  ``stream_across_documents(facts, fetch)`` yields the same checks holding one small tuple a
  fact compared instead of the facts (a whole store's);
- the interval arithmetic of ``kb.verify.recompute``: ``Interval``, ``stated_interval``,
  ``recompute_ratio``, ``overlaps`` and the module ``recompute`` itself.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "check_document": "kb.verify.checks",
    "check_across_documents": "kb.verify.checks",
    "stream_across_documents": "kb.verify.checks",
    "Interval": "kb.verify.recompute",
    "stated_interval": "kb.verify.recompute",
    "recompute_ratio": "kb.verify.recompute",
    "overlaps": "kb.verify.recompute",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kb.verify' has no attribute {name!r}")
