"""Score `kb check` against tests/gold/claims.jsonl: verdict accuracy and the misses.

    python scripts/eval_claims.py [--store .kb] [--gold tests/gold/claims.jsonl] [--json]

Build the store first with `kb ingest` (from the project root).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without relying on the install


def load_gold(path: Path) -> list[dict]:
    """Gold claims; lines without a "claim" key (the header) are skipped."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "claim" in r]


def evaluate(searcher, gold: list[dict]) -> dict:
    from kb.search.claims import check_claims

    verdicts = check_claims(searcher, [g["claim"] for g in gold])
    misses, confusion = [], Counter()
    for g, v in zip(gold, verdicts, strict=True):
        confusion[(g["verdict"], v.verdict)] += 1
        if v.verdict != g["verdict"]:
            misses.append({"claim": g["claim"], "expected": g["verdict"], "got": v.verdict,
                           "why": g.get("why", ""), "explanation": v.explanation})
    n = len(gold)
    return {"claims": n, "correct": n - len(misses),
            "accuracy": round((n - len(misses)) / n, 4) if n else 0.0,
            "confusion": {f"{e}->{g}": c for (e, g), c in sorted(confusion.items())},
            "misses": misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=".kb", help="store directory (default .kb)")
    parser.add_argument("--gold", default=str(ROOT / "tests/gold/claims.jsonl"))
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    args = parser.parse_args(argv)
    from kb.api import KnowledgeBase

    summary = evaluate(KnowledgeBase.open(Path(args.store), fast_start=True).searcher,
                       load_gold(Path(args.gold)))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"verdict accuracy {summary['accuracy']:.1%} ({summary['correct']}/{summary['claims']})")
    print("confusion (expected->got):", summary["confusion"])
    for m in summary["misses"]:
        print(f"- [{m['expected']} -> {m['got']}] {m['claim']}\n    {m['explanation']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
