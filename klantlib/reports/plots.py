"""Charts for the projector: large type, words in the team's language (edge).

Every helper takes ``ax=None``, draws on it (or on a new figure), and returns the Axes. None of
them calls ``plt.show()`` or changes matplotlib's global settings: sizes and colours are set on
the Axes they draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from klantlib.core.bands import (
    BANDS,
    Thresholds,
    assign_bands,
    band_summary,
    with_potential_as_revenue,
)
from klantlib.core.pareto import customer_shares, pareto_point
from klantlib.errors import Money
from klantlib.i18n import (
    check_language,
    format_money,
    format_number,
    format_share,
    get_language,
    text,
)
from klantlib.reports.present import percent_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["band_chart", "pareto_chart"]

FIGURE_SIZE = (10.0, 6.0)
TITLE_SIZE = 18
LABEL_SIZE = 15
TICK_SIZE = 14
NOTE_SIZE = 14
CURVE_COLOUR = "#1f5fa8"
POINT_COLOUR = "#d1495b"
GUIDE_COLOUR = "#8a8a8a"
BAND_COLOURS = {"large": "#1f5fa8", "medium": "#d9822b", "small": "#6b6b6b"}
"""One colour per band: blue, orange and grey stay apart for colour-blind eyes too."""
MARKERS_UP_TO = 150
"""Up to this many customers each is a dot on the band chart; above, the curve alone."""
LABEL_HEIGHT = 0.07
"""The height of a line of label text, as a share of the band chart's height."""


def pareto_chart(
    customers: pd.DataFrame,
    *,
    share: float = 0.2,
    lang: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The cumulative share of revenue against the share of customers, largest first.

    The point "the largest ``share`` of the customers bring in X% of revenue" is marked and
    labelled. One line, however many customers: no labels per customer. Negative revenues
    count as 0, as in the customer list.
    """
    lang = check_language(lang) if lang is not None else get_language()
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    shares = customer_shares(customers)
    point = pareto_point(customers, share)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=FIGURE_SIZE, layout="constrained")

    x = np.concatenate([[0.0], shares["customer_share"].to_numpy(dtype="float64")])
    y = np.concatenate([[0.0], shares["cumulative_share"].to_numpy(dtype="float64")])
    ax.plot(x, y, color=CURVE_COLOUR, linewidth=3, solid_joinstyle="round", zorder=3)
    ax.fill_between(x, y, color=CURVE_COLOUR, alpha=0.08, linewidth=0, zorder=1)

    # Equal shares: the diagonal, named along itself on the empty side (below it).
    ax.plot([0, 1], [0, 1], color=GUIDE_COLOUR, linewidth=1.5, linestyle=":", zorder=2)
    ax.text(
        0.77,
        0.735,
        text("pareto.equal", lang),
        rotation=45,
        rotation_mode="anchor",
        transform_rotates_text=True,
        ha="center",
        va="top",
        color=GUIDE_COLOUR,
        fontsize=NOTE_SIZE - 1,
    )

    # The marked point, with guides to both axes.
    px, py = point.actual_customer_share, point.revenue_share
    ax.plot([px, px], [0, py], color=POINT_COLOUR, linewidth=1.5, linestyle="--", zorder=2)
    ax.plot([0, px], [py, py], color=POINT_COLOUR, linewidth=1.5, linestyle="--", zorder=2)
    ax.plot([px], [py], marker="o", markersize=12, color=POINT_COLOUR, zorder=4, clip_on=False)
    label = text(
        "pareto.point",
        lang,
        percent=percent_text(point.customer_share, lang),
        count=format_number(point.customers, lang),
        total=format_number(point.total_customers, lang),
        share=format_share(point.revenue_share, lang),
        revenue=format_money(point.revenue, lang),
    )
    # Below the diagonal the chart is always empty: the curve of a list sorted largest first
    # never drops under it. The label sits there, an arrow points at the marked point.
    ax.annotate(
        label,
        xy=(px, py),
        xytext=(0.42, 0.24),
        textcoords="data",
        ha="left",
        va="center",
        fontsize=NOTE_SIZE,
        color="#222222",
        bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": POINT_COLOUR},
        arrowprops={"arrowstyle": "->", "color": POINT_COLOUR, "linewidth": 1.5},
        zorder=5,
    )

    percent = FuncFormatter(lambda value, _pos: f"{percent_text(value, lang)}%")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MultipleLocator(0.2))
        axis.set_minor_locator(MultipleLocator(0.1))
        axis.set_major_formatter(percent)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.03)
    ax.grid(True, which="major", color="#dddddd", linewidth=1)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="both", which="major", labelsize=TICK_SIZE)
    ax.set_xlabel(text("pareto.x_label", lang), fontsize=LABEL_SIZE)
    ax.set_ylabel(text("pareto.y_label", lang), fontsize=LABEL_SIZE)
    ax.set_title(text("pareto.title", lang), fontsize=TITLE_SIZE, loc="left", pad=12)
    return ax


def band_chart(
    customers: pd.DataFrame,
    thresholds: Thresholds,
    *,
    lang: str | None = None,
    ax: Axes | None = None,
    potential: bool = False,
) -> Axes:
    """The revenues largest first, with the two thresholds and the three bands they make.

    Each band is a shaded stripe in its own colour, named with its number of customers and
    share of revenue; each threshold is a dashed line named on the right. With ``potential``
    the potential revenue is drawn instead (a customer without one keeps its revenue); a
    table without that column is an error listing the columns there are.

    The revenue axis is logarithmic: every step up is ten times more. A real customer list
    runs from a few hundred euro to hundreds of thousands; on a plain axis everything under
    the medium threshold would lie flat on the bottom and the lower line could not be read.
    On a log axis both lines, and the customers around each, are equally readable. A
    customer without positive revenue has no place on such an axis: it is left out of the
    curve (it is small) and the axis label says how many. One curve however many customers,
    dots only up to :data:`MARKERS_UP_TO`, no labels per customer.
    """
    lang = check_language(lang) if lang is not None else get_language()
    from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter
    from matplotlib.transforms import blended_transform_factory

    table = with_potential_as_revenue(customers) if potential else customers
    summary = band_summary(assign_bands(table, thresholds))
    values = np.sort(table["revenue"].to_numpy(dtype="float64"))[::-1]
    shown = values[values > 0]
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=FIGURE_SIZE, layout="constrained")

    lines = [t for t in (thresholds.low, thresholds.high) if t > 0]
    low_end = min([*shown[-1:], *lines]) / 3
    high_end = max([*shown[:1], *lines]) * 3
    ax.set_yscale("log")
    ax.set_ylim(low_end, high_end)
    ax.set_xlim(0.5, max(len(values), 1) + 0.5)

    # The bands: shaded stripes, lowest first.
    edges = [low_end, max(thresholds.low, low_end), thresholds.high, high_end]
    for band, bottom, top in zip(BANDS, edges[:-1], edges[1:], strict=True):
        if top > bottom:
            ax.axhspan(bottom, top, color=BAND_COLOURS[band], alpha=0.09, linewidth=0, zorder=0)

    # The curve, each band's part in its colour (joined to the next band's first customer).
    ranks = np.arange(1, len(shown) + 1)
    codes = np.searchsorted([thresholds.low, thresholds.high], shown, side="right")
    marker = "o" if len(shown) <= MARKERS_UP_TO else None
    for code, band in enumerate(BANDS):
        where = np.flatnonzero(codes == code)
        if not where.size:
            continue
        end = min(int(where[-1]) + 2, len(shown))
        ax.plot(
            ranks[int(where[0]) : end],
            shown[int(where[0]) : end],
            color=BAND_COLOURS[band],
            linewidth=3,
            marker=marker,
            markersize=6,
            markevery=slice(0, int(where.size)),  # the next band's customer keeps its colour
            solid_joinstyle="round",
            zorder=3,
            gid=f"curve-{band}",
        )

    # The thresholds: dashed lines, named outside the plot on the right.
    beside = blended_transform_factory(ax.transAxes, ax.transData)
    for band, amount in (("medium", thresholds.low), ("large", thresholds.high)):
        if amount <= 0:
            continue  # "medium from 0": no line to draw on a log axis
        ax.axhline(
            amount,
            color=BAND_COLOURS[band],
            linewidth=2.5,
            linestyle="--",
            zorder=4,
            gid=f"threshold-{band}",
        )
    for band, amount, y in _threshold_label_places(ax, thresholds):
        ax.text(
            1.01,
            y,
            text(
                "chart.threshold",
                lang,
                band=text(f"band.{band}", lang),
                amount=Money(amount).message(lang),
            ),
            transform=beside,
            ha="left",
            va="center",
            fontsize=NOTE_SIZE,
            color=BAND_COLOURS[band],
            fontweight="bold",
            clip_on=False,
            gid=f"name-threshold-{band}",
        )

    # Each band named in its stripe, on the side the descending curve leaves free (large on
    # the right, small on the left), under the curve so no customer is ever hidden. A stripe
    # too thin for a line of text keeps only its threshold's name.
    key = "chart.band_potential" if potential else "chart.band"
    span = np.log10(high_end / low_end)
    for code, (band, bottom, top) in enumerate(zip(BANDS, edges[:-1], edges[1:], strict=True)):
        if top <= bottom or np.log10(top / bottom) / span < LABEL_HEIGHT:
            continue
        row = summary.loc[band]
        count = int(row["customers"])
        label = text(
            key,
            lang,
            band=text(f"band.{band}", lang),
            customers=text(
                "chart.customer_one" if count == 1 else "chart.customers",
                lang,
                count=format_number(count, lang),
            ),
            share=format_share(float(row["revenue_share"]), lang),
        )
        members = np.flatnonzero(codes == code)
        if members.size:
            right = len(values) - 1 - int(members[-1]) >= int(members[0])
        else:
            right = band != "small"
        ax.text(
            0.98 if right else 0.02,
            float(np.sqrt(bottom * top)),
            label,
            transform=beside,
            ha="right" if right else "left",
            va="center",
            fontsize=NOTE_SIZE,
            color=BAND_COLOURS[band],
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "alpha": 0.8, "lw": 0},
            zorder=2,
            gid=f"name-band-{band}",
        )

    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0) if span < 3 else (1.0,)))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: format_money(value, lang)))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: format_number(value, lang)))
    ax.grid(True, which="major", axis="y", color="#dddddd", linewidth=1)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="both", which="major", labelsize=TICK_SIZE)
    x_label = text("chart.x_label", lang)
    left_out = len(values) - len(shown)
    if left_out:
        x_label += "\n" + text("chart.not_shown", lang, count=format_number(left_out, lang))
    ax.set_xlabel(x_label, fontsize=LABEL_SIZE)
    ax.set_ylabel(
        text("chart.y_label_potential" if potential else "chart.y_label", lang), fontsize=LABEL_SIZE
    )
    ax.set_title(
        text("chart.title_potential" if potential else "chart.title", lang),
        fontsize=TITLE_SIZE,
        loc="left",
        pad=12,
    )
    return ax


def _threshold_label_places(ax: Axes, thresholds: Thresholds) -> list[tuple[str, float, float]]:
    """``(band, amount, height)`` for the threshold labels: at their line, or pushed apart
    (the lower one down, the upper one up) when the lines are too close to read both."""
    low_end, high_end = ax.get_ylim()
    span = np.log10(high_end / low_end)
    lines = [
        (band, amount)
        for band, amount in (("medium", thresholds.low), ("large", thresholds.high))
        if amount > 0
    ]
    heights = [float(np.log10(amount / low_end) / span) for _, amount in lines]
    if len(heights) == 2 and heights[1] - heights[0] < LABEL_HEIGHT:
        middle = (heights[0] + heights[1]) / 2
        heights[0], heights[1] = middle - LABEL_HEIGHT / 2, middle + LABEL_HEIGHT / 2
    return [
        (band, amount, float(low_end * (high_end / low_end) ** height))
        for (band, amount), height in zip(lines, heights, strict=True)
    ]
