"""Whole-process timings of the `kb` command on the corpus: ingest and one query.

Run from the repository root: ``python benchmarks/bench_cli.py``. Prints a
Markdown table for docs/benchmarks.md. Each figure is the median of N runs
of a fresh process (start-up, imports and dictionary load included).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    kb = [sys.executable, "-m", "kb"]
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    store, tables = str(work / "store"), str(work / "tables")
    rows = []
    try:
        fresh = []
        for _ in range(args.runs):
            shutil.rmtree(work / "store", ignore_errors=True)
            fresh.append(timed(kb + ["ingest", "--store", store, "--tables-dir", tables]))
        rows.append(("kb ingest, empty store (5 documents, all stages + index)", fresh))
        rows.append(("kb ingest, nothing changed", [
            timed(kb + ["ingest", "--store", store, "--tables-dir", tables]) for _ in range(args.runs)]))
        rows.append(("kb search 京津冀数字经济规模", [
            timed(kb + ["search", "京津冀数字经济规模", "--store", store]) for _ in range(args.runs)]))
        rows.append(("kb check \"2021年中国数字经济规模达45.4万亿元\"", [
            timed(kb + ["check", "2021年中国数字经济规模达45.4万亿元", "--store", store])
            for _ in range(args.runs)]))
        rows.append(("kb --help", [timed(kb + ["--help"]) for _ in range(args.runs)]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| command (whole process) | median | min | max |\n|---|---:|---:|---:|")
    for label, times in rows:
        print(f"| `{label}` | {statistics.median(times):.2f} s | {min(times):.2f} s | {max(times):.2f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
