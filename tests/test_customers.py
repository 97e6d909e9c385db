"""The canonical customer table."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib import InputError, customer_table
from klantlib.errors import Notice
from klantlib.i18n import text
from tests.conftest import customers_frame


def test_sorted_by_revenue_largest_first_ties_by_id():
    """Largest revenue first; equal revenues in customer id order."""
    table = customer_table(
        customers_frame([("b", "B", 5), ("c", "C", 9), ("a", "A", 5), ("d", "D", 1)])
    )
    assert list(table["customer_id"]) == ["c", "a", "b", "d"]
    assert list(table.index) == [0, 1, 2, 3]


def test_leading_zeros_are_kept_and_ids_are_text():
    """'007' stays '007' and ids are text."""
    table = customer_table(customers_frame([("007", "Bond", "100")]))
    assert table.loc[0, "customer_id"] == "007"
    assert pd.api.types.is_string_dtype(table["customer_id"])


def test_whole_number_ids_from_a_spreadsheet_lose_their_decimal_point():
    """An id read as 17.0 by a spreadsheet becomes '17'."""
    table = customer_table(customers_frame([(17.0, "X", 1.0)]))
    assert table.loc[0, "customer_id"] == "17"


def test_revenue_text_becomes_a_number():
    """'12500.50' becomes 12500.5."""
    table = customer_table(customers_frame([("1", "A", " 12500.50 ")]))
    assert table.loc[0, "revenue"] == 12500.5
    assert table["revenue"].dtype == "float64"


def test_callers_frame_is_not_changed(five_customers):
    """The input DataFrame keeps its order, dtypes and values."""
    before = five_customers.copy()
    customer_table(five_customers)
    assert_frame_equal(five_customers, before)


def test_optional_columns_are_kept_and_typed():
    """Hours become numbers (empty is unknown); unknown extra columns stay as they are."""
    frame = customers_frame(
        [("1", "A", 10), ("2", "B", 20)],
        hours=["12.5", ""],
        account_manager=["An", None],
        region=["Gent", "Brugge"],
    )
    table = customer_table(frame)
    assert list(table.columns) == [
        "customer_id",
        "name",
        "revenue",
        "hours",
        "account_manager",
        "region",
    ]
    assert table.loc[0, "hours"] is not None and math.isnan(table.loc[0, "hours"])
    assert table.loc[1, "hours"] == 12.5
    assert list(table["region"]) == ["Brugge", "Gent"]


def test_missing_column_lists_the_columns_that_are_there():
    """A missing revenue column names itself and the columns present."""
    frame = pd.DataFrame({"customer_id": ["1"], "name": ["A"], "omzet": ["5"]})
    with pytest.raises(InputError) as caught:
        customer_table(frame)
    missing = Notice(
        "error.missing_columns",
        {"missing": ["revenue"], "present": ["customer_id", "name", "omzet"]},
    )
    assert caught.value.message("en") == missing.message("en")
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("nl") == (
        "De kolom revenue ontbreekt. Aanwezige kolommen: customer_id, name, omzet."
    )


def test_text_in_revenue_names_row_column_and_value():
    """Text in the revenue column is named by spreadsheet row (header = row 1)."""
    frame = customers_frame([("1", "A", "100"), ("2", "B", "veel")])
    with pytest.raises(InputError) as caught:
        customer_table(frame)
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("en") == (
        "row 3, column 'revenue': 'veel' is not an amount"
        " (write e.g. 12500.50, without a currency sign)"
    )


def test_all_problems_come_in_one_message():
    """Empty id, repeated id, empty name and empty revenue are all reported at once."""
    frame = customers_frame(
        [("1", "A", "1"), ("", "B", "2"), ("1", "C", "3"), ("4", "", "4"), ("5", "E", "")]
    )
    with pytest.raises(InputError) as caught:
        customer_table(frame)
    message = caught.value.message("en")
    assert len(caught.value.problems) == 4
    assert text("error.missing_value", "en", row=3, column="customer_id") in message
    repeated = text("error.duplicate_id", "en", row=4, column="customer_id", value="1", first_row=2)
    assert repeated in message
    assert text("error.missing_value", "en", row=5, column="name") in message
    assert text("error.missing_value", "en", row=6, column="revenue") in message


def test_more_than_ten_problems_lists_ten_and_a_count():
    """Twelve bad amounts: ten listed, then '… and 2 more'."""
    frame = customers_frame([(str(i), f"K{i}", "x") for i in range(12)])
    with pytest.raises(InputError) as caught:
        customer_table(frame)
    lines = caught.value.message("en").splitlines()
    assert lines[0] == text("error.problems", "en", source="", count=12, lines="").rstrip("\n")
    assert len(lines) == 12
    assert lines[-1] == "- " + text("error.more_problems", "en", count=2)


def test_empty_customer_list_is_an_error():
    """A header without rows says there is no customer."""
    with pytest.raises(InputError) as caught:
        customer_table(customers_frame([]).astype(str))
    assert caught.value.message("nl") == text("error.no_customers", "nl")
