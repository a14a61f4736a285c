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


def test_join_broken_paragraphs():
    out = join_broken_paragraphs([_p("全县粮食产量"), _p("增长3%。"), _p("【专栏】示范")])
    assert [b.text for b in out] == ["全县粮食产量增长3%。", "【专栏】示范"]


def test_kicker_between_a_finished_paragraph_and_a_heading():
    blocks = [_p("全县粮食产量增长。"), _p("《示范县年鉴》发布"), _p("农业", "heading")]
    assert is_kicker(blocks[1], blocks[0], blocks[2])
    assert not is_kicker(_p("全县粮食，产量"), blocks[0], blocks[2])
    assert [b.kind for b in promote_kickers(blocks)] == ["paragraph", "heading", "heading"]
