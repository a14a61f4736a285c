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
from typing import Optional

from kb.text import gazetteer
from kb.figures.linking.cues import BOOK_TITLE, GENERIC_INDICATOR, PHRASE_LEAD, GOVERNING_MARKER, PARENS, QUOTES, TIME_WORDS, PHRASE_TRAIL, _pos_tagger, _tokenizer
from kb.figures.linking.carry import Carry, Link
from kb.models import Quantity


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
    phrase = BOOK_TITLE.sub("", phrase)
    phrase = PARENS.sub("", phrase)
    phrase = _UNBALANCED.sub("", phrase)
    phrase = QUOTES.sub("", phrase)
    phrase = TIME_WORDS.sub("", phrase)
    phrase = _LOCATIVE.sub("", phrase)
    for _name, a, b in reversed(gazetteer.find_places(phrase)):
        phrase = phrase[:a] + phrase[b:]
    phrase = re.sub(r"\s+", "", phrase)
    for _ in range(3):
        phrase = PHRASE_LEAD.sub("", phrase)
        phrase = PHRASE_TRAIL.sub("", phrase)
    if "的" in phrase and len(phrase) > 8:
        tail = phrase.rsplit("的", 1)[1]
        if len(tail) >= 2:
            phrase = tail
    phrase = _shorten(phrase)
    return phrase if len(phrase) >= 2 else ""


_NOUN_STOP = re.compile(r"[和与及、，,。；;（(]|实现|开展|进行|为|是|已|将|被|在|中|的|分别|均|都|正式|成为|落地|入驻|建成|"
                        r"获得|完成|纳入|位于|参与|组成|形成|增长|增加|增至|提高|上升|下降|减少|至|到")
_MEASURE_AFTER = re.compile(r"^\s*的\s*([\u4e00-\u9fff]{0,6}?(?:增长率|增速|均值水平|均值|水平|得分|指数|比重|占比|份额|规模|总量))")


def noun_after(text: str, end: int, clause_end: int) -> str:
    """The noun after a count's measure word: 179项政务服务事项 → 政务服务事项."""
    rest = text[end:clause_end].lstrip()
    # a quoted name right after the measure word is part of the noun (34所“双一流”建设高校);
    # one after the noun is a label (179项政务服务事项“同事同标”)
    rest = QUOTES.sub("", rest[:1]) + re.split(r"[“\"]", rest[1:], maxsplit=1)[0]
    rest = QUOTES.sub("", rest)
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


def resolve_anaphor(indicator: str, previous: str) -> str:
    """相应得分 after 技术转移能力均值 → 技术转移能力得分: 相应/该/其 point back to the previous figure."""
    m = _ANAPHOR.match(indicator)
    if not m or not previous:
        return indicator
    rest = indicator[m.end():]
    head = _MEASURE_WORD.sub("", previous) or previous
    return head + rest if rest else previous


# Names a document uses for a standard indicator (a region's 经济总量 is its GDP).
INDICATOR_SYNONYMS = {"经济总量": "地区生产总值", "GDP": "地区生产总值", "GDP总量": "地区生产总值"}


def indicator_phrase(text: str, q: Quantity, seg_start: int) -> str:
    seg = text[seg_start:q.start]
    m = GOVERNING_MARKER.search(seg)
    phrase = _clean_phrase(seg[:m.start()] if m else seg)
    share = _SHARE_NOUN.match(seg, m.end()) if m and m.group().startswith("占") else None
    if phrase and share and gazetteer.find_places(share.group(1)) and gazetteer.find_places(share.group(1))[0][1] == 0:
        # 数字经济规模占全国比重达到10%: the share noun is part of the indicator
        return phrase + "占" + re.sub(r"\s+", "", share.group(1))
    # a noun phrase right before the figure, after the last marker (高于数字经济产业整体年均增长率3.97%)
    markers = list(GOVERNING_MARKER.finditer(seg))
    # 增速是人民币各项贷款增速的2.2倍: what follows 是 is the base compared with, not the indicator
    base_of_multiple = q.unit_normalized == "times" and bool(markers) and markers[-1].group() in ("是", "为") \
        and seg.rstrip().endswith("的")
    if markers and not markers[-1].group().startswith("占") and not base_of_multiple:
        tail = seg[markers[-1].end():]
        tail_clean = _clean_phrase(tail)
        if len(tail_clean) >= 3 and not gazetteer.find_places(tail) and not GENERIC_INDICATOR.match(tail_clean):
            phrase = tail_clean
    if not phrase:
        m2 = _MEASURE_AFTER.match(text[q.end:])
        if m2:
            phrase = _clean_phrase(m2.group(1)) or m2.group(1)
    return phrase


def fallback_indicator(text: str, q: Quantity, clauses: list[tuple[int, int]], clause: tuple[int, int],
                        prev: Optional[Link], qs: list[Quantity], carry: Carry) -> str:
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
        m = GOVERNING_MARKER.search(seg)
        phrase = _clean_phrase(seg[:m.start()] if m else seg)
        if phrase and not GENERIC_INDICATOR.match(phrase):
            return phrase
    return carry.indicator


_RATIO_CUT = re.compile(r"更是|是|以|远超|超过|之比|比值|比例")


def ratio_indicator(sentence: str, clause: tuple[int, int], q: Quantity) -> str:
    seg = sentence[clause[0]:q.start]
    m = _RATIO_CUT.search(seg)
    return _clean_phrase(seg[:m.start()] if m else seg)


def respectively_end(sentence: str, clause: tuple[int, int]) -> int:
    """Where 分别 ends in ``clause`` (len(sentence) when it has none)."""
    m = re.compile("分别").search(sentence, clause[0], clause[1])
    return m.end() if m else len(sentence)


def listed_indicators(sentence: str, clause: tuple[int, int], qs: list[Quantity]) -> list[str]:
    """城镇居民和农村居民人均可支配收入分别达到X和Y: one indicator per listed figure
    (城镇居民人均可支配收入, 农村居民人均可支配收入); [] when the clause lists none."""
    m = re.compile("分别").search(sentence, clause[0], clause[1])
    if not m or any(clause[0] <= x.start < m.start() for x in qs):
        return []
    raw = sentence[clause[0]:m.start()]
    raw = TIME_WORDS.sub("", PARENS.sub("", raw))
    for _name, a, b in reversed(gazetteer.find_places(raw)):
        raw = raw[:a] + raw[b:]
    raw = PHRASE_LEAD.sub("", re.sub(r"\s+", "", raw))
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


def echoed_indicators(sentence: str, clause: tuple[int, int], qs: list[Quantity], links: list[Link]) -> list[str]:
    """合同额X，执行额Y，同比分别增长a和b: a 分别 clause that names no measure of its own takes the
    indicators of the figures just before it, in order; [] otherwise."""
    m = re.compile("分别").search(sentence, clause[0], clause[1])
    if not m or any(clause[0] <= x.start < m.start() for x in qs):
        return []
    head = GOVERNING_MARKER.sub("", sentence[clause[0]:m.start()])
    if _clean_phrase(head):
        return []
    n = len([x for x in qs if x.start >= m.end() and x.end <= clause[1]])
    earlier = [l for l in links if l.quantity.end <= clause[0]][-n:]
    names = [l.indicator for l in earlier]
    if n < 2 or len(earlier) != n or not all(names) or len(set(names)) != n:
        return []
    return names
