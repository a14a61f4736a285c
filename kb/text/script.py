"""Traditional characters read as simplified, one character for one, so every offset stays.

kb's vocabularies (places, indicators, growth words) and jieba's dictionary are
simplified; a document or a claim written in traditional characters (澳門, 經濟,
增長) is linked and searched through this mapping. The table
(kb/data/t2s.txt, from OpenCC) leaves out every character simplified text also
uses, so simplified text passes through unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from kb.text.vocab import DATA_DIR


@lru_cache(maxsize=1)
def table() -> dict[int, int]:
    """code point → code point of kb/data/t2s.txt (read once)."""
    pairs = {}
    for line in (DATA_DIR / "t2s.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            pairs[ord(trad)] = ord(simp)
    return pairs


@lru_cache(maxsize=1)
def usual_traditional() -> dict[int, int]:
    """simplified → its usual traditional form, where it differs (kb/data/s2t.txt: 经 → 經, not 出 → 齣)."""
    pairs = {}
    for line in (DATA_DIR / "s2t.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            simp, trad = line.split("\t")
            pairs[ord(simp)] = ord(trad)
    return pairs


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    return frozenset(chr(c) for c in table())


def simplified(text: str) -> str:
    """``text`` with its traditional characters simplified (澳門幣 → 澳门币); same length."""
    if not text or _traditional().isdisjoint(text):
        return text
    return text.translate(table())
