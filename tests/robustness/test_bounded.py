"""Issue 11, case 7: one huge line and a file of 200,000 lines finish (a hang guard with a
generous timeout, not a timing: docs/benchmarks.md has the times), with their bounds said
on one line each; and a fuzz test: generated documents of real sentences, tables, markup,
huge lines and odd encodings go through ingest without a traceback, and every run ends."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import ROOT
from tests.robustness.helpers import run_kb

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_big_ingest import corpus_sentences, many_lines, one_line  # noqa: E402

pytestmark = pytest.mark.slow
HANG_GUARD = 600   # seconds: the benchmark takes under a minute; this only catches a hang


def test_one_50_mb_line_finishes_with_its_bounds_said(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "oneline.txt").write_text(one_line(50_000_000), encoding="utf-8")
    done = run_kb("ingest", str(folder), "--store", str(tmp_path / "s"), timeout=HANG_GUARD)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    notes = done.stderr.strip().splitlines()
    assert len(notes) == 2 and "only its first" in notes[0] and "figures, tables and checks" in notes[1]
    hits = run_kb("search", "数字经济", "--store", str(tmp_path / "s"), "-k", "1")
    assert hits.returncode == 0 and "oneline.txt" in hits.stdout


def test_200000_lines_finish(tmp_path):
    folder = tmp_path / "lines"
    folder.mkdir()
    (folder / "lines.txt").write_text(many_lines(200_000), encoding="utf-8")
    done = run_kb("ingest", str(folder), "--store", str(tmp_path / "s"), timeout=HANG_GUARD)
    assert done.returncode == 0 and "1 added" in done.stdout and "Traceback" not in done.stderr


def test_many_claims_finish(tmp_path):
    from tests.paths import CORPUS

    store = tmp_path / "s"
    assert run_kb("ingest", str(CORPUS), "--store", str(store), "--tables-dir", str(tmp_path / "t")).returncode == 0
    claims = tmp_path / "claims.txt"
    claims.write_text("\n".join(f"{2000 + i % 25}年北京数字经济规模达{i}亿元" for i in range(500)), encoding="utf-8")
    done = run_kb("check", "--file", str(claims), "--json", "--store", str(store), timeout=HANG_GUARD)
    assert done.returncode == 0 and done.stdout.count('"verdict"') == 500


# --- fuzz ------------------------------------------------------------------------------

SENTENCES = corpus_sentences()
MARKUP = ["<p>", "</p>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<div class='nav'>",
          "<!--", "-->", "# ", "## ", "| a | b |\n|---|---|\n| 1 | 2 |", "---\ntitle: x\n---", "$x^2$",
          "<script>", "**", "（", "）", "《", "\t", "\r", "\x00", "\ufffd", "首页>新闻>"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "mojibake", "bytes"]


@st.composite
def documents(draw) -> tuple[str, bytes]:
    parts = draw(st.lists(st.one_of(
        st.sampled_from(SENTENCES),
        st.sampled_from(MARKUP),
        st.text(min_size=0, max_size=40),
        st.builds(lambda s, n: s * n, st.sampled_from(SENTENCES), st.integers(50, 3000)),   # huge lines
        st.builds(lambda r, c: "\n".join("\t".join(str(r * 10 + k) for k in range(c)) for _ in range(r)),
                  st.integers(1, 30), st.integers(1, 8)),                                     # tab tables
    ), min_size=0, max_size=30))
    sep = draw(st.sampled_from(["", "\n", "\n\n", "。", " "]))
    text = sep.join(parts)
    encoding = draw(st.sampled_from(ENCODINGS))
    suffix = draw(st.sampled_from([".txt", ".md", ".html"]))
    if encoding == "bytes":
        return suffix, draw(st.binary(max_size=2000))
    if encoding == "mojibake":
        return suffix, text.encode("utf-8").decode("gbk", errors="replace").encode("utf-8")
    return suffix, text.encode(encoding, errors="replace")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(documents(), min_size=1, max_size=4))
def test_fuzz_ingest_never_tracebacks_and_always_ends(tmp_path_factory, docs):
    from kb.errors import KbError
    from kb.pipeline import ingest
    from kb.store import Store
    from tests.paths import shared_tokenizer

    base = tmp_path_factory.mktemp("fuzz")
    folder = base / "docs"
    folder.mkdir()
    for n, (suffix, data) in enumerate(docs):
        (folder / f"d{n}{suffix}").write_bytes(data)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(120)
    try:
        summary = ingest([folder], base / "s", base / "t", tokenizer=shared_tokenizer())
        again = ingest([folder], base / "s", base / "t", tokenizer=shared_tokenizer())
    except KbError as exc:      # a user error is a line, never a crash
        assert "\n" not in str(exc)
        return
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert summary.documents + len(summary.failures) == len(docs)
    assert again.unchanged == summary.documents and not again.added
    for path, reason in summary.failures:
        assert reason and "\n" not in reason and "could not process" not in reason, (path, reason)
    store = Store.open(base / "s", create=False)
    assert not store.is_stale() and len(store.documents()) == summary.documents
    store.close()
    assert isinstance(Path(folder), Path)
