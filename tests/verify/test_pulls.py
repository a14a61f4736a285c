"""A component's pull on growth in prose: 贡献率分别为…，分别拉动GDP增长…个百分点."""

import pytest

from tests.verify.pipeline_text import checks_on

SENTENCE = ("2020年国内生产总值比上年增长6.0%，最终消费支出、资本形成总额和货物和服务净出口对经济增长的贡献率"
            "分别为57.8%、31.2%和11.0%，分别拉动经济增长3.5、1.9和0.7个百分点。")
EARLIER = ("预计2017年GDP增速为6.5%左右，增速较2016年的6.7%略低。从三大需求来看，2016年最终消费、资本形成总额"
           "和净出口对GDP增长的贡献率分别为70%、36%和-6%，分别拉动GDP增长4.7、2.4和-0.4个百分点。")


def test_each_pull_is_the_growth_times_its_contribution_share():
    for surface, value in (("3.5", 3.468), ("1.9", 1.872), ("0.7", 0.66)):
        [c] = checks_on(SENTENCE, surface, "pull")
        assert c.verdict == "consistent"
        assert c.recomputed_value == pytest.approx(value)


def test_a_wrong_pull_is_inconsistent_when_the_sentence_states_the_growth():
    [c] = checks_on(SENTENCE.replace("和0.7个百分点", "和0.9个百分点"), "0.9", "pull")
    assert c.verdict == "inconsistent"


def test_the_growth_of_the_shares_year_stated_earlier():
    [c] = checks_on(EARLIER, "4.7", "pull")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(4.69)
    [c] = checks_on(EARLIER, "-0.4", "pull")
    assert c.recomputed_value == pytest.approx(-0.402)
    assert "−-" not in c.explanation


def test_a_growth_found_outside_the_sentence_only_agrees():
    [c] = checks_on(EARLIER.replace("分别拉动GDP增长4.7", "分别拉动GDP增长5.7"), "5.7", "pull")
    assert c.verdict == "unverifiable"


def test_no_growth_of_that_year_nothing_compared():
    text = EARLIER.replace("2016年的6.7%", "2015年的6.9%")
    assert not checks_on(text, "4.7", "pull")
    # two different growth figures of the year: not chosen between
    text2 = EARLIER.replace("略低。", "略低。2016年GDP增长6.9%。")
    assert not checks_on(text2, "4.7", "pull")


def test_the_shares_may_follow_the_pulls():
    text = ("2020年国内生产总值比上年增长6.0%，最终消费支出、资本形成总额和货物和服务净出口分别拉动经济增长"
            "3.5、1.9和0.7个百分点，对经济增长的贡献率分别为57.8%、31.2%和11.0%。")
    [c] = checks_on(text, "1.9", "pull")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(1.872)
    [c] = checks_on(text.replace("和0.7个", "和0.9个"), "0.9", "pull")
    assert c.verdict == "inconsistent"


def test_one_component_and_its_share():
    text = "2020年全省生产总值增长6.0%，最终消费支出对经济增长的贡献率为50.0%，拉动经济增长3.0个百分点。"
    [c] = checks_on(text, "3.0个", "pull")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(3.0)


def test_bulletin_style_one_clause_per_component():
    text = ("2019年全年国内生产总值比上年增长6.0%。全年最终消费支出对经济增长的贡献率为57.8%，拉动国内生产总值增长"
            "3.5个百分点；资本形成总额对经济增长的贡献率为31.2%，拉动国内生产总值增长1.9个百分点。")
    [c] = checks_on(text, "1.9个", "pull")
    assert (c.verdict, round(c.recomputed_value, 3)) == ("consistent", 1.872)
    # the growth is in another sentence: a pull off its share is not accused
    [c] = checks_on(text.replace("增长1.9个", "增长2.9个"), "2.9个", "pull")
    assert c.verdict == "unverifiable"
