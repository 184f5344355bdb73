"""Write every requested output of a traced report in one place (CLI ``trace`` and ``graph``).

Pictures come in pairs: ``--png story.png`` writes the propagation picture there and the
outlet citation graph beside it as ``story-citations.png`` (the same for ``--svg``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class OutputPaths:
    json: Path | None = None
    html: Path | None = None
    graphml: Path | None = None
    gexf: Path | None = None
    prov: Path | None = None
    png: Path | None = None
    svg: Path | None = None
    pretty: bool = False  # indented JSON for humans (compact by default)


def citations_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-citations{path.suffix}")


def write_outputs(report: Mapping[str, Any], graph: nx.MultiDiGraph, paths: OutputPaths) -> list[Path]:
    """Write what ``paths`` asks for; returns the files written."""
    from .json_report import dumps

    written: list[Path] = []
    if paths.json:
        tmp = paths.json.with_name(paths.json.name + ".tmp")
        tmp.write_bytes(dumps(report, paths.pretty))
        tmp.replace(paths.json)
        written.append(paths.json)
    if paths.html:
        from .html import write_html

        write_html(report, paths.html)
        written.append(paths.html)
    if paths.graphml or paths.gexf:
        from .exports import write_gexf, write_graphml

        if paths.graphml:
            written.append(write_graphml(graph, paths.graphml))
        if paths.gexf:
            written.append(write_gexf(graph, paths.gexf))
    if paths.prov:
        from .exports import write_prov

        written.append(write_prov(report, paths.prov))
    for pic in (paths.png, paths.svg):
        if pic:
            from .pictures import plot_citation_graph, plot_propagation

            written.append(plot_propagation(report, pic))
            written.append(plot_citation_graph(report, citations_path(pic)))
    return written
