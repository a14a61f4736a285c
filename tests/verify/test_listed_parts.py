"""Shares of a 分别 list over the parts the sentence before states (kb.verify.relations.listed_parts),
on sentences of our own."""

from tests.verify.pipeline_text import verdicts

WATER = ("2023年全市用水总量20.0亿立方米，比上年下降1.2%。"
         "分行业看，农业用水量11.0亿立方米，下降2.0%；工业用水量5.0亿立方米，下降0.5%；"
         "生活用水量4.0亿立方米，增长1.1%。"
         "农业、工业和生活用水量占用水总量的比重分别为55.0%、25.0%和20.0%。")


def test_each_share_over_its_part_of_the_sentence_before():
    assert verdicts(WATER, "55.0%", "share") == ["consistent"]
    assert verdicts(WATER, "25.0%", "share") == ["consistent"]
    assert verdicts(WATER, "20.0%", "share") == ["consistent"]


def test_a_wrong_share_named_in_order_is_inconsistent():
    wrong = WATER.replace("55.0%、25.0%和20.0%", "50.0%、30.0%和20.0%")
    assert verdicts(wrong, "50.0%", "share") == ["inconsistent"]


def test_parts_named_out_of_the_lists_words_only_agree():
    # 第一、二、三产业: the parts' names are not in the list's words, so the order is assumed
    text = ("全年全社会用电量100.0亿千瓦时。分产业看，第一产业用电量2.0亿千瓦时；第二产业用电量60.0亿千瓦时；"
            "第三产业用电量38.0亿千瓦时。第一、二、三产业用电量占全社会用电量的比重分别为2.0%、60.0%和38.0%。")
    assert verdicts(text, "60.0%", "share") == ["consistent"]
    swapped = text.replace("2.0%、60.0%和38.0%", "2.0%、38.0%和60.0%")
    assert "inconsistent" not in verdicts(swapped, "38.0%", "share")


def test_no_parts_when_the_shares_are_not_all_of_the_whole():
    partial = WATER.replace("分别为55.0%、25.0%和20.0%", "分别为55.0%、25.0%和15.0%")
    assert "inconsistent" not in verdicts(partial, "55.0%", "share")


def test_no_whole_when_the_parts_do_not_sum_to_it():
    # the total stated is not the parts' sum: the levels before are not its parts
    other = WATER.replace("用水总量20.0亿立方米", "用水总量24.0亿立方米")
    assert "inconsistent" not in verdicts(other, "55.0%", "share")
