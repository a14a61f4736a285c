"""A total of members that each changed alike (kb.verify.each_total), on sentences of our own."""

from tests.verify.pipeline_text import process


def totals(text: str) -> list[tuple[str, str]]:
    _, _, checks = process(text)
    return [(c.verdict, c.formula) for c in checks if "members listed" in c.explanation]


SENTENCE = "2023年，甲省、乙省和丙省对全国出口增长的贡献均下降了0.2%，合计使全国出口增速下降0.6个百分点。"


def test_the_total_is_the_number_of_members_times_each_change():
    assert totals(SENTENCE) == [("consistent", "3 × 0.2 = 0.6")]


def test_a_total_no_reading_of_the_list_gives_is_not_called_wrong():
    assert [v for v, _ in totals(SENTENCE.replace("下降0.6个百分点", "下降1.6个百分点"))] == ["unverifiable"]


def test_without_a_list_or_a_total_word_nothing_is_checked():
    assert totals(SENTENCE.replace("甲省、乙省和丙省", "各省")) == []
    assert totals(SENTENCE.replace("合计使", "使")) == []
