"""MinHash throughput: vectorised :func:`provenance.fingerprint.signatures` vs datasketch.

Not a test.  Both sides sign the same documents in the same run (same word 5-shingles, same
num_perm and seed) and the vectorised rows are checked to be bit-identical to datasketch's.
datasketch is timed with its per-shingle ``MinHash.update`` (what the design asks to compare
against) and, for information, with ``update_batch``, twice:

* end to end (tokens -> signature): both sides pay one SHA-1 per shingle (datasketch's
  ``sha1_hash32``, which we must reproduce); that hashing (~1 us per shingle in CPython)
  bounds the speed-up;
* from hashes (the same precomputed ``sha1_hash32`` values -> signature): the permutation and
  min work alone, datasketch given the hashes through ``hashfunc=int``.

Prints one JSON object.

    python benchmarks/bench_minhash.py [--docs 2000] [--words 400] [--sample 200]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time

import numpy as np
from datasketch import MinHash

from provenance.fingerprint import SignatureParams, shingle_strings, shingles, signatures


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
    params = SignatureParams(num_perm=args.num_perm, seed=args.seed, shingle=5)
    docs = make_docs(args.docs, args.words, args.seed)
    sample = docs[: args.sample]

    t0 = time.perf_counter()
    sig = signatures([shingles(d, params.shingle) for d in docs], params)
    vec_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    ref = []
    for d in sample:
        m = MinHash(num_perm=params.num_perm, seed=params.seed)
        for s in shingle_strings(d, params.shingle):
            m.update(s.encode("utf-8"))
        ref.append(m.hashvalues)
    ds_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for d in sample:
        m = MinHash(num_perm=params.num_perm, seed=params.seed)
        m.update_batch([s.encode("utf-8") for s in shingle_strings(d, params.shingle)])
    batch_s = time.perf_counter() - t0

    # Like for like from the same shingle hashes: datasketch given the precomputed
    # sha1_hash32 values through an identity hashfunc (still one update() per shingle).
    hashes = [shingles(d, params.shingle) for d in docs]
    t0 = time.perf_counter()
    sig_h = signatures(hashes, params)
    vec_h_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref_h = []
    for h in hashes[: len(sample)]:
        m = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=int)
        for x in h.tolist():
            m.update(x)
        ref_h.append(m.hashvalues)
    ds_h_s = time.perf_counter() - t0

    identical = bool(np.array_equal(np.array(ref), sig[: len(sample)])) and bool(
        np.array_equal(np.array(ref_h), sig_h[: len(sample)])
    )
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
                "from_hashes_vectorised_signatures_per_s": round(len(docs) / vec_h_s, 1),
                "from_hashes_datasketch_update_signatures_per_s": round(len(sample) / ds_h_s, 1),
                "speedup_from_hashes_vs_update": round((len(docs) / vec_h_s) / (len(sample) / ds_h_s), 1),
                "bit_identical": identical,
                "python": platform.python_version(),
                "numpy": np.__version__,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
