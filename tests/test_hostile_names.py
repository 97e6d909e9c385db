"""Data is never markup: hostile customer names, participants, notes and owners are shown as
the characters they are in every table, widget and chart, never run as HTML or math."""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from klantlib.core.method import segment_customers
from klantlib.core.moves import compare_segments, quarter_history
from klantlib.core.plan import SegmentPlan, default_plan, favourites_by_segment
from klantlib.core.questions import QUESTIONS
from klantlib.reports.matrix import matrix_chart
from klantlib.reports.present import (
    NO_MATH,
    customer_list_table,
    escape_text,
    favourites_table,
    history_view,
    moves_table,
    segment_table,
    table_view,
)
from klantlib.store.segmentation import segment_session
from klantlib.store.workspace import create_session
from klantlib.widgets.answer_form import AnswerForm
from klantlib.widgets.band_picker import BandPicker
from klantlib.widgets.consensus_view import ConsensusView
from klantlib.widgets.plan_editor import PlanEditor
from tests.conftest import table_cells
from tests.hostile import (
    IMAGE_NAME,
    MATH_NAME,
    NAMES,
    NOTE,
    OWNER,
    PARTICIPANTS,
    describe,
    hostile_customers,
    raw_markup,
)

LANGS = ["nl", "en"]


@pytest.fixture
def customers() -> pd.DataFrame:
    return hostile_customers()


@pytest.fixture
def session(tmp_path, customers, logged):
    """A session of hostile names, answered by two hostile participants with hostile notes,
    favourites, and a plan whose owner is markup."""
    with create_session("hostile", customers, workspace=tmp_path) as made:
        for number, participant in enumerate(PARTICIPANTS):
            for i, cid in enumerate(customers["customer_id"]):
                for j, question in enumerate(QUESTIONS):
                    made.record(participant, cid, question, "yes" if (i + j + number) % 3 else "no")
            made.record(participant, "001", "note", NOTE)
            made.record(participant, "002", "favourite", "yes")
        plan = dict(default_plan())
        plan["C"] = SegmentPlan("C", "reactive", ("email",), 2, owner=OWNER)
        made.set_plan(plan)
        yield made


def assert_no_markup(markup: str) -> None:
    found = raw_markup(markup)
    assert found == [], f"hostile text reached the HTML as markup: {describe(found)}"


def test_table_view_escapes_cells_headers_and_caption():
    """The one table builder shows every text as text: cells, headers and caption."""
    table = pd.DataFrame({"name": [IMAGE_NAME], "amount": [12.5]})
    styler = table_view(
        table, {"amount": lambda v: f"€ {v}"}, headers=[IMAGE_NAME, "<i>x</i>"], caption=IMAGE_NAME
    )
    markup = styler.to_html()
    assert_no_markup(markup)
    assert "<i>" not in markup
    cells = table_cells(markup)
    assert cells[0] == ["", IMAGE_NAME, "<i>x</i>"]
    assert cells[1] == ["0", IMAGE_NAME, "€ 12.5"]
    assert f"<caption>{escape_text(IMAGE_NAME)}</caption>" in markup


def test_tables_are_left_alone_by_the_math_typesetter():
    """JupyterLab's MathJax skips the kit's tables, so "$x^2$" in a name stays text."""
    markup = table_view(pd.DataFrame({"name": [MATH_NAME]})).to_html()
    assert f'class="{NO_MATH}"' in markup
    assert "mathjax_ignore" in NO_MATH.split()


@pytest.mark.parametrize("lang", LANGS)
def test_customer_list_shows_every_hostile_name_as_text(customers, lang):
    """The customer list (notebook 01, the upload picker) shows each name exactly."""
    markup = customer_list_table(customers, lang).to_html()
    assert_no_markup(markup)
    shown = {cell for row in table_cells(markup) for cell in row}
    assert set(NAMES) <= shown


@pytest.mark.parametrize("lang", LANGS)
def test_segment_table_and_moves_show_names_as_text(customers, lang):
    """The segment table (notebook 00) and the moves of a quarter (notebook 06)."""
    answers = pd.DataFrame({"customer_id": customers["customer_id"], "margin": "yes"})
    result = segment_customers(customers, answers)
    markup = segment_table(result, lang).to_html()
    assert_no_markup(markup)
    assert set(NAMES) <= {cell for row in table_cells(markup) for cell in row}
    later = result.segments.copy()
    later["segment"] = later["segment"].map({"A": "C", "B": "A", "C": "B"})
    moves, _ = compare_segments(result.segments, later)
    markup = moves_table(moves, lang).to_html()
    assert_no_markup(markup)
    assert set(NAMES) <= {cell for row in table_cells(markup) for cell in row}
    history = quarter_history([("Q1", result.segments), ("Q2", later)])
    markup = history_view(history, lang, changed_only=True).to_html()
    assert_no_markup(markup)
    assert set(NAMES) <= {cell for row in table_cells(markup) for cell in row}


@pytest.mark.parametrize("lang", LANGS)
def test_favourites_and_agreement_tables_show_participants_as_text(session, lang):
    """Participants are names people typed: favourites (05) and agreement (03) tables."""
    result = segment_session(session, PARTICIPANTS[0])
    favourites = favourites_by_segment(result.customers, session.favourites())
    markup = favourites_table(favourites, lang).to_html()
    assert_no_markup(markup)
    assert set(PARTICIPANTS) <= {row[0] for row in table_cells(markup)}
    view = ConsensusView(session, lang=lang)
    for markup in (view.agreement_table().to_html(), view.grid.value, view.card.value):
        assert_no_markup(markup)
    assert table_cells(view.grid.value)[0][1:] == sorted(PARTICIPANTS)


@pytest.mark.parametrize("lang", LANGS)
def test_widgets_hold_no_markup_from_data(session, lang):
    """The answer form, band picker and plan editor: every HTML value they hold is clean,
    while the name, note and owner are there as text."""
    form = AnswerForm(session, participant=PARTICIPANTS[0], lang=lang)
    assert form.note.value == NOTE  # a text box holds the note as typed: not HTML
    values = [form.card.value, form.progress.value, form.verdict.value, form.status.value]
    for _ in range(len(NAMES)):
        form.next.click()
        values.append(form.card.value)
    for markup in values:
        assert_no_markup(markup)
    assert any(escape_text(IMAGE_NAME) in v for v in values)
    picker = BandPicker(session, lang=lang)
    assert_no_markup(picker.table.value + picker.state.value)
    result = segment_session(session, PARTICIPANTS[0])
    editor = PlanEditor(session, result, lang=lang)
    assert_no_markup(editor.table.value + editor.warnings.value)
    managers = [row[0] for row in table_cells(editor.table.value)]
    assert "<svg onload=alert(6)>" in managers
    assert editor.owner["C"].value == OWNER


@pytest.mark.usefixtures("untouched_rcparams")
def test_matrix_writes_dollar_names_as_text_not_math():
    """A name with $…$ (even unbalanced TeX) is drawn as its characters, and the chart renders."""
    customers = pd.DataFrame(
        {
            "customer_id": ["1", "2", "3"],
            "name": [MATH_NAME, "$\\frac{$ nv", "Plain"],
            "revenue": [90_000.0, 50_000.0, 1_000.0],
        }
    )
    result = segment_customers(customers, None, thresholds=(10_000, 60_000))
    fig = Figure(figsize=(12, 7))
    ax = matrix_chart(result, ax=fig.add_subplot(), lang="nl", favourites={"1"})
    fig.savefig(io.BytesIO(), format="png")  # mathtext would raise on "$\frac{$"
    names = {t.get_gid(): t for t in ax.texts if str(t.get_gid()).startswith("name-")}
    assert names["name-1"].get_text().rstrip("…") in MATH_NAME
    assert names["name-1"].get_text().startswith("Prijzen $x^2")
    assert not any(t._parse_math for t in names.values())
    assert matplotlib.get_backend()  # no global state was needed to draw


@pytest.mark.usefixtures("untouched_rcparams")
def test_matrix_of_hostile_names_draws_without_warnings(customers):
    """Emoji, a right-to-left override and 500 characters: the names the font can draw are
    written, the rest left out, and the chart renders without a glyph warning (warnings are
    errors in the tests)."""
    result = segment_customers(customers, None, thresholds=(5_000, 30_000))
    fig = Figure(figsize=(12, 7))
    ax = matrix_chart(result, ax=fig.add_subplot(), lang="en")
    fig.savefig(io.BytesIO(), format="png")
    written = [t.get_text() for t in ax.texts if str(t.get_gid()).startswith("name-")]
    assert "Bakkerij Peeters" in written
    assert "GNIRTS Drukkerij" in written
    assert all("\u202e" not in name and "🥐" not in name for name in written)


def test_every_table_of_the_kit_is_built_by_table_view():
    """One way to build an HTML table: only ``present.table_view`` makes a pandas Styler
    (``DataFrame.style``), whose cells are raw HTML unless it escapes them."""
    import ast
    from pathlib import Path

    import klantlib

    offenders = []
    for path in sorted(Path(klantlib.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and node.attr == "style":
                    offenders.append(f"{path.name} {function.name}")
    assert offenders == ["present.py table_view"]
