# ruff: noqa: F811  (the browser fixtures are imported from test_browser)
"""The workshop page without code (Voilà) on the kit's 400-customer sample, at 1440×900.

With 50 customers or more the questions step folds the room's list above the answer form, and
the form filters by portfolio and by the room's list; the team step adds a table per account
manager. The same reach check as the 20-customer walk (:class:`tests.test_browser_app.Walk`):
every control of the step shown inside the window, at a size to use and not covered — with the
fold closed, while it is open, after the room's list is made and after a customer is answered,
and at the team step. What the room reads there must be in the window too: the form's line
that says the four answers are stored, and the team step's table per account manager.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from klantlib.core.bands import suggest_cumulative_share
from klantlib.core.portfolios import ROOM_LARGEST
from klantlib.core.questions import QUESTIONS
from klantlib.ingest.loading import load_customers
from klantlib.store.workspace import create_session, open_session
from tests.test_browser import (  # noqa: F401 (fixtures)
    ROOT,
    SCREENSHOTS,
    _button,
    browser,
    workspace,
)
from tests.test_browser_app import (  # noqa: F401 (fixtures)
    ERROR_WORDS,
    FACILITATOR,
    HEIGHT,
    WIDTH,
    Walk,
    _answer_row,
    _app,
    _next,
    _step_bar,
    app_notebook,
    big_page,
    voila_page,
)
from tests.test_browser_walk import english_phrases

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLE = ROOT / "data" / "voorbeeld_groot" / "klanten.csv"
SESSION = "app-voila-400"
ANSWERS = dict(zip(QUESTIONS, ["yes", "no", "yes", "unknown"], strict=True))
FOLD = ".klantwaarde-step-questions .widget-accordion"


def _look(walk: Walk, name: str, within: str = "") -> None:
    """The window as the room sees it (kept in ``out/screenshots`` also when the check fails),
    then the reach check: every control inside the window, usable and not covered."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    walk.page.mouse.move(0, 0)
    walk.page.screenshot(path=SCREENSHOTS / f"app_voila_{walk.lang}_400_{name}.png")
    walk.all_in_view(within)


def _out_of_window(walk: Walk, parts: dict[str, Locator]) -> list[str]:
    """Which of ``parts`` (what the room must read at this step, not only click) do not lie
    wholly inside the window, and by how many pixels."""
    said = []
    for name, part in parts.items():
        part.wait_for(state="visible")
        box = part.bounding_box()
        assert box is not None
        top, bottom = box["y"], box["y"] + box["height"]
        if top < 0 or bottom > walk.bottom:
            over = f"{bottom - walk.bottom:.0f} px below" if top >= 0 else f"{-top:.0f} px above"
            said.append(
                f"step {walk.step}: {name} lies at y={top:.0f}–{bottom:.0f}, {over} the window"
                f" ({WIDTH}×{HEIGHT})"
            )
    return said


def test_four_hundred_customers_fit_the_workshop_page_in_voila(
    workspace: Path, big_page: Page, tmp_path: Path
):
    """The 400-customer sample in ``make present``'s page: the questions step with its fold
    closed and open, the room's list made in one tick (20 customers, 380 for the account
    managers), one customer answered in four clicks, then the team step — no control a scroll
    away, covered or squeezed, and the stored line and the table per account manager in the
    window."""
    lang = "nl"
    customers, _ = load_customers(SAMPLE)
    assert len(customers) == 400
    first = customers.iloc[0]  # the largest: the first of the room's list
    create_session(
        SESSION,
        customers,
        thresholds=suggest_cumulative_share(customers),  # as the bands step stores them
        workspace=workspace,
        source=SAMPLE.name,
    ).close()
    notebook = app_notebook(tmp_path / "werkmap", lang, SESSION, tmp_path / "rapport")
    walk = Walk(big_page, lang)
    t = walk.t
    english = english_phrases()

    def no_english() -> None:
        shown = _app(big_page).inner_text()
        found = [phrase for phrase in english if phrase in shown]
        assert found == [], f"English on the Dutch page, step {walk.step}: {found[:5]}"

    with voila_page(notebook, workspace, tmp_path / "voila") as url:
        big_page.goto(url)
        walk.count("key")  # the address opened
        app = _app(big_page)
        app.wait_for(timeout=60_000)
        assert ERROR_WORDS not in big_page.content()

        # 3. The questions: the name once; the fold with the room's list closed above the form.
        walk.step = "questions"
        walk.click(_step_bar(walk, "questions"))
        expect(_step_bar(walk, "questions")).to_have_class(re.compile(r"\bmod-active\b"))
        view = app.locator(".klantwaarde-step-questions")
        view.wait_for()
        header = view.locator(".widget-accordion .jupyter-widget-Collapse-header")
        picker = view.locator(".widget-accordion .jupyter-widget-Collapse-contents")
        form = view.locator(".widget-vbox", has=big_page.locator("input[list]")).last
        who = form.locator("input[list]")
        walk.type(who, FACILITATOR)
        walk.key(who, "Enter")
        card = form.locator(":scope > .widget-html").nth(0)
        status = form.locator(":scope > .widget-html").nth(2)
        progress = form.locator(":scope > .widget-hbox").first.locator(".widget-html")
        expect(status).to_contain_text(t("form.hello", name=FACILITATOR))
        expect(header).to_contain_text(t("room.none", total="400"))
        expect(card).to_contain_text(str(first["name"]))
        no_english()
        _look(walk, "3_fold_closed")

        # The fold opened: its own controls in reach; one tick makes the room's list.
        walk.click(header)
        expect(picker).to_be_visible()
        _look(walk, "3_fold_open", within=FOLD)
        walk.click(picker.get_by_role("checkbox", name=t("room.use"), exact=True))
        room = t("room.summary", count=20, largest=20, favourites=0, picked=0, others=380)
        expect(header).to_contain_text(room)
        # "Lijst van de zaal: 0 van 20 klanten beantwoord" and "380 klanten voor de
        # accountmanagers"
        room_progress = t("form.progress", answered=0, total=ROOM_LARGEST, open="@")
        expect(progress).to_contain_text(t("form.progress_room") + room_progress.split(",")[0])
        expect(progress).to_contain_text(t("form.for_managers", count=380))
        only_room = form.get_by_role("checkbox", name=t("form.only_room", count=20), exact=True)
        expect(only_room).to_be_checked()
        _look(walk, "3_fold_open_list", within=FOLD)

        # The fold closed again, then one customer answered: four clicks.
        walk.click(header)
        expect(picker).to_be_hidden()
        expect(card).to_contain_text(str(first["name"]))
        no_english()
        _look(walk, "3_list_made")
        for question, answer in ANSWERS.items():
            row = _answer_row(form, big_page, walk, question)
            walk.click(_button(row, t(f"form.answer.{answer}")))
        expect(status).to_contain_text(t("form.moved_on", name=first["name"], at="@").split("(")[0])
        room_progress = t("form.progress", answered=1, total=ROOM_LARGEST, open="@")
        expect(progress).to_contain_text(t("form.progress_room") + room_progress.split(",")[0])
        expect(card).not_to_contain_text(str(first["name"]))  # on to the next open customer
        with open_session(SESSION, workspace=workspace) as session:
            stored = session.current(FACILITATOR).dropna(subset=list(QUESTIONS))
            assert session.room_ids()[:1] == [str(first["customer_id"])]
        assert stored["customer_id"].astype(str).tolist() == [str(first["customer_id"])]
        assert stored[list(QUESTIONS)].iloc[0].to_dict() == ANSWERS
        no_english()
        _look(walk, "3_answered")
        unreadable = _out_of_window(
            walk,
            {
                "the customer's card": card,
                "the progress line": progress,
                "the form's status line (four answers stored, on to the next customer)": (
                    status.locator("span").first  # the line of text itself
                ),
            },
        )

        # 4. The team step: the room's list to decide, per account manager what is left.
        _next(walk, "together")
        together = app.locator(".klantwaarde-step-together")
        expect(together).to_contain_text(t("form.for_managers", count=380))
        table = together.locator(
            "table", has=big_page.locator("caption", has_text=t("progress.caption"))
        )
        managers = sorted(customers["account_manager"].astype(str).unique())
        assert managers == ["An", "Jonas", "Pieter", "Sofie"]
        first_cells = table.locator("tbody tr td:first-child")
        expect(first_cells).to_have_text([*managers, t("report.total")])
        no_english()
        _look(walk, "4_together")
        summary = together.locator(":scope > .widget-html").first
        # the customer being decided, and beside it the table per account manager
        caption = big_page.locator("caption", has_text=t("progress.caption"))
        deciding = together.locator(".widget-hbox", has=caption).locator(":scope > .widget-vbox")
        card, grid = (deciding.first.locator(":scope > .widget-html").nth(i) for i in range(2))
        unreadable += _out_of_window(
            walk,
            {
                "the team summary": summary,
                "the customer's card": card,
                "everyone's answers": grid,
                "the table per account manager (with its total row)": table,
            },
        )
    print(f"\nvoila 400 ({lang}): {walk.total} actions {dict(walk.per_step)}")
    assert big_page.outside == [], f"the page asked beyond this machine: {big_page.outside}"  # type: ignore[attr-defined]
    assert unreadable == [], "what the room must read needs a scroll:\n" + "\n".join(unreadable)
