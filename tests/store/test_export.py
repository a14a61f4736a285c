"""Export bytes: CSV as Excel opens it (BOM, CRLF, escaped formulas), JSON, Parquet."""

import io
import json

from kb.models import FACT_COLUMNS, Check, Fact
from kb.store.export import (
    CHECK_COLUMNS,
    checks_csv_bytes,
    escape_cell,
    facts_csv_bytes,
    facts_json_bytes,
    facts_parquet_bytes,
)


def make_fact(**over) -> Fact:
    data = dict(fact_id="f1", doc_id="d", doc_path="d.md", passage_id="p1", char_start=3,
                char_end=10, quote="2021年中国数字经济规模达45.4万亿元。", subject="全国",
                indicator="数字经济规模", year=2021, value=45.4, unit="万亿元",
                value_normalized=45.4e12, unit_normalized="CNY", claim_type="level",
                value_text="45.4", scale=1e12)
    data.update(over)
    return Fact(**data)


def test_escape_cell_neutralises_formulas_but_not_numbers():
    assert escape_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert escape_cell("+1") == "'+1"
    assert escape_cell("-cmd") == "'-cmd"
    assert escape_cell("@SUM(A1)") == "'@SUM(A1)"
    assert escape_cell(-3.5) == "-3.5"
    assert escape_cell(45.4e12) == "45400000000000"
    assert escape_cell(None) == ""
    assert escape_cell("北京") == "北京"


def test_facts_csv_has_bom_crlf_and_interface_column_order():
    data = facts_csv_bytes([make_fact(), make_fact(fact_id="f2", quote="=1+1")])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].split(",")[: len(FACT_COLUMNS)] == list(FACT_COLUMNS)
    assert "'=1+1" in text
    import pandas as pd  # here, not at collection: every pytest-xdist worker collects this module

    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert frame.loc[0, "value_normalized"] == 45.4e12
    assert frame.loc[0, "subject"] == "全国"
    assert len(frame) == 2


def test_facts_json_shape():
    payload = json.loads(facts_json_bytes([make_fact()]))
    assert list(payload) == ["facts"]
    fact = payload["facts"][0]
    assert list(fact)[: len(FACT_COLUMNS)] == list(FACT_COLUMNS)
    assert fact["value"] == 45.4 and fact["unit"] == "万亿元" and fact["year"] == 2021


def test_facts_parquet_round_trip():
    data = facts_parquet_bytes([make_fact(), make_fact(fact_id="f2", year=None)])
    import pandas as pd

    frame = pd.read_parquet(io.BytesIO(data))
    assert list(frame.columns)[: len(FACT_COLUMNS)] == list(FACT_COLUMNS)
    assert frame["year"].iloc[0] == 2021 and pd.isna(frame["year"].iloc[1])


def test_checks_csv_columns_and_inputs_joined():
    check = Check(check_id="c1", kind="growth", doc_id="d", verdict="inconsistent",
                  explanation="x", inputs=["f1", "f2"], formula="=b/a")
    text = checks_csv_bytes([check]).decode("utf-8-sig")
    header, row = text.split("\r\n")[:2]
    assert header.split(",") == list(CHECK_COLUMNS)
    assert "f1 f2" in row and "'=b/a" in row


def test_text_cells_that_are_numbers_stay_numbers():
    assert escape_cell("-18.3") == "-18.3"
    assert escape_cell("-1,234.5") == "-1,234.5"
    assert escape_cell("-5%") == "-5%"
    assert escape_cell("=1+2") == "'=1+2"
    assert escape_cell("-18.3abc") == "'-18.3abc"
    assert escape_cell("\t1") == "'\t1"
