from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance.errors import SignatureMismatchError
from provenance.fingerprint import SignatureParams
from provenance.index import CorpusIndex, article_signatures, redis_storage
from provenance.models import Article
from provenance.store import Store

BASE = (
    "The city council voted on Tuesday to approve a new budget that raises spending on schools, "
    "roads and public transport while cutting the administrative costs of the mayor's office by "
    "a tenth, after a debate that lasted well into the night and drew protesters to the hall."
)


def _articles() -> list[Article]:
    other = "Scientists reported a new species of frog found in the cloud forests of the northern mountains."
    return [
        Article("a", "a.txt", BASE),
        Article("b", "b.txt", BASE + " Officials said the vote was final."),
        Article("c", "c.txt", other),
    ]


def test_index_persists_with_the_corpus(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    arts = _articles()
    with Store(db) as store:
        idx = CorpusIndex(store)
        assert idx.add(arts[:2]) == 2
        assert idx.add(arts[:2]) == 0  # nothing is signed twice
    with Store(db) as store:
        idx = CorpusIndex(store)
        assert "a" in idx and "c" not in idx
        assert idx.add(arts) == 1  # only the new document is processed
        near = idx.neighbours([Article("new", "n.txt", BASE + " It takes effect in May.")])
        assert near["new"] == ["a", "b"]


def test_mismatched_signature_parameters_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with Store(db) as store:
        CorpusIndex(store).add(_articles())
    with Store(db) as store, pytest.raises(SignatureMismatchError):
        CorpusIndex(store, SignatureParams(num_perm=64))


def test_redis_url_parsing() -> None:
    cfg = redis_storage("redis://:pw@127.0.0.1:6390/2", "x")
    assert cfg["redis"] == {"host": "127.0.0.1", "port": 6390, "db": 2, "password": "pw"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = _free_port()
    proc = subprocess.Popen(
        [
            exe,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_two_processes_share_one_redis_index(tmp_path: Path, redis_url: str) -> None:
    writer = textwrap.dedent(f"""
        from provenance.index import CorpusIndex
        from provenance.models import Article
        from provenance.store import Store
        with Store({str(tmp_path / "w.db")!r}) as s:
            n = CorpusIndex(s, redis_url={redis_url!r}).add([Article("a", "a.txt", {BASE!r})])
        print(n)
    """)
    out = subprocess.run([sys.executable, "-c", writer], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
    # another process, another store: it sees what the first inserted, through Redis only
    with Store(tmp_path / "r.db") as store:
        idx = CorpusIndex(store, redis_url=redis_url)
        assert "a" in idx
        sig = article_signatures([Article("q", "q.txt", BASE + " More.")], idx.params)[0]
        assert idx.query(sig) == ["a"]


def test_signatures_made_in_batches_equal_signatures_made_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from provenance import index

    arts = _articles() * 3
    params = SignatureParams(hash="tok64")
    whole = article_signatures(arts, params)
    monkeypatch.setattr(index, "BATCH", 2)  # 9 articles: batches of 2, the last one short
    assert np.array_equal(article_signatures(arts, params), whole)
    assert article_signatures([], params).shape == (0, params.num_perm)
