"""Dates as packages write them: day or month first decided by the column, never guessed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klantlib.errors import InputError
from klantlib.i18n import text
from klantlib.ingest.loading import load_customers

HEADER = "Invoice,Date,Customer ID,Customer,Amount"


def write_lines(path: Path, dates: list[str], amounts: list[float] | None = None) -> Path:
    amounts = amounts or [100.0] * len(dates)
    rows = [
        f"INV{i},{day},C{i % 2},Customer {i % 2},{amount:.2f}"
        for i, (day, amount) in enumerate(zip(dates, amounts, strict=True))
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def revenue(table) -> dict[str, float]:
    return table.set_index("customer_id")["revenue"].round(2).to_dict()


def test_month_first_dates_from_a_us_package_are_read_as_such(tmp_path):
    """10/06/2025 in a column that also holds 4/15/2025 is October 6: the period follows."""
    path = write_lines(tmp_path / "us.csv", ["10/06/2025", "4/15/2025", "12/31/2025", "1/2/2025"])
    second_half = {"date_from": dt.date(2025, 7, 1), "date_to": dt.date(2025, 12, 31)}
    table, report = load_customers(path, **second_half)
    assert report.lines_used == 2  # October 6 and December 31; not April 15, not January 2
    assert revenue(table)["C0"] == 200.0


def test_day_first_dates_are_read_day_first(tmp_path):
    path = write_lines(tmp_path / "be.csv", ["10/06/2025", "31/12/2025", "01/02/2025", "2/2/2025"])
    table, report = load_customers(
        path, date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 6, 30)
    )
    assert report.lines_used == 1  # 10 June only
    assert revenue(table)["C0"] == 100.0


def test_dates_that_fit_both_orders_are_refused_with_the_way_to_choose(tmp_path):
    """Only days up to 12: the kit does not guess; the message says how to choose."""
    path = write_lines(
        tmp_path / "twijfel.csv", ["10/06/2025", "03/04/2025", "12/11/2025", "1/1/2025"]
    )
    with pytest.raises(InputError) as refused:
        load_customers(path, year=2025)
    # literal on purpose: the wording is what the user reads
    assert refused.value.problems[0].message("nl") == (
        "De datums in kolom 'Date' (zoals 10/06/2025) kunnen dag/maand of maand/dag zijn:"
        " geen enkele heeft een dag boven 12. Zeg hoe ze gelezen worden: --date-order dmy"
        ' (dag eerst) of --date-order mdy (maand eerst); in een notebook date_order = "dmy"'
        ' of "mdy" in de grijze cel.'
    )
    unknown = text("error.date_order_unknown", "en", column="Date", example="10/06/2025")
    assert refused.value.problems[0].message("en") == unknown
    june = {"date_from": dt.date(2025, 6, 1), "date_to": dt.date(2025, 6, 30)}
    assert load_customers(path, date_order="dmy", **june)[1].lines_used == 1  # 10 June
    october = {"date_from": dt.date(2025, 10, 1), "date_to": dt.date(2025, 10, 31)}
    assert load_customers(path, date_order="mdy", **october)[1].lines_used == 1  # October 6


def test_a_column_with_both_orders_is_refused(tmp_path):
    path = write_lines(tmp_path / "gemengd.csv", ["31/01/2025", "01/31/2025", "1/1/2025"])
    with pytest.raises(InputError) as refused:
        load_customers(path, year=2025)
    assert refused.value.problems[0].message("en") == text(
        "error.date_order_mixed",
        "en",
        column="Date",
        day_first="31/01/2025",
        month_first="01/31/2025",
    )


def test_two_digit_years_and_timestamps_with_an_offset_are_read(tmp_path):
    """02/24/03 is 24 February 2003; a time and a UTC offset leave the date as written."""
    path = write_lines(tmp_path / "jaren.csv", ["02/24/03", "12/31/03", "1/1/03"])
    assert load_customers(path, year=2003)[1].lines_used == 3
    stamps = ["2025-12-06 10:37:33 -0500", "2025-12-06T10:37:33Z", "2025-12-31T23:59:59+01:00"]
    path = write_lines(tmp_path / "tijden.csv", stamps)
    december = {"date_from": dt.date(2025, 12, 1), "date_to": dt.date(2025, 12, 31)}
    _, report = load_customers(path, **december)
    assert report.lines_used == 3


def test_the_order_shown_only_late_in_a_big_file_still_decides(tmp_path):
    """Batches whose dates fit both orders wait for the one that decides, many lines later."""
    dates = ["01/02/2025"] * 60 + ["02/13/2025"]  # month first: shown by the last line only
    path = write_lines(tmp_path / "laat.csv", dates)
    whole = load_customers(path, year=2025, date_from=None)
    batched = load_customers(path, year=2025, slice_bytes=128, progress=False)
    assert revenue(whole[0]) == revenue(batched[0])
    january = {"date_from": dt.date(2025, 1, 1), "date_to": dt.date(2025, 1, 31)}
    assert load_customers(path, slice_bytes=128, progress=False, **january)[1].lines_used == 60


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    days=st.lists(
        st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 12, 31)),
        min_size=1,
        max_size=30,
    ),
    month_first=st.booleans(),
    slice_bytes=st.integers(96, 2048),
)
def test_either_order_gives_the_totals_of_the_days_as_written(
    tmp_path, days, month_first, slice_bytes
):
    """Whatever order a package writes, once one date decides it, every line lands in the
    half-year of its own date (checked against the dates themselves)."""
    decisive = dt.date(2025, 12, 31)  # 31 is above 12 in either position
    # a line in each half and two lines of one customer (invoice lines), in either order
    days = [*days, decisive, decisive, dt.date(2025, 1, 15)]
    form = "%m/%d/%Y" if month_first else "%d/%m/%Y"
    path = write_lines(tmp_path / "lijnen.csv", [d.strftime(form) for d in days])
    first_half = {"date_from": dt.date(2025, 1, 1), "date_to": dt.date(2025, 6, 30)}
    _, report = load_customers(path, slice_bytes=slice_bytes, progress=False, **first_half)
    assert report.lines_used == sum(d.month <= 6 for d in days)


def test_the_command_line_takes_the_date_order(tmp_path):
    path = write_lines(tmp_path / "twijfel.csv", ["10/06/2025", "03/04/2025", "1/1/2025"])
    run = subprocess.run(
        [sys.executable, "-m", "klantlib", "load", str(path), "--year", "2025", "--date-order",
         "mdy", "--lang", "en"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    refused = subprocess.run(
        [sys.executable, "-m", "klantlib", "load", str(path), "--year", "2025", "--lang", "en"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 2
    unknown = text("error.date_order_unknown", "en", column="Date", example="10/06/2025")
    assert unknown in refused.stderr
