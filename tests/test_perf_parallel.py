"""A trace with worker processes (attribution, shared quotations and related articles run in
the pool) gives exactly the serial trace's report."""

from __future__ import annotations

import json
from pathlib import Path

from provenance import parallel
from provenance.pipeline import TraceOptions, trace
from provenance.report.json_report import report_dict

FIX = Path(__file__).parent / "fixtures" / "reuse"


def _crawl(folder: Path) -> Path:
    """A crawl of more articles than ``MIN_PARALLEL``: the reuse fixtures, each in several
    lightly edited versions, so there are copies, quotations and credits to find."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIX.glob("*.txt"))]
    n = 0
    while n < parallel.MIN_PARALLEL + 8:
        for t in texts:
            edited = t.replace(" the ", " a ", n % 3) + f"\n\nReporting by Desk {n % 5} (Reuters)."
            (folder / f"doc{n:03d}.txt").write_text(edited, encoding="utf-8")
            n += 1
    return folder


def test_workers_give_the_serial_report(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl")
    serial = trace([crawl], TraceOptions(db=tmp_path / "s.db", workers=1))
    pooled = trace([crawl], TraceOptions(db=tmp_path / "p.db", workers=2))
    a, b = report_dict(serial), report_dict(pooled)
    assert a["reuse"] and a["quotes"]  # the comparison is not vacuous
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    # a re-run reads every attribution from the store and starts no process
    again = trace([crawl], TraceOptions(db=tmp_path / "p.db", workers=2))
    assert json.dumps(report_dict(again), sort_keys=True) == json.dumps(a, sort_keys=True)
