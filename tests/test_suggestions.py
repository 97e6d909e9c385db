"""Suggestions from data: Marge from margin per hour, Cashflow from days to pay, and the form."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantlib.core.suggestions import suggest_answers
from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.store.workspace import create_session
from klantlib.widgets.answer_form import AnswerForm

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["007", "012", "3", "44"],
        "name": ["Brouwerij Mattheeuws", "Bakkerij Peeters", "Café Sport", "Slagerij Maes"],
        "revenue": [90_000.0, 20_000.0, 5_000.0, 1_000.0],
        "gross_margin": [30_000.0, 4_000.0, None, 900.0],
        "hours": [200.0, 100.0, 10.0, 0.0],
        "days_to_pay": [42.0, 30.0, 12.0, None],
    }
)


def test_marge_compares_margin_per_hour_with_the_target():
    """150 €/h and 40 €/h against 100: yes and no; no margin or no hours: no suggestion."""
    table = suggest_answers(CUSTOMERS, margin_per_hour_target=100)
    margin = table[table["question"] == "margin"]
    assert margin["customer_id"].tolist() == ["007", "012"]
    assert margin["answer"].tolist() == ["yes", "no"]
    assert margin["value"].tolist() == [150.0, 40.0]
    assert (margin["limit"] == 100.0).all()


def test_cashflow_compares_days_to_pay_with_the_term():
    """Within the term (30 days, the day itself included) is yes; 42 days is no."""
    cash = suggest_answers(CUSTOMERS).set_index("customer_id")
    assert cash["question"].unique().tolist() == ["cashflow"]
    assert cash["answer"].to_dict() == {"007": "no", "012": "yes", "3": "yes"}
    longer = suggest_answers(CUSTOMERS, payment_term_days=45).set_index("customer_id")
    assert longer.loc["007", "answer"] == "yes"


def test_without_a_target_or_the_columns_nothing_is_suggested():
    assert suggest_answers(CUSTOMERS)["question"].eq("cashflow").all()
    bare = CUSTOMERS[["customer_id", "name", "revenue"]]
    assert suggest_answers(bare, margin_per_hour_target=50).empty


@pytest.mark.parametrize(
    "options, key",
    [
        ({"margin_per_hour_target": -5}, "error.margin_target"),
        ({"payment_term_days": 0}, "error.payment_term"),
        ({"payment_term_days": float("nan")}, "error.payment_term"),
    ],
)
def test_impossible_rules_are_refused_in_plain_words(options, key):
    with pytest.raises(KlantlibError) as caught:
        suggest_answers(CUSTOMERS, **options)
    assert caught.value.notice.key == key


@given(
    st.lists(st.tuples(st.floats(0, 1e6), st.floats(0.1, 1e4), st.floats(0, 365)), min_size=1),
    st.floats(0, 1e4),
    st.floats(1, 120),
)
def test_a_suggestion_follows_its_rule_exactly(rows, target, term):
    table = pd.DataFrame(
        {
            "customer_id": [str(i) for i in range(len(rows))],
            "name": "x",
            "revenue": 1.0,
            "gross_margin": [r[0] for r in rows],
            "hours": [r[1] for r in rows],
            "days_to_pay": [r[2] for r in rows],
        }
    )
    got = suggest_answers(table, margin_per_hour_target=target, payment_term_days=term)
    for row in got.to_dict("records"):
        margin, hours, days = rows[int(row["customer_id"])]
        if row["question"] == "margin":
            assert (row["answer"] == "yes") == (margin / hours >= target)
        else:
            assert (row["answer"] == "yes") == (days <= term)
    assert len(got) == 2 * len(rows)


# --------------------------------------------------------------------------------------------
# In the form: shown as a suggestion, counted only when accepted
# --------------------------------------------------------------------------------------------


@pytest.fixture
def session(tmp_path, caplog):
    with create_session("s", CUSTOMERS, workspace=tmp_path) as made:
        made.set_suggestion_rules(margin_target=100, payment_term=30)
        yield made
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == [], [r.getMessage() for r in errors]


def test_the_rules_are_kept_in_the_session(session):
    assert (session.margin_target, session.payment_term) == (100.0, 30.0)
    session.set_suggestion_rules(margin_target=None)
    assert session.margin_target is None and session.payment_term == 30.0
    with pytest.raises(KlantlibError):
        session.set_suggestion_rules(margin_target=-1)
    assert session.payment_term == 30.0


def test_a_suggestion_is_shown_with_its_reason_and_stores_nothing(session):
    form = AnswerForm(session, participant="An", lang="nl")
    assert form.customer_id == "007"
    yes, no = text("form.answer.yes", "nl"), text("form.answer.no", "nl")
    margin = text("suggest.margin", "nl", answer=yes, value="€ 150", limit="€ 100")
    assert margin in form.hints["margin"].value
    cashflow = text("suggest.cashflow", "nl", answer=no, value="42", limit="30")
    assert cashflow in form.hints["cashflow"].value
    assert form.accepts["margin"].layout.display is None
    assert session.history().empty
    assert form.buttons["margin"]["yes"].button_style == ""


def test_accepting_one_suggestion_stores_it_as_the_answer(session):
    form = AnswerForm(session, participant="An", lang="nl")
    form.accepts["cashflow"].click()
    assert session.current("An").loc[0, "cashflow"] == "no"
    assert form.buttons["cashflow"]["no"].button_style == "danger"


def test_a_customer_without_the_facts_shows_no_suggestion(session):
    form = AnswerForm(session, participant="An", lang="en")
    form.show("44")
    assert form.hints["margin"].value == "" and form.hints["cashflow"].value == ""
    assert form.accepts["margin"].layout.display == "none"


def test_accepting_all_for_one_question_leaves_given_answers_alone(session):
    form = AnswerForm(session, participant="An", lang="en")
    form.show("012")
    form.buttons["cashflow"]["no"].click()  # An disagrees with the data here
    # the button counts the answers it fills: 3 suggestions, one of them answered already
    cash_flow = text("question.cashflow", "en")
    assert form.accept_all["cashflow"].description == text(
        "suggest.accept_all", "en", question=cash_flow, count=2
    )
    form.accept_all["cashflow"].click()
    current = session.current("An").set_index("customer_id")["cashflow"].to_dict()
    assert current == {"007": "no", "012": "no", "3": "yes"}
    accepted = text("suggest.accepted_all", "en", count=2, question=cash_flow)
    assert accepted in form.status.value
    assert form.accept_all["cashflow"].layout.display == "none"  # nothing left to fill
    assert "innovation" not in form.hints and "network" not in form.accept_all
