"""The batch engine: the reuse path (tokenise -> fingerprint -> candidates -> align) as a
Dask job, on a laptop or a cluster.

The reuse engine takes a ``mapper``; this module gives it one that runs the per-document and
per-candidate-group work as Dask bags.  The corpus-wide steps (boilerplate statistics, the
LSH, stories) stay on the client, so the Dask job gives exactly the local path's edges.

``scheduler`` is one of Dask's local schedulers ("processes", "threads", "synchronous") or
the address of a running ``dask scheduler`` (``tcp://host:8786``), whose workers need this
package installed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from .errors import ProvenanceError

log = logging.getLogger(__name__)

LOCAL_SCHEDULERS = ("processes", "threads", "synchronous")


class DaskMapper:
    """``mapper(func, items)`` for :func:`provenance.reuse.find_reuse`, backed by dask.bag."""

    def __init__(self, scheduler: str = "processes", partitions: int | None = None) -> None:
        try:
            import dask.bag  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ProvenanceError("the Dask batch engine needs `pip install provenance[scale]`") from exc
        self.scheduler = scheduler
        self.partitions = partitions or 4 * (os.cpu_count() or 1)
        self._client: Any = None
        if scheduler not in LOCAL_SCHEDULERS:
            from distributed import Client

            self._client = Client(scheduler)
            log.info("dask: connected to %s", scheduler)

    def __call__(self, func: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        import dask.bag as db

        items = list(items)
        if not items:
            return []
        bag = db.from_sequence(items, npartitions=min(self.partitions, len(items)))
        if self._client is not None:
            return list(self._client.compute(bag.map(func)).result())
        return list(bag.map(func).compute(scheduler=self.scheduler))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
