"""Candidates stage: which pairs of documents are worth aligning, without comparing all pairs.

Two datasketch MinHashLSH indexes, because reuse comes in two shapes:

* near-duplicates (verbatim copies, light rewrites) share most of their text: one signature
  per document, LSH at ``doc_threshold``;
* containment (a trimmed copy inside its longer source, or a few paragraphs or one quotation
  of a source inside an otherwise new article) shares little of the *document*: whole-document
  Jaccard is then tiny.  So every passage (sentence, paragraph window, quotation) gets its own
  signature and a second LSH at ``passage_threshold`` pairs the documents whose passages
  collide.  A short text inside a long one, and one copied paragraph inside a new article,
  both surface this way.

Both indexes take datasketch's ``storage_config`` (e.g. ``{"type": "redis", "redis": {...}}``)
so a shared index can live in Redis; the default is in-memory.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHashLSH

from .fingerprint import Signatures, to_minhash

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CandidateParams:
    """LSH thresholds and storage.

    ``max_docs_per_passage``: a passage whose signature collides with passages of more
    documents than this is not used to pair them (template text that slipped through the
    boilerplate filter would otherwise pair everything with everything).
    """

    doc_threshold: float = 0.5
    passage_threshold: float = 0.5
    max_docs_per_passage: int = 50
    storage_config: Mapping[str, Any] | None = field(default=None, hash=False, compare=False)
    basename: bytes = b"provenance"


def _lsh(threshold: float, num_perm: int, params: CandidateParams, suffix: bytes) -> MinHashLSH:
    storage: dict[str, Any] = dict(params.storage_config) if params.storage_config else {"type": "dict"}
    if storage.get("type") != "dict":
        storage.setdefault("basename", params.basename + suffix)
    return MinHashLSH(threshold=threshold, num_perm=num_perm, storage_config=storage)


def near_duplicate_pairs(
    docs: Signatures, params: CandidateParams = CandidateParams()
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of documents whose signatures collide in the document LSH."""
    lsh = _lsh(params.doc_threshold, docs.params.num_perm, params, b"-doc")
    mhs = [to_minhash(row, docs.params) for row in docs.values]
    empty = np.all(docs.values == np.uint32(0xFFFFFFFF), axis=1)
    with lsh.insertion_session() as session:
        for i, m in enumerate(mhs):
            if not empty[i]:
                session.insert(i, m)
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(mhs):
        if empty[i]:
            continue
        for j in lsh.query(m):
            j = int(j)
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def passage_pairs(
    passages: Signatures, owners: Sequence[int], params: CandidateParams = CandidateParams()
) -> set[tuple[int, int]]:
    """Document pairs ``(i, j)``, ``i < j``, with at least one colliding passage.

    ``owners[k]`` is the document index of passage row ``k``.
    """
    lsh = _lsh(params.passage_threshold, passages.params.num_perm, params, b"-passage")
    mhs = [to_minhash(row, passages.params) for row in passages.values]
    with lsh.insertion_session() as session:
        for k, m in enumerate(mhs):
            session.insert(k, m)
    pairs: set[tuple[int, int]] = set()
    skipped = 0
    for k, m in enumerate(mhs):
        docs = {int(owners[int(x)]) for x in lsh.query(m)}
        if len(docs) > params.max_docs_per_passage:
            skipped += 1
            continue
        me = int(owners[k])
        for d in docs:
            if d != me:
                pairs.add((min(me, d), max(me, d)))
    if skipped:
        log.info("candidates: %d passages collide with too many documents and were not used", skipped)
    return pairs


def candidate_pairs(
    docs: Signatures, passages: Signatures, owners: Sequence[int], params: CandidateParams = CandidateParams()
) -> list[tuple[int, int]]:
    """Union of near-duplicate and passage (containment) candidates, sorted."""
    docs.check_compatible(docs)
    near = near_duplicate_pairs(docs, params)
    cont = passage_pairs(passages, owners, params)
    log.info("candidates: %d near-duplicate pairs, %d passage pairs", len(near), len(cont))
    return sorted(near | cont)
