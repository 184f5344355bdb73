"""Extraction quality on trafilatura's own benchmark (``../shared/data/trafilatura-eval``).

For each page the evaluation runs our :func:`provenance.extract.extract` and trafilatura's
default ``trafilatura.extract(html)`` and scores both with trafilatura's snippet metric
(``tests/evaluate.py`` upstream): a "with" snippet found in the output is a true positive, else
a false negative; a "without" snippet absent is a true negative, else a false positive.  A page
with no output counts all its "with" snippets as FN and its "without" snippets as TN, as
upstream does.  Time per page is the mean wall time of each extractor's call.  The figures and
the options they chose are written down in :mod:`provenance.extract.html`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import trafilatura

from ..errors import InputError
from ..extract import extract
from ..models import RawDocument

SYSTEMS = ("ours", "ours_fast", "trafilatura_default")


def _ours(content: bytes, name: str, fast: bool = False) -> str | None:
    raw = RawDocument(id=hashlib.sha256(content).hexdigest(), path=name, content=content, media_type="html")
    try:
        return extract(raw, fast=fast).text
    except InputError:
        return None


def _ours_fast(content: bytes, name: str) -> str | None:
    return _ours(content, name, fast=True)


def _default(content: bytes, name: str) -> str | None:
    return trafilatura.extract(content)


def _score(result: str | None, item: dict[str, Any]) -> tuple[int, int, int, int]:
    """(TP, FN, FP, TN) of one page, exactly as trafilatura's evaluation counts them."""
    if result is None:
        return 0, len(item["with"]), 0, len(item["without"])
    tp = sum(1 for s in item["with"] if s in result)
    fp = sum(1 for s in item["without"] if s in result)
    return tp, len(item["with"]) - tp, fp, len(item["without"]) - fp


def _one_page(args: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    path, item = args
    content = gzip.decompress(path.read_bytes())
    out: dict[str, Any] = {}
    for system, func in (("ours", _ours), ("ours_fast", _ours_fast), ("trafilatura_default", _default)):
        start = time.perf_counter()
        result = func(content, path.name)
        out[system] = (_score(result, item), time.perf_counter() - start)
    return out


def evaluate_extraction(
    data_dir: Path = Path("../shared/data/trafilatura-eval"), limit: int | None = None, workers: int = 1
) -> dict[str, Any]:
    """Score ours vs trafilatura's default on the first ``limit`` pages (all when None).

    Returns ``{"pages": n, "ours": {...}, "trafilatura_default": {...}}``, each with tp, fn, fp,
    tn, precision, recall, f1, accuracy and seconds_per_page.
    """
    evaldata = json.loads((data_dir / "evaldata.json").read_text(encoding="utf-8"))
    items = list(evaldata.values())[:limit] if limit is not None else list(evaldata.values())
    jobs = [(data_dir / "html" / (item["file"] + ".gz"), item) for item in items]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            pages = list(pool.map(_one_page, jobs, chunksize=8))
    else:
        pages = [_one_page(job) for job in jobs]
    scores: dict[str, Any] = {"pages": len(pages)}
    for system in SYSTEMS:
        tp = sum(p[system][0][0] for p in pages)
        fn = sum(p[system][0][1] for p in pages)
        fp = sum(p[system][0][2] for p in pages)
        tn = sum(p[system][0][3] for p in pages)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total = tp + fn + fp + tn
        scores[system] = {
            "tp": tp,
            "fn": fn,
            "fp": fp,
            "tn": tn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "accuracy": (tp + tn) / total if total else 0.0,
            "seconds_per_page": sum(p[system][1] for p in pages) / len(pages) if pages else 0.0,
        }
    return scores


def format_extraction(scores: dict[str, Any]) -> str:
    """Side-by-side table of the two systems' figures."""
    rows = [
        f"extraction on {scores['pages']} pages (trafilatura snippet metric)",
        f"{'':18}{'ours':>10}{'ours-fast':>10}{'default':>10}  (default = trafilatura.extract(html))",
    ]
    for key in ("precision", "recall", "f1", "accuracy"):
        rows.append(f"{key:18}" + "".join(f"{scores[s][key]:>10.4f}" for s in SYSTEMS))
    for key in ("tp", "fn", "fp", "tn"):
        rows.append(f"{key:18}" + "".join(f"{scores[s][key]:>10d}" for s in SYSTEMS))
    rows.append(
        f"{'ms per page':18}" + "".join(f"{1000 * scores[s]['seconds_per_page']:>10.1f}" for s in SYSTEMS)
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """``python -m provenance.evaluate.extraction [--data DIR] [--limit N] [--workers N]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/trafilatura-eval"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    print(format_extraction(evaluate_extraction(args.data, args.limit, args.workers)))


if __name__ == "__main__":
    main()
