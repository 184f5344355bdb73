"""URL safety and identity: which URLs may be fetched, where they really point, and when two
spellings name the same page.

Safety is decided on the *resolved* address, not on the literal host: ``localhost``,
``127.1``, a DNS name that points at 10.0.0.5 or an IPv6 mapped address all reach a private
network the same way, so every address a name resolves to is checked, and the connection is
then made to the address that was checked (no second lookup a DNS rebinding could change).
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urldefrag, urlsplit

from courlan import normalize_url

from ..errors import FetchError

ALLOWED_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def looks_like_url(text: str) -> bool:
    """True for anything written with a scheme (``https://…``, ``javascript:…``, ``data:…``).

    Such an argument is a URL to fetch (or refuse with a reason), never a file name.
    """
    return bool(_SCHEME.match(text)) and not re.match(r"^[a-zA-Z]:[\\/]", text)


def check_scheme(url: str) -> None:
    """Refuse everything but http and https, naming the scheme (file:, data:, javascript:, ftp:)."""
    if any(not ch.isprintable() or ch.isspace() for ch in url):
        raise FetchError(url, "refused: control characters or spaces in the URL")
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(url, f"refused: scheme {scheme or '(none)'!r} (only http and https are fetched)")
    parts = urlsplit(url)
    if not parts.hostname:
        raise FetchError(url, "refused: no host in the URL")


def canonical(url: str) -> str:
    """The key two spellings of one page share: courlan's normalisation (lower-case host,
    default port dropped, query sorted, tracking parameters removed) without the fragment."""
    url = urldefrag(url.strip())[0]
    try:
        return normalize_url(url)
    except (ValueError, AttributeError):
        return url


def host_of(url: str) -> str:
    """``scheme://host[:port]``: the unit politeness and robots.txt apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower().rsplit('@', 1)[-1]}"


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses
    (an IPv4 address mapped or embedded in IPv6 is judged as the IPv4 address it carries)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_public(str(embedded))
    return ip.is_global and not ip.is_multicast


def resolve(url: str, allow_private: bool) -> list[str]:
    """The addresses to connect to for ``url`` (in the resolver's order), after checking every
    address its host resolves to.

    Raises :class:`FetchError` when the name does not resolve, or when any address is not
    public and ``allow_private`` is off (one private answer among public ones is enough to
    refuse: the connection could land on either).
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve {host} ({exc.__class__.__name__})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(url, f"cannot resolve {host} (no address)")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise FetchError(
                    url,
                    f"refused: {host} resolves to a non-public address {address} (use --allow-private)",
                )
    return addresses
