"""Figures written with words instead of digits: ranks (首位, 榜首, 第二大, 十强), shares
(三成, 一半, 三分之一) and magnitudes after a bound (超过千亿, 破百万亿, 过万).

Each finder returns ``WordFigure`` records; kb.figures.quantities turns them into
figures like any other. The words are data (kb/data/quantities.yaml: ``word_figures``).
"""

from __future__ import annotations

from typing import NamedTuple

from kb.text.numerals import parse_chinese_numeral
from kb.text.units import match_unit
from kb.text.vocab import regex, vocabulary, words

_DATA = vocabulary("quantities")["word_figures"]
_RANK_ONE = regex("quantities", "rank_one_words")
_RANK_NTH_BIG = regex("quantities", "rank_nth_big")
_TOP_N = regex("quantities", "top_n_words")
_TENTHS = regex("quantities", "tenths")
_DISCOUNT = regex("quantities", "discount")
_SUFFIX_QUALIFIERS = words("quantities", "suffix_qualifiers")
_HALF = regex("quantities", "half")
_FRACTION = regex("quantities", "fraction_words")
_MAGNITUDE = regex("quantities", "bound_magnitude")
_MAGNITUDE_VALUES = {k: float(v) for k, v in _DATA["magnitudes"].items()}


class WordFigure(NamedTuple):
    """A figure written in words: its span, value, the unit as stated and normalised, and its kind."""

    start: int
    end: int
    value: float
    value_text: str
    unit: str            # as stated ("成", "", "亿元")
    scale: float
    normalized: str      # "rank", "%", "CNY", "count" …
    kind: str            # "rank" or "percent" or a unit kind
    qualifier: str = ""


def word_figures(text: str) -> list[WordFigure]:
    """Every word figure of ``text``, in text order."""
    found = [*ranks(text), *shares(text), *magnitudes(text)]
    return sorted(found, key=lambda f: f.start)


def _number(word: str) -> float:
    """A number written in digits (9.5) or Chinese (三, 七五, 三点一)."""
    if word[0].isdigit():
        return float(word)
    return parse_chinese_numeral(word)[0]


def ranks(text: str) -> list[WordFigure]:
    """首位/榜首/居首 (rank 1), 第N大 + a noun (第二大经济体: rank N), 十强/百强 in a ranking."""
    out = []
    for m in _RANK_ONE.finditer(text):
        group = "w" if m.group("w") else "w2"
        out.append(WordFigure(m.start(group), m.end(group), 1.0, "1", "", 1.0, "rank", "rank"))
    for m in _RANK_NTH_BIG.finditer(text):
        n = _number(m.group("n"))
        out.append(WordFigure(m.start(), m.end("n") + 1, n, f"{n:g}", "", 1.0, "rank", "rank"))
    for m in _TOP_N.finditer(text):
        n = _number(m.group("n"))
        out.append(WordFigure(m.start("n"), m.end(), n, f"{n:g}", "强", 1.0, "rank", "rank"))
    return out


def _tenths_value(m) -> float:
    """三成 → 30, 三成半 → 35, 七成六 → 76, 9.5成 → 95, 半成 → 5 (per cent)."""
    n = 0.5 if m.group("n") == "半" else _number(m.group("n"))
    if m.group("h"):
        n += 0.5
    elif m.group("t"):
        n += _number(m.group("t")) / 10
    return round(n * 10, 6)


def _discount_value(n: str) -> float:
    """九折 → 90, 七五折 / 75折 → 75, 9.9折 / 三点一折 → 99 / 31, 对折 → 50 (per cent)."""
    if n == "对":
        return 50.0
    value = _number(n)
    whole_digits = n.replace("点", ".").split(".")[0]
    return round(value * 10, 6) if len(whole_digits) == 1 else value


def shares(text: str) -> list[WordFigure]:
    """三成 (30 %), 九折 (90 %), 一半 / 近半 (50 %), 三分之一 (33.33 %): shares written in words;
    a Chinese 成 figure is read as about, a discount as stated."""
    out = []
    for m in _TENTHS.finditer(text):
        n = _tenths_value(m)
        exact = m.group("n")[0].isdigit()
        qualifier = m.group("q") or next((q for q in _SUFFIX_QUALIFIERS if text.startswith(q, m.end())), "")
        out.append(WordFigure(m.start("n"), m.end(), n, f"{n:g}", "成", 1.0, "%", "percent",
                              qualifier or ("" if exact else "约")))
    for m in _DISCOUNT.finditer(text):
        n = _discount_value(m.group("n"))
        out.append(WordFigure(m.start("n"), m.end(), n, f"{n:g}", "折", 1.0, "%", "percent"))
    for m in _HALF.finditer(text):   # 过半 is more than half, 一半 about half
        out.append(WordFigure(m.start("w"), m.end("w"), 50.0, "50", "", 1.0, "%", "percent",
                              m.group("q") or ("超过" if m.group("w") == "过半" else "约")))
    for m in _FRACTION.finditer(text):
        whole, part = _number(m.group("d")), _number(m.group("n"))
        if 0 < part < whole:
            value = round(part / whole * 100, 2)
            out.append(WordFigure(m.start(), m.end(), value, f"{value:g}", "", 1.0, "%", "percent", "约"))
    return out


def magnitudes(text: str) -> list[WordFigure]:
    """超过千亿, 突破百万亿, 近万亿, 过万: a round magnitude stated as a bound (千 of 亿: value 1000,
    unit 亿, as if written 1000亿)."""
    out = []
    for m in _MAGNITUDE.finditer(text):
        value, scale_word = _MAGNITUDE_VALUES[m.group("n")], m.group("s") or ""
        unit, _ = match_unit(text, m.end("n"))
        if unit is None or unit.kind not in ("count", "currency", "physical", "scale"):
            if not scale_word:
                continue  # 过十 alone is no figure
            unit_text, scale, normalized, end = scale_word, _MAGNITUDE_VALUES[scale_word], "count", m.end()
        else:
            unit_text, scale, normalized, end = text[m.end("n"):unit.end], unit.scale, unit.normalized, unit.end
        out.append(WordFigure(m.start("n"), end, value, f"{value:g}", unit_text, scale, normalized,
                              "count" if normalized == "count" else "currency", m.group("q")))
    return out
