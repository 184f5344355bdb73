"""The extraction evaluation runs on a few pages of ../shared/data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.evaluate.extraction import _score, evaluate_extraction, format_extraction

DATA = Path(__file__).parents[1] / ".." / "shared" / "data" / "trafilatura-eval"


def test_score_counts_like_trafilatura():
    item = {"with": ["alpha", "beta"], "without": ["gamma", "delta"]}
    assert _score("alpha gamma", item) == (1, 1, 1, 1)
    assert _score(None, item) == (0, 2, 0, 2)


@pytest.mark.slow
def test_evaluate_extraction_on_five_pages():
    if not (DATA / "evaldata.json").exists():
        pytest.skip("../shared/data/trafilatura-eval not present")
    scores = evaluate_extraction(DATA, limit=5)
    assert scores["pages"] == 5
    for system in ("ours", "trafilatura_default"):
        figures = scores[system]
        assert figures["tp"] + figures["fn"] + figures["fp"] + figures["tn"] > 0
        assert 0.0 <= figures["f1"] <= 1.0
        assert figures["seconds_per_page"] > 0
    table = format_extraction(scores)
    assert "ours" in table and "default" in table and "f1" in table
