"""Regular expressions compiled on first use, not when their module is imported.

kb's rules hold a few hundred module-level patterns, many of them long alternations
of vocabulary words; compiling them all costs a process ≈ 50 ms before it does
anything, while a claim or a search uses a part of them. ``LazyPattern`` stands in
for ``re.compile(source, flags)``: the first method or attribute asked for compiles
it (``re.compile``, so the same pattern object and the same matches), and the
compiled pattern's methods are then kept on the instance, so a call costs what a
call on the pattern costs. Pass ``.compiled`` where a real ``re.Pattern`` is
needed (``re.sub(pattern, …)``, ``isinstance``).
"""

from __future__ import annotations

import re
import threading
from typing import Callable, Union

Source = Union[str, Callable[[], str]]

# What a rule asks of a pattern; each is copied from the compiled pattern on first use.
_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
              "scanner", "pattern", "flags", "groups", "groupindex")
_LOCK = threading.Lock()
COMPILED: list[re.Pattern] = []      # every pattern compiled here (kb.text.regex_cache keeps them)


class LazyPattern:
    """``re.compile(source, flags)`` made when first used; ``source`` may be a function that
    gives it (a pattern built from vocabulary files)."""

    def __init__(self, source: Source, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        """The compiled ``re.Pattern``."""
        compiled = self._compiled
        if compiled is None:
            with _LOCK:
                compiled = self._compiled
                if compiled is None:
                    source = self._source() if callable(self._source) else self._source
                    compiled = re.compile(source, self._flags)
                    for name in _FORWARDED:
                        self.__dict__[name] = getattr(compiled, name)
                    self._compiled = compiled
                    COMPILED.append(compiled)
        return compiled

    def __getattr__(self, name: str):
        # Called only for names not yet on the instance: the first use compiles.
        if name.startswith("__") or name in ("_source", "_flags", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        if self._compiled is None:
            return "LazyPattern(not compiled yet)"
        return f"LazyPattern({self._compiled!r})"


def lazy_compile(source: Source, flags: int = 0) -> LazyPattern:
    """A pattern compiled on first use (see the module docstring)."""
    return LazyPattern(source, flags)
