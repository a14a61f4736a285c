"""What an ingest does, decided before anything is read: which files, under which ids,
and which stored documents go.

- A document's identity is its file's absolute path (``source``). Its
  ``doc_id`` is the path relative to its root, with the extension, POSIX
  separators (``report.txt``, ``sub/report.txt``); a file the store already
  knows keeps its id, whatever else is ingested.
- The root of a given folder or file is the deepest folder the store already
  uses as a root that contains it; else the folder itself, or a file's folder.
  So ``kb ingest c`` then ``kb ingest c/sub/new.txt`` names it ``sub/new.txt``.
- Two files never share an id: a taken id gets its root's folder name in front
  (``b/report.txt``), then a number; a stored document whose file is gone
  gives its id up to the file that now has that path.
- A stored document is removed only when its file is gone and either a folder
  that contains it was given (``kb ingest c``) or ``prune`` is asked for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kb.ingest.discovery import walk
from kb.ingest.names import relative_name
from kb.models import printable
from kb.store import Known


@dataclass(frozen=True)
class Planned:
    """One file to ingest: the path found, its identity, its root and its doc_id."""

    path: Path
    source: str
    root: str
    doc_id: str
    replaces: str = ""      # an older id of the same file (a store made by an older kb)


@dataclass
class Plan:
    files: list[Planned] = field(default_factory=list)
    removed: list[Known] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def absolute(path: Path | str) -> str:
    """The absolute, normalised path (links kept as named: a link inside a folder is a file of it)."""
    return os.path.abspath(path)


def root_for(path: str, is_dir: bool, known_roots: set[str]) -> str:
    """The deepest known root containing ``path``; else the folder itself or the file's folder."""
    containing = [r for r in known_roots if _under(path, r)]
    if containing:
        return max(containing, key=len)
    return path if is_dir else os.path.dirname(path)


def unique_id(wanted: str, root: str, taken: set[str]) -> str:
    """``wanted``, or with its root's folder names in front, or with a number: never in ``taken``."""
    if wanted not in taken:
        return wanted
    candidate = wanted
    for part in reversed(Path(root).parts):
        name = printable(part.strip(os.sep))
        if not name:
            break
        candidate = f"{name}/{candidate}"
        if candidate not in taken:
            return candidate
    n = 2
    while f"{wanted}#{n}" in taken:
        n += 1
    return f"{wanted}#{n}"


def make_plan(paths: list[Path], known: dict[str, Known], prune: bool = False,
              legacy: bool = False) -> Plan:
    """The plan for ``kb ingest PATHS`` over a store that knows ``known`` (source → document).
    ``legacy``: the stored ids are an older kb's; every stored file that still exists is
    planned again, under its new id."""
    found = walk(paths)
    plan = Plan(skipped=found.skipped)
    known_roots = {k.root for k in known.values() if k.root}
    roots = {absolute(p): root_for(absolute(p), Path(p).is_dir(), known_roots) for p in paths}
    gone = {src for src in known if not os.path.lexists(src)}
    # ids that stay: those of files that still exist (an older kb's ids are all given up,
    # except those of files that are gone, which keep theirs until pruned)
    taken = {k.doc_id for src, k in known.items() if (src in gone) == legacy}
    gone_ids = {known[src].doc_id for src in gone}
    files = [(path, absolute(path)) for path in found.documents]
    if legacy:
        listed = {src for _, src in files}
        files += [(Path(src), src) for src in sorted(known) if src not in listed and src not in gone]
    for path, source in files:
        old = known.get(source)
        root = old.root if old is not None and old.root else _given_root(source, roots)
        plan.files.append(_planned(path, source, root, old, legacy, taken, gone_ids))
    plan.removed = _removed(paths, known, gone, plan.files, prune)
    return plan


def _planned(path: Path, source: str, root: str, old: Known | None, legacy: bool,
             taken: set[str], gone_ids: set[str]) -> Planned:
    """One file's entry: a known file keeps its id; a new one gets a free id (taking over
    the id of a stored document whose file is gone)."""
    if old is not None and not legacy:
        taken.add(old.doc_id)
        return Planned(path, source, root, old.doc_id)
    doc_id = unique_id(relative_name(source, root), root, taken)
    replaces = old.doc_id if old is not None else doc_id if doc_id in gone_ids else ""
    taken.add(doc_id)
    return Planned(path, source, root, doc_id, replaces)


def _removed(paths: list[Path], known: dict[str, Known], gone: set[str], files: list[Planned],
             prune: bool) -> list[Known]:
    """Stored documents whose file is gone, from a folder given now (or any, with ``prune``),
    and whose id no planned file took over."""
    folders = [absolute(p) for p in paths if Path(p).is_dir()]
    planned_ids = {f.doc_id for f in files} | {f.replaces for f in files}
    out = []
    for source in sorted(gone):
        inside = any(_under(source, folder) for folder in folders)
        if (prune or inside) and known[source].doc_id not in planned_ids:
            out.append(known[source])
    return out


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _given_root(source: str, roots: dict[str, str]) -> str:
    """The root of the given path a found file came from (the deepest that contains it)."""
    containing = [given for given in roots if _under(source, given)]
    return roots[max(containing, key=len)] if containing else os.path.dirname(source)
