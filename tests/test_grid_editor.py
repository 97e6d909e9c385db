"""The grid editor, driven in-process: choices, live warnings, stored in the session."""

from __future__ import annotations

import html
import logging

import pandas as pd
import pytest

from klantlib.core.segments import SegmentGrid
from klantlib.i18n import text
from klantlib.store.workspace import create_session, open_session
from klantlib.widgets.grid_editor import GridEditor

CUSTOMERS = pd.DataFrame(
    {"customer_id": ["1", "2"], "name": ["Aa", "Bb"], "revenue": [90_000.0, 5_000.0]}
)


@pytest.fixture
def session(tmp_path, caplog):
    with create_session("s", CUSTOMERS, workspace=tmp_path) as made:
        yield made
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == [], [r.getMessage() for r in errors]


def test_the_editor_shows_the_stored_grid_large_on_top(session):
    editor = GridEditor(session, lang="nl")
    assert [c.value for c in editor.cells["large"]] == list("BBAAA")
    assert editor.grid == SegmentGrid.default()
    assert html.escape(text("grid.state_stored", "nl")) in editor.status.value
    assert editor.warnings.value == ""


def test_a_change_is_warned_about_live_and_stored_only_on_store(session, tmp_path):
    editor = GridEditor(session, lang="en")
    editor.cells["large"][0].value = "C"
    assert html.escape(text("grid.state_changed", "en")) in editor.status.value
    assert "⚠" in editor.warnings.value
    assert session.grid == SegmentGrid.default()
    editor.store.click()
    with open_session("s", workspace=tmp_path) as again:
        assert again.grid.cells["large"] == "CBAAA"
    assert html.escape(text("grid.state_stored", "en")) in editor.status.value


def test_default_puts_the_articles_grid_back(session):
    editor = GridEditor(session, lang="en")
    editor.cells["small"][4].value = "A"
    editor.reset.click()
    assert editor.grid == SegmentGrid.default()


def test_with_weights_the_editor_has_a_column_per_score(session):
    session.set_weights({"margin": 3})
    editor = GridEditor(session, lang="en")
    assert len(editor.cells["small"]) == 7
    editor.cells["medium"][6].value = "A"
    editor.store.click()
    assert session.grid.max_score == 6
