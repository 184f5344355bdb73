"""One exception hierarchy for the whole package.

Callers (the CLI, notebooks) catch :class:`ProvenanceError` to tell "bad input or bad
configuration" apart from programming errors, which are left to propagate.
"""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(ProvenanceError):
    """A document (or a path) that cannot be read or understood.

    ``path`` names the file and ``reason`` says why in a few words, so the CLI can print
    one line per bad file and go on with the rest.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ExtractionError(InputError):
    """A document was read but no article text could be extracted from it."""


class SignatureMismatchError(ProvenanceError):
    """Two MinHash signatures made with different seed, num_perm or shingle size were compared."""


class StoreError(ProvenanceError):
    """The SQLite store is unusable (wrong schema, corrupt file, locked)."""


class RegistryError(ProvenanceError):
    """An outlet registry file is malformed."""


class FetchError(InputError):
    """A URL that was not fetched: refused (scheme, private address, robots.txt) or failed
    (HTTP status, timeout, size cap).  ``path`` holds the URL, so it prints like a bad file."""


class CrawlError(ProvenanceError):
    """A crawl folder that cannot be written (in use by another fetch, unwritable)."""
