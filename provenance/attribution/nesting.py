"""Relations nested in another relation's content: keep the outermost one.

"Obama said he expected that Americans will say no": the cue "will say" sits inside what Obama
said, so "Americans will say no" is Obama's claim about a hypothetical, not a relation the
article reports.  Embedded cues are mostly beliefs, intentions and hypotheticals inside someone
else's words, or the by-product of a content span that ran past its clause; on PolNeAR train
about three in four such inner relations match no annotated relation, while the outer one
carries the source a provenance trace needs (the person the article quotes).  So a relation
whose cue lies inside the content of another relation of the same article is dropped.

The check is one sweep over contents sorted by start (the two longest-reaching contents so far
are kept, so a relation is never compared with itself), linear after the sort even for the
thousands of relations hostile input may produce.
"""

from __future__ import annotations

import bisect

from ..models import Span


def outermost(contents: list[Span], cues: list[Span]) -> list[bool]:
    """For relation ``i`` (content ``contents[i]``, cue ``cues[i]``): whether to keep it.

    A relation is dropped when its cue lies wholly inside the content of a *different*
    relation.  A relation's own content may surround its cue (a passive "X is expected to
    ...": subject and complement around the verb) without dropping it.
    """
    n = len(contents)
    order = sorted(range(n), key=lambda i: contents[i][0])
    starts = [contents[i][0] for i in order]
    # best[k] / second[k]: the two largest content ends (with their relation) among order[:k+1]
    best: list[tuple[int, int]] = []
    second: list[tuple[int, int]] = []
    b1, b2 = (-1, -1), (-1, -1)
    for i in order:
        cand = (contents[i][1], i)
        if cand[0] > b1[0]:
            b1, b2 = cand, b1
        elif cand[0] > b2[0]:
            b2 = cand
        best.append(b1)
        second.append(b2)
    keep = [True] * n
    for i in range(n):
        cs, ce = cues[i]
        k = bisect.bisect_right(starts, cs) - 1  # contents starting at or before the cue
        if k < 0:
            continue
        end, who = best[k]
        if who == i:
            end = second[k][0]
        if end >= ce:
            keep[i] = False
    return keep
