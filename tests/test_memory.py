"""Freed memory goes back to the system between stages (glibc keeps it otherwise)."""

from __future__ import annotations

import os
import sys

import pytest

from provenance.memory import release_freed_memory


def _resident_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; malloc_trim is glibc's")
def test_freed_heap_memory_is_returned_to_the_system() -> None:
    # 1 KB objects come from malloc's heap; the last one kept pins the heap's top, so the
    # ~150 MB freed below it stay resident until they are trimmed from inside the heap
    blocks = [bytes(1000) + i.to_bytes(4, "little") for i in range(150_000)]
    pin = bytes(1000) + b"pin"
    del blocks
    before = _resident_mb()
    if not release_freed_memory():
        pytest.skip("no glibc malloc_trim here")
    after = _resident_mb()
    assert before - after > 50, (before, after)
    assert pin  # kept alive until here
