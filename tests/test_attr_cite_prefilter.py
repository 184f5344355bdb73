"""The cue-word prefilters of the citation rules must not change a single match.

:meth:`Rule.finditer` searches only the lines holding a rule's cue words, or, for a
:attr:`Rule.lead` rule, only the stretch just before each cue word; the datelines are searched
only on lines holding "(" or "/", and the vague-source regex only on texts holding "reports"
(see :mod:`provenance.attribution.cite_rules`).  These tests hold each to the plain whole-text
scan on texts written to stress it (cue words in odd case, inside other words, on another line
than the name, next to line ends, characters that ``(?i)`` folds) and on generated texts.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.attribution.cite_datelines_bylines import _DATELINE, _DATELINE_SLASHED, _OPEN, _SLASH
from provenance.attribution.cite_names import CiteContext
from provenance.attribution.cite_rules import (
    LINE_OR_NAME_START,
    NAME_START,
    RULES,
    VAGUE,
    Rule,
    finditer_on_cue_lines,
    fold,
)
from provenance.attribution.cite_text import text_citations
from provenance.attribution.registry import default_registry
from provenance.models import Article

TEXTS = [
    "Caliber.Az reports via Iranian media, citing Kavir Times.",
    "Bolivia's aviation chief said via radio that flights resume.",
    "This story was FIRST PUBLISHED BY The Conversation.",
    "It Was Originally Published On ProPublica.\nNext line.",
    "Republished With Permission From Reuters",
    "Courteſy of The Guardian",  # long s: (?i) counts it as an s
    "accordıng to the BBC, prices rose.",  # dotless i
    "İstanbul, according to Anadolu Agency, was calm.",  # dotted I: lower-casing moves offsets
    "H/T: Drudge Report\nHAT TIP to The Daily Beast",
    "The Associated Press contributed to this report.",
    "Reuters contributed\nto this report.",  # a cue on one line, the rest on the next
    "This content was provided by Stacker.\nStory distributed by NewsUSA",
    "Read The Original Article At The Atlantic.\nContinue reading on Medium",
    "Read more at example.com/news/story?id=3",
    "The scandal, as first reported by The Washington Post via Axios, grew.",
    "In a new report by Bellingcat, the group said more.",
    "The Intercept first reported the leak. The Guardian broke the story.",
    "BuzzFeed News was the first to report it.",
    "The vote was delayed, reported the Associated Press.",
    "Prices rose, said Bloomberg.",
    "(With inputs from PTI)\nwith additional INPUT from agencies",
    "— AFP",
    "The ministry denied it, citing Kavir Times.",
    "Tasnim reported on Tuesday, citing the Revolutionary Guard.",
    "According to a report in The Times, talks failed.",
    "According to CNN, which cited Reuters, the deal is off.",
    "ACCORDING TO REPORTS BY Iranian media",
    "The Daily Wire was reporting that the bill passed.",
    "Reporters Without Borders said it was alarmed.",
    "Politico has learned that the memo exists; The Hill revealed it.",
    "Iranian state media said the talks would resume.",
    "The Telegraph wrote in a piece on Sunday.",
    "Axios reported\nthat the talks ended.",  # lookahead needs the line's own end
    "Sky News reported",  # no newline at the end of the text
    "Local media reported on Monday; NHK says it.",
    "Aljazeera.com quoted a source.\n\nCNN cited officials",
    "said Reuters\nsaid\nReuters said",
    "A VERSION of this story first appeared in The Atlantic.\nAn earlier version of this article was published by Vox",
    "Citing Kavir Times, officials said it.\nQuoting the BBC, he left.",
    "Citing Iranian media, Caliber.Az reported it. The AP, quoting local media, says so.",
    "Prices fell, Reuters reported on Monday.\nThe bill passed; The Hill reports.",
    # lead rules: names after , ; ) and line breaks, several cues in one stretch, a match that
    # runs over a later cue word, and cue words inside names
    "Officials (the ones in Kabul) said AFP said Reuters said it.",
    "Fox News said, Reuters said; The Daily Said Reporter said\nCNN said",
    "The Reporter reported that Said News said, as The Times wrote in a report",
    "Tolo News, Pajhwok reports via Iranian media, citing IRNA via Tasnim.",
    "example.com/a,b said it. www.x.org/path(1) says so. https://y.net/q?x=1 reported that",
    "The Associated Press and Reuters contributed to this report; AP provided to the story.",
    "  Source: Reuters\n\tVIA The Verge\nIt rose. Photo: AFP Getty\nAdditional reporting by Jane Doe",
    "Resources: none. Credits — Tasnim News\nVideo by CNN\nvia Axios.\nThe sourcing: X",
]
SAMPLE = "\n".join(TEXTS)


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", [*TEXTS, SAMPLE, SAMPLE.upper(), SAMPLE.replace("\n", " ")])
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.cue)
def test_prefilter_equals_full_scan(rule: Rule, text: str) -> None:
    """Same spans and slots as the whole-text scan, with and without the folded text."""
    want = _spans(rule.pattern.finditer(text))
    assert _spans(rule.finditer(text, fold(text))) == want
    assert _spans(rule.finditer(text, None)) == want


def test_every_filtered_rule_is_exercised() -> None:
    """Each prefiltered rule matches somewhere in the sample, so the equality test would catch
    a prefilter that skips the lines it matches on."""
    sample = "\n".join(t for t in TEXTS if "İ" not in t)
    folded = fold(sample)
    assert folded is not None  # the filtered path, not the fallback
    for rule in RULES:
        if rule.cues is not None:
            assert list(rule.finditer(sample, folded)), rule.cue


def test_cue_must_cover_every_verb() -> None:
    """'was reporting' holds neither 'reported' nor 'reports': the 'reported' rule's cue is
    'report', and a narrower cue would lose this match."""
    text = "The Daily Wire was reporting that the bill passed."
    rule = next(r for r in RULES if r.cues is not None and r.pattern.search(text) and r.cue == "reported")
    assert [m.group("cited") for m in rule.finditer(text, fold(text))] == ["The Daily Wire"]
    narrow = Rule(rule.mode, rule.cue, rule.pattern, rule.strong, rule.cues._replace(
        pattern=re.compile("reported|reports")))  # fmt: skip
    assert list(narrow.finditer(text, fold(text))) == []


def test_filtered_rules_are_line_bound() -> None:
    """The line prefilter relies on no match or lookaround reaching across a newline: no
    ``\\s`` (besides the name slot's ``[^\\s,;)]``), ``.`` or ``$`` in a prefiltered rule,
    except a closing ``[.;](?:\\s|$)`` lookahead, which sees one character after the match
    (the searched span includes the line's newline).  :attr:`Rule.lead` rules are matched on
    the whole text and need no such bound."""
    for rule in RULES:
        if rule.cues is None or rule.lead is not None:
            continue
        src = rule.pattern.pattern.replace(r"[^\s,;)]", "").replace(r"[.;](?:\s|$))", "")
        assert r"\s" not in src and "$" not in src and not re.search(r"(?<![\\\[])\.(?![^\[]*\])", src), (
            rule.cue
        )


def test_fold_keeps_offsets() -> None:
    assert fold("Courteſy ACCORDıNG") == "courtesy according"
    assert fold("İstanbul") is None


_NAME_OPENINGS = (r"(?<![\w.'’-])(?P<cited>", r"(?<=[,;][ \t])(?P<cited>")
_LINE_OPENINGS = (r"(?m:(?:^[ \t]*|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t]))(?i:", r"(?m:^[ \t]*(?i:")


def test_lead_rules_open_where_their_starts_are() -> None:
    """A lead rule's match starts where its :attr:`Rule.lead` pattern finds a start: a name
    slot behind a lookbehind that rules out the inside of a word, or a credit line's cue word
    at a line start (after blanks) or after a sentence's end and a blank."""
    lead = [r for r in RULES if r.lead is not None]
    assert len(lead) >= 9
    for rule in lead:
        openings = _NAME_OPENINGS if rule.lead is NAME_START else _LINE_OPENINGS
        assert rule.lead in (NAME_START, LINE_OR_NAME_START), rule.cue
        assert rule.cues is not None and rule.pattern.pattern.startswith(openings), rule.cue


_VOCAB = (
    "Reuters AP The Daily Wire Iranian state media local media The Times NHK Said example.com "
    "www.x.org/a(b) said says reported reports wrote writes has learned revealed quoted cited "
    "first originally broke the story was to report via citing quoting contributed provided this "
    "report in a an its article piece on Tuesday that it and of , ; ) ( . : — \n \n\n "
    "Source: Sources Via photo Photo: reporting Additional credit courtesy writing by"
)
_WORDS = _VOCAB.split(" ")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=40),
    st.lists(st.sampled_from([" ", "", "  ", "\t"]), max_size=40),
)
def test_prefilter_equals_full_scan_on_generated_text(words: list[str], gaps: list[str]) -> None:
    """Any mix of names, cue words, punctuation and line breaks: every prefiltered rule finds
    what the plain scan finds."""
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    for rule in RULES:
        if rule.cues is not None:
            assert _spans(rule.finditer(text, fold(text))) == _spans(rule.pattern.finditer(text)), rule.cue


_DATELINE_TEXTS = [
    "WASHINGTON (AP) — The vote failed.\nMANCHESTER, N.H., Jan. 22 (PIA) — More.",
    "Moscow, 12 May (TASS) - Talks.\n(Reuters) - A bare one.\nNEW DELHI (PTI): rain.",
    "MOSCOW, March 3. /TASS/. The ministry said.\nKyiv, May 2 /Ukrinform/ ok",
    "Prices (in dollars) rose.\nThe deal (signed in Paris) —\nA/B testing /not a wire/.",
    "  (AFP) —\n\tLONDON (Reuters) -\nBERLIN\n(dpa) — split over lines",
]


@pytest.mark.parametrize("text", [*_DATELINE_TEXTS, "\n".join(_DATELINE_TEXTS)])
def test_dateline_cue_lines_equal_full_scan(text: str) -> None:
    """The dateline patterns are line-bound and hold "(" or "/": searching only those lines
    finds every match of the whole-text scan."""
    for pattern, cue in ((_DATELINE, _OPEN), (_DATELINE_SLASHED, _SLASH)):
        assert _spans(finditer_on_cue_lines(pattern, cue, text)) == _spans(pattern.finditer(text))
    assert _spans(_DATELINE.finditer("\n".join(_DATELINE_TEXTS)))  # the test sees matches


def test_dateline_patterns_are_line_bound() -> None:
    """No ``.`` or ``$``, and ``\\s`` only in the lookbehind before a place name."""
    for pattern in (_DATELINE, _DATELINE_SLASHED):
        src = pattern.pattern.replace(r"(?<=\s)", "")
        assert r"\s" not in src and "$" not in src and not re.search(r"(?<![\\\[])\.(?![^\[]*\])", src)


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose, according to media reports.",
        "ACCORDING TO NEWS REPORTS, the talks failed.",
        "Press Reports Said the deal was off.",
        "The story ran.\nSources: media reports\nMore text.",
        "Courteſy aside, according to reportſ it rose.",  # long s: (?i) matches it as an s
    ],
)
def test_vague_prefilter_keeps_every_vague_source(text: str) -> None:
    """The vague-source regex runs only on texts holding "reports" (case-folded): the phrases
    it finds in any case are all found."""
    want = [m.group(0).strip() for m in VAGUE.finditer(text)]
    assert want
    art = Article(id="a", path="a.txt", text=text)
    got = [a.cited for a in text_citations(art, CiteContext.of(art, default_registry()))]
    assert [w for w in want if w not in got] == []
