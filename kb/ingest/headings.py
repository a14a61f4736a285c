"""Numbered headings: the level a numbering style gives (第一章 > 一、 > （一） > 1. > （1）),
and plain-text numbered section titles ("1 引言", "2.1 数据来源") told from quantities ("3 个")."""

from __future__ import annotations

import re

from kb.ingest.normalize import CJK, FULLWIDTH_TO_ASCII

# characters that make "3 个" a quantity rather than the section heading "3 引言"
_UNIT_CHARS = "年月日时分秒个万亿千百十元角倍人家项件次名位座户所只头吨米克升度亩台辆艘架部本套条张篇种类批期届周天岁级多余"
_SECTION_TITLE = re.compile(rf"^\s*\d{{1,2}}(?:\.\d{{1,2}})*[ \t\u00a0\u3000]+(?=[{CJK}])(?![{_UNIT_CHARS}])"
                            rf"[^。！？；，,!?;]{{1,30}}$")


def is_section_title(line: str) -> bool:
    """A plain-text numbered section heading ("1 引言", "2.1 数据来源"), not a quantity ("3 个")."""
    return bool(_SECTION_TITLE.match(line.translate(FULLWIDTH_TO_ASCII).rstrip()))


NUMBERED_HEADINGS = [
    (re.compile(r"^第[一二三四五六七八九十百\d]+[章编部分]"), 1),
    (re.compile(r"^[一二三四五六七八九十百]+\s*[、.．]"), 2),
    (re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[)）]"), 3),
    (re.compile(r"^\d{1,2}\s*[.．、](?!\d)\s*(?=\S)"), 4),
    (re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s+(?=\S)"), 4),
    (re.compile(rf"^\d{{1,2}}\s+(?=[{CJK}])(?![{_UNIT_CHARS}])"), 4),     # "1 引言" (space kept)
    (re.compile(r"^[（(]\s*\d{1,2}\s*[)）]"), 5),
]


def numbered_level(text: str) -> int:
    """Heading level from the numbering style (一、 > （一） > 1. > （1）), 0 if unnumbered."""
    for pattern, level in NUMBERED_HEADINGS:
        if pattern.match(text):
            if level == 4 and re.match(r"^\d{1,2}(?:\.\d{1,2})+\s", text):
                return 4 + text.split()[0].count(".") - 1
            return level
    return 0
