"""The population's rates defined by other figures (kb/data/identities.yaml: 自然增长率 = 出生率 − 死亡率, 城镇化率 =
城镇 / 常住人口 or / (城镇 + 乡村)), on sentences of our own."""

from __future__ import annotations

import pytest

from tests.verify.pipeline_text import checks_on

BIRTHS = "2024年全市出生人口5.12万人，出生率为9.85‰；死亡人口3.40万人，死亡率为6.54‰；人口自然增长率为3.31‰。"


def test_natural_growth_is_births_less_deaths():
    # the identity of kb/data/identities.yaml: a ‰ rate is normalised to % but added as a rate per thousand
    [c] = checks_on(BIRTHS, "3.31‰")
    assert (c.kind, c.verdict, c.recomputed_value) == ("sum", "consistent", pytest.approx(3.31))
    [c] = checks_on(BIRTHS.replace("3.31‰", "4.31‰"), "4.31‰")
    assert c.verdict == "inconsistent"


def test_a_negative_natural_growth_keeps_its_sign():
    text = "2024年全市出生率为6.20‰，死亡率为7.40‰，人口自然增长率为-1.20‰。"
    [c] = checks_on(text, "1.20‰")
    assert (c.verdict, c.recomputed_value) == ("consistent", pytest.approx(-1.2))


def test_the_urbanisation_rate_is_the_urban_part_of_the_pair_or_of_the_total():
    pair = "2024年末全市城镇常住人口394.1万人，乡村常住人口126.8万人，常住人口城镇化率为75.66%。"
    [c] = checks_on(pair, "75.66%", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 75.66)
    [c] = checks_on(pair.replace("75.66%", "78.66%"), "78.66%", "share")
    assert c.verdict == "inconsistent"
    total = "2024年末全市常住人口520.9万人。其中城镇常住人口394.1万人，常住人口城镇化率为75.66%。"
    [c] = checks_on(total, "75.66%", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 75.66)


def test_rates_of_another_year_are_not_used():
    text = "2023年全市出生率为9.85‰，死亡率为6.54‰。2024年人口自然增长率为2.10‰。"
    assert [c.verdict for c in checks_on(text, "2.10‰")] in ([], ["unverifiable"])


def test_a_rate_named_for_another_population_is_not_of_this_pair():
    text = ("2024年末全市常住人口897.5万人，其中城镇常住人口520.1万人，常住人口城镇化率为57.95%。"
            "户籍人口城镇化率为45.21%。")
    assert {c.verdict for c in checks_on(text, "45.21%", "share")} <= {"unverifiable"}


VITAL = ("2030年末，全市常住人口958.36万人，比上年末增加8.54万人。全年出生人口6.74万人，人口出生率为{}‰；"
         "死亡人口6.29万人，人口死亡率为6.59‰。")


def test_birth_and_death_rates_are_events_over_the_average_population():
    # 6.74 / ((949.82 + 958.36) / 2) × 1000 = 7.064‰ (the year-end population alone gives 7.033)
    [c] = checks_on(VITAL.format("7.06"), "7.06‰", "average")
    assert (c.verdict, round(c.recomputed_value, 3)) == ("consistent", 7.064)
    [c] = checks_on(VITAL.format("7.06"), "6.59‰", "average")
    assert c.verdict == "consistent"


def test_a_birth_rate_that_does_not_agree_is_never_accused():
    # the population a rate is reckoned on is chosen by its name: only agreement tells
    [c] = checks_on(VITAL.format("8.06"), "8.06‰", "average")
    assert c.verdict == "unverifiable"


SEXES = ("2030年末，全市常住人口中，男性人口486.20万人，占50.73%；女性人口472.16万人，占49.27%。"
         "总人口性别比（以女性为100，男性对女性的比例）为{}，比上年末下降0.08。")


def test_the_sex_ratio_is_men_per_hundred_women():
    [c] = checks_on(SEXES.format("102.97"), "102.97", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 102.97)
    # the two populations are chosen by their names from the sentence before: a disagreement is not accused
    [c] = checks_on(SEXES.format("104.97"), "104.97", "share")
    assert c.verdict == "unverifiable"


HOUSEHOLDS = "2030年末，全市共有家庭户344.2万户，家庭户人口856.1万人，平均每个家庭户的人口为{}人。"


def test_the_people_of_an_average_household():
    # 856.1 / 344.2 = 2.487: what 的 names (人口) over the count of what 平均每个 names (家庭户)
    [c] = checks_on(HOUSEHOLDS.format("2.49"), "2.49人", "average")
    assert (c.verdict, round(c.recomputed_value, 3)) == ("consistent", 2.487)
    [c] = checks_on(HOUSEHOLDS.format("2.69"), "2.69人", "average")
    assert c.verdict == "inconsistent"
    # a total not named by the words after 的 is no numerator
    other = "2030年末，全市共有家庭户344.2万户，集体户人口102.26万人，平均每个家庭户的人口为2.49人。"
    assert checks_on(other, "2.49人", "average") == []
