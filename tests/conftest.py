"""Shared fixtures: one knowledge base built from corpus/ per test session."""

from __future__ import annotations

import gc
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

# kb keeps parsed vocabularies in a cache folder (kb.text.parsed_cache); the suite uses its own,
# not the user's ~/.cache/kb (set before kb is imported, so every xdist worker sees it)
os.environ.setdefault("KB_CACHE_DIR", str(Path(tempfile.gettempdir()) / f"kb-tests-cache-{os.getuid()}"))

from tests.paths import ROOT, shared_tokenizer  # noqa: E402

CORPUS = ROOT / "corpus"

# Fewer cyclic garbage collections in every test process, for the reason kb.ingest.collector
# gives for an ingest: collecting the tests (assertion rewriting) and running them make millions
# of short-lived objects and few cycles. At CPython's (700, 10, 10) a pytest-xdist worker of the
# quick loop spent 1.5–2 CPU-s in 2,000 collections, 20 of them over every object alive (jieba's
# dictionary, the corpus store's facts); here 0.3 s. A collection only frees cycles nothing refers
# to, so no test sees a difference; such cycles are freed a little later. (Not INGEST_THRESHOLDS
# itself: tests/ingest/test_collector.py checks that an ingest sets and restores its own.)
gc.set_threshold(10_000, 10, 10)


def _hypothesis_without_deadline() -> None:
    """Property tests check what kb answers, not how fast: no per-example deadline.

    Hypothesis fails an example slower than 200 ms; the first example a pytest-xdist worker runs
    pays kb's lazy set-up (patterns compiled on first use), which on a busy two-core machine took
    380 ms and failed the quick loop as flaky. Speed is measured by benchmarks/, never asserted."""
    from hypothesis import settings

    settings.register_profile("kb", deadline=None)
    settings.load_profile("kb")


_SLOW_MODULE = re.compile(r"^pytestmark = \[?pytest\.mark\.slow\b", re.MULTILINE)


def pytest_ignore_collect(collection_path, config):
    """The quick loop (``-m "not slow"``) does not import a module marked slow as a whole.

    Every pytest-xdist worker collects every module; a module whose ``pytestmark`` is slow was
    imported and its asserts rewritten only for all its tests to be deselected (0.2 s a worker
    for the ten such modules). What runs is the same: each of their tests is slow."""
    if (" ".join(config.option.markexpr.split()) == "not slow" and collection_path.suffix == ".py"
            and collection_path.name.startswith("test_")):
        if _SLOW_MODULE.search(collection_path.read_text(encoding="utf-8")):
            return True
    return None


def pytest_configure(config):
    """Load the Hypothesis profile before any test module is imported (a test's settings are fixed
    when it is defined); not in the pytest-xdist controller, which runs no test."""
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", default=None):
        _hypothesis_without_deadline()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    """A store directory ingested from corpus/ (tables go to a temp dir), once a run.

    The pytest-xdist workers share it: the first worker to need it ingests under a lock, the
    others wait for it and read it (0.5 s of ingest a worker saved). No test writes to it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _ingest_corpus(tmp_path_factory.mktemp("kb"))
    import fcntl

    base = tmp_path_factory.getbasetemp().parent / "corpus-kb"   # this run's, shared by its workers
    base.mkdir(exist_ok=True)
    with open(base / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / "ingested").exists():
            _ingest_corpus(base)
            (base / "ingested").touch()
    return base / "store"


def _ingest_corpus(base: Path) -> Path:
    from kb.pipeline import ingest

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
    gc.freeze()
