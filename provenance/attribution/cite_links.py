"""Citations from URLs: the page's canonical link and its hyperlinks to other outlets.

A canonical link to another site marks the page as a copy.  A hyperlink either lends its
domain to the text citation whose construction it sits on, or, when it points to another
outlet's article in a sourcing context ("as first reported here"), is a citation of its own.
Platforms and reference sites (social networks, Wikipedia, link shorteners) are no outlets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from provenance.models import Article, Attribution, Span

from .cite_names import CiteContext
from .cite_relations import sentence_at
from .outlet_sources import lexicon
from .registry import host_of, same_domain, squash_key


def canonical_citations(article: Article, ctx: CiteContext) -> Iterator[Attribution]:
    """A canonical link to another site says the page is a copy of that site's article."""
    url = article.canonical_url
    if not url or not url.lower().startswith(("http://", "https://")):
        return
    host = host_of(url)
    if not host or (ctx.own_domain and same_domain(host, ctx.own_domain)):
        return
    outlet = ctx.registry.by_domain(host)
    yield Attribution(
        article=article.id,
        cited=outlet.name if outlet else host,
        cue="canonical link",
        evidence=f'<link rel="canonical" href="{url}">',
        span=(0, 0),
        cited_domain=host,
        outlet_domain=outlet.domain if outlet else None,
        mode="canonical",
        cited_kind="outlet" if outlet else "unknown",
    )


# --- hyperlinks -------------------------------------------------------------------------------

# Hosts that are platforms or reference sites, not outlets whose article was used.
_NOT_OUTLETS = lexicon("platform_hosts")


def _label_suffixes(host: str) -> list[str]:
    """ "a.b.c" -> ["a.b.c", "b.c", "c"]."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


# every label suffix of a platform host ("archive.org", "org" of "web.archive.org")
_PLATFORM_SUFFIXES = frozenset(s for p in _NOT_OUTLETS for s in _label_suffixes(p))


def _is_platform(host: str) -> bool:
    """``any(same_domain(host, p) for p in _NOT_OUTLETS)`` by set lookups: one site is a
    subdomain of the other either way round (run for every link of a page)."""
    host = host_of(host)  # as same_domain does ("www.www.com" -> "www.com" -> "com")
    return bool(host) and (
        host in _PLATFORM_SUFFIXES or any(s in _NOT_OUTLETS for s in _label_suffixes(host))
    )


_LINK_CUES = re.compile(
    r"(?i)\b(?:report(?:ed|s|ing)?|according|source|original(?:ly)?|first|via|h/t|hat tip|credit|cit(?:ed|ing)|published|appeared|read more|carried|courtesy|republished)\b"
)


def _link_is_article(url: str) -> bool:
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    return bool(path.strip("/")) or "?" in url


def _dominant_link_host(article: Article) -> str | None:
    """When the page's own site is unknown, the host most of its links go to is taken as it:
    a fragment whose every link points to thenationalnews.com is The National's own page,
    and its "related articles" are no citations."""
    hosts = [host_of(link.domain or link.url) for link in article.links]
    hosts = [h for h in hosts if h]
    if len(hosts) < 2:
        return None
    best = max(set(hosts), key=hosts.count)
    return best if hosts.count(best) * 2 > len(hosts) else None


def merge_links(
    article: Article, ctx: CiteContext, found: list[Attribution], sentences: Sequence[Span]
) -> list[Attribution]:
    """Give text citations the domain of the link they sit on, and add citations for links to
    another outlet's article in a sourcing context ("as first reported")."""
    out = list(found)
    text = article.text
    home = ctx.own_domain or _dominant_link_host(article)
    for link in article.links:
        host = host_of(link.domain or link.url)
        if not host or (home and same_domain(host, home)):
            continue
        if _is_platform(host) or not _link_is_article(link.url):
            continue
        outlet = ctx.registry.by_domain(host)
        # a citation whose construction contains the link's anchor: attach the domain
        if link.span is not None:
            merged = False
            for i, att in enumerate(out):
                if att.mode in ("canonical", "byline"):
                    continue
                if att.span[0] <= link.span[1] and link.span[0] <= att.span[1] and att.cited_domain is None:
                    if att.cited_kind != "source_group":
                        known = att.outlet_domain or (outlet.domain if outlet else None)
                        out[i] = replace(att, cited_domain=host, outlet_domain=known)
                    merged = True
            if merged:
                continue
            ev = sentence_at(text, sentences, link.span)
        else:
            ev = link.anchor
        if outlet is None and not _LINK_CUES.search(ev) and not _anchor_names_host(link.anchor, host):
            continue
        if any(a.cited_domain and same_domain(a.cited_domain, host) and a.mode == "link" for a in out):
            continue
        out.append(
            Attribution(
                article=article.id,
                cited=outlet.name if outlet else host,
                cue=f"link: {link.anchor}" if link.anchor else "link",
                evidence=ev,
                span=link.span or (0, 0),
                cited_domain=host,
                outlet_domain=outlet.domain if outlet else None,
                mode="link",
                cited_kind="outlet" if outlet else "unknown",
            )
        )
    return out


def _anchor_names_host(anchor: str, host: str) -> bool:
    sq = squash_key(anchor)
    label = re.sub(r"[^a-z0-9]", "", host.split(".")[0])
    return len(sq) >= 4 and (sq in label or label in sq)
