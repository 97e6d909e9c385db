"""The grid editor: which segment each band × score cell gets, chosen by the team (edge).

:class:`GridEditor` shows the grid as the matrix reads it — large on top, scores left to right —
with an A / B / C choice in every cell, the core's warnings (a large customer in C, a step that
lowers the segment) said live as the team changes cells, and **Bewaren** storing the grid in
the session. **Standaard** puts the article's grid back. Core ipywidgets only.
"""

from __future__ import annotations

import html
import logging

import ipywidgets as widgets

from klantlib.core.bands import BANDS
from klantlib.core.segments import SEGMENTS, SegmentGrid
from klantlib.i18n import check_language, get_language
from klantlib.store.session import Session
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["GridEditor"]

logger = logging.getLogger(__name__)


class GridEditor(ShownErrors, widgets.VBox):
    """Edit the session's segment grid. ``cells[band][score]`` are the choices; ``grid`` is
    the grid shown (checked by :class:`SegmentGrid`); ``store``, ``reset``, ``warnings`` and
    ``status`` as the names say. ``compact``: narrower cells, for beside the matrix chart."""

    _what = "The grid editor failed"
    _logger = logger

    def __init__(self, session: Session, *, lang: str | None = None, compact: bool = False) -> None:
        self.session = session
        label_width, cell_width, button_width = (
            ("5.5em", "7em", "2em") if compact else ("8em", "9.5em", "2.6em")
        )
        self.lang = check_language(lang) if lang is not None else get_language()
        t = self._t
        stored = session.grid
        self.max_score = stored.max_score
        self.cells: dict[str, list[widgets.ToggleButtons]] = {}
        self._resetting = False
        rows = []
        header = [widgets.HTML("", layout=widgets.Layout(width=label_width))] + [
            widgets.HTML(
                f"<b>{html.escape(t('grid.score', score=s))}</b>",
                layout=widgets.Layout(width=cell_width),
            )
            for s in stored.scores
        ]
        rows.append(widgets.HBox(header))
        for band in reversed(BANDS):  # large on top, as in the matrix
            choices = []
            for score in stored.scores:
                choice = widgets.ToggleButtons(
                    options=list(SEGMENTS),
                    value=stored.cells[band][score],
                    style={"button_width": button_width},
                    layout=widgets.Layout(width=cell_width),
                )
                choice.observe(self._on_choice, names="value")
                choices.append(choice)
            self.cells[band] = choices
            label = widgets.HTML(
                f"<b>{html.escape(t(f'band.{band}'))}</b>", layout=widgets.Layout(width=label_width)
            )
            rows.append(widgets.HBox([label, *choices]))
        self.store = widgets.Button(
            description=t("grid.store"), icon="save", button_style="primary"
        )
        self.reset = widgets.Button(description=t("grid.reset"), icon="undo")
        self.store.on_click(lambda _b: self._run(self._on_store))
        self.reset.on_click(lambda _b: self._run(self._on_reset))
        self.warnings = widgets.HTML()
        self.status = widgets.HTML()
        super().__init__(
            [*rows, widgets.HBox([self.store, self.reset]), self.warnings, self.status]
        )
        self._changed()

    @property
    def grid(self) -> SegmentGrid:
        """The grid as the choices show it now."""
        cells = {band: "".join(choice.value for choice in self.cells[band]) for band in BANDS}
        return SegmentGrid(cells, self.max_score)

    # ---- handlers

    def _changed(self) -> None:
        grid = self.grid
        notices = grid.notices()
        stored = grid == self.session.grid
        lines = [html.escape(n.message(self.lang)) for n in notices]
        self.warnings.value = (
            "<div style='color: #8a4b00'>" + "<br>".join(f"⚠ {line}" for line in lines) + "</div>"
            if lines
            else ""
        )
        key = "grid.state_stored" if stored else "grid.state_changed"
        colour = "#1b5e20" if stored else "#8a4b00"
        self.status.value = f"<b style='color: {colour}'>{html.escape(self._t(key))}</b>"

    def _on_choice(self, _change: dict) -> None:
        if not self._resetting:  # a reset redraws once, after all its cells
            self._run(self._changed)

    def _on_store(self) -> None:
        self.session.set_grid(self.grid)
        self._changed()

    def _on_reset(self) -> None:
        default = SegmentGrid.default(self.max_score)
        self._resetting = True
        try:
            for band in BANDS:
                for score, choice in enumerate(self.cells[band]):
                    choice.value = default.cells[band][score]
        finally:
            self._resetting = False
        self._changed()

    # ---- small things
