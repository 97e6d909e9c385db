"""The customer matrix: band lanes × score columns, cells by segment, every customer inside."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klantlib.core.bands import BANDS
from klantlib.core.method import segment_customers
from klantlib.core.segments import SegmentGrid
from klantlib.i18n import text
from klantlib.reports.matrix import MATRIX_FIGURE_SIZE, SEGMENT_COLOURS, matrix_chart
from tests.conftest import customers_frame

plt = pytest.importorskip("matplotlib.pyplot")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

THRESHOLDS = (10_000, 50_000)

# id, name, revenue, answers (marge, cashflow, innovatie, netwerk): band, score, segment
ROWS = [
    ("01", "Brouwerij Aerts", 120_000.0, "jjjn"),  # large, 3, A
    ("02", "Hotel Baert", 80_000.0, "nnnn"),  # large, 0, B
    ("03", "Garage Claes", 60_000.0, "jnnn"),  # large, 1, B
    ("04", "Drukkerij Dewit", 30_000.0, "jjnn"),  # medium, 2, B
    ("05", "Bakkerij Elst", 20_000.0, "jjjj"),  # medium, 4, A
    ("06", "Slagerij Fierens", 12_000.0, "nnnn"),  # medium, 0, C
    ("07", "Frituur Goris", 9_000.0, "nnnn"),  # small, 0, C
    ("08", "Taverne Hermans", 5_000.0, "nnnn"),  # small, 0, C
    ("09", "Bistro Ibens", 3_000.0, "nnnn"),  # small, 0, C
    ("10", "Pizzeria Janssens", 2_000.0, "nnnn"),  # small, 0, C
    ("11", "Kapper Kools", 1_000.0, "jjjj"),  # small, 4, B
    ("12", "Atelier Lauwers", 500.0, "nnnn"),  # small, 0, C
]
NAMES = [name for _, name, _, _ in ROWS]


pytestmark = pytest.mark.usefixtures("untouched_rcparams")


def segmentation(rows=ROWS, hours=None, **options):
    """The method on a small table: the answers as j/n letters per question."""
    customers = customers_frame([row[:3] for row in rows])
    if hours is not None:
        customers["hours"] = hours
    answers = pd.DataFrame(
        [[row[0], *("ja" if c == "j" else "nee" for c in row[3])] for row in rows],
        columns=["customer_id", "marge", "cashflow", "innovatie", "netwerk"],
    )
    return segment_customers(customers, answers, thresholds=THRESHOLDS, **options)


def chart(result=None, size=MATRIX_FIGURE_SIZE, **options):
    """The matrix on a figure of its own (not through pyplot), with a canvas that can draw."""
    figure = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(figure)
    options.setdefault("lang", "nl")
    return matrix_chart(
        segmentation() if result is None else result, ax=figure.add_subplot(), **options
    )


def by_gid(artists, kind: str) -> dict:
    """The artists whose gid starts with ``kind-``, by the rest of the gid."""
    return {
        (a.get_gid() or "").removeprefix(f"{kind}-"): a
        for a in artists
        if (a.get_gid() or "").startswith(f"{kind}-")
    }


def all_texts(ax) -> list[str]:
    """Every text the Axes shows: title, axis labels, ticks, texts in it, the legend."""
    found = [ax.get_title(loc) for loc in ("left", "center", "right")]
    found += [ax.get_xlabel(), ax.get_ylabel()]
    found += [t.get_text() for t in [*ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts]]
    if ax.get_legend() is not None:
        found += [t.get_text() for t in ax.get_legend().get_texts()]
    return found


def names_shown(ax) -> dict[int, str]:
    """The named customers' texts by revenue rank."""
    return {int(rank): t.get_text() for rank, t in by_gid(ax.texts, "name").items()}


def counts_shown(ax) -> dict[str, str]:
    """The count texts by cell ("large-3"): the number each cell says it holds."""
    return {cell: t.get_text() for cell, t in by_gid(ax.texts, "count").items()}


def legend_texts(ax) -> list[str]:
    """The legend's texts, in order."""
    return [t.get_text() for t in ax.get_legend().get_texts()]


def cell_bounds(band: str, score: int) -> tuple[float, float, float, float]:
    """x from, x to, y from, y to of a cell in data units."""
    row = BANDS.index(band)
    return score - 0.5, score + 0.5, row - 0.5, row + 0.5


def test_draws_on_the_given_axes_without_opening_a_figure():
    """With ax given it draws there, returns the same Axes and leaves pyplot untouched."""
    figure = Figure(layout="constrained")
    ax = figure.add_subplot()
    assert matrix_chart(segmentation(), lang="nl", ax=ax) is ax
    assert plt.get_fignums() == []
    assert ax.collections


def test_without_an_axes_it_makes_a_slide_sized_figure():
    """Without ax: a new 13 × 7.5 inch (16:9) figure through pyplot."""
    ax = matrix_chart(segmentation(), lang="en")
    assert tuple(ax.figure.get_size_inches()) == MATRIX_FIGURE_SIZE
    assert plt.get_fignums() == [ax.figure.number]


def test_each_cell_is_coloured_and_lettered_by_its_grid_segment():
    """Fifteen cells; the fill colour and the letter follow the default grid."""
    result = segmentation()
    ax = chart(result)
    fills = by_gid(ax.patches, "fill")
    letters = by_gid(ax.texts, "letter")
    assert len(fills) == len(letters) == 15
    for band in BANDS:
        for score in range(5):
            letter = result.grid.cells[band][score]
            assert fills[f"{band}-{score}"].get_facecolor() == to_rgba(SEGMENT_COLOURS[letter])
            assert letters[f"{band}-{score}"].get_text() == letter


def test_segment_colours_differ_in_lightness_for_grey_print():
    """A, B and C stay apart in grey: each a clear step lighter than the one before."""

    def grey(colour: str) -> float:
        r, g, b, _ = to_rgba(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    a, b, c = (grey(SEGMENT_COLOURS[s]) for s in "ABC")
    assert b - a > 0.1 and c - b > 0.1


@pytest.mark.parametrize(
    ("lang", "lanes"),
    [
        (
            "nl",
            [
                "klein:\nonder € 10.000",
                "middel:\nvanaf € 10.000\ntot € 50.000",
                "groot:\nvanaf € 50.000",
            ],
        ),
        (
            "en",
            [
                "small:\nbelow €10,000",
                "medium:\nfrom €10,000\nbelow €50,000",
                "large:\nfrom €50,000",
            ],
        ),
    ],
)
def test_lanes_are_named_with_band_and_euro_range(lang, lanes):
    """Small at the bottom, large on top, each with the thresholds in euro."""
    ax = chart(lang=lang)
    assert [t.get_text() for t in ax.get_yticklabels()] == lanes
    assert list(ax.get_yticks()) == [0, 1, 2]


@pytest.mark.parametrize(
    ("lang", "title", "x_label", "y_label"),
    [
        (
            "nl",
            "Klantenmatrix: omzetklasse × score geeft het segment",
            "score: aantal keer ja op de vier vragen",
            "omzetklasse",
        ),
        (
            "en",
            "Customer matrix: revenue band × score gives the segment",
            "score: number of yes answers to the four questions",
            "revenue band",
        ),
    ],
)
def test_title_and_axis_labels_speak_the_language(lang, title, x_label, y_label):
    """Title and axis names in the language asked, in projector-sized type."""
    ax = chart(lang=lang)
    assert ax.get_title(loc="left") == title
    assert (ax.get_xlabel(), ax.get_ylabel()) == (x_label, y_label)
    assert ax.title.get_fontsize() >= 12 and ax.xaxis.label.get_fontsize() >= 12
    sizes = [t.get_fontsize() for t in [*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels()]]
    assert min(sizes) >= 12


def test_every_customer_is_drawn_inside_its_own_cell():
    """Each cell's scatter holds exactly its customers, all within the cell's bounds."""
    result = segmentation()
    ax = chart(result, favourites=["05"])
    points = by_gid(ax.collections, "points")
    customers = result.customers
    favourite = customers["customer_id"] == "05"
    for band in BANDS:
        for score in range(5):
            here = (customers["band"] == band) & (customers["score"] == score) & ~favourite
            offsets = points[f"{band}-{score}"].get_offsets() if here.any() else np.empty((0, 2))
            assert len(offsets) == here.sum(), (band, score)
            x0, x1, y0, y1 = cell_bounds(band, score)
            assert np.all((offsets[:, 0] > x0) & (offsets[:, 0] < x1)), (band, score)
            assert np.all((offsets[:, 1] > y0) & (offsets[:, 1] < y1)), (band, score)
    star = next(c for c in ax.collections if c.get_gid() == "favourites").get_offsets()[0]
    x0, x1, y0, y1 = cell_bounds("medium", 4)
    assert x0 < star[0] < x1 and y0 < star[1] < y1


def test_no_two_customers_share_a_place():
    """Dots in one cell keep apart: no two customers at the same spot anywhere."""
    offsets = np.vstack([c.get_offsets() for c in chart().collections])
    assert len(offsets) == len(ROWS)
    assert len({(round(x, 9), round(y, 9)) for x, y in offsets}) == len(ROWS)


def test_the_largest_customers_get_names_and_each_cell_still_counts_all():
    """With three names: the three largest named; every cell's count is all its customers,
    named or not, and no "+N" that could be read as the whole cell."""
    ax = chart(max_labels=3)
    assert names_shown(ax) == {1: "Brouwerij Aerts", 2: "Hotel Baert", 3: "Garage Claes"}
    counts = counts_shown(ax)
    assert counts["small-0"] == "5" and counts["medium-0"] == "1" and counts["large-3"] == "1"
    assert not [t for t in ax.texts if t.get_text().startswith("+")]


def test_up_to_forty_names_by_default():
    """Twelve customers on a slide: every one named."""
    ax = chart()
    assert sorted(names_shown(ax).values()) == sorted(NAMES)


def test_a_crowded_cell_names_only_what_fits_and_counts_all():
    """Twelve customers in one cell of a small figure: some names, the largest first, and
    the count says 12."""
    rows = [(f"{i:02d}", f"Klant {i:02d}", 400.0 * (20 - i), "nnnn") for i in range(12)]
    ax = chart(segmentation(rows), size=(6, 4))
    named = names_shown(ax)
    assert 0 < len(named) < 12
    assert counts_shown(ax)["small-0"] == "12"
    assert sorted(named) == list(range(1, len(named) + 1))  # the largest first


def test_long_names_are_shortened_to_stay_in_their_cell():
    """A name far too long for a cell ends in … and stays short enough to fit."""
    rows = [("01", "Vakantiecentrum " * 6 + "vzw", 120_000.0, "nnnn"), *ROWS[1:]]
    shown = names_shown(chart(segmentation(rows)))[1]
    assert shown.endswith("…") and shown.startswith("Vakantiecentrum")
    assert len(shown) < 40


def test_favourites_are_stars_in_the_legend_and_named_first():
    """A favourite is a star (not a plain dot), named in bold even past max_labels."""
    ax = chart(favourites=["12", "99"], max_labels=2)  # 99 is no customer: ignored
    stars = [c for c in ax.collections if c.get_gid() == "favourites"]
    assert len(stars) == 1 and len(stars[0].get_offsets()) == 1
    assert legend_texts(ax) == ["klanten in het vak", "favoriet"]
    named = {t.get_text(): t for t in by_gid(ax.texts, "name").values()}
    assert set(named) == {"Atelier Lauwers", "Brouwerij Aerts"}
    assert named["Atelier Lauwers"].get_fontweight() == "bold"
    assert named["Brouwerij Aerts"].get_fontweight() == "normal"
    plain = np.vstack([c.get_offsets() for c in ax.collections if c.get_gid() != "favourites"])
    assert len(plain) == len(ROWS) - 1


def test_anonymous_shows_codes_by_revenue_and_no_name_anywhere():
    """K01 for the largest, K02 next, ...; no real name in any text of the chart."""
    ax = chart(anonymous=True, favourites=["03"])
    shown = " ".join(all_texts(ax))
    assert not [name for name in NAMES if name in shown]
    assert names_shown(ax) == {rank: f"K{rank:02d}" for rank in range(1, 13)}
    assert names_shown(chart(anonymous=True, lang="en"))[1] == "C01"


def test_dot_size_follows_hours_when_known_with_a_size_legend():
    """With hours the customer with most hours has the largest dot; the legend gives sizes."""
    hours = [400.0, 100.0, 25.0, None, 50.0, 10.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0]
    ax = chart(segmentation(hours=hours), lang="en")
    points = by_gid(ax.collections, "points")
    sizes = np.concatenate([c.get_sizes() for c in points.values()])
    assert len(set(sizes.tolist())) > 2
    assert points["large-3"].get_sizes()[0] == sizes.max()  # Brouwerij Aerts: 400 hours
    assert legend_texts(ax) == [
        text("matrix.count", "en"),
        *(text("matrix.hours", "en", hours=h) for h in (200, 100, 20)),
        text("matrix.hours_unknown", "en"),
    ]


def test_without_hours_all_dots_are_equal_and_the_legend_explains_only_the_count():
    """No hours column: one dot size for everyone; the legend only says what the number in
    a cell's corner is."""
    ax = chart()
    sizes = np.concatenate([c.get_sizes() for c in ax.collections])
    assert len(set(sizes.tolist())) == 1
    assert legend_texts(ax) == ["klanten in het vak"]


def test_the_same_input_draws_the_same_picture():
    """Two charts of the same result: the same places, sizes and names."""
    first, second = chart(max_labels=5), chart(max_labels=5)
    for one, two in zip(first.collections, second.collections, strict=True):
        assert one.get_gid() == two.get_gid()
        np.testing.assert_array_equal(one.get_offsets(), two.get_offsets())
        np.testing.assert_array_equal(one.get_sizes(), two.get_sizes())
    assert all_texts(first) == all_texts(second)


def test_a_custom_grid_colours_its_own_cells():
    """A grid from rows (large all A, medium B, small C) fills the lanes that way."""
    grid = SegmentGrid.from_rows(["CCCCC", "BBBBB", "AAAAA"])
    ax = chart(segmentation(grid=grid))
    fills = by_gid(ax.patches, "fill")
    for band, letter in zip(BANDS, "CBA", strict=True):
        for score in range(5):
            assert fills[f"{band}-{score}"].get_facecolor() == to_rgba(SEGMENT_COLOURS[letter])


def test_a_weighted_grid_has_a_column_per_score():
    """Weights summing to 6: columns 0..6, each customer in its weighted score's cell."""
    weights = {"margin": 3, "cashflow": 1, "innovation": 1, "network": 1}
    result = segmentation(weights=weights)
    assert result.grid.max_score == 6
    ax = chart(result, lang="en")
    assert ax.get_xlim() == (-0.5, 6.5)
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(s) for s in range(7)]
    assert ax.get_xlabel() == text("matrix.x_label_weighted", "en")
    assert len(by_gid(ax.patches, "fill")) == 21
    points = by_gid(ax.collections, "points")
    elst = points["medium-6"].get_offsets()  # Bakkerij Elst: all yes, 6 points
    assert len(elst) == 1 and 5.5 < elst[0][0] < 6.5


def test_it_renders_to_png():
    """The figure saves as a PNG with names in it (nothing fails at draw time)."""
    import io

    ax = chart(favourites=["01"])
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png")
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_name_gets_smaller_before_it_is_cut():
    """A name too long for its cell at the usual size, but not at a smaller one, is written
    whole in smaller type; only a name too long even at the smallest size is cut."""
    from klantlib.reports.matrix import MIN_NAME_SIZE, NAME_SIZE

    def first_name(name: str):
        rows = [("01", name, 120_000.0, "jjjn"), *ROWS[1:]]
        return by_gid(chart(segmentation(rows)).texts, "name")["1"]

    smaller = first_name("Metaalwerken Claes nv")  # cut at 12 pt before ("Metaalwerken C…")
    assert smaller.get_text() == "Metaalwerken Claes nv"
    assert MIN_NAME_SIZE <= smaller.get_fontsize() < NAME_SIZE
    cut = first_name("Schrijnwerkerij Vandenbroucke")
    assert cut.get_text().startswith("Schrijnwerkerij") and cut.get_text().endswith("…")
    assert cut.get_fontsize() == MIN_NAME_SIZE
    assert by_gid(chart().texts, "name")["2"].get_fontsize() == NAME_SIZE  # short: as usual
