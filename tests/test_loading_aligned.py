"""Text aligned with spaces: printed reports and fixed-width exports of older systems."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib.errors import InputError
from klantlib.i18n import text
from klantlib.ingest.loading import load_customers
from klantlib.ingest.sources import inspect_source

REPORT = """\
KLANTENOVERZICHT OMZET 2025                          Pagina 1
Afgedrukt op 04/12/2026

Klantnr  Naam                          Omzet 2025
-------  ----------------------------  ----------
  10001  Bakkerij Peeters BV            12.345,67
  10002  Café De Kroon                   1.234,00
  10003  Totaal Techniek                   999,50-
    104  Garage Vermeulen & Zonen           50,00
  10005  Kapsalon Zonder Naam               7,25
                                       ----------
         Totaal                         13.637,42
*** Einde van de lijst, 5 klanten afgedrukt ***
"""


def write(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_text(content, encoding=encoding, newline="")
    return path


def test_a_printed_report_is_read_by_its_columns(tmp_path):
    """Titles, rules, a decimal comma, a minus at the end, a name that starts like a total, the
    total line and the closing text: five customers, to the cent."""
    table, report = load_customers(write(tmp_path / "omzet.txt", REPORT))
    assert table.to_dict("records") == [
        {"customer_id": "10001", "name": "Bakkerij Peeters BV", "revenue": 12345.67},
        {"customer_id": "10002", "name": "Café De Kroon", "revenue": 1234.0},
        {"customer_id": "104", "name": "Garage Vermeulen & Zonen", "revenue": 50.0},
        {"customer_id": "10005", "name": "Kapsalon Zonder Naam", "revenue": 7.25},
        {"customer_id": "10003", "name": "Totaal Techniek", "revenue": -999.5},
    ]
    assert report.columns == {"customer_id": "Klantnr", "name": "Naam", "revenue": "Omzet 2025"}
    assert report.header_row == 4
    assert report.skipped == [(5, "layout"), (11, "layout"), (12, "total"), (13, "layout")]
    lines_nl, lines_en = report.lines("nl"), report.lines("en")
    for lang, lines in (("nl", lines_nl), ("en", lines_en)):
        spaces = text("load.delimiter.spaces", lang)
        assert text("load.text_format", lang, encoding="utf-8", delimiter=spaces) in lines
    layout_nl, layout_en = text("load.skip.layout", "nl"), text("load.skip.layout", "en")
    assert text("load.skipped", "nl", row=5, reason=layout_nl) in lines_nl
    assert text("load.skipped", "en", row=11, reason=layout_en) in lines_en


def test_windows_line_ends_form_feeds_and_cp1252_change_nothing(tmp_path):
    expected, _ = load_customers(write(tmp_path / "a.txt", REPORT))
    text = REPORT.replace("\n", "\r\n").replace("KLANTEN", "\fKLANTEN")
    table, report = load_customers(write(tmp_path / "b.txt", text, "cp1252"))
    assert report.encoding == "cp1252"
    assert_frame_equal(table, expected)
    table, _ = load_customers(write(tmp_path / "c.txt", REPORT, "utf-16"))
    assert_frame_equal(table, expected)


def test_a_report_of_several_pages_skips_each_page_header(tmp_path):
    page_two = (
        "\f\n"
        "Klantnr  Naam                          Omzet 2025\n"
        "-------  ----------------------------  ----------\n"
        "  10009  Drukkerij Maes                   100,00\n"
    )
    text = REPORT.replace("                                       ----------\n", page_two, 1)
    table, report = load_customers(write(tmp_path / "pages.txt", text))
    assert table.loc[table["customer_id"] == "10009", "revenue"].tolist() == [100.0]
    assert (12, "layout") in report.skipped and (13, "layout") in report.skipped


def test_text_across_the_columns_between_the_rows_is_refused_naming_its_row(tmp_path):
    """A page title in the middle would be cut into cells that are not cells: refused, with
    the row, the position and the way on, in both languages."""
    content = REPORT.replace(
        "    104  Garage",
        "KLANTENOVERZICHT OMZET 2025                          Pagina 2\n    104  Garage",
    )
    with pytest.raises(InputError) as caught:
        load_customers(write(tmp_path / "omzet.txt", content))
    # literal on purpose: the wording is what the user reads
    assert [p.message("nl") for p in caught.value.problems] == [
        "rij 9: de tekst loopt over de kolommen heen (bij teken 9), dus de cellen zijn niet"
        " te scheiden. Verwijder die lijn, of bewaar het overzicht als CSV of Excel in het"
        " pakket dat het maakte."
    ]
    assert caught.value.message("en").startswith("omzet.txt: ")
    across = text("error.across_columns", "en", row=9, position=9)
    assert across in caught.value.message("en")


def test_a_last_customer_whose_name_pushed_its_amount_out_is_refused_not_dropped(tmp_path):
    """The last line runs across the columns and ends in a number: it may be a customer (a
    long name, one space, the amount), so it is an error naming the row, not closing text."""
    content = "Klant        Omzet\nBakkerij     1200\nCafé De Kroon 800\n"
    with pytest.raises(InputError) as caught:
        load_customers(write(tmp_path / "lijst.txt", content))
    across = text("error.across_columns", "en", row=3, position=12)
    assert caught.value.problems[0].message("en") == across


def test_right_aligned_numbers_longer_than_the_first_ones_stay_in_their_column(tmp_path):
    """A table printed by a program (numbers right-aligned, no rules); far below the part
    the layout is decided on, an amount reaches further left than any above it."""
    rows = [f"{i:>6}  {'Klant ' + str(i):<24}{i % 97 + 1:>10.2f}" for i in range(1, 8001)]
    rows[7000] = f"{7001:>6}  {'Klant 7001':<24}{1234567.5:>10.2f}"
    text = f"{'nr':>6}  {'klant':<24}{'omzet':>10}\n" + "\n".join(rows) + "\n"
    path = write(tmp_path / "lijst.txt", text)
    assert len(text) > 256 * 1024
    table, _ = load_customers(path)
    assert len(table) == 8000
    assert table.loc[table["customer_id"] == "7001", "revenue"].tolist() == [1234567.5]
    assert table.loc[table["customer_id"] == "7002", "name"].tolist() == ["Klant 7002"]


def test_invoice_lines_aligned_with_spaces_add_up_as_the_same_lines_in_a_csv(tmp_path):
    """The same invoice lines as CSV and as an aligned text, read in many small slices:
    the same customers, to the cent."""
    rng = np.random.default_rng(7)
    n = 3000
    ids = rng.integers(100, 160, n)
    lines = pd.DataFrame(
        {
            "Factuurdatum": [
                f"{d:02d}/{m:02d}/2025"
                for d, m in zip(rng.integers(1, 29, n), rng.integers(1, 13, n), strict=True)
            ],
            "Klantnr": ids,
            "Klant": [f"Klant {i} & Zn" for i in ids],
            "Bedrag excl. btw": rng.integers(-5000, 500000, n) / 100,
        }
    )
    csv_path = tmp_path / "lijnen.csv"
    lines.to_csv(csv_path, sep=";", index=False)
    printed = [f"{'Factuurdatum':<14}{'Klantnr':>8}  {'Klant':<20}{'Bedrag excl. btw':>18}"]
    belgian = str.maketrans(",.", ".,")
    printed += [
        f"{d:<14}{k:>8}  {c:<20}{f'{b:,.2f}'.translate(belgian):>18}"
        for d, k, c, b in lines.itertuples(index=False)
    ]
    aligned_path = write(tmp_path / "lijnen.txt", "\n".join(printed) + "\n")
    expected, _ = load_customers(csv_path, year=2025)
    table, report = load_customers(aligned_path, year=2025, slice_bytes=4096)
    assert report.delimiter == " " and report.invoice_lines
    assert_frame_equal(table, expected)


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("id ;  name   ; revenue\n1  ;  Café   ; 100\n2  ;  Bar    ; 200\n", ";"),
        ("id,name,revenue\n1,Café  De Kroon,100\n2,Bar  Zuid,200\n", ","),
        ("Klant\tOmzet (EUR, excl. btw)\nCafé  Zuid\t100\n", "\t"),
        ("Klant     Omzet (EUR, excl. btw)\nCafé Zuid  100,50\nBar Noord  7,25\n", " "),
    ],
)
def test_a_delimited_file_stays_delimited_and_an_aligned_one_is_aligned(tmp_path, text, delimiter):
    """Padding around a delimiter, or double spaces inside a name, do not make a CSV an
    aligned text; a comma in an aligned text's header does not make it a CSV."""
    assert inspect_source(write(tmp_path / "f.txt", text)).delimiter == delimiter


def test_a_table_drawn_by_a_database_tool_skips_its_rules(tmp_path):
    """A table as a database client prints it: bars between the cells, rules of dashes and
    plus signs above and below. The rules are the report's layout, named in the report."""
    text = (
        "+---------+------------------+---------+\n"
        "| klantnr | naam             | omzet   |\n"
        "+---------+------------------+---------+\n"
        "|     101 | Bakkerij Peeters | 1200.00 |\n"
        "|     102 | Café De Kroon    |  800.50 |\n"
        "+---------+------------------+---------+\n"
    )
    table, report = load_customers(write(tmp_path / "uit.txt", text))
    assert table[["customer_id", "name", "revenue"]].to_dict("records") == [
        {"customer_id": "101", "name": "Bakkerij Peeters", "revenue": 1200.0},
        {"customer_id": "102", "name": "Café De Kroon", "revenue": 800.5},
    ]
    assert report.skipped == [(3, "layout"), (6, "layout")]


def test_a_rule_in_a_spreadsheet_is_layout_and_a_customer_named_with_a_dash_is_not(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["Klantnr", "Klant", "Omzet"],
        ["----", "------", "-----"],
        [101, "Bakkerij Peeters", 1200],
        [102, "- Café -", 800],
        ["____", "", "_____"],
    ]:
        sheet.append(row)
    book.save(tmp_path / "k.xlsx")
    table, report = load_customers(tmp_path / "k.xlsx")
    assert sorted(table["name"]) == ["- Café -", "Bakkerij Peeters"]
    assert report.skipped == [(2, "layout"), (5, "layout")]


@pytest.mark.parametrize("count", ["(2 rows)", "(2 rijen)"])
def test_a_psql_table_skips_its_rule_and_its_row_count(tmp_path, count):
    """psql's own layout (``\\o uit.txt``): bars between the cells, a rule of dashes and plus
    signs under the header, and the number of rows under the table, in either language."""
    content = (
        " klantnr |       naam       |  omzet  \n"
        "---------+------------------+---------\n"
        " 101     | Bakkerij Peeters | 1200.00\n"
        " 102     | Café De Kroon    |  800.50\n"
        f"{count}\n"
        "\n"
    )
    table, report = load_customers(write(tmp_path / "uit.txt", content))
    assert table[["customer_id", "name", "revenue"]].to_dict("records") == [
        {"customer_id": "101", "name": "Bakkerij Peeters", "revenue": 1200.0},
        {"customer_id": "102", "name": "Café De Kroon", "revenue": 800.5},
    ]
    assert report.skipped == [(2, "layout"), (5, "layout")]


def test_a_row_count_is_layout_only_alone_under_the_table(tmp_path):
    """A customer whose id looks like a count but has a name and revenue is a customer."""
    content = "klantnr|naam|omzet\n(3 rows)|Bakkerij Peeters|1200\n102|Café De Kroon|800\n"
    table, _ = load_customers(write(tmp_path / "uit.txt", content))
    assert sorted(table["customer_id"]) == ["(3 rows)", "102"]
