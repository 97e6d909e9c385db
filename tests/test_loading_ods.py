"""Loading an OpenDocument spreadsheet (.ods): load_customers and python -m klantlib load."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from python_calamine import CalamineWorkbook

from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.ingest.loading import load_customers

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)

Cell = str | float | int | None


def _cell(value: Cell) -> str:
    """A number as a float cell, text as a string cell, None as an empty cell."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, str):
        return (
            '<table:table-cell office:value-type="string">'
            f"<text:p>{escape(value)}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="float" office:value="{value!r}">'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def write_ods(path: Path, sheets: Mapping[str, Sequence[Sequence[Cell]]]) -> Path:
    """An .ods file with the sheets in order, built as LibreOffice lays one out."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(_cell(c) for c in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {_NAMESPACES} office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        # the first entry, uncompressed, says what the zip is (ODF 1.2, part 3, 3.3)
        archive.writestr("mimetype", ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


# Rows as a spreadsheet shows them: 1 title, 2 header, 3-7 customers, 8 the total.
CUSTOMERS_2025: list[list[Cell]] = [
    ["Omzet per klant 2025 - Verbeke Grootkeukens bv"],
    ["klantnummer", "klantnaam", "omzet"],
    ["007", "Bakkerij Peeters", 12345.67],  # id typed as text, amount a real number
    ["012", "Café ’t Hoekske", "1.234,56"],  # amount typed as text with a decimal comma
    [3, "Slagerij Maes", 999.05],  # id typed as a number
    ["0420", "Drukkerij Verbeke", "€ 25.000,10"],
    ["015", "Garage Maes", "-87,5"],  # a credit
    [None, "Totaal", 39491.88],
]
CUSTOMERS_2024: list[list[Cell]] = [
    ["klantnummer", "klantnaam", "omzet"],
    ["007", "Bakkerij Peeters", 10000.01],
    ["012", "Café ’t Hoekske", "2.000,02"],
]
INFO: list[list[Cell]] = [["Export uit de boekhouding"], ["Gemaakt op", "05/01/2026"]]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """Three sheets: an info sheet first, then the customers of 2024 and of 2025."""
    return write_ods(
        tmp_path / "klanten.ods",
        {"Info": INFO, "Klanten 2024": CUSTOMERS_2024, "Klanten 2025": CUSTOMERS_2025},
    )


def test_the_built_file_is_an_ods_that_calamine_reads_with_cell_types(workbook):
    """The zip starts with an uncompressed mimetype; calamine sees the sheets, text and numbers."""
    with zipfile.ZipFile(workbook) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == ODS_MIMETYPE.encode()
    book = CalamineWorkbook.from_path(str(workbook))
    assert list(book.sheet_names) == ["Info", "Klanten 2024", "Klanten 2025"]
    rows = book.get_sheet_by_name("Klanten 2025").to_python(skip_empty_area=False)
    assert rows[2] == ["007", "Bakkerij Peeters", 12345.67]
    assert rows[3] == ["012", "Café ’t Hoekske", "1.234,56"]
    assert rows[4] == [3.0, "Slagerij Maes", 999.05]
    assert rows[7] == ["", "Totaal", 39491.88]


def test_ods_customer_list_with_title_text_amounts_and_total_loads_to_the_cent(tmp_path):
    """Title row, text ids with leading zeros, numeric and '1.234,56' amounts, a total row."""
    path = write_ods(tmp_path / "omzet.ods", {"Blad1": CUSTOMERS_2025})
    table, report = load_customers(path)
    assert list(table.columns) == ["customer_id", "name", "revenue"]
    assert list(table["customer_id"]) == ["0420", "007", "012", "3", "015"]
    assert list(table["name"]) == [
        "Drukkerij Verbeke",
        "Bakkerij Peeters",
        "Café ’t Hoekske",
        "Slagerij Maes",
        "Garage Maes",
    ]
    assert list(table["revenue"]) == [25000.10, 12345.67, 1234.56, 999.05, -87.5]
    assert round(table["revenue"].sum(), 2) == 39491.88  # the total row is not a customer
    assert (report.file, report.kind, report.encoding, report.delimiter) == (
        "omzet.ods",
        "spreadsheet",
        None,
        None,
    )
    assert report.header_row == 2
    assert report.columns == {"customer_id": "klantnummer", "name": "klantnaam", "revenue": "omzet"}
    assert report.number_style == "comma"
    assert report.data_rows == 5 and report.customers == 5
    assert report.skipped == [(8, "total")]
    assert not report.invoice_lines
    lines = report.lines("nl")
    assert lines[0] == text("load.kind.spreadsheet", "nl", file="omzet.ods")
    assert text("load.header_row", "nl", row=2) in lines
    assert text("load.skipped", "nl", row=8, reason=text("load.skip.total", "nl")) in lines
    assert lines[-1] == text("load.customers", "nl", count=5)
    total_row = text("load.skipped", "en", row=8, reason=text("load.skip.total", "en"))
    assert total_row in report.lines("en")


def test_blank_rows_in_an_ods_are_dropped_and_reported(tmp_path):
    """A blank row between customers is skipped with its row; blank rows at the end are not."""
    rows = [*CUSTOMERS_2024[:2], [None, None, None], CUSTOMERS_2024[2], [None, None, None]]
    table, report = load_customers(write_ods(tmp_path / "k.ods", {"Blad1": rows}))
    assert list(table["customer_id"]) == ["007", "012"]
    assert list(table["revenue"]) == [10000.01, 2000.02]
    assert report.skipped == [(3, "blank")]


@pytest.mark.parametrize(
    ("sheet", "ids", "revenue"),
    [
        ("Klanten 2024", ["007", "012"], [10000.01, 2000.02]),
        ("Klanten 2025", ["0420", "007", "012", "3", "015"], [25000.10, 12345.67, 1234.56]),
    ],
)
def test_the_named_sheet_is_read(workbook, sheet, ids, revenue):
    """sheet= picks that sheet, not the first one; the report names it."""
    table, report = load_customers(workbook, sheet=sheet)
    assert list(table["customer_id"]) == ids
    assert list(table["revenue"])[: len(revenue)] == revenue
    assert report.sheet == sheet
    assert text("load.sheet", "nl", sheet=sheet) in report.lines("nl")
    assert text("load.sheet", "en", sheet=sheet) in report.lines("en")


def test_a_missing_sheet_names_the_file_and_the_sheets_it_has(workbook):
    """A sheet that is not there: the file, the name asked for and the sheets present."""
    with pytest.raises(KlantlibError) as caught:
        load_customers(workbook, sheet="Klanten 2026")
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("nl") == (
        "klanten.ods heeft geen tabblad 'Klanten 2026'. Tabbladen: Info, Klanten 2024,"
        " Klanten 2025."
    )
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("en") == (
        "klanten.ods has no sheet 'Klanten 2026'. Sheets: Info, Klanten 2024, Klanten 2025."
    )


def run_load(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "klantlib", "load", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_load_command_reads_the_named_sheet_and_writes_the_canonical_csv(workbook, tmp_path):
    """--sheet with --out: the customers of that sheet with '.' decimals; the report in Dutch."""
    out = tmp_path / "uit" / "klanten.csv"
    result = run_load(str(workbook), "--sheet", "Klanten 2025", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines() == [
        "customer_id,name,revenue",
        "0420,Drukkerij Verbeke,25000.10",
        "007,Bakkerij Peeters,12345.67",
        "012,Café ’t Hoekske,1234.56",
        "3,Slagerij Maes,999.05",
        "015,Garage Maes,-87.50",
    ]
    printed = result.stdout.splitlines()
    assert printed[:3] == [
        text("load.kind.spreadsheet", "nl", file="klanten.ods"),
        text("load.sheet", "nl", sheet="Klanten 2025"),
        text("load.header_row", "nl", row=2),
    ]
    assert text("load.number_style", "nl", style=text("load.style.comma", "nl")) in printed
    assert text("load.skipped", "nl", row=8, reason=text("load.skip.total", "nl")) in printed
    assert text("load.customers", "nl", count=5) in printed
    assert printed[-1] == text("cli.written", "nl", path=out)


def test_load_command_without_out_prints_the_table_after_the_report(workbook):
    """Without --out the canonical CSV follows the report on the screen, in English with --lang."""
    result = run_load(str(workbook), "--sheet", "Klanten 2024", "--lang", "en")
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    assert printed[0] == text("load.kind.spreadsheet", "en", file="klanten.ods")
    assert text("load.sheet", "en", sheet="Klanten 2024") in printed
    assert printed[-3:] == [
        "customer_id,name,revenue",
        "007,Bakkerij Peeters,10000.01",
        "012,Café ’t Hoekske,2000.02",
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_load_command_missing_sheet_exits_2_and_writes_nothing(workbook, tmp_path, lang):
    """--sheet that is not there: exit code 2, one clear line, no traceback, no file."""
    out = tmp_path / "klanten.csv"
    result = run_load(str(workbook), "--sheet", "Blad1", "--lang", lang, "--out", str(out))
    assert result.returncode == 2
    missing = text(
        "error.sheet_not_found",
        lang,
        path="klanten.ods",
        sheet="Blad1",
        sheets="Info, Klanten 2024, Klanten 2025",
    )
    assert result.stderr.strip() == text("error.shown", lang, message=missing)
    assert result.stdout == ""
    assert not out.exists()
