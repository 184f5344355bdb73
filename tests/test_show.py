"""``provenance show``: a story is read as outlets and titles, and claim ids are reachable."""

from __future__ import annotations

import io

from report_data import story_report
from rich.console import Console

from provenance.report.show import show


def _show(report: dict, key: str) -> str:
    out = io.StringIO()
    assert show(report, key, Console(file=out, width=100_000))
    return out.getvalue()


def test_story_view_names_outlets_titles_and_credit() -> None:
    text = _show(story_report(), "s1")
    for words in (
        "Halyard Press Agency — ISIS regrouping, Iraq warns UN",
        "Daily Ledger — Iraq warns UN chief that ISIS is regrouping",
        "credit declared",
        "credit wrong",
    ):
        assert words in text, words


def test_claim_ids_are_listed_and_answer() -> None:
    report = story_report()
    first = report["stories"][0]["origin"]
    report["claims"] = [
        {
            "id": "claim-7",
            "text": "ISIS is regrouping in the desert",
            "first_article": first,
            "first_span": [0, 5],
            "articles": [first],
            "hops": [],
            "drifted": False,
        }
    ]
    assert "claim-7" in _show(report, "s1")  # the story lists its claims by id
    assert "claim-7" in _show(report, first)  # so does the article
    assert "ISIS is regrouping in the desert" in _show(report, "claim-7")
