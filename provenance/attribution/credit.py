"""Stated versus observed credit.

For a copy edge source -> target (text of ``source`` found in ``target``) the question a
standards editor asks is: does the target say where it got the text?  :func:`credit_status`
answers with one of

- ``declared``: a citation of the target names the source's outlet (name, alias, acronym,
  domain) or the target links / points its canonical URL to the source;
- ``vague``: only a collective ("Iranian media", "local media") or a generic source ("media
  reports", "news agencies") is given, which may cover the source but does not name it;
- ``wrong``: other outlets are named, but not the source (an upstream outlet of the chain, or
  an unrelated one);
- ``absent``: nothing is credited,

with an evidence string quoting the sentence it rests on.  :func:`citation_observed` checks
the other direction: a text *says* it took something from X -- is X's article in the crawl and
is its text really in the citing article?
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Literal

from provenance.models import Article, Attribution

from .registry import (
    Registry,
    RegistryOutlet,
    host_of,
    initials,
    looks_like_domain,
    name_key,
    name_matches_domain,
    same_domain,
    squash_key,
)

log = logging.getLogger(__name__)

CreditStatus = Literal["declared", "vague", "wrong", "absent"]

# Shared text below this many characters is a phrase in common, not a passage taken over.
MIN_OBSERVED_CHARS = 80


class _Identity:
    """Every way a text may name one article's outlet: names, aliases, initials, domains."""

    def __init__(self, article: Article, registry: Registry) -> None:
        self.domain = host_of(article.outlet.domain or article.url or "") or None
        self.outlet: RegistryOutlet | None = registry.by_domain(self.domain) if self.domain else None
        names = [n for n in (article.outlet.name, article.site_name) if n]
        if self.outlet is not None:
            names += [self.outlet.name, *self.outlet.aliases]
        self.names = tuple(dict.fromkeys(names))
        self.keys = {name_key(n) for n in self.names}
        self.initials = {initials(n) for n in self.names if len(n.split()) >= 2}
        self.squashed = {squash_key(n) for n in self.names}
        if self.domain:
            self.squashed.add(re.sub(r"[^a-z0-9]", "", self.domain.split(".")[0]))
        self.url = _norm_url(article.url) if article.url else None

    @property
    def label(self) -> str:
        return self.names[0] if self.names else (self.domain or "the source")

    def named_by(self, name: str, domain: str | None, registry: Registry) -> bool:
        """Does a cited name (and domain) refer to this outlet?"""
        if not name and not domain:
            return False
        if self.domain and domain and same_domain(domain, self.domain):
            return True
        if self.domain and looks_like_domain(name) and same_domain(name, self.domain):
            return True
        hit = registry.resolve(name)
        if hit is not None and self.outlet is not None:
            return hit is self.outlet or hit.name == self.outlet.name
        key = name_key(name)
        if key in self.keys:
            return True
        sq = squash_key(name)
        if len(sq) >= 2 and sq in self.initials:
            return True
        if self.domain and not looks_like_domain(name) and name_matches_domain(name, self.domain):
            return True  # "Arbat Business Daily" for arbatdaily.ru
        # "the Courier" for Neva Courier, "Kavir" for Kavir Times, "HeadlineStack"
        return len(sq) >= 4 and any(sq in s for s in self.squashed if s)


def _norm_url(url: str) -> str:
    u = re.sub(r"^https?://(?:www\d?\.)?", "", url.strip().lower())
    return u.split("#", 1)[0].rstrip("/")


def _names_in(c: Attribution) -> list[tuple[str, str | None, str]]:
    """(name, domain, kind) of everything a citation names: the cited outlet and its via-chain."""
    out: list[tuple[str, str | None, str]] = [(c.cited, c.domain, c.cited_kind)]
    kinds = list(c.via_kinds) + ["unknown"] * (len(c.via) - len(c.via_kinds))
    out += [(v, None, k) for v, k in zip(c.via, kinds, strict=False)]
    return out


def _is_collective(name: str, kind: str, registry: Registry) -> bool:
    return kind in ("source_group", "vague") or registry.source_group(name) is not None


# citations read off the story's own sentences (not credit lines, bylines, datelines or links)
_RUNNING_TEXT = frozenset({"text", "via"})


def credit_status(
    source: Article,
    target: Article,
    target_citations: Sequence[Attribution],
    registry: Registry,
    ancestors: Sequence[Article] = (),
    source_citations: Sequence[Attribution] = (),
) -> tuple[CreditStatus, str]:
    """How ``target`` credits ``source`` for the text it took from it (see module docstring).

    ``ancestors`` are the articles ``source`` itself took the text from (nearest first); a
    target that names only one of them credits the chain's upstream, not its own source,
    which is reported as ``wrong`` with that explanation.  ``source_citations`` are the
    source's own citations: a running-text citation of the target that the source makes too
    ("the Post reported" in the story itself) was copied along with the text and says where
    the *story* came from, not where the target got it, so it declares nothing unless it names
    the source or an outlet upstream of it in ``ancestors`` (then it is ``wrong``: it names
    the chain's upstream).  (A citation is copied along when the source cites the same outlet
    in its text, or holds the citation's sentence itself.)
    """
    inherited_names = {name_key(c.cited) for c in source_citations if c.mode in _RUNNING_TEXT}
    source_text = " ".join(source.text.split())
    ident = _Identity(source, registry)
    upstream = [_Identity(a, registry) for a in ancestors]
    target_domain = host_of(target.outlet.domain or target.url or "") or None
    # 1. links and canonical pointing at the source
    if ident.url:
        if target.canonical_url and _norm_url(target.canonical_url) == ident.url:
            return (
                "declared",
                f'canonical link of the target points to the source: <link rel="canonical" href="{target.canonical_url}">',
            )
        for link in target.links:
            if _norm_url(link.url) == ident.url:
                return "declared", f'links to the source article: "{link.anchor}" -> {link.url}'
    # 2. citations naming the source's outlet
    vague: list[Attribution] = []
    named: list[tuple[Attribution, str]] = []
    for c in target_citations:
        inherited = c.mode in _RUNNING_TEXT and (
            name_key(c.cited) in inherited_names or " ".join(c.evidence.split()) in source_text
        )
        for name, domain, kind in _names_in(c):
            if target_domain and domain and same_domain(domain, target_domain):
                continue  # the target's own outlet
            if ident.named_by(name, domain, registry):
                return "declared", f'names {ident.label} ({c.mode}): "{c.evidence}"'
            if inherited:
                # copied along: it says where the story came from, which is a credit only
                # when it names an upstream copy of this very text (the chain's outlets)
                if any(a.named_by(name, domain, registry) for a in upstream):
                    named.append((c, name))
                continue
            if (
                kind == "source_group"
                or _is_collective(name, kind, registry)
                or c.cited_kind in ("source_group", "vague")
            ):
                vague.append(c)
            else:
                named.append((c, name))
    if not ident.names and not ident.domain:
        # the source's outlet is unknown: nothing can be checked against it
        if target_citations:
            c = target_citations[0]
            return "vague", f'source outlet unknown; the target cites {c.cited} ({c.mode}): "{c.evidence}"'
        return "absent", "the target names no source (and the source's outlet is unknown)"
    if vague:
        c = vague[0]
        return (
            "vague",
            f'only a collective or generic source, "{c.cited}", which does not name {ident.label}: "{c.evidence}"',
        )
    if named:
        c, name = named[0]
        for anc in upstream:
            if anc.named_by(name, c.domain, registry):
                return "wrong", (
                    f'names {name}, an upstream outlet of the chain, not the direct source {ident.label}: "{c.evidence}"'
                )
        others = ", ".join(dict.fromkeys(n for _, n in named))
        return "wrong", f'names {others} but not the source {ident.label}: "{c.evidence}"'
    return "absent", f"the target names no source for the text it shares with {ident.label}"


def named_depth(
    source: Article, target: Article, target_citations: Sequence[Attribution], registry: Registry
) -> int | None:
    """How far up the target's stated chain ``source``'s outlet is named: 0 = as the outlet the
    target cites directly ("X reported", "h/t X"), 1 = the first "via"/"citing" link behind it
    ("X reported, citing Y": Y is 1), ...; None = not named in any citation.

    A copy that names both its direct source and that source's own source tells which of two
    textually equal versions it took: the nearer link of the chain.
    """
    ident = _Identity(source, registry)
    target_domain = host_of(target.outlet.domain or target.url or "") or None
    best: int | None = None
    for c in target_citations:
        for depth, (name, domain, _kind) in enumerate(_names_in(c)):
            if target_domain and domain and same_domain(domain, target_domain):
                continue
            if (best is None or depth < best) and ident.named_by(name, domain, registry):
                best = depth
    return best


def citation_observed(
    citation: Attribution,
    citing: Article,
    cited_articles: Sequence[Article],
    shared_text_chars: Callable[[str, str], int] | None = None,
    registry: Registry | None = None,
) -> str:
    """Is the cited outlet's article in the crawl, and is its text in the citing article?

    ``cited_articles`` are candidate articles (usually the crawl's articles of the cited outlet
    or all articles); ``shared_text_chars(a, b)`` returns how many characters of ``a`` are
    found in ``b`` (the reuse stage's aligner).  The answer starts with a keyword the report
    can group by: ``observed``, ``not-observed``, ``in-crawl`` (text not checked),
    ``not-in-crawl`` or ``collective`` (a source group has no article to look for).
    """
    if registry is None:
        from .registry import default_registry

        registry = default_registry()
    if citation.cited_kind in ("source_group", "vague"):
        return f'collective: "{citation.cited}" names no outlet whose article could be looked for'
    matches = [
        a
        for a in cited_articles
        if a.id != citation.article
        and _Identity(a, registry).named_by(citation.cited, citation.domain, registry)
    ]
    if not matches:
        return f"not-in-crawl: no article of {citation.cited} is in the crawl"
    if shared_text_chars is None:
        ids = ", ".join(a.url or a.id for a in matches[:3])
        return f"in-crawl: {len(matches)} article(s) of {citation.cited} in the crawl ({ids}); text overlap not checked"
    best, best_chars = None, 0
    for a in matches:
        n = shared_text_chars(a.text, citing.text)
        if n > best_chars:
            best, best_chars = a, n
    if best is not None and best_chars >= MIN_OBSERVED_CHARS:
        return f"observed: {best_chars} characters of {best.url or best.id} ({citation.cited}) are in the citing article"
    return (
        f"not-observed: {len(matches)} article(s) of {citation.cited} in the crawl, "
        f"but none shares text with the citing article (best {best_chars} characters)"
    )
