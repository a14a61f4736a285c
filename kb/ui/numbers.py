"""Numbers as Chinese readers write them: 45.4万亿元, 39.8%, 4.3万件, 500余家.

A figure is shown as the source wrote it (``figure_text``). Its value in a
base unit is shown with 万, 亿 or 万亿 and the precision of the source: 45.4万亿
stays 45.4万亿 (never "45T" or "45.4e12"), 39.8% stays 39.8% (never "40"). These
are strings: no table widget may round them.
"""

from __future__ import annotations

import math
import re
from typing import Optional

from kb.models import Fact

SCALES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
CURRENCIES = {"CNY": "元", "USD": "美元", "EUR": "欧元", "JPY": "日元", "GBP": "英镑", "HKD": "港元",
              "KRW": "韩元"}
_SCALE_WORDS = re.compile(r"^(?:十|百|千|万|十万|百万|千万|亿|十亿|百亿|千亿|万亿)+")
_DIGITS = re.compile(r"\d")


def significant_digits(value_text: str) -> Optional[int]:
    """How many significant digits a number as written has (45.4 → 3, 0.71 → 2, 4555.7 → 5)."""
    digits = re.sub(r"[^\d.]", "", value_text or "")
    if not _DIGITS.search(digits):
        return None
    whole, _, frac = digits.partition(".")
    whole = whole.lstrip("0")
    return len(whole) + len(frac) if whole else len(frac.lstrip("0")) or 1


def plain(x: Optional[float], digits: Optional[int] = None) -> str:
    """A number without exponent or thousands separators; ``digits`` significant digits when
    given (trailing zeros kept, as precision), else up to 4 decimals."""
    if x is None or not math.isfinite(x):
        return "—"
    if digits:
        magnitude = math.floor(math.log10(abs(x))) if x else 0
        decimals = max(0, digits - 1 - magnitude)
        return f"{x:.{decimals}f}"
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".") if abs(x) >= 1e-4 else f"{x:.3g}"


def scaled(x: Optional[float], digits: Optional[int] = None) -> str:
    """``x`` with 万, 亿 or 万亿 (4.54e13 → 45.4万亿, 43000 → 4.3万, 39.8 → 39.8)."""
    if x is None or not math.isfinite(x):
        return "—"
    for size, word in SCALES:
        if abs(x) >= size:
            return plain(x / size, digits) + word
    return plain(x, digits)


def measure_word(unit: str) -> str:
    """The counting word of a unit as stated (万件 → 件, 亿元 → 元, 个 → 个)."""
    return _SCALE_WORDS.sub("", unit or "")


def value_text(fact: Fact) -> str:
    """A fact's value in words a reader expects: money and counts scaled with 万/亿/万亿 at
    the source's precision, rates and other units as stated."""
    digits = significant_digits(fact.value_text or str(fact.value))
    unit = fact.unit_normalized
    if unit in CURRENCIES:
        return scaled(fact.value_normalized, digits) + CURRENCIES[unit]
    if unit == "count":
        return scaled(fact.value_normalized, digits) + measure_word(fact.unit)
    if unit == "rank":
        return f"第{plain(fact.value)}位"
    if fact.unit.endswith("番"):  # 翻N番: 2 to the N times the base
        return f"{plain(2 ** fact.value)}倍"
    number = fact.value_text or plain(fact.value)
    return f"{number}{fact.unit}"


def figure(fact: Fact) -> str:
    """The figure as the document wrote it (500余家, 2倍有余, 185%左右, 翻一番)."""
    if fact.figure_text:
        return fact.figure_text
    return f"{fact.qualifier}{fact.value_text or plain(fact.value)}{fact.unit}"


def in_unit_of(x: Optional[float], fact: Optional[Fact]) -> str:
    """A recomputed value written like the stated figure it is compared with: its unit, one
    more digit than the source (0.8182 → 0.818倍 against 近1倍)."""
    if x is None or not math.isfinite(x):
        return "—"
    if fact is None:
        return plain(x)
    digits = significant_digits(fact.value_text or "")
    shown = plain(x, max(digits + 1, 3)) if digits else plain(x)
    if fact.unit_normalized == "%" and "%" not in fact.unit and "％" not in fact.unit:
        return f"{shown}%"     # a percentage stated in words (超过三成, 一半): recomputed in %
    return f"{shown}{measure_word(fact.unit) if fact.unit_normalized == 'count' else fact.unit}"


def figure_span(text: str, start: int, end: int, written: str) -> tuple[int, int]:
    """The span of a figure in ``text`` widened to the figure as written around it (近【1倍】 →
    【近1倍】, 【500】 余家 → 【500 余家】; spaces in the text are skipped), when the text there
    reads so; else the span itself."""
    written = written.replace(" ", "")
    core = text[start:end].replace(" ", "")
    at = written.find(core) if core else -1
    if at < 0:
        return start, end
    lead, tail = written[:at], written[at + len(core):]
    new_start, new_end = _reach(text, start, lead[::-1], -1), _reach(text, end, tail, 1)
    return (start if new_start is None else new_start), (end if new_end is None else new_end)


def _reach(text: str, at: int, chars: str, step: int) -> Optional[int]:
    """From ``at``, walk over ``chars`` (spaces between them skipped) backwards (step -1) or
    forwards (1); the offset reached, or None when the text does not read so."""
    if not chars:
        return None
    i = at
    for ch in chars:
        while 0 <= (i - 1 if step < 0 else i) < len(text) and text[i - 1 if step < 0 else i] == " ":
            i += step
        j = i - 1 if step < 0 else i
        if not (0 <= j < len(text)) or text[j] != ch:
            return None
        i += step
    return i
