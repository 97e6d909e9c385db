"""Limits: a file too large to read safely is refused with the way on, never a traceback or a
machine out of memory. The 100 MB figures are measured by ``benchmarks/bench_limits.py``; here
the limits are made small, so the same code paths run on small files."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from klantlib.errors import InputError, KlantlibError
from klantlib.i18n import text
from klantlib.ingest import sources, textfile
from klantlib.ingest.loading import load_customers
from tests.test_loading_ods import write_ods


def workbook(path, sheets: dict[str, list[list[object]]]):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


SMALL = [["Klant", "Omzet"], ["Bakkerij Peeters", 1200], ["Café De Kroon", 800]]


def with_huge_text(path, size: int):
    """The workbook at ``path`` with its cell ``HUGE`` holding ``size`` characters, written
    into the zip as a program could (Excel and openpyxl stop a cell at 32,767)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info.filename, data.replace(b"HUGE", b"A" * size))
    return path


def test_a_small_xlsx_holding_a_huge_text_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """The .xlsx is a few kB; unpacked, its texts are larger than the limit: refused with the
    way on (save as CSV), in both languages, without reading the sheet."""
    monkeypatch.setattr(sources, "SHEET_LIMIT_MB", 1)
    path = workbook(tmp_path / "klanten.xlsx", {"Blad1": [*SMALL, ["HUGE", 10]]})
    with_huge_text(path, 2 << 20)
    assert path.stat().st_size < 50_000
    with pytest.raises(KlantlibError) as refused:
        load_customers(path)
    # literal on purpose: the wording is what the user reads
    assert refused.value.message("nl") == (
        "klanten.xlsx: dit tabblad bevat uitgepakt meer dan 1 MB aan cellen; zo'n rekenblad in"
        " één keer inlezen kan meer geheugen vragen dan deze computer heeft. Bewaar het"
        " tabblad in Excel als 'CSV UTF-8' (Bestand → Opslaan als) en lees dat bestand in:"
        " een CSV leest de kit in stukken, hoe groot ook."
    )
    assert refused.value.message("en") == text(
        "error.sheet_too_large", "en", path="klanten.xlsx", limit=1
    )


def test_only_the_sheet_asked_for_counts(tmp_path, monkeypatch):
    """A workbook with a large second sheet: its first sheet loads; the large one is refused."""
    monkeypatch.setattr(sources, "SHEET_LIMIT_MB", 1)
    path = workbook(tmp_path / "twee.xlsx", {"Klanten": SMALL, "Groot": [*SMALL, ["HUGE", 1]]})
    with_huge_text(path, 2 << 20)
    table, _ = load_customers(path)
    assert table["name"].tolist() == ["Bakkerij Peeters", "Café De Kroon"]
    with pytest.raises(KlantlibError) as refused:
        load_customers(path, sheet="Groot")
    assert refused.value.message("nl") == text(
        "error.sheet_too_large", "nl", path="twee.xlsx", limit=1
    )


def test_an_ods_counts_its_content(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "SHEET_LIMIT_MB", 1)
    path = write_ods(tmp_path / "groot.ods", {"Blad1": [*SMALL, ["Reus", "B" * (2 << 20)]]})
    with pytest.raises(KlantlibError) as refused:
        load_customers(path)
    assert refused.value.message("nl") == text(
        "error.sheet_too_large", "nl", path="groot.ods", limit=1
    )


def test_a_zip_that_is_not_a_whole_spreadsheet_says_it_cannot_be_read(tmp_path):
    path = workbook(tmp_path / "stuk.xlsx", {"Blad1": SMALL})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data[info.header_offset + 60 : info.header_offset + 80] = b"\x00" * 20  # damaged bytes
    path.write_bytes(bytes(data))
    with pytest.raises(KlantlibError) as refused:
        load_customers(path)
    assert refused.value.notice.key == "error.file_unreadable"
    assert refused.value.message("en").startswith(
        text("error.file_unreadable", "en", path="stuk.xlsx", reason="")
    )


def test_a_spreadsheet_cell_over_the_cell_limit_names_its_row(tmp_path):
    """Under the size limit, one cell of 200,000 characters: the row is named, as in a CSV.
    (An .xlsx cell is read up to Excel's 32,767 characters, below this limit.)"""
    rows = [*SMALL, ["Reus " + "C" * 200_000, 5]]
    path = write_ods(tmp_path / "k.ods", {"Blad1": rows})
    with pytest.raises(InputError) as refused:
        load_customers(path)
    assert refused.value.problems[0].message("nl") == text("error.cell_too_large", "nl", row=4)


def test_a_line_of_an_aligned_text_over_the_cell_limit_names_its_row(tmp_path):
    content = "Klant       Omzet\nBakkerij    1200\n" + "Reus" + " " * 10 + "D" * 200_000 + "\n"
    path = tmp_path / "lijst.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_customers(path)
    assert refused.value.problems[0].message("en") == text("error.cell_too_large", "en", row=3)


def test_one_name_on_several_rows_without_ids_is_said_in_the_report(tmp_path):
    """Without customer ids, two rows with one name stay two customers; the report says so,
    with the rows and the way to make them one, in both languages."""
    path = tmp_path / "klanten.csv"
    path.write_text("Klant;Omzet\nBakkerij Peeters;100\nCafé;50\nbakkerij peeters ;25\n")
    table, report = load_customers(path)
    assert len(table) == 3
    assert report.same_names == [("Bakkerij Peeters", [2, 4])]
    for lang in ("nl", "en"):
        same_name = text("load.same_name", lang, name="Bakkerij Peeters", rows="2, 4")
        assert same_name in report.lines(lang)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_row_without_line_ends_is_refused_before_it_is_read_whole(
    tmp_path, monkeypatch, encoding
):
    """Line ends lost: after two good rows, one "row" of many cells runs on past the row
    limit. Refused naming that row, in both languages, instead of taking it into memory."""
    monkeypatch.setattr(textfile, "ROW_LIMIT", 64 << 10)
    path = tmp_path / "lijnen.csv"
    body = "Klant;Omzet\nBakkerij;10\nCafé;20\n" + "Garage;30 " * 20_000
    path.write_text(body, encoding=encoding)
    with pytest.raises(InputError) as refused:
        load_customers(path, slice_bytes=16 << 10)
    # literal on purpose: the wording is what the user reads
    assert [p.message("nl") for p in refused.value.problems] == [
        "rij 4 is langer dan 4 MB zonder einde van de regel: geen klantenlijst of factuurlijn"
        " is zo lang. Kijk de export na (regeleinden weggevallen?) en lees ze opnieuw in."
    ]
    assert refused.value.problems[0].message("en") == text("error.row_too_large", "en", row=4)


def test_long_rows_under_the_limit_and_old_mac_line_ends_still_load(tmp_path, monkeypatch):
    monkeypatch.setattr(textfile, "ROW_LIMIT", 64 << 10)
    path = tmp_path / "klanten.csv"
    rows = [f"Klant {i};{i}" for i in range(10_000)]
    path.write_bytes(("Klant;Omzet\r" + "\r".join(rows) + "\r").encode())
    table, _ = load_customers(path, slice_bytes=16 << 10)
    assert len(table) == 10_000
