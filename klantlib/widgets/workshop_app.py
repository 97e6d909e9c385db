"""The whole workshop on one page: a step bar over the kit's own views (edge).

:class:`WorkshopApp` walks a session as seven steps — the customers, the bands, the four
questions, deciding together, the matrix, the plan and the report — with the step bar always in
view and one "next step" button. A step is built when it opens, from the session as it is on
disk then, so nothing it shows is out of date; the step shown is kept in the session, and the
answer form keeps the customer it shows, so a reload or a restart opens where the team was.

Nothing is kept only here: every view stores its own changes in the session, as in the
notebooks. Core ipywidgets only.
"""

from __future__ import annotations

import asyncio
import html
import io
import logging
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from klantlib.errors import KlantlibError
from klantlib.i18n import check_language, get_language, text
from klantlib.store.customer_file import session_header, use_customers_file
from klantlib.store.session import Session
from klantlib.store.workspace import open_session
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["STEPS", "WorkshopApp"]

logger = logging.getLogger(__name__)

STEPS: tuple[str, ...] = (
    "customers",
    "bands",
    "questions",
    "together",
    "matrix",
    "plan",
    "report",
)
"""The workshop's steps, in order."""

APP_CLASS = "klantwaarde-app"

# Projector-friendly: larger type and stronger contrast for the app only (CSS, no script);
# every other widget on the page keeps JupyterLab's look.
_STYLE = f"""<style>
.{APP_CLASS} {{
  --jp-widgets-inline-height: 30px;
  --jp-ui-font-color1: #111;
  --jp-content-font-color1: #111;
  font-size: 14px;
  color: #111;
}}
.{APP_CLASS} .klantwaarde-steps .widget-toggle-button {{
  font-size: 15px;
  font-weight: 600;
  height: 40px;
  padding: 0 9px;  /* the seven steps and the next-step button on one row at 1440 px */
}}
.{APP_CLASS} .klantwaarde-steps .widget-toggle-button.mod-active {{
  background: #0b3d91;
  color: #fff;
}}
body[data-voila] .jp-MarkdownCell {{
  display: none;
}}
body[data-voila] .{APP_CLASS} {{
  zoom: 1.15;  /* the page without code is for the projector: larger type, same layout */
}}
.{APP_CLASS} .klantwaarde-grid .widget-toggle-button {{
  padding: 0;  /* one letter a button: A, B or C */
}}
.{APP_CLASS} .klantwaarde-step-bands img {{
  max-width: 100%;  /* the band chart: drawn wide enough for its names, shown half a page */
  height: auto;
}}
.{APP_CLASS} a {{
  color: #0b57d0;  /* the report's files: links that look like links */
  text-decoration: underline;
}}
.{APP_CLASS} .klantwaarde-next {{
  font-size: 15px;
  height: 40px;
}}
</style>"""

_CHART_DPI = 100


def _png(figure: object) -> bytes:
    """A matplotlib figure as PNG bytes (no pyplot: nothing global is touched)."""
    stream = io.BytesIO()
    figure.savefig(stream, format="png", dpi=_CHART_DPI)  # type: ignore[attr-defined]
    return stream.getvalue()


def _close_tree(widget: widgets.Widget) -> None:
    """Close ``widget`` and every widget inside it: a step left is gone from the kernel and
    the page, not kept behind the one shown."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=_CHART_DPI, layout="constrained")


class WorkshopApp(ShownErrors, widgets.VBox):
    """The workshop of session ``session`` as one page of steps.

    ``customers_file`` and ``year``: the file the session starts from, by
    :func:`klantlib.use_customers_file`'s rule (empty: the session's own file; a new session
    starts from the sample until the team chooses its own in the first step). ``report_folder``:
    where the report goes (default ``data/rapporten/<session>/``). ``file_link``: how a report
    file becomes a link on this page (default: as JupyterLab opens it).

    Attributes for tests: ``steps`` (the step bar), ``next_step`` (the button), ``view`` (the
    open step's view), ``session`` (the session the open step uses, ``None`` in the first step).
    """

    _what = "The workshop app failed"
    _logger = logger

    def __init__(
        self,
        session: str,
        *,
        lang: str | None = None,
        customers_file: str | Path | None = None,
        year: int | None = None,
        workspace: str | Path | None = None,
        report_folder: str | Path | None = None,
        file_link: Callable[[Path], str] | None = None,
    ) -> None:
        self.lang = check_language(lang) if lang is not None else get_language()
        self.workspace = workspace
        self.report_folder = report_folder
        self.file_link = file_link
        self.year = year
        opened = use_customers_file(session, customers_file, year=year, workspace=workspace)
        with opened.session as first:
            self.session_name = first.name
            start = first.workshop_step if first.workshop_step in STEPS else STEPS[0]
        self.session: Session | None = None
        self.view: widgets.Widget | None = None
        self._step: str = STEPS[0]  # the step shown
        t = self._t

        self.header = widgets.HTML()
        self.header.add_class("klantwaarde-header")
        self.anonymous = widgets.ToggleButton(
            description=t("app.anonymous"),
            tooltip=t("app.anonymous_tip"),
            icon="user-secret",
            layout=widgets.Layout(width="auto"),
        )
        self.steps = widgets.ToggleButtons(
            options=[
                (t("app.step_bar", number=i + 1, step=t(f"app.step.{s}")), s)
                for i, s in enumerate(STEPS)
            ],
            style={"button_width": "auto"},
        )
        self.steps.add_class("klantwaarde-steps")
        self.next_step = widgets.Button(
            button_style="primary",
            icon="arrow-right",
            layout=widgets.Layout(width="auto"),
        )
        self.next_step.add_class("klantwaarde-next")
        self.status = widgets.HTML()
        self.area = widgets.VBox(layout=widgets.Layout(margin="0.4em 0 0 0"))
        super().__init__(
            [
                widgets.HTML(_STYLE),
                widgets.HBox(
                    [self.header, self.anonymous],
                    layout=widgets.Layout(justify_content="space-between", align_items="center"),
                ),
                widgets.HBox(
                    [self.steps, self.next_step],
                    layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
                ),
                self.status,
                self.area,
            ]
        )
        self.add_class(APP_CLASS)
        self._redraw: Callable[[], None] | None = None  # the matrix step's chart, drawn again
        self._going_back = False  # the step bar set back after a step that could not open
        try:
            self._open(start)
        except KlantlibError as exc:  # the stored step cannot open now: the first one can
            self._open(STEPS[0])
            self._show_error(text("error.shown", self.lang, message=exc.message(self.lang)))
        self.steps.value = self._step
        self.steps.observe(self._on_step, "value")
        self.next_step.on_click(lambda _b: self._run(self._on_next))
        self.anonymous.observe(lambda _c: self._run(self._on_anonymous), "value")

    # ---- what tests and notebooks use

    @property
    def step(self) -> str:
        """The step shown (the step bar says so too, once a step opened)."""
        return self._step

    def go(self, step: str) -> None:
        """Show ``step`` (as a click on the step bar does)."""
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}; the steps are {', '.join(STEPS)}")
        self.steps.value = step

    def close_session(self) -> None:
        """Close the session the open step uses (the next step opens it again)."""
        if self.session is not None:
            self.session.close()
            self.session = None

    # ---- the steps

    def _on_next(self) -> None:
        at = STEPS.index(self.step)
        if at + 1 < len(STEPS):
            self.steps.value = STEPS[at + 1]

    def _on_anonymous(self) -> None:
        if self._step == "matrix" and self._redraw is not None:
            self._redraw()  # the chart only: grid choices not stored yet stay as they are

    def _on_step(self, change: dict) -> None:
        if self._going_back:
            return
        self._run(lambda: self._open(change["new"]))
        if self._step != change["new"]:  # it could not open: the bar says what is shown
            self._going_back = True
            try:
                self.steps.value = self._step
            finally:
                self._going_back = False

    def _open(self, step: str) -> None:
        """Build ``step``'s view from the session as it is now, then show it and remember the
        step. When the view cannot be built, the step shown stays as it was, working."""
        redraw = self._redraw
        session = open_session(self.session_name, workspace=self.workspace)
        try:
            view = getattr(self, f"_{step}_step")(session)
            session.set_workshop_step(step)
            self._show_header(session)
        except BaseException:
            session.close()
            self._redraw = redraw  # the matrix shown keeps its chart's redraw
            raise
        self.close_session()
        if step == "customers":
            session.close()  # the file picker may make the session anew: none held open
        else:
            self.session = session
        if step != "matrix":
            self._redraw = None
        self.status.value = ""
        at = STEPS.index(step)
        following = STEPS[at + 1] if at + 1 < len(STEPS) else None
        self.next_step.description = (
            self._t("app.next", step=self._t(f"app.step.{following}")) if following else ""
        )
        self.next_step.layout.visibility = "visible" if following else "hidden"
        left = self.area.children
        self.view = view
        self._step = step
        view.add_class(f"klantwaarde-step-{step}")  # which step the page shows
        self.area.children = (view,)
        for old in left:
            _close_tree(old)

    def _show_header(self, session: Session) -> None:
        line = session_header(session, self.lang)
        self.header.value = (
            f"<div style='font-size: 15px; line-height: 1.3'><b>{html.escape(self._t('app.title'))}"
            f"</b> · {html.escape(line)}</div>"
        )

    def _customers_step(self, session: Session) -> widgets.Widget:
        from klantlib.reports.plots import pareto_chart
        from klantlib.reports.present import pareto_line
        from klantlib.widgets.upload import CustomerFilePicker

        table = session.customers()
        picker = CustomerFilePicker(
            lang=self.lang, year=self.year, session=self.session_name, workspace=self.workspace
        )

        def chart(customers):  # sized for the page beside the file's report
            figure = _figure(8.4, 4.8)  # wide enough for the whole title; shown half a page
            pareto_chart(customers, lang=self.lang, ax=figure.add_subplot())
            return widgets.Image(
                value=_png(figure), format="png", layout=widgets.Layout(width="100%")
            )

        chart_area = widgets.Box()
        line = widgets.HTML(f"<b>{html.escape(pareto_line(table, self.lang))}</b>")

        def first_chart() -> None:  # unless a file was read meanwhile, or the step left
            if not chart_area.children and self._step == "customers":
                chart_area.children = (chart(table),)

        self._soon(first_chart)

        def loaded(read: CustomerFilePicker) -> None:
            assert read.table is not None
            chart_area.children = (chart(read.table),)
            line.value = f"<b>{html.escape(pareto_line(read.table, self.lang))}</b>"
            with open_session(self.session_name, workspace=self.workspace) as now:
                self._show_header(now)

        picker.on_loaded(lambda read: self._run(lambda: loaded(read)))
        self.picker = picker
        return widgets.HBox(
            [
                widgets.VBox([picker], layout=widgets.Layout(width="48%")),
                widgets.VBox(
                    [line, chart_area], layout=widgets.Layout(width="50%", margin="0 0 0 2%")
                ),
            ]
        )

    def _soon(self, action: Callable[[], None]) -> None:
        """``action`` once the kernel is free again: the step is on the page first, its chart
        follows (drawing it, matplotlib included, takes longer than all the rest). Where no
        event loop runs (plain Python), at once."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._run(action)
            return
        loop.call_soon(lambda: self._run(action))

    def _bands_step(self, session: Session) -> widgets.Widget:
        from klantlib.widgets.band_picker import BandPicker

        return BandPicker(session, lang=self.lang, chart_beside=True, chart_size=(8.4, 5.6))

    def _questions_step(self, session: Session) -> widgets.Widget:
        from klantlib.core.portfolios import ROOM_OFFERED_FROM
        from klantlib.widgets.answer_form import AnswerForm
        from klantlib.widgets.room_picker import RoomPicker

        form = AnswerForm(session, lang=self.lang, wide=True)
        if session.room is None and len(session.customer_ids()) < ROOM_OFFERED_FROM:
            return form
        # a few hundred customers: the room's list, folded above the form
        picker = RoomPicker(session, lang=self.lang)
        picker.on_change(form.read_room)
        fold = widgets.Accordion(children=[picker], selected_index=None)

        def title() -> None:  # the fold says what the list is, also while folded
            fold.set_title(0, picker.summary_text)

        title()
        picker.on_change(title)
        return widgets.VBox([fold, form])

    def _together_step(self, session: Session) -> widgets.Widget:
        from klantlib.widgets.consensus_view import ConsensusView

        return ConsensusView(session, lang=self.lang, wide=True)

    def _matrix_step(self, session: Session) -> widgets.Widget:
        from klantlib.reports.matrix import matrix_chart
        from klantlib.reports.present import answers_line, thresholds_line
        from klantlib.store.segmentation import segment_session
        from klantlib.widgets.grid_editor import GridEditor

        picture = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
        lines = widgets.HTML()

        def draw() -> None:
            result = segment_session(session)
            figure = _figure(10.0, 6.2)
            matrix_chart(
                result,
                lang=self.lang,
                ax=figure.add_subplot(),
                anonymous=self.anonymous.value,
                favourites=session.favourite_ids(),
                named=session.room_ids() or None,
            )
            picture.value = _png(figure)
            said = [answers_line(session, None, self.lang), thresholds_line(result, self.lang)]
            lines.value = "<br>".join(html.escape(line) for line in said)

        draw()
        self._redraw = draw
        editor = GridEditor(session, lang=self.lang, compact=True)
        editor.add_class("klantwaarde-grid")
        editor.store.on_click(lambda _b: self._run(draw))  # after the editor stored the grid
        return widgets.HBox(
            [
                widgets.VBox([picture], layout=widgets.Layout(width="54%")),
                widgets.VBox(
                    [lines, widgets.HTML(f"<b>{html.escape(self._t('app.grid'))}</b>"), editor],
                    layout=widgets.Layout(width="46%", margin="0 0 0 1em"),
                ),
            ]
        )

    def _plan_step(self, session: Session) -> widgets.Widget:
        from klantlib.store.segmentation import segment_session
        from klantlib.widgets.plan_editor import PlanEditor

        return PlanEditor(session, segment_session(session), lang=self.lang)

    def _report_step(self, session: Session) -> widgets.Widget:
        from klantlib.widgets.report_button import ReportButton

        return ReportButton(
            session, lang=self.lang, folder=self.report_folder, file_link=self.file_link
        )
