"""The answer sheet: filters, progress, next unanswered, score and segment, without widgets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klantlib.core.answering import AnswerSheet, Progress, SheetFilter
from klantlib.core.bands import Thresholds
from klantlib.core.questions import QUESTIONS
from klantlib.core.segments import SegmentGrid

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["1", "2", "3", "4"],
        "name": ["Brouwerij Mattheeuws", "Bakkerij Peeters", "Café Sport", "Slagerij Maes"],
        "revenue": [90_000.0, 20_000.0, 5_000.0, 1_000.0],
    }
)
THRESHOLDS = Thresholds(10_000, 50_000)
FIELDS = (*QUESTIONS, "note", "favourite", "time")


def current(rows: dict[str, dict[str, str]]) -> pd.DataFrame:
    """A participant's current values as Session.current gives them."""
    table = pd.DataFrame(
        [
            {"customer_id": cid, **{f: values.get(f) for f in FIELDS}}
            for cid, values in rows.items()
        ],
        columns=["customer_id", *FIELDS],
    )
    return table.astype("string")


def sheet(rows: dict[str, dict[str, str]] | None = None) -> AnswerSheet:
    return AnswerSheet(
        CUSTOMERS, current(rows or {}), thresholds=THRESHOLDS, grid=SegmentGrid.default()
    )


ALL_NO = dict.fromkeys(QUESTIONS, "no")


def test_progress_counts_customers_with_four_answers_and_those_with_a_question_mark():
    """'?' is an answer but an open question; three answers of four is not answered yet."""
    made = sheet(
        {
            "1": ALL_NO,
            "2": {**ALL_NO, "network": "unknown"},
            "3": {"margin": "yes", "cashflow": "yes", "innovation": "yes"},
        }
    )
    assert made.progress() == Progress(answered=2, open=1, total=4)


def test_setting_a_value_updates_the_progress_of_that_customer_only():
    made = sheet({"1": {"margin": "yes", "cashflow": "yes", "innovation": "yes"}})
    assert made.progress().answered == 0
    made.set(0, "network", "unknown")
    assert made.progress() == Progress(1, 1, 4)
    made.set(0, "network", "yes")
    assert made.progress() == Progress(1, 0, 4)
    made.set(0, "network", None)
    assert made.progress() == Progress(0, 0, 4)


def test_score_and_segment_follow_the_answers_and_the_band():
    """A large customer with two yes is A (points 2*2+2 = 6); unknown counts as no yes."""
    made = sheet({"1": {"margin": "yes", "cashflow": "yes", "innovation": "unknown"}})
    assert made.bands.tolist() == ["large", "medium", "small", "small"]
    assert (made.score(0), made.missing(0), made.segment(0)) == (2, 1, "A")
    assert (made.score(3), made.missing(3), made.segment(3)) == (0, 4, "C")


def test_filters_by_band_unanswered_favourite_and_search():
    made = sheet({"1": ALL_NO, "3": {"favourite": "yes"}})
    assert made.matching(SheetFilter(band="small")).tolist() == [2, 3]
    assert made.matching(SheetFilter(unanswered=True)).tolist() == [1, 2, 3]
    assert made.matching(SheetFilter(favourites=True)).tolist() == [2]
    assert made.matching(SheetFilter(search="ERIJ")).tolist() == [0, 1, 3]
    assert made.matching(SheetFilter(search=" 4 ")).tolist() == [3]
    assert made.matching(SheetFilter(band="large", unanswered=True)).size == 0


def test_next_unanswered_goes_on_from_the_customer_shown_then_from_the_top():
    made = sheet({"2": ALL_NO, "3": ALL_NO})
    assert made.next_unanswered(0) == 3
    assert made.next_unanswered(3) == 0
    for position in (0, 3):
        for question in QUESTIONS:
            made.set(position, question, "yes")
    assert made.next_unanswered(1) is None


def test_values_of_customers_no_longer_in_the_list_are_left_out():
    """A session's history may name a customer the sheet does not show: it is ignored."""
    made = sheet({"99": ALL_NO, "2": {"note": "belt veel"}})
    assert made.value(1, "note") == "belt veel"
    assert made.progress().answered == 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from(QUESTIONS),
            st.sampled_from(["yes", "no", "unknown", None]),
        ),
        max_size=40,
    )
)
def test_incremental_progress_equals_counting_afresh(changes):
    """After any sequence of changes, the counts kept per change equal a fresh count."""
    made = sheet()
    for position, question, value in changes:
        made.set(position, question, value)
    values = {made.ids[p]: {q: made.value(p, q) for q in QUESTIONS} for p in range(len(made))}
    fresh = sheet(
        {cid: {q: v for q, v in row.items() if v is not None} for cid, row in values.items()}
    )
    assert made.progress() == fresh.progress()
    answered = np.array([all(v is not None for v in row.values()) for row in values.values()])
    assert (
        made.matching(SheetFilter(unanswered=True)).tolist() == np.flatnonzero(~answered).tolist()
    )


@pytest.mark.parametrize("band", ["small", "medium", "large"])
def test_every_band_filter_keeps_customer_order(band):
    made = sheet()
    positions = made.matching(SheetFilter(band=band))
    assert positions.tolist() == sorted(positions.tolist())
    assert set(made.bands[positions]) <= {band}
