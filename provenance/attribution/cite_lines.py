"""Citations that stand outside the story's sentences, found by their shape and place.

Credit lines, bylines and datelines name where a text came from without a reporting verb, so
the relation pass cannot read them.  They are recognised by what they look like, not by a
list of label words:

- a **credit line**: a short line (or a bracketed end of a paragraph) made of a label and the
  names it credits ("Source: X", "h/t X", "Credit: X / Y", "(AFP)", "— Reuters", "With files
  from X and Y", "© 2024 X"), or a short sentence about the text itself ("This article first
  appeared in X", "The following report was first carried by X", "Originally published by
  X", "Read the original at X");
- a **byline**: a short line at the top or bottom that names an outlet as the author ("By X
  Staff", "X Newsroom", "By Jane Doe | X", "By Jane Doe, X"), or the page's byline field;
- a **dateline**: a place (and date) opening a paragraph, then the agency in brackets or
  slashes, then a dash ("MOSCOW (TASS) —", "TEHRAN /IRNA/ -", "[ISFAHAN, Kavir Times]").

What a line names is read by :mod:`.outlet_sources` (registry, outlet-shaped names,
domains, collectives).  In the strong places (after a label's colon, inside a dateline's
brackets, in a byline) any capitalised name counts, since the place itself says it is a
source; photo and video credits are not the text's source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from provenance.models import Article, Attribution, Span
from provenance.segment import sentence_spans

from . import cues as C
from .cite_names import CiteContext, is_own
from .outlet_sources import (
    OutletMention,
    SourceReader,
    crawl_alias,
    group_of,
    known,
    lexicon,
    mentions_in,
    organisation_name,
)
from .registry import Registry, is_public_suffix

# Longest line read as a credit line or byline (words).
MAX_LINE_WORDS = 16
# Longest sentence read as a sentence about the text itself ("This article first appeared ...").
MAX_SELF_WORDS = 28
# Paragraphs from the top and from the bottom of the body where bylines and bare credit lines stand.
EDGE_PARAGRAPHS = 3

_SEP = re.compile(r"[ \t]*(?:/|\||;|,|&|\band\b|\bwith\b)[ \t]*")
_NAME_PIECE = re.compile(r"[A-Za-z0-9][\w.&'’-]*(?:[ \t]+(?:of|the|and|de|al|el)?[ \t]*[A-Z0-9][\w.&'’-]*)*")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    paragraph: int
    edge: bool  # among the first or last paragraphs of the body
    sentences: tuple[Span, ...] = ()  # the paragraph's sentences, relative to ``start``


def line_citations(
    article: Article,
    ctx: CiteContext,
    paragraphs: Sequence[Span],
    reader: SourceReader,
    cues: Sequence[Span] = (),
    sentences: Sequence[Span] = (),
) -> Iterator[Attribution]:
    """Credit lines, bylines (body lines and the byline field) and datelines of ``article``;
    ``cues`` are the cue spans of its relations (a line holding one is a sentence);
    ``sentences`` the article's sentences (the analysis'; split here when not given)."""
    text = article.text
    n = len(paragraphs)
    starts = [s for s, _ in sentences]
    for i, (ps, pe) in enumerate(paragraphs):
        if sentences:
            lo, hi = bisect.bisect_left(starts, ps), bisect.bisect_left(starts, pe)
            sents = tuple((s - ps, min(e, pe) - ps) for s, e in sentences[lo:hi])
        else:
            sents = tuple(sentence_spans(text[ps:pe]))
        line = _Line(ps, pe, i, i < EDGE_PARAGRAPHS or i >= n - EDGE_PARAGRAPHS, sents)
        yield from _dateline(article, ctx, line)
        yield from _credit(article, ctx, line, reader, cues)
        if line.edge:
            yield from _byline_line(article, ctx, text[ps:pe], (ps, pe), cues=cues)
    if article.byline and article.byline.strip() not in (text[s:e].strip() for s, e in paragraphs[:5]):
        pos = text.find(article.byline.strip())
        span = (pos, pos + len(article.byline.strip())) if pos >= 0 else (0, 0)
        yield from _byline_line(article, ctx, article.byline.strip(), span, field=True)


# --- credit lines -------------------------------------------------------------------------------


def _credit(
    article: Article, ctx: CiteContext, line: _Line, reader: SourceReader, cues: Sequence[Span]
) -> Iterator[Attribution]:
    """The credit lines of one paragraph: labelled or led lines, a bracketed sign-off, a
    copyright line, sentences about the text itself."""
    text = article.text
    body = text[line.start : line.end]
    if len(body.split()) <= MAX_LINE_WORDS:
        for seg in re.finditer(r"[^;]+", body):
            led = _credit_segment(text, line.start + seg.start(), line.start + seg.end(), ctx, cues)
            if led:
                yield from _emit(article, ctx, led[1], "credit", led[0], body.strip())
    elif line.edge:
        # a credit line the extraction ran into its neighbours: "... end of story. h/t X
        # About us: ..." -- a sentence of the paragraph, cut where the next label starts
        starts = sorted({ss for ss, _ in line.sentences} | {m.end() for m in _PIECE_START.finditer(body)})
        for ss, se in zip(starts, [*starts[1:], len(body)], strict=True):
            label = _NEXT_LABEL.search(body, ss + 1, se)
            e1 = label.start() if label else se
            # ... or where the page's own name starts its footer ("h/t X Baku Evening Post is ...")
            own = [i for n in ctx.own_names if (i := body.find(" " + n, ss + 1, e1)) > 0]
            s0, e0 = line.start + ss, line.start + min([e1, *own])
            while s0 < e0 and text[s0].isspace():
                s0 += 1
            if len(text[s0:e0].split()) <= MAX_LINE_WORDS:
                led = _credit_segment(text, s0, e0, ctx, cues)
                if led:
                    yield from _emit(article, ctx, led[1], "credit", led[0], text[s0:e0].strip())
    yield from _sign_off(article, ctx, line.start, body)
    cr = re.search(r"(?:©|\(c\)|copyright)[ \t]*(?:\d{4}[ \t]*)?(?P<n>[^.\n]{2,60})", body, re.I)
    if cr and len(body.split()) <= MAX_SELF_WORDS:
        s = line.start + cr.start("n")
        named = mentions_in(text, s, s + len(cr.group("n")), ctx.registry)
        yield from _emit(article, ctx, named, "credit", "copyright", body)
    for ss, se in line.sentences:
        sent = body[ss:se]
        if len(sent.split()) <= MAX_SELF_WORDS and _about_the_text(sent):
            named = _credited_in_sentence(text, line.start + ss, line.start + se, ctx)
            yield from _emit(article, ctx, named, "credit", _cue_of(sent), sent.strip())


def _sign_off(article: Article, ctx: CiteContext, start: int, body: str) -> Iterator[Attribution]:
    """A bare credit closing a paragraph: "... (AFP)", "... [Reuters]", "— Reuters", "(via X)"."""
    tail = re.search(
        r"(?:[\(\[][ \t]*(?P<b>[^()\[\]\n]{2,40}?)[ \t]*[\)\]]|^[ \t]*[—–-]+[ \t]*(?P<d>[^\n]{2,40}?))[ \t.]*$",
        body,
    )
    if tail is None:
        return
    g = "b" if tail.group("b") else "d"
    s, e = start + tail.start(g), start + tail.end(g)
    if g == "b" and _defines_abbreviation(body[: tail.start()], tail.group("b")):
        return  # "... the Alliance to Reclaim Our Schools (AROS).": a name's short form
    led = _credit_segment(article.text, s, e, ctx)  # "(via X)", "(With inputs from X)"
    named = led[1] if led else _only_names(article.text, s, e, ctx)
    yield from _emit(article, ctx, named, "credit", led[0] if led else "sign-off", body.strip())


def _defines_abbreviation(before: str, inner: str) -> bool:
    """The bracket holds the initials of the capitalised words right before it ("Alliance
    to Reclaim Our Schools (AROS)")."""
    short = inner.strip()
    if not (short.isupper() and short.isalpha() and 2 <= len(short) <= 8):
        return False
    caps = [w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", before)[-3 * len(short) :] if w[0].isupper()]
    return "".join(caps).endswith(short)


def _credited_in_sentence(text: str, s: int, e: int, ctx: CiteContext) -> list[OutletMention]:
    """The outlets a sentence about the text credits: after a preposition ("first appeared
    in X") or as its subject ("The Associated Press contributed to this report"); for a
    sentence opening with a participle ("Originally published by X.") only a credit that
    closes it ("Reached by POLITICO, Bennett denied ..." goes on with a clause of its own)."""
    sent = text[s:e]
    named = [
        m
        for m in mentions_in(text, s, e, ctx.registry)
        if _after_preposition(text, m) or re.fullmatch(r"[ \t]*(?:[Tt]he[ \t]+)?", text[s : m.span[0]])
    ]
    if not named:
        named = _named_after_preposition(text, s, e, ctx.registry)
    if not _names_the_text(sent):
        named = [m for m in named if len(text[m.span[1] : e].split()) <= 4]
    return named


# Where a piece of a run-together paragraph may start: after a full stop and its closing marks
# (the splitter ends no sentence before a lower-case word: "... elaborate. h/t X").
_PIECE_START = re.compile(r"[.!?][\"'”’)\]]*[ \t]+(?=[a-z])")
# A label opening the next piece of a run-together footer: "About us:", "Contact the newsroom:".
_NEXT_LABEL = re.compile(r"[ \t][A-Z][a-z]+(?:[ \t][a-z]+)?:[ \t]")
_LABEL = re.compile(r"^[ \t]*[\[(]?[ \t]*(?P<label>[^:\n]{1,30}?)[ \t]*(?::|[ \t][—–-]+)[ \t]*")


# a contraction or possessive ending ("they're", "it's"): what is left is the word itself
_CLITIC = re.compile(r"['’](?:re|s|ve|ll|d|m)$")
_LEAD = re.compile(
    r"^[ \t]*[\[(]?[ \t]*(?P<lead>(?:[\w'’-]+[ \t]+){0,4}(?:by|from|of|via|at|on|in|with|for|to)|\S+/\S+)[ \t]+",
    re.I,
)


def _credit_segment(
    text: str, s: int, e: int, ctx: CiteContext, cues: Sequence[Span] = ()
) -> tuple[str, list[OutletMention]] | None:
    """A credit line (or a ";"-part of one): a label and a colon or dash, then names only
    ("Source: X", "Credit: X / Y"); or a few opening words ending in a preposition, or a
    slashed label, then names only ("With files from X and Y", "Courtesy of X", "h/t X").
    A stretch holding a relation's cue is a sentence, not a credit line ("Prices rose,
    according to Reuters")."""
    if any(s <= c0 < e for c0, _ in cues):
        return None
    seg = text[s:e]
    m = _LABEL.match(seg)
    if m and _label_ok(m.group("label")):
        found = _only_names(text, s + m.end(), e, ctx)
        if found:
            return m.group("label").strip(), found
    lead = _LEAD.match(seg)
    if lead is None or any(w.lower() in lexicon("picture_labels") for w in lead.group("lead").split()):
        return None
    if any(_CLITIC.sub("", w.lower()) in C.PRONOUNS | C.DETERMINERS for w in lead.group("lead").split()):
        return None  # "They're not enamored of", "during a speech at": a clause of prose, no label
    # "With files from", "Hat tip to": a short lower-case lead; a longer one ("Reporting by
    # Jane Doe for") only before a name the reader knows
    ws = lead.group("lead").split()
    plain = len(ws) <= 4 and all(w.islower() for w in ws[1:])
    found = _only_names(text, s + lead.end(), e, ctx, unknown=plain)
    head = re.match(r"[ \t]*(?P<n>.+?)[ \t]+(?:with|and)$", lead.group("lead"))
    if found and head:  # "Le Monde with AFP": the lead names an outlet too
        found = (
            _only_names(
                text,
                s + lead.start("lead") + head.start("n"),
                s + lead.start("lead") + head.end("n"),
                ctx,
                unknown=False,
            )
            + found
        )
    return (lead.group("lead"), found) if found else None


def _label_ok(label: str) -> bool:
    """A label is a few words, none a finite clause, and not a picture's credit."""
    ws = label.split()
    if not ws or len(ws) > 4 or label[0].isdigit():
        return False
    pictures = lexicon("picture_labels")
    # "Photo: X" credits a picture; "Text and photos: X" the text too
    return not all(w.lower().strip("[(") in pictures | {"and", "&", "/"} for w in ws)


def _names_the_text(sent: str) -> bool:
    """ "This article ...", "The following report ...", "... contributed to this report", "A
    version of this story ...": the sentence is about the text itself."""
    ws = [w.lower().strip(",:;.\"'“”") for w in sent.split()]
    selfn = lexicon("self_nouns")
    if (
        len(ws) >= 3
        and ws[0] in ("the", "these")
        and (ws[1] in selfn or (ws[1] == "following" and ws[2] in selfn))
    ):
        return True
    return any(a in ("this", "following") and b in selfn for a, b in zip(ws, ws[1:], strict=False))


def _about_the_text(sent: str) -> bool:
    """ "This article first appeared in X", "The following report was first carried by X",
    "Originally published by X", "Read the original article at X": the sentence's subject is
    the text itself, or it opens with a participle or an imperative pointing at the original."""
    head = sent.split(None, 3)
    if len(head) < 3:
        return False
    selfn = lexicon("self_nouns")
    h0 = head[0].lower().strip(",:;\"'“”")
    first = head[1].lower().strip(",:;\"'“”") if h0.endswith("ly") or h0 == "first" else h0
    if first.endswith("ed") or first in lexicon("irregular_participles"):
        return True
    low = sent.lower()
    if h0 not in lexicon("pointing_verbs") and not any(n in low for n in selfn):
        return False  # neither a word naming the text nor a pointing verb: the rest cannot hold
    ws = [w.lower().strip(",:;\"'“”") for w in sent.split()]
    if _names_the_text(sent):
        return True
    return ws[0] in lexicon("pointing_verbs") and any(
        w in selfn or w in ("original", "rest", "more", "full") for w in ws[1:5]
    )


def _after_preposition(text: str, m: OutletMention) -> bool:
    before = text[max(0, m.span[0] - 12) : m.span[0]].lower().split()
    while before and before[-1] in ("the", "a"):
        before.pop()
    return bool(before) and before[-1] in ("by", "on", "in", "at", "from", "via", "of", "with", "to")


def _named_after_preposition(text: str, s: int, e: int, registry: Registry) -> list[OutletMention]:
    """ "... was first carried by the Meridian.": an organisation-shaped name closing the
    sentence after its preposition."""
    m = re.search(
        r"\b(?:by|in|on|at|from)[ \t]+(?P<n>(?:[Tt]he[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4})"
        r"(?=[ \t]*[.!]?[ \t]*$|[ \t]+and[ \t]+is\b)",
        text[s:e],
    )
    if m is None:
        return []
    named = organisation_name(text, s + m.start("n"), s + m.end("n")) or crawl_alias(
        text, s + m.start("n"), s + m.end("n"), registry
    )
    return [named] if named else []


def _cue_of(sent: str) -> str:
    ws = sent.split()
    return " ".join(ws[: min(6, len(ws))])


# --- bylines ------------------------------------------------------------------------------------


def _byline_line(
    article: Article,
    ctx: CiteContext,
    line: str,
    span: Span,
    field: bool = False,
    cues: Sequence[Span] = (),
) -> Iterator[Attribution]:
    """ "By X Staff", "X Newsroom", "By Jane Doe | X", "By Jane Doe, X", "Story by: X team",
    "CNN Staff | Updated 4:12 PM"; ``field``: the page's byline field, where a bare
    organisation name is the author.  A line holding a relation's cue is a sentence ("Asked
    by a Politico reporter, the spokesman declined ...")."""
    if not line.split() or len(line.split()) > MAX_LINE_WORDS or any(span[0] <= c < span[1] for c, _ in cues):
        return
    found: list[OutletMention] = []
    byline = field
    for block in re.finditer(r"[^|]+", line):
        # after a block shaped as a byline, the next ones are its parts: "By Jane Doe | X"
        named, shaped = _byline_block(ctx, line, block.start(), block.end(), span, byline)
        found += named
        byline = byline or shaped
    yield from _emit(article, ctx, found, "byline", "byline", f"byline: {line}", span=span)


def _byline_block(
    ctx: CiteContext, line: str, s: int, e: int, span: Span, field: bool
) -> tuple[list[OutletMention], bool]:
    """The outlets one "|"-separated block of a byline names, if the block is shaped as one
    (opened by "By"/"Written by"/"From", or closed by the staff: "Reuters staff", "X
    Newsroom") or ``field`` says the line is a byline; and whether the block is so shaped."""
    words = line[s:e].split()
    if not words:
        return [], False
    low = [w.lower().strip(",:") for w in words]
    staff = lexicon("staff_nouns")
    opener = low[0] in ("by", "from") or (len(low) > 1 and low[1] in ("by", "by:") and len(words) <= 10)
    ends_staff = any(w in staff for w in low[-3:])
    if not (field or opener or ends_staff) or (not field and not opener and len(words) > 6):
        return [], False  # "X reporters at the hospital saw ...": a sentence, read by the relation pass
    found: list[OutletMention] = []
    for part in re.finditer(r"[^;,/]+?(?=[ \t]*(?:;|,|/|\band\b|\bwith\b|$))", line[s:e]):
        name = re.sub(
            r"(?i)^[ \t]*(?:and|with)?[ \t]*(?:[a-z]+[ \t]+)?by:?[ \t]+|^[ \t]*from[ \t]+", "", part.group(0)
        )
        # "Kavir Times Newsroom", "Reuters staff writers": the staff stand for the outlet
        name = re.sub(
            rf"(?i)(?:[ \t]+(?:{'|'.join(sorted(staff | {'editorial', 'staff'}))}))+[ \t.]*$", "", name
        )
        name = re.sub(r"(?i)^[ \t]*(?:and|with)[ \t]+", "", name)
        name = _rejoin_domain(name.strip(" .")).strip()
        if not name or all(w.lower() in lexicon("desk_words") for w in name.split()):
            continue  # "News desk", "Web staff": the page's own desk
        hits = mentions_in(name, 0, len(name), ctx.registry)
        if not hits and (field or ends_staff or opener):
            named = organisation_name(name, 0, len(name)) or crawl_alias(name, 0, len(name), ctx.registry)
            hits = [named] if named else []
        at = line.find(name, s)
        base = span[0] + max(at, 0) if span != (0, 0) else 0
        found += [
            OutletMention(
                m.written, (base + m.span[0], base + m.span[1]), m.name, m.kind, m.domain, m.stated_domain
            )
            for m in hits
        ]
    return found, opener or ends_staff


_COMMON_GTLDS = frozenset(["com", "net", "org", "info", "biz"])


def _rejoin_domain(name: str) -> str:
    """Undo title-casing of a domain in a byline ("Tbilisiobserver Ge" -> "tbilisiobserver.ge"),
    which metadata normalisers do to "By tbilisiobserver.ge staff".  Only country codes and
    the common generic TLDs are rejoined: "Evening Post" must not become "evening.post"."""
    parts = name.split()
    if not 2 <= len(parts) <= 3 or not all(p.isalnum() for p in parts):
        return name
    tail = [p.lower() for p in parts[1:]]
    if len(parts[0]) < 5 or not all(len(t) == 2 or t in _COMMON_GTLDS for t in tail):
        return name
    suffix = ".".join(tail)
    return ".".join([parts[0].lower(), suffix]) if is_public_suffix(suffix) else name


# --- datelines ----------------------------------------------------------------------------------

_PLACE = r"[A-Z][A-Za-z.'’-]+(?:[ \t]+[A-Z][A-Za-z.'’-]+)*(?:,[ \t]+[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*)*)?"
_DATE = (
    r"(?:,?[ \t]+(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]+\d{4})?\.?)?"
)
_STAMP = r"(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}[ \t]+(?:\d{1,2}:\d{2}[ \t]+)?)?"
_DATELINE_TAIL = (
    rf"(?:\[(?:{_PLACE}),[ \t]*(?P<s>[^\]\n]{{2,40}})\]|(?:(?:{_PLACE}){_DATE}[ \t]*(?:[—–-]+[ \t]*)?)?"
    rf"(?:\((?P<b>[^()\n]{{2,40}})\)|/(?P<sl>[^/\n]{{2,40}})/)[ \t]*(?:[—–-]+|:(?=[ \t])|\.(?=[ \t])))"
)
_DATELINE_BODY = re.compile(rf"[ \t]*{_DATELINE_TAIL}")
_DATELINE = re.compile(rf"(?m)^[ \t]*{_STAMP}{_DATELINE_TAIL}")


_STAMP_ANYWHERE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}[ \t]+(?:\d{1,2}:\d{2}[ \t]+)?")


def _dateline(article: Article, ctx: CiteContext, line: _Line) -> Iterator[Attribution]:
    """A dateline opening the paragraph, or, in the first paragraphs, right after the date
    stamp a page ran into the title ("... 22.01.2016 18:55  MANCHESTER, N.H. (X) —")."""
    text = article.text
    m = _DATELINE.match(text, line.start, line.end)
    if m is None and line.paragraph < 2:
        stamp = _STAMP_ANYWHERE.search(text, line.start, min(line.end, line.start + 400))
        m = _DATELINE_BODY.match(text, stamp.end(), line.end) if stamp else None
    if m is None:
        return
    g = next(k for k in ("s", "b", "sl") if m.group(k))
    s, e = m.start(g), m.end(g)
    name = text[s:e].strip()
    found = mentions_in(text, s, e, ctx.registry)
    if not found and name[:1].isupper() and len(name.split()) <= 5:
        found = [OutletMention(name, (s, e), name, "unknown")]
    yield from _emit(article, ctx, found, "dateline", "dateline", m.group(0).strip())


# --- shared -------------------------------------------------------------------------------------


_LINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _title_case(line: str) -> bool:
    """A headline: its content words all capitalised ("Sisterhood of the Skateboard"); read up
    to the first lower-case content word, so a paragraph of prose costs a few words."""
    function_words = lexicon("function_words")
    n = 0
    for m in _LINE_WORD.finditer(line):
        w = m.group(0)
        if w.lower() in function_words:
            continue
        if not w[0].isupper():
            return False
        n += 1
    return n >= 2


def _only_names(text: str, s: int, e: int, ctx: CiteContext, unknown: bool = True) -> list[OutletMention]:
    """The outlets a label credits, when what follows the label is nothing but names (or one
    collective) and separators: "Source: Iranian media", "Credit: X / Y", "With files from X
    and Y"; a headline ("Rubio: I Still Believe ...") or a person ("Contributing: Jane Doe")
    credits no outlet.  In this place a name shaped like an organisation's counts even when
    nobody registered it ("h/t FedDispatch", "Hat tip to the Review"), unless ``unknown`` is
    false or the line is a headline, whose words are all capitalised anyway."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    unknown = unknown and not _title_case(text[line_start : len(text) if line_end < 0 else line_end])
    group = group_of(ctx.registry, text[s:e])
    if group is not None:
        return [OutletMention(text[s:e].strip(), (s, e), *group)]
    found = mentions_in(text, s, e, ctx.registry)
    pos, pieces = s, []
    for m in [*found, None]:
        stop = m.span[0] if m else e
        pieces.append((pos, stop))
        pos = m.span[1] if m else e
    for ps, pe in pieces:
        for part in re.finditer(r"[^/|;,&]+", text[ps:pe]):
            words = re.sub(r"(?i)^(?:\s*\b(?:and|with|files|from|by|of)\b)+", "", part.group(0)).strip(
                " .\t()[]"
            )
            if not words or re.fullmatch(r"(?i)(?:the|and)", words):
                continue
            i = text.find(words, ps + part.start(), pe)
            named = (
                organisation_name(text, i, i + len(words))
                or crawl_alias(text, i, i + len(words), ctx.registry)
                if unknown
                else None
            )
            if named is None:
                return []
            found.append(named)
    found.sort(key=lambda m: m.span)
    return found


def _emit(
    article: Article,
    ctx: CiteContext,
    found: Sequence[OutletMention],
    mode: str,
    cue: str,
    evidence: str,
    span: Span | None = None,
) -> Iterator[Attribution]:
    for m in found:
        if m.kind == "vague":  # "Source: media reports": the phrase as written, no one named
            m = OutletMention(m.written, m.span, evidence.strip() if mode == "credit" else m.name, "vague")
        m = known(m, ctx.registry)
        if m.kind not in ("source_group", "vague") and is_own(m.written, m.stated_domain or m.domain, ctx):
            continue
        yield Attribution(
            article=article.id,
            cited=m.name,
            cue=cue,
            evidence=evidence,
            span=span or m.span,
            cited_domain=m.stated_domain,
            mode=mode,
            cited_kind=m.kind,
            outlet_domain=m.domain,
        )
