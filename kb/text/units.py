"""Unit vocabulary: the units written after a Chinese figure and their normal form.

A unit as stated ("万亿元", "万件", "吨/万元") is split into a scale word
(kb.text.numerals.SCALE_WORDS) and a base unit from ``UNITS``; the normal unit is
an atom of kb.models.ALLOWED_UNIT_ATOMS (or "<a>/<b>" for a compound) and
``scale`` multiplies the stated value into that unit. The words are data:
kb/data/units.yaml.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kb.text.numerals import SCALE_WORDS
from kb.text.vocab import vocabulary, words
from kb.text.lazy_pattern import lazy_compile


class UnitInfo(NamedTuple):
    """A base unit's normal form."""

    normalized: str      # atom of ALLOWED_UNIT_ATOMS
    kind: str            # currency, percent, pp, multiple, count, physical
    multiplier: float    # base unit per stated unit (公里 → km: 1)


class ParsedUnit(NamedTuple):
    """A unit read after a figure."""

    unit: str            # as stated, scale words included ("万亿元")
    scale: float         # value × scale = value in ``normalized``
    normalized: str
    kind: str
    end: int             # offset just after the unit in the scanned text


_DATA = vocabulary("units")
_NOT_UNIT_BEFORE: dict[str, str] = _DATA["not_unit_before"]
# In a compound (元/人, 人/平方公里) counted things name what they count.
_COMPOUND_ATOMS: dict[str, str] = _DATA["compound_atoms"]
_DENOMINATOR_ONLY = {u: UnitInfo(n, k, float(m)) for u, (n, k, m) in _DATA["denominator_only"].items()}
# Scale words allowed with no unit after an Arabic number (15.01万, 3千, 14亿).
BARE_SCALES = words("units", "bare_scales")
LATIN_SCALES: dict[str, float] = {k: float(v) for k, v in _DATA["latin_scales"].items()}
_HALF_KINDS = set(words("quantities", "half_unit_kinds"))
_HALF_NOT_BEFORE: str = vocabulary("quantities")["half_not_before"]


def _units(data: dict) -> dict[str, UnitInfo]:
    """Every base unit of kb/data/units.yaml with its normal form: currencies, rates, count words,
    counted things (人, 户, 辆), physical units."""
    units = {u: UnitInfo(code, "currency", 1.0) for u, code in data["currencies"].items()}
    units.update({u: UnitInfo(n, k, float(m)) for u, (n, k, m) in data["rate_units"].items()})
    units.update({w: UnitInfo("count", "count", 1.0) for w in words("units", "count_words")})
    units.update({w: UnitInfo(atom, "count", 1.0) for w, atom in data["counted_things"].items()})
    units.update({u: UnitInfo(code, "physical", float(k)) for u, (code, k) in data["physical_units"].items()})
    return units


UNITS: dict[str, UnitInfo] = _units(_DATA)


def _alternation(items) -> str:
    """Escaped alternation of ``items``, longest first (a regex tries alternatives in order)."""
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


_UNIT_ALT = _alternation(UNITS)
_LATIN = {u for u in UNITS if u.isascii() and u[0].isalpha()}
_UNIT_RE = lazy_compile(rf"(?:{_UNIT_ALT})")
_SCALE_RE = lazy_compile(rf"(?:{_alternation(SCALE_WORDS)})")
_DEN_RE = lazy_compile(rf"/[ ]*(?P<scale>{_alternation(SCALE_WORDS)})?(?P<unit>{_alternation([*UNITS, *_DENOMINATOR_ONLY])})")
_LETTER = lazy_compile(r"[A-Za-z]")


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
    """The normal atom of a base unit; in a compound (元/人) a counted thing names what it counts."""
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


def _boundary(text: str, pos: int) -> bool:
    """The end of the text, a space or punctuation at ``pos`` (no letter, digit or Chinese word)."""
    if pos >= len(text):
        return True
    ch = text[pos]
    return not (ch.isalnum() or "\u4e00" <= ch <= "\u9fff")


def match_latin_scaled(text: str, pos: int) -> ParsedUnit | None:
    """A Latin scale letter at ``pos`` after Arabic digits: 12K个 (1.2e4 个), 12k个百分点, or a
    bare 3.2k / 1.5M at a boundary (a count). 4K超高清 names a resolution: None."""
    scale = LATIN_SCALES.get(text[pos:pos + 1])
    if scale is None or _LETTER.match(text, pos + 1):
        return None
    after, approx = match_unit(text, pos + 1)
    if after is not None and not approx and after.unit not in SCALE_WORDS:
        return ParsedUnit(text[pos] + after.unit, scale * after.scale, after.normalized, after.kind, after.end)
    if _boundary(text, pos + 1):
        return ParsedUnit(text[pos], scale, "count", "count", pos + 1)
    return None


def _half_ok(unit: ParsedUnit | None, text: str) -> bool:
    """A unit a half can be of, not followed by a word that starts with 半's own meaning."""
    return unit is not None and unit.kind in _HALF_KINDS and not _word_after_half(text, unit.end - 1)


def match_half_unit(text: str, pos: int) -> ParsedUnit | None:
    """个半 + unit at ``pos`` (一个半百分点, 一个半月, 两个半小时): the unit, its end past the 半;
    the caller adds 0.5 to the value."""
    if not text.startswith("个半", pos):
        return None
    probe = "个" + text[pos + 2:pos + 18]   # 个百分点, 个月: the 个 belongs to the unit
    unit, approx = match_unit(probe, 0)
    if unit is not None and not approx and unit.kind in _HALF_KINDS:
        return unit._replace(end=pos + 1 + unit.end)
    unit, approx = match_unit(text, pos + 2)   # 小时, 百分点
    return unit if not approx and _half_ok(unit, text) and unit.end > pos + 2 else None


def half_after(unit: ParsedUnit, text: str) -> bool:
    """两米半, 一倍半: a 半 right after the unit adds half of it (not 半径, 半岛, 半导体)."""
    return text[unit.end:unit.end + 1] == "半" and unit.kind in _HALF_KINDS and not _word_after_half(text, unit.end)


def _word_after_half(text: str, half: int) -> bool:
    """The 半 at ``half`` starts a word (半径, 半岛, 半导体, 半年)."""
    nxt = text[half + 1:half + 2]
    return bool(nxt) and nxt in _HALF_NOT_BEFORE
