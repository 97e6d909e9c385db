"""Notebook 06's quarter view: computed from the answers as they are, marked out of date as
soon as the form stores a change, and worked out again (files too) with one click."""

from __future__ import annotations

import pandas as pd
import pytest

from klantlib.core.bands import Thresholds
from klantlib.core.moves import compare_segments
from klantlib.core.questions import QUESTIONS
from klantlib.reports.quarter import quarter_segments
from klantlib.store.workspace import create_next_session, create_session
from klantlib.widgets.answer_form import AnswerForm
from klantlib.widgets.quarter_view import QuarterView
from tests.conftest import table_cells
from tests.test_next_quarter import Q3, Q4

LAST, NOW = Q3, Q4  # last quarter and this one: 3 left, 44 arrived, 007 and 012 stay


@pytest.fixture
def quarter(tmp_path, logged):
    """Last quarter: An says yes to everything for 007 (A); this quarter carries it."""
    with create_session("2026-Q4", LAST, workspace=tmp_path) as last:
        last.set_thresholds(Thresholds(10_000, 50_000))
        for question in QUESTIONS:
            last.record("An", "007", question, "yes")
        with create_next_session("2027-Q1", NOW, last, workspace=tmp_path) as now:
            yield now


def moved_row(view: QuarterView, customer_id: str) -> list[str] | None:
    """The moves table's row for a customer, as the view shows it."""
    (table,) = [o["data"]["text/html"] for o in view.moves.outputs]
    rows = [row for row in table_cells(table)[1:] if row and row[0] == customer_id]
    return rows[0] if rows else None


def test_the_view_shows_what_the_answers_say_now_and_writes_the_files(quarter, tmp_path):
    """Made, it works the moves out from the session and writes every file."""
    view = QuarterView(quarter, folder=tmp_path / "rapport", lang="en")
    moves, _ = compare_segments(*(table for _, table in quarter_segments(quarter)))
    assert len(view.moved.moves) == len(moves)
    assert moved_row(view, "007") is None  # A last quarter, A now
    assert (tmp_path / "rapport" / "moves.csv").is_file()
    assert "Worked out at" in view.status.value
    assert [o["data"].keys() for o in view.chart.outputs][0] >= {"image/png"}


def test_a_changed_answer_marks_the_view_out_of_date_until_updated(quarter, tmp_path):
    """An answers no on three questions for 007: the view says it is out of date; Update shows
    007 moving from A and rewrites moves.csv."""
    form = AnswerForm(quarter, participant="An", lang="en")
    view = QuarterView(quarter, form=form, folder=tmp_path / "rapport", lang="en")
    form.show("007")
    for question in QUESTIONS[:3]:
        form.buttons[question]["no"].click()
    assert view.stale
    assert "Out of date: an answer changed at" in view.status.value
    assert moved_row(view, "007") is None  # still the old result, said to be old
    view.update.click()
    assert not view.stale
    row = moved_row(view, "007")
    assert row is not None and row[2:4] == ["A", "B"]
    written = pd.read_csv(tmp_path / "rapport" / "moves.csv", dtype=str)
    assert written.set_index("customer_id").loc["007", "to_segment"] == "B"


def test_a_confirmation_marks_the_view_out_of_date_too(quarter, tmp_path):
    form = AnswerForm(quarter, participant="An", lang="nl")
    view = QuarterView(quarter, form=form, folder=tmp_path / "rapport", lang="nl")
    form.show("007")
    form.confirm.click()
    assert "Niet meer actueel" in view.status.value
