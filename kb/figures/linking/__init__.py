"""Context of a figure in its sentence: subject, indicator, year/period, claim type, direction.

``link(quantities, sentence, tokenizer, passage_text, carry)`` gives one ``Link``
per figure of a sentence; ``next_carry`` what the sentence hands on to the next
one of its paragraph (a ``Carry``). ``find_years`` lists the years a text states,
``short_name`` names a company by its short name, ``group_phrase`` finds a count of
unnamed places (六个经济大省), ``YEAR`` matches a standalone four-digit year.

The names are loaded on first use.
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb.figures.linking.carry import Carry, Link
    from kb.figures.linking.carry_over import next_carry, review_span
    from kb.figures.linking.cues import YEAR
    from kb.figures.linking.link import link
    from kb.figures.linking.periods import find_years
    from kb.figures.linking.subjects import group_phrase, short_name

_HOMES = {"Carry": "carry", "Link": "carry", "next_carry": "carry_over", "review_span": "carry_over",
          "YEAR": "cues", "link": "link", "find_years": "periods", "group_phrase": "subjects",
          "short_name": "subjects"}

__all__ = ["Carry", "Link", "YEAR", "find_years", "group_phrase", "link", "next_carry", "review_span",
           "short_name"]


def __getattr__(name: str):
    """Load the module that defines ``name`` on first use (PEP 562): a module that needs one
    of the linker's small parts (kb.figures.identity needs kb.figures.linking.cues) does not
    load the whole linker and its patterns."""
    if name not in _HOMES:
        raise AttributeError(f"module 'kb.figures.linking' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kb.figures.linking.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
