from __future__ import annotations

from provenance.drift import track_claims, word_diff
from provenance.models import Article, ReuseEdge
from provenance.segment import segment


def test_word_diff_names_the_kind_of_change() -> None:
    changes, tags = word_diff(
        "Officials said 40 people were reportedly killed in the blast.",
        "40 people were killed in the blast, officials confirmed, and 52 injured.",
    )
    assert "hedge dropped" in tags and "attribution dropped" in tags and "number changed" in tags
    assert any(c.before == "reportedly" for c in changes if c.op == "delete")
    _, tags = word_diff(
        'He said "we will rebuild every home that was lost" on Monday.',
        'He said "we will rebuild" on Monday.',
    )
    assert "quotation trimmed" in tags
    assert word_diff("Same words here.", "Same words here.") == ((), ())


def test_rewritten_sentence_is_drift_from_its_parent_sentence() -> None:
    parent = Article(
        "p",
        "p.html",
        "The mayor said the bridge will reopen on March 3 after repairs costing $4 million.\n"
        "Traffic will be diverted through the old town until then, the council added.",
    )
    child = Article(
        "c",
        "c.html",
        "The bridge will reopen on March 5 after repairs costing $4 million.\n"
        "Traffic will be diverted through the old town until then, the council added.",
    )
    grandchild = Article(
        "g", "g.html", "Traffic will be diverted through the old town until then, the council added."
    )
    edges = [
        ReuseEdge("p", "c", "duplicate", 0.8, 0.9, False),
        ReuseEdge("c", "g", "containment", 0.4, 1.0, False),
    ]
    claims = track_claims(
        [parent, child, grandchild], {a.id: segment(a) for a in (parent, child, grandchild)}, edges
    )
    bridge = next(c for c in claims if "bridge" in c.text)
    assert bridge.first_article == "p" and bridge.drifted
    hop = bridge.hops[0]
    assert {"number changed", "attribution dropped"} <= set(hop.tags)
    assert any(ch.before == "3" and ch.after == "5" for ch in hop.changes)
    traffic = next(c for c in claims if "Traffic" in c.text)
    assert traffic.articles == ("p", "c", "g") and not traffic.drifted


_TIE_SCRIPT = """
from provenance.claims import sentence_terms
from provenance.drift import _match_sentences
from provenance.models import Article
from provenance.segment import segment
src = Article(id="s", path="s", text="Harbour council approved barrier funding Tuesday. "
              "Harbour council approved barrier funding during winter.")
dst = Article(id="d", path="d", text="Harbour council approved barrier funding Tuesday during winter.")
print(_match_sentences(sentence_terms(segment(src)), sentence_terms(segment(dst)), 0.5))
"""


def test_equal_sentence_matches_resolve_the_same_under_every_hash_seed() -> None:
    """Two parent sentences match a copy's sentence equally well: the choice must not follow
    set iteration order (it did, so reports differed between runs)."""
    import os
    import subprocess
    import sys

    outs = {
        subprocess.run(
            [sys.executable, "-c", _TIE_SCRIPT],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(8)
    }
    assert len(outs) == 1
    assert outs.pop().startswith("[((0, ")  # the first of the equal sentences
