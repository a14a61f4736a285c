"""Web-capture noise: the page furniture around an article saved as text or HTML.

Page buttons (【打印本页】【关闭窗口】, 【字号 大 中 小】), share and previous/next
links, a 相关阅读/推荐阅读 label with the list of titles under it, footers
(ICP备, 版权所有, 责任编辑), breadcrumbs (当前位置：首页 > …), navigation menus
and left-over HTML comments. Generic patterns, not one site's words.
"""

from __future__ import annotations

import re

from kb.ingest.normalize import is_cjk
from kb.ingest.raw import RawBlock
from kb.text.vocab import regex

FOOTER = regex("ingest", "footer", re.I)
BREADCRUMB = regex("ingest", "breadcrumb")
COMMENT = re.compile(r"^\s*(?:<!--.*?-->|-->|<!--|--!>)\s*$")

# page buttons and reading lists around an article: 【打印本页】【关闭窗口】, 【字号 大 中 小】,
# 分享到：…, 上一篇/下一篇：…, and a 相关阅读/推荐阅读… label with the list of titles under it
_BUTTON_GROUP = r"[【\[]\s*[^【】\[\]]{1,12}?\s*[】\]]"
_BUTTON_WORD = regex("ingest", "page_button_word")
_BUTTONS = re.compile(rf"^\s*(?:{_BUTTON_GROUP}\s*)+")
_PAGE_LINK = regex("ingest", "page_link")
_RELATED = regex("ingest", "related_label")
_LIST_MARK = re.compile(r"^[·•●◆◇■□▪▶►>\-*]\s*")
_SENTENCE_END = re.compile(r"[。！？]$")
_LIST_TITLE_PUNCT = re.compile(r"[。！？；，,;]")
_NAV_PUNCT = re.compile(r"[。，；！？,;]")
_NAV_SEP = re.compile(r"[\s|｜/·•]+")


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
    if _PAGE_LINK.match(text) and len(text) <= 80 and not _SENTENCE_END.search(text):
        return "buttons"
    return ""


def is_list_title(line: str) -> bool:
    """A line of a reading list: a bullet item, or a short headline without sentence punctuation."""
    text = line.strip()
    if _LIST_MARK.match(text):
        return len(text) <= 80
    return 0 < len(text) <= 40 and not _LIST_TITLE_PUNCT.search(text) and not text.endswith(("：", ":"))


def furniture_step(text: str, in_list: bool, listable: bool = True) -> tuple[bool, bool]:
    """(drop the line, inside a reading list after it) for one line or block in reading order.

    A furniture line is dropped; a 相关阅读 label opens a reading list whose titles are dropped
    too (``listable``: the block could be such a title); anything else ends the list."""
    furniture = furniture_kind(text)
    if furniture or (in_list and listable and is_list_title(text)):
        return True, furniture == "related" or (in_list and not furniture)
    return False, False


def is_nav_line(line: str) -> bool:
    """A navigation menu: four or more short Chinese items, or three or more | separators."""
    if _NAV_PUNCT.search(line):
        return False
    items = [x for x in _NAV_SEP.split(line) if x]
    if len(items) >= 4 and all(len(x) <= 6 for x in items) and sum(is_cjk(ch) for ch in line) >= 4:
        return True
    return line.count("|") + line.count("｜") >= 3 and all(len(x) <= 10 for x in items)


def is_footer(text: str) -> bool:
    """A short footer or breadcrumb line (ICP备…, 版权所有, 当前位置：首页 > …)."""
    return len(text) <= 80 and bool(FOOTER.search(text) or BREADCRUMB.search(text))


NOISE_LINE_MAX = 300   # a breadcrumb is a short line: a long paragraph that quotes one is text


def is_noise_line(line: str) -> bool:
    """A raw text line that is an HTML comment, a breadcrumb, or a short footer line."""
    short = len(line.strip()) <= NOISE_LINE_MAX
    return bool(COMMENT.match(line) or (short and BREADCRUMB.search(line))
                or (len(line.strip()) <= 80 and FOOTER.search(line)))


def drop_furniture_blocks(blocks: list[RawBlock]) -> list[RawBlock]:
    """The blocks that are not page furniture (tables are never furniture)."""
    out = []
    in_list = False
    for b in blocks:
        if b.kind == "table":
            in_list = False
            out.append(b)
            continue
        t = b.text
        drop, in_list = furniture_step(t, in_list, b.kind in ("list_item", "heading", "paragraph"))
        if drop or is_footer(t) or (b.kind in ("heading", "paragraph") and is_nav_line(t)):
            continue
        out.append(b)
    return out
