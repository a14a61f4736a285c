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
  over the figures that follow it, in order (cycling: 分别以A和B…位列一二);
  a ratio list (…远超B和C总和（76 : 8 : 1）) takes its places in order.
  The main clause's topic (京东科技已… / 该中心已…, resolved to the named
  organisation) beats places inside its predicate; scope places (覆盖全国,
  全国前列) and 除…外 places are never subjects; 排名第一的X → X; 二者相差 →
  the first of the two; paper-method counts (选取20个指标, 本文…赋值为0.5) get "".
- indicator: the noun phrase between the subject (or clause start) and the
  first governing verb/marker (达, 为, 增长, 占, 从 …), cleaned of time
  words and function words; a count takes the noun after its measure word
  (179项政务服务事项); an empty or generic phrase falls back to the
  previous figure's indicator in the sentence.
- year: the nearest year before the figure in its clause, else in the
  sentence (从2008年的15.2%增长到2021年39.8%), else carried; a base year
  (与2014年相比, 2014年以来, 较2014年) gives period_start, a range
  (2014—2022年) gives the period. 以来 / N年来 / 每年 / 每提升… give no
  year; a period a sentence ends on is carried to the next (Carry.period_*);
  an undated sentence takes a cited report's year only for ranks/scores.
- indicator: 相应/该/其 + measure word resolve to the previous figure's
  indicator (相应得分 → 技术转移能力得分); X占全国比重 keeps its share noun.
- claim_type and direction from the unit family and the words before it;
  a % or ‰ of a rate noun (城镇化率, 投入强度, 失业率控制在) is a share.
- scope places (居全国第5位, 全国领先) are never subjects; 两地/三省市 without
  a place refers to the last multi-place name (Carry.group, kept across
  paragraphs); the parts after 其中 do not carry to the next sentence.
- 由2018年的X增加到Y: Y takes Carry.report_year (the year the document reports
  on), the rate after it the period 2018–that year, and the next sentence
  that year; 是2015年的2.78倍 is a multiple over 2015–the sentence's year.
- A part of a year (2024年春节假期) is its paragraph's topic only: a new
  paragraph keeps Carry.lasting_year. 分别 after 城镇和农村居民收入 gives each
  figure its own indicator (城镇居民收入, 农村居民收入).
- A source agency (记者从X获悉, 据X统计, X相关负责人介绍) is not a subject; its place
  prefix is. A company subject is its short name (…科技股份有限公司 → …). A list
  item led by a venue (1. 某古镇接待…) is about that venue, for that item only.
  占全国（X）的…: X is 全国's; 四省合计X: X is the four listed places'.
- 年初/上年/同期 and month words are time, not indicators; 是Y的N倍: Y is the base.
  与2013年的X相比: X is of 2013; an undated month (4月份, 1—4月, 五一假期) is of the
  document's year.
- After a 分别 run over listed places (美国、欧盟分别为X和Y，合计…), later figures and the next
  sentence take the subject before the list, not its last member. 合同额X，执行额Y，同比分别增长a和b:
  a and b take those indicators in order; A（ITO）、B和C执行额分别为…: each item + the head noun.
  长江中游三省 is a named group a later bare 三省 refers to; 2019年同期的X is of 2019; an undated
  由A提高到B after 由2020年的…增加到2024年的… takes 2020 for A.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
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
    r"多出|少于|不及|相差|位列|位居|排名|排在|分别|实现|保持|控制在|稳定在|维持在|(?<![发表到])达|(?<![作认成因行以视称])为(?![主例核首了])|"
    r"(?<![但于还就可凡总只要正若])是(?!否)|稳居|居(?![民住])|从|由(?!于)"
)
# Words that put the following place in a comparison position.
_COMPARE_BEFORE = re.compile(r"(?:占|较|比|高于|低于|少于|多于|超过|不及|相较于|相比于|对|向|流向|输出至|至|是|为|落后于|赶超|超越)\s*$")
_COMPARE_AFTER_WITH = re.compile(r"相比|相较|比较|相差|差距|持平|接近|对比")
_SOURCE_AFTER = re.compile(r"^\s*(?:的)?(?:数据|统计|发布|指出|表示|认为|称|报道|显示|介绍|印发|测算|研究|获悉|了解到|消息|公布|通报|(?:相关)?负责人)")
# 记者从X获悉 / 据X统计: X is where the figure comes from, not what it is about
_COMPANY = re.compile(r"(?:公司|集团)$")
_LEGAL_FORM = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司)$")
_TRADE_WORD = re.compile(r"(?:科技|技术|实业|控股|发展|集团)$")
_ITEM_MARK = re.compile(r"\s*(?:[0-9]{1,2}\s*[.．、](?![0-9])|[（(][0-9一二三四五六七八九十]{1,2}[)）])")
# 1. 三河古镇接待游客… / （2）某某街区…: a list item led by a named venue is about that venue
_ITEM_VENUE = re.compile(r"\s*(?:[0-9]{1,2}\s*[.．、]|[（(][0-9一二三四五六七八九十]{1,2}[)）])\s*"
                         r"([\u4e00-\u9fff]{2,8}?(?:古镇|街区|景区|公园|博物馆|广场|园区|开发区|新区|商圈|度假区|古城|步行街))")


def short_name(org: str) -> str:
    """星联智能科技股份有限公司 → 星联智能: a company is named by its short name, not its legal form."""
    base = _LEGAL_FORM.sub("", org)
    if base == org:
        return org
    trimmed = _TRADE_WORD.sub("", base)
    return trimmed if len(trimmed) >= 2 else (base if len(base) >= 2 else org)


_SOURCE_BEFORE = re.compile(r"(?:从|据|经|来自|根据)\s*$")
_TIME_WORDS = re.compile(
    r"截至|截止|(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]{1,2}\s*(?:19|20)\d{2}\s*年(?:间|来|期间)?|"
    r"(?:19|20)\d{2}\s*年(?:[0-9一二三四五六七八九十]{1,2}\s*月(?:[0-9]{1,2}\s*日)?)?(?:以来|来|起|底|末|初|上半年|下半年|全年|度)?|"
    r"近[一二三四五六七八九十两几0-9]+年(?:间|来)?|[一二三四五六七八九十0-9]+年(?:间|来)|"
    r"[0-9]{1,2}\s*[—–\-~～至到]\s*[0-9]{1,2}\s*月份?|(?<![0-9个])[0-9一二三四五六七八九十]{1,2}\s*月份?(?:末|底|初)?(?![0-9均])|"
    r"同年|当年|该年度?|近年来|目前|当前|现阶段|期间|年间|年末|年底|年初|历年|每年|同期|上年末|上年|去年|过去一年|今年|全年"
)
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
_LEAD = re.compile(
    r"^(?:力争(?:到|在)?|确保(?:到|在)?|预计(?:到|在)?|争取(?:到|在)?|计划(?:到|在)?|目标是|到|的|之间|间|之|其中|其|而且|而|且|并且|并|但是|但|也|还|此外|另外|同时|然而|以及|与|和|及|在|对|比|较|"
    r"[0-9]{1,2}\s*[.．](?=\s*[\u4e00-\u9fff])|相较于|相比于|相比|中|方面|层面|来看|看|已经|已|均|仅|共|总|各(?![项类级])|[两二三四五六七八九](?:省市|地|省|市|城|区)|各地|各市|该|整体|总体|"
    r"全省|全市|全区|全县|本市|我市|我省|全年|初步核算|整体来看|总的来看|具体来看|可知|显示|数据显示|指出|表示|称|分别|没有|没|二者|两者|前者|后者|其余|余|平均|"
    r"[、，,\s\[\]（）()])+"
)
_TRAIL = re.compile(r"(?:年均|继续|仍然|仍|已经|已|(?<!平)均|仅|约|共|总|也|将|分别|累计|达|还|都|就|才|更|再|实现|的|了|有着|有|近|超|逾|"
                    r"大约|将近|接近|普遍|全|总体|整体|明显|大幅|稳步|迅速|迅猛|不断|逐步|持续|有所|略有|较大|每|在|于|"
                    r"大致|分布|比|较|与|和|中|[、，,\s\[\]（）()])+$")
_GENERIC = re.compile(r"^(?:年均|平均|整体|总体)?(?:增长率|增速|增幅|涨幅|比重|占比|份额|均值|总量|规模|数量|总额|水平|速度|变化率)$")
_QUOTES = re.compile(r"[“”‘’\"「」]")

# 城镇化率61.2% / 研发经费投入强度达到2.3% / 失业率控制在5.5%: a rate is a share of a whole
_RATE_NOUN = re.compile(r"(?<!增长)(?<!变化)(?:率|强度|占比|比率)\s*(?:已|已经|将|仍|继续)?\s*"
                        r"(?:控制在|稳定在|保持在|维持在|达到|达|为|约为|是|提高到|提升到|上升到|升至|降至|下降到|下降至|降低到|回落到|回落至)?"
                        r"\s*(?:约|近|超过|不到)?\s*$")
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
    period_start: Optional[int] = None   # the period the previous sentence spoke about (2014—2022年)
    period_end: Optional[int] = None
    report_year: Optional[int] = None   # the last full year the document reports on (由2018年的X增加到Y: Y's year)
    lasting_year: Optional[int] = None   # the last year stated as a whole year (not 2024年春节假期): what a new paragraph keeps
    group: str = ""   # the last place of several members named (川渝两地): what a later 两地 refers to
    change_start: Optional[int] = None   # 由2020年的X增加到2024年的Y: the start year a next undated 由A提高到B takes


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
    since: bool = False             # 2014年以来 / 自2014年起: figures after it are as of now
    origin: bool = False            # 由2018年的X增加到Y: the start of a change; Y is of the end year
    partial: bool = False           # 2024年春节假期 / 2023年上半年: a part of the year, a topic of its paragraph only


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
    for m in _PLAN.finditer(masked):
        # “十三五”时期: the plan's five years (十二五 2011—2015, 十三五 2016—2020, 十四五 2021—2025)
        a = 2011 + 5 * (_PLAN_NUMBERS[m.group(1)] - 12)
        out.append(_Year(a, m.start(), m.end(), until=a + 4))
        taken.append(m.span())
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
        origin = masked[max(0, m.start() - 1):m.start()] in ("从", "由") and masked[m.end():m.end() + 1] == "的"
        if origin:
            base = False
        # 是2015年的2.78倍: the year compared with, not the figure's
        if _MULTIPLE_OF.search(masked[max(0, m.start() - 3):m.start()]) and _TIMES_AFTER.match(masked[m.end():m.end() + 14]):
            base = True
        since = bool(re.match(r"^\s*(?:[0-9一二三四五六七八九十]{1,2}\s*月份?)?\s*(?:以来|来|起)", masked[m.end():m.end() + 8])
                     or (masked[max(0, m.start() - 1):m.start()] == "自" and not masked[m.end():m.end() + 1] == "的"))
        out.append(_Year(int(m.group(1)), m.start(), m.end(), base=base, since=since, origin=origin,
                         partial=bool(_PART_OF_YEAR.match(masked[m.end():m.end() + 8]))))
    return sorted(out, key=lambda y: y.start)


_PLAN = re.compile(r"(?<![0-9一二三四五六七八九十])(十[一二三四五六七八九]|二十)五[”\"]?\s*(?:规划)?\s*(?:时期|期间|以来|期末|末|年间)")
_PLAN_NUMBERS = {"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16, "十七": 17, "十八": 18, "十九": 19, "二十": 20}
_MULTIPLE_OF = re.compile(r"(?:是|为|相当于|达到)\s*$")
_TIMES_AFTER = re.compile(r"^\s*[\u4e00-\u9fff]{0,6}?的\s*(?:约|近|超过)?\s*[0-9.一二三四五六七八九十两]+\s*倍")
_PART_OF_YEAR = re.compile(r"^\s*(?:[0-9一二三四五六七八九十]{1,2}\s*月|[一二三四1-4]\s*季度|第[一二三四1-4]季度|前三季度|上半年|下半年|"
                           r"春节|国庆|五一|端午|中秋|元旦|假期|黄金周|暑期|寒假|暑假)")
_TO_END = re.compile(r"(?:到|至|增至|达到|达)\s*(?:约|近|超过)?\s*$")


# 十年来 / 五年来 / 近三年来 (a period up to now whose first year the sentence does not name)
_YEARS_SINCE = re.compile(r"(?<![0-9年])(?:近|过去)?[一二三四五六七八九十两0-9]{1,3}年(?:以来|来)")
# 每提升1%，…就下降3.047%: a relation between changes, true of no particular year
_ELASTICITY = re.compile(r"每(?:增加|提升|提高|增长|上升|下降|减少|降低|扩大)")


def _in_comparison(text: str, start: int, end: int, clause_end: int) -> bool:
    before = _TIME_WORDS.sub("", text[max(0, start - 12):start])
    before = re.sub(r"[\s的]+$", "", before)
    if _COMPARE_BEFORE.search(before):
        return True
    if before.endswith("与") or before.endswith("同") or before.endswith("和"):
        return bool(_COMPARE_AFTER_WITH.search(text[end:clause_end]))
    # 与排名第一的广东省相差…: a modifier between 与 and the place
    if re.search(r"(?:与|同|跟)[^，,。；与和]{1,10}的\s*$", text[max(0, start - 14):start]):
        return bool(_COMPARE_AFTER_WITH.search(text[end:clause_end]))
    return False


def _bracketed_total(q: Quantity, text: str, places: list[tuple[str, int, int]]) -> str:
    """占全国（126.06万亿元）的25.2%: a figure in brackets right after a place is that place's."""
    if not re.match(r"\s*[）)]", text[q.end:q.end + 2]):
        return ""
    m = re.search(r"[（(]\s*(?:约|近|超过)?\s*$", text[max(0, q.start - 5):q.start])
    if not m:
        return ""
    at = max(0, q.start - 5) + m.start()
    return next((p[0] for p in places if p[2] == at), "")


def _ranked_place(q: Quantity, text: str, places: list[tuple[str, int, int]]) -> str:
    """排名第一的广东省: a rank right before 的 + place belongs to that place."""
    if not (q.unit_normalized == "rank" or q.kind_hint == "rank"):
        return ""
    m = re.match(r"\s*(?:位|名)?\s*的\s*", text[q.end:])
    if not m:
        return ""
    at = q.end + m.end()
    return next((p[0] for p in places if p[1] == at), "")


def _compared_total(q: Quantity, text: str, places: list[tuple[str, int, int]],
                    subject_places: list[tuple[str, int, int]]) -> str:
    """占全国272.6万台的21.4%: the total right after a compared place is that place's figure."""
    if not text[q.end:q.end + 2].lstrip().startswith("的"):
        return ""
    for p in reversed([p for p in places if p[2] <= q.start and p not in subject_places]):
        if not re.search(r"占\s*$", text[max(0, p[1] - 3):p[1]]):
            break
        between = text[p[2]:q.start]
        if len(between) <= 12 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z\s]*?(?:约|近|超)?\s*", between) \
                and not _MARKER.search(between):
            return p[0]
        break
    return ""


def _clause_initial(text: str, clauses: list[tuple[int, int]], place: tuple[str, int, int]) -> bool:
    """True when ``place`` opens its clause (…，其中北京拥有…): a new actor, not part of a predicate."""
    head = text[_clause_of(clauses, place[1])[0]:place[1]]
    head = _TIME_WORDS.sub("", head)
    return not _LEAD.sub("", head).strip()


def _place_lists(places: list[tuple[str, int, int]], text: str) -> list[list[tuple[str, int, int]]]:
    """Consecutive places joined by 、和与及 (北京、天津 / 京津冀地区和大湾区内地九市)."""
    groups: list[list[tuple[str, int, int]]] = []
    for p in places:
        if groups and re.fullmatch(r"[\s、和与及以]*", text[groups[-1][-1][2]:p[1]]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _tokenizer():
    """The process's jieba tokenizer with kb's domain dictionary (kb.tokenize), used
    to shorten long phrases at word boundaries."""
    from kb.tokenize import segmenter

    return segmenter()


@lru_cache(maxsize=1)
def _pos_tagger():
    """Part-of-speech tagging on the same dictionary (its tags come from jieba's own)."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


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
    if re.match(r"\s*(?:[、和与及至到]|增长|增加|增至|以上|以下|左右|以内|上下)", rest):
        return ""
    rest = _NOUN_STOP.split(rest, maxsplit=1)[0]
    rest = re.sub(r"\s+", "", rest)
    if 2 <= len(rest) <= 15 and not re.search(r"\d", rest):
        return rest
    if len(rest) > 15:
        return _subject_noun(rest)
    return ""


_NOUN_FLAGS = ("n", "vn", "j", "eng")


def _subject_noun(phrase: str, limit: int = 12) -> str:
    """37个服务外包示范城市承接离岸…: the counted noun ends before a verb that opens the predicate
    (the last noun-to-verb boundary within ``limit`` characters), else ""."""
    words = [(w.word, w.flag) for w in _pos_tagger().cut(phrase[:40])]
    best, pos = "", 0
    for k, (word, flag) in enumerate(words[:-1]):
        pos += len(word)
        if pos > limit:
            break
        if flag.startswith(_NOUN_FLAGS) and words[k + 1][1] == "v" and not re.search(r"\d", phrase[:pos]):
            best = phrase[:pos]
    return best if len(best) >= 2 else ""


_SHARE_NOUN = re.compile(r"\s*([^，,。；;、\d]{0,8}?(?:的)?(?:比重|比例|份额))\s*(?:已|已经|将)?\s*(?:达到|达|为|约为|超过|突破|提高到|上升到|升至|增至)")
_ANAPHOR = re.compile(r"^(?:相应|对应|同期|该项?|其|此项?)")
_MEASURE_WORD = re.compile(r"(?:均值|平均值|得分|分值|水平|指数|规模|总量|比重|占比|增速|增长率)$")


def _resolve_anaphor(indicator: str, previous: str) -> str:
    """相应得分 after 技术转移能力均值 → 技术转移能力得分: 相应/该/其 point back to the previous figure."""
    m = _ANAPHOR.match(indicator)
    if not m or not previous:
        return indicator
    rest = indicator[m.end():]
    head = _MEASURE_WORD.sub("", previous) or previous
    return head + rest if rest else previous


# Names a document uses for a standard indicator (a region's 经济总量 is its GDP).
_SYNONYMS = {"经济总量": "地区生产总值", "GDP": "地区生产总值", "GDP总量": "地区生产总值"}


def _indicator(text: str, q: Quantity, seg_start: int) -> str:
    seg = text[seg_start:q.start]
    m = _MARKER.search(seg)
    phrase = _clean_phrase(seg[:m.start()] if m else seg)
    share = _SHARE_NOUN.match(seg, m.end()) if m and m.group().startswith("占") else None
    if phrase and share and gazetteer.find_places(share.group(1)) and gazetteer.find_places(share.group(1))[0][1] == 0:
        # 数字经济规模占全国比重达到10%: the share noun is part of the indicator
        return phrase + "占" + re.sub(r"\s+", "", share.group(1))
    # a noun phrase right before the figure, after the last marker (高于数字经济产业整体年均增长率3.97%)
    markers = list(_MARKER.finditer(seg))
    # 增速是人民币各项贷款增速的2.2倍: what follows 是 is the base compared with, not the indicator
    base_of_multiple = q.unit_normalized == "times" and bool(markers) and markers[-1].group() in ("是", "为") \
        and seg.rstrip().endswith("的")
    if markers and not markers[-1].group().startswith("占") and not base_of_multiple:
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
        if _RATE_NOUN.search(near):
            # a rate is a share of a whole up to 100 %; 拨备覆盖率198.5% is a ratio above it
            return "share" if q.value_normalized <= 100 else "ratio"
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



# --- sentence-level roles: topic, scope, exclusions, method counts ----------

# The main clause's topic ends before one of these (京东科技已…, 该中心已经…).
_TOPIC_END = re.compile(r"已经|已|将|正在|正")
_TOPIC_SKIP = re.compile(r"^(?:根据|依据|按照|据|以|截至|截止|从|在|自|随着|为了|为|与|和|对|经|由|通过|如|比如|例如)")
_TOPIC_BAD = re.compile(r"[的\d%，,。；;：:、（）()《》“”\s]|规模|总量|数量|产量|产值|总额|收入|投资|消费|增加值|比重|占比|增速|指数|水平|"
                        r"[率量额值数]$")
_DEMONSTRATIVE = re.compile(r"^(?:该|此|这|这家|这个|这一)([\u4e00-\u9fff]{1,4})$")
_PROPER = {"nr", "nrt", "nrfg", "nt", "nz", "ns", "j", "eng"}
_BUSINESS_TAIL = re.compile(r"(?:科技|控股|股份|汽车|电子|通信|网络|软件|智能|时代|创新|云|生物|医药|能源|新能源|传媒|物流|数科|金融)$")
# A place right after these is the scope of the predicate, not its actor (覆盖全国, 全国前列).
# 居全国第5位 / 全国第一 / 全国平均: a rank or benchmark within the place, not a figure of it.
_SCOPE_BEFORE = re.compile(r"(?:覆盖|遍布|遍及|辐射|面向|走向|布局|服务|占|覆盖到|延伸至|拓展至|居|位居|位列|列|排名|排在|排)\s*$")
_SCOPE_AFTER = re.compile(r"^\s*(?:前列|范围|各地|首位|领先|之首|同类|同行|第\s*[0-9一二三四五六七八九十]|排名|位次)")
_EXCLUDED = re.compile(r"除(?:了)?([^，,。；;]{1,30}?)(?:以外|之外|外)")
# Paper-method counts: what a study chose, not a fact about a place.
_METHOD_NOUN = re.compile(r"(?:指标|阶段|样本|变量|维度|子系统|层级|层次|梯队|模型|方程)$")
_METHOD_ACTOR = re.compile(r"本文|本研究|本报告|本章|本节|笔者|我们|\b[Ww]e\b")
# 将α和β均赋值为0.5: an assigned value is a design choice whoever states it
_METHOD_ASSIGN = re.compile(r"赋值|取值为|设定为|设为")
_METHOD_VERB = re.compile(r"赋值|取值|设定|设为|设置|令|选取|选择|构建|分为|划分|采用|借鉴|测算|计算")
# 二者相差…: the difference belongs to the first of the two.
_PAIR_DIFF = re.compile(r"^[\s，,]*(?:二者|两者|两地|双方|前者与后者|两区域|两个地区)(?:之间)?(?:的)?(?:[^，,。；]{0,6})?(?:相差|差距|差值|差)")
_RATIO_CUT = re.compile(r"更是|是|以|远超|超过|之比|比值|比例")


# 新增上市公司近40家 / 上市公司总数超过580家: a class of organisations being counted is the indicator
_COUNTED_AFTER = re.compile(r"\s*(?:总数|数量|家数|个数|数)?\s*(?:已|已经|共|共计|合计|累计)?\s*"
                            r"(?:达到|达|为|有|超过|突破|增至|增加|增长)?\s*(?:近|超|约|逾|超过)?\s*[0-9零一二三四五六七八九十百千万两]")
# 合计334万辆 / 共计…: a total over the places listed before it
_TOTAL = re.compile(r"(?:合计|共计|总计|合共|总和|加总)\s*(?:为|达到?|约|近|超过?)?\s*$")


def _tag_first_word(phrase: str) -> str:
    for w in _pos_tagger().cut(phrase):
        return w.flag
    return ""


def _topic(sentence: str, clauses: list[tuple[int, int]], passage_text: str,
           orgs: list[tuple[str, int, int]]) -> Optional[tuple[str, int]]:
    """The sentence's actor when it is an organisation/name: (name, end of its clause's topic)."""
    for a, b in clauses:
        clause = sentence[a:b]
        lead = _TIME_WORDS.match(clause.lstrip())
        offset = a + (len(clause) - len(clause.lstrip())) + (lead.end() if lead else 0)
        rest = sentence[offset:b]
        m = _TOPIC_END.search(rest)
        if not m or _TOPIC_SKIP.match(rest):
            continue
        phrase = rest[:m.start()].strip()
        if not 2 <= len(phrase) <= 14:
            continue
        end = offset + m.start()
        demo = _DEMONSTRATIVE.match(phrase)
        if demo:
            pool = [o for o in orgs if o[2] <= offset] or []
            if not pool and passage_text:
                cut = passage_text.find(sentence)
                pool = [o for o in gazetteer.find_organisations(passage_text[:cut] if cut > 0 else "")]
            named = [o for o in pool if o[0].endswith(demo.group(1))]
            return (named[-1][0], end) if named else None
        inside = [o for o in orgs if offset <= o[1] and o[2] <= end]
        if inside:
            return inside[-1][0], end
        if gazetteer.find_places(phrase) and not re.search(r"[A-Za-z]", phrase):
            return None
        if _TOPIC_BAD.search(phrase):
            return None
        if re.search(r"[A-Za-z]", phrase) or _BUSINESS_TAIL.search(phrase) or _tag_first_word(phrase) in _PROPER:
            return phrase, end
        return None
    return None


def _is_scope(text: str, start: int, end: int) -> bool:
    """覆盖全国 / 全国前列 / 占全国: the place bounds the predicate, it does not act."""
    return bool(_SCOPE_BEFORE.search(text[max(0, start - 4):start]) or _SCOPE_AFTER.match(text[end:end + 4]))


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _EXCLUDED.finditer(text)]


def _is_method_count(sentence: str, clause: tuple[int, int], q: Quantity, indicator: str) -> bool:
    """选取20个指标 / 分为3个阶段 / 赋值为0.5: a study's design, without a place subject."""
    text = sentence[clause[0]:clause[1]]
    if q.unit_normalized in _COUNT_UNITS and _METHOD_NOUN.search(indicator or ""):
        return True
    if gazetteer.find_places(sentence[clause[0]:q.start]):
        return False
    return bool(_METHOD_ASSIGN.search(text[:q.start - clause[0]])
                or (_METHOD_ACTOR.search(sentence) and _METHOD_VERB.search(text)))


def _ratio_subjects(qs: list[Quantity], sentence: str, places: list[tuple[str, int, int]],
                    clauses: list[tuple[int, int]], actors: list[tuple[str, int, int]]) -> dict[int, str]:
    """A…远超B和C总和（76 : 8 : 1） / A、B、C之比为3:2:1: each term takes its place, in order."""
    out: dict[int, str] = {}
    ratio = [q for q in qs if q.kind_hint == "ratio"]
    groups: list[list[Quantity]] = []
    for q in ratio:
        if groups and re.fullmatch(r"\s*[:：∶]\s*", sentence[groups[-1][-1].end:q.start]):
            groups[-1].append(q)
        else:
            groups.append([q])
    for group in groups:
        if len(group) < 2:
            continue
        clause = _clause_of(clauses, group[0].start)
        lists = _place_lists([p for p in places if clause[0] <= p[1] and p[2] <= group[0].start], sentence)
        names: list[str] = []
        for g in lists:
            for p in g:
                names.extend(gazetteer.members(p[0]) or [p[0]])
        if len(names) < len(group):
            # A…超过B和C: the sentence's earlier subject is the first term
            taken = set(names) | {n for name in names for n in gazetteer.members(name)}
            earlier = [p for p in actors if p[2] <= clause[0]
                       and not ({p[0]} | set(gazetteer.members(p[0]))) & taken]
            if earlier:
                names = [earlier[-1][0]] + names
        if len(names) == len(group):
            for q, name in zip(group, names):
                out[id(q)] = name
    return out


def _ratio_indicator(sentence: str, clause: tuple[int, int], q: Quantity) -> str:
    seg = sentence[clause[0]:q.start]
    m = _RATIO_CUT.search(seg)
    return _clean_phrase(seg[:m.start()] if m else seg)


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
    # (a company that reports is reporting on itself: it stays an actor)
    sources = [o for o in orgs if not _COMPANY.search(o[0]) and (_SOURCE_AFTER.match(sentence[o[2]:o[2] + 6])
               or _SOURCE_BEFORE.search(sentence[max(0, o[1] - 3):o[1]]))]
    # a source agency's place prefix (合肥市统计局) is the place the figures are about
    places = [p for p in gazetteer.find_places(sentence)
              if not any(o[1] <= p[1] and p[2] <= o[2] and (o[1], o[2]) != (p[1], p[2]) and o not in sources
                         for o in orgs)]
    parens = [m.span() for m in _PARENS.finditer(sentence)]
    subject_places = [p for p in places
                      if not any(a < p[1] and p[2] < b for a, b in parens) and not _in_comparison(sentence, p[1], p[2], _clause_of(clauses, p[1])[1])]
    excluded = _excluded_spans(sentence)
    subject_places = [p for p in subject_places if not _is_scope(sentence, p[1], p[2])
                      and not any(a <= p[1] and p[2] <= b for a, b in excluded)]
    actor_orgs = [o for o in orgs if o not in sources and not _COUNTED_AFTER.match(sentence, o[2])]
    runs: list[tuple[int, int]] = []
    distributed = _distribute(qs, sentence, subject_places, clauses, runs)
    ratio_terms = _ratio_subjects(qs, sentence, [p for p in places if not any(a <= p[1] < b for a, b in parens)], clauses, subject_places)
    distributed.update(ratio_terms)
    topic = _topic(sentence, clauses, passage_text, orgs)

    links: list[Link] = []
    whole = ""   # the subject a total (四省合计X) gave: its share (占…的77.3%) in the next clause is the same
    split_parts: list[str] = []
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
        ranked = (_ranked_place(q, sentence, places) or _compared_total(q, sentence, places, subject_places)
                  or _bracketed_total(q, sentence, places))
        pair = _PAIR_DIFF.match(sentence[clause[0]:q.start])
        total = _TOTAL.search(sentence[clause[0]:q.start])
        listed_places = [g for g in _place_lists(before, sentence) if len(g) >= 2] if total else []
        # the last list item opened before the figure (its later clauses go on about the venue)
        opened = next((c for c in reversed(clauses) if c[0] <= q.start and _ITEM_MARK.match(sentence, c[0])), None)
        item = _ITEM_VENUE.match(sentence, opened[0]) if opened else None
        if item and not in_clause and item.end() <= q.start:
            subject = item.group(1)
        elif id(q) in distributed:
            subject = distributed[id(q)]
        elif listed_places:
            subject = _total_subject(listed_places[-1], places, carry.group)
            own_total = _COUNTED_TOTAL.search(sentence[clause[0]:q.start])
            if own_total and _COUNTS.get(own_total.group(1)) == len(listed_places[-1]):
                # 山东、河南、四川、陕西…，四省合计X: the total of the places just listed
                subject = "、".join(dict.fromkeys(p[0] for p in listed_places[-1]))
            whole = subject
        elif ranked:
            subject = ranked
        elif whole and prev is not None and prev.subject == whole and not in_clause \
                and _clause_of(clauses, prev.quantity.start) != clause:
            subject = whole
        elif pair and _place_lists([p for p in subject_places if p[2] <= clause[0]], sentence):
            subject = _place_lists([p for p in subject_places if p[2] <= clause[0]], sentence)[-1][0][0]
        elif _after_run(q, runs, sentence, subject_places, carry) is not None:
            subject = _after_run(q, runs, sentence, subject_places, carry)
        elif topic and q.start >= topic[1] and not any(
                topic[1] <= p[1] < q.start and _clause_initial(sentence, clauses, p) for p in subject_places):
            subject = topic[0]
        elif listed and prev is not None and (not gap_places or prev_compared):
            subject = prev.subject
        elif in_clause:
            subject = in_clause[-1][0]
        elif before:
            subject = before[-1][0]
        elif after and not listed:
            subject = after[0][0]
        elif carry.group and _group_count(sentence[:q.start]) == _group_size(carry.group):
            subject = carry.group   # 两地共接待游客…: the pair named earlier
        elif actor_orgs:
            subject = actor_orgs[0][0]
        elif listed and prev is not None:
            subject = prev.subject
        else:
            subject = carry.subject
        if in_clause:
            subject_end = in_clause[-1][2]
        elif item and item.end() <= q.start:
            subject_end = item.end()
        subject = short_name(subject)

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
            previous_indicator = prev.indicator if prev is not None else carry.indicator
            indicator = _resolve_anaphor(indicator, previous_indicator)
            if id(q) in ratio_terms:
                indicator = _ratio_indicator(sentence, clause, q) or indicator
            if not indicator or _GENERIC.match(indicator):
                fallback = _fallback_indicator(sentence, q, clauses, clause, prev, qs, carry)
                if fallback:
                    indicator = fallback

        if indicator in _SYNONYMS:
            indicator = "国内生产总值" if subject == "全国" else _SYNONYMS[indicator]
        if _is_method_count(sentence, clause, q, indicator):
            subject = ""

        # claim type and direction
        near_start = max(clause[0], prev_q.end if prev_q and prev_q.end <= q.start else clause[0])
        near = sentence[near_start:q.start]
        before_text = sentence[clause[0]:q.start]
        if listed and prev is not None and prev.quantity.unit_normalized == q.unit_normalized:
            claim_type, direction = prev.claim_type, prev.direction
        else:
            claim_type = _claim_type(q, before_text, near, sentence[q.end:q.end + 8])
            direction = _direction(claim_type, before_text if listed else near or before_text)

        if id(q) not in distributed:
            parts = _listed_indicators(sentence, clause, qs) or _echoed_indicators(sentence, clause, qs, links)
            if parts:
                split_parts = parts
            if split_parts:
                mine = [x for x in qs if x.start >= _respectively(sentence, clause) and x.end <= clause[1]]
                if len(mine) == len(split_parts) and q in mine:
                    indicator = split_parts[mine.index(q)]

        year, period_start, period_end = _year_for(q, years, clause, carry, sentence, claim_type, near)
        links.append(Link(q, subject, indicator, year, period_start, period_end, claim_type, direction))
    return links


_TITLE_YEAR = re.compile(r"《[^《》]*?((?:19|20)\d{2})(?!\s*[—–\-~～至到])[^《》\d]*》")
_TODAY = re.compile(r"目前|当前|现阶段|截至目前|如今|今年|本月|本周")
_MONTH_ONLY = re.compile(r"(?<![0-9年])[0-9一二三四五六七八九十]{1,2}\s*月(?![0-9均])|[一二三四1-4]\s*季度|上半年|前三季度|[“\"]?(?:五一|十一|国庆|春节|端午|中秋)[”\"]?\s*(?:假期|黄金周|期间)")


def _year_for(q: Quantity, years: list[_Year], clause: tuple[int, int], carry: Carry,
              sentence: str, claim_type: str, near: str) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(year, period_start, period_end) of a figure.

    A single year before the figure states its year. A period (2014—2022年,
    与2014年相比, 2014年以来) gives period_start/end and no year, except that
    the figures of 从A增长至B take the period's first and last year.
    """
    if not years and carry.change_start is not None and re.search(r"[由从]\s*(?:约|近)?\s*$", near) \
            and claim_type not in _RATE_CHANGE_TYPES:
        # …由2020年的X增加到2024年的Y。研发投入强度由2.6%提高到3.1%: the same span, undated
        return carry.change_start, None, None
    own = re.search(r"((?:19|20)\d{2})\s*年(?:末|底|同期)?的\s*(?:约|近|超过)?\s*$", sentence[max(0, q.start - 16):q.start])
    if own and claim_type not in _RATE_CHANGE_TYPES | {"difference", "share"}:
        # 与2013年的1.15万亿元相比: the level of that year, though the year is the comparison's base
        return int(own.group(1)), None, None
    stated = [y for y in years if not y.base and y.end <= q.start]
    in_clause = [y for y in stated if y.start >= clause[0]]
    pick = (in_clause or stated or [None])[-1]
    if pick is None:
        later = [y for y in years if not y.base and y.start >= q.end and y.end <= clause[1]]
        pick = later[0] if later else None
    year = period_start = period_end = None
    origins = [y for y in years if y.origin and y.end <= q.start]
    if origins and claim_type in _RATE_CHANGE_TYPES:
        # 由2015年的X增加到2020年的Y，年均增长9.6% / 实现翻一番: the rate spans from the start level's year
        # to the end level's year
        ends = [y for y in stated if y.start > origins[-1].end and y.until is None and y.year > origins[-1].year]
        if ends:
            return None, origins[-1].year, ends[-1].year
    if pick is not None and pick.origin and pick.end <= q.start and not re.search(r"[由从]\s*(?:约|近)?\s*$", near):
        # 由2018年的X增加到Y，年均增长7%: Y is of the end year (the year the document reports on),
        # the rate of the period between
        end = _end_year(carry, pick.year)
        if _TO_END.search(near):
            return end, None, None
        if claim_type in _RATE_CHANGE_TYPES:
            return None, pick.year, end
    if pick is not None and pick.until is not None:
        period_start, period_end = pick.year, pick.until
        if any(y.base and y.year == pick.year - 1 and y.end <= q.start for y in years):
            # “十三五”时期比2015年翻一番: the base level is the year before the period
            period_start = pick.year - 1
        if re.search(r"[从由]\s*(?:约|近)?\s*$", near):
            year = pick.year
        elif re.search(r"(?:至|到|增至|达到)\s*(?:约|近)?\s*$", near):
            year = pick.until
        return year, period_start, period_end
    since = [y for y in years if y.since and y.end <= q.start]
    if pick is not None and not (since and pick.start < since[-1].start and pick.start < clause[0]):
        year = pick.year
    elif (since or _YEARS_SINCE.search(sentence[:q.start])) and claim_type not in _RATE_CHANGE_TYPES | {"difference"}:
        # 2014年以来…已发展到20个 / 十年来…达到10%: as of the document, not of a stated year
        return None, (since[-1].year if since else None), None
    elif _YEARS_SINCE.search(sentence[:q.start]) and not since:
        return None, None, None
    elif re.search(r"每年", sentence[clause[0]:q.start]) or _ELASTICITY.search(sentence):
        year = None   # 每年以10%的增长率 / 每提升1%: a rate over years, not one year's figure
    elif _SAME_YEAR.search(sentence[:q.start]) or carry.year is not None:
        year = carry.year
    elif carry.period_start is not None:
        if re.search(r"[从由]\s*(?:约|近)?\s*$", near):
            return carry.period_start, carry.period_start, carry.period_end
        if re.search(r"(?:至|到|增至|达到)\s*(?:约|近)?\s*$", near):
            return carry.period_end, carry.period_start, carry.period_end
        if claim_type in _RATE_CHANGE_TYPES:
            return None, carry.period_start, carry.period_end
        year = None
    elif claim_type in ("rank", "score") and _TITLE_YEAR.search(sentence):
        # 《…指数(2023)》显示…位列第1位: a ranking or score is the cited edition's
        year = int(_TITLE_YEAR.search(sentence).group(1))
    elif _TODAY.search(sentence[:q.start]) or _MONTH_ONLY.search(sentence[:q.start]):
        # 目前/当前 or 4月份 / 1—4月 / 五一假期 in an undated sentence: the document's (dated) year
        year = carry.ref_year
    bases = [y for y in years if y.base and y.end <= q.start]
    if bases and claim_type in _RATE_CHANGE_TYPES | {"difference"}:
        period_start = bases[-1].year
        period_end = year if year is not None and year >= period_start else None
        year = None
    return year, period_start, period_end


# 四省合计X (the count word right before 合计): a sub-total of exactly the places listed
_COUNTED_TOTAL = re.compile(r"([两二三四五六七八九])(?:个)?(?:省市|省区|地|省|市|城|区|县)\s*(?:合计|共计|总计|合共)\s*(?:为|达到?|约|近|超过?)?\s*$")
_GROUP_WORD = re.compile(r"([两二三四五六七八九])(?:地|省市|省|市|城|区)")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _group_count(text: str) -> int:
    """两地 / 三省市 in ``text`` (without a place before it): how many places it refers to, else 0."""
    m = _GROUP_WORD.search(text)
    if not m or gazetteer.find_places(text[:m.start()]):
        return 0
    return _COUNTS[m.group(1)]


def _total_subject(listed: list[tuple[str, int, int]], places: list[tuple[str, int, int]], group: str) -> str:
    """合计 over 深圳、东莞、惠州: the named region the listed places belong to (in the sentence, else the
    carried group), else "" — never the last place of the list."""
    names = {p[0] for p in listed}
    for candidate in [p[0] for p in reversed(places)] + [group]:
        if candidate and names <= set(gazetteer.members(candidate)) and candidate not in names:
            return candidate
    return ""


def _last_group(sentence: str) -> str:
    """The last set of places ``sentence`` names: a region of several places (川渝) or a list (湖北、湖南)."""
    places = gazetteer.find_places(sentence)
    found: list[tuple[int, str]] = [(p[1], p[0]) for p in places if len(gazetteer.members(p[0])) >= 2]
    parens = [m.span() for m in _PARENS.finditer(sentence)]
    for g in _place_lists(places, sentence):
        if any(a < g[0][1] and g[-1][2] < b for a, b in parens):
            continue   # 黄河流域九省区（青海、四川、…）: the list spells out the region named before it
        names = list(dict.fromkeys(p[0] for p in g))
        if len(names) >= 2 and all(not gazetteer.members(n) for n in names):
            found.append((g[0][1], "、".join(names)))
    for m in _NAMED_GROUP.finditer(sentence):
        found.append((m.start(), m.group()))
    return max(found)[1] if found else ""


# 长江中游三省 / 西北五省区 / 东南沿海三省: a set of places named by a geographic descriptor and a count
_NAMED_GROUP = re.compile(r"(?:长江|黄河|珠江|淮河|[东西南北]部|东北|西北|西南|东南|华[东南北中]|沿海|沿江|沿边)"
                          r"(?:上游|中游|下游|流域|沿海|沿线|地区)?[两二三四五六七八九](?:省市|省区|省份|省|地)")


def _group_size(group: str) -> int:
    """How many places a carried group stands for (川渝 → 2, 长江中游三省 → 3)."""
    named = _NAMED_GROUP.fullmatch(group)
    if named:
        return _COUNTS[re.search(r"[两二三四五六七八九]", group[-4:]).group()]
    return len(gazetteer.members(group))


def _respectively(sentence: str, clause: tuple[int, int]) -> int:
    """Where 分别 ends in ``clause`` (len(sentence) when it has none)."""
    m = re.compile("分别").search(sentence, clause[0], clause[1])
    return m.end() if m else len(sentence)


def _listed_indicators(sentence: str, clause: tuple[int, int], qs: list[Quantity]) -> list[str]:
    """城镇居民和农村居民人均可支配收入分别达到X和Y: one indicator per listed figure
    (城镇居民人均可支配收入, 农村居民人均可支配收入); [] when the clause lists none."""
    m = re.compile("分别").search(sentence, clause[0], clause[1])
    if not m or any(clause[0] <= x.start < m.start() for x in qs):
        return []
    raw = sentence[clause[0]:m.start()]
    raw = _TIME_WORDS.sub("", _PARENS.sub("", raw))
    for _name, a, b in reversed(gazetteer.find_places(raw)):
        raw = raw[:a] + raw[b:]
    raw = _LEAD.sub("", re.sub(r"\s+", "", raw))
    n = len([x for x in qs if x.start >= m.end() and x.end <= clause[1]])
    enumerated = _enumerated_items(re.sub(r"(?:同比|环比|比上年|较上年|比去年)$", "", raw), n)
    if enumerated:
        return enumerated
    parts = re.split(r"[和与及、]", raw)
    if len(parts) != n or n < 2 or any(not 2 <= len(p) <= 8 for p in parts[:-1]):
        return []
    # the last item carries the shared head: cut it after as many characters as the first item has,
    # at a word boundary or where both items end alike (城镇居民 / 农村居民)
    last, size = parts[-1], len(parts[0])
    bounds, pos = set(), 0
    for w in _tokenizer().cut(last):
        pos += len(w)
        bounds.add(pos)
    if size > len(last) or not (size in bounds or last[size - 1] == parts[0][-1]):
        return []
    head = last[size:]
    if head and len(head) < 2:
        return []
    return [p + head for p in parts[:-1]] + [last]


_MEASURED_HEAD = re.compile(r"(?:额|量|数|值|收入|规模|产值|人数|总值|指数)$")


def _enumerated_items(raw: str, n: int) -> list[str]:
    """A（ITO）、B（BPO）和C执行额分别为X、Y和Z / A和B、C和D、E服务执行额分别增长…: items split at 、
    (the last joint may be 和/与/及), each given the measured head noun the last item ends with
    (执行额); the actor and verb before the first item (企业承接…) are dropped. [] when the items
    do not number ``n`` or the list ends without a measured noun."""
    if n < 2 or "、" not in raw:
        return []
    items = raw.split("、")
    if len(items) == n - 1:
        joint = re.split(r"[和与及]", items[-1])
        if len(joint) != 2:
            return []
        items = items[:-1] + joint
    if len(items) != n or any(not 2 <= len(x) <= 16 for x in items):
        return []
    words = list(_tokenizer().cut(items[-1]))
    head = words[-1]
    if len(head) <= 2 and len(words) >= 3:
        head = words[-2] + head
    if not _MEASURED_HEAD.search(head) or len(items[-1]) - len(head) < 2:
        return []
    first = [(w.word, w.flag) for w in _pos_tagger().cut(items[0])]
    verbs = [k for k, (_w, flag) in enumerate(first[:-1]) if flag == "v"]
    if verbs:
        cut = sum(len(w) for w, _f in first[:verbs[-1] + 1])
        if len(items[0]) - cut >= 2:
            items[0] = items[0][cut:]
    bare = [x for x in items[:-1]]
    return [x if x.endswith(head) else x + head for x in bare] + [items[-1]]


def _echoed_indicators(sentence: str, clause: tuple[int, int], qs: list[Quantity], links: list["Link"]) -> list[str]:
    """合同额X，执行额Y，同比分别增长a和b: a 分别 clause that names no measure of its own takes the
    indicators of the figures just before it, in order; [] otherwise."""
    m = re.compile("分别").search(sentence, clause[0], clause[1])
    if not m or any(clause[0] <= x.start < m.start() for x in qs):
        return []
    head = _MARKER.sub("", sentence[clause[0]:m.start()])
    if _clean_phrase(head):
        return []
    n = len([x for x in qs if x.start >= m.end() and x.end <= clause[1]])
    earlier = [l for l in links if l.quantity.end <= clause[0]][-n:]
    names = [l.indicator for l in earlier]
    if n < 2 or len(earlier) != n or not all(names) or len(set(names)) != n:
        return []
    return names


def _end_year(carry: Carry, start: int) -> Optional[int]:
    """The year a change that names only its start ends in: the report's year, else the carried one."""
    for year in (carry.report_year, carry.year):
        if year is not None and year > start:
            return year
    return None


def _distribute(qs: list[Quantity], sentence: str, places: list[tuple[str, int, int]],
                clauses: list[tuple[int, int]], runs: Optional[list[tuple[int, int]]] = None) -> dict[int, str]:
    """分别: figures after it take the places listed before it, in order.

    ``runs`` (when given) receives (start of the list, end of its last figure) of every list used."""
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
        elif len(names) >= 2 and len(figures) % len(names) == 0:
            # 分别以0.44和0.29的均值位列一二: each run of figures goes over the list again
            for k, q in enumerate(figures):
                out[id(q)] = names[k % len(names)]
        else:
            continue
        if runs is not None:
            runs.append((lists[-1][0][1], figures[-1].end))
    return out


def _after_run(q: Quantity, runs: list[tuple[int, int]], sentence: str,
               places: list[tuple[str, int, int]], carry: "Carry") -> Optional[str]:
    """美国、欧盟分别为X和Y，合计占Z: a figure after a 分别 run (with no new place of its own) is
    about the subject before the list, not about the list's last member; None when no run ends before it."""
    done = [r for r in runs if r[1] <= q.start]
    if not done:
        return None
    start, end = done[-1]
    if any(end <= p[1] and p[2] <= q.start for p in places):
        return None
    lead = [p for p in places if p[2] <= start]
    return lead[-1][0] if lead else carry.subject


def next_carry(sentence: str, links: list[Link], carry: Optional[Carry] = None) -> Carry:
    """What the next sentence of the paragraph inherits: last year, subject and indicator."""
    carry = carry or Carry()
    stated = [y for y in _years(sentence, carry.ref_year) if not y.base]
    if not links:
        # a sentence without figures sets the year only as a topic (2019年，… / 过去一年，…)
        stated = [y for y in stated if y.start <= 2 or _RELATIVE_YEAR.match(sentence, y.start)]
    year, period = carry.year, (carry.period_start, carry.period_end)
    if stated and stated[-1].origin:
        # 由2018年的X增加到Y: the sentence ends at Y, the year of its last dated figure or its period's end
        ends = [l.year if l.year is not None else l.period_end for l in links]
        ends = [y for y in ends if y is not None and y > stated[-1].year]
        year, period = (ends[-1] if ends else None), (None, None)
    elif stated and stated[-1].until is not None:
        # the sentence ends on a period (…意味着2014—2022年期间…): the next one speaks of it too
        year, period = None, (stated[-1].year, stated[-1].until)
    elif stated:
        year, period = stated[-1].year, (None, None)
    elif links and links[-1].year is not None:
        year, period = links[-1].year, (None, None)
    elif links and links[-1].period_start is not None:
        year, period = None, (links[-1].period_start, links[-1].period_end)
    subject, indicator = carry.subject, carry.indicator
    if links:
        subject = links[-1].subject or subject
        indicator = links[-1].indicator or indicator
        venues = {m.group(1) for c in _clauses(sentence) for m in [_ITEM_VENUE.match(sentence, c[0])] if m}
        if subject in venues:
            subject = carry.subject   # a list item's venue is that item's topic only
        places = gazetteer.find_places(sentence)
        runs: list[tuple[int, int]] = []
        spread = _distribute([l.quantity for l in links], sentence, places, _clauses(sentence), runs)
        if id(links[-1].quantity) in spread:
            # 美国、欧盟分别为X和Y。: the list's last member was its figure's subject only
            lead = [p for p in places if p[2] <= runs[-1][0]]
            subject = lead[-1][0] if lead else carry.subject
        breakdown = re.search(r"其中", sentence)
        main = [l for l in links if breakdown and l.quantity.end <= breakdown.start() and l.subject]
        if main:
            # …合计300万辆，其中A 200万辆、B 100万辆: the parts end the sentence, its whole goes on
            subject = main[-1].subject
    else:
        places = gazetteer.find_places(sentence)
        if places:
            subject = places[-1][0]
    group = _last_group(sentence)
    change_start = carry.change_start if not stated else None
    origins = [y for y in stated if y.origin]
    if origins and any(y.start > origins[-1].end and y.year > origins[-1].year for y in stated):
        change_start = origins[-1].year
    lasting = carry.lasting_year
    if stated and not stated[-1].partial and not stated[-1].origin and stated[-1].until is None:
        lasting = stated[-1].year
    return replace(carry, year=year, subject=subject, indicator=indicator,
                   period_start=period[0], period_end=period[1], lasting_year=lasting,
                   group=group or carry.group, change_start=change_start)
