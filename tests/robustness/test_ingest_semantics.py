"""Issue 11, cases 1, 3 and 4: what `kb ingest PATH…` adds, keeps and removes, document ids,
and the tables folder (only files kb wrote, inside it, are ever deleted). In-process, fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.pipeline import ingest
from kb.store import Store
from tests.paths import shared_tokenizer
from tests.robustness.helpers import DOC_A, DOC_B, DOC_C, write

# whole ingests of small folders, several per test: the full run (CI) has them, the quick loop not
pytestmark = pytest.mark.slow


def run(paths, store, tables, **kw):
    return ingest([Path(p) for p in paths], store, tables, tokenizer=shared_tokenizer(), **kw)


def doc_ids(store: Path) -> list[str]:
    db = Store.open(store, create=False)
    try:
        return [d.doc_id for d in db.documents()]
    finally:
        db.close()


def test_case1_ingesting_one_new_file_keeps_every_other_document(tmp_path):
    c = write(tmp_path / "c", {"a.txt": DOC_A, "b.md": DOC_B})
    store, tables = tmp_path / "s", tmp_path / "t"
    run([c], store, tables)
    kept_csvs = sorted(p.name for p in tables.iterdir())
    write(c, {"new.txt": DOC_C})
    summary = run([c / "new.txt"], store, tables)
    assert summary.added == ["new.txt"] and summary.removed == 0
    assert doc_ids(store) == ["a.txt", "b.md", "new.txt"]
    assert sorted(p.name for p in tables.iterdir()) == kept_csvs     # b.md's table CSV stays
    # a file gone from a folder NOT given now stays; given as a folder, it goes
    (c / "a.txt").unlink()
    assert run([c / "new.txt"], store, tables).removed == 0 and "a.txt" in doc_ids(store)
    summary = run([c], store, tables)
    assert summary.removed_ids == ["a.txt"] and doc_ids(store) == ["b.md", "new.txt"]


def test_case1_prune_removes_documents_whose_file_is_gone(tmp_path):
    c = write(tmp_path / "c", {"a.txt": DOC_A})
    d = write(tmp_path / "d", {"c.txt": DOC_C})
    store, tables = tmp_path / "s", tmp_path / "t"
    run([c, d], store, tables)
    (c / "a.txt").unlink()
    assert run([d], store, tables).removed == 0
    summary = run([d], store, tables, prune=True)
    assert summary.removed_ids == ["a.txt"] and doc_ids(store) == ["c.txt"]


def test_case3_same_stem_files_in_nested_folders_are_three_documents(tmp_path):
    c = write(tmp_path / "c", {"report.txt": DOC_A, "report.md": DOC_B, "sub/report.txt": DOC_C})
    store, tables = tmp_path / "s", tmp_path / "t"
    summary = run([c], store, tables)
    assert summary.documents == 3 and sorted(summary.added) == ["report.md", "report.txt", "sub/report.txt"]
    first = doc_ids(store)
    again = run([c], store, tables)
    assert again.unchanged == 3 and doc_ids(store) == first          # no flipping on re-runs
    # a file of the folder given alone keeps the id the folder gave it
    (c / "sub" / "report.txt").write_text(DOC_C + "补充：2021年达1.3万亿元。\n", encoding="utf-8")
    assert run([c / "sub" / "report.txt"], store, tables).updated == ["sub/report.txt"]
    assert doc_ids(store) == first
    facts = Store.open(store, create=False).facts()
    assert {f.doc_id for f in facts} == set(first)
    assert len({f.fact_id for f in facts}) == len(facts)


def test_case3_same_name_from_two_folders_gets_a_unique_id(tmp_path):
    a = write(tmp_path / "a", {"report.txt": DOC_A})
    b = write(tmp_path / "b", {"report.txt": DOC_C})
    store, tables = tmp_path / "s", tmp_path / "t"
    run([a], store, tables)
    assert run([b], store, tables).added == ["b/report.txt"]
    assert doc_ids(store) == ["b/report.txt", "report.txt"]
    assert run([a, b], store, tables).unchanged == 2                  # stable


def test_nested_table_ids_are_safe_file_names(tmp_path):
    c = write(tmp_path / "c", {"sub/b.md": DOC_B})
    store, tables = tmp_path / "s", tmp_path / "t"
    run([c], store, tables)
    table = Store.open(store, create=False).tables()[0]
    assert table.table_id == "sub%2Fb.md-1" and (tables / "sub%2Fb.md-1.csv").is_file()


def test_case4_index_csv_cannot_make_kb_delete_outside_its_folder(tmp_path):
    c = write(tmp_path / "c", {"b.md": DOC_B})
    store, tables = tmp_path / "s", tmp_path / "t"
    run([c], store, tables)
    victim = tmp_path / "victim.csv"
    victim.write_text("keep me", encoding="utf-8")
    user_file = tables / "mine.csv"
    user_file.write_text("mine", encoding="utf-8")
    index = tables / "index.csv"
    index.write_text(index.read_text(encoding="utf-8-sig") + "../victim,x,b.md,1,1,,\nmine,x,b.md,1,1,,\n",
                     encoding="utf-8")
    (c / "b.md").write_text(DOC_A, encoding="utf-8")      # the table goes: its CSV is deleted
    run([c], store, tables)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert user_file.read_text(encoding="utf-8") == "mine"
    assert not (tables / "b.md-1.csv").exists()


def test_case4_two_stores_sharing_a_tables_folder_never_delete_each_others_csvs(tmp_path):
    shared = tmp_path / "tables"
    one = write(tmp_path / "one", {"b.md": DOC_B})
    two = write(tmp_path / "two", {"x.md": DOC_B.replace("北京", "上海")})
    run([one], tmp_path / "s1", shared)
    run([two], tmp_path / "s2", shared)
    (two / "x.md").write_text(DOC_A, encoding="utf-8")
    run([two], tmp_path / "s2", shared)
    assert (shared / "b.md-1.csv").is_file() and not (shared / "x.md-1.csv").exists()


def test_case4_default_tables_folder_is_per_store(tmp_path):
    from kb.api import KnowledgeBase

    assert KnowledgeBase.open(tmp_path / "s").tables_dir == tmp_path / "s" / "extracted_tables"
    assert KnowledgeBase.open(".kb").tables_dir == Path("extracted_tables")


def test_case6_broken_pdf_docx_xlsx_and_old_office_files_are_skipped_with_a_reason(tmp_path):
    c = write(tmp_path / "c", {"a.txt": DOC_A, "paper.pdf": b"%PDF-1.4\n", "memo.docx": b"PK\x03\x04",
                               "data.xlsx": b"PK\x03\x04", "old.xls": b"\xd0\xcf\x11\xe0",
                               "slides.pptx": b"PK\x03\x04", "photo.png": b"\x89PNG"})
    summary = run([c], tmp_path / "s", tmp_path / "t")
    reasons = dict((Path(p).name, r) for p, r in summary.failures)
    assert reasons["paper.pdf"].startswith("paper.pdf is a damaged or truncated PDF")
    assert reasons["memo.docx"].startswith("memo.docx is a damaged or truncated zip archive")
    assert reasons["data.xlsx"].startswith("data.xlsx is a damaged or truncated zip archive")
    assert reasons["old.xls"] == ("old.xls is an Excel 97–2003 workbook; XLS is not supported yet "
                                  "(save it as .docx, .xlsx, .pdf, .txt, .md or .html to ingest it)")
    assert "PPTX is not supported yet" in reasons["slides.pptx"]
    assert all("\n" not in r for r in reasons.values())
    assert "photo.png" not in reasons and summary.documents == 1


def test_case6_an_html_table_without_closing_tags_keeps_the_table_and_what_follows(tmp_path):
    page = ("<!DOCTYPE html><html><body><p>2023年全市地区生产总值达到5000亿元。</p>\n<table>\n"
            "<tr><th>指标<th>2022年<th>2023年\n<tr><td>地区生产总值（亿元）<td>4750<td>5000\n"
            "<tr><td>常住人口（万人）<td>300<td>305\n</table>\n"
            "<p>全年粮食产量达到120万吨，增长3.1%。</p><p>年末常住人口305万人。</p></body></html>")
    c = write(tmp_path / "c", {"page.html": page})
    run([c], tmp_path / "s", tmp_path / "t")
    db = Store.open(tmp_path / "s", create=False)
    assert db.tables()[0].rows == [["地区生产总值（亿元）", "4750", "5000"], ["常住人口（万人）", "300", "305"]]
    text = db.documents()[0].text
    assert "120万吨" in text and "年末常住人口305万人" in text


def test_case6_mis_decoded_text_is_refused_with_a_line(tmp_path):
    garbled = DOC_A.encode("utf-8").decode("gbk", errors="replace")
    c = write(tmp_path / "c", {"ok.txt": DOC_A, "garbled.txt": garbled})
    summary = run([c], tmp_path / "s", tmp_path / "t")
    assert [Path(p).name for p, _ in summary.failures] == ["garbled.txt"]
    assert "re-save it from the original" in summary.failures[0][1] and summary.documents == 1


def test_a_store_made_by_an_older_kb_is_re_processed_with_one_line(tmp_path):
    import sqlite3

    c = write(tmp_path / "c", {"a.txt": DOC_A, "b.md": DOC_B})
    store, tables = tmp_path / "s", tmp_path / "t"
    run([c], store, tables)
    db = sqlite3.connect(store / "kb.sqlite")         # make it look like schema 1: ids are stems
    for table in ("documents", "passages", "sentences", "facts", "tables", "checks"):
        db.execute(f"UPDATE {table} SET doc_id = replace(replace(doc_id, '.txt', ''), '.md', '')")
    db.execute("ALTER TABLE documents DROP COLUMN source")
    db.execute("DROP TABLE written_files")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    summary = run([c], store, tables)
    assert len(summary.notes) == 1 and "older kb" in summary.notes[0]
    assert sorted(summary.updated) == ["a.txt", "b.md"] and doc_ids(store) == ["a.txt", "b.md"]
    assert {f.doc_id for f in Store.open(store, create=False).facts()} == {"a.txt", "b.md"}
    assert run([c], store, tables).unchanged == 2 and not run([c], store, tables).notes
