"""The customer matrix at a few hundred customers: a count in every cell, names only for the
customers the team chose (and the favourites), and nothing on top of anything else."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klantlib.core.bands import BANDS
from klantlib.core.method import segment_customers
from klantlib.i18n import format_number, text
from klantlib.reports.matrix import COUNT_SIZE, matrix_chart
from klantlib.sample import generate_sample
from tests.test_matrix import ROWS, by_gid, chart, counts_shown, names_shown, segmentation

pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

pytestmark = pytest.mark.usefixtures("untouched_rcparams")

LANGS = ["nl", "en"]


@pytest.fixture(scope="module")
def sample():
    """400 fictional customers with An's answers (every band and score has customers) and
    her favourites."""
    data = generate_sample(400)
    answers = data.answers["An"]
    favourites = answers.loc[answers["favoriet"] == "ja", "customer_id"].tolist()
    result = segment_customers(data.customers, answers.drop(columns="favoriet"))
    return result, favourites


def by_size(result) -> pd.DataFrame:
    """The customers largest first (ties by id): row r - 1 is the customer with code r."""
    customers = result.customers.assign(customer_id=result.customers["customer_id"].astype(str))
    return customers.sort_values(["revenue", "customer_id"], ascending=[False, True])


def named_ids(ax, result) -> set[str]:
    """The ids of the customers that got a name (or code) in the chart."""
    ids = by_size(result)["customer_id"].tolist()
    return {ids[rank - 1] for rank in names_shown(ax)}


def expected_counts(result, lang: str) -> dict[str, str]:
    """Per cell ("small-0"), the number of its customers from a groupby, as the chart
    writes it; 0 for a cell without customers."""
    columns = len(result.grid.scores)
    sizes = result.customers.groupby(["band", "score"], observed=False).size()
    counts = {f"{band}-{score}": 0 for band in BANDS for score in range(columns)}
    for (band, score), n in sizes.items():
        counts[f"{band}-{score}"] = int(n)
    return {cell: format_number(n, lang) for cell, n in counts.items()}


def dot_boxes(ax) -> list[Bbox]:
    """The display-space box of every dot and star (its size and edge included)."""
    boxes = []
    to_pixels = ax.figure.dpi / 72
    for collection in ax.collections:
        centres = ax.transData.transform(collection.get_offsets())
        sizes = np.broadcast_to(collection.get_sizes(), len(centres))
        widths = np.broadcast_to(collection.get_linewidths(), len(centres))
        for (cx, cy), size, width in zip(centres, sizes, widths, strict=True):
            r = (np.sqrt(size) / 2 + width / 2) * to_pixels
            boxes.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
    return boxes


def assert_counts_stand_free(ax) -> None:
    """Each count lies inside its cell, in the upper right, and touches no name, no dot, no
    letter and no other count."""
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    counts = by_gid(ax.texts, "count")
    assert counts
    others = [
        (t.get_gid(), t.get_window_extent(renderer))
        for t in ax.texts
        if str(t.get_gid()).startswith(("name-", "letter-", "count-"))
    ]
    dots = dot_boxes(ax)
    for cell, count in counts.items():
        box = count.get_window_extent(renderer)
        band, score = cell.rsplit("-", 1)
        row = BANDS.index(band)
        (x0, y0), (x1, y1) = ax.transData.transform(
            [(int(score) - 0.5, row - 0.5), (int(score) + 0.5, row + 0.5)]
        )
        assert x0 < box.x0 and box.x1 < x1 and y0 < box.y0 and box.y1 < y1, cell
        assert box.x0 > (x0 + x1) / 2 and box.y0 > (y0 + y1) / 2, cell  # top right
        for gid, other in others:
            if gid != f"count-{cell}":
                assert not box.overlaps(other), (cell, gid)
        assert not [d for d in dots if box.overlaps(d)], cell


def slide(result, lang: str, **options):
    """The matrix on a 13 × 7.5 inch slide of its own."""
    return chart(result, lang=lang, **options)


@pytest.mark.parametrize("lang", LANGS)
def test_every_cell_counts_its_customers_as_a_groupby_does(sample, lang):
    """400 customers: each of the fifteen cells writes the number of customers a groupby of
    the segmentation finds there, named or not."""
    result, favourites = sample
    ax = slide(result, lang, favourites=favourites)
    assert counts_shown(ax) == expected_counts(result, lang)
    assert sum(int(n) for n in counts_shown(ax).values()) == 400
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == 400  # and every one of them is still a dot


@pytest.mark.parametrize(("lang", "shown"), [("nl", "2.500"), ("en", "2,500")])
def test_a_count_in_the_thousands_is_written_the_way_the_language_writes_it(lang, shown):
    """2,500 customers in one cell: "2.500" in Dutch, "2,500" in English."""
    rows = [(f"{i:04d}", f"Klant {i}", 1_000.0 + i, "nnnn") for i in range(2_500)]
    ax = chart(segmentation(rows), lang=lang)
    counts = counts_shown(ax)
    assert counts["small-0"] == shown
    assert set(counts.values()) == {shown, "0"}


@pytest.mark.parametrize("lang", LANGS)
def test_counts_are_large_bold_and_an_empty_cell_has_a_faint_zero(lang):
    """Projector-sized bold numbers; a cell without customers says 0, faintly."""
    ax = chart(lang=lang)
    counts = by_gid(ax.texts, "count")
    assert len(counts) == 15
    for cell, count in counts.items():
        assert count.get_fontsize() == COUNT_SIZE and count.get_fontweight() == "bold"
        empty = count.get_text() == "0"
        assert (count.get_alpha() < 0.5) if empty else (count.get_alpha() in (None, 1.0)), cell
    assert counts["small-0"].get_text() == "5" and counts["large-4"].get_text() == "0"


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_says_what_the_number_in_a_cell_is(lang):
    """The first key of the legend explains the count, in the language of the chart."""
    ax = chart(lang=lang)
    assert ax.get_legend().get_texts()[0].get_text() == text("matrix.count", lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("mode", ["all", "chosen", "anonymous"])
def test_counts_touch_no_name_dot_or_letter_at_400_customers(sample, lang, mode):
    """On the slide with 400 customers, names for the largest or for a chosen 20, or codes:
    every count stands free in its cell's top right corner."""
    result, favourites = sample
    options: dict = {"favourites": favourites}
    if mode == "chosen":
        options["named"] = by_size(result)["customer_id"].iloc[::20].tolist()
    ax = slide(result, lang, anonymous=mode == "anonymous", **options)
    assert names_shown(ax)
    assert_counts_stand_free(ax)


@pytest.mark.parametrize("size", [(13.0, 7.5), (10.0, 6.2), (6.0, 4.0)])
def test_counts_stand_free_on_small_figures_and_crowded_cells(size):
    """The workshop app's 10 × 6.2 inch picture and a small 6 × 4 one: twelve customers in
    one cell, the rest in the others; the counts still touch nothing."""
    rows = [
        (f"{i:02d}", f"Klant met lange naam {i:02d}", 400.0 * (20 - i), "nnnn") for i in range(12)
    ]
    ax = chart(segmentation([*rows, *[(f"9{r[0]}", *r[1:]) for r in ROWS]]), size=size)
    assert counts_shown(ax)["small-0"] == "17"
    assert_counts_stand_free(ax)


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_chosen_customers_and_the_favourites_get_a_name(sample, lang):
    """named: a name for those ids and the favourites only; everyone else is a dot, and every
    cell still counts all its customers."""
    result, favourites = sample
    ordered = by_size(result)["customer_id"]
    chosen = [*ordered.iloc[[0, 5, 50, 120, 250, 399]], "no-such-customer"]
    ax = slide(result, lang, favourites=favourites, named=chosen)
    shown = named_ids(ax, result)
    assert shown == (set(chosen) | set(favourites)) & set(ordered)  # all of them fit
    assert counts_shown(ax) == expected_counts(result, lang)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 400


def test_named_empty_leaves_only_the_favourites_named(sample):
    """An empty choice: the favourites, starred, are the only names."""
    result, favourites = sample
    ax = slide(result, "nl", favourites=favourites, named=())
    assert named_ids(ax, result) == set(favourites)
    assert names_shown(slide(result, "nl", named=[])) == {}


def test_named_none_is_the_old_choice_of_the_largest():
    """named=None and named=every id name the same customers: the largest, up to max_labels."""
    result = segmentation()
    every = result.customers["customer_id"].tolist()
    for max_labels in (3, 40):
        default = names_shown(chart(result, max_labels=max_labels))
        assert names_shown(chart(result, max_labels=max_labels, named=every)) == default
    assert sorted(names_shown(chart(result, max_labels=3))) == [1, 2, 3]


def test_a_crowded_cell_names_favourites_first_then_the_largest_chosen():
    """Forty chosen of eighty customers in one cell of the app's figure: only a few fit; the
    favourite first, then the largest of the chosen (ties by id), never one not chosen."""
    rows = [(f"{i:03d}", f"Klant {i:03d}", 1_000.0 * (100 - i // 2), "nnnn") for i in range(80)]
    result = segmentation(rows)
    chosen = [f"{i:03d}" for i in range(1, 80, 2)]  # every other one, not the largest
    ax = chart(result, size=(10.0, 6.2), favourites=["079"], named=chosen)
    shown = named_ids(ax, result)
    assert 1 < len(shown) < 40
    by_priority = ["079", *chosen[:-1]]  # 079 is chosen and the favourite
    assert shown == set(by_priority[: len(shown)])
    assert counts_shown(ax)["large-0"] == "80"


def test_max_labels_still_limits_the_chosen_names():
    """named with more ids than max_labels: the largest max_labels of them get a name."""
    result = segmentation()
    ax = chart(result, named=["04", "05", "06", "07", "08"], max_labels=2)
    assert named_ids(ax, result) == {"04", "05"}


@pytest.mark.parametrize("lang", LANGS)
def test_anonymous_with_a_choice_writes_only_codes(sample, lang):
    """Anonymous and named: codes (K/C and the revenue rank) for the chosen customers, and
    no customer's name anywhere on the chart."""
    result, favourites = sample
    ordered = by_size(result)
    chosen = ordered["customer_id"].iloc[[0, 3, 30, 300]].tolist()
    ax = slide(result, lang, favourites=favourites, named=chosen, anonymous=True)
    letter = text("matrix.code", lang, number="")
    shown = names_shown(ax)
    assert named_ids(ax, result) == set(chosen) | set(favourites)
    assert all(code == f"{letter}{rank:03d}" for rank, code in shown.items())
    written = " ".join(t.get_text() for t in ax.texts)
    assert not [name for name in ordered["name"] if name in written]


def test_the_callers_tables_are_left_as_they_were(sample):
    """Drawing changes neither the segmentation's customers nor the id lists passed in."""
    result, favourites = sample
    before = result.customers.copy(deep=True)
    chosen = result.customers["customer_id"].iloc[:10].tolist()
    chosen_before, favourites_before = list(chosen), list(favourites)
    slide(result, "nl", favourites=favourites, named=chosen)
    pd.testing.assert_frame_equal(result.customers, before)
    assert chosen == chosen_before and favourites == favourites_before


def test_it_draws_on_a_figure_without_a_canvas_or_layout(sample):
    """A plain Figure (no layout engine, no canvas set): counts and names, and it saves."""
    import io

    result, favourites = sample
    figure = Figure(figsize=(12, 7))
    ax = matrix_chart(result, ax=figure.add_subplot(), lang="en", named=favourites)
    figure.savefig(io.BytesIO(), format="png")
    assert len(counts_shown(ax)) == 15
    FigureCanvasAgg(figure)
    assert_counts_stand_free(ax)
