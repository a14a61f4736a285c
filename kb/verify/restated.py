"""A heading's figure that restates a figure of the text under it: 利润集中在10个行业 over
'…医药和纺织这10个行业', 两倍于低研发公司 over '高研发公司的营收增速几乎是低研发公司的两倍',
A股公司研发投入资金占全社会近半 over '占全社会研发投入的48.7%'.

A heading is a short line with no sentence end (。；). Its figure restates a figure of the
section under it (up to the next heading) when both have one unit, the heading's interval
overlaps the body figure's (近半 holds 48.7%), and the heading's words are mostly in the body
figure's sentence. The heading is then as right as the body figure: consistent when the body
figure's own check is consistent. Nothing else is said: a heading that does not match is no
evidence against anything, and is never accused.

The document's title (where the text starts with it, even run on into the first paragraph) is
the heading of the whole text; its words are those of the title's clause that holds the figure
(占全社会比近五成 of 'A股公司研发投入创新高，占全社会比近五成！').
"""

from __future__ import annotations

import re

from kb.models import Check, Document, Fact, stable_id
from kb.verify import recompute as rc
from kb.verify.citing import interval, scaled, stated_text
from kb.verify.relations.ground import Context
from kb.verify.relations.labels import bigram_cover

_MAX_HEADING = 30      # characters of a heading line
_MAX_SECTION = 2000    # characters of the text a heading covers, at most
_MIN_COVER = 0.5       # share of the heading's word bigrams in the body figure's sentence
_SENTENCE_END = re.compile(r"[。；;]")
_CLAUSE_END = re.compile(r"[，。！？；,;!?_|：:\s]")


def _line(text: str, f: Fact) -> tuple[int, int]:
    start = text.rfind("\n", 0, f.char_start) + 1
    end = text.find("\n", f.char_end)
    return start, len(text) if end == -1 else end


def is_heading(text: str, f: Fact) -> bool:
    """The figure stands in a short line of its own with no sentence end (a heading or title)."""
    start, end = _line(text, f)
    line = text[start:end].strip()
    return 0 < len(line) <= _MAX_HEADING and not _SENTENCE_END.search(line) and end < len(text)


def _section_end(ctx: Context, start: int) -> int:
    """Where the text under a heading ends: the next heading line, or _MAX_SECTION on."""
    limit = min(len(ctx.text), start + _MAX_SECTION)
    pos = start
    while pos < limit:
        nxt = ctx.text.find("\n", pos + 1)
        if nxt == -1 or nxt >= limit:
            return limit
        line = ctx.text[pos:nxt].strip()
        if line and len(line) <= _MAX_HEADING and not _SENTENCE_END.search(line) and pos > start:
            return pos
        pos = nxt
    return limit


def _words(ctx: Context, f: Fact) -> str:
    """The heading's words without its figure and digits."""
    start, end = _line(ctx.text, f)
    rest = ctx.text[start:f.char_start] + ctx.text[f.char_end:end]
    return re.sub(r"[\d.%％\s]", "", rest)


def _title_end(document: Document, ctx: Context) -> int:
    """Where the document's title ends in its text; 0 when the text does not start with it."""
    title = document.title.strip()
    return len(title) if len(title) >= 4 and ctx.text.startswith(title) else 0


def _title_words(ctx: Context, f: Fact, title_end: int) -> str:
    """The words of the title's clause that holds the figure, without the figure and digits."""
    before = _CLAUSE_END.split(ctx.text[:f.char_start])[-1]
    after = _CLAUSE_END.split(ctx.text[f.char_end:title_end])[0]
    return re.sub(r"[\d.%％\s]", "", before + after)


def _normalised(f: Fact) -> rc.Interval:
    return scaled(interval(f), f.scale)


def restatement_checks(document: Document, ctx: Context, checks: list[Check]) -> list[Check]:
    """A consistent check for each heading figure not judged otherwise that restates a body figure
    whose own check is consistent (and none of the matching body figures is judged inconsistent)."""
    judged = {c.stated_fact_id: c.verdict for c in checks if c.stated_fact_id and c.verdict != "unverifiable"}
    by_fact: dict[str, Check] = {}
    for c in checks:
        if c.stated_fact_id and c.verdict == "consistent":
            by_fact.setdefault(c.stated_fact_id, c)
    out = []
    title_end = _title_end(document, ctx)
    for h in ctx.text_facts:
        in_title = h.char_end <= title_end
        if h.fact_id in judged or not (in_title or is_heading(ctx.text, h)):
            continue
        words = _title_words(ctx, h, title_end) if in_title else _words(ctx, h)
        start = title_end if in_title else _line(ctx.text, h)[1]
        end = len(ctx.text) if in_title else _section_end(ctx, start)
        matches = [b for b in ctx.facts_between(start, end)
                   if b.unit_normalized == h.unit_normalized and (b.fact_id in judged or _rounds(h, b))
                   and rc.overlaps(_normalised(h), _normalised(b))
                   and len(words) >= 2 and bigram_cover(words, _sentence(ctx, b)) >= _MIN_COVER]
        if not matches or any(judged.get(b.fact_id, "consistent") != "consistent" for b in matches):
            continue
        found = _restated(document, h, matches[0], by_fact.get(matches[0].fact_id))
        if in_title:
            found = found.model_copy(update={"explanation": found.explanation.replace(
                "the heading's", "the title's").replace("of the text under it", "of the text")})
        out.append(found)
    return out


def restated_check(document: Document, h: Fact, body: Fact, own: Check, where: str, said: str) -> Check:
    """A consistent check of ``h`` that restates ``body``, as right as ``body``'s own check ``own``;
    ``said`` tells what restates what (the explanation goes on with the check that holds)."""
    return Check(
        check_id=stable_id("c", document.doc_id, h.fact_id, "restated", body.fact_id), kind="restated",
        doc_id=document.doc_id, passage_id=h.passage_id, quote=h.quote, stated_fact_id=h.fact_id,
        stated_value=h.value, formula=own.formula, inputs=[body.fact_id] + list(own.inputs),
        recomputed_value=own.recomputed_value, tolerance=own.tolerance, verdict="consistent", where=where,
        explanation=f"{said}, whose check holds ({own.formula or own.explanation[:80]}): consistent.")


def _restated(document: Document, h: Fact, body: Fact, own: Check | None) -> Check:
    """The heading's check: as right as the body figure's own check, or the body figure rounded."""
    if own is None:
        return _rounding_check(document, h, body)
    return restated_check(document, h, body, own, "document", f"the heading's {stated_text(h)} restates "
                          f"{stated_text(body)} [{body.fact_id}] of the text under it")


def _sentence(ctx: Context, f: Fact) -> str:
    s0, s1 = ctx.sentence_of(f.char_start)
    return ctx.text[s0:s1]


def _rounds(h: Fact, b: Fact) -> bool:
    """The heading states approximately (近10%, 约三成) a figure the body states exactly (9.65%)."""
    span = _normalised(h)
    approximate = bool(h.qualifier) and span.high - span.low < float("inf")  # 近10% is [9, 10]; 超10% is open
    exact = not b.qualifier and b.value_low is None and b.value_high is None
    return approximate and exact and h.value != b.value


def _rounding_check(document: Document, h: Fact, body: Fact) -> Check:
    """The heading's approximate figure holds the exact figure of the text under it."""
    return Check(
        check_id=stable_id("c", document.doc_id, h.fact_id, "restated", body.fact_id), kind="restated",
        doc_id=document.doc_id, passage_id=h.passage_id, quote=h.quote, stated_fact_id=h.fact_id,
        stated_value=h.value, formula=f"{stated_text(body)}", inputs=[body.fact_id],
        recomputed_value=body.value, verdict="consistent", where="document",
        explanation=(f"the heading's {stated_text(h)} states approximately {stated_text(body)} [{body.fact_id}] "
                     f"of the text under it: consistent."))
