import pytest

from kb.ingest import (
    discover,
    load_document,
    read_sources_table,
    segment,
    split_sentences,
)
from kb.models import Block, Document
from tests.paths import FIXTURES, ROOT

CORPUS = ROOT / "corpus"


def _texts(t):
    return [t[s:e] for s, e in split_sentences(t)]


def test_split_sentences_rules():
    assert _texts("规模达3.91万亿元。他说：“增长了5%。”然后（注：见表1。）结束！") == [
        "规模达3.91万亿元。", "他说：“增长了5%。”", "然后（注：见表1。）结束！"]
    assert _texts("Dr. Smith et al. said so. Next one") == ["Dr. Smith et al. said so.", "Next one"]
    assert split_sentences("甲。乙", offset=10) == [(10, 12), (12, 13)]


def test_segment_sections_and_long_paragraphs():
    heads = ["二、现状", "（一）成果", "1. 科技"]
    para = "数字经济规模持续扩大，增长较快。" * 40
    text = "\n\n".join(heads + [para])
    blocks, pos = [], 0
    for i, part in enumerate(heads + [para]):
        blocks.append(Block(kind="heading" if i < 3 else "paragraph", start=pos, end=pos + len(part), level=[2, 3, 4, 0][i]))
        pos += len(part) + 2
    doc = Document(doc_id="d", doc_path="d.txt", text=text, blocks=blocks)
    ps, ss = segment(doc)
    assert all(p.section == "二、现状 › （一）成果 › 1. 科技" for p in ps)
    assert len(ps) == 3 and all(150 <= len(p.text) <= 400 and p.text.endswith("。") for p in ps)
    assert len(ss) == 40 and segment(doc)[0] == ps


@pytest.mark.slow  # a whole-corpus or whole-process run: CI runs it, the quick loop does not
def test_corpus_offsets_and_tables(tokenizer):
    sources = read_sources_table(CORPUS / "SOURCES.md")
    for path in discover([CORPUS]):
        doc = load_document(path, CORPUS, sources, tokenizer=tokenizer)
        ps, ss = segment(doc)
        assert ps and ss
        for x in ps + ss:
            assert doc.text[x.start:x.end] == x.text
        assert all(len(p.text) <= 700 for p in ps if "\t" not in p.text)
        if path.stem.startswith("song"):
            table = next(p for p in ps if "\t" in p.text)
            assert table.section.endswith("表1 2022年京津冀科技创新总体情况")
            assert any(p.section.startswith("二、京津冀产业协同创新发展的现状与挑战 › （一）") for p in ps)


def test_title_block_not_in_sections(tokenizer):
    fix = FIXTURES / "load"
    ps, _ = segment(load_document(fix / "paper_head.md", fix, tokenizer=tokenizer))
    assert [p.section for p in ps] == ["", "一、引言"]
    sources = read_sources_table(CORPUS / "SOURCES.md")
    paper = load_document(CORPUS / "song-wang-2025-jjj-innovation-community.md", CORPUS, sources, tokenizer=tokenizer)
    abstract = next(p for p in segment(paper)[0] if p.text.startswith("[摘要]"))
    assert abstract.section == ""


# --- properties of split_sentences --------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st

_PIECES = st.sampled_from(["数字经济", "增长", "3.91", "12.5%", "。", "；", "！", "？", "，", "\n", " ",
                           "（注：见表1。）", "“增长了5%。”", "《报告（2022）。》", "Dr. Smith", "e.g. 2.5 m. ",
                           "（", "）", "“", "”", "《", "》", "0.5", "亿元", "."])
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


def _inside_pairs(text: str, opener: str, closer: str) -> set[int]:
    """Positions strictly inside a balanced, short opener…closer pair (no nesting of the same kind)."""
    inside, start = set(), None
    for i, ch in enumerate(text):
        if ch == opener and start is None:
            start = i
        elif ch == closer and start is not None:
            if "\n" not in text[start:i] and i - start < 300:
                inside.update(range(start + 1, i))
            start = None
    return inside


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 50))
def test_split_sentences_cover_text_in_order(text, offset):
    spans = split_sentences(text, offset)
    prev = offset
    for s, e in spans:
        assert prev <= s < e                       # ordered, non-overlapping, non-empty
        assert text[prev - offset:s - offset].strip() == ""   # only whitespace left out
        prev = e
    assert text[prev - offset:].strip() == ""


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_split_sentences_never_inside_brackets_or_decimals(text):
    ends = {e for _, e in split_sentences(text)}
    for opener, closer in (("（", "）"), ("“", "”"), ("《", "》")):
        inside = _inside_pairs(text, opener, closer)
        # a cut inside a pair is allowed only at a line break (a line ends a sentence)
        assert not {e for e in ends if e in inside and text[e:e + 1] != "\n" and "\n" not in text[:e][-1:]}
    for m in __import__("re").finditer(r"\d\.\d", text):
        assert m.start() + 1 not in ends and m.start() + 2 not in ends


def test_sentence_end_rules():
    from kb.ingest.passages import sentence_end

    text = "他说：“好。”然后\n结束。。）"
    assert sentence_end(text, text.index("”"), inside=False) == text.index("”") + 1
    assert sentence_end(text, text.index("\n"), inside=True) == text.index("\n")
    assert sentence_end(text, text.index("结") + 2, inside=False) == len(text)
    assert sentence_end(text, text.index("结") + 2, inside=True) is None
    assert sentence_end(text, 0, inside=False) is None


def test_section_helpers():
    from kb.ingest.passages import is_table_caption, is_title_heading, table_caption

    assert is_title_heading("示范标题", 1, "示范标题", True)
    assert is_title_heading("副标题", 1, "示范标题", False)
    assert not is_title_heading("一、总体", 1, "示范标题", False)
    assert not is_title_heading("副标题", 1, "示范标题", True)
    text = "表1 指标\n\n甲\t1"
    blocks = [Block(kind="caption", start=0, end=5), Block(kind="table", start=7, end=10)]
    assert is_table_caption(blocks, 0) and not is_table_caption(blocks, 1)
    assert table_caption(text, blocks, 1) == ["表1 指标"] and table_caption(text, blocks, 0) == []


def test_an_appendix_caption_ends_the_sections_above_it():
    # 附表 after the last section's paragraph is the document's appendix, not a part of that section
    # (its figures are not the plans a section named 下一步工作安排 sets out)
    parts = [("heading", "四、下一步工作安排", 2), ("paragraph", "力争全年新增贷款1200亿元以上。", 0),
             ("caption", "附表　2030年主要指标", 0), ("table", "指标\t2030年\n存款余额\t120.5", 0),
             ("paragraph", "注：数据为快报数。", 0)]
    text = "\n\n".join(p[1] for p in parts)
    blocks, pos = [], 0
    for kind, body, level in parts:
        blocks.append(Block(kind=kind, start=pos, end=pos + len(body), level=level))
        pos += len(body) + 2
    ps, _ = segment(Document(doc_id="d", doc_path="d.txt", text=text, blocks=blocks))
    assert [p.section for p in ps] == ["四、下一步工作安排", "附表　2030年主要指标", ""]
