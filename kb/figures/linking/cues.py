"""Cue words of Chinese figure sentences, and the clauses and words they are read in.

The regexes that tell what a figure is (governing verbs such as 达/为/增长/占,
growth/decline, comparison, share, CAGR and time words, the lead and trail
words an indicator phrase is cleaned of), the claim-type unit families, the
split of a sentence into clauses, and the process's jieba tokenizer and
part-of-speech tagger. Shared by kb.figures.linking.periods, kb.figures.linking.subjects and kb.figures.linking.link.
"""

from __future__ import annotations

import re
from functools import lru_cache


# A four-digit year 19xx/20xx standing alone (not part of a longer number).
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

_FORMULA = re.compile(r"\$[^$]+\$")
BOOK_TITLE = re.compile(r"《[^《》]*》")


_CLAUSE_BREAK = set("，,；;：:。！？!?")
LIST_CONNECTOR = re.compile(r"^[\s、和与及或以第和至到—–\-~～]*$")

# Governing verbs/markers between an indicator and its figure (first one wins).
GOVERNING_MARKER = re.compile(
    r"比上年末|比上年|比去年|较上年|同比|环比|已发展到|发展到|达到|高达|约为|仅为|分别为|均为|共计|总计|合计|累计|共有|拥有|已有|增长(?![率速幅点极])|"
    r"增加(?!值)|增至|提高|提升|上升|下降|减少|降低|回落|缩小|扩大(?!了)|占(?!领|据)|超过|突破|高于|高出|低于|"
    r"多出|少于|不及|相差|位列|位居|排名|排在|分别|实现|保持|控制在|稳定在|维持在|(?<![发表到])达|(?<![作认成因行以视称])为(?![主例核首了])|"
    r"(?<![但于还就可凡总只要正若])是(?!否)|稳居|居(?![民住])|从|由(?!于)"
)
# Words that put the following place in a comparison position.
COMPARISON_LEAD = re.compile(r"(?:占|较|比|高于|低于|少于|多于|超过|不及|相较于|相比于|对|向|流向|输出至|至|是|为|落后于|赶超|超越)\s*$")
COMPARISON_WITH = re.compile(r"相比|相较|比较|相差|差距|持平|接近|对比")


TIME_WORDS = re.compile(
    r"截至|截止|(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]{1,2}\s*(?:19|20)\d{2}\s*年(?:间|来|期间)?|"
    r"(?:19|20)\d{2}\s*年(?:[0-9一二三四五六七八九十]{1,2}\s*月(?:[0-9]{1,2}\s*日)?)?(?:以来|来|起|底|末|初|上半年|下半年|全年|度)?|"
    r"近[一二三四五六七八九十两几0-9]+年(?:间|来)?|[一二三四五六七八九十0-9]+年(?:间|来)|"
    r"[0-9]{1,2}\s*[—–\-~～至到]\s*[0-9]{1,2}\s*月份?|(?<![0-9个])[0-9一二三四五六七八九十]{1,2}\s*月份?(?:末|底|初)?(?![0-9均])|"
    r"同年|当年|该年度?|近年来|目前|当前|现阶段|期间|年间|年末|年底|年初|历年|每年|同期|上年末|上年|去年|过去一年|今年|全年"
)
PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
PHRASE_LEAD = re.compile(
    r"^(?:力争(?:到|在)?|确保(?:到|在)?|预计(?:到|在)?|争取(?:到|在)?|计划(?:到|在)?|目标是|到|的|之间|间|之|其中|其|而且|而|且|并且|并|但是|但|也|还|此外|另外|同时|然而|以及|与|和|及|在|对|比|较|"
    r"[0-9]{1,2}\s*[.．](?=\s*[\u4e00-\u9fff])|相较于|相比于|相比|中|方面|层面|来看|看|已经|已|均|仅|共|总|各(?![项类级])|[两二三四五六七八九](?:省市|地|省|市|城|区)|各地|各市|该|整体|总体|"
    r"全省|全市|全区|全县|本市|我市|我省|全年|初步核算|整体来看|总的来看|具体来看|可知|显示|数据显示|指出|表示|称|分别|没有|没|二者|两者|前者|后者|其余|余|平均|"
    r"[、，,\s\[\]（）()])+"
)
PHRASE_TRAIL = re.compile(r"(?:年均|继续|仍然|仍|已经|已|(?<!平)均|仅|约|共|总|也|将|分别|累计|达|还|都|就|才|更|再|实现|的|了|有着|有|近|超|逾|"
                    r"大约|将近|接近|普遍|全|总体|整体|明显|大幅|稳步|迅速|迅猛|不断|逐步|持续|有所|略有|较大|每|在|于|"
                    r"大致|分布|比|较|与|和|中|[、，,\s\[\]（）()])+$")
GENERIC_INDICATOR = re.compile(r"^(?:年均|平均|整体|总体)?(?:增长率|增速|增幅|涨幅|比重|占比|份额|均值|总量|规模|数量|总额|水平|速度|变化率)$")
QUOTES = re.compile(r"[“”‘’\"「」]")

# 城镇化率61.2% / 研发经费投入强度达到2.3% / 失业率控制在5.5%: a rate is a share of a whole
_RATE_NOUN = re.compile(r"(?<!增长)(?<!变化)(?:率|强度|占比|比率)\s*(?:已|已经|将|仍|继续)?\s*"
                        r"(?:控制在|稳定在|保持在|维持在|达到|达|为|约为|是|提高到|提升到|上升到|升至|降至|下降到|下降至|降低到|回落到|回落至)?"
                        r"\s*(?:约|近|超过|不到)?\s*$")
_CAGR = re.compile(r"年均|复合增长|年化|平均增长|平均增速|平均每年")
_SHARE = re.compile(r"占|比重|份额|比例")
_DIFF = re.compile(r"高于|高出|低于|多出|少于|相差|差距|多于|超出|落后")
_GROWTH = re.compile(r"增长|增加|提高|提升|上升|下降|减少|降低|回落|增速|增幅|涨幅|同比|环比|下滑|负增长|扩大|缩小|上涨|下跌")
_DOWN = re.compile(r"下降|减少|降低|回落|缩小|下滑|负增长|下跌|减|降")
_UP = re.compile(r"增长|增加|提高|上升|扩大|提升|上涨|增|翻")
_CHANGE_VERB = re.compile(r"(?:增加|减少|增长|下降|降低|提高|新增|多|少)(?:了)?\s*(?:约|近|超|逾|超过)?\s*$")
COUNT_UNITS = {"count", "person", "person-time", "household", "vehicle"}
RATE_CHANGE_TYPES = {"change", "growth_rate", "cagr", "multiple"}


def formula_spans(text: str) -> list[tuple[int, int]]:
    """Spans of $…$ formulas in ``text``."""
    return [m.span() for m in _FORMULA.finditer(text)]


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans split at ，；：。 outside brackets (a comma between digits is no break)."""
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_BREAK and depth == 0:
            if ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos <= b:
            return a, b
    return clauses[-1]


def _tokenizer():
    """The process's jieba tokenizer with kb's domain dictionary (kb.text.tokenizer), used
    to shorten long phrases at word boundaries."""
    from kb.text.tokenizer import segmenter

    return segmenter()


@lru_cache(maxsize=1)
def _pos_tagger():
    """Part-of-speech tagging on the same dictionary (its tags come from jieba's own)."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())
