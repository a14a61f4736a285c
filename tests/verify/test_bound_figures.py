"""A bound and the exact figure right after it (kb.verify.bound_figures), on sentences of our own."""

from tests.verify.pipeline_text import process


def bounds(text: str) -> list[tuple[str, str]]:
    _, _, checks = process(text)
    return [(c.verdict, c.formula) for c in checks if "right after the bound" in c.explanation]


def test_the_exact_figure_after_a_bound_is_on_its_side():
    assert bounds("2023年全市工业投资增速重回10%以上，同比增长12.4%。") == [("consistent", "12.4 > 10")]


def test_a_figure_on_the_other_side_is_not_called_wrong():
    assert [v for v, _ in bounds("2023年全市工业投资增速重回10%以上，同比增长8.4%。")] == ["unverifiable"]


def test_a_part_after_the_bound_is_not_the_figure():
    assert bounds("2023年全市工业投资增速重回10%以上，其中制造业投资增长8.4%。") == []
