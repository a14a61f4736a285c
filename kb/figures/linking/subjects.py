"""Subjects of figures: places, organisations, source agencies, groups and 分别 lists.

The rules kb.figures.linking.link.link applies to choose what a figure is about: places in
a comparison or scope position are not subjects; source agencies (据X统计) are
not either; a company is named by its short name; 分别 distributes a list of
places over the figures after it; ratio terms, totals over listed places
(四省合计), groups named earlier (两地) and a sentence's organisation topic.
"""

from __future__ import annotations

import re
from typing import Optional

from kb.text import gazetteer
from kb.figures.linking.cues import (
    COMPARISON_WITH, COMPARISON_LEAD, COUNT_UNITS, PHRASE_LEAD, GOVERNING_MARKER, PARENS, TIME_WORDS, clause_of,
    _pos_tagger,
)
from kb.figures.linking.carry import Carry
from kb.models import Quantity


# 记者从X获悉 / 据X统计: X is where the figure comes from, not what it is about
SOURCE_AFTER = re.compile(r"^\s*(?:的)?(?:数据|统计|发布|指出|表示|认为|称|报道|显示|介绍|印发|测算|研究|获悉|了解到|消息|公布|通报|(?:相关)?负责人)")
COMPANY = re.compile(r"(?:公司|集团)$")
_LEGAL_FORM = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司)$")
# the trade word after a company's brand is dropped from its short name (华岳精密机械 → 华岳精密)
_TRADE_WORD = re.compile(r"(?:科技|技术|实业|控股|发展|集团|机械|电子|电气|化工|制药|医药|材料|装备|制造)$")
ITEM_MARK = re.compile(r"\s*(?:[0-9]{1,2}\s*[.．、](?![0-9])|[（(][0-9一二三四五六七八九十]{1,2}[)）])")
# 1. 三河古镇接待游客… / （2）某某街区…: a list item led by a named venue is about that venue
ITEM_VENUE = re.compile(r"\s*(?:[0-9]{1,2}\s*[.．、]|[（(][0-9一二三四五六七八九十]{1,2}[)）])\s*"
                         r"([\u4e00-\u9fff]{2,8}?(?:古镇|街区|景区|公园|博物馆|广场|园区|开发区|新区|商圈|度假区|古城|步行街))")


def short_name(org: str) -> str:
    """星联智能科技股份有限公司 → 星联智能: a company is named by its short name, not its legal form."""
    base = _LEGAL_FORM.sub("", org)
    if base == org:
        return org
    trimmed = _TRADE_WORD.sub("", base)
    return trimmed if len(trimmed) >= 2 else (base if len(base) >= 2 else org)


SOURCE_BEFORE = re.compile(r"(?:从|据|经|来自|根据)\s*$")


def in_comparison(text: str, start: int, end: int, clause_end: int) -> bool:
    before = TIME_WORDS.sub("", text[max(0, start - 12):start])
    before = re.sub(r"[\s的]+$", "", before)
    if COMPARISON_LEAD.search(before):
        return True
    if before.endswith("与") or before.endswith("同") or before.endswith("和"):
        return bool(COMPARISON_WITH.search(text[end:clause_end]))
    # 与排名第一的广东省相差…: a modifier between 与 and the place
    if re.search(r"(?:与|同|跟)[^，,。；与和]{1,10}的\s*$", text[max(0, start - 14):start]):
        return bool(COMPARISON_WITH.search(text[end:clause_end]))
    return False


def bracketed_total(q: Quantity, text: str, places: list[tuple[str, int, int]]) -> str:
    """占全国（126.06万亿元）的25.2%: a figure in brackets right after a place is that place's."""
    if not re.match(r"\s*[）)]", text[q.end:q.end + 2]):
        return ""
    m = re.search(r"[（(]\s*(?:约|近|超过)?\s*$", text[max(0, q.start - 5):q.start])
    if not m:
        return ""
    at = max(0, q.start - 5) + m.start()
    return next((p[0] for p in places if p[2] == at), "")


def ranked_place(q: Quantity, text: str, places: list[tuple[str, int, int]]) -> str:
    """排名第一的广东省: a rank right before 的 + place belongs to that place."""
    if not (q.unit_normalized == "rank" or q.kind_hint == "rank"):
        return ""
    m = re.match(r"\s*(?:位|名)?\s*的\s*", text[q.end:])
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
        if not re.search(r"占\s*$", text[max(0, p[1] - 3):p[1]]):
            break
        between = text[p[2]:q.start]
        if len(between) <= 12 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z\s]*?(?:约|近|超)?\s*", between) \
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
        if groups and re.fullmatch(r"[\s、和与及以]*", text[groups[-1][-1][2]:p[1]]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


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
PAIR_DIFFERENCE = re.compile(r"^[\s，,]*(?:二者|两者|两地|双方|前者与后者|两区域|两个地区)(?:之间)?(?:的)?(?:[^，,。；]{0,6})?(?:相差|差距|差值|差)")


# 新增上市公司近40家 / 上市公司总数超过580家: a class of organisations being counted is the indicator
COUNTED_AFTER = re.compile(r"\s*(?:总数|数量|家数|个数|数)?\s*(?:已|已经|共|共计|合计|累计)?\s*"
                            r"(?:达到|达|为|有|超过|突破|增至|增加|增长)?\s*(?:近|超|约|逾|超过)?\s*[0-9零一二三四五六七八九十百千万两]")
# 合计334万辆 / 共计…: a total over the places listed before it
TOTAL_WORD = re.compile(r"(?:合计|共计|总计|合共|总和|加总)\s*(?:为|达到?|约|近|超过?)?\s*$")


def _tag_first_word(phrase: str) -> str:
    for w in _pos_tagger().cut(phrase):
        return w.flag
    return ""


def sentence_topic(sentence: str, clauses: list[tuple[int, int]], passage_text: str,
           orgs: list[tuple[str, int, int]]) -> Optional[tuple[str, int]]:
    """The sentence's actor when it is an organisation/name: (name, end of its clause's topic)."""
    for a, b in clauses:
        clause = sentence[a:b]
        lead = TIME_WORDS.match(clause.lstrip())
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


def is_scope(text: str, start: int, end: int) -> bool:
    """覆盖全国 / 全国前列 / 占全国: the place bounds the predicate, it does not act."""
    return bool(_SCOPE_BEFORE.search(text[max(0, start - 4):start]) or _SCOPE_AFTER.match(text[end:end + 4]))


def excluded_spans(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _EXCLUDED.finditer(text)]


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
        if groups and re.fullmatch(r"\s*[:：∶]\s*", sentence[groups[-1][-1].end:q.start]):
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
            for q, name in zip(group, names):
                out[id(q)] = name
    return out


# 四省合计X (the count word right before 合计): a sub-total of exactly the places listed
COUNTED_TOTAL = re.compile(r"([两二三四五六七八九])(?:个)?(?:省市|省区|地|省|市|城|区|县)\s*(?:合计|共计|总计|合共)\s*(?:为|达到?|约|近|超过?)?\s*$")
_GROUP_WORD = re.compile(r"([两二三四五六七八九])(?:地|省市|省|市|城|区)")
GROUP_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


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
_NAMED_GROUP = re.compile(r"(?:长江|黄河|珠江|淮河|[东西南北]部|东北|西北|西南|东南|华[东南北中]|沿海|沿江|沿边)"
                          r"(?:上游|中游|下游|流域|沿海|沿线|地区)?[两二三四五六七八九](?:省市|省区|省份|省|地)")


def group_size(group: str) -> int:
    """How many places a carried group stands for (川渝 → 2, 长江中游三省 → 3)."""
    named = _NAMED_GROUP.fullmatch(group)
    if named:
        return GROUP_COUNTS[re.search(r"[两二三四五六七八九]", group[-4:]).group()]
    return len(gazetteer.members(group))


def distribute(qs: list[Quantity], sentence: str, places: list[tuple[str, int, int]],
                clauses: list[tuple[int, int]], runs: Optional[list[tuple[int, int]]] = None) -> dict[int, str]:
    """分别: figures after it take the places listed before it, in order.

    ``runs`` (when given) receives (start of the list, end of its last figure) of every list used."""
    out: dict[int, str] = {}
    for m in re.finditer("分别|依次", sentence):
        clause = clause_of(clauses, m.start())
        figures = [q for q in qs if q.start >= m.end() and q.end <= clause[1]]
        lists = place_lists([p for p in places if p[2] <= m.start()], sentence)
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
