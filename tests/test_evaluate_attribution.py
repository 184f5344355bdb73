"""PolNeAR attribution evaluation on a few dev files (skipped without ../shared)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from provenance.errors import InputError
from provenance.evaluate.attribution import DEFAULT_SCORER, evaluate_attribution, quotes_report
from provenance.models import Article


def test_quotes_report_shape() -> None:
    art = Article(id="x", path="x.txt", text='"It is fine," Smith said.')
    rep = quotes_report([art])
    assert rep["schema"] == "provenance-report/1"
    assert rep["articles"][0]["text"] == art.text
    q = rep["quotes"][0]
    assert q["article"] == "x" and q["span"] == [0, 13] and q["kind"] == "direct"


@pytest.mark.slow
def test_scorer_runs_on_a_few_dev_files(shared_data: Path, tmp_path: Path) -> None:
    dev = shared_data / "polnear" / "dev"
    if not DEFAULT_SCORER.exists() or not dev.is_dir():
        pytest.skip("PolNeAR dev or its scorer is not present")
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    for txt in sorted((dev / "text").glob("*.txt"))[:3]:
        shutil.copy(txt, split / "text" / txt.name)
        for ann in (dev / "attributions").glob(txt.stem + "_*.ann"):
            shutil.copy(ann, split / "attributions" / ann.name)
    out = evaluate_attribution(split, tmp_path / "report.json")
    assert "content_overlap" in out and "articles=3 missing=0" in out
    assert (tmp_path / "report.json").exists()


def test_missing_scorer_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    with pytest.raises(InputError, match="scorer not found"):
        evaluate_attribution(tmp_path, scorer=tmp_path / "nope.py")
