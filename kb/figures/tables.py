"""Find tables in a document's clean text, flatten them, and turn their numeric cells into facts.

A table in ``Document.text`` is a run of row lines: cells separated by tabs
(tab-separated sources and converted HTML) or Markdown pipe rows. Around it sit
a caption (``表N …``) before it and notes (``注：…``, ``资料来源：…``) after it.

Flattened shape (``kb.models.Table``):
- ``columns``: the row-label column(s) first, then one column per value
  column, named by its header path joined with "/" ("科技企业孵化器 (个)/2014年").
  Spanning header cells (a text followed by blanks) cover the blanks to their
  right. A blank row-label header is called "项目"; a side-by-side group name
  goes to a leading "分组" column.
- ``rows``: one row per subject. Blank row labels are carried down from the
  row above when a further label column follows (京津冀 / 总量, ␣ / 均值);
  side-by-side blocks (the same header repeated to the right) become rows of
  their own.

Cell facts: the subject is the row's place (a place row, or a place heading an
indicator row: 四川R&D经费支出), else the column's place, else the table's (the one
place its caption names, else the document's). A pure growth column (比上年增长(%),
增速, 年均增长) gives growth_rate (cagr) facts of the row's indicator for the latest
year column, with the period from the year columns; 绝对数-style columns add nothing
to the indicator.

Units: a cell's own unit, else its column's (增长%, 产量 (万吨)), else its row's (a 单位
label column, 指标 | 单位 | 2022年 | 2023年 | 增长%), else the table's; a 单位 list
(单位：亿元、%) gives rate columns (同比增长, 占比, …率) the percent unit and the others the
first other unit. Bare item rows under a measure caption (主要农产品产量: 粮食) get the measure.

``find_tables`` and ``table_facts`` both derive the layout from the text span
of the table (``_layout``), so a Table read back from the store still yields
cell offsets.
"""

from __future__ import annotations

import csv
import io
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path

from kb.errors import KbError
from kb.figures.linking.cues import COUNT_UNITS, YEAR
from kb.models import Document, Fact, Passage, Table, stable_id, unit_is_allowed
from kb.text.gazetteer import find_places
from kb.text.vocab import alternation, regex, vocabulary, words

logger = logging.getLogger(__name__)

BLANK_LABEL = "项目"        # name of a row-label column whose header is blank
GROUP_LABEL = "分组"        # name of the column holding side-by-side group names
INDEX_COLUMNS = ("table_id", "caption", "doc_id", "rows", "columns", "unit", "notes")

CAPTION_RE = regex("tables", "caption")
NOTE_RE = regex("tables", "note")
UNIT_LINE_RE = regex("tables", "unit_line")
UNIT_IN_CAPTION_RE = regex("tables", "unit_in_brackets")
UNIT_AT_END_RE = regex("tables", "unit_at_end")
PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
PIPE_SEPARATOR_CELL_RE = re.compile(r"^\s*:?-{2,}:?\s*$")
NUMBER_CELL_RE = re.compile(
    rf"^(?P<qual>{alternation(words('tables', 'cell_qualifiers'))})?\s*(?P<num>[-−+]?\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<unit>%|％|‰|[\u4e00-\u9fffA-Za-z]{1,4})?\s*(?P<mark>[*＊]|[①-⑩])?$"
)
YEAR_SEGMENT_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*(?:末|底|度|全年)?\s*$")
RANGE_SEGMENT_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})\s*年?\s*$")
RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})(?!\d)")
LEADING_YEAR_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*年(?:末|底|度|全年)?\s*")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?")
_UNIT_AFTER_SLASH = re.compile(r"[/／]\s*([^/／]{1,6})$")
_PERCENT_AT_END = re.compile(r"(?<=[\u4e00-\u9fff])\s*([%‰])$")   # 增长% written without brackets
_SPACE_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# A 单位 list (单位：亿元、%) names one unit per kind of column.
UNIT_LIST_SPLIT_RE = re.compile(r"\s*[、，,；;]\s*")
MISSING = set(words("tables", "missing_cells"))

STAT_WORDS = words("tables", "stat_words")
INDICATOR_HEADERS = words("tables", "indicator_headers")
SCORE_WORDS = words("tables", "score_words")
GROWTH_WORDS = words("tables", "growth_words")
GROWTH_COLUMN_RE = regex("tables", "growth_column")
GENERIC_CAPTION_ENDS = words("tables", "generic_caption_ends")
VALUE_HEADERS = words("tables", "value_headers")
GENERIC_LABELS = words("tables", "generic_labels")
UNIT_COLUMN_HEADERS = words("tables", "unit_column_headers")
PERCENT_HEADER_WORDS = words("tables", "percent_header_words")
CHANGE_HEADER_WORDS = words("tables", "change_header_words")
ITEM_MEASURES = words("tables", "item_measures")
MEASURE_END_RE = regex("tables", "measure_end")
PART_MARK_RE = regex("tables", "part_mark")

# A table's units (kb/data/units.yaml): its scale words, tried in order, and its base unit
# words with their normal unit atoms (a vocabulary of its own, drifted from kb.text.units).
TABLE_SCALES = tuple((w, float(v)) for w, v in vocabulary("units")["table_scales"].items())
TABLE_UNIT_ATOMS: dict[str, str] = dict(vocabulary("units")["table_unit_atoms"])


# --- row lines and cells ------------------------------------------------------

@dataclass(frozen=True)
class _Cell:
    """Cell text with its span in Document.text; start == -1 for a synthetic (carried) cell."""

    text: str
    start: int
    end: int


def _strip_span(line: str, a: int, b: int, base: int) -> _Cell:
    """The cell of ``line[a:b]`` stripped, with its span in the document (``base``: the line's offset)."""
    raw = line[a:b]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = base + a + lead
    return _Cell(text, start, start + len(text))


def _tab_cells(line: str, base: int) -> list[_Cell]:
    """The cells of a tab-separated row line."""
    cells, a = [], 0
    for b in [i for i, ch in enumerate(line) if ch == "\t"] + [len(line)]:
        cells.append(_strip_span(line, a, b, base))
        a = b + 1
    return cells


def _pipe_cells(line: str, base: int) -> list[_Cell]:
    """The cells of a Markdown pipe row (escaped bars \\| stay in the cell)."""
    bars = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    return [_strip_span(line, a + 1, b, base) for a, b in zip(bars, bars[1:], strict=False)]


def _row_kind(line: str) -> str:
    """"tab" or "pipe" for a table row line, "" for any other line."""
    if "\t" in line:
        return "tab"
    if PIPE_ROW_RE.match(line) and line.count("|") >= 3:
        return "pipe"
    return ""


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) for every line of text, end excluding the newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _is_number(text: str) -> bool:
    """True for a numeric cell (a bare 2023年 is a year, not a figure)."""
    m = NUMBER_CELL_RE.match(text)
    return bool(m) and (m.group("unit") or "") != "年"


def _is_missing(text: str) -> bool:
    """True for a cell that states no value (-, —, NA)."""
    return text.strip() in MISSING


# --- detection -------------------------------------------------------------------

def _table_spans(document: Document) -> list[tuple[int, int]]:
    """Spans of table blocks: the loader's table blocks plus runs of row lines it missed."""
    spans = [(b.start, b.end) for b in document.blocks if b.kind == "table"]
    run: list[tuple[int, int, str]] = []
    kind = ""

    def close() -> None:
        """Keep the run of row lines so far as a table when two of its rows have two filled cells."""
        if len(run) >= 2:
            s, e = run[0][0], run[-1][1]
            if not any(s < be and bs < e for bs, be in spans):
                cells = [(_tab_cells if kind == "tab" else _pipe_cells)(ln, st) for st, _, ln in run]
                if sum(1 for row in cells if sum(1 for c in row if c.text) >= 2) >= 2:
                    spans.append((s, e))
        run.clear()

    for start, end, line in _lines(document.text):
        k = _row_kind(line)
        if k and (not run or k == kind):
            run.append((start, end, line))
            kind = k
            continue
        close()
        if k:
            run.append((start, end, line))
            kind = k
    close()
    return sorted(set(spans))


def _grid(text: str, start: int, end: int) -> tuple[list[list[_Cell]], int]:
    """Cells of every row line in text[start:end] (padded to one width) and the
    number of header rows fixed by a Markdown separator row (0 if none)."""
    rows: list[list[_Cell]] = []
    separator_at = 0
    for s, _e, line in _lines(text[start:end]):
        kind = _row_kind(line)
        if not kind:
            continue
        cells = (_tab_cells if kind == "tab" else _pipe_cells)(line, start + s)
        if kind == "pipe" and cells and all(PIPE_SEPARATOR_CELL_RE.match(c.text) for c in cells):
            separator_at = separator_at or len(rows)
            continue
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    rows = _align_header(rows, width)
    rows = [r + [_Cell("", r[-1].end, r[-1].end)] * (width - len(r)) for r in rows]
    # drop columns that are blank in every row (trailing tabs, spacer columns)
    keep = [j for j in range(width) if any(r[j].text for r in rows)]
    return [[r[j] for j in keep] for r in rows], separator_at


def _is_value(cell: _Cell) -> bool:
    """True for a numeric cell that is not a bare year."""
    return _is_number(cell.text) and not YEAR_SEGMENT_RE.match(cell.text)


def _align_header(rows: list[list[_Cell]], width: int) -> list[list[_Cell]]:
    """Re-align a two-row spanning header that a capture left short (rowspan/colspan
    cells written once): the top row's spanning cells (its year cells, else the first
    after the row label) cover the sub-row's cells; its other cells stand over a blank."""
    if len(rows) < 3 or width < 3:
        return rows
    top, sub, first = rows[0], rows[1], rows[2]
    if not (len(top) < width and len(sub) < width and len(first) == width):
        return rows
    if any(_is_value(c) for c in top + sub) or not any(_is_value(c) for c in first):
        return rows
    spanning_n = len(sub) - (width - len(top))   # top cells that span the sub-row's cells
    if spanning_n <= 0 or len(sub) % spanning_n:
        return rows
    span = len(sub) // spanning_n
    candidates = list(range(1, len(top)))
    years = [j for j in candidates if YEAR_SEGMENT_RE.match(top[j].text) or RANGE_SEGMENT_RE.match(top[j].text)]
    spanning = set(years if len(years) == spanning_n else candidates[:spanning_n])
    if len(spanning) != spanning_n:
        return rows
    new_top: list[_Cell] = []
    new_sub: list[_Cell] = []
    children = iter(sub)
    for j, cell in enumerate(top):
        blank = _Cell("", cell.end, cell.end)
        if j in spanning:
            new_top += [cell] + [blank] * (span - 1)
            new_sub += [next(children) for _ in range(span)]
        else:
            new_top.append(cell)
            new_sub.append(blank)
    return [new_top, new_sub] + rows[2:]


def _header_count(rows: list[list[_Cell]], separator_at: int) -> int:
    """How many leading rows are header rows: those whose value cells hold text and no number."""
    if separator_at:
        return separator_at
    n = 0
    for row in rows:
        values = [c.text for c in row[1:]]
        has_text_value = any(v and not _is_missing(v) for v in values)
        numbers = [v for v in values if _is_number(v) and not YEAR_SEGMENT_RE.match(v)]
        if not has_text_value or numbers:
            break
        n += 1
    return max(1, n) if len(rows) > 1 else 0


def _label_count(data: list[list[_Cell]], width: int) -> int:
    """Leading columns with no number in any data row: the row labels."""
    n = 0
    while n < width - 1 and not any(_is_number(r[n].text) for r in data):
        n += 1
    return max(1, n)


def _fill_header(header: list[list[_Cell]], cols: range) -> list[list[str]]:
    """Header texts with spanning cells spread over the blanks to their right
    (only under one parent, never on the last header row)."""
    texts = [[c.text for c in row] for row in header]
    for r in range(len(texts) - 1):
        for j in cols:
            if j == cols.start or texts[r][j]:
                continue
            same_parent = r == 0 or texts[r - 1][j] == texts[r - 1][j - 1]
            if same_parent:
                texts[r][j] = texts[r][j - 1]
    return texts


def _path(texts: list[list[str]], j: int) -> str:
    """The header path of column ``j``: its distinct header texts top-down, joined with "/"."""
    parts: list[str] = []
    for row in texts:
        if row[j] and (not parts or parts[-1] != row[j]):
            parts.append(row[j])
    return "/".join(parts)


@dataclass
class _Layout:
    """A table flattened: column names, how many label columns lead, rows, the stated label header."""

    columns: list[str]
    label_count: int
    rows: list[list[_Cell]]
    label_header: str = ""           # the row-label header as stated ("" when blank)


def _blocks(header: list[list[_Cell]], data: list[list[_Cell]], labels: int, width: int) -> int:
    """Width of one side-by-side block, or the whole width when the table is not split."""
    for period in range(labels + 1, width // 2 + 1):
        if width % period:
            continue
        starts = range(0, width, period)
        if any(any(_is_number(r[s + k].text) for r in data for k in range(labels)) for s in starts):
            continue
        leaves = [tuple(header[-1][s + k].text for k in range(labels, period)) for s in starts] if header else []
        if header and len(set(leaves)) == 1 and any(leaves[0]):
            return period
    return width


def _layout(text: str, start: int, end: int) -> _Layout:
    """The flattened layout of the table in ``text[start:end]``: columns, label columns and rows."""
    rows, separator_at = _grid(text, start, end)
    if not rows:
        return _Layout([], 0, [], "")
    width = len(rows[0])
    nh = _header_count(rows, separator_at)
    header, data = rows[:nh], rows[nh:]
    labels = _label_count(data, width) if data else 1
    period = _blocks(header, data, labels, width)
    block_starts = list(range(0, width, period))
    texts = _header_texts(header, labels, period, block_starts)
    label_heads = [[_path(texts, s + k) for k in range(labels)] for s in block_starts]
    groups, label_names = _label_names(label_heads, labels)
    value_names = [_path(texts, j) or f"列{j + 1}" for j in range(labels, period)]
    columns = ([GROUP_LABEL] if groups else []) + label_names + value_names
    out: list[list[_Cell]] = []
    for b, s in enumerate(block_starts):
        group = " ".join(label_heads[b]).strip() if groups else None
        out += _block_rows(data, s, labels, period, group)
    stated = "" if groups else next((h for h in label_heads[0] if h), "")
    return _Layout(_unique(columns), labels + (1 if groups else 0), out, stated)


def _header_texts(header: list[list[_Cell]], labels: int, period: int, block_starts: list[int]) -> list[list[str]]:
    """Header texts with spanning cells spread, never across a block or into the label columns."""
    texts = [[c.text for c in row] for row in header]
    for s in block_starts:
        filled = _fill_header(header, range(s + labels, s + period))
        for r in range(len(header)):
            texts[r][s + labels:s + period] = filled[r][s + labels:s + period]
    return texts


def _label_names(label_heads: list[list[str]], labels: int) -> tuple[bool, list[str]]:
    """(whether side-by-side blocks are groups of their own, the names of the label columns).
    Blocks whose label headers differ are groups (分组), unless each names no group (地区, 指标)."""
    groups = len(label_heads) > 1 and len({tuple(h) for h in label_heads}) > 1
    names = [h if h and not groups else BLANK_LABEL for h in label_heads[0]]
    if groups and labels == 1 and all(_is_generic_label(h[0]) for h in label_heads):
        return False, [label_heads[0][0]]
    return groups, names


def _block_rows(data: list[list[_Cell]], s: int, labels: int, period: int, group: str | None) -> list[list[_Cell]]:
    """The rows of the block starting at column ``s`` (its group name first when ``group`` is given);
    merged labels carried down, all but the last."""
    carry = [""] * labels
    out: list[list[_Cell]] = []
    for row in data:
        part = row[s:s + period]
        if not any(c.text for c in part):
            continue
        cells = list(part)
        for k in range(labels - 1):
            if cells[k].text:
                carry[k] = cells[k].text
            elif carry[k] and any(c.text for c in cells[labels:]):
                cells[k] = _Cell(carry[k], -1, -1)
        out.append(([_Cell(group, -1, -1)] if group is not None else []) + cells)
    return out


def _is_generic_label(text: str) -> bool:
    """True for a row-label header that names no group (地区, 指标, a blank)."""
    return text in GENERIC_LABELS


def _unique(columns: list[str]) -> list[str]:
    """Column names made unique: a repeated name gets " (2)", " (3)" …."""
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        seen[c] = seen.get(c, 0) + 1
        out.append(c if seen[c] == 1 else f"{c} ({seen[c]})")
    return out


def _caption_and_notes(text: str, start: int, end: int) -> tuple[str, list[str], str]:
    """The 表N caption before (or right after) the span, the note lines after it,
    and a whole-table unit from a 单位 line or the caption."""
    before = [ln.strip() for ln in text[:start].split("\n")[::-1] if ln.strip()][:3]
    after = [ln.strip() for ln in text[end:].split("\n") if ln.strip()][:6]
    caption, unit = "", ""
    for line in before:
        m = UNIT_LINE_RE.match(line)
        if m:
            unit = m.group(1)
            continue
        if CAPTION_RE.match(line) and len(line) <= 80:
            caption = line
        break
    notes: list[str] = []
    for i, line in enumerate(after):
        m = UNIT_LINE_RE.match(line)
        if m and not unit:
            unit = m.group(1)
        elif NOTE_RE.match(line):
            notes.append(line)
        elif i == 0 and not caption and CAPTION_RE.match(line) and len(line) <= 80:
            caption = line
        else:
            break
    if not unit and caption:
        m = UNIT_IN_CAPTION_RE.search(caption) or UNIT_AT_END_RE.search(caption)
        if m and _unit_list(m.group(1)):
            unit = m.group(1).strip()
    return caption, notes, unit


def find_tables(document: Document) -> list[Table]:
    """Every table of the document, flattened, with caption, notes and unit."""
    tables: list[Table] = []
    for start, end in _table_spans(document):
        layout = _layout(document.text, start, end)
        if not layout.rows or len(layout.columns) < 2:
            logger.info("%s: skipped a table-like block at %d (no data rows)", document.doc_id, start)
            continue
        caption, notes, unit = _caption_and_notes(document.text, start, end)
        n = len(tables) + 1
        tables.append(Table(
            table_id=f"{document.doc_id}-{n}", doc_id=document.doc_id, ordinal=n,
            caption=caption, unit=unit, notes=notes, columns=layout.columns,
            rows=[[c.text for c in row] for row in layout.rows],
            char_start=start, char_end=end,
        ))
    return tables


# --- units and facts ------------------------------------------------------------

def _unit_info(unit: str) -> tuple[float, str] | None:
    """(scale, unit_normalized) of a stated unit such as 万元, 亿元, 个, %, 元/人."""
    unit = unit.strip()
    if not unit:
        return None
    if "/" in unit:
        num, _, den = unit.partition("/")
        a, b = _unit_info(num), _unit_info(den)
        if a and b and b[0] == 1.0:
            return a[0], f"{a[1]}/{b[1]}"
        return None
    if unit in TABLE_UNIT_ATOMS:
        return 1.0, TABLE_UNIT_ATOMS[unit]
    for word, scale in TABLE_SCALES:
        if unit.startswith(word) and unit[len(word):] in TABLE_UNIT_ATOMS:
            return scale, TABLE_UNIT_ATOMS[unit[len(word):]]
    return None


def _unit_list(text: str) -> list[str]:
    """The units a 单位 statement names: ["亿元"] for 亿元, ["亿元", "%"] for 亿元、%;
    [] when a part is not a unit."""
    parts = [p for p in UNIT_LIST_SPLIT_RE.split(text.strip()) if p]
    return parts if parts and all(_unit_info(p) for p in parts) else []


def _is_change_header(header: str) -> bool:
    """A column of amounts added or lost (较年初增加, 增量), not of levels or rates."""
    return any(w in header for w in CHANGE_HEADER_WORDS)


def _column_unit(units: list[str], header: str) -> str:
    """The unit of a column under a 单位 list (亿元、%): a rate column (同比增长, 占比, …率)
    takes the list's percent unit, any other column its first other unit."""
    percent = [u for u in units if _unit_info(u)[1] in ("%", "‰")]
    others = [u for u in units if u not in percent]
    rate = not _is_change_header(header) and any(w in header for w in PERCENT_HEADER_WORDS)
    if rate and percent:
        return percent[0]
    return others[0] if others else ""


def _split_unit(segment: str) -> tuple[str, str]:
    """(segment without its unit, unit) for a header such as "科技企业孵化器 (个)"."""
    m = UNIT_IN_CAPTION_RE.search(segment)
    if m and _unit_info(m.group(1)):
        return segment[:m.start()].strip(), m.group(1).strip()
    m = _UNIT_AFTER_SLASH.search(segment)
    if m and _unit_info(m.group(1)):
        return segment[:m.start()].strip(), m.group(1).strip()
    m = _PERCENT_AT_END.search(segment)
    if m:
        return segment[:m.start()].strip(), m.group(1)
    if _unit_info(segment) and not segment.isdigit():
        return "", segment.strip()
    return segment, ""


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
        rest, u = _split_unit(seg)
        unit = u or unit
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
    return _unit_info(unit)


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
    if _is_change_header(header) and unit_normalized not in ("%", "‰", "score", "rank", "times"):
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
        return [t for r in rows if (t := _squash(r[k])) and t not in STAT_WORDS and not YEAR_SEGMENT_RE.match(t)]

    placeish = [k for k in range(label_count)
                if (col := names(k)) and 2 * sum(1 for t in col if _whole_place(t)) >= len(col)]
    others = [k for k in range(label_count) if k not in placeish and names(k)]
    return placeish[-1] if placeish and others else None


def _row_subject(labels: list[str], label_header: str, place_col: int | None = None) -> tuple[str, str, str]:
    """(subject, statistic word, indicator from the row) of a row's labels; a
    year label (2021年) is left to the year, not the subject."""
    if place_col is not None:  # (indicator, place) rows: the place column names the subject
        place = _whole_place(_squash(labels[place_col]))
        rest = [_squash(x) for k, x in enumerate(labels) if k != place_col and x]
        stat = next((x for x in rest + [_squash(labels[place_col])] if x in STAT_WORDS), "")
        return place, stat, "/".join(x for x in rest if x not in STAT_WORDS and not YEAR_SEGMENT_RE.match(x))
    labels = [_squash(x) for x in labels if x and not YEAR_SEGMENT_RE.match(x)]
    stat = next((x for x in labels if x in STAT_WORDS), "")
    rest = [x for x in labels if x not in STAT_WORDS]
    if label_header in INDICATOR_HEADERS or (rest and _split_unit(rest[-1])[1]):
        indicator = rest[-1] if rest else ""
        # 四川R&D经费支出: a row of a place's indicator names the place first
        place, tail = _leading_place(indicator)
        return place, stat, tail if place else indicator
    return (rest[-1] if rest else ""), stat, ""


def _leading_place(label: str) -> tuple[str, str]:
    """(place, rest) when ``label`` starts with a place name followed by an indicator, else ("", label)."""
    places = find_places(label)
    if places and places[0][1] == 0:
        end = places[0][2]
        # 广东地区生产总值: the place is 广东, the indicator the statistical term 地区生产总值 (GDP)
        if label[:end].endswith("地区") and label[end - 2:].startswith("地区生产总值"):
            end -= 2
        rest = label[end:].lstrip("的 ")
        if len(rest) >= 2 and _split_unit(rest)[0]:
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
    layout: _Layout
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


def _frame(table: Table, document: Document, passages: list[Passage]) -> _TableFrame:
    """The shared context of ``table``'s cells."""
    layout = _layout(document.text, table.char_start, table.char_end)
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
        units=_unit_list(table.unit) or ([table.unit] if table.unit else []),
        item_measure=_item_measure(table.caption), unit_col=unit_col, name_cols=name_cols,
        place_col=_place_column([[row[k].text for k in name_cols] for row in layout.rows], len(name_cols)),
        scoreish=any(w in context for w in SCORE_WORDS))


def _row(frame: _TableFrame, cells: list[_Cell]) -> _Row:
    """The subject, statistic, indicator, unit and year a row's labels give."""
    labels = [c.text for c in cells[:frame.layout.label_count]]
    names = [labels[k] for k in frame.name_cols]
    subject, stat, row_indicator = _row_subject(names, frame.layout.label_header, frame.place_col)
    indicator, unit, year, _ = _describe_path(row_indicator)
    indicator = PART_MARK_RE.sub("", indicator)
    measure = frame.item_measure
    if measure and indicator and not MEASURE_END_RE.search(indicator) and measure not in indicator:
        indicator += measure  # 粮食 in a table of 产量: 粮食产量
    uc = frame.unit_col
    if uc is not None and labels[uc] and not _is_missing(labels[uc]):
        unit = labels[uc]
    year_label = next((YEAR_SEGMENT_RE.match(x) for x in labels if YEAR_SEGMENT_RE.match(x)), None)
    year = year or (int(year_label.group(1)) if year_label else None)
    return _Row(labels, subject, stat, indicator, unit, year)


def _column(frame: _TableFrame, j: int) -> _Column:
    """What the header of column ``j`` says."""
    header = frame.table.columns[j]
    stated, unit, year, period = _describe_path(header)
    indicator, place, growth = _split_column(stated)
    units = frame.units
    table_unit = _column_unit(units, header) if len(units) > 1 else (units[0] if units else "")
    return _Column(header, indicator, stated, unit, year, period, place, growth, table_unit)


def _cell_what(frame: _TableFrame, row: _Row, col: _Column) -> tuple[str, str]:
    """(subject, indicator): the row's place, else the column's, else the table's; the row's and
    the column's indicator words, else the caption's."""
    subject = row.subject or col.place or frame.place
    indicator = "/".join(x for x in (row.indicator, col.indicator) if x) or _caption_indicator(frame.table.caption)
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
    return year, period


def _cell_unit(frame: _TableFrame, cell: _Cell, unit: str, value_text: str) -> tuple[float, str] | None:
    """(scale, unit_normalized) of a cell's unit; None (logged) for a unit kb does not know. No unit
    stated: an index when the table says so (or the value has decimals), else a count."""
    info = _quantity(value_text, unit) if unit else None
    if info is not None:
        return info
    if unit:
        logger.info("%s: unknown unit %r in %s; cell skipped", frame.table.table_id, unit, cell.text)
        return None
    return (1.0, "score") if frame.scoreish or "." in value_text else (1.0, "count")


def _cell_fact(frame: _TableFrame, row: _Row, cell: _Cell, j: int) -> Fact | None:
    """The Fact of the cell in column ``j`` of ``row``; None for a cell that is no figure."""
    m = NUMBER_CELL_RE.match(cell.text)
    if cell.start < 0 or not m or not _is_number(cell.text):
        return None
    col = _column(frame, j)
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
                          subject, "table", table.table_id),
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
    for cells in frame.layout.rows:
        row = _row(frame, cells)
        for j in range(frame.layout.label_count, len(cells)):
            fact = _cell_fact(frame, row, cells[j], j)
            if fact is not None:
                facts.append(fact)
    return facts


# --- CSV output ---------------------------------------------------------------

def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """CSV of ``header`` and ``rows``, UTF-8 with BOM, \\r\\n line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" line ends: what Excel expects
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def table_csv_bytes(table: Table) -> bytes:
    """The flattened table as CSV, UTF-8 with BOM, header = columns."""
    return _csv_bytes(table.columns, table.rows)


def index_csv_bytes(tables: list[Table]) -> bytes:
    """index.csv: one line per table (id, caption, document, shape, unit, notes)."""
    rows = [[t.table_id, t.caption, t.doc_id, len(t.rows), len(t.columns), t.unit, " ".join(t.notes)]
            for t in sorted(tables, key=lambda t: (t.doc_id, t.ordinal))]
    return _csv_bytes(list(INDEX_COLUMNS), rows)


def write_tables(tables: list[Table], directory: Path) -> None:
    """Write <table_id>.csv for each table and index.csv listing them."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for table in tables:
            (directory / f"{table.table_id}.csv").write_bytes(table_csv_bytes(table))
        (directory / "index.csv").write_bytes(index_csv_bytes(tables))
    except OSError as exc:
        raise KbError(f"cannot write tables to {directory}: {exc.strerror}; choose another --tables-dir") from exc
