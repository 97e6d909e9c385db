"""The facilitator's consensus view: everyone's answers side by side, the team decides (edge).

:class:`ConsensusView` shows one customer at a time — the customers where participants disagree
first — with each participant's answer per question and Ja / Nee / ? buttons for the team
answer, stored in the session under the participant name ``team`` (one committed change per
click, as in the answer form). One button takes over every answer all participants agree on.
The individual answers stay as they are: the team answer is a participant of its own, and the
history keeps who said what.
"""

from __future__ import annotations

import html
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from klantlib.core.consensus import (
    TEAM,
    CountedAnswers,
    agreed_answers,
    agreement,
    compare_answers,
    counted_answers,
)
from klantlib.core.portfolios import portfolio_progress
from klantlib.errors import KlantlibError
from klantlib.i18n import (
    check_language,
    format_money,
    format_number,
    format_share,
    get_language,
)
from klantlib.reports.present import portfolio_progress_table, table_view
from klantlib.store.answer_files import import_answers
from klantlib.store.session import Session
from klantlib.widgets.answer_buttons import answer_buttons, paint
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["ConsensusView"]

logger = logging.getLogger(__name__)

_ANSWER_FILES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods")
_COLOUR = {"yes": "#2e7d32", "no": "#c62828", "unknown": "#ef6c00"}


def _answer_code(answer: object) -> str:
    """``yes``, ``no``, ``unknown``, or "" when the participant gave no answer."""
    if answer is None or (isinstance(answer, float) and np.isnan(answer)):
        return ""
    return str(answer)


def _answer_style(code: object) -> str:
    if code in _COLOUR:
        return f"color: {_COLOUR[code]}; font-weight: bold; text-align: center;"
    return "color: #999; text-align: center;"


class ConsensusView(ShownErrors, widgets.VBox):
    """Per customer, each participant's answers and the team answer, disagreements first.

    Attributes for tests and notebooks: ``compared`` (the table of
    :func:`klantlib.core.consensus.compare_answers`), ``customer_id`` (shown), ``buttons[question]
    [answer]`` (the team answer), ``take_agreed``, ``refresh``, ``status`` and ``summary``.
    """

    _what = "The consensus view failed"
    _logger = logger

    def __init__(self, session: Session, *, lang: str | None = None, wide: bool = False) -> None:
        self.session = session
        self.lang = check_language(lang) if lang is not None else get_language()
        self._customers = session.customers()
        self._revenue = dict(
            zip(self._customers["customer_id"], self._customers["revenue"], strict=True)
        )
        t = self._t
        self.previous = self._button(t("form.previous"), "arrow-left", lambda: self._step(-1))
        self.next = self._button(t("form.next"), "arrow-right", lambda: self._step(+1))
        self.next_open = self._button(t("team.next_open"), "forward", self._on_next_open)
        self.take_agreed = self._button(t("team.take_agreed", count=0), "check", self._on_agreed)
        self.refresh = self._button(t("team.refresh"), "refresh", self._on_refresh)
        self.summary = widgets.HTML()
        self.portfolios = widgets.HTML()  # per account manager: what is left to do
        self.card = widgets.HTML()
        self.grid = widgets.HTML()
        self.buttons = answer_buttons(
            self.lang, "team.answer_tip", lambda q, a: self._run(lambda: self._on_answer(q, a))
        )
        rows = []
        for question, row in self.buttons.items():
            label = widgets.HTML(
                f"<b>{html.escape(t(f'question.{question}'))}</b>",
                layout=widgets.Layout(width="9em"),
            )
            rows.append(widgets.HBox([label, *row.values()]))
        self.status = widgets.HTML()
        # Answers given on another laptop: its `answers export` file, added under a name.
        self.upload = widgets.FileUpload(
            accept=",".join(_ANSWER_FILES),
            multiple=False,
            description=t("team.upload"),
            layout=widgets.Layout(width="auto"),
        )
        self.upload_who = widgets.Text(
            placeholder=t("form.who_placeholder"),
            description=t("form.who"),
            layout=widgets.Layout(width="18em"),
        )
        self.upload.observe(lambda change: self._run(lambda: self._on_upload(change)), "value")
        navigation = [self.previous, self.next, self.next_open, self.refresh]
        other_laptops = widgets.HTML(f"<b>{html.escape(t('team.other_laptops'))}</b>")
        if wide:  # a whole screen, as in the workshop app: fewer, longer rows
            top = [widgets.HBox([*navigation, self.take_agreed])]
            bottom = [
                widgets.HBox(
                    [other_laptops, self.upload_who, self.upload],
                    layout=widgets.Layout(align_items="center"),
                )
            ]
        else:
            top = [widgets.HBox(navigation), self.take_agreed]
            bottom = [other_laptops, widgets.HBox([self.upload_who, self.upload])]
        deciding = [
            self.card,
            self.grid,
            widgets.HTML(f"<b>{html.escape(t('team.team_answer'))}</b>"),
            *rows,
            self.status,
        ]
        if wide:  # the table per account manager beside the customer, not under everything
            self.portfolios.layout = widgets.Layout(margin="0 0 0 2em")
            middle = [widgets.HBox([widgets.VBox(deciding), self.portfolios])]
            after: list[widgets.Widget] = []
        else:
            middle, after = deciding, [self.portfolios]
        super().__init__([self.summary, *top, *middle, *bottom, *after])
        self.customer_id: str | None = None
        self._load()
        self.customer_id = self._order[0] if self._order else None
        self._show()

    # ---- for notebooks and tests

    def show(self, customer_id: str) -> None:
        """Show this customer."""
        if customer_id not in self._rows:
            raise KlantlibError("error.session_unknown_customer", value=customer_id,
                                name=self.session.name)  # fmt: skip
        self.customer_id = customer_id
        self._show()

    def agreement_table(self) -> Styler:
        """Per participant and question: answers given, share of yes, the team's share of yes
        on the same customers, and how often the participant's answer is the team's."""
        figures = agreement(self.compared)
        t = self._t
        table = pd.DataFrame(
            {
                t("team.col.participant"): figures["participant"],
                t("team.col.question"): [
                    t("team.all_questions") if q == "all" else t(f"question.{q}")
                    for q in figures["question"]
                ],
                t("team.col.answered"): figures["answered"],
                t("team.col.yes_share"): figures["yes_share"],
                t("team.col.team_yes_share"): figures["team_yes_share"],
                t("team.col.agreement"): figures["agreement"],
            }
        )
        shares = [t("team.col.yes_share"), t("team.col.team_yes_share"), t("team.col.agreement")]
        lang = self.lang  # the formatter must not hold the widget: a Styler gets deep-copied

        def percent(share: float) -> str:
            return "—" if share != share else format_share(share, lang)

        return table_view(table, dict.fromkeys(shares, percent)).hide(axis="index")

    # ---- handlers

    def _on_answer(self, question: str, answer: str) -> None:
        if self.customer_id is None:
            return
        row = self._row(self.customer_id, question)
        current = self.compared.at[row, "team"]
        value = None if current == answer else answer
        change = self.session.record(TEAM, self.customer_id, question, value)
        self.compared.at[row, "team"] = change.value
        self._summarise()
        self._say(self._t("team.saved", question=self._t(f"question.{question}")))
        self._show()

    def _on_agreed(self) -> None:
        changes = agreed_answers(self.compared)
        stored = self.session.record_many(TEAM, changes, only_changed=True)
        self._load()
        self._say(self._t("team.agreed_taken", count=format_number(stored, self.lang)))
        self._show()

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        uploaded = files[0]
        self.upload.value = ()  # the bytes are not kept in the widget
        who = self.upload_who.value.strip()
        if not who:
            self._say(self._t("team.upload_who_first"), error=True)
            return
        name = Path(str(uploaded["name"])).name
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(bytes(uploaded["content"]))
            report = import_answers(self.session, who, path)
        self._load()
        self._say(
            self._t(
                "team.uploaded",
                file=name,
                participant=report.participant,
                stored=format_number(report.stored, self.lang),
            )
        )
        self._show()

    def _on_refresh(self) -> None:
        self._load()
        if self.customer_id not in self._rows:
            self.customer_id = self._order[0] if self._order else None
        self._say(self._t("team.refreshed", people=", ".join(self._people) or "—"))
        self._show()

    def _on_next_open(self) -> None:
        """The next customer (after the one shown, then from the top) where participants
        disagree and the team has not answered every disagreeing question."""
        compared = self.compared
        waiting = compared["disagree"] & compared["team"].isna()
        ids = list(dict.fromkeys(compared.loc[waiting, "customer_id"]))
        if not ids:
            self._say(self._t("team.nothing_open"))
            return
        position = {cid: i for i, cid in enumerate(self._order)}
        here = position.get(self.customer_id, -1) if self.customer_id is not None else -1
        later = [cid for cid in ids if position[cid] > here]
        self.customer_id = later[0] if later else ids[0]
        self._show()

    def _step(self, direction: int) -> None:
        if self.customer_id is None:
            return
        at = self._order.index(self.customer_id) + direction
        self.customer_id = self._order[min(max(at, 0), len(self._order) - 1)]
        self._show()

    # ---- reading and showing

    def _load(self) -> None:
        """Read everyone's current answers from the session again."""
        self._people = [p for p in self.session.participants() if p != TEAM]
        self._answers = {p: self.session.current(p) for p in self._people}
        team = self.session.current(TEAM)
        customers = self._customers
        self._room = set(self.session.room_ids(customers))
        self._others = 0  # customers left to the account managers
        counted = None
        if self._room or "account_manager" in customers.columns:
            counted = counted_answers(customers, self._answers, team)
        if counted is not None and self._room:  # the list, and whoever else is to decide
            decide = set(counted.to_decide(customers)["customer_id"])
            keep = customers["customer_id"].astype(str).isin(self._room | decide)
            self._others = int((~keep).sum())
            customers = customers[keep.to_numpy()]
        self.compared = compare_answers(customers, self._answers, team)
        self._order = list(dict.fromkeys(self.compared["customer_id"]))
        self._rows = {
            cid: dict(zip(part["question"], part.index, strict=True))
            for cid, part in self.compared.groupby("customer_id", sort=False)
        }
        self._summarise(counted)

    def _row(self, customer_id: str, question: str) -> int:
        return self._rows[customer_id][question]

    def _summarise(self, counted: CountedAnswers | None = None) -> None:
        """The summary line, the table per account manager and the "take over the agreed
        answers" button: redrawn when the answers change (read again, or a team answer given),
        not on every step. ``counted``: the answers by the rule, when just read (else they are
        counted again with the team's answers as stored now)."""
        t = self._t
        compared = self.compared
        customers_disagree = compared.groupby("customer_id", sort=False)["disagree"].any()
        decided = compared.groupby("customer_id", sort=False)["team"].apply(
            lambda values: values.notna().all()
        )
        self.summary.value = (
            "<b>"
            + html.escape(
                t(
                    "team.summary",
                    people=len(self._people),
                    discuss=format_number(int(customers_disagree.sum()), self.lang),
                    decided=format_number(int(decided.sum()), self.lang),
                    total=format_number(len(decided), self.lang),
                )
            )
            + "</b>"
        )
        if self._others:
            count = format_number(self._others, self.lang)
            self.summary.value += html.escape(" · " + t("form.for_managers", count=count))
        self.portfolios.value = self._portfolios(counted)
        agreed = len(agreed_answers(compared))
        self.take_agreed.description = t("team.take_agreed", count=format_number(agreed, self.lang))
        self.take_agreed.disabled = agreed == 0

    def _portfolios(self, counted: CountedAnswers | None) -> str:
        """The table per account manager, as HTML ("" without account managers)."""
        customers = self._customers
        if "account_manager" not in customers.columns:
            return ""
        if counted is None:
            counted = counted_answers(customers, self._answers, self.session.current(TEAM))
        table = portfolio_progress_table(
            portfolio_progress(customers, counted.sources, self._room), self.lang
        )
        return "" if table is None else table.to_html()

    def _show(self) -> None:
        t = self._t
        compared = self.compared
        cid = self.customer_id
        ready = cid is not None
        for row in self.buttons.values():
            for button in row.values():
                button.disabled = not ready
        if cid is None:
            self.card.value = html.escape(t("team.no_customers"))
            self.grid.value = ""
            return
        rows = compared.loc[list(self._rows[cid].values())]
        name = rows["name"].iloc[0]
        where = self._order.index(cid) + 1
        flag = t("team.discuss") if bool(rows["disagree"].any()) else t("team.agreed_here")
        self.card.value = (
            f"<div style='border: 1px solid #ccc; border-radius: 6px; padding: 0.5em 0.9em;"
            f" background: #fafafa'><span style='font-size: 1.4em; font-weight: bold'>"
            f"{html.escape(str(name))}</span><br>"
            + html.escape(
                t(
                    "team.card_line",
                    id=cid,
                    revenue=format_money(float(self._revenue[cid]), self.lang),
                    number=format_number(where, self.lang),
                    count=format_number(len(self._order), self.lang),
                    flag=flag,
                )
            )
            + "</div>"
        )
        self.grid.value = self._grid(rows)
        for question, row in self.buttons.items():
            paint(row, rows.loc[self._row(cid, question), "team"])

    def _grid(self, rows: pd.DataFrame) -> str:
        """Each participant's answer per question, coloured, ⚠ where they differ: a table built
        (and escaped: participants are names people typed) by :func:`table_view`."""
        t = self._t
        records = rows.to_dict("records")
        labels = [
            t(f"question.{row['question']}") + (" ⚠" if row["disagree"] else "") for row in records
        ]
        answers = [[_answer_code(row[p]) for p in self._people] for row in records]
        frame = pd.DataFrame(
            [[label, *codes] for label, codes in zip(labels, answers, strict=True)],
            columns=range(len(self._people) + 1),
            dtype=object,
        )
        shown = {c: (lambda code: self._t(f"form.answer.{code}") if code else "—")
                 for c in frame.columns[1:]}  # fmt: skip
        return (
            table_view(frame, shown, headers=["", *self._people])
            .hide(axis="index")
            .map(_answer_style, subset=list(frame.columns[1:]))
            .set_properties(subset=[0], **{"font-weight": "bold", "text-align": "left"})
            .set_properties(**{"padding": "2px 10px"})
            .set_table_styles(
                [
                    {"selector": "", "props": "border-collapse: collapse; margin: 0.4em 0;"},
                    {"selector": "th", "props": "padding: 2px 10px;"},
                ]
            )
            .to_html()
        )

    def _button(self, label: str, icon: str, action: Callable[[], None]) -> widgets.Button:
        button = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="auto"))
        button.on_click(lambda _b: self._run(action))
        return button

    def _show_error(self, message: str) -> None:
        self._say(message, error=True)
