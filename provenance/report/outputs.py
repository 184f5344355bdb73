"""Write every requested output of a traced report in one place (CLI ``trace`` and ``graph``).

``--json -`` writes the JSON report to stdout.  Pictures come one per story, never one
hairball of every story: ``--png DIR`` writes ``DIR/index.png`` (the stories by size),
``DIR/story-<rank>-<id>.png`` for each story and ``DIR/citations.png`` (the outlet citation
graph); ``--png FILE.png`` writes FILE.png (the only story's picture, or the index when
there are several), ``FILE-story-<rank>-<id>.png`` beside it when there are several, and
``FILE-citations.png``.  Nothing to draw means no picture, and a note saying so.  Each
story's figure is built once and serves every format and the HTML report (which shows the
largest ``HTML_STORY_PICTURES``).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ..parallel import LazyPool

log = logging.getLogger(__name__)

HTML_STORY_PICTURES = 20


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


def is_stdout(path: Path | str | None) -> bool:
    """``-`` names standard output."""
    return path is not None and str(path) == "-"


def citations_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-citations{path.suffix}")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._") or "story"


@dataclass(frozen=True)
class PicturePlan:
    """Where each picture of one format goes (``None``: not drawn)."""

    index: Path | None
    stories: dict[str, Path]
    citations: Path


def picture_plan(path: Path, suffix: str, stories: Sequence[Mapping[str, Any]]) -> PicturePlan:
    """File names for ``--png``/``--svg PATH``: a folder (an existing one, or a name without a
    suffix) gets fixed names inside; a file name is the index (or the only story) with the
    stories and the citation graph beside it."""
    width = len(str(len(stories)))

    def story_name(rank: int, st: Mapping[str, Any]) -> str:
        return f"story-{rank:0{width}d}-{_safe(str(st.get('id')))}"

    if path.is_dir() or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        return PicturePlan(
            path / f"index{suffix}" if stories else None,
            {str(st.get("id")): path / f"{story_name(i, st)}{suffix}" for i, st in enumerate(stories, 1)},
            path / f"citations{suffix}",
        )
    if len(stories) == 1:
        return PicturePlan(None, {str(stories[0].get("id")): path}, citations_path(path))
    return PicturePlan(
        path if stories else None,
        {
            str(st.get("id")): path.with_name(f"{path.stem}-{story_name(i, st)}{path.suffix}")
            for i, st in enumerate(stories, 1)
        },
        citations_path(path),
    )


def _write_json(report: Mapping[str, Any], path: Path, pretty: bool = False) -> None:
    from .json_report import write_report

    if is_stdout(path):
        sys.stdout.flush()
        write_report(report, sys.stdout.buffer, pretty)
        sys.stdout.buffer.write(b"\n")
        sys.stdout.buffer.flush()
        return
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        write_report(report, fh, pretty)
    tmp.replace(path)


def write_outputs(
    report: Mapping[str, Any],
    graph: nx.MultiDiGraph | Callable[[], nx.MultiDiGraph],
    paths: OutputPaths,
    note: Callable[[str], None] = log.info,
    workers: int = 1,
) -> list[Path]:
    """Write what ``paths`` asks for; returns the files written (JSON to stdout is not listed).

    ``graph`` (or a function that builds it, called only when GraphML or GEXF is asked for);
    ``note`` receives a line for each output that had nothing to draw; ``workers`` > 1 draws
    the story pictures in that many processes.
    """
    written: list[Path] = []
    if paths.json:
        _write_json(report, paths.json, paths.pretty)
        if not is_stdout(paths.json):
            written.append(paths.json)
    pictures = [(p, fmt) for p, fmt in ((paths.png, ".png"), (paths.svg, ".svg")) if p]
    story_svgs: dict[str, bytes] = {}
    citation_svg: bytes | None = None
    if pictures or paths.html:
        story_svgs, citation_svg = _pictures(report, pictures, bool(paths.html), written, note, workers)
    if paths.html:
        from .html import write_html

        write_html(report, paths.html, story_pictures=story_svgs, citation_picture=citation_svg)
        written.append(paths.html)
    if paths.graphml or paths.gexf:
        from .exports import sanitise_graph, write_gexf, write_graphml

        clean = sanitise_graph(
            graph() if callable(graph) else graph
        )  # once for both formats; GEXF (renaming in place) last
        if paths.graphml:
            written.append(write_graphml(clean, paths.graphml, sanitised=True))
        if paths.gexf:
            written.append(write_gexf(clean, paths.gexf, sanitised=True))
    if paths.prov:
        from .exports import write_prov

        written.append(write_prov(report, paths.prov))
    return written


StoryJob = tuple[str, tuple[Path, ...], bool]  # story id, files to write, SVG wanted for the HTML


def draw_stories(report: Mapping[str, Any], jobs: Sequence[StoryJob]) -> tuple[dict[str, bytes], list[Path]]:
    """Draw each job's story once and write its files; returns the SVG of those the HTML wants
    and the files written.  Runs in a worker process too (module-level, picklable arguments).
    """
    from .pictures import figure_svg, propagation_figure, save_figure

    out: dict[str, bytes] = {}
    written: list[Path] = []
    for sid, files, want_svg in jobs:
        try:
            fig = propagation_figure(report, sid)
        except Exception:  # a picture is decoration: the other outputs must still be written
            log.exception("propagation picture of story %s failed", sid)
            continue
        svg = figure_svg(fig) if want_svg or any(f.suffix.lower() == ".svg" for f in files) else None
        for f in files:
            if svg is not None and f.suffix.lower() == ".svg":
                f.write_bytes(svg)  # the same SVG the HTML embeds: drawn once
            else:
                save_figure(fig, f)
            written.append(f)
        if want_svg and svg is not None:
            out[sid] = svg
    return out, written


def _slim(report: Mapping[str, Any]) -> dict[str, Any]:
    """What a story picture reads of the report (no texts, no passages): cheap to send to a worker."""
    keep = ("id", "path", "url", "title", "outlet", "published", "fetched_at")
    return {
        "articles": [{k: a.get(k) for k in keep} for a in report.get("articles") or []],
        "stories": list(report.get("stories") or []),
        "reuse": [
            {k: e.get(k) for k in ("source", "target", "kind", "credit", "declared")}
            for e in report.get("reuse") or []
        ],
    }


def _pictures(
    report: Mapping[str, Any],
    targets: Sequence[tuple[Path, str]],
    html: bool,
    written: list[Path],
    note: Callable[[str], None],
    workers: int = 1,
) -> tuple[dict[str, bytes], bytes | None]:
    """Draw each picture once: saved in every requested format, and (as SVG) for the HTML.

    ``targets`` are ``(path, default suffix)``: a folder gets pictures of that format.  With
    ``workers`` > 1 the story pictures are drawn in that many processes while this one draws
    the index and the citation graph.
    """
    from .pictures import (
        citation_figure,
        citation_network,
        figure_svg,
        save_figure,
        stories_by_size,
        stories_figure,
    )

    stories = stories_by_size(report)
    plans = [picture_plan(path, path.suffix or fmt, stories) for path, fmt in targets]
    if targets and not stories:
        note("no story to draw (no copying found between these articles): no propagation picture")
    jobs: list[StoryJob] = []
    for rank, st in enumerate(stories, 1):
        sid = str(st.get("id"))
        files = tuple(plan.stories[sid] for plan in plans)
        want_html = html and rank <= HTML_STORY_PICTURES
        if files or want_html:
            jobs.append((sid, files, want_html))
    with LazyPool(workers if len(jobs) >= 4 * workers else 1) as pool:
        if pool.enabled:
            slim = _slim(report)
            futures = [pool.submit(draw_stories, slim, jobs[i :: pool.workers]) for i in range(pool.workers)]
        else:
            futures = []
            story_svgs, drawn = draw_stories(report, jobs)
            written.extend(drawn)
        if any(plan.index for plan in plans):
            fig = stories_figure(report)
            for plan in plans:
                if plan.index:
                    written.append(save_figure(fig, plan.index))
        citation_svg = None
        if citation_network(report).number_of_nodes():
            fig = citation_figure(report)
            for plan in plans:
                written.append(save_figure(fig, plan.citations))
            if html:
                citation_svg = figure_svg(fig)
        elif plans:
            note("no citations or copies between outlets to draw: no citation graph")
        if futures:
            story_svgs = {}
            for f in futures:
                svgs, drawn = f.result()
                story_svgs.update(svgs)
                written.extend(drawn)
    # the HTML shows the largest stories' pictures in rank order
    return {sid: story_svgs[sid] for sid, _, want in jobs if want and sid in story_svgs}, citation_svg
