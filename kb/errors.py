"""User-facing errors: a one-line message that says what was wrong and what to do."""


class KbError(Exception):
    """An error caused by the user's input; the CLI prints it and exits 1."""


class LoadError(KbError):
    """A source file that cannot be read as a document (binary, empty, undecodable)."""
