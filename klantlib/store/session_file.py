"""A session's SQLite file (edge): its format and migrations, opening and building it, one
write transaction, and what a fault of the disk means.

The file holds three tables: ``meta`` (the session's settings, key -> text), ``customers`` (the
list the session works on) and ``changes`` (every change ever made, appended). Each write is
one transaction taken at once (WAL journal, ``synchronous=FULL``).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from klantlib.core.customers import OPTIONAL_COLUMNS
from klantlib.errors import KlantlibError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SUFFIX",
    "build_file",
    "connect",
    "open_file",
    "sidecars",
    "storage_error",
    "storage_fault",
    "transaction",
]

SUFFIX = ".sqlite"
SCHEMA_VERSION = 2
"""The session file's format. 1: the first, its number in the ``meta`` table only; 2: the number
also in SQLite's own header (``PRAGMA user_version``), readable without knowing any table.

A file of an older format is brought up to this one when it is opened (:data:`MIGRATIONS`,
one step per version, in one transaction), after a copy of it is kept beside it as
``<name>.sqlite-v<old>``; a file of a newer format is refused with a message that says so."""
SCHEMA = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE customers (
    position INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    revenue REAL NOT NULL,
    {", ".join(f"{c} {'REAL' if k == 'number' else 'TEXT'}" for c, k in OPTIONAL_COLUMNS.items())}
);
CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    participant TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    field TEXT NOT NULL,
    value TEXT,
    undoes INTEGER REFERENCES changes (id)
);
CREATE INDEX changes_by_participant ON changes (participant, customer_id, field, id);
"""


def _version_2(connection: sqlite3.Connection) -> None:
    """1 -> 2: the format's number in SQLite's header too (set by :func:`migrate`)."""


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _version_2}
"""Format ``v`` -> the step that turns a file of format ``v`` into format ``v + 1``."""


def file_version(connection: sqlite3.Connection) -> int | None:
    """The format of an open session file: SQLite's header, else the ``meta`` table's
    number (format 1); ``None`` when it holds neither (not a session file)."""
    header = connection.execute("PRAGMA user_version").fetchone()[0]
    if header:
        return int(header)
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table
        return None
    return int(row[0]) if row is not None and row[0].isdigit() else None


def migrate(path: Path, connection: sqlite3.Connection, version: int) -> None:
    """Bring the file from ``version`` to :data:`SCHEMA_VERSION`, keeping a copy first."""
    copy = path.with_name(f"{path.name}-v{version}")
    copy.touch(mode=0o600)  # a team's customers: the owner's only, as the session itself
    kept = sqlite3.connect(copy)
    try:
        connection.backup(kept)
    finally:
        kept.close()
    with transaction(connection):
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](connection)
            connection.execute(f"PRAGMA user_version = {step + 1}")
            connection.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(step + 1),)
            )


def open_file(path: Path) -> sqlite3.Connection:
    """A connection to the session file ``path``, in this kit's format: a file of an older
    format is migrated first (a copy kept beside it); a newer format, a file that is no session
    and a file that cannot be written are refused in words that say which. A failed opening
    leaves no log file behind."""
    before = {side: side.exists() for side in sidecars(path)}
    try:
        probe = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            version = file_version(probe)
        finally:
            probe.close()
        if version is not None and version > SCHEMA_VERSION:
            raise KlantlibError("error.session_newer", path=str(path))
        if version is None or version not in (SCHEMA_VERSION, *MIGRATIONS):
            raise KlantlibError("error.session_unreadable", path=str(path))
        connection = connect(path)
        if version < SCHEMA_VERSION:
            try:
                migrate(path, connection, version)
            except BaseException:
                connection.close()
                raise
    except sqlite3.DatabaseError as exc:
        remove_new_sidecars(before)
        raise storage_error(exc, path) from exc
    except KlantlibError:
        remove_new_sidecars(before)
        raise
    return connection


def build_file(path: Path, meta: Mapping[str, str], customers: pd.DataFrame) -> None:
    """Write a new session file ``path`` holding ``meta`` and the (checked) customer table.

    Built under a temporary name and renamed: a half-made session never has the real name. A
    file of that name made meanwhile by another process stays, and this is refused."""
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.building")
    for leftover in (building, *sidecars(building)):
        leftover.unlink(missing_ok=True)
    building.touch(mode=0o600)  # the owner's only; SQLite gives its log files the same modes
    connection = connect(building)
    try:
        with transaction(connection):
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                {"schema_version": str(SCHEMA_VERSION), **meta}.items(),
            )
            columns = ["customer_id", "name", "revenue", *OPTIONAL_COLUMNS]
            rows = customers.reindex(columns=columns).astype(object)
            rows = rows.where(rows.notna(), None)
            connection.executemany(
                f"INSERT INTO customers (position, {', '.join(columns)}) "
                f"VALUES (?, {', '.join('?' * len(columns))})",
                ((i, *values) for i, values in enumerate(rows.itertuples(index=False))),
            )
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    if path.exists():  # made meanwhile by another process: theirs stays
        building.unlink(missing_ok=True)
        raise KlantlibError("error.session_exists", name=path.stem, folder=str(path.parent))
    for orphan in sidecars(path):  # a log without its file would be read into this session
        orphan.unlink(missing_ok=True)
    building.rename(path)
    sync_folder(path.parent)  # the new name survives a power cut too


def storage_fault(error: sqlite3.Error) -> str | None:
    """``"read_only"`` (a folder or file that cannot be written), ``"disk_full"``, or
    ``None`` for any other fault of a session file, from SQLite's message."""
    reason = str(error).lower()
    if "readonly" in reason or "read-only" in reason or "unable to open" in reason:
        return "read_only"
    if "disk is full" in reason or "disk full" in reason:
        return "disk_full"
    return None


def storage_error(error: sqlite3.Error, path: Path) -> KlantlibError:
    """What went wrong with a session file, in words that blame the right thing: a folder
    that cannot be written, a full disk, or a file that is no session."""
    fault = storage_fault(error)
    if fault == "read_only":
        return KlantlibError("error.session_read_only", path=str(path), folder=str(path.parent))
    if fault == "disk_full":
        return KlantlibError("error.disk_full", path=str(path))
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error).lower():
        return KlantlibError("error.session_storage", reason=str(error))
    return KlantlibError("error.session_unreadable", path=str(path))


def remove_new_sidecars(before: dict[Path, bool]) -> None:
    """Remove the log files a failed opening made (a 3-byte -shm), never ones that were there."""
    for side, existed in before.items():
        if not existed:
            side.unlink(missing_ok=True)


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (no upgrade deadlock between two writers)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def sidecars(path: Path) -> Sequence[Path]:
    """The session file's write-ahead log and shared-memory file (``-wal``, ``-shm``)."""
    return [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
