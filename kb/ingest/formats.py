"""Which reader a file needs, decided by its content: PDF, Word, Excel, a CSV table, or text.

``read_binary(raw, path)`` returns the file as source lines with pages (``Paged``)
for a PDF (``%PDF-``), a Word document or an Excel workbook (zip archives holding
``word/document.xml`` or ``xl/workbook.xml``) and a CSV file that is a table; None
for text (a ``.csv`` that wraps one report in a text column is text too:
kb.ingest.containers unwraps it). A zip that holds neither, an old binary Office
file and a damaged archive are a LoadError of one line. Each reader imports its
library only when a file of its format is read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Optional

from kb.errors import LoadError
from kb.ingest.paged import Paged

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"       # .doc / .xls / .ppt of Office 97–2003
TABLE_SUFFIXES = {".csv", ".tsv"}
OFFICE_NAMES = {".docx": "a Word document", ".xlsx": "an Excel workbook", ".xlsm": "an Excel workbook",
                ".pptx": "a PowerPoint file"}


def zip_names(raw: bytes, name: str) -> list[str]:
    """The member names of a zip archive; LoadError when it is damaged or truncated."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(f"{name} is a damaged or truncated zip archive ({exc}); "
                        "open and save it again, or get a complete copy") from None


def _read_zip(raw: bytes, path: Path) -> Optional[Paged]:
    names = set(zip_names(raw, path.name))
    if "word/document.xml" in names:
        from kb.ingest.docx import read_docx

        return read_docx(raw, path.name)
    if "xl/workbook.xml" in names:
        from kb.ingest.sheets import read_xlsx

        return read_xlsx(raw, path.name)
    kind = OFFICE_NAMES.get(path.suffix.lower())
    if kind:
        raise LoadError(f"{path.name} is not {kind}: it is a zip archive of other files; "
                        "save the document again as .docx or .xlsx")
    raise LoadError(f"{path.name} is a zip archive, not a document; unpack it and ingest its files")


def read_binary(raw: bytes, path: Path) -> Optional[Paged]:
    """The file read by the reader its content needs, or None when it is text."""
    from kb.ingest.pdf import is_pdf

    if is_pdf(raw):
        from kb.ingest.pdf import read_pdf

        return read_pdf(raw, path.name)
    if raw.startswith(ZIP_MAGIC):
        return _read_zip(raw, path)
    if raw.startswith(OLE_MAGIC):
        raise LoadError(f"{path.name} is an Office 97–2003 file (.doc/.xls/.ppt), which kb does not "
                        "read: save it as .docx or .xlsx")
    if path.suffix.lower() in TABLE_SUFFIXES:
        from kb.ingest.sheets import read_csv_table

        return read_csv_table(raw, path.name, tab=path.suffix.lower() == ".tsv")
    return None
