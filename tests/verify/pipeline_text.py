"""Run kb's whole pipeline (extraction, identity, checks) on a text of our own."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from tests.paths import shared_tokenizer


def process(text: str, name: str = "doc.txt"):
    """(document, facts, checks) of ``text`` as kb ingests it."""
    from kb.pipeline import process_document

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        document, _, _, facts, _, checks = process_document(path, Path(tmp), {}, shared_tokenizer())
    return document, facts, checks


def checks_on(text: str, surface: str, kind: str = "", name: str = "doc.txt") -> list:
    """The checks whose stated figure is the first figure written ``surface`` in ``text`` (a file
    called ``name``: a .md file's pipe tables are tables)."""
    document, facts, checks = process(text, name)
    # the first place the surface stands as a whole figure (100亿元 is not the tail of 9100亿元)
    start = next(m.start() for m in re.finditer(re.escape(surface), document.text)
                 if not re.match(r"[\d.]", document.text[m.start() - 1:m.start()]))
    ids = {f.fact_id for f in facts if f.char_start <= start < f.char_end}
    return [c for c in checks if c.stated_fact_id in ids and (not kind or c.kind == kind)]


def verdicts(text: str, surface: str, kind: str = "", name: str = "doc.txt") -> list[str]:
    """The verdicts of the checks on the figure written ``surface``."""
    return [c.verdict for c in checks_on(text, surface, kind, name)]
