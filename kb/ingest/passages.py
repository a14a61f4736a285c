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
    or at a line end; a closing quote right after the mark belongs to the sentence."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        stack = [(c, p) for c, p in stack if i - p <= MAX_OPEN]
        if ch in OPEN_TO_CLOSE:
            stack.append((OPEN_TO_CLOSE[ch], i))
        elif stack and ch == stack[-1][0]:
            stack.pop()
        end = None
        if not stack and ch in "”’」』" and i > 0 and text[i - 1] in END_MARKS:
            end = i + 1                       # 。” ends the sentence with its quote
        elif ch == "\n":
            end = i
        elif not stack and (ch in END_MARKS or (ch == "." and _ascii_period_ends(text, i))):
            j = i + 1
            while j < n and (text[j] in END_MARKS or text[j] in "…"):
                j += 1
            while j < n and text[j] in CLOSERS:
                j += 1
            end = j
        if end is not None:
            _add(spans, text, start, end)
            start = end
            i = max(end, i + 1)
            continue
        i += 1
    _add(spans, text, start, n)
    return [(s + offset, e + offset) for s, e in spans]


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
            if body.strip() == document.title.strip() or (not passages and block.level <= 1
                                                           and not numbered_level(body)):
                continue                     # the title block at the top is not a section
            headings = [h for h in headings if h[0] < block.level] + [(block.level, body)]
            continue
        section = [h for _, h in headings]
        if block.kind == "caption":
            nxt = blocks[idx + 1] if idx + 1 < len(blocks) else None
            if nxt is not None and nxt.kind == "table":
                continue                     # the caption is the table's section
        if block.kind == "table":
            prev = blocks[idx - 1] if idx > 0 else None
            if prev is not None and prev.kind == "caption":
                section = section + [text[prev.start:prev.end]]
            pieces = [(block.start, block.end)]
        else:
            pieces = _chunks(body, block.start)
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
