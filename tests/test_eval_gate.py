"""Evaluation gate (as trafilatura has one): when ../shared/data is present, the evaluation
runs and every score must stay at or above the floor pinned in eval_floors.json.  Floors are
raised as the project improves; they are never lowered to make a run pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


def _get(metrics: dict[str, Any], dotted: str) -> float:
    cur: Any = metrics
    for part in dotted.split("."):
        cur = cur[part]
    return float(cur)


def _check(metrics: dict[str, Any], floors: dict[str, float]) -> None:
    low = {k: (_get(metrics, k), v) for k, v in floors.items() if _get(metrics, k) < v}
    assert not low, f"scores below their pinned floors (got, floor): {low}"


@pytest.mark.slow
def test_syndication_scores_hold(shared_data: Path, dev_trace: Any, tmp_path: Path) -> None:
    from provenance import write_json
    from provenance.evaluate.syndication import score_report

    report = tmp_path / "dev.json"
    write_json(dev_trace, report)
    out, metrics = score_report(
        shared_data / "syndication-dev" / "truth.json", report, shared_data.parent / "tools"
    )
    print(out)
    _check(metrics, FLOORS["syndication"])


@pytest.mark.slow
def test_attribution_scores_hold(shared_data: Path, tmp_path: Path) -> None:
    from provenance.evaluate.attribution import attribution_metrics

    metrics = attribution_metrics(shared_data / "polnear" / "dev", db=tmp_path / "a.db")
    _check(metrics, FLOORS["attribution"])


@pytest.mark.slow
def test_extraction_is_at_least_trafilatura_default(shared_data: Path) -> None:
    from provenance.evaluate.extraction import evaluate_extraction

    scores = evaluate_extraction(
        shared_data / "trafilatura-eval", limit=FLOORS["extraction"]["pages"], workers=2
    )
    for ours in ("ours", "ours_fast"):  # the fast path is used only while its quality holds too
        assert scores[ours]["f1"] >= scores["trafilatura_default"]["f1"]
        assert scores[ours]["f1"] >= FLOORS["extraction"]["f1"]


@pytest.mark.slow
def test_real_reuse_scores_hold(shared_data: Path, tmp_path: Path) -> None:
    """meter-dev (real wire copy and newspapers) scored by the shared score_real_reuse.py.

    The shared scorer as shipped crashes on any report that has ``matches[]`` (its matches
    loop rebinds the name ``a`` of its parsed arguments, then reads ``a.threshold``); until it
    is fixed this gate cannot measure and is marked xfail for exactly that failure, and any
    other failure fails the test.
    """
    from provenance.errors import InputError
    from provenance.evaluate.reuse import evaluate_reuse

    data = shared_data / "meter-dev"
    if not (data / "truth.json").is_file():
        pytest.skip("../shared/data/meter-dev is not present")
    try:
        out, metrics = evaluate_reuse(data, shared_data.parent / "tools", db=tmp_path / "m.db")
    except InputError as exc:
        if "has no attribute 'threshold'" in exc.reason:
            pytest.xfail(f"shared scorer bug, not ours: {exc.reason}")
        raise
    print(out)
    _check(metrics, FLOORS["reuse"])
