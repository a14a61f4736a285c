from kb.ingest.columns import (
    continuations,
    cross_word,
    fragments,
    in_order,
    rejoin_across_headings,
    starts_mid_sentence,
    unambiguous_pairs,
)
from kb.ingest.raw import RawBlock


def _b(text: str, kind: str = "paragraph") -> RawBlock:
    return RawBlock(kind, [(text, 1)], 2 if kind == "heading" else 0)


def test_cross_word_and_mid_sentence(tokenizer):
    assert cross_word("示范县数据中心成", "立。该中心", tokenizer)
    assert not cross_word("示范县数据中心", "今年投入使用。", tokenizer)
    assert starts_mid_sentence("任意", "，随后", tokenizer)
    assert not starts_mid_sentence("任意", "", tokenizer)


def test_fragments_and_pairs(tokenizer):
    blocks = [_b("示范县数据中心成"), _b("二、合作", "heading"), _b("全县启动数据共享。"), _b("立。该中心随后投入使用。")]
    assert fragments(blocks) == [0]
    assert continuations(blocks, tokenizer) == {0: [3]}
    assert unambiguous_pairs(blocks, tokenizer) == [(0, 3)]
    joined = rejoin_across_headings(blocks, tokenizer)
    assert [b.text for b in joined] == ["示范县数据中心成立。该中心随后投入使用。", "二、合作", "全县启动数据共享。"]


def test_in_order_drops_crossing_pairs():
    assert in_order([(0, 5), (2, 7)]) == [(0, 5), (2, 7)]
    assert in_order([(0, 7), (2, 5)]) == []
