"""How revenue is spread over customers: the top 20%, running shares, the sentence about it."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from klantlib import (
    InputError,
    KlantlibError,
    ParetoPoint,
    customer_shares,
    customer_table,
    pareto_line,
    pareto_point,
    top_share,
)
from klantlib.core.pareto import top_count
from tests.conftest import customers_frame


def ten_customers() -> pd.DataFrame:
    """Revenues 10 000, 9 000, … 1 000 (total 55 000), shuffled."""
    rows = [(f"{i:02d}", f"Klant {i}", 1_000.0 * (11 - i)) for i in range(1, 11)]
    return customers_frame(rows[5:] + rows[:5])


@pytest.mark.parametrize(
    ("total", "expected"),
    [(1, 1), (2, 1), (3, 1), (5, 1), (7, 1), (8, 2), (10, 2), (12, 2), (13, 3), (48, 10)],
)
def test_top_20_percent_is_rounded_to_the_nearest_customer_and_at_least_one(total, expected):
    """20% of n rounds to the nearest whole customer (48 -> 9.6 -> 10) and is never zero."""
    assert top_count(total) == expected


def test_a_half_customer_rounds_up():
    """30% of 5 customers is 1.5, which counts as 2 (no binary-float surprise)."""
    assert top_count(5, 0.3) == 2
    assert top_count(3, 0.5) == 2


def test_the_whole_list_is_everyone():
    """A share of 1 means every customer."""
    assert top_count(7, 1) == 7


@pytest.mark.parametrize("share", [0, -0.2, 1.5, True, "0.2"])
def test_a_share_outside_zero_to_one_is_refused_in_plain_words(share):
    """0, negative, above 1 or not a number: a kit error in both languages."""
    with pytest.raises(KlantlibError) as caught:
        top_count(10, share)
    assert caught.value.message("en").startswith("The share of customers must lie between 0")
    assert caught.value.message("nl").startswith("Het aandeel van de klanten moet tussen 0")


def test_top_share_of_ten_customers():
    """The largest 2 of 10 bring 19 000 of 55 000."""
    assert top_share(ten_customers()) == pytest.approx(19_000 / 55_000)


def test_top_share_does_not_depend_on_the_row_order():
    """Shuffled or sorted, the same share."""
    table = ten_customers()
    reversed_table = table.iloc[::-1].reset_index(drop=True)
    assert top_share(table) == top_share(reversed_table)


def test_one_customer_brings_everything():
    """With one customer, the top 20% is that customer and 100% of revenue."""
    point = pareto_point(customers_frame([("1", "Enige", 500.0)]))
    assert (point.customers, point.total_customers, point.revenue_share) == (1, 1, 1.0)


def test_negative_revenue_counts_as_zero():
    """A customer at -400 (credit notes) does not raise the others' share above 100%."""
    table = customers_frame([("a", "A", 600.0), ("b", "B", 400.0), ("c", "C", -400.0)])
    assert top_share(table) == pytest.approx(0.6)
    assert top_share(table, 1) == pytest.approx(1.0)


def test_no_positive_revenue_gives_zero_shares():
    """Only zeros and credit notes: every share is 0, not a division by zero."""
    table = customers_frame([("a", "A", 0.0), ("b", "B", -10.0)])
    assert top_share(table) == 0.0
    assert customer_shares(table)["cumulative_share"].tolist() == [0.0, 0.0]


def test_point_reports_count_revenue_and_totals():
    """The top 20% of ten customers: 2 customers, 19 000 of 55 000."""
    point = pareto_point(ten_customers())
    assert point == ParetoPoint(
        customer_share=0.2,
        customers=2,
        total_customers=10,
        revenue=19_000.0,
        total_revenue=55_000.0,
    )
    assert point.actual_customer_share == 0.2


def test_customer_shares_adds_rank_share_and_running_share():
    """Largest first, ties by id; each share and the running total, negatives as 0."""
    table = customers_frame([("b", "B", 25.0), ("c", "C", -5.0), ("a", "A", 25.0), ("d", "D", 50)])
    shares = customer_shares(table)
    expected = pd.DataFrame(
        {
            "rank": pd.Series([1, 2, 3, 4], dtype="int64"),
            "customer_id": pd.Series(["d", "a", "b", "c"], dtype="string"),
            "name": ["D", "A", "B", "C"],
            "revenue": [50.0, 25.0, 25.0, -5.0],
            "revenue_share": [0.5, 0.25, 0.25, 0.0],
            "cumulative_share": [0.5, 0.75, 1.0, 1.0],
            "customer_share": [0.25, 0.5, 0.75, 1.0],
        }
    )
    assert_frame_equal(shares, expected, check_dtype=False)
    assert shares["rank"].dtype == "int64"


def test_customer_shares_leaves_the_callers_table_alone():
    """The input keeps its order and columns."""
    table = ten_customers()
    before = table.copy()
    customer_shares(table)
    assert_frame_equal(table, before)


def test_a_table_without_revenue_names_the_missing_column():
    """No revenue column: the error lists what is there."""
    with pytest.raises(InputError) as caught:
        top_share(pd.DataFrame({"customer_id": ["1"], "name": ["A"]}))
    assert caught.value.message("en") == (
        "Column revenue missing. Columns present: customer_id, name."
    )


def test_an_empty_table_is_refused():
    """No customers: the kit says the list is empty."""
    with pytest.raises(InputError) as caught:
        top_share(customers_frame([]))
    assert [p.key for p in caught.value.problems] == ["error.no_customers"]


@given(st.lists(st.floats(-1e6, 1e7, allow_nan=False), min_size=1, max_size=60))
def test_running_share_never_falls_and_ends_at_one_or_zero(revenues):
    """Whatever the revenues, the running share rises to 100% (or stays 0 with no revenue)."""
    table = customers_frame([(f"{i:03d}", f"K{i}", r) for i, r in enumerate(revenues)])
    cumulative = customer_shares(table)["cumulative_share"]
    assert cumulative.is_monotonic_increasing
    assert cumulative.between(0, 1).all()
    positive = sum(r for r in revenues if r > 0)
    assert cumulative.iloc[-1] == pytest.approx(1.0 if positive > 0 else 0.0)
    assert 0.0 <= top_share(table) <= 1.0


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "De grootste 20% van de klanten (2 van 10) brengt 34,5% van de omzet binnen."),
        ("en", "The largest 20% of customers (2 of 10) bring in 34.5% of revenue."),
    ],
)
def test_pareto_line_in_each_language(lang, expected):
    """The sentence under the chart, with the count and the share written the language's way."""
    assert pareto_line(ten_customers(), lang) == expected


def test_pareto_line_for_another_share_and_thousands():
    """A point for the top 12.5% of 2 000 customers: 250 of 2.000 in Dutch."""
    table = customer_table(customers_frame([(f"{i:04d}", f"K{i}", 1.0) for i in range(2_000)]))
    line = pareto_line(pareto_point(table, 0.125), "nl")
    assert line == (
        "De grootste 12,5% van de klanten (250 van 2.000) brengt 12,5% van de omzet binnen."
    )
