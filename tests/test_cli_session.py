"""The command line with sessions: session create, answers import/export, segment --session.

Every command runs end to end in a fresh process, in a workspace under ``tmp_path``.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from klantlib.cli import main
from klantlib.core.bands import Thresholds
from klantlib.errors import Notice
from klantlib.i18n import text
from klantlib.store.segmentation import segment_session
from klantlib.store.workspace import open_session
from tests.test_loading_ods import write_ods

KIT = Path(__file__).resolve().parents[1]
SAMPLE = KIT / "data" / "voorbeeld"
SAMPLE_CUSTOMERS = SAMPLE / "klanten.csv"
SAMPLE_ANSWERS = SAMPLE / "antwoorden_an.csv"

CUSTOMERS = (
    "customer_id,name,revenue\n"
    "007,Bakkerij Peeters,60000\n"
    "012,Hotel Ter Duinen,50000\n"
    "3,Drukkerij Verbeke,10000\n"
    "4,Café 't Hoekske,9999.99\n"
    "-5,Garage Maes,100\n"
)
"""Five customers, largest first; one id that starts like a formula."""

HEADER_NL = "customer_id,name,marge,cashflow,innovatie,netwerk,note,favourite,time"
SHEET_NL = (
    f"{HEADER_NL}\n"
    "007,Bakkerij Peeters,ja,nee,?,ja,'=SOM(A1:A9),ja,12.5\n"
    "012,Hotel Ter Duinen,nee,,,,,,veel\n"
    '3,Drukkerij Verbeke,,,,,"belt terug, na 14u",,\n'
    "4,Café 't Hoekske,?,?,?,?,'t Hoekske: vraag naar Jan,,2\n"
    "'-5,Garage Maes,,,,,,,\n"
)
"""An answer sheet as the kit writes it (nl), without changed_at: answers, unknowns, blanks, a
note that looks like a formula, a note with a comma, a Flemish apostrophe, hours and a word."""


# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------


def run_process(*args: object) -> subprocess.CompletedProcess[str]:
    """``python -m klantlib ARGS`` in a fresh process; a traceback always fails the test."""
    result = subprocess.run(
        [sys.executable, "-m", "klantlib", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=KIT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    """``python -m klantlib ARGS`` as :func:`main` in this process, from the kit's folder,
    with what it prints; an exception (which a process would show as a traceback) fails the
    test. A few tests run the real process (:func:`run_process`)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(KIT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None) * 2
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def ok(*args: object) -> str:
    """Run a command that must succeed; its output."""
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def refused(*args: object) -> str:
    """Run a command that must stop with exit code 2 and one message; the message."""
    result = run_cli(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith(tuple(shown("", lang) for lang in ("nl", "en")))
    return result.stderr.strip()


def shown(message: str, lang: str) -> str:
    """An error as the command line shows it: "Fout: ..." / "Error: ..."."""
    return text("error.shown", lang, message=message)


def history_tail(lang: str, undone: bool = False, **params: object) -> str:
    """A line of ``answers history`` without its time stamp."""
    line = text("history.undo" if undone else "history.line", lang, at="", **params)
    return line.split("  ", 1)[1]


def create(ws: Path, name: str, customers: Path, *more: object) -> list[object]:
    """The arguments of ``session create``."""
    return ["session", "create", name, "--customers", customers, "--workspace", ws, *more]


def import_(ws: Path, file: Path, *more: object, who: str = "An", into: str = "test") -> list:
    """The arguments of ``answers import`` (participant An, session 'test' unless said)."""
    return ["answers", "import", file, "--session", into, "--participant", who, "--workspace", ws,
            *more]  # fmt: skip


def export(ws: Path, out: Path, *more: object, of: str = "test") -> list[object]:
    """The arguments of ``answers export`` of session 'test' unless said."""
    return ["answers", "export", "--session", of, "--workspace", ws, "--out", out, *more]


def write(path: Path, content: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(content.encode(encoding))
    return path


def history(ws: Path, name: str = "test") -> pd.DataFrame:
    with open_session(name, workspace=ws) as opened:
        return opened.history()


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def sheet_rows(path: Path) -> list[tuple[object, ...]]:
    """The cells of the first sheet of an .xlsx, as openpyxl reads them."""
    workbook = openpyxl.load_workbook(path)
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def leftovers(folder: Path) -> list[str]:
    """Temporary files the writers left behind (there must be none)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".klantlib-"))


@pytest.fixture
def ws(tmp_path) -> Path:
    """The workspace of the test: never the kit's data folder."""
    return tmp_path / "sessies"


@pytest.fixture
def session(tmp_path, ws) -> str:
    """Session 'test' holding the five customers, thresholds 10,000 and 50,000."""
    customers = write(tmp_path / "klanten.csv", CUSTOMERS)
    ok(*create(ws, "test", customers, "--bands", "10000,50000"))
    return "test"


# ------------------------------------------------------------------------------------------
# session create
# ------------------------------------------------------------------------------------------


def test_session_create_prints_what_was_loaded_and_where_the_session_is(ws):
    """The load report, then one line: name, customers, thresholds and the session's file."""
    out = ok(*create(ws, "2026-Q4", SAMPLE_CUSTOMERS, "--bands", "10.000;50.000"))
    lines = out.splitlines()
    assert lines[0] == text("load.kind.csv", "nl", file="klanten.csv")
    assert text("load.customers", "nl", count=48) in lines
    bands = text("cli.session_bands", "nl", low="€ 10.000", high="€ 50.000")
    assert lines[-1] == text(
        "cli.session_created",
        "nl",
        name="2026-Q4",
        customers=48,
        bands=bands,
        path=ws / "2026-Q4.sqlite",
    )
    with open_session("2026-Q4", workspace=ws) as made:
        assert made.thresholds == Thresholds(10_000, 50_000)
        assert made.source == "klanten.csv"
        customers = made.customers()
    expected = read_csv(SAMPLE_CUSTOMERS)
    assert customers["customer_id"].tolist() == expected["customer_id"].tolist()
    assert customers["revenue"].tolist() == expected["revenue"].astype(float).tolist()
    assert customers["account_manager"].tolist() == expected["account_manager"].tolist()


def test_session_from_invoice_lines_adds_up_the_year_given(ws):
    """Invoice lines with --year 2025 give the revenue of klanten.csv; no bands chosen yet."""
    invoices = SAMPLE / "factuurlijnen.csv"
    out = ok(*create(ws, "facturen", invoices, "--year", "2025", "--lang", "en"))
    no_bands = text("cli.session_no_bands", "en")
    assert out.splitlines()[-1].startswith(
        text("cli.session_created", "en", name="facturen", customers=48, bands=no_bands, path="")
    )
    with open_session("facturen", workspace=ws) as made:
        assert made.thresholds is None
        revenue = made.customers().set_index("customer_id")["revenue"]
    expected = read_csv(SAMPLE_CUSTOMERS).set_index("customer_id")["revenue"].astype(float)
    assert revenue.sort_index().round(2).equals(expected.sort_index())


def test_an_existing_session_is_not_made_again_and_keeps_its_answers(tmp_path, ws, session):
    """Same name again: exit 2 before the file is read; the session and its answers stay."""
    ok(*import_(ws, write(tmp_path / "a.csv", "customer_id,marge\n007,ja\n")))
    result = run_cli(*create(ws, session, SAMPLE_CUSTOMERS))
    assert result.returncode == 2 and result.stdout == ""
    exists = text("error.session_exists", "nl", name="test", folder=ws)
    assert result.stderr.strip() == shown(exists, "nl")
    assert len(history(ws)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--bands", "50000,10000"],
            text("error.thresholds_not_increasing", "en", high="€10,000", low="€50,000"),
        ),
        (["--bands", "veel,10"], text("error.threshold_not_number", "en", value="veel")),
        (["--year", "2031"], shown("", "en")),
    ],
)
def test_bad_bands_or_an_empty_year_make_no_session(ws, args, message):
    """Wrong thresholds, or a year without invoice lines: exit 2, no session file at all."""
    assert message in refused(*create(ws, "s", SAMPLE / "factuurlijnen.csv", *args, "--lang", "en"))
    assert not ws.exists() or list(ws.iterdir()) == []


def test_a_bad_session_name_is_explained(ws):
    assert refused(*create(ws, "../x", SAMPLE_CUSTOMERS, "--lang", "en")) == shown(
        text("error.session_name", "en", value="../x"), "en"
    )


# ------------------------------------------------------------------------------------------
# answers import and export: round trips
# ------------------------------------------------------------------------------------------


def test_csv_answer_sheet_round_trips_exactly(tmp_path, ws, session):
    """Import a sheet, export it: the same cells (changed_at added); again via a new session."""
    sheet = write(tmp_path / "an.csv", SHEET_NL)
    assert ok(*import_(ws, sheet)).splitlines() == [
        text("cli.answers_new_participant", "nl", participant="An", name="test", participants="—"),
        text(
            "cli.answers_imported",
            "nl",
            file="an.csv",
            rows=5,
            cells=16,
            stored=16,
            participant="An",
            name="test",
        ),
    ]
    exported = tmp_path / "export" / "an.csv"
    ok(*export(ws, exported))
    table = read_csv(exported)
    assert list(table.columns) == [*HEADER_NL.split(","), "changed_at"]
    assert table.drop(columns="changed_at").equals(read_csv(sheet))
    assert exported.read_text(encoding="utf-8").startswith(
        f"{HEADER_NL},changed_at\n007,Bakkerij Peeters,ja,nee,?,ja,'=SOM(A1:A9),ja,12.5,20"
    )
    assert (table["changed_at"] == "").tolist() == [False, False, False, False, True]

    # the exported file, changed_at and all, into another session gives the same file again
    ok(*create(ws, "tweede", tmp_path / "klanten.csv"))
    ok(*import_(ws, exported, who="Pieter", into="tweede"))
    again = tmp_path / "again.csv"
    ok(*export(ws, again, of="tweede"))
    assert read_csv(again).drop(columns="changed_at").equals(table.drop(columns="changed_at"))


def test_xlsx_answer_sheet_round_trips_exactly(tmp_path, ws, session):
    """An English .xlsx with numbers, words and blanks comes back cell for cell."""
    header = ["customer_id", "name", "margin", "cashflow", "innovation", "network"]
    rows: list[list[object]] = [
        [*header, "note", "favourite", "time"],
        ["007", "Bakkerij Peeters", "yes", "no", "?", "yes", "'=1+1", "yes", 12.5],
        ["012", "Hotel Ter Duinen", "no", None, None, None, None, None, "average"],
        ["3", "Drukkerij Verbeke", None, None, None, None, "line 1\nline 2", None, None],
        ["4", "Café 't Hoekske", "?", "?", "?", "?", "€ 500 korting", None, 2],
        ["'-5", "Garage Maes", None, None, None, None, None, None, None],
    ]
    original = tmp_path / "answers.xlsx"
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(original)
    ok(*import_(ws, original, "--lang", "en"))
    exported = tmp_path / "export.xlsx"
    out = ok(*export(ws, exported, "--participant", "An", "--lang", "en"))
    assert out.splitlines() == [
        text("cli.answers_exported", "en", participant="An", name="test", answered=4, customers=5),
        text("cli.written", "en", path=exported),
    ]
    back = sheet_rows(exported)
    assert back[0] == (*rows[0], "changed_at")
    assert [row[:-1] for row in back[1:]] == [tuple(row) for row in rows[1:]]
    workbook = openpyxl.load_workbook(exported)
    note = workbook.active["G2"]
    assert (note.value, note.data_type) == ("'=1+1", "s")  # text, never a formula
    workbook.close()


def test_dutch_spellings_are_read_and_written_back_the_kits_way(tmp_path, ws):
    """antwoorden_an.csv (j, JA, n, 1, blanks) is exported as ja/nee/? with the same meaning."""
    ok(*create(ws, "voorbeeld", SAMPLE_CUSTOMERS))
    ok(*import_(ws, SAMPLE_ANSWERS, into="voorbeeld"))
    exported = tmp_path / "an.csv"
    ok(*export(ws, exported, of="voorbeeld"))
    table = read_csv(exported)
    original = read_csv(SAMPLE_ANSWERS)
    assert table["customer_id"].tolist() == original["customer_id"].tolist()
    words = {"ja": "ja", "j": "ja", "1": "ja", "nee": "nee", "n": "nee", "?": "?", "": ""}
    for column in ("marge", "cashflow", "innovatie", "netwerk"):
        assert table[column].tolist() == [words[v.casefold()] for v in original[column]]


def test_csv_with_semicolons_a_bom_and_headers_in_any_case_is_read(tmp_path, ws, session):
    """Excel's 'CSV UTF-8' with ';', capitals, Dutch names and a blank line: all read."""
    sheet = tmp_path / "excel.csv"
    sheet.write_bytes(
        "\ufeffCUSTOMER_ID;Marge;Cash-flow;INNOVATIE;Netwerk;Notitie;Favoriet;Tijd\r\n"
        "007;J;x;n;0;Café;X;12,5\r\n"
        ";;;;;;;\r\n"
        "3;Nee;?;onbekend;JA;;nee;Weinig\r\n".encode()
    )
    ok(*import_(ws, sheet))
    exported = tmp_path / "out.csv"
    ok(*export(ws, exported, "--lang", "en"))
    table = read_csv(exported).set_index("customer_id")
    questions = ["margin", "cashflow", "innovation", "network"]
    assert table.loc["007", questions].tolist() == ["yes", "yes", "no", "no"]
    assert table.loc["007", ["note", "favourite", "time"]].tolist() == ["Café", "yes", "12.5"]
    assert table.loc["3", questions].tolist() == ["no", "?", "?", "yes"]
    assert table.loc["3", ["favourite", "time"]].tolist() == ["", "little"]


def test_ods_answer_sheet_is_read(tmp_path, ws, session):
    """An OpenDocument sheet with ids typed as numbers: 7 is 007, its zeros were dropped."""
    rows = [["customer_id", "marge", "tijd"], [3, "ja", 4.5], [7, "nee", None]]
    ok(*import_(ws, write_ods(tmp_path / "an.ods", {"Blad1": rows})))
    with open_session(session, workspace=ws) as opened:
        current = opened.current("An").set_index("customer_id")
    assert current.loc["3", "margin"] == "yes" and current.loc["3", "time"] == "4.5"
    assert current.loc["007", "margin"] == "no"


def test_an_empty_cell_stores_nothing_and_the_same_file_twice_stores_nothing(tmp_path, ws, session):
    """A blank never erases an answer; '?' is an answer; re-importing changes nothing."""
    first = write(tmp_path / "first.csv", "customer_id,marge,netwerk\n007,ja,ja\n012,nee,\n")
    second = write(tmp_path / "second.csv", "customer_id,marge,netwerk\n007,,?\n012,nee,\n")
    ok(*import_(ws, first))
    assert len(history(ws)) == 3
    imported = {"file": "second.csv", "rows": 2, "cells": 2, "participant": "An", "name": "test"}
    stored_one = text("cli.answers_imported", "nl", stored=1, **imported)
    assert stored_one in ok(*import_(ws, second))  # netwerk of 007: ja -> ?
    stored_none = text("cli.answers_imported", "en", stored=0, **imported)
    assert stored_none in ok(*import_(ws, second, "--lang", "en"))
    with open_session(session, workspace=ws) as opened:
        current = opened.current("An").set_index("customer_id")
        assert len(opened.history()) == 4
    assert current.loc["007", ["margin", "network"]].tolist() == ["yes", "unknown"]
    assert current.loc["012", "margin"] == "no" and pd.isna(current.loc["012", "network"])


# ------------------------------------------------------------------------------------------
# answers import: a bad file stores nothing
# ------------------------------------------------------------------------------------------


def test_a_bad_row_rejects_the_whole_file_and_stores_nothing(tmp_path, ws, session):
    """Good rows around bad ones: one message with file, row, column and value; no change."""
    ok(*import_(ws, write(tmp_path / "ok.csv", "customer_id,marge\n3,ja\n")))
    before = history(ws)
    bad = write(
        tmp_path / "antwoorden.csv",
        "customer_id;Marge;tijd;favoriet\n"
        "007;ja;veel;x\n"
        "999;ja;;\n"
        "\n"
        "012;misschien;-3;?\n"
        "007;nee;;\n",
    )
    # literal on purpose: the wording is what the user reads
    assert refused(*import_(ws, bad)) == (
        "Fout: antwoorden.csv: 5 problemen gevonden:\n"
        "- rij 3, kolom 'customer_id': Klantnummer '999' zit niet in sessie 'test'.\n"
        "- rij 5, kolom 'Marge': 'misschien' is geen antwoord (gebruik ja, nee of ?; ook j, n,"
        " x, 1, 0 of een lege cel)\n"
        "- rij 5, kolom 'tijd': '-3' is geen tijdsinschatting (een aantal uren per jaar, bv."
        " 12,5, of weinig, gemiddeld of veel)\n"
        "- rij 5, kolom 'favoriet': '?' is geen favoriet-markering (gebruik ja of x, nee, of een"
        " lege cel)\n"
        "- rij 6, kolom 'customer_id': klantnummer '007' staat er al op rij 2"
    )
    assert history(ws).equals(before)


def test_a_bad_cell_in_a_spreadsheet_names_the_row_the_spreadsheet_shows(tmp_path, ws, session):
    """Blank rows in an .xlsx still count: the bad cell is on row 5, in English."""
    path = tmp_path / "answers.xlsx"
    workbook = openpyxl.Workbook()
    for row in (["customer_id", "network"], ["007", "yes"], [], [], ["3", "perhaps"]):
        workbook.active.append(row)
    workbook.save(path)
    # literal on purpose: the wording is what the user reads
    assert refused(*import_(ws, path, "--lang", "en")) == (
        "Error: answers.xlsx: 1 problem found:\n- row 5, column 'network': 'perhaps' is not"
        " an answer (use yes, no or ?; also y, n, x, 1, 0 or an empty cell)"
    )
    assert history(ws).empty


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "customer_id,marge,inovatie\n007,ja,ja\n",
            "- " + text("error.answers_unknown_column", "en", column="inovatie"),
        ),
        (
            "klant,marge\n007,ja\n",
            Notice(
                "error.missing_columns", {"missing": ["customer_id"], "present": ["klant", "marge"]}
            ).message("en"),
        ),
        ("customer_id,name\n007,Bakkerij Peeters\n", text("error.answers_no_columns", "en")),
        (
            "customer_id,marge,margin\n007,ja,ja\n",
            text(
                "error.answers_duplicate_column",
                "en",
                columns="marge, margin",
                field=text("question.margin", "en"),
            ),
        ),
        (
            "customer_id,marge\n007,ja,ja\n",
            text("error.answers_no_header", "en", column="C", row=1),
        ),
        ("customer_id,marge\n", text("error.answers_no_rows", "en")),
        (
            "customer_id,note\n007," + "x" * 2001 + "\n",
            text("error.session_note", "en", length=2001, most=2000),
        ),
    ],
)
def test_files_that_are_not_answer_sheets_are_explained(tmp_path, ws, session, content, expected):
    """Unknown or repeated columns, no id, no answers: exit 2, named, nothing stored."""
    error = refused(*import_(ws, write(tmp_path / "a.csv", content), "--lang", "en"))
    assert error.startswith(shown("a.csv: ", "en"))
    assert expected in error
    assert history(ws).empty


def test_import_into_an_unknown_session_lists_the_sessions(ws, session):
    assert refused(*import_(ws, SAMPLE_ANSWERS, into="2027")) == shown(
        text("error.session_not_found", "nl", name="2027", folder=ws, sessions="test"), "nl"
    )


def test_a_missing_answer_file_is_named(tmp_path, ws, session):
    error = refused(*import_(ws, tmp_path / "weg.csv"))
    assert error == shown(text("error.file_not_found", "nl", path=tmp_path / "weg.csv"), "nl")


# ------------------------------------------------------------------------------------------
# answers export: participants and files
# ------------------------------------------------------------------------------------------


@pytest.fixture
def two_participants(tmp_path, ws, session) -> str:
    for who, answer in (("An", "ja"), ("Pieter", "nee")):
        ok(
            *import_(
                ws, write(tmp_path / f"{who}.csv", f"customer_id,marge\n007,{answer}\n"), who=who
            )
        )
    return session


def test_export_with_several_participants_needs_one_and_writes_nothing(
    tmp_path, ws, two_participants
):
    out = tmp_path / "out" / "answers.xlsx"
    assert refused(*export(ws, out, "--lang", "en")) == shown(
        text("error.session_participants", "en", name="test", participants="An, Pieter"), "en"
    )
    assert not out.parent.exists()
    ok(*export(ws, out, "--participant", "Pieter"))
    assert sheet_rows(out)[1][:3] == ("007", "Bakkerij Peeters", "nee")
    assert leftovers(out.parent) == []


def test_export_without_answers_is_a_blank_sheet_to_fill_in(tmp_path, ws, session):
    """No answers yet (or a participant who has none): every customer, empty answer cells."""
    blank = tmp_path / "blank.csv"
    assert ok(*export(ws, blank)).splitlines()[0] == text(
        "cli.answers_blank", "nl", name="test", customers=5
    )
    assert blank.read_text(encoding="utf-8") == (
        f"{HEADER_NL},changed_at\n"
        "007,Bakkerij Peeters,,,,,,,,\n"
        "012,Hotel Ter Duinen,,,,,,,,\n"
        "3,Drukkerij Verbeke,,,,,,,,\n"
        "4,Café 't Hoekske,,,,,,,,\n"
        "'-5,Garage Maes,,,,,,,,\n"
    )
    named = tmp_path / "sofie.csv"
    ok(*export(ws, named, "--participant", "Sofie"))
    assert named.read_text(encoding="utf-8") == blank.read_text(encoding="utf-8")
    assert history(ws).empty


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "answers.ods",
            shown(
                text("error.answers_export_kind", "en", path="answers.ods", kinds=".csv, .xlsx"),
                "en",
            ),
        ),
        ("folder.csv", text("error.answers_out_is_dir", "en", path="folder.csv")),
    ],
)
def test_export_to_a_file_it_cannot_write_leaves_nothing(tmp_path, ws, session, name, expected):
    target = tmp_path / name
    if name == "folder.csv":
        target.mkdir()
    assert expected in refused(*export(ws, target, "--lang", "en"))
    assert target.is_dir() if name == "folder.csv" else not target.exists()
    assert leftovers(tmp_path) == []


def test_export_of_an_unknown_session_lists_the_sessions(tmp_path, ws, session):
    out = tmp_path / "a.csv"
    assert refused(*export(ws, out, "--lang", "en", of="Q1")) == shown(
        text("error.session_not_found", "en", name="Q1", folder=ws, sessions="test"), "en"
    )
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_failed_write_leaves_neither_a_half_file_nor_the_old_one_changed(
    tmp_path, ws, session, monkeypatch, suffix
):
    """The disk fills up halfway: exit 2, the earlier export intact, no temporary file."""
    target = tmp_path / f"answers{suffix}"
    assert main([str(a) for a in export(ws, target)]) == 0
    before = target.read_bytes()

    def full_disk(self, path, *args, **kwargs):
        if hasattr(path, "write"):  # the open temporary file to_csv writes into
            path.write("customer_id,na")
        else:
            Path(path).write_bytes(b"PK\x03\x04half")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(openpyxl.Workbook, "save", full_disk)
    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    with open_session(session, workspace=ws) as opened:
        opened.record("An", "007", "margin", "yes")
    assert main([str(a) for a in export(ws, target)]) == 2
    assert target.read_bytes() == before
    assert leftovers(tmp_path) == []


# ------------------------------------------------------------------------------------------
# segment --session
# ------------------------------------------------------------------------------------------


def test_segment_from_a_session_gives_the_same_segments_as_from_the_files(tmp_path, ws):
    """klanten.csv + antwoorden_an.csv + bands, as files or as a session: the same file."""
    files = tmp_path / "files"
    ok("segment", SAMPLE_CUSTOMERS, "--answers", SAMPLE_ANSWERS, "--bands", "10000,50000",
       "--out", files)  # fmt: skip
    ok(*create(ws, "2026-Q4", SAMPLE_CUSTOMERS, "--bands", "10000,50000"))
    ok(*import_(ws, SAMPLE_ANSWERS, into="2026-Q4"))
    from_session = ["segment", "--session", "2026-Q4", "--workspace", ws, "--out"]
    out = ok(*from_session, tmp_path / "session")
    assert out.startswith(
        text("cli.session_answers_of", "nl", participant="An", name="2026-Q4")
        + "\n"
        + text("bands.chosen", "nl", low="€ 10.000", high="€ 50.000")
        + "\n"
    )
    expected = (files / "segments.csv").read_bytes()
    assert (tmp_path / "session" / "segments.csv").read_bytes() == expected

    # a second participant: without --participant the team's answers, as the notebooks and
    # the report use them (what both agree on); An's segments with --participant An
    ok(*import_(ws, SAMPLE / "antwoorden_pieter.csv", who="Pieter", into="2026-Q4"))
    team = ok(*from_session, tmp_path / "team")
    assert team.startswith(text("plan.answers_team", "nl"))
    with open_session("2026-Q4", workspace=ws) as session:
        agreed = segment_session(session).segments
    written = pd.read_csv(tmp_path / "team" / "segments.csv", dtype={"customer_id": str})
    assert written["segment"].tolist() == agreed["segment"].tolist()
    assert (tmp_path / "team" / "segments.csv").read_bytes() != expected
    ok(*from_session, tmp_path / "again", "--participant", "An")
    assert (tmp_path / "again" / "segments.csv").read_bytes() == expected


def test_segment_without_answers_in_the_session_uses_the_suggested_bands(tmp_path, ws):
    """No thresholds and nobody answered: 80/15/5, every question open, as with no answers."""
    ok(*create(ws, "leeg", SAMPLE_CUSTOMERS))
    blank = write(tmp_path / "blank.csv", "customer_id\n")
    ok("segment", SAMPLE_CUSTOMERS, "--answers", blank, "--out", tmp_path / "files", "--lang", "en")
    out = ok("segment", "--session", "leeg", "--workspace", ws, "--lang", "en", "--out", tmp_path)
    assert out.splitlines()[:2] == [
        text("cli.session_no_answers", "en", name="leeg"),
        text("bands.suggested", "en", low="€3,800", high="€15,000"),
    ]
    expected = (tmp_path / "files" / "segments.csv").read_bytes()
    assert (tmp_path / "segments.csv").read_bytes() == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [SAMPLE_CUSTOMERS, "--answers", SAMPLE_ANSWERS, "--session", "test"],
            ("error.segment_session_and_files", {}),
        ),
        ([SAMPLE_CUSTOMERS], ("error.segment_needs_input", {})),
        (
            [SAMPLE_CUSTOMERS, "--answers", SAMPLE_ANSWERS, "--participant", "An"],
            ("error.segment_session_options", {}),
        ),
        (
            ["--session", "test", "--participant", "Jonas"],
            (
                "error.session_participant_unknown",
                {"participant": "Jonas", "name": "test", "participants": "—"},
            ),
        ),
        (["--session", "Q9"], ("error.session_not_found", {"name": "Q9", "sessions": "test"})),
    ],
)
def test_segment_with_files_and_session_mixed_up_is_explained(tmp_path, ws, session, args, message):
    out = tmp_path / "out"
    key, params = message
    if key == "error.session_not_found":
        params = {**params, "folder": ws}
    expected = shown(text(key, "en", **params), "en")
    assert refused("segment", *args, "--workspace", ws, "--out", out, "--lang", "en").startswith(
        expected
    )
    assert not out.exists()


def test_answers_history_lists_who_changed_what_when(tmp_path):
    """Every change in order, undo marked, filtered by participant and customer; in English."""
    customers = write(tmp_path / "klanten.csv", CUSTOMERS)
    ok(*create(tmp_path, "test", customers))
    with open_session("test", workspace=tmp_path) as opened:
        opened.record("An", "007", "margin", "yes")
        opened.record("Pieter", "012", "time", "much")
        opened.record("An", "007", "margin", "no")
        opened.undo("An")
        opened.record("An", "3", "note", "belt terug")
    shown = ok("answers", "history", "--session", "test", "--workspace", tmp_path, "--lang", "en")
    tails = [line.split("  ", 1)[1] for line in shown.splitlines()]
    margin, yes, no = (
        text(k, "en") for k in ("question.margin", "form.answer.yes", "form.answer.no")
    )
    an_007 = {"participant": "An", "id": "007", "name": "Bakkerij Peeters", "field": margin}
    assert tails == [
        history_tail("en", value=yes, **an_007),
        history_tail(
            "en",
            participant="Pieter",
            id="012",
            name="Hotel Ter Duinen",
            field=text("form.field.time", "en"),
            value=text("form.time.much", "en"),
        ),
        history_tail("en", value=no, **an_007),
        history_tail("en", undone=True, value=yes, **an_007),
        history_tail(
            "en",
            participant="An",
            id="3",
            name="Drukkerij Verbeke",
            field=text("form.field.note", "en"),
            value="“belt terug”",
        ),
    ]
    only = ok("answers", "history", "--session", "test", "--workspace", tmp_path,
              "--participant", "An", "--customer", "007")  # fmt: skip
    an_007["field"] = text("question.margin", "nl")
    ja, nee = text("form.answer.yes", "nl"), text("form.answer.no", "nl")
    assert [line.split("  ", 1)[1] for line in only.splitlines()] == [
        history_tail("nl", value=ja, **an_007),
        history_tail("nl", value=nee, **an_007),
        history_tail("nl", undone=True, value=ja, **an_007),
    ]
    nobody = ok("answers", "history", "--session", "test", "--workspace", tmp_path,
                "--participant", "Jonas")  # fmt: skip
    assert nobody == text("history.none", "nl") + "\n"


def test_the_team_answer_is_what_segment_uses_and_what_export_gives(tmp_path):
    """With team answers stored, segment --session uses them without --participant, and
    answers export --participant team writes them."""
    customers = write(tmp_path / "klanten.csv", CUSTOMERS)
    ok(*create(tmp_path, "test", customers, "--bands", "10000,50000"))
    with open_session("test", workspace=tmp_path) as opened:
        for who, answer in (("An", "yes"), ("Pieter", "no"), ("team", "yes")):
            for question in ("margin", "cashflow", "innovation", "network"):
                opened.record(who, "3", question, answer)
    out = tmp_path / "out"
    shown = ok(
        "segment", "--session", "test", "--workspace", tmp_path, "--out", out, "--lang", "en"
    )
    segments = pd.read_csv(out / "segments.csv", dtype=str).set_index("customer_id")
    assert segments.loc["3", "score"] == "4"
    assert "team" in shown
    sheet = tmp_path / "team.csv"
    ok(*export(tmp_path, sheet, "--participant", "team", "--lang", "en"))
    rows = read_csv(sheet).set_index("customer_id")
    assert rows.loc["3", ["margin", "cashflow", "innovation", "network"]].tolist() == ["yes"] * 4


def test_the_commands_run_as_a_process_too(tmp_path, ws):
    """A smoke test of the real process (the other tests call main() in this one): a session
    is made, answered and segmented by ``python -m klantlib``, in English."""
    made = run_process(*create(ws, "rook", SAMPLE_CUSTOMERS, "--lang", "en"))
    assert made.returncode == 0 and made.stderr == ""
    stored = run_process(*import_(ws, SAMPLE_ANSWERS, into="rook"), "--lang", "en")
    assert stored.returncode == 0, stored.stderr
    segmented = run_process("segment", "--session", "rook", "--workspace", ws, "--lang", "en",
                            "--out", tmp_path / "out")  # fmt: skip
    assert segmented.returncode == 0, segmented.stderr
    assert segmented.stdout.startswith(
        text("cli.session_answers_of", "en", participant="An", name="rook")
    )
    assert (tmp_path / "out" / "segments.csv").is_file()
    refused_ = run_process("segment", "--session", "geen", "--workspace", ws, "--out", tmp_path)
    assert refused_.returncode == 2 and refused_.stderr.startswith(shown("", "nl"))
