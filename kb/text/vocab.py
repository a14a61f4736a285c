"""The vocabularies of kb as data: files under ``kb/data/``, each read once.

Word classes, units, place names, page furniture and the Chinese patterns
built from them live in ``kb/data/`` (YAML, JSON or plain text); the code
holds only the logic that uses them. A YAML vocabulary has two maps:

    words:                    # named word lists, in the order the rules try them
      growth_up: [增长, 增加, 提高]
    patterns:                 # regex sources; {@name} is the alternation of a word list
      rate_after_growth: "(?:{@growth_up})(?:了)?\\s*$"

``{@name}`` names a list of the same file, ``{@file.name}`` one of another
file. Lists keep their order (a regex alternation tries them left to right),
so moving a list from code into data never changes what a rule matches.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from kb.text.patterns import compile_fixed

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_PLACEHOLDER = compile_fixed(r"\{@([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\}")


def data_path(name: str) -> Path:
    """The path of one data file of kb (``places.json``, ``userdict.txt`` …)."""
    return DATA_DIR / name


@lru_cache(maxsize=None)
def vocabulary(name: str) -> dict:
    """The parsed file ``kb/data/<name>.yaml`` (or ``.json``), read once per process.

    A YAML file is parsed once per content: the result is kept as JSON in a temp folder,
    named by the file's hash (JSON reads 50–100× faster than PyYAML's C loader parses:
    units.yaml took 15–30 ms of a `kb check`); kept only when JSON gives back the same value."""
    yaml_path, json_path = data_path(f"{name}.yaml"), data_path(f"{name}.json")
    if json_path.exists():
        return json.loads(json_path.read_text(encoding="utf-8"))
    source = yaml_path.read_bytes()
    cached = Path(tempfile.gettempdir()) / "kb-vocab" / f"{name}-{hashlib.sha1(source).hexdigest()[:16]}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(source.decode("utf-8"), Loader=loader) or {}
    _keep(cached, data)
    return data


def _keep(path: Path, data: dict) -> None:
    """Write ``data`` as JSON to ``path`` (atomically) when JSON reads it back unchanged."""
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):     # a read-only temp dir only costs start-up time
        return


def words(name: str, key: str) -> tuple[str, ...]:
    """The word list ``key`` of vocabulary ``name``, in its stored order."""
    try:
        return tuple(vocabulary(name)["words"][key])
    except KeyError:
        raise KeyError(f"no word list {key!r} in kb/data/{name}") from None


def alternation(items: tuple[str, ...] | list[str], escape: bool = True) -> str:
    """``a|b|c`` of the items, in their order (escaped unless ``escape`` is False)."""
    return "|".join(re.escape(w) if escape else w for w in items)


@lru_cache(maxsize=None)
def pattern(name: str, key: str) -> str:
    """The regex source ``key`` of vocabulary ``name`` with its ``{@list}`` names expanded."""
    try:
        source = vocabulary(name)["patterns"][key]
    except KeyError:
        raise KeyError(f"no pattern {key!r} in kb/data/{name}") from None

    def expand(m: re.Match) -> str:
        file, key_ = (m.group(1), m.group(2)) if m.group(2) else (name, m.group(1))
        return alternation(words(file, key_))

    return _PLACEHOLDER.sub(expand, source)


def regex(name: str, key: str, flags: int = 0) -> re.Pattern:
    """``re.compile`` of ``pattern(name, key)`` (its compiled code kept across processes: kb.text.patterns)."""
    return compile_fixed(pattern(name, key), flags)
