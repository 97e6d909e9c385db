"""Invoice lines to a customer table: dates, the period, credit notes, one row per customer.

Pure core: a table of invoice lines (customer id and/or name, amount as a number, date as
text or as a date) in, revenue per customer out, with what was done said in a report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from klantlib.core.amounts import cents_half_up, to_units
from klantlib.errors import MAX_KEPT, InputError, Notice

__all__ = [
    "Period",
    "aggregate_invoice_lines",
    "aggregate_sums",
    "DATE_ORDERS",
    "UNDECIDED",
    "DateEvidence",
    "choose_period",
    "date_evidence",
    "date_form",
    "form_from",
    "name_key",
    "parse_dates",
    "period_for_years",
]

# text date forms: ISO, or day and month in an order the column's values decide
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_DAY_MONTH = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
_TIME = re.compile(
    r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)
DATE_ORDERS: tuple[str, ...] = ("dmy", "mdy")
"""How a date like 10/06/2025 is read: day first (10 June) or month first (October 6)."""


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
        start = "…" if self.start == dt.date.min else self.start.isoformat()
        end = "…" if self.end == dt.date.max else self.end.isoformat()
        return f"{start} – {end}"


UNDECIDED = "?"
"""What :func:`form_from` says while the dates seen so far fit both day and month first."""


@dataclass(frozen=True)
class DateEvidence:
    """What a part of a date column says about its form: its first text date (in row order),
    and a value that only fits day first and one that only fits month first, if any."""

    first: str | None
    day_first: str | None = None
    month_first: str | None = None


def date_evidence(values: pd.Series) -> DateEvidence:
    """The evidence in ``values`` (text, date cells or a categorical of text)."""
    values = values.reset_index(drop=True)
    if isinstance(values.dtype, pd.CategoricalDtype):
        labels = _date_text(pd.Series(values.cat.categories, dtype=object))
        codes = values.cat.codes.to_numpy()
        filled_label = np.append(_filled(labels).to_numpy(), False)  # code -1: empty
        row_filled = filled_label[codes]
        if not row_filled.any():
            return DateEvidence(None)
        first = labels.iat[codes[int(np.argmax(row_filled))]]
        text = labels.iloc[np.unique(codes[row_filled])]
    else:
        text = _date_text(values.where(~_is_date(values)))
        text = text[_filled(text)]
        if not len(text):
            return DateEvidence(None)
        first = text.iloc[0]
    parts = text.str.extract(_DAY_MONTH.pattern)
    one = pd.to_numeric(parts[0], errors="coerce")
    two = pd.to_numeric(parts[2], errors="coerce")
    day_first = text[(one > 12).fillna(False).to_numpy(dtype=bool)]
    month_first = text[(two > 12).fillna(False).to_numpy(dtype=bool)]
    return DateEvidence(
        str(first),
        str(day_first.iloc[0]) if len(day_first) else None,
        str(month_first.iloc[0]) if len(month_first) else None,
    )


def form_from(
    evidence: Iterable[DateEvidence],
    *,
    order: str | None = None,
    column: str = "",
    final: bool = True,
) -> str | None:
    """The ``strptime`` form of a date column from the evidence of its parts (see
    :func:`date_form`). Not ``final`` (more of the column is to come): :data:`UNDECIDED` while
    every text date fits both orders."""
    if order is not None and order not in DATE_ORDERS:
        raise InputError([Notice("error.date_order", {"value": order})])
    found = [e for e in evidence]
    first = next((e.first for e in found if e.first is not None), None)
    if first is None:
        return None
    if _ISO.match(first):
        return "%Y-%m-%d"
    match = _DAY_MONTH.match(first)
    if not match:
        return ""
    separator, year = match.group(2), "%Y" if len(match.group(4)) == 4 else "%y"
    day_first = next((e.day_first for e in found if e.day_first), None)
    month_first = next((e.month_first for e in found if e.month_first), None)
    if order is None:
        if day_first and month_first:
            raise InputError(
                [
                    Notice(
                        "error.date_order_mixed",
                        {"column": column, "day_first": day_first, "month_first": month_first},
                    )
                ]
            )
        if day_first or separator == ".":
            order = "dmy"
        elif month_first:
            order = "mdy"
        elif not final:
            return UNDECIDED
        else:
            raise InputError(
                [Notice("error.date_order_unknown", {"column": column, "example": first})]
            )
    day, month = ("%d", "%m") if order == "dmy" else ("%m", "%d")
    return f"{day}{separator}{month}{separator}{year}"


def date_form(values: pd.Series, *, order: str | None = None, column: str = "") -> str | None:
    """The text form of a date column (a ``strptime`` format), from its text values.

    ISO dates (``2025-12-31``) are read as they are. For day and month with ``/``, ``-`` or
    ``.`` and a year of four or two digits, the order is decided from the evidence in the
    column: a first part above 12 says day first, a second part above 12 says month first
    (``10/06/2025`` from a US package is October 6). Both kinds in one column, or only values
    that fit both (and no ``order``: ``"dmy"`` or ``"mdy"``), is an error that says how to
    choose; dates with dots are day first (no package writes a month first with dots).

    ``None`` when the column holds no text date; ``""`` when its first one is in no known
    form (then every text date is an error). Pass it to :func:`parse_dates` for the next part
    of the same column, so one file is read in one form.
    """
    return form_from([date_evidence(values)], order=order, column=column)


def parse_dates(
    values: pd.Series, *, column: str, first_row: int = 2, form: str | None = None
) -> pd.Series:
    """Dates as datetime64: Excel date cells, ISO, dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy.

    The form is taken from the column's first text value (or given as ``form``, see
    :func:`date_form`); a time of day is dropped, so a line at 14:05 on the last day of a
    period still counts.
    Cells that are not a date in that form are all reported in one :class:`InputError`
    (row as a spreadsheet shows it: ``first_row`` + position). Empty cells are NaT.
    A categorical column (as a large file is read) is parsed once per distinct value.
    """
    values = values.reset_index(drop=True)
    if form is None:
        form = date_form(values)
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _parse_categorical(values, column=column, first_row=first_row, form=form)
    is_date = _is_date(values)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if is_date.any():
        result[is_date] = pd.to_datetime(values[is_date].astype(object), errors="coerce")
    text = _date_text(values[~is_date])
    filled = _filled(text)
    if filled.any():
        parsed = (
            pd.to_datetime(text[filled], format=form, errors="coerce")
            if form
            else pd.Series(pd.NaT, index=text[filled].index)
        )
        result[parsed.index] = parsed
        bad = parsed.index[parsed.isna()]
        if len(bad):
            shown = bad[:MAX_KEPT]
            problems = [_bad_date(first_row + int(i), column, values[i]) for i in shown]
            raise InputError(problems, count=len(bad))
    return result.dt.normalize()


def _is_date(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.StringDtype):
        return pd.Series(False, index=values.index)
    is_date = values.map(lambda v: isinstance(v, (dt.date, pd.Timestamp)), na_action="ignore")
    return is_date.fillna(False).astype(bool)


def _date_text(values: pd.Series) -> pd.Series:
    """Text dates trimmed, a time of day removed."""
    return values.astype("string").str.strip().str.replace(_TIME, "", regex=True)


def _filled(text: pd.Series) -> pd.Series:
    return (text.notna() & (text != "")).fillna(False).astype(bool)


def _bad_date(row: int, column: str, value: object) -> Notice:
    return Notice("error.bad_date", {"row": row, "column": column, "value": value})


def _parse_categorical(
    values: pd.Series, *, column: str, first_row: int, form: str | None
) -> pd.Series:
    """parse_dates for a categorical column: each distinct value parsed once."""
    labels = pd.Series(values.cat.categories, dtype=object)
    text = _date_text(labels)
    filled = _filled(text).to_numpy()
    parsed = pd.Series(pd.NaT, index=labels.index, dtype="datetime64[ns]")
    if filled.any() and form:
        parsed[filled] = pd.to_datetime(text[filled], format=form, errors="coerce")
    codes = values.cat.codes.to_numpy()
    bad_label = np.append(filled & parsed.isna().to_numpy(), False)  # code -1: empty
    bad = np.flatnonzero(bad_label[codes])
    if bad.size:
        labels_list = labels.tolist()
        raise InputError(
            [_bad_date(first_row + int(i), column, labels_list[codes[i]]) for i in bad[:MAX_KEPT]],
            count=bad.size,
        )
    days = np.append(parsed.dt.normalize().to_numpy(), np.datetime64("NaT", "ns"))
    return pd.Series(days[codes], dtype="datetime64[ns]")


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
    if year is not None or start is not None or end is not None:
        return period_for_years((), year=year, start=start, end=end)
    return period_for_years({int(y) for y in dates.dt.year.dropna().unique()})


def period_for_years(
    years: Iterable[int],
    *,
    year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Period:
    """:func:`choose_period` from the years the dates fall in."""
    if year is not None:
        return Period.year(year)
    if start is not None or end is not None:
        return Period(start or dt.date.min, end or dt.date.max)
    years = sorted(set(years))
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
    revenue = used["revenue"].to_numpy(dtype="float64")
    sums = pd.DataFrame(
        {
            "customer_id": (
                used["customer_id"].astype("string").str.strip().to_numpy()
                if "customer_id" in used.columns
                else ""
            ),
            "name": used["name"].astype("string").str.split().str.join(" ").to_numpy(),
            "revenue": revenue,
            "lines": 1,
            "credits": (revenue < 0).astype("int64"),
        }
    )
    return aggregate_sums(
        sums,
        period,
        ids="customer_id" in used.columns,
        lines_outside=int((~inside).sum()),
    )


def aggregate_sums(
    sums: pd.DataFrame, period: Period, *, ids: bool, lines_outside: int
) -> Aggregation:
    """:func:`aggregate_invoice_lines` from revenue already added up in parts.

    ``sums`` has one row per part: ``customer_id`` (trimmed text, ``""`` when unknown),
    ``name`` (single spaces), ``revenue`` (the part's sum), ``lines`` and ``credits`` (how
    many lines and credit notes it adds up), all inside ``period``. A large file is added up
    per slice and per id and name; the parts of one customer are added here. ``ids``: the
    lines have a customer id column.
    """
    has_ids = ids and bool(sums["customer_id"].astype("string").ne("").all())
    key = sums["customer_id"].astype("string") if has_ids else name_key(sums["name"])
    frame = pd.DataFrame(
        {
            "key": key.to_numpy(),
            "name": sums["name"].astype("string").to_numpy(),
            "revenue": to_units(sums["revenue"].to_numpy(dtype="float64")),
            "lines": sums["lines"].to_numpy(dtype="int64"),
        }
    )
    revenue = frame.groupby("key", sort=True)["revenue"].sum()  # exact: whole units
    counts = frame.groupby(["key", "name"], sort=True)["lines"].sum().reset_index(name="n")
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
            "revenue": cents_half_up(revenue.to_numpy()),  # rounded once, half up
        }
    )
    if not has_ids:
        customers["customer_id"] = _ids_from_names(customers["name"])
    return Aggregation(
        customers=customers,
        period=period,
        lines_used=int(sums["lines"].sum()),
        lines_outside=lines_outside,
        credit_lines=int(sums["credits"].sum()),
        merged_names=merged,
    )


def _ids_from_names(names: pd.Series) -> list[str]:
    """Stable ids for customers known only by name: their rank in name order, zero-padded."""
    order = names.astype(str).str.casefold().rank(method="first").astype(int)
    width = len(str(len(names)))
    return [f"N{int(r):0{width}d}" for r in order]
