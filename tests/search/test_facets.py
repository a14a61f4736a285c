"""kb.search.facets: bounds written as figures, compared only within their unit; facet counts."""

from __future__ import annotations

import pytest

from kb.errors import KbError
from kb.search.facets import FactQuery, facet_counts, parse_bound
from tests.search.test_answers import fact

FACTS = [fact("a", "北京", "数字经济规模", 16000.0), fact("b", "全国", "数字经济规模", 39.8, unit="%"),
         fact("c", "北京", "孵化器", 500, unit="个"), fact("d", "天津", "孵化器", 36, unit="个", year=2023)]


@pytest.mark.parametrize("text, value, unit, amounts_only", [
    ("1万亿", 1e12, "", True), ("1万亿元", 1e12, "CNY", False), ("5%", 5.0, "%", False),
    ("10", 10.0, "", False), ("1e12", 1e12, "", False), ("2个百分点", 2.0, "pp", False),
])
def test_parse_bound(text, value, unit, amounts_only):
    bound = parse_bound(text)
    assert (bound.value, bound.unit, bound.amounts_only) == (value, unit, amounts_only)


def test_a_bound_that_is_no_figure_is_an_error_and_an_empty_box_no_bound():
    assert parse_bound("  ") is None
    with pytest.raises(KbError, match="is not a figure"):
        parse_bound("lots")


def test_bounds_compare_only_within_their_unit():
    def ids(**kw):
        return [f.fact_id for f in FactQuery(**kw).apply(FACTS)]

    assert ids(low=parse_bound("1万亿")) == ["a"]          # an amount: never the 39.8%
    assert ids(low=parse_bound("30%")) == ["b"]            # a rate: never the yuan or the counts
    assert ids(high=parse_bound("100个")) == ["d"]
    assert ids(low=parse_bound("30")) == ["a", "b", "c", "d"]


def test_facets_combine_and_count_the_other_selections():
    query = FactQuery(selected={"subject": ["北京"], "indicator": ["孵化器"]})
    assert [f.fact_id for f in query.apply(FACTS)] == ["c"]
    assert facet_counts(FACTS, query, "subject") == [("北京", 1), ("天津", 1)]
    assert facet_counts(FACTS, query, "indicator") == [("孵化器", 1), ("数字经济规模", 1)]
    assert facet_counts(FACTS, FactQuery(selected={"subject": ["上海"]}), "subject")[-1] == ("上海", 0)
    assert facet_counts(FACTS, FactQuery(), "year") == [("2023", 1), ("2022", 3)]
