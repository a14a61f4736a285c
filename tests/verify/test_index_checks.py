"""An index with the previous year = 100 against the growth the text states (kb.verify.index_checks)."""

from kb.verify.index_checks import index_items
from tests.verify.pipeline_text import verdicts

TEXT = ("全年居民消费价格总水平比上年下降0.7%，其中食品类价格下降2.8%，服务项目价格上升5.3%。"
        "全年市场价格变动情况如下：类别 指数（上年＝100）\n\n1、商品零售价格 97.5\n\n2、居民消费价格 99.3\n\n"
        "(1)食品类 97.2\n\n＃粮食 94.6肉禽及制品 90.3\n\n(8)服务项目 105.3\n\n七、对外贸易")


def test_the_items_of_an_index_are_read_up_to_the_first_words_that_are_no_item():
    assert [(label, value) for label, value, _ in index_items(TEXT)] == [
        ("商品零售价格", "97.5"), ("居民消费价格", "99.3"), ("食品类", "97.2"), ("粮食", "94.6"),
        ("肉禽及制品", "90.3"), ("服务项目", "105.3")]


def test_a_growth_is_its_items_index_less_100():
    assert verdicts(TEXT, "0.7%", "growth") == ["consistent"]
    assert verdicts(TEXT, "2.8%", "growth") == ["consistent"]
    assert verdicts(TEXT, "5.3%", "growth") == ["consistent"]
    assert verdicts(TEXT.replace("下降2.8%", "下降3.8%"), "3.8%", "growth") == ["inconsistent"]
