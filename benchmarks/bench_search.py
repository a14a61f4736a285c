"""Search benchmark: kb.search.bm25.BM25Index against rank_bm25.BM25Okapi and bm25s.

Passages are generated at run time: by default with a realistic vocabulary
(benchmarks/vocab_corpus.py: jieba's dictionary with its Zipf frequencies and
figures, > 200k distinct terms); ``--corpus sentences`` samples 1–4 sentences of
corpus/ instead (3.5k distinct terms; the figures of issue 12's "before").
For each size, one subprocess measures kb's index (build, size on disk, load,
query p50/p95, peak RSS), another rank-bm25 (build, get_scores time, peak RSS)
and a third bm25s (build, retrieve time for one query, peak RSS); the parent
compares their top-10 lists with rank-bm25's.

    python benchmarks/bench_search.py                       # 10k, 100k, 1M
    python benchmarks/bench_search.py --sizes 10000 100000 --corpus sentences
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# run from anywhere: the repository's kb, not a namespace package of the same name
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results"
N_QUERIES = 200
REF_QUERIES_AT_1M = 20   # rank-bm25 get_scores takes seconds per query at 10^6


def corpus_sentences() -> list[str]:
    """Sentences of the corpus documents (kb.ingest.segment when available, else split on 。！？)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.*"))
             if p.name not in ("SOURCES.md", "README.md")]
    try:
        from kb.ingest import split_sentences
        return [t[a:b] for t in texts for a, b in split_sentences(t) if t[a:b].strip()]
    except Exception:  # kb.ingest.segment not written yet, or a different signature
        return [s for t in texts for s in re.split(r"(?<=[。！？])|\n", t) if s.strip()]


def sentence_tokens() -> list[list[str]]:
    cache = DATA / "sentence_tokens.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from kb.text.tokenizer import Tokenizer

    tokenize = Tokenizer().tokenize
    tokens = [t for t in (tokenize(s) for s in corpus_sentences()) if t]
    DATA.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(tokens, ensure_ascii=False), encoding="utf-8")
    return tokens


def source(corpus: str):
    """(passages(n), queries) of the chosen benchmark corpus."""
    if corpus == "realistic":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import vocab_corpus
        return vocab_corpus.passages, vocab_corpus.queries(N_QUERIES)
    sents = sentence_tokens()
    return (lambda n: passages(sents, n)), queries(sents)


def passages(sentences: list[list[str]], n: int, seed: int = 7):
    """Yield ``n`` synthetic passages (token lists) of 1–4 random sentences each."""
    rng = np.random.default_rng(seed)
    for start in range(0, n, 10_000):
        m = min(10_000, n - start)
        counts = rng.integers(1, 5, m)
        picks = rng.integers(0, len(sentences), int(counts.sum()))
        pos = 0
        for c in counts:
            tokens: list[str] = []
            for i in picks[pos:pos + c]:
                tokens.extend(sentences[i])
            pos += c
            yield tokens


def queries(sentences: list[list[str]], n: int = N_QUERIES, seed: int = 11) -> list[list[str]]:
    """1–4 distinct tokens taken from one corpus sentence, as a user's keywords."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        distinct = sorted(set(rng.choice(sentences)))
        if distinct:
            out.append(rng.sample(distinct, min(len(distinct), rng.randint(1, 4))))
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss can carry the parent's over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_kb(size: int, corpus: str) -> dict:
    from kb.search.bm25 import BM25Index
    make, qs = source(corpus)
    ids = [f"p{i}" for i in range(size)]
    docs = list(make(size))     # held in memory, as for the two others (peak memory alike)
    t0 = time.perf_counter()
    index = BM25Index.build(docs, ids)
    build_s = time.perf_counter() - t0
    store = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        index.save(store)
        disk_mb = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 1e6
        del index
        t0 = time.perf_counter()
        index = BM25Index.load(store)
        load_s = time.perf_counter() - t0
    finally:
        shutil.rmtree(store)
    times, tops = [], []
    for q in qs:
        t0 = time.perf_counter()
        hits = index.top_k(q, 10)
        times.append(time.perf_counter() - t0)
        tops.append([int(pid[1:]) for pid, _ in hits])
    return {"build_s": build_s, "disk_mb": disk_mb, "load_s": load_s,
            "p50_ms": 1e3 * statistics.median(times), "p95_ms": 1e3 * float(np.percentile(times, 95)),
            "peak_mb": peak_rss_mb(), "postings": sum(len(s.indices) for s in index.segments),
            "terms": len(index.vocab), "top10": tops}


def run_reference(size: int, corpus: str) -> dict:
    from rank_bm25 import BM25Okapi
    make, qs = source(corpus)
    if size >= 1_000_000:
        qs = qs[:REF_QUERIES_AT_1M]
    docs = list(make(size))
    t0 = time.perf_counter()
    model = BM25Okapi(docs)
    build_s = time.perf_counter() - t0
    times, tops = [], []
    for q in qs:
        t0 = time.perf_counter()
        scores = model.get_scores(q)
        times.append(time.perf_counter() - t0)
        # top-10 among passages holding a query term, ties by build order (as kb does)
        matched = np.flatnonzero([any(t in d for t in q) for d in model.doc_freqs]) if size <= 100_000 \
            else np.flatnonzero(scores != 0)
        order = matched[np.lexsort((matched, -scores[matched]))][:10]
        tops.append(order.tolist())
    return {"build_s": build_s, "p50_ms": 1e3 * statistics.median(times),
            "p95_ms": 1e3 * float(np.percentile(times, 95)), "peak_mb": peak_rss_mb(),
            "n_queries": len(qs), "top10": tops}


def run_bm25s(size: int, corpus: str) -> dict:
    """bm25s (method "robertson": Okapi's idf, no epsilon floor), one query a call, one thread."""
    import bm25s
    make, qs = source(corpus)
    docs = list(make(size))
    t0 = time.perf_counter()
    model = bm25s.BM25(k1=1.5, b=0.75, method="robertson")
    model.index(docs, show_progress=False)
    build_s = time.perf_counter() - t0
    del docs
    times, tops = [], []
    for q in qs:
        t0 = time.perf_counter()
        try:
            found, _ = model.retrieve([q], k=10, show_progress=False, n_threads=1)
            top = found[0].tolist()
        except ValueError:          # no query token in the vocabulary
            top = []
        times.append(time.perf_counter() - t0)
        tops.append(top)
    return {"build_s": build_s, "p50_ms": 1e3 * statistics.median(times),
            "p95_ms": 1e3 * float(np.percentile(times, 95)), "peak_mb": peak_rss_mb(), "top10": tops}


RUNNERS = {"kb": run_kb, "ref": run_reference, "bm25s": run_bm25s}


def worker(kind: str, size: int, corpus: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", kind, "--size", str(size),
                          "--corpus", corpus], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def agreement(kb_tops: list[list[int]], ref_tops: list[list[int]]) -> float:
    """Mean share of rank-bm25's top-10 that kb's top-10 also holds (1.0 = identical)."""
    shares = [len(set(a) & set(b)) / len(b) if b else float(a == b) for a, b in zip(kb_tops, ref_tops, strict=True)]
    return sum(shares) / len(shares)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--corpus", choices=["realistic", "sentences"], default="realistic")
    parser.add_argument("--skip-ref-above", type=int, default=1_000_000,
                        help="run rank-bm25 only up to this size (it needs ~2 GB and ~1 s a query at 1M)")
    parser.add_argument("--worker", choices=sorted(RUNNERS))
    parser.add_argument("--size", type=int)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(RUNNERS[args.worker](args.size, args.corpus)))
        return
    if args.corpus == "sentences":
        sentence_tokens()  # tokenise once, before the timed workers
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        kb = worker("kb", size, args.corpus)
        fast = worker("bm25s", size, args.corpus)
        ref = worker("ref", size, args.corpus) if size <= args.skip_ref_above else None
        rows.append(compare(size, kb, fast, ref))
        print(json.dumps(rows[-1]), flush=True)
        (RESULTS / f"bench_search_{args.corpus}.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


def compare(size: int, kb: dict, fast: dict, ref: dict | None) -> dict:
    """One row of the table: the three engines' figures and top-10 agreement with rank-bm25."""
    row = {"passages": size, "postings": kb["postings"], "terms": kb["terms"],
           "kb_build_s": kb["build_s"], "kb_disk_mb": kb["disk_mb"], "kb_load_s": kb["load_s"],
           "kb_p50_ms": kb["p50_ms"], "kb_p95_ms": kb["p95_ms"], "kb_peak_mb": kb["peak_mb"],
           "bm25s_build_s": fast["build_s"], "bm25s_p50_ms": fast["p50_ms"],
           "bm25s_p95_ms": fast["p95_ms"], "bm25s_peak_mb": fast["peak_mb"]}
    if ref is None:
        row["bm25s_kb_top10_agreement"] = agreement(fast["top10"], kb["top10"])
        return row
    n = ref["n_queries"]
    row.update({"ref_build_s": ref["build_s"], "ref_p50_ms": ref["p50_ms"], "ref_p95_ms": ref["p95_ms"],
                "ref_peak_mb": ref["peak_mb"], "ref_queries": n,
                "speedup_p50": ref["p50_ms"] / kb["p50_ms"],
                "top10_agreement": agreement(kb["top10"][:n], ref["top10"]),
                "bm25s_top10_agreement": agreement(fast["top10"][:n], ref["top10"])})
    return row


if __name__ == "__main__":
    main()
