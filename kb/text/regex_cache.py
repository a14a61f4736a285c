"""kb's module patterns kept compiled in the user's cache folder (issue 12: short commands).

A `kb check` compiles ≈ 250 of kb's regular expressions, many of them long alternations of
vocabulary words: ≈ 75 ms of a ≈ 0.42 s process, every time. CPython's ``re.compile`` parses
a pattern and turns it into the code of its matching engine, which ``_sre.compile`` makes
into the pattern object; that code depends only on the pattern, its flags and the Python
build. So:

- ``install()`` (run when kb is imported) reads the code kept for this Python build from
  ``<cache>/kb/re-<build>.marshal`` and puts the pattern objects made from it in ``re``'s own
  cache, where ``re.compile(pattern, flags)`` finds them: objects equal to the ones it would
  compile (same flags, same code), at ≈ 2 ms for the whole file instead of ≈ 75 ms.
- At exit, kb's own patterns that were compiled afresh are added to the file: those its
  modules hold (an attribute, or a dict, list or tuple of them) and those compiled through
  ``lazy_compile``. Patterns built per document (a name escaped into a pattern) are held by
  neither, so the file does not grow with the documents read.

The file is data (marshal of strings, ints, lists, tuples and dicts, never code); its entries
are checked for shape and ``_sre.compile`` validates the code it is given. Only CPython with
``re``'s cache as a dict is served; on any other Python, or any error (no cache folder,
damaged or foreign file, read-only folder), patterns are compiled as before. The folder is
the user's own (kb.text.cache_folder); ``KB_CACHE_DIR=`` turns this off.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import re
import sys
from pathlib import Path
from typing import Optional

from kb.text.cache_folder import cache_dir, is_private, write_copy

FORMAT = "1"              # bump when what is kept changes meaning
MOST_ENTRIES = 3000       # past this, the file is rewritten with this process's patterns only
SEARCH_DEPTH = 2          # a module's table of patterns: {name: (before, after)}
LARGEST_TABLE = 64        # larger containers are data (vocabularies), not tables of patterns

Key = tuple[str, int]                     # (pattern, flags as passed to re.compile)
Entry = tuple[int, list, int, dict, tuple]  # _sre.compile's arguments after the pattern

_loaded: set[Key] = set()
_installed = False


def build_tag() -> Optional[str]:
    """A name for this Python's regular-expression engine, or None when it is not served."""
    try:
        import _sre
    except ImportError:
        return None
    if sys.implementation.name != "cpython" or not isinstance(getattr(re, "_cache", None), dict):
        return None
    text = f"{FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def cache_file() -> Optional[Path]:
    """The file of this Python build's compiled patterns, or None when nothing is kept."""
    folder, tag = cache_dir(), build_tag()
    return folder / f"re-{tag}.marshal" if folder is not None and tag else None


def compile_entry(pattern: str, flags: int) -> Entry:
    """What ``re.compile(pattern, flags)`` hands ``_sre.compile`` after the pattern."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def pattern_from(pattern: str, entry: Entry) -> re.Pattern:
    """The pattern object ``re.compile`` makes, from its kept ``entry``."""
    import _sre

    return _sre.compile(pattern, *entry)


def read_entries(path: Path) -> dict[Key, Entry]:
    """The well-formed entries of the file at ``path`` ({} when it is missing or damaged)."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: entry for key, entry in data.items() if _well_formed(key, entry)}


def _well_formed(key, entry) -> bool:
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and type(key[1]) is int
            and isinstance(entry, tuple) and len(entry) == 5 and type(entry[0]) is int
            and isinstance(entry[1], list) and type(entry[2]) is int and isinstance(entry[3], dict)
            and isinstance(entry[4], tuple))


def preload(entries: dict[Key, Entry]) -> set[Key]:
    """Put the pattern of each entry in ``re``'s cache (room kept for the patterns compiled
    later); the keys placed."""
    cache = re._cache
    room = max(0, getattr(re, "_MAXCACHE", 512) - len(cache) - 128)
    placed = set()
    for (pattern, flags), entry in entries.items():
        if len(placed) >= room:
            break
        try:
            cache.setdefault((str, pattern, flags), pattern_from(pattern, entry))
        except (RuntimeError, TypeError, ValueError, OverflowError):
            continue          # code this engine does not accept: compiled when asked for
        placed.add((pattern, flags))
    return placed


def module_patterns() -> set[int]:
    """The ids of the compiled patterns kb holds for good: attributes of its loaded modules
    (also inside a dict, list or tuple attribute: a table of patterns) and every pattern a
    ``LazyPattern`` compiled."""
    from kb.text.lazy_pattern import COMPILED

    found = {id(p) for p in COMPILED}
    for name, module in list(sys.modules.items()):
        if (name == "kb" or name.startswith("kb.")) and module is not None:
            for value in list(vars(module).values()):
                found.update(_patterns_in(value, SEARCH_DEPTH))
    return found


def _patterns_in(value, depth: int) -> list[int]:
    if isinstance(value, re.Pattern):
        return [id(value)]
    if depth == 0 or not isinstance(value, (dict, list, tuple)) or len(value) > LARGEST_TABLE:
        return []
    items = value.values() if isinstance(value, dict) else value
    return [found for item in items for found in _patterns_in(item, depth - 1)]


def new_module_entries(loaded: set[Key]) -> dict[Key, Entry]:
    """Entries for the module patterns in ``re``'s cache that were not read from the file."""
    held = module_patterns()
    out = {}
    for key, compiled in list(re._cache.items()):
        kind, pattern, flags = key
        if kind is str and id(compiled) in held and (pattern, flags) not in loaded:
            out[(pattern, flags)] = compile_entry(pattern, flags)
    return out


def save_new_patterns() -> None:
    """Add this process's newly compiled module patterns to the file (at exit)."""
    path = cache_file()
    if path is None:
        return
    try:
        fresh = new_module_entries(_loaded)
        if not fresh:
            return
        kept = read_entries(path) if is_private(path.parent) else {}
        if len(kept) + len(fresh) > MOST_ENTRIES:
            kept = {}
        write_copy(path.parent, path, marshal.dumps({**kept, **fresh}))
    except Exception:   # noqa: BLE001 - a cache only costs time; exit quietly
        return


def loaded_keys() -> frozenset[Key]:
    """The (pattern, flags) this process read back from the file."""
    return frozenset(_loaded)


def install() -> None:
    """Preload the kept patterns and save the new ones at exit (once a process)."""
    global _installed
    if _installed:
        return
    _installed = True
    path = cache_file()
    if path is None:
        return
    if is_private(path.parent):
        _loaded.update(preload(read_entries(path)))
    atexit.register(save_new_patterns)
