"""A figure's identity: what exactly it measures, so that two figures are compared only
when they measure the same thing.

Each function reads plain strings (the subject and indicator the linker chose,
the clause before the figure, the sentence, document notes) and returns one
field of the fact table: ``subject_key``, ``indicator_key`` (with the
``scope`` taken out of the indicator), ``measure``, ``basis``, ``status`` and
the period as months. The words are data (kb/data/identity.yaml).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

from kb.models import RELATIVE_UNITS
from kb.text import vocab
from kb.figures.linking.cues import bracket_clause_start
from kb.figures.structure import as_item_share, listed_items, structure_items
from kb.text.script import simplified
from kb.text.lazy_pattern import lazy_compile

VOCAB = "identity"
_SPACE = lazy_compile(r"[\s\u3000]+")
_DECORATION = lazy_compile(r"[“”\"'‘’《》〈〉「」『』()（）\[\]【】]")
_YEAR_WORDS = lazy_compile(r"(?:19|20)\d{2}\s*年(?:度|末|底|初)?|\d{1,2}\s*[—–\-~至到]\s*\d{1,2}\s*月(?:份)?|\d{1,2}\s*月(?:份|末|底)?")
# 1—11月; a dash set as the character 一 between digits (1一11月) is a dash too
_MONTH_SPAN = lazy_compile(r"(?<!\d)(\d{1,2})\s*[—–\-－~～至到一]\s*(\d{1,2})\s*月")
_HEAD_MONTHS = lazy_compile(r"(?:前|头)\s*(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*个?月")
_MONTH_END = lazy_compile(r"(?<![\d—–\-一])(\d{1,2})\s*月(?:份|末|底)?(?!\s*[—–\-~至到]\s*\d)")
_COMPARED_PERIOD = lazy_compile(r"(?:比|较|与|同|相比|对比)(?:上年|去年|上年同期|去年同期)?"
                                r"(?:上半年|下半年|一季度|二季度|三季度|四季度|前三季度|年初|年末|全年|上月|上季度|"
                                r"\d{1,2}月(?:末|底|份)?|\d{1,2}[—–\-~至到]\d{1,2}月|"
                                r"(?:前|头)(?:\d{1,2}|[一二两三四五六七八九十]{1,2})个?月(?:累计)?)"
                                # 比1998年末 / 分别比1997年和1998年末: the end of a base year
                                r"|(?:比|较|与|相比|对比)(?:(?:19|20)\d{2}年(?:末|底)?[和、及与])*(?:19|20)\d{2}年(?:末|底)")
# a news dateline (新华社南宁3月8日电) dates the dispatch, not the figures
_DATELINE = lazy_compile(r"\d{1,2}月\d{1,2}日电")
_ISSUE_DAY = lazy_compile(r"(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_NEWS_DAY = lazy_compile(r"(?<![至止到\d年])(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:晚间|晚|上午|下午|早间|凌晨|午间)?(?=[，,])")
_RATIO_OF = lazy_compile(r"(?:是|为|相当于|达到?)[^，。；,;]{0,24}的\s*(?:近|约|超过?|逾)?\s*$")
_GROWTH_VERB = lazy_compile(r"增长|增加|提高|提升|上升|扩大|翻|下降|减少|降低")
_CHANGE_AMOUNT = lazy_compile(r"(?:多增|少增|多减|少减)了?\s*(?:近|约|超过?|逾)?$"
                              r"|(?:(?:比|较)(?:上年|去年|上年同期|去年同期|年初|上年末|(?:19|20)\d{2}年)|同比)[^，。；,;]{0,6}?"
                              r"(?:(?:增加|增设|新增|提高|提升|上升|增长|减少|下降|降低|回落|多|少)了?"
                              r"|(?:新增|增加|减少)[\u4e00-\u9fff]{1,6}?)\s*(?:近|约|超过?|逾)?$"
                              r"|(?:每年|年均|平均每年)(?:增加|新增|增长|减少)(?:了|为|达)?\s*(?:近|约|超过?|逾)?$")
_GROWTH_NOUN = lazy_compile(r"增速|增长率|增幅|涨幅|降幅|增长速度")
# 是欧洲总体就业人数的13%: a percentage of a total its clause names is a share of it
_RELATIVE_TO_BASE = vocab.regex(VOCAB, "relative_to_base")
_RELATIVE_LIST_CONTINUED = vocab.regex(VOCAB, "relative_list_continued")
_SHARE_OF_TOTAL = lazy_compile(r"(?:是|占|为)[^，。；,;]{0,16}?(?:总|全部|整体|总体|全体)[^，。；,;]{0,10}的\s*(?:近|约|超过?|逾)?$")
# 提高到2018年的43.37%, 下降为1997年的0.8%: the year the new value is of may stand between
_REACHED = lazy_compile(r"(?:(?:提高|提升|上升|增长|增加|下降|降低|回落|减少|扩大|缩小)(?:至|到)"
                        r"|(?:提高|提升|上升|增加|下降|降低|回落|减少|扩大|缩小)为|降至|增至|升至|降为|达到|达)"
                        r"\s*(?:了)?\s*(?:(?:19|20)\d{2}\s*年(?:末|底)?的)?\s*(?:近|约|超过?|逾)?"
                        # …提高到2018年的43.37%、59.58%: the next figures of the list reached too
                        r"(?:[0-9.]+\s*[%％‰]?\s*[、和及与]\s*)*$")
_BASE_YEAR = lazy_compile(r"(?:比|较|与|相比|同比|对比|相对于)\s*(?:19|20)\d{2}\s*年|(?:从|由)\s*(?:19|20)\d{2}\s*年")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "十一": 11, "十二": 12}

MEASURES = ("level", "yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr", "share", "ratio",
            "multiple", "difference", "rank", "per_capita")
STATUSES = ("actual", "preliminary", "estimate", "target", "forecast")


def words(key: str) -> tuple[str, ...]:
    return vocab.words(VOCAB, key)


def rank_orders(before: str) -> str:
    """What a rank orders, from the words before it: "growth" when a growth word is nearer than any
    level word (19.8%的同比增速…，全国排名第二; 增速居三省一市首位), else "level" (GDP增长15%，总量排名第五;
    收入达到235亿元，全国排名上升到24位)."""
    growth = max((before.rfind(w) for w in words("rank_growth_words")), default=-1)
    level = max((before.rfind(w) for w in words("rank_level_words")), default=-1)
    return "growth" if growth > level else "level"


@lru_cache(maxsize=16384)   # a pure function of its text, asked ≈ 10 times a text (issue 12)
def compact(text: str) -> str:
    """``text`` without spaces and quotation or bracket marks."""
    return _DECORATION.sub("", _SPACE.sub("", text or ""))


# --- subject -----------------------------------------------------------------------

@lru_cache(maxsize=4096)
def subject_key(subject: str) -> str:
    """One key per place or organisation: 中国/我国/国内 → 全国, 广东省 → 广东, a company as written."""
    from kb.text.gazetteer import canonical, is_place

    name = compact(subject)
    if not name:
        return ""
    if name in words("national"):
        return "全国"
    parts = [p for p in re.split(r"[、，,和与及]", name) if p]
    if len(parts) > 1 and all(is_place(p) for p in parts):
        return "、".join(canonical(p) for p in parts)
    return canonical(name) if is_place(name) else name


# --- indicator and scope --------------------------------------------------------------

@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Every phrase of the indicator vocabulary → its canonical name (longest first)."""
    table = vocab.vocabulary(VOCAB)["indicators"]
    pairs = {phrase: key for key, phrases in table.items() for phrase in [key, *phrases]}
    return dict(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _period_words() -> re.Pattern:
    periods = sorted((p[0] for p in vocab.vocabulary(VOCAB)["periods"]), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, periods)))


def title_indicator(title: str) -> str:
    """The one indicator of kb's vocabulary a title names, as the title writes it (27省份一季度GDP出炉
    → GDP), "" when it names none or several. Only names of three or more characters, or Latin
    letters (GDP, CPI), count: 经济 is a part of too many other names (数字经济)."""
    found: dict[str, str] = {}
    taken: list[tuple[int, int]] = []
    for phrase, key in _synonyms().items():          # longest first: 人均GDP before GDP
        if len(phrase) < 3 and not phrase.isascii():
            continue
        start = title.find(phrase)
        if start != -1 and not any(a < start + len(phrase) and start < b for a, b in taken):
            taken.append((start, start + len(phrase)))
            found.setdefault(key, phrase)
    return next(iter(found.values())) if len(found) == 1 else ""


def vocabulary_key(name: str) -> str:
    """The canonical key of a name that kb's indicator vocabulary lists (GDP, 国内生产总值 → GDP;
    规模以上工业增加值 → 工业增加值), with its scope word if any; "" for a name the vocabulary
    does not know."""
    key, scope = indicator_key(name)
    return f"{scope}|{key}" if key in _vocabulary_keys() else ""


@lru_cache(maxsize=1)
def _vocabulary_keys() -> frozenset[str]:
    return frozenset(_synonyms().values())


def share_parts(indicator: str) -> tuple[str, str]:
    """(part, whole) of a share's indicator phrase: 第三产业增加值占GDP比重 → (第三产业增加值, GDP)."""
    text = compact(indicator)
    if "占" not in text:
        return text, ""
    part, whole = text.split("占", 1)
    whole, _ = strip_words(whole.rstrip("的"), words("measure_tail") + ("的比重", "的比例", "比例"), "tail")
    return part, whole


def strip_words(text: str, candidates: tuple[str, ...], at: str) -> tuple[str, list[str]]:
    """Remove the ``candidates`` found at the start (``at='lead'``) or end (``'tail'``) of ``text``,
    repeatedly; returns the rest and what was removed."""
    removed = []
    changed = True
    while changed and text:
        changed = False
        for word in _longest_first(candidates):
            if at == "lead" and text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
            elif at == "tail" and text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
            if changed:
                removed.append(word)
                break
    return text, removed


@lru_cache(maxsize=256)
def _longest_first(candidates: tuple[str, ...]) -> tuple[str, ...]:
    """``candidates`` longest first (a stable sort: equal lengths keep their order), sorted once."""
    return tuple(sorted(candidates, key=len, reverse=True))


def _keep_whole_tail(text: str, core: str) -> str:
    """住户存款余额 → 住户存款余额, not 住户存款余: a word the measure tails would cut in two stays whole."""
    for tail in words("whole_tails"):
        at = text.rfind(tail)
        if at != -1 and at < len(core) < at + len(tail):
            return text[:at + len(tail)]
    return core


@lru_cache(maxsize=4096)
def indicator_key(indicator: str, subject: str = "") -> tuple[str, str]:
    """(indicator_key, scope) of an indicator phrase.

    Place names, area words (全省, 全年), dates and scope words (规模以上, 城镇 …)
    come off the front; measure words (增速, 比重) off the end; what remains is
    looked up in the vocabulary, else kept as the key itself. A phrase that
    only partly matches a vocabulary entry keeps its own wording: 数字经济规模
    is not GDP.
    """
    from kb.text.gazetteer import find_places

    text = _period_words().sub("", _YEAR_WORDS.sub("", compact(indicator)))
    for _, start, end in sorted(find_places(text), key=lambda p: -p[1]):
        if start == 0:
            text = text[end:]
    if subject and text.startswith(compact(subject)) and len(text) > len(compact(subject)):
        text = text[len(compact(subject)):]
    text = text.lstrip("的之")
    text, _ = strip_words(text, words("area_lead"), "lead")
    whole = text
    text, scopes = strip_words(text, words("scope"), "lead")
    synonyms = _synonyms()
    key = synonyms.get(text)
    if key is None:
        core, _ = strip_words(text, words("measure_tail"), "tail")
        core = _keep_whole_tail(text, core)
        core = core.rstrip("的之") or core   # M2的增长率 → M2
        key = synonyms.get(core)
        if key is None and whole in synonyms:
            return synonyms[whole], ""   # 城镇化率 is an indicator, not 城镇's 化率
        key = key or (core if core else text)
    key = _TRADE_VERB_FIRST.sub(r"\2\1", _without_total(key))
    return key, "".join(scopes[:1]).replace("规上", "规模以上").replace("限上", "限额以上")


def _without_total(key: str) -> str:
    """夏粮总产量 → 夏粮产量: an item's total output keyed as its output (a key of two characters
    or the bare 总产量 stays)."""
    for total in words("total_measures"):
        if key.endswith(total) and len(key) > len(total):
            return key[:-len(total)] + total[1:]
    return key


# --- measure ---------------------------------------------------------------------

class Reading:
    """What the measure rules read about one figure."""

    def __init__(self, claim_type: str, unit_normalized: str, before: str, indicator: str,
                 year: Optional[int] = None, spans_years: bool = False, lead: str = ""):
        self.claim_type = claim_type
        self.unit = unit_normalized
        self.before = compact(before)
        self.tail = self.before[-12:]
        self.indicator = compact(indicator)
        self.year = year
        self.spans_years = spans_years
        self.lead = compact(lead)   # the sentence before the figure's clause


def rule_contribution(r: Reading) -> Optional[str]:
    """拉动GDP增长X个百分点, 贡献率X%: a contribution is a ratio to the whole's growth."""
    if r.claim_type in ("level", "count", "score") or re.search(r"比|较|由|从", r.tail):
        return None
    if "占" in r.before[: max(r.before.rfind("拉动"), r.before.rfind("贡献"), 0)]:
        return None   # 占数字经济拉动非农就业总人数的53.5%: a share of what the growth pulls
    return "ratio" if re.search(r"拉动|贡献", r.tail) else None


def rule_level_reached(r: Reading) -> Optional[str]:
    """提高至/降至/增长到 X: the figure is the indicator's new value, not the change."""
    if r.claim_type in ("difference", "change", "rank") or r.unit == "pp":
        return None
    if _REACHED.search(r.before):
        return natural_measure(r)
    return None


def rule_named_growth(r: Reading) -> Optional[str]:
    """X%的增速, 增速为X%, 同比增速X%: a growth rate named by its indicator word."""
    if r.unit != "%" or r.claim_type in ("difference", "change", "rank", "share") \
            or r.indicator.endswith(words("not_growth_rates")):
        return None
    if _GROWTH_NOUN.search(r.indicator[-4:]) or _GROWTH_NOUN.search(r.tail):
        return growth_measure("growth_rate", r.before, r.year, r.spans_years, r.lead)
    return None


def rule_growth(r: Reading) -> Optional[str]:
    """增长X% / 增长X倍 / 年均增长: which growth it is (see growth_measure); a rate named like a growth
    that is none (人口自然增长率: births less deaths per thousand) is its indicator's own value."""
    if r.indicator.endswith(words("not_growth_rates")):
        return natural_measure(r)
    if r.claim_type in ("growth_rate", "multiple", "cagr"):
        return growth_measure(r.claim_type, r.before, r.year, r.spans_years, r.lead)
    return None


def rule_by_claim_type(r: Reading) -> Optional[str]:
    """The rest follows the claim type; a rate level follows its indicator (natural_measure)."""
    if r.claim_type in ("level", "count", "score", "share", "ratio"):
        return natural_measure(r)
    return {"difference": "difference", "change": "difference", "rank": "rank"}.get(r.claim_type, "level")


def rule_change_amount(r: Reading) -> Optional[str]:
    """比上年增加X亿元 / 比1998年提高3.3 / 年均增长为1532万人: an amount compared with an earlier period
    (or added each year) is a difference."""
    if r.unit in ("%", "times") or r.claim_type in ("rank",):
        return None
    return "difference" if _CHANGE_AMOUNT.search(r.before) else None


def rule_relative_to_base(r: Reading) -> Optional[str]:
    """人均GDP相当于世界平均水平的51% / 也相当于美国人均水平的11%: a percentage of a base its clause
    names is a ratio to that base, whatever the indicator carried to it."""
    return "ratio" if r.unit == "%" and _RELATIVE_TO_BASE.search(r.before) else None


def rule_relative_list_continued(r: Reading) -> Optional[str]:
    """占全球的31%，美国为18% / 相当于美国的17%，日本的30%: a percentage continuing a share's list is a
    share, one continuing a ratio's list a ratio."""
    if r.unit != "%":
        return None
    m = _RELATIVE_LIST_CONTINUED.search(r.lead + r.before)
    return None if not m else ("share" if m.group("lead") == "占" else "ratio")


MEASURE_RULES = (rule_relative_to_base, rule_relative_list_continued, rule_contribution, rule_named_growth, rule_change_amount,
                 rule_level_reached, rule_growth, rule_by_claim_type)


def natural_measure(r: Reading) -> str:
    """The measure of an indicator's own value: a per-capita amount, a share (城镇化率, 占比),
    a ratio (研发强度, 利润率) or a level."""
    if any(w in r.indicator for w in words("per_capita_lead")) or "/person" in r.unit \
            or any(r.indicator.endswith(w) for w in words("per_capita_tail")):
        return "per_capita"
    if r.claim_type == "count":
        return "level"   # 9家500亿以上市值公司 after …研发强度: a count of members is no rate of its indicator
    if any(r.indicator.endswith(w) for w in words("ratio_rates")):
        return "ratio"
    if any(r.indicator.endswith(w) for w in words("share_rates")) or _SHARE_OF_TOTAL.search(r.before):
        return "share"
    if r.claim_type == "share" and _names_share(r.before):
        return "share"   # …GDP增速超过18.3%，占比超过三成: the clause names a share, not the growth before it
    if r.unit == "%" and not r.indicator.endswith(words("not_growth_rates")) and (
            r.indicator.endswith(words("growth_rate_tails")) or r.indicator in words("price_indices")):
        return "yoy_growth"   # 出口增长率由33%下降到6.5%, CPI约为2.1%: a growth rate's own value
    return {"share": "share", "ratio": "ratio"}.get(r.claim_type, "level")


def _names_share(before: str) -> bool:
    """True when the figure's own clause, before it, names a share (占比 / 比重 / 份额)."""
    clause = re.split(r"[，,；;。：:]", before)[-1]
    return any(w in clause for w in words("share_rates"))


def measure(claim_type: str, unit_normalized: str, before: str, indicator: str = "",
            year: Optional[int] = None, spans_years: bool = False, lead: str = "") -> str:
    """What kind of quantity a figure is (INTERFACE.md ``measure``): the first of MEASURE_RULES
    that decides, reading the claim type, the unit, the clause before the figure (``before``)
    and the indicator (``lead``: the sentence before that clause)."""
    reading = Reading(claim_type, unit_normalized, before, indicator, year, spans_years, lead)
    for rule in MEASURE_RULES:
        found = rule(reading)
        if found:
            return found
    return "level"


def growth_measure(claim_type: str, before: str, year: Optional[int] = None, spans_years: bool = False,
                   lead: str = "") -> str:
    """yoy_growth, growth_vs_base, avg_growth_2y, cagr or multiple for a growth-like figure. A sentence
    that opens on the month-on-month view (从环比看，食品价格下降0.9%) makes its rates growths against
    the month before, unless the clause says 同比."""
    if any(w in before for w in words("avg_2y_cues")):
        return "avg_growth_2y"
    if claim_type == "cagr" or any(w in before for w in words("cagr_cues")):
        return "cagr"
    if claim_type == "multiple" and (_RATIO_OF.search(before) or not _GROWTH_VERB.search(before)):
        return "multiple"
    tail = before[-24:]
    if any(w in tail for w in words("base_period_cues")) or (
            any(w in lead for w in words("month_on_month_view")) and not any(w in before for w in words("yoy_cues"))):
        return "growth_vs_base"
    base = _BASE_YEAR.search(tail)
    # 同比2019年增长: 同比 there leads the named base, no cue of a growth against the year before
    if base and not any(w in tail[:base.start()] + tail[base.end():] for w in words("yoy_cues")):
        named = int(re.search(r"(?:19|20)\d{2}", base.group(0)).group(0))
        return "yoy_growth" if year is not None and named == year - 1 else "growth_vs_base"
    return "growth_vs_base" if spans_years else "yoy_growth"


# --- basis -------------------------------------------------------------------------

def basis(clause: str, measure_: str, notes: "DocumentNotes", after: str = "", noted: bool = True,
          lead: str = "") -> str:
    """real / nominal where the figure's clause, else the sentence before it (``lead``), or a note of
    the document that covers the figure says so: 名义增长5.6%，扣除价格因素实际增长5.1% is nominal then
    real. A growth the sentence goes on to restate as real (增长6.8%，扣除价格因素，实际增长9.5%) is
    nominal. ``noted``: the document's notes on growth at comparable prices cover the figure's indicator."""
    for text in (compact(clause), compact(clause + lead)):
        if any(w in text for w in words("basis_nominal")):
            return "nominal"
        if any(w in text for w in words("basis_real")) or vocab.regex(VOCAB, "price_base_year").search(text):
            return "real"
    if measure_ in ("yoy_growth", "growth_vs_base") and vocab.regex(VOCAB, "nominal_before_real").match(
            compact(after)):
        return "nominal"
    if measure_ in ("yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr") and notes.growth_real and noted:
        return "real"
    if measure_ == "level" and notes.levels_nominal:
        return "nominal"
    return ""


def is_real_growth_key(key: str) -> bool:
    """GDP and value added: statistics report their growth at comparable prices unless they say
    otherwise, and a note that growth is at comparable prices (增长速度按可比价格计算) is about them; an
    income's or a sales total's growth stays as stated."""
    return key in words("real_growth_indicators") or key.endswith("增加值")


class DocumentNotes:
    """What a document's own notes say about all its figures (增长速度按可比价格计算 …)."""

    def __init__(self, text: str):
        flat = compact(text)
        self.growth_real = any(w in flat for w in words("growth_note_real"))
        self.levels_nominal = any(w in flat for w in words("level_note_nominal"))
        self.preliminary = any(w in flat for w in words("preliminary_note"))


# --- status ------------------------------------------------------------------------

_TRADE_VERB_FIRST = vocab.regex(VOCAB, "trade_verb_first")
_TARGET_AFTER = vocab.regex(VOCAB, "target_after")
_TARGET_SET_BEFORE = vocab.regex(VOCAB, "target_set_before")
_BUDGET_BEFORE = vocab.regex(VOCAB, "budget_before")
_ASIDE_SENTENCE = vocab.regex(VOCAB, "aside_sentence")
_COMPARED_INCREASE = vocab.regex(VOCAB, "compared_increase")
_EXCLUDED_FACTOR = vocab.regex(VOCAB, "excluded_factor")
# 完成全年目标的107.5%: what was reached, as a percentage of the target (the target is not the figure)
_TARGET_REACHED = vocab.regex("relations", "target_of_before")


def without_false_friends(text: str) -> str:
    """``text`` without the names that hold a status cue and cue nothing (人均预期寿命81.32岁 is an
    actual figure, its 预期 no plan)."""
    for name in words("cue_false_friends"):
        text = text.replace(name, "")
    return text


def status(sentence_lead: str, before: str, year: Optional[int], document_year: Optional[int],
           notes: DocumentNotes, in_targets: bool = False, forecast_from: Optional[int] = None,
           after: str = "") -> str:
    """actual, preliminary, estimate, target or forecast.

    ``sentence_lead`` is the sentence up to the figure's clause, ``before`` the
    clause up to the figure; ``in_targets`` says the figure sits under a
    heading or lead sentence that announces targets (主要预期目标是 …). A figure
    of a period after the document's own year is a target or a forecast; 预计
    about a period already past is an estimate. A stop inside the lead (a run of sentences the
    segmenter kept together) ends what governs the figure. ``forecast_from``: the year a forecast
    report (…2017年中国经济核心指标预测) forecasts; its figures of that year or later are forecasts.
    ``after``: the rest of the sentence; a figure its clause then calls a target (全年增长7%的预期目标)
    is one, and so is a growth or level its clause says is set out (提出…增长5%左右). A percentage of
    a target reached (完成全年目标的107.5%) is read without the words that name the target.
    """
    lead, before = re.split(r"[。！？!?]", without_false_friends(compact(sentence_lead)))[-1], \
        without_false_friends(compact(before))
    text = lead + before
    reached = _TARGET_REACHED.search(text)
    if reached:   # the clause may start inside the phrase (完成年度目标（134.1亿元）的71.3%)
        text, before = text[:reached.start()], before[:max(0, reached.start() - len(lead))]
    future = year is not None and document_year is not None and year > document_year
    past = year is not None and document_year is not None and year < document_year
    # a year already past is a target only where its own clause says so (去年预期目标是5%); 今年目标是…，
    # 低于去年15.3%的水平 compares with what last year was
    governed = before if past else text
    if in_targets or any(w in governed for w in words("target_cues")) or _TARGET_AFTER.match(after) \
            or _TARGET_SET_BEFORE.search(before):
        return "target"
    if any(w in text for w in words("forecast_cues")):
        return "estimate" if past else "forecast"
    if forecast_from is not None and year is not None and year >= forecast_from:
        return "forecast"
    if any(w in text for w in words("estimate_cues")):
        return "estimate"
    if future:
        return "forecast"
    if any(w in text for w in words("preliminary_cues")) or notes.preliminary:
        return "preliminary"
    return "actual"


def planned_level(measure_: str, before: str) -> bool:
    """A level its own clause names a budget or an allocation (为年初预算4118.9亿元的102.3%; 全省一般公共
    预算支出安排9050.0亿元): a plan, not what was collected or spent."""
    return measure_ == "level" and bool(_BUDGET_BEFORE.search(compact(before)))


# --- period as months ------------------------------------------------------------------

def months(year: Optional[int], period_start: Optional[int], period_end: Optional[int],
           period_text: str) -> tuple[Optional[str], Optional[str]]:
    """(period_start_month, period_end_month) as YYYY-MM from the years and the period words.

    A span of years covers January of the first to December of the last; one
    year covers its twelve months unless ``period_text`` (the words that gave
    the period: 一季度, 1—7月, 9月末 …) names fewer.
    """
    if period_start is not None and period_end is not None:
        return f"{period_start:04d}-01", f"{period_end:04d}-12"
    if year is None:
        return None, None
    first, last = month_range(period_text)
    return f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}"


@lru_cache(maxsize=4096)
def month_range(text: str) -> tuple[int, int]:
    """The months (first, last) that period words cover; (1, 12) when they name none."""
    flat = compact(text)
    for word, first, last in _periods_longest_first():
        if word in flat:
            return int(first), int(last)
    m = _MONTH_SPAN.search(flat)
    if m and 1 <= int(m.group(1)) <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    m = _HEAD_MONTHS.search(flat)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _CN_DIGITS.get(m.group(1), 0)
        if 1 <= n <= 12:
            return 1, n
    m = _MONTH_END.search(flat)
    if m and 1 <= int(m.group(1)) <= 12:
        # 11月…累计 (a table's 上年同期累计 column of a November report): January to that month
        return (1 if "累计" in flat else int(m.group(1))), int(m.group(1))
    if re.search(r"年末|年底|末$", flat):
        return 12, 12
    return 1, 12


@lru_cache(maxsize=1)
def _periods_longest_first() -> tuple:
    """The period words of the vocabulary with their months, longest first (sorted once)."""
    return tuple(sorted(vocab.vocabulary(VOCAB)["periods"], key=lambda p: -len(p[0])))


# --- the pass over a document's facts ------------------------------------------------------

_CLAUSE_BREAK = "，,；;。！？!?：:\n"
# up to the last clause break of a span (one scan: the largest rfind of each break character)
_TO_LAST_BREAK = lazy_compile("(?s:.*)[" + re.escape(_CLAUSE_BREAK) + "]")
_RANGE_DASH = lazy_compile(r"^\s*(?:[—–\-－~～至到]{1,2})\s*$")
_TARGET_SECTION = lazy_compile(r"目标|预期|工作安排|重点工作|主要任务|工作任务|部署|计划")
_LEAD_QUALIFIERS = ("超过", "超出", "高达", "将近", "接近", "不到", "不足", "大约", "约", "近", "超", "逾")
_TRAIL_QUALIFIERS = ("以上", "以下", "以内", "左右", "上下", "有余", "余", "多")
_UNDER = ("不到", "不足", "以下", "以内", "低于", "未满", "未达", "近", "接近", "将近", "逼近")
_OVER = ("超", "超过", "超出", "逾", "以上", "余", "有余", "多", "高于", "突破", "高达")


def identify_facts(document, sentences: list, passages: list, facts: list) -> list:
    """The facts of one document with their identity fields filled in (new objects)."""
    import bisect

    read = simplified(document.text)
    items = structure_items(read, facts)
    listed = listed_items(read, facts)
    notes = DocumentNotes(read)
    doc_year = _document_year(document.date)
    starts = [s.start for s in sentences]
    sections = {p.passage_id: simplified(p.section) for p in passages}
    paragraph_starts = {p.passage_id: p.start for p in passages}
    spans = sorted((f.char_start, f.char_end, f.fact_id) for f in facts if f.source_kind == "text")
    ranges = _range_partners(document.text, spans)
    dollars = dollar_growths(read, facts)
    values = {f.fact_id: f.value for f in facts}
    out = []
    for fact in facts:
        i = bisect.bisect_right(starts, fact.char_start) - 1
        sentence = sentences[i] if 0 <= i < len(sentences) and sentences[i].end >= fact.char_end else None
        if sentence is None and fact.source_kind == "text":
            sentence = line_of(read, fact.char_start, fact.char_end)   # a heading or title: its own line
        fields = _fields(document, fact, sentence, sections.get(fact.passage_id, ""), notes, doc_year, read,
                         paragraph_starts.get(fact.passage_id))
        if fact.fact_id in items:
            fields = as_item_share(fields, items[fact.fact_id])
        elif fact.fact_id in listed:
            fields["indicator_key"] = listed[fact.fact_id]
        if fact.fact_id in dollars and not fields["scope"]:
            fields["scope"] = DOLLAR_SCOPE
        if fact.fact_id in ranges:
            ends = sorted((fact.value, values[ranges[fact.fact_id]]))
            fields["value_low"], fields["value_high"] = ends
        out.append(fact.model_copy(update=fields))
    return out


class Line(NamedTuple):
    """A line of the text standing for the sentence of a figure outside every sentence (a heading)."""

    start: int
    end: int


def line_of(text: str, start: int, end: int) -> Line:
    """The line of ``text`` holding the span start..end."""
    line_end = text.find("\n", end)
    return Line(text.rfind("\n", 0, start) + 1, len(text) if line_end == -1 else line_end)


DOLLAR_SCOPE = "美元计"
_DOLLAR_VIEW = vocab.regex(VOCAB, "dollar_view")


def dollar_growths(text: str, facts: list) -> set:
    """The ids of the growth rates reckoned in dollars: after 按美元计价 in their sentence's text before
    them, or, in a document that states one indicator both in yuan and in dollars, after a level in
    dollars in their clause run (出口330.6亿美元，增长6.9%). Where a document reckons a figure in dollars
    only, its growth is the figure's growth, of no scope of its own."""
    text_facts = sorted((f for f in facts if f.source_kind == "text"), key=lambda f: f.char_start)
    in_yuan = {f.indicator for f in text_facts if f.unit_normalized == "CNY" and f.indicator}
    both = any(f.unit_normalized == "USD" and f.indicator in in_yuan for f in text_facts)
    found, last_level = set(), None
    for f in text_facts:
        if f.claim_type != "growth_rate":
            last_level = f if f.claim_type in ("level", "count") else last_level
            continue
        start = max(text.rfind(c, 0, f.char_start) for c in "。！？!?\n") + 1
        gap = text[last_level.char_end:f.char_start] if last_level is not None else "；"
        in_dollars = both and last_level is not None and last_level.unit_normalized == "USD" \
            and not re.search(r"[；;。\n]", gap)
        if in_dollars or _DOLLAR_VIEW.search(text, start, f.char_start):
            found.add(f.fact_id)
    return found


def _document_year(date: str) -> Optional[int]:
    m = re.match(r"((?:18|19|20)\d{2})", date or "")
    return int(m.group(1)) if m else None


def _fields(document, fact, sentence, section: str, notes: DocumentNotes, doc_year, read: str,
            paragraph_start: Optional[int] = None) -> dict:
    """The identity fields of one fact, read in its clause, sentence, paragraph, section and document
    (``read``: the document's text with traditional characters simplified, same offsets)."""
    text, title = read, simplified(document.title)
    earlier = ""
    if fact.source_kind == "text" and sentence is not None:
        last_break = _TO_LAST_BREAK.match(text, sentence.start, fact.char_start)
        clause_start = (last_break.end() - 1 if last_break else -1) + 1
        clause_start = bracket_clause_start(text, max(clause_start, sentence.start), fact.char_start)
        before = text[clause_start:fact.char_start]
        lead = text[sentence.start:clause_start]
        if paragraph_start is not None and paragraph_start <= sentence.start:
            earlier = text[paragraph_start:sentence.start]
    else:
        before, lead = fact.quote, ""
    indicator = fact.indicator
    key, scope = indicator_key(share_parts(indicator)[0] if fact.claim_type == "share" else indicator,
                               fact.subject)
    measure_ = measure(fact.claim_type, fact.unit_normalized, before, indicator, fact.year,
                       fact.period_start is not None or _base_named_before(lead, before, fact.year), lead)
    if fact.claim_type in _CHANGES + ("cagr", "multiple"):
        earlier = _POINT_IN_TIME.sub("", earlier)   # 截至9月底，…。X同比增长10.8%: a growth is over months
    context = _period_context(before, lead, section, title, earlier)
    if fact.year is not None and fact.period_start is None:
        start_month, end_month = _month_span(fact, indicator, before, context, lead)
    else:
        start_month, end_month = months(fact.year, fact.period_start, fact.period_end, context)
    in_targets = bool(_TARGET_SECTION.search(without_false_friends(section + lead))) and (fact.year is None or doc_year is None
                                                                 or fact.year >= doc_year)
    low, high = _bounds(fact)
    return {
        "subject_key": subject_key(fact.subject),
        "indicator_key": key + _compared_increase(before),
        "scope": scope or _excluded_factor(before) or _scope_in(before),
        "measure": measure_,
        "basis": basis(before, measure_, notes, text[fact.char_end:sentence.end] if sentence else "",
                       noted=is_real_growth_key(key), lead=lead),
        "status": "target" if planned_level(measure_, before) else
        status(lead, before, fact.year or fact.period_end, doc_year, notes, in_targets, forecast_year(title),
               after=text[fact.char_end:sentence.end] if sentence else ""),
        "period_start_month": start_month, "period_end_month": end_month,
        "figure_text": figure_text(document.text, fact) if fact.source_kind == "text" else
        f"{fact.value_text or fact.value:g}{fact.unit}" if not fact.value_text else f"{fact.value_text}{fact.unit}",
        "value_low": low, "value_high": high,
        "doc_title": document.title, "doc_date": document.date,
    }


def forecast_year(title: str) -> Optional[int]:
    """The year a forecast report's title names (2017年中国经济核心指标预测 → 2017), else None."""
    flat = compact(title)
    years = re.findall(r"(?:19|20)\d{2}(?=年)", flat)
    return int(years[0]) if years and any(w in flat for w in words("forecast_title_cues")) else None


def since_last_year(lead: str, before: str) -> tuple[str, str]:
    """(lead, before) from the last year they state that is not a base (今年6月初，…报告称，2020年，X:
    the months before 2020年 are another time's); unchanged when they state none."""
    at = _last_year_at(lead + before)
    if at is None:
        return lead, before
    return (lead[at:], before) if at < len(lead) else ("", before[at - len(lead):])


_SAME_PART = vocab.regex(VOCAB, "same_part_after")
_POINT_IN_TIME = vocab.regex(VOCAB, "point_in_time")


@lru_cache(maxsize=4096)
def _last_year_at(text: str) -> Optional[int]:
    """Where the last year ``text`` states (not a base of comparison, not a price year, not 去年同期:
    the same part of another year) starts."""
    from kb.figures.linking.periods import find_years

    # 今年 / 去年 count as stated years too: only where they stand matters, so any reference year will do
    stated = [y for y in find_years(text, ref_year=0) if not y.base and not y.price
              and not _SAME_PART.match(text, y.end)]
    return stated[-1].start if stated else None


def _base_named_before(lead: str, before: str, year: Optional[int]) -> bool:
    """…，相比2019年增长率都高达15%以上，其中浙江省增速达到27.3%: an earlier clause of the sentence names
    a base year other than the year before the figure's, and the figure's clause no base of its own."""
    flat = compact(before)
    bases = list(_BASE_YEAR.finditer(compact(lead)))
    if year is None or not bases or _BASE_YEAR.search(flat) or any(w in flat for w in words("yoy_cues")):
        return False
    return int(re.search(r"(?:19|20)\d{2}", bases[-1].group(0)).group(0)) < year - 1


def _period_context(before: str, lead: str, section: str, title: str, earlier: str = "") -> str:
    """The nearest words that name months: the clause, the sentence, the paragraph before the
    sentence (from its last stated year; not when the sentence states a year of its own: 2016年1—11月，
    …。其中，出口12.5万亿元; not its 其中 sentences, which break down a figure by parts of the year),
    the section, the title (a period compared with — 比上半年, 较5月末 —
    names the base, not the figure's period; a day — …公报（1999年3月31日）, 截至4月26日 — is the day
    something was issued, a dateline — 南宁3月8日电 — the day of the dispatch)."""
    # the paragraph, section and title are the same for every figure of a sentence: read once (issue 12)
    outer = "" if _last_year_at(lead + before) is not None else _outer_period(earlier, section, title)
    # 3月27日晚间，…发布年度报告: the day news broke, not the months of the figures (截至9月30日 stays:
    # removed before the words are cut at their last year, which would cut 截至 off)
    lead, before = _NEWS_DAY.sub("", lead), _NEWS_DAY.sub("", before)
    lead, before = since_last_year(lead, before)
    for text in (before, lead):
        text = _period_words_in(text)
        if month_range(text) != (1, 12) or "全年" in text:
            return text
    return outer


@lru_cache(maxsize=1024)
def _outer_period(earlier: str, section: str, title: str) -> str:
    """The period words of the first of the paragraph before the sentence, the section and the title
    that names months (``_period_context`` when the sentence's own words do not), else ""."""
    earlier = _ASIDE_SENTENCE.sub("", earlier)   # 其中，上半年增长2.6%。: parts of the figure before
    section = _ISSUE_DAY.sub("", section)   # 证券时报记者 王磊  2025年3月28日 kept as a heading: a day
    outer = (_ISSUE_DAY.sub("", earlier), section, _ISSUE_DAY.sub("", title))
    if _last_year_at(earlier) is not None:
        outer = (_ISSUE_DAY.sub("", earlier[_last_year_at(earlier):]), section, _ISSUE_DAY.sub("", title))
    for text in outer:
        text = _period_words_in(text)
        if month_range(text) != (1, 12) or "全年" in text:
            return text
    return ""


def _period_words_in(text: str) -> str:
    """``text`` as ``_period_context`` reads it: compact, no dateline, no period compared with."""
    return _COMPARED_PERIOD.sub("", _DATELINE.sub("", compact(text)))


def _month_span(fact, indicator: str, before: str, context: str, lead: str = "") -> tuple[str, str]:
    """The months of a one-year figure: its context's months; a balance (余额) at the end month
    only; a change since the start of the year (比年初) from January, and so a change or growth
    later in a sentence that counts from the start of the year (余额比年初增加X亿元，增长Y%;
    比年初新增存款X亿元，分别增长Y%), unless it is a growth against the year before."""
    first, last = month_range(context)
    flat = compact(before)
    since = words("since_year_start")
    change = fact.claim_type in _CHANGES or flat.endswith(tuple(words("increase_compared")))
    if any(w in flat for w in since) or (change and any(w in compact(lead) for w in since) and not _yoy_growth(flat)):
        first = 1
    elif any(w in compact(indicator) or w in flat[-10:] for w in words("stock_words")) \
            or _stock_amount(fact, indicator, flat):
        first = last
    return f"{fact.year:04d}-{first:02d}", f"{fact.year:04d}-{last:02d}"


_CHANGES = ("growth_rate", "change", "difference")
_AMOUNTS = ("level", "count", "change")


def _stock_amount(fact, indicator: str, flat_before: str) -> bool:
    """An amount of a stock counted at a point in time (资产总额, 移动电话用户) or its change, not a flow
    of it (新增用户), a rate or share of it (资产总额占54.9%: reported for the year), nor the stock at
    the start of the period (年初常住人口)."""
    if fact.claim_type not in _AMOUNTS or fact.unit_normalized in RELATIVE_UNITS:
        return False
    if any(w in flat_before for w in words("period_start_words")):
        return False
    flat = compact(indicator)
    return flat.endswith(words("stock_indicator_ends")) and not any(w in flat for w in words("stock_flow_words"))


def _yoy_growth(flat: str) -> bool:
    """A growth against the year before (同比增长); not 同比多增, which compares two increases."""
    return any(w in flat for w in words("yoy_cues")) and not any(w in flat for w in words("increase_compared"))


@lru_cache(maxsize=1)
def _scoped_phrases() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(indicator phrases that start with a scope word, longest first; scope words, longest first):
    the same for every figure, so found once (it was 30 % of an ingest, redone per figure)."""
    scope = tuple(words("scope"))
    return (tuple(p for p in _synonyms() if p.startswith(scope)),
            tuple(sorted(scope, key=len, reverse=True)))


def _compared_increase(before: str) -> str:
    """多增 / 少增 when the figure is how much more or less rose than a year before (增加321.4亿元，同比多增
    45.6亿元: 45.6 is not the increase), else ""."""
    m = _COMPARED_INCREASE.search(compact(before))
    return m.group(1) if m else ""


def _excluded_factor(text: str) -> str:
    """扣除留抵退税 when the figure is reckoned net of a factor other than prices (扣除留抵退税因素后增长7.6%:
    another scope of the same money than its 自然口径 growth), else ""."""
    m = _EXCLUDED_FACTOR.search(compact(text))
    return "扣除" + m.group(1) if m else ""


def _without_leading_places(text: str) -> str:
    """``text`` without the places it opens on (江西省规模以上工业企业… → 规模以上工业企业…)."""
    from kb.text.gazetteer import find_places

    places = find_places(text)
    while places and places[0][1] == 0 and places[0][2] > 0:
        text = text[places[0][2]:]
        places = find_places(text)
    return text


def _without_places(text: str) -> str:
    """``text`` with the places it names blanked (宣城市 holds no scope word 城市)."""
    from kb.text.gazetteer import find_places

    for _, a, b in reversed(find_places(text)):
        text = text[:a] + "\u3000" * (b - a) + text[b:]
    return text


_BRACKETED = lazy_compile(r"（[^（）]*）|\([^()]*\)")


def _scope_in(before: str) -> str:
    """A scope word in the last words before a figure (brackets aside), not one inside a known indicator
    (城镇化率); else a size threshold opening the clause after its year and places (规模以上工业企业R&D
    经费投入强度（与营业收入之比）为)."""
    flat = _BRACKETED.sub("", compact(before))
    phrases, scope = _scoped_phrases()
    for phrase in phrases:
        if phrase in flat:
            flat = flat.replace(phrase, "")
    for word in scope:
        if word in flat[-12:] and word in _without_places(flat)[-12:]:
            return word.replace("规上", "规模以上").replace("限上", "限额以上")
    opening = [w for w in words("clause_opening_scopes") if w in flat]
    if not opening:
        return ""   # the place scan below only where a size threshold is written at all
    head = _without_leading_places(_YEAR_WORDS.sub("", flat))
    for word in opening:
        if head.startswith(word):
            return word.replace("规上", "规模以上").replace("限上", "限额以上")
    return ""


def figure_text(text: str, fact) -> str:
    """The figure as written: its span widened over a qualifier right before or after it."""
    start, end = fact.char_start, fact.char_end
    for word in _LEAD_QUALIFIERS:
        if text[max(0, start - len(word)):start] == word:
            start -= len(word)
            break
    for word in _TRAIL_QUALIFIERS:
        if text[end:end + len(word)] == word:
            end += len(word)
            break
    return text[start:end]


def _range_partners(text: str, spans: list[tuple[int, int, str]]) -> dict[str, str]:
    """fact_id → the other end's fact_id, for two figures joined by a range dash (5%—5.5%)."""
    out = {}
    for (_, a1, a), (b0, _, b) in zip(spans, spans[1:], strict=False):
        if 0 <= b0 - a1 <= 3 and _RANGE_DASH.match(text[a1:b0]):
            out[a], out[b] = b, a
    return out


def _bounds(fact) -> tuple[Optional[float], Optional[float]]:
    """(value_low, value_high) of a bound: 超过X → low X, 不到X → high X."""
    q = fact.qualifier
    if q in _OVER:
        return fact.value, None
    if q in _UNDER:
        return None, fact.value
    return None, None
