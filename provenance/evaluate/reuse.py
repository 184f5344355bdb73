"""Real text reuse on meter-dev: trace the crawl, score the report with the shared scorer
(``../shared/tools/score_real_reuse.py``, run as a subprocess, never re-implemented), and add
our own summary of what the scorer's single number folds together.

The scorer ranks each newspaper text by the largest containment (or jaccard) of its reuse
edges and ``matches[]`` entries with a true wire source, so for a match it reads the larger of
the two containments: the shorter text's.  Our summary adds the same ranking from the copy's
side only (the later text's containment in the earlier one, which is what the annotated
verbatim share measures), the share of non-derived texts with a copy edge to the wire, and the
matches by kind, so a change that moves one of them is visible.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..pipeline import TraceOptions, trace
from ..report.json_report import write_json

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "meter-dev"
DEFAULT_TOOLS = REPO.parent / "shared" / "tools"


def score_report(data: Path, report: Path, tools: Path = DEFAULT_TOOLS) -> tuple[str, dict[str, Any]]:
    """Run ``score_real_reuse.py`` on a report; what it printed and its metrics."""
    scorer = tools / "score_real_reuse.py"
    if not scorer.is_file():
        raise InputError(str(scorer), "real-reuse scorer not found")
    with tempfile.TemporaryDirectory() as tmp:
        metrics = Path(tmp) / "metrics.json"
        proc = subprocess.run(
            [sys.executable, str(scorer), str(data), str(report), "--json", str(metrics)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise InputError(str(scorer), f"real-reuse scorer failed: {last}")
        return proc.stdout, json.loads(metrics.read_text(encoding="utf-8"))


def _auc(pos: list[float], neg: list[float]) -> float:
    """ROC-AUC (ties count half): the chance a derived text outranks a non-derived one."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _ranks(v: list[float]) -> list[float]:
    order = sorted(range(len(v)), key=v.__getitem__)
    r = [0.0] * len(v)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r


def _spearman(x: list[float], y: list[float]) -> float:
    if len(x) < 3:
        return float("nan")
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else float("nan")


def reuse_summary(data: Path, report: Path) -> dict[str, Any]:
    """Our own figures beside the scorer's (see the module docstring), from the report and
    ``truth.json`` (roles, labels, true sources, verbatim shares)."""
    truth = json.loads((data / "truth.json").read_text(encoding="utf-8"))
    arts = {a["file"]: a for a in truth["articles"]}
    rep = json.loads(report.read_text(encoding="utf-8"))
    fid = {a["id"]: Path(a.get("path") or "").name for a in rep["articles"]}
    fid = {k: v for k, v in fid.items() if v in arts}
    papers = [a for a in truth["articles"] if a["role"] == "newspaper"]
    copy_side = {p["file"]: 0.0 for p in papers}
    for m in rep.get("matches", []):
        a, b = fid.get(m["first"]), fid.get(m["second"])
        for wire, paper, key in (
            (a, b, "containment_second_in_first"),
            (b, a, "containment_first_in_second"),
        ):
            if wire and paper in copy_side and wire in arts[paper]["sources"]:
                copy_side[paper] = max(copy_side[paper], float(m[key]))
    edged = set()
    for e in rep.get("reuse", []):
        s, t = fid.get(e["source"]), fid.get(e["target"])
        if s and t and {arts[s]["role"], arts[t]["role"]} == {"wire", "newspaper"}:
            edged.add(t if arts[t]["role"] == "newspaper" else s)
    pos = [p for p in papers if p["label"] != "non"]
    neg = [p for p in papers if p["label"] == "non"]
    ann = [p for p in pos if "verbatim_share" in p]
    return {
        "matches": len(rep.get("matches", [])),
        "match_kinds": dict(Counter(m["kind"] for m in rep.get("matches", []))),
        "edges": len(rep.get("reuse", [])),
        "non_derived_with_wire_edge": sum(p["file"] in edged for p in neg) / len(neg) if neg else 0.0,
        "copy_side_auc": _auc([copy_side[p["file"]] for p in pos], [copy_side[p["file"]] for p in neg]),
        "copy_side_spearman": _spearman(
            [copy_side[p["file"]] for p in ann], [float(p["verbatim_share"]) for p in ann]
        ),
    }


def format_summary(s: dict[str, Any]) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(s["match_kinds"].items(), key=lambda kv: -kv[1]))
    return (
        "\nreal reuse (provenance's own summary, not the shared scorer):\n"
        f"  matches (pairwise evidence)                  {s['matches']} ({kinds})\n"
        f"  copy edges                                   {s['edges']}\n"
        f"  non-derived texts with a copy edge to a wire {s['non_derived_with_wire_edge']:.3f}\n"
        f"  copy side only (newspaper text's containment in its wire text, from matches[]):\n"
        f"    AUC derived vs non {s['copy_side_auc']:.3f}, "
        f"Spearman with verbatim share {s['copy_side_spearman']:.3f}\n"
    )


def evaluate_reuse(
    data: Path = DEFAULT_DATA, tools: Path = DEFAULT_TOOLS, db: Path | None = None, report: Path | None = None
) -> tuple[str, dict[str, Any]]:
    """Trace ``data/crawl`` into a fresh store, write the report, score it; the printed text
    (scorer, then our summary) and the metrics (the scorer's, ``summary`` added)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = db or Path(tmp) / "eval.db"
        report = report or Path(tmp) / "report.json"
        write_json(trace([data / "crawl"], TraceOptions(db=db)), report)
        out, metrics = score_report(data, report, tools)
        summary = reuse_summary(data, report)
        return out + format_summary(summary), dict(metrics, summary=summary)
