"""Figures named elsewhere in a document (kb.verify.relations.names), on sentences of our own."""

from tests.verify.pipeline_text import verdicts

EXPORTS = ("全年全省出口交货值实现1200亿元，增长7.2%。出口交货值1亿元以上的企业80户，出口交货值合计1100亿元。"
           "电子行业出口交货值合计480亿元，占全省出口交货总值的40.0%。")


def test_the_whole_is_the_headline_figure_of_its_name_not_a_subtotal():
    assert verdicts(EXPORTS, "40.0%", "share") == ["consistent"]
    assert verdicts(EXPORTS.replace("480亿元", "380亿元"), "40.0%", "share") == ["inconsistent"]


def test_two_headline_figures_of_one_name_make_an_inconsistency_unsure():
    text = ("上半年全省出口交货值实现1200亿元。下半年全省出口交货值实现1500亿元。"
            "电子行业出口交货值合计380亿元，占全省出口交货总值的40.0%。")
    assert verdicts(text, "40.0%", "share") == ["unverifiable"]


def test_the_earlier_share_of_a_change_is_not_computed_from_this_years_levels():
    text = ("全年全省出口交货值实现1200亿元。电子行业出口交货值合计480亿元，"
            "占全省出口交货总值的比重由上年的35.0%提高到40.0%。")
    assert verdicts(text, "40.0%", "share") == ["consistent"]
    assert "inconsistent" not in verdicts(text, "35.0%", "share")


def test_a_share_part_written_without_its_currency_unit():
    text = "2021年全国研发投入达到2.80万亿元。全国企业研发支出合计1.40万亿，占全国研发投入的50.0%。"
    assert verdicts(text, "50.0%", "share") == ["consistent"]
