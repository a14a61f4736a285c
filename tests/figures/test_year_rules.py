"""Each year rule of kb.figures.linking.periods (``YEAR_RULES``, ``LAST_YEAR_RULES``), on a
sentence that only it decides. The rule is recorded on the figure's Link (``year_rule``)."""

import pytest

from kb.figures.linking import Carry, link
from kb.figures.linking.periods import LAST_YEAR_RULES, YEAR_RULES
from kb.figures.quantities import parse_quantities

CASES = [
    # (sentence, figure, carry, rule, (year, period_start, period_end))
    ("研发投入强度由2.6%提高到3.1%。", "2.6%", Carry(change_start=2020), "change_start_carried", (2020, None, None)),
    ("高新技术产业增加值占比由38.2%提高到40.1%。", "38.2%", Carry(year=2023), "change_start_before",
     (2022, None, None)),
    ("甲县出口增速由2019年的8.1%下降为2020年的2.3%，乙县由6.5%下降为1.9%。", "6.5%", Carry(),
     "parallel_change_start", (2019, None, None)),
    ("与2013年的1.15万亿元相比，全市生产总值增长了一倍。", "1.15万亿元", Carry(), "own_year_level", (2013, None, None)),
    ("全市生产总值由2015年的800亿元增加到2020年的1200亿元，年均增长8.4%。", "8.4%", Carry(),
     "rate_between_levels", (None, 2015, 2020)),
    ("粮食产量由2018年的300万吨增加到360万吨，年均增长3.7%。", "360万吨", Carry(report_year=2023),
     "change_end_level", (2023, None, None)),
    ("粮食产量由2018年的300万吨增加到360万吨，年均增长3.7%。", "3.7%", Carry(report_year=2023),
     "change_rate", (None, 2018, 2023)),
    ("2016~2019年，宏观税负分别为17.47%、17.35%、17.01%和16.02%。", "17.01%", Carry(), "year_of_respective_list",
     (2018, None, None)),
    # a list of things named before 分别 is not a list of years
    ("2014—2016年，出口、进口和消费分别增长5%、6%和7%。", "6%", Carry(), "stated_period", (None, 2014, 2016)),
    ("2014—2022年，全省专利授权量增长3.2倍。", "3.2倍", Carry(), "stated_period", (None, 2014, 2022)),
    # 一 between two years is a dash (2015一2020年, as scanned text often has it)
    ("2015一2020年，宽带投资将新增23.7万个就业岗位。", "23.7万个", Carry(), "stated_period", (None, 2015, 2020)),
    ("2023年，全省高新技术企业有800家，近五年营业收入年均增长12%。", "12%", Carry(), "recent_years",
     (None, 2019, 2023)),
    # 五年累计: the five years up to the year the report covers, not the year a sentence before carried
    ("五年累计新增城镇就业218.6万人。", "218.6万人", Carry(year=2018, report_year=2023), "recent_years",
     (None, 2019, 2023)),
    ("2023年全省生产总值5.5万亿元。", "5.5万亿元", Carry(), "year_in_clause", (2023, None, None)),
    ("2023年，全省经济平稳，生产总值5.5万亿元。", "5.5万亿元", Carry(), "year_earlier_in_sentence", (2023, None, None)),
    ("生产总值5.5万亿元（2023年）。", "5.5万亿元", Carry(), "year_later_in_clause", (2023, None, None)),
    ("2014年以来，全省累计建成5G基站12万个。", "12万个", Carry(), "since_start", (None, 2014, None)),
    ("十年来，全省生产总值年均增长8%。", "8%", Carry(), "years_since_rate", (None, None, None)),
    ("全省工业产值每年以10%的速度增长。", "10%", Carry(year=2022), "every_year", (None, None, None)),
    ("目前全县出口增速为8.5%。", "8.5%", Carry(year=2023, ref_year=2024), "current_year", (2024, None, None)),
    ("城镇新增就业52.3万人。", "52.3万人", Carry(year=2025, span_start=2021, span_end=2025), "review_years",
     (None, 2021, 2025)),
    ("高端食品加工业产值年均增长超20%。", "20%", Carry(year=2025, review_start=2021, review_end=2025),
     "averaged_over_review", (None, 2021, 2025)),
    ("全省生产总值5.5万亿元。", "5.5万亿元", Carry(year=2022), "carried_year", (2022, None, None)),
    ("全省专利授权量增长3.2倍。", "3.2倍", Carry(period_start=2016, period_end=2020), "carried_period",
     (None, 2016, 2020)),
    ("《城市创新指数报告（2023）》显示，某市位列第5位。", "第5位", Carry(), "cited_edition", (2023, None, None)),
    ("目前全省共有高新技术企业1200家。", "1200家", Carry(ref_year=2024), "document_year", (2024, None, None)),
    ("全省共有高新技术企业1200家。", "1200家", Carry(), "undated", (None, None, None)),
    # 上年 / 去年 move the figure to the year before
    ("2022年某市出口额50亿元，是上年20亿元的2.5倍。", "2.5倍", Carry(), "last_year_multiple", (None, 2021, 2022)),
    ("2023年，某县地区生产总值320亿元，上年为300亿元。", "300亿元", Carry(), "last_year_level", (2022, None, None)),
    ("2023年出口增长目标定为6%，低于上年7.5%的水平。", "7.5%", Carry(), "last_year_compared", (2022, None, None)),
    ("2021年一季度GDP同比增长18.3%，上年同期下降6.8%。", "6.8%", Carry(), "last_year_rate", (2020, None, None)),
]


@pytest.mark.parametrize("sentence,surface,carry,rule,dating", CASES, ids=[c[3] for c in CASES])
def test_year_rule(tokenizer, sentence, surface, carry, rule, dating):
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)
    l = next(l for l in links if l.quantity.surface.replace(" ", "") == surface)
    assert (l.year_rule, (l.year, l.period_start, l.period_end)) == (rule, dating)
    assert l.last_year == rule.startswith("last_year")


def test_every_year_rule_has_a_case_and_a_docstring():
    rules = YEAR_RULES + LAST_YEAR_RULES
    assert {r.__name__ for r in rules} == {c[3] for c in CASES}
    assert all(r.__doc__ for r in rules)


def test_the_year_of_a_base_effect_is_not_the_figures(tokenizer):
    """剔除去年同期低基数影响，两年平均增幅为9.4%: 去年 is the base cleaned out, the figure this year's."""
    links = link(parse_quantities("剔除去年同期低基数影响，两年平均增幅为9.4%。"), "剔除去年同期低基数影响，两年平均增幅为9.4%。",
                 tokenizer, "剔除去年同期低基数影响，两年平均增幅为9.4%。", Carry(year=2021, ref_year=2021))
    assert links[0].year == 2021


def test_the_year_of_a_trend_carried_on_is_not_the_figures(tokenizer):
    """物价延续了2022年温和上涨走势，…，全年CPI约为2.4%: 2022 is the trend's year; the figure is of the
    year carried from the sentence before."""
    sentence = "物价延续了2022年温和上涨走势，涨幅较2022年同期有所扩大，全年居民消费价格约上涨2.4%。"
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, Carry(year=2023))
    assert (links[0].year, links[0].year_rule) == (2023, "carried_year")


def test_the_end_of_a_change_from_a_named_year_is_the_year_the_sentence_opens_on():
    from tests.verify.pipeline_text import process

    _, facts, _ = process("2024年末，全市每10万人中具有大学文化程度的人数由2020年的21540人上升为24897人。")
    assert [(f.value, f.year) for f in facts] == [(21540.0, 2020), (24897.0, 2024)]
