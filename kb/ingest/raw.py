"""RawBlock: a block before assembly, made of pieces (text, source line)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.ingest.normalize import join_sep


@dataclass
class RawBlock:
    """A block before assembly: kind, text pieces with their source lines, heading level."""

    kind: str
    pieces: list = field(default_factory=list)   # [(text, line)]
    level: int = 0

    @property
    def text(self) -> str:
        parts: list[str] = []
        tail = ""                     # the last character joined so far
        for t, _ in self.pieces:
            if tail:
                sep = "\n" if self.kind == "table" else join_sep(tail, t)
                parts.append(sep)
                tail = sep[-1:] or tail
            parts.append(t)
            tail = t[-1:] or tail
        return "".join(parts)
