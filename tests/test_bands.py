"""Revenue bands and the threshold suggestions."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib import (
    KlantlibError,
    Thresholds,
    assign_bands,
    band_summary,
    customer_table,
    empty_band_notices,
    suggest_cumulative_share,
    suggest_natural_breaks,
    suggest_thirds,
)
from klantlib.i18n import text
from tests.conftest import customers_frame


def bands_of(customers: pd.DataFrame, thresholds: Thresholds) -> dict[str, str]:
    banded = assign_bands(customer_table(customers), thresholds)
    return dict(zip(banded["customer_id"], banded["band"].astype(str), strict=True))


def test_customer_on_a_threshold_goes_up(five_customers):
    """Exactly 10,000 is medium and exactly 50,000 is large; a cent less stays below."""
    assert bands_of(five_customers, Thresholds(10_000, 50_000)) == {
        "001": "large",
        "002": "large",
        "003": "medium",
        "004": "small",
        "005": "small",
    }


def test_assign_bands_returns_a_copy(five_customers):
    """The table passed in gets no band column."""
    table = customer_table(five_customers)
    before = table.copy()
    assign_bands(table, Thresholds(10_000, 50_000))
    assert_frame_equal(table, before)


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        # literal on purpose: the wording is what the user reads
        (-1, 50_000, "A revenue threshold cannot be negative (got -€1)."),
        (
            50_000,
            10_000,
            text("error.thresholds_not_increasing", "en", high="€10,000", low="€50,000"),
        ),
        (
            10_000,
            10_000,
            text("error.thresholds_not_increasing", "en", high="€10,000", low="€10,000"),
        ),
    ],
)
def test_bad_thresholds_are_clear_errors(low, high, message):
    """Negative or not increasing thresholds say what is wrong, with amounts in euro."""
    with pytest.raises(KlantlibError) as caught:
        Thresholds(low, high)
    assert caught.value.message("en") == message


def test_dutch_threshold_message_writes_amounts_the_flemish_way():
    """In Dutch the amounts read '€ 50.000'."""
    with pytest.raises(KlantlibError) as caught:
        Thresholds(50_000, 10_000)
    assert "(€ 10.000)" in caught.value.message("nl")


def test_empty_band_is_a_warning_not_an_error(five_customers):
    """Thresholds above everyone leave medium and large empty: two warnings."""
    banded = assign_bands(customer_table(five_customers), Thresholds(100_000, 200_000))
    notices = empty_band_notices(banded)
    assert [n.message("nl") for n in notices] == [
        text("warning.empty_band", "nl", band=text("band.medium", "nl")),
        text("warning.empty_band", "nl", band=text("band.large", "nl")),
    ]


def test_band_summary_counts_revenue_and_share(five_customers):
    """Per band, large first: customers, revenue, share of revenue."""
    banded = assign_bands(customer_table(five_customers), Thresholds(10_000, 50_000))
    expected = pd.DataFrame(
        {
            "customers": [2, 1, 2],
            "revenue": [110_000.0, 10_000.0, 10_099.99],
            "revenue_share": [110_000 / 130_099.99, 10_000 / 130_099.99, 10_099.99 / 130_099.99],
        },
        index=pd.Index(["large", "medium", "small"], name="band"),
    )
    assert_frame_equal(band_summary(banded), expected)


def pareto_customers() -> pd.DataFrame:
    revenues = [
        500_000,
        200_000,
        100_000,
        60_000,
        40_000,
        20_000,
        15_000,
        10_000,
        8_000,
        5_000,
        3_000,
        2_000,
        1_000,
        500,
    ]
    return customers_frame([(f"{i:03d}", f"K{i}", r) for i, r in enumerate(revenues)])


def test_cumulative_share_puts_the_crossing_customer_in_large():
    """Large until 80% of revenue is reached (the crossing customer included), medium to 95%."""
    # total 964,500: 500k+200k = 72.6% < 80%, so 100k is still large (crosses to 83%)
    # then 60k (89.6%), 40k (93.8%), 20k (95.9%) cross 95%: 20k is medium, 15k is small
    thresholds = suggest_cumulative_share(pareto_customers())
    assert thresholds == Thresholds(low=20_000, high=100_000)
    summary = band_summary(assign_bands(customer_table(pareto_customers()), thresholds))
    assert list(summary["customers"]) == [3, 3, 8]


def test_suggested_thresholds_are_round_but_split_the_same_customers():
    """Between 47,900 and 48,213.17 the suggestion picks 48,000; above 1,000 it picks 1,200."""
    customers = customers_frame(
        [
            ("1", "A", 400_000),
            ("2", "B", 48_213.17),
            ("3", "C", 47_900),
            ("4", "D", 1_234.5),
            ("5", "E", 1_000),
        ]
    )
    thresholds = suggest_thirds(customers)
    banded = assign_bands(customer_table(customers), thresholds)
    assert list(banded["band"].astype(str)) == ["large", "large", "medium", "medium", "small"]
    assert thresholds == Thresholds(low=1_200, high=48_000)


def test_thirds_by_count_splits_nine_customers_three_three_three():
    """Nine different revenues give three customers in each band."""
    customers = customers_frame([(str(i), f"K{i}", 1000 * (i + 1)) for i in range(9)])
    thresholds = suggest_thirds(customers)
    summary = band_summary(assign_bands(customer_table(customers), thresholds))
    assert list(summary["customers"]) == [3, 3, 3]
    assert thresholds == Thresholds(low=4_000, high=7_000)


def test_ties_on_a_boundary_move_up_together():
    """Customers with equal revenue always share a band."""
    customers = customers_frame(
        [
            ("1", "A", 900),
            ("2", "B", 500),
            ("3", "C", 500),
            ("4", "D", 500),
            ("5", "E", 100),
            ("6", "F", 50),
        ]
    )
    banded = assign_bands(customer_table(customers), suggest_thirds(customers))
    assert banded.groupby("revenue")["band"].nunique().max() == 1
    assert set(banded["band"].astype(str)) == {"small", "medium", "large"}


def test_natural_breaks_separate_obvious_groups():
    """Three clear clusters of revenue come out as the three bands."""
    revenues = [1_000, 1_200, 1_100, 900, 20_000, 21_000, 19_500, 250_000, 260_000]
    customers = customers_frame([(str(i), f"K{i}", r) for i, r in enumerate(revenues)])
    thresholds = suggest_natural_breaks(customers)
    summary = band_summary(assign_bands(customer_table(customers), thresholds))
    assert list(summary["customers"]) == [2, 3, 4]
    assert thresholds == Thresholds(low=10_000, high=200_000)


def test_natural_breaks_on_many_customers_is_deterministic():
    """Above 5,000 customers the sampled breaks give the same answer twice."""
    revenues = [round(1.07 ** (i % 170) * 100, 2) for i in range(12_000)]
    customers = customers_frame([(f"{i:05d}", f"K{i}", r) for i, r in enumerate(revenues)])
    assert suggest_natural_breaks(customers) == suggest_natural_breaks(customers)


def test_too_few_different_revenues_cannot_be_split_in_three():
    """Two distinct revenues: a clear error asking the team to choose."""
    customers = customers_frame([("1", "A", 5), ("2", "B", 5), ("3", "C", 9)])
    for suggest in (suggest_cumulative_share, suggest_thirds, suggest_natural_breaks):
        with pytest.raises(KlantlibError) as caught:
            suggest(customers)
        assert caught.value.message("en") == text("error.too_few_for_suggestion", "en", count=2)


def test_shares_must_add_up_to_one():
    """Shares of 70/20/20 are refused with the shares named."""
    with pytest.raises(KlantlibError) as caught:
        suggest_cumulative_share(pareto_customers(), shares=(0.7, 0.2, 0.2))
    assert "0.7, 0.2, 0.2" in caught.value.message("en")


def test_customers_without_positive_revenue_are_small_in_every_suggestion():
    """Zero and negative revenues stay out of the split and land in small."""
    customers = customers_frame(
        [
            ("1", "A", 90_000),
            ("2", "B", 30_000),
            ("3", "C", 5_000),
            ("4", "D", 0),
            ("5", "E", -1_500),
        ]
    )
    for suggest in (suggest_cumulative_share, suggest_thirds, suggest_natural_breaks):
        thresholds = suggest(customers)
        assert thresholds.low > 0
        banded = assign_bands(customer_table(customers), thresholds)
        assert list(banded["band"].astype(str))[-2:] == ["small", "small"]
