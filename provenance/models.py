"""Typed, frozen hand-offs between the pipeline stages.

ingest -> :class:`RawDocument`; extract -> :class:`Article`; segment -> :class:`Analysis`;
fingerprint/candidates/align -> :class:`ReuseEdge`; attribution -> :class:`Quote`,
:class:`Attribution`; stories -> :class:`Story`.  Every stage takes these and returns these,
so a stage can be re-run, cached in the store or replaced without touching its neighbours.
Spans are ``(start, end)`` character offsets into ``Article.text``.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
#: Token offsets: a 32-bit ``array`` (texts are capped far below 2 GB).
Offsets = array
OFFSET_TYPE = "i"
MediaType = Literal["html", "text"]


@dataclass(frozen=True)
class RawDocument:
    """One document as read from a crawl, before any parsing.

    ``id`` is the content hash of ``content`` (hex), so the same page ingested twice, from
    any path, is the same document.
    """

    id: str
    path: str
    content: bytes
    media_type: MediaType
    url: str | None = None
    fetched_at: str | None = None
    #: ``(size, mtime_ns)`` of the file when it was opened (a file of a crawl folder, read
    #: directly, not through a link): what a later run compares to know it unchanged
    file_state: tuple[int, int] | None = None


@dataclass(frozen=True)
class UnchangedDocument:
    """A crawl file a previous run read, whose size and modification time are as they were
    then: its id is known without reading it (see :func:`provenance.ingest.iter_documents`)."""

    id: str
    path: str


@dataclass(frozen=True)
class Link:
    """An outbound link kept from the page: where it points and where it sits in the text."""

    url: str
    anchor: str
    domain: str | None
    date_in_url: str | None = None
    span: Span | None = None


@dataclass(frozen=True)
class OutletGuess:
    """Which outlet published the article, and how we know (never guessed without evidence)."""

    name: str | None = None
    domain: str | None = None
    evidence: str = "unknown"


@dataclass(frozen=True)
class DateGuess:
    """Publication date as a value with bounds; ``evidence`` lists what each bound rests on.

    ``value`` is an ISO date or datetime when the page states one; ``not_before`` /
    ``not_after`` bound it when only indirect evidence exists (e.g. "not before the newest
    dated page it links to").  ``source`` is the kind of the evidence that gave ``value``
    ("metadata", "url", "dateline", "crawl" ...) so ordering can mark weak evidence.
    """

    value: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    evidence: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class Article:
    """The extracted article: text plus everything the later stages need from the page.

    ``extractor`` is the version of the extraction rules that made it (the store re-extracts
    when it changes); ``notes`` are warnings about the input that did not stop extraction
    (e.g. "invalid UTF-8, decoded as windows-1252"), reported once per file.
    """

    id: str
    path: str
    text: str
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    outlet: OutletGuess = field(default_factory=OutletGuess)
    published: DateGuess = field(default_factory=DateGuess)
    links: tuple[Link, ...] = ()
    canonical_url: str | None = None
    site_name: str | None = None
    fetched_at: str | None = None
    paragraphs: tuple[Span, ...] = ()
    extractor: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    span: Span
    paragraph: int


@dataclass(frozen=True)
class Analysis:
    """One article's text analysed once by the segment stage, read by every later stage.

    Paragraphs, sentences, tokens and quotation spans, all offsets into ``text`` (the
    article's text: the same string object, so pickling an article with its analysis stores
    the text once).  Quotes, claims, drift and related articles read these instead of
    tokenising again, so every stage sees the same words at the same offsets.

    Tokens are two parallel arrays of 32-bit offsets (compact in memory, to pickle and to
    ship to a worker; ``array``, so an analysis is not hashable);
    their strings are slices of ``text`` that a stage makes when it reads them
    (:func:`provenance.segment.token_texts`, :func:`~provenance.segment.token_lows`,
    :func:`~provenance.segment.words`).  ``quotations`` are the paired quotation marks
    (marks included), in text order and disjoint.
    """

    article: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    text: str
    token_starts: Offsets
    token_ends: Offsets
    quotations: tuple[Span, ...]


#: The analysis' earlier name (it held only paragraphs and sentences); kept for callers.
Segments = Analysis


@dataclass(frozen=True)
class Quote:
    """An attribution relation: who said or reported what. ``span`` covers the content."""

    article: str
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    span: Span
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None


@dataclass(frozen=True)
class Attribution:
    """A text naming the outlet or agency it took information from, with the via-chain.

    ``cited`` is the outlet as the registry knows it (or as written when unknown);
    ``via`` lists where the cited outlet in turn got it, nearest first
    ("Caliber.Az reports via Iranian media" -> cited "Caliber.Az", via ["Iranian media"]).
    ``cited_kind`` is ``vague`` for a source that names nobody ("according to reports", "media
    reports said"): vague credit, whose ``cited`` is the phrase as written, never a source.
    ``cited_domain`` is a domain the page itself gives for it (the host of a link or canonical
    URL, or the name written as a domain, "h/t nevacourier.ru"); ``outlet_domain`` is the
    registry's domain for the cited outlet -- what we know, kept apart from what the page says.
    """

    article: str
    cited: str
    cue: str
    evidence: str
    span: Span
    cited_domain: str | None = None
    via: tuple[str, ...] = ()
    mode: str = "text"
    cited_kind: Literal["outlet", "source_group", "vague", "unknown"] = "unknown"
    via_kinds: tuple[str, ...] = ()
    outlet_domain: str | None = None

    @property
    def domain(self) -> str | None:
        """The cited outlet's domain, known or stated (for grouping citations by outlet)."""
        return self.outlet_domain or self.cited_domain


@dataclass(frozen=True)
class Passage:
    """One aligned stretch of copied text, with its place in both articles."""

    source_span: Span
    target_span: Span
    text: str


@dataclass(frozen=True)
class ReuseEdge:
    """Text of ``source`` reused in ``target`` (edge points the way the text travelled)."""

    source: str
    target: str
    kind: Literal["duplicate", "containment", "partial", "quote"]
    jaccard: float
    containment: float
    declared: bool
    passages: tuple[Passage, ...] = ()
    aligned_chars: int = 0
    credit: Literal["declared", "vague", "wrong", "absent"] = "absent"
    direction_evidence: str = ""
    credit_evidence: str = ""
    alternatives: tuple[str, ...] = ()  # other parents the evidence cannot tell apart (near ties)


@dataclass(frozen=True)
class Match:
    """Pairwise evidence: how much of each of two texts lies in the other (``first`` published
    no later than ``second`` as far as the dates tell).  ``reuse[]`` is the copy tree inferred
    from these; a match is what was measured.  ``quoted_share``: share of the shared words
    inside quotation marks; ``kind`` "quote" when nearly all of them are."""

    first: str
    second: str
    containment_first_in_second: float
    containment_second_in_first: float
    jaccard: float
    aligned_chars: int
    quoted_share: float
    kind: Literal["duplicate", "containment", "partial", "quote"]


@dataclass(frozen=True)
class Story:
    """Articles that share text, with the one that published first."""

    id: str
    members: tuple[str, ...]
    origin: str | None
    evidence: str
