"""kb.verify.relations.named_rows: a total over the table rows the text names, on tables of our own."""

from tests.verify.pipeline_text import verdicts

TABLE = ("\n\n表2 2030年末分区县常住人口\n\n| 区县 | 常住人口（万人） |\n|---|---|\n| 东湖区 | 90.46 |\n"
         "| 西湖区 | 104.18 |\n| 青云谱区 | 82.35 |\n| 新建区 | 89.63 |\n| 安义县 | 66.80 |\n")


def text(sentence: str) -> str:
    return "# 2030年某市人口公报\n\n" + sentence + TABLE


def test_a_total_over_named_rows_is_their_sum():
    assert verdicts(text("2030年末，东湖、西湖、青云谱三区常住人口合计276.99万人。"), "276.99万人", "sum", "a.md") == ["consistent"]
    assert verdicts(text("2030年末，东湖、西湖、青云谱三区常住人口合计286.99万人。"), "286.99万人", "sum", "a.md") == ["inconsistent"]


def test_no_sum_unless_the_count_and_the_rows_match_the_names():
    # the count is not the number of names
    assert verdicts(text("2030年末，东湖、西湖、青云谱两区常住人口合计276.99万人。"), "276.99万人", "sum", "a.md") == []
    # a name that begins no row (or two) is no member to add
    assert verdicts(text("2030年末，东湖、西湖、南昌三区常住人口合计276.99万人。"), "276.99万人", "sum", "a.md") == []
    # a total word is needed: 三区常住人口276.99万人 may be of anything
    assert verdicts(text("2030年末，东湖、西湖、青云谱三区常住人口为276.99万人。"), "276.99万人", "sum", "a.md") == []
