"""Vocabularies parsed from YAML once per content, then read from a JSON copy: the same values."""

import tempfile
from pathlib import Path

import yaml

from kb.text import vocab


def test_every_vocabulary_reads_the_same_from_its_cached_copy(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for path in sorted(vocab.DATA_DIR.glob("*.yaml")):
        name = path.stem
        parsed = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        vocab.vocabulary.cache_clear()
        assert vocab.vocabulary(name) == parsed                 # parsed, and kept
        assert list((tmp_path / "kb-vocab").glob(f"{name}-*.json")), name
        vocab.vocabulary.cache_clear()
        assert vocab.vocabulary(name) == parsed                 # read from the copy
    vocab.vocabulary.cache_clear()


def test_a_copy_is_named_by_the_content(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(vocab, "DATA_DIR", data)
    (data / "demo.yaml").write_text("words:\n  a: [甲]\n", encoding="utf-8")
    vocab.vocabulary.cache_clear()
    assert vocab.vocabulary("demo") == {"words": {"a": ["甲"]}}
    (data / "demo.yaml").write_text("words:\n  a: [乙]\n", encoding="utf-8")
    vocab.vocabulary.cache_clear()
    assert vocab.vocabulary("demo") == {"words": {"a": ["乙"]}}
    assert len(list(Path(tmp_path / "kb-vocab").glob("demo-*.json"))) == 2
    vocab.vocabulary.cache_clear()
