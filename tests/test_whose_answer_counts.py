"""The one rule for whose answer counts, and every route using it.

The rule (README, "Whose answer counts"): the team's answer where the room decided, else what
everyone who answered agrees on (two or more), else the account manager's own answer; answers
that differ without a team decision are "to decide". The reference below says it cell by cell
in plain Python; the core, the command line, the report, the quarter comparison and the next
quarter's session must all give what it gives, for any answers.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from klantlib.cli import main
from klantlib.core.consensus import TEAM, counted_answers, team_answers
from klantlib.core.method import segment_customers
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import format_number, text
from klantlib.reports.quarter import quarter_segments
from klantlib.reports.report import write_session_report
from klantlib.store.segmentation import segment_session, session_to_decide
from klantlib.store.workspace import create_next_session, create_session, open_session

MANAGERS = ["An", "Pieter", "jonas ", None]
PEOPLE = ["An", "Pieter", "Jonas", "Sofie"]
ANSWER = st.sampled_from([None, None, "yes", "no", "unknown"])


def reference(manager: str | None, team: str | None, given: dict[str, str | None]):
    """(answer, source) for one customer and question, as the README says it (a missing
    value, ``None`` or NaN, is not answered)."""
    team = None if pd.isna(team) else team
    given = {p: None if pd.isna(a) else a for p, a in given.items()}
    if team is not None:
        return team, "team"
    answered = {p: a for p, a in given.items() if a is not None}
    if len(set(answered.values())) > 1:
        return "unknown", "to_decide"
    if len(answered) >= 2:
        return next(iter(answered.values())), "agreed"
    if len(answered) == 1:
        (person, answer), *_ = answered.items()
        if manager is not None and person.lower() == manager.strip().lower():
            return answer, "account_manager"
        return "unknown", "one_answer"
    return "unknown", "open"


@st.composite
def answer_sets(draw, *, max_customers: int = 12):
    """Customers with account managers, 1–4 participants' answers and team decisions."""
    count = draw(st.integers(1, max_customers))
    ids = [f"{i:03d}" for i in range(1, count + 1)]
    managers = draw(st.lists(st.sampled_from(MANAGERS), min_size=count, max_size=count))
    customers = pd.DataFrame(
        {
            "customer_id": ids,
            "name": [f"Klant {i}" for i in ids],
            "revenue": [float(100_000 - 1_000 * i) for i in range(count)],
            "account_manager": pd.array(managers, dtype="string"),
        }
    )
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True))

    def table():
        return pd.DataFrame(
            {"customer_id": ids}
            | {q: draw(st.lists(ANSWER, min_size=count, max_size=count)) for q in QUESTIONS}
        )

    answers = {p: table() for p in people}
    team = table() if draw(st.booleans()) else None
    return customers, answers, team


def expected(customers, answers, team):
    """The reference's answers and sources, as two tables like the core's."""
    values, sources = [], []
    for row, manager in enumerate(customers["account_manager"].astype(object)):
        manager = None if pd.isna(manager) else manager
        pairs = [
            reference(
                manager,
                None if team is None else team[q].iloc[row],
                {p: table[q].iloc[row] for p, table in answers.items()},
            )
            for q in QUESTIONS
        ]
        values.append([a for a, _ in pairs])
        sources.append([s for _, s in pairs])
    ids = {"customer_id": pd.array(customers["customer_id"], dtype="string")}

    def frame(rows):
        columns = {
            q: pd.array([r[i] for r in rows], dtype="string") for i, q in enumerate(QUESTIONS)
        }
        return pd.DataFrame(ids | columns)

    return frame(values), frame(sources)


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_the_core_gives_the_rule_for_any_answers(case):
    customers, answers, team = case
    want_answers, want_sources = expected(customers, answers, team)
    counted = counted_answers(customers, answers, team)
    assert_frame_equal(counted.answers, want_answers)
    assert_frame_equal(counted.sources, want_sources)
    assert_frame_equal(team_answers(customers, answers, team), want_answers)
    to_decide = counted.to_decide(customers)
    marked = (want_sources[list(QUESTIONS)] == "to_decide").any(axis=1)
    assert to_decide["customer_id"].tolist() == customers["customer_id"][marked].tolist()


def test_the_account_managers_own_answer_counts_and_nobody_elses_alone():
    customers = pd.DataFrame(
        {
            "customer_id": ["1", "2", "3"],
            "name": ["Ann", "Bert", "Cis"],
            "revenue": [3.0, 2.0, 1.0],
            "account_manager": ["An", "Pieter", "An"],
        }
    )
    answers = {
        "an": pd.DataFrame({"customer_id": ["1", "2", "3"], "margin": ["yes", "yes", "no"]}),
        "Pieter": pd.DataFrame({"customer_id": ["3"], "margin": ["yes"]}),
    }
    counted = counted_answers(customers, answers, None)
    # 1: An's own customer, she alone answered; 2: An on Pieter's customer, alone; 3: they differ
    assert counted.answers["margin"].tolist() == ["yes", "unknown", "unknown"]
    assert counted.sources["margin"].tolist() == ["account_manager", "one_answer", "to_decide"]
    decide = counted.to_decide(customers)
    assert decide.to_dict("records") == [
        {"customer_id": "3", "name": "Cis", "account_manager": "An", "questions": ["margin"]}
    ]
    # the team decides: that counts, the customer is no longer to decide
    team = pd.DataFrame({"customer_id": ["3"], "margin": ["no"]})
    again = counted_answers(customers, answers, team)
    assert again.answers["margin"].tolist() == ["yes", "unknown", "no"]
    assert again.to_decide(customers).empty


def segments(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answer_sets(max_customers=8))
def test_every_route_counts_the_same_answers(case):
    """Random answers stored in a session: the one path, the command line, the session report,
    the quarter comparison and the next quarter's session give each customer the segment the
    rule gives, and the same customers to decide."""
    customers, answers, team = case
    # who answered anything is a participant; one alone: the matrix shows their answers
    answers = {p: t for p, t in answers.items() if t[list(QUESTIONS)].notna().any(axis=None)}
    if team is not None and not team[list(QUESTIONS)].notna().any(axis=None):
        team = None
    want_answers, want_sources = expected(customers, answers, team)
    alone = len(answers) == 1 and team is None
    used = next(iter(answers.values())) if alone else want_answers
    want = segment_customers(customers, used, thresholds=(50_000, 90_000))
    with tempfile.TemporaryDirectory() as folder:
        ws = Path(folder) / "sessies"
        with create_session(
            "2026-Q4", customers, workspace=ws, thresholds=want.thresholds
        ) as session:
            for person, table in {**answers, **({TEAM: team} if team is not None else {})}.items():
                session.record_many(
                    person,
                    [
                        (row["customer_id"], q, row[q])
                        for row in table.to_dict("records")
                        for q in QUESTIONS
                        if row[q] is not None
                    ],
                )
            one_path = segment_session(session).customers
            assert one_path["segment"].tolist() == want.customers["segment"].tolist()
            assert one_path["score"].tolist() == want.customers["score"].tolist()
            decide = session_to_decide(session)["customer_id"].tolist()
            write_session_report(session, Path(folder) / "report", lang="nl")
            (_, compared), *_ = reversed(quarter_segments(session))
            assert compared["segment"].tolist() == want.customers["segment"].tolist()
            with create_next_session("2027-Q1", customers, session, workspace=ws) as after:
                assert segment_session(after).customers["segment"].tolist() == (
                    want.customers["segment"].tolist()
                )
                assert session_to_decide(after)["customer_id"].tolist() == decide
        if not alone:
            marked = (want_sources[list(QUESTIONS)] == "to_decide").any(axis=1)
            assert decide == customers["customer_id"][marked].tolist()
        out = Path(folder) / "cli"
        argv = ["segment", "--session", "2026-Q4", "--workspace", str(ws), "--lang", "nl"]
        assert main([*argv, "--out", str(out)]) == 0
        by_cli = segments(out / "segments.csv")
        by_report = segments(Path(folder) / "report" / "segments.csv")
        assert_frame_equal(by_cli, by_report)
        assert by_cli.iloc[:, -2].tolist() == want.customers["segment"].tolist()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_customers_to_decide_are_listed_by_the_command_line_and_the_report(tmp_path, capsys, lang):
    """An and Pieter differ on one customer's Marge, nobody decided: the command line and the
    report list it as to decide, with its question; once the team decides, neither does."""
    customers = pd.DataFrame(
        {
            "customer_id": ["01", "02", "03"],
            "name": ["Bakkerij <b>Goossens</b>", "Garage Dierckx", "Hotel De Zwaan"],
            "revenue": [90_000.0, 40_000.0, 9_000.0],
            "account_manager": ["An", "Pieter", "An"],
        }
    )
    ws = tmp_path / "sessies"
    with create_session("2026-Q4", customers, workspace=ws) as session:
        session.record_many("An", [("01", "margin", "yes"), ("02", "margin", "yes")])
        session.record_many("Pieter", [("01", "margin", "no"), ("02", "margin", "yes")])
        write_session_report(session, tmp_path / "report", lang=lang)
    argv = ["segment", "--session", "2026-Q4", "--workspace", str(ws), "--lang", lang]
    assert main([*argv, "--out", str(tmp_path / "cli")]) == 0
    said = capsys.readouterr().out
    assert text("decide.line", lang, count="1") in said
    question = text("question.margin", lang)
    assert f"01 Bakkerij <b>Goossens</b>: {question}" in said
    for folder in ("report", "cli"):
        sheet = pd.read_excel(
            tmp_path / folder / "report.xlsx",
            sheet_name=text("report.sheet.to_decide", lang),
            dtype=str,
            engine="openpyxl",
        )
        assert sheet.values.tolist() == [["01", "Bakkerij <b>Goossens</b>", "An", question]]
        page = (tmp_path / folder / "report.html").read_text(encoding="utf-8")
        assert text("report.to_decide", lang) in page
        assert "Bakkerij &lt;b&gt;Goossens&lt;/b&gt;" in page and "<b>Goossens" not in page
    with open_session("2026-Q4", workspace=ws) as session:
        session.record(TEAM, "01", "margin", "no")
        write_session_report(session, tmp_path / "decided", lang=lang)
    with pd.ExcelFile(tmp_path / "decided" / "report.xlsx", engine="openpyxl") as book:
        assert text("report.sheet.to_decide", lang) not in book.sheet_names
    assert main([*argv, "--out", str(tmp_path / "cli2")]) == 0
    assert text("decide.line", lang, count="1") not in capsys.readouterr().out


def test_the_customers_set_aside_are_those_off_the_rooms_list_without_an_answer_that_counts(
    tmp_path,
):
    """With a room's list, the matrix sets aside the customers off the list that have no
    answer counting by the rule: An's own answer counts, Pieter's alone on An's customer does
    not; without a room's list nothing is set aside."""
    from klantlib.core.portfolios import RoomChoice
    from klantlib.store.segmentation import session_set_aside

    customers = pd.DataFrame(
        {
            "customer_id": ["1", "2", "3", "4", "5"],
            "name": ["A", "B", "C", "D", "E"],
            "revenue": [500.0, 400.0, 300.0, 200.0, 100.0],
            "account_manager": ["An", "An", "An", "Pieter", "Pieter"],
        }
    )
    with create_session("s", customers, workspace=tmp_path) as session:
        session.record("An", "3", "margin", "no")  # her own customer: counts
        session.record("Pieter", "2", "network", "yes")  # An's customer, Pieter alone
        assert session_set_aside(session) == []
        session.set_room(RoomChoice(1, favourites=False))
        assert session_set_aside(session) == ["2", "4", "5"]
        assert session_set_aside(session, "Pieter") == ["3", "4", "5"]
        session.record(TEAM, "5", "cashflow", "unknown")  # the team decided: '?' counts
        assert session_set_aside(session) == ["2", "4"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_customers_set_aside_are_never_counted_as_scored(tmp_path, lang):
    """The 400-customer sample with a room's list of 20 and the team's answers for 5 of them:
    the segmentation keeps a row for everyone, sets aside the 380 off the list, and counts only
    the 20 in its summary, its open line and the report's sheets."""
    from klantlib.core.portfolios import RoomChoice
    from klantlib.ingest.loading import load_customers
    from klantlib.paths import kit_root
    from klantlib.reports.present import open_line

    customers, _ = load_customers(kit_root() / "data" / "voorbeeld_groot" / "klanten.csv")
    with create_session("s", customers, workspace=tmp_path) as session:
        session.set_room(RoomChoice(20, favourites=False))
        room = session.room_ids()
        session.record_many(TEAM, [(cid, q, "yes") for cid in room[:5] for q in QUESTIONS])
        result = segment_session(session)
        write_session_report(session, tmp_path / "report", lang=lang)
    assert len(result.customers) == 400
    assert sorted(result.set_aside) == sorted(set(customers["customer_id"]) - set(room))
    assert int(result.summary["customers"].sum()) == 20
    assert result.open_customers == 15
    said = open_line(result, lang)
    assert text("answers.open", lang, count=15, total=20) in said
    assert text("answers.set_aside", lang, count=format_number(380, lang)) in said
    summary = pd.read_excel(
        tmp_path / "report" / "report.xlsx",
        sheet_name=text("report.sheet.summary", lang),
        engine="openpyxl",
        header=None,
        dtype=str,
    )
    assert text("answers.set_aside", lang, count=format_number(380, lang)) in " ".join(
        summary.fillna("").to_numpy().ravel()
    )
