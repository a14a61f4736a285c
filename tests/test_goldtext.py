"""scripts/goldtext.py: how gold entries name the store's documents."""

import sys

from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from goldtext import document_stem, gold_doc_ids


def test_document_stem_drops_any_extension():
    assert document_stem("bulletin.md") == "bulletin"
    assert document_stem("summary.pdf") == "summary"
    assert document_stem("sub/market.csv") == "sub/market"
    assert document_stem("health.docx") == "health"
    assert document_stem("bulletin") == "bulletin"
    assert document_stem("sub.dir/bulletin") == "sub.dir/bulletin"
    assert document_stem(".hidden") == ".hidden"


def test_gold_stems_map_to_documents_of_every_format():
    docs = ["a.txt", "b.pdf", "c.csv", "d.docx", "e.xlsx", "f.html"]
    gold = [{"doc_id": d.split(".")[0], "anchor": "x"} for d in docs] + [{"_comment": "no doc"}]
    assert [g.get("doc_id") for g in gold_doc_ids(gold, docs)] == docs + [None]


def test_exact_names_are_kept_and_shared_stems_are_not_guessed():
    docs = ["x.txt", "x.pdf", "y.csv"]
    gold = [{"doc_id": "x.pdf"}, {"doc_id": "x"}, {"doc_id": "y"}, {"doc_id": "z"}]
    assert [g["doc_id"] for g in gold_doc_ids(gold, docs)] == ["x.pdf", "x", "y.csv", "z"]
