"""The claim type and direction of a figure: level, share, growth rate, change, rank….

Read from the figure's normalised unit and the words before and after it in
its clause (kb.figures.linking.cues): a % after a growth word is a growth rate, after a share
word a share; pp is a change or a difference; direction (up/down) only for
rates and changes.
"""

from __future__ import annotations

from kb.figures.linking.cues import COUNT_UNITS, RATE_CHANGE_TYPES
from kb.models import Quantity
from kb.text.vocab import regex

_RATE_NOUN = regex("linking", "rate_noun")
_CAGR = regex("linking", "cagr")
_CAGR_AFTER = regex("linking", "cagr_after")
_SHARE = regex("linking", "share")
_DIFF = regex("linking", "difference")
_GROWTH = regex("linking", "growth")
_GROWTH_RATE_AFTER = regex("linking", "growth_rate_after")
_ENGLISH_GROWTH = regex("linking", "english_growth")
_DOWN = regex("linking", "decline")
_UP = regex("linking", "rise")
_CHANGE_VERB = regex("linking", "change_verb_before")
_BOUND_BEFORE = regex("linking", "bound_before")


def is_difference(near: str) -> bool:
    """A comparison word (高于, 相差 …) before the figure makes it a difference, unless 高于/低于 stands
    right before it (增速均低于20%: a bound) or a comparand's 的 does (高于江苏的19.2%: 江苏's own value);
    高于全国1.5个百分点 and 二者相差47.5% are differences."""
    found = [m for m in _DIFF.finditer(near)]
    if not found:
        return False
    gap = near[found[-1].end():].strip()
    return not (_BOUND_BEFORE.search(near) or gap.endswith("的"))


def claim_type_of(q: Quantity, before: str, near: str, after: str) -> str:
    """The claim type of figure ``q`` from its unit and the words before it (``before``: since its
    clause start; ``near``: since the previous figure) and ``after`` it."""
    unit = q.unit_normalized
    if unit == "rank" or q.kind_hint == "rank":
        return "rank"
    if unit == "times":
        return "multiple"
    if q.kind_hint == "ratio":
        return "ratio"
    if unit == "pp":
        # 比上年提高0.9个百分点 is a change; 比京津冀地区高出6.8个百分点 a difference
        return "change" if _GROWTH.search(near) and not _DIFF.search(near) else "difference"
    if unit in ("%", "‰"):
        if _CAGR.search(before) or _CAGR_AFTER.match(after):
            return "cagr"
        if _SHARE.search(before):
            return "share"
        if _RATE_NOUN.search(near):
            # a rate is a share of a whole up to 100 %; 拨备覆盖率198.5% is a ratio above it
            return "share" if q.value_normalized <= 100 else "ratio"
        if is_difference(near) and not after.lstrip().startswith("的"):
            return "difference"   # 高于全省同期66.31%的城镇化率: the value compared with, not a difference
        if _GROWTH.search(before) or _GROWTH_RATE_AFTER.match(after) or _ENGLISH_GROWTH.search(near):
            return "growth_rate"
        return "level"
    if unit == "score":
        return "score"
    if is_difference(near):
        return "difference"
    if _CHANGE_VERB.search(near):
        return "change"
    if unit in COUNT_UNITS:
        return "count"
    return "level"


def direction_of(claim_type: str, near: str) -> str:
    """"up" or "down" for a rate or change by the words before it, else ""."""
    if claim_type not in RATE_CHANGE_TYPES:
        return ""
    if _DOWN.search(near):   # (负增长 is a decline cue)
        return "down"
    if _UP.search(near):
        return "up"
    return ""
