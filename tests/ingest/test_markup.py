import pytest

from kb.ingest.dates import normalize_date
from kb.ingest.headings import numbered_level
from kb.ingest.html_page import html_blocks, html_metadata
from kb.ingest.markdown import split_front_matter, strip_inline_markdown
from kb.ingest.normalize import normalize_text


def test_normalize_fullwidth_and_spaces():
    assert normalize_text("增长１２．５％，（一）　ＡＢ") == "增长12.5%，（一）AB"
    assert normalize_text("截至 2023 年  共 7 个") == "截至2023年 共7个"


def test_inline_markdown_keeps_formula():
    assert strip_inline_markdown("**重点**第*i*个<a href='x'>驱动力</a> $S_i^*$") == "重点第i个驱动力 $S_i^*$"


def test_html_link_inside_word_and_strong_heading():
    blocks = html_blocks("<p><strong>小标题</strong></p><p>核心<a class='x'>驱动力</a>量&amp;</p>"
                         "<script>x</script><table><tr><td>a</td><td>1</td></tr></table>")
    assert [(b.kind, b.text) for b in blocks] == [("heading", "小标题"), ("paragraph", "核心驱动力量&"),
                                                  ("table", "a\t1")]


def test_front_matter_and_dates():
    meta, body, n = split_front_matter("---\ntitle: T\ndate: Wed, 13 Jul 2022 19:31:00 GMT\n---\n正文")
    assert meta["title"] == "T" and meta["date"] == "2022-07-13" and body == "正文" and n == 4
    assert normalize_date("July 2022") == "2022-07"
    assert normalize_date("2024年3月20日") == "2024-03-20"


def test_numbered_levels():
    assert [numbered_level(t) for t in ["一、引言", "（二）现状", "1. 水平", "（1）细目", "普通"]] == [2, 3, 4, 5, 0]


def test_html_meta_tags_give_date_source_author():
    page = ('<html><head><meta name="publishdate" content="2024-02-01"><meta name="source" content="某日报">'
            '<meta property="article:published_time" content="2024-02-02T08:00:00+08:00">'
            '<meta name="author" content="https://example.org/u/1"></head><body><p>正文。</p></body></html>')
    assert html_metadata(page) == {"date": "2024-02-01", "publisher": "某日报"}
    assert html_metadata('<meta property="article:published_time" content="2024-02-02T08:00:00+08:00">') == {
        "date": "2024-02-02"}


def test_html_table_spans_expanded_to_aligned_rows():
    page = ("<table><tr><th rowspan='2'>项目</th><th colspan='2'>数量</th><th rowspan='2'>增速</th></tr>"
            "<tr><th>上年</th><th>本年</th></tr><tr><td rowspan='2'>粮食</td><td>10</td><td>11</td><td>10.0</td></tr>"
            "<tr><td>20</td><td>21</td><td>5.0</td></tr><tr><td colspan='4'>注：示例</td></tr></table>")
    rows = [r.split("\t") for r in html_blocks(page)[0].text.split("\n")]
    assert rows == [["项目", "数量", "", "增速"], ["", "上年", "本年", ""], ["粮食", "10", "11", "10.0"],
                    ["", "20", "21", "5.0"], ["注：示例", "", "", ""]]


def test_normalize_heading_keeps_section_number_space():
    from kb.ingest.normalize import normalize_heading
    assert normalize_heading("1 引言") == "1 引言"
    assert normalize_heading("２.３　实证结果") == "2.3 实证结果"
    assert normalize_heading("一、 总体情况") == "一、总体情况"
    assert normalize_heading("2023 年工作") == "2023年工作"


@pytest.mark.parametrize("raw, clean", [
    ("请登录 https://www.example.org/data2024 查询", "请登录 https://www.example.org/data2024 查询"),
    ("采用 x86 架构", "采用 x86 架构"),
    ("各地 5G 网络", "各地5G 网络"),          # before a digit the space is a PDF artefact
    ("PM2.5 浓度下降", "PM2.5 浓度下降"),
    # a figure and its unit/context still lose the space PDF extraction adds
    ("2022 年增长 4.7 个百分点", "2022年增长4.7个百分点"),
    ("于 2021-2023 年间", "于2021-2023年间"),
    ("共 1,250 人，占 36.5% 的", "共1,250人，占36.5%的"),
])
def test_space_kept_after_latin_or_url_token(raw, clean):
    assert normalize_text(raw) == clean


@pytest.mark.parametrize("raw, clean", [
    ("（某某大学经济学院，成都　610065）", "（某某大学经济学院，成都 610065）"),   # a postcode keeps its space
    ("联系电话 028 8541", "联系电话 028 8541"),
    ("城区 12.5", "城区 12.5"),                                              # nothing follows: not a phrase
    ("达到 318.6 亿元，增长 7.2 %", "达到318.6亿元，增长7.2 %"),             # a figure's phrase is glued
    ("拟合优度为 0.73。", "拟合优度为0.73。"),
])
def test_space_before_standalone_number_kept(raw, clean):
    assert normalize_text(raw) == clean


def test_plain_numbered_section_title():
    from kb.ingest.headings import is_section_title
    assert is_section_title("1 引言") and is_section_title("３　研究设计") and is_section_title("4.2 稳健性检验")
    # a quantity or a sentence is not a heading
    assert not is_section_title("3 个县") and not is_section_title("12 月份") and not is_section_title("2 本文认为，如此")
    assert numbered_level("5 结论") == 4 and numbered_level("5 个") == 0


@pytest.mark.parametrize("text, level", [
    ("第三章 产业", 1), ("二、现状", 2), ("（三）成效", 3), ("4. 措施", 4), ("2.1 数据", 4), ("2.1.3 样本", 5),
    ("5 结论", 4), ("5 个城市", 0), ("（6）细目", 5),
])
def test_numbered_heading_patterns_by_level(text, level):
    assert numbered_level(text) == level


def test_front_matter_keys_tried_in_order():
    meta, _, _ = split_front_matter("---\npublished: 2021-02-03\nauthors: [甲, 乙]\n来源: 某刊\n---\n正文")
    assert (meta["date"], meta["author"], meta["publisher"]) == ("2021-02-03", "甲、乙", "某刊")


def test_a_paragraph_of_bold_styled_text_alone_is_a_subheading():
    # news pages mark subheadings with a bold style on <font>/<span> rather than <strong>
    blocks = html_blocks('<p>　　<font cms-style="font-L strong-Bold">高研发公司营收增速</font></p>'
                         '<p><span style="font-weight: 700">小标题</span></p>'
                         '<p><span style="font-weight:bold">加粗</span>之后是正文，增长5%。</p>'
                         '<p><span style="color:red">红字</span></p>')
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "高研发公司营收增速"), ("heading", "小标题"),
        ("paragraph", "加粗之后是正文，增长5%。"), ("paragraph", "红字")]
