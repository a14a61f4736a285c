"""kb's fixed regular expressions, compiled once per machine instead of once per process.

A `kb check` process compiles about 300 patterns at start-up (the vocabularies' long
alternations, the linker's and the parsers' rules): ≈ 55 ms of its ≈ 0.3 s of Python.
``compile`` gives the same ``re.Pattern`` as ``re.compile`` but keeps what CPython's
regex compiler makes of a pattern (the final flags, the SRE code, the group count and
names: the arguments of ``_sre.compile``, which ``re.compile`` calls last) in one
marshal file in a temp folder, named by the Python implementation and the SRE engine's
version; a later process builds the pattern from them without parsing it again.
``_sre`` checks the code it is given (invalid code is refused; the pattern is then
compiled the ordinary way), and a test compares every kept pattern with a fresh
compile. Only patterns that do not depend on input go through here (module constants
and the vocabularies' patterns), so the file stays small; anything unusual (another
Python, a read-only temp folder) means plain ``re.compile``.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path

try:                                    # CPython's regex compiler, called as re.compile calls it
    import _sre
    from re import _compiler as sre_compiler
    from re import _parser as sre_parser
except ImportError:                     # pragma: no cover - another implementation
    _sre = None

_KEY = f"{sys.implementation.cache_tag}-{getattr(_sre, 'MAGIC', 0)}"
_known: dict | None = None                # (pattern, flags) → arguments of _sre.compile
_new: dict = {}


def cache_path() -> Path:
    return Path(tempfile.gettempdir()) / "kb-patterns" / f"patterns-{_KEY}.marshal"


def compile_fixed(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, its compiled code kept across processes (see the module docstring)."""
    global _known
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    if _known is None:
        _known = _load(cache_path())
    key = (pattern, flags)
    parts = _known.get(key)
    if parts is not None:
        try:
            return _sre.compile(pattern, *parts)
        except (RuntimeError, TypeError, ValueError):     # a damaged copy: compile it anew
            pass
    parts = compiled_parts(pattern, flags)
    if parts is None:
        return re.compile(pattern, flags)
    if not _new:
        atexit.register(save)
    _new[key] = _known[key] = parts
    return _sre.compile(pattern, *parts)


def compiled_parts(pattern: str, flags: int) -> tuple | None:
    """The arguments after the pattern that re.compile passes to _sre.compile (None: use re.compile)."""
    try:
        parsed = sre_parser.parse(pattern, flags)
        code = [int(c) for c in sre_compiler._code(parsed, flags)]   # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:                   # noqa: BLE001 - any surprise: the ordinary way
        return None


def _load(path: Path) -> dict:
    try:
        known = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return known if isinstance(known, dict) else {}


def save() -> None:
    """Add the patterns compiled by this process to the kept file (atomically; lost to a race at worst)."""
    if not _new:
        return
    path = cache_path()
    try:
        known = _load(path)
        known.update(_new)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(marshal.dumps(known))
        os.replace(tmp, path)
        _new.clear()
    except (OSError, ValueError):       # a read-only temp folder only costs start-up time
        return
