"""Subjects of figures: places, organisations, source agencies, groups and 分别 lists.

The tests the subject rules (kb.figures.linking.subject_rules) and the sentence
scene (kb.figures.linking.scene) use to choose what a figure is about: places
in a comparison or scope position are not subjects; source agencies (据X统计)
are not either; a company is named by its short name; 分别 distributes a list
of places over the figures after it; ratio terms, totals over listed places
(四省合计), groups named earlier (两地) and a sentence's organisation topic.
Words from kb/data/linking.yaml.
"""

from __future__ import annotations

import re
from typing import Optional

from kb.figures.linking.carry import Carry
from kb.figures.linking.cues import (
    COMPARISON_LEAD, COMPARISON_WITH, COUNT_UNITS, GOVERNING_MARKER, PARENS, PHRASE_LEAD, TIME_WORDS, clause_of,
)
from kb.models import Quantity
from kb.text import gazetteer
from kb.text.tokenizer import Tokenizer
from kb.text.vocab import regex, words

# 记者从X获悉 / 据X统计: X is where the figure comes from, not what it is about
SOURCE_AFTER = regex("linking", "source_after")
# a group of organisations that can be a subject (A股公司, 国家重点企业, 中央企业): kb/data/linking.yaml
COLLECTIVE = regex("linking", "collective_subject")
SOURCE_BEFORE = regex("linking", "source_before")
COMPANY = regex("linking", "company")
# a company whose own release or claim this is (…股份有限公司, 某银行, 某集团)
REPORTING_COMPANY = regex("linking", "reporting_company")
_LEGAL_FORM = regex("linking", "legal_form")
_TRADE_WORD = regex("linking", "trade_word")
ITEM_MARK = re.compile(r"\s*(?:[0-9]{1,2}\s*[.．、](?![0-9])|[（(][0-9一二三四五六七八九十]{1,2}[)）])")
# 1. 三河古镇接待游客… / （2）某某街区…: a list item led by a named venue is about that venue
ITEM_VENUE = regex("linking", "item_venue")
_TRAILING_DE = re.compile(r"[\s的]+$")
_COMPARED_MODIFIER = regex("linking", "compared_modifier")
RELATIVE_LIST = regex("linking", "relative_list_before")
_STATES_OWN_FIGURE = regex("linking", "states_own_figure_after")
_CLOSE_BRACKET = re.compile(r"\s*[）)]")
_BRACKET_BEFORE = regex("linking", "bracket_before")
_RANK_OF = regex("linking", "rank_of")
_SHARE_OF_BEFORE = regex("linking", "share_of_before")
_COMPARED_TOTAL_GAP = regex("linking", "compared_total_gap")
_PLACE_JOINT = regex("linking", "place_joint")
_RATIO_SIGN = re.compile(r"\s*[:：∶]\s*")
_LATIN = re.compile(r"[A-Za-z]")
_GROUP_DIGIT = re.compile(r"[两二三四五六七八九]")
_RESPECTIVELY_IN_TURN = regex("linking", "respectively_in_turn")


def short_name(org: str) -> str:
    """星联智能科技股份有限公司 → 星联智能: a company is named by its short name, not its legal form."""
    base = _LEGAL_FORM.sub("", org)
    if base == org:
        return org
    trimmed = _TRADE_WORD.sub("", base)
    return trimmed if len(trimmed) >= 2 else (base if len(base) >= 2 else org)


def in_comparison(text: str, start: int, end: int, clause_end: int) -> bool:
    """True for a place in a comparison position (占全国… / 高于长三角 / 与京津冀相比): not a subject."""
    before = TIME_WORDS.sub("", text[max(0, start - 12):start])
    before = _TRAILING_DE.sub("", before)
    if COMPARISON_LEAD.search(before):
        return True   # 占全国… / 高于长三角…
    if RELATIVE_LIST.search(text, 0, start):
        # 相当于美国…的11%，日本…的13%: each base of the list; 美国为26%: its own figure
        return not _STATES_OWN_FIGURE.match(text, end, clause_end)
    if before.endswith("与") or before.endswith("同") or before.endswith("和"):
        return bool(COMPARISON_WITH.search(text[end:clause_end]))
    # 与排名第一的广东省相差…: a modifier between 与 and the place
    if _COMPARED_MODIFIER.search(text[max(0, start - 14):start]):
        return bool(COMPARISON_WITH.search(text[end:clause_end]))
    return False


def bracketed_total(q: Quantity, text: str, places: list[tuple[str, int, int]]) -> str:
    """占全国（126.06万亿元）的25.2% / 高于同期全国数字经济规模年均复合增长率（15.2%）: a figure in
    brackets right after a place, or after a place and the name of what it measures, is that place's."""
    if not _CLOSE_BRACKET.match(text[q.end:q.end + 2]):
        return ""
    before = [p for p in places if p[2] <= q.start]
    if not before:
        return ""
    name, _, end = max(before, key=lambda p: p[2])
    return name if _BRACKET_BEFORE.fullmatch(text, end, q.start) else ""


def ranked_place(q: Quantity, text: str, places: list[tuple[str, int, int]]) -> str:
    """排名第一的广东省: a rank right before 的 + place belongs to that place."""
    if not (q.unit_normalized == "rank" or q.kind_hint == "rank"):
        return ""
    m = _RANK_OF.match(text[q.end:])
    if not m:
        return ""
    at = q.end + m.end()
    return next((p[0] for p in places if p[1] == at), "")


def compared_total(q: Quantity, text: str, places: list[tuple[str, int, int]],
                    subject_places: list[tuple[str, int, int]]) -> str:
    """占全国272.6万台的21.4%: the total right after a compared place is that place's figure."""
    if not text[q.end:q.end + 2].lstrip().startswith("的"):
        return ""
    for p in reversed([p for p in places if p[2] <= q.start and p not in subject_places]):
        if not _SHARE_OF_BEFORE.search(text[max(0, p[1] - 3):p[1]]):
            break
        between = text[p[2]:q.start]
        if len(between) <= 12 and _COMPARED_TOTAL_GAP.fullmatch(between) \
                and not GOVERNING_MARKER.search(between):
            return p[0]
        break
    return ""


def opens_clause(text: str, clauses: list[tuple[int, int]], place: tuple[str, int, int]) -> bool:
    """True when ``place`` opens its clause (…，其中北京拥有…): a new actor, not part of a predicate."""
    head = text[clause_of(clauses, place[1])[0]:place[1]]
    head = TIME_WORDS.sub("", head)
    return not PHRASE_LEAD.sub("", head).strip()


def place_lists(places: list[tuple[str, int, int]], text: str) -> list[list[tuple[str, int, int]]]:
    """Consecutive places joined by 、和与及 (北京、天津 / 京津冀地区和大湾区内地九市)."""
    groups: list[list[tuple[str, int, int]]] = []
    for p in places:
        if groups and _PLACE_JOINT.fullmatch(text[groups[-1][-1][2]:p[1]]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


# The main clause's topic ends before one of these (京东科技已…, 该中心已经…).
_TOPIC_END = regex("linking", "topic_end")
_TOPIC_SKIP = regex("linking", "topic_skip")
_TOPIC_BAD = regex("linking", "topic_bad")
_DEMONSTRATIVE = regex("linking", "demonstrative")
_PROPER = set(words("linking", "proper_name_tags"))
_BUSINESS_TAIL = regex("linking", "business_tail")
# A place right after these is the scope of the predicate, not its actor (覆盖全国, 全国前列).
# 居全国第5位 / 全国第一 / 全国平均: a rank or benchmark within the place, not a figure of it.
_SCOPE_BEFORE = regex("linking", "scope_before")
_SCOPE_AFTER = regex("linking", "scope_after")
_RANK_FIELD_BEFORE = regex("linking", "rank_field_before")
_RANK_FIELD_AFTER = regex("linking", "rank_field_after")
_EXCLUDED = regex("linking", "excluded")
_PARTNER_LEAD = regex("linking", "partner_lead")
_PARTNER_FLOW = regex("linking", "partner_flow")
_PARTNER_LEAD_START = regex("linking", "partner_lead_start")
# Paper-method counts: what a study chose, not a fact about a place.
_METHOD_NOUN = regex("linking", "method_noun")
_METHOD_ACTOR = regex("linking", "method_actor")
# 将α和β均赋值为0.5: an assigned value is a design choice whoever states it
_METHOD_ASSIGN = regex("linking", "method_assign")
_METHOD_VERB = regex("linking", "method_verb")
# 二者相差…: the difference belongs to the first of the two.
PAIR_DIFFERENCE = regex("linking", "pair_difference")
# 新增上市公司近40家 / 上市公司总数超过580家: a class of organisations being counted is the indicator
COUNTED_AFTER = regex("linking", "counted_after")
# 合计334万辆 / 共计…: a total over the places listed before it
TOTAL_WORD = regex("linking", "total_word")


def _first_word_tag(phrase: str, tokenizer: Tokenizer) -> str:
    """The part-of-speech tag of the first word of ``phrase`` ("" for an empty phrase)."""
    for w in tokenizer.pos.cut(phrase):
        return w.flag
    return ""


def sentence_topic(sentence: str, clauses: list[tuple[int, int]], passage_text: str,
                   orgs: list[tuple[str, int, int]], tokenizer: Tokenizer) -> Optional[tuple[str, int]]:
    """The sentence's actor when it is an organisation/name: (name, end of its clause's topic).

    The first clause whose topic phrase ends before 已/将/正 decides: 该中心 is the organisation
    named before (in the sentence, else earlier in the passage); an organisation inside the
    phrase is the actor; else the phrase itself when it reads as a name."""
    for a, b in clauses:
        found = _topic_phrase(sentence, a, b)
        if found is None:
            continue
        phrase, offset, end = found
        demo = _DEMONSTRATIVE.match(phrase)
        if demo:
            named = _named_before(demo.group(1), sentence, offset, passage_text, orgs)
            return (named, end) if named else None
        inside = [o for o in orgs if offset <= o[1] and o[2] <= end]
        if inside:
            return inside[-1][0], end
        return (phrase, end) if _reads_as_name(phrase, tokenizer) else None
    return None


def _topic_phrase(sentence: str, a: int, b: int) -> Optional[tuple[str, int, int]]:
    """(phrase, start, end) of clause ``a:b``'s topic: what stands before 已/将/正 after the time
    words, 2–14 characters; None when the clause has none."""
    clause = sentence[a:b]
    lead = TIME_WORDS.match(clause.lstrip())
    offset = a + (len(clause) - len(clause.lstrip())) + (lead.end() if lead else 0)
    rest = sentence[offset:b]
    m = _TOPIC_END.search(rest)
    if not m or _TOPIC_SKIP.match(rest):
        return None
    phrase = rest[:m.start()].strip()
    if not 2 <= len(phrase) <= 14:
        return None
    return phrase, offset, offset + m.start()


def _named_before(head: str, sentence: str, offset: int, passage_text: str,
                  orgs: list[tuple[str, int, int]]) -> str:
    """该中心: the last organisation ending in ``head`` named before (in the sentence, else earlier
    in the passage), else ""."""
    pool = [o for o in orgs if o[2] <= offset]
    if not pool and passage_text:
        cut = passage_text.find(sentence)
        pool = gazetteer.find_organisations(passage_text[:cut] if cut > 0 else "")
    named = [o for o in pool if o[0].endswith(head)]
    return named[-1][0] if named else ""


def _reads_as_name(phrase: str, tokenizer: Tokenizer) -> bool:
    """True for a topic phrase that names an actor: Latin letters, a business tail (…科技) or a
    proper-name first word; never a place or a measure (规模, …率)."""
    latin = bool(_LATIN.search(phrase))
    if gazetteer.find_places(phrase) and not latin:
        return False
    if _TOPIC_BAD.search(phrase):
        return False
    return latin or bool(_BUSINESS_TAIL.search(phrase)) or _first_word_tag(phrase, tokenizer) in _PROPER


def is_partner(subject: str, indicator: str) -> bool:
    """True when ``subject`` is the partner place of a flow the indicator names (对美国进出口, 自日本进口)."""
    m = _PARTNER_LEAD_START.match(indicator)
    return bool(m) and gazetteer.canonical(indicator[m.end():m.end() + len(subject)]) == gazetteer.canonical(subject) \
        and bool(_PARTNER_FLOW.match(indicator, m.end() + len(subject)))


def is_scope(text: str, start: int, end: int) -> bool:
    """覆盖全国 / 全国前列 / 占全国 / 在全国排第24位: the place bounds the predicate, it does not act;
    自日本进口 / 对东盟出口: a trade partner, not the trader."""
    return bool(_SCOPE_BEFORE.search(text[max(0, start - 4):start]) or _SCOPE_AFTER.match(text[end:end + 4])
                or (_RANK_FIELD_BEFORE.search(text[max(0, start - 2):start])
                    and _RANK_FIELD_AFTER.match(text[end:end + 5]))
                or (_PARTNER_LEAD.search(text[max(0, start - 1):start]) and _PARTNER_FLOW.match(text, end)))


# 全省 / 我市 / 本市: the area the document is about (kb/data/claims.yaml)
_OWN_AREA = re.compile("|".join(sorted(words("claims", "own_area"), key=len, reverse=True)))
_COMPARED_OWN_AREA = re.compile(r"(?:{})\s*(?P<area>{})(?:{})?\s*(?:的|[（(])\s*(?:约|近)?\s*$".format(
    "|".join(words("linking", "compared_value_leads")), _OWN_AREA.pattern, "|".join(words("linking", "benchmark_words"))))


def compared_own_area(text: str, start: int, end: int) -> str:
    """高于全省（5.5%） / 低于全省平均的: the own-area word whose value the figure at ``end`` is, named right
    before it in a comparison (searched from ``start``), else ""."""
    m = _COMPARED_OWN_AREA.search(text, start, end)
    return m.group("area") if m else ""


def own_area_before(text: str, end: int) -> Optional[int]:
    """Where the last own-area word (全省, 我市, 本市) before ``end`` starts, if it names what acts
    (not 高于全省平均, 占全市比重, 居全省首位); else None."""
    found = [m for m in _OWN_AREA.finditer(text, 0, end)
             if not in_comparison(text, m.start(), m.end(), end) and not is_scope(text, m.start(), m.end())]
    return found[-1].start() if found else None


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the places and organisations 除…外 / 剔除… sets aside (除北京外, 如剔除金融公司): never subjects."""
    return [m.span(m.lastindex) for m in _EXCLUDED.finditer(text)]


def is_method_count(sentence: str, clause: tuple[int, int], q: Quantity, indicator: str) -> bool:
    """选取20个指标 / 分为3个阶段 / 赋值为0.5: a study's design, without a place subject."""
    text = sentence[clause[0]:clause[1]]
    if q.unit_normalized in COUNT_UNITS and _METHOD_NOUN.search(indicator or ""):
        return True
    if gazetteer.find_places(sentence[clause[0]:q.start]):
        return False
    return bool(_METHOD_ASSIGN.search(text[:q.start - clause[0]])
                or (_METHOD_ACTOR.search(sentence) and _METHOD_VERB.search(text)))


def ratio_subjects(qs: list[Quantity], sentence: str, places: list[tuple[str, int, int]],
                    clauses: list[tuple[int, int]], actors: list[tuple[str, int, int]]) -> dict[int, str]:
    """A…远超B和C总和（76 : 8 : 1） / A、B、C之比为3:2:1: each term takes its place, in order."""
    out: dict[int, str] = {}
    ratio = [q for q in qs if q.kind_hint == "ratio"]
    groups: list[list[Quantity]] = []
    for q in ratio:
        if groups and _RATIO_SIGN.fullmatch(sentence[groups[-1][-1].end:q.start]):
            groups[-1].append(q)
        else:
            groups.append([q])
    for group in groups:
        if len(group) < 2:
            continue
        clause = clause_of(clauses, group[0].start)
        lists = place_lists([p for p in places if clause[0] <= p[1] and p[2] <= group[0].start], sentence)
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
            for q, name in zip(group, names, strict=True):
                out[id(q)] = name
    return out


# 四省合计X (the count word right before 合计): a sub-total of exactly the places listed
COUNTED_TOTAL = regex("linking", "counted_total")
_GROUP_WORD = regex("linking", "group_word")
GROUP_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def group_phrase(text: str) -> str:
    """The words of the first count of unnamed places in ``text`` (六个经济大省, 两市), else ""."""
    m = _GROUP_WORD.search(text)
    return m.group(0) if m else ""


def group_count(text: str) -> int:
    """两地 / 三省市 in ``text`` (without a place before it): how many places it refers to, else 0."""
    m = _GROUP_WORD.search(text)
    if not m or gazetteer.find_places(text[:m.start()]):
        return 0
    return GROUP_COUNTS[m.group(1)]


def total_subject(listed: list[tuple[str, int, int]], places: list[tuple[str, int, int]], group: str) -> str:
    """合计 over 深圳、东莞、惠州: the named region the listed places belong to (in the sentence, else the
    carried group), else "" — never the last place of the list."""
    names = {p[0] for p in listed}
    for candidate in [p[0] for p in reversed(places)] + [group]:
        if candidate and names <= set(gazetteer.members(candidate)) and candidate not in names:
            return candidate
    return ""


def last_group(sentence: str) -> str:
    """The last set of places ``sentence`` names: a region of several places (川渝) or a list (湖北、湖南)."""
    places = gazetteer.find_places(sentence)
    found: list[tuple[int, str]] = [(p[1], p[0]) for p in places if len(gazetteer.members(p[0])) >= 2]
    parens = [m.span() for m in PARENS.finditer(sentence)]
    for g in place_lists(places, sentence):
        if any(a < g[0][1] and g[-1][2] < b for a, b in parens):
            continue   # 黄河流域九省区（青海、四川、…）: the list spells out the region named before it
        names = list(dict.fromkeys(p[0] for p in g))
        if len(names) >= 2 and all(not gazetteer.members(n) for n in names):
            found.append((g[0][1], "、".join(names)))
    for m in _NAMED_GROUP.finditer(sentence):
        found.append((m.start(), m.group()))
    return max(found)[1] if found else ""


# 长江中游三省 / 西北五省区 / 东南沿海三省: a set of places named by a geographic descriptor and a count
_NAMED_GROUP = regex("linking", "named_group")


def group_size(group: str) -> int:
    """How many places a carried group stands for (川渝 → 2, 长江中游三省 → 3)."""
    named = _NAMED_GROUP.fullmatch(group)
    if named:
        return GROUP_COUNTS[_GROUP_DIGIT.search(group[-4:]).group()]
    return len(gazetteer.members(group))


def distribute(qs: list[Quantity], sentence: str, places: list[tuple[str, int, int]],
                clauses: list[tuple[int, int]], runs: Optional[list[tuple[int, int]]] = None) -> dict[int, str]:
    """分别: figures after it take the places listed before it, in order.

    ``runs`` (when given) receives (start of the list, end of its last figure) of every list used."""
    out: dict[int, str] = {}
    for m in _RESPECTIVELY_IN_TURN.finditer(sentence):
        clause = clause_of(clauses, m.start())
        figures = [q for q in qs if q.start >= m.end() and q.end <= clause[1]]
        lists = place_lists([p for p in places if p[2] <= m.start()], sentence)
        if len(figures) < 2 or not lists:
            continue
        names = [p[0] for p in lists[-1]]
        if len(names) == 1:
            names = gazetteer.members(names[0]) or names
        if len(names) == len(figures):
            for q, name in zip(figures, names, strict=True):
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


def after_run_subject(q: Quantity, runs: list[tuple[int, int]], sentence: str,
               places: list[tuple[str, int, int]], carry: Carry) -> Optional[str]:
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
