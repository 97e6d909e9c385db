"""The sessions in a workspace folder (edge): their names, making one from a customer table,
the next quarter's from the last one, and opening one by name.

A workspace is a folder of session files, by default ``data/sessies/`` in the kit (git ignores
it); ``$KLANTLIB_WORKSPACE`` names another. A session (``2026-Q4``) is one file there
(:mod:`klantlib.store.session_file`), read and written through :class:`Session`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd

from klantlib.core.bands import Thresholds, suggest_cumulative_share
from klantlib.core.customers import customer_table
from klantlib.core.questions import FIELDS
from klantlib.core.segments import SegmentGrid
from klantlib.errors import KlantlibError
from klantlib.store import session_file
from klantlib.store.session import Session
from klantlib.store.session_file import SUFFIX

__all__ = [
    "WORKSPACE_VARIABLE",
    "check_session_name",
    "create_next_session",
    "create_session",
    "list_sessions",
    "open_session",
    "session_path",
    "start_session",
    "workspace_folder",
]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")
WORKSPACE_VARIABLE = "KLANTLIB_WORKSPACE"
"""An environment variable naming another default workspace (for a shared folder, or tests)."""


def workspace_folder() -> Path:
    """The default workspace: ``$KLANTLIB_WORKSPACE`` when set, else ``data/sessies`` in the
    kit's folder."""
    chosen = os.environ.get(WORKSPACE_VARIABLE, "").strip()
    if chosen:
        return Path(chosen)
    from klantlib.paths import SESSION_FOLDER, kit_root

    return kit_root() / SESSION_FOLDER


def _workspace(workspace: str | Path | None) -> Path:
    return Path(workspace) if workspace is not None else workspace_folder()


def session_path(name: str, workspace: str | Path | None = None) -> Path:
    """The file of session ``name`` in ``workspace`` (the name is checked, not the file)."""
    return _workspace(workspace) / f"{check_session_name(name)}{SUFFIX}"


_WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)


def check_session_name(name: object) -> str:
    """A session name as typed, trimmed; letters, digits, space, ``.``, ``_`` and ``-``; not
    ending in a dot, and none of the names Windows keeps for devices (``CON``, ``NUL.txt``,
    ``com1``): the kit runs on Windows too, and such a file cannot be made there."""
    text_name = str(name).strip() if name is not None else ""
    if not _NAME.fullmatch(text_name):
        raise KlantlibError("error.session_name", value=text_name)
    if text_name.endswith("."):
        raise KlantlibError("error.session_name_dot", value=text_name)
    if _WINDOWS_RESERVED.fullmatch(text_name):
        raise KlantlibError("error.session_name_reserved", value=text_name)
    return text_name


def list_sessions(workspace: str | Path | None = None) -> list[str]:
    """The sessions in ``workspace``, by name."""
    folder = _workspace(workspace)
    if not folder.is_dir():
        return []
    return sorted(p.name.removesuffix(SUFFIX) for p in folder.glob(f"*{SUFFIX}") if p.is_file())


def create_session(
    name: str,
    customers: pd.DataFrame,
    *,
    thresholds: Thresholds | None = None,
    grid: SegmentGrid | None = None,
    workspace: str | Path | None = None,
    source: str | None = None,
    source_key: str | None = None,
) -> Session:
    """A new session holding ``customers`` (checked as :func:`customer_table` checks them).

    An existing session of that name is never overwritten: that is an error naming it.
    ``source`` is the name of the file the customers came from, kept for the report;
    ``source_key`` what tells that file apart from another (see
    :mod:`klantlib.store.customer_file`).
    """
    path = session_path(name, workspace)
    table = customer_table(customers)
    if path.exists():
        raise KlantlibError("error.session_exists", name=path.stem, folder=str(path.parent))
    meta = {
        "name": path.stem,
        "created_at": session_file.now(),
        "grid": json.dumps(dict((grid or SegmentGrid.default()).cells)),
    }
    if source:
        meta["source"] = source
    if source_key:
        meta["source_key"] = source_key
    if thresholds is not None:
        meta["thresholds"] = json.dumps([thresholds.low, thresholds.high])
    session_file.build_file(path, meta, table)
    return Session(path)


def create_next_session(
    name: str,
    customers: pd.DataFrame,
    previous: Session,
    *,
    workspace: str | Path | None = None,
    source: str | None = None,
    source_key: str | None = None,
) -> Session:
    """A new quarter's session from a new customer table and the previous session.

    The bands (the stored ones, else the 80/15/5 suggestion the previous session used), grid,
    weights, plan, suggestion rules and the room's list carry over; so does every participant's
    (and the team's) current answer, note, favourite and time for each customer still in the
    list — marked "from last quarter, to confirm" until the participant changes or confirms it.
    A customer new in the list starts unanswered and is flagged new; a customer gone from the
    list is listed (its history stays in the previous session). The previous session is only
    read, never changed.
    """
    # the bands in use last quarter: the stored ones, else the suggestion it showed; a new
    # suggestion on the new list would move customers whose revenue did not change
    before = previous.customers()
    thresholds = previous.thresholds or suggest_cumulative_share(before)
    made = create_session(
        name,
        customers,
        thresholds=thresholds,
        grid=previous.grid,
        workspace=workspace,
        source=source,
        source_key=source_key,
    )
    try:
        now = set(made.customers()["customer_id"].astype(str))
        before_ids = set(before["customer_id"].astype(str))
        with session_file.transaction(made._connection):
            for key in (
                "weights",
                "plan",
                "margin_per_hour_target",
                "payment_term_days",
                "answer_for_potential",
                "room",
            ):
                value = previous._meta(key)
                if value is not None and key == "room":  # without the customers gone
                    room = json.loads(value)
                    room["picked"] = [c for c in room["picked"] if c in now]
                    value = json.dumps(room)
                if value is not None:
                    made._upsert(key, value)
            at = session_file.now()
            for participant in previous.participants():
                current = previous.current(participant)
                rows = [
                    (at, participant, str(record["customer_id"]), field, record[field])
                    for record in current.to_dict("records")
                    if str(record["customer_id"]) in now
                    for field in FIELDS
                    if isinstance(record[field], str)
                ]
                made._connection.executemany(
                    "INSERT INTO changes (at, participant, customer_id, field, value)"
                    " VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
            last = made._connection.execute("SELECT max(id) FROM changes").fetchone()[0] or 0
            gone = before[~before["customer_id"].astype(str).isin(now)]
            made._upsert("carried_from", previous.name)
            made._upsert("carried_until", str(last))
            made._upsert("new_customers", json.dumps(sorted(now - before_ids)))
            made._upsert(
                "gone_customers",
                json.dumps(
                    [
                        [str(c), str(n)]
                        for c, n in zip(gone["customer_id"], gone["name"], strict=True)
                    ]
                ),
            )
    except BaseException:
        made.close()
        raise
    return made


def start_session(
    name: str,
    customers_file: str | Path,
    *,
    year: int | None = None,
    number_style: str | None = None,
    workspace: str | Path | None = None,
) -> Session:
    """Session ``name``: opened when it exists (the file is then not read again, so the
    answers keep their customers), else made from ``customers_file`` (anything
    :func:`klantlib.load_customers` reads)."""
    if session_path(name, workspace).is_file():
        return open_session(name, workspace=workspace)
    from klantlib.ingest.loading import load_customers

    customers, _ = load_customers(customers_file, year=year, number_style=number_style)
    return create_session(name, customers, workspace=workspace, source=Path(customers_file).name)


def open_session(name: str, *, workspace: str | Path | None = None) -> Session:
    """The session ``name`` in ``workspace``; an unknown name lists the sessions there."""
    path = session_path(name, workspace)
    if not path.is_file():
        known = list_sessions(workspace)
        raise KlantlibError(
            "error.session_not_found",
            name=path.stem,
            folder=str(path.parent),
            sessions=known or ["—"],
        )
    return Session(path)
