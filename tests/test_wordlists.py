"""The quote pass's word lists as data: well-formed, documented, loaded once, keyed into the cache."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from provenance import wordlists as W
from provenance.attribution import cues as C
from provenance.attribution.registry import Registry

DATA = Path(str(resources.files("provenance").joinpath("data", "en")))


def _files() -> list[Path]:
    return sorted(DATA.glob("*.json"))


def test_every_list_is_unique_single_words_and_every_table_maps_words() -> None:
    assert _files()
    for f in _files():
        data = json.loads(f.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data, f.name
        for name, entry in data.items():
            values = entry if isinstance(entry, list) else list(entry.values())
            if isinstance(entry, dict):
                assert all(isinstance(k, str) and k and " " not in k for k in entry), (f.name, name)
                values = [w for v in values for w in (v if isinstance(v, list) else [v])]
            assert values and all(isinstance(w, str) and w and not w.isspace() for w in values), (
                f.name,
                name,
            )
            assert all(" " not in w for w in values), (f.name, name)
            if isinstance(entry, list):
                assert len(set(entry)) == len(entry), (f.name, name, "duplicate words")


def test_the_readme_says_what_every_file_holds() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for f in _files():
        assert f"`{f.name}`" in readme, f.name


def test_the_rules_read_the_lists_from_the_data() -> None:
    data = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    assert frozenset(data["not_cues"]) == C.NOT_CUES
    assert dict(C.GATED_CUES) == data["gated_cues"]
    assert C.IRREGULAR["say"] == tuple(data["irregular"]["say"])
    # forms are generated from the bases in file order; a form the data leaves out is no cue
    assert C.CUE_FORMS["slammed"] == "slam" and "states" not in C.CUE_FORMS


def test_a_missing_entry_or_file_is_a_word_list_error() -> None:
    with pytest.raises(W.WordListError, match="no list 'no_such_entry'"):
        W.words("cues", "no_such_entry")
    with pytest.raises(W.WordListError, match="no_such_concern"):
        W.words("no_such_concern", "x")


def test_the_lists_key_the_attribution_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance import pipeline

    copy = tmp_path / "en"
    shutil.copytree(DATA, copy)
    monkeypatch.setattr(W, "_folder", lambda: copy)
    W.fingerprint.cache_clear()
    try:
        registry = Registry.load()
        before = pipeline.attribution_version(registry)
        data = json.loads((copy / "grammar.json").read_text(encoding="utf-8"))
        data["time_words"].append("fortnight")
        (copy / "grammar.json").write_text(json.dumps(data), encoding="utf-8")
        W.fingerprint.cache_clear()
        assert pipeline.attribution_version(registry) != before
    finally:
        W.fingerprint.cache_clear()
