"""A heading's figure that restates a checked figure of the text under it."""

from tests.verify.pipeline_text import checks_on

TEXT = ("一、对外贸易\n\n民营企业出口占全市近半\n\n"
        "全年全市出口总额1000.0亿元，其中民营企业出口480.0亿元，占全市出口总额的48.0%。\n\n")


def test_a_heading_restating_a_consistent_body_figure_is_consistent():
    [c] = checks_on(TEXT, "半", "restated")
    assert c.verdict == "consistent"
    assert c.recomputed_value == 48.0


def test_a_heading_the_body_figure_does_not_fit_is_never_accused():
    assert not checks_on(TEXT.replace("占全市近半", "占全市近三成"), "三成", "restated")


def test_a_heading_whose_body_figure_is_wrong_says_nothing():
    wrong = TEXT.replace("的48.0%", "的49.0%")
    assert not checks_on(wrong, "半", "restated")


def test_a_heading_about_something_else_restates_nothing():
    assert not checks_on(TEXT.replace("民营企业出口占全市近半", "外资项目落地近半"), "半", "restated")


def test_a_body_sentence_is_no_heading():
    text = TEXT.replace("民营企业出口占全市近半\n\n", "民营企业出口占全市近半。")
    assert not checks_on(text, "半", "restated")


INTENSITY = ("二、行业\n\n计算机行业研发强度逼近10%\n\n"
             "从研发强度看，计算机、机械设备两个行业去年研发强度超过5%，计算机研发强度为9.65%，远高于其他行业。\n\n")


def test_a_headings_approximate_figure_holds_the_exact_body_figure():
    [c] = checks_on(INTENSITY, "10%", "restated")
    assert c.verdict == "consistent"
    assert c.recomputed_value == 9.65


def test_an_approximate_heading_the_body_figure_falls_outside_says_nothing():
    assert not checks_on(INTENSITY.replace("为9.65%", "为8.65%"), "10%", "restated")


def test_an_open_bound_heading_restates_nothing():
    assert not checks_on(INTENSITY.replace("逼近10%", "超过9%"), "9%", "restated")


def test_the_documents_title_is_the_heading_of_the_whole_text():
    text = ("---\ntitle: '民营企业出口创新高，占全市近半！外贸稳中有进'\n---\n\n"
            "全年全市出口总额1000.0亿元，其中民营企业出口480.0亿元，占全市出口总额的48.0%。\n\n")
    from tests.verify.pipeline_text import process

    document, facts, checks = process(text, "t.md")
    assert document.text.startswith(document.title)
    found = [c for c in checks if c.kind == "restated"]
    assert [(c.verdict, c.recomputed_value) for c in found] == [("consistent", 48.0)]
    assert "the title's" in found[0].explanation
    _, _, checks = process(text.replace("占全市近半", "占全市近三成"), "t.md")
    assert not [c for c in checks if c.kind == "restated"]
