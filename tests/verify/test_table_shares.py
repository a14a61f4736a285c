"""Shares in a table (kb.verify.table_shares): each row's share of the whole row, and the whole row
as the sum of rows whose shares add up to 100."""

from tests.verify.pipeline_text import process

GDP = """# 2024年某市主要经济指标

表1 2024年地区生产总值及构成

| 指标 | 2024年（亿元） | 2023年（亿元） | 增长（%） | 占比（%） |
|---|---|---|---|---|
| 地区生产总值 | 5000 | 4700 | 6.4 | 100.0 |
| 第一产业 | 400 | 390 | 2.6 | 8.0 |
| 第二产业 | 2000 | 1900 | 5.3 | 40.0 |
| 第三产业 | 2600 | 2410 | 7.9 | 52.0 |
"""

DISTRICTS = """# 2024年某市人口

表2 2024年分区县常住人口

| 区县 | 常住人口（万人） | 占全市比重（%） |
|---|---|---|
| 全市 | 500.0 | {whole} |
| 甲区 | 200.0 | 40.0 |
| 乙区 | 180.0 | 36.0 |
| 丙县 | 120.0 | {last} |
"""


def table_checks(text: str, kind: str) -> list[tuple[str, float, str]]:
    _, _, checks = process(text, "doc.md")
    return sorted((c.verdict, c.stated_value, c.formula) for c in checks if c.kind == kind and c.where == "table")


def test_each_rows_share_is_of_the_whole_row_of_the_shares_year():
    # the shares are 2024's: the 2024 column's levels, not the 2023 column's beside it
    assert table_checks(GDP, "share") == [
        ("consistent", 8.0, "400 / 5000 × 100 = 8"),
        ("consistent", 40.0, "2000 / 5000 × 100 = 40"),
        ("consistent", 52.0, "2600 / 5000 × 100 = 52"),
    ]


def test_rows_whose_shares_add_up_to_100_are_the_wholes_parts():
    assert ("consistent", 5000.0, "400 + 2000 + 2600 = 5000") in table_checks(GDP, "sum")
    wrong = GDP.replace("| 地区生产总值 | 5000 |", "| 地区生产总值 | 5100 |")
    assert ("inconsistent", 5100.0, "400 + 2000 + 2600 = 5000") in table_checks(wrong, "sum")


def test_a_wrong_share_is_found_when_the_whole_row_states_100():
    found = table_checks(DISTRICTS.format(whole="100.0", last="26.0"), "share")
    assert ("inconsistent", 26.0, "120.0 / 500.0 × 100 = 24") in found


def test_without_100_the_whole_row_is_named_and_a_share_that_disagrees_is_not_judged():
    found = table_checks(DISTRICTS.format(whole="", last="26.0"), "share")
    assert ("consistent", 40.0, "200.0 / 500.0 × 100 = 40") in found
    assert [v for v, value, _ in found if value == 26.0] in ([], ["unverifiable"])


def test_rows_that_are_not_all_the_parts_are_not_summed():
    # 40 + 36 = 76: two districts of more, so the whole is not their sum
    text = DISTRICTS.format(whole="100.0", last="").replace("| 丙县 | 120.0 |  |\n", "")
    assert table_checks(text, "sum") == []


def test_a_column_of_shares_of_a_whole_the_table_does_not_hold_is_not_read():
    # 占全国比重 beside a 合计 row of three provinces: the nation is not in the table
    text = ("# 2024年三省经济\n\n表1 三省地区生产总值\n\n| 省份 | 地区生产总值（亿元） | 占全国比重（%） |\n|---|---|---|\n"
            "| 合计 | 300 | 2.3 |\n| 甲省 | 100 | 0.8 |\n| 乙省 | 120 | 0.9 |\n| 丙省 | 80 | 0.6 |\n")
    assert table_checks(text, "share") == []
