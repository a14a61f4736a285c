"""Character normalisation of Chinese text as it comes from pages and PDFs.

Full-width digits, letters, ％ and ． become ASCII (a full-width comma between full-width
digit groups a thousands separator), odd spaces plain spaces;
spaces that PDF extraction adds between Chinese and figures go, while a
heading's section number and a headline's own break keep theirs. Also the
separator that joins two wrapped lines (none in Chinese, a space in Latin).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.text.figure_text import thousands_commas

_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}           # ０-９
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})      # Ａ-Ｚ
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})      # ａ-ｚ
_FULLWIDTH.update({"％": "%", "．": ".", "\u00a0": " ", "\u3000": " ", "\u2002": " ",
                   "\u2003": " ", "\u2009": " ", "\u200b": "", "\ufeff": ""})
FULLWIDTH_TO_ASCII = str.maketrans(_FULLWIDTH)
_TO_TRANSLATE = re.compile("[" + re.escape("".join(_FULLWIDTH)) + "]")
CJK = r"\u3400-\u9fff"
_CJK_PUNCT = "，。；：、！？“”‘’（）《》【】「」『』—…"


# normalize_text's patterns, compiled once (they were given to re.sub as strings: looked up in, and
# after other patterns pushed them out, compiled again into re's cache)
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(rf"(?<=[0-9{CJK}{_CJK_PUNCT}]) (?=[{_CJK_PUNCT}])")
_SPACE_AFTER_PUNCT = re.compile(rf"(?<=[{_CJK_PUNCT}]) ")
_FIGURE_SPACE = re.compile(rf"([^\s{CJK}{_CJK_PUNCT}]*[0-9]%?) (?=[{CJK}])")
_SPACE_BEFORE_FIGURE = re.compile(rf"(?<=[{CJK}]) (?![0-9][0-9.,]*(?:$|[）)\]】」』”’》]|\s(?![%‰{CJK}])))(?=[0-9])")
# What each of the two must find in the text (issue 12): a digit (and %) with a space and a Chinese
# character after it, a Chinese character with a space and a digit after it. These open with a
# character class, which ``re`` scans for quickly; the two above open with a run or a lookbehind
# tried at every position, ~50 µs a line, most of them lines without such a space.
_FIGURE_SPACE_NEEDS = re.compile(rf"[0-9]%? [{CJK}]")
_SPACE_BEFORE_FIGURE_NEEDS = re.compile(rf"[{CJK}] [0-9]")


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff")


@lru_cache(maxsize=4096)   # the same lines are normalised again by later steps (issue 12)
def normalize_text(text: str) -> str:
    """Full-width digits/letters/％/． → ASCII, odd spaces → space, runs of spaces collapsed.

    Spaces between a digit and a Chinese character or next to Chinese
    punctuation are removed ("2023 年" → "2023年"): PDF extraction adds them.
    """
    if _TO_TRANSLATE.search(text):
        text = thousands_commas(text).translate(FULLWIDTH_TO_ASCII)   # １１１，１１１ → 111,111
    if " " not in text and "\t" not in text:
        return text.strip()           # every rule below is about spaces: nothing to do
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _SPACE_AFTER_PUNCT.sub("", text)
    # a figure and its unit or context ("2023 年", "于 2023年") lose the space PDF extraction
    # adds, but a URL, code or Latin token that ends with digits keeps it ("…/kd2024 查询")
    if _FIGURE_SPACE_NEEDS.search(text):
        text = _FIGURE_SPACE.sub(_glue_figure, text)
    # "于 2023年", "增长 5.6%": the space before a figure in its phrase goes; a number standing
    # alone at the end of its line or bracket ("武汉 430072）": a postcode, an ID) keeps it
    if _SPACE_BEFORE_FIGURE_NEEDS.search(text):
        text = _SPACE_BEFORE_FIGURE.sub("", text)
    return text


_LATIN = re.compile(r"[A-Za-z_@=?&#]")


def _glue_figure(m: re.Match) -> str:
    return m.group(0) if _LATIN.search(m.group(1)) else m.group(1)



_SECTION_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[ \t\u00a0\u3000]+(?=\S)")


def normalize_heading(text: str) -> str:
    """normalize_text for a heading: a leading section number keeps its space ("1 引言",
    "2.1 数据"), which normalize_text would glue to the Chinese title."""
    m = _SECTION_NUMBER.match(text.translate(FULLWIDTH_TO_ASCII))
    if not m:
        return normalize_text(text)
    rest = normalize_text(text.translate(FULLWIDTH_TO_ASCII)[m.end():])
    return f"{m.group(1)} {rest}" if rest else m.group(1)


_HEADLINE_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=(?:19|20)\d{{2}}年)")


def normalize_headline(text: str) -> str:
    """normalize_text for a title line: a space that separates two headline phrases, the second
    opening with a year ("齐发力 2024年经济…"), is the headline's own break and is kept."""
    return " ".join(normalize_text(part) for part in _HEADLINE_BREAK.split(text.translate(FULLWIDTH_TO_ASCII)))


def join_sep(left: str, right: str) -> str:
    """Separator when joining two wrapped lines: none for Chinese, a space between Latin words."""
    if left and right and re.match(r"[A-Za-z0-9,.;:)]", left[-1]) and re.match(r"[A-Za-z(]", right[0]):
        return " "
    return ""
