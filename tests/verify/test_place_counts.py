"""A count of places over a threshold against the places' levels the document ranks (kb.verify.place_counts)."""

from tests.verify.pipeline_text import process

LEVELS = ("# 2021年一季度各省GDP\n\n一季度，广东GDP为27117.96亿元，江苏GDP为25878.38亿元，山东GDP为18055.5亿元，"
          "浙江GDP为16269.56亿元。\n\n")


def counts(text: str) -> list[tuple[str, float, float]]:
    _, _, checks = process(text, "doc.md")
    return [(c.verdict, c.stated_value, c.recomputed_value) for c in checks if c.kind == "set_claim" and c.where == "document"]


def test_a_count_over_a_threshold_agrees_with_the_ranking():
    assert counts(LEVELS + "2个省份GDP超过2万亿元。") == [("consistent", 2.0, 2.0)]
    assert counts(LEVELS + "2个省份GDP突破2万亿元，其余省份均未过2万亿元。") == [("consistent", 2.0, 2.0)]


def test_a_count_that_does_not_agree_is_never_accused():
    # the places the text leaves out might be over the threshold too: only agreement tells
    assert counts(LEVELS + "3个省份GDP超过2万亿元。") == [("unverifiable", 3.0, 2.0)]


def test_levels_that_are_no_ranking_or_stay_above_the_threshold_are_not_read():
    shuffled = LEVELS.replace("广东GDP为27117.96亿元，江苏GDP为25878.38亿元，山东GDP为18055.5亿元",
                              "山东GDP为18055.5亿元，广东GDP为27117.96亿元，江苏GDP为25878.38亿元")
    assert counts(shuffled + "2个省份GDP超过2万亿元。") == []
    assert counts(LEVELS + "4个省份GDP超过1万亿元。") == []   # the ranking never reaches below 1万亿元
