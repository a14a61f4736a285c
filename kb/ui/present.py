"""Presentation for the page: models → safe Markdown strings and small DataFrames.

Pure functions, so the page (`kb/ui/page.py`) stays thin and what it shows is
tested without a browser. Document text is always escaped: it is shown as
text, never interpreted as HTML or Markdown. Every cell of a frame is a
string, so no table widget rounds a figure (39.8% stays 39.8%, 45.4万亿 stays
45.4万亿). Words come from kb/ui/words.py (Chinese unless the page says English).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from kb.models import Check, ClaimVerdict, Document, Fact, Passage, Table
from kb.ui import numbers, wording
from kb.ui.explain import explanation
from kb.ui.words import Words

# Characters that Markdown (and Streamlit's directives, :emoji:, $math$) would interpret.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$&=])")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")

VERDICT_COLOURS = {
    "consistent": "green", "supported": "green", "stated": "green",
    "inconsistent": "red", "contradicted": "red",
    "unverifiable": "gray", "not_found": "gray", "not_stated": "orange",
}
VERDICT_SIGNS = {"consistent": "✓", "supported": "✓", "stated": "✓", "inconsistent": "✗",
                 "contradicted": "✗", "unverifiable": "?", "not_found": "?", "not_stated": "!"}
VERDICT_ORDER = {"inconsistent": 0, "contradicted": 0, "unverifiable": 1, "not_found": 1,
                 "consistent": 2, "supported": 2}
CHECK_VERDICTS = ("inconsistent", "unverifiable", "consistent")
CLAIM_VERDICTS = ("contradicted", "not_found", "supported")
# how a span is shown, by what it is (the first listed wins where spans overlap)
STYLES = {"cited": "red-background", "figure": "blue-background", "term": "orange-background"}


# --- text -------------------------------------------------------------------

def escape_markdown(text: str) -> str:
    """Text that Markdown shows verbatim (no links, no HTML, no emphasis, no math)."""
    text = (text or "").replace("\r", "")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def clean_label(text: str) -> str:
    """A row or region label without the wrap a layout left inside it (大湾区 内地九市 → 大湾区内地九市)."""
    return _CJK_GAP.sub("", " ".join(str(text or "").split()))


def marked_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Spans of the matched terms in ``text`` (for the page, which escapes text itself)."""
    terms = [t for t in terms if t]
    if not terms:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def highlight_markdown(text: str, spans: Iterable[tuple[int, int]], style: str = "term") -> str:
    """Escaped ``text`` with the given spans highlighted in one style."""
    return styled_markdown(text, {style: list(spans)})


def styled_markdown(text: str, spans: dict[str, list[tuple[int, int]]]) -> str:
    """Escaped ``text`` with spans of several kinds (cited figure, figures, matched terms)
    highlighted; where spans overlap, the kind listed first in STYLES wins."""
    kinds = [None] * len(text)
    for kind in reversed(list(STYLES)):
        for start, end in spans.get(kind, []):
            for i in range(max(0, start), min(len(text), end)):
                kinds[i] = kind
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and kinds[j] == kinds[i]:
            j += 1
        piece = escape_markdown(text[i:j])
        out.append(f":{STYLES[kinds[i]]}[{piece}]" if kinds[i] and piece.strip() else piece)
        i = j
    return "".join(out)


def passage_spans(passage: Passage, facts: list[Fact], terms: list[str],
                  cited: Iterable[str] = ()) -> dict[str, list[tuple[int, int]]]:
    """The spans to highlight in a passage: its figures, the cited ones, the matched terms."""
    cited = set(cited)

    def local(f: Fact) -> Optional[tuple[int, int]]:
        if passage.start <= f.char_start and f.char_end <= passage.end:
            return numbers.figure_span(passage.text, f.char_start - passage.start, f.char_end - passage.start,
                                       f.figure_text)
        return None

    return {"cited": [s for f in facts if f.fact_id in cited and (s := local(f))],
            "figure": [s for f in facts if f.fact_id not in cited and (s := local(f))],
            "term": marked_spans(passage.text, terms)}


def badge(verdict: str, w: Words) -> str:
    """A coloured Markdown badge for a verdict, in words (✗ 不一致)."""
    colour = VERDICT_COLOURS.get(verdict, "gray")
    word = f"{VERDICT_SIGNS.get(verdict, '')} {w.term('verdict', verdict)}".strip()
    return f":{colour}-badge[{escape_markdown(word)}]"


def verdict_label(verdict: str, count: int, w: Words) -> str:
    """A verdict and how many have it, for a filter button (不一致 3)."""
    return f"{VERDICT_SIGNS.get(verdict, '')} {w.term('verdict', verdict)} {count}".strip()


# --- answers and hits --------------------------------------------------------

def answer_headline(answer, w: Words) -> str:
    """The answer card's first line: badge and the figure, or what is not stated."""
    if answer.status == "stated":
        return (f"{badge('stated', w)} {escape_markdown(wording.asked_text(answer, w))}  \n"
                f"### {escape_markdown(numbers.figure(answer.fact))} \\[1\\]\n"
                f"{escape_markdown(wording.about(answer.fact, w))}")
    return f"{badge('not_stated', w)} **{escape_markdown(wording.asked_text(answer, w))}**"


def cited_markdown(fact: Fact, n: int, w: Words, codes: Optional[list[str]] = None) -> str:
    """One cited figure of an answer: [n] figure (about; how it differs)."""
    return escape_markdown(wording.cited_line(fact, n, w, codes))


def other_year_note(facts: list[Fact], asked_years: list[int], w: Words) -> str:
    from kb.ui.terminal import other_year_note as note

    return note(facts, asked_years, w)


def surrounding_paragraph(document: Document, passage: Passage, margin: int = 200) -> str:
    """The passage with its paragraph around it (at most ``margin`` characters each side)."""
    start = document.text.rfind("\n\n", 0, passage.start)
    start = 0 if start == -1 else start + 2
    start = max(start, passage.start - margin)
    end = document.text.find("\n\n", passage.end)
    end = len(document.text) if end == -1 else end
    end = min(end, passage.end + margin)
    return document.text[start:end]


def figure_in(quote: str, fact: Optional[Fact]) -> str:
    """The stated figure as it appears in a quote (its figure text, else digits and unit)."""
    if fact is None:
        return ""
    for surface in (fact.figure_text, f"{fact.value_text}{fact.unit}", fact.value_text):
        if surface and surface in quote:
            return surface
    return ""


# --- checks and verdicts -------------------------------------------------------

def check_markdown(check: Check, stated: Optional[Fact], w: Words) -> str:
    """Badge, kind and what the stated figure measures (escaped)."""
    head = f"{badge(check.verdict, w)} **{escape_markdown(w.term('kind', check.kind or 'check'))}**"
    if stated is not None:
        head += f" · {escape_markdown(w('measured'))}：{escape_markdown(wording.about(stated, w))}"
    return head


def check_numbers_markdown(check: Check, stated: Optional[Fact], w: Words) -> str:
    """Stated against recomputed in the stated figure's own unit (原文 近1倍 · 重算 0.818倍)."""
    if check.recomputed_value is None:
        return ""
    recomputed = escape_markdown(numbers.in_unit_of(check.recomputed_value, stated))
    if stated is None and check.stated_value is None:
        text = w("recomputed_only", recomputed=recomputed)
    else:
        figure = numbers.figure(stated) if stated is not None else numbers.plain(check.stated_value)
        text = w("stated_vs", stated=escape_markdown(figure), recomputed=recomputed)
    if check.tolerance is not None:
        text += " · " + escape_markdown(w("tolerance", tolerance=numbers.plain(check.tolerance, 2)))
    return text


def explanation_markdown(text: str, w: Words) -> str:
    """An explanation in the reader's language, or the original with a label saying so."""
    shown, translated = explanation(text, w)
    return escape_markdown(shown if translated else w("explanation_original") + shown)


def quote_markdown(quote: str, surface: str) -> str:
    """The checked sentence with the stated figure highlighted where it appears."""
    at = quote.find(surface) if surface else -1
    return highlight_markdown(quote, [(at, at + len(surface))] if at >= 0 else [], "cited")


def sort_checks(checks: list[Check]) -> list[Check]:
    """Inconsistent first, then unverifiable, then consistent; stable within."""
    return sorted(checks, key=lambda c: VERDICT_ORDER.get(c.verdict, 1))


def verdict_counts(items: Iterable, order: tuple[str, ...] = CHECK_VERDICTS) -> dict[str, int]:
    items = list(items)
    return {v: sum(getattr(i, "verdict", None) == v for i in items) for v in order}


def counts_markdown(items, w: Words, order: tuple[str, ...]) -> str:
    """Badges with counts (✗ 不符 1 · ? 未找到 1 · ✓ 属实 1)."""
    return " · ".join(f"{badge(v, w)} {n}" for v, n in verdict_counts(items, order).items() if n)


def split_claims(text: str) -> list[str]:
    """The claims of a text box: one a line, blanks dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def verdict_markdown(verdict: ClaimVerdict, w: Words) -> str:
    return f"{badge(verdict.verdict, w)} **{escape_markdown(verdict.claim)}**"


# --- frames (every cell a string) -------------------------------------------------

def facts_frame(facts: list[Fact], w: Words):
    """The fact table for people: the figure as written first, its value with 万/亿, what it is
    about; strings only, so the widget never rounds."""
    import pandas as pd

    columns = ["figure", "value", "subject", "indicator", "period", "measure", "status", "doc", "fact_id"]
    rows = [{"figure": numbers.figure(f), "value": numbers.value_text(f), "subject": f.subject,
             "indicator": f.indicator, "period": wording.period(f, w),
             "measure": w.term("measure", f.measure), "status": w.term("status", f.status),
             "doc": f.doc_title or f.doc_id, "fact_id": f.fact_id} for f in facts]
    return pd.DataFrame(rows, columns=columns, dtype="object").fillna("")


def compact_facts_frame(facts: list[Fact], w: Words):
    """The facts of one passage: the figure, who, what, when, which kind."""
    return facts_frame(facts, w)[["figure", "subject", "indicator", "period", "measure", "fact_id"]]


def fact_columns(w: Words) -> dict[str, str]:
    """Column headings of the fact frames."""
    return {"figure": w("col_figure"), "value": w("col_value"), "subject": w("col_subject"),
            "indicator": w("col_indicator"), "period": w("col_period"), "measure": w("col_measure"),
            "status": w("col_status"), "doc": w("col_document"), "fact_id": w("col_id")}


def checks_frame(checks: list[Check], stated: dict[str, Fact], w: Words):
    """The compact table view of checks."""
    import pandas as pd

    rows = []
    for c in checks:
        fact = stated.get(c.stated_fact_id)
        rows.append({"verdict": f"{VERDICT_SIGNS.get(c.verdict, '')} {w.term('verdict', c.verdict)}",
                     "kind": w.term("kind", c.kind or "check"),
                     "stated": numbers.figure(fact) if fact else numbers.plain(c.stated_value),
                     "recomputed": numbers.in_unit_of(c.recomputed_value, fact) if c.recomputed_value is not None else "",
                     "about": wording.about(fact, w, measure=False) if fact else "",
                     "doc": c.doc_id, "passage": c.passage_id, "check_id": c.check_id})
    return pd.DataFrame(rows, columns=["verdict", "kind", "stated", "recomputed", "about", "doc",
                                       "passage", "check_id"], dtype="object")


def check_columns(w: Words) -> dict[str, str]:
    return {"verdict": w("col_verdict"), "kind": w("col_kind"), "stated": w("col_stated"),
            "recomputed": w("col_recomputed"), "about": w("measured"), "doc": w("col_document"),
            "passage": w("col_passage"), "check_id": w("col_id")}


def documents_frame(documents: list[Document], counts: dict[str, dict[str, int]], w: Words):
    import pandas as pd

    rows = [{w("col_title"): d.title or d.doc_id, w("col_publisher"): d.publisher, w("col_date"): d.date,
             w("col_passages"): counts.get(d.doc_id, {}).get("passages", 0),
             w("col_facts"): counts.get(d.doc_id, {}).get("facts", 0),
             w("col_tables"): counts.get(d.doc_id, {}).get("tables", 0),
             w("col_checks"): counts.get(d.doc_id, {}).get("checks", 0),
             w("col_id"): d.doc_id, w("col_format"): d.source_format, w("col_encoding"): d.encoding}
            for d in documents]
    return pd.DataFrame(rows)


def table_frame(table: Table):
    """A table's cells as strings, labels cleaned of layout wraps."""
    import pandas as pd

    width = len(table.columns)
    rows = [list(r) + [""] * (width - len(r)) for r in table.rows]
    return pd.DataFrame([[clean_label(c) for c in r[:width]] for r in rows], columns=_unique(table.columns),
                        dtype="object")


def table_source(table: Table, document: Optional[Document], w: Words) -> str:
    """Where a table comes from: document title, publisher, date, unit (escaped)."""
    parts = [document.title or document.doc_id] if document else [table.doc_id]
    if document:
        parts.extend(p for p in (document.publisher, document.date) if p)
    if table.unit:
        parts.append(w("table_unit", unit=table.unit))
    return escape_markdown(wording.SEP.join(parts))


def _unique(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        n = seen.get(c, 0)
        seen[c] = n + 1
        out.append(c if n == 0 else f"{c} ({n + 1})")
    return out


# --- documents ----------------------------------------------------------------

def heading_markdown(text: str) -> str:
    """Text between passages (headings, captions): each line bold on its own, so a two-line
    heading never shows its asterisks."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "  \n".join(f"**{escape_markdown(line)}**" for line in lines)


def page_spans(document: Document, passages: list[Passage]) -> list[tuple[int, int, int]]:
    """(page, start, end) of every page of a paged document in its clean text, a passage kept
    whole on the page it starts on; empty for a document without pages."""
    if not document.pages:
        return []
    ends = sorted((p.start, p.end) for p in passages)
    cuts = []
    for offset, page in document.pages:
        inside = [e for s, e in ends if s < offset < e]
        cuts.append((page, max([offset] + inside)))
    out = []
    for k, (page, start) in enumerate(cuts):
        end = cuts[k + 1][1] if k + 1 < len(cuts) else len(document.text)
        if end > start or not out:
            out.append((page, 0 if k == 0 else start, end))
    return out


def document_markdown(document: Document, passages: list[Passage], facts: list[Fact], w: Words,
                      focus: str = "", cited: Iterable[str] = (), terms: Iterable[str] = (),
                      start: int = 0, end: Optional[int] = None) -> str:
    """The clean text (or its part from ``start`` to ``end``: one page), escaped: headings bold
    line by line; each passage after a grey marker (第N段, a link to its own address); figures
    highlighted; the focused passage marked."""
    from kb.ui.links import passage_address

    end = len(document.text) if end is None else end
    by_passage: dict[str, list[Fact]] = {}
    for fact in facts:
        by_passage.setdefault(fact.passage_id, []).append(fact)
    out, last = [], start
    for p in sorted(passages, key=lambda p: p.start):
        if p.start < last or p.start >= end:
            continue
        between = document.text[last:p.start].strip()
        if between:
            out.append(heading_markdown(between))
        spans = passage_spans(p, by_passage.get(p.passage_id, []), list(terms) if p.passage_id == focus else [],
                              cited)
        marker = escape_markdown(w("loc_passage", n=p.ordinal + 1))
        link = f"[{marker}]({passage_address(document.doc_id, p.passage_id)})"
        lead = f":red-badge[▶ {marker}]" if p.passage_id == focus else f":gray-badge[{link}]"
        out.append(f"{lead} {styled_markdown(p.text, spans)}")
        last = p.end
    rest = document.text[last:max(last, end)].strip()
    if rest:
        out.append(heading_markdown(rest))
    return "\n\n".join(out)
