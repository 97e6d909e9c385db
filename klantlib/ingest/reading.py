"""Reading the kit's own clean CSV files (edge: files in, tables out).

A clean file is comma-, semicolon- or tab-separated text in UTF-8 (a BOM is fine) with the
header on row 1 and plain numbers (``12500.50``). Every cell is read as text, so ids keep their
leading zeros; the core turns the text into numbers and says precisely what it cannot read.
Exports as accounting packages write them are the job of the ``load`` command.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from klantlib.core.customers import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, customer_table
from klantlib.core.questions import answer_table
from klantlib.errors import InputError, KlantlibError

__all__ = ["read_answers_csv", "read_customers_csv", "read_table_csv"]

_DELIMITERS = ",;\t"
_OWN_COLUMNS = {*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS}


def read_table_csv(path: str | Path) -> pd.DataFrame:
    """A CSV file as a table of text cells, the delimiter taken from the header row."""
    path = Path(path)
    if not path.is_file():
        raise KlantlibError("error.file_not_found", path=str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KlantlibError("error.file_unreadable", path=str(path), reason=exc.strerror) from exc
    if b"\x00" in raw[:4096]:
        raise KlantlibError("error.not_text", path=str(path))
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252", errors="replace")
    header = next((line for line in content.splitlines() if line.strip()), "")
    if not header:
        raise KlantlibError("error.file_empty", path=str(path))
    delimiter = max(_DELIMITERS, key=header.count)
    try:
        table = pd.read_csv(
            io.StringIO(content),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.ParserError as exc:
        raise KlantlibError("error.file_unreadable", path=str(path), reason=str(exc)) from exc
    return table.rename(columns=_header_name)


def _header_name(header: str) -> str:
    """A header with outer spaces removed; the kit's own column names in lower case."""
    name = str(header).strip()
    return name.casefold() if name.casefold() in _OWN_COLUMNS else name


def read_customers_csv(path: str | Path) -> pd.DataFrame:
    """The canonical customer table from a clean CSV file; problems name the file."""
    return _read_checked(path, customer_table)


def read_answers_csv(path: str | Path) -> pd.DataFrame:
    """Canonical answers from a clean CSV file; problems name the file."""
    return _read_checked(path, answer_table)


def _read_checked(path: str | Path, check: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
    """``check`` applied to the file's table; its problems are said to come from the file."""
    table = read_table_csv(path)
    try:
        return check(table)
    except InputError as exc:
        raise exc.with_source(Path(path).name) from None
