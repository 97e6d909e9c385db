"""The plan editor, driven in-process: plan changed, hours redrawn, stored on Bewaren."""

from __future__ import annotations

import html
import logging
import re

import pandas as pd
import pytest

from klantlib.core.method import segment_customers
from klantlib.core.plan import default_plan
from klantlib.i18n import text
from klantlib.paths import kit_root
from klantlib.store.workspace import create_session, open_session
from klantlib.widgets.plan_editor import PlanEditor
from tests.conftest import table_cells

SAMPLE = kit_root() / "data" / "voorbeeld"


@pytest.fixture
def setup(tmp_path, caplog):
    customers = pd.read_csv(SAMPLE / "klanten.csv", dtype={"customer_id": str})
    answers = pd.read_csv(SAMPLE / "antwoorden_an.csv", dtype={"customer_id": str})
    with create_session("s", customers, workspace=tmp_path) as session:
        result = segment_customers(session.customers(), answers, thresholds=(10_000, 50_000))
        yield session, result
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == [], [r.getMessage() for r in errors]


def test_the_editor_opens_with_the_default_plan_and_its_hours(setup):
    session, result = setup
    editor = PlanEditor(session, result, lang="nl")
    assert editor.plan == default_plan()
    assert html.escape(text("plan.state_stored", "nl")) in editor.status.value
    cells = table_cells(editor.table.value)
    assert cells[0][5] == text("plan.col.plan_hours", "nl")
    assert "Pieter" in [row[0] for row in cells]  # hours per account manager
    assert editor.hours["customers"].sum() == 48


def test_a_change_redraws_the_hours_and_is_stored_on_store(setup, tmp_path):
    session, result = setup
    editor = PlanEditor(session, result, lang="en")
    before = editor.hours.loc["C", "plan_hours"]
    editor.channels["C"]["visit"].value = True
    assert editor.hours.loc["C", "plan_hours"] > before
    assert html.escape(text("plan.state_changed", "en")) in editor.status.value
    editor.store.click()
    with open_session("s", workspace=tmp_path) as again:
        assert "visit" in again.plan["C"].channels
    editor.reset.click()
    assert editor.plan == default_plan()


def test_a_plan_that_needs_too_many_hours_is_warned_about(setup):
    session, result = setup
    editor = PlanEditor(session, result, lang="en")
    for segment in "ABC":
        editor.channels[segment]["visit"].value = True
        editor.contacts[segment].value = 100  # a visit every few days for every customer
    # the sentence with any two numbers of hours in it
    sentence = html.escape(text("warning.plan_more_hours", "en", needed="NEEDED", today="TODAY"))
    pattern = re.escape(sentence).replace("NEEDED", r"[\d,.]+").replace("TODAY", r"[\d,.]+")
    assert re.search(pattern, editor.warnings.value)


def test_a_segment_without_a_channel_is_said_in_plain_words(setup):
    session, result = setup
    editor = PlanEditor(session, result, lang="en")
    for box in editor.channels["B"].values():
        box.value = False
    no_channel = text("error.plan_channels", "en", value="—")
    assert html.escape(text("error.shown", "en", message=no_channel)) in editor.status.value
    editor.store.click()
    with open_session("s", workspace=session.path.parent) as again:
        assert again.plan == default_plan()
