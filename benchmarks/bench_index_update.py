"""The search index's share of adding or changing one document in a large store (issue 12).

Builds an index of N generated passages (benchmarks/vocab_corpus.py, 85 passages a
document as in the 300-file benchmark store), saves it, then in the way `kb ingest` does
for a changed file (kb.search.index_update): loads it, adds one new document's passages
as a segment (``BM25Index.updated``), writes the changes (``save_changes``), and the same
for one document replaced. Prints the times as JSON.

    python benchmarks/bench_index_update.py --passages 1000000
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PER_DOC = 85


def timed_update(directory: Path, removed: set[str], tokens: list[list[str]], doc_id: str) -> dict:
    """Load, update with one document's passages, save the changes, answer one query."""
    from kb.search.bm25 import BM25Index
    from kb.search.segment import build_segment

    started = time.perf_counter()
    index = BM25Index.load(directory)
    loaded = time.perf_counter()
    segment = build_segment(tokens, [f"{doc_id}-{i}" for i in range(len(tokens))],
                            [doc_id] * len(tokens), list(range(len(tokens))))
    index = index.updated(removed, segment)
    updated = time.perf_counter()
    index.save_changes(directory)
    saved = time.perf_counter()
    index.top_k(tokens[0][:2], 10)
    return {"load_s": round(loaded - started, 3), "update_s": round(updated - loaded, 3),
            "save_s": round(saved - updated, 3), "total_s": round(saved - started, 3),
            "first_query_s": round(time.perf_counter() - saved, 3), "segments": len(index.segments)}


def main() -> int:
    import vocab_corpus
    from kb.search.bm25 import BM25Index

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    args = parser.parse_args()
    n = args.passages
    docs = list(vocab_corpus.passages(n + 2 * PER_DOC))
    extra, docs = docs[n:], docs[:n]
    work = Path(tempfile.mkdtemp(prefix="kb-index-"))
    try:
        started = time.perf_counter()
        index = BM25Index.build(docs, [f"p{i}" for i in range(n)], [f"d{i // PER_DOC:07d}" for i in range(n)],
                                [i % PER_DOC for i in range(n)])
        built = time.perf_counter() - started
        del docs
        index.save(work / "index")
        del index
        add = timed_update(work / "index", set(), extra[:PER_DOC], "new-document")
        change = timed_update(work / "index", {"d0000100"}, extra[PER_DOC:], "d0000100")
        print(json.dumps({"passages": n, "build_s": round(built, 1), "add_one_document": add,
                          "change_one_document": change}))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
