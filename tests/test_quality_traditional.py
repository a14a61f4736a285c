"""Traditional characters (scripts/eval_traditional.py): the 18 real documents rendered in
traditional characters are read nearly as their simplified originals, and the development
claims rendered in traditional characters are judged nearly as well, with no false alarm.
Floors are the figures measured when kb learned to read traditional text (README)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.paths import ROOT, require_shared

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report() -> dict:
    require_shared("the real documents")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_traditional.py"), "--json"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def test_traditional_documents_are_read_as_their_simplified_originals(report):
    agree = report["facts"]["agree"]
    assert report["facts"]["found"] >= 0.98
    assert agree["subject_key"] >= 0.935 and agree["indicator_key"] >= 0.90 and agree["measure"] >= 0.96
    assert agree["period_end_month"] >= 0.99 and agree["status"] >= 0.99


def test_traditional_claims(report):
    claims = report["claims"]
    assert claims["wrongly_contradicted_traditional"] == 0
    assert claims["right_traditional"] >= 155


def test_traditional_documents_are_checked_without_new_alarms(report):
    plain, traditional = report["checks"]["simplified"], report["checks"]["traditional"]
    assert traditional["inconsistent"] <= plain["inconsistent"]
    assert traditional["consistent"] >= 135
