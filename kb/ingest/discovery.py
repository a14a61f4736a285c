"""The files to ingest under the given files and folders, and the ones skipped with a reason.

A document is a ``.txt``, ``.md``, ``.markdown``, ``.html`` or ``.htm`` file, a
PDF, a Word document (``.docx``), an Excel workbook (``.xlsx``, ``.xlsm``) or a
CSV (``.csv``, ``.tsv``) file (kb.ingest.formats reads each by its content);
SOURCES.md and README.md (metadata and notes about a set, not documents) and
hidden files or folders are passed over silently, and so are other files in a
folder (images, data). An old Office file (.doc, .xls), a PowerPoint, OpenDocument,
RTF or EPUB file, a link that
leads out of the folder, anything that is not a regular file and a folder
that cannot be read are skipped with a reason, never silently; a file named
on the command line that is not a document is skipped with a reason too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import LoadError

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".xlsx", ".xlsm", ".csv", ".tsv"}
SKIP_NAMES = {"sources.md", "readme.md"}
NOT_YET = {".doc": ("a Word 97–2003 document", "DOC"),
           ".xls": ("an Excel 97–2003 workbook", "XLS"), ".pptx": ("a PowerPoint file", "PPTX"),
           ".ppt": ("a PowerPoint file", "PPT"), ".odt": ("an OpenDocument text", "ODT"),
           ".rtf": ("an RTF document", "RTF"), ".epub": ("an EPUB book", "EPUB")}


@dataclass
class Found:
    """What a walk over the given paths found: documents and (path, reason) skipped."""

    documents: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def is_document(path: Path, rel_parts: tuple[str, ...]) -> bool:
    """A file to ingest: a document suffix, not SOURCES.md/README.md, nothing hidden on its way."""
    if any(part.startswith(".") for part in rel_parts):
        return False
    return path.suffix.lower() in SUFFIXES and path.name.lower() not in SKIP_NAMES


def not_supported(path: Path) -> str:
    """The reason a file of a known but unsupported format is skipped, else ''."""
    if path.suffix.lower() not in NOT_YET:
        return ""
    kind, name = NOT_YET[path.suffix.lower()]
    return (f"{path.name} is {kind}; {name} is not supported yet (save it as .docx, .xlsx, .pdf, "
            ".txt, .md or .html to ingest it)")


def candidates(path: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """Every file a path names, with its path parts relative to the folder (a file: its name).
    Links to folders are not followed (a folder cannot lead the walk outside itself)."""
    if not path.is_dir():
        return [(path, (path.name,))]
    out = []

    def unreadable(error: OSError) -> None:
        out.append((Path(error.filename or path), ("\0unreadable", error.strerror or str(error))))

    for folder, dirs, files in os.walk(path, onerror=unreadable, followlinks=False):
        dirs.sort()
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            p = Path(folder) / name
            out.append((p, p.relative_to(path).parts))
    return out


def file_problem(path: Path, folder: Path | None) -> str:
    """Why a document file cannot be read as one, before it is opened ('' when it can)."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            return f"{path.name} is a broken link; fix or remove it"
        if folder is not None and not target.is_relative_to(os.path.realpath(folder)):
            return (f"{path.name} is a link to {target}, outside {folder}; copy the file into "
                    "the folder to ingest it")
    if path.is_dir():
        return f"{path.name} is a folder, not a file"
    if not path.is_file():
        return f"{path.name} is not a regular file (a pipe or a device?); give a text file"
    return ""


def walk(paths: list[Path]) -> Found:
    """Documents (sorted, each once) and skipped files under the given files and folders."""
    found, seen = Found(), set()
    for path in map(Path, paths):
        if not path.exists() and not path.is_symlink():
            raise LoadError(f"{path} does not exist: pass an existing file or folder")
        folder = path if path.is_dir() else None
        for p, parts in candidates(path):
            reason = _reason(p, parts, folder)
            if reason is None or p in seen:
                continue
            seen.add(p)
            if reason:
                found.skipped.append((p, reason))
            else:
                found.documents.append(p)
    found.documents.sort()
    return found


def _reason(path: Path, parts: tuple[str, ...], folder: Path | None) -> str | None:
    """None: pass over silently; '': a document; else why it is skipped."""
    if parts[:1] == ("\0unreadable",):
        return f"{path.name}: cannot read this folder ({parts[1]}); check its permissions"
    if any(part.startswith(".") for part in parts) or path.name.lower() in SKIP_NAMES:
        return None
    if not is_document(path, parts):
        if not_supported(path):
            return not_supported(path)
        if folder is None:
            return (f"{path.name} is not a document kb reads (.txt, .md, .markdown, .html, .htm, "
                    ".pdf, .docx, .xlsx, .csv)")
        return None
    return file_problem(path, folder)


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest under the given files/folders, sorted; skips SOURCES.md, README.md, hidden files."""
    return walk(paths).documents
