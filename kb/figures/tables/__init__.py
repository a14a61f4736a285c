"""Tables of a document: found in its clean text, flattened, their numeric cells turned into facts.

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

Modules: layout (``find_tables``: detection and flattening), cells
(``table_facts``: one Fact per numeric cell) and table_units (a table's unit
words); the CSV files are kb.store's job (``kb.store.write_tables``). Both
``find_tables`` and ``table_facts`` derive the layout from the text span of the
table, so a Table read back from the store still yields cell offsets.
"""

from kb.figures.tables.cells import table_facts
from kb.figures.tables.layout import find_tables

__all__ = ["find_tables", "table_facts"]
