"""Decode raw file bytes to text without ever silently producing mojibake.

Order: BOM (UTF-8, UTF-16 LE/BE), strict UTF-8, strict GB18030. Binary input
(NUL bytes outside UTF-16, many control characters) and empty input raise
LoadError; a GB18030 decoding that yields mostly rare characters is refused.
"""

from __future__ import annotations

import logging
import unicodedata

from kb.errors import LoadError

logger = logging.getLogger(__name__)

_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
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
    return text


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
