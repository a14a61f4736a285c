"""The label matches of table_cell (CELL_MATCHES), one case each with labels written for it."""

from kb.models import Fact, stable_id
from kb.verify.relations import Context
from kb.verify.relations.table_cells import (
    CELL_MATCHES,
    match_counted_row,
    match_indicator_key,
    match_label_in_clause,
    match_whole_label,
    match_without_modifiers,
    table_cell,
)
from tests.verify.pipeline_text import verdicts


def cell(subject, indicator, year, value, table_id="t1"):
    return Fact(fact_id=stable_id("t", table_id, subject, indicator, year), doc_id="d", char_start=0, char_end=1,
                quote=f"表1｜{subject}｜{indicator}", subject=subject, indicator=indicator, year=year, value=value,
                value_text=str(value), unit="亿元", scale=1e8, value_normalized=value * 1e8, unit_normalized="CNY",
                claim_type="level", source_kind="table", table_id=table_id)


def test_matches_are_tried_in_order():
    assert CELL_MATCHES == (match_whole_label, match_label_in_clause, match_without_modifiers, match_counted_row,
                            match_indicator_key)
    assert all(m.__doc__ for m in CELL_MATCHES)


def test_match_counted_row():
    # 幼儿园 | 学校数（所）: a count named by its row label is the row's count cell, of no other row
    def count(subject, value):
        return cell(subject, "学校数", 2024, value).model_copy(update={"unit": "所", "scale": 1.0,
                                                                      "value_normalized": value,
                                                                      "unit_normalized": "count"})
    cells = [count("幼儿园", 1325.0), count("小学", 682.0)]
    assert [f.value for _, f in match_counted_row(cells, "", "幼儿园", "")] == [1325.0]
    assert match_counted_row(cells, "", "中学", "") == []


def test_match_indicator_key():
    # 广东地区生产总值 in the text, a 广东 row under a GDP column: one vocabulary indicator, two names
    cells = [cell("广东", "GDP", 2024, 98050.61), cell("江苏", "GDP", 2024, 92052.16)]
    assert [f.value for _, f in match_indicator_key(cells, "广东", "地区生产总值", "")] == [98050.61]
    assert match_indicator_key(cells, "广东", "数字经济规模", "") == []


def test_match_whole_label():
    cells = [cell("东区", "出口额", 2023, 80.0), cell("东区", "进口额", 2023, 60.0)]
    assert [f.value for _, f in match_whole_label(cells, "东区", "出口额", "")] == [80.0]
    assert table_cell(Context("正文。", [], cells), "东区", "出口额", 2023).value == 80.0


def test_match_label_in_clause():
    cells = [cell("", "规模以上工业企业利润总额", 2023, 45.0)]
    assert match_whole_label(cells, "", "利润总额", "") == []
    clause = "全市规模以上工业企业实现利润总额"
    assert [f.value for _, f in match_label_in_clause(cells, "", "利润总额", clause)] == [45.0]
    assert table_cell(Context("正文。", [], cells), "", "利润总额", 2023, clause=clause).value == 45.0
    assert match_label_in_clause(cells, "", "利润总额", "") == []  # no clause: nothing spelled out


def test_a_label_written_out_whole_beats_one_whose_pairs_are_only_scattered():
    # 扣除非经常性损益的净利润 holds every character pair of 归属于上市公司股东的净利润, not that label
    cells = [cell("", "归属于上市公司股东的净利润", 2030, 4.38), cell("", "归属于上市公司股东的扣除非经常性损益的净利润", 2030, 3.96)]
    clause = "实现归属于上市公司股东的扣除非经常性损益的净利润3.96亿元，较上年增长"
    assert table_cell(Context("正文。", [], cells), "", "净利润", 2030, clause=clause).value == 3.96
    plain = "实现归属于上市公司股东的净利润4.38亿元，较上年增长"
    assert table_cell(Context("正文。", [], cells), "", "净利润", 2030, clause=plain).value == 4.38


def test_match_without_modifiers():
    cells = [cell("", "棉花产量", 2023, 5.0), cell("", "棉花播种面积", 2023, 3.0)]
    assert [f.value for _, f in match_without_modifiers(cells, "", "全年棉花总产量", "")] == [5.0]
    assert table_cell(Context("正文。", [], cells), "", "全年棉花总产量", 2023).value == 5.0


def test_two_equally_good_cells_are_never_guessed():
    cells = [cell("东区", "出口额", 2023, 80.0, "t1"), cell("东区", "出口额", 2023, 81.0, "t2")]
    assert table_cell(Context("正文。", [], cells), "东区", "出口额", 2023) is None


def test_a_change_after_a_bracketed_conversion_is_of_the_level_before_it():
    # 802.6万亩（535.1千公顷），比上年增加2.7万亩: the change is of the 万亩 figure, not of its conversion
    text = ("2029年全省油菜播种面积799.9万亩。2030年全省油菜播种面积802.6万亩（535.1千公顷），比上年增加{}万亩。")
    assert verdicts(text.format("2.7"), "2.7万亩", "difference") == ["consistent"]
    assert verdicts(text.format("3.7"), "3.7万亩", "difference") == ["inconsistent"]


def test_a_change_after_last_years_level_named_in_the_comparison():
    # 床位78120张，比上年的75000张增加3120张 / 较上年末的35.04亿元增加2.21亿元: B − A, both in the clause
    text = "2030年末，全市医疗卫生机构床位78120张，比上年的75000张增加{}张，增长4.2%。"
    assert verdicts(text.format("3120"), "3120张", "difference") == ["consistent"]
    assert verdicts(text.format("3220"), "3220张", "difference") == ["inconsistent"]
    down = "截至2030年末，本行不良贷款余额33.25亿元，较上年末的35.04亿元减少1.79亿元。"
    assert verdicts(down, "1.79亿元", "difference") == ["consistent"]


def test_a_change_after_last_years_level_in_a_clause_of_its_own():
    # 8.94张，上年为8.67张，比上年增加0.27张: last year's level restated in its own clause, then the change
    text = "2030年，全市每千人口医疗卫生机构床位数为8.94张，上年为8.67张，比上年增加{}张。"
    assert verdicts(text.format("0.27"), "0.27张", "difference") == ["consistent"]
    assert verdicts(text.format("0.37"), "0.37张", "difference") == ["inconsistent"]
    same_period = "2030年1—6月，全县财政收入52.4亿元，上年同期为48.1亿元，比上年同期增加4.3亿元。"
    assert verdicts(same_period, "4.3亿元", "difference") == ["consistent"]
    # another indicator's level between is no base of the change
    other = "2030年，全县财政收入52.4亿元，上年税收收入为48.1亿元，比上年增加4.3亿元。"
    assert verdicts(other, "4.3亿元", "difference") == []

