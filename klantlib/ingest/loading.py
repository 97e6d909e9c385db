"""Loading a team's own export into the canonical customer table (edge: a file in, a table out).

One path for every file: recognise the file (:mod:`klantlib.ingest.sources`), find the header
row and the columns (:mod:`klantlib.ingest.columns`), drop blank and total rows, read amounts
(:mod:`klantlib.core.amounts`) and, for invoice lines, dates and the period
(:mod:`klantlib.ingest.invoices`), then check the result as a customer table. Every problem
names the file, the row as a spreadsheet shows it, the column and the value; they come in one
message.

The rows come in batches: a spreadsheet is one batch, a text file one batch per slice of
about 32 MiB (:mod:`klantlib.ingest.textfile`), so a file of ten million invoice lines is read in
bounded memory, through the same functions as a file of five. What a file decides once is
decided from its first batches and then holds for the whole file:

- invoice lines or a customer list: invoice lines as soon as a customer appears on a second
  row (until then the rows are kept; a customer list is read whole);
- the number style of each amount column: from the evidence in the rows read until that
  decision (the first batch of a file of invoice lines, the whole of a customer list), else
  from the first later batch that shows evidence. A later cell in the other style is an
  error naming its row;
- the form of the dates: from the first date in the file.

Invoice lines are added up per batch (per customer id and name) and the parts at the end.
Problems are collected over all batches and raised together; nothing is returned then.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from klantlib.core.amounts import (
    NUMBER_STYLES,
    UNITS_PER_EURO,
    cents_half_up,
    detect_number_style,
    parse_amounts,
    to_units,
)
from klantlib.core.customers import OPTIONAL_COLUMNS, cell_text, customer_table
from klantlib.errors import MAX_KEPT, InputError, KlantlibError, Notice, Problems
from klantlib.i18n import format_number, text
from klantlib.ingest.columns import (
    ColumnMap,
    find_header_row,
    may_include_vat,
    recognise_line_columns,
)
from klantlib.ingest.invoices import (
    DATE_ORDERS,
    UNDECIDED,
    DateEvidence,
    Period,
    aggregate_sums,
    date_evidence,
    date_form,
    form_from,
    parse_dates,
    period_for_years,
)
from klantlib.ingest.sources import (
    CELL_LIMIT,
    LAYOUT_STARTS,
    ROW_COUNT_TEXT,
    RULE_TEXT,
    Source,
    inspect_source,
    read_sheet,
)
from klantlib.ingest.textfile import (
    SLICE_BYTES,
    TextBatch,
    TextLayout,
    decode,
    head_records,
    leading_bytes,
    read_head,
    read_text_batches,
    stream_encoding,
)

__all__ = ["PROGRESS_BYTES", "SLICE_BYTES", "LoadReport", "load_customers"]

HEADER_SEARCH_ROWS = 20
PROGRESS_BYTES = 20_000_000
"""Files larger than this show a progress bar while they are read (unless told otherwise)."""
_TOTAL = re.compile(r"^\s*(sub|eind|grand\s*)?tota(a)?l\b|^\s*(som|sum)\s*$", re.IGNORECASE)
# A label that is a total as a whole: the word alone ("Totaal", "Grand total:", "Som").
_TOTAL_WORD = re.compile(
    r"^\s*((sub|eind|grand\s*|algemeen\s+)?tota(a)?l(en|s)?(\s+generaal)?|som|sum)\s*:?\s*$",
    re.IGNORECASE,
)
# "Total for …", "Totaal voor …", "Totaal: …": the total of something, not a name.
_TOTAL_OF = re.compile(
    r"^\s*(sub|eind|grand\s*)?tota(a)?l\s*(:|(for|voor|van|of|per)\b)", re.IGNORECASE
)
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", " ": "spaces"}
STATUS_LEFT_OUT = frozenset(
    [
        "failed",
        "mislukt",
        "cancelled",
        "canceled",
        "geannuleerd",
        "annule",
        "annulee",
        "storniert",
        "void",
        "voided",
        "draft",
        "concept",
        "ontwerp",
        "brouillon",
        "entwurf",
        "unpaid",
        "onbetaald",
        "impaye",
        "unbezahlt",
        "pending",
        "declined",
        "geweigerd",
        "afgewezen",
        "refused",
        "refunded",
        "terugbetaald",
        "rembourse",
        "erstattet",
        "expired",
        "vervallen",
        "deleted",
        "verwijderd",
        "rejected",
        "abandoned",
        "niet betaald",
        "not paid",
        "in afwachting",
        "en attente",
    ]
)
"""Status words of lines that are no revenue: left out, and counted in the report."""
STATUS_COUNTED = frozenset(
    [
        "paid",
        "betaald",
        "voldaan",
        "paye",
        "bezahlt",
        "completed",
        "complete",
        "voltooid",
        "succeeded",
        "success",
        "successful",
        "geslaagd",
        "fulfilled",
        "shipped",
        "verzonden",
        "delivered",
        "geleverd",
        "sent",
        "posted",
        "geboekt",
        "approved",
        "goedgekeurd",
        "authorised",
        "authorized",
        "settled",
        "closed",
        "gesloten",
        "processed",
        "verwerkt",
        "invoiced",
        "gefactureerd",
        "facture",
        "open",
        "openstaand",
        "ouvert",
        "offen",
        "active",
        "actief",
        "ok",
        "valid",
        "partially paid",
        "deels betaald",
        "partially refunded",
    ]
)
"""Status words of lines that count as revenue."""


@dataclass(frozen=True)
class LoadReport:
    """What the loader understood of a file, to show the team before they trust the numbers."""

    file: str
    kind: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header_row: int
    columns: dict[str, str]
    number_style: str | None
    data_rows: int
    skipped: list[tuple[int, str]] = field(default_factory=list)
    kept_totals: list[tuple[int, str]] = field(default_factory=list)
    revenue_may_include_vat: bool = False
    revenue_from_quantity: bool = False
    status_left_out: dict[str, int] = field(default_factory=dict)
    currency: str | None = None
    other_currency_lines: int = 0
    invoice_lines: bool = False
    period: str | None = None
    lines_used: int = 0
    lines_outside: int = 0
    credit_lines: int = 0
    merged_names: list[tuple[str, list[str]]] = field(default_factory=list)
    same_names: list[tuple[str, list[int]]] = field(default_factory=list)
    customers: int = 0

    def lines(self, lang: str | None = None) -> list[str]:
        """The report as sentences in ``lang``."""
        out = [text(f"load.kind.{self.kind}", lang, file=self.file)]
        if self.kind == "csv":
            assert self.delimiter is not None  # a text file always has one
            out.append(
                text(
                    "load.text_format",
                    lang,
                    encoding=self.encoding,
                    delimiter=text(f"load.delimiter.{_DELIMITER_NAMES[self.delimiter]}", lang),
                )
            )
        elif self.sheet:
            out.append(text("load.sheet", lang, sheet=self.sheet))
        out.append(text("load.header_row", lang, row=self.header_row))
        mapped = [f"{text(f'field.{f}', lang)} ← '{h}'" for f, h in self.columns.items()]
        out.append(text("load.columns", lang, columns=", ".join(mapped)))
        style = self.number_style or "none"
        out.append(text("load.number_style", lang, style=text(f"load.style.{style}", lang)))
        if self.status_left_out:
            listed = ", ".join(f"{word}: {n}" for word, n in self.status_left_out.items())
            out.append(text("load.status_left_out", lang, statuses=listed))
        if self.other_currency_lines:
            out.append(
                text(
                    "load.other_currency",
                    lang,
                    currency=self.currency,
                    count=format_number(self.other_currency_lines, lang),
                )
            )
        if self.revenue_from_quantity:
            out.append(text("load.from_quantity", lang))
        if self.revenue_may_include_vat:
            out.append(text("load.maybe_vat", lang, column=self.columns.get("revenue", "")))
        out += _first_ten(
            self.skipped,
            lambda row, reason: text(
                "load.skipped", lang, row=row, reason=text(f"load.skip.{reason}", lang)
            ),
            lang,
        )
        out += _first_ten(
            self.kept_totals,
            lambda row, label: text("load.kept_total", lang, row=row, label=label),
            lang,
        )
        out += _first_ten(
            self.same_names,
            lambda name, rows: text(
                "load.same_name", lang, name=name, rows=", ".join(map(str, rows))
            ),
            lang,
        )
        if self.invoice_lines:
            out.append(
                text(
                    "load.invoices",
                    lang,
                    period=self.period,
                    used=format_number(self.lines_used, lang),
                    outside=format_number(self.lines_outside, lang),
                    credits=format_number(self.credit_lines, lang),
                )
            )
            for shown, spellings in self.merged_names[:10]:
                out.append(text("load.merged", lang, name=shown, spellings=" / ".join(spellings)))
        out.append(text("load.customers", lang, count=format_number(self.customers, lang)))
        return out


class _Details(TypedDict, total=False):
    """The :class:`LoadReport` fields the assembly fills in, by name."""

    skipped: list[tuple[int, str]]
    data_rows: int
    kept_totals: list[tuple[int, str]]
    number_style: str | None
    same_names: list[tuple[str, list[int]]]
    invoice_lines: bool
    period: str | None
    lines_used: int
    lines_outside: int
    credit_lines: int
    merged_names: list[tuple[str, list[str]]]
    status_left_out: dict[str, int]
    currency: str | None
    other_currency_lines: int


Progress = Callable[[int, int], None]


def _first_ten(
    entries: Sequence[tuple[Any, Any]], line: Callable[..., str], lang: str | None
) -> list[str]:
    """The report's lines for the first ten ``entries`` of a kind (``line(*entry)``), and
    "… and N more" for the rest."""
    lines = [line(*entry) for entry in entries[:10]]
    more = [text("error.more_problems", lang, count=len(entries) - 10)] if len(entries) > 10 else []
    return lines + more


class LoadOptions(TypedDict, total=False):
    """The options of :func:`load_customers` after ``path`` and ``year``, by name."""

    date_from: dt.date | None
    date_to: dt.date | None
    sheet: str | None
    columns: Mapping[str, str] | None
    number_style: str | None
    date_order: str | None
    currency: str | None
    progress: bool | Progress | None
    slice_bytes: int


def load_customers(
    path: str | Path,
    *,
    year: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    number_style: str | None = None,
    date_order: str | None = None,
    currency: str | None = None,
    progress: bool | Progress | None = None,
    slice_bytes: int = SLICE_BYTES,
) -> tuple[pd.DataFrame, LoadReport]:
    """The canonical customer table from a customer list or invoice lines, and a report.

    ``columns`` maps fields to headers where the recognition needs help
    (``{"revenue": "Omzet 2025"}``). For invoice lines ``year`` or ``date_from``/``date_to``
    choose the period (not both); without them the file must hold one year only.
    ``number_style`` (``"comma"``: ``1.234,56``, ``"dot"``: ``1,234.56``) says how the
    amounts are written, where the evidence in a column is ambiguous or mixed; amounts written
    the other way are then errors. Without it each number column's style is decided from its
    cells. ``date_order`` (``"dmy"`` or ``"mdy"``) says how dates like ``10/06/2025`` are
    read, where a date column holds no value with a day above 12; without it the column's
    values decide (see :func:`klantlib.ingest.invoices.date_form`). ``currency`` (``"EUR"``): for
    invoice lines in several currencies, the one to add up (the others are left out, counted).

    ``progress``: ``None`` shows a progress bar (tqdm: in the notebook or on stderr) for text
    files over :data:`PROGRESS_BYTES`; ``True`` always, ``False`` never; a function is called
    as ``progress(bytes_read, file_bytes)`` after each batch instead. ``slice_bytes``: about
    how much of a text file one batch holds.
    """
    if number_style is not None and number_style not in NUMBER_STYLES:
        raise KlantlibError("error.number_style", value=number_style)
    if date_order is not None and date_order not in DATE_ORDERS:
        raise KlantlibError("error.date_order", value=date_order)
    source = inspect_source(path, sheet=sheet)
    try:
        return _load(
            source,
            year=year,
            date_from=date_from,
            date_to=date_to,
            columns=columns,
            number_style=number_style,
            date_order=date_order,
            currency=currency,
            progress=progress,
            slice_bytes=slice_bytes,
        )
    except InputError as exc:
        raise exc.with_source(source.path.name) from None


def _load(
    source: Source,
    *,
    year: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    columns: Mapping[str, str] | None,
    number_style: str | None,
    date_order: str | None,
    currency: str | None,
    progress: bool | Progress | None,
    slice_bytes: int,
) -> tuple[pd.DataFrame, LoadReport]:
    batches: Iterable[_Batch]
    period = _asked_period(year, date_from, date_to)
    sheet = None
    if source.kind == "spreadsheet":
        sheet, table, header_index = _spreadsheet_table(source, columns)
        mapping = recognise_line_columns(list(table.columns), columns, year=year)
        _refuse_repeated(mapping, list(table.columns), columns)
        _refuse_formulas_without_values(source, sheet, table, header_index, mapping)
        batches = [_FrameBatch(table, header_index + 2)] if len(table) else []
        size = 0
    else:
        layout = _text_layout(source, columns)
        header_index = layout.first_row - 2
        mapping = recognise_line_columns(layout.header, columns, year=year)
        _refuse_repeated(mapping, layout.header, columns)
        dictionary = [mapping["date"]] if "date" in mapping else []
        text_batches = read_text_batches(layout, dictionary=dictionary, slice_bytes=slice_bytes)
        batches = (_ArrowBatch(batch) for batch in text_batches)
        size = source.path.stat().st_size
    assembly = _Assembly(
        mapping,
        first_row=header_index + 2,
        period=period,
        number_style=number_style,
        date_order=date_order,
        currency=currency,
    )
    try:
        with _progress(progress, size, source.path.name) as advance:
            for batch in batches:
                assembly.add(batch)
                advance(batch.bytes_done)
        customers, details = assembly.finish()
    finally:
        assembly.close()
    report = LoadReport(
        file=source.path.name,
        kind=source.kind,
        encoding=source.encoding,
        delimiter=source.delimiter,
        sheet=sheet,
        header_row=header_index + 1,
        columns=dict(mapping.fields),
        customers=len(customers),
        revenue_may_include_vat="revenue" in mapping and may_include_vat(mapping["revenue"]),
        revenue_from_quantity="revenue" not in mapping,
        **details,
    )
    return customers, report


def _asked_period(
    year: int | None, date_from: dt.date | None, date_to: dt.date | None
) -> Period | None:
    if year is None and date_from is None and date_to is None:
        return None
    if year is not None and (date_from is not None or date_to is not None):
        raise KlantlibError("error.year_and_period", year=year)
    if date_from is not None and date_to is not None and date_from > date_to:
        raise KlantlibError(
            "error.period_reversed", start=date_from.isoformat(), end=date_to.isoformat()
        )
    return period_for_years((), year=year, start=date_from, end=date_to)


@contextlib.contextmanager
def _progress(progress: bool | Progress | None, size: int, name: str) -> Iterator[Callable]:
    """A function to call with the bytes read so far: a progress bar, the caller's, or none."""
    if callable(progress):
        yield lambda done: progress(min(done, size), size)
        return
    if progress is False or (progress is None and size <= PROGRESS_BYTES):
        yield lambda done: None
        return
    from tqdm.auto import tqdm

    bar = tqdm(
        total=size,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc=text("load.progress", file=name),
        leave=False,
    )

    def advance(done: int) -> None:
        bar.update(min(done, size) - bar.n)

    try:
        yield advance
    finally:
        bar.close()


# --------------------------------------------------------------------------------------------
# The rows above the data
# --------------------------------------------------------------------------------------------


def _spreadsheet_table(
    source: Source, columns: Mapping[str, str] | None
) -> tuple[str, pd.DataFrame, int]:
    """The sheet's name, its cells under its header row, and the header row's index."""
    sheet, rows = read_sheet(source)
    for number, row in enumerate(rows, start=1):
        if any(isinstance(cell, str) and len(cell) > CELL_LIMIT for cell in row):
            raise InputError([Notice("error.cell_too_large", {"row": number})])
    header_index = find_header_row(rows, columns, look_at=HEADER_SEARCH_ROWS)
    header = _unique_headers(rows[header_index] if rows else [])
    body = [list(r) + [""] * (len(header) - len(r)) for r in rows[header_index + 1 :]]
    table = pd.DataFrame([r[: len(header)] for r in body], columns=header, dtype=object)
    return sheet, table.fillna(""), header_index


def _text_layout(source: Source, columns: Mapping[str, str] | None) -> TextLayout:
    """Where the header row of a text file is, its column names and where the data start."""
    lines = read_head(source)
    encoding = stream_encoding(source.encoding)
    records = list(
        itertools.islice(
            head_records(lines, encoding, source.delimiter or ",", source.boundaries),
            HEADER_SEARCH_ROWS,
        )
    )
    head = [cells for cells, _ in records]
    header_index = find_header_row(head, columns, look_at=HEADER_SEARCH_ROWS)
    header = _unique_headers(head[header_index] if head else [])
    lines_used = records[header_index][1] if records else len(lines)
    aligned = source.delimiter == " "
    header_line = (
        lines[lines_used - 1].decode(encoding, errors="ignore").replace("\f", "").strip()
        if aligned and records
        else ""
    )
    return TextLayout(
        path=source.path,
        # a space-aligned text's cells are cut from decoded lines: Arrow strings either way
        encoding="utf-8" if aligned else encoding,
        file_encoding=source.encoding or "utf-8",
        delimiter=source.delimiter or ",",
        header=header,
        data_start=sum(len(line) for line in lines[:lines_used]),
        first_row=header_index + 2,
        boundaries=source.boundaries,
        header_line=header_line,
    )


def _refuse_formulas_without_values(
    source: Source, sheet: str, table: pd.DataFrame, header_index: int, mapping: ColumnMap
) -> None:
    """A formula cell that was never calculated (a file written by a program, not saved by
    Excel) reads as empty: it would be an "empty cell", or an invoice line left out without a
    word. When the amount or name columns have empty cells, an ``.xlsx`` is asked whether they
    hold formulas; those are refused, with the way on (open the file in Excel and save it)."""
    if source.path.suffix.lower() not in (".xlsx", ".xlsm") or not len(table):
        return
    fields = [f for f in ("revenue", "quantity", "unit_price", "name") if f in mapping]
    positions = [
        (int(row) + header_index + 2, list(table.columns).index(mapping[f]) + 1, mapping[f])
        for f in fields
        for row in np.flatnonzero(table[mapping[f]].astype(str).str.strip().eq("").to_numpy())
    ]
    if not positions:
        return
    import openpyxl

    book = openpyxl.load_workbook(source.path, read_only=True, data_only=False)
    try:
        cells = book[sheet]
        found = []
        wanted = {(r, c): h for r, c, h in positions}
        first = min(r for r, _, _ in positions)
        last = max(r for r, _, _ in positions)
        for number, row in enumerate(cells.iter_rows(min_row=first, max_row=last), first):
            for column, cell in enumerate(row, 1):  # empty cells carry no row or column
                header = wanted.get((number, column))
                value = getattr(cell, "value", None)
                if header and isinstance(value, str) and value.startswith("="):
                    found.append((number, header, value))
    finally:
        book.close()
    if found:
        raise InputError(
            [
                Notice("error.formula_without_value", {"row": r, "column": h, "value": v})
                for r, h, v in found[:MAX_KEPT]
            ],
            count=len(found),
        )


def _refuse_repeated(
    mapping: ColumnMap, header: list[str], overrides: Mapping[str, str] | None
) -> None:
    """Two columns with one name (``Omzet`` and ``Omzet``): taking the first without a word
    could take the wrong one. Refused, naming both columns, unless ``--column`` said which
    (the second one is called ``Omzet (2)``)."""
    from openpyxl.utils import get_column_letter

    problems = []
    for field_name, chosen in mapping.fields.items():
        if overrides and field_name in overrides:
            continue
        base = re.sub(r" \(\d+\)$", "", chosen)
        twins = [
            i
            for i, name in enumerate(header)
            if name == base or re.fullmatch(re.escape(base) + r" \(\d+\)", name)
        ]
        if len(twins) > 1:
            problems.append(
                Notice(
                    "error.repeated_column",
                    {
                        "field": Notice(f"field.{field_name}"),
                        "field_code": field_name,
                        "header": base,
                        "letters": [get_column_letter(i + 1) for i in twins],
                        "first": header[twins[0]],
                        "second": header[twins[1]],
                    },
                )
            )
    if problems:
        raise InputError(problems)


def _unique_headers(cells: Sequence[object]) -> list[str]:
    """Headers as text, empty ones named by position, repeats numbered (``Bedrag (2)``)."""
    seen: dict[str, int] = {}
    out = []
    for position, cell in enumerate(cells):
        name = cell_text(cell) or f"({position + 1})"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


# --------------------------------------------------------------------------------------------
# Batches: a sheet's cells, or a slice of a text file
# --------------------------------------------------------------------------------------------


class _Batch:
    """Rows of a file: ``first_row`` is the spreadsheet row of the first, the rest follow."""

    first_row: int
    size: int
    bytes_done: int
    encoding: str = "utf-8"  # of the binary arrays :meth:`keys` gives

    def blank(self) -> np.ndarray:
        """Rows whose cells are all empty or spaces."""
        raise NotImplementedError

    @functools.cached_property
    def layout_rows(self) -> np.ndarray:
        """:meth:`layout`, worked out once per batch."""
        return self.layout()

    def layout(self) -> np.ndarray:
        """Rows that are a report's layout, no customer: a rule drawn with dashes, plus signs
        or bars in every filled cell (``-----+-----``, as database tools and printed reports
        draw them), or for a space-aligned text the header printed again."""
        return np.zeros(self.size, dtype=bool)

    def empty(self, header: str, rows: np.ndarray) -> np.ndarray:
        """Of ``rows``, those whose cell in ``header`` is empty or spaces (a mask over rows)."""
        raise NotImplementedError

    def total(self, header: str) -> np.ndarray:
        """Rows whose cell in ``header`` says it is a total (``Totaal``, ``Subtotaal``)."""
        raise NotImplementedError

    def cells(self, header: str, keep: np.ndarray | None) -> pd.Series:
        """The column's cells (positions as index); dropped rows (``~keep``) read as empty."""
        raise NotImplementedError

    def keys(self, name: str, header: str, rows: np.ndarray) -> pa.Array:
        """The id (``name="customer_id"``) or name cells of ``rows``, to add up by (Arrow
        string or binary, see :func:`klantlib.ingest.textfile.decode`)."""
        raise NotImplementedError

    def distinct_keys(self, header: str, keep: np.ndarray) -> tuple[bool, pd.Series]:
        """Whether a kept row repeats another's cell exactly, and the distinct cells as text."""
        raise NotImplementedError


def _is_total(cells: pd.Series) -> np.ndarray:
    return cells.astype(str).str.strip().str.match(_TOTAL).to_numpy(dtype=bool, na_value=False)


class _FrameBatch(_Batch):
    """A spreadsheet's rows: cells as the reader gives them (numbers, dates, text)."""

    def __init__(self, table: pd.DataFrame, first_row: int) -> None:
        self.table = table
        self.first_row = first_row
        self.size = len(table)
        self.bytes_done = 0

    def blank(self) -> np.ndarray:
        cells = self.table.astype(str).apply(lambda c: c.str.strip())
        return (cells == "").all(axis=1).to_numpy(dtype=bool)

    def layout(self) -> np.ndarray:
        # Only rows whose first cell is empty or starts with a rule's character are looked at.
        ruler = np.zeros(self.size, dtype=bool)
        if not self.size or self.table.shape[1] == 0:
            return ruler
        first = self.table.iloc[:, 0].map(cell_text).str.strip().str[:1]
        rows = np.flatnonzero(first.isin(["", *LAYOUT_STARTS]).to_numpy(dtype=bool))
        if rows.size:
            ruler[rows] = _rules(self.table.iloc[rows].map(cell_text))
        return ruler

    def empty(self, header: str, rows: np.ndarray) -> np.ndarray:
        return self.table[header].iloc[rows].map(cell_text).eq("").to_numpy(dtype=bool)

    def total(self, header: str) -> np.ndarray:
        return _is_total(self.table[header])

    def cells(self, header: str, keep: np.ndarray | None) -> pd.Series:
        values = self.table[header].reset_index(drop=True)
        return values if keep is None or keep.all() else values.where(keep, "")

    def keys(self, name: str, header: str, rows: np.ndarray) -> pa.Array:
        values = self.table[header].iloc[rows]
        if name == "customer_id":
            return pa.array(values.map(cell_text).tolist(), pa.string())
        return pa.array(values.astype("string").tolist(), pa.string())

    def distinct_keys(self, header: str, keep: np.ndarray) -> tuple[bool, pd.Series]:
        values = self.table[header][keep].astype(str)
        return bool(values.duplicated().any()), pd.Series(values.unique(), dtype="str")


class _ArrowBatch(_Batch):
    """A slice of a text file: cells as Arrow arrays in the file's bytes."""

    def __init__(self, batch: TextBatch) -> None:
        self.batch = batch
        self.columns = batch.columns
        self.first_row = batch.first_row
        self.size = batch.size
        self.bytes_done = batch.bytes_done
        self.encoding = batch.encoding

    def layout(self) -> np.ndarray:
        if self.batch.layout_rows is not None:  # a space-aligned text: found as it was cut
            return self.batch.layout_rows
        # Only rows whose first cell starts with a rule's character are looked at (a rule
        # without the delimiter is one cell, the first), so a large file costs one byte a row.
        ruler = np.zeros(self.size, dtype=bool)
        first = next(iter(self.columns.values()), None)
        if first is None or not self.size:
            return ruler
        rows = np.flatnonzero(_first_byte_in(first, _RULER_FIRST, empty=False))
        if rows.size:
            taken = pa.array(rows)
            cells = pd.DataFrame(
                {
                    h: pd.Series(self.batch.text(h).take(taken).to_pylist(), dtype="str")
                    for h in self.columns
                }  # fmt: skip
            ).fillna("")
            ruler[rows] = _rules(cells)
        return ruler

    def blank(self) -> np.ndarray:
        # Most rows show a visible first character in some cell; only the others are looked
        # at closely (decoded and trimmed).
        rows = np.arange(self.size)
        for array in self.columns.values():
            if not rows.size:
                break
            part = array if rows.size == self.size else array.take(pa.array(rows))
            rows = rows[_maybe_blank(part)]
        blank = np.zeros(self.size, dtype=bool)
        if rows.size:
            candidates = pa.array(rows)
            empty = np.ones(rows.size, dtype=bool)
            for header in self.columns:
                cells = pd.Series(self.batch.text(header).take(candidates).to_pylist(), dtype="str")
                empty &= cells.fillna("").str.strip().eq("").to_numpy(dtype=bool)
            blank[rows[empty]] = True
        return blank

    def empty(self, header: str, rows: np.ndarray) -> np.ndarray:
        # Only cells without a visible first character are decoded and trimmed.
        empty = np.zeros(rows.size, dtype=bool)
        if rows.size:
            maybe = np.flatnonzero(_maybe_blank(self.columns[header].take(pa.array(rows))))
            if maybe.size:
                cells = self.batch.text(header).take(pa.array(rows[maybe])).to_pylist()
                empty[maybe] = [not (cell or "").strip() for cell in cells]
        return empty

    def total(self, header: str) -> np.ndarray:
        # A total's label starts with (spaces and) sub, eind, grand, tota, som or sum in any
        # case: only cells starting that way (or with a space or a non-ASCII letter) are
        # matched against the full pattern, each distinct one once.
        array = self.columns[header]
        candidates = _first_byte_in(array, _TOTAL_FIRST, empty=False)
        maybe = np.flatnonzero(candidates)
        if maybe.size:
            second, _ = leading_bytes(array.take(pa.array(maybe)), 2)
            pair = (second[:, 0] | 0x20).astype(np.uint16) << 8 | (second[:, 1] | 0x20)
            visible = (second[:, 0] > 0x20) & (second[:, 0] < 0x7F)
            candidates[maybe] = _TOTAL_STARTS[pair] | ~visible
        total = np.zeros(self.size, dtype=bool)
        rows = np.flatnonzero(candidates)
        if rows.size:
            labels = array.take(pa.array(rows))
            distinct = pc.unique(labels)
            totals = distinct.filter(
                pa.array(_is_total(_as_series(decode(distinct, self.encoding))))
            )
            if len(totals):
                total[rows] = pc.is_in(labels, value_set=totals).to_numpy(zero_copy_only=False)
        return total

    def cells(self, header: str, keep: np.ndarray | None) -> pd.Series:
        array = self.batch.text(header)
        dropped = keep is not None and not keep.all()
        if pa.types.is_dictionary(array.type):
            codes = array.indices.fill_null(-1) if array.indices.null_count else array.indices
            codes = codes.to_numpy(zero_copy_only=False)
            if dropped:
                assert keep is not None  # dropped says so
                codes = np.where(keep, codes, -1)
            categories = array.dictionary.to_pylist()
            return pd.Series(pd.Categorical.from_codes(codes.astype(np.int32), categories))
        if dropped:
            array = pc.if_else(pa.array(keep), array, pa.scalar("", pa.string()))
        return _as_series(array)

    def keys(self, name: str, header: str, rows: np.ndarray) -> pa.Array:
        array = self.columns[header]
        return array if rows.size == self.size else array.take(pa.array(rows))

    def distinct_keys(self, header: str, keep: np.ndarray) -> tuple[bool, pd.Series]:
        array = self.columns[header]
        if not keep.all():
            array = array.filter(pa.array(keep))
        distinct = pc.unique(array)
        texts = _as_series(decode(distinct, self.encoding))
        return len(distinct) < len(array), texts


def _as_series(array: pa.Array) -> pd.Series:
    """Arrow strings as a pandas "str" Series (no copy of the text)."""
    return pd.Series(pd.array(array, dtype="str"))


def _first_byte_in(array: pa.Array, marked: np.ndarray, *, empty: bool) -> np.ndarray:
    """Cells whose first byte ``marked`` marks (a table of 256); an empty or null cell is
    ``empty``. A dictionary column is looked at once per distinct value."""
    if pa.types.is_dictionary(array.type):
        labels = _first_byte_in(array.dictionary, marked, empty=empty)
        codes = array.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return np.append(labels, empty)[codes]
    first, lengths = leading_bytes(array, 1)
    return np.where(lengths > 0, marked[first[:, 0]], empty)


def _maybe_blank(array: pa.Array) -> np.ndarray:
    """Cells that are empty or do not start with a visible ASCII character."""
    return _first_byte_in(array, _INVISIBLE_FIRST, empty=True)


def _rules(cells: pd.DataFrame) -> np.ndarray:
    """Rows of ``cells`` (text) that are a report's layout: a drawn rule (every cell dashes,
    plus signs, bars or nothing, and not every cell empty), or a database tool's row count
    (``(2 rows)``) alone in the first cell."""
    stripped = cells.apply(lambda column: column.str.strip())
    is_rule = stripped.apply(lambda column: column.str.fullmatch(RULE_TEXT)).all(axis=1)
    is_count = stripped.iloc[:, 0].str.fullmatch(ROW_COUNT_TEXT) & (stripped.iloc[:, 1:] == "").all(
        axis=1
    )
    return ((is_rule & (stripped != "").any(axis=1)) | is_count).to_numpy(dtype=bool)


_RULER_FIRST = np.zeros(256, dtype=bool)  # a first byte that may start a layout line
_RULER_FIRST[[ord(c) for c in LAYOUT_STARTS]] = True
_INVISIBLE_FIRST = np.ones(256, dtype=bool)  # a first byte that is no visible ASCII character
_INVISIBLE_FIRST[0x21:0x7F] = False

_TOTAL_STARTS = np.zeros(1 << 16, dtype=bool)  # the first two letters of a total's label
_TOTAL_STARTS[[ord(a) << 8 | ord(b) for a, b in ("su", "so", "ei", "gr", "to")]] = True
_TOTAL_FIRST = np.ones(256, dtype=bool)  # a first byte that may start a total's label
_TOTAL_FIRST[0x21:0x7F] = False
_TOTAL_FIRST[[ord(c) for c in "sSeEgGtT"]] = True


# --------------------------------------------------------------------------------------------
# Putting the batches together
# --------------------------------------------------------------------------------------------

_FAILED = "failed"  # a number column whose style could not be decided: its error is given
_WORKERS = 2


@dataclass
class _Lines:
    """What one batch of invoice lines adds: its problems, or its sums per customer."""

    problems: dict[str, Problems]
    part: pa.Table | None = None
    years: set[int] = field(default_factory=set)
    days: tuple[np.datetime64, np.datetime64] | None = None  # the first and last date seen
    left_out: collections.Counter = field(default_factory=collections.Counter)  # by status
    unknown_status: dict[str, int] = field(default_factory=dict)  # value -> its first row
    currencies: collections.Counter = field(default_factory=collections.Counter)
    status_known: bool = False  # a status word the kit knows was seen


class _Assembly:
    """What the batches add up to; decisions taken once per file hold for later batches."""

    def __init__(
        self,
        mapping: ColumnMap,
        *,
        first_row: int,
        period: Period | None,
        number_style: str | None = None,
        date_order: str | None = None,
        currency: str | None = None,
    ) -> None:
        self.mapping = mapping
        self.date_order = date_order
        self.currency = currency.strip().upper() if currency else None
        self.left_out: collections.Counter = collections.Counter()
        self.status_known = False
        self.unknown_status: dict[str, int] = {}
        self.currencies: collections.Counter = collections.Counter()
        self.evidence: list[DateEvidence] = []  # what the date column said so far
        self.undated: list[tuple[_Batch, np.ndarray]] = []  # lines waiting for the date form
        self.first_row = first_row
        self.period = period
        # No revenue column: each line's amount is quantity × unit price (exact, in units).
        self.from_quantity = "revenue" not in mapping
        self.number_fields = [
            name
            for name in (
                *(("unit_price", "quantity") if self.from_quantity else ("revenue",)),
                *(c for c, kind in OPTIONAL_COLUMNS.items() if kind == "number"),
            )
            if name in mapping
        ]
        self.labels = [mapping[f] for f in ("name", "customer_id") if f in mapping]
        self.invoices = False  # decided as soon as a customer repeats
        self.window: list[tuple[_Batch, np.ndarray]] = []  # batches until then
        self.seen: set[str] = set()
        self.styles: dict[str, str | None] = dict.fromkeys(self.number_fields, number_style)
        self.problems = {f: Problems() for f in (*self.number_fields, "date", "name")}
        self.skipped: list[tuple[int, str]] = []
        self.kept_totals: list[tuple[int, str]] = []  # looked like totals, kept as customers
        self.trailing_blank: list[tuple[int, str]] = []
        self.kept = 0
        self.form: str | None = None
        self.parts: list[pa.Table] = []
        self.years: set[int] = set()
        self.days: tuple[np.datetime64, np.datetime64] | None = None
        self.encoding = "utf-8"
        self.pending: collections.deque = collections.deque()
        self.executor: ThreadPoolExecutor | None = None

    # ---- every batch

    def add(self, batch: _Batch) -> None:
        self.encoding = batch.encoding
        if self.invoices and self._settled():
            # Everything is decided: batches are read in worker threads (Arrow and numpy let
            # go of the GIL), and what they found is taken in file order.
            self.pending.append((batch, self._pool().submit(self._work, batch)))
            while len(self.pending) > _WORKERS:
                self._take_next()
            return
        self._take_all()
        blank, total, unsure = self._masks(batch)
        keep = self._record(batch, blank, total, unsure)
        if self.invoices:
            self._read_dated([(batch, keep)])
            return
        self.window.append((batch, keep))
        if "date" in self.mapping and self._repeats(batch, keep):
            self.invoices = True
            window, self.window = self.window, []
            self._decide_styles(window)
            self._read_dated(window)

    def _read_dated(self, batches: list[tuple[_Batch, np.ndarray]], *, final: bool = False) -> None:
        """Read the lines of ``batches`` once the date column's form is known. While every date
        so far fits both day and month first, the batches wait for a date that decides (or,
        ``final``, the end of the file: then the order must be given)."""
        self.undated += batches
        if self.form is None or self.form == UNDECIDED:
            header = self.mapping["date"]
            self.evidence += [date_evidence(b.cells(header, k)) for b, k in batches]
            self.form = form_from(self.evidence, order=self.date_order, column=header, final=final)
            if self.form == UNDECIDED:
                return
        waiting, self.undated = self.undated, []
        for batch, keep in waiting:
            self._merge(self._read_lines(batch, keep))

    def _settled(self) -> bool:
        """Every decision a later batch could change is taken."""
        return self.form not in (None, UNDECIDED) and all(
            self.styles.get(name) is not None for name in self.number_fields
        )

    def _pool(self) -> ThreadPoolExecutor:
        if self.executor is None:
            self.executor = ThreadPoolExecutor(_WORKERS, thread_name_prefix="klantlib-load")
        return self.executor

    def _work(self, batch: _Batch) -> tuple[np.ndarray, np.ndarray, list, _Lines]:
        blank, total, unsure = self._masks(batch)
        return blank, total, unsure, self._read_lines(batch, ~(blank | total))

    def _take_next(self) -> None:
        batch, future = self.pending.popleft()
        blank, total, unsure, lines = future.result()
        self._record(batch, blank, total, unsure)
        self._merge(lines)

    def _take_all(self) -> None:
        while self.pending:
            self._take_next()

    def close(self) -> None:
        if self.executor is not None:
            for _, future in self.pending:
                future.cancel()
            self.executor.shutdown(wait=True)
            self.executor = None

    def _masks(self, batch: _Batch) -> tuple[np.ndarray, np.ndarray, list[tuple[int, str]]]:
        """The batch's blank rows, its total rows (that are not blank), and the rows that look
        like a total but are kept as customers (spreadsheet row, label).

        A row is a total only when it looks like one as a whole: a total's label where the id
        belongs; or a name that is a total word ("Totaal", "Som") or "Totaal …" / "Total for …",
        on a row without an id of its own. "Total Energies Nederland" with its customer number
        is a customer. Without an id column, a name that only starts like a total ("Totaal
        Techniek B.V.") is kept, and the report says so."""
        blank = batch.blank() | batch.layout_rows
        total = np.zeros(batch.size, dtype=bool)
        unsure: list[tuple[int, str]] = []
        id_header = self.mapping.get("customer_id")
        for label in self.labels:
            looks = batch.total(label) & ~blank
            if not looks.any():
                continue
            if label == id_header:
                total |= looks  # a total's word where the customer's id belongs
                continue
            rows = np.flatnonzero(looks)
            names = batch.cells(label, None).iloc[rows].astype(str).reset_index(drop=True)
            if id_header is not None:
                ids = batch.cells(id_header, None).iloc[rows].astype(str).str.strip()
                own_id = ((ids != "") & (ids.str.lower() != "nan")).to_numpy(dtype=bool)
                whole = ~own_id
            else:
                whole = (names.str.match(_TOTAL_WORD) | names.str.match(_TOTAL_OF)).to_numpy(
                    dtype=bool
                )
            total[rows[whole]] = True
            unsure += [
                (batch.first_row + int(i), name.strip())
                for i, name in zip(rows[~whole].tolist(), names[~whole].tolist(), strict=True)
            ]
        return blank, total & ~blank, unsure

    def _record(
        self,
        batch: _Batch,
        blank: np.ndarray,
        total: np.ndarray,
        unsure: Sequence[tuple[int, str]] = (),
    ) -> np.ndarray:
        """Blank rows and total rows are dropped; each one is reported with its row. Rows that
        only look like totals are kept, and reported too."""
        self.kept_totals += list(unsure)
        keep = ~(blank | total)
        self.kept += int(keep.sum())
        rows = np.flatnonzero(blank | total)
        layout = batch.layout_rows
        entries = [
            (batch.first_row + int(i), "layout" if layout[i] else "blank" if blank[i] else "total")
            for i in rows.tolist()
        ]
        filled = np.flatnonzero(~blank & ~layout)
        # a report's layout rows are always named; blank rows only between rows of cells
        self.skipped += [entry for entry in entries if entry[1] == "layout"]
        entries = [entry for entry in entries if entry[1] != "layout"]
        if filled.size:
            last = batch.first_row + int(filled[-1])
            self.skipped += self.trailing_blank
            self.skipped += [entry for entry in entries if entry[0] <= last]
            self.trailing_blank = [entry for entry in entries if entry[0] > last]
        else:
            self.trailing_blank += entries
        return keep

    def _repeats(self, batch: _Batch, keep: np.ndarray) -> bool:
        """Invoice lines: some customer appears on more than one row."""
        key = self.mapping["customer_id" if "customer_id" in self.mapping else "name"]
        repeated, distinct = batch.distinct_keys(key, keep)
        if repeated:
            return True
        normal = distinct.str.strip().str.casefold()
        if normal.duplicated().any() or not self.seen.isdisjoint(normal):
            return True
        self.seen.update(normal)
        return False

    # ---- number styles

    def _decide_styles(self, window: list[tuple[_Batch, np.ndarray]]) -> dict[str, pd.Series]:
        """Each number column's style from the rows read so far; their cells by column."""
        columns = {}
        for name in self.number_fields:
            header = self.mapping[name]
            parts = [batch.cells(header, keep) for batch, keep in window]
            values = pd.concat(parts, ignore_index=True) if parts else pd.Series([], dtype="str")
            self._style(name, values, self.first_row)
            columns[name] = values
        return columns

    def _style(self, name: str, values: pd.Series, first_row: int) -> str | None:
        """The column's style: its own evidence, else the revenue column's; decided once the
        column shows evidence. A conflict or only ambiguous evidence is the column's error."""
        style = self.styles.get(name)
        if style is not None:
            return style
        fallback = self.styles.get("revenue") if name != "revenue" else None
        fallback = None if fallback == _FAILED else fallback
        header = self.mapping[name]
        try:
            own = detect_number_style(values, column=header, first_row=first_row)
        except InputError as exc:
            if fallback is not None and all(
                p.key == "error.amount_ambiguous" for p in exc.problems
            ):
                return fallback
            self.problems[name].add_error(exc)
            self.styles[name] = _FAILED
            return _FAILED
        if own is not None:
            self.styles[name] = own
            return own
        return fallback

    def _amounts(
        self, name: str, values: pd.Series, first_row: int, problems: Problems
    ) -> np.ndarray | None:
        style = self._style(name, values, first_row)
        if style == _FAILED:
            return None
        try:
            return parse_amounts(
                values, column=self.mapping[name], style=style, first_row=first_row
            ).to_numpy()
        except InputError as exc:
            problems.add_error(exc)
            return None

    def _failed(self) -> bool:
        return any(self.problems.values())

    # ---- invoice lines

    def _read_lines(self, batch: _Batch, keep: np.ndarray) -> _Lines:
        """The batch's amounts and dates read, its lines added up per customer id and name."""
        lines = _Lines({name: Problems() for name in self.problems})
        amounts = {
            name: self._amounts(
                name, batch.cells(self.mapping[name], keep), batch.first_row, lines.problems[name]
            )
            for name in self.number_fields
        }
        if self.from_quantity:
            amounts["revenue"] = _line_amounts(amounts.get("quantity"), amounts.get("unit_price"))
        header = self.mapping["date"]
        cells = batch.cells(header, keep)
        if self.form is None:
            self.form = date_form(cells, order=self.date_order, column=header)
        try:
            dates = parse_dates(
                cells, column=header, first_row=batch.first_row, form=self.form
            ).to_numpy(dtype="datetime64[ns]")
        except InputError as exc:
            lines.problems["date"].add_error(exc)
            return lines
        revenue = amounts["revenue"]
        if revenue is None or self._failed() or any(lines.problems.values()):
            return lines
        days = dates.astype("datetime64[D]")
        dated = keep & ~np.isnat(days)
        if dated.any():
            lines.days = (days[dated].min(), days[dated].max())
        used = dated & ~np.isnan(revenue)
        columns: dict[str, object] = {}
        if self.period is None:
            years = days.astype("datetime64[Y]").astype(np.int64) + 1970
            lines.years.update(np.unique(years[dated]).tolist())
        else:
            start = np.datetime64(self.period.start, "D")
            end = np.datetime64(self.period.end, "D")
            used &= (days >= start) & (days <= end)
        if "status" in self.mapping:
            used &= self._status_counts(batch, keep, used, lines)
        if "currency" in self.mapping:
            used &= self._currency_counts(batch, keep, used, lines)
        self._check_names(batch, keep, used, lines)
        rows = np.flatnonzero(used)
        keys = ["name"]
        columns["name"] = batch.keys("name", self.mapping["name"], rows)
        if "customer_id" in self.mapping:
            columns["customer_id"] = batch.keys("customer_id", self.mapping["customer_id"], rows)
            keys.append("customer_id")
        if self.period is None:
            columns["year"] = years[rows]
            keys.append("year")
        amounts_used = revenue[rows]
        columns["revenue"] = to_units(amounts_used)  # added up exactly, rounded once at the end
        columns["credits"] = (amounts_used < 0).astype(np.int64)
        part = pa.table(columns).group_by(keys, use_threads=False)
        lines.part = part.aggregate([("revenue", "sum"), ("revenue", "count"), ("credits", "sum")])
        return lines

    def _check_names(
        self, batch: _Batch, keep: np.ndarray, used: np.ndarray, lines: _Lines
    ) -> None:
        """A line that counts needs its customer's name: an empty one is named with the file's
        row and column (after adding up, the row would be the customer table's)."""
        header = self.mapping["name"]
        rows = np.flatnonzero(used)
        empty = rows[batch.empty(header, rows)]
        if empty.size:
            lines.problems["name"].add(
                [
                    Notice(
                        "error.missing_value", {"row": batch.first_row + int(i), "column": header}
                    )
                    for i in empty[:MAX_KEPT]
                ],
                count=int(empty.size),
            )

    def _status_counts(
        self, batch: _Batch, keep: np.ndarray, used: np.ndarray, lines: _Lines
    ) -> np.ndarray:
        """Which lines count by their status: paid, completed and the like do; failed,
        cancelled, draft, unpaid and the like are left out (and counted); a status the kit
        does not know is refused at the end, listed, rather than guessed."""
        rows = np.flatnonzero(used)
        words = batch.cells(self.mapping["status"], keep).astype(str).str.strip().str.casefold()
        words = words.iloc[rows].reset_index(drop=True)
        left_out = words.isin(STATUS_LEFT_OUT).to_numpy(dtype=bool)
        counted = words.isin(STATUS_COUNTED).to_numpy(dtype=bool)
        lines.left_out.update(words[left_out].value_counts().to_dict())
        lines.status_known = bool(counted.any())
        unknown = words[~left_out & ~counted & ~words.isin(["", "nan"]).to_numpy(dtype=bool)]
        for at, word in unknown.drop_duplicates().items():  # refused at the end, listed
            lines.unknown_status.setdefault(str(word), batch.first_row + int(rows[at]))
        counts = np.ones(batch.size, dtype=bool)
        counts[rows[left_out]] = False
        return counts

    def _currency_counts(
        self, batch: _Batch, keep: np.ndarray, used: np.ndarray, lines: _Lines
    ) -> np.ndarray:
        """The lines per currency; with ``currency`` chosen, only its lines count."""
        codes = (
            batch.cells(self.mapping["currency"], keep).astype(str).str.strip().str.upper()
        ).to_numpy(dtype=object)
        lines.currencies.update(pd.Series(codes[used], dtype=object).value_counts().to_dict())
        if self.currency is None:
            return np.ones(batch.size, dtype=bool)
        return codes == self.currency

    def _merge(self, lines: _Lines) -> None:
        self.status_known |= lines.status_known or bool(lines.left_out)
        self.left_out.update(lines.left_out)
        self.currencies.update(lines.currencies)
        for word, row in lines.unknown_status.items():
            self.unknown_status.setdefault(word, row)
        for name, problems in lines.problems.items():
            self.problems[name].merge(problems)
        if lines.part is not None and not self._failed():
            self.parts.append(lines.part)
        self.years |= lines.years
        if lines.days is not None:
            first, last = lines.days
            if self.days is not None:
                first, last = min(first, self.days[0]), max(last, self.days[1])
            self.days = (first, last)

    def _raise_problems(self) -> None:
        found = Problems()
        for name in (*self.number_fields, "date", "name"):
            found.merge(self.problems[name])
        if found:
            raise found.error()

    # ---- the end

    def finish(self) -> tuple[pd.DataFrame, _Details]:
        self._take_all()
        if self.undated:
            self._read_dated([], final=True)
        details: _Details = {
            "skipped": sorted(self.skipped),
            "data_rows": self.kept,
            "kept_totals": self._kept_totals(),
        }
        if not self.invoices:
            customers, details["same_names"] = self._customer_list()
        else:
            self._raise_problems()
            customers, more = self._invoice_customers()
            details.update(more)
        revenue_style = self.styles.get("revenue")
        details["number_style"] = None if revenue_style == _FAILED else revenue_style
        return customers, details

    def _kept_totals(self) -> list[tuple[int, str]]:
        """The rows kept although they looked like totals: each label once, at its first row."""
        first: dict[str, int] = {}
        for row, label in self.kept_totals:
            first.setdefault(label, row)
        return sorted((row, label) for label, row in first.items())

    def _customer_list(self) -> tuple[pd.DataFrame, list[tuple[str, list[int]]]]:
        """A customer list: one row per customer, read whole; and the names that more than
        one row carries when there are no customer ids (kept apart, said in the report)."""
        window, self.window = self.window, []
        mapping = self.mapping
        headers = list(dict.fromkeys(mapping.fields.values()))
        if window:
            table = pd.DataFrame(
                {
                    h: pd.concat([b.cells(h, None) for b, _ in window], ignore_index=True)
                    for h in headers
                }
            )
            keep = np.concatenate([k for _, k in window])
        else:
            table = pd.DataFrame({h: pd.Series([], dtype="str") for h in headers})
            keep = np.zeros(0, dtype=bool)
        kept = pd.Series(keep, index=table.index)
        numbers = {}
        blanked = self._decide_styles([(_FrameBatch(table, self.first_row), keep)])
        for name in self.number_fields:
            values = self._amounts(name, blanked[name], self.first_row, self.problems[name])
            if values is not None:
                numbers[name] = pd.Series(values, index=table.index)
        self._raise_problems()
        if self.from_quantity:
            line = _line_amounts(numbers.pop("quantity", None), numbers.pop("unit_price", None))
            if line is not None:
                numbers["revenue"] = pd.Series(line, index=table.index)
        rows = (self.first_row + np.flatnonzero(keep)).tolist()
        listed = pd.DataFrame(index=table.index)
        listed["customer_id"] = (
            table[mapping["customer_id"]] if "customer_id" in mapping else _numbered(table)
        )
        listed["name"] = table[mapping["name"]]
        for name, values in numbers.items():
            listed[name] = values
        if "revenue" in numbers:  # a half cent rounds up, as bookkeeping does
            revenue = numbers["revenue"].to_numpy(dtype="float64").copy()
            known = np.isfinite(revenue)
            revenue[known] = cents_half_up(to_units(revenue[known]))
            listed["revenue"] = revenue
        if "account_manager" in mapping:
            listed["account_manager"] = table[mapping["account_manager"]]
        listed = listed.loc[kept].reset_index(drop=True)
        _check_one_name_per_id(listed, rows)
        try:
            customers = customer_table(listed, rows=rows)
        except InputError as exc:
            raise _in_file_columns(exc, mapping) from None
        return customers, [] if "customer_id" in mapping else _same_names(listed["name"], rows)

    def _invoice_customers(self) -> tuple[pd.DataFrame, _Details]:
        """Invoice lines: the parts added up per customer over the period."""
        period = self.period or period_for_years(self.years)
        keys = ["name", *(["customer_id"] if "customer_id" in self.mapping else [])]
        if self.parts:
            parts = pa.concat_tables(self.parts)
            if self.period is None:
                parts = parts.filter(pc.equal(parts["year"], period.start.year))
            total = parts.group_by(keys, use_threads=False).aggregate(
                [("revenue_sum", "sum"), ("revenue_count", "sum"), ("credits_sum", "sum")]
            )
        else:
            total = None
        encoding = self.encoding
        sums = pd.DataFrame(
            {
                "customer_id": _texts(total, "customer_id", encoding).str.strip()
                if "customer_id" in self.mapping and total is not None
                else "",
                "name": _texts(total, "name", encoding).str.split().str.join(" ")
                if total is not None
                else pd.Series([], dtype="string"),
                "revenue": _numbers(total, "revenue_sum_sum", "int64") / UNITS_PER_EURO,
                "lines": _numbers(total, "revenue_count_sum", "int64"),
                "credits": _numbers(total, "credits_sum_sum", "int64"),
            }
        )
        self._refuse_status_and_currency()
        lines_used = int(sums["lines"].sum())
        if lines_used == 0 and self.days is not None:
            first, last = (str(day) for day in self.days)
            params: dict[str, object] = {"period": period.label(), "first": first, "last": last}
            raise InputError([Notice("error.no_lines_in_period", params)])
        result = aggregate_sums(
            sums,
            period,
            ids="customer_id" in self.mapping,
            lines_outside=self.kept - lines_used,
        )
        return customer_table(result.customers), {
            "invoice_lines": True,
            "period": period.label(),
            "lines_used": result.lines_used,
            "lines_outside": result.lines_outside,
            "credit_lines": result.credit_lines,
            "merged_names": result.merged_names,
            "status_left_out": dict(sorted(self.left_out.items())),
            "currency": self.currency or (next(iter(self.currencies)) if self.currencies else None),
            "other_currency_lines": sum(
                n for code, n in self.currencies.items() if self.currency and code != self.currency
            ),
        }

    def _refuse_status_and_currency(self) -> None:
        problems = []
        # A column of US states ("State": California) is no status column: only one that
        # holds a status the kit knows has its other values refused.
        if self.unknown_status and self.status_known:
            rows = sorted(self.unknown_status.items(), key=lambda item: item[1])
            problems.append(
                Notice(
                    "error.unknown_status",
                    {
                        "column": self.mapping["status"],
                        "values": [word for word, _ in rows],
                        "row": rows[0][1],
                    },
                )
            )
        if self.currency is None and len([c for c in self.currencies if c]) > 1:
            listed = [f"{code or '—'}: {n}" for code, n in sorted(self.currencies.items())]
            problems.append(
                Notice(
                    "error.several_currencies",
                    {"column": self.mapping["currency"], "currencies": listed},
                )
            )
        elif self.currency is not None and self.currency not in self.currencies:
            problems.append(
                Notice(
                    "error.currency_not_found",
                    {"currency": self.currency, "currencies": sorted(self.currencies)},
                )
            )
        if problems:
            raise InputError(problems)


def _in_file_columns(error: InputError, mapping: ColumnMap) -> InputError:
    """``error`` with each problem's column named as the file names it (``Omzet``, not the
    kit's ``revenue``)."""
    problems = [
        Notice(
            p.key,
            {
                **p.params,
                "column": _file_column(mapping, p.params.get("column")),
            },
        )
        if "column" in p.params
        else p
        for p in error.problems
    ]
    return InputError(problems, source=error.source, count=error.count)


def _file_column(mapping: ColumnMap, column: object) -> object:
    """The file's header for the kit's column name ``column`` (else ``column`` itself)."""
    return mapping.fields.get(column, column) if isinstance(column, str) else column


def _line_amounts(quantity: object, price: object) -> np.ndarray | None:
    """Quantity × unit price per line, to whole ten-thousandths of a euro (then the sums are
    exact); ``None`` while either column could not be read."""
    if quantity is None or price is None:
        return None
    product = np.asarray(quantity, dtype="float64") * np.asarray(price, dtype="float64")
    known = np.isfinite(product)
    product[known] = to_units(product[known]) / UNITS_PER_EURO
    return product


def _texts(table: pa.Table, column: str, encoding: str) -> pd.Series:
    values = decode(table[column].combine_chunks(), encoding).to_pylist()
    return pd.Series(values, dtype="string")


def _numbers(table: pa.Table | None, column: str, dtype: str) -> np.ndarray:
    if table is None:
        return np.zeros(0, dtype=dtype)
    return table[column].to_numpy().astype(dtype)


def _same_names(names: pd.Series, rows: list[int]) -> list[tuple[str, list[int]]]:
    """Names (as first written) that more than one row carries, with those rows."""
    key = names.astype(str).str.strip().str.casefold()
    repeated = key.duplicated(keep=False).to_numpy(dtype=bool)
    found: dict[str, tuple[str, list[int]]] = {}
    for i in np.flatnonzero(repeated).tolist():
        found.setdefault(key.iloc[i], (str(names.iloc[i]).strip(), []))[1].append(rows[i])
    return sorted(found.values(), key=lambda entry: entry[1][0])


def _numbered(table: pd.DataFrame) -> pd.Series:
    """Ids for a list without an id column: N1, N2, … in file order."""
    width = len(str(len(table)))
    return pd.Series([f"N{i + 1:0{width}d}" for i in range(len(table))], index=table.index)


def _check_one_name_per_id(listed: pd.DataFrame, rows: list[int]) -> None:
    """The same customer id with two different names is an error naming both rows."""
    ids = listed["customer_id"].map(cell_text)
    names = listed["name"].map(cell_text)
    first: dict[str, int] = {}
    problems = []
    for position, (cid, name) in enumerate(zip(ids, names, strict=True)):
        if not cid:
            continue
        if cid in first and names[first[cid]] != name:
            problems.append(
                Notice(
                    "error.id_two_names",
                    {
                        "row": rows[position],
                        "value": cid,
                        "name": name,
                        "first_row": rows[first[cid]],
                        "first_name": names[first[cid]],
                    },
                )
            )
        first.setdefault(cid, position)
    if problems:
        raise InputError(problems)
