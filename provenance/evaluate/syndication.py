"""Syndication evaluation: trace the labelled dev crawl and score the report with the
shared scorer (``../shared/tools/score_syndication.py``), which we call, never re-implement."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..pipeline import TraceOptions, trace
from ..report.json_report import write_json

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "syndication-dev"
DEFAULT_TOOLS = REPO.parent / "shared" / "tools"


def score_report(truth: Path, report: Path, tools: Path = DEFAULT_TOOLS) -> tuple[str, dict[str, Any]]:
    """Run the shared scorer on a report; return what it printed and its metrics."""
    with tempfile.TemporaryDirectory() as tmp:
        metrics = Path(tmp) / "metrics.json"
        out = subprocess.run(
            [sys.executable, str(tools / "score_syndication.py"), str(truth), str(report), "--json", str(metrics)],
            capture_output=True, text=True, check=True,
        ).stdout
        return out, json.loads(metrics.read_text())


def evaluate_syndication(data: Path = DEFAULT_DATA, tools: Path = DEFAULT_TOOLS, db: Path | None = None,
                         report: Path | None = None) -> tuple[str, dict[str, Any]]:
    """Trace ``data/crawl`` into a fresh store, write the JSON report, and score it."""
    with tempfile.TemporaryDirectory() as tmp:
        db = db or Path(tmp) / "eval.db"
        report = report or Path(tmp) / "report.json"
        result = trace([data / "crawl"], TraceOptions(db=db))
        write_json(result, report)
        return score_report(data / "truth.json", report, tools)
