"""Where the tests find the project's files, wherever a test module sits."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"


def shared_tokenizer():
    """The one Tokenizer of the test session (jieba loads once, on first use)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        from kb.text.tokenizer import Tokenizer

        _TOKENIZER = Tokenizer()
    return _TOKENIZER


_TOKENIZER = None


def require_shared(what: str) -> Path:
    """../shared/realdocs, or skip with a reason (fail under KB_REQUIRE_SHARED=1, as CI sets)."""
    import os

    import pytest

    folder = SHARED / "realdocs"
    if not folder.is_dir():
        message = f"{folder} is missing: {what} needs the shared real documents"
        if os.environ.get("KB_REQUIRE_SHARED") == "1":
            pytest.fail(message + " (KB_REQUIRE_SHARED=1)")
        pytest.skip(message)
    return folder
