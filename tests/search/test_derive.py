"""kb.search.derive: a growth, multiple or change that no fact states, recomputed from two levels."""

from __future__ import annotations

import pytest

from kb.search.derive import derive
from kb.search.matching import Frame
from tests.search.test_matching import claim, fig


def level(year: int, value: float, **kw):
    return fig(quote=f"{year}年专利授权量{value:g}件。", text=f"{value:g}件", unit="count", value=value,
               measure="level", claim_type="count", indicator="专利授权量", indicator_key="专利授权",
               year=year, period_start_month=f"{year}-01", period_end_month=f"{year}-12",
               doc_id="doc", **kw).model_copy(update={"fact_id": f"f{year}{value}"})


LEVELS = [level(2020, 1000), level(2023, 1331)]
FRAMES = {"doc": Frame(subject="临川")}


def growth(text: str, value: float, measure: str, **kw):
    return claim(quote=f"临川市专利授权量{text}", text=text, unit="%", value=value, measure=measure,
                 indicator="专利授权量", indicator_key="专利授权", **kw)


def test_average_annual_growth_from_two_levels():
    said = growth("年均增长10%", 10, "cagr", year=None, period_start=2020, period_end=2023,
                  period_start_month="2020-01", period_end_month="2023-12")
    found = derive(said, LEVELS, FRAMES)
    assert found.agreement.agrees and found.value.value == pytest.approx(10.0)
    wrong = said.model_copy(update={"value": 12.0, "value_text": "12", "value_normalized": 12.0})
    assert not derive(wrong, LEVELS, FRAMES).agreement.agrees


def test_growth_since_a_base_year_and_a_yearly_change():
    said = growth("增长33.1%", 33.1, "growth_vs_base", year=None, period_start=2020, period_end=2023,
                  period_start_month="2020-01", period_end_month="2023-12")
    assert derive(said, LEVELS, FRAMES).agreement.agrees
    yearly = claim(quote="2020—2023年临川市专利授权量年均增加110件", text="110件", unit="count", value=110,
                   measure="difference", indicator="专利授权量", indicator_key="专利授权", year=None,
                   period_start=2020, period_end=2023, period_start_month="2020-01", period_end_month="2023-12")
    assert derive(yearly, LEVELS, FRAMES).value.value == pytest.approx(331 / 3)


def test_no_recomputation_from_levels_kb_is_not_sure_of_or_for_real_growth():
    said = growth("增长33.1%", 33.1, "growth_vs_base", year=None, period_start=2020, period_end=2023,
                  period_start_month="2020-01", period_end_month="2023-12")
    unsure = [f.model_copy(update={"subject_key": "全国", "subject_rule": "carried_subject"}) for f in LEVELS]
    assert derive(said, unsure, FRAMES) is None
    gdp = said.model_copy(update={"indicator": "地区生产总值", "indicator_key": "GDP"})
    gdp_levels = [f.model_copy(update={"indicator": "地区生产总值", "indicator_key": "GDP"}) for f in LEVELS]
    assert derive(gdp, gdp_levels, FRAMES) is None    # real growth is never recomputed from current prices
