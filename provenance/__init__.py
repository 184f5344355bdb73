"""provenance: a media provenance and syndication tracer.

The public API: :func:`trace` a crawl into a :class:`TraceResult` (articles, quotes,
attributions, reuse edges, stories, graph); :func:`report_dict` / :func:`write_json` give
the JSON report; :class:`Store` opens a corpus already traced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Store", "TraceOptions", "TraceResult", "report_dict", "trace", "write_json"]

if TYPE_CHECKING:
    from .pipeline import TraceOptions, TraceResult, trace
    from .report.json_report import report_dict, write_json
    from .store import Store

_LAZY = {
    "trace": "pipeline",
    "TraceOptions": "pipeline",
    "TraceResult": "pipeline",
    "report_dict": "report.json_report",
    "write_json": "report.json_report",
    "Store": "store",
}


def __getattr__(name: str) -> Any:
    """Import the heavy stages only when used, so ``provenance --help`` stays instant."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
