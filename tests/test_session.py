"""The session store: customers, bands, grid and an append-only history of every change."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

import klantlib
from klantlib.core.bands import Thresholds
from klantlib.core.segments import SegmentGrid
from klantlib.errors import InputError, KlantlibError, Notice
from klantlib.i18n import text
from klantlib.store.session import FIELDS
from klantlib.store.workspace import create_session, list_sessions, open_session

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["007", "012", "3"],
        "name": ["Bakkerij Peeters", "Café Sport", "Slagerij Maes"],
        "revenue": [1000.0, 5000.0, 250.5],
    }
)


@pytest.fixture
def session(tmp_path):
    with create_session("2026-Q4", CUSTOMERS, workspace=tmp_path) as made:
        yield made


def test_a_new_session_holds_the_customer_table_largest_first(session, tmp_path):
    customers = session.customers()
    assert list(customers["customer_id"]) == ["012", "007", "3"]
    assert list(customers["revenue"]) == [5000.0, 1000.0, 250.5]
    assert list(customers.columns) == ["customer_id", "name", "revenue"]
    assert session.thresholds is None
    assert session.grid == SegmentGrid.default()
    assert list_sessions(tmp_path) == ["2026-Q4"]
    assert sorted(p.name for p in tmp_path.iterdir())[0] == "2026-Q4.sqlite"


def test_optional_columns_come_back_with_their_values(tmp_path):
    table = CUSTOMERS.assign(hours=[12.5, None, 3.0], account_manager=["An", "Jonas", ""])
    with create_session("s", table, workspace=tmp_path) as made:
        back = made.customers()
    assert list(back.columns) == ["customer_id", "name", "revenue", "hours", "account_manager"]
    assert back["hours"].tolist()[0] is not None and back["hours"].isna().tolist() == [
        True,
        False,
        False,
    ]


def test_thresholds_and_grid_are_stored_and_read_back_after_reopening(session, tmp_path):
    session.set_thresholds(Thresholds(500, 2000))
    grid = SegmentGrid.from_rows(["CCCBB", "CCBBA", "BBAAA"])
    session.set_grid(grid)
    session.close()
    with open_session("2026-Q4", workspace=tmp_path) as again:
        assert again.thresholds == Thresholds(500, 2000)
        assert again.grid == grid
        again.set_thresholds(None)
        assert again.thresholds is None


def test_every_change_is_kept_and_the_latest_counts(session):
    session.record("An", "007", "margin", "yes")
    session.record("An", "007", "margin", "no")
    session.record("Pieter", "007", "margin", "yes")
    current = session.current("An")
    assert current.loc[0, "margin"] == "no"
    assert session.current("Pieter").loc[0, "margin"] == "yes"
    history = session.history(participant="An")
    assert history["value"].tolist() == ["yes", "no"]
    assert session.participants() == ["An", "Pieter"]


def test_undo_appends_the_value_before_and_walks_back_step_by_step(session):
    session.record("An", "007", "margin", "yes")
    session.record("An", "007", "margin", "no")
    session.record("An", "012", "note", "belt elke week")
    undone = session.undo("An")
    assert (undone.customer_id, undone.field, undone.value) == ("012", "note", None)
    assert session.undo("An").value == "yes"
    assert session.undo("An").value is None
    assert session.undo("An") is None
    assert len(session.history()) == 6  # nothing removed: three changes, three undos
    assert session.current("An")["margin"].isna().all()


def test_undo_of_one_field_leaves_the_others(session):
    session.record("An", "007", "margin", "yes")
    session.record("An", "007", "cashflow", "no")
    session.undo("An", "007", "margin")
    current = session.current("An").iloc[0]
    assert pd.isna(current["margin"]) and current["cashflow"] == "no"


def test_answer_table_gives_every_customer_four_answers(session):
    session.record("An", "3", "network", "yes")
    table = session.answer_table("An")
    assert list(table["customer_id"]) == ["012", "007", "3"]
    assert table.loc[2, "network"] == "yes"
    assert (table.drop(columns="customer_id").iloc[:2] == "unknown").all().all()
    result = klantlib.segment_customers(session.customers(), table)
    assert len(result.segments) == 3


def test_favourite_note_and_time_are_stored_like_answers(session):
    session.record("An", "007", "favourite", True)
    session.record("An", "007", "note", "  altijd vriendelijk  ")
    session.record("An", "007", "time", "12,5")
    session.record("An", "012", "time", "much")
    current = session.current("An").set_index("customer_id")
    assert current.loc["007", "favourite"] == "yes"
    assert current.loc["007", "note"] == "altijd vriendelijk"
    assert current.loc["007", "time"] == "12.5"
    assert current.loc["012", "time"] == "much"
    assert set(current.columns) == {*FIELDS, "changed_at"}


@pytest.mark.parametrize(
    "field, value, key",
    [
        ("margin", "ja", "error.session_answer"),
        ("marge", "yes", "error.session_field"),
        ("time", "-3", "error.session_time"),
        ("time", "veel", "error.session_time"),
        ("favourite", "nee", "error.session_favourite"),
        ("note", "x" * 2001, "error.session_note"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_stored(session, field, value, key):
    with pytest.raises(KlantlibError) as caught:
        session.record("An", "007", field, value)
    assert caught.value.notice.key == key
    assert session.history().empty


def test_unknown_customer_and_empty_participant_are_refused(session):
    with pytest.raises(KlantlibError) as caught:
        session.record("An", "999", "margin", "yes")
    assert caught.value.message("en") == text(
        "error.session_unknown_customer", "en", value="999", name="2026-Q4"
    )
    with pytest.raises(KlantlibError) as caught:
        session.record("  ", "007", "margin", "yes")
    assert caught.value.notice.key == "error.participant_name"


def test_record_many_is_all_or_nothing(session):
    good = [("007", "margin", "yes"), ("012", "cashflow", "no")]
    assert session.record_many("An", good) == 2
    with pytest.raises(InputError) as caught:
        session.record_many("An", [("3", "margin", "yes"), ("999", "margin", "no")])
    unknown = Notice("error.session_unknown_customer", {"value": "999", "name": "2026-Q4"})
    at_change = Notice("error.change_at", {"position": 2, "problem": unknown})
    assert caught.value.message("en") == at_change.message("en")
    assert len(session.history()) == 2


def test_an_existing_session_is_never_overwritten(session, tmp_path):
    session.record("An", "007", "margin", "yes")
    with pytest.raises(KlantlibError) as caught:
        create_session("2026-Q4", CUSTOMERS, workspace=tmp_path)
    assert caught.value.notice.key == "error.session_exists"
    assert len(session.history()) == 1


def test_opening_an_unknown_session_lists_the_ones_there(session, tmp_path):
    with pytest.raises(KlantlibError) as caught:
        open_session("2026-Q3", workspace=tmp_path)
    assert caught.value.message("en") == text(
        "error.session_not_found", "en", name="2026-Q3", folder=tmp_path, sessions="2026-Q4"
    )


@pytest.mark.parametrize("name", ["", "../buiten", "a/b", "x" * 65, ".verborgen"])
def test_a_session_name_cannot_leave_the_workspace(tmp_path, name):
    with pytest.raises(KlantlibError) as caught:
        create_session(name, CUSTOMERS, workspace=tmp_path)
    assert caught.value.notice.key == "error.session_name"
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_no_session_is_said_to_be_none(tmp_path):
    (tmp_path / "oud.sqlite").write_bytes(b"dit is geen database" * 100)
    with pytest.raises(KlantlibError) as caught:
        open_session("oud", workspace=tmp_path)
    assert caught.value.notice.key == "error.session_unreadable"


def test_the_store_is_a_plain_sqlite_file_in_wal_mode(session):
    session.record("An", "007", "margin", "yes")
    with sqlite3.connect(session.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("SELECT count(*) FROM changes").fetchone()[0] == 1


def test_a_bad_customer_table_makes_no_session(tmp_path):
    bad = CUSTOMERS.assign(revenue=["veel", "5000", "1"])
    with pytest.raises(InputError):
        create_session("s", bad, workspace=tmp_path)
    assert list_sessions(tmp_path) == []


def test_record_many_can_skip_what_is_already_so(session):
    """only_changed: the same answers again store nothing; a different one is stored."""
    session.record("An", "007", "margin", "yes")
    again = [("007", "margin", "yes"), ("012", "margin", "no")]
    assert session.record_many("An", again, only_changed=True) == 1
    assert session.record_many("An", again, only_changed=True) == 0
    assert session.history()["value"].tolist() == ["yes", "no"]
