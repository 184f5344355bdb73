"""Hostile crawls, generated: the inputs of the fuzz tests and of ``provenance bench --fuzz``.

A crawl is written by strangers, so the run's promises (no input crashes it, no input hangs
it, nothing is dropped without a line) are checked against what strangers write: random
bytes, mutated news pages, absurd nesting, megabyte single lines and attributes, wrong
encodings, gzip bombs and corrupt gzip, JSONL and manifests with wrong types, truncated
WARC, odd file names, symbolic links, FIFOs, escape sequences and script in titles.
Everything is generated from a seed (nothing downloaded), so a failure can be replayed.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from .textsafe import path_text


@cache
def _vocabulary() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads((Path(__file__).parent / "data" / "fuzz.json").read_text("utf-8"))
    return data


@dataclass(frozen=True)
class FuzzInput:
    """One generated input: where it is and what kind of hostility it carries."""

    path: Path
    kind: str


def _prose(rng: random.Random, words: int) -> str:
    out: list[str] = []
    for k in range(words):
        w = rng.choice(_vocabulary()["words"])
        out.append(w.capitalize() if k == 0 or out[-1].endswith(".") else w)
        if rng.random() < 0.08:
            out[-1] += "."
    return " ".join(out) + "."


def news_page(rng: random.Random, i: int, title: str | None = None) -> str:
    """A plausible news page: title, byline, dated metadata, quotations, links, chrome."""
    title = title or f"Story {i}: " + _prose(rng, 8).rstrip(".")
    paras = []
    for _ in range(rng.randint(2, 8)):
        who = rng.choice(_vocabulary()["names"])
        paras.append(f'<p>{_prose(rng, rng.randint(10, 60))} "{_prose(rng, 12)}" {who} said.</p>')
        if rng.random() < 0.3:
            paras.append(
                f'<p>According to <a href="https://news{rng.randint(1, 9)}.example/2024/06/{rng.randint(10, 28)}/x">{who}</a>, {_prose(rng, 20)}</p>'
            )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='Outlet {i % 7}'>"
        f"<meta property='article:published_time' content='2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}'>"
        "<script>var a = 1 < 2 && '</div>';</script><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a><a href='/world'>World</a></nav><article>"
        f"<h1>{title}</h1><div class='byline'>By {rng.choice(_vocabulary()['names'])}</div>"
        + "".join(paras)
        + "</article><footer>Copyright</footer></body></html>"
    )


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        op = rng.random()
        pos = rng.randrange(len(buf) + 1)
        if op < 0.3 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op < 0.5:
            buf[pos:pos] = bytes(
                rng.choice(b"<>&\"'/!-=[]\x00\xff\xfe\x1b") for _ in range(rng.randint(1, 8))
            )
        elif op < 0.65:
            del buf[pos : pos + rng.randint(1, 200)]
        elif op < 0.8 and buf:
            a = rng.randrange(len(buf))
            buf[pos:pos] = buf[a : a + rng.randint(1, 400)] * rng.randint(1, 20)
        elif op < 0.9:
            del buf[pos:]
        else:
            buf[pos:pos] = rng.choice(
                [b"<![sw[ x ]]>", b"<!--", b"<a b", b"<table>" * 50, b"\xef\xbb\xbf", b"&#0;&#xD800;"]
            )
    return bytes(buf)


Writer = Callable[[random.Random, Path, int, float], list[FuzzInput]]


def _one(path: Path, kind: str, data: bytes) -> list[FuzzInput]:
    path.write_bytes(data)
    return [FuzzInput(path, kind)]


def _random_bytes(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    n = rng.choice([0, 1, 7, 512, 4096, int(200_000 * scale)])
    return _one(d / f"{i:06d}-random.html", "random-bytes", rng.randbytes(n))


def _mutated(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    data = _mutate(rng, news_page(rng, i).encode())
    suffix = rng.choice([".html", ".htm", ".txt", ".xhtml"])
    return _one(d / f"{i:06d}-mutated{suffix}", "mutated-page", data)


def _deep(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    depth = max(10, int(rng.choice([300, 1000, 10_000, 100_000]) * scale))
    tag = rng.choice(["div", "span", "b", "font", "p", "table"])
    body = (
        f"<{tag}>" * depth
        + "The mayor said the bridge reopens."
        + (f"</{tag}>" * depth if rng.random() < 0.5 else "")
    )
    return _one(d / f"{i:06d}-deep.html", "deep-nesting", f"<html><body>{body}</body></html>".encode())


def _long_line(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    size = int(rng.uniform(1, 25) * 1_000_000 * scale)
    unit = rng.choice(["word ", 'He said "yes" and she said "no". ', "x", "<a b ", "&amp;", "< "])
    line = (unit * (size // len(unit) + 1))[:size]
    data = (f"<html><body><p>{line}</p></body></html>" if rng.random() < 0.6 else line).encode()
    return _one(d / f"{i:06d}-longline.{rng.choice(['html', 'txt'])}", "long-line", data)


def _big_attribute(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    size = int(rng.uniform(1, 5) * 1_000_000 * scale)
    attr = rng.choice(["x", '"', "'", "<", " "]) * size
    data = f"<html><body><p title='{attr}'>The mayor said hello.</p><img alt=\"{attr}\"></body></html>"
    return _one(d / f"{i:06d}-attr.html", "big-attribute", data.encode("utf-8", "surrogatepass"))


def _encoding(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    page = news_page(rng, i, title="Caf\u00e9 na\u00efve \u2014 \u201cquoted\u201d \u0418\u0440\u0430\u043a")
    variants: dict[str, Callable[[], bytes]] = {
        "latin1-says-utf8": lambda: page.encode("latin-1", "replace"),
        "utf16-no-bom": lambda: page.encode("utf-16-le"),
        "utf16-bom": lambda: page.encode("utf-16"),
        "utf32": lambda: page.encode("utf-32"),
        "utf8-bad-bytes": lambda: _sprinkle(
            rng, page.encode(), [b"\xff", b"\xc3", b"\x80\x80", b"\xed\xa0\x80"]
        ),
        "bom-lies": lambda: b"\xff\xfe" + page.encode(),
        "cp1252-undefined": lambda: page.encode("utf-8") + b"\x81\x8d\x8f\x90\x9d" * 20,
        "declared-bogus": lambda: page.replace("utf-8", "x-no-such-charset").encode(),
        "shift-jis": lambda: ("\u30cb\u30e5\u30fc\u30b9 " * 200).encode("shift_jis"),
    }
    name = rng.choice(sorted(variants))
    return _one(d / f"{i:06d}-enc-{name}.html", "bad-encoding", variants[name]())


def _sprinkle(rng: random.Random, data: bytes, bits: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        pos = rng.randrange(len(buf))
        buf[pos:pos] = rng.choice(bits)
    return bytes(buf)


def _gzip(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    page = news_page(rng, i).encode()
    kind = rng.choice(["ok", "bomb", "corrupt-deflate", "truncated", "not-gzip", "trailing-garbage"])
    if kind == "bomb":
        raw = gzip.compress(b"\0" * int(50_000_000 * scale) + page, compresslevel=9)
    else:
        raw = gzip.compress(page * 20)
        if kind == "corrupt-deflate":
            buf = bytearray(raw)
            for k in range(20, min(len(buf) - 8, 60)):
                buf[k] ^= 0xA5
            raw = bytes(buf)
        elif kind == "truncated":
            raw = raw[: len(raw) // 2]
        elif kind == "not-gzip":
            raw = page
        elif kind == "trailing-garbage":
            raw += rng.randbytes(100)
    return _one(d / f"{i:06d}-gz-{kind}.html.gz", "gzip", raw)


def _jsonl(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    lines: list[bytes] = []
    for k in range(rng.randint(1, 12)):
        pick = rng.random()
        good = {
            "url": f"https://j{i}.example/{k}",
            "html": news_page(rng, i * 100 + k),
            "fetched_at": "2024-05-01T10:00:00Z",
        }
        if pick < 0.4:
            lines.append(json.dumps(good).encode())
        elif pick < 0.5:
            lines.append(json.dumps({"text": _prose(rng, 80), "url": 5, "fetched_at": {}}).encode())
        elif pick < 0.6:
            lines.append(b"[" * rng.choice([100, 100_000]))
        elif pick < 0.65:
            lines.append(b'{"html": "<p>x\\ud800y said the mayor</p>"}')
        elif pick < 0.7:
            lines.append(json.dumps(good).encode().replace(b"the", b"th\xff", 1))
        elif pick < 0.75:
            lines.append(json.dumps([1, 2, 3]).encode())
        elif pick < 0.8:
            lines.append(json.dumps({"html": None, "text": ["a"]}).encode())
        elif pick < 0.85:
            lines.append(json.dumps({"html": "   "}).encode())
        elif pick < 0.9:
            lines.append(json.dumps({"text": _prose(rng, 50), "fetched_at": "yesterday"}).encode())
        else:
            lines.append(rng.randbytes(rng.randint(1, 300)).replace(b"\n", b""))
    return _one(d / f"{i:06d}-records.jsonl", "jsonl", b"\n".join(lines) + rng.choice([b"\n", b""]))


def _warc_bytes(pages: list[tuple[str, bytes]], compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for url, body in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
        )
    return out.getvalue()


def _warc(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    pages = [
        (f"https://w{i}.example/{k}", news_page(rng, i * 10 + k).encode()) for k in range(rng.randint(1, 4))
    ]
    compress = rng.random() < 0.5
    data = _warc_bytes(pages, compress)
    kind = rng.choice(["ok", "truncated", "garbage-after-version", "flipped", "header-garbage"])
    if kind == "truncated":
        data = data[: rng.randrange(10, len(data))]
    elif kind == "garbage-after-version":
        data = b"WARC/1.0\r\n" + rng.randbytes(rng.randint(10, 5000))
    elif kind == "flipped":
        data = _mutate(rng, data)
    elif kind == "header-garbage":
        data = b"WARC/1.0\r\n" + b"garbage line\r\n" * 100
    suffix = ".warc.gz" if compress else ".warc"
    return _one(d / f"{i:06d}-{kind}{suffix}", "warc", data)


def _odd_name(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    odd = rng.choice(
        [
            b"bad\xff\xfename",
            b"esc\x1b]0;pwned\x07\x1b[2J",
            b"new\nline",
            b"-rf --help",
            b"tab\there",
            "\u202etxt".encode(),
            b"x" * 200,
            b"spaces and 'quotes\"",
        ]
    )
    name = f"{i:06d}-".encode() + odd + b".html"
    path = Path(os.fsdecode(os.path.join(os.fsencode(d), name)))
    return _one(
        path, "odd-name", news_page(rng, i, title=rng.choice(_vocabulary()["hostile_titles"])).encode()
    )


def _symlink(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    kind = rng.choice(["outside", "dev-zero", "dev-null", "dangling", "loop", "inside", "dir-outside"])
    link = d / f"{i:06d}-link-{kind}.html"
    if kind == "outside":
        target = "/etc/hostname" if os.path.exists("/etc/hostname") else "/etc/passwd"
        os.symlink(target, link)
    elif kind == "dev-zero":
        os.symlink("/dev/zero", link)
    elif kind == "dev-null":
        os.symlink("/dev/null", link)
    elif kind == "dangling":
        os.symlink(d / "no-such-target.html", link)
    elif kind == "loop":
        other = d / f"{i:06d}-link-loop-b.html"
        os.symlink(other, link)
        os.symlink(link, other)
        return [FuzzInput(link, "symlink"), FuzzInput(other, "symlink")]
    elif kind == "inside":
        real = d / f"{i:06d}-real.html"
        real.write_text(news_page(rng, i))
        os.symlink(real.name, link)
        return [FuzzInput(link, "symlink"), FuzzInput(real, "symlink")]
    else:
        link = d / f"{i:06d}-linkdir"
        os.symlink("/etc", link)
    return [FuzzInput(link, "symlink")]


def _fifo(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    path = d / f"{i:06d}-fifo.html"
    if not hasattr(os, "mkfifo"):  # pragma: no cover - Windows
        return _random_bytes(rng, d, i, scale)
    os.mkfifo(path)
    return [FuzzInput(path, "fifo")]


def _markup_bomb(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    size = int(rng.uniform(0.1, 2.0) * 1_000_000 * scale)
    unit = rng.choice(
        ["x <a b", "<p ", "<a", '<a b="x', "<!--<a", "<![CDATA[", "<?x", "</a b", "<a b='", "<!", "&#"]
    )
    body = (unit * (size // len(unit) + 1))[:size]
    frame = rng.random() < 0.5
    data = f"<html><body><p>The mayor said hi.</p>{body}" if frame else body
    return _one(d / f"{i:06d}-bomb.html", "markup-bomb", data.encode())


def _hostile_title(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    page = news_page(rng, i, title=rng.choice(_vocabulary()["hostile_titles"]))
    return _one(d / f"{i:06d}-title.html", "hostile-title", page.encode("utf-8", "surrogatepass"))


def _quote_storm(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    n = int(rng.uniform(20_000, 200_000) * scale)
    unit = rng.choice(
        [
            '"Yes," he said. ',
            "According to Reuters, the minister said that ",
            "\u201cNo\u201d ",
            "said said said ",
        ]
    )
    text = (unit * (n // len(unit) + 1))[:n]
    return _one(d / f"{i:06d}-quotes.txt", "quote-storm", text.encode())


def _empty(rng: random.Random, d: Path, i: int, scale: float) -> list[FuzzInput]:
    data = rng.choice([b"", b"   \n\t ", b"<html></html>", b"<html><body></body></html>", b"\xef\xbb\xbf"])
    return _one(d / f"{i:06d}-empty.{rng.choice(['html', 'txt'])}", "empty", data)


#: (writer, weight): mostly ordinary-looking damage, a few expensive monsters.
WRITERS: tuple[tuple[Writer, float], ...] = (
    (_random_bytes, 8),
    (_mutated, 34),
    (_deep, 2),
    (_long_line, 1),
    (_big_attribute, 1),
    (_encoding, 9),
    (_gzip, 5),
    (_jsonl, 5),
    (_warc, 5),
    (_odd_name, 5),
    (_symlink, 4),
    (_fifo, 1),
    (_markup_bomb, 4),
    (_hostile_title, 8),
    (_quote_storm, 2),
    (_empty, 3),
)


def write_manifest(rng: random.Random, folder: Path, inputs: list[FuzzInput]) -> Path:
    """A manifest for the crawl: real entries (some with wrong types or bad dates) mixed with
    lines naming missing files, leaving the folder, or not JSON at all."""
    lines: list[str] = []
    for inp in inputs[: max(1, len(inputs) // 3)]:
        name = path_text(inp.path.name)
        rec: dict[str, Any] = {"file": name, "url": f"https://m.example/{name}", "fetched_at": "2024-03-01"}
        pick = rng.random()
        if pick < 0.1:
            rec["url"] = 5
        elif pick < 0.2:
            rec["fetched_at"] = rng.choice([{}, "not a date", "2024-13-45", 12])
        lines.append(json.dumps(rec))
    lines += [
        json.dumps({"file": "missing.html", "url": "https://m.example/missing"}),
        json.dumps({"file": "../../etc/passwd"}),
        json.dumps({"file": "/etc/passwd"}),
        json.dumps({"file": 7}),
        "[1,2,3]",
        "[" * 100_000,
        '{"file": "\\ud800.html"}',
        "{not json",
    ]
    path = folder / "manifest.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_corpus(folder: Path, n: int, seed: int = 0, scale: float = 1.0, start: int = 0) -> list[FuzzInput]:
    """Write ``n`` hostile inputs (plus a hostile manifest) into ``folder``; returns them.

    ``scale`` shrinks the expensive kinds (deep nesting, long lines, bombs) for quick runs;
    at 1.0 they are as large as the fuzz run of issue 20 (up to 25 MB lines, 100k-level
    nesting, 50 MB gzip bombs).
    """
    rng = random.Random(seed * 1_000_003 + start)
    folder.mkdir(parents=True, exist_ok=True)
    writers = [w for w, _ in WRITERS]
    weights = [wt for _, wt in WRITERS]
    out: list[FuzzInput] = []
    for i in range(start, start + n):
        writer = rng.choices(writers, weights)[0]
        out.extend(writer(rng, folder, i, scale))
    write_manifest(rng, folder, out)
    return out


def unaccounted(inputs: Iterable[FuzzInput], report: Mapping[str, Any]) -> list[str]:
    """The inputs a traced report neither shows as an article nor names in a problem (by
    file: a JSONL or WARC file counts once any of its records is shown or named)."""
    shown: set[str] = set()
    # an article or a problem may name a record of a file ("x.jsonl:3", "x.warc#1024")
    for item in [*report.get("articles", []), *report.get("problems", [])]:
        path = str(item.get("path", ""))
        shown.add(path)
        for sep in (":", "#"):
            if sep in path:
                shown.add(path.rsplit(sep, 1)[0])
    missing = []
    for inp in inputs:
        name = path_text(inp.path)
        if name not in shown:
            missing.append(name)
    return missing
