"""Explanations in the reader's language, translated where they follow a known shape.

kb/verify and kb/search/claims.py explain verdicts in English sentences of a
few fixed shapes ("39.8% (share): nothing compared, the part and the whole
are not both stated in the sentence."). The shapes and their wording in
another language are data (the ``explain`` section of kb/data/ui_*.yaml):

    rules:     [{match: regex with named groups, say: template, fields: {group: how}}]
    reasons:   [...]   # rule lists a field can be translated by (``how`` names one)
    tokens:    [[english, translated], ...]   # replaced inside fields kept as they are

A field's ``how`` is a rule list name, or ``term:<group>`` for a vocabulary
word (verdict, kind, claim_type …). `translate` returns None when no rule
fits, and the caller shows the original beside the translated verdict.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from kb.ui.words import Words


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.DOTALL)


def translate(text: str, w: Words, section_name: str = "explain") -> Optional[str]:
    """``text`` in the language of ``w``; the text itself when ``w`` has no rules (English);
    None when no rule fits. ``section_name`` picks the rule set (``explain``, ``errors``)."""
    section = w.group(section_name)
    if not section or not text:
        return text
    return _apply(text.strip(), section.get("rules", []), section, w)


def explanation(text: str, w: Words) -> tuple[str, bool]:
    """(text to show, translated?): the translation, else the original."""
    shown = translate(text, w)
    return (shown, True) if shown is not None else (text, False)


def error_message(text: str, w: Words) -> str:
    """A user error in the reader's language where its shape is known, else as it is."""
    shown = translate(text, w, "errors")
    return shown if shown is not None else text


def _apply(text: str, rules: list[dict], section: dict, w: Words) -> Optional[str]:
    for rule in rules:
        m = _compiled(rule["match"]).fullmatch(text)
        if not m:
            continue
        values = {}
        for name, value in m.groupdict(default="").items():
            how = (rule.get("fields") or {}).get(name)
            shown = _field(value, how, section, w)
            if shown is None:
                break
            values[name] = shown
        else:
            return rule["say"].format(**values)
    return None


def _field(value: str, how: Optional[str], section: dict, w: Words) -> Optional[str]:
    if not how:
        return _tokens(value, section)
    if how.startswith("term:"):
        group = how[len("term:"):]
        parts = [p.strip() for p in value.split(",")]
        return "、".join(w.term(group, p) for p in parts)
    return _apply(value.strip(), section.get(how, []), section, w)


def _tokens(value: str, section: dict) -> str:
    for english, translated in section.get("tokens", []):
        value = value.replace(english, translated)
    return value
