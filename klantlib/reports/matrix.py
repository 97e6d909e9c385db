"""The customer matrix: revenue band × score, every cell shaded by its segment (edge).

Three lanes (small at the bottom, large on top) by the score columns of the grid; each cell
is coloured by the segment the grid gives it and carries its letter. Every customer is a dot
inside its own cell, and every cell says in its top right corner how many customers it holds
(a faint 0 when none). Customers set aside (no answer yet, for the account managers) are in
no cell: one line under the title says how many. The layout is computed, not searched: within
a cell the customers that get a name stand one per text row from the top (a name in a row
beside the count stops before it), then the rest as a compact field of dots in revenue order,
below the names and the count. Nothing can overlap and nothing leaves its cell, the same input
always gives the same picture, and the work grows with the number of cells and names, not with
the number of customers (one scatter per cell).

No label-placement library is used. adjustText (on PyPI, not in the kit's requirements) moves
labels iteratively away from what they cover, measured on the rendered figure: its result
depends on the renderer and on the iterations, a moved label may cross into the next cell, and
it costs a draw per iteration. Rows inside a cell avoid all of that by construction.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypedDict, Unpack

import numpy as np
import pandas as pd

from klantlib.core.bands import BANDS, Thresholds
from klantlib.core.segments import SCORES
from klantlib.errors import Money
from klantlib.i18n import check_language, format_number, get_language, text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Annotation, Text
    from matplotlib.textpath import TextToPath

    from klantlib.core.method import Segmentation

__all__ = ["SEGMENT_COLOURS", "matrix_chart"]

MATRIX_FIGURE_SIZE = (13.0, 7.5)
"""A 16:9 slide: wide enough for five score columns with names in them."""
TITLE_SIZE = 18
TITLE_PAD = 12.0  # from the scores' label above the matrix to the title's baseline, points
SET_ASIDE_SIZE = 14  # the line under the title: how many customers are set aside
SET_ASIDE_GAP = 2.0  # from the title's box down to that line, points
LANE_SIZE = 14
TICK_SIZE = 14
LABEL_SIZE = 15
NAME_SIZE = 12
MIN_NAME_SIZE = 9  # a name gets smaller, down to this, before it is cut
LEGEND_SIZE = 12
COUNT_SIZE = 16  # the number of customers in a cell: bold, readable from the back of the room
MIN_COUNT_SIZE = 9  # a cell too low for it and its letter has a smaller count, down to this
COUNT_KEY_SIZE = 20.0  # the sample number in the legend (a marker: its width, in points)

SEGMENT_COLOURS = {"A": "#7fa6d3", "B": "#f2c57c", "C": "#f0f0f0"}
"""Cell fills: blue, amber and light grey. Blue against amber stays apart for colour-blind
eyes, and the lightness steps (L* about 67, 82, 95) keep them apart in grey print too."""
LETTER_COLOUR = "#1d2b4f"
LETTER_ALPHA = 0.22
DOT_COLOUR = "#1d2b4f"
FAVOURITE_COLOUR = "#d1495b"
NAME_COLOUR = "#111111"
COUNT_COLOUR = "#111111"
SET_ASIDE_COLOUR = "#333333"
EMPTY_ALPHA = 0.35
"""An empty cell's 0 is faint: there, but not competing with the cells that hold customers."""
CELL_EDGE = "white"

ROW_HEIGHT = 1.4
"""The height of a name row, in multiples of the name font size."""
CELL_PADDING = 0.07
"""The space kept free along each cell's border, in inches."""
DOT_SHARE = 0.85
"""The largest dot takes this share of the pitch between neighbouring dots."""
NAME_GAP = 0.65
"""From a named dot's centre to the start of its name, in name rows (the largest dot's
radius is 0.425 rows)."""
CROWDED_DOT = 6.0
"""Below this largest dot (points) the unnamed dots no longer show hours: all one size."""
NAMED_DOT = 0.3
"""A named customer's dot is at least this share of a name row wide."""
SMALLEST_DOT = 0.3
"""With hours, the dot of the customer with the fewest hours is at least this share of the
largest (its area then no longer follows the hours, but it stays visible)."""
COUNT_LINE = 1.25
"""The height of the count's corner, in multiples of the count's font size (a line of text
is about 1.17 of it)."""
COUNT_GAP = 0.1
"""The space kept free left of the count, in inches: a name beside it stops this far before."""
FIELD_GAP = 0.25
"""The space between the last name row (or the count) and the dots, in name rows."""
MIN_FIELD = 0.75
"""The lowest field of dots, in name rows: a cell keeps at least this much for its dots."""


@dataclass(frozen=True)
class _Geometry:
    """Sizes in inches of one cell, and how data units map to inches."""

    x_inch: float  # inches per data unit along x (one cell is one unit wide)
    y_inch: float
    row: float  # height of a name row
    pad: float
    count_size: float  # font size of the count in the top right corner
    name_top: float = 0.0  # where the first name row starts, inches below the inner top

    @property
    def letter_size(self) -> float:
        """The font size of the big faint segment letter in the bottom right corner."""
        return _letter_size(self.x_inch, self.y_inch)

    @property
    def band(self) -> float:
        """The height of the count's corner at the top right, in inches."""
        return COUNT_LINE * self.count_size / 72

    @property
    def inner_width(self) -> float:
        return max(self.x_inch - 2 * self.pad, 1e-6)

    @property
    def inner_height(self) -> float:
        return max(self.y_inch - 2 * self.pad, 1e-6)

    @property
    def rows(self) -> int:
        """How many name rows fit in a cell."""
        return max(int((self.inner_height - self.name_top) // self.row), 0)

    def row_top(self, row: int) -> float:
        """The top of name row ``row`` (from 0), in inches below the top of the inner box."""
        return self.name_top + row * self.row

    def field_offset(self, names: int) -> float:
        """Where a cell's dots start, in inches below the top of its inner box: under its
        ``names`` name rows and under the count, with a small gap."""
        return max(self.row_top(names), self.band) + FIELD_GAP * self.row

    def beside(self, count_widths: np.ndarray) -> _Geometry:
        """This geometry with the names starting under the counts when the room a name has
        beside the widest count is less than half the room it has in a row of its own (a
        narrow cell, a long number): a row of a few letters helps nobody."""
        full = self.inner_width - (0.5 + NAME_GAP) * self.row
        beside = full - float(count_widths.max(initial=0.0)) - COUNT_GAP
        return self if beside >= 0.5 * full else replace(self, name_top=self.band)

    @property
    def beside_count(self) -> bool:
        """True when a cell is too low for any field of dots under its count: the dots then
        take the whole height left of the count, and the cell names nobody."""
        return self.inner_height - self.field_offset(0) < MIN_FIELD * self.row

    @property
    def name_cap(self) -> int:
        """The most names a cell that also shows dots can hold (the rest of its height is for
        the dots)."""
        if self.beside_count:
            return 0
        room = self.inner_height - self.name_top - (FIELD_GAP + MIN_FIELD) * self.row
        return max(int(room // self.row + 1e-9), 0)


def matrix_chart(
    result: Segmentation,
    *,
    lang: str | None = None,
    ax: Axes | None = None,
    anonymous: bool = False,
    favourites: Collection[str] = (),
    max_labels: int = 40,
    named: Collection[str] | None = None,
    set_aside: Collection[str] | None = None,
) -> Axes:
    """Every customer in its cell of revenue band × score, the cells coloured by segment.

    The lanes are named with their band and € range, the columns are the scores of
    ``result.grid``. Every cell says in its top right corner how many customers it holds (a
    faint 0 when it holds none; the legend says what the number is), so the number is right
    however many of them get a name. Up to ``max_labels`` customers get their name
    (``favourites`` first, then the largest revenue; ties by customer id), each cell only as
    many as fit; the others are dots. ``named`` (customer ids) limits the names to those
    customers and the favourites, e.g. the ones the team discusses in the room; ``None``
    lets every customer be named. ``favourites`` (customer ids) are stars and named in the
    legend. When the customers have known ``hours``, a dot's area follows them (a size legend
    says how); otherwise all dots are equal. ``anonymous`` writes codes (K01 for the largest
    customer, K02, ...) instead of names, for showing outside the team.

    ``set_aside`` (customer ids; ``None``: ``result.set_aside``, which
    :func:`klantlib.segment_session` fills from the session): customers without an answer
    yet, left for the account managers. Their score would be 0 only because nobody has
    answered (unknown is not yes), so they are counted, never scored as if answered: they are
    in no cell and in no cell's count,
    and one line under the title says how many they are ("378 klanten nog zonder antwoord
    (voor de accountmanagers): niet in de matrix"). A favourite or a ``named`` customer that
    is set aside is not drawn either (it has no place yet); ids that are not customers of
    ``result`` are ignored, and when none is, the chart is the one without ``set_aside``.
    With every customer set aside the cells are empty, each with its 0, under that line.
    Codes (``anonymous``) stay those of the whole customer list.

    Draws on ``ax`` (or a new figure) and returns it; never changes matplotlib's global
    settings. 50,000 customers draw as fast as 50: one scatter per cell, names only for the
    few that get one; customers set aside cost a set lookup each and are never drawn.
    """
    lang = check_language(lang) if lang is not None else get_language()
    from matplotlib.patches import Rectangle

    grid = result.grid
    scores = list(grid.scores)
    table = _placed_table(result.customers, favourites)
    everyone = len(table)  # the codes (K001) count the whole list, set aside or not
    if set_aside is None:
        set_aside = result.set_aside
    if len(set_aside):  # len, not truth: a pandas Series of ids has no truth value
        table = table[~_among(table["customer_id"], set_aside)].reset_index(drop=True)
    eligible = table["favourite"].to_numpy() | _among(table["customer_id"], named)
    hours = _known_hours(result.customers, table)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=MATRIX_FIGURE_SIZE, layout="constrained")

    # The frame first (ticks, lane names, title, legend): the room left for the cells follows.
    ax.set_xlim(-0.5, grid.max_score + 0.5)
    ax.set_ylim(-0.5, len(BANDS) - 0.5)
    ax.set_xticks(scores, [format_number(s, lang) for s in scores])
    ax.xaxis.tick_top()  # the scores head the columns, as in a table; the legend goes below
    ax.xaxis.set_label_position("top")
    ax.set_yticks(range(len(BANDS)), [_lane_label(band, result.thresholds, lang) for band in BANDS])
    ax.tick_params(axis="both", which="both", length=0, pad=8)
    ax.tick_params(axis="x", labelsize=TICK_SIZE)
    ax.tick_params(axis="y", labelsize=LANE_SIZE)
    for label in ax.get_yticklabels():
        label.set_horizontalalignment("right")
    for side in ax.spines.values():
        side.set_visible(False)
    weighted = grid.max_score != len(SCORES) - 1
    ax.set_xlabel(
        text("matrix.x_label_weighted" if weighted else "matrix.x_label", lang),
        fontsize=LABEL_SIZE,
    )
    ax.set_ylabel(text("matrix.y_label", lang), fontsize=LABEL_SIZE)
    title = ax.set_title(text("matrix.title", lang), fontsize=TITLE_SIZE, loc="left", pad=TITLE_PAD)
    # Customers set aside: one line right under the title (read before the cells), hung from
    # the title's box, with room made for it by the title's pad, so it touches neither.
    line = None
    if len(table) < everyone:
        line = _set_aside_line(ax, title, everyone - len(table), lang)
        _make_room(ax, line)

    is_favourite = table["favourite"].to_numpy()
    legend_parts = (bool(is_favourite.any()), hours, lang)
    _add_legend(ax, *legend_parts, widest=DOT_SHARE * ROW_HEIGHT * NAME_SIZE)  # size for now
    geometry = _geometry(ax, len(scores))
    legend = ax.get_legend()
    wrap = legend is not None and legend.get_window_extent().width > ax.bbox.width
    if wrap:  # one row of keys would be wider than the matrix (and narrow it): two rows
        _add_legend(ax, *legend_parts, widest=DOT_SHARE * ROW_HEIGHT * NAME_SIZE, wrap=True)
        geometry = _geometry(ax, len(scores))
    # The line under the title takes no part in the layout: it is made as wide as the matrix
    # at most, in rows when it must.
    if line is not None and _wrap_line(line, geometry.x_inch * len(scores) * 72):
        _make_room(ax, line)
        geometry = _geometry(ax, len(scores))

    # The cells: a fill in the segment's colour and its letter, large and faint, bottom right;
    # the number of customers in the top right.
    cell_of = table["band_index"].to_numpy() * len(scores) + table["score"].to_numpy()
    counts = np.bincount(cell_of, minlength=len(BANDS) * len(scores))
    count_widths = _count_widths(counts, geometry.count_size, lang)
    geometry = geometry.beside(count_widths)
    letter_size = geometry.letter_size
    for band_index, band in enumerate(BANDS):
        for s in scores:
            letter = grid.cells[band][s]
            ax.add_patch(
                Rectangle(
                    (s - 0.5, band_index - 0.5),
                    1.0,
                    1.0,
                    facecolor=SEGMENT_COLOURS[letter],
                    edgecolor=CELL_EDGE,
                    linewidth=3,
                    zorder=0,
                    gid=f"fill-{band}-{s}",
                )
            )
            ax.text(
                s + 0.5 - geometry.pad / geometry.x_inch,
                band_index - 0.5 + geometry.pad / geometry.y_inch,
                letter,
                ha="right",
                va="bottom",
                fontsize=letter_size,
                fontweight="bold",
                color=LETTER_COLOUR,
                alpha=LETTER_ALPHA,
                zorder=1,
                gid=f"letter-{band}-{s}",
            )
            count = int(counts[band_index * len(scores) + s])
            ax.text(
                s + 0.5 - geometry.pad / geometry.x_inch,
                band_index + 0.5 - geometry.pad / geometry.y_inch,
                format_number(count, lang),
                ha="right",
                va="top",
                fontsize=geometry.count_size,
                fontweight="bold",
                color=COUNT_COLOUR,
                alpha=1.0 if count else EMPTY_ALPHA,
                zorder=5,
                gid=f"count-{band}-{s}",
            )

    # Who gets a name, then where everyone goes.
    named = _choose_named(table, cell_of, geometry, max_labels, eligible)
    x, y, pitch = _positions(table, cell_of, named, geometry, len(scores), count_widths)
    # Dot sizes. When the unnamed dots have room to show sizes, every dot shares one scale;
    # in a crowded chart they are all one small size (sizes that small cannot be read) and
    # the named dots, which have a whole row, keep the scale the legend shows.
    row_points = geometry.row * 72
    field_dot = DOT_SHARE * pitch * 72  # points
    crowded = field_dot < CROWDED_DOT
    widest = DOT_SHARE * row_points if crowded else field_dot
    diameters = _diameters(hours, widest, count=len(table))
    unknown = np.isnan(hours) if hours is not None else np.zeros(len(table), dtype=bool)
    if crowded:
        diameters = np.where(named, diameters, field_dot)
        unknown &= named
    diameters = np.where(named, np.maximum(diameters, NAMED_DOT * row_points), diameters)
    star_sizes = np.where(
        named,
        np.clip(1.35 * diameters, 0.6 * row_points, DOT_SHARE * row_points),
        np.clip(1.35 * diameters, 0.7 * field_dot, field_dot / DOT_SHARE),
    )

    # One scatter per cell for the dots (favourites apart, as stars, in one scatter).
    from matplotlib.colors import to_rgba

    dark, white = np.array(to_rgba(DOT_COLOUR)), np.array(to_rgba("white"))
    faces = np.where(unknown[:, None], white, dark)
    edges = np.where(unknown[:, None], dark, white)
    plain_edge = 0.0 if crowded else 0.6
    widths = np.where(unknown, max(plain_edge, 1.0), np.where(named, 0.6, plain_edge))
    for band_index, band in enumerate(BANDS):
        for s in scores:
            members = np.flatnonzero((cell_of == band_index * len(scores) + s) & ~is_favourite)
            if not members.size:
                continue
            ax.scatter(
                x[members],
                y[members],
                s=diameters[members] ** 2,
                facecolors=faces[members],
                # matplotlib's stubs take no arrays here; its code takes any array of them
                edgecolors=edges[members],  # type: ignore[arg-type]
                linewidths=widths[members],  # type: ignore[arg-type]
                marker="o",
                zorder=3,
                gid=f"points-{band}-{s}",
            )
    stars = np.flatnonzero(is_favourite)
    if stars.size:
        ax.scatter(
            x[stars],
            y[stars],
            s=star_sizes[stars] ** 2,
            marker="*",
            facecolors=FAVOURITE_COLOUR,
            edgecolors=DOT_COLOUR,
            # matplotlib's stubs take a sequence, not an array, of widths
            linewidths=np.where(named[stars] | (not crowded), 0.8, 0.3),  # type: ignore[arg-type]
            zorder=4,
            gid="favourites",
        )

    # Names (or codes) beside their dots, cut to the room they have. No "+N" for the rest:
    # the count in the corner already says how many the cell holds, named or not.
    _write_names(
        ax,
        table,
        named,
        cell_of,
        len(scores),
        x,
        y,
        geometry,
        count_widths,
        anonymous,
        lang,
        everyone=everyone,
    )

    _add_legend(ax, *legend_parts, widest=widest, wrap=wrap)  # the same entries, true sizes
    return ax


def _set_aside_line(ax: Axes, title: Text, count: int, lang: str) -> Annotation:
    """The line that says how many customers are set aside, in one row for now: its top left
    corner hangs ``SET_ASIDE_GAP`` points under the ``title``'s box (wherever matplotlib puts
    the title, above the scores), and it takes no part in the layout (the title's pad makes its
    room, see :func:`_make_room`)."""
    line = ax.annotate(
        text("matrix.set_aside", lang, count=format_number(count, lang)),
        xy=(0.0, 0.0),  # the bottom left corner of the title's box
        xycoords=title,
        xytext=(0.0, -SET_ASIDE_GAP),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=SET_ASIDE_SIZE,
        color=SET_ASIDE_COLOUR,
        annotation_clip=False,
        gid="set-aside",
        parse_math=False,
    )
    line.set_in_layout(False)
    return line


def _make_room(ax: Axes, line: Annotation) -> None:
    """The title (left) raised to make room for ``line`` under it.

    Matplotlib puts a title ``pad`` points above the top of the Axes, and moves it up only when
    its box would then reach into what stands above the matrix (the scores and their label).
    The pad here is the height of all that, plus ``TITLE_PAD``, the line's height and its gap,
    so the title is never moved: it stands that many points above the matrix, and the line,
    hanging from the title's box, ends ``TITLE_PAD`` less the title's descent above the scores'
    label, where the title's box ended without the line. It cannot touch the title nor the
    label, whatever size the layout gives the matrix."""
    figure = ax.get_figure(root=True)
    assert figure is not None  # an Axes is made on a figure
    points = 72 / figure.dpi
    above = ax.xaxis.get_tightbbox()
    scores = max((above.y1 - ax.bbox.y1) * points, 0.0) if above is not None else 0.0
    height = line.get_window_extent().height * points  # as drawn
    ax.set_title(
        ax.get_title(loc="left"),
        fontsize=TITLE_SIZE,
        loc="left",
        pad=TITLE_PAD + scores + SET_ASIDE_GAP + height,
    )


def _wrap_line(line: Annotation, room: float) -> bool:
    """Break ``line`` into rows no wider than ``room`` points (the matrix's width); True when
    that changed it. A line that is too wide breaks after its colon first ("... (voor de
    accountmanagers):" / "niet in de matrix"), then between words where a part is still too
    wide; a word wider than ``room`` keeps a row of its own."""
    from matplotlib.textpath import TextToPath

    measure, prop = TextToPath(), line.get_fontproperties()

    def width(candidate: str) -> float:
        return float(measure.get_text_width_height_descent(candidate, prop, ismath=False)[0])

    written = line.get_text()
    if width(written) <= room:
        return False
    rows: list[str] = []
    for part in re.split(r"(?<=:) ", written):
        words = part.split()
        if not words:
            continue
        rows.append(words[0])
        for word in words[1:]:
            if width(f"{rows[-1]} {word}") <= room:
                rows[-1] = f"{rows[-1]} {word}"
            else:
                rows.append(word)
    line.set_text("\n".join(rows))
    return True


class _LegendMarker(TypedDict, total=False):
    """The marker of a legend entry, as :class:`matplotlib.lines.Line2D` takes it."""

    marker: str
    color: str
    markerfacecolor: str
    markeredgecolor: str
    markeredgewidth: float


def _add_legend(
    ax: Axes,
    favourites: bool,
    hours: np.ndarray | None,
    lang: str,
    *,
    widest: float,
    wrap: bool = False,
) -> None:
    """Below the matrix, in one row (two with ``wrap``): what the number in a cell's corner
    is, the favourites' star, dot sizes for some hours, and the hollow dot of unknown hours."""
    from matplotlib.lines import Line2D

    def entry(label: str, gid: str, size: float, **style: Unpack[_LegendMarker]) -> Line2D:
        return Line2D([], [], linestyle="none", markersize=size, label=label, gid=gid, **style)

    handles = [
        entry(  # a bold number as the cells show it, then its meaning: "12 klanten in het vak"
            text("matrix.count", lang),
            "legend-count",
            COUNT_KEY_SIZE,
            marker=r"$\mathbf{12}$",
            color=COUNT_COLOUR,
            markeredgewidth=0.0,
        )
    ]
    if favourites:
        handles.append(
            entry(
                text("matrix.favourite", lang),
                "legend-favourite",
                max(1.35 * widest, 14.0),
                marker="*",
                markerfacecolor=FAVOURITE_COLOUR,
                markeredgecolor=DOT_COLOUR,
            )
        )
    if hours is not None:
        steps = _hour_steps(hours)
        sizes = _diameters(np.array(steps), widest, reference=hours)
        for step, size in zip(steps, sizes, strict=True):
            handles.append(
                entry(
                    text("matrix.hours", lang, hours=format_number(step, lang)),
                    f"legend-hours-{step:g}",
                    max(float(size), 2.0),
                    marker="o",
                    color=DOT_COLOUR,
                )
            )
        if np.isnan(hours).any():
            handles.append(
                entry(
                    text("matrix.hours_unknown", lang),
                    "legend-hours-unknown",
                    max(float(_diameters(np.array([np.nan]), widest, reference=hours)[0]), 6.0),
                    marker="o",
                    markerfacecolor="white",
                    markeredgecolor=DOT_COLOUR,
                )
            )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.02),
        ncols=math.ceil(len(handles) / 2) if wrap else len(handles),
        borderaxespad=0.0,
        frameon=False,
        fontsize=LEGEND_SIZE,
        handletextpad=0.4,
        columnspacing=1.8,
    )


def _placed_table(customers: pd.DataFrame, favourites: Collection[str]) -> pd.DataFrame:
    """The columns the chart needs, largest revenue first (ties by id), with the rank."""
    favourite_ids = {str(f) for f in favourites}
    ids = customers["customer_id"].astype(str).to_numpy()
    revenue = customers["revenue"].to_numpy(dtype="float64")
    order = np.lexsort((ids, -revenue))
    band_index = pd.Categorical(customers["band"].astype(str), categories=list(BANDS)).codes
    table = pd.DataFrame(
        {
            "position": order,
            "customer_id": ids[order],
            "name": customers["name"].astype(str).to_numpy()[order],
            "revenue": revenue[order],
            "band_index": np.asarray(band_index, dtype="int64")[order],
            "score": customers["score"].to_numpy(dtype="int64")[order],
        }
    )
    table["rank"] = np.arange(1, len(table) + 1)
    table["favourite"] = table["customer_id"].isin(favourite_ids).to_numpy()
    return table


def _among(ids: pd.Series, chosen: Collection[str] | None) -> np.ndarray:
    """Per id, whether it is one of ``chosen`` (any id when ``chosen`` is None); a set lookup
    per id, quick for 50,000 ids of either size."""
    if chosen is None:
        return np.ones(len(ids), dtype=bool)
    wanted = {str(i) for i in chosen}
    return np.fromiter((i in wanted for i in ids.to_numpy()), dtype=bool, count=len(ids))


def _known_hours(customers: pd.DataFrame, table: pd.DataFrame) -> np.ndarray | None:
    """Hours per customer in the table's order (NaN when unknown), or None when none known."""
    if "hours" not in customers.columns:
        return None
    hours = pd.to_numeric(customers["hours"], errors="coerce").to_numpy(dtype="float64")
    hours = hours[table["position"].to_numpy()]
    if not np.isfinite(hours).any():
        return None
    return np.where(np.isfinite(hours), np.maximum(hours, 0.0), np.nan)


def _lane_label(band: str, thresholds: Thresholds, lang: str) -> str:
    """The band's name with its € range, e.g. ``groot:`` / ``vanaf € 50.000``."""

    def money(amount: float) -> str:
        return Money(amount).message(lang)

    return text(
        f"matrix.lane.{band}",
        lang,
        band=text(f"band.{band}", lang),
        low=money(thresholds.low) if band != "large" else money(thresholds.high),
        high=money(thresholds.high) if band == "medium" else money(thresholds.low),
    )


def _geometry(ax: Axes, columns: int) -> _Geometry:
    """The size of one cell in inches, after the figure's layout has made room for the frame."""
    figure = ax.get_figure(root=True)
    assert figure is not None  # an Axes is made on a figure
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
    box = ax.get_position()
    width, height = figure.get_size_inches()
    x_inch = box.width * width / columns
    y_inch = box.height * height / len(BANDS)
    # The count (top right) and the letter (bottom right) share a cell's height: in a cell too
    # low for both, the count gets smaller.
    letter = 1.17 * _letter_size(x_inch, y_inch) / 72  # a line of text, as drawn
    room = y_inch - 2 * CELL_PADDING - letter
    return _Geometry(
        x_inch=x_inch,
        y_inch=y_inch,
        row=ROW_HEIGHT * NAME_SIZE / 72,
        pad=CELL_PADDING,
        count_size=float(np.clip(room * 72 / COUNT_LINE, MIN_COUNT_SIZE, COUNT_SIZE)),
    )


def _letter_size(x_inch: float, y_inch: float) -> float:
    """The font size of a cell's big faint letter for a cell of ``x_inch`` × ``y_inch``."""
    return float(np.clip(0.36 * min(x_inch, y_inch) * 72, 18, 44))


def _count_widths(counts: np.ndarray, size: float, lang: str) -> np.ndarray:
    """The width in inches of each cell's count as it is written (bold, ``size`` points)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure, prop = TextToPath(), FontProperties(size=size, weight="bold")
    return np.array(
        [
            float(
                measure.get_text_width_height_descent(
                    format_number(int(n), lang), prop, ismath=False
                )[0]
            )
            / 72
            for n in counts
        ]
    )


def _choose_named(
    table: pd.DataFrame,
    cell_of: np.ndarray,
    geometry: _Geometry,
    max_labels: int,
    eligible: np.ndarray,
) -> np.ndarray:
    """Which customers get a name: of the ``eligible`` ones, favourites first, then by
    revenue, as many as fit a cell.

    A cell where every customer gets a name may use all its rows; a cell that also shows
    customers without a name (not eligible, or no room) keeps the rest of its height, under
    the names and the count, for their dots."""
    minlength = int(cell_of.max(initial=0)) + 1
    counts = np.bincount(cell_of, minlength=minlength)  # per cell
    named = np.zeros(len(table), dtype=bool)
    rows, part = geometry.rows, geometry.name_cap
    if max_labels <= 0 or rows <= 0:
        return named
    all_eligible = np.bincount(cell_of[eligible], minlength=minlength) == counts
    caps = np.where((counts <= rows) & all_eligible & ~geometry.beside_count, counts, part)
    used = np.zeros_like(counts)
    favourite = table["favourite"].to_numpy()
    priority = np.concatenate(
        [np.flatnonzero(favourite & eligible), np.flatnonzero(~favourite & eligible)]
    )
    total = 0
    for i in priority:
        if total >= max_labels:
            break
        cell = cell_of[i]
        if used[cell] < caps[cell]:
            named[i] = True
            used[cell] += 1
            total += 1
    # A cell that could not name everyone (max_labels ran out) needs room for its dots.
    for cell in np.flatnonzero((used < counts) & (used > part)):
        members = np.flatnonzero(named & (cell_of == cell))
        keep = members[np.argsort(_priority_order(favourite[members], members))]
        named[keep[part:]] = False
    return named


def _priority_order(favourite: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """A sort key: favourites first, then by rank (the table is largest first)."""
    return np.where(favourite, 0, 1) * (len(rank) + int(rank.max(initial=0)) + 1) + rank


def _positions(
    table: pd.DataFrame,
    cell_of: np.ndarray,
    named: np.ndarray,
    geometry: _Geometry,
    columns: int,
    count_widths: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Each customer's place and the pitch between unnamed dots.

    Named customers take one row each from the top of their cell (largest first). The rest
    fill the room below the names and the count (the top right corner), left to right and
    top to bottom in revenue order, at one pitch for the whole chart (the largest at which
    the fullest cell still fits, at most a row): a cell's dots then cover an area that grows
    with their number. In a cell too low for that the dots take the height left of the count.
    Everything stays inside the cell's padding."""
    g = geometry
    x = np.zeros(len(table))
    y = np.zeros(len(table))
    fields: list[tuple[np.ndarray, float, float, float]] = []  # rest, left, top, width
    pitch = g.row
    order = np.argsort(cell_of, kind="stable")  # within a cell: largest first (table order)
    starts = np.flatnonzero(np.r_[True, np.diff(cell_of[order]) != 0])
    for members in np.split(order, starts[1:]) if len(order) else []:
        cell = int(cell_of[members[0]])
        left = cell % columns - 0.5 + g.pad / g.x_inch
        top = cell // columns + 0.5 - g.pad / g.y_inch
        with_name = members[named[members]]
        rest = members[~named[members]]
        for row, i in enumerate(with_name):
            x[i] = left + 0.5 * g.row / g.x_inch
            y[i] = top - (g.row_top(row) + 0.5 * g.row) / g.y_inch
        if not rest.size:
            continue
        if g.beside_count:  # no names here (see name_cap): the dots left of the count
            field_top, field_height = top, g.inner_height
            field_width = max(g.inner_width - count_widths[cell] - COUNT_GAP, 1e-6)
        else:
            offset = g.field_offset(len(with_name))
            field_top, field_height = top - offset / g.y_inch, g.inner_height - offset
            field_width = g.inner_width
        fields.append((rest, left, field_top, field_width))
        pitch = min(pitch, _field_pitch(rest.size, field_width, field_height))
    for rest, left, field_top, field_width in fields:
        per_row = max(int(field_width / pitch + 1e-9), 1)
        place = np.arange(rest.size)
        x[rest] = left + (place % per_row + 0.5) * pitch / g.x_inch
        y[rest] = field_top - (place // per_row + 0.5) * pitch / g.y_inch
    return x, y, pitch


def _field_pitch(count: int, width: float, height: float) -> float:
    """The largest pitch at which ``count`` dots fit a ``width`` × ``height`` field on a
    square grid (rows filled left to right)."""
    per_row = np.arange(1, count + 1, dtype="float64")
    return float(np.max(np.minimum(width / per_row, height / np.ceil(count / per_row))))


def _diameters(
    hours: np.ndarray | None,
    widest: float,
    *,
    count: int = 0,
    reference: np.ndarray | None = None,
) -> np.ndarray:
    """Dot diameters in points: the area follows the hours (most hours: ``widest``), all
    ``count`` equal when hours are not known; unknown hours get the median's size."""
    reference = hours if reference is None else reference
    if hours is None or reference is None:
        return np.full(count, widest)
    top = float(np.nanmax(reference)) if np.isfinite(reference).any() else 0.0
    if top <= 0:
        return np.full(len(hours), widest)
    middle = float(np.nanmedian(reference))
    values = np.where(np.isnan(hours), middle, hours)
    return widest * np.clip(np.sqrt(values / top), SMALLEST_DOT, 1.0)


def _hour_steps(hours: np.ndarray) -> list[float]:
    """Three round numbers of hours for the size legend: near the most, a quarter, 1/16."""
    top = float(np.nanmax(hours))
    if top <= 0:
        return []
    steps: list[float] = []
    for share in (1.0, 0.25, 1 / 16):
        value = _round_down(top * share)
        if value > 0 and value not in steps:
            steps.append(value)
    return steps


def _round_down(value: float) -> float:
    """The largest of 1, 2, 5 × a power of ten that is at most ``value``."""
    if value <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(value))
    return float(max(m for m in (1, 2, 5) if m * power <= value + 1e-9) * power)


def _write_names(
    ax: Axes,
    table: pd.DataFrame,
    named: np.ndarray,
    cell_of: np.ndarray,
    columns: int,
    x: np.ndarray,
    y: np.ndarray,
    g: _Geometry,
    count_widths: np.ndarray,
    anonymous: bool,
    lang: str,
    *,
    everyone: int,
) -> None:
    """One text per named customer, right of its dot, shortened with … to fit its cell (and
    to stop before the count or the letter when its row passes one). A code has as many
    digits as ``everyone`` (all the customers, drawn or set aside) needs, at least two."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath()
    width = len(str(everyone)) if everyone >= 10 else 2
    letter_height = g.letter_size * 0.75 / 72 + g.pad  # inches above the cell's bottom
    letter_width = g.letter_size * 0.8 / 72 + g.pad
    for i in np.flatnonzero(named):
        favourite = bool(table["favourite"].iat[i])
        label = (
            text("matrix.code", lang, number=str(int(table["rank"].iat[i])).zfill(width))
            if anonymous
            else str(table["name"].iat[i])
        )
        cell_left = cell_of[i] % columns - 0.5
        cell_bottom = cell_of[i] // columns - 0.5
        start = x[i] + NAME_GAP * g.row / g.x_inch
        room = (cell_left + 1 - start) * g.x_inch - g.pad  # inches
        if (y[i] - cell_bottom) * g.y_inch - 0.5 * g.row < letter_height:
            room -= letter_width  # this row passes the big letter: stop before it
        if (cell_bottom + 1 - y[i]) * g.y_inch - g.pad - 0.5 * g.row < g.band - 1e-9:
            room -= count_widths[cell_of[i]] + COUNT_GAP  # it passes the count: stop before it
        weight = "bold" if favourite else "normal"
        label = _drawable(label, FontProperties(size=NAME_SIZE, weight=weight))
        # The whole name at the largest size that fits (down to MIN_NAME_SIZE); cut only a
        # name that does not fit even then.
        size = _largest_size(label, room * 72, weight, measure)
        label = _fit(label, room * 72, FontProperties(size=size, weight=weight), measure)
        if not label:
            continue
        ax.text(
            start,
            y[i],
            label,
            ha="left",
            va="center",
            fontsize=size,
            fontweight="bold" if favourite else "normal",
            color=NAME_COLOUR,
            zorder=5,
            gid=f"name-{int(table['rank'].iat[i])}",
            parse_math=False,  # a name is text: "$5 Deals" is no formula
        )


def _drawable(label: str, prop: FontProperties) -> str:
    """``label`` without the characters its font cannot draw (an emoji in a CRM name): they
    would be empty boxes on the slide and a warning in the notebook. Invisible format
    characters go too (a right-to-left override, a zero-width joiner): drawn one by one they
    only confuse the measuring of the name."""
    from matplotlib.font_manager import findfont

    drawn = _font_characters(findfont(prop))
    kept = "".join(c for c in label if ord(c) in drawn and unicodedata.category(c) != "Cf")
    return " ".join(kept.split())


@functools.lru_cache(maxsize=8)
def _font_characters(path: str) -> frozenset[int]:
    from matplotlib.font_manager import get_font

    return frozenset(get_font(path).get_charmap())


def _largest_size(label: str, room: float, weight: str, measure: TextToPath) -> int:
    """The largest font size from NAME_SIZE down to MIN_NAME_SIZE at which ``label`` fits
    ``room`` points (MIN_NAME_SIZE when none does). A name's width grows with the size, so the
    width at NAME_SIZE says where to look; two or three measurements instead of one per size."""
    from matplotlib.font_manager import FontProperties

    def fits(size: int) -> bool:
        prop = FontProperties(size=size, weight=weight)
        return float(measure.get_text_width_height_descent(label, prop, ismath=False)[0]) <= room

    full = float(
        measure.get_text_width_height_descent(
            label, FontProperties(size=NAME_SIZE, weight=weight), ismath=False
        )[0]
    )
    if full <= room:
        return NAME_SIZE
    size = max(MIN_NAME_SIZE, min(NAME_SIZE - 1, int(NAME_SIZE * room / full)))
    while size < NAME_SIZE - 1 and fits(size + 1):
        size += 1
    while size > MIN_NAME_SIZE and not fits(size):
        size -= 1
    return size


def _fit(label: str, room: float, prop: FontProperties, measure: TextToPath) -> str:
    """``label`` as it is when it fits ``room`` points, else cut and ended with …"""

    def width(candidate: str) -> float:
        return float(measure.get_text_width_height_descent(candidate, prop, ismath=False)[0])

    if room <= 0:
        return ""
    if width(label) <= room:
        return label
    low, high = 0, len(label)
    while low < high:  # the longest prefix that fits with its …
        middle = (low + high + 1) // 2
        if width(label[:middle].rstrip() + "…") <= room:
            low = middle
        else:
            high = middle - 1
    return label[:low].rstrip() + "…" if low else ""
