"""The year or period of a figure (kb.figures.linking.periods) in comparisons with a base year, after
a year's 的, and in lists of base years; with the months and the measure the identity pass reads."""

import pytest

from kb.figures.identity import measure
from kb.figures.linking import Carry, link
from kb.figures.quantities import parse_quantities


def dating(tokenizer, sentence: str, surface: str, carry: Carry) -> tuple:
    links = link(parse_quantities(sentence), sentence, tokenizer, sentence, carry)
    found = next(l for l in links if l.quantity.surface.replace(" ", "") == surface)
    return found.year, found.period_start, found.period_end


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    # against the year before: a growth of one year, that year's
    ("2022年全县粮食产量比2021年增长6.5%。", "6.5%", Carry(), (2022, None, None)),
    ("某县茶叶产值增速比2021年提高1.2个百分点。", "1.2个百分点", Carry(year=2022), (2022, None, None)),
    ("相比2021年，全县新增规上企业14家。", "14家", Carry(year=2022), (2022, None, None)),
    ("预计2023年全县物价涨幅略高于2022年0.3个百分点。", "0.3个百分点", Carry(), (2023, None, None)),
    # against a year further back: a figure over the span between them
    ("2022年全县粮食产量比2019年增长16.5%。", "16.5%", Carry(), (None, 2019, 2022)),
    # against the same part of the base year: that part of the figure's year
    ("2023年1—6月，全县财政收入比2021年同期增长12%。", "12%", Carry(), (2023, None, None)),
    ("全县财政收入比2021年1—6月增长12%。", "12%", Carry(year=2023), (2023, None, None)),
    ("全县财政收入同比2021年增长12%。", "12%", Carry(year=2023), (2023, None, None)),
    ("2023年上半年，全县出口额相比2021年增长20%。", "20%", Carry(), (2023, None, None)),
    # a price year is no base: the growth is the carried year's
    ("全年完成工业总产值（2015年价）820亿元，增长9.5%。", "9.5%", Carry(year=2020), (2020, None, None)),
    # the start of a named era is that year (改革开放之初 1978, 新中国成立之初 1949): as a base…
    ("2020年，全国居民人均可支配收入3.2万元，与改革开放之初相比增加了28倍。", "28倍", Carry(), (None, 1978, 2020)),
    ("2019年全市工业产值比新中国成立之初增长了1500倍。", "1500倍", Carry(), (None, 1949, 2019)),
    # …or as the figure's own year
    ("新中国成立之初，全市工业产值只有1.2亿元。", "1.2亿元", Carry(year=2019), (1949, None, None)),
    # a year listed after a base year is a base too
    ("增幅分别比2020年和2021年末下降3.1和1.2个百分点。", "3.1", Carry(year=2022), (2022, None, None)),
    ("增幅分别比2020年和2021年末下降3.1和1.2个百分点。", "1.2个百分点", Carry(year=2022), (2022, None, None)),
])
def test_a_comparison_with_a_base_year(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    ("预计2024年某市经济增速为5.2%，较2023年的5.6%略低。", "5.6%", Carry(), (2023, None, None)),
    ("服务业比重从2015年的41%提高到2020年的48%。", "41%", Carry(), (2015, None, None)),
    ("服务业比重从2015年的41%提高到2020年的48%。", "48%", Carry(), (2020, None, None)),
    ("通胀率由2010年的5%下降为2013年的1.9%。", "1.9%", Carry(), (2013, None, None)),
    ("研发投入占比从前些年的1.8%提高至去年的2.4%。", "2.4%", Carry(ref_year=2023), (2022, None, None)),
    ("城镇化率分别从2012年的35.3%、52.6%提高到2018年的43.4%、59.6%。", "59.6%", Carry(), (2018, None, None)),
    # a multiple after 2015年的 is over the years between, not of 2015
    ("2020年全县出口额是2015年的2.5倍。", "2.5倍", Carry(), (None, 2015, 2020)),
])
def test_a_figure_right_after_a_years_de_is_of_that_year(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected


def test_same_year_base_named_after_tongbi_is_a_base_not_a_cue_of_last_year():
    """同比2019年增长17.8%: 同比 leads the base 2019, so the growth is against that base."""
    assert measure("growth_rate", "%", "前2月同比2019年增长", year=2021) == "growth_vs_base"
    assert measure("growth_rate", "%", "前2月同比增长", year=2021) == "yoy_growth"


def identified(text: str, surface: str, claim_type: str, unit: str, unit_normalized: str):
    """A 2022 figure of the one-sentence ``text`` after the identity pass."""
    from kb.figures.identity import identify_facts
    from kb.models import Document, Fact, Sentence

    start = text.index(surface)
    value = float(surface[:len(surface) - len(unit)])
    doc = Document(doc_id="d", doc_path="d.txt", text=text, title="全县金融运行情况")
    fact = Fact(fact_id="f1", doc_id="d", char_start=start, char_end=start + len(surface), quote=text, value=value,
                value_text=surface[:len(surface) - len(unit)], unit=unit, scale=1, value_normalized=value,
                unit_normalized=unit_normalized, claim_type=claim_type, year=2022)
    sentence = Sentence(sentence_id="s", doc_id="d", passage_id="", ordinal=0, start=0, end=len(text), text=text)
    return identify_facts(doc, [sentence], [], [fact])[0]


def months_of(text: str, surface: str, claim_type: str, unit: str, unit_normalized: str) -> tuple:
    """(period_start_month, period_end_month) the identity pass gives a 2022 figure of ``text``."""
    fact = identified(text, surface, claim_type, unit, unit_normalized)
    return fact.period_start_month, fact.period_end_month


def test_the_end_of_a_base_year_names_no_months_of_the_figure():
    """9月末，…增幅分别比2020年和2021年末下降…: the months are September's, not December's."""
    text = "9月末，全县存款余额增长9.0%，增幅分别比2020年和2021年末下降3.1和1.2个百分点。"
    assert months_of(text, "1.2个百分点", "change", "个百分点", "pp") == ("2022-09", "2022-09")


@pytest.mark.parametrize("text, surface, claim_type, unit, unit_normalized, expected", [
    # a growth later in a sentence that counts from the start of the year is of January to the month
    ("9月末，全县储蓄存款余额比年初增加12.5亿元，增长8.1%。", "8.1%", "growth_rate", "%", "%", ("2022-01", "2022-09")),
    ("9月末，全县贷款余额比年初增加30亿元，同比多增4.2亿元。", "4.2亿元", "level", "亿元", "CNY",
     ("2022-01", "2022-09")),
    # a growth against the year before is of the balance at the month's end
    ("9月末，全县存款余额比年初增加30亿元，贷款余额同比增长12.3%。", "12.3%", "growth_rate", "%", "%",
     ("2022-09", "2022-09")),
])
def test_a_change_counted_from_the_start_of_the_year(text, surface, claim_type, unit, unit_normalized, expected):
    assert months_of(text, surface, claim_type, unit, unit_normalized) == expected


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    # 由A提高到B with no year: A is the year before the carried one, B the carried one
    ("全县服务业占比由41.2%提高到43.5%。", "41.2%", Carry(year=2023), (2022, None, None)),
    ("全县服务业占比由41.2%提高到43.5%。", "43.5%", Carry(year=2023), (2023, None, None)),
    ("某企业由第5位上升至第3位。", "第5位", Carry(year=2023), (2022, None, None)),
    # in a review of years (五年来，…) A is the year before the first
    ("全县森林覆盖率从61%提高到65%。", "61%", Carry(year=2025, span_start=2021, span_end=2025), (2020, None, None)),
])
def test_an_undated_change_starts_in_the_period_before(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    ("去年全县规上企业有120家，近五年营业收入复合增速为9.5%。", "9.5%", Carry(ref_year=2024), (None, 2019, 2023)),
    ("过去三年，全县累计新增就业岗位2.4万个。", "2.4万个", Carry(year=2023), (None, 2021, 2023)),
    # a year stated after 近五年 dates the figure itself
    ("近五年全县经济稳步发展，2023年生产总值达到320亿元。", "320亿元", Carry(), (2023, None, None)),
    # 过去一年 is a year, no span
    ("过去一年，全县生产总值增长5.5%。", "5.5%", Carry(ref_year=2024), (2023, None, None)),
])
def test_a_figure_after_jin_n_nian_is_over_those_years(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected


@pytest.mark.parametrize("text, surface, claim_type, unit, unit_normalized, expected", [
    # the months of a period compared with (比上年全年, 比头2个月) are not the figure's
    ("一季度，全县服务业对经济增长的贡献率比上年全年提高5.1个百分点。", "5.1个百分点", "change", "个百分点", "pp",
     ("2022-01", "2022-03")),
    ("全县头9个月累计投资增长率为18.7%，比头2个月累计增幅下降4.4个百分点。", "4.4个百分点", "change", "个百分点", "pp",
     ("2022-01", "2022-09")),
    # months named before a later year are another time's (the day a report was made)
    ("今年6月初，审计报告提请审议，报告称，2022年，全县“三公”经费支出合计2.5亿元。", "2.5亿元", "level", "亿元", "CNY",
     ("2022-01", "2022-12")),
    ("2022年1—9月，全县出口额增长8.5%。", "8.5%", "growth_rate", "%", "%", ("2022-01", "2022-09")),
])
def test_months_of_the_figure_not_of_another_period(text, surface, claim_type, unit, unit_normalized, expected):
    assert months_of(text, surface, claim_type, unit, unit_normalized) == expected


def paragraph_months(text: str, surface: str, claim_type: str = "level", unit: str = "亿元",
                     unit_normalized: str = "CNY", title: str = "全县经济运行情况") -> tuple:
    """(period_start_month, period_end_month) of a 2022 figure of a one-paragraph ``text`` whose
    sentences end at 。"""
    from kb.figures.identity import identify_facts
    from kb.models import Document, Fact, Passage, Sentence

    start = text.index(surface)
    number = surface[:len(surface) - len(unit)]
    doc = Document(doc_id="d", doc_path="d.txt", text=text, title=title)
    fact = Fact(fact_id="f1", doc_id="d", passage_id="p", char_start=start, char_end=start + len(surface), quote=text,
                value=float(number), value_text=number, unit=unit, scale=1, value_normalized=float(number),
                unit_normalized=unit_normalized, claim_type=claim_type, year=2022)
    passage = Passage(passage_id="p", doc_id="d", ordinal=0, start=0, end=len(text), text=text)
    sentences, at = [], 0
    for i, piece in enumerate(text.split("。")[:-1]):
        sentences.append(Sentence(sentence_id=f"s{i}", doc_id="d", passage_id="p", ordinal=i, start=at,
                                  end=at + len(piece) + 1, text=piece + "。"))
        at += len(piece) + 1
    [identified] = identify_facts(doc, sentences, [passage], [fact])
    return identified.period_start_month, identified.period_end_month


@pytest.mark.parametrize("text, surface, title, expected", [
    # the months of the paragraph's earlier sentence go on (其中，出口…)
    ("2022年1—11月，全县进出口21.8亿元，下降1.2%。其中，出口12.5亿元，下降1.8%。", "12.5亿元", "全县经济运行情况",
     ("2022-01", "2022-11")),
    # not past a year the sentence states of its own
    ("2022年1—11月，全县进出口21.8亿元。今年全县出口目标是30亿元。", "30亿元", "全县经济运行情况",
     ("2022-01", "2022-12")),
    # and a sentence that states its year without months is of the whole year, whatever the title says
    ("今年全县生产总值预期目标是320亿元。", "320亿元", "全县前三季度经济运行情况", ("2022-01", "2022-12")),
    # 去年同期 is the same part of another year: the title's months
    ("而在去年同期，全县生产总值为280亿元。", "280亿元", "全县前三季度经济运行情况", ("2022-01", "2022-09")),
])
def test_months_carried_in_a_paragraph(text, surface, title, expected):
    assert paragraph_months(text, surface, title=title) == expected


def test_a_point_in_time_goes_on_to_a_stock_not_to_a_growth():
    """年末…。贷款余额X: X is of the year's end; 截至9月底…。执行额同比增长Y%: Y is over the months."""
    stock = "年末全县存款余额500亿元。贷款余额320亿元，增长9%。"
    assert paragraph_months(stock, "320亿元") == ("2022-12", "2022-12")
    growth = "截至9月底，全县外包从业人员累计2.5万人。全县外包执行额同比增长10.8%。"
    assert paragraph_months(growth, "10.8%", "growth_rate", "%", "%", title="全县1—9月服务外包情况") == \
        ("2022-01", "2022-09")


@pytest.mark.parametrize("text, expected", [
    # an earlier clause's base year (not the year before) makes the figure a growth against it
    ("2022年1—2月，全县财政收入相比2020年增长15%，其中税收增速达到27.3%。", "growth_vs_base"),
    ("2022年1—2月，全县财政收入相比2020年增长15%，其中税收同比增长27.3%。", "yoy_growth"),
    ("2022年，全县财政收入比2021年增长15%，其中税收增速达到27.3%。", "yoy_growth"),
])
def test_a_base_year_named_in_an_earlier_clause(text, expected):
    assert identified(text, "27.3%", "growth_rate", "%", "%").measure == expected


def test_a_comparison_from_a_span_of_months_is_of_those_months_year(tokenizer):
    sentence = "在2022年1-2月，全县财政收入相比2020年增长率高达15%以上。"
    assert dating(tokenizer, sentence, "15%", Carry()) == (2022, None, None)


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    # a rate over one year is that year's
    ("某公司研发支出由2021年的110亿元提升至185亿元，同比增加68%。", "68%", Carry(report_year=2022), (2022, None, None)),
    ("全县出口额由2021年的50亿元增加到2022年的60亿元，增长20%。", "20%", Carry(), (2022, None, None)),
    # over more years, the span
    ("全县出口额由2018年的50亿元增加到2022年的60亿元，年均增长4.7%。", "4.7%", Carry(), (None, 2018, 2022)),
    # the level a change ends at is of its year, though the sentence opens a period (以来)
    ("2015年以来全县消费增速持续回落，到2020年消费增速由12%下降到6.5%。", "6.5%", Carry(), (2020, None, None)),
    # the level that ends a parallel change is of the end year
    ("甲县出口增速由2019年的8.1%下降为2020年的2.3%，乙县由6.5%下降为1.9%。", "1.9%", Carry(), (2020, None, None)),
])
def test_changes_between_two_years(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    # 从A提高到B over a stated period: A and B are levels of its first and last year
    ("2015—2020年，全县森林覆盖率从55%提高到61%。", "55%", Carry(), (2015, None, None)),
    ("2015—2020年，全县森林覆盖率从55%提高到61%。", "61%", Carry(), (2020, None, None)),
    # 提高不到 is no 到; 达到 without a 从 before it is no end of a change
    ("2015—2020年，全县森林覆盖率从55%提高到61%，平均每年提高不到1.5个百分点。", "1.5个百分点", Carry(),
     (None, 2015, 2020)),
    ("2015—2020年，全县生产总值平均增速达到6.8%。", "6.8%", Carry(), (None, 2015, 2020)),
    # after a sentence that ended on a period
    ("全县森林覆盖率由55%提高到61%，平均每年提高1.2个百分点。", "55%", Carry(period_start=2015, period_end=2020),
     (2015, None, None)),
    ("全县森林覆盖率由55%提高到61%，平均每年提高1.2个百分点。", "61%", Carry(period_start=2015, period_end=2020),
     (2020, None, None)),
    ("全县森林覆盖率由55%提高到61%，平均每年提高1.2个百分点。", "1.2个百分点",
     Carry(period_start=2015, period_end=2020), (None, 2015, 2020)),
])
def test_a_change_over_a_period(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected



def test_the_date_of_an_event_is_no_figures_year():
    from kb.figures.linking.periods import find_years

    text = "扣除2022年年中出台的减税政策等因素影响后，可比增长1.2%；2023年8月起提高扣除标准，2024年发布的数据显示…"
    assert [y.year for y in find_years(text)] == []
    assert [y.year for y in find_years("2023年出台了30项政策，2022年全省生产总值增长5%。")] == [2023, 2022]


def test_last_years_end_is_a_year_before_the_documents():
    from kb.figures.linking.periods import find_years

    assert [y.year for y in find_years("上年末，全省存款余额为11.99万亿元。", 2023)] == [2022]
    assert [y.year for y in find_years("5年以上年限的贷款", 2023)] == []


def test_a_year_recovered_to_is_a_base_and_its_bracketed_level_is_its_own(tokenizer):
    from kb.figures.linking.periods import find_years
    from kb.search.claim_parse import parse_claim

    assert [(y.year, y.base) for y in find_years("恢复到2019年（3,146.05亿元）的108.5%")] == [(2019, True)]
    facts = parse_claim("2024年实现旅游总收入3,412.56亿元，恢复到2019年（3,146.05亿元）的108.5%", tokenizer)
    assert [(f.value, f.year) for f in facts if f.unit_normalized == "CNY"] == [(3412.56, 2024), (3146.05, 2019)]


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    # 五年来 in a report on 2025: the rate is over 2021—2025, as after 近五年
    ("五年来，全省刑事案件总量下降35.9%。", "35.9%", Carry(year=2025), (None, 2021, 2025)),
    ("五年来，地区生产总值年均增长6.5%。", "6.5%", Carry(year=2023), (None, 2019, 2023)),
    # no year known: a rate over years the text does not name
    ("十年来，我国数字经济年均增长15%。", "15%", Carry(), (None, None, None)),
])
def test_a_rate_over_the_years_since(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    # a percentage of an earlier year's level spans the years between (a multiple written in %)
    ("全年旅游总收入150亿元，相当于2019年的150%。", "150%", Carry(year=2024), (None, 2019, 2024)),
    ("全年接待游客1200万人次，恢复到2019年的92%。", "92%", Carry(year=2024), (None, 2019, 2024)),
    # the level of that year in brackets is its own; a change to a level of that year is of that year
    ("全年接待游客1200万人次，恢复到2019年（1300万人次）的92%。", "1300万人次", Carry(year=2024), (2019, None, None)),
    ("出口增长率下降为1997年的0.8%。", "0.8%", Carry(year=1998), (1997, None, None)),
])
def test_a_percentage_of_an_earlier_year(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected


def test_a_year_on_year_rate_takes_no_period_carried_from_the_sentence_before(tokenizer):
    carried = Carry(year=None, period_start=2019, period_end=None)
    assert dating(tokenizer, "实现国内旅游收入7534.3亿元，按可比口径同比增长129.5%。", "129.5%", carried)[1:] == (None, None)
    assert dating(tokenizer, "实现国内旅游收入7534.3亿元，增长129.5%。", "129.5%", carried)[1] == 2019


def test_after_a_comparison_with_a_base_year_the_year_in_force_goes_on():
    from tests.verify.pipeline_text import process

    text = ("# 某县2024年国民经济和社会发展统计公报\n\n全年旅游总收入150亿元，比上年增长8.0%。"
            "全年接待游客1200万人次，比2019年增长50%。全年旅游外汇收入5亿元。\n\n"
            "五年累计完成固定资产投资2743.6亿元，年均完成548.7亿元；累计新增城镇就业6.12万人。")
    years = {f.value: (f.year, f.period_start, f.period_end) for _, facts, _ in [process(text)] for f in facts}
    assert years[50.0] == (None, 2019, 2024)        # the comparison's span is the rate's own
    assert years[5.0] == (2024, None, None)          # the next sentence is still of 2024
    # after a total over five years (a level over a span, no comparison) the span goes on: not 2024's
    assert years[6.12] != (2024, None, None)


@pytest.mark.parametrize("sentence, surface, carry, expected", [
    # a figure compared with the carried year is of a later one: the year the document reports on
    ("全年旅游总收入150亿元，比2019年增长50.0%。", "150亿元", Carry(year=2019, report_year=2024), (2024, None, None)),
    ("全年旅游总收入150亿元，比2019年增长50.0%。", "50.0%", Carry(year=2019, report_year=2024), (None, 2019, 2024)),
    # not 上年 (read against another year) nor 自…起
    ("其中，常住人口城镇化率为72.7%，比上年末提高0.6个百分点。", "72.7%", Carry(year=2023, report_year=2024), (2023, None, None)),
])
def test_a_figure_compared_with_the_carried_year_is_of_a_later_one(tokenizer, sentence, surface, carry, expected):
    assert dating(tokenizer, sentence, surface, carry) == expected
