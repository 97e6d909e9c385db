"""Loading real-world exports: python -m klantlib load and klantlib.load_customers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from klantlib.errors import InputError, KlantlibError
from klantlib.i18n import text
from klantlib.ingest.loading import load_customers

FLEMISH = (
    "Omzet per klant - Verbeke Grootkeukens bv\n"
    "Periode: 01/01/2025 - 31/12/2025\n"
    "\n"
    "Klantnr;Klantnaam;Adres;Omzet excl. btw;BTW;Omzet incl. btw\n"
    "007;Bakkerij Peeters;Kerkstraat 1;€ 12.345,67;€ 2.592,59;€ 14.938,26\n"
    "012;Café ’t Hoekske;Markt 3;(1.234,50);€ 0,00;(1.234,50)\n"
    "3;Slagerij Maes;;€ 999,-5;;\n"
    "\n"
    "Totaal;;;€ 13.110,71;;\n"
)


def write(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(content.encode(encoding))
    return path


def test_flemish_csv_with_titles_totals_and_cp1252_loads_to_the_cent(tmp_path):
    """Title rows, ';', cp1252, € 1.234,56, (123,45) and a total row: right table and report."""
    path = write(tmp_path / "omzet.csv", FLEMISH.replace("€ 999,-5", "999,05-"), "cp1252")
    table, report = load_customers(path)
    assert list(table["customer_id"]) == ["007", "3", "012"]
    assert list(table["name"]) == ["Bakkerij Peeters", "Slagerij Maes", "Café ’t Hoekske"]
    assert list(table["revenue"]) == [12345.67, -999.05, -1234.5]
    assert (report.encoding, report.delimiter, report.header_row) == ("cp1252", ";", 4)
    assert report.columns["revenue"] == "Omzet excl. btw"
    assert report.number_style == "comma"
    assert report.skipped == [(8, "blank"), (9, "total")]
    total_row = text("load.skipped", "nl", row=9, reason=text("load.skip.total", "nl"))
    assert total_row in report.lines("nl")


def test_text_in_the_revenue_column_names_file_row_column_and_value(tmp_path):
    """'€ 999,-5' is not an amount: the message names omzet.csv, row 7 and the column."""
    path = write(tmp_path / "omzet.csv", FLEMISH, "cp1252")
    with pytest.raises(InputError) as caught:
        load_customers(path)
    message = caught.value.message("en")
    # literal on purpose: the wording is what the user reads
    assert message.startswith("omzet.csv: 1 problem found:")
    assert "row 7, column 'Omzet excl. btw': '€ 999,-5'" in message


def test_same_id_with_two_names_is_an_error(tmp_path):
    """Customer id 7 on rows 2 and 4 with different names: both rows and names named."""
    path = write(tmp_path / "k.csv", "Klantnr,Naam,Omzet\n7,Peeters,10\n8,Maes,5\n7,Janssens,3\n")
    with pytest.raises(InputError) as caught:
        load_customers(path)
    two_names = text(
        "error.id_two_names",
        "en",
        row=4,
        value="7",
        name="Janssens",
        first_name="Peeters",
        first_row=2,
    )
    assert caught.value.message("en").endswith("- " + two_names)


def test_no_revenue_column_lists_the_columns(tmp_path):
    """A list without an amount column says which columns it has."""
    path = write(tmp_path / "k.csv", "Klantnr;Naam;Gemeente\n1;A;Gent\n")
    with pytest.raises(InputError) as caught:
        load_customers(path)
    missing = text(
        "error.field_missing",
        "en",
        fields=text("field.revenue", "en"),
        present="Klantnr, Naam, Gemeente",
    )
    assert missing in caught.value.message("en")


def test_header_only_file_has_no_customers(tmp_path):
    """Only a header: the customer list is empty."""
    path = write(tmp_path / "k.csv", "Klant;Omzet\n")
    with pytest.raises(InputError) as caught:
        load_customers(path)
    assert text("error.no_customers", "en") in caught.value.message("en")


def test_ids_keep_their_leading_zeros_from_a_spreadsheet(tmp_path):
    """'007' typed as text in Excel stays '007'; 8 typed as a number becomes '8'."""
    path = tmp_path / "klanten.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Overzicht klanten"])
    sheet.append(["Relatienummer", "Relatie", "Jaaromzet", "Uren"])
    sheet.append(["007", "Bakkerij Peeters", 1234.56, 12.5])
    sheet.append([8, "Slagerij Maes", 99, None])
    workbook.save(path)
    table, report = load_customers(path)
    assert list(table["customer_id"]) == ["007", "8"]
    assert list(table["revenue"]) == [1234.56, 99.0]
    assert report.header_row == 2 and report.kind == "spreadsheet"
    assert table.loc[0, "hours"] == 12.5 and pd.isna(table.loc[1, "hours"])


def invoice_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Factuurnr", "Factuurdatum", "Klant", "Bedrag excl. BTW", "BTW"])
    sheet.append(["F1", dt.date(2025, 1, 5), "Bakkerij Peeters", 1000.0, 210.0])
    sheet.append(["F2", dt.date(2025, 2, 5), " bakkerij  PEETERS", 500.0, 105.0])
    sheet.append(["C1", dt.date(2025, 3, 5), "Bakkerij Peeters", -200.0, -42.0])
    sheet.append(["F3", dt.date(2024, 12, 31), "Slagerij Maes", 70.0, 14.7])
    sheet.append(["F4", dt.date(2025, 12, 31), "Slagerij Maes", 30.0, 6.3])
    workbook.save(path)
    return path


def test_invoice_lines_are_added_up_per_customer_for_the_year(tmp_path):
    """Excel dates, a credit note and a name typed twice: 1300 and 30 in 2025."""
    table, report = load_customers(invoice_workbook(tmp_path / "lijnen.xlsx"), year=2025)
    assert list(table["name"]) == ["Bakkerij Peeters", "Slagerij Maes"]
    assert list(table["revenue"]) == [1300.0, 30.0]
    assert report.invoice_lines and report.credit_lines == 1 and report.lines_outside == 1
    assert report.merged_names == [("Bakkerij Peeters", ["Bakkerij Peeters", "bakkerij PEETERS"])]


def test_the_sample_invoice_lines_give_the_sample_customer_list():
    """data/voorbeeld: 2025 invoice lines add up to klanten.csv's revenue, to the cent."""
    root = Path(__file__).resolve().parents[1] / "data" / "voorbeeld"
    from_lines, _ = load_customers(root / "factuurlijnen.csv", year=2025)
    listed, _ = load_customers(root / "klanten.csv")
    pd.testing.assert_frame_equal(from_lines, listed[["customer_id", "name", "revenue"]])


def run_load(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "klantlib", "load", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_load_command_writes_the_canonical_csv_and_says_what_it_understood(tmp_path):
    """--out writes customer_id,name,revenue with '.' decimals; the report is printed."""
    source = write(tmp_path / "omzet.csv", FLEMISH.replace("€ 999,-5", "999,05"), "cp1252")
    out = tmp_path / "klanten.csv"
    result = run_load(str(source), "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    semicolon = text("load.delimiter.semicolon", "en")
    assert text("load.text_format", "en", encoding="cp1252", delimiter=semicolon) in result.stdout
    total_row = text("load.skipped", "en", row=9, reason=text("load.skip.total", "en"))
    assert total_row in result.stdout
    assert out.read_text(encoding="utf-8").splitlines() == [
        "customer_id,name,revenue",
        "007,Bakkerij Peeters,12345.67",
        "3,Slagerij Maes,999.05",
        "012,Café ’t Hoekske,-1234.50",
    ]


def test_load_command_bad_input_exits_2_without_output_file(tmp_path):
    """Several years and no --year: exit 2, the years listed, no file written."""
    out = tmp_path / "klanten.csv"
    result = run_load(str(invoice_workbook(tmp_path / "lijnen.xlsx")), "--out", str(out))
    assert result.returncode == 2
    assert "2024, 2025" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


AMBIGUOUS_LIST = "Klant;Omzet\nBakkerij Peeters;1.234\nSlagerij Maes;12.500\nCafé Sport;750\n"


def test_a_named_number_style_reads_an_ambiguous_column(tmp_path):
    """'1.234' and '12.500' alone cannot say; --number-style comma reads them as thousands."""
    path = write(tmp_path / "omzet.csv", AMBIGUOUS_LIST)
    with pytest.raises(InputError) as caught:
        load_customers(path)
    assert "--number-style comma" in caught.value.message("en")
    table, report = load_customers(path, number_style="comma")
    assert list(table["revenue"]) == [12500.0, 1234.0, 750.0]
    assert report.number_style == "comma"
    table, _ = load_customers(path, number_style="dot")
    assert list(table["revenue"]) == [750.0, 12.5, 1.23]  # to the cent, rounded once
    out = tmp_path / "klanten.csv"
    result = run_load(str(path), "--number-style", "comma", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines()[1] == "N2,Slagerij Maes,12500.00"


def test_a_named_number_style_makes_cells_written_the_other_way_errors(tmp_path):
    """With comma chosen, '3.5' is reported as written with a decimal point."""
    path = write(tmp_path / "omzet.csv", "Klant;Omzet\nA;12,5\nB;3.5\n")
    with pytest.raises(InputError) as caught:
        load_customers(path, number_style="comma")
    other_style = text(
        "error.amount_other_style",
        "en",
        row=3,
        column="Omzet",
        value="3.5",
        other=text("error.amount_style_dot", "en"),
        style=text("error.amount_style_comma", "en"),
    )
    assert other_style in caught.value.message("en")
    with pytest.raises(KlantlibError) as caught_style:
        load_customers(path, number_style="punt")
    assert caught_style.value.message("en") == text("error.number_style", "en", value="punt")


def test_a_year_and_a_period_together_is_an_error(tmp_path):
    """--year with --to would silently drop the --to: refused with a clear message."""
    path = invoice_workbook(tmp_path / "lijnen.xlsx")
    with pytest.raises(KlantlibError) as caught:
        load_customers(path, year=2025, date_to=dt.date(2025, 6, 30))
    assert caught.value.message("en") == text("error.year_and_period", "en", year=2025)
    result = run_load(str(path), "--year", "2025", "--to", "30/06/2025")
    assert result.returncode == 2
    both = text("error.year_and_period", "nl", year=2025)
    assert result.stderr.strip() == text("error.shown", "nl", message=both)


def test_a_reversed_period_says_so(tmp_path):
    path = invoice_workbook(tmp_path / "lijnen.xlsx")
    with pytest.raises(KlantlibError) as caught:
        load_customers(path, date_from=dt.date(2025, 12, 31), date_to=dt.date(2025, 1, 1))
    assert caught.value.message("en") == text(
        "error.period_reversed", "en", start="2025-12-31", end="2025-01-01"
    )


def test_a_period_without_lines_names_the_dates_the_file_has(tmp_path):
    """--year 1900 on lines of 2024-2025: not 'the list is empty' but where the lines are."""
    path = invoice_workbook(tmp_path / "lijnen.xlsx")
    with pytest.raises(InputError) as caught:
        load_customers(path, year=1900)
    no_lines = text(
        "error.no_lines_in_period", "en", period="1900", first="2024-12-31", last="2025-12-31"
    )
    assert caught.value.message("en") == text(
        "error.problems", "en", source="lijnen.xlsx: ", count=1, lines="- " + no_lines
    )


def test_an_open_ended_period_is_shown_without_made_up_dates(tmp_path):
    path = invoice_workbook(tmp_path / "lijnen.xlsx")
    _, report = load_customers(path, date_from=dt.date(2025, 2, 1))
    assert report.period == "2025-02-01 – …"
    _, report = load_customers(path, date_to=dt.date(2025, 2, 28))
    assert report.period == "… – 2025-02-28"


def test_the_report_names_the_sheet_read(tmp_path):
    """Without --sheet the first sheet is read, and the report says which one."""
    _, report = load_customers(invoice_workbook(tmp_path / "lijnen.xlsx"), year=2025)
    assert report.sheet == "Sheet"
    assert text("load.sheet", "en", sheet="Sheet") in "\n".join(report.lines("en"))
