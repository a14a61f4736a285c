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
