"""The year of a paragraph of a one-year report (kb.figures.facts), on a text of our own."""

from tests.verify.pipeline_text import process

BULLETIN = ("东岚市2023年国民经济和社会发展统计公报\n\n"
            "全年全市地区生产总值5213.6亿元，比上年增长5.1%。\n\n"
            "经第五次全国经济普查修订，2022年全市地区生产总值为4960.2亿元。\n\n"
            "年末全市常住人口812.4万人，比上年末增加3.1万人。全年出生人口5.2万人。\n\n"
            "2022年，全市新增就业6.1万人。\n\n"
            "新增城镇就业人数比上年多0.3万人。\n")


def test_a_paragraph_opening_on_the_year_is_the_titles_year_after_an_aside():
    """经普查修订，2022年… is an aside; 年末… / 全年… in the next paragraph are 2023's."""
    _, facts, _ = process(BULLETIN)
    year = {f.value: f.year for f in facts}
    assert year[4960.2] == 2022
    assert (year[812.4], year[3.1], year[5.2]) == (2023, 2023, 2023)


def test_a_paragraph_without_the_own_period_word_keeps_the_year_before():
    _, facts, _ = process(BULLETIN)
    year = {f.value: f.year for f in facts}
    assert year[6.1] == 2022 and year[0.3] == 2022


def test_a_figure_in_brackets_after_a_compared_place_is_that_places():
    """高于同期全国…增长率（9.8%）: 9.8% is the nation's, not the subject's."""
    text = ("江西省数字经济发展报告\n\n2023年，江西省数字经济规模年均增长12.4%，高于同期全国数字经济规模"
            "年均增长率（9.8%）约2.6个百分点；数字经济占GDP比重为35.2%，低于全国平均水平（41.5%）。\n")
    _, facts, _ = process(text)
    subject = {f.value: f.subject for f in facts}
    assert (subject[9.8], subject[41.5]) == ("全国", "全国")
    assert (subject[12.4], subject[35.2]) == ("江西", "江西")
