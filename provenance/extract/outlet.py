"""Which outlet published a page — from what the page or the crawl says, never invented.

Order of trust for the domain: the URL the crawl fetched (where the page actually lives), the
page's og:url, then its canonical link.  A canonical pointing elsewhere is a syndication
declaration (the copy names its original), not the copy's own outlet, so it comes last.  When
none is known, a fragment whose links clearly point to one site is attributed to that site,
saying so in the evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..models import Link, OutletGuess
from .links import registered_domain

MIN_LINKS = 3
MAJORITY = 2 / 3


def guess_outlet(
    *,
    site_name: str | None,
    site_name_evidence: str | None,
    fetched_url: str | None,
    og_url: str | None,
    canonical_url: str | None,
    links: Sequence[Link],
) -> OutletGuess:
    evidence: list[str] = []
    name = site_name
    if site_name:
        evidence.append(f"name from {site_name_evidence or 'page metadata'}")
    domain = None
    for label, url in (("crawl URL", fetched_url), ("og:url", og_url), ("canonical URL", canonical_url)):
        if url and (dom := registered_domain(url)) and "." in dom:
            domain = dom
            evidence.append(f"domain from {label} {url}")
            break
    if domain and canonical_url and (canon := registered_domain(canonical_url)) and canon != domain:
        evidence.append(f"canonical URL points to another site: {canon}")
    if domain is None:
        domains = [link.domain for link in links if link.domain]
        if len(domains) >= MIN_LINKS:
            top, count = Counter(domains).most_common(1)[0]
            if count / len(domains) >= MAJORITY:
                domain = top
                evidence.append(f"inferred: {count} of {len(domains)} links point to {top}")
    if not evidence:
        return OutletGuess()
    return OutletGuess(name=name, domain=domain, evidence="; ".join(evidence))
