"""Word (.docx): headings from styles head the passages, tables (merged cells too) read cell
for cell, footnotes follow the text, and a document written as a Word file states the same
figures as its source. Fixtures are written with python-docx at test time."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.formats import render
from tests.formats.common import PARITY, own_report, read, realdoc, realdoc_names

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docx")
    (tmp / "report.md").write_text(own_report(2), encoding="utf-8")
    source = read(tmp / "report.md")
    return source, read(render.document_docx(source.document, tmp / "report.docx"))


def test_own_report_gives_the_same_figures(own):
    source, word = own
    assert word.document.source_format == "docx"
    assert render.agreement(source.facts, word.facts) == 1.0, render.missing(source.facts, word.facts)
    loans = [(f.value, f.unit, f.year, f.page) for f in word.facts if f.figure_text == "4567.8亿元"]
    assert loans == [(4567.8, "亿元", 2025, None)]          # Word has no fixed pages


def test_headings_from_styles_head_the_passages(own):
    _, word = own
    by_figure = {f.figure_text: f.passage_id for f in word.facts}
    sections = {p.passage_id: p.section for p in word.passages}
    assert sections[by_figure["3456.7亿元"]].endswith("三、工业和建筑业")
    assert sections[by_figure["36.8万吨"]].endswith("二、农业")
    assert word.document.title == "2025年某市国民经济和社会发展统计公报"


def test_tables_cell_for_cell(own):
    source, word = own
    assert render.same_tables(source.tables, word.tables)
    table = word.tables[0]
    assert (table.caption, table.unit) == ("表1 2025年主要工业产品产量", "万吨")
    assert table.rows[1] == ["水泥", "789.1", "-2.1"]


def merged_table_docx() -> bytes:
    """A report with a table whose row label spans two rows and whose header spans two
    columns (Word's vMerge and gridSpan)."""
    import docx

    out = docx.Document()
    out.add_heading("2024年某县主要指标", 1)
    out.add_paragraph("表2　2024年某县分产业增加值")
    out.add_paragraph("单位：亿元")
    table = out.add_table(rows=5, cols=3)
    cells = [["指标", "2024年", ""], ["", "上半年", "全年"], ["第一产业", "12.3", "25.6"],
             ["第二产业", "45.6", "98.7"], ["", "40.1", "88.2"]]
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(0, 1).merge(table.cell(0, 2)).text = "2024年"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "指标"
    table.cell(3, 0).merge(table.cell(4, 0)).text = "第二产业"
    out.add_paragraph("全县地区生产总值增长6.1%。")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_merged_cells_keep_their_text_in_the_first_cell(tmp_path):
    from kb.ingest.docx import read_docx

    paged = read_docx(merged_table_docx(), "merged.docx")
    rows = [line.split("\t") for line in paged.lines if "\t" in line]
    assert rows == [["指标", "2024年", ""], ["", "上半年", "全年"], ["第一产业", "12.3", "25.6"],
                    ["第二产业", "45.6", "98.7"], ["", "40.1", "88.2"]]
    (tmp_path / "merged.docx").write_bytes(merged_table_docx())
    word = read(tmp_path / "merged.docx")
    assert [(t.caption, t.unit) for t in word.tables] == [("表2 2024年某县分产业增加值", "亿元")]
    first = {(f.value, f.unit) for f in word.facts if f.source_kind == "table"}
    assert {(12.3, "亿元"), (25.6, "亿元"), (45.6, "亿元"), (98.7, "亿元")} <= first


def with_footnote(raw: bytes, note: str) -> bytes:
    """The Word file with one footnote (python-docx writes none): the footnotes part, its
    relationship and content type, and a reference in the last paragraph."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name).decode("utf-8") if name.endswith((".xml", ".rels")) else archive.read(name)
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    body = parts["word/document.xml"]
    at = body.rfind("</w:p>")
    parts["word/document.xml"] = body[:at] + '<w:r><w:footnoteReference w:id="1"/></w:r>' + body[at:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_footnotes_follow_the_text(tmp_path):
    path = tmp_path / "noted.docx"
    path.write_bytes(with_footnote(merged_table_docx(), "据初步核算，全县常住人口为35.2万人。"))
    word = read(path)
    assert "注1：据初步核算，全县常住人口为35.2万人。" in word.document.text
    note = [f for f in word.facts if f.figure_text == "35.2万人"]
    assert [(f.value, f.unit) for f in note] == [(35.2, "万人")]
    assert word.document.text.index("全县地区生产总值增长6.1%") < word.document.text.index("注1：")


def test_a_style_based_on_a_heading_style_is_a_heading(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    out = docx.Document()
    custom = out.styles.add_style("报告小标题", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = out.styles["Heading 2"]
    out.add_heading("2023年某区工作报告", 1)
    out.add_paragraph("一、经济运行", style="报告小标题")
    out.add_paragraph("全区地区生产总值达到856.3亿元，增长5.2%。")
    out.save(tmp_path / "styled.docx")
    word = read(tmp_path / "styled.docx")
    gdp = next(f for f in word.facts if f.figure_text == "856.3亿元")
    section = next(p.section for p in word.passages if p.passage_id == gdp.passage_id)
    assert section.endswith("一、经济运行")


@pytest.mark.slow
@pytest.mark.parametrize("name", realdoc_names())
def test_real_document_and_its_word_file_state_the_same_figures(tmp_path, name):
    source = read(realdoc(name))
    word = read(render.document_docx(source.document, tmp_path / "doc.docx"))
    share = render.agreement(source.facts, word.facts)
    assert share >= PARITY, [(f.figure_text, f.quote[:60]) for f in render.missing(source.facts, word.facts)]
    assert render.same_tables(source.tables, word.tables)
    assert all(f.page is None for f in word.facts)


def test_a_text_box_is_read_once(tmp_path):
    """Word writes a text box twice (DrawingML, and VML for older readers): its text counts once."""
    import docx
    from lxml import etree

    out = docx.Document()
    paragraph = out.add_paragraph("正文：全县粮食产量达到45.6万吨。")
    box = (f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
           '<w:t>图注：产量增长3.2%</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
           '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>图注：产量增长3.2%</w:t></w:r></w:p>'
           '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    paragraph._p.append(etree.fromstring(box))
    out.save(tmp_path / "box.docx")
    word = read(tmp_path / "box.docx")
    assert word.document.text.count("图注：产量增长3.2%") == 1
    assert [f.value for f in word.facts if f.unit == "%"] == [3.2]


def test_paragraphs_inside_a_content_control_are_read(tmp_path):
    import docx
    from lxml import etree

    out = docx.Document()
    out.add_paragraph("全县地区生产总值增长6.1%。")
    control = etree.fromstring(f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr/><w:sdtContent><w:p><w:r>'
                               '<w:t>年末常住人口35.2万人。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    out.element.body.insert(1, control)
    out.save(tmp_path / "control.docx")
    word = read(tmp_path / "control.docx")
    assert word.document.text.index("6.1%") < word.document.text.index("35.2万人")
    assert {f.value for f in word.facts} == {6.1, 35.2}
