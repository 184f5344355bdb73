from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

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
            str(tmp_path / "nope"),
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
        ("nope", "no such file"),
    ]:
        hits = [ln for ln in lines if name in ln]
        assert len(hits) == 1 and reason in hits[0], (name, lines)
    assert any("latin1.html" in ln for ln in lines)  # a warning naming the file: decoded, not skipped
    assert "2 articles, 4 skipped" in res.stderr


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


# --------------------------------------------------------------------------- Unix manners


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, stdout a pipe (not a terminal), as a user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "provenance.cli", *args], capture_output=True, text=True, timeout=600, cwd=cwd
    )


def test_json_dash_goes_to_stdout_alone(tmp_path: Path, seeds_dir: Path) -> None:
    res = _run("trace", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--json", "-", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)  # nothing else on stdout: no printed report
    assert report["schema"] == "provenance-report/1" and len(report["articles"]) == 2
    assert not (tmp_path / "-").exists()
    res = _run("graph", "--db", str(tmp_path / "s.db"), "--json", "-", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["articles"] == report["articles"]
    assert "nodes:" in res.stderr  # the summary moved to stderr


def test_piped_output_is_not_wrapped(tmp_path: Path, seeds_dir: Path) -> None:
    res = _run("trace", str(seeds_dir), "--db", str(tmp_path / "s.db"))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    urls = [ln.url for a in trace_articles(tmp_path / "s.db") for ln in a.links]
    assert max(len(u) for u in urls) > 80  # longer than a terminal's 80 columns
    for url in urls:
        assert any(url in line for line in lines), url  # grep finds every URL whole
    assert 120 < max(len(line) for line in lines) < 1000  # long lines whole; rules still 80 wide


def trace_articles(db: Path) -> list[Any]:
    from provenance.store import Store

    with Store(db) as s:
        return list(s.iter_articles())


@pytest.mark.parametrize("cmd", [c for c in _commands(main) if c], ids=lambda c: " ".join(c))
def test_every_command_takes_quiet_and_verbose_after_its_name(cmd: tuple[str, ...]) -> None:
    for flag in ("-q", "--quiet", "-v", "-vv", "--verbose"):
        res = CliRunner().invoke(main, [*cmd, flag, "--help"])
        assert res.exit_code == 0, (flag, res.output)


def test_quiet_after_the_command_silences_stderr(tmp_path: Path, seeds_dir: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        main,
        [
            "trace",
            str(seeds_dir),
            "--db",
            str(tmp_path / "s.db"),
            "--json",
            str(tmp_path / "r.json"),
            "--no-report",
            "-q",
        ],
    )
    assert res.exit_code == 0 and res.stderr == "" and res.stdout == ""
    res = runner.invoke(main, ["trace", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--no-report"])
    assert "2 articles, 0 skipped, 0 warnings" in res.stderr


def test_a_warning_is_printed_once_and_counted(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "a.html").write_text(
        '<html><head><title>Bridge reopens</title><meta property="article:published_time" '
        'content="2024-01-01T10:00:00Z"></head><body><article><h1>Bridge reopens</h1><p>The bridge '
        "reopened on Monday after months of repairs, the mayor said in a statement at the town hall.</p>"
        '<p>Earlier: <a href="https://townpost.example/2024/12/13/bridge-closed">bridge closed</a>, and '
        "more words so that the article is long enough.</p></article></body></html>"
    )
    res = _run("trace", str(crawl), "--db", str(tmp_path / "w.db"), "--json", str(tmp_path / "w.json"))
    assert res.returncode == 0, res.stderr
    warned = [ln for ln in res.stderr.splitlines() if "a.html" in ln]
    assert len(warned) == 1 and "contradictory" in warned[0], res.stderr
    assert "1 articles, 0 skipped, 1 warnings" in res.stderr
    assert "0 skipped, 1 warnings" in res.stdout  # the printed report agrees with the summary
    assert len(json.loads((tmp_path / "w.json").read_text())["problems"]) == 1


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: str(tmp / "no-such-crawl"), "no such file or directory"),
        (lambda tmp: (tmp / "empty").mkdir() or str(tmp / "empty"), "no documents to trace"),
        # (a URL is fetched, then traced, or refused with its reason: tests/test_fetch.py)
    ],
    ids=["missing", "empty"],
)
def test_nothing_to_trace_is_one_line_and_status_2(tmp_path: Path, make: Any, words: str) -> None:
    res = _run("trace", make(tmp_path), "--db", str(tmp_path / "n.db"))
    assert res.returncode == 2
    assert res.stdout == ""
    assert len(res.stderr.strip().splitlines()) == 1 and words in res.stderr, res.stderr


def test_page_markup_complaints_of_libraries_need_verbose(tmp_path: Path) -> None:
    """trafilatura warns "empty link" for a link without text: hundreds of such lines in an
    evaluation said nothing a user could act on (and the summary did not count them)."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "a.html").write_text(
        "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
        "<p>The bridge reopened on Monday after months of repairs, the mayor said at the town hall.</p>"
        '<p>Photos of the work <a href="https://town.example/photos"> </a> were published by the '
        "council, which said the repairs cost less than planned.</p></article></body></html>"
    )
    res = _run("trace", str(crawl), "--db", str(tmp_path / "e.db"), "--no-report")
    assert res.returncode == 0 and "empty link" not in res.stderr, res.stderr
    res = _run("-v", "trace", str(crawl), "--db", str(tmp_path / "v.db"), "--no-report")
    assert "empty link" in res.stderr
