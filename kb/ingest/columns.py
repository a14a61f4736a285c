"""Multi-column captures: a paragraph cut by a heading continues in a later paragraph.

A page laid out in columns, copied as text, interleaves the columns: a
paragraph stops mid-sentence at a heading and goes on further down, in a
paragraph that cannot start a sentence (it opens with punctuation, or a
dictionary word runs across the cut: 中心成 | 立。). Pairs are joined only when
each side has exactly one candidate and the pairs keep document order; a
wrong join is worse than none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb.ingest.normalize import is_cjk
from kb.ingest.raw import RawBlock
from kb.ingest.wrap import is_incomplete

if TYPE_CHECKING:
    from kb.text.tokenizer import Tokenizer

NO_START = set("，。、；：！？）》」』】”’,.;:!?)")
COMMON_WORD_FREQ = 1000          # a common word (成立, 区域), not a rare name that happens to fit (成田, 和田)


def cross_word(tail: str, head: str, tokenizer: Tokenizer) -> bool:
    """True when a dictionary word runs across the cut (…中心成 | 立。…) and the head's own
    first word is a single character, i.e. the head cannot start a sentence by itself."""
    if not (is_cjk(tail[-1:]) and is_cjk(head[:1])):
        return False
    if len(next(iter(tokenizer.cut(head[:8], HMM=False)), "")) != 1:
        return False
    left = tail[-6:]
    pos = 0
    for word in tokenizer.cut(left + head[:6], HMM=False):
        if pos < len(left) < pos + len(word):
            return tokenizer.freq.get(word, 0) >= COMMON_WORD_FREQ
        pos += len(word)
    return False


def starts_mid_sentence(tail: str, head: str, tokenizer: Tokenizer) -> bool:
    """The head cannot begin a sentence: it opens with punctuation, or a word runs across the cut."""
    if not head:
        return False
    if head[0] in NO_START:
        return True
    return cross_word(tail, head, tokenizer)


def fragments(blocks: list[RawBlock]) -> list[int]:
    """Paragraphs cut by a heading: no end mark, a Chinese last character, a heading next."""
    return [i for i, b in enumerate(blocks[:-1]) if is_incomplete(b) and is_cjk(b.text[-1:])
            and blocks[i + 1].kind in ("heading", "break")]


def continuations(blocks: list[RawBlock], tokenizer: Tokenizer) -> dict[int, list[int]]:
    """For each fragment, the later paragraphs that could continue it."""
    return {f: [c for c in range(f + 2, len(blocks)) if blocks[c].kind == "paragraph"
                and starts_mid_sentence(blocks[f].text, blocks[c].text, tokenizer)] for f in fragments(blocks)}


def in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs that cross no other pair (a crossing means the layout is not understood)."""
    return [(f, c) for f, c in pairs
            if not any((f < f2) != (c < c2) for f2, c2 in pairs if (f2, c2) != (f, c))]


def unambiguous_pairs(blocks: list[RawBlock], tokenizer: Tokenizer) -> list[tuple[int, int]]:
    """(fragment, continuation) pairs where each side has exactly one candidate and the pairs
    keep document order; any doubt leaves the paragraphs apart."""
    options = continuations(blocks, tokenizer)
    claimed: dict[int, int] = {}
    for cands in options.values():
        for c in cands:
            claimed[c] = claimed.get(c, 0) + 1
    pairs = [(f, cands[0]) for f, cands in options.items() if len(cands) == 1 and claimed[cands[0]] == 1]
    return in_order(pairs)


def rejoin_across_headings(blocks: list[RawBlock], tokenizer: Tokenizer) -> list[RawBlock]:
    """Multi-column captures: a paragraph cut by a heading continues in a later paragraph that
    starts mid-sentence. Joined only when the match is unambiguous (see unambiguous_pairs);
    a wrong join is worse than none."""
    for _ in range(3):                   # a joined paragraph may still be cut further down
        pairs = unambiguous_pairs(blocks, tokenizer)
        if not pairs:
            break
        for f, c in sorted(pairs, reverse=True):   # later pairs first: chains f→c→d stay whole
            blocks[f].pieces += blocks[c].pieces
        gone = {c for _, c in pairs}
        blocks = [b for i, b in enumerate(blocks) if i not in gone]
    return blocks
