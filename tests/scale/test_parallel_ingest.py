"""The ingest's output does not depend on how it runs: one process, worker processes, a Dask
LocalCluster, or a Dask scheduler with two workers started here; nor on whether the index
was updated in place or built anew."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.api import KnowledgeBase
from tests.paths import ROOT
from tests.robustness.helpers import snapshot

SETS = (ROOT / "corpus", ROOT / "tests" / "gold" / "unseen")


@pytest.fixture(scope="module")
def eight_files(tmp_path_factory) -> Path:
    """Eight documents in one folder (enough for the ingest to start worker processes)."""
    folder = tmp_path_factory.mktemp("eight")
    for source in SETS:
        for path in sorted(source.iterdir()):
            if path.is_file() and path.suffix in (".txt", ".md", ".html") and path.name != "SOURCES.md":
                shutil.copy(path, folder / path.name)
    assert len(list(folder.iterdir())) >= 8
    return folder


def ingest_snapshot(folder: Path, where: Path, **options) -> dict:
    kb = KnowledgeBase.open(where / "store", tables_dir=where / "tables")
    summary = kb.ingest([folder], **options)
    assert not summary.failures and summary.documents >= 8
    out = snapshot(where / "store", where / "tables")
    out["summary"] = (summary.added, summary.updated, summary.notes)
    return out


@pytest.fixture(scope="module")
def serial(eight_files, tmp_path_factory) -> dict:
    return ingest_snapshot(eight_files, tmp_path_factory.mktemp("serial"), workers=1)


@pytest.mark.slow
def test_worker_processes_give_the_serial_output(eight_files, serial, tmp_path):
    assert ingest_snapshot(eight_files, tmp_path, workers=2) == serial


@pytest.mark.slow
def test_an_updated_index_equals_a_rebuilt_one(eight_files, serial, tmp_path):
    """Documents changed one at a time update the index in place; the result is the clean one."""
    folder = tmp_path / "docs"
    shutil.copytree(eight_files, folder)
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables")
    names = sorted(p.name for p in folder.iterdir())
    moved = tmp_path / "later"
    moved.mkdir()
    for name in names[:3]:
        (folder / name).rename(moved / name)
    kb.ingest([folder], workers=1)
    for name in names[:3]:        # added back one by one: three index updates
        (moved / name).rename(folder / name)
        kb.ingest([folder], workers=1)
    assert len(list((tmp_path / "store" / "index").glob("seg*"))) >= 2
    assert snapshot(tmp_path / "store", tmp_path / "tables") == {k: v for k, v in serial.items() if k != "summary"}


@pytest.mark.slow
def test_dask_local_cluster_gives_the_serial_output(eight_files, serial, tmp_path):
    pytest.importorskip("distributed")
    assert ingest_snapshot(eight_files, tmp_path, engine="dask", workers=2) == serial


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_dask_scheduler_and_two_workers_give_the_serial_output(eight_files, serial, tmp_path):
    """``kb ingest --engine dask --scheduler`` against a `dask scheduler` and two `dask worker`
    processes on 127.0.0.1, started and stopped by the test."""
    pytest.importorskip("distributed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                 "--port", str(port), "--dashboard-address", ":0"],
                                env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            started.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1",
                 "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for_workers(address, 2)
        store, tables = tmp_path / "store", tmp_path / "tables"
        done = subprocess.run([sys.executable, "-m", "kb", "ingest", str(eight_files), "--store", str(store),
                               "--tables-dir", str(tables), "--engine", "dask", "--scheduler", address,
                               "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert snapshot(store, tables) == {k: v for k, v in serial.items() if k != "summary"}
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for_workers(address: str, count: int, timeout: float = 120) -> None:
    from distributed import Client

    deadline = time.monotonic() + timeout
    with Client(address, timeout="60s") as client:
        while len(client.scheduler_info()["workers"]) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{count} Dask workers did not start in {timeout} s")
            time.sleep(0.5)
