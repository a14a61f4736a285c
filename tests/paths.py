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
