"""Boilerplate: text that repeats across an outlet's own pages is not evidence of reuse.

Subscription blurbs, "About us" paragraphs, disclaimers and "follow us" lines sit inside the
extracted body of every page of an outlet.  Two unrelated stories from one outlet share them,
and so does a copy with its source when both come from outlets with the same template.  We
learn them from the corpus itself, never from a phrase list (the phrases differ per outlet and
per crawl):

* a word shingle found in at least ``min_outlet_docs`` distinct pages of one outlet, making up
  at least ``min_outlet_fraction`` of that outlet's pages, is boilerplate of that outlet;
* a shingle that is boilerplate in several outlets (``min_outlets_shared``) is a template
  phrase and is boilerplate everywhere (it also marks it on an outlet seen only once); an
  outlet's own boilerplate is applied to its own pages only, so a story that one outlet
  happened to run three times is not erased from everybody else's pages;
* optionally (``max_doc_fraction``) a shingle in more than that share of all pages is
  boilerplate whatever its outlet (off by default: in a big crawl a wire story can legitimately
  be everywhere).

Shingles are matched by their 32-bit hash (the fingerprint hash); a chance collision only
hides a few words of one text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .fingerprint import by_hash_range, size_batches

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BoilerplateParams:
    """Thresholds for learning boilerplate shingles (see module docstring and docs/reuse.md)."""

    shingle: int = 5
    min_outlet_docs: int = 3
    min_outlet_fraction: float = 0.5
    min_outlets_shared: int = 2
    max_doc_fraction: float | None = None
    min_docs_for_global: int = 50


@dataclass(frozen=True, eq=False)
class Boilerplate:
    """Learned boilerplate: ``shared`` applies to every page, ``by_outlet`` to that outlet's."""

    shared: np.ndarray
    by_outlet: Mapping[str, np.ndarray]

    def hashes_for(self, outlet: str | None) -> np.ndarray:
        """Sorted shingle hashes that are boilerplate on a page of ``outlet``."""
        own = self.by_outlet.get(outlet) if outlet else None
        if own is None or len(own) == 0:
            return self.shared
        return np.union1d(self.shared, own)


def learn_boilerplate(
    doc_hashes: Sequence[np.ndarray],
    outlets: Sequence[str | None],
    params: BoilerplateParams = BoilerplateParams(),
) -> Boilerplate:
    """Learn boilerplate shingles from the corpus itself.

    ``doc_hashes[i]`` are the shingle hashes of document ``i`` (any order, repeats allowed),
    ``outlets[i]`` its outlet key (domain or name; ``None`` = unknown, never pooled).  A
    shingle on at least ``min_outlet_docs`` pages and ``min_outlet_fraction`` of the pages of
    one outlet is that outlet's boilerplate (templates repeat on most pages; a story an outlet
    ran in a few versions does not).  One that is boilerplate in ``min_outlets_shared``
    outlets is a template phrase and applies to every page, also of outlets seen once.
    Vectorised: one ``np.unique`` over (outlet, hash) keys.
    """
    n = len(doc_hashes)
    empty = np.zeros(0, dtype=np.uint32)
    if n == 0:
        return Boilerplate(empty, {})
    names: dict[str, int] = {}
    outlet_idx = np.empty(n, dtype=np.int64)
    for i, o in enumerate(outlets):
        outlet_idx[i] = names.setdefault(o, len(names)) if o else len(outlets) + i
    # Unknown outlets get a private id each: they can never reach min_outlet_docs alone.
    uniq = [np.unique(np.asarray(h, dtype=np.uint32)) for h in doc_hashes]
    lengths = np.array([len(u) for u in uniq], dtype=np.int64)
    if lengths.sum() == 0:
        return Boilerplate(empty, {})
    docs_per_outlet = np.bincount(outlet_idx)
    # (outlet, hash) keys counted a few outlets at a time, in outlet order: an outlet's pages
    # are all in one batch, so the counts are the same, and a crawl's keys never sit at once
    hit_keys = []
    for docs in _outlet_batches(outlet_idx, lengths, _COUNT_CHUNK):
        hashes = np.concatenate([uniq[i] for i in docs]).astype(np.uint64)
        owners = np.repeat(outlet_idx[docs].astype(np.uint64), lengths[docs])
        ukeys, counts = np.unique((owners << np.uint64(32)) | hashes, return_counts=True)
        need = np.maximum(
            params.min_outlet_docs,
            np.ceil(params.min_outlet_fraction * docs_per_outlet[(ukeys >> np.uint64(32)).astype(np.int64)]),
        )
        hit_keys.append(ukeys[counts >= need])
    hit = np.concatenate(hit_keys)
    bp_outlet = (hit >> np.uint64(32)).astype(np.int64)
    bp_hash = (hit & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    by_outlet = {
        name: np.unique(bp_hash[bp_outlet == idx]) for name, idx in names.items() if (bp_outlet == idx).any()
    }
    uh, n_outlets = np.unique(bp_hash, return_counts=True)
    parts = [uh[n_outlets >= params.min_outlets_shared]]
    if params.max_doc_fraction is not None and n >= params.min_docs_for_global:
        for pieces in by_hash_range(uniq, _COUNT_CHUNK):  # a hash's pages are all in its range
            all_h, df = np.unique(np.concatenate(pieces), return_counts=True)
            parts.append(all_h[df > params.max_doc_fraction * n])
    shared = np.unique(np.concatenate(parts))
    log.info(
        "boilerplate: %d shared template shingles, %d outlet-specific, from %d documents in %d outlets",
        len(shared),
        sum(len(v) for v in by_outlet.values()),
        n,
        len(names),
    )
    return Boilerplate(shared, by_outlet)


def _outlet_batches(outlet_idx: np.ndarray, lengths: np.ndarray, at_once: int) -> Iterator[np.ndarray]:
    """Document indexes in batches of whole outlets, in ascending outlet id, each batch about
    ``at_once`` hashes (one outlet larger than that is a batch of its own)."""
    order = np.argsort(outlet_idx, kind="stable")
    ids = outlet_idx[order]
    new_outlet = np.concatenate(([True], ids[1:] != ids[:-1]))
    for start, stop in size_batches(lengths[order].tolist(), at_once, new_outlet.tolist()):
        yield order[start:stop]


def boilerplate_hashes(
    doc_hashes: Sequence[np.ndarray],
    outlets: Sequence[str | None],
    params: BoilerplateParams = BoilerplateParams(),
) -> np.ndarray:
    """All learned boilerplate hashes, shared and outlet-specific, as one sorted array."""
    bp = learn_boilerplate(doc_hashes, outlets, params)
    return np.unique(np.concatenate([bp.shared, *bp.by_outlet.values()]))


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


#: Hashes counted at once by :func:`cross_group_hashes` and :func:`learn_boilerplate` (bounds
#: their memory, not their results).
_COUNT_CHUNK = 4_000_000


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
    # each group's distinct hashes (a hash repeated within a group counts once), sorted; then
    # a hash's number of groups is how many of these arrays hold it
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(int(g), []).append(i)
    per_group = [
        np.unique(np.concatenate([np.asarray(hash_sets[i], dtype=np.uint32) for i in docs]))
        for docs in members.values()
    ]
    if not any(len(h) for h in per_group):
        return np.zeros(0, dtype=np.uint32)
    found = []
    for pieces in by_hash_range(per_group, _COUNT_CHUNK):
        values, counts = np.unique(np.concatenate(pieces), return_counts=True)
        found.append(values[counts >= min_groups])
    return np.concatenate(found).astype(np.uint32)
