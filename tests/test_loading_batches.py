"""Reading text files in batches: the same table, rows and messages as reading them whole."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klantlib.errors import MAX_KEPT, InputError
from klantlib.ingest.loading import load_customers

TINY = 256  # bytes per slice: a 50-line file spans many batches


def write(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(content.encode(encoding))
    return path


def invoice_lines(n: int = 50, *, amount=lambda i: f"{i},50", year: int = 2025) -> list[str]:
    """Invoice lines in Flemish style: five customers, one line each per row."""
    return [
        f"F{i:03d};{1 + i % 28:02d}/{1 + i % 12:02d}/{year};{i % 5:03d};Klant {i % 5};{amount(i)}"
        for i in range(n)
    ]


HEADER = "Factuurnr;Factuurdatum;Klantnr;Klant;Bedrag"


def load(path: Path, **kwargs):
    return load_customers(path, progress=False, **kwargs)


def test_a_bad_amount_in_a_late_batch_names_its_row(tmp_path):
    """Row 48 of a file read 256 bytes at a time: the message names row 48."""
    lines = invoice_lines()
    lines[46] = lines[46].rsplit(";", 1)[0] + ";veel"
    path = write(tmp_path / "lijnen.csv", "\n".join([HEADER, *lines]) + "\n")
    for slice_bytes in (TINY, 1 << 20):
        with pytest.raises(InputError) as caught:
            load(path, year=2025, slice_bytes=slice_bytes)
        assert caught.value.message("en") == (
            "lijnen.csv: 1 problem found:\n"
            "- row 48, column 'Bedrag': 'veel' is not an amount (write e.g. 1.234,56)"
        )


def test_blank_lines_between_rows_keep_the_row_numbers(tmp_path):
    """Blank lines (LF and CRLF) are rows: a bad date after them names its spreadsheet row."""
    lines = invoice_lines(40)
    lines[30] = lines[30].replace("/2025", "/2O25")
    body = lines[:5] + ["", ""] + lines[5:20] + [""] + lines[20:]
    for newline in ("\n", "\r\n"):
        path = write(tmp_path / "lijnen.csv", newline.join([HEADER, *body]) + newline * 3)
        for slice_bytes in (TINY, 1 << 20):
            with pytest.raises(InputError) as caught:
                load(path, year=2025, slice_bytes=slice_bytes)
            row = 2 + 30 + 3  # header row 1, three blank lines before it
            assert caught.value.problems[0].params["row"] == row
            assert caught.value.problems[0].params["value"] == lines[30].split(";")[1]
        fixed = path.read_bytes().decode().replace("2O25", "2025")
        write(path, fixed)
        whole = load(path, year=2025, slice_bytes=1 << 20)
        batched = load(path, year=2025, slice_bytes=TINY)
        pd.testing.assert_frame_equal(whole[0], batched[0])
        assert whole[1] == batched[1]
        assert batched[1].skipped == [(7, "blank"), (8, "blank"), (24, "blank")]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_utf16_and_cp1252_files_read_the_same(tmp_path, encoding):
    """Names with accents and € amounts read the same from cp1252, UTF-16 and UTF-8."""
    lines = [f"{i};Café ’t Hoekske {i % 3};€ {i}.234,{i % 100:02d}" for i in range(1, 30)]
    content = "Omzet per klant\n\nKlantnr;Klantnaam;Omzet\n" + "\n".join(lines) + "\n"
    path = write(tmp_path / f"klanten-{encoding}.csv", content, encoding)
    plain = write(tmp_path / "klanten.csv", content)
    expected, _ = load(plain)
    for slice_bytes in (TINY, 1 << 20):
        table, report = load(path, slice_bytes=slice_bytes)
        pd.testing.assert_frame_equal(table, expected)
        assert report.header_row == 3 and report.number_style == "comma"
    assert table["name"].iloc[0].startswith("Café ’t Hoekske")


def test_a_later_batch_in_the_other_style_is_an_error_for_its_rows(tmp_path):
    """The first batch decides: decimal comma. '12.50' on row 45 is written the other way."""
    lines = invoice_lines()
    lines[43] = lines[43].rsplit(";", 1)[0] + ";12.50"
    path = write(tmp_path / "lijnen.csv", "\n".join([HEADER, *lines]) + "\n")
    with pytest.raises(InputError) as caught:
        load(path, year=2025, slice_bytes=1024)
    assert caught.value.message("en") == (
        "lijnen.csv: 1 problem found:\n"
        "- row 45, column 'Bedrag': '12.50' is written with a decimal point (like 1,234.56),"
        " but the column uses a decimal comma (like 1.234,56)"
    )


def test_a_row_with_more_cells_than_the_header_is_named(tmp_path):
    """An extra cell on row 5: an error naming the row, not a crash."""
    lines = invoice_lines(10)
    lines[3] += ";extra"
    path = write(tmp_path / "lijnen.csv", "\n".join([HEADER, *lines]) + "\n")
    with pytest.raises(InputError) as caught:
        load(path, year=2025)
    assert "row 5 has 6 cells, but the header row only 5" in caught.value.message("en")


def test_short_rows_and_quoted_line_breaks_read_like_a_spreadsheet(tmp_path):
    """A quoted value over two lines is one row; a short row gets empty cells."""
    content = (
        'Klantnr;Klantnaam;Adres;Omzet\n1;Peeters;"Kerkstraat 1\nGent";10,50\n2;Maes;;5\n3;Claes\n'
    )
    path = write(tmp_path / "k.csv", content)
    for slice_bytes in (16, 1 << 20):
        with pytest.raises(InputError) as caught:
            load(path, slice_bytes=slice_bytes)
        assert caught.value.message("en") == (
            "k.csv: 1 problem found:\n- row 4, column 'Omzet': the cell is empty"
        )
    write(path, content.replace("3;Claes\n", "3;Claes;;1\n"))
    table, _ = load(path, slice_bytes=16)
    assert list(table["revenue"]) == [10.5, 5.0, 1.0]


def test_progress_is_reported_in_bytes(tmp_path):
    """A progress function hears how far the reading is, ending at the file's size."""
    path = write(tmp_path / "lijnen.csv", "\n".join([HEADER, *invoice_lines()]) + "\n")
    seen: list[tuple[int, int]] = []
    load_customers(path, year=2025, slice_bytes=TINY, progress=lambda *a: seen.append(a))
    size = path.stat().st_size
    assert len(seen) > 3 and seen[-1] == (size, size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@st.composite
def invoice_files(draw):
    """Invoice lines with ids, names typed in several ways, credit notes, blank and total
    rows, and amounts in either style."""
    style = draw(st.sampled_from(["comma", "dot"]))
    n = draw(st.integers(2, 60))
    rows = []
    for i in range(n):
        cents = draw(st.integers(-(10**7), 10**8))
        amount = f"{abs(cents) // 100:,}.{abs(cents) % 100:02d}"
        if style == "comma":
            amount = amount.translate(str.maketrans(",.", ".,"))
        amount = ("-" if cents < 0 else "") + amount
        customer = draw(st.integers(0, 6))
        name = draw(
            st.sampled_from([f"Klant {customer}", f" klant  {customer}", f"KLANT {customer}"])
        )
        day = draw(
            st.dates(
                min_value=pd.Timestamp(2024, 6, 1).date(),
                max_value=pd.Timestamp(2025, 12, 31).date(),
            )
        )
        rows.append(f"F{i};{day:%d/%m/%Y};{customer:03d};{name};{amount}")
        if draw(st.integers(0, 15)) == 0:
            rows.append("")
    rows[0] = rows[0].rsplit(";", 1)[0] + (";1,25" if style == "comma" else ";1.25")
    rows.append(draw(st.sampled_from(["", "Totaal;;;;999", ";;;;"])))
    return "\n".join([HEADER, *rows]) + "\n"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=invoice_files(), slice_bytes=st.integers(64, 512))
def test_small_and_batched_reads_give_the_same_table_and_report(tmp_path, content, slice_bytes):
    """Any file, read whole or a few hundred bytes at a time: the same table and report."""
    path = write(tmp_path / "lijnen.csv", content)
    whole, batched = (outcome(path, slice_bytes=size) for size in (1 << 20, slice_bytes))
    if isinstance(whole, str):
        assert whole == batched
    else:
        pd.testing.assert_frame_equal(whole[0], batched[0])
        assert whole[1] == batched[1]


def outcome(path: Path, **kwargs):
    """The table and report, or the error message."""
    try:
        return load(path, year=2025, **kwargs)
    except InputError as exc:
        return exc.message("en")


def test_a_file_of_bad_amounts_keeps_a_hundred_messages_and_counts_them_all(tmp_path):
    """50,000 lines with text for an amount, in many batches: the message lists the first
    ten in row order and counts all 50,000; only the first hundred are kept in memory."""
    lines = invoice_lines(50_000, amount=lambda i: "n.v.t.")
    path = write(tmp_path / "lijnen.csv", "\n".join([HEADER, *lines]) + "\n")
    with pytest.raises(InputError) as caught:
        load(path, year=2025, slice_bytes=64 << 10)
    error = caught.value
    assert error.count == 50_000
    assert len(error.problems) == MAX_KEPT
    assert [p.params["row"] for p in error.problems] == list(range(2, 2 + MAX_KEPT))
    message = error.message("en").splitlines()
    assert message[0] == "lijnen.csv: 50,000 problems found:"
    assert message[1] == "- row 2, column 'Bedrag': 'n.v.t.' is not an amount (write e.g. 1234)"
    assert message[-1] == "- … and 49,990 more"
    assert error.message("nl").splitlines()[-1] == "- … en nog 49.990 andere"
    assert len(message) == 12


def test_bad_dates_and_amounts_together_are_counted_per_column(tmp_path):
    """Every line has a bad date and every third a bad amount: both counted, amounts first."""
    lines = invoice_lines(3_000, amount=lambda i: "?" if i % 3 == 0 else "12,50")
    lines = [line.replace("/2025", "/20x5") for line in lines]
    path = write(tmp_path / "lijnen.csv", "\n".join([HEADER, *lines]) + "\n")
    with pytest.raises(InputError) as caught:
        load(path, year=2025, slice_bytes=16 << 10)
    assert caught.value.count == 3_000 + 1_000
    keys = [p.key for p in caught.value.problems]
    assert keys == ["error.amount_not_number"] * len(keys)
