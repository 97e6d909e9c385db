"""The command line: python -m klantlib segment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from klantlib import KlantlibError, Thresholds
from klantlib.cli import main, parse_thresholds


def write(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_text(content, encoding=encoding)
    return path


@pytest.fixture
def files(tmp_path):
    customers = write(
        tmp_path / "klanten.csv",
        "customer_id,name,revenue\n"
        "007,Bakkerij Peeters,60000\n"
        "012,Hotel Ter Duinen,50000\n"
        "3,Drukkerij Verbeke,10000\n"
        '4,=HYPERLINK("http://x"),9999.99\n'
        "5,Garage Maes,100\n",
    )
    answers = write(
        tmp_path / "antwoorden.csv",
        "customer_id,Marge,Cashflow,Innovatie,Netwerk\n"
        "007,ja,x,J,?\n"
        "012,nee,n,,1\n"
        "3,JA,ja,ja,ja\n"
        "999,ja,ja,ja,ja\n",
    )
    return customers, answers, tmp_path / "out"


def segment(customers: Path, answers: Path, out: Path, *options: str) -> int:
    """``python -m klantlib segment`` in-process; returns the exit code."""
    return main(["segment", str(customers), "--answers", str(answers), "--out", str(out), *options])


def read_segments(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "segments.csv", dtype={"customer_id": str})


def test_segment_writes_the_segment_table(files, capsys):
    """segments.csv has the agreed columns, Dutch bands and the right segments."""
    customers, answers, out = files
    code = segment(customers, answers, out, "--bands", "10000,50000")
    assert code == 0
    table = read_segments(out)
    assert list(table.columns) == [
        "customer_id",
        "name",
        "revenue",
        "band",
        "score",
        "segment",
        "reason",
    ]
    assert list(table["customer_id"]) == ["007", "012", "3", "4", "5"]
    assert list(table["band"]) == ["groot", "groot", "middel", "klein", "klein"]
    assert list(table["score"]) == [3, 1, 4, 0, 0]
    assert list(table["segment"]) == ["A", "B", "A", "C", "C"]
    assert table.loc[1, "reason"] == "B: groot, 1× ja: Netwerk; open: Innovatie"
    printed = capsys.readouterr().out
    assert "Omzetklassen: middel vanaf € 10.000, groot vanaf € 50.000." in printed
    assert "  A: 2 klanten, € 70.000 omzet (53,8%)" in printed
    assert "999" in printed  # the stray answer is reported, not silently dropped


def test_names_cannot_become_formulas_in_the_export(files):
    """A name starting with '=' is written with a leading apostrophe."""
    customers, answers, out = files
    segment(customers, answers, out)
    assert read_segments(out).loc[3, "name"] == '\'=HYPERLINK("http://x")'


def test_english_bands_and_suggested_thresholds_are_announced(files, capsys):
    """Without --bands the 80/15/5 thresholds are chosen and printed; --lang en names bands."""
    customers, answers, out = files
    segment(customers, answers, out, "--lang", "en")
    printed = capsys.readouterr().out
    assert "Revenue bands by 80/15/5 of revenue: medium from €5,000, large from €50,000." in (
        printed
    )
    assert set(read_segments(out)["band"]) == {"small", "medium", "large"}


def test_customer_without_answers_has_four_unknowns(files):
    """Customer 5 has no answer row: score 0 and four open questions in the reason."""
    customers, answers, out = files
    segment(customers, answers, out, "--bands", "10000,50000", "--lang", "en")
    reason = read_segments(out).loc[4, "reason"]
    assert reason == "C: small, 0× yes; open: Margin, Cash flow, Innovation, Network"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10000,50000", (10_000, 50_000)),
        ("10.000,50.000", (10_000, 50_000)),
        ("10.000;50.000", (10_000, 50_000)),
        ("€ 10 000;€ 50 000", (10_000, 50_000)),
        ("10000.5,50000", (10_000.5, 50_000)),
        ("2500,50;10000", (2_500.5, 10_000)),
    ],
)
def test_thresholds_as_people_type_them(typed, expected):
    """Thousands dots, semicolons, euro signs and spaces are understood."""
    assert parse_thresholds(typed) == Thresholds(*expected)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("10000", "Give two revenue thresholds, e.g. --bands 10000,50000 (got '10000')."),
        ("veel,50000", "The revenue threshold 'veel' is not a number."),
        ("-5,50000", "A revenue threshold cannot be negative (got -5)."),
        (
            "50000,10000",
            "The threshold for 'large' (€10,000) must be higher than the one for"
            " 'medium' (€50,000).",
        ),
    ],
)
def test_bad_thresholds_are_explained(typed, message):
    """Unreadable, negative or decreasing thresholds get a precise message."""
    with pytest.raises(KlantlibError) as caught:
        parse_thresholds(typed)
    assert caught.value.message("en") == message


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "klantlib", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_bad_answer_exits_2_with_a_clear_message_and_no_traceback(files):
    """A bad answer cell: exit code 2, file, row, column and value named, no output file."""
    customers, answers, out = files
    write(answers, "customer_id,marge\n007,misschien\n")
    result = run_cli("segment", str(customers), "--answers", str(answers), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Fout: antwoorden.csv: 1 probleem gevonden:\n"
        "- rij 2, kolom 'marge': 'misschien' is geen antwoord"
        " (gebruik ja, nee of ?; ook j, n, x, 1, 0 of een lege cel)"
    )
    assert "Traceback" not in result.stderr
    assert not (out / "segments.csv").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "is empty: there is no header row."),
        (
            "klant,omzet\nA,5\n",
            "Columns customer_id, name, revenue missing. Columns present: klant, omzet.",
        ),
        (
            "customer_id,name,revenue\n1,A,veel\n",
            "row 2, column 'revenue': 'veel' is not an amount",
        ),
    ],
)
def test_bad_customer_files_exit_2_in_english(files, content, expected):
    """Empty file, wrong columns, text as revenue: exit code 2 and the reason in English."""
    customers, answers, out = files
    write(customers, content)
    result = run_cli(
        "segment", str(customers), "--answers", str(answers), "--lang", "en", "--out", str(out)
    )
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path):
    """A customer file that does not exist is named."""
    result = run_cli(
        "segment", str(tmp_path / "nope.csv"), "--answers", "x.csv", "--out", str(tmp_path)
    )
    assert result.returncode == 2
    assert "Bestand niet gevonden" in result.stderr and "nope.csv" in result.stderr


def test_semicolon_file_with_bom_is_read(tmp_path):
    """Excel's 'CSV UTF-8' with a BOM and ';' as separator works."""
    customers = tmp_path / "k.csv"
    customers.write_bytes(
        "\ufeffcustomer_id;name;revenue\n01;Café Zénith;300\n02;B;20\n03;C;1\n".encode()
    )
    answers = write(tmp_path / "a.csv", "customer_id;marge\n01;ja\n")
    out = tmp_path / "out"
    assert segment(customers, answers, out, "--bands", "10,100") == 0
    table = read_segments(out)
    assert list(table["name"]) == ["Café Zénith", "B", "C"]
    assert list(table["customer_id"]) == ["01", "02", "03"]


def test_headers_with_capitals_and_spaces_are_the_kits_own_columns(tmp_path):
    """' Customer_ID ', 'Name' and 'REVENUE' are read as the three required columns."""
    customers = write(tmp_path / "k.csv", " Customer_ID , Name ,REVENUE\n1,A,300\n2,B,20\n3,C,1\n")
    answers = write(tmp_path / "a.csv", "CUSTOMER_ID,Marge\n1,ja\n")
    assert segment(customers, answers, tmp_path / "out", "--bands", "10,100") == 0
    assert list(read_segments(tmp_path / "out")["segment"]) == ["B", "C", "C"]
