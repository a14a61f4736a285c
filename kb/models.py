"""The vocabulary of kb: every stage takes and returns these pydantic models.

Offsets (``start``/``end``, ``char_start``/``char_end``) are always into the
document's canonical clean text (``Document.text``), half-open, so
``document.text[start:end]`` is the cited string.
"""

from __future__ import annotations

import hashlib
import math
from typing import Literal, Optional

from pydantic import BaseModel as PydanticModel
from pydantic import ConfigDict, Field, field_validator, model_validator


class BaseModel(PydanticModel):
    """pydantic's BaseModel with the validators built on first use, not at import: a `kb check`
    process uses 3 of the 11 models."""

    model_config = ConfigDict(defer_build=True)

# --- vocabularies -----------------------------------------------------------

CLAIM_TYPES = (
    "level", "change", "growth_rate", "cagr", "multiple", "share", "ratio",
    "difference", "rank", "count", "score",
)
ClaimType = Literal[
    "level", "change", "growth_rate", "cagr", "multiple", "share", "ratio",
    "difference", "rank", "count", "score",
]
# Base units of unit_normalized; a compound unit is "<a>/<b>" of simple units
# (e.g. "t/CNY", "CNY/person", "kWh"). Currencies other than CNY use their ISO code.
BASE_UNITS = ("CNY", "%", "‰", "pp", "times", "count", "rank", "score")
# Units of a rate, a multiple, a rank or a score: not an amount of anything
RELATIVE_UNITS = ("%", "‰", "pp", "times", "rank", "score")
CURRENCY_CODES = (
    "CNY", "USD", "EUR", "JPY", "GBP", "HKD", "KRW", "TWD", "MOP", "AUD", "CAD", "SGD", "CHF", "RUB",
    "THB", "INR", "VND", "MYR", "NZD", "SEK", "NOK", "DKK", "MXN", "BRL", "ZAR", "TRY", "AED", "SAR", "NGN",
)
PHYSICAL_UNITS = (
    "t", "kg", "jin", "km", "m", "m2", "km2", "mu", "ha", "kWh", "W", "kW", "MW",
    "GW", "person", "person-time", "household", "h", "day", "year", "month", "TB",
    "PB", "EB", "Gbps", "Mbps", "bit", "byte", "m3", "L", "vehicle", "teu",
    "EFLOPS", "PFLOPS", "FLOPS", "Hz", "kcal",
)
ALLOWED_UNIT_ATOMS = set(BASE_UNITS) | set(CURRENCY_CODES) | set(PHYSICAL_UNITS)

CheckVerdict = Literal["consistent", "inconsistent", "unverifiable"]
ClaimVerdictWord = Literal["supported", "contradicted", "not_found"]

MEASURES = (
    "level", "yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr", "share", "ratio",
    "multiple", "difference", "rank", "per_capita",
)
Measure = Literal[
    "", "level", "yoy_growth", "growth_vs_base", "avg_growth_2y", "cagr", "share", "ratio",
    "multiple", "difference", "rank", "per_capita",
]
STATUSES = ("actual", "preliminary", "estimate", "target", "forecast")
Status = Literal["actual", "preliminary", "estimate", "target", "forecast"]

# The public fact columns, in the order of ../shared/INTERFACE.md: the first
# twenty, then the identity columns added after them.
FACT_COLUMNS = (
    "fact_id", "doc_id", "doc_path", "passage_id", "char_start", "char_end",
    "quote", "subject", "indicator", "year", "period_start", "period_end",
    "value", "unit", "value_normalized", "unit_normalized", "claim_type",
    "qualifier", "source_kind", "table_id",
    "subject_key", "indicator_key", "measure", "basis", "scope",
    "period_start_month", "period_end_month", "figure_text", "status",
    "value_low", "value_high", "page", "doc_title", "doc_date",
)
# Our extensions, appended after the interface columns.
FACT_EXTRA_COLUMNS = ("direction", "value_text")


def stable_id(prefix: str, *parts: object, length: int = 12) -> str:
    """A short id that depends only on ``parts``: same input, same id."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


def printable(text: str) -> str:
    """``text`` with control characters (a newline in a file name) escaped: ids stay one line."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if _is_control(ch) else ch for ch in text)


def _is_control(ch: str) -> bool:
    return ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029"


_UNSAFE_IN_FILE_NAMES = set('/\\:*?"<>|%')
TABLE_ID_MAX_BYTES = 180     # <table_id>.csv stays well under the 255-byte file name limit


def table_id_for(doc_id: str, n: int) -> str:
    """``<doc_id>-<n>``, made a safe and stable file name for extracted_tables/: path separators,
    characters Windows refuses, ``%``, control characters and a leading dot are %-encoded (so
    different documents never share a name); a very long id is cut and ends with a hash."""
    safe = "".join(_encode_unsafe(ch) for ch in doc_id)
    if safe.startswith("."):
        safe = "%2E" + safe[1:]
    name = f"{safe}-{n}"
    if len(name.encode("utf-8")) > TABLE_ID_MAX_BYTES:
        cut = name.encode("utf-8")[:TABLE_ID_MAX_BYTES - 20].decode("utf-8", "ignore")
        name = f"{cut}~{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:10]}-{n}"
    return name


def _encode_unsafe(ch: str) -> str:
    if ch in _UNSAFE_IN_FILE_NAMES or ord(ch) < 0x20 or ord(ch) == 0x7F:
        return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
    return ch


def unit_is_allowed(unit_normalized: str) -> bool:
    """True when every atom of a (possibly compound, '/'-joined) unit is known."""
    return all(atom in ALLOWED_UNIT_ATOMS for atom in unit_normalized.split("/"))


# --- documents and their parts ----------------------------------------------

class Block(BaseModel):
    """A structural unit of the clean text, as the loader saw it."""

    kind: Literal["heading", "paragraph", "table", "caption", "note", "formula", "list_item"]
    start: int
    end: int
    level: int = 0  # heading depth (1 = top); 0 for non-headings


class Document(BaseModel):
    """One source file, decoded and cleaned."""

    doc_id: str                      # path relative to the corpus root, with extension (kb.ingest.plan)
    doc_path: str                    # path relative to the corpus root
    title: str = ""
    publisher: str = ""
    date: str = ""                   # ISO date where known (YYYY-MM-DD or YYYY-MM or YYYY)
    author: str = ""
    venue: str = ""                  # where a speech/report was delivered (…人民代表大会…会议); not the issuer
    source_format: Literal["text", "markdown", "html", "pdf", "docx", "xlsx", "csv"] = "text"
    encoding: str = "utf-8"
    content_hash: str = ""           # sha256 of the raw bytes
    text: str                        # canonical clean text
    blocks: list[Block] = Field(default_factory=list)
    # (clean_offset, source_line) anchors, sorted by offset: the source line
    # (1-based) of the clean character at clean_offset; see kb.ingest.load.source_line.
    line_map: list[tuple[int, int]] = Field(default_factory=list)
    # (clean_offset, page) anchors where each page starts, sorted by offset: empty for a
    # document without pages (text, Markdown, HTML, Word); see kb.ingest.paged.page_at.
    pages: list[tuple[int, int]] = Field(default_factory=list)
    # what the ingest should tell the user about this file (a bound that cut the work); not stored
    notes: list[str] = Field(default_factory=list, exclude=True)


class Passage(BaseModel):
    """A paragraph (or a ~300-character piece of a long one): the unit of search."""

    passage_id: str
    doc_id: str
    ordinal: int
    section: str = ""                # heading path, e.g. "四、… › （二）…"
    start: int
    end: int
    text: str
    page: Optional[int] = None       # the page it starts on, for paged sources (PDF)


class Sentence(BaseModel):
    sentence_id: str
    doc_id: str
    passage_id: str
    ordinal: int                     # position within the document
    start: int
    end: int
    text: str


# --- quantities and facts ---------------------------------------------------

class Quantity(BaseModel):
    """A figure found in a string by kb.figures.quantities, before context linking.

    ``start``/``end`` are offsets into the string that was parsed.
    """

    surface: str                     # the figure with its unit as written ("3.91万亿元")
    start: int
    end: int
    value: float                     # the number as stated (3.91)
    value_text: str                  # the digits as stated ("3.91"), for rounding precision
    unit: str = ""                   # unit as stated, scale word included ("万亿元")
    scale: float = 1.0               # multiplier from value to value_normalized (1e12)
    value_normalized: float
    unit_normalized: str             # see BASE_UNITS / compound units
    qualifier: str = ""              # 约 近 超 余 以上 左右 ... as stated
    kind_hint: str = ""              # "rank", "multiple", "percent", "count", "currency", ...
    group: Optional[int] = None      # members of one range/list share a group number
    range_role: str = ""             # "low" / "high" for a range, "" otherwise


class Fact(BaseModel):
    """A validated figure with its context and citation (a row of the fact table)."""

    fact_id: str
    doc_id: str
    doc_path: str = ""
    passage_id: str = ""
    char_start: int
    char_end: int
    quote: str
    subject: str = ""
    indicator: str = ""
    year: Optional[int] = None
    period_start: Optional[int] = None
    period_end: Optional[int] = None
    value: float
    unit: str = ""
    value_normalized: float
    unit_normalized: str
    claim_type: ClaimType
    qualifier: str = ""
    source_kind: Literal["text", "table"] = "text"
    table_id: str = ""
    # identity: what exactly the figure measures (kb.figures.identity)
    subject_key: str = ""            # one key per place or organisation (中国/我国 → 全国)
    indicator_key: str = ""          # the indicator in kb's vocabulary (生产总值/GDP → GDP)
    measure: Measure = ""
    basis: Literal["", "nominal", "real"] = ""
    scope: str = ""                  # 规模以上, 国家级, 城镇 … where stated
    period_start_month: Optional[str] = None   # YYYY-MM
    period_end_month: Optional[str] = None
    figure_text: str = ""            # the figure as written, qualifiers included (500余家)
    status: Status = "actual"
    value_low: Optional[float] = None          # a range or bound, in the unit of value
    value_high: Optional[float] = None
    page: Optional[int] = None       # for paged sources
    doc_title: str = ""
    doc_date: str = ""
    # extensions
    direction: Literal["up", "down", ""] = ""
    value_text: str = ""             # digits as stated, for rounding precision
    scale: float = 1.0
    # how sure the links are: the rules that chose subject and period (internal, not exported)
    subject_rule: str = ""
    period_rule: str = ""

    @field_validator("year", "period_start", "period_end")
    @classmethod
    def _year_in_range(cls, v: Optional[int]) -> Optional[int]:
        if v is not None and not 1800 <= v <= 2100:
            raise ValueError(f"year {v} outside 1800–2100")
        return v

    @field_validator("period_start_month", "period_end_month")
    @classmethod
    def _month_shape(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and not (len(v) == 7 and v[4] == "-" and v[:4].isdigit()
                                  and 1 <= int(v[5:] or 0) <= 12):
            raise ValueError(f"month {v!r} is not YYYY-MM")
        return v

    @field_validator("unit_normalized")
    @classmethod
    def _unit_known(cls, v: str) -> str:
        if not unit_is_allowed(v):
            raise ValueError(f"unit {v!r} is not in the allowed vocabulary")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "Fact":
        if self.char_start < 0 or self.char_end <= self.char_start:
            raise ValueError("empty or negative span")
        if not math.isfinite(self.value) or not math.isfinite(self.value_normalized):
            raise ValueError("value is not finite")
        expected = self.value * self.scale
        if not math.isclose(expected, self.value_normalized, rel_tol=1e-9, abs_tol=1e-12):
            raise ValueError(
                f"value_normalized {self.value_normalized} != value {self.value} × scale {self.scale}"
            )
        if self.claim_type == "share" and self.unit_normalized == "%" and not 0 <= self.value_normalized <= 100:
            raise ValueError(f"share {self.value_normalized}% outside 0–100")
        if (self.period_start is not None and self.period_end is not None
                and self.period_start > self.period_end):
            raise ValueError(f"period {self.period_start}–{self.period_end} runs backwards")
        return self

    def export_row(self) -> dict:
        """The public columns (INTERFACE.md order) followed by our extensions."""
        data = self.model_dump()
        return {k: data[k] for k in FACT_COLUMNS + FACT_EXTRA_COLUMNS}


# --- tables -----------------------------------------------------------------

class Table(BaseModel):
    """A table found in a document, flattened to one header row of column paths."""

    table_id: str                    # "<doc_id>-<n>", n from 1 in document order
    doc_id: str
    ordinal: int
    caption: str = ""                # "表1 2022年京津冀科技创新总体情况"
    unit: str = ""                   # a unit stated for the whole table, if any
    notes: list[str] = Field(default_factory=list)   # 注：… / 资料来源：… lines
    columns: list[str]               # flattened column paths; the first is(are) the row label(s)
    rows: list[list[str]]            # cell text, same length as columns
    char_start: int                  # span of the table block in the clean text
    char_end: int


# --- checks and claims ------------------------------------------------------

class Check(BaseModel):
    """A recomputed indicator and its verdict (``kb verify``)."""

    check_id: str
    kind: str = ""                   # growth, multiple, cagr, share, difference, sum, average, set_claim, cross_document …
    doc_id: str
    passage_id: str = ""
    quote: str = ""
    stated_fact_id: str = ""
    stated_value: Optional[float] = None
    formula: str = ""
    inputs: list[str] = Field(default_factory=list)   # fact ids
    recomputed_value: Optional[float] = None
    tolerance: Optional[float] = None
    verdict: CheckVerdict
    explanation: str
    # where the inputs were found (sentence, paragraph, table, document): internal, never stored
    where: str = Field(default="", exclude=True)

    def public(self) -> dict:
        """The INTERFACE.md check object (plus ``kind``)."""
        return self.model_dump()


class Evidence(BaseModel):
    fact: Fact
    passage_id: str
    quote: str
    doc_id: str


class ClaimVerdict(BaseModel):
    """The answer of ``kb check`` for one claim."""

    claim: str
    parsed: list[Fact] = Field(default_factory=list)
    verdict: ClaimVerdictWord
    evidence: list[Evidence] = Field(default_factory=list)
    explanation: str
    passages: list[str] = Field(default_factory=list)  # passage ids that discuss the claim (extension)


class SearchHit(BaseModel):
    rank: int
    score: float
    doc_id: str
    doc_title: str = ""
    passage_id: str
    char_start: int
    char_end: int
    section: str = ""
    text: str
    facts: list[Fact] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    marked: str = ""                 # text with matched terms wrapped in 【】 (extension)
    doc_path: str = ""               # source file, relative to the corpus root (extension)
    source_lines: list[int] = Field(default_factory=list)  # [first, last] line in the source file
    page: Optional[int] = None       # the page the passage starts on, for paged sources (PDF)
