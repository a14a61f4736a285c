"""A component's pull on growth, written in prose: 最终消费、资本形成总额和净出口对GDP增长的贡献率
分别为70%、36%和-6%，分别拉动GDP增长4.5、2.4和-0.4个百分点. Each pull is the growth times its
contribution share (拉动 = 增长率 × 贡献率 / 100).

The growth is the economy's: a GDP growth rate stated in the sentence, or else the one GDP
growth rate the document states for the shares' year (one value, or nothing is compared). A
growth found outside the sentence is chosen by its name and year only, so then only agreement
is telling.
"""

from __future__ import annotations

import re

from kb.models import Fact
from kb.text.vocab import words
from kb.verify.relations.ground import Context, Relation, year_of

_PULL = words("relations", "pull_words")
_CONTRIBUTION = words("relations", "contribution_words")
_GROWTH_NAMES = words("relations", "pulled_growth_names")
_PULLED = re.compile(rf"(?:{'|'.join(_PULL)})([^，。；,;\d]{{0,8}}?)(?:增长|增速)")


def _last(text: str, cues: tuple[str, ...], start: int, end: int) -> int:
    return max((text.rfind(w, start, end) for w in cues), default=-1)


def _run(ctx: Context, start: int, end: int, unit: str) -> list[Fact]:
    """The figures of ``unit`` from ``start`` on, up to the first figure of another unit or a ；."""
    out = []
    for f in ctx.facts_between(start, end):
        if f.unit_normalized != unit or re.search(r"[；;。]", ctx.text[start:f.char_start]):
            break
        out.append(f)
    return out


def _is_growth(f: Fact) -> bool:
    return f.unit_normalized == "%" and f.claim_type == "growth_rate" and f.value_low is None \
        and f.value_high is None and not any(w in f.indicator for w in _CONTRIBUTION + _PULL) \
        and (f.indicator_key == "GDP" or any(w in f.indicator for w in _GROWTH_NAMES))


def _growth(ctx: Context, s0: int, before: int, year: int | None) -> tuple[Fact | None, bool]:
    """(the growth pulled, stated in the sentence): the GDP growth rate right before the shares in
    the sentence, else the document's one GDP growth value of ``year``."""
    own = [f for f in ctx.facts_between(s0, before) if _is_growth(f)]
    if own:
        return own[-1], True
    if year is None:
        return None, False
    found = [f for f in ctx.text_facts if f.char_start < s0 and _is_growth(f) and year_of(ctx, f) == year]
    values = {f.value for f in found}
    return (found[-1], False) if len(values) == 1 else (None, False)


def _shares(ctx: Context, s0: int, s1: int, at: int, pulls: list[Fact]) -> tuple[list[Fact], int]:
    """(the contribution shares paired with the pulls, where their list opens): the 贡献率 list
    right before 拉动 (贡献率分别为a%、b%，分别拉动…), else right after the pulls (分别拉动…，
    贡献率分别为a%、b%); ([], -1) when neither lists as many shares."""
    cue = _last(ctx.text, _CONTRIBUTION, s0, at)
    if cue != -1:
        shares = _run(ctx, cue, at, "%")
        if len(shares) == len(pulls) and not ctx.facts_between(shares[-1].char_end, at):
            return shares, cue
    after = min((i for i in (ctx.text.find(w, pulls[-1].char_end, s1) for w in _CONTRIBUTION) if i != -1),
                default=-1)
    if after != -1 and not ctx.facts_between(pulls[-1].char_end, after):
        shares = _run(ctx, after, s1, "%")
        if len(shares) == len(pulls):
            return shares, after
    return [], -1


def pull_relation(ctx: Context, stated: Fact) -> Relation | None:
    """The pull ``stated`` (x个百分点 after 拉动…增长) as growth × its contribution share; None
    when the sentence pairs no share list of as many members with the pulls."""
    if stated.unit_normalized != "pp":
        return None
    s0, s1 = ctx.sentence_of(stated.char_start)
    at = _last(ctx.text, _PULL, s0, stated.char_start)
    m = _PULLED.match(ctx.text, at) if at != -1 else None
    if m is None or not any(w in m.group(1) for w in _GROWTH_NAMES):
        return None
    pulls = _run(ctx, m.end(), s1, "pp")
    if stated not in pulls:
        return None
    shares, cue = _shares(ctx, s0, s1, at, pulls)
    if not shares:
        return None
    share = shares[pulls.index(stated)]
    growth, in_sentence = _growth(ctx, s0, min(cue, at), year_of(ctx, shares[0]))
    if growth is None:
        return None
    doubt = "" if in_sentence else "the growth was found by its name and year, outside the sentence"
    return Relation("pull", stated, inputs=[growth, share], where="sentence" if in_sentence else "document",
                    doubt=doubt, rule="pull")
