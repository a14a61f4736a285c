"""Page reruns (app.py) against a store of many documents (issue 12: ≤ 0.3 s at 10k documents).

The store is an ingested one (``--store``), grown in SQL to ``--times`` copies of its
documents, passages, sentences and facts under new ids (as bench_check.py grows it, in one
statement a table: no ingest; the search index is left as it was).
The page is driven in this process by Streamlit's AppTest: the first run (the knowledge
base opened and cached), then ``--reruns`` reruns of the same view, each timed; a rerun is
what Streamlit does on every widget change. Views: each tab opened by its address
(``?tab=…``), with a query on the Ask tab. Prints one JSON line a view.

    python benchmarks/make_corpus.py benchmarks/data/corpus30 --files 30
    python -m kb --store STORE ingest benchmarks/data/corpus30
    python benchmarks/bench_page.py --store STORE --times 334    # 10,020 documents
    python benchmarks/bench_page.py --store CORPUS_STORE --times 2000    # corpus/: 10,000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))          # this checkout's kb, not an installed one
VIEWS = {
    "ask": {"q": "2021年京津冀数字经济规模"},
    "ask_empty": {},
    "facts": {"tab": "facts"},
    "facts_filtered": {"tab": "facts", "f_subject": "北京", "f_text": "数字经济", "f_min": "1万亿"},
    "consistency": {"tab": "consistency"},
    "tables": {"tab": "tables"},
    "documents": {"tab": "documents"},
}


TAGGED = ("doc_id", "doc_path", "source", "passage_id", "sentence_id", "fact_id")


def grow(db_path: Path, times: int) -> None:
    """Add ``times - 1`` copies of every document, passage, sentence and fact (ids suffixed ~copyN)."""
    import sqlite3

    con = sqlite3.connect(db_path)
    copies = f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {times - 1}) "
    for table in ("documents", "passages", "sentences", "facts"):
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        tag = "'~copy' || n.i"
        data = (f"json_set(data, '$.fact_id', fact_id || {tag}, '$.doc_id', doc_id || {tag}, "
                f"'$.passage_id', passage_id || {tag}, '$.doc_path', json_extract(data, '$.doc_path') || {tag})")
        line = (f"replace(replace(replace(csv_line, fact_id, fact_id || {tag}), passage_id, "
                f"passage_id || {tag}), doc_id, doc_id || {tag})")
        values = [f'"{c}" || {tag}' if c in TAGGED else data if (table, c) == ("facts", "data")
                  else line if c == "csv_line" else f'"{c}"' for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({names}) {copies}"
                    f"SELECT {', '.join(values)} FROM {table}, n")
        con.commit()
    con.execute("ANALYZE")
    con.close()


def time_view(params: dict, reruns: int) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    for key, value in params.items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception}")
    times = []
    for _ in range(reruns):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    return {"first_s": round(first, 3), "rerun_median_s": round(statistics.median(times), 3),
            "rerun_max_s": round(max(times), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="an ingested store (not changed)")
    parser.add_argument("--times", type=int, default=1, help="grow the store to this many copies")
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--views", nargs="+", default=list(VIEWS), choices=list(VIEWS))
    parser.add_argument("--keep", type=Path, help="grow into this directory and keep it (reused when it exists)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kb-page-"))
    store = work / "store"
    try:
        if not store.exists():
            shutil.copytree(args.store, store)
            if args.times > 1:
                grow(store / "kb.sqlite", args.times)
        import sqlite3

        with sqlite3.connect(store / "kb.sqlite") as db:
            documents, facts = (db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "facts"))
        os.environ["KB_STORE"] = str(store)
        os.environ["KB_TABLES_DIR"] = str(work / "tables")
        os.environ.pop("KB_LANG", None)
        for view in args.views:
            import streamlit as st

            st.cache_resource.clear()
            st.cache_data.clear()
            result = time_view(VIEWS[view], args.reruns)
            print(json.dumps({"view": view, "documents": documents, "facts": facts, **result}), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
