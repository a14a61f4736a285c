import pytest

from kb.ingest.raw import RawBlock
from kb.ingest.title_block import (
    authors_rule,
    dateline_rule,
    followed_by_meta,
    head_meta,
    is_skipped_top_line,
    is_title_line,
    issuer_date_rule,
    issuer_rule,
    main_title,
    office_rule,
    speaker_rule,
    subtitle_rule,
    title_block,
    title_guess,
    title_text,
    top_line,
)


def test_is_title_line():
    assert is_title_line("示范县农业发展报告")
    # a release's headline may open on its months and run long
    assert is_title_line("2023年1—8月全省工业生产和固定资产投资情况")
    assert is_title_line("2023年10月示范省居民消费价格和工业生产者价格变动情况及1—10月对外贸易情况")
    assert not is_title_line("2024年3月8日")
    for line in ("全县粮食增产。", "一、总体情况", "表1 主要指标", "2023年3月示范县", "钱七 孙八", "《示范"):
        assert not is_title_line(line), line


def test_head_rules_each_read_their_line():
    meta: dict = {}
    assert dateline_rule("x", "发布时间：2022-04-05", meta) == "dateline" and meta["date"] == "2022-04-05"
    meta = {}
    text = "——2022年4月5日在示范县农业工作会议上的讲话"
    assert speaker_rule(text, text[2:], meta) == "speaker"
    assert meta == {"date": "2022-04-05", "venue": "示范县农业工作会议"}
    assert subtitle_rule("——基于示范县的调查", "基于示范县的调查", {}) == "subtitle"
    assert subtitle_rule("基于示范县的调查", "基于示范县的调查", {}) is None
    meta = {}
    assert issuer_date_rule("示范县统计局 2022年4月5日", "", meta) == "publisher" and meta["publisher"] == "示范县统计局"
    meta = {}
    assert office_rule("常务副县长 周九", "", meta) == "author" and meta["author"] == "周九"
    meta = {}
    assert issuer_rule("示范县统计局", "", meta) == "publisher" and meta["publisher"] == "示范县统计局"
    meta = {}
    assert authors_rule("钱七 孙八", "", meta) == "author" and meta["author"] == "钱七、孙八"
    assert authors_rule("全县粮食增产", "", {}) is None


@pytest.mark.parametrize("line, kind", [
    ("——基于示范县的调查", "subtitle"), ("示范县统计局", "publisher"), ("钱七 孙八", "author"),
    ("全县粮食产量增长3%。", None), ("这是一行超过六十个字符的长文本" * 5, None),
])
def test_head_meta_tries_the_rules_in_order(line, kind):
    assert head_meta(line, {}) == kind


def test_top_line_helpers():
    assert is_skipped_top_line("   ", False) and is_skipped_top_line("<!-- x -->", False)
    assert is_skipped_top_line("首页 新闻 政务 服务", False) and not is_skipped_top_line("首页 新闻 政务 服务", True)
    assert top_line("## 示范标题", True) == ("示范标题", 2, True)
    assert top_line("示范标题", False) == ("示范标题", 0, False)
    lines = [("示范标题", 1), ("钱七 孙八", 2), ("正文很长的一段，说明情况。", 3)]
    assert followed_by_meta(lines, 0, False) and not followed_by_meta(lines, 1, False)
    assert title_text("稳中有进 2023年示范县经济", "稳中有进2023年示范县经济", False) == "稳中有进 2023年示范县经济"
    assert main_title(["短题", "示范县 农业 报告**"]) == "示范县农业报告"


def test_title_block_splits_title_and_meta_lines():
    lines = [("示范县农业发展报告", 1), ("——基于田野调查", 2), ("钱七 孙八", 3), ("", 4),
             ("全县粮食产量增长3%，农民收入继续提高。", 5)]
    meta: dict = {}
    head, rest = title_block(lines, False, meta)
    assert [(b.kind, b.text) for b in head] == [("heading", "示范县农业发展报告"), ("heading", "——基于田野调查")]
    assert rest == lines[4:] and meta == {"title": "示范县农业发展报告", "author": "钱七、孙八"}
    assert title_block(lines[4:], False, {}) == ([], lines[4:])


def test_title_guess_takes_the_longest_leading_heading():
    blocks = [RawBlock("heading", [("短", 1)], 1), RawBlock("heading", [("较长的标题", 2)], 1),
              RawBlock("paragraph", [("正文。", 3)]), RawBlock("heading", [("后面更长的一个小标题", 4)], 2)]
    assert title_guess(blocks) == "较长的标题"
    assert title_guess(blocks[2:]) == ""


def test_a_listed_companys_header_line_is_no_title():
    # 证券代码：… 证券简称：…: the header of every listed company's report; the title is the line under it
    assert not is_title_line("公司代码：605186公司简称：恒川智装")
    assert not is_title_line("证券代码：600000 证券简称：浦发银行 公告编号：2024-001")
    assert is_title_line("常州恒川智能装备股份有限公司2024年年度报告摘要")
