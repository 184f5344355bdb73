"""Attribution quality on PolNeAR: build a provenance report of quotes, score it with the
shared scorer.

The scorer (``../shared/tools/score_attribution.py``) is the project's yardstick, so we run
it as a subprocess on a report JSON instead of re-implementing its matching: the figures we
print are then exactly the ones anyone else gets from the same report.
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..attribution.registry import Registry
from ..errors import InputError
from ..models import Article, Attribution
from ..parallel import compute_attribution
from ..segment import segment

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCORER = REPO_ROOT.parent / "shared" / "tools" / "score_attribution.py"


def load_articles(split_dir: Path) -> list[Article]:
    """Articles for every ``text/*.txt`` of a PolNeAR split; id = sha256 of the text."""
    out: list[Article] = []
    for f in sorted((split_dir / "text").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        out.append(Article(id=hashlib.sha256(text.encode("utf-8")).hexdigest(), path=str(f), text=text))
    return out


def quote_record(q: Any) -> dict[str, Any]:
    """One quote as the report's ``quotes[]`` entry (spans as lists)."""
    d = asdict(q)
    for k in ("span", "speaker_span", "cue_span"):
        if d.get(k) is not None:
            d[k] = list(d[k])
    return d


def quotes_report(articles: list[Article], registry: Registry | None = None) -> dict[str, Any]:
    """A minimal provenance-report/1 with articles, their quotes and their outlet citations
    (no other stages), each from one attribution analysis per article."""
    registry = registry or Registry.load()
    quotes: list[dict[str, Any]] = []
    cites: list[Attribution] = []
    for a in articles:
        qs, cs = compute_attribution(a, segment(a), registry)
        quotes.extend(quote_record(q) for q in qs)
        cites.extend(cs)
    return {
        "schema": "provenance-report/1",
        "articles": [{"id": a.id, "path": a.path, "text": a.text, "url": a.url} for a in articles],
        "quotes": quotes,
        "attributions": [asdict(c) for c in cites],
    }


def _score(
    split_dir: Path, report: dict[str, Any], scorer: Path | None, report_path: Path | None
) -> tuple[str, dict[str, Any]]:
    """Run the shared scorer on ``report``; its printed output and its metrics JSON."""
    scorer = scorer or DEFAULT_SCORER
    if not scorer.exists():
        raise InputError(str(scorer), "attribution scorer not found")
    with tempfile.TemporaryDirectory() as tmp:
        path = report_path or Path(tmp) / "report.json"
        metrics_path = Path(tmp) / "metrics.json"
        path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        log.info("scoring %d quotes from %d articles", len(report["quotes"]), len(report["articles"]))
        proc = subprocess.run(
            [sys.executable, str(scorer), str(split_dir), str(path), "--json", str(metrics_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise InputError(str(split_dir), f"attribution scorer failed: {last}")
        metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
    return proc.stdout, metrics


def evaluate_attribution(
    split_dir: Path,
    report_path: Path | None = None,
    scorer: Path | None = None,
) -> str:
    """Score quote extraction on a PolNeAR split, then the outlet citations of the same
    report (:mod:`.citations`); returns the printed output.

    ``report_path`` keeps the report JSON (a temporary file is used otherwise); ``scorer``
    overrides the default ``<repo>/../shared/tools/score_attribution.py``.
    """
    from .citations import format_citation_scores, score_report_citations

    registry = Registry.load()
    articles = load_articles(split_dir)
    report = quotes_report(articles, registry)
    out, _ = _score(split_dir, report, scorer, report_path)
    return out + format_citation_scores(score_report_citations(split_dir, articles, report, registry))


def attribution_metrics(
    split_dir: Path,
    db: Path | None = None,
    scorer: Path | None = None,
) -> dict[str, Any]:
    """The scorer's metrics (content/source/cue/relation P/R/F1) as a dict, for the eval gate.

    ``db`` is accepted for the full-pipeline variant (a store path); the quotes-only report
    does not need one.
    """
    from .citations import score_report_citations

    if db is not None:
        log.debug("quotes-only report: store %s not used", db)
    registry = Registry.load()
    articles = load_articles(split_dir)
    report = quotes_report(articles, registry)
    _, metrics = _score(split_dir, report, scorer, None)
    for name, sc in score_report_citations(split_dir, articles, report, registry).items():
        metrics[name] = {
            "p": sc.precision,
            "r": sc.recall,
            "f1": sc.f1,
            "tp": sc.tp,
            "pred": sc.pred,
            "gold": sc.gold,
        }
    return metrics
