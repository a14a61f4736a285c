"""Small PDF files written byte by byte at test time, for the cases a browser cannot print:
a page holding only an image (no text layer), a PDF locked with a password, and a
plain one-page PDF with a line of Latin text (cut short, it is a truncated PDF).

Encryption is the standard security handler, revision 2 (RC4, 40-bit key), as in
the PDF 1.7 reference, section 7.6.3 (algorithms 2, 3 and 4).
"""

from __future__ import annotations

import hashlib
import struct

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes(range(16))


def write_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF of the given objects (object 1 is the catalog), with a correct cross-reference
    table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra
            + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(content) + extra + b">>\nstream\n" + content + b"\nendstream"


def _page_objects(content: bytes, resources: bytes) -> list[bytes]:
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources
            + b" /Contents 4 0 R >>",
            _stream(content)]


def image_only_pdf() -> bytes:
    """One A4 page with a grey picture on it (an image XObject) and no text at all: a scan."""
    pixels = bytes((x * 16 + y) % 256 for y in range(16) for x in range(16))
    image = _stream(pixels, b"/Type /XObject /Subtype /Image /Width 16 /Height 16 "
                            b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")
    objects = _page_objects(b"q 400 0 0 560 97 140 cm /Im1 Do Q", b"<< /XObject << /Im1 5 0 R >> >>")
    return write_pdf(objects + [image])


def text_pdf(text: str = "Annual report 2023: output rose 5.2 percent.") -> bytes:
    """One page with a line of text in Helvetica."""
    content = b"BT /F1 12 Tf 72 760 Td (" + text.encode("latin-1") + b") Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return write_pdf(_page_objects(content, b"<< /Font << /F1 5 0 R >> >>") + [font])


def text_and_scan_pdf() -> bytes:
    """Two pages: a line of text, then a page holding only a picture (a scanned page)."""
    pixels = bytes(range(256))
    text = b"BT /F1 12 Tf 72 760 Td (Page one: output rose 5.2 percent.) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 7 0 R >> >>"
               b" /Contents 4 0 R >>",
               _stream(text),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 8 0 R >> >>"
               b" /Contents 6 0 R >>",
               _stream(b"q 400 0 0 560 97 140 cm /Im1 Do Q"),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               _stream(pixels, b"/Type /XObject /Subtype /Image /Width 16 /Height 16 "
                               b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")]
    return write_pdf(objects)


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _padded(password: bytes) -> bytes:
    return (password + PAD)[:32]


def encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    """A one-page PDF that opens only with the password ``user`` (RC4 40-bit, revision 2);
    its content stream is encrypted with the object key as a reader expects."""
    permissions = -44
    o_value = _rc4(hashlib.md5(_padded(owner)).digest()[:5], _padded(user))
    key = hashlib.md5(_padded(user) + o_value + struct.pack("<i", permissions) + FILE_ID).digest()[:5]
    u_value = _rc4(key, PAD)
    content = b"BT /F1 12 Tf 72 760 Td (Confidential: revenue 12.5 million.) Tj ET"
    object_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10]
    objects = _page_objects(_rc4(object_key, content), b"<< /Font << /F1 5 0 R >> >>")
    objects += [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
                + u_value.hex().encode() + b"> /P %d >>" % permissions]
    trailer = b"/Encrypt 6 0 R /ID [<" + FILE_ID.hex().encode() + b"> <" + FILE_ID.hex().encode() + b">]"
    return write_pdf(objects, trailer)


def pages_pdf(pages: list[list[tuple[int, str]]]) -> bytes:
    """One page per item, each a list of (font size, line of text) set from the top down."""
    n = len(pages)
    font_id = 3 + 2 * n
    kids = b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n).encode() + b" >>"]
    for i, lines in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 "
                       + str(font_id).encode() + b" 0 R >> >> /Contents " + str(4 + 2 * i).encode() + b" 0 R >>")
        content, y = b"", 760
        for size, line in lines:
            content += f"BT /F1 {size} Tf 72 {y} Td (".encode() + line.encode("latin-1") + b") Tj ET\n"
            y -= 2 * size
        objects.append(_stream(content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return write_pdf(objects)
