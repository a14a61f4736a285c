"""Presentation for the page: models → safe Markdown strings and small DataFrames.

Pure functions, so the page (`app.py`) stays thin and what it shows is
tested without a browser. Document text is always escaped: it is shown as
text, never interpreted as HTML or Markdown. The bytes of every download
come from here (or from `kb.store.export` / `kb.figures.tables`), so tests can compare
them exactly.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Optional
from urllib.parse import urlencode

from kb.models import Check, ClaimVerdict, Document, Evidence, Fact, Passage, Table

# Characters that Markdown (and Streamlit's directives, :emoji:, $math$) would interpret.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$&=])")

VERDICT_COLOURS = {
    "consistent": "green", "supported": "green",
    "inconsistent": "red", "contradicted": "red",
    "unverifiable": "gray", "not_found": "gray",
}
VERDICT_ORDER = {"inconsistent": 0, "contradicted": 0, "unverifiable": 1, "not_found": 1,
                 "consistent": 2, "supported": 2}

FACT_DISPLAY_COLUMNS = ["subject", "indicator", "year", "figure", "value_normalized",
                        "unit_normalized", "claim_type", "source_kind", "doc_id",
                        "char_start", "char_end", "fact_id"]


# --- text -------------------------------------------------------------------

def escape_markdown(text: str) -> str:
    """Text that Markdown shows verbatim (no links, no HTML, no emphasis, no math)."""
    text = (text or "").replace("\r", "")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def marked_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of the matched terms in ``text`` (for the page, which escapes text itself)."""
    if not terms:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def highlight_markdown(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escaped ``text`` with the given spans on a highlighted background."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last or end <= start:
            continue  # overlapping or empty spans: the first (longest-first) one wins
        out.append(escape_markdown(text[last:start]))
        out.append(f":orange-background[{escape_markdown(text[start:end])}]")
        last = end
    out.append(escape_markdown(text[last:]))
    return "".join(out)


def number_text(x: Optional[float]) -> str:
    """A number for people: up to 4 decimals, no trailing zeros, no exponent below 1e15."""
    if x is None or not math.isfinite(x):
        return "—"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".") if abs(x) >= 1e-4 else f"{x:.3g}"


def badge(verdict: str) -> str:
    """A coloured Markdown badge for a check or claim verdict."""
    colour = VERDICT_COLOURS.get(verdict, "gray")
    return f":{colour}-badge[{escape_markdown(verdict)}]"


def figure_text(fact: Fact) -> str:
    """The figure as the document states it: qualifier, number, unit."""
    number = fact.value_text or number_text(fact.value)
    return f"{fact.qualifier}{number}{fact.unit}"


# --- citations ----------------------------------------------------------------

def citation_text(document: Optional[Document], passage: Passage) -> str:
    """Plain citation: title · publisher · date · section · characters a–b."""
    parts = []
    if document is not None:
        parts.append(document.title or document.doc_id)
        parts.extend(p for p in (document.publisher, document.date) if p)
    else:
        parts.append(passage.doc_id)
    if passage.section:
        parts.append(passage.section)
    parts.append(f"characters {passage.start}–{passage.end}")
    return " · ".join(parts)


def citation(document: Optional[Document], passage: Passage) -> str:
    """The citation line, escaped for Markdown."""
    return escape_markdown(citation_text(document, passage))


def passage_link(passage_id: str) -> str:
    """A relative page address that opens one passage (the Ask tab reads ?passage=)."""
    return "?" + urlencode({"passage": passage_id})


def surrounding_paragraph(document: Document, passage: Passage, margin: int = 200) -> str:
    """The passage with its paragraph around it (at most ``margin`` characters each side)."""
    start = document.text.rfind("\n\n", 0, passage.start)
    start = 0 if start == -1 else start + 2
    start = max(start, passage.start - margin)
    end = document.text.find("\n\n", passage.end)
    end = len(document.text) if end == -1 else end
    end = min(end, passage.end + margin)
    return document.text[start:end]


def evidence_markdown(evidence: Evidence, document: Optional[Document],
                      passage: Optional[Passage]) -> str:
    """One evidence line of a claim verdict: figure, citation, quote (escaped)."""
    f = evidence.fact
    if passage is not None:
        where = citation_text(document, passage)
    else:
        where = f"{(document.title if document else '') or evidence.doc_id} · characters {f.char_start}–{f.char_end}"
    about = " ".join(x for x in (f.subject, f.indicator, str(f.year or "")) if x)
    return (f"**{escape_markdown(figure_text(f))}** {escape_markdown(about)}  \n"
            f"{escape_markdown(where)}  \n“{escape_markdown(evidence.quote)}”")


# --- checks and verdicts -------------------------------------------------------

def check_markdown(check: Check) -> str:
    """Badge, kind and what the check is about (escaped)."""
    head = f"{badge(check.verdict)} **{escape_markdown(check.kind or 'check')}**"
    if check.stated_value is not None:
        head += f" · stated {escape_markdown(number_text(check.stated_value))}"
    return head


def check_numbers_markdown(check: Check) -> str:
    """Stated, recomputed and tolerance, or why nothing could be recomputed."""
    if check.recomputed_value is None:
        return escape_markdown(check.explanation)
    parts = [f"recomputed **{escape_markdown(number_text(check.recomputed_value))}**"]
    if check.stated_value is not None:
        parts.insert(0, f"stated **{escape_markdown(number_text(check.stated_value))}**")
    if check.tolerance is not None:
        parts.append(f"tolerance ±{escape_markdown(number_text(check.tolerance))}")
    return " · ".join(parts)


def sort_checks(checks: list[Check]) -> list[Check]:
    """Inconsistent first, then unverifiable, then consistent; stable within."""
    return sorted(checks, key=lambda c: VERDICT_ORDER.get(c.verdict, 1))


def verdict_counts(checks: list[Check]) -> dict[str, int]:
    return {v: sum(c.verdict == v for c in checks)
            for v in ("inconsistent", "unverifiable", "consistent")}


def verdict_markdown(verdict: ClaimVerdict) -> str:
    return f"{badge(verdict.verdict)} {escape_markdown(verdict.explanation)}"


def split_claims(text: str) -> list[str]:
    """The claims of a text box: one a line, blanks dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- frames -----------------------------------------------------------------

def facts_frame(facts: list[Fact]):
    """A compact table of facts for display."""
    import pandas as pd

    rows = [{"subject": f.subject, "indicator": f.indicator, "year": f.year,
             "figure": figure_text(f), "value_normalized": f.value_normalized,
             "unit_normalized": f.unit_normalized, "claim_type": f.claim_type,
             "source_kind": f.source_kind, "doc_id": f.doc_id, "char_start": f.char_start,
             "char_end": f.char_end, "fact_id": f.fact_id} for f in facts]
    frame = pd.DataFrame(rows, columns=FACT_DISPLAY_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["value_normalized"] = frame["value_normalized"].astype("float64")
    return frame


def compact_facts_frame(facts: list[Fact]):
    """The facts of one passage: who, what, when, the figure as stated (blanks, not None)."""
    frame = facts_frame(facts)[["subject", "indicator", "year", "figure", "claim_type", "fact_id"]]
    frame["year"] = [("" if y is None else str(y)) for y in (f.year for f in facts)]
    return frame


def documents_frame(documents: list[Document], counts: dict[str, dict[str, int]]):
    import pandas as pd

    return pd.DataFrame([{
        "doc_id": d.doc_id, "title": d.title, "publisher": d.publisher, "date": d.date,
        "format": d.source_format, "encoding": d.encoding,
        "passages": counts.get(d.doc_id, {}).get("passages", 0),
        "facts": counts.get(d.doc_id, {}).get("facts", 0),
        "tables": counts.get(d.doc_id, {}).get("tables", 0),
        "checks": counts.get(d.doc_id, {}).get("checks", 0)} for d in documents],
        columns=["doc_id", "title", "publisher", "date", "passages", "facts", "tables",
                 "checks", "format", "encoding"])


def table_frame(table: Table):
    import pandas as pd

    width = len(table.columns)
    rows = [list(r) + [""] * (width - len(r)) for r in table.rows]
    return pd.DataFrame([r[:width] for r in rows], columns=_unique(table.columns))


def table_source(table: Table, document: Optional[Document]) -> str:
    """Where a table comes from: document title, publisher, date, span (escaped)."""
    parts = [document.title or document.doc_id] if document else [table.doc_id]
    if document:
        parts.extend(p for p in (document.publisher, document.date) if p)
    parts.append(f"characters {table.char_start}–{table.char_end}")
    if table.unit:
        parts.append(f"unit {table.unit}")
    return escape_markdown(" · ".join(parts))


def table_chart_frame(table: Table, facts: list[Fact]):
    """(indicator, frame) for a bar chart of a table: values by subject (rows) and
    year (columns) for the first indicator stated for two or more years, else
    the first indicator by subject; None when the table has no subjects."""
    import pandas as pd

    cells = [f for f in facts if f.table_id == table.table_id and f.subject and f.indicator]
    by_indicator: dict[str, list[Fact]] = {}
    for fact in cells:
        by_indicator.setdefault(fact.indicator, []).append(fact)
    for indicator, group in by_indicator.items():
        dated = [f for f in group if f.year]
        if len({f.year for f in dated}) < 2:
            continue
        frame = pd.DataFrame([{"subject": f.subject, "year": str(f.year), "value": f.value}
                              for f in dated])
        pivot = frame.pivot_table(index="subject", columns="year", values="value", aggfunc="first")
        pivot.columns.name = None
        return indicator, pivot[sorted(pivot.columns)]
    if cells:
        indicator = cells[0].indicator
        frame = pd.DataFrame([{"subject": f.subject, "value": f.value}
                              for f in by_indicator[indicator]])
        return indicator, frame.groupby("subject", sort=False)["value"].first().to_frame()
    return None


def _unique(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        n = seen.get(c, 0)
        seen[c] = n + 1
        out.append(c if n == 0 else f"{c} ({n + 1})")
    return out


# --- documents ----------------------------------------------------------------

def document_markdown(document: Document, passages: list[Passage]) -> str:
    """The clean text, escaped, each passage preceded by a small grey marker
    (ordinal and span); text between passages (headings) shown in bold."""
    out, last = [], 0
    for p in sorted(passages, key=lambda p: p.start):
        if p.start < last:
            continue
        between = document.text[last:p.start].strip()
        if between:
            out.append(f"**{escape_markdown(between)}**")
        out.append(f":gray-badge[¶{p.ordinal} · {p.start}–{p.end}] {escape_markdown(p.text)}")
        last = p.end
    rest = document.text[last:].strip()
    if rest:
        out.append(f"**{escape_markdown(rest)}**")
    return "\n\n".join(out)
