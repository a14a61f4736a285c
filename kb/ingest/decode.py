"""Decode raw file bytes to text without ever silently producing mojibake.

Order: BOM (UTF-8, UTF-16 LE/BE), strict UTF-8, strict GB18030. Binary input
(NUL bytes outside UTF-16, many control characters) and empty input raise
LoadError; a GB18030 decoding that yields mostly rare characters is refused.
Text that was damaged before it reached us is refused too: UTF-8 that some
tool read as GBK and saved again (鍖椾含 for 北京, usually with U+FFFD where
bytes did not pair) and text with replacement characters (U+FFFD) in it.
"""

from __future__ import annotations

import logging
import re

from kb.errors import LoadError

logger = logging.getLogger(__name__)

_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\ufffd]{4,}")
MOJIBAKE_SAMPLE = 200_000        # characters looked at for mis-decoded text
MOJIBAKE_SHARE = 0.3             # of the non-ASCII characters, in runs that decode as UTF-8
MAX_REPLACEMENTS = 2             # U+FFFD tolerated (a stray one in a web capture)


# The characters of Unicode category Cc (U+0000–U+001F, U+007F–U+009F; a category that never changes)
# other than the allowed ones: counted by one pattern instead of a category lookup per character.
_CONTROLS = re.compile("[^" + re.escape("".join(sorted(_ALLOWED_CONTROLS))) + r"\x20-\x7e\xa0-\U0010ffff]")


def _control_share(text: str) -> float:
    controls = len(_CONTROLS.findall(text))
    return controls / max(len(text), 1)


def _is_common(ch: str) -> bool:
    """Characters that real Chinese text is made of (ASCII, CJK, CJK punctuation, full-width)."""
    o = ord(ch)
    return (o < 0x250 or 0x2000 <= o <= 0x2BFF or 0x3000 <= o <= 0x303F
            or 0x4E00 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF or 0x3400 <= o <= 0x4DBF)


def _check_text(text: str, encoding: str) -> str:
    if not text.strip():
        raise LoadError("file is empty or whitespace only: nothing to ingest; remove it or add text")
    if _control_share(text) > 0.01:
        raise LoadError(f"file looks binary (control characters after {encoding} decoding): pass a text file")
    if looks_mis_decoded(text):
        raise LoadError("the text is garbled: it is UTF-8 that was read as GBK and saved again "
                        "(characters like 鍖椾含 for 北京); re-save it from the original file as UTF-8")
    replacements = text.count("\ufffd")
    if replacements > MAX_REPLACEMENTS:
        raise LoadError(f"the text has {replacements} replacement characters (U+FFFD): it was damaged "
                        "by a wrong decoding before it was saved; re-save it from the original file")
    return text


def looks_mis_decoded(text: str) -> bool:
    """True when most non-ASCII text reads as UTF-8 once encoded back to GBK (mojibake: real
    Chinese almost never does, since GBK's trail bytes are no UTF-8 continuation bytes)."""
    sample = text[:MOJIBAKE_SAMPLE]
    non_ascii = len(sample) - len(sample.encode("ascii", errors="ignore"))   # the characters above U+007F
    if non_ascii < 8:
        return False
    garbled = 0
    for run in _NON_ASCII_RUN.findall(sample):
        raw = run.encode("gb18030")
        recovered = raw.decode("utf-8", errors="ignore")
        # most of its bytes are well-formed UTF-8, and they spell Chinese again (鍖椾含 → 北京); real GBK
        # text can pair into UTF-8 by chance (年，全市出口和进口分别为), but then into Hangul and Cyrillic
        if len(recovered.encode("utf-8")) >= 0.7 * len(raw) and _mostly_chinese(recovered):
            garbled += len(run)
    return garbled > MOJIBAKE_SHARE * non_ascii


def _mostly_chinese(text: str) -> bool:
    """Most characters are CJK ideographs or CJK and full-width punctuation."""
    chinese = sum(1 for ch in text if 0x4E00 <= ord(ch) <= 0x9FFF or 0x3000 <= ord(ch) <= 0x303F
                  or 0xFF00 <= ord(ch) <= 0xFFEF)
    return chinese >= 0.6 * max(len(text), 1)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding used): utf-8, utf-8-sig, utf-16 or gb18030; raise LoadError otherwise."""
    if not raw or not raw.strip():
        raise LoadError("file is empty or whitespace only: nothing to ingest; remove it or add text")
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in raw:
        raise LoadError("file looks binary (NUL bytes without a UTF-16 byte-order mark): pass a text file")
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = _check_text(text, encoding)
        if encoding == "gb18030":
            non_ascii = [ch for ch in text if ord(ch) >= 0x80]
            rare = sum(1 for ch in non_ascii if not _is_common(ch))
            # GB18030 maps almost any byte string; rare characters betray a wrong guess.
            if non_ascii and rare / len(non_ascii) > 0.05:
                raise LoadError("file encoding is not recognised (neither UTF-8 nor GB18030): re-save it as UTF-8")
        logger.debug("decoded as %s", encoding)
        return text, encoding
    raise LoadError("file encoding is not recognised (neither UTF-8 nor GB18030): re-save it as UTF-8")
