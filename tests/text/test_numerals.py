"""Tests for kb.text.numerals: Arabic and Chinese numerals to values."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.errors import KbError
from kb.text.numerals import (
    count_value,
    format_value_text,
    parse_chinese_numeral,
    parse_number,
    split_trailing_scale,
    to_halfwidth,
)

CN = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Standard Chinese numeral of 0 <= n < 10**12 (test helper)."""
    if n == 0:
        return "零"

    def below_10k(x: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d:
                if zero and out:
                    out += "零"
                out += CN[d] + name
                zero = False
            else:
                zero = True
        return out

    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out, pending_zero = "", False
    for value, name in parts:
        if value:
            if out and (pending_zero or value < 1000):
                out += "零"
            out += below_10k(value) + name
            pending_zero = False
        elif out:
            pending_zero = True
    return out


@pytest.mark.parametrize("text,value", [
    ("三千五百", 3500), ("两万", 20000), ("十一", 11), ("十", 10), ("二十", 20),
    ("一百零二万亿", 102e12), ("百分之二点三", 2.3), ("1.2万", 12000), ("3千", 3000),
    ("1,234.5", 1234.5), ("１２３", 123), ("二〇二二", 2022), ("三亿五千万", 3.5e8),
    ("一千零五", 1005), ("两千零二十", 2020), ("45.4万亿", 45.4e12), ("-3.5", -3.5),
    ("二点三", 2.3), ("一百一十", 110), ("1,260,582", 1260582),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("bad", ["", "abc", "十四五", "一二三十", "3.5kg", "约3"])
def test_parse_number_rejects(bad):
    with pytest.raises(KbError):
        parse_number(bad)


def test_value_text_of_chinese_decimal():
    assert parse_chinese_numeral("二点三零") == (2.3, "2.30")
    assert parse_chinese_numeral("三千五百") == (3500.0, "3500")


def test_split_trailing_scale():
    assert split_trailing_scale("一百零二万亿") == ("一百零二", "万亿")
    assert split_trailing_scale("两万") == ("两", "万")
    assert split_trailing_scale("三亿五千万") == ("三亿五千万", "")


def test_halfwidth_keeps_length():
    s = "增长５．２％"
    assert to_halfwidth(s) == "增长5.2%" and len(to_halfwidth(s)) == len(s)


def test_format_value_text():
    assert format_value_text(3500.0) == "3500"
    assert format_value_text(2.5, 2) == "2.50"


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_round_trip(n):
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_separators_round_trip(whole, cents):
    text = f"{whole:,}.{cents:02d}"
    assert parse_number(text) == pytest.approx(whole + cents / 100)
    assert parse_number(text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})) == pytest.approx(whole + cents / 100)


def test_count_value_reads_digits_and_chinese_counts():
    assert [count_value(n) for n in ("4", "16", "四", "两", "十二")] == [4, 16, 4, 2, 12]
