"""Properties of the method that must hold for any customers and answers (hypothesis)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from klantlib import (
    BANDS,
    QUESTIONS,
    SCORES,
    SEGMENTS,
    KlantlibError,
    SegmentGrid,
    Thresholds,
    assign_bands,
    customer_table,
    segment_customers,
    suggest_cumulative_share,
    suggest_natural_breaks,
    suggest_thirds,
)

RANK = {"A": 2, "B": 1, "C": 0}
revenues = st.floats(min_value=-1e5, max_value=1e8, allow_nan=False).map(lambda r: round(r, 2))
answers = st.sampled_from(["yes", "no", "unknown"])


@st.composite
def customers_and_answers(draw, min_size=1):
    n = draw(st.integers(min_value=min_size, max_value=40))
    ids = draw(
        st.lists(st.from_regex(r"[0-9]{1,5}", fullmatch=True), min_size=n, max_size=n, unique=True)
    )
    customers = pd.DataFrame(
        {
            "customer_id": ids,
            "name": [f"K{i}" for i in ids],
            "revenue": draw(st.lists(revenues, min_size=n, max_size=n)),
        }
    )
    given_answers = pd.DataFrame({"customer_id": ids})
    for question in QUESTIONS:
        given_answers[question] = draw(st.lists(answers, min_size=n, max_size=n))
    return customers, given_answers


amounts = st.floats(min_value=0, max_value=1e8, allow_nan=False).map(lambda r: round(r, 2))
thresholds = st.tuples(amounts, amounts).filter(lambda t: t[0] < t[1]).map(lambda t: Thresholds(*t))


def grids():
    row = st.text(alphabet="ABC", min_size=5, max_size=5)
    return st.tuples(row, row, row).map(SegmentGrid.from_rows)


@given(grids())
def test_every_grid_cell_maps_to_exactly_one_segment(grid):
    """Each band × score gives one of A, B, C."""
    for band in BANDS:
        for s in SCORES:
            assert grid.segment(band, s) in SEGMENTS


@given(customers_and_answers(), thresholds)
def test_large_is_never_c_with_the_default_grid(data, chosen):
    """With the default grid a large customer is A or B, whatever the answers."""
    customers, given_answers = data
    result = segment_customers(customers, given_answers, thresholds=chosen)
    large = result.segments[result.segments["band"] == "large"]
    assert set(large["segment"]) <= {"A", "B"}


@given(customers_and_answers(), thresholds)
def test_bands_partition_the_customers(data, chosen):
    """Every customer is in exactly one band, matching the threshold rule."""
    customers, _ = data
    banded = assign_bands(customer_table(customers), chosen)
    assert len(banded) == len(customers)
    for revenue, band in zip(banded["revenue"], banded["band"].astype(str), strict=True):
        assert band == (
            "large" if revenue >= chosen.high else "medium" if revenue >= chosen.low else "small"
        )


@given(customers_and_answers(), thresholds, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_row_order(data, chosen, random):
    """Shuffling customers and answers gives the same segment table."""
    customers, given_answers = data
    order = list(range(len(customers)))
    random.shuffle(order)
    first = segment_customers(customers, given_answers, thresholds=chosen).segments
    second = segment_customers(
        customers.iloc[order], given_answers.iloc[order[::-1]], thresholds=chosen
    ).segments
    assert_frame_equal(first, second)


@given(customers_and_answers(), thresholds, st.data())
def test_more_revenue_or_a_yes_never_lowers_a_segment(data, chosen, draw):
    """Raising one customer's revenue or turning an answer into yes never lowers its segment."""
    customers, given_answers = data
    position = draw.draw(st.integers(0, len(customers) - 1))
    cid = customers["customer_id"].iloc[position]
    before = segment_customers(customers, given_answers, thresholds=chosen).segments
    richer = customers.copy()
    richer.loc[richer.index[position], "revenue"] += abs(draw.draw(revenues))
    keener = given_answers.copy()
    keener.loc[keener.index[position], draw.draw(st.sampled_from(QUESTIONS))] = "yes"
    for changed in (
        segment_customers(richer, given_answers, thresholds=chosen).segments,
        segment_customers(customers, keener, thresholds=chosen).segments,
    ):
        old = before.set_index("customer_id").loc[cid, "segment"]
        new = changed.set_index("customer_id").loc[cid, "segment"]
        assert RANK[new] >= RANK[old]


@settings(max_examples=60)
@given(customers_and_answers(min_size=3))
def test_suggestions_give_valid_thresholds_and_three_filled_bands(data):
    """Every suggestion gives increasing, non-negative thresholds and no empty band."""
    customers, _ = data
    table = customer_table(customers)
    for suggest in (suggest_cumulative_share, suggest_thirds, suggest_natural_breaks):
        try:
            chosen = suggest(table)
        except KlantlibError as error:
            assert error.notice.key == "error.too_few_for_suggestion"
            assert table.loc[table["revenue"] > 0, "revenue"].nunique() < 3
            continue
        banded = assign_bands(table, chosen)
        assert set(banded["band"].astype(str)) == set(BANDS), (suggest.__name__, chosen)
