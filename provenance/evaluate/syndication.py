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
            [
                sys.executable,
                str(tools / "score_syndication.py"),
                str(truth),
                str(report),
                "--json",
                str(metrics),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out, json.loads(metrics.read_text())


def evaluate_syndication(
    data: Path = DEFAULT_DATA, tools: Path = DEFAULT_TOOLS, db: Path | None = None, report: Path | None = None
) -> tuple[str, dict[str, Any]]:
    """Trace ``data/crawl`` into a fresh store, write the JSON report, and score it."""
    with tempfile.TemporaryDirectory() as tmp:
        db = db or Path(tmp) / "eval.db"
        report = report or Path(tmp) / "report.json"
        result = trace([data / "crawl"], TraceOptions(db=db))
        write_json(result, report)
        out, metrics = score_report(data / "truth.json", report, tools)
        return out + parent_ties(data / "truth.json", report), metrics


def parent_ties(truth: Path, report: Path) -> str:
    """Our own diagnostic beside the shared scorer's figures: how much of the directed error is
    a choice between candidate parents the evidence cannot tell apart (``alternatives``).

    A verbatim copy of a verbatim copy is textually equal to its source, so only credit and
    dates can pick between them; this prints how often the true parent was among such tied
    candidates and how often the tie-break picked it -- the ceiling of better tie-breaking.
    """
    labels = json.loads(truth.read_text())
    rep = json.loads(report.read_text())
    by_url = {a["url"]: a for a in labels["articles"]}
    by_file = {a["file"]: a for a in labels["articles"]}

    def label(art: dict[str, Any]) -> dict[str, Any] | None:
        return by_url.get(art.get("url") or "") or by_file.get(Path(art.get("path") or "").name)

    ids = {a["id"]: label(a) for a in rep["articles"]}
    tied = inside = right = 0
    for e in rep["reuse"]:
        child = ids.get(e["target"])
        if not e.get("alternatives") or child is None:
            continue
        tied += 1
        true_parent = child.get("parent_url")
        chosen = ids.get(e["source"])
        urls = [o["url"] for o in (ids.get(x) for x in [e["source"], *e["alternatives"]]) if o]
        inside += true_parent in urls
        right += chosen is not None and chosen["url"] == true_parent
    copies = sum(1 for a in labels["articles"] if a.get("parent_url"))
    return (
        "\nparent ties (provenance's own diagnostic, not the shared scorer):\n"
        f"  copies whose parent was chosen among near-equal candidates  {tied}\n"
        f"  true parent among the tied candidates                       {inside}\n"
        f"  tie-break chose it                                          {right}\n"
        f"  directed recall lost to ties: {(inside - right) / max(copies, 1):.3f} of {copies} copies\n"
    )
