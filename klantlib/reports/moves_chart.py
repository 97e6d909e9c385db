"""The chart of moves between two quarters: who stayed, who changed segment, who came and went.

An alluvial (flow) chart for the projector. The left column is last quarter, the right column
this quarter; each column stacks its boxes top to bottom A, B, C and then "new" (left) or
"gone" (right), every box as high as its number of customers. A ribbon joins each pair of
boxes that customers went between, as wide as their number: pale for the customers who stayed
in their segment, in full colour (the colour of the segment they moved to; grey for the ones
that are gone) for the ones that moved.

The input is the ``transitions`` table of :func:`klantlib.core.moves.compare_segments`. The layout
is computed, not searched: the same table always gives the same picture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from klantlib.core.moves import TRANSITION_COLUMNS
from klantlib.core.segments import SEGMENTS
from klantlib.errors import KlantlibError
from klantlib.i18n import check_language, format_number, get_language, text
from klantlib.reports.matrix import SEGMENT_COLOURS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["MOVES_FIGURE_SIZE", "moves_chart"]

MOVES_FIGURE_SIZE = (12.0, 7.5)
"""A 16:9 slide."""
TITLE_SIZE = 18
COLUMN_SIZE = 16
LABEL_SIZE = 15
NOTE_SIZE = 14

NEW, GONE = "new", "gone"
"""The names of the boxes for customers that are new in the list, or no longer in it."""
LEFT: tuple[str, ...] = (*SEGMENTS, NEW)
RIGHT: tuple[str, ...] = (*SEGMENTS, GONE)

NEUTRAL_COLOUR = "#a6a6a6"
"""The boxes "new" and "gone", and the ribbons of the customers that are gone."""
BOX_COLOURS = {**SEGMENT_COLOURS, NEW: NEUTRAL_COLOUR, GONE: NEUTRAL_COLOUR}
RIBBON_COLOURS = {
    "A": SEGMENT_COLOURS["A"],
    "B": SEGMENT_COLOURS["B"],
    "C": "#c9c9c9",
    GONE: "#8c8c8c",
}
"""A ribbon takes the colour of the box it goes to. C's box is almost white (its dark edge
keeps it visible); a ribbon that light would vanish on a white slide, so C's ribbons are a
shade darker, and the gone ones darker still."""
BOX_EDGE = "#333333"
TEXT_COLOUR = "#1d2b4f"
LEADER_COLOUR = "#777777"
STAY_ALPHA = 0.28
"""Customers that stayed in their segment: pale, the background of the picture."""
MOVE_ALPHA = 0.85
"""Customers that changed segment (or came, or went): what the chart is about."""

BOX_WIDTH = 0.05
"""The width of a box, as a share of the chart's width."""
LEFT_X = 0.2
"""The left edge of the left boxes; the right boxes mirror them."""
GAP_SHARE = 0.035
"""The gap between two boxes of a column, as a share of all customers."""
LABEL_ROW = 1.35
"""Labels of neighbouring boxes stay at least this many label font sizes apart."""
CURVE_POINTS = 64


def moves_chart(
    transitions: pd.DataFrame,
    *,
    before: str = "",
    after: str = "",
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The customers of last quarter (left) flowing to their segment of this quarter (right).

    ``transitions`` has ``from_segment``, ``to_segment`` and ``customers`` as
    :func:`klantlib.core.moves.compare_segments` returns them: an empty ``from_segment`` is a
    customer new in the list, an empty ``to_segment`` one no longer in it. A pair listed more
    than once counts once with the customers added up. ``before`` and ``after`` head the
    columns (e.g. the session names); left empty, they say "last quarter" and "this quarter".

    Each box is named with its segment (or "new"/"gone") and number of customers; a box of no
    customers is left out. The title says how many customers changed segment (new and gone
    ones included) out of all customers of either quarter. A table without rows draws a
    message instead. A table without the three columns, with segments other than A, B, C or
    empty, or with counts that are not whole numbers of 0 or more, is a
    :class:`~klantlib.errors.KlantlibError`.

    Draws on ``ax`` (or a new figure) and returns it; never changes matplotlib's global
    settings nor the table given.
    """
    lang = check_language(lang) if lang is not None else get_language()
    counts = _counts(transitions)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=MOVES_FIGURE_SIZE, layout="constrained")

    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(axis="both", which="both", length=0)
    ax.set_yticks([])
    total = sum(counts.values())
    if not total:
        ax.set_xticks([])
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.text(
            0.5,
            0.5,
            text("moves_chart.empty", lang),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=COLUMN_SIZE,
            color=TEXT_COLOUR,
            gid="empty",
        )
        return ax

    changed = sum(
        n for (source, target), n in counts.items() if _segment_key(source) != _segment_key(target)
    )
    left_totals = {box: sum(n for (s, _), n in counts.items() if s == box) for box in LEFT}
    right_totals = {box: sum(n for (_, t), n in counts.items() if t == box) for box in RIGHT}
    gap = GAP_SHARE * total
    height = total + gap * (len(LEFT) - 1)
    left = _stack(left_totals, gap, height)
    right = _stack(right_totals, gap, height)
    right_x = 1 - LEFT_X - BOX_WIDTH

    # The frame first (column heads, title, note): the room left for the boxes follows.
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.01 * height, 1.01 * height)
    ax.xaxis.tick_top()
    ax.set_xticks(
        [LEFT_X + BOX_WIDTH / 2, right_x + BOX_WIDTH / 2],
        [before or text("moves_chart.before", lang), after or text("moves_chart.after", lang)],
    )
    ax.tick_params(axis="x", labelsize=COLUMN_SIZE, pad=10)
    for label in ax.get_xticklabels():
        label.set_fontweight("bold")
    ax.xaxis.set_label_position("bottom")
    ax.set_xlabel(text("moves_chart.note", lang), fontsize=NOTE_SIZE, color="#444444", labelpad=8)
    ax.set_title(
        text(
            "moves_chart.title_one" if total == 1 else "moves_chart.title",
            lang,
            count=format_number(changed, lang),
            total=format_number(total, lang),
        ),
        fontsize=TITLE_SIZE,
        loc="left",
        pad=14,
    )
    label_gap = _label_gap(ax)

    _draw_ribbons(ax, counts, left, right, LEFT_X + BOX_WIDTH, right_x)
    for side, places, totals, x in (
        ("before", left, left_totals, LEFT_X),
        ("after", right, right_totals, right_x),
    ):
        _draw_boxes(ax, side, places, x)
        _draw_labels(ax, side, places, totals, x, label_gap, height, lang)
    return ax


def _counts(transitions: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Customers per pair of boxes (``new`` and ``gone`` for the empty segments), pairs of no
    customers left out, in the chart's order. The table given is only read."""
    missing = [c for c in TRANSITION_COLUMNS if c not in transitions.columns]
    if missing:
        raise KlantlibError(
            "moves_chart.error_columns",
            missing=missing,
            columns=[str(c) for c in transitions.columns] or ["—"],
        )
    segments = {}
    for column in ("from_segment", "to_segment"):
        segments[column] = [
            "" if pd.isna(v) else str(v).strip().upper() for v in transitions[column].tolist()
        ]
    unknown = sorted({v for s in segments.values() for v in s} - {*SEGMENTS, ""})
    if unknown:
        raise KlantlibError("moves_chart.error_segments", segments=[f"'{v}'" for v in unknown])
    customers = pd.to_numeric(transitions["customers"].astype(object), errors="coerce")
    numbers = customers.to_numpy(dtype="float64", na_value=np.nan)
    bad = ~np.isfinite(numbers) | (numbers < 0) | (numbers != np.round(numbers))
    if bad.any():
        values = transitions["customers"][bad].astype(str).drop_duplicates().head(5)
        raise KlantlibError("moves_chart.error_counts", values=[f"'{v}'" for v in values])
    counts: dict[tuple[str, str], int] = {}
    for source, target, n in zip(
        segments["from_segment"], segments["to_segment"], numbers, strict=True
    ):
        pair = (source or NEW, target or GONE)
        counts[pair] = counts.get(pair, 0) + int(n)
    return {(s, t): counts[(s, t)] for s in LEFT for t in RIGHT if counts.get((s, t), 0) > 0}


def _stack(totals: dict[str, int], gap: float, height: float) -> dict[str, tuple[float, float]]:
    """``(bottom, top)`` of every box with customers, top to bottom in the column's order, a
    ``gap`` between neighbours, the column centred on ``height``."""
    shown = [box for box, n in totals.items() if n > 0]
    used = sum(totals.values()) + gap * (len(shown) - 1)
    top = height - (height - used) / 2
    places = {}
    for box in shown:
        places[box] = (top - totals[box], top)
        top -= totals[box] + gap
    return places


def _label_gap(ax: Axes) -> float:
    """The least distance between two label centres, in data units (customers), measured
    after the figure's layout has made room for the frame."""
    figure = ax.get_figure(root=True)
    assert figure is not None  # an Axes is made on a figure
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
    inches = max(ax.get_position().height * figure.get_size_inches()[1], 1e-6)
    low, high = ax.get_ylim()
    return LABEL_ROW * LABEL_SIZE / 72 / inches * (high - low)


def _draw_ribbons(
    ax: Axes,
    counts: dict[tuple[str, str], int],
    left: dict[str, tuple[float, float]],
    right: dict[str, tuple[float, float]],
    start: float,
    end: float,
) -> None:
    """One S-shaped band per pair. A box's ribbons leave it in the order of the boxes they go
    to and arrive in the order of the boxes they come from, so no two ribbons of one box
    cross. The stayers are drawn first, the movers over them."""
    from matplotlib.patches import Polygon

    out_top = {box: top for box, (_, top) in left.items()}
    in_top = {box: top for box, (_, top) in right.items()}
    arrivals = sorted(counts, key=lambda pair: (RIGHT.index(pair[1]), LEFT.index(pair[0])))
    arrive_at = {}
    for pair in arrivals:
        arrive_at[pair] = in_top[pair[1]]
        in_top[pair[1]] -= counts[pair]
    x = np.linspace(start, end, CURVE_POINTS)
    ease = (1 - np.cos(np.linspace(0, np.pi, CURVE_POINTS))) / 2  # 0 → 1, flat at both ends
    ribbons = []
    for (source, target), n in counts.items():  # already in left-then-right order
        top = out_top[source] + (arrive_at[(source, target)] - out_top[source]) * ease
        out_top[source] -= n
        stayed = _segment_key(source) == _segment_key(target)
        colour = RIBBON_COLOURS.get(target, NEUTRAL_COLOUR)
        ribbon = Polygon(
            np.column_stack([np.concatenate([x, x[::-1]]), np.concatenate([top, (top - n)[::-1]])]),
            closed=True,
            facecolor=colour,
            edgecolor="none",
            alpha=STAY_ALPHA if stayed else MOVE_ALPHA,
            zorder=1 if stayed else 2,
            gid=f"ribbon-{source}-{target}",
        )
        ribbons.append(ribbon)
    for ribbon in sorted(ribbons, key=lambda r: r.get_zorder()):
        ax.add_patch(ribbon)


def _segment_key(box: str) -> str:
    """The segment a box stands for: ``new`` and ``gone`` both stand for none."""
    return "" if box in (NEW, GONE) else box


def _draw_boxes(ax: Axes, side: str, places: dict[str, tuple[float, float]], x: float) -> None:
    from matplotlib.patches import Rectangle

    for box, (bottom, top) in places.items():
        ax.add_patch(
            Rectangle(
                (x, bottom),
                BOX_WIDTH,
                top - bottom,
                facecolor=BOX_COLOURS[box],
                edgecolor=BOX_EDGE,
                linewidth=1.2,
                zorder=3,
                gid=f"box-{side}-{box}",
            )
        )


def _draw_labels(
    ax: Axes,
    side: str,
    places: dict[str, tuple[float, float]],
    totals: dict[str, int],
    x: float,
    gap: float,
    height: float,
    lang: str,
) -> None:
    """ "A · 12" beside every box, outside the column; labels of thin neighbouring boxes are
    moved apart (with a thin line to their box) so they never overlap."""
    boxes = list(places)
    wanted = [sum(places[box]) / 2 for box in boxes]
    ys = _spread(wanted, gap, low=0.0, high=height)
    outside = x - 0.012 if side == "before" else x + BOX_WIDTH + 0.012
    text_x = outside - 0.018 if side == "before" else outside + 0.018
    for box, want, y in zip(boxes, wanted, ys, strict=True):
        name = text(f"moves_chart.{box}", lang) if box in (NEW, GONE) else box
        ax.text(
            text_x,
            y,
            text("moves_chart.box", lang, name=name, count=format_number(totals[box], lang)),
            ha="right" if side == "before" else "left",
            va="center",
            fontsize=LABEL_SIZE,
            fontweight="bold" if box in SEGMENTS else "normal",
            color=TEXT_COLOUR,
            zorder=4,
            clip_on=False,
            gid=f"label-{side}-{box}",
        )
        if abs(y - want) > 0.05 * gap:  # moved away from its box: a line shows which box
            edge = x if side == "before" else x + BOX_WIDTH
            ax.plot(
                [edge, outside, text_x],
                [want, want, y],
                color=LEADER_COLOUR,
                linewidth=1,
                zorder=4,
                clip_on=False,
                gid=f"leader-{side}-{box}",
            )


def _spread(wanted: list[float], gap: float, *, low: float, high: float) -> list[float]:
    """Heights as close to ``wanted`` (top to bottom) as can be with at least ``gap`` between
    neighbours, inside ``low``..``high`` where they fit: labels that would overlap form a
    group, spaced by ``gap`` and centred on the boxes they name (classic 1-D placement). A
    group that would stick out is moved in; one too tall for the column starts at the top."""
    groups: list[list[int]] = []
    tops: list[float] = []  # the height of each group's top label

    def place(members: list[int]) -> float:
        mean = sum(wanted[j] + k * gap for k, j in enumerate(members)) / len(members)
        return min(max(mean, low + (len(members) - 1) * gap), high)

    for i in range(len(wanted)):
        groups.append([i])
        tops.append(place([i]))
        while len(groups) > 1 and tops[-2] - len(groups[-2]) * gap < tops[-1]:
            merged = groups[-2] + groups[-1]
            groups[-2:] = [merged]
            tops[-2:] = [place(merged)]
    ys = [0.0] * len(wanted)
    for members, top in zip(groups, tops, strict=True):
        for k, j in enumerate(members):
            ys[j] = top - k * gap
    return ys
