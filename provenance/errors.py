"""One exception hierarchy for the whole package, and the plain value a bad input becomes.

Callers (the CLI, notebooks) catch :class:`ProvenanceError` to tell "bad input or bad
configuration" apart from programming errors.  Every error here pickles and unpickles to an
equal error (``__reduce__`` carries the constructor's arguments): an exception that cannot be
re-created in the parent process turns one bad page into a ``BrokenProcessPool`` that ends
the whole run.  What crosses a process boundary per document is a :class:`Problem`, a frozen
dataclass of strings, never a live exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ProvenanceError(Exception):
    """Base class of every error this package raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), tuple(self.args))


class UsageError(ProvenanceError):
    """The command itself cannot run as asked: a path that does not exist, a crawl without a
    single document, an unusable option value.  The CLI exits with status 2."""


class InputError(ProvenanceError):
    """A document (or a path) that cannot be read or understood.

    ``path`` names the file and ``reason`` says why in a few words, so the CLI can print
    one line per bad file and go on with the rest.  ``stage`` says which step refused it
    (``read``, ``extract``, ``attribute`` ...) and ``record`` is the line or record number
    inside a JSONL, WARC or manifest file (None for a whole file).
    """

    def __init__(self, path: str, reason: str, stage: str = "read", record: int | None = None) -> None:
        where = f"{path}:{record}" if record is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.reason = reason
        self.stage = stage
        self.record = record

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason, self.stage, self.record))

    def problem(self, skipped: bool = True) -> Problem:
        return Problem(self.path, self.reason, skipped, self.stage, self.record)


class ExtractionError(InputError):
    """A document was read but no article text could be extracted from it."""

    def __init__(self, path: str, reason: str, stage: str = "extract", record: int | None = None) -> None:
        super().__init__(path, reason, stage, record)


class BudgetExceeded(InputError):
    """A document went over one of its per-document budgets (time, bytes, nesting)."""

    def __init__(self, path: str, reason: str, stage: str = "budget", record: int | None = None) -> None:
        super().__init__(path, reason, stage, record)


class SignatureMismatchError(ProvenanceError):
    """Two MinHash signatures made with different seed, num_perm or shingle size were compared."""


class StoreError(ProvenanceError):
    """The SQLite store is unusable (wrong schema, corrupt file, locked)."""


class RegistryError(ProvenanceError):
    """An outlet registry file is malformed."""


class FetchError(InputError):
    """A URL that was not fetched: refused (scheme, private address, robots.txt) or failed
    (HTTP status, timeout, size cap).  ``path`` holds the URL, so it prints like a bad file."""

    def __init__(self, path: str, reason: str, stage: str = "fetch", record: int | None = None) -> None:
        super().__init__(path, reason, stage, record)


class CrawlError(ProvenanceError):
    """A crawl folder that cannot be written (in use by another fetch, unwritable)."""


@dataclass(frozen=True)
class Problem:
    """One bad input, as a plain value: the file, the reason, and whether it was skipped or
    only warned about.  ``stage`` is the step that refused or warned (``read``, ``extract``,
    ``attribute``, ``budget``, ``internal``); ``record`` the line or record number inside a
    JSONL, WARC or manifest file."""

    path: str
    reason: str
    skipped: bool = True
    stage: str = "read"
    record: int | None = None

    @property
    def where(self) -> str:
        """``path`` or ``path:record``: what a problem line names."""
        return f"{self.path}:{self.record}" if self.record is not None else self.path
