"""The band picker, driven in-process: typed amounts, sliders, suggestion buttons and the store
button, read back from the session file."""

from __future__ import annotations

import html
import time

import ipywidgets as widgets
import numpy as np
import pandas as pd
import pytest

from klantlib.core.amounts import parse_typed_amount as parse_amount
from klantlib.core.bands import (
    Thresholds,
    suggest_cumulative_share,
    suggest_natural_breaks,
    suggest_share_of_total,
    suggest_thirds,
    with_potential_as_revenue,
)
from klantlib.errors import KlantlibError
from klantlib.i18n import format_money, text
from klantlib.store.workspace import create_session, open_session
from klantlib.widgets.band_picker import BandPicker, parse_percent

# Total 100,000: 80/15/5 gives large from 8,000 and medium from 2,000.
CUSTOMERS = pd.DataFrame(
    {
        "customer_id": [f"{i:03d}" for i in range(1, 13)],
        "name": [f"Klant {i}" for i in range(1, 13)],
        "revenue": [
            40_000.0,
            25_000.0,
            12_000.0,
            8_000.0,
            6_000.0,
            3_100.0,
            2_500.0,
            1_500.0,
            900.0,
            600.0,
            300.0,
            100.0,
        ],
        "potential_revenue": [
            60_000.0,
            25_000.0,
            30_000.0,
            None,
            6_000.0,
            9_000.0,
            2_500.0,
            1_500.0,
            4_000.0,
            600.0,
            300.0,
            100.0,
        ],
    }
)


@pytest.fixture
def session(tmp_path, logged):
    with create_session("2026-Q4", CUSTOMERS, workspace=tmp_path) as made:
        yield made


@pytest.fixture(autouse=True)
def no_figure_left_open():
    """The picker draws without pyplot: no figure stays open after any test."""
    plt = pytest.importorskip("matplotlib.pyplot")
    yield
    assert plt.get_fignums() == []


def stored(session) -> Thresholds | None:
    """What the session file holds, read through a separate connection."""
    with open_session(session.name, workspace=session.path.parent) as again:
        return again.thresholds


def pngs(picker: BandPicker) -> int:
    return sum("image/png" in output.get("data", {}) for output in picker.chart.outputs)


# ---- opening


def test_without_stored_thresholds_it_opens_on_the_suggestion_and_says_so(session):
    """80/15/5 on screen, called a suggestion, marked as not stored; nothing is written."""
    picker = BandPicker(session, lang="nl")
    assert picker.thresholds == suggest_cumulative_share(CUSTOMERS) == Thresholds(2_000, 8_000)
    # literal on purpose: the wording is what the user reads
    assert picker.status_text == (
        "Sessie 2026-Q4 heeft nog geen omzetklassen. Dit is een voorstel van de kit (80/15/5"
        " van de omzet): middel vanaf € 2.000, groot vanaf € 8.000."
    )
    assert picker.state_text == text("picker.state_none", "nl", name="2026-Q4")
    assert (picker.low_text.value, picker.high_text.value) == ("€ 2.000", "€ 8.000")
    assert stored(session) is None


def test_with_stored_thresholds_it_opens_on_them(session):
    """Re-opening the notebook shows the session's thresholds, marked as stored."""
    session.set_thresholds(Thresholds(1_000, 10_000))
    picker = BandPicker(session, lang="en")
    assert picker.thresholds == Thresholds(1_000, 10_000)
    assert (picker.low_text.value, picker.high_text.value) == ("€1,000", "€10,000")
    assert (picker.low_slider.value, picker.high_slider.value) == (1_000, 10_000)
    assert picker.status_text == text(
        "picker.opened_stored", "en", name="2026-Q4", low="€1,000", high="€10,000"
    )
    # literal on purpose: the wording is what the user reads
    assert picker.state_text == "✓ These thresholds are stored in session 2026-Q4."


def test_too_few_customers_for_a_suggestion_still_open_with_a_word_why(tmp_path, logged):
    """Two different revenues: no suggestion, the reason shown, thresholds to start from."""
    two = CUSTOMERS.head(3).assign(revenue=[500.0, 500.0, 100.0])
    with create_session("klein", two, workspace=tmp_path) as small:
        picker = BandPicker(small, lang="en")
        too_few = text("error.too_few_for_suggestion", "en", count=2)
        assert picker.status_text == text(
            "picker.opened_fallback", "en", message=too_few, low="€10,000", high="€50,000"
        )
        assert picker.thresholds == Thresholds(10_000, 50_000)


# ---- typing


@pytest.mark.parametrize("typed", ["10.000", "€ 10 000", "10000", "10,000", " 10.000 EUR "])
def test_a_typed_amount_moves_the_threshold(session, typed):
    """Amounts as people type them; the box then shows the amount the way the language does."""
    picker = BandPicker(session, lang="nl")
    picker.high_text.value = typed
    assert picker.thresholds == Thresholds(2_000, 10_000)
    assert picker.high_text.value == "€ 10.000"
    assert picker.high_slider.value == 10_000
    assert picker.status_text == text("picker.moved", "nl", low="€ 2.000", high="€ 10.000")


def test_a_typed_amount_that_is_not_one_is_said_in_plain_words(session):
    """'tienduizend' is refused with an example; the box shows the threshold in use again."""
    picker = BandPicker(session, lang="nl")
    picker.low_text.value = "tienduizend"
    # literal on purpose: the wording is what the user reads
    assert picker.status_text == (
        "Fout: 'tienduizend' is geen bedrag: tik bv. 10.000, € 10 000 of 10000."
    )
    assert picker.thresholds == Thresholds(2_000, 8_000)
    assert picker.low_text.value == "€ 2.000"


def test_medium_above_large_is_refused(session):
    """A medium threshold above the large one: the kit's message, nothing changes."""
    picker = BandPicker(session, lang="en")
    picker.low_text.value = "30.000"
    refused = text("error.thresholds_not_increasing", "en", high="€8,000", low="€30,000")
    assert picker.status_text == text("error.shown", "en", message=refused)
    assert picker.thresholds == Thresholds(2_000, 8_000)
    assert (picker.low_text.value, picker.low_slider.value) == ("€2,000", 2_000)


def test_a_negative_amount_is_refused(session):
    """-5.000 is no threshold."""
    picker = BandPicker(session, lang="en")
    picker.low_text.value = "-5.000"
    refused = text("error.negative_threshold", "en", value="-€5,000")
    assert picker.status_text == text("error.shown", "en", message=refused)


# ---- sliders


def test_sliders_are_logarithmic_and_report_on_release(session):
    """Log sliders over the revenues' powers of ten; boxes and sliders wait for the end."""
    picker = BandPicker(session, lang="nl")
    for slider in (picker.low_slider, picker.high_slider):
        assert isinstance(slider, widgets.FloatLogSlider)
        assert slider.continuous_update is False
        assert (slider.base, slider.min, slider.max) == (10, 2, 5)  # 100 … 60,000
    for box in (picker.low_text, picker.high_text):
        assert box.continuous_update is False


def test_a_slider_move_is_rounded_and_shown_in_the_box(session):
    """47,863.01 from the slider becomes 48,000, in the box as well."""
    picker = BandPicker(session, lang="nl")
    picker.high_slider.value = 47_863.01
    assert picker.thresholds == Thresholds(2_000, 48_000)
    assert picker.high_text.value == "€ 48.000"
    assert picker.high_slider.value == 48_000


def test_one_move_draws_once_and_does_not_echo(session, monkeypatch):
    """A slider release sets the box, the box does not set the slider back: one redraw."""
    picker = BandPicker(session, lang="nl")
    drawn = []
    monkeypatch.setattr(picker, "_draw", lambda: drawn.append(picker.thresholds))
    picker.low_slider.value = 3_019.95
    picker.high_text.value = "25.000"
    assert drawn == [Thresholds(3_000, 8_000), Thresholds(3_000, 25_000)]


def test_an_amount_beyond_the_sliders_widens_them(session):
    """Typing 2,000,000 stretches the slider to that power of ten."""
    picker = BandPicker(session, lang="nl")
    picker.high_text.value = "2.000.000"
    assert picker.high_slider.max == 7
    assert picker.high_slider.value == 2_000_000


# ---- suggestions


@pytest.mark.parametrize(
    ("name", "suggest", "rule"),
    [
        ("cumulative_share", suggest_cumulative_share, text("picker.rule.cumulative_share", "en")),
        ("thirds", suggest_thirds, text("picker.rule.thirds", "en")),
        ("natural_breaks", suggest_natural_breaks, text("picker.rule.natural_breaks", "en")),
        (
            "share_of_total",
            suggest_share_of_total,
            text("picker.rule.share_of_total", "en", percent=2, tenth="0.2"),
        ),
    ],
)
def test_each_suggestion_button_puts_its_thresholds_on_screen(session, name, suggest, rule):
    """The button's thresholds are the core suggestion's; the status names the rule."""
    picker = BandPicker(session, lang="en")
    picker.high_text.value = "30000"  # away from the opening suggestion first
    picker.suggestions[name].click()
    expected = suggest(CUSTOMERS)
    assert picker.thresholds == expected
    low, high = (format_money(t, "en") for t in (expected.low, expected.high))
    assert picker.status_text == text("picker.suggested", "en", rule=rule, low=low, high=high)
    assert stored(session) is None  # a suggestion is not a decision


def test_the_share_of_total_uses_the_typed_percentage(session):
    """3% typed: large from 3% of 100,000 (3,000), medium from 300 (rounded: 200)."""
    picker = BandPicker(session, lang="nl")
    picker.share.value = "3"
    picker.suggestions["share_of_total"].click()
    assert picker.thresholds == suggest_share_of_total(CUSTOMERS, 0.03) == Thresholds(200, 3_000)
    rule = text("picker.rule.share_of_total", "nl", percent=3, tenth="0,3")
    assert picker.status_text == text(
        "picker.suggested", "nl", rule=rule, low="€ 200", high="€ 3.000"
    )


@pytest.mark.parametrize("typed", ["twee", "0", "100", "-2"])
def test_a_percentage_that_is_not_one_is_said_in_plain_words(session, typed):
    """Not a number, 0 or 100 and more: an example of what to type; nothing moves."""
    picker = BandPicker(session, lang="en")
    picker.share.value = typed
    picker.suggestions["share_of_total"].click()
    refused = text("picker.bad_share", "en", value=typed)
    assert picker.status_text == text("error.shown", "en", message=refused)
    assert picker.thresholds == Thresholds(2_000, 8_000)


def test_a_share_no_customer_reaches_is_said_and_nothing_moves(session):
    """50%: nobody brings that much; the kit's message, the thresholds stay."""
    picker = BandPicker(session, lang="en")
    picker.share.value = "50"
    picker.suggestions["share_of_total"].click()
    nobody = text(
        "error.share_of_total_none_large",
        "en",
        line="€50,000",
        total="€100,000",
        largest="€40,000",
    )
    assert picker.status_text == text("error.shown", "en", message=nobody)
    assert picker.thresholds == Thresholds(2_000, 8_000)


# ---- the figures


def test_the_table_shows_each_band_in_the_language(session):
    """Per band: range, customers, revenue and share, with the language's money and %."""
    picker = BandPicker(session, lang="nl")
    table = picker.table.value
    for cell in (
        f">{text('band.large', 'nl')}</td>",
        f">{text('picker.range.large', 'nl', high='€ 8.000')}</td>",
        f">{text('picker.range.medium', 'nl', low='€ 2.000', high='€ 8.000')}</td>",
        f">{text('picker.range.small', 'nl', low='€ 2.000')}</td>",
        ">€ 85.000</td>",
        ">85,0%</td>",
        f">{text('col.band', 'nl')}</th>",
        f">{text('col.revenue_share', 'nl')}</th>",
    ):
        assert cell in table, cell
    assert list(picker.summary()["customers"]) == [4, 3, 5]


def test_an_empty_band_is_warned_about_under_the_table(session):
    """Thresholds above every customer: medium and large are empty, and it says so."""
    picker = BandPicker(session, lang="en")
    picker.high_text.value = "200000"
    picker.low_text.value = "100000"
    empty = text("warning.empty_band", "en", band=text("band.large", "en"))
    assert empty in html.unescape(picker.table.value)


def test_the_chart_is_drawn_again_not_added(session):
    """After several moves the chart area holds one picture."""
    picker = BandPicker(session, lang="nl")
    assert pngs(picker) == 1
    picker.high_text.value = "30.000"
    picker.suggestions["thirds"].click()
    assert len(picker.chart.outputs) == pngs(picker) == 1


# ---- potential revenue


def test_the_potential_box_shows_only_when_the_data_has_potential(session, tmp_path):
    """Shown for a session with potential revenue, hidden for one without."""
    assert BandPicker(session, lang="nl").potential.layout.display is None
    without = CUSTOMERS.drop(columns="potential_revenue")
    with create_session("zonder", without, workspace=tmp_path) as plain:
        assert BandPicker(plain, lang="nl").potential.layout.display == "none"


def test_potential_revenue_switches_table_chart_and_suggestions(session):
    """Ticked: bands counted on potential (a missing one is the revenue), headers say so,
    and a suggestion splits what is shown."""
    picker = BandPicker(session, lang="nl")
    picker.potential.value = True
    assert list(picker.summary()["customers"]) == [5, 3, 4]
    assert f">{text('col.potential_revenue', 'nl')}</th>" in picker.table.value
    assert html.escape(text("picker.potential_note", "nl")) in picker.table.value
    picker.suggestions["cumulative_share"].click()
    assert picker.thresholds == suggest_cumulative_share(with_potential_as_revenue(CUSTOMERS))
    picker.potential.value = False
    assert f">{text('col.revenue', 'nl')}</th>" in picker.table.value


# ---- storing


def test_nothing_is_stored_until_store_is_clicked(session):
    """Moving is exploring: the session keeps what it had."""
    session.set_thresholds(Thresholds(1_000, 10_000))
    picker = BandPicker(session, lang="nl")
    picker.high_text.value = "30.000"
    assert stored(session) == Thresholds(1_000, 10_000)
    assert picker.state_text == text(
        "picker.state_other", "nl", name="2026-Q4", low="€ 1.000", high="€ 10.000"
    )


def test_store_writes_the_session_before_it_says_stored(session):
    """After the click the file holds the thresholds, and only then the picker says so."""
    picker = BandPicker(session, lang="en")
    picker.high_text.value = "30.000"
    picker.store.click()
    assert stored(session) == Thresholds(2_000, 30_000)
    assert picker.stored == Thresholds(2_000, 30_000)
    before, after = text("picker.stored", "en", at="{at}", low="€2,000", high="€30,000").split(
        "{at}"
    )
    assert picker.status_text.startswith(before)
    assert picker.status_text.endswith(after)
    assert picker.state_text == text("picker.state_stored", "en", name="2026-Q4")


def test_a_failed_store_is_not_called_stored(session, monkeypatch):
    """When the session cannot write, the picker says what went wrong, not 'stored'."""
    picker = BandPicker(session, lang="en")

    def refuse(_thresholds):
        raise KlantlibError("error.session_unreadable", path="2026-Q4.sqlite")

    monkeypatch.setattr(session, "set_thresholds", refuse)
    picker.store.click()
    unreadable = text("error.session_unreadable", "en", path="2026-Q4.sqlite")
    assert picker.status_text == text("error.shown", "en", message=unreadable)
    assert "Stored" not in picker.status_text
    assert picker.state_text == text("picker.state_none", "en", name="2026-Q4")


def test_a_new_picker_shows_what_was_stored(session):
    """Re-run the cell or restart the kernel: the stored thresholds come back."""
    picker = BandPicker(session, lang="nl")
    picker.low_text.value = "2.500"
    picker.high_slider.value = 31_622.78
    picker.store.click()
    with open_session(session.name, workspace=session.path.parent) as again:
        reopened = BandPicker(again, lang="nl")
        assert reopened.thresholds == Thresholds(2_500, 32_000)
        assert reopened.state_text == text("picker.state_stored", "nl", name="2026-Q4")


# ---- parsing


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("10.000", 10_000),
        ("10,000", 10_000),
        ("€ 10 000", 10_000),
        ("€10,000", 10_000),
        ("10000", 10_000),
        ("12.500,50", 12_500.5),
        ("12,500.50", 12_500.5),
        ("1.234.567", 1_234_567),
        ("2,5", 2.5),
        ("7.5", 7.5),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, amount):
    """A single separator before three digits groups thousands; otherwise the style shows."""
    assert parse_amount(typed) == amount


@pytest.mark.parametrize("typed", ["", "   ", "tien", "10.00.0", "$ 10", "10 k"])
def test_what_is_no_amount_is_refused(typed):
    """Empty boxes and words are refused with a message key of the picker."""
    with pytest.raises(KlantlibError) as caught:
        parse_amount(typed)
    assert caught.value.notice.key in ("picker.no_amount", "picker.bad_amount")


@pytest.mark.parametrize(("typed", "share"), [("2", 0.02), ("2,5", 0.025), ("2.5 %", 0.025)])
def test_percentages_are_read_as_shares(typed, share):
    """2 is 2%, with a decimal comma or point, with or without the sign."""
    assert parse_percent(typed) == pytest.approx(share)


# ---- scale


def test_fifty_thousand_customers_stay_smooth(tmp_path, logged):
    """50,000 customers: the same few widgets, and opening or moving takes well under seconds
    (the chart is one curve, the table three rows)."""
    rng = np.random.default_rng(11)
    n = 50_000
    many = pd.DataFrame(
        {
            "customer_id": [f"{i:05d}" for i in range(n)],
            "name": "Klant",
            "revenue": rng.lognormal(8, 1.5, n).round(2),
        }
    )
    with create_session("groot", many, workspace=tmp_path) as big:
        started = time.perf_counter()
        picker = BandPicker(big, lang="nl")
        opened = time.perf_counter() - started
        started = time.perf_counter()
        picker.high_slider.value = 20_000
        moved = time.perf_counter() - started
        assert picker.thresholds.high == 20_000
        assert count_widgets(picker) < 40
        assert pngs(picker) == 1
        assert opened < 10 and moved < 5, (opened, moved)


def count_widgets(widget: widgets.Widget) -> int:
    children = getattr(widget, "children", ())
    return 1 + sum(count_widgets(child) for child in children)
