"""Recognising what kind of file a team brought: spreadsheet or text, encoding, delimiter."""

from __future__ import annotations

import datetime

import openpyxl
import pytest

from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.ingest.sources import (
    detect_delimiter,
    detect_encoding,
    inspect_source,
    read_spreadsheet_rows,
)

TEXT = "Klantnr;Naam;Omzet\n007;Café Zénith;1.234,56\n008;Brouwerij;99,00\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_encodings_excel_and_accounting_packages_write(tmp_path, encoding, expected):
    """UTF-8 with or without BOM, cp1252 and UTF-16 ('Unicode text') are recognised."""
    path = tmp_path / "export.csv"
    path.write_bytes(TEXT.encode(encoding))
    source = inspect_source(path)
    assert (source.kind, source.encoding, source.delimiter) == ("csv", expected, ";")
    assert path.read_bytes().decode(source.encoding).lstrip("\ufeff") == TEXT


def test_utf16_without_bom_is_recognised():
    """Zero bytes every other byte read as UTF-16 little endian, not as binary."""
    assert detect_encoding(TEXT.encode("utf-16-le")) == "utf-16-le"


def test_binary_file_is_not_text(tmp_path):
    """A file full of control bytes is refused as not a text file."""
    path = tmp_path / "foto.csv"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(KlantlibError) as caught:
        inspect_source(path)
    assert caught.value.message("en") == text("error.not_text", "en", path=str(path))


def test_empty_file_is_named(tmp_path):
    """An empty or blank file says it has no header row."""
    path = tmp_path / "leeg.csv"
    path.write_text("\n\n  \n")
    with pytest.raises(KlantlibError) as caught:
        inspect_source(path)
    assert caught.value.message("nl") == text("error.file_empty", "nl", path=str(path))


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),
        ("a\tb\tc\n1\t2,5\t3\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('Rapport omzet, per klant\n\nKlant;Omzet\n"Peeters, Jan";1.234,56\nMaes;12,00\n', ";"),
    ],
)
def test_delimiter_is_the_one_that_splits_lines_consistently(text, delimiter):
    """Commas inside amounts or a title do not fool the delimiter detection."""
    assert detect_delimiter(text) == delimiter


def make_workbook(path, *, leading_rows: int = 0):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Omzet"
    for _ in range(leading_rows):
        sheet.append([])
    sheet.append(["Klantnr", "Naam", "Omzet", "Datum"])
    sheet.append(["007", "Bakkerij Peeters", 1234.56, datetime.date(2025, 3, 1)])
    other = workbook.create_sheet("Tweede")
    other.append(["Klant", "Omzet"])
    workbook.save(path)


def test_spreadsheet_rows_keep_their_row_numbers_and_cell_types(tmp_path):
    """Two empty rows on top: the header is list index 2 (row 3); dates and numbers stay typed."""
    path = tmp_path / "omzet.xlsx"
    make_workbook(path, leading_rows=2)
    source = inspect_source(path)
    rows = read_spreadsheet_rows(source)
    assert source.kind == "spreadsheet"
    assert rows[2] == ["Klantnr", "Naam", "Omzet", "Datum"]
    assert rows[3] == ["007", "Bakkerij Peeters", 1234.56, datetime.date(2025, 3, 1)]


def test_a_named_sheet_is_read_and_a_missing_one_lists_the_sheets(tmp_path):
    """--sheet picks a sheet; a wrong name lists the sheets there are."""
    path = tmp_path / "omzet.xlsx"
    make_workbook(path)
    assert read_spreadsheet_rows(inspect_source(path, sheet="Tweede"))[0] == ["Klant", "Omzet"]
    with pytest.raises(KlantlibError) as caught:
        read_spreadsheet_rows(inspect_source(path, sheet="Blad1"))
    assert caught.value.message("en") == text(
        "error.sheet_not_found", "en", path="omzet.xlsx", sheet="Blad1", sheets="Omzet, Tweede"
    )


def test_unreadable_old_xls_says_to_save_as_xlsx(tmp_path):
    """A broken .xls gets the advice to save it as .xlsx."""
    path = tmp_path / "oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(KlantlibError) as caught:
        read_spreadsheet_rows(inspect_source(path))
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("nl") == (
        "oud.xls is een oud Excel-bestand (.xls) dat niet gelezen kan worden. Open het in Excel"
        " en bewaar het als 'Excel-werkmap (.xlsx)'."
    )
