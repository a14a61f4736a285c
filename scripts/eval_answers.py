"""Score the answers of `kb search` against tests/gold/answers.jsonl.

A gold line is ``{"query", "set", "expect": "stated", "doc", "figure"}`` or
``{"query", "set", "expect": "not_stated"}``. An answer is right when it
states that figure (as written; spaces ignored) from that document (``doc`` is
the file name without extension, so ids with or without it match), or, for a
figure no document states, when it says it is not stated. Reported: the share
right, the share of missing figures said to be missing, and each miss.

One store is built from corpus/ and ../shared/realdocs/ (as a user would
ingest both), unless ``--store`` names one. Without the shared documents the
realdocs questions are skipped with the reason (an error when
KB_REQUIRE_SHARED=1).

Usage:
    python scripts/eval_answers.py [--store DIR] [--docs ../shared/realdocs] [--set corpus] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repository's kb, wherever the script is run from

GOLD = ROOT / "tests" / "gold" / "answers.jsonl"
SHARED_DOCS = ROOT.parent / "shared" / "realdocs"
_WS = re.compile(r"\s+")
Ask = Callable[[str], Optional[dict]]


def load_gold(path: Path = GOLD) -> list[dict]:
    """The gold questions (lines with a key starting with _ are comments)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if not any(k.startswith("_") for k in r)]


def same_doc(doc_id: str, stem: str) -> bool:
    """A document id (path with or without extension) names the gold document."""
    name = doc_id.rsplit("/", 1)[-1]
    return name == stem or name.rsplit(".", 1)[0] == stem


def right(row: dict, answer: Optional[dict]) -> bool:
    """Whether an answer (the JSON ``answer`` of `kb search`) is what the gold line expects."""
    if answer is None:
        return False
    if row["expect"] == "not_stated":
        return answer["status"] == "not_stated"
    fact = answer.get("fact")
    if answer["status"] != "stated" or fact is None or not same_doc(fact["doc_id"], row["doc"]):
        return False
    wanted = _WS.sub("", row["figure"])
    written = {_WS.sub("", fact.get("figure_text") or ""),
               _WS.sub("", f"{fact['qualifier']}{fact['value_text']}{fact['unit']}"),
               _WS.sub("", f"{fact['value_text']}{fact['unit']}")}
    return wanted in written


def evaluate(ask: Ask, gold: list[dict]) -> dict:
    """Share right, missing figures said missing, and each question's outcome."""
    rows = []
    for row in gold:
        answer = ask(row["query"])
        shown = (answer or {}).get("fact") or (answer or {}).get("nearest") or {}
        rows.append({"query": row["query"], "set": row["set"], "expect": row["expect"],
                     "right": right(row, answer), "status": answer["status"] if answer else None,
                     "figure": shown.get("figure_text", ""), "doc_id": shown.get("doc_id", ""),
                     "wanted": row.get("figure", "not stated")})
    missing = [r for r in rows if r["expect"] == "not_stated"]
    return {"questions": len(rows), "right": sum(r["right"] for r in rows),
            "accuracy": round(sum(r["right"] for r in rows) / len(rows), 3) if rows else 0.0,
            "missing": len(missing), "missing_said": sum(r["right"] for r in missing),
            "per_question": rows}


def kb_ask(store: Path) -> Ask:
    """`kb search`'s answer for a query, as its JSON carries it."""
    from kb.api import KnowledgeBase
    from kb.ui.payloads import answer_payload

    kb = KnowledgeBase.open(store)

    def ask(query: str) -> Optional[dict]:
        hits = kb.search(query, k=10)
        return answer_payload(kb.answer(query, hits))

    return ask


def build_store(docs: Optional[Path], work: Path) -> Path:
    from kb.pipeline import ingest

    paths = [ROOT / "corpus"] + ([docs] if docs is not None else [])
    summary = ingest(paths, work / "store", work / "tables")
    if summary.failures:
        raise SystemExit(f"ingest failed: {summary.failures}")
    return work / "store"


def shared_docs(path: Path) -> Optional[Path]:
    """The shared documents, or None (skipped with a reason; an error under KB_REQUIRE_SHARED=1)."""
    if path.is_dir():
        return path
    reason = f"{path} is missing: the realdocs questions are skipped"
    if os.environ.get("KB_REQUIRE_SHARED") == "1":
        raise SystemExit(reason + " (KB_REQUIRE_SHARED=1)")
    print(reason, file=sys.stderr)
    return None


def report(result: dict) -> str:
    lines = [f"{result['questions']} questions: {result['right']} right ({result['accuracy']:.1%}); "
             f"missing figures said missing {result['missing_said']} / {result['missing']}"]
    for row in result["per_question"]:
        if not row["right"]:
            lines.append(f"  miss [{row['set']}] {row['query']}: wanted {row['wanted']}, got "
                         f"{row['status']} {row['figure']} ({row['doc_id']})")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Score kb's answers on tests/gold/answers.jsonl")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--store", type=Path, help="a store to ask (default: build one from corpus/ and --docs)")
    parser.add_argument("--docs", type=Path, default=SHARED_DOCS, help="the shared real documents")
    parser.add_argument("--set", choices=("corpus", "realdocs"), help="only this set of questions")
    parser.add_argument("--json", action="store_true", help="a JSON summary")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    docs = shared_docs(args.docs) if args.set != "corpus" else None
    if docs is None:
        gold = [g for g in gold if g["set"] == "corpus"]
    if args.set:
        gold = [g for g in gold if g["set"] == args.set]
    with tempfile.TemporaryDirectory(prefix="kb-answers-") as work:
        store = args.store or build_store(docs, Path(work))
        result = evaluate(kb_ask(store), gold)
    print(json.dumps({k: v for k, v in result.items() if k != "per_question"} | {
        "misses": [r for r in result["per_question"] if not r["right"]]}, ensure_ascii=False)
          if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
