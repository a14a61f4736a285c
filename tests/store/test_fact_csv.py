"""The streamed CSV of `kb facts` (kb.store.fact_csv) is byte-identical to the model path:
from lines written at ingest, from the stored JSON of facts written without a line, filtered."""

import csv
import io
import sqlite3

from kb.models import Document, Passage, Sentence
from kb.store.fact_csv import FactRows, fact_csv_lines, parse_json, write_fact_csv
from kb.store.sqlite import FactFilter, Store
from kb.ui.payloads import facts_csv_bytes
from tests.store.test_export import make_fact


def streamed(store: Store, filters: FactFilter | None = None) -> bytes:
    out = io.BytesIO()
    size = write_fact_csv(store.fact_lines(filters), out, store.publishers())
    assert size == len(out.getvalue())
    return out.getvalue()


def modelled(store: Store, filters: FactFilter | None = None) -> bytes:
    return facts_csv_bytes(store.facts(filters), {d.doc_id: d.publisher for d in store.documents()})


def awkward_facts(doc_id: str) -> list:
    """Cells that a plain csv.writer writes differently from escape_cell, and cells it must quote."""
    return [
        make_fact(fact_id=f"{doc_id}1", doc_id=doc_id),
        make_fact(fact_id=f"{doc_id}2", doc_id=doc_id, char_start=4, quote="=1+1 ，\"引号\"\n换行",
                  figure_text="-5%", qualifier="@x"),
        make_fact(fact_id=f"{doc_id}3", doc_id=doc_id, char_start=5, value=1e20, value_normalized=1e20,
                  scale=1.0, unit="", unit_normalized="count", value_low=-0.5, value_high=2.0,
                  year=None, subject="-3", indicator="+增速", page=3),
        make_fact(fact_id=f"{doc_id}4", doc_id=doc_id, char_start=6, value=0.1 + 0.2,
                  value_normalized=0.1 + 0.2, scale=1.0, unit_normalized="%", claim_type="share",
                  period_start_month="2021-01", period_end_month="2021-06", doc_title="a,b"),
    ]


def store_with(tmp_path) -> Store:
    store = Store.open(tmp_path / "store")
    for doc_id, publisher in (("a", "统计局, \"省\""), ("b", ""), ("c", "=发布者")):
        text = "x" * 40
        doc = Document(doc_id=doc_id, doc_path=f"{doc_id}.md", text=text, content_hash="h", publisher=publisher)
        passage = Passage(passage_id="p1", doc_id=doc_id, ordinal=0, start=0, end=40, text=text)
        sentence = Sentence(sentence_id=f"s-{doc_id}", doc_id=doc_id, passage_id="p1", ordinal=0,
                            start=0, end=40, text=text)
        store.write_document(doc, [passage], [sentence], awkward_facts(doc_id), [], [])
    return store


def test_streamed_csv_equals_the_model_path(tmp_path):
    store = store_with(tmp_path)
    assert streamed(store) == modelled(store)
    for filters in (FactFilter(doc="b"), FactFilter(subject="-3"), FactFilter(year="2021", claim_type="share")):
        assert streamed(store, filters) == modelled(store, filters)


def test_facts_without_a_line_are_rendered_from_their_json(tmp_path):
    store = store_with(tmp_path)
    expected = modelled(store)
    store.db.execute("UPDATE facts SET csv_line = NULL WHERE fact_id LIKE '%2' OR fact_id LIKE '%3'")
    assert streamed(store) == expected
    rows = FactRows()
    for fact in awkward_facts("z"):
        line = fact_csv_lines([fact])[0]
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(rows.row(parse_json(fact.model_dump_json())))
        assert out.getvalue() == line


def test_a_store_without_the_column_streams_from_json(tmp_path):
    store = store_with(tmp_path)
    expected = modelled(store)
    db = sqlite3.connect(store.directory / "kb.sqlite")
    db.execute("ALTER TABLE facts DROP COLUMN csv_line")
    db.commit()
    db.close()
    reopened = Store.open(store.directory, create=False)
    assert streamed(reopened) == expected


def test_the_corpus_store_exports_the_same_bytes(corpus_kb):
    out = io.BytesIO()
    assert corpus_kb.write_facts_csv(out) == len(out.getvalue())
    publishers = {d.doc_id: d.publisher for d in corpus_kb.documents()}
    assert out.getvalue() == facts_csv_bytes(corpus_kb.facts(), publishers)
