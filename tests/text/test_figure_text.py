"""The text the figure scanner reads (kb.text.figure_text) and the way back to the original."""

from hypothesis import given
from hypothesis import strategies as st

from kb.text.figure_text import as_written, scan_text, thousands_commas


def test_traditional_and_full_width_map_one_for_one():
    scan = scan_text("增長１２個百分點，約三萬億元")
    assert scan.text == "增长12个百分点，约三万亿元"
    assert scan.origin is None


def test_financial_numerals_only_inside_a_numeral():
    assert scan_text("壹万贰仟元").text == "一万二千元"
    assert scan_text("陆续出台").text == "陆续出台"         # 陆 alone is a word
    assert scan_text("陆点五折").text == "六点五折"


def test_spaces_inside_a_spaced_chinese_numeral_go_and_offsets_come_back():
    scan = scan_text("上升了百分之一 点五")
    assert scan.text == "上升了百分之一点五"
    assert scan.span(3, 9) == (3, 10)
    assert scan_text("一 百 五 十 个 百 分 点").text == "一百五十个百分点"
    assert scan_text("百  分 之 669").text == "百分之669"


def test_spaces_between_arabic_digits_and_between_words_stay():
    assert scan_text("12 34").text == "12 34"
    assert scan_text("第 一 章 总 则").text == "第 一 章 总 则"    # 第 and 章 are no numeral
    assert scan_text("大陆 一带一路").text == "大陆 一带一路"


def test_full_width_thousands():
    assert thousands_commas("百分之９，９９９，增长") == "百分之９,９９９，增长"
    assert thousands_commas("分别为３，５") == "分别为３，５"        # not a group of three
    assert scan_text("１１１，１１１个百分点").text == "111,111个百分点"


def test_a_unit_as_written_keeps_traditional_characters():
    original = "12個百分點"
    scan = scan_text(original)
    assert as_written("个百分点", scan, 0, len(scan.text), original) == "個百分點"
    assert as_written("%", scan_text("5％"), 0, 2, "5％") == "%"


@given(st.text(alphabet="一二三四五六七八九十百千万亿点之分个成折半 12.%元壹贰陆兩萬億點個，", max_size=30))
def test_every_scanned_character_comes_from_the_original(text):
    scan = scan_text(text)
    origin = scan.origin or tuple(range(len(scan.text)))
    assert len(origin) == len(scan.text)
    assert list(origin) == sorted(set(origin))
    assert all(text[o] not in " \u3000\xa0" or scan.text[i] in " \u3000\xa0" for i, o in enumerate(origin))
