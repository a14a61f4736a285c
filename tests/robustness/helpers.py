"""Shared by the robustness tests (issue 11): real kb processes, small real documents, and a
snapshot of everything an ingest produces, to compare a repaired store with a clean one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

DOC_A = "2023年全市地区生产总值达到5000亿元，比上年增长5.2%。全年粮食产量达到120万吨，增长3.1%。\n"
DOC_B = ("# 科技发展报告\n\n2022年北京技术合同成交额达到7947.5亿元，增长13.3%。\n\n"
         "表1 主要指标\n\n| 指标 | 2021年 | 2022年 |\n|---|---|---|\n| 技术合同成交额（亿元） | 7005.7 | 7947.5 |\n"
         "| 专利授权量（万件） | 19.9 | 20.3 |\n")
DOC_C = "2020年河北省数字经济规模达1.2万亿元，占地区生产总值的比重为33.4%。\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative name → text or bytes) under ``folder``; returns the folder."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def kb_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kb", *args]


def env() -> dict:
    """The environment of a kb subprocess: this checkout's code, no terminal tricks."""
    return dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", KB_LANG="en")


def run_kb(*args: str, cwd: Path | None = None, timeout: float = 300, restricted: bool = False,
           preexec=None) -> subprocess.CompletedProcess:
    """``python -m kb ARGS`` in a real process; ``restricted``: without root's power to ignore
    file permissions (so a read-only store or an unreadable file is one, even for root)."""
    command = kb_command(*args)
    if restricted and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            import pytest

            pytest.skip("setpriv (util-linux) is needed to drop root's file-permission override")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd or ROOT, env=env(),
                          timeout=timeout, preexec_fn=preexec)


def assert_one_line_error(done: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 1, no traceback, and the error is one line on stderr naming ``words``."""
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith(("kb: error", "kb: 错误"))]
    assert len(errors) == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    for word in words:
        assert word in errors[0], (word, errors[0])
    return errors[0]


def start_kb(*args: str, cwd: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen(kb_command(*args), cwd=cwd or ROOT, env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def index_snapshot(index_dir: Path) -> tuple:
    """What decides every BM25 score: the live passages in order, the number of passages, their
    total length and every term's document frequency (however the index is cut in segments)."""
    from kb.search.bm25 import BM25Index

    index = BM25Index.load(index_dir)
    return (index.ids, index.stats.n, index.stats.total_length, index.stats.hashes.tolist(),
            index.stats.df.tolist())


def snapshot(store: Path, tables: Path) -> dict:
    """Everything an ingest produces, ids and bytes: documents, passages, sentences, facts,
    checks and tables in the store, the stale marker, the BM25 index files and the CSVs."""
    from kb.store import Store

    db = Store.open(store, create=False)
    try:
        out = {
            "documents": [(d.doc_id, d.doc_path, d.content_hash, d.text) for d in db.documents()],
            "passages": [p.model_dump() for p in db.passages()],
            "sentences": [s.model_dump() for s in db.sentences()],
            "facts": sorted(f.model_dump_json() for f in db.iter_facts()),
            "checks": sorted(c.model_dump_json() for c in db.checks()),
            "tables": [t.model_dump_json() for t in db.tables()],
            "stale": db.is_stale(),
        }
    finally:
        db.close()
    out["index"] = index_snapshot(store / "index")
    out["csv"] = {p.name: p.read_bytes() for p in sorted(tables.iterdir())} if tables.is_dir() else {}
    return out
