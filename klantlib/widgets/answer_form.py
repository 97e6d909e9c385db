"""The answer form: one customer at a time, four questions, every click stored at once (edge).

:class:`AnswerForm` is built from core ipywidgets only. It shows one customer as a card (name,
revenue, band, what the data knows), the four questions with Ja / Nee / ? buttons (clicking
the active answer clears it), a note, a favourite star and a time estimate. Every change goes
to the :class:`~klantlib.store.session.Session` first — one committed transaction — and only then
shows as saved; the widgets hold nothing the store does not. Opening the form again, re-running
the cell or restarting the kernel shows exactly what is stored.

However many customers there are, the form has the same few widgets: the customer shown
changes, not the number of widgets. An error inside a click is shown in the form in plain words
and logged, never swallowed.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import pandas as pd

from klantlib.core.answering import AnswerSheet, SheetFilter
from klantlib.core.bands import BANDS, Thresholds, suggest_cumulative_share
from klantlib.core.method import Segmentation
from klantlib.core.portfolios import check_manager, managers
from klantlib.core.questions import QUESTIONS
from klantlib.core.suggestions import SUGGESTED_QUESTIONS
from klantlib.errors import KlantlibError
from klantlib.i18n import check_language, format_money, format_number, get_language, text
from klantlib.store.segmentation import segment_session, session_suggestions
from klantlib.store.session import TIME_WORDS, TIME_WORDS_READ, Session, check_participant
from klantlib.widgets.answer_buttons import answer_buttons, paint
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["AnswerForm"]

logger = logging.getLogger(__name__)

_ALL = "all"  # the band filter's value for every band
_FACTS = ("potential_revenue", "gross_margin", "days_to_pay", "hours", "account_manager")
_MONEY = {"potential_revenue", "gross_margin"}


class AnswerForm(ShownErrors, widgets.VBox):
    """Answer the four questions for the customers of ``session``, as ``participant``.

    Without a participant the form first asks for a name (the people who answered before are
    offered). ``wide``: laid out for a whole screen (each question on one line, a lower note
    box), as the workshop app shows it. Attributes for tests and notebooks: ``sheet`` (the
    :class:`AnswerSheet` of the participant), ``position`` (the customer shown),
    ``buttons[question][answer]``, ``note``, ``favourite``, ``time``, ``status`` and
    ``progress``.
    """

    _what = "The answer form failed"
    _logger = logger

    def __init__(
        self,
        session: Session,
        *,
        participant: str | None = None,
        lang: str | None = None,
        thresholds: Thresholds | None = None,
        wide: bool = False,
        manager: str | None = None,
        room: bool | None = None,
    ) -> None:
        self.session = session
        self.lang = check_language(lang) if lang is not None else get_language()
        customers = session.customers()
        stored = session.thresholds
        self.thresholds = thresholds or stored or suggest_cumulative_share(customers)
        how = (
            "form.bands_stored"
            if stored is not None and thresholds in (None, stored)
            else ("form.bands_given" if thresholds is not None else "form.bands_suggested")
        )
        self._bands_line = text(
            "form.bands",
            self.lang,
            low=format_money(self.thresholds.low, self.lang),
            high=format_money(self.thresholds.high, self.lang),
            how=text(how, self.lang),
        )
        self._customers = customers
        self.participant: str | None = None
        self.sheet: AnswerSheet | None = None
        self.position = 0
        self._shown = np.zeros(0, dtype=np.int64)  # positions passing the filters
        self._loading = False  # widgets being set from the store: no saving then
        self._overviews: list[Callable[[], None]] = []
        self._on_stored: list[Callable[[], None]] = []  # told after every change stored
        self._remembered: str | None = None  # the customer the session has as last shown

        t = self._t
        names = managers(customers)
        chosen = check_manager(customers, manager) if manager is not None else None
        self._room = session.room_ids(customers)
        self.who = widgets.Combobox(
            # who answered before, and the account managers as the customer list writes them
            options=list(dict.fromkeys([*session.participants(), *names])),
            placeholder=t("form.who_placeholder"),
            description=t("form.who"),
            ensure_option=False,
            continuous_update=False,
            layout=widgets.Layout(width="22em"),
        )
        self.previous = self._button(t("form.previous"), "arrow-left", self._on_previous)
        self.next = self._button(t("form.next"), "arrow-right", self._on_next)
        self.next_open = self._button(t("form.next_unanswered"), "forward", self._on_next_open)
        self.undo = self._button(t("form.undo"), "undo", self._on_undo)
        self.search = widgets.Text(
            placeholder=t("form.search_placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="16em"),
        )
        self.band = widgets.Dropdown(
            # "all" is a value of its own: a None option shows as an empty box in the browser
            options=[(t("form.all_bands"), _ALL)] + [(t(f"band.{b}"), b) for b in BANDS],
            value=_ALL,
            description=t("form.band"),
            layout=widgets.Layout(width="14em"),
        )
        self.only_unanswered = widgets.Checkbox(
            description=t("form.only_unanswered"),
            indent=False,
            layout=widgets.Layout(width="auto", margin="0 1em"),
        )
        self.only_to_confirm = widgets.Checkbox(
            description=t("form.only_to_confirm"),
            indent=False,
            layout=widgets.Layout(
                width="auto", margin="0 1em", display=None if session.carried_from else "none"
            ),
        )
        self.confirm = widgets.Button(
            description=t("form.confirm"),
            icon="check",
            tooltip=t("form.confirm_tip"),
            layout=widgets.Layout(width="auto", display="none"),
        )
        self.confirm.on_click(lambda _b: self._run(self._on_confirm))
        self.only_favourites = widgets.Checkbox(
            description=t("form.only_favourites"),
            indent=False,
            layout=widgets.Layout(width="auto", margin="0 1em"),
        )
        # A few hundred customers: the room's list, or one account manager's portfolio.
        self.only_room = widgets.Checkbox(
            value=bool(self._room) and (room if room is not None else manager is None),
            description=t("form.only_room", count=format_number(len(self._room), self.lang)),
            indent=False,
            layout=widgets.Layout(
                width="auto", margin="0 1em", display=None if self._room else "none"
            ),
        )
        self.portfolio = widgets.Dropdown(
            options=[(t("form.all_managers"), _ALL)] + [(name, name) for name in names],
            value=chosen or _ALL,
            description=t("form.portfolio"),
            layout=widgets.Layout(width="16em", display=None if names else "none"),
        )
        self.move_on = widgets.Checkbox(
            value=session.form_moves_on,
            description=t("form.move_on"),
            indent=False,
            layout=widgets.Layout(width="auto", margin="0 1em"),
        )
        self.progress = widgets.HTML()
        self.card = widgets.HTML()
        self.verdict = widgets.HTML()
        self.hints: dict[str, widgets.HTML] = {}
        self.accepts: dict[str, widgets.Button] = {}
        self._suggested = _by_position(session_suggestions(session, customers), customers)
        self.buttons = answer_buttons(
            self.lang, "form.answer_tip", lambda q, a: self._run(lambda: self._on_answer(q, a))
        )
        rows = []
        label_width = "50em" if wide else "34em"
        for question, row in self.buttons.items():
            label = widgets.HTML(
                f"<div style='line-height: 1.35; margin-bottom: 0.4em'>"
                f"<b>{html.escape(t(f'question.{question}'))}</b><br>"
                f"<span style='color: #555'>{html.escape(t(f'question.{question}.text'))}</span>"
                "</div>",
                # wide (a whole screen, as in the workshop app): each question on one line
                layout=widgets.Layout(width=label_width, min_width=label_width),
            )
            extra: list[widgets.Widget] = []
            if question in SUGGESTED_QUESTIONS:
                hint = widgets.HTML(layout=widgets.Layout(margin="0 0 0 1em"))
                accept = widgets.Button(
                    description=t("suggest.accept"),
                    icon="check",
                    layout=widgets.Layout(width="auto", flex="0 0 auto", display="none"),
                )
                accept.on_click(self._accept_handler(question))
                self.hints[question], self.accepts[question] = hint, accept
                extra = [accept, hint]
            rows.append(widgets.HBox([label, *row.values(), *extra]))
        self.favourite = widgets.ToggleButton(
            description=t("form.favourite"),
            tooltip=t("form.favourite_tip"),
            icon="star-o",
            layout=widgets.Layout(width="11em"),
        )
        self.time = widgets.Text(
            description=t("form.time"),
            placeholder=t("form.time_placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="36em"),
        )
        self.note = widgets.Textarea(
            placeholder=t("form.note_placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="100%", height="3.2em" if wide else "4.5em"),
        )
        self.accept_all: dict[str, widgets.Button] = {}
        for question in SUGGESTED_QUESTIONS:
            count = len(self._suggested[question].at)
            if count:
                button = widgets.Button(
                    description=t(
                        "suggest.accept_all",
                        question=t(f"question.{question}"),
                        count=format_number(count, self.lang),
                    ),
                    icon="check-square-o",
                    layout=widgets.Layout(width="auto"),
                )
                button.on_click(self._accept_all_handler(question))
                self.accept_all[question] = button
        self.status = widgets.HTML()

        self.who.observe(self._guard(self._on_who), names="value")
        self.search.observe(self._guard(self._on_search), names="value")
        for control in (
            self.band,
            self.only_unanswered,
            self.only_favourites,
            self.only_to_confirm,
            self.only_room,
            self.portfolio,
        ):
            control.observe(self._guard(self._on_filter), names="value")
        self.move_on.observe(self._guard(self._on_move_on), names="value")
        self.favourite.observe(self._guard(self._on_favourite), names="value")
        self.time.observe(self._guard(self._on_time), names="value")
        self.note.observe(self._guard(self._on_note), names="value")

        super().__init__(
            [
                widgets.HBox([self.who, self.progress]),
                widgets.HBox([self.previous, self.next, self.next_open, self.undo, self.move_on]),
                widgets.HBox(
                    [
                        self.search,
                        self.band,
                        self.portfolio,
                        self.only_room,
                        self.only_unanswered,
                        self.only_favourites,
                        self.only_to_confirm,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.card,
                widgets.HBox([self.confirm]),
                *rows,
                self.verdict,
                widgets.HBox(list(self.accept_all.values())),
                widgets.HBox([self.favourite, self.time]),
                self.note,
                self.status,
            ]
        )
        # the account manager answers under their own name; after a restart: no retyping
        participant = participant or chosen or session.last_participant
        if participant is not None:
            self.who.value = participant  # loads the participant's answers
        else:
            self._refresh()

    # ---- what the notebook and the tests use

    def show(self, customer_id: str) -> None:
        """Show the customer with this id (filters are cleared when it does not pass them)."""
        position = self._sheet().position[str(customer_id)]
        if not self._passes_filters(position):
            self._loading = True
            try:
                self.search.value = ""
                self.band.value = self.portfolio.value = _ALL
                self.only_unanswered.value = self.only_favourites.value = False
                self.only_room.value = False
            finally:
                self._loading = False
            self._shown = self._sheet().matching(SheetFilter())
        self.position = position
        self._refresh()

    def segmentation(self) -> Segmentation:
        """The method run on the participant's answers so far, with the form's thresholds and
        the session's grid: what the matrix shows for them now."""
        return segment_session(self.session, self._participant(), thresholds=self.thresholds)

    def overview(self) -> widgets.VBox:
        """An area with an update button: how the customers are spread over the segments with
        the participant's answers so far, and how many still have open questions. Drawn now
        and on every click of the button, not on every answer (it runs the whole method)."""
        from klantlib.reports.present import open_line, summary_table

        area = widgets.Output()
        update = widgets.Button(
            description=self._t("form.update"), icon="refresh", layout=widgets.Layout(width="auto")
        )

        def draw() -> None:
            area.outputs = ()
            if self.participant is None:
                area.append_stdout(self._t("form.choose_who") + "\n")
                return
            result = self.segmentation()
            area.append_stdout(open_line(result, self.lang) + "\n")
            area.append_display_data(summary_table(result, self.lang))

        update.on_click(lambda _b: self._run(draw))
        self._overviews.append(draw)  # drawn again when someone else takes the form
        self._run(draw)
        return widgets.VBox([update, area])

    def read_room(self) -> None:
        """Read the room's list from the session again (the facilitator changed it beside the
        form): the form then works on the new list."""
        self._read_room()
        if self.sheet is not None:
            self.sheet.set_room(self._room)
            self._on_filter({})

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every change the form stores (an answer, note, favourite,
        time, confirmation, undo or accepted suggestions): what shows results of the answers
        can say it is out of date."""
        self._on_stored.append(callback)

    def _stored(self) -> None:
        for callback in list(self._on_stored):
            callback()

    @property
    def customer_id(self) -> str | None:
        return None if self.sheet is None else str(self.sheet.ids[self.position])

    # ---- handlers

    def _on_who(self, change: dict) -> None:
        name = str(change["new"] or "").strip()
        if not name:
            return
        self.participant = check_participant(name)
        current = self.session.current(self.participant)
        self.sheet = AnswerSheet(
            self._customers,
            current,
            thresholds=self.thresholds,
            grid=self.session.grid,
            weights=self.session.weights,
        )
        self.sheet.mark(
            to_confirm=self.session.to_confirm(self.participant),
            new=set(self.session.new_customers()),
        )
        self._read_room()
        self.sheet.set_room(self._room)
        self._shown = self.sheet.matching(self._filter())
        first_open = self.sheet.next_unanswered(-1, self._shown)
        self.position = first_open if first_open is not None else int(self._first_shown())
        last = self.session.form_customer(self.participant)  # where this person was: again
        if last is not None and last in self.sheet.position:  # and it passes the filters
            at = self.sheet.position[last]
            if self._passes_filters(at):
                self.position = at
        self._remembered = last
        self.session.set_last_participant(self.participant)
        self._say(self._t("form.hello", name=self.participant))
        self._refresh()
        for draw in self._overviews:
            draw()

    def _on_answer(self, question: str, answer: str) -> None:
        active = self._sheet().value(self.position, question) == answer
        self._save(question, None if active else answer, move_on=self.move_on.value)

    def _move_on(self) -> str:
        """The customer shown just got its fourth answer: on to the next one still open (the
        filters apply); Undo takes the last answer back and shows this customer again. What
        to say."""
        sheet = self._sheet()
        target = sheet.next_unanswered(self.position, self._shown)
        if target is None:
            return self._t("form.all_answered")
        name = str(sheet.customers["name"].iloc[self.position])
        self.position = target
        return self._t("form.moved_on", name=name, at=_clock())

    def _on_move_on(self, change: dict) -> None:
        self.session.set_form_moves_on(bool(change["new"]))

    def _accept_handler(self, question: str) -> Callable[[widgets.Button], None]:
        def click(_button: widgets.Button) -> None:
            self._run(lambda: self._on_accept(question))

        return click

    def _on_accept(self, question: str) -> None:
        found = self._suggested[question].get(self.position)
        if found is not None:
            self._save(question, found[0])

    def _accept_all_handler(self, question: str) -> Callable[[widgets.Button], None]:
        def click(_button: widgets.Button) -> None:
            self._run(lambda: self._on_accept_all(question))

        return click

    def _open_suggestions(self, question: str) -> np.ndarray:
        """Which of ``question``'s suggestions (indexes into its :class:`_Suggested`) fall on
        an answer the participant has not given yet, for a customer the filters show (all of
        them while nobody is chosen)."""
        at = self._suggested[question].at
        if self.sheet is None:
            return np.arange(len(at))
        answers = self.sheet.values[question][at]
        # numpy's stubs refuse None as an operand; an object array compares with it per element
        empty = np.equal(answers, None)  # type: ignore[call-overload]
        # only the customers the filters show: the room's list, a portfolio, a band
        shown = np.zeros(len(self.sheet), dtype=bool)
        shown[self._shown] = True
        return np.flatnonzero(empty & shown[at])

    def _count_accept_all(self) -> None:
        """Each "accept all" button says how many empty answers it fills; hidden at none."""
        for question, button in self.accept_all.items():
            count = len(self._open_suggestions(question))
            button.description = self._t(
                "suggest.accept_all",
                question=self._t(f"question.{question}"),
                count=format_number(count, self.lang),
            )
            button.layout.display = None if count else "none"

    def _on_accept_all(self, question: str) -> None:
        """Every suggestion for ``question`` where the participant has no answer yet, for the
        customers the filters show (the room's list, a portfolio, a band), in one transaction;
        answers already given are never overwritten."""
        sheet = self._sheet()
        suggested = self._suggested[question]
        picked = self._open_suggestions(question)
        positions, answers = suggested.at[picked], suggested.answers[picked]
        changes = [
            (str(sheet.ids[at]), question, str(answer))
            for at, answer in zip(positions, answers, strict=True)
        ]
        stored = self.session.record_many(self._participant(), changes)
        for at, (_, _, answer) in zip(positions, changes, strict=True):
            sheet.set(int(at), question, answer)
        label = self._t(f"question.{question}")
        count = format_number(stored, self.lang)
        self._say(self._t("suggest.accepted_all", count=count, question=label))
        self._refresh()
        self._stored()

    def _hint(self, question: str, found: tuple[str, float, float]) -> str:
        answer, value, limit = found
        t = self._t
        if question == "margin":
            shown_value, shown_limit = (format_money(v, self.lang) for v in (value, limit))
        else:
            shown_value = format_number(value, self.lang)
            shown_limit = format_number(limit, self.lang)
        sentence = t(
            f"suggest.{question}",
            answer=t(f"form.answer.{answer}"),
            value=shown_value,
            limit=shown_limit,
        )
        return f"<i style='color: #555'>{html.escape(sentence)}</i>"

    def _on_confirm(self) -> None:
        """The carried answers of the customer shown are right as they are."""
        sheet = self._sheet()
        self.session.confirm(self._participant(), str(self.customer_id))
        sheet.to_confirm[self.position] = False
        self._say(self._t("form.confirmed", at=_clock()))
        self._refresh()
        self._stored()

    def _on_favourite(self, change: dict) -> None:
        self._save("favourite", "yes" if change["new"] else None)

    def _on_time(self, change: dict) -> None:
        typed = str(change["new"]).strip()
        if not typed:
            self._save("time", None)
            return
        word = TIME_WORDS_READ.get(typed.casefold())
        if word is None and not re.fullmatch(r"\d+(?:[.,]\d+)?", typed):
            self._say(self._t("form.bad_time", value=typed), error=True)
            self._refresh()  # the box shows what is stored again, not what was refused
            return
        self._save("time", word or typed)

    def _on_note(self, change: dict) -> None:
        self._save("note", str(change["new"]))

    def _on_previous(self, _button: widgets.Button) -> None:
        self._step(-1)

    def _on_next(self, _button: widgets.Button) -> None:
        self._step(+1)

    def _on_next_open(self, _button: widgets.Button) -> None:
        sheet = self._sheet()
        target = sheet.next_unanswered(self.position, self._shown)
        if target is None:
            self._say(self._t("form.all_answered"))
        else:
            self.position = target
        self._refresh()

    def _on_undo(self, _button: widgets.Button) -> None:
        sheet = self._sheet()
        change = self.session.undo(self._participant())
        if change is None:
            self._say(self._t("form.nothing_to_undo"))
            return
        position = sheet.position[change.customer_id]
        sheet.set(position, change.field, change.value)
        self.show(change.customer_id)
        self._say(self._t("form.undone", field=self._field_label(change.field), at=_clock()))
        self._stored()

    def _on_search(self, _change: dict) -> None:
        self._on_filter(_change)

    def _on_filter(self, change: dict) -> None:
        sheet = self._sheet()
        # a portfolio is all of that account manager's customers, the room's list the room's:
        # choosing one lets go of the other
        self._loading = True
        try:
            if change.get("owner") is self.portfolio and change.get("new") != _ALL:
                self.only_room.value = False
            elif change.get("owner") is self.only_room and change.get("new") is True:
                self.portfolio.value = _ALL
        finally:
            self._loading = False
        self._shown = sheet.matching(self._filter())
        ticked = change.get("owner") is self.portfolio or (
            change.get("new") is True
            and change.get("owner")
            in (self.only_to_confirm, self.only_unanswered, self.only_favourites, self.only_room)
        )
        if not self._shown.size:
            self._say(self._t("form.none_match"))
        elif ticked:  # a list to walk through: from its first customer
            self.position = int(self._shown[0])
        elif not self._passes_filters(self.position):
            later = self._shown[self._shown > self.position]
            self.position = int(later[0]) if later.size else int(self._shown[0])
        self._refresh()

    # ---- saving and showing

    def _save(self, field: str, value: str | None, *, move_on: bool = False) -> None:
        """Store first; show it as saved only when the store has it. With ``move_on``, a
        customer whose fourth answer this is gives way to the next open one."""
        sheet = self._sheet()
        customer_id = self.customer_id
        assert customer_id is not None  # there is a sheet, so a customer shown
        done_before = sheet.is_answered(self.position)
        change = self.session.record(self._participant(), customer_id, field, value)
        sheet.set(self.position, field, change.value)
        sheet.to_confirm[self.position] = False  # a change confirms the customer
        if move_on and not done_before and sheet.is_answered(self.position):
            self._say(self._move_on())
        else:
            self._say(self._t("form.saved", field=self._field_label(field), at=_clock()))
        self._refresh()
        self._stored()

    def _step(self, direction: int) -> None:
        if not self._shown.size:
            return
        at = int(np.searchsorted(self._shown, self.position))
        if at < len(self._shown) and self._shown[at] == self.position:
            at += direction
        elif direction < 0:
            at -= 1
        self.position = int(self._shown[min(max(at, 0), len(self._shown) - 1)])
        self._refresh()

    def _passes_filters(self, position: int) -> bool:
        """Whether the customer at ``position`` is among those the filters show."""
        return bool((self._shown == position).any())

    def _remember(self, customer_id: str) -> None:
        """Keep the customer shown in the session (once per customer, not per click): the form
        opens there again after a reload or a restart."""
        if customer_id != self._remembered and self.participant is not None:
            self.session.set_form_customer(self.participant, customer_id)
            self._remembered = customer_id

    def _refresh(self) -> None:
        """Set every widget from the sheet (the stored values), without saving anything."""
        t = self._t
        sheet = self.sheet
        ready = sheet is not None and len(sheet) > 0 and self._shown.size > 0
        for control in self._answer_controls():
            control.disabled = not ready
        for control in (self.previous, self.next, self.next_open, self.undo):
            control.disabled = sheet is None
        if sheet is None:
            self.card.value = _box(html.escape(t("form.choose_who")))
            self.progress.value = self.verdict.value = ""
            return
        self.progress.value = (
            "<span style='margin-left: 1em'>"
            + html.escape(self._progress_text(sheet))
            + html.escape(self._confirm_left(sheet))
            + "</span><br><span style='margin-left: 1em; color: #555'>"
            + html.escape(self._bands_line)
            + "</span>"
        )
        if not ready:
            self.card.value = _box(html.escape(t("form.none_match")))
            self.verdict.value = ""
            return
        position = self.position
        self._remember(str(sheet.ids[position]))
        self._loading = True
        try:
            for question, row in self.buttons.items():
                paint(row, sheet.value(position, question))
            favourite = sheet.value(position, "favourite") == "yes"
            self.favourite.value = favourite
            self.favourite.icon = "star" if favourite else "star-o"
            self.time.value = self._time_text(sheet.value(position, "time"))
            self.note.value = sheet.value(position, "note") or ""
        finally:
            self._loading = False
        notes = []
        if self.session.answer_for_potential:
            notes.append(
                f"<span style='color: #6a1b9a'>{html.escape(t('form.potential_note'))}</span>"
            )
        flags = []
        if sheet.to_confirm[position]:
            flags.append(t("form.flag_to_confirm", previous=self.session.carried_from or ""))
        if sheet.new[position]:
            flags.append(t("form.flag_new"))
        if flags:
            notes.append(
                "<span style='color: #6a1b9a; font-weight: bold'>"
                + html.escape(" · ".join(flags))
                + "</span>"
            )
        self.card.value = self._card(position, notes)
        self._count_accept_all()
        self.confirm.layout.display = None if sheet.to_confirm[position] else "none"
        for question, hint in self.hints.items():
            found = self._suggested[question].get(position)
            self.accepts[question].layout.display = None if found else "none"
            hint.value = self._hint(question, found) if found else ""
        self.verdict.value = self._verdict(position)

    def _read_room(self) -> None:
        """The room's list as stored now (the facilitator may have set it since the form was
        made): with one and no portfolio chosen, the form works on it."""
        room = self.session.room_ids(self._customers)
        if room == self._room:
            return
        self._room = room
        self._loading = True
        try:
            count = format_number(len(room), self.lang)
            self.only_room.description = self._t("form.only_room", count=count)
            self.only_room.layout.display = None if room else "none"
            self.only_room.value = bool(room) and self.portfolio.value == _ALL
        finally:
            self._loading = False

    def _progress_text(self, sheet: AnswerSheet) -> str:
        """How far the participant is: over the portfolio or the room's list when one is
        chosen (then how many customers are left for the account managers), else over all."""
        filtered = self._filter()
        among = None
        prefix = suffix = ""
        if filtered.manager is not None:
            among = sheet.portfolio(filtered.manager)
            prefix = self._t("form.progress_portfolio", manager=filtered.manager)
        elif filtered.room:
            among = np.flatnonzero(sheet.in_room)
            prefix = self._t("form.progress_room")
            others = len(sheet) - len(among)
            suffix = " · " + self._t("form.for_managers", count=format_number(others, self.lang))
        progress = sheet.progress(among)
        sentence = self._t(
            "form.progress",
            answered=format_number(progress.answered, self.lang),
            total=format_number(progress.total, self.lang),
            open=format_number(progress.open, self.lang),
        )
        return prefix + sentence + suffix

    def _confirm_left(self, sheet: AnswerSheet) -> str:
        """`` · nog 12 te bevestigen`` while carried answers wait for a confirmation."""
        left = int(sheet.to_confirm.sum())
        if not left:
            return ""
        return " · " + self._t("form.to_confirm_left", count=format_number(left, self.lang))

    def _card(self, position: int, notes: list[str]) -> str:
        """The customer's card: name, id, revenue, band, place in the list, the known facts,
        then ``notes`` (HTML lines: flags, the potential-revenue reminder)."""
        t = self._t
        sheet = self._sheet()
        facts = sheet.facts(position)
        shown_at = int(np.searchsorted(self._shown, position)) + 1
        lines = [
            f"<span style='font-size: 1.5em; font-weight: bold'>"
            f"{html.escape(str(facts['name']))}</span>",
            html.escape(
                t(
                    "form.card_line",
                    id=facts["customer_id"],
                    revenue=format_money(float(facts["revenue"]), self.lang),
                    band=t(f"band.{sheet.bands[position]}"),
                    number=format_number(shown_at, self.lang),
                    count=format_number(len(self._shown), self.lang),
                )
            ),
        ]
        known = []
        for fact in _FACTS:
            value = facts.get(fact)
            if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
                continue
            if fact in _MONEY:
                shown = format_money(float(value), self.lang)
            elif fact == "days_to_pay":
                shown = t("form.days", days=format_number(float(value), self.lang))
            elif isinstance(value, float):
                shown = format_number(value, self.lang, decimals=0 if value.is_integer() else 1)
            else:
                shown = str(value)
            known.append(f"{t(f'field.{fact}')}: {shown}")
        if known:
            lines.append("<span style='color: #555'>" + html.escape(" · ".join(known)) + "</span>")
        return _box("<br>".join([*lines, *notes]))

    def _verdict(self, position: int) -> str:
        sheet = self._sheet()
        missing = sheet.missing(position)
        key = "form.verdict" if missing == 0 else "form.verdict_open"
        sentence = self._t(
            key,
            score=sheet.score(position),
            most=sheet.max_score,
            segment=sheet.segment(position),
            missing=missing,
        )
        return f"<div style='font-size: 1.2em; margin: 0.3em 0'>{html.escape(sentence)}</div>"

    # ---- small things

    def _button(self, label: str, icon: str, handler: Callable) -> widgets.Button:
        button = widgets.Button(description=label, icon=icon, layout=widgets.Layout(width="auto"))
        button.on_click(lambda b: self._run(lambda: handler(b)))
        return button

    def _show_error(self, message: str) -> None:
        self._say(message, error=True)

    def _sheet(self) -> AnswerSheet:
        if self.sheet is None:
            raise KlantlibError("form.choose_who")
        return self.sheet

    def _participant(self) -> str:
        if self.participant is None:
            raise KlantlibError("form.choose_who")
        return self.participant

    def _filter(self) -> SheetFilter:
        return SheetFilter(
            band=None if self.band.value == _ALL else self.band.value,
            unanswered=self.only_unanswered.value,
            favourites=self.only_favourites.value,
            search=self.search.value,
            to_confirm=self.only_to_confirm.value,
            room=self.only_room.value,
            manager=None if self.portfolio.value == _ALL else self.portfolio.value,
        )

    def _first_shown(self) -> int:
        return int(self._shown[0]) if self._shown.size else 0

    def _answer_controls(self) -> list[widgets.Widget]:
        controls: list[widgets.Widget] = [self.favourite, self.time, self.note]
        controls += [*self.accepts.values(), *self.accept_all.values()]
        for row in self.buttons.values():
            controls.extend(row.values())
        return controls

    def _field_label(self, field: str) -> str:
        return self._t(f"question.{field}" if field in QUESTIONS else f"form.field.{field}")

    def _time_text(self, stored: str | None) -> str:
        if stored is None:
            return ""
        if stored in TIME_WORDS:
            return self._t(f"form.time.{stored}")
        hours = f"{float(stored):g}"  # no thousands separator: it must read back as typed
        return hours.replace(".", ",") if self.lang == "nl" else hours


@dataclass(frozen=True)
class _Suggested:
    """One question's suggestions by position in the customer list, sorted by position:
    the suggested answer, the value it comes from and the limit it was held against."""

    at: np.ndarray
    answers: np.ndarray
    values: np.ndarray
    limits: np.ndarray

    def get(self, position: int) -> tuple[str, float, float] | None:
        """(answer, value, limit) for the customer at ``position``; ``None`` without one."""
        i = int(np.searchsorted(self.at, position))
        if i == len(self.at) or self.at[i] != position:
            return None
        return str(self.answers[i]), float(self.values[i]), float(self.limits[i])


def _by_position(suggestions: pd.DataFrame, customers: pd.DataFrame) -> dict[str, _Suggested]:
    """Per suggested question, the suggestions of :func:`suggest_answers` by the customers'
    positions (arrays, not a row per customer: 50,000 customers stay quick)."""
    found = {}
    ids = pd.Index(customers["customer_id"].astype(str))
    for question in SUGGESTED_QUESTIONS:
        part = suggestions[suggestions["question"].astype(str) == question]
        at = ids.get_indexer(part["customer_id"].astype(str))
        part, at = part[at >= 0], at[at >= 0]  # only the list's customers
        order = np.argsort(at, kind="stable")
        found[question] = _Suggested(
            at[order].astype(np.int64),
            part["answer"].astype(str).to_numpy(dtype=object)[order],
            part["value"].astype(float).to_numpy()[order],
            part["limit"].astype(float).to_numpy()[order],
        )
    return found


def _box(inner: str) -> str:
    return (
        "<div style='border: 1px solid #ccc; border-radius: 6px; padding: 0.6em 0.9em;"
        f" line-height: 1.5; background: #fafafa'>{inner}</div>"
    )


def _clock() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")
