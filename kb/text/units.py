"""Unit vocabulary: the units written after a Chinese figure and their normal form.

A unit as stated ("万亿元", "万件", "吨/万元") is split into a scale word
(kb.text.numerals.SCALE_WORDS) and a base unit from ``UNITS``; the normal unit is
an atom of kb.models.ALLOWED_UNIT_ATOMS (or "<a>/<b>" for a compound) and
``scale`` multiplies the stated value into that unit.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kb.text.numerals import SCALE_WORDS


class UnitInfo(NamedTuple):
    normalized: str      # atom of ALLOWED_UNIT_ATOMS
    kind: str            # currency, percent, pp, multiple, count, physical
    multiplier: float    # base unit per stated unit (公里 → km: 1)


class ParsedUnit(NamedTuple):
    unit: str            # as stated, scale words included ("万亿元")
    scale: float         # value × scale = value in ``normalized``
    normalized: str
    kind: str
    end: int             # offset just after the unit in the scanned text


_CURRENCY = {"元": "CNY", "人民币": "CNY", "元人民币": "CNY", "美元": "USD", "欧元": "EUR",
             "日元": "JPY", "港元": "HKD", "港币": "HKD", "英镑": "GBP", "韩元": "KRW"}
# Measure words of counted things (个 家 项 ...); risky characters that start
# common words after a number (起 间 本 升) are left out on purpose. Trains,
# flights and sailings are counted in 列 班 趟 (列次 班次 趟次 架次 艘次).
_COUNT_WORDS = ("个 家 项 件 篇 所 座 台 部 款 条 次 位 只 张 份 套 批 种 类 "
                "场 例 宗 处 栋 架 艘 趟 株 棵 头 颗 支 块 枚 家次 户次 架次 艘次 个次 床 "
                "列 班 列次 班次 趟次").split()
# A measure word that also starts common words is no unit when these follow:
# 3列入, 列出; 5班子, 班组, 班车.
_NOT_UNIT_BEFORE = {"列": "入出为举表示支队阵车", "班": "子组长级主车底会额"}
# Counts of people, households and vehicles name what they count (as in the
# gold fact tables and kb.figures.tables): 万人 → person, 万辆 → vehicle. 人次 (visits)
# is still a number of people.
_COUNTED_THINGS = {"人": "person", "名": "person", "人次": "person", "户": "household",
                   "辆": "vehicle"}
_PHYSICAL = {
    "吨": ("t", 1), "吨标准煤": ("t", 1), "公斤": ("kg", 1), "千克": ("kg", 1), "斤": ("jin", 1),
    "公里": ("km", 1), "千米": ("km", 1), "米": ("m", 1), "平方米": ("m2", 1),
    "平方公里": ("km2", 1), "平方千米": ("km2", 1), "立方米": ("m3", 1), "亩": ("mu", 1),
    "公顷": ("ha", 1), "千瓦时": ("kWh", 1), "度电": ("kWh", 1), "千瓦": ("kW", 1),
    "兆瓦": ("MW", 1), "吉瓦": ("GW", 1),
    "兆瓦时": ("kWh", 1e3), "吉瓦时": ("kWh", 1e6), "太瓦时": ("kWh", 1e9), "瓦": ("W", 1), "公升": ("L", 1),
    "标准箱": ("teu", 1), "标箱": ("teu", 1), "小时": ("h", 1), "天": ("day", 1),
    "个月": ("month", 1),
    # Latin units written after Arabic digits
    "km": ("km", 1), "kg": ("kg", 1), "m²": ("m2", 1), "km²": ("km2", 1), "kW": ("kW", 1),
    "kWh": ("kWh", 1), "MW": ("MW", 1), "GW": ("GW", 1), "TB": ("TB", 1), "PB": ("PB", 1),
    "EB": ("EB", 1), "Gbps": ("Gbps", 1), "Mbps": ("Mbps", 1), "EFLOPS": ("EFLOPS", 1),
    "PFLOPS": ("PFLOPS", 1), "TEU": ("teu", 1),
}

UNITS: dict[str, UnitInfo] = {}
UNITS.update({u: UnitInfo(code, "currency", 1.0) for u, code in _CURRENCY.items()})
# ‰ is normalised to % (6.2‰ = 0.62 %): the public unit vocabulary has no ‰.
UNITS.update({"%": UnitInfo("%", "percent", 1.0), "‰": UnitInfo("%", "percent", 0.1),
              "个百分点": UnitInfo("pp", "pp", 1.0), "百分点": UnitInfo("pp", "pp", 1.0),
              "倍": UnitInfo("times", "multiple", 1.0)})
UNITS.update({w: UnitInfo("count", "count", 1.0) for w in _COUNT_WORDS})
UNITS.update({w: UnitInfo(atom, "count", 1.0) for w, atom in _COUNTED_THINGS.items()})
UNITS.update({u: UnitInfo(code, "physical", float(k)) for u, (code, k) in _PHYSICAL.items()})

# In a compound (元/人, 人/平方公里) counted things name what they count.
_COMPOUND_ATOMS = {"人": "person", "户": "household", "辆": "vehicle", "人次": "person-time",
                   "年": "year", "日": "day", "月": "month"}
_DENOMINATOR_ONLY = {"年": UnitInfo("year", "physical", 1.0), "日": UnitInfo("day", "physical", 1.0),
                     "月": UnitInfo("month", "physical", 1.0), "度": UnitInfo("kWh", "physical", 1.0)}

# Scale words allowed with no unit after an Arabic number (15.01万, 3千, 14亿).
BARE_SCALES = ("万亿", "亿", "万", "千")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_ALT = _alternation(UNITS)
_LATIN = {u for u in UNITS if u.isascii() and u[0].isalpha()}
_UNIT_RE = re.compile(rf"(?:{_UNIT_ALT})")
_SCALE_RE = re.compile(rf"(?:{_alternation(SCALE_WORDS)})")
_DEN_RE = re.compile(rf"/[ ]*(?P<scale>{_alternation(SCALE_WORDS)})?(?P<unit>{_alternation(set(UNITS) | set(_DENOMINATOR_ONLY))})")
_LETTER = re.compile(r"[A-Za-z]")


def _match_base(text: str, pos: int) -> tuple[str, int] | None:
    """The longest base unit at ``pos`` (a Latin unit must not run on into letters)."""
    m = _UNIT_RE.match(text, pos)
    if not m:
        return None
    unit = m.group()
    if unit in _LATIN and _LETTER.match(text, m.end()):
        return None
    if unit == "天" and text.startswith("津", m.end()):  # 天津, not days
        return None
    if text[m.end():m.end() + 1] and text[m.end()] in _NOT_UNIT_BEFORE.get(unit, ""):
        return None
    return unit, m.end()


def _atom(unit: str, compound: bool) -> str:
    if compound and unit in _COMPOUND_ATOMS:
        return _COMPOUND_ATOMS[unit]
    return (UNITS.get(unit) or _DENOMINATOR_ONLY[unit]).normalized


def match_unit(text: str, pos: int, approx_words: tuple[str, ...] = ("余", "多")) -> tuple[ParsedUnit | None, str]:
    """Read ``[scale][余|多][unit][/[scale]unit]`` at ``pos``.

    Returns (ParsedUnit or None, approximation word 余/多 found between scale
    and unit). A unit that starts with a scale character (千瓦时, 百分点)
    wins over the scale reading when it is at least as long.
    """
    plain = _match_base(text, pos)
    scale_word = ""
    sm = _SCALE_RE.match(text, pos)
    best: tuple[str, str, int] | None = None  # (scale_word, unit, end)
    approx = ""
    if sm:
        after = sm.end()
        # 余/多 between a scale and its unit (1万余人)
        a = next((w for w in approx_words if text.startswith(w, after)), "")
        scaled = _match_base(text, after + len(a))
        if scaled:
            cand = (sm.group(), scaled[0], scaled[1])
            if plain is None or scaled[1] > plain[1]:
                best, approx = cand, a
        if best is None and plain is None:
            scale_word = sm.group()
    if best is None and plain is not None:
        best = ("", plain[0], plain[1])
    if best is None:
        if scale_word and scale_word in BARE_SCALES:
            end = sm.end()
            return ParsedUnit(scale_word, SCALE_WORDS[scale_word], "count", "count", end), ""
        return None, ""
    scale_word, unit, end = best
    info = UNITS[unit]
    scale = (SCALE_WORDS[scale_word] if scale_word else 1.0) * info.multiplier
    normalized, kind, stated = info.normalized, info.kind, scale_word + unit
    dm = _DEN_RE.match(text, end)
    if dm and not _LETTER.match(text, dm.end()):
        den_unit = dm.group("unit")
        den_scale = SCALE_WORDS[dm.group("scale")] if dm.group("scale") else 1.0
        den_info = UNITS.get(den_unit) or _DENOMINATOR_ONLY[den_unit]
        normalized = f"{_atom(unit, True)}/{_atom(den_unit, True)}"
        scale = scale / (den_scale * den_info.multiplier)
        kind = "physical" if kind == "count" else kind
        stated = text[pos:dm.end()].replace(" ", "")
        end = dm.end()
        if approx:
            stated = stated.replace(approx, "", 1)
    return ParsedUnit(stated, scale, normalized, kind, end), approx


def lookup_unit(text: str) -> ParsedUnit | None:
    """A whole unit string ("万元", "亿元", "%", "吨/万元", "(万元)") or None."""
    s = text.strip().strip("()（）[]【】 ").replace("单位：", "").replace("单位:", "").strip()
    if not s:
        return None
    parsed, approx = match_unit(s, 0)
    if parsed is None or approx or parsed.end != len(s):
        return None
    return parsed
