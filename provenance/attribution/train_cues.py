"""Train the cue model (:mod:`.cue_model`) on a PolNeAR split: ``provenance train-cues``.

Examples are every form of the reporting verbs in each article (the contexts that make a
form a cue are much the same for all of them, so all of them teach the model); a form is
positive when the first annotator's file (the one the attribution scorer reads) marks a cue
over it.  A logistic regression (scikit-learn, L2, ``C``) is fitted on every article but one
fold in five; the threshold is the one with the best F1 on that fold's forms the model will
decide on (:data:`.cue_model.DECIDED`); then the model is refitted on all of the split.  The weights are written as
JSON with the settings and the held-out fold's figures.  Deterministic: the folds are a
hash of the file names, the solver is deterministic.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..brat import relation_spans
from ..models import Article
from ..segment import segment
from .cue_model import CANDIDATES, DECIDED, features
from .quoted_text import view

log = logging.getLogger(__name__)

# Weight of recall against precision when the threshold is chosen (F-beta; 1: F1).
BETA = 1.0
# Weights smaller than this are dropped from the shipped file (they change no decision).
MIN_WEIGHT = 1e-3


def gold_cues(ann: Path) -> list[tuple[int, int]]:
    """Cue spans of the relations (E lines with a Content) of one brat file."""
    return relation_spans(ann, "Cue")


def examples(split: Path) -> tuple[list[list[str]], list[int], list[int], list[bool]]:
    """(features, label, fold, decided) of every candidate form of the split's annotated
    articles."""
    xs: list[list[str]] = []
    ys: list[int] = []
    folds: list[int] = []
    decided: list[bool] = []
    for t in sorted((split / "text").glob("*.txt")):
        anns = sorted((split / "attributions").glob(t.stem + "_*.ann"))
        if not anns:
            continue
        text = t.read_text(encoding="utf-8")
        art = view(segment(Article(id=t.stem, path=str(t), text=text)))
        gold = gold_cues(anns[0])
        fold = int(hashlib.sha1(t.name.encode()).hexdigest(), 16) % 5
        for k, w in enumerate(art.toks.lows):
            if w not in CANDIDATES:
                continue
            s, e = art.toks.starts[k], art.toks.ends[k]
            xs.append(list(features(art, k)))
            ys.append(int(any(gs < e and s < ge for gs, ge in gold)))
            folds.append(fold)
            decided.append(w in DECIDED)
    return xs, ys, folds, decided


def _fit(xs: Sequence[list[str]], ys: Sequence[int], c: float) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    lr = LogisticRegression(C=c, max_iter=3000)
    lr.fit(vec.fit_transform([dict.fromkeys(x, 1) for x in xs]), ys)
    return vec, lr


def _scores(ys: Sequence[int], ps: Sequence[float], t: float) -> dict[str, float]:
    tp = sum(1 for y, p in zip(ys, ps, strict=True) if y and p >= t)
    pred = sum(1 for p in ps if p >= t)
    gold = sum(ys)
    prec, rec = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return {"precision": round(prec, 4), "recall": round(rec, 4), "threshold": t}


def train(split: Path, out: Path, c: float = 0.3) -> dict[str, Any]:
    """Fit the model on ``split`` and write it to ``out``; returns the file's ``meta``."""
    xs, ys, folds, decided = examples(split)
    log.info("%d candidate forms, %d of them cues", len(ys), sum(ys))
    held = [i for i, f in enumerate(folds) if f == 0 and decided[i]]
    rest = [i for i, f in enumerate(folds) if f != 0]
    vec, lr = _fit([xs[i] for i in rest], [ys[i] for i in rest], c)
    ps = list(lr.predict_proba(vec.transform([dict.fromkeys(xs[i], 1) for i in held]))[:, 1])
    hy = [ys[i] for i in held]

    def fbeta(t: float) -> float:
        s = _scores(hy, ps, t)
        p, r = s["precision"], s["recall"]
        return (1 + BETA**2) * p * r / (BETA**2 * p + r) if p + r else 0.0

    threshold = max((t / 100 for t in range(5, 96)), key=fbeta)
    vec, lr = _fit(xs, ys, c)
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vec.get_feature_names_out(), lr.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    meta = {
        "data": split.name if split.name not in ("", ".") else str(split),
        "examples": len(ys),
        "positives": sum(ys),
        "decided_forms_held_out": len(held),
        "C": c,
        "beta": BETA,
        "held_out_fold": _scores(hy, ps, threshold),
        "trainer": "provenance.attribution.train_cues (scikit-learn LogisticRegression)",
    }
    model = {
        "bias": round(float(lr.intercept_[0]), 5),
        "threshold": threshold,
        "meta": meta,
        "weights": weights,
    }
    out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return meta
