"""Giving freed memory back to the system between a trace's stages.

A stage such as the reuse engine builds hundreds of megabytes of short-lived arrays and
records on a large crawl and frees them when it ends.  glibc's allocator keeps most of that
freed memory mapped in its heap (it returns only the top of the heap), so the process's
resident size stays at the stage's peak, and the next stage's peak adds on top of it.
``malloc_trim`` hands the free pages back; on a generated 4,000-page crawl it took the
resident size after the reuse engine from 578 MB to 306 MB.  Elsewhere (no glibc) it does
nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


def release_freed_memory() -> bool:
    """Return the allocator's free pages to the system; ``True`` when it could be asked."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
