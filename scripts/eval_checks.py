"""Score kb's checks against tests/gold/checks.jsonl (agreement of verdicts).

Usage:
    python scripts/eval_checks.py --store .kb [--checks checks.json] [--gold tests/gold/checks.jsonl] [-v]

Checks come from ``kb verify --json --store DIR`` (run here) or a JSON file
(``{"checks": [...]}``). Each gold figure is located by its anchor in the
store's documents.text (whitespace ignored); a check matches it when the span
of its stated fact overlaps the figure's span (a set claim without a stated
fact: when its quote contains the anchor). A gold "unverifiable" with no check
counts as agreement (the engine may make no comparison); when several checks
cover a figure, the one of the gold row's kind decides. Target ≥ 95 %.

    python scripts/eval_checks.py --store /tmp/u_store --gold tests/gold/unseen_checks.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from goldtext import gold_doc_ids

WS = re.compile(r"\s")


def squeeze(text: str) -> tuple[str, list[int]]:
    """Text without whitespace and, for each kept character, its offset in the original."""
    kept = [(c, i) for i, c in enumerate(text) if not WS.match(c)]
    return "".join(c for c, _ in kept), [i for _, i in kept]


def locate(text: str, anchor: str, surface: str) -> tuple[int, int] | None:
    """Span of ``surface`` inside ``anchor`` inside ``text`` (whitespace ignored)."""
    flat, offsets = squeeze(text)
    a = WS.sub("", anchor)
    i = flat.find(a)
    if i == -1:
        return None
    s = WS.sub("", surface)
    j = a.find(s)
    if j == -1:
        j, s = 0, a
    start = offsets[i + j]
    return start, offsets[i + j + len(s) - 1] + 1


def load_store(store: Path) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    con = sqlite3.connect(store / "kb.sqlite")
    texts = dict(con.execute("SELECT doc_id, text FROM documents"))
    spans = {}
    for fid, data in con.execute("SELECT fact_id, data FROM facts"):
        d = json.loads(data)
        spans[fid] = (d["char_start"], d["char_end"])
    con.close()
    return texts, spans


def load_checks(store: Path, checks_file: Path | None) -> list[dict]:
    if checks_file:
        return json.loads(checks_file.read_text(encoding="utf-8"))["checks"]
    out = subprocess.run([sys.executable, "-m", "kb", "verify", "--json", "--store", str(store)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["checks"]


def evaluate(gold: list[dict], checks: list[dict], texts: dict[str, str],
             spans: dict[str, tuple[int, int]]) -> dict:
    rows, used = [], set()
    for g in gold:
        text = texts.get(g["doc_id"], "")
        span = locate(text, g["anchor"], g["surface"]) if text else None
        found = []
        for c in checks:
            if c["doc_id"] != g["doc_id"] or c.get("kind") == "cross_document":
                continue
            fs = spans.get(c.get("stated_fact_id") or "")
            if span and fs and fs[0] < span[1] and span[0] < fs[1]:
                found.append(c)
            elif not fs and WS.sub("", g["anchor"]) in WS.sub("", c.get("quote", "")) and c.get("kind") == g["kind"]:
                found.append(c)
        # several checks may cover one figure (a share and the sum of its list): the gold kind's first
        found.sort(key=lambda c: c.get("kind") != g.get("kind"))
        verdict = found[0]["verdict"] if found else None
        for c in found:
            used.add(c["check_id"])
        agree = verdict == g["verdict"] or (verdict is None and g["verdict"] == "unverifiable")
        rows.append({"anchor": g["anchor"], "gold": g["verdict"], "kb": verdict, "located": span is not None,
                     "agree": agree, "explanation": found[0]["explanation"] if found else ""})
    n = len(rows)
    agree = sum(r["agree"] for r in rows)
    return {"gold": n, "agree": agree, "agreement": agree / n if n else 0.0,
            "matched": sum(r["kb"] is not None for r in rows),
            "not_located": sum(not r["located"] for r in rows),
            "inconsistent_found": sum(r["gold"] == r["kb"] == "inconsistent" for r in rows),
            "inconsistent_gold": sum(r["gold"] == "inconsistent" for r in rows),
            "extra_checks": sum(c["check_id"] not in used and c.get("kind") != "cross_document" for c in checks),
            "rows": rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=Path(".kb"))
    ap.add_argument("--checks", type=Path, default=None)
    ap.add_argument("--gold", type=Path, default=Path("tests/gold/checks.jsonl"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()
            if line.strip() and "doc_id" in json.loads(line)]
    texts, spans = load_store(args.store)
    gold = gold_doc_ids(gold, texts)
    result = evaluate(gold, load_checks(args.store, args.checks), texts, spans)
    for r in result["rows"]:
        if args.verbose or not r["agree"]:
            print(f"{'ok ' if r['agree'] else 'BAD'} gold={r['gold']:<13} kb={r['kb']!s:<13} {r['anchor']}")
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
