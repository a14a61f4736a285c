"""kb.ingest.collector: an ingest's garbage collection thresholds, restored afterwards."""

from __future__ import annotations

import gc

import pytest

from kb.ingest.collector import INGEST_THRESHOLDS, fewer_collections


def test_the_thresholds_are_set_inside_and_restored_after_even_on_an_error():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == INGEST_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a failed ingest")
    assert gc.get_threshold() == before
