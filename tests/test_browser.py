"""The workshop notebooks in a real browser: JupyterLab, Run All, what the user sees and does.

Drives Debian's headless Chromium (``/usr/bin/chromium``, installed by ``.ci/install-browser``)
through Playwright. Playwright's own browser download is never used. Every request that does not
go to the local JupyterLab is blocked, and autosave is off so the notebooks in the repo stay as
they are. The kernels keep their sessions in a scratch workspace (``$KLANTLIB_WORKSPACE``), never
in the kit's ``data/sessies``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from klantlib.core.bands import Thresholds, suggest_cumulative_share, suggest_thirds
from klantlib.core.moves import compare_segments
from klantlib.core.plan import default_plan, favourites_by_segment, plan_hours
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import format_money, format_number, format_share, text
from klantlib.paths import REPORT_FOLDER, SESSION_FOLDER
from klantlib.reports.quarter import (
    QUARTER_FILES,
    carried_lines,
    quarter_segments,
    transition_table,
)
from klantlib.reports.reasons import move_reasons
from klantlib.reports.report import REPORT_FILES
from klantlib.store.answer_files import add_example_answers
from klantlib.store.segmentation import segment_session
from klantlib.store.session import FIELDS
from klantlib.store.workspace import WORKSPACE_VARIABLE, open_session, session_path, start_session
from klantlib.workshop import (
    FIRST_NOTEBOOK,
    free_port,
    jupyter_command,
    server_environment,
    stop_server,
)

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
KERNEL_IDLE = "Python 3 (ipykernel) | Idle"
TIMEOUT_MS = 30_000

# What a user must see per language: the environment check and the segment table's words.
EXPECTED = {
    "nl": {"env_line": ": in orde", "env_all_ok": "Alles klaar", "bands": ("groot", "klein")},
    "en": {"env_line": ": OK", "env_all_ok": "All set", "bands": ("large", "small")},
}

# JupyterLab user settings that keep the screen stable and the repo untouched.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _require_chromium() -> None:
    if CHROMIUM.is_file():
        return
    reason = f"{CHROMIUM} is missing: run .ci/install-browser (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
    pytest.skip(reason)


def _api(base: str, path: str, token: str, method: str = "GET") -> int:
    request = urllib.request.Request(
        f"{base}{path}", method=method, headers={"Authorization": f"token {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (localhost)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _api_json(base: str, path: str, token: str) -> object:
    request = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (localhost)
        return json.loads(response.read())


def _folder_state(folder: Path) -> dict[str, int] | None:
    """The files of ``folder`` with their sizes; ``None`` when it does not exist."""
    if not folder.is_dir():
        return None
    return {p.name: p.stat().st_size for p in folder.iterdir()}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scratch session workspace of every kernel the browser tests start."""
    return tmp_path_factory.mktemp("sessions")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, workspace: Path) -> Iterator[tuple[str, str]]:
    """JupyterLab on the repo with its own config, runtime and settings: (base URL, token).

    Its kernels inherit its environment, so their sessions go to ``workspace``; the kit's own
    session folder must be as it was once the tests are done.
    """
    _require_chromium()
    kit_sessions = ROOT / SESSION_FOLDER
    kit_sessions_before = _folder_state(kit_sessions)
    home = tmp_path_factory.mktemp("lab")
    settings = home / "settings"
    for name, values in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        **{WORKSPACE_VARIABLE: str(workspace)},
    )
    token = secrets.token_urlsafe(24)
    port = free_port(19_888)
    base = f"http://127.0.0.1:{port}"
    log_path = home / "jupyterlab.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            jupyter_command(root=ROOT, port=port, notebook=None, open_browser=False),
            cwd=ROOT,
            env=server_environment(token, env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while not _ready(process, base, token):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "JupyterLab did not start:\n" + log_path.read_text(encoding="utf-8"),
                    pytrace=False,
                )
            time.sleep(0.3)
        yield base, token
    finally:
        stop_server(process, port, token)
    assert _folder_state(kit_sessions) == kit_sessions_before, f"a test wrote into {kit_sessions}"


def _ready(process: subprocess.Popen, base: str, token: str) -> bool:
    if process.poll() is not None:
        return False
    try:
        return _api(base, "/api/status", token) == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright."""
    _require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that can reach only localhost."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)

    def local_only(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    try:
        yield context.new_page()
    finally:
        context.close()


def _wait_kernel_idle(page: Page) -> None:
    """The status bar names the kernel and says Idle: only then does Run All do something."""
    page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE, exact=True).wait_for()


def _run_all(page: Page, base: str, token: str, notebook: str, before_run=None):
    """Open ``notebook``, Run All, wait until every cell ran; fail on any error output.
    ``before_run``: called with the notebook panel once the kernel is idle, before Run All
    (to edit a cell in the browser, say).

    Returns the notebook panel and its outputs.
    """
    page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-CodeCell").first.wait_for()
    _wait_kernel_idle(page)
    if before_run is not None:
        before_run(panel)
        _wait_kernel_idle(page)

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()
    return panel, _wait_all_ran(page, panel, notebook)


def _wait_all_ran(page: Page, panel, notebook: str, replaced=None):
    """Wait until every code cell of ``panel`` ran and the kernel is idle; fail on any error
    output. ``replaced``: an element of the run before, gone once this run cleared the outputs
    (the prompts still show the old run's numbers until then). Returns the outputs."""
    prompts = panel.locator(".jp-CodeCell .jp-InputPrompt")
    code_cells = prompts.count()
    assert code_cells > 0
    # Done when every code cell has run, or (Run All stops there) when a cell shows an error.
    page.wait_for_function(
        """({count, replaced}) => {
            if (replaced && replaced.isConnected) {
                return false;
            }
            const panel = '.jp-NotebookPanel:not(.lm-mod-hidden) ';
            const prompts = [
                ...document.querySelectorAll(panel + '.jp-CodeCell .jp-InputPrompt')
            ];
            if (prompts.length !== count || prompts.some((p) => p.textContent.includes('*'))) {
                return false;
            }
            const failed = [...document.querySelectorAll(panel + '.jp-OutputArea-output')]
                .some((o) => o.textContent.includes('Traceback'));
            return failed || prompts.every((p) => /\\[\\d+\\]/.test(p.textContent));
        }""",
        arg={"count": code_cells, "replaced": replaced},
    )
    _wait_kernel_idle(page)

    outputs = panel.locator(".jp-OutputArea-output")
    texts = outputs.all_inner_texts()
    errors = [t for t in texts if "Traceback" in t or re.search(r"\w*Error\b", t)]
    assert not errors, f"error output in {notebook}:\n" + "\n---\n".join(errors)
    stderr = panel.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
        has_text="Traceback",
    )
    assert stderr.count() == 0
    return outputs


def _hide_sidebar(page: Page) -> None:
    """Hide the file browser: the notebook gets the whole width, as on a projector."""
    page.keyboard.press("Control+b")
    page.locator("#jp-left-stack").wait_for(state="hidden")


def _screenshot(page: Page, element, name: str) -> Path:
    """Scroll ``element`` to the top of the notebook and save the screen as ``name``."""
    element.evaluate("(element) => element.scrollIntoView({block: 'start'})")
    page.mouse.move(0, 0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / name
    page.screenshot(path=shot)
    print(f"\nscreenshot: {shot.relative_to(ROOT).as_posix()}")
    return shot


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_first_notebook_runs_all_in_jupyterlab(lab, page: Page, lang: str):
    """Run All on the first notebook shows the environment check and the segment table."""
    base, token = lab
    notebook = FIRST_NOTEBOOK[lang]
    before = (ROOT / notebook).read_bytes()
    expected = EXPECTED[lang]

    panel, outputs = _run_all(page, base, token, notebook)
    everything = "\n".join(outputs.all_inner_texts())
    assert re.search(r"^Python 3\.\d+\.\d+" + re.escape(expected["env_line"]), everything, re.M)
    assert expected["env_all_ok"] in everything

    table = outputs.locator("table", has=page.locator("th", has_text="segment")).last
    table.wait_for()
    cells = table.locator("tbody td").all_inner_texts()
    for word in expected["bands"]:
        assert word in cells, f"band {word!r} missing from the segment table"
    for segment in ("A", "B", "C"):
        assert segment in cells, f"segment {segment} missing from the segment table"
    assert any(cell.startswith("A: ") for cell in cells)

    _hide_sidebar(page)
    stem = Path(notebook).stem.split("_")
    _screenshot(page, table, f"{stem[0]}_{stem[1]}_{lang}.png")

    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"


CUSTOMER_LIST = {
    "nl": "notebooks/nl/01_klantenlijst.ipynb",
    "en": "notebooks/en/01_customer_list.ipynb",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_customer_list_notebook_runs_all_in_jupyterlab(lab, sessions: Path, page: Page, lang: str):
    """Run All on notebook 01 shows the list, the chart and its sentence; an uploaded file is
    read, the list, chart and sentence follow it without running anything again, and the
    session the next notebooks open holds the uploaded customers."""
    base, token = lab
    notebook = CUSTOMER_LIST[lang]
    before = (ROOT / notebook).read_bytes()

    panel, outputs = _run_all(page, base, token, notebook)
    everything = "\n".join(outputs.all_inner_texts())
    sentence = {"nl": "De grootste 20% van de klanten (", "en": "The largest 20% of customers ("}
    assert sentence[lang] in everything
    assert text("load.customers", lang, count=48) in everything

    picker = panel.locator(".widget-upload")
    picker.wait_for()
    assert text("upload.button", lang) in picker.inner_text()
    assert text("upload.waiting", lang) in everything

    header = text("col.cumulative_share", lang)
    table = outputs.locator("table", has=page.locator("th", has_text=header)).last
    table.wait_for()
    assert table.locator("tbody tr").count() == 48
    first_row = table.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first_row[:3] == ["1", "12552", "Brouwerij Mattheeuws bv"]

    chart = outputs.locator("img").last
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None and box["width"] >= 700, "the chart is too small to read"

    _hide_sidebar(page)
    _screenshot(page, chart, f"01_{lang}.png")

    # A real upload: the browser hands the file to the kernel, which stores it in data/eigen.
    name = f"browser-test-{secrets.token_hex(4)}.csv"
    stored = ROOT / "data" / "eigen" / name
    folder_existed = stored.parent.exists()
    lines = (ROOT / "data" / "voorbeeld" / "klanten.csv").read_bytes().splitlines(keepends=True)
    content = b"".join(lines[:6])  # the header and the first five customers
    try:
        with page.expect_file_chooser() as chooser:  # the widget's file input is not in the page
            picker.click()
        chooser.value.set_files({"name": name, "mimeType": "text/csv", "buffer": content})
        picker_cell = panel.locator(".jp-CodeCell", has=page.locator(".widget-upload"))
        expect(picker_cell).to_contain_text(text("load.customers", lang, count=5))
        assert stored.read_bytes() == content
        expect(table.locator("tbody tr")).to_have_count(5)  # the list follows the upload
        expect(outputs.filter(has_text=sentence[lang]).last).to_contain_text(
            "(1 of 5)" if lang == "en" else "(1 van 5)"
        )
        assert text("upload.stored", lang, path=f"data/eigen/{name}") in picker_cell.inner_text()
        expect(picker_cell).to_contain_text(
            text("file.remade", lang, name=SESSION, previous="factuurlijnen.csv")
        )
        with open_session(SESSION, workspace=sessions) as session:  # what 02-05 will open
            assert session.source == name
            assert len(session.customer_ids()) == 5
        _screenshot(page, picker_cell, f"01_{lang}_list.png")
    finally:
        stored.unlink(missing_ok=True)
        if not folder_existed and not any(stored.parent.iterdir()):
            stored.parent.rmdir()

    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"


FOUR_QUESTIONS = {
    "nl": "notebooks/nl/03_vier_vragen.ipynb",
    "en": "notebooks/en/03_four_questions.ipynb",
}
SESSION = "2026-Q4"  # the session notebook 03 opens
PARTICIPANT = "Jonas"  # An and Pieter are the sample's example participants
NOTE = {"nl": "Bellen vóór de offerte, niet mailen", "en": "Call before the quote — no e-mail"}
ANSWER_CLASS = {"yes": "mod-success", "no": "mod-danger", "unknown": "mod-warning"}


@pytest.fixture
def sessions(lab: tuple[str, str], workspace: Path) -> Iterator[Path]:
    """The scratch workspace, empty; afterwards the kernels are shut down and it is emptied,
    so the next test starts without sessions."""
    assert not any(workspace.iterdir()), f"sessions left behind: {sorted(workspace.iterdir())}"
    try:
        yield workspace
    finally:
        base, token = lab
        for running in _api_json(base, "/api/sessions", token):
            _api(base, f"/api/sessions/{running['id']}", token, method="DELETE")
        for leftover in workspace.iterdir():
            leftover.unlink()


def _saved(lang: str, field: str):
    """The form's status after storing ``field`` (a label as the form shows it)."""
    return re.compile(re.escape(text("form.saved", lang, field=field, at="")) + r"\d\d:\d\d:\d\d")


def _button(scope, label: str):
    """The button in ``scope`` whose text is ``label`` (an icon's glyph is not in its text,
    but it is in its accessible name, so the role's name does not match exactly)."""
    return scope.locator("button").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))


def _stored(workspace: Path, participant: str) -> dict[str, dict[str, str]]:
    """What the session file holds for ``participant``: customer id -> the fields set."""
    with open_session(SESSION, workspace=workspace) as session:
        current = session.current(participant)
    return {
        str(row["customer_id"]): {f: str(row[f]) for f in FIELDS if not pd.isna(row[f])}
        for _, row in current.iterrows()
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_four_questions_form_stores_every_click_in_jupyterlab(
    lab, sessions: Path, page: Page, lang: str
):
    """Notebook 03: a name typed and answers clicked in the real form show as saved, are in
    the session file, and come back after Restart Kernel and Run All."""
    base, token = lab
    notebook = FOUR_QUESTIONS[lang]
    before = (ROOT / notebook).read_bytes()
    kit_sessions = ROOT / SESSION_FOLDER
    kit_sessions_before = _folder_state(kit_sessions)

    def t(key: str, **params: object) -> str:
        return text(key, lang, **params)

    panel, _ = _run_all(page, base, token, notebook)
    _hide_sidebar(page)  # now: Ctrl+B does nothing while a text box has the focus
    with open_session(SESSION, workspace=sessions) as session:
        customers = session.customers()
        assert session.participants() == ["An", "Pieter"]  # the example answers
    first, second = (customers.iloc[i] for i in (0, 1))
    total = format_number(len(customers), lang)

    # The Combobox is a text box with a datalist: the only input[list] in the notebook.
    form = panel.locator(".widget-vbox", has=page.locator("input[list]")).first
    who = form.locator("input[list]")
    card, _verdict, status = (form.locator(":scope > .widget-html").nth(i) for i in range(3))
    # Beside the name: the progress, and under it the bands the form uses.
    progress_box = form.locator(".widget-hbox", has=page.locator("input[list]"))
    progress = progress_box.locator(".widget-html span").first
    bands_line = progress_box.locator(".widget-html span").nth(1)
    note = form.locator(".widget-textarea textarea")
    expect(card).to_contain_text(t("form.choose_who"))

    def row(question: str):
        label = re.compile(rf"^{re.escape(t(f'question.{question}'))}$")
        return form.locator(".widget-hbox").filter(has=page.locator("b", has_text=label))

    def button(question: str, answer: str):
        return _button(row(question), t(f"form.answer.{answer}"))

    def answer(question: str, value: str) -> None:
        button(question, value).click()
        expect(button(question, value)).to_have_class(re.compile(rf"\b{ANSWER_CLASS[value]}\b"))
        expect(status).to_contain_text(_saved(lang, t(f"question.{question}")))

    def expect_answers(answers: dict[str, str]) -> None:
        for question in QUESTIONS:
            for value, css in ANSWER_CLASS.items():
                check, css_class = expect(button(question, value)), re.compile(rf"\b{css}\b")
                if answers.get(question) == value:
                    check.to_have_class(css_class)
                else:
                    check.not_to_have_class(css_class)

    def choose_participant() -> None:
        who.fill(PARTICIPANT)
        who.press("Enter")  # continuous_update=False: the value syncs on the change event
        expect(status).to_contain_text(t("form.hello", name=PARTICIPANT))
        expect(card).to_contain_text(str(first["name"]))

    # The first customer: Ja on Marge, Nee on Cashflow and a note (stored when the box is left).
    choose_participant()
    expect_answers({})
    answer("margin", "yes")
    answer("cashflow", "no")
    note.fill(NOTE[lang])
    note.press("Tab")
    expect(status).to_contain_text(_saved(lang, t("form.field.note")))
    expect_answers({"margin": "yes", "cashflow": "no"})

    # Next unanswered: the second customer, answered in full with a ? for Innovatie.
    _button(form, t("form.next_unanswered")).click()
    expect(card).to_contain_text(str(second["name"]))
    expect(note).to_have_value("")
    expect_answers({})
    second_answers = {"margin": "yes", "cashflow": "yes", "innovation": "unknown", "network": "no"}
    for question, value in list(second_answers.items())[:3]:
        answer(question, value)
    expect_answers(dict(list(second_answers.items())[:3]))
    # The fourth answer completes the customer: the form goes on to the next open one itself.
    button("network", "no").click()
    moved = t("form.moved_on", name=str(second["name"]), at="@").split("(")[0]
    expect(status).to_contain_text(moved)
    third = customers.iloc[2]
    expect(card).to_contain_text(str(third["name"]))
    expect_answers({})
    expected_progress = t("form.progress", answered="1", total=total, open="1")
    expect(progress).to_have_text(expected_progress)
    expect(bands_line).to_contain_text(t("form.bands_suggested"))  # nothing stored: notebook 02

    # The session file holds exactly these answers, under the name typed.
    first_stored = {"margin": "yes", "cashflow": "no", "note": NOTE[lang]}
    expected = {str(first["customer_id"]): first_stored, str(second["customer_id"]): second_answers}
    assert _stored(sessions, PARTICIPANT) == expected
    with open_session(SESSION, workspace=sessions) as session:
        assert session.participants() == ["An", PARTICIPANT, "Pieter"]
        changes = len(session.history(participant=PARTICIPANT))
    assert changes == 7, "the form stored more than the clicks and the note"

    # Restart Kernel and Run All Cells: a fresh form opens as the same participant (no name
    # to type again) at the customer it showed, the answers are back.
    old_form = form.element_handle()
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.locator("li[data-command='runmenu:restart-and-run-all']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    _wait_all_ran(page, panel, notebook, replaced=old_form)
    expect(who).to_have_value(PARTICIPANT)
    expect(status).to_contain_text(t("form.hello", name=PARTICIPANT))
    expect(card).to_contain_text(str(third["name"]))  # the customer the form showed
    expect_answers({})
    expect(progress).to_have_text(expected_progress)
    for shown in (second, first):  # back through the customers: their answers are there
        _button(form, t("form.previous")).click()
        expect(card).to_contain_text(str(shown["name"]))
    expect_answers({"margin": "yes", "cashflow": "no"})
    expect(note).to_have_value(NOTE[lang])

    _screenshot(page, form, f"03_{lang}.png")

    with open_session(SESSION, workspace=sessions) as session:
        assert len(session.history(participant=PARTICIPANT)) == changes, (
            "showing the answers again stored something"
        )
    assert _stored(sessions, PARTICIPANT) == expected
    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"
    # The facilitator's step: the disagreements first, the agreed answers taken over in one click.
    team_view = panel.locator(".widget-vbox", has=page.get_by_text(t("team.team_answer"))).first
    team_view.scroll_into_view_if_needed()
    expect(team_view).to_contain_text(t("team.discuss"))

    def counted(key: str) -> re.Pattern[str]:  # the sentence with any number in it
        return re.compile(re.escape(t(key, count="0")).replace("0", r"[\d.,]+"))

    team_view.locator("button", has_text=counted("team.take_agreed")).click()
    expect(team_view).to_contain_text(counted("team.agreed_taken"))
    with open_session(SESSION, workspace=sessions) as session:
        taken = len(session.history(participant="team"))
    assert taken > 100, f"only {taken} agreed answers stored as team answers"
    _screenshot(page, team_view, f"03_{lang}_team.png")

    assert _folder_state(kit_sessions) == kit_sessions_before, "a session went to data/sessies"


BAND_PICKER = {
    "nl": "notebooks/nl/02_omzetklassen.ipynb",
    "en": "notebooks/en/02_revenue_bands.ipynb",
}
# Typed as a team would, in the language's own number style; the picker reads both.
TYPED = {"nl": ("12.000", "60.000"), "en": ("12,000", "60,000")}
CHOSEN = Thresholds(low=12_000, high=60_000)


def _band_rows(customers: pd.DataFrame, thresholds: Thresholds, lang: str) -> list[list[str]]:
    """The band table as it must read, worked out here from the revenues: large first, with
    the range, the customers, the revenue and the share of revenue."""
    revenue = customers["revenue"].astype(float)
    low, high = format_money(thresholds.low, lang), format_money(thresholds.high, lang)
    bands = {
        "large": (revenue >= thresholds.high, text("picker.range.large", lang, high=high)),
        "medium": (
            (revenue >= thresholds.low) & (revenue < thresholds.high),
            text("picker.range.medium", lang, low=low, high=high),
        ),
        "small": (revenue < thresholds.low, text("picker.range.small", lang, low=low)),
    }
    return [
        [
            text(f"band.{band}", lang),
            label,
            format_number(int(members.sum()), lang),
            format_money(float(revenue[members].sum()), lang),
            format_share(float(revenue[members].sum() / revenue.sum()), lang),
        ]
        for band, (members, label) in bands.items()
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_band_picker_stores_typed_thresholds_in_jupyterlab(
    lab, sessions: Path, page: Page, lang: str
):
    """Notebook 02: the picker opens with the 80/15/5 suggestion said to be one; thresholds
    typed in the boxes and a suggestion clicked redraw table and chart without storing; Store
    puts the typed thresholds in the session file, and Restart Kernel and Run All opens the
    picker with them, said to be the stored ones."""
    base, token = lab
    notebook = BAND_PICKER[lang]
    before = (ROOT / notebook).read_bytes()

    def t(key: str, **params: object) -> str:
        return text(key, lang, **params)

    def money(amount: float) -> str:
        return format_money(amount, lang)

    def amounts(thresholds: Thresholds) -> dict[str, str]:
        return {"low": money(thresholds.low), "high": money(thresholds.high)}

    panel, _ = _run_all(page, base, token, notebook)
    _hide_sidebar(page)  # now: Ctrl+B does nothing while a text box has the focus
    with open_session(SESSION, workspace=sessions) as session:
        customers = session.customers()
        assert session.thresholds is None, "a new session already holds thresholds"
    suggestion = suggest_cumulative_share(customers)
    thirds = suggest_thirds(customers)
    assert len({suggestion, thirds, CHOSEN}) == 3, "the steps below would show no change"

    store = _button(page, t("picker.store"))
    picker = panel.locator(".widget-vbox", has=store).first

    def amount_box(label_key: str):  # the text box in the row under the bold label
        label = re.compile(rf"^{re.escape(t(label_key))}$")
        row = picker.locator(".widget-hbox").filter(has=page.locator("b", has_text=label))
        return row.locator(".widget-text input")

    low_box, high_box = amount_box("picker.low"), amount_box("picker.high")
    state = picker.locator(".widget-hbox", has=store).locator(".widget-html")
    status = picker.locator(":scope > .widget-html").first
    table = picker.locator(".widget-html table")
    chart = picker.locator(".widget-output img")

    def type_amount(box, typed: str, amount: float, now: Thresholds) -> None:
        """Type ``typed`` in ``box``; ``now``: the thresholds shown after it."""
        box.fill(typed)
        box.press("Enter")  # continuous_update=False: the value syncs on the change event
        expect(box).to_have_value(money(amount))  # the kernel writes it back in its own style
        # The status line is the move's last update. The kernel may handle the widgets'
        # messages in two threads (JupyterLab sends comms over a subshell): wait for it, so
        # the next step does not overtake this one.
        expect(status).to_have_text(t("picker.moved", **amounts(now)))

    def expect_shown(thresholds: Thresholds) -> None:
        expect(low_box).to_have_value(money(thresholds.low))
        expect(high_box).to_have_value(money(thresholds.high))
        rows = table.locator("tbody tr")
        expect(rows).to_have_count(3)
        for row, cells in zip(rows.all(), _band_rows(customers, thresholds, lang), strict=True):
            expect(row.locator("td")).to_have_text(cells)

    # Opened on a new session: the kit's 80/15/5 suggestion, said to be a suggestion.
    expect(status).to_have_text(t("picker.opened_suggestion", name=SESSION, **amounts(suggestion)))
    expect(state).to_have_text(t("picker.state_none", name=SESSION))
    expect_shown(suggestion)
    expect(chart).to_have_count(1)
    box = chart.bounding_box()
    assert box is not None and box["width"] >= 700, "the chart is too small to read"

    # Typed thresholds: table, chart and status follow; nothing is stored yet.
    low_typed, high_typed = TYPED[lang]
    drawn = chart.get_attribute("src")
    type_amount(low_box, low_typed, CHOSEN.low, Thresholds(CHOSEN.low, suggestion.high))
    type_amount(high_box, high_typed, CHOSEN.high, CHOSEN)
    expect(state).to_have_text(t("picker.state_none", name=SESSION))
    expect_shown(CHOSEN)
    expect(chart).not_to_have_attribute("src", drawn)

    # A suggestion puts its thresholds in the boxes.
    drawn = chart.get_attribute("src")
    _button(picker, t("picker.button.thirds")).click()
    rule = t("picker.rule.thirds")
    expect(status).to_have_text(t("picker.suggested", rule=rule, **amounts(thirds)))
    expect_shown(thirds)
    expect(chart).not_to_have_attribute("src", drawn)

    # The typed thresholds again, the large one first: "medium from" must stay below it.
    type_amount(high_box, high_typed, CHOSEN.high, Thresholds(thirds.low, CHOSEN.high))
    type_amount(low_box, low_typed, CHOSEN.low, CHOSEN)
    expect_shown(CHOSEN)
    expect(state).to_have_text(t("picker.state_none", name=SESSION))
    with open_session(SESSION, workspace=sessions) as session:
        assert session.thresholds is None, "moving the thresholds stored them"

    # Store: the state line says stored, and the session file holds what was typed.
    store.click()
    expect(state).to_have_text(t("picker.state_stored", name=SESSION))
    stored_at = re.escape(t("picker.stored", at="@", **amounts(CHOSEN))).replace(
        "@", r"\d\d:\d\d:\d\d"
    )
    expect(status).to_have_text(re.compile(stored_at))
    with open_session(SESSION, workspace=sessions) as session:
        assert session.thresholds == CHOSEN

    # Restart Kernel and Run All Cells: the picker opens with the stored thresholds.
    old_picker = picker.element_handle()
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.locator("li[data-command='runmenu:restart-and-run-all']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    _wait_all_ran(page, panel, notebook, replaced=old_picker)
    expect(status).to_have_text(t("picker.opened_stored", name=SESSION, **amounts(CHOSEN)))
    expect(state).to_have_text(t("picker.state_stored", name=SESSION))
    expect_shown(CHOSEN)
    expect(chart).to_have_count(1)

    _screenshot(page, picker, f"02_{lang}.png")

    with open_session(SESSION, workspace=sessions) as session:
        assert session.thresholds == CHOSEN, "opening the picker again changed the thresholds"

    # Typed and stored at once, without Enter: the click is handled after the typed value
    # (widget messages are not sent over kernel subshells, see klantlib/lab_settings).
    quick = Thresholds(CHOSEN.low, 65_000)
    high_box.fill("65.000" if lang == "nl" else "65,000")
    store.click()
    stored_quick = re.escape(t("picker.stored", at="@", **amounts(quick))).replace(
        "@", r"\d\d:\d\d:\d\d"
    )
    expect(status).to_have_text(re.compile(stored_quick))
    expect(state).to_have_text(t("picker.state_stored", name=SESSION))
    with open_session(SESSION, workspace=sessions) as session:
        assert session.thresholds == quick, "Store kept the value before the one typed"
    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"


NEW_QUARTER = {
    "nl": "notebooks/nl/06_nieuw_kwartaal.ipynb",
    "en": "notebooks/en/06_new_quarter.ipynb",
}
PREVIOUS_SESSION, NEXT_SESSION = "2026-Q4", "2027-Q1"  # the notebook's defaults
REPORT_PARAMETER = 'report_folder = ""'  # the parameters cell's line: the kit's data/rapporten


def _tree_state(folder: Path) -> dict[str, tuple[int, int] | None] | None:
    """Everything under ``folder``: each file with its size and time of change, each folder
    with ``None``; ``None`` when ``folder`` does not exist."""
    if not folder.is_dir():
        return None
    return {
        p.relative_to(folder).as_posix(): (
            (p.stat().st_size, p.stat().st_mtime_ns) if p.is_file() else None
        )
        for p in folder.rglob("*")
    }


def _parameters_with(notebook: str, line: str) -> str:
    """The parameters cell of ``notebook`` as in the repo, with ``report_folder = ""`` replaced
    by ``line``."""
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    source = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    assert source.count(REPORT_PARAMETER) == 1, f"no {REPORT_PARAMETER!r} in the parameters cell"
    return source.replace(REPORT_PARAMETER, line)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_quarter_notebook_carries_answers_and_shows_moves_in_jupyterlab(
    lab, sessions: Path, tmp_path: Path, page: Page, lang: str
):
    """Notebook 06: Run All makes this quarter's session from last quarter's and the new
    export, says what came over, shows the from → to grid, the moves chart, the moves and the
    history; a carried customer confirmed in the form is no longer to confirm in the session
    file; the files go to the report folder set at the top."""
    base, token = lab
    notebook = NEW_QUARTER[lang]
    before = (ROOT / notebook).read_bytes()
    kit_sessions = ROOT / SESSION_FOLDER
    kit_sessions_before = _folder_state(kit_sessions)
    kit_reports = ROOT / REPORT_FOLDER  # an empty report_folder writes into <it>/2027-Q1
    kit_reports_before = _tree_state(kit_reports)
    reports = (tmp_path / "rapporten").resolve()

    def t(key: str, **params: object) -> str:
        return text(key, lang, **params)

    def exactly(words: str) -> re.Pattern[str]:
        return re.compile(rf"^\s*{re.escape(words)}\s*$")

    # Last quarter, as after notebooks 02 to 05 on the sample: An's and Pieter's answers.
    with start_session(
        PREVIOUS_SESSION, ROOT / "data" / "voorbeeld" / "klanten.csv", workspace=sessions
    ) as previous:
        add_example_answers(previous, "nl")
        previous_changes = len(previous.history())
    assert not session_path(NEXT_SESSION, sessions).exists()

    # The report folder is set in the browser, as a user would: no copy of the notebook in
    # the repo, and the notebook file stays as it is (autosave is off).
    parameters = _parameters_with(notebook, f"report_folder = {str(reports)!r}")

    def set_report_folder(panel) -> None:
        _hide_sidebar(page)  # before a text box has the focus
        editor = panel.locator(".jp-CodeCell").first.locator(".cm-content")
        editor.click()
        page.keyboard.press("Control+a")  # in the cell's editor: all of the cell
        page.keyboard.insert_text(parameters)
        expect(editor).to_contain_text(f"report_folder = {str(reports)!r}")
        expect(editor).not_to_contain_text(REPORT_PARAMETER)
        page.keyboard.press("Escape")  # back to command mode

    panel, outputs = _run_all(page, base, token, notebook, before_run=set_report_folder)
    everything = "\n".join(outputs.all_inner_texts())
    assert "Traceback" not in everything

    # Step 2: what came over from last quarter.
    assert t("cli.carried", participant="An", count=44) in everything
    with open_session(NEXT_SESSION, workspace=sessions) as current:
        assert current.carried_from == PREVIOUS_SESSION
        for line in carried_lines(current, lang):
            assert line in everything, f"{line!r} is not shown"
        to_confirm = current.to_confirm("An")
        pieter_to_confirm = current.to_confirm("Pieter")
        quarters = quarter_segments(current)
        customers = current.customers()
        names = dict(zip(customers["customer_id"], customers["name"], strict=True))
    assert len(to_confirm) == 44
    assert [name for name, _ in quarters] == [PREVIOUS_SESSION, NEXT_SESSION]
    moves, transitions = compare_segments(quarters[0][1], quarters[1][1])

    # Step 4: the from → to grid as the kit counts it, and the moves chart under it.
    gone = t("moves_chart.gone")
    gone_header = page.locator("thead th", has_text=exactly(gone))
    grid = outputs.locator("table", has=gone_header)
    expect(grid).to_have_count(1)
    expected_grid = transition_table(transitions, lang=lang)
    assert grid.locator("thead tr").first.locator("th").all_inner_texts()[1:] == [
        str(c) for c in expected_grid.columns
    ]
    rows = grid.locator("tbody tr")
    expect(rows).to_have_count(len(expected_grid))
    for row, (label, values) in zip(rows.all(), expected_grid.iterrows(), strict=True):
        expect(row.locator("th")).to_have_text(str(label))
        expect(row.locator("td")).to_have_text([str(v) for v in values])
    grid_cell = panel.locator(".jp-CodeCell", has=gone_header)
    chart = grid_cell.locator('.jp-OutputArea-output[data-mime-type="image/png"] img')
    expect(chart).to_have_count(1)
    expect(chart).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    decoded = chart.evaluate("(img) => img.decode().then(() => img.naturalWidth)")
    assert decoded > 0, "the browser cannot show the PNG"
    box = chart.bounding_box()
    assert box is not None and box["width"] >= 700, "the chart is too small to read"

    # The moves, each with its reason: the new customers among them; then the history.
    new_reason = t("moves.new")
    new_cell = page.locator("td", has_text=exactly(new_reason))
    reasons = outputs.locator(new_cell)
    expect(reasons).to_have_count(int((move_reasons(moves, lang) == new_reason).sum()))
    assert reasons.count() >= 1, "no new customer among the moves"
    moves_shown = outputs.locator("table", has=new_cell)
    expect(moves_shown.locator("tbody tr")).to_have_count(len(moves))
    history = outputs.locator(
        "table",
        has=page.locator("thead th", has_text=exactly(NEXT_SESSION)),
    ).filter(has=page.locator("thead th", has_text=exactly(PREVIOUS_SESSION)))
    expect(history).to_have_count(1)
    expect(history.locator("tbody tr").first).to_be_visible()
    expect(history.locator("td", has_text=exactly("—")).first).to_be_visible()

    _screenshot(page, chart, f"06_{lang}_moves.png")

    # Step 3: An goes through the customers to confirm, and confirms one.
    form = panel.locator(".widget-vbox", has=page.locator("input[list]")).first
    who = form.locator("input[list]")
    card, _verdict, status = (form.locator(":scope > .widget-html").nth(i) for i in range(3))
    only_to_confirm = form.get_by_role("checkbox", name=t("form.only_to_confirm"), exact=True)
    confirm = _button(form, t("form.confirm"))
    flag = t("form.flag_to_confirm", previous=PREVIOUS_SESSION)
    expect(card).to_contain_text(t("form.choose_who"))
    expect(only_to_confirm).to_be_visible()
    expect(confirm).to_be_hidden()

    who.fill("An")
    who.press("Enter")  # continuous_update=False: the value syncs on the change event
    expect(status).to_contain_text(t("form.hello", name="An"))
    only_to_confirm.check()
    count = format_number(len(to_confirm), lang)
    any_customer = {"id": "@", "revenue": "@", "band": "@", "number": "@"}
    card_line = re.escape(t("form.card_line", count=count, **any_customer)).replace("@", ".+?")
    expect(card).to_contain_text(re.compile(card_line))  # one of the 44 to confirm
    expect(card).to_contain_text(flag)
    expect(confirm).to_be_visible()
    shown = card.inner_text()
    _screenshot(page, form, f"06_{lang}_form.png")

    confirm.click()
    expect(status).to_contain_text(
        re.compile(re.escape(t("form.confirmed", at="")) + r"\d\d:\d\d:\d\d")
    )
    expect(card).not_to_contain_text(flag)
    expect(confirm).to_be_hidden()
    with open_session(NEXT_SESSION, workspace=sessions) as current:
        still = current.to_confirm("An")
        assert current.to_confirm("Pieter") == pieter_to_confirm, "An confirmed for Pieter"
    assert len(still) == len(to_confirm) - 1 == 43
    (confirmed,) = to_confirm - still
    assert str(names[confirmed]) in shown, "the customer confirmed is not the one on the card"

    # The quarter view says it is out of date after the confirmation; Update works it out again.
    update = _button(panel, t("quarter.update"))
    view_state = panel.locator(".widget-hbox", has=_button(page, t("quarter.update"))).locator(
        ".widget-html"
    )

    def at_a_time(key: str) -> re.Pattern[str]:
        return re.compile(re.escape(t(key, at="@")).replace("@", r"\d\d:\d\d:\d\d"))

    expect(view_state).to_contain_text(at_a_time("quarter.stale"))
    update.click()
    expect(view_state).to_contain_text(at_a_time("quarter.computed"))

    # Step 6: the files, in the folder set at the top, and nothing in the kit's folders.
    assert t("files.written", folder=str(reports), files="") in everything
    for name in (*QUARTER_FILES, *REPORT_FILES):
        assert (reports / name).is_file(), f"{name} missing from the report folder"
        assert (reports / name).stat().st_size > 0, f"{name} is empty"
    assert (reports / "moves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(pd.read_csv(reports / "moves.csv", dtype=str)) == len(moves)
    assert len(pd.read_csv(reports / "transitions.csv", dtype=str)) == len(transitions)

    with open_session(PREVIOUS_SESSION, workspace=sessions) as previous:
        assert len(previous.history()) == previous_changes, "last quarter's session changed"
    assert _tree_state(kit_reports) == kit_reports_before, f"a test wrote into {kit_reports}"
    assert _folder_state(kit_sessions) == kit_sessions_before, "a session went to data/sessies"
    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"


MATRIX = {"nl": "notebooks/nl/04_matrix.ipynb", "en": "notebooks/en/04_matrix.ipynb"}
# The grid cell the team changes: a small customer with score 3 goes from C to B.
GRID_CHANGE = ("small", 3, "C", "B")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_matrix_notebook_shows_the_matrix_and_stores_a_changed_grid_in_jupyterlab(
    lab, sessions: Path, page: Page, lang: str
):
    """Notebook 04: Run All makes the session from the sample with the example answers and
    shows the matrix chart and the grid editor; a cell changed in the grid is said to be
    changed, and Store puts the grid with that cell in the session file."""
    base, token = lab
    notebook = MATRIX[lang]
    before = (ROOT / notebook).read_bytes()
    kit_sessions = ROOT / SESSION_FOLDER
    kit_sessions_before = _folder_state(kit_sessions)
    kit_reports = ROOT / REPORT_FOLDER  # the report button writes there: it is not clicked
    kit_reports_before = _tree_state(kit_reports)

    def t(key: str, **params: object) -> str:
        return text(key, lang, **params)

    panel, outputs = _run_all(page, base, token, notebook)
    _hide_sidebar(page)
    everything = "\n".join(outputs.all_inner_texts())
    assert "Traceback" not in everything
    with open_session(SESSION, workspace=sessions) as session:
        assert session.participants() == ["An", "Pieter"]  # the example answers
        default_grid = session.grid
    band, score, old, new = GRID_CHANGE
    assert default_grid.cells[band][score] == old, "the default grid changed: pick another cell"

    # The matrix: a PNG the browser can decode, wide enough to read on a projector.
    chart_cell = panel.locator(".jp-CodeCell", has_text="klantlib.matrix_chart(")
    chart = chart_cell.locator('.jp-OutputArea-output[data-mime-type="image/png"] img')
    expect(chart).to_have_count(1)
    expect(chart).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    size = chart.evaluate("(img) => img.decode().then(() => [img.naturalWidth, img.naturalHeight])")
    assert size[0] >= 700 and size[1] >= 400, f"the matrix is only {size[0]}×{size[1]} pixels"
    box = chart.bounding_box()
    assert box is not None and box["width"] >= 700, "the matrix is too small to read"
    _screenshot(page, chart, f"04_{lang}.png")

    # The grid editor: large on top, a row of A / B / C choices per band, the default chosen.
    store = _button(page, t("grid.store"))
    editor = panel.locator(".widget-vbox", has=store).first
    expect(editor).to_have_count(1)
    rows = editor.locator(".widget-hbox").filter(has=page.locator(".widget-toggle-buttons"))
    expect(rows).to_have_count(3)
    expect(rows.locator(".widget-html b").first).to_have_text(t("band.large"))
    state = editor.locator(":scope > .widget-html").last
    warnings = editor.locator(":scope > .widget-html").first

    def choices(band_key: str):
        label = re.compile(rf"^{re.escape(t(f'band.{band_key}'))}$")
        row = rows.filter(has=page.locator(".widget-html b", has_text=label))
        return row.locator(".widget-toggle-buttons")

    for band_key, letters in default_grid.cells.items():
        expect(choices(band_key)).to_have_count(len(letters))
        for column, letter in enumerate(letters):
            chosen = choices(band_key).nth(column).locator("button.mod-active")
            expect(chosen).to_have_text(letter)
    expect(state).to_have_text(t("grid.state_stored"))

    # The team moves one cell: said to be changed, nothing stored yet.
    cell = choices(band).nth(score)
    _button(cell, new).click()
    expect(cell.locator("button.mod-active")).to_have_text(new)
    expect(state).to_have_text(t("grid.state_changed"))
    expect(warnings).to_have_text("")  # small with score 3 in B looks odd to nobody
    with open_session(SESSION, workspace=sessions) as session:
        assert session.grid == default_grid, "changing a cell stored the grid"

    # Store: the state line says stored, and the session file holds the changed cell.
    store.click()
    expect(state).to_have_text(t("grid.state_stored"))
    changed = dict(default_grid.cells)
    changed[band] = changed[band][:score] + new + changed[band][score + 1 :]
    with open_session(SESSION, workspace=sessions) as session:
        assert dict(session.grid.cells) == changed
    _screenshot(page, editor, f"04_{lang}_grid.png")

    assert _tree_state(kit_reports) == kit_reports_before, f"a test wrote into {kit_reports}"
    assert _folder_state(kit_sessions) == kit_sessions_before, "a session went to data/sessies"
    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"


ACTION_PLAN = {
    "nl": "notebooks/nl/05_actieplan.ipynb",
    "en": "notebooks/en/05_action_plan.ipynb",
}
PLAN_CHANGE = {"segment": "C", "contacts": 4, "owner": "Jonas"}  # the default: 2, no owner


def _hours_rows(hours: pd.DataFrame, lang: str) -> list[list[str]]:
    """The plan editor's hours table as it must read, from :func:`klantlib.core.plan.plan_hours`."""

    def number(value: float) -> str:
        return "—" if pd.isna(value) else format_number(value, lang)

    def share(value: float) -> str:
        return "—" if pd.isna(value) else format_share(value, lang)

    return [
        [
            str(segment),
            format_number(row["customers"], lang),
            format_share(row["revenue_share"], lang),
            number(row["hours_today"]),
            share(row["hours_share_today"]),
            number(row["plan_hours"]),
            number(row["hours_freed"]),
        ]
        for segment, row in hours.iterrows()
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_action_plan_notebook_stores_a_changed_plan_in_jupyterlab(
    lab, sessions: Path, page: Page, lang: str
):
    """Notebook 05: Run All shows the plan editor with the article's plan and its hours, and
    where the favourites land; contacts a year and an owner changed in the browser redraw
    the hours, are said to be changed, and Store puts them in the session file."""
    base, token = lab
    notebook = ACTION_PLAN[lang]
    before = (ROOT / notebook).read_bytes()
    kit_sessions = ROOT / SESSION_FOLDER
    kit_sessions_before = _folder_state(kit_sessions)
    kit_reports = ROOT / REPORT_FOLDER
    kit_reports_before = _tree_state(kit_reports)

    def t(key: str, **params: object) -> str:
        return text(key, lang, **params)

    def exactly(words: str) -> re.Pattern[str]:
        return re.compile(rf"^\s*{re.escape(words)}\s*$")

    panel, outputs = _run_all(page, base, token, notebook)
    _hide_sidebar(page)  # now: Ctrl+B does nothing while a text box has the focus
    everything = "\n".join(outputs.all_inner_texts())
    assert "Traceback" not in everything
    with open_session(SESSION, workspace=sessions) as session:
        assert session.participants() == ["An", "Pieter"]  # the example answers
        default = session.plan
        customers = segment_session(session, None).customers
        favourites = favourites_by_segment(customers, session.favourites())
    segment = PLAN_CHANGE["segment"]
    assert default == default_plan(), "a new session already holds a plan"
    assert default[segment].contacts_per_year != PLAN_CHANGE["contacts"]

    store = _button(page, t("grid.store"))  # the plan editor's button has the grid's words
    editor = panel.locator(".widget-vbox", has=store).first
    expect(editor).to_have_count(1)
    state = editor.locator(":scope > .widget-html").first
    hours_table = editor.locator("table").first
    hours_rows = hours_table.locator("tr", has=page.locator("td"))

    def expect_hours(plan: dict) -> None:
        head = hours_table.locator("th")
        expect(head.first).to_have_text(t("plan.col.segment"))
        expect(head.nth(5)).to_have_text(t("plan.col.plan_hours"))
        expected = _hours_rows(plan_hours(customers, plan), lang)
        expect(hours_rows).to_have_count(len(expected))
        for row, cells in zip(hours_rows.all(), expected, strict=True):
            expect(row.locator("td")).to_have_text(cells)

    # Opened on a new session: the article's plan, its hours, said to be stored.
    expect(state).to_have_text(t("plan.state_stored"))
    expect_hours(default)
    part = editor.locator(".widget-vbox").filter(
        has=page.locator("h3", has_text=exactly(t("plan.segment", s=segment)))
    )
    expect(part).to_have_count(1)
    contacts = part.locator(".widget-inline-hbox", has_text=t("plan.contacts")).locator("input")
    owner = part.locator(".widget-inline-hbox", has_text=t("plan.owner")).locator("input")
    expect(contacts).to_have_value(str(int(default[segment].contacts_per_year)))
    expect(owner).to_have_value("")

    # The team gives segment C more contacts a year and an owner: the hours follow at once.
    contacts.fill(str(PLAN_CHANGE["contacts"]))
    contacts.press("Enter")  # continuous_update=False: the value syncs on the change event
    changed = dict(default)
    changed[segment] = replace(default[segment], contacts_per_year=float(PLAN_CHANGE["contacts"]))
    expect(state).to_have_text(t("plan.state_changed"))
    expect_hours(changed)
    owner.fill(PLAN_CHANGE["owner"])
    changed[segment] = replace(changed[segment], owner=PLAN_CHANGE["owner"])
    with open_session(SESSION, workspace=sessions) as session:
        assert session.plan == default, "changing the plan stored it"

    # Store: the state line says stored, and the session file holds the new plan.
    store.click()
    expect(state).to_have_text(t("plan.state_stored"))
    with open_session(SESSION, workspace=sessions) as session:
        stored = session.plan
    assert stored == changed, "Store kept another plan than the one shown"
    assert stored[segment].contacts_per_year == PLAN_CHANGE["contacts"]
    assert stored[segment].owner == PLAN_CHANGE["owner"]
    expect_hours(changed)
    _screenshot(page, editor, f"05_{lang}.png")

    # Where the favourites land: per participant, A, B, C and the total.
    total = page.locator("th", has_text=exactly(t("plan.fav.total")))
    fav_table = outputs.locator("table", has=total)
    expect(fav_table).to_have_count(1)
    fav_rows = fav_table.locator("tbody tr")
    expect(fav_rows).to_have_count(len(favourites))
    for row, (participant, counts) in zip(fav_rows.all(), favourites.iterrows(), strict=True):
        expect(row.locator("td")).to_have_text([participant, *(str(c) for c in counts)])
    _screenshot(page, fav_table, f"05_{lang}_favourites.png")

    assert _tree_state(kit_reports) == kit_reports_before, f"a test wrote into {kit_reports}"
    assert _folder_state(kit_sessions) == kit_sessions_before, "a session went to data/sessies"
    assert (ROOT / notebook).read_bytes() == before, "the browser run changed the notebook file"
