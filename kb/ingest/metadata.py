"""Metadata lines of a document: what they say about its date, publisher and authors.

A web page's dateline/source/byline line ("2024-03-05 08:30 来源：某某日报 记者
张三"), a news dateline opening the first paragraph ("新华社南宁3月8日电（记者
张三）"), an unlabelled "issuer + date" line under a title, the issuing body's
signature that closes a report, and the issuer of a government work report.
Each reader takes text and returns the fields it found; ``record_meta`` fills
them into a document's metadata unless already known.
"""

from __future__ import annotations

import re

from kb.ingest.dates import normalize_date
from kb.ingest.normalize import CJK, normalize_text
from kb.ingest.raw import RawBlock
from kb.text.vocab import pattern, regex, words

# a date, optionally with a time: "2024-03-05 08:30", "2024年3月5日"
DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
DATE_RE = re.compile(DATE)
# an issuing body: a short run of Chinese ending in an organisation word
ORG = pattern("ingest", "issuer")
# one issuing body, or several side by side (某某市统计局  国家统计局某某调查队): the first is the publisher
ORG_LINE = re.compile(rf"^{ORG}(?:[ \t\u3000、]+{ORG})*$")
BYLINE = regex("ingest", "byline")
NAMES_LINE = re.compile(rf"^[{CJK}]{{2,3}}(?:[ 、][{CJK}]{{2,3}}){{1,3}}$")
# an office before the speaker's name ("市长 张三"): not a name
POSITION = regex("ingest", "position")

_META_LABEL = regex("ingest", "meta_label")
_META_FILLER = regex("ingest", "meta_filler")
_PUBLISHER_LABELS = frozenset(words("ingest", "publisher_labels"))
_AUTHOR_LABELS = frozenset(words("ingest", "author_labels"))
_DATE_LABELS = frozenset(words("ingest", "date_labels"))
_NOT_META = re.compile(r"[。！？!?，,；;]")
_VALUE_END = re.compile(r"\s{2,}|\s*[|｜丨【]|\s*(?=\d{4}\s*[-/.年])")
NAME_SEP = re.compile(r"[\s、，,]+")

# "新华社南宁3月8日电（记者 张三、李四）", "本报北京3月8日讯", "中新网上海3月8日电": agency, place,
# month/day, reporters; the agency is the shortest run of Chinese ending in 社/网/报
_DATELINE = regex("ingest", "news_dateline")
_NOT_NAMES = frozenset(words("ingest", "dateline_not_names"))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_ISSUER_DATE = re.compile(rf"(?P<org>{ORG})(?:[ \t\u3000、]+{ORG})*\s*(?P<date>{DATE})|(?P<date2>{DATE})\s*(?P<org2>{ORG})")

# the issuer of a government work report: "X人民政府工作报告", or the people's congress of X it
# is delivered to (the report is always the same level's government's)
_GOV_REPORT_TITLE = regex("ingest", "gov_report_title")
_CONGRESS_VENUE = regex("ingest", "congress_venue")
_NATIONAL_CONGRESS = regex("ingest", "national_congress")


def record_meta(found: dict, meta: dict) -> None:
    """Fill the metadata a line gives, unless already known."""
    for key, value in found.items():
        if value and not meta.get(key):
            meta[key] = value


def names(text: str) -> str:
    """People's names of a byline joined by 、 ("张三 李四" → "张三、李四")."""
    return "、".join(n for n in NAME_SEP.split(text) if n)


def _fields(text: str, labels: list[re.Match]) -> list[tuple[str, str]]:
    """("", the text before the first label), then (label, its text up to the next label)."""
    ends = [m.start() for m in labels] + [len(text)]
    fields = [("", text[:ends[0]])]
    for m, end in zip(labels, ends[1:], strict=True):
        fields.append((m.group("label") or m.group("bare"), text[m.end():end]))
    return fields


def _read_field(label: str, chunk: str, found: dict) -> str | None:
    """Record one labelled field of a meta line into ``found``; what of its text is not the
    value (to be checked for leftovers), or None when the field shows the line is body text."""
    value = chunk.strip(" |｜/丨·•")
    if label in _DATE_LABELS:
        date_m = DATE_RE.match(value)
        if not date_m:
            return None
        found.setdefault("date", normalize_date(date_m.group(0)))
        return value[date_m.end():]
    value = _VALUE_END.split(value)[0].strip()
    if not value or len(value) > 24:
        return None
    if label in _PUBLISHER_LABELS:
        found.setdefault("publisher", value)
    elif label in _AUTHOR_LABELS:
        found.setdefault("author", names(value))
    return chunk.replace(value, "", 1)


def _only_meta_left(found: dict, leftover: str, labels: list[re.Match]) -> dict | None:
    """``found`` when nothing but dates and filler is left over and the line said enough."""
    for date_m in DATE_RE.finditer(leftover):
        found.setdefault("date", normalize_date(date_m.group(0)))
    leftover = _META_FILLER.sub("", DATE_RE.sub("", leftover))
    if leftover or not ({"date", "publisher", "author"} & found.keys()):
        return None
    if "date" not in found and not any(m.group("label") for m in labels):
        return None                                 # a bare "记者 张三" alone is a byline, handled elsewhere
    return found


def meta_line(text: str) -> dict | None:
    """Date, publisher (来源) and author (作者/记者) of a page's dateline/source/byline line;
    None when the line is body text. A line qualifies only when nothing but a date/time and
    labelled short fields is left on it (so a sentence that mentions 记者 is never taken)."""
    text = normalize_text(text)
    if len(text) > 100 or _NOT_META.search(text):
        return None
    labels = list(_META_LABEL.finditer(text))
    found: dict = {}
    rest = []
    for label, chunk in _fields(text, labels):
        left = _read_field(label, chunk, found) if label else chunk   # before the first label: a date or nothing
        if left is None:
            return None
        rest.append(left)
    return _only_meta_left(found, "".join(rest), labels)


def dateline(text: str, context: str = "") -> dict:
    """Publisher, date and reporters of a news dateline opening the first paragraph ({} if none).
    The year comes from the first year the title or text (``context``) names; "本报" (our paper)
    leaves the publisher to what the page itself says."""
    m = _DATELINE.match(normalize_text(text))
    if not m:
        return {}
    found: dict = {}
    if m.group("agency") != "本报":
        found["publisher"] = m.group("agency")
    year = _YEAR.search(context or text) if context else None
    if year:
        found["date"] = normalize_date(f"{year.group(1)}-{int(m.group('month')):02d}-{int(m.group('day')):02d}")
    if m.group("names"):
        people = [n for n in NAME_SEP.split(m.group("names")) if n and n not in _NOT_NAMES]
        found["author"] = "、".join(people)
    return found


def first_issuer(line: str) -> str:
    """The first issuing body of an issuer line (某某市统计局 of 某某市统计局  国家统计局某某调查队)."""
    return re.split(r"[ \t\u3000、]+", line.strip())[0]


def issuer_date_line(text: str) -> dict | None:
    """Publisher and date of an unlabelled "issuer + date" line under a title
    ("国家统计局 2025年2月28日", "2024-03-01 某某日报", "某某市统计局  国家统计局某某调查队  2024年3月15日":
    the first issuer); None for anything else."""
    m = _ISSUER_DATE.fullmatch(normalize_text(text))
    if not m:
        return None
    return {"publisher": m.group("org") or m.group("org2"), "date": normalize_date(m.group("date") or m.group("date2"))}


def signature(blocks: list[RawBlock]) -> dict:
    """Publisher (and date) of the issuing-body signature that closes a report or bulletin
    ("某某统计局" / "某某研究中心 2024年3月1日" as the last one or two lines); {} when absent."""
    found: dict = {}
    for b in blocks[-2:]:
        if b.kind not in ("paragraph", "heading") or len(b.text) > 40:
            continue
        text = normalize_text(b.text)
        both = issuer_date_line(text)
        if both:
            found.update(both)
        elif ORG_LINE.match(text):
            found["publisher"] = first_issuer(text)
        elif DATE_RE.fullmatch(text):
            found["date"] = normalize_date(text)
    return found if found.get("publisher") else {}


def take_meta_blocks(blocks: list[RawBlock], meta: dict) -> list[RawBlock]:
    """Drop the dateline/source/byline blocks of an HTML body (<div class="info">…), keeping
    what they say as metadata: they are page furniture, not the article's first paragraph."""
    out = []
    for b in blocks:
        single = b.kind in ("paragraph", "heading") and len(b.pieces) == 1
        found = meta_line(b.text) if single else None
        if found is not None:
            record_meta(found, meta)
            continue
        found = issuer_date_line(b.text) if single else None
        if found is not None:                       # kept like a print title block's issuer line
            record_meta(found, meta)
            b.kind, b.level = "heading", 1
        out.append(b)
    return out


def issuer(title: str, venue: str) -> str:
    """The body that issues a government work report, from its title or the congress it is
    delivered to ("" when neither says): 某省人民政府工作报告 → 某省人民政府; 政府工作报告 delivered
    at 某市第N届人民代表大会 → 某市人民政府; at the 全国人民代表大会 → 国务院."""
    m = _GOV_REPORT_TITLE.match(title or "")
    if m:
        return m.group("place") + "人民政府"
    if "政府工作报告" not in (title or ""):
        return ""
    m = _CONGRESS_VENUE.match(venue or "")
    if m:
        return m.group("place") + "人民政府"
    return "国务院" if _NATIONAL_CONGRESS.match(venue or "") else ""
