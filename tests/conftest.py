"""Shared fixtures: one knowledge base built from corpus/ per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.paths import ROOT, shared_tokenizer

CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store directory ingested from a copy of corpus/ (tables go to a temp dir)."""
    from kb.pipeline import ingest

    base = tmp_path_factory.mktemp("kb")
    store_dir = base / "store"
    summary = ingest([CORPUS], store_dir, base / "tables", tokenizer=shared_tokenizer())
    assert not summary.failures, summary.failures
    return store_dir


@pytest.fixture(scope="session")
def tokenizer():
    return shared_tokenizer()


@pytest.fixture(scope="session")
def corpus_kb(corpus_store):
    """The front door over the session's corpus store."""
    from kb.api import KnowledgeBase

    return KnowledgeBase.open(corpus_store, tokenizer=shared_tokenizer())


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of corpus/ for tests that add, change or delete files."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
