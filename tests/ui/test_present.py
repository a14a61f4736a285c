"""kb.ui.present: escaping, citations, check lines, frames, and the bytes of downloads."""

from __future__ import annotations

import json

import pytest

from kb.store.export import table_csv_bytes
from kb.models import Check, ClaimVerdict, Document, Evidence, Fact, Passage, Table
from kb.store.export import facts_csv_bytes, facts_json_bytes
from kb.ui import present

TEXT = "示范区概况\n\n2023年示范区地区生产总值1234.5亿元，增长6.2%。"


def doc(**kw) -> Document:
    base = dict(doc_id="demo", doc_path="demo.txt", title="示范区统计公报", publisher="示范区统计局",
                date="2024-03", text=TEXT)
    return Document(**{**base, **kw})


def passage(**kw) -> Passage:
    base = dict(passage_id="p1", doc_id="demo", ordinal=0, section="一、总体 › （一）经济",
                start=7, end=len(TEXT), text=TEXT[7:])
    return Passage(**{**base, **kw})


def fact(value=1234.5, value_text="1234.5", unit="亿元", scale=1e8, unit_n="CNY", **kw) -> Fact:
    base = dict(fact_id="f1", doc_id="demo", passage_id="p1", char_start=19, char_end=27,
                quote=TEXT[7:], subject="示范区", indicator="地区生产总值", year=2023,
                value=value, value_text=value_text, unit=unit, scale=scale,
                value_normalized=value * scale, unit_normalized=unit_n, claim_type="level")
    return Fact(**{**base, **kw})


# --- escaping -----------------------------------------------------------------

@pytest.mark.parametrize("raw, escaped", [
    ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
    ('<img src=x onerror="x()">', r'\<img src\=x onerror\="x\(\)"\>'),
    ("[链接](javascript:alert(1))", r"\[链接\]\(javascript\:alert\(1\)\)"),
    ("**粗体** _斜_ `码` $x^2$", r"\*\*粗体\*\* \_斜\_ \`码\` \$x^2\$"),
    ("# 标题\n- 项", r"\# 标题  " + "\n" + r"\- 项"),
    (":red[红] :smile:", r"\:red\[红\] \:smile\:"),
    ("增长6.2%", r"增长6\.2%"),
])
def test_escape_markdown_leaves_no_markup(raw, escaped):
    assert present.escape_markdown(raw) == escaped


def test_highlight_marks_spans_and_escapes_the_rest():
    text = "碳排放强度为0.71吨/万元<b>"
    assert present.highlight_markdown(text, [(0, 5), (2, 4)]) == (
        r":orange-background[碳排放强度]为0\.71吨/万元\<b\>")
    assert present.highlight_markdown("a*b", []) == r"a\*b"


def test_number_text_and_figure_text():
    assert present.number_text(3.0) == "3"
    assert present.number_text(11.85010057) == "11.8501"
    assert present.number_text(None) == "—"
    assert present.number_text(float("nan")) == "—"
    assert present.figure_text(fact()) == "1234.5亿元"
    assert present.figure_text(fact(qualifier="约")) == "约1234.5亿元"
    assert present.figure_text(fact(value=2.0, value_text="", unit="倍", scale=1.0,
                                    unit_n="times", claim_type="multiple")) == "2倍"


# --- citations ----------------------------------------------------------------

def test_citation_names_title_publisher_date_section_and_span():
    assert present.citation_text(doc(), passage()) == (
        f"示范区统计公报 · 示范区统计局 · 2024-03 · 一、总体 › （一）经济 · characters 7–{len(TEXT)}")
    assert present.citation(doc(), passage()).startswith(r"示范区统计公报 · 示范区统计局 · 2024\-03")
    assert present.citation_text(None, passage(section="")) == f"demo · characters 7–{len(TEXT)}"


def test_surrounding_paragraph_is_the_paragraph_within_a_margin():
    d = doc(text="前一段。\n\n甲乙丙丁戊己庚辛。\n\n后一段。")
    p = passage(start=8, end=10, text="丙丁")
    assert present.surrounding_paragraph(d, p) == "甲乙丙丁戊己庚辛。"
    assert present.surrounding_paragraph(d, p, margin=1) == "乙丙丁戊"


def test_passage_link_is_a_relative_query():
    assert present.passage_link("p8d211bbd057d") == "?passage=p8d211bbd057d"


def test_evidence_markdown_cites_the_passage():
    ev = Evidence(fact=fact(), passage_id="p1", quote="增长<b>6.2%</b>", doc_id="demo")
    md = present.evidence_markdown(ev, doc(), passage())
    assert md.startswith(r"**1234\.5亿元** 示范区 地区生产总值 2023")
    assert "示范区统计公报 · 示范区统计局" in md and r"\<b\>6\.2%\</b\>" in md
    assert "characters 19–27" in present.evidence_markdown(ev, None, None)


# --- checks and verdicts --------------------------------------------------------

CHECK = Check(check_id="c1", kind="cagr", doc_id="demo", passage_id="p1", stated_value=11.85,
              formula="((340.53 / 36.26)^(1/20) − 1) × 100 = 11.8501 %",
              recomputed_value=11.85010057, tolerance=0.00581, verdict="consistent",
              explanation="recomputed 11.8501: consistent")


def test_check_lines_show_badge_numbers_and_explanation():
    assert present.check_markdown(CHECK) == r":green-badge[consistent] **cagr** · stated 11\.85"
    assert present.check_numbers_markdown(CHECK) == (
        r"stated **11\.85** · recomputed **11\.8501** · tolerance ±0\.0058")
    bare = CHECK.model_copy(update={"recomputed_value": None, "verdict": "unverifiable",
                                    "explanation": "nothing compared (base missing)"})
    assert present.check_numbers_markdown(bare) == r"nothing compared \(base missing\)"
    assert present.badge("inconsistent") == ":red-badge[inconsistent]"
    assert present.badge("not_found") == r":gray-badge[not\_found]"


def test_sort_and_count_checks_put_inconsistent_first():
    checks = [CHECK.model_copy(update={"check_id": i, "verdict": v})
              for i, v in (("a", "consistent"), ("b", "inconsistent"), ("c", "unverifiable"))]
    assert [c.check_id for c in present.sort_checks(checks)] == ["b", "c", "a"]
    assert present.verdict_counts(checks) == {"inconsistent": 1, "unverifiable": 1, "consistent": 1}


def test_verdict_markdown_and_claim_lines():
    v = ClaimVerdict(claim="x", verdict="contradicted", explanation="states 0.71, claim 0.9")
    assert present.verdict_markdown(v) == r":red-badge[contradicted] states 0\.71, claim 0\.9"
    assert present.split_claims(" 甲 1%\n\n  乙 2% \n") == ["甲 1%", "乙 2%"]


# --- frames ------------------------------------------------------------------

def test_facts_frame_is_compact_and_typed():
    frame = present.facts_frame([fact(), fact(fact_id="f2", year=None)])
    assert list(frame.columns) == present.FACT_DISPLAY_COLUMNS
    assert frame["figure"].tolist() == ["1234.5亿元", "1234.5亿元"]
    assert str(frame["year"].dtype) == "Int64" and frame["year"].isna().tolist() == [False, True]
    assert frame["value_normalized"].tolist() == [123450000000.0, 123450000000.0]
    assert present.facts_frame([]).empty


def test_compact_facts_frame_shows_blank_years():
    frame = present.compact_facts_frame([fact(), fact(fact_id="f2", year=None)])
    assert list(frame.columns) == ["subject", "indicator", "year", "figure", "claim_type", "fact_id"]
    assert frame["year"].tolist() == ["2023", ""]


def test_documents_frame_counts():
    frame = present.documents_frame([doc()], {"demo": {"passages": 3, "facts": 2, "checks": 1}})
    row = frame.iloc[0].to_dict()
    assert (row["title"], row["passages"], row["facts"], row["tables"], row["checks"]) == (
        "示范区统计公报", 3, 2, 0, 1)


TABLE = Table(table_id="demo-1", doc_id="demo", ordinal=1, caption="表1 主要指标", unit="亿元",
              notes=["注：示例。"], columns=["地区", "产值/2014年", "产值/2022年", "产值/2022年"],
              rows=[["甲市", "1", "2", "x"], ["乙市", "3", "4"]], char_start=0, char_end=10)


def table_fact(subject, year, value, i):
    return fact(fact_id=f"t{i}", subject=subject, indicator="产值", year=year, value=value,
                value_text=str(value), scale=1e8, source_kind="table", table_id="demo-1")


def test_table_frame_pads_rows_and_dedupes_columns():
    frame = present.table_frame(TABLE)
    assert list(frame.columns) == ["地区", "产值/2014年", "产值/2022年", "产值/2022年 (2)"]
    assert frame.values.tolist() == [["甲市", "1", "2", "x"], ["乙市", "3", "4", ""]]


def test_table_chart_puts_years_side_by_side_per_region():
    facts = [table_fact("甲市", 2014, 1.0, 1), table_fact("甲市", 2022, 2.0, 2),
             table_fact("乙市", 2014, 3.0, 3), table_fact("乙市", 2022, 4.0, 4)]
    indicator, frame = present.table_chart_frame(TABLE, facts)
    assert indicator == "产值"
    assert list(frame.columns) == ["2014", "2022"]
    assert frame.loc["乙市"].tolist() == [3.0, 4.0]
    # one year only: bars by region; no table facts: no chart
    indicator, frame = present.table_chart_frame(TABLE, facts[::2])
    assert frame["value"].to_dict() == {"甲市": 1.0, "乙市": 3.0}
    assert present.table_chart_frame(TABLE, [fact()]) is None


def test_table_source_names_the_document():
    assert present.table_source(TABLE, doc()) == (
        r"示范区统计公报 · 示范区统计局 · 2024\-03 · characters 0–10 · unit 亿元")


def test_document_markdown_marks_passages_and_escapes():
    d = doc(text="标题\n\n正文<script>x</script>。")
    p = passage(start=4, end=len(d.text), text=d.text[4:], ordinal=0)
    assert present.document_markdown(d, [p]) == (
        f"**标题**\n\n:gray-badge[¶0 · 4–{len(d.text)}] 正文\\<script\\>x\\</script\\>。")


# --- download bytes (what the page serves) -----------------------------------------

def test_fact_download_bytes_are_exact():
    f = fact(subject="=HYPERLINK(1)")
    csv = facts_csv_bytes([f])
    assert csv.startswith(b"\xef\xbb\xbffact_id,doc_id,doc_path,passage_id,char_start,")
    assert csv.endswith(b"\r\n")
    line = csv.decode("utf-8-sig").split("\r\n")[1]
    assert line.startswith("f1,demo,,p1,19,27,") and ",'=HYPERLINK(1),地区生产总值,2023,,,1234.5,亿元," in line
    data = json.loads(facts_json_bytes([f]))
    assert list(data) == ["facts"] and data["facts"][0]["value_normalized"] == 123450000000.0
    assert facts_csv_bytes([]) == ("\ufefffact_id,doc_id,doc_path,passage_id,char_start,char_end,quote,subject,"
                                   "indicator,year,period_start,period_end,value,unit,value_normalized,"
                                   "unit_normalized,claim_type,qualifier,source_kind,table_id,subject_key,"
                                   "indicator_key,measure,basis,scope,period_start_month,period_end_month,"
                                   "figure_text,status,value_low,value_high,page,doc_title,doc_date,direction,"
                                   "value_text\r\n").encode()


def test_table_download_bytes_are_exact():
    assert table_csv_bytes(TABLE).decode("utf-8-sig").startswith("地区,产值/2014年,产值/2022年,")
