"""A share's change against the previous year from a table's previous-year column (kb.verify.share_change)."""

from __future__ import annotations

from tests.verify.pipeline_text import checks_on

RELEASE = """2024年全市人口变动情况抽样调查主要数据公报

一、常住人口

2024年末，全市常住人口958.36万人，比上年末增加8.54万人。

二、城乡构成

2024年末，全市居住在城镇的人口725.48万人，居住在乡村的人口232.88万人。常住人口城镇化率为75.70%，比上年末{urban}。

三、年龄构成

2024年末，全市常住人口中，0—14岁人口141.05万人，占常住人口的比重为14.72%；60岁及以上人口214.71万人，占22.40%。与上年末相比，0—14岁人口比重{young}，60岁及以上人口比重提高0.46个百分点。

表1 2024年末全市常住人口主要构成

| 指标 | 2024年末（万人） | 2023年末（万人） |
|---|---:|---:|
| 全市常住人口 | 958.36 | 949.82 |
| 城镇 | 725.48 | 713.20 |
| 乡村 | 232.88 | 236.62 |
| 0—14岁 | 141.05 | 143.42 |
| 60岁及以上 | 214.71 | 208.39 |
"""


def _change(text: str, surface: str) -> list[tuple[str, str]]:
    return [(c.verdict, c.formula) for c in checks_on(text, surface, "difference", name="doc.md")]


def test_a_shares_change_is_recomputed_from_last_years_column():
    text = RELEASE.format(urban="提高0.61个百分点", young="下降0.38个百分点")
    assert _change(text, "0.61个百分点") == [("consistent", "725.48 / 958.36 − 713.20 / 949.82 = 0.612个百分点")]
    assert _change(text, "0.38个百分点") == [("consistent", "143.42 / 949.82 − 141.05 / 958.36 = 0.382个百分点")]
    assert _change(text, "0.46个百分点") == [("consistent", "214.71 / 958.36 − 208.39 / 949.82 = 0.464个百分点")]


def test_a_change_that_does_not_agree_is_never_accused():
    # the part and whole of last year were found by this year's values: agreement only
    text = RELEASE.format(urban="提高0.71个百分点", young="下降0.38个百分点")
    assert [v for v, _ in _change(text, "0.71个百分点")] == ["unverifiable"]


def test_a_change_in_the_other_direction_is_not_this_shares():
    text = RELEASE.format(urban="提高0.61个百分点", young="提高0.38个百分点")   # the table says it fell
    assert all(not f for _, f in _change(text, "0.38个百分点"))
