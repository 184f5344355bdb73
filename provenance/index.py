"""The corpus index: document signatures and their LSH, kept with the corpus.

Tracing a new crawl into an existing corpus must not redo the old work: signatures are
stored in the SQLite store beside their parameters (a mismatch is refused), and the LSH is
either rebuilt from them in memory (default, embedded) or lives in Redis through
datasketch's own Redis storage (``redis_url``), where several processes or machines share
one index.  Keys are article ids, so any process can query what another inserted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .errors import SignatureMismatchError, StoreError
from .fingerprint import SignatureParams, shingle_hashes_batch, signatures, to_minhash
from .models import Article
from .segment import tokens
from .store import Store, articles_by_id

log = logging.getLogger(__name__)


def redis_storage(url: str, basename: str) -> dict[str, Any]:
    """datasketch ``storage_config`` for a Redis URL such as ``redis://127.0.0.1:6379/0``."""
    u = urlparse(url)
    if u.scheme not in ("redis", "rediss"):
        raise StoreError(f"{url}: not a redis:// URL")
    cfg: dict[str, Any] = {
        "host": u.hostname or "127.0.0.1",
        "port": u.port or 6379,
        "db": int((u.path or "/0").strip("/") or 0),
    }
    if u.password:
        cfg["password"] = u.password
    if u.scheme == "rediss":
        cfg["ssl"] = True
    return {"type": "redis", "basename": basename.encode("utf-8"), "redis": cfg}


#: The parameters of the corpus index's signatures (``tok64``: datasketch-identical with the
#: fast shingle hash), also used by the workers that sign articles for it.
INDEX_PARAMS = SignatureParams(hash="tok64")

#: Articles tokenised and signed at once: a batch shares its token hashing, and the tokens of
#: a whole crawl never sit in memory together.
BATCH = 1000


def article_signatures(articles: Sequence[Article], params: SignatureParams) -> np.ndarray:
    """Document signatures of ``articles`` (vectorised, datasketch-identical), in batches."""
    rows = [
        signatures(shingle_hashes_batch([tokens(a.text) for a in articles[i : i + BATCH]], params), params)
        for i in range(0, len(articles), BATCH)
    ]
    return np.concatenate(rows) if rows else signatures([], params)


def sign_stored(db: str | Sequence[Article], ids: Sequence[str], params: SignatureParams) -> np.ndarray:
    """Worker side: the signatures of the articles ``ids``, read from the store at path ``db``
    (or given as ``db`` when the store is not a file), one row per id, in order."""
    articles = articles_by_id(db, ids)
    return article_signatures([articles[i] for i in ids], params)


class CorpusIndex:
    """Document-level MinHash LSH over a whole corpus, keyed by article id.

    ``add`` signs and indexes articles not indexed yet (and stores their signatures);
    ``query`` returns the ids of indexed articles whose signatures collide.
    """

    def __init__(
        self,
        store: Store,
        params: SignatureParams | None = None,
        threshold: float = 0.5,
        redis_url: str | None = None,
        name: str = "provenance",
    ) -> None:
        self.store = store
        self.params = params = params or INDEX_PARAMS
        self.threshold = threshold
        self._params_json = json.dumps(
            {
                "num_perm": params.num_perm,
                "seed": params.seed,
                "shingle": params.shingle,
                "hash": params.hash,
                "threshold": threshold,
            }
        )
        storage = (
            redis_storage(redis_url, f"{name}-{params.num_perm}-{params.seed}-{params.shingle}-{params.hash}")
            if redis_url
            else {"type": "dict"}
        )
        from datasketch import MinHashLSH  # here, not with the module: it pulls in scipy

        self.lsh = MinHashLSH(threshold=threshold, num_perm=params.num_perm, storage_config=storage)
        self.shared = redis_url is not None
        if not self.shared:
            self._load()

    def _load(self) -> None:
        """Rebuild the in-memory LSH from the stored signatures (refusing foreign parameters)."""
        rows = self.store.iter_signatures()
        n = 0
        with self.lsh.insertion_session() as session:
            for article, params, data in rows:
                if params != self._params_json:
                    raise SignatureMismatchError(
                        f"{self.store.path}: signatures of {article} were made with {params}, "
                        f"this index uses {self._params_json}"
                    )
                session.insert(article, to_minhash(np.frombuffer(data, dtype=np.uint32), self.params))
                n += 1
        log.info("index: %d signatures loaded from %s", n, self.store.path)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.lsh

    def add(self, articles: Iterable[Article], signed: Mapping[str, np.ndarray] | None = None) -> int:
        """Sign and index the articles not indexed yet; returns how many were new.

        ``signed``: signatures made elsewhere (by a worker process, with this index's
        parameters: :data:`INDEX_PARAMS`), by article id; the articles it lacks are signed here.
        """
        todo = [a for a in articles if a.id not in self]
        if not todo:
            return 0
        signed = signed or {}
        rest = [a for a in todo if a.id not in signed]
        made = dict(zip((a.id for a in rest), article_signatures(rest, self.params), strict=True))
        sigs = [signed[a.id] if a.id in signed else made[a.id] for a in todo]
        with self.lsh.insertion_session() as session:
            for a, row in zip(todo, sigs, strict=True):
                session.insert(a.id, to_minhash(row, self.params))
        self.store.put_signatures(
            (a.id, self._params_json, row.tobytes()) for a, row in zip(todo, sigs, strict=True)
        )
        return len(todo)

    def signature(self, article_id: str) -> np.ndarray | None:
        row = self.store.get_signature(article_id)
        if row is None:
            return None
        if row[0] != self._params_json:
            raise SignatureMismatchError(
                f"{article_id}: signature made with {row[0]}, index uses {self._params_json}"
            )
        return np.frombuffer(row[1], dtype=np.uint32)

    def query(self, values: np.ndarray) -> list[str]:
        """Ids of indexed articles whose signature collides with ``values``."""
        return sorted(str(k) for k in self.lsh.query(to_minhash(values, self.params)))

    def neighbours(self, articles: Sequence[Article]) -> dict[str, list[str]]:
        """For each article, the other indexed articles it collides with.

        Stored signatures are reused; only articles never signed are signed here.
        """
        rows: dict[str, np.ndarray] = {}
        todo = []
        for a in articles:
            sig = self.signature(a.id)
            if sig is None:
                todo.append(a)
            else:
                rows[a.id] = sig
        if todo:
            rows.update(zip((a.id for a in todo), article_signatures(todo, self.params), strict=True))
        return {a.id: [k for k in self.query(rows[a.id]) if k != a.id] for a in articles}
