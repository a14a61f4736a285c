"""What the `kb` command prints for people: aligned tables (Chinese characters count two
columns), answers with numbered citations, hits, claim verdicts, checks grouped by document,
and one item shown in its passage with the figure marked.

Functions return strings; the command prints them. ``color`` marks figures with reverse
video on a terminal; without it (a pipe, a file) they are marked 【like this】.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Optional, Sequence

from kb.models import Check, ClaimVerdict, Fact, SearchHit
from kb.ui import numbers, wording
from kb.ui.explain import explanation
from kb.ui.words import Words

MARK_OPEN, MARK_CLOSE = "【", "】"
ANSI_ON, ANSI_OFF = "\033[7m", "\033[27m"
VERDICT_SIGNS = {"consistent": "✓", "supported": "✓", "inconsistent": "✗", "contradicted": "✗",
                 "unverifiable": "?", "not_found": "?"}


# --- width and alignment -----------------------------------------------------------

def width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def clip(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` terminal columns, with … when cut."""
    text = " ".join(str(text).split())
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def aligned(headers: Sequence[str], rows: Iterable[Sequence[object]], max_width: int = 0,
            flexible: int = -1) -> str:
    """A table whose columns line up in a terminal; when ``max_width`` is set, column
    ``flexible`` (default: the widest) is cut to fit."""
    cells = [[" ".join(str("" if c is None else c).split()) for c in row] for row in rows]
    table = [list(headers)] + cells
    widths = [max(width(r[i]) for r in table) for i in range(len(headers))]
    if max_width:
        overflow = sum(widths) + 2 * (len(widths) - 1) - max_width
        if overflow > 0:
            i = flexible if flexible >= 0 else widths.index(max(widths))
            widths[i] = max(6, widths[i] - overflow)
    lines = []
    for n, row in enumerate(table):
        line = "  ".join(pad(clip(c, widths[i]), widths[i]) for i, c in enumerate(row)).rstrip()
        lines.append(line)
        if n == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines)


def mark(text: str, spans: Iterable[tuple[int, int]], color: bool) -> str:
    """``text`` with the spans (offsets into it) marked: reverse video, or 【】."""
    on, off = (ANSI_ON, ANSI_OFF) if color else (MARK_OPEN, MARK_CLOSE)
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last or end <= start:
            continue
        out += [text[last:start], on, text[start:end], off]
        last = end
    out.append(text[last:])
    return "".join(out)


# --- facts and tables ----------------------------------------------------------------

def facts_table(facts: list[Fact], w: Words, max_width: int) -> str:
    """The fact table as people read it: the figure as written first, then what it is about."""
    headers = [w("col_figure"), w("col_value"), w("col_subject"), w("col_indicator"), w("col_period"),
               w("col_measure"), w("col_document"), w("col_id")]
    rows = [[numbers.figure(f), numbers.value_text(f), f.subject, f.indicator, wording.period(f, w),
             w.term("measure", f.measure), f.doc_id, f.fact_id] for f in facts]
    return aligned(headers, rows, max_width, flexible=3)


def table_text(columns: list[str], rows: list[list[str]], notes: list[str], max_width: int = 0) -> str:
    """A table's cells aligned, labels cleaned of layout wraps, its notes under it."""
    from kb.ui.present import clean_label

    body = aligned(columns, [[clean_label(c) for c in row] for row in rows], max_width)
    return body + ("\n" + "\n".join(notes) if notes else "")


# --- answers and hits ------------------------------------------------------------------

def answer_block(kb, answer, w: Words) -> list[str]:
    """The answer first: the figure with [1] and where it is stated, then [2] [3] …"""
    if answer is None:
        return []
    head = (w("answer_title") + "：" + wording.asked_text(answer, w) + " → " + numbers.figure(answer.fact)
            if answer.status == "stated" else w("answer_not_stated", asked=wording.asked_text(answer, w)))
    lines = [f"■ {head}"]
    if answer.status == "not_stated":
        lines.append("  " + (w("answer_nearest") if answer.nearest else w("answer_none_found")))
    for n, fact in enumerate(answer.cited(), 1):
        if n == 2:
            lines.append("  " + (w("answer_others") if answer.status == "stated" else w("answer_alternatives")))
        lines.append("  " + wording.cited_line(fact, n, w, answer.differences.get(fact.fact_id)))
        lines.append("      " + _fact_place(kb, fact, w))
    return lines


def _fact_place(kb, fact: Fact, w: Words) -> str:
    passage = kb.passage(fact.passage_id) if fact.passage_id else None
    return f"{wording.location(kb.document(fact.doc_id), passage, w, fact, short=True)} · {fact.passage_id}"


def hit_lines(kb, hit: SearchHit, w: Words, color: bool, asked_years: Sequence[int] = ()) -> list[str]:
    """One hit: rank, citation, passage id, text with terms marked, its figures and checks."""
    passage = kb.passage(hit.passage_id)
    lines = [f"{hit.rank}. {wording.location(kb.document(hit.doc_id), passage, w)}",
             f"   {hit.passage_id} · {hit.doc_path or hit.doc_id}"
             + (f" · {w('loc_lines', first=hit.source_lines[0], last=hit.source_lines[1])}"
                if len(hit.source_lines) == 2 else ""),
             "   " + _marked_hit(hit, color)]
    other = other_year_note(hit.facts, asked_years, w)
    if other:
        lines.append("   ⚠ " + other)
    for fact in hit.facts[:8]:
        lines.append(f"   · {numbers.figure(fact)}  {wording.about(fact, w)}")
    for check in hit.checks[:5]:
        lines.append(f"   {check_line(check, None, w)}")
    return lines


def _marked_hit(hit: SearchHit, color: bool) -> str:
    if not color:
        return hit.marked or hit.text
    return (hit.marked or hit.text).replace(MARK_OPEN, ANSI_ON).replace(MARK_CLOSE, ANSI_OFF)


def other_year_note(facts: list[Fact], asked_years: Sequence[int], w: Words) -> str:
    """A note when a passage's dated figures are all of another period than the one asked."""
    if not asked_years or not facts:
        return ""
    years = {f.year for f in facts if f.year}
    wanted = set(range(asked_years[0], asked_years[-1] + 1))
    if not years or years & wanted:
        return ""
    found = w("list_sep").join(w("period_year", year=y) for y in sorted(years))
    asked = "—".join(str(y) for y in asked_years)
    return w("hit_other_year", found=found, asked=w("period_year", year=asked))


# --- verdicts and checks ----------------------------------------------------------------

def verdict_word(verdict: str, w: Words) -> str:
    return f"{VERDICT_SIGNS.get(verdict, '·')} {w.term('verdict', verdict)}"


def claim_block(kb, verdict: ClaimVerdict, w: Words) -> list[str]:
    text, translated = explanation(verdict.explanation, w)
    lines = [w("claim_line", verdict=verdict_word(verdict.verdict, w), claim=verdict.claim),
             "  " + (text if translated else w("explanation_original") + text)]
    for n, ev in enumerate(verdict.evidence[:3], 1):
        lines.append("  " + w("evidence_line", n=n, figure=numbers.figure(ev.fact),
                                 where=f"{wording.about(ev.fact, w)} · {_fact_place(kb, ev.fact, w)}"))
    return lines


def check_line(check: Check, stated: Optional[Fact], w: Words) -> str:
    """One check on one line: verdict, kind, passage, stated → recomputed, what it measures."""
    parts = [verdict_word(check.verdict, w), w.term("kind", check.kind or "check"),
             check.passage_id or "—"]
    if stated is not None or check.stated_value is not None:
        figure = numbers.figure(stated) if stated is not None else numbers.plain(check.stated_value)
        recomputed = numbers.in_unit_of(check.recomputed_value, stated) if check.recomputed_value is not None else ""
        parts.append(f"{figure} → {recomputed}" if recomputed else figure)
    if stated is not None:
        parts.append(wording.about(stated, w, measure=False))
    return "  ".join(p for p in parts if p)


def verify_text(checks: list[Check], stated: dict[str, Fact], titles: dict[str, str], w: Words,
                long: bool = False) -> str:
    """The summary first, then each document's checks (inconsistent first), one line each;
    ``long`` adds the formula and the explanation under each line."""
    if not checks:
        return w("no_checks_cli")
    lines = [w("verify_summary", total=len(checks), counts=counts_text(checks, w))]
    by_doc: dict[str, list[Check]] = {}
    for check in checks:
        by_doc.setdefault(check.doc_id, []).append(check)
    for doc_id, group in by_doc.items():
        lines += ["", w("verify_doc", title=titles.get(doc_id, doc_id), doc=doc_id, counts=counts_text(group, w))]
        for check in group:
            lines.append("  " + check_line(check, stated.get(check.stated_fact_id), w))
            if long:
                if check.formula:
                    lines.append("      " + check.formula)
                lines.append("      " + explanation(check.explanation, w)[0])
    return "\n".join(lines)


def counts_text(checks: list[Check], w: Words) -> str:
    order = ("inconsistent", "unverifiable", "consistent")
    counts = {v: sum(c.verdict == v for c in checks) for v in order}
    return w("count_sep").join(f"{w.term('verdict', v)} {n}" for v, n in counts.items() if n)


# --- one item in its passage ----------------------------------------------------------------

def focus_spans(located) -> list[tuple[int, int]]:
    """The marked figures of a located item, as offsets into its passage, widened to the figure
    as written (近1倍, not 1倍)."""
    passage = located.passage
    written = {(f.char_start, f.char_end): f.figure_text for f in located.facts}
    if located.fact is not None:
        written[(located.fact.char_start, located.fact.char_end)] = located.fact.figure_text
    return [numbers.figure_span(passage.text, s - passage.start, e - passage.start, written.get((s, e), ""))
            for s, e in located.focus]


def show_text(located, w: Words, color: bool) -> str:
    """A passage, fact or check in its passage: citation, text with the figure marked, facts, checks."""
    passage, document = located.passage, located.document
    lines = [wording.location(document, passage, w, located.fact),
             f"{document.doc_id} · {passage.passage_id}",
             "", mark(passage.text, focus_spans(located), color), ""]
    if located.facts:
        lines.append(w("show_facts"))
        lines += [f"  · {numbers.figure(f)}  {wording.about(f, w)}  {f.fact_id}" for f in located.facts]
    if located.checks:
        stated = {f.fact_id: f for f in located.facts}
        lines.append(w("show_checks"))
        for check in located.checks:
            lines.append("  " + check_line(check, stated.get(check.stated_fact_id), w) + f"  {check.check_id}")
            lines.append("      " + explanation(check.explanation, w)[0])
    return "\n".join(lines)
