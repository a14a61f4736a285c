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


@lru_cache(maxsize=None)
def words(name: str, key: str) -> tuple[str, ...]:
    """The word list ``key`` of vocabulary ``name``, in its stored order (then, for a vocabulary
    read in either script, each word written in traditional characters: 标题 → 標題)."""
    try:
        items = tuple(vocabulary(name)["words"][key])
    except KeyError:
        raise KeyError(f"no word list {key!r} in kb/data/{name}") from None
    if not vocabulary(name).get("either_script"):
        return items
    from kb.text.script import usual_traditional

    usual = usual_traditional()
    written = (w.translate(usual) if isinstance(w, str) else w for w in items)
    return items + tuple(dict.fromkeys(w for w in written if w not in items))


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

    expanded = _PLACEHOLDER.sub(expand, source)
    return either_script(expanded) if vocabulary(name).get("either_script") else expanded


@lru_cache(maxsize=1)
def _traditional_forms() -> dict[str, str]:
    """simplified character → its traditional forms (the reverse of kb/data/t2s.txt)."""
    from kb.text.script import table

    forms: dict[str, str] = {}
    for trad, simp in table().items():
        forms[chr(simp)] = forms.get(chr(simp), "") + chr(trad)
    return forms


def either_script(source: str) -> str:
    """A regex source that matches its words written in simplified or traditional characters:
    来源 → [来來]源 (inside a character class the forms are added to the class)."""
    forms = _traditional_forms()
    out, in_class, escaped = [], False, False
    for ch in source:
        extra = forms.get(ch, "") if not escaped else ""
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch + extra if in_class or not extra else f"[{ch}{extra}]")
    return "".join(out)


@lru_cache(maxsize=None)
def regex(name: str, key: str, flags: int = 0) -> LazyPattern:
    """``re.compile`` of ``pattern(name, key)``, made when first used (kb.text.lazy_pattern):
    a process compiles only the patterns its work needs."""
    return LazyPattern(lambda: pattern(name, key), flags)
