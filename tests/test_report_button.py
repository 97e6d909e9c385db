"""The notebook's report button: one click writes the session's full report."""

from __future__ import annotations

import html
import logging
import re

import openpyxl
import pandas as pd
import pytest

from klantlib.i18n import text
from klantlib.reports.report import REPORT_FILES
from klantlib.store.workspace import create_session
from klantlib.widgets.report_button import ReportButton

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["007", "012", "3"],
        "name": ["=Brouwerij Mattheeuws", "Bakkerij 'Peeters'; Gent", "Café Sport"],
        "revenue": [90_000.0, 20_000.0, 5_000.0],
    }
)


@pytest.fixture
def session(tmp_path, caplog):
    with create_session("2026-Q4", CUSTOMERS, workspace=tmp_path / "sessies") as made:
        made.record("An", "007", "margin", "yes")
        made.record("Pieter", "007", "margin", "no")
        yield made
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == [], [r.getMessage() for r in errors]


def test_one_click_writes_every_report_file(session, tmp_path):
    button = ReportButton(session, lang="nl", folder=tmp_path / "rapport")
    assert not (tmp_path / "rapport").exists()
    button.button.click()
    assert sorted(p.name for p in (tmp_path / "rapport").iterdir()) == sorted(REPORT_FILES)
    written = text(
        "report.written",
        "nl",
        time=f"{button.written_at:%H:%M:%S}",
        folder=str(tmp_path / "rapport"),
    )
    assert html.escape(written) in button.status.value
    workbook = openpyxl.load_workbook(tmp_path / "rapport" / "report.xlsx")
    assert any(name.startswith("antwoorden") for name in workbook.sheetnames)
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert "=Brouwerij Mattheeuws" in [c.value for c in cells]
    assert all(c.data_type != "f" for c in cells)
    crm = (tmp_path / "rapport" / "crm.csv").read_text(encoding="utf-8")
    assert "Bakkerij 'Peeters'; Gent" in crm


def test_a_failure_is_said_in_plain_words_and_logged(session, tmp_path, monkeypatch, caplog):
    import klantlib.reports.report as module

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(module, "write_session_report", broken)
    button = ReportButton(session, lang="en", folder=tmp_path / "rapport")
    button.button.click()
    unexpected = text("error.unexpected", "en", kind="OSError", detail="disk full")
    assert html.escape(unexpected) in button.status.value
    assert [r.name for r in caplog.records if r.levelno >= logging.ERROR] == [
        "klantlib.widgets.report_button"
    ]
    caplog.clear()


def test_the_status_says_when_and_links_every_file(session, tmp_path, monkeypatch):
    """Each click says the time it wrote, and each file is a link JupyterLab opens from the
    notebook's page (relative to the notebook's folder)."""
    notebook_folder = tmp_path / "werkmap" / "nl"
    notebook_folder.mkdir(parents=True)
    monkeypatch.chdir(notebook_folder)
    button = ReportButton(session, lang="en", folder=tmp_path / "data" / "rapporten" / "s")
    button.button.click()
    first = button.written_at
    assert first is not None
    folder = str(tmp_path / "data" / "rapporten" / "s")
    written = text("report.written", "en", time=f"{first:%H:%M:%S}", folder=folder)
    assert html.escape(written) in button.status.value
    links = re.findall(r"<a href='([^']+)' target='_blank' rel='noopener'>([^<]+)</a>",
                       button.status.value)  # fmt: skip
    assert sorted(name for _, name in links) == sorted(REPORT_FILES)
    assert dict((name, href) for href, name in links)["report.html"] == (
        "../../data/rapporten/s/report.html"
    )
    button.button.click()
    assert button.written_at >= first


def test_the_reports_matrix_stars_the_favourites(session, tmp_path, monkeypatch):
    """The exported matrix answers the workshop's question too: favourites are starred."""
    import klantlib.reports.matrix

    drawn = []
    real = klantlib.reports.matrix.matrix_chart

    def spy(*args, **kwargs):
        ax = real(*args, **kwargs)
        drawn.append([c.get_gid() for c in ax.collections])
        return ax

    monkeypatch.setattr(klantlib.reports.matrix, "matrix_chart", spy)
    session.record("Pieter", "012", "favourite", "yes")
    ReportButton(session, lang="nl", folder=tmp_path / "rapport").button.click()
    assert drawn and "favourites" in drawn[0]
