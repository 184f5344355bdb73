"""URL safety and identity without a network: which addresses are public, that the resolved
address decides (not the spelling), which schemes are refused, when two URLs are one page."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.errors import FetchError
from provenance.fetch import canonical, crawl_folder, looks_like_url
from provenance.fetch.robots import parse_robots
from provenance.fetch.urls import check_scheme, is_public, resolve


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.5",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "::",
        "fc00::1",
        "fe80::1%eth0",
        "::ffff:127.0.0.1",
        "::ffff:10.1.2.3",
        "2002:0a00:0001::1",
    ],
)
def test_non_public_addresses(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses(address: str) -> None:
    assert is_public(address)


def _resolver(*addresses: str):  # type: ignore[no-untyped-def]
    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    return getaddrinfo


def test_the_resolved_address_decides_not_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _resolver("10.0.0.7"))
    with pytest.raises(FetchError, match=r"news\.example resolves to a non-public address 10\.0\.0\.7"):
        resolve("https://news.example/a", allow_private=False)
    assert resolve("https://news.example/a", allow_private=True) == ["10.0.0.7"]
    # one private answer among public ones is enough: the connection could land on it
    monkeypatch.setattr(socket, "getaddrinfo", _resolver("93.184.216.34", "127.0.0.1"))
    with pytest.raises(FetchError, match="non-public"):
        resolve("http://news.example/", allow_private=False)
    monkeypatch.setattr(socket, "getaddrinfo", _resolver("93.184.216.34", "2606:4700:4700::1111"))
    assert resolve("http://news.example/", allow_private=False) == ["93.184.216.34", "2606:4700:4700::1111"]


def test_a_name_that_does_not_resolve_is_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="cannot resolve nowhere.example"):
        resolve("http://nowhere.example/", allow_private=False)


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("data:text/html,x", "data"),
        ("javascript:void(0)", "javascript"),
        ("FTP://h/x", "ftp"),
    ],
)
def test_schemes_other_than_http_are_refused(url: str, scheme: str) -> None:
    assert looks_like_url(url)
    with pytest.raises(FetchError, match=f"refused: scheme '{scheme}'"):
        check_scheme(url)


@pytest.mark.parametrize("url", ["https://s.org/a\x1b[2Jb", "https://s.org/a b", "https://s.org/\u200ba"])
def test_urls_with_control_characters_or_spaces_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="control characters or spaces"):
        check_scheme(url)


def test_file_names_are_not_urls() -> None:
    assert not looks_like_url("urls.txt")
    assert not looks_like_url("crawls/seeds")
    assert not looks_like_url("C:\\crawls\\x.csv")
    assert looks_like_url("https://example.org/a")


def test_canonical_merges_spellings_of_one_page() -> None:
    same = [
        "https://Example.org:443/news/a?b=2&a=1",
        "https://example.org/news/a?a=1&b=2#comments",
        "https://example.org/news/a?a=1&b=2&utm_source=feed&utm_medium=rss",
    ]
    assert len({canonical(u) for u in same}) == 1
    assert canonical("https://example.org/news/a") != canonical("https://example.org/news/b")


_urls = st.builds(
    lambda scheme, host, path, query, frag: (
        f"{scheme}://{host}/{path}" + (f"?{query}" if query else "") + (f"#{frag}" if frag else "")
    ),
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["example.org", "EXAMPLE.org", "news.example.co.uk", "example.org:8080"]),
    st.text(alphabet="abc/-_.~%20", max_size=20),
    st.text(alphabet="abxy=&", max_size=12),
    st.text(alphabet="abc", max_size=5),
)


@given(_urls)
def test_canonical_is_idempotent_and_ignores_the_fragment(url: str) -> None:
    key = canonical(url)
    assert canonical(key) == key
    assert canonical(url.split("#", 1)[0]) == key
    assert "#" not in key


@given(st.lists(_urls, min_size=1, max_size=6, unique=True), st.randoms())
def test_the_crawl_folder_of_a_url_set_does_not_depend_on_its_order(urls: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = urls[:]
    rnd.shuffle(shuffled)
    assert crawl_folder(urls).name.split("-")[-1] == crawl_folder(shuffled).name.split("-")[-1]
    assert crawl_folder(urls).parent.name == "crawls"


def test_robots_crawl_delay_and_request_rate() -> None:
    robots = parse_robots(
        "User-agent: provenance\nDisallow: /x\nRequest-rate: 1/10\n\nUser-agent: *\nCrawl-delay: 3\n"
    )
    assert not robots.allows("https://s.org/x/1")
    assert robots.allows("https://s.org/y")
    assert robots.crawl_delay() == 10.0
    assert parse_robots("User-agent: *\nCrawl-delay: 3\n").crawl_delay() == 3.0
    assert parse_robots("").crawl_delay() is None
