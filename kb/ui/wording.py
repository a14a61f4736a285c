"""Facts, periods, answers and citations in words: the plain strings the terminal, the page
and the JSON ``answer.text`` share (the page escapes them for Markdown).

    about(fact, w)            京津冀 · 数字经济规模 · 2020年 · 水平值
    period(fact, w)           2020年 / 2014—2022年 / 2021年1—7月
    location(doc, passage, w) 京津冀蓝皮书… · 北京商报 · 2022-07 · 第5段
    answer_text(answer, w)    2021年 京津冀 数字经济规模：文中未见；最接近：… [1]
"""

from __future__ import annotations

from typing import Optional

from kb.models import Document, Fact, Passage
from kb.ui.numbers import figure
from kb.ui.words import Words

SEP = " · "


def period(fact: Fact, w: Words) -> str:
    """The period a fact covers, as people write it."""
    start, end = fact.period_start_month or "", fact.period_end_month or ""
    if not (start[:4].isdigit() and end[:4].isdigit()):
        if fact.period_start and fact.period_end:
            return w("period_span", start=fact.period_start, end=fact.period_end)
        return w("period_year", year=fact.year) if fact.year else ""
    y1, m1, y2, m2 = int(start[:4]), int(start[5:7]), int(end[:4]), int(end[5:7])
    if y1 != y2:
        return w("period_span", start=y1, end=y2)
    if (m1, m2) == (1, 12):
        return w("period_year", year=y1)
    if m1 == m2:
        return w("period_month", year=y1, month=m1)
    return w("period_months", year=y1, first=m1, last=m2)


def about(fact: Fact, w: Words, measure: bool = True) -> str:
    """Who, what, when and which kind of figure: 京津冀 · 数字经济规模 · 2020年 · 水平值."""
    parts = [fact.subject or fact.subject_key, fact.indicator, period(fact, w)]
    if measure and fact.measure:
        parts.append(w.term("measure", fact.measure))
    if fact.status not in ("actual", ""):
        parts.append(w.term("status", fact.status))
    return SEP.join(p for p in parts if p)


def location(document: Optional[Document], passage: Optional[Passage], w: Words,
             fact: Optional[Fact] = None, short: bool = False) -> str:
    """Where a passage is: title · publisher · date · section · 第12页 · 第3段 (short: title · 第3段)."""
    parts = [(document.title or document.doc_id) if document else (passage.doc_id if passage else "")]
    if document is not None and not short:
        parts += [document.publisher, document.date]
    if passage is not None and passage.section and not short:
        parts.append(passage.section)
    page = cited_page(passage, fact)
    if page:
        parts.append(w("loc_page", page=page))
    if passage is not None:
        parts.append(w("loc_passage", n=passage.ordinal + 1))
    return SEP.join(p for p in parts if p)


def cited_page(passage: Optional[Passage], fact: Optional[Fact] = None) -> Optional[int]:
    """The page a citation names: the fact's own page, else the page its passage starts on
    (None for a source without pages)."""
    if fact is not None and fact.page:
        return fact.page
    return passage.page if passage is not None else None


def cite_label(document: Optional[Document], passage: Optional[Passage], w: Words,
               fact: Optional[Fact] = None) -> str:
    """A citation button's label: 第12页 · 第3段 · title (where first, so a cut label keeps it)."""
    parts = []
    page = cited_page(passage, fact)
    if page:
        parts.append(w("loc_page", page=page))
    if passage is not None:
        parts.append(w("loc_passage", n=passage.ordinal + 1))
    parts.append((document.title or document.doc_id) if document else (passage.doc_id if passage else ""))
    return SEP.join(p for p in parts if p)


def asked_text(answer, w: Words) -> str:
    """What the query asked for: 河北 技术合同成交额 2022年 增长."""
    asked = answer.asked
    parts = list(asked.subject_names or asked.subjects)
    if asked.indicator:
        parts.append(asked.indicator)
    if len(asked.years) == 2:
        parts.append(w("period_span", start=asked.years[0], end=asked.years[1]))
    elif asked.years:
        parts.append(w("period_year", year=asked.years[0]))
    if asked.measure:
        parts.append(w.term("measure", asked.measure))
    return " ".join(parts) or w("asked_unknown")


def differences_text(codes: list[str], w: Words) -> str:
    """The differences of a cited figure from what was asked, in words (主体不同、时期不同)."""
    return w("list_sep").join(w.term("difference", c) for c in codes)


def cited_line(fact: Fact, n: int, w: Words, codes: Optional[list[str]] = None) -> str:
    """[n] figure (about; differences) — one cited figure of an answer."""
    note = differences_text(codes or [], w)
    tail = w("cited_tail", about=about(fact, w), note=w("note_sep") + note if note else "")
    return f"[{n}] {figure(fact)}{tail}"


def answer_text(answer, w: Words) -> str:
    """The answer in one line (the JSON ``text``): the figure with [1], the others with [2] …"""
    asked = asked_text(answer, w)
    lines = []
    if answer.status == "stated":
        lines.append(w("answer_stated", asked=asked, figure=figure(answer.fact), about=about(answer.fact, w)))
        if answer.others:
            lines.append(w("answer_others") + w("note_sep").join(
                cited_line(f, i, w, answer.differences.get(f.fact_id)) for i, f in enumerate(answer.others, 2)))
        return w("note_sep").join(lines)
    lines.append(w("answer_not_stated", asked=asked))
    if answer.nearest is None:
        lines.append(w("answer_none_found"))
        return " ".join(lines)
    lines.append(w("answer_nearest") + cited_line(answer.nearest, 1, w, answer.differences.get(answer.nearest.fact_id)))
    if answer.others:
        lines.append(w("answer_alternatives") + w("note_sep").join(
            cited_line(f, i, w, answer.differences.get(f.fact_id)) for i, f in enumerate(answer.others, 2)))
    return w("note_sep").join(lines)


def weak_match(match, w: Words) -> str:
    """The warning for a weak best hit: the words no passage contains, the share found."""
    parts = [w("answer_weak", percent=round(match.coverage * 100))]
    if match.unknown:
        parts.insert(0, w("answer_unknown", words=w("list_sep").join(match.unknown)))
    return " ".join(parts)
