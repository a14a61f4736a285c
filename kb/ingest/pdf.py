"""Read a PDF with pdfplumber (pdfminer.six: CJK fonts and CMaps) into source lines with pages.

Every page's words and ruled tables are taken (kb.ingest.pdf_layout puts them in
reading order, two-column pages rejoined), running headers, footers and page
numbers are dropped (kb.ingest.pdf_furniture), and the lines become paragraphs,
headings and tables (kb.ingest.pdf_paragraphs). A PDF without a text layer, an
encrypted one and a damaged one are a LoadError of one line. pdfplumber is
imported here only, when a PDF is read.
"""

from __future__ import annotations

import io
import logging

from kb.errors import LoadError
from kb.ingest.paged import Paged, cell_text
from kb.ingest.pdf_furniture import drop_furniture
from kb.ingest.pdf_layout import Line, Word, page_lines
from kb.ingest.pdf_paragraphs import write_blocks

MIN_TABLE_ROWS = 1               # a header row alone at a page's foot goes on with the next page
MIN_TABLE_COLUMNS = 2
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")


def is_pdf(raw: bytes) -> bool:
    """A PDF file: ``%PDF-`` within its first kilobyte (as readers accept it)."""
    return b"%PDF-" in raw[:1024]


def _quiet() -> None:
    """pdfminer logs a warning for every odd font descriptor: not the user's business."""
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _words(page) -> list[Word]:
    out = []
    for w in page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False):
        if not w.get("upright", True):
            continue
        font = str(w.get("fontname", "")).lower()
        out.append(Word(text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                        bottom=float(w["bottom"]), size=float(w.get("size") or 0.0),
                        bold=any(b in font for b in BOLD_NAMES)))
    return out


def _tables(page) -> list[tuple[tuple[float, float, float, float], list[list[str]]]]:
    """The ruled tables of a page: their box and their cells (a merged cell's text in its first
    cell, the cells it covers empty)."""
    out = []
    for table in page.find_tables():
        rows = [[cell_text((c or "").split("\n")) for c in row] for row in table.extract()]
        rows = [r for r in rows if any(r)]
        if len(rows) >= MIN_TABLE_ROWS and max(len(r) for r in rows) >= MIN_TABLE_COLUMNS:
            out.append((tuple(float(v) for v in table.bbox), rows))
    return out


def _open(raw: bytes, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    _quiet()
    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
        pdf.pages  # noqa: B018 - reading the page tree finds a truncated file now
        return pdf
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        cause = pdfminer_cause(exc)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise LoadError(f"{name} is an encrypted PDF: kb cannot read it without its password; "
                            "save an unprotected copy to ingest it") from None
        raise LoadError(f"{name} is a damaged or truncated PDF ({type(cause).__name__}); "
                        "open and save it again, or get a complete copy") from None


def pdfminer_cause(exc: BaseException) -> BaseException:
    """The pdfminer error inside pdfplumber's wrapper (PdfminerException holds it as its
    argument), else the error itself."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__context__
    return inner if isinstance(inner, BaseException) else exc


def _page_data(pdf, name: str) -> tuple[list[list[Line]], list[float], list[int]]:
    """Lines of every page, page heights, and the pages without any text."""
    pages, heights, empty = [], [], []
    for number, page in enumerate(pdf.pages, 1):
        try:
            words, tables = _words(page), _tables(page)
        except Exception as exc:  # one damaged page: the others are still read
            raise LoadError(f"{name}: page {number} cannot be read ({type(exc).__name__}); "
                            "the file is damaged: open and save it again") from None
        if not words and not tables:
            empty.append(number)
        pages.append(page_lines(words, tables, float(page.width), number))
        heights.append(float(page.height))
    return pages, heights, empty


def read_pdf(raw: bytes, name: str) -> Paged:
    """The PDF's text as source lines with their pages; LoadError when it has no text layer,
    is encrypted or damaged."""
    pdf = _open(raw, name)
    try:
        pages, heights, empty = _page_data(pdf, name)
    finally:
        pdf.close()
    if len(empty) == len(pages):
        raise LoadError(f"{name}: no text layer; OCR is not supported (a scanned PDF?): "
                        "give a PDF with text, or the text itself")
    paged = Paged("pdf")
    lines = [line for page in drop_furniture(pages, heights) for line in page]
    write_blocks(paged, lines)
    if empty:
        listed = ", ".join(map(str, empty[:10])) + ("…" if len(empty) > 10 else "")
        paged.notes = [f"pages {listed} have no text layer (OCR is not supported); "
                               "their content is not in the knowledge base"]
    return paged
