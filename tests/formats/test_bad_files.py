"""Files kb cannot read — a PDF without a text layer, a truncated PDF, an encrypted PDF, a
.docx that is a zip of something else, an old Office file — are each skipped with one line
that says why, and everything else in the folder is read. ``kb ingest`` on a folder mixing
every format reports what it read and what it skipped, and exits 1 (some files skipped)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kb.errors import LoadError
from kb.ingest.formats import read_binary
from tests.formats import pdfbytes, render
from tests.formats.common import own_report, read
from tests.paths import ROOT, shared_tokenizer

GOOD = "# 某县概况\n\n2024年全县地区生产总值达到321.5亿元，比上年增长5.8%。\n"


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def reason(raw: bytes, name: str) -> str:
    with pytest.raises(LoadError) as caught:
        read_binary(raw, Path(name))
    message = str(caught.value)
    assert "\n" not in message and message.startswith(name)
    return message


def test_a_pdf_without_a_text_layer():
    message = reason(pdfbytes.image_only_pdf(), "scan.pdf")
    assert "no text layer; OCR is not supported" in message


def test_a_scanned_page_inside_a_readable_pdf_is_named_in_a_note():
    paged = read_binary(pdfbytes.text_and_scan_pdf(), Path("mixed.pdf"))
    assert paged.lines[0].startswith("Page one: output rose 5.2 percent.")
    assert paged.notes == ["pages 2 have no text layer (OCR is not supported); "
                           "their content is not in the knowledge base"]


def test_an_encrypted_pdf():
    assert reason(pdfbytes.encrypted_pdf(), "locked.pdf") == (
        "locked.pdf is an encrypted PDF: kb cannot read it without its password; "
        "save an unprotected copy to ingest it")


@pytest.mark.parametrize("share", [0.2, 0.5, 0.9])
def test_a_truncated_pdf(share):
    raw = pdfbytes.text_pdf()
    assert reason(raw[:int(len(raw) * share)], "cut.pdf").startswith("cut.pdf is a damaged or truncated PDF")


def test_a_pdf_cut_inside_its_end_marker_is_still_whole():
    raw = pdfbytes.text_pdf()
    assert read_binary(raw[:-3], Path("almost.pdf")).lines[0].startswith("Annual report 2023")


def test_the_hand_made_pdfs_are_sound():
    """The fixtures themselves: the plain one reads, the locked one opens with its password."""
    import pdfplumber

    assert read_binary(pdfbytes.text_pdf(), Path("ok.pdf")).lines[0].startswith("Annual report 2023")
    with pdfplumber.open(io.BytesIO(pdfbytes.encrypted_pdf()), password="secret") as pdf:
        assert "revenue 12.5 million" in pdf.pages[0].extract_text()


def test_a_docx_that_is_a_zip_of_something_else():
    raw = zip_of({"notes.txt": "2024年增长5%".encode(), "data/figures.csv": b"a,b\n1,2\n"})
    assert reason(raw, "memo.docx") == ("memo.docx is not a Word document: it is a zip archive of other "
                                        "files; save the document again as .docx or .xlsx")


def test_a_docx_with_a_broken_document_part():
    raw = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document>cut"})
    assert "Word document" in reason(raw, "broken.docx")


def mixed_folder(folder: Path, pdf: bytes) -> Path:
    """A folder of every format, readable and not, with a good Markdown file."""
    import docx
    import openpyxl

    folder.mkdir(parents=True)
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    (folder / "notes.txt").write_text("某县2024年末常住人口35.6万人，比上年末增加0.3万人。\n", encoding="utf-8")
    (folder / "page.html").write_text("<html><head><title>某县财政</title></head><body><h1>某县财政</h1>"
                                      "<p>2024年一般公共预算收入18.7亿元，增长3.2%。</p></body></html>",
                                      encoding="utf-8")
    word = docx.Document()
    word.add_heading("某县工业", 1)
    word.add_paragraph("2024年规模以上工业增加值增长7.1%，营业收入456.8亿元。")
    word.save(folder / "industry.docx")
    book = openpyxl.Workbook()
    for row in [["乡镇", "2024年人口（万人）"], ["甲镇", 3.2], ["乙镇", 2.7]]:
        book.active.append(row)
    book.save(folder / "towns.xlsx")
    (folder / "crops.csv").write_text("作物,2024年产量（万吨）\n小麦,12.3\n玉米,8.9\n", encoding="utf-8")
    (folder / "report.pdf").write_bytes(pdf)
    (folder / "scan.pdf").write_bytes(pdfbytes.image_only_pdf())
    (folder / "locked.pdf").write_bytes(pdfbytes.encrypted_pdf())
    (folder / "cut.pdf").write_bytes(pdfbytes.text_pdf()[:200])
    (folder / "memo.docx").write_bytes(zip_of({"notes.txt": b"hello"}))
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


READ = {"good.md", "notes.txt", "page.html", "industry.docx", "towns.xlsx", "crops.csv", "report.pdf"}
SKIPPED = {"scan.pdf": "no text layer; OCR is not supported", "locked.pdf": "is an encrypted PDF",
           "cut.pdf": "is a damaged or truncated PDF", "memo.docx": "is not a Word document",
           "old.doc": "DOC is not supported yet"}


def test_a_mixed_folder_reads_every_good_file_and_skips_each_bad_one_with_its_reason(tmp_path):
    from kb.api import KnowledgeBase
    from kb.pipeline import ingest

    folder = mixed_folder(tmp_path / "docs", pdfbytes.text_pdf())
    summary = ingest([folder], tmp_path / "store", tmp_path / "tables", tokenizer=shared_tokenizer())
    assert set(summary.added) == READ
    reasons = {Path(p).name: r for p, r in summary.failures}
    assert set(reasons) == set(SKIPPED)
    for name, why in SKIPPED.items():
        assert why in reasons[name] and "\n" not in reasons[name]
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables", tokenizer=shared_tokenizer())
    figures = {(f.doc_id, f.value) for f in kb.all_facts()}
    assert {("good.md", 321.5), ("notes.txt", 35.6), ("page.html", 18.7), ("industry.docx", 456.8),
            ("towns.xlsx", 3.2), ("crops.csv", 12.3)} <= figures


@pytest.mark.slow
def test_kb_ingest_on_a_mixed_folder_reports_what_it_read_and_what_it_skipped(tmp_path):
    why = render.chromium_missing()
    if why:
        pytest.skip(why)
    (tmp_path / "src.md").write_text(own_report(4), encoding="utf-8")
    source = read(tmp_path / "src.md")
    pdf = render.print_pdf(render.document_html(source.document, header="某市统计局"), tmp_path / "r.pdf")
    folder = mixed_folder(tmp_path / "docs", pdf.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KB_LANG": "en"}
    command = [sys.executable, "-m", "kb", "ingest", str(folder), "--store", str(tmp_path / "s"),
               "--tables-dir", str(tmp_path / "t"), "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert done.returncode == 1                      # some files were skipped (INTERFACE.md)
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert "Traceback" not in done.stderr
    assert len(errors) == len(SKIPPED), errors
    for name, why in SKIPPED.items():
        assert [line for line in errors if name in line and why in line], (name, errors)
    assert "7 documents (7 added" in done.stdout and "5 skipped" in done.stdout
    again = subprocess.run(command[:-1] + ["--json"], capture_output=True, text=True, cwd=tmp_path, env=env,
                           timeout=600)
    payload = json.loads(again.stdout)
    assert {Path(s["path"]).name for s in payload["skipped"]} == set(SKIPPED)
    assert payload["unchanged"] == len(READ)
    facts = subprocess.run([sys.executable, "-m", "kb", "facts", "--doc", "report.pdf", "--format", "json",
                            "--store", str(tmp_path / "s")], capture_output=True, text=True, cwd=tmp_path,
                           env=env, timeout=600)
    pages = {f["figure_text"]: f["page"] for f in json.loads(facts.stdout)["facts"]}
    assert pages["1234.5亿元"] == 1 and pages["4567.8亿元"] >= 2
    found = subprocess.run([sys.executable, "-m", "kb", "search", "金融机构本外币各项存款余额", "-k", "1",
                            "--store", str(tmp_path / "s")], capture_output=True, text=True, cwd=tmp_path,
                           env={**env, "KB_LANG": "zh"}, timeout=600)
    assert f"第{pages['4567.8亿元']}页" in found.stdout, found.stdout
