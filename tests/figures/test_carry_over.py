"""The rules of kb.figures.linking.carry_over: what a sentence hands on to the next one."""

import pytest

from kb.figures.linking import Carry, link, next_carry
from kb.figures.linking.carry_over import SUBJECT_RULES, TIME_RULES, SentenceEnd
from kb.figures.linking.rules import first_rule
from kb.figures.quantities import parse_quantities


def _end(tokenizer, sentence, carry):
    return SentenceEnd(sentence, link(parse_quantities(sentence), sentence, tokenizer, sentence, carry), carry)


TIME_CASES = [
    # (sentence, carry, rule, (year, (period_start, period_end)))
    ("粮食产量由2018年的300万吨增加到360万吨，年均增长3.7%。", Carry(report_year=2023), "origin_end_year",
     (2023, (None, None))),
    ("2014—2022年期间全省专利增长3倍。", Carry(), "stated_period_end", (None, (2014, 2022))),
    ("2023年全省生产总值5.5万亿元。", Carry(year=2021), "last_stated_year", (2023, (None, None))),
    # the year before, restated for comparison at the end, is that figure's only
    ("2024年全省社会融资规模增量15230.6亿元，同比多增1108.9亿元，2023年为14121.7亿元。", Carry(),
     "restated_earlier_year", (2024, (None, None))),
    ("全省生产总值增长5%。", Carry(year=2022), "last_figure_year", (2022, (None, None))),
    # a figure of a compared period (去年同期) is this sentence's only
    ("而在去年同期，甲市生产总值为500亿元。", Carry(year=2022, ref_year=2022), "kept_time", (2022, (None, None))),
    ("全省专利授权量增长3.2倍。", Carry(period_start=2016, period_end=2020), "last_figure_period",
     (None, (2016, 2020))),
    ("经济运行总体平稳。", Carry(year=2021), "kept_time", (2021, (None, None))),
]

SUBJECT_CASES = [
    # (sentence, carry, rule, subject)
    ("湖南省经济运行总体平稳。", Carry(subject="某市"), "figureless_place", "湖南"),
    ("全省产量合计900万台，其中湖北500万台、湖南400万台。", Carry(subject="某省"), "breakdown_whole", "某省"),
    ("长三角地区中，上海、江苏分别增长5.1%和4.6%。", Carry(subject="某地"), "respectively_lead", "长三角"),
    ("1. 云台古镇接待游客42万人次。", Carry(subject="某市"), "item_venue_ends", "某市"),
    ("湖北省地区生产总值5.6万亿元。", Carry(subject="某市"), "last_figure_subject", "湖北"),
    # a report on one province: a sentence about one of its cities, or an organisation, hands on the province
    ("宜昌市地区生产总值5600亿元。", Carry(subject="湖北", home="湖北"), "home_after_its_part", "湖北"),
    ("鄂东理工大学建校招生，新增专业12个。", Carry(subject="湖北", home="湖北"), "home_after_its_part", "湖北"),
    ("长沙市地区生产总值1.4万亿元。", Carry(subject="湖北", home="湖北"), "last_figure_subject", "长沙"),
    ("记者从青松电子股份有限公司获悉，该公司营业收入12亿元。", Carry(subject="合肥", home="合肥"),
     "last_figure_subject", "青松"),
    ("净利润1.2亿元。", Carry(subject="青松", home="合肥"), "last_figure_subject", "青松"),
    ("经济运行总体平稳。", Carry(subject="某市"), "kept_subject", "某市"),
    # figures of several places of one level in turn (a ranking): none of them goes on
    ("浏阳市增长5.4%，宁乡市增长5.6%。", Carry(subject="湖南"), "peers_listed", "湖南"),
    ("浏阳市增长5.4%，醴陵市增长5.9%。", Carry(subject="浏阳"), "peers_listed", "湖南"),
    ("广州增长4.1%，杭州增长4.7%。", Carry(subject="广州"), "peers_listed", ""),
    # a city compared with its province or the nation is no list
    ("增长6.2%，高于全省（5.5%）0.7个百分点。", Carry(subject="青州"), "last_figure_subject", "青州"),
    # a place that only bounds the predicate hands nothing on
    ("口岸通关效率保持全国前列。", Carry(subject="某省"), "kept_subject", "某省"),
    ("全国首条洲际航线投入运营。", Carry(subject="某省"), "kept_subject", "某省"),
    # one place, wherever it stands, is the topic; several places are sites of actions
    ("以安徽为例。", Carry(subject="某省"), "figureless_place", "安徽"),
    ("滨江大桥开工建设，合肥新港加快推进，芜湖会展中心建成投用。", Carry(subject="某省"), "kept_subject", "某省"),
    ("支持南京、苏州、无锡争创国际消费中心城市。", Carry(subject="某省"), "kept_subject", "某省"),
]


@pytest.mark.parametrize("sentence,carry,rule,time", TIME_CASES, ids=[c[2] for c in TIME_CASES])
def test_time_rule(tokenizer, sentence, carry, rule, time):
    assert first_rule(TIME_RULES, _end(tokenizer, sentence, carry)) == (rule, time)


@pytest.mark.parametrize("sentence,carry,rule,subject", SUBJECT_CASES, ids=[c[2] for c in SUBJECT_CASES])
def test_subject_rule(tokenizer, sentence, carry, rule, subject):
    end = _end(tokenizer, sentence, carry)
    assert first_rule(SUBJECT_RULES, end) == (rule, subject)
    assert next_carry(sentence, end.links, carry).subject == subject


def test_every_carry_rule_has_a_case_and_a_docstring():
    assert {r.__name__ for r in TIME_RULES} == {c[2] for c in TIME_CASES}
    assert {r.__name__ for r in SUBJECT_RULES} == {c[2] for c in SUBJECT_CASES}
    assert all(r.__doc__ for r in TIME_RULES + SUBJECT_RULES)


def test_a_change_start_waits_for_an_undated_sentence(tokenizer):
    s = "全市生产总值由2020年的3200亿元增加到2024年的4100亿元。"
    c = next_carry(s, link(parse_quantities(s), s, tokenizer, s, Carry()), Carry())
    assert (c.change_start, c.lasting_year) == (2020, 2024)


def test_a_look_back_at_last_year_is_not_what_the_next_paragraph_keeps(tokenizer):
    carry = Carry(year=2021, ref_year=2021, report_year=2021, lasting_year=2021)
    sentence = "毕竟去年受疫情影响，甲省经济降幅较大。"
    after = next_carry(sentence, link(parse_quantities(sentence), sentence, tokenizer, sentence, carry), carry)
    assert after.lasting_year == 2021
    report = Carry(year=2025, ref_year=2026, report_year=2025, lasting_year=2025)
    sentence = "今年，我们将扩大开放。"
    after = next_carry(sentence, link(parse_quantities(sentence), sentence, tokenizer, sentence, report), report)
    assert after.lasting_year == 2026
