"""The subject rules: what a figure is about, tried in order (``SUBJECT_RULES``).

Each rule reads the sentence (``SentenceScene``), the figure (``FigureScene``)
and what the figures before it left (``Running``) and returns the subject it
chooses ("" is a choice: no subject) or None when it does not apply. The first
rule that applies wins; its name is recorded on the figure's Link
(``subject_rule``): ``place_in_clause`` is a confident link, ``carried_subject``
a guess from an earlier sentence.
"""

from __future__ import annotations

import re
from typing import Optional

from kb.figures.linking.cues import TIME_WORDS, clause_of
from kb.figures.linking.rules import first_rule
from kb.figures.linking.scene import FigureScene, Running, SentenceScene
from kb.figures.linking.subjects import (
    COLLECTIVE, COUNTED_TOTAL, GROUP_COUNTS, PAIR_DIFFERENCE, TOTAL_WORD, after_run_subject, bracketed_total, compared_total,
    RELATIVE_LIST, compared_own_area, group_count, group_size, opens_clause, own_area_before, place_lists, ranked_place, total_subject,
)
from kb.text import gazetteer
from kb.text.numerals import count_value
from kb.text.vocab import regex, words

Choice = Optional[str]


def list_item_venue(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """1. 西塘古镇接待游客30万人次: a numbered item led by a venue is about the venue (unless the
    figure's clause names a place of its own)."""
    if f.item and not f.in_clause and f.item.end() <= f.q.start:
        return f.item.group(1)
    return None


def ratio_term(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """A、B、C之比为3:2:1 / A…远超B和C总和（76 : 8 : 1）: each term of a ratio takes its place, in order."""
    return s.ratio_terms.get(id(f.q))


def possessor_place(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """高于江苏的19.2%、广东省的18.6% / 仅次于湖北省的58.3%: a place written right before 的 and the
    figure owns it, compared or not; not the whole of a share or the base of a ratio (占全国的6%,
    相当于美国的110%, nor the next bases of such a list: …的11%，台湾的20%)."""
    for name, start, end in reversed(s.places):
        if end > f.q.start or start < f.clause[0]:
            continue
        if not _POSSESSED.fullmatch(s.sentence, end, f.q.start) or _RELATIVE_TO.search(s.sentence, f.clause[0], start) \
                or RELATIVE_LIST.search(s.sentence, 0, start):
            return None
        return name
    return None


def described_place(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """距离10223.99亿元的湖南仅一步之遥 / 增长8%的湖北: a place written right after the figure and 的 is
    what the figure describes."""
    after = [p for p in s.places if p[1] >= f.q.end]
    if after and _DESCRIBES.fullmatch(s.sentence, f.q.end, after[0][1]):
        return after[0][0]
    return None


def respectively_list(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """北京、天津分别增长5.2%和3.8%: the figures after 分别 take the places listed before it, in order."""
    return s.distributed.get(id(f.q))


def _listed_before_total(s: SentenceScene, f: FigureScene) -> list:
    """The places of the last list of two or more before a 合计/共计 that precedes the figure in its clause
    (or a counted 四省合计占全国的 before a share)."""
    before = s.sentence[f.clause[0]:f.q.start]
    if not (TOTAL_WORD.search(before) or COUNTED_TOTAL.search(before)):
        return []
    lists = [g for g in place_lists(f.before, s.sentence) if len(g) >= 2]
    return lists[-1] if lists else []


def total_of_listed_places(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """深圳、东莞、惠州合计X: a total over listed places is the region they belong to ("" when none is
    named); 山东、河南、四川、陕西…，四省合计X: the places themselves when the count word says so."""
    listed = _listed_before_total(s, f)
    if not listed:
        return None
    own_total = COUNTED_TOTAL.search(s.sentence[f.clause[0]:f.q.start])
    if own_total and GROUP_COUNTS.get(own_total.group(1)) == len(listed):
        return "、".join(dict.fromkeys(p[0] for p in listed))
    return total_subject(listed, s.places, s.carry.group)


def ranked_subject(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """排名第一的广东省: a rank right before 的 + place is that place's."""
    return ranked_place(f.q, s.sentence, s.places) or None


def compared_place_total(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """占全国272.6万台的21.4%: the total right after a compared place is that place's figure."""
    return compared_total(f.q, s.sentence, s.places, s.subject_places) or None


def bracketed_place_total(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """占全国（126.06万亿元）的25.2% / 高于同期全国…增长率（15.2%）: a figure in brackets right after a
    place (and the name of what it measures) is that place's."""
    return bracketed_total(f.q, s.sentence, s.places) or None


def share_of_total(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """四省合计X，占全国的77.3%: a figure in the clause after a total, naming no place, is of the
    same whole."""
    prev = f.prev
    # 占全国（126.06万亿元）的32.5%: the whole named inside 占…的 stands between the total and its share
    whole_between = prev is not None and prev.subject_rule in ("bracketed_place_total", "compared_place_total") \
        and clause_of(s.clauses, prev.quantity.start) == f.clause
    if run.whole and prev is not None and (prev.subject == run.whole or whole_between) and not f.in_clause \
            and (whole_between or clause_of(s.clauses, prev.quantity.start) != f.clause):
        return run.whole
    return None


def pair_difference(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """北京、上海…，二者相差X: the difference belongs to the first of the two listed before."""
    if not PAIR_DIFFERENCE.match(s.sentence[f.clause[0]:f.q.start]):
        return None
    lists = place_lists([p for p in s.subject_places if p[2] <= f.clause[0]], s.sentence)
    return lists[-1][0][0] if lists else None


def after_respectively_run(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """美国、欧盟分别为X和Y，合计占Z: after a 分别 run, a figure naming no new place is about the
    subject before the list, not the list's last member."""
    return after_run_subject(f.q, s.runs, s.sentence, s.subject_places, s.carry)


def sentence_topic_actor(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """京东科技已…，其营收X: the organisation the main clause is about beats places inside its
    predicate, unless a place opens a later clause before the figure."""
    topic = s.topic
    if not topic or f.q.start < topic[1]:
        return None
    if any(topic[1] <= p[1] < f.q.start and opens_clause(s.sentence, s.clauses, p) for p in s.subject_places):
        return None
    return topic[0]


def continued_list(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """3.2%、4.1%和5.0%: a figure continuing a list keeps the previous figure's subject (unless a new,
    uncompared place stands between them)."""
    if f.listed and f.prev is not None and (not f.gap_places or run.prev_compared):
        return f.prev.subject
    return None


def own_area(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """全省生产总值增长5.5%，一般公共预算收入增长1.8%: 全省 / 我市 / 本市 before the figure, with no
    place between it and the figure, is the document's own place (湖南 of 湖南省…统计公报), unless
    its level is above the home's (全省进出口总值X in a city's report: the province's); a figure
    right after a compared own area (高于全省（5.5%）) is that area's, which in a city's report is
    its province, not the city."""
    if not s.carry.home:
        return None
    start = f.prev_q.end if f.prev_q is not None and f.prev_q.end <= f.q.start else f.clause[0]
    compared = compared_own_area(s.sentence, start, f.q.start)
    if compared:
        return _own_area_place(compared, s.carry)
    word = own_area_before(s.sentence, f.q.start)
    if word is None or any(p[1] >= word for p in f.before):
        return None
    return _own_area_place(s.sentence[word:word + 2], s.carry)


def _own_area_place(word: str, carry) -> str:
    """The place an own-area word names: the home when its level is the home's (or unknown); 全省 in
    a city's or county's report (by the title's word, or by what the gazetteer knows of the home) is
    its province (when known), else the word itself (an area above the home that kb cannot name,
    never the home)."""
    city_home = gazetteer.place_level(carry.home) in ("city", "county")
    if (not carry.home_level and not (city_home and word[-1] == "省")) or word[-1] == carry.home_level:
        return carry.home
    return (gazetteer.province_of(carry.home) if word[-1] == "省" else "") or word


def counted_list_in_clause(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """广东、广西和海南三省（区）存款余额增长8.4%: places listed in the figure's clause and counted
    right after the list (三省 / 两市 / 4个城市), the count equal to the list's length, are the
    figure's subject together, not the last of them; so is the count itself."""
    listed = [g for g in place_lists(f.in_clause, s.sentence) if len(g) >= 2]
    if not listed:
        return None
    last = listed[-1]
    names = list(dict.fromkeys(p[0] for p in last))
    if _is_the_count(s.sentence, last[-1][2], f):
        return "、".join(names) if f.q.value == len(names) else None
    m = _COUNT_AFTER_LIST.match(s.sentence, last[-1][2], f.q.start)
    if not m or count_value(m.group(1)) != len(names):
        return None
    return "、".join(names)


def _is_the_count(sentence: str, list_end: int, f: FigureScene) -> bool:
    """上海、北京、深圳、重庆4个城市: the figure is the count right after the list."""
    return not sentence[list_end:f.q.start].strip() and bool(_UNNAMED_PLACES_AFTER.match(sentence, f.q.end))


def counted_unnamed_places(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """2个省份GDP超过2万亿元 / 27省份全部达到两位数增长: a count of places none of which is named
    there, the figure itself or opening its clause, is about those places together: the place
    carried when it holds such places (全国 its provinces, a province its cities) or is a region of
    that many members, else no one place ("": not the province carried from the sentence before).
    Not when a place opens the clause (全国31个省市区 / 全省11个城市: its members), nor for a rank
    (居全省16个地市首位: the rank of the member that ranks)."""
    own = own_area_before(s.sentence, f.q.start)
    if f.in_clause or (own is not None and own >= f.clause[0]) or f.q.unit_normalized == "rank" \
            or f.q.kind_hint == "rank":
        return None
    m = _UNNAMED_PLACES_AFTER.match(s.sentence, f.q.end)
    counted = f.q.value if m else None
    if m is None:
        for m in _UNNAMED_PLACES_COUNT.finditer(s.sentence, f.clause[0], f.q.start):
            counted = count_value(m.group("n"))
    if m is None or counted is None or counted < 2:
        return None
    carried = s.carry.subject
    if len(gazetteer.members(carried)) == counted or _holds(carried, m.group("unit")):
        return carried
    return ""


def _holds(place: str, unit: str) -> bool:
    """Whether ``place`` is made of places of the counted kind (全国: 省份 and 城市; 广东: 城市)."""
    if not place:
        return False
    if gazetteer.canonical(place) == _NATION:
        return True
    return unit in _CITY_UNITS and gazetteer.place_level(place) == "province"


def place_in_clause(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """湖北省地区生产总值5.58万亿元: the nearest place before the figure in its own clause."""
    return f.in_clause[-1][0] if f.in_clause else None


_ORG_LIST_JOIN = re.compile(r"\s*[、和及与]\s*")


def organisation_before(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """中国中车…下滑，中国移动研发支出由110亿元提升至185亿元，同比增加67%: of two or more acting
    organisations before the figure (no place in its clause), the nearest beats a place or
    organisation named before it, unless a place stands between that organisation and the figure,
    or the organisation is named in an earlier clause of a sentence that names a place before the
    figure. A list of organisations (甲公司、乙公司和丙公司分列前3位) is the subject as a whole."""
    before = [o for o in s.actor_orgs if o[2] <= f.q.start and not _audience(s, o)]
    if len(before) < 2:
        return None   # one organisation: acting_organisation
    nearest = before[-1]
    if any(nearest[2] <= p[1] < f.q.start for p in s.subject_places):
        return None
    if nearest[1] < clause_of(s.clauses, f.q.start)[0] and any(p[1] < f.q.start for p in s.subject_places):
        return None   # 北京网际协议…增长率仅为2.3%，…端口数增长率为75%: the place, named earlier, leads
    listed = [nearest]
    for o in reversed(before[:-1]):   # 甲公司、乙公司和丙公司分列前3位: the list is the subject
        if not _ORG_LIST_JOIN.fullmatch(s.sentence[o[2]:listed[0][1]]):
            break
        listed.insert(0, o)
    return "、".join(o[0] for o in listed)


def place_earlier_in_sentence(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """湖北省经济运行平稳，全年生产总值5.58万亿元: the nearest place in an earlier clause. In a document
    about one place, only when it opens its clause (the clause is about it): a place inside a
    predicate (完成长江经济带…整改，…比例达98.7%) is where something was done, the figure is the home's."""
    if not f.before:
        return None
    nearest = f.before[-1]
    if s.carry.home and not opens_clause(s.sentence, s.clauses, nearest):
        return None
    if _COMPARED_BEFORE.search(s.sentence, 0, nearest[1]):
        return None   # 19.8%的增速仅次于湖北省，全国排名第二: the rank is not 湖北's
    return nearest[0]


def place_later_in_clause(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """5.58万亿元的生产总值使湖北…: the first place after the figure in its clause (not for a list figure);
    not a place a comparison word names (19.8%的增速仅次于湖北省: 湖北 is what it is compared with)."""
    if not f.after or f.listed or _COMPARED_BEFORE.search(s.sentence, f.q.end, f.after[0][1]):
        return None
    return f.after[0][0]


def named_group(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """两地共接待游客…: the group of that many places named in an earlier sentence (川渝)."""
    group = s.carry.group
    if group and group_count(s.sentence[:f.q.start]) == group_size(group):
        return group
    return None


def named_places_counted(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """深圳…1.58万亿元，广州1.12万亿元，两市合计2.70万亿元: a count of places opening the figure's clause
    is the last that many places the sentence named before it, together (not the last one)."""
    m = _GROUP_OPENS.match(s.sentence, f.clause[0], f.q.start)
    if not m:
        return None
    n = GROUP_COUNTS[m.group(1)]
    names = list(dict.fromkeys(p[0] for p in f.before))
    return "、".join(names[-n:]) if len(names) >= n else None


def counted_places(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """六省合计28.6万亿元 / 两市共…: a count of places is the figure of the region carried when it has
    that many members (粤桂琼 → 三省区), else of several places no sentence named as one: never the
    one place carried (the last of a list), so no subject."""
    n = group_count(s.sentence[:f.q.start])
    if n < 2:
        return None
    return s.carry.subject if len(gazetteer.members(s.carry.subject)) == n else ""


_GOVERNMENT = re.compile(r"(?:人民)?政府$")
_CENTRAL_GOVERNMENT = frozenset(words("linking", "central_government"))
_NATION = words("linking", "central_government_place")[0]
_COMPARED_BEFORE = regex("linking", "compared_before_place")
_AUDIENCE = regex("linking", "audience_before")
_POSSESSED = regex("linking", "possessed_figure")
_DESCRIBES = regex("linking", "figure_describes_place")
_RELATIVE_TO = regex("linking", "relative_to_place")
_RESTATING_AFTER = regex("linking", "restating_figure_after")
_GROUP_OPENS = regex("linking", "group_opens_clause")
_COUNT_AFTER_LIST = regex("linking", "count_after_list")
_UNNAMED_PLACES_AFTER = regex("linking", "unnamed_places_after_count")
_UNNAMED_PLACES_COUNT = regex("linking", "unnamed_places_count")
_CITY_UNITS = ("城市", "地市")


def as_subject(name: str) -> str:
    """An organisation as a subject: a place's government (中国政府, 湖北省人民政府) acts for the place,
    the central government (国务院) for the nation."""
    places = gazetteer.find_places(name)
    if places and places[0][1] == 0 and _GOVERNMENT.fullmatch(name[places[0][2]:]):
        return places[0][0]
    if name in _CENTRAL_GOVERNMENT:
        return _NATION   # 国务院 acts for the nation
    return name


def acting_organisation(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """某集团营业收入X: the first organisation named in the sentence that acts (no source agency);
    a place's government stands for the place (中国政府实行…，通胀率下降为0.8%: 全国)."""
    acting = [o for o in s.actor_orgs if not _audience(s, o)]
    return as_subject(acting[0][0]) if acting else None


def _audience(s: SentenceScene, org: tuple[str, int, int]) -> bool:
    """True when the organisation is the one a report is handed to (…的报告提请十三届全国人大常委会审议):
    it listens, the report's figures are not its own."""
    return bool(_AUDIENCE.search(s.sentence, 0, org[1]))


def list_after_compared(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """A list figure after a compared place, with nothing better: the previous figure's subject."""
    return f.prev.subject if f.listed and f.prev is not None else None


def collective_in_sentence(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """A股公司研发支出合计X / 国家重点企业实现利润X: a group of organisations named before the figure
    (and no place after it) is the figure's subject."""
    if f.q.unit_normalized in ("count", "household"):
        return None  # 上市公司12家: the count of the group is the indicator, not its subject
    if f.before:
        return None  # 江西境内上市公司…: a place before it is the subject, the group its scope
    for m in reversed(list(COLLECTIVE.finditer(s.sentence, 0, f.q.start))):
        opens = clause_of(s.clauses, m.start())[0]
        lead = TIME_WORDS.sub("", s.sentence[opens:m.start()]).strip()
        if len(lead) <= 3:  # the group opens its clause (after 去年, 全年, 1999年): it is the topic
            return m.group(0)
    return None


def restated_figure(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """19.5%的增速，也高于全国平均值1.2个百分点: a sentence opening on a figure with only a measure after
    it restates that figure, stated shortly before in the section: its figures without a subject of
    their own are about that figure's subject."""
    first = s.figures[0]
    if s.sentence[:first.start].strip() or not _RESTATING_AFTER.match(s.sentence, first.end):
        return None
    same = [subject for surface, _, subject in s.carry.restated if surface == first.surface and subject]
    return same[-1] if same else None


def carried_subject(s: SentenceScene, f: FigureScene, run: Running) -> Choice:
    """No subject in the sentence: the one carried from the previous sentence of the paragraph."""
    return s.carry.subject


# Tried in order; the first that applies chooses the subject.
SUBJECT_RULES = (list_item_venue, ratio_term, possessor_place, respectively_list, total_of_listed_places,
                 ranked_subject, described_place, compared_place_total, bracketed_place_total, share_of_total,
                 pair_difference, after_respectively_run, sentence_topic_actor, continued_list, own_area,
                 counted_list_in_clause, counted_unnamed_places, place_in_clause, organisation_before, named_places_counted, place_earlier_in_sentence,
                 place_later_in_clause,
                 named_group, counted_places, collective_in_sentence, acting_organisation, list_after_compared, restated_figure,
                 carried_subject)


def choose_subject(s: SentenceScene, f: FigureScene, run: Running) -> tuple[str, str]:
    """(rule name, subject) of the first rule of ``SUBJECT_RULES`` that applies."""
    return first_rule(SUBJECT_RULES, s, f, run)
