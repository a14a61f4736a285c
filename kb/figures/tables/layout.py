"""Find the tables in a document's clean text and flatten them (``find_tables``, ``flatten``).

A table in ``Document.text`` is a run of row lines: cells separated by tabs
(tab-separated sources and converted HTML) or Markdown pipe rows. Around it sit
a caption (``表N …``) before it and notes (``注：…``, ``资料来源：…``) after it.
``flatten`` derives the layout from the text span of a table, so a Table read
back from the store still yields cell offsets (kb.figures.tables.cells).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from kb.figures.tables.table_units import UNIT_IN_CAPTION_RE, unit_list
from kb.models import Document, Table, table_id_for
from kb.text.vocab import alternation, regex, words

logger = logging.getLogger(__name__)

BLANK_LABEL = "项目"        # name of a row-label column whose header is blank
GROUP_LABEL = "分组"        # name of the column holding side-by-side group names
CAPTION_RE = regex("tables", "caption")
NOTE_RE = regex("tables", "note")
UNIT_LINE_RE = regex("tables", "unit_line")
UNIT_AT_END_RE = regex("tables", "unit_at_end")
PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
PIPE_SEPARATOR_CELL_RE = re.compile(r"^\s*:?-{2,}:?\s*$")
NUMBER_CELL_RE = re.compile(
    rf"^(?P<qual>{alternation(words('tables', 'cell_qualifiers'))})?\s*(?P<num>[-−+]?\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<unit>%|％|‰|[\u4e00-\u9fffA-Za-z]{1,4})?\s*(?P<mark>[*＊]|[①-⑩])?$"
)
YEAR_SEGMENT_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*(?:末|底|度|全年)?\s*$")
RANGE_SEGMENT_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]+\s*((?:19|20)\d{2})\s*年?\s*$")
MISSING = set(words("tables", "missing_cells"))
GENERIC_LABELS = words("tables", "generic_labels")
# Headers of a column that numbers the rows (名次 | 企业名称 | …): the name after it labels the row.
ORDER_HEADERS = frozenset(words("tables", "order_headers"))


# --- row lines and cells ------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """Cell text with its span in Document.text; start == -1 for a synthetic (carried) cell."""

    text: str
    start: int
    end: int


def _strip_span(line: str, a: int, b: int, base: int) -> Cell:
    """The cell of ``line[a:b]`` stripped, with its span in the document (``base``: the line's offset)."""
    raw = line[a:b]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = base + a + lead
    return Cell(text, start, start + len(text))


def _tab_cells(line: str, base: int) -> list[Cell]:
    """The cells of a tab-separated row line."""
    cells, a = [], 0
    for b in [i for i, ch in enumerate(line) if ch == "\t"] + [len(line)]:
        cells.append(_strip_span(line, a, b, base))
        a = b + 1
    return cells


def _pipe_cells(line: str, base: int) -> list[Cell]:
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


def is_number_cell(text: str) -> bool:
    """True for a numeric cell (a bare 2023年 is a year, not a figure)."""
    m = NUMBER_CELL_RE.match(text)
    return bool(m) and (m.group("unit") or "") != "年"


def is_missing_cell(text: str) -> bool:
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


def _grid(text: str, start: int, end: int) -> tuple[list[list[Cell]], int]:
    """Cells of every row line in text[start:end] (padded to one width) and the
    number of header rows fixed by a Markdown separator row (0 if none)."""
    rows: list[list[Cell]] = []
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
    rows = [r + [Cell("", r[-1].end, r[-1].end)] * (width - len(r)) for r in rows]
    # drop columns that are blank in every row (trailing tabs, spacer columns)
    keep = [j for j in range(width) if any(r[j].text for r in rows)]
    return [[r[j] for j in keep] for r in rows], separator_at


def _is_value(cell: Cell) -> bool:
    """True for a numeric cell that is not a bare year."""
    return is_number_cell(cell.text) and not YEAR_SEGMENT_RE.match(cell.text)


def _align_header(rows: list[list[Cell]], width: int) -> list[list[Cell]]:
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
    new_top: list[Cell] = []
    new_sub: list[Cell] = []
    children = iter(sub)
    for j, cell in enumerate(top):
        blank = Cell("", cell.end, cell.end)
        if j in spanning:
            new_top += [cell] + [blank] * (span - 1)
            new_sub += [next(children) for _ in range(span)]
        else:
            new_top.append(cell)
            new_sub.append(blank)
    return [new_top, new_sub] + rows[2:]


def _header_count(rows: list[list[Cell]], separator_at: int) -> int:
    """How many leading rows are header rows: those whose value cells hold text and no number."""
    if separator_at:
        return separator_at
    n = 0
    for row in rows:
        values = [c.text for c in row[1:]]
        has_text_value = any(v and not is_missing_cell(v) for v in values)
        numbers = [v for v in values if is_number_cell(v) and not YEAR_SEGMENT_RE.match(v)]
        if not has_text_value or numbers:
            break
        n += 1
    return max(1, n) if len(rows) > 1 else 0


def _label_count(data: list[list[Cell]], width: int, header: list[list[Cell]]) -> int:
    """Leading columns with no number in any data row: the row labels. A leading column of row
    numbers under an order header (名次, 序号: 1, 2, 3 …) is a label too, and so are the text
    columns after it (名次 | 企业名称 | 销售收入: the company names the row)."""
    n = 1 if _numbers_rows(data, header) else 0
    while n < width - 1 and not any(is_number_cell(r[n].text) for r in data):
        n += 1
    return max(1, n)


def _numbers_rows(data: list[list[Cell]], header: list[list[Cell]]) -> bool:
    """The first column is the rows' order: headed 名次/序号/排名 …, whole numbers in every row
    but a total's (— or blank: 合计 has no place in the order)."""
    head = next((row[0].text.strip() for row in reversed(header) if row and row[0].text.strip()), "")
    firsts = [r[0].text.strip() for r in data]
    ranked = [t for t in firsts if t and not is_missing_cell(t)]
    return head in ORDER_HEADERS and len(ranked) >= 2 and all(t.isdigit() for t in ranked)


def _fill_header(header: list[list[Cell]], cols: range) -> list[list[str]]:
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
class Layout:
    """A table flattened: column names, how many label columns lead, rows, the stated label header."""

    columns: list[str]
    label_count: int
    rows: list[list[Cell]]
    label_header: str = ""           # the row-label header as stated ("" when blank)


def _blocks(header: list[list[Cell]], data: list[list[Cell]], labels: int, width: int) -> int:
    """Width of one side-by-side block, or the whole width when the table is not split."""
    for period in range(labels + 1, width // 2 + 1):
        if width % period:
            continue
        starts = range(0, width, period)
        if any(any(is_number_cell(r[s + k].text) for r in data for k in range(labels)) for s in starts):
            continue
        leaves = [tuple(header[-1][s + k].text for k in range(labels, period)) for s in starts] if header else []
        if header and len(set(leaves)) == 1 and any(leaves[0]):
            return period
    return width


def flatten(text: str, start: int, end: int) -> Layout:
    """The flattened layout of the table in ``text[start:end]``: columns, label columns and rows."""
    rows, separator_at = _grid(text, start, end)
    if not rows:
        return Layout([], 0, [], "")
    width = len(rows[0])
    nh = _header_count(rows, separator_at)
    header, data = rows[:nh], rows[nh:]
    labels = _label_count(data, width, header) if data else 1
    period = _blocks(header, data, labels, width)
    block_starts = list(range(0, width, period))
    texts = _header_texts(header, labels, period, block_starts)
    label_heads = [[_path(texts, s + k) for k in range(labels)] for s in block_starts]
    groups, label_names = _label_names(label_heads, labels)
    value_names = [_path(texts, j) or f"列{j + 1}" for j in range(labels, period)]
    columns = ([GROUP_LABEL] if groups else []) + label_names + value_names
    out: list[list[Cell]] = []
    for b, s in enumerate(block_starts):
        group = " ".join(label_heads[b]).strip() if groups else None
        out += _block_rows(data, s, labels, period, group)
    stated = "" if groups else next((h for h in label_heads[0] if h), "")
    return Layout(_unique(columns), labels + (1 if groups else 0), out, stated)


def _header_texts(header: list[list[Cell]], labels: int, period: int, block_starts: list[int]) -> list[list[str]]:
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


def _block_rows(data: list[list[Cell]], s: int, labels: int, period: int, group: str | None) -> list[list[Cell]]:
    """The rows of the block starting at column ``s`` (its group name first when ``group`` is given);
    merged labels carried down, all but the last."""
    carry = [""] * labels
    out: list[list[Cell]] = []
    for row in data:
        part = row[s:s + period]
        if not any(c.text for c in part):
            continue
        cells = list(part)
        for k in range(labels - 1):
            if cells[k].text:
                carry[k] = cells[k].text
            elif carry[k] and any(c.text for c in cells[labels:]):
                cells[k] = Cell(carry[k], -1, -1)
        out.append(([Cell(group, -1, -1)] if group is not None else []) + cells)
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
        if m and unit_list(m.group(1)):
            unit = m.group(1).strip()
    return caption, notes, unit


def find_tables(document: Document) -> list[Table]:
    """Every table of the document, flattened, with caption, notes and unit."""
    tables: list[Table] = []
    for start, end in _table_spans(document):
        layout = flatten(document.text, start, end)
        if not layout.rows or len(layout.columns) < 2:
            logger.info("%s: skipped a table-like block at %d (no data rows)", document.doc_id, start)
            continue
        caption, notes, unit = _caption_and_notes(document.text, start, end)
        n = len(tables) + 1
        tables.append(Table(
            table_id=table_id_for(document.doc_id, n), doc_id=document.doc_id, ordinal=n,
            caption=caption, unit=unit, notes=notes, columns=layout.columns,
            rows=[[c.text for c in row] for row in layout.rows],
            char_start=start, char_end=end,
        ))
    return tables
