"""What the linker reads about a sentence (``SentenceScene``) and about each figure in it (``FigureScene``).

``read_sentence`` finds once per sentence what every figure's rules consult:
its clauses and years, the places that may be subjects (not compared, not a
scope, not set aside by 除…外, not inside a source agency's name), the
organisations that act, the 分别 and ratio lists, and the topic of its main
clause. ``read_figure`` adds what is particular to one figure: its clause, the
figure and link before it, whether it continues a list, and the places around
it. ``Running`` is what one figure passes to the next within the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from kb.figures.linking.carry import Carry, Link
from kb.figures.linking.cues import LIST_CONNECTOR, PARENS, clause_of, formula_spans, split_clauses
from kb.figures.linking.periods import StatedYear, find_years
from kb.figures.linking.subjects import (
    COMPANY, COUNTED_AFTER, ITEM_MARK, ITEM_VENUE, SOURCE_AFTER, SOURCE_BEFORE, distribute, excluded_spans,
    in_comparison, is_scope, ratio_subjects, sentence_topic,
)
from kb.models import Quantity
from kb.text import gazetteer, vocab
from kb.text.tokenizer import Tokenizer

Place = tuple[str, int, int]   # (name, start, end) in the sentence


@dataclass
class SentenceScene:
    """One sentence as the rules see it."""

    sentence: str
    passage_text: str
    carry: Carry
    figures: list[Quantity]              # outside $…$ formulas, in text order
    clauses: list[tuple[int, int]]
    years: list[StatedYear]
    places: list[Place]                  # every place, source agencies' own names aside
    subject_places: list[Place]          # places that may be a figure's subject
    actor_orgs: list[Place]              # organisations that act (not sources, not a counted class)
    runs: list[tuple[int, int]]          # (list start, end of its last figure) of every 分别 list used
    distributed: dict[int, str]          # id(figure) → its place from a 分别 list or a ratio list
    ratio_terms: dict[int, str]          # id(figure) → its place from a ratio list (A、B之比为3:1)
    topic: Optional[tuple[str, int]]     # (organisation, end of its topic) of the main clause


@dataclass
class FigureScene:
    """One figure of a sentence with what lies around it."""

    q: Quantity
    clause: tuple[int, int]
    prev: Optional[Link]                 # the link of the figure before, in this sentence
    prev_q: Optional[Quantity]
    listed: bool                         # continues a list with the figure before (3.2%、4.1%)
    in_clause: list[Place]               # subject places before it in its clause
    before: list[Place]                  # subject places before it in the sentence
    after: list[Place]                   # subject places after it in its clause
    gap_places: list[Place]              # places between the figure before and this one
    item: Optional[re.Match]             # the venue a numbered list item opened before it leads with


@dataclass
class Running:
    """What a figure passes to the next one of its sentence."""

    whole: str = ""                      # the subject a total (四省合计X) gave: its share in the next clause is the same
    split_parts: list[str] = field(default_factory=list)   # per-figure indicators of a 分别 list
    prev_compared: bool = False          # the place nearest before the previous figure was a compared one


def read_sentence(quantities: list[Quantity], sentence: str, passage_text: str, carry: Carry,
                  tokenizer: Tokenizer) -> Optional[SentenceScene]:
    """The scene of ``sentence``, or None when no figure is outside a formula."""
    formulas = formula_spans(sentence)
    figures = [q for q in sorted(quantities, key=lambda q: q.start)
               if not any(a <= q.start < b for a, b in formulas)]
    if not figures:
        return None
    clauses = split_clauses(sentence)
    orgs = merge_organisations(gazetteer.find_organisations(sentence), named_organisations(sentence, tokenizer))
    sources = _sources(sentence, orgs)
    places = _places(sentence, orgs, sources)
    parens = [m.span() for m in PARENS.finditer(sentence)]
    subject_places = _subject_places(sentence, places, clauses, parens)
    runs: list[tuple[int, int]] = []
    distributed = distribute(figures, sentence, subject_places, clauses, runs)
    ratio_terms = ratio_subjects(figures, sentence, [p for p in places if not any(a <= p[1] < b for a, b in parens)],
                                 clauses, subject_places)
    distributed.update(ratio_terms)
    return SentenceScene(
        sentence=sentence, passage_text=passage_text, carry=carry, figures=figures, clauses=clauses,
        years=find_years(sentence, carry.ref_year), places=places, subject_places=subject_places,
        actor_orgs=[o for o in orgs if o not in sources and not COUNTED_AFTER.match(sentence, o[2])
                    and not any(o[1] < b and a < o[2] for a, b in excluded_spans(sentence))],
        runs=runs, distributed=distributed, ratio_terms=ratio_terms,
        topic=sentence_topic(sentence, clauses, passage_text, orgs, tokenizer))


# A company's short name followed by these is a country's industry or product (中国建筑业, 中国石油消费量).
_NAME_CONTINUES = vocab.regex("gazetteer", "org_name_continues")
_NOT_ORG_NAMES = frozenset(vocab.words("gazetteer", "not_org_names"))
# 出台《关于支持某大学…的若干措施》: a name inside a book or document title names no actor
_BOOK_TITLE = re.compile(r"《[^《》]*》")


def named_organisations(sentence: str, tokenizer: Tokenizer) -> list[Place]:
    """Organisations jieba knows by name (中国移动, 长城汽车: tagged nt), with their spans: a place at
    the start of such a name (中国 of 中国移动) is part of it, not a place. A name that an industry or
    product word continues (中国建筑业, 中国石油消费量), or a word jieba tags so that names none
    (新兴产业, 重大进展), or one inside a document's title (《关于支持某大学…》), is no organisation."""
    blocks = tokenizer.organisation_blocks(sentence)   # the others hold no nt word: not tagged (issue 12)
    if not blocks:
        return []
    out = []
    titles = [m.span() for m in _BOOK_TITLE.finditer(sentence)]
    for pos, block in blocks:
        for piece in tokenizer.pos.cut(block):
            end = pos + len(piece.word)
            if (piece.flag == "nt" and len(piece.word) >= 3 and piece.word not in _NOT_ORG_NAMES
                    and not _NAME_CONTINUES.match(sentence, end) and not any(a <= pos < b for a, b in titles)):
                out.append((piece.word, pos, end))
            pos = end
    return out


def merge_organisations(found: list[Place], named: list[Place]) -> list[Place]:
    """The organisations of both lists, a name inside a longer one dropped, in text order."""
    spans = found + [n for n in named if not any(f[1] <= n[1] and n[2] <= f[2] for f in found)]
    kept = [o for o in spans if not any(p is not o and p[1] <= o[1] and o[2] <= p[2] and (p[1], p[2]) != (o[1], o[2])
                                        for p in spans)]
    return sorted(kept, key=lambda o: o[1])


def _sources(sentence: str, orgs: list[Place]) -> list[Place]:
    """Source agencies (据X统计 / 记者从X获悉); a company that reports is reporting on itself: it
    stays an actor."""
    return [o for o in orgs if not COMPANY.search(o[0]) and (SOURCE_AFTER.match(sentence[o[2]:o[2] + 6])
            or SOURCE_BEFORE.search(sentence[max(0, o[1] - 3):o[1]]))]


def _places(sentence: str, orgs: list[Place], sources: list[Place]) -> list[Place]:
    """The sentence's places, except those inside an organisation's name; a source agency's place
    prefix (合肥市统计局) is the place the figures are about, so it stays."""
    return [p for p in gazetteer.find_places(sentence)
            if not any(o[1] <= p[1] and p[2] <= o[2] and (o[1], o[2]) != (p[1], p[2]) and o not in sources
                       for o in orgs)]


def _subject_places(sentence: str, places: list[Place], clauses: list[tuple[int, int]],
                    parens: list[tuple[int, int]]) -> list[Place]:
    """Places that may be subjects: not in brackets, not compared (占全国…), not a scope (覆盖全国),
    not set aside (除北京外)."""
    excluded = excluded_spans(sentence)
    return [p for p in places
            if not any(a < p[1] and p[2] < b for a, b in parens)
            and not in_comparison(sentence, p[1], p[2], clause_of(clauses, p[1])[1])
            and not is_scope(sentence, p[1], p[2])
            and not any(a <= p[1] and p[2] <= b for a, b in excluded)]


def read_figure(scene: SentenceScene, i: int, links: list[Link]) -> FigureScene:
    """Figure ``i`` of ``scene`` with the links of the figures before it."""
    q = scene.figures[i]
    clause = clause_of(scene.clauses, q.start)
    prev = links[-1] if links else None
    prev_q = scene.figures[i - 1] if i else None
    sp = scene.subject_places
    return FigureScene(
        q=q, clause=clause, prev=prev, prev_q=prev_q,
        listed=prev is not None and _continues_list(scene.sentence, prev_q, q),
        in_clause=[p for p in sp if clause[0] <= p[1] and p[2] <= q.start],
        before=[p for p in sp if p[2] <= q.start],
        after=[p for p in sp if p[1] >= q.end and p[2] <= clause[1]],
        gap_places=[] if prev_q is None else [p for p in scene.places if prev_q.end <= p[1] and p[2] <= q.start],
        item=_item_venue(scene, q))


def _continues_list(sentence: str, prev_q: Optional[Quantity], q: Quantity) -> bool:
    """True when only connectors (、和与及 …) and place names stand between ``prev_q`` and ``q``."""
    gap = sentence[prev_q.end:q.start] if prev_q is not None and prev_q.end <= q.start else "x"
    for _name, a, b in reversed(gazetteer.find_places(gap)):
        gap = gap[:a] + gap[b:]
    return LIST_CONNECTOR.match(gap) is not None


def _item_venue(scene: SentenceScene, q: Quantity) -> Optional[re.Match]:
    """The venue leading the last numbered list item opened before ``q`` (its later clauses go on
    about the venue), else None."""
    s = scene.sentence
    opened = next((c for c in reversed(scene.clauses) if c[0] <= q.start and ITEM_MARK.match(s, c[0])), None)
    return ITEM_VENUE.match(s, opened[0]) if opened else None
