"""The credit phrasing stress set: every line of ``fixtures/credit_phrasings.jsonl`` (written
blind to the code, as a new user would: wire, aggregator and state-media phrasings of 12
kinds, negatives among them) must give exactly the outlets it cites, with their via-chain.

Names compare as the registry resolves them (an alias or the canonical name); a collective
compares by its words ("local press" for "local press in Hatay").  Lines the citation reader
does not get right yet are listed in ``KNOWN_GAPS`` with why: they run as strict xfails, so
a line that starts passing fails the suite until it leaves the list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.attribution.citations import extract_citations
from provenance.attribution.registry import Registry, default_registry, name_key
from provenance.models import Article

LINES = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures" / "credit_phrasings.jsonl")
    .read_text("utf-8")
    .splitlines()
    if line.strip()
]
KNOWN_GAPS = json.loads(
    (Path(__file__).parent / "fixtures" / "credit_phrasings_gaps.json").read_text("utf-8")
)


def _same(expected: str, got: str, reg: Registry) -> bool:
    a, b = name_key(expected), name_key(got)
    if a == b:
        return True
    ra, rb = reg.resolve(expected), reg.resolve(got)
    if ra is not None and ra is rb:
        return True
    return bool(reg.source_group(expected)) and (a.startswith(b) or b.startswith(a))


def _params() -> list[object]:
    out = []
    for i, d in enumerate(LINES):
        why = KNOWN_GAPS.get(d["text"])
        marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
        out.append(pytest.param(d, id=f"{i:03d}-{d['kind']}", marks=marks))
    return out


@pytest.fixture(scope="module")
def reg() -> Registry:
    return default_registry()


def test_the_set_is_large_and_varied() -> None:
    kinds = {d["kind"] for d in LINES}
    assert len(LINES) >= 150 and len(kinds) >= 10
    assert len(KNOWN_GAPS) < len(LINES) // 4, "the gaps list is a list of exceptions, not the rule"


@pytest.mark.parametrize("line", _params())
def test_phrasing(line: dict[str, object], reg: Registry) -> None:
    text = str(line["text"])
    found = extract_citations(Article(id="a", path="a.txt", text=text), reg)
    cited = [c for c in found if c.cited_kind != "vague"]
    expected = [str(x) for x in line["cited"]]  # type: ignore[attr-defined]
    if not expected:
        assert cited == [], [c.cited for c in cited]
        return
    names = [c.cited for c in cited] + [c.cited_domain for c in cited if c.cited_domain]
    for e in expected:
        assert any(_same(e, n, reg) for n in names), (e, names)
    for e in [str(x) for x in line["via"]]:  # type: ignore[attr-defined]
        assert any(_same(e, v, reg) for c in cited for v in c.via), (e, [c.via for c in cited])
