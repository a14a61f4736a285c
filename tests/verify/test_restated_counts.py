"""A count above a threshold stated again after the sentence that lists its members
(kb.verify.restated_counts), on texts of our own."""

from tests.verify.pipeline_text import process

TEXT = ("2023年，5个城市GDP超过5000亿元。\n\n"
        "2023年GDP超5000亿元的城市共5个，分别是：甲市、乙市、丙市、丁市和戊市。\n\n"
        "盘点GDP超过5000亿元的5个城市，甲市增长最快。\n\n")


def restated(text: str) -> list[str]:
    _, _, checks = process(text)
    return [c.verdict for c in checks if c.kind == "restated" and "whose listed names hold" in c.explanation]


def test_a_count_restating_a_listed_count_is_as_right_as_it():
    assert restated(TEXT) == ["consistent", "consistent"]


def test_another_threshold_or_member_word_restates_nothing():
    assert restated(TEXT.replace("5个城市GDP超过5000亿元", "5个城市GDP超过8000亿元")) == ["consistent"]
    assert restated(TEXT.replace("5个城市，甲市", "5个区县，甲市")) == ["consistent"]
