"""Context of a figure in its sentence: subject, indicator, year/period, claim type, direction.

``link(quantities, sentence, passage_text, carry)`` reads one sentence with
the figures kb.quantities found in it and returns one ``Link`` per figure
(figures inside $…$ formulas are dropped). The rules, all local to the
sentence:

- subject: the nearest place before the figure in its clause, else in the
  sentence, else an organisation named in it, else the subject carried
  from the previous sentence of the paragraph. Places in a comparison
  position (占全国…, 为津冀的…倍, 高于长三角…, 与…相比) are not subjects.
  ``分别`` distributes a list of places (北京、天津 / 京冀两地 / 京津冀三地)
  over the figures that follow it, in order.
- indicator: the noun phrase between the subject (or clause start) and the
  first governing verb/marker (达, 为, 增长, 占, 从 …), cleaned of time
  words and function words; a count takes the noun after its measure word
  (179项政务服务事项); an empty or generic phrase falls back to the
  previous figure's indicator in the sentence.
- year: the nearest year before the figure in its clause, else in the
  sentence (从2008年的15.2%增长到2021年39.8%), else carried; a base year
  (与2014年相比, 2014年以来, 较2014年) gives period_start, a range
  (2014—2022年) gives the period.
- claim_type and direction from the unit family and the words before it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import jieba
from typing import Optional

from kb import gazetteer
from kb.models import Quantity

# --- patterns ---------------------------------------------------------------

_FORMULA = re.compile(r"\$[^$]+\$")
_BOOK = re.compile(r"《[^《》]*》")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]{1,2}\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")
_BASE_BEFORE = re.compile(r"(?:自|与|较|相较于|相比于|相对于|比|同|从)\s*$")
_BASE_AFTER = re.compile(r"^\s*(?:[0-9一二三四五六七八九十]{1,2}\s*月份?)?\s*(?:以来|来|起|相比|比较|同期)")
_SAME_YEAR = re.compile(r"同年|当年|该年度?")
_CLAUSE_BREAK = set("，,；;：:。！？!?")
_CONNECTOR = re.compile(r"^[\s、和与及或以第和至到—–\-~～]*$")

# Governing verbs/markers between an indicator and its figure (first one wins).
_MARKER = re.compile(
    r"比上年末|比上年|比去年|较上年|同比|环比|已发展到|发展到|达到|高达|约为|仅为|分别为|均为|共计|总计|合计|累计|共有|拥有|已有|增长(?![率速幅点极])|"
    r"增加(?!值)|增至|提高|提升|上升|下降|减少|降低|回落|缩小|扩大(?!了)|占(?!领|据)|超过|突破|高于|高出|低于|"
    r"多出|少于|不及|相差|位列|位居|排名|排在|分别|实现|保持|(?<![发表到])达|(?<![作认成因行以视称])为(?![主例核首了])|"
    r"(?<![但于还就可凡总只要正若])是(?!否)|居(?![民住])|从|由(?!于)"
)
# Words that put the following place in a comparison position.
_COMPARE_BEFORE = re.compile(r"(?:占|较|比|高于|低于|少于|多于|超过|不及|相较于|相比于|对|向|流向|输出至|至|是|为|落后于|赶超|超越)\s*$")
_COMPARE_AFTER_WITH = re.compile(r"相比|相较|比较|相差|差距|持平|接近|对比")
_SOURCE_AFTER = re.compile(r"^\s*(?:的)?(?:数据|统计|发布|指出|表示|认为|称|报道|显示|介绍|印发|测算|研究)")
_TIME_WORDS = re.compile(
    r"截至|截止|(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]{1,2}\s*(?:19|20)\d{2}\s*年(?:间|来|期间)?|"
    r"(?:19|20)\d{2}\s*年(?:[0-9一二三四五六七八九十]{1,2}\s*月(?:[0-9]{1,2}\s*日)?)?(?:以来|来|起|底|末|初|上半年|下半年|全年|度)?|"
    r"近[一二三四五六七八九十两几0-9]+年(?:间|来)?|[一二三四五六七八九十0-9]+年(?:间|来)|"
    r"同年|当年|该年度?|近年来|目前|当前|现阶段|期间|年间|年末|年底|历年|每年|同期|上年末|上年|去年|过去一年|今年|全年"
)
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
_LEAD = re.compile(
    r"^(?:的|之|其中|其|而且|而|且|并且|并|但是|但|也|还|此外|另外|同时|然而|以及|与|和|及|在|对|比|较|"
    r"相较于|相比于|相比|中|方面|层面|来看|看|已经|已|均|仅|共|总|各|两地|三地|四地|各地|各市|该|整体|总体|"
    r"全省|全市|全区|全县|本市|我市|我省|全年|初步核算|整体来看|总的来看|具体来看|可知|显示|数据显示|指出|表示|称|分别|没有|没|二者|两者|前者|后者|其余|余|平均|"
    r"[、，,\s\[\]（）()])+"
)
_TRAIL = re.compile(r"(?:已经|已|(?<!平)均|仅|约|共|总|也|将|分别|累计|达|还|都|就|才|更|再|实现|的|了|有着|有|近|超|逾|"
                    r"大约|将近|接近|普遍|全|总体|整体|明显|大幅|稳步|迅速|迅猛|不断|逐步|持续|有所|略有|较大|每|在|于|"
                    r"大致|分布|比|较|与|和|中|[、，,\s\[\]（）()])+$")
_GENERIC = re.compile(r"^(?:年均|平均|整体|总体)?(?:增长率|增速|增幅|涨幅|比重|占比|份额|均值|总量|规模|数量|总额|水平|速度|变化率)$")
_QUOTES = re.compile(r"[“”‘’\"「」]")

_CAGR = re.compile(r"年均|复合增长|年化|平均增长|平均增速|平均每年")
_SHARE = re.compile(r"占|比重|份额|比例")
_DIFF = re.compile(r"高于|高出|低于|多出|少于|相差|差距|多于|超出|落后")
_GROWTH = re.compile(r"增长|增加|提高|提升|上升|下降|减少|降低|回落|增速|增幅|涨幅|同比|环比|下滑|负增长|扩大|缩小|上涨|下跌")
_DOWN = re.compile(r"下降|减少|降低|回落|缩小|下滑|负增长|下跌|减|降")
_UP = re.compile(r"增长|增加|提高|上升|扩大|提升|上涨|增|翻")
_CHANGE_VERB = re.compile(r"(?:增加|减少|增长|下降|降低|提高|新增|多|少)(?:了)?\s*(?:约|近|超|逾|超过)?\s*$")
_COUNT_UNITS = {"count", "person", "person-time", "household", "vehicle"}
_RATE_CHANGE_TYPES = {"change", "growth_rate", "cagr", "multiple"}


@dataclass(frozen=True)
class Carry:
    """What a sentence passes to the next one of the same paragraph."""

    year: Optional[int] = None
    subject: str = ""
    indicator: str = ""
    ref_year: Optional[int] = None   # the document's own year, for 去年 / 过去一年 / 今年


@dataclass
class Link:
    """The context of one figure: the Fact fields that are not the figure itself."""

    quantity: Quantity
    subject: str = ""
    indicator: str = ""
    year: Optional[int] = None
    period_start: Optional[int] = None
    period_end: Optional[int] = None
    claim_type: str = "level"
    direction: str = ""

    def fields(self) -> dict:
        return {"subject": self.subject, "indicator": self.indicator, "year": self.year,
                "period_start": self.period_start, "period_end": self.period_end,
                "claim_type": self.claim_type, "direction": self.direction}


@dataclass
class _Year:
    year: int
    start: int
    end: int
    base: bool = False
    until: Optional[int] = None     # range end (2014—2022年)


# --- helpers ----------------------------------------------------------------

def formula_spans(text: str) -> list[tuple[int, int]]:
    """Spans of $…$ formulas in ``text``."""
    return [m.span() for m in _FORMULA.finditer(text)]


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans split at ，；：。 outside brackets (a comma between digits is no break)."""
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_BREAK and depth == 0:
            if ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos <= b:
            return a, b
    return clauses[-1]


_RELATIVE_YEAR = re.compile(r"(过去一年|去年|上一年度?|今年|本年度?)")


def _years(text: str, ref_year: Optional[int] = None) -> list[_Year]:
    masked = _BOOK.sub(lambda m: "\u3000" * len(m.group()), text)
    out: list[_Year] = []
    if ref_year is not None:
        for m in _RELATIVE_YEAR.finditer(masked):
            delta = 0 if m.group(1)[0] in "今本" else -1
            out.append(_Year(ref_year + delta, m.start(), m.end()))
    taken = []
    for m in _YEAR_RANGE.finditer(masked):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            out.append(_Year(a, m.start(), m.end(), until=b))
            taken.append(m.span())
    for m in _YEAR.finditer(masked):
        if any(a <= m.start() < b for a, b in taken):
            continue
        base = bool(_BASE_BEFORE.search(masked[max(0, m.start() - 4):m.start()])
                    or _BASE_AFTER.match(masked[m.end():m.end() + 8]))
        # 从2008年的15.2%: a "from" year that states a level is not a base
        if masked[max(0, m.start() - 1):m.start()] == "从" and masked[m.end():m.end() + 1] == "的":
            base = False
        out.append(_Year(int(m.group(1)), m.start(), m.end(), base=base))
    return sorted(out, key=lambda y: y.start)


def _in_comparison(text: str, start: int, end: int, clause_end: int) -> bool:
    before = _TIME_WORDS.sub("", text[max(0, start - 12):start])
    before = re.sub(r"[\s的]+$", "", before)
    if _COMPARE_BEFORE.search(before):
        return True
    if before.endswith("与") or before.endswith("同") or before.endswith("和"):
        return bool(_COMPARE_AFTER_WITH.search(text[end:clause_end]))
    return False


def _place_lists(places: list[tuple[str, int, int]], text: str) -> list[list[tuple[str, int, int]]]:
    """Consecutive places joined by 、和与及 (北京、天津 / 京津冀地区和大湾区内地九市)."""
    groups: list[list[tuple[str, int, int]]] = []
    for p in places:
        if groups and re.fullmatch(r"[\s、和与及以]*", text[groups[-1][-1][2]:p[1]]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer (silent), used to shorten long phrases at word boundaries."""
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for word in ("增长率", "增加值", "注册资本", "成交额", "孵化器", "发明专利", "授权量"):
        tok.add_word(word)
    return tok


def _shorten(phrase: str, limit: int = 15) -> str:
    """The longest tail of whole words within ``limit`` characters (the head noun is last)."""
    if len(phrase) <= limit:
        return phrase
    words = list(_tokenizer().cut(phrase))
    while words and sum(len(w) for w in words) > limit:
        words.pop(0)
    return "".join(words) or phrase[-limit:]


_LOCATIVE = re.compile(r"在[^，,]{1,15}?(?:中|方面|领域|层面)的?")
_UNBALANCED = re.compile(r"[（）()\[\]【】]")


def _clean_phrase(phrase: str) -> str:
    phrase = _BOOK.sub("", phrase)
    phrase = _PARENS.sub("", phrase)
    phrase = _UNBALANCED.sub("", phrase)
    phrase = _QUOTES.sub("", phrase)
    phrase = _TIME_WORDS.sub("", phrase)
    phrase = _LOCATIVE.sub("", phrase)
    for _name, a, b in reversed(gazetteer.find_places(phrase)):
        phrase = phrase[:a] + phrase[b:]
    phrase = re.sub(r"\s+", "", phrase)
    for _ in range(3):
        phrase = _LEAD.sub("", phrase)
        phrase = _TRAIL.sub("", phrase)
    if "的" in phrase and len(phrase) > 8:
        tail = phrase.rsplit("的", 1)[1]
        if len(tail) >= 2:
            phrase = tail
    phrase = _shorten(phrase)
    return phrase if len(phrase) >= 2 else ""


_NOUN_STOP = re.compile(r"[和与及、，,。；;（(]|实现|开展|进行|为|是|已|将|被|在|中|的|分别|均|都|正式|成为|落地|入驻|建成|"
                        r"获得|完成|纳入|位于|参与|组成|形成|增长|增加|增至|提高|上升|下降|减少|至|到")
_MEASURE_AFTER = re.compile(r"^\s*的\s*([\u4e00-\u9fff]{0,6}?(?:增长率|增速|均值水平|均值|水平|得分|指数|比重|占比|份额|规模|总量))")


def _noun_after(text: str, end: int, clause_end: int) -> str:
    """The noun after a count's measure word: 179项政务服务事项 → 政务服务事项."""
    rest = text[end:clause_end].lstrip()
    # a quoted name right after the measure word is part of the noun (34所“双一流”建设高校);
    # one after the noun is a label (179项政务服务事项“同事同标”)
    rest = _QUOTES.sub("", rest[:1]) + re.split(r"[“\"]", rest[1:], maxsplit=1)[0]
    rest = _QUOTES.sub("", rest)
    if re.match(r"\s*(?:[、和与及至到]|增长|增加|增至)", rest):
        return ""
    rest = _NOUN_STOP.split(rest, maxsplit=1)[0]
    rest = re.sub(r"\s+", "", rest)
    if 2 <= len(rest) <= 15 and not re.search(r"\d", rest):
        return rest
    return ""


def _indicator(text: str, q: Quantity, seg_start: int) -> str:
    seg = text[seg_start:q.start]
    m = _MARKER.search(seg)
    phrase = _clean_phrase(seg[:m.start()] if m else seg)
    # a noun phrase right before the figure, after the last marker (高于数字经济产业整体年均增长率3.97%)
    markers = list(_MARKER.finditer(seg))
    if markers and not markers[-1].group().startswith("占"):
        tail = seg[markers[-1].end():]
        tail_clean = _clean_phrase(tail)
        if len(tail_clean) >= 3 and not gazetteer.find_places(tail) and not _GENERIC.match(tail_clean):
            phrase = tail_clean
    if not phrase:
        m2 = _MEASURE_AFTER.match(text[q.end:])
        if m2:
            phrase = _clean_phrase(m2.group(1)) or m2.group(1)
    return phrase


def _fallback_indicator(text: str, q: Quantity, clauses: list[tuple[int, int]], clause: tuple[int, int],
                        prev: Optional["Link"], qs: list[Quantity], carry: "Carry") -> str:
    """An indicator for a figure whose own clause names none."""
    topic = None
    for m in re.finditer(r"在([^，,。；]{2,15}?)方面", text[:q.start]):
        topic = _clean_phrase(m.group(1))
    if topic:
        return topic
    if prev is not None and prev.indicator:
        return prev.indicator
    earlier = [c for c in clauses if c[1] <= clause[0]]
    for c in reversed(earlier[-2:]):
        if any(c[0] <= x.start < c[1] for x in qs):
            break
        seg = text[c[0]:c[1]]
        m = _MARKER.search(seg)
        phrase = _clean_phrase(seg[:m.start()] if m else seg)
        if phrase and not _GENERIC.match(phrase):
            return phrase
    return carry.indicator


def _claim_type(q: Quantity, before: str, near: str, after: str) -> str:
    unit = q.unit_normalized
    if unit == "rank" or q.kind_hint == "rank":
        return "rank"
    if unit == "times":
        return "multiple"
    if q.kind_hint == "ratio":
        return "ratio"
    if unit == "pp":
        # 比上年提高0.9个百分点 is a change; 比京津冀地区高出6.8个百分点 a difference
        return "change" if _GROWTH.search(near) and not _DIFF.search(near) else "difference"
    if unit in ("%", "‰"):
        if _CAGR.search(before) or re.match(r"^\s*的?(?:年均|复合)", after):
            return "cagr"
        if _SHARE.search(before):
            return "share"
        if _DIFF.search(near):
            return "difference"
        if _GROWTH.search(before) or re.match(r"^\s*的?(?:增长率|增速|增幅|涨幅)", after):
            return "growth_rate"
        return "level"
    if unit == "score":
        return "score"
    if _DIFF.search(near):
        return "difference"
    if _CHANGE_VERB.search(near):
        return "change"
    if unit in _COUNT_UNITS:
        return "count"
    return "level"


def _direction(claim_type: str, near: str) -> str:
    if claim_type not in _RATE_CHANGE_TYPES:
        return ""
    if re.search(r"负增长", near) or _DOWN.search(near):
        return "down"
    if _UP.search(near):
        return "up"
    return ""


# --- the linker -------------------------------------------------------------

def link(quantities: list[Quantity], sentence: str, passage_text: str = "",
         carry: Optional[Carry] = None) -> list[Link]:
    """Context for every figure of ``sentence`` (figures inside $…$ are dropped)."""
    carry = carry or Carry()
    formulas = formula_spans(sentence)
    qs = [q for q in sorted(quantities, key=lambda q: q.start)
          if not any(a <= q.start < b for a, b in formulas)]
    if not qs:
        return []
    clauses = _clauses(sentence)
    years = _years(sentence, carry.ref_year)
    orgs = gazetteer.find_organisations(sentence)
    places = [p for p in gazetteer.find_places(sentence)
              if not any(o[1] <= p[1] and p[2] <= o[2] and (o[1], o[2]) != (p[1], p[2]) for o in orgs)]
    parens = [m.span() for m in _PARENS.finditer(sentence)]
    subject_places = [p for p in places
                      if not any(a < p[1] and p[2] < b for a, b in parens) and not _in_comparison(sentence, p[1], p[2], _clause_of(clauses, p[1])[1])]
    actor_orgs = [o for o in orgs if not _SOURCE_AFTER.match(sentence[o[2]:o[2] + 6])]
    distributed = _distribute(qs, sentence, subject_places, clauses)

    links: list[Link] = []
    prev_compared = False
    for i, q in enumerate(qs):
        clause = _clause_of(clauses, q.start)
        prev = links[-1] if links else None
        prev_q = qs[i - 1] if i else None
        gap = sentence[prev_q.end:q.start] if prev_q is not None and prev_q.end <= q.start else "x"
        for _name, a, b in reversed(gazetteer.find_places(gap)):
            gap = gap[:a] + gap[b:]
        listed = prev is not None and _CONNECTOR.match(gap) is not None

        # subject
        subject, subject_end = "", clause[0]
        in_clause = [p for p in subject_places if clause[0] <= p[1] and p[2] <= q.start]
        before = [p for p in subject_places if p[2] <= q.start]
        after = [p for p in subject_places if p[1] >= q.end and p[2] <= clause[1]]
        gap_places = [p for p in places if prev_q is not None and prev_q.end <= p[1] and p[2] <= q.start]
        if id(q) in distributed:
            subject = distributed[id(q)]
        elif listed and prev is not None and (not gap_places or prev_compared):
            subject = prev.subject
        elif in_clause:
            subject = in_clause[-1][0]
        elif before:
            subject = before[-1][0]
        elif after and not listed:
            subject = after[0][0]
        elif actor_orgs:
            subject = actor_orgs[0][0]
        elif listed and prev is not None:
            subject = prev.subject
        else:
            subject = carry.subject
        if in_clause:
            subject_end = in_clause[-1][2]

        nearest = [p for p in places if p[2] <= q.start and p[1] >= clause[0]]
        prev_compared = bool(nearest) and nearest[-1] not in subject_places

        # indicator
        if listed and prev is not None:
            indicator = prev.indicator
        else:
            indicator = ""
            if q.unit_normalized in _COUNT_UNITS:
                indicator = _noun_after(sentence, q.end, clause[1])
            if not indicator:
                seg_start = max(clause[0], subject_end)
                if prev_q is not None and clause[0] <= prev_q.end <= q.start:
                    seg_start = max(seg_start, prev_q.end)
                indicator = _indicator(sentence, q, seg_start)
            if not indicator or _GENERIC.match(indicator):
                fallback = _fallback_indicator(sentence, q, clauses, clause, prev, qs, carry)
                if fallback:
                    indicator = fallback

        # claim type and direction
        near_start = max(clause[0], prev_q.end if prev_q and prev_q.end <= q.start else clause[0])
        near = sentence[near_start:q.start]
        before_text = sentence[clause[0]:q.start]
        if listed and prev is not None and prev.quantity.unit_normalized == q.unit_normalized:
            claim_type, direction = prev.claim_type, prev.direction
        else:
            claim_type = _claim_type(q, before_text, near, sentence[q.end:q.end + 8])
            direction = _direction(claim_type, before_text if listed else near or before_text)

        year, period_start, period_end = _year_for(q, years, clause, carry, sentence, claim_type, near)
        links.append(Link(q, subject, indicator, year, period_start, period_end, claim_type, direction))
    return links


_TITLE_YEAR = re.compile(r"《[^《》]*?((?:19|20)\d{2})(?!\s*[—–\-~～至到])[^《》\d]*》")


def _year_for(q: Quantity, years: list[_Year], clause: tuple[int, int], carry: Carry,
              sentence: str, claim_type: str, near: str) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(year, period_start, period_end) of a figure.

    A single year before the figure states its year. A period (2014—2022年,
    与2014年相比, 2014年以来) gives period_start/end and no year, except that
    the figures of 从A增长至B take the period's first and last year.
    """
    stated = [y for y in years if not y.base and y.end <= q.start]
    in_clause = [y for y in stated if y.start >= clause[0]]
    pick = (in_clause or stated or [None])[-1]
    if pick is None:
        later = [y for y in years if not y.base and y.start >= q.end and y.end <= clause[1]]
        pick = later[0] if later else None
    year = period_start = period_end = None
    if pick is not None and pick.until is not None:
        period_start, period_end = pick.year, pick.until
        if re.search(r"[从由]\s*(?:约|近)?\s*$", near):
            year = pick.year
        elif re.search(r"(?:至|到|增至|达到)\s*(?:约|近)?\s*$", near):
            year = pick.until
        return year, period_start, period_end
    if pick is not None:
        year = pick.year
    elif _SAME_YEAR.search(sentence[:q.start]) or carry.year is not None:
        year = carry.year
    else:
        title = _TITLE_YEAR.search(sentence)
        year = int(title.group(1)) if title else None
    bases = [y for y in years if y.base and y.end <= q.start]
    if bases and claim_type in _RATE_CHANGE_TYPES | {"difference"}:
        period_start = bases[-1].year
        period_end = year if year is not None and year >= period_start else None
        year = None
    return year, period_start, period_end


def _distribute(qs: list[Quantity], sentence: str, places: list[tuple[str, int, int]],
                clauses: list[tuple[int, int]]) -> dict[int, str]:
    """分别: figures after it take the places listed before it, in order."""
    out: dict[int, str] = {}
    for m in re.finditer("分别|依次", sentence):
        clause = _clause_of(clauses, m.start())
        figures = [q for q in qs if q.start >= m.end() and q.end <= clause[1]]
        lists = _place_lists([p for p in places if p[2] <= m.start()], sentence)
        if len(figures) < 2 or not lists:
            continue
        names = [p[0] for p in lists[-1]]
        if len(names) == 1:
            names = gazetteer.members(names[0]) or names
        if len(names) == len(figures):
            for q, name in zip(figures, names):
                out[id(q)] = name
    return out


def next_carry(sentence: str, links: list[Link], carry: Optional[Carry] = None) -> Carry:
    """What the next sentence of the paragraph inherits: last year, subject and indicator."""
    carry = carry or Carry()
    stated = [y for y in _years(sentence, carry.ref_year) if not y.base and y.until is None]
    if not links:
        # a sentence without figures sets the year only as a topic (2019年，… / 过去一年，…)
        stated = [y for y in stated if y.start <= 2 or _RELATIVE_YEAR.match(sentence, y.start)]
    year = stated[-1].year if stated else carry.year
    if links and not stated:
        year = links[-1].year if links[-1].year is not None else carry.year
    subject, indicator = carry.subject, carry.indicator
    if links:
        subject = links[-1].subject or subject
        indicator = links[-1].indicator or indicator
    else:
        places = gazetteer.find_places(sentence)
        if places:
            subject = places[-1][0]
    return replace(carry, year=year, subject=subject, indicator=indicator)
