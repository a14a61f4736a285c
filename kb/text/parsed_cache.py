"""Parsed YAML vocabularies kept as JSON in the user's cache folder, keyed by their content.

Parsing kb's YAML files (and importing a YAML parser) costs a short command such as
`kb check` ≈ 25 ms of its ≈ 0.4 s; reading the same data back from JSON costs < 1 ms.
``load_yaml(path)`` returns what the YAML parser gives for ``path``: from
``<cache>/kb/<stem>-<hash of the file's bytes>.json`` when that exists, else parsed
and then written there for the next process. The cache folder is the user's own
(``$XDG_CACHE_HOME``, else ``~/.cache``; ``KB_CACHE_DIR`` overrides it, empty to turn
the cache off); it is used only when it is owned by this user and nobody else may
write to it, and a copy is written only when JSON gives back exactly the parsed
data. JSON is data, never code; any error (unreadable, damaged, read-only) falls
back to parsing the YAML.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional

FORMAT = "1"    # bump when what is cached changes meaning


def cache_dir() -> Optional[Path]:
    """The folder of kb's cached copies, or None when caching is turned off."""
    chosen = os.environ.get("KB_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kb"


def _private(folder: Path) -> bool:
    """True when ``folder`` is a real folder of this user that no one else may write to."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    import stat

    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owner_ok and not info.st_mode & 0o022


def parse_yaml(text: str):
    """The YAML parser's data for ``text`` (libyaml's safe loader when available)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def load_yaml(path: Path):
    """The parsed YAML of ``path``, from the cached JSON copy when there is one (see the module)."""
    raw = path.read_bytes()
    folder = cache_dir()
    if folder is None:
        return parse_yaml(raw.decode("utf-8"))
    key = hashlib.sha1(FORMAT.encode() + b"\0" + raw).hexdigest()[:16]
    copy = folder / f"{path.stem}-{key}.json"
    if _private(folder):
        try:
            return json.loads(copy.read_bytes())
        except (OSError, ValueError):
            pass
    data = parse_yaml(raw.decode("utf-8"))
    _write_copy(folder, copy, data)
    return data


def _write_copy(folder: Path, copy: Path, data) -> None:
    """Write ``data`` as JSON at ``copy`` (atomically) when JSON gives it back unchanged."""
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return          # keys or values JSON cannot keep (numbers as keys, dates)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        tmp = copy.with_name(f"{copy.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, copy)
    except (OSError, TypeError, ValueError):
        return
