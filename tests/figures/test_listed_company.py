"""A listed company's report: its header's short name is the subject of its figures, its title the line
under the header (kb.figures.facts, kb.ingest.title_block), on a text of our own."""

from tests.verify.pipeline_text import process

REPORT = ("证券代码：688001 证券简称：江南精机\n\n"
          "江南精密机械股份有限公司2024年年度报告摘要\n\n"
          "第一节 重要提示\n\n"
          "公司2024年度实现归属于上市公司股东的净利润3.20亿元。\n\n"
          "第二节 经营情况\n\n"
          "报告期内，公司实现营业收入40.00亿元，较上年的32.00亿元增长25.00%。"
          "研发投入占营业收入比例为6.00%，上年为5.50%。")


def test_the_header_names_the_company_and_the_title_its_year():
    document, facts, _ = process(REPORT)
    assert document.title == "江南精密机械股份有限公司2024年年度报告摘要"
    by_value = {f.value_text: f for f in facts}
    assert {f.subject_key for f in facts} == {"江南精机"}
    assert (by_value["40.00"].year, by_value["32.00"].year) == (2024, 2023)
    assert (by_value["6.00"].year, by_value["5.50"].year) == (2024, 2023)


def test_a_clause_on_whose_profit_it_is_names_no_organisation():
    from kb.text.gazetteer import find_organisations

    assert find_organisations("公司2024年度实现归属于上市公司股东的净利润") == []
    assert find_organisations("精密传动部件收入12.0亿元") == []
