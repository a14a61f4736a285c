"""Read a Word document (.docx) with python-docx into source lines (kb.ingest.paged).

Paragraphs and tables in document order; a paragraph whose style (or a style it is
based on) is a heading style (Heading 1…9, 标题 1…9, Title) is a heading of that
level (or an outline level), so its text heads the passages under it.
Table cells merged across columns (gridSpan) or rows (vMerge) keep their text in
their first cell and leave the cells they cover empty, as HTML tables do.
Footnotes, where present, follow the text under one heading, one note line each.
Word documents have no fixed pages: their passages and facts carry no page.
"""

from __future__ import annotations

import io
import re
from typing import Optional

from kb.errors import LoadError
from kb.ingest.paged import Paged, cell_text
from kb.text.vocab import words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_LEVEL = re.compile(r"(\d)\s*$")
STYLE_DEPTH = 4             # how far up the based-on chain a heading style is looked for


def _open(raw: bytes, name: str):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise LoadError(f"{name} is not a readable Word document ({type(exc).__name__}); "
                        "open and save it again as .docx") from None
    except Exception as exc:  # lxml and zipfile raise their own kinds for a damaged part
        raise LoadError(f"{name} is a damaged Word document ({type(exc).__name__}); "
                        "open and save it again as .docx") from None


def heading_level(style) -> Optional[int]:
    """The heading level a paragraph style gives (1 for a title), else None."""
    names = words("formats", "docx_heading_styles")
    for _ in range(STYLE_DEPTH):
        if style is None:
            return None
        name = (style.name or "").strip().lower()
        if any(name.startswith(n) for n in names):
            m = _LEVEL.search(name)
            return int(m.group(1)) if m else (2 if "sub" in name or "副" in name else 1)
        style = style.base_style
    return None


def element_text(element) -> str:
    """The text of a paragraph element (or a cell): runs' text, tabs as spaces, line breaks
    joined as wrapped lines are."""
    lines = [""]
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}p"):
        if _in_fallback(node, element):
            continue              # the same text box again, for readers without DrawingML
        tag = node.tag[len(W):]
        if tag == "t":
            lines[-1] += node.text or ""
        elif tag == "tab":
            lines[-1] += " "
        else:
            lines.append("")
    return cell_text(lines)


def _in_fallback(node, top) -> bool:
    """The node lies in an ``mc:Fallback`` below ``top``: Word writes a text box twice, as
    DrawingML (mc:Choice) and as VML (mc:Fallback)."""
    parent = node.getparent()
    while parent is not None and parent is not top:
        if parent.tag == FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _span(tc) -> tuple[int, str]:
    """(gridSpan, vMerge state: '' none, 'restart', 'continue') of a table cell."""
    pr = tc.find(f"{W}tcPr")
    if pr is None:
        return 1, ""
    span = pr.find(f"{W}gridSpan")
    merge = pr.find(f"{W}vMerge")
    n = int(span.get(f"{W}val", "1")) if span is not None else 1
    state = "" if merge is None else merge.get(f"{W}val", "continue")
    return max(1, min(n, 50)), state


def table_rows(tbl) -> list[list[str]]:
    """The rows of a table element, merged cells written once."""
    rows = []
    for tr in tbl.iter(f"{W}tr"):
        if tr.getparent() is not tbl:
            continue          # a row of a table nested in a cell: read with that cell's text
        row: list[str] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            row += [""] * int(before.get(f"{W}val", "0"))
        for tc in tr.findall(f"{W}tc"):
            span, merge = _span(tc)
            row += ["" if merge == "continue" else element_text(tc)] + [""] * (span - 1)
        rows.append(row)
    return rows


def footnotes(document) -> list[str]:
    """The text of every footnote, in order (none when the document has no footnotes part)."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/footnotes.xml":
            root = etree.fromstring(part.blob)
            notes = [element_text(fn) for fn in root.findall(f"{W}footnote")
                     if fn.get(f"{W}type") in (None, "normal")]
            return [n for n in notes if n]
    return []


def paragraph_level(p, styles: dict) -> Optional[int]:
    """The heading level of a paragraph element: its own outline level, else its style's."""
    outline = p.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None and outline.get(f"{W}val", "9").isdigit() and int(outline.get(f"{W}val")) < 9:
        return int(outline.get(f"{W}val")) + 1
    style = p.find(f"{W}pPr/{W}pStyle")
    return heading_level(styles.get(style.get(f"{W}val"))) if style is not None else None


def body_blocks(parent):
    """The paragraphs and tables of the body in order, those inside content controls
    (w:sdt, a table of contents, a template's fields) and custom XML included."""
    for child in parent.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from body_blocks(child)


def read_docx(raw: bytes, name: str) -> Paged:
    """The document's paragraphs, headings, tables and footnotes as source lines."""
    document = _open(raw, name)
    paged = Paged("docx")
    try:
        styles = {s.style_id: s for s in document.styles}
        for element in body_blocks(document.element.body):
            if element.tag == f"{W}tbl":
                paged.table(table_rows(element))
                continue
            text = element_text(element)
            level = paragraph_level(element, styles)
            if level and len(text) <= 200:
                paged.heading(text, level)
            else:
                paged.paragraph([(text, None)])
        notes = footnotes(document)
    except (KeyError, ValueError, AttributeError) as exc:
        raise LoadError(f"{name} is a damaged Word document ({type(exc).__name__}); "
                        "open and save it again as .docx") from None
    if notes:
        paged.heading(words("formats", "footnotes_heading")[0], 2)
        for n, note in enumerate(notes, 1):
            paged.paragraph([(f"注{n}：{note}", None)])
    return paged
