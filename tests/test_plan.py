"""The plan per segment: defaults, hours needed against hours today, warnings, storage."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from klantlib.core.plan import (
    SegmentPlan,
    default_plan,
    favourites_by_segment,
    plan_from_table,
    plan_hours,
    plan_hours_by_manager,
    plan_notices,
    plan_table,
    segments_by_manager,
)
from klantlib.core.segments import SEGMENTS
from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.store.workspace import create_session

SEGMENTED = pd.DataFrame(
    {
        "customer_id": ["1", "2", "3", "4", "5"],
        "name": ["Aa", "Bb", "Cc", "Dd", "Ee"],
        "revenue": [90_000.0, 40_000.0, 20_000.0, 5_000.0, -100.0],
        "segment": ["A", "B", "B", "C", "C"],
        "hours": [300.0, 80.0, None, 40.0, 10.0],
        "account_manager": ["An", "An", "Pieter", "Pieter", None],
    }
)


def test_the_default_plan_follows_the_article():
    """A: proactive, face to face, monthly; B: lighter, quarterly; C: reactive, scalable."""
    plan = default_plan()
    assert (plan["A"].approach, plan["A"].channels[0], plan["A"].contacts_per_year) == (
        "proactive",
        "visit",
        12.0,
    )
    assert plan["B"].approach == "proactive" and "visit" not in plan["B"].channels
    assert plan["C"].approach == "reactive" and set(plan["C"].channels) == {"email", "newsletter"}
    assert plan["A"].hours_per_customer == pytest.approx(12 * (2.5 + 1 + 0.5) / 3)
    assert plan["C"].hours_per_customer == pytest.approx(2 * 0.125)


def test_hours_needed_today_and_freed_per_segment():
    hours = plan_hours(SEGMENTED, default_plan())
    assert hours["customers"].tolist() == [1, 2, 2]
    assert hours.loc["A", "plan_hours"] == pytest.approx(16.0)
    assert hours.loc["B", "plan_hours"] == pytest.approx(2 * 4 * (1 + 0.5 + 0.25) / 3)
    assert hours.loc["A", "hours_today"] == 300.0
    assert hours.loc["B", "hours_today"] == 80.0  # customer 3's hours unknown
    # freed: today's hours minus the plan's hours of the customers whose hours are known
    assert hours.loc["B", "hours_freed"] == pytest.approx(80 - 4 * 1.75 / 3)
    assert hours.loc["C", "revenue_share"] == pytest.approx(5_000 / 155_000)
    assert hours["plan_hours_share"].sum() == pytest.approx(1.0)


def test_hours_per_account_manager():
    table = plan_hours_by_manager(SEGMENTED, default_plan())
    assert table.index.tolist() == ["An", "Pieter", "—"]
    assert table.loc["An", "hours_today"] == 380.0
    assert math.isclose(table.loc["An", "plan_hours"], 16 + 4 * 1.75 / 3)
    assert plan_hours_by_manager(SEGMENTED.drop(columns="account_manager"), default_plan()).empty


def test_a_plan_that_needs_more_hours_than_today_is_warned_about():
    heavy = {**default_plan(), "C": SegmentPlan("C", "proactive", ("visit",), 104)}
    notices = plan_notices(plan_hours(SEGMENTED, heavy))
    assert [n.key for n in notices] == ["warning.plan_more_hours"]
    assert notices[0].message("en") == text("warning.plan_more_hours", "en", needed=541, today=430)
    assert plan_notices(plan_hours(SEGMENTED, default_plan())) == []


def test_most_customers_in_a_is_warned_about():
    drifted = SEGMENTED.assign(segment=["A", "A", "A", "B", "C"])
    keys = [n.key for n in plan_notices(plan_hours(drifted, default_plan()))]
    assert keys == ["warning.plan_most_in_a"]


@pytest.mark.parametrize(
    "args, key",
    [
        (("D", "proactive", ("visit",), 4), "error.plan_segment"),
        (("A", "sometimes", ("visit",), 4), "error.plan_approach"),
        (("A", "proactive", ("fax",), 4), "error.plan_channels"),
        (("A", "proactive", (), 4), "error.plan_channels"),
        (("A", "proactive", ("visit",), 400), "error.plan_contacts"),
    ],
)
def test_an_impossible_plan_is_refused_in_plain_words(args, key):
    with pytest.raises(KlantlibError) as caught:
        SegmentPlan(*args)
    assert caught.value.notice.key == key


def test_the_plan_round_trips_through_its_table_and_the_session(tmp_path):
    plan = {**default_plan(), "B": SegmentPlan("B", "reactive", ("phone", "email"), 6, "Jonas")}
    assert plan_from_table(plan_table(plan)) == plan
    customers = SEGMENTED[["customer_id", "name", "revenue"]]
    with create_session("s", customers, workspace=tmp_path) as session:
        assert session.plan == default_plan()
        session.set_plan(plan)
        assert session.plan == plan
        session.set_plan(None)
        assert session.plan == default_plan()


def test_where_the_favourites_land():
    table = favourites_by_segment(SEGMENTED, {"An": {"1", "4"}, "Pieter": {"2", "3", "5"}})
    assert table.loc["An"].tolist() == [1, 0, 1, 2]
    assert table.loc["Pieter"].tolist() == [0, 2, 1, 3]


# ------------------------------------------------------------------------------------------
# Customers and hours per account manager
# ------------------------------------------------------------------------------------------


def _by_manager(rows: dict[str, list[object]], hours: list[float]) -> pd.DataFrame:
    """The expected table: ``rows`` maps a manager to [A, B, C, total, with hours]."""
    frame = pd.DataFrame.from_dict(
        rows, orient="index", columns=["A", "B", "C", "total", "customers_with_hours"]
    ).astype("int64")
    frame["hours_today"] = pd.Series(hours, index=frame.index, dtype="float64")
    frame.index = pd.Index(list(rows), name="account_manager")
    return frame


def test_segments_per_account_manager():
    """Per manager, by name, the customers without one last as "—": the customers in A, B,
    C and in total, how many have their hours known and the sum of those hours."""
    expected = _by_manager(
        {"An": [1, 1, 0, 2, 2], "Pieter": [0, 1, 1, 2, 1], "—": [0, 0, 1, 1, 1]},
        [380.0, 40.0, 10.0],
    )
    assert_frame_equal(segments_by_manager(SEGMENTED), expected)


def test_segments_per_account_manager_has_the_rows_of_the_plans_hours():
    """The same managers in the same order as plan_hours_by_manager: an empty name and a
    missing one are both "—"."""
    odd = SEGMENTED.assign(account_manager=["An", "", "Pieter", None, "Jonas"])
    table = segments_by_manager(odd)
    assert table.index.tolist() == ["An", "Jonas", "Pieter", "—"]
    assert table.loc["—", "total"] == 2
    assert table.index.tolist() == plan_hours_by_manager(odd, default_plan()).index.tolist()


def test_segments_per_account_manager_without_known_hours():
    """No hours known, or no hours column: no hours (NaN, not 0) and no customer with hours."""
    expected = _by_manager(
        {"An": [1, 1, 0, 2, 0], "Pieter": [0, 1, 1, 2, 0], "—": [0, 0, 1, 1, 0]},
        [np.nan, np.nan, np.nan],
    )
    assert_frame_equal(segments_by_manager(SEGMENTED.assign(hours=np.nan)), expected)
    assert_frame_equal(segments_by_manager(SEGMENTED.drop(columns="hours")), expected)


def test_segments_per_account_manager_without_managers_is_empty():
    """No account_manager column: an empty table with the columns and their types."""
    expected = _by_manager({}, [])
    expected.index = pd.Index([], dtype="str", name="account_manager")
    assert_frame_equal(segments_by_manager(SEGMENTED.drop(columns="account_manager")), expected)
    assert list(segments_by_manager(SEGMENTED.iloc[:0]).columns) == list(expected.columns)


@st.composite
def segmented_customers(draw):
    n = draw(st.integers(min_value=0, max_value=30))
    managers = st.sampled_from(["An", "Pieter", "sofie", "Émile", "", None])
    hours = st.one_of(st.none(), st.floats(min_value=0, max_value=5_000, allow_nan=False))
    return pd.DataFrame(
        {
            "customer_id": [str(i) for i in range(n)],
            "revenue": [1_000.0] * n,
            "segment": draw(st.lists(st.sampled_from(SEGMENTS), min_size=n, max_size=n)),
            "hours": pd.Series(draw(st.lists(hours, min_size=n, max_size=n)), dtype="float64"),
            "account_manager": draw(st.lists(managers, min_size=n, max_size=n)),
        }
    )


@settings(max_examples=150, deadline=None)
@given(segmented_customers())
def test_segments_per_account_manager_add_up(segmented):
    """Each row's A + B + C is its total; each segment's column adds up to the customers in
    that segment, the totals to every customer, and the hours to the known hours."""
    table = segments_by_manager(segmented)
    assert (table[list(SEGMENTS)].sum(axis=1) == table["total"]).all()
    counts = segmented["segment"].value_counts()
    assert table[list(SEGMENTS)].sum().tolist() == [int(counts.get(s, 0)) for s in SEGMENTS]
    assert int(table["total"].sum()) == len(segmented)
    assert int(table["customers_with_hours"].sum()) == int(segmented["hours"].notna().sum())
    assert (table["customers_with_hours"] <= table["total"]).all()
    assert table["hours_today"].isna().tolist() == (table["customers_with_hours"] == 0).tolist()
    assert table["hours_today"].sum() == pytest.approx(segmented["hours"].sum())
    assert table.index.is_unique and table.index.is_monotonic_increasing
