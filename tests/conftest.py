"""Shared fixtures: one knowledge base built from corpus/ per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# kb keeps parsed vocabularies in a cache folder (kb.text.parsed_cache); the suite uses its own,
# not the user's ~/.cache/kb (set before kb is imported, so every xdist worker sees it)
os.environ.setdefault("KB_CACHE_DIR", str(Path(tempfile.gettempdir()) / f"kb-tests-cache-{os.getuid()}"))

from tests.paths import ROOT, shared_tokenizer  # noqa: E402

CORPUS = ROOT / "corpus"


def pytest_configure(config):
    """Property tests check what kb answers, not how fast: no per-example deadline. Hypothesis fails
    an example slower than 200 ms, and the first example a pytest-xdist worker runs pays kb's lazy
    set-up (patterns compiled on first use): on a busy two-core machine that made the quick loop
    flaky. Speed is measured by benchmarks/, never asserted."""
    from hypothesis import settings

    settings.register_profile("kb", deadline=None)
    settings.load_profile("kb")


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


def pytest_sessionfinish(session, exitstatus):
    """Freeze what the session built before pytest's closing garbage collections.

    pytest collects garbage five times on the way out (to report exceptions raised in
    ``__del__``); each pass walked every object still alive — jieba's dictionary, the corpus
    store's facts — about 0.6 s a worker. Frozen objects are skipped; the garbage the tests
    made was collected while they ran (a collection here would walk everything once more)."""
    import gc

    gc.freeze()
