"""An elasticity stated with the two growth rates it divides, in one sentence: 在GDP增长9.2%的
情况下，财政收入则出现20.9%的高速增长，财政收入对GDP的弹性系数上升到2.2717 (= 20.9 / 9.2).

The elasticity of X with respect to Y is X's growth over Y's. Each rate is the last percentage
before the elasticity in its sentence whose clause names X (or Y); both must be found, and be
two different figures, or nothing is compared.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.vocab import words
from kb.verify.relations.ground import Context, Relation

_WORDS = words("relations", "elasticity_words")
_AVERAGES = ("cagr", "avg_growth_2y")
_AVERAGE_LEAD = re.compile("年均|平均")
_NAMED = re.compile(rf"([^，。；,;的对]{{1,10}})对([^，。；,;的]{{1,10}})的(?:{'|'.join(_WORDS)})[^，。；,;\d]{{0,8}}$")


def _clause(ctx: Context, s0: int, f: Fact) -> str:
    return re.split(r"[，。；,;]", ctx.text[s0:f.char_start])[-1]


def _rate_named(ctx: Context, s0: int, rates: list[Fact], name: str) -> Fact | None:
    """The last rate whose clause names ``name`` (GDP also by its indicator key)."""
    found = [f for f in rates if name in _clause(ctx, s0, f) or (name == "GDP" and f.indicator_key == "GDP")]
    return found[-1] if found else None


def elasticity_relation(ctx: Context, stated: Fact) -> Relation | None:
    """X对Y的弹性系数 = X's growth / Y's growth, both stated before it in its sentence."""
    if stated.unit_normalized in ("%", "pp", "times", "rank") or stated.value_low is not None:
        return None
    s0, _ = ctx.sentence_of(stated.char_start)
    m = _NAMED.search(ctx.text[s0:stated.char_start])
    if m is None:
        return None
    x, y = m.group(1).strip(), m.group(2).strip()
    rates = [f for f in ctx.facts_between(s0, s0 + m.start()) if f.unit_normalized == "%"
             and f.value_low is None and f.value_high is None and f.claim_type not in ("share", "difference")]
    top, bottom = _rate_named(ctx, s0, rates, x), _rate_named(ctx, s0, rates, y)
    if top is None or bottom is None or top is bottom:
        return None
    if any(f.measure in _AVERAGES or _AVERAGE_LEAD.search(_clause(ctx, s0, f)) for f in (top, bottom)):
        return None  # average rates over years (年均增长) are no elasticity of one period
    return Relation("ratio", stated, inputs=[top, bottom], mode="quotient", where="sentence", rule="elasticity")
