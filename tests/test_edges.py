"""Edges that must hold: names Windows cannot make, long upload names, typed dates, pipes."""

from __future__ import annotations

import html
import subprocess
import sys

import pandas as pd
import pytest

from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.store.workspace import check_session_name
from klantlib.widgets.upload import store_upload


@pytest.mark.parametrize("name", ["CON", "nul", "NUL.txt", "com1", "LPT9.csv", "aux"])
def test_session_names_windows_keeps_for_devices_are_refused(name):
    with pytest.raises(KlantlibError) as refused:
        check_session_name(name)
    assert refused.value.message("en") == text("error.session_name_reserved", "en", value=name)


@pytest.mark.parametrize("name", ["2026-Q4.", "sessie. ", "Q4 ."])
def test_a_session_name_ending_in_a_dot_is_refused(name):
    with pytest.raises(KlantlibError) as refused:
        check_session_name(name)
    assert refused.value.message("en") == text("error.session_name_dot", "en", value=name.strip())


def test_ordinary_session_names_still_pass():
    assert check_session_name(" 2026-Q4 ") == "2026-Q4"
    assert check_session_name("console 2") == "console 2"  # CON only as the whole name


def test_an_upload_with_a_name_over_255_bytes_is_stored_shortened(tmp_path):
    """A browser may hand over a file name longer than any file system allows."""
    name = "klanten " + "é" * 200 + ".xlsx"  # 409 bytes in UTF-8
    stored = store_upload(name, b"data", tmp_path)
    assert stored.suffix == ".xlsx"
    assert len(stored.name.encode("utf-8")) <= 255
    assert stored.read_bytes() == b"data"
    again = store_upload(name, b"other", tmp_path)  # a second one gets its number
    assert again != stored and len(again.name.encode("utf-8")) <= 255


def kit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "klantlib", *args], capture_output=True, text=True, check=False
    )


def test_a_date_that_is_no_date_says_what_is_wrong_and_the_forms(tmp_path):
    path = tmp_path / "k.csv"
    path.write_text("customer_id,name,revenue\n1,A,10\n", encoding="utf-8")
    run = kit("load", str(path), "--from", "2025-13-01", "--to", "2025-12-31", "--lang", "nl")
    assert run.returncode == 2
    assert run.stderr.strip().endswith(text("cli.bad_date", "nl", value="2025-13-01"))


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`load … | head -1`: no 'Broken pipe' message, as Unix tools do."""
    path = tmp_path / "veel.csv"
    rows = "".join(f"{i},Klant {i},{i}.50\n" for i in range(1, 20_001))
    path.write_text("customer_id,name,revenue\n" + rows, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "klantlib", "load", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()  # the reader goes away, as head does
    _, errors = process.communicate(timeout=60)
    assert first.startswith(b"veel.csv")
    assert b"Broken pipe" not in errors and b"Traceback" not in errors
    assert errors == b""


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_what_holds_customer_data_is_the_owners_only(tmp_path):
    """Session file (and its log), an upload and every report file: rw for the owner only."""
    import stat

    import pandas as pd

    from klantlib.reports.report import write_session_report
    from klantlib.store.workspace import create_session

    def mode(path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    customers = pd.DataFrame(
        {"customer_id": ["1", "2", "3"], "name": ["A", "B", "C"], "revenue": [9e4, 2e4, 5e3]}
    )
    with create_session("s", customers, workspace=tmp_path / "w") as session:
        session.record("An", "1", "margin", "yes")
        assert mode(session.path) == 0o600
        wal = session.path.with_name(session.path.name + "-wal")
        assert not wal.exists() or mode(wal) == 0o600
        written = write_session_report(session, tmp_path / "r", lang="nl")
    assert {name: mode(path) for name, path in written.items()} == dict.fromkeys(written, 0o600)
    upload = store_upload("klanten.csv", b"x", tmp_path / "eigen")
    assert mode(upload) == 0o600


def small_session(folder):
    import pandas as pd

    from klantlib.store.workspace import create_session

    customers = pd.DataFrame(
        {"customer_id": ["1", "2", "3"], "name": ["A", "B", "C"], "revenue": [9e4, 2e4, 5e3]}
    )
    return create_session("s", customers, workspace=folder)


def test_a_read_only_workspace_says_so_and_leaves_nothing_behind(tmp_path, monkeypatch):
    """Opening for writing fails (a read-only folder): the message says read-only, not 'no
    session file', and the log files the attempt made are gone."""
    import sqlite3

    import klantlib.store.session_file as session_file
    from klantlib.store.workspace import open_session

    small_session(tmp_path).close()

    def read_only(path):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(session_file, "connect", read_only)
    with pytest.raises(KlantlibError) as refused:
        open_session("s", workspace=tmp_path)
    assert refused.value.message("en") == text(
        "error.session_read_only", "en", path=tmp_path / "s.sqlite", folder=tmp_path
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sqlite"]


def test_a_session_of_a_newer_kit_says_so(tmp_path):
    import sqlite3

    from klantlib.store.workspace import open_session

    small_session(tmp_path).close()
    with sqlite3.connect(tmp_path / "s.sqlite") as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(KlantlibError) as refused:
        open_session("s", workspace=tmp_path)
    assert refused.value.message("en") == text(
        "error.session_newer", "en", path=tmp_path / "s.sqlite"
    )


def test_a_click_on_a_full_disk_says_so_and_stores_nothing(tmp_path, monkeypatch, logged):
    import sqlite3

    from klantlib.widgets.answer_form import AnswerForm

    with small_session(tmp_path) as session:
        form = AnswerForm(session, participant="An", lang="en")

        def full(*args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(session, "record", full)
        form.buttons["margin"]["yes"].click()
        assert html.escape(text("error.click_disk_full", "en")) in form.status.value
        assert form.buttons["margin"]["yes"].button_style != "success"
        monkeypatch.undo()
        assert session.current("An").empty
    assert [r.levelname for r in logged.take()] == ["WARNING"]


REVENUES = {
    "one customer": ["100"],
    "two customers": ["100", "50"],
    "all zero": ["0", "0"],
    "all negative": ["-100", "-5"],
}
# literal on purpose: the wording is what the user reads
SENTENCE = {
    "en": "type them in notebook 02 and click Store",
    "nl": "typ ze in notebook 02 en klik Bewaren",
}


def run_on(tmp_path, monkeypatch, lang: str, notebook: str, revenues: list[str]):
    """Run ``notebook`` on a customer list of ``revenues``, as Run All does (it stops at the
    first cell that fails); returns whether it ran to the end, and what it showed."""
    import nbclient
    import nbformat

    from klantlib.paths import kit_root
    from tests.test_hostile_notebooks import with_parameters

    monkeypatch.setenv("KLANTLIB_WORKSPACE", str(tmp_path / "w"))
    path = tmp_path / "klanten.csv"
    rows = [f"{i},Klant {i},{r}" for i, r in enumerate(revenues, 1)]
    path.write_text("customer_id,name,revenue\n" + "\n".join(rows) + "\n", encoding="utf-8")
    folder = kit_root() / "notebooks" / lang
    book = nbformat.read(folder / f"{notebook}.ipynb", as_version=4)
    values = {"customers_file": str(path)}
    grey = [c.source for c in book.cells if "parameters" in c.metadata.get("tags", [])]
    if "report_folder" in grey[0]:  # never the kit's own data/rapporten
        values["report_folder"] = str(tmp_path / "rapport")
    with_parameters(book, values)
    client = nbclient.NotebookClient(
        book, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(folder)}}
    )
    try:
        client.execute()
        ended = True
    except nbclient.exceptions.CellExecutionError:
        ended = False
    shown = "".join(
        str(o.get("text", "")) + "".join(o.get("traceback", []))
        for cell in book.cells
        for o in cell.get("outputs", [])
    )
    return ended, shown


@pytest.mark.slow
@pytest.mark.parametrize("revenues", list(REVENUES.values()), ids=list(REVENUES))
@pytest.mark.parametrize(
    "lang, notebook",
    [
        ("en", "01_customer_list"),
        ("en", "02_revenue_bands"),
        ("en", "03_four_questions"),
        ("nl", "03_vier_vragen"),
        ("en", "04_matrix"),
        ("en", "05_action_plan"),
    ],
)
def test_too_few_revenues_work_or_stop_with_one_plain_sentence(
    tmp_path, monkeypatch, lang, notebook, revenues
):
    """One customer, two, only zero or only negative revenues: 01 and 02 run to the end;
    03 to 05 stop with one sentence in the notebook's language that says where to choose the
    thresholds. Never a traceback."""
    ended, shown = run_on(tmp_path, monkeypatch, lang, notebook, revenues)
    assert "Traceback" not in shown
    if notebook[:2] in ("01", "02"):
        assert ended
    else:
        assert not ended
        assert SENTENCE[lang] in shown


def kit_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    import os

    clean = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [sys.executable, "-m", "klantlib", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**clean, **env},
    )


def test_the_command_line_speaks_dutch_usage_lines_included():
    """argparse's own messages with --lang nl: no English left."""
    run = kit_with({}, "segment", "--lang", "nl")
    assert run.returncode == 2
    assert run.stderr.startswith(text("cli.argparse.usage", "nl") + " python -m klantlib segment")
    # literal on purpose: the wording is what the user reads
    assert run.stderr.strip().endswith(
        "python -m klantlib segment: fout: deze argumenten ontbreken: --out"
    )
    run = kit_with({}, "load", "x.csv", "--year", "twee", "--lang", "nl")
    not_a_year = text("cli.argparse.invalid", "nl", arg="--year", value="'twee'")
    prog = "python -m klantlib load"
    assert text("cli.argparse.error", "nl", prog=prog, message=not_a_year) in run.stderr
    helped = kit_with({}, "--help", "--lang", "nl")
    assert text("cli.argparse.help", "nl") in helped.stdout
    assert text("cli.argparse.help", "en") not in helped.stdout


def input_required(lang: str) -> str:
    """argparse's complaint, in ``lang``, that ``load`` was given no INPUT."""
    required = text("cli.argparse.required", lang, args="INPUT")
    return text("cli.argparse.error", lang, prog="python -m klantlib load", message=required)


@pytest.mark.parametrize(
    "env, lang",
    [
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_BE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "nl"),
    ],
)
def test_without_lang_the_command_line_follows_the_computers_language(env, lang):
    assert input_required(lang) in kit_with(env, "load").stderr


def previous_quarter(workspace, revenues: list[str] | None) -> None:
    """Last quarter's session 2026-Q4: the sample's 48 customers with its thresholds, or the
    same few customers as this quarter (no thresholds can be chosen on them)."""
    from klantlib.core.bands import Thresholds
    from klantlib.core.customers import customer_table
    from klantlib.ingest.loading import load_customers
    from klantlib.paths import kit_root
    from klantlib.store.workspace import create_session

    if revenues is None:
        customers, _ = load_customers(kit_root() / "data" / "voorbeeld" / "klanten.csv")
        thresholds = Thresholds(10_000, 50_000)
    else:
        rows = [
            {"customer_id": str(i), "name": f"Klant {i}", "revenue": float(r)}
            for i, r in enumerate(revenues, 1)
        ]
        customers, thresholds = customer_table(pd.DataFrame(rows)), None
    create_session("2026-Q4", customers, thresholds=thresholds, workspace=workspace).close()


@pytest.mark.slow
@pytest.mark.parametrize("revenues", list(REVENUES.values()), ids=list(REVENUES))
@pytest.mark.parametrize("last_quarter", ["sample", "same"])
@pytest.mark.parametrize(
    "lang, notebook",
    [("en", "06_new_quarter"), ("nl", "00_start_hier")],
)
def test_the_start_and_a_new_quarter_on_too_few_revenues(
    tmp_path, monkeypatch, lang, notebook, revenues, last_quarter
):
    """On one, two, zero or negative revenues, with a session 2026-Q4 before: 00 and 06 run
    to the end when that session has thresholds (06 carries them over); when it is as small
    as this quarter (no thresholds could be chosen) they stop with the one sentence of 03 to
    05. Never a traceback, never 'None' for a file."""
    previous_quarter(tmp_path / "w", None if last_quarter == "sample" else revenues)
    ended, shown = run_on(tmp_path, monkeypatch, lang, notebook, revenues)
    assert "Traceback" not in shown
    assert "None" not in shown
    if last_quarter == "sample":
        assert ended
    else:
        assert not ended
        assert SENTENCE[lang] in shown
