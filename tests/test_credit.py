"""Stated-vs-observed credit: declared / vague / wrong / absent for a copy edge, and whether a
cited outlet's text is really in the citing article."""

from __future__ import annotations

import pytest

from provenance.attribution.citations import extract_citations
from provenance.attribution.credit import citation_observed, credit_status
from provenance.attribution.registry import Registry, default_registry
from provenance.models import Article, Link, OutletGuess

BODY = "The minister warned that the group is regaining strength after seizing weapons from depots."


@pytest.fixture(scope="module")
def reg() -> Registry:
    return default_registry()


def page(aid: str, url: str, text: str = BODY, name: str | None = None, **kw: object) -> Article:
    from provenance.attribution.registry import host_of

    return Article(
        id=aid,
        path=f"{aid}.html",
        text=text,
        url=url,
        outlet=OutletGuess(name=name, domain=host_of(url)),
        **kw,  # type: ignore[arg-type]
    )


SOURCE = page("src", "https://www.arbatdaily.ru/news/1", name="Arbat Business Daily")
UPSTREAM = page("up", "https://kavirtimes.ir/2016/01/a", name="Kavir Times")


def status(target: Article, reg: Registry, ancestors: tuple[Article, ...] = ()) -> str:
    st, ev = credit_status(SOURCE, target, extract_citations(target, reg), reg, ancestors)
    assert ev
    return st


@pytest.mark.parametrize(
    "credit_line",
    [
        "h/t Arbat Business Daily",
        "Source: arbatdaily.ru",
        "This article originally appeared on the Daily.",  # alias-like short form inside the name
        "Source: ABD",  # initials
        "The report was originally published by ArbatDaily.",
    ],
)
def test_declared_by_name_alias_initials_domain(reg: Registry, credit_line: str) -> None:
    target = page("t", "https://copysite.com/a", text=BODY + "\n" + credit_line)
    assert status(target, reg) == "declared"


def test_declared_by_link_and_canonical(reg: Registry) -> None:
    linked = page(
        "t1",
        "https://copysite.com/a",
        links=(Link(url="https://arbatdaily.ru/news/1", anchor="here", domain="arbatdaily.ru"),),
    )
    assert status(linked, reg) == "declared"
    canon = page("t2", "https://copysite.com/b", canonical_url="http://arbatdaily.ru/news/1/")
    assert status(canon, reg) == "declared"


@pytest.mark.parametrize(
    "line",
    [
        "Source: Russian media",
        "Source: local media",
        "Source: media reports",
        "Prices rose, according to reports.",
    ],
)
def test_vague(reg: Registry, line: str) -> None:
    assert status(page("t", "https://copysite.com/a", text=BODY + "\n" + line), reg) == "vague"


def test_wrong_names_other_outlet_or_upstream(reg: Registry) -> None:
    other = page("t", "https://copysite.com/a", text=BODY + "\nh/t Niger Delta Clarion")
    assert status(other, reg) == "wrong"
    upstream = page("t", "https://copysite.com/a", text=BODY + "\nh/t Kavir Times")
    st, ev = credit_status(SOURCE, upstream, extract_citations(upstream, reg), reg, (UPSTREAM,))
    assert st == "wrong" and "upstream" in ev


def test_absent(reg: Registry) -> None:
    assert status(page("t", "https://copysite.com/a"), reg) == "absent"


def test_a_citation_copied_along_declares_only_when_it_names_the_chain(reg: Registry) -> None:
    """The source's own sentence "..., Kavir Times reported." travels with its text: in the
    copy it names the chain's upstream (wrong credit, but credit); a copied-along citation of
    an outlet outside the chain is the story's own reporting and credits nothing."""
    text = BODY.rstrip(".") + ", Kavir Times reported.\nThe talks resume on Monday."
    source = page("src", "https://www.arbatdaily.ru/news/1", text=text, name="Arbat Business Daily")
    target = page("t", "https://copysite.com/a", text=text)
    cites, own = extract_citations(target, reg), extract_citations(source, reg)
    assert cites and own
    st, ev = credit_status(source, target, cites, reg, (UPSTREAM,), source_citations=own)
    assert st == "wrong" and "upstream" in ev
    st, _ = credit_status(source, target, cites, reg, (), source_citations=own)
    assert st == "absent"


def test_own_dateline_copied_along_still_names_the_source(reg: Registry) -> None:
    wire = page("w", "https://www.crescentwire.ae/en/news/1", name="Crescent Wire Service")
    target = page("t", "https://copysite.com/a", text="MIAMI (CWS) — " + BODY)
    st, _ = credit_status(wire, target, extract_citations(target, reg), reg)
    assert st == "declared"


def test_citation_observed(reg: Registry) -> None:
    citing = page("t", "https://copysite.com/a", text=BODY + "\nh/t Arbat Business Daily")
    (cit,) = extract_citations(citing, reg)

    def shared(a: str, b: str) -> int:
        return len(BODY) if BODY in a and BODY in b else 0

    assert citation_observed(cit, citing, [SOURCE, UPSTREAM], shared).startswith("observed:")
    assert citation_observed(cit, citing, [SOURCE], None).startswith("in-crawl:")
    assert citation_observed(cit, citing, [UPSTREAM], shared).startswith("not-in-crawl:")
    other_text = page(
        "src2", "https://arbatdaily.ru/news/2", text="Something else entirely, about the weather today."
    )
    assert citation_observed(cit, citing, [other_text], shared).startswith("not-observed:")
    group = page("g", "https://copysite.com/g", text=BODY + "\nSource: Russian media")
    (gc,) = extract_citations(group, reg)
    assert citation_observed(gc, group, [SOURCE], shared).startswith("collective:")


def test_named_depth_tells_the_direct_source_from_its_upstream(reg: Registry) -> None:
    from provenance.attribution.credit import named_depth
    from provenance.reuse import credit_hints

    copy = page(
        "c", "https://example-copier.com/x", BODY + " Arbat Business Daily reported, citing Kavir Times."
    )
    cites = extract_citations(copy, reg)
    assert named_depth(SOURCE, copy, cites, reg) == 0
    assert named_depth(UPSTREAM, copy, cites, reg) == 1
    assert named_depth(page("o", "https://other.org/a", name="Other Herald"), copy, cites, reg) is None
    # the parent choice ranks the direct source above the upstream one, both above nothing
    names = credit_hints(cites, reg)
    assert names(copy, SOURCE) > names(copy, UPSTREAM) > 0
