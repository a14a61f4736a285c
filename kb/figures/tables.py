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

from kb.figures.linking.cues import YEAR
from kb.errors import KbError
from kb.text.gazetteer import find_places
from kb.models import Document, Fact, Passage, Table, stable_id, unit_is_allowed

logger = logging.getLogger(__name__)

BLANK_LABEL = "项目"        # name of a row-label column whose header is blank
GROUP_LABEL = "分组"        # name of the column holding side-by-side group names
INDEX_COLUMNS = ("table_id", "caption", "doc_id", "rows", "columns", "unit", "notes")

CAPTION_RE = re.compile(r"^\s*(?:续)?表\s*[0-9一二三四五六七八九十]+(?:[-－.．][0-9]+)?(?![0-9])")
NOTE_RE = re.compile(r"^\s*(?:注\s*\d*\s*[：:]|资料来源\s*[：:]|数据来源\s*[：:]|来源\s*[：:]|说明\s*[：:]|注释\s*[：:])")
UNIT_LINE_RE = re.compile(r"^\s*[（(]?\s*单位\s*[：:]\s*([^）)\s]{1,12})\s*[)）]?\s*$")
UNIT_IN_CAPTION_RE = re.compile(r"[（(]\s*(?:单位\s*[：:]\s*)?([^（）()]{1,10})\s*[)）]\s*$")
UNIT_AT_END_RE = re.compile(r"\s单位\s*[：:]\s*([^\s（）()，,。]{1,10})\s*$")  # 表2 … 单位：亿元
PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
PIPE_SEPARATOR_CELL_RE = re.compile(r"^\s*:?-{2,}:?\s*$")
NUMBER_CELL_RE = re.compile(
    r"^(?P<qual>约|近|超过|超|逾|不足|不到)?\s*(?P<num>[-−+]?\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<unit>%|％|‰|[\u4e00-\u9fffA-Za-z]{1,4})?\s*(?P<mark>[*＊]|[①-⑩])?$"
)
YEAR_SEGMENT_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*(?:末|底|度|全年)?\s*$")
RANGE_SEGMENT_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})\s*年?\s*$")
RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})(?!\d)")
MISSING = {"", "-", "—", "–", "－", "——", "…", "……", "/", "NA", "N/A", "na", "x", "×"}

# Row labels that are statistics of a group, not subjects (京津冀 / 均值).
STAT_WORDS = ("总量", "总计", "合计", "小计", "总和", "均值", "平均值", "平均", "中位数",
              "最大值", "最小值", "标准差", "增量", "增速", "增长率", "占比")
# Headers of a row-label column whose rows are indicators, not subjects.
INDICATOR_HEADERS = ("指标", "项目", "指标名称", "主要指标")
# Words that mark a dimensionless index when no unit is stated.
SCORE_WORDS = ("指数", "活跃度", "得分", "评分", "分值", "协同度", "耦合度", "协调度", "综合")
GROWTH_WORDS = ("增长", "增速", "增幅", "同比", "比上年", "环比", "变化率")
# A column that only says "growth" (比上年增长(%), 增速): the rate of the row's indicator.
GROWTH_COLUMN_RE = re.compile(
    r"^(?:比上年同期|比上年末|比上年|比去年|较上年|较去年|同比|环比|年均)?"
    r"(?:增长率?|增速|增幅|增减率?|增减幅度|增长速度|变化率|变动率)$")
LEADING_YEAR_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*年(?:末|底|度|全年)?\s*")
# Caption endings too general to name what a growth column measures (主要经济指标).
GENERIC_CAPTION_ENDS = ("指标", "情况", "数据", "统计", "一览", "概况")
# Columns that only say "the value" (绝对数): not part of what the cell measures.
VALUE_HEADERS = ("绝对数", "绝对值", "绝对额", "数值", "数额", "实际值", "实绩", "完成值", "本年", "本期",
                 "全年", "当年", "数据")

SCALES = (("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7),
          ("百万", 1e6), ("十万", 1e5), ("万", 1e4), ("千", 1e3), ("百", 1e2))
BASE_UNITS = {
    "元": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR", "日元": "JPY", "英镑": "GBP",
    "港元": "HKD", "港币": "HKD", "韩元": "KRW",
    "个": "count", "家": "count", "件": "count", "篇": "count", "项": "count", "所": "count",
    "座": "count", "台": "count", "部": "count", "次": "count", "款": "count", "只": "count",
    "种": "count", "条": "count", "套": "count", "张": "count", "册": "count", "份": "count",
    "处": "count", "栋": "count", "单": "count", "头": "count", "株": "count", "艘": "count",
    "架": "count", "例": "count", "床": "count", "户": "household", "人": "person",
    "名": "person", "人次": "person-time", "吨": "t", "千克": "kg", "公斤": "kg", "斤": "jin",
    "公里": "km", "千米": "km", "米": "m", "平方米": "m2", "平方公里": "km2", "平方千米": "km2",
    "亩": "mu", "公顷": "ha", "千瓦时": "kWh", "度": "kWh", "千瓦": "kW", "瓦": "W",
    "兆瓦": "MW", "吉瓦": "GW", "小时": "h", "天": "day", "辆": "vehicle", "标准箱": "teu",
    "立方米": "m3", "升": "L", "%": "%", "％": "%", "‰": "‰", "百分点": "pp",
    "个百分点": "pp", "倍": "times", "位": "rank", "分": "score", "TB": "TB", "PB": "PB", "EB": "EB",
}
COUNT_LIKE = {"count", "person", "person-time", "household", "vehicle"}
# A row-label column headed so holds each row's unit (指标 | 单位 | 2022年 | 2023年 | 增长%).
UNIT_COLUMN_HEADERS = ("单位", "计量单位")
# A 单位 list (单位：亿元、%) names one unit per kind of column.
UNIT_LIST_SPLIT_RE = re.compile(r"\s*[、，,；;]\s*")
# Column words of a rate in % (同比增长, 占比, 不良率) and of an amount beside it (较年初增加).
PERCENT_HEADER_WORDS = ("增长", "增速", "增幅", "同比", "环比", "比重", "占比", "构成", "百分比", "率")
CHANGE_HEADER_WORDS = ("增加", "减少", "增减额", "增量", "多增", "少增", "增长额", "净增")
# A caption ending in a measure (主要农产品产量) whose rows are bare items (粮食, 水泥): each
# row's indicator is the item's measure (粮食产量); a row that names a measure keeps its own.
ITEM_MEASURES = ("产量", "产值", "销量", "销售量", "销售额", "播种面积", "面积", "出口额", "进口额",
                 "进出口额", "增加值", "营业收入", "利润总额")
MEASURE_END_RE = re.compile(r"(?:量|值|额|数|率|栏|积|入|出|价|费|比|重|模|资|润|耗|储|总|支)$")
# 其中：住户存款 / #住户存款: a part of the row above, named by what follows the marker.
PART_MARK_RE = re.compile(r"^(?:其中\s*[：:，,]?|[#＃]+)\s*")


# --- row lines and cells ------------------------------------------------------

@dataclass(frozen=True)
class _Cell:
    """Cell text with its span in Document.text; start == -1 for a synthetic (carried) cell."""

    text: str
    start: int
    end: int


def _strip_span(line: str, a: int, b: int, base: int) -> _Cell:
    raw = line[a:b]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = base + a + lead
    return _Cell(text, start, start + len(text))


def _tab_cells(line: str, base: int) -> list[_Cell]:
    cells, a = [], 0
    for b in [i for i, ch in enumerate(line) if ch == "\t"] + [len(line)]:
        cells.append(_strip_span(line, a, b, base))
        a = b + 1
    return cells


def _pipe_cells(line: str, base: int) -> list[_Cell]:
    bars = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    return [_strip_span(line, a + 1, b, base) for a, b in zip(bars, bars[1:])]


def _row_kind(line: str) -> str:
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
    m = NUMBER_CELL_RE.match(text)
    return bool(m) and (m.group("unit") or "") != "年"


def _is_missing(text: str) -> bool:
    return text.strip() in MISSING


# --- detection -------------------------------------------------------------------

def _table_spans(document: Document) -> list[tuple[int, int]]:
    """Spans of table blocks: the loader's table blocks plus runs of row lines it missed."""
    spans = [(b.start, b.end) for b in document.blocks if b.kind == "table"]
    run: list[tuple[int, int, str]] = []
    kind = ""

    def close() -> None:
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
    for s, e, line in _lines(text[start:end]):
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
    parts: list[str] = []
    for row in texts:
        if row[j] and (not parts or parts[-1] != row[j]):
            parts.append(row[j])
    return "/".join(parts)


@dataclass
class _Layout:
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
    rows, separator_at = _grid(text, start, end)
    if not rows:
        return _Layout([], 0, [], "")
    width = len(rows[0])
    nh = _header_count(rows, separator_at)
    header, data = rows[:nh], rows[nh:]
    labels = _label_count(data, width) if data else 1
    period = _blocks(header, data, labels, width)
    block_starts = list(range(0, width, period))
    texts = [[c.text for c in row] for row in header]
    for s in block_starts:  # spanning cells never cross a block or the label columns
        filled = _fill_header(header, range(s + labels, s + period))
        for r in range(nh):
            texts[r][s + labels:s + period] = filled[r][s + labels:s + period]
    label_heads = [[_path(texts, s + k) for k in range(labels)] for s in block_starts]
    split = len(block_starts) > 1
    groups = split and len({tuple(h) for h in label_heads}) > 1
    label_names = [h if h and not groups else BLANK_LABEL for h in label_heads[0]]
    if groups and labels == 1 and all(_is_generic_label(h[0]) for h in label_heads):
        groups, label_names = False, [label_heads[0][0]]
    value_names = [_path(texts, j) or f"列{j + 1}" for j in range(labels, period)]
    columns = ([GROUP_LABEL] if groups else []) + label_names + value_names
    out: list[list[_Cell]] = []
    for b, s in enumerate(block_starts):
        group = " ".join(label_heads[b]).strip()
        carry = [""] * labels
        for row in data:
            part = row[s:s + period]
            if not any(c.text for c in part):
                continue
            cells = list(part)
            for k in range(labels - 1):  # merged labels: carry down all but the last
                if cells[k].text:
                    carry[k] = cells[k].text
                elif carry[k] and any(c.text for c in cells[labels:]):
                    cells[k] = _Cell(carry[k], -1, -1)
            out.append(([_Cell(group, -1, -1)] if groups else []) + cells)
    stated = "" if groups else next((h for h in label_heads[0] if h), "")
    return _Layout(_unique(columns), labels + (1 if groups else 0), out, stated)


def _is_generic_label(text: str) -> bool:
    return text in ("地区", "城市", "省份", "省市", "区域", "国家", "名称", "项目", "指标", "序号", "排名", "年份", "")


def _unique(columns: list[str]) -> list[str]:
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
    if unit in BASE_UNITS:
        return 1.0, BASE_UNITS[unit]
    for word, scale in SCALES:
        if unit.startswith(word) and unit[len(word):] in BASE_UNITS:
            return scale, BASE_UNITS[unit[len(word):]]
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
    m = re.search(r"[/／]\s*([^/／]{1,6})$", segment)
    if m and _unit_info(m.group(1)):
        return segment[:m.start()].strip(), m.group(1).strip()
    m = re.search(r"(?<=[\u4e00-\u9fff])\s*([%‰])$", segment)  # 增长% written without brackets
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
    return re.sub(r"(?:19|20)\d{2}\s*年?", "", text).strip(" ：:，,")


def _item_measure(caption: str) -> str:
    """The measure a caption gives its item rows (表1 主要农产品产量 → 产量), else ""."""
    what = _caption_indicator(caption)
    return next((m for m in sorted(ITEM_MEASURES, key=len, reverse=True) if what.endswith(m)), "")


def _squash(text: str) -> str:
    """Drop spaces between CJK characters (PDF capture splits 大湾区 九市)."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text).strip()


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
    if unit_normalized in COUNT_LIKE:
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
    for p in passages:
        if p.start <= offset < p.end:
            return p.passage_id
    return ""


def table_facts(table: Table, document: Document, passages: list[Passage]) -> list[Fact]:
    """One Fact per numeric cell, cited by its span in the document text."""
    if table.doc_id != document.doc_id or table.char_end > len(document.text):
        raise KbError(f"table {table.table_id} does not belong to document {document.doc_id}; "
                      "pass the document the table was found in")
    layout = _layout(document.text, table.char_start, table.char_end)
    labels_n = layout.label_count
    caption_years = RANGE_RE.findall(table.caption)
    caption_year = YEAR.findall(RANGE_RE.sub("", table.caption))
    context = table.caption + " " + " ".join(layout.columns)
    table_place = _table_place(table, document)
    year_columns = _column_years(table.columns[labels_n:])
    # a 单位 label column states each row's unit; it names neither subject nor indicator
    unit_col = next((k for k in range(labels_n) if table.columns[k] in UNIT_COLUMN_HEADERS), None)
    name_cols = [k for k in range(labels_n) if k != unit_col]
    table_units = _unit_list(table.unit) or ([table.unit] if table.unit else [])
    item_measure = _item_measure(table.caption)
    place_col = _place_column([[row[k].text for k in name_cols] for row in layout.rows], len(name_cols))
    facts: list[Fact] = []
    for row in layout.rows:
        labels = [c.text for c in row[:labels_n]]
        names = [labels[k] for k in name_cols]
        row_subject, stat, row_indicator = _row_subject(names, layout.label_header, place_col)
        row_ind, row_unit, row_year, _ = _describe_path(row_indicator)
        row_ind = PART_MARK_RE.sub("", row_ind)
        if item_measure and row_ind and not MEASURE_END_RE.search(row_ind) and item_measure not in row_ind:
            row_ind += item_measure  # 粮食 in a table of 产量: 粮食产量
        if unit_col is not None and labels[unit_col] and not _is_missing(labels[unit_col]):
            row_unit = labels[unit_col]
        year_label = next((YEAR_SEGMENT_RE.match(x) for x in labels if YEAR_SEGMENT_RE.match(x)), None)
        row_year = row_year or (int(year_label.group(1)) if year_label else None)
        for j in range(labels_n, len(row)):
            cell = row[j]
            m = NUMBER_CELL_RE.match(cell.text)
            if cell.start < 0 or not m or not _is_number(cell.text):
                continue
            col_ind, col_unit, year, period = _describe_path(table.columns[j])
            col_growth_word = col_ind
            col_ind, col_place, growth = _split_column(col_ind)
            # who: the row's place, else the column's, else the table's
            subject = row_subject or col_place or table_place
            indicator = "/".join(x for x in (row_ind, col_ind) if x) or _caption_indicator(table.caption)
            if growth and not (row_ind or col_ind) and (not indicator or indicator.endswith(GENERIC_CAPTION_ENDS)):
                indicator = col_growth_word  # 主要指标 … 增速: the column's word says more than the caption
            indicator += stat
            if growth and year_columns and period is None:
                # a growth column beside year columns: from the earlier year(s) to the latest
                first = year_columns[0] if growth == "cagr" or len(year_columns) < 2 else year_columns[-2]
                year = year or year_columns[-1]
                if first < year:
                    period = (first, year)
            if len(table_units) > 1:
                table_unit = _column_unit(table_units, table.columns[j])
            else:
                table_unit = table_units[0] if table_units else ""
            unit = m.group("unit") or col_unit or row_unit or table_unit
            value_text = m.group("num").replace(",", "").replace("−", "-")
            value = float(value_text)
            year = year or row_year
            if growth == "cagr" and period is not None:
                year = None  # an average over the period, not one year's figure
            if year is None and period is None:
                if caption_years:
                    period = (int(caption_years[0][0]), int(caption_years[0][1]))
                elif len(set(caption_year)) == 1:
                    year = int(caption_year[0])
                if growth == "growth" and period is not None:
                    year = period[1]  # 2022—2023年 … 增长: the rate of the later year
            info = _quantity(value_text, unit) if unit else None
            if info is None:
                if unit:
                    logger.info("%s: unknown unit %r in %s; cell skipped", table.table_id, unit, cell.text)
                    continue
                # no unit stated: an index when the table says so, else a count or a score
                scoreish = any(w in context for w in SCORE_WORDS) or "." in value_text
                info = (1.0, "score") if scoreish else (1.0, "count")
            scale, unit_normalized = info
            normalized = value * scale
            row_label = " ".join(x for x in labels if x)
            fact = Fact(
                fact_id=stable_id("f", document.doc_id, cell.start, cell.end, cell.text, unit,
                                  subject, "table", table.table_id),
                doc_id=document.doc_id, doc_path=document.doc_path,
                passage_id=_passage_at(passages, cell.start),
                char_start=cell.start, char_end=cell.end,
                quote=f"{table.caption or table.table_id}｜{row_label}｜{table.columns[j]}",
                subject=subject, indicator=_squash(indicator), year=year,
                period_start=period[0] if period else None, period_end=period[1] if period else None,
                value=value, unit=unit, value_normalized=normalized, unit_normalized=unit_normalized,
                claim_type=(_growth_claim(growth, unit_normalized)
                            or _change_claim(table.columns[j], unit_normalized)
                            or _claim_type(unit_normalized, indicator, normalized)),
                qualifier=m.group("qual") or "", source_kind="table", table_id=table.table_id,
                value_text=value_text, scale=scale,
            )
            facts.append(fact)
    return facts


# --- CSV output ---------------------------------------------------------------

def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
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
