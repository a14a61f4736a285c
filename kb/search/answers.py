"""Answers: the figure a query asks for, read from the fact table (no language model).

A query such as "2021年京津冀数字经济规模" or "河北省的技术合同成交额增长了多少"
names a subject, an indicator, a period and sometimes the kind of figure
(增长, 占比, 排名). `read_question` takes those apart; `find_answer` looks
them up among the facts by their identity fields (subject_key,
indicator_key, measure, period months, status) and returns an `Answer`:

- ``stated``: a fact of that subject, indicator, period and kind, with the
  same figure in other documents or periods (``others``) and how each differs;
- ``not_stated``: nothing states it; ``nearest`` is the closest fact (another
  year, another subject, another kind of figure) and ``others`` more of them.

Search hits break ties (a fact in a higher-ranked passage wins), and
`query_coverage` says how much of the query the best passage contains, so a
weak best hit is flagged. The words are data (kb/data/answers.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from kb.models import Fact
from kb.text import vocab
from kb.text.lazy_pattern import lazy_compile

VOCAB = "answers"
MATCH = 0.6            # indicator similarity from which a fact is about the indicator asked
NEAR = 0.34            # ... from which it can still be shown as the nearest figure
LOW_COVERAGE = 0.7     # below this share of the query found in the best passage, the match is weak
MAX_OTHERS = 4

GROWTH = ("yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr")
# measure asked → the measures that answer it, best first
MEASURE_GROUPS = {
    "growth": GROWTH + ("difference",),
    "cagr": ("cagr", "avg_growth_2y"),
    "share": ("share",),
    "rank": ("rank",),
    "multiple": ("multiple", "growth_vs_base"),
    "": ("level", "per_capita", "ratio", "share", "rank", ""),
}
TARGETS = ("target", "forecast")
_YEAR_SPAN = lazy_compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-－~～至到]\s*((?:19|20)\d{2})\s*年?")
_YEAR = lazy_compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?(?:度)?")
_SPLIT = lazy_compile(r"[\s\u3000,，。、；;:：!！?？“”\"'()（）《》]+")
_CJK = lazy_compile(r"[\u4e00-\u9fff]")
_SHARE_OF = lazy_compile(r"(?:在|占)([^占在]{1,10}?)(?:中)?(?:的)?(?:比重|比例|份额|占比)")


@dataclass
class Asked:
    """What a query asks for, as read by `read_question`."""

    text: str
    subjects: list[str] = field(default_factory=list)      # subject keys (河北省 → 河北)
    subject_names: list[str] = field(default_factory=list)  # as written
    years: list[int] = field(default_factory=list)          # one year, or a span's first and last
    indicator: str = ""                                     # what is left: 技术合同成交额
    indicator_key: str = ""                                 # in kb's vocabulary: 技术合同成交
    measure: str = ""                                       # "", growth, cagr, share, rank, multiple
    wants_target: bool = False
    is_question: bool = False
    scope: str = ""                                         # 国家级, 规模以上 … where the query says so
    months: Optional[tuple[int, int]] = None                # 一季度 → (1, 3), 1—9月 → (1, 9); None = a year

    def asks_for_figure(self) -> bool:
        """True when the query names an indicator (with or without subject and year) or is a
        question about a subject or a year."""
        return bool(self.indicator) or (self.is_question and bool(self.subjects or self.years))


@dataclass
class Answer:
    """The figure a query asks for, or the nearest one when it is not stated."""

    asked: Asked
    status: str                                   # stated | not_stated
    fact: Optional[Fact] = None
    others: list[Fact] = field(default_factory=list)
    nearest: Optional[Fact] = None
    differences: dict[str, list[str]] = field(default_factory=dict)  # fact_id → what differs from the asked
    coverage: float = 1.0                         # share of the query found in the best passage
    low_match: bool = False

    @property
    def shown(self) -> Optional[Fact]:
        """The fact cited as [1]: the answer, else the nearest."""
        return self.fact or self.nearest

    def cited(self) -> list[Fact]:
        """[1], [2] … in order: the answer (or nearest), then the others."""
        return [f for f in [self.shown, *self.others] if f is not None]


def words(key: str) -> tuple[str, ...]:
    return vocab.words(VOCAB, key)


BOUNDS = words("bounds")   # a bound or an approximation (超1万亿元, 近五成): an exact figure answers better


# --- reading the question ------------------------------------------------------------

def read_question(query: str) -> Asked:
    """Subject, period, indicator and kind of figure named in ``query``."""
    from kb.text.gazetteer import find_places

    text = (query or "").strip()
    asked = Asked(text=text)
    rest = _SHARE_OF.sub(" 占比 ", text)  # 占全国比重: 全国 is the whole, not the subject
    asked.months = _months_asked(rest)
    span = _YEAR_SPAN.search(rest)
    if span:
        asked.years = [int(span.group(1)), int(span.group(2))]
        rest = rest[:span.start()] + " " + rest[span.end():]
    else:
        asked.years = sorted({int(m.group(1)) for m in _YEAR.finditer(rest)})
        rest = _YEAR.sub(" ", rest)
    for name, start, end in sorted(find_places(rest), key=lambda p: -p[1]):
        key = _subject_key(name)
        if key and key not in asked.subjects:
            asked.subjects.insert(0, key)
            asked.subject_names.insert(0, rest[start:end])
        rest = rest[:start] + " " + rest[end:]
    asked.wants_target = any(w in rest for w in words("ask_target"))
    asked.scope = next((w for w in _scope_words() if w in rest), "")
    asked.measure, rest = _measure_asked(rest)
    asked.is_question, rest = _cut(rest, words("question"))
    asked.is_question = asked.is_question or bool(re.search(r"[?？]", text))
    asked.indicator = _indicator_left(vocab.regex(VOCAB, "period").sub(" ", rest))
    asked.indicator_key = _indicator_key(asked.indicator) if asked.indicator else ""
    return asked


def _months_asked(text: str) -> Optional[tuple[int, int]]:
    """The months a query names (一季度, 1—9月, 上半年), None for none (a whole year)."""
    from kb.figures.identity import month_range

    months = month_range(text.replace("-", "—"))
    return None if months == (1, 12) and not re.search(r"全年", text) else months


def _scope_words() -> tuple[str, ...]:
    return vocab.words("identity", "scope")


def _subject_key(name: str) -> str:
    from kb.figures.identity import subject_key

    return subject_key(name)


def _indicator_key(indicator: str) -> str:
    from kb.figures.identity import indicator_key

    return indicator_key(indicator)[0]


def _cut(text: str, phrases: tuple[str, ...]) -> tuple[bool, str]:
    """``text`` with every phrase replaced by a space (longest first); whether one was found."""
    found = False
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase in text:
            found = True
            text = text.replace(phrase, " ")
    return found, text


def _measure_asked(text: str) -> tuple[str, str]:
    """The kind of figure the words ask for, and the text without those words."""
    for name in ("cagr", "multiple", "share", "rank", "growth"):
        found, rest = _cut(text, words(f"ask_{name}"))
        if found:
            return name, rest
    return "", text


def _indicator_left(text: str) -> str:
    """What is left of the query once subject, period and question words are out: the indicator."""
    _, text = _cut(text, words("ask_target"))
    pieces = []
    filler = sorted(words("filler"), key=len, reverse=True)
    for piece in _SPLIT.split(text):
        changed = True
        while changed and piece:
            changed = False
            for w in filler:
                if piece.startswith(w):
                    piece, changed = piece[len(w):], True
                elif piece.endswith(w):
                    piece, changed = piece[:-len(w)], True
        if piece and (_CJK.search(piece) or len(piece) >= 2) and not piece.isdigit():
            pieces.append(piece)
    return "".join(pieces)


# --- matching facts --------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def similarity(a: str, b: str) -> float:
    """How much two indicator phrases name the same thing, 0–1: equal 1; one inside the other
    0.6–1 by length; else the Dice overlap of their character pairs. (Cached: a fact table
    repeats its indicators.)"""
    a, b = _compact(a), _compact(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and short in long_:
        return 0.6 + 0.4 * len(short) / len(long_)
    pa, pb = _pairs(a), _pairs(b)
    if not pa or not pb:
        return 0.0
    return 2 * len(pa & pb) / (len(pa) + len(pb))


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000“”\"'《》()（）]", "", text or "")


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def indicator_score(asked: Asked, fact: Fact) -> float:
    """The best similarity between the asked indicator (phrase or key) and the fact's."""
    return name_score(asked, fact.indicator_key, fact.indicator)


def name_score(asked: Asked, key: str, indicator: str) -> float:
    """The best similarity between the asked indicator (phrase or key) and a fact's indicator
    key and phrase; 1 when the query names no indicator."""
    if not asked.indicator:
        return 1.0
    names = [n for n in (key, indicator) if n]
    return max((similarity(q, n) for q in (asked.indicator, asked.indicator_key) if q for n in names),
               default=0.0)


def relevant_names(asked: Asked, names: set[tuple[str, str]]) -> Optional[set[tuple[str, str]]]:
    """The (indicator_key, indicator) pairs whose facts can change `find_answer`'s result; None
    when every fact can (the query names no indicator, so every fact is about it).

    Only a fact whose indicator scores NEAR or more can be an answer, the nearest or one of
    its others, or open the way for a query that names nothing else; the others of an answer
    are the facts of its identity (same indicator key, else phrase) whatever their score.
    So the facts of these pairs, in store order, give the answer all facts give."""
    if not asked.indicator:
        return None
    scores = {pair: name_score(asked, *pair) for pair in names}
    near = {pair for pair, s in scores.items() if s >= NEAR}
    identities = {key or indicator for (key, indicator), s in scores.items() if s >= MATCH}
    return near | {(key, indicator) for key, indicator in names if (key or indicator) in identities}


def subject_score(asked: Asked, fact: Fact) -> float:
    """1 for the subject asked, 0.8 when the fact is about it among others (北京、天津), else 0."""
    if not asked.subjects:
        return 1.0
    key = fact.subject_key or fact.subject
    if key in asked.subjects:
        return 1.0
    parts = key.split("、")
    return 0.8 if len(parts) > 1 and any(p in asked.subjects for p in parts) else 0.0


def fact_years(fact: Fact) -> tuple[Optional[int], Optional[int]]:
    """The first and last year a fact covers (from its months, else its year)."""
    first = fact.period_start_month or ""
    last = fact.period_end_month or ""
    if first[:4].isdigit() and last[:4].isdigit():
        return int(first[:4]), int(last[:4])
    if fact.period_start is not None and fact.period_end is not None:
        return fact.period_start, fact.period_end
    return fact.year, fact.year


def fact_months(fact: Fact) -> Optional[tuple[int, int]]:
    """The first and last month of a fact's period within its year(s), None when unknown."""
    first, last = fact.period_start_month or "", fact.period_end_month or ""
    if len(first) == 7 and len(last) == 7:
        return int(first[5:]), int(last[5:])
    return None


def year_distance(asked: Asked, fact: Fact) -> Optional[float]:
    """0 when the fact is of the period asked (0.5 when it only ends in it), the number of years
    between otherwise; None when the fact has no period; 0 when none is asked."""
    if not asked.years:
        return 0.0
    first, last = fact_years(fact)
    if last is None:
        return None
    if len(asked.years) == 2:
        return float(abs(first - asked.years[0]) + abs(last - asked.years[1]))
    year = asked.years[0]
    if asked.months is not None and first == last == year:
        return 0.0 if fact_months(fact) == asked.months else 1.0
    if first == last == year:
        return 0.0 if fact_months(fact) in ((1, 12), None) else 0.25
    if last == year:
        return 0.5 if fact.measure in GROWTH or fact.measure == "multiple" else 0.75
    return float(min(abs(last - year), abs(first - year)) or 1)


def measure_rank(asked: Asked, fact: Fact) -> Optional[int]:
    """The fact's place among the measures that answer the query (0 best), None when it does not."""
    group = MEASURE_GROUPS[asked.measure]
    if asked.measure == "multiple" and fact.measure == "growth_vs_base" and fact.unit_normalized != "times":
        return None
    return group.index(fact.measure) if fact.measure in group else None


def status_ok(asked: Asked, fact: Fact) -> bool:
    return (fact.status in TARGETS) == asked.wants_target


@dataclass
class Scored:
    """One fact measured against what was asked."""

    fact: Fact
    subject: float
    indicator: float
    years: Optional[float]
    measure: Optional[int]
    status: bool
    rank: int
    scope_miss: bool = False
    recency: int = 0          # minus the last year covered (recent first when no year is asked)

    def answers(self) -> bool:
        """Of the subject, indicator, period, kind and status asked."""
        return (self.subject > 0 and self.indicator >= MATCH and self.years is not None
                and self.years <= 0.75 and self.measure is not None and self.status)

    def exact_key(self) -> tuple:
        """Sort key among answers: best match first, then the higher-ranked passage."""
        return (-self.subject, -round(self.indicator, 2), self.years or 0.0, self.measure or 0,
                self.scope_miss, self.fact.qualifier in BOUNDS, self.recency, self.rank,
                self.fact.source_kind != "text", self.fact.char_start)

    def near_key(self) -> tuple:
        """Sort key for the nearest figure: fewest and smallest differences from what was asked."""
        misses = ((self.subject == 0) * 2.0 + (self.indicator < MATCH) * 3.0
                  + (self.measure is None) * 1.5 + (not self.status) * 1.0
                  + (3.0 if self.years is None else min(self.years, 10) * 0.25))
        return (round(misses, 3), -round(self.indicator, 2), self.rank, self.fact.char_start)


def score(asked: Asked, fact: Fact, ranks: dict[str, int]) -> Scored:
    last = fact_years(fact)[1]
    return Scored(fact, subject_score(asked, fact), indicator_score(asked, fact),
                  year_distance(asked, fact), measure_rank(asked, fact), status_ok(asked, fact),
                  ranks.get(fact.passage_id, len(ranks) + 1),
                  scope_miss=(fact.scope or "") != asked.scope,
                  recency=0 if asked.years or last is None else -last)


def differences(asked: Asked, scored: Scored, answer: Optional[Fact]) -> list[str]:
    """What differs between a fact and what was asked (or the answer): subject, indicator,
    year, measure, status, document, value. Codes the presenter words."""
    fact, out = scored.fact, []
    if scored.subject == 0:
        out.append("subject")
    if scored.indicator < MATCH:
        out.append("indicator")
    if scored.years is None:
        out.append("no_year")
    elif scored.years > 0.75 or (answer is not None and fact_years(fact) != fact_years(answer)):
        out.append("year")
    if scored.measure is None or (answer is not None and fact.measure != answer.measure):
        out.append("measure")
    if not scored.status:
        out.append("status")
    if answer is not None:
        if fact.doc_id != answer.doc_id:
            out.append("document")
        same_kind = fact.unit_normalized == answer.unit_normalized and fact.measure == answer.measure
        if same_kind and fact_years(fact) == fact_years(answer):
            out.append("same_value" if _same_value(fact, answer) else "value")
    return out


def same_identity(a: Fact, b: Fact) -> bool:
    """Two facts that measure one thing (perhaps in another period or document): same subject,
    indicator, measure, scope and unit."""
    return ((a.subject_key or a.subject) == (b.subject_key or b.subject)
            and (a.indicator_key or a.indicator) == (b.indicator_key or b.indicator)
            and a.measure == b.measure and a.scope == b.scope and a.unit_normalized == b.unit_normalized)


def _same_value(a: Fact, b: Fact) -> bool:
    return abs(a.value_normalized - b.value_normalized) <= 1e-9 * max(1.0, abs(a.value_normalized))


def _distinct(scored: list[Scored], skip: Optional[Fact]) -> list[Scored]:
    """Drop the shown fact and repeats of one figure (same document, period and value)."""
    seen, values = set(), set()
    for f in [skip] if skip is not None else []:
        seen.add((f.doc_id, fact_years(f), f.value_normalized, f.unit_normalized))
        values.add((f.doc_id, f.value_normalized, f.unit_normalized))
    out = []
    for s in scored:
        f = s.fact
        key = (f.doc_id, fact_years(f), f.value_normalized, f.unit_normalized)
        value = (f.doc_id, f.value_normalized, f.unit_normalized)
        undated_repeat = fact_years(f)[1] is None and value in values
        if key not in seen and not undated_repeat:
            seen.add(key)
            values.add(value)
            out.append(s)
    return out


def find_answer(asked: Asked, facts: list[Fact], ranks: Optional[dict[str, int]] = None) -> Optional[Answer]:
    """The answer to ``asked`` among ``facts``; None when the query does not ask for a figure.

    ``ranks`` maps passage ids to their search rank (1 = best hit), to break ties.
    """
    if not asked.asks_for_figure():
        return None
    ranks = ranks or {}
    scored = [score(asked, f, ranks) for f in facts]
    named = asked.subjects or asked.years or asked.is_question or asked.measure
    if not named and not any(s.indicator >= MATCH for s in scored):
        return None  # a few words that name no indicator of the fact table: a plain search
    answers = sorted((s for s in scored if s.answers()), key=Scored.exact_key)
    if answers:
        best = answers[0].fact
        same = [s for s in scored if s.status and same_identity(s.fact, best)]
        others = _distinct(sorted(same, key=lambda s: _other_key(s, best)), best)[:MAX_OTHERS]
        return Answer(asked, "stated", fact=best, others=[s.fact for s in others],
                      differences={s.fact.fact_id: differences(asked, s, best) for s in others})
    near = sorted((s for s in scored if s.indicator >= NEAR and (s.subject > 0 or s.indicator >= MATCH)),
                  key=Scored.near_key)
    near = _distinct(near, None)[:MAX_OTHERS + 1]
    if not near:
        return Answer(asked, "not_stated")
    return Answer(asked, "not_stated", nearest=near[0].fact, others=[s.fact for s in near[1:]],
                  differences={s.fact.fact_id: differences(asked, s, None) for s in near})


def _other_key(s: Scored, best: Fact) -> tuple:
    """Others of the answer: the same period in other documents first, then by closeness in time."""
    first, last = fact_years(s.fact)
    b_first, b_last = fact_years(best)
    same_period = (first, last) == (b_first, b_last)
    gap = abs((last or 0) - (b_last or 0)) if last is not None and b_last is not None else 99
    return (not same_period, gap, s.rank, s.fact.char_start)


# --- how well the best passage matches ----------------------------------------------------------

@dataclass
class Match:
    """How well the best hit matches the query: the share of the query's content found in it,
    and the query's words that no passage contains at all."""

    coverage: float
    unknown: list[str] = field(default_factory=list)

    @property
    def low(self) -> bool:
        return self.coverage < LOW_COVERAGE or bool(self.unknown)


def content_positions(query: str) -> set[int]:
    """Positions of the query's characters that carry content: not spaces, punctuation,
    years (a passage of another year is flagged by itself), question words or filler."""
    keep = {i for i, ch in enumerate(query) if not _SPLIT.fullmatch(ch)}
    for m in _YEAR.finditer(query):
        keep -= set(range(m.start(), m.end()))
    for phrase in sorted(words("question") + words("filler"), key=len, reverse=True):
        if len(phrase) < 2 and phrase not in "的了吗呢":
            continue
        for m in re.finditer(re.escape(phrase), query):
            keep -= set(range(m.start(), m.end()))
    return keep


def query_coverage(query: str, text: str, terms: list[str]) -> float:
    """Share of the query's content characters covered by terms that occur in ``text``:
    1.0 when every word of the query is in the passage."""
    content = content_positions(query)
    if not content:
        return 0.0
    covered = set()
    lowered = text.lower()
    for term in terms:
        if term.lower() not in lowered:
            continue
        for m in re.finditer(re.escape(term), query, re.IGNORECASE):
            covered.update(range(m.start(), m.end()))
    return len(covered & content) / len(content)


def unknown_words(tokens: list[str], known) -> list[str]:
    """Words of the query (two characters or more) that no passage contains, nor any part of
    them that is a query token itself (河北省 is known when 河北 is)."""
    out = []
    for token in tokens:
        if len(token) < 2 or token in known or not _CJK.search(token) or token in words("question"):
            continue
        if any(t != token and t in token and t in known for t in tokens):
            continue
        if token not in out:
            out.append(token)
    return out
