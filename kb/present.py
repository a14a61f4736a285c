"""Presentation for the page: models → safe Markdown strings and small DataFrames.

Pure functions, so the page (`app.py`) stays thin and what it shows is
tested without a browser. Document text is always escaped: it is shown as
text, never interpreted as HTML or Markdown.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from kb.models import Check, ClaimVerdict, Document, Fact, Passage, Table

# Characters that Markdown (and Streamlit's directives) would interpret.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$&])")

VERDICT_COLOURS = {
    "consistent": "green", "supported": "green",
    "inconsistent": "red", "contradicted": "red",
    "unverifiable": "gray", "not_found": "gray",
}

FACT_DISPLAY_COLUMNS = ["subject", "indicator", "year", "figure", "value_normalized",
                        "unit_normalized", "claim_type", "source_kind", "fact_id"]


def escape_markdown(text: str) -> str:
    """Text that Markdown shows verbatim (no links, no HTML, no emphasis)."""
    text = text.replace("\r", "")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def highlight_markdown(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escaped ``text`` with the given spans on a highlighted background."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(escape_markdown(text[last:start]))
        out.append(f":orange-background[{escape_markdown(text[start:end])}]")
        last = end
    out.append(escape_markdown(text[last:]))
    return "".join(out)


def badge(verdict: str) -> str:
    """A coloured Markdown badge for a check or claim verdict."""
    colour = VERDICT_COLOURS.get(verdict, "gray")
    return f":{colour}-badge[{verdict}]"


def figure_text(fact: Fact) -> str:
    """The figure as the document states it: qualifier, number, unit."""
    number = fact.value_text or (str(int(fact.value)) if fact.value.is_integer() else f"{fact.value:g}")
    return f"{fact.qualifier}{number}{fact.unit}"


def citation(document: Optional[Document], passage: Passage) -> str:
    """One line: title · publisher · date · section · characters a–b (escaped)."""
    parts = []
    if document is not None:
        parts.append(document.title or document.doc_id)
        parts.extend(p for p in (document.publisher, document.date) if p)
    else:
        parts.append(passage.doc_id)
    if passage.section:
        parts.append(passage.section)
    parts.append(f"characters {passage.start}–{passage.end}")
    return escape_markdown(" · ".join(parts))


def facts_frame(facts: list[Fact]):
    """A compact table of facts for display."""
    import pandas as pd

    rows = [{"subject": f.subject, "indicator": f.indicator, "year": f.year,
             "figure": figure_text(f), "value_normalized": f.value_normalized,
             "unit_normalized": f.unit_normalized, "claim_type": f.claim_type,
             "source_kind": f.source_kind, "fact_id": f.fact_id} for f in facts]
    frame = pd.DataFrame(rows, columns=FACT_DISPLAY_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def checks_frame(checks: list[Check]):
    import pandas as pd

    return pd.DataFrame([{"verdict": c.verdict, "kind": c.kind, "doc_id": c.doc_id,
                          "formula": c.formula, "explanation": c.explanation,
                          "passage_id": c.passage_id, "check_id": c.check_id} for c in checks],
                        columns=["verdict", "kind", "doc_id", "formula", "explanation",
                                 "passage_id", "check_id"])


def check_markdown(check: Check) -> str:
    """Badge, kind and the one-sentence explanation (escaped)."""
    return f"{badge(check.verdict)} **{escape_markdown(check.kind or 'check')}** — {escape_markdown(check.explanation)}"


def verdict_markdown(verdict: ClaimVerdict) -> str:
    return f"{badge(verdict.verdict)} {escape_markdown(verdict.explanation)}"


def surrounding_paragraph(document: Document, passage: Passage, margin: int = 200) -> str:
    """The passage with some text around it, for the citation's expander."""
    start = max(0, document.text.rfind("\n\n", 0, max(0, passage.start - 1)) + 2)
    if passage.start - start > margin:
        start = passage.start - margin
    end = document.text.find("\n\n", passage.end)
    end = len(document.text) if end == -1 else min(end, passage.end + margin)
    return document.text[start:end]


def documents_frame(documents: list[Document], counts: dict[str, dict[str, int]]):
    import pandas as pd

    return pd.DataFrame([{
        "doc_id": d.doc_id, "title": d.title, "publisher": d.publisher, "date": d.date,
        "format": d.source_format, "encoding": d.encoding,
        "passages": counts.get(d.doc_id, {}).get("passages", 0),
        "facts": counts.get(d.doc_id, {}).get("facts", 0),
        "tables": counts.get(d.doc_id, {}).get("tables", 0),
        "checks": counts.get(d.doc_id, {}).get("checks", 0)} for d in documents])


def table_frame(table: Table):
    import pandas as pd

    width = len(table.columns)
    rows = [list(r) + [""] * (width - len(r)) for r in table.rows]
    return pd.DataFrame([r[:width] for r in rows], columns=_unique(table.columns))


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")


def table_chart_frame(table: Table, facts: list[Fact]):
    """Values by subject (rows) and year (columns) for the table's first indicator
    stated for two or more years; None when the table has no such shape."""
    import pandas as pd

    cells = [f for f in facts if f.table_id == table.table_id and f.year and f.subject]
    by_indicator: dict[str, list[Fact]] = {}
    for fact in cells:
        by_indicator.setdefault(fact.indicator, []).append(fact)
    for indicator, group in by_indicator.items():
        years = sorted({f.year for f in group})
        if len(years) < 2:
            continue
        frame = pd.DataFrame([{"subject": f.subject, "year": str(f.year), "value": f.value}
                              for f in group])
        pivot = frame.pivot_table(index="subject", columns="year", values="value", aggfunc="first")
        return indicator, pivot
    subjects = [f for f in cells if f.indicator]
    if subjects:
        indicator = subjects[0].indicator
        frame = pd.DataFrame([{"subject": f.subject, "value": f.value}
                              for f in subjects if f.indicator == indicator])
        return indicator, frame.groupby("subject")["value"].first().to_frame()
    return None


def _unique(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        n = seen.get(c, 0)
        seen[c] = n + 1
        out.append(c if n == 0 else f"{c} ({n + 1})")
    return out
