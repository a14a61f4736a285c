"""Documents inside containers: a CSV row with a text column, a 【key】 header record."""

from kb.ingest.containers import record_date, unwrap
from kb.ingest.sources_table import column_roles

CSV = ('province,year,title,source_url,publish_date,full_text\n'
       '某省,2025,2025年某省政府工作报告,https://example.org/r.html,2025-01-20,"政府工作报告\n'
       '各位代表：\n去年全省生产总值增长5.2%，达到1.2万亿元。""十四五""目标顺利完成。\n'
       + "现在，我代表省人民政府报告工作。" * 20 + '"\n')


def test_a_csv_row_with_a_text_column_is_a_document():
    found = unwrap(CSV)
    assert found.body.startswith("政府工作报告\n各位代表：")
    assert '"十四五"' in found.body          # CSV quote escapes undone
    assert found.meta == {"title": "2025年某省政府工作报告", "date": "2025-01-20", "place": "某省",
                          "source": "https://example.org/r.html"}


def test_a_table_of_many_short_rows_is_not_a_container():
    assert unwrap("a,b,full_text\n1,2,x\n3,4,y\n") is None
    assert unwrap("普通的一段文字，没有任何容器。") is None


RECORD = ("【 文献号 】2-100\n【原文出处】某某日报\n【原刊期号】199911\n"
          "【 标  题 】经济运行平稳\n    ——1999年前三季度某省经济形势分析\n"
          "【 作  者 】某研究处\n【编 者 按】本文介绍了120家企业的情况。\n"
          "【 正  文 】\n    一季度全省生产总值增长8%。\n")


def test_a_bracket_header_record():
    found = unwrap(RECORD)
    assert found.meta == {"publisher": "某某日报", "date": "1999-11",
                          "title": "经济运行平稳——1999年前三季度某省经济形势分析", "author": "某研究处"}
    assert found.body == "本文介绍了120家企业的情况。\n\n    一季度全省生产总值增长8%。\n"


def test_issue_numbers_are_dates():
    assert (record_date("199911"), record_date("20000828"), record_date("1999年3月")) == (
        "1999-11", "2000-08-28", "1999-03")


def test_sources_table_columns_by_header():
    assert column_roles(["file", "what it is", "publisher, date", "how it was captured"]) == {
        "title": 1, "publisher": 2}
    assert column_roles(["file", "repository", "path", "commit", "kind"]) == {}


def test_a_line_longer_than_the_csv_field_limit_is_no_container():
    # a line with commas whose last field runs past 131,072 characters (found by the ingest fuzz test)
    text = "京津冀,数字经济," + "规模" * 70_000 + "\n正文。"
    assert unwrap(text) is None
