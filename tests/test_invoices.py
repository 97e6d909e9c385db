"""Invoice lines to revenue per customer: dates, period, credit notes, merging by name."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib.errors import InputError
from klantlib.i18n import text
from klantlib.ingest.invoices import Period, aggregate_invoice_lines, choose_period, parse_dates


@pytest.mark.parametrize(
    "written",
    [
        "31/12/2025",
        "31-12-2025",
        "31.12.2025",
        "2025-12-31",
        "31/12/2025 00:00",
        "2025-12-31T08:30:00",
        dt.date(2025, 12, 31),
        dt.datetime(2025, 12, 31, 14, 5),
    ],
)
def test_dates_as_exports_write_them(written):
    """Day-first text dates, ISO, a time after the date and real Excel dates all read."""
    parsed = parse_dates(pd.Series([written], dtype=object), column="Datum")
    assert parsed[0] == pd.Timestamp(2025, 12, 31)


def test_bad_dates_are_all_named_with_their_rows():
    """Two unreadable dates: one message naming rows 3 and 5."""
    values = pd.Series(["01/02/2025", "32/01/2025", "", "gisteren"], dtype=object)
    with pytest.raises(InputError) as caught:
        parse_dates(values, column="Factuurdatum")
    assert caught.value.message("en").splitlines()[1:] == [
        "- " + text("error.bad_date", "en", row=3, column="Factuurdatum", value="32/01/2025"),
        "- " + text("error.bad_date", "en", row=5, column="Factuurdatum", value="gisteren"),
    ]


def lines(rows):
    frame = pd.DataFrame(rows, columns=["customer_id", "name", "revenue", "date"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_credit_notes_subtract_and_other_years_are_left_out():
    """2025 revenue: 1000 - 200 for customer 007; the 2024 line does not count."""
    result = aggregate_invoice_lines(
        lines(
            [
                ("007", "Peeters", 1000.0, "2025-03-01"),
                ("007", "Peeters", -200.0, "2025-04-01"),
                ("008", "Maes", 50.5, "2025-12-31"),
                ("008", "Maes", 999.0, "2024-12-31"),
            ]
        ),
        Period.year(2025),
    )
    expected = pd.DataFrame(
        {"customer_id": ["007", "008"], "name": ["Peeters", "Maes"], "revenue": [800.0, 50.5]}
    )
    assert_frame_equal(result.customers, expected)
    assert (result.lines_used, result.lines_outside, result.credit_lines) == (3, 1, 1)


def test_an_id_keeps_customers_apart_and_the_most_used_name_is_shown():
    """Same id, two spellings: one customer under the name used most."""
    result = aggregate_invoice_lines(
        lines(
            [
                ("1", "Hotel Ter Duinen", 10.0, "2025-01-01"),
                ("1", "Hotel Ter Duinen bv", 10.0, "2025-01-02"),
                ("1", "Hotel Ter Duinen bv", 10.0, "2025-01-03"),
            ]
        ),
        Period.year(2025),
    )
    assert list(result.customers["name"]) == ["Hotel Ter Duinen bv"]
    assert result.merged_names == []


def test_without_ids_names_are_merged_ignoring_case_and_spaces_and_reported():
    """' Bakkerij  PEETERS' and 'Bakkerij Peeters' are one customer, and that is said."""
    frame = lines(
        [
            (None, "Bakkerij Peeters", 10.0, "2025-01-01"),
            (None, " bakkerij  PEETERS", 5.0, "2025-01-02"),
            (None, "Bakkerij Peeters", 1.0, "2025-01-03"),
            (None, "Maes", 2.0, "2025-01-03"),
        ]
    ).drop(columns="customer_id")
    result = aggregate_invoice_lines(frame, Period.year(2025))
    assert list(result.customers["name"]) == ["Bakkerij Peeters", "Maes"]
    assert list(result.customers["revenue"]) == [16.0, 2.0]
    assert list(result.customers["customer_id"]) == ["N1", "N2"]
    assert result.merged_names == [("Bakkerij Peeters", ["Bakkerij Peeters", "bakkerij PEETERS"])]


def test_a_date_range_counts_both_ends():
    """From 1 April to 30 June: lines on both days count."""
    result = aggregate_invoice_lines(
        lines(
            [
                ("1", "A", 1.0, "2025-04-01"),
                ("1", "A", 2.0, "2025-06-30"),
                ("1", "A", 4.0, "2025-07-01"),
            ]
        ),
        Period(dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    )
    assert list(result.customers["revenue"]) == [3.0]


def test_several_years_without_a_choice_lists_the_years():
    """Lines over 2024 and 2025 and no --year: the message lists both years."""
    dates = pd.Series(pd.to_datetime(["2024-05-01", "2025-01-01", "2025-02-01"]))
    with pytest.raises(InputError) as caught:
        choose_period(dates)
    assert caught.value.message("en") == text(
        "error.several_years", "en", years="2024, 2025", last=2025
    )
    assert choose_period(dates, year=2024) == Period.year(2024)
    assert choose_period(dates[1:]) == Period.year(2025)
