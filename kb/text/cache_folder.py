"""The user's folder for kb's cached copies (parsed vocabularies, compiled patterns).

``$XDG_CACHE_HOME/kb``, else ``~/.cache/kb``; ``KB_CACHE_DIR`` overrides it, empty to turn
caching off. A copy is read or written only when the folder is a real folder of this user
that nobody else may write to, and it is written atomically (a temporary file replaced), so
a reader sees the old copy or the new one, never half of one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Optional


def cache_dir() -> Optional[Path]:
    """The folder of kb's cached copies, or None when caching is turned off."""
    chosen = os.environ.get("KB_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kb"


def is_private(folder: Path) -> bool:
    """True when ``folder`` is a real folder of this user that no one else may write to."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owner_ok and not info.st_mode & 0o022


def write_copy(folder: Path, copy: Path, data: bytes) -> bool:
    """Write ``data`` at ``copy`` inside ``folder`` (made private when missing), atomically;
    False when the folder is not private or the write fails (a cache only costs time)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not is_private(folder):
            return False
        tmp = copy.with_name(f"{copy.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, copy)
        return True
    except OSError:
        return False
