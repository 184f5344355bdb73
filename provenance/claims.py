"""Claims shared between articles that do not share text.

Two articles about one event often repeat the same claim in their own words ("ISIS is
regrouping", "prisons", "Al-Hol camp").  Here a shared claim is a pair of sentences, one
from each article, whose content words overlap enough; the shared words are the evidence.
Only article pairs that are already related (a shared speaker or a reuse edge) are
compared, which keeps the cost linear in practice and avoids matching unrelated stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .models import Article, Segments, Span
from .segment import tokens

# Function words and reporting verbs carry no claim; everything else may.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "without",
        "about",
        "as",
        "into",
        "over",
        "under",
        "after",
        "before",
        "between",
        "during",
        "through",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "not",
        "no",
        "nor",
        "so",
        "such",
        "very",
        "more",
        "most",
        "also",
        "only",
        "just",
        "even",
        "still",
        "yet",
        "both",
        "each",
        "other",
        "all",
        "any",
        "some",
        "many",
        "much",
        "few",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "him",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "stated",
        "explained",
        "according",
        "mr",
        "mrs",
        "ms",
        "dr",
        "while",
        "one",
        "two",
        "new",
        "expressed",
        "warned",
        "urged",
        "stressed",
        "called",
        "noted",
        "pointed",
        "affirmed",
        "emphasised",
        "emphasized",
        "echoed",
        "reports",
        "reported",
    ]
)


@dataclass(frozen=True)
class SharedClaim:
    """Two sentences in two articles making the same claim, and the words they share."""

    first: str
    first_span: Span
    second: str
    second_span: Span
    shared_terms: tuple[str, ...]
    score: float


def content_terms(text: str) -> frozenset[str]:
    """Content words of a sentence: hyphenated names split, stop words and short words dropped."""
    out = set()
    for tok in tokens(text.replace("-", " ")):
        if len(tok) > 2 and tok not in _STOP and not tok.isdigit():
            out.add(tok.rstrip("'s") if tok.endswith("'s") else tok)
    return frozenset(out)


SentenceTerms = list[tuple[Span, frozenset[str]]]


def sentence_terms(article: Article, segs: Segments) -> SentenceTerms:
    """Each sentence's span and content words (computed once per article, compared many times)."""
    return [(s.span, content_terms(article.text[s.span[0] : s.span[1]])) for s in segs.sentences]


def shared_claims_of(
    a: str,
    terms_a: SentenceTerms,
    b: str,
    terms_b: SentenceTerms,
    min_shared: int = 3,
    min_score: float = 0.25,
    limit: int = 10,
) -> list[SharedClaim]:
    """Sentence pairs of ``a`` and ``b`` (as :func:`sentence_terms`) sharing ``min_shared`` content words.

    ``score`` is the overlap coefficient of the two sentences' content words (shared words over
    the smaller set), so a short claim inside a long sentence still scores; each sentence of
    ``a`` is paired with at most its best match so one long sentence cannot flood the list.
    """
    out: list[SharedClaim] = []
    for span_a, ta in terms_a:
        if len(ta) < min_shared:
            continue
        best: tuple[float, Span, frozenset[str]] | None = None
        for span_b, tb in terms_b:
            common = ta & tb
            if len(common) < min_shared:
                continue
            score = len(common) / min(len(ta), len(tb))
            if score >= min_score and (best is None or score > best[0]):
                best = (score, span_b, common)
        if best:
            out.append(SharedClaim(a, span_a, b, best[1], tuple(sorted(best[2])), round(best[0], 3)))
    out.sort(key=lambda c: -c.score)
    return out[:limit]


def related_pairs(
    speakers: dict[str, set[str]], linked: Sequence[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """Article pairs worth comparing for shared claims: a common speaker, or a reuse edge."""
    by_speaker: dict[str, list[str]] = {}
    for art, names in speakers.items():
        for n in names:
            by_speaker.setdefault(n, []).append(art)
    pairs: set[tuple[str, str]] = {tuple(sorted(p)) for p in linked}  # type: ignore[misc]
    for arts in by_speaker.values():
        arts = sorted(set(arts))
        if len(arts) > 50:  # a ubiquitous speaker relates everything; skip rather than explode
            continue
        for i, x in enumerate(arts):
            for y in arts[i + 1 :]:
                pairs.add((x, y))
    return sorted(pairs)
