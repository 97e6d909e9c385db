"""The Pareto chart: the curve, the marked top 20%, words and numbers in the chosen language."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klantlib import pareto_chart
from tests.conftest import assert_large_type, customers_frame

plt = pytest.importorskip("matplotlib.pyplot")
from matplotlib.figure import Figure  # noqa: E402

pytestmark = pytest.mark.usefixtures("untouched_rcparams")


def ten_customers() -> pd.DataFrame:
    """Revenues 10 000, 9 000, … 1 000 (total 55 000)."""
    return customers_frame([(f"{i:02d}", f"Klant {i}", 1_000.0 * (11 - i)) for i in range(1, 11)])


def marked_point(ax) -> tuple[float, float]:
    """The one round marker on the chart."""
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(markers) == 1
    return float(markers[0].get_xdata()[0]), float(markers[0].get_ydata()[0])


def curve(ax):
    """The thickest line: the cumulative share of revenue."""
    return max(ax.lines, key=lambda line: line.get_linewidth())


def point_label(ax) -> str:
    """The label with the arrow to the marked point."""
    labels = [t.get_text() for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(labels) == 1
    return labels[0]


def test_draws_on_the_given_axes_and_returns_them():
    """With ax given, it draws there and returns the same Axes, without pyplot."""
    ax = Figure().add_subplot()
    assert pareto_chart(ten_customers(), lang="nl", ax=ax) is ax
    assert ax.lines


def test_the_curve_runs_from_zero_to_all_revenue():
    """Points (0, 0), (10%, 10/55), … (100%, 100%): largest first, cumulative."""
    ax = pareto_chart(ten_customers(), lang="en")
    x, y = curve(ax).get_data()
    assert x[0] == 0 and y[0] == 0
    np.testing.assert_allclose(x[1:], np.arange(1, 11) / 10)
    np.testing.assert_allclose(y[1:3], [10 / 55, 19 / 55])
    assert y[-1] == pytest.approx(1.0)


def test_the_top_20_percent_is_marked_on_the_curve():
    """The marker sits at 2 of 10 customers and 19 000 of 55 000 revenue."""
    ax = pareto_chart(ten_customers(), lang="nl")
    x, y = marked_point(ax)
    assert x == pytest.approx(0.2)
    assert y == pytest.approx(19 / 55)


@pytest.mark.parametrize(
    ("lang", "label", "x_label", "y_label", "title"),
    [
        (
            "nl",
            "grootste 20% (2 van 10 klanten):\n34,5% van de omzet, € 19.000",
            "aandeel van de klanten, grootste eerst",
            "aandeel van de omzet, opgeteld",
            "Hoeveel van de omzet komt van de grootste klanten?",
        ),
        (
            "en",
            "largest 20% (2 of 10 customers):\n34.5% of revenue, €19,000",
            "share of customers, largest first",
            "share of revenue, added up",
            "How much of the revenue comes from the largest customers?",
        ),
    ],
)
def test_words_and_numbers_in_the_chosen_language(lang, label, x_label, y_label, title):
    """The point's label, the axes and the title speak the language; % and € as it writes them."""
    ax = pareto_chart(ten_customers(), lang=lang)
    assert point_label(ax) == label
    assert ax.get_xlabel() == x_label
    assert ax.get_ylabel() == y_label
    assert ax.get_title(loc="left") == title


def test_axes_read_as_whole_percentages():
    """Ticks say 0%, 20%, … 100% on both axes."""
    ax = pareto_chart(ten_customers(), lang="nl")
    ax.figure.canvas.draw()
    shown = [t for t in ax.get_xticklabels() if -1e-9 <= t.get_position()[0] <= 1 + 1e-9]
    assert [t.get_text() for t in shown] == [
        "0%",
        "20%",
        "40%",
        "60%",
        "80%",
        "100%",
    ]
    assert "100%" in [t.get_text() for t in ax.get_yticklabels()]


def test_type_is_large_enough_for_a_projector():
    """Title, axis labels, ticks and the point's label are set large on the Axes itself."""
    ax = pareto_chart(ten_customers(), lang="en")
    assert_large_type(ax, ax.get_xticklabels())


def test_one_customer():
    """A single customer is the top 20% and brings 100%: the point sits at the top right."""
    ax = pareto_chart(customers_frame([("1", "Enige klant", 1_234.0)]), lang="en")
    assert marked_point(ax) == pytest.approx((1.0, 1.0))
    assert point_label(ax) == "largest 20% (1 of 1 customer):\n100.0% of revenue, €1,234"


def test_fifty_thousand_customers_make_one_line_and_no_labels_per_customer():
    """50 000 customers: one curve of 50 001 points, two texts in all, the count written out."""
    rng = np.random.default_rng(7)
    table = pd.DataFrame(
        {
            "customer_id": [f"{i:05d}" for i in range(50_000)],
            "name": "Klant",
            "revenue": rng.lognormal(8, 1.5, 50_000),
        }
    )
    ax = pareto_chart(table, lang="nl")
    assert len(curve(ax).get_xdata()) == 50_001
    assert len(ax.texts) == 2
    assert "(10.000 van 50.000 klanten)" in point_label(ax)
    ax.figure.canvas.draw()


def test_negative_revenue_keeps_the_curve_within_100_percent():
    """Credit notes above invoices count as 0: the curve never passes 100% nor falls."""
    table = customers_frame([("a", "A", 600.0), ("b", "B", 400.0), ("c", "C", -400.0)])
    _, y = curve(pareto_chart(table, lang="nl")).get_data()
    assert np.all(np.diff(y) >= 0)
    assert y.max() == pytest.approx(1.0)


def test_language_defaults_to_the_current_one():
    """Without lang, the kit's current language (Dutch by default) is used."""
    ax = pareto_chart(ten_customers())
    assert ax.get_xlabel() == "aandeel van de klanten, grootste eerst"
