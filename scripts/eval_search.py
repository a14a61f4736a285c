"""Score retrieval against tests/gold/queries.jsonl: Recall@5 and MRR@10.

A gold line is ``{"query", "doc_id", "must_contain"}``; a hit is relevant when
it comes from ``doc_id`` and its passage text contains ``must_contain``
(whitespace ignored on both sides, since hard-wrapped sources are joined).
The metric functions are pure: ``evaluate(search, gold)`` takes any
``search(query, k) -> list[(doc_id, passage_text)]``.

Usage:
    python scripts/eval_search.py [--gold tests/gold/queries.jsonl] [--store .kb] [--json]
    python scripts/eval_search.py --baseline corpus     # plain BM25 over the passages
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Callable, Optional, Sequence

# run from anywhere: the repository's kb, not a namespace package of the same name
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from goldtext import document_stem

_WS = re.compile(r"\s+")
Search = Callable[[str, int], Sequence[tuple[str, str]]]


def load_gold(path: Path) -> list[dict]:
    """Gold queries of a JSONL file; header/comment lines (keys starting with _) skipped."""
    items = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if not any(key.startswith("_") for key in row):
                items.append(row)
    return items


def is_relevant(doc_id: str, text: str, gold: dict) -> bool:
    """From the gold document (named by its stem, as before doc_ids kept the extension) and
    containing the gold substring."""
    return (document_stem(doc_id) == document_stem(gold["doc_id"])
            and _WS.sub("", gold["must_contain"]) in _WS.sub("", text))


def first_relevant_rank(hits: Sequence[tuple[str, str]], gold: dict) -> Optional[int]:
    """1-based rank of the first relevant hit, None when there is none."""
    for rank, (doc_id, text) in enumerate(hits, start=1):
        if is_relevant(doc_id, text, gold):
            return rank
    return None


def recall_at(ranks: Sequence[Optional[int]], k: int) -> float:
    """Share of queries with a relevant hit in the first k."""
    return sum(r is not None and r <= k for r in ranks) / len(ranks) if ranks else 0.0


def mrr_at(ranks: Sequence[Optional[int]], k: int) -> float:
    """Mean of 1/rank of the first relevant hit (0 when none in the first k)."""
    return sum(1 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def evaluate(search: Search, gold: Sequence[dict], k: int = 10) -> dict:
    """Recall@5, MRR@10 and the rank of each gold query under ``search``."""
    ranks = [first_relevant_rank(list(search(g["query"], k)), g) for g in gold]
    return {"queries": len(gold), "recall@5": recall_at(ranks, 5), "mrr@10": mrr_at(ranks, 10),
            "per_query": [{"query": g["query"], "rank": r} for g, r in zip(gold, ranks, strict=True)]}


def _kb_search(store: Path) -> Search:
    from kb.api import KnowledgeBase

    kb = KnowledgeBase.open(store, fast_start=True)
    return lambda query, k: [(h.doc_id, h.text) for h in kb.search(query, k=k)]


def _baseline_search(corpus: Path) -> Search:
    """Plain BM25 (kb.text.tokenizer + kb.search.bm25) over the corpus passages, no fact boosts."""
    from kb.search.bm25 import BM25Index
    from kb.ingest import discover, load_document
    from kb.text.tokenizer import Tokenizer
    passages: list[tuple[str, str]] = []
    tokenizer = Tokenizer()
    for path in discover([corpus]):
        document = load_document(path, corpus, tokenizer=tokenizer)
        try:
            from kb.ingest import segment
            passages += [(p.doc_id, p.text) for p in segment(document)[0]]
        except ImportError:  # before kb.ingest.segment exists: blank-line paragraphs
            passages += [(document.doc_id, t) for t in document.text.split("\n\n") if t.strip()]
    tokenize = tokenizer.tokenize
    index = BM25Index.build((tokenize(t) for _, t in passages), [str(i) for i in range(len(passages))])
    return lambda query, k: [passages[int(i)] for i, _ in index.top_k(tokenize(query), k)]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Recall@5 and MRR@10 of kb search on a gold query file")
    parser.add_argument("--gold", type=Path, default=Path("tests/gold/queries.jsonl"))
    parser.add_argument("--store", type=Path, default=Path(".kb"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--baseline", type=Path, metavar="CORPUS",
                        help="score plain BM25 over CORPUS's passages instead of kb search on --store")
    args = parser.parse_args(argv)
    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.gold}: {exc}", file=sys.stderr)
        return 1
    search = _baseline_search(args.baseline) if args.baseline else _kb_search(args.store)
    result = evaluate(search, gold)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{result['queries']} queries  Recall@5 {result['recall@5']:.3f}  MRR@10 {result['mrr@10']:.3f}")
        for row in result["per_query"]:
            if row["rank"] is None or row["rank"] > 5:
                print(f"  miss@5: {row['query']}  (rank {row['rank']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
