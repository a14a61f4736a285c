"""The place scanner (an Aho-Corasick automaton) finds exactly what the regex alternation finds."""

import random
from pathlib import Path

import pytest

from kb.text import gazetteer
from kb.text.name_scan import NameScanner

ROOT = Path(__file__).resolve().parents[2]


def _regex_matches(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1) or "") for m in gazetteer.name_pattern().finditer(text)]


def _scanner_matches(text: str) -> list[tuple[int, int, str]]:
    return [tuple(m) for m in gazetteer._table()[3].scan(text)]


@pytest.mark.slow
def test_scanner_equals_regex_on_the_corpus():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.*"))]
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert _scanner_matches(line) == _regex_matches(line), line


@pytest.mark.slow
def test_scanner_equals_regex_on_random_strings_of_place_characters():
    table = gazetteer._table()[0]
    alphabet = sorted(set("".join(table)) | set("的和与、，。2021年增长"))
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _scanner_matches(text) == _regex_matches(text), text


def test_longest_name_wins_and_runs_follow_names():
    scanner = NameScanner(["北京", "北京市", "京津冀"], "京津冀沪")
    assert [tuple(m) for m in scanner.scan("北京市和京津冀、沪京")] == [
        (0, 3, "北京市"), (4, 7, "京津冀"), (8, 10, "")]
    assert scanner.scan("") == []


def test_a_refused_name_gives_way_to_a_shorter_one_at_its_start_then_to_later_names():
    scanner = NameScanner(["临海", "海南", "昆山", "昆山市"], "")
    assert [tuple(m) for m in scanner.scan("亲临海南", lambda s, e: (s, e) != (1, 3))] == [(2, 4, "海南")]
    assert [tuple(m) for m in scanner.scan("昆山市场", lambda s, e: e != 3)] == [(0, 2, "昆山")]
