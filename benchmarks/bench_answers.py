"""The answer finder's CPU time per query against the number of facts in the store (issue 12).

`kb search` shows an answer card (kb.search.answers, issue 13) above the hits. Before,
the card read and scored every fact of the store for each query; now
`KnowledgeBase.answer` reads the store's distinct indicator names (from an index) and
fetches only the facts of the names near the one asked (kb.search.answers.relevant_names).

A store ingested once is copied and grown to ``k`` times its facts as
``bench_check.py`` does (copies of every document under new ids, in SQL):

- ``same``: the copies keep their indicators, so a query's lookup finds ``k`` times
  as many facts: the worst case, cost growing with the matches;
- ``distinct``: each copy's indicator names are replaced by other ones (their hex
  form, tagged per copy), so a query matches as many facts as in the first store
  while the store holds ``k`` times more.

In a fresh process per store, each query of ``tests/gold/answers.jsonl`` (and, with
``--generated N``, N queries made from the store's own facts) is searched, then
answered twice: ``before`` reads every fact and scores it (the old path), ``after``
is ``KnowledgeBase.answer``. Each answer is timed alone (CPU seconds of the process,
the similarity cache cleared first, as in a fresh `kb search`), and the two answers'
JSON payloads are compared: ``differ`` counts the queries whose answers are not the same.

    python benchmarks/bench_answers.py --store STORE300 --times 1 4 17 --mode distinct
    python benchmarks/bench_answers.py --store STORE300 --times 1 --generated 100
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
GOLD = ROOT / "tests" / "gold" / "answers.jsonl"


def gold_queries() -> list[str]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["query"] for r in rows if "query" in r]


def generated_queries(db: Path, n: int, seed: int = 12) -> list[str]:
    """``n`` queries made from facts of the store: year, subject and indicator as stored, some
    asking for a growth, a share or another year."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT json_extract(data, '$.year'), json_extract(data, '$.subject'), "
                       "json_extract(data, '$.indicator') FROM facts WHERE doc_id NOT LIKE '%~copy%' "
                       "AND json_extract(data, '$.indicator') != '' ORDER BY fact_id").fetchall()
    con.close()
    rng = random.Random(seed)
    out = []
    for year, subject, indicator in rng.sample(rows, min(n, len(rows))):
        year = year if year is None or rng.random() < 0.7 else year - 1
        tail = rng.choice(["", "", "增长了多少", "占比", "是多少？"])
        out.append(f"{year or ''}{'年' if year else ''}{subject or ''}{indicator}{tail}")
    return out


def grow(db: Path, times: int, mode: str) -> int:
    """``times - 1`` copies of every document and its facts (``bench_check.grow``) and the store's
    indexes; in ``distinct`` mode the copies' indicator key and phrase become other names (hex,
    tagged per copy)."""
    from bench_check import grow as grow_same
    from kb.store.schema import add_tables

    n = grow_same(db, times, "same")
    con = sqlite3.connect(db)
    add_tables(con, db)    # the indexes a store written by this kb has (a reader adds none)
    if mode == "same" or times <= 1:
        con.commit()
        con.close()
        return n
    con.execute("UPDATE facts SET data = json_set(data, "
                "'$.indicator_key', 'x' || hex(json_extract(data, '$.indicator_key')) || substr(doc_id, instr(doc_id, '~copy')), "
                "'$.indicator', 'x' || hex(json_extract(data, '$.indicator')) || substr(doc_id, instr(doc_id, '~copy'))) "
                "WHERE doc_id LIKE '%~copy%'")
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return n


def old_answer(kb, query: str, hits):
    """The answer as `KnowledgeBase.answer` gave it before: every fact read and scored."""
    from kb.search.answers import find_answer, read_question

    answer = find_answer(read_question(query), kb.store.facts(), {h.passage_id: h.rank for h in hits})
    if answer is not None:
        quality = kb.match(query, hits)
        answer.coverage = quality.coverage
        answer.low_match = quality.low and answer.status == "not_stated"
    return answer


def timed(fn, *args) -> tuple[float, object]:
    from kb.search.answers import similarity

    similarity.cache_clear()
    started = time.process_time()
    out = fn(*args)
    return time.process_time() - started, out


def measure(store: Path, queries: list[str], before_limit: int) -> dict:
    """Run in a fresh process: each query searched, then answered the old way and the new way."""
    from kb.api import KnowledgeBase
    from kb.ui.payloads import answer_payload

    kb = KnowledgeBase.open(store)
    kb.answer(queries[0], kb.search(queries[0]))   # warm up: vocabularies, dictionary, index
    before, after, differ, compared = [], [], [], 0
    for i, query in enumerate(queries):
        hits = kb.search(query, k=10)
        t_after, new = timed(kb.answer, query, hits)
        after.append(t_after)
        if i < before_limit:
            t_before, old = timed(old_answer, kb, query, hits)
            before.append(t_before)
            compared += 1
            if answer_payload(old) != answer_payload(new):
                differ.append(query)
    return {"queries": len(queries), "compared": compared, "differ": differ,
            "before_median_s": round(statistics.median(before), 4) if before else None,
            "after_median_s": round(statistics.median(after), 4),
            "after_p95_s": round(sorted(after)[int(0.95 * (len(after) - 1))], 4),
            "after_max_s": round(max(after), 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="an ingested store (not changed)")
    parser.add_argument("--times", type=int, nargs="+", default=[1, 4, 17])
    parser.add_argument("--mode", choices=["same", "distinct"], default="distinct")
    parser.add_argument("--generated", type=int, default=0, help="also N queries made from the store's facts")
    parser.add_argument("--before-queries", type=int, default=1000,
                        help="time the old path (and compare) on the first N queries only")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        store, queries, limit = args.measure
        print(json.dumps(measure(Path(store), json.loads(queries), int(limit)), ensure_ascii=False))
        return 0
    for k in args.times:
        with tempfile.TemporaryDirectory(prefix="kb-answers-") as tmp:
            store = Path(tmp) / "store"
            shutil.copytree(args.store, store)
            facts = grow(store / "kb.sqlite", k, args.mode)
            queries = gold_queries() + generated_queries(store / "kb.sqlite", args.generated)
            out = subprocess.run([sys.executable, __file__, "--store", str(store), "--measure", str(store),
                                  json.dumps(queries, ensure_ascii=False), str(args.before_queries)],
                                 capture_output=True, text=True, check=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(json.dumps({"times": k, "mode": args.mode, "facts": facts, **result}, ensure_ascii=False),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
