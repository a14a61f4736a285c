"""What a document makes clear for every figure it states (`kb.search.matching.Frame`).

A statistical bulletin of one city for one year (深圳市…1998年…统计公报) is about
that city: a figure whose sentence names no place is the city's. A news piece
whose title names several places (27省份…广东…安徽…上海) has no such subject. A
report delivered after the year it reviews (a government work report of 2026 on
2025) turns at some point to its plans for later years; from the first figure its
own sentence dates after the year it reviews, a year carried from context is no
longer sure.
"""

from __future__ import annotations

from typing import Iterable, Optional

from kb.models import Document
from kb.search.matching import Frame, same_subject, words


def document_frame(head: Document, periods: Iterable[tuple[int, Optional[int], Optional[int], str]]) -> Frame:
    """The frame of one document from its title, publisher and date (``head``) and the
    (char_start, year, period_end, period_rule) of its facts in text order."""
    from kb.figures import document_carry
    from kb.figures.identity import subject_key

    carry = document_carry(head)
    subject = subject_key(carry.subject) if carry.subject and _one_place_titled(head.title, carry.subject) else ""
    return Frame(subject=subject, year=carry.report_year, plan_from=plan_start(carry.report_year, periods))


def plan_start(report_year: Optional[int], periods: Iterable[tuple[int, Optional[int], Optional[int], str]]) \
        -> Optional[int]:
    """Where a document's plans begin: the first figure its own sentence dates after the year it
    reports on, with none dated the reported year by its own sentence after it. A target sentence
    inside a bulletin's review (到2025年…力争达到93%) is followed by more of the year's figures: the
    review goes on, and its carried years are not plans."""
    if report_year is None:
        return None
    carried = words("carried_year_rules")
    plans = None
    for start, year, end, rule in periods:
        if not rule or rule in carried:
            continue
        if max(year or 0, end or 0) > report_year:
            plans = start if plans is None else plans
        elif year == report_year and (end is None or end == report_year):
            plans = None
    return plans


def _one_place_titled(title: str, subject: str) -> bool:
    """True when the title names no place but ``subject`` (its aliases or members)."""
    from kb.text.gazetteer import find_places, members

    inside = set(members(subject))
    return all(same_subject(name, subject) or name in inside for name, _, _ in find_places(title or ""))


def document_frames(store, doc_ids: Iterable[str]) -> dict[str, Frame]:
    """doc_id → Frame, for the documents of ``doc_ids`` (a document the store lacks: an empty frame)."""
    ids = sorted(set(doc_ids))
    heads = store.document_heads(ids)
    return {doc_id: document_frame(heads[doc_id], store.fact_periods(doc_id)) if doc_id in heads else Frame()
            for doc_id in ids}
