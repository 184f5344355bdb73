"""The per-document boundary: budgets, a time limit, and every failure turned into a value.

A crawl is written by strangers, so any page may hit a bug in a parser we do not own, a
quadratic corner of one we do, or simply be absurd (a 25 MB single line, 100,000 nested
elements).  A run must never end or stall over one page.  :func:`guarded` runs one
per-document step under a time limit, catches *any* exception, and returns either the step's
result or a :class:`~provenance.errors.Problem` naming the file, the stage and the reason.
Warnings that libraries log while the step runs are captured and returned with the file's
name, instead of reaching stderr as lines that name no file.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import BudgetExceeded, InputError, Problem

log = logging.getLogger(__name__)

T = TypeVar("T")

PACKAGE = __name__.split(".")[0]


@dataclass(frozen=True)
class Budgets:
    """Per-document limits; a document over one is skipped or cut, with a line saying so.

    ``max_bytes``: size of a document as read (after gunzip).  ``max_seconds``: wall time of
    one document's extraction, and again of its attribution (0 = no limit).
    ``max_paragraph_chars``: longer paragraphs are split into pieces of at most this many
    characters (the text itself is unchanged), so per-paragraph work stays bounded.
    ``max_depth``: markup nested deeper than this is read as plain text below that depth.
    ``max_output_chars``: text a document's attribution may produce (quotations and citation
    evidence); past it the article is kept without them.  A real article's come to tens of
    kilobytes; a page that repeats "according to Reuters, the minister said that" for 150,000
    characters on one line made 4,000 citations each carrying that line as evidence.
    """

    max_bytes: int = 20 * 1024 * 1024
    max_seconds: float = 60.0
    max_paragraph_chars: int = 20_000
    max_depth: int = 512
    max_output_chars: int = 2_000_000


class _Timeout(BaseException):
    """Raised by the alarm inside the guarded step; a BaseException so that no
    ``except Exception`` in library code swallows it and carries on past the budget."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_Timeout` in this thread after ``seconds`` (no limit when it cannot be
    armed: 0 seconds, not the main thread, or no ``SIGALRM`` on this platform)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def captured_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect the warnings any logger emits meanwhile, instead of printing them.

    The root logger's handlers are set aside for the duration (in a worker process there are
    none, and Python's last-resort handler would print the bare message).
    """
    root = logging.getLogger()
    capture = _Capture()
    saved = root.handlers[:]
    root.handlers = [capture]
    try:
        yield capture.records
    finally:
        root.handlers = saved


@dataclass(frozen=True)
class Outcome:
    """What a guarded step gives back: its value or a problem, plus the warnings it logged
    (``own``: this package's, which become notes on the document; ``chatter``: third-party
    libraries', logged by the caller with the file's name at info level)."""

    value: Any
    own: tuple[str, ...] = ()
    chatter: tuple[str, ...] = ()


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a library's malformed log call must not become our crash
        return str(record.msg)


def guarded(
    fn: Callable[..., T], *args: Any, path: str, stage: str, seconds: float = 0.0, record: int | None = None
) -> Outcome:
    """Run ``fn(*args)`` for one document; never raises (except to stop the process).

    Returns an :class:`Outcome` whose ``value`` is ``fn``'s result, or a :class:`Problem`:
    an :class:`InputError` keeps its own reason and stage, the time limit gives a ``budget``
    problem, and anything else an ``internal`` problem naming the exception, so a bug shows
    up as a counted line about one file rather than a traceback that ends the run.
    """
    value: Any
    with captured_warnings() as records:
        try:
            with time_limit(seconds):
                value = fn(*args)
        except _Timeout:
            value = BudgetExceeded(
                path, f"{stage} took longer than {seconds:g} s (see --max-seconds)"
            ).problem()
        except InputError as exc:
            value = (
                exc.problem()
                if exc.record is not None or record is None
                else Problem(exc.path, exc.reason, True, exc.stage, record)
            )
        except RecursionError:
            value = Problem(path, f"{stage} failed: input nested too deeply", True, "internal", record)
        except MemoryError:
            value = Problem(path, f"{stage} failed: out of memory", True, "internal", record)
        except Exception as exc:  # the boundary: any bug on any input costs one document
            log.debug("%s: %s failed", path, stage, exc_info=True)
            detail = str(exc).splitlines()[0][:120] if str(exc) else ""
            reason = f"{stage} failed: {type(exc).__name__}{': ' + detail if detail else ''}"
            value = Problem(path, reason, True, "internal", record)
    own: list[str] = []
    chatter: list[str] = []
    for r in records:
        msg = _message(r)
        (own if r.name.split(".")[0] == PACKAGE else chatter).append(msg)
    return Outcome(value, tuple(dict.fromkeys(own)), tuple(dict.fromkeys(chatter)))
