"""Which figures are derived from which: the relation patterns of Chinese prose.

Given a stated figure (a text Fact) and the other facts of its document, find
the base figures it was computed from and how:

- in the sentence: 从/由 A 增加到/上升至 B, then 增长X倍 (B/A − 1), 增长X% / 增幅
  ((B/A − 1)·100), 年均增长X% (CAGR over the stated period), 是/为…的X倍 or
  增长到X倍 (B/A), 占…的X% (part / whole), 有着X倍的差距 (max/min), 相差X%
  ((max/min − 1)·100), 高出X个百分点 / 高于…X亿元 (difference, same unit),
  共计N个，其中A、B、C (sum; 京津各N个 counts twice);
- text ↔ table: a growth stated over 2014—2022 for a row/column of a table in
  the same document (由表3可知, or the same indicator and years): the two
  cells of that row and column for the period's first and last year.

- in the paragraph (bulletin style): B，比上年增加/减少D，增长X% (D / (B ∓ D));
  B with last year's level of the same indicator stated earlier (比上年的A / 2022年A);
  X占Y的比重(分别)为… with the levels of X (or of each listed part) and Y stated
  earlier; a list of shares whose count word (三次产业) says it is complete sums
  to 100; 城乡…比 = 城镇… / 农村…; a total over a named group (三省一市) = the sum
  of its n members stated after it, and 居…第k位 their order; 翻N番 = ×2^N;
- tables: 均值 cells = 总量 / n, n the whole 总量/均值 ratio of most columns.

Never guess: a pp difference pairs only two stated rates of one measure that the
sentence compares (比上年提高X个百分点 compares with an unstated value);
bases must share the unit; a table pair must match the sentence's
subject and indicator; otherwise the relation is "unverifiable" with a reason.

find_relation reads the figure (ground.reading) and tries the ordered rules of
find.RULES (growth_rules, comparison_rules, share_rules, sum_rules); the name of the
rule that fired is kept in Relation.rule. The other public functions find the relations
that are not one figure's (set claims, share lists, 翻番, group totals, table rows) for
kb.verify.checks. The cue words are data: kb/data/relations.yaml.
"""

from __future__ import annotations

from kb.verify.relations.breakdown import (breakdown_relations, change_breakdown_relations,
                                            increment_rate_relations)
from kb.verify.relations.ground import Context, Relation, is_prior_level, paragraph_start, reading, sentence_spans
from kb.verify.relations.find import find_relation
from kb.verify.relations.sentence import doublings, trade_balance
from kb.verify.relations.sets import RowGrowth, set_claims
from kb.verify.relations.shares import share_lists, structure_shares
from kb.verify.relations.table_cells import change_base
from kb.verify.relations.table_rows import table_averages, table_growth_cells, table_margin_cells
from kb.verify.relations.totals import (breakdown_parts, complete_parts, exhaustive_parts, exhaustive_parts_later,
                                        group_members, group_size, group_table_members, per_head_pair)

__all__ = [
    "Context", "Relation", "RowGrowth", "breakdown_parts", "breakdown_relations", "change_base",
    "change_breakdown_relations", "complete_parts", "doublings", "increment_rate_relations",
    "exhaustive_parts", "exhaustive_parts_later", "find_relation", "group_members", "group_size", "group_table_members", "is_prior_level",
    "paragraph_start",
    "per_head_pair", "reading", "sentence_spans", "set_claims", "share_lists", "structure_shares",
    "table_averages", "table_growth_cells", "table_margin_cells", "trade_balance",
]
