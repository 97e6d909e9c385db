"""The share-of-total suggestion (large from X% of total revenue, medium from a tenth of that),
and reading the potential revenue as revenue."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from klantlib.core.bands import (
    BANDS,
    SHARE_OF_TOTAL_MEDIUM,
    Thresholds,
    assign_bands,
    empty_band_notices,
    suggest_share_of_total,
    with_potential_as_revenue,
)
from klantlib.core.customers import customer_table
from klantlib.errors import KlantlibError
from tests.conftest import customers_frame


def table_of(revenues: list[float]) -> pd.DataFrame:
    return customers_frame([(f"{i:03d}", f"K{i}", r) for i, r in enumerate(revenues)])


# Total 100,000: 2% is 2,000 and a tenth of that 200.
HUNDRED_THOUSAND = [40_000, 25_000, 12_000, 8_000, 6_000, 3_100, 2_500, 1_500, 900, 600, 300, 100]


def bands(customers: pd.DataFrame, thresholds: Thresholds) -> list[str]:
    return list(assign_bands(customers, thresholds)["band"].astype(str))


def test_large_from_two_percent_of_the_total_and_medium_from_a_tenth_of_that():
    """2% of 100,000 is 2,000: seven customers are large; from 200 medium; 100 is small."""
    customers = table_of(HUNDRED_THOUSAND)
    thresholds = suggest_share_of_total(customers)
    assert thresholds == Thresholds(low=200, high=2_000)
    assert bands(customers, thresholds) == ["large"] * 7 + ["medium"] * 4 + ["small"]


def test_another_share_moves_both_lines():
    """5% of 100,000: large from 5,000 (rounded within 3,100 and 5,000), medium from 500."""
    thresholds = suggest_share_of_total(table_of(HUNDRED_THOUSAND), 0.05)
    assert thresholds == Thresholds(low=500, high=5_000)


def test_thresholds_are_rounded_down_without_moving_a_customer():
    """15% of 21,800 is 3,270; nobody lies between 3,210 and that line, so large starts at
    3,250; the medium line 327 becomes 200 (nobody between 150 and 327)."""
    customers = table_of([9_000, 5_000, 3_210, 2_960, 1_000, 400, 150, 80])
    thresholds = suggest_share_of_total(customers, 0.15)
    assert thresholds == Thresholds(low=200, high=3_250)
    assert bands(customers, thresholds) == ["large"] * 2 + ["medium"] * 4 + ["small"] * 2


def test_a_customer_exactly_on_the_line_is_large():
    """Exactly 2% of the total goes up, as a customer on any threshold does."""
    customers = table_of([47_000, 1_000, 1_000, 500, 300, 200])  # total 50,000: 2% = 1,000
    thresholds = suggest_share_of_total(customers)
    assert thresholds.high == 1_000
    assert bands(customers, thresholds)[:3] == ["large", "large", "large"]


def test_an_empty_small_band_is_allowed_and_warned_about():
    """At 1% (1,000) everyone from 100 up is medium or large: small is empty, and said so."""
    customers = table_of(HUNDRED_THOUSAND)
    thresholds = suggest_share_of_total(customers, 0.01)
    assert thresholds == Thresholds(low=100, high=1_000)
    notices = empty_band_notices(assign_bands(customers, thresholds))
    assert [n.message("en") for n in notices] == [
        "Band 'small' is empty: no customer falls in it with these thresholds."
    ]


def test_customers_without_positive_revenue_count_as_zero_and_stay_small():
    """Credit notes outweighing invoices do not lower the total; those customers are small."""
    plain = table_of(HUNDRED_THOUSAND)
    with_credit = table_of([*HUNDRED_THOUSAND, 0, -5_000])
    assert suggest_share_of_total(with_credit) == suggest_share_of_total(plain)
    assert bands(with_credit, suggest_share_of_total(with_credit))[-2:] == ["small", "small"]


@pytest.mark.parametrize("share", [0, 1, -0.02, 2, 1.5, math.nan, True, "0.02", None])
def test_a_share_outside_zero_and_one_is_refused(share):
    """0, 100%, negative, 2 (meant as 2%?), NaN and non-numbers get one clear error."""
    with pytest.raises(KlantlibError) as caught:
        suggest_share_of_total(table_of(HUNDRED_THOUSAND), share)
    assert caught.value.notice.key == "error.share_of_total_range"


def test_the_range_message_shows_how_to_write_a_percentage():
    """The message says 2% is written 0.02, and shows what was given."""
    with pytest.raises(KlantlibError) as caught:
        suggest_share_of_total(table_of(HUNDRED_THOUSAND), 2)
    assert caught.value.message("en") == (
        "The share of total revenue must be above 0 and below 1, e.g. 0.02 for 2% (got 2)."
    )
    assert caught.value.message("nl") == (
        "Het aandeel van de totale omzet moet groter zijn dan 0 en kleiner dan 1, bv. 0.02 voor"
        " 2% (gekregen: 2)."
    )


def test_a_share_no_customer_reaches_is_a_clear_error():
    """50% of 100,000 when the largest brings 40,000: the amounts say why, and what to do."""
    with pytest.raises(KlantlibError) as caught:
        suggest_share_of_total(table_of(HUNDRED_THOUSAND), 0.5)
    assert caught.value.message("en") == (
        "No customer brings in €50,000 or more (that share of the total revenue of €100,000);"
        " the largest brings €40,000. Choose a smaller share or another suggestion."
    )
    assert caught.value.message("nl") == (
        "Geen enkele klant brengt € 50.000 of meer binnen (dat deel van de totale omzet van"
        " € 100.000); de grootste brengt € 40.000. Kies een kleiner aandeel of een ander voorstel."
    )


def test_a_share_every_customer_reaches_is_a_clear_error():
    """Three customers of about a third each are all above 2%: nothing to split."""
    with pytest.raises(KlantlibError) as caught:
        suggest_share_of_total(table_of([12_000, 10_000, 8_000]))
    assert caught.value.message("en") == (
        "Every customer brings in at least €600 (that share of the total revenue of €30,000;"
        " the smallest brings €8,000): then everyone is large. Choose a larger share or"
        " another suggestion."
    )


def test_too_few_different_revenues_is_the_same_error_as_for_the_other_suggestions():
    """Two different positive revenues cannot make three bands."""
    with pytest.raises(KlantlibError) as caught:
        suggest_share_of_total(table_of([5_000, 5_000, 100, 0]))
    assert caught.value.notice.key == "error.too_few_for_suggestion"


def test_the_customers_passed_in_are_not_changed():
    """The suggestion reads the table; it adds, sorts or drops nothing in it."""
    customers = table_of(HUNDRED_THOUSAND[::-1])
    before = customers.copy()
    suggest_share_of_total(customers)
    assert_frame_equal(customers, before)


# ---- potential revenue as revenue


def test_potential_revenue_takes_the_place_of_revenue():
    """The copy's revenue is the potential; a customer without one keeps its revenue."""
    customers = customers_frame(
        [("1", "A", 10_000.0), ("2", "B", 5_000.0), ("3", "C", 800.0)],
        potential_revenue=[25_000.0, None, 600.0],
    )
    before = customers.copy()
    looked_at = with_potential_as_revenue(customers)
    assert looked_at["revenue"].tolist() == [25_000.0, 5_000.0, 600.0]
    assert looked_at["potential_revenue"].tolist()[::2] == [25_000.0, 600.0]
    assert_frame_equal(customers, before)


def test_without_a_potential_column_the_error_lists_the_columns():
    """A table without potential revenue says so, naming the columns it has."""
    with pytest.raises(KlantlibError) as caught:
        with_potential_as_revenue(table_of([1.0, 2.0, 3.0]))
    assert caught.value.message("en") == (
        "This customer list has no potential revenue column (potential_revenue)."
        " Columns present: customer_id, name, revenue."
    )


# ---- properties

revenues = st.floats(min_value=-1e4, max_value=1e8, allow_nan=False).map(lambda r: round(r, 2))
shares = st.floats(min_value=1e-4, max_value=0.9999, allow_nan=False)


@st.composite
def customer_tables(draw) -> pd.DataFrame:
    values = draw(st.lists(revenues, min_size=3, max_size=40))
    return customer_table(table_of(values))


def exact_lines(customers: pd.DataFrame, share: float) -> tuple[float, float, np.ndarray]:
    """The rule's lines (to the cent, not rounded further) and the positive revenues."""
    positive = np.sort(customers["revenue"].to_numpy(dtype="float64"))[::-1]
    positive = positive[positive > 0]
    high_line = round(share * float(positive.sum()), 2) or share * float(positive.sum())
    low_line = round(high_line * SHARE_OF_TOTAL_MEDIUM, 2) or high_line * SHARE_OF_TOTAL_MEDIUM
    return high_line, low_line, positive


@settings(max_examples=150)
@given(customer_tables(), shares)
def test_the_split_is_exactly_the_rule_and_the_thresholds_never_ask_more(customers, share):
    """Large: every customer from the share of the total up; medium: from a tenth of that;
    the rounded thresholds are above 0 and not above those lines. Otherwise a named error."""
    high_line, low_line, positive = exact_lines(customers, share)
    try:
        chosen = suggest_share_of_total(customers, share)
    except KlantlibError as error:
        key = error.notice.key
        if key == "error.too_few_for_suggestion":
            assert len(np.unique(positive)) < 3
        elif key == "error.share_of_total_none_large":
            assert positive.max() < high_line
        else:
            assert key == "error.share_of_total_all_large"
            assert positive.min() >= high_line
        return
    assert 0 < chosen.low < chosen.high
    assert chosen.high <= high_line
    assert chosen.low <= low_line
    revenue = customers["revenue"].to_numpy(dtype="float64")
    expected = np.where(
        revenue >= high_line, "large", np.where(revenue >= low_line, "medium", "small")
    )
    assert bands(customers, chosen) == expected.tolist()
    assert "large" in expected and set(expected) <= set(BANDS)


@settings(max_examples=60)
@given(customer_tables(), shares, st.randoms(use_true_random=False))
def test_the_order_of_the_rows_does_not_matter(customers, share, random):
    """Shuffled rows give the same thresholds (or the same error)."""
    order = list(range(len(customers)))
    random.shuffle(order)
    shuffled = customers.iloc[order].reset_index(drop=True)

    def outcome(table: pd.DataFrame) -> object:
        try:
            return suggest_share_of_total(table, share)
        except KlantlibError as error:
            return error.notice.key

    assert outcome(shuffled) == outcome(customers)
