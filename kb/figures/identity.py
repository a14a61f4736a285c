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
from typing import Optional

from kb.text import vocab

VOCAB = "identity"
_SPACE = re.compile(r"[\s\u3000]+")
_DECORATION = re.compile(r"[“”\"'‘’《》〈〉「」『』()（）\[\]【】]")
_YEAR_WORDS = re.compile(r"(?:19|20)\d{2}\s*年(?:度|末|底|初)?|\d{1,2}\s*[—–\-~至到]\s*\d{1,2}\s*月(?:份)?|\d{1,2}\s*月(?:份|末|底)?")
_MONTH_SPAN = re.compile(r"(?<!\d)(\d{1,2})\s*[—–\-－~～至到]\s*(\d{1,2})\s*月")
_HEAD_MONTHS = re.compile(r"(?:前|头)\s*(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*个?月")
_MONTH_END = re.compile(r"(?<![\d—–\-])(\d{1,2})\s*月(?:份|末|底)?(?!\s*[—–\-~至到]\s*\d)")
_BASE_YEAR = re.compile(r"(?:比|较|与|相比|同比|对比|相对于)\s*(?:19|20)\d{2}\s*年|(?:从|由)\s*(?:19|20)\d{2}\s*年")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "十一": 11, "十二": 12}

MEASURES = ("level", "yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr", "share", "ratio",
            "multiple", "difference", "rank", "per_capita")
STATUSES = ("actual", "preliminary", "estimate", "target", "forecast")


def words(key: str) -> tuple[str, ...]:
    return vocab.words(VOCAB, key)


def compact(text: str) -> str:
    """``text`` without spaces and quotation or bracket marks."""
    return _DECORATION.sub("", _SPACE.sub("", text or ""))


# --- subject -----------------------------------------------------------------------

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
        for word in sorted(candidates, key=len, reverse=True):
            if at == "lead" and text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
            elif at == "tail" and text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
            if changed:
                removed.append(word)
                break
    return text, removed


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
    text, scopes = strip_words(text, words("scope"), "lead")
    synonyms = _synonyms()
    key = synonyms.get(text)
    if key is None:
        core, _ = strip_words(text, words("measure_tail"), "tail")
        key = synonyms.get(core, core if core else text)
    return key, "".join(scopes[:1]).replace("规上", "规模以上").replace("限上", "限额以上")


# --- measure ---------------------------------------------------------------------

def measure(claim_type: str, unit_normalized: str, before: str, indicator: str = "") -> str:
    """What kind of quantity a figure is (INTERFACE.md ``measure``), from its claim type and the
    words of its clause before it (``before``)."""
    text = compact(before)
    lead = compact(indicator)
    if claim_type in ("level", "count", "score"):
        if lead.startswith(words("per_capita_lead")) or "/person" in unit_normalized:
            return "per_capita"
        return "level"
    if claim_type in ("growth_rate", "multiple", "cagr"):
        return growth_measure(claim_type, text)
    return {"share": "share", "ratio": "ratio", "difference": "difference", "change": "difference",
            "rank": "rank"}.get(claim_type, "level")


def growth_measure(claim_type: str, before: str) -> str:
    """yoy_growth, growth_vs_base, avg_growth_2y, cagr or multiple for a growth-like figure."""
    if claim_type == "cagr" or any(w in before for w in words("cagr_cues")):
        if any(w in before for w in words("avg_2y_cues")):
            return "avg_growth_2y"
        return "cagr"
    if any(w in before for w in words("avg_2y_cues")):
        return "avg_growth_2y"
    if claim_type == "multiple" and not re.search(r"(?:增长|增加|提高|上升|扩大|翻)\s*(?:了|近|约|超过?|逾)?\s*$", before):
        return "multiple"
    tail = before[-24:]
    if _BASE_YEAR.search(tail) and not any(w in tail for w in words("yoy_cues")):
        return "growth_vs_base"
    return "yoy_growth"


# --- basis -------------------------------------------------------------------------

def basis(clause: str, measure_: str, notes: "DocumentNotes") -> str:
    """real / nominal where the clause (or a note of the document that covers the figure) says so."""
    text = compact(clause)
    if any(w in text for w in words("basis_nominal")):
        return "nominal"
    if any(w in text for w in words("basis_real")):
        return "real"
    if measure_ in ("yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr") and notes.growth_real:
        return "real"
    if measure_ == "level" and notes.levels_nominal:
        return "nominal"
    return ""


class DocumentNotes:
    """What a document's own notes say about all its figures (增长速度按可比价格计算 …)."""

    def __init__(self, text: str):
        flat = compact(text)
        self.growth_real = any(w in flat for w in words("growth_note_real"))
        self.levels_nominal = any(w in flat for w in words("level_note_nominal"))
        self.preliminary = any(w in flat for w in words("preliminary_note"))


# --- status ------------------------------------------------------------------------

def status(sentence_lead: str, before: str, year: Optional[int], document_year: Optional[int],
           notes: DocumentNotes, in_targets: bool = False) -> str:
    """actual, preliminary, estimate, target or forecast.

    ``sentence_lead`` is the sentence up to the figure's clause, ``before`` the
    clause up to the figure; ``in_targets`` says the figure sits under a
    heading or lead sentence that announces targets (主要预期目标是 …). A figure
    of a period after the document's own year is a target or a forecast; 预计
    about a period already past is an estimate.
    """
    text = compact(sentence_lead) + compact(before)
    future = year is not None and document_year is not None and year > document_year
    past = year is not None and document_year is not None and year < document_year
    if in_targets or any(w in text for w in words("target_cues")):
        return "target"
    if any(w in text for w in words("forecast_cues")):
        return "estimate" if past else "forecast"
    if any(w in text for w in words("estimate_cues")):
        return "estimate"
    if future:
        return "forecast"
    if any(w in text for w in words("preliminary_cues")) or notes.preliminary:
        return "preliminary"
    return "actual"


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


def month_range(text: str) -> tuple[int, int]:
    """The months (first, last) that period words cover; (1, 12) when they name none."""
    flat = compact(text)
    for word, first, last in sorted(vocab.vocabulary(VOCAB)["periods"], key=lambda p: -len(p[0])):
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
        return int(m.group(1)), int(m.group(1))
    if re.search(r"年末|年底|末$", flat):
        return 12, 12
    return 1, 12
