"""Numbered headings: the level a numbering style gives (第一章 > 一、 > （一） > 1. > （1）),
and plain-text numbered section titles ("1 引言", "2.1 数据来源") told from quantities ("3 个")."""

from __future__ import annotations

import re

from kb.ingest.normalize import FULLWIDTH_TO_ASCII
from kb.text.vocab import regex

_SECTION_TITLE = regex("ingest", "section_title")
_DECIMAL_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s")


def is_section_title(line: str) -> bool:
    """A plain-text numbered section heading ("1 引言", "2.1 数据来源"), not a quantity ("3 个")."""
    return bool(_SECTION_TITLE.match(line.translate(FULLWIDTH_TO_ASCII).rstrip()))


# numbering styles in the order they are tried, with the level each gives (patterns in
# kb/data/ingest.yaml); a decimal number 2.1.3 goes one level deeper per dot
NUMBERED_HEADINGS = [(regex("ingest", key), level) for key, level in (
    ("heading_chapter", 1),                     # 第一章
    ("heading_chinese_number", 2),              # 一、
    ("heading_bracketed_chinese_number", 3),    # （一）
    ("heading_number_mark", 4),                 # 1.
    ("heading_decimal_number", 4),              # 2.1
    ("heading_number_space", 4),                # "1 引言" (space kept)
    ("heading_bracketed_number", 5),            # （1）
)]


def numbered_level(text: str) -> int:
    """Heading level from the numbering style (一、 > （一） > 1. > （1）), 0 if unnumbered."""
    for pattern, level in NUMBERED_HEADINGS:
        if pattern.match(text):
            if level == 4 and _DECIMAL_NUMBER.match(text):
                return 4 + text.split()[0].count(".") - 1
            return level
    return 0
