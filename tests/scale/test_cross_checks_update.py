"""Cross-document checks brought up to date for the changed documents' identity keys only
equal the checks compared anew over every fact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from tests.paths import ROOT, shared_tokenizer

SOURCE = ROOT / "corpus" / "caict-jd-city-digital-economy-2022.md"


def cross_checks(where: Path) -> list[str]:
    kb = KnowledgeBase.open(where / "store", tables_dir=where / "tables", tokenizer=shared_tokenizer())
    try:
        return sorted(c.model_dump_json() for c in kb.checks() if c.kind == "cross_document")
    finally:
        kb.close()


def bump(text: str, nth: int) -> str:
    """The ``nth`` figure with a unit of ``text`` changed in its last digit."""
    matches = list(re.finditer(r"(\d)(?=亿|万|%|％|个|家|项|元)", text))
    m = matches[nth % len(matches)]
    digit = str((int(m.group(1)) + 1) % 10)
    return text[:m.start(1)] + digit + text[m.end(1):]


@pytest.mark.slow
def test_changed_and_removed_documents_update_the_cross_checks_as_a_full_compare(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = SOURCE.read_text(encoding="utf-8")
    (docs / "a.md").write_text(text, encoding="utf-8")
    (docs / "b.md").write_text(bump(bump(text, 0), 3), encoding="utf-8")
    (docs / "c.md").write_text(text, encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables", tokenizer=shared_tokenizer())
    kb.ingest([docs], workers=1)
    first = cross_checks(tmp_path)
    assert any('"inconsistent"' in c for c in first) and any('"consistent"' in c for c in first)

    from kb.store import Store
    full = Store.replace_checks
    monkeypatch.setattr(Store, "replace_checks", lambda *a: (_ for _ in ()).throw(AssertionError("full")))
    (docs / "a.md").write_text(bump(text, 5), encoding="utf-8")      # the first document of its groups
    kb.ingest([docs], workers=1)
    (docs / "c.md").unlink()
    kb.ingest([docs], workers=1, prune=True)
    kb.close()
    monkeypatch.setattr(Store, "replace_checks", full)
    updated = cross_checks(tmp_path)

    fresh = tmp_path / "fresh"
    shutil.copytree(docs, fresh / "docs")
    anew = KnowledgeBase.open(fresh / "store", tables_dir=fresh / "tables", tokenizer=shared_tokenizer())
    anew.ingest([fresh / "docs"], workers=1)
    anew.close()
    assert updated == cross_checks(fresh)
    assert updated != first
