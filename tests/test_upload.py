"""The upload widget, driven in-process the way the browser drives it through the kernel."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

import klantlib
from klantlib.i18n import text
from klantlib.paths import kit_root
from klantlib.widgets.upload import (
    ACCEPTED_SUFFIXES,
    CustomerFilePicker,
    store_upload,
    upload_folder,
)

ROOT = Path(__file__).resolve().parents[1]
INVOICES = ROOT / "data" / "voorbeeld" / "factuurlijnen.csv"
CUSTOMERS = ROOT / "data" / "voorbeeld" / "klanten.csv"


def uploaded(name: str, content: bytes, kind: str = "text/csv") -> dict:
    """One file as ipywidgets 8 gives it to the kernel: content as a memoryview."""
    return {
        "name": name,
        "type": kind,
        "size": len(content),
        "content": memoryview(content),
        "last_modified": dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC),
    }


def upload(picker: CustomerFilePicker, name: str, content: bytes) -> None:
    """Choose one file in the picker's FileUpload."""
    picker.upload.value = (uploaded(name, content),)


@pytest.fixture
def picker(tmp_path, logged) -> CustomerFilePicker:
    """A Dutch picker for 2025 that stores uploads in a temporary folder."""
    return CustomerFilePicker(lang="nl", year=2025, folder=tmp_path / "eigen")


def test_offers_one_file_of_the_kinds_the_reader_knows(picker):
    """The file button accepts CSV, TSV, text (also .prn, aligned with spaces) and
    spreadsheets, one file at a time."""
    assert picker.upload.accept == ".csv,.tsv,.txt,.prn,.xlsx,.xlsm,.ods,.xls"
    assert set(ACCEPTED_SUFFIXES) == set(picker.upload.accept.split(","))
    assert picker.upload.multiple is False
    assert picker.year.value == "2025"
    assert picker.status_text == text("upload.waiting", "nl")
    # literal on purpose: the wording is what the user reads
    assert "op deze computer" in picker.help.value
    assert picker.table is None and picker.report is None


def test_invoice_lines_are_stored_read_and_reported(picker, tmp_path):
    """The file lands under its own name, the table has 48 customers, the report is shown."""
    calls = []
    picker.on_loaded(calls.append)
    content = INVOICES.read_bytes()
    upload(picker, "factuurlijnen.csv", content)

    stored = tmp_path / "eigen" / "factuurlijnen.csv"
    assert stored.read_bytes() == content
    assert picker.path == stored
    assert len(picker.table) == 48
    assert list(picker.table.columns[:3]) == ["customer_id", "name", "revenue"]
    assert picker.report.invoice_lines and picker.report.period == "2025"
    assert picker.error is None
    assert calls == [picker]
    lines = picker.status_text.splitlines()
    assert lines[0] == text("upload.stored", "nl", path="factuurlijnen.csv")
    assert lines[1:] == picker.report.lines("nl")
    assert lines[-1] == text("load.customers", "nl", count=48)


def test_the_bytes_leave_the_widget_once_stored(picker):
    """After storing, the FileUpload is emptied: no copy of the file stays in widget state."""
    upload(picker, "factuurlijnen.csv", INVOICES.read_bytes())
    assert picker.upload.value == ()
    assert picker.table is not None


def test_upload_through_the_widget_protocol(picker, tmp_path):
    """The state message the browser sends (milliseconds, list of files) is read the same way."""
    content = CUSTOMERS.read_bytes()
    file = uploaded("klanten.csv", content)
    file["last_modified"] = 1_767_605_400_000
    picker.upload.set_state({"value": [file]})
    assert (tmp_path / "eigen" / "klanten.csv").read_bytes() == content
    assert len(picker.table) == 48
    assert picker.report.invoice_lines is False


def test_english_report(tmp_path, logged):
    """An English picker says what it understood in English."""
    picker = CustomerFilePicker(lang="en", folder=tmp_path)
    upload(picker, "klanten.csv", CUSTOMERS.read_bytes())
    assert picker.status_text.splitlines()[0] == text("upload.stored", "en", path="klanten.csv")
    assert picker.status_text.splitlines()[-1] == text("load.customers", "en", count=48)


def test_a_taken_name_gets_a_number_and_nothing_is_overwritten(picker, tmp_path):
    """A different file with the same name is stored as 'klanten (2).csv'."""
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "klanten.csv").write_bytes(b"earlier file")
    upload(picker, "klanten.csv", CUSTOMERS.read_bytes())
    assert (folder / "klanten.csv").read_bytes() == b"earlier file"
    assert (folder / "klanten (2).csv").read_bytes() == CUSTOMERS.read_bytes()
    assert picker.status_text.startswith(text("upload.stored", "nl", path="klanten (2).csv"))


def test_the_same_file_twice_is_stored_once(picker, tmp_path):
    """Uploading identical bytes under the same name reuses the stored file."""
    content = CUSTOMERS.read_bytes()
    upload(picker, "klanten.csv", content)
    upload(picker, "klanten.csv", content)
    assert sorted(p.name for p in (tmp_path / "eigen").iterdir()) == ["klanten.csv"]


def test_store_upload_keeps_only_the_file_name(tmp_path):
    """Folders in the name are dropped and characters a file system refuses become '_'."""
    assert store_upload("../../geheim/a:b.csv", b"x", tmp_path) == tmp_path / "a_b.csv"
    assert store_upload("C:\\Users\\an\\export.csv", b"y", tmp_path) == tmp_path / "export.csv"
    assert store_upload("..", b"z", tmp_path) == tmp_path / "upload"
    assert store_upload("lijst", b"1", tmp_path) == tmp_path / "lijst"
    assert store_upload("lijst", b"2", tmp_path) == tmp_path / "lijst (2)"


def test_a_bad_file_shows_the_message_in_plain_words(picker, tmp_path):
    """A list without a revenue column: the message names the columns there, no table."""
    calls = []
    picker.on_loaded(calls.append)
    upload(picker, "lijst.csv", b"klantnr;naam;regio\n001;Bakkerij Peeters;Gent\n")
    assert picker.table is None and picker.report is None
    assert calls == []
    assert (tmp_path / "eigen" / "lijst.csv").is_file()
    lines = picker.status_text.splitlines()
    assert lines[0] == text("upload.stored", "nl", path="lijst.csv")
    assert lines[1].startswith(text("error.shown", "nl", message=""))
    assert "Traceback" not in picker.status_text
    assert picker.error == "\n".join(lines[1:])
    assert f"<b style='color: #b00020'>{text('error.shown', 'nl', message='')}" in (
        picker.status.value
    )


def test_an_empty_file_is_said_to_be_empty(tmp_path, logged):
    """An empty upload: the kit's own sentence, in English for an English picker."""
    picker = CustomerFilePicker(lang="en", folder=tmp_path)
    upload(picker, "leeg.csv", b"")
    assert picker.table is None
    empty = text("error.file_empty", "en", path=tmp_path / "leeg.csv")
    assert picker.error == text("error.shown", "en", message=empty)


def test_choosing_the_year_reads_the_file_again(tmp_path, logged):
    """Invoice lines over two years need a year; typing it reads the stored file again."""
    picker = CustomerFilePicker(lang="en", folder=tmp_path)
    calls = []
    picker.on_loaded(calls.append)
    upload(picker, "factuurlijnen.csv", INVOICES.read_bytes())
    assert picker.table is None
    assert text("error.several_years", "en", years="2024, 2025", last="2025") in picker.error
    picker.year.value = "2024"
    assert picker.error is None
    assert picker.report.period == "2024"
    assert calls == [picker]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["factuurlijnen.csv"]


def test_a_year_that_is_no_year_is_said_plainly(picker):
    """'vorig jaar' in the year box: say what to write; the table is cleared."""
    upload(picker, "factuurlijnen.csv", INVOICES.read_bytes())
    picker.year.value = "vorig jaar"
    assert picker.table is None
    # literal on purpose: the wording is what the user reads
    assert picker.error == "'vorig jaar' is geen jaartal. Schrijf bv. 2025, of laat het vak leeg."


def test_changing_the_year_before_any_upload_does_nothing(picker):
    """No file yet: the year is only remembered."""
    picker.year.value = "2024"
    assert picker.status_text == text("upload.waiting", "nl")


def test_a_failing_on_loaded_callback_is_shown_and_logged(picker, logged):
    """A crash in a registered callback is not swallowed: the widget says so and it is logged."""

    def broken(_picker):
        raise ZeroDivisionError("division by zero")

    picker.on_loaded(broken)
    upload(picker, "klanten.csv", CUSTOMERS.read_bytes())
    assert picker.table is not None  # the file itself was read
    assert picker.error == text(
        "error.unexpected", "nl", kind="ZeroDivisionError", detail="division by zero"
    )
    records = logged.take()
    assert [r.name for r in records] == ["klantlib.widgets.upload"]
    assert records[0].exc_info[0] is ZeroDivisionError


def test_an_unexpected_error_while_reading_is_shown_and_logged(picker, logged, monkeypatch):
    """Not a kit error (a bug): shown as 'something unexpected', logged with its traceback."""

    def crash(*args, **kwargs):
        raise KeyError("revenue")

    monkeypatch.setattr("klantlib.widgets.upload.load_customers", crash)
    upload(picker, "klanten.csv", CUSTOMERS.read_bytes())
    assert picker.table is None
    assert picker.error == text("error.unexpected", "nl", kind="KeyError", detail="'revenue'")
    assert len(logged.take()) == 1


def test_callbacks_can_be_removed(picker):
    """on_loaded(..., remove=True) stops the calls."""
    calls = []
    picker.on_loaded(calls.append)
    picker.on_loaded(calls.append, remove=True)
    upload(picker, "klanten.csv", CUSTOMERS.read_bytes())
    assert calls == []


def test_a_spreadsheet_upload(picker, tmp_path):
    """An .xlsx with a title row above the header is read like the CSV."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Omzet per klant 2025"])
    sheet.append(["Klantnr", "Klant", "Omzet"])
    sheet.append(["001", "Bakkerij Peeters", 12_500.5])
    sheet.append(["002", "Hotel Ter Duinen", 8_000])
    buffer = io.BytesIO()
    book.save(buffer)
    upload(picker, "omzet.xlsx", buffer.getvalue())
    assert list(picker.table["customer_id"]) == ["001", "002"]
    assert picker.table["revenue"].tolist() == [12_500.5, 8_000.0]
    assert text("load.header_row", "nl", row=2) in picker.status_text


def test_default_folder_is_data_eigen_in_the_kit():
    """Without a folder, uploads go to data/eigen beside the sample data."""
    assert upload_folder() == kit_root() / "data" / "eigen"
    picker = CustomerFilePicker(lang="nl")
    assert picker.folder == upload_folder()
    assert "data/eigen" in picker.help.value


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_ignores_uploads():
    """Files in data/eigen never end up in git; the sample data does."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "data/eigen/export.xlsx"], cwd=ROOT, check=False
    )
    kept = subprocess.run(
        ["git", "check-ignore", "-q", "data/voorbeeld/klanten.csv"], cwd=ROOT, check=False
    )
    assert (ignored.returncode, kept.returncode) == (0, 1)


def test_exported_from_klantlib():
    """The picker is part of the public API."""
    assert klantlib.CustomerFilePicker is CustomerFilePicker


def area_text(area) -> str:
    """What an Output area shows: its text and the text of its displays."""
    parts = []
    for output in area.outputs:
        parts.append(output.get("text", ""))
        parts.extend(str(v) for v in output.get("data", {}).values())
    return "\n".join(parts)


def test_a_view_shows_the_default_list_and_follows_each_upload(picker):
    """The list area shows the settings' file, then the uploaded file's customers at once."""
    default, _ = klantlib.load_customers(CUSTOMERS)
    area = picker.view(klantlib.customer_list_table, default, "nl")
    assert ">Brouwerij Mattheeuws bv</td>" in area_text(area)
    assert area_text(area).count("<tr") == 1 + 48  # header and 48 customers

    few = "klantnummer;klantnaam;omzet\n001;Bakkerij Peeters;1.500,00\n002;Slagerij Maes;900,00\n"
    upload(picker, "twee.csv", few.encode())
    shown = area_text(area)
    assert ">Bakkerij Peeters</td>" in shown and "Mattheeuws" not in shown
    assert shown.count("<tr") == 1 + 2
    assert len(area.outputs) == 1  # drawn again, not added below


def test_a_view_of_text_prints_it_and_a_bad_file_leaves_the_last_good_one(picker):
    default, _ = klantlib.load_customers(CUSTOMERS)
    area = picker.view(klantlib.pareto_line, default, "en")
    line = text("pareto.line", "en", percent=20, count=10, total=48, share="78.7%")
    assert area.outputs[0]["output_type"] == "stream"
    assert area.outputs[0]["text"].startswith(line)
    upload(picker, "leeg.csv", b"klant;omzet\n")
    assert picker.error is not None
    assert area_text(area).startswith(line)


def test_a_chart_view_holds_one_image_and_leaves_no_open_figure(picker):
    import matplotlib.pyplot as plt

    default, _ = klantlib.load_customers(CUSTOMERS)
    area = picker.view(klantlib.pareto_chart, default, lang="nl")
    assert [list(o["data"]) for o in area.outputs] == [["image/png", "text/plain"]]
    assert plt.get_fignums() == []
    upload(picker, "klanten.csv", CUSTOMERS.read_bytes())
    assert [list(o["data"]) for o in area.outputs] == [["image/png", "text/plain"]]
    assert plt.get_fignums() == []


def test_an_error_while_drawing_is_shown_in_the_area_and_logged(picker, logged):
    def broken(customers):
        raise ZeroDivisionError("division by zero")

    default, _ = klantlib.load_customers(CUSTOMERS)
    area = picker.view(broken, default)
    unexpected = text("error.unexpected", "nl", kind="ZeroDivisionError", detail="division by zero")
    assert unexpected in area_text(area)
    records = logged.take()
    assert [r.name for r in records] == ["klantlib.widgets.upload"]

    def refuses(customers):
        raise klantlib.InputError([klantlib.Notice("error.no_customers")])

    area = picker.view(refuses, default)
    assert text("error.no_customers", "nl") in area_text(area)
    assert logged.take() == []


def test_the_chosen_file_becomes_the_sessions_customers(tmp_path, logged):
    """With a session named, the uploaded file is what the next notebooks use: the session is
    made from it (or made again, while it holds nothing of the team's), and the picker says so."""
    workspace = tmp_path / "sessies"
    klantlib.use_customers_file("2026-Q4", None, workspace=workspace).session.close()  # sample
    picker = CustomerFilePicker(
        lang="nl", folder=tmp_path / "eigen", session="2026-Q4", workspace=workspace
    )
    own = "Klantnr;Klantnaam;Omzet\nK1;Eigen Eén;1.000,00\nK2;Eigen Twee;2.500,00\n"
    upload(picker, "klanten_eigen.csv", own.encode("cp1252"))
    assert picker.error is None
    with klantlib.open_session("2026-Q4", workspace=workspace) as session:
        assert session.source == "klanten_eigen.csv"
        assert list(session.customers()["name"]) == ["Eigen Twee", "Eigen Eén"]
        header = klantlib.session_header(session, "nl")
    assert header in picker.status_text
    remade = text("file.remade", "nl", name="2026-Q4", previous="factuurlijnen.csv")
    assert remade in picker.status_text


def test_a_file_that_would_swap_the_teams_work_is_refused_in_the_picker(tmp_path, logged):
    """Once the team answered on its own file, another upload is refused in plain words; the
    session keeps its customers and the picker shows no table for the other file."""
    workspace = tmp_path / "sessies"
    picker = CustomerFilePicker(
        lang="en", folder=tmp_path / "eigen", session="2026-Q4", workspace=workspace
    )
    upload(picker, "ours.csv", b"customer_id,name,revenue\n1,Ours,100\n")
    with klantlib.open_session("2026-Q4", workspace=workspace) as session:
        session.record("An", "1", "margin", "yes")
    upload(picker, "theirs.csv", b"customer_id,name,revenue\n9,Theirs,100\n")
    assert picker.table is None
    refused = text(
        "error.session_other_file",
        "en",
        name="2026-Q4",
        source="ours.csv",
        count=1,
        file="theirs.csv",
    )
    assert text("error.shown", "en", message=refused) in picker.status_text
    with klantlib.open_session("2026-Q4", workspace=workspace) as session:
        assert session.source == "ours.csv"


def test_a_picker_above_other_steps_says_to_run_them_again(tmp_path, logged):
    """Notebook 06's picker: after a file is read, it says the cells below must run again."""
    picker = CustomerFilePicker(lang="nl", folder=tmp_path / "eigen", run_below=True)
    upload(picker, "export.csv", b"customer_id,name,revenue\n1,Een,100\n")
    assert text("upload.run_below", "nl") in picker.status_text
    assert picker.path is not None and picker.path.name == "export.csv"


def test_dates_that_fit_both_orders_are_settled_in_the_widget(tmp_path, logged):
    """Invoice lines whose dates fit day and month first: the picker says so; choosing
    "month first" in its Dates box reads the file again, month first."""
    picker = CustomerFilePicker(lang="en", folder=tmp_path / "eigen", year=2025)
    lines = "customer_id,name,date,amount\n1,One,10/06/2025,10\n1,One,03/04/2025,5\n"
    upload(picker, "us.csv", lines.encode())
    assert picker.table is None
    unknown = text("error.date_order_unknown", "en", column="date", example="10/06/2025")
    assert unknown in picker.status_text
    picker.date_order.value = "mdy"
    assert picker.error is None
    assert picker.table.set_index("customer_id")["revenue"].to_dict() == {"1": 15.0}
