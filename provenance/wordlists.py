"""Word lists shipped as data: ``provenance/data/en/<concern>.json``, read once per process.

The rules keep their logic in code and their vocabularies here, so a list can be read,
reviewed or swapped (another language) without touching a rule, and a change to a list
changes the attribution cache key (:func:`fingerprint`) like a change to the code does.  Each
file is one concern (the cue verbs, function-word classes, name words, one rule module's
words); each entry is a list of words, or a table of them.  What each file holds is listed in
``provenance/data/en/README.md``.

Everything returned is immutable (``frozenset``, ``tuple``, read-only mappings); a file is
parsed once (:func:`functools.cache`), however many modules read it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

from .errors import ProvenanceError

LANGUAGE = "en"


class WordListError(ProvenanceError):
    """A shipped word-list file is missing, malformed or lacks an entry the rules ask for."""


def _folder() -> Traversable:
    return resources.files("provenance").joinpath("data", LANGUAGE)


@functools.cache
def _load(concern: str) -> Mapping[str, Any]:
    path = _folder().joinpath(f"{concern}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WordListError(f"word list {LANGUAGE}/{concern}.json: {exc}") from exc
    if not isinstance(data, dict):
        raise WordListError(f"word list {LANGUAGE}/{concern}.json: not a JSON object")
    return MappingProxyType(data)


def _entry(concern: str, name: str, kind: type) -> Any:
    value = _load(concern).get(name)
    if not isinstance(value, kind):
        raise WordListError(f"word list {LANGUAGE}/{concern}.json: no {kind.__name__} {name!r}")
    return value


@functools.cache
def words(concern: str, name: str) -> frozenset[str]:
    """The word set ``name`` of ``concern`` (a look-up table for the rules; built once, as
    its file is read once: rules ask for it inside their loops)."""
    return frozenset(_entry(concern, name, list))


def word_list(concern: str, name: str) -> tuple[str, ...]:
    """The words ``name`` of ``concern`` in file order (where order matters: the first base
    verb to claim a form keeps it)."""
    return tuple(_entry(concern, name, list))


def forms(concern: str, name: str) -> Mapping[str, tuple[str, ...]]:
    """A table of word lists (``base -> its forms``, ``particle -> the verbs before it``)."""
    return MappingProxyType({k: tuple(v) for k, v in _entry(concern, name, dict).items()})


def table(concern: str, name: str) -> Mapping[str, str]:
    """A word-to-word table (``form -> base``)."""
    return MappingProxyType(dict(_entry(concern, name, dict)))


@functools.cache
def fingerprint() -> str:
    """Hash of every shipped word-list file (a key of cached outputs built from them)."""
    h = hashlib.sha1()
    for f in sorted(_folder().iterdir(), key=lambda p: p.name):
        if f.name.endswith(".json"):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()
