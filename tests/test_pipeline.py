"""Ingest end to end: counts, incremental skips, removals, and a crash leaving the store intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb import pipeline
from kb.errors import KbError
from kb.pipeline import ingest
from kb.store.sqlite import Store


def test_corpus_ingest_counts(corpus_store):
    store = Store.open(corpus_store, create=False)
    docs = {d.doc_id: d for d in store.documents()}
    assert set(docs) == {
        "caict-jd-city-digital-economy-2022.md", "jjj-bluebook-2022-digital-economy.txt",
        "jjj-digital-governance-decade-2024.md", "jjj-industrial-synergy-2024.txt",
        "song-wang-2025-jjj-innovation-community.md"}
    counts = store.counts()
    assert all(counts[d]["passages"] >= 5 for d in docs)
    assert len(store.tables()) == 3
    for passage in store.passages():
        assert docs[passage.doc_id].text[passage.start:passage.end] == passage.text
    for fact in store.facts():
        assert fact.char_end <= len(docs[fact.doc_id].text)


@pytest.mark.slow  # several ingests of the corpus
def test_reingest_skips_unchanged_and_drops_removed(corpus_copy, tmp_path):
    store_dir, tables = tmp_path / "s", tmp_path / "t"
    first = ingest([corpus_copy], store_dir, tables)
    assert first.ingested == 5 and not first.failures
    again = ingest([corpus_copy], store_dir, tables)
    assert again.ingested == 0 and again.unchanged == 5
    (corpus_copy / "jjj-industrial-synergy-2024.txt").unlink()
    path = corpus_copy / "jjj-bluebook-2022-digital-economy.txt"
    path.write_bytes(path.read_bytes() + "\n补充：2023年某市数字经济增加值为100亿元。\n".encode())
    third = ingest([corpus_copy], store_dir, tables)
    assert third.removed == 1 and third.ingested == 1 and third.documents == 4
    store = Store.open(store_dir)
    assert not list(store.iter_facts("jjj-industrial-synergy-2024.txt"))
    assert any(f.value == 100 for f in store.iter_facts("jjj-bluebook-2022-digital-economy.txt"))


@pytest.mark.slow  # several ingests of the corpus
def test_crash_mid_ingest_leaves_store_as_it_was(corpus_copy, tmp_path, monkeypatch):
    store_dir, tables = tmp_path / "s", tmp_path / "t"
    ingest([corpus_copy], store_dir, tables)
    before = Store.open(store_dir)
    facts_before = sorted(f.fact_id for f in before.iter_facts())
    before.close()
    path = corpus_copy / "jjj-bluebook-2022-digital-economy.txt"
    path.write_bytes(path.read_bytes() + "\n又：2023年数字经济增加值为7亿元。\n".encode())

    real = Store.write_rows

    def crash(self, rows, *rest, **kw):
        # Fails inside the transaction, after the old rows were deleted.
        rows.passages.append(None)
        return real(self, rows, *rest, **kw)

    monkeypatch.setattr(Store, "write_rows", crash)
    with pytest.raises(KbError, match="cannot write"):  # None is not a row
        ingest([corpus_copy], store_dir, tables)
    after = Store.open(store_dir)
    assert sorted(f.fact_id for f in after.iter_facts()) == facts_before


@pytest.mark.slow  # several ingests of the corpus
def test_stable_ids_across_stores(corpus_store, tmp_path):
    other = tmp_path / "again"
    ingest([Path(pipeline.__file__).resolve().parent.parent / "corpus"], other, tmp_path / "t")
    a, b = Store.open(corpus_store), Store.open(other)
    assert [p.passage_id for p in a.passages()] == [p.passage_id for p in b.passages()]
    assert sorted(f.fact_id for f in a.iter_facts()) == sorted(f.fact_id for f in b.iter_facts())


def test_a_small_ingest_reads_the_dictionary_on_demand(tmp_path):
    from kb.text.tokenizer import Tokenizer

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("2021年北京市地区生产总值4.03万亿元。", encoding="utf-8")
    large.write_bytes(b"x" * (pipeline.ON_DEMAND_MAX_BYTES + 1))
    whole = Tokenizer()
    chosen = pipeline.tokenizer_for(whole, [small])
    assert chosen is not whole and chosen.fast_start and not whole.loaded
    assert pipeline.tokenizer_for(whole, [small, large]) is whole          # much text: load it whole
    assert pipeline.tokenizer_for(whole, [tmp_path / "gone.txt"]) is whole
    fast = Tokenizer(fast_start=True)
    assert pipeline.tokenizer_for(fast, [large]) is fast
    text = small.read_text(encoding="utf-8")
    assert chosen.tokenize(text) == whole.tokenize(text)                   # the same words
    assert pipeline.tokenizer_for(whole, [small]) is whole                 # loaded now: kept
