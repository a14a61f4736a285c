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
from pathlib import Path

from kb.text.cache_folder import cache_dir, is_private, write_copy

FORMAT = "1"    # bump when what is cached changes meaning


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
    if is_private(folder):
        try:
            return json.loads(copy.read_bytes())
        except (OSError, ValueError):
            pass
    data = parse_yaml(raw.decode("utf-8"))
    _write_copy(folder, copy, data)
    return data


def _write_copy(folder: Path, copy: Path, data) -> None:
    """Write ``data`` as JSON at ``copy`` when JSON gives it back unchanged."""
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return          # keys or values JSON cannot keep (numbers as keys, dates)
    except (TypeError, ValueError):
        return
    write_copy(folder, copy, text.encode("utf-8"))
