from pathlib import Path

import pytest

from kb.errors import LoadError
from kb.ingest.discovery import candidates, discover, is_document


def test_is_document_by_suffix_name_and_hidden_parts():
    assert is_document(Path("a/报告.md"), ("a", "报告.md"))
    assert is_document(Path("page.HTM"), ("page.HTM",))
    assert not is_document(Path("SOURCES.md"), ("SOURCES.md",))
    assert not is_document(Path("readme.md"), ("readme.md",))
    assert not is_document(Path("data.json"), ("data.json",))
    for name in ("report.pdf", "memo.DOCX", "table.xlsx", "table.csv"):
        assert is_document(Path(name), (name,))
    assert not is_document(Path(".cache/x.txt"), (".cache", "x.txt"))


def test_candidates_and_discover(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "sub/a.md", ".hidden/c.txt", "SOURCES.md", "notes.json"):
        (tmp_path / name).write_text("正文。", encoding="utf-8")
    single = tmp_path / "b.txt"
    assert candidates(single) == [(single, ("b.txt",))]
    assert (tmp_path / "sub" / "a.md", ("sub", "a.md")) in candidates(tmp_path)
    assert discover([tmp_path, single]) == [single, tmp_path / "sub" / "a.md"]
    with pytest.raises(LoadError):
        discover([tmp_path / "missing"])
