"""Ingest: source files → clean Documents → passages and sentences.

The stage's public API (imported lazily, so ``import kb.ingest`` stays cheap):

- ``discover(paths)``: the document files under files and folders, sorted.
- ``read_sources_table(path)``: per-file metadata from a SOURCES.md table.
- ``load_document(path, root, sources, tokenizer=...)``: one file decoded,
  cleaned of page furniture, paragraphs rebuilt, metadata read (kb.ingest.load).
- ``source_line(document, offset)``: the source line of a clean character.
- ``segment(document)``: passages and sentences; ``split_sentences(text)``.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "discover": "kb.ingest.discovery",
    "read_sources_table": "kb.ingest.sources_table",
    "load_document": "kb.ingest.load",
    "source_line": "kb.ingest.line_map",
    "segment": "kb.ingest.passages",
    "split_sentences": "kb.ingest.passages",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kb.ingest' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
