"""The room's list: which customers the room discusses together (edge).

:class:`RoomPicker` lets the facilitator choose, for a session of a few hundred customers, the
customers the room answers together: the largest N (20 by default), everyone's favourites, and
any customer found by a piece of its name or id. Every change is stored in the session at once
(:meth:`~klantlib.store.session.Session.set_room`); the answer form, the team view and the
progress then work on that list, and the other customers are for the account managers. Core
ipywidgets only.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np

from klantlib.core.portfolios import ROOM_LARGEST, RoomChoice, room_ids
from klantlib.i18n import check_language, format_money, format_number, get_language
from klantlib.store.session import Session
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["RoomPicker"]

logger = logging.getLogger(__name__)

FOUND_AT_MOST = 30
"""How many customers a search offers at once (a longer piece of the name finds fewer)."""


class RoomPicker(ShownErrors, widgets.VBox):
    """Choose the room's list of ``session``, stored at every change.

    Attributes for tests and notebooks: ``use`` (a list for the room, or every customer),
    ``largest``, ``favourites``, ``search``, ``found``, ``add``, ``picked``, ``remove``,
    ``summary`` (``summary_text`` as plain text) and ``status``; :attr:`ids` is the list as
    stored.
    """

    _what = "The room's list failed"
    _logger = logger

    def __init__(self, session: Session, *, lang: str | None = None) -> None:
        self.session = session
        self.lang = check_language(lang) if lang is not None else get_language()
        self._customers = session.customers()
        self._ids = self._customers["customer_id"].astype(str).to_numpy()
        self._position = {cid: i for i, cid in enumerate(self._ids)}  # id -> row, for labels
        self._names = self._customers["name"].astype(str).to_numpy()
        self._folded = self._customers["name"].astype(str).str.casefold().to_numpy(dtype=str)
        self._favourites = session.favourite_ids()
        choice = session.room
        self._picked: list[str] = list(choice.picked) if choice else []
        self._on_stored: list[Callable[[], None]] = []
        t = self._t
        self.use = widgets.Checkbox(
            value=choice is not None,
            description=t("room.use"),
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.largest = widgets.BoundedIntText(
            value=choice.largest if choice else min(ROOM_LARGEST, len(self._ids)),
            min=0,
            max=len(self._ids),
            description=t("room.largest"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="16em"),
        )
        self.favourites = widgets.Checkbox(
            value=choice.favourites if choice else True,
            description=t("room.favourites", count=format_number(len(self._favourites), self.lang)),
            indent=False,
            layout=widgets.Layout(width="auto", margin="0 1em"),
        )
        self.search = widgets.Text(
            placeholder=t("room.search_placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="16em"),
        )
        self.found = widgets.Dropdown(options=[], layout=widgets.Layout(width="26em"))
        self.add = widgets.Button(
            description=t("room.add"), icon="plus", layout=widgets.Layout(width="auto")
        )
        self.picked = widgets.SelectMultiple(
            options=[], rows=4, layout=widgets.Layout(width="30em")
        )
        self.remove = widgets.Button(
            description=t("room.remove"), icon="minus", layout=widgets.Layout(width="auto")
        )
        self.summary = widgets.HTML()
        self.summary_text = ""  # what the summary says, as plain text
        self.status = widgets.HTML()
        for control in (self.use, self.largest, self.favourites):
            control.observe(self._guard(lambda _c: self._store()), names="value")
        self.search.observe(self._guard(self._on_search), names="value")
        self.add.on_click(lambda _b: self._run(self._on_add))
        self.remove.on_click(lambda _b: self._run(self._on_remove))
        super().__init__(
            [
                widgets.HBox([self.use, self.largest, self.favourites]),
                widgets.HBox([self.search, self.found, self.add]),
                widgets.HBox([self.picked, self.remove]),
                self.summary,
                self.status,
            ]
        )
        self._show()

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every change stored (the form beside it reads the list)."""
        self._on_stored.append(callback)

    @property
    def ids(self) -> list[str]:
        """The customers on the room's list as stored (empty: no list, the room takes all)."""
        return self.session.room_ids()

    # ---- handlers

    def _on_search(self, change: dict) -> None:
        needle = str(change["new"]).strip().casefold()
        if not needle:
            self.found.options = []
            return
        hits = np.char.find(self._folded, needle) >= 0
        hits |= np.char.find(self._ids.astype(str), needle) >= 0
        positions = np.flatnonzero(hits)
        shown = positions[:FOUND_AT_MOST]
        self.found.options = [(self._label(int(i)), str(self._ids[i])) for i in shown]
        if not positions.size:
            self._say(self._t("room.nothing_found", text=str(change["new"]).strip()))
        elif positions.size > FOUND_AT_MOST:
            count = format_number(int(positions.size), self.lang)
            self._say(self._t("room.found_many", count=count, shown=FOUND_AT_MOST))
        else:
            self.status.value = ""

    def _on_add(self) -> None:
        chosen = self.found.value
        if chosen is None:
            self._say(self._t("room.search_first"), error=True)
            return
        if chosen not in self._picked:
            self._picked.append(str(chosen))
        self.use.value = True  # picking a customer is making a list (stored by the observer)
        self._store()

    def _on_remove(self) -> None:
        gone = set(self.picked.value)
        self._picked = [cid for cid in self._picked if cid not in gone]
        self._store()

    # ---- storing and showing

    def _store(self) -> None:
        """Store the choice as the widgets show it, then show what is stored."""
        if self.use.value:
            choice = RoomChoice(int(self.largest.value), self.favourites.value, tuple(self._picked))
            self.session.set_room(choice)
        else:
            self.session.set_room(None)
        self._show()
        self._say(self._t("room.stored", at=dt.datetime.now().strftime("%H:%M:%S")))
        for callback in list(self._on_stored):
            callback()

    def _show(self) -> None:
        t = self._t
        position = self._position
        self.picked.options = [(self._label(position[c]), c) for c in self._picked if c in position]
        for control in (self.largest, self.favourites, self.picked, self.remove):
            control.disabled = not self.use.value
        if not self.use.value:
            self.summary_text = t("room.none", total=format_number(len(self._ids), self.lang))
            self.summary.value = html.escape(self.summary_text)
            return
        choice = RoomChoice(int(self.largest.value), self.favourites.value, tuple(self._picked))
        listed = room_ids(self._customers, choice, self._favourites)
        largest = room_ids(self._customers, RoomChoice(choice.largest, False, ()))
        extra_favourites = set(self._favourites) - set(largest) if choice.favourites else set()
        by_hand = set(self._picked) - set(largest) - extra_favourites
        self.summary_text = t(
            "room.summary",
            count=format_number(len(listed), self.lang),
            largest=format_number(len(largest), self.lang),
            favourites=format_number(len(extra_favourites), self.lang),
            picked=format_number(len(by_hand), self.lang),
            others=format_number(len(self._ids) - len(listed), self.lang),
        )
        self.summary.value = "<b>" + html.escape(self.summary_text) + "</b>"

    def _label(self, position: int) -> str:
        revenue = format_money(float(self._customers["revenue"].iloc[position]), self.lang)
        return f"{self._names[position]} · {self._ids[position]} · {revenue}"
