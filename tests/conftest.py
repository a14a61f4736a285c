"""Shared fixtures: one knowledge base built from corpus/ per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.paths import ROOT

CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store directory ingested from a copy of corpus/ (tables go to a temp dir)."""
    from kb.pipeline import ingest

    base = tmp_path_factory.mktemp("kb")
    store_dir = base / "store"
    summary = ingest([CORPUS], store_dir, base / "tables")
    assert not summary.failures, summary.failures
    return store_dir


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of corpus/ for tests that add, change or delete files."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def tokenizer():
    from kb.text.tokenizer import Tokenizer

    return Tokenizer()
