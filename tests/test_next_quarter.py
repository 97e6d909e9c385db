"""A new quarter from the last one: answers carried and to confirm, new and gone customers."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from klantlib.core.bands import Thresholds
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import text
from klantlib.store.segmentation import segment_session
from klantlib.store.workspace import create_next_session, create_session, open_session

Q3 = pd.DataFrame(
    {
        "customer_id": ["007", "012", "3"],
        "name": ["Brouwerij Mattheeuws", "Bakkerij Peeters", "Café Sport"],
        "revenue": [90_000.0, 20_000.0, 5_000.0],
    }
)
# Q4: 012 grew, 3 left, 44 arrived
Q4 = pd.DataFrame(
    {
        "customer_id": ["007", "012", "44"],
        "name": ["Brouwerij Mattheeuws", "Bakkerij Peeters", "Slagerij Maes"],
        "revenue": [85_000.0, 60_000.0, 2_000.0],
    }
)


@pytest.fixture
def q3(tmp_path):
    with create_session("2026-Q3", Q3, workspace=tmp_path) as made:
        made.set_thresholds(Thresholds(10_000, 50_000))
        made.set_weights({"margin": 2})
        for question in QUESTIONS:
            made.record("An", "007", question, "yes")
            made.record("An", "3", question, "no")
        made.record("An", "012", "note", "belt veel")
        made.record("team", "007", "margin", "yes")
        yield made


def test_answers_bands_grid_and_options_carry_over(q3, tmp_path):
    history_before = len(q3.history())
    with create_next_session("2026-Q4", Q4, q3, workspace=tmp_path) as q4:
        assert q4.carried_from == "2026-Q3"
        assert q4.thresholds == Thresholds(10_000, 50_000)
        assert q4.weights["margin"] == 2 and q4.grid.max_score == 5
        current = q4.current("An").set_index("customer_id")
        assert current.loc["007", list(QUESTIONS)].tolist() == ["yes"] * 4
        assert current.loc["012", "note"] == "belt veel"
        assert "3" not in current.index  # gone: not carried
        assert q4.current("team").set_index("customer_id").loc["007", "margin"] == "yes"
    assert len(q3.history()) == history_before  # the previous session is unchanged


def test_new_and_gone_customers_are_listed(q3, tmp_path):
    with create_next_session("2026-Q4", Q4, q3, workspace=tmp_path) as q4:
        assert q4.new_customers() == ["44"]
        assert q4.gone_customers() == [("3", "Café Sport")]
        assert q4.current("An")["customer_id"].tolist() == ["007", "012"]


def test_carried_answers_are_to_confirm_until_changed_or_confirmed(q3, tmp_path):
    with create_next_session("2026-Q4", Q4, q3, workspace=tmp_path) as q4:
        assert q4.to_confirm("An") == {"007", "012"}
        q4.record("An", "012", "margin", "yes")
        assert q4.to_confirm("An") == {"007"}
        assert q4.confirm("An", "007") == 4
        assert q4.to_confirm("An") == set()
        assert q4.to_confirm("Pieter") == set()


def test_three_quarters_carry_the_latest_answers(q3, tmp_path):
    with create_next_session("2026-Q4", Q4, q3, workspace=tmp_path) as q4:
        q4.record("An", "007", "cashflow", "no")
        q4.record("An", "44", "margin", "yes")
        q1 = Q4.assign(revenue=[80_000.0, 61_000.0, 3_000.0])
        with create_next_session("2027-Q1", q1, q4, workspace=tmp_path) as next_year:
            current = next_year.current("An").set_index("customer_id")
            assert current.loc["007", "cashflow"] == "no"
            assert current.loc["44", "margin"] == "yes"
            assert next_year.new_customers() == [] and next_year.gone_customers() == []
            assert next_year.to_confirm("An") == {"007", "012", "44"}
    with open_session("2026-Q3", workspace=tmp_path) as again:
        assert again.current("An").set_index("customer_id").loc["007", "cashflow"] == "yes"


def test_the_form_flags_carried_and_new_customers_and_filters_to_confirm(q3, tmp_path):
    from klantlib.widgets.answer_form import AnswerForm

    with create_next_session("2026-Q4", Q4, q3, workspace=tmp_path) as q4:
        form = AnswerForm(q4, participant="An", lang="en")
        assert form.only_to_confirm.layout.display is None  # offered: this session carries
        flag = html.escape(text("form.flag_to_confirm", "en", previous="2026-Q3"))
        form.show("007")
        assert flag in form.card.value
        assert form.card.value.count("<div") == 1  # the flag is inside the card's box
        assert form.confirm.layout.display is None
        form.show("44")
        assert html.escape(text("form.flag_new", "en")) in form.card.value
        assert text("form.to_confirm_left", "en", count=2) in form.progress.value
        form.show("012")  # the second to confirm: ticking the filter goes back to the first
        form.only_to_confirm.value = True
        assert form.customer_id == "007"  # the filter starts at the first to confirm
        line = text(
            "form.card_line",
            "en",
            id="007",
            revenue="€85,000",
            band=text("band.large", "en"),
            number=1,
            count=2,
        )
        assert html.escape(line) in form.card.value
        form.confirm.click()
        assert q4.to_confirm("An") == {"012"}
        assert text("form.to_confirm_left", "en", count=1) in form.progress.value
        assert html.escape(text("form.confirmed", "en", at="")) in form.status.value
        assert flag not in form.card.value
        form.show("012")
        form.buttons["margin"]["no"].click()
        assert q4.to_confirm("An") == set()
        for left in (1, 2):
            assert text("form.to_confirm_left", "en", count=left) not in form.progress.value
    with create_session("plain", Q3, workspace=tmp_path) as plain:
        assert AnswerForm(plain, participant="An").only_to_confirm.layout.display == "none"


def test_session_create_from_the_previous_session_on_the_command_line(q3, tmp_path):
    """session create --from-session: says what carried over; compare shows who moved."""
    import subprocess
    import sys

    file = tmp_path / "q4.csv"
    Q4.to_csv(file, index=False)
    run = subprocess.run(
        [sys.executable, "-m", "klantlib", "session", "create", "2026-Q4", "--customers",
         str(file), "--from-session", "2026-Q3", "--workspace", str(tmp_path), "--lang", "en"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert text("cli.carried", "en", participant="An", count=2) in lines
    assert text("cli.new_customers", "en", count=1, ids="44 Slagerij Maes") in lines
    assert text("cli.gone_customers", "en", count=1, names="3 Café Sport") in lines
    out = tmp_path / "moves"
    run = subprocess.run(
        [sys.executable, "-m", "klantlib", "compare", "2026-Q3", "2026-Q4", "--out", str(out),
         "--workspace", str(tmp_path), "--lang", "en"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    moves = pd.read_csv(out / "moves.csv", dtype=str, keep_default_na=False)
    assert set(moves["customer_id"]) >= {"3", "44"}
    assert moves.set_index("customer_id").loc["44", "from_segment"] == ""
    assert moves.set_index("customer_id").loc["3", "to_segment"] == ""


def test_three_generated_quarters_carry_flag_and_move_exactly(tmp_path):
    """The sample a quarter and two quarters later (generated: customers leave, arrive, grow
    and shrink): carried answers, new and gone customers, and moves agree with the lists."""
    from klantlib.core.method import segment_customers
    from klantlib.core.moves import compare_segments
    from klantlib.core.questions import answer_table
    from klantlib.paths import kit_root
    from klantlib.sample import next_quarter

    sample = kit_root() / "data" / "voorbeeld"
    q1 = pd.read_csv(sample / "klanten.csv", dtype={"customer_id": str})
    answers = answer_table(pd.read_csv(sample / "antwoorden_an.csv", dtype=str))
    q2 = next_quarter(q1, seed=1)
    q3_ = next_quarter(q2, seed=2)
    assert next_quarter(q1, seed=1).equals(q2)  # deterministic
    assert set(q2["customer_id"]) != set(q1["customer_id"])  # someone left or arrived
    first = create_session("Q1", q1, workspace=tmp_path)
    sessions = [first]
    first.set_thresholds(Thresholds(10_000, 50_000))
    changes = [
        (row["customer_id"], q, row[q]) for row in answers.to_dict("records") for q in QUESTIONS
    ]
    first.record_many("An", changes)
    answered = set(first.current("An")["customer_id"])
    previous, ids = segment_session(first, "An"), set(q1["customer_id"])
    try:
        for name, table in (("Q2", q2), ("Q3", q3_)):
            later = create_next_session(name, table, sessions[-1], workspace=tmp_path)
            sessions.append(later)
            now = set(table["customer_id"])
            assert set(later.new_customers()) == now - ids
            assert {cid for cid, _ in later.gone_customers()} == ids - now
            assert later.to_confirm("An") == answered & now
            result = segment_session(later, "An")
            moves, transitions = compare_segments(previous.segments, result.segments)
            assert transitions["customers"].sum() == len(ids | now)
            assert set(moves.loc[moves["from_segment"] == "", "customer_id"]) == now - ids
            assert set(moves.loc[moves["to_segment"] == "", "customer_id"]) == ids - now
            # the moves of customers in both lists: exactly the ones whose segment differs
            # when each quarter is segmented on its own, from its list and An's answers
            alone = segment_customers(
                table,
                answers[answers["customer_id"].isin(now)],
                thresholds=Thresholds(10_000, 50_000),
            ).segments.set_index("customer_id")["segment"]
            was = previous.segments.set_index("customer_id")["segment"]
            both = sorted(ids & now)
            expected = {c for c in both if was[c] != alone[c]}
            assert (
                set(
                    moves.loc[
                        moves["from_segment"].isin(["A", "B", "C"])
                        & moves["to_segment"].isin(["A", "B", "C"]),
                        "customer_id",
                    ]
                )
                == expected
            )
            assert len(expected) > 0  # the generated quarter does move someone
            previous, ids, answered = result, now, answered & now
    finally:
        for session in sessions:
            session.close()


def test_bands_the_previous_session_only_suggested_carry_over_as_they_were(tmp_path):
    """Last quarter never stored its bands: the 80/15/5 suggestion it used carries over, so a
    customer changes band because its revenue changed, not because the suggestion moved."""
    with create_session("2026-Q3", Q3, workspace=tmp_path) as q3:
        used = segment_session(q3).thresholds
        assert q3.thresholds is None
        with create_next_session("2026-Q4", Q4, q3, workspace=tmp_path) as q4:
            assert q4.thresholds == used
            assert segment_session(q4).thresholds == used
