"""The learned cue decision: it ships with what it was trained on, it decides only the forms the
old tables decided, it reads context, and ``provenance train-cues`` rebuilds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.attribution import cues as C
from provenance.attribution.cue_model import CANDIDATES, DECIDED, features, model
from provenance.attribution.quoted_text import view
from provenance.models import Article
from provenance.segment import segment


def _view(text: str):  # type: ignore[no-untyped-def]
    return view(segment(Article(id="a", path="a.txt", text=text)))


def test_the_shipped_model_says_what_it_was_trained_on() -> None:
    m = model()
    assert 0.0 < m.threshold < 1.0 and m.weights
    assert m.meta["data"] == "train" and m.meta["examples"] > 10_000
    assert 0.0 < m.meta["held_out_fold"]["precision"] <= 1.0


def test_it_decides_only_the_forms_the_tables_decided() -> None:
    assert DECIDED and not DECIDED & set(C.CUE_FORMS)
    assert DECIDED <= CANDIDATES
    assert {"thought", "felt", "states"} <= DECIDED


def test_context_moves_the_decision() -> None:
    """A subject before and a clause after make "thought" a verb; a determiner before makes it
    a noun."""
    verb = _view("She thought the council had ignored the farmers.")
    noun = _view("The thought of another flood kept the farmers awake.")
    p_verb = model().probability(verb, verb.toks.lows.index("thought"))
    p_noun = model().probability(noun, noun.toks.lows.index("thought"))
    assert p_verb > model().threshold > p_noun


def test_features_are_names_of_the_context() -> None:
    art = _view("Officials said the levee held.")
    f = set(features(art, art.toks.lows.index("said")))
    assert {"w=said", "base=say", "w-1=officials", "w1=the"} <= f


def test_retraining_writes_a_model_the_pass_reads(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from provenance.attribution.train_cues import train

    split = tmp_path / "split"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    texts = [
        "She thought the plan would fail. The thought of it worried them.",
        "He felt the vote was rigged. The felt hat was red.",
        "They thought so. A thought came to him.",
    ] * 4
    for i, text in enumerate(texts):
        (split / "text" / f"a{i}.txt").write_text(text, encoding="utf-8")
        s = text.index("thought") if "thought" in text else text.index("felt")
        w = "thought" if "thought" in text else "felt"
        c = s + len(w)
        ann = f"T1\tCue {s} {c}\t{w}\nT2\tContent {c + 1} {text.index('.')}\tx\nE1\tAttribution:T1 Cue:T1 Content:T2\n"
        (split / "attributions" / f"a{i}_x.ann").write_text(ann, encoding="utf-8")
    out = tmp_path / "model.json"
    meta = train(split, out, c=1.0)
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["meta"] == json.loads(json.dumps(meta))
    assert meta["examples"] >= 24 and meta["positives"] == 12  # every form; the cues marked
    assert saved["weights"] and 0.0 < saved["threshold"] < 1.0
