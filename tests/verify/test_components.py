"""A growth rate and its components' contributions (kb.verify.relations.components)."""

from tests.verify.pipeline_text import verdicts

TEXT = ("据测算，1997年8.8%GDP增长率中，投资增长为2.2%，消费增长为4.9%，净出口增长为1.7%，"
        "它们对GDP增长贡献率投资占25.2%，消费占55.5%，净出口占19.4%。")


def test_all_the_components_add_up_to_the_growth_and_each_share_is_its_points_over_it():
    assert verdicts(TEXT, "8.8%", "sum") == ["consistent"]
    assert verdicts(TEXT, "25.2%", "share") == ["consistent"]  # 2.2 / 8.8 = 25.0 %, within rounding
    assert verdicts(TEXT.replace("25.2%", "35.2%"), "35.2%", "share") == ["inconsistent"]


def test_shares_listed_in_the_components_order_and_some_components_left_out():
    text = ("1998年7.8%GDP增长率中，投资增长率为4.7%，消费增长率为3.1%，它们对GDP增长率的贡献率分别为60%和40%，"
            "净出口几乎无贡献。")
    assert verdicts(text, "60%", "share") == ["consistent"]
    assert verdicts(text.replace("4.7%", "2.7%"), "60%", "share") == ["inconsistent"]
    assert verdicts(text.replace("4.7%", "2.7%"), "7.8%", "sum") == ["unverifiable"]
