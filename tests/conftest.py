"""Shared fixtures: paths to the shipped seed crawl and to ../shared/data (skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Timing belongs in the benchmark: a loaded CI machine must not fail a property test.
settings.register_profile("provenance", deadline=None)
settings.load_profile("provenance")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "crawls" / "seeds"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA
