# ruff: noqa: F811  (the browser fixtures are imported from test_browser)
"""Four hundred customers in a real browser: the room discusses its list, an account manager
answers her own portfolio, and the matrix and the report count both by the one rule.

The kit's large sample (``data/voorbeeld_groot``: 400 customers, four account managers) in
JupyterLab. Pieter marked two favourites beforehand. In notebook 03 the facilitator ticks "a
list for the room" (the 20 largest and the favourites), the room answers those as ``team``;
then Sofie takes the form, chooses her portfolio in the filter and answers eight of her own
customers. The team step shows per account manager what is left; notebook 04 draws the matrix;
notebook 05 writes the report, whose segments are those the rule gives — the team's answers
for the room's list, Sofie's own for her customers, open for the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from klantlib.core.method import segment_customers
from klantlib.core.portfolios import RoomChoice, room_ids
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import format_number, text
from klantlib.ingest.loading import load_customers
from klantlib.store.workspace import create_session, open_session
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
from tests.test_browser_walk import type_parameters

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLE = ROOT / "data" / "voorbeeld_groot" / "klanten.csv"
SESSION = "2026-Q4"
NOTEBOOKS = {
    "nl": ("03_vier_vragen", "04_matrix", "05_actieplan"),
    "en": ("03_four_questions", "04_matrix", "05_action_plan"),
}
MANAGER = "Sofie"
OWN_ANSWERS = 8  # of her customers Sofie answers in the test
CYCLE = ["yes", "no", "yes", "unknown", "no", "yes", "no", "no", "yes"]


def answers_for(number: int) -> dict[str, str]:
    """The answers given to the ``number``-th customer answered (a fixed, varied pattern)."""
    return {q: CYCLE[(number + 2 * i) % len(CYCLE)] for i, q in enumerate(QUESTIONS)}


def shown_id(card_text: str, lang: str) -> str:
    """The customer id on the form's card."""
    line = re.escape(text("form.card_line", lang, id="@", revenue="@", band="@", number="@",
                          count="@"))  # fmt: skip
    pattern = line.replace("@", "(.+?)", 1).replace("@", ".+?")
    found = re.search(pattern, card_text)
    assert found, card_text
    return found.group(1)


def answer_shown(
    page: Page, form, lang: str, number: int, *, last: bool = False
) -> tuple[str, dict[str, str]]:
    """Click the four answers of the customer the form shows; (its id, the answers). After
    the fourth the form moves on to the next open customer, or (``last``) says all are done."""
    card, _verdict, status = (form.locator(":scope > .widget-html").nth(i) for i in range(3))
    cid = shown_id(card.inner_text(), lang)
    given = answers_for(number)
    for question, answer in given.items():
        label = re.compile(rf"^{re.escape(text(f'question.{question}', lang))}$")
        row = form.locator(".widget-hbox").filter(has=page.locator("b", has_text=label))
        _button(row, text(f"form.answer.{answer}", lang)).click()
    if last:
        expect(status).to_contain_text(text("form.all_answered", lang))
    else:
        expect(card).not_to_contain_text(f" {cid} ")  # stored, and the form moved on
    return cid, given


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_room_answers_its_list_and_an_account_manager_her_portfolio(
    lab, sessions: Path, tmp_path: Path, page: Page, lang: str
):
    base, token = lab
    three, four, five = (f"notebooks/{lang}/{name}.ipynb" for name in NOTEBOOKS[lang])

    def t(key: str, **params: object) -> str:
        return text(key, lang, **params)

    def number(value: int) -> str:
        return format_number(value, lang)

    customers, _ = load_customers(SAMPLE)
    ids = customers["customer_id"].astype(str).tolist()
    managers = customers.set_index("customer_id")["account_manager"].astype(str)
    favourites = [ids[30], ids[200]]  # outside the 20 largest
    with create_session(SESSION, customers, workspace=sessions, source="klanten_2025.csv") as s:
        for cid in favourites:
            s.record("Pieter", cid, "favourite", "yes")
    room = room_ids(customers, RoomChoice(20), favourites)
    assert len(room) == 22

    # 03, step 4: the facilitator makes the room's list (one tick).
    panel, outputs = _run_all(page, base, token, three)
    _hide_sidebar(page)
    picker = panel.locator(".widget-vbox", has=page.get_by_text(t("room.use"), exact=True)).first
    picker.get_by_role("checkbox", name=t("room.use"), exact=True).check()
    expect(picker).to_contain_text(
        t(
            "room.summary",
            count=number(22),
            largest=number(20),
            favourites=number(2),
            picked=number(0),
            others=number(378),
        )  # fmt: skip
    )
    with open_session(SESSION, workspace=sessions) as s:
        assert s.room_ids() == room

    # 03, step 5: the room answers its 22 customers as the team, one click per answer.
    form = panel.locator(".widget-vbox", has=page.locator("input[list]")).first
    who = form.locator("input[list]")
    progress = form.locator(":scope > .widget-hbox").first.locator(".widget-html")
    status = form.locator(":scope > .widget-html").nth(2)
    who.fill("team")
    who.press("Enter")
    expect(status).to_contain_text(t("form.hello", name="team"))
    expect(progress).to_contain_text(t("form.progress_room"))
    expect(progress).to_contain_text(t("form.for_managers", count=number(378)))
    team_given: dict[str, dict[str, str]] = {}
    for n in range(22):
        cid, given = answer_shown(page, form, lang, n, last=n == 21)
        team_given[cid] = given
    assert sorted(team_given) == sorted(room)
    expect(progress).to_contain_text(
        t("form.progress", answered=number(22), total=number(22), open="@").split("@")[0]
    )

    # Sofie takes the form and chooses her portfolio in the filter.
    who.fill(MANAGER)
    who.press("Enter")
    expect(status).to_contain_text(t("form.hello", name=MANAGER))
    form.locator("select").filter(has=page.locator("option", has_text=MANAGER)).select_option(
        MANAGER
    )
    hers = [cid for cid in ids if managers[cid] == MANAGER]
    expect(progress).to_contain_text(t("form.progress_portfolio", manager=MANAGER))
    expect(progress).to_contain_text(
        t("form.progress", answered=number(0), total=number(len(hers)), open="@").split(",")[0]
    )
    own_given: dict[str, dict[str, str]] = {}
    for n in range(OWN_ANSWERS):
        cid, given = answer_shown(page, form, lang, 100 + n)
        assert managers[cid] == MANAGER
        own_given[cid] = given
    _screenshot(page, form, f"hundreds_{lang}_03_form.png")

    # 03, step 7: per account manager, what is left (after reading the answers again).
    _button(page, t("team.refresh")).click()
    table = panel.locator("table", has=page.locator("caption", has_text=t("progress.caption")))
    answered_team = {m: sum(managers[c] == m for c in room) for m in set(managers)}
    own_outside = [c for c in own_given if c not in room]  # in the room the team's counts
    for manager in ("An", "Jonas", "Pieter", MANAGER):
        count = sum(managers[c] == manager for c in ids)
        answered = answered_team[manager] + (len(own_outside) if manager == MANAGER else 0)
        row = table.locator("tr", has=page.locator("td", has_text=re.compile(rf"^{manager}$")))
        cells = [number(count), number(answered_team[manager]), number(answered),
                 number(4 * (count - answered)), number(0)]  # fmt: skip
        expect(row.locator("td")).to_have_text([manager, *cells])
    _screenshot(page, table, f"hundreds_{lang}_03_progress.png")

    # 04: the matrix, nothing to decide.
    panel, outputs = _run_all(page, base, token, four)
    expect(outputs.locator("img").first).to_have_attribute(
        "src", re.compile(r"^data:image/png;base64,")
    )
    expect(panel).to_contain_text(t("decide.none"))

    # 05: the report, written where the grey cell says.
    reports = (tmp_path / "rapport").resolve()
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    page.goto(f"{base}/lab/tree/{five}?token={token}&reset")
    panel.locator(".jp-CodeCell").first.wait_for()
    _wait_kernel_idle(page)
    type_parameters(page, panel, five, {"report_folder": str(reports)})
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()
    _wait_all_ran(page, panel, five)
    _button(page, t("report.button")).click()
    written = re.escape(t("report.written", time="@", folder=str(reports)))
    expect(panel).to_contain_text(re.compile(written.replace("@", r"\d\d:\d\d:\d\d")))

    # The report's segments are the rule's: the team's answers for the room's list, Sofie's
    # own for her customers, nothing for the rest (open, no yes).
    counted = pd.DataFrame(
        [{"customer_id": c, **a} for c, a in {**own_given, **team_given}.items()]
    )
    with open_session(SESSION, workspace=sessions) as s:
        thresholds = s.thresholds
    expected = segment_customers(customers, counted, thresholds=thresholds).customers
    segments = pd.read_csv(reports / "segments.csv", dtype=str, keep_default_na=False)
    assert segments.iloc[:, 0].tolist() == expected["customer_id"].astype(str).tolist()
    assert segments.iloc[:, -2].tolist() == expected["segment"].tolist()
    by_manager = pd.read_excel(
        reports / "report.xlsx", sheet_name=t("report.sheet.managers"), engine="openpyxl"
    )
    assert by_manager.iloc[:4, 0].tolist() == ["An", "Jonas", "Pieter", MANAGER]
    # the customers for the account managers nobody answered are set aside: in no segment yet
    scored = expected["customer_id"].astype(str).isin({*team_given, *own_given})
    mine = expected[(expected["account_manager"] == MANAGER) & scored]
    row = by_manager[by_manager.iloc[:, 0] == MANAGER].iloc[0]
    assert [int(row.iloc[i]) for i in (1, 2, 3)] == [
        int((mine["segment"] == s).sum()) for s in ("A", "B", "C")
    ]
