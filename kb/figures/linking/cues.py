"""Cue words of Chinese figure sentences, and the clauses and words they are read in.

The regexes that tell what a figure is (governing verbs such as 达/为/增长/占,
growth/decline, comparison, share, CAGR and time words, the lead and trail
words an indicator phrase is cleaned of; words from kb/data/linking.yaml), the
claim-type unit families and the split of a sentence into clauses. Shared by
the other kb.figures.linking modules.
"""

from __future__ import annotations

import re

from kb.text.memo import kept_list
from kb.text.vocab import regex


# A four-digit year 19xx/20xx standing alone (not part of a longer number).
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

_FORMULA = re.compile(r"\$[^$]+\$")
BOOK_TITLE = re.compile(r"《[^《》]*》")
PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
QUOTES = re.compile(r"[“”‘’\"「」]")

_CLAUSE_BREAK = set("，,；;：:。！？!?")
LIST_CONNECTOR = regex("linking", "list_connector")
# Governing verbs/markers between an indicator and its figure (first one wins).
GOVERNING_MARKER = regex("linking", "governing_marker")
# Words that put the following place in a comparison position.
COMPARISON_LEAD = regex("linking", "comparison_lead")
COMPARISON_WITH = regex("linking", "comparison_with")
TIME_WORDS = regex("linking", "time_words")
PHRASE_LEAD = regex("linking", "phrase_lead")
PHRASE_TRAIL = regex("linking", "phrase_trail")
GENERIC_INDICATOR = regex("linking", "generic_indicator")

COUNT_UNITS = {"count", "person", "person-time", "household", "vehicle"}
RATE_CHANGE_TYPES = {"change", "growth_rate", "cagr", "multiple"}
# figures that compare with a base (比2019年增长, 是2019年的1.5倍, 比2019年增加5417亿元)
COMPARISON_TYPES = RATE_CHANGE_TYPES | {"difference"}


def formula_spans(text: str) -> list[tuple[int, int]]:
    """Spans of $…$ formulas in ``text``."""
    return [m.span() for m in _FORMULA.finditer(text)]


@kept_list()       # the scene and the rules split the same sentence again (issue 12)
def split_clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans split at ，；：。 outside brackets (a comma between digits is no break)."""
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_BREAK and depth == 0:
            if ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The clause span of ``clauses`` that holds offset ``pos`` (the last one when none does)."""
    for a, b in clauses:
        if a <= pos <= b:
            return a, b
    return clauses[-1]


def bracket_clause_start(text: str, start: int, end: int) -> int:
    """Where a figure's clause starts when the figure stands inside brackets opened in the clause
    after words of their own (增长6.5%（上年同期增长5.2%）: the bracket's words, not the clause's, say
    what it measures; 增长率（15.2%） is named by the words before the bracket)."""
    opened = max(text.rfind("（", start, end), text.rfind("(", start, end))
    if opened >= 0 and not re.search(r"[）)]", text[opened:end]) and re.search(r"[\u4e00-\u9fff]", text[opened:end]):
        return opened + 1
    return start
