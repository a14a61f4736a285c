"""The dispatcher: find_relation reads a stated figure (reading), then tries the relation
rules of RULES in order and returns the first Relation one of them finds, with the rule's
name in Relation.rule; the last rule says which bases are not stated ("unverifiable").
"""

from __future__ import annotations

from typing import Callable

from kb.models import Fact
from kb.verify.relations import comparison_rules as cmp
from kb.verify.relations import growth_rules as gr
from kb.verify.relations import share_rules as sh
from kb.verify.relations import sum_rules as su
from kb.verify.relations.ground import Context, Relation, Site, is_from_value, reading, share_year_conflict
from kb.verify.relations.contributions import rule_contribution_to_growth
from kb.verify.relations.earlier_part import rule_difference_with_earlier_part
from kb.verify.relations.daily_mean import rule_daily_mean_of_total, rule_mean_over_stated_days
from kb.verify.relations.jurisdiction_share import rule_subject_share_of_jurisdiction
from kb.verify.relations.listed_parts import rule_listed_shares_of_earlier_parts
from kb.verify.relations.target_completion import rule_pct_of_named_target
from kb.verify.relations.place_gap import rule_gap_between_places, rule_ratio_between_places
from kb.verify.relations.sentence import is_doubling

Rule = Callable[[Site], Relation | None]

_NOT_STATED_GROWTH = ("the base figures (start and end values) are not stated in the sentence "
                      "or in a table of the document")
# reading → (kind, mode, reason) of the Relation when no rule found the bases
_NOT_STATED = {
    "growth": ("growth", "", _NOT_STATED_GROWTH),
    "multiple_growth": ("multiple", "growth", _NOT_STATED_GROWTH),
    "cagr": ("cagr", "", _NOT_STATED_GROWTH),
    "ratio": ("multiple", "ratio", "the figures compared ({referent} and the subject) are not both stated "
                                   "in the sentence"),
    "ratio_pct": ("multiple", "percent", "the figures compared ({referent} and the subject) are not both stated "
                                         "in the sentence"),
    "gap": ("ratio", "gap", "the two figures compared are not both stated in the sentence"),
    "gap_pct": ("ratio", "gap_pct", "the two figures compared are not both stated in the sentence"),
    "share": ("share", "", "the part and the whole are not both stated in the sentence"),
    "difference": ("difference", "", "the two figures whose difference is stated are not both in the sentence"),
    "pair_ratio": ("ratio", "pair", "the two figures of the ratio are not both stated in the paragraph"),
}


def rule_bases_not_stated(site: Site) -> Relation | None:
    """The last rule: an 'unverifiable' Relation saying which base figures are not stated
    (never for a sum: a level followed by other levels is not always their total)."""
    if site.read not in _NOT_STATED:
        return None
    kind, mode, reason = _NOT_STATED[site.read]
    named = cmp.referent(site) or "the reference"
    return Relation(kind, site.stated, mode=mode, reason=reason.format(referent=named))


GROWTH = tuple(gr.GROWTH_KINDS)
# (the readings a rule applies to, the rule), in the order they are tried
RULES: tuple[tuple[tuple[str, ...], Rule], ...] = (
    (("cagr",), gr.rule_two_year_average),
    (("growth",), gr.rule_deflated_growth),
    (GROWTH, gr.rule_from_to_pair),
    (("growth",), gr.rule_level_and_change),
    (("growth",), gr.rule_previous_level),
    (("growth",), gr.rule_prior_level_after),
    (("growth",), gr.rule_prior_level_before),
    (("growth",), gr.rule_change_after_rate),
    (("growth",), gr.rule_prior_level_of_indicator),
    (("growth",), gr.rule_table_balance_change),
    (("growth", "multiple_growth"), gr.rule_group_average_growth),
    (GROWTH, gr.rule_table_period_pair),
    (GROWTH, gr.rule_table_year_pair),
    (("growth", "multiple_growth"), gr.rule_earlier_year_level),
    (("growth", "multiple_growth"), gr.rule_base_year_level_of_indicator),
    (("ratio", "ratio_pct"), cmp.rule_median_of_mean),
    (("ratio_pct",), cmp.rule_ratio_pct_in_sentence),
    (("ratio_pct",), cmp.rule_pct_of_stated_base),
    (("ratio_pct",), rule_pct_of_named_target),
    (("ratio",), cmp.rule_ratio_of_prior_period),
    (("ratio",), cmp.rule_ratio_in_sentence),
    (("ratio",), cmp.rule_ratio_in_table),
    (("ratio",), cmp.rule_ratio_in_paragraph),
    (("ratio",), cmp.rule_ratio_of_named),
    (("ratio",), cmp.rule_multiple_of_named_levels),
    (("ratio", "ratio_pct"), cmp.rule_ratio_of_base_year),
    (("ratio", "ratio_pct"), rule_ratio_between_places),
    (("gap", "gap_pct"), cmp.rule_gap_in_sentence),
    (("share",), rule_contribution_to_growth),
    (("share",), sh.rule_share_whole_inside),
    (("share",), sh.rule_share_part_earlier),
    (("share",), sh.rule_listed_shares),
    (("share",), rule_listed_shares_of_earlier_parts),
    (("share",), sh.rule_named_place_share),
    (("share",), sh.rule_share_levels_before),
    (("share",), sh.rule_share_in_paragraph),
    (("share",), sh.rule_share_of_earlier_whole),
    (("share",), sh.rule_share_of_group_total),
    (("share",), sh.rule_share_of_named_whole),
    (("share",), sh.rule_share_of_jurisdiction),
    (("share",), rule_subject_share_of_jurisdiction),
    (("share",), sh.rule_share_of_whole_named_before),
    (("share",), sh.rule_share_of_own_total),
    (("share",), sh.rule_share_before_change),
    (("share",), sh.rule_share_of_counted_group),
    (("difference",), cmp.rule_range_of_listed),
    (("difference",), cmp.rule_sum_of_listed_points),
    (("difference",), cmp.rule_difference_with_stated_base),
    (("difference",), cmp.rule_difference_with_prior_value),
    (("difference",), cmp.rule_difference_with_prior_rate_after),
    (("difference",), cmp.rule_difference_with_prior_in_brackets),
    (("difference",), rule_difference_with_earlier_part),
    (("difference",), cmp.rule_difference_with_prior_period),
    (("difference",), cmp.rule_difference_with_comparand),
    (("difference",), cmp.rule_point_difference),
    (("difference",), cmp.rule_difference_of_levels),
    (("level_gap",), rule_gap_between_places),
    (("pair_ratio",), cmp.rule_paired_ratio),
    (("per_year",), cmp.rule_per_year_change),
    (("yearly_mean",), cmp.rule_yearly_mean_of_total),
    (("daily_mean",), rule_mean_over_stated_days),
    (("daily_mean",), rule_daily_mean_of_total),
    (("sum_after",), su.rule_parts_before_total),
    (("sum_after",), su.rule_counted_members_before),
    (("sum_after",), su.rule_named_members_before),
    (("sum_after",), su.rule_named_items_before),
    (("sum",), su.rule_members_after_total),
    (tuple(_NOT_STATED), rule_bases_not_stated),
)


def first_relation(site: Site) -> Relation | None:
    """The Relation of the first rule of RULES that applies to the site's reading and finds one."""
    for readings, rule in RULES:
        if site.read in readings:
            rel = rule(site)
            if rel is not None:
                rel.rule = rule.__name__
                return rel
    return None


def find_relation(ctx: Context, stated: Fact, passage_span: tuple[int, int] | None = None) -> Relation | None:
    """The relation of one stated figure to its bases, or None when it is not a derived figure.
    A share is never judged over a whole of another period than its part's (never guess)."""
    read = reading(ctx, stated)
    if not read or is_doubling(ctx, stated):
        return None  # 翻N番 (×2^N) is judged by doublings(), never as growth
    rel = first_relation(Site(ctx, stated, read, passage_span))
    if rel is not None and rel.kind == "share" and rel.inputs and rel.mode != "previous" \
            and is_from_value(ctx, stated):
        return Relation("share", stated, rule=rel.rule, reason="the share is the earlier period's (由…的a%提高到b%) "
                                                               "and the levels stated are this period's")
    if rel is not None and rel.kind == "share" and rel.mode != "of_whole" and rel.inputs and sh.together(ctx, stated):
        return Relation("share", stated, rule=rel.rule, reason="the share is of several parts together (合计占), "
                                                               "not of one")
    if rel is not None and rel.kind == "share" and len(rel.inputs) >= 2 and not rel.reason:
        why = next((w for w in (share_year_conflict(ctx, rel.inputs[0], f) for f in rel.inputs[1:]) if w), "")
        if why:
            return Relation("share", stated, reason=why, rule=rel.rule)
    return rel
