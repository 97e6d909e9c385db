"""The room's list and the account managers' portfolios: core, store and command line.

The core chooses the room's list (the largest N, everyone's favourites, the customers picked by
hand) and counts per account manager what is left to do; the session stores the list and carries
it into the next quarter; ``answers export --portfolio`` gives an account manager a file with
only their own customers, which ``answers import`` takes back and ``segment`` counts by the rule.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from klantlib.cli import main
from klantlib.core.answering import AnswerSheet, Progress, SheetFilter
from klantlib.core.bands import Thresholds
from klantlib.core.portfolios import (
    NO_MANAGER,
    RoomChoice,
    manager_keys,
    manager_name,
    managers,
    person_key,
    portfolio_mask,
    portfolio_progress,
    room_ids,
)
from klantlib.core.questions import FIELDS, QUESTIONS
from klantlib.core.segments import SegmentGrid
from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.ingest.loading import load_customers
from klantlib.reports.present import to_decide_text
from klantlib.store.workspace import create_next_session, create_session, open_session
from tests.conftest import customers_frame

KIT = Path(__file__).resolve().parents[1]
LARGE = KIT / "data" / "voorbeeld_groot"

SIX = customers_frame(
    [
        ("010", "Brouwerij Mattheeuws", 90_000.0),
        ("002", "Bakkerij Peeters", 50_000.0),
        ("001", "Hotel Ter Duinen", 50_000.0),  # a tie with 002: the id decides
        ("004", "Café Sport", 5_000.0),
        ("003", "Slagerij Maes", 5_000.0),
        ("005", "Garage Claes", 100.0),
    ],
    account_manager=["An", " an ", "Pieter", None, "bert", ""],
)
"""Six customers, two ties in revenue; An twice (spelled two ways), Pieter, bert, and two
customers without an account manager (missing, blank)."""


# ------------------------------------------------------------------------------------------
# room_ids and RoomChoice
# ------------------------------------------------------------------------------------------


def test_the_largest_come_first_and_a_tie_goes_to_the_lower_id():
    """The three largest of six: 010, then 001 before 002 (same revenue, lower id)."""
    assert room_ids(SIX, RoomChoice(3, favourites=False)) == ["010", "001", "002"]


def test_favourites_join_the_list_only_when_the_choice_takes_them():
    """A favourite outside the largest is on the list with favourites chosen, not without."""
    with_them = room_ids(SIX, RoomChoice(2, favourites=True), favourites={"005"})
    without = room_ids(SIX, RoomChoice(2, favourites=False), favourites={"005"})
    assert with_them == ["010", "001", "005"]
    assert without == ["010", "001"]


def test_picked_customers_join_in_revenue_order_and_unknown_ids_are_left_out():
    """Picked and favourite ids not in the list are ignored; the list is largest first."""
    choice = RoomChoice(1, favourites=True, picked=("005", "999", "003"))
    assert room_ids(SIX, choice, favourites={"004", "888"}) == ["010", "003", "004", "005"]


def test_no_largest_and_nothing_picked_is_an_empty_list():
    assert room_ids(SIX, RoomChoice(0, favourites=True)) == []


def test_more_largest_than_customers_takes_every_customer():
    assert room_ids(SIX, RoomChoice(50, favourites=False)) == [
        "010",
        "001",
        "002",
        "003",
        "004",
        "005",
    ]


@st.composite
def room_cases(draw):
    """Customers with unique ids and many ties in revenue, a choice, and favourites; picked
    and favourite ids partly not in the list."""
    ids = draw(st.lists(st.text("0123456789", min_size=1, max_size=3), unique=True, max_size=15))
    revenue = draw(
        st.lists(
            st.sampled_from([0.0, 100.0, 100.0, 5_000.0, 60_000.0]),
            min_size=len(ids),
            max_size=len(ids),
        )
    )
    customers = customers_frame([(c, f"Klant {c}", r) for c, r in zip(ids, revenue, strict=True)])
    pool = st.sampled_from([*ids, "x1", "x2"]) if ids else st.sampled_from(["x1", "x2"])
    choice = RoomChoice(
        draw(st.integers(0, len(ids) + 2)),
        draw(st.booleans()),
        tuple(draw(st.lists(pool, max_size=5))),
    )
    favourites = set(draw(st.lists(pool, max_size=5)))
    return customers, choice, favourites


@given(room_cases())
def test_the_room_list_is_the_top_n_plus_what_was_added_and_nothing_else(case):
    """For any customers: a subset of their ids without repeats, holding the top N (revenue
    high to low, ties by id), the chosen favourites and the picked, and no other; no longer
    than N plus favourites plus picked; largest first."""
    customers, choice, favourites = case
    listed = room_ids(customers, choice, favourites)
    ids = customers["customer_id"].tolist()
    revenue = dict(zip(ids, customers["revenue"], strict=True))
    ranked = sorted(ids, key=lambda c: (-revenue[c], c))
    assert len(listed) == len(set(listed))
    assert set(listed) <= set(ids)
    assert set(ranked[: choice.largest]) <= set(listed)
    assert set(choice.picked) & set(ids) <= set(listed)
    assert (set(favourites) & set(ids) <= set(listed)) or not choice.favourites
    added = len(favourites) if choice.favourites else 0
    assert len(listed) <= choice.largest + added + len(choice.picked)
    allowed = set(ranked[: choice.largest]) | set(choice.picked)
    allowed |= set(favourites) if choice.favourites else set()
    assert set(listed) <= allowed
    assert listed == [c for c in ranked if c in set(listed)]


@pytest.mark.parametrize("largest", [-1, 2.5, "20", True, None])
def test_a_room_choice_refuses_a_largest_that_is_not_a_whole_number_from_zero(largest):
    with pytest.raises(KlantlibError) as refused:
        RoomChoice(largest)  # type: ignore[arg-type]
    assert refused.value.message("nl") == (
        "Het aantal grootste klanten voor de lijst van de zaal moet een geheel getal vanaf 0"
        f" zijn, niet '{largest}'."
    )
    assert refused.value.message("en") == (
        f"The number of largest customers on the room's list must be a whole number from 0,"
        f" not '{largest}'."
    )


def test_a_room_choice_takes_a_numpy_integer_and_picks_each_customer_once():
    """A count from a table (numpy) is a plain int; ids picked twice, or as numbers, once as
    text, in the order first picked."""
    choice = RoomChoice(np.int64(5), picked=["7", "012", 7, "7"])  # type: ignore[arg-type]
    assert choice == RoomChoice(5, True, ("7", "012"))
    assert type(choice.largest) is int


# ------------------------------------------------------------------------------------------
# account managers and portfolios
# ------------------------------------------------------------------------------------------


def test_a_person_is_compared_without_case_or_extra_spaces():
    assert person_key("  An   De  Smet ") == person_key("an de smet") == "an de smet"


def test_managers_are_listed_once_as_first_written_sorted_without_case():
    assert managers(SIX) == ["An", "bert", "Pieter"]
    assert manager_name(SIX, "  AN ") == "An"
    assert manager_name(SIX, "Zoë") is None


def test_a_portfolio_holds_the_customers_of_that_manager_however_it_is_spelled():
    assert SIX["customer_id"][portfolio_mask(SIX, "an")].tolist() == ["010", "002"]
    assert manager_keys(SIX).tolist() == ["an", "an", "pieter", None, "bert", None]


def test_without_an_account_manager_column_there_are_no_managers_and_no_portfolios():
    plain = SIX.drop(columns="account_manager")
    assert managers(plain) == []
    assert manager_keys(plain) is None
    assert not portfolio_mask(plain, "An").any()


def test_progress_per_account_manager_counts_what_counts_and_lists_nobodys_last():
    """Per manager: customers, on the room's list, all four answers counted (team, agreed or
    the account manager's), questions without one, customers with answers that differ. The
    sources may come in any order; customers without a manager are '—', last."""
    sources = pd.DataFrame(
        [
            # id      margin        cashflow     innovation         network
            ("005", "open", "open", "open", "open"),
            ("003", "agreed", "agreed", "team", "agreed"),
            ("010", "team", "agreed", "account_manager", "account_manager"),
            ("002", "to_decide", "agreed", "open", "one_answer"),
            ("001", "one_answer", "to_decide", "to_decide", "open"),
            ("004", "account_manager", "agreed", "agreed", "agreed"),
        ],
        columns=["customer_id", *QUESTIONS],
    ).astype("string")
    table = portfolio_progress(SIX, sources, room=["002", "004", "999"])
    expected = pd.DataFrame(
        {
            "customers": [2, 1, 1, 2],
            "in_room": [1, 0, 0, 1],
            "answered": [1, 1, 0, 1],
            "open_questions": [3, 0, 4, 4],
            "to_decide": [1, 0, 1, 0],
        },
        index=pd.Index(["An", "bert", "Pieter", NO_MANAGER], name="account_manager"),
    )
    assert_frame_equal(table, expected)


def test_progress_per_account_manager_is_empty_without_account_managers():
    plain = SIX.drop(columns="account_manager")
    sources = pd.DataFrame(
        {"customer_id": plain["customer_id"], **dict.fromkeys(QUESTIONS, "open")}
    )
    table = portfolio_progress(plain, sources)
    assert table.empty
    assert table.columns.tolist() == [
        "customers",
        "in_room",
        "answered",
        "open_questions",
        "to_decide",
    ]
    assert table.index.name == "account_manager"


def answer_sheet(current: pd.DataFrame | None = None) -> AnswerSheet:
    """One participant's sheet over ``SIX`` (bands 10,000 and 50,000)."""
    return AnswerSheet(
        SIX,
        current if current is not None else pd.DataFrame(columns=["customer_id", *FIELDS]),
        thresholds=Thresholds(10_000, 50_000),
        grid=SegmentGrid.default(),
    )


def test_the_sheet_filters_on_the_rooms_list_and_on_a_portfolio():
    """Positions in customer order: the room's list, An's portfolio, and both at once."""
    sheet = answer_sheet()
    sheet.set_room(["002", "005", "999"])
    assert sheet.matching(SheetFilter(room=True)).tolist() == [1, 5]
    assert sheet.matching(SheetFilter(manager=" AN")).tolist() == [0, 1]
    assert sheet.matching(SheetFilter(room=True, manager="an")).tolist() == [1]
    assert sheet.portfolio("Pieter").tolist() == [2]
    assert sheet.matching(SheetFilter(manager="Zoë")).tolist() == []


def test_progress_over_a_portfolio_counts_only_its_customers():
    current = pd.DataFrame(
        [
            {"customer_id": "010", **dict.fromkeys(QUESTIONS, "yes")},
            {"customer_id": "002", **dict.fromkeys(QUESTIONS, "unknown")},
            {"customer_id": "001", **dict.fromkeys(QUESTIONS, "no")},
        ]
    ).reindex(columns=["customer_id", *FIELDS])
    sheet = answer_sheet(current)
    assert sheet.progress(sheet.portfolio("An")) == Progress(answered=2, open=1, total=2)
    assert sheet.progress(sheet.portfolio("bert")) == Progress(answered=0, open=0, total=1)
    assert sheet.progress() == Progress(answered=3, open=1, total=6)


# ------------------------------------------------------------------------------------------
# the session
# ------------------------------------------------------------------------------------------


@pytest.fixture
def six(tmp_path):
    with create_session("2026-Q4", SIX, workspace=tmp_path) as made:
        yield made


def test_the_rooms_list_is_stored_and_read_back_after_reopening(six, tmp_path):
    six.set_room(RoomChoice(2, favourites=False, picked=(" 005 ", "003")))
    six.close()
    with open_session("2026-Q4", workspace=tmp_path) as again:
        assert again.room == RoomChoice(2, False, ("005", "003"))
        assert again.room_ids() == ["010", "001", "003", "005"]


def test_a_session_without_a_rooms_list_has_none(six):
    assert six.room is None
    assert six.room_ids() == []


def test_the_rooms_list_takes_the_favourites_marked_in_the_session(six):
    six.record("Pieter", "005", "favourite", "yes")
    six.set_room(RoomChoice(1))
    assert six.room_ids() == ["010", "005"]


def test_a_picked_customer_not_in_the_session_is_refused_by_its_id(six):
    with pytest.raises(KlantlibError) as refused:
        six.set_room(RoomChoice(2, picked=("003", "999")))
    assert refused.value.message("nl") == "Klantnummer '999' zit niet in sessie '2026-Q4'."
    assert refused.value.message("en") == "Customer id '999' is not in session '2026-Q4'."
    assert six.room is None  # nothing stored


def test_no_rooms_list_again_clears_it(six, tmp_path):
    six.set_room(RoomChoice(3))
    six.set_room(None)
    assert six.room is None
    with open_session("2026-Q4", workspace=tmp_path) as again:
        assert again.room is None


def test_a_rooms_list_alone_is_a_decision_of_the_team(six):
    assert not six.has_decisions()
    six.set_room(RoomChoice(5))
    assert six.has_decisions()
    assert not six.has_changes()


def test_the_next_quarter_carries_the_rooms_list(six, tmp_path):
    six.set_room(RoomChoice(4, favourites=False, picked=("005",)))
    later = pd.concat([SIX, customers_frame([("006", "Drukkerij Verbeke", 70_000.0)])])
    with create_next_session("2027-Q1", later, six, workspace=tmp_path) as q1:
        assert q1.room == RoomChoice(4, False, ("005",))
        assert q1.room_ids() == ["010", "006", "001", "002", "005"]


def test_the_rooms_list_carried_into_the_next_quarter_can_be_stored_again(six, tmp_path):
    six.set_room(RoomChoice(2, favourites=False, picked=("003", "005")))
    later = SIX[SIX["customer_id"] != "005"]  # 005 left
    with create_next_session("2027-Q1", later, six, workspace=tmp_path) as q1:
        q1.set_room(q1.room)
        assert q1.room == RoomChoice(2, False, ("003",))


# ------------------------------------------------------------------------------------------
# to decide
# ------------------------------------------------------------------------------------------


def answer(session, who: str, customer_id: str, answers: str) -> None:
    """Record ``who``'s four answers (``yes no ? -``; ``-``: not answered)."""
    words = {"yes": "yes", "no": "no", "?": "unknown"}
    for question, given_ in zip(QUESTIONS, answers.split(), strict=True):
        if given_ != "-":
            session.record(who, customer_id, question, words[given_])


def test_nothing_to_decide_is_said_in_one_line(six):
    answer(six, "An", "010", "yes yes no ?")
    answer(six, "Pieter", "010", "yes yes no ?")
    assert to_decide_text(six, "nl") == (
        "Niets te beslissen: geen klant met antwoorden die verschillen zonder beslissing van"
        " het team."
    )
    assert to_decide_text(six, "en", quiet=True) == ""


def test_each_customer_to_decide_has_a_line_with_its_questions_then_how_many_more(six):
    answer(six, "An", "010", "yes yes no no")
    answer(six, "Pieter", "010", "no yes no yes")
    answer(six, "An", "001", "yes - - -")
    answer(six, "Pieter", "001", "? - - -")
    answer(six, "An", "003", "- no - -")
    answer(six, "Pieter", "003", "- yes - -")
    answer(six, "team", "003", "- yes - -")  # decided: no longer to decide
    lines = to_decide_text(six, "nl", limit=1).splitlines()
    assert lines == [
        "Te beslissen: 2 klanten met antwoorden die verschillen en nog geen beslissing van het"
        " team (ze tellen als open vragen tot het team beslist).",
        "  010 Brouwerij Mattheeuws: Marge, Netwerk",
        "  … en nog 1",
    ]
    assert to_decide_text(six, "en").splitlines()[1:] == [
        "  010 Brouwerij Mattheeuws: Margin, Network",
        "  001 Hotel Ter Duinen: Margin",
    ]


def test_one_customer_to_decide_is_one_customer(six):
    answer(six, "An", "010", "yes - - -")
    answer(six, "Pieter", "010", "no - - -")
    assert to_decide_text(six, "nl").startswith("Te beslissen: 1 klant met antwoorden")
    assert to_decide_text(six, "en").startswith("To decide: 1 customer whose answers")


# ------------------------------------------------------------------------------------------
# the command line: an account manager's portfolio on another laptop
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_customers() -> pd.DataFrame:
    customers, _report = load_customers(LARGE / "klanten.csv")
    return customers


@pytest.fixture
def workspace(tmp_path, large_customers) -> Path:
    """A workspace holding session 'groot': the 400 customers of the large sample."""
    folder = tmp_path / "sessies"
    create_session("groot", large_customers, workspace=folder).close()
    return folder


def an_ids(customers: pd.DataFrame) -> list[str]:
    return customers.loc[customers["account_manager"] == "An", "customer_id"].tolist()


def export(workspace: Path, out: Path, *more: str) -> list[str]:
    return ["answers", "export", "--session", "groot", "--workspace", str(workspace),
            "--out", str(out), *more]  # fmt: skip


def test_a_portfolio_export_holds_only_that_managers_customers(
    workspace, tmp_path, large_customers, capsys
):
    """An's 117 customers, in the list's order, answered under the list's spelling 'An'."""
    out = tmp_path / "an.csv"
    assert main(export(workspace, out, "--portfolio", "an")) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [
        "Antwoorden van An in sessie 'groot': 0 van 117 klanten.",
        f"Geschreven: {out}",
    ]
    assert printed.err == ""
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(sheet) == 117
    assert sheet["customer_id"].tolist() == an_ids(large_customers)


def test_a_portfolio_export_as_a_workbook_holds_the_same_customers(
    workspace, tmp_path, large_customers, capsys
):
    out = tmp_path / "an.xlsx"
    assert main(export(workspace, out, "--portfolio", "An", "--lang", "en")) == 0
    assert capsys.readouterr().out.startswith("Answers of An in session 'groot': 0 of 117")
    workbook = openpyxl.load_workbook(out)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    assert rows[0][:6] == ("customer_id", "name", "margin", "cashflow", "innovation", "network")
    assert [row[0] for row in rows[1:]] == an_ids(large_customers)


def test_a_portfolio_nobody_has_is_refused_naming_the_account_managers(workspace, tmp_path, capsys):
    out = tmp_path / "zoe.csv"
    assert main(export(workspace, out, "--portfolio", "Zoë")) == 2
    printed = capsys.readouterr()
    assert printed.err.strip() == (
        "Fout: Geen accountmanager 'Zoë' in de klantenlijst van deze sessie; wel: An, Jonas,"
        " Pieter, Sofie."
    )
    assert not out.exists()
    assert main(export(workspace, out, "--portfolio", "Zoë", "--lang", "en")) == 2
    assert "there are: An, Jonas, Pieter, Sofie." in capsys.readouterr().err


def test_a_filled_in_portfolio_comes_back_and_counts_for_the_account_manager(
    workspace, tmp_path, large_customers, capsys
):
    """Export An's portfolio, fill in two customers, import it as An: segment --session counts
    An's own answers on An's customers, not on Pieter's, and lists where An and Pieter differ."""
    sheet_path = tmp_path / "an.csv"
    assert main(export(workspace, sheet_path, "--portfolio", "An")) == 0
    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    first, second = sheet["customer_id"].iloc[:2]
    columns = ["marge", "cashflow", "innovatie", "netwerk"]
    sheet.loc[0, columns] = ["ja", "ja", "ja", "ja"]
    sheet.loc[1, columns] = ["ja", "nee", "?", "ja"]
    sheet.to_csv(sheet_path, index=False)
    imported = ["answers", "import", str(sheet_path), "--session", "groot",
                "--participant", "An", "--workspace", str(workspace)]  # fmt: skip
    assert main(imported) == 0
    assert "8 wijzigingen bewaard voor An in sessie 'groot'" in capsys.readouterr().out
    with open_session("groot", workspace=workspace) as session:
        current = session.current("An").set_index("customer_id")
        assert current.loc[second, list(QUESTIONS)].tolist() == ["yes", "no", "unknown", "yes"]
        answer(session, "Pieter", second, "no no ? yes")  # differs from An on Marge
        answer(session, "An", "10337", "yes yes yes yes")  # Pieter's customer: An alone
    out = tmp_path / "uit"
    assert main(["segment", "--session", "groot", "--workspace", str(workspace),
                 "--out", str(out)]) == 0  # fmt: skip
    printed = capsys.readouterr().out.splitlines()
    names = large_customers.set_index("customer_id")["name"]
    at = printed.index(text("decide.line", "nl", count="1"))
    assert printed[at + 1] == f"  {second} {names[second]}: Marge"
    segments = pd.read_csv(out / "segments.csv", dtype=str).set_index("customer_id")
    assert segments.loc[first, "score"] == "4"  # An's own customer: An's answers count
    assert segments.loc[second, "score"] == "1"  # Netwerk agreed; Marge to decide
    assert segments.loc["10337", "score"] == "0"  # Pieter's customer: An's answer waits


def test_a_filled_in_portfolio_workbook_is_imported(workspace, tmp_path, capsys):
    out = tmp_path / "an.xlsx"
    assert main(export(workspace, out, "--portfolio", "An")) == 0
    workbook = openpyxl.load_workbook(out)
    rows = workbook.worksheets[0]
    customer_id = rows.cell(row=3, column=1).value
    rows.cell(row=3, column=3).value = "nee"
    rows.cell(row=3, column=6).value = "ja"
    workbook.save(out)
    workbook.close()
    imported = ["answers", "import", str(out), "--session", "groot", "--participant", "An",
                "--workspace", str(workspace)]  # fmt: skip
    assert main(imported) == 0
    capsys.readouterr()
    with open_session("groot", workspace=workspace) as session:
        current = session.current("An")
    assert current["customer_id"].tolist() == [customer_id]
    assert current[["margin", "network"]].iloc[0].tolist() == ["no", "yes"]
