"""The outlet registry: lookups by name/alias/domain/URL, collectives read from demonyms, user
files and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.attribution.registry import (
    Registry,
    default_registry,
    host_of,
    is_public_suffix,
    name_key,
    name_matches_domain,
)
from provenance.errors import RegistryError

FIX = Path(__file__).parent / "fixtures" / "citations"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return default_registry()


def test_shipped_registry_is_large_and_typed(reg: Registry) -> None:
    assert len(reg.outlets) >= 100
    assert {o.type for o in reg.outlets} <= {"wire", "state", "national", "aggregator", "blog"}
    assert reg.fingerprint and reg.fingerprint == Registry.load().fingerprint


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Reuters", "Reuters"),
        ("Reuters'", "Reuters"),
        ("Reuters’s", "Reuters"),
        ("reuters.com", "Reuters"),
        ("https://www.reuters.com/world/middle-east/x-2024-12-19/", "Reuters"),
        ("AP", "Associated Press"),
        ("the Associated Press", "Associated Press"),
        ("Washington Post", "The Washington Post"),
        ("edition.cnn.com", "CNN"),
        ("Caliber.Az", "Caliber.Az"),
        ("caliber.az", "Caliber.Az"),
        ("The National", "The National"),
        ("thenationalnews.com", "The National"),
        ("Press TV", "Press TV"),
        ("PressTV", "Press TV"),
        ("Xinhua News Agency", "Xinhua"),
        ("Anadolu", "Anadolu Agency"),
    ],
)
def test_resolve(reg: Registry, written: str, name: str) -> None:
    hit = reg.resolve(written)
    assert hit is not None and hit.name == name


@pytest.mark.parametrize(
    "written", ["Neva Courier", "the Post", "the Times", "John Smith", "", "   ", "example.org"]
)
def test_unknown_is_not_guessed(reg: Registry, written: str) -> None:
    assert reg.resolve(written) is None


@pytest.mark.parametrize(
    ("phrase", "country", "region", "gtype", "generic"),
    [
        ("Iranian media", "IR", None, "media", False),
        ("Russian state media", "RU", None, "state", False),
        ("Chinese state-run media", "CN", None, "state", False),
        ("Azerbaijani media", "AZ", None, "media", False),
        ("U.S. media", "US", None, "media", False),
        ("South African press", "ZA", None, "media", False),
        ("Western media", None, "West", "media", False),
        ("Gulf media", None, "Gulf", "media", False),
        ("local media", None, None, "local", False),
        ("state media", None, None, "state", False),
        ("news agencies", None, None, "wire", False),
        ("media reports", None, None, "generic", True),
        ("Kyrgyz pro-government media", "KG", None, "state", False),
    ],
)
def test_source_groups(
    reg: Registry, phrase: str, country: str | None, region: str | None, gtype: str, generic: bool
) -> None:
    g = reg.source_group(phrase)
    assert g is not None
    assert (g.country, g.region, g.type, g.generic) == (country, region, gtype, generic)


@pytest.mark.parametrize("phrase", ["Smith media", "Reuters", "the weather", "social media platforms", ""])
def test_not_source_groups(reg: Registry, phrase: str) -> None:
    assert reg.source_group(phrase) is None


def test_outlets_in_group(reg: Registry) -> None:
    g = reg.source_group("Iranian media")
    assert g is not None
    names = {o.name for o in reg.outlets_in_group(g)}
    assert {"IRNA", "Tasnim", "Press TV"} <= names
    assert "Reuters" not in names


def test_user_registry_extends_and_overrides() -> None:
    reg = Registry.load([FIX / "user_registry.json"])
    hit = reg.resolve("the Courier")
    assert hit is not None and hit.name == "Neva Courier" and hit.domain == "nevacourier.ru"
    assert reg.resolve("www.nevacourier.ru/news/1") is hit
    g = reg.source_group("Ruritanian media")
    assert g is not None and g.country == "RT"
    assert reg.resolve("Reuters") is not None  # shipped outlets stay
    assert reg.fingerprint != default_registry().fingerprint


@pytest.mark.parametrize("name", ["bad_type.json", "bad_json.json", "missing.json"])
def test_malformed_registry_names_the_file(name: str) -> None:
    with pytest.raises(RegistryError, match=name):
        Registry.load([FIX / name])


def test_helpers() -> None:
    assert host_of("HTTPS://www.Example.co.uk:443/a?b") == "example.co.uk"
    assert name_key("The Washington Post’s") == "washington post"
    assert is_public_suffix("com.ng") and is_public_suffix("ge") and not is_public_suffix("staff")
    assert name_matches_domain("Arbat Business Daily", "arbatdaily.ru")
    assert name_matches_domain("Caspian News Roundup", "https://www.cnroundup.az/x")
    assert not name_matches_domain("CWS", "crescentwire.ae")


@given(st.text(max_size=60))
def test_lookups_never_raise(text: str) -> None:
    reg = default_registry()
    reg.resolve(text)
    reg.source_group(text)
    assert name_key(name_key(text)) == name_key(text) or "'" in text or "’" in text


def test_alias_of_merges_a_short_name_the_crawl_shows() -> None:
    from provenance.attribution.registry import RegistryOutlet, default_registry

    reg = default_registry().with_outlets(
        [
            RegistryOutlet("Gulf Meridian", domains=("gulfmeridian.ae",), type="unknown"),
            RegistryOutlet("Kavir Times", domains=("kavirtimes.ir",), type="unknown"),
            RegistryOutlet("Meridian Daily", domains=("meridiandaily.com",), type="unknown"),
            RegistryOutlet("Federal Dispatch", domains=("fed-dispatch.ru",), type="unknown"),
            RegistryOutlet("Halyard Press Agency", domains=("halyardpress.com",), type="unknown"),
        ]
    )
    assert reg.alias_of("Kavir").name == "Kavir Times"  # type: ignore[union-attr]
    assert reg.alias_of("HPA").name == "Halyard Press Agency"  # type: ignore[union-attr]
    assert reg.alias_of("FedDispatch").name == "Federal Dispatch"  # type: ignore[union-attr]
    assert reg.alias_of("the Meridian") is None  # two outlets hold the word: no guess
    assert reg.alias_of("the Times") is None  # a news-name word singles out none
    assert reg.alias_of("DW") is None  # initials only of outlets the crawl showed


_WORDS = [
    "Gulf",
    "Meridian",
    "Kavir",
    "Times",
    "Federal",
    "Dispatch",
    "Halyard",
    "Press",
    "Agency",
    "Caspian",
]


_NAMES = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3)


@given(st.lists(st.tuples(_NAMES, _NAMES), min_size=1, max_size=8), _NAMES, st.integers(6, 20))
def test_alias_index_finds_what_testing_every_outlet_finds(
    sites: list[tuple[list[str], list[str]]], short: list[str], cut: int
) -> None:
    """alias_of looks crawl outlets up by word, initials, squashed prefix and domain label
    instead of testing each one (a crawl of a thousand sites was quadratic); its answer must
    be the one a test of every outlet gives, for short forms of every kind."""
    from provenance.attribution.registry import (
        _GENERIC_NAME_WORDS,
        RegistryOutlet,
        _name_words,
        _short_form_of,
    )

    outlets = [
        RegistryOutlet(
            " ".join(ws) + f" {i}" * (i % 2), domains=("".join(ds).lower() + ".com",), type="unknown"
        )
        for i, (ws, ds) in enumerate(sites)
    ]
    reg = default_registry().with_outlets(outlets)
    crawl = [o for o in reg.outlets if o.type == "unknown"]
    squashed = "".join(short)
    forms = (
        "the " + " ".join(short),
        " ".join(short),
        squashed,
        squashed[:cut],
        "".join(w[0] for w in short),
    )
    for name in forms:
        words = _name_words(name)
        fits = 1 <= len(words) <= 3 and not all(w in _GENERIC_NAME_WORDS for w in words)
        brute = {o.name for o in crawl if fits and _short_form_of(name, words, o)}
        hit = reg.alias_of(name)
        assert (hit.name if hit else None) == (next(iter(brute)) if len(brute) == 1 else None), name
