"""The plan editor: how each segment is served, and the hours it takes, live (edge).

:class:`PlanEditor` shows per segment A, B, C: proactive or reactive, the channels, contacts a
year and the owner; under it the hours the plan needs next to the hours spent today (per
segment and per account manager) and the core's warnings, redrawn as the team changes the plan.
**Bewaren** stores the plan in the session; **Standaard** puts the article's plan back.
"""

from __future__ import annotations

import html
import logging

import ipywidgets as widgets
import pandas as pd

from klantlib.core.method import Segmentation
from klantlib.core.plan import (
    APPROACHES,
    CHANNELS,
    SegmentPlan,
    default_plan,
    plan_hours,
    plan_hours_by_manager,
    plan_notices,
)
from klantlib.core.segments import SEGMENTS
from klantlib.i18n import check_language, format_number, format_share, get_language
from klantlib.reports.present import table_view
from klantlib.store.session import Session
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["PlanEditor"]

logger = logging.getLogger(__name__)


class PlanEditor(ShownErrors, widgets.VBox):
    """Edit the session's plan for the customers of ``result`` (their segments).

    Per segment: ``approach[s]``, ``channels[s][channel]`` (checkboxes), ``contacts[s]``,
    ``owner[s]``; ``plan`` is the plan shown; ``hours`` the table of :func:`plan_hours`."""

    _what = "The plan editor failed"
    _logger = logger

    def __init__(self, session: Session, result: Segmentation, *, lang: str | None = None) -> None:
        self.session = session
        self.result = result
        self.lang = check_language(lang) if lang is not None else get_language()
        t = self._t
        self.approach: dict[str, widgets.ToggleButtons] = {}
        self.channels: dict[str, dict[str, widgets.Checkbox]] = {}
        self.contacts: dict[str, widgets.BoundedFloatText] = {}
        self.owner: dict[str, widgets.Text] = {}
        self._loading = False
        rows = []
        for segment in SEGMENTS:
            self.approach[segment] = widgets.ToggleButtons(
                options=[(t(f"plan.approach.{a}"), a) for a in APPROACHES],
                style={"button_width": "7em"},
            )
            self.channels[segment] = {
                c: widgets.Checkbox(
                    description=t(f"plan.channel.{c}"),
                    indent=False,
                    layout=widgets.Layout(width="auto", margin="0 0.8em 0 0"),
                )
                for c in CHANNELS
            }
            self.contacts[segment] = widgets.BoundedFloatText(
                min=0, max=365, step=1, description=t("plan.contacts"),
                layout=widgets.Layout(width="16em"), style={"description_width": "9em"},
            )  # fmt: skip
            self.owner[segment] = widgets.Text(
                description=t("plan.owner"), layout=widgets.Layout(width="18em")
            )
            for control in (
                self.approach[segment],
                self.contacts[segment],
                self.owner[segment],
                *self.channels[segment].values(),
            ):
                control.observe(self._observe, names="value")
            title = html.escape(t("plan.segment", s=segment))
            settings = [self.approach[segment], self.contacts[segment], self.owner[segment]]
            rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(f"<h3 style='margin: 0.4em 0'>{title}</h3>"),
                        widgets.HBox(settings),
                        widgets.HBox(list(self.channels[segment].values())),
                    ]
                )
            )
        self.store = widgets.Button(
            description=t("grid.store"), icon="save", button_style="primary"
        )
        self.reset = widgets.Button(description=t("grid.reset"), icon="undo")
        self.store.on_click(lambda _b: self._run(self._on_store))
        self.reset.on_click(lambda _b: self._run(lambda: self._show_plan(default_plan())))
        self.table = widgets.HTML()
        self.warnings = widgets.HTML()
        self.status = widgets.HTML()
        super().__init__(
            [*rows, widgets.HBox([self.store, self.reset]), self.status, self.table, self.warnings]
        )
        self._show_plan(session.plan)

    @property
    def plan(self) -> dict[str, SegmentPlan]:
        """The plan as the widgets show it now."""
        return {
            s: SegmentPlan(
                s,
                self.approach[s].value,
                tuple(c for c, box in self.channels[s].items() if box.value),
                float(self.contacts[s].value),
                self.owner[s].value.strip(),
            )
            for s in SEGMENTS
        }

    # ---- handlers

    def _observe(self, _change: dict) -> None:
        if not self._loading:
            self._run(self._redraw)

    def _on_store(self) -> None:
        self.session.set_plan(self.plan)
        self._redraw()

    def _show_plan(self, plan: dict[str, SegmentPlan]) -> None:
        self._loading = True
        try:
            for s in SEGMENTS:
                self.approach[s].value = plan[s].approach
                for channel, box in self.channels[s].items():
                    box.value = channel in plan[s].channels
                self.contacts[s].value = plan[s].contacts_per_year
                self.owner[s].value = plan[s].owner
        finally:
            self._loading = False
        self._redraw()

    def _redraw(self) -> None:
        plan = self.plan  # raises in plain words for a segment without a channel
        self.hours = plan_hours(self.result.scored, plan)
        stored = plan == self.session.plan
        key, colour = (
            ("plan.state_stored", "#1b5e20") if stored else ("plan.state_changed", "#8a4b00")
        )
        self.status.value = f"<b style='color: {colour}'>{html.escape(self._t(key))}</b>"
        self.table.value = self._hours_html(self.hours) + self._managers_html(plan)
        lines = [html.escape(n.message(self.lang)) for n in plan_notices(self.hours)]
        self.warnings.value = (
            "<div style='color: #8a4b00'>" + "<br>".join(f"⚠ {x}" for x in lines) + "</div>"
            if lines
            else ""
        )

    # ---- tables

    def _hours_html(self, hours: pd.DataFrame) -> str:
        t = self._t
        heads = [
            t("plan.col.segment"), t("plan.col.customers"), t("plan.col.revenue_share"),
            t("plan.col.hours_today"), t("plan.col.hours_share_today"), t("plan.col.plan_hours"),
            t("plan.col.hours_freed"),
        ]  # fmt: skip
        rows = [
            [
                str(segment),
                format_number(row["customers"], self.lang),
                format_share(row["revenue_share"], self.lang),
                self._hours(row["hours_today"]),
                self._share(row["hours_share_today"]),
                self._hours(row["plan_hours"]),
                self._hours(row["hours_freed"]),
            ]
            for segment, row in hours.iterrows()
        ]
        return _table(heads, rows)

    def _managers_html(self, plan: dict[str, SegmentPlan]) -> str:
        by_manager = plan_hours_by_manager(self.result.customers, plan)
        if by_manager.empty:
            return ""
        t = self._t
        heads = [t("plan.col.manager"), t("plan.col.hours_today"), t("plan.col.plan_hours"),
                 t("plan.col.hours_freed")]  # fmt: skip
        rows = [
            [
                str(manager),
                self._hours(row["hours_today"]),
                self._hours(row["plan_hours"]),
                self._hours(row["hours_freed"]),
            ]
            for manager, row in by_manager.iterrows()
        ]
        return _table(heads, rows)

    def _share(self, value: float) -> str:
        return "—" if pd.isna(value) else format_share(value, self.lang)

    def _hours(self, value: float) -> str:
        return "—" if pd.isna(value) else format_number(value, self.lang)


def _table(heads: list[str], rows: list[list[str]]) -> str:
    """A table of texts for a widget, built (and escaped) by
    :func:`klantlib.reports.present.table_view`: an account manager's name comes from the
    customer file."""
    frame = pd.DataFrame(rows, columns=range(len(heads)), dtype=object)
    return (
        table_view(frame, headers=heads)
        .hide(axis="index")
        .set_properties(**{"padding": "3px 12px"})
        .set_table_styles(
            [
                {
                    "selector": "",
                    "props": "border-collapse: collapse; margin: 0.6em 0; font-size: 1.05em;",
                },
                {"selector": "th", "props": "padding: 3px 12px;"},
            ]
        )  # fmt: skip
        .to_html()
    )
