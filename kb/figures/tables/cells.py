"""Cell facts: one Fact per numeric cell of a flattened table (``table_facts``).

The subject is the row's place (a place row, or a place heading an indicator
row: 四川R&D经费支出), else the column's place, else the table's (the one place
its caption names, else the document's). A pure growth column (比上年增长(%),
增速, 年均增长) gives growth_rate (cagr) facts of the row's indicator for the
latest year column, with the period from the year columns; 绝对数-style columns
add nothing to the indicator.

Units: a cell's own unit, else its column's (增长%, 产量 (万吨)), else its row's (a 单位
label column, 指标 | 单位 | 2022年 | 2023年 | 增长%), else the table's; a 单位 list
(单位：亿元、%) gives rate columns (同比增长, 占比, …率) the percent unit and the others the
first other unit. Bare item rows under a measure caption (主要农产品产量: 粮食) get the measure.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

from kb.errors import KbError
from kb.figures.linking.cues import COUNT_UNITS, YEAR
from kb.figures.tables.layout import (
    CAPTION_RE, NUMBER_CELL_RE, RANGE_SEGMENT_RE, YEAR_SEGMENT_RE, Cell, Layout, flatten, is_missing_cell,
    is_number_cell,
)
from kb.figures.tables.table_units import (
    UNIT_IN_CAPTION_RE, column_unit, is_change_header, split_unit, unit_info, unit_list,
)
from kb.models import Document, Fact, Passage, Table, stable_id, unit_is_allowed
from kb.text.gazetteer import find_places
from kb.text.vocab import regex, words

logger = logging.getLogger(__name__)

RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})(?!\d)")
LEADING_YEAR_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*年(?:末|底|度|全年)?\s*")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?")
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# Row labels that are statistics of a group, not subjects (京津冀 / 均值).
STAT_WORDS = words("tables", "stat_words")
# Headers of a row-label column whose rows are indicators, not subjects.
INDICATOR_HEADERS = words("tables", "indicator_headers")
# Words that mark a dimensionless index when no unit is stated.
SCORE_WORDS = words("tables", "score_words")
GROWTH_WORDS = words("tables", "growth_words")
# A column that only says "growth" (比上年增长(%), 增速): the rate of the row's indicator.
GROWTH_COLUMN_RE = regex("tables", "growth_column")
PRIOR_COLUMN_RE = regex("tables", "prior_column")
YEAR_PERIOD_LEAD_RE = regex("tables", "year_period_lead")
# Caption endings too general to name what a growth column measures (主要经济指标).
GENERIC_CAPTION_ENDS = words("tables", "generic_caption_ends")
# Columns that only say "the value" (绝对数): not part of what the cell measures.
VALUE_HEADERS = words("tables", "value_headers")
# A row-label column headed so holds each row's unit (指标 | 单位 | 2022年 | 2023年 | 增长%).
UNIT_COLUMN_HEADERS = words("tables", "unit_column_headers")
# A caption ending in a measure (主要农产品产量) gives bare item rows (粮食) that measure.
ITEM_MEASURES = words("tables", "item_measures")
MEASURE_END_RE = regex("tables", "measure_end")
# 其中：住户存款 / #住户存款: a part of the row above, named by what follows the marker.
PART_MARK_RE = regex("tables", "part_mark")
GROUP_MARK_RE = regex("tables", "group_mark")


def _describe_path(path: str) -> tuple[str, str, int | None, tuple[int, int] | None]:
    """(indicator, unit, year, period) from a column path or a row label."""
    parts, unit, year, period = [], "", None, None
    for seg in path.split("/") if path else []:
        if m := RANGE_SEGMENT_RE.match(seg):
            period = (int(m.group(1)), int(m.group(2)))
            continue
        if m := YEAR_SEGMENT_RE.match(seg):
            year = int(m.group(1))
            continue
        rest, u = split_unit(seg)
        unit = u or unit
        if m := YEAR_SEGMENT_RE.match(rest):       # 2024年末（万人）: a year with its unit
            year = int(m.group(1))
            continue
        if rest and (m := YEAR_PERIOD_LEAD_RE.match(rest)):   # 2023年前三季度GDP: of 2023, measures GDP
            year = year or int(m.group(1))
            rest = rest[m.end():]
        if rest:
            if m := YEAR.search(rest):
                year = year or int(m.group(1))
            parts.append(rest)
    return "/".join(parts), unit, year, period


def _caption_indicator(caption: str) -> str:
    """What a caption measures, for tables whose columns are only years (表3 各市专利授权量（件）)."""
    text = CAPTION_RE.sub("", caption)
    text = UNIT_IN_CAPTION_RE.sub("", text)
    text = RANGE_RE.sub("", text)
    return _ANY_YEAR.sub("", text).strip(" ：:，,")


def _item_measure(caption: str) -> str:
    """The measure a caption gives its item rows (表1 主要农产品产量 → 产量), else ""."""
    what = _caption_indicator(caption)
    return next((m for m in sorted(ITEM_MEASURES, key=len, reverse=True) if what.endswith(m)), "")


def _squash(text: str) -> str:
    """Drop spaces between CJK characters (PDF capture splits 大湾区 九市)."""
    return _SPACE_IN_CJK.sub("", text).strip()


def _quantity(value_text: str, unit: str) -> tuple[float, str] | None:
    """(scale, unit_normalized) via kb.figures.quantities, else the table's own unit words."""
    from kb.figures.quantities import parse_quantity

    if unit:
        try:
            q = parse_quantity(value_text + unit)
        except Exception:  # a failed parse of one cell is logged, never fatal
            logger.debug("parse_quantity failed on %r", value_text + unit)
            q = None
        if (q is not None and unit_is_allowed(q.unit_normalized)
                and math.isclose(q.value, float(value_text), rel_tol=1e-12)):
            return q.scale, q.unit_normalized
    return unit_info(unit)


def _claim_type(unit_normalized: str, indicator: str, value: float) -> str:
    """The claim type of a cell by its unit (count, score, rank, multiple, change) and, for a
    percentage, its indicator's words (growth_rate, else share up to 100, else ratio)."""
    if unit_normalized in COUNT_UNITS:
        return "count"
    if unit_normalized in ("score", "rank", "times"):
        return {"score": "score", "rank": "rank", "times": "multiple"}[unit_normalized]
    if unit_normalized == "pp":
        return "change"
    if unit_normalized in ("%", "‰"):
        if any(w in indicator for w in GROWTH_WORDS):
            return "growth_rate"
        return "share" if 0 <= value <= 100 else "ratio"
    return "level"


def _change_claim(header: str, unit_normalized: str) -> str:
    """"change" for an amount column (较年初增加 in 亿元); "" to decide otherwise."""
    if is_change_header(header) and unit_normalized not in ("%", "‰", "score", "rank", "times"):
        return "change"
    return ""


def _growth_claim(growth: str, unit_normalized: str) -> str:
    """growth_rate / cagr for a growth column in %; "" to decide by unit and words."""
    if growth and unit_normalized in ("%", "‰"):
        return "growth_rate" if growth == "growth" else "cagr"
    return ""


def _place_column(rows: list[list[str]], label_count: int) -> int | None:
    """The label column that holds places when the row labels pair an indicator
    with a place (绿色信贷余额 / 湖北): most of its labels, statistics aside, are
    place names, and another label column names something else."""
    if label_count < 2:
        return None

    def names(k: int) -> list[str]:
        """The squashed labels of column ``k``, statistics and years aside."""
        return [t for r in rows if (t := _squash(r[k])) and t not in STAT_WORDS and not YEAR_SEGMENT_RE.match(t)
                and not is_missing_cell(t)]

    placeish = [k for k in range(label_count)
                if (col := names(k)) and 2 * sum(1 for t in col if _whole_place(t)) >= len(col)]
    others = [k for k in range(label_count) if k not in placeish and names(k)]
    if not placeish or not others:
        return None
    # 县（市） | 所属市州: the rows are the column of distinct places, not the places they belong to
    distinct = max(len(set(names(k))) for k in placeish)
    return next(k for k in placeish if len(set(names(k))) == distinct)


def _row_subject(labels: list[str], label_header: str, place_col: int | None = None) -> tuple[str, str, str]:
    """(subject, statistic word, indicator from the row) of a row's labels; a
    year label (2021年) is left to the year, not the subject."""
    if place_col is not None:  # (indicator, place) rows: the place column names the subject
        return _place_row_subject(labels, place_col)
    labels = [_squash(x) for x in labels if x and not YEAR_SEGMENT_RE.match(x)]
    stat = next((x for x in labels if x in STAT_WORDS), "")
    rest = [x for x in labels if x not in STAT_WORDS]
    if _squash(label_header) in INDICATOR_HEADERS or (rest and split_unit(rest[-1])[1]):
        indicator = rest[-1] if rest else ""
        # 四川R&D经费支出: a row of a place's indicator names the place first
        place, tail = _leading_place(indicator)
        return place, stat, tail if place else indicator
    return (rest[-1] if rest else ""), stat, ""


def _place_row_subject(labels: list[str], place_col: int) -> tuple[str, str, str]:
    """(subject, statistic word, indicator from the row) of a row whose place column names it; a rank
    (1, 2 …) or the place a row's place belongs to (所属市州) names no indicator."""
    place = _whole_place(_squash(labels[place_col]))
    rest = [t for k, x in enumerate(labels) if k != place_col and x
            and not (t := _squash(x)).isdigit() and not is_missing_cell(t) and not _whole_place(t)]
    stat = next((x for x in rest + [_squash(labels[place_col])] if x in STAT_WORDS), "")
    return place, stat, "/".join(x for x in rest if x not in STAT_WORDS and not YEAR_SEGMENT_RE.match(x))


def _leading_place(label: str) -> tuple[str, str]:
    """(place, rest) when ``label`` starts with a place name followed by an indicator, else ("", label)."""
    places = find_places(label)
    if places and places[0][1] == 0:
        end = places[0][2]
        # 广东地区生产总值: the place is 广东, the indicator the statistical term 地区生产总值 (GDP)
        if label[:end].endswith("地区") and label[end - 2:].startswith("地区生产总值"):
            end -= 2
        rest = label[end:].lstrip("的 ")
        if len(rest) >= 2 and split_unit(rest)[0]:
            return places[0][0], rest
    return "", label


def _whole_place(text: str) -> str:
    """The place a text is, when it is nothing but a place name (a column headed 四川省)."""
    places = find_places(text)
    if len(places) == 1 and places[0][1] == 0 and places[0][2] == len(text):
        return places[0][0]
    return ""


def _table_place(table: Table, document: Document) -> str:
    """The place a table is about when its rows are not places: the one place its caption
    names (表1 2023年X市主要经济指标), else the document's place (its title's)."""
    named = {p[0] for p in find_places(CAPTION_RE.sub("", table.caption))}
    if named:
        return named.pop() if len(named) == 1 else ""  # several places: no one subject
    from kb.figures.facts import document_carry  # here, not at the top: kb.figures.facts loads jieba

    return document_carry(document).subject


def _column_years(columns: list[str]) -> list[int]:
    """The years of the table's year columns (2022年, 2023), sorted, distinct."""
    return sorted({y for c in columns if (y := _describe_path(c)[2]) is not None})


def _split_column(col_ind: str) -> tuple[str, str, str]:
    """(column indicator without place/value/growth words, the column's place, growth kind:
    "growth", "cagr" or "") of a column path's indicator part."""
    place, growth, kept = "", "", []
    for part in col_ind.split("/") if col_ind else []:
        bare = LEADING_YEAR_RE.sub("", part)  # 2024年比上年增长: the year is the column's year
        if GROWTH_COLUMN_RE.match(bare):
            growth = "cagr" if bare.startswith("年均") else "growth"
        elif part in VALUE_HEADERS:
            continue
        elif not place and (p := _whole_place(part)):
            place = p
        else:
            kept.append(part)
    return "/".join(kept), place, growth


def _passage_at(passages: list[Passage], offset: int) -> str:
    """The id of the passage holding ``offset`` ("" when none does)."""
    for p in passages:
        if p.start <= offset < p.end:
            return p.passage_id
    return ""


@dataclass
class _TableFrame:
    """What every cell of one table shares: its layout, place, years, units and label columns."""

    table: Table
    document: Document
    passages: list[Passage]
    layout: Layout
    place: str                               # the table's place (its caption's, else the document's)
    year_columns: list[int]                  # the years of its year columns
    caption_year: int | None                 # the one year its caption names
    caption_period: tuple[int, int] | None   # the period its caption names (2014—2022年)
    units: list[str]                         # the units its 单位 statement names
    item_measure: str                        # 产量 of 主要农产品产量: the measure of bare item rows
    unit_col: int | None                     # the label column that states each row's unit
    name_cols: list[int]                     # the other label columns
    place_col: int | None                    # the name column holding places (indicator / place rows)
    scoreish: bool                           # caption or columns name an index (指数, 得分 …)


@dataclass
class _Row:
    """What one row's labels say."""

    labels: list[str]
    subject: str
    stat: str          # a statistic word (均值, 合计) appended to the indicator
    indicator: str
    unit: str
    year: int | None


@dataclass
class _Column:
    """What one value column's header says."""

    header: str
    indicator: str                   # without place, value and growth words
    stated: str                      # the indicator part as stated (增速): said more than a generic caption
    unit: str
    year: int | None
    period: tuple[int, int] | None
    place: str
    growth: str                      # "growth", "cagr" or ""
    table_unit: str                  # the unit the table's 单位 statement gives this column
    prior: bool = False              # the previous period's values (上年学校数): a year before the table's


def _frame(table: Table, document: Document, passages: list[Passage]) -> _TableFrame:
    """The shared context of ``table``'s cells."""
    layout = flatten(document.text, table.char_start, table.char_end)
    n = layout.label_count
    periods = RANGE_RE.findall(table.caption)
    years = set(YEAR.findall(RANGE_RE.sub("", table.caption)))
    # a 单位 label column states each row's unit; it names neither subject nor indicator
    unit_col = next((k for k in range(n) if table.columns[k] in UNIT_COLUMN_HEADERS), None)
    name_cols = [k for k in range(n) if k != unit_col]
    context = table.caption + " " + " ".join(layout.columns)
    return _TableFrame(
        table=table, document=document, passages=passages, layout=layout, place=_table_place(table, document),
        year_columns=_column_years(table.columns[n:]),
        caption_year=int(next(iter(years))) if len(years) == 1 else None,
        caption_period=(int(periods[0][0]), int(periods[0][1])) if periods else None,
        units=unit_list(table.unit) or ([table.unit] if table.unit else []),
        item_measure=_item_measure(table.caption), unit_col=unit_col, name_cols=name_cols,
        place_col=_place_column([[row[k].text for k in name_cols] for row in layout.rows], len(name_cols)),
        scoreish=any(w in context for w in SCORE_WORDS))


def _row(frame: _TableFrame, cells: list[Cell]) -> _Row:
    """The subject, statistic, indicator, unit and year a row's labels give."""
    labels = [c.text for c in cells[:frame.layout.label_count]]
    names = [labels[k] for k in frame.name_cols]
    subject, stat, row_indicator = _row_subject(names, frame.layout.label_header, frame.place_col)
    indicator, unit, year, _ = _describe_path(row_indicator)
    indicator = GROUP_MARK_RE.sub("", PART_MARK_RE.sub("", indicator))
    measure = frame.item_measure
    if measure and indicator and not MEASURE_END_RE.search(indicator) and measure not in indicator:
        indicator += measure  # 粮食 in a table of 产量: 粮食产量
    uc = frame.unit_col
    if uc is not None and labels[uc] and not is_missing_cell(labels[uc]):
        unit = labels[uc]
    year_label = next((YEAR_SEGMENT_RE.match(x) for x in labels if YEAR_SEGMENT_RE.match(x)), None)
    year = year or (int(year_label.group(1)) if year_label else None)
    return _Row(labels, subject, stat, indicator, unit, year)


def _column(frame: _TableFrame, j: int) -> _Column:
    """What the header of column ``j`` says."""
    header = frame.table.columns[j]
    stated, unit, year, period = _describe_path(header)
    indicator, place, growth = _split_column(stated)
    prior = bool(year is None and not growth and PRIOR_COLUMN_RE.match(indicator))
    if prior:
        indicator = PRIOR_COLUMN_RE.sub("", indicator)
    units = frame.units
    table_unit = column_unit(units, header) if len(units) > 1 else (units[0] if units else "")
    return _Column(header, indicator, stated, unit, year, period, place, growth, table_unit, prior)


def _joined(row_indicator: str, col_indicator: str) -> str:
    """The row's and the column's indicator words: an item row under a measure column reads as
    one name (夏粮 under 总产量: 夏粮总产量), as the text writes it; other pairs (a growth column,
    a row that names its own measure) keep a slash."""
    if row_indicator and col_indicator and "/" not in col_indicator and not any(w in col_indicator for w in GROWTH_WORDS) \
            and MEASURE_END_RE.search(col_indicator) and not MEASURE_END_RE.search(row_indicator):
        shared = next((k for k in range(len(col_indicator) - 1, 1, -1) if row_indicator.endswith(col_indicator[:k])), 0)
        return row_indicator + col_indicator[shared:]     # 太阳能发电 under 发电量: 太阳能发电量
    return "/".join(x for x in (row_indicator, col_indicator) if x)


def _cell_what(frame: _TableFrame, row: _Row, col: _Column) -> tuple[str, str]:
    """(subject, indicator): the row's place, else the column's, else the table's; the row's and
    the column's indicator words, else the caption's."""
    subject = row.subject or col.place or frame.place
    indicator = _joined(row.indicator, col.indicator) or _caption_indicator(frame.table.caption)
    if col.growth and not (row.indicator or col.indicator) \
            and (not indicator or indicator.endswith(GENERIC_CAPTION_ENDS)):
        indicator = col.stated  # 主要指标 … 增速: the column's word says more than the caption
    return subject, indicator + row.stat


def _cell_when(frame: _TableFrame, row: _Row, col: _Column) -> tuple[int | None, tuple[int, int] | None]:
    """(year, period) of a cell: the column's, else the row's, else the caption's; a growth column
    beside year columns spans from the earlier year(s) to the latest."""
    year, period = col.year, col.period
    if col.growth and frame.year_columns and period is None:
        years = frame.year_columns
        first = years[0] if col.growth == "cagr" or len(years) < 2 else years[-2]
        year = year or years[-1]
        if first < year:
            period = (first, year)
    year = year or row.year
    if col.growth == "cagr" and period is not None:
        year = None  # an average over the period, not one year's figure
    if year is None and period is None:
        if frame.caption_period is not None:
            period = frame.caption_period
        elif frame.caption_year is not None:
            year = frame.caption_year
        if col.growth == "growth" and period is not None:
            year = period[1]  # 2022—2023年 … 增长: the rate of the later year
    if col.prior and year is not None and period is None:
        year -= 1         # 上年学校数 in a table of 2024: the 2023 values
    return year, period


def _cell_unit(frame: _TableFrame, cell: Cell, unit: str, value_text: str) -> tuple[float, str] | None:
    """(scale, unit_normalized) of a cell's unit; None (logged) for a unit kb does not know. No unit
    stated: an index when the table says so (or the value has decimals), else a count."""
    info = _quantity(value_text, unit) if unit else None
    if info is not None:
        return info
    if unit:
        logger.info("%s: unknown unit %r in %s; cell skipped", frame.table.table_id, unit, cell.text)
        return None
    return (1.0, "score") if frame.scoreish or "." in value_text else (1.0, "count")


def _cell_fact(frame: _TableFrame, row: _Row, cell: Cell, j: int, columns: dict[int, _Column]) -> Fact | None:
    """The Fact of the cell in column ``j`` of ``row``; None for a cell that is no figure.
    ``columns`` keeps what each header says, read once per column (issue 12), not per cell."""
    m = NUMBER_CELL_RE.match(cell.text)
    if cell.start < 0 or not m or not is_number_cell(cell.text):
        return None
    col = columns.get(j)
    if col is None:
        col = columns[j] = _column(frame, j)
    subject, indicator = _cell_what(frame, row, col)
    year, period = _cell_when(frame, row, col)
    unit = m.group("unit") or col.unit or row.unit or col.table_unit
    value_text = m.group("num").replace(",", "").replace("−", "-")
    value = float(value_text)
    info = _cell_unit(frame, cell, unit, value_text)
    if info is None:
        return None
    scale, unit_normalized = info
    normalized = value * scale
    table, document = frame.table, frame.document
    return Fact(
        fact_id=stable_id("f", document.doc_id, cell.start, cell.end, cell.text, unit,
                          "table", table.table_id),
        doc_id=document.doc_id, doc_path=document.doc_path,
        passage_id=_passage_at(frame.passages, cell.start),
        char_start=cell.start, char_end=cell.end,
        quote=f"{table.caption or table.table_id}｜{' '.join(x for x in row.labels if x)}｜{col.header}",
        subject=subject, indicator=_squash(indicator), year=year,
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        value=value, unit=unit, value_normalized=normalized, unit_normalized=unit_normalized,
        claim_type=(_growth_claim(col.growth, unit_normalized) or _change_claim(col.header, unit_normalized)
                    or _claim_type(unit_normalized, indicator, normalized)),
        qualifier=m.group("qual") or "", source_kind="table", table_id=table.table_id,
        value_text=value_text, scale=scale,
    )


def table_facts(table: Table, document: Document, passages: list[Passage]) -> list[Fact]:
    """One Fact per numeric cell, cited by its span in the document text."""
    if table.doc_id != document.doc_id or table.char_end > len(document.text):
        raise KbError(f"table {table.table_id} does not belong to document {document.doc_id}; "
                      "pass the document the table was found in")
    frame = _frame(table, document, passages)
    facts: list[Fact] = []
    columns: dict[int, _Column] = {}
    for cells in frame.layout.rows:
        row = _row(frame, cells)
        for j in range(frame.layout.label_count, len(cells)):
            fact = _cell_fact(frame, row, cells[j], j, columns)
            if fact is not None:
                facts.append(fact)
    return facts
