"""Every notebook, in both languages, run top to bottom on a session of hostile names, notes,
participants and owners: no HTML it shows and no widget it holds carries their markup."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import klantlib
from klantlib.core.plan import SegmentPlan, default_plan
from klantlib.core.questions import QUESTIONS
from tests.hostile import (
    NAMES,
    NOTE,
    OWNER,
    PARTICIPANTS,
    describe,
    hostile_customers,
    html_in_outputs,
    html_in_widget_state,
    raw_markup,
    visible_text,
)
from tests.test_notebooks import NOTEBOOKS, notebook_id, output_text

SESSION = "hostile"
NEXT_SESSION = "vijandig-q2"


def write_hostile_data(folder: Path, workspace: Path | None = None) -> dict[str, Path]:
    """The hostile customer list, the next quarter's (one gone, one new hostile customer), an
    answer file, and session ``hostile`` answered by hostile participants with a hostile plan
    (in ``workspace``, by default ``folder/sessies``)."""
    folder.mkdir(parents=True, exist_ok=True)
    customers = hostile_customers()
    files = {
        "customers": folder / "klanten.csv",
        "next": folder / "klanten_q2.csv",
        "answers": folder / "antwoorden.csv",
    }
    customers.to_csv(files["customers"], index=False)
    later = customers.iloc[1:].copy()
    later.loc[len(customers)] = [
        "099",
        "<iframe src=hostile-frame.html></iframe> Nieuw",
        5_000.0,
        1.0,
        "Pieter",
    ]
    later.to_csv(files["next"], index=False)
    answers = customers[["customer_id"]].copy()
    for number, question in enumerate(("marge", "cashflow", "innovatie", "netwerk")):
        answers[question] = ["ja" if (i + number) % 2 else "nee" for i in range(len(customers))]
    answers.to_csv(files["answers"], index=False)

    workspace = workspace or folder / "sessies"
    with klantlib.start_session(SESSION, files["customers"], workspace=workspace) as made:
        ids = list(made.customer_ids())
        for number, participant in enumerate(PARTICIPANTS):
            changes = [
                (cid, question, "yes" if (i + j + number) % 3 else "no")
                for i, cid in enumerate(ids)
                for j, question in enumerate(QUESTIONS)
            ]
            changes += [(ids[0], "note", NOTE), (ids[1], "favourite", "yes")]
            made.record_many(participant, changes)
        plan = dict(default_plan())
        plan["C"] = SegmentPlan("C", "reactive", ("email",), 2, owner=OWNER)
        made.set_plan(plan)
    return files


def in_session(participant: str):
    """The parameters of a notebook on the hostile session, as ``participant``."""
    return lambda f, tmp: {
        "session": SESSION,
        "customers_file": f["customers"],
        "participant": participant,
    }


PARAMETERS = {
    "00": lambda f, tmp: {"customers_file": f["customers"], "answers_file": f["answers"]},
    "01": lambda f, tmp: {"customers_file": f["customers"], "year": None},
    "02": lambda f, tmp: {"session": SESSION, "customers_file": f["customers"]},
    "03": in_session(PARTICIPANTS[0]),
    "04": in_session(PARTICIPANTS[1]),
    "05": in_session(PARTICIPANTS[0]),
    "06": lambda f, tmp: {
        "previous_session": SESSION,
        "customers_file": f["next"],
        "session": NEXT_SESSION,
        "participant": PARTICIPANTS[0],
        "report_folder": tmp / "rapport",
    },
    "07": lambda f, tmp: {
        "session": SESSION,
        "customers_file": f["customers"],
        "report_folder": tmp / "rapport",
    },
}


def with_parameters(notebook, values: dict[str, object]) -> None:
    """Set the grey cell's parameters, as papermill does: a cell right after it."""
    source = "\n".join(
        f"{name} = {(str(value) if isinstance(value, Path) else value)!r}"
        for name, value in values.items()
    )
    (index,) = [
        i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])
    ]
    notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(source))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_shows_hostile_data_only_as_text(path, tmp_path, monkeypatch):
    """Run on hostile names (script tags, event handlers, javascript: links, $…$, RTL override,
    500 characters, emoji), the notebook ends without error and no HTML output or widget
    value holds their markup; the hostile texts are there, escaped."""
    import nbclient

    monkeypatch.setenv("KLANTLIB_WORKSPACE", str(tmp_path / "data" / "sessies"))
    files = write_hostile_data(tmp_path / "data")
    notebook = nbformat.read(path, as_version=4)
    with_parameters(notebook, PARAMETERS[path.name[:2]](files, tmp_path))
    nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()

    shown = output_text(notebook.cells)
    assert "Traceback" not in shown
    assert "Warning" not in shown  # no glyph or other warning under a cell
    pages = html_in_outputs(notebook) + html_in_widget_state(notebook)
    found = [piece for page in pages for piece in raw_markup(page)]
    assert found == [], f"markup from data in {notebook_id(path)}: {describe(found)}"
    everything = "\n".join(visible_text(page) for page in pages)
    if path.name[:2] in ("00", "01", "03", "06"):  # these show customer names in HTML
        shown = [name for name in NAMES[:4] if name in everything]
        assert shown, f"no hostile name shown as text in {notebook_id(path)}"
