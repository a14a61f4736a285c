"""Claim checking (`kb check`): judge a sentence with figures against the fact table.

Each figure of the claim is read with the documents' own parser, linker and
identity pass (kb.search.claim_parse), looked up by its identity keys
(kb.search.candidates) and compared with every candidate fact by the identity
rules of kb.search.matching and the rounding rule of kb.search.rounding:

- **supported** when a fact of the same subject, indicator, measure, scope,
  basis, status and period agrees at the claim's precision (a fact kb is not
  quite sure of — a subject carried from context — may bear a claim out);
- **contradicted** only when a fact of identical identity, every part of it
  linked with confidence, disagrees, and none agrees;
- **not_found** otherwise, with the nearest fact and why it was not compared
  (another year, 上半年 against the full year, a subset against its total, a
  target against an actual …), or why a disagreeing fact does not refute it.

A growth, multiple or change that no fact states is recomputed from two levels
of the claim's identity (kb.search.derive). The claim's verdict is contradicted
when one of its figures is, supported when all are, else not_found.
"""

from __future__ import annotations

import logging
from typing import NamedTuple, Optional

from kb.errors import KbError
from kb.models import ClaimVerdict, Evidence, Fact
from kb.search.candidates import candidate_facts, ranked_passages
from kb.search.claim_parse import parse_claim
from kb.search.derive import Derived, derive
from kb.search.frames import document_frames
from kb.figures.identity import compact
from kb.search.matching import (CLAIM_NAMES_NO_YEAR, FIGURE_UNDATED, MEASURE_RANK, PERIOD_RANK, UNIT_RANK, Frame, Match, Pair, compare,
                                 fact_subjects, normalize, same_subject, words, years)
from kb.search.rounding import Agreement, agreement, sign, surface
from kb.text.tokenizer import Tokenizer

log = logging.getLogger(__name__)

SUPPORTED, CONTRADICTED, NOT_FOUND = "supported", "contradicted", "not_found"
PASSAGES_K = 5
# How far a claim that names no year may be from the knowledge base's only figure of its kind and still
# be read as speaking of it (a factor either way).
MAGNITUDE = 1.5
_PART_LEAD = ("其中", "内含", "包括")


class Judged(NamedTuple):
    """One fact against one claim figure (``subject``: the subject it was read as, when not its own)."""

    fact: Fact
    match: Match
    agreement: Agreement
    subject: str = ""


class FigureVerdict(NamedTuple):
    verdict: str
    explanation: str
    evidence: list[Fact]


# --- judging one figure --------------------------------------------------------------

def judge(claim_fact: Fact, fact: Fact, frame: Optional[Frame] = None, lead_in: str = "") -> Judged:
    """The identity match and the value agreement of one fact with one claim figure."""
    frame = frame or Frame()
    match = compare(Pair(claim_fact, fact, frame, lead_in))
    if not match.comparable:
        return Judged(fact, match, Agreement(False, ""))
    read = [s for s, _ in fact_subjects(fact, frame) if same_subject(s, claim_fact.subject_key)]
    subject = read[0] if read and read[0] != fact.subject_key else ""
    return Judged(fact, match, agreement(normalize(claim_fact), normalize(fact)), subject)


def _best(judged: list[Judged]) -> Judged:
    """The most certain of several judged facts: fewest doubts, then document order."""
    return min(judged, key=lambda j: (len(j.match.doubts), j.fact.doc_id, j.fact.char_start, j.fact.fact_id))


def judge_figure(claim_fact: Fact, facts: list[Fact], frames: Optional[dict[str, Frame]] = None,
                 lead_ins: Optional[dict[str, str]] = None) -> FigureVerdict:
    """(verdict, explanation, evidence) of one claim figure against candidate ``facts``."""
    frames, lead_ins = frames or {}, lead_ins or {}
    judged = [judge(claim_fact, f, frames.get(f.doc_id, Frame()), lead_ins.get(f.fact_id, "")) for f in facts]
    judged = settle_periods(claim_fact, judged)
    comparable = [j for j in judged if j.match.comparable]
    agreeing, refuting = weigh(judged)
    if agreeing and (not refuting or any(j.match.identical for j in agreeing)):
        best = _best(agreeing)
        return FigureVerdict(SUPPORTED, stated(claim_fact, best, SUPPORTED), [best.fact])
    if agreeing:   # a sure figure disagrees, a figure kb is not sure of agrees: no verdict
        return FigureVerdict(NOT_FOUND, torn(claim_fact, _best(refuting), _best(agreeing)), [])
    derived = derive(claim_fact, facts, frames) if not comparable else None
    if derived is not None:
        verdict = SUPPORTED if derived.agreement.agrees else CONTRADICTED
        return FigureVerdict(verdict, recomputed(claim_fact, derived, verdict), [derived.start, derived.end])
    if refuting:
        best = _best(refuting)
        return FigureVerdict(CONTRADICTED, stated(claim_fact, best, CONTRADICTED), [best.fact])
    return FigureVerdict(NOT_FOUND, not_found(claim_fact, judged), [])


def weigh(judged: list[Judged]) -> tuple[list[Judged], list[Judged]]:
    """(the comparable facts that bear the claim out, the facts of identical identity that refute it).

    A sentence that gives the claim's indicator its own figure gives the claim's number to another
    figure (服务业增加值增长5.8%，其中金融业增加值增长7.9%); a doubtful figure whose number kb reads elsewhere as another basis, status or period is
    that one: neither bears the claim out."""
    comparable = [j for j in judged if j.match.comparable]
    refuting = [j for j in comparable if j.match.identical and not j.agreement.open and not j.agreement.agrees]
    named = {j.fact.quote for j in judged if j.match.rank > MEASURE_RANK and not j.match.loose}
    agreeing = [j for j in comparable if j.agreement.agrees and (j.match.identical or (
        all(j.fact.quote != r.fact.quote for r in refuting) and not restated(j, judged)
        and not (j.match.loose and j.fact.quote in named)))]
    unsplit = [j.fact for j in judged if unsplit_pair(j.fact, judged)]
    return ([j for j in agreeing if j.fact not in unsplit], [j for j in refuting if j.fact not in unsplit])


def unsplit_pair(fact: Fact, judged: list[Judged]) -> bool:
    """True when a 分别 list of its sentence gives another number to a figure of the very same
    subject, indicator, measure and period (常住人口城镇化率分别从2012年的35.33%、52.57%…: two
    rates under one name): kb cannot tell which number is the named one, so neither bears a claim
    out nor refutes it."""
    if words("respectively")[0] not in (fact.quote or ""):
        return False
    return any(o.fact.quote == fact.quote and o.fact.fact_id != fact.fact_id and _same_identity(o.fact, fact)
               and not _same_figure(o.fact, fact) for o in judged)


def _same_identity(a: Fact, b: Fact) -> bool:
    """The same subject, indicator, scope, basis, status, measure, unit and period (as kb read them)."""
    def identity(f: Fact) -> tuple:
        return (f.subject_key, f.indicator_key, f.scope, f.basis, f.status, f.measure, f.unit_normalized, years(f),
                f.period_start_month, f.period_end_month)
    return identity(a) == identity(b)


def settle_periods(claim_fact: Fact, judged: list[Judged]) -> list[Judged]:
    """Periods read across the candidates. An undated fact does not stand for the claim's year when
    a fact of the same identity and value is dated another year (it is that figure restated). A claim
    that names no year (1—4月…) speaks of the knowledge base's figure when all of its kind are of one
    period and the two numbers are of one size (8.85亿件 against 6.85亿件; not 超过3万亿元 against a
    1289亿元 of 1998, which is another year's figure)."""
    elsewhere = [j.fact for j in judged if j.match.rank == PERIOD_RANK and not j.match.comparable]
    judged = [j for j in judged if FIGURE_UNDATED not in j.match.doubts
              or not any(_same_figure(j.fact, f) for f in elsewhere)]
    undated_claim = [j for j in judged if CLAIM_NAMES_NO_YEAR in j.match.doubts]
    if undated_claim and len({years(j.fact) for j in undated_claim}) == 1 and years(undated_claim[0].fact):
        settled = {id(j) for j in undated_claim if same_magnitude(claim_fact, j.fact)}
        judged = [j._replace(match=j.match._replace(doubts=tuple(d for d in j.match.doubts
                                                                 if d != CLAIM_NAMES_NO_YEAR)))
                  if id(j) in settled else j for j in judged]
    return judged


def same_magnitude(claim_fact: Fact, fact: Fact) -> bool:
    """True when an exact claim's number lies within half of the fact's either way."""
    c, f = claim_fact.value_normalized * sign(claim_fact), fact.value_normalized * sign(fact)
    return not claim_fact.qualifier and f != 0 and c / f > 0 and 1 / MAGNITUDE <= c / f <= MAGNITUDE


def _same_figure(a: Fact, b: Fact) -> bool:
    """The same number in the same unit, sign included (下降4% is not 增长4%)."""
    return a.unit_normalized == b.unit_normalized and abs(a.value_normalized * sign(a) - b.value_normalized * sign(b)) \
        <= 1e-9 * max(1.0, abs(a.value_normalized))


def restated(j: Judged, judged: list[Judged]) -> bool:
    """True when another fact of the same indicator and subject states j's number as a figure of
    another kind (名义增长约9%左右 against a 最终消费增速9%左右 of no stated basis); not a fact whose
    indicator kb only reads from its sentence (城镇化率…相继冲上50%和60%大关 does not make a 常住人口城镇化率
    到2019年首次突破60% another kind of figure)."""
    return any(other.match.rank >= UNIT_RANK and not other.match.comparable and not other.match.loose
               and _same_figure(other.fact, j.fact) for other in judged)


def nearest(judged: list[Judged]) -> Optional[Judged]:
    """The fact that came closest: comparable ones first, then the one whose difference came last
    in the rule order (same indicator and subject, another year beats another indicator)."""
    if not judged:
        return None
    return max(judged, key=lambda j: (j.match.rank, -len(j.match.doubts), j.fact.doc_id, -j.fact.char_start))


# --- wording ---------------------------------------------------------------------------

def about(f: Fact, subject: str = "") -> str:
    """What a figure is of, in kb's keys: 深圳 GDP yoy_growth 1998 (real, target …); ``subject``: the
    subject kb read it as, when not its own (the document's: 全省生产总值… in a report on 浙江)."""
    span = years(f)
    when = "" if span is None else (str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}")
    if span and span[0] == span[1] and f.period_start_month and f.period_end_month and \
            (f.period_start_month[5:], f.period_end_month[5:]) != ("01", "12"):
        when = f"{f.period_start_month}..{f.period_end_month}"
    extras = [x for x in (f.basis, f.status if f.status not in ("actual", "") else "") if x]
    parts = [subject or f.subject_key or f.subject, f"{f.scope}{f.indicator_key or f.indicator}", f.measure or "",
             when]
    text = " ".join(p for p in parts if p) or "this figure"
    return f"{text} ({', '.join(extras)})" if extras else text


def _claim_words(claim_fact: Fact, found: Agreement) -> str:
    return f"{surface(claim_fact)} ({found.note})" if found.note else surface(claim_fact)


def stated(claim_fact: Fact, j: Judged, verdict: str) -> str:
    """The knowledge base states X (doc, passage) for …; the claim says Y: verdict."""
    f = j.fact
    return (f"The knowledge base states {surface(f)} ({f.doc_id}, passage {f.passage_id}) for {about(f, j.subject)}; "
            f"the claim says {_claim_words(claim_fact, j.agreement)}: {verdict}.")


def torn(claim_fact: Fact, refuting: Judged, agreeing: Judged) -> str:
    """Why a claim that a sure figure refutes and a doubtful one bears out is judged neither way."""
    f, g = refuting.fact, agreeing.fact
    return (f"No fact states {about(claim_fact)} ({surface(claim_fact)}); the nearest is {surface(f)} "
            f"for {about(f)} ({f.doc_id}, passage {f.passage_id}), not compared: {surface(g)} ({g.doc_id}, "
            f"passage {g.passage_id}) may state the claim's figure ({'; '.join(agreeing.match.doubts)}).")


def recomputed(claim_fact: Fact, d: Derived, verdict: str) -> str:
    a = d.start
    return (f"Recomputed from {surface(a)} and {surface(d.end)} for {about(a)} "
            f"({a.doc_id}, passages {a.passage_id}, {d.end.passage_id}): {d.shown}; "
            f"the claim says {_claim_words(claim_fact, d.agreement)}: {verdict}.")


def not_found(claim_fact: Fact, judged: list[Judged]) -> str:
    """Why nothing was compared: the nearest fact and its difference (or its doubt)."""
    near = nearest(judged)
    if near is None:
        return f"No fact in the knowledge base is about {about(claim_fact)} ({surface(claim_fact)})."
    f, m = near.fact, near.match
    why = m.differs or (f"{'; '.join(m.doubts)}, so its {surface(f)} does not refute the claim"
                        if m.doubts else near.agreement.note or "the figures do not agree")
    return (f"No fact states {about(claim_fact)} ({surface(claim_fact)}); the nearest is {surface(f)} for "
            f"{about(f)} ({f.doc_id}, passage {f.passage_id}), not compared: {why}.")


# --- one claim, many claims ------------------------------------------------------------------

def lead_ins(store, facts: list[Fact]) -> dict[str, str]:
    """fact_id → the sentence before it in its passage, for a fact whose sentence starts with
    其中 (a part of the total named just before: 其中，出口… is 货物出口), or carries its subject
    from there (1994年国有独立核算工业企业亏损额达483亿元…。1997年亏损总额…为831亿元: the sentence
    goes on about the same enterprises)."""
    carried = words("carried_subject_rules")
    parts = [f for f in facts if f.source_kind == "text" and f.passage_id and
             ((f.quote or "").lstrip().startswith(_PART_LEAD) or f.subject_rule in carried)]
    if not parts:
        return {}
    passages = {p.passage_id: p.text for p in store.passages_by_id(sorted({f.passage_id for f in parts}))}
    out = {}
    for f in parts:
        text = passages.get(f.passage_id, "")
        before = text[: max(text.find(f.quote.strip()), 0)]
        out[f.fact_id] = before.rstrip("。；;，, ").rsplit("。", 1)[-1]
    return out


def borrow_indicators(store, facts: list[Fact]) -> list[Fact]:
    """Facts whose indicator is only a measure word (实际增长9.5%, 两年平均增幅为9.4%) take the indicator
    of the figure before them in their sentence (社会消费品零售总额, 规模以上工业增加值)."""
    bare = [f for f in facts if f.passage_id and _measure_only(f)]
    if not bare:
        return facts
    by_passage = store.facts_in_passages(sorted({f.passage_id for f in bare}))
    lent: dict[str, Fact] = {}
    for f in bare:
        before = [g for g in by_passage.get(f.passage_id, []) if _same_statement(g, f) and g.char_start < f.char_start
                  and not _measure_only(g) and g.indicator]
        if before:
            g = before[-1]
            lent[f.fact_id] = f.model_copy(update={"indicator": g.indicator, "indicator_key": g.indicator_key,
                                                   "scope": f.scope or g.scope})
    return [lent.get(f.fact_id, f) for f in facts]


def _measure_only(f: Fact) -> bool:
    """True when the fact's indicator, or its key, is only a measure word (实际增长, 两年平均增幅 → 两年平均)."""
    only = words("measure_only_indicators")
    return compact(f.indicator) in only or (bool(f.indicator_key) and f.indicator_key in only)


def _same_statement(g: Fact, f: Fact) -> bool:
    """True when ``g`` is in ``f``'s sentence, or in the clause run before it that a semicolon ends
    (规模以上工业增加值同比增长26.3%…；剔除去年同期低基数影响，两年平均增幅为9.4%)."""
    if g.quote == f.quote:
        return True
    head = (g.quote or "").rstrip()
    return head.endswith(("；", ";")) and g.char_start < f.char_start and f.char_start - g.char_end <= len(f.quote or "")


def overall(verdicts: list[str]) -> str:
    if CONTRADICTED in verdicts:
        return CONTRADICTED
    if verdicts and all(v == SUPPORTED for v in verdicts):
        return SUPPORTED
    return NOT_FOUND


def check_claim(searcher, claim: str, tokenizer: Optional[Tokenizer] = None,
                frames: Optional[dict[str, Frame]] = None) -> ClaimVerdict:
    """Judge every figure of ``claim`` against the knowledge base of ``searcher``
    (``frames``: documents already framed, extended as needed)."""
    claim = (claim or "").strip()
    if not claim:
        raise KbError("empty claim: give a sentence with a figure, e.g. 2021年中国数字经济规模达45.4万亿元")
    parsed = parse_claim(claim, tokenizer or searcher.tokenizer)
    if not parsed:
        passages = ranked_passages(searcher, claim, PASSAGES_K)
        where = f" See passages {', '.join(passages)}." if passages else ""
        return ClaimVerdict(claim=claim, verdict=NOT_FOUND, passages=passages,
                            explanation=f"The claim states no figure to check.{where}")
    found = candidate_facts(searcher, claim, parsed)
    facts = borrow_indicators(searcher.store, found.facts)
    frames = frames if frames is not None else {}
    missing = {f.doc_id for f in facts} - set(frames)
    if missing:
        frames.update(document_frames(searcher.store, missing))
    leads = lead_ins(searcher.store, facts)
    figures = [judge_figure(cf, facts, frames, leads) for cf in parsed]
    evidence = [Evidence(fact=f, passage_id=f.passage_id, quote=f.quote, doc_id=f.doc_id)
                for fv in figures for f in fv.evidence]
    passages = list(dict.fromkeys(e.passage_id for e in evidence if e.passage_id)) or found.passages[:PASSAGES_K]
    return ClaimVerdict(claim=claim, parsed=parsed, verdict=overall([fv.verdict for fv in figures]),
                        evidence=evidence, explanation=" ".join(fv.explanation for fv in figures),
                        passages=passages)


def check_claims(searcher, claims: list[str]) -> list[ClaimVerdict]:
    """`check_claim` over many claims, framing each document once."""
    frames: dict[str, Frame] = {}
    return [check_claim(searcher, c, searcher.tokenizer, frames) for c in claims]
