"""Context of a figure in its sentence: subject, indicator, year/period, claim type, direction.

``link(quantities, sentence, tokenizer, passage_text, carry)`` gives one ``Link``
per figure of a sentence; ``next_carry`` what the sentence hands on to the next
one of its paragraph (a ``Carry``). ``find_years`` lists the years a text states,
``short_name`` names a company by its short name, ``group_phrase`` finds a count of
unnamed places (六个经济大省), ``YEAR`` matches a standalone four-digit year.
"""

from kb.figures.linking.carry import Carry, Link
from kb.figures.linking.carry_over import next_carry, review_span
from kb.figures.linking.cues import YEAR
from kb.figures.linking.link import link
from kb.figures.linking.periods import find_years
from kb.figures.linking.subjects import group_phrase, short_name

__all__ = ["Carry", "Link", "YEAR", "find_years", "link", "next_carry", "review_span", "short_name",
           "group_phrase"]
