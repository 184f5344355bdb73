"""Dump every quote (and the claim words, shingles and segments the later stages read) for a
fixed set of inputs, to check a refactor of the segment/attribution stages changes nothing.

Usage::

    python benchmarks/analysis_identity.py OUT.json [--articles CACHE.pkl]

Inputs: every PolNeAR text (../shared/data/polnear/{train,dev}/text/*.txt), the articles
extracted from ../shared/data/syndication-dev/crawl (extracted once and pickled to
``--articles`` so later runs read the same articles whatever the extractor does), the seed
crawl (crawls/seeds) and a few hand-made texts with awkward characters.  Run it on the code
before a change and after, and ``cmp`` the two files.  Not part of the package or the tests:
it needs the shared evaluation data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from provenance import claims, related
from provenance.attribution.quotes import extract_quotes
from provenance.models import Article
from provenance.segment import segment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

ODD_TEXTS = [
    "Foo™ said the ½ price was “fine,” the CEO said. Straße — ok -- he said.",
    "İstanbul’s mayor said: “We won.” Then the ﬁrm's head said it’s done.",
    "“Nothing,” said Mr. Smith (R-Calif.), adding that U.S. officials wouldn't say.\n\n"
    "''It is so,'' said Ms. Doe. “Open quote at the end",
    "Café owners said prices rose 3.5 percent, e-mail records show. № 5 — said nobody.",
]


def _articles(cache: Path) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {}
    for split in ("train", "dev"):
        arts = []
        for f in sorted((DATA / "polnear" / split / "text").glob("*.txt")):
            text = f.read_text(encoding="utf-8")
            arts.append(Article(id=f.stem, path=f.name, text=text))
        out[f"polnear-{split}"] = arts
    if cache.exists():
        out["syndication-dev"] = pickle.loads(cache.read_bytes())
    else:
        from provenance.pipeline import ingest_and_extract
        from provenance.store import Store

        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "x.db") as store:
            ids, _, _ = ingest_and_extract([DATA / "syndication-dev" / "crawl"], store)
            arts = list(store.iter_articles(ids))
        cache.write_bytes(pickle.dumps(arts))
        out["syndication-dev"] = arts
    out["seeds"] = [
        Article(id=f.name, path=f.name, text=f.read_text(encoding="utf-8"))
        for f in sorted((ROOT / "crawls" / "seeds").glob("*.txt"))
    ]
    out["odd"] = [Article(id=str(i), path=str(i), text=t) for i, t in enumerate(ODD_TEXTS)]
    return out


def dump(article: Article) -> dict[str, Any]:
    segs = segment(article)
    terms = claims.sentence_terms(segs)
    shingles = sorted(related._shingle_set(segs))
    return {
        "id": article.id,
        "paragraphs": [list(p) for p in segs.paragraphs],
        "sentences": [[s.span[0], s.span[1], s.paragraph] for s in segs.sentences],
        "quotes": [asdict(q) for q in extract_quotes(article, segs)],
        "quotes_unsegmented": hashlib.sha1(
            json.dumps([asdict(q) for q in extract_quotes(article)]).encode()
        ).hexdigest(),
        "terms": [[list(sp), sorted(ts)] for sp, ts in terms],
        "shingles": hashlib.sha1(json.dumps(shingles).encode()).hexdigest(),
    }


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("out", type=Path)
    p.add_argument("--articles", type=Path, default=Path(tempfile.gettempdir()) / "dev_articles.pkl")
    args = p.parse_args()
    result = {name: [dump(a) for a in arts] for name, arts in _articles(args.articles).items()}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    n = sum(len(v) for v in result.values())
    q = sum(len(d["quotes"]) for v in result.values() for d in v)
    print(f"{n} articles, {q} quotes -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
