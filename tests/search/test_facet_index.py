"""kb.search.facet_index: the columns the Facts tab filters and counts give what FactQuery and
facet_counts give on the facts as models (the corpus store; no timing)."""

from __future__ import annotations

import pytest

from kb.api import fact_query
from kb.search.facet_index import INDEXED
from kb.search.facets import facet_counts

QUERIES = [
    {},
    {"selected": {"subject": ["全国"]}},
    {"selected": {"subject": ["北京", "天津"], "year": ["2022"]}},
    {"selected": {"unit": ["%"], "doc": ["nope"]}},
    {"text": "余"},
    {"text": "数字经济", "selected": {"measure": ["level"]}},
    {"low": "1万亿"},
    {"low": "5%", "high": "10%"},
    {"high": "100个"},
    {"low": "30"},
    {"text": "不在任何事实里"},
]


@pytest.fixture(scope="module")
def facts_and_index(corpus_kb):
    return corpus_kb.all_facts(), corpus_kb.facet_index()


@pytest.mark.parametrize("spec", QUERIES)
def test_the_index_keeps_and_counts_what_the_models_do(corpus_kb, facts_and_index, spec):
    facts, index = facts_and_index
    query = fact_query(spec.get("selected"), spec.get("text", ""), spec.get("low", ""), spec.get("high", ""))
    mask = corpus_kb.text_mask(query.text) if query.text else None
    assert index.matching_ids(query, mask) == [f.fact_id for f in query.apply(facts)]
    for name in INDEXED:
        assert index.facet_counts(query, name, mask) == facet_counts(facts, query, name), name


def test_the_index_holds_every_fact_in_store_order(corpus_kb, facts_and_index):
    facts, index = facts_and_index
    assert len(index) == len(facts) > 100
    assert index.fact_ids == [f.fact_id for f in facts]


def test_a_query_with_text_needs_its_mask(facts_and_index):
    _, index = facts_and_index
    with pytest.raises(ValueError, match="text"):
        index.mask(fact_query(text="余"))
