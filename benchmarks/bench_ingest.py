"""Whole-process `kb ingest` at the scale users reach (issue 12).

A corpus of perturbed copies of corpus/ and ../shared/realdocs/ is generated
(benchmarks/make_corpus.py, into benchmarks/data/, git-ignored); then, each a fresh
process, with wall time, CPU time (user + system of the process and its workers)
and peak memory (the largest resident set of the process or of one worker):

1. ``kb ingest CORPUS`` into an empty store (``--workers N`` where given);
2. the same again, nothing changed;
3. one file changed (a figure of it edited), ingest again;
4. ``kb search``, ``kb check`` and ``kb facts`` (CSV) on that store.

    python benchmarks/bench_ingest.py --files 300 --workers 2
    python benchmarks/bench_ingest.py --files 300 --kb-root /tmp/kb_before   # another checkout

``--kb-root`` runs the ``kb`` of another checkout (the code before a change) on the
same corpus; ``--workers 0`` leaves the option out (a kb that does not have it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402


def watch(pid: int, every: float = 0.1) -> dict:
    """CPU seconds and memory of process ``pid`` and all its descendants (worker processes of a
    fork server are not reaped by the kb process, so its rusage misses them), sampled until it
    ends: {"cpu": summed CPU of every process seen, "peak_mb": largest resident set of one
    process, "peak_parent_mb": largest resident set of the kb process itself (the writer),
    "peak_total_mb": largest sum of resident sets at one time}; {} without psutil (the rusage
    of the kb process is used then)."""
    try:
        import psutil
    except ImportError:
        return {}

    cpu: dict[int, float] = {}
    peak = peak_total = peak_parent = 0.0
    try:
        root = psutil.Process(pid)
        while root.is_running() and root.status() != psutil.STATUS_ZOMBIE:
            total = 0.0
            for proc in [root, *root.children(recursive=True)]:
                try:
                    times, rss = proc.cpu_times(), proc.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                cpu[proc.pid] = max(cpu.get(proc.pid, 0.0), times.user + times.system)
                peak, total = max(peak, rss), total + rss
                if proc.pid == pid:
                    peak_parent = max(peak_parent, rss)
            peak_total = max(peak_total, total)
            time.sleep(every)
    except psutil.Error:
        pass
    return {"cpu_sampled": round(sum(cpu.values()), 2), "peak_mb": round(peak),
            "peak_parent_mb": round(peak_parent), "peak_total_mb": round(peak_total),
            "processes": len(cpu)}


def run(kb_root: Path, *args: str) -> dict:
    """One fresh ``python -m kb`` process: wall, CPU (with its children), peak MB, output."""
    import threading

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kb", *args], cwd=kb_root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(kb_root)})
    seen: dict = {}
    watcher = threading.Thread(target=lambda: seen.update(watch(proc.pid)))
    watcher.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0 and not (proc.returncode == 1 and "ingest" in args):
        raise SystemExit(f"kb {' '.join(args)} failed:\n{stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": round(wall, 2), "cpu": round(max(cpu, seen.get("cpu_sampled", 0.0)), 2), **seen,
            "out": stdout.strip().splitlines()[-1:] if "ingest" in args else len(stdout)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--workers", type=int, default=0, help="--workers N for kb ingest (0: leave out)")
    parser.add_argument("--engine", default="", help="--engine for kb ingest (dask)")
    parser.add_argument("--kb-root", type=Path, default=ROOT)
    parser.add_argument("--keep", type=Path, help="keep the store here")
    args = parser.parse_args()
    corpus = ROOT / "benchmarks" / "data" / f"corpus{args.files}"
    if not corpus.is_dir():
        make_corpus(corpus, args.files)
    size = sum(p.stat().st_size for p in corpus.iterdir())
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    copy = work / "corpus"
    shutil.copytree(corpus, copy)
    store = args.keep or work / "store"
    shutil.rmtree(store, ignore_errors=True)
    common = ["--store", str(store), "--tables-dir", str(work / "tables"), "--quiet"]
    extra = (["--workers", str(args.workers)] if args.workers else []) + (
        ["--engine", args.engine] if args.engine else [])
    results = {"files": args.files, "mb": round(size / 1e6, 2), "kb_root": str(args.kb_root),
               "workers": args.workers}
    results["empty"] = run(args.kb_root, "ingest", str(copy), *common, *extra)
    results["empty"]["mb_per_s_wall"] = round(size / 1e6 / results["empty"]["wall"], 3)
    results["unchanged"] = run(args.kb_root, "ingest", str(copy), *common, *extra)
    changed = sorted(copy.iterdir())[len(list(copy.iterdir())) // 2]
    raw = changed.read_bytes()
    changed.write_bytes(raw.replace(b"1", b"7", 1) if b"1" in raw else raw + b"\n")
    results["one_changed"] = run(args.kb_root, "ingest", str(copy), *common, *extra)
    store_args = ["--store", str(store)]
    results["search"] = run(args.kb_root, "search", "京津冀数字经济规模", *store_args)
    results["check"] = run(args.kb_root, "check", "2021年中国数字经济规模达45.4万亿元", *store_args)
    results["facts_csv"] = run(args.kb_root, "facts", "--format", "csv", "-o", str(work / "f.csv"), *store_args)
    print(json.dumps(results, ensure_ascii=False, indent=1))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
