"""Outlet citations in real news: PolNeAR attributions whose source is a news outlet.

PolNeAR marks every attribution relation (source, cue, content) but does not say which
sources are news outlets, so the gold set is derived here, apart from the tool's own
citation code: a gold relation counts when its *source span* names an outlet --

- a registry outlet by name or alias ("The Wall Street Journal", "AP"), or a capitalised
  name whose last word is a news-name head ("The Charlotte Observer", "Christian News
  Service"; the heads are the evaluation's own list below);
- a definite description of an outlet ("the newspaper", "the network", "the Post"), read as
  the nearest outlet named before it in the article whose name fits;
- not when the outlet only qualifies a person ("CNN's Jake Tapper", "NBC News moderator Matt
  Lauer", "a reporter for USA Today"): that source is a person.

A poll or report of an outlet ("an NBC/Wall Street Journal survey", "a March Bloomberg
article") counts for each outlet it names.  The unit scored is the (article, outlet) pair, as
the citation graph draws it.  The tool's pairs are its report's text citations (a credit line,
a via-chain or an attribution in the text; links, canonicals, bylines and datelines are no
attribution relation) whose cited name is an outlet (registry or not), not a source group.
Names are compared by the registry's canonical name when it knows them, else by the written
name without "the".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..attribution.registry import Registry, name_key
from ..brat import relation_spans
from ..models import Article, Attribution

# The evaluation's own outlet-name heads (kept apart from the tool's vocabulary on purpose).
_HEADS = frozenset(
    [
        "News",
        "Times",
        "Post",
        "Journal",
        "Tribune",
        "Herald",
        "Gazette",
        "Observer",
        "Chronicle",
        "Examiner",
        "Register",
        "Service",
        "Network",
        "Magazine",
        "Daily",
        "Press",
        "Wire",
        "Caller",
        "Beast",
        "Monitor",
        "Review",
        "Star",
        "Sun",
        "Mail",
        "Telegraph",
        "Guardian",
        "Independent",
        "Standard",
        "Mercury",
        "Inquirer",
        "Dispatch",
        "Ledger",
        "Sentinel",
        "Bulletin",
        "Globe",
        "Radio",
        "TV",
        "Television",
        "Channel",
        "Newspaper",
    ]
)
_PERSON = frozenset(
    [
        "host",
        "anchor",
        "reporter",
        "reporters",
        "moderator",
        "correspondent",
        "columnist",
        "editor",
        "editors",
        "writer",
        "journalist",
        "journalists",
        "contributor",
        "analyst",
        "commentator",
        "pundit",
        "producer",
        "interviewer",
        "panelist",
        "lawyer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "president",
        "publisher",
        "owner",
        "founder",
        "chief",
        "executive",
        "staffer",
        "staff",
        "writer",
        "critic",
    ]
)
_DEFINITE = re.compile(
    r"^(?:the|that|this)\s+(newspaper|paper|network|daily|agency|outlet|magazine|broadcaster|"
    r"channel|site|website|publication|wire service|news agency|news outlet|news organization|"
    r"[A-Z][a-z]+)$"
)
# a capitalised run; "/" and "-" between names split it ("Washington Post-ABC News"), and a
# party-state label "(D-Newport News)" is no name
_CAP_RUN = re.compile(
    r"(?<![A-Z]-)(?<!\w)[A-Z][\w&'’]*(?:\.[\w&'’]+)*(?:[ \t]+(?:of|the|and|&)?[ \t]*[A-Z][\w&'’]*(?:\.[\w&'’]+)*)*"
)
_TEXT_MODES = frozenset({"text", "credit", "via"})
_RELATION_MODES = frozenset({"text", "via"})


@dataclass(frozen=True)
class Mention:
    name: str  # canonical
    start: int
    end: int


def _mentions(text: str, registry: Registry, offset: int = 0) -> list[Mention]:
    """Outlets named in ``text``: registry names/aliases and news-name shaped capitalised runs."""
    out: list[Mention] = []
    for m in re.finditer(
        r"(?<![\w.@/])[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:com|org|net|ru|az|fr|de|uk|info|news|ir|tv)\b", text
    ):
        out.append(Mention(canonical(m.group(0), registry), offset + m.start(), offset + m.end()))
    for m in _CAP_RUN.finditer(text):
        if any(x.start <= offset + m.start() < x.end for x in out):
            continue
        words = m.group(0).split()
        # the longest run of words (from the left or cut at the right) the registry knows
        found = None
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                cand = " ".join(words[i:j]).rstrip(".,’'")
                cand = re.sub(r"(?:['’]s?)$", "", cand)
                o = registry.resolve(cand)
                if o is not None and (len(cand) > 3 or cand.isupper()):
                    found = (o.name, cand)
                    break
            if found:
                break
        if found:
            s = m.start() + m.group(0).find(found[1])
            out.append(Mention(found[0], offset + s, offset + s + len(found[1])))
            continue
        last = re.sub(r"(?:['’]s?)$", "", words[-1].strip(".,"))
        if (
            last in _HEADS
            and len(words) >= 2
            and words[0] not in ("The",)
            or (last in _HEADS and len(words) >= 3)
        ):
            name = re.sub(r"^The\s+", "", " ".join(words)).rstrip(".,")
            name = re.sub(r"(?:['’]s?)$", "", name)
            out.append(Mention(name, offset + m.start(), offset + m.end()))
    return out


def _person_qualified(src: str, m: Mention, base: int) -> bool:
    """The outlet only qualifies a person: "CNN's Jake Tapper", "NBC News host X", "a
    reporter for USA Today"."""
    after = src[m.end - base :]
    if re.match(r"\s*(?:['’]s?\s+)?(?:[a-z]+\s+)?(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+\b", after) and not re.match(
        r"\s*(?:['’]s?\s+)?(?:[a-z]+\s+)*(?:poll|survey|report|article|story|analysis|investigation|"
        r"editorial|database|study)",
        after,
    ):
        nxt = re.match(r"\s*(?:['’]s?\s+)?([A-Za-z]+)", after)
        if nxt and (nxt.group(1)[0].isupper() or nxt.group(1).lower() in _PERSON):
            return True
    nxt = re.match(r"\s*(?:['’]s?\s+)?(?:[a-z]+\s+)?([a-z]+)", after)
    if nxt and nxt.group(1) in _PERSON:
        return True
    before = src[: m.start - base].lower().split()
    return (
        bool(before)
        and any(w.strip(",") in _PERSON for w in before[-4:])
        and before[-1]
        in (
            "for",
            "at",
            "with",
            "from",
            "of",
            "the",
        )
    )


_PREP = frozenset(
    [
        "of",
        "for",
        "at",
        "with",
        "by",
        "from",
        "in",
        "on",
        "to",
        "into",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "including",
        "like",
        "such",
        "as",
        "and",
        "or",
        "but",
    ]
)
_REPORTS = frozenset(
    [
        "report",
        "reports",
        "article",
        "story",
        "poll",
        "polls",
        "survey",
        "analysis",
        "study",
        "editorial",
        "tally",
        "piece",
    ]
)
_MADE_BY = re.compile(
    r"^(?:\w+\s+)?(?:published|released|conducted|that appeared|carried)?\s*(?:by|from|in|of|for)\s+(?:the\s+)?$"
)


def _leads(src: str, m: Mention, base: int, accepted: list[Mention]) -> bool:
    """The outlet heads the source: nothing but determiners and modifiers before it, or a
    report noun that it made ("a report by X"), or it is joined to an outlet that does."""
    before = src[: m.start - base]
    if accepted and re.fullmatch(
        r"\s*(?:/|-|,|and|&)?\s*(?:the\s+)?", src[accepted[-1].end - base : m.start - base]
    ):
        return True
    toks = re.findall(r"[\w'’-]+|[,;:(—]", before)
    if not any(t.lower() in _PREP or t in ",;:(—" for t in toks):
        return True
    low = before.lower()
    hit = max((low.rfind(" " + r + " ") for r in _REPORTS), default=-1)
    if hit < 0:
        hit = max((low.rfind(r + " ") if low.startswith(r) else -1 for r in _REPORTS), default=-1)
    if hit < 0:
        return False
    rest = low[hit:].split(None, 1)
    return (
        len(rest) == 2
        and bool(_MADE_BY.match(rest[1]))
        and not any(t.lower() in _PREP or t in ",;:(—" for t in re.findall(r"[\w'’-]+|[,;:(—]", before[:hit]))
    )


def gold_outlets(text: str, source: tuple[int, int], registry: Registry) -> list[str]:
    """Canonical outlet names a gold source span names (empty: the source is no outlet)."""
    s, e = source
    src = text[s:e]
    found: list[Mention] = []
    for m in _mentions(src, registry, s):
        if _leads(src, m, s, found) and not _person_qualified(src, m, s):
            found.append(m)
    if found:
        return list(dict.fromkeys(m.name for m in found))
    d = _DEFINITE.match(src.strip().rstrip(",."))
    if d is None:
        return []
    head = d.group(1)
    if head[0].isupper() and head not in _HEADS:
        return []
    earlier = [m for m in _mentions(text[:s], registry) if head[0].islower() or head in m.name.split()]
    return [earlier[-1].name] if earlier else []


def canonical(name: str, registry: Registry) -> str:
    """The compared form of an outlet name."""
    o = registry.resolve(name)
    if o is not None:
        return name_key(o.name)
    return name_key(re.sub(r"^(?:the|The)\s+", "", name))


def predicted_pairs(
    cites: Iterable[Attribution], registry: Registry, modes: frozenset[str] = _TEXT_MODES
) -> set[tuple[str, str]]:
    """(article, outlet) pairs of the tool's citations of outlets in ``modes``."""
    return {
        (c.article, canonical(c.cited, registry))
        for c in cites
        if c.mode in modes and c.cited_kind not in ("source_group", "vague")
    }


@dataclass(frozen=True)
class CitationScore:
    tp: int
    pred: int
    gold: int
    missed: tuple[tuple[str, str], ...]
    extra: tuple[tuple[str, str], ...]

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_pairs(split_dir: Path, articles: Sequence[Article], registry: Registry) -> set[tuple[str, str]]:
    """(article id, outlet) pairs from the first annotator's file of each article (as the
    attribution scorer reads them)."""
    by_name = {Path(a.path).stem: a for a in articles}
    out: set[tuple[str, str]] = set()
    for stem, art in by_name.items():
        anns = sorted((split_dir / "attributions").glob(stem + "_*.ann"))
        if not anns:
            continue
        for src in relation_spans(anns[0], "Source"):
            for o in gold_outlets(art.text, src, registry):
                out.add((art.id, canonical(o, registry)))
    return out


def score_citations(gold: set[tuple[str, str]], pred: set[tuple[str, str]]) -> CitationScore:
    tp = gold & pred
    return CitationScore(
        len(tp), len(pred), len(gold), tuple(sorted(gold - pred)), tuple(sorted(pred - gold))
    )


def score_report_citations(
    split_dir: Path, articles: Sequence[Article], report: dict[str, Any], registry: Registry
) -> dict[str, CitationScore]:
    """Outlet citations of a report scored against the split's gold: every citation in the
    text (relations and credit lines: what the report's citation graph draws), and the
    relations alone (PolNeAR marks no credit lines, so a correct "h/t X" counts against the
    first figure)."""
    cites = [
        Attribution(
            **{**c, "span": tuple(c["span"]), "via": tuple(c["via"]), "via_kinds": tuple(c["via_kinds"])}
        )
        for c in report.get("attributions", [])
    ]
    gold = gold_pairs(split_dir, articles, registry)
    return {
        "outlet_citations": score_citations(gold, predicted_pairs(cites, registry)),
        "outlet_citations_relations": score_citations(
            gold, predicted_pairs(cites, registry, _RELATION_MODES)
        ),
    }


def format_citation_scores(scores: dict[str, CitationScore]) -> str:
    """Lines in the attribution scorer's style."""
    labels = {"outlet_citations": "outlet citations", "outlet_citations_relations": "  relations only"}
    lines = [
        f"{labels[k]:16s} P={v.precision:.3f} R={v.recall:.3f} F1={v.f1:.3f}  (tp={v.tp} pred={v.pred} gold={v.gold})"
        for k, v in scores.items()
    ]
    return "\n".join(lines) + "\n"
