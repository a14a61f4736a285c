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
        out = ""
        for t, _ in self.pieces:
            out += (("\n" if self.kind == "table" else join_sep(out, t)) if out else "") + t
        return out
