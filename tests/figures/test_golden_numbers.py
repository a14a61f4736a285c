"""Golden cases of how kb reads a figure (tests/golden/numbers/*.json, in the style of a public
specification: ``{"req": sentence, "res": [figure...]}``).

Each kind has its own file: percent (%, 百分之, 个百分点, 成, 折), currency (ISO codes),
dimension (physical units), numbers (counts, scales, numerals, ranks, ranges), no_figure
(sentences that state none) and paragraphs (raw documents whose blank lines must, or must
not, join lines). A figure is compared on surface, value, unit, value_normalized (relative
tolerance 1e-9), unit_normalized and unit class (``kind_hint``); on qualifier where the case
gives one.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kb.figures import parse_quantities
from kb.ingest import load_document
from tests.paths import shared_tokenizer

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "numbers"
KINDS = ("percent", "currency", "dimension", "numbers", "no_figure", "paragraphs")
FIELDS = ("surface", "unit", "unit_normalized", "unit_class")


def _cases() -> list:
    out = []
    for kind in KINDS:
        for i, case in enumerate(json.loads((GOLDEN / f"{kind}.json").read_text(encoding="utf-8"))):
            out.append(pytest.param(kind, case, id=f"{kind}-{i}"))
    return out


def _figure(q) -> dict:
    return {"surface": q.surface, "value": q.value, "unit": q.unit, "value_normalized": q.value_normalized,
            "unit_normalized": q.unit_normalized, "unit_class": q.kind_hint, "qualifier": q.qualifier}


def _text_of(kind: str, req: str, tmp_path: Path) -> str:
    """The sentence itself, or for a raw document the clean text the loader makes of it."""
    if kind != "paragraphs":
        return req
    path = tmp_path / "doc.txt"
    path.write_text(req, encoding="utf-8")
    return load_document(path, tmp_path, tokenizer=shared_tokenizer()).text


def _same(expected: dict, got: dict) -> bool:
    if any(expected[k] != got[k] for k in FIELDS):
        return False
    if "qualifier" in expected and expected["qualifier"] != got["qualifier"]:
        return False
    return all(math.isclose(expected[k], got[k], rel_tol=1e-9, abs_tol=1e-12) for k in ("value", "value_normalized"))


def test_every_kind_has_its_file_and_the_spec_is_large():
    counts = {kind: len(json.loads((GOLDEN / f"{kind}.json").read_text(encoding="utf-8"))) for kind in KINDS}
    assert sum(counts.values()) >= 300
    assert all(n >= 8 for n in counts.values())


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_golden_case(kind, case, tmp_path):
    got = [_figure(q) for q in parse_quantities(_text_of(kind, case["req"], tmp_path))]
    expected = case["res"]
    assert len(got) == len(expected), (case["req"], got)
    for e, g in zip(expected, got, strict=True):
        assert _same(e, g), (case["req"], e, g)
