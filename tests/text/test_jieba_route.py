"""kb.text.jieba_route: the dictionary route of kb's jieba tokenizer is jieba's own."""

from __future__ import annotations

import random

import pytest

from kb.text.jieba_route import route_tokenizer
from tests.paths import CORPUS, shared_tokenizer

MADE_UP = ["", "a", "数", "2021年中国数字经济规模达45.4万亿元", "龘靐齉龘", "中华人民共和国国务院发展研究中心",
           "的的的的的的", "abc123中文mixed", "琼海数智云科技集团营业收入增长12%"]


def _texts() -> list[str]:
    rng = random.Random(12)
    texts = list(MADE_UP)
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".md", ".txt") and path.name != "SOURCES.md":
            text = path.read_text(encoding="utf-8")
            texts += [text[i:i + rng.randint(1, 60)] for i in range(0, len(text), 37)]
    chars = "".join(sorted(set("".join(texts))))
    texts += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    return texts


@pytest.mark.parametrize("fast_start", [False, True])
def test_the_same_dag_and_route_as_jiebas(fast_start):
    import jieba

    kb_jieba = shared_tokenizer().jieba if not fast_start else _fast_start_jieba()
    assert isinstance(kb_jieba, route_tokenizer(jieba))
    for text in _texts():
        dag = kb_jieba.get_DAG(text)
        their_dag = jieba.Tokenizer.get_DAG(kb_jieba, text)
        assert list(dag.items()) == list(their_dag.items()), text      # the same, in the same order
        route, theirs, from_plain = {}, {}, {}
        kb_jieba.calc(text, dag, route)                  # the route computed with the DAG
        jieba.Tokenizer.calc(kb_jieba, text, dag, theirs)
        kb_jieba.calc(text, their_dag, from_plain)       # a DAG without its route
        assert route == theirs == from_plain, text
        assert list(route.items()) == list(theirs.items()), text


def _fast_start_jieba():
    from kb.text.tokenizer import Tokenizer

    assert shared_tokenizer().jieba.FREQ      # a whole load writes the table read on demand below
    return Tokenizer(fast_start=True).jieba
