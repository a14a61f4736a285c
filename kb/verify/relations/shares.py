"""Shares: 占…的比重 with its part and whole, listed shares that sum to 100,
earlier-stated wholes, group shares and structure ratios (A∶B∶C).
"""

from __future__ import annotations

import re

from kb.verify import recompute as rc
from kb.figures.identity import indicator_key
from kb.models import Fact
from kb.text.gazetteer import canonical, find_places
from kb.text.vocab import regex, words
from kb.verify.relations.ground import (CN_COUNT, Context, Relation, cue_alternation, is_comparand, is_level,
                                        is_prior_level, is_stated_change, months_named, parse_count, same_unit,
                                        same_when_known, year_of)
from kb.verify.relations.figure_names import names_alike
from kb.verify.relations.labels import strip_measure
from kb.verify.relations.totals import breakdown_parts, complete_parts, one_list


def listed_share(ctx: Context, stated: Fact, s0: int, shares: list[Fact]) -> Relation | None:
    """'A、B和C分别为a、b和c，占比分别为x%、y%和z%': the share at index i is part i of the level
    list of as many members right before the shares in the sentence; when no whole is named and
    the shares add up to 100 % (within rounding), the parts are the whole's parts and the whole is
    their sum. None otherwise (a whole not stated is never borrowed from nearby figures)."""
    named = share_clause(ctx, s0, shares[0].char_start)
    if named is not None and named[1] and named[1] != "比":  # 占比 names no whole
        return None  # 占Y的: Y is a named whole, stated elsewhere (paragraph_share)
    run: list[Fact] = []
    for f in reversed([f for f in ctx.facts_between(s0, shares[0].char_start) if f.unit_normalized != "%"]):
        if not is_level(f) or (run and not (same_unit(f, run[0]) and one_list(ctx, f, run[0]))):
            break
        run.insert(0, f)
    if len(run) != len(shares):
        return None
    total = rc.recompute_sum([rc.stated_interval(f.value_text or str(f.value), f.qualifier, f.value) for f in shares])
    if not rc.overlaps(total, rc.exact(100.0)):
        return None
    i = shares.index(stated)
    return Relation("share", stated, inputs=[run[i]] + [f for f in run if f is not run[i]], mode="of_sum",
                    where="sentence")


_COUNT_PREFIX = re.compile(rf"^(?:{cue_alternation('count_lead')})?"
                           rf"(?:([{CN_COUNT}\d]+)(?:{cue_alternation('count_classifiers')})?)?")
_SHARE_WHOLE_END = regex("relations", "share_whole_end")
_INCREMENT = regex("relations", "increment")


def share_clause(ctx: Context, s0: int, pos: int) -> tuple[str, str, int] | None:
    """(parts' name, whole's name, member count or 0) of 'X占Y的比重(分别)为' before ``pos``."""
    clause = re.split(r"[，。；,;：:]", ctx.text[s0:pos])[-1]
    if "占" not in clause:
        return None
    x, rest = clause.split("占", 1)
    y = _SHARE_WHOLE_END.split(rest)[0].strip()
    m = _COUNT_PREFIX.match(x.strip())
    n = parse_count(m.group(1)) if m and m.group(1) else 0
    return x.strip()[m.end():].strip() if m else x.strip(), y, n


def respectively_list(ctx: Context, s0: int, s1: int, stated: Fact) -> list[Fact]:
    """The % figures of the 分别 list the stated figure belongs to."""
    i = ctx.text.rfind("分别", s0, stated.char_start)
    if i == -1:
        return []
    run = []
    for f in ctx.facts_between(i, s1):
        if f.unit_normalized != "%":
            break
        run.append(f)
    return run if stated in run else []


def _paragraph_part(ctx: Context, stated: Fact, s0: int, earlier: list[Fact], whole: Fact, x: str,
                    y: str) -> Fact | None:
    """The part X of 'X占Y的比重(分别)为…' among the paragraph's earlier levels: the one level whose
    indicator is X, or for a 分别 list the stated share's own one of the levels whose indicators
    contain X (exactly one level each, else None)."""
    same = [f for f in earlier if same_unit(f, whole) and f is not whole and f.indicator != y]
    listed = respectively_list(ctx, s0, ctx.sentence_of(stated.char_start)[1], stated)
    if len(listed) >= 2:
        parts = [f for f in same if x in f.indicator and f.indicator != x]
        if len({f.indicator for f in parts}) != len(parts) or len(parts) != len(listed):
            return None  # the parts named are not exactly one level each: do not guess
        return parts[listed.index(stated)]
    parts = [f for f in same if f.indicator == x]
    return parts[0] if len(parts) == 1 else None


def paragraph_share(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(part, whole) for 'X占Y的比重(分别)为…' whose levels were stated earlier in the paragraph:
    the whole is the level whose indicator is Y; the parts are the levels whose indicator is X
    (or, for a 分别 list, the levels whose indicators contain X's head, one per listed share)."""
    named = share_clause(ctx, s0, stated.char_start)
    if named is None:
        return None
    x, y, _ = named
    earlier = [f for f in ctx.facts_between(para_start, s0) if is_level(f)]
    wholes = [f for f in earlier
              if _names_own_whole(y, f.indicator) and (not stated.subject or f.subject == stated.subject)]
    if len(wholes) != 1 or not x:
        return None
    whole = wholes[0]
    part = _paragraph_part(ctx, stated, s0, earlier, whole, x, y)
    return (part, whole) if part is not None and part.value_normalized <= whole.value_normalized else None


def share_lists(ctx: Context) -> list[tuple[int, int, list[Fact]]]:
    """(sentence start, end, shares) for '三次产业…占…比重分别为a%、b%和c%': a list of shares
    of one whole whose count word (三次/两类/四大) says the listed parts are all its parts."""
    out = []
    for m in re.finditer("分别", ctx.text):
        i = m.start()
        s0, s1 = ctx.sentence_of(i)
        if ctx.text.find("分别", s0, s1) != i:
            continue  # one list per sentence: its first 分别
        named = share_clause(ctx, s0, i)
        if named is None or named[2] < 2:
            continue
        run = []
        for f in ctx.facts_between(i, s1):
            if f.unit_normalized != "%":
                break
            run.append(f)
        if len(run) == named[2]:
            out.append((s0, s1, run))
    return out


def _current_levels_before(ctx: Context, stated: Fact) -> list[Fact]:
    """The levels stated before the figure that are of its year and period: no stated change, no
    previous period's level (较上年的W), no level another is compared with (为年初预算W的102.3%)."""
    return [f for f in ctx.facts_before(stated.char_start) if is_level(f)
            and not is_stated_change(ctx, f) and same_when_known(year_of(ctx, f), stated.year)
            and not is_prior_level(ctx, f) and not is_comparand(ctx, f)]


def _earlier_parts(ctx: Context, stated: Fact, s0: int, earlier: list[Fact], x: str, y: str) -> list[Fact]:
    """The candidates for the part, nearest last: the levels named X, or when X is not named the
    levels of the share's sentence (and its increments, for a share of an increment: 其中，A增加
    5410亿元，占同期…增量的X%)."""
    if x:
        return [f for f in earlier if f.indicator and (f.indicator == x or x.endswith(f.indicator))]
    flows = [f for f in ctx.facts_between(s0, stated.char_start) if f.claim_type == "change"
             and f.unit_normalized not in ("%", "pp", "‰")] if _INCREMENT.search(y) else []
    return sorted([f for f in earlier if f.char_start >= s0] + flows, key=lambda f: f.char_start)


def earlier_share(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact, bool] | None:
    """(part, whole, certain) for '[X]占Y的比重为…' with Y's level stated earlier in the document (the
    nearest one of the same year, months and subject: 2023年为X after this year's total is not the
    whole of 占同期…的): the part is X's nearest earlier level, or the level right before 占 in the
    sentence when X is not named. Certain unless the earlier levels of Y's name state different
    values (上半年营业收入23.23亿元 and 全年营业收入51.26亿元 before 占营业收入的6.45%: the nearest is a guess)."""
    named = share_clause(ctx, s0, stated.char_start)
    if named is None or not named[1]:
        return None
    x, y, n = named
    if n and "分别" in ctx.text[s0:stated.char_start]:
        return None  # a list of several parts: paragraph_share / share_lists handle it
    if y in _JURISDICTIONS and (not x or _place_named(x)):
        pair = _jurisdiction_share(ctx, stated, s0, _place_named(x), y)
        return (*pair, True) if pair else None
    earlier = _current_levels_before(ctx, stated)
    parts = _earlier_parts(ctx, stated, s0, earlier, x, y)
    if not parts:
        return None
    part, months = parts[-1], months_named(ctx, stated)
    named_wholes = [f for f in earlier if f.char_end <= part.char_start and names_whole(y, f.indicator)
                    and not _states_own_share(ctx, f, part.char_start, y)
                    and same_unit(f, part) and same_when_known(f.subject, part.subject)
                    and same_when_known(months_named(ctx, f), months)
                    and same_when_known(year_of(ctx, f), year_of(ctx, part))]
    wholes = named_wholes or _breakdown_head(ctx, s0, y, part, earlier)
    if not wholes or _scopes_unsure(y, wholes):
        return None
    whole = wholes[-1]
    certain = len({f.value_normalized for f in named_wholes}) <= 1
    return (part, whole, certain) if part.value_normalized <= whole.value_normalized else None


def _states_own_share(ctx: Context, f: Fact, before: int, y: str) -> bool:
    """精密传动部件实现营业收入8.95亿元，同比增长6.69%，占比17.46%；技术服务及其他收入3.31亿元，占营业收入的
    6.45%: a level whose own clause run goes on to state its share of Y (named so, or unnamed: 占比) is a
    part of Y beside the one asked about, not Y itself (公司贷款…，占各项贷款的55% stays a whole of 公司贷款)."""
    cut = [i for i in (ctx.text.find(c, f.char_end, before) for c in "；;。") if i != -1]
    end = min(cut) if cut else before
    for g in ctx.facts_between(f.char_end, end):
        if is_level(g) and not is_prior_level(ctx, g):
            return False          # …，其中公司贷款A，占各项贷款的s%: that share is the next level's
        if g.claim_type == "share":
            m = _OWN_SHARE_WHOLE.search(ctx.text, f.char_end, g.char_start)
            if m is None or names_whole(y, m.group(1)):
                return True
    return False


def _scopes_unsure(y: str, wholes: list[Fact]) -> bool:
    """各项贷款 when the document states 本外币 and 人民币 loans: the name Y names no scope and the
    wholes of its name are of several, so which one the share is of is not known."""
    scopes = {f.scope or "" for f in wholes}
    return len(scopes) > 1 and not any(sc and sc in y for sc in scopes)


_JURISDICTIONS = words("relations", "jurisdictions")
_OWN_SHARE_WHOLE = re.compile(r"占([^，。；,;：:占\d%％]{2,24}?)的")
_PART_LEAD = regex("relations", "part_lead")
_NATION = words("relations", "nation_jurisdiction")[0]
_BREAKDOWN_OPENS = regex("relations", "breakdown_opens_sentence")


def _breakdown_head(ctx: Context, s0: int, y: str, part: Fact, earlier: list[Fact]) -> list[Fact]:
    """其中，工业投资412.3亿元，占全部投资的比重为33.0%: in a sentence opening on 其中, 全部Y names the
    total of the sentence before (…固定资产投资完成1250.6亿元。), the levels there whose name ends in Y
    (two characters are enough: only the sentence before is looked in)."""
    rest = _WHOLE_LEAD.sub("", y.strip())
    if rest == y.strip() or len(rest) < 2 or not _BREAKDOWN_OPENS.match(ctx.text, s0):
        return []
    h0, _ = ctx.sentence_of(max(s0 - 1, 0))
    return [f for f in earlier if h0 <= f.char_start and f.char_end <= s0 and f.indicator
            and strip_measure(f.indicator).endswith(rest) and same_unit(f, part)
            and same_when_known(f.subject, part.subject)]


def _names_own_whole(y: str, indicator: str) -> bool:
    """占Y的 names this indicator: equal, or '全省生产总值' for the subject's own 地区生产总值 (a
    jurisdiction word then at least three characters the indicator ends with)."""
    if not indicator:
        return False
    if y == indicator:
        return True
    rest = y[2:] if y[:2] in _JURISDICTIONS else ""
    return len(rest) >= 3 and indicator.endswith(rest)


def _place_named(x: str) -> str:
    """The place the words before 占 name and nothing else (其中广东 → 广东), else ""."""
    from kb.text.gazetteer import find_places

    rest = _PART_LEAD.sub("", x.strip())
    places = find_places(rest)
    return places[0][0] if len(places) == 1 and places[0][1] == 0 and places[0][2] == len(rest) else ""


def _same_indicator(a: Fact, b: Fact) -> bool:
    """One indicator: the same words, or the same key (国内生产总值 and 地区生产总值 are GDP)."""
    return bool(a.indicator) and (a.indicator == b.indicator or bool(a.indicator_key) and a.indicator_key == b.indicator_key)


def _containing(whole: str, part: str, named: str) -> bool:
    """True when ``whole`` may be the region 占全国/全省 names for ``part``: another single place
    (not a list of places: 广东、江苏、山东 is no 全国), and the nation itself for 全国."""
    if not whole or whole == part or "、" in whole:
        return False
    return whole == _NATION if named == _NATION else True


def _jurisdiction_share(ctx: Context, stated: Fact, s0: int, place: str = "",
                        y: str = "") -> tuple[Fact, Fact] | None:
    """(part, whole) for 'A市X a，占全省(的)比重为s%': the part is the level right before 占 in
    the sentence (or, for '其中A占全国的s%', A's nearest earlier level of the share's indicator);
    the whole is the nearest earlier level of the same indicator, unit and year whose subject is
    another (the containing region) and which is larger. None otherwise."""
    own = [f for f in ctx.facts_between(s0, stated.char_start) if is_level(f) and not is_stated_change(ctx, f)]
    if place:
        own = [f for f in ctx.facts_before(stated.char_start) if is_level(f) and not is_stated_change(ctx, f)
               and f.subject == place and _same_indicator(f, stated)]
    if not own or not own[-1].subject or not own[-1].indicator:
        return None
    part = own[-1]
    wholes = [f for f in ctx.facts_before(s0) if is_level(f) and not is_stated_change(ctx, f)
              and _same_indicator(f, part) and same_unit(f, part) and _containing(f.subject, part.subject, y)
              and same_when_known(year_of(ctx, f), year_of(ctx, part))]
    if not wholes or wholes[-1].value_normalized <= part.value_normalized:
        return None
    return part, wholes[-1]


_GROUP_TOTAL = regex("relations", "group_total")


_NAMES_A_FIGURE = regex("relations", "names_a_figure")
_NOT_PART_NAMES = re.compile("|".join(sorted(words("relations", "not_part_names"), key=len, reverse=True)))


def part_named_before(ctx: Context, lead: str, levels: list[Fact], default: Fact | None = None,
                      year: int | None = None) -> Fact | None:
    """The level a share's clause names in ``lead`` (the sentence's words before 占): 北京占三地合计的
    72.5% after 北京A、天津B、河北C is 北京's A, 基金收入占… after 收入X，支出Y is X. When the words name
    a place none of the levels is of, fit several levels alike (but one of the share's ``year``), or
    name a figure of their own none of the levels is, kb cannot tell (None); when they name no level
    (仅占, 其占比), the ``default`` (the last level when none is given)."""
    default = default if default is not None else (levels[-1] if levels else None)
    written = _NOT_PART_NAMES.sub("", re.split(r"[，,；;：:。]", lead)[-1]).strip()
    if len(written) < 2 or not levels:
        return default
    places = {canonical(p[0]) for p in find_places(written)}
    if places:
        named = [f for f in levels if f.subject_key in places]
        return named[-1] if named else None
    named = _levels_named(ctx, written, levels, year)
    if named is None or named:
        return named[-1] if named else None
    # words that name a figure of their own (第二产业增加值占… after 三次产业增加值分别为a、b、c; 县域网点占比
    # after 新设县域支行5家) are none of the levels; an unnamed head leaves the default
    return None if _NAMES_A_FIGURE.search(written) else default


def _levels_named(ctx: Context, written: str, levels: list[Fact], year: int | None) -> list[Fact] | None:
    """The levels ``written`` names (by its words or its indicator key), those of just those words
    first (出口占比 after 进出口总额A，其中出口B: B), then those of ``year``; None when several values
    remain (火电发电量占… after five 发电量 levels)."""
    key = indicator_key(written)[0]
    named = [f for f in levels if names_alike(ctx, written, f) or (key and f.indicator_key == key)]
    named = [f for f in named if (f.indicator or "").endswith(written)] or named
    if len({f.value_normalized for f in named}) > 1 and year is not None:
        named = [f for f in named if f.year == year]
    return None if len({f.value_normalized for f in named}) > 1 else named


def _part_before_share(ctx: Context, stated: Fact, s0: int, zhan: int, para_start: int) -> Fact | None:
    """The part of 'A…占G总量的X%': the level the words before 占 name in the sentence
    (``part_named_before``), else the share's subject's nearest earlier level of its year in the
    paragraph, named in its own sentence (前三名GDP合计X, of a subject carried from the sentence
    before, is not A's)."""
    before = [f for f in ctx.facts_between(s0, zhan) if is_level(f) and not is_stated_change(ctx, f)]
    if before:
        return part_named_before(ctx, ctx.text[s0:zhan], before, year=stated.year)
    own = [f for f in ctx.facts_between(para_start, s0) if is_level(f) and stated.subject
           and f.subject == stated.subject and not (f.subject_rule or "").startswith("carried")
           and not is_stated_change(ctx, f) and same_when_known(year_of(ctx, f), stated.year)]
    return own[-1] if own else None


def _clause_names_group(ctx: Context, f: Fact, group: str) -> bool:
    """The figure's own clause names the group G and is not itself a share clause ('G…占全国（W）')."""
    fs0, _ = ctx.sentence_of(f.char_start)
    clause = re.split(r"[，。；,;]", ctx.text[fs0:f.char_start])[-1]
    return group in clause and "占" not in clause[clause.find(group):]


def group_share(ctx: Context, stated: Fact, s0: int, para_start: int) -> tuple[Fact, Fact] | None:
    """(part, whole) for 'A…占G总量的X%' where G's total was stated earlier: the whole is the
    nearest earlier level of that year whose own clause names G (and is not itself a share
    clause, 'G…占全国（W）'), measuring what the part measures (same unit, indicators ending
    alike); the part is the level right before 占 in the sentence, else the share's subject's
    nearest earlier level in the paragraph. None when either is missing or part > whole."""
    m = _GROUP_TOTAL.search(ctx.text[s0:stated.char_start])
    if not m:
        return None
    group = m.group(1).strip()
    part = _part_before_share(ctx, stated, s0, s0 + m.start(), para_start)
    if part is None:
        return None
    wholes = [f for f in ctx.facts_before(part.char_start) if is_level(f) and same_unit(f, part)
              and not is_stated_change(ctx, f) and same_when_known(year_of(ctx, f), stated.year)
              and f.indicator and part.indicator and f.indicator[-2:] == part.indicator[-2:]
              and _clause_names_group(ctx, f, group)]
    if not wholes or part.value_normalized > wholes[-1].value_normalized:
        return None
    return part, wholes[-1]


def named_earlier_level(ctx: Context, stated: Fact, whole: Fact, lead: str, s0: int) -> Fact | None:
    """The level named by ``lead`` (the words before 占) in an earlier sentence: the nearest one of
    the whole's unit, the stated year and subject, not larger than the whole."""
    name = re.split(r"[，。；,;：:]", lead)[-1].strip()
    if len(name) < 2:
        return None
    found = [f for f in ctx.facts_before(s0) if is_level(f) and same_unit(f, whole)
             and f.indicator and len(f.indicator) >= 2 and name.endswith(f.indicator)
             and not is_stated_change(ctx, f)
             and same_when_known(year_of(ctx, f), stated.year) and same_when_known(f.subject, stated.subject)]
    if not found or found[-1].value_normalized > whole.value_normalized:
        return None
    return found[-1]


_WHOLE_LEAD = regex("relations", "whole_lead")
_WHOLE_MEASURES = words("relations", "whole_measures")


def names_whole(y: str, indicator: str) -> bool:
    """The 占Y的 name Y names this indicator: equal, or equal up to a leading 同期/全年 and a
    trailing measure word (占各项贷款的 → 各项贷款余额), or its tail (占进出口总额 → 货物进出口总额)."""
    y = _WHOLE_LEAD.sub("", y.strip())
    if not y or not indicator:
        return False
    stem = strip_measure(indicator)
    for word in _WHOLE_MEASURES:
        stem = stem[:-len(word)] if stem.endswith(word) and len(stem) > len(word) else stem
    return y in (indicator, stem) or (len(y) >= 3 and stem.endswith(y))


# --- a structure written as a ratio (三次产业结构为a∶b∶c) -----------------------------

_RATIO_SEP = re.compile(r"\s*[∶:：]\s*$")
_STRUCTURE_LEAD = regex("relations", "structure_lead")


def structure_shares(ctx: Context) -> list[tuple[Fact, Fact, Fact, str]]:
    """(member, part, whole, doubt) for each member of 'X结构为a∶b∶c' whose members add up to 100
    (percentages) and whose whole, stated earlier in the paragraph (or the paragraph before),
    is broken into exactly as many parts (complete_parts / breakdown_parts) in the same order;
    nothing otherwise. A whole of the paragraph before is chosen by its parts' count only (the
    ratio might be of another measure: 就业结构 after GDP's industries), so then only agreement
    is telling: the doubt says why."""
    out: list[tuple[Fact, Fact, Fact, str]] = []
    facts = ctx.text_facts
    i = 0
    while i < len(facts):
        run = [facts[i]]
        while i + len(run) < len(facts) and _RATIO_SEP.fullmatch(
                ctx.text[run[-1].char_end:facts[i + len(run)].char_start] or "x"):
            run.append(facts[i + len(run)])
        i += len(run)
        s0, _ = ctx.sentence_of(run[0].char_start)
        if len(run) < 2 or not _STRUCTURE_LEAD.search(ctx.text[s0:run[0].char_start]) \
                or abs(sum(f.value for f in run) - 100) > 0.1 * len(run):
            continue
        out += _structure_whole(ctx, run, s0)
    return out


_BEFORE = "the whole was found in the paragraph before, by its parts' count only"


def _structure_whole(ctx: Context, run: list[Fact], s0: int) -> list[tuple[Fact, Fact, Fact, str]]:
    """(member, part, whole) for the nearest whole before the ratio broken into as many parts, in
    its paragraph or else in the paragraph right before (a bulletin states GDP and its three
    industries, then opens a new paragraph on the structure: 三次产业的比例为a∶b∶c)."""
    para = ctx.text.rfind("\n", 0, s0) + 1
    before = len(ctx.text[:para].rstrip())  # the end of the previous paragraph's text
    previous = ctx.text.rfind("\n", 0, before) + 1 if before else para
    for start, end, doubt in ((para, s0, ""), (previous, para, _BEFORE)):
        for whole in reversed(ctx.facts_between(start, end)):
            parts = complete_parts(ctx, whole) or breakdown_parts(ctx, whole)
            if parts and len(parts) == len(run) and parts[-1].char_end <= run[0].char_start:
                return [(m, p, whole, doubt) for m, p in zip(run, parts, strict=True)]
    return []
