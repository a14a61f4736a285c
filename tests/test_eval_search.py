"""scripts/eval_search.py: metric functions and the gold query file."""

import importlib.util

import pytest

from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("eval_search", ROOT / "scripts" / "eval_search.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

GOLD = {"query": "q", "doc_id": "d1", "must_contain": "规模达 3.91万亿元"}


def test_relevance_needs_doc_and_substring_whitespace_ignored():
    assert ev.is_relevant("d1", "数字经济规模达3.91万\n亿元，居首", GOLD)
    assert not ev.is_relevant("d2", "规模达3.91万亿元", GOLD)
    assert not ev.is_relevant("d1", "规模达3.9万亿元", GOLD)


def test_relevance_by_stem_for_every_format():
    assert ev.is_relevant("d1.pdf", "规模达3.91万亿元", GOLD)
    assert ev.is_relevant("d1.csv", "规模达3.91万亿元", GOLD)
    assert not ev.is_relevant("d10.pdf", "规模达3.91万亿元", GOLD)


def test_ranks_and_metrics():
    hits = [("d2", "规模达3.91万亿元"), ("d1", "别的"), ("d1", "规模达3.91万亿元")]
    assert ev.first_relevant_rank(hits, GOLD) == 3
    assert ev.first_relevant_rank([], GOLD) is None
    ranks = [1, 3, None, 7]
    assert ev.recall_at(ranks, 5) == pytest.approx(0.5)
    assert ev.mrr_at(ranks, 10) == pytest.approx((1 + 1 / 3 + 1 / 7) / 4)
    assert ev.mrr_at(ranks, 5) == pytest.approx((1 + 1 / 3) / 4)
    assert ev.recall_at([], 5) == 0.0


def test_evaluate_with_a_search_function():
    gold = [GOLD, {"query": "x", "doc_id": "d1", "must_contain": "没有"}]
    result = ev.evaluate(lambda q, k: [("d1", "规模达3.91万亿元")][:k], gold)
    assert result["recall@5"] == 0.5 and result["mrr@10"] == 0.5
    assert [r["rank"] for r in result["per_query"]] == [1, None]


def test_gold_queries_file_is_well_formed():
    gold = ev.load_gold(ROOT / "tests" / "gold" / "queries.jsonl")
    assert len(gold) >= 30
    docs = {p.stem for p in (ROOT / "corpus").glob("*.*") if p.name != "SOURCES.md"}
    assert {g["doc_id"] for g in gold} == docs
    for g in gold:
        assert len(g["must_contain"]) <= 20 and g["query"] != g["must_contain"]
