"""Label matching between a sentence and table cells: a label's tokens and measure
words (总量/均值), bigram cover of two names, and a cell's bare row label.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.vocab import regex
from kb.verify.relations.ground import MEAN_WORDS, TOTAL_WORDS

_UNIT_PAREN = re.compile(r"[（(][^）)]*[）)]")
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d{2}年?$")
MEASURE = regex("relations", "measure")
# a mean or total word inside a label (均值, 总量)
MEAN_OR_TOTAL = regex("relations", "mean_or_total")
# the least bigram cover at which a text's label names a table row's label
LABEL_MATCH = 0.85


def label_tokens(label: str) -> list[str]:
    """The words of a table label, without its (unit) parentheses and year tokens."""
    label = _UNIT_PAREN.sub(" ", label)
    return [t for t in re.split(r"[\s/|·]+", label) if t and not _YEAR_TOKEN.match(t)]


def bigrams(text: str) -> list[str]:
    """The text's character bigrams in order (技术交易 → 技术, 术交, 交易)."""
    return [text[i:i + 2] for i in range(len(text) - 1)]


def bigram_cover(name: str, text: str) -> float:
    """Share of the name's character bigrams found in the text (技术交易成交金额 vs 成交总额)."""
    grams = bigrams(name) or [name]
    return sum(g in text for g in grams) / len(grams)


def row_words(label: str) -> tuple[list[str], list[str]]:
    """(names, measure words) of a row label: 京津冀 总量 → (["京津冀"], ["total"])."""
    names, measures = [], []
    for t in label_tokens(label):
        if any(w in t for w in MEAN_WORDS):
            measures.append("mean")
        elif any(w in t for w in TOTAL_WORDS):
            measures.append("total")
        else:
            names.append(t)
    return names, measures


def name_match(name: str, text: str) -> bool:
    """A row name found in a text: whole, or its first word (大湾区 九市 → 大湾区)."""
    if name in text:
        return True
    head = re.split(r"[\s]", name)[0]
    return (len(head) >= 2 and head in text) or (len(name) >= 3 and name[:3] in text)


def indicator_cover(key: tuple, window: str) -> float:
    """How well a window of text names the indicator ``key[2]`` of a table cell key (best token)."""
    parts = [MEAN_OR_TOTAL.sub("", t) for t in label_tokens(key[2])]
    return max((bigram_cover(t, window) for t in parts if t), default=0.0)


def find_name(name: str, text: str) -> int:
    """Position of a row name in a text (whole, or its first three characters), −1 if absent."""
    i = text.find(name)
    if i == -1 and len(name) >= 3:
        i = text.find(name[:3])
    return i


def strip_measure(label: str) -> str:
    """The label without its 总量/均值 word (存贷款余额总量 → 存贷款余额)."""
    return MEASURE.sub("", label).strip()


def bare_label(text: str) -> str:
    """A label without (unit) parentheses and white space."""
    return re.sub(r"\s", "", _UNIT_PAREN.sub("", text))


def row_first_word(f: Fact) -> str:
    """The first word of a table cell's row label after the row's number, as written (1 长沙县 长沙市 →
    长沙县; its 所属市州 column after it aside), else ""."""
    parts = f.quote.split("｜")
    found = [w for w in parts[1].split() if not _ROW_NUMBER.fullmatch(w)] if len(parts) >= 3 else []
    return found[0] if found else ""


_ROW_NUMBER = re.compile(r"[\d.—\-]+")


def cell_label(f: Fact) -> str:
    """The bare label (subject and indicator) of a cell."""
    return bare_label(f"{f.subject}{f.indicator}")
