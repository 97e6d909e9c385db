"""Writing files a team opens in Excel, safely (edge: tables in, files out): one formula-safe
CSV writer, one atomic write, one rule for who may read them."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from klantlib.errors import KlantlibError

__all__ = [
    "OWNER_ONLY",
    "owner_only",
    "spreadsheet_safe",
    "write_csv",
    "written_atomically",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """A copy in which no text cell can be taken for a formula by a spreadsheet.

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe, which spreadsheets show as plain text. Number columns are left alone.
    """
    safe = table.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column]) or safe[column].dtype == object:
            safe[column] = safe[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            )
    return safe


OWNER_ONLY = 0o600
"""The one rule for what holds a team's customer data (sessions, uploads, reports, exports):
readable and writable by the computer's user who made it, nobody else."""


def owner_only(path: str | Path) -> Path:
    """Make ``path`` the owner's only (a file ``rw-------``, a folder ``rwx------``); where the
    system has no such modes (Windows), it stays as the system made it."""
    path = Path(path)
    with contextlib.suppress(NotImplementedError, PermissionError):
        path.chmod(0o700 if path.is_dir() else OWNER_ONLY)
    return path


def out_folder(path: str | Path) -> Path:
    """``path`` as a folder to write into: refused when a file of that name is in the way."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise KlantlibError("error.out_not_dir", path=str(out))
    return out


@contextlib.contextmanager
def written_atomically(target: str | Path) -> Iterator[Path]:
    """A temporary file beside ``target`` to write, which becomes ``target`` when the block
    ends without an error and is removed when it does not: a failed run never leaves half a
    file behind, nor changes the file that was there. The file is the owner's only (as
    :func:`tempfile.mkstemp` makes it), like everything that holds a team's customers."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".klantlib-", suffix=target.suffix)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_csv(table: pd.DataFrame, target: str | Path) -> Path:
    """Write ``table`` as CSV (UTF-8, comma, ``.`` decimals, cents), formula-safe, atomically
    (:func:`written_atomically`)."""
    target = Path(target)
    with (
        written_atomically(target) as temporary,
        temporary.open("w", encoding="utf-8", newline="") as stream,
    ):
        spreadsheet_safe(table).to_csv(stream, index=False, float_format="%.2f")
    return target
