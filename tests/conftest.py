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


@pytest.fixture(scope="session")
def dev_trace(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The labelled dev crawl traced once per test session (skips when ../shared is absent)."""
    crawl = SHARED_DATA / "syndication-dev" / "crawl"
    if not crawl.is_dir():
        pytest.skip("../shared/data/syndication-dev is not present")
    from provenance import TraceOptions, trace

    db = tmp_path_factory.mktemp("dev") / "dev.db"
    return trace([crawl], TraceOptions(db=db, workers=2))
