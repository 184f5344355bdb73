"""Freed memory goes back to the system between stages (glibc keeps it otherwise)."""

from __future__ import annotations

import os
import sys

import numpy as np
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


def test_token_offsets_are_32_bit() -> None:
    """The reuse engine holds every document's token offsets at once (and their copies
    without boilerplate): 4 bytes an offset, not numpy's default 8."""
    from provenance.align import analysed_tokens, doc_tokens
    from provenance.models import Article
    from provenance.overlap import content_text
    from provenance.segment import segment

    text = "Officials said on Monday that the bridge would reopen. " * 20
    art = Article(id="a", path="a.txt", text=text)
    for d in (doc_tokens(text), analysed_tokens(segment(art))):
        assert d.starts.dtype.itemsize == 4 and d.ends.dtype.itemsize == 4
        assert int(d.ends[-1]) == len(text.rstrip(". "))  # "reopen" ends the last token
        kept = content_text(d, np.zeros(len(d.tokens), np.uint32), 3)
        assert kept.starts.itemsize == 4 and kept.ends.itemsize == 4
