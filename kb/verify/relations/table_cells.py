"""Text ↔ table: the cells a sentence's figure refers to (table_cell, table_pair),
growth cells of a table, 均值 = 总量 / n averages and balance changes.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.vocab import regex
from kb.verify.relations.ground import (LEVEL_TYPES, MEAN_WORDS, RATE_LEAD, TOTAL_WORDS, YEAR, Context, Relation,
                                        is_level, period_of, same_unit, same_value)
from kb.verify.relations.labels import (LABEL_MATCH, MEAN_OR_TOTAL, bare_label, bigram_cover, cell_label, find_name,
                                        indicator_cover, label_tokens, name_match, row_words,
                                        strip_measure)

# 较年初 / 比上年末: for a year-end balance, the change over the year (the base of 同比)
# 较年初 / 比上年末: for a year-end balance, the change over the year (the base of 同比)
_SINCE_YEAR_START = regex("relations", "since_year_start")
_YEAR_ON_YEAR = regex("relations", "year_on_year")
_SUBSET_LEAD = regex("relations", "subset_lead")

# --- text ↔ table -------------------------------------------------------------

def _measure_mentions(text: str) -> list[tuple[int, str]]:
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


def table_pair(ctx: Context, stated: Fact, sent: str, s0: int) -> tuple[Fact, Fact] | None:
    """The two table cells (first and last year of the stated period) a growth is computed from."""
    period = period_of(stated, sent)
    if period is None or not ctx.table_facts:
        return None
    y0, y1 = period
    cells: dict[tuple, dict[int, Fact]] = {}
    for f in ctx.table_facts:
        if f.year in (y0, y1):
            key = (f.table_id, f.subject, "/".join(label_tokens(f.indicator)), f.unit_normalized)
            cells.setdefault(key, {})[f.year] = f
    pairs = {k: v for k, v in cells.items() if y0 in v and y1 in v}
    if not pairs:
        return None
    window = ctx.text[s0:stated.char_start]
    # only rows of a table whose column (indicator) the sentence names
    pairs = {key: v for key, v in pairs.items() if indicator_cover(key, window) >= 0.6}
    if not pairs:
        return None
    k, before_resp = _respectively_index(ctx, stated, s0)
    # the row measure (总量/均值) the sentence points at
    local = window[-40:]
    wanted_measure = ""
    mentions = _measure_mentions(re.split(r"[；;]", before_resp)[-1][-40:] if k >= 0 else local)
    if k >= 0 and len(mentions) >= 2 and k < len(mentions):
        wanted_measure = mentions[k][1]
    elif mentions:
        wanted_measure = mentions[-1][1]
    # the row name: the fact's subject, a 分别 list, or the sentence's first row name
    row_names = sorted({n for key in pairs for n in row_words(key[1])[0]})
    wanted_name = ""
    if stated.subject and any(name_match(n, stated.subject) or n in stated.subject for n in row_names):
        wanted_name = stated.subject
    else:
        listed = sorted((find_name(n, window), n) for n in row_names if find_name(n, window) >= 0)
        if k >= 0:
            piece = re.split(r"[；;]", before_resp)[-1]
            listed_resp = sorted((find_name(n, piece), n) for n in row_names if find_name(n, piece) >= 0)
            if len(listed_resp) >= 2 and k < len(listed_resp):
                wanted_name = listed_resp[k][1]
        if not wanted_name and listed:
            wanted_name = listed[0][1]
    if not wanted_name:
        return None
    # the indicator is named closest to the figure: after the previous figure, else in the sentence
    prev = [f for f in ctx.facts_between(s0, stated.char_start) if f.claim_type in LEVEL_TYPES]
    local_start = prev[-1].char_end if prev else s0
    return (_best_pair(pairs, ctx.text[local_start:stated.char_start], wanted_name, wanted_measure, y0, y1)
            or _best_pair(pairs, window, wanted_name, wanted_measure, y0, y1))


def _best_pair(pairs: dict, window: str, wanted_name: str, wanted_measure: str,
               y0: int, y1: int) -> tuple[Fact, Fact] | None:
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
            best, best_score = (by_year[y0], by_year[y1]), score
        elif score[0] >= 0.6 and score == best_score:
            best = None  # two equally good cells: do not guess
    return best


# --- 总量 / 均值 rows of a table ------------------------------------------------

def table_averages(ctx: Context) -> list[tuple[int, list[tuple[Fact, Fact]]]]:
    """(n, [(total, mean), …]) per table row pair whose 总量/均值 ratio is one whole member count n
    in most columns: each 均值 cell is then checkable as 总量 / n."""
    from kb.verify import recompute as rc  # local: relations stays free of arithmetic otherwise

    cells: dict[tuple, dict[str, Fact]] = {}
    for f in ctx.table_facts:
        _, m_subject = row_words(f.subject)
        _, m_indicator = row_words(f.indicator)
        measure = (m_subject + m_indicator)[:1]
        if not measure or any(w in f.subject + f.indicator for w in ("人均", "户均")):
            continue  # per-capita figures divide by a population, not by the members
        key = (f.table_id, strip_measure(f.subject), strip_measure(f.indicator), f.year, f.unit_normalized)
        cells.setdefault(key, {})[measure[0]] = f
    rows: dict[tuple, list[tuple[Fact, Fact]]] = {}
    for key, by in cells.items():
        if "total" in by and "mean" in by and by["mean"].value_normalized > 0:
            rows.setdefault(key[:2], []).append((by["total"], by["mean"]))
    out = []
    for pairs in rows.values():
        ratios = sorted(p[0].value_normalized / p[1].value_normalized for p in pairs)
        n = round(ratios[len(ratios) // 2])
        if n < 2 or len(pairs) < 2:
            continue
        def fits(p: tuple[Fact, Fact]) -> bool:
            t, m = (rc.stated_interval(f.value_text or str(f.value), f.qualifier, value=f.value) for f in p)
            t = rc.Interval(t.value * p[0].scale, t.low * p[0].scale, t.high * p[0].scale)
            m = rc.Interval(m.value * p[1].scale, m.low * p[1].scale, m.high * p[1].scale)
            return m.low > 0 and t.low / m.high - 1e-9 <= n <= t.high / m.low + 1e-9
        support = sum(fits(p) for p in pairs)
        if support >= 2 and 2 * support > len(pairs):
            out.append((n, pairs))
    return out


# --- text ↔ table by row label and year columns (比上年增长X%, 是2015年的X倍) ---------

_GROWTH_HEADER_SKIP = regex("relations", "multi_year_header")

_MODIFIERS = regex("relations", "measure_modifiers")


def table_cell(ctx: Context, subject: str, indicator: str, year: int, unit: str = "",
               table_id: str = "", clause: str = "") -> Fact | None:
    """The table level cell of ``subject`` + ``indicator`` in ``year``: the row label (subject and
    indicator of the cell) and the text's label must cover each other's bigrams; None when no
    cell or two cells match equally well (never guess)."""
    want = re.sub(r"\s", "", f"{subject}{indicator}")
    if not indicator or year is None:
        return None
    scored = []
    for f in ctx.table_facts:
        if f.year != year or not is_level(f) or (unit and f.unit_normalized != unit):
            continue
        if table_id and f.table_id != table_id:
            continue
        label = cell_label(f)
        score = min(bigram_cover(label, want), bigram_cover(re.sub(r"\s", "", indicator), label))
        if score >= LABEL_MATCH:
            scored.append((score, f))
    if not scored and clause:
        # the text shortens the row label (规模以上工业企业实现利润总额 → 利润总额): the label is
        # then spelled out in the figure's clause, and the indicator is part of the label
        flat = re.sub(r"\s", "", clause)
        ind = re.sub(r"\s", "", indicator)
        for f in ctx.table_facts:
            if f.year != year or not is_level(f) or (unit and f.unit_normalized != unit) \
                    or (table_id and f.table_id != table_id):
                continue
            if subject and f.subject and subject != f.subject and f.subject not in flat:
                continue
            # the row's own label (a 全国 subject column of a national table is not written out)
            label = bare_label(f.indicator)
            if bigram_cover(ind, label) == 1.0 and bigram_cover(label, flat) >= LABEL_MATCH:
                scored.append((bigram_cover(label, flat), f))
    if not scored:
        # 粮食总产量 / 全年粮食产量 vs a 粮食产量 row: 总, 总量 and 全年 only qualify the measure
        bare = _MODIFIERS.sub("", want)
        for f in ctx.table_facts:
            if f.year != year or not is_level(f) or (unit and f.unit_normalized != unit) \
                    or (table_id and f.table_id != table_id):
                continue
            label = _MODIFIERS.sub("", cell_label(f))
            if len(label) >= 2 and label == bare:
                scored.append((1.0, f))
    if not scored:
        return None
    top = max(s for s, _ in scored)
    best = [f for s, f in scored if s == top]
    return best[0] if len({(f.table_id, f.value_normalized) for f in best}) == 1 else None


def table_year_pair(ctx: Context, stated: Fact, years: tuple[int, int], unit: str = "",
                    clause: str = "") -> tuple[Fact, Fact] | None:
    """(first-year cell, last-year cell) of the stated figure's row in one table."""
    y0, y1 = years
    b = table_cell(ctx, stated.subject, stated.indicator, y1, unit, clause=clause)
    if b is None:
        return None
    a = table_cell(ctx, stated.subject, stated.indicator, y0, b.unit_normalized, b.table_id, clause=clause)
    return (a, b) if a is not None and cell_label(a) == cell_label(b) else None


def growth_years(stated: Fact, sentence_text: str) -> tuple[int, int] | None:
    """The years a growth compares: its period, or (year − 1, year) for a one-year growth."""
    period = period_of(stated, sentence_text)
    if period:
        return period
    return (stated.year - 1, stated.year) if stated.year else None


def ratio_years(stated: Fact, clause: str, referent: str) -> tuple[int, int] | None:
    """是2015年的X倍: (the referent year, the other year of the clause or of the fact)."""
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*年?\s*", referent)
    if not m:
        return None
    base = int(m.group(1))
    others = [int(y) for y in YEAR.findall(clause) if int(y) != base]
    others += [y for y in (stated.period_end, stated.year) if y and y != base]
    return (base, others[0]) if others else None


def table_ratio_pair(ctx: Context, stated: Fact, clause: str, referent: str) -> tuple[Fact, Fact] | None:
    """是2015年的X倍: one row, two year columns; 是重庆的X倍: two rows (the referent's and the
    subject's) of the same indicator in the clause's year."""
    if not referent or not stated.indicator:
        return None
    years = ratio_years(stated, clause, referent)
    if years is not None:
        return table_year_pair(ctx, stated, years)
    # the clause's own year, not a referent year (是2015年的X倍)
    named = [int(m.group(1)) for m in YEAR.finditer(clause) if not clause[m.end():].startswith("的")]
    year = named[-1] if named else (stated.period_end or stated.year)
    if not year or not stated.subject or referent in stated.subject:
        return None
    b = table_cell(ctx, stated.subject, stated.indicator, year)
    a = table_cell(ctx, referent, stated.indicator, year, b.unit_normalized if b else "", b.table_id if b else "")
    return (a, b) if a is not None and b is not None and a is not b and cell_label(a) != cell_label(b) else None


def table_growth_cells(ctx: Context) -> list[Relation]:
    """A table's own growth column (比上年增长%) against the row's last two year columns."""
    out = []
    for g in ctx.table_facts:
        if g.claim_type != "growth_rate" or g.unit_normalized != "%":
            continue
        parts = g.quote.split("｜")
        if len(parts) < 3 or _GROWTH_HEADER_SKIP.search(parts[-1]):
            continue
        row = {f.year: f for f in ctx.table_facts
               if f.table_id == g.table_id and is_level(f) and f.year is not None
               and f.quote.split("｜")[1:2] == parts[1:2] and f.subject == g.subject}
        if not row:
            continue
        y1 = g.year if g.year in row else max(row)
        if y1 - 1 in row and (g.year is None or g.year == y1):
            out.append(Relation("growth", g, inputs=[row[y1 - 1], row[y1]], where="table"))
            continue
        # a balance table (年末余额 | 较年初增加 | 同比增长): growth = D / (B − D), since the start of
        # the year is the end of the last one; only when the row has exactly one such pair
        changes = [f for f in ctx.table_facts if f.table_id == g.table_id and f.claim_type == "change"
                   and f.year == y1 and f.quote.split("｜")[1:2] == parts[1:2] and f.subject == g.subject
                   and _SINCE_YEAR_START.search(f.indicator)]
        levels = [f for f in row.values() if f.year == y1]
        if len(changes) == 1 and len(levels) == 1 and same_unit(changes[0], levels[0]) \
                and _YEAR_ON_YEAR.search(parts[-1] + g.indicator):
            out.append(Relation("growth", g, inputs=[levels[0], changes[0]], mode="change_up", where="table"))
    return out


def table_balance_change(ctx: Context, stated: Fact, s0: int) -> tuple[Fact, Fact] | None:
    """(table B, table D) for a text 'B，同比增长X%' whose balance B is a table's 年末余额 cell (same
    value, same unit, label covered) with a 较年初增加 cell in its row; exactly one such row."""
    if stated.unit_normalized != "%" or not ctx.table_facts:
        return None
    before = [f for f in ctx.facts_between(s0, stated.char_start) if f is not stated]
    if not before or not is_level(before[-1]):
        return None
    b = before[-1]
    lead = ctx.text[b.char_end:stated.char_start]
    if len(lead) > 10 or not RATE_LEAD.search(lead) or "余额" not in b.indicator + ctx.text[s0:b.char_start]:
        return None
    text_label = re.sub(r"\s", "", b.indicator)
    found = []
    for f in ctx.table_facts:
        if not is_level(f) or f.year != b.year or not same_unit(f, b) or not same_value(f, b):
            continue
        row_name = f.quote.split("｜")[1:2]
        name = _SUBSET_LEAD.sub("", (row_name[0] if row_name else f.indicator.split("/")[0]).strip())
        if len(name) < 2 or bigram_cover(name, text_label) < LABEL_MATCH:
            continue
        changes = [c for c in ctx.table_facts if c.table_id == f.table_id and c.claim_type == "change"
                   and c.year == f.year and c.quote.split("｜")[1:2] == f.quote.split("｜")[1:2]
                   and _SINCE_YEAR_START.search(c.indicator) and same_unit(c, f)]
        if len(changes) == 1:
            found.append((f, changes[0]))
    return found[0] if len(found) == 1 else None


_CHANGE_VS_LAST = regex("relations", "change_vs_last")


def change_base(ctx: Context, change: Fact) -> tuple[Fact, Fact] | None:
    """(last year's level A, this year's level B) for 'B，比上年增加/减少D': B right before D in its
    sentence; A the same indicator's level a year earlier, stated earlier in the text or in a
    table of the document (whose cell for B's year must agree with B)."""
    if change.claim_type != "change" or change.unit_normalized in ("%", "pp", "‰", "times"):
        return None
    s0, _ = ctx.sentence_of(change.char_start)
    before = ctx.facts_between(s0, change.char_start)
    if not before or not is_level(before[-1]) or not same_unit(before[-1], change):
        return None
    b = before[-1]
    gap = ctx.text[b.char_end:change.char_start]
    if len(gap) > 16 or re.search(r"[；;。]", gap) or not _CHANGE_VS_LAST.search(gap):
        return None
    if b.year is None or not b.indicator:
        return None
    texts = [f for f in ctx.text_facts if f.char_end <= s0 and is_level(f) and same_unit(f, b)
             and f.indicator == b.indicator and f.subject == b.subject and f.year == b.year - 1]
    if len({f.value_normalized for f in texts}) == 1:
        return texts[-1], b
    clause = re.split(r"[，。；,;]", ctx.text[s0:b.char_start])[-1]
    now = table_cell(ctx, b.subject, b.indicator, b.year, b.unit_normalized, clause=clause)
    if now is None or abs(now.value_normalized - b.value_normalized) > 1e-9 * max(1.0, abs(b.value_normalized)):
        return None
    a = table_cell(ctx, b.subject, b.indicator, b.year - 1, b.unit_normalized, now.table_id, clause=clause)
    return (a, b) if a is not None and cell_label(a) == cell_label(now) else None
