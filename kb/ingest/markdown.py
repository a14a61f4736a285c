"""Markdown syntax: inline markup removed (formulas ``$…$`` kept verbatim) and the
YAML front matter read as metadata."""

from __future__ import annotations

import html
import re

from kb.ingest.dates import normalize_date
from kb.text.vocab import words

FORMULA_RE = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$")


_LATEX_NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)*(?:%)?|%")
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def latex_number(formula: str) -> str | None:
    """The figure a formula only dresses up, as plain text: ``$6 . 5 \\%$`` → ``6.5%``,
    ``$- 6 \\%$`` → ``-6%``, ``$\\%$`` → ``%`` (PDF converters write numbers this way); None
    for a real formula."""
    body = formula.strip("$").replace("\\%", "%").replace("\\,", "").replace("{", "").replace("}", "")
    body = re.sub(r"\s+", "", body)
    return body.replace("−", "-") if _LATEX_NUMBER.fullmatch(body) else None


def strip_inline_markdown(text: str) -> str:
    """Remove emphasis, links, images, inline code and inline HTML; formulas stay verbatim,
    except a formula that is only a number, which becomes the number (see latex_number)."""
    parts = []
    last = 0
    for m in FORMULA_RE.finditer(text):
        before = _strip_inline(text[last:m.start()])
        number = latex_number(m.group(0))
        if number is None:
            parts += [before, m.group(0)]
        else:
            if before.endswith(" ") and _CJK_OR_PUNCT.match(before[-2:-1] or "x"):
                before = before[:-1]
            parts += [before, number]
        last = m.end()
        if number is not None and text[last:last + 1] == " " and _CJK_OR_PUNCT.match(text[last + 1:last + 2] or "x"):
            last += 1
    parts.append(_strip_inline(text[last:]))
    return "".join(parts)


# Each pattern of _strip_inline needs one of these characters, and html.unescape an "&": a line
# without any of them is returned as it is (most lines; issue 12). A new pattern adds its character.
_INLINE_MARKS = frozenset("<[*_`\\&")


def _strip_inline(text: str) -> str:
    if _INLINE_MARKS.isdisjoint(text):
        return text
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



def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(metadata, body, number of source lines before the body); no front matter → ({}, text, 0)."""
    m = re.match(r"\A\s*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.S)
    if not m:
        return {}, text, 0
    import yaml         # here, not at import: a search or a check reads no front matter

    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        data = dict(re.findall(r"^(\w+)\s*:\s*(.+)$", m.group(1), re.M))
    if not isinstance(data, dict):
        data = {}
    meta = {
        "title": str(data.get("title") or "").strip(),
        "date": normalize_date(_first(data, _DATE_KEYS)),
        "author": _as_text(_first(data, _AUTHOR_KEYS)),
        "publisher": _as_text(_first(data, _PUBLISHER_KEYS)),
    }
    consumed = text[:m.end()].count("\n")
    return meta, text[m.end():], consumed


# who publishes the text: an issuer, a news source, or a paper's journal
_PUBLISHER_KEYS = words("ingest", "front_matter_publisher_keys")
_DATE_KEYS = words("ingest", "front_matter_date_keys")
_AUTHOR_KEYS = words("ingest", "front_matter_author_keys")


def _first(data: dict, keys: tuple[str, ...]) -> object:
    """The value of the first of ``keys`` that the front matter fills, else ""."""
    return next((data[k] for k in keys if data.get(k)), "")


def _as_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value).strip()
