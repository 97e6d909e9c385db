"""The chart of moves between two quarters: boxes, ribbons, labels and title as a user sees them."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib.core.moves import compare_segments
from klantlib.errors import KlantlibError
from klantlib.reports.matrix import SEGMENT_COLOURS
from klantlib.reports.moves_chart import moves_chart

plt = pytest.importorskip("matplotlib.pyplot")
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

SEGMENT_BOXES = ("A", "B", "C")


pytestmark = pytest.mark.usefixtures("untouched_rcparams")


def transitions(*rows: tuple[str, str, int]) -> pd.DataFrame:
    """A transitions table as compare_segments returns it."""
    table = pd.DataFrame(rows, columns=["from_segment", "to_segment", "customers"])
    return table.astype({"customers": "int64"})


SEVEN = transitions(("A", "A", 3), ("A", "B", 1), ("", "C", 2), ("B", "", 1))
"""3 stay in A, 1 goes A → B, 2 are new in C, 1 from B is gone: 4 of 7 changed."""


def draw(table: pd.DataFrame = SEVEN, **options):
    """The chart on a figure of its own (closed by the fixture)."""
    return moves_chart(table, **options)


def ribbons(ax) -> dict[str, object]:
    return {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("ribbon-")}


def boxes(ax, side: str) -> dict[str, object]:
    prefix = f"box-{side}-"
    return {
        p.get_gid().removeprefix(prefix): p
        for p in ax.patches
        if (p.get_gid() or "").startswith(prefix)
    }


def labels(ax, side: str) -> dict[str, str]:
    prefix = f"label-{side}-"
    return {
        t.get_gid().removeprefix(prefix): t.get_text()
        for t in ax.texts
        if (t.get_gid() or "").startswith(prefix)
    }


def width(ribbon) -> float:
    """The ribbon's thickness where it leaves its box (and everywhere: it is constant)."""
    xy = ribbon.get_xy()
    start = xy[np.isclose(xy[:, 0], xy[:, 0].min())]
    return float(start[:, 1].max() - start[:, 1].min())


def test_draws_on_the_given_axes_and_returns_them():
    """With ax given, it draws there and returns the same Axes, without pyplot."""
    ax = Figure().add_subplot()
    assert moves_chart(SEVEN, lang="nl", ax=ax) is ax
    assert ribbons(ax)


def test_one_ribbon_per_pair_with_customers():
    """A → A, A → B, new → C and B → gone: four ribbons, named by their boxes."""
    ax = draw(lang="nl")
    assert sorted(ribbons(ax)) == ["ribbon-A-A", "ribbon-A-B", "ribbon-B-gone", "ribbon-new-C"]


def test_ribbons_are_as_wide_as_their_customers():
    """3 customers make a ribbon three times as wide as 1 customer, and so on."""
    ax = draw(lang="nl")
    widths = {gid: width(r) for gid, r in ribbons(ax).items()}
    unit = widths["ribbon-A-B"]
    assert unit > 0
    assert widths["ribbon-A-A"] == pytest.approx(3 * unit)
    assert widths["ribbon-new-C"] == pytest.approx(2 * unit)
    assert widths["ribbon-B-gone"] == pytest.approx(unit)


def test_ribbons_are_s_shaped_and_join_the_two_columns():
    """A ribbon starts at the left boxes' edge, ends at the right boxes' edge, and its ends
    are flat (the curve eases in and out)."""
    ax = draw(lang="nl")
    left, right = boxes(ax, "before")["A"], boxes(ax, "after")["B"]
    xy = ribbons(ax)["ribbon-A-B"].get_xy()
    assert xy[:, 0].min() == pytest.approx(left.get_x() + left.get_width())
    assert xy[:, 0].max() == pytest.approx(right.get_x())
    assert xy[0, 1] != pytest.approx(xy[63, 1])  # A's top is higher than where B begins
    assert xy[1, 1] - xy[0, 1] == pytest.approx(0, abs=0.01 * abs(xy[63, 1] - xy[0, 1]))


def test_moved_customers_stand_out_and_stayers_are_pale():
    """A → B, new → C and B → gone are more opaque than A → A, and drawn over it."""
    found = ribbons(draw(lang="nl"))
    stay = found["ribbon-A-A"]
    for gid in ("ribbon-A-B", "ribbon-new-C", "ribbon-B-gone"):
        assert found[gid].get_alpha() > stay.get_alpha() + 0.3, gid
        assert found[gid].get_zorder() > stay.get_zorder(), gid


def test_a_ribbon_has_the_colour_of_the_segment_it_moves_to():
    """A → B is amber (B's colour); gone is grey; A → A is blue, only paler."""
    found = ribbons(draw(lang="nl"))
    assert found["ribbon-A-B"].get_facecolor()[:3] == pytest.approx(
        to_rgba(SEGMENT_COLOURS["B"])[:3]
    )
    assert found["ribbon-A-A"].get_facecolor()[:3] == pytest.approx(
        to_rgba(SEGMENT_COLOURS["A"])[:3]
    )
    red, green, blue = found["ribbon-B-gone"].get_facecolor()[:3]
    assert red == pytest.approx(green) == pytest.approx(blue)


def test_boxes_are_as_high_as_their_customers_in_a_fixed_order():
    """Left A 4, B 1, new 2 top to bottom (C has none: no box); right A 3, B 1, C 2, gone 1."""
    ax = draw(lang="nl")
    left, right = boxes(ax, "before"), boxes(ax, "after")
    assert list(left) == ["A", "B", "new"]
    assert list(right) == ["A", "B", "C", "gone"]
    unit = right["B"].get_height()
    heights = {
        side: {k: b.get_height() / unit for k, b in found.items()}
        for side, found in (("before", left), ("after", right))
    }
    assert heights["before"] == pytest.approx({"A": 4, "B": 1, "new": 2})
    assert heights["after"] == pytest.approx({"A": 3, "B": 1, "C": 2, "gone": 1})
    for found in (left, right):
        tops = [b.get_y() + b.get_height() for b in found.values()]
        assert tops == sorted(tops, reverse=True)
        for upper, lower in zip(list(found.values()), list(found.values())[1:], strict=False):
            assert upper.get_y() > lower.get_y() + lower.get_height()  # a gap between


def test_segment_boxes_have_their_colours_and_a_dark_edge():
    """A, B and C are filled as in the matrix; the almost white C has a dark edge."""
    right = boxes(draw(lang="nl"), "after")
    for segment in SEGMENT_BOXES:
        assert right[segment].get_facecolor() == pytest.approx(to_rgba(SEGMENT_COLOURS[segment]))
    assert sum(right["C"].get_edgecolor()[:3]) < 1.0


@pytest.mark.parametrize(
    ("lang", "left", "right", "title"),
    [
        (
            "nl",
            {"A": "A · 4", "B": "B · 1", "new": "nieuw · 2"},
            {"A": "A · 3", "B": "B · 1", "C": "C · 2", "gone": "weg · 1"},
            "Wie veranderde van segment: 4 van 7 klanten",
        ),
        (
            "en",
            {"A": "A · 4", "B": "B · 1", "new": "new · 2"},
            {"A": "A · 3", "B": "B · 1", "C": "C · 2", "gone": "gone · 1"},
            "Who changed segment: 4 of 7 customers",
        ),
    ],
)
def test_boxes_and_title_speak_the_language(lang, left, right, title):
    """Each box names its segment and count; the title counts changed, new and gone ones."""
    ax = draw(lang=lang)
    assert labels(ax, "before") == left
    assert labels(ax, "after") == right
    assert ax.get_title(loc="left") == title


def test_counts_use_the_language_s_thousands_separator():
    """1.200 customers in Dutch, 1,200 in English."""
    table = transitions(("A", "A", 1_200), ("C", "A", 34))
    assert labels(draw(table, lang="nl"), "after")["A"] == "A · 1.234"
    assert labels(draw(table, lang="en"), "after")["A"] == "A · 1,234"
    assert draw(table, lang="nl").get_title(loc="left").endswith("34 van 1.234 klanten")


def test_the_columns_are_headed_by_the_quarters_or_a_default():
    """Session names when given, else "vorig kwartaal" / "dit kwartaal"."""
    ax = draw(before="2026-Q4", after="2027-Q1", lang="nl")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2026-Q4", "2027-Q1"]
    ax = draw(lang="nl")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["vorig kwartaal", "dit kwartaal"]
    ax = draw(lang="en")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["last quarter", "this quarter"]


def test_no_frame_and_no_numbers_on_the_axes():
    ax = draw(lang="nl")
    assert not any(side.get_visible() for side in ax.spines.values())
    assert list(ax.get_yticks()) == []
    assert all(t.get_text() for t in ax.get_xticklabels())  # only the two column heads


def test_type_is_large_enough_for_a_projector():
    """Every word on the chart (title, column heads, labels, note) is 14 to 18 points."""
    ax = draw(lang="nl")
    ax.get_figure().canvas.draw()
    sizes = [t.get_fontsize() for t in ax.findobj(Text) if t.get_visible() and t.get_text()]
    assert len(sizes) >= 10
    assert min(sizes) >= 14
    assert max(sizes) <= 18


def test_thin_boxes_keep_their_labels_apart():
    """1, 1 and 1 customers under 197 others: three labels that do not overlap, each tied to
    its box by a line; the large box keeps its label at its middle."""
    table = transitions(("A", "A", 197), ("", "B", 1), ("", "C", 1), ("A", "", 1))
    ax = draw(table, lang="nl")
    fig = ax.get_figure()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for side in ("before", "after"):
        shown = [t for t in ax.texts if (t.get_gid() or "").startswith(f"label-{side}-")]
        extents = [t.get_window_extent(renderer) for t in shown]
        for i, one in enumerate(extents):
            for other in extents[i + 1 :]:
                assert not one.overlaps(other), side
    box = boxes(ax, "after")["A"]
    label = next(t for t in ax.texts if t.get_gid() == "label-after-A")
    assert label.get_position()[1] == pytest.approx(box.get_y() + box.get_height() / 2)
    leaders = {line.get_gid() for line in ax.lines}
    assert {"leader-after-B", "leader-after-C"} <= leaders
    assert "leader-after-A" not in leaders


def test_an_empty_table_says_so():
    """No rows: no boxes, a message in the middle."""
    for lang, message in (
        ("nl", "Geen klanten om te vergelijken."),
        ("en", "No customers to compare."),
    ):
        ax = draw(transitions(), lang=lang)
        assert [t.get_text() for t in ax.texts] == [message]
        assert not ax.patches


def test_a_table_without_the_columns_is_refused_naming_them():
    table = pd.DataFrame({"from_segment": ["A"], "aantal": [3]})
    with pytest.raises(KlantlibError) as caught:
        moves_chart(table, lang="nl")
    message = caught.value.message("nl")
    assert "to_segment, customers" in message and "from_segment, aantal" in message
    assert "to_segment, customers" in caught.value.message("en")


def test_unknown_segments_and_bad_counts_are_refused():
    with pytest.raises(KlantlibError, match="'D'"):
        moves_chart(transitions(("A", "D", 1)), lang="en")
    with pytest.raises(KlantlibError, match="'-1'"):
        moves_chart(transitions(("A", "B", -1)), lang="en")


def test_the_table_given_is_not_changed():
    table = transitions(("B", "A", 2), ("", "C", 1), ("A", "A", 5), ("A", "B", 0))
    kept = table.copy()
    draw(table, lang="nl")
    pd.testing.assert_frame_equal(table, kept)


def test_a_pair_of_no_customers_draws_nothing():
    """A → B with 0 customers: no ribbon; a side of only such pairs: no box."""
    ax = draw(transitions(("A", "A", 2), ("A", "B", 0), ("C", "", 0)), lang="nl")
    assert sorted(ribbons(ax)) == ["ribbon-A-A"]
    assert list(boxes(ax, "after")) == ["A"]


def test_the_same_table_gives_the_same_picture():
    """Deterministic: rows in another order, same PNG bytes."""
    pictures = []
    for table in (SEVEN, SEVEN.iloc[::-1].reset_index(drop=True)):
        ax = draw(table, before="2026-Q4", after="2027-Q1", lang="nl")
        buffer = io.BytesIO()
        ax.get_figure().savefig(buffer, format="png", metadata={"Software": None})
        plt.close(ax.get_figure())
        pictures.append(buffer.getvalue())
    assert pictures[0] == pictures[1]


def test_saves_as_png():
    ax = draw(lang="en")
    fig = ax.get_figure()
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def test_a_real_comparison_draws_and_counts_right():
    """Two small segment tables through compare_segments: 1 stays, 1 up, 1 down, 1 new,
    1 gone."""
    old = pd.DataFrame(
        {
            "customer_id": ["1", "2", "3", "5"],
            "name": ["Bakkerij Peeters", "Garage Maes", "Hotel Ter Duinen", "Frituur Goris"],
            "segment": ["A", "B", "A", "C"],
        }
    )
    new = pd.DataFrame(
        {
            "customer_id": ["1", "2", "3", "4"],
            "name": ["Bakkerij Peeters", "Garage Maes", "Hotel Ter Duinen", "Drukkerij Claes"],
            "segment": ["A", "A", "C", "B"],
        }
    )
    _, table = compare_segments(old, new)
    ax = draw(table, before="2026-Q4", after="2027-Q1", lang="nl")
    assert ax.get_title(loc="left") == "Wie veranderde van segment: 4 van 5 klanten"
    assert sorted(ribbons(ax)) == [
        "ribbon-A-A",
        "ribbon-A-C",
        "ribbon-B-A",
        "ribbon-C-gone",
        "ribbon-new-B",
    ]
    assert labels(ax, "before") == {"A": "A · 2", "B": "B · 1", "C": "C · 1", "new": "nieuw · 1"}
    assert labels(ax, "after") == {"A": "A · 2", "B": "B · 1", "C": "C · 1", "gone": "weg · 1"}


def test_the_current_language_is_used_when_none_is_given():
    assert labels(draw(), "before")["new"] == "nieuw · 2"
    with pytest.raises(ValueError, match="'lang' must be one of"):
        draw(lang="fr")


PAIRS = [(s, t) for s in ("A", "B", "C", "") for t in ("A", "B", "C", "")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=500), min_size=16, max_size=16))
def test_both_columns_hold_every_customer(counts):
    """Any counts for the 16 pairs: the left boxes add up to the right ones and to the
    total, and every pair with customers has its ribbon."""
    table = transitions(*((s, t, n) for (s, t), n in zip(PAIRS, counts, strict=True)))
    fig = Figure(figsize=(12, 7.5))
    ax = moves_chart(table, lang="en", ax=fig.add_subplot())
    total = sum(counts)
    if not total:
        assert not ax.patches
        return
    left = sum(b.get_height() for b in boxes(ax, "before").values())
    right = sum(b.get_height() for b in boxes(ax, "after").values())
    unit = left / total
    assert left == pytest.approx(right)
    assert len(ribbons(ax)) == sum(n > 0 for n in counts)
    assert sum(width(r) for r in ribbons(ax).values()) == pytest.approx(total * unit)
    changed = sum(n for (s, t), n in zip(PAIRS, counts, strict=True) if s != t)
    assert ax.get_title(loc="left").startswith(f"Who changed segment: {changed:,} of {total:,}")
