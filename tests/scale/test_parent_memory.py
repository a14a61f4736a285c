"""The writer process of an ingest does not hold the whole store (issue 12): the cross-document
checks keep a small tuple a fact compared instead of the facts, and the index rebuild counts each
passage's tokens as it reads them instead of holding every token list. Measured with tracemalloc
(Python objects and numpy arrays) on stores made up here."""

from __future__ import annotations

import tracemalloc

import pytest

from kb.search.bm25 import BM25Index
from kb.search.index_update import rebuild_index
from kb.store.sqlite import StoredTokens
from kb.verify import check_across_documents, stream_across_documents
from tests.verify.test_checks import build

pytestmark = pytest.mark.slow

FACTS = 8_000
DOCS = 50


def peak_mb(run) -> float:
    """The largest traced memory (MB) while ``run()`` runs."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def made_up_facts():
    """A store's facts, made as they are read: ``FACTS`` facts of ``DOCS`` documents, every year a
    group compared across the documents."""
    base = dict(subject="京津冀", indicator="数字经济规模", year=2020, claim_type="level")
    template = build("京津冀数字经济规模为3.91万亿元。", [("3.91万亿元", "level", base)])[1][0]

    def fact(i: int):
        return template.model_copy(update={"fact_id": f"f{i:06d}", "doc_id": f"d{i % DOCS:02d}",
                                           "year": 1000 + i // DOCS, "char_start": i})

    return fact


def test_cross_document_checks_of_a_whole_store_hold_a_tuple_a_fact():
    fact = made_up_facts()
    count = [0]

    def streamed():
        for _ in stream_across_documents((fact(i) for i in range(FACTS)),
                                         lambda ids: {f: fact(int(f[1:])) for f in ids}, batch=500):
            count[0] += 1

    held = peak_mb(lambda: check_across_documents([fact(i) for i in range(FACTS)]))
    streaming = peak_mb(streamed)
    assert count[0] == FACTS // DOCS * (DOCS - 1)
    assert streaming < held / 4, (streaming, held)


class TokenStore:
    """``passage_tokens`` of a store of ``n`` passages whose tokens are made as they are read."""

    def __init__(self, n: int) -> None:
        self.n = n

    def passage_tokens(self, doc_ids=None):
        for i in range(self.n):
            tokens = [f"词{(i + j % 30) % 3000}" for j in range(300)]
            yield StoredTokens(f"p{i:05d}", f"d{i // 20:04d}", i % 20, tokens, "")


def test_the_index_rebuild_holds_no_token_lists(tmp_path):
    passages = 2_000          # their token lists, held, would take ≈ 54 MB
    peak = peak_mb(lambda: rebuild_index(TokenStore(passages), tmp_path / "index", tokenizer=None))
    assert peak < 15, peak
    index = BM25Index.load(tmp_path / "index")
    assert index.stats.n == passages
