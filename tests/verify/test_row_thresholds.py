"""Threshold claims about named table rows (kb.verify.row_thresholds), on texts of our own."""

from tests.verify.pipeline_text import process

TABLE = ("表2 各行业的带动系数\n\n"
         "| 行业 | 带动系数 | 排名 |\n|---|---|---|\n"
         "| 钢铁 | 1.42 | 2 |\n| 汽车和零部件 | 1.55 | 1 |\n| 纺织 | 0.97 | 9 |\n| 食品 | 1.00 | 7 |\n\n")


def claims(sentence: str) -> list[tuple[str, str]]:
    _, _, checks = process(TABLE + sentence, "t.md")
    return [(c.verdict, c.formula) for c in checks if c.kind == "set_claim" and "each" in c.formula]


def test_each_named_row_is_above_the_threshold():
    assert claims("可见，钢铁、汽车和零部件等行业带动系数大于1，拉动作用较大。") == [
        ("consistent", "钢铁 1.42, 汽车和零部件 1.55: each > 1")]


def test_a_named_row_on_the_other_side_is_inconsistent_a_row_at_the_threshold_unverifiable():
    assert [v for v, _ in claims("可见，钢铁、纺织等行业带动系数大于1。")] == ["inconsistent"]
    assert [v for v, _ in claims("可见，钢铁和食品的带动系数均高于1。")] == ["unverifiable"]
    assert [v for v, _ in claims("而纺织、食品带动系数低于1.2。")] == ["consistent"]


def test_names_that_are_no_rows_or_a_single_row_are_not_read():
    assert claims("可见，钢铁、化工等行业带动系数大于1。") == []
    assert claims("可见，钢铁带动系数大于1。") == []
