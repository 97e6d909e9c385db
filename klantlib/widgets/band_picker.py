"""Choosing the revenue bands together: two thresholds, four suggestions, live figures (edge).

:class:`BandPicker` is built from core ipywidgets only. The team moves two thresholds in euro,
typed (``10.000``, ``€ 10 000``, ``10000``) or on sliders with a logarithmic scale, or takes
one of the kit's four suggestions. With every move the table (customers, revenue and share of
revenue per band) and the chart are drawn again; sliders report on release only, so a drag
redraws once, not fifty times.

Moving is exploring: nothing is stored until someone clicks **Store**. Then the thresholds go
to the :class:`~klantlib.store.session.Session` (one committed transaction), are read back, and only
then shown as stored. A line always says whether the thresholds on screen are the stored ones,
so a choice the team has not stored does not go unnoticed. Opening the picker again shows
what the session holds, or the 80/15/5 suggestion, said to be one, when nothing is stored yet.

However many customers there are, the picker has the same few widgets and the chart draws one
curve. An error inside a handler is shown in the picker in plain words and logged.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import math
import re
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from klantlib.core.amounts import parse_typed_amount
from klantlib.core.bands import (
    BANDS,
    SHARE_OF_TOTAL_MEDIUM,
    Thresholds,
    assign_bands,
    band_summary,
    empty_band_notices,
    suggest_cumulative_share,
    suggest_natural_breaks,
    suggest_share_of_total,
    suggest_thirds,
    with_potential_as_revenue,
)
from klantlib.errors import KlantlibError, Money
from klantlib.i18n import (
    check_language,
    format_money,
    format_number,
    format_share,
    get_language,
    text,
)
from klantlib.reports.plots import FIGURE_SIZE, band_chart
from klantlib.reports.present import table_view
from klantlib.store.session import Session
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["BandPicker", "parse_percent"]

logger = logging.getLogger(__name__)

SUGGESTIONS: dict[str, Callable[..., Thresholds]] = {
    "cumulative_share": suggest_cumulative_share,
    "thirds": suggest_thirds,
    "natural_breaks": suggest_natural_breaks,
    "share_of_total": suggest_share_of_total,
}
"""The suggestion buttons, in the order shown."""

FALLBACK = Thresholds(low=10_000, high=50_000)
"""Thresholds to start from when the customers allow no suggestion (fewer than three
different revenues): the team then chooses itself."""

DEFAULT_SHARE_PERCENT = 2
"""The share of total revenue that makes a customer large, until the team types another."""

_OK, _WARN, _ERROR = "#1b5e20", "#8a4b00", "#b00020"


def parse_percent(typed: str) -> float:
    """A percentage as typed (``2``, ``2,5``, ``2.5 %``) as a share (0.02); above 0, below 100."""
    value = str(typed).strip()
    cleaned = value.removesuffix("%").strip().replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?", cleaned) or not 0 < float(cleaned) < 100:
        raise KlantlibError("picker.bad_share", value=value)
    return float(cleaned) / 100


def _nice(amount: float) -> float:
    """An amount from a slider, to two significant digits: 47,863.01 becomes 48,000."""
    return float(f"{amount:.2g}") if amount > 0 else 0.0


class BandPicker(ShownErrors, widgets.VBox):
    """Choose the two revenue thresholds of ``session`` together, and store them there.

    Attributes for tests and notebooks: ``thresholds`` (on screen), ``stored`` (in the session,
    or ``None``), ``low_text`` / ``high_text`` and ``low_slider`` / ``high_slider`` (medium and
    large), ``suggestions[name]`` (``cumulative_share``, ``thirds``, ``natural_breaks``,
    ``share_of_total``), ``share`` (the percentage for the last one), ``potential``,
    ``store``, ``state``, ``status``, ``table`` and ``chart``.
    """

    _what = "The band picker failed"
    _logger = logger

    def __init__(
        self,
        session: Session,
        *,
        lang: str | None = None,
        chart_beside: bool = False,
        chart_size: tuple[float, float] = FIGURE_SIZE,
    ) -> None:
        self.session = session
        self._chart_size = chart_size
        self.lang = check_language(lang) if lang is not None else get_language()
        self._customers = session.customers()
        self._has_potential = "potential_revenue" in self._customers.columns
        self._loading = False  # widgets being set from the thresholds: no handling then
        self.stored: Thresholds | None = session.thresholds

        t = self._t
        exponents = self._exponents()
        self.low_text, self.low_slider = self._amount_controls(exponents)
        self.high_text, self.high_slider = self._amount_controls(exponents)
        self.suggestions: dict[str, widgets.Button] = {}
        for name in SUGGESTIONS:
            button = widgets.Button(
                description=t(f"picker.button.{name}"),
                tooltip=t(f"picker.tip.{name}"),
                layout=widgets.Layout(width="auto"),
            )
            button.on_click(self._suggestion_handler(name))
            self.suggestions[name] = button
        self.share = widgets.Text(
            value=format_number(DEFAULT_SHARE_PERCENT, self.lang),
            continuous_update=False,
            layout=widgets.Layout(width="4em"),
        )
        self.potential = widgets.Checkbox(
            value=False,
            description=t("picker.potential"),
            indent=False,
            layout=widgets.Layout(width="auto", display=None if self._has_potential else "none"),
        )
        self.store = widgets.Button(
            description=t("picker.store"),
            tooltip=t("picker.store_tip"),
            icon="save",
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.state = widgets.HTML()
        self.status = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = widgets.Output()

        self.low_text.observe(self._guard(lambda c: self._on_typed("low", c)), names="value")
        self.high_text.observe(self._guard(lambda c: self._on_typed("high", c)), names="value")
        self.low_slider.observe(self._guard(lambda c: self._on_slid("low", c)), names="value")
        self.high_slider.observe(self._guard(lambda c: self._on_slid("high", c)), names="value")
        self.potential.observe(self._guard(self._on_potential), names="value")
        self.store.on_click(lambda _b: self._run(self._on_store))

        def label(key: str) -> widgets.HTML:  # one width, so boxes and sliders line up
            bold = f"<b style='font-size: 1.1em'>{html.escape(t(key))}</b>"
            return widgets.HTML(bold, layout=widgets.Layout(width="8.5em"))

        def row(*children: widgets.Widget) -> widgets.HBox:
            return widgets.HBox(list(children), layout=widgets.Layout(align_items="center"))

        controls = [
            row(label("picker.low"), self.low_text, self.low_slider),
            row(label("picker.high"), self.high_text, self.high_slider),
            widgets.HBox(
                [
                    widgets.HTML(html.escape(t("picker.suggest"))),
                    *self.suggestions.values(),
                    self.share,
                    widgets.HTML(html.escape(t("picker.share_unit"))),
                ],
                layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
            ),
            self.potential,
            row(self.store, self.state),
            self.status,
            self.table,
        ]
        if chart_beside:  # one screen wide: the chart right of the controls and the table
            self.chart.layout.width = "50%"
            beside = widgets.VBox(controls, layout=widgets.Layout(width="50%"))
            super().__init__([widgets.HBox([beside, self.chart])])
        else:
            super().__init__([*controls, self.chart])
        for control in (self.low_text, self.low_slider, self.high_text, self.high_slider):
            control.layout.margin = "0 0.5em"
        self._open()

    # ---- what the notebook and the tests use

    @property
    def status_text(self) -> str:
        """What the status line says, as plain text."""
        return _plain(self.status.value)

    @property
    def state_text(self) -> str:
        """Whether the thresholds on screen are stored, as plain text."""
        return _plain(self.state.value)

    def summary(self) -> pd.DataFrame:
        """Per band (large first): customers, revenue and share, as the table shows them."""
        return band_summary(assign_bands(self._basis(), self.thresholds))

    # ---- handlers

    def _open(self) -> None:
        """Start from the stored thresholds, or from the 80/15/5 suggestion (said so)."""
        name = self.session.name
        if self.stored is not None:
            self._apply(self.stored)
            self._say(self._t("picker.opened_stored", name=name, **self._amounts()))
            return
        try:
            suggestion = suggest_cumulative_share(self._customers)
        except KlantlibError as exc:
            self._apply(FALLBACK)
            message = exc.message(self.lang)
            self._say(
                self._t("picker.opened_fallback", message=message, **self._amounts()), tone=_WARN
            )
            return
        self._apply(suggestion)
        self._say(self._t("picker.opened_suggestion", name=name, **self._amounts()), tone=_WARN)

    def _on_typed(self, which: str, change: dict) -> None:
        try:
            self._move(which, parse_typed_amount(change["new"]))
        except KlantlibError:
            self._show_controls()  # the box shows the threshold in use again
            raise

    def _on_slid(self, which: str, change: dict) -> None:
        try:
            self._move(which, _nice(float(change["new"])))
        except KlantlibError:
            self._show_controls()  # the slider goes back to the threshold in use
            raise

    def _move(self, which: str, amount: float) -> None:
        low, high = self.thresholds.low, self.thresholds.high
        moved = Thresholds(low=amount, high=high) if which == "low" else Thresholds(low, amount)
        self._apply(moved)
        self._say(self._t("picker.moved", **self._amounts()))

    def _suggestion_handler(self, name: str) -> Callable[[widgets.Button], None]:
        def click(_button: widgets.Button) -> None:
            self._run(lambda: self._on_suggestion(name))

        return click

    def _on_suggestion(self, name: str) -> None:
        suggest = SUGGESTIONS[name]
        if name == "share_of_total":
            share = parse_percent(self.share.value)
            suggested = suggest(self._basis(), share)
            rule = self._t(
                "picker.rule.share_of_total",
                percent=self._percent(share),
                tenth=self._percent(share * SHARE_OF_TOTAL_MEDIUM),
            )
        else:
            suggested = suggest(self._basis())
            rule = self._t(f"picker.rule.{name}")
        self._apply(suggested)
        self._say(self._t("picker.suggested", rule=rule, **self._amounts()))

    def _on_potential(self, change: dict) -> None:
        self._refresh()
        key = "picker.potential_on" if change["new"] else "picker.potential_off"
        self._say(self._t(key), tone=_WARN if change["new"] else _OK)

    def _on_store(self) -> None:
        """Store first; say it is stored only when the session gives it back."""
        self.session.set_thresholds(self.thresholds)
        stored = self.session.thresholds
        if stored != self.thresholds:
            raise KlantlibError("picker.not_stored")
        self.stored = stored
        self._show_state()
        at = dt.datetime.now().strftime("%H:%M:%S")
        self._say(self._t("picker.stored", at=at, **self._amounts()))

    # ---- showing

    def _apply(self, thresholds: Thresholds) -> None:
        """Take ``thresholds`` as the ones on screen: controls, table, chart and state."""
        self.thresholds = thresholds
        self._show_controls()
        self._refresh()

    def _show_controls(self) -> None:
        """Set the boxes and sliders from the thresholds, without handling those changes."""
        self._loading = True
        try:
            for amount, text_box, slider in (
                (self.thresholds.low, self.low_text, self.low_slider),
                (self.thresholds.high, self.high_text, self.high_slider),
            ):
                if amount > 0:
                    exponent = math.log10(amount)
                    if exponent > slider.max:
                        slider.max = math.ceil(exponent)
                    if exponent < slider.min:
                        slider.min = math.floor(exponent)
                slider.value = amount
                text_box.value = self._money(amount)
        finally:
            self._loading = False

    def _refresh(self) -> None:
        """The table, the chart and the state line for the thresholds on screen."""
        self._show_state()
        self.table.value = self._table_html()
        self._draw()

    def _show_state(self) -> None:
        name = self.session.name
        if self.stored == self.thresholds:
            message, tone = self._t("picker.state_stored", name=name), _OK
        elif self.stored is None:
            message, tone = self._t("picker.state_none", name=name), _WARN
        else:
            stored = {"low": self._money(self.stored.low), "high": self._money(self.stored.high)}
            message, tone = self._t("picker.state_other", name=name, **stored), _WARN
        self.state.value = _line(message, tone, bold=True)

    def _table_html(self) -> str:
        banded = assign_bands(self._basis(), self.thresholds)
        notes = [n.message(self.lang) for n in empty_band_notices(banded)]
        if self.potential.value:
            notes.append(self._t("picker.potential_note"))
        styler = band_table(band_summary(banded), self.thresholds, self.lang, self.potential.value)
        lines = "".join(_line(note, _WARN) for note in notes)
        return styler.to_html() + lines

    def _draw(self) -> None:
        """The chart as a picture in its area: drawn on a figure of its own, never through
        pyplot, so nothing stays open and the notebook shows it once."""
        from IPython.display import Image
        from matplotlib.figure import Figure

        figure = Figure(figsize=self._chart_size, layout="constrained")
        band_chart(
            self._customers,
            self.thresholds,
            lang=self.lang,
            ax=figure.add_subplot(),
            potential=bool(self.potential.value),
        )
        png = io.BytesIO()
        figure.savefig(png, format="png")  # the layout keeps the names in: one size, no jumps
        self.chart.outputs = ()
        self.chart.append_display_data(Image(data=png.getvalue(), format="png"))

    def _say(self, message: str, *, error: bool = False, tone: str = _OK) -> None:
        """A line under the picker in ``tone`` (red for an error, as every widget's)."""
        self.status.value = _line(message, _ERROR if error else tone)

    # ---- small things

    def _money(self, amount: float) -> str:
        return Money(amount).message(self.lang)

    def _amounts(self) -> dict[str, str]:
        return {"low": self._money(self.thresholds.low), "high": self._money(self.thresholds.high)}

    def _percent(self, share: float) -> str:
        """A share as a percentage number, with as few decimals as it needs (at most 2)."""
        percent = round(share * 100, 2)
        decimals = next(d for d in (0, 1, 2) if math.isclose(percent, round(percent, d)))
        return format_number(percent, self.lang, decimals=decimals)

    def _basis(self) -> pd.DataFrame:
        """The customers as the picker looks at them: by revenue, or by potential revenue."""
        if self.potential.value:
            return with_potential_as_revenue(self._customers)
        return self._customers

    def _exponents(self) -> tuple[int, int]:
        """The sliders' range, in powers of ten, around every positive (potential) revenue."""
        values = self._customers["revenue"].to_numpy(dtype="float64")
        if self._has_potential:
            potential = self._customers["potential_revenue"].to_numpy(dtype="float64")
            values = np.concatenate([values, potential])
        values = values[np.isfinite(values) & (values > 0)]
        if not values.size:
            return 0, 6
        low, high = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
        return low, max(high, low + 1)

    def _amount_controls(self, exponents: tuple[int, int]) -> tuple[widgets.Text, widgets.Widget]:
        text_box = widgets.Text(
            placeholder=self._t("picker.amount_placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="9em"),
        )
        slider = widgets.FloatLogSlider(
            value=10.0 ** exponents[0],
            base=10,
            min=exponents[0],
            max=exponents[1],
            step=0.01,
            readout=False,  # the box beside it says the amount, in euro
            continuous_update=False,  # one redraw when the slider is let go, not fifty
            layout=widgets.Layout(width="28em"),
        )
        return text_box, slider

    def _show_error(self, message: str) -> None:
        self._say(message, tone=_ERROR)


def band_table(
    summary: pd.DataFrame, thresholds: Thresholds, lang: str | None = None, potential: bool = False
) -> Styler:
    """The bands, large first: name, range in euro, customers, revenue and share of revenue."""
    lang = check_language(lang) if lang is not None else get_language()

    def money(amount: float) -> str:
        return Money(amount).message(lang)

    ranges = {
        "large": text("picker.range.large", lang, high=money(thresholds.high)),
        "medium": text(
            "picker.range.medium", lang, low=money(thresholds.low), high=money(thresholds.high)
        ),
        "small": text("picker.range.small", lang, low=money(thresholds.low)),
    }
    revenue = "col.potential_revenue" if potential else "col.revenue"
    share = "col.potential_share" if potential else "col.revenue_share"
    order = list(reversed(BANDS))
    table = pd.DataFrame(
        {
            text("col.band", lang): [text(f"band.{band}", lang) for band in order],
            text("col.range", lang): [ranges[band] for band in order],
            text("col.customers", lang): [
                format_number(int(summary.loc[band, "customers"]), lang) for band in order
            ],
            text(revenue, lang): [
                format_money(float(summary.loc[band, "revenue"]), lang) for band in order
            ],
            text(share, lang): [
                format_share(float(summary.loc[band, "revenue_share"]), lang) for band in order
            ],
        }
    )
    numbers = list(table.columns[2:])
    return (
        table_view(table)
        .hide(axis="index")
        .set_properties(**{"font-size": "1.15em", "padding": "0.3em 0.8em"})
        .set_properties(subset=numbers, **{"text-align": "right", "white-space": "nowrap"})
        .set_properties(subset=list(table.columns[:2]), **{"text-align": "left"})
        .set_table_styles(
            [
                {"selector": "th", "props": "font-size: 1.15em; padding: 0.3em 0.8em;"},
                {"selector": "th", "props": "text-align: right;"},
                {"selector": "th.col0, th.col1", "props": "text-align: left;"},
            ]
        )
    )


def _line(message: str, tone: str, *, bold: bool = False) -> str:
    weight = " font-weight: bold;" if bold else ""
    escaped = html.escape(message).replace("\n", "<br>")
    return f"<div style='color: {tone};{weight} line-height: 1.4'>{escaped}</div>"


def _plain(markup: str) -> str:
    body = re.sub(r"<br\s*/?>|</div>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
