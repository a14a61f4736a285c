"""Figures named elsewhere in a document: the level a written name (占重点企业出口交货总值的,
高于全市工业平均水平) refers to, found by the words that introduce each stated figure.

A figure's name is its clause up to the figure (出口交货值实现1279亿元 → 出口交货值) and its
indicator. A written name Y refers to a stated level when (almost) all of the level's name is
inside Y, after both are normalised (总值 → 值, 合计 and verbs dropped). Among several levels
of that name, the document's headline figure is preferred over a subtotal of a selection
(这6个行业…合计983.9亿元); the choice is *certain* only when one candidate is better than every
other, or all the best ones state the same value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from kb.figures.identity import vocabulary_key
from kb.models import Fact
from kb.text.vocab import regex, words
from kb.verify.relations.ground import (Context, compatible_units, is_comparand, is_level, is_prior_level,
                                        is_stated_change, year_of)
from kb.verify.relations.labels import bigram_cover

_CUT = re.compile(r"[，,；;：:。、（）()]")
_YEARS = re.compile(r"(?:19|20)\d{2}\s*年(?:末|底|初)?|\d{1,2}\s*[—\-－~至到]\s*\d{1,2}\s*月|\d{1,2}月(?:末|底)?")
_VERBS = regex("relations", "name_verbs")
_LEADS = regex("relations", "name_leads")
_SUBTOTAL = re.compile("|".join(words("relations", "sum_after")))
_MEASURE_TOTAL = re.compile(r"总(?=[值额量数])")
_SELECTION = regex("relations", "selection")
_GROWTH_WORDS = regex("relations", "growth_words")
_INNER_VERBS = regex("relations", "inner_verbs")
_CHANGE_VERB = regex("relations", "change_verb")
_DIGIT = re.compile(r"\d")
_COUNTED = ("count", "household", "person", "enterprise")
_NOUN_AFTER = re.compile(r"\s*([^\s，。；,;、的\d%％（）()]{2,10})")
_COUNT_MEASURE = re.compile(r"(?:总数|个数|户数|家数|数)$")
# the least share of a figure's name found in a written name for the two to be one
NAME_MATCH = 0.75


@lru_cache(maxsize=1 << 16)
def normal_name(name: str) -> str:
    """A name as compared: no years or periods, leading 占/全部/同期, verbs (实现, 达到), the 总 of
    总值/总额 (出口交货总值 = 出口交货值), a trailing 合计, or a trailing 的. Kept per name (a pure
    function of the string, asked ≈ 100 times per name in an ingest)."""
    name = _YEARS.sub("", re.sub(r"\s", "", name))
    head = _CHANGE_VERB.split(name)[0]
    name = head if len(head) >= 2 else name  # 亏损总额上升了一倍 names 亏损总额
    while _VERBS.search(name) and len(_VERBS.sub("", name)) >= 2:  # 也只有: every trailing word
        name = _VERBS.sub("", name)
    name = _INNER_VERBS.sub("", name)
    name = _LEADS.sub("", name)
    name = _SUBTOTAL.sub("", name)
    return _MEASURE_TOTAL.sub("", name).strip("的")


def figure_name(ctx: Context, f: Fact) -> str:
    """The words that name a stated figure: its clause up to the figure; for a growth rate
    whose clause names nothing but the growth (比上年增长), its level's name. Read once per figure
    of the context (it depends on the figure's start and claim type, and the context)."""
    key = ("figure_name", f.char_start, f.claim_type)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _figure_name(ctx, f)
    return found


_GLOSS_WITH_BREAK = re.compile(r"（[^（）]*[，,；;][^（）]*）|\([^()]*[，,；;][^()]*\)")


def _figure_name(ctx: Context, f: Fact) -> str:
    s0, _ = ctx.sentence_of(f.char_start)
    # 总人口性别比（以女性为100，男性对女性的比例）为: a gloss in brackets cuts no clause
    clauses = _CUT.split(_GLOSS_WITH_BREAK.sub("", ctx.text[s0:f.char_start]))
    own = clauses[-1]
    if f.claim_type == "growth_rate" and len(normal_name(_GROWTH_WORDS.sub("", own))) < 2:
        levels = [x for x in ctx.facts_between(s0, f.char_start) if is_level(x)]
        if levels and not ctx.facts_between(levels[-1].char_end, f.char_start):
            return figure_name(ctx, levels[-1])
    if len(normal_name(own)) < 2 and len(clauses) >= 2 and not _DIGIT.search(_YEARS.sub("", clauses[-2])):
        return clauses[-2]  # 利润额却下降了一半，为428亿元: the clause before names it
    return own


def is_subtotal(ctx: Context, f: Fact) -> bool:
    """The figure is of a selection: it adds one up (这6个行业…合计983.9亿元) or its clause
    selects by a threshold or a rank (1亿元以上的企业167户, 前10位企业)."""
    name = figure_name(ctx, f)
    return bool(_SUBTOTAL.search(name) or _SELECTION.search(name))


def _score(name: str, target: str) -> float:
    """How much of ``name`` is inside ``target``: a two-character name only when it is all of it."""
    if len(name) < 2:
        return 0.0
    if len(name) == 2:
        return 1.0 if name == target else 0.0
    return bigram_cover(name, target)


def counted_noun(ctx: Context, f: Fact) -> str:
    """What a count counts, written after it: 520户国家重点企业的… → 国家重点企业 ('' for others)."""
    if f.unit_normalized not in _COUNTED:
        return ""
    m = _NOUN_AFTER.match(ctx.text, f.char_end)
    return m.group(1) if m else ""


def name_score(ctx: Context, written: str, f: Fact) -> float:
    """How much of the figure's name (its clause words, or its indicator) is inside the written
    name, both normalised; a count also matches when what it counts holds the written name (重点
    企业总数 and 520户国家重点企业)."""
    target = normal_name(written)
    names = [normal_name(figure_name(ctx, f)), normal_name(f.indicator)]
    if f.unit_normalized in _COUNTED:  # 企业, 行业: two characters name no count in particular
        names = [n for n in names if len(n) >= 3]
    names = [n for n in names if not opposed(target, n)]
    score = max((_score(n, target) for n in names), default=0.0)
    core = _COUNT_MEASURE.sub("", target)
    if len(core) >= 3 and core in counted_noun(ctx, f):
        score = max(score, 1.0)
    return score


def same_vocabulary_key(written: str, f: Fact) -> bool:
    """True when the written name and the figure are one indicator of kb's vocabulary under two of
    its names, of one scope (占GDP比重 over a figure written 国内生产总值)."""
    key = vocabulary_key(normal_name(written))
    return bool(key) and key == f"{f.scope or ''}|{f.indicator_key}"


_OPPOSED = tuple(tuple(pair) for pair in words("relations", "opposed_names"))


def opposed(a: str, b: str) -> bool:
    """True when two names differ by words of a pair that name different figures (人民币各项贷款余额
    and 人民币各项存款余额; 出口 and 进口): however many characters they share, they are not one."""
    return any((x in a and y in b and x not in b) or (y in a and x in b and y not in b) for x, y in _OPPOSED)


def names_alike(ctx: Context, written: str, f: Fact) -> bool:
    """True when the written name is (mostly) inside the figure's name too: 产销率 stated is not
    surely the 规模以上工业产销率 a comparison names, whose qualifying words it lacks."""
    target = normal_name(written)
    names = [normal_name(figure_name(ctx, f)), normal_name(f.indicator)]
    return any(not opposed(target, n) and (target in n or _score(target, n) >= 0.75) for n in names)


def qualifier_missing(ctx: Context, written: str, f: Fact) -> bool:
    """True when the figure's name is the written name less words before it (占新能源汽车总销量的 over a
    figure named 汽车总销量): the written qualifier names another, smaller figure."""
    target = normal_name(written)
    names = {normal_name(figure_name(ctx, f)), normal_name(f.indicator)} - {""}
    heads = [_JURISDICTION_LEAD.sub("", target[: len(target) - len(n)]) for n in names if target.endswith(n)]
    # 占重点企业出口交货总值的 over 出口交货值 of the 重点企业 the figure is about: its subject, no qualifier;
    # 占全省出口交货总值的: the document's own area, no qualifier either
    return any(len(head) >= 2 and head not in (f.subject or "") + (f.scope or "") for head in heads)


_JURISDICTION_LEAD = re.compile("^(?:" + "|".join(words("relations", "jurisdictions")) + ")")


_WRITTEN_WHOLE = regex("relations", "written_whole")


def written_whole(lead: str) -> str:
    """The whole a share names: Y of '占Y的比重为' at the end of the words before the share."""
    m = _WRITTEN_WHOLE.search(lead)
    return m.group(1) if m else ""


@dataclass
class Named:
    """The level a written name refers to, and whether the choice is certain."""

    fact: Fact
    certain: bool


def _rank(ctx: Context, written: str, f: Fact, like: Fact) -> tuple[float, bool]:
    """How well ``f`` is named by ``written``, and whether it is no subtotal; a figure of the same
    vocabulary indicator as the name is named by it when it is about ``like``'s subject."""
    score = name_score(ctx, written, f)
    if score < 1.0 and f.subject_key == like.subject_key and same_vocabulary_key(written, f):
        score = 1.0
    if score < NAME_MATCH and f.subject_key == like.subject_key and like.unit_normalized in _COUNTED \
            and f.char_end <= ctx.sentence_of(like.char_start)[0] and _head_named(ctx, written, f):
        score = NAME_MATCH
    return score, not is_subtotal(ctx, f)


_COUNT_TOTAL_END = re.compile(r"总数$")
_COUNT_WORD_END = re.compile(r"(?:数量|数)$")


def _head_named(ctx: Context, written: str, f: Fact) -> bool:
    """占全市床位总数的: a count's whole written as its head noun and 总数 (床位总数) names a figure
    whose name is or ends in that noun (医疗卫生机构床位; 医院) of the same subject, stated before the
    share's sentence (公立医院135个，民营医院285个，公立医院占医院总数的…: the sibling 民营医院 beside
    the part is no whole); ranked below a fuller name, and a tie of several such figures leaves the
    choice uncertain. Counts only: an amount's name may end in another's without being it (进出口总值
    ends in 出口总值's 出口)."""
    if not _COUNT_TOTAL_END.search(re.sub(r"\s", "", written)):
        return False
    core = _COUNT_WORD_END.sub("", normal_name(written))
    names = {normal_name(figure_name(ctx, f)), normal_name(f.indicator)} - {""}
    return len(core) >= 2 and any(n.endswith(core) for n in names)


def named_level(ctx: Context, written: str, like: Fact, before: int | None = None,
                larger_than: Fact | None = None) -> Named | None:
    """The level of the document that ``written`` names: of ``like``'s unit (and written count
    classifier), year and period (the previous period's when ``like`` is), not a stated change, stated before
    ``before`` when given, larger than ``larger_than`` when given; the best by name, a headline
    figure before a subtotal, the earliest of equals. None when nothing is named so."""
    end = len(ctx.text) if before is None else before
    prior = is_prior_level(ctx, like)   # 去年同期为A，占当期Y的s%: the previous period's Y
    pool = [f for f in ctx.text_facts if f.char_end <= end and is_level(f) and compatible_units(f, like)
            and (like.unit_normalized != "count" or f.unit_normalized != "count" or f.unit == like.unit)
            and f is not like
            and not is_stated_change(ctx, f) and is_prior_level(ctx, f) == prior and not is_comparand(ctx, f)
            and (year_of(ctx, f) is None or like.year is None or year_of(ctx, f) == like.year)
            and (larger_than is None or f.value_normalized > larger_than.value_normalized)]
    ranked = sorted(((_rank(ctx, written, f, like), f) for f in pool), key=lambda x: (-x[0][0], not x[0][1], x[1].char_start))
    ranked = [(r, f) for r, f in ranked if r[0] >= NAME_MATCH]
    if not ranked:
        return None
    best_rank, best = ranked[0]
    rivals = [f for r, f in ranked[1:] if r == best_rank and f.value_normalized != best.value_normalized]
    return Named(best, certain=not rivals)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _suffix_rank(ctx: Context, part: Fact, f: Fact) -> int:
    """How many final characters the names of two figures share (前10位企业销售收入合计 and
    实现产品销售收入: 4), by their clause words or indicators."""
    mine = {normal_name(figure_name(ctx, part)), normal_name(part.indicator)} - {""}
    theirs = {normal_name(figure_name(ctx, f)), normal_name(f.indicator)} - {""}
    return max((_common_suffix(a, b) for a in mine for b in theirs), default=0)


def headline_of(ctx: Context, part: Fact, keep: Callable[[Fact], bool] | None = None) -> Named | None:
    """The whole a part's unnamed 所占比重 is of: the document's headline level of the part's
    indicator (its name ends like the part's, in three characters at least), never a subtotal
    or a selection, of the part's unit and year and larger than it (and one ``keep`` accepts,
    when given); the earliest of the best."""
    pool = [f for f in ctx.text_facts if is_level(f) and compatible_units(f, part) and f is not part
            and (keep is None or keep(f))
            and f.value_normalized > part.value_normalized and not is_subtotal(ctx, f)
            and not is_stated_change(ctx, f) and not is_prior_level(ctx, f) and not is_comparand(ctx, f)
            and (year_of(ctx, f) is None or part.year is None or year_of(ctx, f) == part.year)]
    return headline_among(ctx, part, pool)


def headline_among(ctx: Context, like: Fact, pool: list[Fact]) -> Named | None:
    """The figure of ``pool`` whose name ends like ``like``'s (three characters at least), the
    earliest of the best; certain when no other of the best states another value."""
    ranked = sorted(((_suffix_rank(ctx, like, f), f) for f in pool if f is not like),
                    key=lambda x: (-x[0], x[1].char_start))
    ranked = [(r, f) for r, f in ranked if r >= 3]
    if not ranked:
        return None
    best_rank, best = ranked[0]
    rivals = [f for r, f in ranked[1:] if r == best_rank and f.value_normalized != best.value_normalized]
    return Named(best, certain=not rivals)


def best_named(ctx: Context, written: str, pool: list[Fact]) -> Fact | None:
    """The figure of ``pool`` whose name holds most of ``written`` (at least NAME_MATCH of its
    character pairs): the one value among the best that no 其中 lists as a part (房屋竣工面积, not the
    住宅竣工面积 listed under it); None when two such name it equally well (乙类出口额, 乙类进口额 for 乙类)."""
    scored = [(bigram_cover(written, f.indicator or ""), f) for f in pool]
    scored = [(s, f) for s, f in scored if s >= NAME_MATCH]
    if not scored:
        return None
    top = max(s for s, _ in scored)
    best = [f for s, f in scored if s == top]
    # a part its 其中 lists is no rival of its total (房屋竣工面积…；其中住宅竣工面积…); others are
    heads = [f for f in best if not is_subtotal(ctx, f) and "其中" not in _clause_run_before(ctx, f)]
    return heads[0] if len({f.value_normalized for f in heads}) == 1 else None


def _clause_run_before(ctx: Context, f: Fact) -> str:
    """The words of the figure's ；-clause run before it (其中住宅竣工面积 / ；其中，…)."""
    s0, _ = ctx.sentence_of(f.char_start)
    return re.split(r"[；;。]", ctx.text[s0:f.char_start])[-1]
