"""Stories: order by publication evidence, closest parent, origin, ties reported."""

from __future__ import annotations

from provenance.align import doc_tokens
from provenance.models import Article, DateGuess, Link, OutletGuess
from provenance.reuse import find_reuse
from provenance.stories import credit_strength, time_bounds

BODY = (
    "The Harbour City council voted seven to four on Tuesday night to build a movable flood barrier "
    "across the mouth of the Estuary River, ending a two-year argument over how to protect the lower town. "
    "The barrier, a row of steel gates that can be raised from the riverbed when a storm surge is forecast, "
    "will cost an estimated 84 million dollars and take four years to complete, engineers said on Wednesday."
)
EXTRA = (
    "Opponents argued that the cost would fall on households through higher property taxes and that the "
    "gates could harm the fish that migrate up the river each spring, councillor Tomas Lindqvist said."
)


def _art(i: str, text: str, when: str | None, domain: str, **kw: object) -> Article:
    return Article(
        id=i,
        path=f"{i}.html",
        text=text,
        url=f"https://{domain}/{i}",
        outlet=OutletGuess(name=domain.split(".")[0].title(), domain=domain),
        published=DateGuess(value=when, source="metadata" if when else None),
        **kw,  # type: ignore[arg-type]
    )


def test_time_bounds() -> None:
    a = _art("a", "x", "2016-01-15T20:21:11+03:00", "a.example")
    b = _art("b", "x", "2016-01-15", "b.example")
    ta, tb = time_bounds(a), time_bounds(b)
    assert ta.lo == ta.hi and ta.basis == "datetime"
    assert tb.lo < ta.lo < tb.hi and tb.basis == "date"
    c = _art("c", "x", None, "c.example", fetched_at="2016-01-20T00:00:00Z")
    assert time_bounds(c).basis == "crawl"


def test_chain_parent_is_closest_version_and_origin_is_earliest() -> None:
    origin = _art("o", BODY + "\n" + EXTRA, "2016-01-15T10:00:00Z", "wire.example")
    copy1 = _art(
        "c1",
        BODY + "\nA local paragraph written by the first copier about something else entirely.",
        "2016-01-15T12:00:00Z",
        "one.example",
    )
    copy2 = _art(
        "c2",
        BODY + "\nA local paragraph written by the first copier about something else entirely.",
        "2016-01-15T15:00:00Z",
        "two.example",
    )
    res = find_reuse([copy2, origin, copy1])
    parents = {e.target: e.source for e in res.edges}
    assert parents == {"c1": "o", "c2": "c1"}
    assert len(res.stories) == 1 and res.stories[0].origin == "o"
    assert res.stories[0].members == ("o", "c1", "c2")


def test_ties_are_reported() -> None:
    a = _art("a", BODY, "2016-01-15", "a.example")
    b = _art("b", BODY, "2016-01-15T11:00:00Z", "b.example")
    res = find_reuse([a, b])
    assert len(res.edges) == 1
    assert "overlap" in res.edges[0].direction_evidence
    assert "overlap" in res.stories[0].evidence or "tie" in res.stories[0].evidence


def test_textually_equal_candidate_parents_are_listed_as_alternatives() -> None:
    origin = _art("o", BODY + "\n" + EXTRA, "2016-01-15T10:00:00Z", "wire.example")
    copy1 = _art("c1", BODY + "\n" + EXTRA, "2016-01-15T11:00:00Z", "one.example")
    late = _art("c2", BODY + "\n" + EXTRA, "2016-01-15T14:00:00Z", "two.example")
    res = find_reuse([late, copy1, origin])
    edge = next(e for e in res.edges if e.target == "c2")
    others = {"o", "c1"} - {edge.source}
    assert set(edge.alternatives) == others
    assert "near tie" in edge.direction_evidence
    first = next(e for e in res.edges if e.target == "c1")
    assert first.alternatives == ()  # only one earlier version: nothing to choose between


def test_credit_strength() -> None:
    parent = _art("p", BODY, None, "harbourwire.example")
    named = _art("c", BODY + " Harbourwire reported first.", None, "x.example")
    linked = _art(
        "l",
        BODY,
        None,
        "x.example",
        links=(Link("https://harbourwire.example/p", "source", "harbourwire.example"),),
    )
    canon = _art("k", BODY, None, "x.example", canonical_url="https://harbourwire.example/p")
    plain = _art("n", BODY, None, "x.example")
    assert [credit_strength(x, parent) for x in (plain, named, linked, canon)] == [0, 1, 3, 4]
    assert doc_tokens(BODY).content_tokens > 0


def test_copy_carrying_a_rewrites_edits_comes_from_the_rewrite_even_when_crediting_the_origin() -> None:
    origin = _art(
        "o", BODY + "\n" + EXTRA, "2016-01-15T10:00:00Z", "wire.example", title="Council backs barrier"
    )
    edited = BODY.replace(
        "engineers said on Wednesday", "according to the city's chief engineer, Maria Okafor"
    )
    rewrite = _art(
        "r", edited + "\n" + EXTRA, "2016-01-15T12:00:00Z", "rewriter.example", title="Barrier approved"
    )
    # a verbatim copy of the rewrite whose credit line names the origin's outlet
    copy = _art(
        "c",
        edited + "\n" + EXTRA + "\nThis article originally appeared on Wire.",
        "2016-01-15T15:00:00Z",
        "copier.example",
        title="Council backs barrier",
    )
    res = find_reuse([copy, origin, rewrite])
    parents = {e.target: e.source for e in res.edges}
    assert parents == {"r": "o", "c": "r"}
    # without the edits the two versions are equal and the credit decides
    same = _art("s", BODY + "\n" + EXTRA, "2016-01-15T12:00:00Z", "rewriter.example")
    copy2 = _art(
        "c2",
        BODY + "\n" + EXTRA + "\nThis article originally appeared on Wire.",
        "2016-01-15T15:00:00Z",
        "copier.example",
    )
    res = find_reuse([copy2, origin, same])
    assert {e.target: e.source for e in res.edges}["c2"] == "o"


def test_quote_only_pairs_are_not_ordered_by_support() -> None:
    words = "We will not let the lower town drown while we argue about the price of steel and gates"
    own = (
        "Fishermen on the Estuary River say the spring migration has already been thinner for three years, "
        "and several of them want the new barrier to include a fish pass before any work begins on the gates. "
        "A marine biologist at the regional university counted fewer than two thousand salmon at the weir last "
        "April, against almost nine thousand a decade ago, and blames silt from the upstream quarries. "
        "Boat owners at the marina meanwhile worry that closed gates during a surge would trap their vessels "
        "inside the harbour for days, and they have asked for a warning system linked to their phones."
    )
    more = "The harbour association will meet on Friday to draft a letter to the council about the timetable."
    origin = _art(
        "o",
        BODY + f'\nThe mayor told reporters: "{words}."\n' + EXTRA,
        "2016-01-15T10:00:00Z",
        "wire.example",
    )
    quoter = _art(
        "q",
        f'{own}\n"{words}," Ferreira said.\n{more}',
        "2016-01-15",
        "quoter.example",
        fetched_at="2016-01-16T00:00:00Z",
    )
    copy = _art(
        "c",
        f'{own}\n"{words}," Ferreira said.',
        "2016-01-15",
        "copier.example",
        fetched_at="2016-01-17T00:00:00Z",
    )
    # a reprint of only the origin's lead and quotation makes the origin's group substantive
    lead = BODY.split(". ")[0] + "."
    reprint = _art(
        "r", f'{lead}\nThe mayor told reporters: "{words}."', "2016-01-15T12:00:00Z", "reprint.example"
    )
    res = find_reuse([copy, quoter, origin, reprint])
    parents = {e.target: e.source for e in res.edges}
    # the quoting article's own words, found again in its copy, are no sign that it came
    # before the article it quotes: the two share nothing but the quotation
    assert parents == {"r": "o", "q": "o", "c": "q"}


def _quote_story(quoter_date: str) -> dict[str, str]:
    """An origin with a prose reprint, and a text on another subject that only quotes it."""
    words = "We will not let the lower town drown while we argue about the price of steel and gates"
    other = (
        "Fishermen on the Estuary River say the spring migration has already been thinner for three years, "
        "and several of them want the new barrier to include a fish pass before any work begins on the gates. "
        "A marine biologist at the regional university counted fewer than two thousand salmon at the weir last "
        "April, against almost nine thousand a decade ago, and blames silt from the upstream quarries."
    )
    origin = _art(
        "o",
        BODY + f'\nThe mayor told reporters: "{words}."\n' + EXTRA,
        "2016-01-15T18:00:00Z",
        "wire.example",
    )
    reprint = _art(
        "r", BODY + f'\nThe mayor told reporters: "{words}."', "2016-01-15T20:00:00Z", "reprint.example"
    )
    quoter = _art("q", f'{other}\n"{words}," the mayor said.', quoter_date, "quoter.example")
    return {e.target: e.source for e in find_reuse([quoter, origin, reprint]).edges}


def test_a_text_sharing_only_a_quotation_with_a_syndicated_story_quoted_it() -> None:
    # the quoter's bare date (its whole day) overlaps the origin's minute and its midpoint is
    # earlier: the time estimate alone would make the origin quote the quoter
    assert _quote_story("2016-01-15")["q"] == "o"
    # dates that do not overlap still decide: a quoter published first is nobody's copy, and the
    # story's origin shares nothing but the quotation with it, so it is not the quoter's copy either
    assert _quote_story("2016-01-14T09:00:00Z") == {"r": "o"}


def test_quotation_frames_count_as_quotation_not_prose() -> None:
    from provenance.align import frame_spans, quotation_spans

    def frames(text: str) -> list[str]:
        return [text[a:b] for a, b in frame_spans(text, quotation_spans(text))]

    assert frames("Beck was quoted as saying: “Trump is a dictator in the making.” Next.") == [
        "Beck was quoted as saying"
    ]
    assert frames("It rained. “We will win this,” Brown said. More.") == ["Brown said"]
    assert frames("“Really?” she asked.") == ["she asked"]
    assert frames("“We will win,” said Brown on Monday in a long speech at the rally in Ohio.") == []
    assert frames("“It ended.” The council met on Friday.") == []
    doc = doc_tokens("Brown was quoted as saying: “We will win.” The vote is on Friday.")
    assert doc.quoted.tolist() == [True] * 8 + [False] * 5


def test_a_rewrite_keeping_words_another_rewrite_changed_was_not_copied_from_it() -> None:
    """Two rewrites of one text share an edit by chance; the words one kept decide.

    ``q`` changed three of the origin's words and the copy kept all three, while the two share
    one edit (the same synonym): three times as much evidence for the origin as for ``q``.
    ``q``, shorter like the copy, looks nearer by raw difference.
    """
    origin = _art("o", BODY + "\n" + EXTRA, "2016-01-15T10:00:00Z", "wire.example")
    q_text = (
        BODY.replace("seven to four", "seven against four")
        .replace("steel gates", "metal gates")
        .replace("four years", "four full years")
        .replace("engineers said", "engineers stated")
    )
    copy_text = BODY.replace("ending a two-year", "closing a two-year").replace(
        "engineers said", "engineers stated"
    )
    q = _art("q", q_text, "2016-01-15T12:00:00Z", "rewriter.example")
    copy = _art("c", copy_text, "2016-01-15T15:00:00Z", "copier.example")
    parents = {e.target: e.source for e in find_reuse([copy, q, origin]).edges}
    assert parents["c"] == "o"


def _titled(i: str, when: str, domain: str, title: str) -> Article:
    return _art(i, BODY + "\n" + EXTRA, when, domain, title=title)


def test_a_whole_copy_comes_from_the_version_whose_headline_addition_it_carries() -> None:
    from provenance.reuse import ReuseParams
    from provenance.stories import StoryParams

    origin = _titled(
        "o", "2016-01-15T10:00:00Z", "wire.example", "Council approves flood barrier for lower town"
    )
    update = _titled(
        "u", "2016-01-15T11:00:00Z", "one.example", "UPDATE: Council approves flood barrier for lower town"
    )
    plain = _titled(
        "p", "2016-01-15T11:30:00Z", "three.example", "Council approves flood barrier for lower town"
    )
    late = _titled(
        "c",
        "2016-01-15T14:00:00Z",
        "two.example",
        "UPDATE: Council approves flood barrier for lower town (VIDEO) | Two News",
    )
    arts = [late, plain, update, origin]
    parents = {e.target: e.source for e in find_reuse(arts).edges}
    # The texts are equal: only the headline shows that "c" kept the "UPDATE:" that "u" added.
    assert parents["c"] == "u"
    # "p" lacks it, so "u" is not its parent: the earliest of the rest is.
    assert parents["p"] == "o"
    off = ReuseParams(stories=StoryParams(headline_lineage=False))
    assert {e.target: e.source for e in find_reuse(arts, off).edges}["c"] == "o"


def test_headline_additions_order_two_versions_whose_dates_overlap() -> None:
    from provenance.reuse import ReuseParams
    from provenance.stories import StoryParams

    # Both dated by day only, so time cannot order them; the plainer headline came first.
    first = _titled("a", "2016-01-15", "wire.example", "Council approves flood barrier for lower town")
    later = _titled("b", "2016-01-15", "one.example", "WATCH: Council approves flood barrier for lower town")
    for order in ([first, later], [later, first]):
        edge = find_reuse(order).edges[0]
        assert (edge.source, edge.target) == ("a", "b")
        assert "headline" in edge.direction_evidence
    off = ReuseParams(stories=StoryParams(headline_lineage=False))
    assert "headline" not in find_reuse([later, first], off).edges[0].direction_evidence


def test_headline_first_needs_a_real_addition() -> None:
    from provenance.orient import _headline_first
    from provenance.stories import _headline

    heads = ["Council approves barrier", "UPDATE: Council approves barrier", "Council approves barrier", ""]
    assert _headline_first(0, 1, heads) == (0, 1)
    assert _headline_first(1, 0, heads) == (0, 1)
    assert _headline_first(0, 2, heads) is None  # unchanged headlines say nothing
    assert _headline_first(0, 3, heads) is None
    assert _headline(_art("x", "t", None, "x.example", title="News | Site")) == ""  # too short to count
    assert (
        _headline(_art("y", "t", None, "y.example", title="A  headline   here | Site")) == "A headline here"
    )


def test_headline_drops_the_pages_own_site_name_only() -> None:
    from provenance.stories import _headline

    def head(title: str) -> str:
        return _headline(_art("h", "t", None, "onenews.example", title=title))

    assert head("Council approves the barrier - One News") == "Council approves the barrier"
    assert head("ONE NEWS — Council approves the barrier") == "Council approves the barrier"
    assert head("Council approves the barrier | Politics | Other Site") == "Council approves the barrier"
    # a dash inside the headline, or another outlet's name, stays
    assert head("Council approves the barrier - Reuters") == "Council approves the barrier - Reuters"
    assert head("Vote - a long night for the council") == "Vote - a long night for the council"


def _story_set_operations(n: int, monkeypatch: object) -> int:
    """numpy set operations (isin/setdiff1d/intersect1d) build_stories makes on a cluster of
    ``n`` near-identical pages: the work, counted instead of timed."""
    import numpy as np
    import pytest

    from provenance import reuse
    from provenance.bench import near_duplicate_cluster

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    calls = {"n": 0, "on": False}

    def counting(func):  # type: ignore[no-untyped-def]
        def inner(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += calls["on"]
            return func(*args, **kwargs)

        return inner

    for name in ("isin", "setdiff1d", "intersect1d"):
        monkeypatch.setattr(np, name, counting(getattr(np, name)))
    real = reuse.build_stories

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["on"] = True
        try:
            return real(*args, **kwargs)
        finally:
            calls["on"] = False

    monkeypatch.setattr(reuse, "build_stories", counted)
    res = find_reuse(near_duplicate_cluster(n, words=120))
    assert len(res.edges) >= n - 3  # one story: (almost) every page has a parent
    monkeypatch.undo()
    return calls["n"]


def test_story_building_is_at_most_quadratic_in_a_cluster_of_near_duplicates(monkeypatch: object) -> None:
    """Issue #20: 200 near-identical pages took 129 s (pairwise set operations per candidate
    pair of every copy: cubic).  Doubling the cluster may at most quadruple the work."""
    small, large = _story_set_operations(12, monkeypatch), _story_set_operations(24, monkeypatch)
    assert large <= 4.5 * small
    assert large <= 4 * 24 * 24
