"""A place's share of its jurisdiction with neither level in its sentence
(kb.verify.relations.jurisdiction_share), on sentences of our own."""

from tests.verify.pipeline_text import verdicts

POWER = ("2024年上半年，湖北省全社会用电量1200.0亿千瓦时，同比增长6.0%。上半年全国全社会用电量40000.0亿千瓦时，同比增长5.0%。"
         "湖北省用电量增速高于全国1.0个百分点，用电量约占全国的3.0%。")


def test_the_subjects_level_over_the_nations_both_stated_before():
    assert verdicts(POWER, "3.0%", "share") == ["consistent"]
    assert verdicts(POWER.replace("约占全国的3.0%", "约占全国的3.5%"), "3.5%", "share") == ["inconsistent"]


def test_a_part_of_the_measure_is_not_the_subjects_level():
    # 第一产业用电量 ends like 用电量 but is a part of it, never the subject's whole level
    text = POWER.replace("湖北省全社会用电量1200.0亿千瓦时，同比增长6.0%。",
                         "湖北省第一产业用电量30.0亿千瓦时。")
    assert "inconsistent" not in verdicts(text, "3.0%", "share")


def test_two_levels_of_the_subject_only_agree():
    text = POWER.replace("上半年全国", "另据统计，上半年湖北省全社会用电量1250.0亿千瓦时。上半年全国")
    assert "inconsistent" not in verdicts(text.replace("约占全国的3.0%", "约占全国的3.5%"), "3.5%", "share")
