import re
from pathlib import Path

import pytest

from kb.errors import LoadError
from kb.load import discover, formula_spans, load_document, read_sources_table, source_line

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures" / "load"


@pytest.fixture(scope="module")
def corpus_docs():
    sources = read_sources_table(CORPUS / "SOURCES.md")
    return {p.stem: load_document(p, CORPUS, sources) for p in discover([CORPUS])}


def test_discover_skips_sources():
    names = [p.name for p in discover([CORPUS])]
    assert len(names) == 5 and "SOURCES.md" not in names and names == sorted(names)


def test_sources_table():
    s = read_sources_table(CORPUS / "SOURCES.md")
    assert s["jjj-industrial-synergy-2024.txt"] == {"title": "多措并举深化京津冀产业协同发展", "date": "2024-03-20",
                                                     "publisher": "经济参考报", "author": ""}
    assert s["jjj-bluebook-2022-digital-economy.txt"]["date"] == "2022-07"


def test_corpus_clean(corpus_docs):
    for doc in corpus_docs.values():
        t = doc.text
        assert not re.search(r"<[a-zA-Z/][^>]*>|-->|<!--|^---$|^title:|ICP备|当前位置|\*\*", t, re.M), doc.doc_id
        assert "\u00a0" not in t and "\u3000" not in t and "  " not in t.replace("\t", "")
        # no space inserted where a wrapped Chinese line was joined
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]{1}[，。]", t)
        for b in doc.blocks:
            assert b.start < b.end <= len(t)


def test_bluebook_wrapped_lines(corpus_docs):
    t = corpus_docs["jjj-bluebook-2022-digital-economy"].text
    assert "作为国家重要区域协调发展战略的空间载体，" in t
    assert "数字服务业是培育壮大数字经济的重要服务保障性行业。" in t
    assert "白波" not in t


def test_web_capture(corpus_docs):
    d = corpus_docs["jjj-industrial-synergy-2024"]
    assert d.date == "2024-03-20" and d.publisher == "经济参考报"
    assert "经济要闻" not in d.text and "网站声明" not in d.text and "来源" not in d.text[:200]


def test_html_markdown(corpus_docs):
    d = corpus_docs["caict-jd-city-digital-economy-2022"]
    assert "核心驱动力量" in d.text and "categories" not in d.text and d.date == "2022-07-13"
    assert any(b.kind == "heading" for b in d.blocks)


def test_multicolumn(corpus_docs):
    d = corpus_docs["jjj-digital-governance-decade-2024"]
    assert "天津市大数据管理中心成立。" in d.text
    assert not any(d.text[b.start:b.end] in ("1", "2", "3", "4") for b in d.blocks)


def test_paper(corpus_docs):
    d = corpus_docs["song-wang-2025-jjj-innovation-community"]
    kinds = [b.kind for b in d.blocks]
    assert kinds.count("table") == 3 and kinds.count("note") >= 2 and "caption" in kinds
    table = next(b for b in d.blocks if b.kind == "table")
    assert d.text[table.start:table.end].split("\n")[2].split("\t")[:2] == ["北京", "37420.00"]
    assert any("theta" in d.text[s:e] for s, e in formula_spans(d))
    assert "参考文献" in d.text and "Abstract" in d.text


def test_source_line(corpus_docs):
    d = corpus_docs["jjj-industrial-synergy-2024"]
    assert source_line(d, d.text.index("多措并举")) == 4
    assert source_line(d, d.text.index("以新质生产力驱动")) == 27


def test_fixtures():
    gbk = load_document(FIX / "gbk.txt", FIX)
    assert gbk.encoding == "gb18030" and "3.91万亿元，增长12%" in gbk.text
    assert load_document(FIX / "utf16.txt", FIX).encoding == "utf-16"
    page = load_document(FIX / "page.html", FIX)
    assert page.source_format == "html" and "1200亿元" in page.text and "首页" not in page.text
    assert "版权" not in page.text and "var a" not in page.text and "指标\t数值\n人口\t100万" in page.text
    wrapped = load_document(FIX / "wrapped.txt", FIX)
    assert "一千二百亿元，同比" in wrapped.text and wrapped.author == "张三"
    assert "新兴产业增加值增长较快，其中软件和信息服务业" in wrapped.text
    front = load_document(FIX / "front.md", FIX)
    assert (front.title, front.date, front.author, front.publisher) == ("示例新闻标题", "2023-05-06", "李四", "示例日报")
    assert "重点城市的数字经济规模达到$x_1 + y$万亿元。" in front.text and "title:" not in front.text
    assert [b.kind for b in front.blocks] == ["heading", "paragraph", "formula", "list_item"]
    cap = load_document(FIX / "capture.txt", FIX)
    assert cap.text == "示例标题新闻\n\n全市完成投资一百亿元，增长百分之五。"
    assert (cap.date, cap.publisher) == ("2023-01-02", "示例晚报")


@pytest.mark.parametrize("name", ["binary.txt", "empty.txt"])
def test_bad_files(name):
    with pytest.raises(LoadError):
        load_document(FIX / name, FIX)
