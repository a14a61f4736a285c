"""Checks inside one table (kb.verify.table_checks), on tables of our own."""

from kb.models import Document, Table
from kb.verify.table_checks import cell_text, pull_checks, total_row_checks

DOC = Document(doc_id="d", doc_path="d.md", text="x" * 100)


def table(columns, rows):
    return Table(table_id="d-1", doc_id="d", ordinal=1, caption="表1", columns=columns, rows=rows,
                 char_start=0, char_end=10)


def test_a_cell_is_read_as_written():
    assert [cell_text(x) for x in ("17 030", "−0.4", "6.9 6.7", "合计", "1,234.5")] == \
        ["17030", "-0.4", None, None, "1234.5"]


def test_a_total_row_is_the_sum_of_its_rows_not_of_subsets_or_group_labels():
    t = table(["项目", "项目 (2)", "2015年", "2016年"],
              [["消费", "软件", "100", "120"], ["消费", "网络", "200", "230"], ["出口", "", "50", "55"],
               ["＃其中电子", "", "30", "31"], ["合计", "", "350", "400"]])
    checks = total_row_checks(DOC, t, [])
    assert [(c.formula, c.verdict) for c in checks] == [("100 + 200 + 50 = 350", "consistent"),
                                                        ("120 + 230 + 55 = 405", "inconsistent")]


def test_pulls_are_growth_times_contribution_and_add_up_to_the_growth():
    t = table(["年份", "GDP增长率", "贡献率/消费", "贡献率/投资", "拉动/消费", "拉动/投资"],
              [["2015年", "7.0", "60.0", "40.0", "4.2", "2.8"], ["2016年", "6.0", "50.0", "50.0", "3.0", "2.0"]])
    checks = pull_checks(DOC, t, [])
    assert [(c.kind, c.verdict) for c in checks] == [("ratio", "consistent"), ("ratio", "consistent"),
                                                     ("sum", "consistent"), ("ratio", "consistent"),
                                                     ("ratio", "inconsistent"), ("sum", "inconsistent")]
