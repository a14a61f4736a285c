"""The title block at the top of a document, and what its lines say.

The top of a document: title line(s), a subtitle ("——基于…"), then metadata
lines (a dateline or speaker line "——2024年1月10日在…会议上", the issuing body,
author names). ``title_block`` splits them off as level-1 headings and fills
the metadata; ``head_meta`` reads one line under the title by an ordered list
of rules (HEAD_RULES).
"""

from __future__ import annotations

import html

import re
from dataclasses import dataclass, field

from kb.ingest.dates import normalize_date
from kb.ingest.furniture import BREADCRUMB, COMMENT, is_nav_line
from kb.ingest.headings import is_section_title, numbered_level
from kb.ingest.lines import (
    CAPTION,
    MD_HEADING,
    NOTE,
    SENTENCE_END,
    balanced,
    clean_line,
)
from kb.ingest.metadata import (
    BYLINE,
    NAME_SEP,
    NAMES_LINE,
    ORG_LINE,
    first_issuer,
    POSITION,
    issuer_date_line,
    meta_line,
    record_meta,
)
from kb.ingest.normalize import CJK, is_cjk, normalize_headline
from kb.ingest.raw import RawBlock
from kb.text.vocab import regex

DASH = regex("ingest", "subtitle_dash")
MONTH_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")
# a date line (2024年3月8日 / 2024-03-08 / 2023年3月示范县) is no title; a headline after the month
# (2023年1—8月全省工业生产和固定资产投资情况) is one
_DAY_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_HEADLINE_AFTER_MONTH = 8
TITLE_MAX = 48
SPEAKER_LINE = regex("ingest", "speaker_line")
_VENUE = regex("ingest", "speech_venue")
_OFFICE_NAME = re.compile(rf"(?:{POSITION.pattern})\s+([{CJK}]{{2,4}})")
_HEAD_END = re.compile(r"[。！？!?]")
_OPEN_END = re.compile(r"[，,、：:]$")
_LABEL_START = re.compile(r"^[\[【]")
_TITLE_STARS = re.compile(r"[*＊]+$")
_CJK_GAP = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
# 证券代码：600000 证券简称：某某银行 公告编号：2024-001: a listed company's header, never its title
_LISTED_HEADER = regex("ingest", "listed_header")
KEPT_KINDS = ("subtitle", "speaker", "publisher")   # kept as title block: citable, never body


def is_title_line(text: str) -> bool:
    """A short line that can be a title: no sentence punctuation, not numbered, brackets paired."""
    return (2 <= len(text) <= TITLE_MAX and not SENTENCE_END.search(text) and not _OPEN_END.search(text)
            and sum(is_cjk(c) or c.isalpha() for c in text) >= 2 and not numbered_level(text)
            and not _LABEL_START.match(text) and not CAPTION.match(text) and not NOTE.match(text)
            and not _DAY_DATE.search(text[:14]) and not _short_after_month(text)
            and not NAMES_LINE.match(text) and not BYLINE.match(text) and balanced(text)
            and not _LISTED_HEADER.match(text))


def _short_after_month(text: str) -> bool:
    """A year and month near the start with little after it: a date line, not a headline."""
    m = MONTH_DATE.search(text[:12])
    return m is not None and len(text) - m.end() < _HEADLINE_AFTER_MONTH


# --- the lines under a title: rules (text, text without a leading dash, metadata) → kind ---

def dateline_rule(text: str, rest: str, meta: dict) -> str | None:
    """A labelled dateline/source/byline line (发布时间：… 来源：…)."""
    found = meta_line(rest)
    if found is None:
        return None
    record_meta(found, meta)
    return "dateline"


def speaker_rule(text: str, rest: str, meta: dict) -> str | None:
    """A speaker line "——2024年1月10日在…会议上" (or the same line without the dash: the pattern
    alone is specific): its date and its venue (not the issuer)."""
    if not (SPEAKER_LINE.match(rest) or (rest != text and MONTH_DATE.match(rest))):
        return None
    if not meta.get("date") and MONTH_DATE.match(rest):
        meta["date"] = normalize_date(rest)
    venue = _VENUE.search(rest)
    if venue and not meta.get("venue"):
        meta["venue"] = venue.group(1)
    return "speaker"


def subtitle_rule(text: str, rest: str, meta: dict) -> str | None:
    """Any other line opening with a dash ("——基于…"): a subtitle."""
    return "subtitle" if rest != text and len(rest) >= 2 else None


def issuer_date_rule(text: str, rest: str, meta: dict) -> str | None:
    """An unlabelled "issuer + date" line (国家统计局 2025年2月28日)."""
    found = issuer_date_line(text)
    if found is None:
        return None
    record_meta(found, meta)
    return "publisher"


def office_rule(text: str, rest: str, meta: dict) -> str | None:
    """"代理市长 张三": the speaker, not body text."""
    office = _OFFICE_NAME.fullmatch(text)
    if not office:
        return None
    meta["author"] = meta.get("author") or office.group(1)
    return "author"


def issuer_rule(text: str, rest: str, meta: dict) -> str | None:
    """The issuing body alone on its line (某某市统计局)."""
    if not ORG_LINE.match(text):
        return None
    meta["publisher"] = meta.get("publisher") or first_issuer(text)
    return "publisher"


def authors_rule(text: str, rest: str, meta: dict) -> str | None:
    """Author names ("张伟 李娜", "记者：张三"), offices left out."""
    by = BYLINE.match(text)
    if not (NAMES_LINE.match(text) or by):
        return None
    names = by.group(1) if by else text
    people = [x for x in NAME_SEP.split(names.strip()) if x and not POSITION.fullmatch(x)]
    meta["author"] = meta.get("author") or "、".join(people)
    return "author"


HEAD_RULES = (dateline_rule, speaker_rule, subtitle_rule, issuer_date_rule, office_rule, issuer_rule, authors_rule)


def head_meta(text: str, meta: dict) -> str | None:
    """Kind of a line under the title ("dateline", "speaker", "subtitle", "publisher", "author"),
    recording its metadata; None when the line is body text."""
    if len(text) > 60 or _HEAD_END.search(text):
        return None
    rest = DASH.sub("", text)
    for rule in HEAD_RULES:
        kind = rule(text, rest, meta)
        if kind is not None:
            return kind
    return None


# --- the title block ---------------------------------------------------------

def is_skipped_top_line(line: str, markdown: bool) -> bool:
    """A blank, comment, breadcrumb or (plain text) navigation line above or in the title block."""
    stripped = line.strip()
    return bool(not stripped or COMMENT.match(line) or BREADCRUMB.search(line)
                or (not markdown and is_nav_line(stripped)))


def top_line(line: str, markdown: bool) -> tuple[str, int, bool]:
    """(text, Markdown heading level or 0, whether it is a Markdown heading) of a top line."""
    text = clean_line(line, markdown)
    m = MD_HEADING.match(text) if markdown else None
    return (m.group(2), len(m.group(1)), True) if m else (text, 0, False)


def followed_by_meta(lines: list, i: int, markdown: bool) -> bool:
    """The line after line ``i`` is blank, missing, or a metadata line under a title."""
    nxt = next((line.strip() for line, _ in lines[i + 1:i + 2]), "")
    return not nxt or head_meta(clean_line(nxt, markdown), {}) is not None


def title_text(line: str, body: str, is_markdown: bool) -> str:
    """A title line's text: a plain line keeps the headline's break ("齐发力 2024年…")."""
    if not is_markdown and not is_section_title(line):
        return normalize_headline(line.strip())
    return body


def main_title(titles: list[str]) -> str:
    """The document title: the longest title line, trailing stars and gaps between Chinese removed."""
    return _CJK_GAP.sub("", _TITLE_STARS.sub("", max(titles, key=len))).strip()


@dataclass
class _Head:
    """The title block read so far."""

    blocks: list[RawBlock] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    md_level: int | None = None
    in_meta: bool = False

    def can_take_title(self, body: str, level: int) -> bool:
        """Room for another title line: at most three, before any metadata line, same level."""
        return (not self.in_meta and len(self.titles) < 3 and is_title_line(body)
                and (not self.titles or level == self.md_level))

    def add_title(self, text: str, level: int, n: int) -> None:
        self.titles.append(text)
        self.md_level = level
        self.blocks.append(RawBlock("heading", [(text, n)], 1))

    def add_meta_line(self, kind: str, body: str, n: int) -> None:
        self.in_meta = True
        if kind in KEPT_KINDS:
            self.blocks.append(RawBlock("heading", [(body, n)], 1))


def _issuer_above_title(lines: list, i: int, markdown: bool) -> bool:
    """Line ``i`` is an issuing body alone on its line (某某市统计局) and the next line a title with a
    blank or a metadata line under it."""
    body = top_line(lines[i][0], markdown)[0]
    if not ORG_LINE.match(body) or i + 1 >= len(lines):
        return False
    nxt = top_line(lines[i + 1][0], markdown)[0]
    return is_title_line(nxt) and not ORG_LINE.match(nxt) and followed_by_meta(lines, i + 1, markdown)


def title_block(lines: list, markdown: bool, meta: dict) -> tuple[list[RawBlock], list]:
    """Split the title block off the top lines: (level-1 heading blocks, remaining lines).
    Without a recognisable title the lines are returned untouched."""
    head = _Head()
    i = 0
    while i < len(lines):
        line, n = lines[i]
        if not is_skipped_top_line(line, markdown):
            body, level, is_md = top_line(line, markdown)
            kind = head_meta(body, meta) if head.titles and not is_md else None
            if kind is not None:
                head.add_meta_line(kind, body, n)
            elif not head.titles and not head.blocks and _issuer_above_title(lines, i, markdown):
                # 成都市人力资源和社会保障局 on its own line above the title: the publisher
                issuer_rule(body, body, meta)
                head.blocks.append(RawBlock("heading", [(body, n)], 1))
            elif head.can_take_title(body, level) and (is_md or followed_by_meta(lines, i, markdown)):
                head.add_title(title_text(html.unescape(line) if markdown else line, body, is_md), level, n)
            else:
                break
        i += 1
    if not head.titles:
        return [], lines
    if not meta.get("title"):
        meta["title"] = main_title(head.titles)
    return head.blocks, lines[i:]


def title_guess(blocks: list[RawBlock]) -> str:
    """The longest of the leading headings (HTML pages, Markdown); no title rather than body text."""
    lead = []
    for b in blocks:
        if b.kind != "heading":
            break
        lead.append(b.text)
    return max(lead, key=len) if lead else ""
