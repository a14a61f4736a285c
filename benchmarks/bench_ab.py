"""Whole `kb` processes of two (or more) checkouts, alternating, with wall and CPU seconds.

On a machine that other work shares, wall times move with the load; running the checkouts
in turn, and reading each process's CPU time (user + system, ``os.wait4``), keeps a
before/after pair comparable. Each checkout runs its own ``kb`` (``python -m kb`` with the
checkout as working directory), bytecode cached; one warm-up run each comes first.

    python benchmarks/bench_ab.py --runs 15 /tmp/kb_before . -- --store STORE check "2021年中国数字经济规模达45.4万亿元"
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def run_once(root: str, args: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one ``python -m kb ARGS`` in checkout ``root``; fails on a non-zero exit."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kb", *args], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kb {' '.join(args)} failed in {root}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("roots", nargs="+", help="checkouts to compare")
    options = parser.parse_args(argv[:split])
    args = argv[split + 1:]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[tuple[float, float]]] = {root: [] for root in options.roots}
    for root in options.roots:
        run_once(root, args, env)
    for _ in range(options.runs):
        for root in options.roots:
            times[root].append(run_once(root, args, env))
    print("| checkout | wall median | wall min | CPU median | CPU min |\n|---|---:|---:|---:|---:|")
    for root, pairs in times.items():
        walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
        print(f"| {root} | {statistics.median(walls):.3f} s | {min(walls):.3f} s | "
              f"{statistics.median(cpus):.3f} s | {min(cpus):.3f} s |")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
