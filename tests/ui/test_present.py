"""kb.ui.present: escaping, highlights, check lines, frames (strings only), documents, download bytes."""

from __future__ import annotations

import json

import pytest

from kb.models import Check, ClaimVerdict, Document, Fact, Passage, Table
from kb.store.export import table_csv_bytes
from kb.ui import present
from kb.ui.payloads import facts_csv_bytes, facts_json_bytes
from kb.ui.words import words

ZH, EN = words("zh"), words("en")

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


def test_styled_markdown_marks_cited_figures_and_terms_first_kind_wins():
    text = "2020年京津冀数字经济规模为3.91万亿元"
    md = present.styled_markdown(text, {"cited": [(15, 22)], "figure": [(15, 22)], "term": [(5, 11), (0, 5)]})
    assert md == (":orange-background[2020年京津冀数字经]济规模为"
                  r":red-background[3\.91万亿元]")


def test_clean_label_joins_a_wrapped_region_name():
    assert present.clean_label("大湾区 内地九市") == "大湾区内地九市"
    assert present.clean_label(" New  York ") == "New York"


def test_surrounding_paragraph_is_the_paragraph_within_a_margin():
    d = doc(text="前一段。\n\n甲乙丙丁戊己庚辛。\n\n后一段。")
    p = passage(start=8, end=10, text="丙丁")
    assert present.surrounding_paragraph(d, p) == "甲乙丙丁戊己庚辛。"
    assert present.surrounding_paragraph(d, p, margin=1) == "乙丙丁戊"


def test_passage_spans_are_local_to_the_passage():
    spans = present.passage_spans(passage(), [fact(), fact(fact_id="f2", char_start=29, char_end=33)], ["示范区"],
                                  cited=["f2"])
    assert spans == {"cited": [(22, 26)], "figure": [(12, 20)], "term": [(5, 8)]}


# --- checks and verdicts --------------------------------------------------------

CHECK = Check(check_id="c1", kind="cagr", doc_id="demo", passage_id="p1", stated_value=11.85,
              formula="((340.53 / 36.26)^(1/20) − 1) × 100 = 11.8501 %",
              recomputed_value=11.85010057, tolerance=0.00581, verdict="consistent",
              explanation="recomputed 11.8501: consistent")
STATED = fact(value=11.85, value_text="11.85", unit="%", scale=1.0, unit_n="%", claim_type="cagr",
              indicator="注册资本", measure="cagr", figure_text="11.85%", period_start_month="2000-01",
              period_end_month="2020-12")


def test_check_lines_show_badge_what_is_measured_and_stated_against_recomputed():
    assert present.check_markdown(CHECK, STATED, ZH) == (
        r":green-badge[✓ 一致] **年均增长率** · 衡量：示范区 · 注册资本 · 2000—2020年 · 年均增长")
    assert present.check_numbers_markdown(CHECK, STATED, ZH) == (
        r"原文 **11\.85%** · 重算 **11\.850%** · 容差 ±0\.0058")
    near = fact(value=1.0, value_text="1", unit="倍", scale=1.0, unit_n="times", claim_type="multiple",
                qualifier="近", figure_text="近1倍")
    wrong = CHECK.model_copy(update={"recomputed_value": 0.8182, "verdict": "inconsistent", "tolerance": None})
    assert present.check_numbers_markdown(wrong, near, ZH) == r"原文 **近1倍** · 重算 **0\.818倍**"
    assert present.check_numbers_markdown(CHECK.model_copy(update={"recomputed_value": None}), STATED, ZH) == ""
    assert present.badge("inconsistent", ZH) == ":red-badge[✗ 不一致]"
    assert present.badge("not_found", EN) == ":gray-badge[? not found]"


def test_explanations_are_translated_or_labelled():
    text = "39.8% (share): nothing compared, the part and the whole are not both stated in the sentence."
    assert present.explanation_markdown(text, ZH) == r"39\.8%（占比）：未作比较，部分与整体没有同时出现在句中。"
    assert present.explanation_markdown("Something new.", ZH) == r"说明（英文原文）：Something new\."
    assert present.explanation_markdown(text, EN) == present.escape_markdown(text)


def test_sort_and_count_checks_put_inconsistent_first():
    checks = [CHECK.model_copy(update={"check_id": i, "verdict": v})
              for i, v in (("a", "consistent"), ("b", "inconsistent"), ("c", "unverifiable"))]
    assert [c.check_id for c in present.sort_checks(checks)] == ["b", "c", "a"]
    assert present.verdict_counts(checks) == {"inconsistent": 1, "unverifiable": 1, "consistent": 1}
    assert present.counts_markdown(checks[:2], ZH, present.CHECK_VERDICTS) == (
        ":red-badge[✗ 不一致] 1 · :green-badge[✓ 一致] 1")


def test_verdict_markdown_and_claim_lines():
    v = ClaimVerdict(claim="x 0.9", verdict="contradicted", explanation="states 0.71, claim 0.9")
    assert present.verdict_markdown(v, ZH) == r":red-badge[✗ 不符] **x 0\.9**"
    assert present.split_claims(" 甲 1%\n\n  乙 2% \n") == ["甲 1%", "乙 2%"]


def test_quote_marks_the_stated_figure():
    assert present.quote_markdown("增长近1倍；", "近1倍") == r"增长:red-background[近1倍]；"
    assert present.figure_in("增长近 1倍", STATED) == ""


# --- frames ------------------------------------------------------------------

def test_facts_frame_is_strings_figure_first():
    frame = present.facts_frame([fact(), fact(fact_id="f2", year=None, figure_text="约1234.5亿元")], ZH)
    assert list(frame.columns)[:3] == ["figure", "value", "subject"]
    assert frame["figure"].tolist() == ["1234.5亿元", "约1234.5亿元"]
    assert frame["value"].tolist() == ["1234.5亿元", "1234.5亿元"]
    assert frame["period"].tolist() == ["2023年", ""]
    assert all(isinstance(v, str) for v in frame.values.ravel())
    assert present.facts_frame([], ZH).empty


def test_documents_frame_counts():
    frame = present.documents_frame([doc()], {"demo": {"passages": 3, "facts": 2, "checks": 1}}, ZH)
    row = frame.iloc[0].to_dict()
    assert (row["标题"], row["段落数"], row["数字数"], row["表格数"], row["核验数"]) == (
        "示范区统计公报", 3, 2, 0, 1)


TABLE = Table(table_id="demo-1", doc_id="demo", ordinal=1, caption="表1 主要指标", unit="亿元",
              notes=["注：示例。"], columns=["地区", "产值/2014年", "产值/2022年", "产值/2022年"],
              rows=[["甲市", "1", "2", "x"], ["乙市", "3", "4"]], char_start=0, char_end=10)


def test_table_frame_pads_rows_and_dedupes_columns():
    frame = present.table_frame(TABLE)
    assert list(frame.columns) == ["地区", "产值/2014年", "产值/2022年", "产值/2022年 (2)"]
    assert frame.values.tolist() == [["甲市", "1", "2", "x"], ["乙市", "3", "4", ""]]


def test_table_source_names_the_document():
    assert present.table_source(TABLE, doc(), ZH) == r"示范区统计公报 · 示范区统计局 · 2024\-03 · 单位：亿元"


def test_document_markdown_marks_passages_headings_and_figures():
    d = doc(text="标题\n第二行\n\n正文<script>x</script>。增长6.2%。")
    p = passage(start=8, end=len(d.text), text=d.text[8:], ordinal=0)
    f = fact(fact_id="f9", char_start=len(d.text) - 5, char_end=len(d.text) - 1)
    md = present.document_markdown(d, [p], [f], ZH)
    assert md.startswith("**标题**  \n**第二行**\n\n:gray-badge[[第1段](?tab=documents&doc=demo&passage=p1)] ")
    assert md.endswith(r"正文\<script\>x\</script\>。增长:blue-background[6\.2%]。")
    focused = present.document_markdown(d, [p], [f], ZH, focus="p1", cited=["f9"])
    assert ":red-badge[▶ 第1段]" in focused and r":red-background[6\.2%]" in focused


# --- download bytes (what the page serves) -----------------------------------------

def test_fact_download_bytes_are_exact():
    f = fact(subject="=HYPERLINK(1)")
    csv = facts_csv_bytes([f], {"demo": "示范区统计局"})
    assert csv.startswith(b"\xef\xbb\xbffact_id,doc_id,doc_path,passage_id,char_start,")
    assert csv.endswith(b"\r\n")
    line = csv.decode("utf-8-sig").split("\r\n")[1]
    assert line.startswith("f1,demo,,p1,19,27,") and ",'=HYPERLINK(1),地区生产总值,2023,,,1234.5,亿元," in line
    assert line.endswith(",示范区统计局")
    data = json.loads(facts_json_bytes([f], {"demo": "示范区统计局"}))
    assert list(data) == ["facts"] and data["facts"][0]["value_normalized"] == 123450000000.0
    assert data["facts"][0]["doc_publisher"] == "示范区统计局"
    assert facts_csv_bytes([]) == ("\ufefffact_id,doc_id,doc_path,passage_id,char_start,char_end,quote,subject,"
                                   "indicator,year,period_start,period_end,value,unit,value_normalized,"
                                   "unit_normalized,claim_type,qualifier,source_kind,table_id,subject_key,"
                                   "indicator_key,measure,basis,scope,period_start_month,period_end_month,"
                                   "figure_text,status,value_low,value_high,page,doc_title,doc_date,direction,"
                                   "value_text,doc_publisher\r\n").encode()


def test_table_download_bytes_are_exact():
    assert table_csv_bytes(TABLE).decode("utf-8-sig").startswith("地区,产值/2014年,产值/2022年,")


def test_facts_csv_of_the_corpus_equals_the_column_by_column_export(corpus_kb):
    """The CSV dumps each fact once (it dumped it once per column): same bytes."""
    from kb.store.export import fact_columns, rows_csv_bytes
    from kb.ui.payloads import PUBLISHER_COLUMN

    facts = corpus_kb.all_facts()
    publishers = {d.doc_id: d.publisher for d in corpus_kb.documents()}
    expected = rows_csv_bytes(fact_columns() + (PUBLISHER_COLUMN,),
                              ([*(f.export_row()[c] for c in fact_columns()), publishers.get(f.doc_id, "")]
                               for f in facts))
    assert len(facts) > 100
    assert facts_csv_bytes(facts, publishers) == expected


def test_every_check_kind_kb_writes_has_a_chinese_name():
    # every kind the team baseline's checks use (tests/golden/baseline/*/verify.json) is named on the page
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "golden" / "baseline"
    kinds = {c["kind"] for f in root.glob("*/verify.json") for c in json.loads(f.read_text(encoding="utf-8"))["checks"]}
    zh = words("zh")
    assert kinds and all(zh.term("kind", k) != k for k in kinds), sorted(k for k in kinds if zh.term("kind", k) == k)
