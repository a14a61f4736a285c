"""kb: a fact base for Chinese documents (passages, figures, recomputed checks)."""

__version__ = "0.1.0"
