"""The consensus view, driven in-process: team answers clicked and read back from the session."""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import pytest

from klantlib.core.consensus import TEAM
from klantlib.core.method import segment_customers
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import text
from klantlib.paths import kit_root
from klantlib.store.answer_files import add_example_answers
from klantlib.store.segmentation import segment_session, session_answers
from klantlib.store.workspace import create_session, open_session, start_session
from klantlib.widgets.consensus_view import ConsensusView
from tests.conftest import table_cells

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["007", "012", "3"],
        "name": ["Brouwerij Mattheeuws", "Bakkerij Peeters", "Café Sport"],
        "revenue": [90_000.0, 20_000.0, 5_000.0],
    }
)


@pytest.fixture
def session(tmp_path, logged):
    """An agrees with Pieter on 007 and disagrees on margin of 012; nobody answered 3."""
    with create_session("2026-Q4", CUSTOMERS, workspace=tmp_path) as made:
        for cid, values in {"007": "yes no yes yes", "012": "yes no no no"}.items():
            for question, value in zip(QUESTIONS, values.split(), strict=True):
                made.record("An", cid, question, value)
        for cid, values in {"007": "yes no yes yes", "012": "no no no no"}.items():
            for question, value in zip(QUESTIONS, values.split(), strict=True):
                made.record("Pieter", cid, question, value)
        yield made


def team_answers(session) -> dict[tuple[str, str], str]:
    with open_session(session.name, workspace=session.path.parent) as again:
        current = again.current(TEAM)
    return {
        (row["customer_id"], q): row[q]
        for row in current.to_dict("records")
        for q in QUESTIONS
        if isinstance(row[q], str)
    }


def test_disagreements_come_first_with_everyones_answers(session):
    view = ConsensusView(session, lang="nl")
    assert view.customer_id == "012"
    assert html.escape(text("team.discuss", "nl")) in view.card.value
    assert table_cells(view.grid.value)[0] == ["", "An", "Pieter"]
    summary = text("team.summary", "nl", people=2, discuss=1, decided=0, total=3)
    assert html.escape(summary) in view.summary.value
    # literal on purpose: the wording is what the user reads
    assert view.take_agreed.description == "Neem de 7 eensgezinde antwoorden over"


def test_a_team_click_is_stored_under_team_and_shown(session):
    view = ConsensusView(session, lang="en")
    view.buttons["margin"]["no"].click()
    assert team_answers(session) == {("012", "margin"): "no"}
    assert view.buttons["margin"]["no"].button_style == "danger"
    saved = text("team.saved", "en", question=text("question.margin", "en"))
    assert html.escape(saved) in view.status.value
    view.buttons["margin"]["no"].click()  # clicking the chosen answer clears it
    assert team_answers(session) == {}
    assert len(session.history(participant="An")) == 8  # individual answers untouched


def test_taking_over_the_agreed_answers_is_one_click_and_only_once(session):
    view = ConsensusView(session, lang="en")
    view.take_agreed.click()
    stored = team_answers(session)
    assert len(stored) == 7
    assert ("012", "margin") not in stored
    assert stored[("007", "margin")] == "yes"
    assert view.take_agreed.disabled
    summary = text("team.summary", "en", people=2, discuss=1, decided=1, total=3)
    assert html.escape(summary) in view.summary.value
    view.take_agreed.click()  # disabled in the browser; in-process it stores nothing more
    assert len(session.history(participant=TEAM)) == 7


def test_next_to_discuss_skips_what_the_team_decided(session):
    view = ConsensusView(session, lang="en")
    view.show("3")
    view.next_open.click()
    assert view.customer_id == "012"
    view.buttons["margin"]["yes"].click()
    view.next_open.click()
    assert html.escape(text("team.nothing_open", "en")) in view.status.value


def test_new_answers_show_after_reading_again(session):
    view = ConsensusView(session, lang="nl")
    session.record("Jonas", "3", "margin", "yes")
    view.refresh.click()
    assert "Jonas" in view.status.value
    summary = text("team.summary", "nl", people=3, discuss=1, decided=0, total=3)
    assert html.escape(summary) in view.summary.value


def test_the_agreement_table_shows_who_says_yes_more_than_the_team(session):
    view = ConsensusView(session, lang="en")
    view.take_agreed.click()
    view.buttons["margin"]["no"].click()  # on 012: the team sides with Pieter
    html_table = view.agreement_table().to_html()
    assert f">{text('team.col.agreement', 'en')}</th>" in html_table
    assert ">100.0%</td>" in html_table  # Pieter on margin: always the team's answer
    assert ">50.0%</td>" in html_table  # An on margin: once of twice


def test_the_matrix_uses_the_team_answer(session):
    view = ConsensusView(session, lang="en")
    view.take_agreed.click()
    table = session.answer_table(TEAM)
    result = segment_customers(session.customers(), table)
    assert result.segments.set_index("customer_id").loc["007", "score"] == 3


def test_example_answers_go_into_a_sample_session_once(tmp_path):
    sample = kit_root() / "data" / "voorbeeld" / "klanten.csv"
    with start_session("voorbeeld", sample, workspace=tmp_path) as made:
        assert add_example_answers(made, "en") == text("examples.added", "en", people="An, Pieter")
        assert made.participants() == ["An", "Pieter"]
        assert add_example_answers(made, "en") == text(
            "examples.already", "en", people="An, Pieter"
        )
        view = ConsensusView(made, lang="en")
        assert html.escape(text("team.discuss", "en")) in view.card.value
    with create_session("eigen", CUSTOMERS, workspace=tmp_path) as own:
        assert add_example_answers(own, "nl") == text("examples.own_data", "nl")
        assert own.participants() == []


def test_a_teams_own_file_called_like_the_sample_gets_no_example_answers(tmp_path):
    """A team's own export may be called klanten.csv too: it is their data, not the sample."""
    own_file = tmp_path / "klanten.csv"
    CUSTOMERS.to_csv(own_file, index=False)
    with start_session("eigen", own_file, workspace=tmp_path) as own:
        assert own.source == "klanten.csv"
        assert add_example_answers(own, "nl") == text("examples.own_data", "nl")
        assert own.participants() == []


def uploaded(name: str, content: bytes) -> dict:
    """One file as ipywidgets 8 gives it to the kernel."""
    return {
        "name": name,
        "type": "text/csv",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": dt.datetime(2026, 11, 27, 21, 0, tzinfo=dt.UTC),
    }


def test_answers_from_another_laptop_are_added_under_the_name_typed(session):
    """Jonas answered on his own laptop and exported a file: the facilitator adds it."""
    view = ConsensusView(session, lang="en")
    sheet = b"customer_id,margin,cashflow,innovation,network\n3,yes,yes,no,?\n012,no,no,no,no\n"
    view.upload.value = (uploaded("jonas.csv", sheet),)
    assert html.escape(text("team.upload_who_first", "en")) in view.status.value
    assert "Jonas" not in session.participants()
    view.upload_who.value = "Jonas"
    view.upload.value = (uploaded("jonas.csv", sheet),)
    added = text("team.uploaded", "en", file="jonas.csv", stored=8, participant="Jonas")
    assert html.escape(added) in view.status.value
    assert session.current("Jonas").set_index("customer_id").loc["3", "network"] == "unknown"
    summary = text("team.summary", "en", people=3, discuss=1, decided=0, total=3)
    assert html.escape(summary) in view.summary.value
    assert view.upload.value == ()


def test_a_bad_answer_file_is_refused_in_plain_words_and_adds_nothing(session):
    view = ConsensusView(session, lang="en")
    view.upload_who.value = "Jonas"
    bad = b"customer_id,margin\n999,yes\n"
    view.upload.value = (uploaded("jonas.csv", bad),)
    unknown = text("error.session_unknown_customer", "en", value="999", name="2026-Q4")
    problem = text("error.answers_cell", "en", row=2, column="customer_id", problem=unknown)
    refused = text("error.problems", "en", source="jonas.csv: ", count=1, lines="- " + problem)
    shown = html.escape(text("error.shown", "en", message=refused)).replace("\n", "<br>")
    assert shown in view.status.value
    assert "Jonas" not in session.participants()


def test_the_matrix_uses_team_then_agreed_answers_and_leaves_disagreements_open(session):
    """No team answer yet: agreed answers count, the margin of 012 (yes vs no) stays open;
    once the team decides it, the team's answer counts."""
    assert session.whose_answers() == "team"
    table = session_answers(session, TEAM).set_index("customer_id")
    assert table.loc["007"].tolist() == ["yes", "no", "yes", "yes"]
    assert table.loc["012", "margin"] == "unknown"
    assert table.loc["012", "cashflow"] == "no"
    assert table.loc["3"].tolist() == ["unknown"] * 4
    session.record(TEAM, "012", "margin", "no")
    assert session_answers(session, TEAM).set_index("customer_id").loc["012", "margin"] == "no"
    result = segment_session(session)
    assert result.customers.set_index("customer_id").loc["007", "score"] == 3
    assert session.whose_answers("An") == "An"
