"""What kb prints and downloads: the JSON shapes of the interface and the export bytes.

The command line and the page both render through here, so a search, a
check or a filtered fact table reads the same in the terminal, in ``--json``
and in a download.
"""

from __future__ import annotations

import json
from pathlib import Path

from kb.errors import KbError
from kb.models import ClaimVerdict, SearchHit
from kb.store.export import (checks_csv_bytes, checks_json_bytes, download_name, export_facts,
                             fact_record, facts_csv_bytes, facts_json_bytes, json_bytes, table_csv_bytes)

__all__ = ["checks_csv_bytes", "checks_json_bytes", "download_name", "dumps", "export_facts",
           "fact_record", "facts_csv_bytes", "facts_json_bytes", "hits_payload", "json_bytes",
           "load_lines", "table_csv_bytes", "verdict_payload"]


def hits_payload(query: str, hits: list[SearchHit]) -> dict:
    """The INTERFACE.md JSON of `kb search --json` (hits carry our extensions too)."""
    return {"query": query, "hits": [
        {"rank": h.rank, "score": h.score, "doc_id": h.doc_id, "doc_title": h.doc_title,
         "passage_id": h.passage_id, "char_start": h.char_start, "char_end": h.char_end,
         "section": h.section, "text": h.text,
         "facts": [fact_record(f) for f in h.facts],
         "checks": [c.public() for c in h.checks],
         "marked": h.marked, "doc_path": h.doc_path,
         "source_lines": h.source_lines} for h in hits]}


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
