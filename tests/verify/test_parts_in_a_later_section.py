"""A total and the parts of an exhaustive set stated in a later section (kb.verify.relations.totals.
exhaustive_parts_later): 城镇/乡村 and 男性/女性 in a population release, judged for agreement only."""

from __future__ import annotations

from tests.verify.pipeline_text import checks_on, verdicts

RELEASE = """2024年全市人口变动情况抽样调查主要数据公报

一、常住人口

2024年末，全市常住人口{total}万人，比上年末增加8.54万人。年末全市户籍人口815.27万人。

二、城乡构成

2024年末，全市居住在城镇的人口725.48万人，居住在乡村的人口232.88万人。

三、性别构成

2024年末，全市男性人口486.20万人，女性人口472.16万人。
"""


def test_a_total_adds_up_from_the_named_parts_of_a_later_section():
    (check,) = checks_on(RELEASE.format(total="958.36"), "958.36万人", "sum")
    assert (check.verdict, check.formula) == ("consistent", "725.48 + 232.88 = 958.36万人")


def test_a_total_found_by_name_only_is_never_accused():
    # 户籍人口 has the head noun of the parts too: the sum is not its, and says so
    assert verdicts(RELEASE.format(total="958.36"), "815.27万人", "sum") == ["unverifiable"]
    assert verdicts(RELEASE.format(total="968.36"), "968.36万人", "sum") == ["unverifiable"]


def test_averages_changes_and_incomplete_sets_are_no_parts():
    text = ("全年居民人均可支配收入32000元。\n\n城镇居民人均可支配收入41000元，农村居民人均可支配收入20000元。\n\n"
            "年末常住人口500.00万人。\n\n与上年末相比，城镇人口增加5.00万人，乡村人口减少2.00万人。\n\n"
            "全市就业人员300.00万人。\n\n城镇就业人员200.00万人，乡村就业人员80.00万人，外来就业人员20.00万人。")
    assert verdicts(text, "32000元", "sum") == []
    assert verdicts(text, "500.00万人", "sum") == []
    assert verdicts(text, "300.00万人", "sum") == []
