"""Speed of the per-sentence stages: the quantity parser and the tokenizer.

Run from the repository root: ``python benchmarks/bench_parsing.py``. Prints
a Markdown table for docs/benchmarks.md (timings are measured here, never
asserted in tests).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def per_call(fn, arg, runs: int = 200) -> float:
    fn(arg)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    from kb.figures import parse_quantities
    from kb.text.tokenizer import Tokenizer

    tokenize = Tokenizer().tokenize

    sentence = ("全年国内生产总值1260582亿元，比上年增长5.0%，社会消费品零售总额47.1万亿元，"
                "城镇新增就业1256万人，京津冀三地分别位列第1位、9位、14位。") * 4
    sentence = sentence[:300]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.*"))
             if p.name != "SOURCES.md"]
    paragraphs = [para for text in texts for para in text.split("\n\n")]
    tokenize("预热")
    started = time.perf_counter()
    tokens = sum(len(tokenize(para)) for para in paragraphs)
    corpus_seconds = time.perf_counter() - started
    print("| stage | measure | result |\n|---|---|---:|")
    print(f"| `parse_quantities` | median per 300-character sentence with 12 figures | "
          f"{per_call(parse_quantities, sentence) * 1e3:.2f} ms |")
    print(f"| `tokenize` | the 5 corpus documents ({sum(map(len, texts))} characters, "
          f"{tokens} tokens), dictionary loaded | {corpus_seconds:.2f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
