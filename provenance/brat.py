"""Reading brat standoff annotations (PolNeAR's ``.ann`` files), for training and evaluation.

PolNeAR marks each attribution as an ``E`` line tying text-bound ``T`` spans together by role
(Source, Cue, Content).  The cue model's training script and the outlet-citation evaluation both
need the spans of one role of the relations that have a content; they read them here.
"""

from __future__ import annotations

import re
from pathlib import Path

from .models import Span


def relation_spans(ann: Path, role: str) -> list[Span]:
    """The ``role`` spans ("Source", "Cue", ...) of the relations (E lines with a Content) of one
    brat file, each from the first to the last offset of its text-bound annotation."""
    spans: dict[str, Span] = {}
    out: list[Span] = []
    lines = ann.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T") and line.count("\t") >= 2:
            tid, mid, _ = line.split("\t", 2)
            nums = [int(x) for x in re.findall(r"\d+", mid.split(" ", 1)[1])]
            spans[tid] = (min(nums), max(nums))
    for line in lines:
        if line.startswith("E") and "\t" in line:
            parts = dict(p.split(":", 1) for p in line.split("\t")[1].split() if ":" in p)
            if "Content" in parts and parts.get(role) in spans:
                out.append(spans[parts[role]])
    return out
