"""Charts for the projector: large type, words in the team's language (edge).

Every helper takes ``ax=None``, draws on it (or on a new figure), and returns the Axes. None of
them calls ``plt.show()`` or changes matplotlib's global settings: sizes and colours are set on
the Axes they draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from klantlib.i18n import (
    check_language,
    format_money,
    format_number,
    format_share,
    get_language,
    text,
)
from klantlib.pareto import customer_shares, pareto_point
from klantlib.present import percent_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["pareto_chart"]

FIGURE_SIZE = (10.0, 6.0)
TITLE_SIZE = 18
LABEL_SIZE = 15
TICK_SIZE = 14
NOTE_SIZE = 14
CURVE_COLOUR = "#1f5fa8"
POINT_COLOUR = "#d1495b"
GUIDE_COLOUR = "#8a8a8a"


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
