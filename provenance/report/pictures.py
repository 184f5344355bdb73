"""Pictures of a report: how a story spread over time, and which outlets cite which.

Both are drawn with matplotlib's object API on an Agg canvas (no pyplot, so nothing global is
switched and nothing needs a display) and written as PNG or SVG by the file suffix.

Readability is part of the contract, not a hope: the layouts are deterministic (lanes and
layered columns, no random spring layout), label positions are computed from measured text
sizes, and a last declutter pass hides any label that would still overlap another one, so
:func:`label_overlaps` of a finished figure is empty.  Page text (titles, outlet names) is
drawn with math parsing off, because a "$5m" in a headline must not become TeX.
"""

from __future__ import annotations

import io
import logging
import math
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import offset_copy

from ..models import Article, DateGuess, OutletGuess
from ..timeline import outlet_offsets, time_bounds

log = logging.getLogger(__name__)

LineStyle = Literal["-", "--", "-.", ":"]
HAlign = Literal["left", "center", "right"]
# Credit a copy gives its source: how the arrow is drawn (colour, line style).
CREDIT_STYLE: Mapping[str, tuple[str, LineStyle, str]] = MappingProxyType(
    {
        "declared": ("#1b7f3b", "-", "declared: names the true source"),
        "vague": ("#c77700", "--", "vague: only a generic source"),
        "wrong": ("#d62728", ":", "wrong: names another outlet"),
        "absent": ("#7f7f7f", ":", "absent: no credit at all"),
    }
)
CITE_COLOUR = "#1f4fa8"
BACK_COLOUR = "#c2185b"  # a copy drawn before its source: only where the dates say so
VIA_COLOUR = "#7b3fa0"
FORMATS = MappingProxyType({".png": "png", ".svg": "svg", ".pdf": "pdf"})


# --------------------------------------------------------------------------- shared helpers


def _short(text: str | None, n: int = 32) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _tex_safe(text: str) -> str:
    """For texts matplotlib always math-parses (tick labels): escape the dollar signs."""
    return text.replace("$", r"\$")


def outlet_key(article: Mapping[str, Any]) -> str | None:
    """The outlet an article belongs to (domain first, then name, lower-cased), or ``None``."""
    outlet = article.get("outlet") or {}
    key = outlet.get("domain") or outlet.get("name")
    return str(key).lower() if key else None


def outlet_label(article: Mapping[str, Any]) -> str:
    outlet = article.get("outlet") or {}
    return str(outlet.get("name") or outlet.get("domain") or "unknown outlet")


@contextmanager
def _quiet_glyphs() -> Iterator[None]:
    """Headlines in scripts the font lacks draw as boxes; one warning per glyph is only noise."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing")
        yield


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` as PNG, SVG or PDF according to the suffix (SVG without a date: reproducible;
    its text stays text, so outlet names and titles can be searched and selected in it)."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: picture format must be one of {', '.join(FORMATS)}")
    with matplotlib.rc_context({"svg.hashsalt": "provenance", "svg.fonttype": "none"}), _quiet_glyphs():
        fig.savefig(path, format=fmt, metadata={"Date": None} if fmt in ("svg", "pdf") else None)
    log.info("picture written: %s", path)
    return path


def figure_svg(fig: Figure, text_as_paths: bool = False) -> bytes:
    """The figure as SVG bytes (no date) for embedding in the HTML report.

    Text stays ``<text>`` by default: glyphs as paths make each picture several times larger,
    which adds up to megabytes over a crawl's stories.  Inside ``<img>`` neither form can run
    anything.
    """
    buf = io.BytesIO()
    fonttype = "path" if text_as_paths else "none"
    with matplotlib.rc_context({"svg.hashsalt": "provenance", "svg.fonttype": fonttype}), _quiet_glyphs():
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text of the figure (titles, labels, tick labels, legend)."""
    out = []
    for t in fig.findobj(Text):
        if isinstance(t, Text) and t.get_visible() and t.get_text().strip() and t.figure is fig:
            out.append(t)
    return out


def label_overlaps(fig: Figure, pad: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of visible texts whose drawn boxes overlap (after a draw): empty for a readable figure."""
    FigureCanvasAgg(fig) if fig.canvas is None else None
    with _quiet_glyphs():
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [(t.get_text(), t.get_window_extent(renderer).expanded(1.0, 1.0)) for t in _texts(fig)]
    boxes = [(s, b) for s, b in boxes if b.width > 0 and b.height > 0]
    hits = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i][1], boxes[j][1]
            if a.x0 < b.x1 - pad and b.x0 < a.x1 - pad and a.y0 < b.y1 - pad and b.y0 < a.y1 - pad:
                hits.append((boxes[i][0], boxes[j][0]))
    return hits


Candidate = tuple[float, float, HAlign]  # offset in points (dx, dy) and horizontal alignment
LABEL_PLACES: tuple[Candidate, ...] = ((7, 5, "left"), (7, -11, "left"), (-7, 5, "right"), (-7, -11, "right"))


def _declutter(
    fig: Figure,
    texts: Sequence[Text],
    places: Sequence[Candidate] = (),
    inside: Any = None,
    anchor: Any = None,
    drawn: bool = False,
) -> int:
    """Place labels where they overlap nothing, else hide them; returns how many were hidden.

    ``texts`` are the movable labels in priority order (fixed texts are everything else in the
    figure).  Each label is kept where it is when it fits, else tried at each of ``places``
    (offsets from its anchor, in points, with ``anchor`` the data transform); ``inside`` is a
    box (display units) the label must stay in, so nothing is clipped at the figure edge.
    ``drawn``: the figure was laid out since its last change (skip that pass).
    """
    if not drawn:
        _layout(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    movable = set(map(id, texts))
    placed = [t.get_window_extent(renderer) for t in _texts(fig) if id(t) not in movable]
    hidden = 0

    def fits(t: Text) -> bool:
        box = t.get_window_extent(renderer)
        if inside is not None and not (
            inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1
        ):
            return False
        return not any(box.overlaps(b) for b in placed)

    for t in texts:
        if not t.get_visible():
            continue
        ok = fits(t)
        if not ok and anchor is not None:
            for dx, dy, ha in places:
                t.set_transform(offset_copy(anchor, fig=fig, x=dx, y=dy, units="points"))
                t.set_horizontalalignment(ha)
                if fits(t):
                    ok = True
                    break
        if ok:
            placed.append(t.get_window_extent(renderer))
        else:
            t.set_visible(False)
            hidden += 1
    return hidden


# --------------------------------------------------------------------------- propagation


@dataclass(frozen=True)
class When:
    """An article's publication time on the picture's axis: an interval in UTC (matplotlib day
    numbers), read exactly as the stories stage reads it (:func:`provenance.timeline.time_bounds`,
    with the outlets' usual zones), so a picture never orders two versions differently from
    the copy tree.  ``None`` is an open end."""

    lo: float | None
    hi: float | None

    @property
    def dated(self) -> bool:
        return self.lo is not None or self.hi is not None

    @property
    def exact(self) -> bool:
        return self.lo is not None and self.lo == self.hi


_EPOCH_DAY = float(date2num(datetime(1970, 1, 1)))


def _day(t: float) -> float | None:
    return None if math.isinf(t) else _EPOCH_DAY + t / 86400.0


def _as_article(a: Mapping[str, Any]) -> Article:
    """The fields of a report article the timeline reads, as an :class:`Article`."""
    o, p = a.get("outlet") or {}, a.get("published") or {}
    return Article(
        id=str(a.get("id")),
        path=str(a.get("path") or ""),
        text="",
        outlet=OutletGuess(o.get("name"), o.get("domain"), str(o.get("evidence") or "")),
        published=DateGuess(p.get("value"), p.get("not_before"), p.get("not_after"), (), p.get("source")),
        fetched_at=a.get("fetched_at"),
    )


def publication_times(report: Mapping[str, Any], ids: Iterable[str] | None = None) -> dict[str, When]:
    """Publication intervals (UTC) of the report's articles (of ``ids`` only, when given)."""
    wanted = set(ids) if ids is not None else None
    every = report.get("articles") or []
    if wanted is not None:  # an outlet's usual zone needs only that outlet's pages
        keys = {outlet_key(a) for a in every if a.get("id") in wanted}
        every = [a for a in every if outlet_key(a) in keys]
    arts = [_as_article(a) for a in every]
    offsets = outlet_offsets(arts)
    out = {}
    for a in arts:
        if wanted is None or a.id in wanted:
            b = time_bounds(a, offsets.get(a.outlet.domain or a.outlet.name or ""))
            out[a.id] = When(_day(b.lo), _day(b.hi))
    return out


def place_in_time(
    when: Mapping[str, When], edges: Sequence[tuple[str, str]], inset: float
) -> tuple[dict[str, float | None], set[tuple[str, str]]]:
    """Where to draw each article on the time axis, and the copies drawn before their source.

    An exact time is drawn there; an interval at its middle, an open interval ``inset`` days
    inside its one bound (never at the bound, which would read as a date).  Then each copy is
    moved, within its own interval, to no earlier than its source (and a source, within its
    interval, back to its copy): an arrow runs back in time only when the intervals leave no
    other way, i.e. when the data say the copy came first; those edges are returned.
    """
    x: dict[str, float | None] = {}
    for m, w in when.items():
        if w.lo is not None and w.hi is not None:
            x[m] = (w.lo + w.hi) / 2
        elif w.lo is not None:
            x[m] = w.lo + inset
        elif w.hi is not None:
            x[m] = w.hi - inset
        else:
            x[m] = None
    dated = [(s, t) for s, t in edges if x.get(s) is not None and x.get(t) is not None]

    def lo(m: str) -> float:
        v = when[m].lo
        return -math.inf if v is None else v

    def hi(m: str) -> float:
        v = when[m].hi
        return math.inf if v is None else v

    for _ in range(len(when) + 1):
        changed = False
        for s, t in dated:
            xs, xt = x[s], x[t]
            assert xs is not None and xt is not None
            if xt >= xs:
                continue
            if hi(t) >= xs:
                x[t] = xs
                changed = True
            elif lo(s) <= hi(t) and xs > hi(t):
                x[t], x[s] = hi(t), hi(t)
                changed = True
        if not changed:
            break
    back = {(s, t) for s, t in dated if (x[t] or 0.0) < (x[s] or 0.0) - 1e-9}
    return x, back


def _story_members(report: Mapping[str, Any], story: str | None) -> tuple[list[str], set[str], str]:
    """Article ids to draw, the story origins among them, and words for the title."""
    stories = report.get("stories") or []
    if story is not None:
        for s in stories:
            if s.get("id") == story:
                return (
                    list(s.get("members") or []),
                    {s["origin"]} if s.get("origin") else set(),
                    f"story {_short(story, 24)}",
                )
        raise KeyError(f"no story {story!r} in the report")
    ids: dict[str, None] = {}
    for s in stories:
        ids.update(dict.fromkeys(s.get("members") or []))
    for e in report.get("reuse") or []:
        ids.update(dict.fromkeys((e["source"], e["target"])))
    origins = {s["origin"] for s in stories if s.get("origin")}
    return (
        list(ids),
        origins,
        f"{len(stories)} stories" if len(stories) != 1 else f"story {stories[0].get('id')}",
    )


def _thin(ticks: Sequence[float]) -> list[float]:
    """Drop ticks crowding their neighbour (date locators add month starts to day steps)."""
    ticks = sorted(set(ticks))
    if len(ticks) < 3:
        return ticks
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    step = gaps[len(gaps) // 2]
    kept = [ticks[0]]
    for t in ticks[1:]:
        if t - kept[-1] >= 0.75 * step:
            kept.append(t)
    return kept


def _layout(fig: Figure) -> None:
    """Lay the figure out (text positions, tick labels) without rasterising anything."""
    with _quiet_glyphs():
        fig.draw_without_rendering()


def _set_ticks_apart(fig: Figure, ax: Any, ticks: list[float]) -> None:
    """Set x ticks, dropping every other one until their measured labels no longer touch
    (the figure is left laid out)."""
    while True:
        ax.set_xticks(ticks)
        _layout(fig)
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
        crowded = any(a.x1 + 4 > b.x0 for a, b in zip(boxes, boxes[1:], strict=False))
        if not crowded or len(ticks) <= 1:
            return
        ticks = ticks[::2]


def propagation_figure(report: Mapping[str, Any], story: str | None = None) -> Figure:
    """How text travelled: time (UTC) on x, one lane per outlet on y, an arrow per copy styled by credit.

    ``story`` picks one story by id; ``None`` draws every article that belongs to a story or a
    reuse edge.  Times are the intervals the stories stage reads (:func:`publication_times`):
    a stated, zoned time is a filled dot; anything less (a bare day, a time without zone,
    bounds) is a bar over the interval with a hollow marker inside it, an open end drawn as an
    arrowhead at the edge; an undated article sits in a hatched "undated" column at the right,
    because placing it on the time axis would invent a date.  An arrow runs back in time only
    where the dates say the copy came first, and then it is flagged (⚠).
    """
    articles = {a["id"]: a for a in report.get("articles") or []}
    members, origins, what = _story_members(report, story)
    origin = next(iter(origins)) if len(origins) == 1 else None
    members = [m for m in members if m in articles]
    mset = set(members)
    edges = [e for e in report.get("reuse") or [] if e["source"] in mset and e["target"] in mset]
    when = publication_times(report, mset)

    bounds = sorted(v for w in when.values() for v in (w.lo, w.hi) if v is not None)
    has_dates = bool(bounds)
    if has_dates:
        lo, hi = bounds[0], bounds[-1]
        span = max(hi - lo, 1.0)
    else:
        lo, hi, span = 0.0, 1.0, 1.0
    xs, back = place_in_time(when, [(e["source"], e["target"]) for e in edges], inset=span * 0.06)
    placed = [v for v in xs.values() if v is not None]
    if placed:
        lo, hi = min(lo, *placed), max(hi, *placed)
        span = max(hi - lo, 1.0)
    undated_x = hi + span * 0.18

    lanes_first: dict[str, tuple[int, float, bool, str]] = {}
    lane_name: dict[str, str] = {}
    for m in members:
        key = outlet_key(articles[m]) or f"?{m}"
        lane_name.setdefault(key, outlet_label(articles[m]) if outlet_key(articles[m]) else "unknown outlet")
        x = xs[m]
        # lanes in order of first appearance; at the same time the origin's lane comes first
        rank = (0, x, m != origin, lane_name[key]) if x is not None else (1, 0.0, True, lane_name[key])
        if key not in lanes_first or rank < lanes_first[key]:
            lanes_first[key] = rank
    lane_order = sorted(lanes_first, key=lambda k: (lanes_first[k], k))
    lane_of = {k: i for i, k in enumerate(lane_order)}
    n_lanes = max(len(lane_order), 1)

    # Positions: undated articles of one lane spread across the undated column.
    pos: dict[str, tuple[float, float]] = {}
    undated_count: dict[int, int] = defaultdict(int)
    stacked: dict[tuple[int, float], int] = defaultdict(int)
    for m in sorted(members, key=lambda m: (xs[m] is None, xs[m] or 0.0, m)):
        y = float(n_lanes - 1 - lane_of[outlet_key(articles[m]) or f"?{m}"])
        x = xs[m]
        if x is None:
            k = undated_count[int(y)]
            undated_count[int(y)] += 1
            x = undated_x + span * 0.03 * k if has_dates else float(k)
        dup = stacked[(int(y), round(x, 3))]
        stacked[(int(y), round(x, 3))] += 1
        pos[m] = (x, y + 0.22 * dup * (1 if dup % 2 else -1))

    height = max(3.8, 1.9 + 0.42 * n_lanes)
    fig = Figure(figsize=(12, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.2, 1.3 / height, 0.77, 1 - 2.2 / height))
    ax.set_ylim(-0.7, n_lanes - 0.3)
    ax.set_yticks(
        range(n_lanes), [_tex_safe(_short(lane_name[k], 28)) for k in reversed(lane_order)], fontsize=8
    )
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)

    left = lo - span * 0.05
    if has_dates:
        right = (
            undated_x + span * (0.06 + 0.03 * max(undated_count.values(), default=1))
            if undated_count
            else hi + span * 0.05
        )
        ax.set_xlim(left, right)
        if undated_count:
            ax.add_patch(
                Rectangle(
                    (undated_x - span * 0.04, -0.7),
                    right - undated_x + span * 0.04,
                    n_lanes + 0.4,
                    facecolor="#f2f2f2",
                    edgecolor="#bbbbbb",
                    hatch="//",
                    zorder=0,
                )
            )
            ax.text(
                undated_x - span * 0.035,
                n_lanes - 0.35,
                "undated",
                fontsize=8,
                color="#555555",
                va="top",
                parse_math=False,
            )
        locator = AutoDateLocator(minticks=3, maxticks=8)
        t_lo, t_hi = lo - span * 0.05, hi + span * 0.02
        ticks = [t for t in locator.tick_values(num2date(t_lo), num2date(t_hi)) if t_lo <= t <= t_hi]
        fmt = "%d %b %H:%M" if span < 3 else "%d %b %Y" if span < 400 else "%b %Y"
        ax.xaxis.set_major_formatter(DateFormatter(fmt, tz=UTC))
        ax.tick_params(axis="x", labelsize=8)
        tick_values = _thin(ticks)
        ax.set_xlabel(
            "publication time (UTC): a dot is a stated time; a bar is the interval the page's dates allow",
            fontsize=9,
        )
        time_right = undated_x - span * 0.05 if undated_count else right
    else:
        tick_values = []
        ax.set_xlim(-0.5, max(undated_count.values(), default=1) - 0.5)
        ax.set_xticks([])
        ax.set_xlabel("no article has a known publication date: order along x means nothing", fontsize=9)
        time_right = right = 0.0

    for e in edges:
        colour, style, _ = CREDIT_STYLE.get(
            e.get("credit") or ("declared" if e.get("declared") else "absent"), CREDIT_STYLE["absent"]
        )
        (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
        rad = 0.25 if abs(y0 - y1) < 0.01 else 0.08
        flagged = (e["source"], e["target"]) in back
        if flagged:  # a halo under the arrow, and the sign at its middle
            ax.add_patch(
                FancyArrowPatch(
                    (x0, y0),
                    (x1, y1),
                    arrowstyle="-",
                    color=BACK_COLOUR,
                    linewidth=7,
                    alpha=0.35,
                    shrinkA=6,
                    shrinkB=6,
                    connectionstyle=f"arc3,rad={rad}",
                    zorder=1,
                )
            )
            ax.text(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                "⚠",
                color=BACK_COLOUR,
                fontsize=11,
                ha="center",
                va="center",
                zorder=5,
                parse_math=False,
            )
        ax.add_patch(
            FancyArrowPatch(
                (x0, y0),
                (x1, y1),
                arrowstyle="-|>",
                mutation_scale=12,
                color=colour,
                linestyle=style,
                linewidth=1.6,
                shrinkA=6,
                shrinkB=6,
                connectionstyle=f"arc3,rad={rad}",
                zorder=2,
            )
        )

    for m in members:
        x, y = pos[m]
        w = when[m]
        if not w.dated:
            ax.plot([x], [y], marker="X", markersize=8, color="#555555", linestyle="none", zorder=3)
        else:
            if not w.exact:
                a_lo = w.lo if w.lo is not None else left
                a_hi = w.hi if w.hi is not None else time_right
                ax.plot(
                    [a_lo, a_hi],
                    [y, y],
                    color="#1f4fa8",
                    linewidth=3,
                    alpha=0.35,
                    solid_capstyle="butt",
                    zorder=2,
                )
                for end, missing, mark in ((a_lo, w.lo is None, "<"), (a_hi, w.hi is None, ">")):
                    if missing:  # an open end: the interval goes on past the picture
                        ax.plot(
                            [end],
                            [y],
                            marker=mark,
                            color="#1f4fa8",
                            alpha=0.6,
                            markersize=6,
                            linestyle="none",
                            zorder=2,
                        )
            ax.plot(
                [x],
                [y],
                marker="o",
                markersize=8,
                linestyle="none",
                zorder=3,
                markerfacecolor="#1f4fa8" if w.exact else "white",
                markeredgecolor="#1f4fa8",
                markeredgewidth=1.6,
            )
        if m in origins:
            ax.plot(
                [x],
                [y],
                marker="o",
                markersize=15,
                markerfacecolor="none",
                markeredgecolor="#000000",
                markeredgewidth=1.4,
                linestyle="none",
                zorder=3,
            )

    labels: list[Text] = []
    if len(members) <= 25:
        for m in sorted(members, key=lambda m: (m != origin, pos[m][0])):
            x, y = pos[m]
            title = _short(articles[m].get("title") or articles[m].get("path") or m, 30)
            dx, dy, ha = LABEL_PLACES[0]
            labels.append(
                ax.text(
                    x,
                    y,
                    ("origin: " if m == origin else "") + title,
                    fontsize=7,
                    color="#333333",
                    parse_math=False,
                    zorder=4,
                    ha=ha,
                    va="baseline",
                    transform=offset_copy(ax.transData, fig=fig, x=dx, y=dy, units="points"),
                )
            )

    handles = [
        Line2D([], [], color=c, linestyle=s, linewidth=1.6, label=lab) for c, s, lab in CREDIT_STYLE.values()
    ]
    handles += [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markerfacecolor="#1f4fa8",
            markeredgecolor="#1f4fa8",
            label="stated time (UTC)",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markerfacecolor="white",
            markeredgecolor="#1f4fa8",
            label="interval only (bar; ◂ ▸ open end)",
        ),
        Line2D([], [], marker="X", linestyle="none", color="#555555", label="undated"),
        Line2D(
            [],
            [],
            marker="o",
            markersize=11,
            linestyle="none",
            markerfacecolor="none",
            markeredgecolor="#000000",
            label="origin",
        ),
    ]
    if back:
        handles.append(
            Line2D([], [], color=BACK_COLOUR, linewidth=6, alpha=0.35, label="⚠ dated before its source")
        )
    fig.legend(
        handles=handles, loc="lower center", ncol=4, fontsize=7.5, frameon=False, bbox_to_anchor=(0.5, 0.0)
    )
    origin_title = _short((articles.get(origin) or {}).get("title") or "", 70) if origin else ""
    fig.suptitle(
        _short(f"How {what} spread{': ' + origin_title if origin_title else ''}", 110),
        fontsize=12,
        y=1 - 0.15 / height,
        va="top",
        parse_math=False,
    )
    fig.text(
        0.5,
        1 - 0.45 / height,
        f"{len(members)} articles in {len(lane_order)} outlets (lanes); each arrow is text copied from an "
        "earlier article to a later one, drawn by the credit the copy gives"
        + (f"; ⚠ {len(back)} dated before the source" if back else ""),
        ha="center",
        va="top",
        fontsize=8.5,
        color="#444444",
        parse_math=False,
    )
    # one layout pass serves both: tick labels spaced apart, then article labels placed
    if tick_values:
        _set_ticks_apart(fig, ax, tick_values)
    else:
        _layout(fig)
    hidden = _declutter(
        fig, labels, LABEL_PLACES, inside=ax.get_window_extent(), anchor=ax.transData, drawn=True
    )
    if hidden:
        log.debug("propagation: %d article labels hidden to avoid overlaps", hidden)
    return fig


def plot_propagation(report: Mapping[str, Any], path: str | Path, story: str | None = None) -> Path:
    """Draw :func:`propagation_figure` to ``path`` (.png, .svg or .pdf); returns the path."""
    return save_figure(propagation_figure(report, story), path)


# --------------------------------------------------------------------------- stories index


def stories_by_size(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The report's stories, largest first (ties by id): the order of every story listing."""
    return sorted(report.get("stories") or [], key=lambda s: (-len(s.get("members") or []), str(s.get("id"))))


def stories_figure(report: Mapping[str, Any]) -> Figure:
    """An index of the stories by size: one bar per story, its copies coloured by the credit
    they give, numbered as the per-story pictures and the HTML report number them."""
    stories = stories_by_size(report)
    if not stories:
        raise ValueError("the report has no story to draw")
    articles = {a["id"]: a for a in report.get("articles") or []}
    reuse = report.get("reuse") or []
    n = len(stories)
    height = 1.9 + 0.26 * n
    fig = Figure(figsize=(11, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.42, 1.0 / height, 0.53, 1 - 1.75 / height))
    names = []
    widest = max(len(s.get("members") or []) for s in stories)
    for i, st in enumerate(stories):
        y = n - 1 - i
        members = set(st.get("members") or [])
        counts: dict[str, int] = defaultdict(int)
        for e in reuse:
            if e["target"] in members and e["source"] in members:
                counts[str(e.get("credit") or ("declared" if e.get("declared") else "absent"))] += 1
        x = 0.0
        if st.get("origin"):
            ax.barh(y, 1, left=x, color="#111111", height=0.62)
            x += 1
        for credit, (colour, _style, _label) in CREDIT_STYLE.items():
            if counts.get(credit):
                ax.barh(y, counts[credit], left=x, color=colour, height=0.62)
                x += counts[credit]
        rest = len(members) - x
        if rest > 0:  # members reached by no drawn copy (e.g. an undecided origin)
            ax.barh(y, rest, left=x, color="#d0d0d0", height=0.62)
        ax.text(
            len(members) + widest * 0.01,
            y,
            f"{len(members)}",
            va="center",
            fontsize=7.5,
            color="#333333",
            parse_math=False,
        )
        origin = articles.get(st.get("origin") or "") or {}
        title = origin.get("title") or origin.get("path") or st.get("id")
        names.append(_tex_safe(f"{i + 1}. {_short(str(title), 56)}"))
    ax.set_yticks(range(n), list(reversed(names)), fontsize=7.5)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, widest * 1.08)
    ax.set_xlabel("articles in the story", fontsize=9)
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    handles = [Patch(color="#111111", label="origin")] + [
        Patch(color=c, label="copy, " + lab) for c, _s, lab in CREDIT_STYLE.values()
    ]
    fig.legend(
        handles=handles, loc="lower center", ncol=5, fontsize=7.5, frameon=False, bbox_to_anchor=(0.5, 0.0)
    )
    fig.suptitle(
        f"{n} stories by size (numbered as in the story pictures and the HTML report)",
        fontsize=12,
        y=1 - 0.15 / height,
        va="top",
        parse_math=False,
    )
    return fig


# --------------------------------------------------------------------------- citation graph


def citation_network(report: Mapping[str, Any]) -> nx.MultiDiGraph:
    """Source groups -> outlets -> outlets: who cites (or copies from) whom, aggregated by outlet.

    Nodes carry ``kind`` (source_group, outlet, or article for a citing page whose outlet is
    unknown) and ``label``; edges carry ``kind`` (cites, via, copies), ``count`` and, for
    copies, ``credit``.  Edges point the way information travelled.
    """
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    articles = {a["id"]: a for a in report.get("articles") or []}
    counts: dict[tuple[str, str, str, str], int] = defaultdict(int)

    def add(key: str, kind: str, label: str) -> str:
        if key not in g:
            g.add_node(key, kind=kind, label=label)
        elif kind == "outlet" and g.nodes[key]["kind"] == "source_group":
            g.nodes[key]["kind"] = "outlet"  # something that publishes pages is an outlet
        return key

    def article_node(aid: str) -> str | None:
        a = articles.get(aid)
        if a is None:
            return None
        key = outlet_key(a)
        if key:
            return add(f"outlet:{key}", "outlet", outlet_label(a))
        return add(
            f"article:{aid}", "article", "unknown outlet: " + _short(a.get("title") or a.get("path"), 24)
        )

    # A citation naming an outlet without its domain ("EurasiaWatch") is the outlet whose pages
    # carry that name, not a second node beside it.
    by_name: dict[str, str] = {}
    for a in articles.values():
        key = outlet_key(a)
        name = (a.get("outlet") or {}).get("name")
        if key and name:
            by_name.setdefault(str(name).lower(), key)

    def cited_key(name: str, domain: str | None, kind: str) -> str:
        if domain:
            return f"{kind}:{domain.lower()}"
        if kind == "outlet" and name.lower() in by_name:
            return f"outlet:{by_name[name.lower()]}"
        return f"{kind}:{name.lower()}"

    for c in report.get("attributions") or []:
        citing = article_node(c["article"])
        if citing is None:
            continue
        if c.get("cited_kind") == "vague":
            continue  # vague credit ("media reports said") names no source to draw
        kind = "source_group" if c.get("cited_kind") == "source_group" else "outlet"
        cited = add(
            cited_key(c["cited"], c.get("outlet_domain") or c.get("cited_domain"), kind), kind, c["cited"]
        )
        if cited != citing:
            counts[(cited, citing, "cites", "")] += 1
        prev = cited
        via_kinds = list(c.get("via_kinds") or [])
        for j, name in enumerate(c.get("via") or []):
            vk = (
                "source_group" if (via_kinds[j] if j < len(via_kinds) else "") == "source_group" else "outlet"
            )
            v = add(cited_key(name, None, vk), vk, name)
            if v != prev:
                counts[(v, prev, "via", "")] += 1
            prev = v
    for e in report.get("reuse") or []:
        s, t = article_node(e["source"]), article_node(e["target"])
        if s and t and s != t:
            counts[(s, t, "copies", e.get("credit") or ("declared" if e.get("declared") else "absent"))] += 1
    for (u, v, kind, credit), n in sorted(counts.items()):
        g.add_edge(u, v, kind=kind, count=n, **({"credit": credit} if credit else {}))
    return g


def _layers(g: nx.MultiDiGraph) -> dict[str, int]:
    """Longest-path layers (cycles collapsed): source groups first, each outlet right of its sources."""
    simple = nx.DiGraph((u, v) for u, v in g.edges() if u != v)
    simple.add_nodes_from(g.nodes)
    cond = nx.condensation(simple)
    comp_layer: dict[int, int] = {}
    for c in nx.topological_sort(cond):
        members = cond.nodes[c]["members"]
        base = 0 if all(g.nodes[m]["kind"] == "source_group" for m in members) else 1
        preds = [comp_layer[p] + 1 for p in cond.predecessors(c)]
        comp_layer[c] = max([base, *preds])
    mapping = cond.graph["mapping"]
    layer = {n: comp_layer[mapping[n]] for n in g.nodes}
    used = sorted(set(layer.values()))
    squash = {v: i for i, v in enumerate(used)}
    return {n: squash[v] for n, v in layer.items()}


def _order_columns(g: nx.MultiDiGraph, layer: Mapping[str, int]) -> list[list[str]]:
    """Nodes per column, ordered by the barycentre of their neighbours (fewer crossings)."""
    cols: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for n in sorted(g.nodes, key=lambda n: (str(g.nodes[n]["label"]).lower(), n)):
        cols[layer[n]].append(n)
    index = {n: i for col in cols for i, n in enumerate(col)}
    for sweep in range(4):
        rng = range(1, len(cols)) if sweep % 2 == 0 else range(len(cols) - 2, -1, -1)
        for c in rng:

            def bary(n: str, c: int = c) -> float:
                nb = [index[m] for m in (*g.predecessors(n), *g.successors(n)) if m != n and layer[m] != c]
                return sum(nb) / len(nb) if nb else float(index[n])

            cols[c].sort(key=lambda n: (bary(n), index[n]))
            index.update({n: i for i, n in enumerate(cols[c])})
    return cols


def citation_figure(report: Mapping[str, Any], max_rows: int = 40) -> Figure:
    """The outlet citation graph drawn in layered columns with measured, non-overlapping labels.

    Columns run left to right the way information travelled (source groups, then the outlets
    they feed, then outlets citing or copying those).  A column taller than ``max_rows`` wraps
    into several, so 50+ outlets stay legible; column widths come from the measured widths of
    their labels, so labels never run into the next column.
    """
    g = citation_network(report)
    layer = _layers(g) if g.number_of_nodes() else {}
    cols: list[list[str]] = []
    for col in _order_columns(g, layer) if g.number_of_nodes() else []:
        for i in range(0, max(len(col), 1), max_rows):
            cols.append(col[i : i + max_rows])
    rows = max((len(c) for c in cols), default=1)
    row_h, top, bottom, left = 0.27, 1.0, 1.0, 0.35
    height = top + bottom + row_h * max(rows, 3)

    fig = Figure(figsize=(10, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    node_style = {"source_group": ("D", "#e08a00"), "outlet": ("o", "#1f4fa8"), "article": ("s", "#8c8c8c")}
    labels: dict[str, Text] = {}
    for col in cols:
        for n in col:
            labels[n] = ax.text(
                0,
                0,
                _short(str(g.nodes[n]["label"]), 34),
                fontsize=8,
                va="center",
                ha="left",
                parse_math=False,
                zorder=5,
                bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            )
    with _quiet_glyphs():
        fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    widths = [
        max((labels[n].get_window_extent(renderer).width / fig.dpi for n in col), default=0.5) for col in cols
    ]
    gap, marker_w = 0.9, 0.18
    width = left + sum(marker_w + w + gap for w in widths) + 0.2
    width = max(width, 9.0)
    fig.set_size_inches(width, height)
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)

    pos: dict[str, tuple[float, float]] = {}
    out_at: dict[str, tuple[float, float]] = {}
    x = left
    for col, w in zip(cols, widths, strict=True):
        y0 = height - top - row_h * (rows - len(col)) / 2
        for i, n in enumerate(col):
            pos[n] = (x, y0 - row_h * (i + 0.5))
            labels[n].set_position((x + marker_w * 0.6, pos[n][1]))
            out_at[n] = (
                x + marker_w * 0.6 + labels[n].get_window_extent(renderer).width / fig.dpi + 0.04,
                pos[n][1],
            )
        x += marker_w + w + gap

    for kind, (marker, colour) in node_style.items():
        pts = [pos[n] for n in g.nodes if g.nodes[n]["kind"] == kind]
        if pts:
            ax.scatter(
                [p[0] for p in pts],
                [p[1] for p in pts],
                marker=marker,
                s=46,
                color=colour,
                zorder=4,
                edgecolors="white",
                linewidths=0.6,
            )
    seen_pairs: dict[tuple[str, str], int] = defaultdict(int)
    alpha = 0.75 if g.number_of_edges() < 80 else 0.45  # many edges: let crossings stay see-through
    for u, v, d in g.edges(data=True):
        if d["kind"] == "copies":
            colour, style, _ = CREDIT_STYLE.get(d.get("credit", "absent"), CREDIT_STYLE["absent"])
        elif d["kind"] == "via":
            colour, style = VIA_COLOUR, "-."
        else:
            colour, style = CITE_COLOUR, "-"
        k = seen_pairs[(u, v)]
        seen_pairs[(u, v)] += 1
        start = out_at[u]
        if pos[v][0] > start[0]:
            rad = 0.1 + 0.12 * k  # forward: from the end of the source's label to the target's marker
        else:  # same column (a cycle): from marker to marker, bulging left of the column
            start = pos[u]
            rad = (0.45 + 0.12 * k) * (1 if pos[v][1] < pos[u][1] else -1)
        ax.add_patch(
            FancyArrowPatch(
                start,
                pos[v],
                arrowstyle="-|>",
                mutation_scale=10,
                color=colour,
                linestyle=style,
                linewidth=min(0.8 + 0.5 * d["count"], 3.5),
                alpha=alpha,
                shrinkA=5,
                shrinkB=5,
                connectionstyle=f"arc3,rad={rad}",
                zorder=2,
            )
        )

    handles = [
        Line2D(
            [],
            [],
            marker="D",
            linestyle="none",
            color=node_style["source_group"][1],
            label="source group (e.g. 'Iranian media')",
        ),
        Line2D([], [], marker="o", linestyle="none", color=node_style["outlet"][1], label="outlet"),
        Line2D(
            [], [], marker="s", linestyle="none", color=node_style["article"][1], label="page, outlet unknown"
        ),
        Line2D([], [], color=CITE_COLOUR, label="cites (page names it as source)"),
        Line2D([], [], color=VIA_COLOUR, linestyle="-.", label="via (the cited outlet's own source)"),
        *[
            Line2D([], [], color=c, linestyle=s, label="copies, " + lab)
            for c, s, lab in CREDIT_STYLE.values()
        ],
    ]
    fig.legend(
        handles=handles, loc="lower left", ncol=3, fontsize=7.5, frameon=False, bbox_to_anchor=(0.01, 0.0)
    )
    n_cite = sum(1 for *_, d in g.edges(data=True) if d["kind"] != "copies")
    n_copy = g.number_of_edges() - n_cite
    fig.text(
        0.01,
        1 - 0.12 / height,
        "Outlet citation graph: source groups → outlets → outlets",
        fontsize=12,
        va="top",
        ha="left",
        parse_math=False,
    )
    fig.text(
        0.01,
        1 - 0.45 / height,
        f"{g.number_of_nodes()} sources and outlets, {n_cite} stated citations, {n_copy} observed copy "
        "links; arrows point the way information travelled, width = number of articles",
        fontsize=8.5,
        va="top",
        ha="left",
        color="#444444",
        parse_math=False,
    )
    if not g.number_of_nodes():
        ax.text(
            width / 2,
            height / 2,
            "no citations or copies between outlets in this report",
            ha="center",
            fontsize=10,
            color="#666666",
            parse_math=False,
        )
    hidden = _declutter(fig, list(labels.values()))
    if hidden:
        log.warning("citation graph: %d labels hidden to avoid overlaps", hidden)
    return fig


def plot_citation_graph(report: Mapping[str, Any], path: str | Path) -> Path:
    """Draw :func:`citation_figure` to ``path`` (.png, .svg or .pdf); returns the path."""
    return save_figure(citation_figure(report), path)
