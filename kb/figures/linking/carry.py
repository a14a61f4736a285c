"""What one sentence hands to the next (``Carry``) and what a figure is linked to (``Link``).

``Carry`` is the context a paragraph builds up sentence by sentence (year,
period, subject, indicator, the document's own year …); ``Link`` is one
figure's context, the Fact fields that are not the figure itself, with the
names of the rules that chose its subject and its year (``subject_rule``,
``year_rule``: kb-internal, never written to a Fact).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from kb.models import Quantity


@dataclass(frozen=True)
class Carry:
    """What a sentence passes to the next one of the same paragraph."""

    year: Optional[int] = None
    subject: str = ""
    indicator: str = ""
    ref_year: Optional[int] = None   # the document's own year, for 去年 / 过去一年 / 今年
    period_start: Optional[int] = None   # the period the previous sentence spoke about (2014—2022年)
    period_end: Optional[int] = None
    report_year: Optional[int] = None   # the last full year the document reports on (由2018年的X增加到Y: Y's year)
    lasting_year: Optional[int] = None   # the last year stated as a whole year (not 2024年春节假期): what a new paragraph keeps
    group: str = ""   # the last place of several members named (川渝两地): what a later 两地 refers to
    change_start: Optional[int] = None   # 由2020年的X增加到2024年的Y: the start year a next undated 由A提高到B takes
    span_start: Optional[int] = None   # 五年来，…: the years a review covers, kept until a sentence states a year
    span_end: Optional[int] = None
    # the review span its section opened (五年来，…), kept after a sentence states a year: what an undated
    # 年均 figure of the section averages over (2025年…。…产值年均增长超20%: over the five years)
    review_start: Optional[int] = None
    review_end: Optional[int] = None
    home: str = ""   # the document's own subject (湖南 of 湖南省…统计公报): what 全省 / 我市 / 本市 refer to
    home_level: str = ""   # how the title writes the home's level (省, 市, 县, 区, 州): 全省 in a 市's report is not the home
    # (figure as written, indicator, subject) of the section's recent figures: a later 19.8%的同比增速
    # restates one
    restated: tuple[tuple[str, str, str], ...] = ()
    topic: str = ""   # the one indicator the document's title names (27省份一季度GDP出炉 → GDP)


@dataclass
class Link:
    """The context of one figure: the Fact fields that are not the figure itself."""

    quantity: Quantity
    subject: str = ""
    indicator: str = ""
    year: Optional[int] = None
    period_start: Optional[int] = None
    period_end: Optional[int] = None
    claim_type: str = "level"
    direction: str = ""
    last_year: bool = False   # 上年为X / 是上年的N倍: dated against the sentence's year, never carried on
    subject_rule: str = ""    # the rule that chose ``subject`` (kb.figures.linking.subject_rules)
    year_rule: str = ""       # the rule that chose year / period (kb.figures.linking.periods)

    def fields(self) -> dict:
        """The Fact fields this link fills (the rule names are not among them)."""
        return {"subject": self.subject, "indicator": self.indicator, "year": self.year,
                "period_start": self.period_start, "period_end": self.period_end,
                "claim_type": self.claim_type, "direction": self.direction}
