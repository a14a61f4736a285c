"""The files to ingest under the given files and folders.

A document is a ``.txt``, ``.md``, ``.markdown``, ``.html`` or ``.htm`` file;
SOURCES.md and README.md (metadata and notes about a set, not documents) and
hidden files or folders are skipped.
"""

from __future__ import annotations

from pathlib import Path

from kb.errors import LoadError

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
SKIP_NAMES = {"sources.md", "readme.md"}


def is_document(path: Path, rel_parts: tuple[str, ...]) -> bool:
    """A file to ingest: a document suffix, not SOURCES.md/README.md, nothing hidden on its way."""
    if any(part.startswith(".") for part in rel_parts):
        return False
    return path.suffix.lower() in SUFFIXES and path.name.lower() not in SKIP_NAMES


def candidates(path: Path) -> list[tuple[Path, tuple[str, ...]]]:
    """Every file a path names, with its path parts relative to the folder (a file: its name)."""
    if path.is_file():
        return [(path, (path.name,))]
    return [(p, p.relative_to(path).parts) for p in path.rglob("*") if p.is_file()]


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest under the given files/folders, sorted; skips SOURCES.md, README.md, hidden files."""
    found: set[Path] = set()
    for path in map(Path, paths):
        if not path.exists():
            raise LoadError(f"{path} does not exist: pass an existing file or folder")
        found.update(p for p, parts in candidates(path) if is_document(p, parts))
    return sorted(found)
