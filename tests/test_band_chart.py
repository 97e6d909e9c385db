"""The band chart: revenues largest first on a log axis, two named lines, three named bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib.core.bands import Thresholds
from klantlib.errors import KlantlibError
from klantlib.reports.plots import BAND_COLOURS, band_chart
from tests.conftest import assert_large_type, customers_frame

plt = pytest.importorskip("matplotlib.pyplot")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

THRESHOLDS = Thresholds(low=10_000, high=50_000)


pytestmark = pytest.mark.usefixtures("untouched_rcparams")


def six_customers() -> pd.DataFrame:
    """Two large (120,000 and 60,000), two medium (30,000 and 10,000), two small; unsorted."""
    return customers_frame(
        [
            ("4", "Vier", 10_000.0),
            ("1", "Een", 120_000.0),
            ("6", "Zes", 500.0),
            ("3", "Drie", 30_000.0),
            ("2", "Twee", 60_000.0),
            ("5", "Vijf", 4_500.0),
        ],
        potential_revenue=[90_000.0, 150_000.0, None, 30_000.0, 40_000.0, 2_000.0],
    )


def chart(customers=None, thresholds=THRESHOLDS, **options):
    """The chart on a figure of its own (not through pyplot), with a canvas that can draw."""
    figure = Figure(figsize=(10, 6), layout="constrained")
    FigureCanvasAgg(figure)
    return band_chart(
        six_customers() if customers is None else customers,
        thresholds,
        ax=figure.add_subplot(),
        **options,
    )


def by_gid(ax, kind: str) -> dict:
    """The artists whose gid starts with ``kind-``, by the rest of the gid (the band)."""
    found = {}
    for artist in [*ax.lines, *ax.texts]:
        gid = artist.get_gid() or ""
        if gid.startswith(f"{kind}-"):
            found[gid.removeprefix(f"{kind}-")] = artist
    return found


def curve_points(ax) -> np.ndarray:
    """Every customer on the curve once, largest first (band parts share a joining point)."""
    points = {}
    for line in by_gid(ax, "curve").values():
        for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True):
            points[int(x)] = float(y)
    return np.array([points[x] for x in sorted(points)])


def test_draws_on_the_given_axes_without_opening_a_figure():
    """With ax given it draws there, returns the same Axes and leaves pyplot untouched."""
    ax = Figure().add_subplot()
    assert band_chart(six_customers(), THRESHOLDS, lang="nl", ax=ax) is ax
    assert plt.get_fignums() == []
    assert ax.lines


def test_without_an_axes_it_makes_a_projector_sized_figure():
    """Without ax: a new 10 × 6 inch figure."""
    ax = band_chart(six_customers(), THRESHOLDS, lang="en")
    assert tuple(ax.figure.get_size_inches()) == (10.0, 6.0)


def test_the_revenues_run_largest_first_on_a_log_axis():
    """The curve holds the six revenues sorted from large to small; the y-axis is log."""
    ax = chart(lang="nl")
    assert ax.get_yscale() == "log"
    np.testing.assert_allclose(curve_points(ax), [120_000, 60_000, 30_000, 10_000, 4_500, 500])


def test_the_thresholds_are_lines_at_their_heights():
    """A dashed line at 10,000 (medium) and one at 50,000 (large), inside the y-range."""
    ax = chart(lang="nl")
    lines = by_gid(ax, "threshold")
    assert sorted(lines) == ["large", "medium"]
    assert list(lines["medium"].get_ydata()) == [10_000, 10_000]
    assert list(lines["large"].get_ydata()) == [50_000, 50_000]
    assert all(line.get_linestyle() == "--" for line in lines.values())
    bottom, top = ax.get_ylim()
    assert bottom < 500 and top > 120_000


def test_each_band_part_of_the_curve_has_its_colour():
    """Large customers on the blue part, medium on the orange, small on the grey."""
    parts = by_gid(ax := chart(lang="en"), "curve")
    assert {band: line.get_color() for band, line in parts.items()} == BAND_COLOURS
    assert list(parts["large"].get_ydata()[:2]) == [120_000, 60_000]
    assert list(parts["medium"].get_ydata()[:2]) == [30_000, 10_000]
    assert list(parts["small"].get_ydata()) == [4_500, 500]
    assert {line.get_marker() for line in parts.values()} == {"o"}  # few customers: dots
    assert ax.get_xlim() == (0.5, 6.5)


@pytest.mark.parametrize(
    ("lang", "lines", "bands", "axes"),
    [
        (
            "nl",
            {"medium": "middel vanaf € 10.000", "large": "groot vanaf € 50.000"},
            {
                "large": "groot: 2 klanten, 80,0% van de omzet",
                "medium": "middel: 2 klanten, 17,8% van de omzet",
                "small": "klein: 2 klanten, 2,2% van de omzet",
            },
            (
                "klanten, grootste eerst",
                "jaaromzet (logaritmische schaal)",
                "Omzetklassen: waar leggen we de grenzen?",
            ),
        ),
        (
            "en",
            {"medium": "medium from €10,000", "large": "large from €50,000"},
            {
                "large": "large: 2 customers, 80.0% of revenue",
                "medium": "medium: 2 customers, 17.8% of revenue",
                "small": "small: 2 customers, 2.2% of revenue",
            },
            (
                "customers, largest first",
                "annual revenue (log scale)",
                "Revenue bands: where do we draw the lines?",
            ),
        ),
    ],
)
def test_lines_bands_and_axes_are_named_in_the_language(lang, lines, bands, axes):
    """Line names with € as the language writes it; each band with customers and share."""
    ax = chart(lang=lang)
    assert {band: t.get_text() for band, t in by_gid(ax, "name-threshold").items()} == lines
    assert {band: t.get_text() for band, t in by_gid(ax, "name-band").items()} == bands
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title(loc="left")) == axes


def test_threshold_names_sit_at_their_lines_outside_the_plot():
    """Each line's name is on the right of the plot, at the line's height."""
    ax = chart(lang="nl")
    for band, amount in (("medium", 10_000), ("large", 50_000)):
        label = by_gid(ax, "name-threshold")[band]
        x, y = label.get_position()
        assert x > 1 and y == pytest.approx(amount)


def test_close_thresholds_get_names_that_do_not_overlap():
    """Lines at 10,000 and 11,000 are almost one: their names are pushed apart."""
    ax = chart(thresholds=Thresholds(10_000, 11_000), lang="nl")
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    low, high = (by_gid(ax, "name-threshold")[b] for b in ("medium", "large"))
    assert not low.get_window_extent(renderer).overlaps(high.get_window_extent(renderer))
    assert high.get_position()[1] > 11_000 and low.get_position()[1] < 10_000


def test_one_customer_in_a_band_reads_in_the_singular():
    """'1 klant', not '1 klanten'."""
    ax = chart(thresholds=Thresholds(10_000, 100_000), lang="nl")
    assert by_gid(ax, "name-band")["large"].get_text() == "groot: 1 klant, 53,3% van de omzet"


def test_band_labels_never_hide_a_customer():
    """Band names are drawn under the curve."""
    ax = chart(lang="en")
    lowest_curve = min(line.get_zorder() for line in by_gid(ax, "curve").values())
    assert all(t.get_zorder() < lowest_curve for t in by_gid(ax, "name-band").values())


def test_potential_revenue_is_drawn_when_asked():
    """potential=True: the potential revenues (a missing one is the revenue), its own words."""
    ax = chart(lang="nl", potential=True)
    np.testing.assert_allclose(curve_points(ax), [150_000, 90_000, 40_000, 30_000, 2_000, 500])
    assert ax.get_title(loc="left") == "Omzetklassen op potentiële omzet"
    assert ax.get_ylabel() == "potentiële omzet (logaritmische schaal)"
    assert by_gid(ax, "name-band")["large"].get_text() == (
        "groot: 2 klanten, 76,8% van de potentiële omzet"
    )


def test_potential_without_the_column_is_a_clear_error():
    """No potential_revenue column: the message names the columns there are."""
    customers = six_customers().drop(columns="potential_revenue")
    with pytest.raises(KlantlibError) as caught:
        chart(customers, lang="en", potential=True)
    assert caught.value.message("en").endswith("Columns present: customer_id, name, revenue.")


def test_customers_without_positive_revenue_are_left_out_and_counted():
    """A log axis has no 0: those customers are not drawn, and the x label says how many."""
    customers = customers_frame(
        [("1", "A", 90_000.0), ("2", "B", 20_000.0), ("3", "C", 0.0), ("4", "D", -300.0)]
    )
    ax = chart(customers, lang="en")
    np.testing.assert_allclose(curve_points(ax), [90_000, 20_000])
    assert ax.get_xlabel() == (
        "customers, largest first\n(2 customers without positive revenue not shown: they are small)"
    )
    ax.figure.canvas.draw()


def test_type_is_large_enough_for_a_projector():
    """Title, axis labels, ticks and every name on the chart are set large."""
    ax = chart(lang="en")
    ax.figure.canvas.draw()
    assert_large_type(ax, ax.get_yticklabels())


def test_money_on_the_revenue_axis():
    """The log axis is labelled in euro as the language writes it."""
    ax = chart(lang="nl")
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "€ 10.000" in labels and "€ 100.000" in labels


def test_the_customers_passed_in_are_not_changed():
    """Drawing sorts and reads a copy."""
    customers = six_customers()
    before = customers.copy()
    chart(customers, lang="nl", potential=True)
    assert_frame_equal(customers, before)


def test_fifty_thousand_customers_make_one_curve_and_no_labels_per_customer():
    """50,000 customers: 50,000 points in three band parts, no dots, five names in all."""
    rng = np.random.default_rng(7)
    table = pd.DataFrame(
        {
            "customer_id": [f"{i:05d}" for i in range(50_000)],
            "name": "Klant",
            "revenue": rng.lognormal(8, 1.5, 50_000),
        }
    )
    ax = chart(table, thresholds=Thresholds(2_000, 8_000), lang="nl")
    assert len(curve_points(ax)) == 50_000
    assert len(by_gid(ax, "curve")) == 3
    assert all(line.get_marker() in (None, "None", "") for line in by_gid(ax, "curve").values())
    assert len(ax.texts) == 5
    ax.figure.canvas.draw()


def test_language_defaults_to_the_current_one():
    """Without lang, the kit's current language (Dutch by default) is used."""
    ax = chart()
    assert ax.get_xlabel() == "klanten, grootste eerst"
