"""A table's units: the unit words of its 单位 statement, headers and cells, and their normal form.

The table reader's own unit vocabulary (kb/data/units.yaml: table_scales,
table_unit_atoms), drifted from the figure scanner's (kb.text.units): a stated
unit (万元, 亿元, %, 元/人) is a scale word and a base unit word.
"""

from __future__ import annotations

import re

from kb.text.vocab import regex, vocabulary, words

UNIT_IN_CAPTION_RE = regex("tables", "unit_in_brackets")
_UNIT_AFTER_SLASH = re.compile(r"[/／]\s*([^/／]{1,6})$")
_PERCENT_AT_END = re.compile(r"(?<=[\u4e00-\u9fff])\s*([%‰])$")   # 增长% written without brackets
# A 单位 list (单位：亿元、%) names one unit per kind of column.
UNIT_LIST_SPLIT_RE = re.compile(r"\s*[、，,；;]\s*")
PERCENT_HEADER_WORDS = words("tables", "percent_header_words")
CHANGE_HEADER_WORDS = words("tables", "change_header_words")

# A table's units (kb/data/units.yaml): its scale words, tried in order, and its base unit
# words with their normal unit atoms (a vocabulary of its own, drifted from kb.text.units).
TABLE_SCALES = tuple((w, float(v)) for w, v in vocabulary("units")["table_scales"].items())
TABLE_UNIT_ATOMS: dict[str, str] = dict(vocabulary("units")["table_unit_atoms"])


def unit_info(unit: str) -> tuple[float, str] | None:
    """(scale, unit_normalized) of a stated unit such as 万元, 亿元, 个, %, 元/人."""
    unit = unit.strip()
    if not unit:
        return None
    if "/" in unit:
        num, _, den = unit.partition("/")
        a, b = unit_info(num), unit_info(den)
        if a and b and b[0] == 1.0:
            return a[0], f"{a[1]}/{b[1]}"
        return None
    if unit in TABLE_UNIT_ATOMS:
        return 1.0, TABLE_UNIT_ATOMS[unit]
    for word, scale in TABLE_SCALES:
        if unit.startswith(word) and unit[len(word):] in TABLE_UNIT_ATOMS:
            return scale, TABLE_UNIT_ATOMS[unit[len(word):]]
    return None


def unit_list(text: str) -> list[str]:
    """The units a 单位 statement names: ["亿元"] for 亿元, ["亿元", "%"] for 亿元、%;
    [] when a part is not a unit."""
    parts = [p for p in UNIT_LIST_SPLIT_RE.split(text.strip()) if p]
    return parts if parts and all(unit_info(p) for p in parts) else []


def is_change_header(header: str) -> bool:
    """A column of amounts added or lost (较年初增加, 增量), not of levels or rates."""
    return any(w in header for w in CHANGE_HEADER_WORDS)


def column_unit(units: list[str], header: str) -> str:
    """The unit of a column under a 单位 list (亿元、%): a rate column (同比增长, 占比, …率)
    takes the list's percent unit, any other column its first other unit."""
    percent = [u for u in units if unit_info(u)[1] in ("%", "‰")]
    others = [u for u in units if u not in percent]
    rate = not is_change_header(header) and any(w in header for w in PERCENT_HEADER_WORDS)
    if rate and percent:
        return percent[0]
    return others[0] if others else ""


def split_unit(segment: str) -> tuple[str, str]:
    """(segment without its unit, unit) for a header such as "科技企业孵化器 (个)"."""
    m = UNIT_IN_CAPTION_RE.search(segment)
    if m and unit_info(m.group(1)):
        return segment[:m.start()].strip(), m.group(1).strip()
    m = _UNIT_AFTER_SLASH.search(segment)
    if m and unit_info(m.group(1)):
        return segment[:m.start()].strip(), m.group(1).strip()
    m = _PERCENT_AT_END.search(segment)
    if m:
        return segment[:m.start()].strip(), m.group(1)
    if unit_info(segment) and not segment.isdigit():
        return "", segment.strip()
    return segment, ""
