"""How a file is named inside kb: its path relative to its root, POSIX, one printable line."""

from __future__ import annotations

import os
from pathlib import Path

from kb.models import printable


def relative_name(path: Path | str, root: Path | str) -> str:
    """``path`` relative to ``root`` (both made absolute, links kept as named), POSIX, printable;
    the file's name when it is not under ``root``."""
    path, root = os.path.abspath(path), os.path.abspath(root)
    if path != root and not path.startswith(root.rstrip(os.sep) + os.sep):
        return printable(os.path.basename(path))
    return printable(Path(os.path.relpath(path, root)).as_posix())
