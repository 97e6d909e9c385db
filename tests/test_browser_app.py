# ruff: noqa: F811  (the browser fixtures are imported from test_browser)
"""The workshop app in a real browser, the way a facilitator runs a session: on the page
without code (Voilà, as ``make present`` serves it) and as the one cell of its notebook in
JupyterLab, at 1440×900, with a 20-customer export of the team's own, from an empty session to
the exported report with a plan, in both languages.

Every action is counted — a click, a typed field, a key, a scroll — and no control of the
step shown may need a scroll: before each action the control must lie inside the window as
it is. A page reload in the middle of the answers must lose nothing and show the customer that
was shown before it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from klantlib.core.questions import QUESTIONS
from klantlib.i18n import text
from klantlib.store.segmentation import segment_session
from klantlib.store.workspace import WORKSPACE_VARIABLE, open_session
from klantlib.widgets.workshop_app import STEPS
from klantlib.workshop import (
    PRESENT_NOTEBOOK,
    free_port,
    start_page,
    stop_page,
    voila_settings,
    wait_for_port,
)
from tests.test_browser import (  # noqa: F401 (fixtures)
    LOCAL_HOSTS,
    ROOT,
    SCREENSHOTS,
    TIMEOUT_MS,
    _button,
    _hide_sidebar,
    _wait_kernel_idle,
    browser,
    lab,
    workspace,
)
from tests.test_browser_walk import ANSWER_CYCLE, NAMES, english_phrases, write_export

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTH, HEIGHT = 1440, 900
FACILITATOR = "Els"
MOST_ACTIONS = 110  # the bound for 20 customers, from the empty session to the report
RELOAD_AFTER = 10  # customers answered before the page is reloaded


def app_notebook(
    folder: Path, lang: str, session: str, report_folder: Path, **values: object
) -> Path:
    """The workshop notebook as a team's copy has it: its grey cell with this session, report
    folder and ``values`` (the shipped notebook is never changed)."""
    notebook = json.loads((ROOT / PRESENT_NOTEBOOK[lang]).read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    source = "".join(cell["source"])
    values = {"session": session, "report_folder": str(report_folder), **values}
    for name, value in values.items():
        line = f"{name} = {json.dumps(value)}"
        source, found = re.subn(rf"^{name} = .*$", line, source, count=1, flags=re.M)
        assert found, f"the grey cell has no {name}"
    cell["source"] = source
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(PRESENT_NOTEBOOK[lang]).name
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@contextlib.contextmanager
def voila_page(notebook: Path, workspace: Path, home: Path) -> Iterator[str]:
    """``notebook`` served by Voilà as ``make present`` serves it (its settings, a token, only
    127.0.0.1); the page's address with the token."""
    token = uuid.uuid4().hex
    port = free_port(18_866)
    environment = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        WORKSPACE_VARIABLE: str(workspace),
    }
    config = voila_settings(home / "config")  # makes ``home`` too
    log_path = home / "voila.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = start_page(
            notebook,
            port=port,
            token=token,
            config=config,
            cwd=notebook.parent,
            environment=environment,
            output=log,
        )
    try:
        if not wait_for_port(process, port, timeout=60):
            pytest.fail("Voilà did not start:\n" + log_path.read_text("utf-8"), pytrace=False)
        yield f"http://127.0.0.1:{port}/?token={token}"
    finally:
        stop_page(process)


@pytest.fixture
def big_page(browser: Browser) -> Iterator[Page]:
    """A 1440×900 page that can reach only localhost; what it asked beyond is kept."""
    from urllib.parse import urlsplit

    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    context.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []

    def local_only(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    page.outside = outside  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


class Walk:
    """The facilitator's hands: every action counted by kind, and each control checked to be
    inside the window before it is used (no scroll needed to reach it)."""

    def __init__(self, page: Page, lang: str) -> None:
        self.page = page
        self.lang = lang
        self.actions: Counter[str] = Counter()
        self.per_step: Counter[str] = Counter()
        self.step = "open"
        self.bottom = HEIGHT  # where the window's content ends (JupyterLab: its status bar)

    def t(self, key: str, **params: object) -> str:
        return text(key, self.lang, **params)

    def count(self, kind: str, number: int = 1) -> None:
        self.actions[kind] += number
        self.per_step[self.step] += number

    def in_view(self, control) -> None:
        control.wait_for(state="visible")
        box = control.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= self.bottom, (
            f"step {self.step}: {control} lies at y={box['y']:.0f}–{box['y'] + box['height']:.0f}"
            f" in a window {HEIGHT} high: it needs a scroll"
        )
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, f"{control} is off the side"

    def click(self, control) -> None:
        self.in_view(control)
        control.click(no_wait_after=True)
        self.count("click")

    def type(self, control, value: str) -> None:
        self.in_view(control)
        control.fill(value)
        self.count("typed field")

    def key(self, control, key: str) -> None:
        control.press(key)
        self.count("key")

    def all_in_view(self, within: str = "") -> None:
        """Every control of the step shown lies inside the window, at a size to use and not
        under anything else: buttons, fields, lists, boxes, charts. ``within``: only the
        controls inside the app's first element that this CSS selector finds."""
        outside = self.page.evaluate(
            """([width, height, within]) => {
                const app = [...document.querySelectorAll('.klantwaarde-app')].pop();
                const scope = within ? app.querySelector(within) : app;
                const controls = scope.querySelectorAll(
                    'button, input, select, textarea, img, .widget-upload');
                return [...controls].filter((c) => {
                    const style = getComputedStyle(c);
                    if (c.offsetParent === null || style.visibility === 'hidden') return false;
                    const r = c.getBoundingClientRect();
                    if (r.width < 4 || r.height < 4) return true;  // squeezed away
                    if (r.top < 0 || r.bottom > height || r.left < 0 || r.right > width) {
                        return true;
                    }
                    // what a click at its middle reaches: the control, not something over it
                    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
                    const hit = document.elementFromPoint(x, y);
                    return hit === null || !(c === hit || c.contains(hit) || hit.contains(c));
                }).map((c) => `${c.tagName} ${(c.textContent || c.placeholder || '').trim()}`
                    + ` at ${Math.round(c.getBoundingClientRect().top)}`
                    + `-${Math.round(c.getBoundingClientRect().bottom)}`);
            }""",
            [WIDTH, self.bottom, within],
        )
        why = "a scroll away, covered or squeezed"
        assert outside == [], f"step {self.step}: controls out of reach ({why}): {outside}"

    @property
    def total(self) -> int:
        return sum(self.actions.values())


def _app(page: Page):
    return page.locator(".klantwaarde-app").last


def _step_bar(walk: Walk, step: str):
    label = walk.t("app.step_bar", number=STEPS.index(step) + 1, step=walk.t(f"app.step.{step}"))
    return _button(_app(walk.page).locator(".klantwaarde-steps"), label)


def _next(walk: Walk, step: str) -> None:
    """The "next step" button, then the step bar shows ``step`` chosen."""
    following = walk.t("app.next", step=walk.t(f"app.step.{step}"))
    walk.click(_button(_app(walk.page), following))
    walk.step = step
    expect(_step_bar(walk, step)).to_have_class(re.compile(r"\bmod-active\b"))
    _app(walk.page).locator(f".klantwaarde-step-{step}").wait_for()  # the step's own view


def _screenshot(walk: Walk, frontend: str) -> None:
    """The window as the room sees it, after checking that every control of the step is in it."""
    walk.all_in_view()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    number = STEPS.index(walk.step) + 1
    walk.page.mouse.move(0, 0)
    walk.page.screenshot(path=SCREENSHOTS / f"app_{frontend}_{walk.lang}_{number}_{walk.step}.png")


def _answer_row(form, page: Page, walk: Walk, question: str):
    label = re.compile(rf"^{re.escape(walk.t(f'question.{question}'))}$")
    return form.locator(".widget-hbox").filter(has=page.locator("b", has_text=label))


def _card_name(card) -> str:
    shown = card.inner_text()
    return next(name for name in NAMES if name in shown)


def walk_the_workshop(
    page: Page,
    lang: str,
    *,
    frontend: str,
    open_app,
    export: Path,
    sessions: Path,
    session_name: str,
    reports: Path,
) -> Walk:
    """From the empty session to the report, as the facilitator clicks it; returns the count."""
    walk = Walk(page, lang)
    t = walk.t
    english = english_phrases() if lang == "nl" else []

    def no_english() -> None:
        shown = _app(page).inner_text()
        found = [phrase for phrase in english if phrase in shown]
        assert found == [], f"English on the Dutch page, step {walk.step}: {found[:5]}"

    open_app(walk)
    app = _app(page)
    walk.step = "customers"
    expect(_step_bar(walk, "customers")).to_have_class(re.compile(r"\bmod-active\b"))
    app.locator(".klantwaarde-step-customers").wait_for()

    # 1. The team's own file: the upload button, the file chosen.
    upload = app.locator(".widget-upload")
    walk.in_view(upload)
    with page.expect_file_chooser() as chooser:
        upload.click()
    walk.count("click")
    chooser.value.set_files(str(export))
    walk.count("click")  # the file chosen in the dialog
    expect(app).to_contain_text(t("load.customers", count=20), timeout=30_000)
    header = t("file.header", name=session_name, source=export.name, count="20", when="@")
    expect(app.locator(".klantwaarde-header")).to_contain_text(header.split("@")[0])
    share = t("pareto.line", percent="@", count=4, total=20, share="@").split("@")[1]
    expect(app.locator(".klantwaarde-step-customers")).to_contain_text(share.strip())
    no_english()
    _screenshot(walk, frontend)

    # 2. The bands: the kit's suggestion, stored.
    _next(walk, "bands")
    walk.click(_button(app, t("picker.store")))
    expect(app).to_contain_text(t("picker.state_stored", name=session_name))
    no_english()
    _screenshot(walk, frontend)

    # 3. The four questions: the name once, then one click per answer.
    _next(walk, "questions")
    who = app.locator("input[list]")
    walk.type(who, FACILITATOR)
    walk.key(who, "Enter")
    form = app.locator(".widget-vbox", has=page.locator("input[list]")).last
    card = form.locator(":scope > .widget-html").nth(0)
    status = form.locator(":scope > .widget-html").nth(2)
    expect(status).to_contain_text(t("form.hello", name=FACILITATOR))
    seen: list[str] = []
    number = 0
    while number < 20:
        line = t("form.card_line", id="@", revenue="@", band="@", number=number + 1, count=20)
        expect(card).to_contain_text(re.compile(re.escape(line).replace("@", ".+?")))
        seen.append(_card_name(card))
        for q, question in enumerate(QUESTIONS):
            answer = ANSWER_CYCLE[(number + q) % len(ANSWER_CYCLE)]
            walk.click(_button(_answer_row(form, page, walk, question), t(f"form.answer.{answer}")))
        number += 1
        if number < 20:
            expect(status).to_contain_text(t("form.moved_on", name=seen[-1], at="@").split("(")[0])
        if number == RELOAD_AFTER:
            # Back to the customer just answered, then the page reloaded: the same customer
            # is shown again, with its four answers, and nothing is lost.
            walk.click(_button(form, t("form.previous")))
            expect(card).to_contain_text(seen[-1])
            with open_session(session_name, workspace=sessions) as session:
                before = session.current(FACILITATOR).dropna(subset=list(QUESTIONS))
            assert len(before) == RELOAD_AFTER
            page.reload()
            walk.count("key")  # F5
            open_app(walk, again=True)
            app = _app(page)
            expect(_step_bar(walk, "questions")).to_have_class(re.compile(r"\bmod-active\b"))
            app.locator(".klantwaarde-step-questions").wait_for()
            form = app.locator(".widget-vbox", has=page.locator("input[list]")).last
            card = form.locator(":scope > .widget-html").nth(0)
            status = form.locator(":scope > .widget-html").nth(2)
            expect(form.locator("input[list]")).to_have_value(FACILITATOR)  # not asked again
            expect(card).to_contain_text(seen[-1])
            stored = ANSWER_CYCLE[(RELOAD_AFTER - 1) % len(ANSWER_CYCLE)]  # its Marge answer
            chosen = _button(
                _answer_row(form, page, walk, QUESTIONS[0]), t(f"form.answer.{stored}")
            )
            expect(chosen).to_have_class(re.compile(r"\bmod-(success|danger|warning|info)\b"))
            with open_session(session_name, workspace=sessions) as session:
                after = session.current(FACILITATOR).dropna(subset=list(QUESTIONS))
            pd.testing.assert_frame_equal(after, before)
            walk.click(_button(form, t("form.next_unanswered")))
    expect(status).to_contain_text(t("form.all_answered"))
    assert sorted(seen) == sorted(NAMES)
    no_english()
    _screenshot(walk, frontend)

    # 4. Deciding together: one person answered, nothing to decide; 5. the matrix.
    _next(walk, "together")
    no_english()
    _screenshot(walk, frontend)
    _next(walk, "matrix")
    image = app.locator("img").first
    expect(image).to_have_attribute("src", re.compile(r"^(data:image/png;base64,|blob:)"))
    expect(app).to_contain_text(t("plan.answers_of", who=FACILITATOR))
    no_english()
    _screenshot(walk, frontend)

    # 6. The plan: segment C gets 4 contacts a year and an owner; stored.
    _next(walk, "plan")
    part = (
        app.locator(".widget-vbox")
        .filter(has=page.locator("h3", has_text=t("plan.segment", s="C")))
        .last
    )  # the innermost: segment C's own part
    contacts = part.locator(".widget-inline-hbox", has_text=t("plan.contacts")).locator("input")
    owner = part.locator(".widget-inline-hbox", has_text=t("plan.owner")).locator("input")
    walk.type(contacts, "4")
    walk.key(contacts, "Enter")
    walk.type(owner, "Jonas")
    walk.key(owner, "Tab")
    walk.click(_button(app, t("grid.store")))
    expect(app).to_contain_text(t("plan.state_stored"))
    no_english()
    _screenshot(walk, frontend)

    # 7. The report: one click, links to its files.
    _next(walk, "report")
    walk.click(_button(app, t("report.button")))
    shown = reports.relative_to(ROOT).as_posix() if reports.is_relative_to(ROOT) else reports
    written = re.escape(t("report.written", time="@", folder=str(shown)))
    expect(app).to_contain_text(re.compile(written.replace("@", r"\d\d:\d\d:\d\d")))
    links = app.locator("a", has_text="report.xlsx")
    expect(links).to_have_count(1)
    no_english()
    _screenshot(walk, frontend)
    return walk


def check_report(reports: Path, sessions: Path, session_name: str, lang: str) -> None:
    """The report's matrix (each customer's segment) and plan are what the session holds."""
    with open_session(session_name, workspace=sessions) as session:
        result = segment_session(session)
        plan = session.plan
        assert session.source is not None and session.source.startswith("klanten_")
    expected = result.customers
    segments = pd.read_csv(reports / "segments.csv", dtype=str)
    assert sorted(segments["name"]) == sorted(NAMES)
    by_id = dict(zip(segments["customer_id"], segments["segment"], strict=True))
    assert by_id == dict(
        zip(expected["customer_id"].astype(str), expected["segment"].astype(str), strict=True)
    )
    assert set(by_id.values()) <= {"A", "B", "C"} and len(set(by_id.values())) > 1
    sheet = pd.read_excel(
        reports / "report.xlsx", sheet_name=text("report.sheet.plan", lang), engine="openpyxl"
    )
    row_c = sheet[sheet.iloc[:, 0] == "C"].iloc[0]
    assert row_c[text("col.contacts_per_year", lang)] == 4 == plan["C"].contacts_per_year
    assert row_c[text("col.owner", lang)] == "Jonas" == plan["C"].owner


def _say_counts(walk: Walk, frontend: str) -> None:
    print(
        f"\n{frontend} ({walk.lang}): {walk.total} actions "
        f"{dict(walk.actions)} per step {dict(walk.per_step)}"
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_workshop_page_without_code_in_voila(
    workspace: Path, big_page: Page, tmp_path: Path, lang: str
):
    """``make present``'s page: from an empty session to the report in at most 110 actions,
    no scroll, a reload resumes at the customer shown, nothing asked beyond this machine."""
    session_name = f"app-voila-{lang}"
    reports = (tmp_path / "rapport").resolve()
    export = write_export(tmp_path / f"klanten_{lang}_2025.xlsx", _revenues(), NAMES)
    notebook = app_notebook(tmp_path / "werkmap", lang, session_name, reports)
    uploaded = ROOT / "data" / "eigen" / export.name
    try:
        with voila_page(notebook, workspace, tmp_path / "voila") as url:

            def open_app(walk: Walk, again: bool = False) -> None:
                if not again:
                    big_page.goto(url)
                    walk.count("key")  # the address opened
                _app(big_page).wait_for(timeout=60_000)
                assert "There was an error when executing cell" not in big_page.content()

            walk = walk_the_workshop(
                big_page,
                lang,
                frontend="voila",
                open_app=open_app,
                export=export,
                sessions=workspace,
                session_name=session_name,
                reports=reports,
            )
            link = _app(big_page).locator("a", has_text="report.xlsx")
            expect(link).to_have_attribute("download", "report.xlsx")
            expect(link).to_have_attribute("href", re.compile(r"^data:"))
    finally:
        uploaded.unlink(missing_ok=True)
    _say_counts(walk, "voila")
    check_report(reports, workspace, session_name, lang)
    assert walk.total <= MOST_ACTIONS, dict(walk.per_step)
    assert walk.actions["scroll"] == 0
    assert big_page.outside == [], f"the page asked beyond this machine: {big_page.outside}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_workshop_app_as_one_cell_in_jupyterlab(
    lab, workspace: Path, big_page: Page, tmp_path: Path, lang: str
):
    """The same app as the one cell of its notebook in JupyterLab: Run All, then the same
    walk in at most 110 actions, no scroll; the reload runs the notebook again and resumes."""
    base, token = lab
    session_name = f"app-lab-{lang}"
    reports = (tmp_path / "rapport").resolve()
    export = write_export(tmp_path / f"klanten_{lang}_2025.xlsx", _revenues(), NAMES)
    folder = ROOT / "werkmap" / f"test-{uuid.uuid4().hex[:8]}"
    notebook = app_notebook(folder, lang, session_name, reports)
    relative = notebook.relative_to(ROOT).as_posix()
    uploaded = ROOT / "data" / "eigen" / export.name
    try:

        def open_app(walk: Walk, again: bool = False) -> None:
            if not again:
                big_page.goto(f"{base}/lab/tree/{relative}?token={token}&reset")
                walk.count("key")  # the address opened
            panel = big_page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
            panel.locator(".jp-CodeCell").first.wait_for()
            _wait_kernel_idle(big_page)
            if not again:
                _hide_sidebar(big_page)
                walk.count("key")  # Ctrl+B: the notebook gets the whole width
            bar = big_page.locator("#jp-main-statusbar").bounding_box()
            assert bar is not None
            walk.bottom = bar["y"]  # the notebook ends at JupyterLab's status bar
            walk.click(big_page.get_by_role("menuitem", name="Run", exact=True))
            walk.click(big_page.locator("li[data-command='runmenu:run-all']"))
            # The cells' code is folded away (no prompt numbers to wait for): the app is there
            # when the kernel is idle again, and no cell shows an error.
            _app(big_page).wait_for(timeout=60_000)
            _wait_kernel_idle(big_page)
            shown = "\n".join(panel.locator(".jp-OutputArea-output").all_inner_texts())
            assert "Traceback" not in shown and not re.search(r"\w*Error\b", shown), shown

        walk = walk_the_workshop(
            big_page,
            lang,
            frontend="lab",
            open_app=open_app,
            export=export,
            sessions=workspace,
            session_name=session_name,
            reports=reports,
        )
    finally:
        uploaded.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
    _say_counts(walk, "lab")
    check_report(reports, workspace, session_name, lang)
    assert walk.total <= MOST_ACTIONS, dict(walk.per_step)
    assert walk.actions["scroll"] == 0


def _revenues() -> list[float]:
    return [round(250_000 / (i + 1) ** 1.2, 2) for i in range(20)]


def test_the_workshop_page_of_hostile_names_runs_nothing(big_page: Page, tmp_path: Path):
    """Every step of the page on the hostile session (customers, participants, notes, owner
    and account manager that are HTML, script and math): no dialog, no request for an address
    a name holds, no element made of a name; the names are shown as the characters they are.
    One language: the code that makes the page's HTML is the same in both (the in-process
    hostile test of the app runs both)."""
    lang = "nl"
    from tests.hostile import OWNER, PARTICIPANTS, REQUEST_MARK, SCRIPT_NAME
    from tests.test_browser_hostile import Watch
    from tests.test_hostile_notebooks import SESSION, write_hostile_data

    sessions = tmp_path / "sessies"
    files = write_hostile_data(tmp_path / "data", sessions)
    notebook = app_notebook(
        tmp_path / "werkmap",
        lang,
        SESSION,
        tmp_path / "rapport",
        customers_file=str(files["customers"]),
    )
    watch = Watch(big_page)
    walk = Walk(big_page, lang)
    t = walk.t
    with voila_page(notebook, sessions, tmp_path / "voila") as url:
        big_page.goto(url)
        app = _app(big_page)
        app.wait_for(timeout=60_000)
        for step in STEPS:
            walk.step = step
            walk.click(_step_bar(walk, step))
            view = app.locator(f".klantwaarde-step-{step}")
            view.wait_for()
            if step == "questions":
                who = app.locator("input[list]")
                walk.type(who, PARTICIPANTS[0])
                walk.key(who, "Enter")
                card = view.locator(".widget-html", has_text="Brouwerij").first
                expect(card).to_contain_text(SCRIPT_NAME)
            if step == "matrix":
                walk.click(_button(app, t("app.anonymous")))
                walk.click(_button(app, t("app.anonymous")))
            if step == "plan":
                owners = view.locator(".widget-text input")
                values = [owners.nth(i).input_value() for i in range(owners.count())]
                assert OWNER in values
            if step == "report":
                walk.click(_button(app, t("report.button")))
                expect(view.locator("a")).not_to_have_count(0)
            expect(app.locator("script")).to_have_count(0)
            expect(
                app.locator(f"img[src*='{REQUEST_MARK}'], svg[onload], [onerror]")
            ).to_have_count(0)
            expect(big_page.locator("mjx-container, .MathJax")).to_have_count(0)
            assert ERROR_WORDS not in app.inner_text()
            _screenshot(walk, f"hostile_{lang}")
    watch.check()
    links = big_page.locator(".klantwaarde-app a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and all(href.startswith("data:") for href in hrefs), hrefs[:3]


ERROR_WORDS = "There was an error when executing cell"
