"""The plan per segment: defaults, hours needed against hours today, warnings, storage."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from klantlib.core.plan import (
    SegmentPlan,
    default_plan,
    favourites_by_segment,
    plan_from_table,
    plan_hours,
    plan_hours_by_manager,
    plan_notices,
    plan_table,
)
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
