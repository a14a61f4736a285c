"""A total that counts the members of a 分别 list before it (kb.verify.relations.totals.counted_list_before),
on sentences of our own."""

from tests.verify.pipeline_text import verdicts


CITIES = ("广州、深圳、佛山三市地区生产总值分别为3.0万亿元、3.5万亿元和1.3万亿元，居全省前三位，"
          "其中深圳占全省的25.9%；三市合计7.8万亿元，占全省的58.2%。")


def test_a_counted_total_after_the_list_it_counts():
    # 三市合计 counts the three levels of the 分别 list before it, past the clauses between
    assert verdicts(CITIES, "7.8万亿元", "sum") == ["consistent"]
    assert verdicts(CITIES.replace("7.8万亿元", "7.5万亿元"), "7.5万亿元", "sum") == ["inconsistent"]


def test_a_total_counting_other_members_than_the_list_is_not_its_sum():
    text = CITIES.replace("三市合计7.8万亿元", "两市合计6.5万亿元")
    assert "inconsistent" not in verdicts(text, "6.5万亿元", "sum")


def test_a_total_of_listed_places_sums_each_places_level_stated_before():
    text = ("2024年，甲省广州市地区生产总值3.0万亿元，居全省第1位。深圳市地区生产总值3.5万亿元。"
            "佛山市地区生产总值1.3万亿元。广州、深圳、佛山三市地区生产总值合计7.8万亿元。")
    assert verdicts(text, "7.8万亿元", "sum") == ["consistent"]
    assert verdicts(text.replace("合计7.8万亿元", "合计7.5万亿元"), "7.5万亿元", "sum") == ["inconsistent"]


def test_no_sum_when_a_listed_place_has_no_level_of_its_own():
    text = ("2024年，广州市地区生产总值3.0万亿元。深圳市地区生产总值3.5万亿元。"
            "广州、深圳、佛山三市地区生产总值合计7.5万亿元。")
    assert "inconsistent" not in verdicts(text, "7.5万亿元", "sum")


OFFICES = ("1—11月，全市完成房地产开发投资1000.0亿元。分用途看，住宅投资700.0亿元，下降6.9%；"
           "办公楼投资60.0亿元，下降21.4%；商业营业用房投资90.0亿元，下降15.2%；其他用房投资150.0亿元。"
           "办公楼和商业营业用房投资合计150.0亿元，占全部开发投资的15.0%。")


def test_a_total_of_items_named_before_it_sums_their_levels():
    # 办公楼和商业营业用房投资: two items sharing the head 投资, each stated before in the paragraph
    assert verdicts(OFFICES, "150.0亿元，占", "sum") == ["consistent"]
    wrong = OFFICES.replace("合计150.0亿元", "合计160.0亿元")
    assert verdicts(wrong, "160.0亿元", "sum") == ["inconsistent"]


def test_an_item_whose_name_holds_a_joint_is_one_item():
    text = ("全市房地产开发企业到位资金1400.0亿元。其中，国内贷款165.2亿元，定金及预收款438.6亿元，"
            "个人按揭贷款226.5亿元。定金及预收款和个人按揭贷款合计665.1亿元。")
    assert verdicts(text, "665.1亿元", "sum") == ["consistent"]


def test_no_sum_when_a_named_item_has_no_level():
    text = OFFICES.replace("办公楼投资60.0亿元，下降21.4%；", "")
    assert "inconsistent" not in verdicts(text, "150.0亿元，占", "sum")
