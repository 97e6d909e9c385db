"""The customer matrix with customers set aside: the account managers' customers without an
answer yet are counted in one line under the title, never drawn as if they had scored 0."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from klantlib.core.bands import BANDS
from klantlib.core.method import segment_customers
from klantlib.i18n import format_number, text
from klantlib.reports.matrix import matrix_chart
from klantlib.sample import generate_sample
from tests.test_matrix import chart, counts_shown, legend_texts, names_shown
from tests.test_matrix_hundreds import assert_counts_stand_free, by_size, dot_boxes, named_ids

pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

pytestmark = pytest.mark.usefixtures("untouched_rcparams")

LANGS = ["nl", "en"]
ROOM = 30  # the customers the room answered: the largest; the rest wait for their manager


@pytest.fixture(scope="module")
def sample():
    """400 fictional customers with An's answers and her favourites, the 30 largest the room's,
    the other 370 set aside (among them some favourites)."""
    data = generate_sample(400)
    answers = data.answers["An"]
    favourites = answers.loc[answers["favoriet"] == "ja", "customer_id"].tolist()
    result = segment_customers(data.customers, answers.drop(columns="favoriet"))
    ids = by_size(result)["customer_id"].tolist()
    return result, favourites, ids[:ROOM], ids[ROOM:]


def kept(result, set_aside) -> pd.DataFrame:
    """The segmentation's customers that are not set aside."""
    ids = result.customers["customer_id"].astype(str)
    return result.customers[~ids.isin({str(i) for i in set_aside})]


def expected_counts(customers: pd.DataFrame, columns: int, lang: str) -> dict[str, str]:
    """Per cell ("small-0"), the number of ``customers`` there from a groupby, as the chart
    writes it; 0 for a cell without any."""
    sizes = customers.groupby(["band", "score"], observed=False).size()
    counts = {f"{band}-{score}": 0 for band in BANDS for score in range(columns)}
    for (band, score), n in sizes.items():
        counts[f"{band}-{score}"] = int(n)
    return {cell: format_number(n, lang) for cell, n in counts.items()}


def the_line(ax):
    """The text that counts the customers set aside (None when there is none)."""
    lines = [t for t in ax.texts if t.get_gid() == "set-aside"]
    assert len(lines) <= 1
    return lines[0] if lines else None


def the_title(ax):
    """The chart's title (matplotlib's left title)."""
    titles = [t for t in ax.get_children() if t is not ax.title and t.get_gid() is None]
    return next(
        t
        for t in titles
        if getattr(t, "get_text", None) and t.get_text() == ax.get_title(loc="left")
    )


def stars(ax) -> int:
    """How many favourites are drawn as stars."""
    return sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == "favourites")


def dots(ax) -> int:
    """How many dots and stars the chart draws."""
    return sum(len(c.get_offsets()) for c in ax.collections)


def picture(ax) -> list:
    """What a chart shows, to compare two charts: every text's gid, words, place and size,
    every scatter's gid, places and sizes, the cells, the legend and the title's place."""
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()

    def box(artist) -> list[float]:
        return np.round(artist.get_window_extent(renderer).bounds, 3).tolist()

    return [
        ax.get_title(loc="left"),
        box(the_title(ax)),
        np.round(ax.get_position().bounds, 6).tolist(),
        [(t.get_gid(), t.get_text(), box(t), t.get_fontsize()) for t in ax.texts],
        [
            (
                c.get_gid(),
                np.round(c.get_offsets(), 6).tolist(),
                np.round(c.get_sizes(), 4).tolist(),
            )
            for c in ax.collections
        ],
        [p.get_gid() for p in ax.patches],
        legend_texts(ax),
        box(ax.get_legend()),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_cell_counts_only_the_customers_not_set_aside(sample, lang):
    """370 of 400 set aside: each cell's count is the groupby of the 30 left, and only those 30
    are dots."""
    result, favourites, _, set_aside = sample
    ax = chart(result, lang=lang, favourites=favourites, set_aside=set_aside)
    left = kept(result, set_aside)
    assert len(left) == ROOM
    assert counts_shown(ax) == expected_counts(left, len(result.grid.scores), lang)
    assert sum(int(n) for n in counts_shown(ax).values()) == ROOM
    assert dots(ax) == ROOM


@pytest.mark.parametrize("lang", LANGS)
def test_any_collection_of_ids_sets_aside_and_unknown_ids_are_ignored(sample, lang):
    """A set, a pandas Series or a list with ids that are no customer's: the same chart, and
    the line counts only the customers."""
    result, favourites, _, set_aside = sample
    some = set_aside[::3]
    charts = [
        chart(result, lang=lang, set_aside=chosen)
        for chosen in (some, set(some), pd.Series(some), [*some, "no-such-customer", "", "x"])
    ]
    counts = expected_counts(kept(result, some), len(result.grid.scores), lang)
    for ax in charts:
        assert counts_shown(ax) == counts
        assert the_line(ax).get_text() == text(
            "matrix.set_aside", lang, count=format_number(len(some), lang)
        )
        assert dots(ax) == 400 - len(some)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", "370 klanten nog zonder antwoord (voor de accountmanagers): niet in de matrix"),
        ("en", "370 customers without answers yet (for the account managers): not in the matrix"),
    ],
)
def test_one_line_says_how_many_are_set_aside(sample, lang, words):
    """The line, in the chart's language, with the number of customers set aside."""
    result, favourites, _, set_aside = sample
    ax = chart(result, lang=lang, favourites=favourites, set_aside=set_aside)
    line = the_line(ax)
    assert line.get_text() == words
    assert line.get_fontsize() >= 12  # read from the back of the room
    assert the_line(chart(result, lang=lang)) is None  # nothing set aside: no line


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("nl", "1 klant nog zonder antwoord", "1.200 klanten nog zonder antwoord"),
        ("en", "1 customer without answers yet", "1,200 customers without answers yet"),
    ],
)
def test_the_number_has_its_plural_and_its_thousands_separator(lang, one, many):
    """One customer set aside is one "klant"; 1,200 are written as the language writes them."""
    data = generate_sample(1_500)
    result = segment_customers(data.customers, data.answers["An"].drop(columns="favoriet"))
    ids = by_size(result)["customer_id"].tolist()
    assert the_line(chart(result, lang=lang, set_aside=ids[-1:])).get_text().startswith(one)
    ax = chart(result, lang=lang, set_aside=ids[300:])
    assert the_line(ax).get_text().replace("\n", " ").startswith(many)
    assert dots(ax) == 300


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("anonymous", [False, True])
def test_a_customer_set_aside_never_gets_a_name_or_a_star(sample, lang, anonymous):
    """Every customer chosen to be named, the favourites too: only the 30 left get names (or
    the codes of the whole list), and a favourite set aside is no star."""
    result, favourites, room, set_aside = sample
    everyone = by_size(result)["customer_id"].tolist()
    ax = chart(
        result,
        lang=lang,
        favourites=favourites,
        named=everyone,
        set_aside=set_aside,
        anonymous=anonymous,
    )
    shown = named_ids(ax, result)  # codes are the revenue rank among all 400
    assert shown and shown <= set(room)
    assert not shown & set(set_aside)
    ordered = by_size(result)["name"].tolist()
    letter = text("matrix.code", lang, number="")
    for rank, shown in names_shown(ax).items():
        if anonymous:
            assert shown == f"{letter}{rank:03d}"
        else:  # the name of that room customer, whole or cut with …
            assert ordered[rank - 1].startswith(shown.removesuffix("…"))
    # The sample's three favourites are none of the 30 largest: all set aside, no star, and
    # the legend does not explain a star.
    assert set(favourites) <= set(set_aside)
    assert stars(ax) == 0 and text("matrix.favourite", lang) not in legend_texts(ax)
    # One of them back in the matrix: one star, named first, explained.
    back = [i for i in set_aside if i != favourites[0]]
    ax = chart(result, lang=lang, favourites=favourites, named=everyone, set_aside=back)
    assert stars(ax) == 1 and text("matrix.favourite", lang) in legend_texts(ax)
    assert favourites[0] in named_ids(ax, result)
    assert not named_ids(ax, result) & set(back)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("size", "dpi"), [((13.0, 7.5), 100), ((13.0, 7.5), 200), ((10.0, 6.2), 100)]
)
def test_the_line_touches_nothing_and_the_counts_still_stand_free(sample, lang, size, dpi):
    """On the slide (also drawn at twice the resolution) and on the app's smaller picture: the
    line is under the title and above the scores, inside the figure and no wider than the
    matrix; it touches no title, label, score, cell, count, name, dot or legend, and every
    count still stands free in its cell."""
    result, favourites, room, set_aside = sample
    figure = Figure(figsize=size, layout="constrained", dpi=dpi)
    FigureCanvasAgg(figure)
    ax = matrix_chart(
        result,
        ax=figure.add_subplot(),
        lang=lang,
        favourites=favourites,
        named=room,
        set_aside=set_aside,
    )
    assert names_shown(ax)
    assert_counts_stand_free(ax)  # draws the figure
    renderer = figure.canvas.get_renderer()
    line = the_line(ax).get_window_extent(renderer)
    title = the_title(ax).get_window_extent(renderer)
    above = ax.xaxis.get_tightbbox(renderer)  # the scores and their label
    matrix = ax.get_window_extent(renderer)
    assert title.y0 > line.y1 and line.y0 > above.y1 and above.y0 >= matrix.y1 - 1
    assert abs(line.x0 - matrix.x0) < 1 and line.x1 <= matrix.x1 + 1
    assert line.x0 >= 0 and line.x1 <= figure.bbox.x1 and title.y1 <= figure.bbox.y1
    others = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() != "set-aside"]
    others += [t.get_window_extent(renderer) for t in ax.get_xticklabels()]
    others += [
        ax.xaxis.label.get_window_extent(renderer),
        ax.yaxis.label.get_window_extent(renderer),
    ]
    others += [t.get_window_extent(renderer) for t in ax.get_yticklabels()]
    others += [ax.get_legend().get_window_extent(renderer), matrix, title, *dot_boxes(ax)]
    assert not [box for box in others if line.overlaps(box)]


def test_a_line_too_wide_for_the_matrix_breaks_after_its_colon():
    """On the app's picture with a long size legend the matrix is narrower: the line breaks
    where the sentence does, and each row fits the matrix."""
    data = generate_sample(400)
    result = segment_customers(data.customers, data.answers["An"].drop(columns="favoriet"))
    ids = by_size(result)["customer_id"].tolist()
    ax = chart(result, size=(8.0, 5.0), lang="nl", set_aside=ids[30:])
    rows = the_line(ax).get_text().split("\n")
    assert rows[-1] == "niet in de matrix"
    assert " ".join(rows) == text("matrix.set_aside", "nl", count="370")
    assert_counts_stand_free(ax)
    renderer = ax.figure.canvas.get_renderer()
    box = the_line(ax).get_window_extent(renderer)
    assert box.x1 <= ax.get_window_extent(renderer).x1 + 1
    assert box.y0 > ax.xaxis.get_tightbbox(renderer).y1
    assert the_title(ax).get_window_extent(renderer).y0 > box.y1


@pytest.mark.parametrize("lang", LANGS)
def test_with_everyone_set_aside_the_cells_are_empty_under_the_line(sample, lang):
    """All 400 set aside: fifteen cells with a faint 0, no dot, no name, no star, and the line
    says 400."""
    result, favourites, _, _ = sample
    everyone = result.customers["customer_id"].tolist()
    ax = chart(result, lang=lang, favourites=favourites, set_aside=everyone)
    assert set(counts_shown(ax).values()) == {"0"} and len(counts_shown(ax)) == 15
    assert dots(ax) == 0 and not names_shown(ax)
    assert the_line(ax).get_text() == text("matrix.set_aside", lang, count="400")
    assert legend_texts(ax) == [text("matrix.count", lang)]
    assert_counts_stand_free(ax)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_set_aside_draws_exactly_as_before(sample, lang):
    """set_aside=() (the default), an empty set, or only ids that are no customer's: the very
    same picture, text for text, dot for dot."""
    result, favourites, room, _ = sample
    options = {"favourites": favourites, "named": room, "lang": lang}
    before = picture(chart(result, **options))
    for nothing in ((), set(), ["no-such-customer"], pd.Series([], dtype=str)):
        assert picture(chart(result, set_aside=nothing, **options)) == before
    assert not [t for t in chart(result, **options).texts if t.get_gid() == "set-aside"]


def test_the_callers_tables_and_lists_are_left_as_they_were(sample):
    """Drawing with customers set aside changes neither the segmentation's customers nor the
    lists (or Series) of ids passed in."""
    result, favourites, room, set_aside = sample
    before = result.customers.copy(deep=True)
    as_series = pd.Series(set_aside, name="customer_id")
    lists_before = (list(favourites), list(room), list(set_aside), as_series.copy())
    chart(result, favourites=favourites, named=room, set_aside=set_aside)
    chart(result, favourites=favourites, named=room, set_aside=as_series)
    pd.testing.assert_frame_equal(result.customers, before)
    assert (list(favourites), list(room), list(set_aside)) == lists_before[:3]
    pd.testing.assert_series_equal(as_series, lists_before[3])
