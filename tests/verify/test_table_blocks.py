"""The ＃ block under a table row (kb.verify.table_blocks), on tables of our own."""

from kb.models import Document, Table
from kb.verify.table_blocks import block_checks, block_rows

DOC = Document(doc_id="d", doc_path="d.txt", text="x" * 100)
COLUMNS = ["指标", "单位", "数量", "比上年增长%"]


def table(rows, unit=""):
    return Table(table_id="d-1", doc_id="d", ordinal=1, columns=COLUMNS, rows=rows, unit=unit,
                 char_start=0, char_end=10)


ROWS = [["货物运输量", "亿吨", "100.0", "9.8"], ["＃铁路", "亿吨", "20.0", "0.0"], ["公路", "亿吨", "80.0", "12.5"],
        ["旅客运输量", "亿人", "50.0", "-1.6"], ["＃铁路", "亿人", "30.0", "5.0"], ["公路", "亿人", "20.0", "-10.0"],
        ["港口吞吐量", "亿人次", "9.0", "1.0"]]


def test_a_block_runs_from_the_hash_row_while_the_unit_stays_and_no_row_heads_its_own():
    t = table(ROWS)
    assert block_rows(t, 2, 0) == [1, 2]
    assert block_rows(t, 2, 3) == [4, 5]          # 港口吞吐量 (亿人次) is no part
    assert block_rows(t, 2, 1) == []              # a ＃ row heads no block


def test_the_parts_add_up_and_the_growth_is_recomputed_from_theirs():
    checks = block_checks(DOC, table(ROWS), [])
    # 100 / (20/1.0 + 80/1.125) − 1 = 9.76 %; 50 / (30/1.05 + 20/0.9) − 1 = −1.56 %
    assert [(c.kind, c.stated_value, c.verdict) for c in checks] == [
        ("sum", 100.0, "consistent"), ("aggregate", 9.8, "consistent"),
        ("sum", 50.0, "consistent"), ("aggregate", -1.6, "consistent")]


def test_a_wrong_growth_of_quantities_is_inconsistent_a_wrong_sum_only_unverifiable():
    rows = [r[:] for r in ROWS]
    rows[0][3] = "15.0"
    rows[3][2] = "60.0"
    checks = block_checks(DOC, table(rows), [])
    assert [(c.kind, c.verdict) for c in checks] == [("sum", "consistent"), ("aggregate", "inconsistent"),
                                                     ("sum", "unverifiable")]


def test_a_money_totals_growth_is_not_judged_wrong():
    rows = [["工业总产值", "亿元", "100.0", "15.0"], ["＃轻工业", "亿元", "20.0", "0.0"], ["重工业", "亿元", "80.0", "12.5"],
            ["利润", "亿元", "5.0", "1.0"], ["＃x", "亿元", "1.0", "1.0"]]
    checks = block_checks(DOC, table(rows), [])
    assert [(c.kind, c.verdict) for c in checks] == [("sum", "consistent"), ("aggregate", "unverifiable")]


def test_a_growth_column_without_a_percent_sign_is_never_summed():
    t = Table(table_id="d-1", doc_id="d", ordinal=1, columns=["指标", "发电量", "比上年增长"], unit="亿千瓦时、%",
              rows=[["全部发电量", "300.0", "10.0"], ["其中：火电", "100.0", "0.0"], ["水电", "200.0", "15.0"]],
              char_start=0, char_end=10)
    # 300 / (100/1.0 + 200/1.15) − 1 = 9.52 %: the stated 10.0 is wrong
    assert [(c.kind, c.stated_value, c.verdict) for c in block_checks(DOC, t, [])] == [
        ("sum", 300.0, "consistent"), ("aggregate", 10.0, "inconsistent")]
