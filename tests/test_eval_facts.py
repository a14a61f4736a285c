"""Tests of scripts/eval_facts.py (pure matching logic, tiny synthetic inputs) and the gold files' integrity."""

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

from kb.models import CLAIM_TYPES, unit_is_allowed
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("eval_facts", ROOT / "scripts" / "eval_facts.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

TEXT = "2022年，河北省数字经济规模\n达3.91万亿元，增长\n12.5%。十年来发展迅速。"


def _fact(start, end, value, **kw):
    return {"doc_id": "d", "char_start": start, "char_end": end, "value_normalized": value,
            "source_kind": "text", "subject": kw.get("subject", "河北省"),
            "indicator": kw.get("indicator", "数字经济规模"), "year": kw.get("year", 2022)}


GOLD = [
    {"doc_id": "d", "anchor": "规模达3.91万亿元", "surface": "3.91万亿元", "value_normalized": 3.91e12,
     "subject": "河北", "indicator": "数字经济规模", "year": 2022},
    {"doc_id": "d", "anchor": "增长 12.5%。", "surface": "12.5%", "value_normalized": 12.5,
     "subject": "河北", "indicator": "数字经济规模增速", "year": 2022},
    {"doc_id": "d", "anchor": "十年来发展迅速", "surface": "十年", "negative": True, "reason": "duration"},
]


def test_locate_ignores_whitespace_and_line_breaks():
    start, end = ev.locate(TEXT, "规模达3.91万亿元", "3.91万亿元")
    assert TEXT[start:end] == "3.91万亿元"
    start, end = ev.locate(TEXT, "增长12.5%", "12.5%")
    assert TEXT[start:end] == "12.5%"
    assert ev.locate("数字\n经济规模为 3.9 万亿元", "规模为3.9万亿元", "3.9万亿元") == (9, 16)


def test_locate_missing_anchor_or_surface():
    assert ev.locate(TEXT, "不存在的锚", "3.91") is None
    assert ev.locate(TEXT, "规模达3.91万亿元", "4.5%") is None


def test_spans_and_values():
    assert ev.spans_overlap((0, 5), (4, 9)) and not ev.spans_overlap((0, 5), (5, 9))
    assert ev.values_agree(3.91e12, 3.9100000001e12) and not ev.values_agree(3.91e12, 3.92e12)


@pytest.mark.parametrize("gold,pred,ok", [
    ("北京", "北京市", True), ("河北", "河北省", True), ("京津冀", "京津冀地区", True),
    ("京津冀", "京津冀城市群", True), ("全国", "我国", True), ("全国", "中国", True),
    ("天津", "北京", False), ("", "", True),
])
def test_subject_match(gold, pred, ok):
    assert ev.subject_match(gold, pred) is ok


@pytest.mark.parametrize("gold,pred,ok", [
    ("数字经济规模", "京津冀数字经济规模", True),           # containment
    ("高校平均R&D经费支出", "高校R&D经费支出", True),        # overlap ≥ 0.6
    ("碳排放强度", "技术合同成交额", False), ("", "", True), ("数字经济规模", "", False),
])
def test_indicator_match(gold, pred, ok):
    assert ev.indicator_match(gold, pred) is ok


def test_parse_gold_lines_skips_comments_and_blanks():
    lines = ['{"_comment": "rules"}', "", json.dumps(GOLD[0], ensure_ascii=False)]
    entries = ev.parse_gold_lines(lines)
    assert len(entries) == 1 and entries[0]["_line"] == 3


def test_score_precision_recall_negatives_and_fields():
    s_gdp = TEXT.index("3.91")
    s_pct = TEXT.index("12.5")
    s_neg = TEXT.index("十年")
    preds = [
        _fact(s_gdp, s_gdp + 8, 3.91e12),                       # correct, fields right
        _fact(s_pct, s_pct + 5, 12.5, year=2021),               # correct value, wrong year
        _fact(s_neg, s_neg + 2, 10.0),                          # a negative extracted
        _fact(0, 5, 2022.0),                                    # false positive
        {**_fact(s_gdp, s_gdp + 8, 3.91e12), "source_kind": "table"},   # tables ignored
        {**_fact(s_gdp, s_gdp + 8, 3.91e12), "doc_id": "other"},        # doc not in gold
    ]
    summary = ev.score(GOLD, preds, {"d": TEXT})
    assert summary["predicted_text_facts"] == 4
    assert summary["correct_predictions"] == 2
    assert summary["precision"] == 0.5
    assert summary["recall"] == 1.0
    assert summary["negatives_wrongly_extracted"] == 1
    assert summary["subject_accuracy"] == 1.0
    assert summary["indicator_accuracy"] == 1.0
    assert summary["year_accuracy"] == 0.5
    assert len(summary["false_positives"]) == 2 and summary["unlocated_gold"] == 0
    assert "precision 50.0%" in ev.format_report(summary)


def test_score_value_mismatch_is_a_miss():
    s_gdp = TEXT.index("3.91")
    summary = ev.score(GOLD[:1], [_fact(s_gdp, s_gdp + 8, 3.91e8)], {"d": TEXT})
    assert summary["recall"] == 0.0 and summary["precision"] == 0.0
    assert summary["missed"][0]["surface"] == "3.91万亿元"


def test_unlocated_gold_reported():
    summary = ev.score(GOLD, [], {"d": "完全不同的文本"})
    assert summary["unlocated_gold"] == 3 and summary["recall"] is None


def test_main_with_pred_file(tmp_path, capsys):
    db = tmp_path / "kb.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE documents (doc_id TEXT, text TEXT)")
        conn.execute("INSERT INTO documents VALUES (?, ?)", ("d", TEXT))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD), encoding="utf-8")
    s_gdp = TEXT.index("3.91")
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps({"facts": [_fact(s_gdp, s_gdp + 8, 3.91e12)]}), encoding="utf-8")
    assert ev.main(["--gold", str(gold), "--store", str(tmp_path), "--pred", str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["precision"] == 1.0 and out["recall"] == 0.5
    assert ev.main(["--gold", str(gold), "--store", str(tmp_path / "none"), "--pred", str(pred)]) == 1


@pytest.mark.parametrize("doc_id", ["d.pdf", "d.csv", "d.docx", "d.xlsx", "d.md"])
def test_gold_stem_names_a_document_of_any_format(tmp_path, capsys, doc_id):
    """Gold names a document by its stem; kb's doc_id keeps the extension, whatever the format."""
    db = tmp_path / "kb.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE documents (doc_id TEXT, text TEXT)")
        conn.execute("INSERT INTO documents VALUES (?, ?)", (doc_id, TEXT))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD), encoding="utf-8")
    s_gdp = TEXT.index("3.91")
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps({"facts": [{**_fact(s_gdp, s_gdp + 8, 3.91e12), "doc_id": doc_id}]}),
                    encoding="utf-8")
    ev.main(["--gold", str(gold), "--store", str(tmp_path), "--pred", str(pred), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["unlocated_gold"] == 0 and out["precision"] == 1.0 and out["recall"] == 0.5


# --- integrity of the gold files --------------------------------------------------

GOLD_FILES = [("facts.jsonl", ROOT / "corpus"), ("unseen_facts.jsonl", ROOT / "tests" / "gold" / "unseen")]
POSITIVE_KEYS = {"doc_id", "anchor", "surface", "value", "unit", "value_normalized", "unit_normalized",
                 "claim_type", "subject", "indicator", "year", "period_start", "period_end", "qualifier"}


def _visible(path: Path) -> str:
    """Approximate visible text: front matter, HTML tags and heading marks removed, no whitespace."""
    import re
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = re.sub(r"\A\s*---\n.*?\n---\n", "", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "", text)
        text = re.sub(r"(?m)^#+ ", "", text)
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name,doc_dir", GOLD_FILES)
def test_gold_file_is_well_formed(name, doc_dir):
    lines = (ROOT / "tests" / "gold" / name).read_text(encoding="utf-8").splitlines()
    assert "_comment" in json.loads(lines[0])
    entries = ev.parse_gold_lines(lines)
    docs = {p.stem: _visible(p) for p in doc_dir.iterdir() if p.name not in ("SOURCES.md", "README.md")}
    assert {e["doc_id"] for e in entries} <= set(docs)
    for e in entries:
        anchor, surface = e["anchor"].replace(" ", ""), e["surface"].replace(" ", "")
        assert docs[e["doc_id"]].count(anchor) == 1, e
        assert anchor.count(surface) == 1, e
        if e.get("negative"):
            assert e["reason"], e
            continue
        assert POSITIVE_KEYS <= set(e), e
        assert e["claim_type"] in CLAIM_TYPES and unit_is_allowed(e["unit_normalized"]), e
        assert e["value_normalized"] != 0 and e["value"] != 0, e

