"""Outlet citations: each construction, the via-chain, own-outlet exclusion, and the people and
institutions that must not become outlets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.attribution.citations import extract_citations
from provenance.attribution.registry import Registry, RegistryOutlet, default_registry
from provenance.models import Article, Attribution, Link, OutletGuess

FIX = Path(__file__).parent / "fixtures" / "citations"


# Outlets a crawl reveals about itself (its pages' site names and domains) join the registry
# during a trace; bare two-word names such as these could otherwise be people.
_CRAWL = [
    RegistryOutlet("Gulf Meridian", domains=("gulfmeridian.ae",), type="unknown"),
    RegistryOutlet("Amber Beacon", domains=("amberbeacon.kz",), type="unknown"),
    RegistryOutlet("Harbor News", domains=("harbornews.com",), type="unknown"),
    RegistryOutlet("Desi News Now", domains=("desinewsnow.in",), type="unknown"),
]


@pytest.fixture(scope="module")
def reg() -> Registry:
    return default_registry().with_outlets(_CRAWL)


def art(text: str, **kw: object) -> Article:
    return Article(id="a1", path="a1.txt", text=text, **kw)  # type: ignore[arg-type]


def cites(text: str, reg: Registry, **kw: object) -> list[Attribution]:
    return extract_citations(art(text, **kw), reg)


def test_seed_reports_via(seeds_dir: Path, reg: Registry) -> None:
    text = (seeds_dir / "001_708a75505551bf43.txt").read_text(encoding="utf-8")
    found = extract_citations(art(text), reg)
    assert len(found) == 1
    c = found[0]
    assert (c.cited, c.cited_domain, c.via, c.via_kinds) == (
        "Caliber.Az",
        "caliber.az",
        ("Iranian media",),
        ("source_group",),
    )
    assert c.cited_kind == "outlet" and c.mode == "via"
    assert c.evidence.startswith("In a phone call with UK Minister") and c.evidence.endswith(
        "reports via Iranian media."
    )
    assert text[c.span[0] : c.span[1]] == "Caliber.Az reports via Iranian media"


def test_seed_with_the_national_has_no_outlet_citation(seeds_dir: Path, reg: Registry) -> None:
    text = (seeds_dir / "000_e38ddc6586fd0b3e.txt").read_text(encoding="utf-8")
    found = extract_citations(art(text, outlet=OutletGuess(domain="thenationalnews.com")), reg)
    assert all(c.cited != "The National" for c in found)


@pytest.mark.parametrize(
    ("text", "cited", "via", "mode"),
    [
        ("Prices rose, Neva Courier reports via local media.", "Neva Courier", ("local media",), "via"),
        (
            "Prices rose. Gulf Meridian reports via pgdigest.ir, citing Kavir Times.",
            "Gulf Meridian",
            ("pgdigest.ir", "Kavir Times"),
            "via",
        ),
        (
            "Prices rose, Kavir Times reported, citing Alborz Observer.",
            "Kavir Times",
            ("Alborz Observer",),
            "text",
        ),
        (
            "Prices rose, according to Desi News Now, which cited Kavir Times.",
            "Desi News Now",
            ("Kavir Times",),
            "text",
        ),
        ("Prices rose, according to Reuters.", "Reuters", (), "text"),
        ("Prices rose, according to a report by The Policy Fox.", "The Policy Fox", (), "text"),
        ("Prices rose, according to Iranian media.", "Iranian media", (), "text"),
        ("Prices rose, as first reported by HeadlineStack.", "HeadlineStack", (), "text"),
        ("Prices rose, The Thames Examiner reported on Tuesday.", "The Thames Examiner", (), "text"),
        ("Prices rose, according to an NBC News poll.", "NBC News", (), "text"),
        ("Prices rose, a CNN poll found.", "CNN", (), "text"),
        ("Forbes says it tracks 500 family fortunes.", "Forbes", (), "text"),
        ("Prices rose, as reported in the Financial Times.", "Financial Times", (), "text"),
        ("The letter, seen by Reuters, warns of delays.", "Reuters", (), "text"),
        ("Prices rose, the minister was quoted by Interfax as saying.", "Interfax", (), "text"),
        ("Prices rose, NewsPulse 24 said in a report.", "NewsPulse 24", (), "text"),
        ("Prices rose, caspianledger.az reported.", "caspianledger.az", (), "text"),
        ("Prices rose, Indian media reported.", "Indian media", (), "text"),
        ("Prices rose, Chinese state-run media said.", "Chinese state-run media", (), "text"),
        ("Prices rose.\nh/t FedDispatch", "FedDispatch", (), "credit"),
        ("Prices rose.\nHat tip to the Review", "the Review", (), "credit"),
        ("Prices rose.\nSource: Azerbaijani media", "Azerbaijani media", (), "credit"),
        ("Prices rose.\nSource: steppenotes.kz", "steppenotes.kz", (), "credit"),
        (
            "Prices rose.\nThis story was first published by Persian Gulf Digest and is republished here with permission.",
            "Persian Gulf Digest",
            (),
            "credit",
        ),
        ("Prices rose.\nThis article originally appeared on Kavir Times.", "Kavir Times", (), "credit"),
        (
            "The following report was first carried by the Meridian.\nPrices rose.",
            "Gulf Meridian",  # the crawl's one outlet with that word in its name
            (),
            "credit",
        ),
        (
            "Prices rose.\nThe report was originally published by halyardpress.com.",
            "halyardpress.com",
            (),
            "credit",
        ),
        ("Prices rose.\nRead the original article at Ural Dispatches.", "Ural Dispatches", (), "credit"),
        ("Prices rose, reported Kavir Times.", "Kavir Times", (), "text"),
        ("Prices rose, citing Kavir Times.", "Kavir Times", (), "text"),
        ("Prices rose, The Tennessean first reported on Sunday.", "The Tennessean", (), "text"),
        ("Prices rose, in a report published by Amber Beacon.", "Amber Beacon", (), "text"),
        ("Prices rose.\nThe Associated Press contributed to this report.", "Associated Press", (), "credit"),
        ("Prices rose (via Gulf Meridian).", "Gulf Meridian", (), "credit"),
        ("Prices rose. (With inputs from PTI)", "Press Trust of India", (), "credit"),
        ("Prices rose.\n— AFP", "Agence France-Presse", (), "credit"),
        (
            "Prices rose.\nA version of this story appeared in The Harbor Courier.",
            "The Harbor Courier",
            (),
            "credit",
        ),
        ("Prices rose.\nVia The Harbor Courier.", "The Harbor Courier", (), "credit"),
        ("Citing Iranian media, officials said prices rose.", "Iranian media", (), "text"),
        (
            "Citing Iranian media, Caliber.Az reported that prices rose.",
            "Caliber.Az",
            ("Iranian media",),
            "text",
        ),
        (
            "The Associated Press, citing local news outlets, reports that prices rose.",
            "Associated Press",
            ("local news outlets",),
            "text",
        ),
        ("Prices rose. Quoting Harbor News, officials denied it.", "Harbor News", (), "text"),
        ("Citing Yonhap, NHK said the launch took place.", "NHK", ("Yonhap",), "text"),
    ],
)
def test_constructions(reg: Registry, text: str, cited: str, via: tuple[str, ...], mode: str) -> None:
    found = cites(text, reg)
    assert [(c.cited, c.via, c.mode) for c in found] == [(cited, via, mode)]
    c = found[0]
    assert c.evidence and c.span[0] < c.span[1] <= len(text)


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Prices rose sharply in May, media reports said.", "media reports said"),
        ("Prices rose.\nSource: media reports", "Source: media reports"),
        ("Prices rose sharply in May, according to reports.", "according to reports"),
    ],
)
def test_generic_source_is_vague_credit_kept_as_written(reg: Registry, text: str, cited: str) -> None:
    assert [(c.cited, c.cited_kind) for c in cites(text, reg)] == [(cited, "vague")]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose, according to Smith.",
        "Prices rose, according to Mr. Sykes.",
        "Prices rose, according to the Census Bureau.",
        "Prices rose, according to Human Rights Watch.",
        "Prices rose, according to USA TODAY contributor David Marsh.",
        "Mr. Trump told The Washington Post that prices rose.",
        "Prices rose, Trump said.",
        "Prices rose, he reported.",
        "Mr. Sykes reported that prices rose.",
        "It was first reported by Christopher Heath, an Orlando TV reporter for WFTV9.",
        "The Post announced its intention to investigate.",
        "(That factoid comes courtesy of Dan Regan's memoir.)",
        "Prices rose, said Mike Lux.",
        "Prices rose, citing Census data.",
        "Reporting by John Smith; Editing by Jane Doe",
        "He spoke (Reuters) — then left.",
        "Prices rose.\n— John Smith",
        "YES/NO/MAYBE: the poll asked voters.",
        "Prices rose (slightly): analysts were surprised.",
        "Citing Trump's remarks, officials said prices rose.",
        "Citing the memo, Senator John Smith said prices rose.",
        "John Smith, citing Pentagon data, said prices rose.",
        "Quoting John Smith, officials said prices rose.",
        "A version of this article appeared in print on May 5.",
        "We travelled via Vienna to Bratislava.",
        "The Post’s Chris Cillizza writes that the race is close.",
        "Editor's note: An article on Monday about the attack was corrected.",
        "The mayor quoted his father as saying that hard work pays.",
    ],
)
def test_people_institutions_and_mentions_are_no_citations(reg: Registry, text: str) -> None:
    assert cites(text, reg) == []


def test_an_outlet_that_quoted_someone_as_saying_is_cited(reg: Registry) -> None:
    """The relation gives the words to the person quoted; the outlet carried them."""
    text = "The Associated Press quoted a witness, a local man, as saying he saw the truck."
    assert [(c.cited, c.cue) for c in cites(text, reg)] == [("Associated Press", "quoted")]


def test_a_determiner_before_coordinated_outlets(reg: Registry) -> None:
    found = cites("Both The New York Times and the Wall Street Journal confirmed the account.", reg)
    assert {c.cited for c in found} == {"The New York Times", "The Wall Street Journal"}


def test_conjoined_outlets_are_split(reg: Registry) -> None:
    found = cites("Turnout was high, according to exit polling reported by CNN and The New York Times.", reg)
    assert {c.cited for c in found} == {"CNN", "The New York Times"}
    # the registry knows their domains; the sentence states none
    assert {c.outlet_domain for c in found} == {"cnn.com", "nytimes.com"}
    assert {c.cited_domain for c in found} == {None}


def test_own_outlet_is_not_cited_and_via_moves_up(reg: Registry) -> None:
    own = OutletGuess(name="Gulf Meridian", domain="gulfmeridian.ae")
    found = cites("Prices rose. Gulf Meridian reports via pgdigest.ir, citing Kavir Times.", reg, outlet=own)
    assert [(c.cited, c.cited_domain, c.via) for c in found] == [
        ("pgdigest.ir", "pgdigest.ir", ("Kavir Times",))
    ]
    # the page's own name, abbreviated or spelled from its domain, is also itself
    assert (
        cites("Prices rose, Gulf Meridian reported.", reg, outlet=OutletGuess(domain="gulfmeridian.ae")) == []
    )
    assert (
        cites(
            "CHICAGO (CWS) — Prices rose.",
            reg,
            outlet=OutletGuess(name="Crescent Wire Service", domain="crescentwire.ae"),
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("WASHINGTON (AP) — Prices rose.", "Associated Press"),
        ("COLUMBIA, S.C. (Halyard Press Agency) — Prices rose.", "Halyard Press Agency"),
        ("MANCHESTER, N.H., Jan. 22 (PIA) — Prices rose.", "PIA"),
        ("Moscow, 12 May (TASS) - Prices rose.", "TASS"),
        ("(Reuters) - Prices rose.", "Reuters"),
        ("Title\n18.05.2016 17:30  LAS VEGAS, Aug. 30 (FedDispatch) — Prices rose.", "FedDispatch"),
        ("NEW DELHI (PTI): Prices rose.", "Press Trust of India"),
        ("BAKU, Azerbaijan, March 3 (Trend): Prices rose.", "Trend News Agency"),
        ("MOSCOW, March 3. /TASS/. Prices rose.", "TASS"),
    ],
)
def test_datelines(reg: Registry, text: str, cited: str) -> None:
    found = cites(text, reg)
    assert [(c.cited, c.mode) for c in found] == [(cited, "dateline")]


@pytest.mark.parametrize(
    ("byline", "cited"),
    [
        ("Reuters", "Reuters"),
        ("AFP Staff", "Agence France-Presse"),
        ("FedDispatch Newsroom", "FedDispatch"),
        ("By Absheron Gazette staff", "Absheron Gazette"),
        ("Tbilisiobserver Ge Staff", "tbilisiobserver.ge"),
        ("Posted by DNN staff", "Desi News Now"),  # the crawl's outlet with those initials
    ],
)
def test_agency_bylines(reg: Registry, byline: str, cited: str) -> None:
    found = cites("Prices rose.", reg, byline=byline)
    assert [(c.cited, c.mode) for c in found] == [(cited, "byline")]


@pytest.mark.parametrize("byline", ["By Aghakazim Guliyev", "News desk", "By Elif Hasanova", "Web staff"])
def test_person_and_desk_bylines(reg: Registry, byline: str) -> None:
    assert cites("Prices rose.", reg, byline=byline) == []


def test_canonical_to_another_site(reg: Registry) -> None:
    found = cites(
        "Prices rose.",
        reg,
        url="https://eurasiawatch.info/?p=1",
        outlet=OutletGuess(domain="eurasiawatch.info"),
        canonical_url="https://nevacourier.ru/news/600935/pundit",
    )
    assert [(c.cited, c.cited_domain, c.mode) for c in found] == [
        ("nevacourier.ru", "nevacourier.ru", "canonical")
    ]
    assert cites("Prices rose.", reg, url="https://x.org/a", canonical_url="https://www.x.org/a") == []


def test_links(reg: Registry) -> None:
    text = "Prices rose, as first reported. See also our archive. Read the original article at the Lantern."
    links = (
        Link(
            url="https://kavirtimes.ir/2016/prices",
            anchor="as first reported",
            domain="kavirtimes.ir",
            span=(13, 30),
        ),
        Link(url="https://mysite.com/archive", anchor="our archive", domain="mysite.com", span=(41, 52)),
        Link(
            url="https://twitter.com/someone/status/1", anchor="archive", domain="twitter.com", span=(45, 52)
        ),
        Link(
            url="https://libertylantern.net/news/1",
            anchor="the Lantern",
            domain="libertylantern.net",
            span=(83, 94),
        ),
    )
    found = cites(text, reg, links=links, outlet=OutletGuess(domain="mysite.com"))
    got = {(c.cited, c.cited_domain, c.mode) for c in found}
    assert got == {
        ("kavirtimes.ir", "kavirtimes.ir", "link"),
        ("the Lantern", "libertylantern.net", "credit"),
    }


def test_crawl_outlets_make_unknown_names_resolvable(reg: Registry) -> None:
    from provenance.attribution.registry import outlets_from_articles

    text = "Prices rose, according to Amber Signal."
    assert cites(text, reg) == []  # no news-name word, not registered: could be a person
    crawl = [
        art(
            "x",
            url="https://ambersignal.kz/a",
            outlet=OutletGuess(name="Amber Signal", domain="ambersignal.kz"),
        ),
        art(
            "y",
            url="https://www.reuters.com/a",
            outlet=OutletGuess(name="Reuters Staff", domain="reuters.com"),
        ),
    ]
    bigger = reg.with_outlets(outlets_from_articles(crawl))
    assert bigger.resolve("Reuters") is reg.resolve("Reuters")  # registry data wins
    found = extract_citations(art(text), bigger)
    assert [(c.cited, c.domain, c.cited_kind) for c in found] == [
        ("Amber Signal", "ambersignal.kz", "outlet")
    ]


def test_a_short_form_of_a_crawl_outlet_is_cited_after_any_cue(reg: Registry) -> None:
    """Initials or part of the name of an outlet the crawl shows are that outlet even after
    "according to", which people and institutions take as often: the crawl says it publishes."""
    crawl = reg.with_outlets([RegistryOutlet("Caspian Ledger", (), ("caspianledger.az",), None, "unknown")])
    text = "He worked for the firm for almost a decade, according to CL.\nThe firm declined to comment."
    assert cites(text, reg) == []  # two capitals alone could be anyone
    assert [(c.cited, c.domain) for c in extract_citations(art(text), crawl)] == [
        ("Caspian Ledger", "caspianledger.az")
    ]


@pytest.mark.parametrize("name", ["Evening Post", "Morning Star", "Evening Standard"])
def test_a_name_opening_with_a_common_time_word(reg: Registry, name: str) -> None:
    """'evening' is capitalised inside a sentence only as part of a name; a weekday is not
    evidence of that ("On Tuesday Trump said" keeps its time adjunct out of the source)."""
    found = cites(f"The revolution is here and the city is ready, {name} reports.\nMore follows.", reg)
    assert [c.cited for c in found] == [name]


def test_an_outlet_known_by_another_domain_is_not_the_page_s_own(reg: Registry) -> None:
    """'Fox News' squashed holds 'xnews', the domain label of x-news.com: a name match by
    substring must not make a registered outlet with its own domain the citing page's."""
    kw = {"url": "https://x-news.com/a", "outlet": OutletGuess(name="X News", domain="x-news.com")}
    found = cites("The mayor resigned, according to CNN and Fox News.\nMore follows.", reg, **kw)
    assert [c.cited for c in found] == ["CNN", "Fox News"]


def test_fixture_file(reg: Registry) -> None:
    text = (FIX / "credit_lines.txt").read_text(encoding="utf-8")
    found = cites(text, reg)
    assert [(c.cited, c.via) for c in found] == [
        ("Kavir Times", ("Alborz Observer",)),
        ("nevacourier.ru", ()),
    ]
    registry = Registry.load([FIX / "user_registry.json"])
    found = extract_citations(art(text), registry)
    assert found[1].cited == "Neva Courier" and found[1].cited_kind == "outlet"


_PIECES = [
    *"abcXYZ .,()—-:\n'",
    "reports via ",
    "according to ",
    "h/t ",
    "Source: ",
    "Reuters",
    "media",
    "WASHINGTON ",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_never_raises_and_spans_are_inside(text: str) -> None:
    for c in extract_citations(art(text), default_registry()):
        assert 0 <= c.span[0] <= c.span[1] <= len(text)
        assert c.cited


def test_links_of_a_page_with_unknown_site_to_one_host_are_its_own(reg: Registry) -> None:
    links = tuple(
        Link(
            url=f"https://www.thenationalnews.com/news/2024/06/0{i}/x",
            anchor="related",
            domain="thenationalnews.com",
        )
        for i in range(1, 6)
    )
    assert cites("Hussein warned the UN. related", reg, links=links) == []


def test_stated_domain_is_kept_apart_from_the_registrys(reg: Registry) -> None:
    text = "Prices rose, according to CNN. Rents fell, according to the New York Times."
    links = (
        Link(
            url="https://edition.cnn.com/2016/prices", anchor="CNN", domain="edition.cnn.com", span=(26, 29)
        ),
    )
    found = cites(text, reg, links=links)
    got = {c.cited: (c.cited_domain, c.outlet_domain, c.domain) for c in found}
    assert got == {
        "CNN": ("edition.cnn.com", "cnn.com", "cnn.com"),  # linked: the page states a host
        "The New York Times": (None, "nytimes.com", "nytimes.com"),  # named only
    }


def test_own_outlet_with_an_article_is_itself(reg: Registry) -> None:
    own = OutletGuess(name="Konkan Express", domain="konkanexpress.in")
    found = cites("Prices rose. The Konkan Express reports via The Pennine Post.\nMore.", reg, outlet=own)
    assert [(c.cited, c.via) for c in found] == [("The Pennine Post", ())]


_PROSE = "A long paragraph about the campaign that goes on for a while and says many things about it.\n\n"


@pytest.mark.parametrize(
    "last_line",
    ["They’re not enamored of the NRA.", "during a speech at the DNC.", "sent the referral to the U.S."],
)
def test_a_closing_line_of_prose_is_no_credit_line(reg: Registry, last_line: str) -> None:
    """A short last line opening with a few words and a preposition looks like a credit lead
    ("With files from X"); a subject pronoun or a determiner in those words makes it a clause
    of prose (text cut by the extraction), and the name after it is not credited."""
    art = Article(id="p", path="p.txt", text=_PROSE + last_line)
    assert [c.cited for c in extract_citations(art, reg)] == []


@pytest.mark.parametrize(
    ("last_line", "cited"),
    [
        ("With files from The Canadian Press", "The Canadian Press"),
        ("Courtesy of Reuters", "Reuters"),
        ("Hat tip to the Meridian", "Gulf Meridian"),  # a crawl outlet's short form
    ],
)
def test_credit_leads_still_credit(reg: Registry, last_line: str, cited: str) -> None:
    art = Article(id="p", path="p.txt", text=_PROSE + last_line)
    assert cited in [c.cited for c in extract_citations(art, reg)]


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        (
            "The plan was first described by The Wall Street Journal. Later the newspaper, citing "
            "internal documents, reported that costs rose.",
            "The Wall Street Journal",
        ),
        (
            "Ukrainian media, quoting the regional governor, said the strike had hit a terminal.",
            "Ukrainian media",
        ),
    ],
)
def test_a_source_with_a_relaying_phrase_after_it_is_read_alone(reg: Registry, text: str, cited: str) -> None:
    """The source read together with a relaying phrase after it names nothing ("the newspaper,
    citing internal documents,"); a description or a collective is then read from its own
    words."""
    found = cites(text, reg)
    assert cited in [c.cited for c in found]
    assert all(c.cited == cited for c in found[-1:])


def test_a_bare_short_form_with_a_relaying_phrase_is_not_read_alone() -> None:
    """Only a description or a collective is read alone: "Federal officials, speaking on
    condition of anonymity, said" names no outlet, even in a crawl holding Federal Dispatch."""
    reg = default_registry().with_outlets(
        [RegistryOutlet("Federal Dispatch", domains=("fed-dispatch.ru",), type="unknown")]
    )
    text = "Federal officials, speaking on the condition of anonymity, said the server was seized."
    assert [c.cited for c in cites(text, reg)] == []
