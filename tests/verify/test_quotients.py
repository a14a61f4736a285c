"""A figure per unit as the quotient of two levels (单产, 均价, 存贷比, kb.verify.relations.quotients), on
sentences of our own."""

from __future__ import annotations

import pytest

from kb.verify.relations.quotients import conversion
from tests.verify.pipeline_text import checks_on, verdicts


def test_conversions_between_units_of_one_dimension():
    assert conversion("t", "kg") == 1000
    assert conversion("kg", "t") == pytest.approx(0.001)
    assert conversion("ha", "mu") == 15
    assert conversion("m2", "m2") == 1
    assert conversion("t", "mu") is None


def test_yield_per_mu_is_output_over_area_in_the_units_written():
    text = ("2024年，全省粮食播种面积2310.5万亩，比上年增加12.0万亩。全省粮食总产量920.0万吨，增长1.2%。"
            "粮食单产398.2公斤/亩，增加2.1公斤/亩。")
    [c] = checks_on(text, "398.2公斤/亩", "average")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 398.18)
    # chosen by their names in other sentences: a disagreement accuses no one
    [c] = checks_on(text.replace("398.2公斤", "418.2公斤"), "418.2公斤/亩", "average")
    assert c.verdict == "unverifiable"


def test_an_average_price_in_its_own_sentence_is_judged():
    text = "2024年，全市商品房销售面积820.6万平方米，商品房销售额892.3亿元，商品房平均销售价格10874元/平方米。"
    [c] = checks_on(text, "10874元/平方米", "average")
    assert (c.verdict, round(c.recomputed_value)) == ("consistent", 10874)
    [c] = checks_on(text.replace("10874元", "11874元"), "11874元/平方米", "average")
    assert c.verdict == "inconsistent"


def test_levels_of_another_name_year_or_place_are_not_used():
    other_crop = "2024年，全省夏粮播种面积800.0万亩，夏粮产量320.0万吨。粮食单产398.2公斤/亩。"
    assert checks_on(other_crop, "398.2公斤/亩", "average") == []
    other_year = "2023年，全省粮食播种面积2310.5万亩，粮食总产量920.0万吨。2024年粮食单产398.2公斤/亩。"
    assert checks_on(other_year, "398.2公斤/亩", "average") == []


def test_a_loan_to_deposit_ratio_is_loans_over_deposits():
    text = ("2024年末，全市金融机构本外币各项存款余额8650.4亿元，比年初增加612.3亿元；各项贷款余额7120.8亿元，"
            "比年初增加540.1亿元。存贷比为82.3%。")
    [c] = checks_on(text, "82.3%", "share")   # kb/data/identities.yaml: 存贷比 = 贷款余额 / 存款余额
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 82.32)


def test_beds_per_thousand_people_without_a_verb():
    text = "2024年末，全市常住人口512.30万人。全市医疗卫生机构床位3.85万张，每千人口床位数7.52张。"
    assert [c.verdict for c in checks_on(text, "7.52张", "average")] == ["consistent"]


def test_a_ratio_of_one_currency_scope_takes_the_deposits_of_its_scope():
    # 本外币存贷比 over 本外币 deposits, not the 人民币 deposits of the same paragraph: the one of its
    # scope and year is certain, so a wrong ratio is accused; the 人民币 figure is never its input
    text = ("2030年末，全省本外币各项存款余额8650.4亿元，同比增长8.0%；其中人民币存款余额8500.2亿元。"
            "本外币各项贷款余额7120.8亿元，同比增长9.1%。全省本外币存贷比为{}。")
    [c] = checks_on(text.format("82.3%"), "82.3%", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("consistent", 82.32)
    [c] = checks_on(text.format("84.3%"), "84.3%", "share")
    assert (c.verdict, round(c.recomputed_value, 2)) == ("inconsistent", 82.32)


def test_a_yield_named_per_unit_area_over_levels_stated_with_bracketed_conversions():
    # 单位面积产量 is a 单产; the bracketed 千公顷 / 亿斤 restate the levels, they are no second values
    text = ("2024年全省粮食播种面积1000.0万亩（666.7千公顷），比上年增加2.0万亩。\n\n"
            "2024年全省粮食总产量400.0万吨（80.0亿斤），比上年增加4.0万吨。\n\n"
            "2024年全省粮食作物单位面积产量400.0公斤/亩，比上年增加3.0公斤/亩。")
    assert verdicts(text, "400.0公斤/亩", "average") == ["consistent"]
