"""The canonical customer table: one row per customer, largest revenue first."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pandas as pd

from klantlib.errors import InputError, Notice, Problem

__all__ = [
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "cell_text",
    "customer_ids",
    "customer_table",
    "require_columns",
    "spreadsheet_row",
    "to_amount",
]

REQUIRED_COLUMNS: tuple[str, ...] = ("customer_id", "name", "revenue")
"""Columns every customer table has: id (text), name, annual revenue excl. VAT in €."""

OPTIONAL_COLUMNS: dict[str, str] = {
    "potential_revenue": "number",
    "gross_margin": "number",
    "hours": "number",
    "days_to_pay": "number",
    "account_manager": "text",
}
"""Columns used when present, with their kind. Other columns are kept as they are."""


def require_columns(table: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise one clear error naming the missing ``columns`` and the columns that are there."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(
            [
                Notice(
                    "error.missing_columns",
                    {"missing": missing, "present": [str(c) for c in table.columns]},
                )
            ]
        )


def spreadsheet_row(position: int) -> int:
    """The row a spreadsheet shows for the table's ``position``-th row (header is row 1)."""
    return position + 2


def to_amount(value: object) -> float | None:
    """A plain number (``12500.5``, ``12500``, a float or int) as float; ``None`` if empty.

    Raises ``ValueError`` for anything else. Formats with thousands separators, currency
    signs or decimal commas are the file readers' job, not the core's.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value)
    stripped = str(value).strip()
    if stripped == "":
        return None
    number = float(stripped)  # raises ValueError for text
    if math.isnan(number) or math.isinf(number):
        raise ValueError(value)
    return number


def customer_table(customers: pd.DataFrame, *, rows: Sequence[int] | None = None) -> pd.DataFrame:
    """Check and normalise a customer table; returns a new, sorted table.

    - ``customer_id`` becomes text (``"007"`` stays ``"007"``); empty or repeated ids are
      errors.
    - ``name`` becomes text; an empty name is an error.
    - ``revenue`` and the numeric optional columns become floats; text is an error, an empty
      optional cell is unknown (NaN).
    - Rows are sorted by revenue, largest first, ties broken by ``customer_id``.

    Every problem is collected into one :class:`InputError`, naming the row as a spreadsheet
    shows it (header = row 1), the column and the value; ``rows`` gives those row numbers when
    the table is not a file's rows from row 2 on (title rows, skipped blank rows). The caller's
    DataFrame is not changed.
    """
    row_at = rows.__getitem__ if rows is not None else spreadsheet_row
    require_columns(customers, REQUIRED_COLUMNS)
    if len(customers) == 0:
        raise InputError([Notice("error.no_customers")])

    problems: list[Problem] = []
    ids = customer_ids(customers["customer_id"], problems, row_at=row_at)
    names = [cell_text(v) for v in customers["name"].tolist()]
    problems.extend(
        _missing(row_at(position), "name") for position, name in enumerate(names) if name == ""
    )

    numbers: dict[str, list[float]] = {}
    for column in ["revenue", *(c for c, k in OPTIONAL_COLUMNS.items() if k == "number")]:
        if column in customers.columns:
            numbers[column] = _amounts(
                row_at, customers[column], column, problems, required=column == "revenue"
            )
    if problems:
        problems.sort(key=lambda p: p.params.get("row", 0))  # type: ignore[arg-type,return-value]
        raise InputError(problems)

    table = customers.copy()
    table["customer_id"] = pd.Series(ids, index=table.index, dtype="string")
    table["name"] = pd.Series(names, index=table.index, dtype="string")
    for column, values in numbers.items():
        table[column] = pd.Series(values, index=table.index, dtype="float64")
    if "account_manager" in table.columns:
        managers = [cell_text(v) for v in table["account_manager"]]
        table["account_manager"] = pd.Series(managers, index=table.index, dtype="string")

    ordered = [*REQUIRED_COLUMNS, *(c for c in OPTIONAL_COLUMNS if c in table.columns)]
    extra = [c for c in table.columns if c not in ordered]
    table = table[ordered + extra]
    return table.sort_values(
        ["revenue", "customer_id"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)


def customer_ids(
    values: pd.Series,
    problems: list[Problem],
    *,
    row_at: Callable[[int], int] = spreadsheet_row,
) -> list[str]:
    """Ids as text; an empty or repeated id adds a problem naming its spreadsheet row."""
    ids = [cell_text(v) for v in values.tolist()]
    first_row: dict[str, int] = {}
    for position, cid in enumerate(ids):
        row = row_at(position)
        if cid == "":
            problems.append(_missing(row, "customer_id"))
        elif cid in first_row:
            problems.append(
                Notice(
                    "error.duplicate_id",
                    {
                        "row": row,
                        "column": "customer_id",
                        "value": cid,
                        "first_row": first_row[cid],
                    },
                )
            )
        else:
            first_row[cid] = row
    return ids


def cell_text(value: object) -> str:
    """A cell as trimmed text; empty for missing. Whole floats lose their ``.0``."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _missing(row: int, column: str) -> Problem:
    return Notice("error.missing_value", {"row": row, "column": column})


def _amounts(
    row_at: Callable[[int], int],
    column_values: pd.Series,
    column: str,
    problems: list[Problem],
    *,
    required: bool,
) -> list[float]:
    values: list[float] = []
    for position, raw in enumerate(column_values.tolist()):
        row = row_at(position)
        try:
            number = to_amount(raw)
        except ValueError:
            problems.append(
                Notice("error.bad_number", {"row": row, "column": column, "value": raw})
            )
            number = math.nan
        if number is None:
            if required:
                problems.append(_missing(row, column))
            number = math.nan
        values.append(number)
    return values
