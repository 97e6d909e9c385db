# ruff: noqa: F811  (the browser fixtures are imported from test_browser)
"""Hostile names in a real browser: every notebook runs on customers, participants,
notes and an owner that are HTML, script and math. No dialog opens, no request leaves for an
address the names hold, and every one of them is shown as the characters it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.hostile import (
    IMAGE_NAME,
    MANAGER,
    MATH_NAME,
    OWNER,
    PARTICIPANTS,
    REQUEST_MARK,
    SCRIPT_NAME,
)
from tests.test_browser import (  # noqa: F401 (fixtures)
    ACTION_PLAN,
    CUSTOMER_LIST,
    FOUR_QUESTIONS,
    ROOT,
    _hide_sidebar,
    _run_all,
    _screenshot,
    browser,
    lab,
    page,
    sessions,
    workspace,
)
from tests.test_hostile_notebooks import SESSION, write_hostile_data

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class Watch:
    """Every dialog the page opens and every address it asks for."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self) -> None:
        assert self.dialogs == [], f"a name ran as script: {self.dialogs}"
        asked = [url for url in self.requests if REQUEST_MARK in url]
        assert asked == [], f"a name became an element that loads: {asked}"


def _with_parameters(notebook: str, values: dict[str, object]) -> str:
    """The notebook's parameters cell as in the repo, then the given values, as a user types
    them at its end."""
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    source = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    lines = [f"{name} = {value!r}" for name, value in values.items()]
    return source.rstrip("\n") + "\n" + "\n".join(lines)


def _run_with(page: Page, lab, notebook: str, values: dict[str, object]):
    """Open ``notebook``, type ``values`` into its parameters cell, Run All."""
    base, token = lab
    parameters = _with_parameters(notebook, values)

    def type_parameters(panel) -> None:
        _hide_sidebar(page)
        editor = panel.locator(".jp-CodeCell").first.locator(".cm-content")
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(parameters)
        page.keyboard.press("Escape")

    return _run_all(page, base, token, notebook, before_run=type_parameters)


def _run_in_session(page: Page, lab, sessions: Path, folder: Path, notebook: str):
    """Run ``notebook`` on the hostile session, as its first hostile participant."""
    files = write_hostile_data(folder, sessions)
    values = {
        "session": SESSION,
        "customers_file": str(files["customers"]),
        "participant": PARTICIPANTS[0],
    }
    return _run_with(page, lab, notebook, values)


def _cell(scope, words: str):
    return scope.locator("td").filter(has_text=words)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_customer_list_of_hostile_names_runs_nothing_in_jupyterlab(
    lab, sessions: Path, tmp_path: Path, page: Page, lang: str
):
    """Notebook 01 on a list of hostile names: the table shows each name as text, a name
    with $…$ is not typeset as math, and nothing runs or loads."""
    watch = Watch(page)
    files = write_hostile_data(tmp_path, sessions)
    values = {"customers_file": str(files["customers"]), "year": None}
    panel, outputs = _run_with(page, lab, CUSTOMER_LIST[lang], values)
    table = outputs.locator("table", has=page.locator("td", has_text="Bakkerij")).first
    for name in (IMAGE_NAME, SCRIPT_NAME, MATH_NAME):
        expect(table.locator("td").filter(has_text=name).first).to_have_text(name)
    expect(panel.locator("mjx-container, .MathJax")).to_have_count(0)
    _screenshot(page, table, f"hostile_01_{lang}.png")
    watch.check()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_four_questions_of_hostile_names_runs_nothing_in_jupyterlab(
    lab, sessions: Path, tmp_path: Path, page: Page, lang: str
):
    """Notebook 03 for a hostile participant on hostile customers: the form's card shows the
    name as text, the team view shows both participants as text, nothing runs or loads."""
    watch = Watch(page)
    panel, outputs = _run_in_session(page, lab, sessions, tmp_path, FOUR_QUESTIONS[lang])
    card = panel.locator(".widget-html", has_text="Brouwerij").first
    expect(card).to_contain_text(SCRIPT_NAME)
    for participant in PARTICIPANTS:
        expect(panel.locator("th").filter(has_text=participant).first).to_have_text(participant)
    _screenshot(page, card, f"hostile_03_{lang}.png")
    watch.check()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_action_plan_of_hostile_names_runs_nothing_in_jupyterlab(
    lab, sessions: Path, tmp_path: Path, page: Page, lang: str
):
    """Notebook 05 with a hostile owner, account manager and participants: the plan editor
    and the favourites table show them as text, nothing runs or loads."""
    watch = Watch(page)
    panel, outputs = _run_in_session(page, lab, sessions, tmp_path, ACTION_PLAN[lang])
    expect(panel.locator("input").and_(page.locator(f"[value='{OWNER}']"))).to_have_count(0)
    owners = panel.locator(".widget-text input")
    assert OWNER in [owners.nth(i).input_value() for i in range(owners.count())]
    expect(_cell(panel, MANAGER).first).to_have_text(MANAGER)
    for participant in PARTICIPANTS:
        expect(_cell(outputs, participant).first).to_have_text(participant)
    _screenshot(page, _cell(panel, MANAGER).first, f"hostile_05_{lang}.png")
    watch.check()


OTHER_NOTEBOOKS = [
    ("nl", "notebooks/nl/00_start_hier.ipynb"),
    ("en", "notebooks/en/02_revenue_bands.ipynb"),
    ("nl", "notebooks/nl/04_matrix.ipynb"),
    ("en", "notebooks/en/06_new_quarter.ipynb"),
]


@pytest.mark.parametrize(("lang", "notebook"), OTHER_NOTEBOOKS, ids=lambda v: Path(v).stem)
def test_the_other_notebooks_of_hostile_names_run_nothing_in_jupyterlab(
    lab, sessions: Path, tmp_path: Path, page: Page, lang: str, notebook: str
):
    """Notebooks 00, 02, 04 and 06 (one language each: the code that makes their HTML is the
    same in both) on the hostile session: no dialog, no request for an address a name holds,
    no element made of a name, no math typeset; in the tables of customers (00, 06) the
    names are their cells' text."""
    from tests.test_hostile_notebooks import PARAMETERS

    watch = Watch(page)
    files = write_hostile_data(tmp_path, sessions)
    values = {
        name: str(value) if isinstance(value, Path) else value
        for name, value in PARAMETERS[Path(notebook).name[:2]](files, tmp_path).items()
    }
    panel, outputs = _run_with(page, lab, notebook, values)
    expect(outputs.locator("script")).to_have_count(0)
    expect(outputs.locator(f"img[src*='{REQUEST_MARK}'], svg[onload], [onerror]")).to_have_count(0)
    expect(panel.locator("mjx-container, .MathJax")).to_have_count(0)
    if Path(notebook).name[:2] in ("00", "06"):  # they list customers in tables
        expect(_cell(outputs, "Brouwerij").first).to_contain_text(SCRIPT_NAME)
    _screenshot(page, outputs.first, f"hostile_{Path(notebook).stem}.png")
    watch.check()
