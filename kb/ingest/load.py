"""Load a source file into a Document: decode, pick the format by content,
drop page furniture, rebuild paragraphs, and keep offsets back to source lines.

Formats: YAML front matter (metadata), Markdown, HTML (pages or blocks inside
Markdown), web-page captures saved as text, hard-wrapped print/PDF text.
Formulas ``$…$`` stay verbatim in the text and are also listed as ``formula``
blocks that overlap their paragraph (facts skip those spans).
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kb.ingest.decode import decode_bytes
from kb.errors import LoadError
from kb.ingest.markup import (CJK, FORMULA_RE, RawBlock, html_blocks, html_metadata, is_cjk, is_section_title, join_sep,
                       looks_like_html, normalize_date, normalize_heading, normalize_headline, normalize_text,
                       numbered_level,
                       split_front_matter, strip_inline_markdown)
from kb.models import Block, Document

if TYPE_CHECKING:
    from kb.text.tokenizer import Tokenizer

logger = logging.getLogger(__name__)

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SKIP_NAMES = {"sources.md", "readme.md"}
END_PUNCT = "。！？；：!?;:…”’）)」』】》"


# --- files -------------------------------------------------------------------

def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest under the given files/folders, sorted; skips SOURCES.md, README.md, hidden files."""
    found: set[Path] = set()
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise LoadError(f"{path} does not exist: pass an existing file or folder")
        candidates = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for p in candidates:
            rel_parts = p.relative_to(path).parts if path.is_dir() else (p.name,)
            if any(part.startswith(".") for part in rel_parts):
                continue
            if p.suffix.lower() in SUFFIXES and p.name.lower() not in SKIP_NAMES:
                found.add(p)
    return sorted(found)


def read_sources_table(path: Path) -> dict[str, dict]:
    """Per-file metadata (title, publisher, date, author) from a SOURCES.md-style Markdown table."""
    text, _ = decode_bytes(Path(path).read_bytes())
    result: dict[str, dict] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.search(r"\.(txt|md|markdown|html?)$", cells[0]):
            continue
        what, pubdate = cells[1], cells[2]
        result[cells[0]] = {"title": _title_from_description(what), **_publisher_date(pubdate)}
    return result


def _title_from_description(what: str) -> str:
    cjk = sum(1 for ch in what if is_cjk(ch))
    if cjk >= 0.6 * len(what.replace(" ", "")):
        return what.strip()                      # the description is the title itself
    m = re.search(r"《([^》]+)》", what)
    return m.group(1) if m else ""


def _publisher_date(text: str) -> dict:
    date = normalize_date(text)
    rest = re.sub(r"\d{4}-\d{1,2}-\d{1,2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}"
                  r"|(?<!\d)(?:19|20)\d{2}(?!\d)", "", text)
    publishers, authors = [], []
    org = re.compile(r"(报|网|社|院|局|部|会|中心|大学|刊|杂志|电视台|出版社|公司|Press|Times|News|journal)")
    for part in [p.strip() for p in re.split(r"[;,；，]", rest) if p.strip()]:
        m = re.match(r"^(.*?)\s*[（(]([^()（）]+)[)）]\s*$", part)
        names = [m.group(1), m.group(2)] if m else [part]
        for name in (n.strip() for n in names if n.strip()):
            (publishers if org.search(name) else authors).append(name)
    return {"date": date, "publisher": "、".join(publishers), "author": "; ".join(authors)}


def source_line(document: Document, offset: int) -> int:
    """1-based source line of the clean character at ``offset``."""
    if not document.line_map:
        return 1
    offsets = [o for o, _ in document.line_map]
    i = bisect.bisect_right(offsets, offset) - 1
    return document.line_map[max(i, 0)][1]


def load_document(path: Path, root: Path, sources: dict[str, dict] | None = None, *,
                  tokenizer: Tokenizer) -> Document:
    """Read, decode and clean one file; raises LoadError for binary, empty or undecodable files.

    ``tokenizer`` cuts words where a paragraph cut by the layout may continue (multi-column pages)."""
    path, root = Path(path), Path(root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read {path}: {exc.strerror}; check the path and permissions") from exc
    try:
        text, encoding = decode_bytes(raw)
    except LoadError as exc:
        raise LoadError(f"{path.name}: {exc}") from None
    try:
        doc_path = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        doc_path = path.name
    blocks, meta, fmt = parse_text(text, tokenizer, markdown_hint=path.suffix.lower() in (".md", ".markdown"),
                                   html_hint=path.suffix.lower() in (".html", ".htm"))
    clean, out_blocks, line_map = assemble(blocks)
    if not clean.strip():
        raise LoadError(f"{path.name}: no text left after cleaning; check that it is a document")
    table = (sources or {}).get(path.name, {})
    for key in ("title", "publisher", "author"):
        if table.get(key):
            meta[key] = table[key]
    if len(table.get("date", "")) > len(meta.get("date", "")):
        meta["date"] = table["date"]
    return Document(doc_id=path.stem, doc_path=doc_path, title=meta.get("title", ""),
                    publisher=meta.get("publisher", ""), date=meta.get("date", ""),
                    author=meta.get("author", ""), venue=meta.get("venue", ""), source_format=fmt, encoding=encoding,
                    content_hash=hashlib.sha256(raw).hexdigest(), text=clean,
                    blocks=out_blocks, line_map=line_map)


# --- parsing -----------------------------------------------------------------

def parse_text(text: str, tokenizer: Tokenizer, markdown_hint: bool = False, html_hint: bool = False
               ) -> tuple[list[RawBlock], dict, str]:
    """Raw blocks, metadata and source format of a decoded file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, consumed = split_front_matter(text)
    markdown = markdown_hint or bool(meta) or bool(re.search(r"^#{1,6} \S", body, re.M))
    blocks: list[RawBlock] = []
    html_chars = 0
    if html_hint and looks_like_html(body) or re.match(r"\s*<(!doctype|html)", body, re.I):
        _record_meta(html_metadata(body), meta)
        blocks = _take_meta_blocks(html_blocks(body, consumed), meta)
        html_chars = len(body)
    else:
        for is_html, chunk, first_line in _chunks(body, consumed):
            if is_html:
                blocks += _take_meta_blocks(html_blocks(chunk, first_line - 1), meta)
                html_chars += len(chunk)
            else:
                blocks += _text_blocks(chunk, first_line, markdown, meta, top=not blocks)
    fmt = "html" if html_chars > len(body) / 2 else "markdown" if markdown else "text"
    blocks = _drop_furniture_blocks(blocks)
    blocks = _join_broken_paragraphs(blocks)
    blocks = _promote_kickers(blocks)
    blocks = _rejoin_across_headings(blocks, tokenizer)
    blocks = [b for b in blocks if b.kind != "break"]
    if blocks and blocks[-1].kind == "heading" and len(blocks) > 1:
        blocks[-1].kind, blocks[-1].level = "paragraph", 0     # a heading with nothing under it
    if not meta.get("title"):
        meta["title"] = _title_guess(blocks)
    first = next((b for b in blocks if b.kind == "paragraph"), None)
    if first is not None:
        # no context: a March dateline over a year's figures is usually next year's, so the
        # document's own year would mislabel them; only agency and reporters are taken
        _record_meta(dateline(first.text), meta)
    if not meta.get("publisher"):
        _record_meta(signature(blocks), meta)
    if not meta.get("publisher"):
        meta["publisher"] = issuer(meta.get("title", ""), meta.get("venue", ""))
    return blocks, meta, fmt


def signature(blocks: list[RawBlock]) -> dict:
    """Publisher (and date) of the issuing-body signature that closes a report or bulletin
    ("某某统计局" / "某某研究中心 2024年3月1日" as the last one or two lines); {} when absent."""
    found: dict = {}
    for b in blocks[-2:]:
        if b.kind not in ("paragraph", "heading") or len(b.text) > 40:
            continue
        text = normalize_text(b.text)
        both = issuer_date_line(text)
        if both:
            found.update(both)
        elif _ORG_LINE.match(text):
            found["publisher"] = text
        elif re.fullmatch(_DATE, text):
            found["date"] = normalize_date(text)
    return found if found.get("publisher") else {}


_HTML_BLOCK_START = re.compile(r"^\s*<(?:div|p|table|section|article|ul|ol|h[1-6]|blockquote|figure|"
                               r"html|body|!doctype)\b", re.I)


def _chunks(body: str, consumed: int):
    """Split a Markdown body into HTML block chunks and text chunks: (is_html, text, first_line)."""
    lines = body.split("\n")
    i, start, out = 0, 0, []
    while i < len(lines):
        if _HTML_BLOCK_START.match(lines[i]):
            if start < i:
                out.append((False, "\n".join(lines[start:i]), consumed + start + 1))
            j, depth = i, 0
            while j < len(lines):
                depth += len(re.findall(r"<(?:div|table|section|article|ul|ol|blockquote|figure)\b", lines[j], re.I))
                depth -= len(re.findall(r"</(?:div|table|section|article|ul|ol|blockquote|figure)\s*>", lines[j], re.I))
                j += 1
                if depth <= 0 and (j >= len(lines) or not lines[j].strip()):
                    break
            out.append((True, "\n".join(lines[i:j]), consumed + i + 1))
            i = start = j
        else:
            i += 1
    if start < len(lines):
        out.append((False, "\n".join(lines[start:]), consumed + start + 1))
    return out


# web-capture furniture (generic patterns, not one site's words)
_FOOTER = re.compile(r"ICP备|ICP证|公网安备|©|Copyright|版权所有|网站声明|免责声明|联系我们|关于我们|"
                     r"网站地图|责任编辑|编辑[:：]\s*\S{2,4}$", re.I)
_BREADCRUMB = re.compile(r"当前位置|您的位置|你的位置|您现在的位置|首页\s*[>»›]")
_COMMENT = re.compile(r"^\s*(?:<!--.*?-->|-->|<!--|--!>)\s*$")
# a dateline / source / byline line of a page: "2024-03-05 08:30 来源：某某日报 记者 张三"
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_META_LABEL = re.compile(r"(?P<label>发布时间|发布日期|发表时间|更新时间|日期|时间|来源于|来源|出处|作者|记者|"
                         r"通讯员|责任编辑|责编|编辑|摄影)\s*[:：]\s*"
                         r"|(?P<bare>记者|作者|通讯员)\s+(?=[^\s:：])")
_META_FILLER = re.compile(r"[\s|｜/丨·•]+|【?字[体号][:：]?\s*[大中小\s]+】?|打印|关闭|分享到?|收藏")
_PUBLISHER_LABELS = {"来源", "来源于", "出处"}
_AUTHOR_LABELS = {"作者", "记者"}
_DATE_LABELS = {"发布时间", "发布日期", "发表时间", "更新时间", "日期", "时间"}


def meta_line(text: str) -> dict | None:
    """Date, publisher (来源) and author (作者/记者) of a page's dateline/source/byline line;
    None when the line is body text. A line qualifies only when nothing but a date/time and
    labelled short fields is left on it (so a sentence that mentions 记者 is never taken)."""
    text = normalize_text(text)
    if len(text) > 100 or re.search(r"[。！？!?，,；;]", text):
        return None
    labels = list(_META_LABEL.finditer(text))
    found: dict = {}
    pos, rest = 0, []
    for k, m in enumerate(labels + [None]):
        end = m.start() if m else len(text)
        chunk, pos = text[pos:end], (m.end() if m else pos)
        if k == 0:
            rest.append(chunk)                      # before the first label: a date or nothing
        else:
            label = labels[k - 1].group("label") or labels[k - 1].group("bare")
            value = chunk.strip(" |｜/丨·•")
            if label in _DATE_LABELS:
                date_m = re.match(_DATE, value)
                if not date_m:
                    return None
                found.setdefault("date", normalize_date(date_m.group(0)))
                rest.append(value[date_m.end():])
                continue
            value = re.split(r"\s{2,}|\s*[|｜丨【]|\s*(?=\d{4}\s*[-/.年])", value)[0].strip()
            rest.append(chunk.replace(value, "", 1))
            if not value or len(value) > 24:
                return None
            if label in _PUBLISHER_LABELS:
                found.setdefault("publisher", value)
            elif label in _AUTHOR_LABELS:
                found.setdefault("author", "、".join(v for v in re.split(r"[\s、，,]+", value) if v))
    leftover = "".join(rest)
    for date_m in re.finditer(_DATE, leftover):
        found.setdefault("date", normalize_date(date_m.group(0)))
    leftover = _META_FILLER.sub("", re.sub(_DATE, "", leftover))
    if leftover or not ({"date", "publisher", "author"} & found.keys()):
        return None
    if "date" not in found and not any(m.group("label") for m in labels):
        return None                                 # a bare "记者 张三" alone is a byline, handled elsewhere
    return found


# "新华社南宁3月8日电（记者 张三、李四）", "本报北京3月8日讯", "中新网上海3月8日电": agency, place,
# month/day, reporters; the agency is the shortest run of Chinese ending in 社/网/报
_DATELINE = re.compile(rf"^(?P<agency>[{CJK}]{{1,8}}?(?:社|网|报))(?P<place>[{CJK}]{{2,8}}?)"
                       r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:电|讯)"
                       r"(?:\s*[（(](?:记者|通讯员|报道员)?[:：]?\s*(?P<names>[^（）()]{2,40}?)\s*[)）])?")


def dateline(text: str, context: str = "") -> dict:
    """Publisher, date and reporters of a news dateline opening the first paragraph ({} if none).
    The year comes from the first year the title or text (``context``) names; "本报" (our paper)
    leaves the publisher to what the page itself says."""
    m = _DATELINE.match(normalize_text(text))
    if not m:
        return {}
    found: dict = {}
    if m.group("agency") != "本报":
        found["publisher"] = m.group("agency")
    year = re.search(r"(?<!\d)((?:19|20)\d{2})年", context or text) if context else None
    if year:
        found["date"] = normalize_date(f"{year.group(1)}-{int(m.group('month')):02d}-{int(m.group('day')):02d}")
    if m.group("names"):
        names = [n for n in re.split(r"[\s、，,]+", m.group("names")) if n and n not in ("记者", "通讯员")]
        found["author"] = "、".join(names)
    return found


def issuer_date_line(text: str) -> dict | None:
    """Publisher and date of an unlabelled "issuer + date" line under a title
    ("国家统计局 2025年2月28日", "2024-03-01 某某日报"); None for anything else."""
    m = re.fullmatch(rf"(?P<org>{_ORG})\s*(?P<date>{_DATE})|(?P<date2>{_DATE})\s*(?P<org2>{_ORG})",
                     normalize_text(text))
    if not m:
        return None
    return {"publisher": m.group("org") or m.group("org2"), "date": normalize_date(m.group("date") or m.group("date2"))}


_BYLINE = re.compile(rf"^(?:[□■◇◆●○]\s*|(?:记者|作者|文)[:：/]\s*)((?:[{CJK}]{{2,4}}[\s、，,]*){{1,4}})$")
_NAMES_LINE = re.compile(rf"^[{CJK}]{{2,3}}(?:[ 、][{CJK}]{{2,3}}){{1,3}}$")


def _take_meta_blocks(blocks: list[RawBlock], meta: dict) -> list[RawBlock]:
    """Drop the dateline/source/byline blocks of an HTML body (<div class="info">…), keeping
    what they say as metadata: they are page furniture, not the article's first paragraph."""
    out = []
    for b in blocks:
        single = b.kind in ("paragraph", "heading") and len(b.pieces) == 1
        found = meta_line(b.text) if single else None
        if found is not None:
            _record_meta(found, meta)
            continue
        found = issuer_date_line(b.text) if single else None
        if found is not None:                       # kept like a print title block's issuer line
            _record_meta(found, meta)
            b.kind, b.level = "heading", 1
        out.append(b)
    return out


def _record_meta(found: dict, meta: dict) -> None:
    """Fill the metadata a dateline gives, unless already known."""
    for key, value in found.items():
        if value and not meta.get(key):
            meta[key] = value


# page buttons and reading lists around an article: 【打印本页】【关闭窗口】, 【字号 大 中 小】,
# 分享到：…, 上一篇/下一篇：…, and a 相关阅读/推荐阅读… label with the list of titles under it
_BUTTON_GROUP = r"[【\[]\s*[^【】\[\]]{1,12}?\s*[】\]]"
_BUTTON_WORD = re.compile(r"打印|关闭|字号|字体|收藏|分享|返回|顶部|纠错|复制链接|[大中小]\s+[大中小]")
_BUTTONS = re.compile(rf"^\s*(?:{_BUTTON_GROUP}\s*)+")
_PAGE_LINK = re.compile(r"^(?:分享到|分享|上一篇|下一篇|上一条|下一条|返回顶部|扫一扫|打印本页|关闭窗口)"
                        r"(?:\s*[:：]|\s*$)")
_RELATED = re.compile(r"^[【\[]?(?:相关阅读|相关新闻|相关链接|相关文章|相关报道|相关稿件|推荐阅读|延伸阅读|"
                      r"热点推荐|热门推荐|猜你喜欢|热门文章|往期回顾|更多阅读|更多新闻)[】\]]?\s*(?:[:：]|$)")
_LIST_MARK = re.compile(r"^[·•●◆◇■□▪▶►>\-*]\s*")


def furniture_kind(line: str) -> str:
    """"buttons" for a line of page buttons or share/previous/next links, "related" for the
    label that opens a list of other articles (the rest of the line and the titles under it
    are that list), "" for anything else."""
    text = line.strip()
    m = _BUTTONS.match(text)
    if m and _BUTTON_WORD.search(m.group(0)):
        text = text[m.end():].strip()           # 【打印本页】【关闭窗口】相关阅读：… on one line
        if not text:
            return "buttons"
    elif m and not text[m.end():].strip():
        return ""                               # a lone 【…】 label: a section name, kept
    if _RELATED.match(text):
        return "related"
    if _PAGE_LINK.match(text) and len(text) <= 80 and not re.search(r"[。！？]$", text):
        return "buttons"
    return ""


def is_list_title(line: str) -> bool:
    """A line of a reading list: a bullet item, or a short headline without sentence punctuation."""
    text = line.strip()
    if _LIST_MARK.match(text):
        return len(text) <= 80
    return 0 < len(text) <= 40 and not re.search(r"[。！？；，,;]", text) and not text.endswith(("：", ":"))


def _is_nav_line(line: str) -> bool:
    if re.search(r"[。，；！？,;]", line):
        return False
    items = [x for x in re.split(r"[\s|｜/·•]+", line) if x]
    if len(items) >= 4 and all(len(x) <= 6 for x in items) and sum(is_cjk(ch) for ch in line) >= 4:
        return True
    return line.count("|") + line.count("｜") >= 3 and all(len(x) <= 10 for x in items)


def _text_blocks(chunk: str, first_line: int, markdown: bool, meta: dict, top: bool = False) -> list[RawBlock]:
    """Blocks of plain text / Markdown lines; blank lines separate groups.

    ``top``: the chunk opens the document, so its first lines may be the title block."""
    lines = [(l.replace("\u00a0", " ").replace("\u3000", " "), first_line + k) for k, l in enumerate(chunk.split("\n"))]
    widths = [_width(l.strip()) for l, _ in lines if l.strip()]
    wrap_width = sorted(widths)[int(len(widths) * 0.75)] if widths else 0
    hard_wrapped = bool(widths) and wrap_width <= 60 and len(widths) >= 8
    head_blocks, lines = _title_block(lines, markdown, meta) if top else ([], lines)
    groups, current = [], []
    in_related = False                  # inside a 相关阅读 list: its titles are furniture
    rows = _table_rows(lines)
    for k, (line, n) in enumerate(lines):
        if not line.strip():
            if current:
                groups.append(current)
            current = []
            continue
        if k in rows:                   # a table row is data, never furniture (short cells look like a menu)
            in_related = False
            current.append((line, n))
            continue
        furniture = furniture_kind(normalize_text(line))
        if furniture or (in_related and is_list_title(normalize_text(line))):
            in_related = furniture == "related" or (in_related and not furniture)
            continue
        in_related = False
        if _COMMENT.match(line) or _BREADCRUMB.search(line) or (len(line.strip()) <= 80 and _FOOTER.search(line)):
            continue
        if _is_nav_line(line.strip()) and not markdown:
            continue
        stripped = line.strip()
        found = meta_line(stripped)
        if found is not None:
            _record_meta(found, meta)
            if current:
                groups.append(current)
            current = []
            continue
        by = _BYLINE.match(normalize_text(stripped))
        if by:
            meta.setdefault("author", "、".join(re.split(r"[\s、，,]+", by.group(1).strip())))
            continue
        current.append((line, n))
    if current:
        groups.append(current)
    blocks: list[RawBlock] = list(head_blocks)
    seen_paragraph = False
    for group in groups:
        for block in _group_blocks(group, markdown, hard_wrapped, wrap_width):
            if block.kind == "paragraph" and not seen_paragraph and _NAMES_LINE.match(block.text):
                meta.setdefault("author", "、".join(block.text.split()))
                continue
            if block.kind == "heading" and not seen_paragraph and _NAMES_LINE.match(block.text):
                meta.setdefault("author", "、".join(block.text.split()))
                continue
            seen_paragraph = seen_paragraph or (block.kind == "paragraph" and len(block.text) > 40)
            blocks.append(block)
    return blocks


# --- title block ----------------------------------------------------------------
# The top of a document: title line(s), a subtitle ("——基于…"), then metadata lines
# (a dateline or speaker line "——2024年1月10日在…会议上", the issuing body, author names).
_DASH = re.compile(r"^(?:——|—|－－|--)\s*")
_MONTH_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")
_ORG = (rf"[{CJK}（）()·]{{2,24}}?(?:局|院|部|厅|委|委员会|政府|办公室|办公厅|中心|研究所|大学|学院|"
        r"报社|日报|晚报|报|出版社|集团|公司|协会|学会|研究会|银行|分行|支行|署|调查队|小组|课题组|工作组)")
_ORG_LINE = re.compile(rf"^{_ORG}$")
_SPEAKER_LINE = re.compile(r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*在.{2,40}?(?:会议|大会|论坛|典礼|仪式|座谈会)"
                           r"(?:上|上的(?:讲话|报告|发言|致辞))$")
# the issuer of a government work report: "X人民政府工作报告", or the people's congress of X it
# is delivered to (the report is always the same level's government's)
_GOV_REPORT_TITLE = re.compile(rf"^(?P<place>[{CJK}]{{1,15}}?(?:省|市|自治区|自治州|地区|区|县|州|盟|旗))"
                               r"(?:人民)?政府工作报告")
_CONGRESS_VENUE = re.compile(rf"^(?P<place>[{CJK}]{{1,15}}?(?:省|市|自治区|自治州|地区|区|县|州|盟|旗))"
                             r"第[一二三四五六七八九十百\d]+届人民代表大会")
# an office before the speaker's name ("市长 张三"): not a name
_POSITION = re.compile(r"(?:代理|常务)?副?(?:省|市|区|县|州|镇|乡|校|院|局|厅|部)?(?:长|主席|总理|书记|主任|委员|理事长)")
_UNPAIRED = [("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("【", "】"), ("「", "」")]


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _UNPAIRED)


def issuer(title: str, venue: str) -> str:
    """The body that issues a government work report, from its title or the congress it is
    delivered to ("" when neither says): 某省人民政府工作报告 → 某省人民政府; 政府工作报告 delivered
    at 某市第N届人民代表大会 → 某市人民政府; at the 全国人民代表大会 → 国务院."""
    m = _GOV_REPORT_TITLE.match(title or "")
    if m:
        return m.group("place") + "人民政府"
    if "政府工作报告" not in (title or ""):
        return ""
    m = _CONGRESS_VENUE.match(venue or "")
    if m:
        return m.group("place") + "人民政府"
    return "国务院" if re.match(r"^第[一二三四五六七八九十百\d]+届全国人民代表大会", venue or "") else ""


def _is_title_line(text: str) -> bool:
    """A short line that can be a title: no sentence punctuation, not numbered, brackets paired."""
    return (2 <= len(text) <= 40 and not re.search(r"[。！？；!?;]", text) and not re.search(r"[，,、：:]$", text)
            and sum(is_cjk(c) or c.isalpha() for c in text) >= 2 and not numbered_level(text)
            and not re.match(r"^[\[【]", text) and not _CAPTION.match(text) and not _NOTE.match(text)
            and not _MONTH_DATE.search(text[:12]) and not _NAMES_LINE.match(text) and not _BYLINE.match(text)
            and _balanced(text))


def _head_meta(text: str, meta: dict) -> str | None:
    """Kind of a line under the title ("dateline", "speaker", "subtitle", "publisher", "author"),
    recording its metadata; None when the line is body text."""
    if len(text) > 60 or re.search(r"[。！？!?]", text):
        return None
    rest = _DASH.sub("", text)
    found = meta_line(rest)
    if found is not None:
        _record_meta(found, meta)
        return "dateline"
    # "——2024年1月10日在…会议上", or the same line without the dash: the pattern alone is specific
    speech = _SPEAKER_LINE.match(rest)
    if speech or (rest != text and _MONTH_DATE.match(rest)):
        # speaker line "——2024年1月10日在…会议上": the date and the venue (not the issuer)
        if not meta.get("date") and _MONTH_DATE.match(rest):
            meta["date"] = normalize_date(rest)
        venue = re.search(r"在(.{2,40}?)(?:上|上的|的)?(?:讲话|报告|发言|致辞)?$", rest)
        if venue and not meta.get("venue"):
            meta["venue"] = venue.group(1)
        return "speaker"
    if rest != text and len(rest) >= 2:
        return "subtitle"
    found = issuer_date_line(text)
    if found is not None:
        _record_meta(found, meta)
        return "publisher"
    office = re.fullmatch(rf"(?:{_POSITION.pattern})\s+([{CJK}]{{2,4}})", text)
    if office:                                   # "代理市长 张三": the speaker, not body text
        meta["author"] = meta.get("author") or office.group(1)
        return "author"
    if _ORG_LINE.match(text):
        meta["publisher"] = meta.get("publisher") or text
        return "publisher"
    by = _BYLINE.match(text)
    if _NAMES_LINE.match(text) or by:
        names = by.group(1) if by else text
        people = [x for x in re.split(r"[\s、，,]+", names.strip()) if x and not _POSITION.fullmatch(x)]
        meta["author"] = meta.get("author") or "、".join(people)
        return "author"
    return None


def _title_block(lines: list, markdown: bool, meta: dict) -> tuple[list[RawBlock], list]:
    """Split the title block off the top lines: (level-1 heading blocks, remaining lines).
    Without a recognisable title the lines are returned untouched."""
    head: list[RawBlock] = []
    titles: list[str] = []
    md_level: int | None = None
    in_meta = False
    i = 0
    while i < len(lines):
        line, n = lines[i]
        stripped = line.strip()
        if (not stripped or _COMMENT.match(line) or _BREADCRUMB.search(line)
                or (not markdown and _is_nav_line(stripped))):
            i += 1
            continue
        text = _clean_line(line, markdown)
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", text) if markdown else None
        body = m.group(2) if m else text
        level = len(m.group(1)) if m else 0
        nxt = next((l.strip() for l, _ in lines[i + 1:i + 2]), "")
        followed = not nxt or _head_meta(_clean_line(nxt, markdown), {}) is not None
        kind = _head_meta(body, meta) if titles and not m else None
        if kind is None and (not in_meta and len(titles) < 3 and _is_title_line(body) and (m or followed)
                and (not titles or level == md_level)):
            if not m and not is_section_title(line):
                body = normalize_headline(line.strip())     # "齐发力 2024年…": the headline's break stays
            titles.append(body)
            md_level = level
            head.append(RawBlock("heading", [(body, n)], 1))
            i += 1
            continue
        if kind is None:
            break
        in_meta = True
        if kind in ("subtitle", "speaker", "publisher"):   # kept as title block: citable, never body
            head.append(RawBlock("heading", [(body, n)], 1))
        i += 1
    if not titles:
        return [], lines
    if not meta.get("title"):
        main = max(titles, key=len)
        meta["title"] = re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", re.sub(r"[*＊]+$", "", main)).strip()
    return head, lines[i:]


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _is_table_line(line: str) -> bool:
    return "\t" in line.strip(" ") or line.lstrip().startswith("|")


def _table_rows(lines: list) -> set[int]:
    """Indices of the lines in runs of two or more adjacent table lines (tab-separated cells or
    Markdown pipe rows): whatever the file format, such a run is one table block."""
    flags = [_is_table_line(line) and bool(line.strip()) for line, _ in lines]
    return {k for k, f in enumerate(flags)
            if f and ((k > 0 and flags[k - 1]) or (k + 1 < len(flags) and flags[k + 1]))}


_CAPTION = re.compile(rf"^(?:表|图|Table|Figure|Fig\.)\s*\d+(?:[.-]\d+)*(?:\s|[:：.{CJK}]|$)")
_NOTE = re.compile(r"^(?:注|资料来源|数据来源|说明|备注)\s*\d*\s*[:：]")
_LIST = re.compile(r"^(?:[-*+•]\s+)")


def _clean_line(line: str, markdown: bool) -> str:
    text = strip_inline_markdown(line) if markdown else re.sub(r"<!--.*?-->", "", line)
    m = re.match(r"^\s*(#{1,6})\s+(.*)$", text) if markdown else None
    if m:                                       # "## 1 引言": the number keeps its space
        return f"{m.group(1)} {normalize_heading(m.group(2))}"
    if is_section_title(text):                  # plain "1 引言" keeps its space too
        return normalize_heading(text)
    return normalize_text(text)


def _line_kind(text: str, markdown: bool) -> tuple[str, int, str]:
    """Kind, level and text of one line standing alone."""
    m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", text) if markdown else None
    if m:
        body = m.group(2)
        if re.fullmatch(r"[\dIVXivx]{1,3}\.?", body):
            return "break", 0, ""                 # "## 1": a column marker of the layout
        return "heading", numbered_level(body) or len(m.group(1)), body
    if _CAPTION.match(text) and len(text) <= 80 and not text.endswith("。"):
        return "caption", 0, text
    if _NOTE.match(text):
        return "note", 0, text
    if _LIST.match(text):
        return "list_item", 0, _LIST.sub("", text, count=1)
    level = numbered_level(text)
    no_end = not re.search(r"[。！？；!?;]", text)
    if level and no_end and len(text) <= 60 and not (level == 1 and re.search(r"[，,]", text)):
        return "heading", level, text
    if (no_end and not re.search(r"[，,：:]$", text) and len(text) <= 30 and sum(is_cjk(c) for c in text) >= 2
            and not re.match(r"^[\[【（(]", text) and _balanced(text) and not re.search(r"[，。,]", text)):
        return "heading", 2, text
    return "paragraph", 0, text


def _group_blocks(group: list, markdown: bool, hard_wrapped: bool, wrap_width: int) -> list[RawBlock]:
    """Blocks of one blank-line-separated group of lines."""
    out: list[RawBlock] = []
    para: RawBlock | None = None
    table: RawBlock | None = None
    for idx, (line, n) in enumerate(group):
        if _is_table_line(line) and (table is not None or sum(_is_table_line(l) for l, _ in group[idx:idx + 2]) >= 2):
            para = None
            if table is None:
                table = RawBlock("table")
                out.append(table)
            row = line.strip(" \n")
            if row.lstrip().startswith("|"):
                table.pieces.append((normalize_text(row), n))
            else:
                table.pieces.append(("\t".join(normalize_text(c) for c in row.split("\t")), n))
            continue
        table = None
        text = _clean_line(line, markdown)
        if not text:
            continue
        kind, level, body = _line_kind(text, markdown)
        if kind == "paragraph" or (para is not None and kind == "heading" and level == 2 and not text.startswith("#")
                                   and not (markdown and line.lstrip().startswith("#"))):
            if para is not None:
                para.pieces.append((text, n))
                continue
        if kind == "heading" and level == 2 and not line.lstrip().startswith("#") and len(group) > 1:
            # an unnumbered short line inside a group: a heading only when it is clearly
            # shorter than the wrap width and followed by more lines (print headline)
            if para is not None or not (idx + 1 < len(group)) or (hard_wrapped and _width(text) >= 0.7 * wrap_width):
                kind = "paragraph"
            elif not hard_wrapped:
                kind = "paragraph"
        if kind == "paragraph":
            if para is None:
                para = RawBlock("paragraph")
                out.append(para)
            para.pieces.append((text, n))
            continue
        para = None
        if kind == "list_item":
            para = RawBlock("list_item", [(body, n)])
            out.append(para)
            continue
        out.append(RawBlock(kind, [(body, n)] if body else [], level))
    if hard_wrapped and len(out) == 1 and out[0].kind == "heading" and out[0].level == 2 \
            and _width(out[0].text) >= 0.7 * wrap_width and len(group) == 1:
        out[0].kind, out[0].level = "paragraph", 0    # a full-width line cut by a blank line
    return out


def _drop_furniture_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    out = []
    in_related = False
    for b in blocks:
        t = b.text
        if b.kind != "table":
            furniture = furniture_kind(t)
            if furniture or (in_related and b.kind in ("list_item", "heading", "paragraph") and is_list_title(t)):
                in_related = furniture == "related" or (in_related and not furniture)
                continue
        in_related = False
        if b.kind != "table" and len(t) <= 80 and (_FOOTER.search(t) or _BREADCRUMB.search(t)):
            continue
        if b.kind in ("heading", "paragraph") and _is_nav_line(t):
            continue
        out.append(b)
    return out


def _promote_kickers(blocks: list[RawBlock]) -> list[RawBlock]:
    """A lone line without end punctuation between a finished paragraph and a heading is a
    kicker/headline (《…》发布), not the start of a paragraph cut by the layout."""
    for i in range(1, len(blocks) - 1):
        b = blocks[i]
        outside = re.sub(r"《[^《》]*》|“[^“”]*”", "", b.text)   # titles and quotes may hold punctuation
        if (b.kind == "paragraph" and len(b.pieces) == 1 and len(b.text) <= 40 and _incomplete(b)
                and _balanced(b.text) and not re.search(r"[，,、：:；;]", outside)
                and not re.match(r"^[\[【（(]", b.text)
                and blocks[i + 1].kind == "heading" and not _incomplete(blocks[i - 1])):
            b.kind, b.level = "heading", 2
    return blocks


def _incomplete(block: RawBlock) -> bool:
    t = block.text.rstrip()
    return block.kind == "paragraph" and bool(t) and t[-1] not in END_PUNCT and not FORMULA_RE.fullmatch(t)


def _join_broken_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Rejoin a paragraph cut by a blank line (page break, print layout): the first part has no end mark."""
    out: list[RawBlock] = []
    for b in blocks:
        if (out and b.kind == "paragraph" and _incomplete(out[-1])
                and not re.match(r"^[\[【]|^[A-Z][a-z]+\s*[:：]", b.text)):
            out[-1].pieces += b.pieces
            continue
        out.append(b)
    return out


_NO_START = set("，。、；：！？）》」』】”’,.;:!?)")
def _cross_word(tail: str, head: str, tokenizer: Tokenizer) -> bool:
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
            # a common word (成立, 区域), not a rare name that happens to fit (成田, 和田)
            return tokenizer.freq.get(word, 0) >= 1000
        pos += len(word)
    return False


def _starts_mid_sentence(tail: str, head: str, tokenizer: Tokenizer) -> bool:
    """The head cannot begin a sentence: it opens with punctuation, or a word runs across the cut."""
    if not head:
        return False
    if head[0] in _NO_START:
        return True
    return _cross_word(tail, head, tokenizer)


def _fragments(blocks: list[RawBlock]) -> list[int]:
    """Paragraphs cut by a heading: no end mark, a Chinese last character, a heading next."""
    return [i for i, b in enumerate(blocks[:-1]) if _incomplete(b) and is_cjk(b.text[-1:])
            and blocks[i + 1].kind in ("heading", "break")]


def _unambiguous_pairs(blocks: list[RawBlock], tokenizer: Tokenizer) -> list[tuple[int, int]]:
    """(fragment, continuation) pairs where each side has exactly one candidate and the pairs
    keep document order; any doubt leaves the paragraphs apart."""
    frags = _fragments(blocks)
    options = {f: [c for c in range(f + 2, len(blocks)) if blocks[c].kind == "paragraph"
                   and _starts_mid_sentence(blocks[f].text, blocks[c].text, tokenizer)] for f in frags}
    claimed: dict[int, int] = {}
    for cands in options.values():
        for c in cands:
            claimed[c] = claimed.get(c, 0) + 1
    pairs = [(f, cands[0]) for f, cands in options.items() if len(cands) == 1 and claimed[cands[0]] == 1]
    # in order: a pair that crosses another one means the layout is not understood
    return [(f, c) for f, c in pairs
            if not any((f < f2) != (c < c2) for f2, c2 in pairs if (f2, c2) != (f, c))]


def _rejoin_across_headings(blocks: list[RawBlock], tokenizer: Tokenizer) -> list[RawBlock]:
    """Multi-column captures: a paragraph cut by a heading continues in a later paragraph that
    starts mid-sentence. Joined only when the match is unambiguous (see _unambiguous_pairs);
    a wrong join is worse than none."""
    for _ in range(3):                   # a joined paragraph may still be cut further down
        pairs = _unambiguous_pairs(blocks, tokenizer)
        if not pairs:
            break
        for f, c in sorted(pairs, reverse=True):   # later pairs first: chains f→c→d stay whole
            blocks[f].pieces += blocks[c].pieces
        gone = {c for _, c in pairs}
        blocks = [b for i, b in enumerate(blocks) if i not in gone]
    return blocks


def _title_guess(blocks: list[RawBlock]) -> str:
    """The longest of the leading headings (HTML pages, Markdown); no title rather than body text."""
    lead = []
    for b in blocks:
        if b.kind != "heading":
            break
        lead.append(b.text)
    return max(lead, key=len) if lead else ""


# --- assembly ----------------------------------------------------------------

def assemble(blocks: list[RawBlock]) -> tuple[str, list[Block], list[tuple[int, int]]]:
    """Clean text (blocks joined by a blank line), Block spans and line anchors."""
    text = ""
    out: list[Block] = []
    line_map: list[tuple[int, int]] = []
    for b in blocks:
        pieces = [(t, n) for t, n in b.pieces if t]
        if not pieces:
            continue
        if text:
            text += "\n\n"
        start = len(text)
        block_text = ""
        for t, n in pieces:
            if block_text:
                sep = "\n" if b.kind == "table" else join_sep(block_text, t)
                block_text += sep
            if not line_map or line_map[-1][1] != n:
                line_map.append((start + len(block_text), n))
            block_text += t
        text += block_text
        out.append(Block(kind=b.kind, start=start, end=len(text), level=b.level if b.kind == "heading" else 0))
        if b.kind != "table":
            for m in FORMULA_RE.finditer(block_text):
                out.append(Block(kind="formula", start=start + m.start(), end=start + m.end()))
    return text, out, line_map
