"""One line of plain text or Markdown standing alone: its clean text and its kind.

``line_kind`` tries an ordered list of rules (Markdown heading, caption, note,
list item, numbered heading, short unnumbered heading) and falls back to a
paragraph line. Also the line measures the grouping needs: display width and
table rows (tab-separated cells or Markdown pipe rows).
"""

from __future__ import annotations

import re

from kb.ingest.headings import is_section_title, numbered_level
from kb.ingest.markdown import strip_inline_markdown
from kb.ingest.normalize import is_cjk, normalize_heading, normalize_text
from kb.text.vocab import regex

LineKind = tuple[str, int, str]                  # (kind, heading level, text)

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
CAPTION = regex("ingest", "caption")
NOTE = regex("ingest", "note")
UNIT_LINE = regex("ingest", "unit_line")
LIST = re.compile(r"^(?:[-*+•]\s+)")
_UNPAIRED = [("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("【", "】"), ("「", "」")]
_MD_LINE_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*)$")
_COLUMN_MARKER = re.compile(r"[\dIVXivx]{1,3}\.?")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
SENTENCE_END = re.compile(r"[。！？；!?;]")
_COMMA = re.compile(r"[，,]")
_OPEN_END = re.compile(r"[，,：:]$")
BRACKET_START = re.compile(r"^[\[【（(]")
_INNER_PUNCT = re.compile(r"[，。,]")


def balanced(text: str) -> bool:
    """Every bracket and quote of the text is closed (《》（）()“”【】「」 counted)."""
    return all(text.count(a) == text.count(b) for a, b in _UNPAIRED)


_NARROW = re.compile(r"[\u0000-\u2E80]+")


def width(s: str) -> int:
    """Display width: two for a Chinese or full-width character (above U+2E80), one for the rest.
    Counted as twice the length less the narrow characters (one pattern, not a loop in Python)."""
    return 2 * len(s) - sum(map(len, _NARROW.findall(s)))


def is_table_line(line: str) -> bool:
    """A row of a table: tab-separated cells or a Markdown pipe row."""
    return "\t" in line.strip(" ") or line.lstrip().startswith("|")


def table_rows(lines: list) -> set[int]:
    """Indices of the lines in runs of two or more adjacent table lines (tab-separated cells or
    Markdown pipe rows): whatever the file format, such a run is one table block."""
    flags = [is_table_line(line) and bool(line.strip()) for line, _ in lines]
    return {k for k, f in enumerate(flags)
            if f and ((k > 0 and flags[k - 1]) or (k + 1 < len(flags) and flags[k + 1]))}


def clean_line(line: str, markdown: bool) -> str:
    """The line's text: inline Markdown or HTML comments removed, normalised; a section number
    keeps its space."""
    text = strip_inline_markdown(line) if markdown else _HTML_COMMENT.sub("", line)
    m = _MD_LINE_HEADING.match(text) if markdown else None
    if m:                                       # "## 1 引言": the number keeps its space
        return f"{m.group(1)} {normalize_heading(m.group(2))}"
    if is_section_title(text):                  # plain "1 引言" keeps its space too
        return normalize_heading(text)
    return normalize_text(text)


def markdown_heading(text: str, markdown: bool) -> LineKind | None:
    """A Markdown ``#`` heading (its level from its numbering, else from the #s); a bare
    "## 1" or "## II" is a column marker of the layout, a break."""
    m = MD_HEADING.match(text) if markdown else None
    if not m:
        return None
    body = m.group(2)
    if _COLUMN_MARKER.fullmatch(body):
        return "break", 0, ""
    return "heading", numbered_level(body) or len(m.group(1)), body


def caption_line(text: str, markdown: bool) -> LineKind | None:
    """A table or figure caption ("表1 …", "Figure 2: …"): short, not a sentence."""
    if CAPTION.match(text) and len(text) <= 80 and not text.endswith("。"):
        return "caption", 0, text
    return None


def note_line(text: str, markdown: bool) -> LineKind | None:
    """A note under a table or figure ("注：…", "资料来源：…")."""
    return ("note", 0, text) if NOTE.match(text) else None


def list_item_line(text: str, markdown: bool) -> LineKind | None:
    """A bulleted list item, its bullet removed."""
    return ("list_item", 0, LIST.sub("", text, count=1)) if LIST.match(text) else None


def numbered_heading(text: str, markdown: bool) -> LineKind | None:
    """A numbered heading (一、 （一） 1. （1）) without sentence end, at most 60 characters;
    a 第…章 line with a comma is a sentence."""
    level = numbered_level(text)
    if (level and not SENTENCE_END.search(text) and len(text) <= 60
            and not (level == 1 and _COMMA.search(text))):
        return "heading", level, text
    return None


def unit_line(text: str, markdown: bool) -> LineKind | None:
    """A line that only states the unit of the table under it (单位：万吨): never a heading."""
    return ("paragraph", 0, text) if UNIT_LINE.match(text) else None


def short_heading(text: str, markdown: bool) -> LineKind | None:
    """An unnumbered short line (at most 30 characters, some Chinese) without any sentence or
    clause punctuation and not bracketed: a level-2 heading candidate."""
    if (not SENTENCE_END.search(text) and not _OPEN_END.search(text) and len(text) <= 30
            and sum(is_cjk(c) for c in text) >= 2 and not BRACKET_START.match(text) and balanced(text)
            and not _INNER_PUNCT.search(text)):
        return "heading", 2, text
    return None


LINE_RULES = (markdown_heading, caption_line, note_line, list_item_line, numbered_heading, unit_line,
              short_heading)


def line_kind(text: str, markdown: bool) -> LineKind:
    """Kind, level and text of one line standing alone: the first rule of LINE_RULES that
    fits, else a paragraph line."""
    for rule in LINE_RULES:
        found = rule(text, markdown)
        if found:
            return found
    return "paragraph", 0, text
