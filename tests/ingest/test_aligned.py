"""Tables typeset with spaces in plain text (kb.ingest.aligned), on tables of our own."""

from kb.ingest.aligned import tab_aligned_tables

TABLE = """主要产品产量
    产品名称            单位          产量        比上年增长％
    水泥                万吨          812.5             3.2
    钢材                万吨           96.4            -1.7
    发电量              亿千瓦时      305.08            6.9
全年工业生产平稳。"""


def _lines(text: str) -> list[tuple[str, int]]:
    return [(line, k) for k, line in enumerate(text.split("\n"))]


def test_lined_up_columns_with_figures_become_tab_rows():
    out = [text for text, _ in tab_aligned_tables(_lines(TABLE))]
    assert out[1:5] == ["产品名称\t单位\t产量\t比上年增长％", "水泥\t万吨\t812.5\t3.2", "钢材\t万吨\t96.4\t-1.7",
                        "发电量\t亿千瓦时\t305.08\t6.9"]
    assert out[0] == "主要产品产量" and out[5] == "全年工业生产平稳。"


def test_prose_and_short_or_ragged_runs_stay_lines():
    prose = _lines("全年生产总值  增长5.2%，其中一产  增长3.1%。\n二产增长  4.8%。\n三产  增长6.0%。")
    assert tab_aligned_tables(prose) == prose                      # no column lined up
    two_rows = _lines("水泥    万吨    812.5\n钢材    万吨    96.4")
    assert tab_aligned_tables(two_rows) == two_rows                # two rows are no table
    words = _lines("主  编    张三\n副主编    李四\n编  辑    王五")
    assert tab_aligned_tables(words) == words                      # no figure in the rows
    refs = _lines("    [1]  某某主编：《年鉴》，1990年版。\n    [2]  某某：《总览》，1992年版。\n    [3]  某某：《概况》，1995年版。")
    assert tab_aligned_tables(refs) == refs                        # references are no rows


TWO_ROW_HEADER = """附表1　2030年某省主要农作物面积和产量

项目        面积（万亩）        产量（万吨）
            2030年    2029年    2030年    2029年
全部作物    5210.4    5188.0    2301.7    2290.3
一、按季节
  春播       2100.2    2095.1     905.3     899.0
  秋播       3110.2    3092.9    1396.4    1391.3
二、按品种
  油菜        802.6     799.9     151.2     150.0
  棉花        310.5     320.1      45.6      47.3"""


def test_a_two_row_header_and_group_lines_stay_in_one_table():
    out = [text for text, _ in tab_aligned_tables(_lines(TWO_ROW_HEADER))]
    assert out[0] == "附表1　2030年某省主要农作物面积和产量"           # a caption is no header
    assert out[2:6] == ["项目\t面积（万亩）\t\t产量（万吨）\t", "\t2030年\t2029年\t2030年\t2029年",
                        "全部作物\t5210.4\t5188.0\t2301.7\t2290.3", "一、按季节\t"]
    assert out[8] == "二、按品种\t" and out[10] == "棉花\t310.5\t320.1\t45.6\t47.3"


IDEOGRAPHIC = ("指标\u3000\u3000\u3000\u3000\u3000\u3000单位\u3000\u30002030年\n"
               "\u3000其中：甲类\u3000\u3000\u3000\u3000万元\u3000\u3000120.5\n"
               "\u3000\u3000\u3000\u3000乙类\u3000\u3000\u3000\u3000万元\u3000\u300080.2\n"
               "合\u3000计\u3000\u3000\u3000\u3000\u3000\u3000万元\u3000\u3000200.7")


def test_ideographic_spaces_are_two_columns_wide_and_one_between_characters_spaces_a_label():
    out = [text for text, _ in tab_aligned_tables(_lines(IDEOGRAPHIC))]
    assert out == ["指标\t单位\t2030年", "其中：甲类\t万元\t120.5", "乙类\t万元\t80.2", "合计\t万元\t200.7"]


def test_a_header_line_over_no_column_of_the_table_is_left_alone():
    text = ("说明  本表数据为初步统计结果，以正式公布为准\n"
            "地区        产值      增速\n甲县        12.5      3.1\n乙县        10.2      2.8\n丙县         9.9      4.0")
    out = [t for t, _ in tab_aligned_tables(_lines(text))]
    assert out[0] == "说明  本表数据为初步统计结果，以正式公布为准" and out[1] == "地区\t产值\t增速"
