"""The SQLite store: one transaction a document, filters, removal, schema version."""

import sqlite3

import pytest

from kb.errors import KbError
from kb.models import Check, Document, Passage, Sentence, Table
from kb.store.sqlite import FactFilter, Store
from tests.store.test_export import make_fact


def sample(doc_id="d"):
    text = "2021年中国数字经济规模达45.4万亿元。"
    doc = Document(doc_id=doc_id, doc_path=f"{doc_id}.md", text=text, content_hash="h")
    passage = Passage(passage_id=f"p-{doc_id}", doc_id=doc_id, ordinal=0, start=0,
                      end=len(text), text=text)
    sentence = Sentence(sentence_id=f"s-{doc_id}", doc_id=doc_id, passage_id=passage.passage_id,
                        ordinal=0, start=0, end=len(text), text=text)
    fact = make_fact(fact_id=f"f-{doc_id}", doc_id=doc_id, passage_id=passage.passage_id)
    table = Table(table_id=f"{doc_id}-1", doc_id=doc_id, ordinal=1, columns=["地区", "x"],
                  rows=[["北京", "1"]], char_start=0, char_end=1)
    check = Check(check_id=f"c-{doc_id}", doc_id=doc_id, verdict="consistent",
                  explanation="ok", stated_fact_id=fact.fact_id, passage_id=passage.passage_id)
    return doc, [passage], [sentence], [fact], [table], [check]


def test_write_read_and_replace(tmp_path):
    store = Store.open(tmp_path)
    store.write_document(*sample())
    store.write_document(*sample())  # replacing keeps one copy
    assert [d.doc_id for d in store.documents()] == ["d"]
    assert len(store.facts()) == 1
    assert store.facts(FactFilter(subject="全国", year="2021"))[0].value == 45.4
    assert store.facts(FactFilter(subject="北京")) == []
    assert store.facts(FactFilter(min_value=1e13))[0].fact_id == "f-d"
    assert store.facts(FactFilter(max_value=1e13)) == []
    assert store.tables()[0].rows == [["北京", "1"]]
    assert store.checks_for(["f-d"], [])[0].check_id == "c-d"
    assert store.counts()["d"]["passages"] == 1


def test_failed_write_leaves_store_as_it_was(tmp_path):
    store = Store.open(tmp_path)
    store.write_document(*sample())
    doc, passages, sentences, facts, tables, checks = sample()
    bad = passages + [None]  # fails half-way through the transaction
    with pytest.raises(AttributeError):  # None has no passage_id
        store.write_document(doc, bad, sentences, facts, tables, checks)
    assert len(store.passages()) == 1 and len(store.facts()) == 1


def test_remove_document(tmp_path):
    store = Store.open(tmp_path)
    store.write_document(*sample("a"))
    store.write_document(*sample("b"))
    store.remove_document("a")
    assert [d.doc_id for d in store.documents()] == ["b"]
    assert {f.doc_id for f in store.facts()} == {"b"}


def test_facts_whose_indicator_is_not_stated_are_looked_up_by_subject_and_year(tmp_path):
    store = Store.open(tmp_path)
    doc, passages, sentences, [fact], tables, checks = sample()
    bare = fact.model_copy(update={"indicator": "", "indicator_key": "", "subject_key": "江苏"})
    store.write_document(doc, passages, sentences, [bare], tables, checks)
    assert [f.fact_id for f in store.facts_without_indicator(["江苏"], years=[2021])] == ["f-d"]
    assert store.facts_without_indicator(["江苏"], years=[2020]) == []
    assert store.facts_without_indicator(["山东"]) == []
    assert store.facts_without_indicator([""]) == []


def test_open_missing_store_without_create_is_a_user_error(tmp_path):
    with pytest.raises(KbError, match="kb ingest"):
        Store.open(tmp_path / "nope", create=False)


def test_not_a_database_is_a_user_error(tmp_path):
    (tmp_path / "kb.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KbError, match="not a kb store"):
        Store.open(tmp_path)


def test_schema_version_recorded(tmp_path):
    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / "kb.sqlite")
    assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "2"


def test_facts_are_looked_up_by_their_identity(tmp_path):
    store = Store.open(tmp_path)
    doc, passages, sentences, [fact], tables, checks = sample()
    keyed = fact.model_copy(update={"indicator_key": "数字经济规模", "period_rule": "year_in_clause"})
    store.write_document(doc, passages, sentences, [keyed], tables, checks)
    assert [f.fact_id for f in store.facts_by_indicator(["数字经济规模", "GDP"])] == ["f-d"]
    assert store.facts_by_indicator(["数字经济规模"], years=[2020, 2021])[0].fact_id == "f-d"
    assert store.facts_by_indicator(["数字经济规模"], years=[2020]) == []
    assert store.facts_by_indicator(["GDP"]) == []
    plan = store.db.execute("EXPLAIN QUERY PLAN SELECT data FROM facts WHERE "
                            "json_extract(data, '$.indicator_key') = 'x'").fetchall()
    # through the identity index, or the index of indicator names (the same leading key)
    assert "SEARCH facts USING INDEX facts_" in " ".join(str(tuple(r)) for r in plan)
    assert store.document_heads(["d", "missing"])["d"].doc_path == "d.md"
    assert store.fact_periods("d") == [(keyed.char_start, 2021, None, "year_in_clause")]


def test_the_document_list_has_the_metadata_without_the_text(tmp_path):
    from kb.api import KnowledgeBase

    store = Store.open(tmp_path / "store")
    store.write_document(*sample("b"))
    store.write_document(*sample("a"))
    listed = store.document_list()
    assert [d.doc_id for d in listed] == ["a", "b"] and all(d.text == "" for d in listed)
    full = {d.doc_id: d for d in store.documents()}
    for d in listed:
        assert d.model_dump(exclude={"text", "blocks", "line_map", "pages"}) == \
            full[d.doc_id].model_dump(exclude={"text", "blocks", "line_map", "pages"})
    kb = KnowledgeBase(tmp_path / "store")
    assert [d.doc_id for d in kb.documents()] == ["a", "b"]
    assert kb.document("a") == full["a"] and kb.document("zz") is None


def test_replacing_checks_from_a_failing_stream_leaves_the_old_checks(tmp_path):
    """replace_checks consumes its checks in batches inside one transaction: a stream that fails
    half-way (a killed or broken cross-document pass) changes nothing."""
    store = Store.open(tmp_path)
    store.write_document(*sample())
    old = [Check(check_id=f"old{i}", kind="cross_document", doc_id="d", verdict="consistent", explanation="") for i in range(3)]
    store.replace_checks("cross_document", old)

    def failing():
        for i in range(5):
            yield Check(check_id=f"new{i}", kind="cross_document", doc_id="d", verdict="consistent", explanation="")
        raise ValueError("broken")

    with pytest.raises(ValueError):
        store.replace_checks("cross_document", failing(), batch=2)
    assert sorted(c.check_id for c in store.checks() if c.kind == "cross_document") == ["old0", "old1", "old2"]
    store.replace_checks("cross_document", (c for c in old[:2]), batch=1)
    assert sorted(c.check_id for c in store.checks() if c.kind == "cross_document") == ["old0", "old1"]
    store.close()
