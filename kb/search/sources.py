"""A cited item in its source: a passage, fact or check found by its id (``kb show``).

`locate` returns the passage that holds the item, its document, the facts
and checks of that passage, and the spans to mark (the figure, or a check's
stated figure and the inputs that sit in the passage), so the terminal and
the page show a citation the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from kb.errors import KbError
from kb.models import Check, Document, Fact, Passage
from kb.store import Store


@dataclass
class Located:
    """One item (passage, fact or check) in its passage and document."""

    kind: str                      # passage | fact | check
    item_id: str
    document: Document
    passage: Passage
    facts: list[Fact] = field(default_factory=list)     # the facts of the passage
    checks: list[Check] = field(default_factory=list)   # the checks on them
    focus: list[tuple[int, int]] = field(default_factory=list)  # document offsets to mark
    fact: Optional[Fact] = None
    check: Optional[Check] = None


def locate(store: Store, item_id: str) -> Located:
    """The passage, fact or check ``item_id`` in its document; a KbError when there is none."""
    item_id = (item_id or "").strip()
    passage = store.passage(item_id)
    if passage is not None:
        return _in_passage(store, "passage", item_id, passage, [])
    fact = store.fact(item_id)
    if fact is not None:
        located = _in_passage(store, "fact", item_id, _passage_of(store, fact), [fact])
        located.fact = fact
        return located
    check = store.check(item_id)
    if check is not None:
        inputs = [f for f in (store.fact(i) for i in [check.stated_fact_id, *check.inputs] if i) if f]
        passage = store.passage(check.passage_id) if check.passage_id else None
        if passage is None and inputs:
            passage = _passage_of(store, inputs[0])
        if passage is None:
            raise KbError(f"check {item_id} has no passage to show; `kb verify --json` lists it")
        located = _in_passage(store, "check", item_id, passage, inputs)
        located.check = check
        return located
    raise KbError(f"no passage, fact or check with id {item_id!r}: ids are printed by `kb search`, "
                  "`kb facts` and `kb verify`")


def _passage_of(store: Store, fact: Fact) -> Passage:
    passage = store.passage(fact.passage_id) if fact.passage_id else None
    if passage is None:
        raise KbError(f"fact {fact.fact_id} has no passage in the store; re-run `kb ingest`")
    return passage


def _in_passage(store: Store, kind: str, item_id: str, passage: Passage, marked: list[Fact]) -> Located:
    document = store.document(passage.doc_id)
    if document is None:
        raise KbError(f"the document of {item_id} is gone from the store; re-run `kb ingest`")
    facts = store.facts_in_passages([passage.passage_id]).get(passage.passage_id, [])
    checks = store.checks_for([f.fact_id for f in facts], [passage.passage_id])
    focus = sorted({(f.char_start, f.char_end) for f in marked
                    if passage.start <= f.char_start and f.char_end <= passage.end})
    return Located(kind, item_id, document, passage, facts, checks, focus)
