"""The room's list and the portfolios in the widgets, driven in-process on the large sample.

A session of 400 customers and four account managers (An 117, Pieter 116, Jonas 84, Sofie
83): the facilitator picks the room's list (RoomPicker), the room answers that list as the
team (AnswerForm), each account manager answers their own portfolio (AnswerForm(manager=...)),
and the team view holds the room's list plus whoever is to decide (ConsensusView). Clicks and
values are set as a user would; what counts is read back from the session file.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest

from klantlib.core.consensus import TEAM
from klantlib.core.portfolios import RoomChoice
from klantlib.core.questions import QUESTIONS
from klantlib.errors import KlantlibError
from klantlib.ingest.loading import load_customers
from klantlib.store.answer_files import import_answers
from klantlib.store.segmentation import session_to_decide
from klantlib.store.workspace import create_next_session, create_session, open_session
from klantlib.widgets.answer_form import AnswerForm
from klantlib.widgets.consensus_view import ConsensusView
from klantlib.widgets.room_picker import RoomPicker
from tests.conftest import table_cells
from tests.hostile import MANAGER, SCRIPT_NAME, hostile_customers, raw_markup, visible_text

LARGE = Path(__file__).resolve().parents[1] / "data" / "voorbeeld_groot"
TOP = ["10337", "17908", "15400", "11926", "18649"]
"""The five largest customers of the large sample, largest first."""
SMALLEST = "02009"
"""Patisserie Van Damme bv, the smallest customer (Pieter's)."""


@pytest.fixture(scope="module")
def customers() -> pd.DataFrame:
    """The 400 customers of the large sample, read once for the module."""
    table, _report = load_customers(LARGE / "klanten.csv")
    return table


@pytest.fixture
def session(tmp_path, customers, logged):
    """A new session of the 400 customers, nobody answered, no room's list."""
    with create_session("groot", customers, workspace=tmp_path) as made:
        yield made


@pytest.fixture
def room(session):
    """The session with the default room's list: the 20 largest (and favourites: none yet)."""
    session.set_room(RoomChoice())
    return session


@pytest.fixture
def answered(room):
    """The room's session with An's and Pieter's answers from the sample (three favourites
    each, so the room's list holds 23)."""
    import_answers(room, "An", LARGE / "antwoorden_an.csv")
    import_answers(room, "Pieter", LARGE / "antwoorden_pieter.csv")
    return room


def ids_of(customers: pd.DataFrame, manager: str) -> list[str]:
    """The customers of ``manager``, largest first."""
    return customers.loc[customers["account_manager"] == manager, "customer_id"].tolist()


def shown_ids(form: AnswerForm) -> list[str]:
    """The customers the form's filters let through, in order."""
    return [str(form.sheet.ids[p]) for p in form._shown]


def largest(customers: pd.DataFrame, count: int) -> list[str]:
    ranked = customers.sort_values(["revenue", "customer_id"], ascending=[False, True])
    return ranked["customer_id"].head(count).tolist()


# ------------------------------------------------------------------------------------------
# the answer form on the room's list
# ------------------------------------------------------------------------------------------


def test_with_a_rooms_list_the_form_opens_on_that_list(room, customers):
    """The box is ticked, the 20 largest are the customers to go through, largest first, and
    the progress line counts over them and names the others as the account managers'."""
    form = AnswerForm(room, participant=TEAM, lang="nl")
    assert form.only_room.value is True
    assert form.only_room.description == "lijst van de zaal (20)"
    assert len(form._shown) == 20
    assert shown_ids(form) == largest(customers, 20)
    assert form.customer_id == TOP[0]
    said = (
        "Lijst van de zaal: 0 van 20 klanten beantwoord, 0 met open vragen · 380 klanten voor"
        " de accountmanagers"
    )
    assert html.escape(said) in form.progress.value


def test_the_rooms_list_progress_reads_well_in_english(room):
    form = AnswerForm(room, participant=TEAM, lang="en")
    said = (
        "The room's list: 0 of 20 customers answered, 0 with open questions · 380 customers for"
        " the account managers"
    )
    assert html.escape(said) in form.progress.value


def test_the_room_answers_as_the_team_and_moves_on_within_its_list(room):
    """Four clicks on the largest customer: stored under team, counted in the list's progress,
    and the form goes on to the next customer of the list."""
    form = AnswerForm(room, participant=TEAM, lang="nl")
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    team = room.current(TEAM).set_index("customer_id")
    assert team.index.tolist() == [TOP[0]]
    assert team.loc[TOP[0], list(QUESTIONS)].tolist() == ["yes"] * 4
    assert room.participants() == [TEAM]
    assert form.customer_id == TOP[1]
    assert "Lijst van de zaal: 1 van 20 klanten beantwoord" in form.progress.value


def test_unticking_the_rooms_list_goes_through_every_customer(room):
    form = AnswerForm(room, participant=TEAM, lang="nl")
    form.only_room.value = False
    assert len(form._shown) == 400
    assert "0 van 400 klanten beantwoord" in form.progress.value
    assert "accountmanagers" not in form.progress.value


def test_without_a_rooms_list_the_box_is_hidden_and_everyone_is_shown(session):
    form = AnswerForm(session, participant=TEAM, lang="nl")
    assert form.only_room.value is False
    assert form.only_room.layout.display == "none"
    assert len(form._shown) == 400


def test_showing_a_customer_off_the_rooms_list_clears_the_filter(room):
    form = AnswerForm(room, participant=TEAM, lang="nl")
    form.show(SMALLEST)
    assert form.customer_id == SMALLEST
    assert form.only_room.value is False
    assert len(form._shown) == 400
    assert "Patisserie Van Damme bv" in form.card.value


# ------------------------------------------------------------------------------------------
# the answer form on an account manager's portfolio
# ------------------------------------------------------------------------------------------


def test_an_account_manager_answers_their_own_portfolio_under_their_own_name(room, customers):
    """manager='an': the participant is An as the list writes it, only An's 117 customers are
    gone through (the room's list is not ticked), the progress is over the portfolio."""
    form = AnswerForm(room, manager="an", lang="nl")
    assert form.participant == "An"
    assert form.who.value == "An"
    assert form.portfolio.value == "An"
    assert form.only_room.value is False
    assert shown_ids(form) == ids_of(customers, "An")
    assert len(form._shown) == 117
    assert form.customer_id == ids_of(customers, "An")[0]
    said = "Portefeuille van An: 0 van 117 klanten beantwoord, 0 met open vragen"
    assert html.escape(said) in form.progress.value


def test_a_portfolio_reads_well_in_english(session):
    form = AnswerForm(session, manager="PIETER", lang="en")
    assert form.participant == "Pieter"
    said = "Pieter's portfolio: 0 of 116 customers answered, 0 with open questions"
    assert html.escape(said) in form.progress.value


def test_answers_in_a_portfolio_are_stored_under_the_manager_and_move_on_inside_it(
    session, customers
):
    """After the fourth answer the form goes to An's next customer, not the list's next."""
    an = ids_of(customers, "An")
    form = AnswerForm(session, manager="An", lang="nl")
    for question in QUESTIONS:
        form.buttons[question]["no"].click()
    mine = session.current("An").set_index("customer_id")
    assert mine.index.tolist() == [an[0]]
    assert mine.loc[an[0], list(QUESTIONS)].tolist() == ["no"] * 4
    assert form.customer_id == an[1]
    assert "Portefeuille van An: 1 van 117 klanten beantwoord" in form.progress.value


def test_next_unanswered_stays_inside_the_portfolio(session, customers):
    """An's customers 2 to 6 are answered already: the next open one is An's 7th, although
    other managers' customers in between are open."""
    an = ids_of(customers, "An")
    for cid in an[1:6]:
        for question in QUESTIONS:
            session.record("An", cid, question, "yes")
    form = AnswerForm(session, manager="An", lang="nl")
    form.move_on.value = False
    form.show(an[0])
    form.next_open.click()
    assert form.customer_id == an[6]
    assert form.portfolio.value == "An"


def test_next_stays_inside_the_portfolio_to_its_last_customer(session, customers):
    an = ids_of(customers, "An")
    form = AnswerForm(session, manager="An", lang="nl")
    form.next.click()
    assert form.customer_id == an[1]
    form.show(an[-2])
    form.next.click()
    assert form.customer_id == an[-1]
    form.next.click()
    assert form.customer_id == an[-1]
    form.previous.click()
    assert form.customer_id == an[-2]


def test_choosing_another_portfolio_jumps_to_its_first_customer(session, customers):
    form = AnswerForm(session, manager="An", lang="nl")
    form.portfolio.value = "Jonas"
    assert form.customer_id == ids_of(customers, "Jonas")[0]
    assert shown_ids(form) == ids_of(customers, "Jonas")
    assert "Portefeuille van Jonas: 0 van 84 klanten beantwoord" in form.progress.value
    assert form.participant == "An"  # the portfolio changes, not who answers
    form.portfolio.value = "all"
    assert len(form._shown) == 400


def test_showing_a_customer_outside_the_portfolio_clears_the_filters(session):
    form = AnswerForm(session, manager="An", lang="nl")
    form.show("10337")  # Pieter's
    assert form.customer_id == "10337"
    assert form.portfolio.value == "all"
    assert len(form._shown) == 400
    assert "0 van 400 klanten beantwoord" in form.progress.value


def test_an_account_manager_the_list_does_not_name_is_refused(session):
    with pytest.raises(KlantlibError) as refused:
        AnswerForm(session, manager="Zoë", lang="nl")
    assert refused.value.message("nl") == (
        "Geen accountmanager 'Zoë' in de klantenlijst van deze sessie; wel: An, Jonas, Pieter,"
        " Sofie."
    )
    assert refused.value.message("en") == (
        "No account manager 'Zoë' in this session's customer list; there are: An, Jonas,"
        " Pieter, Sofie."
    )


def test_the_who_box_offers_who_answered_and_the_account_managers_once(session):
    assert AnswerForm(session, lang="nl").who.options == ("An", "Jonas", "Pieter", "Sofie")
    session.record("Bert", "10337", "margin", "yes")
    session.record("An", "10337", "margin", "no")
    assert AnswerForm(session, lang="nl").who.options == ("An", "Bert", "Jonas", "Pieter", "Sofie")


# ------------------------------------------------------------------------------------------
# the room picker
# ------------------------------------------------------------------------------------------


def test_ticking_use_stores_the_twenty_largest(session, customers, tmp_path):
    picker = RoomPicker(session, lang="nl")
    assert picker.use.value is False
    assert picker.largest.disabled is True
    picker.use.value = True
    with open_session("groot", workspace=tmp_path) as again:
        assert again.room == RoomChoice(20, True, ())
        assert again.room_ids() == largest(customers, 20)
    assert picker.ids == largest(customers, 20)
    said = (
        "Lijst van de zaal: 20 klanten (20 grootste, 0 favorieten erbij, 0 met de hand); 380"
        " klanten voor de accountmanagers."
    )
    assert html.escape(said) in picker.summary.value
    assert "Lijst van de zaal bewaard om " in picker.status.value


def test_with_fewer_customers_than_twenty_the_list_takes_them_all(tmp_path, five_customers):
    with create_session("klein", five_customers, workspace=tmp_path) as small:
        picker = RoomPicker(small, lang="en")
        assert picker.largest.value == 5
        picker.use.value = True
        assert small.room == RoomChoice(5, True, ())
        assert small.room_ids() == ["001", "002", "003", "004", "005"]
        said = (
            "The room's list: 5 customers (5 largest, 0 favourites added, 0 by hand); 0"
            " customers for the account managers."
        )
        assert html.escape(said) in picker.summary.value


def test_changing_the_number_of_largest_is_stored_at_once(room, customers):
    picker = RoomPicker(room, lang="nl")
    assert picker.use.value is True
    picker.largest.value = 30
    assert room.room == RoomChoice(30, True, ())
    assert room.room_ids() == largest(customers, 30)
    assert "Lijst van de zaal: 30 klanten (30 grootste" in picker.summary.value


def test_favourites_join_the_list_only_while_the_box_is_ticked(room, customers):
    room.record("Sofie", SMALLEST, "favourite", "yes")
    picker = RoomPicker(room, lang="nl")
    assert picker.favourites.description == "en ieders favorieten (1)"
    assert room.room_ids() == [*largest(customers, 20), SMALLEST]
    assert "1 favorieten erbij" in picker.summary.value
    picker.favourites.value = False
    assert room.room == RoomChoice(20, False, ())
    assert room.room_ids() == largest(customers, 20)


def test_a_search_finds_by_a_piece_of_the_name_largest_first(session):
    picker = RoomPicker(session, lang="nl")
    picker.search.value = "van damme"
    assert [value for _label, value in picker.found.options] == [
        "02542",
        "11148",
        "07130",
        "06107",
        SMALLEST,
    ]
    assert picker.found.options[0][0] == "Bistro Van Damme bv · 02542 · € 12.646"
    assert picker.status.value == ""


def test_a_customer_found_by_its_id_is_added_and_taken_off_again(room, customers):
    picker = RoomPicker(room, lang="nl")
    picker.search.value = SMALLEST
    assert [value for _label, value in picker.found.options] == [SMALLEST]
    picker.found.value = SMALLEST  # chosen in the list beside the search box
    picker.add.click()
    assert room.room == RoomChoice(20, True, (SMALLEST,))
    assert room.room_ids() == [*largest(customers, 20), SMALLEST]
    assert [value for _label, value in picker.picked.options] == [SMALLEST]
    assert "21 klanten (20 grootste, 0 favorieten erbij, 1 met de hand)" in picker.summary.value
    picker.picked.value = (SMALLEST,)
    picker.remove.click()
    assert room.room == RoomChoice(20, True, ())
    assert picker.picked.options == ()
    assert room.room_ids() == largest(customers, 20)


def test_adding_a_customer_starts_a_list(session):
    picker = RoomPicker(session, lang="nl")
    picker.search.value = "patisserie van damme bv"
    picker.found.value = SMALLEST
    picker.add.click()
    assert picker.use.value is True
    assert session.room == RoomChoice(20, True, (SMALLEST,))


def test_unticking_use_clears_the_list(room, tmp_path):
    picker = RoomPicker(room, lang="nl")
    picker.use.value = False
    assert room.room is None
    with open_session("groot", workspace=tmp_path) as again:
        assert again.room is None
    assert picker.ids == []
    assert picker.largest.disabled is True
    assert picker.summary.value == html.escape(
        "Geen lijst voor de zaal: de zaal gaat door alle 400 klanten."
    )


def test_a_search_without_hits_says_so(session):
    picker = RoomPicker(session, lang="nl")
    picker.search.value = "  Zzyzx "
    assert picker.found.options == ()
    assert html.escape("Geen klant gevonden met 'Zzyzx'.") in picker.status.value
    picker.add.click()
    assert html.escape("Zoek eerst een klant (naam of nummer)") in picker.status.value
    assert session.room is None


def test_a_search_with_many_hits_offers_the_first_thirty(session):
    picker = RoomPicker(session, lang="en")
    picker.search.value = "vzw"
    assert len(picker.found.options) == 30
    said = "36 customers found; the first 30 are in the list: type more of the name."
    assert html.escape(said) in picker.status.value


def test_next_quarter_the_picker_stores_changes_although_a_picked_customer_left(session, tmp_path):
    gone = "18136"  # in this quarter's list, not in the next
    session.set_room(RoomChoice(10, False, ("17908", gone)))
    later, _report = load_customers(LARGE / "klanten_volgend_kwartaal.csv")
    assert gone not in set(later["customer_id"])
    with create_next_session("volgend", later, session, workspace=tmp_path) as nxt:
        picker = RoomPicker(nxt, lang="nl")
        picker.largest.value = 12
        assert "Klantnummer" not in picker.status.value
        assert nxt.room == RoomChoice(12, False, ("17908",))


def test_hostile_names_stay_text_in_the_pickers_summary_and_status(tmp_path, logged):
    with create_session("h", hostile_customers(12), workspace=tmp_path) as hostile:
        picker = RoomPicker(hostile, lang="nl")
        picker.search.value = "brouwerij"
        assert picker.found.options[0][0].startswith(SCRIPT_NAME)  # a dropdown shows text
        picker.found.value = "001"
        picker.add.click()
        assert hostile.room.picked == ("001",)
        picker.search.value = "<img src=hostile-x.png onerror=alert(7)>"
        for markup in (picker.summary.value, picker.status.value):
            assert raw_markup(markup) == []
        assert "<img src=hostile-x.png onerror=alert(7)>" in visible_text(picker.status.value)


# ------------------------------------------------------------------------------------------
# the team view with a room's list
# ------------------------------------------------------------------------------------------


def test_the_team_view_holds_the_rooms_list_and_the_customers_to_decide(answered):
    room_list = set(answered.room_ids())
    to_decide = set(session_to_decide(answered)["customer_id"])
    assert (len(room_list), len(to_decide), len(room_list & to_decide)) == (23, 47, 1)
    view = ConsensusView(answered, lang="nl")
    assert set(view.compared["customer_id"]) == room_list | to_decide
    assert view.summary.value == (
        "<b>2 deelnemers · 47 klanten om te bespreken · team besliste 0 van 69 klanten</b>"
        " · 331 klanten voor de accountmanagers"
    )


def test_without_a_rooms_list_the_team_view_holds_every_customer(answered):
    answered.set_room(None)
    view = ConsensusView(answered, lang="en")
    assert view.compared["customer_id"].nunique() == 400
    assert "account managers" not in view.summary.value


def test_a_customer_decided_by_the_team_leaves_the_view_when_it_is_off_the_list(answered):
    """A customer to decide outside the room's list: once the team decides each question
    that differs, a refresh leaves it to the account managers."""
    to_decide = session_to_decide(answered)
    outside = to_decide[~to_decide["customer_id"].isin(answered.room_ids())].iloc[0]
    view = ConsensusView(answered, lang="nl")
    view.show(outside["customer_id"])
    for question in outside["questions"]:
        view.buttons[question]["no"].click()
    view.refresh.click()
    assert outside["customer_id"] not in set(view.compared["customer_id"])
    assert view.summary.value.endswith(" · 332 klanten voor de accountmanagers")


def test_the_portfolios_table_has_a_row_per_account_manager_and_a_total(answered, customers):
    view = ConsensusView(answered, lang="nl")
    rows = table_cells(view.portfolios.value)
    assert rows == [
        ["accountmanager", "klanten", "in de zaal", "beantwoord", "open vragen", "te beslissen"],
        ["An", "117", "6", "98", "22", "8"],
        ["Jonas", "84", "3", "66", "19", "11"],
        ["Pieter", "116", "7", "97", "23", "17"],
        ["Sofie", "83", "7", "63", "27", "11"],
        ["totaal", "400", "23", "324", "91", "47"],
    ]
    managers = customers.set_index("customer_id")["account_manager"]
    in_room = managers[answered.room_ids()].value_counts()
    names = ["An", "Jonas", "Pieter", "Sofie"]
    assert [int(row[2]) for row in rows[1:5]] == [in_room[name] for name in names]


def test_hostile_account_manager_names_stay_text_in_the_team_view(tmp_path, logged):
    with create_session("h", hostile_customers(12), workspace=tmp_path) as hostile:
        hostile.set_room(RoomChoice(3))
        for cid in ("002", "004", "009"):
            hostile.record("An", cid, "margin", "yes")
            hostile.record("Pieter", cid, "margin", "no")
        view = ConsensusView(hostile, lang="nl")
        for markup in (view.portfolios.value, view.summary.value, view.card.value):
            assert raw_markup(markup) == []
        assert [row[0] for row in table_cells(view.portfolios.value)] == [
            "accountmanager",
            MANAGER,
            "Pieter",
            "totaal",
        ]
        assert view.summary.value.endswith(" · 7 klanten voor de accountmanagers")
        form = AnswerForm(hostile, manager=MANAGER, lang="nl")
        assert raw_markup(form.progress.value) == []
        assert f"Portefeuille van {MANAGER}: 0 van 6 klanten" in visible_text(form.progress.value)


def test_accepting_all_suggestions_takes_only_the_customers_the_form_shows(room):
    """On the room's list "accept all" counts and stores the suggestions of the list's
    customers only: the team never decides for the customers of the account managers."""
    form = AnswerForm(room, participant=TEAM, lang="nl")
    listed = set(room.room_ids())
    button = form.accept_all["cashflow"]
    suggested = {
        str(form.sheet.ids[at])
        for at in form._suggested["cashflow"].at
        if str(form.sheet.ids[at]) in listed
    }
    assert 0 < len(suggested) < len(form._suggested["cashflow"].at)
    assert f"({len(suggested)})" in button.description
    button.click()
    stored = room.current(TEAM).dropna(subset=["cashflow"])
    assert set(stored["customer_id"]) == suggested
    form.only_room.value = False  # every customer again: the rest can be taken now
    assert f"({len(form._suggested['cashflow'].at) - len(suggested)})" in button.description
