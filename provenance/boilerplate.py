"""Boilerplate: text that repeats across an outlet's own pages is not evidence of reuse.

Subscription blurbs, "About us" paragraphs, disclaimers and "follow us" lines sit inside the
extracted body of every page of an outlet.  Two unrelated stories from one outlet share them,
and so does a copy with its source when both come from outlets with the same template.  We
learn them from the corpus itself, never from a phrase list (the phrases differ per outlet and
per crawl):

* a word shingle found in at least ``min_outlet_docs`` distinct pages of one outlet, making up
  at least ``min_outlet_fraction`` of that outlet's pages, is boilerplate of that outlet;
* the union of those shingles is boilerplate everywhere (a template phrase learned from busy
  outlets also marks it on an outlet seen only once);
* optionally (``max_doc_fraction``) a shingle in more than that share of all pages is
  boilerplate whatever its outlet (off by default: in a big crawl a wire story can legitimately
  be everywhere).

Shingles are matched by their 32-bit hash (the fingerprint hash); a chance collision only
hides a few words of one text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BoilerplateParams:
    """Thresholds for learning boilerplate shingles (see module docstring and docs/reuse.md)."""

    shingle: int = 5
    min_outlet_docs: int = 3
    min_outlet_fraction: float = 0.2
    max_doc_fraction: float | None = None
    min_docs_for_global: int = 50


def boilerplate_hashes(
    doc_hashes: Sequence[np.ndarray],
    outlets: Sequence[str | None],
    params: BoilerplateParams = BoilerplateParams(),
) -> np.ndarray:
    """Sorted unique shingle hashes that are boilerplate in this corpus.

    ``doc_hashes[i]`` are the shingle hashes of document ``i`` (any order, repeats allowed),
    ``outlets[i]`` its outlet key (domain or name; ``None`` = unknown, never pooled).
    Vectorised: one ``np.unique`` over (outlet, hash) keys, so it scales with the corpus size.
    """
    n = len(doc_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint32)
    names: dict[str, int] = {}
    outlet_idx = np.empty(n, dtype=np.int64)
    for i, o in enumerate(outlets):
        outlet_idx[i] = names.setdefault(o, len(names)) if o else -1 - i
    # Unknown outlets get a private negative id: they can never reach min_outlet_docs alone.
    shift = -int(outlet_idx.min()) if outlet_idx.min() < 0 else 0
    keyed = outlet_idx + shift
    uniq = [np.unique(np.asarray(h, dtype=np.uint32)) for h in doc_hashes]
    lengths = np.array([len(u) for u in uniq], dtype=np.int64)
    if lengths.sum() == 0:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.concatenate(uniq).astype(np.uint64)
    owners = np.repeat(keyed.astype(np.uint64), lengths)
    keys = (owners << np.uint64(32)) | hashes
    ukeys, counts = np.unique(keys, return_counts=True)
    docs_per_outlet = np.bincount(keyed)
    key_outlet = (ukeys >> np.uint64(32)).astype(np.int64)
    need = np.maximum(
        params.min_outlet_docs, np.ceil(params.min_outlet_fraction * docs_per_outlet[key_outlet])
    )
    bp = (ukeys[counts >= need] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    parts = [bp]
    if params.max_doc_fraction is not None and n >= params.min_docs_for_global:
        all_h, df = np.unique(hashes.astype(np.uint32), return_counts=True)
        parts.append(all_h[df > params.max_doc_fraction * n])
    out = np.unique(np.concatenate(parts))
    log.info(
        "boilerplate: %d shingle hashes learned from %d documents in %d outlets", len(out), n, len(names)
    )
    return out


def token_mask(shingle_hashes: np.ndarray, n_tokens: int, bp: np.ndarray, size: int) -> np.ndarray:
    """Per-token flag: covered by a boilerplate shingle (``shingle_hashes[i]`` starts at token i)."""
    mask = np.zeros(n_tokens, dtype=bool)
    if len(shingle_hashes) == 0 or len(bp) == 0:
        return mask
    hit = np.isin(shingle_hashes, bp)
    if n_tokens <= size:
        mask[:] = bool(hit.any())
        return mask
    # A token is covered when any of the (up to ``size``) shingles containing it is boilerplate.
    cover = np.zeros(n_tokens + 1, dtype=np.int64)
    idx = np.nonzero(hit)[0]
    np.add.at(cover, idx, 1)
    np.add.at(cover, np.minimum(idx + size, n_tokens), -1)
    return np.cumsum(cover[:n_tokens]) > 0


def cross_group_hashes(
    hash_sets: Sequence[np.ndarray], groups: Sequence[int], min_groups: int = 3
) -> np.ndarray:
    """Hashes found in documents of at least ``min_groups`` different groups (stories).

    Run after a first grouping of documents into stories: text that recurs across several
    *unrelated* stories (credit formulas such as "first published by ... and is republished
    with permission", "read also" headlines) is formula, not evidence of which version a copy
    came from.
    """
    if not hash_sets:
        return np.zeros(0, dtype=np.uint32)
    lengths = np.array([len(np.unique(h)) for h in hash_sets], dtype=np.int64)
    if lengths.sum() == 0:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.concatenate([np.unique(np.asarray(h, dtype=np.uint32)) for h in hash_sets]).astype(np.uint64)
    labels = np.repeat(np.asarray(groups, dtype=np.uint64), lengths)
    pairs = np.unique((hashes << np.uint64(32)) | labels)
    h, counts = np.unique((pairs >> np.uint64(32)).astype(np.uint32), return_counts=True)
    return h[counts >= min_groups]
