"""kb's outputs on every team document set equal the committed baseline (scripts/baseline.py)."""

from __future__ import annotations

import importlib.util

import pytest

from tests.paths import ROOT


def load_baseline_module():
    spec = importlib.util.spec_from_file_location("baseline", ROOT / "scripts" / "baseline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_outputs_equal_the_baseline():
    baseline = load_baseline_module()
    diff = baseline.differences(baseline.all_outputs())
    assert not diff, "outputs changed; if deliberate, run scripts/baseline.py --write:\n" + "\n".join(diff)
