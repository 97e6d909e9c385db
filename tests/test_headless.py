"""Running a notebook without JupyterLab: ``python -m klantlib run`` (papermill), and a mistyped
parameter name that stops the run instead of a warning — with our command and with papermill's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import klantlib
from klantlib.errors import KlantlibError, Notice
from klantlib.headless import (
    check_injected_parameters,
    check_parameter_names,
    find_notebook,
    notebook_parameters,
    parameter_value,
)
from klantlib.i18n import text
from klantlib.reports.quarter import QUARTER_FILES

KIT = Path(__file__).resolve().parents[1]
NEW_QUARTER = {"nl": KIT / "notebooks/nl/06_nieuw_kwartaal.ipynb",
               "en": KIT / "notebooks/en/06_new_quarter.ipynb"}  # fmt: skip
SAMPLE = KIT / "data" / "voorbeeld"


def test_the_new_quarter_notebook_has_the_parameters_a_quarter_needs():
    assert list(notebook_parameters(NEW_QUARTER["en"])) == [
        "lang",
        "previous_session",
        "customers_file",
        "session",
        "year",
        "participant",
        "report_folder",
    ]
    assert notebook_parameters(NEW_QUARTER["nl"])["lang"] == "nl"
    assert notebook_parameters(NEW_QUARTER["nl"])["year"] is None


def test_a_notebook_is_found_by_its_name_in_either_language(tmp_path):
    assert find_notebook("06_nieuw_kwartaal", "en") == NEW_QUARTER["nl"]
    assert find_notebook("06_new_quarter.ipynb", "nl") == NEW_QUARTER["en"]
    assert find_notebook(str(NEW_QUARTER["en"])) == NEW_QUARTER["en"]
    with pytest.raises(KlantlibError) as error:
        find_notebook("07_volgend_jaar", "nl")
    assert error.value.notice.key == "error.notebook_not_found"
    assert error.value.notice.params["notebook"] == "07_volgend_jaar"
    message = error.value.message("nl")
    assert "06_nieuw_kwartaal" in message and "06_new_quarter" in message


def test_an_unknown_name_is_refused_with_the_closest_known_one():
    with pytest.raises(KlantlibError) as error:
        check_parameter_names(["sesion", "kleur"], ["lang", "session"], notebook="06_x")
    # literal on purpose: the wording is what the user reads
    assert error.value.message("nl") == (
        "06_x kent deze parameters niet: 'sesion' (bedoel je 'session'?), 'kleur'."
        " De parameters zijn: lang, session. Er is niets uitgevoerd."
    )
    check_parameter_names(["session"], ["lang", "session"], notebook="06_x")  # known: fine


def test_values_take_the_type_of_the_default():
    assert parameter_value("session", "2027", "2026-Q4") == "2027"
    assert parameter_value("year", "2025", None) == 2025
    assert parameter_value("year", "None", None) is None
    assert parameter_value("participant", "An", None) == "An"
    assert parameter_value("anonymous", "ja", False) is True
    assert parameter_value("anonymous", "False", False) is False
    assert parameter_value("payment_term", " 45 ", 30) == 45
    assert parameter_value("margin_target", "82,5", 80.0) == 82.5
    with pytest.raises(KlantlibError) as error:
        parameter_value("payment_term", "dertig", 30)
    assert error.value.message("nl") == text(
        "error.parameter_value",
        "nl",
        name="payment_term",
        kind=text("run.kind_int", "nl"),
        value="dertig",
    )
    with pytest.raises(KlantlibError) as error:
        parameter_value("anonymous", "misschien", False)
    assert error.value.message("en") == text(
        "error.parameter_value",
        "en",
        name="anonymous",
        kind=text("run.kind_bool", "en"),
        value="misschien",
    )


def test_inside_the_kernel_papermills_cell_is_checked_against_the_parameters_cell():
    declared = 'lang = "nl"  # language\nsession = "2026-Q4"  # name\nyear = None\n'
    injected = '# Parameters\nsesion = "2027-Q1"\nyear = 2025\n'
    with pytest.raises(KlantlibError) as error:
        check_injected_parameters(["", declared, injected])
    no_such = Notice(
        "error.unknown_parameter",
        {
            "notebook": Notice("run.this_notebook"),
            "hints": [Notice("run.did_you_mean", {"name": "sesion", "known": "session"})],
            "known": ["lang", "session", "year"],
        },
    )
    assert error.value.message("en") == no_such.message("en")
    check_injected_parameters(["", declared, '# Parameters\nsession = "2027-Q1"\n'])
    check_injected_parameters(["", declared, "x = 1"])  # no papermill cell: nothing to check
    check_injected_parameters([])


def kit_command(*args: str, env_workspace: Path, cwd: Path = KIT) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "KLANTLIB_WORKSPACE": str(env_workspace)}
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, env=env, timeout=300,
        check=False, cwd=cwd,
    )  # fmt: skip


@pytest.fixture
def last_quarter(tmp_path) -> Path:
    """The workspace with session 2026-Q4 as notebooks 02-05 leave it on the sample data."""
    workspace = tmp_path / "sessies"
    with klantlib.start_session("2026-Q4", SAMPLE / "klanten.csv", workspace=workspace) as last:
        klantlib.add_example_answers(last, "nl")
    return workspace


@pytest.mark.slow
def test_a_quarter_re_runs_in_one_command(last_quarter, tmp_path):
    """The README's command: the new session, the files and the executed notebook; then a
    third quarter from the second, with a history of three quarters."""
    from klantlib.sample import write_next_quarter

    write_next_quarter(
        pd.read_csv(SAMPLE / "klanten_volgend_kwartaal.csv", dtype={"customer_id": str}),
        tmp_path / "export",
        seed=7,
    )
    out = tmp_path / "rapport"
    run = kit_command(
        "klantlib", "run", "06_new_quarter", "--lang", "en",
        "-p", "previous_session", "2026-Q4",
        "-p", "customers_file", str(SAMPLE / "klanten_volgend_kwartaal.csv"),
        "-p", "session", "2027-Q1",
        "-p", "report_folder", str(out),
        "--out", str(tmp_path / "06.ipynb"),
        env_workspace=last_quarter,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert text("cli.carried", "en", participant="An", count=44) in lines
    out_notebook = tmp_path / "06.ipynb"
    assert lines[-1] == text("run.done", "en", notebook="06_new_quarter", out=out_notebook)
    assert (tmp_path / "06.ipynb").is_file()
    assert sorted(p.name for p in out.iterdir()) == sorted([*QUARTER_FILES, *klantlib.REPORT_FILES])
    with klantlib.open_session("2027-Q1", workspace=last_quarter) as made:
        assert made.carried_from == "2026-Q4"
        assert len(made.new_customers()) == 2 and len(made.gone_customers()) == 4

    # a quarter later again: relative paths are taken from where the command is typed
    run = kit_command(
        "klantlib", "run", "06_nieuw_kwartaal",
        "-p", "previous_session", "2027-Q1",
        "-p", "customers_file", "export/klanten_volgend_kwartaal.csv",
        "-p", "session", "2027-Q2",
        "-p", "report_folder", "q2",
        "--out", "q2.ipynb",
        env_workspace=last_quarter, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    history = pd.read_csv(tmp_path / "q2" / "history.csv", dtype=str, keep_default_na=False)
    assert list(dict.fromkeys(history["quarter"])) == ["2026-Q4", "2027-Q1", "2027-Q2"]


@pytest.mark.slow
def test_a_mistyped_parameter_stops_before_anything_runs(last_quarter, tmp_path):
    run = kit_command(
        "klantlib", "run", "06_nieuw_kwartaal", "-p", "vorige_sessie", "2026-Q4",
        "--out", str(tmp_path / "06.ipynb"), env_workspace=last_quarter,
    )  # fmt: skip
    assert run.returncode == 2
    # literal on purpose: the wording is what the user reads
    assert run.stderr.startswith(
        "Fout: 06_nieuw_kwartaal kent deze parameter niet: 'vorige_sessie'"
    )
    assert not (tmp_path / "06.ipynb").exists()
    assert klantlib.list_sessions(last_quarter) == ["2026-Q4"]


@pytest.mark.slow
def test_a_failing_cell_says_the_kits_message(last_quarter, tmp_path):
    run = kit_command(
        "klantlib", "run", "06_new_quarter", "--lang", "en", "-p", "previous_session", "2026-Q3",
        "--out", str(tmp_path / "06.ipynb"), env_workspace=last_quarter,
    )  # fmt: skip
    assert run.returncode == 2
    not_found = text(
        "error.session_not_found", "en", name="2026-Q3", folder=last_quarter, sessions="2026-Q4"
    )
    stopped = text(
        "error.run_failed",
        "en",
        notebook="06_new_quarter",
        cell=5,
        message=not_found,
        out=tmp_path / "06.ipynb",
    )
    assert run.stderr.strip() == text("error.shown", "en", message=stopped)


@pytest.mark.slow
def test_papermill_itself_stops_on_a_mistyped_parameter(last_quarter, tmp_path):
    """Plain papermill only warns about an unknown name; step 1 of the notebook refuses it."""
    out = tmp_path / "06.ipynb"
    run = kit_command(
        "papermill", str(NEW_QUARTER["en"]), str(out), "--cwd", str(NEW_QUARTER["en"].parent),
        "-p", "previos_session", "2026-Q4", env_workspace=last_quarter,
    )  # fmt: skip
    assert run.returncode != 0
    executed = nbformat.read(out, as_version=4)
    said = "".join(
        o.get("text", "") for c in executed.cells for o in c.get("outputs", []) if "text" in o
    )
    hint = text("run.did_you_mean", "en", name="previos_session", known="previous_session")
    assert hint in said
    assert klantlib.list_sessions(last_quarter) == ["2026-Q4"]  # nothing was made
