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
