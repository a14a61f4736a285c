"""Raw blocks of a plain-text or Markdown chunk.

The chunk's lines are read in order: the title block at the top of a
document is split off (kb.ingest.title_block); page furniture and metadata
lines are taken out (their metadata kept); blank lines separate groups; each
group becomes blocks: runs of table rows, paragraphs rejoined from their
wrapped lines, headings, captions, notes and list items (kb.ingest.lines).
"""

from __future__ import annotations

from kb.ingest.furniture import furniture_step, is_nav_line, is_noise_line
from kb.ingest.headings import numbered_level
from kb.ingest.aligned import tab_aligned_tables
from kb.ingest.lines import clean_line, is_table_line, line_kind, table_rows, width
from kb.ingest.metadata import BYLINE, NAME_SEP, NAMES_LINE, meta_line, record_meta
from kb.ingest.normalize import normalize_text
from kb.ingest.raw import RawBlock
from kb.ingest.title_block import title_block
from kb.ingest.wrap import END_PUNCT, Layout, layout_of

FULL_WIDTH_SHARE = 0.7           # a line this share of the wrap width or wider runs to the margin


# --- lines taken out: rules (line, markdown, metadata) → "drop" / "break" (ends a group) ---

def noise_rule(line: str, markdown: bool, meta: dict) -> str | None:
    """An HTML comment, breadcrumb, footer or (plain text) navigation line: dropped."""
    if is_noise_line(line) or (is_nav_line(line.strip()) and not markdown):
        return "drop"
    return None


def meta_line_rule(line: str, markdown: bool, meta: dict) -> str | None:
    """A dateline/source/byline line: its metadata recorded, the line ends its group."""
    found = meta_line(line.strip())
    if found is None:
        return None
    record_meta(found, meta)
    return "break"


def byline_rule(line: str, markdown: bool, meta: dict) -> str | None:
    """A byline ("记者：张三", "□ 张三"): the author recorded, the line dropped."""
    by = BYLINE.match(normalize_text(line.strip()))
    if not by:
        return None
    meta.setdefault("author", "、".join(NAME_SEP.split(by.group(1).strip())))
    return "drop"


LINE_FILTERS = (noise_rule, meta_line_rule, byline_rule)


def line_action(line: str, markdown: bool, meta: dict) -> str:
    """"keep", or what the first of LINE_FILTERS that takes the line says ("drop", "break")."""
    for rule in LINE_FILTERS:
        action = rule(line, markdown, meta)
        if action:
            return action
    return "keep"


def line_groups(lines: list, markdown: bool, meta: dict) -> list[list]:
    """The kept lines in groups separated by blank lines (and by metadata lines). Table rows
    are data, never furniture (short cells look like a menu); a reading list's titles go."""
    groups: list[list] = []
    current: list = []
    in_list = False
    rows = table_rows(lines)
    for k, (line, n) in enumerate(lines):
        if k in rows:
            in_list = False
            current.append((line, n))
            continue
        if line.strip():
            drop, in_list = furniture_step(normalize_text(line), in_list)
            action = "drop" if drop else line_action(line, markdown, meta)
        else:
            action = "break"
        if action == "keep":
            current.append((line, n))
        elif action == "break" and current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


# --- one group of lines → blocks ---------------------------------------------

def starts_table(group: list, idx: int, table: RawBlock | None) -> bool:
    """Line ``idx`` is a table row: inside a table, or the first of two table lines."""
    line = group[idx][0]
    return is_table_line(line) and (table is not None or sum(is_table_line(l) for l, _ in group[idx:idx + 2]) >= 2)


def table_row(line: str) -> str:
    """A table row's text: a pipe row normalised whole, tab cells normalised one by one."""
    row = line.strip(" \n")
    if row.lstrip().startswith("|"):
        return normalize_text(row)
    return "\t".join(normalize_text(c) for c in row.split("\t"))


def continues_paragraph(kind: str, level: int, text: str, line: str, markdown: bool) -> bool:
    """A line that goes on the open paragraph: a paragraph line, or a short unnumbered line
    (a level-2 heading candidate) that is not a Markdown heading."""
    if kind == "paragraph":
        return True
    return (kind == "heading" and level == 2 and not text.startswith("#")
            and not (markdown and line.lstrip().startswith("#")))


def stays_heading(text: str, para: RawBlock | None, last: bool, layout: Layout) -> bool:
    """An unnumbered short line inside a group is a heading only when it is clearly shorter
    than the wrap width of hard-wrapped text and followed by more lines (print headline)."""
    return (para is None and not last and layout.hard_wrapped
            and not width(text) >= FULL_WIDTH_SHARE * layout.wrap_width)


def ends_line_paragraph(para: RawBlock, layout: Layout) -> bool:
    """In text that is not hard-wrapped (one paragraph a line), the open paragraph ends with its
    line when that line ends a sentence."""
    return not layout.hard_wrapped and bool(para.pieces) and para.pieces[-1][0].rstrip()[-1:] in END_PUNCT


def is_heading_candidate(kind: str, level: int, line: str, group_size: int) -> bool:
    """The line is a short unnumbered heading candidate inside a group of several lines (a
    numbered heading, 三、… or （四）…, is a heading wherever it stands)."""
    return (kind == "heading" and level == 2 and not line.lstrip().startswith("#") and group_size > 1
            and not numbered_level(line.strip()))


def add_line(out: list[RawBlock], para: RawBlock | None, line: str, n: int, *, markdown: bool,
             layout: Layout, last: bool, group_size: int) -> RawBlock | None:
    """Put one text line of a group into ``out``; the paragraph (or list item) left open."""
    text = clean_line(line, markdown)
    if not text:
        return para
    kind, level, body = line_kind(text, markdown)
    if para is not None and ends_line_paragraph(para, layout):
        para = None  # one paragraph a line: a line that ends a sentence ends its paragraph
    if para is not None and continues_paragraph(kind, level, text, line, markdown):
        para.pieces.append((text, n))
        return para
    if is_heading_candidate(kind, level, line, group_size) and not stays_heading(text, para, last, layout):
        kind = "paragraph"
    if kind == "paragraph":
        if para is None:
            para = RawBlock("paragraph")
            out.append(para)
        para.pieces.append((text, n))
        return para
    if kind == "list_item":
        item = RawBlock("list_item", [(body, n)])
        out.append(item)
        return item
    out.append(RawBlock(kind, [(body, n)] if body else [], level))
    return None


def is_cut_full_line(out: list[RawBlock], group: list, layout: Layout) -> bool:
    """A group of one full-width line read as a heading: a paragraph line cut by a blank line."""
    return (layout.hard_wrapped and len(out) == 1 and out[0].kind == "heading" and out[0].level == 2
            and width(out[0].text) >= FULL_WIDTH_SHARE * layout.wrap_width and len(group) == 1)


def group_blocks(group: list, markdown: bool, layout: Layout) -> list[RawBlock]:
    """Blocks of one blank-line-separated group of lines."""
    out: list[RawBlock] = []
    para: RawBlock | None = None
    table: RawBlock | None = None
    for idx, (line, n) in enumerate(group):
        if starts_table(group, idx, table):
            para = None
            if table is None:
                table = RawBlock("table")
                out.append(table)
            table.pieces.append((table_row(line), n))
            continue
        table = None
        para = add_line(out, para, line, n, markdown=markdown, layout=layout,
                        last=idx + 1 >= len(group), group_size=len(group))
    if is_cut_full_line(out, group, layout):
        out[0].kind, out[0].level = "paragraph", 0
    return out


def take_author_lines(blocks: list[RawBlock], meta: dict) -> list[RawBlock]:
    """Before the first real paragraph (over 40 characters), a line of two to four short names
    is the authors' line: recorded as the author, not kept as text."""
    out = []
    seen_paragraph = False
    for block in blocks:
        if block.kind in ("paragraph", "heading") and not seen_paragraph and NAMES_LINE.match(block.text):
            meta.setdefault("author", "、".join(block.text.split()))
            continue
        seen_paragraph = seen_paragraph or (block.kind == "paragraph" and len(block.text) > 40)
        out.append(block)
    return out


def text_blocks(chunk: str, first_line: int, markdown: bool, meta: dict, top: bool = False) -> list[RawBlock]:
    """Blocks of plain text / Markdown lines; blank lines separate groups.

    ``top``: the chunk opens the document, so its first lines may be the title block."""
    lines = [(l.replace("\u00a0", " "), first_line + k) for k, l in enumerate(chunk.split("\n"))]
    lines = tab_aligned_tables(lines)     # tables typeset with spaces become tab-separated rows
    lines = [(l.replace("\u3000", " "), n) for l, n in lines]
    layout = layout_of(lines)
    head_blocks, lines = title_block(lines, markdown, meta) if top else ([], lines)
    body = [b for group in line_groups(lines, markdown, meta) for b in group_blocks(group, markdown, layout)]
    return list(head_blocks) + take_author_lines(body, meta)
