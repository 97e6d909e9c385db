"""Who moved this quarter, always from the answers as they are now (edge).

:class:`QuarterView` shows what notebook 06 is about — the from → to grid, the moves chart,
each customer that changed segment and why, the history over the quarters — and writes the
quarter's files (the moves, the history, this quarter's report). It computes all of it from the
session when it is made and again at each click on **Bijwerken**. As soon as the answer form
stores a change (an answer, a confirmation), it says in plain words that what it shows is out
of date, until the team updates: a stale table is never shown as current.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from klantlib.i18n import check_language, get_language
from klantlib.widgets.widget_errors import ShownErrors

if TYPE_CHECKING:
    from klantlib.reports.quarter import QuarterMoves
    from klantlib.store.session import Session
    from klantlib.widgets.answer_form import AnswerForm

__all__ = ["QuarterView"]

logger = logging.getLogger(__name__)

_OK, _STALE = "#1b5e20", "#b26a00"


class QuarterView(ShownErrors, widgets.VBox):
    """The quarter's moves and files for ``session`` (made from last quarter's session).

    Children, as attributes: ``update`` (the button), ``status`` (computed when, or out of
    date), ``grid``, ``chart``, ``moves`` and ``history`` (areas), ``files`` (what was written
    where). ``moved`` holds the last :class:`QuarterMoves`, ``written`` the
    files. With ``form``, every change the form stores marks the view out of date.
    """

    _what = "Showing the quarter's moves failed"
    _logger = logger

    def __init__(
        self,
        session: Session,
        *,
        form: AnswerForm | None = None,
        folder: str | Path | None = None,
        lang: str | None = None,
    ) -> None:
        self.session = session
        self.lang = check_language(lang) if lang is not None else get_language()
        self.folder = Path(folder) if folder else None
        self.moved: QuarterMoves | None = None
        self.written: dict[str, Path] = {}
        self.computed_at: dt.datetime | None = None
        self.stale = False
        t = self._t
        self.update = widgets.Button(
            description=t("quarter.update"),
            icon="refresh",
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML()
        self.grid, self.chart = widgets.Output(), widgets.Output()
        self.moves, self.history = widgets.Output(), widgets.Output()
        self.files = widgets.HTML()

        def heading(key: str) -> widgets.HTML:
            return widgets.HTML(f"<h3 style='margin: 0.8em 0 0.2em'>{html.escape(t(key))}</h3>")

        super().__init__(
            [
                widgets.HBox([self.update, self.status]),
                heading("quarter.grid"),
                self.grid,
                self.chart,
                heading("quarter.moves"),
                self.moves,
                heading("quarter.history"),
                self.history,
                heading("quarter.files"),
                self.files,
            ]
        )
        self.update.on_click(lambda _b: self._run(self.refresh))
        if form is not None:
            form.on_change(self.mark_stale)
        self._run(self.refresh)

    def refresh(self) -> None:
        """Compute the moves and the history from the session as it is, show them and write
        the files."""
        from IPython.display import Image

        from klantlib.reports.present import history_view, moves_table, written_line
        from klantlib.reports.quarter import (
            quarter_segments,
            transition_table,
            what_moved,
            write_quarter_files,
        )
        from klantlib.reports.report import write_session_report

        lang = self.lang
        quarters = quarter_segments(self.session)
        moved = what_moved(quarters, lang=lang)
        for area in (self.grid, self.chart, self.moves, self.history):
            area.outputs = ()
        written = write_quarter_files(moved, self.folder, lang=lang)
        written |= write_session_report(self.session, self.folder, lang=lang)
        self.grid.append_display_data(transition_table(moved.transitions, lang=lang))
        # the chart as written to moves.png: drawn once, for the screen and the file alike
        self.chart.append_display_data(Image(data=written["moves.png"].read_bytes(), format="png"))
        self.moves.append_display_data(moves_table(moved.moves, lang))
        self.history.append_display_data(history_view(moved.history, lang, changed_only=True))
        self.moved, self.written = moved, written
        self.computed_at, self.stale = dt.datetime.now().astimezone(), False
        at = self.computed_at.strftime("%H:%M:%S")
        self.files.value = "<br>".join(
            html.escape(line) for line in written_line(written, lang).splitlines()
        )
        self._state(self._t("quarter.computed", at=at), _OK)

    def mark_stale(self) -> None:
        """Say that answers changed after the last computation (the form calls this)."""
        self.stale = True
        at = dt.datetime.now().astimezone().strftime("%H:%M:%S")
        self._state(self._t("quarter.stale", at=at), _STALE)

    def _state(self, message: str, colour: str) -> None:
        self.status.value = (
            f"<b style='color: {colour}; line-height: 2.2'>{html.escape(message)}</b>"
        )

    def _show_error(self, message: str) -> None:
        self._state(message, "#b00020")
