"""Load a source file into a Document: decode, pick the format by content,
drop page furniture, rebuild paragraphs, and keep offsets back to source lines.

Formats: YAML front matter (metadata), Markdown, HTML (pages or blocks inside
Markdown), web-page captures saved as text, hard-wrapped print/PDF text.
The stages live in their own modules: kb.ingest.markdown (front matter),
kb.ingest.html_page (HTML), kb.ingest.text_blocks (text lines → blocks, with
kb.ingest.title_block, kb.ingest.furniture, kb.ingest.metadata),
kb.ingest.wrap and kb.ingest.columns (paragraphs cut by the layout) and
kb.ingest.assemble (clean text, spans, line map).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kb.errors import LoadError
from kb.ingest.assemble import assemble
from kb.ingest.bounds import cap_blocks, truncate_text
from kb.ingest.columns import rejoin_across_headings
from kb.ingest.containers import unwrap
from kb.ingest.decode import decode_bytes
from kb.ingest.formats import read_binary
from kb.ingest.furniture import drop_furniture_blocks
from kb.ingest.html_page import html_blocks, html_metadata, looks_like_html
from kb.ingest.markdown import split_front_matter
from kb.ingest.names import relative_name
from kb.ingest.paged import page_anchors, source_line_map
from kb.ingest.metadata import (
    dateline,
    issuer,
    record_meta,
    signature,
    take_meta_blocks,
)
from kb.ingest.raw import RawBlock
from kb.ingest.sources_table import apply_sources_row
from kb.ingest.text_blocks import text_blocks
from kb.ingest.title_block import title_guess
from kb.ingest.wrap import join_broken_paragraphs, promote_kickers
from kb.models import Document

if TYPE_CHECKING:
    from kb.text.tokenizer import Tokenizer

_MD_HEADING_LINE = re.compile(r"^#{1,6} \S", re.M)
_PAGE_START = re.compile(r"\s*<(!doctype|html)", re.I)
_HTML_BLOCK_START = re.compile(r"^\s*<(?:div|p|table|section|article|ul|ol|h[1-6]|blockquote|figure|"
                               r"html|body|!doctype)\b", re.I)
_HTML_OPEN = re.compile(r"<(?:div|table|section|article|ul|ol|blockquote|figure)\b", re.I)
_HTML_CLOSE = re.compile(r"</(?:div|table|section|article|ul|ol|blockquote|figure)\s*>", re.I)


def read_raw(path: Path) -> bytes:
    """The file's bytes; LoadError when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(f"cannot read {path}: {exc.strerror}; check the path and permissions") from exc


def document_path(path: Path, root: Path) -> str:
    """The file's path relative to ``root`` (POSIX, printable), or its name when it is outside."""
    return relative_name(path, root)


def load_document(path: Path, root: Path, sources: dict[str, dict] | None = None, *,
                  tokenizer: Tokenizer, doc_id: str = "") -> Document:
    """Read, decode and clean one file; raises LoadError for binary, empty or undecodable files.

    ``doc_id`` defaults to the path relative to ``root`` (kb.ingest.plan chooses it for an
    ingest). ``tokenizer`` cuts words where a paragraph cut by the layout may continue
    (multi-column pages)."""
    path, root = Path(path), Path(root)
    raw = read_raw(path)
    paged = read_binary(raw, path)     # PDF, Word, Excel, a CSV table (kb.ingest.formats); None: text
    if paged is None:
        try:
            text, encoding = decode_bytes(raw)
        except LoadError as exc:
            raise LoadError(f"{path.name}: {exc}") from None
    else:
        text, encoding = paged.text, ""
    text, note = truncate_text(text)
    suffix = path.suffix.lower()
    blocks, meta, fmt = parse_text(text, tokenizer, markdown_hint=paged is not None or suffix in (".md", ".markdown"),
                                   html_hint=suffix in (".html", ".htm"))
    clean, out_blocks, line_map = assemble(blocks)
    if not clean.strip():
        raise LoadError(f"{path.name}: no text left after cleaning; check that it is a document")
    meta = apply_sources_row(meta, (sources or {}).get(path.name, {}))
    notes = [note] if note else []
    pages: list[tuple[int, int]] = []
    if paged is not None:      # its source lines are kb's own: pages are the citation, not lines
        fmt, notes = paged.fmt, notes + paged.notes
        meta = {**paged.meta, **{k: v for k, v in meta.items() if v}}
        pages, line_map = cited_places(line_map, paged)
    return Document(doc_id=doc_id or document_path(path, root), doc_path=document_path(path, root), title=meta.get("title", ""),
                    publisher=meta.get("publisher", ""), date=meta.get("date", ""),
                    author=meta.get("author", ""), venue=meta.get("venue", ""), source_format=fmt, encoding=encoding,
                    content_hash=hashlib.sha256(raw).hexdigest(), text=clean,
                    blocks=out_blocks, line_map=line_map, pages=pages, notes=notes)


def cited_places(line_map: list[tuple[int, int]], paged) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(page anchors, line map) of a document read as kb's own source lines: its pages, or the
    file's own lines when the reader numbered them (a CSV holding a report a row per block)."""
    if paged.line_numbers:
        return [], source_line_map(line_map, paged.pages)
    return page_anchors(line_map, paged.pages), []


def parse_text(text: str, tokenizer: Tokenizer, markdown_hint: bool = False, html_hint: bool = False
               ) -> tuple[list[RawBlock], dict, str]:
    """Raw blocks, metadata and source format of a decoded file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    container = unwrap(text)
    text, before = (container.body, container.lines_before) if container else (text, 0)
    if container and container.meta.get("title") and container.meta["title"][:12] not in text[:400]:
        text, before = container.meta["title"] + "\n\n" + text, max(0, before - 2)  # the title is read too
    meta, body, consumed = split_front_matter(text)
    if meta.get("title") and not container and _title_missing(meta["title"], body):
        body = meta["title"] + "\n\n" + body  # the title is read too (its figures, its words)
        consumed = max(0, consumed - 2)
    if container:
        meta = {**container.meta, **meta}
        consumed += before
    markdown = markdown_hint or bool(meta) or bool(_MD_HEADING_LINE.search(body))
    blocks, html_chars = raw_blocks(body, consumed, markdown, html_hint, meta)
    fmt = "html" if html_chars > len(body) / 2 else "markdown" if markdown else "text"
    blocks = cap_blocks(clean_blocks(blocks, tokenizer))
    complete_metadata(blocks, meta)
    return blocks, meta, fmt


def _title_missing(title: str, body: str) -> bool:
    """True when the body does not open with its title (or a line that is nearly the title: a
    headline reworded by a word or two)."""
    head = re.sub(r"\s+", "", title)
    if not head or head[:12] in re.sub(r"\s+", "", body[:600]):
        return False
    first = next((ln.strip("# \t") for ln in body.split("\n") if ln.strip()), "")
    shared = sum(min(head.count(c), first.count(c)) for c in set(head))
    return shared < 0.7 * len(head)


def raw_blocks(body: str, consumed: int, markdown: bool, html_hint: bool, meta: dict
               ) -> tuple[list[RawBlock], int]:
    """Blocks of a body (a whole HTML page, or Markdown/text with HTML blocks inside) and the
    number of characters that were HTML; metadata lines go into ``meta``."""
    if html_hint and looks_like_html(body) or _PAGE_START.match(body):
        record_meta(html_metadata(body), meta)
        return take_meta_blocks(html_blocks(body, consumed), meta), len(body)
    blocks: list[RawBlock] = []
    html_chars = 0
    for is_html, chunk, first_line in markdown_chunks(body, consumed):
        if is_html:
            blocks += take_meta_blocks(html_blocks(chunk, first_line - 1), meta)
            html_chars += len(chunk)
        else:
            blocks += text_blocks(chunk, first_line, markdown, meta, top=not blocks)
    return blocks, html_chars


def clean_blocks(blocks: list[RawBlock], tokenizer: Tokenizer) -> list[RawBlock]:
    """Furniture dropped, paragraphs cut by the layout rejoined, kickers promoted, column
    markers gone; a heading with nothing under it at the end is a paragraph."""
    blocks = drop_furniture_blocks(blocks)
    blocks = join_broken_paragraphs(blocks)
    blocks = promote_kickers(blocks)
    blocks = rejoin_across_headings(blocks, tokenizer)
    blocks = [b for b in blocks if b.kind != "break"]
    if blocks and blocks[-1].kind == "heading" and len(blocks) > 1:
        blocks[-1].kind, blocks[-1].level = "paragraph", 0     # a heading with nothing under it
    return blocks


def complete_metadata(blocks: list[RawBlock], meta: dict) -> None:
    """Fill what the front matter and metadata lines left open: the title from the leading
    headings (else a page's <title>), agency and reporters from a news dateline, the publisher from a closing
    signature or, for a government work report, its issuer."""
    page = meta.pop("page_title", "")
    if not meta.get("title"):
        meta["title"] = title_guess(blocks) or page
    first = next((b for b in blocks if b.kind == "paragraph"), None)
    if first is not None:
        # no context: a March dateline over a year's figures is usually next year's, so the
        # document's own year would mislabel them; only agency and reporters are taken
        record_meta(dateline(first.text), meta)
    if not meta.get("publisher"):
        record_meta(signature(blocks), meta)
    if not meta.get("publisher"):
        meta["publisher"] = issuer(meta.get("title", ""), meta.get("venue", ""))


def html_block_end(lines: list[str], i: int) -> int:
    """The line after the HTML block that opens at line ``i``: its elements closed and a
    blank line (or the end) next."""
    j, depth = i, 0
    while j < len(lines):
        depth += len(_HTML_OPEN.findall(lines[j]))
        depth -= len(_HTML_CLOSE.findall(lines[j]))
        j += 1
        if depth <= 0 and (j >= len(lines) or not lines[j].strip()):
            break
    return j


def markdown_chunks(body: str, consumed: int) -> list[tuple[bool, str, int]]:
    """Split a Markdown body into HTML block chunks and text chunks: (is_html, text, first_line)."""
    lines = body.split("\n")
    i, start, out = 0, 0, []
    while i < len(lines):
        if _HTML_BLOCK_START.match(lines[i]):
            if start < i:
                out.append((False, "\n".join(lines[start:i]), consumed + start + 1))
            j = html_block_end(lines, i)
            out.append((True, "\n".join(lines[i:j]), consumed + i + 1))
            i = start = j
        else:
            i += 1
    if start < len(lines):
        out.append((False, "\n".join(lines[start:]), consumed + start + 1))
    return out
