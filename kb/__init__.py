"""kb: a fact base for Chinese documents (passages, figures, recomputed checks)."""

from kb.text.regex_cache import install as _install_regex_cache

__version__ = "0.1.0"

_install_regex_cache()     # kb's patterns read back compiled (kb.text.regex_cache)
