"""MinHash throughput: the fingerprint path ``provenance trace`` takes vs datasketch.

Not a test.  Both sides sign the same documents in the same run (same word 5-shingles, same
num_perm and seed).  Ours is the trace's own path (``ReuseParams().doc_signature``: the
``tok64`` shingle hash over a batch, then :func:`provenance.fingerprint.signatures`).
datasketch is timed with its per-shingle ``MinHash.update`` and its default hash (what a user
does by hand, the design's yardstick) and, for information, with ``update_batch``.  The rows
are checked bit-identical to datasketch given the same hash function
(``hashfunc=fast_shingle_hash``) on the sample.

Prints one JSON object.

    python benchmarks/bench_minhash.py [--docs 2000] [--words 400] [--sample 200]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from dataclasses import replace

import numpy as np
from datasketch import MinHash

from provenance.fingerprint import fast_shingle_hash, shingle_hashes_batch, shingle_strings, signatures
from provenance.reuse import ReuseParams


def make_docs(n: int, words: int, seed: int) -> list[list[str]]:
    """Seeded synthetic token lists with a Zipf-like vocabulary (news-sized documents)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20000)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    return [rng.choices(vocab, weights, k=words) for _ in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--sample", type=int, default=200, help="documents signed by datasketch (it is slow)")
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    params = replace(ReuseParams().doc_signature, num_perm=args.num_perm, seed=args.seed)
    docs = make_docs(args.docs, args.words, args.seed)
    sample = docs[: args.sample]

    t0 = time.perf_counter()
    sig = signatures(shingle_hashes_batch(docs, params), params)
    vec_s = time.perf_counter() - t0

    def by_hand(hashfunc: object = None) -> list[np.ndarray]:
        out = []
        for d in sample:
            m = MinHash(
                num_perm=params.num_perm, seed=params.seed, **({"hashfunc": hashfunc} if hashfunc else {})
            )
            for s in shingle_strings(d, params.shingle):
                m.update(s.encode("utf-8"))
            out.append(m.hashvalues)
        return out

    t0 = time.perf_counter()
    by_hand()
    ds_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for d in sample:
        m = MinHash(num_perm=params.num_perm, seed=params.seed)
        m.update_batch([s.encode("utf-8") for s in shingle_strings(d, params.shingle)])
    batch_s = time.perf_counter() - t0

    identical = bool(np.array_equal(np.array(by_hand(fast_shingle_hash)), sig[: len(sample)]))
    vec_rate = len(docs) / vec_s
    ds_rate = len(sample) / ds_s
    print(
        json.dumps(
            {
                "docs": len(docs),
                "words_per_doc": args.words,
                "shingle": params.shingle,
                "num_perm": params.num_perm,
                "seed": params.seed,
                "datasketch_sample_docs": len(sample),
                "vectorised_signatures_per_s": round(vec_rate, 1),
                "datasketch_update_signatures_per_s": round(ds_rate, 1),
                "datasketch_update_batch_signatures_per_s": round(len(sample) / batch_s, 1),
                "speedup_vs_update": round(vec_rate / ds_rate, 1),
                "speedup_vs_update_batch": round(vec_rate * batch_s / len(sample), 1),
                "shingle_hash": params.hash,
                "bit_identical": identical,
                "python": platform.python_version(),
                "numpy": np.__version__,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
