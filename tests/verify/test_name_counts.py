"""Counts of named members (kb.verify.relations.name_counts), on sentences of our own."""

from kb.verify.relations.ground import Context
from kb.verify.relations.name_counts import judge_count, named_counts
from tests.verify.pipeline_text import process


def counts(text):
    return [(text[n.start:n.end], n.count, sorted(n.readings), n.partial, judge_count(n)[0])
            for n in named_counts(Context(text, [], []))]


def test_a_list_right_before_its_count():
    assert counts("从出口看，钢铁、化工、纺织三个行业增长较快。") == [("三个", 3, [3], False, "consistent")]


def test_a_list_opened_after_its_count():
    assert counts("全省有4个城市产值超过千亿，包括杭州、宁波、温州、绍兴。") == [("4个", 4, [4], False, "consistent")]
    assert counts("仅2家企业亏损，分别为甲公司和乙公司。") == [("2家", 2, [1, 2], False, "consistent")]
    assert counts("以科技三巨头（甲公司、乙公司、丙公司）为例。") == [("三巨头", 3, [3], False, "consistent")]


def test_a_count_referring_back_to_an_etc_list():
    found = counts("出口集中于电子、机械、纺织等行业，这3个行业出口合计500亿元。")
    assert found == [("3个", 3, [3], True, "consistent")]


def test_a_list_one_short_is_never_accused():
    assert counts("钢铁、化工两个行业，以及纺织、食品、建材四个行业。")[-1] == ("四个", 4, [3], False, "unverifiable")


def test_counts_of_something_else_are_not_checked():
    assert counts("全年对外承包工程、劳务合作、设计咨询120项。") == []
    assert counts("新建公园3个、绿道5个，居全国第2位。") == []


def test_the_check_is_on_the_count_figure():
    _, facts, checks = process("全省有4个城市产值超过千亿元，包括杭州、宁波、温州、绍兴。")
    found = [c for c in checks if c.kind == "set_claim"]
    assert [c.verdict for c in found] == ["consistent"]
    assert found[0].stated_fact_id in {f.fact_id for f in facts if f.value == 4}
