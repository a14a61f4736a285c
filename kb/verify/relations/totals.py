"""Sums and averages: listed parts of a total, exhaustive and breakdown parts of a
whole, group totals (三省一市) and their members, per-unit (人均) averages.
"""

from __future__ import annotations

import re

from kb.models import CURRENCY_CODES, Fact
from kb.text.vocab import regex, words
from kb.verify.relations.ground import (CN_COUNT, TOTAL_WORDS, Context, clause_before, cue_alternation, is_level,
                                        is_prior_level, is_stated_change, parse_count, same_unit, same_when_known,
                                        sentences_after)
from kb.verify.relations.labels import MEASURE, bigram_cover, cell_label, row_words

_LIST_GAP = regex("relations", "list_gap")
_EACH_BEFORE = regex("relations", "each_before")
_EACH_NAMES_LEAD = regex("relations", "each_names_lead")
_MEMBER_SEPARATOR = regex("relations", "member_separator")
_PROVINCE_ABBR = set(words("relations", "province_abbreviations"))


def listed_parts_before(ctx: Context, stated: Fact, s0: int) -> list[Fact]:
    """The parts of '分别为A、B和C，合计N': the run of same-unit levels right before the total in its
    sentence, joined only by list separators (、 和 与 及); at least two, else []."""
    before = [f for f in ctx.facts_between(s0, stated.char_start)]
    if not before or not is_level(before[-1]) or not same_unit(before[-1], stated):
        return []
    gap = ctx.text[before[-1].char_end:stated.char_start]
    if len(gap) > 8 or re.search(r"[；;。]", gap):
        return []
    run = [before[-1]]
    for f in reversed(before[:-1]):
        if not is_level(f) or not same_unit(f, stated) or not _LIST_GAP.match(ctx.text[f.char_end:run[0].char_start]):
            break
        run.insert(0, f)
    return run if len(run) >= 2 else []


def counted_list_before(ctx: Context, stated: Fact, s0: int) -> list[Fact]:
    """The members of '…分别为A、B和C，…；三市合计N': when the total's clause counts its members (三市,
    五省), the last 分别 list of the sentence before it of exactly that many levels of the total's
    unit, joined only by list separators; [] otherwise."""
    clause = re.split(r"[，。；,;：:]", ctx.text[s0:stated.char_start])[-1]
    n = group_size(clause)
    at = ctx.text.rfind("分别", s0, stated.char_start - len(clause))
    if n < 2 or at == -1:
        return []
    run: list[Fact] = []
    for f in ctx.facts_between(at, stated.char_start - len(clause)):
        if not (is_level(f) and same_unit(f, stated)) or (run and not _LIST_GAP.match(ctx.text[run[-1].char_end:f.char_start])):
            break
        run.append(f)
    return run if len(run) == n else []


def named_members_before(ctx: Context, stated: Fact) -> list[Fact]:
    """阜阳、宿州、亳州三市产量合计X: when the total is about a list of places, each place's level of the
    total's unit, period and measure stated before it (one value each); [] unless every place has one."""
    places = [p for p in (stated.subject_key or "").split("、") if p]
    if len(places) < 2:
        return []
    key = stated.indicator_key or ""
    pool = [f for f in ctx.facts_before(stated.char_start) if is_level(f) and same_unit(f, stated)
            and (f.period_start_month, f.period_end_month) == (stated.period_start_month, stated.period_end_month)
            and key and (f.indicator_key or "").endswith(key) and f.claim_type not in ("difference", "change")]
    members = []
    for place in places:
        own = [f for f in pool if f.subject_key == place]
        if not own or len({f.value_normalized for f in own}) != 1:
            return []
        members.append(own[-1])
    return members


_ITEM_JOINTS = re.compile(r"[和及与、\s]+")
_SUM_WORD = re.compile(r"(?:合计|共计|总计)(?:为|达到?|约)?\s*$")


def _names_of(f: Fact, head: str) -> list[str]:
    """The names a level goes by in a list of items: its indicator, and without the head the items
    share (办公楼投资 → 办公楼 in 办公楼和商业营业用房投资)."""
    name = f.indicator or ""
    names = [name]
    if head and name.endswith(head) and len(name) - len(head) >= 2:
        names.append(name[:-len(head)])
    return names


def _shared_head(words: str, pool: list[Fact]) -> str:
    """The end of ``words`` (two to four characters, the shortest of equals) that most levels' names
    end with, two at least (投资 of 办公楼和商业营业用房投资: 住宅投资, 办公楼投资, 商业营业用房投资 …), else ""."""
    counts = {words[-size:]: sum(1 for f in pool if (f.indicator or "").endswith(words[-size:]))
              for size in (4, 3, 2) if len(words) > size}
    best = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])), default=("", 0))
    return best[0] if best[1] >= 2 else ""


def named_items_before(ctx: Context, stated: Fact, s0: int, para_start: int) -> list[Fact]:
    """办公楼和商业营业用房投资合计154.5亿元 / 定金及预收款和个人按揭贷款合计665.1亿元: the levels stated
    earlier in the paragraph whose names, and nothing but joints and the head they share, make up
    the words before 合计; [] unless every word is one item's and each item has one value."""
    clause = re.split(r"[，。；,;：:]", ctx.text[s0:stated.char_start])[-1]
    m = _SUM_WORD.search(clause)
    if not m or not is_level(stated):
        return []
    words = clause[:m.start()].strip()
    pool = [f for f in ctx.facts_between(para_start, stated.char_start - len(clause))
            if is_level(f) and same_unit(f, stated) and f.indicator and f.claim_type not in ("difference", "change")]
    head = _shared_head(words, pool)
    found: list[Fact] = []
    rest = words
    for f in sorted(pool, key=lambda f: -len(f.indicator)):
        name = next((n for n in _names_of(f, head) if n in rest), "")
        if name and all(g.indicator != f.indicator for g in found):
            if len({g.value_normalized for g in pool if g.indicator == f.indicator}) != 1:
                return []
            found.append(f)
            rest = rest.replace(name, " ", 1)
    rest = rest.replace(head, "", 1) if head else rest
    if len(found) < 2 or _ITEM_JOINTS.sub("", rest):
        return []
    return sorted(found, key=lambda f: words.find(f.indicator[:2]))


def one_list(ctx: Context, a: Fact, b: Fact) -> bool:
    """a and b are members of one 'A、B和C' list: only levels and list separators between them."""
    pos = a.char_end
    for f in ctx.facts_between(a.char_end, b.char_start) + [b]:
        if not _LIST_GAP.match(ctx.text[pos:f.char_start]):
            return False
        pos = f.char_end
    return True


def each_count(before: str) -> int:
    """京津各拥有1个 → 2: how many members a figure after 各 stands for."""
    m = _EACH_BEFORE.search(before)
    if not m:
        return 1
    names = m.group(1)
    names = _EACH_NAMES_LEAD.sub("", names)
    if _MEMBER_SEPARATOR.search(names):
        return len([n for n in _MEMBER_SEPARATOR.split(names) if n])
    if 2 <= len(names) <= 4 and all(c in _PROVINCE_ABBR for c in names):
        return len(names)
    return 1


_GROUP = re.compile(rf"([{CN_COUNT}])省([{CN_COUNT}])市"
                    rf"|([{CN_COUNT}\d]+)(?:个)?(?:{cue_alternation('group_units')})(?![场区])")


def group_size(text: str) -> int:
    """三省一市 → 4, 京津冀三地 → 3, 9个城市 → 9; 0 when no member count is named."""
    m = _GROUP.search(text)
    if not m:
        return 0
    if m.group(1):
        return parse_count(m.group(1)) + parse_count(m.group(2))
    return parse_count(m.group(3))


def group_members(ctx: Context, total: Fact) -> list[Fact] | None:
    """The members of a total over a named group (三省一市产量512.6万辆 … 安徽产量192.2万辆, 上海…):
    exactly n same-unit levels of the same indicator with n distinct subjects after it, in its
    paragraph or the next one; None when they are not exactly the group's n members."""
    # the group is named in the total's own clause (an indicator may be inherited from a neighbour)
    n = group_size(re.split(r"[，。；,;]", ctx.text[ctx.sentence_of(total.char_start)[0]:total.char_start])[-1])
    if n < 2 or not is_level(total):
        return None
    first_break = ctx.text.find("\n\n", total.char_end)
    second_break = ctx.text.find("\n\n", first_break + 2) if first_break != -1 else -1
    end = second_break if second_break != -1 else len(ctx.text)
    # members follow the total's sentence (its own sentence compares it with other wholes)
    members = [f for f in ctx.facts_between(ctx.sentence_of(total.char_start)[1], end)
               if is_level(f) and same_unit(f, total) and f.indicator and total.indicator.endswith(f.indicator)
               and f.subject and f.subject != total.subject and f.year == total.year]
    if len(members) != n or len({f.subject for f in members}) != n:
        return None
    return members


# --- wholes made of a complete list of parts (GDP = the three industries) -------------

# statistical identities: the value added of all N industries adds up to the 生产总值
_WHOLES_OF_PARTS = words("relations", "whole_of_parts")
_ORDINAL_PART = regex("relations", "ordinal_part")
_COUNTED_PARTS = re.compile(rf"([{CN_COUNT}\d]+)(?:{cue_alternation('industry_count_classifiers')})"
                            rf"({cue_alternation('industry_parts')})")


def _levels_until_next_whole(ctx: Context, whole: Fact) -> list[Fact]:
    """The levels of the whole's unit and year after it, in its paragraph and the next three (a
    caption and a table may stand between the whole and its parts), up to the next whole of the
    same kind (another year or region)."""
    end = whole.char_end
    for _ in range(4):
        nxt = ctx.text.find("\n\n", end + 2)
        end = nxt if nxt != -1 else len(ctx.text)
    later = [f for f in ctx.facts_between(whole.char_end, end) if is_level(f) and same_unit(f, whole)
             and same_when_known(f.year, whole.year)]
    nxt = next((i for i, f in enumerate(later) if f.indicator == whole.indicator), len(later))
    return later[:nxt]


def _counted_parts(ctx: Context, later: list[Fact]) -> list[Fact] | None:
    """The first '三次产业增加值分别为a、b和c' list: its N levels, [] when they are not exactly N,
    None when there is no such list."""
    for i, f in enumerate(later):
        m = _COUNTED_PARTS.search(f.indicator)
        s0, s1 = ctx.sentence_of(f.char_start)
        if m and "分别" in ctx.text[s0:f.char_start]:
            n = parse_count(m.group(1))
            run = [g for g in later[i:] if g.char_start < s1 and g.indicator == f.indicator]
            return run if n >= 2 and len(run) == n else []
    return None


def _ordinal_parts(later: list[Fact]) -> list[Fact] | None:
    """One 第一/第二/第三产业增加值 level per ordinal 1…N (N ≥ 2), in order; else None."""
    by_ordinal: dict[int, list[Fact]] = {}
    for f in later:
        m = _ORDINAL_PART.search(f.indicator)
        if m:
            by_ordinal.setdefault(parse_count(m.group(1)), []).append(f)
    if len(by_ordinal) >= 2 and sorted(by_ordinal) == list(range(1, len(by_ordinal) + 1)) \
            and all(len(v) == 1 for v in by_ordinal.values()):
        return [v[0] for _, v in sorted(by_ordinal.items())]
    return None


def complete_parts(ctx: Context, whole: Fact) -> list[Fact] | None:
    """The parts of a 生产总值-type whole stated after it (its paragraph and the next three):
    a '三次产业增加值分别为a、b和c' list of exactly N levels, or one 第一/第二/第三产业增加值
    level per ordinal; None when the parts are not exactly all N members."""
    if not is_level(whole) or not any(w in whole.indicator for w in _WHOLES_OF_PARTS):
        return None
    later = _levels_until_next_whole(ctx, whole)
    counted = _counted_parts(ctx, later)
    if counted is not None:
        return counted or None
    return _ordinal_parts(later)


# --- a total broken down in the next sentence (按经营地分，A X亿元；B Y亿元) -------------

_BREAKDOWN_OPENING = regex("relations", "breakdown_opening")
_SELECTION_WORDS = words("relations", "selection_words")


_BASE_BEFORE = regex("relations", "base_before")
_BASE_AFTER = regex("relations", "base_after")


def is_comparison_base(ctx: Context, f: Fact) -> bool:
    """'与2019年同期的A相比': A is the base period of a comparison, not a current total."""
    s0, _ = ctx.sentence_of(f.char_start)
    return bool(_BASE_AFTER.match(ctx.text[f.char_end:f.char_end + 4])
                and _BASE_BEFORE.search(ctx.text[s0:f.char_start]))


DIMENSION_OPENING = regex("relations", "dimension_breakdown_opening")


def names_another_total(ctx: Context, total: Fact, pos: int) -> bool:
    """按医院等级分 right after 民营医院285个: the opening at ``pos`` breaks down another level's total
    (医院, stated before), not this one."""
    named = DIMENSION_OPENING.match(ctx.text, pos)
    return bool(named) and named.group(1) != total.indicator and any(
        is_level(f) and f.indicator == named.group(1) for f in ctx.facts_between(0, total.char_start))


def breakdown_parts(ctx: Context, whole: Fact) -> list[Fact] | None:
    """The parts of a total whose next sentence, in its paragraph, opens '按X分' / '分X看' (a
    complete breakdown by one criterion; not 从主要市场看, a selection): every level of the whole's unit and year in that sentence, before any nested
    '其中', each named like the whole (same last character: 零售总额 / 零售额, 贷款余额); None
    when fewer than two, or when one part exceeds the whole."""
    if not is_level(whole) or not whole.indicator or is_comparison_base(ctx, whole) or is_prior_level(ctx, whole):
        return None   # 上年同期为806.3亿元。按经营地分，…: the parts are this period's
    _, s1 = ctx.sentence_of(whole.char_start)
    m = _BREAKDOWN_OPENING.match(ctx.text, s1)
    if not m or "\n" in m.group(0) or any(w in m.group(0) for w in _SELECTION_WORDS) \
            or names_another_total(ctx, whole, m.end() - len(m.group(0).lstrip())):
        return None   # a new paragraph's breakdown is of its own topic; 从主要市场看 lists a selection
    n0, n1 = ctx.sentence_of(m.end())
    nested = ctx.text.find("其中", m.end(), n1)
    end = nested if nested != -1 else n1
    parts = [f for f in ctx.facts_between(m.end(), end) if is_level(f) and same_unit(f, whole)
             and same_when_known(f.year, whole.year) and not is_stated_change(ctx, f)]
    if len(parts) < 2 or any(not f.indicator or f.indicator[-1] != whole.indicator[-1] for f in parts):
        return None
    if any(f.value_normalized >= whole.value_normalized for f in parts):
        return None
    return parts


# --- a total and its parts that are exhaustive by name (出口 + 进口 = 进出口) ---------------

# names that together make a whole, whatever is measured (出口/进口, 夏粮/秋粮 …)
_EXHAUSTIVE_NAMES = tuple(tuple(names) for names in words("relations", "exhaustive_names"))
_PER_HEAD_WORDS = words("relations", "per_head_or_rate")


def _levels_in_next_sentence(ctx: Context, whole: Fact) -> list[Fact]:
    """The levels of the whole's unit after it, in the rest of its sentence and the next one (when
    that is in the same paragraph), stated changes left out."""
    _, s1 = ctx.sentence_of(whole.char_start)
    _, n1 = ctx.sentence_of(s1) if s1 < len(ctx.text) else (s1, s1)
    rest = ctx.text[s1:n1]
    if "\n\n" in rest.strip() or "\n\n" in rest[:len(rest) - len(rest.lstrip())]:
        n1 = s1  # the next sentence is in another paragraph
    return [f for f in ctx.facts_between(whole.char_end, n1) if is_level(f) and same_unit(f, whole)
            and not is_stated_change(ctx, f)]


def _one_per_name(names: tuple[str, ...], levels: list[Fact], anywhere: bool = False) -> bool:
    """The levels are exactly one per name of the set (出口/进口): each name opens one level's name, or
    (``anywhere``) stands anywhere in it (居住在城镇的人口)."""
    if len(names) != len(levels):
        return False
    named = [[f for f in levels if (n in f.indicator if anywhere else f.indicator.startswith(n))] for n in names]
    return all(len(fs) == 1 for fs in named) and {id(fs[0]) for fs in named} == {id(f) for f in levels}


def _is_named_set(names: tuple[str, ...], whole: Fact, later: list[Fact]) -> bool:
    """The levels are exactly one per name of the set (出口/进口), none of which names the whole."""
    return not any(whole.indicator.startswith(n) for n in names) and _one_per_name(names, later)


def exhaustive_parts(ctx: Context, whole: Fact) -> list[Fact] | None:
    """The parts of a total stated right after it (the rest of its sentence and the next one)
    when they are exactly one level per name of an exhaustive set (出口/进口, 夏粮/秋粮, 城镇/乡村,
    第一/第二/第三产业): same unit and year, each smaller than the total; None when any other
    level of that unit is listed there (the list is then not the set), for averages and rates
    (人均收入 of 城镇 and 农村 do not add up), or for a comparison base."""
    if not is_level(whole) or not whole.indicator or any(w in whole.indicator for w in _PER_HEAD_WORDS) \
            or is_comparison_base(ctx, whole):
        return None
    later = _levels_in_next_sentence(ctx, whole)
    if len(later) < 2 or any(not same_when_known(f.year, whole.year) or not f.indicator
                             or f.value_normalized >= whole.value_normalized for f in later):
        return None
    return later if any(_is_named_set(names, whole, later) for names in _EXHAUSTIVE_NAMES) else None


# parts stated in a later section of a release: how many paragraphs after the total they may stand
LATER_PARAGRAPHS = 3


def _is_part_of(f: Fact, whole: Fact, head: str) -> bool:
    """A level that may be a part of ``whole``: of its unit, year and months, smaller, named with
    the whole's head noun at its end (城镇人口 of 常住人口), no average or rate (人均可支配收入)."""
    return (same_unit(f, whole) and f.indicator.endswith(head) and f.value_normalized < whole.value_normalized
            and not any(w in f.indicator for w in _PER_HEAD_WORDS)
            and same_when_known(f.year, whole.year) and same_when_known(f.period_end_month, whole.period_end_month))


def exhaustive_parts_later(ctx: Context, whole: Fact) -> list[Fact] | None:
    """常住人口958.36万人 … (the next section) 居住在城镇的人口725.48万人，居住在乡村的人口232.88万人: the
    parts of an exhaustive set (城镇/乡村, 男性/女性) in the first later sentence of the next
    paragraphs that states them, each naming one name of the set and ending in the total's head
    noun (人口), of its unit, year and months, smaller, none a stated change, and no other level of
    that unit in the sentence. Found by name across paragraphs (户籍人口 before them has the same
    head), so the caller judges agreement only."""
    if not is_level(whole) or len(whole.indicator) < 2 or any(w in whole.indicator for w in _PER_HEAD_WORDS) \
            or is_comparison_base(ctx, whole) or is_prior_level(ctx, whole) \
            or any(n in whole.indicator for names in _EXHAUSTIVE_NAMES for n in names):
        return None
    head = whole.indicator[-2:]
    for a, b in sentences_after(ctx, whole, LATER_PARAGRAPHS):
        levels = [f for f in ctx.facts_between(a, b) if is_level(f) and same_unit(f, whole)
                  and not is_stated_change(ctx, f) and f.indicator]
        if len(levels) < 2 or not all(_is_part_of(f, whole, head) for f in levels):
            continue
        if any(_one_per_name(names, levels, anywhere=True) for names in _EXHAUSTIVE_NAMES):
            return levels
    return None


# --- per-head averages (人均花费 = 收入 / 人次) -------------------------------------

_PER_HEAD = regex("relations", "per_head")
# 平均每件快递收入X元: a per-unit average; the count must be stated in that same classifier
_PER_UNIT = regex("relations", "per_unit")
_HEADCOUNT_UNITS = f"(?:{cue_alternation('headcount_units')})"


def per_head_pair(ctx: Context, stated: Fact) -> tuple[Fact, Fact] | None:
    """(headcount, total) for '人均花费X元' with the total (same currency) and the headcount
    (人/人次/户) stated earlier in the sentence; exactly one of each, else None. Also for
    '平均每个家庭户的人口为2.49人': the per-unit average of what the words after 的 name over the count
    of what the words before it name (per_named_unit)."""
    named = per_named_unit(ctx, stated)
    if named is not None:
        return named
    s0, _ = ctx.sentence_of(stated.char_start)
    head = ctx.text[s0:stated.char_start]
    per_unit = _PER_UNIT.search(head)
    if not (_PER_HEAD.search(head) or per_unit) or stated.unit_normalized not in CURRENCY_CODES:
        return None
    before = ctx.facts_between(s0, stated.char_start)
    totals = [f for f in before if is_level(f) and same_unit(f, stated)]
    # the headcount's unit as written (万人次: the unit may be split between unit and text)
    head_units = re.escape(per_unit.group(1)) if per_unit else _HEADCOUNT_UNITS
    heads = [f for f in before if f.claim_type == "count" and re.match(
        rf"[万亿千百十]?{head_units}(?!次)", f.unit + ctx.text[f.char_end:f.char_end + 2])]
    if len(totals) != 1 or len(heads) != 1:
        return None
    return heads[0], totals[0]


_PER_NAMED = regex("relations", "per_named_unit")
_NAME_MATCH = 0.6


def per_named_unit(ctx: Context, stated: Fact) -> tuple[Fact, Fact] | None:
    """(count, total) for '家庭户344.2万户，家庭户人口856.1万人，平均每个家庭户的人口为2.49人': the one
    level of the average's unit before it in its sentence named by the words after 的 (人口), and the
    one count before it named by the words between 平均每个 and 的 (家庭户); else None."""
    m = _PER_NAMED.search(clause_before(ctx, stated))
    if m is None or not is_level(stated):
        return None
    unit_name, total_name = m.group(1), m.group(2)
    before = ctx.facts_between(ctx.sentence_of(stated.char_start)[0], stated.char_start)
    totals = [f for f in before if is_level(f) and same_unit(f, stated) and bigram_cover(total_name, f.indicator or "") >= _NAME_MATCH
              and bigram_cover(unit_name, f.indicator or "") >= _NAME_MATCH]
    counts = [f for f in before if f.claim_type == "count" and not same_unit(f, stated)
              and bigram_cover(unit_name, f.indicator or "") >= _NAME_MATCH and f not in totals]
    return (counts[0], totals[0]) if len(totals) == 1 and len(counts) == 1 else None


# --- a total or mean over a named group whose members are a table's rows -------------

_PER_CAPITA = words("relations", "per_capita")
_GROUP_MEAN_WORDS = words("relations", "group_mean_words")


def _group_measure(stated: Fact, clause: str) -> str:
    """"mean" (两省均值), "sum" (两省总量) or "" (人均 figures, or no measure word)."""
    wording = stated.indicator + clause
    if any(w in wording for w in _PER_CAPITA):
        return ""
    if any(w in wording for w in _GROUP_MEAN_WORDS):
        return "mean"
    return "sum" if any(w in wording for w in TOTAL_WORDS) else ""


def _member_cells(ctx: Context, stated: Fact) -> dict[str, list[Fact]]:
    """Per table, the level cells of the figure's year and unit that may be members: never a
    总量/均值 row, and named like the figure's indicator (without its group and measure words)."""
    core = MEASURE.sub("", _GROUP.sub("", stated.indicator or ""))
    by_table: dict[str, list[Fact]] = {}
    for f in ctx.table_facts:
        if f.year != stated.year or not is_level(f) or not same_unit(f, stated):
            continue
        if row_words(f.subject)[1] or row_words(f.indicator)[1] or MEASURE.search(f.subject + f.indicator):
            continue  # 总量/均值 rows are statistics, not members
        if len(core) >= 2 and bigram_cover(core, cell_label(f)) < 0.6:
            continue
        by_table.setdefault(f.table_id, []).append(f)
    return by_table


def group_table_members(ctx: Context, stated: Fact) -> tuple[str, list[Fact]] | None:
    """("sum" | "mean", member cells) for '两省…总量为X' / '两省均值为X': the clause names a group
    of n members and a total or mean; the members are the n rows of one table (never its 总量/均值
    rows) in the figure's year and unit; exactly n, else None."""
    if not is_level(stated) or stated.year is None or not ctx.table_facts:
        return None
    s0, _ = ctx.sentence_of(stated.char_start)
    clause = re.split(r"[，。；,;]", ctx.text[s0:stated.char_start])[-1]
    n = group_size(clause)
    measure = _group_measure(stated, clause) if n >= 2 else ""
    if not measure:
        return None
    fits = [cells for cells in _member_cells(ctx, stated).values()
            if len(cells) == n and len({cell_label(c) for c in cells}) == n]
    return (measure, fits[0]) if len(fits) == 1 else None
