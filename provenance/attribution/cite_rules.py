"""The rule table of text constructions: one regex per way a text credits an outlet.

Each :class:`Rule` is a construction with a ``cited`` name slot (and optional ``via1``/``via2``
slots): "X reports via Y, citing Z", "as first reported by X", "according to X", credit lines
("Source: X", "h/t X", "republished with permission from X"), ", X reported." and more, plus
:data:`VAGUE` for unnamed sources ("according to media reports").  The table is data: how a
match becomes a citation is in :mod:`provenance.attribution.cite_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .cite_names import NAME, WEEKDAYS

_REPORT_VERB = r"(?:reported|reports|has reported|had reported|first reported|was reporting|is reporting|wrote|writes|has learned|learned|revealed)"
_SAY_VERB = r"(?:said|says|quoted|cited)(?![ \t]+(?:it|its|that it)\b)"


#: Where a leading name slot can start: a letter, digit or hyphen not inside a word (the
#: lookbehind that :func:`_rx` puts before every leading name slot).
NAME_START = re.compile(r"(?<![\w.'’-])[A-Za-z0-9-]")
#: Where a credit line can start: a line start (before its blanks) or a name start.
LINE_OR_NAME_START = re.compile(r"(?m:^)|(?<![\w.'’-])[A-Za-z0-9-]")


@dataclass(frozen=True)
class Rule:
    """A regex with named groups ``cited`` (and optionally ``via1``/``via2``) and its mode.

    ``strong`` rules accept any capitalised name in the slot; weak ones ask for a media-like
    name (see :func:`.cite_names.media_like`).
    """

    mode: str
    cue: str
    pattern: re.Pattern[str]
    strong: bool
    cues: Cues | None = None
    #: Where a match can start, for a rule whose matches start in the stretch just before one
    #: of their cue words: no ``,`` ``;`` ``)`` or line break stands between a match's start and
    #: that cue word ("Iranian state media said", "Source: X").  :data:`NAME_START` for a rule
    #: that opens with its name slot, :data:`LINE_OR_NAME_START` for a credit line's cue word.
    lead: re.Pattern[str] | None = None

    def finditer(self, text: str, folded: str | None) -> Iterator[re.Match[str]]:
        """The matches of :attr:`pattern` in ``text``, exactly as ``pattern.finditer(text)``.

        ``folded`` is :func:`fold` of ``text``.  A rule with :attr:`cues` and no :attr:`lead`
        is *line-bound* (see :func:`finditer_on_cue_lines`).
        """
        cues = self.cues
        if cues is None or (cues.folded and folded is None):
            yield from self.pattern.finditer(text)
            return
        hay = folded if cues.folded and folded is not None else text
        if self.lead is not None:
            yield from self._lead_matches(text, hay, cues, self.lead)
            return
        yield from finditer_on_cue_lines(self.pattern, cues.pattern, text, hay)

    def _lead_matches(
        self, text: str, hay: str, cues: Cues, starts: re.Pattern[str]
    ) -> Iterator[re.Match[str]]:
        """:meth:`finditer` of a :attr:`lead` rule: the pattern is tried only at the ``starts``
        in the stretch before each cue word, back to the nearest ``,`` ``;`` ``)`` or line
        break.  A match starts in such a stretch, so trying those places in text order, and
        going on after each match's end, finds what ``finditer`` finds, without trying the
        name slot at every word of a cue's paragraph; most stretches are a few words long.
        """
        pos = 0  # end of the last match: no match may start before it
        tried = 0  # places before this were tried for an earlier cue
        for cue in cues.pattern.finditer(hay):
            c = cue.start()
            lo = text.rfind("\n", 0, c) + 1
            for stop in ",;)":
                lo = max(lo, text.rfind(stop, lo, c) + 1)
            for start in starts.finditer(text, max(lo, pos, tried), c + 1):
                x = start.start()
                if x < pos:
                    continue
                m = self.pattern.match(text, x)
                if m is not None:
                    yield m
                    pos = m.end()
            tried = max(tried, c + 1)


def finditer_on_cue_lines(
    pattern: re.Pattern[str], cues: re.Pattern[str], text: str, hay: str | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a *line-bound* pattern: no part of it (lookarounds
    included) can match a newline, and every match holds a match of ``cues`` (searched in
    ``hay``, ``text`` or its :func:`fold`).  Such a pattern can only match on a line where a
    cue occurs, so only those lines are searched; most lines of a page hold none, and a name
    slot would otherwise be tried at every word of them.  It is the same scan: matches never
    span lines, the search on a line starts at its start, lookbehind and word boundaries still
    see the text before it, and ``endpos`` lies after the newline so that the character after
    a match is seen as in the whole text.
    """
    done = 0  # end of the last line searched
    for cue in cues.finditer(text if hay is None else hay):
        if cue.start() < done:
            continue
        start = text.rfind("\n", 0, cue.start()) + 1
        end = text.find("\n", cue.end())
        done = len(text) if end < 0 else end + 1
        yield from pattern.finditer(text, start, done)


class Cues(NamedTuple):
    """Words one of which every match of a rule holds.  ``folded`` cues are lower case and are
    looked for in :func:`fold` of the text, for rules whose cue words match in any case: a
    case-sensitive search is several times faster than a ``(?i)`` one."""

    pattern: re.Pattern[str]
    folded: bool


def _cues(words: str) -> Cues:
    """Cue words that the rule matches only as written (outside any ``(?i)`` group)."""
    return Cues(re.compile(words), folded=False)


def _icues(words: str) -> Cues:
    """Cue words inside a ``(?i)`` group of the rule, written in lower case."""
    return Cues(re.compile(words), folded=True)


def fold(text: str) -> str | None:
    """``text`` lower-cased character for character, or None where that would move offsets.

    Every character that ``(?i)`` matches to an ASCII letter lower-cases to that letter,
    except dotless i and long s, which ``re`` also counts as i and s and are mapped here, and
    dotted capital I, which lower-cases to two characters (then None: the rules run unfiltered).
    """
    low = text.lower().replace("ı", "i").replace("ſ", "s")
    return low if len(low) == len(text) else None


def _rx(p: str) -> re.Pattern[str]:
    """Compile a rule; one that opens with a name slot may only start where a word starts,
    which spares the regex engine a try at every character inside every word."""
    if p.startswith("(?P<cited>"):
        p = r"(?<![\w.'’-])" + p
    return re.compile(p)


_CHAIN_VERB = r"(?:reports|reported|has[ \t]+reported|said|says|wrote|writes)\b"
_VIA_TAIL = rf"(?:,?[ \t]+(?:citing|quoting|via|which cited|which quoted|who cited)[ \t]+(?P<via2>{NAME}))?"

RULES: tuple[Rule, ...] = (
    # "Caliber.Az reports via Iranian media", "X reports via Y, citing Z"
    Rule(
        "via",
        "reports via",
        _rx(
            rf"(?P<cited>{NAME})[ \t]+(?:reports|reported|writes|wrote|says|said)[ \t]+via[ \t]+(?P<via1>{NAME}){_VIA_TAIL}"
        ),
        True,
        _cues("via"),
        lead=NAME_START,
    ),
    # "This story was first published by X", "originally appeared on X", "first carried by X"
    Rule(
        "credit",
        "first published by",
        _rx(
            rf"(?i:(?:was|were|is|has been|had been|first|originally)[ \t]+(?:first[ \t]+|originally[ \t]+)?(?:published|carried|appeared|printed|posted|aired|broadcast|reported)(?:[ \t]+(?:first|originally))?[ \t]+(?:by|on|in|at))[ \t]+(?P<cited>{NAME}){_VIA_TAIL}"
        ),
        True,
        _icues("published|carried|appeared|printed|posted|aired|broadcast|reported"),
    ),
    # "A version of this story appeared in X", "... first ran on X", "... was published by X"
    Rule(
        "credit",
        "a version appeared in",
        _rx(
            rf"(?i:\b(?:an?[ \t]+)?(?:earlier[ \t]+|longer[ \t]+|shorter[ \t]+)?version[ \t]+of[ \t]+this[ \t]+(?:story|article|report|piece)[ \t]+(?:first[ \t]+|originally[ \t]+)?(?:appeared|ran|was[ \t]+(?:first[ \t]+|originally[ \t]+)?published)[ \t]+(?:on|in|by|at))[ \t]+(?P<cited>{NAME})"
        ),
        True,
        _icues("version"),
    ),
    # "republished (here) with permission from X", "reprinted from X", "courtesy of X"
    Rule(
        "credit",
        "republished from",
        _rx(
            rf"(?i:(?:re-?published|reprinted|reproduced|syndicated|adapted|excerpted)(?:[ \t]+here)?(?:[ \t]+with[ \t]+(?:the[ \t]+)?permission)?[ \t]+(?:from|of|by)|courtesy[ \t]+of|republished[ \t]+with[ \t]+permission[ \t]+of)[ \t]+(?P<cited>{NAME})"
        ),
        True,
        _icues("published|reprinted|reproduced|syndicated|adapted|excerpted|courtesy"),
    ),
    # "h/t X", "hat tip to X", "H/T: X"
    Rule(
        "credit",
        "h/t",
        _rx(rf"(?i:\bh/t|\bhat[ \t-]+tip)(?:[ \t]+to)?[ \t]*:?[ \t]+(?P<cited>{NAME})"),
        True,
        _icues("h/t|hat"),
    ),
    # "Source: X", "Sources: X", "Via: X", "Photo: X", "Reporting by X" at a line start
    Rule(
        "credit",
        "Source:",
        _rx(
            rf"(?m:(?:^[ \t]*|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?i:sources?|via|credits?|courtesy)[ \t]*(?::|[—–-])[ \t]*(?P<cited>{NAME})(?=[ \t]*\.?[ \t]*$|[ \t]*[.;]\s|\s+[A-Z]))"
        ),
        True,
        _icues("source|via|credit|courtesy"),
        lead=LINE_OR_NAME_START,
    ),
    # a credit line that is only "Via X" (a blog's way to name where it took the story)
    Rule(
        "credit",
        "via line",
        _rx(rf"(?m:^[ \t]*(?i:via)[ \t]+(?P<cited>{NAME})[ \t]*\.?[ \t]*$)"),
        True,
        _icues("via"),
        lead=LINE_OR_NAME_START,
    ),
    # "Photo: X", "Reporting by X": people stand here as often as agencies (weak)
    Rule(
        "credit",
        "photo/reporting by",
        _rx(
            rf"(?m:(?:^[ \t]*|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?i:photos?|image|video|graphics?|(?:additional[ \t]+)?reporting|writing)[ \t]*(?::|by|[—–-])[ \t]*(?P<cited>{NAME})(?=[ \t]*\.?[ \t]*$|[ \t]*[.;/|]\s|\s+[A-Z]))"
        ),
        False,
        _icues("photo|image|video|graphic|reporting|writing"),
        lead=LINE_OR_NAME_START,
    ),
    # "(via X)", "(h/t X)", "(Source: X)" in brackets
    Rule(
        "credit",
        "(via)",
        _rx(rf"\((?i:via|h/t|source:?|courtesy(?:[ \t]+of)?)[ \t]+(?P<cited>{NAME})\)"),
        True,
    ),
    # "The Associated Press contributed to this report."
    Rule(
        "credit",
        "contributed to this report",
        _rx(
            rf"(?P<cited>{NAME})[ \t]+(?:contributed|provided)[ \t]+(?:reporting[ \t]+)?(?:to|for)[ \t]+(?:this|the)[ \t]+(?:report|story|article)\b"
        ),
        True,
        _cues("contributed|provided"),
        lead=NAME_START,
    ),
    # "This content was provided by X", "Story distributed by X"
    Rule(
        "credit",
        "provided by",
        _rx(
            rf"(?i:\b(?:content|story|article|report|material|text|feature)[ \t]+(?:was[ \t]+|is[ \t]+)?(?:provided|supplied|distributed|produced|syndicated|contributed)[ \t]+by)[ \t]+(?P<cited>{NAME})"
        ),
        True,
        _icues("provided|supplied|distributed|produced|syndicated|contributed"),
    ),
    # "Read the original article at X", "Read more at X", "Continue reading at X"
    Rule(
        "credit",
        "read the original at",
        _rx(
            rf"(?i:\b(?:continue[ \t]+reading|(?:the[ \t]+)?(?:full|original)[ \t]+(?:story|article|report)[ \t]+(?:is[ \t]+)?(?:available[ \t]+)?)[ \t]+(?:at|on))[ \t]+(?P<cited>{NAME})"
        ),
        True,
        _icues("continue|full|original"),
    ),
    Rule(
        "credit",
        "read the original at",
        _rx(
            rf"(?i:\bread[ \t]+(?:the[ \t]+)?(?:original|full|complete|rest[ \t]+of[ \t]+the)?[ \t]*(?:article|story|report|piece|more)?[ \t]+(?:at|on|in))[ \t]+(?P<cited>{NAME})"
        ),
        True,
        _icues("read"),
    ),
    # "as first reported by X", "first reported by X", "as reported by X", "reported first by X"
    Rule(
        "text",
        "as reported by",
        _rx(
            rf"(?i:\b(?:as[ \t]+)?(?:first[ \t]+)?reported(?:[ \t]+first)?[ \t]+by)[ \t]+(?P<cited>{NAME}){_VIA_TAIL}"
        ),
        True,
        _icues("reported"),
    ),
    # "in a report by X", "a report published by X", "an article from X"
    Rule(
        "text",
        "a report by",
        _rx(
            rf"(?i:\b(?:in[ \t]+)?(?:an?|the)[ \t]+(?:new[ \t]+|recent[ \t]+|latest[ \t]+|earlier[ \t]+)?(?:report|article|story|dispatch)[ \t]+(?:published[ \t]+|carried[ \t]+)?(?:by|from))[ \t]+(?P<cited>{NAME}){_VIA_TAIL}"
        ),
        True,
        _icues("report|article|story|dispatch"),
    ),
    # "X first reported ...", "X broke the story", "X was the first to report"
    Rule(
        "text",
        "first reported",
        _rx(
            rf"(?P<cited>{NAME})[ \t]+(?:first[ \t]+reported|originally[ \t]+reported|broke[ \t]+the[ \t]+(?:news|story)|was[ \t]+(?:the[ \t]+)?first[ \t]+to[ \t]+report)\b"
        ),
        True,
        _cues("reported|broke|first"),
        lead=NAME_START,
    ),
    # ", reported X." -- inverted news attribution ("..., reported the Associated Press.")
    Rule(
        "text",
        "reported (inverted)",
        _rx(rf"(?<=[,;][ \t])(?:reported|reports)[ \t]+(?P<cited>{NAME})(?=[ \t]*[.;](?:\s|$))"),
        True,
        _cues("report"),
    ),
    Rule(
        "text",
        "said (inverted)",
        _rx(rf"(?<=[,;][ \t])(?:said|says|wrote|writes|noted)[ \t]+(?P<cited>{NAME})(?=[ \t]*[.;](?:\s|$))"),
        False,
        _cues("said|says|wrote|writes|noted"),
    ),
    # "(With inputs from PTI)", "with additional input from agencies"
    Rule(
        "credit",
        "with inputs from",
        _rx(rf"(?i:\bwith[ \t]+(?:additional[ \t]+)?inputs?[ \t]+from)[ \t]+(?P<cited>{NAME})"),
        True,
        _icues("input"),
    ),
    # a sign-off line "— AFP" (weak: reporters sign off the same way)
    Rule("credit", "sign-off", _rx(rf"(?m:^[ \t]*[—–-]+[ \t]*(?P<cited>{NAME})[ \t]*\.?[ \t]*$)"), False),
    # "..., citing Kavir Times." with the subject left implicit (weak)
    Rule(
        "text",
        "citing",
        _rx(rf"(?<=[,;][ \t])(?:citing|quoting)[ \t]+(?P<cited>{NAME})(?=[ \t]*[.;](?:\s|$))"),
        False,
        _cues("citing|quoting"),
    ),
    # "Citing Y, X reported ...", "X, citing Y, reports ...": X took it from Y (weak: the
    # subject must look like an outlet -- "Citing the memo, Senator Smith said" is a person)
    Rule(
        "text",
        "citing, reported",
        _rx(
            rf"(?:(?m:^)|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?:Citing|Quoting)[ \t]+(?P<via1>{NAME}),[ \t]+(?P<cited>{NAME})[ \t]+{_CHAIN_VERB}"
        ),
        False,
        _cues("Citing|Quoting"),
    ),
    Rule(
        "text",
        "citing, reported",
        _rx(rf"(?P<cited>{NAME}),[ \t]+(?:citing|quoting)[ \t]+(?P<via1>{NAME}),[ \t]+{_CHAIN_VERB}"),
        False,
        _cues("citing|quoting"),
    ),
    # "Citing X, the agency said ..." opening a sentence (weak: "Citing Trump's remarks, ...")
    Rule(
        "text",
        "citing (fronted)",
        _rx(
            rf"(?:(?m:^)|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?:Citing|Quoting)[ \t]+(?P<cited>{NAME})(?=,)"
        ),
        False,
        _cues("Citing|Quoting"),
    ),
    # "X reported, citing Y" (the citing tail makes it strong)
    Rule(
        "text",
        "reported, citing",
        _rx(
            rf"(?P<cited>{NAME})[ \t]+(?:reported|reports|said|says|wrote|writes)(?:[ \t]+on[ \t]+{WEEKDAYS})?,?[ \t]+(?:citing|quoting)[ \t]+(?P<via1>{NAME})"
        ),
        True,
        _cues("citing|quoting"),
    ),
    # "according to a report by X", "according to X, which cited Y": the report noun or the
    # chain makes the slot a publication
    Rule(
        "text",
        "according to a report by",
        _rx(
            rf"(?i:\baccording[ \t]+to)[ \t]+(?i:an?|the)[ \t]+(?:(?i:new|recent|latest|earlier)[ \t]+)?(?i:report|article|story|dispatch|piece)[ \t]+(?i:by|in|from|on)[ \t]+(?P<cited>{NAME})"
        ),
        True,
        _icues("according"),
    ),
    Rule(
        "text",
        "according to, which cited",
        _rx(
            rf"(?i:\baccording[ \t]+to)[ \t]+(?P<cited>{NAME}),?[ \t]+(?:which|who)[ \t]+(?:cited|quoted|was citing)[ \t]+(?P<via1>{NAME})"
        ),
        True,
        _icues("according"),
    ),
    # "according to X" (weak: people and institutions stand here too)
    Rule(
        "text",
        "according to",
        _rx(rf"(?i:\baccording[ \t]+to)[ \t]+(?:(?i:reports?)[ \t]+(?:by|in|from)[ \t]+)?(?P<cited>{NAME})"),
        False,
        _icues("according"),
    ),
    # ", X said in a report." -- a report is what publications issue
    Rule(
        "text",
        "said in a report",
        _rx(
            rf"(?P<cited>{NAME})[ \t]+(?:said|says|wrote|writes|noted|reported)[ \t]+in[ \t]+(?:a|an|its)[ \t]+(?:report|article|story|dispatch|piece)\b"
        ),
        True,
        _cues("report|article|story|dispatch|piece"),
        lead=NAME_START,
    ),
    # "..., X reported (on Tuesday)." closing a sentence: the news-attribution position
    Rule(
        "text",
        "reported",
        _rx(
            rf"(?<=[,;][ \t])(?P<cited>{NAME})[ \t]+(?:reported|reports|has reported|first reported)(?:[ \t]+(?:on[ \t]+)?{WEEKDAYS})?(?=[ \t]*[.;](?:\s|$))"
        ),
        True,
        _cues("report"),
        lead=NAME_START,
    ),
    # ", X reported (on Tuesday)." / "X said in a report" / "X reported that"
    Rule(
        "text",
        "reported",
        _rx(
            rf"(?P<cited>{NAME})[ \t]+{_REPORT_VERB}(?:[ \t]+(?:on[ \t]+)?{WEEKDAYS})?(?=[ \t]*[.,;]|[ \t]+that\b|[ \t]+on\b)"
        ),
        False,
        _cues("report|wrote|writes|learned|revealed"),
        lead=NAME_START,
    ),
    # "Iranian media said", "state media reported"
    Rule(
        "text",
        "said",
        _rx(rf"(?P<cited>{NAME})[ \t]+{_SAY_VERB}\b"),
        False,
        _cues("said|says|quoted|cited"),
        lead=NAME_START,
    ),
)

# Generic vague sources: no outlet is named, the phrase itself is the citation.
VAGUE = re.compile(
    r"(?i:\baccording[ \t]+to[ \t]+(?:media[ \t]+|press[ \t]+|news[ \t]+)?reports\b|\b(?:media|press|news)[ \t]+reports[ \t]+(?:said|say|suggest(?:ed)?|claim(?:ed)?)\b|(?m:^[ \t]*sources?[ \t]*:[ \t]*(?:media|press|news)[ \t]+reports[ \t]*\.?[ \t]*$))"
)
