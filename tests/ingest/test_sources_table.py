from kb.ingest.sources_table import apply_sources_row, publisher_date, read_sources_table, title_from_description


def test_title_from_description():
    assert title_from_description("示范市经济运行情况") == "示范市经济运行情况"
    assert title_from_description("Report on 《示范市年鉴》 2023") == "示范市年鉴"
    assert title_from_description("An English description") == ""


def test_publisher_date_splits_organisations_from_people():
    assert publisher_date("示范日报, 2023-05-06") == {"date": "2023-05-06", "publisher": "示范日报", "author": ""}
    assert publisher_date("王五（示范大学）; Mar 2021") == {"date": "2021-03", "publisher": "示范大学", "author": "王五"}


def test_apply_sources_row_overrides_and_keeps_the_finer_date():
    meta = {"title": "页面标题", "date": "2023-05-06", "publisher": ""}
    row = {"title": "表中标题", "date": "2023-05", "publisher": "示范日报", "author": ""}
    assert apply_sources_row(meta, row) == {"title": "表中标题", "date": "2023-05-06", "publisher": "示范日报"}
    assert apply_sources_row({"date": "2023"}, {"date": "2023-05-06"})["date"] == "2023-05-06"


def test_read_sources_table(tmp_path):
    table = tmp_path / "SOURCES.md"
    table.write_text("| 文件 | 说明 | 出处 |\n|---|---|---|\n| a.txt | 示范标题 | 示范日报, 2022-01-02 |\n",
                     encoding="utf-8")
    assert read_sources_table(table) == {"a.txt": {"title": "示范标题", "date": "2022-01-02",
                                                   "publisher": "示范日报", "author": ""}}
