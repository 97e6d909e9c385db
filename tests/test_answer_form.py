"""The answer form, driven in-process: real button clicks, read back from the session file."""

from __future__ import annotations

import html
import sqlite3

import pandas as pd
import pytest

from klantlib.core.questions import QUESTIONS
from klantlib.i18n import text
from klantlib.store.workspace import create_session, open_session
from klantlib.widgets.answer_form import AnswerForm

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["007", "012", "3", "44"],
        "name": ["Brouwerij Mattheeuws", "Bakkerij Peeters", "Café Sport", "Slagerij Maes"],
        "revenue": [90_000.0, 20_000.0, 5_000.0, 1_000.0],
        "days_to_pay": [42.0, None, 30.0, 60.0],
        "hours": [120.5, None, None, 3.0],
    }
)


@pytest.fixture
def session(tmp_path, logged):
    with create_session("2026-Q4", CUSTOMERS, workspace=tmp_path) as made:
        yield made


def stored(session, participant: str = "An") -> dict[str, dict[str, str | None]]:
    """What the session file holds, read through a separate connection."""
    with open_session(session.name, workspace=session.path.parent) as again:
        current = again.current(participant)
    return {
        row["customer_id"]: {k: (None if pd.isna(v) else v) for k, v in row.items()}
        for row in current.to_dict("records")
    }


def test_without_a_name_nothing_can_be_answered(session):
    form = AnswerForm(session, lang="nl")
    assert all(b.disabled for row in form.buttons.values() for b in row.values())
    assert html.escape(text("form.choose_who", "nl")) in form.card.value


def test_a_click_is_stored_before_it_shows_as_saved(session):
    form = AnswerForm(session, participant="An", lang="nl")
    assert form.customer_id == "007"  # largest customer first
    form.buttons["margin"]["yes"].click()
    assert stored(session)["007"]["margin"] == "yes"
    assert form.buttons["margin"]["yes"].button_style == "success"
    saved = text("form.saved", "nl", field=text("question.margin", "nl"), at="")
    assert html.escape(saved) in form.status.value


def test_clicking_the_active_answer_clears_it(session):
    form = AnswerForm(session, participant="An", lang="nl")
    form.buttons["cashflow"]["no"].click()
    form.buttons["cashflow"]["no"].click()
    assert stored(session)["007"]["cashflow"] is None
    assert form.buttons["cashflow"]["no"].button_style == ""
    assert session.history()["value"].tolist() == ["no", pd.NA]


def test_changing_an_answer_keeps_one_active_button(session):
    form = AnswerForm(session, participant="An", lang="en")
    form.buttons["network"]["yes"].click()
    form.buttons["network"]["unknown"].click()
    styles = {a: b.button_style for a, b in form.buttons["network"].items()}
    assert styles == {"yes": "", "no": "", "unknown": "warning"}
    assert stored(session)["007"]["network"] == "unknown"


def test_a_new_form_shows_exactly_what_is_stored(session):
    """Re-running the cell or restarting the kernel: a new form reads the file again."""
    form = AnswerForm(session, participant="An", lang="nl")
    form.note.value = "belt elke week"
    form.favourite.value = True
    form.time.value = "12,5"
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    again = AnswerForm(open_session("2026-Q4", workspace=session.path.parent), lang="nl")
    again.who.value = "An"
    again.show("007")
    assert {q: again.buttons[q]["yes"].button_style for q in QUESTIONS} == dict.fromkeys(
        QUESTIONS, "success"
    )
    assert (again.note.value, again.favourite.value, again.time.value) == (
        "belt elke week",
        True,
        "12,5",
    )
    assert text("form.verdict", "nl", score=4, most=4, segment="A") in again.verdict.value


def test_each_participant_has_their_own_answers(session):
    an = AnswerForm(session, participant="An", lang="nl")
    pieter = AnswerForm(session, participant="Pieter", lang="nl")
    an.buttons["margin"]["yes"].click()
    pieter.buttons["margin"]["no"].click()
    assert stored(session, "An")["007"]["margin"] == "yes"
    assert stored(session, "Pieter")["007"]["margin"] == "no"
    assert an.buttons["margin"]["yes"].button_style == "success"
    chooser = AnswerForm(session, lang="nl")
    assert list(chooser.who.options) == ["An", "Pieter"]


def test_progress_and_next_unanswered(session):
    form = AnswerForm(session, participant="An", lang="en")
    form.move_on.value = False  # this test walks with the button
    assert text("form.progress", "en", answered=0, total=4, open=0) in form.progress.value
    for question in QUESTIONS:
        form.buttons[question]["no"].click()
    form.next_open.click()
    assert form.customer_id == "012"
    form.buttons["margin"]["unknown"].click()
    for question in QUESTIONS[1:]:
        form.buttons[question]["yes"].click()
    assert text("form.progress", "en", answered=2, total=4, open=1) in form.progress.value
    form.next_open.click()
    assert form.customer_id == "3"


def test_the_fourth_answer_moves_on_to_the_next_open_customer_and_undo_comes_back(session):
    form = AnswerForm(session, participant="An", lang="en")
    form.show("012")
    for question in QUESTIONS:
        form.buttons[question]["no"].click()  # 012 complete: on to the next open one, 3
    form.show("007")
    for question in QUESTIONS[:3]:
        form.buttons[question]["yes"].click()
    assert form.customer_id == "007"  # three answers: stays
    form.buttons["network"]["unknown"].click()
    assert form.customer_id == "3"  # 012 is answered already: skipped
    moved = text("form.moved_on", "en", name="Brouwerij Mattheeuws", at="")
    assert html.escape(moved.split("(")[0]) in form.status.value
    assert stored(session)["007"]["network"] == "unknown"
    form.undo.click()  # the fourth answer back, and the customer it belongs to
    assert form.customer_id == "007"
    assert stored(session)["007"]["network"] is None
    assert form.buttons["network"]["unknown"].button_style == ""


def test_a_changed_answer_of_an_answered_customer_stays_put(session):
    form = AnswerForm(session, participant="An", lang="nl")
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    assert form.customer_id == "012"
    form.show("007")
    form.buttons["margin"]["no"].click()  # a correction, not a fourth answer
    assert form.customer_id == "007"
    form.buttons["margin"]["no"].click()  # cleared: three answers again
    assert form.customer_id == "007"


def test_the_last_open_customer_answered_says_so_and_stays(session):
    form = AnswerForm(session, participant="An", lang="en")
    for _ in range(4):
        for question in QUESTIONS:
            form.buttons[question]["no"].click()
    assert form.customer_id == "44"  # the last one: nowhere to go
    assert html.escape(text("form.all_answered", "en")) in form.status.value
    assert all(stored(session)[cid]["margin"] == "no" for cid in ["007", "012", "3", "44"])


def test_moving_on_can_be_switched_off_and_the_session_keeps_the_choice(session):
    form = AnswerForm(session, participant="An", lang="nl")
    assert form.move_on.value is True  # on by default
    form.move_on.value = False
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    assert form.customer_id == "007"
    again = AnswerForm(open_session("2026-Q4", workspace=session.path.parent), lang="nl")
    assert again.move_on.value is False  # after a restart too
    again.move_on.value = True
    assert AnswerForm(session, lang="nl").move_on.value is True


def test_moving_on_keeps_to_the_filters(session):
    form = AnswerForm(session, participant="An", lang="en")
    form.band.value = "large"  # 007 and 012 with the suggested bands; 3 and 44 are open too
    assert form.customer_id == "007"
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    assert form.customer_id == "012"
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    assert form.customer_id == "012"  # no open customer left among the large ones
    assert html.escape(text("form.all_answered", "en")) in form.status.value


def test_previous_and_next_stay_within_the_list(session):
    form = AnswerForm(session, participant="An", lang="nl")
    form.previous.click()
    assert form.customer_id == "007"
    for _ in range(5):
        form.next.click()
    assert form.customer_id == "44"
    line = text(
        "form.card_line",
        "nl",
        id="44",
        revenue="€ 1.000",
        band=text("band.small", "nl"),
        number=4,
        count=4,
    )
    assert html.escape(line) in form.card.value


def test_filters_and_search(session):
    form = AnswerForm(session, participant="An", lang="nl")
    form.show("3")
    form.favourite.value = True
    form.show("007")
    form.only_favourites.value = True
    assert form.customer_id == "3"
    line = text(
        "form.card_line",
        "nl",
        id="3",
        revenue="€ 5.000",
        band=text("band.medium", "nl"),
        number=1,
        count=1,
    )
    assert html.escape(line) in form.card.value
    form.only_favourites.value = False
    form.band.value = "large"
    assert form.customer_id == "007"
    form.band.value = "all"
    form.search.value = "slager"
    assert form.customer_id == "44"
    form.search.value = "zzz"
    assert html.escape(text("form.none_match", "nl")) in form.card.value
    assert all(b.disabled for b in form.buttons["margin"].values())


def test_the_card_shows_what_the_data_knows(session):
    form = AnswerForm(session, participant="An", lang="nl")
    assert "Brouwerij Mattheeuws" in form.card.value
    line = text(
        "form.card_line",
        "nl",
        id="007",
        revenue="€ 90.000",
        band=text("band.large", "nl"),
        number=1,
        count=4,
    )
    assert html.escape(line) in form.card.value
    days = text("form.days", "nl", days="42")
    assert html.escape(f"{text('field.days_to_pay', 'nl')}: {days}") in form.card.value
    assert html.escape(f"{text('field.hours', 'nl')}: 120,5") in form.card.value
    form.show("012")
    assert "betaaltermijn" not in form.card.value  # unknown: not shown as 0


def test_undo_puts_back_the_value_before_and_shows_that_customer(session):
    form = AnswerForm(session, participant="An", lang="nl")
    form.buttons["margin"]["yes"].click()
    form.show("44")
    form.buttons["margin"]["no"].click()
    form.undo.click()
    assert form.customer_id == "44"
    assert form.buttons["margin"]["no"].button_style == ""
    assert stored(session)["44"]["margin"] is None
    form.undo.click()
    assert form.customer_id == "007"
    assert stored(session)["007"]["margin"] is None
    form.undo.click()
    assert html.escape(text("form.nothing_to_undo", "nl")) in form.status.value


def test_a_time_in_words_or_hours_and_a_bad_time(session):
    form = AnswerForm(session, participant="An", lang="nl")
    form.time.value = "veel"
    assert stored(session)["007"]["time"] == "much"
    form.time.value = "drie"
    assert html.escape(text("form.bad_time", "nl", value="drie")) in form.status.value
    assert form.time.value == "veel"  # the box shows what is stored
    assert stored(session)["007"]["time"] == "much"


def test_a_store_that_fails_is_said_in_the_form_and_logged_and_nothing_shows_saved(
    session, logged, monkeypatch
):
    form = AnswerForm(session, participant="An", lang="en")

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(session, "record", locked)
    form.buttons["margin"]["yes"].click()
    unexpected = text(
        "error.unexpected", "en", kind="OperationalError", detail="database is locked"
    )
    assert html.escape(unexpected) in form.status.value
    assert form.buttons["margin"]["yes"].button_style == ""
    records = logged.take()
    assert [r.name for r in records] == ["klantlib.widgets.answer_form"]


def test_a_name_too_long_is_refused_in_plain_words(session):
    form = AnswerForm(session, lang="en")
    form.who.value = "x" * 81
    refused = text("error.participant_name", "en", value="x" * 81)
    assert html.escape(text("error.shown", "en", message=refused)) in form.status.value
    assert form.participant is None


def test_the_overview_shows_the_spread_and_follows_the_participant(session):
    """Before a name: one sentence; after: open questions and the table; Update redraws."""
    form = AnswerForm(session, lang="en")
    overview = form.overview()
    update, area = overview.children
    assert area.outputs[0]["text"] == text("form.choose_who", "en") + "\n"
    form.who.value = "An"
    texts = [o.get("text", "") for o in area.outputs]
    assert texts[0] == text("answers.open", "en", count=4, total=4) + "\n"
    assert any("text/html" in o.get("data", {}) for o in area.outputs)
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    update.click()
    assert area.outputs[0]["text"] == text("answers.open", "en", count=3, total=4) + "\n"


def test_answering_for_the_potential_is_off_by_default_and_said_on_every_card(session):
    """The plain method is the default; switched on, the card says what to answer about."""
    assert session.answer_for_potential is False
    form = AnswerForm(session, participant="An", lang="en")
    note = html.escape(text("form.potential_note", "en"))
    assert note not in form.card.value
    session.set_answer_for_potential(True)
    form = AnswerForm(open_session("2026-Q4", workspace=session.path.parent), lang="en")
    form.who.value = "An"
    assert note in form.card.value
    form.next.click()
    assert note in form.card.value


def test_the_form_says_which_bands_it_uses_and_whether_they_are_stored(session):
    from klantlib.core.bands import Thresholds

    form = AnswerForm(session, participant="An", lang="en")
    # literal on purpose: the wording is what the user reads
    assert "80/15/5 suggestion: choose and store them in notebook 02" in form.progress.value
    session.set_thresholds(Thresholds(10_000, 50_000))
    form = AnswerForm(session, participant="An", lang="nl")
    how = text("form.bands_stored", "nl")
    bands = text("form.bands", "nl", low="€ 10.000", high="€ 50.000", how=how)
    assert html.escape(bands) in form.progress.value


def test_after_a_restart_the_form_offers_the_last_participant(session):
    """A Run All or a kernel restart makes a new form: it opens as the participant who last
    took it in this session, with their answers, and says how to switch."""
    first = AnswerForm(session, lang="nl")
    assert first.participant is None
    first.who.value = "Pieter"
    first.buttons["margin"]["yes"].click()
    again = AnswerForm(session, lang="nl")  # what the re-run cell makes
    assert again.participant == "Pieter"
    assert again.who.value == "Pieter"
    # literal on purpose: the wording is what the user reads
    assert "Ben je iemand anders, typ dan je naam in het vak Wie." in again.status.value
    assert stored(session, "Pieter")
    again.who.value = "An"
    assert AnswerForm(session, lang="en").participant == "An"
