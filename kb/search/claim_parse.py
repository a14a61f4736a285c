"""A claim's figures as facts with identity, read the way a document's figures are read.

The claim is one sentence of a one-sentence document: the documents' parser and
context linker (`kb.figures.facts_from_text`) find its figures and their subject,
indicator and period, and `kb.figures.identity.identify_facts` gives them the
identity fields (subject_key, indicator_key, measure, basis, scope, months,
status) that the fact table carries, so a claim and a fact are compared on the
same keys. Where the linker leaves a figure without a year or a subject, the
claim's own words fill them (a claim has no earlier sentence to carry them from).
"""

from __future__ import annotations

import re

from kb.figures.linking import YEAR, group_phrase
from kb.models import Block, Document, Fact
from kb.text.tokenizer import Tokenizer

CLAIM_DOC = "claim"


def parse_claim(claim: str, tokenizer: Tokenizer) -> list[Fact]:
    """The figures of ``claim`` as Facts (doc_id "claim") with their identity fields."""
    from kb.figures import facts_from_text
    from kb.figures.identity import identify_facts
    from kb.ingest import segment

    document = Document(doc_id=CLAIM_DOC, doc_path="", text=claim,
                        blocks=[Block(kind="paragraph", start=0, end=len(claim))])
    passages, sentences = segment(document)
    facts = [fill_context(f, claim) for f in facts_from_text(claim, tokenizer, doc_id=CLAIM_DOC)]
    group = listed_group(claim) if len(facts) == 1 else ""
    if group and facts[0].subject in group.split("、"):
        facts = [facts[0].model_copy(update={"subject": group})]
    return identify_facts(document, sentences, passages, facts)


_JOINT = re.compile(r"\s*[、和与及]\s*")


def listed_group(claim: str) -> str:
    """山东、河南、四川、陕西生产总值为24.51万亿元: places listed one after another, without 分别,
    before a claim's only figure (and before any 占: 占湖北、湖南两省总量 is a share's whole) are the
    group the figure is about ("" when there is no such list)."""
    from kb.text.gazetteer import find_places

    if "分别" in claim:
        return ""
    places = [p for p in find_places(claim) if "占" not in claim[:p[1]]]   # not the whole of a share
    run: list[tuple[str, int, int]] = []
    for place in places:
        if run and _JOINT.fullmatch(claim[run[-1][2]:place[1]]):
            run.append(place)
        elif len(run) >= 2:
            break
        else:
            run = [place]
    return "、".join(name for name, _, _ in run) if len(run) >= 2 else ""


def fill_context(fact: Fact, claim: str) -> Fact:
    """Year, period and subject from the claim's words where the linker left them empty:
    one year named → that year; two or more → the span they bound; the first place named
    → the subject."""
    update: dict = {}
    years = sorted({int(y) for y in YEAR.findall(claim)})
    if fact.year is None and fact.period_start is None:
        if len(years) == 1:
            update["year"] = years[0]
        elif len(years) >= 2:
            update.update(period_start=years[0], period_end=years[-1])
    part = share_part(fact, claim)
    if part:
        update["subject"] = part
    elif not fact.subject and fact.subject_rule in _GROUP_RULES:
        update["subject"] = group_phrase(claim[:max(fact.char_start, 0)])   # 六个经济大省合计X: those provinces
    elif not fact.subject:
        place = named = first_place(claim) or unlisted_place(claim)
        if not place:
            from kb.figures.linking.subjects import short_name

            named = leading_company(claim) or leading_name(claim)   # 淮海银行2024年… / 恒川智装2024年…
            place = short_name(named) if named else ""
        if place:
            update["subject"] = place
            if (fact.indicator or "").startswith(named) and len(fact.indicator) > len(named):
                update["indicator"] = fact.indicator[len(named):]   # 桐源县地区生产总值 → 地区生产总值
    return fact.model_copy(update=update) if update else fact


# the linker's rules that leave a figure of several unnamed places (六个经济大省合计X) without a subject:
# the claim is about those places, neither the first place it names nor the whole country
_GROUP_RULES = ("counted_places",)


def first_place(text: str) -> str:
    """The first place ``text`` names, else ""."""
    from kb.text.gazetteer import find_places

    found = find_places(text)
    return found[0][0] if found else ""


def share_part(fact: Fact, claim: str) -> str:
    """In "A…占B…的比重为X%" the figure is about the part A: the first place before 占 in the
    figure's clause ("" when the clause has no 占 or names no place before it)."""
    if fact.measure not in ("", "share") and fact.claim_type != "share":
        return ""
    before = claim[: max(fact.char_start, 0)]
    clause = re.split(r"[，,；;。]", before)[-1]
    return first_place(clause.split("占", 1)[0]) if "占" in clause else ""


# A county or city the gazetteer does not list, by its administrative suffix (桐源县, 临川市); the
# first character rules out words that end the same way (全市, 本县, 城市, 上市).
_ADMIN_NAME = re.compile(r"(?![全各本该每我其此城上股楼车夜集开直地县省市区乡镇])"
                         r"[\u4e00-\u9fff]{2,4}?(?:自治县|自治州|县|市|州|旗|盟)")
_LEAD_TIME = re.compile(r"(?:\s*(?:(?:19|20)\d{2}\s*(?:[—–\-~至到]\s*(?:19|20)?\d{2,4})?\s*年?"
                        r"(?:末|底|初|全年|上半年|前三季度|一季度)?|\d{1,2}\s*(?:[—–\-~至到]\s*\d{1,2})?\s*月份?"
                        r"(?:末|底)?|全年|上半年|下半年|前三季度|第?[一二三四]季度|[前头]\d{1,2}个月))*[，,\s]*")


def leading_company(text: str) -> str:
    """The company, bank or group that opens ``text`` (after its time phrase), as written:
    淮海银行2024年实现净利润… → 淮海银行, 华岳精密机械股份有限公司营业收入… → 华岳精密机械股份有限公司; else ""."""
    from kb.figures.linking.subjects import REPORTING_COMPANY
    from kb.text.gazetteer import find_organisations

    lead = _LEAD_TIME.match(text).end()
    found = [o for o in find_organisations(text) if o[1] in (0, lead) and REPORTING_COMPANY.search(o[0])]
    return found[0][0] if found else ""


# 恒川智装2024年归属于…: a name (a company's short name) that opens a claim right before its year
_NAME_BEFORE_YEAR = re.compile(r"^([\u4e00-\u9fffA-Za-z]{2,8}?)(?=(?:19|20)\d{2}\s*年)")


def leading_name(text: str) -> str:
    """The name that opens ``text`` right before a year (恒川智装2024年… → 恒川智装), unless it is a
    time or an indicator word of kb's vocabulary; else ""."""
    from kb.figures.identity import vocabulary_key

    m = _NAME_BEFORE_YEAR.match(text)
    if not m or _LEAD_TIME.fullmatch(m.group(1)) or vocabulary_key(m.group(1)):
        return ""
    return m.group(1)


def unlisted_place(text: str) -> str:
    """A county or city the gazetteer does not list, named at the start of ``text`` or right after
    its time phrase (2023年桐源县… → 桐源县), else ""."""
    from kb.text.gazetteer import find_places

    rest = text[_LEAD_TIME.match(text).end():]
    name = _ADMIN_NAME.match(rest)
    return name.group() if name and not find_places(name.group()) else ""
