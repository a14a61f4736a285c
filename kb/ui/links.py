"""Addresses of the page: every view a user can share is a query string.

    ?tab=documents&doc=report.txt&passage=p…&fact=f…&hl=京津冀+数字经济规模
    ?tab=facts&f_subject=北京&f_year=2022&f_min=1万亿元
    ?tab=consistency&c_verdict=inconsistent&c_doc=…

Tab ids are English and stable (ask, check, facts, consistency, tables,
documents); the page shows their labels in the chosen language and also
accepts a label (问答, Check) in an address.
"""

from __future__ import annotations

from typing import Iterable, Optional
from urllib.parse import urlencode

TAB_IDS = ("ask", "check", "facts", "consistency", "tables", "documents")
DEFAULT_TAB = "ask"


def tab_id(value: Optional[str], labels: Iterable[dict]) -> Optional[str]:
    """The tab id an address names: an id, or a tab's label in any language; None if none."""
    text = (value or "").strip()
    if text.lower() in TAB_IDS:
        return text.lower()
    for table in labels:
        for key, label in table.items():
            if label == text and key in TAB_IDS:
                return key
    return None


def address(params: dict[str, object]) -> str:
    """A relative address (?a=1&b=2) of the non-empty parameters; lists repeat the key."""
    pairs = []
    for key, value in params.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        pairs += [(key, str(v)) for v in values if v not in (None, "")]
    return "?" + urlencode(pairs)


def passage_address(doc_id: str, passage_id: str, fact_id: str = "", terms: Iterable[str] = ()) -> str:
    """The Documents view at one passage, its figure and the matched terms highlighted."""
    return address({"tab": "documents", "doc": doc_id, "passage": passage_id, "fact": fact_id,
                    "hl": " ".join(terms)})
