"""Weights per question: off by default; the score scale adapts and the grid follows."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from klantlib.core.method import segment_customers
from klantlib.core.questions import QUESTIONS, check_weights, score
from klantlib.core.segments import SegmentGrid
from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.store.workspace import create_session
from klantlib.widgets.answer_form import AnswerForm

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["1", "2", "3"],
        "name": ["Groot", "Middel", "Klein"],
        "revenue": [90_000.0, 20_000.0, 5_000.0],
    }
)
ANSWERS = pd.DataFrame(
    {
        "customer_id": ["1", "2", "3"],
        "margin": ["yes", "yes", "no"],
        "cashflow": ["no", "yes", "yes"],
        "innovation": ["no", "no", "yes"],
        "network": ["no", "no", "yes"],
    }
)
HEAVY_MARGIN = {"margin": 3, "cashflow": 1, "innovation": 1, "network": 1}


def test_without_weights_the_plain_method_is_unchanged():
    plain = segment_customers(CUSTOMERS, ANSWERS, thresholds=(10_000, 50_000))
    same = segment_customers(
        CUSTOMERS, ANSWERS, thresholds=(10_000, 50_000), weights=dict.fromkeys(QUESTIONS, 1)
    )
    pd.testing.assert_frame_equal(plain.segments, same.segments)
    assert SegmentGrid.default(4) == SegmentGrid.default()


def test_a_weighted_score_is_the_sum_of_the_weights_answered_yes():
    assert score(ANSWERS, HEAVY_MARGIN).tolist() == [3, 4, 3]
    assert score(ANSWERS).tolist() == [1, 2, 3]


def test_the_default_grid_follows_the_scale_in_proportion():
    """Six points on a 0..6 scale: large from score 0 is B, from 3 (half) A; small needs 6."""
    grid = SegmentGrid.default(6)
    assert grid.max_score == 6
    assert grid.cells == {"small": "CCCCCCB", "medium": "CCCBBBA", "large": "BBBAAAA"}
    result = segment_customers(
        CUSTOMERS, ANSWERS, thresholds=(10_000, 50_000), weights=HEAVY_MARGIN
    ).segments.set_index("customer_id")
    assert result["score"].to_dict() == {"1": 3, "2": 4, "3": 3}
    assert result["segment"].to_dict() == {"1": "A", "2": "B", "3": "C"}


def test_a_grid_of_the_wrong_width_for_the_weights_is_refused():
    with pytest.raises(KlantlibError) as caught:
        segment_customers(CUSTOMERS, ANSWERS, grid=SegmentGrid.default(), weights=HEAVY_MARGIN)
    assert caught.value.message("en") == text("error.grid_weights", "en", grid=4, score=6)


@pytest.mark.parametrize(
    "weights, key",
    [({"margin": 0}, "error.weight"), ({"margin": 1.5}, "error.weight"),
     ({"margin": 9}, "error.weight"), ({"marge": 2}, "error.weights_question"),
     ({"margin": True}, "error.weight")],
)  # fmt: skip
def test_bad_weights_are_refused_in_plain_words(weights, key):
    with pytest.raises(KlantlibError) as caught:
        check_weights(weights)
    assert caught.value.notice.key == key


def test_the_session_keeps_weights_and_its_grid_follows(tmp_path):
    with create_session("s", CUSTOMERS, workspace=tmp_path) as session:
        assert session.weights == dict.fromkeys(QUESTIONS, 1)
        session.set_weights(HEAVY_MARGIN)
        assert session.weights == HEAVY_MARGIN
        assert session.grid == SegmentGrid.default(6)
        with pytest.raises(KlantlibError):
            session.set_grid(SegmentGrid.default())
        session.set_weights(None)
        assert session.grid == SegmentGrid.default()


def test_the_form_scores_with_the_weights(tmp_path):
    with create_session("s", CUSTOMERS, workspace=tmp_path) as session:
        session.set_weights(HEAVY_MARGIN)
        form = AnswerForm(session, participant="An", lang="en")
        form.buttons["margin"]["yes"].click()
        verdict = text("form.verdict", "en", score=3, most=6, segment="A")
        assert html.escape(verdict) in form.verdict.value
