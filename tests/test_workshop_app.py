"""The workshop app: the whole workshop as one page of seven steps over the kit's own views,
driven in-process (real clicks on the step bar, the next button and the views' buttons), read
back from the session file; the report's download links; and the pure parts of ``present``
(Voilà's settings and command line, the command's parser)."""

from __future__ import annotations

import base64
import html
import json
import re
import sqlite3
import sys

import ipywidgets as widgets
import openpyxl
import pandas as pd
import pytest

from klantlib.core.bands import Thresholds
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import format_money, get_language, set_language, text
from klantlib.paths import kit_root
from klantlib.reports.present import escape_text
from klantlib.store.workspace import WORKSPACE_VARIABLE, create_session, open_session, session_path
from klantlib.widgets.answer_form import AnswerForm
from klantlib.widgets.band_picker import BandPicker
from klantlib.widgets.consensus_view import ConsensusView
from klantlib.widgets.grid_editor import GridEditor
from klantlib.widgets.plan_editor import PlanEditor
from klantlib.widgets.report_button import ReportButton, download_link
from klantlib.widgets.upload import CustomerFilePicker
from klantlib.widgets.workshop_app import STEPS, WorkshopApp
from tests.hostile import (
    IMAGE_NAME,
    MANAGER,
    PARTICIPANTS,
    SCRIPT_NAME,
    describe,
    hostile_customers,
    raw_markup,
)

LANGS = ["nl", "en"]
SESSION = "2026-Q4"
ERROR_COLOUR = "#b00020"  # how every widget of the kit shows an error (widget_errors)

# Largest first: 001 is the first customer the form shows, 002 the next, and so on.
CUSTOMERS = pd.DataFrame(
    {
        "customer_id": [f"{i:03d}" for i in range(1, 9)],
        "name": [
            "Brouwerij Mattheeuws",
            "Bakkerij Peeters",
            "Café Sport",
            "Slagerij Maes",
            "Garage Claes",
            "Drukkerij Verbeke",
            "Hotel Ter Duinen",
            "Bloemen Lies",
        ],
        "revenue": [40_000.0, 25_000.0, 12_000.0, 8_000.0, 6_000.0, 3_000.0, 900.0, 100.0],
        "hours": [40.0, 30.0, 12.0, 10.0, 8.0, 4.0, 2.0, 1.0],
        "account_manager": ["Els", "Piet", "Els", "Piet", "Els", "Piet", "Els", "Piet"],
    }
)

VIEW_CLASSES = {
    "bands": BandPicker,
    "questions": AnswerForm,
    "together": ConsensusView,
    "plan": PlanEditor,
    "report": ReportButton,
}


# ------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------


def widgets_in(root: widgets.Widget):
    """``root`` and every widget inside it, depth first."""
    yield root
    for child in getattr(root, "children", ()):
        yield from widgets_in(child)


def html_values(root: widgets.Widget) -> list[str]:
    """Every HTML text the widgets under ``root`` hold: HTML values, the HTML outputs of
    Output widgets, descriptions shown as HTML."""
    found = []
    for widget in widgets_in(root):
        if isinstance(widget, widgets.HTML | widgets.HTMLMath):
            found.append(widget.value)
        if isinstance(widget, widgets.Output):
            found += [str(o.get("data", {}).get("text/html", "")) for o in widget.outputs]
        if getattr(widget, "description_allow_html", False):
            found.append(widget.description)
    return found


def assert_no_error(app: WorkshopApp) -> None:
    """Neither the app nor its step shows an error (a click's error is shown, not raised)."""
    shown = [value for value in html_values(app) if ERROR_COLOUR in value]
    assert shown == [], f"an error is shown: {shown}"


def only(kind: type, root: widgets.Widget):
    (found,) = [w for w in widgets_in(root) if isinstance(w, kind)]
    return found


def stored_step(workspace) -> str | None:
    with open_session(SESSION, workspace=workspace) as again:
        return again.workshop_step


def is_open(session) -> bool:
    try:
        session.workshop_step  # noqa: B018 - reading is the test
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed database"
        return False
    return True


def open_sessions(workspace) -> list:
    """The sessions of this process still open on the test session's file."""
    from klantlib.store.session import _OPEN  # every session opened in this process

    path = session_path(SESSION, workspace).resolve()
    return [s for s in list(_OPEN) if s.path.resolve() == path and is_open(s)]


def file_dump(workspace) -> list[str]:
    """Everything the session file holds, read through a connection of its own."""
    connection = sqlite3.connect(session_path(SESSION, workspace))
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def matrix_picture(app: WorkshopApp) -> bytes:
    picture = bytes(only(widgets.Image, app.view).value)
    assert picture.startswith(b"\x89PNG")
    return picture


def links(status: str) -> list[tuple[str, str, str]]:
    """(href, download attribute or "", name) of every link in a report button's status."""
    found = re.findall(r"<a href='([^']*)'[^>]*?(?: download='([^']*)')?>([^<]*)</a>", status)
    return [(html.unescape(h), html.unescape(d), html.unescape(n)) for h, d, n in found]


# ------------------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "sessies"
    create_session(SESSION, CUSTOMERS, workspace=folder).close()
    return folder


@pytest.fixture
def make_app(tmp_path, workspace, logged):
    """``make_app(lang)``: a WorkshopApp on the test session in the tmp workspace, its report
    into ``tmp_path / "rapport"``; closed (session and widgets) after the test."""
    made: list[WorkshopApp] = []

    def make(lang: str = "en", **options) -> WorkshopApp:
        options.setdefault("workspace", workspace)
        options.setdefault("report_folder", tmp_path / "rapport")
        app = WorkshopApp(SESSION, lang=lang, **options)
        made.append(app)
        assert_no_error(app)
        return app

    yield make
    for app in made:
        app.close_session()
        for widget in list(widgets_in(app)):
            widget.close()


def reopen(app: WorkshopApp, make_app) -> WorkshopApp:
    """A reload of the page: the old app lets go of the session, a new one is made."""
    app.close_session()
    return make_app(app.lang)


@pytest.fixture
def kit_language():
    """``workshop_app`` sets the kit's language for the notebook: put it back after."""
    before = get_language()
    yield
    set_language(before)


# ------------------------------------------------------------------------------------------
# 1. The steps, in order
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_next_step_walks_the_seven_steps_in_order(make_app, workspace, lang):
    app = make_app(lang)
    assert app.step == "customers" and stored_step(workspace) == "customers"
    labels = [label for label, _ in app.steps.options]
    assert labels == [
        text("app.step_bar", lang, number=i + 1, step=text(f"app.step.{s}", lang))
        for i, s in enumerate(STEPS)
    ]
    # the first step: the file picker beside the customers' chart, no session held
    assert isinstance(app.view, widgets.HBox)
    assert only(CustomerFilePicker, app.view) is app.picker
    assert bytes(only(widgets.Image, app.view).value).startswith(b"\x89PNG")
    assert app.session is None
    walked = [app.step]
    for at, step in enumerate(STEPS):
        if at:
            app.next_step.click()
            walked.append(app.step)
        assert app.steps.value == step and stored_step(workspace) == step
        assert app.area.children == (app.view,)
        if step in VIEW_CLASSES:
            assert type(app.view) is VIEW_CLASSES[step]
            assert app.view.session is app.session
        elif step == "matrix":
            assert isinstance(app.view, widgets.HBox)
            matrix_picture(app)
            assert only(GridEditor, app.view).session is app.session
        following = STEPS[at + 1] if at + 1 < len(STEPS) else None
        if following:
            assert app.next_step.layout.visibility == "visible"
            assert app.next_step.description == text(
                "app.next", lang, step=text(f"app.step.{following}", lang)
            )
        else:
            assert app.next_step.layout.visibility == "hidden"
        assert_no_error(app)
    assert walked == list(STEPS)
    last = app.view
    app.next_step.click()  # hidden on the last step; a click there changes nothing
    assert app.step == "report" and app.view is last


# ------------------------------------------------------------------------------------------
# 2. The step is kept
# ------------------------------------------------------------------------------------------


def test_a_new_app_opens_at_the_step_shown_last(make_app, workspace):
    first = make_app("nl")
    for _ in range(5):
        first.next_step.click()
    assert first.step == "plan"
    second = reopen(first, make_app)
    assert second.step == "plan" and type(second.view) is PlanEditor
    assert second.steps.value == "plan"
    second.steps.value = "matrix"  # a click on the step bar
    assert second.step == "matrix" and stored_step(workspace) == "matrix"
    assert isinstance(second.view, widgets.HBox) and only(GridEditor, second.view)
    third = reopen(second, make_app)
    assert third.step == "matrix"
    third.go("bands")
    assert stored_step(workspace) == "bands" and type(third.view) is BandPicker
    with pytest.raises(ValueError, match="nowhere"):
        third.go("nowhere")
    assert third.step == "bands"


def test_a_step_the_app_does_not_know_opens_the_first_step(make_app, workspace):
    with open_session(SESSION, workspace=workspace) as other:
        other.set_workshop_step("invoices")  # by another version of the kit
    app = make_app()
    assert app.step == "customers" and stored_step(workspace) == "customers"


FEW = pd.DataFrame(  # two different revenues: no bands can be suggested, they must be chosen
    {"customer_id": ["1", "2", "3"], "name": ["Een", "Twee", "Drie"],
     "revenue": [40_000.0, 100.0, 100.0]}
)  # fmt: skip


@pytest.fixture
def few_app(tmp_path):
    """An app on a session whose bands cannot be suggested (none stored), at the bands step.
    No ``logged`` here: the tests below show (and log) the error of the step that fails."""
    workspace = tmp_path / "few"
    create_session(SESSION, FEW, workspace=workspace).close()
    app = WorkshopApp(SESSION, lang="en", workspace=workspace, report_folder=tmp_path / "r")
    app.go("bands")
    yield app
    app.close_session()


def test_a_step_that_cannot_open_says_why_in_plain_words(few_app, logged):
    few_app.next_step.click()  # the questions need bands: none stored, none to suggest
    why = text("error.too_few_for_suggestion", "en", count=2)
    assert html.escape(text("error.shown", "en", message=why)) in few_app.status.value


def test_after_a_step_that_cannot_open_the_view_shown_still_works(few_app):
    few_app.next_step.click()
    picker = few_app.view
    assert isinstance(picker, BandPicker)  # the band picker is still what the team sees
    assert few_app.steps.value == few_app.step == "bands"  # and the step bar says so
    picker.store.click()  # and what it does next: store the bands it shows
    assert ERROR_COLOUR not in picker.status.value, picker.status.value


def test_a_stored_step_that_cannot_open_does_not_lock_the_team_out(few_app):
    few_app.next_step.click()  # fails, as above; the page is reloaded
    few_app.close_session()
    with open_session(SESSION, workspace=few_app.workspace) as session:
        assert session.workshop_step == "bands"  # the step that failed was not kept
    again = WorkshopApp(SESSION, lang="en", workspace=few_app.workspace)
    assert again.step == again.steps.value == "bands"
    assert isinstance(again.view, BandPicker)
    again.close_session()


# ------------------------------------------------------------------------------------------
# 3. Each step reads the session when it opens
# ------------------------------------------------------------------------------------------


def test_bands_stored_in_the_bands_step_are_the_forms_bands(make_app, workspace):
    lang = "en"
    app = make_app(lang)
    app.go("bands")
    picker = app.view
    picker.low_text.value = "2000"
    picker.high_text.value = "20000"
    picker.store.click()
    assert_no_error(app)
    with open_session(SESSION, workspace=workspace) as again:
        assert again.thresholds == Thresholds(2_000, 20_000)
    app.next_step.click()
    form = app.view
    assert form.thresholds == Thresholds(2_000, 20_000)
    form.who.value = "Els"
    stored_line = text(
        "form.bands",
        lang,
        low=format_money(2_000, lang),
        high=format_money(20_000, lang),
        how=text("form.bands_stored", lang),
    )
    assert html.escape(stored_line) in form.progress.value
    # bands stored by someone else (another laptop, a notebook): the next step opened shows them
    with open_session(SESSION, workspace=workspace) as other:
        other.set_thresholds(Thresholds(5_000, 30_000))
    app.go("bands")
    assert app.view.thresholds == Thresholds(5_000, 30_000)
    assert app.view.stored == Thresholds(5_000, 30_000)
    app.go("questions")
    assert app.view.thresholds == Thresholds(5_000, 30_000)
    assert_no_error(app)


def test_what_one_step_stores_the_next_steps_show(make_app, workspace, tmp_path):
    """Answers given in the questions step are in the matrix; the plan stored in the plan step
    is in the report the report step writes, with those answers."""
    lang = "nl"
    app = make_app(lang)
    app.go("matrix")
    nobody = text("plan.answers_of", lang, who=text("session.nobody_yet", lang))
    assert html.escape(nobody) in "".join(html_values(app.view))
    before = matrix_picture(app)

    app.go("questions")
    form = app.view
    form.who.value = "Els"
    assert form.customer_id == "001"
    for question in QUESTIONS:
        form.buttons[question]["yes"].click()
    assert_no_error(app)

    app.go("matrix")
    shown = "".join(html_values(app.view))
    assert html.escape(text("plan.answers_of", lang, who="Els")) in shown
    assert html.escape(nobody) not in shown
    assert matrix_picture(app) != before  # 001 moved to the column of four yeses

    app.go("plan")
    editor = app.view
    editor.contacts["A"].value = 7
    editor.owner["A"].value = "Els Janssens"
    editor.store.click()
    assert_no_error(app)
    with open_session(SESSION, workspace=workspace) as again:
        plan = again.plan
    assert (plan["A"].contacts_per_year, plan["A"].owner) == (7, "Els Janssens")

    app.next_step.click()
    assert app.step == "report"
    app.view.button.click()
    assert_no_error(app)
    book = openpyxl.load_workbook(tmp_path / "rapport" / "report.xlsx")
    rows = [[cell.value for cell in row] for row in book["plan"].iter_rows()]
    (row_a,) = [row for row in rows if row[0] == "A"]
    assert 7 in row_a and "Els Janssens" in row_a and 12 not in row_a  # 12: the default
    segments = pd.read_csv(tmp_path / "rapport" / "segments.csv", dtype=str)
    first = segments.set_index("customer_id").loc["001"]
    assert (first["score"], first["segment"]) == ("4", "A")


def test_the_grid_stored_in_the_matrix_step_redraws_the_matrix(make_app, workspace):
    app = make_app()
    with open_session(SESSION, workspace=workspace) as other:
        for question in QUESTIONS:
            other.record("Els", "001", question, "yes")  # 001: large, four yeses
    app.go("matrix")
    before = matrix_picture(app)
    editor = only(GridEditor, app.view)
    assert editor.cells["large"][4].value == "A"
    editor.cells["large"][4].value = "B"
    assert matrix_picture(app) == before  # not stored yet: the matrix stays as it is
    editor.store.click()
    assert_no_error(app)
    with open_session(SESSION, workspace=workspace) as again:
        assert again.grid.cells["large"][4] == "B"
    assert matrix_picture(app) != before


# ------------------------------------------------------------------------------------------
# 4. The answer form opens at the customer each participant was at
# ------------------------------------------------------------------------------------------


def test_the_questions_step_opens_at_the_customer_shown_last(make_app, workspace):
    app = make_app("nl")
    app.go("questions")
    form = app.view
    form.who.value = "Els"
    assert form.customer_id == "001"
    for question in QUESTIONS:
        form.buttons[question]["no"].click()
    assert form.customer_id == "002"  # the fourth answer moves the form on
    assert_no_error(app)

    app = reopen(app, make_app)
    assert app.step == "questions"
    form = app.view
    assert form.participant == "Els"  # the last participant, without retyping
    assert form.customer_id == "002"

    form.next.click()
    assert form.customer_id == "003"
    app = reopen(app, make_app)
    assert app.view.customer_id == "003"

    # back at the answered first customer: the form opens there, not at the first open one
    app.view.previous.click()
    app.view.previous.click()
    assert app.view.customer_id == "001"
    app = reopen(app, make_app)
    assert app.view.customer_id == "001"
    with open_session(SESSION, workspace=workspace) as again:
        assert again.form_customer("Els") == "001"
    assert_no_error(app)


def test_each_participant_gets_their_own_customer_back(make_app, workspace):
    app = make_app("en")
    app.go("questions")
    form = app.view
    form.who.value = "Els"
    form.next.click()
    form.next.click()
    assert form.customer_id == "003"
    form.who.value = "Piet"  # someone else takes the laptop
    assert form.customer_id == "001"
    form.next.click()
    assert form.customer_id == "002"
    form.who.value = "Els"
    assert form.customer_id == "003"
    form.who.value = "Piet"
    app = reopen(app, make_app)
    assert (app.view.participant, app.view.customer_id) == ("Piet", "002")
    app.view.who.value = "Els"
    assert app.view.customer_id == "003"
    assert_no_error(app)


# ------------------------------------------------------------------------------------------
# 5. A step left is closed, and so is its session
# ------------------------------------------------------------------------------------------


def test_a_step_left_is_closed_with_its_session(make_app, workspace):
    app = make_app()
    assert open_sessions(workspace) == []  # the first step holds no session
    previous_view, previous_session = app.view, None
    for step in STEPS[1:]:
        left = list(widgets_in(previous_view))
        assert all(w.comm is not None for w in left)
        app.go(step)
        assert all(w.comm is None for w in left), f"a widget of the step before {step} is open"
        assert app.view not in left and app.area.children == (app.view,)
        assert app.session is not None and app.session is not previous_session
        if previous_session is not None:
            assert not is_open(previous_session)
        assert open_sessions(workspace) == [app.session]
        assert all(w.comm is not None for w in widgets_in(app))
        previous_view, previous_session = app.view, app.session
    app.go("customers")
    assert not is_open(previous_session)
    assert app.session is None and open_sessions(workspace) == []
    app.go("plan")
    app.close_session()
    assert app.session is None and open_sessions(workspace) == []


# ------------------------------------------------------------------------------------------
# 6. Anonymous: the chart changes, the session does not
# ------------------------------------------------------------------------------------------


def test_anonymous_redraws_the_matrix_and_stores_nothing(make_app, workspace):
    app = make_app()
    app.go("matrix")
    named = matrix_picture(app)
    stored = file_dump(workspace)
    app.anonymous.value = True
    assert app.step == "matrix"
    coded = matrix_picture(app)
    assert coded != named
    assert file_dump(workspace) == stored
    app.anonymous.value = False
    assert matrix_picture(app) == named
    # switched elsewhere, it holds for the matrix when the matrix opens
    app.go("plan")
    plan_view = app.view
    app.anonymous.value = True
    assert app.view is plan_view
    app.go("matrix")
    assert matrix_picture(app) == coded
    assert_no_error(app)
    with open_session(SESSION, workspace=workspace) as again:
        assert again.grid == again.grid.default() and not again.has_decisions()


def test_anonymous_keeps_the_grid_choices_not_stored_yet(make_app):
    app = make_app()
    app.go("matrix")
    only(GridEditor, app.view).cells["large"][4].value = "B"
    app.anonymous.value = True
    assert only(GridEditor, app.view).cells["large"][4].value == "B"


# ------------------------------------------------------------------------------------------
# 7. Download links
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("segments.csv", "text/csv"),
        ("report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("report.html", "text/html"),
    ],
)
def test_download_link_carries_the_file(tmp_path, name, kind):
    path = tmp_path / name
    content = "klant;omzet\n001;40.000 €\n".encode() + bytes(range(256))
    path.write_bytes(content)
    link = download_link(path)
    head, _, data = link.partition(",")
    assert head == f"data:{kind};base64"
    assert base64.b64decode(data, validate=True) == content


def test_a_file_over_the_limit_gets_no_download_link(tmp_path, monkeypatch):
    import klantlib.widgets.report_button as module

    monkeypatch.setattr(module, "DOWNLOAD_LIMIT", 10)
    at_limit, over = tmp_path / "a.csv", tmp_path / "b.csv"
    at_limit.write_bytes(b"0123456789")
    over.write_bytes(b"0123456789!")
    assert base64.b64decode(download_link(at_limit).partition(",")[2]) == b"0123456789"
    assert download_link(over) == ""


@pytest.fixture
def answered(tmp_path, logged):
    with create_session(SESSION, CUSTOMERS, workspace=tmp_path / "w") as made:
        made.record("Els", "001", "margin", "yes")
        yield made


def test_the_report_button_links_downloads_from_the_page(answered, tmp_path):
    folder = tmp_path / "rapport"
    button = ReportButton(answered, lang="en", folder=folder, file_link=download_link)
    button.button.click()
    assert ERROR_COLOUR not in button.status.value
    found = links(button.status.value)
    assert sorted(name for _, _, name in found) == sorted(button.written)
    assert "../" not in button.status.value
    assert "download='report.xlsx'" in button.status.value
    for href, download, name in found:
        assert download == name
        assert href.startswith("data:")
        assert base64.b64decode(href.partition(",")[2]) == button.written[name].read_bytes()


def test_a_report_file_too_large_to_carry_is_named_without_a_link(answered, tmp_path, monkeypatch):
    import klantlib.widgets.report_button as module

    monkeypatch.setattr(module, "DOWNLOAD_LIMIT", 0)
    folder = tmp_path / "rapport"
    button = ReportButton(answered, lang="nl", folder=folder, file_link=download_link)
    button.button.click()
    assert ERROR_COLOUR not in button.status.value
    assert "<a" not in button.status.value and "data:" not in button.status.value
    for name, path in button.written.items():
        assert f"• {html.escape(name)} ({html.escape(str(path))})" in button.status.value


def test_the_apps_report_step_uses_the_file_link_given(make_app, tmp_path):
    app = make_app("en", file_link=download_link)
    app.go("report")
    app.view.button.click()
    assert_no_error(app)
    found = links(app.view.status.value)
    assert len(found) == len(app.view.written) > 0
    assert all(href.startswith("data:") for href, _, _ in found)
    assert app.view.folder == tmp_path / "rapport"


# ------------------------------------------------------------------------------------------
# 8. workshop_app: the notebook's and Voilà's entry
# ------------------------------------------------------------------------------------------


@pytest.fixture
def notebook_setup(tmp_path, monkeypatch, kit_language, logged):
    """The workspace by environment (workshop_app has no workspace parameter), a customer
    file of the team's own, and the notebook's folder as the kernel's working folder."""
    workspace = tmp_path / "sessies"
    monkeypatch.setenv(WORKSPACE_VARIABLE, str(workspace))
    monkeypatch.delenv("VOILA_KERNEL_ID", raising=False)
    monkeypatch.delenv("VOILA_REQUEST_URL", raising=False)
    customers_file = tmp_path / "klanten.csv"
    CUSTOMERS[["customer_id", "name", "revenue"]].to_csv(customers_file, index=False)
    notebook_folder = tmp_path / "werkmap" / "en"
    notebook_folder.mkdir(parents=True)
    monkeypatch.chdir(notebook_folder)
    return workspace, customers_file


def report_links_of(app: WorkshopApp) -> list[tuple[str, str, str]]:
    app.go("report")
    app.view.button.click()
    assert_no_error(app)
    return links(app.view.status.value)


def test_workshop_app_in_voila_links_downloads(notebook_setup, tmp_path, monkeypatch):
    from klantlib.notebook import workshop_app

    workspace, customers_file = notebook_setup
    monkeypatch.setenv("VOILA_KERNEL_ID", "0f6e3a1c")
    app = workshop_app(
        "team", str(customers_file), report_folder=str(tmp_path / "rapport"), lang="en"
    )
    try:
        assert isinstance(app, WorkshopApp) and app.lang == "en"
        assert app.step == "customers" and app.status.value == ""
        assert session_path("team", workspace).is_file()
        found = report_links_of(app)
        assert found and all(h.startswith("data:") and d == n for h, d, n in found)
    finally:
        app.close_session()


def test_workshop_app_in_jupyterlab_links_relative_paths(notebook_setup, tmp_path):
    from klantlib.notebook import workshop_app

    workspace, customers_file = notebook_setup
    app = workshop_app(
        "team", str(customers_file), report_folder=str(tmp_path / "rapport"), lang="nl"
    )
    try:
        assert isinstance(app, WorkshopApp) and app.lang == "nl"
        found = report_links_of(app)
        assert sorted(n for _, _, n in found) == sorted(app.view.written)
        for href, download, name in found:
            assert download == ""
            assert href == f"../../rapport/{name}"
    finally:
        app.close_session()


def test_workshop_app_shows_the_environment_check_only_when_wrong(notebook_setup, monkeypatch):
    import klantlib.notebook
    from klantlib.environment import EnvironmentCheck

    workspace, customers_file = notebook_setup
    broken = EnvironmentCheck(["<pandas> ontbreekt", "Er zijn problemen."], False)
    monkeypatch.setattr(klantlib.notebook, "check_environment", lambda lang: broken)
    app = klantlib.notebook.workshop_app("team", str(customers_file), lang="nl")
    try:
        assert html.escape(str(broken)) in app.status.value
        assert raw_markup(app.status.value) == []
    finally:
        app.close_session()


# ------------------------------------------------------------------------------------------
# 9. present: Voilà's settings, its command line, the command
# ------------------------------------------------------------------------------------------


def test_voila_settings_require_the_token_and_keep_the_page_to_itself(tmp_path):
    from klantlib.workshop import HOST, PAGE_POLICY, voila_settings

    folder = tmp_path / "config"
    assert voila_settings(folder) == folder
    settings = json.loads((folder / "voila.json").read_text(encoding="utf-8"))
    voila = settings["Voila"]
    assert voila["auto_token"] is True and "token" not in voila  # never token=""
    assert voila["ip"] == HOST == "127.0.0.1"
    assert voila["port_retries"] == 0
    assert voila["open_browser"] is False
    assert voila["tornado_settings"]["headers"]["Content-Security-Policy"] == PAGE_POLICY
    assert settings["VoilaConfiguration"]["file_allowlist"] == []
    assert settings["VoilaConfiguration"]["show_tracebacks"] is False
    policy = dict(part.strip().split(" ", 1) for part in PAGE_POLICY.split(";"))
    assert policy["connect-src"] == "'self'" and policy["frame-ancestors"] == "'self'"
    assert "http" not in PAGE_POLICY and "*" not in PAGE_POLICY


def test_every_voila_setting_is_one_voila_knows(tmp_path):
    """Voilà ignores a setting it does not know: a misspelt one would leave the page without
    its token or policy, silently."""
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration

    from klantlib.workshop import voila_settings

    settings = json.loads((voila_settings(tmp_path) / "voila.json").read_text(encoding="utf-8"))
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    assert set(settings) == {"Voila", "VoilaConfiguration", "MappingKernelManager"}
    assert set(settings["Voila"]) <= set(Voila.class_traits(config=True))
    known = set(VoilaConfiguration.class_traits(config=True))
    assert set(settings["VoilaConfiguration"]) <= known
    culling = set(MappingKernelManager.class_traits(config=True))
    assert set(settings["MappingKernelManager"]) <= culling
    # a page that is open keeps its kernel; one closed or reloaded lets it go
    assert settings["MappingKernelManager"]["cull_connected"] is False
    assert 0 < settings["MappingKernelManager"]["cull_idle_timeout"] <= 600


def test_voila_command_keeps_the_token_off_the_command_line():
    from klantlib.workshop import PRESENT_NOTEBOOK, voila_command

    command = voila_command(notebook=PRESENT_NOTEBOOK["en"], port=9000)
    assert command[:3] == [sys.executable, "-m", "voila"]
    assert PRESENT_NOTEBOOK["en"] in command and "--port=9000" in command
    assert not any("token" in part.lower() for part in command)
    assert not any("0.0.0.0" in part or "--ip" in part for part in command)


@pytest.mark.parametrize("lang", LANGS)
def test_the_present_notebook_is_the_workshop_app(lang):
    from klantlib.workshop import PRESENT_NOTEBOOK

    notebook = json.loads((kit_root() / PRESENT_NOTEBOOK[lang]).read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert any("klantlib.workshop_app(" in source for source in code)
    assert any(f'lang = "{lang}"' in source for source in code)


def test_the_present_command_is_parsed_and_run(monkeypatch):
    import klantlib.workshop
    from klantlib.cli import _parser, main

    args = _parser("en").parse_args(["present", "--port", "9000", "--lang", "en", "--no-browser"])
    assert (args.command, args.port, args.lang, args.no_browser) == ("present", 9000, "en", True)
    defaults = _parser("nl").parse_args(["present"])
    assert (defaults.port, defaults.no_browser) == (8888, False)

    calls = []

    def run_present(**given):
        calls.append(given)
        return 0

    monkeypatch.setattr(klantlib.workshop, "run_present", run_present)
    assert main(["present", "--port", "9000", "--lang", "en", "--no-browser"]) == 0
    assert main(["present", "--lang", "nl"]) == 0
    assert calls == [
        {"port": 9000, "lang": "en", "open_browser": False},
        {"port": 8888, "lang": "nl", "open_browser": True},
    ]


# ------------------------------------------------------------------------------------------
# 10. Hostile names never become markup, on any step
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_step_shows_hostile_text_as_markup(tmp_path, logged, lang):
    workspace = tmp_path / "sessies"
    create_session("hostile", hostile_customers(), workspace=workspace).close()
    app = WorkshopApp("hostile", lang=lang, workspace=workspace, report_folder=tmp_path / "r")
    try:
        seen: dict[str, str] = {}
        for at, step in enumerate(STEPS):
            if at:
                app.next_step.click()
            assert app.step == step
            if step == "questions":
                form = app.view
                form.who.value = PARTICIPANTS[0]
                assert escape_text(SCRIPT_NAME) in form.card.value  # the first customer
                for question in QUESTIONS:
                    form.buttons[question]["yes"].click()
                assert escape_text(IMAGE_NAME) in form.card.value  # moved on to the second
                assert escape_text(SCRIPT_NAME) in form.status.value  # "… saved, moved on"
            if step == "report":
                app.view.button.click()
            assert_no_error(app)
            values = html_values(app)
            found = [element for value in values for element in raw_markup(value)]
            if step == "report":  # the kit's own links to the files it wrote, nothing else
                assert found == ["<a>"] * len(app.view.written), describe(found)
            else:
                assert found == [], f"markup from data on step {step}: {describe(found)}"
            seen[step] = "".join(values)
        assert escape_text(SCRIPT_NAME) in seen["together"]  # the customer being decided
        assert escape_text(PARTICIPANTS[0]) in seen["matrix"]  # whose answers the matrix uses
        assert escape_text(MANAGER) in seen["plan"]  # hours per account manager
        for step, shown in seen.items():
            assert "<script" not in shown and "onerror=alert(1)>" not in shown, step
    finally:
        app.close_session()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_with_hundreds_of_customers_the_questions_step_offers_the_rooms_list(
    tmp_path, logged, lang
):
    """The 400-customer sample: the questions step has the room's list folded above the form;
    ticking it makes the list (stored) and the form works on it at once; the fold's title says
    what the list is. With a handful of customers there is no fold."""
    from klantlib.ingest.loading import load_customers
    from klantlib.widgets.room_picker import RoomPicker

    large, _ = load_customers(kit_root() / "data" / "voorbeeld_groot" / "klanten.csv")
    folder = tmp_path / "groot"
    create_session(SESSION, large, workspace=folder).close()
    app = WorkshopApp(SESSION, lang=lang, workspace=folder, report_folder=tmp_path / "r")
    try:
        app.go("questions")
        assert_no_error(app)
        fold = only(widgets.Accordion, app)
        picker = only(RoomPicker, app)
        form = only(AnswerForm, app)
        form.who.value = "team"
        assert len(form._shown) == 400 and not form.only_room.value
        picker.use.value = True
        assert fold.get_title(0) == picker.summary_text
        assert text("room.summary", lang, count="20", largest="20", favourites="0",
                    picked="0", others="380") == picker.summary_text  # fmt: skip
        assert form.only_room.value and len(form._shown) == 20
        shown = text("form.progress", lang, answered="0", total="20", open="0")
        assert shown in form.progress.value
        with open_session(SESSION, workspace=folder) as session:
            assert len(session.room_ids()) == 20
    finally:
        app.close_session()


def test_with_a_handful_of_customers_the_questions_step_is_the_form_alone(make_app):
    app = make_app("nl")
    app.go("questions")
    assert not list(widget for widget in widgets_in(app) if isinstance(widget, widgets.Accordion))
    assert only(AnswerForm, app) is not None
