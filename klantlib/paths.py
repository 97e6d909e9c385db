"""Where the kit keeps things (bottom layer): the kit's folder and the folders in it.

Every module that reads or writes in the kit's folder takes its place from here, so a folder is
named once. Paths are relative to :func:`kit_root` unless said otherwise.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "NOTEBOOK_FOLDER",
    "REPORT_FOLDER",
    "SAMPLE_FOLDER",
    "SESSION_FOLDER",
    "UPLOAD_FOLDER",
    "WORK_FOLDER",
    "kit_root",
]

NOTEBOOK_FOLDER = Path("notebooks")
"""The kit's notebooks, one folder per language (``nl``, ``en``)."""

SAMPLE_FOLDER = Path("data") / "voorbeeld"
"""The sample company's files, made by ``klantlib.sample``."""

SESSION_FOLDER = Path("data") / "sessies"
"""Where sessions are kept by default (another workspace: ``KLANTLIB_WORKSPACE``)."""

REPORT_FOLDER = Path("data") / "rapporten"
"""Where reports go by default, a folder per session."""

UPLOAD_FOLDER = Path("data") / "eigen"
"""Where a team's own files go when they choose them in a notebook."""

WORK_FOLDER = Path("werkmap")
"""Where the team's copies of the notebooks live; git ignores it, so the shipped notebooks
stay as they are and a new kit version arrives with a plain ``git pull``."""


def kit_root() -> Path:
    """The folder holding ``notebooks/`` and ``data/``: the checkout klantlib is installed from."""
    package_parent = Path(__file__).resolve().parents[1]
    if (package_parent / "notebooks").is_dir():
        return package_parent
    return Path.cwd()
