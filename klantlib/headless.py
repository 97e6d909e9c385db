"""Run a notebook of the kit without JupyterLab (edge): ``python -m klantlib run NOTEBOOK``.

Papermill does the work: it puts the given parameters in a cell after the notebook's tagged
``parameters`` cell, runs every cell in a fresh kernel and saves the notebook with its outputs.
Papermill only *warns* about a parameter the notebook does not have; a mistyped name would then
run the whole notebook on the default value. The kit refuses it twice:

- :func:`run_notebook` compares the names with the notebook's parameters before it starts;
- :func:`check_injected_parameters` (called by :func:`klantlib.setup_notebook` in step 1 of
  every notebook) does the same inside the kernel, so a run with the plain ``papermill``
  command stops too.
"""

from __future__ import annotations

import ast
import difflib
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from klantlib.errors import KlantlibError, Notice
from klantlib.i18n import LANGUAGES, check_language, get_language, text

if TYPE_CHECKING:
    from papermill import PapermillExecutionError

__all__ = [
    "INJECTED_MARK",
    "check_injected_parameters",
    "check_parameter_names",
    "find_notebook",
    "notebook_parameters",
    "parameter_value",
    "run_notebook",
]

INJECTED_MARK = "# Parameters\n"
"""How papermill's cell of given parameters starts (its Python translator's comment)."""


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def find_notebook(notebook: str | Path, lang: str | None = None) -> Path:
    """The notebook file: a path as given, or a name of the kit's (``06_nieuw_kwartaal``,
    with or without ``.ipynb``) looked up in ``notebooks/<lang>/``, then in the other
    language's folder."""
    from klantlib.paths import NOTEBOOK_FOLDER, kit_root

    given = Path(notebook)
    if given.suffix != ".ipynb":
        given = given.with_name(given.name + ".ipynb")
    if given.is_file():
        return given
    lang = check_language(lang) if lang is not None else get_language()
    folders = [kit_root() / NOTEBOOK_FOLDER / x for x in (lang, *LANGUAGES) if x]
    if given.parent == Path("."):
        for folder in folders:
            if (folder / given.name).is_file():
                return folder / given.name
    known = sorted({p.stem for folder in folders for p in folder.glob("*.ipynb")})
    raise KlantlibError("error.notebook_not_found", notebook=str(notebook), known=known or ["—"])


def notebook_parameters(path: str | Path) -> dict[str, object]:
    """The notebook's parameters (the assignments in its ``parameters`` cell) and their default
    values, in the cell's order."""
    import papermill

    found = papermill.inspect_notebook(str(path))
    return {name: _literal(info["default"]) for name, info in found.items()}


def check_parameter_names(
    given: Sequence[str], known: Sequence[str], *, notebook: str | Notice
) -> None:
    """Refuse any name in ``given`` that is not in ``known``, suggesting the closest known one."""
    unknown = [name for name in given if name not in known]
    if not unknown:
        return
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hints.append(
            Notice("run.did_you_mean", {"name": name, "known": close[0]})
            if close
            else Notice("run.no_such", {"name": name})
        )
    raise KlantlibError(
        "error.unknown_parameter", notebook=notebook, hints=hints, known=list(known) or ["—"]
    )


def parameter_value(name: str, value: str, default: object) -> object:
    """The text typed on the command line as the type of the parameter's default: text for a
    text parameter (a session called 2027 stays "2027"), a whole number, a number, True/False;
    for a parameter whose default is None: None, a whole number, or else the text."""
    if isinstance(default, str):
        return value
    if isinstance(default, bool):
        truth = {"true": True, "ja": True, "yes": True, "1": True}
        truth |= {"false": False, "nee": False, "no": False, "0": False}
        if value.strip().casefold() in truth:
            return truth[value.strip().casefold()]
        raise KlantlibError(
            "error.parameter_value", name=name, value=value, kind=Notice("run.kind_bool")
        )
    if isinstance(default, int):
        try:
            return int(value.strip())
        except ValueError:
            raise KlantlibError(
                "error.parameter_value", name=name, value=value, kind=Notice("run.kind_int")
            ) from None
    if isinstance(default, float):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            raise KlantlibError(
                "error.parameter_value", name=name, value=value, kind=Notice("run.kind_float")
            ) from None
    if value.strip() in ("", "None"):
        return None
    try:
        return int(value.strip())
    except ValueError:
        return value


def run_notebook(
    notebook: str | Path,
    parameters: Mapping[str, str],
    *,
    out: str | Path | None = None,
    lang: str | None = None,
) -> tuple[Path, list[str]]:
    """Run ``notebook`` top to bottom in a fresh kernel with ``parameters`` (name -> the text
    typed); return the path of the saved notebook with its outputs and the lines it printed.

    Unknown names are refused before anything runs. Values take the type of the parameter's
    default; a relative path in a ``*_file`` or ``*_folder`` parameter is taken from the
    current folder (the
    notebook itself runs in its own folder, as in JupyterLab). The result goes to ``out``, by
    default ``data/rapporten/<session>/<notebook>.ipynb`` (``data/rapporten/`` without a
    ``session`` parameter). A cell that fails stops the run with its message."""
    import papermill

    from klantlib.paths import REPORT_FOLDER, kit_root
    from klantlib.reports.present import shown_path

    lang = check_language(lang) if lang is not None else get_language()
    path = find_notebook(notebook, lang)
    known = notebook_parameters(path)
    check_parameter_names(list(parameters), list(known), notebook=path.stem)
    values = {}
    for name, typed in parameters.items():
        value = parameter_value(name, typed, known[name])
        if name.endswith(("_file", "_folder")) and isinstance(value, str) and value:
            value = str(Path(value).expanduser().resolve())
        values[name] = value
    session = values.get("session", known.get("session"))
    folder = kit_root() / REPORT_FOLDER
    if isinstance(session, str) and session:
        folder = folder / session
    target = Path(out) if out is not None else folder / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        done = papermill.execute_notebook(
            str(path),
            str(target),
            parameters=values,
            cwd=str(path.parent),
            kernel_name="python3",
            language="python",
            progress_bar=sys.stderr.isatty(),
            # the kernel's own log is not the user's: start-up warnings (TCP on localhost), and
            # "KeyboardInterrupt caught in kernel" when a busy machine stops it after a failed
            # cell; what went wrong in a cell is in the notebook and in the kit's message
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except papermill.PapermillExecutionError as failed:
        raise KlantlibError(
            "error.run_failed",
            notebook=path.stem,
            cell=failed.exec_count or failed.cell_index,
            message=_failure(target, failed),
            out=shown_path(target),
        ) from None
    return target, _printed(done)


def _failure(saved: Path, failed: PapermillExecutionError) -> str:
    """What the failed cell said: the kit's message (printed on stderr instead of a
    traceback), else the error's own text."""
    import nbformat

    try:
        cells = nbformat.read(saved, as_version=4).cells
    except (OSError, ValueError):
        cells = []
    said = [
        str(output.get("text", ""))
        for cell in cells
        if cell.get("metadata", {}).get("papermill", {}).get("exception") is True
        for output in cell.get("outputs", ())
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    ]
    message = _ANSI.sub("", said[-1] if said else f"{failed.ename}: {failed.evalue}").strip()
    for lang in LANGUAGES:  # the kit's "Error: …" in the kernel, without its "Error: "
        prefix = text("error.shown", lang, message="")
        if prefix.strip() and message.startswith(prefix):
            return message[len(prefix) :].strip()
    return message


def _printed(notebook: Mapping) -> list[str]:
    """The lines the notebook's cells printed (and the kit's messages on stderr), in order."""
    lines = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", ()):
            if output.get("output_type") == "stream":
                lines += str(output.get("text", "")).rstrip("\n").splitlines()
    return lines


def check_injected_parameters(history: Sequence[str] | None = None) -> None:
    """Inside a notebook run by papermill: refuse a given parameter the notebook does not have.

    ``history`` is the sources of the cells run so far (IPython's ``In``; read from the running
    shell when None). Papermill runs its cell of given parameters right after the notebook's
    ``parameters`` cell; the names assigned in the first must all be assigned in the second.
    Without such a cell (JupyterLab, a plain run) there is nothing to check."""
    if history is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - plain Python
            return
        shell = get_ipython()
        history = list(shell.user_ns.get("In", [])) if shell is not None else []
    for position in range(len(history) - 1, 0, -1):
        if history[position].startswith(INJECTED_MARK):
            given = _assigned(history[position])
            known = _assigned(history[position - 1])
            if known:
                check_parameter_names(given, known, notebook=Notice("run.this_notebook"))
            return


def _assigned(source: str) -> list[str]:
    """The names a cell assigns at its top level, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
    return names


def _literal(source: object) -> object:
    try:
        return ast.literal_eval(str(source))
    except (ValueError, SyntaxError):
        return source
