"""Status and currency columns: lines that are no revenue, and amounts never mixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantlib.errors import InputError
from klantlib.i18n import text
from klantlib.ingest.loading import load_customers

HEADER = "Order,Date,Customer,Status,Currency,Amount"


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_failed_cancelled_draft_and_unpaid_lines_are_left_out_and_counted(tmp_path):
    path = write(
        tmp_path / "orders.csv",
        [
            "1,2025-01-02,Alpha,Paid,EUR,100.00",
            "2,2025-01-03,Alpha,Failed,EUR,100.00",
            "3,2025-01-04,Alpha,cancelled,EUR,50.00",
            "4,2025-01-05,Beta,Completed,EUR,20.00",
            "5,2025-01-06,Beta,Draft,EUR,999.00",
            "6,2025-01-07,Beta,Unpaid,EUR,5.00",
            "7,2025-01-08,Alpha,betaald,EUR,1.00",
        ],
    )
    table, report = load_customers(path, year=2025)
    assert table.set_index("name")["revenue"].to_dict() == {"Alpha": 101.0, "Beta": 20.0}
    assert report.status_left_out == {"cancelled": 1, "draft": 1, "failed": 1, "unpaid": 1}
    statuses = "cancelled: 1, draft: 1, failed: 1, unpaid: 1"
    assert text("load.status_left_out", "en", statuses=statuses) in report.lines("en")


def test_a_status_the_kit_does_not_know_is_refused_listed(tmp_path):
    path = write(
        tmp_path / "orders.csv",
        [
            "1,2025-01-02,Alpha,Paid,EUR,100.00",
            "2,2025-01-03,Alpha,On hold,EUR,100.00",
            "3,2025-01-04,Beta,Paid,EUR,10.00",
        ],
    )
    with pytest.raises(InputError) as refused:
        load_customers(path, year=2025)
    assert refused.value.problems[0].message("en") == text(
        "error.unknown_status", "en", column="Status", values="on hold", row=3
    )


def test_several_currencies_are_refused_unless_one_is_chosen(tmp_path):
    path = write(
        tmp_path / "orders.csv",
        [
            "1,2025-01-02,Alpha,Paid,EUR,100.00",
            "2,2025-01-03,Alpha,Paid,AUD,70.00",
            "3,2025-01-04,Beta,Paid,EUR,10.00",
            "4,2025-01-05,Beta,Paid,EUR,10.00",
        ],
    )
    with pytest.raises(InputError) as refused:
        load_customers(path, year=2025)
    # literal on purpose: the wording is what the user reads
    assert refused.value.problems[0].message("nl") == (
        "Kolom 'Currency' heeft lijnen in meer dan één munt (AUD: 1, EUR: 3): die mag de kit niet"
        " bij elkaar optellen. Kies er één met --currency, bv. --currency EUR."
    )
    table, report = load_customers(path, year=2025, currency="eur")
    assert table.set_index("name")["revenue"].to_dict() == {"Alpha": 100.0, "Beta": 20.0}
    assert report.other_currency_lines == 1
    assert text("load.other_currency", "en", currency="EUR", count=1) in report.lines("en")
    with pytest.raises(InputError) as not_there:
        load_customers(path, year=2025, currency="USD")
    assert not_there.value.problems[0].message("en") == text(
        "error.currency_not_found", "en", currency="USD", currencies="AUD, EUR"
    )


def test_a_state_column_of_places_is_no_status(tmp_path):
    """A superstore's State column (California, Texas) says nothing about the order: every
    line counts, nothing is refused."""
    path = tmp_path / "superstore.csv"
    path.write_text(
        "Order ID,Order Date,Customer Name,State,Sales\n"
        "1,2025-01-02,Alpha,California,100.00\n"
        "2,2025-01-03,Alpha,Texas,50.00\n"
        "3,2025-01-04,Beta,California,10.00\n",
        encoding="utf-8",
    )
    table, report = load_customers(path, year=2025)
    assert table.set_index("name")["revenue"].to_dict() == {"Alpha": 150.0, "Beta": 10.0}
    assert report.status_left_out == {}
