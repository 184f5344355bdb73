"""The citing article's own outlet: a page citing itself is no citation.

Every citation reader (:mod:`.cite_relations`, :mod:`.cite_lines`, :mod:`.cite_links`) asks
whether a name is the page's own outlet, by its domain, its site name or the way outlets
spell domains from their names; the answer lives here, in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.models import Article

from .registry import (
    Registry,
    host_of,
    initials,
    looks_like_domain,
    name_key,
    name_matches_domain,
    same_domain,
    squash_key,
)


@dataclass(frozen=True)
class CiteContext:
    """What the rules need about the citing article besides its text."""

    registry: Registry
    own_domain: str | None
    own_names: tuple[str, ...]

    @classmethod
    def of(cls, article: Article, registry: Registry) -> CiteContext:
        """The context of ``article``: the registry and the page's own domain and names."""
        return cls(registry, _own_domain(article), _own_names(article))


# --- own outlet -------------------------------------------------------------------------------


def _own_domain(article: Article) -> str | None:
    if article.outlet.domain:
        return host_of(article.outlet.domain)
    if article.url:
        return host_of(article.url) or None
    return None


def _own_names(article: Article) -> tuple[str, ...]:
    names = [n for n in (article.outlet.name, article.site_name) if n]
    return tuple(dict.fromkeys(names))


def is_own(name: str, domain: str | None, ctx: CiteContext) -> bool:
    """Does this cited name refer to the citing article's own outlet?

    Checked against the page's domain (registry domain, a written domain, or the squashed name
    inside the domain's first label: "Gulf Meridian" on gulfmeridian.ae, "the Courier" on
    nevacourier.ru) and the page's own site name (full or initials: "CWS").
    """
    if ctx.own_domain and domain and same_domain(domain, ctx.own_domain):
        return True
    key = name_key(name)
    sq = squash_key(name)
    for own in ctx.own_names:
        if key == name_key(own) or (len(sq) >= 2 and sq == initials(own)):
            return True
        if len(sq) >= 4 and sq in squash_key(own) and not (domain and ctx.own_domain):
            return True
    if ctx.own_domain and domain:
        return False  # an outlet known by another domain: only its very name could be ours
    if ctx.own_domain:
        if looks_like_domain(name) and same_domain(name, ctx.own_domain):
            return True
        if not looks_like_domain(name) and name_matches_domain(name, ctx.own_domain):
            return True
        label = re.sub(r"[^a-z0-9]", "", ctx.own_domain.split(".")[0])
        if len(sq) >= 4 and (sq in label or (len(label) >= 4 and label in sq)):
            return True
    return False
