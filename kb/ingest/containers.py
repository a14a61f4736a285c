"""Documents that come inside a container: unwrap them before any other cleaning.

- A CSV file whose one row carries a long text field (a report scraped into a
  ``province,year,title,source_url,publish_date,full_text`` table) is a
  document whose text is that field; the other columns are its metadata.
- A Fudan/人大复印资料-style record opens with ``【标  题】…`` header lines
  (title with its ——subtitle, author, source, issue) and ``【正  文】`` before the body.

``unwrap(text)`` returns the body, the metadata found and the number of source
lines before the body (so citations still point at the right line), or None
when the text is in no container.
"""

from __future__ import annotations

import csv
import io
import re
from typing import NamedTuple, Optional

from kb.ingest.dates import normalize_date
from kb.text.vocab import words

_BRACKET_LINE = re.compile(r"^\s*【\s*([^】]+?)\s*】\s*(.*)$")
_SUBTITLE = re.compile(r"^\s*[—–-]{2}")
_MIN_TEXT_SHARE = 0.6


class Unwrapped(NamedTuple):
    body: str
    meta: dict
    lines_before: int


def unwrap(text: str) -> Optional[Unwrapped]:
    """The document inside ``text`` when it comes in a known container, else None."""
    return unwrap_csv(text) or unwrap_bracket_header(text)


# --- CSV with a text column ------------------------------------------------------------------

def unwrap_csv(text: str) -> Optional[Unwrapped]:
    """A CSV table whose (single) row holds most of the file in one text column."""
    first_line = text.split("\n", 1)[0]
    if first_line.count(",") < 2:
        return None
    try:   # a field over the csv module's limit (a long line with commas) is no CSV container
        if not text_column(next(csv.reader([first_line]))):
            return None
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return None
    header, records = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]
    column = text_column(header)
    if len(records) != 1 or len(records[0]) != len(header) or column is None:
        return None
    record = dict(zip(header, records[0], strict=True))
    body = record[header[column]]
    if len(body) < _MIN_TEXT_SHARE * len(text):
        return None
    start = text.find(body[:40]) if "\"" not in body[:40] else -1
    return Unwrapped(body, _csv_metadata(record), text[:start].count("\n") if start > 0 else 1)


def text_column(header: list[str]) -> Optional[int]:
    """The index of the header's text column (内容, full_text …), None when it names none."""
    names = [h.strip().lower() for h in header]
    for i, name in enumerate(names):
        if name in words("ingest", "csv_text_columns"):
            return i
    return None


def metadata_column(name: str) -> bool:
    """True when a CSV column of this name holds a record's metadata (title, date, source …)."""
    name = name.strip().lstrip("\ufeff").lower()
    return any(name in words("ingest", f"csv_{field}_columns")
               for field in ("title", "date", "publisher", "author", "place", "source"))


def _csv_metadata(record: dict) -> dict:
    """Title, date, publisher, place and source of a CSV row, by column names."""
    meta = {}
    for key, value in record.items():
        name, value = key.strip().lower(), value.strip()
        if not value or len(value) > 300:
            continue
        for field in ("title", "date", "publisher", "author", "place", "source"):
            if name in words("ingest", f"csv_{field}_columns") and field not in meta:
                meta[field] = normalize_date(value) if field == "date" else value
    return {k: v for k, v in meta.items() if v}


# --- 【标题】 header records ---------------------------------------------------------------------

def unwrap_bracket_header(text: str) -> Optional[Unwrapped]:
    """A record of 【key】value header lines, then 【正文】 and the body."""
    lines = text.split("\n")
    if not lines or not _BRACKET_LINE.match(lines[0].lstrip("\ufeff")):
        return None
    meta: dict = {}
    notes: list[str] = []           # 【编者按】…: text a reader sees before the body
    key = ""
    for i, line in enumerate(lines):
        m = _BRACKET_LINE.match(line)
        if m:
            key = re.sub(r"\s+", "", m.group(1))
            if key in words("ingest", "record_body_keys"):
                body = "\n".join(([m.group(2)] if m.group(2).strip() else []) + lines[i + 1:])
                if notes:
                    body = "".join(notes) + "\n\n" + body
                return Unwrapped(body, meta, i + (0 if m.group(2).strip() else 1))
            if key in words("ingest", "record_text_keys"):
                notes.append(m.group(2).strip())
            _record_field(meta, key, m.group(2).strip())
        elif key in words("ingest", "record_text_keys") and line.strip():
            notes.append(line.strip())
        elif key and line.strip():
            _record_continuation(meta, key, line.strip())
    return None


_ISSUE = re.compile(r"^((?:18|19|20)\d{2})(0[1-9]|1[0-2])((?:0[1-9]|[12]\d|3[01]))?$")


def record_date(value: str) -> str:
    """An issue number 199911 / 20000828 as a date (1999-11, 2000-08-28), else the date it states."""
    m = _ISSUE.match(value.strip())
    if m:
        return "-".join(g for g in m.groups() if g)
    return normalize_date(value)


def _record_field(meta: dict, key: str, value: str) -> None:
    for field in ("title", "author", "publisher", "date"):
        if key in words("ingest", f"record_{field}_keys") and value:
            meta[field] = record_date(value) if field == "date" else value
            return


def _record_continuation(meta: dict, key: str, line: str) -> None:
    """A title's next line (——subtitle) belongs to it; other continuations (编者按 …) are dropped."""
    if key in words("ingest", "record_title_keys") and (_SUBTITLE.match(line) or len(line) < 60):
        meta["title"] = (meta.get("title", "") + line).strip()
