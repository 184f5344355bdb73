"""Command line: parses, calls the public API, prints. Nothing else lives here.

Exit status: 0 clean, 1 some inputs were skipped (each named on its own line), 2 usage
error (a path that does not exist, a crawl without a document, an unusable store), 3
internal error (a bug: one line, the traceback with ``-v``).  Everything printed passes
through :func:`provenance.textsafe.printable`, so names and titles taken from pages cannot
send escape sequences to the terminal.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.segment import Segment
from rich.text import Text

from . import __version__
from .errors import ProvenanceError
from .guard import Budgets
from .textsafe import LOG_FORMAT, PrintableFormatter, printable

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
                "--png",
                type=click.Path(path_type=Path),
                help="Pictures as PNG: a folder gets index.png (stories by size), story-N-ID.png per "
                "story and citations.png; a FILE.png gets the same names beside it.",
            ),
            click.option(
                "--svg", type=click.Path(path_type=Path), help="Pictures as SVG (the same names as --png)."
            ),
            click.option("--pretty", is_flag=True, help="Indented JSON for humans (compact by default)."),
        ]
    ):
        func = opt(func)
    return func


def _progress_bar(err: Console) -> Progress:
    """The stage progress bars on stderr (only on a terminal; gone when done)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _fetch_options(func: F) -> F:
    """The politeness flags shared by ``fetch`` and ``trace URL...``."""
    for opt in reversed(
        [
            click.option(
                "--delay",
                type=click.FloatRange(min=0),
                default=1.0,
                show_default=True,
                help="Seconds between two requests to one host (a longer robots.txt Crawl-delay wins).",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0, min_open=True),
                default=30.0,
                show_default=True,
                help="Seconds to connect and for each read (the whole response: 3x).",
            ),
            click.option(
                "--retries",
                type=click.IntRange(min=0),
                default=3,
                show_default=True,
                help="Retries on 429 and 5xx, with backoff.",
            ),
            click.option(
                "--max-wait",
                type=click.FloatRange(min=0),
                default=300.0,
                show_default=True,
                help="Longest Retry-After or Crawl-delay honoured; a longer one fails the URL.",
            ),
            click.option(
                "--allow-private",
                is_flag=True,
                help="Allow loopback and private addresses (a local test site).",
            ),
            click.option("--refresh", is_flag=True, help="Fetch again URLs the crawl already holds."),
            click.option(
                "--since", metavar="DATE", help="Only feed and sitemap entries dated on or after DATE (ISO)."
            ),
        ]
    ):
        func = opt(func)
    return func


def _run_fetch(sources: list[str], out: Path, options: Any, err: Console) -> Any:
    """Fetch with a progress bar; one stderr line per failed URL, then counters per host."""
    from .fetch import fetch as run_fetch

    with _progress_bar(err) as bar:
        task = bar.add_task("fetch", total=None)

        def failed(outcome: Any) -> None:
            if outcome.status == "failed":
                line = f"failed: {outcome.url}: {outcome.reason}"
                # a URL from a feed is the page's text: it must not reach the terminal raw
                line = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in line)
                err.print(line, markup=False, highlight=False, soft_wrap=True)

        try:
            result = run_fetch(
                sources,
                out,
                options,
                lambda _stage, done, total: bar.update(task, completed=done, total=total),
                failed,
            )
        except ProvenanceError as exc:
            raise click.ClickException(str(exc)) from None
    words = {
        "fetched": "fetched",
        "already": "already in the crawl",
        "expanded": "feeds/sitemaps read",
        "failed": "failed",
    }
    for host, counts in sorted(result.per_host().items()):
        err.print(
            f"{host}: " + ", ".join(f"{counts[k]} {w}" for k, w in words.items() if counts[k]),
            markup=False,
            soft_wrap=True,
        )
    total = sum(result.per_host().values(), Counter())
    err.print(
        f"{total['fetched']} fetched, {total['already']} already in the crawl, {total['failed']} failed -> {out}",
        markup=False,
        soft_wrap=True,
    )
    return result


def _fetch_settings(
    delay: float,
    timeout: float,
    retries: int,
    max_wait: float,
    allow_private: bool,
    refresh: bool,
    since: str | None,
    max_bytes: int,
) -> Any:
    from .fetch import FetchOptions, parse_since

    try:
        when = parse_since(since) if since else None
    except ValueError:
        raise click.BadParameter(
            f"{since!r} is not an ISO date (e.g. 2025-01-31)", param_hint="--since"
        ) from None
    return FetchOptions(
        delay=delay,
        timeout=timeout,
        retries=retries,
        max_wait=max_wait,
        max_bytes=max_bytes,
        allow_private=allow_private,
        refresh=refresh,
        since=when,
    )


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
    handler.addFilter(_OncePerMessage())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # The extraction libraries' complaints about a page's markup ("empty link: ...") are about
    # the page, not the run, and nobody can act on hundreds of them: shown from -v on.
    for name in _LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(
            logging.NOTSET if verbose > 1 else logging.WARNING if verbose else logging.ERROR
        )


_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")


class _OncePerMessage(logging.Filter):
    """The same warning about the same file is printed once, however many stages meet it."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[tuple[str, int, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, record.levelno, record.getMessage())
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def _verbosity(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """-v/-q given after a subcommand add to those given before it."""
    if ctx.resilient_parsing:
        return
    meta = ctx.meta
    if param.name == "verbose":
        meta["provenance.verbose"] = meta.get("provenance.verbose", 0) + (value or 0)
    elif value:
        meta["provenance.quiet"] = True
    _setup_logging(meta.get("provenance.verbose", 0), meta.get("provenance.quiet", False))


def _verbosity_params() -> list[click.Option]:
    return [
        click.Option(
            ["-v", "--verbose"],
            count=True,
            expose_value=False,
            callback=_verbosity,
            help="More log output (-vv for debug).",
        ),
        click.Option(
            ["-q", "--quiet"],
            is_flag=True,
            expose_value=False,
            callback=_verbosity,
            help="Only errors on stderr (no progress, no summary).",
        ),
    ]


class _Group(click.Group):
    """Every command added to a group takes -v/-q too, before or after its name.

    A :class:`ProvenanceError` escaping a command is one line and exit status 2, any other
    exception (a bug) one line and exit status 3 (the traceback with -v).
    """

    group_class = type  # subgroups are _Group as well

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

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        names = {o for p in cmd.params for o in getattr(p, "opts", [])}
        if "-q" not in names:
            cmd.params.extend(_verbosity_params())
        super().add_command(cmd, name)


def _quiet() -> bool:
    return bool(click.get_current_context().meta.get("provenance.quiet"))


def _note(message: str) -> None:
    """A line for the person at the terminal (stderr), silenced by -q."""
    if not _quiet():
        click.echo(message, err=True)


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


def _console(stderr: bool = False, width: int | None = None) -> Console:
    """A console that never writes a control character it was not asked to style with."""
    console = _PrintableConsole(stderr=stderr, width=width)
    console.push_render_hook(_EscapeHook())
    return console


def _stdout() -> Console:
    """The console for reports: a terminal's width there, and no hard wrap when piped (a URL
    split across lines is a URL nobody can grep)."""
    console = _console()
    return console if console.is_terminal else _console(width=100_000)


def _fail(message: str, status: int = EXIT_USAGE) -> NoReturn:
    """One line on stderr and the exit status (2: nothing could be traced as asked)."""
    click.echo(f"provenance: error: {printable(message)}", err=True)
    sys.exit(status)


def _check_paths(paths: tuple[str, ...]) -> None:
    """A run of missing paths is a mistake worth one line, not an empty report (a URL is
    fetched first, or refused by the fetcher with its reason)."""
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:  # the fetch package (warcio, feeds) is loaded only when a path is not a file
        from .fetch import looks_like_url

        missing = [p for p in missing if not looks_like_url(p)]
    if missing and len(missing) == len(paths):
        _fail(f"{', '.join(missing)}: no such file or directory")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr (no progress, no summary).")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Trace media provenance in a crawl of news pages: who published first, who copied
    whom (declared or not), who said what, and which outlets cite which.

    -v and -q work before or after the command's name.

    Example: provenance trace crawls/seeds --json report.json
    """
    ctx.meta["provenance.verbose"] = verbose
    ctx.meta["provenance.quiet"] = quiet
    _setup_logging(verbose, quiet)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=Path("provenance.db"),
    show_default=True,
    help="SQLite store; re-runs reuse what it holds.",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write the JSON report (provenance-report/1); - writes it to stdout instead of the report.",
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
@click.option(
    "--all-links",
    is_flag=True,
    help="Keep navigation links (menus, tags, footers: outside the article text) in the report.",
)
@_fetch_options
def trace(
    paths: tuple[str, ...],
    db: Path,
    json_out: Path | None,
    html_out: Path | None,
    graphml: Path | None,
    gexf: Path | None,
    prov: Path | None,
    png: Path | None,
    svg: Path | None,
    pretty: bool,
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
    all_links: bool,
    **fetch_flags: Any,
) -> None:
    """Trace the crawl(s) at PATHS (folders of .html/.htm/.txt[.gz] with an optional
    manifest.jsonl, WARC files, or JSONL files) and print the provenance report.  A URL
    among PATHS (a page, a feed or a sitemap) is first fetched, politely, into
    crawls/HOST-HASH (see `provenance fetch`); the same URLs again fetch nothing new.

    Bad files and failed URLs get one line each on stderr and are skipped. Exit status: 0
    clean, 1 when any input was skipped or any URL failed, 2 for a usage error (no such
    path, a crawl without a document, an unusable --db), 3 for an internal error.

    Example: provenance trace crawls/seeds --db seeds.db --json seeds.json --html seeds.html
    """
    from .pipeline import TraceOptions
    from .pipeline import trace as run_trace
    from .report.json_report import Report
    from .report.outputs import OutputPaths, is_stdout, write_outputs
    from .report.terminal import render

    _check_paths(paths)
    err = _console(stderr=True)
    urls = [p for p in paths if not Path(p).exists()]
    if urls:
        from .fetch import looks_like_url

        urls = [p for p in urls if looks_like_url(p)]
    crawls = [Path(p) for p in paths if p not in urls]
    fetch_failed = False
    if urls:
        from .fetch import crawl_folder

        folder = crawl_folder(urls)
        fetched = _run_fetch(urls, folder, _fetch_settings(max_bytes=max_bytes, **fetch_flags), err)
        fetch_failed = bool(fetched.failed)
        if folder.is_dir():
            crawls.insert(0, folder)
        if not crawls:
            _fail("no URL could be fetched, nothing to trace")
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
        all_links=all_links,
    )
    with _progress_bar(err) as bar:  # a ProvenanceError (an unusable --db, say): exit status 2
        tasks: dict[str, object] = {}

        def progress(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        result = run_trace(crawls, options, progress)
    s = result.stats
    if not result.articles:
        if not s.documents and not s.skipped:
            _fail(f"{', '.join(paths)}: no documents to trace (.html, .htm, .txt, JSONL or WARC)")
        _fail(f"{', '.join(paths)}: nothing could be traced ({s.skipped} skipped)", EXIT_SKIPPED)
    wanted = OutputPaths(json_out, html_out, graphml, gexf, prov, png, svg, pretty)
    if any(vars(wanted).values()):
        # the report a section at a time; the graph built only for GraphML or GEXF
        for path in write_outputs(
            Report(result), lambda: result.graph, wanted, note=_note, workers=options.workers
        ):
            _note(f"written: {path}")
    if not no_report and not is_stdout(json_out):
        render(result, _stdout(), limit=limit)
    _note(f"{s.stored} articles, {s.skipped} skipped, {s.warnings} warnings")
    if s.skipped or fetch_failed:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="The crawl folder (default crawls/HOST-HASH of the URLs given).",
)
@_fetch_options
@click.option(
    "--max-bytes", type=int, default=20_000_000, show_default=True, help="Fail a response larger than this."
)
def fetch(sources: tuple[str, ...], out: Path | None, **flags: Any) -> None:
    """Fetch SOURCES into a crawl folder (WARC files + manifest.jsonl) that `trace` reads.
    A source is a URL (a page, an RSS/Atom feed or a sitemap, expanded to its links) or a
    FILE: one URL a line, a CSV with a url column, or a saved feed or sitemap.

    Polite by default: robots.txt obeyed, one request at a time per host with --delay
    between them, retries with backoff on 429/5xx, public addresses only.  URLs already in
    the crawl are not fetched again, and a fetch that was killed resumes where it stopped.
    One line per failed URL on stderr; the exit status is 1 when any URL failed.

    Example: provenance fetch https://example.com/feed.xml --since 2025-01-01 --out crawls/example
    """
    from .fetch import crawl_folder

    result = _run_fetch(
        list(sources), out or crawl_folder(sources), _fetch_settings(**flags), _console(stderr=True)
    )
    if result.failed:
        sys.exit(EXIT_SKIPPED)


def _stored_report_exists(db: Path) -> None:
    from .store import Store

    if not db.exists():
        raise click.ClickException(f"{db}: no such store (run `provenance trace … --db {db}` first)")
    try:
        with Store(db) as store:
            traced = store.has_report()
    except ProvenanceError as exc:
        raise click.ClickException(str(exc)) from None
    if not traced:
        raise click.ClickException(f"{db}: holds no traced report yet (run `provenance trace` first)")


def _stored_report(db: Path) -> dict[str, Any]:
    from .store import Store

    _stored_report_exists(db)
    with Store(db) as store:
        report = store.latest_report()
    assert report is not None
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

    if not show_key(_stored_report(db), key, _stdout()):
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
    "--stories",
    default="",
    help="Also run the reuse engine on stories of this many near-duplicate pages (e.g. 10,100,1000,5000),"
    " and print how its time grows (the exponent).",
)
@click.option(
    "--memory",
    default="",
    help="Also trace generated news crawls of these sizes (e.g. 1000,10000,100000), each as a new"
    " `provenance trace` process, and print its peak RSS (per 1,000 pages too).",
)
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
    ctx: click.Context,
    sizes: str,
    real: Path | None,
    warc: int,
    stories: str,
    memory: str,
    fuzz: int,
    fuzz_seed: int,
    out: Path | None,
) -> None:
    """Benchmark (not a test): documents/s per stage, peak RSS, LSH query p50/p99, with
    datasketch's per-shingle update() and trafilatura's default extraction as baselines
    measured in the same run. Prints JSON.

    Example: provenance bench --sizes 1000,10000 --real ../shared/data/syndication-dev/crawl --warc 10000
    --stories 10,100,1000

    Example: provenance bench --fuzz 10000

    Example: provenance bench --sizes "" --memory 1000,10000,100000
    """
    import json

    from .bench import run

    if (fuzz or memory) and ctx.get_parameter_source("sizes") is click.core.ParameterSource.DEFAULT:
        sizes = ""
    figures = run(
        [int(x) for x in sizes.split(",") if x.strip()],
        real,
        warc or None,
        [int(x) for x in stories.split(",") if x.strip()],
        fuzz or None,
        fuzz_seed,
        [int(x) for x in memory.split(",") if x.strip()],
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
@click.option(
    "--json",
    "json_out",
    type=click.Path(path_type=Path, allow_dash=True),
    help="The JSON report again; - writes it to stdout (the summary then goes to stderr).",
)
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
    pretty: bool,
) -> None:
    """Summarise the provenance graph of the last trace (nodes and edges by kind, the most
    cited sources) and export it, from the store: nothing is re-traced.

    Example: provenance graph --db seeds.db --gexf seeds.gexf --svg seeds.svg
    """
    from collections import Counter

    from .report.exports import report_graph
    from .report.outputs import OutputPaths, is_stdout, write_outputs

    report = _stored_report(db)
    g = report_graph(report)
    say = _note if is_stdout(json_out) else click.echo  # stdout carries the JSON alone
    nodes = Counter(d.get("kind", "?") for _, d in g.nodes(data=True))
    edges = Counter(d.get("kind", "?") for *_, d in g.edges(data=True))
    say(f"{g.number_of_nodes()} nodes: " + ", ".join(f"{n} {k}" for k, n in nodes.most_common()))
    say(f"{g.number_of_edges()} edges: " + ", ".join(f"{n} {k}" for k, n in edges.most_common()))
    cited = Counter(
        g.nodes[u].get("label", u) for u, _, d in g.edges(data=True) if d.get("kind") in ("cites", "via")
    )
    for label, n in cited.most_common(10):
        say(f"  cited {n:4d}×  {printable(str(label))}")
    wanted = OutputPaths(json_out, html_out, graphml, gexf, prov, png, svg, pretty)
    for path in write_outputs(report, g, wanted, note=_note, workers=os.cpu_count() or 1):
        _note(f"written: {path}")


@main.group()
def export() -> None:
    """Write the store's tables for other tools.

    Example: provenance export csv tables/ --db seeds.db
    """


@export.command("csv")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=Path("provenance.db"),
    show_default=True,
    help="The store a trace wrote.",
)
def export_csv_cmd(folder: Path, db: Path) -> None:
    """Write every table of the store (articles, outlets, reuse, matches, quotes, speakers,
    citations, stories, claims, ...) as FOLDER/<table>.csv for a spreadsheet; the columns are
    those of the SQLite tables the README describes.

    Example: provenance export csv tables/ --db seeds.db
    """
    from .store import Store

    _stored_report_exists(db)
    with Store(db) as store:
        for path in store.export_csv(folder):
            _note(f"written: {path}")


def _data_option(default: str, help: str) -> Callable[[F], F]:
    """``--data``: where an evaluation or training set lives (read from ../shared/data)."""
    return click.option(
        "--data", type=click.Path(path_type=Path), default=Path(default), show_default=True, help=help
    )


def _tools_option(script: str) -> Callable[[F], F]:
    """``--tools``: the folder of the shared scorer ``script``."""
    return click.option(
        "--tools",
        type=click.Path(path_type=Path),
        default=Path("../shared/tools"),
        show_default=True,
        help=f"Where {script} lives.",
    )


def _labelled(data: Path) -> None:
    """A labelled crawl has its truth.json; say where the data lives when it does not."""
    if not (data / "truth.json").is_file():
        raise click.ClickException(
            f"{data}: no truth.json there (the evaluation data lives in ../shared/data)"
        )


@main.group()
def evaluate() -> None:
    """Measure quality on ../shared/data (extraction, attribution, syndication, real reuse).

    Example: provenance evaluate extraction --limit 100
    """


@evaluate.command("extraction")
@_data_option("../shared/data/trafilatura-eval", "The trafilatura evaluation set.")
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
@_data_option("../shared/data/syndication-dev", "A labelled crawl: crawl/ and truth.json.")
@_tools_option("score_syndication.py")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also keep the traced report here.")
def evaluate_syndication_cmd(data: Path, tools: Path, json_out: Path | None) -> None:
    """Trace the labelled crawl and print score_syndication.py's figures (reuse edges,
    citations, origins, undeclared copies).

    Example: provenance evaluate syndication --data ../shared/data/syndication-dev
    """
    from .evaluate.syndication import evaluate_syndication

    _labelled(data)
    out, _ = evaluate_syndication(data, tools, report=json_out)
    click.echo(out)


@evaluate.command("reuse")
@_data_option(
    "../shared/data/meter-dev",
    "Labelled real reuse: crawl/ and truth.json (METER: wire copy and newspapers).",
)
@_tools_option("score_real_reuse.py")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Keep the report JSON here.")
def evaluate_reuse_cmd(data: Path, tools: Path, json_out: Path | None) -> None:
    """Trace the labelled crawl and print score_real_reuse.py's figures (AUC derived vs non
    against the 3-gram baseline, direction, Spearman with the verbatim share), then our own
    summary (matches by kind, non-derived texts with a wire edge, the copy side alone).

    Example: provenance evaluate reuse --data ../shared/data/meter-dev
    """
    from .evaluate.reuse import evaluate_reuse

    _labelled(data)
    try:
        out, _ = evaluate_reuse(data, tools, report=json_out)
    except ProvenanceError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(out)


@evaluate.command("attribution")
@_data_option("../shared/data/polnear/dev", "A PolNeAR split: text/ and attributions/.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also keep the traced report here.")
def evaluate_attribution_cmd(data: Path, json_out: Path | None) -> None:
    """Trace a PolNeAR split and print score_attribution.py's span P/R/F1 (content, source, cue).

    Example: provenance evaluate attribution --data ../shared/data/polnear/dev
    """
    from .evaluate.attribution import evaluate_attribution

    if not (data / "text").is_dir():
        raise click.ClickException(f"{data}: no text/ folder (the evaluation data lives in ../shared/data)")
    click.echo(evaluate_attribution(data, json_out))


@main.command("train-cues")
@_data_option("../shared/data/polnear/train", "A PolNeAR split to learn from (text/ and attributions/).")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the model (default: the shipped provenance/data/models/cue_model.json).",
)
@click.option("--c", "c", type=float, default=0.3, show_default=True, help="Inverse L2 strength.")
def train_cues_cmd(data: Path, out: Path | None, c: float) -> None:
    """Retrain the cue model: which reporting-verb forms are cues in context (needs the
    ``train`` extra: scikit-learn).  Check the result with ``provenance evaluate attribution``.

    Example: provenance train-cues --data ../shared/data/polnear/train
    """
    from importlib import resources

    from .attribution.train_cues import train

    if not (data / "attributions").is_dir():
        raise click.ClickException(
            f"{data}: no attributions/ folder (the PolNeAR data lives in ../shared/data)"
        )
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise click.ClickException("scikit-learn is needed: pip install -e '.[train]'") from exc
    target = out or Path(str(resources.files("provenance").joinpath("data", "models", "cue_model.json")))
    meta = train(data, target, c)
    click.echo(f"written: {target}")
    click.echo(json.dumps(meta, indent=1))


if __name__ == "__main__":  # pragma: no cover
    main()
