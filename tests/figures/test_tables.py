"""Tests of kb.figures.tables: detection, flattening, cell facts and CSV output."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kb.errors import KbError
from kb.figures.tables import find_tables, table_facts
from kb.store import write_tables
from kb.store.export import index_csv_bytes, table_csv_bytes
from kb.models import Block, Document, Passage
from tests.paths import FIXTURES as ALL_FIXTURES
from tests.paths import ROOT, shared_tokenizer

FIXTURES = ALL_FIXTURES / "tables"
PAPER = ROOT / "corpus" / "song-wang-2025-jjj-innovation-community.md"
COMMITTED = ROOT / "extracted_tables"


def raw_document(path: Path) -> Document:
    """A Document straight from a file's text (no loader): enough for plain text with tab tables."""
    return Document(doc_id=path.stem, doc_path=path.name, text=path.read_text(encoding="utf-8"))


def text_document(text: str, blocks: list[Block] | None = None, doc_id: str = "t") -> Document:
    return Document(doc_id=doc_id, doc_path=f"{doc_id}.txt", text=text, blocks=blocks or [])


def loaded_document(path: Path, tokenizer) -> Document:
    if importlib.util.find_spec("kb.ingest.load") is None:
        pytest.skip("kb.ingest.load is not written yet")
    from kb.ingest import load_document
    return load_document(path, ROOT / "corpus", tokenizer=tokenizer)


@pytest.fixture(scope="module", params=["raw", "loader"])
def paper(request, tokenizer) -> tuple[Document, list]:
    """The paper as raw file text and as the loader's clean text: the same tables either way."""
    doc = raw_document(PAPER) if request.param == "raw" else loaded_document(PAPER, tokenizer)
    return doc, find_tables(doc)


def squash(text: str) -> str:
    return text.replace(" ", "")


def cell_fact(facts, subject, column_part, indicator_part=""):
    hits = [f for f in facts if f.subject == subject and column_part in f.quote.split("｜")[2]
            and indicator_part in f.indicator]
    assert len(hits) == 1, [f.quote for f in hits]
    return hits[0]


# --- the three tables of the paper --------------------------------------------------

def test_paper_tables_shapes_captions_notes(paper):
    doc, tables = paper
    assert [t.table_id for t in tables] == [f"{doc.doc_id}-{n}" for n in (1, 2, 3)]
    assert [(len(t.rows), len(t.columns)) for t in tables] == [(3, 7), (22, 4), (4, 8)]
    assert [squash(t.caption) for t in tables] == [squash(c) for c in [
        "表1 2022年京津冀科技创新总体情况",
        "表2 京津冀地区和大湾区内地九市创新主体群落外向活跃度",
        "表3 京津冀地区和大湾区内地九市科技和金融中介发展基本情况",
    ]]
    assert tables[0].notes == ["注：数据来源于《中国科技统计年鉴2023》。"]
    assert tables[1].notes == []
    assert tables[2].notes[0].startswith("注：数据来源于《中国火炬统计年鉴（2015—2023）》")


def test_paper_table1_two_row_header(paper):
    doc, tables = paper
    t = tables[0]
    assert t.columns[0] == "地区"
    assert t.columns[1] == "高校研究创新情况/平均R&D经费支出 (万元)"
    assert t.columns[4] == "规模以上工业企业创新情况/平均R&D经费支出 (万元)"
    assert t.columns[6] == "规模以上工业企业创新情况/平均企业新产品开发项目数 (个)"
    assert t.rows[0] == ["北京", "37420.00", "1530.70", "259.50", "897.24", "7.51", "3.88"]
    assert t.rows[2] == ["河北", "4648.66", "284.91", "51.57", "670.27", "3.44", "3.48"]
    facts = table_facts(t, doc, [])
    assert len(facts) == 18
    f = cell_fact(facts, "北京", "高校研究创新情况/平均R&D经费支出")
    assert (f.value, f.unit, f.value_normalized, f.unit_normalized) == (37420.0, "万元", 374200000.0, "CNY")
    assert (f.year, f.claim_type, f.indicator) == (2022, "level", "高校研究创新情况/平均R&D经费支出")
    assert squash(f.quote) == squash("表1 2022年京津冀科技创新总体情况｜北京｜高校研究创新情况/平均R&D经费支出 (万元)")
    assert doc.text[f.char_start:f.char_end] == "37420.00"
    assert f.source_kind == "table" and f.table_id == t.table_id
    papers = cell_fact(facts, "天津", "平均发表科技论文数")
    assert (papers.value, papers.unit, papers.unit_normalized, papers.claim_type) == (737.18, "篇", "count", "count")


def test_paper_table2_side_by_side_split(paper):
    doc, tables = paper
    t = tables[1]
    assert t.columns == ["分组", "项目", "外向活跃度/2014年", "外向活跃度/2022年"]
    assert t.rows[0] == ["京津冀", "北京", "733.13", "4560.05"]
    assert t.rows[12] == ["京津冀", "衡水", "17.64", "156.94"]
    assert t.rows[13] == ["大湾区 内地九市", "广州", "179684.06", "1946745.36"]
    assert t.rows[-1] == ["大湾区 内地九市", "中山", "148768.32", "1238810.19"]
    facts = table_facts(t, doc, [])
    assert len(facts) == 44
    f = cell_fact(facts, "深圳", "2022年")
    assert (f.value, f.year, f.indicator, f.unit_normalized, f.claim_type) == (5175221.52, 2022, "外向活跃度", "score", "score")
    assert doc.text[f.char_start:f.char_end] == "5175221.52"
    assert doc.text[cell_fact(facts, "承德", "2014年").char_start:][:4] == "5.99"


def test_paper_table3_carried_labels_and_statistics(paper):
    doc, tables = paper
    t = tables[2]
    assert t.columns[:3] == ["地区", "项目", "科技企业孵化器 (个)/2014年"]
    assert t.columns[-1] == "年末金融机构存贷款余额 (亿元)/2022年"
    assert [r[:2] for r in t.rows] == [["京津冀", "总量"], ["京津冀", "均值"], ["大湾区 九市", "总量"], ["大湾区 九市", "均值"]]
    facts = table_facts(t, doc, [])
    assert len(facts) == 24
    mean = cell_fact(facts, "京津冀", "科技企业孵化器 (个)/2022年", "均值")
    assert (mean.value, mean.unit, mean.indicator, mean.year) == (54.46, "个", "科技企业孵化器均值", 2022)
    assert mean.quote.split("｜")[1] == "京津冀 均值"
    money = cell_fact(facts, "大湾区九市", "技术交易成交金额 (亿元)/2014年", "总量")
    assert (money.value_normalized, money.unit_normalized, money.claim_type) == (973.9e8, "CNY", "level")
    assert doc.text[money.char_start:money.char_end] == "973.90"


def test_every_fact_cites_its_cell(paper):
    doc, tables = paper
    for t in tables:
        cells = {c for row in t.rows for c in row}
        for f in table_facts(t, doc, []):
            assert doc.text[f.char_start:f.char_end] in cells
            assert f.fact_id.startswith("f")
    ids = [f.fact_id for t in tables for f in table_facts(t, doc, [])]
    assert len(ids) == len(set(ids)) == 86


def test_formula_with_bars_is_not_a_table(paper):
    doc, tables = paper
    assert "|S_i^t - S_i^0|" in doc.text
    assert all("S_i" not in doc.text[t.char_start:t.char_end] for t in tables)


# --- fixtures of our own -----------------------------------------------------------------

def test_pipe_table_with_indicator_rows():
    doc = raw_document(FIXTURES / "bulletin_pipe.md")
    [t] = find_tables(doc)
    assert t.columns == ["指标", "绝对数", "比上年增长(%)"]
    assert t.rows[0] == ["地区生产总值（亿元）", "5,123.4", "5.2"]
    assert t.notes == ["资料来源：市统计局。"]
    facts = table_facts(t, doc, [])
    # 绝对数 says "the value", 比上年增长 "its growth": neither is part of the indicator
    gdp = next(f for f in facts if f.indicator == "地区生产总值" and f.claim_type == "level")
    assert (gdp.subject, gdp.value, gdp.value_normalized, gdp.year) == ("", 5123.4, pytest.approx(5.1234e11), 2023)
    assert doc.text[gdp.char_start:gdp.char_end] == "5,123.4"
    growth = next(f for f in facts if f.indicator == "规模以上工业增加值" and f.unit_normalized == "%")
    assert (growth.value, growth.claim_type, growth.year) == (-1.3, "growth_rate", 2023)
    people = next(f for f in facts if f.indicator == "常住人口" and f.claim_type == "count")
    assert people.value_normalized == 8.76e6 and people.unit_normalized in ("person", "count")
    assert people.claim_type == "count"


def test_html_converted_table_with_spanning_header_and_table_unit():
    doc = raw_document(FIXTURES / "html_converted.txt")
    [t] = find_tables(doc)
    assert t.unit == "亿元"
    assert t.columns == ["省份", "数字经济规模/2021年", "数字经济规模/2022年", "占GDP比重(%)/2022年"]
    assert t.notes == ["注：2022年江苏数据暂缺。", "数据来源：各省统计公报。"]
    facts = table_facts(t, doc, [])
    assert len(facts) == 5  # the "—" cell is missing, not a figure
    f = next(f for f in facts if f.subject == "江苏" and f.indicator == "数字经济规模")
    assert (f.value_normalized, f.year, f.unit) == (8e10, 2021, "亿元")
    share = next(f for f in facts if f.subject == "山东" and f.indicator == "占GDP比重")
    assert (share.value, share.claim_type) == (41.2, "share")


def test_side_by_side_with_shared_label_header_and_carried_labels():
    doc = raw_document(FIXTURES / "side_by_side.txt")
    first, second = find_tables(doc)
    assert (first.caption, first.unit) == ("表3 部分城市专利授权量（件）", "件")
    assert first.columns == ["城市", "2020年", "2021年"]
    assert first.rows == [["甲市", "100", "120"], ["乙市", "80", "85"], ["丙市", "90", "95"]]
    facts = table_facts(first, doc, [])
    f = next(f for f in facts if f.subject == "丙市" and f.year == 2021)
    assert (f.value, f.indicator, f.claim_type) == (95.0, "部分城市专利授权量", "count")
    assert second.caption == "" and second.table_id == "side_by_side-2"
    assert second.rows[1] == ["东部", "平均", "3", "850.5"]
    mean = next(f for f in table_facts(second, doc, []) if f.indicator == "营业收入平均")
    assert (mean.subject, mean.value_normalized, mean.quote) == ("东部", 8505000.0, "side_by_side-2｜东部 平均｜营业收入 (万元)")


def test_indicator_rows_take_the_caption_place_and_growth_column_the_later_year():
    text = ("表1 2020—2021年洛阳市主要经济指标（单位：亿元）\n\n"
            "| 指标 | 2020年 | 2021年 | 比上年增长（%） |\n|---|---|---|---|\n"
            "| 地区生产总值 | 5100.0 | 5450.5 | 4.8 |\n| 税收收入 | 200.2 | 210.0 | 4.9 |\n")
    doc = text_document(text)
    [t] = find_tables(doc)
    facts = table_facts(t, doc, [])
    assert {f.subject for f in facts} == {"洛阳"}
    levels = [(f.indicator, f.year, f.value) for f in facts if f.claim_type == "level"]
    assert levels[:2] == [("地区生产总值", 2020, 5100.0), ("地区生产总值", 2021, 5450.5)]
    growth = [f for f in facts if f.claim_type == "growth_rate"]
    assert [(f.indicator, f.value, f.unit_normalized) for f in growth] == [("地区生产总值", 4.8, "%"), ("税收收入", 4.9, "%")]
    assert {(f.year, f.period_start, f.period_end) for f in growth} == {(2021, 2020, 2021)}


def test_indicator_rows_fall_back_to_the_document_place():
    text = "表3 主要农业指标\n\n指标\t2023\t增速(%)\n粮食产量（万吨）\t612.3\t1.2\n"
    doc = Document(doc_id="t", doc_path="t.txt", title="合肥市2023年国民经济和社会发展统计公报", text=text)
    [t] = find_tables(doc)
    facts = table_facts(t, doc, [])
    assert [(f.subject, f.indicator, f.year, f.claim_type) for f in facts] == [
        ("合肥", "粮食产量", 2023, "level"), ("合肥", "粮食产量", 2023, "growth_rate")]
    # a caption naming several places names no one subject of indicator rows
    several = text_document("表3 江苏、浙江主要指标\n\n指标\t2023\n粮食产量（万吨）\t612.3\n")
    [t2] = find_tables(several)
    assert [f.subject for f in table_facts(t2, several, [])] == [""]


def test_place_named_in_the_row_label_or_column_is_the_subject():
    text = ("表2 2015年与2022年两省主要指标\n\n指标\t2015\t2022\t年均增长(%)\n"
            "福建省发明专利授权量（件）\t7000\t21000\t17.0\n广东地区生产总值（亿元）\t72800\t129100\t8.5\n")
    doc = text_document(text)
    [t] = find_tables(doc)
    facts = table_facts(t, doc, [])
    assert [(f.subject, f.indicator, f.year) for f in facts if f.claim_type != "cagr"] == [
        ("福建", "发明专利授权量", 2015), ("福建", "发明专利授权量", 2022),
        ("广东", "地区生产总值", 2015), ("广东", "地区生产总值", 2022)]
    cagr = [f for f in facts if f.claim_type == "cagr"]
    assert [(f.subject, f.value, f.year, f.period_start, f.period_end) for f in cagr] == [
        ("福建", 17.0, None, 2015, 2022), ("广东", 8.5, None, 2015, 2022)]
    by_column = text_document("表5 2023年两省对比\n\n指标\t江苏省\t浙江省\n进出口总额（亿元）\t52000\t49000\n")
    [t3] = find_tables(by_column)
    assert [(f.subject, f.indicator, f.year) for f in table_facts(t3, by_column, [])] == [
        ("江苏", "进出口总额", 2023), ("浙江", "进出口总额", 2023)]


def test_year_rows_year_valued_cells_and_qualifiers():
    text = "表4 2019—2021年甲省主要指标\n\n年份\t企业数 (家)\t增速\n2019\t2020\t约5.1%\n2020年\t1998\t-2.0%\n"
    doc = text_document(text)
    [t] = find_tables(doc)
    assert t.columns == ["年份", "企业数 (家)", "增速"] and len(t.rows) == 2
    facts = table_facts(t, doc, [])
    firms = [(f.year, f.value, f.subject) for f in facts if f.indicator == "企业数"]
    assert firms == [(2019, 2020.0, ""), (2020, 1998.0, "")]  # a count of 2020 is a figure, not a year
    growth = next(f for f in facts if f.year == 2019 and f.indicator == "增速")
    assert (growth.value, growth.unit_normalized, growth.claim_type, growth.qualifier) == (5.1, "%", "growth_rate", "约")


def test_loader_blocks_and_passages_are_used():
    text = "表5 样例\n\n地区\t产值 (亿元)\n单列行\n甲地\t12.5\n\n注：虚构数据。"
    table_start = text.index("地区")
    table_end = text.index("\n\n注")
    blocks = [Block(kind="caption", start=0, end=5),
              Block(kind="table", start=table_start, end=table_end),
              Block(kind="note", start=table_end + 2, end=len(text))]
    doc = text_document(text, blocks)
    passage = Passage(passage_id="p1", doc_id="t", ordinal=0, start=table_start, end=table_end,
                      text=text[table_start:table_end])
    [t] = find_tables(doc)
    assert (t.caption, t.notes, t.char_start, t.char_end) == ("表5 样例", ["注：虚构数据。"], table_start, table_end)
    [f] = table_facts(t, doc, [passage])
    assert (f.passage_id, f.value_normalized, doc.text[f.char_start:f.char_end]) == ("p1", 1.25e9, "12.5")


def test_prose_with_tabs_or_bars_is_not_a_table():
    doc = text_document("一段\t缩进的文字。\n\n另一段 | 有竖线 | 的文字。\n\n| 只有一行 | 表 |")
    assert find_tables(doc) == []


def test_table_facts_rejects_a_foreign_document(paper):
    _, tables = paper
    with pytest.raises(KbError):
        table_facts(tables[0], text_document("短文本", doc_id="other"), [])


# --- CSV output -------------------------------------------------------------------------

def test_csv_bytes_bom_crlf_and_index(paper):
    _, tables = paper
    data = table_csv_bytes(tables[0])
    assert data.startswith("\ufeff地区,".encode("utf-8"))
    assert data.count(b"\r\n") == 4 and b"\n" not in data.replace(b"\r\n", b"")
    index = index_csv_bytes(tables).decode("utf-8-sig").splitlines()
    assert index[0] == "table_id,caption,doc_id,rows,columns,unit,notes"
    doc_id = paper[0].doc_id
    assert squash(index[2]).startswith(f"{doc_id}-2,表2京津冀地区和大湾区内地九市创新主体群落外向活跃度,{doc_id},22,4,,")


def test_write_tables_writes_one_csv_per_table_and_the_index(tmp_path):
    doc = raw_document(FIXTURES / "side_by_side.txt")
    tables = find_tables(doc)
    write_tables(tables, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["index.csv", "side_by_side-1.csv", "side_by_side-2.csv"]
    assert (tmp_path / "out" / "side_by_side-1.csv").read_bytes() == table_csv_bytes(tables[0])
    assert (tmp_path / "out" / "side_by_side-1.csv").read_bytes().decode("utf-8-sig") == (
        "城市,2020年,2021年\r\n甲市,100,120\r\n乙市,80,85\r\n丙市,90,95\r\n")


def test_write_tables_leaves_files_that_hold_the_same_bytes(tmp_path):
    doc = raw_document(FIXTURES / "side_by_side.txt")
    tables = find_tables(doc)
    out = tmp_path / "out"
    write_tables(tables, out)
    same, edited, linked = out / "side_by_side-1.csv", out / "side_by_side-2.csv", out / "index.csv"
    before = same.stat().st_mtime_ns, same.stat().st_ino
    edited.write_bytes(edited.read_bytes()[:-3])             # edited since kb wrote it
    target = tmp_path / "elsewhere.csv"
    target.write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(target)                                # a link: replaced, never written through
    write_tables(tables, out)
    assert (same.stat().st_mtime_ns, same.stat().st_ino) == before
    assert edited.read_bytes() == table_csv_bytes(tables[1])
    assert not linked.is_symlink() and target.read_bytes() == linked.read_bytes()


def test_committed_outputs_are_regenerated_byte_for_byte(tmp_path, tokenizer):
    """extracted_tables/ is what the loader's clean text of the corpus gives."""
    doc = loaded_document(PAPER, tokenizer)
    write_tables(find_tables(doc), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in COMMITTED.glob("*.csv"))
    for path in COMMITTED.glob("*.csv"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


# --- spanning headers captured aligned or not, and (indicator, place) label pairs ---------

SPAN_CAPTION = "表4 2021—2022年某地财政收支情况（单位：万元）\n\n"
SPAN_DATA = "一般公共预算收入\t5000\t5500\t10.0\n税收收入\t3000\t3150\t5.0\n"


@pytest.mark.parametrize("header", [
    "项目\t绝对额\t\t2022年比上年增长（%）\n\t2021年\t2022年\t\n",   # spans expanded by the loader
    "项目\t绝对额\t2022年比上年增长（%）\n2021年\t2022年\n",          # rowspan/colspan cells written once
])
def test_spanning_value_header_over_years_with_a_year_prefixed_growth_column(header):
    doc = text_document(SPAN_CAPTION + header + SPAN_DATA)
    [table] = find_tables(doc)
    assert table.columns == ["项目", "绝对额/2021年", "绝对额/2022年", "2022年比上年增长（%）"]
    assert table.unit == "万元"
    facts = table_facts(table, doc, [])
    by_key = {(f.indicator, f.year, f.claim_type): f for f in facts}
    level = by_key[("税收收入", 2021, "level")]
    assert (level.value, level.unit, level.value_normalized) == (3000, "万元", 3.0e7)
    growth = by_key[("税收收入", 2022, "growth_rate")]
    assert (growth.value, growth.unit, growth.period_start, growth.period_end) == (5.0, "%", 2021, 2022)
    assert len(facts) == 6


@pytest.mark.parametrize("header", [
    "指标\t2021年\t\t2022年\t\n\t总量\t增速（%）\t总量\t增速（%）\n",
    "指标\t2021年\t2022年\n总量\t增速（%）\t总量\t增速（%）\n",
])
def test_year_cells_spanning_value_and_growth_subcolumns(header):
    doc = text_document("表1 某市主要指标（单位：亿元）\n\n" + header + "工业增加值\t800\t6.5\t860\t7.5\n")
    [table] = find_tables(doc)
    assert table.columns == ["指标", "2021年/总量", "2021年/增速（%）", "2022年/总量", "2022年/增速（%）"]
    facts = {(f.year, f.claim_type): f for f in table_facts(table, doc, [])}
    assert facts[(2022, "level")].value == 860 and facts[(2022, "level")].unit == "亿元"
    assert facts[(2022, "growth_rate")].value == 7.5 and facts[(2022, "growth_rate")].unit == "%"
    assert facts[(2021, "growth_rate")].value == 6.5


def test_short_rows_that_are_not_a_spanning_header_are_padded_as_before():
    doc = text_document("地区\t2021年\t2022年\t备注\n甲市\t10\t12\n乙市\t8\t9\n")
    [table] = find_tables(doc)
    assert table.columns == ["地区", "2021年", "2022年", "备注"]
    assert table.rows[0] == ["甲市", "10", "12", ""]


def test_indicator_and_place_label_columns_with_a_merged_indicator_cell():
    text = ("表2 2020—2022年江苏、浙江普惠贷款余额（亿元）\n\n"
            "指标\t省份\t2020年\t2022年\n"
            "普惠贷款余额\t江苏\t900\t1300\n\t浙江\t800\t1100\n\t合计\t1700\t2400\n"
            "涉农贷款余额\t江苏\t500\t650\n\t浙江\t450\t600\n")
    doc = text_document(text)
    [table] = find_tables(doc)
    assert [r[:2] for r in table.rows] == [["普惠贷款余额", "江苏"], ["普惠贷款余额", "浙江"],
                                           ["普惠贷款余额", "合计"], ["涉农贷款余额", "江苏"],
                                           ["涉农贷款余额", "浙江"]]
    facts = {(f.subject, f.indicator, f.year): f for f in table_facts(table, doc, [])}
    assert facts[("浙江", "普惠贷款余额", 2020)].value == 800
    assert facts[("江苏", "涉农贷款余额", 2022)].value_normalized == 650e8
    assert facts[("", "普惠贷款余额合计", 2022)].value == 2400   # a statistic row: no one place


def test_place_label_column_first_and_indicator_second():
    text = "地区\t指标\t2023年\n上海\t常住人口（万人）\t2487\n\t地区生产总值（亿元）\t47219\n"
    doc = text_document(text)
    [table] = find_tables(doc)
    facts = {(f.subject, f.indicator): f for f in table_facts(table, doc, [])}
    assert facts[("上海", "常住人口")].unit_normalized == "person"
    assert facts[("上海", "地区生产总值")].value_normalized == 47219e8


def test_unit_stated_after_the_caption_without_brackets():
    doc = text_document("表3 2023年各区社会消费品零售总额　单位：亿元\n\n地区\t2023年\n东区\t120.5\n西区\t98.0\n")
    [table] = find_tables(doc)
    assert table.unit == "亿元"
    facts = table_facts(table, doc, [])
    assert [(f.subject, f.value_normalized) for f in facts] == [("东区", 120.5e8), ("西区", 98.0e8)]


def test_a_unit_line_with_the_currency_after_it():
    # 单位：元 币种：人民币 above a listed company's table of its main figures
    doc = text_document("3.1 近3年的主要会计数据\n\n单位：元 币种：人民币\n\n项目\t2024年\t2023年\n"
                        "总资产\t8,934,562,173.08\t8,012,447,936.51\n营业收入\t5,126,384,517.36\t4,561,927,403.85\n")
    [table] = find_tables(doc)
    assert table.unit == "元"
    assert {f.unit_normalized for f in table_facts(table, doc, [])} == {"CNY"}


# --- 单位 lists and 单位 columns (statistical bulletins, financial reports) -----------

def fixture_facts(name: str, **metadata):
    path = FIXTURES / name
    doc = Document(doc_id=path.stem, doc_path=path.name, text=path.read_text(encoding="utf-8"), **metadata)
    tables = find_tables(doc)
    assert len(tables) == 1
    return doc, tables[0], table_facts(tables[0], doc, [])


def one(facts, indicator, column_part):
    hits = [f for f in facts if f.indicator == indicator and column_part in f.quote.split("｜")[2]]
    assert len(hits) == 1, [(f.indicator, f.quote) for f in facts]
    return hits[0]


def test_unit_list_caption_applies_by_column():
    _, table, facts = fixture_facts("multi_unit.txt")
    assert table.unit == "万元、%"
    level = one(facts, "各项存款年末余额", "年末余额")
    assert (level.unit, level.unit_normalized, level.value_normalized, level.claim_type) == ("万元", "CNY", 1.2e7, "level")
    added = one(facts, "各项存款/比年初增加", "比年初增加")
    assert (added.unit_normalized, added.value_normalized, added.claim_type) == ("CNY", 1e6, "change")
    growth = one(facts, "各项存款", "同比增长")
    assert (growth.unit, growth.value, growth.claim_type, growth.year) == ("%", 9.1, "growth_rate", 2022)
    share = one(facts, "单位存款占比", "占比")  # 其中： marks a part; the indicator is the part's name
    assert (share.unit_normalized, share.value, share.claim_type) == ("%", 40.0, "share")


def test_unit_list_on_a_unit_line_and_an_amount_column_beside_a_rate():
    text = ("表5 分行业贷款\n单位：亿元；%\n\n行业\t余额\t同比增加\t同比\t不良率\n"
            "制造业\t300\t20\t7.1\t1.5\n批发零售业\t200\t-5\t-2.4\t2.5\n")
    doc = text_document(text)
    [table] = find_tables(doc)
    assert table.unit == "亿元；%"
    facts = {(f.subject or f.indicator, f.quote.split("｜")[2]): f for f in table_facts(table, doc, [])}
    by_column = {col: f for (_, col), f in facts.items() if f.value in (300, 20, 7.1, 1.5)}
    assert by_column["余额"].unit_normalized == "CNY"
    assert (by_column["同比增加"].unit_normalized, by_column["同比增加"].claim_type) == ("CNY", "change")
    assert (by_column["同比"].unit, by_column["同比"].claim_type) == ("%", "growth_rate")
    assert by_column["不良率"].unit == "%"


def test_a_caption_unit_that_is_not_a_unit_list_is_ignored():
    doc = text_document("表6 各区情况（东部、西部）\n\n地区\t2022年\n甲区\t5\n乙区\t6\n")
    [table] = find_tables(doc)
    assert table.unit == ""


def test_indicator_unit_years_growth_table_of_a_county_bulletin():
    from kb.figures.facts import document_carry

    doc, table, facts = fixture_facts("county_items.txt", title="青山县2022年国民经济和社会发展统计公报")
    assert table.columns == ["指标", "单位", "2021年", "2022年", "增长%"]
    place = document_carry(doc).subject
    assert {f.subject for f in facts} == {place}
    # the 单位 column gives each row's unit and is neither subject nor indicator
    old, new = one(facts, "水泥产量", "2021年"), one(facts, "水泥产量", "2022年")
    assert (old.year, new.year, new.unit, new.unit_normalized, new.value_normalized) == (2021, 2022, "万吨", "t", 1.263e6)
    pigs = one(facts, "生猪出栏", "2022年")  # a row naming its own measure keeps it
    assert (pigs.unit_normalized, pigs.value_normalized, pigs.claim_type) == ("count", 2.1e5, "count")
    assert one(facts, "发电量", "2022年").unit_normalized == "kWh"
    assert one(facts, "熟料产量", "2022年").value == 94.5  # "#" marks a part (其中)
    # the bare 增长% column: the row's growth from the earlier year column to the later
    growth = one(facts, "饲料产量", "增长%")
    assert (growth.value, growth.unit, growth.claim_type, growth.year) == (-4.0, "%", "growth_rate", 2022)
    assert (growth.period_start, growth.period_end) == (2021, 2022)


def test_county_table_subject_from_a_known_place_title():
    # 湘潭县 is the county, not the city 湘潭 it is named after
    doc, _, facts = fixture_facts("county_items.txt", title="湘潭县2022年国民经济和社会发展统计公报")
    assert {f.subject for f in facts} == {"湘潭县"}


def test_a_column_numbering_the_rows_leaves_the_name_after_it_to_label_them(tmp_path):
    # a ranking typeset with spaces in plain text: 名次 numbers the rows, the company names them
    path = tmp_path / "ranking.txt"
    path.write_text("2023年某省百强企业营业收入\n\n名次      企业名称                  营业收入(万元)\n"
                    "1         甲集团有限公司              3501297\n2         乙控股集团公司              2467760\n"
                    "3         丙电力公司                   986963\n", encoding="utf-8")
    doc = loaded_document(path, shared_tokenizer())
    [t] = find_tables(doc)
    assert t.columns[:2] == ["名次", "企业名称"]
    facts = table_facts(t, doc, [])
    assert [(f.subject, f.value_normalized) for f in facts] == [
        ("甲集团有限公司", 35012970000.0), ("乙控股集团公司", 24677600000.0), ("丙电力公司", 9869630000.0)]
    assert {f.indicator for f in facts} == {"营业收入"}


def test_a_ranking_of_counties_is_keyed_by_its_county_column_not_the_rank_or_parent():
    # 排名 | 县（市） | 所属地市: the rank and the city a county belongs to name no row; the total has no rank
    text = ("表2 2024年某省县域经济前三强\n\n排名\t县（市）\t所属地市\tGDP（亿元）\t增速（%）\n"
            "1\t昆山市\t苏州市\t5140.6\t3.5\n2\t江阴市\t无锡市\t4950.2\t5.3\n3\t张家港市\t苏州市\t3550.1\t4.3\n"
            "—\t合计\t—\t13640.9\t—\n")
    doc = text_document(text)
    [t] = find_tables(doc)
    facts = table_facts(t, doc, [])
    assert [(f.subject, f.indicator, f.value) for f in facts if f.unit_normalized == "CNY"] == [
        ("昆山", "GDP", 5140.6), ("江阴", "GDP", 4950.2), ("张家港", "GDP", 3550.1), ("", "GDP合计", 13640.9)]


def test_item_rows_under_measure_columns_read_as_one_name():
    # a row of items (春播) under a two-row header of measures (面积 … 产量) and years: 春播面积,
    # as the text writes it; a row that names its own measure, a growth column and a column that
    # starts where the row ends (太阳能发电 | 发电量) keep their sense
    text = ("表1 2030年某省作物面积、产量和发电量\n"
            "项目\t播种面积（万亩）\t\t总产量（万吨）\t\t发电量（亿千瓦时）\t同比增长（%）\n"
            "\t2030年\t2029年\t2030年\t2029年\t2030年\t2030年\n"
            "春播\t2100.2\t2095.1\t905.3\t899.0\t\t\n"
            "太阳能发电\t\t\t\t\t35.6\t12.4\n")
    doc = text_document(text, [Block(kind="caption", start=0, end=text.index("\n")),
                               Block(kind="table", start=text.index("项目"), end=len(text) - 1)])
    [t] = find_tables(doc)
    facts = table_facts(t, doc, [])
    names = {(f.indicator, f.value, f.year) for f in facts}
    assert ("春播播种面积", 2095.1, 2029) in names and ("春播总产量", 905.3, 2030) in names
    assert ("太阳能发电量", 35.6, 2030) in names
    assert next(f.indicator for f in facts if f.value == 12.4) == "太阳能发电"


def test_a_spaced_indicator_header_years_with_units_and_group_words():
    # 指 标 (spaced out) heads indicator rows; 2030年末（万人） is a year with its unit; 按城乡分：
    # groups the rows below, it is no part of a row's name
    text = ("表1 2030年末某市常住人口主要数据\n指 标\t2030年末（万人）\t2029年末（万人）\n"
            "全市常住人口\t812.40\t805.10\n按城乡分：城镇\t600.20\t590.70\n乡村\t212.20\t214.40\n")
    doc = text_document(text, [Block(kind="caption", start=0, end=text.index("\n")),
                               Block(kind="table", start=text.index("指"), end=len(text) - 1)])
    [t] = find_tables(doc)
    got = {(f.indicator, f.year, f.value) for f in table_facts(t, doc, [])}
    assert {("全市常住人口", 2029, 805.1), ("城镇", 2030, 600.2), ("乡村", 2029, 214.4)} <= got
