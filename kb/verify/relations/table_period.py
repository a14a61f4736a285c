"""Text ↔ table for a growth over a period (2014—2022年…增长X倍): the row and column of a
table that the sentence names, and their cells of the period's first and last year.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.verify.relations.ground import LEVEL_TYPES, MEAN_WORDS, TOTAL_WORDS, Context, period_of
from kb.verify.relations.labels import (MEAN_OR_TOTAL, bigram_cover, find_name, indicator_cover, label_tokens,
                                        name_match, row_words)


def _measure_mentions(text: str) -> list[tuple[int, str]]:
    """(position, "mean" | "total") of each 均值/总量 word of a text, overlaps dropped."""
    found = []
    for words, tag in ((MEAN_WORDS, "mean"), (TOTAL_WORDS, "total")):
        for w in words:
            found += [(m.start(), tag) for m in re.finditer(w, text)]
    found.sort()
    out: list[tuple[int, str]] = []
    for pos, tag in found:  # drop overlaps (余额总量 vs 总量)
        if not out or pos >= out[-1][0] + 2:
            out.append((pos, tag))
    return out


def _respectively_index(ctx: Context, stated: Fact, s0: int) -> tuple[int, str]:
    """(k, text before 分别) when the stated figure is the k-th of a 分别 list, else (-1, "")."""
    before = ctx.text[s0:stated.char_start]
    i = before.rfind("分别")
    if i == -1:
        return -1, ""
    start = s0 + i
    run = [f for f in ctx.facts_between(start, stated.char_end) if f.claim_type not in LEVEL_TYPES or f is stated]
    ks = [j for j, f in enumerate(run) if f.fact_id == stated.fact_id]
    return (ks[0] if ks else -1), ctx.text[s0:start]


def _named_period_cells(ctx: Context, period: tuple[int, int], window: str) -> dict[tuple, dict[int, Fact]]:
    """The cells of both years per (table, row, column, unit), for the columns the window names."""
    y0, y1 = period
    cells: dict[tuple, dict[int, Fact]] = {}
    for f in ctx.table_facts:
        if f.year in (y0, y1):
            key = (f.table_id, f.subject, "/".join(label_tokens(f.indicator)), f.unit_normalized)
            cells.setdefault(key, {})[f.year] = f
    return {key: v for key, v in cells.items() if y0 in v and y1 in v and indicator_cover(key, window) >= 0.6}


def _wanted_measure(window: str, before_resp: str, k: int) -> str:
    """The row measure (total/mean) the sentence points at: the k-th named of a 分别 list, else
    the last one named near the figure ('' when none)."""
    mentions = _measure_mentions(re.split(r"[；;]", before_resp)[-1][-40:] if k >= 0 else window[-40:])
    if k >= 0 and len(mentions) >= 2 and k < len(mentions):
        return mentions[k][1]
    return mentions[-1][1] if mentions else ""


def _named_in(names: list[str], text: str) -> list[tuple[int, str]]:
    return sorted((find_name(n, text), n) for n in names if find_name(n, text) >= 0)


def _wanted_row(stated: Fact, pairs: dict, window: str, before_resp: str, k: int) -> str:
    """The row name: the fact's subject, the k-th row named before 分别, or the sentence's first."""
    row_names = sorted({n for key in pairs for n in row_words(key[1])[0]})
    if stated.subject and any(name_match(n, stated.subject) or n in stated.subject for n in row_names):
        return stated.subject
    if k >= 0:
        listed = _named_in(row_names, re.split(r"[；;]", before_resp)[-1])
        if len(listed) >= 2 and k < len(listed):
            return listed[k][1]
    listed = _named_in(row_names, window)
    return listed[0][1] if listed else ""


def table_pair(ctx: Context, stated: Fact, sent: str, s0: int) -> tuple[Fact, Fact] | None:
    """The two table cells (first and last year of the stated period) a growth is computed from:
    a row the sentence names (with its 总量/均值 measure) in a column the sentence names."""
    period = period_of(stated, sent)
    if period is None or not ctx.table_facts:
        return None
    window = ctx.text[s0:stated.char_start]
    pairs = _named_period_cells(ctx, period, window)
    if not pairs:
        return None
    k, before_resp = _respectively_index(ctx, stated, s0)
    wanted_measure = _wanted_measure(window, before_resp, k)
    wanted_name = _wanted_row(stated, pairs, window, before_resp, k)
    if not wanted_name:
        return None
    # the indicator is named closest to the figure: after the previous figure, else in the sentence
    prev = [f for f in ctx.facts_between(s0, stated.char_start) if f.claim_type in LEVEL_TYPES]
    local_start = prev[-1].char_end if prev else s0
    return (_best_pair(pairs, ctx.text[local_start:stated.char_start], wanted_name, wanted_measure, period)
            or _best_pair(pairs, window, wanted_name, wanted_measure, period))


def _best_pair(pairs: dict, window: str, wanted_name: str, wanted_measure: str,
               period: tuple[int, int]) -> tuple[Fact, Fact] | None:
    """The pair whose column the window names best (the nearest mention wins ties); None when
    two are equally good."""
    best, best_score = None, (0.0, -1)
    for key, by_year in pairs.items():
        names, measures = row_words(key[1])
        ind_names, ind_measures = row_words(key[2])
        if not any(name_match(n, wanted_name) or name_match(wanted_name, n) for n in names + ind_names):
            continue
        measure = (measures + ind_measures)[:1]
        if measure and wanted_measure and measure[0] != wanted_measure:
            continue
        if measure and not wanted_measure and measure[0] == "mean":
            continue  # an unqualified figure is about the total, never the average
        indicator_parts = [MEAN_OR_TOTAL.sub("", t) for t in label_tokens(key[2])]
        scored = [(bigram_cover(t, window), window.rfind(t[:2])) for t in indicator_parts
                  if t and not name_match(t, wanted_name)]
        score = max(scored, default=(0.0, -1))  # (cover, nearest mention) : the closest column wins ties
        if score[0] >= 0.6 and score > best_score:
            best, best_score = (by_year[period[0]], by_year[period[1]]), score
        elif score[0] >= 0.6 and score == best_score:
            best = None  # two equally good cells: do not guess
    return best
