"""The citation pass's shortcuts give what the plain computations give.

``sentence_at`` finds a span's sentence among the article's sentences by bisection; the link filter
looks hosts up in sets instead of comparing with every platform; ``host_of`` skips regexes
that cannot match.  Each is held to the straightforward version on generated input.
"""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from provenance.attribution.cite_links import _NOT_OUTLETS, _is_platform
from provenance.attribution.cite_relations import sentence_at
from provenance.attribution.registry import host_of, same_domain
from provenance.segment import sentence_spans


def _sentence_of_whole_text(text: str, span: tuple[int, int]) -> str:
    """The plain version: every sentence of the text, then the one holding the span."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    for s, e in sentence_spans(text):
        if s <= span[0] < e:
            s, e = max(s, line_start), min(max(e, span[1]), line_end)
            return text[s:e].strip()
    return text[span[0] : span[1]].strip()


_PIECES = [
    "Reuters",
    "said",
    "Mr.",
    "U.S.",
    "it",
    ".",
    "!",
    "?",
    '"',
    "”",
    ")",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "3",
    "A",
    "b",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=50), st.data())
def test_sentence_at_equals_whole_text_split(pieces: list[str], data: st.DataObject) -> None:
    """For a span that starts on a word or a mark, as every match and link anchor does (at a
    blank the two differ: the plain version finds the sentence of the line before)."""
    text = "".join(pieces)
    starts = [i for i, c in enumerate(text) if not c.isspace()]
    assume(starts)
    start = data.draw(st.sampled_from(starts))
    line_end = text.find("\n", start)
    end = data.draw(st.integers(start, len(text) if line_end < 0 else line_end))  # a span on one line
    # the article's sentences, as segment gives them: per line
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    sentences = [s for ls, le in lines for s in sentence_spans(text, ls, le)]
    assume(any(s <= start < e for s, e in sentences))
    assert sentence_at(text, sentences, (start, end)) == _sentence_of_whole_text(text, (start, end))


_LABELS = ["com", "org", "x", "t", "co", "archive", "web", "youtu", "be", "twitter", "news", "www"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LABELS), min_size=1, max_size=4))
def test_platform_lookup_equals_pairwise_check(labels: list[str]) -> None:
    host = host_of(".".join(labels))
    assert _is_platform(host) == any(same_domain(host, p) for p in _NOT_OUTLETS)


def _host_of_regexes(url: str) -> str:
    s = url.strip().lower()
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)
    s = s.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    s = s.rsplit("@", 1)[-1].split(":", 1)[0]
    return re.sub(r"^www\d?\.", "", s).strip(".")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "https://",
                "HTTP://",
                "www.",
                "WWW2.",
                "www",
                "a",
                ".",
                "/",
                ":",
                "@",
                "?",
                "#",
                "ex",
                "com",
                " ",
                "ſ",
                "İ",
            ]
        ),
        max_size=12,
    )
)
def test_host_of_equals_regex_version(parts: list[str]) -> None:
    url = "".join(parts)
    assert host_of(url) == _host_of_regexes(url)
