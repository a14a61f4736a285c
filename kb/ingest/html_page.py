"""HTML to raw blocks: whole pages or HTML blocks inside Markdown.

Scripts, navigation, headers, footers and elements whose class names page
furniture are skipped; block elements become paragraphs, headings, list items
and captions; tables become tab-separated rows with spanning cells expanded.
Also the metadata a page states in its <meta> tags.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kb.ingest.dates import normalize_date
from kb.ingest.normalize import join_sep, normalize_heading, normalize_text
from kb.ingest.raw import RawBlock
from kb.text.vocab import regex, words

SKIP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template",
             "iframe", "svg", "form", "button", "select", "head"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "col", "area", "base"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li",
              "h1", "h2", "h3", "h4", "h5", "h6", "table", "figure", "figcaption", "dl", "dt",
              "dd", "body", "html", "center", "tr", "td", "th", "caption"}
_FURNITURE = regex("ingest", "furniture_class", re.I)



_BOLD_STYLE = re.compile(r"bold|font-weight\s*:\s*(?:[6-9]00|bolder)", re.I)


def _bold_style(attrs) -> bool:
    """A <font>/<span> styled bold (style="font-weight:bold", class="strong-Bold"): a bold run."""
    return any(v and _BOLD_STYLE.search(v) for k, v in attrs if k in ("style", "class", "cms-style"))


class _PageParser(HTMLParser):
    def __init__(self, line_offset: int):
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset
        self.blocks: list[RawBlock] = []
        self.skip_depth = 0
        self.stack: list[tuple[str, bool, bool]] = []   # (tag, skipped, bold)
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
            self._close_open_row()              # <tr> ends an unclosed row, as browsers do
            self.row = []
        elif tag in ("td", "th") and self.table is not None:
            if self.cell is not None and self.row is not None:
                self._end_cell()                # <td> ends an unclosed cell
            self._start_cell(attrs)
        elif tag in BLOCK_TAGS and self.cell is None:
            self._start_block(tag)

    def _open(self, tag, attrs) -> bool:
        """Push an open tag; True when it is skipped (script, nav, a furniture class…)."""
        attr = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skip = tag in SKIP_TAGS or bool(attr and _FURNITURE.search(attr))
        bold = tag in ("strong", "b") or (tag in ("font", "span") and _bold_style(attrs))
        self.stack.append((tag, skip, bold))
        self.in_strong += bold
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
            self._close_open_row()
        elif tag == "table" and self.table is not None:
            self._close_open_row()
            self._end_table()
        elif tag in BLOCK_TAGS and self.cell is None:
            self.flush()

    def _close(self, tag) -> bool:
        """Pop to the matching open tag (tolerates unclosed inline tags); False when none is open."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                self.skip_depth -= sum(1 for _, skip, _ in self.stack[i:] if skip)
                self.in_strong -= sum(1 for _, _, bold in self.stack[i:] if bold)
                del self.stack[i:]
                return True
        return False

    def _close_open_row(self):
        """End the open cell and row, if any (HTML5 lets </td> and </tr> be left out)."""
        if self.cell is not None and self.row is not None:
            self._end_cell()
        self.cell = None
        if self.row is not None and self.table is not None:
            self._end_row()

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


_META_KEYS = {field_name: words("ingest", f"html_meta_{field_name}_keys")
              for field_name in ("date", "publisher", "author")}


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, str] = {}
        self.title: list[str] = []
        self.in_title = False

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "title" and not self.title:
            self.in_title = True
        if tag != "meta":
            return
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        if key and a.get("content") and key not in self.tags:
            self.tags[key] = a["content"]


def html_metadata(source: str) -> dict:
    """Date, publisher and author a page states in its <meta> tags (publishdate/pubdate/
    article:published_time/date, source, author), and the headline of its <title> ("page_title":
    the title when no heading opens the page); only the keys found."""
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
    title = page_title("".join(parser.title))
    if title:
        found["page_title"] = title
    return found


_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s)\s*")


def page_title(text: str) -> str:
    """The headline of a page's <title>: its longest part between the separators sites put
    before their own names (…中国采购经理指数_财经频道_中经网 → …中国采购经理指数)."""
    parts = [normalize_text(p) for p in _TITLE_SEPARATORS.split(text) if p.strip()]
    return max(parts, key=len) if parts else ""


def looks_like_html(text: str) -> bool:
    """A whole HTML page or a body made of HTML block elements."""
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return len(re.findall(r"<(?:p|div|h[1-6]|table|li|br)\b", text, re.I)) >= 2
