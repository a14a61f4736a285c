"""Renderings made at test time: a document as HTML (printed to PDF by Debian's chromium),
as a Word file (python-docx) and its tables as a workbook (openpyxl); and the measures that
compare what kb reads from a rendering with what it reads from the source.

A source document is read by kb first (its clean blocks: headings, paragraphs,
captions, tables); the rendering writes those blocks in the target format, so the
facts of the source and of its rendering should agree.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile

from collections import Counter

from kb.ingest.normalize import normalize_text
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer", "--disable-dev-shm-usage"]

PAGE_CSS = """
@page { size: A4; margin: 24mm 20mm;
  @top-center { content: "%(header)s"; font-size: 8pt; color: #555 }
  @bottom-center { content: "第 " counter(page) " 页"; font-size: 8pt } }
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 11pt; line-height: 1.6 }
p { text-indent: 2em; margin: 0.3em 0; text-align: justify }
p.caption, p.unit, p.note { text-indent: 0; text-align: center; margin: 1.2em 0 0.3em }
p.note { text-align: left; font-size: 9pt; margin-top: 0.3em }
h1 { font-size: 20pt; text-align: center } h2 { font-size: 15pt } h3 { font-size: 13pt } h4 { font-size: 12pt }
table { border-collapse: collapse; margin: 0.3em auto 1.2em; font-size: 10pt; page-break-inside: auto }
td, th { border: 0.8pt solid #000; padding: 1pt 4pt }
tr { page-break-inside: avoid }
.cols { column-count: 2; column-gap: 2.2em }
.cols p { text-align: justify }
"""


def chromium_missing() -> str:
    """Why PDFs cannot be printed here ('' when they can)."""
    if not CHROMIUM.exists():
        return "no /usr/bin/chromium: apt-get install chromium"
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True) \
        if shutil.which("fc-list") else None
    if fonts is not None and not fonts.stdout.strip():
        return "no CJK font: apt-get install fonts-wqy-microhei"
    return ""


def print_pdf(html_text: str, target: Path) -> Path:
    """``html_text`` printed to ``target`` by headless chromium with a fresh profile."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html_text, encoding="utf-8")
        subprocess.run([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                        f"--print-to-pdf={target}", page.as_uri()],
                       capture_output=True, timeout=120, check=True,
                       env={**os.environ, "HOME": tmp})
    return target


def _rows(block_text: str) -> list[list[str]]:
    rows = []
    for line in block_text.split("\n"):
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(set(c) <= set(":- ") for c in cells):
                continue
            rows.append(cells)
        elif line.strip():
            rows.append(line.split("\t"))
    return rows


def meta_line(document) -> str:
    """The line under a title that says who published it and when, as printed documents do."""
    parts = []
    if document.author:
        parts.append(f"作者：{document.author}")
    if document.publisher:
        parts.append(f"来源：{document.publisher}")
    if document.date:
        y, m, d = (document.date.split("-") + ["01", "01"])[:3]
        parts.append(f"发布时间：{y}-{m}-{d}")
    return "　".join(parts)


def blocks_of(document) -> list[tuple[str, int, str]]:
    """(kind, level, text) of the document as a reader sees it: its title (when its text does
    not open with it) and a line with author, publisher and date, then its blocks (formulas,
    inside paragraphs, left out)."""
    blocks = [(b.kind, b.level, document.text[b.start:b.end]) for b in document.blocks if b.kind != "formula"]
    title = normalize_text(document.title)
    if document.title and not document.text.lstrip().startswith(document.title[:10]):
        blocks.insert(0, ("heading", 1, document.title))
    elif blocks and blocks[0][0] == "paragraph" and len(blocks[0][2]) <= 80:
        blocks[0] = ("heading", 1, blocks[0][2])         # the title, printed as one
    elif blocks and blocks[0][0] == "paragraph" and title and blocks[0][2].startswith(title):
        rest = blocks[0][2][len(title):]                  # a title run into the first paragraph
        blocks[0:1] = [("heading", 1, title)] + ([("paragraph", 0, rest)] if rest.strip() else [])
    if meta_line(document):
        blocks.insert(1, ("paragraph", 0, meta_line(document)))
    return blocks


def table_html(rows: list[list[str]], merged: bool = False) -> str:
    """A table; ``merged``: an empty first cell under a filled one is written as a rowspan."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    span = [[1] * width for _ in rows]
    hidden = [[False] * width for _ in rows]
    if merged:
        for i in range(1, len(rows)):
            if not rows[i][0] and any(rows[i][1:]):
                top = i - 1
                while hidden[top][0]:
                    top -= 1
                span[top][0] += 1
                hidden[i][0] = True
    out = ["<table>"]
    for i, row in enumerate(rows):
        tag = "th" if i == 0 else "td"
        cells = "".join(f"<{tag}{' rowspan=%d' % span[i][j] if span[i][j] > 1 else ''}>{html.escape(c)}</{tag}>"
                        for j, c in enumerate(row) if not hidden[i][j])
        out.append(f"<tr>{cells}</tr>")
    return "\n".join(out + ["</table>"])


def document_html(document, header: str = "", columns: tuple[int, int] = (0, 0), merged: bool = False) -> str:
    """The document as a printable page: h1–h4, paragraphs, captions, tables; the blocks from
    ``columns[0]`` to ``columns[1]`` in a two-column layout; a running header and page numbers."""
    parts = []
    for k, (kind, level, text) in enumerate(blocks_of(document)):
        if k == columns[0] and columns[1] > columns[0]:
            parts.append('<div class="cols">')
        if kind == "heading":
            n = min(max(level, 1) + (0 if k == 0 else 1), 4)
            parts.append(f"<h{n}>{html.escape(text)}</h{n}>")
        elif kind == "table":
            parts.append(table_html(_rows(text), merged))
        else:
            cls = {"caption": "caption", "note": "note"}.get(kind, "")
            parts.append(f"<p class=\"{cls}\">{html.escape(text)}</p>" if cls else f"<p>{html.escape(text)}</p>")
        if k + 1 == columns[1] and columns[1] > columns[0]:
            parts.append("</div>")
    css = PAGE_CSS % {"header": header.replace('"', "'")}
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{html.escape(header)}</title>"
            f"<style>{css}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>")


def document_docx(document, target: Path) -> Path:
    """The document as a Word file: heading styles, paragraphs, tables (merged row labels)."""
    import docx

    out = docx.Document()
    for k, (kind, level, text) in enumerate(blocks_of(document)):
        if kind == "heading":
            out.add_heading(text, 0 if k == 0 else min(max(level, 1), 9))
        elif kind == "table":
            rows = _rows(text)
            width = max(len(r) for r in rows)
            table = out.add_table(rows=len(rows), cols=width)
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
        else:
            out.add_paragraph(text)
    out.save(target)
    return target


def tables_xlsx(document, target: Path, tables: list[dict] | None = None) -> Path:
    """The document's tables (or the given ones of ``document_tables``) as a workbook, one
    sheet each: caption row, unit row, cells (numbers as numbers, with the decimals they
    are written with)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, table in enumerate(document_tables(document) if tables is None else tables, 1):
        sheet = book.create_sheet(f"表{n}" if table["caption"] else f"Sheet{n}")   # Excel's own name
        if table["caption"]:
            sheet.append([table["caption"]])
        if table["unit"]:
            sheet.append([f"单位：{table['unit']}"])
        for row in table["rows"]:
            sheet.append([_number(c) for c in row])
            for cell, text in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(cell.value, float) and "." in text:
                    cell.number_format = "0." + "0" * len(text.split(".")[1])
    book.save(target)
    return target


def _number(text: str):
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        return text


def document_tables(document) -> list[dict]:
    """Caption, unit and rows of every table block of a document, the caption and unit lines
    taken from the blocks before it."""
    blocks = blocks_of(document)
    out = []
    for k, (kind, _, text) in enumerate(blocks):
        if kind != "table":
            continue
        before = blocks[max(0, k - 2):k]
        caption = next((t for kind, _, t in before if kind == "caption" and t.startswith("表")), "")
        unit = next((t.split("：", 1)[1].strip("）) ") for _, _, t in before if t.lstrip("（(").startswith("单位：")), "")
        out.append({"caption": caption, "unit": unit, "rows": _rows(text)})
    return out


# --- measures ----------------------------------------------------------------------------------

def fact_key(fact) -> tuple:
    """What must be the same in a document and its rendering: value, unit, subject, period."""
    return (fact.value, fact.unit_normalized, fact.subject_key or fact.subject, fact.year,
            fact.period_start, fact.period_end, fact.source_kind)


def agreement(source_facts: list, rendered_facts: list) -> float:
    """The share of the source's facts that the rendering states too (as a multiset)."""
    if not source_facts:
        return 1.0
    have = Counter(fact_key(f) for f in rendered_facts)
    matched = 0
    for key in (fact_key(f) for f in source_facts):
        if have[key] > 0:
            have[key] -= 1
            matched += 1
    return matched / len(source_facts)


def missing(source_facts: list, rendered_facts: list) -> list:
    have = Counter(fact_key(f) for f in rendered_facts)
    out = []
    for f in source_facts:
        if have[fact_key(f)] > 0:
            have[fact_key(f)] -= 1
        else:
            out.append(f)
    return out


def _cells(rows: list[list[str]]) -> list[list[str]]:
    """Cells without white space: a line wrapped inside a printed cell cannot tell whether a
    space stood there (大湾区 九市 prints as 大湾区⏎九市)."""
    return [["".join(c.split()) for c in row] for row in rows]


def same_tables(source_tables: list, rendered_tables: list) -> bool:
    """Tables cell for cell: the same number, each with the same columns and rows."""
    return (len(source_tables) == len(rendered_tables)
            and all(_cells([a.columns]) == _cells([b.columns]) and _cells(a.rows) == _cells(b.rows)
                    for a, b in zip(source_tables, rendered_tables, strict=True)))


def pdf_page_texts(path: Path) -> list[str]:
    """Each page's text without white space (pdfplumber)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return ["".join((page.extract_text() or "").split()) for page in pdf.pages]


def pdf_column_texts(path: Path) -> list[str]:
    """Each page's text read whole, then its left half, then its right half, without white
    space: a figure wrapped inside one column of a two-column page reads whole in its half."""
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            middle = float(page.width) / 2
            halves = [page, page.crop((0, 0, middle, page.height)),
                      page.crop((middle, 0, page.width, page.height))]
            out.append("\n".join("".join((part.extract_text() or "").split()) for part in halves))
    return out
