"""Is this reporting-verb form a cue here?  A small learned decision instead of exception tables.

A reporting verb's form is often something else in news prose: "the states", "voting rights",
"the thought of", "plans", "felt".  The rules used to keep two hand-grown tables for this (forms
that are never a cue, and forms that are a cue only right after a pronoun or a name); each new
phrasing added an entry.  Here the decision is learned instead: a logistic regression over the
token's form and its neighbours' forms and classes (a determiner before it makes a noun, a
subject pronoun before and "that" after make a verb ...), trained on PolNeAR train, where a
form is positive when the annotators marked it as (part of) a cue.

The model ships as a JSON file of weights (``provenance/data/models/cue_model.json``): scoring is a
sum of a dozen weights per candidate token, with no machine-learning library at run time.
``provenance train-cues`` retrains it (scikit-learn, the ``train`` extra); the file records the
data, the settings and the held-out figures it was trained with.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from . import cues as C
from .quoted_text import ArticleView, in_quote

MODEL_FILE = "cue_model.json"


@dataclass(frozen=True)
class CueModel:
    """Weights of the logistic regression and the decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any]

    def probability(self, art: ArticleView, k: int) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(art, k))
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def is_cue(self, art: ArticleView, k: int) -> bool:
        return self.probability(art, k) >= self.threshold


def model_path() -> Traversable:
    return resources.files("provenance").joinpath("data", "models", MODEL_FILE)


@cache
def model() -> CueModel:
    """The shipped model, read once."""
    raw = json.loads(model_path().read_text(encoding="utf-8"))
    return CueModel(raw["weights"], raw["bias"], raw["threshold"], raw.get("meta", {}))


@cache
def fingerprint() -> str:
    """Hash of the shipped model (a key of cached attribution outputs, as the rules' code is)."""
    return hashlib.sha1(model_path().read_bytes()).hexdigest()


#: Every form of the speech and cognition verbs.  The model decides on those that are no
#: plain cue form (:data:`.cues.CUE_FORMS`): the forms that are mostly something else in news
#: prose ("states", "rights", "plans", "thought", "felt", "read") and were once kept out or
#: gated by hand-grown tables.
CANDIDATES: frozenset[str] = frozenset(C.inflect(C.SPEECH_VERBS + C.COGNITION_VERBS)) | frozenset(
    C.GATED_CUES
)
DECIDED: frozenset[str] = CANDIDATES - frozenset(C.CUE_FORMS)


def _cls(art: ArticleView, j: int) -> str:
    """A neighbour's class: punctuation (as itself), subject pronoun, determiner, preposition,
    capitalised word, number, or another word."""
    low = art.toks.lows[j]
    if not low[:1].isalnum():
        return "P" + low
    if low in C.PRONOUNS:
        return "SUBJ"
    if low in C.DETERMINERS:
        return "DET"
    if low in C.PREPOSITIONS:
        return "PREP"
    if art.text[art.toks.starts[j]].isupper():
        return "CAP"
    if low.isdigit():
        return "NUM"
    return "W"


def features(art: ArticleView, k: int) -> Iterator[str]:
    """The features of the candidate at token ``k`` (names only: every feature is binary)."""
    lows = art.toks.lows
    n = len(lows)
    w = lows[k]
    suffix = "ing" if w.endswith("ing") else "ed" if w.endswith("ed") else "s" if w.endswith("s") else "0"
    yield "w=" + w
    yield "base=" + C.base_form(w)
    yield "suf=" + suffix
    for d in (-2, -1, 1, 2):
        j = k + d
        if not 0 <= j < n:
            yield f"c{d}=EDGE"
            continue
        c = _cls(art, j)
        yield f"c{d}={c}"
        if d in (-1, 1):
            yield f"w{d}={lows[j]}"
            yield f"c{d}|{suffix}={c}"
    if k > 0:
        yield f"bi-1={lows[k - 1]}|{w}"
    if k + 1 < n:
        yield f"bi+1={w}|{lows[k + 1]}"
    # a quotation closing just before ('"...," said X') or opening just after ('X said: "')
    if any(lows[j] in ("”", '"') for j in range(max(0, k - 3), k)):
        yield "quote_before"
    if art.text[art.toks.starts[k]].isupper():
        yield "cap"
    if in_quote(art, art.toks.starts[k]):
        yield "in_quote"
    if k + 1 < n and lows[k + 1] in ("that", "“", '"', ":"):
        yield "clause_after"
