"""identity._scope_in with its phrase lists found once gives the scope the per-figure scan gave."""

from __future__ import annotations

import pytest

import random
import re

from kb.figures import identity
from kb.text.gazetteer import find_places
from tests.paths import ROOT


def scope_by_scan(before: str) -> str:
    """The former _scope_in: every indicator phrase tested against every scope word, per figure
    (brackets aside; then a size threshold opening the clause after its year and places)."""
    flat = re.sub(r"（[^（）]*）|\([^()]*\)", "", identity.compact(before))
    for phrase in identity._synonyms():
        if any(phrase.startswith(w) for w in identity.words("scope")) and phrase in flat:
            flat = flat.replace(phrase, "")
    blanked = flat
    for _, a, b in find_places(flat):   # a scope word inside a place name (宣城市, 京津冀城市群) is none
        blanked = blanked[:a] + "\u3000" * (b - a) + blanked[b:]
    for word in sorted(identity.words("scope"), key=len, reverse=True):
        if word in flat[-12:] and word in blanked[-12:]:
            return word.replace("规上", "规模以上").replace("限上", "限额以上")
    head = re.sub(r"^(?:(?:19|20)\d{2}年)?", "", flat)
    for place in ("江西省", "江西", "湖南省", "湖南"):
        head = head[len(place):] if head.startswith(place) else head
    for word in identity.words("clause_opening_scopes"):
        if head.startswith(word):
            return word.replace("规上", "规模以上").replace("限上", "限额以上")
    return ""


def test_a_scope_word_inside_a_place_name_is_no_scope():
    assert identity._scope_in("宣城市｜总产量（万吨）") == ""
    assert identity._scope_in("京津冀城市群的数字经济规模") == ""
    assert identity._scope_in("全省城市居民人均可支配收入") == "城市"


@pytest.mark.slow
def test_scope_in_equals_the_scan_on_corpus_text_and_scope_phrases():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.md")))
    rng = random.Random(5)
    scope = identity.words("scope")
    phrases = [p for p in identity._synonyms() if p.startswith(tuple(scope))]
    samples = [text[i:i + rng.randint(0, 40)] for i in (rng.randrange(len(text)) for _ in range(3000))]
    samples += [rng.choice(scope) + p for p in phrases[:200]] + [p + rng.choice(scope) for p in phrases[:200]]
    samples += ["全年规模以上工业增加值", "城镇化率", "城镇居民人均可支配收入", "限上单位零售额", "",
                "2023年江西省规模以上工业企业R&D经费投入强度（与营业收入之比）为", "城市数字经济规模"]
    found = [identity._scope_in(s) for s in samples]
    assert found == [scope_by_scan(s) for s in samples]
    assert any(found)
