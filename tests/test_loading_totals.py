"""Totals and customers that look like totals: a row is a total only as a whole."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from klantlib.i18n import text
from klantlib.ingest.loading import load_customers

LOOK_ALIKES = [
    ("101", "Total Energies Nederland", "1.000,00"),
    ("102", "Totaal Techniek B.V.", "2.000,00"),
    ("103", "Som", "3.000,00"),
    ("104", "Grand Total Events", "4.000,00"),
    ("105", "Subtotal Design", "5.000,00"),
    ("106", "Bakkerij Peeters", "6.000,00"),
]


def customer_list(path: Path, rows, total_row: str) -> Path:
    lines = ["Klantnr;Klantnaam;Omzet", *(";".join(r) for r in rows), total_row]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("total_row", [";Totaal;21.000,00", "Totaal;;21.000,00"])
def test_customers_named_like_totals_are_customers_and_the_total_row_goes(tmp_path, total_row):
    """Six customers whose names contain total words, each with its own id, stay; the total
    row (the word where the name or the id belongs, no id of its own) is left out."""
    path = customer_list(tmp_path / "klanten.csv", LOOK_ALIKES, total_row)
    table, report = load_customers(path)
    assert sorted(table["name"]) == sorted(name for _, name, _ in LOOK_ALIKES)
    assert table["revenue"].sum() == 21_000.0
    assert report.skipped == [(8, "total")]
    assert report.kept_totals == [
        (2, "Total Energies Nederland"),
        (3, "Totaal Techniek B.V."),
        (4, "Som"),
        (5, "Grand Total Events"),
        (6, "Subtotal Design"),
    ]


def test_the_report_says_which_rows_were_kept_although_they_look_like_totals(tmp_path):
    path = customer_list(tmp_path / "klanten.csv", LOOK_ALIKES[:1], ";Totaal;1.000,00")
    _, report = load_customers(path)
    for lang in ("nl", "en"):
        kept = text("load.kept_total", lang, row=2, label="Total Energies Nederland")
        assert kept in report.lines(lang)


def test_without_ids_a_total_word_goes_and_a_name_that_only_starts_like_one_stays(tmp_path):
    """A name-only list: "Totaal" and "Total for …" are totals; "Totaal Techniek B.V." is a
    customer, kept and named in the report."""
    path = tmp_path / "namen.csv"
    path.write_text(
        "Klant;Omzet\n"
        "Totaal Techniek B.V.;2.000,00\n"
        "Bakkerij Peeters;1.000,00\n"
        "Total for region West;3.000,00\n"
        "Totaal:;3.000,00\n",
        encoding="utf-8",
    )
    table, report = load_customers(path)
    assert list(table["name"]) == ["Totaal Techniek B.V.", "Bakkerij Peeters"]
    assert report.skipped == [(4, "total"), (5, "total")]
    assert report.kept_totals == [(2, "Totaal Techniek B.V.")]


def test_invoice_lines_of_a_customer_called_total_are_added_up(tmp_path):
    """Invoice lines (read in batches): every line of "Total Energies" counts, the report
    names it once; the closing total line goes."""
    lines = ["Klantnr,Klant,Datum,Bedrag"]
    for day in range(1, 29):
        lines.append(f"77,Total Energies,2025-03-{day:02d},100.00")
        lines.append(f"12,Bakkerij Peeters,2025-03-{day:02d},10.00")
    lines.append(",Total,,3080.00")
    path = tmp_path / "lijnen.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, report = load_customers(path, slice_bytes=256)
    assert table.set_index("customer_id")["revenue"].to_dict() == {"77": 2800.0, "12": 280.0}
    assert report.kept_totals == [(2, "Total Energies")]
    assert report.skipped == [(58, "total")]


def test_a_spreadsheet_total_row_and_a_look_alike(tmp_path):
    """The same rule in an .xlsx: numbers as cells, the total's label in the id column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Klantnr", "Klantnaam", "Omzet"])
    sheet.append(["0101", "Totaal Techniek B.V.", 2000.0])
    sheet.append(["0102", "Verhaegen nv", 1000.0])
    sheet.append(["Totaal", None, 3000.0])
    book.save(tmp_path / "klanten.xlsx")
    table, report = load_customers(tmp_path / "klanten.xlsx")
    assert list(table["customer_id"]) == ["0101", "0102"]
    assert report.skipped == [(4, "total")]
    assert report.kept_totals == [(2, "Totaal Techniek B.V.")]


def test_two_columns_with_one_name_are_refused_naming_both(tmp_path):
    """``Omzet`` twice: the kit does not take the first without a word; --column says which."""
    from klantlib.errors import InputError

    path = tmp_path / "dubbel.csv"
    path.write_text("Klantnr;Klant;Omzet;Omzet\n1;Een;10;20\n2;Twee;30;40\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_customers(path)
    # literal on purpose: the wording is what the user reads
    assert refused.value.problems[0].message("nl") == (
        "Twee kolommen heten 'Omzet' (kolommen C, D); de kit kiest er niet zelf een voor de"
        ' omzet. Zeg welke: --column revenue="Omzet" voor de eerste, --column'
        ' revenue="Omzet (2)" voor de tweede.'
    )
    assert refused.value.problems[0].key == "error.repeated_column"
    assert refused.value.problems[0].params["letters"] == ["C", "D"]
    second, _ = load_customers(path, columns={"revenue": "Omzet (2)"})
    assert second.set_index("customer_id")["revenue"].to_dict() == {"1": 20.0, "2": 40.0}
    first, _ = load_customers(path, columns={"revenue": "Omzet"})
    assert first.set_index("customer_id")["revenue"].to_dict() == {"1": 10.0, "2": 30.0}


def test_two_columns_with_one_name_in_a_spreadsheet_too(tmp_path):
    from klantlib.errors import InputError

    book = openpyxl.Workbook()
    book.active.append(["revenue", "customer_id", "name", "revenue"])
    book.active.append([10.0, "1", "Een", 20.0])
    book.save(tmp_path / "dubbel.xlsx")
    with pytest.raises(InputError) as refused:
        load_customers(tmp_path / "dubbel.xlsx")
    assert refused.value.problems[0].key == "error.repeated_column"
    assert refused.value.problems[0].params["letters"] == ["A", "D"]


@pytest.mark.parametrize("quoted", [False, True])
def test_a_cell_over_the_csv_limit_is_a_message_not_a_traceback(tmp_path, quoted):
    """A 200 KB cell (an export gone wrong, a quote that never closes): the row is named."""
    from klantlib.errors import InputError

    big = "x" * 200_000
    cell = f'"{big}"' if quoted else f"B{big}"
    path = tmp_path / "groot.csv"
    path.write_text(f"Klant;Omzet\nA;10\n{cell};20\nC;30\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_customers(path)
    assert refused.value.problems[0].message("en") == text("error.cell_too_large", "en", row=3)


def test_a_utf8_file_with_one_cp1252_line_names_that_line_never_mojibake(tmp_path):
    """UTF-8 names with one line from an older system: the line is named; no 'CafÃ©'."""
    from klantlib.errors import InputError

    path = tmp_path / "gemengd.csv"
    path.write_bytes(
        "Klantnr;Klant;Omzet\n1;Café Utrecht;10\n".encode()
        + "2;Brésserie Oud;20\n".encode("cp1252")
        + "3;Zürich AG;30\n".encode()
    )
    with pytest.raises(InputError) as refused:
        load_customers(path)
    # literal on purpose: the wording is what the user reads
    assert refused.value.problems[0].message("en") == (
        "row 3: the text is not valid utf-8. Save the file again as 'CSV UTF-8'."
    )
    path.write_bytes("Klantnr;Klant;Omzet\n1;Café Utrecht;10\n2;Zürich AG;30\n".encode("cp1252"))
    table, _ = load_customers(path)  # a file all in cp1252 still reads as cp1252
    assert sorted(table["name"]) == ["Café Utrecht", "Zürich AG"]


def test_an_empty_name_in_invoice_lines_names_the_files_row_and_column(tmp_path):
    """Not the row of the added-up table: the file's rows 4 and 5, column 'Klant'."""
    from klantlib.errors import InputError

    path = tmp_path / "lijnen.csv"
    path.write_text(
        "Klantnr;Klant;Datum;Bedrag\n1;A;2025-01-01;10\n1;A;2025-01-02;10\n"
        "2;;2025-01-03;5\n2;;2025-01-04;5\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as refused:
        load_customers(path, year=2025)
    assert [p.message("en") for p in refused.value.problems] == [
        text("error.missing_value", "en", row=4, column="Klant"),
        text("error.missing_value", "en", row=5, column="Klant"),
    ]


def test_a_formula_without_a_calculated_value_is_named_not_empty(tmp_path):
    """A sheet written by a program (formulas never calculated): the row, the column and the
    formula, and how to go on — in a customer list and in invoice lines alike."""
    from klantlib.errors import InputError

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Omzet per klant"])
    sheet.append(["Klant", "Omzet"])
    sheet.append(["Alpha", 10.0])
    sheet.append(["Beta", "=B3*2"])
    book.save(tmp_path / "formules.xlsx")
    with pytest.raises(InputError) as refused:
        load_customers(tmp_path / "formules.xlsx")
    assert refused.value.problems[0].message("en") == text(
        "error.formula_without_value", "en", row=4, column="Omzet", value="=B3*2"
    )
    lines = openpyxl.Workbook()
    sheet = lines.active
    sheet.append(["Klant", "Datum", "Bedrag"])
    for day in (2, 3):
        sheet.append(["Alpha", f"2025-01-0{day}", 10.0])
    sheet.append(["Alpha", "2025-01-04", "=C2+C3"])
    lines.save(tmp_path / "lijnen.xlsx")
    with pytest.raises(InputError) as refused:
        load_customers(tmp_path / "lijnen.xlsx", year=2025)
    assert refused.value.problems[0].message("nl") == text(
        "error.formula_without_value", "nl", row=4, column="Bedrag", value="=C2+C3"
    )
