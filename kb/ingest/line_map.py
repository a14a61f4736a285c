"""A clean text offset → its 1-based source line, through a Document's line map.

Apart from kb.ingest.assemble (which builds the line map) so that a search can cite
source lines without loading the ingest stage's patterns.
"""

from __future__ import annotations

import bisect

from kb.models import Document


def source_line(document: Document, offset: int) -> int:
    """1-based source line of the clean character at ``offset``."""
    if not document.line_map:
        return 1
    offsets = [o for o, _ in document.line_map]
    i = bisect.bisect_right(offsets, offset) - 1
    return document.line_map[max(i, 0)][1]
