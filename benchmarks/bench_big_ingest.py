"""Whole-process `kb ingest` of two pathological files (issue 11): one 50 MB line, and
200,000 short lines, each of sentences with figures taken from corpus/.

Run from the repository root: ``python benchmarks/bench_big_ingest.py``. The files are
generated into benchmarks/data/ (git-ignored) once; each ingest is a fresh process into
an empty store; wall time and peak memory (ru_maxrss of the child) are printed as a
Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"


def corpus_sentences() -> list[str]:
    """Sentences of corpus/ that state a figure (whitespace removed, 。 kept)."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))
    text = re.sub(r"\s+", "", text)
    return [s + "。" for s in text.split("。") if re.search(r"\d", s) and 8 < len(s) < 200]


def one_line(size: int, seed: int = 1) -> str:
    """About ``size`` bytes of sentences, no line break."""
    sentences, rng, out, total = corpus_sentences(), random.Random(seed), [], 0
    while total < size:
        sentence = rng.choice(sentences)
        out.append(sentence)
        total += len(sentence.encode("utf-8"))
    return "".join(out)


def many_lines(count: int, seed: int = 1) -> str:
    sentences, rng = corpus_sentences(), random.Random(seed)
    return "\n".join(rng.choice(sentences) for _ in range(count)) + "\n"


def make_files(mb: int, lines: int) -> dict[str, Path]:
    files = {f"one {mb} MB line": DATA / f"oneline-{mb}mb" / "oneline.txt",
             f"{lines:,} lines": DATA / f"lines-{lines}" / "lines.txt"}
    for name, path in files.items():
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            text = one_line(mb * 1_000_000) if "MB" in name else many_lines(lines)
            path.write_text(text, encoding="utf-8")
    return files


def ingest(folder: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system of the process), peak MB and the summary line
    of one `kb ingest folder` into an empty store. CPU time does not grow when other work
    shares the machine; wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kb", "ingest", str(folder), "--store", f"{tmp}/s",
                               "--quiet"], cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return seconds, cpu, after.ru_maxrss / 1024, done.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--lines", type=int, default=200_000)
    args = parser.parse_args()
    print("| file | size | wall (s) | CPU (s) | peak memory (MB) | summary |\n|---|---|---|---|---|---|")
    for name, path in make_files(args.mb, args.lines).items():
        seconds, cpu, peak, line = ingest(path.parent)
        print(f"| {name} | {path.stat().st_size / 1e6:.1f} MB | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | {line} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
