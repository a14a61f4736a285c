import re
from pathlib import Path

import pytest

from kb.errors import LoadError
from kb.ingest import discover, load_document, read_sources_table, source_line
from kb.ingest.metadata import issuer, meta_line
from tests.paths import ROOT

CORPUS = ROOT / "corpus"
FIX = ROOT / "tests" / "fixtures" / "load"


@pytest.fixture(scope="module")
def corpus_docs(tokenizer):
    sources = read_sources_table(CORPUS / "SOURCES.md")
    return {p.stem: load_document(p, CORPUS, sources, tokenizer=tokenizer) for p in discover([CORPUS])}


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
    assert any("theta" in d.text[b.start:b.end] for b in d.blocks if b.kind == "formula")
    assert "参考文献" in d.text and "Abstract" in d.text


def test_source_line(corpus_docs):
    d = corpus_docs["jjj-industrial-synergy-2024"]
    assert source_line(d, d.text.index("多措并举")) == 4
    assert source_line(d, d.text.index("以新质生产力驱动")) == 27


def test_fixtures(tokenizer):
    gbk = load_document(FIX / "gbk.txt", FIX, tokenizer=tokenizer)
    assert gbk.encoding == "gb18030" and "3.91万亿元，增长12%" in gbk.text
    assert load_document(FIX / "utf16.txt", FIX, tokenizer=tokenizer).encoding == "utf-16"
    page = load_document(FIX / "page.html", FIX, tokenizer=tokenizer)
    assert page.source_format == "html" and "1200亿元" in page.text and "首页" not in page.text
    assert "版权" not in page.text and "var a" not in page.text and "指标\t数值\n人口\t100万" in page.text
    wrapped = load_document(FIX / "wrapped.txt", FIX, tokenizer=tokenizer)
    assert "一千二百亿元，同比" in wrapped.text and wrapped.author == "张三"
    assert "新兴产业增加值增长较快，其中软件和信息服务业" in wrapped.text
    front = load_document(FIX / "front.md", FIX, tokenizer=tokenizer)
    assert (front.title, front.date, front.author, front.publisher) == ("示例新闻标题", "2023-05-06", "李四", "示例日报")
    assert "重点城市的数字经济规模达到$x_1 + y$万亿元。" in front.text and "title:" not in front.text
    # the front matter's title is read too: the body does not repeat it
    assert front.text.startswith("示例新闻标题")
    assert [b.kind for b in front.blocks] == ["heading", "heading", "paragraph", "formula", "list_item"]
    cap = load_document(FIX / "capture.txt", FIX, tokenizer=tokenizer)
    assert cap.text == "示例标题新闻\n\n全市完成投资一百亿元，增长百分之五。"
    assert (cap.date, cap.publisher) == ("2023-01-02", "示例晚报")


@pytest.mark.parametrize("name", ["binary.txt", "empty.txt"])
def test_bad_files(name, tokenizer):
    with pytest.raises(LoadError):
        load_document(FIX / name, FIX, tokenizer=tokenizer)


def test_title_block_speech_dateline(tokenizer):
    d = load_document(FIX / "speech_report.txt", FIX, tokenizer=tokenizer)
    # the congress is the venue; a government work report's issuer is that level's government
    assert (d.title, d.date, d.publisher) == ("政府工作报告", "2023-02-06", "临江市人民政府")
    assert d.venue == "临江市第五届人民代表大会第二次会议"
    # the speaker line stays citable as part of the title block (level-1 heading), never body text
    assert [(b.kind, b.level) for b in d.blocks] == [("heading", 1), ("heading", 1), ("paragraph", 0), ("paragraph", 0)]
    assert d.text.split("\n\n")[2].startswith("过去一年，")


def test_title_block_issuer_and_date(tokenizer):
    d = load_document(FIX / "bulletin_head.txt", FIX, tokenizer=tokenizer)
    assert (d.title, d.date, d.publisher) == ("临江市2022年统计公报", "2023-03-01", "临江市统计局")
    assert [(b.kind, b.level) for b in d.blocks][:3] == [("heading", 1), ("heading", 1), ("heading", 2)]
    assert "2023年3月1日" not in d.text


def test_title_block_paper_subtitle_and_authors(tokenizer):
    d = load_document(FIX / "paper_head.md", FIX, tokenizer=tokenizer)
    assert (d.title, d.author) == ("数字技术赋能区域产业升级研究", "张伟、李娜")
    assert [(b.kind, b.level) for b in d.blocks][:3] == [("heading", 1), ("heading", 1), ("paragraph", 0)]


def test_corpus_and_unseen_titles(corpus_docs, tokenizer):
    unseen = ROOT / "tests" / "gold" / "unseen"
    report = load_document(unseen / "report.txt", unseen, tokenizer=tokenizer)
    assert (report.title, report.date) == ("政府工作报告", "2024-01-10")
    bulletin = load_document(unseen / "bulletin.txt", unseen, tokenizer=tokenizer)
    assert (bulletin.date, bulletin.publisher) == ("2024-03-15", "湖南省统计局")
    for doc in list(corpus_docs.values()) + [report, bulletin]:
        assert doc.title and len(doc.title) <= 80 and "。" not in doc.title, doc.doc_id


def test_multicolumn_rejoin_only_when_unambiguous(tokenizer):
    d = load_document(FIX / "columns.md", FIX, tokenizer=tokenizer)
    assert "新区数据服务中心成立。该中心" in d.text and "签署战略合作协议》。各方" in d.text
    assert "成田园" not in d.text and "合田野" not in d.text          # names are not continuations
    amb = load_document(FIX / "columns_ambiguous.md", FIX, tokenizer=tokenizer)
    assert "委员会成\n\n" in amb.text and "基金设\n\n立。" in amb.text     # two fragments fit: join none


def test_multicolumn_corpus_joins(corpus_docs):
    t = corpus_docs["jjj-digital-governance-decade-2024"].text
    for joined in ["管理中心成立。", "战略合作协议》", "各自区域数据治理", "挂牌成立,各地新的"]:
        assert joined in t


def test_kicker_is_heading_and_last_line_paragraph(tokenizer):
    d = load_document(FIX / "kicker.txt", FIX, tokenizer=tokenizer)
    kinds = {d.text[b.start:b.end]: b.kind for b in d.blocks}
    assert kinds["《城市发展蓝皮书：城市数字化报告（2023）》发布"] == "heading"
    assert kinds["数字城市加快建设"] == "heading"
    assert kinds["城市数字化转型进入快车道"] == "paragraph"
    assert "首次对外亮相，研究团队" in d.text                          # wrapped lines still rejoined
    blue = load_document(CORPUS / "jjj-bluebook-2022-digital-economy.txt", CORPUS, tokenizer=tokenizer)
    heads = [blue.text[b.start:b.end] for b in blue.blocks if b.kind == "heading"]
    assert any(h.endswith("》发布") for h in heads) and blue.blocks[-1].kind == "paragraph"


def test_speech_venue_is_not_the_publisher(tokenizer):
    d = load_document(FIX / "speech_issuer.txt", FIX, tokenizer=tokenizer)
    assert (d.publisher, d.venue, d.date) == ("", "示范省第十四届人民代表大会第二次会议", "2024-01-22")
    # the venue line stays citable in the title block, so the place can still be read from the text
    assert [(b.kind, b.level) for b in d.blocks][:2] == [("heading", 1), ("heading", 1)]
    assert "在示范省第十四届人民代表大会第二次会议上" in d.text


@pytest.mark.parametrize("title, venue, expected", [
    ("某省人民政府工作报告（摘要）", "", "某省人民政府"),
    ("东江市政府工作报告", "东江市第八届人民代表大会第三次会议", "东江市人民政府"),
    ("政府工作报告", "南山县第十八届人民代表大会第一次会议", "南山县人民政府"),
    ("政府工作报告", "第十四届全国人民代表大会第二次会议", "国务院"),
    ("政府工作报告", "全市经济工作会议", ""),
    ("关于某省2023年预算执行情况的报告", "某省第十四届人民代表大会第二次会议", ""),
    ("2024年政府工作报告", "", ""),
])
def test_issuer(title, venue, expected):
    assert issuer(title, venue) == expected


@pytest.mark.parametrize("line, expected", [
    ("2023-11-08 10:15来源：示范晚报记者 王小明", {"date": "2023-11-08", "publisher": "示范晚报", "author": "王小明"}),
    ("发布时间：2022年6月1日 | 来源：某市统计局 | 【字体：大 中 小】 打印", {"date": "2022-06-01", "publisher": "某市统计局"}),
    ("来源：某某网 作者：张三 李四", {"publisher": "某某网", "author": "张三、李四"}),
    ("来源：某省发展改革委网站 2021-12-30", {"publisher": "某省发展改革委网站", "date": "2021-12-30"}),
    ("2020年5月4日", {"date": "2020-05-04"}),
    ("据记者了解，全市投资增长5%", None),
    ("记者从市统计局获悉", None),
    ("2023年全市生产总值", None),
    ("记者 张三", None),                  # a bare byline: the byline rule's job, not a dateline
    # a government page's information bar: 发布机构 names the publisher, 栏目/文号 are other fields
    ("发布机构：某市统计局　发布日期：2030年1月20日　栏目：统计数据＞数据发布　文号：某统发〔2030〕8号",
     {"publisher": "某市统计局", "date": "2030-01-20"}),
    ("全省发布机构改革方案，文号另行通知", None),
])
def test_meta_line(line, expected):
    assert meta_line(line) == expected


def test_html_info_line_is_metadata_not_body(tokenizer):
    d = load_document(FIX / "news_info.html", FIX, tokenizer=tokenizer)
    assert (d.title, d.date, d.publisher, d.author) == ("示范市外贸进出口平稳增长", "2023-11-08", "示范晚报", "王小明")
    assert d.text.split("\n\n")[1] == "前三季度，示范市外贸进出口总值1234.5亿元，同比增长7.8%。"
    assert "来源" not in d.text and "10:15" not in d.text


def test_news_dateline_gives_agency_and_reporters():
    from kb.ingest.metadata import dateline
    assert dateline("新华社杭州5月2日电（记者 王五、赵六）今年一季度，全省出口增长3%。", "2023年一季度") == {
        "publisher": "新华社", "date": "2023-05-02", "author": "王五、赵六"}
    assert dateline("本报上海7月1日讯 全市新增就业岗位5万个。") == {}
    assert dateline("记者从市统计局获悉，全市投资增长5%。") == {}


def test_headline_break_before_year_is_kept():
    from kb.ingest.normalize import normalize_headline
    assert normalize_headline("工业服务业双提速 2023年全市经济回升") == "工业服务业双提速 2023年全市经济回升"
    assert normalize_headline("关于 2023 年预算") == "关于2023年预算"


def test_blind_documents_metadata(tokenizer):
    blind = ROOT / "tests" / "gold" / "blind"
    got = {p.stem: load_document(p, blind, tokenizer=tokenizer) for p in discover([blind])}
    assert (got["news"].date, got["news"].publisher, got["news"].author) == ("2024-03-05", "成渝日报", "陈晓")
    assert not got["news"].text.split("\n\n")[1].startswith("2024")
    report = got["gov-report"]
    assert (report.publisher, report.date) == ("四川省人民政府", "2024-01-21")
    assert report.venue.endswith("人民代表大会第二次会议")
    assert (got["bulletin"].publisher, got["bulletin"].date) == ("宜昌市统计局", "2024-03-28")
    assert got["paper"].encoding == "gb18030" and got["paper"].publisher == ""


# --- round 4: page furniture, numbered Markdown headings, journal, dateline, speaker office ---

def _texts(source: str, tokenizer, **hints) -> list[str]:
    from kb.ingest.load import parse_text
    return [b.text for b in parse_text(source, tokenizer, **hints)[0]]


@pytest.mark.parametrize("line, expected", [
    ("【打印本页】【关闭窗口】", "buttons"),
    ("【字号 大 中 小】 【打印】", "buttons"),
    ("[收藏] [关闭]", "buttons"),
    ("分享到：", "buttons"),
    ("下一篇：某市召开经济工作会议", "buttons"),
    ("推荐阅读", "related"),
    ("【打印】【关闭】相关新闻：· 某县粮食再获丰收", "related"),
    ("【专家解读】", ""),                                  # a lone bracket label is a section name
    ("【某某社讯】今年全县粮食产量增长3%。", ""),
    ("相关部门表示，全年投资增长4%。", ""),
])
def test_furniture_kind(line, expected):
    from kb.ingest.furniture import furniture_kind
    assert furniture_kind(line) == expected


def test_news_footer_buttons_and_reading_list_dropped(tokenizer):
    text = ("示范县粮食产量创新高\n\n记者 王芳\n\n全县粮食产量达到52万吨，同比增长3.1%。\n\n"
            "责任编辑：李四\n【打印本页】【关闭窗口】\n推荐阅读：\n· 邻县蔬菜产量增长6%\n· 全省春耕进展顺利\n\n"
            "上一篇：全县召开春耕动员会\n")
    got = _texts(text, tokenizer)
    assert got[-1] == "全县粮食产量达到52万吨，同比增长3.1%。"
    assert not any("打印" in t or "邻县" in t or "上一篇" in t for t in got)


def test_reading_list_ends_at_a_real_paragraph(tokenizer):
    text = ("标题一则\n\n正文第一段，产量增长2%。\n\n延伸阅读：\n· 一篇旧闻\n\n"
            "后续报道显示，全年产量增长了百分之五，比预期高出不少，相关企业普遍表示满意。\n")
    got = _texts(text, tokenizer)
    assert "一篇旧闻" not in "".join(got) and got[-1].startswith("后续报道显示")


def test_html_related_heading_and_list_dropped(tokenizer):
    page = ("<html><body><h1>某市外贸增长</h1><p>全市外贸进出口增长5%。</p><h3>相关阅读</h3>"
            "<ul><li>某省外贸创新高</li><li>全国进出口数据发布</li></ul><p>【打印】【关闭】</p></body></html>")
    assert _texts(page, tokenizer, html_hint=True) == ["某市外贸增长", "全市外贸进出口增长5%。"]


def test_markdown_numbered_heading_keeps_number_and_space(tokenizer):
    text = "# 某题目研究\n\n## 1 引言\n\n正文一句。\n\n### 2.1 数据来源\n\n正文两句。\n\n## 2\n\n正文三句。\n"
    from kb.ingest.load import parse_text
    blocks = parse_text(text, tokenizer, markdown_hint=True)[0]
    assert [b.text for b in blocks if b.kind == "heading"] == ["某题目研究", "1 引言", "2.1 数据来源"]


def test_front_matter_journal_is_publisher(tokenizer):
    from kb.ingest.load import parse_text
    for key in ("journal", "出处", "source"):
        meta = parse_text(f"---\ntitle: 某研究\n{key}: 某某学报\n---\n\n正文一句。\n", tokenizer, markdown_hint=True)[1]
        assert meta["publisher"] == "某某学报"


def test_unlabelled_issuer_date_line_is_metadata_and_title_block(tokenizer):
    from kb.ingest.load import parse_text
    from kb.ingest.metadata import issuer_date_line
    assert issuer_date_line("示范市统计局　2024年3月1日") == {"publisher": "示范市统计局", "date": "2024-03-01"}
    assert issuer_date_line("2024-03-01 某某日报") == {"publisher": "某某日报", "date": "2024-03-01"}
    assert issuer_date_line("示范市统计局发布2024年3月1日数据") is None
    page = ('<html><body><h1>某市统计公报</h1><p class="info">示范市统计局　2024年3月1日</p>'
            "<h2>一、综合</h2><p>全年生产总值增长5%。</p></body></html>")
    blocks, meta, _ = parse_text(page, tokenizer, html_hint=True)
    assert [(b.kind, b.level, b.text) for b in blocks][:2] == [("heading", 1, "某市统计公报"),
                                                               ("heading", 1, "示范市统计局2024年3月1日")]
    assert (meta["publisher"], meta["date"]) == ("示范市统计局", "2024-03-01")
    blocks, meta, _ = parse_text("示范市统计公报\n\n示范市统计局　2024年3月1日\n\n全年生产总值增长5%。\n", tokenizer)
    assert [(b.kind, b.level) for b in blocks][:2] == [("heading", 1), ("heading", 1)]
    assert meta["date"] == "2024-03-01"


def test_speaker_office_is_not_an_author(tokenizer):
    from kb.ingest.load import parse_text
    meta = parse_text("# 示范市政府工作报告\n\n——2024年1月5日在示范市第一届人民代表大会第三次会议上\n\n"
                      "代理市长　赵一\n\n一、过去一年工作回顾\n\n全市生产总值增长5%。\n", tokenizer, markdown_hint=True)[1]
    assert meta["author"] == "赵一"


# --- no text lost -------------------------------------------------------------

def _furniture_or_meta(line: str, doc) -> bool:
    """A source line the loader may drop: page furniture, or a dateline/byline kept as metadata."""
    from kb.ingest.dates import normalize_date
    from kb.ingest.furniture import (
        BREADCRUMB,
        COMMENT,
        FOOTER,
        furniture_kind,
        is_nav_line,
    )
    from kb.ingest.metadata import BYLINE, issuer_date_line
    from kb.ingest.normalize import normalize_text

    text = normalize_text(line)
    if "\t" in line.strip(" "):
        return False                          # table rows are never furniture
    return bool(furniture_kind(text) or BREADCRUMB.search(text) or COMMENT.match(text)
                or (len(text) <= 80 and FOOTER.search(text)) or is_nav_line(text)
                or meta_line(text) is not None or issuer_date_line(text) is not None
                or BYLINE.match(text) or (doc.date and normalize_date(text) == doc.date and len(text) <= 30)
                or (doc.author and text.replace(" ", "") in doc.author.replace("、", "").replace(" ", "")))


def lost_lines(path: Path, root: Path, tokenizer) -> list[str]:
    """Source lines of a plain-text file whose characters appear nowhere in the clean text."""
    from kb.ingest.decode import decode_bytes
    from kb.ingest.normalize import normalize_text

    doc = load_document(path, root, tokenizer=tokenizer)
    clean = re.sub(r"\s", "", doc.text)
    source, _ = decode_bytes(path.read_bytes())
    from kb.ingest.furniture import furniture_kind, is_list_title

    lost, in_related = [], False
    for line in source.splitlines():
        text = normalize_text(line)
        if not text:
            continue
        # the titles under a 相关阅读 label are a reading list: furniture
        in_related = furniture_kind(text) == "related" or (in_related and is_list_title(text))
        # an HTML table inside plain text (a PDF conversion) keeps its cells, not its tags
        chars = re.sub(r"\s|<[^<>]+>", "", text)
        if chars and chars not in clean and not in_related and not _furniture_or_meta(line, doc):
            lost.append(line)
    return lost


PLAIN_TEXT_FILES = sorted([FIX / "tab_tables.txt", FIX / "wrapped.txt", FIX / "bulletin_head.txt",
                           *CORPUS.glob("*.txt"), *(ROOT / "tests" / "gold").glob("*/*.txt")])


@pytest.mark.parametrize("path", PLAIN_TEXT_FILES, ids=lambda p: p.name)
def test_plain_text_loses_no_line(path, tokenizer):
    assert lost_lines(path, path.parent, tokenizer) == []


def test_tab_rows_are_one_table_block(tokenizer):
    # short CJK cells ("东区\t平方公里\t3.15…") once looked like a navigation menu and vanished
    doc = load_document(FIX / "tab_tables.txt", FIX, tokenizer=tokenizer)
    tables = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 2
    assert tables[0].split("\n")[0] == "分区\t面积\t地表水\t地下水\t总量"
    assert tables[0].split("\n")[2] == "西区\t平方公里\t2.40\t0.88\t2.95"
    assert tables[1] == "项目\t2023年\t2024年\n工业\t1.95\t2.01\n生活\t1.60\t1.66"
    assert [b.kind for b in doc.blocks][3:6] == ["paragraph", "caption", "table"]


def test_tab_rows_survive_in_markdown_too(tokenizer):
    from kb.ingest.load import parse_text

    text = "# 标题\n\n正文一段，说明如下。\n\n指标\t单位\t数值\n产量\t万吨\t3.2\n销量\t万吨\t2.9\n"
    blocks, _, _ = parse_text(text, tokenizer, markdown_hint=True)
    assert [b.kind for b in blocks][-1] == "table" and blocks[-1].text.count("\n") == 2


def test_publisher_from_issuer_line_under_title(tokenizer):
    from kb.ingest.load import parse_text

    text = "# 2024年某省区域金融运行报告\n\n某银行某省分行货币政策分析小组\n\n## 一、总体情况\n\n全年贷款增长8.1%，存款增长7.5%。\n"
    _, meta, _ = parse_text(text, tokenizer, markdown_hint=True)
    assert meta["publisher"] == "某银行某省分行货币政策分析小组"


def test_a_byline_of_two_issuers_and_a_date_is_no_title(tokenizer):
    """某某市统计局  国家统计局某某调查队  2024年3月15日 under a bulletin's title: the first issuer publishes,
    the title stays the bulletin's (it was taken for the title, being the longer line)."""
    from kb.ingest.load import parse_text

    text = ("宁波市2023年国民经济和社会发展统计公报\n\n宁波市统计局  国家统计局宁波调查队  2024年3月15日\n\n"
            "一、综合\n\n全年全市地区生产总值16452.8亿元。\n")
    _, meta, _ = parse_text(text, tokenizer)
    assert (meta["title"], meta["publisher"], meta["date"]) == \
        ("宁波市2023年国民经济和社会发展统计公报", "宁波市统计局", "2024-03-15")
    text = "2023年1—8月全省工业生产情况\n\n东川省统计局  国家统计局东川调查总队\n\n全省规模以上工业增加值增长5.6%。\n"
    _, meta, _ = parse_text(text, tokenizer)
    assert (meta["title"], meta["publisher"]) == ("2023年1—8月全省工业生产情况", "东川省统计局")


@pytest.mark.parametrize("tail, publisher, date", [
    ("某某区发展研究中心\n\n2024年6月3日", "某某区发展研究中心", "2024-06-03"),
    ("某某县人民政府办公室 2023年12月1日", "某某县人民政府办公室", "2023-12-01"),
    ("某某市统计局", "某某市统计局", ""),
])
def test_publisher_from_closing_signature(tail, publisher, date, tokenizer):
    from kb.ingest.load import parse_text

    text = f"# 关于某项工作的情况通报\n\n## 一、进展\n\n今年以来，各项工作进展顺利，完成投资12.5亿元。\n\n{tail}\n"
    _, meta, _ = parse_text(text, tokenizer, markdown_hint=True)
    assert meta["publisher"] == publisher and meta.get("date", "") == date


def test_closing_sentence_is_not_a_signature(tokenizer):
    from kb.ingest.load import parse_text

    text = "# 关于某项工作的情况通报\n\n今年以来完成投资12.5亿元。\n\n下一步将继续加大投入，确保完成全年任务。\n"
    _, meta, _ = parse_text(text, tokenizer, markdown_hint=True)
    assert meta["publisher"] == ""


def test_undashed_speaker_line_gives_date_and_venue(tokenizer):
    d = load_document(FIX / "undashed_speaker.md", FIX, tokenizer=tokenizer)
    assert (d.date, d.publisher) == ("2024-01-20", "临川市人民政府")
    assert d.venue == "临川市第九届人民代表大会第三次会议"
    assert [(b.kind, b.level) for b in d.blocks][:3] == [("heading", 1), ("heading", 1), ("heading", 2)]


def test_plain_text_section_numbers_and_postcode_keep_their_space(tokenizer):
    d = load_document(FIX / "paper_plain_sections.txt", FIX, tokenizer=tokenizer)
    headings = [d.text[b.start:b.end] for b in d.blocks if b.kind == "heading" and b.level > 1]
    assert headings == ["1 引言", "2 研究设计"]
    assert "成都 610065" in d.text


# --- the loader's own steps ---------------------------------------------------

def test_document_path_and_read_raw(tmp_path):
    from kb.ingest.load import document_path, read_raw

    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "a.txt"
    path.write_bytes(b"x")
    assert document_path(path, tmp_path) == "sub/a.txt"
    assert document_path(path, tmp_path / "other") == "a.txt"
    assert read_raw(path) == b"x"
    with pytest.raises(LoadError):
        read_raw(tmp_path / "missing.txt")


def test_markdown_chunks_split_html_blocks():
    from kb.ingest.load import html_block_end, markdown_chunks

    body = "正文一段。\n<div>\n<p>块</p>\n</div>\n\n后文。"
    lines = body.split("\n")
    assert html_block_end(lines, 1) == 4
    assert markdown_chunks(body, 2) == [(False, "正文一段。", 3), (True, "<div>\n<p>块</p>\n</div>", 4),
                                        (False, "\n后文。", 7)]


def test_raw_blocks_and_clean_blocks(tokenizer):
    from kb.ingest.load import clean_blocks, raw_blocks
    from kb.ingest.raw import RawBlock

    meta: dict = {}
    blocks, html_chars = raw_blocks("<html><body><p>来源：示范日报</p><p>正文。</p></body></html>", 0, False, True, meta)
    assert [b.text for b in blocks] == ["正文。"] and html_chars > 0 and meta["publisher"] == "示范日报"
    cleaned = clean_blocks([RawBlock("paragraph", [("正文。", 1)]), RawBlock("break"),
                            RawBlock("heading", [("结尾", 2)], 2)], tokenizer)
    assert [(b.kind, b.text) for b in cleaned] == [("paragraph", "正文。"), ("paragraph", "结尾")]


def test_complete_metadata():
    from kb.ingest.load import complete_metadata
    from kb.ingest.raw import RawBlock

    meta: dict = {"venue": "示范市第二届人民代表大会第一次会议"}
    complete_metadata([RawBlock("heading", [("政府工作报告", 1)], 1),
                       RawBlock("paragraph", [("新华社示范3月2日电（记者 赵六）全年增长5%。", 2)])], meta)
    assert meta["title"] == "政府工作报告" and meta["author"] == "赵六" and meta["publisher"] == "新华社"
    meta = {"venue": "示范市第二届人民代表大会第一次会议"}
    complete_metadata([RawBlock("heading", [("政府工作报告", 1)], 1), RawBlock("paragraph", [("全年增长5%。", 2)])], meta)
    assert meta["publisher"] == "示范市人民政府"


def test_a_page_without_a_heading_takes_its_title_from_the_title_tag(tmp_path, tokenizer):
    page = ("<html><head><title>统计局发布2024年9月采购经理指数_财经频道_某某网</title></head><body>"
            "<div>首页 | 登录 | 注册</div><p>9月份，制造业采购经理指数为49.8%，比上月上升0.7个百分点。</p>"
            "<p>从企业规模看，大型企业PMI为51.6%。</p></body></html>")
    path = tmp_path / "pmi.html"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path, tmp_path, tokenizer=tokenizer)
    assert doc.title == "统计局发布2024年9月采购经理指数"


def test_an_issuer_alone_above_the_title_is_the_publisher(tmp_path, tokenizer):
    text = ("白沙市人力资源和社会保障局\n2024年前三季度全市人力资源和社会保障事业发展情况\n\n"
            "前三季度，全市城镇新增就业21.56万人，同比增长3.2%。\n")
    path = tmp_path / "hr.txt"
    path.write_bytes(text.encode("gbk"))
    doc = load_document(path, tmp_path, tokenizer=tokenizer)
    assert (doc.title, doc.publisher) == ("2024年前三季度全市人力资源和社会保障事业发展情况", "白沙市人力资源和社会保障局")
