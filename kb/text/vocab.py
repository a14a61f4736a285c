"""The vocabularies of kb as data: files under ``kb/data/``, each read once.

Word classes, units, place names and page furniture live in ``kb/data/``
(YAML, JSON or plain text); the code holds only the logic that uses them.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(name: str) -> Path:
    """The path of one data file of kb (``places.json``, ``userdict.txt`` …)."""
    return DATA_DIR / name
