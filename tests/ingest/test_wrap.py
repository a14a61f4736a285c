from kb.ingest.raw import RawBlock
from kb.ingest.wrap import is_incomplete, is_kicker, join_broken_paragraphs, layout_of, promote_kickers


def _p(text: str, kind: str = "paragraph") -> RawBlock:
    return RawBlock(kind, [(text, 1)], 2 if kind == "heading" else 0)


def test_layout_of():
    narrow = [("全县粮食产量增长较快", k) for k in range(8)]
    assert layout_of(narrow) == (True, 20)
    assert layout_of(narrow[:7]).hard_wrapped is False
    assert layout_of([("", 1)]) == (False, 0)


def test_is_incomplete():
    assert is_incomplete(_p("全县粮食产量"))
    assert not is_incomplete(_p("全县粮食产量增长。")) and not is_incomplete(_p("$x+y$"))
    assert not is_incomplete(_p("全县粮食产量", "heading"))


def test_join_broken_paragraphs_needs_a_visible_cut():
    # a clause left open (a comma at the cut) joins; a bracketed box does not continue anything
    out = join_broken_paragraphs([_p("全县粮食产量稳中有升，"), _p("增长3%。"), _p("【专栏】示范")])
    assert [b.text for b in out] == ["全县粮食产量稳中有升，增长3%。", "【专栏】示范"]
    # a paragraph stopped mid-sentence by a page break joins
    cut = "全年粮食生产再获丰收，各地区认真落实粮食安全责任，全年粮食总产量达到6.95亿"
    assert [b.text for b in join_broken_paragraphs([_p(cut), _p("吨，比上年增长1.3%。")])] == [
        cut + "吨，比上年增长1.3%。"]


def test_short_lines_without_punctuation_stand_alone():
    # labels, subheadings and figures on their own lines: no cut shows, so they are not joined
    lines = ["居民消费价格上升了百分之2.2", "5%", "利润总额增速", "-22.2%"]
    assert [b.text for b in join_broken_paragraphs([_p(t) for t in lines])] == lines
    assert [b.text for b in join_broken_paragraphs([_p("全县粮食产量"), _p("增长3%。")])] == [
        "全县粮食产量", "增长3%。"]


def test_a_full_last_line_of_hard_wrapped_text_is_a_cut():
    wrapped = [RawBlock("paragraph", [("全县粮食产量增长较快，秋粮", k), ("面积稳定增加，单产水平高。", k + 1)])
               for k in range(0, 12, 3)]
    full, rest = _p("数字服务业是培育壮大数字经济"), _p("保障性行业。")
    out = join_broken_paragraphs([*wrapped, full, rest])
    assert out[-1].text == "数字服务业是培育壮大数字经济保障性行业。"
    short = join_broken_paragraphs([*wrapped, _p("农业生产"), _p("保障性行业。")])
    assert [b.text for b in short[-2:]] == ["农业生产", "保障性行业。"]


def test_kicker_between_a_finished_paragraph_and_a_heading():
    blocks = [_p("全县粮食产量增长。"), _p("《示范县年鉴》发布"), _p("农业", "heading")]
    assert is_kicker(blocks[1], blocks[0], blocks[2])
    assert not is_kicker(_p("全县粮食，产量"), blocks[0], blocks[2])
    assert [b.kind for b in promote_kickers(blocks)] == ["paragraph", "heading", "heading"]
