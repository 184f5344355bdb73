"""Citations from a story's dateline and byline: "WASHINGTON (AP) —" and "By AFP staff".

Both name the agency that supplied the story in a fixed place rather than in a sentence, so
they need their own shapes: a dateline's bracket after a place and date, and a byline that is
an organisation ("X Newsroom", "Kavir Times", a domain) and not a person or the page's own desk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from provenance.models import Article, Attribution

from .cite_names import MEDIA_WORDS, CiteContext, classify, is_own, plausible, stated, word_list
from .cite_rules import finditer_on_cue_lines
from .registry import is_public_suffix, looks_like_domain

_DATE_REQ = (
    r"(?:,[ \t]+(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]+\d{4})?)"
)
_PLACE_CAPS = (
    r"[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+)*(?:,[ \t]+[A-Z][A-Za-z.'-]*(?:[ \t]+[A-Z][A-Za-z.'-]*)*)?"
)
_PLACE_TITLE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*"
_PLACE = rf"(?:(?:^|(?<=\s))(?:{_PLACE_CAPS}{_DATE_REQ}?|{_PLACE_TITLE}{_DATE_REQ})|^[ \t]*)"
# "WASHINGTON (AP) —", "MANCHESTER, N.H., Jan. 22 (PIA) —", "Moscow, 12 May (TASS) -",
# "NEW DELHI (PTI):", and a bare "(Reuters) -" opening a paragraph
_DATELINE = re.compile(rf"(?m){_PLACE}[ \t]*\((?P<cited>[^()\n]{{2,60}})\)[ \t]*(?:[—–-]+|:(?=[ \t]))")
# the slashed form some wires use: "MOSCOW, March 3. /TASS/."
_DATELINE_SLASHED = re.compile(
    rf"(?m)(?:^|(?<=\s))(?:{_PLACE_CAPS}|{_PLACE_TITLE}){_DATE_REQ}\.?[ \t]*/(?P<cited>[A-Z][^/\n]{{1,40}})/\.?"
)

_OPEN = re.compile(r"\(")
_SLASH = re.compile("/")


def dateline_citations(article: Article, ctx: CiteContext) -> Iterator[Attribution]:
    """ "WASHINGTON (AP) —", "MOSCOW, March 3. /TASS/.": the agency named there supplied the story."""
    text = article.text
    # both are line-bound: the lines with no "(" or "/" are not searched
    matches = [
        *finditer_on_cue_lines(_DATELINE, _OPEN, text),
        *finditer_on_cue_lines(_DATELINE_SLASHED, _SLASH, text),
    ]
    for m in sorted(matches, key=lambda m: m.start()):
        name = m.group("cited").strip()
        if not plausible(name, article.text, m.start("cited"), strong=True):
            continue
        cited, domain, kind = classify(name, ctx)
        if is_own(name, domain, ctx):
            continue
        yield Attribution(
            article=article.id,
            cited=cited,
            cue="dateline",
            evidence=m.group(0).strip(),
            span=(m.start(), m.end()),
            cited_domain=stated(name),
            outlet_domain=domain if kind == "outlet" else None,
            mode="dateline",
            cited_kind=kind,  # type: ignore[arg-type]
        )


_BYLINE_AGENCY = re.compile(
    r"^(?:by[ \t]+|from[ \t]+)?(?P<cited>.+?)[ \t]+(?:staff(?:[ \t]+(?:writer|reporter|report))?s?|newsroom|news[ \t]+desk|desk|editors|editorial[ \t]+(?:board|team|staff)|team|reporters|correspondents?|wire(?:[ \t]+service)?|bureau)$",
    re.I,
)


def byline_citations(article: Article, ctx: CiteContext) -> Iterator[Attribution]:
    """An agency named as the author ("Reuters", "AFP Staff", "X Newsroom", "By X staff")."""
    raw = (article.byline or "").strip()
    if not raw:
        return
    for part in re.split(r"\s*(?:;|\||\band\b|,|/)\s*", raw):
        part = re.sub(
            r"^(?:(?:posted|written|reported|compiled)\s+)?(?:by|from)\s+", "", part.strip(), flags=re.I
        ).strip()
        if not part:
            continue
        m = _BYLINE_AGENCY.match(part)
        name = m.group("cited").strip() if m else part
        if m is None and not _agency_like_byline(part, ctx):
            continue  # a bare byline that is no known agency is a person's name
        name = _rejoin_domain(name)
        if not plausible(name, "", 0, strong=True) or _generic_byline(name):
            continue
        cited, domain, kind = classify(name, ctx)
        if is_own(name, domain, ctx):
            continue
        pos = article.text.find(raw)
        yield Attribution(
            article=article.id,
            cited=cited,
            cue="byline",
            evidence=f"byline: {raw}",
            span=(pos, pos + len(raw)) if pos >= 0 else (0, 0),
            cited_domain=stated(name),
            outlet_domain=domain if kind == "outlet" else None,
            mode="byline",
            cited_kind=kind,  # type: ignore[arg-type]
        )


_BYLINE_GENERIC = frozenset(
    word_list(
        """news web online digital metro city foreign world business politics sports international
    national local editorial our the staff wire desk team foreign-desk breaking video photo
    multimedia opinion region regional economy society culture features agency agencies"""
    )
)


def _agency_like_byline(name: str, ctx: CiteContext) -> bool:
    """A bare byline naming an organisation: registered, a domain, a collective, a news-name
    word ("Kavir Times") or one CamelCase token ("NewsPulse", "FedDispatch") -- people's
    names are none of these."""
    if ctx.registry.resolve(name) is not None or looks_like_domain(name):
        return True
    if re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+\d*", name):
        return True
    words = name.split()
    return len(words) > 1 and words[-1].lower().strip(".") in MEDIA_WORDS


def _generic_byline(name: str) -> bool:
    """ "News desk", "Web staff": the page's own desk, no agency named."""
    return all(w.lower().strip(".,") in _BYLINE_GENERIC for w in name.split())


_COMMON_GTLDS = frozenset(word_list("com net org info biz"))


def _rejoin_domain(name: str) -> str:
    """Undo title-casing of a domain in a byline ("Tbilisiobserver Ge" -> "tbilisiobserver.ge"),
    which metadata normalisers do to "By tbilisiobserver.ge staff".  Only country codes and
    the common generic TLDs are rejoined: "Evening Post" must not become "evening.post"."""
    if looks_like_domain(name):
        return name
    parts = name.split()
    if not 2 <= len(parts) <= 3 or not all(p.isalnum() for p in parts):
        return name
    tail = [p.lower() for p in parts[1:]]
    if len(parts[0]) < 5 or not all(len(t) == 2 or t in _COMMON_GTLDS for t in tail):
        return name
    suffix = ".".join(tail)
    return ".".join([parts[0].lower(), suffix]) if is_public_suffix(suffix) else name
