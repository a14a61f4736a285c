"""The ratio of a 分别 pair (kb.verify.pair_ratio), on sentences of our own."""

from tests.verify.pipeline_text import process


def ratios(text: str) -> list[tuple[str, float]]:
    _, _, checks = process(text)
    return [(c.verdict, round(c.recomputed_value, 3)) for c in checks if c.kind == "ratio" and "倍差" in c.explanation]


def test_the_ratio_of_a_pair_is_the_larger_over_the_smaller():
    text = "2024年，全市城镇和农村居民人均可支配收入分别为6.3万元、3.5万元，收入倍差缩小至1.80。"
    assert ratios(text) == [("consistent", 1.8)]
    assert ratios(text.replace("缩小至1.80", "缩小至2.10")) == [("inconsistent", 1.8)]


def test_a_shared_lower_bound_is_read_to_one_unit_of_the_last_digit():
    # 超过6万元 → [6, 7), 超过3.5万元 → [3.5, 3.6): the ratio lies in [1.67, 2.0)
    text = "2024年，全市城镇和农村居民人均可支配收入分别超过6万元、3.5万元，收入倍差从2.05缩小至1.90。"
    assert [v for v, _ in ratios(text)] == ["consistent"]
    assert [v for v, _ in ratios(text.replace("缩小至1.90", "缩小至2.50"))] == ["inconsistent"]


def test_a_pair_of_other_figures_or_without_fenbie_is_not_used():
    other = "2024年，全市城镇和农村居民人均消费支出分别为4.2万元、2.1万元，收入倍差缩小至1.80。"
    assert ratios(other) == []
    no_pair = "2024年，全市城镇居民人均可支配收入6.3万元，农村居民人均可支配收入3.5万元，收入倍差缩小至1.80。"
    assert ratios(no_pair) == []
