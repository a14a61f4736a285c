"""Search hits: citations, marked terms, facts and checks, filters, fact-aware ranking."""

from __future__ import annotations

import pytest

from kb.errors import KbError
from kb.pipeline import ingest
from kb.api import KnowledgeBase
from kb.search.searcher import mark_terms
from kb.ui.present import marked_spans


@pytest.fixture(scope="module")
def searcher(corpus_kb):
    return corpus_kb.searcher


def test_hit_carries_citation_facts_and_marks(searcher):
    hits = searcher.search("京津冀城市群数字经济规模", k=3)
    assert hits and hits[0].rank == 1
    top = hits[0]
    document = searcher.store.document(top.doc_id)
    assert document.text[top.char_start:top.char_end] == top.text
    assert "【数字经济规模】" in top.marked or "【数字经济】" in top.marked
    assert any(f.value == 3.91 and f.unit == "万亿元" for h in hits for f in h.facts)


def test_checks_attached_to_hits(searcher):
    hits = searcher.search("科技企业孵化器总量增长", k=5)
    assert any(c.verdict in ("consistent", "inconsistent", "unverifiable")
               for h in hits for c in h.checks)


def test_sub_word_matches_inside_longer_words(searcher):
    hits = searcher.search("孵化器", k=3)
    assert hits and all("孵化器" in h.text for h in hits)


def test_figure_in_query_ranks_its_passage_first(searcher):
    hits = searcher.search("碳排放强度 0.71", k=3)
    assert "0.71" in hits[0].text


def test_filters(searcher):
    hits = searcher.search("数字经济", k=20, doc="bluebook")
    assert hits and all(h.doc_id == "jjj-bluebook-2022-digital-economy.txt" for h in hits)
    hits = searcher.search("数字经济", k=20, year=2021)
    assert hits and all("2021" in h.text or any(f.year == 2021 for f in h.facts) for h in hits)
    with pytest.raises(KbError, match="four-digit"):
        searcher.search("数字经济", year="21")


def test_empty_and_stopword_queries_are_clear_errors(searcher):
    with pytest.raises(KbError, match="empty query"):
        searcher.search("   ")
    with pytest.raises(KbError, match="stop words"):
        searcher.search("的了。")


@pytest.mark.slow  # its own ingest
def test_a_tiny_store_still_finds_its_passages(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("2023年某市新能源汽车产量达12.5万辆，比上年增长30.2%。\n", "utf-8")
    ingest([folder], tmp_path / "s", tmp_path / "t")
    hits = KnowledgeBase.open(tmp_path / "s").search("新能源汽车产量", k=5)
    assert len(hits) == 1 and hits[0].facts


def test_mark_terms_longest_first():
    assert mark_terms("科技企业孵化器总量", ["孵化器", "科技企业孵化器"]) == "【科技企业孵化器】总量"
    assert marked_spans("abc孵化器", ["孵化器"]) == [(3, 6)]
