# ruff: noqa: F811  (the browser fixtures are imported from test_browser)
"""A facilitator's whole workshop on the team's own export, in a real browser: notebooks 01 to
06 in JupyterLab, doing only what the notebooks say. The export is a 20-customer ``.xlsx`` made
here (title row, Dutch headers, a total row) — not the sample — and a quarter later a second
one is uploaded in notebook 06."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from klantlib.core.moves import compare_segments
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import CATALOGUE, text
from klantlib.reports.quarter import quarter_segments
from klantlib.store.workspace import open_session
from tests.test_browser import (  # noqa: F401 (fixtures)
    ROOT,
    _button,
    _hide_sidebar,
    _run_all,
    _screenshot,
    _wait_all_ran,
    _wait_kernel_idle,
    browser,
    lab,
    page,
    sessions,
    workspace,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = {
    "nl": ["01_klantenlijst", "02_omzetklassen", "03_vier_vragen", "04_matrix", "05_actieplan",
           "06_nieuw_kwartaal"],
    "en": ["01_customer_list", "02_revenue_bands", "03_four_questions", "04_matrix",
           "05_action_plan", "06_new_quarter"],
}  # fmt: skip
SESSION, NEXT = "2026-Q4", "2027-Q1"
FACILITATOR = "Els"
NAMES = [
    "Metaalbouw Verhaegen nv", "Tuinaanleg De Smet", "Drukkerij Van Damme", "Hotel De Zwaan",
    "Bouwbedrijf Peeters bv", "Apotheek Willems", "Garage Dierckx", "Bakkerij Goossens",
    "Transport Maes bvba", "Schrijnwerk Janssens", "Brasserie Het Hof", "Elektro Claes",
    "Kapsalon Lotte", "Fietsen Wouters", "Optiek Mertens", "Slagerij Jacobs",
    "Boekhandel Pauwels", "Bloemen Hermans", "Sanitair Dewit", "Interieur Aerts",
]  # fmt: skip
ANSWER_CYCLE = ["yes", "no", "yes", "unknown", "no", "yes", "no", "no"]


def write_export(path: Path, revenues: list[float], names: list[str]) -> Path:
    """An accounting package's customer list: a title row, Dutch headers, ids with leading
    zeros (each customer keeps its id from quarter to quarter), amounts as numbers, a total
    row at the bottom."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Klanten"
    sheet.append(["Omzet per klant — boekjaar 2025 (export)"])
    sheet.append([])
    sheet.append(["Klantnr", "Klantnaam", "Omzet excl. btw"])
    for name, revenue in zip(names, revenues, strict=True):
        number = NAMES.index(name) + 1 if name in NAMES else len(NAMES) + 1
        sheet.append([f"{number:04d}", name, revenue])
    sheet.append(["", "Totaal", sum(revenues)])
    book.save(path)
    return path


def english_phrases() -> list[str]:
    """Pieces of the catalogue's English that never read the same in Dutch: one of them on a
    Dutch page is English text where Dutch belongs."""
    dutch = " ".join(nl for nl, _ in CATALOGUE.values())
    phrases = set()
    for nl, en in CATALOGUE.values():
        for piece in re.split(r"\{[^}]*\}", en):
            piece = piece.strip(" .,:;()·—-")
            if len(piece) >= 14 and piece != nl and piece not in dutch:
                phrases.add(piece)
    return sorted(phrases)


def type_parameters(page: Page, panel, notebook: str, values: dict[str, str]) -> None:
    """Add ``values`` at the end of the notebook's grey cell, as a user types them."""
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    source = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    lines = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    editor = panel.locator(".jp-CodeCell").first.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source.rstrip("\n") + "\n" + lines)
    page.keyboard.press("Escape")


def take_the_form(page: Page, panel, hello: str):
    """The answer form of the notebook, taken by the facilitator (name typed, Enter): the
    form, its customer card and its status line."""
    form = panel.locator(".widget-vbox", has=page.locator("input[list]")).first
    who = form.locator("input[list]")
    card, _verdict, status = (form.locator(":scope > .widget-html").nth(i) for i in range(3))
    who.fill(FACILITATOR)
    who.press("Enter")
    expect(status).to_contain_text(hello)
    return form, card, status


def upload(page: Page, panel, path: Path, expected: str) -> None:
    picker = panel.locator(".widget-upload").first
    with page.expect_file_chooser() as chooser:
        picker.click()
    chooser.value.set_files(str(path))
    cell = panel.locator(".jp-CodeCell", has=page.locator(".widget-upload"))
    expect(cell).to_contain_text(expected, timeout=30_000)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_team_walks_its_own_export_from_01_to_06_in_jupyterlab(
    lab, sessions: Path, tmp_path: Path, page: Page, lang: str
):
    """Upload in 01, bands in 02, every answer in 03, the matrix in 04, the plan and the report
    in 05, the next quarter's export uploaded in 06: the team's customers everywhere, the
    report's plan as set, 06's moves as compare gives them, no English on Dutch pages, and
    git status as it was."""
    base, token = lab
    names = dict(zip(NOTEBOOKS["nl"], NOTEBOOKS[lang], strict=True))

    def notebook(dutch: str) -> str:
        return f"notebooks/{lang}/{names[dutch]}.ipynb"

    def t(key: str, **params: object) -> str:
        return text(key, lang, **params)

    git_before = _git_status()
    revenues = [round(250_000 / (i + 1) ** 1.2, 2) for i in range(20)]
    export = write_export(tmp_path / f"klanten_{lang}_2025.xlsx", revenues, NAMES)
    later_names = [*NAMES[1:], "Vakantiepark Zonneweide"]  # one gone, one new
    later_revenues = [r * (1.3 if i % 4 == 0 else 0.9) for i, r in enumerate(revenues[1:])]
    next_export = write_export(
        tmp_path / f"klanten_{lang}_2026q1.xlsx", [*later_revenues, 9_000.0], later_names
    )
    reports = (tmp_path / "rapporten").resolve()
    eigen = ROOT / "data" / "eigen"
    uploaded = [eigen / export.name, eigen / next_export.name]
    english = english_phrases() if lang == "nl" else []
    steps: dict[str, list[str]] = {}

    def check_language(outputs, step: str) -> str:
        shown = "\n".join(outputs.all_inner_texts())
        found = [phrase for phrase in english if phrase in shown]
        assert found == [], f"English on the Dutch page {step}: {found[:5]}"
        return shown

    try:
        # 01: Run All, then the team's file with the upload button.
        panel, outputs = _run_all(page, base, token, notebook("01_klantenlijst"))
        _hide_sidebar(page)
        upload(page, panel, export, t("load.customers", count=20))
        expect(panel).to_contain_text(t("file.remade", name=SESSION, previous="factuurlijnen.csv"))
        table = outputs.locator("table", has=page.locator("td", has_text=NAMES[0])).last
        expect(table.locator("tbody tr")).to_have_count(20)
        check_language(outputs, "01")
        _screenshot(page, table, f"walk_{lang}_01.png")
        steps["01"] = ["Run All", "upload button", "choose the file"]
        with open_session(SESSION, workspace=sessions) as session:
            assert session.source == export.name
            assert list(session.customers()["name"]) == NAMES
            assert list(session.customers()["customer_id"])[:2] == ["0001", "0002"]

        # 02: Run All shows the team's file on top; Store keeps the suggested bands.
        panel, outputs = _run_all(page, base, token, notebook("02_omzetklassen"))
        header = t("file.header", name=SESSION, source=export.name, count="20", when="@")
        expect(panel).to_contain_text(header.split("@")[0])
        _button(page, t("picker.store")).click()
        expect(panel).to_contain_text(t("picker.state_stored", name=SESSION))
        check_language(outputs, "02")
        _screenshot(page, panel.locator(".widget-vbox").first, f"walk_{lang}_02.png")
        steps["02"] = ["Run All", "Store"]
        with open_session(SESSION, workspace=sessions) as session:
            assert session.thresholds is not None

        # 03: every customer answered by the facilitator, one click per answer; after the
        # fourth answer the form shows the next open customer itself.
        panel, outputs = _run_all(page, base, token, notebook("03_vier_vragen"))
        form, card, status = take_the_form(page, panel, t("form.hello", name=FACILITATOR))
        clicks = 2  # the name box and Enter
        seen = []
        for number in range(20):
            line = t("form.card_line", id="@", revenue="@", band="@", number=number + 1,
                     count=20)  # fmt: skip
            expect(card).to_contain_text(re.compile(re.escape(line).replace("@", ".+?")))
            seen.append(next(n for n in NAMES if n in card.inner_text()))
            for q, question in enumerate(QUESTIONS):
                answer = ANSWER_CYCLE[(number + q) % len(ANSWER_CYCLE)]
                label = re.compile(rf"^{re.escape(t(f'question.{question}'))}$")
                row = form.locator(".widget-hbox").filter(has=page.locator("b", has_text=label))
                _button(row, t(f"form.answer.{answer}")).click()
                clicks += 1
            if number < 19:
                moved = t("form.moved_on", name=seen[-1], at="@").split("(")[0]
                expect(status).to_contain_text(moved)
            else:
                expect(status).to_contain_text(t("form.all_answered"))
        assert sorted(seen) == sorted(NAMES)  # the team's customers, every one of them
        check_language(outputs, "03")
        _screenshot(page, form, f"walk_{lang}_03.png")
        steps["03"] = ["Run All", "type the name + Enter", f"{clicks - 2} clicks"]
        with open_session(SESSION, workspace=sessions) as session:
            assert len(session.current(FACILITATOR).dropna(subset=list(QUESTIONS))) == 20

        # 04: the matrix of the team's customers.
        panel, outputs = _run_all(page, base, token, notebook("04_matrix"))
        expect(panel).to_contain_text(header.split("@")[0])
        image = outputs.locator("img").first
        expect(image).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
        check_language(outputs, "04")
        _screenshot(page, image, f"walk_{lang}_04.png")
        steps["04"] = ["Run All"]

        # 05: segment C gets 4 contacts a year and an owner; Store; then the report.
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        page.goto(f"{base}/lab/tree/{notebook('05_actieplan')}?token={token}&reset")
        panel.locator(".jp-CodeCell").first.wait_for()
        _wait_kernel_idle(page)
        type_parameters(page, panel, notebook("05_actieplan"), {"report_folder": str(reports)})
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        outputs = _wait_all_ran(page, panel, notebook("05_actieplan"))
        store = _button(page, t("grid.store"))
        editor = panel.locator(".widget-vbox", has=store).first
        part = editor.locator(".widget-vbox").filter(
            has=page.locator("h3", has_text=t("plan.segment", s="C"))
        )
        contacts = part.locator(".widget-inline-hbox", has_text=t("plan.contacts")).locator("input")
        owner = part.locator(".widget-inline-hbox", has_text=t("plan.owner")).locator("input")
        contacts.fill("4")
        contacts.press("Enter")
        owner.fill("Jonas")
        owner.press("Tab")
        store.click()
        expect(editor).to_contain_text(t("plan.state_stored"))
        _button(page, t("report.button")).click()
        written = re.escape(t("report.written", time="@", folder=str(reports)))
        expect(panel).to_contain_text(re.compile(written.replace("@", r"\d\d:\d\d:\d\d")))
        check_language(outputs, "05")
        _screenshot(page, editor, f"walk_{lang}_05.png")
        steps["05"] = ["Run All", "grey cell: report_folder", "contacts 4 + Enter", "owner",
                       "Store", "report button"]  # fmt: skip
        plan = pd.read_excel(
            reports / "report.xlsx", sheet_name=t("report.sheet.plan"), engine="openpyxl"
        )
        row_c = plan[plan.iloc[:, 0] == "C"].iloc[0]
        assert row_c[t("col.contacts_per_year")] == 4
        assert row_c[t("col.owner")] == "Jonas"
        segments = pd.read_csv(reports / "segments.csv", dtype=str)
        assert sorted(segments["name"]) == sorted(NAMES)
        page_html = (reports / "report.html").read_text(encoding="utf-8")
        assert all(name in page_html for name in NAMES)

        # 06: Run All, upload the new export, run the cells from step 3 again, confirm two
        # customers and change one answer, Update.
        notebook_06 = notebook("06_nieuw_kwartaal")
        page.goto(f"{base}/lab/tree/{notebook_06}?token={token}&reset")
        panel.locator(".jp-CodeCell").first.wait_for()
        _wait_kernel_idle(page)
        type_parameters(page, panel, notebook_06, {"report_folder": str(reports / "q1")})
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        outputs = _wait_all_ran(page, panel, notebook_06)
        upload(page, panel, next_export, t("upload.run_below"))
        session_cell = panel.locator(".jp-CodeCell").filter(has_text="open_notebook_session")
        old_view = panel.locator(".widget-vbox", has=_button(page, t("quarter.update")))
        replaced = old_view.first.element_handle()
        session_cell.locator(".jp-InputArea").click()
        page.keyboard.press("Escape")
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='notebook:run-all-below']").click()
        outputs = _wait_all_ran(page, panel, notebook_06, replaced=replaced)
        expect(session_cell).to_contain_text(
            t("file.remade", name=NEXT, previous="klanten_volgend_kwartaal.csv")
        )
        form, card, status = take_the_form(page, panel, t("form.hello", name=FACILITATOR))
        form.get_by_role("checkbox", name=t("form.only_to_confirm"), exact=True).check()
        confirm = _button(form, t("form.confirm"))
        flag = t("form.flag_to_confirm", previous=SESSION)
        for _ in range(2):
            expect(card).to_contain_text(flag)
            shown = card.inner_text()
            confirm.click()
            expect(card).not_to_contain_text(flag)
            _button(form, t("form.next")).click()
            expect(card).not_to_have_text(shown)
        label = re.compile(rf"^{re.escape(t('question.margin'))}$")
        row = form.locator(".widget-hbox").filter(has=page.locator("b", has_text=label))
        expect(card).to_contain_text(flag)
        current = next(n for n in NAMES if n in card.inner_text())
        with open_session(NEXT, workspace=sessions) as now:
            cid = now.customers().set_index("name").loc[current, "customer_id"]
            margin = now.current(FACILITATOR).set_index("customer_id").loc[cid, "margin"]
        _button(row, t("form.answer.no" if margin == "yes" else "form.answer.yes")).click()
        expect(card).not_to_contain_text(flag)  # a changed answer confirms the customer
        update = _button(page, t("quarter.update"))
        view_state = panel.locator(".widget-hbox", has=update).locator(".widget-html")
        expect(view_state).to_contain_text(t("quarter.stale", at="@").split("@")[0])
        update.click()
        expect(view_state).to_contain_text(t("quarter.computed", at="@").split("@")[0])
        check_language(outputs, "06")
        _screenshot(page, view_state, f"walk_{lang}_06.png")
        steps["06"] = ["grey cell: report_folder", "Run All", "upload", "click step 3",
                       "Run Selected Cell and All Below", "type the name + Enter",
                       "tick to confirm only", "2 × (confirm + next)", "1 answer",
                       "Update"]  # fmt: skip
        with open_session(NEXT, workspace=sessions) as now:
            assert now.source == next_export.name
            assert len(now.to_confirm(FACILITATOR)) == 19 - 3
            quarters = quarter_segments(now)
        moves, _ = compare_segments(quarters[0][1], quarters[1][1])
        moved = pd.read_csv(reports / "q1" / "moves.csv", dtype=str, keep_default_na=False)
        expected = moves.astype(str).replace("nan", "").reset_index(drop=True)
        assert sorted(moved["customer_id"]) == sorted(expected["customer_id"])
        new_reason = t("moves.new")
        shown_new = panel.locator("td", has_text=re.compile(rf"^\s*{re.escape(new_reason)}\s*$"))
        expect(shown_new).to_have_count(1)  # Vakantiepark Zonneweide
    finally:
        for path in uploaded:
            path.unlink(missing_ok=True)
    assert _git_status() == git_before, "the workshop changed what git sees"
    print(f"\nactions per notebook ({lang}): {json.dumps(steps, ensure_ascii=False)}")


def _git_status() -> str:
    if not (ROOT / ".git").exists():
        return ""
    return subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
