"""The gap between two places' levels (kb.verify.relations.place_gap), on texts of our own."""

from tests.verify.pipeline_text import verdicts

NEWS = ("2024年，河南省地区生产总值63589.99亿元，湖北省60012.97亿元，湖南省53231.0亿元。"
        "河南与湖北的差距由2023年的5400亿元缩小到3577亿元。")


def test_the_gap_is_the_larger_level_less_the_smaller():
    assert verdicts(NEWS, "3577亿元", "difference") == ["consistent"]


def test_a_gap_that_does_not_agree_is_left_unjudged():
    """The levels are found by their places, not named in the sentence: only agreement tells."""
    assert verdicts(NEWS.replace("3577亿元", "3877亿元"), "3877亿元", "difference") == ["unverifiable"]


def test_no_gap_without_both_levels_of_its_period():
    # 2023's levels are not stated: the earlier gap is not recomputed from 2024's
    assert "consistent" not in verdicts(NEWS, "5400亿元", "difference")
    # a place with two amounts of the period (GDP and revenue): which one is meant is not known
    two_values = NEWS.replace("湖南省53231.0亿元。", "湖南省53231.0亿元。河南省一般公共预算收入4500亿元。")
    assert "consistent" not in verdicts(two_values, "3577亿元", "difference")
