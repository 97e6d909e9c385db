"""The command line: python -m klantlib segment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from klantlib import KlantlibError, Thresholds
from klantlib.cli import main, parse_thresholds
from klantlib.errors import Notice
from klantlib.i18n import text


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
    reason = text("reason", "nl", segment="B", band=text("band.large", "nl"), score=1)
    with_yes = text(
        "reason.yes_list", "nl", reason=reason, questions=text("question.network", "nl")
    )
    assert table.loc[1, "reason"] == text(
        "reason.open", "nl", reason=with_yes, questions=text("question.innovation", "nl")
    )
    printed = capsys.readouterr().out
    assert text("bands.chosen", "nl", low="€ 10.000", high="€ 50.000") in printed
    a_line = text(
        "cli.summary_line", "nl", segment="A", customers=2, revenue="€ 70.000", share="53,8%"
    )
    assert a_line in printed
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
    assert text("bands.suggested", "en", low="€5,000", high="€50,000") in printed
    assert set(read_segments(out)["band"]) == {"small", "medium", "large"}


def test_customer_without_answers_has_four_unknowns(files):
    """Customer 5 has no answer row: score 0 and four open questions in the reason."""
    customers, answers, out = files
    segment(customers, answers, out, "--bands", "10000,50000", "--lang", "en")
    reason = read_segments(out).loc[4, "reason"]
    questions = ", ".join(
        text(f"question.{q}", "en") for q in ("margin", "cashflow", "innovation", "network")
    )
    start = text("reason", "en", segment="C", band=text("band.small", "en"), score=0)
    assert reason == text("reason.open", "en", reason=start, questions=questions)


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
    ("typed", "key", "params"),
    [
        ("10000", "error.bands_format", {"value": "10000"}),
        ("veel,50000", "error.threshold_not_number", {"value": "veel"}),
        ("-5,50000", "error.negative_threshold", {"value": "-5"}),
        ("50000,10000", "error.thresholds_not_increasing", {"high": "€10,000", "low": "€50,000"}),
    ],
)
def test_bad_thresholds_are_explained(typed, key, params):
    """Unreadable, negative or decreasing thresholds get a precise message."""
    with pytest.raises(KlantlibError) as caught:
        parse_thresholds(typed)
    assert caught.value.message("en") == text(key, "en", **params)


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
    # literal on purpose: the wording is what the user reads
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
        ("", text("error.file_empty", "en", path="klanten.csv")),
        (
            "klant,omzet\nA,5\n",
            Notice(
                "error.missing_columns",
                {"missing": ["customer_id", "name", "revenue"], "present": ["klant", "omzet"]},
            ).message("en"),
        ),
        (
            "customer_id,name,revenue\n1,A,veel\n",
            text("error.bad_number", "en", row=2, column="revenue", value="veel"),
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
    missing = tmp_path / "nope.csv"
    result = run_cli("segment", str(missing), "--answers", "x.csv", "--out", str(tmp_path))
    assert result.returncode == 2
    not_found = text("error.file_not_found", "nl", path=str(missing))
    assert result.stderr.strip() == text("error.shown", "nl", message=not_found)


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
