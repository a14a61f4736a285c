"""The named non-figure rules of kb.figures.quantities (``NOT_A_FIGURE``) and the ordinal step,
each on a phrase it alone rules out (or keeps)."""

import pytest

from kb.figures import quantities
from kb.figures.quantities import parse_quantities

NOT_FIGURES = [
    ("情况十万火急。", "_scale_without_unit"),
    ("会议于3月召开。", "_date_or_ordinal"),
    ("详见表3。", "_numbered_label"),
    ("每10万人中", "_per_denominator"),
    ("三分之五", "_fraction"),
    ("年销售收入500万元以上的企业", "_threshold"),
    ("指数高于50%时，反映经济扩张；低于50%，则反映收缩。", "_threshold"),
    ("数十家企业参展", "_vague_number"),
    ("落实三个率先", "_small_chinese_count"),
    ("降低5.5个", "_fractional_count"),
    ("旅客周转量3亿人公里", "_product_unit"),
    ("前8个月全省出口", "_months_from_start"),
    ("60岁及以上人口", "_whole_age"),
    ("（以女性为100）", "_base_hundred"),
    ("见第七章", "ordinal word"),
]


@pytest.mark.parametrize("text,rule", NOT_FIGURES, ids=[r for _, r in NOT_FIGURES])
def test_no_figure(text, rule):
    assert parse_quantities(text) == []


def test_every_non_figure_rule_has_a_case_and_a_docstring():
    names = {r.__name__ for r in quantities.NOT_A_FIGURE}
    assert names <= {r for _, r in NOT_FIGURES}
    assert all(r.__doc__ for r in quantities.NOT_A_FIGURE)


def test_a_duration_in_months_stays_a_figure():
    assert [q.surface for q in parse_quantities("已连续20多个月负增长，用时8个月")] == ["20多个月", "8个月"]


def test_an_average_count_may_have_decimals_and_ranks_stay():
    assert [q.surface for q in parse_quantities("每万人口拥有专利15.8件")] == ["15.8件"]
    assert [(q.surface, q.kind_hint) for q in parse_quantities("位列全国第5位，排名前三")] == [
        ("第5位", "rank"), ("前三", "rank")]


def test_more_than_half_is_a_bound_and_half_is_about_half():
    over, about = parse_quantities("机电产品出口占比过半。"), parse_quantities("占全省的一半。")
    assert [(q.value, q.qualifier) for q in over + about] == [(50.0, "超过"), (50.0, "约")]
