"""Cut a Document into passages (the unit of search, ~300 characters, never
mid-sentence) and sentences, with the heading path of each passage."""

from __future__ import annotations

import math
import re

from kb.ingest.headings import numbered_level
from kb.models import Document, Passage, Sentence, stable_id
from kb.text.vocab import words

END_MARKS = "。！？；!?"
CLOSERS = "”’」』）)"
OPEN_TO_CLOSE = {"（": "）", "(": ")", "《": "》", "“": "”", "「": "」", "『": "』", "【": "】", "[": "]"}
ABBREVIATIONS = frozenset(words("ingest", "english_abbreviations"))
TARGET = 300
MAX_SENTENCE = 600
MAX_OPEN = 300          # an opener unclosed after this many characters is a stray one
# every character split_sentences acts on: openers, closers, end marks, quotes, line ends
_MARKS = re.compile("[" + re.escape("".join(sorted(set(OPEN_TO_CLOSE) | set(OPEN_TO_CLOSE.values())
                                                    | set(END_MARKS) | set(CLOSERS) | set("”’」』\n.")))) + "]")


def _ascii_period_ends(text: str, i: int) -> bool:
    """An ASCII '.' ends a sentence only before whitespace/end, not after a number, initial or abbreviation."""
    nxt = text[i + 1:i + 2]
    if nxt and not nxt.isspace():
        return False
    m = re.search(r"([A-Za-z0-9.]+)$", text[:i])
    word = m.group(1) if m else ""
    if not word or "." in word or len(word) == 1 or word.lower() in ABBREVIATIONS:
        return False
    after = text[i + 1:].lstrip()
    return not after or after[0].isupper() or ord(after[0]) > 0x2E80


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (offset added): end at 。！？； (and . ! ? in English) outside brackets and quotes,
    or at a line end; a closing quote right after the mark belongs to the sentence.

    Only the characters that can open, close or end something are visited (a regex jumps
    over the rest), so the cost is linear in the text with a small constant."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    start = 0
    m = _MARKS.search(text)
    while m is not None:
        i = m.start()
        stack = _open_brackets(stack, text[i], i)
        end = sentence_end(text, i, inside=bool(stack))
        if end is not None:
            _add(spans, text, start, end)
            start = end
        m = _MARKS.search(text, max(end or 0, i + 1))
    _add(spans, text, start, len(text))
    return [(s + offset, e + offset) for s, e in spans]


def _open_brackets(stack: list[tuple[str, int]], ch: str, i: int) -> list[tuple[str, int]]:
    """The brackets and quotes still open after character ``ch`` at ``i``: (closer, position);
    an opener left open for more than MAX_OPEN characters is a stray one and forgotten."""
    stack = [(c, p) for c, p in stack if i - p <= MAX_OPEN]
    if ch in OPEN_TO_CLOSE:
        stack.append((OPEN_TO_CLOSE[ch], i))
    elif stack and ch == stack[-1][0]:
        stack.pop()
    return stack


def sentence_end(text: str, i: int, inside: bool) -> int | None:
    """Where a sentence ends if it ends at character ``i`` (None if it goes on): a closing
    quote after an end mark, a line end, or (outside brackets) an end mark with the marks
    and closers that follow it. ``inside``: a bracket or quote is open."""
    ch, n = text[i], len(text)
    if not inside and ch in "”’」』" and i > 0 and text[i - 1] in END_MARKS:
        return i + 1                          # 。” ends the sentence with its quote
    if ch == "\n":
        return i
    if inside or not (ch in END_MARKS or (ch == "." and _ascii_period_ends(text, i))):
        return None
    j = i + 1
    while j < n and (text[j] in END_MARKS or text[j] in "…"):
        j += 1
    while j < n and text[j] in CLOSERS:
        j += 1
    return j


def _add(spans, text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _chunks(text: str, base: int) -> list[tuple[int, int]]:
    """Split a long block at sentence ends into near-equal pieces of about TARGET characters."""
    if len(text) <= TARGET * 1.3:
        return [(base, base + len(text))]
    sentences = []
    for s, e in split_sentences(text, base):
        if e - s > MAX_SENTENCE:       # a run-on sentence: cut at clause marks, else hard
            sentences += _cut_long(text[s - base:e - base], s)
        else:
            sentences.append((s, e))
    goal = len(text) / math.ceil(len(text) / TARGET)
    out, cur = [], None
    for s, e in sentences:
        if cur is None:
            cur = [s, e]
        elif e - cur[0] > goal * 1.15 and cur[1] - cur[0] >= goal * 0.5:
            out.append(tuple(cur))
            cur = [s, e]
        else:
            cur[1] = e
    if cur:
        out.append(tuple(cur))
    return out


def _cut_long(text: str, base: int) -> list[tuple[int, int]]:
    out, start = [], 0
    while len(text) - start > MAX_SENTENCE:
        window = text[start:start + TARGET + 100]
        cut = max(window.rfind(c) for c in "，；,、")
        cut = start + (cut + 1 if cut > TARGET // 2 else TARGET)
        out.append((base + start, base + cut))
        start = cut
    out.append((base + start, base + len(text)))
    return out


def is_title_heading(body: str, level: int, title: str, after_passages: bool) -> bool:
    """The document title, or a level-1 unnumbered heading before any passage: the title
    block at the top is not a section."""
    return body.strip() == title.strip() or (not after_passages and level <= 1 and not numbered_level(body))


APPENDIX_LABELS = tuple(words("ingest", "appendix_labels"))


def opens_appendix(block, body: str) -> bool:
    """A caption labelled as an appendix (附表　2024年主要指标): the sections above it end there."""
    return block.kind == "caption" and body.lstrip().startswith(APPENDIX_LABELS)


def is_table_caption(blocks: list, idx: int) -> bool:
    """A caption right above a table (it becomes the table's section, not a passage)."""
    return blocks[idx].kind == "caption" and idx + 1 < len(blocks) and blocks[idx + 1].kind == "table"


def table_caption(text: str, blocks: list, idx: int) -> list[str]:
    """[the caption above a table] for a table block that has one, else []."""
    if blocks[idx].kind == "table" and idx > 0 and blocks[idx - 1].kind == "caption":
        return [text[blocks[idx - 1].start:blocks[idx - 1].end]]
    return []


def segment(document: Document) -> tuple[list[Passage], list[Sentence]]:
    """Passages (paragraphs, list items, notes, figure captions, tables) and their sentences."""
    text, doc_id = document.text, document.doc_id
    blocks = sorted((b for b in document.blocks if b.kind != "formula"), key=lambda b: b.start)
    passages: list[Passage] = []
    sentences: list[Sentence] = []
    headings: list[tuple[int, str]] = []
    for idx, block in enumerate(blocks):
        body = text[block.start:block.end]
        if block.kind == "heading":
            if not is_title_heading(body, block.level, document.title, bool(passages)):
                headings = [h for h in headings if h[0] < block.level] + [(block.level, body)]
            continue
        if opens_appendix(block, body):
            headings = []
        if is_table_caption(blocks, idx):
            continue                         # the caption is the table's section
        section = [h for _, h in headings] + table_caption(text, blocks, idx)
        pieces = [(block.start, block.end)] if block.kind == "table" else _chunks(body, block.start)
        for s, e in pieces:
            ptext = text[s:e]
            pid = stable_id("p", doc_id, s, e, ptext)
            passages.append(Passage(passage_id=pid, doc_id=doc_id, ordinal=len(passages),
                                    section=" › ".join(section), start=s, end=e, text=ptext))
            for ss, se in split_sentences(ptext, s):
                sentences.append(Sentence(sentence_id=stable_id("s", doc_id, ss, se), doc_id=doc_id,
                                          passage_id=pid, ordinal=len(sentences), start=ss, end=se,
                                          text=text[ss:se]))
    return passages, sentences
