"""The measured noun phrase of a figure: its indicator.

The rules kb.figures.linking.link.link applies to name what a figure measures: the noun
phrase between the subject (or clause start) and the first governing verb or
marker, cleaned of time words, places and function words; the noun after a
count's measure word; 相应/该/其 pointing back to the previous figure; a
fallback to an earlier clause or the carried indicator; and the per-figure
indicators of a 分别 list (listed, enumerated or echoed).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from kb.figures.linking.carry import Carry, Link
from kb.figures.linking.cues import (
    BOOK_TITLE, COUNT_UNITS, GENERIC_INDICATOR, GOVERNING_MARKER, PARENS, PHRASE_LEAD, PHRASE_TRAIL, QUOTES,
    TIME_WORDS,
)
from kb.models import Quantity
from kb.text import gazetteer
from kb.text.tokenizer import Tokenizer
from kb.text.vocab import regex, vocabulary, words

_LOCATIVE = regex("linking", "locative")
_UNBALANCED = re.compile(r"[（）()\[\]【】]")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_QUOTE_OPEN = re.compile(r"[“\"]")
_NOUN_STOP = regex("linking", "noun_stop")
_NO_NOUN_AFTER = regex("linking", "no_noun_after")
_MEASURE_AFTER = regex("linking", "measure_after")
_NOUN_FLAGS = words("linking", "noun_tags")
_COMPARED_TAIL = regex("linking", "compared_tail")
_RATIO_NAMES = words("linking", "ratio_names")
_PREDICATE_ADVERBS = frozenset(words("linking", "predicate_adverbs"))
_PREDICATE = frozenset(words("linking", "predicate_tags"))
_SHARE_NOUN = regex("linking", "share_noun")
_ANAPHOR = regex("linking", "anaphor")
_MEASURE_WORD = regex("linking", "measure_word")
_ASPECT = regex("linking", "aspect")
_RATIO_CUT = regex("linking", "ratio_cut")
_RESPECTIVELY = regex("linking", "respectively")
_COMPARISON_SUFFIX = regex("linking", "comparison_suffix")
_ITEM_JOINT = re.compile(r"[和与及、]")
_LEAD_JOINT = re.compile(r"^[和与及、，,\s]+")
_PAIR_JOINT = re.compile(r"[和与及]")
_MEASURED_HEAD = regex("linking", "measured_head")
_MEASURE_ONLY = regex("linking", "measure_only")
_MEASURE_NOUN = regex("linking", "measure_noun")
_NAME_TAGS = frozenset(words("linking", "name_tags"))
_HAVING_MARKERS = frozenset(words("linking", "having_markers"))
_VERB_LEAD = regex("linking", "indicator_verb_lead")
_ATTRIBUTION = regex("linking", "attribution_clause")
_PARTNER_LEAD = regex("linking", "partner_lead")
_PARTNER_FLOW = regex("linking", "partner_flow")
_RESTRICTING_MODIFIER = regex("linking", "restricting_modifier")
# measures an item is stated in (粮食产量, 稻谷播种面积): one list, the table reader's
_ITEM_MEASURES = sorted(words("tables", "item_measures"), key=len, reverse=True)
_ITEM_CHARS = re.compile(r"[\u4e00-\u9fff]{1,6}")
# Names a document uses for a standard indicator (a region's 经济总量 is its GDP).
INDICATOR_SYNONYMS: dict[str, str] = dict(vocabulary("linking")["synonyms"])
# The indicator phrases of kb's vocabulary (kb/data/identity.yaml): a 分别 list may name them whole.
KNOWN_INDICATORS = frozenset(p for key, phrases in vocabulary("identity")["indicators"].items()
                             for p in (key, *phrases))


LIST_LIMIT = 24   # an enumeration (基本建设、更新改造和房地产开发投资) is kept whole up to this length


def _shorten(phrase: str, tokenizer: Tokenizer, limit: int = 15) -> str:
    """The longest tail of whole words within ``limit`` characters (the head noun is last); an
    enumeration of items is not cut inside (within ``LIST_LIMIT`` characters)."""
    if len(phrase) <= limit or ("、" in phrase and len(phrase) <= LIST_LIMIT):
        return phrase
    cut = list(tokenizer.cut(phrase))
    while cut and sum(len(w) for w in cut) > limit:
        cut.pop(0)
    return "".join(cut) or phrase[-limit:]


def _trade_partner(phrase: str, places: list[tuple[str, int, int]]) -> tuple[str, str] | None:
    """(对东盟进出口, 进出口) when the phrase is a flow with a partner place (对东盟进出口, 自日本进口,
    向欧盟出口): the partner stays in the indicator, it is not the total's flow; else None."""
    for _name, a, b in places:
        lead = _PARTNER_LEAD.search(phrase, 0, a)
        flow = _PARTNER_FLOW.match(phrase, b)
        if lead and lead.end() == a and flow:
            return lead.group(0) + phrase[a:b] + flow.group(0), flow.group(0)
    return None


def _without_predicate(phrase: str, tokenizer: Tokenizer) -> str:
    """增速将趋稳 → 增速, 研发强度相对较高 → 研发强度, 又出台 → "": a predicate at the end of a phrase
    (one of a closed list of adverbs, then only verbs, adjectives and particles) is what happened to
    the measure, not the measure; a phrase that is all predicate names nothing."""
    if not any(a in phrase for a in _PREDICATE_ADVERBS):
        return phrase   # no adverb, no predicate: the tagger is not asked (most phrases)
    tagged = [(w.word, w.flag) for w in tokenizer.pos.cut(phrase)]
    for k, (word, _flag) in enumerate(tagged):
        if word in _PREDICATE_ADVERBS and all(f in _PREDICATE for _w, f in tagged[k:]):
            return "".join(w for w, _f in tagged[:k])
    return phrase


@lru_cache(maxsize=4096)   # the same phrase is cleaned for several figures and rules (issue 12)
def clean_phrase(phrase: str, tokenizer: Tokenizer) -> str:
    """An indicator phrase cleaned of titles, brackets, quotes, time words, places, locatives and
    lead/trail function words, shortened to its head words; "" when under two characters are left."""
    phrase = BOOK_TITLE.sub("", phrase)
    phrase = PARENS.sub("", phrase)
    phrase = _UNBALANCED.sub("", phrase)
    phrase = QUOTES.sub("", phrase)
    phrase = TIME_WORDS.sub("", phrase)
    phrase = _LOCATIVE.sub("", phrase)
    places = gazetteer.find_places(phrase)
    partner = _trade_partner(phrase, places)
    for _name, a, b in reversed(places):   # 中国移动: the whole name goes
        phrase = phrase[:a] + phrase[max(b, tokenizer.organisation_end(phrase, a)):]
    phrase = _SPACES.sub("", phrase)
    phrase = _COMPARED_TAIL.sub("", phrase)
    ratio = next((r for r in _RATIO_NAMES if phrase.endswith(r)), "")
    for _ in range(3):
        phrase = _VERB_LEAD.sub("", PHRASE_LEAD.sub("", phrase))
        phrase = PHRASE_TRAIL.sub("", phrase)
    if ratio and phrase.endswith(ratio[:-1]):
        phrase += ratio[-1]   # 生师比: the 比 of a ratio's name is no comparison word
    phrase = _without_predicate(phrase, tokenizer)
    if partner and partner[1] in phrase:
        phrase = partner[0] + phrase[phrase.index(partner[1]) + len(partner[1]):]
    if "的" in phrase and len(phrase) > 8:
        head, tail = phrase.rsplit("的", 1)
        # 对实体经济发放的人民币贷款: a modifier that says to whom money went restricts it, it stays
        if len(tail) >= 2 and not _RESTRICTING_MODIFIER.search(head):
            phrase = tail
    phrase = _LEAD_JOINT.sub("", _shorten(phrase, tokenizer))   # …率和户籍人口城镇化率: not a 和 left leading
    return phrase if len(phrase) >= 2 else ""


def noun_after(text: str, end: int, clause_end: int, tokenizer: Tokenizer) -> str:
    """The noun after a count's measure word: 179项政务服务事项 → 政务服务事项."""
    rest = text[end:clause_end].lstrip()
    # a quoted name right after the measure word is part of the noun (34所“双一流”建设高校);
    # one after the noun is a label (179项政务服务事项“同事同标”)
    rest = QUOTES.sub("", rest[:1]) + _QUOTE_OPEN.split(rest[1:], maxsplit=1)[0]
    rest = QUOTES.sub("", rest)
    if _NO_NOUN_AFTER.match(rest):
        return ""
    rest = _NOUN_STOP.split(rest, maxsplit=1)[0]
    rest = _SPACES.sub("", rest)
    if 2 <= len(rest) <= 15 and not _DIGIT.search(rest):
        return rest
    if len(rest) > 15:
        return _subject_noun(rest, tokenizer)
    return ""


def _subject_noun(phrase: str, tokenizer: Tokenizer, limit: int = 12) -> str:
    """37个服务外包示范城市承接离岸…: the counted noun ends before a verb that opens the predicate
    (the last noun-to-verb boundary within ``limit`` characters), else ""."""
    tagged = [(w.word, w.flag) for w in tokenizer.pos.cut(phrase[:40])]
    best, pos = "", 0
    for k, (word, flag) in enumerate(tagged[:-1]):
        pos += len(word)
        if pos > limit:
            break
        if flag.startswith(_NOUN_FLAGS) and tagged[k + 1][1] == "v" and not _DIGIT.search(phrase[:pos]):
            best = phrase[:pos]
    return best if len(best) >= 2 else ""


def resolve_anaphor(indicator: str, previous: str) -> str:
    """相应得分 after 技术转移能力均值 → 技术转移能力得分: 相应/该/其 point back to the previous figure."""
    m = _ANAPHOR.match(indicator)
    if not m or not previous:
        return indicator
    rest = indicator[m.end():]
    head = _MEASURE_WORD.sub("", previous) or previous
    return head + rest if rest else previous


_ORDERING = frozenset(words("linking", "ordering_words"))
# markers that, opening a phrase, qualify the noun after them (累计固定资产投资增长率为…)
_OPENING_MARKERS = frozenset(words("linking", "opening_markers"))


def _before_marker(seg: str, m: Optional[re.Match], tokenizer: Tokenizer) -> str:
    """The phrase of ``seg`` before its first governing marker ``m``; when only a word ordering a
    list of points stands before a 是 (首先是城镇登记失业人员迅速上升), or nothing stands before the
    marker (累计固定资产投资增长率为18.7%: 累计 qualifies the noun), the phrase after it, up to the
    next marker."""
    phrase = clean_phrase(seg[:m.start()] if m else seg, tokenizer)
    if phrase or m is None:
        return phrase
    lead = _SPACES.sub("", seg[:m.start()])
    if not (m.group() == "是" and lead in _ORDERING) and m.group() not in _OPENING_MARKERS:
        return phrase
    rest = seg[m.end():]
    after = GOVERNING_MARKER.search(rest)
    return clean_phrase(rest[:after.start()] if after else rest, tokenizer)


def indicator_phrase(text: str, q: Quantity, seg_start: int, tokenizer: Tokenizer) -> str:
    """What the figure at ``q`` measures, read from ``text[seg_start:q.start]``: the noun phrase
    before the first governing marker (达/为/增长/占 …), or one right before the figure after the
    last marker, or a measure right after it (…的增长率)."""
    seg = text[seg_start:q.start]
    # a marker inside brackets explains a word, it does not govern the figure (宏观税负（即税收收入占GDP比重）为15.2%)
    unbracketed = PARENS.sub(lambda b: "\u3000" * len(b.group()), seg)
    m = GOVERNING_MARKER.search(unbracketed)
    phrase = _before_marker(seg, m, tokenizer)
    share = _SHARE_NOUN.match(seg, m.end()) if m and m.group().startswith("占") else None
    if phrase and share and gazetteer.find_places(share.group(1)) and gazetteer.find_places(share.group(1))[0][1] == 0:
        # 数字经济规模占全国比重达到10%: the share noun is part of the indicator
        return phrase + "占" + _SPACES.sub("", share.group(1))
    # a noun phrase right before the figure, after the last marker (高于数字经济产业整体年均增长率3.97%)
    markers = list(GOVERNING_MARKER.finditer(unbracketed))
    # 增速是人民币各项贷款增速的2.2倍 / 相当于世界平均水平的51%: what follows 是 / 相当于 is the base
    # compared with, not the indicator
    base_of_multiple = bool(markers) and seg.rstrip().endswith("的") and (
        (q.unit_normalized == "times" and markers[-1].group() in ("是", "为")) or markers[-1].group() == "相当于")
    if markers and not markers[-1].group().startswith("占") and not base_of_multiple:
        tail = seg[markers[-1].end():]
        tail_clean = clean_phrase(tail, tokenizer)
        # 实现利润135.06亿元 / 全市共有医院420个: a two-character measure noun, or before a count the noun
        # counted, alone after the marker names the figure too
        counted = q.unit_normalized in COUNT_UNITS and markers[-1].group() in _HAVING_MARKERS
        short_ok = bool(_MEASURE_NOUN.fullmatch(tail_clean)) or (counted and bool(tail_clean))
        named = len(tail_clean) >= 3 or (not phrase and short_ok)
        if named and not gazetteer.find_places(tail) and not GENERIC_INDICATOR.match(tail_clean):
            phrase = tail_clean
    if not phrase:
        m2 = _MEASURE_AFTER.match(text[q.end:])
        if m2:
            phrase = clean_phrase(m2.group(1), tokenizer) or m2.group(1)
    return phrase


def names_only(phrase: str, tokenizer: Tokenizer, counted: bool = False) -> bool:
    """True for a phrase that names who, not what (其中默克制药甚至达到25% → 默克制药甚; 片仔癀、智飞生物也仅2%):
    it opens on a proper name and holds no measure noun (率, 额, 强度 …). Before a count (``counted``)
    a phrase names what is counted when it is a kind of institution (民办学校85所, 公立医院135个) or
    ends in a common noun (本科学历教师12.5万人), even where the tagger calls its first word a name."""
    if not phrase or _MEASURE_NOUN.search(phrase):
        return False
    words = list(tokenizer.pos.cut(phrase))
    if counted and (gazetteer.is_generic_kind(phrase) or (len(words) > 1 and words[-1].flag == "n")):
        return False
    return bool(words) and words[0].flag in _NAME_TAGS


def is_measure_only(phrase: str) -> bool:
    """True for a phrase that only says how a figure is measured or reckoned (两年平均, 扣除留抵退税因素后,
    按自然口径计算): the figure measures what the figure before it does."""
    return bool(_MEASURE_ONLY.match(phrase))


def _item_measure_split(indicator: str) -> tuple[str, str]:
    """(item, measure) of an indicator that ends in an item's measure (稻谷播种面积: 稻谷, 播种面积;
    总产量: 总, 产量), else ("", "")."""
    m = next((m for m in _ITEM_MEASURES if indicator.endswith(m)), "")
    return (indicator[:-len(m)], m) if m else ("", "")


def item_completed(indicator: str, prev: Optional[Link]) -> str:
    """全省稻谷播种面积3820.4万亩，总产量1640.2万吨: a bare measure (总产量) after a figure of an item's
    other measure in the same sentence (稻谷播种面积) is that item's (稻谷总产量)."""
    lead, measure = _item_measure_split(indicator)
    if not measure or lead not in ("", "总") or prev is None:
        return indicator
    item, prev_measure = _item_measure_split(prev.indicator)
    if not prev_measure or prev_measure == measure or not _ITEM_CHARS.fullmatch(item) or item.endswith("总"):
        return indicator
    return item + indicator


def fallback_indicator(text: str, q: Quantity, clauses: list[tuple[int, int]], clause: tuple[int, int],
                       prev: Optional[Link], qs: list[Quantity], carry: Carry, tokenizer: Tokenizer,
                       own: str = "") -> str:
    """An indicator for a figure whose own clause names none: the aspect named before (在…方面; 从经济总量看,
    naming a measure, only for the first figure),
    else the previous figure's, else the phrase of one of the two clauses before, else the carried one.
    A figure whose own phrase only says how it is measured (``own``: 两年平均增幅为9.4%, 这一数据高出…)
    measures what the figure before it does, in this sentence or the one before."""
    topic, viewed = None, False
    for m in _ASPECT.finditer(text[:q.start]):
        topic, viewed = clean_phrase(m.group(m.lastindex or 1), tokenizer), m.group(2) is not None
        if viewed and (GENERIC_INDICATOR.match(topic) or not _MEASURE_NOUN.search(topic)):
            topic = None   # 从增速看 / 从结构看: a view of the figures, not what they measure
    if topic and not viewed:
        return topic
    if prev is not None and prev.indicator:
        return prev.indicator
    if topic:
        return topic   # 从经济总量看，成都以5520.8亿元…: the measure the view names
    if _MEASURE_ONLY.match(own) and carry.indicator:
        return carry.indicator
    earlier = [c for c in clauses if c[1] <= clause[0]]
    for c in reversed(earlier[-2:]):
        if any(c[0] <= x.start < c[1] for x in qs):
            break
        seg = text[c[0]:c[1]]
        if _ATTRIBUTION.search(seg):
            continue   # 业内人士分析，…: who speaks, not what is measured
        phrase = _before_marker(seg, GOVERNING_MARKER.search(seg), tokenizer)
        if phrase and not GENERIC_INDICATOR.match(phrase):
            return phrase
    return carry.indicator


def ratio_indicator(sentence: str, clause: tuple[int, int], q: Quantity, tokenizer: Tokenizer) -> str:
    """A、B、C之比为3:2:1: what the ratio compares, the phrase before 之比/是/远超…."""
    seg = sentence[clause[0]:q.start]
    m = _RATIO_CUT.search(seg)
    return clean_phrase(seg[:m.start()] if m else seg, tokenizer)


def respectively_end(sentence: str, clause: tuple[int, int]) -> int:
    """Where 分别 ends in ``clause`` (len(sentence) when it has none)."""
    m = _RESPECTIVELY.search(sentence, clause[0], clause[1])
    return m.end() if m else len(sentence)


def listed_indicators(sentence: str, clause: tuple[int, int], qs: list[Quantity], tokenizer: Tokenizer) -> list[str]:
    """城镇居民和农村居民人均可支配收入分别达到X和Y: one indicator per listed figure
    (城镇居民人均可支配收入, 农村居民人均可支配收入), or per figure of each run of as many figures
    (A和B分别从a、b提高到c、d); [] when the clause lists none."""
    m = _RESPECTIVELY.search(sentence, clause[0], clause[1])
    if not m or any(clause[0] <= x.start < m.start() for x in qs):
        return []
    raw = sentence[clause[0]:m.start()]
    raw = TIME_WORDS.sub("", PARENS.sub("", raw))
    for _name, a, b in reversed(gazetteer.find_places(raw)):
        raw = raw[:a] + raw[b:]
    raw = PHRASE_LEAD.sub("", _SPACES.sub("", raw))
    n = len([x for x in qs if x.start >= m.end() and x.end <= clause[1]])
    enumerated = _enumerated_items(_COMPARISON_SUFFIX.sub("", raw), n, tokenizer)
    if enumerated:
        return enumerated
    parts = _ITEM_JOINT.split(raw)
    # A和B分别从a、b提高到c、d: the figures come in runs of as many as the items
    n = len(parts) if len(parts) >= 2 and n > len(parts) and n % len(parts) == 0 else n
    if len(parts) == n >= 2 and all(p in KNOWN_INDICATORS for p in parts):
        return parts   # 人均GDP、居民人均可支配收入、居民人均消费支出分别达到…: each item is whole
    if len(parts) != n or n < 2 or any(not 2 <= len(p) <= 8 for p in parts[:-1]):
        return []
    return _with_shared_head(parts, tokenizer) or _with_shared_lead(parts)


def _with_shared_lead(parts: list[str]) -> list[str]:
    """The items of a list whose first item carries the words they share before them: 商品房销售面积和
    销售额 → 商品房销售面积, 商品房销售额 (the later items begin as the first one's measure does, after
    its lead); [] when they do not."""
    first, leads = parts[0], set()
    for item in parts[1:]:
        at = first.find(item[:2]) if len(item) >= 2 else -1
        if at < 1 or item.startswith(first[:at]):
            return []
        leads.add(first[:at])
    if len(leads) != 1:
        return []
    lead = leads.pop()
    return [first] + [lead + item for item in parts[1:]]


def _with_shared_head(parts: list[str], tokenizer: Tokenizer) -> list[str]:
    """The items of a list whose last item carries the head they share: cut it after as many
    characters as the first item has, at a word boundary, where both items end alike (城镇居民 /
    农村居民) or before a known indicator (城镇、农村 | 居民人均可支配收入); [] when it cannot be cut."""
    last, size = parts[-1], len(parts[0])
    bounds, pos = set(), 0
    for w in tokenizer.cut(last):
        pos += len(w)
        bounds.add(pos)
    if size > len(last) or not (size in bounds or last[size - 1] == parts[0][-1]
                                or last[size:] in KNOWN_INDICATORS):
        return []
    head = last[size:]
    if head and len(head) < 2:
        return []
    return [p + head for p in parts[:-1]] + [last]


def _enumerated_items(raw: str, n: int, tokenizer: Tokenizer) -> list[str]:
    """A（ITO）、B（BPO）和C执行额分别为X、Y和Z / A和B、C和D、E服务执行额分别增长…: items split at 、
    (the last joint may be 和/与/及), each given the measured head noun the last item ends with
    (执行额); the actor and verb before the first item (企业承接…) are dropped. [] when the items
    do not number ``n`` or the list ends without a measured noun."""
    if n < 2 or "、" not in raw:
        return []
    items = raw.split("、")
    if len(items) == n - 1:
        joint = _PAIR_JOINT.split(items[-1])
        if len(joint) != 2:
            return []
        items = items[:-1] + joint
    if len(items) != n or any(not 2 <= len(x) <= 16 for x in items):
        return []
    cut = list(tokenizer.cut(items[-1]))
    head = cut[-1]
    if len(head) <= 2 and len(cut) >= 3:
        head = cut[-2] + head
    if not _MEASURED_HEAD.search(head) or len(items[-1]) - len(head) < 2:
        return []
    first = [(w.word, w.flag) for w in tokenizer.pos.cut(items[0])]
    verbs = [k for k, (_w, flag) in enumerate(first[:-1]) if flag == "v"]
    if verbs:
        cut = sum(len(w) for w, _f in first[:verbs[-1] + 1])
        if len(items[0]) - cut >= 2:
            items[0] = items[0][cut:]
    bare = [x for x in items[:-1]]
    return [x if x.endswith(head) else x + head for x in bare] + [items[-1]]


def echoed_indicators(sentence: str, clause: tuple[int, int], qs: list[Quantity], links: list[Link],
                      tokenizer: Tokenizer) -> list[str]:
    """合同额X，执行额Y，同比分别增长a和b: a 分别 clause that names no measure of its own takes the
    indicators of the figures just before it, in order; [] otherwise."""
    m = _RESPECTIVELY.search(sentence, clause[0], clause[1])
    if not m or any(clause[0] <= x.start < m.start() for x in qs):
        return []
    head = GOVERNING_MARKER.sub("", sentence[clause[0]:m.start()])
    if clean_phrase(head, tokenizer):
        return []
    n = len([x for x in qs if x.start >= m.end() and x.end <= clause[1]])
    earlier = [l for l in links if l.quantity.end <= clause[0]][-n:]
    names = [l.indicator for l in earlier]
    if n < 2 or len(earlier) != n or not all(names) or len(set(names)) != n:
        return []
    return names
