"""Fixtures of the text tests."""

from __future__ import annotations

import pytest


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    """A fresh cache folder for kb's cached copies (``KB_CACHE_DIR``)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    return folder
