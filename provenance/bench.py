"""The benchmark (``provenance bench``): throughput per stage, peak memory, query latency.

Not a test: it prints figures (JSON).  Each size runs in a fresh subprocess so its peak RSS
is its own.  Synthetic sizes stream 600-word documents in chunks (memory stays flat) through
tokenise -> shingle-hash -> signatures -> LSH insert, then time LSH queries; datasketch's
per-shingle ``MinHash.update`` is measured on a sample of the same documents in the same
run as the baseline.  The real-page figure traces a crawl end to end and times trafilatura's
default serial extraction of the same pages as the baseline, and the attribution stage alone
on one core over the extracted texts (articles/s).  The WARC figure streams a
generated WARC through ingest and extraction and reports peak RSS after 1k and after all
records.  The stories figure runs the reuse engine on a cluster of near-identical pages (the
worst case of story building) and gives seconds per step.
records.  The fuzz figure traces generated hostile crawls (:mod:`provenance.fuzz`) in batches,
each a ``provenance trace`` process under a watchdog, and counts crashes (a run that ends
with a traceback or an unexpected status, or a document the per-document boundary caught
an internal error on), hangs (a run the watchdog had to stop), documents cut by the time
budget, inputs neither traced nor named in a problem, and peak RSS; it also times the
fallback HTML parser on pages without a closing ``>`` at two sizes (linear: twice the time).
"""

from __future__ import annotations

import gc
import gzip
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .fingerprint import shingle_hashes_batch, signatures, to_minhash
from .models import Article
from .segment import segment, tokens
from .store import Store

WORDS = 600


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def synthetic_texts(n: int, seed: int, start: int = 0, words: int = WORDS) -> list[str]:
    """Seeded news-sized texts over a Zipf-like vocabulary; every 50th one copies an earlier
    one with a few edits, so the index has true neighbours to find."""
    rng = random.Random(seed * 1_000_003 + start)
    vocab = [f"w{i}x" for i in range(30000)]
    cum = np.cumsum([1.0 / (i + 1) for i in range(len(vocab))])
    out: list[str] = []
    for k in range(n):
        idx = np.searchsorted(cum, [rng.random() * cum[-1] for _ in range(words)])
        text = " ".join(vocab[i] for i in idx)
        if (start + k) % 50 == 49 and out:
            base = out[-1].split()
            for _ in range(words // 20):
                base[rng.randrange(len(base))] = vocab[rng.randrange(len(vocab))]
            text = " ".join(base)
        out.append(text)
    return out


def _best_of(*fns: Callable[[], object], repeats: int = 3) -> list[float]:
    """Seconds each of ``fns`` takes, best of ``repeats`` rounds run interleaved.

    As timeit does: on a shared machine a single short timing mostly measures the neighbours;
    the fastest round is the one least disturbed, and interleaving gives each side the same
    chance of a quiet round.
    """
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for k, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            best[k] = min(best[k], time.perf_counter() - t0)
    return best


def bench_synthetic(
    n: int, seed: int = 1, chunk: int = 5000, queries: int = 1000, baseline_docs: int = 300
) -> dict[str, Any]:
    """Fingerprint and index ``n`` synthetic documents; time each stage and the queries."""
    from datasketch import MinHash, MinHashLSH

    from .reuse import ReuseParams

    params = ReuseParams().doc_signature  # the path trace takes: its shingle hash, size, permutations
    lsh = MinHashLSH(threshold=0.5, num_perm=params.num_perm)
    t = {"generate": 0.0, "tokenise": 0.0, "shingle": 0.0, "signatures": 0.0, "index": 0.0}
    sample_sigs: list[np.ndarray] = []
    baseline_texts: list[str] = []
    for start in range(0, n, chunk):
        t0 = time.perf_counter()
        texts = synthetic_texts(min(chunk, n - start), seed, start)
        t1 = time.perf_counter()
        toks = [tokens(x) for x in texts]
        t2 = time.perf_counter()
        hashes = shingle_hashes_batch(toks, params)
        t3 = time.perf_counter()
        sigs = signatures(hashes, params)
        t4 = time.perf_counter()
        with lsh.insertion_session(buffer_size=chunk) as session:
            for k, row in enumerate(sigs):
                session.insert(start + k, to_minhash(row, params), check_duplication=False)
        t5 = time.perf_counter()
        for key, dt in zip(t, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            t[key] += dt
        if len(sample_sigs) < queries:
            sample_sigs.extend(sigs[: queries - len(sample_sigs)])
        if len(baseline_texts) < baseline_docs:
            baseline_texts.extend(texts[: baseline_docs - len(baseline_texts)])
        del texts, toks, hashes, sigs
        gc.collect()
    lat = []
    for row in sample_sigs:
        m = to_minhash(row, params)
        q0 = time.perf_counter()
        lsh.query(m)
        lat.append(time.perf_counter() - q0)
    # baseline: datasketch per-shingle update() (its default SHA-1 hash) on the same documents
    base_toks = [tokens(x) for x in baseline_texts]

    def datasketch_update() -> None:
        for tk in base_toks:
            m = MinHash(num_perm=params.num_perm, seed=params.seed)
            for i in range(max(len(tk) - params.shingle + 1, 1)):
                m.update(" ".join(tk[i : i + params.shingle]).encode("utf-8"))

    base_dt, ours_dt = _best_of(
        datasketch_update, lambda: signatures(shingle_hashes_batch(base_toks, params), params)
    )
    fp = t["tokenise"] + t["shingle"] + t["signatures"]
    return {
        "documents": n,
        "words_per_document": WORDS,
        "docs_per_s": {k: round(n / v, 1) if v else None for k, v in t.items() if k != "generate"},
        "docs_per_s_fingerprint_and_index": round(n / (fp + t["index"]), 1),
        "lsh_query_ms": {
            "p50": round(1000 * float(np.percentile(lat, 50)), 3),
            "p99": round(1000 * float(np.percentile(lat, 99)), 3),
        },
        "minhash_vs_datasketch": {
            "documents": len(base_toks),
            "datasketch_update_docs_per_s": round(len(base_toks) / base_dt, 1),
            "vectorised_docs_per_s": round(len(base_toks) / ours_dt, 1),
            "speedup": round(base_dt / ours_dt, 1),
            "shingle_hash": params.hash,
        },
        "peak_rss_mb": peak_rss_mb(),
    }


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _reap_workers(limit: float = 60.0) -> None:
    """Wait (up to ``limit`` seconds) for this process's worker processes to exit and reap
    them: a trace tells its workers to stop without waiting (:meth:`LazyPool.close
    <provenance.parallel.LazyPool.close>`), and ``RUSAGE_CHILDREN`` counts a child's CPU
    time only once it is reaped."""
    import multiprocessing

    end = time.monotonic() + limit
    while multiprocessing.active_children() and time.monotonic() < end:
        time.sleep(0.02)


def _timed_trace(crawl: Path, db: Path, workers: int) -> dict[str, Any]:
    """One in-process trace of ``crawl`` into ``db``: wall and CPU seconds, and the wall-clock
    spans between the trace's progress calls (``stage_seconds``)."""
    from .pipeline import TraceOptions, trace

    stages: dict[str, float] = {}
    current: list[tuple[str, float]] = [("", time.perf_counter())]

    def switch(stage: str) -> None:
        now = time.perf_counter()
        name, since = current[0]
        if name:
            stages[name] = stages.get(name, 0.0) + now - since
        current[0] = (stage, now)

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage != current[0][0]:
            switch(stage)

    c0, t0 = _cpu_seconds(), time.perf_counter()
    trace([crawl], TraceOptions(db=db, workers=workers, fast=True), progress)
    wall = time.perf_counter() - t0
    _reap_workers()  # their CPU time counts only once they are reaped (trace does not wait)
    cpu = _cpu_seconds() - c0
    switch("")
    return {"wall_s": wall, "cpu_s": cpu, "stage_seconds": {k: round(v, 2) for k, v in stages.items()}}


def _provenance_cmd() -> list[str]:
    """The ``provenance`` command as a user runs it (the venv's script, else the module)."""
    script = Path(sys.executable).with_name("provenance")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from provenance.cli import main; main()"]


def _rerun_seconds(crawl: Path, db: Path, workers: int) -> float:
    """Wall seconds of ``provenance trace`` run again, as a user runs it (a new process,
    imports included), on the crawl ``db`` already holds: the no-op re-run."""
    args = ["trace", str(crawl), "--db", str(db), "--fast", "-j", str(workers), "--no-report", "-q"]
    t0 = time.perf_counter()
    subprocess.run(
        [*_provenance_cmd(), *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


def bench_real(crawl: Path, workers: int = 2) -> dict[str, Any]:
    """Trace ``crawl`` end to end (fresh store) against trafilatura's default serial extraction,
    with one worker and with ``workers``, then trace it again as a user would (the no-op
    re-run: everything is in the store).

    Wall and CPU time are both printed: on a shared machine the CPU-time ratio is the steadier
    one.  ``stage_seconds`` are wall-clock spans between the trace's progress calls; with
    workers, attribution runs in the pool while the reuse engine runs (:mod:`provenance.parallel`),
    so its time is inside "reuse" and there is no separate "attribute" span.
    """
    import trafilatura

    # every page below the folder, as the trace reads it (a crawl keeps its pages in sub-folders)
    pages = sorted(p for p in crawl.rglob("*") if p.name.endswith((".html", ".htm", ".html.gz", ".htm.gz")))
    raw = [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in pages]
    c0, t0 = time.process_time(), time.perf_counter()
    for page in raw:
        trafilatura.extract(page.decode("utf-8", "replace"))
    base, base_cpu = time.perf_counter() - t0, time.process_time() - c0
    n = len(pages)
    runs: dict[int, dict[str, Any]] = {}
    rerun = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for j in sorted({1, max(1, workers)}):
            db = Path(tmp) / f"j{j}.db"
            runs[j] = _timed_trace(crawl, db, j)
        rerun = _rerun_seconds(crawl, db, j)
        with Store(db) as store:
            articles = list(store.iter_articles())
    last = runs[max(runs)]
    return {
        "documents": n,
        "workers": max(runs),
        "trafilatura_default_serial_docs_per_s": round(n / base, 1),
        "trace_end_to_end_docs_per_s": round(n / last["wall_s"], 1),
        "speedup_vs_trafilatura_default": round(base / last["wall_s"], 2),
        "cpu_time_ratio_vs_trafilatura_default": round(base_cpu / last["cpu_s"], 2),
        "by_workers": {
            str(j): {
                "wall_s": round(r["wall_s"], 2),
                "cpu_s": round(r["cpu_s"], 2),
                "speedup_vs_trafilatura_default": round(base / r["wall_s"], 2),
                "stage_seconds": r["stage_seconds"],
            }
            for j, r in runs.items()
        },
        "workers_speedup": round(runs[1]["wall_s"] / last["wall_s"], 2),
        "noop_rerun_s": round(rerun, 2),
        "attribution_one_core": bench_attribution(articles),
        "peak_rss_mb": peak_rss_mb(),
    }


def bench_attribution(articles: list[Article]) -> dict[str, float]:
    """Articles/s of the attribution stage (quotes and outlet citations) on one core, serial,
    best of three passes over the extracted texts given their analyses, as the trace runs it
    (:func:`provenance.parallel.compute_attribution`: the citations read the quotes' relations);
    quotes alone and citations alone (given the relations) are timed too, and the segment
    stage that makes the analyses (tokens, sentences, quotations) is timed apart."""
    from .attribution import citations, quotes
    from .attribution.registry import Registry
    from .parallel import compute_attribution

    registry = Registry.load()
    segs = [segment(a) for a in articles]
    pairs = list(zip(articles, segs, strict=True))
    relations = [quotes.extract_quotes(a, sg) for a, sg in pairs]

    def segment_only() -> None:
        for a in articles:
            segment(a)

    def quotes_only() -> None:
        for a, sg in pairs:
            quotes.extract_quotes(a, sg)

    def citations_only() -> None:
        for (a, sg), qs in zip(pairs, relations, strict=True):
            citations.extract_citations(a, registry, qs, sg.paragraphs, [s.span for s in sg.sentences])

    def both() -> None:
        for a, sg in pairs:
            compute_attribution(a, sg, registry)

    t_both, t_quotes, t_cites, t_seg = _best_of(both, quotes_only, citations_only, segment_only)
    n = len(articles)
    return {
        "articles": n,
        "articles_per_s": round(n / t_both, 1),
        "quotes_articles_per_s": round(n / t_quotes, 1),
        "citations_articles_per_s": round(n / t_cites, 1),
        "segment_articles_per_s": round(n / t_seg, 1),
    }


def near_duplicate_cluster(n: int, seed: int = 1, words: int = 400) -> list[Article]:
    """``n`` near-identical pages of one story (each rewrites 2.5% of a seeded text's words),
    all dated the same day on different outlets: the worst case of story building, where every
    pair is aligned and every page is a candidate parent of every later one."""
    from .models import DateGuess, OutletGuess

    rng = random.Random(seed)
    vocab = [f"w{i}x" for i in range(5000)]
    base = [rng.choice(vocab) for _ in range(words)]
    out = []
    for k in range(n):
        w = list(base)
        for _ in range(words // 40):
            w[rng.randrange(words)] = rng.choice(vocab)
        text = ". ".join(" ".join(w[i : i + 20]) for i in range(0, words, 20)) + "."
        out.append(
            Article(
                id=f"near{k:05d}",
                path=f"near{k}.html",
                text=text,
                url=f"https://outlet{k}.example/story",
                outlet=OutletGuess(domain=f"outlet{k}.example"),
                published=DateGuess(value="2016-01-15", source="metadata"),
            )
        )
    return out


_SYLLABLES = ("ka", "ren", "mo", "li", "tor", "van", "si", "del", "ru", "ne", "sha", "bel")


def _name(rng: random.Random, parts: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts)
    )


def news_crawl(path: Path, n: int, seed: int = 1) -> None:
    """A JSONL crawl of ``n`` generated news-like pages on 200 outlets, written record by record.

    Prose over a Zipf-like vocabulary (its commonest words the stop words) in sentences and
    paragraphs.  A quarter of the paragraphs quote a named person ("..., said X, a spokesman
    for Y."), so the quote, shared-quotation and related-article passes have work; the pool of
    people grows with ``n``, so related articles grow with the crawl, not with its square.
    Every 10th page rewrites one of the 500 before it (drops a paragraph in five, edits 3% of
    the words) and half of those credit the original's outlet: reuse at about the rate a news
    crawl has, not a corpus of copies.  Seeded: the same ``n`` and ``seed`` give the same file.
    """
    from . import wordlists

    rng = random.Random(seed)
    # the most frequent words are stop words, as in English (half the running words)
    stop = sorted(wordlists.words("claims", "stop_words"))
    vocab = stop + [f"w{i}x" for i in range(30000 - len(stop))]
    cum = np.cumsum([1.0 / (i + 1) for i in range(len(vocab))])
    people = [_name(rng, 2) for _ in range(max(200, n // 2))]  # each quoted in ~8 pages at any n
    orgs = [_name(rng, 1) + " Council" for _ in range(300)]
    recent: list[tuple[int, list[str]]] = []

    def sentence() -> str:
        idx = np.searchsorted(cum, [rng.random() * cum[-1] for _ in range(rng.randint(12, 26))])
        return " ".join(vocab[i] for i in idx).capitalize()

    def paragraph() -> str:
        if rng.random() < 0.25:
            return f"\u201c{sentence()},\u201d said {rng.choice(people)}, a spokesman for the {rng.choice(orgs)}."
        return " ".join(sentence() + "." for _ in range(rng.randint(2, 3)))

    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i % 10 == 9 and recent:
                src, base = recent[rng.randrange(len(recent))]
                paras = []
                for p in base:
                    if rng.random() < 0.2:
                        continue
                    words = p.split(" ")
                    for _ in range(len(words) * 3 // 100):
                        words[rng.randrange(len(words))] = vocab[rng.randrange(len(vocab))]
                    paras.append(" ".join(words))
                if i % 20 == 19:
                    paras.append(f"This story first appeared in News {src % 200}.")
            else:
                paras = [paragraph() for _ in range(rng.randint(12, 20))]
            recent.append((i, paras))
            del recent[:-500]
            text = f"Story {i}: " + sentence() + "\n\n" + "\n\n".join(paras)
            day = 1 + i * 28 // max(n, 1)
            record = {
                "url": f"https://news{i % 200}.example/2026/02/{day:02d}/story-{i}",
                "fetched_at": f"2026-02-{day:02d}T{i % 24:02d}:00:00Z",
                "text": text,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def bench_memory(n: int, workers: int = 1) -> dict[str, Any]:
    """Peak RSS of ``provenance trace`` on a generated crawl of ``n`` pages (:func:`news_crawl`),
    as a user runs it: a new process, a fresh store, the JSON report written.  With one worker
    (the default) that process holds everything the trace holds; ``peak_rss_mb_per_1k_pages``
    is what the bar for a 100k-page trace is read from."""
    with tempfile.TemporaryDirectory() as tmp:
        crawl = Path(tmp) / "crawl.jsonl"
        t0 = time.perf_counter()
        news_crawl(crawl, n)
        generated = time.perf_counter() - t0
        args = ["trace", str(crawl), "--db", f"{tmp}/m.db", "-j", str(workers), "--json", f"{tmp}/r.json"]
        t0 = time.perf_counter()
        proc = subprocess.run(
            [*_provenance_cmd(), *args, "--no-report", "-q"], capture_output=True, text=True
        )
        wall = time.perf_counter() - t0
        # the trace is this process's only child (each benchmark runs in a process of its own)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        report_mb = (Path(tmp) / "r.json").stat().st_size / 1e6 if (Path(tmp) / "r.json").exists() else None
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"trace exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    mb = peak / 1024
    return {
        "pages": n,
        "workers": workers,
        "generate_s": round(generated, 1),
        "trace_wall_s": round(wall, 1),
        "peak_rss_mb": round(mb, 1),
        "peak_rss_mb_per_1k_pages": round(mb * 1000 / n, 1),
        "report_mb": None if report_mb is None else round(report_mb, 1),
    }


def bench_stories(n: int) -> dict[str, Any]:
    """The reuse engine on a cluster of ``n`` near-duplicates (:func:`near_duplicate_cluster`):
    seconds per step.  A story this large pairs each version with its nearest versions only
    (:class:`provenance.candidates.CandidateParams` ``max_bucket``, ``max_partners``), so the
    time grows about linearly with ``n`` (it was quadratic, and before that cubic)."""
    from .reuse import find_reuse

    articles = near_duplicate_cluster(n)
    t0 = time.perf_counter()
    res = find_reuse(articles)
    total = time.perf_counter() - t0
    return {
        "documents": n,
        "edges": len(res.edges),
        "seconds": round(total, 2),
        "step_seconds": {k: round(v, 2) for k, v in res.seconds},
        "peak_rss_mb": peak_rss_mb(),
    }


def write_warc(path: Path, n: int, seed: int = 1) -> None:
    """A WARC of ``n`` generated news pages (CC-NEWS-like response records)."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for start in range(0, n, 1000):
            for k, text in enumerate(synthetic_texts(min(1000, n - start), seed, start, words=300)):
                i = start + k
                body = (
                    f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
                    + "".join(f"<p>{text[j : j + 400]}.</p>" for j in range(0, len(text), 400))
                    + "</article></body></html>"
                ).encode()
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        f"https://news{i % 37}.example/{i}",
                        "response",
                        payload=BytesIO(body),
                        http_headers=headers,
                    )
                )


def bench_warc(n: int, workers: int = 2) -> dict[str, Any]:
    """Stream an ``n``-record WARC through ingest and extraction; peak RSS after 1k and n."""
    from .pipeline import ingest_and_extract
    from .store import Store

    rss: dict[str, float] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage == "extract" and done in (1000, n):
            rss[str(done)] = peak_rss_mb()

    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "crawl.warc.gz"
        write_warc(warc, n)
        t0 = time.perf_counter()
        with Store(Path(tmp) / "w.db") as store:
            ids, problems, _ = ingest_and_extract([warc], store, progress=progress, workers=workers)
        dt = time.perf_counter() - t0
    return {
        "records": n,
        "stored": len(ids),
        "skipped": len(problems),
        "docs_per_s": round(n / dt, 1),
        "peak_rss_mb_at_records": rss,
    }


def bench_fallback_parser(sizes: tuple[int, ...] = (1_000_000, 2_000_000)) -> dict[str, float]:
    """Seconds the fallback HTML parser takes on pages of ``x <a b`` repeated (no ``>``: the
    input that was quadratic, 103 s at 1.9 MB), at each size; linear means time ~ size."""
    from .extract.html import soup_text

    out: dict[str, float] = {}
    for size in sizes:
        page = ("x <a b" * (size // 6 + 1))[:size]
        t0 = time.perf_counter()
        soup_text(page)
        out[f"{size / 1e6:g}MB"] = round(time.perf_counter() - t0, 2)
    return out


def bench_fuzz(
    n: int,
    seed: int = 0,
    batch: int = 500,
    workers: int = 2,
    max_seconds: float = 60.0,
    watchdog: float = 1800.0,
) -> dict[str, Any]:
    """Trace ``n`` generated hostile inputs, ``batch`` per ``provenance trace`` run."""
    from collections import Counter

    from .fuzz import unaccounted, write_corpus

    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    examples: list[str] = []
    t0 = time.perf_counter()
    for start in range(0, n, batch):
        with tempfile.TemporaryDirectory() as tmp:
            crawl, report = Path(tmp) / "crawl", Path(tmp) / "report.json"
            inputs = write_corpus(crawl, min(batch, n - start), seed=seed, start=start)
            kinds.update(i.kind for i in inputs)
            counts["inputs_tried"] += len(inputs)
            counts["runs"] += 1
            cmd = [
                sys.executable,
                "-m",
                "provenance.cli",
                "trace",
                str(crawl),
                "--db",
                str(Path(tmp) / "f.db"),
            ]
            cmd += [
                "--json",
                str(report),
                "--no-report",
                "-j",
                str(workers),
                "--max-seconds",
                str(max_seconds),
            ]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=watchdog)
            except subprocess.TimeoutExpired:
                counts["hangs"] += 1
                examples.append(f"batch {start}: no result after {watchdog:g} s")
                continue
            if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
                counts["runs_crashed"] += 1
                examples.append(
                    f"batch {start}: status {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}"
                )
                continue
            data = json.loads(report.read_text())
            problems = data.get("problems", [])
            internal = [p for p in problems if p.get("stage") == "internal"]
            counts["internal_errors"] += len(internal)
            examples += [f"{p['path']}: {p['reason']}" for p in internal[:3]]
            budget = [p for p in problems if p.get("stage") == "budget"]
            counts["over_time_budget"] += len(budget)
            examples += [f"{p['path']}: {p['reason']}" for p in budget[:3]]
            counts["unaccounted"] += len(unaccounted(inputs, data))
            counts["articles"] += len(data.get("articles", []))
            counts["skipped"] += sum(bool(p.get("skipped")) for p in problems)
            counts["warnings"] += sum(not p.get("skipped") for p in problems)
    return {
        "inputs_tried": counts["inputs_tried"],
        "crashes": counts["runs_crashed"] + counts["internal_errors"],
        "hangs": counts["hangs"],
        "peak_rss_mb": peak_rss_mb(),
        "runs": counts["runs"],
        "runs_crashed": counts["runs_crashed"],
        "internal_errors": counts["internal_errors"],
        "over_time_budget": counts["over_time_budget"],
        "unaccounted_inputs": counts["unaccounted"],
        "articles": counts["articles"],
        "skipped": counts["skipped"],
        "warnings": counts["warnings"],
        "seconds": round(time.perf_counter() - t0, 1),
        "seed": seed,
        "inputs_by_kind": dict(sorted(kinds.items())),
        "fallback_parser_seconds_no_closing_bracket": bench_fallback_parser(),
        "examples": examples[:20],
    }


def run_one(kind: str, arg: str) -> dict[str, Any]:
    if kind == "synthetic":
        return bench_synthetic(int(arg))
    if kind == "real":
        return bench_real(Path(arg))
    if kind == "warc":
        return bench_warc(int(arg))
    if kind == "stories":
        return bench_stories(int(arg))
    if kind == "memory":
        return bench_memory(int(arg))
    if kind == "fuzz":
        n, _, seed = arg.partition(":")
        return bench_fuzz(int(n), seed=int(seed or 0))
    raise ValueError(kind)


def memory_growth(runs: Sequence[dict[str, Any]], at: int = 100_000) -> dict[str, Any]:
    """Peak RSS per page between the two largest measured crawls, and the peak a crawl of
    ``at`` pages would reach at that slope (a straight line through the largest measured
    size: an extrapolation, printed as one, not a measurement)."""
    (n0, m0), (n1, m1) = sorted((r["pages"], r["peak_rss_mb"]) for r in runs)[-2:]
    slope = (m1 - m0) / (n1 - n0) if n1 > n0 else 0.0
    return {
        "mb_per_1k_pages_between": f"{n0}->{n1}",
        "mb_per_1k_pages": round(slope * 1000, 1),
        f"extrapolated_peak_rss_mb_at_{at}": None if n1 >= at else round(m1 + slope * (at - n1), 1),
    }


def growth(sizes: list[int], seconds: list[float]) -> dict[str, Any]:
    """How time grows with story size: the exponent ``k`` of ``seconds ~ n^k`` between each
    pair of successive sizes, and fitted over all of them (least squares in log-log)."""
    pts = [(n, s) for n, s in zip(sizes, seconds, strict=True) if s > 0]
    steps = {
        f"{a}->{b}": round(math.log(sb / sa) / math.log(b / a), 2)
        for (a, sa), (b, sb) in zip(pts, pts[1:], strict=False)
        if b > a
    }
    fit = None
    if len(pts) >= 2:
        x = np.log([n for n, _ in pts])
        y = np.log([s for _, s in pts])
        fit = round(float(np.polyfit(x, y, 1)[0]), 2)
    return {"between_sizes": steps, "fitted": fit}


def run(
    sizes: list[int],
    real: Path | None,
    warc: int | None,
    stories: Sequence[int] | int | None = None,
    fuzz: int | None = None,
    fuzz_seed: int = 0,
    memory: Sequence[int] = (),
) -> dict[str, Any]:
    """Every benchmark, each in its own process (so peak RSS is per benchmark)."""
    out: dict[str, Any] = {
        "python": sys.version.split()[0],
        "synthetic": [],
        "real": None,
        "warc": None,
        "stories": [],
        "memory": [],
    }
    story_sizes = [stories] if isinstance(stories, int) else list(stories or ())
    jobs: list[tuple[str, str]] = [("synthetic", str(n)) for n in sizes]
    if real is not None:
        jobs.append(("real", str(real)))
    if warc:
        jobs.append(("warc", str(warc)))
    jobs += [("stories", str(n)) for n in story_sizes]
    jobs += [("memory", str(n)) for n in memory]
    if fuzz:
        jobs.append(("fuzz", f"{fuzz}:{fuzz_seed}"))
    for kind, arg in jobs:
        proc = subprocess.run(
            [sys.executable, "-m", "provenance.bench", kind, arg], capture_output=True, text=True
        )
        if proc.returncode != 0:
            res: dict[str, Any] = {"error": proc.stderr.strip().splitlines()[-1:]}
        else:
            res = json.loads(proc.stdout)
        if kind in ("synthetic", "stories", "memory"):
            out[kind].append(res)
        else:
            out[kind] = res
        print(json.dumps({kind: res}), file=sys.stderr)
    timed = [r for r in out["stories"] if "seconds" in r]
    if len(timed) >= 2:
        out["stories_exponent"] = growth([r["documents"] for r in timed], [r["seconds"] for r in timed])
    measured = [r for r in out["memory"] if "peak_rss_mb" in r]
    if len(measured) >= 2:
        out["memory_growth"] = memory_growth(measured)
    return out


if __name__ == "__main__":
    print(json.dumps(run_one(sys.argv[1], sys.argv[2])))
