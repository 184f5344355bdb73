"""Report dicts for the report-output tests: the hand-made story fixture and a large synthetic one.

The synthetic report is seeded, so every run draws the same 60+ outlets; it exists to check
that pictures and the HTML stay readable at a size where naive layouts fall apart.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "report"

_WORDS = [
    "Northern",
    "Courier",
    "Tribune",
    "Daily",
    "Morning",
    "Evening",
    "Post",
    "Gazette",
    "Herald",
    "Wire",
    "Agency",
    "News",
    "Chronicle",
    "Times",
    "Observer",
    "Ledger",
    "Review",
    "Dispatch",
    "Sentinel",
    "Monitor",
    "Bulletin",
    "Journal",
    "Express",
    "Record",
    "Register",
]


def story_report() -> dict[str, Any]:
    """The hand-made story fixture (see fixtures/report/build_story.py)."""
    data: dict[str, Any] = json.loads((FIXTURES / "story.json").read_text(encoding="utf-8"))
    return data


def big_report(n_outlets: int = 64, n_stories: int = 14, seed: int = 7) -> dict[str, Any]:
    """A seeded synthetic report with many outlets, source groups, stories, citations and copies."""
    rnd = random.Random(seed)
    outlets = []
    for i in range(n_outlets):
        name = " ".join(rnd.sample(_WORDS, rnd.choice((1, 2, 3, 4)))) + f" {i}"
        outlets.append({"name": name, "domain": f"outlet{i}.example", "evidence": "og:site_name"})
    groups = [
        "Iranian media",
        "Russian state media",
        "local sources",
        "Western agencies",
        "Turkish press",
        "Gulf media",
    ]
    articles: list[dict[str, Any]] = []
    reuse: list[dict[str, Any]] = []
    attributions: list[dict[str, Any]] = []
    stories: list[dict[str, Any]] = []
    base = 1_700_000_000
    body = "Officials said the talks would resume next week. " * 6
    for s in range(n_stories):
        members = []
        for j in range(rnd.randint(4, 9)):
            aid = f"s{s}a{j}"
            outlet = rnd.choice(outlets)
            r = rnd.random()
            ts = base + s * 86400 * 2 + j * rnd.randint(600, 20000)
            iso = datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            published = (
                {"value": iso, "not_before": None, "not_after": None, "evidence": ["metadata"]}
                if r < 0.7
                else {"value": None, "not_before": iso[:10], "not_after": None, "evidence": ["url"]}
                if r < 0.85
                else {"value": None, "not_before": None, "not_after": None, "evidence": []}
            )
            articles.append(
                {
                    "id": aid,
                    "url": f"https://{outlet['domain']}/{aid}",
                    "path": f"crawl/{aid}.html",
                    "title": f"Story {s} report {j}: talks to resume",
                    "byline": None,
                    "text": body,
                    "outlet": dict(outlet),
                    "published": published,
                }
            )
            members.append(aid)
            if j:
                src = members[rnd.randrange(j)]
                credit = rnd.choice(["declared", "vague", "wrong", "absent"])
                reuse.append(
                    {
                        "source": src,
                        "target": aid,
                        "kind": rnd.choice(["partial", "containment", "quote"]),
                        "jaccard": 0.5,
                        "containment": 0.8,
                        "declared": credit == "declared",
                        "credit": credit,
                        "passages": [{"source_span": [0, 50], "target_span": [0, 50], "text": body[:50]}],
                    }
                )
            if rnd.random() < 0.6:
                cited = rnd.choice(outlets)
                via = [rnd.choice(groups)] if rnd.random() < 0.4 else []
                attributions.append(
                    {
                        "article": aid,
                        "cited": cited["name"],
                        "cited_domain": cited["domain"],
                        "via": via,
                        "via_kinds": ["source_group"] * len(via),
                        "cue": "according to",
                        "evidence": f"according to {cited['name']}",
                        "span": [0, 10],
                        "mode": "text",
                        "cited_kind": "outlet",
                    }
                )
            elif rnd.random() < 0.3:
                g = rnd.choice(groups)
                attributions.append(
                    {
                        "article": aid,
                        "cited": g,
                        "cited_domain": None,
                        "via": [],
                        "via_kinds": [],
                        "cue": "reports",
                        "evidence": f"{g} reports",
                        "span": [0, 10],
                        "mode": "text",
                        "cited_kind": "source_group",
                    }
                )
        stories.append({"id": f"story{s}", "members": members, "origin": members[0], "evidence": "earliest"})
    return {
        "schema": "provenance-report/1",
        "articles": articles,
        "reuse": reuse,
        "quotes": [],
        "attributions": attributions,
        "links": [],
        "stories": stories,
        "related": [],
        "graph": {"directed": True, "multigraph": True, "graph": {}, "nodes": [], "edges": []},
    }
