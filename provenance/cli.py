"""Command line: parses, calls the public API, prints. Nothing else lives here.

Exit status: 0 clean, 1 some inputs were skipped (each named on its own line), 2 usage
error (a path that does not exist, a crawl without a document, an unusable store), 3
internal error (a bug: one line, the traceback with ``-v``).  Everything printed passes
through :func:`provenance.textsafe.printable`, so names and titles taken from pages cannot
send escape sequences to the terminal.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.segment import Segment
from rich.text import Text

from . import __version__
from .errors import ProvenanceError, UsageError
from .guard import Budgets
from .textsafe import LOG_FORMAT, PrintableFormatter, path_text, printable

EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


F = TypeVar("F", bound=Callable[..., Any])


def _output_options(func: F) -> F:
    """The export flags shared by ``trace`` and ``graph``."""
    for opt in reversed(
        [
            click.option(
                "--html", "html_out", type=click.Path(path_type=Path), help="Self-contained HTML report."
            ),
            click.option("--graphml", type=click.Path(path_type=Path), help="Graph for Gephi/yEd (GraphML)."),
            click.option("--gexf", type=click.Path(path_type=Path), help="Graph for Gephi (GEXF)."),
            click.option("--prov", type=click.Path(path_type=Path), help="W3C PROV-O as JSON-LD."),
            click.option(
                "--png", type=click.Path(path_type=Path), help="Propagation picture (+ FILE-citations.png)."
            ),
            click.option(
                "--svg", type=click.Path(path_type=Path), help="Propagation picture (+ FILE-citations.svg)."
            ),
        ]
    ):
        func = opt(func)
    return func


class _Escaped:
    """A renderable whose text segments have control characters shown escaped."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for seg in console.render(self.inner, options):
            yield seg if seg.control else Segment(printable(seg.text, one_line=False), seg.style)


class _EscapeHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Escaped(r) for r in renderables]


class _PrintableConsole(Console):
    """A rich console that shows control characters escaped instead of writing them.

    Strings are escaped before rich reads them (rich itself silently drops some controls,
    such as BEL, and passes ESC through); the render hook catches text that reaches it
    already made into rich objects.
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(printable(text, one_line=False), **kwargs)


def _console(stderr: bool = False) -> Console:
    """A console that never writes a control character it was not asked to style with."""
    console = _PrintableConsole(stderr=stderr)
    console.push_render_hook(_EscapeHook())
    return console


def _fail(message: str, status: int) -> NoReturn:
    click.echo(f"provenance: error: {printable(message)}", err=True)
    sys.exit(status)


class _Main(click.Group):
    """The command group; a :class:`ProvenanceError` escaping a command is one line and exit
    status 2, any other exception (a bug) one line and exit status 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ProvenanceError as exc:
            _fail(str(exc), EXIT_USAGE)
        except Exception as exc:
            if logging.getLogger().isEnabledFor(logging.INFO):
                traceback.print_exc()
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            click.echo(
                f"provenance: internal error: {type(exc).__name__}{': ' + printable(detail) if detail else ''}"
                " (a bug; run with -v for the traceback)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR
        if quiet
        else logging.DEBUG
        if verbose > 1
        else logging.INFO
        if verbose
        else logging.WARNING
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PrintableFormatter(LOG_FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def main(verbose: int, quiet: bool) -> None:
    """Trace media provenance in a crawl of news pages: who published first, who copied
    whom (declared or not), who said what, and which outlets cite which.

    Example: provenance trace crawls/seeds --json report.json
    """
    _setup_logging(verbose, quiet)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=Path("provenance.db"),
    show_default=True,
    help="SQLite store; re-runs reuse what it holds.",
)
@click.option(
    "--json", "json_out", type=click.Path(path_type=Path), help="Write the JSON report (provenance-report/1)."
)
@_output_options
@click.option(
    "--registry",
    "registries",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra outlet registry file (JSON); may be repeated.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=20_000_000,
    show_default=True,
    help="Skip documents larger than this.",
)
@click.option(
    "--max-seconds",
    type=click.FloatRange(min=0),
    default=Budgets.max_seconds,
    show_default=True,
    help="Per-document time budget for extraction, and again for attribution (0 = none).",
)
@click.option(
    "--follow-symlinks", is_flag=True, help="Read symbolic links that point outside the crawl folder."
)
@click.option(
    "-j", "--workers", type=int, default=0, show_default=True, help="Extraction processes (0 = one per core)."
)
@click.option(
    "--fast",
    is_flag=True,
    help="Extraction fast path: trafilatura without fallback extractors when its text is long enough.",
)
@click.option(
    "--dask",
    "dask_scheduler",
    metavar="SCHEDULER",
    help="Run the reuse path as a Dask job: processes, threads, or a scheduler address tcp://host:8786.",
)
@click.option(
    "--corpus/--no-corpus",
    default=True,
    show_default=True,
    help="Also compare with near-duplicates among articles of earlier traces in the same --db.",
)
@click.option(
    "--redis", "redis_url", metavar="URL", help="Keep the corpus LSH index in Redis (redis://host:6379/0)."
)
@click.option(
    "--limit", type=int, default=25, show_default=True, help="Rows per section in the printed report."
)
@click.option("--no-report", is_flag=True, help="Do not print the report (e.g. with --json).")
def trace(
    paths: tuple[Path, ...],
    db: Path,
    json_out: Path | None,
    html_out: Path | None,
    graphml: Path | None,
    gexf: Path | None,
    prov: Path | None,
    png: Path | None,
    svg: Path | None,
    registries: tuple[Path, ...],
    max_bytes: int,
    max_seconds: float,
    follow_symlinks: bool,
    workers: int,
    fast: bool,
    dask_scheduler: str | None,
    corpus: bool,
    redis_url: str | None,
    limit: int,
    no_report: bool,
) -> None:
    """Trace the crawl(s) at PATHS (folders of .html/.htm/.txt[.gz] with an optional
    manifest.jsonl, or JSONL files) and print the provenance report.

    Bad files get one line each on stderr and are skipped. Exit status: 0 clean, 1 when any
    input was skipped, 2 for a usage error (a missing path, a crawl without a document),
    3 for an internal error.

    Example: provenance trace crawls/seeds --db seeds.db --json seeds.json --html seeds.html
    """
    from .pipeline import TraceOptions
    from .pipeline import trace as run_trace
    from .report.json_report import report_dict
    from .report.outputs import OutputPaths, write_outputs
    from .report.terminal import render

    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"{path_text(missing[0])}: no such file or directory")
    err = _console(stderr=True)
    options = TraceOptions(
        db=db,
        max_bytes=max_bytes,
        registry_files=registries,
        workers=workers or os.cpu_count() or 1,
        fast=fast,
        dask=dask_scheduler,
        corpus=corpus,
        redis=redis_url,
        max_seconds=max_seconds,
        follow_symlinks=follow_symlinks,
    )
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        tasks: dict[str, object] = {}

        def progress(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        result = run_trace(paths, options, progress)
    s = result.stats
    if not s.documents and not result.problems:
        raise UsageError(f"{_names(paths)}: no documents (.html, .htm, .txt, .gz, JSONL or WARC) found")
    wanted = OutputPaths(json_out, html_out, graphml, gexf, prov, png, svg)
    if any(vars(wanted).values()):
        for path in write_outputs(report_dict(result), result.graph, wanted):
            err.print(f"written: {path}", markup=False)
    if not no_report:
        render(result, _console(), limit=limit)
    err.print(f"{s.stored} articles, {s.skipped} skipped, {s.warnings} warnings")
    if s.skipped:
        sys.exit(EXIT_SKIPPED)


def _names(paths: Iterable[Path], most: int = 3) -> str:
    names = [path_text(p) for p in paths]
    return ", ".join(names[:most]) + (f" (+{len(names) - most} more)" if len(names) > most else "")


def _stored_report(db: Path) -> dict[str, Any]:
    from .store import Store

    if not db.exists():
        raise click.ClickException(f"{db}: no such store (run `provenance trace … --db {db}` first)")
    try:
        with Store(db) as store:
            report = store.latest_report()
    except ProvenanceError as exc:
        raise click.ClickException(str(exc)) from None
    if report is None:
        raise click.ClickException(f"{db}: holds no traced report yet (run `provenance trace` first)")
    if "omitted" in report:
        raise click.ClickException(f"{db}: {report['omitted']} to keep in the store; trace again with --json")
    return report


@main.command()
@click.argument("key")
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=Path("provenance.db"),
    show_default=True,
    help="The store a trace wrote.",
)
def show(key: str, db: Path) -> None:
    """Show what the last trace found about KEY: an article (id or id prefix, path, file
    name or URL), a story id or a claim id. Reads the store; nothing is re-traced.

    Example: provenance show 001_708a75505551bf43.txt --db seeds.db
    """
    from .report.show import show as show_key

    if not show_key(_stored_report(db), key, _console()):
        raise click.ClickException(f"{key}: no article, story or claim of that name in {db}")


@main.command()
@click.option(
    "--sizes",
    default="1000,10000",
    show_default=True,
    help="Synthetic corpus sizes (comma-separated), e.g. 1000,10000,100000,1000000.",
)
@click.option(
    "--real",
    type=click.Path(path_type=Path),
    default=None,
    help="A crawl folder to trace end to end against trafilatura's default extraction.",
)
@click.option("--warc", type=int, default=0, help="Also stream a generated WARC of this many records.")
@click.option(
    "--fuzz",
    type=click.IntRange(min=0),
    default=0,
    help="Trace this many generated hostile inputs; count crashes, hangs, peak RSS (skips --sizes unless given).",
)
@click.option(
    "--fuzz-seed", type=int, default=0, show_default=True, help="Seed of the generated hostile inputs."
)
@click.option("--out", type=click.Path(path_type=Path), help="Also write the figures here (JSON).")
@click.pass_context
def bench(
    ctx: click.Context, sizes: str, real: Path | None, warc: int, fuzz: int, fuzz_seed: int, out: Path | None
) -> None:
    """Benchmark (not a test): documents/s per stage, peak RSS, LSH query p50/p99, with
    datasketch's per-shingle update() and trafilatura's default extraction as baselines
    measured in the same run. Prints JSON.

    Example: provenance bench --sizes 1000,10000 --real ../shared/data/syndication-dev/crawl --warc 10000

    Example: provenance bench --fuzz 10000
    """
    import json

    from .bench import run

    if fuzz and ctx.get_parameter_source("sizes") is click.core.ParameterSource.DEFAULT:
        sizes = ""
    figures = run(
        [int(x) for x in sizes.split(",") if x.strip()], real, warc or None, fuzz or None, fuzz_seed
    )
    text = json.dumps(figures, indent=1)
    if out:
        out.write_text(text)
    click.echo(text)


@main.command()
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=Path("provenance.db"),
    show_default=True,
    help="The store a trace wrote.",
)
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="The JSON report again.")
@_output_options
def graph(
    db: Path,
    json_out: Path | None,
    html_out: Path | None,
    graphml: Path | None,
    gexf: Path | None,
    prov: Path | None,
    png: Path | None,
    svg: Path | None,
) -> None:
    """Summarise the provenance graph of the last trace (nodes and edges by kind, the most
    cited sources) and export it, from the store: nothing is re-traced.

    Example: provenance graph --db seeds.db --gexf seeds.gexf --svg seeds.svg
    """
    from collections import Counter

    from .report.exports import report_graph
    from .report.outputs import OutputPaths, write_outputs

    report = _stored_report(db)
    g = report_graph(report)
    nodes = Counter(d.get("kind", "?") for _, d in g.nodes(data=True))
    edges = Counter(d.get("kind", "?") for *_, d in g.edges(data=True))
    click.echo(f"{g.number_of_nodes()} nodes: " + ", ".join(f"{n} {k}" for k, n in nodes.most_common()))
    click.echo(f"{g.number_of_edges()} edges: " + ", ".join(f"{n} {k}" for k, n in edges.most_common()))
    cited = Counter(
        g.nodes[u].get("label", u) for u, _, d in g.edges(data=True) if d.get("kind") in ("cites", "via")
    )
    for label, n in cited.most_common(10):
        click.echo(f"  cited {n:4d}×  {printable(str(label))}")
    for path in write_outputs(report, g, OutputPaths(json_out, html_out, graphml, gexf, prov, png, svg)):
        click.echo(f"written: {path}")


@main.group()
def evaluate() -> None:
    """Measure quality on ../shared/data (extraction, attribution, syndication).

    Example: provenance evaluate extraction --limit 100
    """


@evaluate.command("extraction")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=Path("../shared/data/trafilatura-eval"),
    show_default=True,
    help="The trafilatura evaluation set.",
)
@click.option("--limit", type=int, default=None, help="Only the first N pages.")
def evaluate_extraction_cmd(data: Path, limit: int | None) -> None:
    """Snippet precision/recall/F1 of our extraction and of trafilatura's default, side by side.

    Example: provenance evaluate extraction --data ../shared/data/trafilatura-eval
    """
    from .evaluate.extraction import evaluate_extraction, format_extraction

    if not data.is_dir():
        raise click.ClickException(f"{data}: no such folder (the evaluation data lives in ../shared/data)")
    click.echo(format_extraction(evaluate_extraction(data, limit=limit)))


@evaluate.command("syndication")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=Path("../shared/data/syndication-dev"),
    show_default=True,
    help="A labelled crawl: crawl/ and truth.json.",
)
@click.option(
    "--tools",
    type=click.Path(path_type=Path),
    default=Path("../shared/tools"),
    show_default=True,
    help="Where score_syndication.py lives.",
)
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also keep the traced report here.")
def evaluate_syndication_cmd(data: Path, tools: Path, json_out: Path | None) -> None:
    """Trace the labelled crawl and print score_syndication.py's figures (reuse edges,
    citations, origins, undeclared copies).

    Example: provenance evaluate syndication --data ../shared/data/syndication-dev
    """
    from .evaluate.syndication import evaluate_syndication

    if not (data / "truth.json").is_file():
        raise click.ClickException(
            f"{data}: no truth.json there (the evaluation data lives in ../shared/data)"
        )
    out, _ = evaluate_syndication(data, tools, report=json_out)
    click.echo(out)


@evaluate.command("attribution")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=Path("../shared/data/polnear/dev"),
    show_default=True,
    help="A PolNeAR split: text/ and attributions/.",
)
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also keep the traced report here.")
def evaluate_attribution_cmd(data: Path, json_out: Path | None) -> None:
    """Trace a PolNeAR split and print score_attribution.py's span P/R/F1 (content, source, cue).

    Example: provenance evaluate attribution --data ../shared/data/polnear/dev
    """
    from .evaluate.attribution import evaluate_attribution

    if not (data / "text").is_dir():
        raise click.ClickException(f"{data}: no text/ folder (the evaluation data lives in ../shared/data)")
    click.echo(evaluate_attribution(data, json_out))


if __name__ == "__main__":  # pragma: no cover
    main()
