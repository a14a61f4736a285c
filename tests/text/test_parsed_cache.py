"""Parsed YAML kept as JSON in the user's cache folder (kb.text.parsed_cache)."""

from __future__ import annotations

import os

import pytest

from kb.text import parsed_cache
from kb.text.vocab import DATA_DIR


def test_every_vocabulary_reads_back_the_same_from_its_copy(cache):
    for path in sorted(DATA_DIR.glob("*.yaml")):
        parsed = parsed_cache.parse_yaml(path.read_text(encoding="utf-8"))
        assert parsed_cache.load_yaml(path) == parsed          # parsed, copy written
        assert parsed_cache.load_yaml(path) == parsed          # read from the copy
    assert len(list(cache.glob("*.json"))) == len(list(DATA_DIR.glob("*.yaml")))
    assert oct(cache.stat().st_mode & 0o777) == oct(0o700)


def test_the_copy_is_used_and_an_edited_file_gets_a_new_one(cache, tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("words:\n  up: [增长, 增加]\n", encoding="utf-8")
    assert parsed_cache.load_yaml(path) == {"words": {"up": ["增长", "增加"]}}
    (copy,) = cache.glob("words-*.json")
    copy.write_text('{"words": {"up": ["提高"]}}', encoding="utf-8")
    assert parsed_cache.load_yaml(path) == {"words": {"up": ["提高"]}}   # read back, not parsed
    path.write_text("words:\n  up: [上升]\n", encoding="utf-8")
    assert parsed_cache.load_yaml(path) == {"words": {"up": ["上升"]}}   # new content, new key


def test_a_damaged_copy_falls_back_to_the_yaml(cache, tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    parsed_cache.load_yaml(path)
    (copy,) = cache.glob("units-*.json")
    copy.write_text('{"a": [1,', encoding="utf-8")
    assert parsed_cache.load_yaml(path) == {"a": [1, 2]}


def test_data_json_cannot_keep_is_not_cached(cache, tmp_path):
    path = tmp_path / "years.yaml"
    path.write_text("2021: 一\n2022: 二\n", encoding="utf-8")
    assert parsed_cache.load_yaml(path) == {2021: "一", 2022: "二"}
    assert not list(cache.glob("years-*.json"))
    assert parsed_cache.load_yaml(path) == {2021: "一", 2022: "二"}


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_write_to_is_not_used(cache, tmp_path):
    path = tmp_path / "linking.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    parsed_cache.load_yaml(path)
    (copy,) = cache.glob("linking-*.json")
    copy.write_text('{"a": 2}', encoding="utf-8")
    cache.chmod(0o777)
    assert parsed_cache.load_yaml(path) == {"a": 1}         # the copy there is not trusted


def test_an_empty_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_CACHE_DIR", "")
    path = tmp_path / "claims.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert parsed_cache.cache_dir() is None
    assert parsed_cache.load_yaml(path) == {"a": 1}
