"""Quantity parser: every figure stated in a Chinese string, as kb.models.Quantity.

Pipeline (as quantulum3): normalise digits → mask non-figures (formulas,
URLs, codes, dates, times) → scan numerals → read unit and qualifiers →
drop years, dates, ordinals and section numbers → link neighbours into
ranges, lists and ratios (units carried backwards) → build Quantities.
Durations such as 十年来 / 10年来 are not economic figures and are skipped.
All regexes are compiled once at import.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from kb.errors import KbError
from kb.models import Quantity
from kb.text.numerals import SCALE_WORDS, format_value_text, parse_chinese_numeral, split_trailing_scale
from kb.figures.word_figures import word_figures
from kb.text.figure_text import ScanText, as_written, scan_text
from kb.text.units import ParsedUnit, half_after, lookup_unit, match_half_unit, match_latin_scaled, match_unit
from kb.text.vocab import regex, vocabulary, words
from kb.text.lazy_pattern import lazy_compile

logger = logging.getLogger(__name__)

_CN_DIGIT = "零〇一二两三四五六七八九"
_NUM_RE = lazy_compile(
    rf"(?P<neg>(?:(?<![\u4e00-\u9fff])|(?<=[{''.join(words('quantities', 'sign_leads'))}]))负)?(?P<pct>百分之)?(?:"
    rf"(?P<ar>(?<![\d.])[-−]?(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN_DIGIT}十][{_CN_DIGIT}十百千万亿]*(?:点[{_CN_DIGIT}]+)?|(?<=百分之)百))"
)
# Spans that never hold figures: formulas, markup, URLs, ASCII chunks (codes, dates, times).
_MASK_RE = lazy_compile(
    r"\$[^$\n]+\$"
    r"|<[^>\n]*>"
    r"|(?:https?://|www\.)[^\s，。；）)\]]+"
    r"|[A-Za-z]\s*=\s*-?\d+"
    r"|[0-9A-Za-z_][0-9A-Za-z_\-()./+&:,]*[0-9A-Za-z_)]"
)
# Bibliography: numbers in a reference entry (volume, issue, pages, year) or a
# citation marker are never figures. An entry is a line, or a run starting at a
# leading [n] marker, with one of: a GB/T 7714 type code [J]/[M]/[C]/[D]/[N]…,
# a 卷(期):页 / vol(issue), pages pattern, or (after a leading [n]) a year
# followed by punctuation, 等. or et al.
_BRACKET_L = "[［【"
_REF_LEAD_RE = lazy_compile(r"^\s*[\[［【]\d{1,3}[\]］】]")
_REF_SEGMENT_START = lazy_compile(r"(?:(?<=^)|(?<=\n)|(?<=[.。．]))[ \t\u3000]*[\[［【]\d{1,3}[\]］】]")
_REF_STRONG_RE = lazy_compile(
    r"[\[［](?:J|M|C|D|N|R|S|P|Z|A|G|EB|DB|CP)(?:\s*/\s*OL)?[\]］]"
    r"|(?:[,，]\s*\d{1,4}|(?<!\d)(?:19|20)\d{2})\s*[(（]\s*\d+(?:\s*[-–/]\s*\d+)?\s*[)）]"
    r"\s*(?:[:：]\s*\d+|[,，]\s*\d+\s*[-–—~]\s*\d+)"
    r"|\(\d{4}[a-z]?\)\.\s+\S.*[,，]\s*\d+\s*[-–—]\s*\d+")
_MAX_REFERENCE_CHARS = 300
_REF_WEAK_RE = lazy_compile(r"(?:19|20)\d{2}[a-z]?\s*[,，.．)）(（]|等[.．]|\bet\s+al\b", re.I)
# Inline citation markers [3], [2,5], [1-4] and page references pp. 72-86, p. 5, 第12-15页.
_CITATION_RE = lazy_compile(
    r"[\[［【]\d{1,3}(?:\s*[,，、\-–—~]\s*\d{1,3})*[\]］】]"
    r"|(?<![A-Za-z])pp?\.\s*\d+(?:\s*[-–—~]\s*\d+)?"
    r"|第\s*\d+(?:\s*[-–—~至]\s*\d+)?\s*页")
# an interval [0, 1] or a range after a value lead is a figure, not a citation
_INTERVAL_LEAD = regex("quantities", "interval_lead")
_NUMBER_WITH_LATIN_UNIT = regex("quantities", "number_with_latin_unit")
_TIME_RE = lazy_compile(r"([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?")
_DATE_RE = lazy_compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}.*")
_HAS_LETTER = lazy_compile(r"[A-Za-z]")
_PLUS_NAME = lazy_compile(r"\d\+\d")       # 2+11, 3+1: names of arrangements
_LEADING_ZERO = lazy_compile(r"0\d+")        # 08003934: registration numbers
_HAS_DIGIT = lazy_compile(r"\d")
_SPACES = " \u3000\xa0"
# What a number is when these follow it: a date, a duration, an ordinal, a level.
_NON_FIGURE_SUFFIXES = words("quantities", "non_figure_suffixes")
_NON_FIGURE_PREFIXES = words("quantities", "non_figure_prefixes")
_VAGUE_NUMBER_LEADS = "".join(words("quantities", "vague_number_leads"))
_PREFIX_QUALIFIERS = words("quantities", "prefix_qualifiers")
_LINKED_APPROXIMATIONS = words("quantities", "linked_approximations")
# a single-character qualifier is the end of a word after these (节约, 最近, 赶超)
_NOT_QUALIFIER_AFTER: dict[str, str] = vocabulary("quantities")["not_qualifier_after"]
_SUFFIX_QUALIFIERS = words("quantities", "suffix_qualifiers")
_COMPARISON_QUALIFIERS = words("quantities", "comparison_qualifiers")
_PER_CAPITA_FOLLOWUPS = words("quantities", "per_capita_followups")
_ORDINAL_LIST_BEFORE = lazy_compile(r"第[一二三四五六七八九十]{1,3}[、和]$")
_AVERAGE_NAMED_AFTER = regex("quantities", "average_named_after")
_APPROXIMATIONS = words("quantities", "approximations")
_RANK_UNITS = words("quantities", "rank_units")
_THRESHOLD_AFTER = regex("quantities", "threshold_after")
_THRESHOLD_BEFORE = regex("quantities", "threshold_before")
_GROUP_NOUN_AFTER = regex("quantities", "group_noun_after")
_CONDITION_AFTER = regex("quantities", "condition_after")
_CONDITION_BEFORE = regex("quantities", "condition_before")
# A bare number after "<noun>比 [verb]" is a ratio: 收入比为2.29 (not 比上年/比重/同比/对比).
_RATIO_LEAD_RE = regex("quantities", "ratio_lead")
# A bare number right after a change verb changes the ratio or score stated
# just before it in the same sentence: 收入比为2.09，比上年缩小0.05.
_BARE_CHANGE_RE = regex("quantities", "bare_change")
_SENTENCE_BREAK = lazy_compile(r"[。；;！？!?\n]")
# 翻一番 / 翻了两番 / 翻2番: doubling n times, a multiple of 2**n.
_DOUBLING_RE = regex("quantities", "doubling")
_RANK_VERBS = words("quantities", "rank_verbs")
# 位居全国内地城市第2, 排名第5: a rank verb, a short scope with no clause break, then 第.
_RANK_LEAD_RE = regex("quantities", "rank_lead")
# 位列前三, 跻身全国前10: a top-N rank (value N) after a rank verb.
_TOP_LEAD_RE = regex("quantities", "top_lead")
# 排名上升到24位: N位 after a move to a rank is that rank.
_RANK_MOVE_RE = regex("quantities", "rank_move")
# What may follow a bare 第N for it to be a rank: a boundary, or 的 (排名第一的城市).
# 第3产业, 第一方阵 run on into a name and stay ordinals.
_RANK_FOLLOWERS = "的"
# A bare number stated as an estimate, coefficient or fit: 估计值为-0.21, R²为0.87, 弹性是-1.2.
_SCORE_LEAD_RE = regex("quantities", "score_lead", re.I)
_RANGE_SEPS = set(words("quantities", "range_separators"))
_LIST_SEPS = set(words("quantities", "list_separators"))
_RATIO_SEPS = set(words("quantities", "ratio_separators"))  # ∶ (U+2236) is the ratio sign proper
_SCORE_CONTEXT = regex("quantities", "score_context", re.I)


def _is_cjk(ch: str) -> bool:
    """True for a CJK ideograph."""
    return "\u4e00" <= ch <= "\u9fff"


@dataclass
class _Cand:
    """A figure candidate: its numeral, unit and what the scanner learns about it."""

    start: int                 # surface start (第 / 百分之 / sign included)
    num_end: int               # end of the numeral
    end: int                   # end of the unit (== num_end when bare)
    value: float
    value_text: str
    chinese: bool
    unit: ParsedUnit | None
    qualifier: str = ""
    ordinal: bool = False      # preceded by 第 (rank if 位/名 or 排名…第N)
    rank: bool = False
    kind: str = ""             # set for members turned into score / ratio
    group: int | None = None
    range_role: str = ""
    extra: dict = field(default_factory=dict)


def _mask(text: str) -> bytearray:
    """1 for every character inside a span that cannot hold a figure."""
    flags = bytearray(len(text))
    for m in _MASK_RE.finditer(text):
        chunk = m.group()
        if chunk[0] in "$<" or chunk.startswith(("http", "www.")) or "=" in chunk:
            masked = True
        else:
            masked = bool(
                (_HAS_LETTER.search(chunk) and _HAS_DIGIT.search(chunk)
                 and not _NUMBER_WITH_LATIN_UNIT.fullmatch(chunk))
                or chunk.count("-") >= 2
                or ("(" in chunk and _HAS_DIGIT.search(chunk))
                or _PLUS_NAME.search(chunk)
                or _LEADING_ZERO.fullmatch(chunk)
                or _DATE_RE.fullmatch(chunk)
                or (_TIME_RE.fullmatch(chunk) and "比" not in text[max(0, m.start() - 6):m.start()])
            )
        if masked:
            flags[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for start, end in _bibliography_spans(text):
        flags[start:end] = b"\x01" * (end - start)
    return flags


def _reference_segments(text: str) -> list[tuple[int, int]]:
    """Lines, further cut before each [n] that opens an entry (lists run together)."""
    cuts = {0, len(text)}
    cuts.update(m.start() + 1 for m in re.finditer("\n", text))
    cuts.update(m.start() for m in _REF_SEGMENT_START.finditer(text))
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b > a]


def _is_reference_entry(segment: str) -> bool:
    """True for a bibliography entry: a type code or volume(issue):pages, or a leading [n] with a year."""
    lead = bool(_REF_LEAD_RE.match(segment))
    # a long unmarked run is a paragraph that may merely cite: keep its figures
    if (lead or len(segment) <= _MAX_REFERENCE_CHARS) and _REF_STRONG_RE.search(segment):
        return True
    return lead and bool(_REF_WEAK_RE.search(segment))


def _bibliography_spans(text: str) -> list[tuple[int, int]]:
    """Spans of reference entries and citation markers: no figures inside."""
    if not any(ch in text for ch in "[［【pP页(（"):  # fast path: most text cites nothing
        return []
    spans = [(a, b) for a, b in _reference_segments(text) if _is_reference_entry(text[a:b])]
    for m in _CITATION_RE.finditer(text):
        if m.group()[0] in _BRACKET_L and _INTERVAL_LEAD.search(text[max(0, m.start() - 6):m.start()]):
            continue
        if m.group()[0] in _BRACKET_L and re.search(r"[\[［【]0", m.group()):
            continue  # [0, 1]: an interval, citations count from 1
        spans.append(m.span())
    return spans


def _preceding(text: str, pos: int) -> int:
    """Offset of the first non-space character going left from ``pos``."""
    while pos > 0 and text[pos - 1] in _SPACES:
        pos -= 1
    return pos


def _prefix_qualifier(text: str, start: int, end: int | None = None) -> str:
    """The approximation word right before the figure at ``start`` (约, 超过 …), else "". A comparison
    word before the value of an average the figure names (超过18.3%的全国平均水平, figure ending at
    ``end``) compares something else with it: the figure itself is exact."""
    p = _preceding(text, start)
    if end is not None and _AVERAGE_NAMED_AFTER.match(text, end) and text.endswith(_COMPARISON_QUALIFIERS, 0, p):
        return ""
    if text.endswith(_LINKED_APPROXIMATIONS, 0, p):  # 约为5%, 约占三成: 约 across a linking verb
        p -= 1
    if not text.endswith(_PREFIX_QUALIFIERS, 0, p):  # fast path: most figures have none
        return ""
    for q in _PREFIX_QUALIFIERS:
        if text.endswith(q, 0, p):
            before = text[p - len(q) - 1] if p - len(q) - 1 >= 0 else ""
            if len(q) == 1 and before and before in _NOT_QUALIFIER_AFTER.get(q, ""):
                continue
            return q
    return ""


def _suffix_qualifier(text: str, end: int, unit: ParsedUnit | None) -> str:
    """The approximation word right after the figure (左右, 以上, 多 …), else ""."""
    if not text.startswith(_SUFFIX_QUALIFIERS, end):
        return ""
    for q in _SUFFIX_QUALIFIERS:
        if text.startswith(q, end):
            nxt = text[end + len(q): end + len(q) + 1]
            # 多/余/上下 run on into words (3个多元化, 上下游) unless at a boundary
            if q in ("多", "余", "上下") and nxt and _is_cjk(nxt) and not (unit and unit.kind == "multiple"):
                continue
            return q
    return ""


@dataclass(slots=True)
class _Reading:
    """One numeral match read so far: its value, the unit after it and where it stands."""

    text: str
    m: re.Match
    whole: bool                # the text is one table cell: dates and prefixes do not apply
    value: float
    value_text: str
    chinese: bool
    num_end: int
    unit: ParsedUnit | None = None
    approx: str = ""           # 余/多 between the number (or its scale) and the unit
    pos: int = 0               # where reading the unit stopped
    before: int = 0            # the first non-space offset left of the numeral


def _numeral(m: re.Match) -> tuple[float, str, bool, int] | None:
    """(value, Arabic digits, Chinese?, end of the numeral) of a match; None for a malformed Chinese
    numeral. A trailing scale of a Chinese numeral (一百零二万亿) is left to the unit."""
    if m.group("ar") is not None:
        value_text = m.group("ar").replace(",", "").replace("−", "-")
        value, chinese, end = float(value_text), False, m.end()
    else:
        numeral = m.group("cn")
        head, scale = ("", "") if m.group("pct") else split_trailing_scale(numeral)
        if not scale:
            head = numeral
        end = m.end() - len(scale)
        try:
            value, value_text = parse_chinese_numeral(head)
        except KbError:
            if scale or not _unit_takes_last(m.string, head, end):
                return None
            value, value_text = parse_chinese_numeral(head[:-1])   # 一百千瓦: 千 starts the unit
            end -= 1
        chinese = True
    if m.group("neg") and not value_text.startswith("-"):
        value, value_text = -value, "-" + value_text  # 负0.2千米
    return value, value_text, chinese, end


def _unit_takes_last(text: str, numeral: str, end: int) -> bool:
    """The numeral's last character starts the unit after it (一百千瓦, 三百千米)."""
    if len(numeral) < 2 or numeral[-1] not in "十百千万亿":
        return False
    unit, _ = match_unit(text, end - 1)
    return unit is not None and unit.unit not in SCALE_WORDS and len(unit.unit) > 1


def _read_unit(r: _Reading) -> None:
    """The unit after the numeral (1万余人: 余 between scale and unit; 300余家: 余 before it)."""
    text, pos = r.text, r.num_end
    if not r.chinese:
        while pos < len(text) and text[pos] in _SPACES:
            pos += 1
    half = match_half_unit(text, pos)                  # 一个半百分点, 两个半小时
    if half is not None:
        r.unit, r.approx, r.pos = half, "", pos
        _add_half(r)
        return
    unit, approx = match_unit(text, pos)
    if unit is None and text[pos:pos + 1] in _APPROXIMATIONS:
        unit, _ = match_unit(text, pos + 1)
        approx = text[pos] if unit else ""
        if unit is None:
            pos += 1
    if unit is None and not r.chinese:
        unit = match_latin_scaled(text, pos)           # 12K个, 3.2k
    if unit is not None and half_after(unit, text):    # 两米半, 一倍半
        unit = unit._replace(end=unit.end + 1)
        _add_half(r)
    r.unit, r.approx, r.pos = unit, approx, pos


def _add_half(r: _Reading) -> None:
    """The value and digits of a figure with a half (一个半 → 1.5)."""
    r.value += 0.5 if r.value >= 0 else -0.5
    r.value_text = format_value_text(r.value)


def _scale_without_unit(r: _Reading) -> bool:
    """十万火急, 两万: a Chinese numeral needs a real unit, not a bare scale."""
    return r.unit is not None and r.chinese and r.unit.unit in SCALE_WORDS


def _date_or_ordinal(r: _Reading) -> bool:
    """2023年, 3月, 第5章, 12岁: a number followed by a date, duration or ordinal word."""
    return r.unit is None and r.text.startswith(_NON_FIGURE_SUFFIXES, r.pos) and not r.whole


def _months_from_start(r: _Reading) -> bool:
    """前8个月, 头5个月: the months from January (a period), not a duration figure."""
    return (r.unit is not None and r.unit.normalized == "month" and not r.whole
            and r.text.endswith(("前", "头"), 0, r.before))


def _numbered_label(r: _Reading) -> bool:
    """表3, 图2, 式(4), #5: the number of a table, figure, formula or item."""
    return not r.whole and r.text.endswith(_NON_FIGURE_PREFIXES, 0, r.before)


def _per_denominator(r: _Reading) -> bool:
    """每10万人, 每100元营业收入: the amount a rate is reckoned per, not a figure."""
    return not r.whole and r.text.endswith("每", 0, r.before)


def _fraction(r: _Reading) -> bool:
    """三分之一: a fraction, not a figure with a unit."""
    return r.text.endswith("分之", 0, r.before) and not r.m.group("pct")


def _vague_number(r: _Reading) -> bool:
    """数十家, 几十个, “十项行动”: a Chinese numeral that states no figure."""
    return r.chinese and r.before > 0 and r.text[r.before - 1] in _VAGUE_NUMBER_LEADS


def _small_chinese_count(r: _Reading) -> bool:
    """三个率先, 一批, 两个: words, not figures."""
    u = r.unit
    # 第二位 is a rank, and so is 三位 of 第二、三位 (an ordinal list written once with 第)
    ordinal = r.before > 0 and (r.text[r.before - 1] == "第" or bool(_ORDINAL_LIST_BEFORE.search(r.text, 0, r.before)))
    return (r.chinese and not r.whole and u is not None and u.kind == "count" and r.value * u.scale < 10
            and not ordinal)


def _fractional_count(r: _Reading) -> bool:
    """5.5个 is a cut 5.5个百分点, not a count (每万人口15.8件 is an average, and stays)."""
    u = r.unit
    return (u is not None and u.kind == "count" and u.scale == 1.0 and not r.whole
            and not r.value.is_integer() and not _is_per_capita(r.text, r.before))


def _product_unit(r: _Reading) -> bool:
    """亿人公里, 亿吨公里: a product unit kb does not normalise."""
    u = r.unit
    if u is None or u.kind != "count" or r.whole:
        return False
    after, _ = match_unit(r.text, u.end)
    return after is not None and after.kind == "physical"


def _threshold(r: _Reading) -> bool:
    """500万元以上的企业, 超过1亿元的企业: a threshold that names a group, not a figure; PMI高于50%时 /
    低于50%，则…: one a condition names."""
    end = r.unit.end if r.unit else r.pos
    return bool(_THRESHOLD_AFTER.match(r.text, end)) or (
        bool(_THRESHOLD_BEFORE.search(r.text, 0, r.before)) and bool(_GROUP_NOUN_AFTER.match(r.text, end))) or (
        bool(_CONDITION_BEFORE.search(r.text, 0, r.before)) and bool(_CONDITION_AFTER.match(r.text, end)))


def _whole_age(r: _Reading) -> bool:
    """60岁及以上人口, 0—14岁, 年满18岁: a whole number of years of age names an age group or a
    threshold; an age with a fraction (人均预期寿命81.32岁, 提高0.27岁) is a figure."""
    return r.unit is not None and r.unit.unit == "岁" and "." not in r.value_text


def _base_hundred(r: _Reading) -> bool:
    """以女性为100 / 以1990年为100: the base a ratio or an index is reckoned per hundred of, no figure."""
    return r.unit is None and r.value == 100 and bool(_BASE_OF_HUNDRED.search(r.text, 0, r.before))


_BASE_OF_HUNDRED = lazy_compile(r"以[^，。；,;\d]{1,8}?为\s*$|以(?:19|20)\d{2}年为\s*$")

# A reading any of these holds for is no figure (tried in order).
NOT_A_FIGURE = (_threshold, _scale_without_unit, _date_or_ordinal, _months_from_start, _numbered_label, _per_denominator, _fraction,
                 _vague_number, _small_chinese_count, _fractional_count, _product_unit, _whole_age, _base_hundred)


def _read(text: str, m: re.Match, whole: bool) -> _Cand | None:
    """One numeral match with its unit, or None when it is not a figure."""
    numeral = _numeral(m)
    if numeral is None:
        return None
    value, value_text, chinese, num_end = numeral
    if m.group("pct"):
        unit = ParsedUnit("%", 1.0, "%", "percent", m.end())
        return _Cand(m.start(), num_end, m.end(), value, value_text, chinese, unit)
    r = _Reading(text, m, whole, value, value_text, chinese, num_end, before=_preceding(text, m.start()))
    _read_unit(r)
    for rule in NOT_A_FIGURE:
        if rule(r):
            return None
    cand = _Cand(m.start(), num_end, r.unit.end if r.unit else num_end, r.value, r.value_text, chinese, r.unit)
    cand.extra["approx"] = r.approx
    return _ordinal(text, r.before, cand)


def _ordinal(text: str, before: int, cand: _Cand) -> _Cand | None:
    """前N and 第N: a top-N rank (前三), a rank (第5位, 排名第5) or an ordinal word (第七章: None);
    前N位企业 / 前10名 names a group, no figure."""
    lead = text[before - 1] if before > 0 else ""
    if lead == "前" and _is_top_rank(text, before - 1, cand):
        cand.rank = True
        cand.start = before - 1  # surface 前三: the rank is "within the top N"
        return cand
    if lead == "前" and cand.unit is not None and cand.unit.unit in _RANK_UNITS:
        return None
    if lead != "第":
        cand.rank = cand.unit is not None and cand.unit.unit in _RANK_UNITS and bool(
            _RANK_MOVE_RE.search(text, max(0, before - 16), before))   # 排名上升到24位
        return cand
    cand.ordinal = True
    cand.start = before - 1
    unit = cand.unit
    if unit and unit.unit in _RANK_UNITS:
        cand.rank = True
    elif unit is None and _is_bare_rank(text, before - 1, cand.end):
        cand.rank = True
    elif unit is not None:
        return None  # 第十一部, 第七章: ordinal words
    return cand


def _is_bare_rank(text: str, di: int, end: int) -> bool:
    """第N at ``di`` with no unit is a rank after a rank verb, unless a noun follows."""
    nxt = text[end:end + 1]
    if nxt and _is_cjk(nxt) and nxt not in _RANK_FOLLOWERS:
        return False
    return bool(_RANK_LEAD_RE.search(text, max(0, di - 16), di))


def _is_per_capita(text: str, before: int) -> bool:
    """每万人口…15.8件, 户均2.5人: an average count may have decimals; so may its restatement or
    change in a later clause of the sentence (…8.94张，上年为8.67张，比上年增加0.27张)."""
    clause = re.split(r"[，。；;,！？!?\n]", text[max(0, before - 30):before])[-1]
    if "每" in clause or "均" in clause:
        return True
    if not clause.lstrip().startswith(_PER_CAPITA_FOLLOWUPS):
        return False
    sentence = re.split(r"[。；;！？!?\n]", text[max(0, before - 80):before])[-1]
    return "每" in sentence or "均" in sentence


def _is_top_rank(text: str, qian: int, c: _Cand) -> bool:
    """前N at ``qian`` is a top-N rank after a rank verb, with no unit but 位/名."""
    if c.unit is not None and c.unit.unit not in ("位", "名"):
        return False
    nxt = text[c.end:c.end + 1]
    if c.unit is None and nxt and _is_cjk(nxt) and nxt not in _RANK_FOLLOWERS + "强":
        return False
    return bool(_TOP_LEAD_RE.search(text, max(0, qian - 16), qian))


def _rank_digits(text: str, m: re.Match) -> list[_Cand]:
    """位列一二 / 分列二三: each Chinese digit after a rank verb is a rank."""
    numeral = m.group("cn") or ""
    before = _preceding(text, m.start())
    if (len(numeral) < 2 or not text.endswith(_RANK_VERBS, 0, before)
            or any(ch not in "一二三四五六七八九" for ch in numeral)
            or len(set(numeral)) != len(numeral)):
        return []
    out = []
    for k, ch in enumerate(numeral):
        value, value_text = parse_chinese_numeral(ch)
        c = _Cand(m.start() + k, m.start() + k + 1, m.start() + k + 1, value, value_text, True, None)
        c.rank = True
        out.append(c)
    return out


def _doublings(text: str, masked: bytearray) -> list[_Cand]:
    """翻一番 (×2), 翻了两番 (×4): value n with unit 番, normalised to 2**n times."""
    out = []
    for m in _DOUBLING_RE.finditer(text):
        if any(masked[m.start():m.end()]):
            continue
        digits = m.group("n")
        try:
            n = int(digits) if digits.isdigit() else int(parse_chinese_numeral(digits)[0])
        except KbError:
            continue
        if not 1 <= n <= 10:
            continue
        # scale is 2**n / n so that value × scale stays the multiple (两番: 2 × 2 = 4)
        unit = ParsedUnit("番", 2.0 ** n / n, "times", "multiple", m.end())
        num = m.start("n")
        out.append(_Cand(m.start(), num + len(digits), m.end(), float(n), str(n), not digits.isdigit(), unit))
    return out


def _gap(text: str, a: _Cand, b: _Cand) -> str:
    """The text between two candidates, spaces stripped."""
    return text[a.end:b.start].strip(_SPACES)


def _pair_kind(text: str, a: _Cand, b: _Cand) -> str:
    """How ``b`` joins the figure ``a`` before it: "range" (3—5个), "list" (3个、5个; 位列一二),
    "ratio" (3:2), "interval" ([0, 1]) or "" (it does not). "3-5个": the '-' of ``b`` is a
    connector, not a minus sign, and is taken off ``b``."""
    gap = _gap(text, a, b)
    if gap == "" and b.value_text.startswith("-") and text[b.start] in "-−":
        b.start += 1
        b.value, b.value_text, gap = -b.value, b.value_text[1:], "-"
    if gap == "" and a.rank and b.rank and a.chinese and b.chinese:
        return "list"  # 位列一二
    if gap in _RANGE_SEPS:
        return "range"
    if gap in _RATIO_SEPS:
        return "ratio"
    if gap in _LIST_SEPS and (a.unit is None or b.unit is None or a.unit.normalized == b.unit.normalized):
        if gap in (",", "，") and b.chinese and b.unit is None:
            return ""   # 分列第三、第四位，四川…: a bare Chinese digit after a comma opens a word, no member
        return "interval" if _is_interval(text, a, b, gap) else "list"
    return ""


def _is_interval(text: str, a: _Cand, b: _Cand, gap: str) -> bool:
    """[0, 1] / (0，1): two bare numbers in brackets joined by a comma."""
    lead = _preceding(text, a.start)
    return (gap in (",", "，") and a.unit is None and b.unit is None
            and text[lead - 1:lead] in ("[", "［", "(", "（") and text[b.end:b.end + 1] in ("]", "］", ")", "）"))


def _run_from(text: str, cands: list[_Cand], i: int) -> tuple[list[_Cand], str]:
    """The run of figures joined one kind of way starting at ``cands[i]``, and that kind."""
    run, kind = [cands[i]], ""
    for a, b in zip(cands[i:], cands[i + 1:], strict=False):
        this = _pair_kind(text, a, b)
        if not this or (kind and this != kind):
            break
        kind = this
        run.append(b)
    return run, kind


def _link(text: str, cands: list[_Cand]) -> None:
    """Group neighbours into ranges, lists and ratios; carry units backwards."""
    group, i = 0, 0
    while i < len(cands) - 1:
        run, kind = _run_from(text, cands, i)
        if len(run) < 2:
            i += 1
            continue
        _settle_run(run, kind, group)
        group += 1
        i += len(run)


def _carry_unit_back(run: list[_Cand], kind: str) -> None:
    """3—5个 (bare), 550万至600万辆 (scale only): the last unit of a range or list applies to the
    members before it that have none (or only its scale)."""
    last_unit = None
    for c in reversed(run):
        if c.unit is not None and c.unit.unit not in SCALE_WORDS:
            last_unit = c.unit
        elif last_unit is not None and kind in ("range", "list") and not c.chinese and (
                c.unit is None or last_unit.unit.startswith(c.unit.unit)):
            c.unit = ParsedUnit(last_unit.unit, last_unit.scale, last_unit.normalized, last_unit.kind, c.end)


def _settle_run(run: list[_Cand], kind: str, group: int) -> None:
    """Members of one run: units carried back, ranks shared, bare ratio and interval members made
    ratio and score figures, the group number set, a two-member range's low and high marked."""
    _carry_unit_back(run, kind)
    if any(c.ordinal or c.rank for c in run) and all(
            c.rank or c.unit is None or c.unit.unit in _RANK_UNITS for c in run):
        for c in run:
            c.rank = True
    bare_kind = {"ratio": "ratio", "interval": "score"}.get(kind)
    if bare_kind and all(c.unit is None for c in run):
        for c in run:
            c.kind = bare_kind
    for c in run:
        c.group = group
    if kind in ("range", "interval") and len(run) == 2:
        run[0].range_role, run[1].range_role = "low", "high"


def _is_year(c: _Cand) -> bool:
    """True for a bare four-digit number that reads as a year (1800–2100)."""
    return not c.chinese and c.value_text.isdigit() and len(c.value_text) == 4 and 1800 <= c.value <= 2100


def _build(text: str, c: _Cand, score_context: bool, whole: bool) -> Quantity | None:
    """The Quantity a candidate is (rank, ratio, unit figure, score), or None for a bare number that is none."""
    if c.rank:
        unit_stated = c.unit.unit if c.unit else ""
        return _quantity(text, c, unit_stated, 1.0, "rank", "rank")
    if c.kind == "ratio":
        return _quantity(text, c, "", 1.0, "score", "ratio")
    if c.ordinal:
        return None
    if c.unit is not None:
        u = c.unit
        return _quantity(text, c, u.unit, u.scale, u.normalized, u.kind)
    if whole:
        return _quantity(text, c, "", 1.0, "", "number")
    before = text[:c.start].rstrip(_SPACES + "#")
    after = text[c.end:c.end + 1]
    if (text[c.start - 1:c.start] in ("(", "（") and after in (")", "）")) or (
            (before == "" or before.endswith("\n")) and after in (".", "、", ")", "）")):
        return None  # list and section markers: (3), 1. , 2、
    if c.chinese:
        return None  # a bare Chinese numeral (位列一二) is a word, not a score
    in_table = text[c.start - 1:c.start] in ("\t", "|") or text[c.end:c.end + 1] in ("\t", "|")
    if _RATIO_LEAD_RE.search(text[max(0, c.start - 24):c.start].rstrip(_SPACES)):
        return _quantity(text, c, "", 1.0, "score", "ratio")  # 收入比为2.29
    if _SCORE_LEAD_RE.search(text[max(0, c.start - 12):c.start].rstrip(_SPACES)) and not _is_year(c):
        return _quantity(text, c, "", 1.0, "score", "score")
    if c.kind == "score" or (score_context and not _is_year(c) and not in_table):
        return _quantity(text, c, "", 1.0, "score", "score")
    return None


def _ratio_change(text: str, c: _Cand, prev: Quantity) -> Quantity | None:
    """A bare number after 缩小/提高… that changes the ratio or score just stated."""
    if (c.unit is not None or c.chinese or c.ordinal or c.rank or _is_year(c)
            or prev.unit_normalized != "score" or prev.end > c.start):
        return None
    between = text[prev.end:c.start]
    if len(between) > 20 or _SENTENCE_BREAK.search(between):
        return None
    if not _BARE_CHANGE_RE.search(between.rstrip(_SPACES)):
        return None
    return _quantity(text, c, "", 1.0, "score", "change")


def _quantity(text: str, c: _Cand, unit: str, scale: float, normalized: str, kind: str) -> Quantity:
    """A Quantity of candidate ``c`` with the given unit, scale, normal unit and kind."""
    qualifier = c.qualifier or c.extra.get("approx", "")
    return Quantity(surface=text[c.start:c.end], start=c.start, end=c.end, value=c.value,
                    value_text=c.value_text, unit=unit, scale=scale,
                    value_normalized=c.value * scale, unit_normalized=normalized,
                    qualifier=qualifier, kind_hint=kind, group=c.group, range_role=c.range_role)


def _read_match(norm: str, m: re.Match, whole: bool) -> list[_Cand]:
    """The candidates of one numeral match: its rank digits (位列一二), else the figure it reads as,
    with its qualifier; [] when it is no figure (a failed read is logged, never fatal)."""
    ranks = _rank_digits(norm, m)
    if ranks:
        return ranks
    try:
        c = _read(norm, m, whole)
    except (KbError, ValueError, OverflowError) as exc:  # one bad match never sinks the sentence
        logger.debug("skipped %r: %s", m.group(), exc)
        return []
    if c is None:
        return []
    c.qualifier = _prefix_qualifier(norm, c.start, c.end) or _suffix_qualifier(norm, c.end, c.unit)
    return [c]


def _word_candidates(norm: str, masked: bytearray) -> list[_Cand]:
    """Figures written in words (首位, 三成, 超过千亿: kb.figures.word_figures) outside masked spans."""
    out = []
    for w in word_figures(norm):
        if any(masked[w.start:w.end]):
            continue
        unit = None if w.kind == "rank" else ParsedUnit(w.unit, w.scale, w.normalized, w.kind, w.end)
        c = _Cand(w.start, w.end, w.end, w.value, w.value_text, True, unit, qualifier=w.qualifier)
        c.rank = w.kind == "rank"
        out.append(c)
    return out


def _candidates(norm: str, whole: bool) -> list[_Cand]:
    """Every figure candidate of normalised text in text order, doublings (翻一番) and figures
    written in words included."""
    masked = _mask(norm)
    cands = _doublings(norm, masked)
    if not whole:
        cands += _word_candidates(norm, masked)
    for c in cands:  # their numerals are read already
        masked[c.start:c.end] = b"\x01" * (c.end - c.start)
    for m in _NUM_RE.finditer(norm):
        if not any(masked[m.start():m.end()]):
            cands.extend(_read_match(norm, m, whole))
    for c in cands:
        if c.unit is not None and c.unit.unit == "番":
            c.qualifier = c.qualifier or _prefix_qualifier(norm, c.start, c.end) or \
                _suffix_qualifier(norm, c.end, c.unit)
    cands.sort(key=lambda c: c.start)
    return cands


def _renumber_groups(out: list[Quantity]) -> None:
    """Keep only groups of two or more members, numbered from 0 in text order."""
    sizes: dict[int, int] = {}
    for q in out:
        if q.group is not None:
            sizes[q.group] = sizes.get(q.group, 0) + 1
    renum: dict[int, int] = {}
    for q in out:
        if q.group is None:
            continue
        if sizes[q.group] < 2:
            q.group, q.range_role = None, ""
        else:
            q.group = renum.setdefault(q.group, len(renum))


def _in_original(q: Quantity, text: str, scan: ScanText) -> Quantity:
    """A figure read in the scanned text, with its span, surface and unit as the original writes them."""
    if scan.text == text:
        return q
    start, end = scan.span(q.start, q.end)
    unit = as_written(q.unit, scan, q.start, q.end, text) if q.unit else ""
    return q.model_copy(update={"start": start, "end": end, "surface": text[start:end], "unit": unit})


def _scan(text: str, whole: bool = False) -> list[Quantity]:
    """Every figure of ``text`` (``whole``: the text is one table cell)."""
    scan = scan_text(text)
    norm = scan.text
    cands = _candidates(norm, whole)
    _link(norm, cands)
    score_context = bool(_SCORE_CONTEXT.search(norm))
    out: list[Quantity] = []
    for c in cands:
        q = _build(norm, c, score_context, whole)
        if q is None and out:
            q = _ratio_change(norm, c, out[-1])
        if q is not None:
            out.append(q)
    _renumber_groups(out)
    return [_in_original(q, text, scan) for q in out]


def parse_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` (offsets into ``text``), non-figures left out."""
    if not isinstance(text, str):
        raise KbError(f"parse_quantities needs a string, got {type(text).__name__}")
    return _scan(text)


def parse_quantity(text: str) -> Quantity | None:
    """``text`` as one figure (a table cell "37420.00", "1.51倍", "约45.4万亿元"), else None.

    A bare number gets unit "" and kind_hint "number": the caller supplies
    the unit (see ``apply_unit``). Offsets are into ``text``.
    """
    if not isinstance(text, str):
        raise KbError(f"parse_quantity needs a string, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        return None
    found = _scan(text, whole=True)
    if len(found) != 1:
        return None
    q = found[0]
    rest = (text[:q.start] + text[q.end:]).strip(_SPACES + "\t\n")
    allowed = {"", q.qualifier}
    if rest not in allowed and rest.replace(q.qualifier, "", 1).strip() not in allowed:
        return None
    return q


def apply_unit(quantity: Quantity, unit_text: str) -> Quantity:
    """A bare number with a unit taken from elsewhere (a column header "(万元)")."""
    parsed = lookup_unit(unit_text)
    if parsed is None:
        raise KbError(f"unknown unit {unit_text!r}: use one such as 万元, 亿元, %, 个, 吨/万元")
    return quantity.model_copy(update={
        "unit": parsed.unit, "scale": parsed.scale, "unit_normalized": parsed.normalized,
        "kind_hint": parsed.kind, "value_normalized": quantity.value * parsed.scale})
