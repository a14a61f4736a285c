"""Dates in the common written forms → ISO (YYYY-MM-DD, YYYY-MM or YYYY)."""

from __future__ import annotations

import datetime as dt
import re

from kb.ingest.normalize import FULLWIDTH_TO_ASCII
from kb.text.vocab import words

_MONTHS = {m.lower(): i for i, m in enumerate(words("ingest", "english_months"), 1)}


def normalize_date(value: object) -> str:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from the common written forms, else ""."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    s = str(value or "").strip().translate(FULLWIDTH_TO_ASCII)
    if not s:
        return ""
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", s)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    import email.utils       # only for a date no pattern above reads (11 ms of an ingest's imports)

    try:
        return email.utils.parsedate_to_datetime(s).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", s)
    if m and m[2].lower() in _MONTHS:
        return f"{int(m[3]):04d}-{_MONTHS[m[2].lower()]:02d}-{int(m[1]):02d}"
    m = re.search(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", s)
    if m and m[1].lower() in _MONTHS:
        return f"{int(m[2]):04d}-{_MONTHS[m[1].lower()]:02d}"
    m = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?!\d)", s)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    m = re.search(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", s)
    return m[1] if m else ""
