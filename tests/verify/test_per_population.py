"""A figure per so many people against its count and the document's population."""

import pytest

from tests.verify.pipeline_text import checks_on

TEXT = ("年末全市卫生机构病床8899张，其中医院病床8590张，增设627张。每万人拥有医院病床数由上年的21.0张"
        "增加到21.7张。\n\n全市年末常住人口394.96万人，比上年增长4.0%。全市户籍人口114.60万人。")


def test_per_ten_thousand_people_is_the_count_over_the_resident_population():
    [c] = checks_on(TEXT, "21.7张", "average")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(21.749, abs=1e-3)
    assert c.formula.startswith("8590张 / 394.96万人 × 10000")


def test_a_figure_that_does_not_agree_is_never_accused():
    [c] = checks_on(TEXT.replace("21.7张", "23.7张"), "23.7张", "average")
    assert c.verdict == "unverifiable"


def test_an_unknown_population_is_not_guessed():
    assert not checks_on(TEXT.replace("全市年末常住人口394.96万人，比上年增长4.0%。全市户籍人口114.60万人。", ""),
                         "21.7张", "average")


def test_last_years_figure_from_the_counts_change_and_the_populations_growth():
    # (8590 − 627) / (394.96 / 1.040) × 10000 = 20.968
    [c] = checks_on(TEXT, "21.0张", "average")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(20.968, abs=1e-3)
    [c] = checks_on(TEXT.replace("上年的21.0张", "上年的22.0张"), "22.0张", "average")
    assert c.verdict == "unverifiable"
