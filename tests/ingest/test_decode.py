import pytest

from kb.errors import LoadError
from kb.ingest.decode import decode_bytes

TEXT = "数字经济规模达3.91万亿元。"


@pytest.mark.parametrize("raw,enc", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("gbk"), "gb18030"),
])
def test_decodes_each_encoding(raw, enc):
    assert decode_bytes(raw) == (TEXT, enc)


@pytest.mark.parametrize("raw", [b"", b"  \n\t", b"abc\x00def", bytes(range(256)) * 4, b"\x01\x02\x03abc" * 10])
def test_rejects_empty_and_binary(raw):
    with pytest.raises(LoadError):
        decode_bytes(raw)


@pytest.mark.parametrize("text", [
    "2024年，全市出口和进口分别为100.5亿元和80.2亿元。",      # its GBK bytes pair into UTF-8 by chance
    "全市出口和进口分别为100.5亿元和80.2亿元",
])
def test_short_chinese_whose_gbk_bytes_happen_to_be_utf8_is_not_garbled(text):
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(text.encode("gbk"))[0] == text


def test_utf8_read_as_gbk_and_saved_again_is_refused():
    garbled = "2024年，全市地区生产总值达到4.98万亿元，比上年增长5.2%。".encode("utf-8").decode("gbk", errors="replace")
    with pytest.raises(LoadError, match="garbled"):
        decode_bytes(garbled.encode("utf-8"))
