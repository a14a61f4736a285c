"""The words people read, in Chinese (the default) or English: kb/data/ui_zh.yaml, ui_en.yaml.

    w = words("zh")
    w("facts_count", shown=3, total=10)   # a message with its fields filled in
    w.term("verdict", "supported")        # 属实: a value of one of kb's vocabularies

JSON keys and verdict values stay English everywhere; only what is shown to
people goes through here. A key missing from one language falls back to the
other, then to the key itself, so a new message never crashes the page.
"""

from __future__ import annotations

from functools import lru_cache

from kb.text import vocab

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def pick_lang(value: object) -> str:
    """A supported language from a setting (``--lang``, ``?lang=``, KB_LANG); zh otherwise."""
    text = str(value or "").strip().lower()
    return text if text in LANGS else DEFAULT_LANG


class Words:
    """The strings of one language."""

    def __init__(self, lang: str):
        self.lang = pick_lang(lang)
        self.data = vocab.vocabulary(f"ui_{self.lang}")
        self.fallback = vocab.vocabulary(f"ui_{'en' if self.lang == 'zh' else 'zh'}")

    def __call__(self, key: str, **fields: object) -> str:
        template = self.data.get("text", {}).get(key) or self.fallback.get("text", {}).get(key) or key
        return template.format(**fields) if fields else template

    def term(self, group: str, value: str) -> str:
        """A vocabulary value in words (verdict, claim_type, measure, status, kind, unit, source …)."""
        if not value:
            return ""
        return self.data.get(group, {}).get(value) or self.fallback.get(group, {}).get(value) or value

    def group(self, name: str) -> dict:
        """A whole section of the strings (explanation patterns, facet names …)."""
        return self.data.get(name, {})


@lru_cache(maxsize=None)
def words(lang: str = DEFAULT_LANG) -> Words:
    """The strings of ``lang`` (zh or en), read once per process."""
    return Words(lang)
