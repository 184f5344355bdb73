"""The evaluation's parent-tie diagnostic counts ties from the report's ``alternatives``."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.evaluate.syndication import parent_ties


def _write(tmp: Path, name: str, obj: object) -> Path:
    p = tmp / name
    p.write_text(json.dumps(obj))
    return p


def test_parent_ties_counts_tied_choices_and_misses(tmp_path: Path) -> None:
    arts = [
        {"file": f"{k}.html", "url": f"https://x.example/{k}", "parent_url": par}
        for k, par in [
            ("o", None),
            ("a", "https://x.example/o"),
            ("b", "https://x.example/a"),
            ("c", "https://x.example/o"),
            ("d", "https://x.example/o"),
        ]
    ]
    truth = _write(tmp_path, "truth.json", {"articles": arts})
    rep_articles = [
        {"id": k.upper(), "url": f"https://x.example/{k}", "path": f"/crawl/{k}.html"} for k in "oabcd"
    ]
    reuse = [
        {"source": "O", "target": "A", "alternatives": []},  # no tie: not counted
        {"source": "O", "target": "B", "alternatives": ["A"]},  # tie, true parent A not chosen
        {"source": "O", "target": "C", "alternatives": ["A"]},  # tie, chosen right
        {"source": "A", "target": "D", "alternatives": ["B"]},  # tie, true parent O not among them
    ]
    report = _write(tmp_path, "report.json", {"articles": rep_articles, "reuse": reuse})
    out = parent_ties(truth, report)
    numbers = [line.split()[-1] for line in out.strip().splitlines()[1:4]]
    assert numbers == ["3", "2", "1"]
    assert "0.250 of 4 copies" in out
