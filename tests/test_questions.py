"""The four questions and their answers."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib import (
    QUESTIONS,
    InputError,
    answer_table,
    match_answers,
    parse_answer,
    question_label,
    question_text,
    score,
)
from klantlib.i18n import text


@pytest.mark.parametrize(
    "typed",
    ["ja", "JA", " Ja ", "j", "yes", "Y", "y", "1", 1, 1.0, "true", "TRUE", "waar", "x", "X", True],
)
def test_ways_people_type_yes(typed):
    """Every common spelling of yes is yes."""
    assert parse_answer(typed) == "yes"


@pytest.mark.parametrize(
    "typed",
    ["nee", "Nee", "n", "N", "no", "0", 0, 0.0, "false", "ONWAAR", False],
)
def test_ways_people_type_no(typed):
    """Every common spelling of no is no."""
    assert parse_answer(typed) == "no"


@pytest.mark.parametrize("typed", ["", "  ", "?", None, math.nan, pd.NA, "onbekend"])
def test_empty_or_question_mark_is_unknown(typed):
    """An empty cell or a question mark means not known yet."""
    assert parse_answer(typed) == "unknown"


@pytest.mark.parametrize("typed", ["misschien", "2", "jaa", "-", 0.5])
def test_anything_else_is_refused(typed):
    """Values that are not an answer raise instead of guessing."""
    with pytest.raises(ValueError):
        parse_answer(typed)


def test_labels_and_texts_exist_in_both_languages():
    """Each question has a short label and a full question in Dutch and English."""
    assert [question_label(q, "nl") for q in QUESTIONS] == [
        "Marge",
        "Cashflow",
        "Innovatie",
        "Netwerk",
    ]
    assert [question_label(q, "en") for q in QUESTIONS] == [
        "Margin",
        "Cash flow",
        "Innovation",
        "Network",
    ]
    for q in QUESTIONS:
        assert question_text(q, "nl").endswith("?")
        assert question_text(q, "en").endswith("?")
        assert question_text(q, "nl") != question_text(q, "en")


def test_dutch_column_names_in_any_case_are_recognised():
    """Marge/CASHFLOW/innovatie/Netwerk columns map to the four questions."""
    typed = pd.DataFrame(
        {
            "customer_id": ["007", "2"],
            "Marge": ["ja", "n"],
            "CASHFLOW": ["x", ""],
            "innovatie": ["?", "1"],
            "Netwerk": ["0", "Nee"],
            "opmerking": ["a", "b"],
        }
    )
    expected = pd.DataFrame(
        {
            "customer_id": ["007", "2"],
            "margin": ["yes", "no"],
            "cashflow": ["yes", "unknown"],
            "innovation": ["unknown", "yes"],
            "network": ["no", "no"],
        }
    ).astype("string")
    assert_frame_equal(answer_table(typed), expected)


def test_missing_question_column_means_unknown_for_everyone():
    """Without a network column every network answer is unknown."""
    table = answer_table(pd.DataFrame({"customer_id": ["1"], "margin": ["ja"]}))
    assert table.loc[0, "network"] == "unknown"
    assert table.loc[0, "margin"] == "yes"


def test_bad_answers_name_row_column_and_value_all_at_once():
    """Two bad cells: one message naming both rows, columns and values."""
    typed = pd.DataFrame(
        {
            "customer_id": ["1", "2", "3"],
            "marge": ["ja", "misschien", "nee"],
            "netwerk": ["ja", "nee", "2"],
        }
    )
    with pytest.raises(InputError) as caught:
        answer_table(typed)
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("nl").splitlines() == [
        "2 problemen gevonden:",
        "- rij 3, kolom 'marge': 'misschien' is geen antwoord"
        " (gebruik ja, nee of ?; ook j, n, x, 1, 0 of een lege cel)",
        "- rij 4, kolom 'netwerk': '2' is geen antwoord"
        " (gebruik ja, nee of ?; ook j, n, x, 1, 0 of een lege cel)",
    ]


def test_same_question_twice_is_refused():
    """Both 'marge' and 'margin' columns: the team must keep one."""
    typed = pd.DataFrame({"customer_id": ["1"], "marge": ["ja"], "margin": ["nee"]})
    with pytest.raises(InputError) as caught:
        answer_table(typed)
    assert caught.value.message("en") == text(
        "error.duplicate_question_column",
        "en",
        question=text("question.margin", "en"),
        columns="marge, margin",
    )


def test_repeated_customer_in_answers_is_refused():
    """The same customer answered on two rows is an error naming both rows."""
    typed = pd.DataFrame({"customer_id": ["1", "1"], "marge": ["ja", "nee"]})
    with pytest.raises(InputError) as caught:
        answer_table(typed)
    assert caught.value.message("en") == text(
        "error.duplicate_id", "en", row=3, column="customer_id", value="1", first_row=2
    )


def test_customer_without_answers_gets_four_unknowns_and_strays_are_reported():
    """A missing answer row is four unknowns; answers for unknown ids come back sorted."""
    customers = pd.DataFrame(
        {"customer_id": ["1", "2"], "name": ["A", "B"], "revenue": [2.0, 1.0]}
    ).astype({"customer_id": "string"})
    answers = answer_table(
        pd.DataFrame({"customer_id": ["9", "1", "8"], "marge": ["ja", "ja", "nee"]})
    )
    merged, stray = match_answers(customers, answers)
    assert stray == ["8", "9"]
    assert list(merged["customer_id"]) == ["1", "2"]
    assert list(merged.loc[1, list(QUESTIONS)]) == ["unknown"] * 4
    assert merged.loc[0, "margin"] == "yes"


def test_score_counts_yes_only():
    """No and unknown add nothing to the score."""
    answers = pd.DataFrame(
        {
            "margin": ["yes", "no"],
            "cashflow": ["yes", "unknown"],
            "innovation": ["no", "yes"],
            "network": ["yes", "unknown"],
        }
    )
    assert list(score(answers)) == [3, 1]


@pytest.mark.parametrize("header", ["Cash flow", "cash-flow", "CASH_FLOW", " Cashflow "])
def test_question_headers_ignore_case_spaces_and_dashes(header):
    """'Cash flow', 'cash-flow' and 'CASH_FLOW' all mean the cashflow question."""
    table = answer_table(pd.DataFrame({"customer_id": ["1"], header: ["ja"]}))
    assert table.loc[0, "cashflow"] == "yes"
