"""Text facts: every figure of every prose sentence, linked to its context and validated.

``extract_facts`` walks the non-table passages of a document in order,
parses each sentence's figures (kb.figures.quantities), links them to subject,
indicator, year and claim type (kb.figures.linking.link) and builds kb.models.Fact.
A candidate the Fact model rejects is logged with the reason and dropped.
Table passages (tab-separated rows, pipe rows, or a section that ends with
a table caption) are kb.figures.tables' job and are skipped here, as are figures
inside $…$ formulas or formula blocks.

Headings are not passages, but a headline states figures too (…销量突破500万辆):
``heading_facts`` links them with the document's context and the year of the
lead sentence below, and attaches them to the next prose passage.

``facts_from_text`` runs the same linker over a free sentence (a claim).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from pydantic import ValidationError

from kb.figures.identity import title_indicator
from kb.figures.linking.subjects import COLLECTIVE, REPORTING_COMPANY
from kb.figures.linking import Carry, Link, find_years, link, next_carry, review_span, short_name
from kb.figures.quantities import parse_quantities
from kb.models import Document, Fact, Passage, Sentence, stable_id
from kb.text import gazetteer
from kb.text.script import simplified
from kb.text.tokenizer import Tokenizer
from kb.text.vocab import regex

logger = logging.getLogger(__name__)

_TABLE_CAPTION = regex("tables", "caption")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)
# Heading numbers (一、 / （二） / 3. / 第四章) are not figures.
_ENUMERATION = regex("linking", "heading_number")
_WORK_REPORT = regex("linking", "work_report")
_COMPANY_REPORT = regex("linking", "company_report")
_LISTED_SHORT_NAME = regex("linking", "listed_short_name")
_NATIONAL = regex("linking", "national_title")
_OWN_PERIOD_LEAD = regex("linking", "own_period_lead")
_DAY_OF_MONTH = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"((?:18|19|20)\d{2})-(\d{2})")


def is_table_passage(passage: Passage) -> bool:
    """True for a passage that is (part of) a table rather than prose."""
    last_section = passage.section.split("›")[-1] if passage.section else ""
    if _TABLE_CAPTION.match(last_section):
        return True
    lines = [ln for ln in passage.text.splitlines() if ln.strip()]
    tabbed = sum(1 for ln in lines if "\t" in ln)
    return tabbed >= 1 or bool(_PIPE_ROW.search(passage.text))


def _formula_spans(document: Document) -> list[tuple[int, int]]:
    """Spans of the document's formula blocks (figures inside them are no facts)."""
    return [(b.start, b.end) for b in document.blocks if b.kind == "formula"]


def _build(figure: Link, *, doc_id: str, doc_path: str, passage_id: str,
           offset: int, quote: str) -> Fact | None:
    """The Fact of one linked figure, or None (logged) when the Fact model rejects it."""
    q = figure.quantity
    start, end = offset + q.start, offset + q.end
    try:
        return Fact(
            fact_id=stable_id("f", doc_id, start, end, q.value_text, q.unit, "text", ""),
            doc_id=doc_id, doc_path=doc_path, passage_id=passage_id,
            char_start=start, char_end=end, quote=quote,
            value=q.value, unit=q.unit, value_normalized=q.value_normalized,
            unit_normalized=q.unit_normalized, qualifier=q.qualifier,
            value_text=q.value_text, scale=q.scale, source_kind="text",
            subject_rule=figure.subject_rule, period_rule=figure.year_rule,
            **figure.fields(),
        )
    except ValidationError as exc:
        reason = "; ".join(e["msg"] for e in exc.errors())
        logger.info("rejected %r in %s at %d: %s", q.surface, doc_id, start, reason)
        return None




LISTED_HEADER_WINDOW = 300   # a listed company's report opens on its code and short name


def listed_short_name(opening: str) -> str:
    """The short name a listed company's report gives in its header (公司简称：恒川智装), else ""."""
    m = _LISTED_SHORT_NAME.search(opening)
    return m.group(1) if m else ""


def company_of_report(title: str) -> str:
    """The short name of the company whose own report this is (华岳精密机械股份有限公司2024年年度报告 → 华岳精密;
    淮海银行股份有限公司2024年度业绩快报 → 淮海银行)."""
    if not _COMPANY_REPORT.search(title):
        return ""
    companies = [o for o in gazetteer.find_organisations(title) if REPORTING_COMPANY.search(o[0])]
    # 淮海银行股份有限公司: the bank, not the bare 股份有限公司 after it
    named = [o for o in companies if short_name(o[0])]
    return short_name(named[0][0]) if named else ""




def section_year(section: str) -> int | None:
    """The year the deepest heading of ``section`` names (一、2024年工作回顾 › （一）… → 2024), else None.

    A heading's year is its section's topic and beats the title's year."""
    for part in reversed(section.split("›")):
        years = [y for y in find_years(part) if not y.base and y.until is None and not y.partial]
        if len(years) == 1:
            return years[0].year
    return None


def _document_years(document: Document) -> tuple[int | None, int | None, int | None]:
    """(year, ref_year, report_year) of a document: the year its title names, the document's own
    year (for 去年/今年) and the last full year it reports on."""
    # a dated title (…2024年1月10日在…会议上) gives the reference year, not the figures' year
    years = [y for y in find_years(document.title) if not y.base and y.until is None]
    # …关于1998年…的统计公报（1999年3月31日）: the figures are of 1998, the document of 1999
    dated = [y for y in years if _DAY_OF_MONTH.match(document.title[y.end:])]
    undated = [y for y in years if y not in dated]
    year = undated[0].year if undated else None
    ref_year = dated[0].year if dated else year
    if ref_year is None and _FOUR_DIGITS.match(document.date or ""):
        ref_year = int(document.date[:4])
    # the last full year it reports on: the title's year (…2023年统计公报), else the year before
    # the document's date (a report delivered in January 2024 reviews 2023)
    report_year = year if year is not None else (ref_year - 1 if ref_year is not None else None)
    if year is not None and _WORK_REPORT.search(document.title):
        # 2025年…政府工作报告 is delivered in 2025 about 2024: the title names the delivery year
        ref_year, year = year, year - 1
        report_year = year
    if year is None:
        year = titled_period_year(document.title, document.date)
        report_year = year if year is not None else report_year
    return year, ref_year, report_year


def titled_period_year(title: str, date: str) -> int | None:
    """The year of the part of a year an undated title names (一季度, 1—7月, 前三季度), read off the
    document's date: the last such period that ended before the date (news of 26 April 2021 on
    一季度 → 2021; of 10 February 2021 on 前三季度 → 2020). None without such words or a month in
    the date."""
    from kb.figures.identity import month_range

    first, last = month_range(title)
    m = _YEAR_MONTH.match(date or "")
    if (first, last) == (1, 12) or m is None:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    return year if last < month else year - 1


def _document_subject(document: Document) -> str:
    """What a figure without a subject is about: the place the title (else the publisher) names, a
    company reporting on itself (by the short name its report's header gives, else its title's), else
    全国 for a national title or publisher."""
    # a dateline the loader moved out of the title may leave the place in the publisher
    # a county the data do not list is still the place of 桐源县2023年…统计公报 (全县 then refers to it)
    title, publisher = simplified(document.title), simplified(document.publisher)
    subject = _one_title_place(title) or gazetteer.title_place(publisher)
    company = listed_short_name(simplified(document.text[:LISTED_HEADER_WINDOW])) or company_of_report(title)
    if company:
        # XX股份有限公司2024年年度报告: the company reports on itself; its figures are its own
        subject = company
    if not subject:
        # 挑大梁的国家重点企业 / A股公司研发投入创新高: a group of organisations the title is about
        group = COLLECTIVE.search(title)
        subject = group.group(0) if group else ""
    if not subject and (_NATIONAL.search(title + " " + publisher) or mostly_national(document.text)):
        # 中华人民共和国…统计公报 / 国家统计局 / a text that names the nation far more than any other
        # place: a figure without a place is the nation's
        subject = "全国"
    return subject


NATIONAL_TEXT_SHARE = 0.75   # of the place names the opening of a text uses
NATIONAL_TEXT_MENTIONS = 10
NATIONAL_TEXT_WINDOW = 20000


def mostly_national(text: str) -> bool:
    """True when the nation (中国, 我国, 全国) is at least three quarters of the place names the text's
    opening 20,000 characters use, and named at least ten times (百年复兴路：从一穷二白到GDP破百万亿:
    a title naming no place over a text about the country)."""
    names = [gazetteer.canonical(p[0]) for p in gazetteer.find_places(simplified(text[:NATIONAL_TEXT_WINDOW]))]
    national = names.count(gazetteer.canonical("全国"))
    return national >= NATIONAL_TEXT_MENTIONS and national >= NATIONAL_TEXT_SHARE * len(names)


def _one_title_place(title: str) -> str:
    """The place a title is about (title_place), unless the title names several places as its
    headline's actors (27省份…：广东稳居首位，安徽首超上海): then it is about none of them."""
    place = gazetteer.title_place(title)
    names = {gazetteer.canonical(p[0]) for p in gazetteer.find_places(title)}
    if place and len(names - {gazetteer.canonical(place)}) >= 2:
        return ""
    return place


def document_carry(document: Document) -> Carry:
    """What every paragraph starts from: the place and year its title names (湖南省2023年…公报), and
    the one indicator it names (27省份一季度GDP出炉: what 广东省以27117.96亿元居于全国首位 ranks)."""
    year, ref_year, report_year = _document_years(document)
    subject = _document_subject(document)
    return Carry(year=year, subject=subject, ref_year=ref_year, report_year=report_year,
                 topic=title_indicator(simplified(document.title)),
                 lasting_year=year, group=subject if len(gazetteer.members(subject)) >= 2 else "",
                 home=_home(subject, simplified(document.title)),
                 home_level=_home_level(subject, simplified(document.title) + " " + simplified(document.publisher)))


def _home_level(subject: str, text: str) -> str:
    """The level word the title or publisher writes after the document's place (青州市… → 市), else ""."""
    m = re.search(re.escape(subject) + r"([省市县区州])", text) if subject else None
    return m.group(1) if m else ""


def _home(subject: str, title: str) -> str:
    """What 全省 / 全市 / 我市 refer to: the document's subject when it is one province, city or
    county (not 全国, not a region of several places, not a company) and the title names no other
    place (27省份…：广东稳居首位，安徽首超上海 is about many)."""
    place = gazetteer.is_place(subject) or (subject and subject == gazetteer.title_place(title))
    one_place = place and not gazetteer.members(subject) and gazetteer.canonical(subject) != "全国"
    others = {gazetteer.canonical(p[0]) for p in gazetteer.find_places(title)} - {gazetteer.canonical(subject)}
    return subject if one_place and not others else ""


def _section_group(section: str) -> str:
    """A region of several places named by the deepest heading that names one (（三）深圳都市圈协同发展)."""
    for part in reversed(section.split("›")):
        groups = [p[0] for p in gazetteer.find_places(part) if len(gazetteer.members(p[0])) >= 2]
        if groups:
            return groups[-1]
    return ""


def _continues(document: Document, previous: Passage | None, passage: Passage) -> bool:
    """True when ``passage`` is the next piece of the same paragraph as ``previous``."""
    if previous is None or previous.section != passage.section:
        return False
    gap = document.text[previous.end:passage.start]
    return "\n" not in gap


def _paragraph_carry(start: Carry, carry: Carry, previous: Passage | None, passage: Passage,
                     stated: bool = False) -> Carry:
    """What a new paragraph starts from: the document's context with the year of the section it is
    in (not the last paragraph's subject, unless the document has none); a part of a year
    (2024年春节假期) was its own paragraph's topic only."""
    same_section = previous is not None and previous.section == passage.section
    kept = carry.lasting_year if same_section and carry.lasting_year else None
    if kept and start.year and _OWN_PERIOD_LEAD.match(passage.text):
        # 全年… / 年末… opening a paragraph of a report on one year (…2022年统计公报) is that year's,
        # whatever year an aside before it stated (经普查修订，2021年GDP为…)
        kept = start.year
    kept = kept or section_year(passage.section) or start.year
    span = (carry.span_start, carry.span_end) if same_section else (None, None)
    review = (carry.review_start, carry.review_end) if same_section else (None, None)
    # a document about several places (news on many provinces): a paragraph goes on about the place
    # the one before it in the section ended on, when that one stated figures (``stated``, passed
    # only for such a document; not a byline's city)
    goes_on = same_section and stated and gazetteer.is_place(carry.subject)
    subject = start.subject or (carry.subject if goes_on else "")
    return replace(start, year=kept, lasting_year=kept, group=_section_group(passage.section) or carry.group,
                   span_start=span[0], span_end=span[1], review_start=review[0], review_end=review[1], subject=subject,
                   restated=carry.restated if same_section else ())


def _facts_of(links: list[Link], **where) -> list[Fact]:
    """The valid Facts of ``links`` (``where``: doc_id, doc_path, passage_id, offset, quote)."""
    return [fact for fact in (_build(figure, **where) for figure in links) if fact is not None]


def extract_facts(document: Document, passages: list[Passage], sentences: list[Sentence],
                  tokenizer: Tokenizer) -> list[Fact]:
    """Validated text facts of ``document`` in text order."""
    by_passage: dict[str, list[Sentence]] = {}
    for s in sorted(sentences, key=lambda s: s.start):
        by_passage.setdefault(s.passage_id, []).append(s)
    formulas = _formula_spans(document)
    facts: list[Fact] = []
    start_carry = document_carry(document)
    carry = start_carry
    previous: Passage | None = None
    stated = False   # whether the paragraph so far stated a figure
    many_places = not start_carry.subject and len(gazetteer.find_places(simplified(document.title))) >= 2
    for passage in sorted(passages, key=lambda p: p.start):
        if is_table_passage(passage):
            previous = None
            continue
        if not _continues(document, previous, passage):
            carry = _paragraph_carry(start_carry, carry, previous, passage, stated and many_places)
            span = review_span(passage.text, carry)
            carry = replace(carry, span_start=span[0], span_end=span[1])
            if span[0] is not None:
                carry = replace(carry, review_start=span[0], review_end=span[1])
            stated = False
        previous = passage
        passage_read = simplified(passage.text)     # once per passage, not per sentence (issue 12)
        for sentence in by_passage.get(passage.passage_id, []):
            if "\t" in sentence.text:
                continue
            quantities = [q for q in parse_quantities(sentence.text)
                          if not any(a <= sentence.start + q.start < b for a, b in formulas)]
            # linked on the text as simplified characters (one for one): the vocabularies are simplified
            read = simplified(sentence.text)
            links = link(quantities, read, tokenizer, passage_read, carry)
            stated = stated or bool(links)
            facts += _facts_of(links, doc_id=document.doc_id, doc_path=document.doc_path,
                               passage_id=passage.passage_id, offset=sentence.start, quote=sentence.text)
            carry = next_carry(read, links, carry)
    facts.extend(heading_facts(document, passages, tokenizer))
    return sorted(facts, key=lambda f: (f.char_start, f.char_end))


def heading_facts(document: Document, passages: list[Passage], tokenizer: Tokenizer) -> list[Fact]:
    """Figures stated in heading blocks, attached to the next prose passage, quote = the heading."""
    prose = sorted((p for p in passages if not is_table_passage(p)), key=lambda p: p.start)
    start_carry = document_carry(document)
    facts: list[Fact] = []
    for block in document.blocks:
        if block.kind != "heading":
            continue
        heading = document.text[block.start:block.end]
        numbered = _ENUMERATION.match(heading)
        skip = numbered.end() if numbered and numbered.end() < len(heading) else 0
        masked = " " * skip + heading[skip:]
        quantities = parse_quantities(masked)
        following = next((p for p in prose if p.start >= block.end), None)
        if not quantities or following is None:
            continue
        # a headline sums up the lead below it: take the lead's year when the heading names none
        lead_years = [y for y in find_years(following.text[:120], start_carry.ref_year)
                      if not y.base and y.until is None]
        carry = replace(start_carry, year=lead_years[0].year if lead_years else start_carry.year)
        links = link(quantities, simplified(masked), tokenizer, simplified(heading), carry)
        facts += _facts_of(links, doc_id=document.doc_id, doc_path=document.doc_path,
                           passage_id=following.passage_id, offset=block.start, quote=heading.strip())
    return facts


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentence spans of a free text (the whole text when the splitter fails)."""
    try:
        from kb.ingest import split_sentences
        spans = split_sentences(text)
    except Exception:  # noqa: BLE001 - a claim is still one sentence if the splitter fails
        logger.debug("split_sentences failed; using the whole text", exc_info=True)
        spans = []
    return spans or [(0, len(text))]


def facts_from_text(text: str, tokenizer: Tokenizer, doc_id: str = "claim") -> list[Fact]:
    """Facts stated in a free text (e.g. a user's claim), with the same linker as documents."""
    facts: list[Fact] = []
    carry = Carry()
    for start, end in _sentence_spans(text):
        sentence = text[start:end]
        read = simplified(sentence)
        links = link(parse_quantities(sentence), read, tokenizer, simplified(text), carry)
        facts += _facts_of(links, doc_id=doc_id, doc_path="", passage_id="", offset=start, quote=sentence)
        carry = next_carry(read, links, carry)
    return facts
