"""The robustness tests read kb's English messages (KB_LANG=en): they assert what each line says."""

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("KB_LANG", "en")
