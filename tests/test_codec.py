from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from provenance.codec import from_dict, to_dict
from provenance.models import Attribution, Quote

spans = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))


@given(
    st.text(),
    st.sampled_from(["direct", "indirect", "mixed"]),
    spans,
    st.none() | st.text(),
    st.none() | spans,
)
def test_quote_round_trip(
    text: str, kind: str, span: tuple[int, int], speaker: str | None, speaker_span: tuple[int, int] | None
) -> None:
    q = Quote("a", text, kind, span, speaker, speaker_span)  # type: ignore[arg-type]
    assert from_dict(Quote, to_dict(q)) == q


@given(st.lists(st.text(max_size=20), max_size=4))
def test_attribution_round_trip_keeps_tuples(via: list[str]) -> None:
    a = Attribution(
        "x", "Cited", "cue", "evidence", (1, 2), via=tuple(via), via_kinds=tuple("unknown" for _ in via)
    )
    back = from_dict(Attribution, to_dict(a))
    assert back == a and isinstance(back.via, tuple)
