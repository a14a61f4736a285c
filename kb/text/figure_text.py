"""A sentence as the figure scanner reads it, and the way back to the original.

Full-width digits and signs become ASCII, traditional characters simplified
(12個百分點 → 12个百分点), banker's numerals ordinary ones inside a numeral
(壹万贰仟 → 一万二千), a full-width comma between full-width digit groups a
thousands separator (９，９９９), and the spaces inside a spaced Chinese
numeral go (百分之一 点五 → 百分之一点五), as does a space after a decimal point
inside a Chinese sentence (为31. 2 ％ → 31.2 %: GBK texts typeset so). Every change but the last maps one
character to one; ``ScanText.origin`` carries offsets back to the original
when spaces went. The character tables are data: kb/data/numerals.yaml.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kb.text.vocab import vocabulary
from kb.text.lazy_pattern import lazy_compile

_DATA = vocabulary("numerals")
TRADITIONAL: dict[str, str] = dict(_DATA["traditional"])
FINANCIAL: dict[str, str] = dict(_DATA["financial"])
# Full-width digits, Latin letters and the signs of a figure (％ ． ～ ＋ － ／) → ASCII.
_FULLWIDTH = {**{c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)},
              **{c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)},
              **{c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)},
              0xFF05: ord("%"), 0xFF0E: ord("."), 0xFF5E: ord("~"), 0xFF0B: ord("+"),
              0xFF0D: ord("-"), 0xFF0F: ord("/")}
_SCAN_MAP = {**_FULLWIDTH, **str.maketrans(TRADITIONAL)}
_NEEDS_MAP = lazy_compile("[" + re.escape("".join(chr(c) for c in _SCAN_MAP)) + "]")
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿点"
_FINANCIAL_RUN = lazy_compile(f"[{''.join(FINANCIAL)}{_CN_NUMERAL}]{{2,}}")
_FINANCIAL_MAP = str.maketrans(FINANCIAL)
_HAS_FINANCIAL = lazy_compile(f"[{''.join(FINANCIAL)}]")
_FULLWIDTH_THOUSANDS = lazy_compile(r"[０-９]{1,3}(?:，[０-９]{3})+(?![０-９])")
_SPACED_CHARS = _DATA["spaced_numeral_chars"] + "".join(FINANCIAL)
_SPACED_ANCHORS = set(_DATA["spaced_numeral_anchors"] + "".join(FINANCIAL))
_SPACE_BEFORE_DIGITS = lazy_compile(r"(?<=分之)[ \u3000\xa0]+(?=\d)|(?<=分[ ]之)[ \u3000\xa0]+(?=\d)")
_INNER_SPACE = lazy_compile(f"(?<=[{_SPACED_CHARS}])[ \u3000\xa0]+(?=[{_SPACED_CHARS}])")
# 为31. 2 ％, 和4. 7: a decimal point with a space after it, inside a Chinese sentence (the number
# follows a Chinese character, a sign or a list mark; not a line start, so "1. 2020年" stays a heading)
_BROKEN_DECIMAL = lazy_compile(_DATA["broken_decimal"])


class ScanText(NamedTuple):
    """The scanned form of a text; ``origin[i]`` is the original offset of ``text[i]``
    (None when the offsets are the same)."""

    text: str
    origin: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the scanned span ``[start, end)``."""
        if self.origin is None or end <= start:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def thousands_commas(text: str) -> str:
    """A full-width comma between full-width digit groups (１１１，１１１) made ","; same length."""
    if "，" not in text:
        return text
    return _FULLWIDTH_THOUSANDS.sub(lambda m: m.group().replace("，", ","), text)


def _financial(text: str) -> str:
    """Banker's numerals made ordinary inside a numeral of two or more characters."""
    if not _HAS_FINANCIAL.search(text):
        return text
    return _FINANCIAL_RUN.sub(
        lambda m: m.group().translate(_FINANCIAL_MAP) if _HAS_FINANCIAL.search(m.group()) else m.group(), text)


def _in_word(text: str, i: int) -> bool:
    """The banker's numeral at ``i`` is part of a word (大陆, 陆续): a Chinese character that is
    no numeral stands next to it."""
    if text[i] not in FINANCIAL:
        return False
    return any(0 <= j < len(text) and "\u4e00" <= text[j] <= "\u9fff" and text[j] not in _SPACED_CHARS
               for j in (i - 1, i + 1))


def _inner_spaces(text: str) -> list[tuple[int, int]]:
    """Spans of the spaces inside spaced Chinese numerals (a digit, power of ten or 点 on one side)
    and between 百分之 and its digits (百 分 之 669)."""
    spans = [m.span() for m in _INNER_SPACE.finditer(text)
             if (text[m.start() - 1] in _SPACED_ANCHORS or text[m.end()] in _SPACED_ANCHORS)
             and not _in_word(text, m.start() - 1) and not _in_word(text, m.end())]
    spans += [m.span() for m in _SPACE_BEFORE_DIGITS.finditer(text)]
    spans += [m.span("space") for m in _BROKEN_DECIMAL.finditer(text)]
    return sorted(spans)


def scan_text(text: str) -> ScanText:
    """``text`` as the figure scanner reads it (see the module docstring)."""
    mapped = thousands_commas(text)
    if _NEEDS_MAP.search(mapped):
        mapped = mapped.translate(_SCAN_MAP)
    spaces = _inner_spaces(mapped) if (" " in mapped or "\u3000" in mapped or "\xa0" in mapped) else []
    if not spaces:
        return ScanText(_financial(mapped))
    keep, origin, pos = [], [], 0
    for start, end in spaces:
        keep.append(mapped[pos:start])
        origin.extend(range(pos, start))
        pos = end
    keep.append(mapped[pos:])
    origin.extend(range(pos, len(mapped)))
    return ScanText(_financial("".join(keep)), tuple(origin))


def as_written(unit: str, scan: ScanText, start: int, end: int, original: str) -> str:
    """The unit ``unit`` (read in the scanned span ``[start, end)``) in the original's own
    characters: a traditional character stays as written (個百分點), everything else as read."""
    if not any(ch in TRADITIONAL for ch in original[slice(*scan.span(start, end))]):
        return unit
    picked, j = [], len(unit) - 1
    for i in range(end - 1, start - 1, -1):
        if j >= 0 and scan.text[i] == unit[j]:
            picked.append(i)
            j -= 1
    if j >= 0:
        return unit
    out = []
    for k, i in enumerate(reversed(picked)):
        o = scan.origin[i] if scan.origin is not None else i
        out.append(original[o] if original[o] in TRADITIONAL else unit[k])
    return "".join(out)
