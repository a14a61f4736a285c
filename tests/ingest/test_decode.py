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
