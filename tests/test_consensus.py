"""Comparing answers and the team answer: disagreements first, agreed answers, agreement."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from klantlib.core.consensus import agreed_answers, agreement, compare_answers, majority
from klantlib.core.questions import QUESTIONS
from klantlib.errors import KlantlibError

CUSTOMERS = pd.DataFrame({"customer_id": ["1", "2", "3"], "name": ["Aa", "Bb", "Cc"]})


def answers(rows: dict[str, tuple]) -> pd.DataFrame:
    """A participant's answers: customer id -> the four answers (None = not answered)."""
    return pd.DataFrame(
        [
            {"customer_id": cid, **dict(zip(QUESTIONS, values, strict=True))}
            for cid, values in rows.items()
        ]
    )


AN = answers({"1": ("yes", "no", "yes", "yes"), "2": ("yes", "yes", "no", None)})
PIETER = answers({"1": ("yes", "no", "yes", "yes"), "2": ("no", "yes", "unknown", None)})


def test_majority_needs_more_than_half_of_the_answers_given():
    assert majority(["yes", "yes", "no"]) == "yes"
    assert majority(["yes", "no"]) is None
    assert majority(["yes", None, None]) == "yes"
    assert majority([None, None]) is None
    assert majority(["unknown", "unknown", "yes"]) == "unknown"


def test_disagreements_come_first_then_customer_order():
    compared = compare_answers(CUSTOMERS, {"An": AN, "Pieter": PIETER})
    assert compared["customer_id"].tolist()[:4] == ["2"] * 4
    assert compared["customer_id"].tolist()[4:] == ["1"] * 4 + ["3"] * 4
    first = compared.iloc[0]
    assert (first["question"], first["An"], first["Pieter"]) == ("margin", "yes", "no")
    assert bool(first["disagree"]) and not bool(first["agree"]) and first["majority"] is None
    network = compared[(compared["customer_id"] == "2") & (compared["question"] == "network")]
    assert network["answered"].item() == 0 and not network["agree"].item()


def test_agreed_answers_are_what_everyone_who_answered_said_and_the_team_has_not():
    team = answers({"1": ("yes", None, None, "no")})
    compared = compare_answers(CUSTOMERS, {"An": AN, "Pieter": PIETER}, team)
    assert agreed_answers(compared) == [
        ("2", "cashflow", "yes"),
        ("1", "cashflow", "no"),
        ("1", "innovation", "yes"),
        ("1", "network", "yes"),
    ]


def test_one_answer_alone_is_no_agreement():
    compared = compare_answers(CUSTOMERS, {"An": AN, "Pieter": answers({})})
    assert not compared["agree"].any()
    assert agreed_answers(compared) == []


def test_agreement_per_participant_and_question():
    team = answers({"1": ("yes", "no", "yes", "yes"), "2": ("no", "yes", "no", None)})
    figures = agreement(compare_answers(CUSTOMERS, {"An": AN, "Pieter": PIETER}, team))
    an = figures[figures["participant"] == "An"].set_index("question")
    assert an.loc["margin", "answered"] == 2
    assert an.loc["margin", "yes_share"] == 1.0
    assert an.loc["margin", "team_yes_share"] == 0.5
    assert an.loc["margin", "agreement"] == 0.5
    assert an.loc["all", "answered"] == 7
    pieter = figures[figures["participant"] == "Pieter"].set_index("question")
    assert pieter.loc["innovation", "agreement"] == 0.5  # '?' is not the team's 'no'
    assert math.isnan(pieter.loc["network", "team_yes_share"]) is False
    assert list(figures["question"].unique()) == [*QUESTIONS, "all"]


def test_a_participant_named_like_a_column_is_refused():
    with pytest.raises(KlantlibError) as caught:
        compare_answers(CUSTOMERS, {"team": AN})
    assert caught.value.notice.key == "error.participant_reserved"


def test_the_callers_tables_are_not_changed():
    before = AN.copy()
    compare_answers(CUSTOMERS, {"An": AN, "Pieter": PIETER})
    pd.testing.assert_frame_equal(AN, before)


VALUES = st.sampled_from(["yes", "no", "unknown", None])


@given(st.lists(st.tuples(VALUES, VALUES, VALUES), min_size=3, max_size=3))
def test_agree_and_disagree_never_both_and_agreed_rows_have_one_answer(triples):
    people = {
        name: answers({str(i + 1): (t[k],) * 4 for i, t in enumerate(triples)})
        for k, name in enumerate(["An", "Pieter", "Jonas"])
    }
    compared = compare_answers(CUSTOMERS, people)
    assert not (compared["agree"] & compared["disagree"]).any()
    for cid, question, answer in agreed_answers(compared):
        row = compared[(compared["customer_id"] == cid) & (compared["question"] == question)]
        given_ = {row[p].item() for p in people} - {None}
        assert given_ == {answer}
        assert row["majority"].item() == answer
