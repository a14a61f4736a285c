"""Counts of named members: 计算机、国防军工、机械设备三个行业 / 有4个行业…，包括A、B、C、D /
仅2家…，分别为A和B / 美股科技五巨头（A、B、C、D、E）.

Chinese writing often states how many members a list names. named_counts() finds each count
word with the list it counts: the 、-list right before it (A、B和C这3个行业), the list a 包括 /
分别为 / 分别是 / （ opens right after it in its sentence, or the last list before a 这N个 that
refers back to it. A list may be cut two ways (医药和纺织 is two names, 石油与化工 one): the
readings are kept, and a count agrees when one reading gives it. 等 (etc.) marks a list that
may name fewer members than the count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.text.vocab import regex, words
from kb.verify.relations.ground import CN_COUNT, Context, parse_count

_CLASSIFIERS = words("relations", "count_list_classifiers")
_COUNT = re.compile(rf"([{CN_COUNT}]|\d+)\s*(?:{'|'.join(_CLASSIFIERS)})")
_NAME = r"[^\s、，。；,;：:（）()“”\"《》\d%％]{1,14}"
_LIST_BEFORE = re.compile(rf"((?:{_NAME}、\s*)+{_NAME}?)(等)?(?:这|该|共|等)?\s*$")
_OPENER = regex("relations", "count_list_opener")
_REFERS_BACK = re.compile(r"(?:这|该|上述|以上)\s*$")
_LAST_JOIN = re.compile(r"(?:和|及|以及)")


@dataclass
class NamedCount:
    """A count word, the names of the list it counts and how that list may be read."""

    start: int              # the count word's span in the text
    end: int
    count: int
    names: list[str]
    readings: set[int]      # the numbers of names the list may hold (医药和纺织: one or two)
    partial: bool           # the list ends with 等: it may name fewer members than the count


def split_names(text: str) -> tuple[list[str], set[int]]:
    """The names of a 、-list and the numbers of names it may hold: its 、-separated items, the
    last one cut once more at 和/及 (医药和纺织), or not (石油与化工 stays one)."""
    items = [x.strip() for x in text.strip().strip("、").split("、") if x.strip()]
    if not items:
        return [], set()
    readings = {len(items)}
    last = _LAST_JOIN.split(items[-1])
    if len(last) == 2 and all(last):
        readings.add(len(items) + 1)
        items = items[:-1] + last
    return items, readings


def _list_before(text: str, start: int, pos: int) -> tuple[list[str], set[int], bool] | None:
    """The 、-list ending right before ``pos`` (after ``start``), with its readings and 等."""
    m = _LIST_BEFORE.search(text[start:pos])
    if not m or re.search(r"[\d.]$", text[:start + m.start()]):
        return None  # 3个、夜间文旅消费集聚区: the "first name" is the unit of another count
    head = re.split(r"[，。；,;：:]", m.group(1))[-1]
    names, readings = split_names(head)
    return (names, readings, bool(m.group(2))) if len(names) >= 2 else None


def _list_after(text: str, pos: int, end: int) -> tuple[list[str], set[int], bool] | None:
    """The list a 包括/分别为/（ opens right after the count's clause: its names up to the
    clause's end (or a closing bracket, or a count word that sums it up again)."""
    m = _OPENER.match(text, pos, end)
    if not m:
        return None
    rest = re.split(r"[，。；,;）)]", text[m.end():end])[0]
    rest = _COUNT.split(rest)[0] if _COUNT.search(rest) else rest
    tail = re.search(r"等\s*$", rest)
    names, readings = split_names(rest[:tail.start()] if tail else rest)
    return (names, readings, bool(tail)) if len(names) >= 2 else None


def named_counts(ctx: Context) -> list[NamedCount]:
    """Every count word of the text whose list of names is found (see the module docstring)."""
    out = []
    for m in _COUNT.finditer(ctx.text):
        if ctx.text[max(0, m.start() - 1):m.start()] == "第":
            continue  # 居全国第2位, 全球第三大: a rank, not a count
        s0, s1 = ctx.sentence_of(m.start())
        found = _list_before(ctx.text, s0, m.start()) or _list_after(ctx.text, m.end(), s1) \
            or _referred_list(ctx.text, s0, m.start())
        count = parse_count(m.group(1))
        if found and count >= 2 and _counts_the_list(count, found[1], found[2]):
            names, readings, partial = found
            out.append(NamedCount(m.start(), m.end(), count, names, readings, partial))
    return out


def _counts_the_list(count: int, readings: set[int], partial: bool) -> bool:
    """The count may be of the list's names: a reading gives it, or (no 等) it is within two of
    one — a count of 120 after three names counts something else (合同120项)."""
    return count in readings or (not partial and min(abs(count - n) for n in readings) <= 2)


def _referred_list(text: str, s0: int, pos: int) -> tuple[list[str], set[int], bool] | None:
    """这6个行业: the last 、-list before it in its sentence, with no count word between."""
    if not _REFERS_BACK.search(text[max(s0, pos - 3):pos]):
        return None
    before = text[s0:pos]
    lists = list(re.finditer(rf"(?:{_NAME}、\s*)+{_NAME}", before))
    if not lists or _COUNT.search(before[lists[-1].end():]) or re.search(r"[\d.]$", before[:lists[-1].start()]):
        return None
    found = re.split(r"[，。；,;：:]", lists[-1].group(0))[-1]
    etc = found.find("等")
    names, readings = split_names(found[:etc] if etc != -1 else found)
    return (names, readings, etc != -1) if len(names) >= 2 else None


def judge_count(found: NamedCount) -> tuple[str, str]:
    """(verdict, why): consistent when a reading of the list names as many members as the
    count (or, after 等, no more); otherwise unverifiable — a list may be cut otherwise than
    kb cuts it, so a count is never accused on its names alone."""
    if found.count in found.readings:
        return "consistent", f"{len(found.names)} names listed"
    if found.partial and min(found.readings) < found.count:
        return "unverifiable", "the list ends with 等 and may name only some of the members"
    return "unverifiable", "the names listed may be cut otherwise than kb cuts them"
