from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from provenance.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            out += _commands(cmd, prefix + (name,))
        else:
            out.append(prefix + (name,))
    return out


@pytest.mark.parametrize("cmd", _commands(main), ids=lambda c: " ".join(c) or "provenance")
def test_every_command_has_help_with_an_example(cmd: tuple[str, ...]) -> None:
    res = CliRunner().invoke(main, [*cmd, "--help"])
    assert res.exit_code == 0, res.output
    assert "Example:" in res.output


def test_trace_seeds_prints_report_and_writes_json(tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "r.json"
    res = CliRunner().invoke(
        main, ["trace", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--json", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "Caliber.Az" in res.output and "Iranian media" in res.output
    assert "thenationalnews.com" in res.output
    assert "not near-duplicates" in res.output
    rep = json.loads(out.read_text())
    assert rep["schema"] == "provenance-report/1"
    for key in ("articles", "reuse", "quotes", "attributions", "links", "stories", "graph"):
        assert key in rep


def test_bad_inputs_get_one_line_each_and_the_run_goes_on(tmp_path: Path, seeds_dir: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "empty.html").write_bytes(b"")
    (crawl / "junk.html").write_bytes(bytes(range(256)) * 64)
    with (crawl / "huge.html").open("wb") as fh:
        fh.write(
            b"<html><body>" + b"<p>word word word word.</p>" * (50 * 1024 * 1024 // 27) + b"</body></html>"
        )
    (crawl / "latin1.html").write_bytes(
        "<html><head><meta charset='utf-8'><title>Caf\u00e9</title></head><body><p>".encode()
        + "Le caf\u00e9 est ouvert depuis des ann\u00e9es. ".encode("latin-1") * 20
        + b"</p></body></html>"
    )
    (crawl / "good.txt").write_text("A headline\nThe mayor said the bridge will reopen on Monday.\n")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "provenance.cli",
            "trace",
            str(crawl),
            "--no-report",
            "--db",
            str(tmp_path / "b.db"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 1, res.stderr
    lines = res.stderr.splitlines()
    for name, reason in [
        ("empty.html", "empty"),
        ("junk.html", "binary"),
        ("huge.html", "too large"),
    ]:
        hits = [ln for ln in lines if name in ln]
        assert len(hits) == 1 and reason in hits[0], (name, lines)
    assert any("latin1.html" in ln for ln in lines)  # a warning naming the file: decoded, not skipped
    assert "2 articles, 3 skipped" in res.stderr


def _write_crawl(folder: Path, n: int) -> None:
    from provenance.bench import synthetic_texts

    folder.mkdir()
    for start in range(0, n, 1000):
        for k, text in enumerate(synthetic_texts(min(1000, n - start), seed=7, start=start, words=60)):
            i = start + k
            (folder / f"{i:05d}.html").write_text(
                f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
                f"<p>{text}.</p></article></body></html>"
            )


def test_killed_run_keeps_its_work_and_the_rerun_completes_it(tmp_path: Path) -> None:
    crawl, db = tmp_path / "crawl", tmp_path / "k.db"
    n = 10_000
    _write_crawl(crawl, n)
    cmd = [sys.executable, "-m", "provenance.cli", "-q", "trace", str(crawl), "--db", str(db), "--no-report"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db) as con:
                stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= n // 3:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n, "the kill must land half-way"
    subprocess.run(cmd, check=True, timeout=1200)
    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        paths = [r[0] for r in con.execute("SELECT path FROM articles")]
    assert len(ids) == n == len(set(ids)) == len(set(paths))


def test_show_answers_from_the_store_without_retracing(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "show.db"
    runner = CliRunner()
    assert runner.invoke(main, ["trace", str(seeds_dir), "--db", str(db), "--no-report"]).exit_code == 0
    res = runner.invoke(main, ["show", "001_708a75505551bf43.txt", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "Caliber.Az" in res.output and "Aghakazim Guliyev" in res.output
    res = runner.invoke(main, ["show", "no-such-thing", "--db", str(db)])
    assert res.exit_code == 1 and "no-such-thing" in res.output
    res = runner.invoke(main, ["show", "x", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code == 1 and "missing.db" in res.output
