"""Citations from text constructions: running the rule table and reading its slots.

A regex slot is greedy and blind, so a match is only a candidate: this module trims the slot
to the name (clause words, weekdays, possessives, a footer or the page's own name run into it),
splits "X and Y", drops fillers that modify a noun ("an NBC News poll") or stand in apposition
to a person, applies the strong/weak test of the rule, and builds the :class:`Attribution`
with its via-chain and evidence sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from provenance.models import Article, Attribution, Span
from provenance.segment import sentence_spans

from .cite_names import (
    NAME,
    PRONOUNS,
    STOP_LEAD,
    WEEKDAYS,
    CiteContext,
    Hit,
    classify,
    clean_name,
    institution,
    is_own,
    media_like,
    plausible,
    stated,
)
from .cite_rules import RULES, VAGUE, Rule, fold
from .registry import looks_like_domain


def text_citations(article: Article, ctx: CiteContext) -> Iterator[Attribution]:
    """The citations of every rule's matches, then the vague sources ("media reports")."""
    text = article.text
    folded = fold(text)
    for rule in RULES:
        for m in rule.finditer(text, folded):
            yield from _from_match(article, ctx, rule, m)
    # every vague phrase holds the word "reports"; most pages do not
    for m in VAGUE.finditer(text) if folded is None or "reports" in folded else ():
        phrase = m.group(0).strip()
        ev = sentence_of(text, (m.start(), m.end()))
        yield Attribution(
            article=article.id,
            cited=phrase,
            cue=phrase,
            evidence=ev,
            span=(m.start(), m.end()),
            mode="credit" if phrase.lower().startswith("source") else "text",
            cited_kind="source_group",
        )


def _slot(m: re.Match[str], group: str) -> Hit | None:
    if m.groupdict().get(group) is None:
        return None
    raw = m.group(group)
    start = m.start(group)
    name = _trim_name(raw)
    if not name:
        return None
    offset = raw.find(name)
    return Hit(name, (start + max(offset, 0), start + max(offset, 0) + len(name)))


def _trim_name(raw: str) -> str:
    """Cut a greedy slot back to the name: drop a trailing weekday/time word, possessives and
    any leading lower-case words that are not part of a collective phrase."""
    s = clean_name(raw)
    s = re.sub(rf"[ \t]+(?:on[ \t]+)?{WEEKDAYS}$", "", s)
    # a collective with leading junk: "of the Iranian media" -> "Iranian media"
    return s.strip()


def _best_name(hit: Hit, ctx: CiteContext, text: str, backward: bool) -> Hit | None:
    """For a slot matched *before* a verb the regex may have swallowed clause words ("Later
    Kavir Times"); keep the longest tail that is a valid name."""
    if not backward:
        return hit
    words = list(re.finditer(r"\S+", hit.text))
    for i in range(len(words)):
        cand = hit.text[words[i].start() :]
        if i > 0 and not (cand[0].isupper() or looks_like_domain(cand) or ctx.registry.source_group(cand)):
            continue
        first = cand.split()[0].lower()
        if first in STOP_LEAD or first in PRONOUNS:
            continue
        if i == 0 or re.fullmatch(NAME, cand):
            if (
                cand[0].islower()
                and not looks_like_domain(cand)
                and ctx.registry.source_group(cand) is None
                and not cand.lower().startswith("the ")
            ):
                continue
            start = hit.span[0] + words[i].start()
            return Hit(cand, (start, start + len(cand)))
    return None


_FOOTER_STARTS = re.compile(
    r"[ \t]+(?:About|Follow|Subscribe|Copyright|Contact|Share|Advertisement|Related)\b"
)


def _cut_at_own(hit: Hit, ctx: CiteContext, text: str) -> Hit | None:
    """Cut a name where the page's own outlet name or a footer starts inside it: extracted
    text sometimes runs a credit line into the outlet's footer ("h/t Crescent Wire Baku Evening
    Post is an independent ...", "Source: US media About us: ...")."""
    cut = len(hit.text)
    window = text[hit.span[0] : hit.span[1] + 60]
    for own in ctx.own_names:
        i = window.find(own)
        if 0 < i < cut:
            cut = i
    m = _FOOTER_STARTS.search(hit.text)
    if m and m.start() > 0:
        cut = min(cut, m.start())
    if cut == len(hit.text):
        return hit
    name = hit.text[:cut].rstrip(" ,;:.")
    if name.lower() in ("the", "a", "an"):
        return hit  # "The <own outlet>": the name is the page's own outlet, not a name cut short
    if not name:
        return None
    return Hit(name, (hit.span[0], hit.span[0] + len(name)))


_ROLE_NOUNS = (
    "reporter|correspondent|journalist|columnist|anchor|editor|writer|host|contributor|producer|"
    "commentator|blogger|author|analyst|spokesman|spokeswoman|spokesperson|professor|photographer"
)
# "according to an NBC News poll", "USA TODAY contributor X": the outlet name modifies a noun,
# and the source is that noun (a poll, a person), not the outlet's reporting.
_MODIFIED_NOUN = re.compile(
    rf"^[ \t]+(?:[a-z-]+[ \t]+)?(?:{_ROLE_NOUNS}|poll|polls|polling|pollster|survey|average|tally|count|"
    r"analysis|estimate|estimates|calculations|data|exit|documentary|interview|podcast|show|program|"
    r"programme|broadcast|debate|town|forum|panel|conference|event|headquarters|building|owner|parent)s?\b"
)
_APPOSITION_PERSON = re.compile(
    rf"^,[ \t]+(?:an?|the|another)[ \t]+(?:[\w'’-]+[ \t]+){{0,5}}?(?:{_ROLE_NOUNS})s?\b"
)


def _split_conjunction(hit: Hit) -> list[Hit]:
    """ "CNN and The New York Times" -> two names (each must be capitalised or a domain)."""
    parts = re.split(r"[ \t]+(?:and|&)[ \t]+|,[ \t]+", hit.text)
    if len(parts) < 2 or not all(
        p and (p[0].isupper() or looks_like_domain(p) or p.startswith("the ")) for p in parts
    ):
        return [hit]
    out, pos = [], 0
    for part in parts:
        i = hit.text.find(part, pos)
        out.append(Hit(part, (hit.span[0] + i, hit.span[0] + i + len(part))))
        pos = i + len(part)
    return out


def _from_match(article: Article, ctx: CiteContext, rule: Rule, m: re.Match[str]) -> list[Attribution]:
    """The citations one construction match makes (several for "X and Y reported")."""
    text = article.text
    cited = _slot(m, "cited")
    if cited is None:
        return []
    backward = m.start("cited") == m.start()  # slot before the verb
    cited = _best_name(cited, ctx, text, backward)
    if cited is None:
        return []
    cited = _cut_at_own(cited, ctx, text)
    if cited is None:
        return []
    if backward and cited.span[0] > 0:
        # the slot must start a clause: sentence start, after punctuation, or a line start
        prev = text[: cited.span[0]].rstrip(" \t")
        if prev and prev[-1].isalnum() and not re.search(r"\b(?:and|but|as|while|which|that|so)$", prev):
            return []
    after = text[cited.span[1] : cited.span[1] + 80]
    if not backward and (_MODIFIED_NOUN.match(after) or _APPOSITION_PERSON.match(after)):
        return []
    if not backward and re.match(r"^['’]s?[ \t]+[a-z]", after) and rule.mode == "credit":
        return []  # "courtesy of Dan Regan's memoir": a possessive, the work is the source
    heads = _split_conjunction(cited)
    vias = [h for h in (_slot(m, "via1"), _slot(m, "via2")) if h is not None]
    vias = [h for h in vias if plausible(h.text, text, h.span[0], strong=True)]
    ev = sentence_of(text, (m.start(), m.end()))
    out: list[Attribution] = []
    for head in heads:
        if not _acceptable(head, rule, ctx, text):
            continue
        chain = [head, *vias]
        # "X reports via Y": when X is the page's own outlet, the page cites Y (via the rest)
        while chain and is_own(chain[0].text, classify(chain[0].text, ctx)[1], ctx):
            chain = chain[1:]
        if not chain:
            continue
        first, rest = chain[0], chain[1:]
        name, domain, kind = classify(first.text, ctx)
        out.append(
            Attribution(
                article=article.id,
                cited=name,
                cue=rule.cue,
                evidence=ev,
                span=(m.start(), m.end()),
                cited_domain=stated(first.text),
                outlet_domain=domain if kind == "outlet" else None,
                via=tuple(classify(h.text, ctx)[0] for h in rest),
                mode=rule.mode,
                cited_kind=kind,  # type: ignore[arg-type]
                via_kinds=tuple(classify(h.text, ctx)[2] for h in rest),
            )
        )
    return out


def _acceptable(hit: Hit, rule: Rule, ctx: CiteContext, text: str) -> bool:
    """Can this slot filler be an outlet for this rule? (see :mod:`.citations`)"""
    name = hit.text
    if not plausible(name, text, hit.span[0], strong=rule.strong):
        return False
    if name[0].islower() and not (
        looks_like_domain(name)
        or ctx.registry.source_group(name) is not None
        or name.lower().startswith("the ")
    ):
        return False
    if not rule.strong and not media_like(name, ctx):
        return False
    return not (rule.mode != "credit" and institution(name))


def sentence_of(text: str, span: Span) -> str:
    """The sentence holding ``span``, clipped to its line (credit lines have no full stop).

    Only the span's lines are split: no sentence break is found across a line end, and the
    break before a line end only drops the white space the result is stripped of.
    """
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    for s, e in sentence_spans(text, line_start, line_end):
        if s <= span[0] < e:
            return text[s : min(max(e, span[1]), line_end)].strip()
    return text[span[0] : span[1]].strip()
