"""`kb check` time per claim against the number of facts in the store (issue 12).

A store ingested once (e.g. by ``bench_ingest.py --keep DIR``) is copied and grown to
``k`` times its facts by adding ``k - 1`` copies of every document and its facts under
new ids (with their passages and sentences), in SQL (no ingest). The search index is
left as it is: the copies are found by the identity index only. Two ways of growing it:

- ``same``: the copies state the same figures (same subjects, indicators and years),
  so a claim's lookup finds ``k`` times as many facts: the worst case;
- ``distinct``: each copy's indicator keys get a suffix of their own (other indicators),
  so the lookup finds as many facts as in the first store while the identity index
  holds ``k`` times more: the cost of the lookup itself as the store grows.

Each store is then opened in a fresh process, one claim is checked to warm up
(dictionary, vocabularies), and every claim of ``tests/gold/claims.jsonl`` is
timed alone; the median and 95th percentile per claim are printed as JSON.

    python benchmarks/bench_check.py --store /tmp/store300 --times 1 5 25 --mode distinct
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "tests" / "gold" / "claims.jsonl"


def claims() -> list[str]:
    rows = [json.loads(line) for line in CLAIMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["claim"] for r in rows if "claim" in r]


TAGGED = ("doc_id", "doc_path", "source", "passage_id", "sentence_id", "fact_id")


def copy_rows(con: sqlite3.Connection, table: str, tag: str, data_sql: str = "") -> None:
    """Copy the first store's rows of ``table`` with every id column suffixed by ``tag``."""
    columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    # the fact's CSV cells (kb.store.fact_csv) name its ids too: suffixed as in the JSON
    line = (f"replace(replace(replace(csv_line, fact_id, fact_id || '{tag}'), passage_id, "
            f"passage_id || '{tag}'), doc_id, doc_id || '{tag}')")
    values = [f'"{c}" || \'{tag}\'' if c in TAGGED else (data_sql or c) if c == "data"
              else line if c == "csv_line" else f'"{c}"' for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {', '.join(values)} FROM {table} "
                "WHERE doc_id NOT LIKE '%~copy%'")


def grow(db: Path, times: int, mode: str) -> int:
    """Add ``times - 1`` copies of every document, passage, sentence and fact; the number of facts after."""
    con = sqlite3.connect(db)
    for copy in range(1, times):
        tag = f"~copy{copy}"
        key = (f"json_extract(data, '$.indicator_key') || '{tag}'" if mode == "distinct"
               else "json_extract(data, '$.indicator_key')")
        data = (f"json_set(data, '$.fact_id', fact_id || '{tag}', '$.doc_id', doc_id || '{tag}', "
                f"'$.passage_id', passage_id || '{tag}', '$.doc_path', json_extract(data, '$.doc_path') || '{tag}', "
                f"'$.indicator_key', {key})")
        for table in ("documents", "passages", "sentences"):
            copy_rows(con, table, tag)
        copy_rows(con, "facts", tag, data)
        con.commit()
    n = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    con.execute("ANALYZE")
    con.close()
    return n


def measure(store: Path) -> dict:
    """Run in a fresh process: warm up on one claim, then time each claim alone."""
    from kb.api import KnowledgeBase

    kb = KnowledgeBase.open(store)
    texts = claims()
    kb.check(texts[:1])
    times, verdicts = [], []
    for text in texts:
        started = time.perf_counter()
        verdicts.append(kb.check([text])[0].verdict)
        times.append(time.perf_counter() - started)
    ms = sorted(1e3 * t for t in times)
    return {"claims": len(ms), "median_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1), "max_ms": round(ms[-1], 1),
            "verdicts": verdicts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="an ingested store (not changed)")
    parser.add_argument("--times", type=int, nargs="+", default=[1, 5, 25])
    parser.add_argument("--mode", choices=["same", "distinct"], default="distinct")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    for times in args.times:
        work = Path(tempfile.mkdtemp(prefix="kb-check-"))
        try:
            shutil.copytree(args.store, work / "store")
            started = time.perf_counter()
            facts = grow(work / "store" / "kb.sqlite", times, args.mode)
            grown = time.perf_counter() - started
            out = subprocess.run([sys.executable, __file__, "--store", str(args.store), "--measure",
                                  str(work / "store")], capture_output=True, text=True, cwd=ROOT)
            if out.returncode:
                raise SystemExit(out.stderr[-3000:])
            result = json.loads(out.stdout)
            verdicts = result.pop("verdicts")
            print(json.dumps({"times": times, "mode": args.mode, "facts": facts, "grow_s": round(grown, 1),
                              **result, "verdicts": {v: verdicts.count(v) for v in sorted(set(verdicts))}}),
                  flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
