"""Whether a fact states the figure a claim states: identity rules, tried in order.

Each rule compares one part of the identity of a claim's figure and a fact
(kb.figures.identity's fields) and returns a `Finding`, or None when that part
agrees:

- ``differs``: the fact measures something else (another year, months, measure,
  scope, basis, status, subject or indicator); it is never compared with the
  claim and, as the nearest figure, explains why nothing was found;
- ``doubt``: the fact may measure the claim's thing but kb is not sure (a subject
  the linker carried from context against the document's own, a year carried
  into a document's plans, an indicator whose qualifier is read from the
  document's title, an undated figure): it may bear the claim out when the
  values agree, never contradict it.

`compare` runs `RULES` in order: the first ``differs`` ends the comparison,
doubts are collected. A `Frame` says what a fact's document makes clear for
all its figures (kb.search.frames). Two ways of stating one figure are read
alike first (`normalize`): 增长1.51倍 is 是…的2.51倍, a growth over the year
before a year is that year's growth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, NamedTuple, Optional

from kb.figures.identity import (compact, indicator_key, is_real_growth_key, month_range, rank_orders, strip_words,
                                 words as identity_words)
from kb.models import CURRENCY_CODES, Fact
from kb.text.script import simplified
from kb.text import vocab

VOCAB = "claims"
DIFFERS, DOUBT = "differs", "doubt"
GROWTH_MEASURES = ("yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr")
CLAIM_NAMES_NO_YEAR = "the claim names no year"
FIGURE_UNDATED = "the figure's year is not stated"


def words(key: str) -> tuple[str, ...]:
    return vocab.words(VOCAB, key)


class Finding(NamedTuple):
    kind: str       # DIFFERS or DOUBT
    reason: str     # one clause: "another period (1999, the claim 1998)"


@dataclass(frozen=True)
class Frame:
    """What a fact's document makes clear about every figure it states."""

    subject: str = ""               # the document's one subject key ("" when it names none or several)
    year: Optional[int] = None      # the year it reports on
    plan_from: Optional[int] = None  # where it starts on later years (a work report's plans): from there
    #                                  on, a year carried from context is not sure


@dataclass
class Pair:
    """A claim's figure and a fact, with the fact's document frame and lead-in sentence."""

    claim: Fact
    fact: Fact
    frame: Frame = field(default_factory=Frame)
    lead_in: str = ""               # the sentence a 其中 part belongs to


class Match(NamedTuple):
    differs: str                    # the first difference ("" when none)
    doubts: tuple[str, ...]         # why the fact may not be the claim's figure
    rank: int                       # how far the rules got before a difference (higher = nearer)
    loose: bool = False             # the indicator matched only as a doubt (read from context)

    @property
    def comparable(self) -> bool:
        return not self.differs

    @property
    def identical(self) -> bool:
        return not self.differs and not self.doubts


Rule = Callable[[Pair], Optional[Finding]]


# --- one figure, two wordings --------------------------------------------------------

def years(fact: Fact) -> Optional[tuple[int, int]]:
    """(first, last) year a figure is of, None when undated."""
    if fact.period_start is not None and fact.period_end is not None:
        return fact.period_start, fact.period_end
    if fact.year is not None:
        return fact.year, fact.year
    return None


_BASE_NAMED = re.compile(r"(?:比|较|与|相比|同比)\s*(?:19|20)\d{2}\s*年")


def _yoy_cued(fact: Fact) -> bool:
    """比上年增长 / 同比增长 before the figure in its sentence, and no other base year in its clause
    (…比上年增长6.8%，扣除物价下跌因素，实际增长9.5%): a growth against the year before."""
    from kb.figures.identity import words as identity_words

    before = sentence_before(fact)
    return not _BASE_NAMED.search(clause_before(fact)) and any(w in before for w in identity_words("yoy_cues"))


_DAY_DATE = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")


def context_months(fact: Fact) -> tuple[int, int]:
    """The months of a growth read as one year's: those its clause names (相比去年1-2月的增幅), else
    its document's title (1-2月…财政收入…), else the whole year; a day's date names no months."""
    from kb.figures.identity import month_range

    for text in (clause_before(fact), fact.doc_title):
        months = month_range(_DAY_DATE.sub("", text or ""))
        if months != (1, 12):
            return months
    return 1, 12


def _base_year(fact: Fact) -> Optional[int]:
    """The year a growth is measured against, named in its clause (比2019年同期增长17.8%), else None."""
    m = _BASE_NAMED.search(clause_before(fact) or "")
    return int(re.search(r"(?:19|20)\d{2}", m.group()).group()) if m else None


def normalize(fact: Fact) -> Fact:
    """The figure in one wording: a growth or multiple over (Y−1, Y) is Y's (比上年, 是上年的); a
    growth stated in 倍 (增长1.51倍) is the multiple it makes (是…的2.51倍); a growth of Y against a
    base year B it names is over the span B–Y."""
    update: dict = {}
    span = years(fact)
    base = _base_year(fact) if fact.measure == "growth_vs_base" and span and span[0] == span[1] else None
    if base is not None and base < span[1] - 1:
        span = (base, span[1])
        update.update(year=None, period_start=base, period_end=span[1], period_start_month=f"{base:04d}-01",
                      period_end_month=f"{span[1]:04d}-12")
    if fact.measure in ("growth_vs_base", "yoy_growth") and span and span[1] > span[0] + 1 and _yoy_cued(fact):
        span = (span[1] - 1, span[1])   # 比上年增长6.8% under a span carried from context: the last year's
    if fact.measure in ("growth_vs_base", "multiple", "yoy_growth") and span and span[1] == span[0] + 1:
        first, last = context_months(fact)
        update.update(measure="yoy_growth" if fact.measure == "growth_vs_base" else fact.measure,
                      year=span[1], period_start=None, period_end=None,
                      period_start_month=f"{span[1]:04d}-{first:02d}", period_end_month=f"{span[1]:04d}-{last:02d}")
    if fact.unit_normalized == "times" and (update.get("measure") or fact.measure) in GROWTH_MEASURES \
            and fact.measure != "cagr" and fact.direction != "down":
        digits = (fact.value_text or "").lstrip("+")
        places = len(digits.split(".", 1)[1]) if "." in digits else 0
        update.update(measure="multiple", value=fact.value + 1, value_normalized=fact.value_normalized + 1,
                      value_text=f"{fact.value + 1:.{places}f}", figure_text="")
    return fact.model_copy(update=update) if update else fact


# --- subject ----------------------------------------------------------------------

@lru_cache(maxsize=20000)
def _stem(name: str) -> str:
    """A place's name without the suffix of a county or city the gazetteer does not list (桐源县 → 桐源);
    not when what is left is a listed place (长沙县 is the county, not the city 长沙)."""
    from kb.text.gazetteer import is_place

    if is_place(name):
        return name
    for suffix in words("admin_suffix"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            return name if is_place(stem) else stem
    return name


_MEMBER_COUNT = re.compile(r"[一二两三四五六七八九十\d]{1,3}(?:省区市|省区|省市|省份|个省份|省|市|地|区|国)$")


def same_subject(a: str, b: str) -> bool:
    """True when two subject keys name one place or organisation (北京 = 北京市, 粤桂琼 = 广东、广西、海南,
    桐源县 = 桐源, 黄河流域九省区 = 黄河流域)."""
    if not a or not b:
        return False
    a, b = _MEMBER_COUNT.sub("", a) or a, _MEMBER_COUNT.sub("", b) or b
    if a == b or _stem(a) == _stem(b):
        return True
    return bool(_subject_names(a) & _subject_names(b)) or _members(a) == _members(b) != frozenset()


@lru_cache(maxsize=20000)
def _subject_names(name: str) -> frozenset:
    from kb.text.gazetteer import aliases, canonical, is_place

    if not is_place(name):
        return frozenset({name})
    return frozenset(aliases(name) | {canonical(name)})


@lru_cache(maxsize=20000)
def _members(name: str) -> frozenset:
    from kb.text.gazetteer import canonical, members

    return frozenset(canonical(m) for m in members(name))


def part_of(part: str, whole: str) -> bool:
    """大湾区内地九市 is the part of 粤港澳大湾区 a document studies."""
    for word in words("part_of_region"):
        if part.endswith(word) and len(part) > len(word) and same_subject(part[: -len(word)], whole):
            return True
    return False


def fact_subjects(fact: Fact, frame: Frame) -> list[tuple[str, bool]]:
    """The subjects a fact may be about, each with whether kb is sure of it.

    A place its own sentence names is sure; so is a subject carried from the sentences
    before, the paragraph's topic, unless it is the nation or a part of the document's own
    subject (全国 or 金华 carried on in a report on 浙江): then the figure is about that one
    or about the document's subject, and kb cannot tell which. An organisation carried from
    an earlier sentence, or named by its sentence outside the figure's clause and the one
    before (成立…指挥部，…，外贸出口增长7.2%), leaves the figure to the document's subject (a
    company so named leaves it to either: 三家集团公司…，销售收入合计X is theirs); so
    does a sentence that names no place but the document's own area (全省生产总值增长5.5%).
    A fact without a subject is about the document's subject.
    """
    own = fact.subject_key or ""
    carried = fact.subject_rule in words("carried_subject_rules") or not fact.subject_rule
    if frame.subject and (carried or not own) and any(w in plain_sentence(fact.quote) for w in words("own_area")):
        return [(frame.subject, True)]   # 全省生产总值增长5.5%: the province the report is about
    if not own:
        return [(frame.subject, True)] if frame.subject else []
    if carried and vocab.regex("claims", "own_list").search(sentence_before(fact)):
        # 食品饮料、农林牧渔…等行业…研发强度仅在0.25%左右: the list's figure, not the carried subject's
        return [(own, False)] + ([(frame.subject, False)] if frame.subject and frame.subject != own else [])
    if frame.subject and same_subject(own, frame.subject):
        return [(own, True)]
    if fact.subject_rule in words("organisation_subject_rules") and frame.subject:
        return _organisation_subjects(fact, own, frame.subject)
    if carried and frame.subject and not _is_place(own):
        return [(frame.subject, True), (own, False)]
    if carried and frame.subject and (own in words("national") or within(own, frame.subject)):
        return [(own, False), (frame.subject, False)]
    return [(own, True)]


def _organisation_subjects(fact: Fact, own: str, document: str) -> list[tuple[str, bool]]:
    """`fact_subjects` of a figure whose subject is an organisation its sentence names."""
    if compact(own) in clause_before(fact) + clause_before_previous(fact) or _opens_own_chain(fact, own):
        return [(own, True)]   # 长城汽车更是达到近64%: the organisation its clause names
    if own.endswith(words("acting_bodies")):
        return [(document, True), (own, False)]   # 成立…指挥部，…，外贸出口增长7.2%
    # 中国石油…和国家电力公司分列前3位，…，销售收入合计达9956亿元: a company's figure or the group's
    return [(own, False), (document, False)]


def _opens_own_chain(fact: Fact, own: str) -> bool:
    """True when the organisation opens, with the figure's own indicator, a run of clauses that ends
    in the figure and names no group (中国移动研发支出由…110亿元，提升至185亿元，同比增加67%)."""
    before, indicator = compact(sentence_before(fact)), compact(fact.indicator or "")
    at = before.rfind(compact(own) + indicator) if indicator else -1
    if at < 0:
        return False
    run = before[at:]
    return not any(w in run for w in words("total_words") + words("chain_breakers"))


def _is_place(name: str) -> bool:
    from kb.text.gazetteer import is_place

    return is_place(name) or _stem(name) != name


def within(part: str, whole: str) -> bool:
    """True when ``part`` is a member of region ``whole`` or a city of province ``whole`` (金华 in 浙江)."""
    from kb.text.gazetteer import canonical, members

    if part in {canonical(m) for m in members(whole)}:
        return True
    cities = vocab.vocabulary("places").get("cities", {}).get(canonical(whole), ())
    return part in cities


def _claim_subject(p: Pair) -> tuple[str, bool]:
    """(the claim's subject, named inside its indicator): a claim that names no subject may open
    its indicator with the fact's subject (华岳精密营业收入); else it speaks of the whole country."""
    if p.claim.subject_key:
        return p.claim.subject_key, False
    head = compact(p.claim.indicator)
    for name in (p.fact.subject, p.fact.subject_key):
        if name and len(name) >= 2 and head.startswith(compact(name)):
            return p.fact.subject_key or name, True
    return words("national")[0], False


def points_to_selection(fact: Fact) -> bool:
    """True when a figure whose subject is carried from the context has a sentence that opens on a
    word pointing back to a selection (这些企业, 上述地区): it is that selection's figure."""
    if not (fact.subject_rule or "").startswith("carried"):
        return False
    before = sentence_before(fact)
    return any(w in before for w in words("selection_pointers"))


def rule_subject(p: Pair) -> Optional[Finding]:
    """The claim's subject is the fact's (see `fact_subjects`); a part of the claim's region
    (内地九市) is a doubt, and so is a figure of no stated place for a claim that names none or the
    nation; a claim that names a place is not borne out by a figure that may be any place's."""
    from kb.text.gazetteer import is_place

    claimed, _ = _claim_subject(p)
    if points_to_selection(p.fact):
        return Finding(DIFFERS, f"the figure is of a selection named before it ({sentence_before(p.fact)[-24:]})")
    subjects = fact_subjects(p.fact, p.frame)
    if not subjects and p.claim.subject_key and claimed not in words("national") and is_place(claimed):
        # 江苏省实际使用外资X against a figure of no stated place: it may be any place's
        return Finding(DIFFERS, f"the figure's subject is not stated (the claim's is {claimed})")
    if not subjects:
        return Finding(DOUBT, "the figure's subject is not stated")
    sure = [s for s, certain in subjects if certain and same_subject(claimed, s)]
    if sure:
        return None
    if any(same_subject(claimed, s) for s, _ in subjects):
        return Finding(DOUBT, f"its subject is carried from the context ({'/'.join(s for s, _ in subjects)})")
    if any(part_of(s, claimed) for s, _ in subjects):
        return Finding(DOUBT, f"{subjects[0][0]} is a part of {claimed}")
    return Finding(DIFFERS, f"another subject ({'/'.join(s for s, _ in subjects)}, the claim {claimed})")


# --- indicator --------------------------------------------------------------------

@lru_cache(maxsize=50000)
def indicator_forms(indicator: str, key: str, subject: str) -> tuple[str, ...]:
    """The comparable wordings of an indicator: its key and its phrase with counting and status
    words (实际, 首次, 合计, 预期 …) and change words (增长率, 降至 …) removed, each re-keyed by
    kb.figures.identity.indicator_key (地区生产总值 → GDP)."""
    forms = []
    for text in (key, indicator):
        flat = compact(text)
        inside = [flat.rfind(w) + len(w) for w in words("own_area") if 0 < flat.rfind(w) < len(flat) - len(w)]
        flat = flat[max(inside):] if inside else flat   # 、城市建设和环境保护全市用电量 → 用电量
        flat = without_noise(flat)
        flat, _ = strip_words(flat, words("indicator_lead"), "lead")
        flat, _ = strip_words(flat, words("indicator_tail"), "tail")
        if flat:
            forms.append(_keyed(flat, subject))
            bare, _ = strip_words(flat, vocab.words("identity", "measure_tail"), "tail")
            forms.append(_keyed(bare, subject) if bare else "")   # 数字经济规模占GDP比重: 数字经济's share
    return tuple(dict.fromkeys(f for f in forms if f))


def without_noise(flat: str) -> str:
    """``flat`` without the words that say how or when it is counted (现价, 按可比价格计算, 合计 …),
    never emptied by it."""
    for word in sorted(words("indicator_noise"), key=len, reverse=True):
        flat = flat.replace(word, "") if len(flat) > len(word) else flat
    return flat


def _keyed(text: str, subject: str) -> str:
    """indicator_key of ``text``; a place's suffix left before it (区地区生产总值) comes off when
    what follows is a known indicator."""
    key = indicator_key(text, subject)[0] or text
    if text[:1] in words("indicator_leftover_lead") and len(text) > 3:
        rest = indicator_key(text[1:], subject)[0]
        if rest and rest != text[1:] and rest != key:
            return rest
    return key


def _forms(fact: Fact) -> tuple[str, ...]:
    listed = fact.doc_id != "claim" and words("respectively")[0] not in _plain(fact.quote)
    return _fact_forms(fact.indicator or "", fact.indicator_key or "", fact.subject or "", listed)


@lru_cache(maxsize=50000)
def _fact_forms(indicator: str, key: str, subject: str, listed: bool) -> tuple[str, ...]:
    """indicator_forms, and for a 、-list with one figure (PPI、PPIRM上涨2.4%, no 分别) each item's."""
    forms = indicator_forms(indicator, key, subject)
    items = [x for x in re.split(r"[、/]", compact(indicator)) if x]
    if len(items) > 1 and listed:
        for item in items:
            forms += indicator_forms(item, "", subject)
    return forms


@lru_cache(maxsize=5000)
def clause_forms(clause: str, subject: str) -> tuple[str, ...]:
    """The wordings of the words before a claim's figure, times off (2000—2020年京津冀数字经济平台型
    企业注册资本年均增长率为 → 数字经济平台型企业注册资本): the claim is written to be checked, so the
    words before its figure name what it measures, whatever the linker kept."""
    text = vocab.regex("linking", "time_words").sub("", clause)
    return indicator_forms(text, "", subject) if len(text) >= 2 else ()


def _claim_forms(p: Pair) -> tuple[str, ...]:
    """The claim's wordings (its indicator and the words before its figure); when its subject opens
    its indicator (华岳精密营业收入), also without it."""
    forms = _forms(p.claim) + clause_forms(clause_before(p.claim), p.claim.subject or "")
    claimed, inside = _claim_subject(p)
    if inside:
        name = compact(p.fact.subject or claimed)
        stripped = compact(p.claim.indicator)[len(name):]
        forms += indicator_forms(stripped, "", "") if stripped else ()
    return forms


def _context(p: Pair) -> str:
    """Where a claim's extra words may be read for a fact: its sentence up to the figure, the sentence
    its 其中 part belongs to, its document's title (not the clauses after it, which speak of others:
    各项贷款新增1.91万亿元，其中制造业…)."""
    return compact(p.lead_in + sentence_before(p.fact) + p.fact.doc_title)


_QUOTES = re.compile(r"[“”\"'‘’《》「」]")
_FIGURE_ASIDE = re.compile(r"[（(][^（）()]*\d[^（）()]*[）)]")   # 占全国（126.06万亿元）的: a figure aside


def _plain(quote: str) -> str:
    """A quote without quotation marks and bracketed figures, its other brackets opened (（常住人口城镇化率）),
    in simplified characters (the rules' words are simplified; kb.text.script)."""
    return re.sub(r"[（）()]", "", _FIGURE_ASIDE.sub("", _QUOTES.sub("", simplified(quote or ""))))


@lru_cache(maxsize=50000)
def plain_sentence(quote: str) -> str:
    """A quote compacted and plain (see `_plain`)."""
    return compact(_plain(quote))


class Around(NamedTuple):
    """A figure's sentence read up to the figure."""

    sentence: str      # the sentence up to the figure (all of it when the figure is not found)
    clause: str        # the figure's own clause, up to the figure
    previous: str      # the clause before it ("" when none)


@lru_cache(maxsize=50000)
def _around(quote: str, figure: str) -> Around:
    text = _plain(quote)
    end = text.find(figure) if figure else -1
    if end < 0:
        return Around(text, "", "")
    clauses = re.split(r"[，,；;。：:]", text[:end])
    return Around(text[:end], re.split(r"[，,；;。：:\s]", text[:end])[-1], clauses[-2] if len(clauses) >= 2 else "")


def around(fact: Fact) -> Around:
    """The fact's sentence, clause and previous clause up to its figure."""
    return _around(fact.quote or "", _figure(fact))


def _figure(fact: Fact) -> str:
    """The fact's figure as its quote writes it, compact and simplified (12個百分點 → 12个百分点)."""
    return simplified(compact(fact.figure_text or "") or compact(f"{fact.value_text}{fact.unit}"))


def names_average_after(fact: Fact) -> bool:
    """True when the words right after the fact's figure name it an average's value (超过18.3%的全国平均水平:
    the 18.3 % is the nation's, not a bound the counted provinces meet)."""
    text, figure = _plain(fact.quote or ""), _figure(fact)
    at = text.find(figure) if figure else -1
    return at >= 0 and bool(vocab.regex("quantities", "average_named_after").match(text, at + len(figure)))


def sentence_before(fact: Fact) -> str:
    """The fact's sentence up to its figure."""
    return around(fact).sentence


def clause_before(fact: Fact) -> str:
    """The words of the fact's clause before its figure (from the last comma, stop or space)."""
    return around(fact).clause


@lru_cache(maxsize=1)
def _link_words() -> re.Pattern:
    return re.compile(f"(?:{vocab.alternation(sorted(words('link_words'), key=len, reverse=True))})*")


def _names_figure(clause: str, phrase: str) -> bool:
    """True when ``phrase`` is written in ``clause`` right before its figure, with nothing after it
    but linking and time words (离岸服务外包执行额 | 940.7亿美元; 新能源发电量 | 达到 | 1680亿千瓦时;
    一般公共预算收入 | 相比去年1-2月的增幅甚至达到了 | 61.8%); not after a modifier ending in 的."""
    at = clause.rfind(phrase)
    if at < 0 or clause[:at].endswith("的"):
        return False   # 对实体经济发放的人民币贷款: a part of what the phrase names, not all of it
    rest = vocab.regex("linking", "time_words").sub("", clause[at + len(phrase):])
    return bool(_link_words().fullmatch(rest))


def _claim_phrase(claim: Fact) -> str:
    """The claim's indicator as written, counting words off (全社会研发投入, 离岸服务外包执行额)."""
    return _phrase(claim.indicator or "")


@lru_cache(maxsize=5000)
def _phrase(indicator: str) -> str:
    flat = compact(indicator)
    for word in sorted(words("indicator_noise"), key=len, reverse=True):
        flat = flat.replace(word, "") if len(flat) > len(word) else flat
    return flat


def _compared_increase(fact: Fact) -> str:
    """多增 / 少增 … when the fact's key says it is how much more or less rose than a year before."""
    key = fact.indicator_key or ""
    return next((w for w in vocab.words("identity", "increase_compared") if key.endswith(w)), "")


def _other_statistic(p: Pair) -> Optional[Finding]:
    """Another statistic of the same name: how much more rose (同比多增) is not the increase; a mean
    (两省均值) is no total."""
    compared = (_compared_increase(p.claim), _compared_increase(p.fact))
    if compared[0] != compared[1]:
        # 增加321.4亿元，同比多增45.6亿元: 45.6 is how much more rose, not the increase
        return Finding(DIFFERS, f"another figure ({compared[1] or 'the increase'}, the claim {compared[0] or 'the increase'})")
    kinds = statistic(_claim_phrase(p.claim)), statistic(compact(p.fact.indicator) + clause_before(p.fact))
    if all(kinds) and kinds[0] != kinds[1]:
        return Finding(DIFFERS, f"another statistic ({kinds[1]}, the claim {kinds[0]})")   # 两省均值 is no 总量
    return None


def rule_indicator(p: Pair) -> Optional[Finding]:
    """The claim's indicator is the fact's: the same key or wording once counting and change
    words are off, or the claim's wording written out in the fact's own clause before its figure
    (…承接离岸服务外包执行额940.7亿美元, where the linker kept 执行额). A fact's wording that is
    only the head of the claim's (国家重点企业利税 ~ 利税) or its start (政务服务事项同事同标 ~
    政务服务事项) is a doubt, never a refutation, when the words the claim adds appear in the
    fact's sentence, lead-in or document title."""
    claimed, stated = _claim_forms(p), _forms(p.fact)
    if not claimed:
        return Finding(DIFFERS, "the claim names no indicator")
    other = _other_statistic(p)
    if other is not None:
        return other
    if not stated:
        return Finding(DOUBT, "the figure's indicator is not stated")   # 广东省以27117.96亿元居于全国首位
    if set(claimed) & set(stated):
        return None
    phrase = _claim_phrase(p.claim)
    written = compact(p.claim.indicator or "")
    if len(written) >= 3 and _names_figure(clause_before(p.fact), written):
        return _named_part(p, written)
    context, previous = _context(p), clause_before_previous(p.fact)
    named = sentence_names(simplified(p.fact.quote or ""), phrase, tuple(claimed))
    if named:
        return Finding(DOUBT, f"the figure's sentence names {named}")   # 城镇登记失业人员迅速上升，由…升至…，增长47.6%
    for c in claimed:
        for s in (s for s in stated if len(s) >= 2 and s != c):
            extra = c[: -len(s)] if c.endswith(s) else c[len(s):] if c.startswith(s) else ""
            if extra and c.endswith(s) and len(extra) >= 2 and extra in previous:
                return None   # 承接离岸服务外包合同额X，执行额Y: the qualifier is shared by the list
            if extra and extra in context:
                return Finding(DOUBT, f"the claim's {extra} is read from the figure's context")
    return Finding(DIFFERS, f"another indicator ({stated[0]}, the claim {claimed[0]})")


def _named_part(p: Pair, written: str) -> Optional[Finding]:
    """The claim's wording ends the fact's name: the same figure, unless the name adds words before
    it: under 其中 a part (其中，实物商品网上零售额2210.5亿元 of 网上零售额), a doubt; elsewhere a kind
    (装备制造业PMI of 制造业PMI), another figure. Words of a scope (规模以上) are the scope rule's."""
    added = _added_head(p.fact, written)
    if added and any(w in sentence_before(p.fact) for w in words("part_leads")):
        return Finding(DOUBT, f"the figure is a part named {added}{written}, more than the claim's words")
    if len(added) >= 2 and not p.fact.scope and added not in (p.claim.quote or "") \
            and added not in words("whole_heads"):
        # 装备制造业PMI for a claim of 制造业PMI: a kind of the claim's figure, another figure
        return Finding(DIFFERS, f"another indicator ({added}{written}, the claim {written})")
    return None


def _added_head(fact: Fact, written: str) -> str:
    """The words the fact's own indicator puts before the claim's wording (实物商品 of 实物商品网上零售额),
    places and area words (全市, 全省) aside; "" when it adds none."""
    name = compact(fact.indicator or "")
    if not name.endswith(written) or len(name) <= len(written):
        return ""
    head, _ = strip_words(name[: -len(written)], identity_words("area_lead"), "lead")
    for place in (fact.subject, fact.subject_key):
        head = head.replace(compact(place or ""), "") if place else head
    return head


@lru_cache(maxsize=1)
def _phrases_of_keys() -> dict[str, tuple[str, ...]]:
    """indicator key → the phrases of kb's vocabulary that name it (一般公共预算收入: 一般预算收入 …)."""
    table = vocab.vocabulary("identity")["indicators"]
    return {key: tuple(sorted({key, *phrases}, key=len, reverse=True)) for key, phrases in table.items()}


def sentence_names(quote: str, phrase: str, keys: tuple[str, ...]) -> str:
    """The claim's indicator as its sentence writes it — its own wording, or a phrase of kb's vocabulary
    for one of its keys (一般预算收入 for 一般公共预算收入) — not after a modifier ending in 的 (对实体经济
    发放的人民币贷款 is a part of 人民币贷款), else ""."""
    plain = plain_sentence(quote)
    wordings = ([phrase] if len(phrase) >= 4 else []) + [w for k in keys for w in _phrases_of_keys().get(k, ())
                                                         if len(w) >= 4]
    return next((w for w in wordings if any(plain[m.start() - 1:m.start()] != "的"
                                            for m in re.finditer(re.escape(w), plain))), "")


def statistic(text: str) -> str:
    """"total" or "average" when ``text`` says so (余额总量, 两省均值), else "" (an average annual growth,
    年平均增长, is a growth, not an average of a group)."""
    from kb.figures.identity import words as identity_words

    flat = compact(text)
    for cue in sorted(identity_words("cagr_cues") + identity_words("avg_2y_cues"), key=len, reverse=True):
        flat = flat.replace(cue, "")
    if any(w in flat for w in words("average_words")):
        return "average"
    return "total" if any(w in flat for w in words("total_words")) else ""


def clause_before_previous(fact: Fact) -> str:
    """The clause of the fact's sentence just before its own (…合同额1352.4亿美元，| 执行额940.7亿美元)."""
    return around(fact).previous


# --- measure, unit, share ---------------------------------------------------------------

def _measure_class(fact: Fact) -> str:
    m = fact.measure or "level"
    if fact.unit_normalized in ("%", "‰") and m in words("rate_measures"):
        return "rate"
    if m in words("amount_measures"):
        return "amount"
    return m


def rule_unit(p: Pair) -> Optional[Finding]:
    """The two figures are in one unit (a growth in % is not a level in 亿元; 美元 is not 元). A
    figure written with a bare scale word (研发支出合计1.36万亿) is in the unit of its indicator,
    the claim's when the indicators are one."""
    a, b = p.claim.unit_normalized, p.fact.unit_normalized
    if a == b and "count" in (a, b) and (p.claim.unit in words("bare_scale_units")) != (
            p.fact.unit in words("bare_scale_units")):
        return Finding(DOUBT, "one of the two figures states no unit")   # 500多亿 against 17家
    if a == b or (b == "count" and p.fact.unit in words("bare_scale_units") and a in CURRENCY_CODES):
        return None
    if {a, b} <= set(words("head_count_units")):
        return None   # 1.1亿个就业岗位 = 11350万人
    return Finding(DIFFERS, f"another unit ({b}, the claim {a})")


def rule_measure(p: Pair) -> Optional[Finding]:
    """The same kind of figure: a year-on-year growth is not a two-year average, an average
    annual growth or a growth since a base year; a level is not a change; a rank of a growth rate
    is not a rank of a level (`ranked_by`)."""
    if _measure_class(p.claim) != _measure_class(p.fact):
        return Finding(DIFFERS, f"another measure ({p.fact.measure or 'level'}, the claim {p.claim.measure or 'level'})")
    if p.claim.measure == "rank" and ranked_by(p.claim) != ranked_by(p.fact):
        return Finding(DIFFERS, f"one ranks a growth rate, the other a level (the figure's {ranked_by(p.fact)})")
    return None


def ranked_by(fact: Fact) -> str:
    """What a rank orders: "growth" when the growth word nearest before it in its indicator, its clause
    and the clause before is nearer than any level word (19.8%的同比增速…，全国排名第二), else "level"
    (GDP增长15%，总量排名第五; 收入达到235亿元，全国排名上升到24位)."""
    return rank_orders(compact(f"{fact.indicator or ''}{clause_before_previous(fact)}{clause_before(fact)}"))


def share_whole(fact: Fact) -> str:
    """The whole a share is of, as an indicator key (…占GDP的比重 → GDP), or the base a ratio is to,
    as written (相当于美国GDP总量的110% → 美国GDP总量: another country's GDP is another base); ""
    when its clause names none (占比, a table cell)."""
    clause = clause_before(fact)
    base = _RATIO_BASE.search(clause)
    if base:
        return base.group(1)
    if "占" not in clause or clause.rsplit("占", 1)[1].startswith("比"):
        return ""
    whole = clause.rsplit("占", 1)[1]
    cuts = [whole.find(w) for w in words("share_whole_end") if whole.find(w) > 0]
    whole = without_noise(whole[: min(cuts)] if cuts else whole)   # 占工业总产值（现价）的比重: 工业总产值
    return _keyed(whole, "") if whole else ""


_RATIO_BASE = vocab.regex("claims", "ratio_base")


def rule_share_whole(p: Pair) -> Optional[Finding]:
    """A share is of one whole: 占GDP比重 is not 占农业比重; a ratio is to one base: 相当于美国的70% is
    not 相当于日本的70%; a ratio to a base is not a share of a whole."""
    if p.claim.measure not in ("share", "ratio"):
        return None
    if {p.claim.measure, p.fact.measure} == {"share", "ratio"}:
        # 浙江约为广东的60.8% (a ratio to 广东) says nothing of 浙江's share of the nation
        return Finding(DIFFERS, f"a {p.fact.measure}, the claim a {p.claim.measure}")
    a, b = share_whole(p.claim), share_whole(p.fact)
    if a and b and a != b and not (a.endswith(b) or b.endswith(a)):
        return Finding(DIFFERS, f"a share of another whole ({b}, the claim {a})")
    if a and not b and clause_before(p.fact).startswith(words("part_leads")):
        # 第二产业就业…，其中制造业就业所占比重87.5%: a share within what was named before 其中
        return Finding(DIFFERS, f"a share within the total named before {clause_before(p.fact)[:2]}, the claim's of {a}")
    return None


# --- scope, basis, status ----------------------------------------------------------------

def group_cut(p: Pair) -> Optional[Finding]:
    """A group its sentence cuts out by a threshold (亏损超过1亿元以上亏损企业的亏损额) is a subset of one the
    claim names without; so is a bound that counted members meet (有5家…低于10%); a claim about the top
    of a group (销售收入前100位的企业) is not about a figure whose sentence names the whole group."""
    group = vocab.regex("claims", "threshold_group").search(sentence_before(p.fact))
    if group and not vocab.regex("claims", "threshold_group").search(sentence_before(p.claim)):
        return Finding(DIFFERS, f"a group cut out by a threshold ({group.group(0)}), the claim's all")
    counted = vocab.regex("claims", "counted_members").search(clause_before(p.fact))
    if counted and not names_average_after(p.fact) and \
            not vocab.regex("claims", "counted_members").search(clause_before(p.claim)):
        return Finding(DIFFERS, f"a bound that some members meet ({counted.group(0)}), the claim's all")
    top = vocab.regex("claims", "top_group").search(sentence_before(p.claim))
    if top and not vocab.regex("claims", "top_group").search(sentence_before(p.fact)):
        return Finding(DIFFERS, f"the claim's group cut out by a rank ({top.group(0)}), the figure's all")
    return None


def rule_scope(p: Pair) -> Optional[Finding]:
    """A subset (规模以上, 城镇, 国家级 …) is not its total, nor a group cut out of it (group_cut). A
    scope written next to the fact's indicator in its sentence (固定资产投资（不含农户）X，同比增长Y) is the
    fact's scope too; one the sentence before names (its lead-in) may be, a doubt."""
    cut = group_cut(p)
    if cut is not None:
        return cut
    a, b = p.claim.scope or "", p.fact.scope or ""
    if a == b:
        return None
    name, plain = compact(p.fact.indicator), plain_sentence(p.fact.quote or "")
    if a and not b and name and (a + name in plain or name + a in plain):
        return None
    if b and not a and b in _claim_phrase(p.claim) and _names_figure(clause_before(p.fact), _claim_phrase(p.claim)):
        return None   # …的比重（常住人口城镇化率）为53.20%: 城镇 is part of the indicator the claim names
    if a and not b and a in compact(p.lead_in):
        # 1994年国有独立核算工业企业亏损额…。1997年亏损总额…为831亿元: the sentence before names the scope
        return Finding(DOUBT, f"the claim's {a} is read from the sentence before the figure")
    return Finding(DIFFERS, f"another scope ({b or 'all'}, the claim {a or 'all'})")


def effective_basis(fact: Fact) -> str:
    """real / nominal as stated; a growth of GDP or value added is real unless stated otherwise."""
    if fact.basis:
        return fact.basis
    if fact.measure in GROWTH_MEASURES and is_real_growth_key(fact.indicator_key):
        return "real"
    return ""


def _unmarked_growth_basis(fact: Fact) -> str:
    """An unmarked growth of money that statistics report at current prices (收入增长5.6%, 零售总额增长
    7.2%; kb/data/identity.yaml nominal_growth_words) is nominal: they say 实际增长 when they deflate it."""
    key = fact.indicator_key or ""
    nominal = any(w in key for w in vocab.words("identity", "nominal_growth_words"))
    return "nominal" if fact.measure in GROWTH_MEASURES and nominal and not is_real_growth_key(key) else ""


def rule_basis(p: Pair) -> Optional[Finding]:
    """Real (comparable prices) and nominal (current prices) figures are not compared. A claim
    that states no basis means the figure as reported; one that states a basis the fact leaves
    open is a doubt (a real claim against an unmarked growth of income or sales differs: that
    growth is reported nominal)."""
    a, b = effective_basis(p.claim), effective_basis(p.fact) or _unmarked_growth_basis(p.fact)
    if a == b or not a:
        return None
    if b:
        return Finding(DIFFERS, f"another price basis ({b}, the claim {a})")
    return Finding(DOUBT, f"the claim is {a}, the figure's price basis is not stated")


def _status_class(status: str) -> str:
    return "actual" if (status or "actual") in words("actual_statuses") else status


def rule_status(p: Pair) -> Optional[Finding]:
    """A target or a forecast is not an actual figure, nor each other."""
    a, b = _status_class(p.claim.status), _status_class(p.fact.status)
    return None if a == b else Finding(DIFFERS, f"a {p.fact.status} figure, the claim is {p.claim.status}")


# --- period ------------------------------------------------------------------------------

def _shown(span: Optional[tuple[int, int]]) -> str:
    if span is None:
        return "undated"
    return str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"


def _year_end_stock(claim: Fact, fact: Fact) -> bool:
    """A claim of a year that names no months (2023年常住人口392万人) speaks of the year-end
    figure of a stock (年末常住人口, 年末贷款余额)."""
    year = claim.year
    if year is None or (claim.period_start_month, claim.period_end_month) != (f"{year:04d}-01", f"{year:04d}-12"):
        return False
    if any(w in plain_sentence(claim.quote) for w in words("whole_year_words")):
        return False
    return (fact.measure or "level") in words("stock_measures") and \
        (fact.period_start_month, fact.period_end_month) == (f"{year:04d}-12", f"{year:04d}-12")


def rule_period(p: Pair) -> Optional[Finding]:
    """One year (or span of years) and, when both are known, the same months: 上半年 is not the
    full year, 1—2月 is not 一季度. An undated figure, an average annual growth dated by its last
    year only, or a year carried into a document's plans is a doubt."""
    a, b = years(p.claim), years(p.fact)
    if a is None:
        return Finding(DOUBT, CLAIM_NAMES_NO_YEAR)
    if b is None:
        return _undated_months(p) or Finding(DOUBT, FIGURE_UNDATED)
    if a != b:
        if p.fact.measure == "cagr" and b[0] == b[1] == a[1] and a[0] < a[1]:
            return Finding(DOUBT, f"the span of its average is not stated (it ends {b[1]})")
        return Finding(DIFFERS, f"another period ({_shown(b)}, the claim {_shown(a)})")
    ca = (p.claim.period_start_month, p.claim.period_end_month)
    fa = (p.fact.period_start_month, p.fact.period_end_month)
    if all(ca) and all(fa) and ca != fa and not _year_end_stock(p.claim, p.fact):
        return Finding(DIFFERS, f"other months ({fa[0]}..{fa[1]}, the claim {ca[0]}..{ca[1]})")
    if all(ca) and not all(fa) and (ca[0][5:], ca[1][5:]) != ("01", "12"):
        return Finding(DOUBT, "the figure's months are not stated")
    if carried_year_doubt(p.fact, p.frame):
        return Finding(DOUBT, "its year is carried into the document's plans")
    return None


def _undated_months(p: Pair) -> Optional[Finding]:
    """An undated figure whose sentence names part of a year, other months than the claim's (a
    headline's 前三季度…6.78万亿元 against a full year's claim), is another period's."""
    ca = (p.claim.period_start_month, p.claim.period_end_month)
    if not all(ca):
        return None
    claimed = (int(ca[0][5:]), int(ca[1][5:]))
    written = month_range(sentence_before(p.fact))
    if written != (1, 12) and written != claimed:
        return Finding(DIFFERS, f"other months (its sentence's {written[0]}–{written[1]}月, the claim's "
                                f"{claimed[0]}–{claimed[1]}月)")
    return None


def carried_year_doubt(fact: Fact, frame: Frame) -> bool:
    """True when the fact's year was carried from context in the part of its document that
    speaks of later years (a work report's plans for this year, after its review of the last)."""
    carried = fact.period_rule in words("carried_year_rules") or not fact.period_rule
    return carried and frame.plan_from is not None and fact.char_start >= frame.plan_from


# --- the comparison -----------------------------------------------------------------------

RULES: tuple[Rule, ...] = (rule_indicator, rule_subject, rule_unit, rule_measure, rule_share_whole,
                           rule_scope, rule_basis, rule_period, rule_status)
PERIOD_RANK = RULES.index(rule_period)
MEASURE_RANK = RULES.index(rule_measure)
UNIT_RANK = RULES.index(rule_unit)     # a fact that got this far shares the claim's indicator and subject


def compare(pair: Pair) -> Match:
    """The first difference between the claim's figure and the fact (RULES in order), and the doubts;
    both figures are read in one wording first (`normalize`)."""
    pair = Pair(normalize(pair.claim), normalize(pair.fact), pair.frame, pair.lead_in)
    doubts: list[str] = []
    loose = False
    for rank, rule in enumerate(RULES):
        found = rule(pair)
        if found is None:
            continue
        if found.kind == DIFFERS:
            return Match(found.reason, tuple(doubts), rank, loose)
        doubts.append(found.reason)
        loose = loose or rule is rule_indicator
    return Match("", tuple(doubts), len(RULES), loose)
