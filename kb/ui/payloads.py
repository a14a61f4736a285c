"""What kb prints and downloads: the JSON shapes of the interface and the export bytes.

The command line and the page both render through here, so a search, a
check or a filtered fact table reads the same in the terminal, in ``--json``
and in a download.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Optional

from kb.errors import KbError
from kb.models import ClaimVerdict, Fact, SearchHit
from kb.store.export import (PUBLISHER_COLUMN, checks_csv_bytes, checks_json_bytes, download_name, fact_columns,
                             fact_record, json_bytes, rows_csv_bytes, table_csv_bytes)
from kb.ui import numbers, wording
from kb.ui.words import Words, words

__all__ = ["answer_payload", "checks_csv_bytes", "checks_json_bytes", "download_name", "dumps",
           "export_facts", "fact_record", "facts_csv_bytes", "facts_json_bytes", "hits_payload",
           "json_bytes", "load_lines", "show_payload", "table_csv_bytes", "verdict_payload",
           "verdicts_csv_bytes", "verdicts_json_bytes"]

def answer_payload(answer, w: Optional[Words] = None) -> Optional[dict]:
    """The INTERFACE.md ``answer`` of `kb search --json` (plus what was asked, the numbered
    citations with their differences, and the match coverage)."""
    if answer is None:
        return None
    w = w or words()
    asked = answer.asked
    return {
        "status": answer.status,
        "fact": fact_record(answer.fact) if answer.fact else None,
        "others": [fact_record(f) for f in answer.others],
        "nearest": fact_record(answer.nearest) if answer.nearest else None,
        "text": wording.answer_text(answer, w),
        "asked": {"subjects": asked.subjects, "indicator": asked.indicator,
                  "indicator_key": asked.indicator_key, "years": asked.years,
                  "measure": asked.measure, "is_question": asked.is_question},
        "citations": [{"n": n, "fact_id": f.fact_id, "passage_id": f.passage_id, "doc_id": f.doc_id,
                       "figure_text": numbers.figure(f),
                       "differences": answer.differences.get(f.fact_id, [])}
                      for n, f in enumerate(answer.cited(), 1)],
        "coverage": round(answer.coverage, 3),
        "low_match": answer.low_match,
    }


def hits_payload(query: str, hits: list[SearchHit], answer=None, match=None,
                 w: Optional[Words] = None) -> dict:
    """The INTERFACE.md JSON of `kb search --json` (hits carry our extensions too): the answer
    first, then the hits; ``low_match`` when the best hit holds little of the query
    (``coverage``) or a word of the query is in no passage (``unknown_words``)."""
    payload: dict = {"query": query, "answer": answer_payload(answer, w)}
    if match is not None:
        payload["low_match"] = match.low
        payload["coverage"] = round(match.coverage, 3)
        payload["unknown_words"] = match.unknown
    payload["hits"] = [
        {"rank": h.rank, "score": h.score, "doc_id": h.doc_id, "doc_title": h.doc_title,
         "passage_id": h.passage_id, "char_start": h.char_start, "char_end": h.char_end,
         "section": h.section, "text": h.text,
         "facts": [fact_record(f) for f in h.facts],
         "checks": [c.public() for c in h.checks],
         "marked": h.marked, "doc_path": h.doc_path,
         "source_lines": h.source_lines, "page": h.page} for h in hits]
    return payload


def show_payload(located, w: Optional[Words] = None) -> dict:
    """The INTERFACE.md JSON of `kb show --json` (plus section, location, the marked text and
    the marked spans as document offsets)."""
    w = w or words()
    passage, document = located.passage, located.document
    from kb.ui.terminal import focus_spans, mark

    spans = focus_spans(located)

    return {"kind": located.kind, "id": located.item_id, "doc_id": document.doc_id,
            "doc_title": document.title, "passage_id": passage.passage_id,
            "char_start": passage.start, "char_end": passage.end, "text": passage.text,
            "facts": [fact_record(f) for f in located.facts],
            "checks": [c.public() for c in located.checks],
            "section": passage.section, "location": wording.location(document, passage, w, located.fact),
            "page": wording.cited_page(passage, located.fact),
            "marked": mark(passage.text, spans, color=False),
            "focus": [list(span) for span in located.focus]}


# --- facts with the document's publisher --------------------------------------------------

def facts_csv_bytes(facts: list[Fact], publishers: Optional[dict[str, str]] = None) -> bytes:
    """The fact table as CSV (INTERFACE.md columns, our extensions, then the document's publisher)."""
    columns = fact_columns() + (PUBLISHER_COLUMN,)
    publishers = publishers or {}
    names = fact_columns()

    def row(f: Fact) -> list:
        values = f.export_row()          # once a fact, not once a column (36× fewer model dumps)
        return [*(values[c] for c in names), publishers.get(f.doc_id, "")]

    return rows_csv_bytes(columns, (row(f) for f in facts))


def facts_json_bytes(facts: list[Fact], publishers: Optional[dict[str, str]] = None) -> bytes:
    publishers = publishers or {}
    return json_bytes({"facts": [{**fact_record(f), PUBLISHER_COLUMN: publishers.get(f.doc_id, "")}
                                 for f in facts]})


def facts_parquet_bytes(facts: list[Fact], publishers: Optional[dict[str, str]] = None) -> bytes:
    """Parquet with the CSV's columns; years nullable integers."""
    import pandas as pd

    publishers = publishers or {}
    frame = pd.DataFrame([{**f.export_row(), PUBLISHER_COLUMN: publishers.get(f.doc_id, "")} for f in facts],
                         columns=list(fact_columns() + (PUBLISHER_COLUMN,)))
    for column in ("year", "period_start", "period_end", "page"):
        frame[column] = frame[column].astype("Int64")
    for column in ("char_start", "char_end"):
        frame[column] = frame[column].astype("int64")
    for column in ("value", "value_normalized", "value_low", "value_high"):
        frame[column] = frame[column].astype("float64")
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def export_facts(facts: list[Fact], fmt: str, publishers: Optional[dict[str, str]] = None) -> bytes:
    """Facts in one of the formats of `kb facts --format` (csv, json, parquet)."""
    makers = {"csv": facts_csv_bytes, "json": facts_json_bytes, "parquet": facts_parquet_bytes}
    if fmt not in makers:
        raise KbError(f"unknown format {fmt!r}: use csv, json or parquet")
    return makers[fmt](facts, publishers)


# --- claim verdicts as a report ---------------------------------------------------------

VERDICT_COLUMNS = ("claim", "verdict", "verdict_words", "explanation", "evidence_figures",
                   "evidence_fact_ids", "evidence_passage_ids", "evidence_doc_ids")


def verdicts_csv_bytes(verdicts: list[ClaimVerdict], w: Optional[Words] = None) -> bytes:
    """The Check tab's verdicts as CSV: one line a claim, its evidence joined by " | "."""
    w = w or words()

    def row(v: ClaimVerdict) -> list[str]:
        from kb.ui.explain import explanation

        return [v.claim, v.verdict, w.term("verdict", v.verdict), explanation(v.explanation, w)[0],
                " | ".join(numbers.figure(e.fact) for e in v.evidence),
                " | ".join(e.fact.fact_id for e in v.evidence),
                " | ".join(e.passage_id for e in v.evidence),
                " | ".join(e.doc_id for e in v.evidence)]

    return rows_csv_bytes(VERDICT_COLUMNS, (row(v) for v in verdicts))


def verdicts_json_bytes(verdicts: list[ClaimVerdict]) -> bytes:
    """The verdicts as `kb check --file F --json` prints them."""
    return json_bytes({"results": [verdict_payload(v) for v in verdicts]})


def load_lines(path: Path, what: str = "query") -> list[str]:
    """One query (or claim: ``what``) a line; blank lines and #-comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise KbError(f"{path}: no such file; give a text file with one {what} a line") from None
    except UnicodeDecodeError:
        raise KbError(f"{path}: not UTF-8 text; save it as UTF-8 with one {what} a line") from None
    out = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not out:
        raise KbError(f"{path}: nothing to read in it; write one {what} a line")
    return out


def dumps(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)


def verdict_payload(v: ClaimVerdict) -> dict:
    """The INTERFACE.md JSON of `kb check --json` (plus ``passages``)."""
    return {"claim": v.claim, "parsed": [fact_record(f) for f in v.parsed], "verdict": v.verdict,
            "evidence": [{"fact": fact_record(e.fact), "passage_id": e.passage_id,
                          "quote": e.quote, "doc_id": e.doc_id} for e in v.evidence],
            "explanation": v.explanation, "passages": v.passages}
