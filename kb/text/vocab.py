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

import json
import re
from functools import lru_cache
from pathlib import Path

from kb.text.lazy_pattern import LazyPattern
from kb.text.parsed_cache import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_PLACEHOLDER = re.compile(r"\{@([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\}")


def data_path(name: str) -> Path:
    """The path of one data file of kb (``places.json``, ``userdict.txt`` …)."""
    return DATA_DIR / name


@lru_cache(maxsize=None)
def vocabulary(name: str) -> dict:
    """The parsed file ``kb/data/<name>.yaml`` (or ``.json``), read once per process."""
    yaml_path, json_path = data_path(f"{name}.yaml"), data_path(f"{name}.json")
    if json_path.exists():
        return json.loads(json_path.read_text(encoding="utf-8"))
    return load_yaml(yaml_path) or {}


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


@lru_cache(maxsize=None)
def regex(name: str, key: str, flags: int = 0) -> LazyPattern:
    """``re.compile`` of ``pattern(name, key)``, made when first used (kb.text.lazy_pattern):
    a process compiles only the patterns its work needs."""
    return LazyPattern(lambda: pattern(name, key), flags)
