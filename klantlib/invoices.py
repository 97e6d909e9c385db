"""Invoice lines to a customer table: dates, the period, credit notes, one row per customer.

Pure core: a table of invoice lines (customer id and/or name, amount as a number, date as
text or as a date) in, revenue per customer out, with what was done said in a report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from klantlib.errors import InputError, Notice

__all__ = [
    "Period",
    "aggregate_invoice_lines",
    "choose_period",
    "name_key",
    "parse_dates",
]

# text date forms, by how the first value of a column looks
_FORMS: tuple[tuple[str, str], ...] = (
    (r"^\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
    (r"^\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
    (r"^\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
    (r"^\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y"),
)
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


@dataclass(frozen=True)
class Period:
    """The days whose invoice lines count: ``start`` and ``end`` included."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        ):
            return str(self.start.year)
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def parse_dates(values: pd.Series, *, column: str, first_row: int = 2) -> pd.Series:
    """Dates as datetime64: Excel date cells, ISO, dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy.

    The form is taken from the column's first text value; a time of day is dropped, so a line
    at 14:05 on the last day of a period still counts.
    Cells that are not a date in that form are all reported in one :class:`InputError`
    (row as a spreadsheet shows it: ``first_row`` + position). Empty cells are NaT.
    """
    values = values.reset_index(drop=True)
    is_date = values.map(lambda v: isinstance(v, (dt.date, pd.Timestamp)), na_action="ignore")
    is_date = is_date.fillna(False).astype(bool)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if is_date.any():
        result[is_date] = pd.to_datetime(values[is_date].astype(object), errors="coerce")
    text = values[~is_date].astype("string").str.strip()
    text = text.str.replace(_TIME, "", regex=True)
    filled = text.notna() & (text != "")
    if filled.any():
        first = text[filled].iloc[0]
        form = next((f for pattern, f in _FORMS if re.match(pattern, first)), None)
        parsed = (
            pd.to_datetime(text[filled], format=form, errors="coerce")
            if form
            else pd.Series(pd.NaT, index=text[filled].index)
        )
        result[parsed.index] = parsed
        bad = parsed.index[parsed.isna()]
        if len(bad):
            raise InputError(
                [
                    Notice(
                        "error.bad_date",
                        {"row": first_row + int(i), "column": column, "value": values[i]},
                    )
                    for i in bad
                ]
            )
    return result.dt.normalize()


def name_key(names: pd.Series) -> pd.Series:
    """Names without case or extra spaces: ``' Bakkerij  PEETERS'`` → ``bakkerij peeters``."""
    return names.astype("string").str.split().str.join(" ").str.casefold()


def choose_period(
    dates: pd.Series,
    *,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Period:
    """The period asked for, or the one year the data holds; several years is a clear error."""
    if year is not None:
        return Period.year(year)
    if start is not None or end is not None:
        return Period(start or dt.date.min, end or dt.date.max)
    years = sorted({int(y) for y in dates.dt.year.dropna().unique()})
    if len(years) == 1:
        return Period.year(years[0])
    raise InputError([Notice("error.several_years", {"years": years, "last": years[-1]})])


@dataclass(frozen=True)
class Aggregation:
    """The customer table made from invoice lines, and what was done to make it."""

    customers: pd.DataFrame
    period: Period
    lines_used: int
    lines_outside: int
    credit_lines: int
    merged_names: list[tuple[str, list[str]]] = field(default_factory=list)


def aggregate_invoice_lines(
    lines: pd.DataFrame,
    period: Period,
) -> Aggregation:
    """Revenue per customer over ``period`` from invoice lines (credit notes subtract).

    ``lines`` has ``revenue`` (float), ``date`` (datetime64) and ``name``, and optionally
    ``customer_id``. A customer is identified by its id when the lines have ids, else by its
    name compared without case or extra spaces; names merged that way are reported. The name
    shown is the one used on most lines (ties: alphabetical).
    """
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    inside = lines["date"].between(start, end) & lines["revenue"].notna()
    used = lines.loc[inside]
    has_ids = (
        "customer_id" in used.columns
        and used["customer_id"].astype("string").str.strip().ne("").all()
    )
    key = used["customer_id"].astype("string").str.strip() if has_ids else name_key(used["name"])
    names = used["name"].astype("string").str.split().str.join(" ")
    frame = pd.DataFrame(
        {
            "key": key.to_numpy(),
            "name": names.to_numpy(),
            "revenue": used["revenue"].to_numpy(dtype="float64"),
        }
    )
    revenue = frame.groupby("key", sort=True)["revenue"].sum()
    counts = frame.groupby(["key", "name"], sort=True).size().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "name"], ascending=[True, False, True])
    shown = counts.drop_duplicates("key").set_index("key")["name"]
    merged: list[tuple[str, list[str]]] = []
    if not has_ids:
        spellings = counts.groupby("key")["name"].agg(list)
        merged = [(shown[k], sorted(v)) for k, v in spellings.items() if len(v) > 1]
    customers = pd.DataFrame(
        {
            "customer_id": revenue.index.astype(str) if has_ids else [""] * len(revenue),
            "name": shown.reindex(revenue.index).to_numpy(),
            "revenue": np.round(revenue.to_numpy(), 2),
        }
    )
    if not has_ids:
        customers["customer_id"] = _ids_from_names(customers["name"])
    return Aggregation(
        customers=customers,
        period=period,
        lines_used=int(inside.sum()),
        lines_outside=int((~inside).sum()),
        credit_lines=int((used["revenue"] < 0).sum()),
        merged_names=merged,
    )


def _ids_from_names(names: pd.Series) -> list[str]:
    """Stable ids for customers known only by name: their rank in name order, zero-padded."""
    order = names.astype(str).str.casefold().rank(method="first").astype(int)
    width = len(str(len(names)))
    return [f"N{int(r):0{width}d}" for r in order]
