"""The team's customer file and the session it feeds: one rule, for every notebook (edge).

A session holds the customers of one file. Whichever way the team names a file — typed in a
notebook's grey cell, chosen with the upload button, or given on the command line — it goes
through :func:`use_customers_file`, which decides:

1. **No session of that name yet**: it is made from the file.
2. **The session was made from this file** (the same bytes, read with the same year and number
   style): it is opened; the file is not read again, so answers keep their customers.
3. **The session was made from another file, and holds nothing of the team's** (no answers,
   notes, favourites or times, no stored thresholds, grid or plan — or only the kit's sample with
   its example answers): the session is made again from the chosen file; an old session with
   anything in it is first kept under another name (``2026-Q4-factuurlijnen``), never deleted.
4. **The session was made from another file and holds the team's own work**: refused, with the
   two ways on — carry on with the session's own file (leave ``customers_file`` empty), or type a
   new session name.

No file named (``customers_file`` empty): the session as it is, or — for a new session — the
kit's sample, and the notebook says so. A path may be relative to the notebook's folder or to
the kit's folder (``data/eigen/klanten.xlsx``, as the kit shows paths).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from klantlib.errors import KlantlibError
from klantlib.i18n import format_number, text
from klantlib.ingest.loading import LoadReport, load_customers
from klantlib.paths import SAMPLE_FOLDER
from klantlib.store.answer_files import is_sample_session
from klantlib.store.session import Session, close_everywhere
from klantlib.store.session_file import sidecars
from klantlib.store.workspace import (
    check_session_name,
    create_next_session,
    create_session,
    open_session,
    session_path,
)

__all__ = [
    "SAMPLE_FILE",
    "SAMPLE_YEAR",
    "OpenedSession",
    "resolve_path",
    "session_header",
    "use_customers_file",
]

SAMPLE_FILE = SAMPLE_FOLDER / "factuurlijnen.csv"
"""The kit's sample, relative to the kit's folder: a new session without a file of its own."""
SAMPLE_YEAR = 2025
"""The year of the sample's invoice lines that a new session adds up."""
SAMPLE_NEXT_QUARTER = SAMPLE_FOLDER / "klanten_volgend_kwartaal.csv"
"""The kit's sample a quarter later: a next quarter's session without a file of its own."""


@dataclass(frozen=True)
class OpenedSession:
    """The session a notebook works with, and how it came to be.

    ``how``: ``"opened"`` (it existed, with this file), ``"made"`` (new, from the file),
    ``"sample"`` (new, from the kit's sample: no file was named), ``"remade"`` (made again
    from the chosen file; ``set_aside`` names the earlier session kept, if any). ``report`` is
    what the kit understood of the file when it read it now (``None`` when it did not).
    """

    session: Session
    how: str
    report: LoadReport | None = None
    set_aside: str | None = None
    previous_source: str | None = None

    def lines(self, lang: str | None = None) -> list[str]:
        """What happened, for the team: one line, two when an earlier session was kept."""
        out = [session_header(self.session, lang)]
        if self.how == "sample":
            out.append(text("file.sample_used", lang))
        elif self.how == "remade":
            out.append(
                text(
                    "file.remade",
                    lang,
                    name=self.session.name,
                    previous=self.previous_source or "—",
                )
            )
            if self.set_aside:
                out.append(text("file.set_aside", lang, aside=self.set_aside))
        return out


def resolve_path(path: str | Path) -> Path:
    """A path as a user gives it: ``~`` expanded; relative to the current folder (the
    notebook's) when it is there, else to the kit's folder (as the kit shows paths)."""
    from klantlib.paths import kit_root

    given = Path(path).expanduser()
    if given.is_absolute() or given.exists():
        return given
    from_kit = kit_root() / given
    return from_kit if from_kit.exists() else given


def file_key(
    path: Path, *, year: int | None, number_style: str | None, date_order: str | None = None
) -> str:
    """What tells one customer file apart from another: its bytes and how they were read."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return json.dumps(
        {
            "sha256": digest.hexdigest(),
            "year": year,
            "number_style": number_style,
            **({"date_order": date_order} if date_order else {}),
        },
        sort_keys=True,
    )


def use_customers_file(
    name: str,
    customers_file: str | Path | None = None,
    *,
    year: int | None = None,
    number_style: str | None = None,
    date_order: str | None = None,
    workspace: str | Path | None = None,
    loaded: tuple[object, LoadReport] | None = None,
    previous: str | None = None,
) -> OpenedSession:
    """Session ``name`` with the customers of ``customers_file``, by the rule in this module's
    text. ``loaded``: the file's customer table and report when the caller read it already
    (the upload button), so it is not read twice. ``previous``: last quarter's session, for a
    new quarter — the session is then made with the answers, bands, grid and plan of
    ``previous`` carried over, and the answers carried are not the team's work in it (only
    what was changed or confirmed since)."""
    name = check_session_name(name)
    if previous is not None:
        previous = check_session_name(previous)
        if previous == name:
            raise KlantlibError("error.next_session_same", name=name)
    current = (
        open_session(name, workspace=workspace) if session_path(name, workspace).is_file() else None
    )
    set_aside = previous_source = None
    try:
        if current is not None and previous is not None and current.carried_from != previous:
            # a next quarter's answers must be compared with the quarter named
            raise KlantlibError(
                "error.next_session_other",
                name=name,
                previous=previous,
                carried=current.carried_from or "—",
            )
        if customers_file is None or not str(customers_file).strip():
            if current is not None:
                return OpenedSession(current, "opened")
            from klantlib.paths import kit_root

            path = kit_root() / (SAMPLE_FILE if previous is None else SAMPLE_NEXT_QUARTER)
            year = SAMPLE_YEAR if previous is None else None
            number_style = date_order = None
            how = "sample"
        else:
            path, how = resolve_path(customers_file), "made"
            if not path.is_file():
                raise KlantlibError("error.file_not_found", path=str(customers_file))
        key = file_key(path, year=year, number_style=number_style, date_order=date_order)
        if current is not None:
            if _same_file(current, key, path):
                return OpenedSession(current, "opened")
            previous_source = current.source
            keep = current.has_decisions()
            if _holds_team_work(current) and not is_sample_session(current):
                raise KlantlibError(
                    "error.session_other_file",
                    name=name,
                    source=current.source or "—",
                    count=format_number(len(current.customer_ids())),
                    file=path.name,
                )
            current.close()
            current = None
            set_aside = _set_aside(name, previous_source, workspace) if keep else None
            if not keep:
                _remove(name, workspace)
            how = "remade"
    except BaseException:
        if current is not None:
            current.close()
        raise

    customers, report = (
        loaded
        if loaded is not None
        else load_customers(path, year=year, number_style=number_style, date_order=date_order)
    )
    if previous is None:
        made = create_session(
            name, customers, workspace=workspace, source=path.name, source_key=key
        )
    else:
        with open_session(previous, workspace=workspace) as last:
            made = create_next_session(
                name, customers, last, workspace=workspace, source=path.name, source_key=key
            )
    return OpenedSession(made, how, report, set_aside, previous_source)


def session_header(session: Session, lang: str | None = None) -> str:
    """The line on top of every notebook: which session, from which file, how many customers,
    read when."""
    import datetime as dt

    made = session.created_at
    when = dt.datetime.fromisoformat(made).astimezone().strftime("%d-%m-%Y %H:%M") if made else "—"
    return text(
        "file.header",
        lang,
        name=session.name,
        source=session.source or "—",
        count=format_number(len(session.customer_ids()), lang),
        when=when,
    )


def _same_file(session: Session, key: str, path: Path) -> bool:
    if session.source_key is not None:
        return session.source_key == key
    return session.source == path.name  # a session from before the kit kept the key


def _holds_team_work(session: Session) -> bool:
    """Whether the team worked in the session: for a new quarter, what was changed or confirmed
    after the answers were carried over; else anything stored (:meth:`Session.has_decisions`)."""
    if session.carried_from is None:
        return session.has_decisions()
    return session.has_changes_since_carried()


def _set_aside(name: str, source: str | None, workspace: str | Path | None) -> str:
    """Keep session ``name`` under a free name that says which file it was made from: closed
    first wherever this process has it open, its write-ahead log folded into the file, then
    moved with anything beside it — a log left behind would be read into the next session of
    that name."""
    path = session_path(name, workspace)
    _settle(path)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(source or "vorige").stem).strip("-._")
    base = f"{name}-{stem or 'vorige'}"[:60]
    for number in range(1, 1000):
        candidate = base if number == 1 else f"{base}-{number}"
        target = session_path(candidate, workspace)
        if not target.exists():
            for side, moved in zip(sidecars(path), sidecars(target), strict=True):
                if side.exists():
                    side.rename(moved)
            path.rename(target)
            return candidate
    raise KlantlibError("error.session_exists", name=base, folder=str(target.parent))


def _settle(path: Path) -> None:
    """Close the session file everywhere in this process and fold its log into it."""
    import sqlite3

    close_everywhere(path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _remove(name: str, workspace: str | Path | None) -> None:
    path = session_path(name, workspace)
    _settle(path)
    for leftover in (path, *sidecars(path)):
        leftover.unlink(missing_ok=True)
