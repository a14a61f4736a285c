"""PDF: a document printed by headless chromium reads back with the same figures, tables cell
for cell, every figure cited to the page it is printed on, two columns rejoined and the
running header and page numbers gone.

Slow (a browser prints every fixture); skipped with a reason where chromium or a CJK
font is missing (CI installs both)."""

from __future__ import annotations

import re

import pytest

from tests.formats import render
from tests.formats.common import PARITY, need_chromium, own_report, read, realdoc, realdoc_names, squeeze

pytestmark = pytest.mark.slow

HEADER = "某市统计局内部资料"
PAGE_LINE = re.compile(r"第\s*\d+\s*页")


def wrong_pages(facts: list, pdf_path) -> list:
    """(figure, page) of the facts whose figure is not printed on the page they cite
    (pdfplumber's own text of the page); a figure a page break cuts (为1087.44 | 澳门元) cites
    the page it starts on."""
    pages = render.pdf_column_texts(pdf_path)
    return [(f.figure_text, f.page, f.source_kind) for f in facts
            if f.page is None or not 1 <= f.page <= len(pages) or not on_page(squeeze(printed_as(f)), pages, f.page)]


def on_page(figure: str, pages: list[str], page: int) -> bool:
    """The figure is printed on ``page``, or a column or page break cuts it there: its first part
    is on that page and the rest opens the next column of the page or the next page."""
    here, after = pages[page - 1], pages[page] if page < len(pages) else ""
    return figure in here or any(figure[:k] in here and (figure[k:] in here or figure[k:] in after[:120])
                                 for k in range(max(1, len(figure) // 2), len(figure)))


def printed_as(fact) -> str:
    """What the page shows of a figure: the figure as written, or a table cell's number."""
    return (fact.value_text if fact.source_kind == "table" else fact.figure_text) or ""


def text_blocks(document) -> list[tuple[str, str]]:
    """(kind, text without white space) of every block but tables (compared cell for cell)."""
    return [(b.kind, squeeze(document.text[b.start:b.end])) for b in document.blocks if b.kind != "table"]


def printed(tmp_path, source_path, name: str, **layout):
    """The source read by kb, printed to PDF, and the PDF read by kb. A header runs over
    pages: a document that fits on one page is printed without one (a single page cannot
    tell a header from a first line)."""
    source = read(source_path)
    pdf = render.print_pdf(render.document_html(source.document, **layout), tmp_path / name)
    if len(render.pdf_page_texts(pdf)) == 1 and layout.get("header"):
        pdf = render.print_pdf(render.document_html(source.document, **{**layout, "header": ""}), pdf)
    return source, read(pdf), pdf


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    need_chromium()
    tmp = tmp_path_factory.mktemp("own")
    (tmp / "report.md").write_text(own_report(), encoding="utf-8")
    return printed(tmp, tmp / "report.md", "report.pdf", header=HEADER)


def test_own_report_gives_the_same_figures(own):
    source, pdf, _ = own
    assert pdf.document.source_format == "pdf"
    assert render.agreement(source.facts, pdf.facts) == 1.0, render.missing(source.facts, pdf.facts)
    gdp = [f for f in pdf.facts if f.figure_text == "1234.5亿元"]
    assert [(f.value, f.unit, f.year, f.page) for f in gdp] == [(1234.5, "亿元", 2025, 1)]


def test_own_report_tables_cell_for_cell(own):
    source, pdf, _ = own
    assert len(pdf.tables) == 1 and render.same_tables(source.tables, pdf.tables)
    table = pdf.tables[0]
    assert table.rows == [["钢材", "456.2", "3.4"], ["水泥", "789.1", "-2.1"], ["化肥", "12.5", "6.7"]]
    cement = [f for f in pdf.facts if f.source_kind == "table" and f.value == 789.1]
    assert [(f.unit, f.table_id) for f in cement] == [("万吨", table.table_id)]


def test_own_report_cited_to_the_page(own):
    _, pdf, path = own
    assert len(render.pdf_page_texts(path)) >= 3
    assert not wrong_pages(pdf.facts, path)
    last = next(f for f in pdf.facts if f.figure_text == "4567.8亿元")
    assert last.page == len(render.pdf_page_texts(path))
    assert all(p.page for p in pdf.passages)
    assert [page for _, page in pdf.document.pages] == list(range(1, last.page + 1))


def test_running_header_and_page_numbers_removed(own):
    source, pdf, _ = own
    assert HEADER not in squeeze(pdf.document.text)
    assert not PAGE_LINE.search(pdf.document.text)
    assert text_blocks(pdf.document) == text_blocks(source.document)


def test_two_columns_rejoined(tmp_path):
    need_chromium()
    (tmp_path / "report.md").write_text(own_report(4), encoding="utf-8")
    source = read(tmp_path / "report.md")
    body = (1, len(render.blocks_of(source.document)))
    html = render.document_html(source.document, header=HEADER, columns=body)
    pdf_path = render.print_pdf(html, tmp_path / "two.pdf")
    pdf = read(pdf_path)
    assert text_blocks(pdf.document) == text_blocks(source.document)
    assert render.agreement(source.facts, pdf.facts) == 1.0
    assert not wrong_pages(pdf.facts, pdf_path)


@pytest.mark.parametrize("name", realdoc_names())
def test_real_document_and_its_pdf_state_the_same_figures(tmp_path, name):
    need_chromium()
    source, pdf, path = printed(tmp_path, realdoc(name), "doc.pdf", header=name[:24])
    share = render.agreement(source.facts, pdf.facts)
    assert share >= PARITY, [(f.figure_text, f.quote[:60]) for f in render.missing(source.facts, pdf.facts)]
    assert render.same_tables(source.tables, pdf.tables)
    assert not wrong_pages(pdf.facts, path)
    assert not PAGE_LINE.search(pdf.document.text)


@pytest.mark.parametrize("name", ["news_27_provinces_q1_gdp_2021.md", "paper_macau_economy_1999_gbk.txt"])
def test_real_document_printed_in_two_columns(tmp_path, name):
    need_chromium()
    source = read(realdoc(name))
    blocks = render.blocks_of(source.document)
    html = render.document_html(source.document, header=name[:24], columns=(2, len(blocks)))
    path = render.print_pdf(html, tmp_path / "two.pdf")
    pdf = read(path)
    assert render.agreement(source.facts, pdf.facts) >= PARITY
    assert not wrong_pages(pdf.facts, path)


@pytest.mark.parametrize("share", [0.3, 0.7, 0.98])
def test_a_printed_pdf_cut_short_is_one_line(own, share):
    from pathlib import Path

    from kb.errors import LoadError
    from kb.ingest.formats import read_binary

    raw = own[2].read_bytes()
    with pytest.raises(LoadError) as caught:
        read_binary(raw[:int(len(raw) * share)], Path("cut.pdf"))
    assert str(caught.value).startswith("cut.pdf is a damaged or truncated PDF") and "\n" not in str(caught.value)
