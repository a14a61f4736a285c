"""Claim checking (`kb check`): judge a user's sentence with figures against the fact table.

The claim is parsed with the same quantity parser and context linker as the
documents (`kb.figures.facts.facts_from_text`). Each figure is compared with candidate
facts of the same measure: subject (aliases allowed), indicator (character
bigram overlap), year or period, and measure kind (unit class and claim type,
with 增长X倍 = 是(X+1)倍 folded into one "ratio" kind). Values are compared as
rounding intervals of the stated precision, so 45万亿 is supported by 45.4万亿
and 46万亿 is not. A growth/multiple/CAGR claim that no fact states directly is
recomputed from the two levels it relates. A figure about another year, place,
indicator or unit class is never contradicted: it is `not_found`, and the
explanation names the nearest fact and why it was not compared.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from kb.errors import KbError
from kb.figures.linking import YEAR
from kb.models import ClaimVerdict, Evidence, Fact
from kb.text.tokenizer import Tokenizer

log = logging.getLogger(__name__)

SUPPORTED, CONTRADICTED, NOT_FOUND = "supported", "contradicted", "not_found"
# Indicator similarity (0–1) above which two figures measure the same thing.
INDICATOR_MIN = 0.5
# Candidates whose clause overlap with the claim's is this far below the best are set aside.
CONTEXT_MARGIN = 0.2
# How many search hits feed candidates, and passages returned for a claim without figures.
SEARCH_K = 20
PASSAGES_K = 5

_GROWTH_VERB = re.compile(r"(增长|增加|增速|增幅|提高|提升|上升|扩大|下降|减少|降低|回落|增长率|翻)"
                          r"(了|率|为|达|达到|约|近|超过|超|逾|高达|仅为|仅)*$")
_DOWN_VERB = re.compile(r"(下降|减少|降低|回落)")
# 比…高X, 高于/高出X: a difference, whatever claim_type the linker gave.
# A bare 差 ends a comparison (两者差3个百分点), but 顺差/逆差/价差 name an amount: a level.
_COMPARE = re.compile(r"(高于|低于|多于|少于|高出|多出|超出|少了|相差|差距为?|(?<![顺逆价温时偏误])差)$"
                      r"|比.{1,20}?(高|低|多|少)(出|了)?$")
# Growth words: the ratio/cagr kind already says "growth", so they are not indicator words.
_GROWTH_WORDS = re.compile(r"年均|年平均|复合|增长率|增速|增幅|增长|增加|提高|提升|上升|下降|减少|降低|倍")
_CAGR_WORD = re.compile(r"(年均|年平均|复合)")
_CLAUSE_END = re.compile(r"[，,。；;：:、（）()\n]")
_FUNCTION_WORDS = re.compile(
    r"(19|20)\d{2}年?|截至|截止|其中|分别|已经|已|达到|高达|达|共计|总计|合计|约为|约|为|是|有|"
    r"超过|超|将近|接近|近|逾|仅为|仅|的|了|在|中|全年|实现|年|月|\s|[—–\-~至到]")
# Used only when kb.text.gazetteer is unavailable: national synonyms and common suffixes.
_NATIONAL = {"全国", "中国", "我国", "国内", "全国平均"}
_PLACE_SUFFIX = re.compile(r"(城市群|地区|三地|区域|整体|全域)$")
# A title naming the state (中华人民共和国…统计公报) or a national publisher marks a document about 全国.
_NATIONAL_TITLE = re.compile(r"中华人民共和国|全国|我国|中国(?!共产党)")
_NATIONAL_PUBLISHER = re.compile(r"^(中华人民共和国|国务院|国家统计局)")


# --- parsing the claim ---------------------------------------------------------

def parse_claim(claim: str, tokenizer: Tokenizer) -> list[Fact]:
    """The figures of a claim as Facts (doc_id "claim"): the documents' own parser and
    linker, with year, period and subject filled from the claim text where left empty."""
    from kb.figures import facts_from_text

    return [_fill_context(f, claim) for f in facts_from_text(claim, tokenizer, doc_id="claim")]


def _fill_context(fact: Fact, claim: str) -> Fact:
    """Year, period and subject from the claim text where the linker left them empty."""
    update: dict = {}
    years = sorted({int(y) for y in YEAR.findall(claim)})
    if fact.period_start is None and len(years) >= 2 and fact.year is None:
        update.update(period_start=years[0], period_end=years[-1])
    elif fact.year is None and fact.period_start is None and len(years) == 1:
        update["year"] = years[0]
    part = _share_part(fact, claim)
    if part:
        update["subject"] = part
    elif not fact.subject:
        places = _find_places(claim)
        if places or unlisted_place(claim):
            update["subject"] = places[0] if places else unlisted_place(claim)
    elif subject_place(fact.subject) not in ("", fact.subject):
        update["subject"] = subject_place(fact.subject)  # 合肥市统计局 → 合肥
    return fact.model_copy(update=update) if update else fact


def _share_part(fact: Fact, claim: str) -> str:
    """In "A…占B…的比重为X%" the figure is about the part A: the first place before 占 in its clause."""
    if fact.unit_normalized != "%" or fact.claim_type != "share":
        return ""
    clause = _figure_prefix(fact, claim, fact.char_start if claim[fact.char_start:].startswith(
        fact.value_text or "\0") else None)
    if "占" not in clause:
        clause = claim[:max(fact.char_start, 0)]
    head = clause.split("占", 1)[0] if "占" in clause else ""
    places = _find_places(head)
    return places[0] if places else ""


# --- places --------------------------------------------------------------------

def _find_places(text: str) -> list[str]:
    from kb.text.gazetteer import find_places

    return [name for name, _, _ in find_places(text)]


def place_key(name: str) -> str:
    """A comparable key for a place name: canonical form, national synonyms folded."""
    from kb.text.gazetteer import canonical

    name = (name or "").strip()
    name = canonical(name) or name
    if name in _NATIONAL:
        return "全国"
    if _ADMIN_NAME.fullmatch(name) and not name.endswith(("自治县", "自治州")):
        return name[:-1]  # a county the gazetteer does not list: 桐源县 = 桐源
    stripped = _PLACE_SUFFIX.sub("", name)
    return stripped if len(stripped) >= 2 else name


def document_places(store, doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id → the place its title (or publisher) names, "" when none (宜昌市2023年…公报 → 宜昌).

    A fact the linker left without a subject is about its document's place: a table
    row of a city's bulletin is that city's figure, not anyone's.
    """
    from kb.figures import document_carry

    get = getattr(store, "document", None)
    places = {}
    for doc_id in sorted(set(doc_ids)):
        try:
            document = get(doc_id) if get else None
        except Exception as exc:  # a store without the document: the place stays unknown
            log.info("no document %s for its place: %s", doc_id, exc)
            document = None
        places[doc_id] = _document_place(document, document_carry) if document is not None else ""
    return places


def _document_place(document, document_carry) -> str:
    """The document's place: the one its title names, else 全国 for a national title or publisher,
    else a county or city the gazetteer does not list that starts the title or publisher."""
    from kb.text.gazetteer import find_organisations

    subject = document_carry(document).subject
    if subject:
        return subject
    title, publisher = getattr(document, "title", "") or "", getattr(document, "publisher", "") or ""
    if _NATIONAL_TITLE.search(title) or _NATIONAL_PUBLISHER.search(publisher.strip()):
        return "全国"
    # A county the gazetteer does not list: 桐源县2023年…公报, published by 桐源县统计局.
    for text in (title.strip(), publisher.strip()):
        name = _ADMIN_NAME.match(text)
        if name and (_ADMIN_FOLLOW.match(text, name.end()) or name.end() == len(text)
                     or find_organisations(text)[:1] == [(text, 0, len(text))]):
            return name.group()
    return ""


def fact_place(fact: Fact, doc_places: Optional[dict[str, str]] = None) -> str:
    """The place a fact is about: the place its subject names (see `subject_place`), else
    the place its indicator starts with (a table row 四川R&D经费支出), else its document's
    place, else ""."""
    doc_place = (doc_places or {}).get(fact.doc_id, "")
    own = subject_place(fact.subject, "\0")  # "\0": the subject names no place
    if own and own != "\0":
        return own
    return _leading_place(fact.indicator) or subject_place(fact.subject, doc_place)


# A county or city the gazetteer does not list, by its administrative suffix (桐源县, 临川市);
# the first character rules out common words ending the same way (全市, 本县, 城市, 上市).
_ADMIN_NAME = re.compile(r"(?![全各本该每我其此城上股楼车夜集开直地县省市区乡镇])"
                         r"[\u4e00-\u9fff]{2,4}?(?:自治县|自治州|县|市|州|旗|盟)")
# An office or body named after a place ends so (…统计局, …人民政府, …委员会).
_OFFICE = re.compile(r"(局|委员会|委|政府|办公室|办|厅|院|所|中心|总队|队|站|公司|银行|协会)$")
# What may follow such a name at the start of a title or publisher: a year, a report word, an office.
_ADMIN_FOLLOW = re.compile(r"\d|[（(]|国民经济|统计|政府|人民|经济|年|关于|[^\u4e00-\u9fff]")


@lru_cache(maxsize=20000)
def subject_place(subject: str, doc_place: str = "") -> str:
    """The place a fact's subject stands for, ``doc_place`` when it names none.

    A place is itself; a 、-list of places is a group (the document's region spelled
    out when the document is about a region none of them is, see `_group_place`);
    an agency or body named after a place is that place (合肥市统计局 → 合肥); a
    county the gazetteer does not list keeps its name (桐源县); any other subject
    (an industry, a company, 全省银行) is about the document's place, when known.
    """
    from kb.text.gazetteer import find_places, is_place

    s = (subject or "").strip()
    if not s:
        return doc_place
    if "、" in s:
        return _group_place(s, doc_place)
    if is_place(s) or _ADMIN_NAME.fullmatch(s):
        return s
    places = find_places(s)
    if places and places[0][1] == 0:
        return places[0][0]
    unknown = _ADMIN_NAME.match(s)
    if unknown and _OFFICE.search(s, unknown.end()):  # 桐源县统计局, not 甲城市群
        return unknown.group()
    # no place known for the document: the subject as written is all there is to compare
    return doc_place or s


def _group_place(subject: str, doc_place: str) -> str:
    """A 、-list subject: the document's region when the document is about a region that is
    not one of the listed places and whose known members (if any) are these; else the list."""
    from kb.text.gazetteer import members

    parts = {place_key(p) for p in subject.split("、") if p.strip()}
    if doc_place and place_key(doc_place) not in parts and "、" not in doc_place:
        known = {place_key(m) for m in members(doc_place)}
        if not known or known == parts:
            return doc_place
    return subject


def unlisted_place(text: str) -> str:
    """A county or city the gazetteer does not list, named at the start of ``text`` or right
    after its time phrase (2023年桐源县… → 桐源县), else ""."""
    m = re.match(r"\s*(?:(?:19|20)\d{2}\s*(?:[—–\-~至到]\s*(?:19|20)?\d{2,4})?\s*年?(?:末|底|初|全年|上半年|前三季度)?"
                 r"|\d{1,2}\s*(?:[—–\-~至到]\s*\d{1,2})?\s*月份?(?:末|底)?)?[，,\s]*", text)
    rest = text[m.end():] if m else text
    name = _ADMIN_NAME.match(rest)
    if not name:
        return ""
    from kb.text.gazetteer import find_places

    return "" if find_places(name.group()) else name.group()


@lru_cache(maxsize=20000)
def _leading_place(indicator: str) -> str:
    places = [(start, name) for name, start, _ in _find_places_spans(indicator or "")]
    return min(places)[1] if places and min(places)[0] == 0 else ""


def _find_places_spans(text: str) -> list[tuple[str, int, int]]:
    from kb.text.gazetteer import find_places

    return find_places(text)


def same_place(a: str, b: str) -> bool:
    if not a or not b:
        return True  # an unknown subject does not rule a figure out
    if a == b or place_key(a) == place_key(b):
        return True
    from kb.text.gazetteer import aliases

    names_a, names_b = aliases(a) | {a}, aliases(b) | {b}
    if names_a & names_b:
        return True
    # A document's "X内地九市" is the part of region X it studies: a claim about X may cite it.
    return any(_is_part(x, y) or _is_part(y, x) for x in names_a for y in names_b)


_PART_OF = re.compile(r"(内地)?[一二两三四五六七八九十\d]+[市城地省]|内地")


def _is_part(whole: str, part: str) -> bool:
    return (len(whole) >= 2 and part.startswith(whole)
            and bool(_PART_OF.fullmatch(part[len(whole):])))


# --- measures ------------------------------------------------------------------

def _figure_prefix(fact: Fact, text: str, start: Optional[int] = None) -> str:
    """The words before the figure in its sentence, back to the clause start."""
    if start is None:
        start = _locate(fact, text)
    before = text[:max(start, 0)]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    return before[cut:]


def _locate(fact: Fact, text: str) -> int:
    for needle in (f"{fact.value_text}{fact.unit}", fact.value_text, _fmt(fact.value)):
        if needle:
            i = text.find(needle)
            if i >= 0:
                return i
    return len(text)


def _own_prefix(fact: Fact) -> str:
    """The clause before the figure in its quote (offsets trusted only where they fit the quote)."""
    digits = fact.value_text or _fmt(fact.value)
    if fact.quote[fact.char_start:fact.char_start + len(digits)] == digits:
        return _figure_prefix(fact, fact.quote, fact.char_start)
    return _figure_prefix(fact, fact.quote)


def measure_kind(fact: Fact) -> str:
    """The class a figure is compared within: ratio (倍 and % growth), cagr, or type:unit."""
    prefix = _own_prefix(fact).rstrip()
    unit = fact.unit_normalized
    growth = bool(_GROWTH_VERB.search(prefix)) or fact.claim_type in ("growth_rate", "change", "cagr")
    if fact.claim_type == "cagr" or (unit == "%" and growth and _CAGR_WORD.search(prefix[-12:])):
        return "cagr"
    if fact.unit == "番":
        return "doublings"  # 翻两番 counts doublings (×4): not a growth rate nor a 倍 multiple
    if unit == "times":
        return "ratio"
    if unit == "%" and (fact.claim_type in ("growth_rate", "cagr") or _GROWTH_VERB.search(prefix)):
        return "ratio"
    if unit in ("%", "‰", "pp"):
        return unit
    delta = fact.claim_type in ("change", "difference") or bool(_COMPARE.search(prefix))
    group = "delta" if delta else "level"
    return f"{group}:{unit}"


def stated_interval(value_text: str, value: float, qualifier: str) -> tuple[float, float]:
    """The values a stated figure stands for: its rounding interval, widened by its qualifier.

    kb.verify.recompute's intervals are used, so `kb check` and `kb verify` agree on tolerance;
    an open bound (余200 is 200 up to, not including, 300) is nudged inside.
    """
    from kb.verify import recompute

    iv = recompute.stated_interval(value_text or _fmt(value), qualifier or "", value)
    kind = recompute.qualifier_kind(qualifier or "")
    if kind == "over" and math.isfinite(iv.high):
        return iv.low, iv.high - 1e-6 * (iv.high - iv.low)
    if kind == "under" and math.isfinite(iv.low):
        return iv.low + 1e-6 * (iv.high - iv.low), iv.high
    return iv.low, iv.high


def measure_interval(fact: Fact) -> tuple[str, float, float]:
    """(kind, low, high) of a figure in comparable terms (ratio kind: end ÷ start).

    A claim's 约/左右 means "rounded": only its stated precision counts (约46万亿
    does not cover 45.4万亿); a document's 约 gets kb.verify.recompute's wider tolerance.
    """
    kind = measure_kind(fact)
    qualifier = fact.qualifier
    if fact.doc_id == "claim" and re.fullmatch(r"(约|大约|左右|上下|大概|约为)*", qualifier or ""):
        qualifier = ""
    lo, hi = stated_interval(fact.value_text or _fmt(fact.value), fact.value, qualifier)
    if fact.doc_id == "claim" and qualifier:
        # A claimant's 超过X / 不到X is a bound, not "just over X".
        if re.search(r"超|逾|以上|突破|高于|多于|余|多", qualifier):
            lo, hi = fact.value, math.inf
        elif re.search(r"不到|不足|以下|低于|少于|未满|未达", qualifier):
            lo, hi = -math.inf, fact.value
    if kind == "ratio":
        prefix = _own_prefix(fact).rstrip()
        down = fact.direction == "down" or bool(_DOWN_VERB.search(prefix[-8:]))
        if fact.unit_normalized == "%":
            lo, hi = (1 - hi / 100, 1 - lo / 100) if down else (1 + lo / 100, 1 + hi / 100)
        elif _GROWTH_VERB.search(prefix) and not down:
            lo, hi = lo + 1, hi + 1  # 增长1.51倍 = 是2.51倍
        return kind, lo, hi
    if kind == "cagr" and (fact.direction == "down"):
        return kind, -hi, -lo
    return kind, lo * fact.scale, hi * fact.scale


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    eps = 1e-9 * max(1.0, *(abs(x) for x in (*a, *b) if math.isfinite(x)))
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


# --- indicators ----------------------------------------------------------------

def _clean_indicator(text: str, places: Iterable[str] = ()) -> str:
    for place in sorted({p for p in places if p}, key=len, reverse=True):
        text = text.replace(place, "")
    return _FUNCTION_WORDS.sub("", text)


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\w]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def indicator_similarity(a: str, b: str) -> float:
    """Overlap (0–1) of two indicator phrases: Dice over character bigrams, or a's containment in b."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    common = len(x & y)
    return max(2 * common / (len(x) + len(y)), common / len(x) if len(x) >= 3 else 0.0)


def _indicator_phrases(fact: Fact) -> tuple[str, ...]:
    growth = measure_kind(fact) in ("ratio", "cagr")
    return _phrases(fact.indicator, fact.subject, fact.quote, _own_prefix(fact), growth)


@lru_cache(maxsize=20000)
def _phrases(indicator: str, subject: str, quote: str, prefix: str, growth: bool) -> tuple[str, ...]:
    """The indicator as linked and the words before the figure, places and function words removed."""
    places = [subject] + _find_places(quote)
    phrases = [_clean_indicator(indicator, places)] if indicator else []
    phrases.append(_clean_indicator(prefix, places))
    if growth:
        phrases = [_GROWTH_WORDS.sub("", p) for p in phrases]
    return tuple(p for p in phrases if len(p) >= 2)


def _window(fact: Fact) -> str:
    """The clause around the figure (words before and after it), places, digits and function words removed."""
    digits = fact.value_text or _fmt(fact.value)
    text = fact.quote
    start = fact.char_start if text[fact.char_start:fact.char_start + len(digits)] == digits else _locate(fact, text)
    after = text[start:]
    stop = _CLAUSE_END.search(after)
    suffix = after[:stop.start()] if stop else after
    raw = _own_prefix(fact) + suffix
    return re.sub(r"[\d.%]+", "", _clean_indicator(raw, [fact.subject] + _find_places(raw)))


def context_overlap(claim_fact: Fact, fact: Fact) -> float:
    """Share of the fact's clause words (bigrams) that the claim's clause also has: a tie-breaker."""
    f, c = _bigrams(_window(fact)), _bigrams(_window(claim_fact))
    return len(f & c) / len(f) if f else 0.0


# Generic heads a claimant may add or drop (出口额 = 出口, 利润总额 vs 利润 stays distinct).
_AMOUNT_HEAD = re.compile(r"(金额|额)$")
# Similarity given to a fact whose indicator is a head noun of the claim's, qualified in its own sentence.
QUALIFIED_HEAD = 0.8


def qualified_head(claim_phrase: str, fact_indicator: str, fact_quote: str) -> bool:
    """True when the fact's indicator is the claim's with qualifiers the fact's own sentence states.

    The linker keeps the head noun (全年规模以上工业企业实现利润总额… → 利润总额); a claim
    about 规模以上工业企业利润总额 names the same figure when every word it adds around that
    head appears in the fact's sentence (or table caption and row).
    """
    claim_phrase, head = _AMOUNT_HEAD.sub("", claim_phrase), _AMOUNT_HEAD.sub("", fact_indicator)
    if len(head) < 2 or head == claim_phrase or head not in claim_phrase:
        return False
    context = re.sub(r"\s", "", fact_quote)
    pieces = [p for p in claim_phrase.split(head) if p]
    return bool(pieces) and all(p in context for p in pieces)


def fact_similarity(claim_fact: Fact, fact: Fact, lead_in: str = "") -> float:
    """Indicator similarity of a claim figure and a fact (``lead_in``: the sentence a 其中 part belongs to)."""
    phrases = _indicator_phrases(claim_fact)
    sim = max((indicator_similarity(a, b) for a in phrases for b in _indicator_phrases(fact)), default=0.0)
    if sim < QUALIFIED_HEAD and fact.indicator:
        head = _clean_indicator(fact.indicator, [fact.subject])
        if measure_kind(fact) in ("ratio", "cagr"):
            head = _GROWTH_WORDS.sub("", head)
        if any(qualified_head(a, head, lead_in + fact.quote) for a in phrases[:1]):
            return QUALIFIED_HEAD
    return sim


_PART_LEAD = re.compile(r"\s*(其中|内含|包括)[，,：:]?")


def lead_ins(facts: list[Fact]) -> dict[str, str]:
    """fact_id → the previous sentence of its passage, for facts whose sentence starts with 其中.

    "全年货物进出口总额…。其中，出口…" states a part of the total: 出口 there is 货物出口, and
    a claim naming 货物出口额 should find it.
    """
    by_passage: dict[str, list[Fact]] = {}
    for f in facts:
        if f.source_kind == "text" and f.passage_id:
            by_passage.setdefault(f.passage_id, []).append(f)
    leads: dict[str, str] = {}
    for group in by_passage.values():
        total = ""  # the nearest earlier sentence that is not itself a 其中 part
        for f in sorted(group, key=lambda f: f.char_start):
            if _PART_LEAD.match(f.quote):
                if total:
                    leads[f.fact_id] = total
            else:
                total = f.quote
    return leads


# --- judging one figure against one fact ---------------------------------------

@dataclass
class Comparison:
    fact: Fact
    similarity: float
    reason: str = ""          # why not compared; "" when comparable
    undated: bool = False     # the fact has no year while the claim has one
    verdict: str = NOT_FOUND


def _time_reason(c: Fact, f: Fact) -> tuple[str, bool]:
    """(reason the times differ or "", the fact is undated against a dated claim)."""
    cp = (c.period_start, c.period_end) if c.period_start is not None else None
    fp = (f.period_start, f.period_end) if f.period_start is not None else None
    if cp:
        if fp:
            return ("" if fp == cp else f"different period ({fp[0]}–{fp[1]} vs {cp[0]}–{cp[1]})"), False
        if f.year is not None:
            return ("" if f.year == cp[1] else f"different year ({f.year} vs {cp[0]}–{cp[1]})"), False
        return "", True
    if c.year is not None:
        if f.year is not None:
            return ("" if f.year == c.year else f"different year ({f.year} vs {c.year})"), False
        if fp:
            return ("" if fp[1] == c.year else f"different period ({fp[0]}–{fp[1]} vs {c.year})"), False
        return "", True
    return "", False


def compare(claim_fact: Fact, fact: Fact, doc_places: Optional[dict[str, str]] = None,
            lead_ins: Optional[dict[str, str]] = None) -> Comparison:
    """Whether a fact measures what the claim figure measures, and if so the verdict.

    A fact's place is its subject or, when that is empty, its document's place
    (``doc_places``). A claim that names a place is contradicted only by a fact
    known to be about that place; a fact of unknown place may still support it.
    ``lead_ins`` (see `lead_ins`) lends a 其中 part the words of its total's sentence.
    """
    sim = fact_similarity(claim_fact, fact, (lead_ins or {}).get(fact.fact_id, ""))
    cmp = Comparison(fact=fact, similarity=sim)
    ckind, clo, chi = measure_interval(claim_fact)
    fkind, flo, fhi = measure_interval(fact)
    place = fact_place(fact, doc_places)
    if ckind != fkind:
        cmp.reason = f"different measure ({fkind} vs {ckind})"
    elif not same_place(claim_fact.subject, place):
        cmp.reason = f"different subject ({place} vs {claim_fact.subject})"
    elif sim < INDICATOR_MIN:
        cmp.reason = f"different indicator ({fact.indicator or _own_prefix(fact)})"
    else:
        cmp.reason, cmp.undated = _time_reason(claim_fact, fact)
    if not cmp.reason:
        cmp.verdict = SUPPORTED if _overlap((clo, chi), (flo, fhi)) else CONTRADICTED
        if cmp.verdict == CONTRADICTED and claim_fact.subject and not place:
            # an unplaced figure may be another region's: it cannot refute a claim about this one
            cmp.reason, cmp.verdict = f"place of the figure unknown (claim: {claim_fact.subject})", NOT_FOUND
    return cmp


def judge_against(claim_fact: Fact, fact: Fact,
                  doc_places: Optional[dict[str, str]] = None) -> tuple[str, str]:
    """(verdict, one-sentence explanation) of one claim figure against one fact."""
    cmp = compare(claim_fact, fact, doc_places)
    if cmp.reason:
        return NOT_FOUND, _not_compared(claim_fact, cmp)
    return cmp.verdict, _stated(claim_fact, fact, cmp.verdict)


# --- wording -------------------------------------------------------------------

def _fmt(x: float) -> str:
    return f"{x:.6g}" if abs(x) < 1e15 else f"{x:.4g}"


def _surface(f: Fact) -> str:
    """The figure as a reader writes it: 约45万亿元, 200余项, 45万亿元左右."""
    digits, q = f.value_text or _fmt(f.value), f.qualifier
    if q in ("余", "多", "有余"):
        return f"{digits}{q}{f.unit}"
    if q in ("以上", "左右", "上下", "以下", "以内"):
        return f"{digits}{f.unit}{q}"
    return f"{q}{digits}{f.unit}"


def _about(f: Fact) -> str:
    when = (f"{f.period_start}–{f.period_end}" if f.period_start is not None
            else str(f.year) if f.year is not None else "")
    return " ".join(x for x in (f.subject, f.indicator, when) if x) or "this figure"


def _stated(claim_fact: Fact, fact: Fact, verdict: str) -> str:
    return (f"The knowledge base states {_surface(fact)} ({fact.doc_id}, passage {fact.passage_id}) "
            f"for {_about(fact)}; the claim says {_surface(claim_fact)}: {verdict}.")


def _not_compared(claim_fact: Fact, cmp: Comparison) -> str:
    f = cmp.fact
    return (f"No fact states {_about(claim_fact)} ({_surface(claim_fact)}); the nearest is "
            f"{_surface(f)} for {_about(f)} ({f.doc_id}, passage {f.passage_id}), not compared: "
            f"{cmp.reason or 'undated against a dated claim'}.")


# --- candidates and derived figures --------------------------------------------

def candidate_facts(searcher, claim: str, all_facts: Optional[list[Fact]] = None) -> list[Fact]:
    """Facts from the claim's search hits plus every fact of the store (deduplicated)."""
    seen: dict[str, Fact] = {}
    try:
        for hit in searcher.search(claim, k=SEARCH_K):
            for f in hit.facts:
                seen.setdefault(f.fact_id, f)
    except KbError as exc:  # a claim of stop words only still gets the scan
        log.info("search for the claim failed: %s", exc)
    for f in (all_facts if all_facts is not None else searcher.store.iter_facts()):
        seen.setdefault(f.fact_id, f)
    return list(seen.values())


def _claim_span(c: Fact) -> Optional[tuple[int, int]]:
    if c.period_start is not None and c.period_end is not None and c.period_start < c.period_end:
        return c.period_start, c.period_end
    years = sorted({int(y) for y in YEAR.findall(c.quote)})
    return (years[0], years[-1]) if len(years) >= 2 else None


def derive(claim_fact: Fact, facts: list[Fact],
           doc_places: Optional[dict[str, str]] = None) -> Optional[tuple[str, str, list[Fact]]]:
    """Recompute a ratio/CAGR claim from two levels of the same series: (verdict, explanation, inputs).

    Levels of unknown place (no subject, no document place) may support a claim that
    names a place, never contradict it.
    """
    kind, clo, chi = measure_interval(claim_fact)
    span = _claim_span(claim_fact)
    if kind not in ("ratio", "cagr") or span is None:
        return None
    best = None
    for a, b in _level_pairs(claim_fact, facts, span, doc_places):
        judged = _judge_pair(kind, (clo, chi), claim_fact, a, b, span)
        if judged is None:
            continue
        if judged[0] == SUPPORTED:
            return judged
        if claim_fact.subject and not fact_place(a, doc_places):
            continue
        best = best or judged
    return best


def _level_pairs(claim_fact: Fact, facts: list[Fact], span: tuple[int, int],
                 doc_places: Optional[dict[str, str]]) -> list[tuple[Fact, Fact]]:
    """(start level, end level) pairs of one series (same indicator, subject, unit and document)
    in the claim's place, most similar to the claim's indicator first."""
    start, end = span
    levels = [f for f in facts if measure_kind(f).startswith("level:") and f.year in (start, end)
              and same_place(claim_fact.subject, fact_place(f, doc_places))]
    pairs = []
    for a in (f for f in levels if f.year == start):
        for b in (f for f in levels if f.year == end):
            if (a.unit_normalized != b.unit_normalized or a.indicator != b.indicator
                    or a.subject != b.subject or a.doc_id != b.doc_id):
                continue
            sim = min(fact_similarity(claim_fact, a), fact_similarity(claim_fact, b))
            if sim >= INDICATOR_MIN and a.value_normalized > 0:
                pairs.append((sim, a, b))
    pairs.sort(key=lambda p: -p[0])
    return [(a, b) for _, a, b in pairs]


def _judge_pair(kind: str, claimed: tuple[float, float], claim_fact: Fact, a: Fact, b: Fact,
                span: tuple[int, int]) -> Optional[tuple[str, str, list[Fact]]]:
    """The claim's ratio or CAGR against the one recomputed from levels ``a`` and ``b``."""
    start, end = span
    alo, ahi = (x * a.scale for x in stated_interval(a.value_text or _fmt(a.value), a.value, a.qualifier))
    blo, bhi = (x * b.scale for x in stated_interval(b.value_text or _fmt(b.value), b.value, b.qualifier))
    if alo <= 0:
        return None
    ratio = b.value_normalized / a.value_normalized
    rlo, rhi = _ratio_interval((alo, ahi), (blo, bhi), ratio)
    if kind == "cagr":
        n = end - start
        rlo, rhi = (rlo ** (1 / n) - 1) * 100, (rhi ** (1 / n) - 1) * 100
        shown = f"年均增长{(ratio ** (1 / n) - 1) * 100:.2f}%"
    else:
        shown = f"是{ratio:.2f}倍 (增长{ratio - 1:.2f}倍)"
    verdict = SUPPORTED if _overlap(claimed, (rlo, rhi)) else CONTRADICTED
    text = (f"Recomputed from {_surface(a)} ({start}) and {_surface(b)} ({end}) for "
            f"{a.subject} {a.indicator} ({a.doc_id}, passages {a.passage_id}, {b.passage_id}): "
            f"{end} {shown} of {start}; the claim says {_surface(claim_fact)}: {verdict}.")
    return verdict, text, [a, b]


def _ratio_interval(a: tuple[float, float], b: tuple[float, float], ratio: float) -> tuple[float, float]:
    """B ÷ A over the two rounding intervals."""
    from kb.verify import Interval, recompute_ratio

    iv = recompute_ratio(Interval(ratio, *a), Interval(ratio, *b))
    return iv.low, iv.high


# --- one figure, one claim -----------------------------------------------------

def judge_figure(claim_fact: Fact, facts: list[Fact], doc_places: Optional[dict[str, str]] = None,
                 lead_ins: Optional[dict[str, str]] = None) -> tuple[str, str, list[Fact]]:
    """(verdict, explanation, evidence facts) for one figure of a claim (``doc_places``, ``lead_ins``: see compare)."""
    comparisons = [compare(claim_fact, f, doc_places, lead_ins) for f in facts]
    usable = [c for c in comparisons if not c.reason]
    # An undated fact stands for the claim's year only when no dated fact of the
    # same measure says another year (else it is that other year's figure restated).
    dated_elsewhere = any(c.reason.startswith(("different year", "different period"))
                          and c.similarity >= INDICATOR_MIN
                          and measure_kind(c.fact) == measure_kind(claim_fact)
                          and same_place(claim_fact.subject, fact_place(c.fact, doc_places))
                          for c in comparisons)
    if dated_elsewhere:
        usable = [c for c in usable if not c.undated]
    # Several figures may match the indicator (one sentence, many 项); judge with the
    # ones whose clause reads most like the claim's (跨省通办 vs 同事同标).
    context = {id(c): context_overlap(claim_fact, c.fact) for c in usable}
    if usable:
        best = max(context.values())
        usable = [c for c in usable if context[id(c)] >= best - CONTEXT_MARGIN]
    usable.sort(key=lambda c: (c.undated, -c.similarity, -context[id(c)], c.fact.fact_id))
    supported = [c for c in usable if c.verdict == SUPPORTED]
    if supported:
        return SUPPORTED, _stated(claim_fact, supported[0].fact, SUPPORTED), [supported[0].fact]
    derived = derive(claim_fact, facts, doc_places)
    if derived is not None and (derived[0] == SUPPORTED or not usable):
        return derived
    if usable:
        return CONTRADICTED, _stated(claim_fact, usable[0].fact, CONTRADICTED), [usable[0].fact]
    nearest = _nearest(claim_fact, comparisons, doc_places)
    if nearest is None:
        return NOT_FOUND, f"No fact in the knowledge base is about {_about(claim_fact)} ({_surface(claim_fact)}).", []
    return NOT_FOUND, _not_compared(claim_fact, nearest), []


def _nearest(claim_fact: Fact, comparisons: list[Comparison],
             doc_places: Optional[dict[str, str]] = None) -> Optional[Comparison]:
    ckind = measure_kind(claim_fact)
    scored = [c for c in comparisons if c.similarity > 0]
    if not scored:
        return None
    return max(scored, key=lambda c: (round(c.similarity, 2), measure_kind(c.fact) == ckind,
                                      same_place(claim_fact.subject, fact_place(c.fact, doc_places))))


def check_claim(searcher, claim: str, all_facts: Optional[list[Fact]] = None,
                doc_places: Optional[dict[str, str]] = None, tokenizer: Optional[Tokenizer] = None) -> ClaimVerdict:
    """Judge every figure of ``claim`` against the knowledge base of ``searcher``
    (``doc_places``: each document's place, read from the store when not given)."""
    claim = (claim or "").strip()
    if not claim:
        raise KbError("empty claim: give a sentence with a figure, e.g. 2021年中国数字经济规模达45.4万亿元")
    parsed = parse_claim(claim, tokenizer or searcher.tokenizer)
    if not parsed:
        passages = _passages_for(searcher, claim)
        where = f" See passages {', '.join(passages)}." if passages else ""
        return ClaimVerdict(claim=claim, verdict=NOT_FOUND, passages=passages,
                            explanation=f"The claim states no figure to check.{where}")
    facts = candidate_facts(searcher, claim, all_facts)
    if doc_places is None:
        doc_places = document_places(searcher.store, (f.doc_id for f in facts))
    leads = lead_ins(facts)
    verdicts, explanations, evidence = [], [], []
    for cf in parsed:
        verdict, text, used = judge_figure(cf, facts, doc_places, leads)
        verdicts.append(verdict)
        explanations.append(text)
        evidence += [Evidence(fact=f, passage_id=f.passage_id, quote=f.quote, doc_id=f.doc_id) for f in used]
    if CONTRADICTED in verdicts:
        overall = CONTRADICTED
    elif SUPPORTED in verdicts and NOT_FOUND not in verdicts:
        overall = SUPPORTED
    else:
        overall = NOT_FOUND
    passages = list(dict.fromkeys(e.passage_id for e in evidence if e.passage_id))
    if not passages:
        passages = _passages_for(searcher, claim)
    return ClaimVerdict(claim=claim, parsed=parsed, verdict=overall, evidence=evidence,
                        explanation=" ".join(explanations), passages=passages)


def check_claims(searcher, claims: list[str]) -> list[ClaimVerdict]:
    """`check_claim` over many claims, reading the fact table once."""
    all_facts = list(searcher.store.iter_facts())
    doc_places = document_places(searcher.store, (f.doc_id for f in all_facts))
    return [check_claim(searcher, c, all_facts, doc_places, searcher.tokenizer) for c in claims]


def _passages_for(searcher, claim: str) -> list[str]:
    try:
        return [h.passage_id for h in searcher.search(claim, k=PASSAGES_K)]
    except Exception as exc:
        log.info("no passages for the claim: %s", exc)
        return []
