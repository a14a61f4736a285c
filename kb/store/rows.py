"""What the store writes for one document, as SQL-ready rows.

``document_rows`` turns a processed document into plain tuples (JSON already
encoded) so that a worker process can prepare them and the writer only inserts
them: the rows cross a process boundary cheaply, and the writing process does
no per-fact work. ``Store.write_rows`` writes them in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional

from kb.models import Check, Document, Fact, Passage, Sentence, Table

TOKEN_SEPARATOR = "\x1f"     # tokens never hold it (kb.text.tokenizer cuts on word characters)


@dataclass
class DocumentRows:
    doc_id: str
    document: tuple
    passages: list[tuple]
    sentences: list[tuple]
    facts: list[tuple]
    tables: list[tuple]
    checks: list[tuple]
    tokens: list[tuple] = field(default_factory=list)    # (passage_id, doc_id, joined tokens)
    notes: list[str] = field(default_factory=list)


def document_rows(document: Document, passages: list[Passage], sentences: list[Sentence],
                  facts: list[Fact], tables: list[Table], checks: list[Check],
                  tokens: Optional[list[list[str]]] = None) -> DocumentRows:
    """The rows of one document (``tokens``: each passage's search tokens, in passage order)."""
    from kb.store.fact_csv import fact_csv_lines      # not imported by a process that only reads

    doc = (document.doc_id, document.doc_path, document.title, document.publisher, document.date,
           document.author, document.source_format, document.encoding, document.content_hash,
           document.text, json.dumps([b.model_dump() for b in document.blocks], ensure_ascii=False),
           json.dumps(document.line_map), json.dumps(document.pages) if document.pages else "")
    return DocumentRows(
        doc_id=document.doc_id, document=doc,
        passages=[(p.passage_id, p.doc_id, p.ordinal, p.section, p.start, p.end, p.text, p.page)
                  for p in passages],
        sentences=[(s.sentence_id, s.doc_id, s.passage_id, s.ordinal, s.start, s.end, s.text) for s in sentences],
        facts=[(f.fact_id, f.doc_id, f.passage_id, f.char_start, f.model_dump_json(), line)
               for f, line in zip(facts, fact_csv_lines(facts), strict=True)],
        tables=[(t.table_id, t.doc_id, t.ordinal, t.model_dump_json()) for t in tables],
        checks=check_rows(checks),
        tokens=[] if tokens is None else [(p.passage_id, p.doc_id, TOKEN_SEPARATOR.join(t))
                                          for p, t in zip(passages, tokens, strict=True)],
        notes=list(document.notes))


def check_rows(checks: list[Check]) -> list[tuple]:
    return [(c.check_id, c.doc_id, c.kind, c.verdict, c.stated_fact_id, c.passage_id, c.model_dump_json())
            for c in checks]


def split_tokens(joined: str) -> list[str]:
    return joined.split(TOKEN_SEPARATOR) if joined else []
