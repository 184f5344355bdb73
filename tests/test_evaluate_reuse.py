"""Our own real-reuse summary (beside the shared scorer): read from a report and a truth file."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.evaluate.reuse import format_summary, reuse_summary


def _match(first: str, second: str, c12: float, c21: float, kind: str = "partial") -> dict[str, object]:
    return {
        "first": first,
        "second": second,
        "containment_first_in_second": c12,
        "containment_second_in_first": c21,
        "jaccard": min(c12, c21),
        "aligned_chars": 10,
        "quoted_share": 0.0,
        "kind": kind,
    }


def test_summary_reads_the_copy_side_and_wire_edges(tmp_path: Path) -> None:
    truth = {
        "articles": [
            {"file": "w.txt", "role": "wire"},
            {"file": "x.txt", "role": "wire"},
            {
                "file": "p1.txt",
                "role": "newspaper",
                "label": "wholly",
                "sources": ["w.txt"],
                "verbatim_share": 0.9,
            },
            {
                "file": "p2.txt",
                "role": "newspaper",
                "label": "partially",
                "sources": ["w.txt"],
                "verbatim_share": 0.4,
            },
            {
                "file": "p3.txt",
                "role": "newspaper",
                "label": "partially",
                "sources": ["w.txt"],
                "verbatim_share": 0.1,
            },
            {"file": "n1.txt", "role": "newspaper", "label": "non", "sources": ["w.txt"]},
            {"file": "n2.txt", "role": "newspaper", "label": "non", "sources": ["w.txt"]},
        ]
    }
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    arts = [{"id": f["file"][:-4], "path": f"crawl/{f['file']}"} for f in truth["articles"]]
    report = {
        "articles": arts,
        "matches": [
            _match("w", "p1", 0.3, 0.95, "containment"),  # the wire first: the copy is second
            _match("p2", "w", 0.5, 0.2),  # a paper first (dates could not tell): copy is first
            _match("w", "p3", 0.9, 0.15),  # a short wire text inside p3: p3's own share is 0.15
            _match("w", "n1", 0.6, 0.1, "quote"),
            _match("x", "n2", 0.9, 0.9),  # another story's wire text: not a true source
        ],
        "reuse": [{"source": "w", "target": "p1"}, {"source": "w", "target": "n1"}],
    }
    (tmp_path / "r.json").write_text(json.dumps(report))
    s = reuse_summary(tmp_path, tmp_path / "r.json")
    assert s["matches"] == 5 and s["edges"] == 2
    assert s["match_kinds"] == {"containment": 1, "partial": 3, "quote": 1}
    assert s["non_derived_with_wire_edge"] == 0.5
    # copy side: p1 0.95, p2 0.5, p3 0.15 against n1 0.1, n2 0: every derived text ranks higher
    assert s["copy_side_auc"] == 1.0
    assert abs(s["copy_side_spearman"] - 1.0) < 1e-9
    assert "non-derived texts with a copy edge to a wire 0.500" in format_summary(s)
