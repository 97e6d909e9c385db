"""The notebooks: they run top to bottom, nl and en stay twins, and git holds them clean."""

from __future__ import annotations

import html
import importlib.util
import json
import sys
from pathlib import Path

import pytest

import klantlib
from klantlib.reports.quarter import QUARTER_FILES

NOTEBOOK_ROOT = Path(__file__).resolve().parents[1] / "notebooks"
SAMPLE_INVOICES = NOTEBOOK_ROOT.parent / "data" / "voorbeeld" / "factuurlijnen.csv"
BUILD_SCRIPT = NOTEBOOK_ROOT / "build_notebooks.py"
NOTEBOOKS = sorted(
    path for path in NOTEBOOK_ROOT.glob("*/*.ipynb") if ".ipynb_checkpoints" not in path.parts
)

# The environment check's last line, which the first notebook shows.
ALL_SET = {"nl": klantlib.text("env.all_ok", "nl"), "en": klantlib.text("env.all_ok", "en")}


def notebook_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def language(path: Path) -> str:
    return path.parent.name


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def twins() -> list[tuple[Path, Path]]:
    """Pairs (nl, en) matched on the number in front of the name: ``00_start_hier``."""
    english = {path.name.split("_")[0]: path for path in NOTEBOOK_ROOT.glob("en/*.ipynb")}
    return [
        (path, english.get(path.name.split("_")[0]))
        for path in sorted(NOTEBOOK_ROOT.glob("nl/*.ipynb"))
    ]


def output_text(cells) -> str:
    """Everything these cells show after a run: streams, displays, results and errors."""
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.extend(str(value) for value in output.get("data", {}).values())
            parts.extend(output.get("traceback", []))
    return "\n".join(parts)


def widget_outputs(notebook) -> list[dict]:
    """The outputs held by the notebook's Output widgets (saved in its widget state)."""
    state = notebook.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}
    )
    return [
        output
        for model in state.get("state", {}).values()
        if model.get("model_name") == "OutputModel"
        for output in model.get("state", {}).get("outputs", [])
    ]


def build_script(monkeypatch):
    """``notebooks/build_notebooks.py`` imported as a module for the length of one test."""
    spec = importlib.util.spec_from_file_location("build_notebooks", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_notebooks_are_found():
    """The glob finds the first notebook in both languages, so the other tests test something."""
    names = {notebook_id(path) for path in NOTEBOOKS}
    assert {"nl/00_start_hier", "en/00_start_here"} <= names


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    """The notebook runs without error and shows its results in its own language."""
    import nbclient
    import nbformat

    # sessions go to a scratch folder, never into the kit's data/ (the kernel inherits this)
    monkeypatch.setenv("KLANTLIB_WORKSPACE", str(tmp_path / "sessies"))

    lang = language(path)
    notebook = nbformat.read(path, as_version=4)
    if path.stem.startswith("06_"):
        prepare_new_quarter(notebook, tmp_path)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()

    shown = output_text(notebook.cells)
    assert "Traceback" not in shown
    other = "en" if lang == "nl" else "nl"
    if path.stem.startswith("00_"):
        for band in klantlib.BANDS:
            assert f">{klantlib.text(f'band.{band}', lang)}</td>" in shown
        for segment in klantlib.SEGMENTS:
            assert f">{segment}</td>" in shown
        assert ALL_SET[lang] in shown
        assert ALL_SET[other] not in shown
        for question in klantlib.QUESTIONS:
            assert klantlib.question_text(question, lang) in shown
    if path.stem.startswith("01_"):
        check_customer_list_outputs(notebook, shown, lang, other)
    if path.stem.startswith("02_"):
        check_revenue_bands_outputs(notebook, shown, lang, other, tmp_path / "sessies")
    if path.stem.startswith("04_"):
        check_matrix_outputs(notebook, shown, lang, other)
    if path.stem.startswith("05_"):
        check_action_plan_outputs(notebook, shown, lang, other, tmp_path / "sessies")
    if path.stem.startswith("03_"):
        check_four_questions_outputs(notebook, shown, lang, other, tmp_path / "sessies")
    if path.stem.startswith("06_"):
        check_new_quarter_outputs(notebook, shown, lang, other, tmp_path)


def prepare_new_quarter(notebook, tmp_path: Path) -> None:
    """Last quarter as notebooks 02-05 leave it (session 2026-Q4 with An's and Pieter's
    answers), and the files into a scratch folder, as ``report_folder = ...`` would."""
    import nbformat

    with klantlib.start_session(
        "2026-Q4", SAMPLE_INVOICES.with_name("klanten.csv"), workspace=tmp_path / "sessies"
    ) as last:
        klantlib.add_example_answers(last, "nl")
    source = f"report_folder = {str(tmp_path / 'rapport')!r}"
    notebook.cells.insert(1, nbformat.v4.new_code_cell(source))


def check_new_quarter_outputs(notebook, shown: str, lang: str, other: str, tmp_path) -> None:
    """Notebook 06 on the sample: the next quarter's session carried from 2026-Q4, what came
    over, the moves, the history and the files."""
    workspace = tmp_path / "sessies"
    with klantlib.open_session("2027-Q1", workspace=workspace) as made:
        assert made.carried_from == "2026-Q4"
        for line in klantlib.carried_lines(made, lang):
            assert line in shown
        assert {p: len(made.to_confirm(p)) for p in made.participants()} == {
            "An": 44,
            "Pieter": 44,
        }
    shown += output_text([{"outputs": widget_outputs(notebook)}])  # the quarter view's areas
    assert klantlib.text("moves_chart.gone", lang) in shown  # the from -> to grid
    assert klantlib.text("moves.new", lang) in shown  # a reason in the moves table
    assert klantlib.text("moves.new", other) not in shown
    written = sorted(p.name for p in (tmp_path / "rapport").iterdir())
    assert written == sorted([*QUARTER_FILES, *klantlib.REPORT_FILES])
    widgets = json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False)
    assert klantlib.text("form.only_to_confirm", lang) in widgets


def check_customer_list_outputs(notebook, shown: str, lang: str, other: str) -> None:
    """Notebook 01 on the sample invoice lines: report, upload widget, and the list, chart and
    sentence in areas that follow the upload."""
    customers, report = klantlib.load_customers(SAMPLE_INVOICES, year=2025)
    for line in report.lines(lang):
        assert line in shown
    areas = widget_outputs(notebook)
    shown = output_text([{"outputs": areas}])
    assert klantlib.pareto_line(customers, lang) in shown
    assert klantlib.pareto_line(customers, other) not in shown
    assert f">{klantlib.text('col.cumulative_share', lang)}</th>" in shown
    assert ">Brouwerij Mattheeuws bv</td>" in shown  # the largest customer of 2025
    widgets = json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False)
    assert klantlib.text("upload.waiting", lang) in widgets  # the picker, nothing uploaded
    assert klantlib.text("upload.button", lang) in widgets
    kinds = [
        kind
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        for kind in o.get("data", {})
    ]
    assert kinds.count("application/vnd.jupyter.widget-view+json") == 4  # picker, 3 areas
    assert kinds.count("image/png") == 0  # the chart is in its area, not again in the cell
    assert [kind for o in areas for kind in o.get("data", {})].count("image/png") == 1


def check_revenue_bands_outputs(notebook, shown: str, lang: str, other: str, workspace) -> None:
    """Notebook 02 on the sample: a new session, the band picker opened on the 80/15/5
    suggestion (said to be one, nothing stored), the table per band and the chart in its area."""
    with klantlib.open_session("2026-Q4", workspace=workspace) as made:
        customers = made.customers()
        assert len(customers) == 48
        assert made.thresholds is None  # opening the picker stores nothing
        assert klantlib.session_header(made, lang) in shown
    suggestion = klantlib.suggest_cumulative_share(customers)

    def opened(language: str) -> str:
        amounts = {
            name: klantlib.format_money(amount, language, cents=amount != round(amount))
            for name, amount in (("low", suggestion.low), ("high", suggestion.high))
        }
        message = klantlib.text("picker.opened_suggestion", language, name="2026-Q4", **amounts)
        return html.escape(message)

    widgets = json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False)
    assert opened(lang) in widgets
    assert opened(other) not in widgets
    assert klantlib.text("picker.store", lang) in widgets
    for band in klantlib.BANDS:
        assert f">{klantlib.text(f'band.{band}', lang)}</td>" in widgets  # the table
    kinds = [
        kind
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        for kind in o.get("data", {})
    ]
    assert kinds.count("application/vnd.jupyter.widget-view+json") == 1  # the picker
    assert kinds.count("image/png") == 0  # the chart is in the picker's area only
    areas = widget_outputs(notebook)
    assert [kind for o in areas for kind in o.get("data", {})].count("image/png") == 1


def check_matrix_outputs(notebook, shown: str, lang: str, other: str) -> None:
    """Notebook 04 on the sample: whose answers, the thresholds, the matrix drawn once, and
    the grid editor with the stored default grid."""
    assert klantlib.text("plan.answers_team", lang) in shown
    kinds = [
        k for cell in notebook.cells for o in cell.get("outputs", []) for k in o.get("data", {})
    ]
    assert kinds.count("image/png") == 1  # the matrix
    widgets = json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False)
    assert klantlib.text("grid.state_stored", lang) in widgets
    assert klantlib.text("grid.state_stored", other) not in widgets
    assert klantlib.text("report.button", lang) not in widgets  # the report comes after the plan


def check_action_plan_outputs(notebook, shown: str, lang: str, other: str, workspace) -> None:
    """Notebook 05 on the sample: the example answers, whose answers are used, the plan
    editor with its hours, and where the favourites land."""
    with klantlib.open_session("2026-Q4", workspace=workspace) as made:
        assert made.participants() == ["An", "Pieter"]
    assert klantlib.text("examples.added", lang, people="An, Pieter") in shown
    # two participants, no team answer yet: agreed answers count, disagreements stay open
    assert klantlib.text("plan.answers_team", lang) in shown
    assert klantlib.text("plan.answers_team", other) not in shown
    widgets = json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False)
    assert klantlib.text("plan.channel.visit", lang) in widgets
    assert klantlib.text("plan.state_stored", lang) in widgets
    assert klantlib.text("report.button", lang) in widgets  # the report, after the plan
    assert f">{klantlib.text('plan.fav.total', lang)}</th>" in shown


def check_four_questions_outputs(notebook, shown: str, lang: str, other: str, workspace) -> None:
    """Notebook 03 on the sample: a new session with the example answers of An and Pieter,
    the form, and the team step with their disagreements first."""
    with klantlib.open_session("2026-Q4", workspace=workspace) as made:
        assert len(made.customers()) == 48
        assert made.participants() == ["An", "Pieter"]
        assert klantlib.session_header(made, lang) in shown
    assert klantlib.text("examples.added", lang, people="An, Pieter") in shown
    for question in klantlib.QUESTIONS:
        assert klantlib.question_text(question, lang) in shown
    widgets = json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False)
    assert klantlib.text("form.choose_who", lang) in widgets
    assert klantlib.text("form.choose_who", other) not in widgets
    # no participant yet: the overview says so in one sentence
    assert klantlib.text("form.update", lang) in widgets
    summary = klantlib.text("team.summary", lang, people=2, discuss=6, decided=0, total=48)
    assert summary in widgets
    assert klantlib.text("team.discuss", lang) in widgets  # a disagreement is shown first
    assert klantlib.text("team.col.agreement", lang) in shown  # the agreement table


@pytest.mark.parametrize("nl, en", twins(), ids=lambda path: getattr(path, "stem", "missing"))
def test_every_dutch_notebook_has_an_english_twin(nl, en):
    """Same cells in the same order; code identical except the ``lang =`` line and the
    grey cell's comments, which are in the notebook's language."""
    assert en is not None, f"{nl.name} has no English twin in notebooks/en/"
    nl_cells, en_cells = read(nl)["cells"], read(en)["cells"]
    assert [c["cell_type"] for c in nl_cells] == [c["cell_type"] for c in en_cells]
    for lang, cells in (("nl", nl_cells), ("en", en_cells)):
        first = cells[0]
        assert first["cell_type"] == "code"
        assert "parameters" in first["metadata"].get("tags", [])
        assert f'lang = "{lang}"' in "".join(first["source"])
    for nl_cell, en_cell in zip(nl_cells, en_cells, strict=True):
        if nl_cell["cell_type"] != "code":
            continue
        nl_lines, en_lines = (
            [_code_of(line) for line in "".join(cell["source"]).splitlines()]
            for cell in (nl_cell, en_cell)
        )
        assert [line for line in nl_lines if not line.startswith("lang = ")] == [
            line for line in en_lines if not line.startswith("lang = ")
        ]


def _code_of(line: str) -> str:
    """A grey cell's line without its comment (``name = value  # comment``)."""
    return line.split("  # ", 1)[0]


def test_the_grey_cell_speaks_the_notebooks_language():
    """Every parameter's comment in a Dutch notebook is Dutch: none equals its English twin."""
    for nl, en in twins():
        nl_first, en_first = (read(path)["cells"][0]["source"] for path in (nl, en))
        for nl_line, en_line in zip(nl_first, en_first, strict=True):
            assert "  # " in nl_line
            assert nl_line.split("  # ", 1)[1] != en_line.split("  # ", 1)[1], nl_line


def test_every_english_notebook_has_a_dutch_twin():
    """No English notebook exists without a Dutch one with the same number."""
    dutch = {path.name.split("_")[0] for path in NOTEBOOK_ROOT.glob("nl/*.ipynb")}
    lonely = [p.name for p in NOTEBOOK_ROOT.glob("en/*.ipynb") if p.name.split("_")[0] not in dutch]
    assert lonely == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_committed_notebook_has_no_outputs(path):
    """No outputs and no execution counts in git: what customers' data shows stays local."""
    for cell in read(path)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None


def test_committed_notebooks_equal_the_build(tmp_path, monkeypatch):
    """The notebooks in git are exactly what ``notebooks/build_notebooks.py`` writes."""
    built = build_script(monkeypatch).build(tmp_path)
    assert sorted(p.relative_to(tmp_path) for p in built) == sorted(
        p.relative_to(NOTEBOOK_ROOT) for p in NOTEBOOKS
    ), "run: python notebooks/build_notebooks.py"
    for path in built:
        committed = NOTEBOOK_ROOT / path.relative_to(tmp_path)
        assert read(path) == read(committed), "run: python notebooks/build_notebooks.py"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", "Fout: Bestand niet gevonden: geen.csv"), ("en", "Error: File not found: geen.csv")],
)
def test_kit_errors_show_as_one_sentence_in_a_notebook(tmp_path, lang, expected):
    """After setup_notebook a missing file reads as one sentence, not as a traceback."""
    import nbclient
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    notebook = new_notebook(
        cells=[
            new_code_cell(f"import klantlib\nklantlib.setup_notebook({lang!r});"),
            new_code_cell("klantlib.read_customers_csv('geen.csv')"),
            new_code_cell("1 / 0"),
        ]
    )
    nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=60,
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    kit_error, other_error = output_text(notebook.cells[1:2]), output_text(notebook.cells[2:])
    assert kit_error.strip() == expected
    assert "ZeroDivisionError" in other_error  # errors of other kinds keep their traceback
    assert nbformat.validate(notebook) is None


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_notebook_03_on_the_large_sample_opens_an_account_managers_portfolio(
    tmp_path, monkeypatch, lang
):
    """The grey cell chooses the large sample and an account manager: a session of 400
    customers, the form on Jonas's 84 customers under his name, the team step per account
    manager."""
    import nbclient
    import nbformat

    from tests.test_hostile_notebooks import with_parameters

    monkeypatch.setenv("KLANTLIB_WORKSPACE", str(tmp_path / "sessies"))
    path = next(p for p in NOTEBOOKS if p.stem.startswith("03_") and language(p) == lang)
    notebook = nbformat.read(path, as_version=4)
    with_parameters(
        notebook,
        {
            "session": "groot",
            "customers_file": "data/voorbeeld_groot/klanten.csv",
            "account_manager": "jonas",
        },
    )
    nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    assert "Traceback" not in output_text(notebook.cells)
    with klantlib.open_session("groot", workspace=tmp_path / "sessies") as made:
        assert len(made.customers()) == 400
        assert made.last_participant == "Jonas"
    widgets = json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False)
    t = klantlib.text
    assert t("form.hello", lang, name="Jonas") in widgets
    assert html.escape(t("form.progress_portfolio", lang, manager="Jonas")) in widgets
    assert t("form.progress", lang, answered=0, total=84, open=0) in widgets
    assert t("progress.caption", lang) in widgets
    assert t("room.none", lang, total=400) in widgets
