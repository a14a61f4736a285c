"""Markup to plain pieces: character normalisation, Markdown inline syntax,
YAML front matter and HTML (whole pages or blocks inside Markdown).

A "piece" is (text, source_line); a raw block is (kind, pieces, level).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import yaml

# --- character normalisation -------------------------------------------------

_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}           # ０-９
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})      # Ａ-Ｚ
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})      # ａ-ｚ
_FULLWIDTH.update({"％": "%", "．": ".", "\u00a0": " ", "\u3000": " ", "\u2002": " ",
                   "\u2003": " ", "\u2009": " ", "\u200b": "", "\ufeff": ""})
_TRANS = str.maketrans(_FULLWIDTH)
CJK = r"\u3400-\u9fff"
_CJK_PUNCT = "，。；：、！？“”‘’（）《》【】「」『』—…"


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff")


def normalize_text(text: str) -> str:
    """Full-width digits/letters/％/． → ASCII, odd spaces → space, runs of spaces collapsed.

    Spaces between a digit and a Chinese character or next to Chinese
    punctuation are removed ("2023 年" → "2023年"): PDF extraction adds them.
    """
    text = text.translate(_TRANS)
    text = re.sub(r"[ \t]+", " ", text).strip()
    text = re.sub(rf"(?<=[0-9{CJK}{_CJK_PUNCT}]) (?=[{_CJK_PUNCT}])", "", text)
    text = re.sub(rf"(?<=[{_CJK_PUNCT}]) ", "", text)
    # a figure and its unit or context ("2023 年", "于 2023年") lose the space PDF extraction
    # adds, but a URL, code or Latin token that ends with digits keeps it ("…/kd2024 查询")
    text = re.sub(rf"([^\s{CJK}{_CJK_PUNCT}]*[0-9]%?) (?=[{CJK}])", _glue_figure, text)
    # "于 2023年", "增长 5.6%": the space before a figure in its phrase goes; a number standing
    # alone at the end of its line or bracket ("武汉 430072）": a postcode, an ID) keeps it
    text = re.sub(rf"(?<=[{CJK}]) (?![0-9][0-9.,]*(?:$|[）)\]】」』”’》]|\s(?![%‰{CJK}])))(?=[0-9])", "", text)
    return text


_LATIN = re.compile(r"[A-Za-z_@=?&#]")


def _glue_figure(m: re.Match) -> str:
    return m.group(0) if _LATIN.search(m.group(1)) else m.group(1)


# characters that make "3 个" a quantity rather than the section heading "3 引言"
_UNIT_CHARS = "年月日时分秒个万亿千百十元角倍人家项件次名位座户所只头吨米克升度亩台辆艘架部本套条张篇种类批期届周天岁级多余"
_SECTION_TITLE = re.compile(rf"^\s*\d{{1,2}}(?:\.\d{{1,2}})*[ \t\u00a0\u3000]+(?=[{CJK}])(?![{_UNIT_CHARS}])"
                            rf"[^。！？；，,!?;]{{1,30}}$")


def is_section_title(line: str) -> bool:
    """A plain-text numbered section heading ("1 引言", "2.1 数据来源"), not a quantity ("3 个")."""
    return bool(_SECTION_TITLE.match(line.translate(_TRANS).rstrip()))


_SECTION_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[ \t\u00a0\u3000]+(?=\S)")


def normalize_heading(text: str) -> str:
    """normalize_text for a heading: a leading section number keeps its space ("1 引言",
    "2.1 数据"), which normalize_text would glue to the Chinese title."""
    m = _SECTION_NUMBER.match(text.translate(_TRANS))
    if not m:
        return normalize_text(text)
    rest = normalize_text(text.translate(_TRANS)[m.end():])
    return f"{m.group(1)} {rest}" if rest else m.group(1)


_HEADLINE_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=(?:19|20)\d{{2}}年)")


def normalize_headline(text: str) -> str:
    """normalize_text for a title line: a space that separates two headline phrases, the second
    opening with a year ("齐发力 2024年经济…"), is the headline's own break and is kept."""
    return " ".join(normalize_text(part) for part in _HEADLINE_BREAK.split(text.translate(_TRANS)))


def join_sep(left: str, right: str) -> str:
    """Separator when joining two wrapped lines: none for Chinese, a space between Latin words."""
    if left and right and re.match(r"[A-Za-z0-9,.;:)]", left[-1]) and re.match(r"[A-Za-z(]", right[0]):
        return " "
    return ""


# --- Markdown inline syntax --------------------------------------------------

FORMULA_RE = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$")


def strip_inline_markdown(text: str) -> str:
    """Remove emphasis, links, images, inline code and inline HTML; formulas stay verbatim."""
    parts = []
    last = 0
    for m in FORMULA_RE.finditer(text):
        parts.append(_strip_inline(text[last:m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_strip_inline(text[last:]))
    return "".join(parts)


def _strip_inline(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^<>]*>", "", text)           # inline HTML: keep the text, no gap
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", text)
    text = re.sub(r"__(?=\S)(.+?)(?<=\S)__", r"\1", text)
    text = re.sub(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])", r"\1", text)
    text = re.sub(r"(?<=[^\s*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*", r"\1", text)  # 第*i*个
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"\\([*_`#\[\]\\])", r"\1", text)
    return html.unescape(text)


# --- front matter ------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def normalize_date(value: object) -> str:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from the common written forms, else ""."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    s = str(value or "").strip().translate(_TRANS)
    if not s:
        return ""
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", s)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    try:
        return email.utils.parsedate_to_datetime(s).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", s)
    if m and m[2].lower() in _MONTHS:
        return f"{int(m[3]):04d}-{_MONTHS[m[2].lower()]:02d}-{int(m[1]):02d}"
    m = re.search(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", s)
    if m and m[1].lower() in _MONTHS:
        return f"{int(m[2]):04d}-{_MONTHS[m[1].lower()]:02d}"
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?!\d)", s)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    m = re.search(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", s)
    return m[1] if m else ""


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(metadata, body, number of source lines before the body); no front matter → ({}, text, 0)."""
    m = re.match(r"\A\s*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.S)
    if not m:
        return {}, text, 0
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        data = dict(re.findall(r"^(\w+)\s*:\s*(.+)$", m.group(1), re.M))
    if not isinstance(data, dict):
        data = {}
    meta = {
        "title": str(data.get("title") or "").strip(),
        "date": normalize_date(data.get("date") or data.get("published") or ""),
        "author": _as_text(data.get("author") or data.get("authors") or ""),
        "publisher": _as_text(next((data[k] for k in _PUBLISHER_KEYS if data.get(k)), "")),
    }
    consumed = text[:m.end()].count("\n")
    return meta, text[m.end():], consumed


# who publishes the text: an issuer, a news source, or a paper's journal
_PUBLISHER_KEYS = ("publisher", "source", "journal", "来源", "出处", "期刊", "刊名", "发布单位", "发布机构")


def _as_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value).strip()


# --- HTML --------------------------------------------------------------------

SKIP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template",
             "iframe", "svg", "form", "button", "select", "head"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "col", "area", "base"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li",
              "h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "figcaption", "dl", "dt",
              "dd", "body", "html", "center", "tr", "td", "th", "caption"}
_FURNITURE = re.compile(r"nav|menu|breadcrumb|footer|header|sidebar|share|comment|advert|banner|copyright",
                        re.I)


@dataclass
class RawBlock:
    """A block before assembly: kind, text pieces with their source lines, heading level."""

    kind: str
    pieces: list = field(default_factory=list)   # [(text, line)]
    level: int = 0

    @property
    def text(self) -> str:
        out = ""
        for t, _ in self.pieces:
            out += (("\n" if self.kind == "table" else join_sep(out, t)) if out else "") + t
        return out


class _PageParser(HTMLParser):
    def __init__(self, line_offset: int):
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset
        self.blocks: list[RawBlock] = []
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []
        self.current: list = []             # pieces of the open text block
        self.current_kind = "paragraph"
        self.current_level = 0
        self.strong_only = True
        self.in_strong = 0
        self.table: list[list[str]] | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)             # (rowspan, colspan) of the open cell
        self.spanned: dict[int, int] = {}   # column → rows below still covered by a rowspan
        self.table_line = 0

    def _line(self) -> int:
        return self.getpos()[0] + self.line_offset

    def flush(self):
        raw = "".join(t for t, _ in self.current)
        text = normalize_heading(raw) if self.current_kind == "heading" else normalize_text(raw)
        if text:
            kind, level = self.current_kind, self.current_level
            if kind == "paragraph" and self.strong_only and len(text) <= 60 and not re.search(r"[。！？]$", text):
                kind, level = "heading", 2       # <p><strong>…</strong></p> is a sub-heading
            line = self.current[0][1]
            self.blocks.append(RawBlock(kind, [(text, line)], level))
        self.current = []
        self.current_kind, self.current_level, self.strong_only = "paragraph", 0, True

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if tag == "br" and not self.skip_depth and self.cell is None:
                self.flush()
            return
        if self._open(tag, attrs) or self.skip_depth:
            return
        if tag == "table":
            self.flush()
            self.table, self.table_line, self.spanned = [], self._line(), {}
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.table is not None:
            self._start_cell(attrs)
        elif tag in BLOCK_TAGS and self.cell is None:
            self._start_block(tag)
        elif tag in ("strong", "b"):
            self.in_strong += 1

    def _open(self, tag, attrs) -> bool:
        """Push an open tag; True when it is skipped (script, nav, a furniture class…)."""
        attr = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skip = tag in SKIP_TAGS or bool(attr and _FURNITURE.search(attr))
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        return skip

    def _start_cell(self, attrs):
        if self.row is None:
            self.row = []                # a cell without <tr>: tolerate sloppy markup
        self._fill_spanned()
        self.cell = []
        self.cell_span = (_span(attrs, "rowspan"), _span(attrs, "colspan"))

    def _start_block(self, tag):
        """A block element opens: the text so far is a block; headings, items, captions set the kind."""
        self.flush()
        if re.fullmatch(r"h[1-6]", tag):
            self.current_kind, self.current_level = "heading", int(tag[1])
        elif tag == "li":
            self.current_kind = "list_item"
        elif tag in ("figcaption", "caption"):
            self.current_kind = "caption"

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self._close(tag) or self.skip_depth:
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self._end_cell()
        elif tag == "tr" and self.row is not None and self.table is not None:
            self._end_row()
        elif tag == "table" and self.table is not None:
            self._end_table()
        elif tag in BLOCK_TAGS and self.cell is None:
            self.flush()
        elif tag in ("strong", "b"):
            self.in_strong = max(0, self.in_strong - 1)

    def _close(self, tag) -> bool:
        """Pop to the matching open tag (tolerates unclosed inline tags); False when none is open."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                self.skip_depth -= sum(1 for _, skip in self.stack[i:] if skip)
                del self.stack[i:]
                return True
        return False

    def _end_cell(self):
        """A spanning cell is expanded so that every row has one cell per column:
        colspan → the text then empty cells; rowspan → empty cells in the rows below."""
        rowspan, colspan = self.cell_span
        col = len(self.row)
        self.row.append(normalize_text("".join(self.cell)).replace("\t", " "))
        self.row.extend([""] * (colspan - 1))
        if rowspan > 1:
            for c in range(col, col + colspan):
                self.spanned[c] = rowspan - 1
        self.cell = None

    def _end_row(self):
        self._fill_spanned(trailing=True)
        if any(c for c in self.row):
            self.table.append(self.row)
        self.row = None

    def _end_table(self):
        rows = ["\t".join(r) for r in self.table]
        if rows:
            self.blocks.append(RawBlock("table", [(r, self.table_line) for r in rows]))
        self.table = None

    def _fill_spanned(self, trailing: bool = False):
        """Empty cells for the columns a rowspan from a row above covers, at the current
        position (``trailing``: also those after the row's last cell)."""
        while self.row is not None:
            col = len(self.row)
            if self.spanned.get(col, 0) > 0:
                self.spanned[col] -= 1
                self.row.append("")
            elif trailing and any(c > col and n > 0 for c, n in self.spanned.items()):
                self.row.append("")
            else:
                break

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.cell is not None:
            self.cell.append(data)
            return
        # HTML source newlines are not text: joining lines adds no space in Chinese
        text = ""
        for part in (p.strip() for p in data.split("\n")):
            if part:
                text += (join_sep(text, part) if text else "") + part
        if text and data[:1] in " \t":
            text = " " + text
        if text and data[-1:] in " \t":
            text += " "
        if text.strip():
            if not self.in_strong:
                self.strong_only = False
            self.current.append((text, self._line()))
        elif text and self.current:
            self.current.append((" ", self._line()))

    def handle_comment(self, data):
        pass


def _span(attrs, name: str) -> int:
    """rowspan/colspan of a cell, 1 when absent or odd; capped so a typo cannot explode a table."""
    value = next((v for k, v in attrs if k == name), None) or "1"
    m = re.match(r"\s*(\d+)", value)
    return min(max(int(m.group(1)), 1), 50) if m else 1


def html_blocks(source: str, line_offset: int = 0) -> list[RawBlock]:
    """Blocks of an HTML fragment or page; ``line_offset`` is added to the parser's line numbers."""
    parser = _PageParser(line_offset)
    parser.feed(source)
    parser.close()
    parser.flush()
    return parser.blocks


_META_KEYS = {
    "date": ("publishdate", "pubdate", "publish_date", "publishtime", "article:published_time", "date",
             "dc.date", "dc.date.issued", "og:published_time", "firstpublishedtime"),
    "publisher": ("source", "contentsource", "dc.publisher", "publisher"),
    "author": ("author", "article:author", "dc.creator"),
}


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag != "meta":
            return
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        if key and a.get("content") and key not in self.tags:
            self.tags[key] = a["content"]


def html_metadata(source: str) -> dict:
    """Date, publisher and author a page states in its <meta> tags (publishdate/pubdate/
    article:published_time/date, source, author); only the keys found."""
    parser = _MetaParser()
    parser.feed(source)
    parser.close()
    found = {}
    for field_name, keys in _META_KEYS.items():
        value = next((parser.tags[k] for k in keys if parser.tags.get(k)), "")
        if field_name == "date":
            value = normalize_date(value)
        elif value.startswith(("http://", "https://")):
            value = ""                                   # an author profile URL is not a name
        if value:
            found[field_name] = normalize_text(value)
    return found


def looks_like_html(text: str) -> bool:
    """A whole HTML page or a body made of HTML block elements."""
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return len(re.findall(r"<(?:p|div|h[1-6]|table|li|br)\b", text, re.I)) >= 2


# --- headings ----------------------------------------------------------------

NUMBERED_HEADINGS = [
    (re.compile(r"^第[一二三四五六七八九十百\d]+[章编部分]"), 1),
    (re.compile(r"^[一二三四五六七八九十百]+\s*[、.．]"), 2),
    (re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[)）]"), 3),
    (re.compile(r"^\d{1,2}\s*[.．、](?!\d)\s*(?=\S)"), 4),
    (re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s+(?=\S)"), 4),
    (re.compile(rf"^\d{{1,2}}\s+(?=[{CJK}])(?![{_UNIT_CHARS}])"), 4),     # "1 引言" (space kept)
    (re.compile(r"^[（(]\s*\d{1,2}\s*[)）]"), 5),
]


def numbered_level(text: str) -> int:
    """Heading level from the numbering style (一、 > （一） > 1. > （1）), 0 if unnumbered."""
    for pattern, level in NUMBERED_HEADINGS:
        if pattern.match(text):
            if level == 4 and re.match(r"^\d{1,2}(?:\.\d{1,2})+\s", text):
                return 4 + text.split()[0].count(".") - 1
            return level
    return 0
