"""The dispatcher: find_relation tries each relation pattern for a stated figure
and returns the first that applies, or an "unverifiable" Relation with a reason.
"""

from __future__ import annotations

import re

from kb.models import CURRENCY_CODES, Fact
from kb.text.vocab import regex
from kb.verify.relations.ground import (CN_COUNT, RATIO_BEFORE, Context, Relation, cue_alternation, is_level, levels_before,
                                        mentions_name, paragraph_start, parse_count, period_of, reading,
                                        same_unit, same_value, share_year_conflict, years_in_sentence)
from kb.verify.relations.table_cells import (growth_years, table_balance_change, table_pair, table_ratio_pair,
                                             table_year_pair)
from kb.verify.relations.sentence import (change_after_rate, change_pair, is_doubling, level_change, paired_ratio,
                                          paragraph_ratio_pair, indicator_ratio_pair, pp_difference, previous_level,
                                          run_start, stated_level)
from kb.verify.relations.sets import average_members
from kb.verify.relations.totals import each_count, listed_parts_before, one_list
from kb.verify.relations.shares import (earlier_share, group_share, respectively_list, listed_share,
                                        named_earlier_level, paragraph_share)

# a change against an earlier period whose value is not stated (比上年提高X个百分点)
_PRIOR = regex("relations", "prior_comparison")
_REAL_GROWTH = regex("relations", "constant_prices")
_YEARS_SINCE = re.compile(rf"([{CN_COUNT}\d]+)年(?:{cue_alternation('years_since')})")
_AVERAGE_GROWTH_BEFORE = regex("relations", "average_growth_before")


def find_relation(ctx: Context, stated: Fact, passage_span: tuple[int, int] | None = None) -> Relation | None:
    """The relation of one stated figure to its bases, or None when it is not a derived figure.
    A share is never judged over a whole of another period than its part's (never guess)."""
    rel = _find_relation(ctx, stated, passage_span)
    if rel is not None and rel.kind == "share" and len(rel.inputs) >= 2 and not rel.reason:
        why = next((w for w in (share_year_conflict(ctx, rel.inputs[0], f) for f in rel.inputs[1:]) if w), "")
        if why:
            return Relation("share", stated, reason=why)
    return rel


def _find_relation(ctx: Context, stated: Fact, passage_span: tuple[int, int] | None = None) -> Relation | None:
    read = reading(ctx, stated)
    if not read or is_doubling(ctx, stated):
        return None  # 翻N番 (×2^N) is judged by doublings(), never as growth
    s0, s1 = ctx.sentence_of(stated.char_start)
    sent = ctx.text[s0:s1]

    if read in ("growth", "multiple_growth", "cagr"):
        pair = change_pair(ctx, stated, s0)
        kind = {"growth": "growth", "multiple_growth": "multiple", "cagr": "cagr"}[read]
        if pair is None and kind == "growth":
            lc = level_change(ctx, stated, s0)
            pair = lc[:2] if lc else previous_level(ctx, stated, s0, paragraph_start(ctx, s0, passage_span))
            if pair is not None and pair[0].unit_normalized.split("/")[0] in CURRENCY_CODES \
                    and _REAL_GROWTH.search(ctx.text):
                # money levels at current prices, growth at constant prices: not comparable
                return Relation("growth", stated, reason="the growth is at constant prices and the levels are at "
                                                         "current prices")
            if lc is not None:
                return Relation("growth", stated, inputs=[lc[0], lc[1]], mode="change_down" if lc[2] else "change_up",
                                where="sentence")
            after = None if pair is not None else change_after_rate(ctx, stated, s0)
            if after is not None:
                return Relation("growth", stated, inputs=list(after), mode="change_up", where="sentence")
            balance = None if pair is not None else table_balance_change(ctx, stated, s0)
            if balance is not None:
                return Relation("growth", stated, inputs=list(balance), mode="change_up", where="table")
        if pair is None:
            members = []
            if kind != "cagr" and _AVERAGE_GROWTH_BEFORE.search(ctx.text[max(s0, stated.char_start - 8):stated.char_start]):
                # 平均增长X: the mean over a group's rows first, never one row's growth;
                # the paragraph (blank-line block): a long one is cut into several passages
                start = max(0, ctx.text.rfind("\n\n", 0, s0))
                if passage_span:
                    start = min(start, passage_span[0])
                members = average_members(ctx, stated, start)
            tp = None if members else table_pair(ctx, stated, sent, s0)
            if tp is None and not members:
                years = growth_years(stated, sent) if kind == "growth" else years_in_sentence(stated, sent)
                level = stated_level(ctx, stated, s0)
                tp = table_year_pair(ctx, stated, years, level.unit_normalized if level else "",
                                     clause=ctx.text[s0:stated.char_start]) if years else None
                if tp is not None and level is not None and not same_value(tp[1], level):
                    tp = None  # the text's own level is not the table's cell: another measure (亿美元 vs 亿元)
                if tp is not None and kind == "growth" and tp[0].unit_normalized.split("/")[0] in CURRENCY_CODES \
                        and _REAL_GROWTH.search(ctx.text):
                    return Relation("growth", stated, reason="the growth is at constant prices and the table's "
                                                             "levels are at current prices")
            if tp is not None:
                pair, where = tp, "table"
            elif members:
                return Relation("average", stated, inputs=[f for r in members for f in (r.first, r.last)],
                                mode=kind, where="table")
            else:
                return Relation(kind, stated, mode="growth" if kind == "multiple" else "",
                                reason="the base figures (start and end values) are not stated in the sentence "
                                       "or in a table of the document", where="")
        else:
            where = "sentence"
        rel = Relation(kind, stated, inputs=list(pair), where=where,
                       mode="growth" if kind == "multiple" else "")
        if kind == "cagr":
            period = period_of(stated, sent)
            since = _YEARS_SINCE.search(sent[:stated.char_start - s0])
            if period is None:
                period = years_in_sentence(stated, sent)
            a_year, b_year = pair[0].year, pair[1].year
            if a_year and b_year and b_year > a_year:
                # the levels' own years decide (由2015年的A增加到2020年的B: 5 steps, although a
                # five-year plan period is written 2016—2020)
                rel.years = b_year - a_year
            elif period is not None:
                rel.years = period[1] - period[0]
                rel.years_certain = False
            elif since is not None:  # 五年来…年均增长: five annual steps
                rel.years = parse_count(since.group(1))
                rel.years_certain = False
            if not rel.years:
                rel.reason = "the period of the average annual growth is not stated"
                rel.inputs = []
        return rel

    if read == "ratio":
        m = RATIO_BEFORE.search(ctx.text[max(s0, stated.char_start - 30):stated.char_start])
        referent = (m.group(1) if m else "").strip()
        levels = levels_before(ctx, stated, s0)
        if len(levels) >= 2:
            b = levels[-1]
            for a in reversed(levels[:-1]):
                if same_unit(a, b) and (not referent or mentions_name(ctx.text[s0:a.char_end], referent)
                                         or mentions_name(a.subject, referent)):
                    return Relation("multiple", stated, inputs=[a, b], mode="ratio", where="sentence")
        pair = table_ratio_pair(ctx, stated, ctx.text[s0:stated.char_start], referent)
        if pair is not None:
            return Relation("multiple", stated, inputs=list(pair), mode="ratio", where="table")
        para = paragraph_start(ctx, s0, passage_span)
        prev_para = ctx.text.rfind("\n\n", 0, max(0, para - 1))
        pair = (paragraph_ratio_pair(ctx, stated, referent, max(0, prev_para))
                or indicator_ratio_pair(ctx, stated, referent, para))
        if pair is not None:
            return Relation("multiple", stated, inputs=list(pair), mode="ratio", where="paragraph")
        return Relation("multiple", stated, mode="ratio",
                        reason=f"the figures compared ({referent or 'the reference'} and the subject) "
                               "are not both stated in the sentence")

    if read in ("gap", "gap_pct"):
        levels = levels_before(ctx, stated, s0)
        if len(levels) >= 2 and same_unit(levels[-1], levels[-2]):
            return Relation("ratio", stated, inputs=[levels[-2], levels[-1]], mode=read, where="sentence")
        return Relation("ratio", stated, mode=read, reason="the two figures compared are not both stated in the sentence")

    if read == "share":
        before = ctx.text[s0:stated.char_start]
        zhan = before.rfind("占")
        if zhan >= 0:  # 占全国X万辆的Y%: the whole is stated inside 占…的
            inside = [f for f in ctx.facts_between(s0 + zhan, stated.char_start) if is_level(f)]
            outside = [f for f in ctx.facts_between(s0, s0 + zhan) if is_level(f)]
            if inside and outside and same_unit(inside[-1], outside[-1]) \
                    and inside[-1].value_normalized >= outside[-1].value_normalized:
                return Relation("share", stated, inputs=[outside[-1], inside[-1]], where="sentence")
            if inside and not outside:  # X占全国（W）的Y%: X's level stated in an earlier sentence
                part = named_earlier_level(ctx, stated, inside[-1], before[:zhan], s0)
                if part is not None:
                    return Relation("share", stated, inputs=[part, inside[-1]], where="paragraph")
        # the part and the whole within the share's own clause run: a ；-ended list item before
        # is another figure (景区A 86.2万人次；景区B 45.8万人次；消费额占…的比重)
        listed = respectively_list(ctx, s0, s1, stated)
        own = listed_share(ctx, stated, s0, listed) if len(listed) >= 2 else None
        if own is not None:  # 分别为a、b和c，占比分别为x%、y%和z%: each share over its own part
            return own
        # a share of a 分别 list never takes its part and whole from the levels before it
        levels = [] if len(listed) >= 2 else levels_before(ctx, stated, run_start(ctx, s0, stated.char_start))
        if levels:
            part = levels[-1]
            for whole in reversed(levels[:-1]):
                # two members of one list (A、B和C) are siblings, never a part and its whole
                if same_unit(whole, part) and whole.value_normalized > part.value_normalized \
                        and not one_list(ctx, whole, part):
                    return Relation("share", stated, inputs=[part, whole], where="sentence")
        pair = (paragraph_share(ctx, stated, s0, paragraph_start(ctx, s0, passage_span))
                or earlier_share(ctx, stated, s0)
                or group_share(ctx, stated, s0, paragraph_start(ctx, s0, passage_span)))
        if pair is not None:
            return Relation("share", stated, inputs=list(pair), where="paragraph")
        return Relation("share", stated, reason="the part and the whole are not both stated in the sentence")

    if read == "difference":
        clause = re.split(r"[，。；,;]", ctx.text[s0:stated.char_start])[-1]
        if _PRIOR.search(clause):
            return Relation("difference", stated, reason="it compares with an earlier period's value, "
                                                        "which is not stated")
        if stated.unit_normalized == "pp":
            return pp_difference(ctx, stated, s0)
        same = [f for f in ctx.facts_between(s0, stated.char_start)
                if f.claim_type not in ("difference", "change") and same_unit(f, stated) and is_level(f)]
        # both terms before the difference, with no other figure or 其中 (a subset's clause) after them
        if len(same) >= 2 and not ctx.facts_between(same[-1].char_end, stated.char_start) \
                and "其中" not in ctx.text[same[-1].char_end:stated.char_start]:
            return Relation("difference", stated, inputs=[same[-2], same[-1]], where="sentence")
        return Relation("difference", stated, reason="the two figures whose difference is stated are not both in the sentence")

    if read == "pair_ratio":
        pair = paired_ratio(ctx, stated, s0, paragraph_start(ctx, s0, passage_span))
        if pair is not None:
            return Relation("ratio", stated, inputs=list(pair), mode="pair", where="paragraph")
        return Relation("ratio", stated, mode="pair", reason="the two figures of the ratio are not both stated "
                                                             "in the paragraph")

    if read == "sum_after":
        parts = listed_parts_before(ctx, stated, s0)
        if parts:
            return Relation("sum", stated, inputs=parts, weights=[1] * len(parts), where="sentence")
        return None

    if read == "sum":
        rest = ctx.facts_between(stated.char_end, s1)
        parts, weights = [], []
        prev_end = stated.char_end
        for f in rest:
            if not same_unit(f, stated) or not is_level(f):
                break
            # a member list is one clause run: after ；/。 or a second 其中 comes a subset, not a member
            gap = ctx.text[prev_end:f.char_start]
            if parts and (re.search(r"[；;。]", gap) or "其中" in gap):
                break
            parts.append(f)
            prev_end = f.char_end
            weights.append(each_count(ctx.text[max(s0, f.char_start - 12):f.char_start]))
        if len(parts) >= 2 or (parts and weights[0] > 1):
            return Relation("sum", stated, inputs=parts, weights=weights, where="sentence")
        return None
    return None
