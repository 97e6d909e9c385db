"""The segment grid, each customer's segment and reason, and the summary per segment."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib import InputError, SegmentGrid, assign_segments, segment_reasons, segment_summary


def test_default_grid_follows_the_points_rule():
    """Points 2 × band + score: A from 6, B from 4, else C."""
    grid = SegmentGrid.default()
    assert dict(grid.cells) == {"small": "CCCCB", "medium": "CCBBA", "large": "BBAAA"}
    assert grid.notices() == []


def test_grid_as_a_table_has_large_on_top():
    """The table shows large as the first row and scores 0..4 as columns."""
    frame = SegmentGrid.default().to_frame()
    assert list(frame.index) == ["large", "medium", "small"]
    assert list(frame.columns) == [0, 1, 2, 3, 4]
    assert "".join(frame.loc["large"]) == "BBAAA"


def test_custom_grid_accepts_lowercase_and_spaces():
    """Rows typed as 'c c c b b' are read as letters."""
    grid = SegmentGrid.from_rows(["c c c b b", "CCBBA", "bbaaa"])
    assert grid.segment("small", 3) == "B"


def test_custom_grid_cells_must_be_a_b_or_c():
    """A 'D' is refused with its cell named."""
    with pytest.raises(InputError) as caught:
        SegmentGrid.from_rows(["CCCCD", "CCBBA", "BBAAA"])
    assert caught.value.message("nl") == (
        "Cel klein, score 4 van het segmentrooster: 'D' is geen A, B of C."
    )


def test_custom_grid_must_be_three_by_five():
    """A row of four cells is a shape error."""
    with pytest.raises(InputError) as caught:
        SegmentGrid.from_rows(["CCCC", "CCBBA", "BBAAA"])
    assert caught.value.message("en").startswith("The segment grid must have 3 rows")


def test_grid_warnings_for_large_in_c_and_steps_that_lower():
    """Large in C, a step right that lowers and a step up that lowers are each warned."""
    grid = SegmentGrid.from_rows(["CCCCA", "CCBBB", "CBAAA"])
    assert [n.message("en") for n in grid.notices()] == [
        "A large customer with score 0 lands in segment C.",
        "At score 4 a customer drops from A to B when it moves from small to medium.",
    ]
    grid = SegmentGrid.from_rows(["CCCCB", "CCBAB", "BBAAA"])
    assert [n.message("nl") for n in grid.notices()] == [
        "Een middel klant zakt van A naar B als de score van 3 naar 4 stijgt.",
    ]


def answered(rows):
    return pd.DataFrame(
        rows,
        columns=["customer_id", "revenue", "band", "margin", "cashflow", "innovation", "network"],
    )


def test_segment_and_reason_in_both_languages():
    """A large customer with only network yes is B, and the reason says why."""
    table = answered([("1", 80_000.0, "large", "no", "unknown", "no", "yes")])
    segmented = assign_segments(table)
    assert segmented.loc[0, "segment"] == "B"
    assert "reason" not in segmented.columns  # the core keeps the reason as data
    assert segment_reasons(segmented, "nl")[0] == "B: groot, 1× ja: Netwerk; open: Cashflow"
    assert segment_reasons(segmented, "en")[0] == "B: large, 1× yes: Network; open: Cash flow"
    assert segmented.loc[0, "score"] == 1 and segmented.loc[0, "open"] == 1


def test_reason_without_yes_or_open():
    """All no: the reason is just segment, band and 0× ja."""
    table = answered([("1", 5.0, "small", "no", "no", "no", "no")])
    assert segment_reasons(assign_segments(table), "nl")[0] == "C: klein, 0× ja"


def test_assign_segments_uses_a_custom_grid_and_leaves_input_alone():
    """With a grid where small-4 is A, such a customer is A; the input is unchanged."""
    table = answered([("1", 5.0, "small", "yes", "yes", "yes", "yes")])
    before = table.copy()
    grid = SegmentGrid.from_rows(["CCCCA", "CCBBA", "BBAAA"])
    assert assign_segments(table, grid).loc[0, "segment"] == "A"
    assert_frame_equal(table, before)


def test_summary_per_segment_with_hours():
    """Customers, revenue, shares and revenue per hour per segment; empty segments show 0."""
    segmented = pd.DataFrame(
        {
            "segment": ["A", "A", "C"],
            "revenue": [60_000.0, 40_000.0, 10_000.0],
            "hours": [100.0, None, 50.0],
        }
    )
    expected = pd.DataFrame(
        {
            "customers": [2, 0, 1],
            "revenue": [100_000.0, 0.0, 10_000.0],
            "revenue_share": [100_000 / 110_000, 0.0, 10_000 / 110_000],
            "hours": [100.0, 0.0, 50.0],
            "hours_share": [100 / 150, 0.0, 50 / 150],
            "revenue_per_hour": [600.0, float("nan"), 200.0],
        },
        index=pd.Index(["A", "B", "C"], name="segment"),
    )
    assert_frame_equal(segment_summary(segmented), expected)


def test_summary_without_hours_has_no_hour_columns():
    """When no hours are known, the summary shows no hour columns."""
    segmented = pd.DataFrame({"segment": ["B"], "revenue": [1.0], "hours": [None]})
    assert list(segment_summary(segmented).columns) == ["customers", "revenue", "revenue_share"]
