"""One path from a session to the matrix: every route gives the same ``segments.csv``.

The sessions hold individual answers (An and Pieter, who agree on some questions and not on
others), team decisions (for one customer only, as a team that just started deciding), and
nothing for some customers. The reference is :func:`segment_session` written by
:func:`write_report`; the command line, the report of a session, the answer form's live
segment, the quarter comparison and a headless run of notebook 06 must give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from klantlib.cli import main
from klantlib.core.bands import Thresholds
from klantlib.core.consensus import TEAM
from klantlib.core.method import segment_customers
from klantlib.ingest.loading import load_customers
from klantlib.paths import kit_root
from klantlib.reports.quarter import quarter_segments
from klantlib.reports.report import write_report, write_session_report
from klantlib.store.answer_files import import_answers
from klantlib.store.segmentation import segment_session
from klantlib.store.workspace import create_session, open_session
from klantlib.widgets.answer_form import AnswerForm

SAMPLE = kit_root() / "data" / "voorbeeld"
TEAM_DECISIONS = [("margin", "no"), ("cashflow", "yes"), ("innovation", "unknown")]


def make_session(ws: Path, name: str = "2026-Q4", *, team_customers: int = 1) -> list[str]:
    """The sample's customers with An's and Pieter's answers and team decisions for the first
    ``team_customers`` customers; the customer ids."""
    customers, _ = load_customers(SAMPLE / "klanten.csv")
    with create_session(
        name, customers, thresholds=Thresholds(10_000, 50_000), workspace=ws
    ) as session:
        import_answers(session, "An", SAMPLE / "antwoorden_an.csv")
        import_answers(session, "Pieter", SAMPLE / "antwoorden_pieter.csv")
        ids = session.customer_ids()
        session.record_many(
            TEAM, [(cid, q, v) for cid in ids[:team_customers] for q, v in TEAM_DECISIONS]
        )
        return ids


def reference(ws: Path, out: Path, participant: str | None = None, name: str = "2026-Q4"):
    with open_session(name, workspace=ws) as session:
        write_report(segment_session(session, participant), out, lang="nl")
    return (out / "segments.csv").read_bytes()


@pytest.fixture
def ws(tmp_path):
    return tmp_path / "sessies"


@pytest.mark.parametrize("team_customers", [0, 1, 48])
def test_every_route_gives_the_same_segments(ws, tmp_path, team_customers):
    """No team decision, one, or all: the command line, the session report, the answer form
    (for the team and for An), and the quarter comparison agree with the one path, byte for
    byte; the team's segments are not An's."""
    make_session(ws, team_customers=team_customers)
    expected = reference(ws, tmp_path / "ref")
    assert main(["segment", "--session", "2026-Q4", "--workspace", str(ws), "--lang", "nl",
                 "--out", str(tmp_path / "cli")]) == 0  # fmt: skip
    assert (tmp_path / "cli" / "segments.csv").read_bytes() == expected
    with open_session("2026-Q4", workspace=ws) as session:
        write_session_report(session, tmp_path / "report", lang="nl")
        assert (tmp_path / "report" / "segments.csv").read_bytes() == expected
        form = AnswerForm(session, participant=TEAM, lang="nl")
        write_report(form.segmentation(), tmp_path / "form", lang="nl")
        assert (tmp_path / "form" / "segments.csv").read_bytes() == expected
        (_, compared), *_ = reversed(quarter_segments(session))
        written = pd.read_csv(tmp_path / "ref" / "segments.csv", dtype={"klantnummer": str})
        assert compared["segment"].tolist() == written.iloc[:, -2].tolist()

        an = reference(ws, tmp_path / "ref-an", "An")
        assert an != expected
        form = AnswerForm(session, participant="An", lang="nl")
        write_report(form.segmentation(), tmp_path / "form-an", lang="nl")
        assert (tmp_path / "form-an" / "segments.csv").read_bytes() == an
    assert main(["segment", "--session", "2026-Q4", "--workspace", str(ws), "--lang", "nl",
                 "--participant", "An", "--out", str(tmp_path / "cli-an")]) == 0  # fmt: skip
    assert (tmp_path / "cli-an" / "segments.csv").read_bytes() == an


def test_the_issue_case_the_command_line_no_longer_differs_from_the_notebooks(ws, tmp_path):
    """The sample, An's and Pieter's answers and a team answer for one customer: the command
    line used to take the raw team answer (6 of 48 customers in C where notebook 04 and the
    report said B). Now it takes the team's decisions completed with what all agree on."""
    make_session(ws, team_customers=1)
    main(["segment", "--session", "2026-Q4", "--workspace", str(ws), "--out", str(tmp_path)])
    cli = pd.read_csv(tmp_path / "segments.csv", dtype=str)
    with open_session("2026-Q4", workspace=ws) as session:
        notebooks = segment_session(session).segments
        raw_team = segment_customers(
            session.customers(),
            session.answer_table(TEAM),
            thresholds=session.thresholds,
            grid=session.grid,
            weights=session.weights,
        ).segments
    assert cli.iloc[:, -2].tolist() == notebooks["segment"].tolist()
    differ = (raw_team["segment"] != notebooks["segment"]).sum()
    assert differ > 0  # the old route's answer would show here


@pytest.mark.slow
def test_the_headless_run_of_a_new_quarter_writes_the_same_segments(ws, tmp_path, monkeypatch):
    """Notebook 06 run without JupyterLab carries the session into 2027-Q1 and writes its
    report; its segments.csv is the one path's for that session."""
    from klantlib.headless import run_notebook

    monkeypatch.setenv("KLANTLIB_WORKSPACE", str(ws))
    monkeypatch.chdir(tmp_path)
    make_session(ws)
    run_notebook(
        "06_nieuw_kwartaal",
        {
            "previous_session": "2026-Q4",
            "customers_file": str(SAMPLE / "klanten.csv"),
            "session": "2027-Q1",
            "participant": "An",
            "report_folder": str(tmp_path / "06"),
        },
        out=tmp_path / "06.ipynb",
        lang="nl",
    )
    assert (tmp_path / "06" / "segments.csv").read_bytes() == reference(
        ws, tmp_path / "ref", name="2027-Q1"
    )
