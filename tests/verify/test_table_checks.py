"""Checks inside one table (kb.verify.table_checks), on tables of our own."""

from kb.models import Document, Table
from kb.verify.table_checks import cell_text, change_column_checks, pull_checks, realign, total_row_checks

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


def test_merged_cells_are_split_again_and_a_change_column_is_the_year_less_the_year_before():
    t = table(["项目", "2015年2016年预测", "2017年预测", "2017年预计较上年提高"],
              [["GDP增速", "6.9 6.7", "6.5", "-0.2"], ["第一产业", "3.9", "3.6 3.7", "0.1"],
               ["第二产业", "6.1", "6.1 6.0", "0.1"]])
    checks = change_column_checks(DOC, realign(t), [])
    assert [(c.formula, c.verdict) for c in checks] == [("6.5 − 6.7 = -0.2", "consistent"),
                                                        ("3.7 − 3.6 = 0.1", "consistent"),
                                                        ("6.0 − 6.1 = -0.1", "inconsistent")]


def test_a_texts_change_against_the_tables_earlier_year():
    from tests.verify.pipeline_text import process

    text = ("表1 2015一2017年三次产业增加值增速（单位：%）\n\n项目\t2016年预测\t2017年预测\n第一产业\t3.6\t3.7\n\n"
            "预计2017年第一产业增加值增速约为3.7%，比2016年增加0.1个百分点。")
    _, _, checks = process(text, "t.md")
    found = [c for c in checks if c.kind == "difference" and "2016年预测" in c.explanation]
    assert [c.verdict for c in found] == ["consistent"]
    _, _, checks = process(text.replace("约为3.7%", "约为5.7%"), "t.md")
    found = [c for c in checks if c.kind == "difference" and "2016年预测" in c.explanation]
    assert [c.verdict for c in found] == ["inconsistent"]


def test_each_rate_of_a_list_against_its_table_row_with_jun():
    from tests.verify.pipeline_text import process

    text = ("表1 2015一2017年三次产业增加值增速（单位：%）\n\n项目\t2016年预测\t2017年预测\n第一产业\t3.6\t3.7\n"
            "第二产业\t6.1\t6.0\n第三产业\t7.6\t7.5\n\n"
            "预计2017年第二产业和第三产业增加值增速分别为6.0%和7.5%，较2016年均降低0.1个百分点。")
    _, _, checks = process(text, "t.md")
    found = sorted((c.formula, c.verdict) for c in checks if c.kind == "difference" and "2016年预测" in c.explanation)
    assert found == [("6.0 − 6.1 = -0.1", "consistent"), ("7.5 − 7.6 = -0.1", "consistent")]
    # one rate of the list off: that row's check says so
    _, _, checks = process(text.replace("和7.5%", "和7.9%"), "t.md")
    found = sorted((c.formula, c.verdict) for c in checks if c.kind == "difference" and "2016年预测" in c.explanation)
    assert found == [("6.0 − 6.1 = -0.1", "consistent"), ("7.9 − 7.6 = 0.3", "inconsistent")]
    # the list names two rows but states one rate: nothing paired
    _, _, checks = process(text.replace("分别为6.0%和7.5%", "为6.0%"), "t.md")
    assert not [c for c in checks if c.kind == "difference" and "2016年预测" in c.explanation]


def test_a_total_rows_growth_rate_is_not_the_sum_of_the_rows_rates():
    from tests.verify.pipeline_text import process

    text = ("# 白沙电气2024年前三季度业绩\n\n## 分业务情况\n\n"
            "| 业务板块 | 前三季度收入（亿元） | 上年同期（亿元） | 同比（%） | 占营业收入比重（%） |\n"
            "| --- | --- | --- | --- | --- |\n| 电力装备 | 45.30 | 41.86 | 8.2 | 56.8 |\n"
            "| 轨道交通装备 | 21.66 | 20.95 | 3.4 | 27.1 |\n| 新能源储能 | 12.86 | 9.89 | 30.0 | 16.1 |\n"
            "| 合计 | 79.82 | 72.70 | 9.8 | 100.0 |\n")
    _, _, checks = process(text, "results.md")
    sums = [(c.formula, c.verdict) for c in checks if c.kind == "sum" and c.where == "table"]
    assert sums == [("45.30 + 21.66 + 12.86 = 79.82", "consistent"), ("41.86 + 20.95 + 9.89 = 72.7", "consistent"),
                    ("56.8 + 27.1 + 16.1 = 100", "consistent")]


def test_a_total_row_below_one_of_its_rows_is_an_average_not_a_sum():
    t = table(["行业", "2023年平均工资（元）", "名义增长（%）"],
              [["合计", "136452", "5.8"], ["制造业", "104530", "5.8"], ["金融业", "221760", "3.4"],
               ["教育", "152880", "4.5"]])
    assert total_row_checks(DOC, t, []) == []


def test_a_total_rows_change_in_points_is_not_the_sum_of_the_rows():
    t = table(["产品", "营业收入（万元）", "毛利率比上年增减（百分点）"],
              [["机器人", "200000", "1.93"], ["数控机床", "150000", "-1.07"], ["合计", "350000", "0.73"]])
    assert [(c.formula, c.verdict) for c in total_row_checks(DOC, t, [])] == [("200000 + 150000 = 350000", "consistent")]
