"""Patterns compiled on first use (kb.text.lazy_pattern) and vocabulary patterns made that way."""

from __future__ import annotations

import re

from kb.text import vocab
from kb.text.lazy_pattern import LazyPattern, lazy_compile


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_re_does():
    made = []

    def source() -> str:
        made.append(1)
        return r"(?P<n>\d+)(万|亿)?元"

    lazy = LazyPattern(source)
    assert made == [] and "not compiled" in repr(lazy)
    real = re.compile(r"(?P<n>\d+)(万|亿)?元")
    text = "投资12亿元，收入3万元，利润5元"
    assert lazy.search(text).span() == real.search(text).span()
    assert made == [1]
    assert [m.group("n") for m in lazy.finditer(text)] == [m.group("n") for m in real.finditer(text)]
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub("#", text) == real.sub("#", text)
    assert lazy.split(text) == real.split(text)
    assert lazy.match(text) is None and lazy.fullmatch("5元") is not None
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        real.pattern, real.flags, real.groups, real.groupindex)
    assert lazy.compiled is re.compile(real.pattern)       # re's own object
    assert made == [1]                                      # compiled once


def test_flags_are_kept_and_a_plain_source_works():
    lazy = lazy_compile(r"gdp", re.IGNORECASE)
    assert lazy.search("全国GDP") is not None
    assert lazy.flags == re.compile(r"gdp", re.IGNORECASE).flags


def test_a_bad_pattern_fails_when_first_used():
    lazy = lazy_compile(r"(unclosed")
    try:
        lazy.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a bad pattern must raise re.error on first use")


def test_vocabulary_patterns_are_made_once_and_match_their_source():
    first = vocab.regex("linking", "time_words")
    assert vocab.regex("linking", "time_words") is first
    real = re.compile(vocab.pattern("linking", "time_words"))
    text = "2021年以来，全年增长5%"
    assert first.sub("", text) == real.sub("", text)
