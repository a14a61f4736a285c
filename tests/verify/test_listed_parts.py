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


SEASONS = ("2024年全省粮食总产量1000.0万吨，比上年增长1.0%。\n\n"
           "夏粮总产量400.0万吨，比上年增加3.0万吨。\n\n早稻总产量100.0万吨，比上年减少1.0万吨。\n\n"
           "秋粮总产量500.0万吨，增长0.8%。\n\n"
           "从季节构成看，夏粮、早稻、秋粮产量分别占全年粮食总产量的40.0%、10.0%和50.0%。")


def test_each_listed_item_names_its_part_stated_anywhere_before():
    assert verdicts(SEASONS, "40.0%", "share") == ["consistent"]
    assert verdicts(SEASONS, "50.0%", "share") == ["consistent"]
    wrong = SEASONS.replace("40.0%、10.0%和50.0%", "45.0%、5.0%和50.0%")
    assert verdicts(wrong, "45.0%", "share") == ["inconsistent"]


def test_parts_and_whole_written_in_different_scales():
    # the whole in 万亿元, the parts in 亿元: they are added in one unit
    text = ("2024年全省存款余额1.2万亿元。分部门看，住户存款7200亿元；企业存款3600亿元；其他存款1200亿元。"
            "住户、企业和其他存款占存款余额的比重分别为60.0%、30.0%和10.0%。")
    assert verdicts(text, "60.0%", "share") == ["consistent"]
