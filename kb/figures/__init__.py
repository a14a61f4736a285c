"""Figures of a document: every figure of its prose and its tables, in context, as validated facts.

The public API, loaded on first use so that ``import kb.figures`` stays cheap:

- text facts (kb.figures.facts): ``extract_facts(document, passages, sentences, tokenizer)``,
  ``facts_from_text(text, tokenizer)``, ``document_carry(document)``, ``is_table_passage(passage)``;
- tables (kb.figures.tables): ``find_tables(document)``, ``table_facts(table, document, passages)``;
- quantities (kb.figures.quantities): ``parse_quantities(text)``, ``parse_quantity(text)``.

The context linker is the sub-package kb.figures.linking.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "extract_facts": "facts", "facts_from_text": "facts", "document_carry": "facts", "is_table_passage": "facts",
    "find_tables": "tables", "table_facts": "tables",
    "parse_quantities": "quantities", "parse_quantity": "quantities",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Load the module that defines ``name`` on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kb.figures' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kb.figures.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
