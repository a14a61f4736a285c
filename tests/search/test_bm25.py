"""kb.search.bm25: BM25 scores equal rank_bm25's; top-k, filters, persistence."""

import random
import re

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from kb.errors import KbError
from kb.search.bm25 import BM25Index
from tests.paths import shared_tokenizer
from tests.paths import ROOT

CORPUS = ROOT / "corpus"


def _synthetic(n_docs=3000, seed=0):
    rng = random.Random(seed)
    vocab = [f"t{i}" for i in range(400)]
    # Zipf-like: some terms in most passages (negative idf), most rare
    return [[vocab[min(int(rng.paretovariate(0.7)) - 1, 399)] for _ in range(rng.randint(0, 40))]
            for _ in range(n_docs)], vocab


def _corpus_sentences():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.*")) if p.name != "SOURCES.md")
    return [s for s in re.split(r"[。！？\n]", text) if s.strip()]


def test_scores_equal_rank_bm25_on_synthetic_passages():
    docs, vocab = _synthetic()
    index = BM25Index.build(docs, [f"p{i}" for i in range(len(docs))])
    reference = BM25Okapi(docs)
    rng = random.Random(1)
    for _ in range(60):
        query = [rng.choice(vocab[:50]) for _ in range(rng.randint(1, 5))] + ["unknown"]
        np.testing.assert_allclose(index.scores(query), reference.get_scores(query), rtol=0, atol=1e-6)


def test_negative_idf_is_floored_like_rank_bm25():
    docs = [["common", "a"], ["common", "b"], ["common", "c"], ["d"]]
    index = BM25Index.build(docs, list("wxyz"))
    reference = BM25Okapi(docs)
    assert reference.idf["common"] > 0  # floored: epsilon × mean idf
    np.testing.assert_allclose(index.scores(["common"]), reference.get_scores(["common"]), atol=1e-12)


def test_scores_equal_rank_bm25_on_corpus_sentences():
    tokenize = shared_tokenizer().tokenize
    sentence_tokens = [tokenize(s) for s in _corpus_sentences()]
    rng = random.Random(2)
    # 2000 passages of 1-3 corpus sentences (tokens of a passage = its sentences' tokens)
    docs = [sum(rng.sample(sentence_tokens, rng.randint(1, 3)), []) for _ in range(2000)]
    index = BM25Index.build(docs, [f"s{i}" for i in range(len(docs))])
    reference = BM25Okapi(docs)
    for query in ["京津冀数字经济规模", "科技企业孵化器 增长", "技术合同成交额 津冀", "碳排放强度 0.66吨/万元"]:
        tokens = tokenize(query)
        expected = reference.get_scores(tokens)
        np.testing.assert_allclose(index.scores(tokens), expected, atol=1e-6)
        top = index.top_k(tokens, 10)
        order = np.lexsort((np.arange(len(expected)), -expected))[:10]
        assert [pid for pid, _ in top] == [f"s{i}" for i in order]
        assert [s for _, s in top] == pytest.approx(expected[order], abs=1e-6)


def test_repeated_query_token_counts_twice():
    docs, _ = _synthetic(200)
    index = BM25Index.build(docs, [str(i) for i in range(200)])
    reference = BM25Okapi(docs)
    np.testing.assert_allclose(index.scores(["t0", "t0", "t3"]), reference.get_scores(["t0", "t0", "t3"]), atol=1e-9)
    np.testing.assert_allclose(index.scores(["t3", "t3"]), 2 * index.scores(["t3"]), atol=1e-12)


def test_top_k_orders_by_score_then_build_order():
    docs = [["a"], ["a", "b"], ["b"], ["a"], ["c", "c", "a"]]
    index = BM25Index.build(docs, ["p0", "p1", "p2", "p3", "p4"])
    hits = index.top_k(["a"], 10)
    assert [pid for pid, _ in hits] == ["p0", "p3", "p1", "p4"]  # p0, p3 tie: build order
    assert hits[0][1] == hits[1][1] > hits[2][1]
    assert index.top_k(["a"], 2) == hits[:2]
    assert index.top_k(["zzz"], 5) == []
    assert index.top_k([], 5) == []
    assert index.top_k(["a"], 0) == []


def test_top_k_with_allowed_ids():
    docs = [["a", "x"], ["a", "b"], ["b", "y"], ["a", "z"], ["c"], ["d"], ["e"], ["f"]]
    index = BM25Index.build(docs, [f"p{i}" for i in range(8)])
    allowed = {"p1", "p2", "p4", "p5", "p6", "p7"}
    assert [pid for pid, _ in index.top_k(["a", "b"], 10, allowed=allowed)] == ["p1", "p2"]
    assert [pid for pid, _ in index.top_k(["a", "b"], 10)] == ["p1", "p2", "p0", "p3"]  # b is rarer than a
    assert index.top_k(["a"], 3, allowed=set()) == []


def test_top_k_large_index_uses_dense_path_consistently():
    docs, vocab = _synthetic(5000, seed=3)
    index = BM25Index.build(docs, [f"p{i}" for i in range(5000)])
    for query in (["t0"], ["t0", "t1", "t2"], ["t300"]):  # common (dense path) and rare (sparse path)
        scores = index.scores(query)
        matched = np.flatnonzero(scores != 0)
        order = matched[np.lexsort((matched, -scores[matched]))][:10]
        assert [pid for pid, _ in index.top_k(query, 10)] == [f"p{i}" for i in order]


def test_save_and_load_round_trip(tmp_path):
    docs, _ = _synthetic(500)
    ids = [f"p{i}" for i in range(500)]
    index = BM25Index.build(docs, ids)
    index.save(tmp_path / "idx")
    loaded = BM25Index.load(tmp_path / "idx")
    assert loaded.ids == ids and len(loaded) == 500
    np.testing.assert_array_equal(loaded.scores(["t1", "t7"]), index.scores(["t1", "t7"]))
    assert loaded.top_k(["t2"], 5) == index.top_k(["t2"], 5)


def test_load_missing_or_broken_index_raises_kb_error(tmp_path):
    with pytest.raises(KbError, match="kb ingest"):
        BM25Index.load(tmp_path)
    BM25Index.build([["a"]], ["p"]).save(tmp_path)
    next(tmp_path.glob("df-*.npz")).write_bytes(b"not an npz")
    with pytest.raises(KbError):
        BM25Index.load(tmp_path)


def test_build_rejects_mismatched_or_duplicate_ids():
    with pytest.raises(KbError):
        BM25Index.build([["a"], ["b"]], ["p0"])
    with pytest.raises(KbError):
        BM25Index.build([["a"], ["b"]], ["p0", "p0"])


def test_empty_index_and_empty_passages():
    assert BM25Index.build([], []).top_k(["a"], 5) == []
    assert BM25Index.build([[], []], ["p0", "p1"]).top_k(["a"], 5) == []
    index = BM25Index.build(iter([["a"], []]), ["p0", "p1"])  # any iterable of token lists
    assert [pid for pid, _ in index.top_k(["a"], 5)] == ["p0"]


def _passages(n, seed):
    """(doc_id, ordinal, tokens) of ``n`` passages over 40 documents, in (doc_id, ordinal) order."""
    docs, _ = _synthetic(n, seed=seed)
    rows = [(f"d{i % 40:02d}", i // 40, tokens) for i, tokens in enumerate(docs)]
    return sorted(rows, key=lambda r: (r[0], r[1]))


def _build(rows):
    return BM25Index.build([r[2] for r in rows], [f"{r[0]}#{r[1]}" for r in rows],
                           doc_ids=[r[0] for r in rows], ordinals=[r[1] for r in rows])


def _check_against_reference(index, rows):
    reference = BM25Okapi([r[2] for r in rows])
    ids = [f"{r[0]}#{r[1]}" for r in rows]
    assert index.ids == ids and len(index) == len(rows)
    for query in (["t0"], ["t1", "t5"], ["t9", "t9", "t40"], ["t150", "t2"]):
        expected = reference.get_scores(query)
        np.testing.assert_allclose(index.scores(query), expected, atol=1e-9)
        matched = np.flatnonzero([any(t in set(r[2]) for t in query) for r in rows])
        order = matched[np.lexsort((matched, -expected[matched]))][:10]
        top = index.top_k(query, 10)
        assert [pid for pid, _ in top] == [ids[i] for i in order]
        assert [s for _, s in top] == pytest.approx(expected[order], abs=1e-9)


@pytest.mark.slow  # a whole-corpus or whole-process run: CI runs it, the quick loop does not
def test_updates_keep_scores_equal_to_rank_bm25_and_to_a_rebuild(tmp_path):
    """Documents removed and added segment by segment score exactly as a fresh build of
    the same passages, through saves and loads, merges included."""
    rows = _passages(1200, seed=5)
    index = _build(rows)
    index.save(tmp_path / "idx")
    extra = _passages(600, seed=6)
    for step, doc in enumerate(["d03", "d17", "d03", "d29", "d05", "d11", "d21", "d33", "d38", "d01"]):
        index = BM25Index.load(tmp_path / "idx")
        rows = [r for r in rows if r[0] != doc]
        new = [(doc, o, r[2]) for o, r in enumerate(extra[step * 40:(step + 1) * 40 - step])]
        added = _build(new).segments[0] if new else None
        index = index.updated({doc}, added)
        index.save_changes(tmp_path / "idx")
        rows = sorted(rows + new, key=lambda r: (r[0], r[1]))
        _check_against_reference(BM25Index.load(tmp_path / "idx"), rows)
    _check_against_reference(_build(rows), rows)
    assert len(list((tmp_path / "idx").glob("seg*"))) == len(BM25Index.load(tmp_path / "idx").segments)


def test_removing_every_passage_of_a_term_takes_it_out_of_the_vocabulary():
    index = _build([("a", 0, ["x", "y"]), ("b", 0, ["y"]), ("c", 0, ["z"])])
    assert "x" in index.vocab and "nope" not in index.vocab
    smaller = index.updated({"a"}, None)
    assert "x" not in smaller.vocab and "y" in smaller.vocab
    assert smaller.top_k(["x"], 5) == []
    assert [pid for pid, _ in smaller.top_k(["y", "z"], 5)] == ["b#0", "c#0"] or len(smaller) == 2


def test_top_k_scores_are_exactly_the_full_scores_for_one_and_many_terms():
    """One-term queries rank their postings directly; norms are computed once: same floats."""
    docs, vocab = _synthetic(4000, seed=4)
    index = BM25Index.build(docs, [f"p{i}" for i in range(4000)])
    allowed = {f"p{i}" for i in range(0, 4000, 3)}
    for query in (["t0"], ["t7"], ["t300"], ["t0", "t1"], ["t5", "t5", "t40"]):
        scores = index.scores(query)
        for ids in (None, allowed):
            keep = np.array([ids is None or f"p{i}" in ids for i in range(4000)])
            matched = np.flatnonzero((scores != 0) & keep)
            order = matched[np.lexsort((matched, -scores[matched]))][:20]
            assert index.top_k(query, 20, allowed=ids) == [(f"p{i}", float(scores[i])) for i in order]
