"""Numerals: Arabic (1,234.5, full-width) and Chinese (三千五百, 一百零二万亿, 二点三) to numbers.

Pure functions; the quantity scanner (kb.figures.quantities) finds the numerals, this
module only turns a numeral string into a value and its Arabic digits.
"""

from __future__ import annotations

import re

from kb.errors import KbError
from kb.text.vocab import vocabulary

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}
# Scale words written after a number ("1.2万", "45.4万亿元"), longest first (kb/data/units.yaml).
SCALE_WORDS: dict[str, float] = {w: float(v) for w, v in vocabulary("units")["scale_words"].items()}

_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_ARABIC_RE = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CN_CHARS = "".join(CN_DIGITS) + "十百千万亿"
_CN_RE = re.compile(rf"[{_CN_CHARS}]+(?:点[{''.join(CN_DIGITS)}]+)?")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (１２３, ％, ．) to ASCII; same length, so offsets survive."""
    return text.translate(_FULLWIDTH)


def format_value_text(value: float, decimals: int | None = None) -> str:
    """Arabic digits for a value: integers without '.0', else ``decimals`` places."""
    if decimals:
        return f"{value:.{decimals}f}"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def count_value(numeral: str) -> int:
    """A count written in digits or Chinese (4, 四, 两, 十二) as an integer."""
    return int(numeral) if numeral.isdigit() else parse_chinese_integer(numeral)


def parse_chinese_integer(text: str) -> int:
    """三千五百 → 3500, 一百零二万亿 → 102e12, 十一 → 11, 二〇二二 → 2022."""
    if not text:
        raise KbError("empty Chinese numeral: give digits such as 三千五百")
    if all(ch in CN_DIGITS for ch in text):
        # digit by digit (二〇二二); a single digit is just itself
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    for big in ("亿", "万"):
        i = text.rfind(big)
        if i >= 0:
            high = text[:i]
            low = text[i + 1:]
            high_value = parse_chinese_integer(high) if high else 1
            low_value = parse_chinese_integer(low) if low else 0
            if low_value >= CN_BIG_UNITS[big]:
                raise KbError(f"malformed Chinese numeral {text!r}: check the digit order")
            return high_value * CN_BIG_UNITS[big] + low_value
    total = 0
    digit: int | None = None
    last_unit = 10**5
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                raise KbError(f"malformed Chinese numeral {text!r}: two digits in a row")
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit:
                raise KbError(f"malformed Chinese numeral {text!r}: units out of order")
            total += (1 if digit is None or (digit == 0 and total == 0) else digit) * unit
            digit = None
            last_unit = unit
        else:
            raise KbError(f"not a Chinese numeral character {ch!r} in {text!r}")
    if digit:
        total += digit
    return total


def parse_chinese_numeral(text: str) -> tuple[float, str]:
    """A Chinese numeral with an optional decimal part: (value, Arabic digits)."""
    integer, _, frac = text.partition("点")
    if frac and not all(ch in CN_DIGITS for ch in frac):
        raise KbError(f"malformed decimal in Chinese numeral {text!r}")
    whole = parse_chinese_integer(integer) if integer else 0
    if not frac:
        return float(whole), str(whole)
    digits = "".join(str(CN_DIGITS[ch]) for ch in frac)
    value_text = f"{whole}.{digits}"
    return float(value_text), value_text


def split_trailing_scale(numeral: str) -> tuple[str, str]:
    """一百零二万亿 → ("一百零二", "万亿"); 三亿五千万 stays whole (its 万 is not a pure scale)."""
    for scale in ("万亿", "亿", "万"):
        if numeral.endswith(scale) and len(numeral) > len(scale):
            head = numeral[: -len(scale)]
            if "万" not in head and "亿" not in head and "点" not in head[-1:]:
                return head, scale
    return numeral, ""


def parse_number(text: str) -> float:
    """Any numeral string to a float: "1,234.5", "１２３", "1.2万", "三千五百",
    "一百零二万亿", "百分之二点三" (→ 2.3), "45.4万亿". Raises KbError otherwise."""
    s = to_halfwidth(text).strip().replace(" ", "")
    if s.startswith("百分之"):
        s = s[3:]
    m = _ARABIC_RE.fullmatch(s)
    if m:
        return float(s.replace(",", "").replace("−", "-"))
    m = _ARABIC_RE.match(s)
    if m and s[m.end():] in SCALE_WORDS:
        return float(m.group().replace(",", "").replace("−", "-")) * SCALE_WORDS[s[m.end():]]
    if s and _CN_RE.fullmatch(s):
        return parse_chinese_numeral(s)[0]
    raise KbError(f"not a number: {text!r}; write digits (1,234.5) or a Chinese numeral (三千五百)")
